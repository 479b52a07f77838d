/* suggest.c - edit distances and "did you mean" texts (see suggest.h). */
#include "suggest.h"

#include <string.h>

size_t suggest_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    if (la > 64 || lb > 64) return (size_t)-1;
    size_t prev2[65], prev[65], row[65];
    for (size_t j = 0; j <= lb; j++) prev[j] = j;
    memset(prev2, 0, sizeof prev2);
    for (size_t i = 1; i <= la; i++) {
        row[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best) best = prev[j] + 1;
            if (row[j - 1] + 1 < best) best = row[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1;
            row[j] = best;
        }
        memcpy(prev2, prev, sizeof prev);
        memcpy(prev, row, sizeof row);
    }
    return prev[lb];
}

void suggest_init(Suggest *g, const char *want)
{
    g->want = want ? want : "";
    g->best = NULL;
    size_t n = strlen(g->want);
    g->dist = n < 3 ? 1 : n / 3 + 1; /* accept up to this distance (exclusive bound + 1) */
}

void suggest_try(Suggest *g, const char *cand)
{
    if (!cand || strcmp(cand, g->want) == 0) return;
    size_t d = suggest_distance(g->want, cand);
    if (d < g->dist) {
        g->dist = d;
        g->best = cand;
    }
}

const char *suggest_best(const Suggest *g) { return g->best; }

const char *suggest_text(Arena *a, const Suggest *g)
{
    return g->best ? arena_printf(a, "; did you mean '%s'?", g->best) : "";
}

const char *suggest_word_list(Arena *a, const char *const *words, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        if (words[i]) len += strlen(words[i]) + 2;
    char *buf = arena_alloc(a, len + 1);
    char *p = buf;
    for (size_t i = 0; i < n; i++) {
        if (!words[i]) continue;
        if (p != buf) { *p++ = ','; *p++ = ' '; }
        size_t l = strlen(words[i]);
        memcpy(p, words[i], l);
        p += l;
    }
    *p = 0;
    return buf;
}
