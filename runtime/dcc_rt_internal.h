/* dcc_rt_internal.h - what the runtime's files share and users of dcc_rt.h never see. */
#ifndef DCC_RT_INTERNAL_H
#define DCC_RT_INTERNAL_H

#include <string.h>

#include "dcc_rt.h"

/* ---- byte scanning ------------------------------------------------------------------------- */

/* Eight bytes at a time on little-endian hosts (the first match is the lowest flagged byte);
 * byte by byte elsewhere. */
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define RT_SWAR 1
#else
#define RT_SWAR 0
#endif
#define RT_ONES 0x0101010101010101ull
#define RT_HIGHS 0x8080808080808080ull

/* High bit of each byte of w equal to c. Above the first such byte a flag may be false (a
 * borrow), so only the lowest flag is exact. */
static inline uint64_t rt_swar_eq(uint64_t w, unsigned char c)
{
    uint64_t x = w ^ (RT_ONES * c);
    return (x - RT_ONES) & ~x & RT_HIGHS;
}

/* High bit of each byte of w that is in [lo, hi] (lo >= 1, hi < 0x7F): exact for every byte,
 * since no addition carries out of a byte once the high bits are cleared. */
static inline uint64_t rt_swar_in(uint64_t w, unsigned char lo, unsigned char hi)
{
    uint64_t x = w & ~RT_HIGHS;
    return (x + RT_ONES * (0x80 - lo)) & ~(x + RT_ONES * (0x7F - hi)) & ~w & RT_HIGHS;
}

/* The number of flags (high bits of bytes, as rt_swar_eq and rt_swar_in set them) in m: one
 * multiply sums the bytes' flags into the top byte. __builtin_popcountll is a call into libgcc
 * without -mpopcnt, which the portable build does not assume. */
static inline size_t rt_swar_count(uint64_t m)
{
    return (size_t)(((m >> 7) * RT_ONES) >> 56);
}

/* memcmp(a, b, n) == 0 for the short texts of names and allowed values, without a call: two
 * overlapping loads of each side, never outside either text. Long texts take memcmp. */
static inline bool rt_eq(const char *a, const char *b, size_t n)
{
    if (n >= 8) {
        if (n > 16)
            return memcmp(a, b, n) == 0;
        uint64_t a0, b0, a1, b1;
        memcpy(&a0, a, 8);
        memcpy(&b0, b, 8);
        memcpy(&a1, a + n - 8, 8);
        memcpy(&b1, b + n - 8, 8);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    if (n >= 4) {
        uint32_t a0, b0, a1, b1;
        memcpy(&a0, a, 4);
        memcpy(&b0, b, 4);
        memcpy(&a1, a + n - 4, 4);
        memcpy(&b1, b + n - 4, 4);
        return ((a0 ^ b0) | (a1 ^ b1)) == 0;
    }
    return n == 0 || (a[0] == b[0] && a[n >> 1] == b[n >> 1] && a[n - 1] == b[n - 1]);
}

/* The first byte in [p, end) equal to a, b, c or e, or end. */
static inline const char *rt_find4(const char *p, const char *end, char a, char b, char c, char e)
{
#if RT_SWAR
    while (end - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t m = rt_swar_eq(w, (unsigned char)a) | rt_swar_eq(w, (unsigned char)b) |
                     rt_swar_eq(w, (unsigned char)c) | rt_swar_eq(w, (unsigned char)e);
        if (m)
            return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
#endif
    while (p < end && *p != a && *p != b && *p != c && *p != e)
        p++;
    return p;
}

/* The first byte in [p, end) equal to a, b or c, or end: rt_find4 with c twice, whose repeated
 * compare the compiler folds away. */
static inline const char *rt_find3(const char *p, const char *end, char a, char b, char c)
{
    return rt_find4(p, end, a, b, c, c);
}

/* The first byte in [p, end) equal to a, or end: memchr without a call, for the short runs
 * between the quotes of CSV cells. */
static inline const char *rt_find1(const char *p, const char *end, char a)
{
#if RT_SWAR
    while (end - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t m = rt_swar_eq(w, (unsigned char)a);
        if (m)
            return p + (__builtin_ctzll(m) >> 3);
        p += 8;
    }
#endif
    while (p < end && *p != a)
        p++;
    return p;
}

/* Zeroes [p, p+n) eight bytes at a time, writing up to 7 bytes past it: for the small per-record
 * flag arrays, allocated with RT_ZERO_SLACK spare bytes, where a memset call would cost more
 * than the stores. */
#define RT_ZERO_SLACK 8
static inline void rt_zero_slack(void *p, size_t n)
{
    static const uint64_t zero = 0;
    for (size_t i = 0; i < n; i += 8)
        memcpy((char *)p + i, &zero, 8);
}

/* ---- exact numbers (num.c): declared in rt_num.h, which the compiler shares ---------------- */
#include "rt_num.h"

/* ---- temporal values (temporal.c) ---------------------------------------------------------- */

/* An instant or a time of day: seconds since 1970-01-01T00:00:00Z (dates at midnight UTC; times
 * since midnight) and nanoseconds. Comparable with rt_tv_cmp. */
typedef struct {
    int64_t secs;
    int32_t nanos;
} TempVal;

/* Parse text of kind k (DCC_DATE, DCC_TIME, DCC_TIMESTAMP, DCC_TIMESTAMPTZ); false when invalid,
 * with *why set to a static reason. */
bool rt_temporal_parse(dcc_kind k, const char *s, size_t n, TempVal *out, const char **why);
int rt_tv_cmp(const TempVal *a, const TempVal *b);

/* Is s[0..20) a valid UTC timestamp of the shape programs write, YYYY-MM-DDTHH:MM:SSZ ('T' and
 * 'Z' either case)? Then rt_temporal_parse accepts it for DCC_TIMESTAMP and DCC_TIMESTAMPTZ,
 * and with len 10 (YYYY-MM-DD) for DCC_DATE. False decides nothing: rt_temporal_parse then
 * judges, and words the finding. */
static inline bool rt_date_plain_ok(const char *s)
{
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (unsigned)(s[i] - '0') > 9)
            return false;
    if (s[4] != '-' || s[7] != '-')
        return false;
    int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    int m = (s[5] - '0') * 10 + (s[6] - '0'), d = (s[8] - '0') * 10 + (s[9] - '0');
    if (m < 1 || m > 12 || d < 1)
        return false;
    if (d <= 28)
        return true;
    static const unsigned char mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int md = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
    return d <= md;
}
static inline bool rt_ts_plain_ok(const char *s)
{
    if (!rt_date_plain_ok(s) || (s[10] | 0x20) != 't' || (s[19] | 0x20) != 'z' || s[13] != ':' ||
        s[16] != ':')
        return false;
    static const unsigned char at[6] = {11, 12, 14, 15, 17, 18};
    for (int i = 0; i < 6; i++)
        if ((unsigned)(s[at[i]] - '0') > 9)
            return false;
    return (s[11] - '0') * 10 + (s[12] - '0') <= 23 && s[14] <= '5' && s[17] <= '5';
}

/* ---- text helpers (text.c) ------------------------------------------------------------------ */

/* Length of the valid UTF-8 prefix of [s, s+n): n when all is valid. */
size_t rt_utf8_valid_prefix(const unsigned char *s, size_t n);
/* Length of the valid UTF-8 sequence at s (n > 0 bytes, s[0] >= 0x80), or 0 when invalid. */
size_t rt_utf8_seq(const unsigned char *s, size_t n);
/* Code points in valid UTF-8. */
size_t rt_utf8_count(const unsigned char *s, size_t n);
/* Is [s, s+n) canonical-alphabet base64 with padding? *decoded gets the decoded byte count. */
bool rt_base64_check(const char *s, size_t n, size_t *decoded);
/* Is [s, s+n) a uuid: 8-4-4-4-12 hex digits, either case? SSE2 where the build has it (every
 * x86-64), else rt_uuid_check_portable, which the unit tests hold to the same answers. */
bool rt_uuid_check(const char *s, size_t n);
bool rt_uuid_check_portable(const char *s, size_t n);
/* Writes a printable, escaped, truncated (~40 bytes + "...") copy of [s, s+n) into out (at
 * least RT_EXCERPT_MAX bytes); always valid UTF-8 and NUL-terminated. Returns its length. */
#define RT_EXCERPT_MAX 64
size_t rt_excerpt(char *out, const char *s, size_t n);
/* rt_excerpt with room for `budget` bytes of escaped text instead of 40: out needs budget + 8.
 * Names from the input (CSV header cells) go into paths through it, so that no byte of them
 * reaches a report raw (a terminal escape, a newline forging a report line, invalid UTF-8). */
size_t rt_escape(char *out, size_t budget, const char *s, size_t n);

/* A 128-bit streaming hash for key sets (not adversarially robust). */
typedef struct { uint64_t a, b; } Hash128;
/* Two independently seeded 64-bit lanes fed a word at a time, finished with murmur3's fmix.
 * Inline: a key is a handful of words, hashed once a record. */
static inline void rt_hash_init(Hash128 *h)
{
    h->a = 0xcbf29ce484222325ull;
    h->b = 0x84222325cbf29ce4ull ^ 0x9e3779b97f4a7c15ull;
}
static inline void rt_hash_word(Hash128 *h, uint64_t w)
{
    uint64_t a = (h->a ^ w) * 0x100000001b3ull, b = (h->b ^ w) * 0x9e3779b97f4a7c15ull;
    h->a = a ^ a >> 32;
    h->b = b ^ b >> 29;
}
static inline uint64_t rt_hash_fmix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return k;
}
static inline void rt_hash_final(Hash128 *h)
{
    uint64_t a = rt_hash_fmix(h->a), b = rt_hash_fmix(h->b ^ a);
    h->a = a;
    h->b = b;
}
/* Whole words as rt_hash_word, then the tail of n % 8 bytes as one word (text.c). */
void rt_hash_bytes(Hash128 *h, const void *p, size_t n);

/* A set of keys by their 128-bit hashes, each with where it was first seen (a number of
 * RT_HASHSET_LOC_BITS bits): memory grows with distinct keys only, compactly.
 * The set is split by the top bits of h.b into RT_HASHSET_SEGS segments, each an open-addressing
 * table of 16-byte slots in buckets of one cache line (linear probing by bucket, text.c) that
 * grows by half when 7/8 full. A slot keeps 94 bits of the hash and the place (text.c says how).
 * Memory per key is 16 bytes / load, so 18 to 28 bytes (about 19.5 when sized once by
 * rt_hashset_reserve; docs/validation.md); growing one segment at a time copies only 1/64 of the
 * set, so the peak stays near that instead of the 48 bytes a key of a doubling single table. */
#define RT_HASHSET_SEG_BITS 6
#define RT_HASHSET_SEGS (1u << RT_HASHSET_SEG_BITS)
#define RT_HASHSET_BUCKET 4 /* slots a cache line */
#define RT_HASHSET_LOC_BITS 40
typedef struct {
    Hash128 *slots; /* .a 0: an empty slot */
    uint32_t cap, len;
    bool in_block; /* slots lie in HashSet.block (freed with it, not alone) */
} HashSeg;
typedef struct {
    HashSeg seg[RT_HASHSET_SEGS];
    size_t len;
    void *block; /* rt_hashset_reserve: one allocation holding the segments it sized */
} HashSet;
/* Adds h, first seen at loc (only its low RT_HASHSET_LOC_BITS bits are kept). Returns 1 when
 * added; 0 when already there, *first then being the place kept with it (low bits only: see
 * rt_hashset_loc); -1 out of memory. */
int rt_hashset_add(HashSet *s, Hash128 h, uint64_t loc, uint64_t *first);
/* Is h in the set? When it is, *loc is its place (low bits only). */
bool rt_hashset_find(const HashSet *s, Hash128 h, uint64_t *loc);
/* The whole place whose low bits were kept as `stored`, for a place at most 2^40 - 1 before
 * `now` (places are record ordinals, which only grow). */
uint64_t rt_hashset_loc(uint64_t now, uint64_t stored);
/* Makes room for about n hashes in all (a sizing hint: adding them then moves nothing). Returns
 * 0, or -1 out of memory (the set is unchanged but may hold less room than asked). */
int rt_hashset_reserve(HashSet *s, size_t n);
/* Starts loading the slot where h would go, so that adding it a little later does not wait on
 * memory (the sets outgrow the caches). */
void rt_hashset_prefetch(const HashSet *s, Hash128 h);
/* Bytes of slot memory the set holds. */
size_t rt_hashset_bytes(const HashSet *s);
void rt_hashset_free(HashSet *s);

/* ---- patterns (dcc_regex.c) ---------------------------------------------------------------- */

#define RT_DFA_FIX_MAX 64   /* longest fixed shape checked word-wide */
#define RT_DFA_FIX_RANGES 2 /* ASCII ranges a fixed shape's byte may lie in ([0-9a-f]: two) */
#define RT_DFA_ACCEL_MAX 7  /* accelerated states per pattern (they number 1..7 in flags >> 3) */
/* shorter inputs are walked through the tables without skipping: 16 lanes a compare pay from
 * an e-mail's length on, 8 from twice that */
#if defined(__SSE2__)
#define RT_DFA_ACCEL_MIN 16
#else
#define RT_DFA_ACCEL_MIN 32
#endif
#define RT_DFA_ACCEL_EXITS 16 /* most ASCII bytes that may leave an accelerated state */
#define RT_DFA_F_DEAD 4u    /* flags[0]: the dead state, so one test stops a search there */
#define RT_DFA_SPLIT_MAX 64 /* longest input walked as two chains (RtDfa.split_k) */

/* An accelerated state of an RtDfa (below): the bytes that may leave it. Stopping at a byte
 * that does not leave costs a table step, never an answer, so the sets may be larger. */
typedef struct {
    uint32_t row;              /* the state's row offset in RtDfa.next */
    /* up to 3 ranges of ASCII bytes that leave it, as the per-byte adders of a range test
     * (lo: 0x80 - first, hi: 0x7f - last); fewer than 3 repeat the first, none is 0, 0 */
    uint64_t lo[3], hi[3];
    uint64_t high;             /* RT_HIGHS when some byte >= 0x80 leaves it, else 0 */
    /* the same ranges for a 16-lane test, each byte repeated: b leaves when
     * (uint8_t)(b - rlo[k]) <= rlen[k] (an unsigned min and a compare); none is 0xff, 0,
     * which flags only the byte 0xff */
    uint8_t rlo[3][16], rlen[3][16];
    uint16_t high16;           /* 0xffff when some byte >= 0x80 leaves it, else 0 */
} RtDfaAccel;

/* A pattern's DFA in the form the runtime searches: transitions premultiplied by the number of
 * classes (a state is its row offset), so a byte costs two loads and an add, no multiply. */
typedef struct {
    const uint8_t *byte_class; /* [256], the dcc_dfa's */
    uint32_t *next;            /* [nstates * nclasses]: row offset of the next state */
    /* [nstates * nclasses]: at a row offset, the state's accept bits, RT_DFA_F_DEAD for the
     * dead state, and (bits 3..5) 1 + its index in accel when it is accelerated */
    uint8_t *flags;
    uint32_t start;            /* row offset of the start state */
    /* Small tables also step two bytes at a time, halving the chain of dependent loads a
     * search waits on: a row holds nclasses^2 pair cells (index class(b0) * nclasses +
     * class(b1)) then nclasses single cells for an odd last byte. NULL when too large. */
    uint32_t *next2;           /* [nstates * (nclasses^2 + nclasses)]: row offset, two steps on */
    uint8_t *flags2;           /* like flags, at next2's row offsets */
    uint16_t *class_hi;        /* [256]: class(b) * nclasses */
    uint32_t start2;           /* next2 row offset of the start state */
    uint32_t single2;          /* nclasses^2: where a next2 row's single-byte cells begin */
    /* With pair tables: when every input that is still alive after exactly split_k bytes is in
     * one and the same state S (a date-time after its date), the bytes before and after split_k
     * are walked as two chains of loads that do not wait on each other, from the start and
     * from S (split_row2, S's next2 row); 0: no such point. Inputs of RT_DFA_SPLIT_MAX bytes
     * at most, so that a dead first half costs little. */
    uint32_t split_k;
    uint32_t split_row2;
    /* Fixed shape: when every match is decided by the first fix_len bytes alone, each of which
     * must lie in one or two ASCII ranges (order numbers, SKUs, codes, hex uuids), a search is
     * a few word-wide range checks instead of a chain of fix_len dependent loads. Word j holds
     * the bytes at fix_off[j]; the last word is loaded at fix_len - 8 (overlapping), so nothing
     * outside the input is read; below 8 bytes the input is copied into a zeroed word. A byte
     * passes when it lies in either of its two ranges (the second repeats the first when the
     * position has one). */
    uint8_t fix_len;           /* L, 1..RT_DFA_FIX_MAX; 0: not a fixed shape */
    uint8_t fix_exact;         /* 1: the input must have exactly L bytes (`$`); 0: at least L */
    uint8_t fix_words;         /* words to check; from L = 8 on at least 2, the first and last */
    uint8_t fix_off[8];        /* byte offset of each word */
    /* per byte 0x80 - lo: adding it to b & 0x7f sets bit 7 iff b >= lo; [k][j]: range k of word j */
    uint64_t fix_lo[RT_DFA_FIX_RANGES][8];
    uint64_t fix_hi[RT_DFA_FIX_RANGES][8]; /* per byte 0x7f - hi: the sum sets bit 7 iff b > hi */
    /* From 16 bytes on, with SSE2, the same ranges 16 lanes a compare: block j holds the bytes
     * at fix16_off[j] (the last one at fix_len - 16, overlapping); byte b at lane i passes
     * range k when (uint8_t)(b - fix16_lo[k][j][i]) <= fix16_len[k][j][i]. */
    uint8_t fix_blocks;        /* 0 below 16 bytes */
    uint8_t fix16_off[4];
    uint8_t fix16_lo[RT_DFA_FIX_RANGES][4][16], fix16_len[RT_DFA_FIX_RANGES][4][16];
    /* Accelerated states: a state that stays itself on every byte but at most 3 ranges of
     * ASCII bytes (and perhaps the bytes >= 0x80), as [^@ ]+ and [^@\s]+ do, skips ahead eight
     * bytes at a time to
     * the next byte that might leave it (RE2 and Hyperscan do the same). flags[row] >> 3 is
     * 1 + the index of its entry here. */
    uint8_t naccel;
    RtDfaAccel accel[RT_DFA_ACCEL_MAX];
} RtDfa;
/* Bytes the runtime form of d needs; 0 when d is not well formed (dcc_dfa_check) or has more
 * than 2^20 cells, and then dcc_dfa_search is used instead. */
size_t rt_dfa_bytes(const dcc_dfa *d);
/* Builds it in mem (rt_dfa_bytes(d) bytes, aligned for any type). */
RtDfa *rt_dfa_build(const dcc_dfa *d, void *mem);
/* Same answer as dcc_dfa_search on the tables it was built from. */
int rt_dfa_search(const RtDfa *d, const char *s, size_t n);
/* Which search rt_dfa_search uses: 'F' fixed shape, 'A' accelerated states (from
 * RT_DFA_ACCEL_MIN bytes on; shorter inputs as for 'S', '2' or '1'), 'S' two bytes a step in
 * two chains split at RtDfa.split_k (inputs longer than that, up to RT_DFA_SPLIT_MAX bytes;
 * others as for '2'), '2' two bytes a step, '1' one byte a step; for tests that pin the fast
 * forms to the patterns they serve. */
char rt_dfa_kind(const RtDfa *d);

/* ---- the compiled validator ---------------------------------------------------------------- */

typedef union {
    Num num;
    TempVal tv;
    struct { const char *s; size_t n; } text;
    bool b;
} CValue;

/* A short plain text and the closing quote after it, as two little-endian words and the masks
 * of their used bytes: JSON string contents that start with it are matched with two loads and
 * compares (rt_qimg_match), no call and no length first. */
typedef struct {
    uint64_t img[2], mask[2];
    size_t len; /* of the text, at most RT_QIMG_MAX */
} QImg;
#define RT_QIMG_MAX 15
/* Does the text at p (16 readable bytes) start with q's text and closing quote? */
static inline bool rt_qimg_match(const QImg *q, const char *p)
{
    uint64_t w0, w1;
    memcpy(&w0, p, 8);
    memcpy(&w1, p + 8, 8);
    return (((w0 ^ q->img[0]) & q->mask[0]) | ((w1 ^ q->img[1]) & q->mask[1])) == 0;
}

/* Enumeration names or allowed values looked up by hash instead of one by one, so that a
 * long list costs the same per value as a short one (values.c). Lists of at most RT_VINDEX_MIN
 * are compared in order, which is faster for them. */
#define RT_VINDEX_MIN 8
/* Plain short enumeration names or allowed strings are imaged (CField.vimg) up to this many. */
#define RT_VIMG_MAX 32
typedef struct {
    uint32_t *slot; /* open addressing: 1 + the index of a value, 0 empty; NULL: no index */
    uint32_t mask;  /* slots - 1 */
} VIndex;

typedef struct CField CField;
struct CField {
    const dcc_field_desc *d;
    size_t name_len;         /* strlen(d->name), 0 without a name */
    bool plain_name;         /* the name is printable ASCII without '"' or '\\': its JSON form
                                is itself */
    bool key_short;          /* plain_name of at most RT_QIMG_MAX bytes, imaged in key */
    QImg key;
    dcc_kind kind;
    bool optional;
    bool may_be_absent;      /* optional or has a default */
    bool has_lo, has_hi;
    CValue lo, hi;           /* range bounds */
    int64_t len_min, len_max; /* effective length bounds, -1 open (string(N) folded in) */
    CValue *values;          /* allowed values (values(...) ), parsed */
    size_t nvalues;
    CField *elem;
    CField *fields;
    size_t nfields;
    size_t *enum_len;        /* DCC_ENUM: strlen of each value (SIZE_MAX for a NULL one) */
    bool enum_plain;         /* DCC_ENUM: every value is printable ASCII without '"' or '\\',
                                so it is its own JSON string contents */
    /* DCC_STRING without allowed values whose pattern is an exact fixed shape (RtDfa fix_exact)
     * of L bytes, none of which can be a quote, a backslash, a control or a non-ASCII byte, and
     * whose length bounds admit L: L, else 0. Such a value is checked where it stands, the
     * shape's word-wide range checks being the only pass over its bytes (no string scan first):
     * a closing quote at L and a match decide it. */
    uint8_t shape_len;
    /* An enumeration without allowed values, or a string with allowed values: the values that
     * are certainly valid as they stand (a string's also within its length and matching its
     * pattern), imaged, when all of them are plain and short; else NULL. A JSON string whose
     * contents start with one of them, closing quote included, is valid as it stands. */
    QImg *vimg;
    size_t nvimg;
    RtDfa *dfa;              /* d->pattern in the runtime's form, or NULL */
    uint32_t *index;         /* struct: open-addressing name index (nfields > 8), size index_cap */
    uint32_t index_cap;
    VIndex enum_ix;          /* DCC_ENUM with more than RT_VINDEX_MIN names: hashed lookup */
    VIndex values_ix;        /* more than RT_VINDEX_MIN allowed values: hashed lookup */
    size_t max_name;         /* longest field name of a struct */
    /* Integers and decimals without allowed values whose range bounds are whole numbers at
     * fast_scale (the decimal's scale, 0 for integers) below 10^17: a plain number token of at
     * most 17 digits is then decided in int64 (rt_num_fast_ok); anything else, and every value
     * that fails, takes the exact digit-by-digit path, which words the findings. */
    bool fast_num;
    int fast_scale;
    int64_t fast_lo, fast_hi; /* inclusive, scaled by 10^fast_scale */
};

typedef enum { KEY_PRIMARY, KEY_UNIQUE, KEY_QUALITY } KeyKind;

typedef struct {
    KeyKind kind;
    const size_t *fields;
    size_t nfields;
    size_t quality; /* KEY_QUALITY: index of its rule */
} KeySpec;

/* A quality rule's threshold, compiled (quality.c): t in the rule's measure (records, percent or
 * seconds), exactly. */
typedef struct {
    Num t;
    Num t_hi;            /* between: the high bound, likewise */
    const char *text;    /* the threshold as written, for messages */
    const char *text_hi; /* between: the high bound as written; NULL otherwise */
    const char *unit; /* as written: "", "%", "h", ... */
    int frac;         /* fraction digits of the threshold as written (how exactly to print rates) */
    /* missing and invalid-values rules: the listed values taken apart once, not on every record
     * (quality.c: listed). vlen: each value's length in bytes; vnum: a numeric field's values as
     * numbers (NULL for other kinds); vok[k] false where a numeric field's value is no number,
     * which nothing equals. */
    size_t nvals;
    size_t *vlen;
    Num *vnum;
    bool *vok;
} CQual;

struct dcc_validator {
    const dcc_dataset_desc *desc;  /* in this ABI's form (converted from an ABI 1 one) */
    const dcc_dataset_desc *given; /* what dcc_validator_new was given */
    int abi;                       /* the descriptor's ABI: 1 or DCC_ABI_VERSION */
    CQual *qual;                   /* [desc->nquality] */
    CField root; /* a DCC_STRUCT over the dataset's top-level fields */
    size_t seen_total; /* bytes of "seen" flags a record may need at once */
    KeySpec *keys;
    size_t nkeys;
    int32_t *early_key; /* top-level field -> a one-field key on it hashed as soon as the value
                           is read (rt_key_early), or -1 */
    int32_t ahead_key;  /* a one-field key on a string or uuid field whose slots JSON Lines
                           records a few lines ahead prefetch (validate.c: key_lookahead), or -1 */
    char ahead_name[128]; /* its field's name as JSON: "name" (longer names: no lookahead) */
    size_t ahead_len;
    Num inf_at[2];    /* float32, float64: magnitudes from which a number rounds to infinity */
    void *allocs;     /* singly linked list of allocations freed with the validator */
};

/* The text of a number of a struct field (compared and shown): an integer's digits, a float's
 * shortest round-trip decimal; room for "-1.2345678901234567e-308". */
#define RT_NUMTEXT 64

/* ---- a stream ------------------------------------------------------------------------------- */

/* A scalar value as the checker sees it. */
enum { ENC_RAW, ENC_JSON, ENC_CSV };
/* V_NONE: a top-level value that is a container, where no scalar was read (json.c note_top), so
 * that the value of an earlier record is not taken for it (quality.c's missing rules) */
typedef enum { V_STR, V_NUM, V_BOOL, V_NONE } VType;
typedef struct {
    VType t;
    uint8_t enc;     /* V_STR: ENC_RAW plain text, ENC_JSON JSON escapes, ENC_CSV doubled quotes */
    bool b;
    const char *raw; /* V_STR: the text between the quotes; V_NUM: the number; V_BOOL: the word */
    size_t len;
    size_t cps;      /* V_STR: code points of the decoded text */
    NumTok num;      /* V_NUM */
} Val;

/* One open JSON container. */
enum { FM_STRUCT, FM_MAP, FM_LIST, FM_ANY };
typedef struct {
    const CField *cf; /* the container's field; NULL when untyped */
    uint8_t mode;
    bool is_obj;
    bool key_escaped;
    uint32_t count;    /* members / items so far */
    uint32_t nseen;    /* struct: declared fields seen (each at most once) */
    const char *key;   /* object: the current member's raw key */
    size_t keylen;
    int32_t cur;       /* struct: the current member's field index, -1 unknown */
    int32_t last;      /* struct: index of the last matched field (lookup heuristic) */
    size_t seen_base;  /* struct: its flags in the stream's seen pool */
} Frame;

/* One cell of a CSV row: [p, p+n) is the text between the quotes of a quoted cell. */
typedef struct {
    const char *p;
    size_t n;
    bool quoted;
    bool dq; /* contains doubled quotes */
} Cell;

typedef enum { TOP_ABSENT, TOP_NULL, TOP_PRESENT } TopState;

/* Where a record lies, for the findings that point back to one (DV017, DV018: where the key
 * was first seen); record 0: not known. */
typedef struct {
    uint64_t record, line;
    uint32_t input;
} Place;

/* The places of a stream's records by their ordinals (the count of records the stream has
 * validated, from 1), which is what key sets keep of each key's first record: a change point,
 * records from `ord` on (up to the next point) having record number ord + rdelta and line
 * ord + ldelta (mod 2^64) in input `input`. Records numbered on one line after another share
 * one point; a new one starts at a new input, after blank lines, a record of several lines or
 * dcc_stream_set_position. */
typedef struct {
    uint64_t ord, rdelta, ldelta;
    uint32_t input;
} Where;

typedef struct {
    dcc_rule rule;
    size_t path, msg, exc; /* offsets in pbuf */
    Place first;           /* DV017, DV018: where the key was first seen */
} Pending;

/* A stream's options with defaults resolved, from either options struct (abi.c). */
typedef struct {
    dcc_format format;
    char csv_delimiter;
    bool csv_no_header;
    bool skip_quality;
    bool has_now;
    unsigned max_depth;
    size_t max_record_bytes;
    int64_t now;
    int32_t now_nanos;
    void (*on_violation)(void *userdata, const dcc_violation *v);
    int (*on_record)(void *userdata, const dcc_record_outcome *r);
    void *userdata;
    int keys;                 /* DCC_KEYS_* */
    uint64_t key_window;
    bool partition;
} StreamOpts;

typedef struct {
    uint64_t records, valid, invalid, violations;
} Stats;

#define RT_MAX_REPORTED 32  /* violations reported per record; all are counted */
#define RT_PATH_MAX 256

typedef struct {
    uint64_t nulls;   /* records where the field is null or absent */
    uint64_t valid;   /* records where the field meets every constraint */
    bool has_newest;
    TempVal newest;   /* freshness */
} FieldStats;

/* A partition stream's key of one record that its part alone cannot judge (first seen in the
 * part: an earlier part may have it), or a duplicate the part found but holds back because such
 * a key comes before it in the record (so that dcc_stream_merge reports the record's key
 * findings in the single stream's order). In record order, keys in key order. */
typedef struct {
    Hash128 h;
    uint64_t recno, off;
    uint64_t line;    /* the record's first physical line (dcc_violation.line) */
    uint64_t ord;     /* the record's ordinal in the part (its stats.records) */
    uint32_t input;   /* the part's input */
    uint32_t key;     /* index into the validator's keys */
    uint32_t exc;     /* its excerpt: offset in dcc_stream.pexc */
    uint32_t npend;   /* the record's violations the part reported (at most RT_MAX_REPORTED) */
    bool invalid;     /* the record has violations in the part */
    bool dup;         /* a duplicate held back, already counted */
} PartKey;

/* JSON Lines or CSV with one key (validate.c: key_defer): a record read in place without a
 * finding whose key is added to the set up to RT_KEY_DEFER records later, its slot prefetched
 * meanwhile. What a duplicate's finding needs is kept: its record, offset and line, and its
 * value's text (in the chunk being fed, which outlives the ring). */
#define RT_KEY_DEFER 64
#define RT_KEY_DEFER_GROUP 32 /* keys whose slots are prefetched together */
typedef struct {
    Hash128 h;
    uint64_t ord, recno, off, line;
    const char *exc;
    size_t exclen;
} DeferKey;

struct dcc_stream {
    const dcc_validator *v;
    StreamOpts o;
    bool finished, failed;
    int error;              /* what failed the stream (a dcc_status), once failed */
    bool abi1;              /* made by the 0.1 entry point: every error is -1 */
    bool in_callback;       /* a callback of this stream is running: calls into it are refused */
    uint64_t offset;        /* stream bytes consumed */
    /* record assembly */
    char *rec; size_t rec_len, rec_cap; /* a record spanning chunks */
    bool rec_open;          /* inside a record (bytes seen since the last terminator) */
    bool rec_overflow;      /* the record outgrew max_record_bytes */
    uint64_t rec_start;     /* stream offset of the open record */
    /* physical lines, for reports that editors can jump to: line ends (LF, CR, CRLF as one)
     * before offset, and the line where the record being read starts (0: none, as for
     * dataset-level findings) */
    uint64_t lines;
    bool last_cr;           /* the last byte counted was a CR (a following LF ends no line) */
    uint64_t rec_line;
    size_t rec_total;       /* bytes of the open record, buffered or not */
    int csv_state;          /* CSV splitter state at the end of the last chunk */
    /* CSV header */
    bool csv_have_header;
    int32_t *col_field;     /* column -> top-level field index, or -1 */
    char **col_name;        /* column names (for DV003 paths) */
    size_t ncols;
    bool *field_has_col;
    bool csv_dup_warned;
    bool *field_col_seen;   /* the field had a column in the header of some input so far */
    uint64_t csv_headers;   /* headers read, over all inputs of the stream */
    /* per record */
    uint64_t recno;
    uint64_t rec_off;
    Frame *frames;
    size_t depth;           /* open frames */
    unsigned char *seen;    /* seen-flags pool */
    size_t seen_top;
    const char *prefix;     /* CSV JSON cells: the column's field name */
    int32_t cur_top;        /* top-level field being validated, -1 none */
    bool record_root;       /* frames[0] is the record itself (JSON Lines) */
    TopState *top_state;
    Val *top_val;
    bool *top_bad;
    Pending pend[RT_MAX_REPORTED];
    size_t npend;
    uint32_t rec_counts[DCC_RULE_COUNT];
    uint32_t rec_nviol;
    char *pbuf; size_t pbuf_len, pbuf_cap;
    bool aborted;           /* record-level failure: only abort_* is reported */
    dcc_rule abort_rule;
    char abort_msg[160];
    char abort_exc[RT_EXCERPT_MAX];
    /* CSV: the cells of the row being validated (at most ncols + 1 are kept) */
    Cell *cells; size_t cells_cap;
    bool csv_ascii;         /* the row is all ASCII: characters are bytes */
    /* scratch: decoded strings, CSV JSON cells */
    char *sbuf; size_t sbuf_cap;
    char *cbuf; size_t cbuf_cap;
    char *numtext;          /* struct binding: text of top-level numbers, RT_NUMTEXT bytes a field */
    /* stream counters */
    uint64_t counts[DCC_RULE_COUNT];
    Stats stats;
    uint64_t parsed;        /* records that could be parsed (denominator of the rates) */
    FieldStats *fstats;
    HashSet *sets;          /* one per validator key */
    Hash128 *khash;         /* per key: its hash in this record, when khash_state says so */
    uint8_t *khash_state;   /* per key: 0 not hashed yet, 1 hashed, 2 not comparable */
    uint64_t *dups;         /* duplicates per key */
    uint64_t *qcount;       /* per quality rule: the records a missing rule counts (quality.c) */
    uint64_t earlier_inputs; /* bytes of the inputs before this one (dcc_stream_next_input) */
    uint64_t expect;        /* dcc_stream_expect: total input bytes expected, 0 unknown */
    bool stopped;           /* an on_record callback asked to stop */
    uint64_t rec_bytes;     /* length of the record being validated */
    HashSet *old_sets;      /* DCC_KEYS_WINDOW: the keys of the window before (one per key) */
    uint64_t win_count;     /* DCC_KEYS_WINDOW: records since the window began */
    PartKey *pkeys; size_t npkeys, pkeys_cap; /* opts.partition */
    char *pexc; size_t pexc_len, pexc_cap;    /* excerpts of pkeys */
    /* where keys were first seen (kept while the stream checks keys) */
    Where *where; size_t nwhere, where_cap;
    size_t where_from;      /* DCC_KEYS_WINDOW: where[] before it is forgotten */
    uint64_t win_start;     /* DCC_KEYS_WINDOW: the ordinal of the current window's first record */
    uint32_t input;         /* inputs before this one (dcc_stream_next_input calls) */
    bool key_ahead;         /* dcc_stream_feed is prefetching key slots ahead (key_lookahead) */
    /* key_lookahead's reading of the current line's key: its text (in the chunk being fed, no
     * escapes), length and hash, which rt_key_early takes instead of hashing the value again
     * when the value it stored is those very bytes; NULL when there is none */
    const char *ahead_text; size_t ahead_n; Hash128 ahead_hash;
    bool defer_on;          /* dcc_stream_feed defers keys (key_defer) */
    bool defer_rec;         /* the record being ended was read in place, without a finding */
    unsigned defer_head, ndefer; /* the oldest deferred key in defer[defer_head], ndefer in all */
    unsigned defer_new;     /* keys deferred since the last group was prefetched */
    DeferKey defer[RT_KEY_DEFER];
    char **input_names; size_t ninput_names; /* dcc_stream_name_input, escaped; NULL: none */
    uint64_t first_recno;   /* number of the first record, 0 before any */
    bool quiet_header;      /* dcc_stream_csv_header: the header's findings are another part's */
};

/* validate.c: the stream ran out of memory; it stays failed (dcc_stream_error). */
static inline void rt_oom(dcc_stream *s)
{
    if (!s->failed)
        s->error = DCC_ENOMEM;
    s->failed = true;
}
/* Hands v to the stream's on_violation callback, refusing calls back into the stream meanwhile. */
void rt_deliver(dcc_stream *s, const dcc_violation *v);
/* Memory freed with the validator (zeroed). */
void *rt_valloc(dcc_validator *v, size_t n);
/* Field i of struct cf named [name, name+n), or -1. */
int32_t rt_field_find(const CField *cf, const char *name, size_t n);
/* A stream over v with resolved options; NULL when out of memory. */
dcc_stream *rt_stream_make(const dcc_validator *v, const StreamOpts *o);

/* abi.c */
/* The descriptor ABI of ds: 1 (no tag: libdccrt 0.1), the tag's version, or 0 when this library
 * cannot read it (then why[0..cap) says so). */
int rt_abi_of(const dcc_dataset_desc *ds, char *why, size_t cap);
/* ds (ABI 1) in this ABI's form, in memory of v; NULL when out of memory or, with *why set, when
 * it is malformed (nested too deep). */
const dcc_dataset_desc *rt_abi1_convert(dcc_validator *v, const void *ds, const char **why);
/* Resolved options from a dcc_stream_opts (NULL: defaults). Returns 0 or a dcc_status. */
int rt_opts_read(StreamOpts *o, const dcc_stream_opts *opts);
/* Defaults for the members still zero in o. */
void rt_opts_defaults(StreamOpts *o);

/* values.c */
/* Builds ix over the n values of cf as the kind of cf compares them (text, folded text for
 * uuids, numbers, instants; enum names when names is true). False when out of memory. */
bool rt_vindex_build(dcc_validator *v, const CField *cf, VIndex *ix, size_t n, bool names);
/* Is [t, t+n) one of cf's enumeration names? */
bool rt_enum_has(const CField *cf, const char *t, size_t n);
/* Is the text [t, t+n) among cf's allowed values (fold: ASCII case ignored, for uuids)? */
bool rt_values_has_text(const CField *cf, const char *t, size_t n, bool fold);
bool rt_values_has_num(const CField *cf, const Num *x);
bool rt_values_has_tv(const CField *cf, const TempVal *tv);

/* quality.c */
/* Compiles the thresholds of ds's quality rules into v->qual. False with *why set when one is
 * malformed, or with *why NULL when out of memory. */
bool rt_quality_compile(dcc_validator *v, const dcc_dataset_desc *ds, const char **why, size_t *bad);
/* Counts the record just ended for the rules that count records by value (missing_count,
 * missing_rate) into s->qcount. */
void rt_quality_record(dcc_stream *s);
/* Evaluates the quality rules at the end of the stream. */
void rt_quality_eval(dcc_stream *s);
/* Delivers a dataset-level finding (record 0). */
void rt_emit(dcc_stream *s, uint64_t rec, uint64_t off, dcc_rule r, const char *path, const char *msg,
             const char *exc);
/* Appends [s, s+n) to out[o..cap), keeping UTF-8 sequences whole; returns the new length. */
size_t rt_put(char *out, size_t o, size_t cap, const char *s, size_t n);

/* validate.c: record bookkeeping used by json.c and csv.c */
void rt_record_begin(dcc_stream *s, uint64_t off);
void rt_record_end(dcc_stream *s);
/* rt_record_end for a record read where it stands in the chunk being fed (jsonl_record_at,
 * rt_csv_record_at): without a finding, its key may wait in key_defer's ring. */
void rt_record_end_in_place(dcc_stream *s);
/* A record-level failure (DV001, DV002, DV019): replaces everything else of the record. */
void rt_abort(dcc_stream *s, dcc_rule r, const char *at, size_t atlen, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
/* A field-level violation at the current path plus `extra` (a member name, or NULL). */
void rt_violation(dcc_stream *s, dcc_rule r, const char *extra, const char *exc, size_t exclen,
                  const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 6, 7)))
#endif
    ;
/* The value of top-level field f was just stored in top_val: hashes it for the one-field key
 * early_key[f] (when that is >= 0) and prefetches its slot in the key's set. */
void rt_key_early(dcc_stream *s, size_t f);
/* Checks a scalar value (or a null when v is NULL) against cf. */
void rt_check_scalar(dcc_stream *s, const CField *cf, const Val *v);
/* Checks a length (characters, bytes, items, entries) against cf's length bounds (DV013). */
void rt_check_count(dcc_stream *s, const CField *cf, int64_t len, const char *unit, const char *exc,
                    size_t exclen);
/* Decoded text of a V_STR (into the stream's scratch when escaped); NULL when out of memory. */
const char *rt_val_text(dcc_stream *s, const Val *v, size_t *n);
bool rt_grow(char **buf, size_t *cap, size_t need);
const char *rt_kind_name(dcc_kind k);

/* Is [p, p+n) certainly a valid value of cf, as it stands (no escapes, characters = bytes)?
 * Printable ASCII of a fixed shape: a uuid, a plain enumeration value, a date or a UTC timestamp
 * without range or allowed values, where rt_check_scalar would find nothing. False decides
 * nothing. The JSON reader and the CSV cells share it, so both skip the same checks. */
static inline bool rt_fast_text(const CField *cf, const char *p, size_t n)
{
    if (cf->nvalues)
        return false;
    switch (cf->kind) {
    case DCC_UUID:
        return n == 36 && rt_uuid_check(p, 36);
    case DCC_ENUM:
        if (!cf->enum_plain)
            return false;
        if (cf->enum_ix.slot)
            return rt_enum_has(cf, p, n);
        for (size_t i = 0; i < cf->d->nenum_values; i++)
            if (cf->enum_len[i] == n && rt_eq(p, cf->d->enum_values[i], n))
                return true;
        return false;
    case DCC_DATE:
        return !cf->has_lo && !cf->has_hi && n == 10 && rt_date_plain_ok(p);
    case DCC_TIMESTAMP:
    case DCC_TIMESTAMPTZ:
        return !cf->has_lo && !cf->has_hi && n == 20 && rt_ts_plain_ok(p);
    default:
        return false;
    }
}
/* The byte length rt_fast_text can accept for cf's kind when it is one: 0 for an enumeration
 * (one of several) or any other kind. */
static inline size_t rt_fast_text_len(const CField *cf)
{
    switch (cf->kind) {
    case DCC_UUID: return 36;
    case DCC_DATE: return 10;
    case DCC_TIMESTAMP:
    case DCC_TIMESTAMPTZ: return 20;
    default: return 0;
    }
}
/* The end of the number token at p when it is a plain -?digits(.digits)? that is certainly a
 * valid value of cf (cf->fast_num): what rt_num_scan would return, with *t filled as it would
 * fill it, and rt_check_scalar would find nothing. A token followed by another number byte
 * (digit, '.', 'e', 'E', '+', '-') is left to the exact path. NULL decides nothing. */
const char *rt_num_fast(const CField *cf, const char *p, const char *end, NumTok *t);

/* Is the unescaped text [t, t+n) of cps characters certainly a valid value of the string field
 * cf: within its length bounds, matching its pattern (when it has the runtime form of one), among
 * its allowed values? What rt_check_scalar checks of a string, without the call's dispatch or a
 * finding; false decides nothing (rt_check_scalar then judges and words the finding). */
bool rt_string_ok(const CField *cf, const char *t, size_t n, size_t cps);

/* json.c: validates one JSON value occupying [p, p+n) against cf (NULL: any JSON). Record-level
 * problems call rt_abort and return false. */
bool rt_json_validate(dcc_stream *s, const CField *cf, const char *p, size_t n);
/* Reads the JSON Lines record that starts at p (its '{') in [p, end) whose end is not known yet,
 * the record already begun: returns the byte after its closing '}', or NULL after aborting it.
 * Spaces and tabs are the only whitespace, so a line end inside the record aborts it; excerpts
 * and findings may reach past the record's end, so only a record without findings stands (see
 * jsonl_record_at in validate.c). */
const char *rt_json_line(dcc_stream *s, const char *p, const char *end);
/* Validates JSON text that is one field's value (a CSV cell, a struct member): a syntax error
 * becomes a field-level violation at the current path instead of a record-level one. */
void rt_json_field(dcc_stream *s, const CField *cf, const char *p, size_t n);
/* rt_json_field over the contents [p, p+n) of a quoted CSV cell as they stand, every quote of
 * the JSON text doubled (split so that quotes come in pairs), without undoubling them into a
 * copy. True when the value was validated and nothing was found; false, having undone all of it,
 * when anything was found or the text needs more than reading "" as " (a backslash escape): the
 * caller then calls rt_json_field on an undoubled copy, so findings and excerpts are as they
 * always were, built only on failure. */
bool rt_json_field_dq(dcc_stream *s, const CField *cf, const char *p, size_t n);
/* Decodes JSON string contents (already checked by the scanner) into out (n bytes suffice). */
size_t rt_json_unescape(const char *s, size_t n, char *out);

/* csv.c */
/* Splitter states: CS_START at a cell's first byte, CS_UNQ inside an unquoted cell, CS_Q inside
 * quotes, CS_QQ just after a quote inside quotes (the closing one, or the first of a pair). */
enum { CS_START, CS_UNQ, CS_Q, CS_QQ };
/* The end of the current CSV record (a CR or LF outside quotes) in [p, end), or NULL with
 * *state updated for the next chunk. */
const char *rt_csv_find_end(int *state, char delim, const char *p, const char *end);
/* Validates the CSV row that starts at p (a record start, stream offset s->offset) when it ends
 * before end: returns its terminator, with *one_line true when the splitter saw that the row
 * holds no line end of its own (none inside quotes), false when it did or does not know.
 * Returns NULL without any effect when the row does not end in [p, end) or is longer than
 * max_record_bytes; the caller then assembles it. */
const char *rt_csv_record_at(dcc_stream *s, const char *p, const char *end, bool *one_line);
/* One CSV row (the header first), at stream offset off. */
void rt_csv_record(dcc_stream *s, const char *p, size_t n, uint64_t off);
/* A finding about the CSV header, reported at once as record 0. */
void rt_emit_header(dcc_stream *s, dcc_rule r, const char *path, const char *msg, const char *exc,
                    size_t exclen);
/* Decodes CSV doubled quotes of a quoted cell's contents into out. */
size_t rt_csv_unescape(const char *s, size_t n, char *out);

/* struct.c */
void rt_struct_record(dcc_stream *s, const void *rec);

#endif
