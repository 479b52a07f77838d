/* compile.c - one compilation: load a file, resolve its imports depth-first (each file once,
 * keyed by its real path), then check every unit after the units it imports. Each file is read
 * by the front end that claims it (the table below); every front end builds the same model
 * through mbuild.h, so sema and the targets never know which one read a file. */
#define _XOPEN_SOURCE 700 /* realpath */
#include "compile.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "odcs_read.h"
#include "parse.h"
#include "sema.h"

/* The front ends, asked in order; the last claims everything. Adding an input language is one
 * file that builds the model with mbuild.h, plus one line here. */
static bool claims_dc(const char *path, const char *text, size_t len)
{
    (void)path, (void)text, (void)len;
    return true;
}

/* A .dc file reads no other file while it is parsed (compile.c resolves its imports after). */
static ParsedFile *parse_dc(Arena *a, DiagSink *diags, SourceSet *sources, uint32_t file, const SearchPath *search)
{
    (void)search;
    return parse_file(a, diags, sources, file);
}

static const FrontEnd front_ends[] = {
    {"odcs", "Open Data Contract Standard v3 YAML (.yaml, .yml)", odcs_claims, odcs_parse_file_in},
    {"dcc", "the dcc contract language (.dc)", claims_dc, parse_dc},
};

const FrontEnd *compile_front_end(const char *path, const char *text, size_t len)
{
    for (size_t i = 0; i < sizeof front_ends / sizeof front_ends[0]; i++)
        if (front_ends[i].claims(path, text, len)) return &front_ends[i];
    return &front_ends[sizeof front_ends / sizeof front_ends[0] - 1];
}

/* Import chains deeper than this are refused so that hostile input cannot exhaust the stack. */
#define COMPILE_MAX_IMPORT_DEPTH 64

typedef enum { UNIT_LOADING, UNIT_DONE } LoadState;

/* One loaded file. */
typedef struct Loaded {
    const char *real;  /* realpath: the identity of the file */
    const char *path;  /* as given or as joined from an import */
    LoadState state;
    Contract *unit;    /* NULL when the file could not be read or parsed */
    bool failed;       /* errors of its own: importers see its names as poisoned */
} Loaded;

/* The import being followed at each level of the depth-first load, for cycle notes. */
typedef struct {
    Loaded *file;
    Import *import;
} Frame;

typedef struct {
    Loaded **table; /* open addressing by real path: many roots must not make lookups quadratic */
    size_t cap, count;
    Frame stack[COMPILE_MAX_IMPORT_DEPTH + 2];
    size_t depth;
    unsigned chain_errors; /* errors reported about imports (cycles, broken imports) */
} CompileState;

void compile_init(Compilation *c)
{
    memset(c, 0, sizeof *c);
    c->arena = arena_new();
    source_set_init(&c->sources, c->arena);
    diag_init(&c->diags, c->arena, &c->sources);
    c->internal = ARENA_NEW(c->arena, CompileState);
}

void compile_free(Compilation *c)
{
    arena_free(c->arena);
    memset(c, 0, sizeof *c);
}

static const char *real_path(Compilation *c, const char *path)
{
    char *r = realpath(path, NULL);
    if (!r) return NULL;
    const char *out = arena_strdup(c->arena, r);
    free(r);
    return out;
}

static size_t path_hash(const char *s)
{
    size_t h = 1469598103934665603u;
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211u;
    return h;
}

static Loaded *find_loaded(CompileState *st, const char *real)
{
    if (!st->cap) return NULL;
    for (size_t j = path_hash(real) & (st->cap - 1); st->table[j]; j = (j + 1) & (st->cap - 1))
        if (strcmp(st->table[j]->real, real) == 0) return st->table[j];
    return NULL;
}

static void remember_loaded(Compilation *c, CompileState *st, Loaded *l)
{
    if ((st->count + 1) * 2 > st->cap) {
        size_t ncap = st->cap ? st->cap * 2 : 64;
        Loaded **nt = arena_alloc(c->arena, ncap * sizeof *nt);
        for (size_t i = 0; i < st->cap; i++) {
            if (!st->table[i]) continue;
            size_t j = path_hash(st->table[i]->real) & (ncap - 1);
            while (nt[j]) j = (j + 1) & (ncap - 1);
            nt[j] = st->table[i];
        }
        st->table = nt;
        st->cap = ncap;
    }
    size_t j = path_hash(l->real) & (st->cap - 1);
    while (st->table[j]) j = (j + 1) & (st->cap - 1);
    st->table[j] = l;
    st->count++;
}

static bool path_exists(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0;
}

/* "dir/of/file.dc" -> "dir/of/" ("" for a bare name). */
static const char *dir_of(Compilation *c, const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? arena_strndup(c->arena, path, (size_t)(slash - path + 1)) : "";
}

/* path without "." segments and with "dir/.." pairs folded ("web/../mobility/trips.dc" ->
 * "mobility/trips.dc"), as people write it; "" for nothing left. */
static char *fold_path(Compilation *c, const char *path)
{
    size_t n = strlen(path);
    char *out = arena_alloc(c->arena, n + 1);
    size_t len = 0, keep = path[0] == '/'; /* out[0..keep) is never folded away: the root */
    if (keep) out[len++] = '/';
    for (const char *p = path; *p;) {
        while (*p == '/') p++;
        const char *e = strchr(p, '/');
        size_t k = e ? (size_t)(e - p) : strlen(p);
        bool up = k == 2 && p[0] == '.' && p[1] == '.';
        if (k == 0 || (k == 1 && p[0] == '.')) {
            /* nothing */
        } else if (up && len > keep && !(len - keep >= 2 && memcmp(out + len - 2, "..", 2) == 0 &&
                                         (len - keep == 2 || out[len - 3] == '/'))) {
            while (len > keep && out[len - 1] != '/') len--; /* drop the last segment */
            if (len > keep) len--;                           /* and its slash */
        } else if (!(up && keep && len == keep)) { /* "/.." is "/" */
            if (len > keep) out[len++] = '/';
            memcpy(out + len, p, k);
            len += k;
        }
        p += k;
    }
    out[len] = '\0';
    return out;
}

/* dir/rel, folded when the folded path is the same file (a symbolic link before a ".." would
 * make it another one: then it stays as written). */
static const char *join(Compilation *c, const char *dir, const char *rel)
{
    size_t n = dir ? strlen(dir) : 0;
    const char *raw = n ? arena_printf(c->arena, "%s%s%s", dir, dir[n - 1] == '/' ? "" : "/", rel)
                        : arena_strdup(c->arena, rel);
    const char *folded = fold_path(c, raw);
    if (!*folded || strcmp(folded, raw) == 0) return raw;
    const char *a = real_path(c, raw), *b = real_path(c, folded);
    return a && b && strcmp(a, b) == 0 ? folded : raw;
}

/* The alias an import gets without `as`: the last part of the imported unit's name, or the
 * file's stem when the file could not be parsed (names through it are poisoned anyway). */
static const char *default_alias(Compilation *c, const Import *im, const Contract *target)
{
    if (target && target->name.parts) {
        const Name *n = target->name.parts;
        while (n->next) n = n->next;
        if (n->text) return n->text;
    }
    const char *p = im->path && im->path->text ? im->path->text : "";
    const char *base = strrchr(p, '/');
    base = base ? base + 1 : p;
    const char *dot = strrchr(base, '.');
    return arena_strndup(c->arena, base, dot && dot != base ? (size_t)(dot - base) : strlen(base));
}

static Loaded *load(Compilation *c, const char *path, const char *real, Import *from);

/* Resolves, loads and checks one import of `unit`. */
static void load_import(Compilation *c, Loaded *self, Import *im)
{
    CompileState *st = c->internal;
    im->target = NULL;
    im->used = false;
    const char *rel = im->path && im->path->text ? im->path->text : NULL;
    Span at = im->path ? im->path->span : im->span;
    if (!rel || !*rel || strlen(rel) != im->path->len) {
        diag_report(&c->diags, D_IMPORT_NOT_FOUND, at, "import path is empty or holds a NUL character");
        st->chain_errors++;
        im->alias_name = im->alias ? im->alias->text : default_alias(c, im, NULL);
        return;
    }
    const char *found = NULL, *real = NULL;
    if (rel[0] == '/') {
        if (path_exists(rel)) found = rel;
    } else {
        const char *cand = join(c, dir_of(c, self->path), rel);
        if (path_exists(cand)) found = cand;
        for (size_t i = 0; !found && i < c->ninclude; i++) {
            cand = join(c, c->include_dirs[i], rel);
            if (path_exists(cand)) found = cand;
        }
    }
    if (found) real = real_path(c, found);
    if (!found || !real) {
        const char *where = arena_printf(c->arena, "beside '%s'", self->path);
        for (size_t i = 0; i < c->ninclude; i++) where = arena_printf(c->arena, "%s, in '%s'", where, c->include_dirs[i]);
        diag_report(&c->diags, D_IMPORT_NOT_FOUND, at, "cannot find import \"%s\" (looked %s)", rel, where);
        st->chain_errors++;
        im->alias_name = im->alias ? im->alias->text : default_alias(c, im, NULL);
        return;
    }
    im->resolved_path = found;
    Loaded *l = find_loaded(st, real);
    if (l && l->state == UNIT_LOADING) {
        Diag *g = diag_report(&c->diags, D_IMPORT_CYCLE, at, "cyclic import: \"%s\" is already being imported", rel);
        st->chain_errors++;
        size_t k = 0;
        while (k < st->depth && st->stack[k].file != l) k++;
        for (; k < st->depth; k++) {
            Frame *f = &st->stack[k];
            if (f->import && f->import->path)
                diag_note(&c->diags, g, f->import->path->span, "'%s' imports '%s' here", f->file->path,
                          k + 1 < st->depth ? st->stack[k + 1].file->path : self->path);
        }
        im->alias_name = im->alias ? im->alias->text : default_alias(c, im, l->unit);
        return;
    }
    if (!l) {
        if (st->depth >= COMPILE_MAX_IMPORT_DEPTH) {
            diag_report(&c->diags, D_IMPORT_TOO_DEEP, at, "imports nest more than %d levels deep", COMPILE_MAX_IMPORT_DEPTH);
            st->chain_errors++;
            im->alias_name = im->alias ? im->alias->text : default_alias(c, im, NULL);
            return;
        }
        st->stack[st->depth - 1].import = im;
        l = load(c, found, real, im);
        st->stack[st->depth - 1].import = NULL;
    }
    im->alias_name = im->alias ? im->alias->text : default_alias(c, im, l ? l->unit : NULL);
    if (!l || !l->unit) return; /* reported where it failed */
    if (l->failed) {
        diag_report(&c->diags, D_IMPORT_HAS_ERRORS, at, "imported file '%s' has errors; names from it are not checked", l->path);
        st->chain_errors++;
        return;
    }
    im->target = l->unit;
}

/* A lexical error leaves a wrong value in the model (a string without its bad escape, a number
 * cut short): checking it would report the same mistake again in other words, so a file with
 * one is not checked. A syntax error drops input instead (the item it sits in): such a file is
 * checked, and sema is told where input was dropped (sema_check_holes) so that it says nothing a
 * dropped piece might have settled. Errors a builder reports about meaning (an item given twice,
 * an unknown keyword value) and lexical errors whose token keeps its value (an unquoted date,
 * read as the string it should have been) leave the model whole. */
static bool lexically_broken(const Diag *from)
{
    for (const Diag *g = from; g; g = g->next)
        if (g->severity == SEV_ERROR && g->code < D_SYNTAX && g->code != D_UNQUOTED_DATE) return true;
    return false;
}

static Span *syntax_holes(Compilation *c, const Diag *from, size_t *n)
{
    size_t k = 0;
    for (const Diag *g = from; g; g = g->next)
        if (g->code == D_SYNTAX || g->code == D_NESTING_TOO_DEEP) k++;
    Span *h = k ? arena_alloc(c->arena, k * sizeof *h) : NULL;
    *n = 0;
    for (const Diag *g = from; g; g = g->next)
        if (g->code == D_SYNTAX || g->code == D_NESTING_TOO_DEEP) h[(*n)++] = g->span;
    return h;
}

/* Loads, parses and checks one file and, first, its imports. */
static Loaded *load(Compilation *c, const char *path, const char *real, Import *from)
{
    CompileState *st = c->internal;
    const char *err = NULL;
    int64_t id = -1;
    struct stat sb;
    /* An import names a contract file: a FIFO or a device (/dev/stdin, /dev/zero) would block or
     * read forever. Files named on the command line may be pipes (`dcc check <(...)`). */
    if (from && stat(path, &sb) == 0 && !S_ISREG(sb.st_mode) && !S_ISDIR(sb.st_mode))
        err = "not a regular file";
    else
        id = source_load(&c->sources, path, &err);
    if (id < 0) {
        Diag *g = diag_report(&c->diags, D_IO_ERROR, span_none(), "cannot read '%s': %s", path, err ? err : "unknown error");
        if (from && from->path) diag_note(&c->diags, g, from->path->span, "imported here");
        return NULL;
    }
    Loaded *l = ARENA_NEW(c->arena, Loaded);
    l->real = real;
    l->path = path;
    l->state = UNIT_LOADING;
    remember_loaded(c, st, l);

    unsigned errors0 = c->diags.errors;
    unsigned chain0 = st->chain_errors;
    Diag *before = c->diags.last;
    const SourceFile *sf = c->sources.files[id];
    const FrontEnd *fe = compile_front_end(path, sf->text, sf->len);
    const SearchPath search = {c->include_dirs, c->ninclude};
    ParsedFile *pf = fe->parse(c->arena, &c->diags, &c->sources, (uint32_t)id, &search);
    const Diag *parse_diags = before ? before->next : c->diags.first;
    bool lex_failed = lexically_broken(parse_diags);
    size_t nholes = 0;
    Span *holes = syntax_holes(c, parse_diags, &nholes);
    l->unit = pf ? pf->unit : NULL;
    if (l->unit) {
        l->unit->file = (uint32_t)id;
        st->stack[st->depth++] = (Frame){l, NULL};
        long nested = 0;
        for (Import *im = l->unit->imports; im; im = im->next) {
            unsigned before = c->diags.errors, chain_before = st->chain_errors;
            load_import(c, l, im);
            /* Errors inside the imported file are its own, not ours; one DC0604 (or the
             * missing/cyclic import) stands for them here. */
            nested += (long)(c->diags.errors - before) - (long)(st->chain_errors - chain_before);
        }
        st->depth--;
        if (!lex_failed) sema_check_holes(c->arena, &c->diags, l->unit, holes, nholes);
        for (Import *im = l->unit->imports; im && !lex_failed && !nholes; im = im->next) {
            if (im->target && !im->used)
                diag_report(&c->diags, D_UNUSED_IMPORT, im->path ? im->path->span : im->span,
                            "nothing from \"%s\" (alias '%s') is used", im->path ? im->path->text : "?",
                            im->alias_name ? im->alias_name : "?");
        }
        /* Import-chain errors do not make this file broken for its importers: that would
         * repeat one missing file as an error in every file above it. */
        long own = (long)(c->diags.errors - errors0) - nested - (long)(st->chain_errors - chain0);
        l->failed = own > 0;
        ptrvec_push(c->arena, &c->units, l->unit);
        ptrvec_push(c->arena, &c->parsed, pf);
    } else {
        l->failed = true;
    }
    l->state = UNIT_DONE;
    return l;
}

Contract *compile_file(Compilation *c, const char *path)
{
    CompileState *st = c->internal;
    const char *real = real_path(c, path);
    if (real) {
        Loaded *l = find_loaded(st, real);
        if (l) return l->unit;
    } else {
        real = arena_strdup(c->arena, path);
    }
    st->depth = 0;
    Loaded *l = load(c, arena_strdup(c->arena, path), real, NULL);
    return l ? l->unit : NULL;
}
