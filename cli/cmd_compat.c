/* cmd_compat.c - `dcc compat`: is NEW compatible with OLD under a mode, and does its version say
 * what changed? OLD comes from files, or from git (`--against REF`: the same file at REF, with its
 * imports, taken from `git archive`). The engine is compiler/compat.c; the reports are
 * compat_report.c. Exit 0 compatible, 1 not (a break in the mode or a version that does not meet
 * the rule), 2 usage or I/O errors or contracts with errors. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"
#include "compat_report.h"

enum { OPT_MODE = 1, OPT_TRANSITIVE, OPT_FORMAT, OPT_AGAINST, OPT_LIST_RULES, OPT_PATTERN_LIMIT };


static const ArgOption options[] = {
    {"--mode", "-m", "MODE", "none, backward, forward or full (default: what NEW declares\nwith `compatibility`)",
     compat_modes, "mode", OPT_MODE, 0},
    {"--transitive", NULL, NULL, "check NEW against every OLD, not only the latest\n(default: what NEW declares)", NULL,
     NULL, OPT_TRANSITIVE, 0},
    {"--against", NULL, "REF", "compare each FILE with the same file at git REF", NULL, "git revision", OPT_AGAINST, 0},
    {"--format", "-f", "FORMAT", "text (default), json, sarif, junit, github or markdown", compat_formats,
     "report format", OPT_FORMAT, 0},
    {"--pattern-limit", NULL, "N", "compare two patterns' automata through at most N states\n(default 2000000); past it a change is CMP510, undecided", NULL,
     "number of states", OPT_PATTERN_LIMIT, 0},
    {"--list-rules", NULL, NULL, "print the rule catalogue as a Markdown table and exit", NULL, NULL, OPT_LIST_RULES, 0},
    CLI_OPTION_INCLUDE("search DIR for imports (after the importing file's folder);\nmay be given several times"),
    CLI_OPTION_DIAGNOSTICS("how errors in the contracts are printed: text (default) or json"),
    CLI_OPTION_COLOR("auto (default: when stdout is a terminal), always, never"),
};

typedef struct {
    CompatRun run;
    const char *against;
    bool list_rules;
} Opts;

static int take(void *ud, ArgEvent ev, const ArgParser *p)
{
    Opts *o = ud;
    if (ev == ARG_HELP) return CLI_USUAL_HELP;
    switch (p->opt->id) {
    case OPT_MODE: o->run.mode = p->choice; break;
    case OPT_TRANSITIVE: o->run.transitive = true; break;
    case OPT_FORMAT: o->run.format = (CompatFormat)p->choice; break;
    case OPT_AGAINST: o->against = p->value; break;
    case OPT_LIST_RULES: o->list_rules = true; break;
    case OPT_PATTERN_LIMIT: {
        char *end;
        unsigned long long v = strtoull(p->value, &end, 10);
        if (!*p->value || *end || v == 0 || p->value[0] == '-')
            return args_usage_error(p->prog, "--pattern-limit takes a positive number, not '%s'", p->value);
        o->run.pattern_limit = (size_t)v;
        break;
    }
    default: break;
    }
    return -1;
}

/* ---- git ------------------------------------------------------------------------------------- */

/* Runs argv (no shell: a REF is never interpreted), stdout to out_path when given. Returns the
 * exit status, or -1 when it could not run. */
static int run_program(char *const argv[], const char *out_path, const char *dir)
{
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) return -1;
    if (pid == 0) {
        if (dir && chdir(dir) != 0) _exit(127);
        if (out_path) {
            FILE *f = freopen(out_path, "wb", stdout);
            if (!f) _exit(127);
        }
        execvp(argv[0], argv);
        _exit(127);
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR) return -1;
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    remove(path);
    return 0;
}

/* The repository's top folder, read from `git rev-parse --show-toplevel` run in dir. */
static char *git_toplevel(Arena *a, const char *tmp)
{
    const char *out = arena_printf(a, "%s/toplevel", tmp);
    char *argv[] = {"git", "rev-parse", "--show-toplevel", NULL};
    if (run_program(argv, out, NULL) != 0) return NULL;
    FILE *f = fopen(out, "rb");
    if (!f) return NULL;
    char buf[PATH_MAX + 2];
    char *line = fgets(buf, sizeof buf, f);
    fclose(f);
    if (!line) return NULL;
    buf[strcspn(buf, "\r\n")] = '\0';
    return arena_strdup(a, buf);
}

/* ---- the command ------------------------------------------------------------------------------- */

/* --against REF: the repository's tree at REF is unpacked into a temporary folder, so that each
 * FILE's imports resolve as they were at REF. */
static int against(const CliInputs *in, const Opts *o)
{
    char tmp[] = "/tmp/dcc-compat-XXXXXX";
    if (!mkdtemp(tmp)) {
        fprintf(stderr, "%s: cannot create a temporary folder: %s\n", in->prog, strerror(errno));
        return CLI_EXIT_USAGE;
    }
    Arena *a = arena_new();
    int rc = 0;
    char *top = git_toplevel(a, tmp);
    const char *tar = arena_printf(a, "%s/ref.tar", tmp), *tree = arena_printf(a, "%s/tree", tmp);
    char *archive[] = {"git", "archive", "--format=tar", "-o", (char *)tar, (char *)o->against, "--", NULL};
    char *untar[] = {"tar", "-xf", (char *)tar, "-C", (char *)tree, NULL};
    if (!top) {
        fprintf(stderr, "%s: --against needs a git repository (git rev-parse failed)\n", in->prog);
        rc = CLI_EXIT_USAGE;
    } else if (mkdir(tree, 0700) != 0 || run_program(archive, NULL, top) != 0 || run_program(untar, NULL, NULL) != 0) {
        fprintf(stderr, "%s: cannot read revision '%s' with git archive\n", in->prog, o->against);
        rc = CLI_EXIT_USAGE;
    }
    CompatJob *jobs = arena_alloc(a, (in->nfiles + 1) * sizeof *jobs);
    size_t tl = top ? strlen(top) : 0;
    for (size_t i = 0; rc == 0 && i < in->nfiles; i++) {
        char real[PATH_MAX];
        if (!realpath(in->files[i], real)) {
            fprintf(stderr, "%s: cannot read '%s': %s\n", in->prog, in->files[i], strerror(errno));
            rc = CLI_EXIT_USAGE;
            break;
        }
        if (strncmp(real, top, tl) != 0 || real[tl] != '/') {
            fprintf(stderr, "%s: '%s' is outside the git repository %s\n", in->prog, in->files[i], top);
            rc = CLI_EXIT_USAGE;
            break;
        }
        const char *old = arena_printf(a, "%s/%s", tree, real + tl + 1);
        jobs[i].new_path = in->files[i];
        jobs[i].old_paths = arena_alloc(a, sizeof *jobs[i].old_paths);
        jobs[i].old_paths[0] = compat_readable(old) ? old : NULL;
        jobs[i].nold = 1;
    }
    if (rc == 0) rc = compat_run(in, &o->run, jobs, in->nfiles, tmp, o->against);
    nftw(tmp, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    arena_free(a);
    return rc;
}

static int run(const CliCommand *self, int argc, char **argv)
{
    CliInputs in;
    if (cli_inputs_init(&in, "dcc compat", argc) != 0) return CLI_EXIT_USAGE;
    Opts o = {{-1, false, CF_TEXT, false, 0}, NULL, false};
    int rc = cli_parse(self, &in, argc, argv, false, take, &o);
    if (rc < 0 && o.list_rules) {
        compat_print_rules_markdown(stdout);
        rc = 0;
    }
    if (rc < 0 && o.against && in.nfiles == 0) rc = args_usage_error(in.prog, "--against needs at least one FILE");
    if (rc < 0 && !o.against && in.nfiles < 2) rc = args_usage_error(in.prog, "give at least one OLD and the NEW contract");
    if (rc < 0 && o.against) rc = against(&in, &o);
    if (rc < 0) {
        CompatJob job = {in.files[in.nfiles - 1], in.files, (unsigned)(in.nfiles - 1)};
        rc = compat_run(&in, &o.run, &job, 1, NULL, NULL);
    }
    cli_inputs_free(&in);
    return rc;
}

const CliCommand cli_cmd_compat = {
    "compat",
    "check that a new version of a contract keeps its compatibility promise",
    "[options] OLD... NEW\n       dcc compat [options] --against REF FILE...",
    "Compares NEW with OLD: every change of the product, its datasets, fields and types (at any\n"
    "depth), constraints, keys, meaning, service levels and quality rules, each reported under a\n"
    "rule of the catalogue (--list-rules; docs/compat.md) with the promise it breaks:\n"
    "  backward  NEW can read all data written under OLD (consumers upgrade first)\n"
    "  forward   consumers on OLD can read data written under NEW (producers upgrade first)\n"
    "  full      both; none: no promise about data\n"
    "In every mode NEW's version must grow by the bump the changes need: major for a break of the\n"
    "mode's promise (under none: of any), minor for other changes of schema or meaning, patch for\n"
    "documentation; from 0.x a break needs minor. With several OLDs the latest (highest version)\n"
    "is compared, or every one with --transitive.\n"
    "Exit status: 0 compatible and the version meets the rule, 1 not, 2 usage or I/O errors or a\n"
    "contract with errors.",
    options,
    sizeof options / sizeof options[0],
    run,
};
