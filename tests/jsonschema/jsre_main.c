/* jsre_main.c - prints the patterns of targets/jsre.c for the requests on standard input, one per
 * line, so that tests/jsonschema/patterns.mjs can hold each against exact arithmetic in Node:
 *   dec lo|hi in|ex BOUND      jsre_dec_bound
 *   digits P S                 jsre_dec_digits
 *   values V...                jsre_dec_values
 *   date|time|timestamp lo|hi in|ex LITERAL   jsre_temporal_bound
 *   tvalues date|time|timestamp LITERAL...    jsre_temporal_values
 *   base64 LO HI               jsre_base64 (HI -1: unbounded) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsre.h"

static TypeKind kind_of(const char *s)
{
    return strcmp(s, "date") == 0 ? TY_DATE : strcmp(s, "time") == 0 ? TY_TIME : TY_TIMESTAMP;
}

int main(void)
{
    char line[4096];
    Arena *a = arena_new();
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        char *w[64];
        int n = 0;
        for (char *t = strtok(line, " "); t && n < 64; t = strtok(NULL, " ")) w[n++] = t;
        if (n == 0) continue;
        StrBuf b;
        sb_init(&b);
        bool ok = true;
        if (strcmp(w[0], "dec") == 0 && n == 4) {
            JsDec d;
            ok = jsre_dec_parse(a, w[3], &d);
            if (ok) jsre_dec_bound(&b, &d, strcmp(w[1], "lo") == 0, strcmp(w[2], "in") == 0);
        } else if (strcmp(w[0], "digits") == 0 && n == 3) {
            jsre_dec_digits(&b, atoi(w[1]), atoi(w[2]));
        } else if (strcmp(w[0], "values") == 0) {
            JsDec v[64];
            for (int i = 1; i < n && ok; i++) ok = jsre_dec_parse(a, w[i], &v[i - 1]);
            if (ok) jsre_dec_values(&b, v, (size_t)(n - 1));
        } else if (strcmp(w[0], "tvalues") == 0 && n >= 3) {
            Literal *first = NULL, **tail = &first;
            for (int i = 2; i < n; i++) {
                Literal *l = ARENA_NEW(a, Literal);
                l->kind = LIT_STRING;
                l->text = w[i];
                l->len = (uint32_t)strlen(w[i]);
                *tail = l;
                tail = &l->next;
            }
            ok = jsre_temporal_values(&b, kind_of(w[1]), first);
        } else if (n == 4 && (strcmp(w[0], "date") == 0 || strcmp(w[0], "time") == 0 || strcmp(w[0], "timestamp") == 0)) {
            ok = jsre_temporal_bound(&b, kind_of(w[0]), w[3], strcmp(w[1], "lo") == 0, strcmp(w[2], "in") == 0);
        } else if (strcmp(w[0], "base64") == 0 && n == 3) {
            jsre_base64(&b, atoll(w[1]), atoll(w[2]));
        } else {
            ok = false;
        }
        puts(ok ? b.data : "!");
        sb_free(&b);
    }
    arena_free(a);
    return 0;
}
