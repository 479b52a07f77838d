/* regex.h - the pattern dialect: parse, check and compile regular expressions to DFAs.
 * The dialect is the common part of ECMA-262 (JSON Schema) and PostgreSQL ARE; docs/patterns.md. */
#ifndef DCC_REGEX_H
#define DCC_REGEX_H

#include <stdbool.h>
#include <stddef.h>

#include "../runtime/dcc_regex.h"
#include "arena.h"
#include "strbuf.h"

typedef struct {
    const char *message; /* static or arena text */
    size_t offset;       /* byte offset in the pattern where the problem starts */
    size_t length;       /* bytes of the offending construct (at least 1) */
    bool unsupported;    /* valid regex elsewhere, but outside the dialect (DC0413 vs DC0412) */
} RegexError;

/* Limits (docs/patterns.md, "Limits"). Exceeding one is reported with unsupported = true. */
#define REGEX_MAX_REPEAT 255     /* largest n or m in {n,m}: PostgreSQL's RE_DUP_MAX */
#define REGEX_MAX_DEPTH 64       /* nesting of groups */
#define REGEX_MAX_NFA 50000      /* automaton states after expanding counted repetition */
#define REGEX_MAX_DFA 10000      /* states of the compiled (minimal) DFA */
/* The subset construction, before minimisation: states, and transitions (4 bytes each, so
 * at most 16 MiB of table). */
#define REGEX_MAX_BUILD_STATES 200000
#define REGEX_MAX_BUILD_CELLS (1 << 22)
/* Steps of work to compile one pattern, all phases together (regex.c counts them: a closure
 * step, a set element copied or compared, a table cell filled, a pair of threads compared, a
 * predecessor visited while minimising...); past it the pattern is refused at once. */
#define REGEX_MAX_WORK 32000000

/* Checks syntax and dialect, and that the pattern compiles within the limits.
 * Returns true when the pattern is accepted; otherwise fills *err (err may be NULL). */
bool regex_check(Arena *a, const char *pattern, size_t len, RegexError *err);

/* Unanchored search semantics: does `pattern` match somewhere in s? (used by sema for
 * defaults and by tests; it compiles the DFA and runs the runtime's matcher).
 * Returns 1 or 0, or -1 on an invalid pattern. */
int regex_search(Arena *a, const char *pattern, size_t plen, const char *s, size_t n);

/* A pattern compiled to a byte-level DFA; lives in the arena. */
typedef struct RegexDfa RegexDfa;

/* Parses, checks and compiles `pattern`. Returns NULL and fills *err (err may be NULL) when
 * the pattern is invalid, outside the dialect, or too complex for a DFA. */
RegexDfa *regex_compile(Arena *a, const char *pattern, size_t len, RegexError *err);

/* What compiling one pattern cost, for tests and benchmarks that count work instead of timing. */
typedef struct {
    size_t work;           /* steps of work (REGEX_MAX_WORK), also when the pattern was refused */
    size_t nfa_states;     /* states of the byte automaton after expanding repetition */
    size_t built_states;   /* states the subset construction made, before minimisation (0 when
                            * it was refused before it finished) */
} RegexStats;

/* regex_compile, also filling *stats (stats may be NULL). */
RegexDfa *regex_compile_stats(Arena *a, const char *pattern, size_t len, RegexError *err,
                              RegexStats *stats);

/* regex_compile without minimising the automaton: the same language, perhaps more states and
 * classes, and only the construction's limits apply. For tests that compare the two. */
RegexDfa *regex_compile_unminimized(Arena *a, const char *pattern, size_t len, RegexError *err);

/* The runtime's table form of d (arena-owned arrays), for generated C and `dcc validate`. */
const dcc_dfa *regex_dfa_tables(Arena *a, const RegexDfa *d);

/* Prints d as static C tables named ident_classes, ident_trans, ident_accept and the
 * `static const dcc_dfa ident`. The output is deterministic and compiles warning-free with
 * -std=c11 -Wall -Wextra -Werror -pedantic given #include "dcc_regex.h" (ident must be used). */
void regex_dfa_print_c(StrBuf *out, const dcc_dfa *d, const char *ident);

/* Spellings of an accepted pattern for the engines targets hand it to. */
typedef enum {
    REGEX_ECMA,     /* ECMA-262 with the `u` flag: JSON Schema "pattern", JavaScript */
    REGEX_POSTGRES, /* PostgreSQL ARE, for the `~` operator */
    REGEX_RE2,      /* RE2 (DuckDB's regexp_matches): as PostgreSQL, but code points as \x{HHHH} */
} RegexFlavor;

/* Rewrites an accepted pattern so that `flavor` gives it exactly dcc's meaning: `.` and the
 * class escapes \d \w \s become explicit classes where the engines differ (PostgreSQL's `.`
 * matches newlines and its \w follows the locale). Returns arena text, or NULL (with *err)
 * when the pattern is not accepted. */
char *regex_translate(Arena *a, const char *pattern, size_t len, RegexFlavor flavor,
                      RegexError *err);

/* How the language of pattern `new_` relates to that of `old` (both searched unanchored, over
 * valid UTF-8 texts): what `dcc compat` needs to call a changed pattern loosened or tightened.
 * Decided on the DFAs by a product construction (with a UTF-8 automaton, so that byte strings no
 * validator accepts decide nothing). REGEX_UNKNOWN when a pattern does not compile or the product
 * exceeds REGEX_MAX_PRODUCT states: never a guess. */
typedef enum { REGEX_SAME, REGEX_WIDER, REGEX_NARROWER, REGEX_OTHER, REGEX_UNKNOWN } RegexRelation;
#define REGEX_MAX_PRODUCT 2000000
/* limit: the most product states to visit (0: REGEX_MAX_PRODUCT). */
RegexRelation regex_relate(Arena *a, const char *old, size_t old_len, const char *new_, size_t new_len, size_t limit);

#endif
