/* test_args.c - the command-line parser (cli/args.c): forms of options, operands, errors with
 * "did you mean", choices, foreign options and the help text made from the table. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "args.h"

enum { O_INCLUDE = 1, O_WERROR, O_COLOR, O_DATASET, O_WRITE, O_LIST };

static const char *const colors[] = {"auto", "always", "never", NULL};
static const char *const fmts[] = {"text", "json", NULL};
static const char *const md[] = {"markdown", NULL};

static const ArgOption table[] = {
    {"-I", NULL, "DIR", "search DIR", NULL, "folder", O_INCLUDE, ARG_ATTACHED},
    {"-Werror", NULL, NULL, "treat warnings as errors", NULL, NULL, O_WERROR, 0},
    {"--color", NULL, "WHEN", "auto, always, never\nsecond line", colors, "colour mode", O_COLOR, ARG_SHOW_EQ},
    {"--dataset", "-d", "NAME", "the dataset", NULL, NULL, O_DATASET, 0},
    {"--write", "-w", NULL, "rewrite", NULL, NULL, O_WRITE, 0},
    {"--list", NULL, "markdown", NULL, md, "table format", O_LIST, ARG_OPTIONAL_VALUE},
    {"--report", NULL, "FORMAT", "text or json", fmts, "report format", 99, 0},
};
#define NTABLE (sizeof table / sizeof table[0])

/* A parser over a NULL-terminated list of arguments, with its errors in a memory stream. */
typedef struct {
    ArgParser p;
    char *argv[16];
    char *errbuf;
    size_t errlen;
} Fixture;

static void start(Fixture *f, bool foreign, ...)
{
    memset(f, 0, sizeof *f);
    va_list ap;
    va_start(ap, foreign);
    int n = 0;
    for (char *a; (a = va_arg(ap, char *)) != NULL;) f->argv[n++] = a;
    va_end(ap);
    args_init(&f->p, "dcc test", table, NTABLE, n, f->argv);
    f->p.foreign = foreign;
    f->p.err = open_memstream(&f->errbuf, &f->errlen);
    assert_non_null(f->p.err);
}

static const char *errors(Fixture *f)
{
    fflush(f->p.err);
    return f->errbuf ? f->errbuf : "";
}

static void stop(Fixture *f)
{
    fclose(f->p.err);
    free(f->errbuf);
}

static void expect_option(Fixture *f, int id, const char *value)
{
    assert_int_equal(args_next(&f->p), ARG_OPTION);
    assert_int_equal(f->p.opt->id, id);
    if (value) assert_string_equal(f->p.value, value);
    else assert_null(f->p.value);
}

static void expect_operand(Fixture *f, const char *value)
{
    assert_int_equal(args_next(&f->p), ARG_OPERAND);
    assert_string_equal(f->p.value, value);
}

static void test_forms(void **state)
{
    (void)state;
    Fixture f;
    start(&f, false, "-I", "a", "-Ib", "--dataset", "x", "--dataset=y", "-d", "z", "-Werror", "-w", "--write",
          "file.dc", "-", "--", "--write", "-d", NULL);
    expect_option(&f, O_INCLUDE, "a");
    expect_option(&f, O_INCLUDE, "b");
    expect_option(&f, O_DATASET, "x");
    expect_option(&f, O_DATASET, "y");
    expect_option(&f, O_DATASET, "z");
    expect_option(&f, O_WERROR, NULL);
    expect_option(&f, O_WRITE, NULL);
    expect_option(&f, O_WRITE, NULL);
    expect_operand(&f, "file.dc");
    expect_operand(&f, "-"); /* standard input */
    expect_operand(&f, "--write"); /* after `--`, everything is an operand */
    expect_operand(&f, "-d");
    assert_int_equal(args_next(&f.p), ARG_END);
    assert_string_equal(errors(&f), "");
    stop(&f);
}

static void test_attached_only_where_allowed(void **state)
{
    (void)state;
    Fixture f;
    /* "-dx" is not "-d x": only -I takes an attached value, as compilers do */
    start(&f, false, "-dx", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_non_null(strstr(errors(&f), "unknown option '-dx'"));
    stop(&f);
}

static void test_choices(void **state)
{
    (void)state;
    Fixture f;
    start(&f, false, "--color=never", "--color", "auto", "--report", "json", NULL);
    expect_option(&f, O_COLOR, "never");
    assert_int_equal(f.p.choice, 2);
    expect_option(&f, O_COLOR, "auto");
    assert_int_equal(f.p.choice, 0);
    expect_option(&f, 99, "json");
    assert_int_equal(f.p.choice, 1);
    stop(&f);

    start(&f, false, "--color=alwyas", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_string_equal(errors(&f), "dcc test: unknown colour mode 'alwyas' (auto, always, never); did you mean "
                                    "'always'?\nTry 'dcc test --help'.\n");
    stop(&f);

    start(&f, false, "--report", "xml", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_string_equal(errors(&f), "dcc test: unknown report format 'xml' (text or json)\nTry 'dcc test --help'.\n");
    stop(&f);
}

static void test_optional_value(void **state)
{
    (void)state;
    Fixture f;
    start(&f, false, "--list", "--list=markdown", "--list", "markdown", NULL);
    expect_option(&f, O_LIST, NULL);
    expect_option(&f, O_LIST, "markdown");
    expect_option(&f, O_LIST, NULL);
    expect_operand(&f, "markdown"); /* an optional value is only ever taken after '=' */
    stop(&f);
}

static void test_errors(void **state)
{
    (void)state;
    Fixture f;
    start(&f, false, "--colour=always", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_string_equal(errors(&f), "dcc test: unknown option '--colour=always'; did you mean '--color'?\n"
                                    "Try 'dcc test --help'.\n");
    stop(&f);

    start(&f, false, "--bogus", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_string_equal(errors(&f), "dcc test: unknown option '--bogus'\nTry 'dcc test --help'.\n");
    stop(&f);

    start(&f, false, "-dataset", NULL); /* one dash short of an option */
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_non_null(strstr(errors(&f), "did you mean '--dataset'?"));
    stop(&f);

    start(&f, false, "--hlep", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_non_null(strstr(errors(&f), "did you mean '--help'?"));
    stop(&f);

    start(&f, false, "-I", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_string_equal(errors(&f), "dcc test: option '-I' needs a folder\nTry 'dcc test --help'.\n");
    stop(&f);

    start(&f, false, "--dataset", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_non_null(strstr(errors(&f), "option '--dataset' needs a value"));
    stop(&f);

    start(&f, false, "--write=yes", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    assert_non_null(strstr(errors(&f), "option '--write' takes no value"));
    stop(&f);

    start(&f, false, "--help", "-h", NULL);
    assert_int_equal(args_next(&f.p), ARG_HELP);
    assert_int_equal(args_next(&f.p), ARG_HELP);
    stop(&f);
}

static void test_foreign(void **state)
{
    (void)state;
    Fixture f;
    start(&f, true, "--dialect", "duckdb", "--schema=s", "a.dc", "--last", NULL);
    assert_int_equal(args_next(&f.p), ARG_FOREIGN);
    assert_int_equal((int)f.p.written_len, 9);
    assert_memory_equal(f.p.written, "--dialect", 9);
    assert_string_equal(f.p.value, "duckdb");
    assert_int_equal(args_next(&f.p), ARG_FOREIGN);
    assert_memory_equal(f.p.written, "--schema", 8);
    assert_int_equal((int)f.p.written_len, 8);
    assert_string_equal(f.p.value, "s");
    expect_operand(&f, "a.dc");
    assert_int_equal(args_next(&f.p), ARG_FOREIGN);
    assert_null(f.p.value); /* nothing followed: the caller says it needs a value */
    assert_int_equal(args_next(&f.p), ARG_END);
    stop(&f);

    /* only `--long` options can be foreign; a short one is still an error */
    start(&f, true, "-x", NULL);
    assert_int_equal(args_next(&f.p), ARG_ERROR);
    stop(&f);
}

static void test_help_text(void **state)
{
    (void)state;
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    args_print_options(out, table, NTABLE, 22);
    fclose(out);
    assert_string_equal(buf, "  -I DIR                 search DIR\n"
                             "  -Werror                treat warnings as errors\n"
                             "  --color=WHEN           auto, always, never\n"
                             "                         second line\n"
                             "  -d, --dataset NAME     the dataset\n"
                             "  -w, --write            rewrite\n"
                             "  --report FORMAT        text or json\n");
    free(buf);
}

static void test_suggest_and_lists(void **state)
{
    (void)state;
    const char *const cmds[] = {"check", "fmt", "gen", "validate"};
    assert_string_equal(args_suggest("chek", 4, cmds, 4), "check");
    assert_string_equal(args_suggest("valdiate", 8, cmds, 4), "validate");
    assert_null(args_suggest("frobnicate", 10, cmds, 4));
    assert_null(args_suggest("gen", 3, cmds, 4)); /* the word itself is no suggestion */
    char buf[64];
    assert_string_equal(args_choice_list(buf, sizeof buf, fmts), "text or json");
    assert_string_equal(args_choice_list(buf, sizeof buf, colors), "auto, always, never");
    assert_string_equal(args_choice_list(buf, sizeof buf, md), "markdown");
    assert_string_equal(args_choice_list(buf, 8, colors), "auto"); /* cut at a whole choice */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_forms),
        cmocka_unit_test(test_attached_only_where_allowed),
        cmocka_unit_test(test_choices),
        cmocka_unit_test(test_optional_value),
        cmocka_unit_test(test_errors),
        cmocka_unit_test(test_foreign),
        cmocka_unit_test(test_help_text),
        cmocka_unit_test(test_suggest_and_lists),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
