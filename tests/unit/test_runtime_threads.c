/* test_runtime_threads.c - one immutable validator shared by several threads, each with its own
 * stream, gives every thread exactly the result a single thread gets (dcc_rt.h's promise). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>

#include "dcc_rt.h"

static const char *const status_values[] = {"placed", "shipped"};
static const dcc_field_desc fields[] = {
    {.name = "id", .kind = DCC_INT64},
    {.name = "status", .kind = DCC_ENUM, .enum_values = status_values, .nenum_values = 2},
    {.name = "amount", .kind = DCC_DECIMAL, .precision = 8, .scale = 2, .range_lo = "0"},
    {.name = "at", .kind = DCC_TIMESTAMP},
    {.name = "note", .kind = DCC_STRING, .optional = true, .max_length = 5},
};
static const size_t pk[] = {0};
static const dcc_dataset_desc desc = {
    .abi = DCC_ABI_TAG, .name = "orders", .fields = fields, .nfields = 5, .primary_key = pk, .nprimary_key = 1,
};

#define NRECORDS 20000
#define NTHREADS 4

typedef struct {
    const dcc_validator *v;
    const char *input;
    size_t len;
    uint64_t counts[DCC_RULE_COUNT];
    dcc_stream_stats stats;
    uint64_t digest; /* of every violation, in order */
} Job;

static void on_violation(void *ud, const dcc_violation *v)
{
    Job *j = ud;
    /* FNV-1a over record, rule and path: the order and content of the reports */
    const char *p = v->field_path;
    uint64_t h = j->digest ^ (v->record * 31 + (uint64_t)v->rule);
    h *= 1099511628211ull;
    for (; *p; p++) h = (h ^ (unsigned char)*p) * 1099511628211ull;
    j->digest = h;
}

static void *work(void *arg)
{
    Job *j = arg;
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = on_violation;
    cb.userdata = j;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    o.callbacks = &cb;
    o.skip_quality = true;
    dcc_stream *s;
    if (dcc_stream_open(j->v, &o, &s) != 0) return NULL;
    /* uneven chunks, so threads interleave at different points of their inputs */
    size_t off = 0, step = 4093;
    while (off < j->len) {
        size_t n = j->len - off < step ? j->len - off : step;
        dcc_stream_feed(s, j->input + off, n);
        off += n;
    }
    dcc_stream_finish(s);
    for (int r = 0; r < DCC_RULE_COUNT; r++) j->counts[r] = dcc_stream_count(s, (dcc_rule)r);
    j->stats.size = sizeof j->stats;
    dcc_stream_get_stats(s, &j->stats);
    dcc_stream_free(s);
    return NULL;
}

static char *make_input(size_t *len)
{
    size_t cap = (size_t)NRECORDS * 128, n = 0;
    char *buf = malloc(cap);
    assert_non_null(buf);
    for (int i = 0; i < NRECORDS; i++) {
        /* every 7th record breaks a rule, every 11th repeats an id */
        int id = i % 11 == 10 ? i - 1 : i;
        const char *status = i % 7 == 3 ? "lost" : "placed";
        const char *amount = i % 7 == 5 ? "-1.00" : "12.50";
        n += (size_t)snprintf(buf + n, cap - n,
                              "{\"id\":%d,\"status\":\"%s\",\"amount\":%s,\"at\":\"2026-11-25T10:00:00Z\",\"note\":%s}\n",
                              id, status, amount, i % 13 == 0 ? "\"toolong\"" : "null");
    }
    *len = n;
    return buf;
}

static void test_shared_validator(void **state)
{
    (void)state;
    char *err = NULL;
    dcc_validator *v = dcc_validator_new(&desc, &err);
    assert_non_null(v);
    size_t len;
    char *input = make_input(&len);

    Job alone = {v, input, len, {0}, DCC_STREAM_STATS_INIT, 14695981039346656037ull};
    work(&alone);
    assert_int_equal(alone.stats.records, NRECORDS);
    assert_true(alone.stats.invalid > 0);
    assert_true(alone.counts[DCC_RULE_PRIMARY_KEY] > 0);
    assert_true(alone.counts[DCC_RULE_VALUES] > 0);
    assert_true(alone.counts[DCC_RULE_RANGE] > 0);
    assert_true(alone.counts[DCC_RULE_LENGTH] > 0);

    Job jobs[NTHREADS];
    pthread_t th[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) {
        jobs[t] = (Job){v, input, len, {0}, DCC_STREAM_STATS_INIT, 14695981039346656037ull};
        assert_int_equal(pthread_create(&th[t], NULL, work, &jobs[t]), 0);
    }
    for (int t = 0; t < NTHREADS; t++) assert_int_equal(pthread_join(th[t], NULL), 0);
    for (int t = 0; t < NTHREADS; t++) {
        assert_int_equal(jobs[t].stats.records, alone.stats.records);
        assert_int_equal(jobs[t].stats.invalid, alone.stats.invalid);
        assert_int_equal(jobs[t].stats.violations, alone.stats.violations);
        assert_memory_equal(jobs[t].counts, alone.counts, sizeof alone.counts);
        assert_true(jobs[t].digest == alone.digest);
    }
    free(input);
    dcc_validator_free(v);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_validator),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
