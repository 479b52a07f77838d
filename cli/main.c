/* main.c - the dcc command line: the table of commands, global options and dispatch.
 * Each command lives in its own file (cli/cmd_*.c); adding one is that file plus an X(name) line
 * in COMMANDS below. Exit status everywhere: 0 clean, 1 contract errors (or fmt --check found
 * changes, or validate found bad data), 2 usage or I/O errors (or validate's contract has errors). */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "dcc_rt.h"
#include "diag.h"

/* The commands, in the order `dcc --help` lists them: one X(name) per cli/cmd_NAME.c. */
#define COMMANDS(X) \
    X(changelog)    \
    X(check)        \
    X(compat)       \
    X(fmt)          \
    X(gen)          \
    X(import)       \
    X(validate)

#define DECLARE(id) extern const CliCommand cli_cmd_##id;
COMMANDS(DECLARE)
#undef DECLARE

static const CliCommand *const commands[] = {
#define ENTRY(id) &cli_cmd_##id,
    COMMANDS(ENTRY)
#undef ENTRY
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

enum { OPT_VERSION = 1, OPT_LIST_DIAGNOSTICS, OPT_LIST_RULES };

static const char *const markdown[] = {"markdown", NULL};

/* Options of `dcc` itself, before any command. -h/--help is the parser's own. */
static const ArgOption global_options[] = {
    {"--version", NULL, NULL, "print the version", NULL, NULL, OPT_VERSION, 0},
    /* Not in the help: they print the tables docs/diagnostics.md and docs/validation.md show. */
    {"--list-diagnostics", NULL, "markdown", NULL, markdown, "table format", OPT_LIST_DIAGNOSTICS, ARG_OPTIONAL_VALUE},
    {"--list-rules", NULL, "markdown", NULL, markdown, "table format", OPT_LIST_RULES, ARG_OPTIONAL_VALUE},
};

static void print_main_help(FILE *out)
{
    static const ArgOption help = {"--help", "-h", NULL, "show this help, or a command's help after the command",
                                   NULL, NULL, 0, 0};
    fputs("dcc - the data contract compiler\n"
          "\n"
          "usage: dcc COMMAND [options] FILE...\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++) fprintf(out, "  %-10s %s\n", commands[i]->name, commands[i]->summary);
    fputs("\nglobal options:\n", out);
    args_print_options(out, &help, 1, 15);
    args_print_options(out, global_options, sizeof global_options / sizeof global_options[0], 15);
    fputs("\n"
          "Exit status: 0 success, 1 contract errors (validate: data that does not meet the\n"
          "contract), 2 usage or I/O errors (validate: also a contract with errors).\n"
          "See dcc(1) and docs/ for the language and the diagnostics.\n",
          out);
}

static const CliCommand *find_command(const char *name)
{
    for (size_t i = 0; i < NCOMMANDS; i++)
        if (strcmp(name, commands[i]->name) == 0) return commands[i];
    return NULL;
}

static int unknown_command(const char *name)
{
    const char *names[NCOMMANDS + 1];
    for (size_t i = 0; i < NCOMMANDS; i++) names[i] = commands[i]->name;
    names[NCOMMANDS] = "help";
    const char *best = args_suggest(name, strlen(name), names, NCOMMANDS + 1);
    if (best) return args_usage_error("dcc", "unknown command '%s'; did you mean '%s'?", name, best);
    return args_usage_error("dcc", "unknown command '%s'", name);
}

/* A global option as the first argument. */
static int global_option(char **argv)
{
    ArgParser p;
    args_init(&p, "dcc", global_options, sizeof global_options / sizeof global_options[0], 1, argv);
    switch (args_next(&p)) {
    case ARG_HELP: print_main_help(stdout); return 0;
    case ARG_OPTION: break;
    default: return CLI_EXIT_USAGE; /* ARG_ERROR: printed */
    }
    switch (p.opt->id) {
    case OPT_VERSION: printf("dcc %s\n", DCC_VERSION); break;
    case OPT_LIST_DIAGNOSTICS: diag_print_markdown(stdout); break;
    case OPT_LIST_RULES:
        /* The validation rule table of docs/validation.md, from runtime/dcc_rules.def. */
        fputs("| code | rule |\n|---|---|\n", stdout);
        for (int r = 0; r < DCC_RULE_COUNT; r++)
            printf("| %s | %s |\n", dcc_rule_code((dcc_rule)r), dcc_rule_summary((dcc_rule)r));
        break;
    default: break;
    }
    return 0;
}

/* Every command's output ends here: a write that failed (a full disk, /dev/full, a closed pipe
 * reader) shows in the stream's error flag or in the final flush and close, and turns whatever
 * the command decided into an I/O error, so that a cut-off output is never reported as success.
 * Commands that write much (fmt, validate) check their writes where they make them, to say why
 * and stop early. */
static int finish_stdout(int rc)
{
    errno = 0;
    bool failed = ferror(stdout) != 0;
    int err = errno;
    if (fflush(stdout) != 0) failed = true, err = errno;
    if (fclose(stdout) != 0 && !failed) failed = true, err = errno;
    if (!failed) return rc;
    if (rc == CLI_EXIT_USAGE) return rc; /* the command said why already */
    if (err) fprintf(stderr, "dcc: cannot write standard output: %s\n", strerror(err));
    else fputs("dcc: cannot write standard output\n", stderr);
    return CLI_EXIT_USAGE;
}

static int run_main(int argc, char **argv)
{
    if (argc < 2) {
        print_main_help(stderr);
        return CLI_EXIT_USAGE;
    }
    const char *name = argv[1];
    if (strcmp(name, "help") == 0) {
        if (argc == 2) {
            print_main_help(stdout);
            return 0;
        }
        const CliCommand *c = find_command(argv[2]);
        if (!c) return unknown_command(argv[2]);
        cli_print_help(c, stdout);
        return 0;
    }
    if (name[0] == '-' && name[1] != '\0') {
        /* `dcc --help CMD` is `dcc help CMD` */
        if ((strcmp(name, "-h") == 0 || strcmp(name, "--help") == 0) && argc > 2) {
            const CliCommand *c = find_command(argv[2]);
            if (!c) return unknown_command(argv[2]);
            cli_print_help(c, stdout);
            return 0;
        }
        return global_option(argv + 1);
    }
    const CliCommand *c = find_command(name);
    if (!c) return unknown_command(name);
    return c->run(c, argc - 2, argv + 2);
}

int main(int argc, char **argv)
{
    return finish_stdout(run_main(argc, argv));
}
