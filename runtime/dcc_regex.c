/* dcc_regex.c - walks the DFA tables the compiler emits for patterns (see dcc_regex.h), and the
 * runtime's faster private form of them (RtDfa, dcc_rt_internal.h). */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "dcc_regex.h"
#include "dcc_rt_internal.h"

int dcc_dfa_search_steps(const dcc_dfa *d, const char *s, size_t n, size_t *steps)
{
    if (steps) *steps = 0;
    if (!d || (!s && n > 0)) return 0;
    const unsigned char *p = (const unsigned char *)s;
    uint32_t st = d->start;
    size_t i = 0;
    /* Stop at the first accept (it is absorbing) or in the dead state (nothing can match). */
    for (; i < n; i++) {
        if (d->accept[st] & DCC_DFA_ACCEPT) break;
        if (st == DCC_DFA_DEAD) break;
        st = d->trans[(size_t)st * d->nclasses + d->byte_class[p[i]]];
    }
    if (steps) *steps = i;
    if (d->accept[st] & DCC_DFA_ACCEPT) return 1;
    return i == n && (d->accept[st] & DCC_DFA_ACCEPT_AT_END) != 0;
}

int dcc_dfa_search(const dcc_dfa *d, const char *s, size_t n)
{
    return dcc_dfa_search_steps(d, s, n, NULL);
}

int dcc_dfa_check(const dcc_dfa *d)
{
    if (!d || d->nstates == 0 || d->nclasses == 0 || d->nclasses > 256) return 0;
    if (!d->byte_class || !d->trans || !d->accept || d->start >= d->nstates) return 0;
    for (unsigned b = 0; b < 256; b++)
        if (d->byte_class[b] >= d->nclasses) return 0;
    if (d->accept[DCC_DFA_DEAD] != 0) return 0;
    for (uint32_t st = 0; st < d->nstates; st++) {
        if (d->accept[st] & ~(DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)) return 0;
        for (unsigned c = 0; c < d->nclasses; c++) {
            uint32_t to = d->trans[(size_t)st * d->nclasses + c];
            if (to >= d->nstates) return 0;
            if ((d->accept[st] & DCC_DFA_ACCEPT) && to != st) return 0;
            if (st == DCC_DFA_DEAD && to != DCC_DFA_DEAD) return 0;
        }
    }
    return 1;
}

/* ---- the runtime's form ------------------------------------------------------------------- */

#define RT_DFA_MAX_CELLS ((size_t)1 << 20) /* larger tables keep using dcc_dfa_search */
/* Pair tables up to 16384 cells (64 KiB + flags): enough for "^[^@ ]+@[^@ ]+$" (34 states,
 * 18 classes: 11628 cells), whose UTF-8 states are many but whose hot rows on ASCII text are
 * few; pairs make its 18-byte values 16 ns -> 12 ns. */
#define RT_DFA_PAIR_CELLS ((size_t)1 << 14)

static size_t pair_cells(const dcc_dfa *d)
{
    size_t c = d->nclasses, cells = (size_t)d->nstates * (c * c + c);
    return cells <= RT_DFA_PAIR_CELLS ? cells : 0;
}

size_t rt_dfa_bytes(const dcc_dfa *d)
{
    /* only well-formed tables: the fast search relies on accept and dead being absorbing */
    if (!dcc_dfa_check(d))
        return 0;
    size_t cells = (size_t)d->nstates * d->nclasses;
    if (cells > RT_DFA_MAX_CELLS)
        return 0;
    size_t pc = pair_cells(d);
    return sizeof(RtDfa) + (cells + pc) * sizeof(uint32_t) + 256 * sizeof(uint16_t) + cells + pc;
}

/* The fixed shape of d (RtDfa.fix_*), if it has one: from the start, a chain of states each
 * left to one next state by the bytes of at most RT_DFA_FIX_RANGES contiguous ASCII ranges,
 * none accepting, ending after L bytes in an accepting state (then only the first L bytes
 * matter) or in a `$` state that every byte kills (then the input is exactly those L bytes).
 * Following the chain at most RT_DFA_FIX_MAX steps also rejects loops, which would repeat a
 * state forever. */
static void find_fixed(const dcc_dfa *d, RtDfa *r)
{
    uint8_t lo[RT_DFA_FIX_RANGES][RT_DFA_FIX_MAX], hi[RT_DFA_FIX_RANGES][RT_DFA_FIX_MAX];
    unsigned len = 0, exact;
    uint32_t st = d->start;
    for (;;) {
        if (d->accept[st] & DCC_DFA_ACCEPT) {
            exact = 0;
            break;
        }
        uint32_t to = DCC_DFA_DEAD;
        unsigned nr = 0; /* ranges so far; the last one ends at hi[nr - 1][len] */
        for (unsigned b = 0; b < 256; b++) {
            uint32_t t = d->trans[(size_t)st * d->nclasses + d->byte_class[b]];
            if (t == DCC_DFA_DEAD)
                continue;
            if (to != DCC_DFA_DEAD && t != to)
                return; /* two next states */
            to = t;
            if (nr && hi[nr - 1][len] + 1u == b) {
                hi[nr - 1][len] = (uint8_t)b;
                continue;
            }
            if (nr == RT_DFA_FIX_RANGES || len == RT_DFA_FIX_MAX)
                return; /* a set with too many gaps, or too long */
            lo[nr][len] = hi[nr][len] = (uint8_t)b;
            nr++;
        }
        if (d->accept[st] & DCC_DFA_ACCEPT_AT_END) {
            if (to != DCC_DFA_DEAD)
                return; /* `$` here or more bytes: not one length */
            exact = 1;
            break;
        }
        if (to == DCC_DFA_DEAD || hi[nr - 1][len] > 0x7f)
            return;
        for (unsigned k = nr; k < RT_DFA_FIX_RANGES; k++)
            lo[k][len] = lo[0][len], hi[k][len] = hi[0][len];
        len++;
        st = to;
    }
    if (len == 0)
        return; /* matches everything or only "": not worth a form of its own */
    unsigned words = len < 8 ? 1 : len == 8 ? 2 : (len + 7) / 8;
    for (unsigned j = 0; j < words; j++) {
        unsigned off = len < 8 ? 0 : (8 * j + 8 <= len ? 8 * j : len - 8);
        for (unsigned k = 0; k < RT_DFA_FIX_RANGES; k++) {
            uint8_t a[8], b[8];
            for (unsigned i = 0; i < 8; i++) {
                /* past L (only when L < 8) are the zero bytes of the padded word: accept them */
                unsigned pos = off + i;
                a[i] = pos < len ? (uint8_t)(0x80 - lo[k][pos]) : 0x80;
                b[i] = pos < len ? (uint8_t)(0x7f - hi[k][pos]) : 0;
            }
            /* byte i of each constant lines up with byte i of a word memcpy'd from the input,
             * whatever the host's byte order */
            memcpy(&r->fix_lo[k][j], a, 8);
            memcpy(&r->fix_hi[k][j], b, 8);
        }
        r->fix_off[j] = (uint8_t)off;
    }
    unsigned blocks = len < 16 ? 0 : (len + 15) / 16;
    for (unsigned j = 0; j < blocks; j++) {
        unsigned off = 16 * j + 16 <= len ? 16 * j : len - 16;
        for (unsigned k = 0; k < RT_DFA_FIX_RANGES; k++)
            for (unsigned i = 0; i < 16; i++) {
                r->fix16_lo[k][j][i] = lo[k][off + i];
                r->fix16_len[k][j][i] = (uint8_t)(hi[k][off + i] - lo[k][off + i]);
            }
        r->fix16_off[j] = (uint8_t)off;
    }
    r->fix_blocks = (uint8_t)blocks;
    r->fix_len = (uint8_t)len;
    r->fix_exact = (uint8_t)exact;
    r->fix_words = (uint8_t)words;
}

/* Marks the states worth accelerating (RtDfa.accel): not dead or accepting (a search stops
 * there), staying themselves on all but at most 3 ranges of ASCII bytes, of at most
 * RT_DFA_ACCEL_EXITS bytes in all (a [0-9]+ state is left by too many). Any byte >= 0x80
 * that leaves makes all of them stop the skip; the table then decides, so a stop too many
 * costs a step, never an answer. */
static void find_accel(const dcc_dfa *d, RtDfa *r)
{
    size_t nc = d->nclasses;
    r->naccel = 0;
    for (uint32_t st = 1; st < d->nstates && r->naccel < RT_DFA_ACCEL_MAX; st++) {
        if (d->accept[st] & DCC_DFA_ACCEPT)
            continue;
        RtDfaAccel x = {.row = st * (uint32_t)nc, .high = 0};
        unsigned nr = 0, lo[4] = {0}, hi[4] = {0}, exits = 0;
        for (unsigned b = 0; b < 256 && nr <= 3; b++) {
            if (d->trans[st * nc + d->byte_class[b]] == st)
                continue;
            exits += b < 0x80;
            if (b >= 0x80)
                x.high = RT_HIGHS;
            else if (nr && hi[nr - 1] + 1 == b)
                hi[nr - 1] = b;
            else
                lo[nr] = hi[nr] = b, nr++;
        }
        if (nr > 3 || exits > RT_DFA_ACCEL_EXITS)
            continue; /* too many ranges, or too few bytes stay for a skip to go far */
        for (unsigned k = 0; k < 3; k++) {
            unsigned j = k < nr ? k : 0;
            /* no range at all: adders that never flag a byte */
            x.lo[k] = nr ? RT_ONES * (0x80 - lo[j]) : 0;
            x.hi[k] = nr ? RT_ONES * (0x7f - hi[j]) : 0;
            memset(x.rlo[k], nr ? (int)lo[j] : 0xff, 16);
            memset(x.rlen[k], nr ? (int)(hi[j] - lo[j]) : 0, 16);
        }
        x.high16 = x.high ? 0xffff : 0;
        r->accel[r->naccel++] = x;
        r->flags[x.row] |= (uint8_t)(r->naccel << 3);
    }
}

/* RtDfa.split_k: the states alive after exactly k bytes, k = 1, 2, ...; where they are one
 * state S (not accepting), inputs split there. Of such points the one nearest half the
 * shortest match is taken, so that both chains are about as long; none below 4 bytes or when
 * the shortest match is under 8 bytes (too short to gain). */
static void find_split(const dcc_dfa *d, RtDfa *r, uint32_t row2)
{
    enum { MAXS = 256 };
    r->split_k = 0;
    if (d->nstates > MAXS)
        return;
    uint8_t cur[MAXS], nxt[MAXS];
    unsigned at[RT_DFA_SPLIT_MAX], nat = 0, minlen = 0;
    uint32_t one[RT_DFA_SPLIT_MAX];
    memset(cur, 0, d->nstates);
    cur[d->start] = 1;
    for (unsigned k = 0; k < RT_DFA_SPLIT_MAX; k++) {
        unsigned live = 0;
        uint32_t last = 0;
        for (uint32_t st = 1; st < d->nstates; st++) {
            if (!cur[st])
                continue;
            live++;
            last = st;
            if (!minlen && (d->accept[st] & (DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)))
                minlen = k ? k : 1;
        }
        if (live == 0)
            break;
        if (live == 1 && k >= 4 && !(d->accept[last] & DCC_DFA_ACCEPT)) {
            at[nat] = k;
            one[nat++] = last;
        }
        memset(nxt, 0, d->nstates);
        for (uint32_t st = 1; st < d->nstates; st++)
            if (cur[st])
                for (unsigned c = 0; c < d->nclasses; c++)
                    nxt[d->trans[(size_t)st * d->nclasses + c]] = 1;
        nxt[DCC_DFA_DEAD] = 0;
        memcpy(cur, nxt, d->nstates);
    }
    if (minlen < 8)
        return;
    unsigned best = 0, want = minlen / 2;
    for (unsigned i = 0; i < nat && at[i] < minlen; i++) {
        unsigned dist = at[i] > want ? at[i] - want : want - at[i];
        unsigned bdist = r->split_k > want ? r->split_k - want : want - r->split_k;
        if (!r->split_k || dist < bdist) {
            r->split_k = at[i];
            best = i;
        }
    }
    if (r->split_k)
        r->split_row2 = one[best] * row2;
}

RtDfa *rt_dfa_build(const dcc_dfa *d, void *mem)
{
    size_t nc = d->nclasses, cells = (size_t)d->nstates * nc, pc = pair_cells(d);
    RtDfa *r = mem;
    r->byte_class = d->byte_class;
    r->next = (uint32_t *)(r + 1);
    r->next2 = r->next + cells;
    r->class_hi = (uint16_t *)(r->next2 + pc);
    r->flags = (uint8_t *)(r->class_hi + 256);
    r->flags2 = r->flags + cells;
    r->start = d->start * (uint32_t)nc;
    for (size_t i = 0; i < cells; i++) {
        r->next[i] = d->trans[i] * (uint32_t)nc;
        r->flags[i] = 0;
    }
    for (uint32_t st = 0; st < d->nstates; st++)
        r->flags[(size_t)st * nc] = d->accept[st];
    r->flags[0] |= RT_DFA_F_DEAD;
    r->fix_len = 0;
    find_fixed(d, r);
    find_accel(d, r);
    r->split_k = 0;
    if (!pc) {
        r->next2 = NULL;
        r->flags2 = NULL;
        return r;
    }
    size_t row = nc * nc + nc; /* fits 32 bits: pc <= RT_DFA_PAIR_CELLS */
    find_split(d, r, (uint32_t)row);
    r->single2 = (uint32_t)(nc * nc);
    r->start2 = d->start * (uint32_t)row;
    for (unsigned b = 0; b < 256; b++)
        r->class_hi[b] = (uint16_t)(d->byte_class[b] * nc);
    for (uint32_t st = 0; st < d->nstates; st++) {
        uint32_t *out = r->next2 + (size_t)st * row;
        for (size_t c1 = 0; c1 < nc; c1++) {
            uint32_t mid = d->trans[(size_t)st * nc + c1];
            out[nc * nc + c1] = mid * (uint32_t)row;
            for (size_t c2 = 0; c2 < nc; c2++)
                out[c1 * nc + c2] = d->trans[(size_t)mid * nc + c2] * (uint32_t)row;
        }
        memset(r->flags2 + (size_t)st * row, 0, row);
        r->flags2[(size_t)st * row] = d->accept[st];
    }
    return r;
}

/* Two bytes a step; the same answer as one byte a step since an accepting state loops to
 * itself and the dead state stays dead. */
static int search2(const RtDfa *d, const unsigned char *p, size_t n)
{
    const uint32_t *next = d->next2;
    const uint16_t *hi = d->class_hi;
    const uint8_t *cls = d->byte_class;
    uint32_t row = d->start2;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        if (row == DCC_DFA_DEAD || (d->flags2[row] & DCC_DFA_ACCEPT))
            return (d->flags2[row] & DCC_DFA_ACCEPT) != 0;
        row = next[row + hi[p[i]] + cls[p[i + 1]]];
        row = next[row + hi[p[i + 2]] + cls[p[i + 3]]];
        row = next[row + hi[p[i + 4]] + cls[p[i + 5]]];
        row = next[row + hi[p[i + 6]] + cls[p[i + 7]]];
    }
    for (; n - i >= 2; i += 2)
        row = next[row + hi[p[i]] + cls[p[i + 1]]];
    if (i < n)
        row = next[row + d->single2 + cls[p[i]]];
    return (d->flags2[row] & (DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)) != 0;
}

/* The pair tables' walk from row over p[0..n), to its end: the dead state stays dead and an
 * accepting one accepting, so no look on the way changes the answer. */
#define PAIR_STEP(row, q, i) ((row) = next[(row) + hi[(q)[i]] + cls[(q)[(i) + 1]]])

/* Two chains, split at d->split_k (RtDfa): the first from the start must end in S (else it died
 * or, were S accepting, matched: excluded when split_k was chosen), the second from S decides. */
static int search_split(const RtDfa *d, const unsigned char *p, size_t n)
{
    const uint32_t *next = d->next2;
    const uint16_t *hi = d->class_hi;
    const uint8_t *cls = d->byte_class;
    size_t la = d->split_k, lb = n - la, both = (la < lb ? la : lb) & ~(size_t)1, i;
    const unsigned char *q = p + la;
    uint32_t a = d->start2, b = d->split_row2;
    for (i = 0; i < both; i += 2) { /* the two chains interleaved */
        PAIR_STEP(a, p, i);
        PAIR_STEP(b, q, i);
    }
    for (size_t j = i; la - j >= 2; j += 2)
        PAIR_STEP(a, p, j);
    if (la & 1)
        a = next[a + d->single2 + cls[p[la - 1]]];
    for (size_t j = i; lb - j >= 2; j += 2)
        PAIR_STEP(b, q, j);
    if (lb & 1)
        b = next[b + d->single2 + cls[q[lb - 1]]];
    if (a != d->split_row2)
        return (d->flags2[a] & DCC_DFA_ACCEPT) != 0;
    return (d->flags2[b] & (DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)) != 0;
}
#undef PAIR_STEP

/* Bit 7 of each byte of w set when it is below its lo, above its hi, or not ASCII (every
 * range is); with bit 7 cleared first no sum carries into the next byte. */
static inline uint64_t range_bad(uint64_t w, uint64_t lo, uint64_t hi)
{
    uint64_t t = w & ~RT_HIGHS;
    return ~(t + lo) | (t + hi) | w;
}

/* Bit 7 of each byte of word j set when the byte lies in none of its ranges. */
static inline uint64_t fixed_bad(const RtDfa *d, uint64_t w, unsigned j)
{
    uint64_t bad = range_bad(w, d->fix_lo[0][j], d->fix_hi[0][j]);
    for (unsigned k = 1; k < RT_DFA_FIX_RANGES; k++)
        bad &= range_bad(w, d->fix_lo[k][j], d->fix_hi[k][j]);
    return bad;
}

/* The fixed shape (find_fixed): every byte in its ranges, checked 8 at a time, no byte
 * dependent on another. */
static int search_fixed(const RtDfa *d, const unsigned char *p, size_t n)
{
    size_t len = d->fix_len;
    if (n < len || (d->fix_exact && n != len))
        return 0;
#if defined(__SSE2__)
    if (d->fix_blocks) {
        unsigned good = 0xffff;
        for (unsigned j = 0; j < d->fix_blocks; j++) {
            __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + d->fix16_off[j]));
            __m128i in = _mm_setzero_si128();
            for (unsigned k = 0; k < RT_DFA_FIX_RANGES; k++) {
                __m128i t = _mm_sub_epi8(v, _mm_loadu_si128((const __m128i *)(const void *)d->fix16_lo[k][j]));
                __m128i w = _mm_loadu_si128((const __m128i *)(const void *)d->fix16_len[k][j]);
                in = _mm_or_si128(in, _mm_cmpeq_epi8(_mm_min_epu8(t, w), t));
            }
            good &= (unsigned)_mm_movemask_epi8(in);
        }
        return good == 0xffff;
    }
#endif
    uint64_t w = 0, z, bad;
    if (len < 8) {
        memcpy(&w, p, len);
        return (fixed_bad(d, w, 0) & RT_HIGHS) == 0;
    }
    /* the first and the last word always (the same one when L is 8), then any between */
    unsigned last = d->fix_words - 1u;
    memcpy(&w, p, 8);
    memcpy(&z, p + len - 8, 8);
    bad = fixed_bad(d, w, 0) | fixed_bad(d, z, last);
    for (unsigned j = 1; j < last; j++) {
        memcpy(&w, p + d->fix_off[j], 8);
        bad |= fixed_bad(d, w, j);
    }
    return (bad & RT_HIGHS) == 0;
}

#if RT_SWAR
/* Bit 7 set in the bytes of p[0..8) that may leave x: in one of its ranges, or not ASCII when
 * such bytes leave. Exact for every byte: with bit 7 cleared no sum carries. */
static inline uint64_t accel_word(const RtDfaAccel *x, const unsigned char *p)
{
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t t = w & ~RT_HIGHS;
    uint64_t in = ((t + x->lo[0]) & ~(t + x->hi[0])) | ((t + x->lo[1]) & ~(t + x->hi[1])) |
                  ((t + x->lo[2]) & ~(t + x->hi[2]));
    return ((in & ~w) | (w & x->high)) & RT_HIGHS;
}
#endif

#if defined(__SSE2__)
/* accel_word for p[0..16): bit i set when byte i may leave x */
static inline unsigned accel_lanes(const RtDfaAccel *x, const unsigned char *p)
{
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p), in = _mm_setzero_si128();
    for (unsigned k = 0; k < 3; k++) {
        __m128i t = _mm_sub_epi8(v, _mm_loadu_si128((const __m128i *)(const void *)x->rlo[k]));
        __m128i w = _mm_loadu_si128((const __m128i *)(const void *)x->rlen[k]);
        in = _mm_or_si128(in, _mm_cmpeq_epi8(_mm_min_epu8(t, w), t));
    }
    return (unsigned)_mm_movemask_epi8(in) | ((unsigned)_mm_movemask_epi8(v) & x->high16);
}
#endif

/* Where the input can leave the accelerated state x first, from i on (n when nowhere). The
 * word test may stop early (on a byte >= 0x80 when some such byte leaves); stopping early
 * costs one table step, never an answer. The byte loop asks the table itself. */
static size_t accel_skip(const RtDfa *d, const RtDfaAccel *x, const unsigned char *p,
                         size_t i, size_t n)
{
#if defined(__SSE2__)
    for (; n - i >= 16; i += 16) {
        unsigned m = accel_lanes(x, p + i);
        if (m)
            return i + (size_t)__builtin_ctz(m);
    }
    if (i < n && n >= 16) { /* the last 16 bytes, less those before i, as below */
        unsigned m = accel_lanes(x, p + n - 16) & (~0u << (16 - (n - i)));
        return m ? n - 16 + (size_t)__builtin_ctz(m) : n;
    }
#endif
#if RT_SWAR
    for (; n - i >= 8; i += 8) {
        uint64_t m = accel_word(x, p + i);
        if (m)
            return i + (size_t)(__builtin_ctzll(m) >> 3);
    }
    if (i < n && n >= 8) {
        /* the last 8 bytes, less those before i: they belong to other states */
        uint64_t m = accel_word(x, p + n - 8) & (~0ull << (8 * (8 - (n - i))));
        return m ? n - 8 + (size_t)(__builtin_ctzll(m) >> 3) : n;
    }
#endif
    while (i < n && d->next[x->row + d->byte_class[p[i]]] == x->row)
        i++;
    return i;
}

/* One byte a step, skipping ahead in accelerated states: each byte is still looked at once
 * (a skip resumes where it stopped), so the search stays O(n). */
static int search_accel(const RtDfa *d, const unsigned char *p, size_t n)
{
    const uint32_t *next = d->next;
    const uint8_t *cls = d->byte_class;
    uint32_t row = d->start;
    size_t i = 0;
    for (;;) {
        unsigned f = d->flags[row];
        if (f & (DCC_DFA_ACCEPT | RT_DFA_F_DEAD))
            return (f & DCC_DFA_ACCEPT) != 0;
        if (f >> 3)
            i = accel_skip(d, &d->accel[(f >> 3) - 1], p, i, n);
        if (i == n)
            return (f & DCC_DFA_ACCEPT_AT_END) != 0;
        row = next[row + cls[p[i++]]];
    }
}

char rt_dfa_kind(const RtDfa *d)
{
    return d->fix_len ? 'F' : d->naccel ? 'A' : d->split_k ? 'S' : d->next2 ? '2' : '1';
}

/* The table searches, out of line so that the fixed shape's few instructions do not wait on
 * saving the registers they need. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int search_tables(const RtDfa *d, const unsigned char *p, size_t n)
{
    /* skipping pays from about 32 bytes on (then ever more: 6x at 512 bytes); below, walking
     * the pair tables is faster (an 18-byte email: 12 ns against 20) */
    if (d->naccel && n >= RT_DFA_ACCEL_MIN)
        return search_accel(d, p, n);
    if (d->split_k && n > d->split_k && n <= RT_DFA_SPLIT_MAX)
        return search_split(d, p, n);
    if (d->next2)
        return search2(d, p, n);
    const uint32_t *next = d->next;
    const uint8_t *cls = d->byte_class;
    uint32_t row = d->start;
    size_t i = 0;
    /* Eight transitions between looks at the state: once accepting or dead, a state never
     * changes, so looking late gives the same answer as looking after every byte. */
    for (; n - i >= 8; i += 8) {
        if (row == DCC_DFA_DEAD || (d->flags[row] & DCC_DFA_ACCEPT))
            return (d->flags[row] & DCC_DFA_ACCEPT) != 0;
        row = next[row + cls[p[i]]];
        row = next[row + cls[p[i + 1]]];
        row = next[row + cls[p[i + 2]]];
        row = next[row + cls[p[i + 3]]];
        row = next[row + cls[p[i + 4]]];
        row = next[row + cls[p[i + 5]]];
        row = next[row + cls[p[i + 6]]];
        row = next[row + cls[p[i + 7]]];
    }
    for (; i < n; i++)
        row = next[row + cls[p[i]]];
    /* the dead state has no accept bits; an accepting state answers yes; else `$` at the end */
    return (d->flags[row] & (DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)) != 0;
}

int rt_dfa_search(const RtDfa *d, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    return d->fix_len ? search_fixed(d, p, n) : search_tables(d, p, n);
}
