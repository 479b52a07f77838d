/* mbuild.c - the model builder (mbuild.h): model structures in source order, DC0202 for items
 * given twice and DC0201 for types nested too deeply. Meaning is left to sema. */
#include "mbuild.h"

#include <string.h>

#include "num.h"

static bool meta_too_deep(ModelBuilder *b, const Meta *m);

void mb_init(ModelBuilder *b, Arena *a, DiagSink *diags, uint32_t file)
{
    memset(b, 0, sizeof *b);
    b->arena = a;
    b->diags = diags;
    b->file = file;
}

Contract *mb_finish(ModelBuilder *b)
{
    if (b->unit) b->unit->imports = b->imports;
    return b->unit;
}

static bool given(Span s) { return s.file != SPAN_NOFILE; }

static void report_twice(ModelBuilder *b, Span at, Span first, const char *what)
{
    Diag *d = diag_report(b->diags, D_DUP_ITEM, at, "%s is given twice", what);
    diag_note(b->diags, d, first, "first given here");
}

static MetaItem *meta_item_add(ModelBuilder *b, MetaItem **head, MetaItem **last, ContractItemKind k, Literal *name,
                               Meta *value, Span at);

/* --- lists -------------------------------------------------------------------------------- */

LitList *mb_lit_list(ModelBuilder *b, LitList *l, Literal *lit)
{
    if (!l) l = ARENA_NEW(b->arena, LitList);
    if (!lit) return l;
    if (l->last) l->last->next = lit;
    else l->first = lit;
    l->last = lit;
    l->n++;
    return l;
}

NameList *mb_name_list(ModelBuilder *b, NameList *l, Name *n)
{
    if (!l) l = ARENA_NEW(b->arena, NameList);
    if (!n) return l;
    if (l->last) l->last->next = n;
    else l->first = n;
    l->last = n;
    l->n++;
    return l;
}

EnumList *mb_enum_list(ModelBuilder *b, EnumList *l, const char *value, Span at)
{
    if (!l) l = ARENA_NEW(b->arena, EnumList);
    EnumValue *v = ARENA_NEW(b->arena, EnumValue);
    v->name = value ? value : "";
    v->span = at;
    if (l->last) l->last->next = v;
    else l->first = v;
    l->last = v;
    l->n++;
    return l;
}

FieldList *mb_field_list(ModelBuilder *b, FieldList *l, Field *f)
{
    if (!l) l = ARENA_NEW(b->arena, FieldList);
    if (!f) return l;
    if (l->last) l->last->next = f;
    else l->first = f;
    l->last = f;
    return l;
}

QNameB *mb_qname_add(ModelBuilder *b, QNameB *q, Name *part)
{
    if (!q) {
        q = ARENA_NEW(b->arena, QNameB);
        q->q.parts = part;
        q->q.span = part->span;
    } else {
        q->last->next = part;
        q->q.span = span_join(q->q.span, part->span);
    }
    q->last = part;
    q->q.nparts++;
    return q;
}

QualName *mb_qname_done(ModelBuilder *b, QNameB *q)
{
    size_t total = 0;
    for (Name *p = q->q.parts; p; p = p->next) total += strlen(p->text) + 1;
    char *s = arena_alloc(b->arena, total + 1);
    size_t o = 0;
    for (Name *p = q->q.parts; p; p = p->next) {
        if (p != q->q.parts) s[o++] = '.';
        size_t l = strlen(p->text);
        memcpy(s + o, p->text, l);
        o += l;
    }
    s[o] = '\0';
    q->q.text = s;
    return &q->q;
}

QualName *mb_qname_text(ModelBuilder *b, const char *text, Span at)
{
    QNameB *q = NULL;
    const char *p = text ? text : "";
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        q = mb_qname_add(b, q, mb_name(b, arena_strndup(b->arena, p, n), at));
        if (!dot) break;
        p = dot + 1;
    }
    return mb_qname_done(b, q);
}

/* --- names and literals ------------------------------------------------------------------- */

Name *mb_name(ModelBuilder *b, const char *text, Span at)
{
    Name *n = ARENA_NEW(b->arena, Name);
    n->text = text ? text : "";
    n->span = at;
    return n;
}

Literal *mb_literal(ModelBuilder *b, LitKind k, const char *text, uint32_t len, Span at)
{
    Literal *lit = ARENA_NEW(b->arena, Literal);
    lit->kind = k;
    lit->text = text ? text : "";
    lit->len = text ? len : 0;
    if (k == LIT_NUMBER && text) { /* every front end's numbers reach the targets plain */
        lit->text = num_plain_text(b->arena, text);
        if (lit->text != text) lit->len = (uint32_t)strlen(lit->text);
    }
    lit->span = at;
    return lit;
}

Literal *mb_duration(ModelBuilder *b, const char *text, Span at)
{
    text = num_plain_text(b->arena, text);
    return mb_literal(b, LIT_STRING, text, (uint32_t)strlen(text), at);
}

Interval *mb_interval(ModelBuilder *b, Literal *lo, bool lo_inclusive, Literal *hi, bool hi_inclusive,
                      Span at)
{
    Interval *iv = ARENA_NEW(b->arena, Interval);
    iv->lo = lo;
    iv->hi = hi;
    iv->lo_inclusive = lo_inclusive;
    iv->hi_inclusive = hi_inclusive;
    iv->span = at;
    return iv;
}

/* --- types -------------------------------------------------------------------------------- */

static Type *new_type(ModelBuilder *b, TypeKind k, const char *written, Span at)
{
    Type *t = ARENA_NEW(b->arena, Type);
    t->kind = k;
    t->span = at;
    t->written = written;
    if (k == TY_STRING) t->u.string.max_len = -1;
    return t;
}

/* Levels of list/map/struct in t, counted no further than `limit`. */
static unsigned type_depth(const Type *t, unsigned limit)
{
    if (!t || limit == 0) return 0;
    switch (t->kind) {
    case TY_LIST: return 1 + type_depth(t->u.list.elem, limit - 1);
    case TY_MAP: return 1 + type_depth(t->u.map.value, limit - 1);
    case TY_STRUCT: {
        unsigned d = 0;
        for (const Field *f = t->u.strct.fields; f; f = f->next) {
            unsigned fd = type_depth(f->type, limit - 1);
            if (fd > d) d = fd;
        }
        return 1 + d;
    }
    default: return 0;
    }
}

/* A container nested beyond the limit is reported once per file and replaced by an error type,
 * so later passes never walk the excess. */
static Type *check_depth(ModelBuilder *b, Type *t)
{
    if (type_depth(t, MB_MAX_TYPE_DEPTH + 1) <= MB_MAX_TYPE_DEPTH) return t;
    if (!b->nesting_reported) {
        b->nesting_reported = true;
        diag_report(b->diags, D_NESTING_TOO_DEEP, t->span,
                    "nesting too deep: types nest at most %d levels (struct, list, map)", MB_MAX_TYPE_DEPTH);
    }
    Type *e = ARENA_NEW(b->arena, Type);
    e->kind = TY_ERROR;
    e->span = t->span;
    e->written = t->written;
    return e;
}

Type *mb_type_word(ModelBuilder *b, const char *word, Span at)
{
    const char *w = word ? word : "";
    const char *spelling;
    TypeKind k = model_builtin_lookup(w, strlen(w), &spelling);
    /* Built-in names are spelled by the model's table, so the word costs no copy per field. */
    Type *t = new_type(b, k, k == TY_NAMED ? w : spelling, at);
    if (k == TY_NAMED) t->u.named.name = *mb_qname_done(b, mb_qname_add(b, NULL, mb_name(b, w, at)));
    return t;
}

Type *mb_type_qualified(ModelBuilder *b, Name *alias, Name *name, Span at)
{
    Type *t = new_type(b, TY_NAMED, arena_printf(b->arena, "%s.%s", alias->text, name->text), at);
    t->u.named.name = *mb_qname_done(b, mb_qname_add(b, mb_qname_add(b, NULL, alias), name));
    return t;
}

Type *mb_type_args(ModelBuilder *b, const char *name, Literal *args, Span at)
{
    const char *w = name ? name : "";
    const char *spelling;
    TypeKind k = model_builtin_lookup(w, strlen(w), &spelling);
    Type *t = new_type(b, k, k == TY_NAMED ? w : spelling, at);
    t->args = args;
    if (k == TY_DECIMAL) {
        t->u.decimal.precision = args;
        t->u.decimal.scale = args ? args->next : NULL;
    } else if (k == TY_STRING) {
        t->u.string.max = args;
    } else if (k == TY_NAMED) {
        Span ns = {at.file, at.start, at.start + (uint32_t)strlen(w)};
        t->u.named.name = *mb_qname_done(b, mb_qname_add(b, NULL, mb_name(b, w, ns)));
    }
    return t;
}

Type *mb_type_enum(ModelBuilder *b, EnumList *values, Span at)
{
    Type *t = new_type(b, TY_ENUM, "enum", at);
    if (values) {
        t->u.enumeration.values = values->first;
        t->u.enumeration.count = values->n;
    }
    return t;
}

Type *mb_type_list(ModelBuilder *b, Type *elem, Span at)
{
    Type *t = new_type(b, TY_LIST, "list", at);
    t->u.list.elem = elem;
    return check_depth(b, t);
}

Type *mb_type_map(ModelBuilder *b, Name *key, Type *value, Span at)
{
    Type *t = new_type(b, TY_MAP, "map", at);
    t->u.map.key = key;
    t->u.map.value = value;
    return check_depth(b, t);
}

Type *mb_type_struct(ModelBuilder *b, FieldList *fields, Span at)
{
    Type *t = new_type(b, TY_STRUCT, "struct", at);
    t->u.strct.fields = fields ? fields->first : NULL;
    return check_depth(b, t);
}

/* --- attributes --------------------------------------------------------------------------- */

void mb_attrs_clear(Attrs *a)
{
    memset(a, 0, sizeof *a);
    a->unique_span = a->values_span = a->classification_span = a->deprecated_span = span_none();
    a->examples_span = a->critical_span = a->extra_span = a->quality_span = span_none();
}

/* A flag attribute: set once, DC0202 the second time. */
static void set_flag(ModelBuilder *b, bool *flag, Span *span, Span at, const char *what)
{
    if (*flag) {
        report_twice(b, at, *span, what);
        return;
    }
    *flag = true;
    *span = at;
}

void mb_attr_unique(ModelBuilder *b, Attrs *a, Span at)
{
    set_flag(b, &a->unique, &a->unique_span, at, "attribute 'unique'");
}

void mb_attr_literal(ModelBuilder *b, Attrs *a, AttrKind k, Literal *v, Span at)
{
    Literal **slot;
    const char *what;
    switch (k) {
    case ATTR_DEFAULT: slot = &a->default_value; what = "attribute 'default'"; break;
    case ATTR_PATTERN: slot = &a->pattern; what = "attribute 'pattern'"; break;
    case ATTR_UNIT: slot = &a->unit; what = "attribute 'unit'"; break;
    case ATTR_ID: slot = &a->id; what = "'id'"; break;
    case ATTR_BUSINESS_NAME: slot = &a->business_name; what = "'business name'"; break;
    case ATTR_PHYSICAL_NAME: slot = &a->physical_name; what = "'physical name'"; break;
    case ATTR_PHYSICAL_TYPE: slot = &a->physical_type; what = "'physical type'"; break;
    case ATTR_ENCRYPTED_NAME: slot = &a->encrypted_name; what = "'encrypted name'"; break;
    default: slot = &a->term; what = "attribute 'term'"; break;
    }
    if (*slot) report_twice(b, at, (*slot)->span, what);
    else *slot = v;
}

void mb_attr_interval(ModelBuilder *b, Attrs *a, AttrKind k, Interval *v, Span at)
{
    Interval **slot = k == ATTR_RANGE ? &a->range : &a->length;
    if (*slot) report_twice(b, at, (*slot)->span, k == ATTR_RANGE ? "attribute 'range'" : "attribute 'length'");
    else *slot = v;
}

void mb_attr_values(ModelBuilder *b, Attrs *a, LitList *values, Span at)
{
    if (given(a->values_span)) {
        report_twice(b, at, a->values_span, "attribute 'values'");
        return;
    }
    a->values = values ? values->first : NULL;
    a->value_notes = values ? values->notes : NULL;
    a->values_span = at;
    if (values && values->last) a->values_span = span_join(a->values_span, values->last->span);
}

static Meta *meta_entry_of(Meta *map, const char *key)
{
    for (Meta *e = map && map->kind == META_MAP ? map->items : NULL; e; e = e->next)
        if (!strcmp(e->key, key)) return e;
    return NULL;
}

void mb_value_note(ModelBuilder *b, LitList *l, Meta *map)
{
    if (!l || !l->last || !map) return;
    ValueNote *n = ARENA_NEW(b->arena, ValueNote);
    n->value = l->last;
    n->extra = map;
    Meta *label = meta_entry_of(map, "label"), *desc = meta_entry_of(map, "description");
    n->label = label && label->kind == META_STRING ? label : NULL;
    n->description = desc && desc->kind == META_STRING ? desc : NULL;
    if (l->notes_last) l->notes_last->next = n;
    else l->notes = n;
    l->notes_last = n;
}

void mb_attr_references_extra(ModelBuilder *b, Attrs *a, Meta *map)
{
    (void)b;
    a->references_extra = map;
}

void mb_attr_references(ModelBuilder *b, Attrs *a, QualName *target, Span at)
{
    if (a->references) report_twice(b, at, a->references->span, "attribute 'references'");
    else a->references = target;
}

void mb_attr_name(ModelBuilder *b, Attrs *a, AttrKind k, Name *word, Span at)
{
    if (k == ATTR_PII) {
        if (a->pii) report_twice(b, at, a->pii->span, "attribute 'pii'");
        else a->pii = word;
        return;
    }
    if (given(a->classification_span)) {
        report_twice(b, at, a->classification_span, "attribute 'classification'");
        return;
    }
    a->classification_span = span_join(at, word->span);
    a->classification_name = word;
}

void mb_attr_deprecated(ModelBuilder *b, Attrs *a, Literal *sunset, Literal *reason, Span at)
{
    if (a->deprecated) {
        report_twice(b, at, a->deprecated_span, "attribute 'deprecated'");
        return;
    }
    a->deprecated = true;
    a->deprecated_span = at;
    if (sunset) a->deprecated_span = span_join(a->deprecated_span, sunset->span);
    if (reason) a->deprecated_span = span_join(a->deprecated_span, reason->span);
    a->sunset = sunset;
    a->deprecation_reason = reason;
}

void mb_attr_critical(ModelBuilder *b, Attrs *a, Span at)
{
    set_flag(b, &a->critical, &a->critical_span, at, "attribute 'critical'");
}

void mb_attr_examples(ModelBuilder *b, Attrs *a, LitList *examples, Span at)
{
    if (given(a->examples_span)) {
        report_twice(b, at, a->examples_span, "attribute 'examples'");
        return;
    }
    a->examples = examples ? examples->first : NULL;
    a->examples_span = at;
    if (examples && examples->last) a->examples_span = span_join(at, examples->last->span);
}

void mb_attr_extra(ModelBuilder *b, Attrs *a, Meta *m, Span at)
{
    if (given(a->extra_span)) {
        report_twice(b, at, a->extra_span, "'meta'");
        return;
    }
    a->extra = m;
    a->extra_span = m ? span_join(at, m->span) : at;
}

/* --- fields and declarations -------------------------------------------------------------- */

/* A doc comment as the language reads one: no line ends in spaces or tabs (`///` comments cannot
 * keep them, and fmt would drop them), so that a description from any front end gives the model
 * that its imported text gives (found by fuzz_odcs: an ODCS description ending in a space). */
static const char *doc_text(ModelBuilder *b, const char *doc)
{
    if (!doc) return NULL;
    bool trim = false;
    for (const char *p = doc; *p && !trim; p++)
        trim = (*p == ' ' || *p == '\t') && (p[1] == '\n' || p[1] == '\0');
    if (!trim) return doc; /* the usual case: no copy */
    size_t n = strlen(doc), k = 0, keep = 0;
    char *out = arena_alloc(b->arena, n + 1);
    for (size_t i = 0; i <= n; i++) {
        char c = doc[i];
        if (c == '\n' || c == '\0') {
            k = keep; /* drop the blanks since the last other character */
            out[k++] = c;
            keep = k;
        } else {
            out[k++] = c;
            if (c != ' ' && c != '\t') keep = k;
        }
    }
    return out;
}

Field *mb_field(ModelBuilder *b, Name *name, const char *doc, Type *type, bool optional,
                const Attrs *attrs, Span at)
{
    Field *f = ARENA_NEW(b->arena, Field);
    f->name = *name;
    f->name.next = NULL;
    f->doc = doc_text(b, doc);
    f->type = type;
    f->optional = optional;
    if (!b->no_attrs) {
        b->no_attrs = ARENA_NEW(b->arena, Attrs);
        mb_attrs_clear(b->no_attrs);
    }
    /* both were cleared by mb_attrs_clear, padding included, so bytes compare */
    if (attrs && memcmp(attrs, b->no_attrs, sizeof *attrs) != 0) {
        f->attrs = ARENA_NEW(b->arena, Attrs);
        *f->attrs = *attrs;
    } else {
        f->attrs = b->no_attrs;
    }
    f->span = at;
    return f;
}

/* --- files and contracts ------------------------------------------------------------------ */

void mb_import(ModelBuilder *b, Literal *path, Name *alias, Span at)
{
    Import *im = ARENA_NEW(b->arena, Import);
    im->path = path;
    im->alias = alias;
    im->span = at;
    if (b->imports_last) b->imports_last->next = im;
    else b->imports = im;
    b->imports_last = im;
}

Contract *mb_unit_begin(ModelBuilder *b, UnitKind k, QualName *name, Literal *version, const char *doc,
                        Span at)
{
    Contract *u = ARENA_NEW(b->arena, Contract);
    u->kind = k;
    u->name = *name;
    u->version = version;
    u->doc = doc_text(b, doc);
    u->span = at;
    u->file = b->file;
    u->status = STATUS_DRAFT;
    u->status_span = span_none();
    u->compatibility = COMPAT_BACKWARD;
    u->sla_span = span_none();
    b->unit = u;
    return u;
}

void mb_unit_end(ModelBuilder *b, Span at)
{
    if (b->unit) b->unit->span = at;
}

static ContractItem *add_citem(ModelBuilder *b, ContractItemKind k, void *item, Span at)
{
    ContractItem *ci = ARENA_NEW(b->arena, ContractItem);
    ci->kind = k;
    ci->item = item;
    ci->span = at;
    if (b->ci_last) b->ci_last->next = ci;
    else b->unit->items = ci;
    b->ci_last = ci;
    return ci;
}

static Span first_citem(const Contract *u, ContractItemKind k)
{
    for (const ContractItem *ci = u->items; ci; ci = ci->next)
        if (ci->kind == k) return ci->span;
    return span_none();
}

/* True (after reporting) when a single-valued contract item was already given. */
static bool citem_twice(ModelBuilder *b, ContractItemKind k, bool already, Span at)
{
    if (!already) return false;
    report_twice(b, at, first_citem(b->unit, k), arena_printf(b->arena, "'%s'", model_citem_name(k)));
    return true;
}

void mb_contract_literal(ModelBuilder *b, ContractItemKind k, Literal *v, Span at)
{
    Contract *u = b->unit;
    if (k == CI_STATUS) { /* `status "WORD"`: one status item, word or string */
        if (citem_twice(b, k, u->status_name || u->status_other, at)) return;
        u->status_other = v;
        u->status_span = at;
        add_citem(b, k, NULL, at);
        return;
    }
    Literal **slot = k == CI_OWNER ? &u->owner : k == CI_ID ? &u->id : k == CI_PRODUCT ? &u->product
                   : k == CI_TENANT ? &u->tenant : k == CI_CREATED ? &u->created : k == CI_USAGE ? &u->usage
                   : k == CI_LIMITATIONS ? &u->limitations : k == CI_TITLE ? &u->title : &u->contact;
    if (citem_twice(b, k, *slot != NULL, at)) return;
    *slot = v;
    add_citem(b, k, NULL, at);
}

void mb_contract_word(ModelBuilder *b, ContractItemKind k, Name *v, bool transitive, Span at)
{
    Contract *u = b->unit;
    if (k == CI_DOMAIN) {
        if (citem_twice(b, k, u->domain != NULL, at)) return;
        u->domain = v;
    } else if (k == CI_STANDARD) {
        if (citem_twice(b, k, u->standard != NULL, at)) return;
        u->standard = v;
        /* odcs is the one standard there is (sema reports any other word) */
        u->house_rules_warn = !strcmp(v->text, "odcs");
    } else if (k == CI_STATUS) {
        if (citem_twice(b, k, u->status_name || u->status_other, at)) return;
        u->status_name = v;
        u->status_span = at;
    } else {
        if (citem_twice(b, k, u->compat_name != NULL, at)) return;
        u->compat_name = v;
        u->compat_transitive = transitive;
    }
    add_citem(b, k, NULL, at);
}

void mb_standard(ModelBuilder *b, Name *v, Literal *version, Span at)
{
    bool first = b->unit->standard == NULL;
    mb_contract_word(b, CI_STANDARD, v, false, at);
    if (first) b->unit->standard_version = version;
}

void mb_tags(ModelBuilder *b, LitList *tags, Span at)
{
    if (citem_twice(b, CI_TAGS, b->unit->tags != NULL, at)) return;
    b->unit->tags = tags ? tags->first : NULL;
    add_citem(b, CI_TAGS, NULL, at);
}

void mb_link(ModelBuilder *b, Name *name, Literal *url, Literal *description, Span at)
{
    Link *l = ARENA_NEW(b->arena, Link);
    l->name = *name;
    l->name.next = NULL;
    l->url = url;
    l->description = description;
    l->span = at;
    if (b->links_last) b->links_last->next = l;
    else b->unit->links = l;
    b->links_last = l;
    add_citem(b, CI_LINK, l, at);
}

void mb_serve(ModelBuilder *b, Name *kind, Literal *address, Name *format, Span at)
{
    Serve *s = ARENA_NEW(b->arena, Serve);
    s->kind = *kind;
    s->kind.next = NULL;
    s->address = address;
    s->format = format;
    s->span = at;
    if (b->serves_last) b->serves_last->next = s;
    else b->unit->serves = s;
    b->serves_last = s;
    add_citem(b, CI_SERVE, s, at);
}

/* --- named servers -------------------------------------------------------------------------- */

Server *mb_server_begin(ModelBuilder *b, Name *name, Name *type, Span at)
{
    Server *s = ARENA_NEW(b->arena, Server);
    s->name = *name;
    s->name.next = NULL;
    s->type = *type;
    s->type.next = NULL;
    s->span = at;
    if (b->servers_last) b->servers_last->next = s;
    else b->unit->servers = s;
    b->servers_last = s;
    b->server = s;
    b->sfields_last = NULL;
    b->smeta_last = NULL;
    add_citem(b, CI_SERVER, s, at);
    return s;
}

void mb_server_field(ModelBuilder *b, Name *key, Literal *value, Span at)
{
    Server *s = b->server;
    if (!s) return;
    for (const ServerField *f = s->fields; f; f = f->next) {
        if (!strcmp(f->key.text, key->text)) {
            report_twice(b, at, f->span, arena_printf(b->arena, "server field '%s'", key->text));
            return;
        }
    }
    ServerField *f = ARENA_NEW(b->arena, ServerField);
    f->key = *key;
    f->key.next = NULL;
    f->value = value;
    f->span = at;
    if (b->sfields_last) b->sfields_last->next = f;
    else s->fields = f;
    b->sfields_last = f;
}

void mb_server_meta(ModelBuilder *b, ContractItemKind k, Literal *name, Meta *value, Span at)
{
    if (b->server) meta_item_add(b, &b->server->meta, &b->smeta_last, k, name, value, at);
}

void mb_server_end(ModelBuilder *b, Span at)
{
    if (!b->server) return;
    b->server->span = at;
    for (ContractItem *ci = b->unit->items; ci; ci = ci->next)
        if (ci->item == b->server) ci->span = at;
    b->server = NULL;
}

void mb_sla_begin(ModelBuilder *b, Span at)
{
    b->sla_skip = citem_twice(b, CI_SLA, b->unit->has_sla, at);
    if (b->sla_skip) return;
    b->unit->has_sla = true;
    b->unit->sla_span = at;
    add_citem(b, CI_SLA, NULL, at);
}

void mb_sla_end(ModelBuilder *b, Span at)
{
    if (!b->sla_skip) {
        b->unit->sla_span = at;
        for (ContractItem *ci = b->unit->items; ci; ci = ci->next)
            if (ci->kind == CI_SLA) ci->span = at;
    }
    b->sla_skip = false;
}

void mb_sla_item(ModelBuilder *b, SlaKind k, Literal *v, bool cron, Meta *extra, Span at)
{
    if (meta_too_deep(b, extra)) extra = NULL;
    if (b->sla_skip) return;
    for (SlaItem *s = b->unit->sla; s; s = s->next) {
        if (s->kind == k) {
            report_twice(b, at, s->span, arena_printf(b->arena, "service level '%s'", model_sla_name(k)));
            return;
        }
    }
    SlaItem *s = ARENA_NEW(b->arena, SlaItem);
    s->kind = k;
    s->value = v;
    s->cron = cron;
    s->extra = extra;
    s->span = at;
    if (b->sla_last) b->sla_last->next = s;
    else b->unit->sla = s;
    b->sla_last = s;
}

void mb_typedecl(ModelBuilder *b, Name *name, const char *doc, Type *type, const Attrs *attrs, Span at)
{
    TypeDecl *td = ARENA_NEW(b->arena, TypeDecl);
    td->name = *name;
    td->name.next = NULL;
    td->doc = doc_text(b, doc);
    td->type = type;
    if (attrs) td->attrs = *attrs;
    else mb_attrs_clear(&td->attrs);
    td->span = at;
    td->owner = b->unit;
    if (b->types_last) b->types_last->next = td;
    else b->unit->types = td;
    b->types_last = td;
    add_citem(b, CI_TYPE, td, at);
}

/* --- datasets ----------------------------------------------------------------------------- */

Dataset *mb_dataset_begin(ModelBuilder *b, Name *name, const char *doc, Span at)
{
    Dataset *d = ARENA_NEW(b->arena, Dataset);
    d->name = *name;
    d->name.next = NULL;
    d->doc = doc_text(b, doc);
    d->span = at;
    d->unknown_fields = UNKNOWN_REJECT;
    d->unknown_fields_span = span_none();
    d->quality_span = span_none();
    mb_attrs_clear(&d->meta);
    d->owner = b->unit;
    if (b->datasets_last) b->datasets_last->next = d;
    else b->unit->datasets = d;
    b->datasets_last = d;
    add_citem(b, CI_DATASET, d, at);
    b->ds = d;
    b->di_last = NULL;
    b->fields_last = NULL;
    b->uniques_last = NULL;
    b->rules_last = NULL;
    b->rule_new = NULL;
    b->upstream_last = NULL;
    b->quality_skip = false;
    b->quality_item = NULL;
    return d;
}

void mb_dataset_end(ModelBuilder *b, Span at)
{
    Dataset *d = b->ds;
    if (!d) return;
    d->span = at;
    for (ContractItem *ci = b->ci_last; ci; ci = ci->next) /* it is the last item */
        if (ci->item == d) ci->span = at;
    b->ds = NULL;
}

static DatasetItem *add_ditem(ModelBuilder *b, DatasetItemKind k, void *item, Span at)
{
    DatasetItem *di = ARENA_NEW(b->arena, DatasetItem);
    di->kind = k;
    di->item = item;
    di->span = at;
    if (b->di_last) b->di_last->next = di;
    else b->ds->items = di;
    b->di_last = di;
    return di;
}

static void add_rule(ModelBuilder *b, QualityRule *r);

void mb_dataset_field(ModelBuilder *b, Field *f)
{
    if (!b->ds || !f) return;
    if (b->fields_last) b->fields_last->next = f;
    else b->ds->fields = f;
    b->fields_last = f;
    add_ditem(b, DI_FIELD, f, f->span);
    mb_field_quality_join(b, f);
}

void mb_field_quality_join(ModelBuilder *b, Field *f)
{
    /* its `expect` rules become the dataset's, in order, owned by the field; a rule that leaves
     * its field out names the owner (sema checks that one naming a field names this one) */
    QualityRule *r = f->attrs->quality, *next;
    for (; r && !r->owner; r = next) {
        next = r->next;
        r->next = NULL;
        r->owner = f;
        if (!r->fields && r->kind != RULE_ROW_COUNT && r->kind != RULE_SQL) {
            r->fields = ARENA_NEW(b->arena, Name);
            *r->fields = f->name;
            r->fields->next = NULL;
        }
        add_rule(b, r); /* never inside the dataset's block: quality_item is NULL */
    }
}

void mb_key(ModelBuilder *b, DatasetItemKind k, NameList *fields, Span at)
{
    Dataset *d = b->ds;
    if (!d) return;
    if (k == DI_PRIMARY_KEY && d->primary_key) {
        report_twice(b, at, d->primary_key->span, "'primary key'");
        return;
    }
    if (k == DI_PARTITION_KEY && d->partition_key) {
        report_twice(b, at, d->partition_key->span, "'partition key'");
        return;
    }
    Key *key = ARENA_NEW(b->arena, Key);
    key->fields = fields ? fields->first : NULL;
    key->span = at;
    if (k == DI_PRIMARY_KEY) {
        d->primary_key = key;
    } else if (k == DI_PARTITION_KEY) {
        d->partition_key = key;
    } else {
        if (b->uniques_last) b->uniques_last->next = key;
        else d->uniques = key;
        b->uniques_last = key;
    }
    add_ditem(b, k, key, at);
}

void mb_key_odcs(ModelBuilder *b, NameList *words)
{
    if (b->ds && b->ds->primary_key && words) b->ds->primary_key->odcs = words->first;
}

void mb_dataset_meta(ModelBuilder *b, AttrKind k, Literal *v, Span at)
{
    if (b->ds) mb_attr_literal(b, &b->ds->meta, k, v, at);
}

void mb_dataset_extra(ModelBuilder *b, Meta *m, Span at)
{
    if (b->ds) mb_attr_extra(b, &b->ds->meta, m, at);
}

void mb_unknown_fields(ModelBuilder *b, Name *policy, Span at)
{
    Dataset *d = b->ds;
    if (!d) return;
    if (given(d->unknown_fields_span)) {
        report_twice(b, at, d->unknown_fields_span, "'unknown fields'");
        return;
    }
    d->unknown_fields_span = at;
    d->unknown_fields_name = policy;
    add_ditem(b, DI_UNKNOWN_FIELDS, NULL, at);
}

void mb_upstream(ModelBuilder *b, QualName *name, Literal *external, Span at)
{
    if (!b->ds) return;
    Upstream *up = ARENA_NEW(b->arena, Upstream);
    up->name = name;
    up->external = external;
    up->span = at;
    if (b->upstream_last) b->upstream_last->next = up;
    else b->ds->upstream = up;
    b->upstream_last = up;
    add_ditem(b, DI_UPSTREAM, up, at);
}

void mb_quality_begin(ModelBuilder *b, Span at)
{
    Dataset *d = b->ds;
    b->quality_item = NULL;
    b->quality_skip = true;
    if (!d) return;
    if (given(d->quality_span)) {
        report_twice(b, at, d->quality_span, "'quality' block");
        return;
    }
    b->quality_skip = false;
    d->quality_span = at;
    b->quality_item = add_ditem(b, DI_QUALITY, NULL, at);
}

void mb_quality_end(ModelBuilder *b, Span at)
{
    if (!b->quality_skip && b->ds) {
        b->ds->quality_span = at;
        if (b->quality_item) b->quality_item->span = at;
    }
    b->quality_skip = false;
    b->quality_item = NULL;
}

void mb_field_quality_begin(ModelBuilder *b, Attrs *a, Span at)
{
    if (given(a->quality_span)) report_twice(b, at, a->quality_span, "'expect' block");
    else a->quality_span = at;
    b->fq = a;
    b->fq_last = NULL;
    for (QualityRule *r = a->quality; r; r = r->next) b->fq_last = r; /* after a second block */
}

void mb_field_quality_end(ModelBuilder *b, Span at)
{
    (void)at;
    b->fq = NULL;
    b->fq_last = NULL;
}

static void add_rule(ModelBuilder *b, QualityRule *r)
{
    b->rule_new = r;
    if (b->fq) {
        if (b->fq_last) b->fq_last->next = r;
        else b->fq->quality = r;
        b->fq_last = r;
        return;
    }
    if (b->rules_last) b->rules_last->next = r;
    else b->ds->quality = r;
    b->rules_last = r;
    if (b->quality_item && !b->quality_item->item) b->quality_item->item = r;
}

void mb_rule(ModelBuilder *b, RuleKind k, Name *field, Literal *sql, CmpOp op, Literal *value, Span at)
{
    b->rule_new = NULL;
    if (!b->fq && (b->quality_skip || !b->ds)) return;
    QualityRule *r = ARENA_NEW(b->arena, QualityRule);
    r->kind = k;
    r->op = op;
    r->fields = field;
    r->sql = sql;
    r->value = value;
    r->span = at;
    add_rule(b, r);
}

void mb_rule_between(ModelBuilder *b, RuleKind k, Name *field, Literal *sql, CmpOp op, Literal *lo, Literal *hi,
                     Span at)
{
    mb_rule(b, k, field, sql, op, lo, at);
    if (b->fq) {
        if (b->fq_last) b->fq_last->value_hi = hi;
        return;
    }
    if (b->quality_skip || !b->ds || !b->rules_last) return;
    b->rules_last->value_hi = hi;
}

void mb_rule_unique(ModelBuilder *b, NameList *fields, Span at)
{
    b->rule_new = NULL;
    if (!b->fq && (b->quality_skip || !b->ds)) return;
    QualityRule *r = ARENA_NEW(b->arena, QualityRule);
    r->kind = RULE_UNIQUE;
    r->op = CMP_EQ;
    r->fields = fields ? fields->first : NULL;
    r->span = at;
    add_rule(b, r);
}

void mb_rule_values(ModelBuilder *b, Literal *values)
{
    if (b->rule_new) b->rule_new->values = values;
}

void mb_rule_extra(ModelBuilder *b, Meta *m, Span at)
{
    if (!b->rule_new) return;
    b->rule_new->extra = m;
    b->rule_new->extra_span = at;
    b->rule_new = NULL;
}

/* --- metadata values ------------------------------------------------------------------------ */

Meta *mb_meta_scalar(ModelBuilder *b, MetaKind k, const char *text, uint32_t len, Span at)
{
    Meta *m = ARENA_NEW(b->arena, Meta);
    m->kind = k;
    m->text = text;
    m->len = len;
    m->span = at;
    if (k == META_NUMBER && text) { /* as for literals: 007 is 7 (JSON and YAML 1.2 readers refuse 007) */
        m->text = num_plain_text(b->arena, text);
        m->len = (uint32_t)strlen(m->text);
    }
    return m;
}

MetaList *mb_meta_list(ModelBuilder *b, MetaList *l, Meta *m)
{
    if (!l) l = ARENA_NEW(b->arena, MetaList);
    if (!m) return l;
    if (l->last) l->last->next = m;
    else l->first = m;
    l->last = m;
    l->n++;
    return l;
}

Meta *mb_meta_entry(ModelBuilder *b, const char *key, Span key_at, Meta *value)
{
    (void)b;
    if (value) {
        value->key = key;
        value->key_span = key_at;
    }
    return value;
}

Meta *mb_meta_container(ModelBuilder *b, MetaKind k, MetaList *items, Span at)
{
    Meta *m = mb_meta_scalar(b, k, NULL, 0, at);
    if (!items) return m;
    /* A key given twice in a map: DC0202 at the second, which is dropped (readers of JSON and
     * YAML disagree on which one wins, so neither is kept silently). */
    Meta *kept = NULL, *last = NULL;
    for (Meta *e = items->first, *next; e; e = next) {
        next = e->next;
        e->next = NULL;
        const Meta *first = NULL;
        for (const Meta *x = kept; k == META_MAP && x && !first; x = x->next)
            if (!strcmp(x->key, e->key)) first = x;
        if (first) {
            report_twice(b, e->key_span, first->key_span, arena_printf(b->arena, "key '%s'", e->key));
            continue;
        }
        if (last) last->next = e;
        else kept = e;
        last = e;
        m->count++;
    }
    m->items = kept;
    return m;
}

/* How deeply m nests, counting no further than limit + 1. */
static unsigned meta_depth(const Meta *m, unsigned limit)
{
    if (!m || (m->kind != META_LIST && m->kind != META_MAP)) return 0;
    if (!limit) return 1;
    unsigned d = 0;
    for (const Meta *e = m->items; e; e = e->next) {
        unsigned x = meta_depth(e, limit - 1);
        if (x > d) d = x;
    }
    return d + 1;
}

/* True (after DC0201) when m nests deeper than metadata values may. */
static bool meta_too_deep(ModelBuilder *b, const Meta *m)
{
    if (!m || meta_depth(m, MB_MAX_META_DEPTH) <= MB_MAX_META_DEPTH) return false;
    diag_report(b->diags, D_NESTING_TOO_DEEP, m->span, "nesting too deep: metadata values nest at most %d levels",
                MB_MAX_META_DEPTH);
    return true;
}

/* A MetaItem appended to the list whose head is *head and tail *last; NULL when value is too deep. */
static MetaItem *meta_item_add(ModelBuilder *b, MetaItem **head, MetaItem **last, ContractItemKind k, Literal *name,
                               Meta *value, Span at)
{
    if (meta_too_deep(b, value)) return NULL;
    MetaItem *mi = ARENA_NEW(b->arena, MetaItem);
    mi->kind = k;
    mi->name = name;
    mi->value = value;
    mi->span = at;
    if (*last) (*last)->next = mi;
    else *head = mi;
    *last = mi;
    return mi;
}

void mb_meta_item(ModelBuilder *b, ContractItemKind k, Literal *name, Meta *value, Span at)
{
    Contract *u = b->unit;
    if (k == CI_TEAM || k == CI_PRICE || k == CI_DESCRIPTION) {
        bool given = false;
        for (const MetaItem *x = u->meta; x; x = x->next) given |= x->kind == k;
        if (citem_twice(b, k, given, at)) return;
    }
    MetaItem *mi = meta_item_add(b, &u->meta, &b->meta_last, k, name, value, at);
    if (mi) add_citem(b, k, mi, at);
}

void mb_custom(ModelBuilder *b, Literal *name, Meta *value, Meta *extra, Span at)
{
    if (extra && meta_too_deep(b, extra)) return;
    MetaItem *mi = meta_item_add(b, &b->unit->meta, &b->meta_last, CI_CUSTOM, name, value, at);
    if (!mi) return;
    mi->extra = extra;
    add_citem(b, CI_CUSTOM, mi, at);
}

void mb_sla_property(ModelBuilder *b, Literal *name, Meta *value, Span at)
{
    if (!b->sla_skip) meta_item_add(b, &b->unit->sla_props, &b->sla_props_last, CI_SLA, name, value, at);
}
