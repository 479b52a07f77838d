/* test_diag.c - the diagnostics engine, source positions and the arena. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

/* Captures what a print function writes to a FILE. */
static char *capture(void (*fn)(const DiagSink *, FILE *, bool), const DiagSink *d, bool color)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    fn(d, f, color);
    fclose(f);
    return buf;
}

static void print_json(const DiagSink *d, FILE *f, bool color)
{
    (void)color;
    diag_print_json(d, f);
}

static void test_line_col_utf8(void **state)
{
    (void)state;
    Arena *a = arena_new();
    SourceSet s;
    source_set_init(&s, a);
    const char *text = "ab\nx\xc3\xa9y\n\nlast";
    uint32_t id = source_add(&s, "t.dc", text, strlen(text));
    const SourceFile *f = s.files[id];
    unsigned l, c;
    source_line_col(f, 0, &l, &c);
    assert_int_equal(l, 1);
    assert_int_equal(c, 1);
    source_line_col(f, 3, &l, &c);
    assert_int_equal(l, 2);
    assert_int_equal(c, 1);
    source_line_col(f, 6, &l, &c); /* 'y' after a two-byte character: column 3 */
    assert_int_equal(l, 2);
    assert_int_equal(c, 3);
    source_line_col(f, 9, &l, &c);
    assert_int_equal(l, 4);
    assert_int_equal(c, 1);
    source_line_col(f, 1000, &l, &c); /* past the end clamps */
    assert_int_equal(l, 4);
    assert_int_equal(c, 5);
    arena_free(a);
}

static void test_text_format_and_sorting(void **state)
{
    (void)state;
    Arena *a = arena_new();
    SourceSet s;
    source_set_init(&s, a);
    const char *text = "field a Strnig\nfield b int32\n";
    uint32_t id = source_add(&s, "x.dc", text, strlen(text));
    DiagSink d;
    diag_init(&d, a, &s);
    Span second = {id, 23, 28};
    Span first = {id, 8, 14};
    diag_report(&d, D_DUPLICATE, second, "duplicate field 'b'");
    Diag *g = diag_report(&d, D_UNKNOWN_TYPE, first, "unknown type '%s'", "Strnig");
    diag_note(&d, g, second, "did you mean '%s'?", "string");
    assert_int_equal(d.errors, 2);
    diag_sort(&d);
    char *out = capture(diag_print_text, &d, false);
    const char *want =
        "x.dc:1:9: error: unknown type 'Strnig' [DC0300]\n"
        "     1 | field a Strnig\n"
        "       |         ^~~~~~\n"
        "x.dc:2:9: note: did you mean 'string'?\n"
        "     2 | field b int32\n"
        "       |         ^~~~~\n"
        "x.dc:2:9: error: duplicate field 'b' [DC0302]\n"
        "     2 | field b int32\n"
        "       |         ^~~~~\n"
        "2 errors, 0 warnings\n";
    assert_string_equal(out, want);
    free(out);
    arena_free(a);
}

static void test_werror_and_limit(void **state)
{
    (void)state;
    Arena *a = arena_new();
    SourceSet s;
    source_set_init(&s, a);
    DiagSink d;
    diag_init(&d, a, &s);
    diag_report(&d, D_UNUSED_IMPORT, span_none(), "unused");
    assert_int_equal(d.warnings, 1);
    assert_int_equal(d.errors, 0);
    d.werror = true;
    diag_report(&d, D_UNUSED_IMPORT, span_none(), "unused");
    assert_int_equal(d.errors, 1);
    d.max_errors = 3;
    for (int i = 0; i < 10; i++) diag_report(&d, D_SYNTAX, span_none(), "e%d", i);
    assert_int_equal(d.errors, 3);
    assert_true(d.limit_reached);
    unsigned n = 0, stops = 0;
    for (Diag *g = d.first; g; g = g->next) {
        n++;
        if (g->code == D_TOO_MANY_ERRORS) stops++;
    }
    assert_int_equal(n, 5); /* warning, werror'd warning, 2 errors, the stop notice */
    assert_int_equal(stops, 1);
    arena_free(a);
}

static void test_json_escapes(void **state)
{
    (void)state;
    Arena *a = arena_new();
    SourceSet s;
    source_set_init(&s, a);
    uint32_t id = source_add(&s, "q\"uote.dc", "abc\n", 4);
    DiagSink d;
    diag_init(&d, a, &s);
    Span sp = {id, 1, 2};
    diag_report(&d, D_BAD_CHAR, sp, "bad \"char\"\t\\");
    char *out = capture(print_json, &d, false);
    assert_non_null(strstr(out, "\"message\":\"bad \\\"char\\\"\\t\\\\\""));
    assert_non_null(strstr(out, "\"file\":\"q\\\"uote.dc\",\"line\":1,\"column\":2"));
    assert_non_null(strstr(out, "\"errors\":1,\"warnings\":0}"));
    free(out);
    arena_free(a);
}

static void test_long_line_is_cut(void **state)
{
    (void)state;
    Arena *a = arena_new();
    SourceSet s;
    source_set_init(&s, a);
    size_t n = 100000;
    char *text = malloc(n + 1);
    memset(text, 'a', n);
    text[n] = '\0';
    uint32_t id = source_add(&s, "long.dc", text, n);
    free(text);
    DiagSink d;
    diag_init(&d, a, &s);
    Span sp = {id, 50000, 50010};
    diag_report(&d, D_TOKEN_TOO_LONG, sp, "too long");
    char *out = capture(diag_print_text, &d, false);
    assert_true(strlen(out) < 1000);
    assert_non_null(strstr(out, "long.dc:1:50001: error: too long [DC0110]"));
    free(out);
    arena_free(a);
}

static void test_arena_alignment_and_growth(void **state)
{
    (void)state;
    Arena *a = arena_new();
    for (int i = 0; i < 10000; i++) {
        char *p = arena_alloc(a, (size_t)(i % 97) + 1);
        assert_int_equal((uintptr_t)p % _Alignof(max_align_t), 0);
        assert_int_equal(p[0], 0);
    }
    void *big = arena_alloc(a, 64u * 1024 * 1024);
    assert_non_null(big);
    PtrVec v = {0};
    for (intptr_t i = 0; i < 1000; i++) ptrvec_push(a, &v, (void *)i);
    assert_int_equal(v.len, 1000);
    assert_ptr_equal(v.items[999], (void *)999);
    assert_string_equal(arena_printf(a, "%s-%d", "x", 42), "x-42");
    arena_free(a);
}

static void test_every_code_documented(void **state)
{
    (void)state;
    for (int c = 0; c < D__COUNT; c++) {
        const char *id = diag_code_id((DiagCode)c);
        assert_non_null(id);
        assert_int_equal(strlen(id), 6);
        assert_true(strlen(diag_code_doc((DiagCode)c)) > 10);
        for (int k = 0; k < c; k++) assert_string_not_equal(id, diag_code_id((DiagCode)k));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_line_col_utf8),
        cmocka_unit_test(test_text_format_and_sorting),
        cmocka_unit_test(test_werror_and_limit),
        cmocka_unit_test(test_json_escapes),
        cmocka_unit_test(test_long_line_is_cut),
        cmocka_unit_test(test_arena_alignment_and_growth),
        cmocka_unit_test(test_every_code_documented),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
