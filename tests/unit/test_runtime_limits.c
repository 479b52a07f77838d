/* test_runtime_limits.c - the limits of the runtime's entry points (docs/production.md, "Limits of
 * every entry point"), each at its bound and one past it: descriptor nesting and pattern tables, JSON and struct
 * nesting (max_depth, its default and its cap), CSV header columns, the violations reported per
 * record, path lengths, an implausible size hint and the most a hint may reserve. (max_record_bytes through every entry point is
 * test_runtime_safety.c's test_record_limit; dcc_stream_csv_header's, test_runtime_streams.c's.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dcc_regex.h"
#include "dcc_rt.h"
#include "dcc_rt_internal.h" /* a stream's key sets, to see what a hint reserved */
#include "stream_helpers.h"

static void add_line(void *ud, const dcc_violation *v)
{
    char line[512];
    snprintf(line, sizeof line, "%llu %s %s\n", (unsigned long long)v->record, v->field_path,
             dcc_rule_code(v->rule));
    test_text_add(ud, line);
}

/* The violations of input fed to a new stream with options o, one line each. */
static char *run(const dcc_validator *v, dcc_stream_opts o, const char *in, size_t n)
{
    TestText t = {0};
    test_text_add(&t, "");
    o.skip_quality = true;
    dcc_stream *s = test_stream(v, o, add_line, &t);
    assert_int_equal(dcc_stream_feed(s, in, n), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_free(s);
    return t.buf;
}

/* ---- descriptors: nested at most 64 levels ----------------------------------------------------- */

static void test_descriptor_depth(void **state)
{
    (void)state;
    /* a chain of lists: level k's element is level k + 1; the top-level field is level 1 */
    dcc_field_desc chain[70];
    memset(chain, 0, sizeof chain);
    for (int k = 0; k < 70; k++) {
        chain[k].kind = k == 69 ? DCC_INT32 : DCC_LIST;
        chain[k].elem = k == 69 ? NULL : &chain[k + 1];
    }
    chain[0].name = "x";
    for (int top = 0; top < 70; top++) {
        dcc_field_desc f = chain[top];
        f.name = "x";
        dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "d", .fields = &f, .nfields = 1};
        char *err = NULL;
        dcc_validator *v = dcc_validator_new(&d, &err);
        int levels = 70 - top; /* the field and the elements under it */
        if (levels <= 64) {
            assert_non_null(v);
        } else {
            assert_null(v);
            assert_non_null(strstr(err, "deeper than 64 levels"));
        }
        dcc_error_free(err);
        dcc_validator_free(v);
    }
}

/* ---- descriptors: pattern tables that dcc_dfa_check refuses ------------------------------- */

static void test_malformed_pattern(void **state)
{
    (void)state;
    /* one class, two states: 0 dead, 1 start accepting; then a transition to state 7 */
    static uint8_t byte_class[256];
    static uint32_t trans[2] = {0, 1};
    static const uint8_t accept[2] = {0, DCC_DFA_ACCEPT};
    dcc_dfa p = {.nstates = 2, .nclasses = 1, .byte_class = byte_class, .trans = trans, .accept = accept,
                 .start = 1};
    dcc_field_desc f = {.name = "s", .kind = DCC_STRING, .pattern = &p};
    dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "p", .fields = &f, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    dcc_validator_free(v);
    trans[1] = 7; /* a state that does not exist */
    char *err = NULL;
    assert_null(dcc_validator_new(&d, &err));
    assert_non_null(strstr(err, "malformed pattern tables"));
    dcc_error_free(err);
    trans[1] = 1;
    byte_class['x'] = 3; /* a class that does not exist */
    assert_null(dcc_validator_new(&d, NULL));
}

/* ---- JSON and struct nesting: max_depth ----------------------------------------------------- */

static const dcc_field_desc any_json[] = {{.name = "j", .kind = DCC_JSON}};
static const dcc_dataset_desc json_desc = {.abi = DCC_ABI_TAG, .name = "j", .fields = any_json, .nfields = 1};

/* {"j": [[...[]...]]} with `arrays` arrays: arrays + 1 containers with the record. */
static char *nested(size_t arrays, size_t *n)
{
    char *s = malloc(arrays * 2 + 16);
    assert_non_null(s);
    size_t k = (size_t)sprintf(s, "{\"j\":");
    memset(s + k, '[', arrays);
    memset(s + k + arrays, ']', arrays);
    k += 2 * arrays;
    s[k++] = '}';
    s[k++] = '\n';
    *n = k;
    return s;
}

static void test_json_depth(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&json_desc, NULL);
    assert_non_null(v);
    size_t n;
    /* the default, 64 containers counting the record */
    char *in = nested(63, &n), *got = run(v, (dcc_stream_opts){0}, in, n);
    assert_string_equal(got, "");
    free(in);
    free(got);
    in = nested(64, &n);
    got = run(v, (dcc_stream_opts){0}, in, n);
    assert_string_equal(got, "1  DV019\n");
    free(in);
    free(got);
    /* a larger limit is honoured, and a limit beyond 1000000 is 1000000 */
    in = nested(200, &n);
    got = run(v, (dcc_stream_opts){.max_depth = 201}, in, n);
    assert_string_equal(got, "");
    free(got);
    got = run(v, (dcc_stream_opts){.max_depth = 200}, in, n);
    assert_string_equal(got, "1  DV019\n");
    free(got);
    free(in);
    in = nested(1000000, &n);
    got = run(v, (dcc_stream_opts){.max_depth = 4000000000u}, in, n);
    assert_string_equal(got, "1  DV019\n");
    free(got);
    free(in);
    in = nested(999999, &n);
    got = run(v, (dcc_stream_opts){.max_depth = 4000000000u}, in, n);
    assert_string_equal(got, "");
    free(got);
    free(in);
    dcc_validator_free(v);
}

/* A struct path record: a struct `s` holding a struct `t` holding an int32. */
typedef struct {
    int32_t x;
} Inner;
typedef struct {
    Inner t;
} Middle;
typedef struct {
    Middle s;
} Outer;

static void test_struct_depth(void **state)
{
    (void)state;
    static const dcc_field_desc inner[] = {{.name = "x", .kind = DCC_INT32, .c_offset = offsetof(Inner, x)}};
    static const dcc_field_desc middle[] = {{.name = "t", .kind = DCC_STRUCT, .fields = inner, .nfields = 1,
                                             .c_offset = offsetof(Middle, t), .c_size = sizeof(Inner)}};
    static const dcc_field_desc outer[] = {{.name = "s", .kind = DCC_STRUCT, .fields = middle, .nfields = 1,
                                            .c_offset = offsetof(Outer, s), .c_size = sizeof(Middle)}};
    static const dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "o", .fields = outer, .nfields = 1,
                                       .c_size = sizeof(Outer)};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    Outer r = {{{5}}};
    /* three containers: the record, s, s.t */
    for (unsigned depth = 2; depth <= 3; depth++) {
        TestText t = {0};
        test_text_add(&t, "");
        dcc_stream *s = test_stream(v, (dcc_stream_opts){.max_depth = depth, .skip_quality = true}, add_line, &t);
        assert_int_equal(dcc_validate_struct(s, &r), 0);
        assert_string_equal(t.buf, depth == 2 ? "1 s.t DV019\n" : "");
        dcc_stream_free(s);
        free(t.buf);
    }
    dcc_validator_free(v);
}

/* ---- CSV: at most 65536 header columns besides the declared fields --------------------------- */

static void test_csv_columns(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {{.name = "a", .kind = DCC_INT32, .optional = true}};
    static const dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "c", .fields = f, .nfields = 1,
                                       .allow_unknown_fields = true};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    for (size_t cols = 65537; cols <= 65538; cols++) { /* one field declared */
        /* "a" then cols - 1 empty names; a row of cols cells whose first is 1 */
        size_t n = 2 * cols + 4;
        char *in = malloc(n);
        assert_non_null(in);
        size_t k = 0;
        in[k++] = 'a';
        memset(in + k, ',', cols - 1);
        k += cols - 1;
        in[k++] = '\n';
        in[k++] = '1';
        memset(in + k, ',', cols - 1);
        k += cols - 1;
        in[k++] = '\n';
        char *got = run(v, (dcc_stream_opts){.format = DCC_FORMAT_CSV}, in, k);
        /* 65537: read; one more: the header is refused, so the row has the wrong cell count and
         * column a is in no header */
        assert_string_equal(got, cols == 65537 ? "" : "0  DV001\n1  DV001\n0 a DV004\n");
        free(got);
        free(in);
    }
    dcc_validator_free(v);
}

/* ---- findings: 32 reported a record, paths at most 255 bytes ------------------------------- */

static void test_reported_and_paths(void **state)
{
    (void)state;
    static const dcc_field_desc elem = {.kind = DCC_INT32, .range_lo = "0", .range_hi = "0"};
    char longname[400];
    memset(longname, 'n', sizeof longname - 1);
    longname[sizeof longname - 1] = '\0';
    const dcc_field_desc f[] = {{.name = "l", .kind = DCC_LIST, .elem = &elem, .optional = true},
                                {.name = longname, .kind = DCC_INT32, .optional = true}};
    const dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "r", .fields = f, .nfields = 2};
    dcc_validator *v = dcc_validator_new(&d, NULL);
    assert_non_null(v);
    /* 40 items out of range, then the long name with a string: 41 violations, 32 reported */
    char in[1200];
    size_t k = (size_t)sprintf(in, "{\"l\":[");
    for (int i = 0; i < 40; i++)
        k += (size_t)sprintf(in + k, i ? ",1" : "1");
    k += (size_t)sprintf(in + k, "]}\n{\"%s\":\"x\"}\n", longname);
    TestText t = {0};
    test_text_add(&t, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.skip_quality = true}, add_line, &t);
    assert_int_equal(dcc_stream_feed(s, in, k), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_stats st = test_stats(s);
    assert_int_equal(st.violations, 41);
    assert_int_equal(dcc_stream_count(s, DCC_RULE_RANGE), 40);
    /* the first record's 32 reported, then the second's: its path cut below 256 bytes */
    size_t lines = 0;
    for (const char *p = t.buf; (p = strchr(p, '\n')); p++)
        lines++;
    assert_int_equal(lines, 33);
    const char *last = strstr(t.buf, "2 nnn");
    assert_non_null(last);
    size_t pathlen = strcspn(last + 2, " ");
    assert_true(pathlen > 200 && pathlen < 256);
    dcc_stream_free(s);
    free(t.buf);
    dcc_validator_free(v);
}

/* ---- a size hint that cannot be true changes nothing --------------------------------------- */

/* One int64 field, the primary key: every record adds a key to the stream's one key set. */
static const dcc_field_desc hint_fields[] = {{.name = "id", .kind = DCC_INT64}};
static const size_t hint_pk[] = {0};
static const dcc_dataset_desc hint_dataset = {.abi = DCC_ABI_TAG, .name = "h", .fields = hint_fields, .nfields = 1,
                                              .primary_key = hint_pk, .nprimary_key = 1};

static void test_implausible_hint(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&hint_dataset, NULL);
    assert_non_null(v);
    TestText t = {0};
    test_text_add(&t, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.skip_quality = true}, add_line, &t);
    dcc_stream_expect(s, UINT64_MAX);
    char in[64 * 1024];
    size_t k = 0;
    for (int i = 0; i < 4000; i++) /* past the records the sizing waits for */
        k += (size_t)sprintf(in + k, "{\"id\":%d}\n", i % 3999);
    assert_int_equal(dcc_stream_feed(s, in, k), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_int_equal(dcc_stream_error(s), 0);
    assert_string_equal(t.buf, "4000 id DV017\n");
    dcc_stream_free(s);
    free(t.buf);
    dcc_validator_free(v);
}

/* ---- a size hint reserves at most 2^24 keys ------------------------------------------------- */

/* The key set's bytes after 4,100 records of about 12 bytes, fed after the hint `expect`. */
static size_t reserved_after(const dcc_validator *v, uint64_t expect)
{
    TestText t = {0};
    test_text_add(&t, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.skip_quality = true}, add_line, &t);
    dcc_stream_expect(s, expect);
    char in[64 * 1024];
    size_t k = 0;
    for (int i = 0; i < 4100; i++) /* sized at the 4,096th key, about 48 KB in */
        k += (size_t)sprintf(in + k, "{\"id\":%d}\n", i);
    assert_int_equal(dcc_stream_feed(s, in, k), 0);
    size_t bytes = rt_hashset_bytes(&s->sets[0]);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(t.buf, ""); /* distinct keys: the hint changes no result */
    dcc_stream_free(s);
    free(t.buf);
    return bytes;
}

static void test_hint_cap(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&hint_dataset, NULL);
    assert_non_null(v);
    /* 4 MB more at one key per ~11.7 bytes: about 340,000 keys, under the cap: reserved at once,
     * 16 bytes a slot at least (5.4 MB) */
    assert_true(reserved_after(v, 4u * 1000 * 1000) > 4u * 1024 * 1024);
    /* 400 MB more: about 34 million keys, past 2^24 (16.8 million): ignored, so the set holds what
     * 4,100 keys need (under 28 bytes a key, text.c), not the 660 MB the hint asked for */
    assert_true(reserved_after(v, 400u * 1000 * 1000) < 1024 * 1024);
    dcc_validator_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_descriptor_depth),
        cmocka_unit_test(test_malformed_pattern),
        cmocka_unit_test(test_json_depth),
        cmocka_unit_test(test_struct_depth),
        cmocka_unit_test(test_csv_columns),
        cmocka_unit_test(test_reported_and_paths),
        cmocka_unit_test(test_implausible_hint),
        cmocka_unit_test(test_hint_cap),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
