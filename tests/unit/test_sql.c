/* test_sql.c - the SQL target's quoting and naming (targets/sql_dialect.c, sql_rules.c). Expected
 * spellings are worked out from each engine's documented lexical rules, not taken from dcc's
 * output; tests/sql/run.sh checks the same text in real engines and parsers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "sql.h"

static const SqlDialect *dialect(const char *name)
{
    const SqlDialect *d = sql_dialect_find(name);
    assert_non_null(d);
    return d;
}

static void test_dialects(void **state)
{
    (void)state;
    static const char *const names[] = {"postgres", "sqlite", "duckdb", "mysql", "snowflake", "bigquery", "spark", "trino"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const SqlDialect *d = dialect(names[i]);
        assert_string_equal(d->name, names[i]);
        /* every dialect can write every type and a checks query */
        assert_non_null(d->t_bool);
        assert_non_null(d->t_string);
        assert_non_null(d->t_json);
        assert_non_null(d->observed_t);
        assert_non_null(d->age[0]);
        assert_non_null(d->age[2]);
    }
    assert_null(sql_dialect_find("oracle"));
    assert_null(sql_dialect_find(NULL));
}

static void test_strings(void **state)
{
    (void)state;
    Arena *a = arena_new();
    /* standard SQL: quotes doubled, backslashes literal */
    assert_string_equal(sql_str(a, dialect("sqlite"), "it's \\ -- /* ;"), "'it''s \\ -- /* ;'");
    assert_string_equal(sql_str(a, dialect("trino"), "a'b"), "'a''b'");
    /* PostgreSQL: a backslash makes it E'...', which means the same under either setting of
     * standard_conforming_strings */
    assert_string_equal(sql_str(a, dialect("postgres"), "a'b"), "'a''b'");
    assert_string_equal(sql_str(a, dialect("postgres"), "a\\b'c"), "E'a\\\\b''c'");
    /* backslash dialects: \' and \\ (Spark and BigQuery would read '' as two literals) */
    assert_string_equal(sql_str(a, dialect("mysql"), "a'b\\c"), "'a\\'b\\\\c'");
    assert_string_equal(sql_str(a, dialect("spark"), "\\'"), "'\\\\\\''");
    assert_string_equal(sql_str(a, dialect("snowflake"), "x\\"), "'x\\\\'");
    /* BigQuery: no raw line ends in a literal */
    assert_string_equal(sql_str(a, dialect("bigquery"), "a\nb\tc"), "'a\\nb\\x09c'");
    assert_string_equal(sql_str(a, dialect("postgres"), ""), "''");
    assert_string_equal(sql_str(a, dialect("postgres"), "\xC3\xA9\xF0\x9F\x98\x80"), "'\xC3\xA9\xF0\x9F\x98\x80'");
    arena_free(a);
}

static void test_identifiers(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(sql_ident(a, dialect("postgres"), "order"), "\"order\"");
    assert_string_equal(sql_ident(a, dialect("postgres"), "Mixed\"Case"), "\"Mixed\"\"Case\"");
    assert_string_equal(sql_ident(a, dialect("mysql"), "a`b"), "`a``b`");
    assert_string_equal(sql_ident(a, dialect("spark"), "select"), "`select`");
    /* BigQuery escapes inside quoted identifiers with a backslash */
    assert_string_equal(sql_ident(a, dialect("bigquery"), "a`b\\c"), "`a\\`b\\\\c`");
    arena_free(a);
}

static void test_constraint_names(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(sql_constraint_name(a, "orders", "currency", "values"), "orders_currency_values");
    assert_string_equal(sql_constraint_name(a, "orders", NULL, "pkey"), "orders_pkey");
    char t[80];
    memset(t, 'x', sizeof t - 1);
    t[sizeof t - 1] = '\0';
    const char *n1 = sql_constraint_name(a, t, "field_one", "length");
    const char *n2 = sql_constraint_name(a, t, "field_two", "length");
    assert_true(strlen(n1) <= 63);
    assert_true(strlen(n2) <= 63);
    assert_string_not_equal(n1, n2); /* cut at the same place, told apart by the hash */
    assert_string_equal(sql_constraint_name(a, t, "field_one", "length"), n1); /* deterministic */
    /* a cut never splits a character */
    char u[120] = "";
    for (int i = 0; i < 30; i++) strcat(u, "\xC3\xA9");
    const char *n3 = sql_constraint_name(a, u, "f", "range");
    assert_true(strlen(n3) <= 63);
    size_t k = strlen(n3) - 9; /* before "_xxxxxxxx" */
    assert_true(((unsigned char)n3[k] & 0xC0) != 0x80);
    arena_free(a);
}

static void test_expand(void **state)
{
    (void)state;
    Arena *a = arena_new();
    assert_string_equal(sql_expand(a, "date({}) IS {}", "\"d\""), "date(\"d\") IS \"d\"");
    assert_string_equal(sql_expand(a, "no placeholder", "x"), "no placeholder");
    arena_free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dialects),        cmocka_unit_test(test_strings), cmocka_unit_test(test_identifiers),
        cmocka_unit_test(test_constraint_names), cmocka_unit_test(test_expand),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
