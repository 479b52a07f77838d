/* docs_product.c - the page of a product (a contract) or a library: what it is, who owns it, how
 * to reach it, its service levels and lineage, and per dataset the fields in plain words. */
#include <string.h>

#include "docs.h"
#include "servers.h"

/* Where a declaration lives on the site: "sales.orders.html#type-LineItem", or NULL when its
 * unit has no page (an import not named on the command line). */
static const char *type_href(const DocsSite *s, const TypeDecl *d)
{
    const DocsPage *p = d && d->owner ? docs_page_of(s, d->owner) : NULL;
    return p ? arena_printf(s->ctx->arena, "%s#type-%s", p->file, d->name.text) : NULL;
}

/* The dataset and unit whose top-level field f is (references point at top-level fields). */
static const Dataset *field_dataset(const DocsSite *s, const Field *f)
{
    const PtrVec *units = &s->ctx->compilation->units;
    for (size_t i = 0; i < units->len; i++)
        for (const Dataset *ds = ((const Contract *)units->items[i])->datasets; ds; ds = ds->next)
            for (const Field *g = ds->fields; g; g = g->next)
                if (g == f) return ds;
    return NULL;
}

static void add_badge(Arena *a, xmlNodePtr parent, const char *kind, const char *text)
{
    html_elc(parent, "span", arena_printf(a, "badge badge-%s", kind), text);
    html_text(parent, " ");
}

/* The type as written (a named type links to its declaration) and its meaning in words. */
static void type_cell(DocsSite *s, xmlNodePtr td, const Type *t)
{
    Arena *a = s->ctx->arena;
    if (t->kind == TY_NAMED) {
        const char *href = type_href(s, t->u.named.decl);
        xmlNodePtr code = html_el(td, "code", NULL);
        if (href) html_link(code, href, t->u.named.name.text);
        else html_text(code, t->u.named.name.text);
        html_el(td, "br", NULL);
    }
    html_elc(td, "span", "words", docs_type_words(a, t));
    /* a list of a named type, or a map to one: link the element's declaration too */
    const Type *r = model_type_resolve(t);
    const Type *elem = r && r->kind == TY_LIST ? r->u.list.elem : r && r->kind == TY_MAP ? r->u.map.value : NULL;
    if (elem && elem->kind == TY_NAMED) {
        const char *href = type_href(s, elem->u.named.decl);
        if (href) {
            html_text(td, " (");
            html_link(td, href, arena_printf(a, "about %s", elem->u.named.name.text));
            html_text(td, ")");
        }
    }
}

/* The badges and notes of a field or type: classification, personal data, unit, term,
 * deprecation. */
static void meaning(DocsSite *s, xmlNodePtr cell, const Attrs *at)
{
    Arena *a = s->ctx->arena;
    if (!at) return;
    if (at->classification != CLASS_NONE || at->pii || at->deprecated) {
        xmlNodePtr p = html_elc(cell, "p", "badges", NULL);
        if (at->classification != CLASS_NONE)
            add_badge(a, p, model_classification_name(at->classification), docs_classification_words(at->classification));
        if (at->pii) add_badge(a, p, "pii", arena_printf(a, "Personal data: %s", at->pii->text));
        if (at->deprecated) add_badge(a, p, "deprecated", "Deprecated");
    }
    if (at->deprecated && (at->sunset || at->deprecation_reason)) {
        xmlNodePtr p = html_elc(cell, "p", "deprecation", NULL);
        if (at->sunset) html_text(p, arena_printf(a, "Removed after %s. ", at->sunset->text));
        if (at->deprecation_reason) html_text(p, at->deprecation_reason->text);
    }
    if (at->unit) html_el(cell, "p", arena_printf(a, "Unit: %s", at->unit->text));
    if (at->term) html_el(cell, "p", arena_printf(a, "Business term: %s", at->term->text));
}

static void constraints_cell(DocsSite *s, xmlNodePtr td, const Type *rtype, const Attrs *at, const Field *ref)
{
    Arena *a = s->ctx->arena;
    PtrVec words = {0};
    docs_constraint_words(a, rtype, at, &words);
    if (!words.len && !(at && at->references)) {
        html_elc(td, "span", "none", "none");
        return;
    }
    xmlNodePtr ul = html_elc(td, "ul", "plain", NULL);
    docs_phrase_list(ul, &words);
    if (at && at->references) {
        xmlNodePtr li = html_el(ul, "li", "refers to ");
        const Dataset *ds = ref ? field_dataset(s, ref) : NULL;
        const DocsPage *p = ds ? docs_page_of(s, ds->owner) : NULL;
        xmlNodePtr code = html_el(li, "code", NULL);
        if (p) html_link(code, arena_printf(a, "%s#%s.%s", p->file, ds->name.text, ref->name.text), at->references->text);
        else html_text(code, at->references->text);
    }
}

/* A table of fields; anchors are PREFIX.NAME. */
static void fields_table(DocsSite *s, xmlNodePtr parent, const char *caption, const char *prefix, const Field *fields)
{
    static const char *const heads[] = {"Field", "Type", "Required", "Constraints", "Meaning"};
    xmlNodePtr tbody = html_table(parent, "fields", caption, heads, sizeof heads / sizeof heads[0]);
    Arena *a = s->ctx->arena;
    for (const Field *f = fields; f; f = f->next) {
        xmlNodePtr tr = html_el(tbody, "tr", NULL);
        html_attr(tr, "id", arena_printf(a, "%s.%s", prefix, f->name.text));
        xmlNodePtr th = html_el(tr, "th", NULL);
        html_attr(th, "scope", "row");
        html_link(html_el(th, "code", NULL), arena_printf(a, "#%s.%s", prefix, f->name.text), f->name.text);
        type_cell(s, html_el(tr, "td", NULL), f->type);
        html_el(tr, "td", f->optional ? "optional" : "required");
        constraints_cell(s, html_el(tr, "td", NULL), f->rtype, f->effective, f->ref_target);
        xmlNodePtr td = html_el(tr, "td", NULL);
        html_doc(td, f->doc);
        meaning(s, td, f->effective);
    }
}

static void names_list(xmlNodePtr parent, const Name *n)
{
    for (const Name *x = n; x; x = x->next) {
        html_el(parent, "code", x->text);
        if (x->next) html_text(parent, ", ");
    }
}

/* A path with `dir/..` and `.` segments taken out, as written otherwise: an import is loaded as
 * "examples/finance/../sales/orders.dc", which the reader knows as "examples/sales/orders.dc". */
static const char *tidy_path(Arena *a, const char *path)
{
    PtrVec parts = {0};
    char *copy = arena_strdup(a, path);
    bool absolute = copy[0] == '/';
    for (char *save = NULL, *seg = strtok_r(copy, "/", &save); seg; seg = strtok_r(NULL, "/", &save)) {
        if (strcmp(seg, ".") == 0) continue;
        if (strcmp(seg, "..") == 0 && parts.len && strcmp(parts.items[parts.len - 1], "..") != 0) {
            parts.len--;
            continue;
        }
        ptrvec_push(a, &parts, seg);
    }
    StrBuf b;
    sb_init(&b);
    if (absolute) sb_putc(&b, '/');
    for (size_t i = 0; i < parts.len; i++) sb_printf(&b, "%s%s", i ? "/" : "", (const char *)parts.items[i]);
    const char *out = b.len ? arena_strdup(a, b.data) : path;
    sb_free(&b);
    return out;
}

/* "examples/sales/orders.dc, line 12": where a reader finds the declaration. */
static const char *source_of(const DocsSite *s, Span sp)
{
    const SourceSet *src = s->ctx->sources;
    if (sp.file == SPAN_NOFILE || sp.file >= src->nfiles) return NULL;
    unsigned line, col;
    source_line_col(src->files[sp.file], sp.start, &line, &col);
    return arena_printf(s->ctx->arena, "%s, line %u", tidy_path(s->ctx->arena, src->files[sp.file]->path), line);
}

static void source_note(const DocsSite *s, xmlNodePtr parent, Span sp)
{
    const char *where = source_of(s, sp);
    if (where) html_elc(parent, "p", "source", arena_printf(s->ctx->arena, "Defined in %s", where));
}

static void dataset_section(DocsSite *s, xmlNodePtr parent, const Contract *c, const Dataset *ds)
{
    Arena *a = s->ctx->arena;
    xmlNodePtr sec = html_elc(parent, "section", "dataset", NULL);
    html_attr(sec, "id", ds->name.text);
    xmlNodePtr h = html_el(sec, "h3", "Dataset ");
    html_el(h, "code", ds->name.text);
    html_doc(sec, ds->doc);
    if (ds->primary_key || ds->uniques || ds->unknown_fields == UNKNOWN_ALLOW) {
        xmlNodePtr ul = html_elc(sec, "ul", "keys", NULL);
        if (ds->primary_key) names_list(html_el(ul, "li", "Each row is identified by "), ds->primary_key->fields);
        for (const Key *k = ds->uniques; k; k = k->next) names_list(html_el(ul, "li", "No two rows share "), k->fields);
        if (ds->unknown_fields == UNKNOWN_ALLOW) html_el(ul, "li", "Rows may carry fields not listed here.");
    }
    fields_table(s, sec, arena_printf(a, "Fields of %s", ds->name.text), ds->name.text, ds->fields);
    if (ds->quality) {
        html_el(sec, "h4", "Quality rules");
        xmlNodePtr ul = html_elc(sec, "ul", "rules", NULL);
        for (const QualityRule *r = ds->quality; r; r = r->next) {
            const char *sql;
            xmlNodePtr li = html_el(ul, "li", docs_rule_words(a, r, &sql));
            if (sql) html_el(html_el(li, "pre", NULL), "code", sql);
        }
    }
    if (ds->upstream) {
        html_el(sec, "h4", "Comes from");
        xmlNodePtr ul = html_elc(sec, "ul", "upstream", NULL);
        for (const Upstream *u = ds->upstream; u; u = u->next) {
            xmlNodePtr li = html_el(ul, "li", NULL);
            if (u->external) {
                html_el(li, "code", u->external->text);
                html_text(li, " (outside the mesh)");
                continue;
            }
            const Dataset *up = u->resolved;
            const DocsPage *p = up ? docs_page_of(s, up->owner) : NULL;
            const char *label = up ? (up->owner == c ? up->name.text
                                                      : arena_printf(a, "%s.%s", up->owner->name.text, up->name.text))
                                   : u->name->text;
            xmlNodePtr code = html_el(li, "code", NULL);
            if (p) html_link(code, arena_printf(a, "%s#%s", p->file, up->name.text), label);
            else html_text(code, label);
        }
    }
    source_note(s, sec, ds->span);
}

/* ---- where a type is used ----------------------------------------------------------------------- */

typedef struct {
    const char *label, *href;
} Use;

static bool type_uses(const Type *t, const TypeDecl *d)
{
    if (!t) return false;
    switch (t->kind) {
    case TY_NAMED: return t->u.named.decl == d;
    case TY_LIST: return type_uses(t->u.list.elem, d);
    case TY_MAP: return type_uses(t->u.map.value, d);
    case TY_STRUCT:
        for (const Field *f = t->u.strct.fields; f; f = f->next)
            if (type_uses(f->type, d)) return true;
        return false;
    default: return false;
    }
}

static void collect_uses(const DocsSite *s, const TypeDecl *d, PtrVec *out)
{
    Arena *a = s->ctx->arena;
    const PtrVec *units = &s->ctx->compilation->units;
    for (size_t i = 0; i < units->len; i++) {
        const Contract *c = units->items[i];
        const DocsPage *p = docs_page_of(s, c);
        for (const TypeDecl *t = c->types; t; t = t->next)
            if (t != d && type_uses(t->type, d)) {
                Use *u = ARENA_NEW(a, Use);
                u->label = arena_printf(a, "%s: type %s", c->name.text, t->name.text);
                u->href = p ? arena_printf(a, "%s#type-%s", p->file, t->name.text) : NULL;
                ptrvec_push(a, out, u);
            }
        for (const Dataset *ds = c->datasets; ds; ds = ds->next)
            for (const Field *f = ds->fields; f; f = f->next)
                if (type_uses(f->type, d)) {
                    Use *u = ARENA_NEW(a, Use);
                    u->label = arena_printf(a, "%s: %s.%s", c->name.text, ds->name.text, f->name.text);
                    u->href = p ? arena_printf(a, "%s#%s.%s", p->file, ds->name.text, f->name.text) : NULL;
                    ptrvec_push(a, out, u);
                }
    }
}

static void type_section(DocsSite *s, xmlNodePtr parent, const TypeDecl *t)
{
    Arena *a = s->ctx->arena;
    xmlNodePtr sec = html_elc(parent, "section", "type", NULL);
    const char *anchor = arena_printf(a, "type-%s", t->name.text);
    html_attr(sec, "id", anchor);
    xmlNodePtr h = html_el(sec, "h3", "Type ");
    html_el(h, "code", t->name.text);
    html_doc(sec, t->doc);
    xmlNodePtr dl = html_elc(sec, "dl", "facts", NULL);
    html_el(dl, "dt", "Type");
    type_cell(s, html_el(dl, "dd", NULL), t->type);
    PtrVec words = {0};
    docs_constraint_words(a, t->rtype, t->effective, &words);
    if (words.len) {
        html_el(dl, "dt", "Constraints");
        xmlNodePtr ul = html_elc(html_el(dl, "dd", NULL), "ul", "plain", NULL);
        docs_phrase_list(ul, &words);
    }
    meaning(s, sec, t->effective);
    const Field *fields = model_struct_fields(t->type);
    if (t->rtype && t->rtype->kind == TY_STRUCT && fields)
        fields_table(s, sec, arena_printf(a, "Fields of %s", t->name.text), anchor, fields);
    PtrVec uses = {0};
    collect_uses(s, t, &uses);
    html_el(sec, "h4", "Used by");
    if (!uses.len) html_el(sec, "p", "Nothing in this catalog uses it.");
    xmlNodePtr ul = uses.len ? html_elc(sec, "ul", "uses", NULL) : NULL;
    for (size_t i = 0; i < uses.len; i++) {
        const Use *u = uses.items[i];
        xmlNodePtr li = html_el(ul, "li", NULL);
        if (u->href) html_link(li, u->href, u->label);
        else html_text(li, u->label);
    }
    source_note(s, sec, t->span);
}

/* ---- the page ---------------------------------------------------------------------------------- */

static void fact(xmlNodePtr dl, const char *term, const char *value)
{
    if (!value) return;
    html_el(dl, "dt", term);
    html_el(dl, "dd", value);
}

static void about(DocsSite *s, xmlNodePtr main, const Contract *c)
{
    Arena *a = s->ctx->arena;
    xmlNodePtr sec = html_el(main, "section", NULL);
    html_attr(sec, "id", "about-product");
    html_el(sec, "h2", "About");
    xmlNodePtr dl = html_elc(sec, "dl", "facts", NULL);
    if (c->kind == UNIT_CONTRACT) fact(dl, "Owner", c->owner ? c->owner->text : "not given");
    if (c->contact) {
        html_el(dl, "dt", "Contact");
        xmlNodePtr dd = html_el(dl, "dd", NULL);
        const char *t = c->contact->text;
        /* an e-mail address becomes a mailto: link; anything else goes through the URL check */
        if (strchr(t, '@') && !strchr(t, ':') && !strpbrk(t, " <>\"")) html_url(dd, arena_printf(a, "mailto:%s", t), t);
        else html_url(dd, t, t);
    }
    if (c->domain) fact(dl, "Domain", c->domain->text);
    if (c->kind == UNIT_CONTRACT) fact(dl, "Status", docs_status_words(c->status));
    if (c->version) fact(dl, "Version", c->version->text);
    if (c->compat_name)
        fact(dl, "Compatibility", arena_printf(a, "%s%s", model_compat_name(c->compatibility),
                                               c->compat_transitive ? ", transitive" : ""));
    if (c->tags) {
        html_el(dl, "dt", "Tags");
        xmlNodePtr dd = html_el(dl, "dd", NULL);
        for (const Literal *t = c->tags; t; t = t->next) {
            html_elc(dd, "span", "tag", t->text);
            if (t->next) html_text(dd, " ");
        }
    }
    if (c->links) {
        html_el(dl, "dt", "Links");
        xmlNodePtr ul = html_elc(html_el(dl, "dd", NULL), "ul", "plain", NULL);
        for (const Link *l = c->links; l; l = l->next) {
            xmlNodePtr li = html_el(ul, "li", NULL);
            html_url(li, l->url ? l->url->text : "", l->name.text);
            if (!html_url_is_safe(l->url ? l->url->text : "")) html_text(li, arena_printf(a, ": %s", l->url ? l->url->text : ""));
        }
    }
    for (const SlaItem *it = c->sla; it; it = it->next)
        if (it->kind == SLA_SUPPORT && it->value) fact(dl, "Support hours", it->value->text);
    const char *where = source_of(s, c->span);
    if (where) fact(dl, "Contract", where);
}

/* A named server's field, or NULL. */
static const Literal *server_value(const Server *v, const char *key)
{
    for (const ServerField *f = v->fields; f; f = f->next)
        if (!strcmp(f->key.text, key)) return f->value;
    return NULL;
}

static void reach(DocsSite *s, xmlNodePtr main, const Contract *c)
{
    if (!c->serves && !c->servers) return;
    Arena *a = s->ctx->arena;
    xmlNodePtr sec = html_el(main, "section", NULL);
    html_attr(sec, "id", "how-to-reach");
    html_el(sec, "h2", "How to reach it");
    if (c->servers) {
        /* named servers: where each is (its fields but the three that describe it) */
        static const char *const heads[] = {"Server", "Type", "Environment", "Where", "Description"};
        xmlNodePtr tbody = html_table(sec, "servers", NULL, heads, 5);
        for (const Server *v = c->servers; v; v = v->next) {
            xmlNodePtr tr = html_el(tbody, "tr", NULL);
            html_el(tr, "td", v->name.text);
            html_el(tr, "td", v->type.text);
            const Literal *env = server_value(v, "environment"), *desc = server_value(v, "description");
            html_el(tr, "td", env ? env->text : "");
            xmlNodePtr where = html_el(tr, "td", NULL);
            bool first = true;
            for (const ServerField *f = v->fields; f; f = f->next) {
                if (server_field_common(f->key.text)) continue;
                if (!first) html_text(where, ", ");
                first = false;
                html_text(where, arena_printf(a, "%s ", f->key.text));
                html_el(where, "code", f->value ? f->value->text : "");
            }
            html_el(tr, "td", desc ? desc->text : "");
        }
    }
    if (c->serves) {
        static const char *const heads[] = {"Where", "Address", "Format"};
        xmlNodePtr tbody = html_table(sec, "serves", NULL, heads, 3);
        for (const Serve *v = c->serves; v; v = v->next) {
            xmlNodePtr tr = html_el(tbody, "tr", NULL);
            html_el(tr, "td", v->kind.text);
            html_el(html_el(tr, "td", NULL), "code", v->address ? v->address->text : "");
            html_el(tr, "td", v->format ? v->format->text : "");
        }
    }
}

static void service_levels(DocsSite *s, xmlNodePtr main, const Contract *c)
{
    if (!c->sla) return;
    Arena *a = s->ctx->arena;
    xmlNodePtr sec = html_el(main, "section", NULL);
    html_attr(sec, "id", "service-levels");
    html_el(sec, "h2", "Service levels");
    static const char *const heads[] = {"Promise", "In plain words", "As written"};
    xmlNodePtr tbody = html_table(sec, "sla", NULL, heads, 3);
    for (const SlaItem *it = c->sla; it; it = it->next) {
        xmlNodePtr tr = html_el(tbody, "tr", NULL);
        html_attr(html_el(tr, "th", model_sla_name(it->kind)), "scope", "row");
        html_el(tr, "td", docs_sla_words(a, it));
        const char *v = it->value ? it->value->text : "";
        html_el(html_el(tr, "td", NULL), "code",
                it->cron ? arena_printf(a, "cron \"%s\"", v) : it->kind == SLA_AVAILABILITY ? arena_printf(a, "%s%%", v) : v);
    }
}

int docs_product_page(DocsSite *s, const DocsPage *pg)
{
    Arena *a = s->ctx->arena;
    const Contract *c = pg->unit;
    HtmlPage p;
    html_page_new(&p, arena_printf(a, "%s – data product catalog", c->name.text), docs_first_paragraph(a, c->doc), s->home);
    xmlNodePtr hdr = html_elc(p.main, "div", "title", NULL);
    xmlNodePtr h1 = html_el(hdr, "h1", NULL);
    html_el(h1, "code", c->name.text);
    xmlNodePtr meta = html_elc(hdr, "p", "meta", NULL);
    html_text(meta, arena_printf(a, "%s %s ", c->kind == UNIT_CONTRACT ? "Data product" : "Library of shared types",
                                 c->version ? c->version->text : ""));
    if (c->kind == UNIT_CONTRACT)
        add_badge(a, meta, arena_printf(a, "status-%s", model_status_name(c->status)), docs_status_words(c->status));
    html_doc(p.main, c->doc);
    about(s, p.main, c);
    reach(s, p.main, c);
    service_levels(s, p.main, c);
    if (c->kind == UNIT_CONTRACT) docs_lineage(s, c, p.main);
    if (pg->downloads.len) {
        xmlNodePtr sec = html_el(p.main, "section", NULL);
        html_attr(sec, "id", "downloads");
        html_el(sec, "h2", "Downloads");
        xmlNodePtr ul = html_elc(sec, "ul", "downloads", NULL);
        for (size_t i = 0; i < pg->downloads.len; i++) {
            const DocsDownload *d = pg->downloads.items[i];
            xmlNodePtr li = html_el(ul, "li", arena_printf(a, "%s: ", d->what));
            html_link(li, d->path, d->path + strlen("files/"));
        }
    }
    if (c->datasets) {
        xmlNodePtr sec = html_el(p.main, "section", NULL);
        html_attr(sec, "id", "data-sets");
        html_el(sec, "h2", "Datasets");
        for (const Dataset *ds = c->datasets; ds; ds = ds->next) dataset_section(s, sec, c, ds);
    }
    if (c->types) {
        xmlNodePtr sec = html_el(p.main, "section", NULL);
        html_attr(sec, "id", "types-list");
        html_el(sec, "h2", c->kind == UNIT_CONTRACT ? "Types" : "Shared types");
        for (const TypeDecl *t = c->types; t; t = t->next) type_section(s, sec, t);
    }
    return docs_page_write(s, &p, pg->file);
}
