/* num.c - exact decimal numbers: JSON number scanning and comparison on digits, never a double. */
#include "dcc_rt_internal.h"

#define EXP_LIMIT ((int64_t)1 << 60)

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* lenient: a contract literal (a leading '+', leading zeros); otherwise the strict JSON grammar.
 * Always inlined with a constant, so the data path keeps its own specialised copy. */
static inline const char *scan(const char *p, const char *end, NumTok *t, bool lenient)
{
    t->neg = false;
    t->has_frac = t->has_exp = false;
    t->fp = NULL;
    t->fpn = 0;
    t->exp = 0;
    if (p < end && *p == '-') {
        t->neg = true;
        p++;
    } else if (lenient && p < end && *p == '+') {
        p++;
    }
    if (p >= end || !is_digit(*p))
        return NULL;
    t->ip = p;
    if (*p == '0' && !lenient) {
        p++;
    } else {
        while (p < end && is_digit(*p))
            p++;
    }
    t->ipn = (size_t)(p - t->ip);
    if (p < end && *p == '.') {
        p++;
        t->fp = p;
        while (p < end && is_digit(*p))
            p++;
        t->fpn = (size_t)(p - t->fp);
        if (t->fpn == 0)
            return NULL;
        t->has_frac = true;
    }
    if (p < end && (*p == 'e' || *p == 'E')) {
        p++;
        bool eneg = false;
        if (p < end && (*p == '+' || *p == '-')) {
            eneg = *p == '-';
            p++;
        }
        if (p >= end || !is_digit(*p))
            return NULL;
        int64_t e = 0;
        while (p < end && is_digit(*p)) {
            if (e <= EXP_LIMIT / 10) /* saturate: no overflow however many digits */
                e = e * 10 + (*p - '0');
            else
                e = EXP_LIMIT;
            p++;
        }
        if (e > EXP_LIMIT)
            e = EXP_LIMIT;
        t->exp = eneg ? -e : e;
        t->has_exp = true;
    }
    return p;
}

const char *rt_num_scan(const char *p, const char *end, NumTok *t) { return scan(p, end, t, false); }

bool rt_num_parse(const char *s, size_t n, NumTok *t)
{
    const char *e = scan(s, s + n, t, false);
    return e != NULL && e == s + n;
}

bool rt_num_parse_literal(const char *s, size_t n, NumTok *t)
{
    const char *e = scan(s, s + n, t, true);
    return e != NULL && e == s + n;
}

void rt_num_norm(const NumTok *t, Num *x)
{
    const char *a = t->ip, *b = t->fp;
    size_t an = t->ipn, bn = t->fpn;
    int64_t point = (int64_t)an + t->exp;
    /* strip leading zeros of the digit sequence a ++ b */
    while (an > 0 && *a == '0') {
        a++;
        an--;
        point--;
    }
    if (an == 0) {
        while (bn > 0 && *b == '0') {
            b++;
            bn--;
            point--;
        }
    }
    /* strip trailing zeros */
    while (bn > 0 && b[bn - 1] == '0')
        bn--;
    if (bn == 0) {
        while (an > 0 && a[an - 1] == '0')
            an--;
    }
    x->a = a;
    x->an = an;
    x->b = b;
    x->bn = bn;
    x->point = point;
    x->sign = (an + bn == 0) ? 0 : (t->neg ? -1 : 1);
    if (x->sign == 0)
        x->point = 0;
}

static char digit_at(const Num *x, size_t i)
{
    if (i < x->an)
        return x->a[i];
    i -= x->an;
    return i < x->bn ? x->b[i] : '0';
}

int rt_num_cmp(const Num *x, const Num *y)
{
    if (x->sign != y->sign)
        return x->sign < y->sign ? -1 : 1;
    if (x->sign == 0)
        return 0;
    int mag;
    if (x->point != y->point) {
        mag = x->point < y->point ? -1 : 1;
    } else {
        size_t nx = x->an + x->bn, ny = y->an + y->bn, n = nx > ny ? nx : ny;
        mag = 0;
        for (size_t i = 0; i < n && mag == 0; i++) {
            char cx = digit_at(x, i), cy = digit_at(y, i);
            if (cx != cy)
                mag = cx < cy ? -1 : 1;
        }
    }
    return x->sign > 0 ? mag : -mag;
}

int64_t rt_num_int_digits(const Num *x)
{
    return x->sign != 0 && x->point > 0 ? x->point : 0;
}

int64_t rt_num_frac_digits(const Num *x)
{
    int64_t n = (int64_t)(x->an + x->bn);
    return x->sign != 0 && n > x->point ? n - x->point : 0;
}

void rt_num_mul_u64(const Num *x, uint64_t m, char *buf, Num *out)
{
    /* x = D * 10^(point - L) for the L digits D of a ++ b, so x * m = P * 10^(point - L) where
     * P = D * m: its digits, least significant first, are column sums of digit products (at
     * most 20 digits of m, each product below 100: no sum comes near overflowing). */
    unsigned char md[20];
    size_t mn = 0;
    for (uint64_t t = m; t; t /= 10)
        md[mn++] = (unsigned char)(t % 10);
    size_t L = x->an + x->bn, n = L + mn;
    out->sign = 0;
    out->a = buf;
    out->an = 0;
    out->b = NULL;
    out->bn = 0;
    out->point = 0;
    if (x->sign == 0 || m == 0)
        return;
    uint64_t carry = 0;
    for (size_t k = 0; k < n; k++) {
        uint64_t sum = carry;
        for (size_t j = 0; j < mn && j <= k; j++) {
            size_t i = k - j; /* i-th least significant digit of D */
            if (i < L)
                sum += (uint64_t)(digit_at(x, L - 1 - i) - '0') * md[j];
        }
        buf[n - 1 - k] = (char)('0' + sum % 10);
        carry = sum / 10;
    }
    size_t z = 0;
    while (z < n && buf[z] == '0')
        z++;
    size_t an = n - z;
    while (an > 0 && buf[z + an - 1] == '0')
        an--;
    out->sign = x->sign;
    out->a = buf + z;
    out->an = an;
    out->point = x->point - (int64_t)L + (int64_t)(n - z);
}

void rt_num_of_u64(uint64_t u, char *buf, Num *out)
{
    char tmp[24];
    size_t n = 0;
    for (uint64_t t = u; t; t /= 10)
        tmp[n++] = (char)('0' + t % 10);
    for (size_t i = 0; i < n; i++)
        buf[i] = tmp[n - 1 - i];
    out->sign = u ? 1 : 0;
    out->a = buf;
    out->b = NULL;
    out->bn = 0;
    out->point = (int64_t)n;
    while (n > 0 && buf[n - 1] == '0')
        n--;
    out->an = n;
}
