/* cmd_gen.c - `dcc gen`: run a target over the contracts named on the command line. Targets
 * produce files in memory; they are written only when every unit generated without errors, so a
 * failed run never leaves half an output folder. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "targets.h"
#include "xmllib.h"

static int compare_paths(const void *a, const void *b)
{
    return strcmp((*(const OutFile *const *)a)->path, (*(const OutFile *const *)b)->path);
}

/* The first path two files of the run share, or NULL. A target claims its file names in a scope,
 * so this is a last line of defence: writing both would silently lose one. */
static const char *shared_path(const OutSet *out)
{
    size_t n = 0;
    for (const OutFile *f = out->first; f; f = f->next) n++;
    const OutFile **v = malloc((n ? n : 1) * sizeof *v);
    if (!v) return NULL;
    n = 0;
    for (const OutFile *f = out->first; f; f = f->next) v[n++] = f;
    qsort(v, n, sizeof *v, compare_paths);
    const char *dup = NULL;
    for (size_t i = 1; i < n && !dup; i++)
        if (strcmp(v[i - 1]->path, v[i]->path) == 0) dup = v[i]->path;
    free(v);
    return dup;
}

/* Runs t over the units of the files named on the command line (compiled in c without errors)
 * and writes all files at once. Returns an exit status. */
static int gen_run(Compilation *c, const Target *t, const char *const *option_values, const char *outdir,
                   bool durable, const char **files, size_t nfiles, const Contract *from, bool allow_breaking)
{
    /* The units named on the command line, in the order given, each once (imports are generated
     * only when named too). compile_file returns the cached unit of a file loaded before. */
    const Contract **units = arena_alloc(c->arena, (nfiles ? nfiles : 1) * sizeof *units);
    EmitScope *seen = emit_scope_new(c->arena, false); /* by address: membership only, no order */
    size_t nunits = 0, ncontracts = 0;
    for (size_t i = 0; i < nfiles; i++) {
        const Contract *unit = compile_file(c, files[i]);
        if (!unit || !emit_claim_exact(seen, arena_printf(c->arena, "%p", (const void *)unit))) continue;
        units[nunits++] = unit;
        if (unit->kind == UNIT_CONTRACT) ncontracts++;
    }
    OutSet out;
    outset_init(&out);
    int rc = 0;
    const char *dup;
    if (targets_run_from(t, c, units, nunits, option_values, from, allow_breaking, &out) != 0 || c->diags.errors) {
        if (!c->diags.errors) fprintf(stderr, "dcc gen: target %s failed without saying why\n", t->name);
        rc = c->diags.errors ? CLI_EXIT_CONTRACT : CLI_EXIT_USAGE;
    } else if ((dup = shared_path(&out)) != NULL) {
        fprintf(stderr, "dcc gen: two contracts generate the same file '%s'\n", dup);
        rc = CLI_EXIT_USAGE;
    } else if (!out.first) {
        if (ncontracts == 0) fputs("dcc gen: no contract among the inputs (a library holds only types); nothing written\n", stderr);
        else fprintf(stderr, "dcc gen: target %s generated no files for these inputs; nothing written\n", t->name);
    } else {
        const char *err = NULL, *failed = NULL;
        if (outset_write_all(&out, outdir, durable, &err, &failed) != 0) {
            fprintf(stderr, "dcc gen: cannot write '%s' in '%s': %s\n", failed ? failed : "", outdir, err);
            rc = CLI_EXIT_USAGE;
        }
    }
    outset_free(&out);
    return rc;
}

/* ---- the command line ------------------------------------------------------------------------ */

enum { OPT_TARGET = 1, OPT_OUTPUT, OPT_FSYNC, OPT_LIST_TARGETS, OPT_FROM, OPT_ALLOW_BREAKING };

static const ArgOption options[] = {
    {"--target", "-t", "TARGET", "what to generate; `dcc gen --list-targets` lists them", NULL, "target", OPT_TARGET, 0},
    {"--output", "-o", "DIR", "output folder (created when missing)", NULL, "folder", OPT_OUTPUT, 0},
    {"--fsync", NULL, NULL, "flush each written file and its folder to the disk before returning\n(files are replaced atomically either way)", NULL, NULL, OPT_FSYNC, 0},
    {"--from", NULL, "OLD", "the older version to lead from (target sql-migration)", NULL, "file", OPT_FROM, 0},
    {"--allow-breaking", NULL, NULL, "with --from: write changes that break stored data too", NULL, NULL,
     OPT_ALLOW_BREAKING, 0},
    CLI_OPTION_INCLUDE("search DIR for imports"),
    CLI_OPTION_WERROR("treat warnings as errors"),
    CLI_OPTION_DIAGNOSTICS("text (default) or json"),
    CLI_OPTION_COLOR("auto, always, never"),
    {"--list-targets", NULL, NULL, "list the targets with their options", NULL, NULL, OPT_LIST_TARGETS, 0},
};

/* An option the parser did not know, kept until the target (and so its options) is known. */
typedef struct {
    const char *arg;   /* as written: `--name` or `--name=value` */
    const char *value; /* the next argument when arg has no '=' (NULL when there was none) */
} Pending;

static void print_help(const CliCommand *self, const Target *t)
{
    cli_print_help(self, stdout);
    if (!t) return;
    printf("\noptions of target %s:\n", t->name);
    if (t->noptions) targets_print_options(stdout, t);
    else puts("    (none)");
}

static int unknown_target(const char *prog, const char *name)
{
    const char *names[64];
    size_t n = 0;
    for (size_t i = 0; i < targets_count() && n < 64; i++) names[n++] = targets_at(i)->name;
    const char *best = args_suggest(name, strlen(name), names, n);
    return args_usage_error(prog, "unknown target '%s' (dcc gen --list-targets)%s%s%s", name,
                            best ? "; did you mean '" : "", best ? best : "", best ? "'?" : "");
}

/* Parses the options left over for the target, now that it is known, with a table of gen's own
 * options and the target's (so a near miss of either gets its "did you mean"). Fills values
 * (parallel to t->options). Returns -1, or an exit status. */
static int target_options(const CliCommand *self, const char *prog, const Target *t, const Pending *pend, size_t npend,
                          const char **values)
{
    if (npend == 0) return -1;
    size_t n = self->noptions + t->noptions;
    ArgOption *all = calloc(n, sizeof *all);
    char **argv = calloc(2 * npend + 1, sizeof *argv);
    char **names = calloc(t->noptions + 1, sizeof *names);
    int rc = -1;
    if (!all || !argv || !names) {
        fputs("dcc: out of memory\n", stderr);
        rc = CLI_EXIT_USAGE;
    }
    for (size_t i = 0; rc < 0 && i < t->noptions; i++) {
        const TargetOption *o = &t->options[i];
        size_t len = strlen(o->name) + 3;
        if (!(names[i] = malloc(len))) {
            fputs("dcc: out of memory\n", stderr);
            rc = CLI_EXIT_USAGE;
            break;
        }
        snprintf(names[i], len, "--%s", o->name);
        all[self->noptions + i] = (ArgOption){names[i], NULL, o->value, o->help, o->choices, o->name, (int)i, 0};
    }
    if (rc < 0) {
        /* gen's own ids are out of the way of the target's indexes */
        for (size_t i = 0; i < self->noptions; i++) {
            all[i] = self->options[i];
            all[i].id = -1;
        }
        int argc = 0;
        for (size_t i = 0; i < npend; i++) {
            argv[argc++] = (char *)pend[i].arg;
            if (pend[i].value) argv[argc++] = (char *)pend[i].value;
        }
        ArgParser p;
        args_init(&p, prog, all, n, argc, argv);
        for (ArgEvent ev; rc < 0 && (ev = args_next(&p)) != ARG_END;) {
            if (ev == ARG_OPTION && p.opt->id >= 0) values[p.opt->id] = p.value;
            else if (ev != ARG_ERROR) rc = args_usage_error(prog, "'%s' is not an option of target %s", p.value ? p.value : "?", t->name);
            else rc = CLI_EXIT_USAGE; /* printed */
        }
    }
    for (size_t i = 0; names && i < t->noptions; i++) free(names[i]);
    free(names);
    free(argv);
    free(all);
    return rc;
}

/* gen's own options, and the ones left for the target. */
typedef struct {
    const CliCommand *self;
    const char *target, *outdir, *from;
    bool fsync, allow_breaking;
    Pending *pend;
    size_t npend;
} GenOptions;

static int take(void *ud, ArgEvent ev, const ArgParser *p)
{
    GenOptions *o = ud;
    if (ev == ARG_HELP) return (print_help(o->self, o->target ? targets_find(o->target) : NULL), 0);
    if (ev == ARG_FOREIGN) {
        o->pend[o->npend++] = (Pending){p->written, p->written[p->written_len] ? NULL : p->value};
        return -1;
    }
    switch (p->opt->id) {
    case OPT_TARGET: o->target = p->value; break;
    case OPT_OUTPUT: o->outdir = p->value; break;
    case OPT_FSYNC: o->fsync = true; break;
    case OPT_FROM: o->from = p->value; break;
    case OPT_ALLOW_BREAKING: o->allow_breaking = true; break;
    case OPT_LIST_TARGETS: targets_list(stdout); return 0;
    default: break;
    }
    return -1;
}

static int run(const CliCommand *self, int argc, char **argv)
{
    CliInputs in;
    if (cli_inputs_init(&in, "dcc gen", argc) != 0) return CLI_EXIT_USAGE;
    GenOptions o = {self, NULL, NULL, NULL, false, false, calloc((size_t)argc + 1, sizeof *o.pend), 0};
    if (!o.pend) {
        cli_inputs_free(&in);
        fputs("dcc: out of memory\n", stderr);
        return CLI_EXIT_USAGE;
    }
    /* a target's options are known only once -t is: they wait in o.pend */
    int rc = cli_parse(self, &in, argc, argv, true, take, &o);
    const char *target = o.target, *outdir = o.outdir;
    if (rc < 0 && !target) rc = args_usage_error(in.prog, "-t TARGET is required (dcc gen --list-targets)");
    if (rc < 0 && !outdir) rc = args_usage_error(in.prog, "-o DIR is required");
    const Target *t = rc < 0 ? targets_find(target) : NULL;
    if (rc < 0 && !t) rc = unknown_target(in.prog, target);
    if (rc < 0 && targets_takes_from(t) && !o.from) rc = args_usage_error(in.prog, "target %s needs --from OLD", t->name);
    if (rc < 0 && !targets_takes_from(t) && (o.from || o.allow_breaking))
        rc = args_usage_error(in.prog, "target %s takes no %s", t->name, o.from ? "--from" : "--allow-breaking");
    const char **values = t ? calloc(t->noptions + 1, sizeof *values) : NULL;
    if (rc < 0 && !values) rc = (fputs("dcc: out of memory\n", stderr), CLI_EXIT_USAGE);
    if (rc < 0) rc = target_options(self, in.prog, t, o.pend, o.npend, values);
    if (rc < 0 && in.nfiles == 0) rc = args_usage_error(in.prog, "no input files");
    const char *why;
    if (rc < 0 && targets_needs_libxml2(t) && !xmllib_load(&why))
        rc = (fprintf(stderr, "%s: target %s needs libxml2: %s\n", in.prog, t->name, why), CLI_EXIT_USAGE);
    if (rc < 0) {
        Compilation c;
        rc = cli_compile_inputs(&c, &in);
        /* OLD is checked in the same compilation: its errors are reported like NEW's */
        const Contract *from = o.from ? compile_file(&c, o.from) : NULL;
        if (o.from && !from && rc == 0) {
            FILE *fp = fopen(o.from, "rb"); /* unreadable: an I/O error, like an input's */
            rc = fp && c.diags.errors ? CLI_EXIT_CONTRACT : CLI_EXIT_USAGE;
            if (fp) fclose(fp);
        }
        if (rc == 0 && c.diags.errors) rc = CLI_EXIT_CONTRACT;
        if (rc == 0) rc = gen_run(&c, t, values, outdir, o.fsync, in.files, in.nfiles, from, o.allow_breaking);
        cli_report(&c.diags, &in, stdout);
        compile_free(&c);
    }
    free(values);
    free(o.pend);
    cli_inputs_free(&in);
    return rc;
}

const CliCommand cli_cmd_gen = {
    "gen",
    "generate code and artifacts from contracts",
    "-t TARGET -o DIR [options] FILE...",
    "Checks each FILE and, when there are no errors, writes the target's files for every dataset\n"
    "into DIR. Nothing is written when any contract has errors; files whose content is unchanged\n"
    "are not touched, and each file is replaced atomically (with --fsync, also flushed to the\n"
    "disk). A target's own options are given as --NAME VALUE; `dcc gen -t TARGET --help` and\n"
    "--list-targets show them.\n"
    "With --from OLD (target sql-migration) the output leads from OLD to each FILE; a change\n"
    "that could lose or break stored data is an error unless --allow-breaking is given.",
    options,
    sizeof options / sizeof options[0],
    run,
};
