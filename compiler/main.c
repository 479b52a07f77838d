/* main.c - the dcc command line: argument parsing and dispatch to the compiler's commands.
 * Exit status everywhere: 0 clean, 1 contract errors (or fmt --check found changes),
 * 2 usage or I/O errors. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd_gen.h"
#include "cmd_validate.h"
#include "compile.h"
#include "diag.h"
#include "dump.h"
#include "fmt.h"
#include "outfile.h"
#include "parse.h"
#include "strbuf.h"

#define EXIT_CONTRACT 1
#define EXIT_USAGE 2

typedef enum { COLOR_AUTO, COLOR_ALWAYS, COLOR_NEVER } ColorMode;

/* Options shared by every command that reports diagnostics. */
typedef struct {
    const char **include_dirs;
    size_t ninclude;
    bool werror;
    bool json;
    ColorMode color;
    const char **files;
    size_t nfiles;
    /* fmt */
    bool write, check, dump;
    /* validate */
    ValidateOptions v;
    /* gen */
    const char *target, *outdir;
} Options;

typedef struct {
    const char *name;
    const char *summary;
    const char *usage; /* full help text */
    int (*run)(Options *o);
    enum { FLAGS_CHECK, FLAGS_FMT, FLAGS_VALIDATE, FLAGS_GEN } flags;
} Command;

static int cmd_check(Options *o);
static int cmd_fmt(Options *o);
static int cmd_validate(Options *o);
static int cmd_gen(Options *o);

static const Command commands[] = {
    {"check", "parse, resolve imports and check contracts",
     "usage: dcc check [options] FILE...\n"
     "\n"
     "Parses each FILE and every file it imports, and checks them. Prints diagnostics and exits\n"
     "0 when there are no errors, 1 when there are, 2 on usage or I/O errors.\n"
     "\n"
     "options:\n"
     "  -I DIR                 search DIR for imports (after the importing file's folder);\n"
     "                         may be given several times\n"
     "  -Werror                treat warnings as errors\n"
     "  --diagnostics=FORMAT   text (default) or json\n"
     "  --color=WHEN           auto (default: when stderr is a terminal), always, never\n"
     "  -h, --help             show this help\n",
     cmd_check, FLAGS_CHECK},
    {"fmt", "print contracts in the canonical layout",
     "usage: dcc fmt [-w | --check] [options] FILE...\n"
     "\n"
     "Prints each FILE in dcc's one canonical layout, keeping every comment. The output parses\n"
     "to the same contract, and formatting it again changes nothing. FILE may be - for stdin.\n"
     "\n"
     "options:\n"
     "  -w, --write            rewrite files in place (atomically; unchanged files untouched)\n"
     "  --check                print nothing but the names of files that are not formatted;\n"
     "                         exit 1 if there are any\n"
     "  --diagnostics=FORMAT   text (default) or json\n"
     "  --color=WHEN           auto, always, never\n"
     "  -h, --help             show this help\n",
     cmd_fmt, FLAGS_FMT},
    {"gen", "generate code and artifacts from contracts",
     "usage: dcc gen -t TARGET -o DIR [options] FILE...\n"
     "\n"
     "Checks each FILE and, when there are no errors, writes the target's files for every dataset\n"
     "into DIR. Nothing is written when any contract has errors; files whose content is unchanged\n"
     "are not touched, and each file is replaced atomically.\n"
     "\n"
     "options:\n"
     "  -t, --target TARGET    what to generate; `dcc gen --list-targets` lists them\n"
     "  -o, --output DIR       output folder (created when missing)\n"
     "  -I DIR                 search DIR for imports\n"
     "  -Werror                treat warnings as errors\n"
     "  --diagnostics=FORMAT   text (default) or json\n"
     "  --color=WHEN           auto, always, never\n"
     "  -h, --help             show this help\n",
     cmd_gen, FLAGS_GEN},
    {"validate", "validate data files against a dataset of a contract",
     "usage: dcc validate CONTRACT --dataset NAME [options] [DATA... | -]\n"
     "\n"
     "Validates JSON Lines or CSV data against dataset NAME of CONTRACT, record by record and then\n"
     "against the dataset's quality rules, with the same runtime that generated C validators link.\n"
     "Reads standard input when no DATA is given. Exit status: 0 when the data meets the contract,\n"
     "1 when it does not, 2 on usage or I/O errors or when the contract itself has errors.\n"
     "\n"
     "options:\n"
     "  -d, --dataset NAME     the dataset to validate against (required)\n"
     "  --format FORMAT        jsonl or csv (default: from the file name; jsonl for stdin)\n"
     "  --delimiter CHAR       CSV field delimiter (default ,)\n"
     "  --no-header            CSV without a header row: columns in declaration order\n"
     "  --now TIME             the time freshness rules measure against (RFC 3339, e.g.\n"
     "                         2026-11-25T12:00:00.5Z; default: the clock)\n"
     "  --skip-quality         check records only, not the dataset's quality rules\n"
     "  --max-errors N         print at most N violations (all are still counted)\n"
     "  --report FORMAT        text (default) or json\n"
     "  -I DIR                 search DIR for the contract's imports\n"
     "  -h, --help             show this help\n",
     cmd_validate, FLAGS_VALIDATE},
};
#define NCOMMANDS (sizeof commands / sizeof commands[0])

static void print_main_help(FILE *out)
{
    fputs("dcc - the data contract compiler\n"
          "\n"
          "usage: dcc COMMAND [options] FILE...\n"
          "\n"
          "commands:\n",
          out);
    for (size_t i = 0; i < NCOMMANDS; i++)
        fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].summary);
    fputs("\n"
          "global options:\n"
          "  -h, --help      show this help, or a command's help after the command\n"
          "  --version       print the version\n"
          "\n"
          "Exit status: 0 success, 1 contract errors, 2 usage or I/O errors.\n"
          "See dcc(1) and docs/ for the language and the diagnostics.\n",
          out);
}

static int usage_error(const Command *c, const char *fmt, const char *arg)
{
    fprintf(stderr, "dcc%s%s: ", c ? " " : "", c ? c->name : "");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\nTry 'dcc %s%s--help'.\n", c ? c->name : "", c ? " " : "");
    return EXIT_USAGE;
}

static bool use_color(const Options *o)
{
    if (o->color == COLOR_ALWAYS) return true;
    if (o->color == COLOR_NEVER) return false;
    const char *no = getenv("NO_COLOR");
    if (no && *no) return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0) return false;
    return isatty(STDERR_FILENO);
}

/* Parses an RFC 3339 timestamp (with Z or an offset) into Unix seconds and nanoseconds, with the
 * validator's own reader so that --now means what the data's timestamps mean. */
static bool parse_instant(const char *s, int64_t *out, int32_t *nanos)
{
    return dcc_temporal_parse(DCC_TIMESTAMPTZ, s, strlen(s), out, nanos, NULL) == DCC_TEMPORAL_OK;
}

/* One `dcc validate` option at argv[*i]. Returns -1 when handled, else an exit status. */
static int parse_validate_option(const Command *c, int argc, char **argv, int *i, ValidateOptions *v)
{
    const char *a = argv[*i];
    const char *val = NULL;
    static const char *const with_value[] = {"-d", "--dataset", "--format", "--delimiter", "--now",
                                             "--max-errors", "--report"};
    for (size_t k = 0; k < sizeof with_value / sizeof with_value[0]; k++) {
        size_t n = strlen(with_value[k]);
        if (strcmp(a, with_value[k]) == 0) {
            if (*i + 1 >= argc) return usage_error(c, "option '%s' needs a value", a);
            val = argv[++*i];
        } else if (strncmp(a, with_value[k], n) == 0 && a[n] == '=' && with_value[k][1] == '-') {
            val = a + n + 1;
        } else continue;
        a = with_value[k];
        break;
    }
    if (strcmp(a, "--skip-quality") == 0) v->skip_quality = true;
    else if (strcmp(a, "--no-header") == 0) v->no_header = true;
    else if (!val) return usage_error(c, "unknown option '%s'", a);
    else if (strcmp(a, "-d") == 0 || strcmp(a, "--dataset") == 0) v->dataset = val;
    else if (strcmp(a, "--format") == 0) {
        v->format_given = true;
        if (strcmp(val, "jsonl") == 0) v->format = DCC_FORMAT_JSONL;
        else if (strcmp(val, "csv") == 0) v->format = DCC_FORMAT_CSV;
        else return usage_error(c, "unknown format '%s' (jsonl or csv)", val);
    } else if (strcmp(a, "--delimiter") == 0) {
        if (strcmp(val, "\\t") == 0 || strcmp(val, "tab") == 0) v->delimiter = '\t';
        else if (strlen(val) == 1 && val[0] != '"' && val[0] != '\n' && val[0] != '\r') v->delimiter = val[0];
        else return usage_error(c, "the delimiter '%s' must be one character other than a quote or newline", val);
    } else if (strcmp(a, "--now") == 0) {
        v->now_given = true;
        if (!parse_instant(val, &v->now, &v->now_nanos)) return usage_error(c, "--now needs an RFC 3339 timestamp such as 2026-11-25T12:00:00Z, not '%s'", val);
    } else if (strcmp(a, "--max-errors") == 0) {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(val, &end, 10);
        if (errno || *end || !*val || val[0] == '-') return usage_error(c, "--max-errors needs a number, not '%s'", val);
        v->max_errors = n;
    } else if (strcmp(a, "--report") == 0) {
        if (strcmp(val, "json") == 0) v->json = true;
        else if (strcmp(val, "text") == 0) v->json = false;
        else return usage_error(c, "unknown report format '%s' (text or json)", val);
    }
    return -1;
}

/* Parses options after the command name. Returns -1 to continue, or an exit status. */
static int parse_options(const Command *c, int argc, char **argv, Options *o)
{
    o->include_dirs = calloc((size_t)argc + 1, sizeof *o->include_dirs);
    o->files = calloc((size_t)argc + 1, sizeof *o->files);
    if (!o->include_dirs || !o->files) {
        fputs("dcc: out of memory\n", stderr);
        return EXIT_USAGE;
    }
    bool only_files = false;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        if (only_files || a[0] != '-' || strcmp(a, "-") == 0) {
            o->files[o->nfiles++] = a;
        } else if (strcmp(a, "--") == 0) {
            only_files = true;
        } else if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            fputs(c->usage, stdout);
            return 0;
        } else if (strcmp(a, "-I") == 0) {
            if (i + 1 >= argc) return usage_error(c, "option '%s' needs a folder", a);
            o->include_dirs[o->ninclude++] = argv[++i];
        } else if (strncmp(a, "-I", 2) == 0) {
            o->include_dirs[o->ninclude++] = a + 2;
        } else if (strcmp(a, "-Werror") == 0) {
            o->werror = true;
        } else if (strncmp(a, "--diagnostics=", 14) == 0) {
            if (strcmp(a + 14, "json") == 0) o->json = true;
            else if (strcmp(a + 14, "text") == 0) o->json = false;
            else return usage_error(c, "unknown diagnostics format '%s' (text or json)", a + 14);
        } else if (strncmp(a, "--color=", 8) == 0) {
            if (strcmp(a + 8, "auto") == 0) o->color = COLOR_AUTO;
            else if (strcmp(a + 8, "always") == 0) o->color = COLOR_ALWAYS;
            else if (strcmp(a + 8, "never") == 0) o->color = COLOR_NEVER;
            else return usage_error(c, "unknown colour mode '%s' (auto, always, never)", a + 8);
        } else if (c->flags == FLAGS_FMT && (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0)) {
            o->write = true;
        } else if (c->flags == FLAGS_FMT && strcmp(a, "--check") == 0) {
            o->check = true;
        } else if (c->flags == FLAGS_FMT && strcmp(a, "--dump") == 0) {
            o->dump = true; /* undocumented: meaning-preservation tests compare model dumps */
        } else if (c->flags == FLAGS_GEN && strcmp(a, "--list-targets") == 0) {
            gen_list_targets(stdout);
            return 0;
        } else if (c->flags == FLAGS_GEN && (strcmp(a, "-t") == 0 || strcmp(a, "--target") == 0)) {
            if (i + 1 >= argc) return usage_error(c, "option '%s' needs a target", a);
            o->target = argv[++i];
        } else if (c->flags == FLAGS_GEN && (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0)) {
            if (i + 1 >= argc) return usage_error(c, "option '%s' needs a folder", a);
            o->outdir = argv[++i];
        } else if (c->flags == FLAGS_VALIDATE) {
            int rc = parse_validate_option(c, argc, argv, &i, &o->v);
            if (rc >= 0) return rc;
        } else {
            return usage_error(c, "unknown option '%s'", a);
        }
    }
    if (o->write && o->check) return usage_error(c, "%s", "-w and --check exclude each other");
    if (c->flags == FLAGS_VALIDATE) {
        if (o->nfiles == 0) return usage_error(c, "%s", "no contract given");
        if (!o->v.dataset) return usage_error(c, "%s", "--dataset NAME is required");
        return -1;
    }
    if (c->flags == FLAGS_GEN) {
        if (!o->target) return usage_error(c, "%s", "-t TARGET is required (dcc gen --list-targets)");
        if (!o->outdir) return usage_error(c, "%s", "-o DIR is required");
        if (!gen_find_target(o->target)) return usage_error(c, "unknown target '%s' (dcc gen --list-targets)", o->target);
    }
    if (o->nfiles == 0) return usage_error(c, "%s", "no input files");
    return -1;
}

static void report_to(DiagSink *d, const Options *o, FILE *json_out)
{
    diag_sort(d);
    if (o->json) diag_print_json(d, json_out);
    else diag_print_text(d, stderr, use_color(o));
}

static void report(DiagSink *d, const Options *o) { report_to(d, o, stdout); }

/* A file named on the command line that cannot be read is a usage/I-O problem (exit 2), not a
 * contract error; imports that cannot be read are contract errors reported at the import. */
static bool readable_file(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || S_ISDIR(st.st_mode)) return false;
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    fclose(fp);
    return true;
}

/* Sets up a compilation with the command's options and compiles every file named on the
 * command line. Returns the exit status so far: 0, EXIT_CONTRACT or EXIT_USAGE. */
static int compile_roots(Compilation *c, const Options *o)
{
    compile_init(c);
    c->include_dirs = o->include_dirs;
    c->ninclude = o->ninclude;
    c->diags.werror = o->werror;
    bool io_error = false;
    for (size_t i = 0; i < o->nfiles; i++)
        if (!compile_file(c, o->files[i]) && !readable_file(o->files[i])) io_error = true;
    return io_error ? EXIT_USAGE : c->diags.errors ? EXIT_CONTRACT : 0;
}

static int cmd_check(Options *o)
{
    Compilation c;
    int rc = compile_roots(&c, o);
    report(&c.diags, o);
    compile_free(&c);
    return rc;
}

static int cmd_validate(Options *o)
{
    o->v.contract = o->files[0];
    o->v.data = o->files + 1;
    o->v.ndata = o->nfiles - 1;
    static const char *const stdin_only[] = {"-"};
    if (o->v.ndata == 0) {
        o->v.data = (const char **)stdin_only;
        o->v.ndata = 1;
    }
    o->v.progress = isatty(STDERR_FILENO) && !o->v.json;
    Compilation c;
    compile_init(&c);
    c.include_dirs = o->include_dirs;
    c.ninclude = o->ninclude;
    int rc = validate_run(&o->v, &c);
    if (c.diags.first) report_to(&c.diags, o, stderr);
    if (rc == VALIDATE_CONTRACT_BROKEN) {
        fprintf(stderr, "dcc validate: the contract has errors; fix them first (dcc check %s)\n", o->v.contract);
        rc = EXIT_USAGE;
    }
    compile_free(&c);
    return rc;
}

static int cmd_gen(Options *o)
{
    Compilation c;
    int rc = compile_roots(&c, o);
    if (rc == 0) rc = gen_run(&c, o->target, o->outdir, o->files, o->nfiles);
    report(&c.diags, o);
    compile_free(&c);
    return rc;
}

/* Reads all of stdin into a heap buffer. */
static char *read_stdin(size_t *len)
{
    size_t cap = 65536, n = 0;
    char *buf = malloc(cap);
    if (!buf) return NULL;
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, stdin)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                return NULL;
            }
            buf = nb;
        }
    }
    *len = n;
    return buf;
}

static int cmd_fmt(Options *o)
{
    int rc = 0;
    for (size_t i = 0; i < o->nfiles; i++) {
        const char *path = o->files[i];
        bool is_stdin = strcmp(path, "-") == 0;
        if (is_stdin && o->write) {
            rc = usage_error(&commands[1], "%s", "cannot rewrite standard input in place");
            continue;
        }
        Arena *a = arena_new();
        SourceSet sources;
        source_set_init(&sources, a);
        DiagSink diags;
        diag_init(&diags, a, &sources);
        int64_t id;
        if (is_stdin) {
            size_t len = 0;
            char *text = read_stdin(&len);
            if (!text) {
                fputs("dcc fmt: cannot read standard input\n", stderr);
                arena_free(a);
                rc = EXIT_USAGE;
                continue;
            }
            id = source_add(&sources, "<stdin>", text, len);
            free(text);
        } else {
            const char *err = NULL;
            id = source_load(&sources, path, &err);
            if (id < 0) {
                fprintf(stderr, "dcc fmt: cannot read '%s': %s [%s]\n", path, err, diag_code_id(D_IO_ERROR));
                arena_free(a);
                rc = EXIT_USAGE;
                continue;
            }
        }
        ParsedFile *pf = parse_file(a, &diags, &sources, (uint32_t)id);
        if (diags.errors || !pf || !pf->unit) {
            report(&diags, o);
            if (rc == 0) rc = EXIT_CONTRACT;
            arena_free(a);
            continue;
        }
        const SourceFile *src = sources.files[id];
        StrBuf out;
        sb_init(&out);
        if (o->dump) dump_unit(&out, pf->unit);
        else fmt_file(&out, pf, src);
        if (o->dump) {
            fwrite(out.data, 1, out.len, stdout);
        } else if (o->check) {
            if (out.len != src->len || memcmp(out.data, src->text, out.len) != 0) {
                printf("%s\n", path);
                if (rc == 0) rc = EXIT_CONTRACT;
            }
        } else if (o->write) {
            const char *err = NULL;
            if (outfile_write(path, out.data, out.len, &err) != 0) {
                fprintf(stderr, "dcc fmt: cannot write '%s': %s\n", path, err);
                rc = EXIT_USAGE;
            }
        } else {
            fwrite(out.data, 1, out.len, stdout);
        }
        sb_free(&out);
        arena_free(a);
    }
    return rc;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        print_main_help(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "-h") == 0 || strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        if (argc > 2) {
            for (size_t i = 0; i < NCOMMANDS; i++)
                if (strcmp(argv[2], commands[i].name) == 0) {
                    fputs(commands[i].usage, stdout);
                    return 0;
                }
            return usage_error(NULL, "unknown command '%s'", argv[2]);
        }
        print_main_help(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("dcc %s\n", DCC_VERSION);
        return 0;
    }
    if (strncmp(cmd, "--list-diagnostics", 18) == 0) {
        diag_print_markdown(stdout);
        return 0;
    }
    if (strncmp(cmd, "--list-rules", 12) == 0) {
        /* The validation rule table of docs/validation.md, from runtime/dcc_rules.def. */
        fputs("| code | rule |\n|---|---|\n", stdout);
        for (int r = 0; r < DCC_RULE_COUNT; r++)
            printf("| %s | %s |\n", dcc_rule_code((dcc_rule)r), dcc_rule_summary((dcc_rule)r));
        return 0;
    }
    for (size_t i = 0; i < NCOMMANDS; i++) {
        if (strcmp(cmd, commands[i].name) != 0) continue;
        Options o;
        memset(&o, 0, sizeof o);
        int rc = parse_options(&commands[i], argc - 2, argv + 2, &o);
        if (rc < 0) rc = commands[i].run(&o);
        free(o.include_dirs);
        free(o.files);
        return rc;
    }
    return usage_error(NULL, "unknown command '%s'", cmd);
}
