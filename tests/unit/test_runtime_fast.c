/* test_runtime_fast.c - the runtime's fast paths agree with their plain definitions: the
 * premultiplied DFA with dcc_dfa_search, the word-at-a-time scanners with byte loops, the
 * segmented key set with a set, and its memory per key stays within the documented bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "dcc_regex.h"
#include "dcc_rt_internal.h"
#include "regex.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next_rand(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

static void test_dfa_agrees(void **state)
{
    (void)state;
    Arena *a = arena_new();
    static const char *const pats[] = {"^SO-[0-9]{4}-[0-9]{6}$", "^[^@ ]+@[^@ ]+$", "ab", "b$",
                                       "^$", "x*", "[é]+z", "^a.{9}b"};
    static const char alpha[] = "abSO-0123456789@ xz\xc3\xa9\xff.";
    for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
        RegexError e;
        RegexDfa *rd = regex_compile(a, pats[k], strlen(pats[k]), &e);
        assert_non_null(rd);
        const dcc_dfa *d = regex_dfa_tables(a, rd);
        size_t bytes = rt_dfa_bytes(d);
        assert_true(bytes > 0);
        void *mem = malloc(bytes);
        RtDfa *f = rt_dfa_build(d, mem);
        char s[40];
        for (int t = 0; t < 3000; t++) {
            size_t n = next_rand() % sizeof s;
            for (size_t i = 0; i < n; i++)
                s[i] = alpha[next_rand() % (sizeof alpha - 1)];
            assert_int_equal(rt_dfa_search(f, s, n), dcc_dfa_search(d, s, n));
        }
        free(mem);
    }
    /* the benchmark's patterns on their own values */
    RegexError e;
    const dcc_dfa *d = regex_dfa_tables(a, regex_compile(a, "^SO-[0-9]{4}-[0-9]{6}$", 22, &e));
    void *mem = malloc(rt_dfa_bytes(d));
    RtDfa *f = rt_dfa_build(d, mem);
    assert_int_equal(rt_dfa_search(f, "SO-2026-000001", 14), 1);
    assert_int_equal(rt_dfa_search(f, "SO-2026-0000012", 15), 0);
    assert_int_equal(rt_dfa_search(f, "xSO-2026-000001", 15), 0);
    free(mem);
    /* malformed tables are left to dcc_dfa_search */
    dcc_dfa bad = *d;
    bad.start = bad.nstates;
    assert_int_equal(rt_dfa_bytes(&bad), 0);
    arena_free(a);
}

static void test_scanners(void **state)
{
    (void)state;
    char buf[64];
    static const char alpha[] = "ab,\"\n\r;\xc3\xa9\x80";
    for (int t = 0; t < 20000; t++) {
        size_t n = next_rand() % sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = alpha[next_rand() % (sizeof alpha - 1)];
        const char *end = buf + n;
        const char *p = buf;
        while (p < end && *p != ',' && *p != '\n' && *p != '\r')
            p++;
        assert_ptr_equal(rt_find3(buf, end, ',', '\n', '\r'), p);
        p = buf;
        while (p < end && *p != '"')
            p++;
        assert_ptr_equal(rt_find1(buf, end, '"'), p);
        size_t cps = 0;
        for (size_t i = 0; i < n; i++)
            cps += ((unsigned char)buf[i] & 0xC0) != 0x80;
        assert_int_equal(rt_utf8_count((const unsigned char *)buf, n), cps);
    }
}

static void test_uuid(void **state)
{
    (void)state;
    assert_true(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d67", 36));
    assert_true(rt_uuid_check("0D83B3E2-9A21-487A-94C4-4C79F1FE9D67", 36));
    assert_false(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d6", 35));
    assert_false(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d6g", 36));
    assert_false(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d-6", 36));
    assert_false(rt_uuid_check("0d83b3e2x9a21-487a-94c4-4c79f1fe9d67", 36));
    assert_false(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d6\xc3", 36));
}

static void test_hashset(void **state)
{
    (void)state;
    HashSet s;
    memset(&s, 0, sizeof s);
    enum { N = 200000 };
    for (uint64_t i = 0; i < N; i++) {
        Hash128 h;
        rt_hash_init(&h);
        rt_hash_bytes(&h, &i, sizeof i);
        rt_hash_final(&h);
        rt_hashset_prefetch(&s, h);
        assert_int_equal(rt_hashset_add(&s, h), 1);
    }
    for (uint64_t i = 0; i < N; i += 7) {
        Hash128 h;
        rt_hash_init(&h);
        rt_hash_bytes(&h, &i, sizeof i);
        rt_hash_final(&h);
        assert_int_equal(rt_hashset_add(&s, h), 0);
    }
    /* the zero hash is a value like any other */
    Hash128 z = {0, 0};
    assert_int_equal(rt_hashset_add(&s, z), 1);
    assert_int_equal(rt_hashset_add(&s, z), 0);
    assert_int_equal(s.len, N + 1);
    /* compact: at most 16 bytes / (7/8 / 1.5) per key, plus the segments' minimum */
    double per_key = (double)rt_hashset_bytes(&s) / (double)s.len;
    assert_true(per_key < 28.0);
    assert_true(per_key >= 16.0);
    rt_hashset_free(&s);
    assert_int_equal(rt_hashset_bytes(&s), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfa_agrees),
        cmocka_unit_test(test_scanners),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_hashset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
