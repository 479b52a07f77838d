/* args.c - the table-driven command-line parser of args.h. */
#include "args.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "suggest.h"

/* ---- suggestions --------------------------------------------------------------------------------
 * compiler/suggest.h's rule, the one sema uses for unknown names. An option is matched without
 * its "=value", so the word is copied out first; words too long to copy are never close anyway
 * (suggest_distance gives up past 64 bytes). */

/* Starts a suggestion for the first n bytes of want, in buf. false: too long to suggest for. */
static bool suggest_start(Suggest *g, char *buf, size_t size, const char *want, size_t n)
{
    if (n >= size) return false;
    memcpy(buf, want, n);
    buf[n] = '\0';
    suggest_init(g, buf);
    return true;
}

const char *args_suggest(const char *want, size_t want_len, const char *const *cands, size_t n)
{
    char buf[80];
    Suggest g;
    if (!suggest_start(&g, buf, sizeof buf, want, want_len)) return NULL;
    for (size_t i = 0; i < n; i++) suggest_try(&g, cands[i]);
    return suggest_best(&g);
}

/* ---- messages ---------------------------------------------------------------------------------- */

static void vusage(FILE *out, const char *prog, const char *fmt, va_list ap)
{
    fprintf(out, "%s: ", prog);
    vfprintf(out, fmt, ap);
    fprintf(out, "\nTry '%s --help'.\n", prog);
}

int args_usage_error(const char *prog, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vusage(stderr, prog, fmt, ap);
    va_end(ap);
    return 2;
}

/* A usage error met while parsing: on the parser's stream. */
#if defined(__GNUC__)
__attribute__((format(printf, 2, 3)))
#endif
static ArgEvent parse_error(const ArgParser *p, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vusage(p->err ? p->err : stderr, p->prog, fmt, ap);
    va_end(ap);
    return ARG_ERROR;
}

char *args_choice_list(char *buf, size_t size, const char *const *choices)
{
    size_t n = 0, len = 0;
    while (choices[n]) n++;
    buf[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        const char *sep = i == 0 ? "" : n == 2 ? " or " : ", ";
        int k = snprintf(buf + len, size - len, "%s%s", sep, choices[i]);
        if (k < 0 || (size_t)k >= size - len) {
            buf[len] = '\0'; /* a choice that does not fit is left out whole */
            break;
        }
        len += (size_t)k;
    }
    return buf;
}

/* The closest of every spelling in the table (and --help) to an unknown option, or NULL. */
static const char *option_suggestion(const ArgParser *p, const char *w, size_t n)
{
    char buf[80];
    Suggest g;
    if (!suggest_start(&g, buf, sizeof buf, w, n)) return NULL;
    suggest_try(&g, "--help");
    for (size_t i = 0; i < p->nopts; i++) {
        suggest_try(&g, p->opts[i].name);
        suggest_try(&g, p->opts[i].alias);
    }
    return suggest_best(&g);
}

static ArgEvent unknown_option(ArgParser *p, const char *arg)
{
    size_t n = strcspn(arg, "=");
    const char *best = option_suggestion(p, arg, n);
    if (best) return parse_error(p, "unknown option '%s'; did you mean '%s'?", arg, best);
    return parse_error(p, "unknown option '%s'", arg);
}

/* Checks p->value against the option's choices; sets p->choice. */
static ArgEvent check_choice(ArgParser *p)
{
    const ArgOption *o = p->opt;
    p->choice = -1;
    if (!o->choices || !p->value) return ARG_OPTION;
    for (int i = 0; o->choices[i]; i++)
        if (strcmp(o->choices[i], p->value) == 0) {
            p->choice = i;
            return ARG_OPTION;
        }
    size_t n = 0;
    while (o->choices[n]) n++;
    const char *best = args_suggest(p->value, strlen(p->value), o->choices, n);
    char list[512];
    args_choice_list(list, sizeof list, o->choices);
    return parse_error(p, "unknown %s '%s' (%s)%s%s%s", o->what ? o->what : "value", p->value, list,
                       best ? "; did you mean '" : "", best ? best : "", best ? "'?" : "");
}

/* ---- parsing ----------------------------------------------------------------------------------- */

void args_init(ArgParser *p, const char *prog, const ArgOption *opts, size_t nopts, int argc, char **argv)
{
    memset(p, 0, sizeof *p);
    p->prog = prog;
    p->opts = opts;
    p->nopts = nopts;
    p->argc = argc;
    p->argv = argv;
    p->choice = -1;
    p->err = stderr;
}

/* How arg spells option o: 0 not at all, 1 exactly, 2 with "=VALUE", 3 with the value attached
 * to a one-letter spelling that allows it ("-IDIR", as compilers take it). */
static int spelled(const char *arg, const char *spelling, const ArgOption *o)
{
    if (!spelling) return 0;
    size_t n = strlen(spelling);
    if (strncmp(arg, spelling, n) != 0) return 0;
    if (arg[n] == '\0') return 1;
    if (arg[n] == '=' && spelling[1] == '-') return 2; /* a flag then says it takes no value */
    if (n == 2 && spelling[1] != '-' && o->value && (o->flags & ARG_ATTACHED)) return 3;
    return 0;
}

ArgEvent args_next(ArgParser *p)
{
    p->opt = NULL;
    p->value = NULL;
    p->written = NULL;
    p->written_len = 0;
    p->choice = -1;
    if (p->next >= p->argc) return ARG_END;
    const char *arg = p->argv[p->next++];
    if (p->operands_only || arg[0] != '-' || arg[1] == '\0') {
        p->value = arg;
        return ARG_OPERAND;
    }
    if (strcmp(arg, "--") == 0) {
        p->operands_only = true;
        return args_next(p);
    }
    if (strcmp(arg, "-h") == 0 || strcmp(arg, "--help") == 0) return ARG_HELP;
    p->written = arg;
    p->written_len = strcspn(arg, "=");
    /* An exact spelling first, so that "-Werror" never reads as "-W" with the value "error". */
    const ArgOption *o = NULL;
    int how = 0;
    for (int pass = 0; pass < 2 && !o; pass++)
        for (size_t i = 0; i < p->nopts && !o; i++) {
            int h = spelled(arg, p->opts[i].name, &p->opts[i]);
            if (!h) h = spelled(arg, p->opts[i].alias, &p->opts[i]);
            if (h && (pass == 1 || h == 1)) {
                o = &p->opts[i];
                how = h;
            }
        }
    if (!o) {
        if (!p->foreign || arg[1] != '-') return unknown_option(p, arg);
        if (arg[p->written_len] == '=') p->value = arg + p->written_len + 1;
        else if (p->next < p->argc) p->value = p->argv[p->next++];
        return ARG_FOREIGN;
    }
    p->opt = o;
    if (how == 3) p->written_len = 2;
    if (!o->value) {
        if (how == 2) return parse_error(p, "option '%.*s' takes no value", (int)p->written_len, arg);
        return ARG_OPTION;
    }
    if (how == 2) p->value = arg + p->written_len + 1;
    else if (how == 3) p->value = arg + 2;
    else if (o->flags & ARG_OPTIONAL_VALUE) p->value = NULL;
    else if (p->next < p->argc) p->value = p->argv[p->next++];
    else return parse_error(p, "option '%s' needs a%s%s", arg, o->what ? " " : " value", o->what ? o->what : "");
    return check_choice(p);
}

/* ---- help -------------------------------------------------------------------------------------- */

void args_print_options(FILE *out, const ArgOption *opts, size_t n, int width)
{
    for (size_t i = 0; i < n; i++) {
        const ArgOption *o = &opts[i];
        if (!o->help) continue;
        char left[128];
        snprintf(left, sizeof left, "%s%s%s%s%s%s", o->alias ? o->alias : "", o->alias ? ", " : "", o->name,
                 !o->value ? "" : (o->flags & ARG_OPTIONAL_VALUE) ? "[=" : (o->flags & ARG_SHOW_EQ) ? "=" : " ",
                 o->value ? o->value : "", o->value && (o->flags & ARG_OPTIONAL_VALUE) ? "]" : "");
        if ((int)strlen(left) > width) fprintf(out, "  %s\n%*s", left, width + 3, "");
        else fprintf(out, "  %-*s ", width, left);
        /* continuation lines of the help start under its first line */
        for (const char *h = o->help;;) {
            size_t k = strcspn(h, "\n");
            fprintf(out, "%.*s\n", (int)k, h);
            if (!h[k]) break;
            h += k + 1;
            fprintf(out, "%*s", width + 3, "");
        }
    }
}
