/* cmd_fmt.c - `dcc fmt`: print contracts in the one canonical layout, keeping every comment. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "compile.h"
#include "dump.h"
#include "fmt.h"
#include "outfile.h"
#include "parse.h"
#include "strbuf.h"

enum { OPT_WRITE = 1, OPT_CHECK, OPT_DUMP };

static const ArgOption options[] = {
    {"--write", "-w", NULL, "rewrite files in place (atomically; unchanged files untouched)", NULL, NULL, OPT_WRITE, 0},
    {"--check", NULL, NULL, "print nothing but the names of files that are not formatted;\nexit 1 if there are any",
     NULL, NULL, OPT_CHECK, 0},
    CLI_OPTION_DIAGNOSTICS("text (default) or json"),
    CLI_OPTION_COLOR("auto, always, never"),
    /* Not in the help: meaning-preservation tests compare model dumps. */
    {"--dump", NULL, NULL, NULL, NULL, NULL, OPT_DUMP, 0},
    /* Not in the help: accepted (and without effect) as they always were, so scripts that pass a
     * compiling command's options to fmt keep working. */
    CLI_OPTION_INCLUDE(NULL),
    CLI_OPTION_WERROR(NULL),
};

/* Formats (or checks, rewrites, dumps) one file; returns its exit status. */
static int fmt_one(const CliInputs *in, const char *path, bool write, bool check, bool dump)
{
    bool is_stdin = strcmp(path, "-") == 0;
    if (is_stdin && write) return args_usage_error(in->prog, "cannot rewrite standard input in place");
    Arena *a = arena_new();
    SourceSet sources;
    source_set_init(&sources, a);
    DiagSink diags;
    diag_init(&diags, a, &sources);
    const char *err = NULL;
    int64_t id = source_load(&sources, path, &err); /* "-": standard input */
    if (id < 0) {
        fprintf(stderr, "dcc fmt: cannot read '%s': %s [%s]\n", is_stdin ? "<stdin>" : path, err,
                diag_code_id(D_IO_ERROR));
        arena_free(a);
        return CLI_EXIT_USAGE;
    }
    /* Other input languages (ODCS YAML) are read by their front end for --dump; their canonical
     * layout in the dcc language is what `dcc import` prints. */
    const SourceFile *in_src = sources.files[id];
    const FrontEnd *fe = compile_front_end(path, in_src->text, in_src->len);
    if (strcmp(fe->name, "dcc") != 0 && !dump) {
        fprintf(stderr, "dcc fmt: '%s' is %s; `dcc import %s %s` writes it in the dcc language\n", path, fe->summary,
                fe->name, path);
        arena_free(a);
        return CLI_EXIT_USAGE;
    }
    ParsedFile *pf = fe->parse(a, &diags, &sources, (uint32_t)id, &(SearchPath){NULL, 0});
    if (diags.errors || !pf || !pf->unit) {
        cli_report(&diags, in, stdout);
        arena_free(a);
        return CLI_EXIT_CONTRACT;
    }
    int rc = 0;
    const SourceFile *src = sources.files[id];
    StrBuf out;
    sb_init(&out);
    if (dump) dump_unit(&out, pf->unit);
    else fmt_file(&out, pf, src);
    if (dump || (!check && !write)) {
        if (fwrite(out.data, 1, out.len, stdout) != out.len || fflush(stdout) != 0) {
            fprintf(stderr, "dcc fmt: cannot write standard output: %s\n", strerror(errno));
            rc = CLI_EXIT_USAGE;
        }
    } else if (check) {
        if (out.len != src->len || memcmp(out.data, src->text, out.len) != 0) {
            printf("%s\n", path);
            rc = CLI_EXIT_CONTRACT;
        }
    } else if (write) {
        const char *err = NULL;
        if (outfile_write(path, out.data, out.len, &err) != 0) {
            fprintf(stderr, "dcc fmt: cannot write '%s': %s\n", path, err);
            rc = CLI_EXIT_USAGE;
        }
    }
    sb_free(&out);
    arena_free(a);
    return rc;
}

typedef struct {
    bool write, check, dump;
} FmtOptions;

static int take(void *ud, ArgEvent ev, const ArgParser *p)
{
    FmtOptions *o = ud;
    if (ev != ARG_OPTION) return CLI_USUAL_HELP;
    if (p->opt->id == OPT_WRITE) o->write = true;
    else if (p->opt->id == OPT_CHECK) o->check = true;
    else if (p->opt->id == OPT_DUMP) o->dump = true;
    return -1;
}

static int run(const CliCommand *self, int argc, char **argv)
{
    CliInputs in;
    if (cli_inputs_init(&in, "dcc fmt", argc) != 0) return CLI_EXIT_USAGE;
    FmtOptions o = {false, false, false};
    int rc = cli_parse(self, &in, argc, argv, false, take, &o);
    bool write = o.write, check = o.check, dump = o.dump;
    if (rc < 0 && write && check) rc = args_usage_error(in.prog, "-w and --check exclude each other");
    if (rc < 0 && in.nfiles == 0) rc = args_usage_error(in.prog, "no input files");
    if (rc < 0) {
        /* Every file is done even after one fails; the status is the first failure's, except that
         * a usage or I/O error (2) outranks unformatted files or contract errors (1). */
        rc = 0;
        for (size_t i = 0; i < in.nfiles; i++) {
            int r = fmt_one(&in, in.files[i], write, check, dump);
            if (r == CLI_EXIT_USAGE || (r && rc == 0)) rc = r;
            if (ferror(stdout)) break; /* said; the next files' output would fail the same way */
        }
    }
    cli_inputs_free(&in);
    return rc;
}

const CliCommand cli_cmd_fmt = {
    "fmt",
    "print contracts in the canonical layout",
    "[-w | --check] [options] FILE...",
    "Prints each FILE in dcc's one canonical layout, keeping every comment. The output parses\n"
    "to the same contract, and formatting it again changes nothing. FILE may be - for stdin.",
    options,
    sizeof options / sizeof options[0],
    run,
};
