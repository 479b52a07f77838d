/* test_jsonw.c - the JSON writer (compiler/jsonw.c): layout, escaping, invalid UTF-8, numbers,
 * misuse. tests/emit/run.sh adds the oracle: Node parses randomised documents it writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"

static void test_pretty_and_compact(void **state)
{
    (void)state;
    for (unsigned indent = 0; indent <= 2; indent += 2) {
        StrBuf b;
        sb_init(&b);
        JsonWriter w;
        jsonw_init(&w, &b, indent);
        jsonw_object(&w);
        jsonw_key(&w, "a");
        jsonw_int(&w, -3);
        jsonw_key(&w, "list");
        jsonw_array(&w);
        jsonw_string(&w, "x");
        jsonw_bool(&w, true);
        jsonw_null(&w);
        jsonw_object(&w);
        jsonw_end(&w);
        jsonw_array(&w);
        jsonw_end(&w);
        jsonw_end(&w);
        jsonw_key(&w, "n");
        assert_int_equal(jsonw_number(&w, "12.50"), 0);
        jsonw_end(&w);
        assert_int_equal(jsonw_finish(&w), 0);
        if (indent)
            assert_string_equal(b.data, "{\n"
                                        "  \"a\": -3,\n"
                                        "  \"list\": [\n"
                                        "    \"x\",\n"
                                        "    true,\n"
                                        "    null,\n"
                                        "    {},\n"
                                        "    []\n"
                                        "  ],\n"
                                        "  \"n\": 12.50\n"
                                        "}\n");
        else assert_string_equal(b.data, "{\"a\":-3,\"list\":[\"x\",true,null,{},[]],\"n\":12.50}\n");
        sb_free(&b);
    }
}

/* One string value, written compact; returns the text between the quotes (static buffer). */
static const char *str(const char *s, size_t n)
{
    static char out[256];
    StrBuf b;
    sb_init(&b);
    JsonWriter w;
    jsonw_init(&w, &b, 0);
    jsonw_string_n(&w, s, n);
    assert_int_equal(jsonw_finish(&w), 0);
    assert_true(b.len >= 3 && b.data[0] == '"' && b.data[b.len - 2] == '"');
    snprintf(out, sizeof out, "%.*s", (int)(b.len - 3), b.data + 1);
    sb_free(&b);
    return out;
}

#define S(lit) str(lit, sizeof lit - 1)

static void test_escapes(void **state)
{
    (void)state;
    assert_string_equal(S("plain / text"), "plain / text");
    assert_string_equal(S("q\"b\\"), "q\\\"b\\\\");
    assert_string_equal(S("\b\f\n\r\t"), "\\b\\f\\n\\r\\t");
    assert_string_equal(S("\x01\x1f\x7f"), "\\u0001\\u001f\x7f");
    assert_string_equal(S("a\0b"), "a\\u0000b");
    assert_string_equal(S("gr\xC3\xB6\xC3\x9F" "e \xE2\x82\xAC \xF0\x9F\x98\x80"), "gr\xC3\xB6\xC3\x9F" "e \xE2\x82\xAC \xF0\x9F\x98\x80");
}

#define FFFD "\xEF\xBF\xBD"

static void test_invalid_utf8(void **state)
{
    (void)state;
    assert_string_equal(S("\xFF"), FFFD);
    assert_string_equal(S("a\x80" "b"), "a" FFFD "b");
    assert_string_equal(S("\xC0\xAF"), FFFD FFFD);            /* overlong: C0 is never a lead */
    assert_string_equal(S("\xE0\x80\x80"), FFFD FFFD FFFD);    /* overlong: E0 needs A0..BF next */
    assert_string_equal(S("\xED\xA0\x80"), FFFD FFFD FFFD);    /* a surrogate */
    assert_string_equal(S("\xF4\x90\x80\x80"), FFFD FFFD FFFD FFFD); /* above U+10FFFF */
    assert_string_equal(S("\xE2\x82"), FFFD);                  /* cut short: one maximal subpart */
    assert_string_equal(S("\xE2\x82x"), FFFD "x");
    assert_string_equal(S("\xF0\x9F\x98"), FFFD);
    assert_string_equal(S("\xF0\x9F\x98" "\xC3\xB6"), FFFD "\xC3\xB6");
    assert_string_equal(S("\xC3"), FFFD);
}

static void test_numbers(void **state)
{
    (void)state;
    const char *good[] = {"0", "-0", "12", "12.50", "1e3", "1E+3", "-1.5e-07", "100000000000000000000000"};
    const char *bad[] = {"", "+1", ".5", "1.", "01", "1e", "0x10", "NaN", "Infinity", "1 ", "--1", "1.5.2"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) assert_true(jsonw_is_number(good[i]));
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) assert_false(jsonw_is_number(bad[i]));

    StrBuf b;
    sb_init(&b);
    JsonWriter w;
    jsonw_init(&w, &b, 0);
    jsonw_array(&w);
    assert_int_equal(jsonw_number(&w, "+1"), -1); /* written as null: the document stays JSON */
    jsonw_double(&w, 0.1);
    jsonw_double(&w, 1.0 / 3.0);
    jsonw_double(&w, 1e300);
    jsonw_double(&w, -0.0);
    jsonw_double(&w, NAN);
    jsonw_double(&w, INFINITY);
    jsonw_uint(&w, UINT64_MAX);
    jsonw_uint(&w, 0); /* jsonw_uint writes digits by hand: zero, and a carry into a new digit */
    jsonw_uint(&w, 10);
    jsonw_int(&w, INT64_MIN);
    jsonw_end(&w);
    assert_int_equal(jsonw_finish(&w), 0);
    assert_string_equal(b.data, "[null,0.1,0.3333333333333333,1e+300,-0,null,null,18446744073709551615,0,10,-9223372036854775808]\n");
    sb_free(&b);
}

/* Each misuse makes jsonw_finish fail. */
static void test_misuse(void **state)
{
    (void)state;
    for (int k = 0; k < 8; k++) {
        StrBuf b;
        sb_init(&b);
        JsonWriter w;
        jsonw_init(&w, &b, 2);
        switch (k) {
        case 0: jsonw_object(&w); break;                                   /* unclosed */
        case 1: jsonw_end(&w); break;                                      /* nothing to close */
        case 2: jsonw_object(&w); jsonw_string(&w, "v"); jsonw_end(&w); break; /* value, no key */
        case 3: jsonw_array(&w); jsonw_key(&w, "k"); jsonw_end(&w); break; /* key in an array */
        case 4: jsonw_object(&w); jsonw_key(&w, "k"); jsonw_end(&w); break; /* key, no value */
        case 5: jsonw_null(&w); jsonw_null(&w); break;                      /* two documents */
        case 6: break;                                                     /* no value at all */
        case 7:
            for (int i = 0; i <= JSONW_MAX_DEPTH; i++) jsonw_array(&w);
            for (int i = 0; i <= JSONW_MAX_DEPTH; i++) jsonw_end(&w);
            break;
        }
        assert_int_equal(jsonw_finish(&w), -1);
        sb_free(&b);
    }
}

static void test_file_and_write_errors(void **state)
{
    (void)state;
    char *mem = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&mem, &len);
    StrBuf b;
    sb_init(&b);
    JsonWriter w;
    jsonw_init_file(&w, &b, fp, 0);
    jsonw_array(&w);
    for (int i = 0; i < 100000; i++) jsonw_int(&w, i); /* more than one flush */
    jsonw_end(&w);
    assert_int_equal(jsonw_finish(&w), 0);
    fclose(fp);
    assert_true(len > 500000);
    assert_memory_equal(mem, "[0,1,2,", 7);
    assert_memory_equal(mem + len - 8, ",99999]\n", 8);
    free(mem);

    FILE *full = fopen("/dev/full", "w");
    if (full) {
        jsonw_init_file(&w, &b, full, 0);
        jsonw_string(&w, "x");
        assert_int_equal(jsonw_finish(&w), -1); /* a full disk is reported, never success */
        fclose(full);
    }
    sb_free(&b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_pretty_and_compact),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_invalid_utf8),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_misuse),
        cmocka_unit_test(test_file_and_write_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
