/* rt_num.h - exact decimal numbers: scanning and comparison on digits, never through a double.
 * The one number engine of dcc: the runtime validates data with it, and the compiler
 * (compiler/num.c) checks the contract's literals and compares versions with it, so a bound
 * means the same in `dcc check`, `dcc compat` and `dcc validate`. Internal: not installed. */
#ifndef DCC_RT_NUM_H
#define DCC_RT_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>


/* A number token as written: -?(int)(.frac)?(e[+-]?exp)?. Pointers into the input. */
typedef struct {
    bool neg;
    bool has_frac, has_exp;
    const char *ip; size_t ipn; /* integer digits */
    const char *fp; size_t fpn; /* fraction digits */
    int64_t exp;                /* saturated to +-2^60 */
} NumTok;

/* A normalized exact decimal: sign * 0.D * 10^point, D without leading or trailing zeros.
 * D is the concatenation a ++ b (the integer and fraction digits of a token). */
typedef struct {
    int sign; /* -1, 0, 1 */
    const char *a; size_t an;
    const char *b; size_t bn;
    int64_t point;
} Num;

/* Scans a JSON number at p (strict JSON grammar). Returns the end, or NULL if not a number. */
const char *rt_num_scan(const char *p, const char *end, NumTok *t);
/* Parses all of [s, s+n) as a number. */
bool rt_num_parse(const char *s, size_t n, NumTok *t);
/* Parses all of [s, s+n) as a number literal of a contract: the JSON grammar, and also a leading
 * '+' and leading zeros (`+5`, `007`), which contract literals allow and JSON does not. */
bool rt_num_parse_literal(const char *s, size_t n, NumTok *t);
void rt_num_norm(const NumTok *t, Num *out);
int rt_num_cmp(const Num *x, const Num *y);
/* Digits before / after the decimal point of the exact value (trailing zeros not counted). */
int64_t rt_num_int_digits(const Num *x);
int64_t rt_num_frac_digits(const Num *x);
/* x * m exactly, its digits written to buf (an + bn + 20 bytes); *out points into buf. */
void rt_num_mul_u64(const Num *x, uint64_t m, char *buf, Num *out);
/* The unsigned integer u as a Num, its digits written to buf (24 bytes). */
void rt_num_of_u64(uint64_t u, char *buf, Num *out);

#endif
