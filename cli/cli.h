/* cli.h - what the commands share: the command table's entry, the options every compiling command
 * takes, and compiling and reporting the files named on the command line.
 *
 * Adding a command is one file (cli/cmd_NAME.c defining `const CliCommand cli_cmd_NAME`) plus one
 * X(NAME) line in main.c's COMMANDS. Exit status everywhere: 0 clean, 1 contract errors (or fmt --check
 * found changes, or validate found bad data), 2 usage or I/O errors (a failed write to standard
 * output too; main.c checks it last) and, for validate, a contract that has errors. */
#ifndef DCC_CLI_H
#define DCC_CLI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "args.h"
#include "compile.h"

#define CLI_EXIT_CONTRACT 1
#define CLI_EXIT_USAGE 2

typedef struct CliCommand {
    const char *name;        /* `dcc NAME` */
    const char *summary;     /* one line for `dcc --help` */
    const char *synopsis;    /* what follows "usage: dcc NAME " */
    const char *description; /* the help's paragraphs, without a final newline */
    const ArgOption *options;
    size_t noptions;
    /* Runs the command on the arguments after its name; returns the exit status. */
    int (*run)(const struct CliCommand *self, int argc, char **argv);
} CliCommand;

/* `dcc NAME --help`: usage, description and the options from the command's own table. */
void cli_print_help(const CliCommand *c, FILE *out);

/* ---- options shared by the commands that compile contracts ------------------------------------- */

enum { CLI_OPT_INCLUDE = 1000, CLI_OPT_WERROR, CLI_OPT_DIAGNOSTICS, CLI_OPT_COLOR };
typedef enum { CLI_COLOR_AUTO, CLI_COLOR_ALWAYS, CLI_COLOR_NEVER } CliColor; /* cli_color_modes order */

extern const char *const cli_diagnostics_formats[]; /* text, json */
extern const char *const cli_color_modes[];         /* auto, always, never */

/* Table entries for them; a command passes its own help text where wordings differ. */
#define CLI_OPTION_INCLUDE(help) {"-I", NULL, "DIR", help, NULL, "folder", CLI_OPT_INCLUDE, ARG_ATTACHED}
#define CLI_OPTION_WERROR(help) {"-Werror", NULL, NULL, help, NULL, NULL, CLI_OPT_WERROR, 0}
#define CLI_OPTION_DIAGNOSTICS(help) \
    {"--diagnostics", NULL, "FORMAT", help, cli_diagnostics_formats, "diagnostics format", CLI_OPT_DIAGNOSTICS, ARG_SHOW_EQ}
#define CLI_OPTION_COLOR(help) {"--color", NULL, "WHEN", help, cli_color_modes, "colour mode", CLI_OPT_COLOR, ARG_SHOW_EQ}

/* The inputs and reporting choices of one command line. */
typedef struct {
    const char *prog;           /* "dcc check", for messages */
    const char **include_dirs;
    size_t ninclude;
    bool werror;
    bool json;                  /* --diagnostics=json */
    CliColor color;
    const char **files;         /* operands in the order given */
    size_t nfiles;
} CliInputs;

/* Sets up in for a command line of argc arguments. Returns 0, or CLI_EXIT_USAGE out of memory. */
int cli_inputs_init(CliInputs *in, const char *prog, int argc);
void cli_inputs_free(CliInputs *in);
/* Applies one of the shared options (CLI_OPT_*) or an operand; false when the event is neither. */
bool cli_inputs_take(CliInputs *in, ArgEvent ev, const ArgParser *p);

/* What a command does with an option of its own (ARG_OPTION), an unknown `--name` when it takes
 * them (ARG_FOREIGN) or -h/--help (ARG_HELP; CLI_USUAL_HELP prints the usual help). Returns -1
 * to go on, or an exit status to stop with. */
typedef int (*CliTake)(void *ud, ArgEvent ev, const ArgParser *p);
#define CLI_USUAL_HELP (-2)

/* Parses the arguments after the command's name with its table: operands and the shared options
 * into in, everything else to take (NULL: the command has no options of its own); foreign: pass
 * unknown `--name` options to take. Returns -1 when the command should run, else an exit status
 * (0 after help, 2 after a usage error, printed). */
int cli_parse(const CliCommand *self, CliInputs *in, int argc, char **argv, bool foreign, CliTake take, void *ud);

/* Compiles every file named on the command line into c (set up here with the inputs' import
 * folders and -Werror). Returns the exit status so far: 0, CLI_EXIT_CONTRACT or CLI_EXIT_USAGE
 * (a named file that cannot be read). */
int cli_compile_inputs(Compilation *c, const CliInputs *in);
/* Prints the diagnostics: text on stderr (in colour when asked or on a terminal), or JSON on
 * json_out. */
void cli_report(DiagSink *d, const CliInputs *in, FILE *json_out);

#endif
