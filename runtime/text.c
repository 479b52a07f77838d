/* text.c - byte-level helpers: UTF-8, base64, uuid, excerpts, the key hash and its set. */
#if defined(__linux__) && !defined(_DEFAULT_SOURCE)
#define _DEFAULT_SOURCE /* madvise(MADV_HUGEPAGE) for large key sets */
#endif
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

#include "dcc_rt_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Length of one valid UTF-8 sequence at s (n > 0 bytes available, s[0] >= 0x80), or 0. Inline
 * here: rt_utf8_valid_prefix calls it for every non-ASCII character. */
static inline size_t utf8_seq(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c >= 0xC2 && c <= 0xDF)
        return n >= 2 && (s[1] & 0xC0) == 0x80 ? 2 : 0;
    if (c >= 0xE0 && c <= 0xEF) {
        if (n < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
            return 0;
        if (c == 0xE0 && s[1] < 0xA0) /* overlong */
            return 0;
        if (c == 0xED && s[1] >= 0xA0) /* surrogate */
            return 0;
        return 3;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        if (n < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 || (s[3] & 0xC0) != 0x80)
            return 0;
        if (c == 0xF0 && s[1] < 0x90) /* overlong */
            return 0;
        if (c == 0xF4 && s[1] >= 0x90) /* above U+10FFFF */
            return 0;
        return 4;
    }
    return 0;
}

size_t rt_utf8_seq(const unsigned char *s, size_t n)
{
    return utf8_seq(s, n);
}

size_t rt_utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII runs 16 or 8 bytes at a time, straight to the first byte >= 0x80 */
#if defined(__SSE2__)
        for (; i + 16 <= n; i += 16) {
            unsigned m = (unsigned)_mm_movemask_epi8(_mm_loadu_si128((const __m128i *)(const void *)(s + i)));
            if (m) {
                i += (size_t)__builtin_ctz(m);
                goto multi;
            }
        }
#endif
        for (; i + 8 <= n; i += 8) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & RT_HIGHS) {
                if (RT_SWAR)
                    i += (size_t)__builtin_ctzll(w & RT_HIGHS) >> 3;
                goto multi;
            }
        }
        while (i < n && s[i] < 0x80)
            i++;
        if (i == n)
            break;
    multi:
        while (i < n && s[i] < 0x80) /* (without RT_SWAR: the word's ASCII bytes) */
            i++;
        size_t l = utf8_seq(s + i, n - i);
        if (l == 0)
            return i;
        i += l;
    }
    return n;
}

size_t rt_utf8_count(const unsigned char *s, size_t n)
{
    /* code points = bytes that are not continuation bytes (10xxxxxx); eight at a time */
    size_t cont = 0, i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        uint64_t c = w & ~(w << 1) & RT_HIGHS; /* bit 7 set, bit 6 clear */
        cont += rt_swar_count(c);
    }
    for (; i < n; i++)
        cont += (s[i] & 0xC0) == 0x80;
    return n - cont;
}

static int b64val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

bool rt_base64_check(const char *s, size_t n, size_t *decoded)
{
    if (n % 4 != 0)
        return false;
    size_t pad = 0;
    if (n > 0 && s[n - 1] == '=')
        pad++;
    if (n > 1 && s[n - 2] == '=')
        pad++;
    for (size_t i = 0; i < n - pad; i++)
        if (b64val((unsigned char)s[i]) < 0)
            return false;
    *decoded = n / 4 * 3 - pad;
    return true;
}

#if !RT_SWAR
/* Byte classes for rt_uuid_check: 1 a hex digit, 2 the dash, 0 anything else. */
static const unsigned char uuid_class[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1,
    ['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['-'] = 2};
#endif

#if RT_SWAR
/* Flags of the hexadecimal digits of w. */
static inline uint64_t swar_hex(uint64_t w)
{
    return rt_swar_in(w, '0', '9') | rt_swar_in(w | RT_ONES * 0x20, 'a', 'f');
}
#endif

#if defined(__SSE2__)
/* 0xFF in the lanes of the 16 bytes that must be hex digits, 0 where the dash must be. */
static inline __m128i sse2_hex_or_dash(__m128i x, __m128i hexpos)
{
    const __m128i lower = _mm_or_si128(x, _mm_set1_epi8(0x20));
    /* signed compares: bytes >= 0x80 are negative, below every bound */
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(x, _mm_set1_epi8('0' - 1)),
                                  _mm_cmpgt_epi8(_mm_set1_epi8('9' + 1), x));
    __m128i alpha = _mm_and_si128(_mm_cmpgt_epi8(lower, _mm_set1_epi8('a' - 1)),
                                  _mm_cmpgt_epi8(_mm_set1_epi8('f' + 1), lower));
    __m128i hex = _mm_or_si128(digit, alpha);
    __m128i dash = _mm_cmpeq_epi8(x, _mm_set1_epi8('-'));
    /* each lane: hex where hexpos says so, the dash elsewhere */
    return _mm_or_si128(_mm_and_si128(hex, hexpos), _mm_andnot_si128(hexpos, dash));
}
#endif

bool rt_uuid_check(const char *s, size_t n)
{
#if defined(__SSE2__)
    /* 16 bytes at 0, 16 and 20 (the last two overlap); the dashes sit at 8, 13, 18 and 23 */
    if (n != 36)
        return false;
    const __m128i a = _mm_loadu_si128((const __m128i *)(const void *)s);
    const __m128i b = _mm_loadu_si128((const __m128i *)(const void *)(s + 16));
    const __m128i c = _mm_loadu_si128((const __m128i *)(const void *)(s + 20));
    const __m128i ha = _mm_setr_epi8(-1, -1, -1, -1, -1, -1, -1, -1, 0, -1, -1, -1, -1, 0, -1, -1);
    const __m128i hb = _mm_setr_epi8(-1, -1, 0, -1, -1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1);
    const __m128i hc = _mm_setr_epi8(-1, -1, -1, 0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1);
    __m128i ok = _mm_and_si128(sse2_hex_or_dash(a, ha),
                               _mm_and_si128(sse2_hex_or_dash(b, hb), sse2_hex_or_dash(c, hc)));
    return _mm_movemask_epi8(ok) == 0xFFFF;
#else
    return rt_uuid_check_portable(s, n);
#endif
}

bool rt_uuid_check_portable(const char *s, size_t n)
{
#if RT_SWAR
    /* words at bytes 0, 8, 16, 24 and 28; the dashes sit at 8, 13, 18 and 23. Each constant
     * flags the bytes of its word that must be hex digits. */
    if (n != 36)
        return false;
    uint64_t w0, w1, w2, w3, w4;
    memcpy(&w0, s, 8);
    memcpy(&w1, s + 8, 8);
    memcpy(&w2, s + 16, 8);
    memcpy(&w3, s + 24, 8);
    memcpy(&w4, s + 28, 8);
    uint64_t bad = (swar_hex(w0) ^ RT_HIGHS) | (swar_hex(w3) ^ RT_HIGHS) | (swar_hex(w4) ^ RT_HIGHS);
    bad |= swar_hex(w1) ^ 0x8080008080808000ull; /* bytes 8 and 13 are not */
    bad |= swar_hex(w2) ^ 0x0080808080008080ull; /* bytes 18 and 23 are not */
    bad |= ((w1 & 0xFF) ^ '-') | ((w1 >> 40 & 0xFF) ^ '-') | ((w2 >> 16 & 0xFF) ^ '-') |
           ((w2 >> 56) ^ '-');
    return bad == 0;
#else
    /* no branch per byte: digits and letters alternate unpredictably in real uuids */
    static const unsigned char want[36] = {1, 1, 1, 1, 1, 1, 1, 1, 2, 1, 1, 1, 1, 2, 1, 1, 1, 1,
                                           2, 1, 1, 1, 1, 2, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1};
    if (n != 36)
        return false;
    unsigned bad = 0;
    for (size_t i = 0; i < 36; i++)
        bad |= uuid_class[(unsigned char)s[i]] ^ want[i];
    return bad == 0;
#endif
}

size_t rt_escape(char *out, size_t budget, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    while (i < n && o < budget) {
        unsigned char c = u[i];
        if (c >= 0x20 && c < 0x7F && c != '\\') {
            out[o++] = (char)c;
            i++;
        } else if (c == '\\') {
            out[o++] = '\\';
            out[o++] = '\\';
            i++;
        } else if (c == '\n' || c == '\r' || c == '\t') {
            out[o++] = '\\';
            out[o++] = c == '\n' ? 'n' : c == '\r' ? 'r' : 't';
            i++;
        } else if (c >= 0x80) {
            size_t l = rt_utf8_seq(u + i, n - i);
            if (l == 0)
                goto hex_escape;
            memcpy(out + o, u + i, l);
            o += l;
            i += l;
        } else {
        hex_escape:
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
            i++;
        }
    }
    if (i < n) {
        memcpy(out + o, "...", 3);
        o += 3;
    }
    out[o] = '\0';
    return o;
}

size_t rt_excerpt(char *out, const char *s, size_t n)
{
    return rt_escape(out, 40, s, n);
}

/* ---- key hashing (rt_hash_word and the rest inline in dcc_rt_internal.h) ---------------- */

/* The tail of r < 8 bytes is one more word: its bytes in the low end (read as the last 8 bytes
 * and shifted when there are 8 before it, instead of a multiply a byte), r in the top byte,
 * which the bytes leave zero, so that tails of different lengths stay apart. */
void rt_hash_bytes(Hash128 *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, s + i, 8);
        rt_hash_word(h, w);
    }
    size_t r = n - i;
    if (r == 0)
        return;
    uint64_t w = 0;
    if (RT_SWAR && n >= 8) { /* little-endian: the last r bytes are the high ones */
        memcpy(&w, s + n - 8, 8);
        w >>= 8 * (8 - r);
    } else {
        s += i;
        for (size_t j = 0; j < r; j++)
            w |= (uint64_t)s[j] << (8 * j);
    }
    rt_hash_word(h, w | (uint64_t)r << 56);
}

/* A segment is an array of buckets of RT_HASHSET_BUCKET slots, one 64-byte cache line each.
 * A key goes in the first free slot of its home bucket, or of the buckets after it (linear
 * probing by bucket), so an insertion nearly always reads and writes only its home line, which
 * rt_hashset_prefetch has asked for; probing slot by slot from anywhere in a line walked ~8
 * slots across lines at 7/8 load. A bucket is compared as a whole, without a branch per slot,
 * since which slot matches or is free is as random as the hashes and would be mispredicted.
 *
 * A slot is the key's hash and where it was first seen, in 16 bytes: .a is h.a (0, the empty
 * slot, is stored as 1); .b holds the 24 bits of h.b below the 6 that chose the segment (so they
 * count without being stored) and, in its low RT_HASHSET_LOC_BITS bits, the place. Equal slots
 * thus mean equal hashes on 64 + 24 + 6 = 94 bits. */

#define LOC_MASK (((uint64_t)1 << RT_HASHSET_LOC_BITS) - 1)

/* h as a slot holds it, place 0. */
static inline Hash128 hs_key(Hash128 h)
{
    Hash128 k = {h.a ? h.a : 1, (h.b << RT_HASHSET_SEG_BITS) & ~LOC_MASK};
    return k;
}

/* The home bucket of key k among nb: the top 32 bits of k.a scaled to [0, nb), so that any
 * bucket count works (growth by 1.5 instead of 2 keeps memory per key lower). */
static uint32_t hs_home(const Hash128 *k, uint32_t nb)
{
    return (uint32_t)(((k->a >> 32) * (uint64_t)nb) >> 32);
}

/* Slots of a bucket: bit i of the result is set when slot i holds key k, bit i of *free when it
 * is empty (.a 0). Slots fill in order and are never emptied, so the free ones follow the used
 * ones. */
#define HS_EQ(i) ((unsigned)((e[i].a == k->a) & ((e[i].b ^ k->b) <= LOC_MASK)) << (i))
#define HS_FREE(i) ((unsigned)(e[i].a == 0) << (i))
static inline unsigned hs_scan(const Hash128 *e, const Hash128 *k, unsigned *free_slots)
{
    /* written out: the loop was not unrolled, and counted and shifted by a register */
    _Static_assert(RT_HASHSET_BUCKET == 4, "hs_scan reads four slots");
    *free_slots = HS_FREE(0) | HS_FREE(1) | HS_FREE(2) | HS_FREE(3);
    return HS_EQ(0) | HS_EQ(1) | HS_EQ(2) | HS_EQ(3);
}
#undef HS_EQ
#undef HS_FREE

/* The slot for key k among nb buckets: its own when present, else the free one it goes in. */
static Hash128 *hs_find(Hash128 *slots, uint32_t nb, const Hash128 *k)
{
    uint32_t b = hs_home(k, nb);
    for (;;) {
        Hash128 *e = slots + (size_t)b * RT_HASHSET_BUCKET;
        unsigned fr, eq = hs_scan(e, k, &fr);
        if (eq)
            return &e[__builtin_ctz(eq)];
        if (fr)
            return &e[__builtin_ctz(fr)];
        b = b + 1 == nb ? 0 : b + 1;
    }
}

/* Moves segment g's slots into ns, nb zeroed buckets (in_block: ns lies in HashSet.block). */
static void hs_move(HashSeg *g, Hash128 *ns, uint64_t nb, bool in_block)
{
    for (uint32_t i = 0; i < g->cap; i++) {
        const Hash128 *e = &g->slots[i];
        if (e->a)
            *hs_find(ns, (uint32_t)nb, e) = *e;
    }
    if (!g->in_block)
        free(g->slots);
    g->in_block = in_block;
    g->slots = ns;
    g->cap = (uint32_t)(nb * RT_HASHSET_BUCKET);
}

/* Moves segment g into nb buckets of its own (zeroed, each on one cache line). */
static bool hs_rehash(HashSeg *g, uint64_t nb)
{
    if (nb * RT_HASHSET_BUCKET > UINT32_MAX / 2)
        return false;
    size_t bytes = (size_t)nb * RT_HASHSET_BUCKET * sizeof(Hash128);
    Hash128 *ns = aligned_alloc(RT_HASHSET_BUCKET * sizeof(Hash128), bytes);
    if (!ns)
        return false;
    memset(ns, 0, bytes);
    hs_move(g, ns, nb, false);
    return true;
}

/* Buckets for n hashes at a load of at most 7/8. */
static uint64_t hs_buckets_for(uint64_t n)
{
    return (n * 8 / 7 + RT_HASHSET_BUCKET) / RT_HASHSET_BUCKET;
}

int rt_hashset_add(HashSet *s, Hash128 h, uint64_t loc, uint64_t *first)
{
    Hash128 k = hs_key(h);
    HashSeg *g = &s->seg[h.b >> (64 - RT_HASHSET_SEG_BITS)];
    /* up to a load of 7/8: with four slots a bucket, probes rarely leave the home line */
    if ((uint64_t)(g->len + 1) * 8 > (uint64_t)g->cap * 7 &&
        !hs_rehash(g, g->cap ? (uint64_t)g->cap / RT_HASHSET_BUCKET * 3 / 2 : 4))
        return -1;
    Hash128 *e = hs_find(g->slots, g->cap / RT_HASHSET_BUCKET, &k);
    if (e->a) {
        *first = e->b & LOC_MASK;
        return 0;
    }
    e->a = k.a;
    e->b = k.b | (loc & LOC_MASK);
    g->len++;
    s->len++;
    return 1;
}

bool rt_hashset_find(const HashSet *s, Hash128 h, uint64_t *loc)
{
    Hash128 k = hs_key(h);
    const HashSeg *g = &s->seg[h.b >> (64 - RT_HASHSET_SEG_BITS)];
    if (!g->cap)
        return false;
    const Hash128 *e = hs_find(g->slots, g->cap / RT_HASHSET_BUCKET, &k);
    if (!e->a)
        return false;
    *loc = e->b & LOC_MASK;
    return true;
}

uint64_t rt_hashset_loc(uint64_t now, uint64_t stored)
{
    return now - ((now - stored) & LOC_MASK);
}

/* Reserved sets of at least this many bytes are one block in 2 MiB pages where the system has
 * them: the hashes land on random pages, and with 4 KiB pages most of them miss the TLB, whose
 * page walk (two levels of it in a virtual machine) the prefetch of each insertion waited on. */
#define RT_HASHSET_HUGE ((size_t)4 << 20)
#define RT_HUGE_PAGE ((size_t)2 << 20)

int rt_hashset_reserve(HashSet *s, size_t n)
{
    /* each segment gets its share and a margin of a few standard deviations of it, and never
     * less than what it holds already (a probe must always find a free slot) */
    uint64_t share = (uint64_t)n / RT_HASHSET_SEGS;
    for (size_t i = 0; i < RT_HASHSET_SEGS; i++)
        if (s->seg[i].len > share)
            share = s->seg[i].len;
    uint64_t nb = hs_buckets_for(share + share / 16 + 16);
    if (nb * RT_HASHSET_BUCKET > UINT32_MAX / 2)
        return -1;
    size_t seg_bytes = (size_t)nb * RT_HASHSET_BUCKET * sizeof(Hash128);
    if (s->block || seg_bytes * RT_HASHSET_SEGS < RT_HASHSET_HUGE) {
        for (size_t i = 0; i < RT_HASHSET_SEGS; i++) {
            HashSeg *g = &s->seg[i];
            if (nb * RT_HASHSET_BUCKET > g->cap && !hs_rehash(g, nb))
                return -1;
        }
        return 0;
    }
    size_t bytes = (seg_bytes * RT_HASHSET_SEGS + RT_HUGE_PAGE - 1) / RT_HUGE_PAGE * RT_HUGE_PAGE;
    char *blk = aligned_alloc(RT_HUGE_PAGE, bytes);
    if (!blk)
        return -1;
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    (void)madvise(blk, bytes, MADV_HUGEPAGE); /* a hint: 4 KiB pages work too */
#endif
    memset(blk, 0, bytes);
    for (size_t i = 0; i < RT_HASHSET_SEGS; i++)
        hs_move(&s->seg[i], (Hash128 *)(void *)(blk + i * seg_bytes), nb, true);
    s->block = blk;
    return 0;
}

/* The buckets rt_hashset_prefetch asks for: the home bucket and those after it. At the load a
 * reserved set ends with (about 0.82), 17% of the insertions find their home bucket full and
 * probe on (1% through 9 buckets or more), and each bucket beyond the ones asked for is a miss
 * the insertion waits on (perf: hs_find's samples 800 with one bucket, 502 with two, 349 with
 * three on 400 MB). The lines after the home one are on its page nearly always, so they cost
 * no page walk of their own. */
#define RT_HASHSET_PREFETCH_BUCKETS 3

void rt_hashset_prefetch(const HashSet *s, Hash128 h)
{
    const HashSeg *g = &s->seg[h.b >> (64 - RT_HASHSET_SEG_BITS)];
    if (g->cap) {
        Hash128 k = hs_key(h);
        uint32_t nb = g->cap / RT_HASHSET_BUCKET, b = hs_home(&k, nb);
        for (uint32_t i = 0; i < RT_HASHSET_PREFETCH_BUCKETS && b + i < nb; i++)
            __builtin_prefetch(&g->slots[(size_t)(b + i) * RT_HASHSET_BUCKET], 1);
    }
}

size_t rt_hashset_bytes(const HashSet *s)
{
    size_t b = 0;
    for (size_t i = 0; i < RT_HASHSET_SEGS; i++)
        b += (size_t)s->seg[i].cap * sizeof(Hash128);
    return b;
}

void rt_hashset_free(HashSet *s)
{
    for (size_t i = 0; i < RT_HASHSET_SEGS; i++)
        if (!s->seg[i].in_block)
            free(s->seg[i].slots);
    free(s->block);
    memset(s, 0, sizeof *s);
}
