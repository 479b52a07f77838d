/* test_quality.c - quality thresholds are exact decimals: every operator at, just under and just
 * over its threshold, for rates, row counts and freshness (fractional seconds, --now at the
 * epoch). Each row's verdict is reasoned by hand from the numbers in it (the comment says how),
 * never taken from the program's output. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "dcc_rt.h"
#include "stream_helpers.h"

typedef struct {
    unsigned findings;
    char last[400];
} Seen;

/* Counts the quality findings (the records' own are the input's design, not the verdict). */
static void on_violation(void *ud, const dcc_violation *v)
{
    Seen *s = ud;
    if (v->rule < DCC_RULE_Q_ROW_COUNT)
        return;
    s->findings++;
    snprintf(s->last, sizeof s->last, "%s: %s", dcc_rule_code(v->rule), v->message);
}

/* Does the one rule q hold over `in`, with now given? */
static bool holds(const dcc_quality_desc *q, dcc_kind kind, const char *in, size_t n, int64_t now,
                  int32_t now_nanos, char *msg)
{
    static const size_t f0[] = {0};
    dcc_quality_desc qq = *q;
    if (qq.kind != DCC_Q_ROW_COUNT) {
        qq.fields = f0;
        qq.nfields = 1;
    }
    const dcc_field_desc f[] = {{.name = "x", .kind = kind, .optional = true}};
    dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "q", .fields = f, .nfields = 1, .quality = &qq,
                          .nquality = 1};
    char *err = NULL;
    dcc_validator *v = dcc_validator_new(&d, &err);
    if (!v)
        fail_msg("%s", err);
    Seen seen = {0, ""};
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.has_now = true, .now = now, .now_nanos = now_nanos},
                                on_violation, &seen);
    assert_int_equal(dcc_stream_feed(s, in, n), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_free(s);
    dcc_validator_free(v);
    if (msg)
        strcpy(msg, seen.last);
    return seen.findings == 0;
}

/* n records of an optional int32 x: the first c are `first` (null, or a valid 1), the rest `rest`
 * (1, or "a": not an int32, so x is invalid there). */
static char *records(unsigned n, unsigned c, const char *first, const char *rest, size_t *len)
{
    char *b = malloc((size_t)n * 16 + 1);
    assert_non_null(b);
    size_t o = 0;
    for (unsigned i = 0; i < n; i++)
        o += (size_t)sprintf(b + o, "{\"x\":%s}\n", i < c ? first : rest);
    *len = o;
    return b;
}

typedef struct {
    dcc_quality_kind kind;
    dcc_cmp_op op;
    const char *threshold;
    unsigned n, c; /* c of n records are null (null_rate) or valid (valid_rate) */
    bool want;
} RateCase;

static void test_rates(void **state)
{
    (void)state;
    static const RateCase cases[] = {
        /* 999 of 1000 valid is 99.9% exactly: 999 * 100 = 99900 = 99.9 * 1000 */
        {DCC_Q_VALID_RATE, DCC_OP_GE, "99.9", 1000, 999, true},
        {DCC_Q_VALID_RATE, DCC_OP_GE, "99.9", 1000, 998, false},  /* 99.8 */
        {DCC_Q_VALID_RATE, DCC_OP_GE, "99.9", 1000, 1000, true},  /* 100 */
        {DCC_Q_VALID_RATE, DCC_OP_GT, "99.9", 1000, 999, false},
        {DCC_Q_VALID_RATE, DCC_OP_GT, "99.9", 1000, 1000, true},
        {DCC_Q_VALID_RATE, DCC_OP_LE, "99.9", 1000, 999, true},
        {DCC_Q_VALID_RATE, DCC_OP_LE, "99.9", 1000, 1000, false},
        {DCC_Q_VALID_RATE, DCC_OP_LT, "99.9", 1000, 999, false},
        {DCC_Q_VALID_RATE, DCC_OP_LT, "99.9", 1000, 998, true},
        {DCC_Q_VALID_RATE, DCC_OP_EQ, "99.9", 1000, 999, true},
        {DCC_Q_VALID_RATE, DCC_OP_EQ, "99.9", 1000, 998, false},
        {DCC_Q_VALID_RATE, DCC_OP_EQ, "99.9", 1000, 1000, false},
        {DCC_Q_VALID_RATE, DCC_OP_NE, "99.9", 1000, 999, false}, /* 99.9 exactly */
        {DCC_Q_VALID_RATE, DCC_OP_NE, "99.90", 1000, 999, false}, /* the same decimal */
        {DCC_Q_VALID_RATE, DCC_OP_NE, "99.9", 1000, 998, true},
        {DCC_Q_NULL_RATE, DCC_OP_NE, "33.3333", 3, 1, true},     /* 33.333...% is not 33.3333% */
        {DCC_Q_VALID_RATE, DCC_OP_EQ, "99.90", 1000, 999, true},  /* the same decimal */
        /* 9 of 1000 null is 0.9% exactly: 900 = 0.9 * 1000 */
        {DCC_Q_NULL_RATE, DCC_OP_LT, "0.9", 1000, 9, false},
        {DCC_Q_NULL_RATE, DCC_OP_LT, "0.9", 1000, 8, true},       /* 0.8 */
        {DCC_Q_NULL_RATE, DCC_OP_LT, "0.9", 1000, 10, false},     /* 1.0 */
        {DCC_Q_NULL_RATE, DCC_OP_LE, "0.9", 1000, 9, true},
        {DCC_Q_NULL_RATE, DCC_OP_LE, "0.9", 1000, 10, false},
        {DCC_Q_NULL_RATE, DCC_OP_GT, "0.9", 1000, 9, false},
        {DCC_Q_NULL_RATE, DCC_OP_GT, "0.9", 1000, 10, true},
        {DCC_Q_NULL_RATE, DCC_OP_GE, "0.9", 1000, 9, true},
        {DCC_Q_NULL_RATE, DCC_OP_GE, "0.9", 1000, 8, false},
        {DCC_Q_NULL_RATE, DCC_OP_EQ, "0.9", 1000, 9, true},
        {DCC_Q_NULL_RATE, DCC_OP_EQ, "0.9", 1000, 8, false},
        /* 1 of 3 is 33.333...%: above 33.3333 and above any finite run of 3s */
        {DCC_Q_NULL_RATE, DCC_OP_LT, "33.3333", 3, 1, false},
        {DCC_Q_NULL_RATE, DCC_OP_GT, "33.3333", 3, 1, true},
        {DCC_Q_NULL_RATE, DCC_OP_EQ, "33.3333", 3, 1, false},
        {DCC_Q_NULL_RATE, DCC_OP_GT, "33.33333333333333333333333333333", 3, 1, true},
        {DCC_Q_NULL_RATE, DCC_OP_LT, "33.33333333333333333333333333334", 3, 1, true},
        /* 2 of 3 is 66.666...%: below 66.67 */
        {DCC_Q_VALID_RATE, DCC_OP_LT, "66.67", 3, 2, true},
        {DCC_Q_VALID_RATE, DCC_OP_GE, "66.67", 3, 2, false},
        /* 1 of 1024 is 0.09765625% exactly (100 / 1024) */
        {DCC_Q_NULL_RATE, DCC_OP_EQ, "0.09765625", 1024, 1, true},
        {DCC_Q_NULL_RATE, DCC_OP_EQ, "0.0976562", 1024, 1, false},
        {DCC_Q_NULL_RATE, DCC_OP_LE, "0.09765625", 1024, 1, true},
        {DCC_Q_NULL_RATE, DCC_OP_LT, "0.09765625", 1024, 1, false},
        {DCC_Q_NULL_RATE, DCC_OP_GT, "0.09765624", 1024, 1, true},
        /* the ends */
        {DCC_Q_NULL_RATE, DCC_OP_EQ, "0", 10, 0, true},
        {DCC_Q_NULL_RATE, DCC_OP_EQ, "100", 10, 10, true},
        {DCC_Q_VALID_RATE, DCC_OP_GE, "100", 10, 10, true},
        {DCC_Q_VALID_RATE, DCC_OP_GE, "100", 10, 9, false},
        {DCC_Q_VALID_RATE, DCC_OP_GE, "1e2", 10, 10, true},       /* 100, written otherwise */
        /* no records: nothing is null, everything valid */
        {DCC_Q_NULL_RATE, DCC_OP_EQ, "0", 0, 0, true},
        {DCC_Q_VALID_RATE, DCC_OP_EQ, "100", 0, 0, true},
        {DCC_Q_VALID_RATE, DCC_OP_LT, "100", 0, 0, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const RateCase *k = &cases[i];
        size_t len;
        char *in = k->kind == DCC_Q_NULL_RATE ? records(k->n, k->c, "null", "1", &len)
                                              : records(k->n, k->c, "1", "\"a\"", &len);
        dcc_quality_desc q = {.kind = k->kind, .op = k->op, .threshold = k->threshold, .unit = "%"};
        char msg[400];
        bool got = holds(&q, DCC_INT32, in, len, 0, 0, msg);
        if (got != k->want)
            fail_msg("case %zu (%u of %u, op %d, %s%%): %s, want %s (%s)", i, k->c, k->n, (int)k->op,
                     k->threshold, got ? "holds" : "fails", k->want ? "holds" : "fails", msg);
        free(in);
    }
}

/* duplicate_rate: n records of x, c of them repeating the first one's value (x = 0), the others
 * distinct (and a null, which repeats nothing, last when nulls is set); the rate's denominator is
 * every record, the null's too. */
static void test_duplicate_rate(void **state)
{
    (void)state;
    static const struct {
        dcc_cmp_op op;
        const char *threshold;
        unsigned n, c;
        bool nulls, want;
    } cases[] = {
        {DCC_OP_LE, "25", 4, 1, false, true},  /* 25% */
        {DCC_OP_LT, "25", 4, 1, false, false},
        {DCC_OP_LT, "25", 8, 1, true, true},   /* 12.5%: the null counts in the 8 */
        {DCC_OP_EQ, "12.5", 8, 1, true, true},
        {DCC_OP_GT, "33.333", 3, 1, false, true}, /* 33.333...% */
        {DCC_OP_LT, "33.334", 3, 1, false, true},
        {DCC_OP_EQ, "33.333", 3, 1, false, false},
        {DCC_OP_EQ, "0", 5, 0, true, true},
        {DCC_OP_EQ, "0", 0, 0, false, true},   /* no record: 0% */
        {DCC_OP_GT, "0", 0, 0, false, false},
        {DCC_OP_GE, "99.9", 1000, 999, false, true},
        {DCC_OP_GE, "99.9", 1000, 998, false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *in = malloc((size_t)cases[i].n * 24 + 1);
        assert_non_null(in);
        size_t len = 0;
        for (unsigned r = 0; r < cases[i].n; r++) {
            if (cases[i].nulls && r == cases[i].n - 1)
                len += (size_t)sprintf(in + len, "{\"x\":null}\n");
            else
                len += (size_t)sprintf(in + len, "{\"x\":%u}\n", r <= cases[i].c ? 0 : r);
        }
        dcc_quality_desc q = {.kind = DCC_Q_DUPLICATE_RATE, .op = cases[i].op, .threshold = cases[i].threshold, .unit = "%"};
        char msg[400];
        bool got = holds(&q, DCC_INT32, in, len, 0, 0, msg);
        if (got != cases[i].want)
            fail_msg("case %zu (%u of %u, op %d, %s%%): %s, want %s (%s)", i, cases[i].c, cases[i].n, (int)cases[i].op,
                     cases[i].threshold, got ? "holds" : "fails", cases[i].want ? "holds" : "fails", msg);
        free(in);
    }
    size_t len;
    char msg[400];
    char *in = records(4, 4, "7", "7", &len); /* 3 of 4 repeat */
    dcc_quality_desc q = {.kind = DCC_Q_DUPLICATE_RATE, .op = DCC_OP_LE, .threshold = "50", .unit = "%"};
    assert_false(holds(&q, DCC_INT32, in, len, 0, 0, msg));
    assert_string_equal(msg, "DQ005: duplicate_rate(x) is 75% (3 of 4 records), expected <= 50%");
    free(in);
}

/* missing_count and missing_rate over the runtime alone: null, absent and each listed value count,
 * compared as the field's kind (1.0 is 1 in a number, "1" is not 1 in a string), at, under and
 * over the bound, and no record (0 missing, 0%). */
static void test_missing(void **state)
{
    (void)state;
    static const char *const nums[] = {"-1", "0.0", NULL};
    static const char *const strs[] = {"", "n/a", NULL};
    static const char *const bools[] = {"false", NULL};
    static const struct {
        dcc_kind kind;
        const char *const *values;
        const char *in;
        dcc_quality_kind qk;
        dcc_cmp_op op;
        const char *threshold;
        bool want;
    } cases[] = {
        /* -1, 0 (as 0.0), null and absent: 4 of 6 */
        {DCC_INT32, nums, "{\"x\":-1}\n{\"x\":0}\n{\"x\":null}\n{}\n{\"x\":1}\n{\"x\":-1.5}\n", DCC_Q_MISSING_COUNT, DCC_OP_EQ, "4", true},
        {DCC_INT32, nums, "{\"x\":-1}\n{\"x\":0}\n{\"x\":null}\n{}\n{\"x\":1}\n{\"x\":-1.5}\n", DCC_Q_MISSING_COUNT, DCC_OP_LT, "4", false},
        {DCC_INT32, nums, "{\"x\":-1}\n{\"x\":0}\n{\"x\":null}\n{}\n{\"x\":1}\n{\"x\":-1.5}\n", DCC_Q_MISSING_COUNT, DCC_OP_GT, "3", true},
        {DCC_FLOAT64, nums, "{\"x\":-1.00}\n{\"x\":0e5}\n{\"x\":2}\n{\"x\":3}\n", DCC_Q_MISSING_RATE, DCC_OP_EQ, "50", true},
        {DCC_FLOAT64, nums, "{\"x\":-1.00}\n{\"x\":0e5}\n{\"x\":2}\n{\"x\":3}\n", DCC_Q_MISSING_RATE, DCC_OP_LT, "50", false},
        {DCC_FLOAT64, nums, "{\"x\":-1.00}\n{\"x\":0e5}\n{\"x\":2}\n{\"x\":3}\n", DCC_Q_MISSING_RATE, DCC_OP_LE, "50", true},
        /* text as written: "N/A" and " " are not "n/a" and ""; the number -1 in a string field is
         * not the text "-1" (it is no string at all) */
        {DCC_STRING, strs, "{\"x\":\"\"}\n{\"x\":\"n\\/a\"}\n{\"x\":\"N/A\"}\n{\"x\":\" \"}\n", DCC_Q_MISSING_COUNT, DCC_OP_EQ, "2", true},
        {DCC_STRING, nums, "{\"x\":\"-1\"}\n{\"x\":-1}\n{\"x\":\"0\"}\n", DCC_Q_MISSING_COUNT, DCC_OP_EQ, "1", true},
        {DCC_BOOLEAN, bools, "{\"x\":false}\n{\"x\":true}\n{\"x\":\"false\"}\n{\"x\":null}\n", DCC_Q_MISSING_RATE, DCC_OP_EQ, "50", true},
        /* an object or array after a listed value is not that value again (no scalar was read) */
        {DCC_STRING, strs, "{\"x\":\"n/a\"}\n{\"x\":{\"a\":1}}\n{\"x\":[\"\"]}\n", DCC_Q_MISSING_COUNT, DCC_OP_EQ, "1", true},
        /* no record: nothing is missing */
        {DCC_STRING, strs, "", DCC_Q_MISSING_COUNT, DCC_OP_EQ, "0", true},
        {DCC_STRING, strs, "", DCC_Q_MISSING_RATE, DCC_OP_EQ, "0", true},
        {DCC_STRING, strs, "", DCC_Q_MISSING_RATE, DCC_OP_GT, "0", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dcc_quality_desc q = {.kind = cases[i].qk, .op = cases[i].op, .threshold = cases[i].threshold,
                              .unit = cases[i].qk == DCC_Q_MISSING_RATE ? "%" : NULL, .values = cases[i].values};
        char msg[400];
        bool got = holds(&q, cases[i].kind, cases[i].in, strlen(cases[i].in), 0, 0, msg);
        if (got != cases[i].want)
            fail_msg("case %zu: %s, want %s (%s)", i, got ? "holds" : "fails", cases[i].want ? "holds" : "fails", msg);
    }
    char msg[400];
    const char *in = "{\"x\":\"\"}\n{\"x\":\"a\"}\n{}\n";
    dcc_quality_desc q = {.kind = DCC_Q_MISSING_RATE, .op = DCC_OP_LE, .threshold = "50", .unit = "%", .values = strs};
    assert_false(holds(&q, DCC_STRING, in, strlen(in), 0, 0, msg));
    assert_string_equal(msg, "DQ002: missing_rate is 66.66% (2 of 3 records), expected <= 50%");
    q = (dcc_quality_desc){.kind = DCC_Q_MISSING_COUNT, .op = DCC_OP_LT, .threshold = "2", .values = strs};
    assert_false(holds(&q, DCC_STRING, in, strlen(in), 0, 0, msg));
    assert_string_equal(msg, "DQ002: missing_count is 2 (of 3 records), expected < 2");
}

/* invalid_count and invalid_rate with valid values: the records whose value is not listed,
 * compared as missing_count compares; null and absent are invalid unless values_null says the
 * list held null */
static void test_notin(void **state)
{
    (void)state;
    static const char *const nums[] = {"-1", "0.0", NULL};
    static const char *const strs[] = {"", "n/a", NULL};
    static const char *const bools[] = {"true", NULL};
    static const char *const none[] = {NULL};
    static const struct {
        dcc_kind kind;
        const char *const *values;
        bool null_ok;
        const char *in;
        dcc_quality_kind qk;
        dcc_cmp_op op;
        const char *threshold;
        bool want;
    } cases[] = {
        /* 1, null, absent and -1.5 are not -1 or 0: 4 of 6; with null valid, 2 of 6 */
        {DCC_INT32, nums, false, "{\"x\":-1}\n{\"x\":0}\n{\"x\":null}\n{}\n{\"x\":1}\n{\"x\":-1.5}\n", DCC_Q_NOTIN_COUNT, DCC_OP_EQ, "4", true},
        {DCC_INT32, nums, false, "{\"x\":-1}\n{\"x\":0}\n{\"x\":null}\n{}\n{\"x\":1}\n{\"x\":-1.5}\n", DCC_Q_NOTIN_COUNT, DCC_OP_LT, "4", false},
        {DCC_INT32, nums, true, "{\"x\":-1}\n{\"x\":0}\n{\"x\":null}\n{}\n{\"x\":1}\n{\"x\":-1.5}\n", DCC_Q_NOTIN_COUNT, DCC_OP_EQ, "2", true},
        {DCC_INT32, nums, true, "{\"x\":-1}\n{\"x\":0}\n{\"x\":null}\n{}\n{\"x\":1}\n{\"x\":-1.5}\n", DCC_Q_NOTIN_COUNT, DCC_OP_GT, "2", false},
        /* -1.00 and 0e5 are listed by value: 2 of 4 */
        {DCC_FLOAT64, nums, false, "{\"x\":-1.00}\n{\"x\":0e5}\n{\"x\":2}\n{\"x\":3}\n", DCC_Q_NOTIN_RATE, DCC_OP_EQ, "50", true},
        {DCC_FLOAT64, nums, false, "{\"x\":-1.00}\n{\"x\":0e5}\n{\"x\":2}\n{\"x\":3}\n", DCC_Q_NOTIN_RATE, DCC_OP_LT, "50", false},
        /* text as written: "N/A" and " " are invalid; a number in a string field is never listed */
        {DCC_STRING, strs, false, "{\"x\":\"\"}\n{\"x\":\"n\\/a\"}\n{\"x\":\"N/A\"}\n{\"x\":\" \"}\n", DCC_Q_NOTIN_COUNT, DCC_OP_EQ, "2", true},
        {DCC_STRING, nums, false, "{\"x\":\"-1\"}\n{\"x\":-1}\n{\"x\":\"0\"}\n", DCC_Q_NOTIN_COUNT, DCC_OP_EQ, "2", true},
        /* a boolean: false, the string "true" and null are invalid */
        {DCC_BOOLEAN, bools, false, "{\"x\":false}\n{\"x\":true}\n{\"x\":\"true\"}\n{\"x\":null}\n", DCC_Q_NOTIN_RATE, DCC_OP_EQ, "75", true},
        {DCC_BOOLEAN, bools, true, "{\"x\":false}\n{\"x\":true}\n{\"x\":\"true\"}\n{\"x\":null}\n", DCC_Q_NOTIN_RATE, DCC_OP_EQ, "50", true},
        /* only null valid (an empty list): every present value is invalid */
        {DCC_STRING, none, true, "{\"x\":\"a\"}\n{}\n{\"x\":null}\n", DCC_Q_NOTIN_COUNT, DCC_OP_EQ, "1", true},
        /* an object or array after a listed value is not that value again */
        {DCC_STRING, strs, false, "{\"x\":\"n/a\"}\n{\"x\":{\"a\":1}}\n{\"x\":[\"\"]}\n", DCC_Q_NOTIN_COUNT, DCC_OP_EQ, "2", true},
        /* no record: nothing is invalid */
        {DCC_STRING, strs, false, "", DCC_Q_NOTIN_COUNT, DCC_OP_EQ, "0", true},
        {DCC_STRING, strs, false, "", DCC_Q_NOTIN_RATE, DCC_OP_EQ, "0", true},
        {DCC_STRING, strs, false, "", DCC_Q_NOTIN_RATE, DCC_OP_GT, "0", false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dcc_quality_desc q = {.kind = cases[i].qk, .op = cases[i].op, .threshold = cases[i].threshold,
                              .unit = cases[i].qk == DCC_Q_NOTIN_RATE ? "%" : NULL, .values = cases[i].values,
                              .values_null = cases[i].null_ok};
        char msg[400];
        bool got = holds(&q, cases[i].kind, cases[i].in, strlen(cases[i].in), 0, 0, msg);
        if (got != cases[i].want)
            fail_msg("case %zu: %s, want %s (%s)", i, got ? "holds" : "fails", cases[i].want ? "holds" : "fails", msg);
    }
    char msg[400];
    const char *in = "{\"x\":\"\"}\n{\"x\":\"a\"}\n{}\n";
    dcc_quality_desc q = {.kind = DCC_Q_NOTIN_RATE, .op = DCC_OP_LE, .threshold = "50", .unit = "%", .values = strs};
    assert_false(holds(&q, DCC_STRING, in, strlen(in), 0, 0, msg));
    assert_string_equal(msg, "DQ003: invalid_rate is 66.66% (2 of 3 records), expected <= 50%");
    q = (dcc_quality_desc){.kind = DCC_Q_NOTIN_COUNT, .op = DCC_OP_LT, .threshold = "2", .values = strs};
    assert_false(holds(&q, DCC_STRING, in, strlen(in), 0, 0, msg));
    assert_string_equal(msg, "DQ003: invalid_count is 2 (of 3 records), expected < 2");
}

/* The rate in the message is exact when it ends, cut (never rounded up to the threshold) when it
 * does not. */
static void test_rate_messages(void **state)
{
    (void)state;
    size_t len;
    char msg[400];
    char *in = records(1000, 998, "1", "\"a\"", &len);
    dcc_quality_desc q = {.kind = DCC_Q_VALID_RATE, .op = DCC_OP_GE, .threshold = "99.9", .unit = "%"};
    assert_false(holds(&q, DCC_INT32, in, len, 0, 0, msg));
    assert_string_equal(msg, "DQ003: valid_rate is 99.8% (998 of 1000 records), expected >= 99.9%");
    free(in);
    /* 99899 of 100000 is 99.899%: three digits shown for a threshold with one */
    in = records(100000, 99899, "1", "\"a\"", &len);
    assert_false(holds(&q, DCC_INT32, in, len, 0, 0, msg));
    assert_string_equal(msg, "DQ003: valid_rate is 99.899% (99899 of 100000 records), expected >= 99.9%");
    free(in);
    /* 2 of 3: 66.666...%, cut after three digits (one for the threshold, two more) */
    in = records(3, 2, "null", "1", &len);
    q = (dcc_quality_desc){.kind = DCC_Q_NULL_RATE, .op = DCC_OP_LT, .threshold = "0.5", .unit = "%"};
    assert_false(holds(&q, DCC_INT32, in, len, 0, 0, msg));
    assert_string_equal(msg, "DQ002: null_rate is 66.666% (2 of 3 records), expected < 0.5%");
    free(in);
}

typedef struct {
    dcc_cmp_op op;
    const char *threshold;
    unsigned records;
    bool want;
} CountCase;

static void test_row_count(void **state)
{
    (void)state;
    static const CountCase cases[] = {
        {DCC_OP_GE, "1000", 999, false}, {DCC_OP_GE, "1000", 1000, true}, {DCC_OP_GE, "1000", 1001, true},
        {DCC_OP_GT, "1000", 1000, false}, {DCC_OP_GT, "1000", 1001, true},
        {DCC_OP_LE, "1000", 1000, true},  {DCC_OP_LE, "1000", 1001, false},
        {DCC_OP_LT, "1000", 999, true},   {DCC_OP_LT, "1000", 1000, false},
        {DCC_OP_EQ, "1000", 1000, true},  {DCC_OP_EQ, "1000", 999, false}, {DCC_OP_EQ, "1000", 1001, false},
        {DCC_OP_EQ, "1e3", 1000, true},   {DCC_OP_EQ, "1000.0", 1000, true}, /* the same number */
        {DCC_OP_EQ, "0", 0, true},        {DCC_OP_GT, "0", 0, false},
        {DCC_OP_NE, "1000", 1000, false}, {DCC_OP_NE, "1e3", 1000, false}, {DCC_OP_NE, "1000", 999, true},
        {DCC_OP_NE, "1000.5", 1000, true},
        /* a contract's literal may have leading zeros or a '+' (a hand-written descriptor too) */
        {DCC_OP_GT, "09", 9, false},      {DCC_OP_GT, "09", 10, true},  {DCC_OP_EQ, "+010", 10, true},
        /* beyond 2^53, where a double cannot tell 9007199254740993 from ...992 */
        {DCC_OP_LT, "9007199254740993", 10, true},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const CountCase *k = &cases[i];
        size_t len;
        char *in = records(k->records, 0, "1", "1", &len);
        dcc_quality_desc q = {.kind = DCC_Q_ROW_COUNT, .op = k->op, .threshold = k->threshold};
        char msg[400];
        if (holds(&q, DCC_INT32, in, len, 0, 0, msg) != k->want)
            fail_msg("row_count case %zu: %u records %d %s: %s", i, k->records, (int)k->op, k->threshold, msg);
        free(in);
    }
}

/* An instant as the data writes it: RFC 3339 in UTC with nine fraction digits. */
static void instant(int64_t secs, int32_t nanos, char *out)
{
    time_t t = (time_t)secs;
    struct tm tm;
    assert_non_null(gmtime_r(&t, &tm));
    size_t k = strftime(out, 40, "%Y-%m-%dT%H:%M:%S", &tm);
    sprintf(out + k, ".%09dZ", (int)nanos);
}

typedef struct {
    dcc_cmp_op op;
    const char *threshold, *unit;
    int64_t now;
    int32_t now_nanos;
    int64_t age_secs; /* the newest value is now minus this much (negative: in the future) */
    int32_t age_nanos;
    bool want;
} FreshCase;

static void test_freshness(void **state)
{
    (void)state;
    const int64_t T = 1790000000; /* 2026-09-21T14:13:20Z */
    static const FreshCase cases_tmpl[] = {
        /* 1d = 86400 s; 86400.1 s is older */
        {DCC_OP_LT, "1", "d", 0, 0, 86400, 100000000, false},
        {DCC_OP_LE, "1", "d", 0, 0, 86400, 100000000, false},
        {DCC_OP_GT, "1", "d", 0, 0, 86400, 100000000, true},
        {DCC_OP_EQ, "1", "d", 0, 0, 86400, 100000000, false},
        {DCC_OP_LT, "1", "d", 0, 0, 86400, 0, false},
        {DCC_OP_LE, "1", "d", 0, 0, 86400, 0, true},
        {DCC_OP_EQ, "1", "d", 0, 0, 86400, 0, true},
        {DCC_OP_GE, "1", "d", 0, 0, 86400, 0, true},
        {DCC_OP_GT, "1", "d", 0, 0, 86400, 0, false},
        {DCC_OP_LT, "1", "d", 0, 0, 86399, 999999999, true},
        {DCC_OP_EQ, "24", "h", 0, 0, 86400, 0, true},
        {DCC_OP_EQ, "1440", "m", 0, 0, 86400, 0, true},
        {DCC_OP_EQ, "86400", "s", 0, 0, 86400, 0, true},
        {DCC_OP_EQ, "86400000", "ms", 0, 0, 86400, 0, true},
        /* 1500ms is 1.5 s */
        {DCC_OP_EQ, "1500", "ms", 0, 0, 1, 500000000, true},
        {DCC_OP_LT, "1500", "ms", 0, 0, 1, 500000000, false},
        {DCC_OP_LT, "1500", "ms", 0, 0, 1, 499999999, true},
        {DCC_OP_EQ, "1", "w", 0, 0, 604800, 0, true},
        {DCC_OP_EQ, "1", "y", 0, 0, 31536000, 0, true}, /* 365 days */
        /* newer than now: a negative age */
        {DCC_OP_LT, "1", "ms", 0, 0, -1, 0, true},
        {DCC_OP_GT, "0", "s", 0, 0, 0, -500000000, false},
        /* now with a fraction: 86400 s + 0.1 s before it */
        {DCC_OP_LT, "1", "d", 0, 100000000, 86400, 100000000, false},
        {DCC_OP_LE, "1", "d", 0, 100000000, 86400, 100000000, false}, /* the fraction of now counts */
        {DCC_OP_LE, "1", "d", 0, 100000000, 86400, 0, true},
        {DCC_OP_LE, "1", "d", 0, 0, 86400, 1, false},                  /* so does one nanosecond */
    };
    for (size_t i = 0; i < sizeof cases_tmpl / sizeof cases_tmpl[0]; i++) {
        const FreshCase *k = &cases_tmpl[i];
        int64_t now = T + k->now;
        int32_t nn = k->now_nanos;
        /* newest = now - age, borrowing a second for the nanoseconds */
        int64_t s = now - k->age_secs;
        int32_t ns = nn - k->age_nanos;
        while (ns < 0) {
            ns += 1000000000;
            s--;
        }
        while (ns >= 1000000000) {
            ns -= 1000000000;
            s++;
        }
        char at[48], line[80];
        instant(s, ns, at);
        int len = snprintf(line, sizeof line, "{\"x\":\"%s\"}\n", at);
        dcc_quality_desc q = {.kind = DCC_Q_FRESHNESS, .op = k->op, .threshold = k->threshold, .unit = k->unit};
        char msg[400];
        if (holds(&q, DCC_TIMESTAMP, line, (size_t)len, now, nn, msg) != k->want)
            fail_msg("freshness case %zu (%s vs %s%s): %s", i, at, k->threshold, k->unit, msg);
    }
    /* the epoch is an instant like any other (0 is not "use the clock"): a value one day before
     * it is one day old, not 56 years */
    const char *in = "{\"x\":\"1969-12-31T00:00:00Z\"}\n";
    dcc_quality_desc q = {.kind = DCC_Q_FRESHNESS, .op = DCC_OP_LE, .threshold = "1", .unit = "d"};
    char msg[400];
    assert_true(holds(&q, DCC_TIMESTAMP, in, strlen(in), 0, 0, msg));
    q.op = DCC_OP_LT;
    assert_false(holds(&q, DCC_TIMESTAMP, in, strlen(in), 0, 0, msg));
    assert_string_equal(msg, "DQ004: newest value is 1d old, expected < 1d");
    /* the age in the message is exact */
    in = "{\"x\":\"2026-09-20T14:13:19.9Z\"}\n";
    assert_false(holds(&q, DCC_TIMESTAMP, in, strlen(in), T, 0, msg));
    assert_string_equal(msg, "DQ004: newest value is 1d 0.1s old, expected < 1d");
    /* dates count from their midnight */
    in = "{\"x\":\"2026-09-20\"}\n";
    q.op = DCC_OP_EQ;
    assert_true(holds(&q, DCC_DATE, in, strlen(in), T - 14 * 3600 - 13 * 60 - 20, 0, msg));
}

/* A threshold that is not a decimal, or a unit that does not fit the rule, is a bad descriptor. */
static void test_bad_thresholds(void **state)
{
    (void)state;
    static const size_t f0[] = {0};
    static const dcc_field_desc f[] = {{.name = "x", .kind = DCC_TIMESTAMP}};
    static const struct {
        dcc_quality_desc q;
        const char *want;
    } cases[] = {
        {{.kind = DCC_Q_ROW_COUNT, .op = DCC_OP_GE}, "not a decimal number"},
        {{.kind = DCC_Q_ROW_COUNT, .op = DCC_OP_GE, .threshold = "ten"}, "not a decimal number"},
        {{.kind = DCC_Q_ROW_COUNT, .op = DCC_OP_GE, .threshold = "0.5 "}, "not a decimal number"},
        {{.kind = DCC_Q_ROW_COUNT, .op = DCC_OP_GE, .threshold = "10", .unit = "%"}, "takes no unit"},
        {{.kind = DCC_Q_NULL_RATE, .op = DCC_OP_LT, .threshold = "1", .fields = f0, .nfields = 1}, "unit is \"%\""},
        {{.kind = DCC_Q_VALID_RATE, .op = DCC_OP_LT, .threshold = "1", .unit = "h", .fields = f0, .nfields = 1}, "unit is \"%\""},
        {{.kind = DCC_Q_FRESHNESS, .op = DCC_OP_LT, .threshold = "1", .fields = f0, .nfields = 1}, "unit of ms, s"},
        {{.kind = DCC_Q_FRESHNESS, .op = DCC_OP_LT, .threshold = "1", .unit = "%", .fields = f0, .nfields = 1}, "unit of ms, s"},
        {{.kind = DCC_Q_FRESHNESS, .op = DCC_OP_LT, .threshold = "1", .unit = "hours", .fields = f0, .nfields = 1}, "unit of ms, s"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "q", .fields = f, .nfields = 1,
                              .quality = &cases[i].q, .nquality = 1};
        char *err = NULL;
        assert_null(dcc_validator_new(&d, &err));
        if (!strstr(err, cases[i].want))
            fail_msg("case %zu: \"%s\" lacks \"%s\"", i, err, cases[i].want);
        assert_non_null(strstr(err, "quality rule 0"));
        dcc_error_free(err);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rates),     cmocka_unit_test(test_rate_messages), cmocka_unit_test(test_duplicate_rate),
        cmocka_unit_test(test_missing),
        cmocka_unit_test(test_notin),
        cmocka_unit_test(test_row_count), cmocka_unit_test(test_freshness),
        cmocka_unit_test(test_bad_thresholds),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
