/* test_runtime_streams.c - what a long-running service needs of a stream (0.3): per-record
 * outcomes with their extent, a callback that stops the stream, dcc_stream_reset and
 * dcc_stream_set_position (Kafka-like logs), windowed and disabled key checks, no quality state
 * when quality is skipped, owned violation copies, and dcc_stream_merge refusing what it cannot
 * merge. (tests/c/parallel.sh checks what merged partitions report against dcc validate.) */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "dcc_rt_internal.h"
#include "stream_helpers.h"

/* id int32 (primary key), name string(5) unique, nums list<int32 range [0, 0]>? and a quality
 * rule `unique (name)`. */
static const dcc_field_desc zero_elem = {.kind = DCC_INT32, .range_lo = "0", .range_hi = "0"};
static const dcc_field_desc fields[] = {
    {.name = "id", .kind = DCC_INT32},
    {.name = "name", .kind = DCC_STRING, .max_length = 5, .optional = true, .unique = true},
    {.name = "nums", .kind = DCC_LIST, .elem = &zero_elem, .optional = true},
};
static const size_t pk[] = {0}, f_name[] = {1};
static const dcc_quality_desc quality[] = {{.kind = DCC_Q_UNIQUE, .fields = f_name, .nfields = 1}};
static const dcc_dataset_desc desc = {.abi = DCC_ABI_TAG, .name = "s", .fields = fields, .nfields = 3,
                                      .primary_key = pk, .nprimary_key = 1, .quality = quality,
                                      .nquality = 1};

typedef struct {
    TestText text;        /* violations and outcomes, one line each */
    uint64_t stop_at;     /* on_record returns 1 at this record */
    dcc_stream *s;        /* for calls from inside the callbacks */
    int inner[3];         /* what those calls returned */
    dcc_violation *kept;  /* a copy of the first violation */
} Log;

static void log_violation(void *ud, const dcc_violation *v)
{
    Log *l = ud;
    char line[400];
    snprintf(line, sizeof line, "v %llu@%llu %s %s\n", (unsigned long long)v->record,
             (unsigned long long)v->byte_offset, v->field_path, dcc_rule_code(v->rule));
    test_text_add(&l->text, line);
    if (!l->kept)
        l->kept = dcc_violation_copy(v);
}

static int log_record(void *ud, const dcc_record_outcome *r)
{
    Log *l = ud;
    char line[200];
    assert_int_equal(r->size, sizeof *r);
    snprintf(line, sizeof line, "r %llu@%llu+%llu %s %u %u%s\n", (unsigned long long)r->record,
             (unsigned long long)r->byte_offset, (unsigned long long)r->length,
             r->valid ? "valid" : "invalid", r->violations, r->reported, r->dropped ? " dropped" : "");
    test_text_add(&l->text, line);
    if (l->s) { /* the stream refuses to be changed from its own callback */
        l->inner[0] = dcc_stream_reset(l->s);
        l->inner[1] = dcc_stream_set_position(l->s, 1, 0);
        l->inner[2] = dcc_stream_merge(l->s, l->s);
    }
    return r->record == l->stop_at;
}

static dcc_stream *open_log(const dcc_validator *v, Log *l, dcc_stream_opts o)
{
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.userdata = l;
    cb.on_violation = log_violation;
    cb.on_record = log_record;
    o.size = sizeof o;
    o.callbacks = &cb;
    dcc_stream *s = NULL;
    assert_int_equal(dcc_stream_open(v, &o, &s), 0);
    return s;
}

static void test_outcomes(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&desc, NULL);
    assert_non_null(v);
    Log l = {0};
    test_text_add(&l.text, "");
    dcc_stream *s = open_log(v, &l, (dcc_stream_opts){.skip_quality = true});
    char big[400] = "{\"id\":4,\"nums\":[";
    for (int i = 0; i < 40; i++)
        strcat(big, i ? ",1" : "1");
    strcat(big, "]}\r\n");
    const char *r2 = "{\"id\":\"x\",\"name\":\"toolong\"}", *r3 = "{\"id\":";
    char in[800];
    snprintf(in, sizeof in, "{\"id\":1}\n%s\n  \n%s\n%s{\"id\":1}", r2, r3, big);
    assert_int_equal(dcc_stream_feed(s, in, strlen(in)), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    /* offsets and lengths from the input's own lines (the CRLF of record 4 not counted) */
    size_t off2 = 9, off3 = off2 + strlen(r2) + 1 + 3, off4 = off3 + strlen(r3) + 1,
           len4 = strlen(big) - 2, off5 = off4 + len4 + 2;
    /* the 32 reported violations of record 4 come before its outcome */
    char v4[32 * 40 + 1] = "";
    for (int i = 0; i < 32; i++) {
        char one[64];
        snprintf(one, sizeof one, "v 4@%zu nums[%d] DV016\n", off4, i);
        strcat(v4, one);
    }
    char full[3000];
    snprintf(full, sizeof full,
             "r 1@0+8 valid 0 0\n"
             "v 2@%zu id DV006\nv 2@%zu name DV013\nr 2@%zu+%zu invalid 2 2\n"
             "v 3@%zu  DV001\nr 3@%zu+%zu invalid 1 1\n"
             "%s"
             "r 4@%zu+%zu invalid 40 32 dropped\n"
             "v 5@%zu id DV017\nr 5@%zu+8 invalid 1 1\n",
             off2, off2, off2, strlen(r2), off3, off3, strlen(r3), v4, off4, len4, off5, off5);
    assert_string_equal(l.text.buf, full);
    /* an owned copy outlives its callback */
    assert_non_null(l.kept);
    assert_int_equal(l.kept->record, 2);
    assert_string_equal(l.kept->field_path, "id");
    assert_int_equal(l.kept->rule, DCC_RULE_TYPE);
    assert_true(strlen(l.kept->message) > 0);
    dcc_violation_free(l.kept);
    assert_null(dcc_violation_copy(NULL));
    dcc_violation_free(NULL);
    dcc_stream_free(s);
    free(l.text.buf);
    dcc_validator_free(v);
}

static void test_stop_reset_position(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&desc, NULL);
    assert_non_null(v);
    Log l = {0};
    test_text_add(&l.text, "");
    l.stop_at = 2;
    dcc_stream *s = open_log(v, &l, (dcc_stream_opts){0});
    l.s = s;
    const char *in = "{\"id\":1,\"name\":\"a\"}\n{\"id\":1,\"name\":\"a\"}\n{\"id\":\"x\"}\n";
    /* stopped after record 2: record 3 is not read, no quality rule is evaluated */
    assert_int_equal(dcc_stream_feed(s, in, strlen(in)), DCC_ESTOPPED);
    for (int i = 0; i < 3; i++)
        assert_int_equal(l.inner[i], DCC_EREENTRANT);
    l.s = NULL;
    assert_string_equal(l.text.buf, "r 1@0+19 valid 0 0\n"
                                    "v 2@20 id DV017\nv 2@20 name DV018\nr 2@20+19 invalid 2 2\n");
    assert_int_equal(test_stats(s).records, 2);
    assert_int_equal(dcc_stream_feed(s, "{}\n", 3), DCC_ESTOPPED);
    assert_int_equal(dcc_validate_record(s, "{}", 2), DCC_ESTOPPED);
    assert_int_equal(dcc_stream_finish(s), DCC_ESTOPPED);
    assert_int_equal(dcc_stream_error(s), 0); /* stopped, not failed */
    assert_int_equal(test_stats(s).records, 2);
    assert_string_equal(dcc_strerror(DCC_ESTOPPED), "stopped by the on_record callback");

    /* reset: as new, keys forgotten, numbering from 1 */
    assert_int_equal(dcc_stream_reset(s), 0);
    assert_int_equal(test_stats(s).records, 0);
    assert_int_equal(dcc_stream_count(s, DCC_RULE_PRIMARY_KEY), 0);
    l.text.len = 0;
    l.stop_at = 0;
    assert_int_equal(dcc_stream_feed(s, in, strlen(in)), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(l.text.buf, "r 1@0+19 valid 0 0\n"
                                    "v 2@20 id DV017\nv 2@20 name DV018\nr 2@20+19 invalid 2 2\n"
                                    "v 3@40 id DV006\nr 3@40+10 invalid 1 1\n"
                                    "v 0@0 name DQ005\n");
    assert_int_equal(dcc_stream_feed(s, "{}\n", 3), DCC_EFINISHED);

    /* a log of messages: record = message offset + 1, offsets of the log's bytes */
    assert_int_equal(dcc_stream_reset(s), 0);
    l.text.len = 0;
    assert_int_equal(dcc_stream_set_position(s, 0, 0), DCC_EINVAL);
    assert_int_equal(dcc_stream_set_position(s, 1001, 50000), 0);
    assert_int_equal(dcc_validate_record(s, "{\"id\":7}", 8), 0);
    assert_int_equal(dcc_stream_set_position(s, 1006, 50100), 0);
    assert_int_equal(dcc_validate_record(s, "{\"id\":7}\n", 9), 0);
    assert_int_equal(dcc_stream_feed(s, "{\"id\":", 6), 0); /* a record open: no new position */
    assert_int_equal(dcc_stream_set_position(s, 2000, 0), DCC_EINVAL);
    assert_int_equal(dcc_stream_feed(s, "8}\n", 3), 0);
    assert_string_equal(l.text.buf, "r 1001@50000+8 valid 0 0\n"
                                    "v 1006@50100 id DV017\nr 1006@50100+8 invalid 1 1\n"
                                    "r 1007@50109+8 valid 0 0\n");
    dcc_stream_free(s);
    assert_int_equal(dcc_stream_reset(NULL), DCC_EINVAL);
    assert_int_equal(dcc_stream_set_position(NULL, 1, 0), DCC_EINVAL);
    dcc_violation_free(l.kept);
    free(l.text.buf);
    dcc_validator_free(v);
}

/* Records with ids 0..n-1 then id `again` once more; the primary-key findings. */
static uint64_t dups_after(const dcc_validator *v, dcc_stream_opts o, int n, int again)
{
    dcc_stream *s = test_stream(v, o, NULL, NULL);
    char rec[64];
    for (int i = 0; i < n; i++) {
        int k = snprintf(rec, sizeof rec, "{\"id\":%d}\n", i);
        assert_int_equal(dcc_stream_feed(s, rec, (size_t)k), 0);
    }
    int k = snprintf(rec, sizeof rec, "{\"id\":%d}\n", again);
    assert_int_equal(dcc_stream_feed(s, rec, (size_t)k), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    uint64_t d = dcc_stream_count(s, DCC_RULE_PRIMARY_KEY);
    dcc_stream_free(s);
    return d;
}

static void test_key_modes(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&desc, NULL);
    assert_non_null(v);
    dcc_stream_opts w = {.keys = DCC_KEYS_WINDOW, .key_window = 10};
    /* within the window: found; beyond twice the window: forgotten */
    for (int back = 1; back <= 10; back++)
        assert_int_equal(dups_after(v, w, 100, 100 - back), 1);
    assert_int_equal(dups_after(v, w, 100, 100 - 21), 0);
    assert_int_equal(dups_after(v, (dcc_stream_opts){0}, 100, 0), 1);
    assert_int_equal(dups_after(v, (dcc_stream_opts){.keys = DCC_KEYS_OFF}, 100, 99), 0);
    /* a window keeps memory bounded: at most two windows of keys */
    dcc_stream *s = test_stream(v, w, NULL, NULL);
    char rec[64];
    for (int i = 0; i < 1000; i++) {
        int k = snprintf(rec, sizeof rec, "{\"id\":%d,\"name\":\"n%d\"}\n", i, i);
        assert_int_equal(dcc_stream_feed(s, rec, (size_t)k), 0);
        for (size_t j = 0; j < v->nkeys; j++)
            assert_true(s->sets[j].len + s->old_sets[j].len <= 20);
    }
    dcc_stream_free(s);
    dcc_stream *bad = NULL;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    o.keys = 3;
    assert_int_equal(dcc_stream_open(v, &o, &bad), DCC_EINVAL);
    o.keys = DCC_KEYS_WINDOW;
    o.partition = true; /* a window cannot be merged exactly */
    assert_int_equal(dcc_stream_open(v, &o, &bad), DCC_EINVAL);
    assert_null(bad);
    dcc_validator_free(v);
}

/* Findings of keys as "RECORD:LINE FIELD CODE FIRST_RECORD:FIRST_LINE/FIRST_INPUT MESSAGE". */
static void log_first(void *ud, const dcc_violation *v)
{
    char line[600];
    snprintf(line, sizeof line, "%llu:%llu %s %s %llu:%llu/%u %s\n", (unsigned long long)v->record,
             (unsigned long long)v->line, v->field_path, dcc_rule_code(v->rule),
             (unsigned long long)v->first_record, (unsigned long long)v->first_line, v->first_input,
             v->message);
    test_text_add(ud, line);
}

/* feeds text to s, which must take it */
static void feed_all(dcc_stream *s, const char *text)
{
    assert_int_equal(dcc_stream_feed(s, text, strlen(text)), 0);
}

/* Where a duplicate key was first seen; every expectation worked out by hand from the lines. */
static void test_first_seen(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&desc, NULL);
    assert_non_null(v);
    dcc_stream_opts plain = {.skip_quality = true};
    TestText t = {0};

    /* records on lines 1, 3 (a blank line before; CRLF ends it as one line), 4 and 7 (two
     * blank lines before): each duplicate names line 1, the first, not the one before it */
    dcc_stream *s = test_stream(v, plain, log_first, &t);
    feed_all(s, "{\"id\":1,\"name\":\"a\"}\n\n{\"id\":2}\r\n{\"id\":1,\"name\":\"b\"}\n \n\n{\"id\":1,\"name\":\"a\"}\n");
    /* a second input without a name: its lines count from 1 again */
    assert_int_equal(dcc_stream_next_input(s), 0);
    feed_all(s, "{\"id\":3}\n{\"id\":2}\n{\"id\":3}");
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(t.buf, "3:4 id DV017 1:1/0 primary key (id) already seen at line 1\n"
                               "4:7 id DV017 1:1/0 primary key (id) already seen at line 1\n"
                               "4:7 name DV018 1:1/0 unique key (name) already seen at line 1\n"
                               "2:2 id DV017 2:3/0 primary key (id) already seen at line 3 of input 1\n"
                               "3:3 id DV017 1:1/1 primary key (id) already seen at line 1\n");
    dcc_stream_free(s);

    /* named inputs: an earlier input is named as file:line (escaped as excerpts are) */
    t.len = 0;
    s = test_stream(v, plain, log_first, &t);
    assert_int_equal(dcc_stream_name_input(s, "a\n.jsonl"), 0);
    feed_all(s, "{\"id\":1}\n{\"id\":2}\n");
    assert_int_equal(dcc_stream_next_input(s), 0);
    assert_int_equal(dcc_stream_name_input(s, "b.jsonl"), 0);
    feed_all(s, "\n{\"id\":2}\n");
    assert_int_equal(dcc_stream_name_input(NULL, "x"), DCC_EINVAL);
    assert_int_equal(dcc_stream_name_input(s, NULL), DCC_EINVAL);
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(t.buf, "1:2 id DV017 2:2/0 primary key (id) already seen at a\\n.jsonl:2\n");
    dcc_stream_free(s);

    /* numbered from a position and a line (a log, a partition): the first place is numbered so */
    t.len = 0;
    s = test_stream(v, plain, log_first, &t);
    assert_int_equal(dcc_stream_set_line(s, 0), DCC_EINVAL);
    assert_int_equal(dcc_stream_set_position(s, 1001, 0), 0);
    assert_int_equal(dcc_stream_set_line(s, 50), 0);
    assert_int_equal(dcc_validate_record(s, "{\"id\":7}", 8), 0);
    feed_all(s, "{\"id\":");
    assert_int_equal(dcc_stream_set_line(s, 9), DCC_EINVAL); /* a record is open */
    feed_all(s, "7}\n");
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(t.buf, "1002:51 id DV017 1001:50/0 primary key (id) already seen at line 50\n");
    assert_int_equal(dcc_stream_set_line(NULL, 1), DCC_EINVAL);
    dcc_stream_free(s);

    /* a window of 3 records: ids 1 2 3 | 1 9 1 | 1 2 3 (a blank line after the first record).
     * Record 4 finds 1 in the window before (record 1); record 6 too, the earliest that the
     * windows hold, not record 4; after the window turns, record 7 finds record 4's 1 (record
     * 1 is forgotten), and 2 and 3 are forgotten. */
    t.len = 0;
    s = test_stream(v, (dcc_stream_opts){.skip_quality = true, .keys = DCC_KEYS_WINDOW, .key_window = 3},
                    log_first, &t);
    feed_all(s, "{\"id\":1}\n\n{\"id\":2}\n{\"id\":3}\n{\"id\":1}\n{\"id\":9}\n{\"id\":1}\n{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n");
    assert_int_equal(dcc_stream_finish(s), 0);
    assert_string_equal(t.buf, "4:5 id DV017 1:1/0 primary key (id) already seen at line 1\n"
                               "6:7 id DV017 1:1/0 primary key (id) already seen at line 1\n"
                               "7:8 id DV017 4:5/0 primary key (id) already seen at line 5\n");
    dcc_stream_free(s);

    /* a long windowed stream with a blank line after every record keeps the places of its
     * windows only */
    s = test_stream(v, (dcc_stream_opts){.skip_quality = true, .keys = DCC_KEYS_WINDOW, .key_window = 10},
                    NULL, NULL);
    char rec[64];
    for (int i = 0; i < 5000; i++) {
        int k = snprintf(rec, sizeof rec, "{\"id\":%d}\n\n", i % 5);
        assert_int_equal(dcc_stream_feed(s, rec, (size_t)k), 0);
        assert_true(s->nwhere - s->where_from <= 21);
        assert_true(s->where_cap <= 64);
    }
    assert_int_equal(dcc_stream_count(s, DCC_RULE_PRIMARY_KEY), 5000 - 5); /* 5 back: in the window */
    dcc_stream_free(s);
    free(t.buf);
    dcc_validator_free(v);
}

/* With quality skipped, nothing is kept for it: no set for `unique (name)`, no field counts. */
static void test_no_quality_state(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&desc, NULL);
    assert_non_null(v);
    for (int skip = 0; skip < 2; skip++) {
        dcc_stream *s = test_stream(v, (dcc_stream_opts){.skip_quality = skip}, NULL, NULL);
        char rec[64];
        for (int i = 0; i < 100; i++) {
            int k = snprintf(rec, sizeof rec, "{\"id\":%d,\"name\":\"n%d\"}\n", i, i);
            assert_int_equal(dcc_stream_feed(s, rec, (size_t)k), 0);
        }
        size_t quality_keys = 0;
        for (size_t j = 0; j < v->nkeys; j++)
            if (v->keys[j].kind == KEY_QUALITY)
                quality_keys += s->sets[j].len;
        assert_int_equal(quality_keys, skip ? 0 : 100);
        assert_int_equal(s->fstats[1].nulls + s->fstats[1].valid, skip ? 0 : 100);
        dcc_stream_free(s);
    }
    dcc_validator_free(v);
}

static void test_merge_refusals(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&desc, NULL), *v2 = dcc_validator_new(&desc, NULL);
    assert_non_null(v);
    assert_non_null(v2);
    dcc_stream *into = test_stream(v, (dcc_stream_opts){0}, NULL, NULL);
    dcc_stream *part = test_stream(v, (dcc_stream_opts){.partition = true}, NULL, NULL);
    dcc_stream *other = test_stream(v2, (dcc_stream_opts){.partition = true}, NULL, NULL);
    dcc_stream *plain = test_stream(v, (dcc_stream_opts){0}, NULL, NULL);
    assert_int_equal(dcc_stream_set_position(part, 5, 100), 0);
    assert_int_equal(dcc_stream_feed(part, "{\"id\":1}\n", 9), 0);
    assert_int_equal(dcc_stream_merge(into, part), DCC_EINVAL); /* not finished */
    assert_int_equal(dcc_stream_finish(part), 0);
    assert_int_equal(dcc_stream_finish(other), 0);
    assert_int_equal(dcc_stream_finish(plain), 0);
    assert_int_equal(dcc_stream_merge(into, NULL), DCC_EINVAL);
    assert_int_equal(dcc_stream_merge(NULL, part), DCC_EINVAL);
    assert_int_equal(dcc_stream_merge(into, other), DCC_EINVAL); /* another validator */
    assert_int_equal(dcc_stream_merge(into, plain), DCC_EINVAL); /* not a partition */
    assert_int_equal(dcc_stream_merge(part, part), DCC_EFINISHED); /* into must take records */
    assert_int_equal(dcc_stream_feed(into, "{\"id\":1}\n{\"id\":2}\n{\"id\":3}\n{\"id\":4}\n{\"id\":5}\n", 45), 0);
    assert_int_equal(dcc_stream_merge(into, part), DCC_EINVAL); /* record 5 was merged already */
    assert_int_equal(dcc_stream_reset(into), 0);
    assert_int_equal(dcc_stream_feed(into, "{\"id\":1}\n", 9), 0);
    assert_int_equal(dcc_stream_merge(into, part), 0); /* its id 1 repeats record 1's */
    assert_int_equal(dcc_stream_count(into, DCC_RULE_PRIMARY_KEY), 1);
    dcc_stream_stats st = test_stats(into);
    assert_int_equal(st.records, 2);
    assert_int_equal(st.valid, 1);
    assert_int_equal(st.invalid, 1);
    assert_int_equal(dcc_stream_finish(into), 0);
    assert_int_equal(dcc_stream_merge(into, part), DCC_EFINISHED);
    dcc_stream_free(into);
    dcc_stream_free(part);
    dcc_stream_free(other);
    dcc_stream_free(plain);
    dcc_validator_free(v);
    dcc_validator_free(v2);
}

/* The text helpers of the struct binding against libc's gmtime_r and printf (independent
 * oracles), and their texts read back by the validator's own parser. */
/* dcc_stream_csv_header (0.4): the header of a CSV part, mapped but neither reported nor counted;
 * refused where it cannot mean that. */
static void test_csv_header(void **state)
{
    (void)state;
    dcc_validator *v = dcc_validator_new(&desc, NULL);
    assert_non_null(v);
    const dcc_stream_opts csv = {.format = DCC_FORMAT_CSV, .skip_quality = true};
    /* columns in another order than declared, one named twice (a header finding) */
    const char *head = "\xEF\xBB\xBFname,id,id\r\n";
    Log l = {0};
    test_text_add(&l.text, "");
    dcc_stream_opts part = csv;
    part.partition = true; /* as a part after the first: its columns are the merge's to judge */
    dcc_stream *s = open_log(v, &l, part);
    assert_int_equal(dcc_stream_csv_header(s, head, strlen(head)), 0);
    assert_int_equal(dcc_stream_set_position(s, 7, 100), 0);
    assert_int_equal(dcc_stream_feed(s, "toolong,x,1\n", 12), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    /* the row is read as name,id: its findings only; the header's "named twice" is not there */
    assert_string_equal(l.text.buf, "v 7@100 name DV013\nv 7@100 id DV006\nr 7@100+11 invalid 2 2\n");
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    assert_int_equal(dcc_stream_get_stats(s, &st), 0);
    assert_int_equal(st.records, 1);
    assert_int_equal(st.violations, 2);
    dcc_stream_free(s);
    /* the same header read as input is reported */
    free(l.text.buf);
    dcc_violation_free(l.kept); /* log_violation keeps a copy of the first */
    memset(&l, 0, sizeof l);
    test_text_add(&l.text, "");
    s = open_log(v, &l, csv);
    assert_int_equal(dcc_stream_feed(s, head, strlen(head)), 0);
    assert_non_null(strstr(l.text.buf, "v 0@3 id DV001"));
    dcc_stream_free(s);
    free(l.text.buf);
    dcc_violation_free(l.kept);
    /* refused: not CSV, no header expected, after the first row, two rows, too long, NULL */
    s = test_stream(v, (dcc_stream_opts){.skip_quality = true}, NULL, NULL);
    assert_int_equal(dcc_stream_csv_header(s, "id", 2), DCC_EINVAL);
    dcc_stream_free(s);
    s = test_stream(v, (dcc_stream_opts){.format = DCC_FORMAT_CSV, .csv_no_header = true}, NULL, NULL);
    assert_int_equal(dcc_stream_csv_header(s, "id", 2), DCC_EINVAL);
    dcc_stream_free(s);
    s = test_stream(v, (dcc_stream_opts){.format = DCC_FORMAT_CSV, .max_record_bytes = 8}, NULL, NULL);
    assert_int_equal(dcc_stream_csv_header(s, "id,name,x", 9), DCC_EINVAL);
    assert_int_equal(dcc_stream_csv_header(s, "id\n1", 4), DCC_EINVAL);
    assert_int_equal(dcc_stream_csv_header(s, NULL, 1), DCC_EINVAL);
    assert_int_equal(dcc_stream_csv_header(NULL, "id", 2), DCC_EINVAL);
    assert_int_equal(dcc_stream_csv_header(s, "\"i\nd\"", 5), 0); /* a line break inside quotes */
    assert_int_equal(dcc_stream_csv_header(s, "id", 2), DCC_EINVAL); /* it has its header */
    dcc_stream_free(s);
    s = test_stream(v, csv, NULL, NULL);
    assert_int_equal(dcc_stream_feed(s, "id\n1\n", 5), 0);
    assert_int_equal(dcc_stream_csv_header(s, "id", 2), DCC_EINVAL);
    dcc_stream_free(s);
    dcc_validator_free(v);
}

static void test_text_helpers(void **state)
{
    (void)state;
    char buf[DCC_TEXT_MAX], want[64];
    static const int64_t secs[] = {0, -1, 86399, 86400, 951782400 /* 2000-02-29 */, 1795003200,
                                   -62167219200 /* 0000-01-01 */, 253402300799 /* 9999-12-31T23:59:59 */,
                                   -2208988800, 4102444800, 1234567890};
    for (size_t i = 0; i < sizeof secs / sizeof secs[0]; i++) {
        time_t t = (time_t)secs[i];
        struct tm tm;
        assert_non_null(gmtime_r(&t, &tm));
        snprintf(want, sizeof want, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                 tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
        dcc_str s = dcc_timestamp_text(buf, secs[i], 0);
        assert_string_equal(s.ptr, want);
        assert_int_equal(s.len, strlen(want));
        int64_t back;
        int32_t ns;
        assert_int_equal(dcc_temporal_parse(DCC_TIMESTAMP, s.ptr, s.len, &back, &ns, NULL), DCC_TEMPORAL_OK);
        assert_int_equal(back, secs[i]);
        int64_t days = secs[i] >= 0 ? secs[i] / 86400 : -((-secs[i] + 86399) / 86400);
        want[10] = '\0';
        assert_string_equal(dcc_date_text(buf, days).ptr, want);
    }
    assert_string_equal(dcc_timestamp_text(buf, 1795003200, 500000000).ptr, "2026-11-18T12:00:00.5Z");
    assert_string_equal(dcc_timestamp_text(buf, 0, 1).ptr, "1970-01-01T00:00:00.000000001Z");
    assert_int_equal(dcc_timestamp_text(buf, 253402300800, 0).len, 0); /* year 10000 */
    assert_int_equal(dcc_timestamp_text(buf, -62167219201, 0).len, 0); /* year -1 */
    assert_int_equal(dcc_timestamp_text(buf, 0, 1000000000).len, 0);
    assert_string_equal(dcc_time_text(buf, 49500, 0).ptr, "13:45:00");
    assert_string_equal(dcc_time_text(buf, 86399, 250).ptr, "23:59:59.00000025");
    assert_int_equal(dcc_time_text(buf, 86400, 0).len, 0);
    static const struct { int64_t u; int scale; const char *want; } dec[] = {
        {1250, 2, "12.50"}, {-5, 3, "-0.005"}, {0, 0, "0"}, {0, 2, "0.00"}, {7, 0, "7"},
        {INT64_MIN, 4, "-922337203685477.5808"}, {INT64_MAX, 20, "0.09223372036854775807"},
    };
    for (size_t i = 0; i < sizeof dec / sizeof dec[0]; i++) {
        dcc_str s = dcc_decimal_text(buf, dec[i].u, dec[i].scale);
        assert_string_equal(s.ptr, dec[i].want);
        assert_int_equal(s.len, strlen(dec[i].want));
        /* and printf's rounding of the same value, where a double is close enough */
        if (dec[i].u > -1000000 && dec[i].u < 1000000) {
            double d = (double)dec[i].u;
            for (int k = 0; k < dec[i].scale; k++)
                d /= 10;
            snprintf(want, sizeof want, "%.*f", dec[i].scale, d);
            assert_string_equal(s.ptr, want);
        }
    }
    assert_int_equal(dcc_decimal_text(buf, 1, 39).len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outcomes),
        cmocka_unit_test(test_stop_reset_position),
        cmocka_unit_test(test_key_modes),
        cmocka_unit_test(test_first_seen),
        cmocka_unit_test(test_no_quality_state),
        cmocka_unit_test(test_merge_refusals),
        cmocka_unit_test(test_csv_header),
        cmocka_unit_test(test_text_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
