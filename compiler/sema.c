/* sema.c - semantic checks over one contract or library: names, types, attributes, keys,
 * quality rules, service levels; fills the "after sema" parts of the model.
 *
 * Passes run in a fixed order (header and keyword values, tables, type uses, type cycles,
 * resolution of every type once, attributes, references, datasets) so that each pass may rely on
 * the previous one. Lookups go through one hash table
 * keyed by (scope pointer, name): a dataset of 10,000 fields is checked in linear time.
 * A TY_ERROR type or an unresolved name stops follow-on diagnostics (no cascades).
 * Numbers are compared as decimal text, never through a double. */
#include "sema.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cron.h"
#include "dcc_rt.h"
#include "num.h"
#include "odcs_schema.h"
#include "parse.h"
#include "regex.h"
#include "semver.h"
#include "servers.h"
#include "suggest.h"
#include "symtab.h"
#include "utf8.h"

/* Sentinel names: never identifiers, so they cannot collide with declared names. */
static const char KEY_INDEXED[] = "\001indexed";
static const char KEY_DECLINFO[] = "\001declinfo";
static const char KEY_WARNED[] = "\001warned";
/* Scopes of the regex caches: a big dataset repeats the same few patterns thousands of times. */
static const char SCOPE_PATTERN[] = "pattern";
static const char SCOPE_ELEMENT_ID[] = "element id"; /* ids of datasets and fields (DC0752) */

/* ---------------------------------------------------------------------------------------- */
/* context                                                                                   */

/* TypeDecl.visit: the cycle search's marks (find_type_cycles). */
enum { TD_UNVISITED, TD_IN_PROGRESS, TD_DONE, TD_POISONED /* part of a cycle: resolves to the error type */ };

typedef struct DeclInfo {
    TypeDecl *decl;
    PtrVec uses; /* Type* (TY_NAMED) inside the declaration that name a type of this unit */
    bool poisoned;
} DeclInfo;

typedef struct {
    Arena *a;
    DiagSink *d;
    Contract *unit;
    SymTab map;      /* every lookup of the pass, keyed by (scope, name) */
    Type *error_type;
    PtrVec fields;  /* every Field of the unit: dataset fields and struct fields, in order */
    PtrVec decls;   /* DeclInfo* in declaration order */
    PtrVec types;   /* every Type the unit holds, as walk_type met them: each is resolved once */
    int type_depth; /* guards the recursive type walk against hostile nesting */
    const Span *holes; /* where a syntax error dropped input (sema_check_holes) */
    size_t nholes;
    bool holes_outside; /* a hole outside every dataset: contract items may be missing */
} Sema;

/* True if input was dropped inside sp: what sp holds is incomplete, so nothing is said about
 * what it lacks. */
static bool has_hole(const Sema *s, Span sp)
{
    for (size_t i = 0; i < s->nholes; i++)
        if (s->holes[i].file == sp.file && s->holes[i].start >= sp.start && s->holes[i].start < sp.end) return true;
    return false;
}

/* A hole outside every block (dataset, sla, a type's struct), or one inside a block at a
 * contract item keyword (the block's `}` is missing, so what follows was read as its items and
 * dropped), may have dropped declarations: types, datasets, the owner. A hole inside a block
 * otherwise drops only that block's items. */
static bool holes_outside(const Sema *s)
{
    static const char *const items[] = {"owner", "contact", "domain", "status", "tags", "link",
                                        "compatibility", "serve", "sla", "type", "dataset", "import",
                                        "server"};
    const SourceSet *ss = s->d->sources;
    for (size_t i = 0; i < s->nholes; i++) {
        Span h = s->holes[i];
        bool inside = false;
        for (const ContractItem *it = s->unit->items; it && !inside; it = it->next)
            inside = it->span.file == h.file && h.start > it->span.start && h.start < it->span.end;
        if (!inside) return true;
        if (h.file >= ss->nfiles) return true;
        const SourceFile *f = ss->files[h.file];
        size_t n = h.end > h.start && h.end <= f->len ? h.end - h.start : 0;
        for (size_t k = 0; k < sizeof items / sizeof items[0]; k++)
            if (n == strlen(items[k]) && memcmp(f->text + h.start, items[k], n) == 0) return true;
    }
    return false;
}

/* Suggestions cost a scan over candidates: only offer them while errors are few. */
static bool sema_may_suggest(const Sema *s)
{
    return !s->d->max_errors || s->d->errors < s->d->max_errors;
}

/* Checks a keyword value against its table; returns its index, or -1 after DC0415. */
static void check_extra(Sema *s, const Meta *m, const OdcsShape *shape, const OdcsSaid *said);

static int check_word(Sema *s, const Name *n, const Keywords *k)
{
    if (!n || !n->text) return -1;
    int i = model_kw_find(k, n->text);
    if (i >= 0) return i;
    Suggest g;
    suggest_init(&g, n->text);
    for (unsigned j = 0; j < k->count; j++) suggest_try(&g, k->words[j]);
    diag_report(s->d, D_BAD_ENUM_WORD, n->span, "unknown %s '%s'%s (allowed: %s)", k->what, n->text,
                suggest_text(s->a, &g), suggest_word_list(s->a, k->words, k->count));
    return -1;
}

/* ---------------------------------------------------------------------------------------- */
/* dates and times (RFC 3339, real calendars)                                                */

/* Temporal literals are read by the runtime's own parser, so that a bound or default dcc accepts
 * is exactly one the validator reads the same way (one engine). */
typedef struct {
    int64_t secs;  /* seconds since 1970-01-01T00:00:00Z (or of the day for time) */
    int32_t nanos;
} Instant;

typedef enum { TP_OK, TP_FORMAT, TP_CALENDAR } TParse;

static TParse parse_temporal(TypeKind k, const char *t, Instant *out)
{
    dcc_kind dk = k == TY_DATE ? DCC_DATE : k == TY_TIME ? DCC_TIME : k == TY_TIMESTAMP ? DCC_TIMESTAMP : DCC_TIMESTAMPTZ;
    switch (dcc_temporal_parse(dk, t, strlen(t), &out->secs, &out->nanos, NULL)) {
    case DCC_TEMPORAL_OK: return TP_OK;
    case DCC_TEMPORAL_RANGE: return TP_CALENDAR;
    case DCC_TEMPORAL_FORMAT: break;
    }
    return TP_FORMAT;
}

static int instant_cmp(const Instant *x, const Instant *y)
{
    if (x->secs != y->secs) return x->secs < y->secs ? -1 : 1;
    if (x->nanos != y->nanos) return x->nanos < y->nanos ? -1 : 1;
    return 0;
}

static const char *temporal_form(TypeKind k)
{
    switch (k) {
    case TY_DATE: return "YYYY-MM-DD";
    case TY_TIME: return "HH:MM:SS[.fraction]";
    case TY_TIMESTAMP: return "YYYY-MM-DDTHH:MM:SS[.fraction] then Z or +00:00";
    default: return "YYYY-MM-DDTHH:MM:SS[.fraction] then Z, +HH:MM or -HH:MM";
    }
}

/* ---------------------------------------------------------------------------------------- */
/* small text checks                                                                         */

static bool is_uuid(const char *s, size_t n)
{
    if (n != 36) return false;
    for (size_t i = 0; i < 36; i++) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return false;
        } else {
            char c = s[i];
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
        }
    }
    return true;
}

/* Parses a duration "<integer><unit>" into seconds; false when malformed (the scanner said so). */
static bool parse_duration(const char *t, double *secs)
{
    if (!t || !*t) return false;
    const char *p = t;
    double v = 0;
    if (*p < '0' || *p > '9') return false;
    while (*p >= '0' && *p <= '9') v = v * 10 + (*p++ - '0');
    double unit;
    if (strcmp(p, "ms") == 0) unit = 0.001;
    else if (strcmp(p, "s") == 0) unit = 1;
    else if (strcmp(p, "m") == 0) unit = 60;
    else if (strcmp(p, "h") == 0) unit = 3600;
    else if (strcmp(p, "d") == 0) unit = 86400;
    else if (strcmp(p, "w") == 0) unit = 7 * 86400.0;
    else if (strcmp(p, "y") == 0) unit = 365 * 86400.0;
    else return false;
    *secs = v * unit;
    return true;
}

/* ---------------------------------------------------------------------------------------- */
/* contract header: name, version, words                                                     */

/* Returns false after DC0502. */
static bool check_cron(Sema *s, const Literal *lit)
{
    const char *why = cron_check(s->a, lit->text);
    if (!why) return true;
    diag_report(s->d, D_BAD_CRON, lit->span, "invalid cron expression \"%s\": %s", lit->text, why);
    return false;
}

/* ---------------------------------------------------------------------------------------- */
/* named servers: each type's fields and their value types (servers.def)                    */

/* Whether a number is written as a whole number: digits with an optional sign. */
static bool whole_number(const char *t)
{
    if (*t == '-' || *t == '+') t++;
    if (!*t) return false;
    for (; *t; t++)
        if (*t < '0' || *t > '9') return false;
    return true;
}

static void check_server_field(Sema *s, const Server *sv, const ServerTypeSpec *st, const ServerField *f)
{
    const ServerFieldSpec *fs = server_field_find(f->key.text);
    if (!server_type_takes(st, f->key.text)) {
        /* the types it belongs to: the first few, and how many more */
        const char *others = NULL;
        unsigned n = 0;
        for (size_t j = 0; fs && j < server_type_count; j++) {
            if (!server_type_takes(&server_types[j], f->key.text)) continue;
            if (++n <= 4) others = others ? arena_printf(s->a, "%s, %s", others, server_types[j].type) : server_types[j].type;
        }
        if (n > 4) others = arena_printf(s->a, "%s and %u more server types", others, n - 4);
        else if (others) others = arena_printf(s->a, "%s servers", others);
        if (others) {
            diag_report(s->d, D_SERVER_FIELD, f->key.span, "%s servers take no '%s' (it is a field of %s)",
                        sv->type.text, f->key.text, others);
            return;
        }
        Suggest g;
        suggest_init(&g, f->key.text);
        for (size_t j = 0; j < server_field_count; j++)
            if (server_type_takes(st, server_fields[j].name)) suggest_try(&g, server_fields[j].name);
        diag_report(s->d, D_SERVER_FIELD, f->key.span, "'%s' is not a field of %s servers%s", f->key.text, sv->type.text,
                    suggest_text(s->a, &g));
        return;
    }
    const Literal *v = f->value;
    if (!v || !fs) return;
    static const LitKind want[] = {LIT_STRING, LIT_NUMBER, LIT_IDENT};
    _Static_assert(sizeof want / sizeof want[0] == SV_WORD + 1, "one literal kind per value type");
    if (v->kind != want[fs->type] || (fs->type == SV_INTEGER && !whole_number(v->text))) {
        const char *how = fs->type == SV_STRING ? "a string, in quotes"
                        : fs->type == SV_INTEGER ? "a whole number"
                        : arena_printf(s->a, "a word, without quotes (%s)",
                                       suggest_word_list(s->a, fs->words->words, fs->words->count));
        diag_report(s->d, D_SERVER_VALUE, v->span, "'%s' takes %s", f->key.text, how);
        return;
    }
    /* a word outside the list: an error, but for a contract that follows ODCS, whose v3.1 takes
     * any string here */
    if (fs->type == SV_WORD && model_kw_find(fs->words, v->text) < 0 && !s->unit->house_rules_warn) {
        Suggest g;
        suggest_init(&g, v->text);
        for (unsigned j = 0; j < fs->words->count; j++) suggest_try(&g, fs->words->words[j]);
        diag_report(s->d, D_SERVER_VALUE, v->span, "unknown %s '%s'%s (allowed: %s)", fs->words->what, v->text,
                    suggest_text(s->a, &g), suggest_word_list(s->a, fs->words->words, fs->words->count));
    }
}

static void check_servers(Sema *s)
{
    for (Server *sv = s->unit->servers; sv; sv = sv->next) {
        Server *first = symtab_put(&s->map, &s->unit->servers, sv->name.text, sv);
        if (first) {
            Diag *g = diag_report(s->d, D_DUPLICATE, sv->name.span, "server '%s' is declared twice", sv->name.text);
            diag_note(s->d, g, first->name.span, "first declared here");
        }
        const ServerTypeSpec *st = server_type_find(sv->type.text);
        if (!st) {
            Suggest g;
            suggest_init(&g, sv->type.text);
            for (size_t j = 0; j < server_type_count; j++) suggest_try(&g, server_types[j].type);
            diag_report(s->d, D_SERVER_TYPE, sv->type.span, "unknown server type '%s'%s", sv->type.text,
                        suggest_text(s->a, &g));
            continue; /* its fields cannot be judged */
        }
        for (const ServerField *f = sv->fields; f; f = f->next) check_server_field(s, sv, st, f);
        if (has_hole(s, sv->span)) continue; /* a required field may have been dropped */
        for (const char *const *q = st->required; *q; q++) {
            bool given = false;
            for (const ServerField *f = sv->fields; f && !given; f = f->next) given = !strcmp(f->key.text, *q);
            if (!given)
                diag_report(s->d, D_SERVER_REQUIRED, sv->name.span, "server '%s' (%s) needs '%s'", sv->name.text,
                            sv->type.text, *q);
        }
    }
}

static void check_sla(Sema *s)
{
    for (SlaItem *it = s->unit->sla; it; it = it->next) {
        if (!it->value || !it->value->text) continue;
        if (it->kind == SLA_SUPPORT) continue;
        if (it->kind == SLA_FREQUENCY && it->cron) {
            check_cron(s, it->value);
            continue;
        }
        if (it->kind == SLA_AVAILABILITY) {
            Num n;
            if (!num_parse(s->a, it->value->text, &n)) continue;
            Num hundred = num_of(s->a, "100");
            if (n.neg || num_cmp(&n, &hundred) > 0) {
                diag_report(s->d, D_PERCENT_RANGE, it->value->span, "availability %s%% is outside 0%%..100%%", it->value->text);
                continue;
            }
            it->number = strtod(it->value->text, NULL);
            continue;
        }
        double secs;
        if (!parse_duration(it->value->text, &secs)) continue; /* malformed: the scanner reported it */
        if (secs <= 0) {
            diag_report(s->d, D_DURATION_ZERO, it->value->span, "sla %s must be a positive duration, not %s", model_sla_name(it->kind), it->value->text);
            continue;
        }
        it->number = secs;
    }
}

static void check_header(Sema *s)
{
    Contract *c = s->unit;
    const char *what = c->kind == UNIT_LIBRARY ? "library" : "contract";
    if (c->name.text && c->name.nparts < 2)
        diag_report(s->d, D_BAD_NAME, c->name.span,
                    "%s name '%s' needs at least two dotted parts, such as 'domain.%s'", what, c->name.text, c->name.text);
    if (c->version && c->version->text) {
        SemVer v;
        const char *why = semver_parse(s->a, c->version->text, &v);
        if (why) {
            diag_report(s->d, D_BAD_VERSION, c->version->span, "invalid version '%s': %s (semantic versions look like 1.4.0 or 2.0.0-rc.1)", c->version->text, why);
        } else {
            c->semver.major = v.major;
            c->semver.minor = v.minor;
            c->semver.patch = v.patch;
            c->semver.pre = v.pre;
            c->semver.build = v.build;
        }
    }
    if (c->kind == UNIT_LIBRARY) {
        /* The builder may accept contract items in a library so that this is one clear error. */
        if (c->items) {
            for (ContractItem *it = c->items; it; it = it->next)
                if (it->kind != CI_TYPE)
                    diag_report(s->d, D_LIBRARY_ITEM, it->span, "a library holds only type declarations");
        } else {
            for (Dataset *ds = c->datasets; ds; ds = ds->next)
                diag_report(s->d, D_LIBRARY_ITEM, ds->name.span, "a library holds only type declarations, not datasets");
            if (c->owner) diag_report(s->d, D_LIBRARY_ITEM, c->owner->span, "a library holds only type declarations");
        }
        return;
    }
    if (!c->owner && s->holes_outside) {
        /* the owner may have been dropped by a syntax error */
    } else if (!c->owner && c->house_rules_warn)
        diag_report(s->d, D_ODCS_HOUSE_RULE, c->name.span, "contract '%s' has no owner (ODCS: team.name)",
                    c->name.text ? c->name.text : "");
    else if (!c->owner)
        diag_report(s->d, D_MISSING_OWNER, c->name.span, "contract '%s' has no owner; add `owner \"Team name\"`",
                    c->name.text ? c->name.text : "");
    if (!c->datasets && !s->holes_outside)
        diag_report(s->d, c->house_rules_warn ? D_ODCS_HOUSE_RULE : D_NO_DATASET, c->name.span,
                    "contract '%s' declares no dataset", c->name.text ? c->name.text : "");
    check_word(s, c->standard, &model_kw_standard);
    for (const MetaItem *mi = c->meta; mi; mi = mi->next)
        if (mi->kind == CI_CUSTOM) check_extra(s, mi->extra, &odcs_custom_property, odcs_custom_said);
        else if (mi->kind == CI_DESCRIPTION) check_extra(s, mi->value, &odcs_description, odcs_description_said);
    if (c->standard_version && model_kw_find(&model_kw_odcs_version, c->standard_version->text) < 0)
        diag_report(s->d, D_BAD_ENUM_WORD, c->standard_version->span, "unknown ODCS version \"%s\" (allowed: %s)",
                    c->standard_version->text, suggest_word_list(s->a, model_kw_odcs_version.words, model_kw_odcs_version.count));
    int w = check_word(s, c->status_name, &model_kw_status);
    if (w >= 0) c->status = (Status)w;
    /* `status "WORD"` is for ODCS's other statuses; one of dcc's is written as a word */
    if (c->status_other && model_kw_find(&model_kw_status, c->status_other->text) >= 0)
        diag_report(s->d, D_BAD_ENUM_WORD, c->status_other->span, "status \"%s\" is one of dcc's: write `status %s`",
                    c->status_other->text, c->status_other->text);
    w = check_word(s, c->compat_name, &model_kw_compat);
    if (w >= 0) c->compatibility = (CompatMode)w;
    for (Serve *sv = c->serves; sv; sv = sv->next) {
        int k = check_word(s, &sv->kind, &model_kw_serve_kind);
        if (!sv->format) continue;
        if (check_word(s, sv->format, &model_kw_format) < 0) continue;
        if (k >= 0 && !model_serve_takes_format(sv->kind.text))
            diag_report(s->d, D_BAD_ENUM_WORD, sv->format->span,
                        "a format applies only to s3, gcs, azure and file outputs, not to %s", sv->kind.text);
    }
    for (Link *l = c->links; l; l = l->next) {
        Link *first = symtab_put(&s->map, &c->links, l->name.text, l);
        if (first) {
            Diag *g = diag_report(s->d, D_DUPLICATE, l->name.span, "link '%s' is given twice", l->name.text);
            diag_note(s->d, g, first->name.span, "first given here");
        }
    }
    check_sla(s);
    check_servers(s);
}

/* ---------------------------------------------------------------------------------------- */
/* declarations and imports                                                                  */

static void index_declarations(Sema *s)
{
    Contract *c = s->unit;
    for (TypeDecl *td = c->types; td; td = td->next) {
        if (!td->name.text) continue;
        td->owner = c;
        if (model_is_builtin_type_name(td->name.text)) {
            diag_report(s->d, D_BUILTIN_REDEFINED, td->name.span,
                        "'%s' is a built-in type and cannot be redefined", td->name.text);
            continue;
        }
        TypeDecl *first = symtab_put(&s->map, &c->types, td->name.text, td);
        if (first) {
            Diag *g = diag_report(s->d, D_DUPLICATE, td->name.span, "type '%s' is declared twice", td->name.text);
            diag_note(s->d, g, first->name.span, "first declared here");
        }
    }
    symtab_put(&s->map, &c->types, KEY_INDEXED, c);
    for (Dataset *ds = c->datasets; ds; ds = ds->next) {
        if (!ds->name.text) continue;
        ds->owner = c;
        Dataset *first = symtab_put(&s->map, &c->datasets, ds->name.text, ds);
        if (first) {
            Diag *g = diag_report(s->d, D_DUPLICATE, ds->name.span, "dataset '%s' is declared twice", ds->name.text);
            diag_note(s->d, g, first->name.span, "first declared here");
        }
        /* Fields are indexed now so that references from earlier datasets find them. */
        for (Field *f = ds->fields; f; f = f->next) {
            if (!f->name.text) continue;
            Field *ff = symtab_put(&s->map, &ds->fields, f->name.text, f);
            if (ff) {
                Diag *g = diag_report(s->d, D_DUPLICATE, f->name.span, "field '%s' is declared twice in dataset '%s'",
                                      f->name.text, ds->name.text);
                diag_note(s->d, g, ff->name.span, "first declared here");
            }
        }
        symtab_put(&s->map, &ds->fields, KEY_INDEXED, ds);
    }
    symtab_put(&s->map, &c->datasets, KEY_INDEXED, c);

    for (Import *im = c->imports; im; im = im->next) {
        const char *al = im->alias_name ? im->alias_name : im->alias ? im->alias->text : NULL;
        if (!al) continue;
        im->alias_name = al;
        Span sp = im->alias ? im->alias->span : im->path ? im->path->span : im->span;
        Import *first = symtab_put(&s->map, &c->imports, al, im);
        if (first) {
            Diag *g = diag_report(s->d, D_ALIAS_CLASH, sp, "two imports have the alias '%s'; give one of them another with `as NAME`", al);
            diag_note(s->d, g, first->alias ? first->alias->span : first->path ? first->path->span : first->span,
                      "the first import with alias '%s'", al);
            im->target = NULL; /* unreachable by name: neither used nor unused */
            continue;
        }
        TypeDecl *td = symtab_get(&s->map, &c->types, al);
        Dataset *ds = symtab_get(&s->map, &c->datasets, al);
        if (td || ds) {
            Diag *g = diag_report(s->d, D_ALIAS_CLASH, sp, "import alias '%s' clashes with the %s '%s' declared in this file", al,
                                  td ? "type" : "dataset", al);
            diag_note(s->d, g, td ? td->name.span : ds->name.span, "declared here");
            im->target = NULL;
        }
    }
}

/* Builds the lookup tables of an imported unit (already checked) the first time it is used. */
static void index_foreign(Sema *s, Contract *u)
{
    if (symtab_get(&s->map, &u->types, KEY_INDEXED)) return;
    for (TypeDecl *td = u->types; td; td = td->next)
        if (td->name.text) symtab_put(&s->map, &u->types, td->name.text, td);
    symtab_put(&s->map, &u->types, KEY_INDEXED, u);
    for (Dataset *ds = u->datasets; ds; ds = ds->next)
        if (ds->name.text) symtab_put(&s->map, &u->datasets, ds->name.text, ds);
    symtab_put(&s->map, &u->datasets, KEY_INDEXED, u);
}

static Field *dataset_field(Sema *s, Dataset *ds, const char *name)
{
    if (!symtab_get(&s->map, &ds->fields, KEY_INDEXED)) {
        for (Field *f = ds->fields; f; f = f->next)
            if (f->name.text) symtab_put(&s->map, &ds->fields, f->name.text, f);
        symtab_put(&s->map, &ds->fields, KEY_INDEXED, ds);
    }
    return symtab_get(&s->map, &ds->fields, name);
}

static bool status_is_old(Status st) { return st == STATUS_DEPRECATED || st == STATUS_RETIRED; }

/* DC0902 when something from a deprecated or retired unit is used; once per import. */
static void warn_if_old(Sema *s, Import *im, Span use, const char *what)
{
    Contract *t = im->target;
    if (!t || t->kind != UNIT_CONTRACT || !status_is_old(t->status)) return;
    if (symtab_put(&s->map, im, KEY_WARNED, im)) return;
    Diag *g = diag_report(s->d, D_USES_RETIRED, use, "%s comes from '%s', which is %s", what,
                          t->name.text ? t->name.text : "?", model_status_name(t->status));
    if (t->status_name) diag_note(s->d, g, t->status_name->span, "status declared here");
}

typedef enum { LOOK_OK, LOOK_POISONED, LOOK_REPORTED } Lookup;

/* Resolves the alias part of a qualified name. */
static Lookup lookup_alias(Sema *s, const Name *alias, Import **out)
{
    Import *im = symtab_get(&s->map, &s->unit->imports, alias->text);
    if (!im && s->holes_outside) return LOOK_REPORTED; /* the import may have been dropped */
    if (!im) {
        Suggest g;
        suggest_init(&g, alias->text);
        for (Import *i = s->unit->imports; i; i = i->next) suggest_try(&g, i->alias_name);
        diag_report(s->d, D_UNKNOWN_IMPORT, alias->span, "no import has the alias '%s'%s", alias->text, suggest_text(s->a, &g));
        return LOOK_REPORTED;
    }
    if (!im->target) return LOOK_POISONED; /* the import failed and said so */
    im->used = true;
    index_foreign(s, im->target);
    *out = im;
    return LOOK_OK;
}

/* Resolves `dataset` or `alias.dataset` (upstream) or the dataset part of a reference. */
static Lookup lookup_dataset(Sema *s, const Name *first, unsigned nparts, Dataset **out, Import **via)
{
    Contract *u = s->unit;
    const Name *dn = first;
    *via = NULL;
    if (nparts == 2) {
        Lookup r = lookup_alias(s, first, via);
        if (r != LOOK_OK) return r;
        u = (*via)->target;
        dn = first->next;
    }
    Dataset *ds = symtab_get(&s->map, &u->datasets, dn->text);
    if (!ds && s->nholes) return LOOK_REPORTED; /* a dataset may have been dropped */
    if (!ds) {
        Suggest g;
        suggest_init(&g, dn->text);
        if (sema_may_suggest(s))
            for (Dataset *d = u->datasets; d; d = d->next) suggest_try(&g, d->name.text);
        diag_report(s->d, D_UNKNOWN_DATASET, dn->span, "%s has no dataset '%s'%s",
                    u == s->unit ? "this contract" : arena_printf(s->a, "'%s'", u->name.text ? u->name.text : "?"),
                    dn->text, suggest_text(s->a, &g));
        return LOOK_REPORTED;
    }
    *out = ds;
    return LOOK_OK;
}

static void report_unknown_field(Sema *s, Dataset *ds, const Name *n)
{
    if (has_hole(s, ds->span)) return; /* the field may have been dropped */
    Suggest g;
    suggest_init(&g, n->text);
    if (sema_may_suggest(s))
        for (Field *f = ds->fields; f; f = f->next) suggest_try(&g, f->name.text);
    diag_report(s->d, D_UNKNOWN_FIELD, n->span, "dataset '%s' has no field '%s'%s", ds->name.text, n->text, suggest_text(s->a, &g));
}

/* ---------------------------------------------------------------------------------------- */
/* type uses                                                                                 */

static unsigned count_lits(const Literal *l)
{
    unsigned n = 0;
    for (; l; l = l->next) n++;
    return n;
}

static void resolve_named(Sema *s, Type *t, DeclInfo *in_decl)
{
    QualName *q = &t->u.named.name;
    t->u.named.decl = NULL;
    if (!q->parts || !q->text) return;
    if (q->nparts == 1) {
        TypeDecl *td = symtab_get(&s->map, &s->unit->types, q->parts->text);
        if (!td && s->holes_outside) return; /* the declaration may have been dropped */
        if (!td) {
            Suggest g;
            suggest_init(&g, q->parts->text);
            for (unsigned k = TY_BOOLEAN; k < TY_NAMED; k++) suggest_try(&g, model_type_kind_name((TypeKind)k));
            if (sema_may_suggest(s))
                for (TypeDecl *d = s->unit->types; d; d = d->next) suggest_try(&g, d->name.text);
            Diag *dg = diag_report(s->d, D_UNKNOWN_TYPE, q->span, "unknown type '%s'%s", q->text, suggest_text(s->a, &g));
            Dataset *ds = symtab_get(&s->map, &s->unit->datasets, q->parts->text);
            if (ds) diag_note(s->d, dg, ds->name.span, "'%s' is a dataset, not a type", q->text);
            return;
        }
        if (t->args) {
            diag_report(s->d, D_TYPE_ARGS, t->span, "the named type '%s' takes no arguments", q->text);
            return;
        }
        t->u.named.decl = td;
        if (in_decl) ptrvec_push(s->a, &in_decl->uses, t);
        return;
    }
    if (q->nparts > 2) {
        diag_report(s->d, D_UNKNOWN_TYPE, q->span, "unknown type '%s': a type name is NAME or ALIAS.NAME", q->text);
        return;
    }
    Import *im = NULL;
    if (lookup_alias(s, q->parts, &im) != LOOK_OK) return;
    const Name *tn = q->parts->next;
    TypeDecl *td = symtab_get(&s->map, &im->target->types, tn->text);
    if (!td) {
        Suggest g;
        suggest_init(&g, tn->text);
        if (sema_may_suggest(s))
            for (TypeDecl *d = im->target->types; d; d = d->next) suggest_try(&g, d->name.text);
        diag_report(s->d, D_UNKNOWN_TYPE, q->span, "unknown type '%s': '%s' declares no type '%s'%s", q->text,
                    im->target->name.text ? im->target->name.text : im->alias_name, tn->text, suggest_text(s->a, &g));
        return;
    }
    if (t->args) {
        diag_report(s->d, D_TYPE_ARGS, t->span, "the named type '%s' takes no arguments", q->text);
        return;
    }
    t->u.named.decl = td;
    warn_if_old(s, im, q->span, arena_printf(s->a, "type '%s'", q->text));
}

static void walk_fields(Sema *s, Field *fields, const void *scope, const char *where, DeclInfo *in_decl);

/* Checks a type as written: arguments, nested types, named uses. */
static void walk_type(Sema *s, Type *t, DeclInfo *in_decl)
{
    if (!t) return;
    if (++s->type_depth > 256) {
        /* The parser bounds nesting; this only guards a hand-built model. */
        t->kind = TY_ERROR;
        s->type_depth--;
        return;
    }
    const char *w = t->written ? t->written : model_type_kind_name(t->kind);
    ptrvec_push(s->a, &s->types, t);
    switch (t->kind) {
    case TY_ERROR: break;
    case TY_NAMED: resolve_named(s, t, in_decl); break;
    case TY_DECIMAL: {
        Literal *p = t->u.decimal.precision, *sc = t->u.decimal.scale;
        unsigned n = t->args ? count_lits(t->args) : (unsigned)(p != NULL) + (unsigned)(sc != NULL);
        if (t->args && n == 2) { p = t->args; sc = t->args->next; }
        if (n != 2 || !p || !sc) {
            diag_report(s->d, D_TYPE_ARGS, t->span, "decimal takes two arguments, precision and scale: decimal(P,S), not %u", n);
            t->kind = TY_ERROR;
            break;
        }
        Num np, ns;
        int64_t pv = -1, sv = -1;
        if (!num_parse(s->a, p->text, &np) || !num_to_i64(&np, &pv) || pv < 1 || pv > 38) {
            diag_report(s->d, D_DECIMAL_RANGE, p->span, "decimal precision %s is outside 1..38", p->text ? p->text : "?");
            t->kind = TY_ERROR;
            break;
        }
        if (!num_parse(s->a, sc->text, &ns) || !num_to_i64(&ns, &sv) || sv < 0 || sv > pv) {
            diag_report(s->d, D_DECIMAL_RANGE, sc->span, "decimal scale %s is outside 0..%lld (the precision)", sc->text ? sc->text : "?", (long long)pv);
            t->kind = TY_ERROR;
            break;
        }
        t->u.decimal.p = (int)pv;
        t->u.decimal.s = (int)sv;
        break;
    }
    case TY_STRING: {
        Literal *m = t->u.string.max;
        unsigned n = t->args ? count_lits(t->args) : (unsigned)(m != NULL);
        if (t->args) m = t->args;
        t->u.string.max_len = -1;
        if (n > 1) {
            diag_report(s->d, D_TYPE_ARGS, t->span, "string takes at most one argument, its maximum length: string(N)");
            t->kind = TY_ERROR;
            break;
        }
        if (m) {
            Num nm;
            int64_t v = -1;
            if (!num_parse(s->a, m->text, &nm) || !num_to_i64(&nm, &v) || v < 1 || v > 2147483647) {
                diag_report(s->d, D_STRING_LENGTH, m->span, "string length %s is outside 1..2147483647", m->text ? m->text : "?");
                t->kind = TY_ERROR;
                break;
            }
            t->u.string.max_len = v;
        }
        break;
    }
    case TY_ENUM: {
        if (!t->u.enumeration.values) {
            diag_report(s->d, D_ENUM_EMPTY, t->span, "an enumeration lists at least one value");
            t->kind = TY_ERROR;
            break;
        }
        unsigned n = 0;
        for (EnumValue *v = t->u.enumeration.values; v; v = v->next) {
            n++;
            if (!v->name) continue;
            EnumValue *first = symtab_put(&s->map, &t->u.enumeration, v->name, v);
            if (first) {
                Diag *g = diag_report(s->d, D_ENUM_DUP, v->span, "enumeration value '%s' is listed twice", v->name);
                diag_note(s->d, g, first->span, "first listed here");
            }
        }
        t->u.enumeration.count = n;
        break;
    }
    case TY_LIST:
        walk_type(s, t->u.list.elem, in_decl);
        break;
    case TY_MAP:
        if (t->u.map.key && t->u.map.key->text && strcmp(t->u.map.key->text, "string") != 0)
            diag_report(s->d, D_MAP_KEY, t->u.map.key->span, "map keys must be string, not '%s': write map<string, T>", t->u.map.key->text);
        walk_type(s, t->u.map.value, in_decl);
        break;
    case TY_STRUCT:
        if (!t->u.strct.fields)
            if (!has_hole(s, t->span)) diag_report(s->d, D_NO_FIELDS, t->span, "a struct has at least one field");
        walk_fields(s, t->u.strct.fields, &t->u.strct.fields, "struct", in_decl);
        break;
    default:
        if (t->args) {
            diag_report(s->d, D_TYPE_ARGS, t->span, "%s takes no arguments", w);
            t->kind = TY_ERROR;
        }
        break;
    }
    s->type_depth--;
}

static void walk_fields(Sema *s, Field *fields, const void *scope, const char *where, DeclInfo *in_decl)
{
    for (Field *f = fields; f; f = f->next) {
        if (scope && f->name.text) {
            Field *first = symtab_put(&s->map, scope, f->name.text, f);
            if (first) {
                Diag *g = diag_report(s->d, D_DUPLICATE, f->name.span, "field '%s' is declared twice in this %s", f->name.text, where);
                diag_note(s->d, g, first->name.span, "first declared here");
            }
        }
        ptrvec_push(s->a, &s->fields, f);
        walk_type(s, f->type, in_decl);
    }
}

static void walk_all_types(Sema *s)
{
    for (TypeDecl *td = s->unit->types; td; td = td->next) {
        DeclInfo *di = ARENA_NEW(s->a, DeclInfo);
        di->decl = td;
        td->visit = TD_UNVISITED;
        symtab_put(&s->map, td, KEY_DECLINFO, di);
        ptrvec_push(s->a, &s->decls, di);
    }
    for (size_t i = 0; i < s->decls.len; i++) {
        DeclInfo *di = s->decls.items[i];
        walk_type(s, di->decl->type, di);
    }
    for (Dataset *ds = s->unit->datasets; ds; ds = ds->next)
        walk_fields(s, ds->fields, NULL, "dataset", NULL); /* duplicates were found when indexing */
}

/* Finds cycles among this unit's named types with an explicit stack (chains may be long). */
static void find_type_cycles(Sema *s)
{
    size_t n = s->decls.len;
    if (!n) return;
    typedef struct { DeclInfo *di; size_t next; } Frame;
    Frame *stack = arena_alloc(s->a, (n + 1) * sizeof *stack);
    for (size_t i = 0; i < n; i++) {
        DeclInfo *root = s->decls.items[i];
        if (root->decl->visit != TD_UNVISITED) continue;
        size_t top = 0;
        stack[top++] = (Frame){root, 0};
        root->decl->visit = TD_IN_PROGRESS;
        while (top) {
            Frame *f = &stack[top - 1];
            if (f->next == f->di->uses.len) {
                f->di->decl->visit = f->di->poisoned ? TD_POISONED : TD_DONE;
                top--;
                continue;
            }
            Type *use = f->di->uses.items[f->next++];
            TypeDecl *to = use->u.named.decl;
            DeclInfo *ti = symtab_get(&s->map, to, KEY_DECLINFO);
            if (!ti) continue;
            if (to->visit == TD_IN_PROGRESS) {
                size_t k = top;
                while (k > 0 && stack[k - 1].di != ti) k--;
                if (k == 0) continue;
                k--;
                const char *chain = to->name.text;
                for (size_t j = k + 1; j < top; j++) chain = arena_printf(s->a, "%s -> %s", chain, stack[j].di->decl->name.text);
                chain = arena_printf(s->a, "%s -> %s", chain, to->name.text);
                Diag *g = diag_report(s->d, D_TYPE_CYCLE, to->name.span,
                                      "type '%s' contains itself (%s); types cannot be recursive", to->name.text, chain);
                for (size_t j = k; j < top; j++) {
                    DeclInfo *from = stack[j].di;
                    Type *u = j + 1 < top ? NULL : use;
                    if (!u) {
                        /* the use inside `from` that leads to the next frame */
                        TypeDecl *nx = stack[j + 1].di->decl;
                        for (size_t m = 0; m < from->uses.len && !u; m++) {
                            Type *cand = from->uses.items[m];
                            if (cand->u.named.decl == nx) u = cand;
                        }
                    }
                    if (u) diag_note(s->d, g, u->span, "'%s' uses '%s' here", from->decl->name.text, u->u.named.decl->name.text);
                    from->poisoned = true;
                }
                continue;
            }
            if (to->visit == TD_UNVISITED) {
                to->visit = TD_IN_PROGRESS;
                stack[top++] = (Frame){ti, 0};
            }
        }
    }
}

/* ---------------------------------------------------------------------------------------- */
/* resolved types and effective attributes                                                   */

static void attrs_overlay(Attrs *dst, const Attrs *src)
{
    if (src->unique) { dst->unique = true; dst->unique_span = src->unique_span; }
    if (src->default_value) dst->default_value = src->default_value;
    if (src->range) dst->range = src->range;
    if (src->length) dst->length = src->length;
    if (src->pattern) dst->pattern = src->pattern;
    if (src->values) { dst->values = src->values; dst->value_notes = src->value_notes; dst->values_span = src->values_span; }
    if (src->references) { dst->references = src->references; dst->references_extra = src->references_extra; }
    if (src->unit) dst->unit = src->unit;
    if (src->term) dst->term = src->term;
    if (src->classification != CLASS_NONE || src->classification_name) {
        dst->classification = src->classification;
        dst->classification_name = src->classification_name;
        dst->classification_span = src->classification_span;
    }
    if (src->pii) dst->pii = src->pii;
    if (src->deprecated) {
        dst->deprecated = true;
        dst->deprecated_span = src->deprecated_span;
        dst->sunset = src->sunset;
        dst->deprecation_reason = src->deprecation_reason;
    }
}

static bool attrs_any(const Attrs *a)
{
    return a->unique || a->default_value || a->range || a->length || a->pattern || a->values ||
           a->references || a->unit || a->term || a->classification != CLASS_NONE ||
           a->classification_name || a->pii ||
           a->deprecated;
}

/* `own` overlaid on `below` (the attributes further down a chain): a copy only when both add
 * something, so a chain of 100,000 aliases with attributes at its base costs one copy, not one
 * per link. */
static const Attrs *attrs_merge(Sema *s, const Attrs *below, const Attrs *own)
{
    if (!below) return own;
    if (!attrs_any(own)) return below;
    Attrs *m = ARENA_NEW(s->a, Attrs);
    *m = *below;
    attrs_overlay(m, own);
    return m;
}

/* The attributes a resolved declaration hands to what uses it; NULL when it has none. */
static const Attrs *decl_chain_attrs(const TypeDecl *d)
{
    return d->effective && attrs_any(d->effective) ? d->effective : NULL;
}

/* Resolves declaration d and every unresolved declaration its chain passes through, each once:
 * the chain is followed to its first resolved declaration or non-named type, then unwound, so a
 * chain of n aliases costs O(n) however many fields use it. Declarations of imported units were
 * resolved when their unit was checked. */
static void resolve_decl(Sema *s, TypeDecl *d)
{
    PtrVec chain = {0};
    const Type *base = NULL;
    const Attrs *below = NULL;
    for (TypeDecl *cur = d; cur;) {
        if (cur->rtype) {
            base = cur->rtype;
            below = decl_chain_attrs(cur);
            break;
        }
        ptrvec_push(s->a, &chain, cur);
        const Type *t = cur->type;
        if (cur->visit == TD_POISONED || cur->visit == TD_IN_PROGRESS || !t) break;
        if (t->kind != TY_NAMED) {
            base = t;
            break;
        }
        cur = t->u.named.decl;
    }
    if (!base) base = s->error_type; /* a broken name or a cycle somewhere down the chain */
    for (size_t i = chain.len; i-- > 0;) {
        TypeDecl *cur = chain.items[i];
        cur->rtype = base;
        cur->effective = attrs_merge(s, below, &cur->attrs);
        below = decl_chain_attrs(cur);
    }
}

/* Keyword values the model keeps as written become their enums here, so that every front end
 * gets DC0415 from one place. A value given as an enum with no word (a model built by hand) is
 * kept. */
static void resolve_attr_words(Sema *s, Attrs *a)
{
    if (!a->classification_name) return;
    int w = check_word(s, a->classification_name, &model_kw_classification);
    a->classification = w > 0 ? (Classification)w : CLASS_NONE;
}

static void resolve_words(Sema *s)
{
    for (size_t i = 0; i < s->decls.len; i++) resolve_attr_words(s, &((DeclInfo *)s->decls.items[i])->decl->attrs);
    for (size_t i = 0; i < s->fields.len; i++) resolve_attr_words(s, ((Field *)s->fields.items[i])->attrs);
    for (Dataset *ds = s->unit->datasets; ds; ds = ds->next) {
        Key *pk = ds->primary_key;
        if (pk) pk->odcs_words = 0;
        for (const Name *n = pk ? pk->odcs : NULL; n; n = n->next) {
            int w = check_word(s, n, &model_kw_key_odcs);
            if (w >= 0) pk->odcs_words |= 1u << w;
        }
        if (!ds->unknown_fields_name) continue;
        int w = check_word(s, ds->unknown_fields_name, &model_kw_unknown_policy);
        ds->unknown_fields = w >= 0 ? (UnknownPolicy)w : UNKNOWN_REJECT;
    }
}

/* Stores on every type of the unit what its chain resolves to, and on every field its resolved
 * type and effective attributes (its own winning over its named types'). */
static void resolve_types(Sema *s)
{
    for (size_t i = 0; i < s->decls.len; i++) {
        TypeDecl *td = ((DeclInfo *)s->decls.items[i])->decl;
        td->rtype = NULL;
        td->effective = NULL;
    }
    for (size_t i = 0; i < s->decls.len; i++) {
        TypeDecl *td = ((DeclInfo *)s->decls.items[i])->decl;
        if (!td->rtype) resolve_decl(s, td);
    }
    for (size_t i = 0; i < s->types.len; i++) {
        Type *t = s->types.items[i];
        t->chain_attrs = NULL;
        if (t->kind != TY_NAMED) {
            t->resolved = t;
            continue;
        }
        TypeDecl *d = t->u.named.decl;
        if (d && !d->rtype) resolve_decl(s, d); /* defensive: a declaration sema never indexed */
        t->resolved = d && d->rtype ? d->rtype : s->error_type;
        t->chain_attrs = d ? decl_chain_attrs(d) : NULL;
    }
    for (size_t i = 0; i < s->fields.len; i++) {
        Field *f = s->fields.items[i];
        f->rtype = f->type && f->type->resolved ? f->type->resolved : s->error_type;
        f->effective = attrs_merge(s, f->type ? f->type->chain_attrs : NULL, f->attrs);
        f->ref_target = NULL;
    }
}

/* ---------------------------------------------------------------------------------------- */
/* literals against types                                                                    */

static const char *lit_show(Sema *s, const Literal *l)
{
    if (!l) return "?";
    if (l->kind == LIT_STRING) return arena_printf(s->a, "\"%s\"", l->text ? l->text : "");
    return l->text ? l->text : "?";
}

static const char *type_show(Sema *s, const Type *t)
{
    switch (t->kind) {
    case TY_DECIMAL: return arena_printf(s->a, "decimal(%d,%d)", t->u.decimal.p, t->u.decimal.s);
    case TY_STRING:
        if (t->u.string.max_len >= 0) return arena_printf(s->a, "string(%lld)", (long long)t->u.string.max_len);
        return "string";
    default: return model_type_kind_name(t->kind);
    }
}

static const char *const int_min[] = {"-128", "-32768", "-2147483648", "-9223372036854775808"};
static const char *const int_max[] = {"127", "32767", "2147483647", "9223372036854775807"};

/* Does a literal denote a value of type rt? Reports DC0410/DC0416 at the literal when not.
 * `role` says what the literal is ("default", "lower bound", ...). */
static bool check_literal(Sema *s, const Literal *l, const Type *rt, bool optional, const char *role)
{
    if (!l || rt->kind == TY_ERROR) return false;
    if (l->kind == LIT_NULL) {
        if (strcmp(role, "default") == 0 && optional) return true;
        diag_report(s->d, D_LITERAL_TYPE, l->span, "null is not allowed as %s%s", role,
                    strcmp(role, "default") == 0 ? " of a required field (mark the type with ? to make it optional)" : "");
        return false;
    }
    TypeKind k = rt->kind;
    if (k == TY_BOOLEAN) {
        if (l->kind == LIT_BOOL) return true;
        diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s is not a boolean; write true or false", role, lit_show(s, l));
        return false;
    }
    if (model_type_is_numeric(k)) {
        Num n;
        if (l->kind != LIT_NUMBER || !num_parse(s->a, l->text, &n)) {
            diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s is not a number, but the type is %s", role, lit_show(s, l), type_show(s, rt));
            return false;
        }
        if (model_type_is_int(k)) {
            int w = k - TY_INT8;
            if (!num_is_int(&n)) {
                diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s is not an integer, but the type is %s", role, l->text, type_show(s, rt));
                return false;
            }
            Num lo = num_of(s->a, int_min[w]), hi = num_of(s->a, int_max[w]);
            if (num_cmp(&n, &lo) < 0 || num_cmp(&n, &hi) > 0) {
                diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s does not fit in %s (%s..%s)", role, l->text, type_show(s, rt), int_min[w], int_max[w]);
                return false;
            }
            return true;
        }
        if (k == TY_DECIMAL) {
            long fd = num_frac_digits(&n), id = num_int_digits(&n);
            if (fd > rt->u.decimal.s) {
                diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s has %ld digits after the point, but %s allows %d", role, l->text, fd, type_show(s, rt), rt->u.decimal.s);
                return false;
            }
            if (id > rt->u.decimal.p - rt->u.decimal.s) {
                diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s has %ld digits before the point, but %s allows %d", role, l->text, id, type_show(s, rt),
                            rt->u.decimal.p - rt->u.decimal.s);
                return false;
            }
            return true;
        }
        /* floats: finite and within the width */
        Num max = num_of(s->a, k == TY_FLOAT32 ? "3.4028234663852886e38" : "1.7976931348623157e308");
        if (num_cmp_abs(&n, &max) > 0) {
            diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s is outside the range of %s", role, l->text, type_show(s, rt));
            return false;
        }
        return true;
    }
    if (k == TY_ENUM) {
        if ((l->kind == LIT_IDENT || l->kind == LIT_STRING) && l->text) {
            for (EnumValue *v = rt->u.enumeration.values; v; v = v->next)
                if (v->name && strcmp(v->name, l->text) == 0) return true;
            Suggest g;
            suggest_init(&g, l->text);
            for (EnumValue *v = rt->u.enumeration.values; v; v = v->next) suggest_try(&g, v->name);
            diag_report(s->d, D_LITERAL_TYPE, l->span, "%s '%s' is not a value of the enumeration%s", role, l->text, suggest_text(s->a, &g));
            return false;
        }
        diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s is not a value of the enumeration", role, lit_show(s, l));
        return false;
    }
    if (l->kind != LIT_STRING || !l->text) {
        diag_report(s->d, D_LITERAL_TYPE, l->span, "%s %s is not a string, but the type is %s", role, lit_show(s, l), type_show(s, rt));
        return false;
    }
    if (model_type_is_temporal(k)) {
        Instant in;
        TParse r = parse_temporal(k, l->text, &in);
        if (r == TP_FORMAT) {
            diag_report(s->d, D_LITERAL_TYPE, l->span, "%s \"%s\" is not a %s; write %s", role, l->text, type_show(s, rt), temporal_form(k));
            return false;
        }
        if (r == TP_CALENDAR) {
            diag_report(s->d, D_BAD_DATE, l->span, "%s \"%s\" is not a real %s", role, l->text,
                        k == TY_TIME ? "time of day" : k == TY_DATE ? "date" : "date and time");
            return false;
        }
        return true;
    }
    if (k == TY_UUID && !is_uuid(l->text, l->len)) {
        diag_report(s->d, D_LITERAL_TYPE, l->span, "%s \"%s\" is not a uuid (8-4-4-4-12 hex digits)", role, l->text);
        return false;
    }
    if (k == TY_STRING && rt->u.string.max_len >= 0) {
        size_t nc = utf8_count(l->text, l->len);
        if ((int64_t)nc > rt->u.string.max_len) {
            diag_report(s->d, D_LITERAL_TYPE, l->span, "%s is %zu characters long, but the type is %s", role, nc, type_show(s, rt));
            return false;
        }
    }
    return true;
}

/* Compares two literals already known to fit rt: -1, 0, 1; 2 when not comparable. */
static int literal_cmp(Sema *s, const Literal *x, const Literal *y, const Type *rt)
{
    TypeKind k = rt->kind;
    if (model_type_is_numeric(k)) {
        Num a, b;
        if (!num_parse(s->a, x->text, &a) || !num_parse(s->a, y->text, &b)) return 2;
        return num_cmp(&a, &b);
    }
    if (model_type_is_temporal(k)) {
        Instant a, b;
        if (parse_temporal(k, x->text, &a) != TP_OK || parse_temporal(k, y->text, &b) != TP_OK) return 2;
        return instant_cmp(&a, &b);
    }
    if (!x->text || !y->text) return 2;
    if (x->len != y->len) return 2;
    return memcmp(x->text, y->text, x->len) == 0 ? 0 : 2;
}

/* Interval bounds: type-check each bound and that the interval is not empty. */
static void check_range(Sema *s, const Interval *iv, const Type *rt)
{
    bool ok_lo = !iv->lo || check_literal(s, iv->lo, rt, false, "lower bound");
    bool ok_hi = !iv->hi || check_literal(s, iv->hi, rt, false, "upper bound");
    if (!iv->lo || !iv->hi || !ok_lo || !ok_hi) return;
    int c = literal_cmp(s, iv->lo, iv->hi, rt);
    if (c == 2) return;
    if (c > 0 || (c == 0 && (!iv->lo_inclusive || !iv->hi_inclusive))) {
        diag_report(s->d, D_MIN_GT_MAX, iv->span, "empty range: %s %s %s", lit_show(s, iv->lo),
                    c > 0 ? "is above" : "equals", lit_show(s, iv->hi));
    }
}

static bool check_length_bound(Sema *s, const Literal *l, int64_t *out)
{
    Num n;
    if (!l) return false;
    if (l->kind != LIT_NUMBER || !num_parse(s->a, l->text, &n) || !num_is_int(&n)) {
        diag_report(s->d, D_LITERAL_TYPE, l->span, "length bound %s is not an integer", lit_show(s, l));
        return false;
    }
    if (n.neg) {
        diag_report(s->d, D_NEGATIVE_LENGTH, l->span, "length bound %s is negative", l->text);
        return false;
    }
    num_to_i64(&n, out);
    return true;
}

static void check_length(Sema *s, const Interval *iv, const Type *rt)
{
    int64_t lo = 0, hi = 0;
    bool has_lo = iv->lo && check_length_bound(s, iv->lo, &lo);
    bool has_hi = iv->hi && check_length_bound(s, iv->hi, &hi);
    if (has_lo && has_hi) {
        Num a = num_of(s->a, iv->lo->text), b = num_of(s->a, iv->hi->text);
        int c = num_cmp(&a, &b);
        if (c > 0 || (c == 0 && (!iv->lo_inclusive || !iv->hi_inclusive))) {
            diag_report(s->d, D_MIN_GT_MAX, iv->span, "empty length interval: %s %s %s", iv->lo->text,
                        c > 0 ? "is above" : "equals", iv->hi->text);
            return;
        }
    }
    if (rt->kind == TY_STRING && rt->u.string.max_len >= 0) {
        int64_t max = rt->u.string.max_len;
        if (has_hi && hi > max) {
            Diag *g = diag_report(s->d, D_LENGTH_REDUNDANT, iv->hi->span, "length allows up to %lld characters, but the type is string(%lld)",
                                  (long long)hi, (long long)max);
            diag_note(s->d, g, rt->span, "the type is declared here");
        } else if (has_lo && lo > max) {
            Diag *g = diag_report(s->d, D_LENGTH_REDUNDANT, iv->lo->span, "length needs at least %lld characters, but the type is string(%lld)",
                                  (long long)lo, (long long)max);
            diag_note(s->d, g, rt->span, "the type is declared here");
        }
    }
}

/* A regex problem is underlined where its construct was written: its offset in the pattern's
 * value is mapped through the string's escapes (or a raw string's prefix) to the source. */
static void check_pattern(Sema *s, const Literal *p)
{
    if (!p || !p->text) return;
    RegexError err = {0};
    bool cacheable = strlen(p->text) == p->len;
    if (cacheable && symtab_get(&s->map, SCOPE_PATTERN, p->text)) return;
    if (regex_check(s->a, p->text, p->len, &err)) {
        if (cacheable) symtab_put(&s->map, SCOPE_PATTERN, p->text, (void *)p);
        return;
    }
    Span sp = p->span;
    const SourceFile *src = p->span.file < s->d->sources->nfiles ? s->d->sources->files[p->span.file] : NULL;
    const char *tok = src && p->span.end <= src->len && p->span.end > p->span.start + 1
                          ? src->text + p->span.start : NULL;
    /* Only a .dc string token is mapped; another front end's span is underlined whole. */
    if (tok && (tok[0] == '"' || (tok[0] == 'r' && (tok[1] == '"' || tok[1] == '#')))) {
        size_t n = p->span.end - p->span.start;
        size_t off = err.offset <= p->len ? err.offset : p->len;
        size_t len = err.length ? err.length : 1;
        if (off + len > p->len) len = p->len > off ? p->len - off : 1;
        size_t a = parse_string_offset(tok, n, off), b = parse_string_offset(tok, n, off + len);
        if (b <= a) b = a + 1;
        if (b > n) b = n;
        if (a < n) {
            sp.start = p->span.start + (uint32_t)a;
            sp.end = p->span.start + (uint32_t)b;
        }
    }
    diag_report(s->d, err.unsupported ? D_PATTERN_UNSUPPORTED : D_BAD_PATTERN, sp, "%s pattern: %s",
                err.unsupported ? "unsupported" : "invalid", err.message ? err.message : "does not parse");
}

/* Returns where an attribute was written, for notes. */
static Span interval_span(const Interval *iv) { return iv->span; }

/* regex_search with a cache keyed by (pattern, subject); patterns are interned by text. */
static int cached_search(Sema *s, const Literal *pat, const Literal *subj)
{
    if (strlen(pat->text) != pat->len || strlen(subj->text) != subj->len)
        return regex_search(s->a, pat->text, pat->len, subj->text, subj->len);
    const Literal *canon = symtab_get(&s->map, SCOPE_PATTERN, pat->text);
    if (!canon) return regex_search(s->a, pat->text, pat->len, subj->text, subj->len);
    void *hit = symtab_get(&s->map, canon, subj->text);
    if (hit) return (int)((intptr_t)hit - 2);
    int m = regex_search(s->a, pat->text, pat->len, subj->text, subj->len);
    symtab_put(&s->map, canon, subj->text, (void *)(intptr_t)(m + 2));
    return m;
}

/* DC0411: a default outside its own field's constraints. */
static void check_default_fits(Sema *s, const Attrs *eff, const Type *rt)
{
    const Literal *d = eff->default_value;
    if (!d || d->kind == LIT_NULL || rt->kind == TY_ERROR) return;
    if (eff->values) {
        bool found = false;
        for (const Literal *v = eff->values; v && !found; v = v->next)
            found = literal_cmp(s, d, v, rt) == 0;
        if (!found) {
            Diag *g = diag_report(s->d, D_DEFAULT_VIOLATES, d->span, "default %s is not among the allowed values", lit_show(s, d));
            diag_note(s->d, g, eff->values_span.file != SPAN_NOFILE && eff->values_span.end ? eff->values_span : eff->values->span,
                      "allowed values are listed here");
            return;
        }
    }
    if (eff->range && (model_type_is_numeric(rt->kind) || model_type_is_temporal(rt->kind))) {
        const Interval *iv = eff->range;
        int c;
        if (iv->lo && (c = literal_cmp(s, d, iv->lo, rt)) != 2 && (c < 0 || (c == 0 && !iv->lo_inclusive))) {
            Diag *g = diag_report(s->d, D_DEFAULT_VIOLATES, d->span, "default %s is below the range's lower bound %s", lit_show(s, d), lit_show(s, iv->lo));
            diag_note(s->d, g, interval_span(iv), "range declared here");
            return;
        }
        if (iv->hi && (c = literal_cmp(s, d, iv->hi, rt)) != 2 && (c > 0 || (c == 0 && !iv->hi_inclusive))) {
            Diag *g = diag_report(s->d, D_DEFAULT_VIOLATES, d->span, "default %s is above the range's upper bound %s", lit_show(s, d), lit_show(s, iv->hi));
            diag_note(s->d, g, interval_span(iv), "range declared here");
            return;
        }
    }
    if (rt->kind == TY_STRING && d->kind == LIT_STRING && d->text) {
        if (eff->length) {
            const Interval *iv = eff->length;
            Num n;
            char buf[32];
            snprintf(buf, sizeof buf, "%zu", utf8_count(d->text, d->len));
            num_parse(s->a, buf, &n);
            Num lo, hi;
            bool below = iv->lo && num_parse(s->a, iv->lo->text, &lo) && (num_cmp(&n, &lo) < 0 || (num_cmp(&n, &lo) == 0 && !iv->lo_inclusive));
            bool above = iv->hi && num_parse(s->a, iv->hi->text, &hi) && (num_cmp(&n, &hi) > 0 || (num_cmp(&n, &hi) == 0 && !iv->hi_inclusive));
            if (below || above) {
                Diag *g = diag_report(s->d, D_DEFAULT_VIOLATES, d->span, "default is %s characters long, outside the length interval", buf);
                diag_note(s->d, g, interval_span(iv), "length declared here");
                return;
            }
        }
        if (eff->pattern && eff->pattern->text) {
            int m = cached_search(s, eff->pattern, d);
            if (m == 0) {
                Diag *g = diag_report(s->d, D_DEFAULT_VIOLATES, d->span, "default %s does not match the pattern", lit_show(s, d));
                diag_note(s->d, g, eff->pattern->span, "pattern declared here");
            }
        }
    }
}

static const char *const attr_need_scalar = "a scalar type (not list, map, struct or json)";

static bool attr_applies(Sema *s, Span where, const char *attr, bool ok, const Type *rt, const char *need)
{
    if (ok) return true;
    diag_report(s->d, D_ATTR_TYPE, where, "%s does not apply to %s; it needs %s", attr, type_show(s, rt), need);
    return false;
}

/* Checks the attributes written at one place (a field or a type declaration) against the
 * resolved type; `eff` are the merged attributes used for the default and PII checks. */
static void check_attrs(Sema *s, const Attrs *own, const Type *rt, bool optional, const Attrs *eff)
{
    bool typed = rt->kind != TY_ERROR;
    TypeKind k = rt->kind;
    bool scalar = model_type_is_scalar(k);
    bool number = model_type_is_numeric(k);
    if (typed) {
        if (own->unique) attr_applies(s, own->unique_span, "unique", scalar, rt, attr_need_scalar);
        if (own->default_value && attr_applies(s, own->default_value->span, "default", scalar, rt, attr_need_scalar))
            check_literal(s, own->default_value, rt, optional, "default");
        if (own->range && attr_applies(s, own->range->span, "range", number || model_type_is_temporal(k), rt, "a number, date, time or timestamp"))
            check_range(s, own->range, rt);
        if (own->length && attr_applies(s, own->length->span, "length", k == TY_STRING || k == TY_BYTES || k == TY_LIST || k == TY_MAP, rt,
                                        "a string, bytes, list or map"))
            check_length(s, own->length, rt);
        if (own->pattern && attr_applies(s, own->pattern->span, "pattern", k == TY_STRING, rt, "a string"))
            check_pattern(s, own->pattern);
        if (own->values && attr_applies(s, own->values_span.end ? own->values_span : own->values->span, "values", scalar, rt, attr_need_scalar))
            for (const Literal *v = own->values; v; v = v->next) check_literal(s, v, rt, false, "allowed value");
        if (own->references && !scalar)
            attr_applies(s, own->references->span, "references", false, rt, attr_need_scalar);
        for (const ValueNote *n = own->values ? own->value_notes : NULL; n; n = n->next)
            check_extra(s, n->extra, &odcs_enum_value, odcs_enum_value_said);
        check_extra(s, own->references ? own->references_extra : NULL, &odcs_relationship, odcs_relationship_said);
        if (own->unit) attr_applies(s, own->unit->span, "unit", number, rt, "a number");
    } else if (own->pattern) {
        check_pattern(s, own->pattern);
    }
    if (own->pii) check_word(s, own->pii, &model_kw_pii);
    if (own->sunset && own->sunset->text) {
        Instant in;
        if (own->sunset->kind != LIT_STRING || parse_temporal(TY_DATE, own->sunset->text, &in) != TP_OK)
            diag_report(s->d, D_SUNSET_FORMAT, own->sunset->span, "sunset %s is not a valid date; write \"YYYY-MM-DD\"", lit_show(s, own->sunset));
    }
    bool own_constraint = own->default_value || own->range || own->length || own->pattern || own->values;
    if (typed && own_constraint && eff->default_value && scalar) check_default_fits(s, eff, rt);
    if (own->pii || own->classification != CLASS_NONE) {
        if (eff->pii && eff->classification == CLASS_NONE) {
            Diag *g = diag_report(s->d, D_PII_UNCLASSIFIED, eff->pii->span,
                                  "personal data (pii(%s)) without a classification; add `classification confidential` or `restricted`", eff->pii->text);
            (void)g;
        } else if (eff->pii && (eff->classification == CLASS_PUBLIC || eff->classification == CLASS_INTERNAL)) {
            Diag *g = diag_report(s->d, D_PII_PUBLIC, eff->classification_span, "personal data (pii(%s)) is classified %s",
                                  eff->pii->text, model_classification_name(eff->classification));
            diag_note(s->d, g, eff->pii->span, "marked as personal data here");
        }
    }
}

/* --- ODCS element metadata (issue 14): ids, names, examples, critical ------------------- */

/* DC0753 for an empty id or name, DC0752 for an id an earlier element has. */
static void check_meta(Sema *s, const Attrs *a)
{
    for (unsigned i = 0; i < MODEL_META_COUNT; i++) {
        const Literal *v = model_meta(a, i);
        if (v && v->text && !v->len) diag_report(s->d, D_META_EMPTY, v->span, "%s is empty", model_meta_word(i));
    }
    if (a->id && a->id->len && strlen(a->id->text) == a->id->len) {
        const Literal *first = symtab_put(&s->map, SCOPE_ELEMENT_ID, a->id->text, (void *)a->id);
        if (first) {
            Diag *g = diag_report(s->d, D_META_ID_TWICE, a->id->span, "id \"%s\" is given to two elements", a->id->text);
            diag_note(s->d, g, first->span, "first given here");
        }
    }
}

/* DC0751: what describes one column is not a named type's business. */
static void check_decl_meta(Sema *s, const Attrs *a)
{
    Span at = span_none();
    const char *what = NULL;
    for (unsigned i = 0; i < MODEL_META_COUNT && !what; i++)
        if (model_meta(a, i)) what = model_meta_word(i), at = model_meta(a, i)->span;
    if (!what && a->examples) what = "examples", at = a->examples_span;
    if (!what && a->critical) what = "critical", at = a->critical_span;
    if (!what && a->extra) what = "meta", at = a->extra_span;
    if (what) diag_report(s->d, D_META_PLACE, at, "'%s' describes a field; a type declaration does not take it", what);
}

/* A meta's `quality`: a list of checks dcc does not run (text and custom ones), which it carries;
 * any other check is a rule (a text check with dccRule too: the reader takes it for freshness) */
static bool checks_not_run(const Meta *q)
{
    if (q->kind != META_LIST || !q->items) return false;
    for (const Meta *c = q->items; c; c = c->next) {
        if (c->kind != META_MAP) return false;
        const char *type = NULL, *metric = NULL;
        bool dcc_rule = false;
        for (const Meta *e = c->items; e; e = e->next) {
            if (!strcmp(e->key, "type") && e->kind == META_STRING) type = e->text;
            if ((!strcmp(e->key, "metric") || !strcmp(e->key, "rule")) && e->kind == META_STRING) metric = e->text;
            for (const Meta *p = !strcmp(e->key, "customProperties") && e->kind == META_LIST ? e->items : NULL; p; p = p->next)
                for (const Meta *pe = p->kind == META_MAP ? p->items : NULL; pe; pe = pe->next)
                    dcc_rule |= !strcmp(pe->key, "property") && pe->kind == META_STRING && !strcmp(pe->text, "dccRule");
        }
        if (!odcs_check_not_run(type, metric, dcc_rule)) return false;
    }
    return true;
}

/* A meta entry's value against its key k of an ODCS object of the shape (DC0755): of the kind
 * the key takes, and one of its words when it has a list of them. */
static void check_extra_value(Sema *s, const Meta *e, const OdcsKey *k, const OdcsShape *shape)
{
    /* the value's kind for the key's type; -1: any (scalars, team, references, ...) */
    int want = k->type == OT_STRING ? META_STRING : k->type == OT_INTEGER || k->type == OT_NUMBER ? META_NUMBER
               : k->type == OT_BOOLEAN ? META_BOOL : k->type == OT_ARRAY ? META_LIST : k->type == OT_OBJECT ? META_MAP
               : -1;
    static const char *const kinds[] = {"a string", "a number", "true or false", "null", "a list", "a map"};
    if (want >= 0 && (int)e->kind != want)
        diag_report(s->d, D_META_EXTRA, e->span, "'%s' of an ODCS %s takes %s, not %s", e->key, shape->name, kinds[want], kinds[e->kind]);
    else if (k->words && e->kind == META_STRING && !odcs_word_in(k->words, e->text)) { /* a check's dimension */
        size_t n = 0;
        Suggest g;
        suggest_init(&g, e->text);
        for (; k->words[n]; n++) suggest_try(&g, k->words[n]);
        diag_report(s->d, D_META_EXTRA, e->span, "'%s' of an ODCS %s is no '%s'%s (allowed: %s)", e->key, shape->name,
                    e->text, suggest_text(s->a, &g), suggest_word_list(s->a, k->words, n));
    }
}

/* Does targets/odcs.c write this map as v3.2.0's `logicalType: map` with its `map` block (a
 * contract that follows ODCS, a map without a length), where meta's `map` has a place? */
static bool map_block(const Sema *s, const Type *rt, const Attrs *a)
{
    return s->unit->standard && rt->kind == TY_MAP && !(a && a->length);
}

static void check_type_extra(Sema *s, const Meta *e, const Type *rt, const Attrs *a, bool field);

/* The meta of an array's items or a v3.2 map's key or value (rt NULL: the key): a map of the
 * keys an ODCS item takes that the language does not say (description and physicalType it does
 * not, for a type inside a type), with logicalTypeOptions, items and map checked by the type. */
static void check_element_extra(Sema *s, const Meta *m, const Type *rt, const Attrs *a)
{
    if (m->kind != META_MAP) {
        diag_report(s->d, D_META_EXTRA, m->span, "'%s' in meta is a map of ODCS %s keys", m->key, odcs_item_property.name);
        return;
    }
    for (const Meta *e = m->items; e; e = e->next) {
        const OdcsKey *k = odcs_shape_key(&odcs_item_property, e->key);
        const OdcsSaid *by = odcs_said(odcs_property_said, e->key);
        bool typed = !strcmp(e->key, "logicalTypeOptions") || !strcmp(e->key, "items") || !strcmp(e->key, "map");
        if (!k || !strcmp(e->key, "customProperties")) {
            diag_report(s->d, D_META_EXTRA, e->key_span, "'%s' is no key of an ODCS %s that meta carries", e->key, odcs_item_property.name);
        } else if (typed && rt) {
            check_type_extra(s, e, rt, a, false);
        } else if (by && strcmp(e->key, "description") && strcmp(e->key, "physicalType")) {
            diag_report(s->d, D_META_SAID, e->key_span, "'%s' is written from the contract: say it with %s, not in meta", e->key, by->by);
        } else {
            check_extra_value(s, e, k, &odcs_item_property);
        }
    }
}

/* A field's (or an element's) meta entry logicalTypeOptions, items or map, which say what its
 * resolved type rt has beyond the language's words: options of rt's logicalType that nothing in
 * the language says (odcs_option_said), what a list's items or a v3.2 map's key and value say.
 * a: the attributes the type has there (a map's length makes it v3.1's object, without `map`);
 * field: e is a field's (which says a range, a length, a pattern in the language), not an item's. */
static void check_type_extra(Sema *s, const Meta *e, const Type *rt, const Attrs *a, bool field)
{
    if (!rt || rt->kind == TY_ERROR) return;
    if (!strcmp(e->key, "logicalTypeOptions")) {
        const char *lt = odcs_logical_type(rt->kind);
        const OdcsShape *shape = rt->kind == TY_MAP ? NULL : odcs_options_of(lt);
        if (!shape) {
            diag_report(s->d, D_META_EXTRA, e->key_span, "a map's logicalTypeOptions are its `length [...]`; meta has no place for others");
            return;
        }
        if (e->kind != META_MAP) {
            diag_report(s->d, D_META_EXTRA, e->span, "'logicalTypeOptions' in meta is a map of the options of ODCS logicalType %s", lt);
            return;
        }
        for (const Meta *o = e->items; o; o = o->next) {
            const OdcsKey *k = odcs_shape_key(shape, o->key);
            const char *by = odcs_option_said(rt, a, field, o->key);
            if (!k) diag_report(s->d, D_META_EXTRA, o->key_span, "'%s' is no option of ODCS logicalType %s", o->key, lt);
            else if (by) diag_report(s->d, D_META_SAID, o->key_span, "'%s' is written from the contract: say it with %s, not in meta", o->key, by);
            else check_extra_value(s, o, k, shape);
        }
    } else if (!strcmp(e->key, "items")) {
        if (rt->kind != TY_LIST) diag_report(s->d, D_META_EXTRA, e->key_span, "'items' in meta says more of a list's items; this type is no list");
        else check_element_extra(s, e, model_type_resolve(rt->u.list.elem), rt->u.list.elem->chain_attrs);
    } else if (!strcmp(e->key, "map")) {
        if (!map_block(s, rt, a)) {
            diag_report(s->d, D_META_EXTRA, e->key_span, "'map' in meta says more of the key and value of a map written as ODCS v3.2.0's `map` "
                        "(a contract that follows ODCS, a map without a length); this type is %s",
                        rt->kind == TY_MAP ? "written as v3.1's object" : "no map");
        } else if (e->kind != META_MAP) {
            diag_report(s->d, D_META_EXTRA, e->span, "'map' in meta is a map of `key` and `value`");
        } else {
            for (const Meta *kv = e->items; kv; kv = kv->next) {
                if (!strcmp(kv->key, "key")) check_element_extra(s, kv, NULL, NULL);
                else if (!strcmp(kv->key, "value")) check_element_extra(s, kv, model_type_resolve(rt->u.map.value), rt->u.map.value->chain_attrs);
                else diag_report(s->d, D_META_EXTRA, kv->key_span, "'%s' is no key of an ODCS map definition (key, value)", kv->key);
            }
        }
    }
}

/* `meta { ... }` (DC0755, DC0756): a map of keys the standard has for the element (shape), with a
 * value of the kind each takes, none of them one the language says (said). m is a field's, a
 * dataset's or a quality rule's meta, or NULL; rt and a: a field's resolved type and attributes
 * (NULL for the others), by which its logicalTypeOptions, items and map are checked. The keys in
 * `unsaid` are taken though `said` has them (what the language cannot say of this element). */
static void check_extra_but(Sema *s, const Meta *m, const OdcsShape *shape, const OdcsSaid *said, const Type *rt,
                            const Attrs *a, const char *const *unsaid)
{
    if (!m) return;
    if (m->kind != META_MAP) {
        diag_report(s->d, D_META_EXTRA, m->span, "meta is a map of ODCS %s keys (`meta { tags: [\"a\"] }`)", shape->name);
        return;
    }
    for (const Meta *e = m->items; e; e = e->next) {
        const OdcsKey *k = odcs_shape_key(shape, e->key);
        if (!k) {
            diag_report(s->d, D_META_EXTRA, e->key_span, "'%s' is no key of an ODCS %s", e->key, shape->name);
            continue;
        }
        if (rt && (!strcmp(e->key, "logicalTypeOptions") || !strcmp(e->key, "items") || !strcmp(e->key, "map"))) {
            check_type_extra(s, e, rt, a, true);
            continue;
        }
        const OdcsSaid *by = odcs_said(said, e->key);
        if (by && !strcmp(e->key, "quality") && checks_not_run(e)) by = NULL;
        if (by && unsaid && odcs_word_in(unsaid, e->key)) by = NULL;
        if (by) {
            diag_report(s->d, D_META_SAID, e->key_span, "'%s' is written from the contract: say it with %s, not in meta", e->key, by->by);
            continue;
        }
        check_extra_value(s, e, k, shape);
    }
}

static void check_extra(Sema *s, const Meta *m, const OdcsShape *shape, const OdcsSaid *said)
{
    check_extra_but(s, m, shape, said, NULL, NULL, NULL);
}

static void check_field_meta(Sema *s, const Field *f)
{
    check_meta(s, f->attrs);
    /* A column an ODCS file marks as a key that a dcc key cannot hold (logicalType object, array,
     * map, json: DC0309) keeps the file's words in meta: dcc neither checks nor generates from them. */
    static const char *const unkeyed[] = {"primaryKey", "primaryKeyPosition", NULL};
    const Type *rt = f->rtype;
    bool keyable = !rt || rt->kind == TY_ERROR || model_type_is_scalar(rt->kind);
    check_extra_but(s, f->attrs->extra, &odcs_property, odcs_property_said, rt, f->effective ? f->effective : f->attrs,
                    keyable ? NULL : unkeyed);
    if (!rt || rt->kind == TY_ERROR) return;
    /* An example is documentation: one that is no value of the type is a warning (DC0754) with
     * the literal check's words, so that an ODCS file with a sloppy example still loads. */
    for (const Literal *v = f->attrs->examples; v && model_type_is_scalar(rt->kind); v = v->next) {
        DiagSink scratch, *real = s->d;
        diag_init(&scratch, s->a, real->sources);
        s->d = &scratch;
        check_literal(s, v, rt, f->optional, "example");
        s->d = real;
        if (scratch.first) diag_report(real, D_META_EXAMPLE, scratch.first->span, "%s", scratch.first->message);
    }
}

static void check_all_attrs(Sema *s)
{
    for (size_t i = 0; i < s->decls.len; i++) {
        TypeDecl *td = ((DeclInfo *)s->decls.items[i])->decl;
        check_attrs(s, &td->attrs, td->rtype, true, td->effective);
        check_decl_meta(s, &td->attrs);
        if (td->attrs.quality)
            diag_report(s->d, D_RULE_PLACE, td->attrs.quality_span, "'expect' sits on a dataset's fields; a type declaration does not take it");
    }
    for (Dataset *ds = s->unit->datasets; ds; ds = ds->next) {
        check_meta(s, &ds->meta);
        check_extra(s, ds->meta.extra, &odcs_schema_object, odcs_object_said);
    }
    for (size_t i = 0; i < s->fields.len; i++) {
        Field *f = s->fields.items[i];
        check_attrs(s, f->attrs, f->rtype, f->optional, f->effective);
        check_field_meta(s, f);
        /* a dataset's field has handed its rules to the dataset (owner set); a struct's has not */
        if (f->attrs->quality && f->attrs->quality->owner != f)
            diag_report(s->d, D_RULE_PLACE, f->attrs->quality_span,
                        "'expect' sits on a dataset's own fields; '%s' is a struct's field", f->name.text);
    }
}

/* ---------------------------------------------------------------------------------------- */
/* references, keys, quality rules, upstream                                                 */

static bool types_compatible(const Type *a, const Type *b)
{
    if (a->kind != b->kind) return false;
    if (a->kind == TY_DECIMAL) return a->u.decimal.p == b->u.decimal.p && a->u.decimal.s == b->u.decimal.s;
    return true;
}

static bool field_is_key(Dataset *ds, const Field *f)
{
    if (f->effective->unique) return true;
    if (ds->primary_key && ds->primary_key->fields && !ds->primary_key->fields->next &&
        strcmp(ds->primary_key->fields->text, f->name.text) == 0)
        return true;
    for (Key *k = ds->uniques; k; k = k->next)
        if (k->fields && !k->fields->next && strcmp(k->fields->text, f->name.text) == 0) return true;
    return false;
}

/* Resolves `dataset.field` or `alias.dataset.field`; NULL when it failed (reported or poisoned). */
static Field *resolve_reference(Sema *s, const QualName *q, Dataset **ds_out, Import **via)
{
    if (!q->parts || q->nparts < 2 || q->nparts > 3) {
        diag_report(s->d, D_UNKNOWN_NAME, q->span, "a reference is dataset.field or alias.dataset.field, not '%s'", q->text ? q->text : "");
        return NULL;
    }
    Dataset *ds = NULL;
    if (lookup_dataset(s, q->parts, q->nparts - 1, &ds, via) != LOOK_OK) return NULL;
    const Name *fn = q->nparts == 3 ? q->parts->next->next : q->parts->next;
    Field *t = dataset_field(s, ds, fn->text);
    if (!t) {
        report_unknown_field(s, ds, fn);
        return NULL;
    }
    *ds_out = ds;
    return t;
}

/* The same lookup without diagnostics, for references a field inherits from its type. */
static Field *resolve_reference_quiet(Sema *s, const QualName *q)
{
    if (!q->parts || q->nparts < 2 || q->nparts > 3) return NULL;
    Contract *u = s->unit;
    const Name *dn = q->parts;
    if (q->nparts == 3) {
        Import *im = symtab_get(&s->map, &s->unit->imports, q->parts->text);
        if (!im || !im->target) return NULL;
        index_foreign(s, im->target);
        u = im->target;
        dn = dn->next;
    }
    Dataset *ds = symtab_get(&s->map, &u->datasets, dn->text);
    return ds ? dataset_field(s, ds, dn->next->text) : NULL;
}

static void check_references(Sema *s)
{
    for (size_t i = 0; i < s->decls.len; i++) {
        TypeDecl *td = ((DeclInfo *)s->decls.items[i])->decl;
        if (td->attrs.references) {
            Dataset *ds;
            Import *via;
            resolve_reference(s, td->attrs.references, &ds, &via);
        }
    }
    for (size_t i = 0; i < s->fields.len; i++) {
        Field *f = s->fields.items[i];
        const QualName *q = f->attrs->references;
        Dataset *ds = NULL;
        Import *via = NULL;
        if (!q) {
            /* inherited from a type of this unit: resolve quietly, the declaration was checked */
            q = f->effective->references;
            if (!q || f->rtype->kind == TY_ERROR) continue;
            f->ref_target = resolve_reference_quiet(s, q);
            continue;
        }
        Field *t = resolve_reference(s, q, &ds, &via);
        if (!t) continue;
        f->ref_target = t;
        if (via) warn_if_old(s, via, q->span, arena_printf(s->a, "reference target '%s'", q->text));
        if (!t->rtype || t->rtype->kind == TY_ERROR || f->rtype->kind == TY_ERROR) continue;
        if (!model_type_is_scalar(f->rtype->kind)) continue; /* DC0408 said so */
        if (!types_compatible(f->rtype, t->rtype)) {
            Diag *g = diag_report(s->d, D_REF_TYPE, q->span, "field '%s' of type %s references '%s' of type %s", f->name.text,
                                  type_show(s, f->rtype), q->text, type_show(s, t->rtype));
            diag_note(s->d, g, t->name.span, "'%s' is declared here", t->name.text);
            continue;
        }
        if (!field_is_key(ds, t) && !has_hole(s, ds->span)) {
            Diag *g = diag_report(s->d, D_REF_TARGET_NOT_KEY, q->span,
                                  "'%s' is neither the primary key nor unique in dataset '%s'", q->text, ds->name.text);
            diag_note(s->d, g, t->name.span, "'%s' is declared here", t->name.text);
        }
    }
}

/* Names in a key or unique list: they exist, appear once, and are scalar. */
/* `what` names the key in messages: "primary key" (whose fields must be required), "unique
 * key", "partition key". */
static void check_key(Sema *s, Dataset *ds, Name *names, const void *scope, const char *what)
{
    bool primary = !strcmp(what, "primary key");
    for (const Name *n = names; n; n = n->next) {
        if (!n->text) continue;
        Name *first = symtab_put(&s->map, scope, n->text, (void *)n);
        if (first) {
            Diag *g = diag_report(s->d, D_DUPLICATE, n->span, "field '%s' is listed twice in this key", n->text);
            diag_note(s->d, g, first->span, "first listed here");
            continue;
        }
        Field *f = dataset_field(s, ds, n->text);
        if (!f) {
            report_unknown_field(s, ds, n);
            continue;
        }
        if (!f->rtype || f->rtype->kind == TY_ERROR) continue;
        if (!model_type_is_scalar(f->rtype->kind)) {
            Diag *g = diag_report(s->d, D_KEY_TYPE, n->span, "field '%s' is a %s and cannot be part of a %s", n->text,
                                  type_show(s, f->rtype), what);
            diag_note(s->d, g, f->name.span, "'%s' is declared here", n->text);
            continue;
        }
        if (primary && f->optional) {
            Diag *g = diag_report(s->d, D_KEY_OPTIONAL, n->span, "primary key field '%s' is optional; key fields must be required", n->text);
            diag_note(s->d, g, f->span.end ? f->span : f->name.span, "'%s' is declared optional here", n->text);
        }
    }
}

static void rule_never_always(Sema *s, QualityRule *r, const char *lo_text, const char *hi_text, const Num *v)
{
    /* A measure that lives in [lo, hi]: decide whether `measure op v` is constant. */
    Num lo = num_of(s->a, lo_text);
    int cl = num_cmp(v, &lo);
    const char *verdict = NULL;
    if (r->op == CMP_LT && cl <= 0) verdict = "never holds";
    else if (r->op == CMP_GE && cl <= 0) verdict = "always holds";
    else if (r->op == CMP_EQ && cl < 0) verdict = "never holds";
    if (!verdict && hi_text) {
        Num hi = num_of(s->a, hi_text);
        int ch = num_cmp(v, &hi);
        if (r->op == CMP_LE && ch >= 0) verdict = "always holds";
        else if (r->op == CMP_GT && ch >= 0) verdict = "never holds";
        else if (r->op == CMP_EQ && ch > 0) verdict = "never holds";
    }
    if (verdict)
        diag_report(s->d, D_RULE_NEVER, r->span, "this %s rule %s", model_rule_name(r->kind), verdict);
}

/* One threshold of r (a `between` has two): checked for the rule's kind; *n is the number exactly
 * (a duration's digits), *out the value sema's other checks use. False when reported. */
static bool rule_value(Sema *s, const QualityRule *r, const Literal *v, Num *n, double *out)
{
    bool count = RULE_IS_COUNT(r->kind);
    switch (r->kind) {
    case RULE_ROW_COUNT:
    case RULE_MISSING_COUNT:
    case RULE_NOTIN_COUNT:
    case RULE_NULL_COUNT:
    case RULE_INVALID_COUNT:
    case RULE_DUPLICATE_COUNT:
    case RULE_SQL:
        if (!num_parse(s->a, v->text, n) || (count && (n->neg || !num_is_int(n)))) {
            diag_report(s->d, D_RULE_VALUE, v->span, "%s compares with %s, not %s", model_rule_name(r->kind),
                        count ? "a non-negative integer" : "a number", lit_show(s, v));
            return false;
        }
        *out = strtod(v->text, NULL);
        return true;
    case RULE_NULL_RATE:
    case RULE_VALID_RATE:
    case RULE_DUPLICATE_RATE:
    case RULE_MISSING_RATE:
    case RULE_NOTIN_RATE: {
        Num hundred = num_of(s->a, "100");
        if (!num_parse(s->a, v->text, n)) return false;
        if (n->neg || num_cmp(n, &hundred) > 0) {
            diag_report(s->d, D_PERCENT_RANGE, v->span, "percentage %s%% is outside 0%%..100%%", v->text);
            return false;
        }
        *out = strtod(v->text, NULL) / 100.0;
        return true;
    }
    case RULE_FRESHNESS: {
        double secs;
        if (!parse_duration(v->text, &secs)) return false;
        if (secs <= 0) {
            diag_report(s->d, D_DURATION_ZERO, v->span, "freshness must be a positive duration, not %s", v->text);
            return false;
        }
        size_t k = 0;
        while (v->text[k] >= '0' && v->text[k] <= '9') k++;
        *n = num_of(s->a, arena_strndup(s->a, v->text, k));
        *out = secs;
        return true;
    }
    case RULE_UNIQUE: break;
    }
    return false;
}

/* `between lo and hi`: lo <= hi, one unit for a duration's two bounds, and a rate's range that
 * covers 0%..100% holds always (between) or never (not between). */
static void check_between(Sema *s, QualityRule *r, const Num *lo, const Num *hi)
{
    if (r->kind == RULE_FRESHNESS) {
        const char *ul = r->value->text, *uh = r->value_hi->text;
        while (*ul >= '0' && *ul <= '9') ul++;
        while (*uh >= '0' && *uh <= '9') uh++;
        if (strcmp(ul, uh) != 0) {
            Diag *g = diag_report(s->d, D_RULE_UNITS, r->value_hi->span, "the bounds of this between are in %s and %s; write both in one unit",
                                  ul, uh);
            diag_note(s->d, g, r->value->span, "the low bound is here");
            return;
        }
    }
    if (num_cmp(lo, hi) > 0) {
        Diag *g = diag_report(s->d, D_RULE_BOUNDS, r->value_hi->span, "the high bound %s is below the low bound %s; write the smaller first",
                              r->value_hi->text, r->value->text);
        diag_note(s->d, g, r->value->span, "the low bound is here");
        return;
    }
    if (RULE_IS_RATE(r->kind)) {
        Num zero = num_of(s->a, "0"), hundred = num_of(s->a, "100");
        if (num_cmp(lo, &zero) <= 0 && num_cmp(hi, &hundred) >= 0)
            diag_report(s->d, D_RULE_NEVER, r->span, "this %s rule %s", model_rule_name(r->kind),
                        r->op == CMP_BETWEEN ? "always holds" : "never holds");
    }
}

/* DC0509: a field-level rule is about its field and names no other; a dataset-level rule that
 * measures a field names it. False when reported (the rule is not checked further). */
static bool rule_placed(Sema *s, const QualityRule *r)
{
    if (r->owner) {
        for (const Name *n = r->fields; n; n = n->next) {
            if (!n->text || !strcmp(n->text, r->owner->name.text)) continue;
            Diag *g = diag_report(s->d, D_RULE_PLACE, n->span, "this rule is in the 'expect' block of '%s' but names '%s'",
                                  r->owner->name.text, n->text);
            diag_note(s->d, g, r->owner->name.span, "'%s' is declared here", r->owner->name.text);
            return false;
        }
        return true;
    }
    if (r->fields || r->kind == RULE_ROW_COUNT || r->kind == RULE_SQL) return true;
    diag_report(s->d, D_RULE_PLACE, r->span, "%s in the dataset's 'quality' block names its field: %s(FIELD)",
                model_rule_name(r->kind), model_rule_name(r->kind));
    return false;
}

/* A rule's `meta { ... }`: keys of an ODCS quality check that dcc does not write from the rule
 * (DC0755, DC0756); a freshness rule's description is its text (`dcc gen -t odcs` writes it as a
 * text check) */
static void check_rule_extra(Sema *s, const QualityRule *r)
{
    check_extra(s, r->extra, &odcs_quality, odcs_quality_said);
    for (const Meta *e = r->kind == RULE_FRESHNESS && r->extra && r->extra->kind == META_MAP ? r->extra->items : NULL; e; e = e->next)
        if (!strcmp(e->key, "description"))
            diag_report(s->d, D_META_SAID, e->key_span, "'description' of a freshness rule is written from the rule (ODCS has no freshness check: a text check says it)");
}

/* A missing or invalid rule's values: of the field's type, which is one whose values compare
 * exactly the same way in the runtime and in SQL (text, a number, a boolean). A missing rule
 * counts null always, so listing it says nothing; an invalid rule's null makes null and absent
 * values valid, as ODCS's validValues holding null does */
static void check_missing_values(Sema *s, const QualityRule *r)
{
    const Type *rt = r->field->rtype;
    if (!rt || rt->kind == TY_ERROR) return;
    TypeKind k = rt->kind;
    if (k != TY_STRING && k != TY_ENUM && k != TY_BOOLEAN && !model_type_is_numeric(k)) {
        Diag *g = diag_report(s->d, D_RULE_FIELD_TYPE, r->fields ? r->fields->span : r->span,
                              "%s needs a string, enum, number or boolean field; '%s' is %s", model_rule_name(r->kind),
                              r->field->name.text, type_show(s, rt));
        diag_note(s->d, g, r->field->name.span, "'%s' is declared here", r->field->name.text);
        return;
    }
    for (const Literal *v = r->values; v; v = v->next) {
        if (v->kind == LIT_NULL && (r->kind == RULE_NOTIN_COUNT || r->kind == RULE_NOTIN_RATE))
            continue; /* an invalid rule's null: null and absent values are valid */
        if (v->kind == LIT_NULL) {
            diag_report(s->d, D_LITERAL_TYPE, v->span, "null and absent values are always missing: leave null out of the list");
            continue;
        }
        check_literal(s, v, rt, false, r->kind == RULE_NOTIN_COUNT || r->kind == RULE_NOTIN_RATE ? "valid value" : "missing value");
    }
}

static void check_quality(Sema *s, Dataset *ds)
{
    const SlaItem *sla_fresh = NULL;
    for (const SlaItem *it = s->unit->sla; it; it = it->next)
        if (it->kind == SLA_FRESHNESS && it->number > 0) sla_fresh = it;
    for (QualityRule *r = ds->quality; r; r = r->next) {
        r->field = NULL;
        bool fields_ok = true;
        check_rule_extra(s, r);
        if (!rule_placed(s, r)) continue;
        if (r->kind == RULE_UNIQUE || r->kind == RULE_DUPLICATE_COUNT || r->kind == RULE_DUPLICATE_RATE) {
            check_key(s, ds, r->fields, r, r->kind == RULE_UNIQUE ? "unique key" : model_rule_name(r->kind));
            if (r->fields && r->fields->text) r->field = dataset_field(s, ds, r->fields->text);
        } else if (r->fields && r->fields->text) {
            Field *f = dataset_field(s, ds, r->fields->text);
            if (!f) {
                report_unknown_field(s, ds, r->fields);
                fields_ok = false;
            }
            r->field = f;
        }
        if (r->kind == RULE_FRESHNESS && fields_ok && r->field && r->field->rtype && r->field->rtype->kind != TY_ERROR) {
            TypeKind k = r->field->rtype->kind;
            if (k != TY_DATE && k != TY_TIMESTAMP && k != TY_TIMESTAMPTZ) {
                Diag *g = diag_report(s->d, D_RULE_FIELD_TYPE, r->fields->span, "freshness needs a date, timestamp or timestamptz field; '%s' is %s",
                                      r->field->name.text, type_show(s, r->field->rtype));
                diag_note(s->d, g, r->field->name.span, "'%s' is declared here", r->field->name.text);
            }
        }
        if (RULE_HAS_VALUES(r->kind) && fields_ok && r->field) check_missing_values(s, r);
        if (r->kind == RULE_UNIQUE || !r->value || !r->value->text) continue;
        Num lo, hi;
        if (!rule_value(s, r, r->value, &lo, &r->threshold)) continue;
        if (CMP_IS_RANGE(r->op)) {
            if (!r->value_hi || !r->value_hi->text || !rule_value(s, r, r->value_hi, &hi, &r->threshold_hi)) continue;
            check_between(s, r, &lo, &hi);
            continue;
        }
        if (RULE_IS_COUNT(r->kind))
            rule_never_always(s, r, "0", NULL, &lo);
        else if (RULE_IS_RATE(r->kind)) rule_never_always(s, r, "0", "100", &lo);
        else if (r->kind == RULE_FRESHNESS && sla_fresh && (r->op == CMP_LT || r->op == CMP_LE) && r->threshold > sla_fresh->number) {
            Diag *g = diag_report(s->d, D_FRESHNESS_SLA, r->span, "this rule accepts data up to %s old, but the SLA promises freshness %s",
                                  r->value->text, sla_fresh->value->text);
            diag_note(s->d, g, sla_fresh->span, "SLA freshness declared here");
        }
    }
}

/* `odcs (no_positions)` on a key whose order is not the fields': the writer cannot leave the
 * positions out without changing the key a reader gets, so it writes them: say so, and take the
 * word out of odcs_words, which the writer follows. */
static void check_key_odcs(Sema *s, const Dataset *ds)
{
    Key *pk = ds->primary_key;
    if (!KEY_ODCS_HAS(pk, KEY_ODCS_NO_POSITIONS)) return;
    const Name *next = pk->fields; /* the key field the next key field of the dataset must be */
    for (const Field *f = ds->fields; f && next; f = f->next) {
        bool in_key = false;
        for (const Name *n = pk->fields; n; n = n->next) in_key |= n->text && f->name.text && !strcmp(n->text, f->name.text);
        if (!in_key) continue;
        if (!next->text || strcmp(next->text, f->name.text) != 0) break;
        next = next->next;
    }
    if (!next) return;
    pk->odcs_words &= ~(1u << KEY_ODCS_NO_POSITIONS);
    const Name *w = pk->odcs;
    while (w && strcmp(w->text, model_kw_key_odcs.words[KEY_ODCS_NO_POSITIONS]) != 0) w = w->next;
    diag_report(s->d, D_KEY_ODCS_ORDER, w ? w->span : pk->span,
                "primary key of dataset '%s' lists its fields in another order than the dataset: ODCS output gives them primaryKeyPosition all the same",
                ds->name.text ? ds->name.text : "");
}

static void check_datasets(Sema *s)
{
    for (Dataset *ds = s->unit->datasets; ds; ds = ds->next) {
        if (!ds->fields && !has_hole(s, ds->span))
            diag_report(s->d, s->unit->house_rules_warn ? D_ODCS_HOUSE_RULE : D_NO_FIELDS, ds->name.span, "dataset '%s' has no fields", ds->name.text ? ds->name.text : "");
        if (ds->primary_key) check_key(s, ds, ds->primary_key->fields, ds->primary_key, "primary key");
        if (ds->primary_key) check_key_odcs(s, ds);
        if (ds->partition_key) check_key(s, ds, ds->partition_key->fields, ds->partition_key, "partition key");
        for (Key *k = ds->uniques; k; k = k->next) check_key(s, ds, k->fields, k, "unique key");
        check_quality(s, ds);
        for (Upstream *u = ds->upstream; u; u = u->next) {
            u->resolved = NULL;
            if (!u->name || !u->name->parts) continue;
            if (u->name->nparts > 2) {
                diag_report(s->d, D_UNKNOWN_DATASET, u->name->span, "an upstream is a dataset or alias.dataset, not '%s'", u->name->text);
                continue;
            }
            Dataset *t = NULL;
            Import *via = NULL;
            if (lookup_dataset(s, u->name->parts, u->name->nparts, &t, &via) != LOOK_OK) continue;
            u->resolved = t;
            if (via) warn_if_old(s, via, u->name->span, arena_printf(s->a, "upstream '%s'", u->name->text));
        }
    }
}

/* ---------------------------------------------------------------------------------------- */

void sema_check(Arena *a, DiagSink *diags, Contract *unit) { sema_check_holes(a, diags, unit, NULL, 0); }

void sema_check_holes(Arena *a, DiagSink *diags, Contract *unit, const Span *holes, size_t nholes)
{
    if (!unit) return;
    Sema s = {0};
    s.a = a;
    s.d = diags;
    s.unit = unit;
    s.holes = holes;
    s.nholes = nholes;
    s.holes_outside = nholes && holes_outside(&s);
    s.error_type = ARENA_NEW(a, Type);
    s.error_type->kind = TY_ERROR;
    s.error_type->span = span_none();
    unsigned errors_before = diags->errors;

    check_header(&s);
    index_declarations(&s);
    walk_all_types(&s);
    find_type_cycles(&s);
    resolve_words(&s);
    resolve_types(&s);
    check_all_attrs(&s);
    check_references(&s);
    check_datasets(&s);

    symtab_free(&s.map);
    unit->checked_ok = diags->errors == errors_before;
}
