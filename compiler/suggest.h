/* suggest.h - "did you mean" by edit distance: for unknown names, keywords, commands and options. */
#ifndef DCC_SUGGEST_H
#define DCC_SUGGEST_H

#include <stddef.h>

#include "arena.h"

/* Optimal string alignment distance: edits plus swaps of neighbours ("int23" -> "int32" is 1).
 * Strings over 64 bytes are never close: (size_t)-1. */
size_t suggest_distance(const char *a, const char *b);

/* The closest candidate seen so far, within a distance that grows with the word's length. */
typedef struct {
    const char *want;
    const char *best;
    size_t dist;
} Suggest;

void suggest_init(Suggest *g, const char *want);
void suggest_try(Suggest *g, const char *cand);
/* The best candidate, or NULL when none was close enough. */
const char *suggest_best(const Suggest *g);
/* "; did you mean 'x'?" or "" (in the arena). */
const char *suggest_text(Arena *a, const Suggest *g);
/* "a, b, c": the words joined for an "allowed: ..." list (NULL entries skipped). */
const char *suggest_word_list(Arena *a, const char *const *words, size_t n);

#endif
