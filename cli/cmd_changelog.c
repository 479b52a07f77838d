/* cmd_changelog.c - `dcc changelog OLD NEW`: the changes from OLD to NEW as Markdown, grouped as
 * breaking, compatible and documentation (the same findings and verdict as `dcc compat --format
 * markdown`, but a report rather than a gate: exit 0 whatever changed). */
#include "cli.h"
#include "compat_report.h"

enum { OPT_MODE = 1 };

static const ArgOption options[] = {
    {"--mode", "-m", "MODE", "none, backward, forward or full: what counts as breaking\n(default: what NEW declares)",
     compat_modes, "mode", OPT_MODE, 0},
    CLI_OPTION_INCLUDE("search DIR for imports (after the importing file's folder);\nmay be given several times"),
    CLI_OPTION_DIAGNOSTICS("how errors in the contracts are printed: text (default) or json"),
};

static int take(void *ud, ArgEvent ev, const ArgParser *p)
{
    CompatRun *r = ud;
    if (ev == ARG_HELP) return CLI_USUAL_HELP;
    if (p->opt->id == OPT_MODE) r->mode = p->choice;
    return -1;
}

static int run(const CliCommand *self, int argc, char **argv)
{
    CliInputs in;
    if (cli_inputs_init(&in, "dcc changelog", argc) != 0) return CLI_EXIT_USAGE;
    CompatRun r = {-1, false, CF_MARKDOWN, true, 0};
    int rc = cli_parse(self, &in, argc, argv, false, take, &r);
    if (rc < 0 && in.nfiles != 2) rc = args_usage_error(in.prog, "give the OLD and the NEW contract");
    if (rc < 0) {
        CompatJob job = {in.files[1], in.files, 1};
        rc = compat_run(&in, &r, &job, 1, NULL, NULL);
    }
    cli_inputs_free(&in);
    return rc;
}

const CliCommand cli_cmd_changelog = {
    "changelog",
    "the changes between two versions of a contract, as Markdown",
    "[options] OLD NEW",
    "Prints the changes from OLD to NEW as a Markdown changelog: breaking changes (under the\n"
    "mode), compatible changes and documentation changes, with the rule of each (docs/compat.md)\n"
    "and the version bump they need. Exit status: 0, or 2 on usage or I/O errors or a contract\n"
    "with errors.",
    options,
    sizeof options / sizeof options[0],
    run,
};
