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
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        c += (s[i] & 0xC0) != 0x80;
    return c;
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

bool rt_uuid_check(const char *s, size_t n)
{
    if (n != 36 || s[8] != '-' || s[13] != '-' || s[18] != '-' || s[23] != '-')
        return false;
    for (size_t i = 0; i < 36; i++) {
        unsigned char c = (unsigned char)s[i];
        if (i == 8 || i == 13 || i == 18 || i == 23)
            continue;
        unsigned char l = c | 0x20;
        if (!((c >= '0' && c <= '9') || (l >= 'a' && l <= 'f')))
            return false;
    }
    return true;
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

int rt_hashset_add(HashSet *s, Hash128 h)
{
    if (h.a == 0 && h.b == 0)
        h.b = 1;
    if ((s->len + 1) * 2 > s->cap) {
        size_t ncap = s->cap ? s->cap * 2 : 1024;
        Hash128 *ns = calloc(ncap, sizeof *ns);
        if (!ns)
            return -1;
        for (size_t i = 0; i < s->cap; i++) {
            Hash128 e = s->slots[i];
            if (e.a == 0 && e.b == 0)
                continue;
            size_t j = (size_t)e.a & (ncap - 1);
            while (ns[j].a != 0 || ns[j].b != 0)
                j = (j + 1) & (ncap - 1);
            ns[j] = e;
        }
        free(s->slots);
        s->slots = ns;
        s->cap = ncap;
    }
    size_t j = (size_t)h.a & (s->cap - 1);
    for (;;) {
        Hash128 e = s->slots[j];
        if (e.a == 0 && e.b == 0) {
            s->slots[j] = h;
            s->len++;
            return 1;
        }
        if (e.a == h.a && e.b == h.b)
            return 0;
        j = (j + 1) & (s->cap - 1);
    }
}

void rt_hashset_free(HashSet *s)
{
    free(s->slots);
    s->slots = NULL;
    s->cap = s->len = 0;
}
