/* diag.c - collecting diagnostics and printing them gcc-style, as JSON, or as the docs table. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "jsonw.h"
#include "strbuf.h"

typedef struct {
    const char *id, *summary, *doc;
    Severity severity;
} CodeInfo;

#define ERROR SEV_ERROR
#define WARNING SEV_WARNING
static const CodeInfo code_table[D__COUNT] = {
#define X(name, code, sev, summary, doc) [name] = {code, summary, doc, sev},
#include "diag_codes.h"
#undef X
};
#undef ERROR
#undef WARNING

const char *diag_code_id(DiagCode c) { return code_table[c].id; }
const char *diag_code_summary(DiagCode c) { return code_table[c].summary; }
const char *diag_code_doc(DiagCode c) { return code_table[c].doc; }
Severity diag_code_severity(DiagCode c) { return code_table[c].severity; }

void diag_init(DiagSink *d, Arena *a, SourceSet *sources)
{
    memset(d, 0, sizeof *d);
    d->arena = a;
    d->sources = sources;
    d->max_errors = 100;
}

static char *vformat(Arena *a, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    return p;
}

/* A diagnostic past the error limit is still returned (callers add notes to it) but not kept. */
Diag *diag_report(DiagSink *d, DiagCode code, Span span, const char *fmt, ...)
{
    Diag *g = ARENA_NEW(d->arena, Diag);
    g->code = code;
    g->severity = code_table[code].severity;
    if (g->severity == SEV_WARNING && d->werror) g->severity = SEV_ERROR;
    g->span = span;
    va_list ap;
    va_start(ap, fmt);
    g->message = vformat(d->arena, fmt, ap);
    va_end(ap);
    if (d->max_errors && d->errors >= d->max_errors) {
        if (!d->limit_reached) {
            d->limit_reached = true;
            Diag *stop = ARENA_NEW(d->arena, Diag);
            stop->code = D_TOO_MANY_ERRORS;
            stop->severity = SEV_ERROR;
            stop->span = span_none();
            stop->message = arena_printf(d->arena, "too many errors (%u); stopping", d->max_errors);
            if (d->last) d->last->next = stop;
            else d->first = stop;
            d->last = stop;
        }
        return g;
    }
    if (g->severity == SEV_ERROR) d->errors++;
    else d->warnings++;
    if (d->last) d->last->next = g;
    else d->first = g;
    d->last = g;
    return g;
}

void diag_note(DiagSink *d, Diag *g, Span span, const char *fmt, ...)
{
    DiagNote *n = ARENA_NEW(d->arena, DiagNote);
    n->span = span;
    va_list ap;
    va_start(ap, fmt);
    n->message = vformat(d->arena, fmt, ap);
    va_end(ap);
    DiagNote **p = &g->notes;
    while (*p) p = &(*p)->next;
    *p = n;
}

/* --- ordering ------------------------------------------------------------------------------ */

static int diag_cmp(const void *pa, const void *pb)
{
    const Diag *a = *(const Diag *const *)pa, *b = *(const Diag *const *)pb;
    /* "too many errors" closes the list: it is about the errors before it. */
    if ((a->code == D_TOO_MANY_ERRORS) != (b->code == D_TOO_MANY_ERRORS)) return a->code == D_TOO_MANY_ERRORS ? 1 : -1;
    /* Other diagnostics without a place (I/O) keep their position relative to each other and
     * come first: they usually explain everything after them. */
    if (a->span.file != b->span.file) {
        if (a->span.file == SPAN_NOFILE) return -1;
        if (b->span.file == SPAN_NOFILE) return 1;
        return a->span.file < b->span.file ? -1 : 1;
    }
    if (a->span.start != b->span.start) return a->span.start < b->span.start ? -1 : 1;
    return 0;
}

void diag_sort(DiagSink *d)
{
    size_t n = 0;
    for (Diag *g = d->first; g; g = g->next) n++;
    if (n < 2) return;
    Diag **v = arena_alloc(d->arena, n * sizeof *v);
    size_t i = 0;
    for (Diag *g = d->first; g; g = g->next) v[i++] = g;
    /* qsort is not stable: break ties by original order through a merge sort instead. */
    Diag **tmp = arena_alloc(d->arena, n * sizeof *tmp);
    for (size_t width = 1; width < n; width *= 2) {
        for (size_t lo = 0; lo < n; lo += 2 * width) {
            size_t mid = lo + width < n ? lo + width : n;
            size_t hi = lo + 2 * width < n ? lo + 2 * width : n;
            size_t a = lo, b = mid, k = lo;
            while (a < mid && b < hi) tmp[k++] = diag_cmp(&v[b], &v[a]) < 0 ? v[b++] : v[a++];
            while (a < mid) tmp[k++] = v[a++];
            while (b < hi) tmp[k++] = v[b++];
        }
        Diag **t = v;
        v = tmp;
        tmp = t;
    }
    for (i = 0; i + 1 < n; i++) v[i]->next = v[i + 1];
    v[n - 1]->next = NULL;
    d->first = v[0];
    d->last = v[n - 1];
}

/* --- text output ----------------------------------------------------------------------------- */

static const char *sev_name(Severity s)
{
    return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note";
}

static const char *sev_color(Severity s)
{
    return s == SEV_ERROR ? "\033[1;31m" : s == SEV_WARNING ? "\033[1;35m" : "\033[1;36m";
}

/* Prints the source line of span.start and a caret/tilde underline below it. Tabs are kept in
 * the underline's indentation so it lines up in any terminal; control bytes are shown as '?'. */
static void print_excerpt(FILE *out, const SourceFile *f, Span span, bool color)
{
    unsigned line, col;
    source_line_col(f, span.start, &line, &col);
    uint32_t ls = f->line_starts[line - 1];
    uint32_t le = ls;
    while (le < f->len && f->text[le] != '\n' && f->text[le] != '\r') le++;
    /* Very long lines (minified garbage, a 1 MB identifier) are cut around the span. */
    uint32_t from = ls == 0 && source_bom(f->text, f->len) ? 3 : ls, to = le;
    const uint32_t window = 160;
    if (to - from > window) {
        from = span.start > ls + 40 ? span.start - 40 : ls;
        while (from > ls && ((unsigned char)f->text[from] & 0xC0) == 0x80) from--;
        to = from + window < le ? from + window : le;
        while (to < le && ((unsigned char)f->text[to] & 0xC0) == 0x80) to++;
    }
    fprintf(out, " %5u | ", line);
    for (uint32_t i = from; i < to; i++) {
        unsigned char c = (unsigned char)f->text[i];
        fputc((c < 0x20 && c != '\t') || c == 0x7f ? '?' : c, out);
    }
    fputs("\n       | ", out);
    for (uint32_t i = from; i < span.start && i < to; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if ((c & 0xC0) == 0x80) continue;
        fputc(c == '\t' ? '\t' : ' ', out);
    }
    if (color) fputs("\033[1;32m", out);
    uint32_t end = span.end > span.start ? span.end : span.start + 1;
    if (end > to) end = to > span.start ? to : span.start + 1;
    fputc('^', out);
    for (uint32_t i = span.start + 1; i < end; i++)
        if (((unsigned char)f->text[i] & 0xC0) != 0x80) fputc('~', out);
    if (color) fputs("\033[0m", out);
    fputc('\n', out);
}

static void print_at(const SourceSet *sources, FILE *out, Span span, const char *sev_word, const char *sev_colour,
                     const char *msg, const char *code, bool color)
{
    const SourceFile *f = span.file != SPAN_NOFILE && span.file < sources->nfiles ? sources->files[span.file] : NULL;
    if (color) fputs("\033[1m", out);
    if (f) {
        unsigned line, col;
        source_line_col(f, span.start, &line, &col);
        fprintf(out, "%s:%u:%u: ", f->path, line, col);
    } else {
        fputs("dcc: ", out);
    }
    if (color) fprintf(out, "%s%s:\033[0m\033[1m", sev_colour, sev_word);
    else fprintf(out, "%s:", sev_word);
    fprintf(out, " %s", msg);
    if (code) fprintf(out, " [%s]", code);
    if (color) fputs("\033[0m", out);
    fputc('\n', out);
    if (f) print_excerpt(out, f, span, color);
}

static void print_one(const DiagSink *d, FILE *out, Span span, Severity sev, const char *msg, const char *code,
                      bool color)
{
    print_at(d->sources, out, span, sev_name(sev), sev_color(sev), msg, code, color);
}

void diag_print_located(const SourceSet *sources, FILE *out, Span span, Severity sev, const char *word,
                        const char *msg, const char *code, bool color)
{
    print_at(sources, out, span, word ? word : sev_name(sev), sev_color(sev), msg, code, color);
}

void diag_print_text(const DiagSink *d, FILE *out, bool color)
{
    for (const Diag *g = d->first; g; g = g->next) {
        print_one(d, out, g->span, g->severity, g->message, code_table[g->code].id, color);
        for (const DiagNote *n = g->notes; n; n = n->next)
            print_one(d, out, n->span, SEV_NOTE, n->message, NULL, color);
    }
    if (d->errors || d->warnings)
        fprintf(out, "%u error%s, %u warning%s\n", d->errors, d->errors == 1 ? "" : "s", d->warnings,
                d->warnings == 1 ? "" : "s");
}

/* --- JSON output ----------------------------------------------------------------------------- */

/* One escaper for every JSON dcc prints (jsonw.c): invalid UTF-8 in a name or excerpt from the
 * input never makes a report invalid JSON. */
void json_print_string(FILE *out, const char *s)
{
    StrBuf b;
    sb_init(&b);
    jsonw_escape(&b, s ? s : "", s ? strlen(s) : 0);
    fwrite(b.data, 1, b.len, out);
    sb_free(&b);
}

static void json_loc(const DiagSink *d, FILE *out, Span span)
{
    if (span.file == SPAN_NOFILE || span.file >= d->sources->nfiles) {
        fputs("null", out);
        return;
    }
    const SourceFile *f = d->sources->files[span.file];
    unsigned l1, c1, l2, c2;
    source_line_col(f, span.start, &l1, &c1);
    source_line_col(f, span.end, &l2, &c2);
    fputs("{\"file\":", out);
    json_print_string(out, f->path);
    fprintf(out, ",\"line\":%u,\"column\":%u,\"end_line\":%u,\"end_column\":%u,\"offset\":%u,\"length\":%u}",
            l1, c1, l2, c2, span.start, span.end > span.start ? span.end - span.start : 0);
}

void diag_print_json(const DiagSink *d, FILE *out)
{
    fputs("{\"diagnostics\":[", out);
    for (const Diag *g = d->first; g; g = g->next) {
        fputs(g == d->first ? "\n  {" : ",\n  {", out);
        fprintf(out, "\"severity\":\"%s\",\"code\":\"%s\",\"message\":", sev_name(g->severity),
                code_table[g->code].id);
        json_print_string(out, g->message);
        fputs(",\"location\":", out);
        json_loc(d, out, g->span);
        fputs(",\"notes\":[", out);
        for (const DiagNote *n = g->notes; n; n = n->next) {
            fputs(n == g->notes ? "{\"message\":" : ",{\"message\":", out);
            json_print_string(out, n->message);
            fputs(",\"location\":", out);
            json_loc(d, out, n->span);
            fputc('}', out);
        }
        fputs("]}", out);
    }
    fprintf(out, "%s],\"errors\":%u,\"warnings\":%u}\n", d->first ? "\n" : "", d->errors, d->warnings);
}

void diag_print_markdown(FILE *out)
{
    fputs("# dcc diagnostics\n\n"
          "Generated from compiler/diag_codes.h by `make docs`; do not edit by hand.\n\n"
          "Every diagnostic has a stable code. Errors make `dcc` exit with status 1; warnings do\n"
          "not, unless `-Werror` turns them into errors. `--diagnostics=json` prints the same\n"
          "diagnostics as one JSON document for tools.\n\n"
          "| code | severity | summary | explanation |\n|---|---|---|---|\n",
          out);
    for (int c = 0; c < D__COUNT; c++)
        fprintf(out, "| %s | %s | %s | %s |\n", code_table[c].id, sev_name(code_table[c].severity),
                code_table[c].summary, code_table[c].doc);
}
