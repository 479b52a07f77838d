/* test_util.c - the compiler's small shared modules: semantic versions, cron schedules, "did you
 * mean", the (scope, name) table, UTF-8, identifiers and the arena's large blocks. Expected values are worked out by hand from the
 * specifications (semver.org section 11, crontab(5), RFC 3629), not taken from dcc's output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "cron.h"
#include "model.h"
#include "num.h"
#include "semver.h"
#include "suggest.h"
#include "symtab.h"
#include "utf8.h"

static SemVer ver(Arena *a, const char *t)
{
    SemVer v;
    const char *why = semver_parse(a, t, &v);
    assert_null(why);
    return v;
}

static void test_semver_parse(void **state)
{
    (void)state;
    Arena *a = arena_new();
    SemVer v = ver(a, "2.10.3-rc.1+sha.5114f85");
    assert_int_equal(v.major, 2);
    assert_int_equal(v.minor, 10);
    assert_int_equal(v.patch, 3);
    assert_string_equal(v.pre, "rc.1");
    assert_string_equal(v.build, "sha.5114f85");
    const char *bad[] = {"1.2", "01.2.3", "1.2.3-", "1.2.3-01", "1.2.3+", "1.2.3 ", "v1.2.3", "4294967296.0.0", "1.2.3-a..b"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        SemVer w;
        assert_non_null(semver_parse(a, bad[i], &w));
    }
    arena_free(a);
}

/* semver.org's own example chain, each strictly before the next. */
static void test_semver_precedence(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *chain[] = {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                           "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "1.10.0", "2.0.0"};
    size_t n = sizeof chain / sizeof chain[0];
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++) {
            SemVer x = ver(a, chain[i]), y = ver(a, chain[j]);
            int want = i < j ? -1 : i > j ? 1 : 0;
            assert_int_equal(semver_compare(&x, &y), want);
        }
    SemVer b1 = ver(a, "1.0.0+build.1"), b2 = ver(a, "1.0.0+build.2");
    assert_int_equal(semver_compare(&b1, &b2), 0); /* build metadata has no precedence */
    arena_free(a);
}

static void test_semver_bump(void **state)
{
    (void)state;
    Arena *a = arena_new();
    struct { const char *from, *to; SemverBump want; } cases[] = {
        {"1.2.3", "2.0.0", BUMP_MAJOR}, {"1.2.3", "1.3.0", BUMP_MINOR}, {"1.2.3", "1.2.4", BUMP_PATCH},
        {"1.2.3", "1.2.3", BUMP_NONE},  {"1.2.3", "1.2.2", BUMP_NONE},  {"1.2.3", "1.10.0", BUMP_MINOR},
        {"1.0.0-rc.1", "1.0.0", BUMP_PRERELEASE}, {"0.9.9", "1.0.0", BUMP_MAJOR}, {"2.0.0", "1.9.9", BUMP_NONE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        SemVer f = ver(a, cases[i].from), t = ver(a, cases[i].to);
        assert_int_equal(semver_bump(&f, &t), cases[i].want);
    }
    assert_string_equal(semver_bump_name(BUMP_MINOR), "minor");
    arena_free(a);
}

static void test_cron(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const char *good[] = {"*/15 9-17 * * MON-FRI", "0 0 29 2 *", "0 0 31 * *", "0 0 31 2 1", "5/10 * * * *",
                          "0 12 * * 7", "0 0 1,15 JAN,jul *", "59 23 31 12 *", "0 0 30 1-3 *"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        const char *why = cron_check(a, good[i]);
        if (why) fail_msg("%s: %s", good[i], why);
    }
    struct { const char *expr, *why; } bad[] = {
        {"1-0 * * * *", "the range 1-0 runs backwards in the minute field"},
        {"0 0 31 2 *", "day 31 never occurs in the months given (February)"},
        {"0 0 30,31 2 *", "day 30 never occurs"},
        {"0 0 31 4,6,9,11 *", "(April, June, September, November)"},
        {"60 * * * *", "60 is outside 0-59 in the minute field"},
        {"0 24 * * *", "24 is outside 0-23 in the hour field"},
        {"0 0 0 * *", "0 is outside 1-31 in the day-of-month field"},
        {"0 0 * 13 *", "13 is outside 1-12 in the month field"},
        {"0 0 * * 8", "8 is outside 0-7 in the day-of-week field"},
        {"*/0 * * * *", "a step of 0 in the minute field"},
        {"0 MON * * *", "names are allowed only in the month and day-of-week fields"},
        {"0 0 * * FUN", "'FUN' is not a day name"},
        {"0 0 1,,2 * *", "an empty list item"},
        {"0 0 * * * *", "it has 6 fields"},
        {"0 0 ? * *", "character '?' is not allowed"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        const char *why = cron_check(a, bad[i].expr);
        if (!why || !strstr(why, bad[i].why)) fail_msg("%s: got %s", bad[i].expr, why ? why : "valid");
    }
    arena_free(a);
}

static void test_suggest(void **state)
{
    (void)state;
    assert_int_equal(suggest_distance("int23", "int32"), 1); /* a swap is one edit */
    assert_int_equal(suggest_distance("feild", "field"), 1);
    assert_int_equal(suggest_distance("", "abc"), 3);
    Suggest g;
    suggest_init(&g, "chek");
    suggest_try(&g, "fmt");
    suggest_try(&g, "check");
    suggest_try(&g, "gen");
    assert_string_equal(suggest_best(&g), "check");
    suggest_init(&g, "zzzzzz");
    suggest_try(&g, "check");
    assert_null(suggest_best(&g));
    Arena *a = arena_new();
    const char *words[] = {NULL, "a", "b"};
    assert_string_equal(suggest_word_list(a, words, 3), "a, b");
    arena_free(a);
}

static void test_symtab(void **state)
{
    (void)state;
    SymTab t = {0};
    int scope1, scope2;
    char names[5000][16]; /* room for any int: gcc -O1 checks the snprintf bound */
    for (int i = 0; i < 5000; i++) {
        snprintf(names[i], sizeof names[i], "n%d", i);
        assert_null(symtab_put(&t, &scope1, names[i], names[i]));
    }
    assert_ptr_equal(symtab_put(&t, &scope1, "n42", NULL), names[42]); /* present: the old value */
    assert_null(symtab_get(&t, &scope2, "n42"));                        /* scopes are separate */
    for (int i = 0; i < 5000; i++) assert_ptr_equal(symtab_get(&t, &scope1, names[i]), names[i]);
    assert_null(symtab_get(&t, &scope1, "n5000"));
    symtab_free(&t);
    assert_null(symtab_get(&t, &scope1, "n1"));
}

/* The scanner's IDENT, [A-Za-z_][A-Za-z0-9_]* (grammar/lexer.l), byte for byte: one function
 * that fmt (bare or quoted names) and the ODCS reader (names import can write) share. */
static void test_ident(void **state)
{
    (void)state;
    assert_true(model_is_ident("a", 1));
    assert_true(model_is_ident("_", 1));
    assert_true(model_is_ident("order_id2", 9));
    assert_true(model_is_ident("Zz_09", 5));
    assert_true(model_is_ident("dataset", 7)); /* keywords too: callers check them */
    assert_false(model_is_ident(NULL, 0));
    assert_false(model_is_ident("", 0));
    assert_false(model_is_ident("2nd", 3));
    assert_false(model_is_ident("order-id", 8));
    assert_false(model_is_ident("supply chain", 12));
    assert_false(model_is_ident("caf\xc3\xa9", 5)); /* ASCII only, whatever the locale */
    assert_false(model_is_ident("ab\0c", 4));        /* a NUL inside is no identifier */
    assert_true(model_is_ident("ab\0c", 2));         /* only the n bytes asked about */
    assert_false(model_is_ident("a`", 2));           /* '`', '@', '[', '{' sit beside the ranges */
    assert_false(model_is_ident("@a", 2));
    assert_false(model_is_ident("a[", 2));
    assert_false(model_is_ident("a{", 2));
    assert_false(model_is_ident("a/", 2));
    assert_false(model_is_ident("a:", 2));
}

/* Blocks of a megabyte and more are mapped ahead of use (arena_prefault): what the arena hands
 * out is still zero, and what was written stays written across a block's prefetched steps. */
static void test_arena_large(void **state)
{
    (void)state;
    Arena *a = arena_new();
    enum { N = 3000, SIZE = 4000 }; /* 12 MB: several blocks past 1 MiB, many 256 KiB steps */
    unsigned char *p[N];
    for (int i = 0; i < N; i++) {
        p[i] = arena_alloc(a, SIZE);
        for (int k = 0; k < SIZE; k++) assert_int_equal(p[i][k], 0);
        memset(p[i], (unsigned char)(i * 7 + 1), SIZE);
    }
    for (int i = 0; i < N; i++) {
        assert_int_equal(p[i][0], (unsigned char)(i * 7 + 1));
        assert_int_equal(p[i][SIZE - 1], (unsigned char)(i * 7 + 1));
    }
    char *q = arena_alloc(a, 20u * 1024 * 1024); /* one block of its own, larger than the cap */
    assert_int_equal(q[0], 0);
    assert_int_equal(q[20u * 1024 * 1024 - 1], 0);
    /* prefaulting memory never changes it, wherever the system honours the request */
    unsigned char *m = malloc(1u << 20);
    assert_non_null(m);
    memset(m, 0xA5, 1u << 20);
    (void)arena_prefault(m, 1u << 20);
    for (size_t k = 0; k < 1u << 20; k += 4093) assert_int_equal(m[k], 0xA5);
    free(m);
    arena_free(a);
}

static void test_utf8(void **state)
{
    (void)state;
    uint32_t cp;
    struct { const char *s; size_t n, len; uint32_t cp; } ok[] = {
        {"A", 1, 1, 0x41}, {"\xC2\x80", 2, 2, 0x80}, {"\xE2\x82\xAC", 3, 3, 0x20AC},
        {"\xF0\x9F\x98\x80", 4, 4, 0x1F600}, {"\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF}, {"\xEF\xBF\xBF", 3, 3, 0xFFFF},
    };
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        assert_int_equal(utf8_decode((const unsigned char *)ok[i].s, ok[i].n, &cp), ok[i].len);
        assert_int_equal(cp, ok[i].cp);
        unsigned char b[4];
        assert_int_equal(utf8_encode(cp, b), ok[i].len);
        assert_memory_equal(b, ok[i].s, ok[i].len);
    }
    /* overlong forms, surrogates, above U+10FFFF, stray and missing continuation bytes, cut short */
    const char *bad[] = {"\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80", "\xED\xBF\xBF",
                         "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\x80", "\xBF", "\xC2\x41",
                         "\xE2\x82", "\xFF", "\xFE"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(utf8_decode((const unsigned char *)bad[i], strlen(bad[i]), &cp), 0);
    assert_int_equal(utf8_decode((const unsigned char *)"\xE2\x82\xAC", 2, &cp), 0); /* n cuts it short */
    assert_int_equal(utf8_count("a\xE2\x82\xAC\xF0\x9F\x98\x80", 8), 3);
}

/* The compiler's numbers are the runtime's engine behind an adapter: the values below are
 * worked out by hand (not read off dcc), in the spellings a contract allows and JSON does not. */
static void test_num(void **state)
{
    (void)state;
    Arena *a = arena_new();
    struct { const char *x, *y; int cmp; } pairs[] = {
        {"007", "7", 0},          {"+5", "5", 0},           {"12.50", "12.5", 0},
        {"0.001", "1e-3", 0},     {"-0", "0", 0},           {"0.000", "-0.0e5", 0},
        {"1e2", "99.999", 1},     {"-1e2", "-99.999", -1},  {"-0.5", "0.5", -1},
        {"123456789012345678901234567890", "123456789012345678901234567891", -1},
        {"1e999999999999", "9e99999999", 1},  {"1e-999999999999", "0", 1},
        {"100", "1e2", 0},        {"10.01", "10.1", -1},    {"1.10", "1.1", 0},
    };
    for (size_t i = 0; i < sizeof pairs / sizeof *pairs; i++) {
        Num x, y;
        assert_true(num_parse(a, pairs[i].x, &x));
        assert_true(num_parse(a, pairs[i].y, &y));
        assert_int_equal(num_cmp(&x, &y), pairs[i].cmp);
        assert_int_equal(num_cmp(&y, &x), -pairs[i].cmp);
    }
    Num n;
    static const char *bad[] = {"", "-", "+", "1.", ".5", "1e", "1e+", "--1", "+-1", "1x", "0x10", "1 "};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) assert_false(num_parse(a, bad[i], &n));
    assert_true(num_parse(a, "-12.340", &n));
    assert_true(n.neg);
    assert_int_equal(num_int_digits(&n), 2);
    assert_int_equal(num_frac_digits(&n), 2);
    assert_false(num_is_int(&n));
    Num m = num_of(a, "-3.5"), k = num_of(a, "2");
    assert_int_equal(num_cmp_abs(&m, &k), 1);
    assert_int_equal(num_cmp(&m, &k), -1);
    int64_t v;
    assert_true(num_to_i64(&(Num){0}, &v));
    assert_int_equal(v, 0);
    n = num_of(a, "1.5e3");
    assert_true(num_is_int(&n));
    assert_true(num_to_i64(&n, &v));
    assert_int_equal(v, 1500);
    n = num_of(a, "-9223372036854775808");
    assert_true(num_to_i64(&n, &v));
    assert_true(v == INT64_MIN);
    n = num_of(a, "1e30");
    assert_true(num_to_i64(&n, &v));
    assert_true(v == INT64_MAX);
    arena_free(a);
}

/* x - y worked by hand, column by column (ODCS invalidValues X% is valid_rate (100 - X)%). */
static void test_num_sub(void **state)
{
    (void)state;
    Arena *a = arena_new();
    static const struct { const char *x, *y, *want; } cases[] = {
        {"100", "0.00000000001", "99.99999999999"}, {"100", "1e-3", "99.999"}, {"100", "12.5", "87.5"},
        {"100", "100", "0"}, {"100", "0", "100"}, {"100", "99.9", "0.1"}, {"5", "12.25", "-7.25"},
        {"100", "1.5e1", "85"}, {"0.3", "0.1", "0.2"}, {"1000", "0.001", "999.999"}, {"0", "0", "0"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        Num x = num_of(a, cases[i].x), y = num_of(a, cases[i].y);
        const char *got = num_sub_text(a, &x, &y);
        assert_non_null(got);
        assert_string_equal(got, cases[i].want);
    }
    Num neg = num_of(a, "-1"), one = num_of(a, "1"), tiny = num_of(a, "1e-5000");
    assert_null(num_sub_text(a, &one, &neg));
    assert_null(num_sub_text(a, &one, &tiny));
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_semver_parse), cmocka_unit_test(test_semver_precedence),
        cmocka_unit_test(test_semver_bump),  cmocka_unit_test(test_cron),
        cmocka_unit_test(test_suggest),      cmocka_unit_test(test_symtab),
        cmocka_unit_test(test_utf8),         cmocka_unit_test(test_num),
        cmocka_unit_test(test_ident),        cmocka_unit_test(test_arena_large),
        cmocka_unit_test(test_num_sub),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
