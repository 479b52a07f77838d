/* num.c - exact decimal numbers for the compiler (sema's checks, compat's range comparisons). */
#include "num.h"

#include <string.h>

/* Parses -?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)? exactly. The digits point into t when they stand
 * together there (no point between significant digits: most literals); only a number such as
 * 12.5 needs a copy without its point. */
bool num_parse(Arena *a, const char *t, Num *n)
{
    memset(n, 0, sizeof *n);
    if (!t) return false;
    const char *p = t;
    if (*p == '-') { n->neg = true; p++; }
    else if (*p == '+') p++;
    const char *first = NULL; /* the first significant digit */
    const char *point = NULL;
    long intdigits = 0;
    bool any = false;
    long lead_frac_zeros = 0;
    while (*p >= '0' && *p <= '9') {
        any = true;
        if (*p != '0' || first) {
            if (!first) first = p;
            if (intdigits < NUM_EXP_LIMIT) intdigits++;
        }
        p++;
    }
    if (!any) return false;
    const char *end = p; /* one past the last digit before any exponent */
    if (*p == '.') {
        point = p++;
        if (!(*p >= '0' && *p <= '9')) return false;
        while (*p >= '0' && *p <= '9') {
            if (*p != '0' || first) {
                if (!first) first = p;
            } else if (lead_frac_zeros < NUM_EXP_LIMIT) {
                lead_frac_zeros++;
            }
            p++;
        }
        end = p;
    }
    long e = 0;
    if (*p == 'e' || *p == 'E') {
        p++;
        bool eneg = false;
        if (*p == '+' || *p == '-') eneg = *p++ == '-';
        if (!(*p >= '0' && *p <= '9')) return false;
        while (*p >= '0' && *p <= '9') {
            if (e < NUM_EXP_LIMIT) e = e * 10 + (*p - '0');
            p++;
        }
        if (eneg) e = -e;
    }
    if (*p) return false;
    size_t nd = 0;
    if (first) {
        while (end > first && (end[-1] == '0' || end[-1] == '.')) end--; /* trailing zeros */
        if (point && first < point && end > point) {
            char *buf = arena_alloc(a, (size_t)(end - first));
            for (const char *q = first; q < end; q++)
                if (*q != '.') buf[nd++] = *q;
            n->digits = buf;
        } else {
            n->digits = first;
            nd = (size_t)(end - first);
        }
    }
    n->ndigits = nd;
    if (nd == 0) {
        n->neg = false;
        n->exp = 0;
    } else {
        n->exp = (intdigits ? intdigits : -lead_frac_zeros) + e;
    }
    return true;
}

int num_cmp_abs(const Num *x, const Num *y)
{
    if (!x->ndigits || !y->ndigits) return (x->ndigits != 0) - (y->ndigits != 0);
    if (x->exp != y->exp) return x->exp < y->exp ? -1 : 1;
    size_t n = x->ndigits < y->ndigits ? x->ndigits : y->ndigits;
    int c = memcmp(x->digits, y->digits, n);
    if (c) return c < 0 ? -1 : 1;
    if (x->ndigits != y->ndigits) return x->ndigits < y->ndigits ? -1 : 1;
    return 0;
}

int num_cmp(const Num *x, const Num *y)
{
    if (x->neg != y->neg) return x->neg ? -1 : 1;
    int c = num_cmp_abs(x, y);
    return x->neg ? -c : c;
}

bool num_is_int(const Num *n) { return !n->ndigits || n->exp >= (long)n->ndigits; }

long num_frac_digits(const Num *n)
{
    if (!n->ndigits) return 0;
    long f = (long)n->ndigits - n->exp;
    return f > 0 ? f : 0;
}

long num_int_digits(const Num *n) { return n->ndigits && n->exp > 0 ? n->exp : 0; }

Num num_of(Arena *a, const char *text)
{
    Num n;
    num_parse(a, text, &n);
    return n;
}

/* Parses a non-negative integer literal into *out (saturating at INT64_MAX). */
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
