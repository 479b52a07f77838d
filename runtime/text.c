/* text.c - byte-level helpers: UTF-8, base64, uuid, excerpts, the key hash and its set. */
#include <stdlib.h>
#include <string.h>

#include "dcc_rt_internal.h"

/* Length of one valid UTF-8 sequence at s (n > 0 bytes available, s[0] >= 0x80), or 0. */
size_t rt_utf8_seq(const unsigned char *s, size_t n)
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

size_t rt_utf8_valid_prefix(const unsigned char *s, size_t n)
{
    size_t i = 0;
    while (i < n) {
        /* ASCII runs eight bytes at a time */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            if (w & 0x8080808080808080ull)
                break;
            i += 8;
        }
        if (i >= n)
            break;
        if (s[i] < 0x80) {
            i++;
            continue;
        }
        size_t l = rt_utf8_seq(s + i, n - i);
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
        uint64_t c = w & ~(w << 1) & 0x8080808080808080ull; /* bit 7 set, bit 6 clear */
        if (c)
            cont += (size_t)__builtin_popcountll(c);
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
/* High bit of each byte of w that is in [lo, hi] (lo >= 1, hi < 0x7F): exact for every byte,
 * since no addition carries out of a byte once the high bits are cleared. */
static inline uint64_t swar_in(uint64_t w, unsigned char lo, unsigned char hi)
{
    uint64_t x = w & ~RT_HIGHS;
    return (x + RT_ONES * (0x80 - lo)) & ~(x + RT_ONES * (0x7F - hi)) & ~w & RT_HIGHS;
}

/* Flags of the hexadecimal digits of w. */
static inline uint64_t swar_hex(uint64_t w)
{
    return swar_in(w, '0', '9') | swar_in(w | RT_ONES * 0x20, 'a', 'f');
}

void rt_uuid_lower(const char *s, char *out)
{
    static const size_t at[5] = {0, 8, 16, 24, 28}; /* the last two overlap */
    for (size_t i = 0; i < 5; i++) {
        uint64_t w;
        memcpy(&w, s + at[i], 8);
        w |= swar_in(w, 'A', 'F') >> 2;
        memcpy(out + at[i], &w, 8);
    }
}
#else
void rt_uuid_lower(const char *s, char *out)
{
    for (size_t i = 0; i < 36; i++)
        out[i] = (char)(s[i] >= 'A' && s[i] <= 'F' ? s[i] | 0x20 : s[i]);
}
#endif

bool rt_uuid_check(const char *s, size_t n)
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

size_t rt_excerpt(char *out, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    const unsigned char *u = (const unsigned char *)s;
    size_t o = 0, i = 0;
    const size_t budget = 40;
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

/* ---- key hashing: two independently seeded 64-bit lanes, finished with murmur3's fmix ---- */

void rt_hash_init(Hash128 *h)
{
    h->a = 0xcbf29ce484222325ull;
    h->b = 0x84222325cbf29ce4ull ^ 0x9e3779b97f4a7c15ull;
}

void rt_hash_bytes(Hash128 *h, const void *p, size_t n)
{
    const unsigned char *s = p;
    uint64_t a = h->a, b = h->b;
    size_t i = 0;
    for (; i + 8 <= n; i += 8) { /* a word at a time; the tail byte by byte */
        uint64_t w;
        memcpy(&w, s + i, 8);
        a = (a ^ w) * 0x100000001b3ull;
        a ^= a >> 32;
        b = (b ^ w) * 0x9e3779b97f4a7c15ull;
        b ^= b >> 29;
    }
    for (; i < n; i++) {
        a = (a ^ s[i]) * 0x100000001b3ull;
        b = (b ^ s[i]) * 0x9e3779b97f4a7c15ull;
        b ^= b >> 29;
    }
    h->a = a;
    h->b = b;
}

static uint64_t fmix(uint64_t k)
{
    k ^= k >> 33;
    k *= 0xff51afd7ed558ccdull;
    k ^= k >> 33;
    k *= 0xc4ceb9fe1a85ec53ull;
    k ^= k >> 33;
    return k;
}

void rt_hash_final(Hash128 *h)
{
    uint64_t a = fmix(h->a), b = fmix(h->b ^ a);
    h->a = a;
    h->b = b;
}

/* The slot of hash h in a segment of cap slots: the top 32 bits of h.a scaled to [0, cap), so
 * that any capacity works (growth by 1.5 instead of 2 keeps memory per key lower). */
static uint32_t hs_home(const Hash128 *h, uint32_t cap)
{
    return (uint32_t)(((h->a >> 32) * (uint64_t)cap) >> 32);
}

static bool hs_empty(const Hash128 *e) { return (e->a | e->b) == 0; }

/* Grows a segment to hold one more hash within the load limit. */
static bool hs_grow(HashSeg *g)
{
    uint64_t ncap = g->cap ? (uint64_t)g->cap + g->cap / 2 : 16;
    if (ncap > UINT32_MAX / 2)
        return false;
    Hash128 *ns = calloc((size_t)ncap, sizeof *ns);
    if (!ns)
        return false;
    for (uint32_t i = 0; i < g->cap; i++) {
        const Hash128 *e = &g->slots[i];
        if (hs_empty(e))
            continue;
        uint32_t j = hs_home(e, (uint32_t)ncap);
        while (!hs_empty(&ns[j]))
            j = j + 1 == ncap ? 0 : j + 1;
        ns[j] = *e;
    }
    free(g->slots);
    g->slots = ns;
    g->cap = (uint32_t)ncap;
    return true;
}

int rt_hashset_add(HashSet *s, Hash128 h)
{
    if (h.a == 0 && h.b == 0)
        h.b = 1;
    HashSeg *g = &s->seg[h.b >> (64 - RT_HASHSET_SEG_BITS)];
    /* linear probing up to a load of 7/8 */
    if ((uint64_t)(g->len + 1) * 8 > (uint64_t)g->cap * 7 && !hs_grow(g))
        return -1;
    uint32_t j = hs_home(&h, g->cap);
    for (;;) {
        Hash128 *e = &g->slots[j];
        if (hs_empty(e)) {
            *e = h;
            g->len++;
            s->len++;
            return 1;
        }
        if (e->a == h.a && e->b == h.b)
            return 0;
        j = j + 1 == g->cap ? 0 : j + 1;
    }
}

void rt_hashset_prefetch(const HashSet *s, Hash128 h)
{
    if (h.a == 0 && h.b == 0)
        h.b = 1;
    const HashSeg *g = &s->seg[h.b >> (64 - RT_HASHSET_SEG_BITS)];
    if (g->cap)
        __builtin_prefetch(&g->slots[hs_home(&h, g->cap)]);
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
        free(s->seg[i].slots);
    memset(s, 0, sizeof *s);
}
