/* cmd_gen.c - `dcc gen`: targets produce files in memory; they are written only when every
 * contract generated, so a failed run never leaves half an output folder. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "targets.h"

/* Generates `target` for every contract named on the command line (already compiled in c without
 * errors) and writes all files at once. Returns an exit status (0, or 2 on I/O errors). */
static int gen_run(Compilation *c, const Target *t, const char *outdir, const char **files, size_t nfiles)
{
    OutSet out;
    outset_init(&out);
    int rc = 0;
    size_t ncontracts = 0;
    /* Units of the files named on the command line, in the order given (imports are generated
     * only when named too). compile_file returns the cached unit for a file loaded before. */
    for (size_t i = 0; i < nfiles && rc == 0; i++) {
        Contract *unit = compile_file(c, files[i]);
        if (!unit || unit->kind != UNIT_CONTRACT) continue;
        ncontracts++;
        const char *err = NULL;
        if (t->generate(c->arena, unit, &out, &err) != 0) {
            fprintf(stderr, "dcc gen: target %s failed for %s: %s\n", t->name, files[i], err ? err : "unknown error");
            rc = 2;
        }
    }
    /* Two contracts must not write the same file. */
    for (const OutFile *f = out.first; f && rc == 0; f = f->next)
        for (const OutFile *g = f->next; g; g = g->next)
            if (strcmp(f->path, g->path) == 0) {
                fprintf(stderr, "dcc gen: two contracts generate the same file '%s'\n", f->path);
                rc = 2;
                break;
            }
    if (rc == 0 && ncontracts == 0) {
        fputs("dcc gen: no contract among the inputs (a library holds only types); nothing written\n", stderr);
    } else if (rc == 0) {
        const char *err = NULL, *failed = NULL;
        if (outset_write_all(&out, outdir, &err, &failed) != 0) {
            fprintf(stderr, "dcc gen: cannot write '%s' in '%s': %s\n", failed ? failed : "", outdir, err);
            rc = 2;
        }
    }
    outset_free(&out);
    return rc;
}

/* ---- the command line ------------------------------------------------------------------------ */

enum { OPT_TARGET = 1, OPT_OUTPUT, OPT_LIST_TARGETS };

static const ArgOption options[] = {
    {"--target", "-t", "TARGET", "what to generate; `dcc gen --list-targets` lists them", NULL, "target", OPT_TARGET, 0},
    {"--output", "-o", "DIR", "output folder (created when missing)", NULL, "folder", OPT_OUTPUT, 0},
    CLI_OPTION_INCLUDE("search DIR for imports"),
    CLI_OPTION_WERROR("treat warnings as errors"),
    CLI_OPTION_DIAGNOSTICS("text (default) or json"),
    CLI_OPTION_COLOR("auto, always, never"),
    {"--list-targets", NULL, NULL, "list the targets", NULL, NULL, OPT_LIST_TARGETS, 0},
};

static int run(const CliCommand *self, int argc, char **argv)
{
    CliInputs in;
    if (cli_inputs_init(&in, "dcc gen", argc) != 0) return CLI_EXIT_USAGE;
    ArgParser p;
    args_init(&p, in.prog, self->options, self->noptions, argc, argv);
    const char *target = NULL, *outdir = NULL;
    int rc = -1;
    for (ArgEvent ev; rc < 0 && (ev = args_next(&p)) != ARG_END;) {
        if (ev == ARG_HELP) rc = (cli_print_help(self, stdout), 0);
        else if (cli_inputs_take(&in, ev, &p)) continue;
        else if (ev != ARG_OPTION) rc = CLI_EXIT_USAGE; /* ARG_ERROR: printed */
        else if (p.opt->id == OPT_TARGET) target = p.value;
        else if (p.opt->id == OPT_OUTPUT) outdir = p.value;
        else if (p.opt->id == OPT_LIST_TARGETS) rc = (targets_list(stdout), 0);
    }
    if (rc < 0 && !target) rc = args_usage_error(in.prog, "-t TARGET is required (dcc gen --list-targets)");
    if (rc < 0 && !outdir) rc = args_usage_error(in.prog, "-o DIR is required");
    const Target *t = rc < 0 ? targets_find(target) : NULL;
    if (rc < 0 && !t) rc = args_usage_error(in.prog, "unknown target '%s' (dcc gen --list-targets)", target);
    if (rc < 0 && in.nfiles == 0) rc = args_usage_error(in.prog, "no input files");
    if (rc < 0) {
        Compilation c;
        rc = cli_compile_inputs(&c, &in);
        if (rc == 0) rc = gen_run(&c, t, outdir, in.files, in.nfiles);
        cli_report(&c.diags, &in, stdout);
        compile_free(&c);
    }
    cli_inputs_free(&in);
    return rc;
}

const CliCommand cli_cmd_gen = {
    "gen",
    "generate code and artifacts from contracts",
    "-t TARGET -o DIR [options] FILE...",
    "Checks each FILE and, when there are no errors, writes the target's files for every dataset\n"
    "into DIR. Nothing is written when any contract has errors; files whose content is unchanged\n"
    "are not touched, and each file is replaced atomically.",
    options,
    sizeof options / sizeof options[0],
    run,
};
