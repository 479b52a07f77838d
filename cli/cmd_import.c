/* cmd_import.c - `dcc import odcs FILE`: a contract of another standard, checked, then printed in
 * the dcc language by fmt's printer (so in `dcc fmt` layout). What had to be approximated is
 * listed in comments at the top; docs/odcs.md has the whole mapping. */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "fmt.h"
#include "outfile.h"
#include "strbuf.h"

enum { OPT_OUTPUT = 1 };

static const ArgOption options[] = {
    {"--output", "-o", "FILE", "write the contract to FILE (atomically) instead of stdout", NULL, "file", OPT_OUTPUT, 0},
    CLI_OPTION_WERROR("treat warnings as errors"),
    CLI_OPTION_DIAGNOSTICS("text (default) or json"),
    CLI_OPTION_COLOR("auto (default: when stderr is a terminal), always, never"),
};

/* The formats `dcc import` reads: each is the name of a front end of compile.c. */
static const char *const formats[] = {"odcs", NULL};

static int take(void *ud, ArgEvent ev, const ArgParser *p)
{
    if (ev != ARG_OPTION) return CLI_USUAL_HELP;
    if (p->opt->id == OPT_OUTPUT) *(const char **)ud = p->value;
    return -1;
}

/* "// " lines for the header: the text of each line of s, '\n' ending every one. */
static void comment_lines(StrBuf *b, const char *s)
{
    while (*s) {
        const char *nl = strchr(s, '\n');
        size_t n = nl ? (size_t)(nl - s) : strlen(s);
        sb_puts(b, "// ");
        sb_put(b, s, n);
        sb_putc(b, '\n');
        s += n + (nl ? 1 : 0);
    }
}

static int import_one(Compilation *c, const char *path, const char *format, const char *out_path)
{
    const ParsedFile *pf = NULL;
    for (size_t i = 0; i < c->units.len; i++) {
        const Contract *u = c->units.items[i];
        const SourceFile *sf = c->sources.files[u->file];
        if (!strcmp(sf->path, path)) pf = c->parsed.items[i];
    }
    if (!pf || !pf->unit) return CLI_EXIT_CONTRACT;
    const SourceFile *sf = c->sources.files[pf->unit->file];
    if (strcmp(compile_front_end(path, sf->text, sf->len)->name, format)) {
        fprintf(stderr, "dcc import: '%s' is not read as %s\n", path, format);
        return CLI_EXIT_USAGE;
    }
    /* A name the language cannot spell would print a contract that does not parse (DC1199 says
     * where): nothing is written. */
    for (const Diag *g = c->diags.first; g; g = g->next)
        if (g->code == D_ODCS_NAME && g->span.file == pf->unit->file) {
            fprintf(stderr, "dcc import: '%s' has names the dcc language cannot write (DC1199); nothing written\n", path);
            return CLI_EXIT_CONTRACT;
        }
    StrBuf b;
    sb_init(&b);
    const char *base = strrchr(path, '/');
    sb_printf(&b, "// Imported by dcc from %s (%s).\n", base ? base + 1 : path, format);
    /* Every place reading had to approximate, as the warnings said it (each says whether what it
     * names is carried in `meta` or not carried at all). */
    for (const Diag *g = c->diags.first; g; g = g->next) {
        if (g->code != D_ODCS_UNMAPPED || g->span.file != pf->unit->file) continue;
        unsigned line, col;
        source_line_col(sf, g->span.start, &line, &col);
        char *msg = arena_printf(c->arena, "line %u: %s", line, g->message);
        comment_lines(&b, msg);
    }
    comment_lines(&b, "Product metadata (id, team, roles, price, support channels, custom properties) is\n"
                      "carried as metadata items, element metadata (ids, business and physical names,\n"
                      "examples, partitioning) as field and dataset items, and a schema object's,\n"
                      "property's or quality check's other keys (tags, transformLogic, severity, ...)\n"
                      "in its `meta`; what is still not carried is listed in docs/odcs.md (\"Not carried\").");
    /* dccImports names files beside the document (issue 14), and the imports say them so */
    if (pf->unit->imports)
        comment_lines(&b, arena_printf(c->arena, "The imports are ODCS files beside %s, as its dccImports names them:\n"
                                                 "keep this file beside them too.", base ? base + 1 : path));
    sb_putc(&b, '\n');
    fmt_file(&b, pf, NULL);
    int rc = 0;
    if (out_path) {
        const char *err = NULL;
        if (outfile_write(out_path, b.data, b.len, &err) != 0) {
            fprintf(stderr, "dcc import: cannot write '%s': %s\n", out_path, err);
            rc = CLI_EXIT_USAGE;
        }
    } else {
        fwrite(b.data, 1, b.len, stdout);
    }
    sb_free(&b);
    return rc;
}

static int run(const CliCommand *self, int argc, char **argv)
{
    CliInputs in;
    if (cli_inputs_init(&in, "dcc import", argc) != 0) return CLI_EXIT_USAGE;
    const char *out_path = NULL;
    int rc = cli_parse(self, &in, argc, argv, false, take, &out_path);
    if (rc < 0 && in.nfiles != 2) rc = args_usage_error(in.prog, "expected a format and one file: dcc import odcs FILE");
    bool known = false;
    for (size_t i = 0; rc < 0 && formats[i]; i++) known |= !strcmp(formats[i], in.files[0]);
    if (rc < 0 && !known) rc = args_usage_error(in.prog, "unknown format '%s' (formats: odcs)", in.files[0]);
    if (rc < 0) {
        const char *format = in.files[0];
        in.files++, in.nfiles--; /* the file alone is compiled */
        Compilation c;
        rc = cli_compile_inputs(&c, &in);
        if (rc == 0) rc = import_one(&c, in.files[0], format, out_path);
        cli_report(&c.diags, &in, stdout);
        compile_free(&c);
        in.files--, in.nfiles++;
    }
    cli_inputs_free(&in);
    return rc;
}

const CliCommand cli_cmd_import = {
    "import",
    "convert a contract of another standard (ODCS) into the dcc language",
    "odcs [options] FILE",
    "Reads FILE as Open Data Contract Standard v3 YAML, checks it like `dcc check`, and prints\n"
    "the contract in the dcc language in `dcc fmt` layout (to stdout, or to -o FILE). Comments at\n"
    "the top list what had to be approximated. Exits 0 on success, 1 when the file has errors\n"
    "(nothing is written), 2 on usage or I/O errors.",
    options,
    sizeof options / sizeof options[0],
    run,
};
