/* jsre.c - ECMA-262 patterns with the runtime's meaning of decimals, temporal values, base64 and
 * uuids, for the JSON Schema and OpenAPI targets (see jsre.h). */
#include "jsre.h"

#include <string.h>

#include "num.h"

/* Digits beyond this in a literal are refused: sema keeps decimals within 38 digits and
 * temporal values are fixed width, so only a broken caller reaches it. */
#define DEC_LIMIT 400

/* ---- decimals ------------------------------------------------------------------------------ */

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

/* Read with the compiler's exact numbers (the runtime's engine), then spelled out without an
 * exponent, the form the patterns below are built from. */
bool jsre_dec_parse(Arena *a, const char *text, JsDec *d)
{
    Num n;
    if (!num_parse(a, text, &n) || n.ndigits > DEC_LIMIT || n.exp > DEC_LIMIT || n.exp < -DEC_LIMIT) return false;
    if (!n.ndigits) { /* zero */
        d->neg = false;
        d->ip = "0";
        d->fp = "";
        return true;
    }
    const char *s = n.digits;
    size_t m = n.ndigits;
    long point = n.exp;
    if (point <= 0) {
        char *f = arena_alloc(a, (size_t)-point + m + 1);
        memset(f, '0', (size_t)-point);
        memcpy(f + -point, s, m);
        f[(size_t)-point + m] = 0;
        d->ip = "0";
        d->fp = f;
    } else if ((size_t)point >= m) {
        char *i = arena_alloc(a, (size_t)point + 1);
        memcpy(i, s, m);
        memset(i + m, '0', (size_t)point - m);
        i[point] = 0;
        d->ip = i;
        d->fp = "";
    } else {
        d->ip = arena_strndup(a, s, (size_t)point);
        d->fp = arena_strndup(a, s + point, m - (size_t)point);
    }
    d->neg = n.neg;
    return true;
}

const char *jsre_dec_text(Arena *a, const JsDec *d)
{
    return arena_printf(a, "%s%s%s%s", d->neg ? "-" : "", d->ip, *d->fp ? "." : "", d->fp);
}

/* [lo-hi] over digits, or the digit alone. */
static void digit_class(StrBuf *b, char lo, char hi)
{
    if (lo == hi) sb_putc(b, lo);
    else if (lo == '0' && hi == '9') sb_puts(b, "[0-9]");
    else sb_printf(b, "[%c-%c]", lo, hi);
}

static void alt(StrBuf *b, bool *first)
{
    if (!*first) sb_putc(b, '|');
    *first = false;
}

void jsre_dec_digits(StrBuf *b, int p, int s)
{
    int k = p - s;
    sb_puts(b, "^-?");
    if (k == 0) sb_puts(b, "0");
    else if (k == 1) sb_puts(b, "(?:0|[1-9])");
    else sb_printf(b, "(?:0|[1-9][0-9]{0,%d})", k - 1);
    if (s == 0) sb_puts(b, "(?:\\.0+)?$");
    else if (s == 1) sb_puts(b, "(?:\\.[0-9]0*)?$");
    else sb_printf(b, "(?:\\.[0-9]{1,%d}0*)?$", s);
}

/* Integer parts I (0 or [1-9][0-9]*) greater than A, each alternative ending at the point or the
 * end of the text. */
static void int_greater(StrBuf *b, const char *A, bool *first)
{
    size_t L = strlen(A);
    alt(b, first);
    sb_printf(b, "[1-9][0-9]{%zu,}(?:\\.|$)", L);
    for (size_t i = 0; i < L; i++) {
        if (A[i] == '9') continue;
        alt(b, first);
        sb_put(b, A, i);
        digit_class(b, (char)(A[i] + 1), '9');
        if (L - i - 1 == 1) sb_puts(b, "[0-9]");
        else if (L - i - 1 > 1) sb_printf(b, "[0-9]{%zu}", L - i - 1);
        sb_puts(b, "(?:\\.|$)");
    }
}

/* Integer parts smaller than A, with any fraction after them, to the end of the text. */
static void int_less(StrBuf *b, const char *A, bool *first)
{
    size_t L = strlen(A);
    if (strcmp(A, "0") == 0) return;
    if (L >= 2) {
        alt(b, first);
        if (L == 2) sb_puts(b, "(?:0|[1-9])");
        else sb_printf(b, "(?:0|[1-9][0-9]{0,%zu})", L - 2);
        sb_puts(b, "(?:\\.[0-9]+)?$");
    }
    for (size_t i = 0; i < L; i++) {
        char lo = (i == 0 && L > 1) ? '1' : '0';
        if (A[i] <= lo) continue;
        alt(b, first);
        sb_put(b, A, i);
        digit_class(b, lo, (char)(A[i] - 1));
        if (L - i - 1 == 1) sb_puts(b, "[0-9]");
        else if (L - i - 1 > 1) sb_printf(b, "[0-9]{%zu}", L - i - 1);
        sb_puts(b, "(?:\\.[0-9]+)?$");
    }
}

/* Fraction digits X (after the point) with 0.X > 0.F (strict) or >= (F not empty). Each
 * alternative decides at a digit, so nothing needs to follow. */
static void frac_greater(StrBuf *b, const char *F, bool inclusive)
{
    size_t m = strlen(F);
    bool first = true;
    sb_puts(b, "(?:");
    if (m == 0) {
        /* only the strict case comes here: some digit is not zero */
        alt(b, &first);
        sb_puts(b, "[0-9]*[1-9]");
    } else {
        alt(b, &first);
        sb_puts(b, F);
        if (!inclusive) sb_puts(b, "[0-9]*[1-9]");
        for (size_t j = 0; j < m; j++) {
            if (F[j] == '9') continue;
            alt(b, &first);
            sb_put(b, F, j);
            digit_class(b, (char)(F[j] + 1), '9');
        }
    }
    sb_putc(b, ')');
}

/* Fraction digits X with 0.X < 0.F (strict) or <= F, followed by `end` (which must end the
 * digits). F not empty in the strict case. */
static void frac_less(StrBuf *b, const char *F, bool inclusive, const char *end)
{
    size_t m = strlen(F);
    bool first = true;
    sb_puts(b, "(?:");
    for (size_t j = 0; j < m; j++) {
        if (F[j] == '0') continue;
        alt(b, &first);
        sb_put(b, F, j);
        digit_class(b, '0', (char)(F[j] - 1));
        sb_puts(b, "[0-9]*");
        sb_puts(b, end);
    }
    /* a prefix of F (all of it when inclusive) followed by zeros only */
    size_t upto = inclusive ? m : m - 1;
    alt(b, &first);
    for (size_t j = 0; j < upto; j++) sb_printf(b, "(?:%c", F[j]);
    for (size_t j = 0; j < upto; j++) sb_puts(b, ")?");
    sb_puts(b, "0*");
    sb_puts(b, end);
    sb_putc(b, ')');
}

/* Magnitudes >= / > A.F */
static void mag_greater(StrBuf *b, const JsDec *d, bool inclusive)
{
    bool first = true;
    int_greater(b, d->ip, &first);
    alt(b, &first);
    sb_puts(b, d->ip);
    if (!*d->fp && inclusive) {
        sb_puts(b, "(?:\\.|$)");
        return;
    }
    sb_puts(b, "\\.");
    frac_greater(b, d->fp, inclusive);
}

/* Magnitudes <= / < A.F, to the end of the text. */
static void mag_less(StrBuf *b, const JsDec *d, bool inclusive)
{
    bool first = true;
    int_less(b, d->ip, &first);
    if (!*d->fp) {
        if (inclusive) {
            alt(b, &first);
            sb_printf(b, "%s(?:\\.0+)?$", d->ip);
        }
        if (first) sb_puts(b, "(?!)"); /* unreachable: sema refuses empty ranges */
        return;
    }
    alt(b, &first);
    sb_printf(b, "%s(?:\\.", d->ip);
    frac_less(b, d->fp, inclusive, "$");
    sb_puts(b, ")?$");
}

void jsre_dec_bound(StrBuf *b, const JsDec *d, bool lower, bool inclusive)
{
    bool zero = strcmp(d->ip, "0") == 0 && !*d->fp;
    bool neg = d->neg && !zero;
    if (lower) {
        if (!neg) {
            sb_puts(b, "^(?:");
            mag_greater(b, d, inclusive);
            if (zero && inclusive) sb_puts(b, "|-0(?:\\.0+)?$");
            sb_putc(b, ')');
        } else {
            sb_puts(b, "^(?:[0-9]|-(?:");
            mag_less(b, d, inclusive);
            sb_puts(b, "))");
        }
        return;
    }
    if (zero) {
        if (inclusive) sb_puts(b, "^(?:-|0(?:\\.0+)?$)");
        else {
            sb_puts(b, "^-(?:");
            mag_greater(b, d, false);
            sb_putc(b, ')');
        }
    } else if (!neg) {
        sb_puts(b, "^(?:-|");
        mag_less(b, d, inclusive);
        sb_putc(b, ')');
    } else {
        sb_puts(b, "^-(?:");
        mag_greater(b, d, inclusive);
        sb_putc(b, ')');
    }
}

void jsre_dec_values(StrBuf *b, const JsDec *v, size_t n)
{
    sb_puts(b, "^(?:");
    for (size_t i = 0; i < n; i++) {
        if (i) sb_putc(b, '|');
        bool zero = strcmp(v[i].ip, "0") == 0 && !*v[i].fp;
        if (zero) sb_puts(b, "-?0(?:\\.0+)?");
        else if (*v[i].fp) sb_printf(b, "%s%s\\.%s0*", v[i].neg ? "-" : "", v[i].ip, v[i].fp);
        else sb_printf(b, "%s%s(?:\\.0+)?", v[i].neg ? "-" : "", v[i].ip);
    }
    sb_puts(b, ")$");
}

/* ---- dates, times, timestamps -------------------------------------------------------------- */

/* Real dates of years 0000-9999 on the proleptic Gregorian calendar: 29 February only in years
 * divisible by 4, and of the centuries only those divisible by 400. */
#define RE_DATE                                                                              \
    "(?:[0-9]{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12][0-9]|3[01])|(?:0[469]|11)-(?:0[1-9]|[12][0-9]|30)" \
    "|02-(?:0[1-9]|1[0-9]|2[0-8]))|(?:[0-9]{2}(?:0[48]|[2468][048]|[13579][26])"               \
    "|(?:0[048]|[2468][048]|[13579][26])00)-02-29)"
/* No second 60: dcc follows the POSIX clock. 1 to 9 fraction digits. */
#define RE_TIME "(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](?:\\.[0-9]{1,9})?"
#define RE_UTC "(?:[Zz]|\\+00:00)"
#define RE_OFFSET "(?:[Zz]|[+-](?:[01][0-9]|2[0-3]):[0-5][0-9])"

const char *jsre_temporal_grammar(TypeKind k)
{
    switch (k) {
    case TY_DATE: return "^" RE_DATE "$";
    case TY_TIME: return "^" RE_TIME "$";
    case TY_TIMESTAMP: return "^" RE_DATE "[Tt]" RE_TIME RE_UTC "$";
    case TY_TIMESTAMPTZ: return "^" RE_DATE "[Tt]" RE_TIME RE_OFFSET "$";
    default: return NULL;
    }
}

/* A temporal literal split into its fixed digits (YYYYMMDD, HHMMSS or both) and its fraction
 * digits without trailing zeros. */
typedef struct {
    char digits[16];
    size_t n;
    char frac[10];
    const char *const *seps; /* seps[k]: what follows the k-th digit in the text */
} Fixed;

static const char *const seps_date[] = {NULL, NULL, NULL, NULL, "-", NULL, "-", NULL, NULL};
static const char *const seps_time[] = {NULL, NULL, ":", NULL, ":", NULL, NULL};
static const char *const seps_ts[] = {NULL, NULL, NULL, NULL, "-", NULL, "-", NULL, "[Tt]", NULL, ":", NULL, ":", NULL, NULL};

static bool fixed_of(TypeKind k, const char *s, Fixed *f)
{
    memset(f, 0, sizeof *f);
    size_t len = strlen(s), at = 0;
    if (k == TY_DATE) {
        if (len != 10) return false;
        f->seps = seps_date;
    } else if (k == TY_TIME) {
        if (len < 8) return false;
        f->seps = seps_time;
    } else if (k == TY_TIMESTAMP) {
        if (len < 20) return false;
        f->seps = seps_ts;
    } else {
        return false;
    }
    size_t want = k == TY_DATE ? 8 : k == TY_TIME ? 6 : 14;
    for (; at < len && f->n < want; at++)
        if (is_digit(s[at])) f->digits[f->n++] = s[at];
    if (f->n != want) return false;
    if (k != TY_DATE && at < len && s[at] == '.') {
        size_t m = 0;
        for (at++; at < len && is_digit(s[at]) && m < 9; at++) f->frac[m++] = s[at];
        while (m > 0 && f->frac[m - 1] == '0') f->frac[--m] = 0;
    }
    return true;
}

/* The text of the first i digits with their separators. */
static void fixed_prefix(StrBuf *b, const Fixed *f, size_t i)
{
    for (size_t j = 0; j < i; j++) {
        sb_putc(b, f->digits[j]);
        if (f->seps[j + 1]) sb_puts(b, f->seps[j + 1]);
    }
}

bool jsre_temporal_bound(StrBuf *b, TypeKind k, const char *literal, bool lower, bool inclusive)
{
    Fixed f;
    if (!fixed_of(k, literal, &f)) return false;
    bool first = true;
    sb_puts(b, "^(?:");
    for (size_t i = 0; i < f.n; i++) {
        char d = f.digits[i];
        if (lower ? d == '9' : d == '0') continue;
        alt(b, &first);
        fixed_prefix(b, &f, i);
        if (lower) digit_class(b, (char)(d + 1), '9');
        else digit_class(b, '0', (char)(d - 1));
    }
    /* equal up to the seconds: the fraction decides */
    bool frac = k != TY_DATE;
    if (lower) {
        if (inclusive && (!frac || !f.frac[0])) {
            alt(b, &first);
            fixed_prefix(b, &f, f.n);
        } else if (frac) {
            alt(b, &first);
            fixed_prefix(b, &f, f.n);
            sb_puts(b, "\\.");
            frac_greater(b, f.frac, inclusive);
        }
    } else {
        /* the fraction, if any, ends at the offset or at the end of the text */
        const char *end = "(?:[^.0-9]|$)";
        if (!frac) {
            if (inclusive) {
                alt(b, &first);
                fixed_prefix(b, &f, f.n);
            }
        } else if (!f.frac[0]) {
            if (inclusive) {
                alt(b, &first);
                fixed_prefix(b, &f, f.n);
                sb_printf(b, "(?:\\.0+)?%s", end);
            }
        } else {
            alt(b, &first);
            fixed_prefix(b, &f, f.n);
            sb_puts(b, "(?:\\.");
            frac_less(b, f.frac, inclusive, end);
            sb_printf(b, "|%s)", end);
        }
    }
    if (first) sb_puts(b, "(?!)"); /* no value qualifies; sema refuses such ranges */
    sb_putc(b, ')');
    return true;
}

bool jsre_temporal_values(StrBuf *b, TypeKind k, const Literal *values)
{
    if (k != TY_DATE && k != TY_TIME && k != TY_TIMESTAMP) return false;
    sb_puts(b, "^(?:");
    for (const Literal *l = values; l; l = l->next) {
        Fixed f;
        if (!l->text || !fixed_of(k, l->text, &f)) return false;
        if (l != values) sb_putc(b, '|');
        fixed_prefix(b, &f, f.n);
        if (k == TY_DATE) continue;
        if (f.frac[0]) sb_printf(b, "\\.%s0*", f.frac);
        else sb_puts(b, "(?:\\.0+)?");
        if (k == TY_TIMESTAMP) sb_puts(b, RE_UTC);
    }
    sb_puts(b, ")$");
    return true;
}

/* ---- bytes and uuids ----------------------------------------------------------------------- */

void jsre_base64(StrBuf *b, int64_t lo, int64_t hi)
{
    static const char *const tail[3] = {"", "[A-Za-z0-9+/]{2}==", "[A-Za-z0-9+/]{3}="};
    if (lo < 0) lo = 0;
    if (lo == 0 && hi < 0) {
        sb_puts(b, "^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$");
        return;
    }
    /* decoded length 3k + r: k whole groups, then a group of r bytes padded */
    bool first = true;
    sb_puts(b, "^(?:");
    for (int64_t r = 0; r < 3; r++) {
        int64_t kmin = lo - r <= 0 ? 0 : (lo - r + 2) / 3;
        int64_t kmax = hi < 0 ? -1 : hi - r < 0 ? -2 : (hi - r) / 3;
        if (kmax == -2 || (kmax >= 0 && kmax < kmin)) continue;
        alt(b, &first);
        if (kmax == 0) {
            /* no whole group */
        } else if (kmax < 0) sb_printf(b, "(?:[A-Za-z0-9+/]{4}){%lld,}", (long long)kmin);
        else if (kmin == kmax) sb_printf(b, "(?:[A-Za-z0-9+/]{4}){%lld}", (long long)kmin);
        else sb_printf(b, "(?:[A-Za-z0-9+/]{4}){%lld,%lld}", (long long)kmin, (long long)kmax);
        sb_puts(b, tail[r]);
    }
    if (first) sb_puts(b, "(?!)");
    sb_puts(b, ")$");
}

const char jsre_uuid[] = "^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$";

void jsre_uuid_values(StrBuf *b, const Literal *values)
{
    sb_puts(b, "^(?:");
    for (const Literal *l = values; l; l = l->next) {
        if (l != values) sb_putc(b, '|');
        for (const char *p = l->text; p && *p; p++) {
            char c = *p;
            if (c >= 'a' && c <= 'f') sb_printf(b, "[%c%c]", c - 32, c);
            else if (c >= 'A' && c <= 'F') sb_printf(b, "[%c%c]", c, c + 32);
            else if (is_digit(c) || c == '-') sb_putc(b, c);
        }
    }
    sb_puts(b, ")$");
}
