/* regex.h - the pattern dialect: parse, check and compile regular expressions to DFAs.
 * The dialect is the common part of ECMA-262 (JSON Schema) and PostgreSQL ARE; docs/patterns.md. */
#ifndef DCC_REGEX_H
#define DCC_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"

typedef struct {
    const char *message; /* static or arena text */
    size_t offset;       /* byte offset in the pattern where the problem starts */
    size_t length;       /* bytes of the offending construct (at least 1) */
    bool unsupported;    /* valid regex elsewhere, but outside the dialect (DC0413 vs DC0412) */
} RegexError;

/* Checks syntax and dialect. Returns true when the pattern is accepted. */
bool regex_check(Arena *a, const char *pattern, size_t len, RegexError *err);

/* Unanchored search semantics: does `pattern` match somewhere in s? (interpreter used by sema
 * for defaults and by tests; the runtime uses the compiled DFA). Returns -1 on invalid pattern. */
int regex_search(Arena *a, const char *pattern, size_t plen, const char *s, size_t n);

#endif
