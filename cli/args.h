/* args.h - a table-driven command-line parser: a command declares its options as data, and the
 * parser, its error messages and the command's help text all read that one table, so help cannot
 * drift from what is accepted.
 *
 * Accepted forms: `--name VALUE`, `--name=VALUE`, `-x VALUE`, `-xVALUE` (where the table allows
 * it, as for `-I`), flags alone; `--` makes every later argument an operand; `-` alone is an operand
 * (standard input). `-h` and `--help` are always known. Unknown options and bad choices get a
 * "did you mean" from the table. */
#ifndef DCC_CLI_ARGS_H
#define DCC_CLI_ARGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
    ARG_SHOW_EQ = 1u,        /* help shows `--name=VALUE` rather than `--name VALUE` */
    ARG_OPTIONAL_VALUE = 2u, /* the value is optional and only taken as `--name=VALUE` */
    ARG_ATTACHED = 4u,       /* a one-letter spelling also takes its value attached: `-IDIR` */
};

typedef struct {
    const char *name;  /* the main spelling with its dashes: "--dataset", "-Werror", "-I" */
    const char *alias; /* a second, usually one-letter spelling ("-d"), or NULL */
    const char *value; /* the value's placeholder in help ("NAME"); NULL: a flag without a value */
    const char *help;  /* help text, lines separated by '\n'; NULL: accepted but not shown */
    const char *const *choices; /* the values allowed, NULL-terminated; NULL: any value */
    const char *what;  /* what the value is called in messages ("report format"); NULL: "value" */
    int id;            /* the command's own code for the option */
    unsigned flags;    /* ARG_* above */
} ArgOption;

typedef enum {
    ARG_END,     /* no arguments left */
    ARG_OPERAND, /* p->value is an operand (a file, `-`) */
    ARG_OPTION,  /* p->opt was given, with p->value (NULL for a flag) and p->choice */
    ARG_HELP,    /* -h or --help */
    ARG_FOREIGN, /* an unknown `--name` the caller accepts (see foreign below): p->written, p->value */
    ARG_ERROR,   /* a usage error, already printed on stderr */
} ArgEvent;

typedef struct {
    const char *prog; /* "dcc check": what every message starts with */
    const ArgOption *opts;
    size_t nopts;
    /* When set, an unknown `--name` is handed back as ARG_FOREIGN with its value (`--name=V`, or
     * else the next argument: the options a command learns only later, such as a target's, all
     * take a value) instead of being an error. */
    bool foreign;
    FILE *err; /* where usage errors go: stderr unless changed after args_init */
    int argc;
    char **argv;
    int next;
    bool operands_only; /* after `--` */
    /* the last event */
    const ArgOption *opt;
    const char *written;  /* the option as written, up to any '=' */
    size_t written_len;
    const char *value;
    int choice;           /* index of value in opt->choices, or -1 */
} ArgParser;

/* Prepares to parse argv[0..argc) (the arguments after the command's name). */
void args_init(ArgParser *p, const char *prog, const ArgOption *opts, size_t nopts, int argc, char **argv);
/* The next argument. On ARG_ERROR the message (with "Try 'PROG --help'.") has been printed. */
ArgEvent args_next(ArgParser *p);

/* Prints "PROG: MESSAGE\nTry 'PROG --help'.\n" on stderr; returns 2, the usage exit status. */
int args_usage_error(const char *prog, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;

/* Prints the documented options of a table, one per line: the spellings and value padded to
 * `width` columns after two spaces, then the help (continuation lines aligned under it). */
void args_print_options(FILE *out, const ArgOption *opts, size_t n, int width);

/* The closest of cands to want within a small edit distance, or NULL: for "did you mean". */
const char *args_suggest(const char *want, size_t want_len, const char *const *cands, size_t n);

/* "a or b" for two choices, "a, b, c" for more: the choices as messages list them. Writes at
 * most size bytes (always NUL-terminated) and returns buf. */
char *args_choice_list(char *buf, size_t size, const char *const *choices);

#endif
