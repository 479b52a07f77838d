/* jsre.h - ECMA-262 patterns that give JSON Schema validators the runtime's exact meaning of the
 * values JSON Schema has no keyword for: decimals written as JSON strings (digits, ranges, allowed
 * values), dates, times and timestamps (grammar, calendar, ranges, allowed values), base64 with a
 * decoded length, uuids compared ignoring case.
 *
 * Every pattern is searched (JSON Schema's `pattern`) and anchored with ^ where it must be. The
 * range and value patterns assume a text that already matches the kind's grammar pattern: the
 * schema applies both (allOf), so each stays small. docs/jsonschema.md explains the mapping;
 * tests/jsonschema checks it against the runtime with real validators. */
#ifndef DCC_TARGET_JSRE_H
#define DCC_TARGET_JSRE_H

#include <stdbool.h>

#include "arena.h"
#include "model.h"
#include "strbuf.h"

/* An exact decimal read from a contract literal: |x| = ip.fp, ip without leading zeros ("0" for
 * zero and for |x| < 1), fp without trailing zeros (maybe ""), neg only when x is not zero. */
typedef struct {
    bool neg;
    const char *ip;
    const char *fp;
} JsDec;

/* Reads a number literal (a contract's number grammar, exponent allowed) into d. False when text is not
 * a number or its digits would exceed limit (sema bounds every literal a target sees). */
bool jsre_dec_parse(Arena *a, const char *text, JsDec *d);
/* The decimal as JSON number text without exponent: "-12.5", "0". */
const char *jsre_dec_text(Arena *a, const JsDec *d);

/* The texts of decimal(p, s) values: a JSON number without exponent, at most p-s digits before
 * the point (leading zeros not counted: JSON has none but "0") and s after it (trailing zeros not
 * counted). */
void jsre_dec_digits(StrBuf *b, int p, int s);
/* Texts (already matching jsre_dec_digits) whose value is >= b (lower, inclusive), > b, <= b or
 * < b (upper). */
void jsre_dec_bound(StrBuf *b, const JsDec *bound, bool lower, bool inclusive);
/* ^(?:...)$ over the texts equal to one of the n values (exact comparison: 1.5 == 1.50). */
void jsre_dec_values(StrBuf *b, const JsDec *values, size_t n);

/* The grammar and calendar of date, time, timestamp (UTC: Z or +00:00) and timestamptz, as the
 * runtime reads them (runtime/temporal.c); NULL for other kinds. */
const char *jsre_temporal_grammar(TypeKind k);
/* Texts of kind k (date, time, timestamp) whose instant is >= literal (lower, inclusive), > it,
 * <= it, < it. literal is a valid value of the kind (sema checked it). False for timestamptz,
 * whose order across offsets no pattern of reasonable size expresses. */
bool jsre_temporal_bound(StrBuf *b, TypeKind k, const char *literal, bool lower, bool inclusive);
/* ^(?:...)$ over the texts of kind k equal (as instants) to one of the literals; false for
 * timestamptz. */
bool jsre_temporal_values(StrBuf *b, TypeKind k, const Literal *values);

/* Standard base64 with padding whose decoded length is in [lo, hi] (hi < 0: unbounded). */
void jsre_base64(StrBuf *b, int64_t lo, int64_t hi);
/* The uuid grammar: 8-4-4-4-12 hex digits, either case. */
extern const char jsre_uuid[];
/* ^(?:...)$ over the uuids equal to one of the literals, ignoring case. */
void jsre_uuid_values(StrBuf *b, const Literal *values);

#endif
