/* test_runtime_alloc.c - every allocation of the runtime failing in turn.
 *
 * Linked with -Wl,--wrap for malloc, calloc, realloc, aligned_alloc and free (Makefile), so that
 * the runtime's calls come here: a counter makes allocation number k fail, and live blocks are
 * counted. For each k, the whole life of a validator and its streams (dcc_validator_new, opening
 * streams, feeding JSON Lines and CSV in chunks, the struct path, finishing with quality rules)
 * must end without a crash, with a clear error from the call that met the failure (a message
 * from dcc_validator_new, DCC_ENOMEM from a stream, then DCC_EFAILED from every later call), and
 * with every block freed. A run that reports no error must report exactly what a run without any
 * failure reports: a swallowed failure may cost time, never a finding. */
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

/* ---- the allocator -------------------------------------------------------------------------- */

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t m);
void *__real_realloc(void *p, size_t n);
void *__real_aligned_alloc(size_t a, size_t n);
void __real_free(void *p);
void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t m);
void *__wrap_realloc(void *p, size_t n);
void *__wrap_aligned_alloc(size_t a, size_t n);
void __wrap_free(void *p);

static long allocs;  /* allocations asked for since the count was reset */
static long fail_at; /* the one that fails (1-based); 0: none */
static long live;    /* blocks handed out and not freed */

static bool fail_now(void)
{
    return ++allocs == fail_at;
}

void *__wrap_malloc(size_t n)
{
    if (fail_now())
        return NULL;
    void *p = __real_malloc(n);
    live += p != NULL;
    return p;
}

void *__wrap_calloc(size_t n, size_t m)
{
    if (fail_now())
        return NULL;
    void *p = __real_calloc(n, m);
    live += p != NULL;
    return p;
}

void *__wrap_realloc(void *p, size_t n)
{
    if (fail_now())
        return NULL;
    void *q = __real_realloc(p, n);
    live += q != NULL && p == NULL;
    return q;
}

void *__wrap_aligned_alloc(size_t a, size_t n)
{
    if (fail_now())
        return NULL;
    void *p = __real_aligned_alloc(a, n);
    live += p != NULL;
    return p;
}

void __wrap_free(void *p)
{
    live -= p != NULL;
    __real_free(p);
}

/* ---- the dataset ----------------------------------------------------------------------------- */

static const char *const colors[] = {"red", "green", "blue", "cyan", "magenta", "yellow",
                                     "black", "white", "grey", "orange", "pink", "brown"};
static const char *const codes[] = {"A", "B", "C", "D", "E", "F", "G", "H", "I", "J"};
/* an ASCII letter then digits: table form for the runtime to build its fast form from */
static const uint8_t pat_classes[256] = {
    ['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1, ['7'] = 1,
    ['8'] = 1, ['9'] = 1, ['A'] = 2, ['B'] = 2, ['C'] = 2};
/* states: 0 dead, 1 accept, 2 start; unanchored "[A-C][0-9]" */
static const uint32_t pat_trans[] = {0, 0, 0, /* dead */ 1, 1, 1, /* accept */ 2, 2, 3, /* start */
                                     2, 1, 3 /* after a letter */};
static const uint8_t pat_accept[] = {0, DCC_DFA_ACCEPT, 0, 0};
static const dcc_dfa pat = {.nstates = 4, .nclasses = 3, .byte_class = pat_classes, .trans = pat_trans,
                            .accept = pat_accept, .start = 2};
static const dcc_field_desc int_elem = {.kind = DCC_INT32, .range_lo = "0"};
static const dcc_field_desc inner[10] = {
    {.name = "a", .optional = true}, {.name = "b", .optional = true}, {.name = "c", .optional = true},
    {.name = "d", .optional = true}, {.name = "e", .optional = true}, {.name = "f", .optional = true},
    {.name = "g", .optional = true}, {.name = "h", .optional = true}, {.name = "i", .optional = true},
    {.name = "j", .kind = DCC_INT8},
};
static const dcc_field_desc fields[] = {
    {.name = "id", .kind = DCC_INT64},
    {.name = "color", .kind = DCC_ENUM, .enum_values = colors, .nenum_values = 12},
    {.name = "code", .kind = DCC_STRING, .optional = true, .values = codes, .nvalues = 10},
    {.name = "tag", .kind = DCC_STRING, .optional = true, .pattern = &pat, .pattern_text = "[A-C][0-9]",
     .unique = true},
    {.name = "at", .kind = DCC_TIMESTAMP},
    {.name = "nums", .kind = DCC_LIST, .optional = true, .elem = &int_elem},
    {.name = "attrs", .kind = DCC_MAP, .optional = true, .elem = &int_elem},
    {.name = "s", .kind = DCC_STRUCT, .optional = true, .fields = inner, .nfields = 10},
    {.name = "note", .kind = DCC_STRING, .optional = true},
};
static const size_t pk[] = {0}, k_color_at[] = {1, 4}, f_code[] = {2}, f_color[] = {1}, f_at[] = {4},
                    f_id[] = {0};
static const dcc_key_desc uniques[] = {{.fields = k_color_at, .nfields = 2}};
static const dcc_quality_desc quality[] = {
    {.kind = DCC_Q_ROW_COUNT, .op = DCC_OP_GE, .threshold = "10"},
    /* long enough that threshold * records needs memory of its own */
    {.kind = DCC_Q_NULL_RATE, .op = DCC_OP_GT, .unit = "%", .fields = f_code, .nfields = 1,
     .threshold = "50.000000000000000000000000000000000000000000000000000000000000000000000000000"
                  "00000000000000000000000000000000000000000000000000000000000000000000000000001"},
    {.kind = DCC_Q_VALID_RATE, .op = DCC_OP_GE, .threshold = "99.9", .unit = "%", .fields = f_color, .nfields = 1},
    {.kind = DCC_Q_FRESHNESS, .op = DCC_OP_LT, .threshold = "1", .unit = "h", .fields = f_at, .nfields = 1},
    {.kind = DCC_Q_UNIQUE, .fields = f_id, .nfields = 1},
};
static const dcc_dataset_desc desc = {
    .abi = DCC_ABI_TAG, .name = "alloc", .fields = fields, .nfields = 9, .primary_key = pk,
    .nprimary_key = 1, .unique_keys = uniques, .nunique_keys = 1, .quality = quality, .nquality = 5,
};

/* ---- one life ------------------------------------------------------------------------------- */

typedef struct {
    char *buf;
    size_t len, cap;
    bool oom; /* the report itself could not grow (the wrapped realloc failed) */
} Text;

static void put(Text *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        size_t cap = (t->len + n + 1) * 2;
        char *b = __real_realloc(t->buf, cap); /* the test's own memory: never failed, not counted */
        if (!b) {
            t->oom = true;
            return;
        }
        t->buf = b;
        t->cap = cap;
    }
    memcpy(t->buf + t->len, s, n + 1);
    t->len += n;
}

static void on_violation(void *ud, const dcc_violation *v)
{
    char line[600];
    snprintf(line, sizeof line, "%llu@%llu %s %s: %s [%s]\n", (unsigned long long)v->record,
             (unsigned long long)v->byte_offset, v->field_path, dcc_rule_code(v->rule), v->message,
             v->excerpt);
    put(ud, line);
}

static char *jsonl, *csv;
static size_t jsonl_len, csv_len;

/* The input: keys enough to grow the key sets, escapes, records longer than a chunk. */
static void make_inputs(void)
{
    size_t cap = 1 << 20;
    jsonl = __real_malloc(cap);
    csv = __real_malloc(cap);
    assert_non_null(jsonl);
    assert_non_null(csv);
    size_t o = 0, c = 0;
    for (int i = 0; i < 600; i++) {
        o += (size_t)snprintf(jsonl + o, cap - o,
                              "{\"id\":%d,\"color\":\"%s\",\"code\":%s,\"tag\":\"B%d\",\"at\":\"2026-09-21T1%d:00:00Z\","
                              "\"nums\":[1,%d],\"attrs\":{\"k\\u00e9\":%d},\"s\":{\"j\":%d},\"note\":\"%s\"}\n",
                              i % 97 == 5 ? i - 1 : i, colors[i % 13 == 12 ? 0 : i % 12],
                              i % 3 ? "\"A\"" : i % 7 ? "null" : "\"Z\"", i % 50 == 7 ? 3 : i, i % 3,
                              i % 11 == 0 ? -1 : i, i, i % 300, i % 29 == 0 ? "\\\"quoted\\\" \\u2603 and a long tail to span chunks" : "x");
    }
    jsonl_len = o;
    c += (size_t)snprintf(csv + c, cap - c, "id,color,code,tag,at,nums,extra,s\n");
    for (int i = 0; i < 300; i++)
        c += (size_t)snprintf(csv + c, cap - c, "%d,%s,\"%s\",C%d,2026-09-21T1%d:00:00Z,\"[1,\"\"x\"\",%d]\",\"e\"\"%d\",\"{\"\"j\"\":%d}\"\n",
                              i % 41 == 0 ? 0 : i + 1000, colors[i % 12], i % 5 ? "B" : "",
                              i % 20, i % 2, i, i, i % 200);
    csv_len = c;
}

/* The JSON Lines input in two partition streams merged into a third, which is then reset and
 * fed again; then a stream whose keys are checked in a window. */
static void parts_life(const dcc_validator *v, Text *out)
{
    char line[200];
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = on_violation;
    cb.userdata = out;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    o.callbacks = &cb;
    o.has_now = true;
    o.now = 1790000000;
    dcc_stream *into = NULL, *part[2] = {NULL, NULL};
    int rc = dcc_stream_open(v, &o, &into);
    o.partition = true;
    size_t half = jsonl_len / 2;
    while (jsonl[half - 1] != '\n')
        half++;
    uint64_t first_half = 0; /* records: every line of the input is one */
    for (size_t i = 0; i < half; i++)
        first_half += jsonl[i] == '\n';
    for (int i = 0; i < 2 && !rc; i++) {
        rc = dcc_stream_open(v, &o, &part[i]);
        if (!rc && i == 1)
            rc = dcc_stream_set_position(part[i], first_half + 1, half);
        for (size_t at = i ? half : 0, end = i ? jsonl_len : half; at < end && !rc; at += 211)
            rc = dcc_stream_feed(part[i], jsonl + at, end - at < 211 ? end - at : 211);
        if (!rc)
            rc = dcc_stream_finish(part[i]);
    }
    for (int i = 0; i < 2 && !rc; i++)
        rc = dcc_stream_merge(into, part[i]);
    if (!rc)
        rc = dcc_stream_finish(into);
    if (rc)
        assert_true(rc == DCC_ENOMEM || rc == DCC_EFAILED);
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    assert_int_equal(dcc_stream_get_stats(into, &st), into ? 0 : DCC_EINVAL);
    snprintf(line, sizeof line, "parts: %s; %llu records, %llu violations\n", dcc_strerror(rc),
             (unsigned long long)st.records, (unsigned long long)st.violations);
    put(out, line);
    /* reset clears a failure too: the stream takes input again */
    if (into && (rc = dcc_stream_reset(into)) == 0) {
        rc = dcc_stream_feed(into, jsonl, 400);
        if (!rc)
            rc = dcc_stream_finish(into);
        snprintf(line, sizeof line, "reset: %s\n", dcc_strerror(rc));
        put(out, line);
    }
    for (int i = 0; i < 2; i++)
        dcc_stream_free(part[i]);
    dcc_stream_free(into);

    o.partition = false;
    o.keys = DCC_KEYS_WINDOW;
    o.key_window = 250;
    dcc_stream *s = NULL;
    rc = dcc_stream_open(v, &o, &s);
    for (size_t at = 0; at < jsonl_len && !rc; at += 300)
        rc = dcc_stream_feed(s, jsonl + at, jsonl_len - at < 300 ? jsonl_len - at : 300);
    if (!rc)
        rc = dcc_stream_finish(s);
    snprintf(line, sizeof line, "window: %s\n", dcc_strerror(rc));
    put(out, line);
    dcc_stream_free(s);
}

/* The calls of one life, what each returned, and every finding. */
static void life(Text *out)
{
    char *err = NULL, line[200];
    dcc_validator *v = dcc_validator_new(&desc, &err);
    if (!v) {
        /* always a message, and it says what happened */
        snprintf(line, sizeof line, "validator: %s\n", err ? err : "(no message)");
        put(out, line);
        dcc_error_free(err);
        return;
    }
    for (int round = 0; round < 3; round++) {
        dcc_callbacks cb = DCC_CALLBACKS_INIT;
        cb.on_violation = on_violation;
        cb.userdata = out;
        dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
        o.callbacks = &cb;
        o.has_now = true;
        o.now = 1790000000;
        o.format = round == 1 ? DCC_FORMAT_CSV : DCC_FORMAT_JSONL;
        dcc_stream *s;
        int rc = dcc_stream_open(v, &o, &s);
        if (rc) {
            snprintf(line, sizeof line, "round %d: open: %s\n", round, dcc_strerror(rc));
            put(out, line);
            continue;
        }
        const char *in = round == 1 ? csv : jsonl;
        size_t n = round == 1 ? csv_len : jsonl_len;
        int first = 0;
        if (round == 2) { /* the struct path and whole records */
            for (size_t i = 0, start = 0; i < n && !first; i++)
                if (in[i] == '\n') {
                    first = dcc_validate_record(s, in + start, i + 1 - start);
                    start = i + 1;
                }
        } else {
            dcc_stream_expect(s, n);
            for (size_t i = 0; i < n && !first; i += 97)
                first = dcc_stream_feed(s, in + i, n - i < 97 ? n - i : 97);
            if (!first && round == 0)
                first = dcc_stream_next_input(s);
            if (!first && round == 0)
                first = dcc_stream_feed(s, in, 400);
        }
        int fin = dcc_stream_finish(s);
        if (first) {
            /* a failed stream says so from then on, with its cause */
            assert_int_equal(first, DCC_ENOMEM);
            assert_int_equal(fin, DCC_EFAILED);
            assert_int_equal(dcc_stream_feed(s, "{}\n", 3), DCC_EFAILED);
            assert_int_equal(dcc_stream_error(s), DCC_ENOMEM);
        } else if (fin) {
            assert_int_equal(fin, DCC_ENOMEM);
            assert_int_equal(dcc_stream_error(s), DCC_ENOMEM);
            assert_int_equal(dcc_stream_finish(s), DCC_EFAILED);
        }
        dcc_stream_stats st = DCC_STREAM_STATS_INIT;
        assert_int_equal(dcc_stream_get_stats(s, &st), 0);
        snprintf(line, sizeof line, "round %d: %s, %s; %llu records, %llu violations\n", round,
                 dcc_strerror(first), dcc_strerror(fin), (unsigned long long)st.records,
                 (unsigned long long)st.violations);
        put(out, line);
        dcc_stream_free(s);
    }
    parts_life(v, out);
    dcc_validator_free(v);
}

static void test_every_allocation_fails_in_turn(void **state)
{
    (void)state;
    make_inputs();
    Text base = {0};
    long live0 = live;
    allocs = 0;
    fail_at = 0;
    life(&base);
    long total = allocs;
    assert_int_equal(live, live0);
    assert_false(base.oom);
    assert_non_null(strstr(base.buf, "round 0: no error, no error; 603 records"));
    assert_non_null(strstr(base.buf, "DQ002"));
    assert_non_null(strstr(base.buf, "parts: no error; 600 records"));
    assert_non_null(strstr(base.buf, "reset: no error\n"));
    assert_non_null(strstr(base.buf, "window: no error\n"));
    assert_true(total > 50); /* the sweep reaches every kind of allocation */
    long failures_seen = 0;
    for (long k = 1; k <= total; k++) {
        Text t = {0};
        allocs = 0;
        fail_at = k;
        life(&t);
        fail_at = 0;
        if (live != live0)
            fail_msg("allocation %ld of %ld failing leaks %ld blocks", k, total, live - live0);
        assert_false(t.oom);
        bool failed = strstr(t.buf, "out of memory") != NULL;
        if (strstr(t.buf, "validator: ")) /* the only message a validator gives then */
            assert_non_null(strstr(t.buf, "validator: out of memory\n"));
        if (!failed && strcmp(t.buf, base.buf) != 0) /* a failure nobody reported changed a result */
            fail_msg("allocation %ld of %ld failing changed the report without saying so", k, total);
        failures_seen += failed;
        __real_free(t.buf);
    }
    /* most failures are reported (the rest hit hints whose failure only costs time) */
    assert_true(failures_seen > total / 2);
    print_message("%ld allocations, each failed in turn: %ld reported out of memory\n", total, failures_seen);
    __real_free(base.buf);
    __real_free(jsonl);
    __real_free(csv);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_allocation_fails_in_turn),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
