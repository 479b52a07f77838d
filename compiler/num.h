/* num.h - exact decimal numbers: literals as the author wrote them, compared without ever going
 * through a double. sema checks bounds and defaults with it and `dcc compat` compares ranges and
 * thresholds of two versions with it; underneath is the runtime's engine (runtime/rt_num.h), the
 * one that reads numbers in data. */
#ifndef DCC_NUM_H
#define DCC_NUM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* value = (neg ? -1 : 1) * 0.DIGITS * 10^exp; zero has ndigits == 0. */
typedef struct {
    bool neg;
    const char *digits; /* significant digits, no leading or trailing zeros */
    size_t ndigits;
    long exp;
} Num;

/* Parses -?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)? (a leading '+' is taken too) exactly. Returns false
 * on anything else. Digits may point into t, so t must outlive n. */
bool num_parse(Arena *a, const char *t, Num *n);
/* num_parse, ignoring failure (zero then): for texts already known to be numbers. */
Num num_of(Arena *a, const char *text);
/* The number at the start of t spelt so that every reader takes it the same way: no '+' and no
 * leading zeros ("007" -> "7", "+0.50" -> "0.50", "09h" -> "9h"); the rest of t (fraction, exponent,
 * a duration's unit) as written. A contract may write `09`, but YAML 1.1 reads `010` as octal
 * and strict decimal readers refuse `09`, so the model keeps only the plain spelling. Returns
 * t itself when it is already plain. */
const char *num_plain_text(Arena *a, const char *t);
/* -1, 0 or 1: x against y, and |x| against |y|. */
int num_cmp(const Num *x, const Num *y);
int num_cmp_abs(const Num *x, const Num *y);
bool num_is_int(const Num *n);
/* Digits after the point, and before it, of the shortest exact spelling. */
long num_frac_digits(const Num *n);
long num_int_digits(const Num *n);
/* An integral n as int64 (saturating); false when n is not an integer. */
bool num_to_i64(const Num *n, int64_t *out);
/* x - y for non-negative x and y, exactly, as plain decimal text ("100" - "0.00000000001" is
 * "99.99999999999"; no exponent, no trailing fraction zeros). NULL for a negative operand or
 * when the digits would span more than 4096 places. */
const char *num_sub_text(Arena *a, const Num *x, const Num *y);

#endif
