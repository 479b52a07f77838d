/* verify.c - the diagnostics test runner: compiles each input and checks, both ways, that the
 * diagnostics dcc reports are exactly the ones the input expects (clang -verify style).
 *
 * An expectation is a comment in the input (or in any file it imports):
 *     // expect: error DC0300 "unknown type 'Foo'"      this line
 *     // expect@+1: warning DC0900                      the next line (@-2: two lines up)
 *     // expect@-2:14: error DC0409 "empty"             line and column (1-based, characters)
 *     // expect@7: note "first declared here"           absolute line 7
 *     // expect@none: error DC0100 "cannot read"        a diagnostic with no location
 * SEVERITY is error, warning or note; errors and warnings carry a code, notes do not. The quoted
 * text must occur in the message. Every error and warning must be expected; notes need not be,
 * but an expected note must occur (attached to any diagnostic). Each expectation is met by one
 * diagnostic, so two identical diagnostics need two expectations.
 *
 * Inputs that cannot hold comments (empty, binary, NUL bytes) put their expectations in a
 * companion file NAME.expect beside NAME.dc, one per line; there `expect:` without @ matches
 * anywhere in the file and `@N` is line N.
 *
 * Usage: diagverify FILE.dc...   Prints mismatches as file:line: messages, then
 * "N passed, N failed"; exits 1 when any input failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "diag.h"

typedef struct Expect {
    uint32_t file;      /* source index, or SPAN_NOFILE for @none */
    const char *where;  /* the file and line the expectation was written at, for messages */
    long line;          /* 1-based; 0: any line of the file */
    long col;           /* 0: any column */
    Severity sev;
    const char *code;   /* "DC0300", or NULL for notes */
    const char *text;   /* substring of the message, or NULL */
    bool met;
    struct Expect *next;
} Expect;

typedef struct {
    Arena *a;
    Expect *first, *last;
    unsigned problems;
    const char *input;
} Verify;

static void problem(Verify *v, const char *fmt, const char *a, long n, const char *b)
{
    v->problems++;
    printf(fmt, a, n, b);
    putchar('\n');
}

static const char *skip_ws(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t')) p++;
    return p;
}

static bool parse_long(const char **pp, const char *end, long *out)
{
    const char *p = *pp;
    long v = 0;
    if (p >= end || *p < '0' || *p > '9') return false;
    while (p < end && *p >= '0' && *p <= '9') {
        if (v < 100000000) v = v * 10 + (*p - '0');
        p++;
    }
    *pp = p;
    *out = v;
    return true;
}

/* Parses one expectation starting right after the word "expect". `line` is where it was
 * written (0 in a companion file); returns false when it is malformed (reported). */
static bool parse_expect(Verify *v, const char *p, const char *end, uint32_t file, const char *path, long line, bool companion)
{
    Expect *e = ARENA_NEW(v->a, Expect);
    e->file = file;
    e->where = arena_printf(v->a, "%s:%ld", path, line);
    e->line = companion ? 0 : line;
    if (p < end && *p == '@') {
        p++;
        if (end - p >= 4 && memcmp(p, "none", 4) == 0) {
            e->file = SPAN_NOFILE;
            e->line = 0;
            p += 4;
        } else {
            int sign = 0;
            if (p < end && (*p == '+' || *p == '-')) sign = *p++ == '-' ? -1 : 1;
            long n;
            if (!parse_long(&p, end, &n)) goto bad;
            e->line = sign ? line + sign * n : n;
            if (p < end && *p == ':' && p + 1 < end && p[1] >= '0' && p[1] <= '9') {
                p++;
                parse_long(&p, end, &e->col);
            }
        }
    }
    if (p >= end || *p != ':') goto bad;
    p = skip_ws(p + 1, end);
    const char *w = p;
    while (p < end && *p >= 'a' && *p <= 'z') p++;
    size_t wl = (size_t)(p - w);
    if (wl == 5 && memcmp(w, "error", 5) == 0) e->sev = SEV_ERROR;
    else if (wl == 7 && memcmp(w, "warning", 7) == 0) e->sev = SEV_WARNING;
    else if (wl == 4 && memcmp(w, "note", 4) == 0) e->sev = SEV_NOTE;
    else goto bad;
    p = skip_ws(p, end);
    if (e->sev != SEV_NOTE) {
        if (end - p < 6 || p[0] != 'D' || p[1] != 'C') goto bad;
        e->code = arena_strndup(v->a, p, 6);
        p = skip_ws(p + 6, end);
    }
    if (p < end && *p == '"') {
        const char *q = ++p;
        /* the text runs to the last quote on the line, so it may itself contain quotes */
        const char *last = NULL;
        for (const char *r = q; r < end; r++)
            if (*r == '"') last = r;
        if (!last) goto bad;
        e->text = arena_strndup(v->a, q, (size_t)(last - q));
    }
    if (v->last) v->last->next = e;
    else v->first = e;
    v->last = e;
    return true;
bad:
    problem(v, "%s:%ld: malformed expectation%s", path, line, " (expect[@LINE[:COL]]: error|warning DCnnnn [\"text\"] or note [\"text\"])");
    return false;
}

/* Finds `expect` after `//` on each line of a source text. */
static void scan_text(Verify *v, const char *text, size_t len, uint32_t file, const char *path, bool companion)
{
    long line = 1;
    const char *p = text, *end = text + len;
    while (p < end) {
        /* lines end at LF, CRLF or a lone CR, as in the compiler's line numbers */
        const char *eol = p;
        while (eol < end && *eol != '\n' && *eol != '\r') eol++;
        const char *q = p;
        if (companion) {
            q = skip_ws(q, eol);
            if (eol - q >= 6 && memcmp(q, "expect", 6) == 0) parse_expect(v, q + 6, eol, file, path, line, true);
            else if (q < eol && *q != '#')
                problem(v, "%s:%ld: %s", path, line, "companion lines are `expect...` or # comments");
        } else {
            for (; q + 1 < eol; q++) {
                if (q[0] != '/' || q[1] != '/') continue;
                const char *r = q + 2;
                while (r < eol && *r == '/') r++;
                r = skip_ws(r, eol);
                if (eol - r >= 6 && memcmp(r, "expect", 6) == 0 && r + 6 < eol && (r[6] == ':' || r[6] == '@'))
                {
                    parse_expect(v, r + 6, eol, file, path, line, false);
                    break;
                }
                q = r - 1; /* a `//` inside a string, such as a URL: keep looking */
            }
        }
        line++;
        p = eol + (eol + 1 < end && eol[0] == '\r' && eol[1] == '\n' ? 2 : 1);
    }
}

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while (buf && (got = fread(buf + n, 1, cap - n, fp)) > 0) {
        n += got;
        if (n == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) { free(buf); buf = NULL; }
            else buf = nb;
        }
    }
    fclose(fp);
    *len = n;
    return buf;
}

static bool matches(const Expect *e, Severity sev, const char *code, const char *msg, const SourceSet *ss, Span sp)
{
    if (e->met || e->sev != sev) return false;
    if (e->code && (!code || strcmp(e->code, code) != 0)) return false;
    if (e->text && !strstr(msg, e->text)) return false;
    if (e->file == SPAN_NOFILE) return sp.file == SPAN_NOFILE;
    if (sp.file != e->file) return false;
    if (!e->line) return true;
    unsigned line, col;
    source_line_col(ss->files[sp.file], sp.start, &line, &col);
    return (long)line == e->line && (!e->col || (long)col == e->col);
}

static const char *sev_name(Severity s) { return s == SEV_ERROR ? "error" : s == SEV_WARNING ? "warning" : "note"; }

static const char *place(Verify *v, const SourceSet *ss, Span sp)
{
    if (sp.file == SPAN_NOFILE || sp.file >= ss->nfiles) return v->input;
    unsigned line, col;
    source_line_col(ss->files[sp.file], sp.start, &line, &col);
    return arena_printf(v->a, "%s:%u:%u", ss->files[sp.file]->path, line, col);
}

/* Verifies one input; returns true when every diagnostic and expectation matched. */
static bool verify_file(const char *path)
{
    Compilation c;
    compile_init(&c);
    char *dir = strdup(path);
    char *slash = dir ? strrchr(dir, '/') : NULL;
    if (slash) *slash = 0;
    const char *inc[1] = {slash ? dir : "."};
    c.include_dirs = inc;
    c.ninclude = 1;
    compile_file(&c, path);

    Verify v = {c.arena, NULL, NULL, 0, path};
    for (size_t i = 0; i < c.sources.nfiles; i++) {
        const SourceFile *f = c.sources.files[i];
        scan_text(&v, f->text, f->len, (uint32_t)i, f->path, false);
    }
    /* the companion of the input: NAME.expect beside NAME.dc */
    size_t pl = strlen(path);
    const char *base = pl > 3 && strcmp(path + pl - 3, ".dc") == 0 ? arena_strndup(c.arena, path, pl - 3) : path;
    const char *comp = arena_printf(c.arena, "%s.expect", base);
    size_t clen;
    char *ctext = read_all(comp, &clen);
    if (ctext) {
        uint32_t root = SPAN_NOFILE;
        for (size_t i = 0; i < c.sources.nfiles; i++)
            if (strcmp(c.sources.files[i]->path, path) == 0) root = (uint32_t)i;
        scan_text(&v, ctext, clen, root, comp, true);
        free(ctext);
    }

    for (const Diag *g = c.diags.first; g; g = g->next) {
        const char *code = diag_code_id(g->code);
        bool ok = false;
        for (Expect *e = v.first; e && !ok; e = e->next)
            if (matches(e, g->severity, code, g->message, &c.sources, g->span)) ok = e->met = true;
        if (!ok) {
            v.problems++;
            printf("%s: unexpected %s %s: %s\n", place(&v, &c.sources, g->span), sev_name(g->severity), code, g->message);
        }
        for (const DiagNote *n = g->notes; n; n = n->next)
            for (Expect *e = v.first; e; e = e->next)
                if (matches(e, SEV_NOTE, NULL, n->message, &c.sources, n->span)) {
                    e->met = true;
                    break;
                }
    }
    for (const Expect *e = v.first; e; e = e->next) {
        if (e->met) continue;
        v.problems++;
        printf("%s: expected %s%s%s%s%s%s not reported", e->where, sev_name(e->sev), e->code ? " " : "", e->code ? e->code : "",
               e->text ? " \"" : "", e->text ? e->text : "", e->text ? "\"" : "");
        if (e->file == SPAN_NOFILE) printf(" (without location)");
        else if (e->line) printf(" at line %ld", e->line);
        if (e->col) printf(", column %ld", e->col);
        putchar('\n');
    }
    unsigned problems = v.problems;
    compile_free(&c);
    free(dir);
    return problems == 0;
}

int main(int argc, char **argv)
{
    unsigned passed = 0, failed = 0;
    for (int i = 1; i < argc; i++) {
        if (verify_file(argv[i])) passed++;
        else {
            failed++;
            printf("FAIL %s\n", argv[i]);
        }
    }
    printf("%u passed, %u failed\n", passed, failed);
    return failed ? 1 : 0;
}
