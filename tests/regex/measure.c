/* measure.c - compiles patterns and prints what each costs and makes, one line per pattern, so
 * that two builds of the compiler can be compared over a corpus (tests/regex/measure.sh).
 *
 * Input: one pattern a line, as a JSON string (the fifth column of oracle_cases' output).
 * Output, tab-separated: the pattern (as read), then either
 *   ok  STATES  CLASSES  TABLE-HASH  BUILT  WORK
 * (TABLE-HASH: FNV-1a over the emitted tables, so equal hashes mean equal tables) or
 *   refused  WORK  MESSAGE
 * usage: measure < patterns.txt */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dcc_regex.h"
#include "regex.h"
#include "utf8.h"

static int hex4(const char *s)
{
    int v = 0;
    for (int i = 0; i < 4; i++) {
        char c = s[i];
        int h = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (h < 0) return -1;
        v = v * 16 + h;
    }
    return v;
}

/* Decodes the JSON string at s into out (UTF-8); returns its length, or -1. */
static long json_string(const char *s, char *out)
{
    size_t o = 0;
    if (*s++ != '"') return -1;
    for (; *s && *s != '"'; s++) {
        if (*s != '\\') {
            out[o++] = *s;
            continue;
        }
        s++;
        uint32_t cp;
        switch (*s) {
        case 'n': cp = '\n'; break;
        case 'r': cp = '\r'; break;
        case 't': cp = '\t'; break;
        case 'b': cp = '\b'; break;
        case 'f': cp = '\f'; break;
        case 'u': {
            int v = hex4(s + 1);
            if (v < 0) return -1;
            s += 4;
            cp = (uint32_t)v;
            if (v >= 0xD800 && v < 0xDC00 && s[1] == '\\' && s[2] == 'u') {
                int w = hex4(s + 3);
                if (w >= 0xDC00 && w < 0xE000) {
                    cp = 0x10000 + (((uint32_t)v - 0xD800) << 10) + ((uint32_t)w - 0xDC00);
                    s += 6;
                }
            }
            break;
        }
        default: cp = (unsigned char)*s; break;
        }
        unsigned char b[4];
        size_t n = utf8_encode(cp, b);
        memcpy(out + o, b, n);
        o += n;
    }
    return *s == '"' ? (long)o : -1;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < n; i++) h = (h ^ c[i]) * 0x100000001B3u;
    return h;
}

int main(void)
{
    static char line[1 << 20], pat[1 << 20];
    while (fgets(line, sizeof line, stdin)) {
        line[strcspn(line, "\n")] = 0;
        long n = json_string(line, pat);
        if (n < 0) {
            fprintf(stderr, "measure: not a JSON string: %s\n", line);
            return 2;
        }
        Arena *a = arena_new();
        RegexError e;
        RegexStats st;
        RegexDfa *d = regex_compile_stats(a, pat, (size_t)n, &e, &st);
        if (d) {
            const dcc_dfa *t = regex_dfa_tables(a, d);
            uint64_t h = 0xCBF29CE484222325u;
            h = fnv(h, t->byte_class, 256);
            h = fnv(h, t->trans, (size_t)t->nstates * t->nclasses * sizeof *t->trans);
            h = fnv(h, t->accept, t->nstates);
            h = fnv(h, &t->start, sizeof t->start);
            printf("%s\tok\t%u\t%u\t%016llx\t%zu\t%zu\n", line, t->nstates, (unsigned)t->nclasses,
                   (unsigned long long)h, st.built_states, st.work);
        } else {
            printf("%s\trefused\t%zu\t%s\n", line, st.work, e.message);
        }
        arena_free(a);
    }
    return 0;
}
