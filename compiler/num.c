/* num.c - exact decimal numbers for the compiler (sema's checks, compat's range comparisons).
 * Not a second engine: parsing, normalising and comparing are the runtime's (runtime/num.c via
 * rt_num.h), so a literal in a contract and the same number in data can never be read two ways.
 * This file only adapts the runtime's split-digit form to the compiler's one-string form, which
 * lives in the compilation's arena. */
#include "num.h"

#include <string.h>

/* The runtime names its types Num and NumTok, as the compiler names its own Num: rename the
 * runtime's for this file only. The functions are the same symbols either way. */
#define Num RtNum
#define NumTok RtNumTok
#include "rt_num.h"
#undef Num
#undef NumTok

static RtNum to_rt(const Num *n)
{
    RtNum r = {0};
    if (n->ndigits) {
        r.sign = n->neg ? -1 : 1;
        r.a = n->digits;
        r.an = n->ndigits;
        r.point = n->exp;
    }
    return r;
}

bool num_parse(Arena *a, const char *t, Num *n)
{
    memset(n, 0, sizeof *n);
    RtNumTok tok;
    if (!t || !rt_num_parse_literal(t, strlen(t), &tok)) return false;
    RtNum r;
    rt_num_norm(&tok, &r);
    if (r.sign == 0) return true;
    /* The significant digits stand together in t unless a point falls between them (12.5). */
    if (r.an && r.bn) {
        char *buf = arena_alloc(a, r.an + r.bn);
        memcpy(buf, r.a, r.an);
        memcpy(buf + r.an, r.b, r.bn);
        n->digits = buf;
    } else {
        n->digits = r.an ? r.a : r.b;
    }
    n->ndigits = r.an + r.bn;
    n->neg = r.sign < 0;
    n->exp = (long)r.point;
    return true;
}

Num num_of(Arena *a, const char *text)
{
    Num n;
    num_parse(a, text, &n);
    return n;
}

int num_cmp(const Num *x, const Num *y)
{
    RtNum rx = to_rt(x), ry = to_rt(y);
    return rt_num_cmp(&rx, &ry);
}

int num_cmp_abs(const Num *x, const Num *y)
{
    RtNum rx = to_rt(x), ry = to_rt(y);
    if (rx.sign) rx.sign = 1;
    if (ry.sign) ry.sign = 1;
    return rt_num_cmp(&rx, &ry);
}

long num_frac_digits(const Num *n)
{
    RtNum r = to_rt(n);
    return (long)rt_num_frac_digits(&r);
}

long num_int_digits(const Num *n)
{
    RtNum r = to_rt(n);
    return (long)rt_num_int_digits(&r);
}

bool num_is_int(const Num *n) { return num_frac_digits(n) == 0; }

/* An integral n as int64, saturating at INT64_MIN / INT64_MAX. */
bool num_to_i64(const Num *n, int64_t *out)
{
    if (!num_is_int(n)) return false;
    if (!n->ndigits) { *out = 0; return true; }
    if (n->exp > 18) { *out = n->neg ? INT64_MIN : INT64_MAX; return true; }
    int64_t v = 0;
    for (long i = 0; i < n->exp; i++) v = v * 10 + ((size_t)i < n->ndigits ? n->digits[i] - '0' : 0);
    *out = n->neg ? -v : v;
    return true;
}

const char *num_plain_text(Arena *a, const char *t)
{
    if (!t) return t;
    size_t sign = t[0] == '-' || t[0] == '+';
    size_t z = sign;
    while (t[z] == '0' && t[z + 1] >= '0' && t[z + 1] <= '9') z++;
    if (z == sign && t[0] != '+') return t; /* already plain: no allocation */
    bool minus = t[0] == '-';
    size_t rest = strlen(t + z);
    char *out = arena_alloc(a, rest + 2);
    size_t k = 0;
    if (minus) out[k++] = '-';
    memcpy(out + k, t + z, rest + 1);
    return out;
}

/* Digit of n at weight 10^w (0 outside its digits): n = 0.DIGITS * 10^exp, so digit i weighs
 * 10^(exp - 1 - i). */
static int digit_at(const Num *n, long w)
{
    long i = n->exp - 1 - w;
    return i >= 0 && (size_t)i < n->ndigits ? n->digits[i] - '0' : 0;
}

const char *num_sub_text(Arena *a, const Num *x, const Num *y)
{
    /* |x| - |y| column by column, the larger magnitude on top; the sign from the order. */
    if (x->neg || y->neg) return NULL;
    bool neg = num_cmp(x, y) < 0;
    const Num *p = neg ? y : x, *q = neg ? x : y;
    long hi = 1, lo = 0; /* weights [lo, hi): at least the units digit */
    const Num *both[2] = {p, q};
    for (int k = 0; k < 2; k++) {
        if (!both[k]->ndigits) continue;
        if (both[k]->exp > hi) hi = both[k]->exp;
        if (both[k]->exp - (long)both[k]->ndigits < lo) lo = both[k]->exp - (long)both[k]->ndigits;
    }
    if (hi - lo > 4096) return NULL; /* 1e-100000: no one's threshold, and no room for it */
    size_t n = (size_t)(hi - lo);
    char *d = arena_alloc(a, n + 3);
    int borrow = 0;
    for (long w = lo; w < hi; w++) {
        int v = digit_at(p, w) - digit_at(q, w) - borrow;
        borrow = v < 0;
        d[hi - 1 - w] = (char)('0' + (v < 0 ? v + 10 : v));
    }
    /* d holds the digits from weight hi-1 down to lo; the point sits before weight -1 */
    size_t nint = (size_t)hi, nfrac = (size_t)-lo;
    while (nfrac && d[nint + nfrac - 1] == '0') nfrac--;
    size_t skip = 0;
    while (skip + 1 < nint && d[skip] == '0') skip++;
    char *out = arena_alloc(a, n + 4), *o = out;
    bool zero = true;
    for (size_t i = skip; i < nint + nfrac; i++) zero &= d[i] == '0';
    if (neg && !zero) *o++ = '-';
    memcpy(o, d + skip, nint - skip);
    o += nint - skip;
    if (nfrac) {
        *o++ = '.';
        memcpy(o, d + nint, nfrac);
        o += nfrac;
    }
    *o = '\0';
    return out;
}
