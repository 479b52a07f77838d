/* compat.c - the compatibility engine: the rule catalogue (compat_rules.def), findings,
 * verdicts and version bumps, and the rules for the product, its datasets, keys, quality rules
 * and service levels. Fields, types and attributes are in compat_fields.c. */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "compat_int.h"
#include "strbuf.h"
#include "symtab.h"

/* ---- the catalogue ---------------------------------------------------------------------- */

#define NONE CDIR_NONE
#define BWD CDIR_BACKWARD
#define FWD CDIR_FORWARD
#define BOTH CDIR_BOTH
#define ERROR CLVL_ERROR
#define WARNING CLVL_WARNING
#define INFO CLVL_INFO
#define MINOR BUMP_MINOR
#define PATCH BUMP_PATCH
static const CompatRule rules[CR__COUNT] = {
#define X(e, id, name, cat, breaks, level, bump, handler, summary, rationale) \
    [e] = {id, name, cat, breaks, level, bump, handler, summary, rationale},
#include "compat_rules.def"
#undef X
};
#undef NONE
#undef BWD
#undef FWD
#undef BOTH
#undef ERROR
#undef WARNING
#undef INFO
#undef MINOR
#undef PATCH

const CompatRule *compat_rule(CompatRuleId r) { return &rules[r]; }

const char *compat_dirs_name(CompatDirs d)
{
    static const char *const names[] = {"none", "backward", "forward", "both"};
    return names[d & 3];
}

CompatDirs compat_mode_dirs(CompatMode m)
{
    switch (m) {
    case COMPAT_BACKWARD: return CDIR_BACKWARD;
    case COMPAT_FORWARD: return CDIR_FORWARD;
    case COMPAT_FULL: return CDIR_BOTH;
    default: return CDIR_NONE;
    }
}

void compat_print_rules_markdown(FILE *out)
{
    fputs("| id | name | category | breaks | level | bump otherwise | summary | rationale and example |\n"
          "|---|---|---|---|---|---|---|---|\n",
          out);
    static const char *const levels[] = {"error", "warning", "info"};
    for (int r = 0; r < CR__COUNT; r++) {
        const CompatRule *x = &rules[r];
        fprintf(out, "| %s | %s | %s | %s | %s | %s | %s | %s |\n", x->id, x->name, x->category,
                compat_dirs_name(x->breaks), levels[x->level], semver_bump_name(x->bump), x->summary, x->rationale);
    }
}

/* ---- findings ---------------------------------------------------------------------------- */

void compat_findings_init(CompatFindings *f, Arena *a)
{
    memset(f, 0, sizeof *f);
    f->a = a;
}

CompatFinding *compat_add(CompatCtx *c, CompatRuleId r, const char *path, Span span, Span old_span,
                          const char *old_note, const char *fmt, ...)
{
    CompatFinding *g = ARENA_NEW(c->a, CompatFinding);
    g->rule = r;
    g->path = path;
    g->span = span;
    g->old_span = old_span;
    g->old_note = old_note ? old_note : "the older version has it here";
    g->hint_span = span_none();
    g->old_index = c->old_index;
    g->old_dataset = c->ods;
    g->new_dataset = c->nds;
    g->old_field = c->of;
    g->new_field = c->nf;
    g->nested = c->field_path && strcmp(path, c->field_path) != 0;
    va_list ap;
    va_start(ap, fmt);
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *m = arena_alloc(c->a, (size_t)(n > 0 ? n : 0) + 1);
    vsnprintf(m, (size_t)(n > 0 ? n : 0) + 1, fmt, ap);
    va_end(ap);
    g->message = m;
    CompatFindings *f = c->out;
    if (f->last) f->last->next = g;
    else f->first = g;
    f->last = g;
    f->count++;
    return g;
}

const char *compat_path(Arena *a, const char *prefix, const char *name)
{
    if (!prefix || !*prefix) return name;
    /* once per field pair (10,000 in a big dataset): a copy, not a printf */
    size_t pl = strlen(prefix), nl = strlen(name);
    char *p = arena_strndup(a, prefix, pl + 1 + nl);
    p[pl] = '.';
    memcpy(p + pl + 1, name, nl + 1);
    return p;
}

bool compat_text_differs(const char *x, const char *y)
{
    if (!x || !y) return !x != !y;
    return strcmp(x, y) != 0;
}

Span compat_span_or(Span s, Span fallback) { return s.file != SPAN_NOFILE ? s : fallback; }

bool compat_meta_differs(const Meta *x, const Meta *y)
{
    for (; x && y; x = x->next, y = y->next) {
        if (x->kind != y->kind || x->count != y->count || compat_text_differs(x->key, y->key)) return true;
        if (x->len != y->len || (x->len && memcmp(x->text, y->text, x->len) != 0)) return true;
        if (compat_meta_differs(x->items, y->items)) return true;
    }
    return !x != !y;
}

bool compat_literals_differ(const Literal *x, const Literal *y)
{
    for (; x && y; x = x->next, y = y->next)
        if (x->kind != y->kind || x->len != y->len || memcmp(x->text, y->text, x->len) != 0) return true;
    return !x != !y;
}

/* Whether two lists of product metadata items (team, roles, price, support, custom) differ. */
static bool meta_items_differ(const MetaItem *x, const MetaItem *y)
{
    for (; x && y; x = x->next, y = y->next)
        if (x->kind != y->kind || compat_literals_differ(x->name, y->name) || compat_meta_differs(x->value, y->value))
            return true;
    return !x != !y;
}

/* ---- product ------------------------------------------------------------------------------ */

static const char *lit(const Literal *l) { return l ? l->text : NULL; }

static const char *literal_list(Arena *a, const Literal *l)
{
    StrBuf b;
    sb_init(&b);
    for (; l; l = l->next) sb_printf(&b, "%s\x1f", l->text);
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}

static const char *links_text(Arena *a, const Link *l)
{
    StrBuf b;
    sb_init(&b);
    for (; l; l = l->next) sb_printf(&b, "%s=%s\x1f", l->name.text, l->url ? l->url->text : "");
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}


/* A named server's field, or NULL. */
static const ServerField *server_field(const Server *s, const char *key)
{
    for (const ServerField *f = s->fields; f; f = f->next)
        if (!strcmp(f->key.text, key)) return f;
    return NULL;
}

/* Whether a server field says where the data is or how it is written (every field but its
 * description and id, which only document it). */
static bool server_field_locates(const char *key) { return strcmp(key, "description") && strcmp(key, "id"); }

/* "TYPE key value, key value": a server's place, for messages. */
static const char *server_place(Arena *a, const Server *s)
{
    const char *t = s->type.text;
    for (const ServerField *f = s->fields; f; f = f->next)
        if (server_field_locates(f->key.text)) t = arena_printf(a, "%s %s %s", t, f->key.text, lit(f->value) ? lit(f->value) : "");
    return t;
}

/* Named servers are output ports too, paired by name: one removed, added, or whose type or a
 * locating field changed is the same finding as for a `serve`. */
static void compat_servers(CompatCtx *c, const Contract *o, const Contract *n)
{
    for (const Server *p = n->servers; p; p = p->next) {
        const Server *m = NULL;
        for (const Server *q = o->servers; q && !m; q = q->next)
            if (!strcmp(q->name.text, p->name.text)) m = q;
        const char *path = arena_printf(c->a, "server %s", p->name.text);
        if (!m) {
            compat_add(c, CR_PORT_ADDED, path, p->span, span_none(), NULL, "output port server %s (%s) added",
                       p->name.text, server_place(c->a, p));
            continue;
        }
        bool changed = strcmp(m->type.text, p->type.text) != 0;
        for (const ServerField *f = p->fields; f && !changed; f = f->next) {
            const ServerField *g = server_field(m, f->key.text);
            changed = server_field_locates(f->key.text) && (!g || compat_text_differs(lit(g->value), lit(f->value)));
        }
        for (const ServerField *g = m->fields; g && !changed; g = g->next)
            changed = server_field_locates(g->key.text) && !server_field(p, g->key.text);
        if (changed)
            compat_add(c, CR_PORT_CHANGED, path, p->span, m->span, NULL, "output port server %s changed from %s to %s",
                       p->name.text, server_place(c->a, m), server_place(c->a, p));
    }
    for (const Server *p = o->servers; p; p = p->next) {
        bool kept = false;
        for (const Server *q = n->servers; q && !kept; q = q->next) kept = !strcmp(q->name.text, p->name.text);
        if (!kept)
            compat_add(c, CR_PORT_REMOVED, arena_printf(c->a, "server %s", p->name.text), p->span, span_none(), NULL,
                       "output port server %s (%s) removed", p->name.text, server_place(c->a, p));
    }
}

static void compat_product(CompatCtx *c, const Contract *o, const Contract *n)
{
    Span ns = n->name.span, os = o->name.span;
    if (strcmp(o->name.text, n->name.text) != 0)
        compat_add(c, CR_PRODUCT_RENAMED, "", ns, os, NULL, "the contract was renamed from '%s' to '%s'", o->name.text,
                   n->name.text);
    if (o->status == n->status && compat_literals_differ(o->status_other, n->status_other)) {
        /* two of ODCS's other statuses (`status "development"` to `"proposed"`): both draft to dcc */
        const Literal *a = o->status_other, *b = n->status_other;
        compat_add(c, CR_PRODUCT_DOCS, "", b ? b->span : compat_span_or(n->status_span, ns), a ? a->span : compat_span_or(o->status_span, os),
                   NULL, "status changed from %s to %s", a ? a->text : model_status_name(o->status),
                   b ? b->text : model_status_name(n->status));
    }
    if (o->status != n->status) {
        Span s = compat_span_or(n->status_span, ns), so = compat_span_or(o->status_span, os);
        const char *msg = "status changed from %s to %s";
        if (n->status == STATUS_RETIRED)
            compat_add(c, CR_PRODUCT_RETIRED, "", s, so, NULL, msg, model_status_name(o->status), model_status_name(n->status));
        else if (o->status == STATUS_RETIRED)
            compat_add(c, CR_PRODUCT_UNRETIRED, "", s, so, NULL, msg, model_status_name(o->status), model_status_name(n->status));
        else if (n->status == STATUS_DEPRECATED)
            compat_add(c, CR_PRODUCT_DEPRECATED, "", s, so, NULL, msg, model_status_name(o->status), model_status_name(n->status));
        else if (o->status == STATUS_DEPRECATED)
            compat_add(c, CR_PRODUCT_DOCS, "", s, so, NULL, msg, model_status_name(o->status), model_status_name(n->status));
        /* draft -> active and back: a lifecycle step, not a promise about data */
        else
            compat_add(c, CR_PRODUCT_DOCS, "", s, so, NULL, msg, model_status_name(o->status), model_status_name(n->status));
    }
    CompatDirs od = compat_mode_dirs(o->compatibility), nd = compat_mode_dirs(n->compatibility);
    bool ot = o->compat_transitive, nt = n->compat_transitive;
    if (od != nd || ot != nt) {
        Span s = n->compat_name ? n->compat_name->span : ns, so = o->compat_name ? o->compat_name->span : os;
        bool weaker = (od & ~nd) != 0 || (ot && !nt);
        compat_add(c, weaker ? CR_COMPAT_WEAKENED : CR_COMPAT_STRENGTHENED, "", s, so, NULL,
                   "compatibility changed from %s%s to %s%s", model_compat_name(o->compatibility),
                   ot ? " transitive" : "", model_compat_name(n->compatibility), nt ? " transitive" : "");
    }
    /* ports: paired by kind, in order within a kind */
    for (const Serve *p = n->serves; p; p = p->next) {
        unsigned idx = 0;
        for (const Serve *q = n->serves; q != p; q = q->next) idx += strcmp(q->kind.text, p->kind.text) == 0;
        const Serve *m = NULL;
        for (const Serve *q = o->serves; q && !m; q = q->next)
            if (strcmp(q->kind.text, p->kind.text) == 0 && idx-- == 0) m = q;
        const char *path = arena_printf(c->a, "serve %s", p->kind.text);
        if (!m) {
            compat_add(c, CR_PORT_ADDED, path, p->span, span_none(), NULL, "output port %s %s added", p->kind.text,
                       lit(p->address) ? lit(p->address) : "");
            continue;
        }
        const char *of = m->format ? m->format->text : NULL, *nf = p->format ? p->format->text : NULL;
        if (compat_text_differs(lit(m->address), lit(p->address)) || compat_text_differs(of, nf))
            compat_add(c, CR_PORT_CHANGED, path, p->span, m->span, NULL, "output port %s changed from %s%s%s to %s%s%s",
                       p->kind.text, lit(m->address) ? lit(m->address) : "", of ? " format " : "", of ? of : "",
                       lit(p->address) ? lit(p->address) : "", nf ? " format " : "", nf ? nf : "");
    }
    for (const Serve *p = o->serves; p; p = p->next) {
        unsigned idx = 0, count = 0;
        for (const Serve *q = o->serves; q != p; q = q->next) idx += strcmp(q->kind.text, p->kind.text) == 0;
        for (const Serve *q = n->serves; q; q = q->next) count += strcmp(q->kind.text, p->kind.text) == 0;
        if (idx < count) continue;
        compat_add(c, CR_PORT_REMOVED, arena_printf(c->a, "serve %s", p->kind.text), p->span, span_none(), NULL,
                   "output port %s %s removed", p->kind.text, lit(p->address) ? lit(p->address) : "");
    }
    compat_servers(c, o, n);
    if (compat_text_differs(lit(o->owner), lit(n->owner)) || compat_text_differs(lit(o->contact), lit(n->contact))) {
        bool owner = compat_text_differs(lit(o->owner), lit(n->owner));
        const Literal *nl = owner ? n->owner : n->contact, *ol = owner ? o->owner : o->contact;
        compat_add(c, CR_OWNER_CHANGED, "", nl ? nl->span : ns, ol ? ol->span : os, NULL, "%s changed from '%s' to '%s'",
                   owner ? "owner" : "contact", lit(ol) ? lit(ol) : "", lit(nl) ? lit(nl) : "");
    }
    const char *what = compat_text_differs(o->doc, n->doc) ? "description"
                       : compat_text_differs(o->domain ? o->domain->text : NULL, n->domain ? n->domain->text : NULL) ? "domain"
                       : strcmp(literal_list(c->a, o->tags), literal_list(c->a, n->tags)) != 0 ? "tags"
                       : strcmp(links_text(c->a, o->links), links_text(c->a, n->links)) != 0 ? "links"
                       /* ODCS product metadata, carried for the docs and the way out */
                       : compat_literals_differ(o->id, n->id) ? "id"
                       : compat_literals_differ(o->standard_version, n->standard_version) ? "ODCS version kept"
                       : compat_literals_differ(o->title, n->title) ? "title"
                       : compat_literals_differ(o->product, n->product) ? "data product name"
                       : compat_literals_differ(o->tenant, n->tenant) ? "tenant"
                       : compat_literals_differ(o->usage, n->usage) ? "usage"
                       : compat_literals_differ(o->limitations, n->limitations) ? "limitations"
                       : meta_items_differ(o->meta, n->meta) ? "team, roles, price, support or custom properties"
                                                             : NULL;
    if (what) compat_add(c, CR_PRODUCT_DOCS, "", ns, os, NULL, "the product's %s changed", what);
}

/* ---- service levels ------------------------------------------------------------------------ */

/* +1 when a larger number is the stronger promise, -1 when smaller is, 0 when it is no bound. */
static int sla_sense(SlaKind k)
{
    switch (k) {
    case SLA_FRESHNESS:
    case SLA_LATENCY:
    case SLA_RESPONSE: return -1;
    case SLA_AVAILABILITY:
    case SLA_RETENTION: return 1;
    default: return 0;
    }
}

static const SlaItem *sla_find(const Contract *u, SlaKind k)
{
    for (const SlaItem *s = u->sla; s; s = s->next)
        if (s->kind == k) return s;
    return NULL;
}

/* An item's value as the messages show it: availability is held as its number ("99.9"), and
 * written with its percent sign as the contract spells it ("99.9%"). */
static const char *sla_text(Arena *a, const SlaItem *it)
{
    if (!it) return "none";
    const char *t = lit(it->value);
    return t && it->kind == SLA_AVAILABILITY ? arena_printf(a, "%s%%", t) : t;
}

static void compat_sla(CompatCtx *c, const Contract *o, const Contract *n)
{
    for (int k = 0; k < SLA_KIND_COUNT; k++) {
        const SlaItem *a = sla_find(o, (SlaKind)k), *b = sla_find(n, (SlaKind)k);
        if (!a && !b) continue;
        const char *name = model_sla_name((SlaKind)k);
        const char *path = arena_printf(c->a, "sla.%s", name);
        const char *at = sla_text(c->a, a), *bt = sla_text(c->a, b);
        Span s = b ? b->span : compat_span_or(n->sla_span, n->name.span);
        Span so = a ? a->span : compat_span_or(o->sla_span, o->name.span);
        int sense = sla_sense((SlaKind)k);
        if (a && b && (a->cron == b->cron) && !compat_text_differs(at, bt)) continue;
        if (sense != 0 && a && b && a->number == b->number) continue; /* 60m is 1h */
        if (sense == 0) {
            compat_add(c, CR_SLA_CHANGED, path, s, so, NULL, "%s changed from %s to %s", name, at, bt);
            continue;
        }
        bool weaker = !b || (a && (sense > 0 ? b->number < a->number : b->number > a->number));
        compat_add(c, weaker ? CR_SLA_WEAKENED : CR_SLA_STRENGTHENED, path, s, so, NULL, "%s %s from %s to %s", name,
                   weaker ? "weakened" : "strengthened", at, bt);
    }
}

/* ---- datasets: keys, quality, fields ---------------------------------------------------------- */

static const char *names_text(Arena *a, const Name *n)
{
    StrBuf b;
    sb_init(&b);
    for (; n; n = n->next) sb_printf(&b, "%s%s", b.len ? ", " : "", n->text);
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}

static void compat_keys(CompatCtx *c, const Dataset *o, const Dataset *n, const char *path)
{
    const char *ok = o->primary_key ? names_text(c->a, o->primary_key->fields) : NULL;
    const char *nk = n->primary_key ? names_text(c->a, n->primary_key->fields) : NULL;
    if (compat_text_differs(ok, nk))
        compat_add(c, CR_PRIMARY_KEY_CHANGED, path, n->primary_key ? n->primary_key->span : n->name.span,
                   o->primary_key ? o->primary_key->span : o->name.span, NULL, "dataset '%s': primary key changed from (%s) to (%s)",
                   path, ok ? ok : "none", nk ? nk : "none");
    for (const Key *k = n->uniques; k; k = k->next) {
        const char *t = names_text(c->a, k->fields);
        bool found = false;
        for (const Key *j = o->uniques; j && !found; j = j->next) found = strcmp(names_text(c->a, j->fields), t) == 0;
        if (!found)
            compat_add(c, CR_UNIQUE_KEY_ADDED, path, k->span, span_none(), NULL, "dataset '%s': unique key (%s) added", path, t);
    }
    for (const Key *k = o->uniques; k; k = k->next) {
        const char *t = names_text(c->a, k->fields);
        bool found = false;
        for (const Key *j = n->uniques; j && !found; j = j->next) found = strcmp(names_text(c->a, j->fields), t) == 0;
        if (!found)
            compat_add(c, CR_UNIQUE_KEY_REMOVED, path, k->span, span_none(), NULL, "dataset '%s': unique key (%s) removed", path, t);
    }
}

/* A quality rule's identity: its kind and fields, or its query. */
static const char *rule_key(Arena *a, const QualityRule *r)
{
    if (r->kind == RULE_SQL) return arena_printf(a, "sql %s", lit(r->sql) ? lit(r->sql) : "");
    if (!r->fields) return model_rule_name(r->kind);
    /* invalid_count with valid values is another rule than invalid_count(f), which may stand
     * beside it: its key says `valid` (its values, like a missing rule's, are compared below) */
    if (r->kind == RULE_NOTIN_COUNT || r->kind == RULE_NOTIN_RATE)
        return arena_printf(a, "%s(%s, valid)", model_rule_name(r->kind), names_text(a, r->fields));
    return arena_printf(a, "%s(%s)", model_rule_name(r->kind), names_text(a, r->fields));
}

/* A missing or invalid rule's values as written ("\"\", \"n/a\""), or "" for other rules */
static const char *values_text(Arena *a, const QualityRule *r)
{
    const char *v = "";
    for (const Literal *l = RULE_HAS_VALUES(r->kind) ? r->values : NULL; l; l = l->next)
        v = arena_printf(a, "%s%s%s%s%s", v, *v ? ", " : "", l->kind == LIT_STRING ? "\"" : "", l->text,
                         l->kind == LIT_STRING ? "\"" : "");
    return v;
}

static const char *rule_text(Arena *a, const QualityRule *r)
{
    if (RULE_HAS_VALUES(r->kind) && r->fields) { /* the key with its values: missing_count(a, values ("")) */
        const char *k = arena_printf(a, "%s(%s, %s (%s))", model_rule_name(r->kind), names_text(a, r->fields),
                                     r->kind == RULE_NOTIN_COUNT || r->kind == RULE_NOTIN_RATE ? "valid" : "values",
                                     values_text(a, r));
        if (CMP_IS_RANGE(r->op) && r->value_hi)
            return arena_printf(a, "%s %s %s and %s", k, model_cmp_name(r->op), lit(r->value), lit(r->value_hi));
        return arena_printf(a, "%s %s %s", k, model_cmp_name(r->op), lit(r->value));
    }
    if (!r->value) return rule_key(a, r);
    if (CMP_IS_RANGE(r->op) && r->value_hi)
        return arena_printf(a, "%s %s %s and %s", rule_key(a, r), model_cmp_name(r->op), lit(r->value), lit(r->value_hi));
    return arena_printf(a, "%s %s %s", rule_key(a, r), model_cmp_name(r->op), lit(r->value));
}

/* The measures a comparison accepts, as at most two intervals of the real line. */
typedef struct {
    double lo, hi;
    bool lo_in, hi_in; /* the end belongs to the interval */
} Span1;

static size_t accepted(const QualityRule *r, Span1 out[2])
{
    double x = r->threshold, y = r->threshold_hi;
    switch (r->op) {
    case CMP_LT: out[0] = (Span1){-HUGE_VAL, x, false, false}; return 1;
    case CMP_LE: out[0] = (Span1){-HUGE_VAL, x, false, true}; return 1;
    case CMP_GT: out[0] = (Span1){x, HUGE_VAL, false, false}; return 1;
    case CMP_GE: out[0] = (Span1){x, HUGE_VAL, true, false}; return 1;
    case CMP_EQ: out[0] = (Span1){x, x, true, true}; return 1;
    case CMP_NE: /* != x is not between x and x */
    case CMP_NOT_BETWEEN:
        out[0] = (Span1){-HUGE_VAL, x, false, false};
        out[1] = (Span1){r->op == CMP_NE ? x : y, HUGE_VAL, false, false};
        return 2;
    case CMP_BETWEEN: out[0] = (Span1){x, y, true, true}; return 1;
    }
    return 0;
}

/* The measures a rule's kind can take at all: a rate is a share from 0 to 1, counts and ages are
 * never negative, a sql rule's number is anything. Intersecting with it keeps `between 0% and 5%`
 * and `< 5%` the same promise (nothing is below 0%), so a move between them is no change, and one
 * to `< 0.5%` a tightening rather than a change both ways. A count is a whole number besides, so
 * its interval is cut to the whole numbers it holds, closed at both ends: `row_count > 0` and
 * `row_count >= 1` accept the same counts, and `null_count(a) != 0` the same as `> 0`. */
static size_t within_domain(const QualityRule *r, Span1 *out, size_t n)
{
    if (r->kind == RULE_SQL) return n;
    double lo = 0, hi = RULE_IS_RATE(r->kind) ? 1 : HUGE_VAL;
    bool whole = RULE_IS_COUNT(r->kind);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        Span1 x = out[i];
        if (x.lo < lo) x.lo = lo, x.lo_in = true;
        if (x.hi > hi) x.hi = hi, x.hi_in = true;
        if (whole) {
            /* the least whole number in the interval, and the greatest (an infinite end stays) */
            if (isfinite(x.lo)) x.lo = x.lo_in ? ceil(x.lo) : floor(x.lo) + 1, x.lo_in = true;
            if (isfinite(x.hi)) x.hi = x.hi_in ? floor(x.hi) : ceil(x.hi) - 1, x.hi_in = true;
        }
        /* empty after the cut: (x, x) or a bound past the other */
        if (x.lo > x.hi || (x.lo == x.hi && !(x.lo_in && x.hi_in))) continue;
        out[k++] = x;
    }
    return k;
}

static bool span_within(const Span1 *i, const Span1 *j)
{
    bool lo = j->lo < i->lo || (j->lo == i->lo && (j->lo_in || !i->lo_in));
    bool hi = j->hi > i->hi || (j->hi == i->hi && (j->hi_in || !i->hi_in));
    return lo && hi;
}

/* Is the comparison b at least as strict as a: does a accept every measure b accepts? Each of b's
 * intervals is connected and a's two intervals have a gap between them, so each must lie inside
 * one of a's. Both bounds of between are inclusive. */
static int cmp_stricter(const QualityRule *a, const QualityRule *b)
{
    Span1 sa[2], sb[2];
    size_t na = within_domain(a, sa, accepted(a, sa)), nb = within_domain(b, sb, accepted(b, sb));
    for (size_t i = 0; i < nb; i++) {
        bool in = false;
        for (size_t j = 0; j < na && !in; j++) in = span_within(&sb[i], &sa[j]);
        if (!in) return 0;
    }
    return 1;
}

/* The rule of `list` with this key that comes `nth` among those with the key, or NULL; *count gets
 * how many there are. Rules pair by key and order: `row_count >= 5` and `row_count < 1000` in one
 * dataset are two rules. */
static const QualityRule *rule_nth(Arena *a, const QualityRule *list, const char *key, unsigned nth, unsigned *count)
{
    const QualityRule *found = NULL;
    unsigned k = 0;
    for (; list; list = list->next)
        if (strcmp(rule_key(a, list), key) == 0 && k++ == nth) found = list;
    if (count) *count = k;
    return found;
}

static unsigned rule_index(Arena *a, const QualityRule *list, const QualityRule *r, const char *key)
{
    unsigned k = 0;
    for (; list != r; list = list->next) k += strcmp(rule_key(a, list), key) == 0;
    return k;
}

static void compat_quality(CompatCtx *c, const Dataset *o, const Dataset *n, const char *path)
{
    for (const QualityRule *r = n->quality; r; r = r->next) {
        const char *key = rule_key(c->a, r);
        const QualityRule *m = rule_nth(c->a, o->quality, key, rule_index(c->a, n->quality, r, key), NULL);
        const char *qp = arena_printf(c->a, "%s.quality.%s", path, key);
        if (!m) {
            compat_add(c, CR_QUALITY_ADDED, qp, r->span, span_none(), NULL, "dataset '%s': quality rule '%s' added", path,
                       rule_text(c->a, r));
            continue;
        }
        /* the check's other ODCS keys (description, dimension, severity, schedule, ...) */
        if (compat_meta_differs(m->extra, r->extra))
            compat_add(c, CR_METADATA_CHANGED, qp, r->extra ? r->extra_span : r->span, m->extra ? m->extra_span : m->span, NULL,
                       "dataset '%s': quality rule '%s': its meta changed", path, rule_text(c->a, r));
        /* other values measure other records: more listed ones count more, which tightens an upper
         * bound and loosens a lower one, so it is a change either way */
        if (strcmp(values_text(c->a, r), values_text(c->a, m)) != 0) {
            compat_add(c, CR_QUALITY_CHANGED, qp, r->span, m->span, NULL, "dataset '%s': quality rule '%s' changed (was '%s')", path,
                       rule_text(c->a, r), rule_text(c->a, m));
            continue;
        }
        if (!r->value || !m->value ||
            (r->op == m->op && r->threshold == m->threshold && (!CMP_IS_RANGE(r->op) || r->threshold_hi == m->threshold_hi)))
            continue;
        int tighter = cmp_stricter(m, r), looser = cmp_stricter(r, m);
        CompatRuleId id = tighter == 1 && looser != 1 ? CR_QUALITY_TIGHTENED
                          : looser == 1 && tighter != 1 ? CR_QUALITY_LOOSENED
                                                        : CR_QUALITY_CHANGED;
        if (tighter == 1 && looser == 1) continue; /* the same bound written otherwise */
        compat_add(c, id, qp, r->span, m->span, NULL, "dataset '%s': quality rule '%s' %s (was '%s')", path, rule_text(c->a, r),
                   id == CR_QUALITY_TIGHTENED ? "tightened" : id == CR_QUALITY_LOOSENED ? "loosened" : "changed",
                   rule_text(c->a, m));
    }
    for (const QualityRule *r = o->quality; r; r = r->next) {
        const char *key = rule_key(c->a, r);
        unsigned count;
        rule_nth(c->a, n->quality, key, 0, &count);
        if (rule_index(c->a, o->quality, r, key) >= count)
            compat_add(c, CR_QUALITY_REMOVED, arena_printf(c->a, "%s.quality.%s", path, key), r->span, span_none(), NULL,
                       "dataset '%s': quality rule '%s' removed", path, rule_text(c->a, r));
    }
}

static void compat_dataset(CompatCtx *c, const Dataset *o, const Dataset *n)
{
    const char *path = n->name.text;
    c->ods = o;
    c->nds = n;
    if (compat_text_differs(o->doc, n->doc))
        compat_add(c, CR_DESCRIPTION_CHANGED, path, n->name.span, o->name.span, NULL, "dataset '%s': description changed", path);
    /* the head's attributes: the table's name and type, and metadata */
    const Attrs *om = &o->meta, *nm = &n->meta;
    const char *opn = om->physical_name ? om->physical_name->text : o->name.text;
    const char *npn = nm->physical_name ? nm->physical_name->text : n->name.text;
    if (strcmp(opn, npn) != 0)
        compat_add(c, CR_TABLE_RENAMED, path, compat_span_or(nm->physical_name ? nm->physical_name->span : span_none(), n->name.span),
                   compat_span_or(om->physical_name ? om->physical_name->span : span_none(), o->name.span), NULL,
                   "dataset '%s': physical name changed from '%s' to '%s'", path, opn, npn);
    /* how an ODCS file worded the key (`primary key (...) odcs (...)`): wording only */
    unsigned ow = o->primary_key ? o->primary_key->odcs_words : 0, nw = n->primary_key ? n->primary_key->odcs_words : 0;
    if (ow != nw)
        compat_add(c, CR_METADATA_CHANGED, path, n->primary_key ? n->primary_key->span : n->name.span,
                   o->primary_key ? o->primary_key->span : o->name.span, NULL, "dataset '%s': the primary key's odcs wording changed", path);
    if (compat_literals_differ(om->physical_type, nm->physical_type) || compat_literals_differ(om->id, nm->id) ||
        compat_literals_differ(om->business_name, nm->business_name) || compat_meta_differs(om->extra, nm->extra))
        compat_add(c, CR_METADATA_CHANGED, path, n->name.span, o->name.span, NULL, "dataset '%s': %s changed", path,
                   compat_literals_differ(om->physical_type, nm->physical_type) ? "physical type"
                   : compat_literals_differ(om->id, nm->id)                      ? "id"
                   : compat_literals_differ(om->business_name, nm->business_name) ? "business name"
                                                                                  : "meta");
    if (o->unknown_fields != n->unknown_fields) {
        bool open = n->unknown_fields == UNKNOWN_ALLOW;
        compat_add(c, open ? CR_UNKNOWN_OPENED : CR_UNKNOWN_CLOSED, path,
                   n->unknown_fields_name ? n->unknown_fields_span : n->name.span,
                   o->unknown_fields_name ? o->unknown_fields_span : o->name.span, NULL,
                   "dataset '%s' now %s unknown fields", path, open ? "allows" : "rejects");
    }
    compat_keys(c, o, n, path);
    compat_fields(c, o->fields, n->fields, path, o->unknown_fields == UNKNOWN_REJECT,
                  n->unknown_fields == UNKNOWN_REJECT, 0);
    compat_quality(c, o, n, path);
    c->ods = c->nds = NULL;
}

/* Whether two datasets have the same field names (a rename's sign). */
static bool same_field_names(const Dataset *a, const Dataset *b)
{
    const Field *x = a->fields, *y = b->fields;
    for (; x && y; x = x->next, y = y->next)
        if (strcmp(x->name.text, y->name.text) != 0) return false;
    return !x && !y;
}

static void compat_datasets(CompatCtx *c, const Contract *o, const Contract *n)
{
    SymTab tab = {0};
    for (const Dataset *d = o->datasets; d; d = d->next) symtab_put(&tab, o, d->name.text, (void *)d);
    for (const Dataset *d = n->datasets; d; d = d->next) {
        const Dataset *m = symtab_get(&tab, o, d->name.text);
        if (m) compat_dataset(c, m, d);
    }
    for (const Dataset *d = n->datasets; d; d = d->next) {
        if (symtab_get(&tab, o, d->name.text)) continue;
        c->nds = d;
        CompatFinding *g = compat_add(c, CR_DATASET_ADDED, d->name.text, d->name.span, span_none(), NULL,
                                      "dataset '%s' added", d->name.text);
        for (const Dataset *od = o->datasets; od; od = od->next) {
            if (model_find_dataset(n, od->name.text) || !same_field_names(od, d)) continue;
            g->hint = arena_printf(c->a, "looks like a rename of '%s'", od->name.text);
            g->hint_span = od->name.span;
            break;
        }
    }
    c->nds = NULL;
    for (const Dataset *d = o->datasets; d; d = d->next)
        if (!model_find_dataset(n, d->name.text)) {
            c->ods = d;
            compat_add(c, CR_DATASET_REMOVED, d->name.text, d->name.span, span_none(), NULL, "dataset '%s' removed",
                       d->name.text);
        }
    c->ods = NULL;
    symtab_free(&tab);
}

void compat_diff(CompatFindings *out, const Contract *old, const Contract *new_, unsigned old_index)
{
    CompatCtx c = {out, out->a, old_index, {0}, NULL, NULL, NULL, NULL, NULL};
    compat_product(&c, old, new_);
    compat_sla(&c, old, new_);
    compat_datasets(&c, old, new_);
    symtab_free(&c.patterns);
}

/* ---- verdicts ------------------------------------------------------------------------------ */

CompatLevel compat_finding_level(const CompatFinding *f, CompatDirs promised)
{
    const CompatRule *r = &rules[f->rule];
    if (r->breaks != CDIR_NONE) return (r->breaks & promised) ? CLVL_ERROR : CLVL_INFO;
    return r->level;
}

void compat_verdict(CompatVerdict *v, const CompatFindings *f, CompatMode mode, bool transitive,
                    const Contract *old_latest, unsigned latest_index, const Contract *new_)
{
    memset(v, 0, sizeof *v);
    v->mode = mode;
    v->transitive = transitive;
    v->promised = compat_mode_dirs(mode);
    /* Under mode none nothing is promised, so the version must tell consumers of every break. */
    CompatDirs for_bump = mode == COMPAT_NONE ? CDIR_BOTH : v->promised;
    bool zero = old_latest->semver.major == 0;
    SemverBump need = BUMP_NONE;
    for (const CompatFinding *g = f->first; g; g = g->next) {
        switch (compat_finding_level(g, v->promised)) {
        case CLVL_ERROR: v->errors++; break;
        case CLVL_WARNING: v->warnings++; break;
        default: v->infos++; break;
        }
        if (g->old_index != latest_index) continue; /* the version rule is against the latest OLD only */
        const CompatRule *r = &rules[g->rule];
        SemverBump b = (r->breaks & for_bump) ? BUMP_MAJOR : r->bump;
        if (zero && b > BUMP_PATCH) b = (SemverBump)(b - 1); /* 0.x: breaking is minor, the rest patch */
        if (b > need) need = b;
    }
    v->required = need;
    SemVer ov = {old_latest->semver.major, old_latest->semver.minor, old_latest->semver.patch, old_latest->semver.pre,
                 old_latest->semver.build};
    SemVer nv = {new_->semver.major, new_->semver.minor, new_->semver.patch, new_->semver.pre, new_->semver.build};
    v->old_version = lit(old_latest->version);
    v->new_version = lit(new_->version);
    v->given = semver_bump(&ov, &nv);
    int order = semver_compare(&nv, &ov);
    if (order < 0) v->version_problem = "the new version is lower than the old one";
    else if (need != BUMP_NONE && order == 0) v->version_problem = "the contract changed but its version did not";
    else if (need != BUMP_NONE && v->given < need)
        v->version_problem = arena_printf(f->a, "the changes need a %s bump, but %s to %s is a %s bump",
                                          semver_bump_name(need), v->old_version, v->new_version, semver_bump_name(v->given));
    v->version_ok = v->version_problem == NULL;
    v->ok = v->version_ok && v->errors == 0;
}
