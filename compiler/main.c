/* main.c - the dcc command line: argument parsing and dispatch to the compiler's commands.
 * Exit status everywhere: 0 clean, 1 contract errors (or fmt --check found changes),
 * 2 usage or I/O errors. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

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
} Options;

typedef struct {
    const char *name;
    const char *summary;
    const char *usage; /* full help text */
    int (*run)(Options *o);
    bool fmt_flags;
} Command;

static int cmd_check(Options *o);
static int cmd_fmt(Options *o);

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
     cmd_check, false},
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
     cmd_fmt, true},
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
        } else if (c->fmt_flags && (strcmp(a, "-w") == 0 || strcmp(a, "--write") == 0)) {
            o->write = true;
        } else if (c->fmt_flags && strcmp(a, "--check") == 0) {
            o->check = true;
        } else if (c->fmt_flags && strcmp(a, "--dump") == 0) {
            o->dump = true; /* undocumented: meaning-preservation tests compare model dumps */
        } else {
            return usage_error(c, "unknown option '%s'", a);
        }
    }
    if (o->write && o->check) return usage_error(c, "%s", "-w and --check exclude each other");
    if (o->nfiles == 0) return usage_error(c, "%s", "no input files");
    return -1;
}

static void report(DiagSink *d, const Options *o)
{
    diag_sort(d);
    if (o->json) diag_print_json(d, stdout);
    else diag_print_text(d, stderr, use_color(o));
}

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

static int cmd_check(Options *o)
{
    Compilation c;
    compile_init(&c);
    c.include_dirs = o->include_dirs;
    c.ninclude = o->ninclude;
    c.diags.werror = o->werror;
    bool io_error = false;
    for (size_t i = 0; i < o->nfiles; i++) {
        if (!compile_file(&c, o->files[i]) && !readable_file(o->files[i])) io_error = true;
    }
    report(&c.diags, o);
    int rc = io_error ? EXIT_USAGE : c.diags.errors ? EXIT_CONTRACT : 0;
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
