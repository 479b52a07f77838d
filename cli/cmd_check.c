/* cmd_check.c - `dcc check`: parse, resolve imports and check contracts; print every diagnostic. */
#include "cli.h"

static const ArgOption options[] = {
    CLI_OPTION_INCLUDE("search DIR for imports (after the importing file's folder);\nmay be given several times"),
    CLI_OPTION_WERROR("treat warnings as errors"),
    CLI_OPTION_DIAGNOSTICS("text (default) or json"),
    CLI_OPTION_COLOR("auto (default: when stderr is a terminal), always, never"),
};

static int run(const CliCommand *self, int argc, char **argv)
{
    CliInputs in;
    if (cli_inputs_init(&in, "dcc check", argc) != 0) return CLI_EXIT_USAGE;
    int rc = cli_parse(self, &in, argc, argv, false, NULL, NULL);
    if (rc < 0 && in.nfiles == 0) rc = args_usage_error(in.prog, "no input files");
    if (rc < 0) {
        Compilation c;
        rc = cli_compile_inputs(&c, &in);
        cli_report(&c.diags, &in, stdout);
        compile_free(&c);
    }
    cli_inputs_free(&in);
    return rc;
}

const CliCommand cli_cmd_check = {
    "check",
    "parse, resolve imports and check contracts",
    "[options] FILE...",
    "Parses each FILE and every file it imports, and checks them; FILE may be - for standard\n"
    "input. Prints diagnostics and exits 0 when there are no errors, 1 when there are, 2 on usage\n"
    "or I/O errors.",
    options,
    sizeof options / sizeof options[0],
    run,
};
