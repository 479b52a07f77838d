/* cli.c - what the commands share: help text, the shared options, compiling and reporting. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

const char *const cli_diagnostics_formats[] = {"text", "json", NULL};
const char *const cli_color_modes[] = {"auto", "always", "never", NULL};

/* The first column of a command's options in its help. */
#define HELP_WIDTH 22

void cli_print_help(const CliCommand *c, FILE *out)
{
    static const ArgOption help = {"--help", "-h", NULL, "show this help", NULL, NULL, 0, 0};
    fprintf(out, "usage: dcc %s %s\n\n%s\n\noptions:\n", c->name, c->synopsis, c->description);
    args_print_options(out, c->options, c->noptions, HELP_WIDTH);
    args_print_options(out, &help, 1, HELP_WIDTH);
}

int cli_inputs_init(CliInputs *in, const char *prog, int argc)
{
    memset(in, 0, sizeof *in);
    in->prog = prog;
    in->include_dirs = calloc((size_t)argc + 1, sizeof *in->include_dirs);
    in->files = calloc((size_t)argc + 1, sizeof *in->files);
    if (!in->include_dirs || !in->files) {
        cli_inputs_free(in);
        fputs("dcc: out of memory\n", stderr);
        return CLI_EXIT_USAGE;
    }
    return 0;
}

void cli_inputs_free(CliInputs *in)
{
    free(in->include_dirs);
    free(in->files);
    in->include_dirs = NULL;
    in->files = NULL;
}

bool cli_inputs_take(CliInputs *in, ArgEvent ev, const ArgParser *p)
{
    if (ev == ARG_OPERAND) {
        in->files[in->nfiles++] = p->value;
        return true;
    }
    if (ev != ARG_OPTION) return false;
    switch (p->opt->id) {
    case CLI_OPT_INCLUDE: in->include_dirs[in->ninclude++] = p->value; return true;
    case CLI_OPT_WERROR: in->werror = true; return true;
    case CLI_OPT_DIAGNOSTICS: in->json = p->choice == 1; return true;
    case CLI_OPT_COLOR: in->color = (CliColor)p->choice; return true;
    default: return false;
    }
}

int cli_parse(const CliCommand *self, CliInputs *in, int argc, char **argv, bool foreign, CliTake take, void *ud)
{
    ArgParser p;
    args_init(&p, in->prog, self->options, self->noptions, argc, argv);
    p.foreign = foreign;
    int rc = -1;
    for (ArgEvent ev; rc < 0 && (ev = args_next(&p)) != ARG_END;) {
        if (ev == ARG_ERROR) rc = CLI_EXIT_USAGE; /* printed */
        else if (cli_inputs_take(in, ev, &p)) continue;
        else if (take) rc = take(ud, ev, &p);
        else if (ev == ARG_HELP) rc = CLI_USUAL_HELP;
        else rc = args_usage_error(in->prog, "'%s' is not an option", p.written ? p.written : "?"); /* cannot happen */
        if (rc == CLI_USUAL_HELP) rc = (cli_print_help(self, stdout), 0);
    }
    return rc;
}

static bool use_color(const CliInputs *in)
{
    if (in->color == CLI_COLOR_ALWAYS) return true;
    if (in->color == CLI_COLOR_NEVER) return false;
    const char *no = getenv("NO_COLOR");
    if (no && *no) return false;
    const char *term = getenv("TERM");
    if (term && strcmp(term, "dumb") == 0) return false;
    return isatty(STDERR_FILENO);
}

void cli_report(DiagSink *d, const CliInputs *in, FILE *json_out)
{
    diag_sort(d);
    if (in->json) diag_print_json(d, json_out);
    else diag_print_text(d, stderr, use_color(in));
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

int cli_compile_inputs(Compilation *c, const CliInputs *in)
{
    compile_init(c);
    c->include_dirs = in->include_dirs;
    c->ninclude = in->ninclude;
    c->diags.werror = in->werror;
    bool io_error = false;
    for (size_t i = 0; i < in->nfiles; i++)
        if (!compile_file(c, in->files[i]) && !readable_file(in->files[i])) io_error = true;
    return io_error ? CLI_EXIT_USAGE : c->diags.errors ? CLI_EXIT_CONTRACT : 0;
}
