/* fuzz_regex.c - libFuzzer target: the input as a pattern of the dialect (docs/patterns.md).
 *
 * Input: PATTERN, optionally followed by a NUL byte and a SUBJECT. The pattern goes through
 * regex_check and both translations; when accepted it is compiled to a DFA whose tables must
 * pass dcc_dfa_check, and it is searched over a few fixed subjects, the pattern itself and the
 * given subject. Cross-checks that abort: check, compile and translate agree on acceptance;
 * the search takes at most one step per byte; regex_search agrees with the tables; the
 * runtime's fast form of the tables (rt_dfa_build: fixed shapes, skipping states, pair tables)
 * gives the same answers, on exact-size copies so that ASan sees any read outside; the automaton
 * before minimisation is no smaller and gives the same answers. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dcc_regex.h"
#include "dcc_rt_internal.h"
#include "regex.h"

#define FAIL(...)                          \
    do {                                   \
        fprintf(stderr, "fuzz_regex: " __VA_ARGS__); \
        fputc('\n', stderr);               \
        abort();                           \
    } while (0)

static void search_all(const dcc_dfa *t, const RtDfa *r, const char *s, size_t n)
{
    size_t steps = 0;
    int m = dcc_dfa_search_steps(t, s, n, &steps);
    if (m != 0 && m != 1) FAIL("dcc_dfa_search_steps returned %d", m);
    if (steps > n) FAIL("%zu steps over %zu bytes", steps, n);
    if (dcc_dfa_search(t, s, n) != m) FAIL("dcc_dfa_search and dcc_dfa_search_steps disagree");
    if (r) {
        char *copy = malloc(n ? n : 1);
        if (!copy) abort();
        memcpy(copy, s, n);
        int f = rt_dfa_search(r, copy, n);
        free(copy);
        if (f != m) FAIL("rt_dfa_search (form %c) says %d, the tables %d", rt_dfa_kind(r), f, m);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const char *const subjects[] = {
        "", "a", "abc", "SO-2026-000123", "x@example.com", "\n", "a\nb", "ö€😀", "\xff\xfe",
        "0123456789", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA!",
        " \t\r\f\v_", "[](){}.*+?|^$\\",
    };
    const char *pat = (const char *)data;
    const uint8_t *nul = memchr(data, 0, size);
    size_t plen = nul ? (size_t)(nul - data) : size;
    const char *subj = nul ? (const char *)nul + 1 : NULL;
    size_t slen = nul ? size - plen - 1 : 0;

    Arena *a = arena_new();
    RegexError err = {0};
    bool ok = regex_check(a, pat, plen, &err);
    if (!ok && (!err.message || err.offset > plen || err.length == 0))
        FAIL("rejected with a bad error: message %s, offset %zu, length %zu of %zu bytes",
             err.message ? err.message : "(null)", err.offset, err.length, plen);
    for (int fl = 0; fl < 2; fl++) {
        RegexError terr = {0};
        char *tr = regex_translate(a, pat, plen, fl ? REGEX_POSTGRES : REGEX_ECMA, &terr);
        if ((tr != NULL) != ok) FAIL("regex_check says %d but regex_translate(%d) says %d", ok, fl, tr != NULL);
    }
    RegexError cerr = {0};
    RegexDfa *d = regex_compile(a, pat, plen, &cerr);
    if ((d != NULL) != ok) FAIL("regex_check says %d but regex_compile says %d", ok, d != NULL);
    if (d) {
        const dcc_dfa *t = regex_dfa_tables(a, d);
        if (!t || !dcc_dfa_check(t)) FAIL("regex_dfa_tables gave malformed tables");
        size_t rb = rt_dfa_bytes(t);
        void *mem = rb ? malloc(rb) : NULL;
        const RtDfa *r = mem ? rt_dfa_build(t, mem) : NULL;
        for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++)
            search_all(t, r, subjects[i], strlen(subjects[i]));
        search_all(t, r, pat, plen);
        /* regex_search compiles again: once is enough to see it agree with the tables. */
        const char *s = subj ? subj : pat;
        size_t n = subj ? slen : plen;
        search_all(t, r, s, n);
        free(mem);
        if (regex_search(a, pat, plen, s, n) != dcc_dfa_search(t, s, n))
            FAIL("regex_search disagrees with the DFA tables");
        /* the automaton before minimisation: never smaller, and the same verdicts */
        RegexDfa *du = regex_compile_unminimized(a, pat, plen, &cerr);
        const dcc_dfa *u = du ? regex_dfa_tables(a, du) : NULL;
        if (!u || !dcc_dfa_check(u) || u->nstates < t->nstates || u->nclasses < t->nclasses)
            FAIL("the unminimised automaton is missing, malformed or smaller");
        for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++)
            if (dcc_dfa_search(u, subjects[i], strlen(subjects[i])) !=
                dcc_dfa_search(t, subjects[i], strlen(subjects[i])))
                FAIL("minimising changed the verdict on subject %zu", i);
        if (dcc_dfa_search(u, s, n) != dcc_dfa_search(t, s, n))
            FAIL("minimising changed the verdict on the subject");
    }
    arena_free(a);
    return 0;
}
