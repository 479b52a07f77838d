/* test_docs.c - the documentation target's plain words (targets/docs_words.c) and its URL check
 * (targets/docs_html.c), case by case, including the edges the example mesh does not reach.
 * tests/docs_site/run.sh checks the whole site in a browser. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "docs.h"

static Literal *num(Arena *a, const char *text)
{
    Literal *l = ARENA_NEW(a, Literal);
    memset(l, 0, sizeof *l);
    l->kind = LIT_NUMBER;
    l->text = text;
    l->len = (uint32_t)strlen(text);
    return l;
}

/* The phrases of attrs on a type of kind k, joined with " | " (code parts after a space). */
static const char *words(Arena *a, TypeKind k, const Attrs *at)
{
    Type t;
    memset(&t, 0, sizeof t);
    t.kind = k;
    PtrVec v = {0};
    docs_constraint_words(a, &t, at, &v);
    StrBuf b;
    sb_init(&b);
    for (size_t i = 0; i < v.len; i++) {
        const DocsPhrase *p = v.items[i];
        sb_printf(&b, "%s%s%s%s", i ? " | " : "", p->text, p->code ? " " : "", p->code ? p->code : "");
    }
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}

static const char *range(Arena *a, TypeKind k, const char *lo, bool lo_in, const char *hi, bool hi_in, bool length)
{
    Interval iv;
    memset(&iv, 0, sizeof iv);
    iv.lo = lo ? num(a, lo) : NULL;
    iv.hi = hi ? num(a, hi) : NULL;
    iv.lo_inclusive = lo_in;
    iv.hi_inclusive = hi_in;
    Attrs at;
    memset(&at, 0, sizeof at);
    if (length) at.length = &iv;
    else at.range = &iv;
    return words(a, k, &at);
}

static void test_intervals(void **state)
{
    Arena *a = *state;
    assert_string_equal(range(a, TY_INT32, "1", true, "999", true, false), "between 1 and 999");
    assert_string_equal(range(a, TY_DECIMAL, "0", true, NULL, false, false), "at least 0");
    assert_string_equal(range(a, TY_DECIMAL, "0", false, NULL, false, false), "more than 0");
    assert_string_equal(range(a, TY_INT32, NULL, false, "5", false, false), "less than 5");
    assert_string_equal(range(a, TY_INT32, NULL, false, "5", true, false), "at most 5");
    assert_string_equal(range(a, TY_INT32, "0", false, "10", true, false), "more than 0 and at most 10");
    assert_string_equal(range(a, TY_INT32, "0", true, "10", false, false), "at least 0 and less than 10");
    assert_string_equal(range(a, TY_INT32, "5", true, "5", true, false), "exactly 5");
    assert_string_equal(range(a, TY_STRING, "1", true, "200", true, true), "length between 1 and 200 characters");
    assert_string_equal(range(a, TY_BYTES, "16", true, "16", true, true), "length exactly 16 bytes");
    assert_string_equal(range(a, TY_LIST, "1", true, NULL, false, true), "holds at least 1 item");
    assert_string_equal(range(a, TY_LIST, "1", true, "2", true, true), "holds between 1 and 2 items");
    assert_string_equal(range(a, TY_STRING, NULL, false, "1", true, true), "length at most 1 character");
    assert_string_equal(range(a, TY_MAP, NULL, false, "3", true, true), "length at most 3 entries");
}

static void test_other_constraints(void **state)
{
    Arena *a = *state;
    Attrs at;
    memset(&at, 0, sizeof at);
    Literal *v1 = num(a, "0"), *v2 = num(a, "5");
    v1->next = v2;
    at.values = v1;
    Literal pat = {LIT_STRING, "^[A-Z]{2}$", 10, {0, 0, 0}, NULL};
    at.pattern = &pat;
    at.unique = true;
    Literal def = {LIT_STRING, "EUR", 3, {0, 0, 0}, NULL};
    at.default_value = &def;
    assert_string_equal(words(a, TY_STRING, &at),
                        "one of 0, 5 | matches the pattern ^[A-Z]{2}$ | unique in the dataset | EUR when not given");
    /* an enumeration lists its words */
    EnumValue e2 = {"paid", {0, 0, 0}, NULL}, e1 = {"placed", {0, 0, 0}, &e2};
    Type t;
    memset(&t, 0, sizeof t);
    t.kind = TY_ENUM;
    t.u.enumeration.values = &e1;
    PtrVec v = {0};
    docs_constraint_words(a, &t, NULL, &v);
    assert_int_equal(v.len, 1);
    assert_string_equal(((DocsPhrase *)v.items[0])->text, "one of placed, paid");
}

static void test_types(void **state)
{
    Arena *a = *state;
    Type t;
    memset(&t, 0, sizeof t);
    t.kind = TY_STRING;
    t.u.string.max_len = 14;
    assert_string_equal(docs_type_words(a, &t), "text, at most 14 characters");
    t.u.string.max_len = -1;
    assert_string_equal(docs_type_words(a, &t), "text");
    t.kind = TY_DECIMAL;
    t.u.decimal.p = 12;
    t.u.decimal.s = 2;
    assert_string_equal(docs_type_words(a, &t), "decimal number, 12 digits, 2 after the point");
    Type elem;
    memset(&elem, 0, sizeof elem);
    elem.kind = TY_NAMED;
    elem.u.named.name.text = "LineItem";
    elem.resolved = &elem; /* never followed for an element: it is named as written */
    memset(&t, 0, sizeof t);
    t.kind = TY_LIST;
    t.u.list.elem = &elem;
    assert_string_equal(docs_type_words(a, &t), "list of LineItem");
    t.kind = TY_TIMESTAMPTZ;
    assert_string_equal(docs_type_words(a, &t), "date and time with time zone");
}

static void test_durations_and_sla(void **state)
{
    Arena *a = *state;
    assert_string_equal(docs_duration_words(a, "1h"), "1 hour");
    assert_string_equal(docs_duration_words(a, "30m"), "30 minutes");
    assert_string_equal(docs_duration_words(a, "500ms"), "500 milliseconds");
    assert_string_equal(docs_duration_words(a, "10y"), "10 years");
    assert_string_equal(docs_duration_words(a, "1w"), "1 week");
    assert_string_equal(docs_duration_words(a, "soon"), "soon"); /* not a duration: kept */
    assert_string_equal(docs_duration_words(a, "5x"), "5x");
    Literal v = {LIT_NUMBER, "1h", 2, {0, 0, 0}, NULL};
    SlaItem it;
    memset(&it, 0, sizeof it);
    it.kind = SLA_FRESHNESS;
    it.value = &v;
    assert_string_equal(docs_sla_words(a, &it), "Updated at least every hour.");
    v.text = "2h";
    assert_string_equal(docs_sla_words(a, &it), "Updated at least every 2 hours.");
    it.kind = SLA_AVAILABILITY;
    v.text = "99.95";
    assert_string_equal(docs_sla_words(a, &it), "99.95% available.");
    it.kind = SLA_FREQUENCY;
    it.cron = true;
    v.text = "0 * * * *";
    assert_string_equal(docs_sla_words(a, &it), "Loaded on the schedule 0 * * * * (cron).");
    it.kind = SLA_RETENTION;
    it.cron = false;
    v.text = "1y";
    assert_string_equal(docs_sla_words(a, &it), "Kept for 1 year.");
}

static void test_rules(void **state)
{
    Arena *a = *state;
    Name f2 = {"b", {0, 0, 0}, NULL}, f1 = {"a", {0, 0, 0}, &f2};
    Literal v = {LIT_NUMBER, "80", 2, {0, 0, 0}, NULL};
    QualityRule r;
    memset(&r, 0, sizeof r);
    r.kind = RULE_NULL_RATE;
    r.op = CMP_LT;
    r.fields = &f2;
    r.value = &v;
    const char *sql;
    assert_string_equal(docs_rule_words(a, &r, &sql), "b is empty in less than 80% of the rows.");
    assert_null(sql);
    r.kind = RULE_ROW_COUNT;
    r.op = CMP_GE;
    r.fields = NULL;
    v.text = "10000";
    assert_string_equal(docs_rule_words(a, &r, &sql), "The dataset holds at least 10000 rows.");
    r.kind = RULE_UNIQUE;
    r.fields = &f1;
    assert_string_equal(docs_rule_words(a, &r, &sql), "No two rows have the same a, b.");
    r.kind = RULE_FRESHNESS;
    r.op = CMP_LE;
    r.fields = &f2;
    v.text = "1d";
    assert_string_equal(docs_rule_words(a, &r, &sql), "The newest b is at most 1 day old.");
    Literal q = {LIT_STRING, "SELECT 1", 8, {0, 0, 0}, NULL};
    r.kind = RULE_SQL;
    r.op = CMP_EQ;
    r.fields = NULL;
    r.sql = &q;
    v.text = "0";
    assert_string_equal(docs_rule_words(a, &r, &sql), "This query returns exactly 0:");
    assert_string_equal(sql, "SELECT 1");
}

static void test_url_check(void **state)
{
    (void)state;
    assert_true(html_url_is_safe("https://example.com/x"));
    assert_true(html_url_is_safe("HTTP://EXAMPLE.COM"));
    assert_true(html_url_is_safe("mailto:team@example.com"));
    assert_false(html_url_is_safe("javascript:alert(1)"));
    assert_false(html_url_is_safe("JavaScript:alert(1)"));
    assert_false(html_url_is_safe(" javascript:alert(1)"));
    assert_false(html_url_is_safe(" https://example.com")); /* a browser strips the space: not ours to guess */
    assert_false(html_url_is_safe("data:text/html,<b>"));
    assert_false(html_url_is_safe("vbscript:x"));
    assert_false(html_url_is_safe("https:"));
    assert_false(html_url_is_safe("//example.com"));
    assert_false(html_url_is_safe("docs/x.html"));
    assert_false(html_url_is_safe(""));
}

static int setup(void **state)
{
    *state = arena_new();
    return 0;
}

static int teardown(void **state)
{
    arena_free(*state);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_intervals), cmocka_unit_test(test_other_constraints),
        cmocka_unit_test(test_types),     cmocka_unit_test(test_durations_and_sla),
        cmocka_unit_test(test_rules),     cmocka_unit_test(test_url_check),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
