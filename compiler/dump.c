/* dump.c - the canonical model dump behind `dcc fmt --dump` (see dump.h).
 *
 * Pretty-printed JSON, one member per line, members in a fixed order and lists in model (source)
 * order, so that two dumps diff readably. Members that were not given are left out rather than
 * printed as null, except where "absent" is itself worth seeing (doc, alias). */
#include "dump.h"

#include <stdio.h>
#include <string.h>

/* A JSON writer that needs no stack: `first` says whether the innermost open container is
 * still empty, and closing a container makes its parent non-empty. */
typedef struct {
    StrBuf *out;
    unsigned depth;
    bool first;
} Dump;

static void d_newline(Dump *d)
{
    sb_putc(d->out, '\n');
    sb_indent(d->out, 2 * d->depth);
}

static void d_open(Dump *d, char c)
{
    sb_putc(d->out, c);
    d->depth++;
    d->first = true;
}

static void d_close(Dump *d, char c)
{
    d->depth--;
    if (!d->first) d_newline(d);
    sb_putc(d->out, c);
    d->first = false;
}

/* Starts an array element. */
static void d_elem(Dump *d)
{
    if (!d->first) sb_putc(d->out, ',');
    d_newline(d);
    d->first = false;
}

/* Starts an object member. */
static void d_key(Dump *d, const char *key)
{
    d_elem(d);
    sb_printf(d->out, "\"%s\": ", key);
}

static void d_str_n(Dump *d, const char *s, size_t n)
{
    if (!s) {
        sb_puts(d->out, "null");
        return;
    }
    sb_putc(d->out, '"');
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if (ch == '"' || ch == '\\') {
            sb_putc(d->out, '\\');
            sb_putc(d->out, (char)ch);
        } else if (ch < 0x20 || ch == 0x7f) {
            sb_printf(d->out, "\\u%04x", ch);
        } else {
            sb_putc(d->out, (char)ch);
        }
    }
    sb_putc(d->out, '"');
}

static void d_str(Dump *d, const char *s) { d_str_n(d, s, s ? strlen(s) : 0); }

static void d_kv_str(Dump *d, const char *key, const char *s)
{
    d_key(d, key);
    d_str(d, s);
}

static void d_kv_bool(Dump *d, const char *key, bool v)
{
    d_key(d, key);
    sb_puts(d->out, v ? "true" : "false");
}

static const char *lit_kind_name(LitKind k)
{
    switch (k) {
    case LIT_STRING: return "string";
    case LIT_NUMBER: return "number";
    case LIT_BOOL: return "bool";
    case LIT_NULL: return "null";
    case LIT_IDENT: return "ident";
    }
    return "?";
}

/* A literal's length: `len` when set; hand-built literals may leave it 0. */
static size_t lit_len(const Literal *l)
{
    if (!l->text) return 0;
    return l->len ? l->len : strlen(l->text);
}

/* A literal prints as ["kind", "text"]: compact, and the kind keeps "1" apart from 1. */
static void d_lit(Dump *d, const Literal *l)
{
    if (!l) {
        sb_puts(d->out, "null");
        return;
    }
    sb_printf(d->out, "[\"%s\", ", lit_kind_name(l->kind));
    d_str_n(d, l->text ? l->text : "", lit_len(l));
    sb_putc(d->out, ']');
}

static void d_kv_lit(Dump *d, const char *key, const Literal *l)
{
    d_key(d, key);
    d_lit(d, l);
}

static void d_lit_list(Dump *d, const Literal *l)
{
    d_open(d, '[');
    for (; l; l = l->next) {
        d_elem(d);
        d_lit(d, l);
    }
    d_close(d, ']');
}

static void d_names(Dump *d, const Name *n)
{
    d_open(d, '[');
    for (; n; n = n->next) {
        d_elem(d);
        d_str(d, n->text);
    }
    d_close(d, ']');
}

static void d_qual(Dump *d, const QualName *q)
{
    if (!q) {
        sb_puts(d->out, "null");
        return;
    }
    /* The parts, not just `text`: a builder that joined them wrongly should show up. */
    d_names(d, q->parts);
}

static void d_interval(Dump *d, const Interval *iv)
{
    d_open(d, '{');
    d_kv_bool(d, "lo_inclusive", iv->lo_inclusive);
    d_kv_lit(d, "lo", iv->lo);
    d_kv_lit(d, "hi", iv->hi);
    d_kv_bool(d, "hi_inclusive", iv->hi_inclusive);
    d_close(d, '}');
}

static void d_fields(Dump *d, const Field *f);

static void d_type(Dump *d, const Type *t)
{
    if (!t) {
        sb_puts(d->out, "null");
        return;
    }
    d_open(d, '{');
    d_kv_str(d, "kind", model_type_kind_name(t->kind));
    if (t->written) d_kv_str(d, "written", t->written);
    if (t->args) {
        d_key(d, "args");
        d_lit_list(d, t->args);
    }
    switch (t->kind) {
    case TY_DECIMAL:
        if (t->u.decimal.precision) d_kv_lit(d, "precision", t->u.decimal.precision);
        if (t->u.decimal.scale) d_kv_lit(d, "scale", t->u.decimal.scale);
        break;
    case TY_STRING:
        if (t->u.string.max) d_kv_lit(d, "max", t->u.string.max);
        break;
    case TY_ENUM:
        d_key(d, "values");
        d_open(d, '[');
        for (const EnumValue *v = t->u.enumeration.values; v; v = v->next) {
            d_elem(d);
            d_str(d, v->name);
        }
        d_close(d, ']');
        break;
    case TY_LIST:
        d_key(d, "elem");
        d_type(d, t->u.list.elem);
        break;
    case TY_MAP:
        d_kv_str(d, "key", t->u.map.key ? t->u.map.key->text : NULL);
        d_key(d, "value");
        d_type(d, t->u.map.value);
        break;
    case TY_STRUCT:
        d_key(d, "fields");
        d_fields(d, t->u.strct.fields);
        break;
    case TY_NAMED:
        d_key(d, "name");
        d_qual(d, &t->u.named.name);
        break;
    default:
        break;
    }
    d_close(d, '}');
}

static void d_meta(Dump *d, const Meta *m);

static void d_attrs(Dump *d, const Attrs *a)
{
    d_open(d, '{');
    if (a->unique) d_kv_bool(d, "unique", true);
    if (a->default_value) d_kv_lit(d, "default", a->default_value);
    if (a->range) {
        d_key(d, "range");
        d_interval(d, a->range);
    }
    if (a->length) {
        d_key(d, "length");
        d_interval(d, a->length);
    }
    if (a->pattern) d_kv_lit(d, "pattern", a->pattern);
    if (a->values) {
        d_key(d, "values");
        d_lit_list(d, a->values);
    }
    if (a->values && a->value_notes) { /* what values say beside the value: [{value, meta}] */
        d_key(d, "value_notes");
        d_open(d, '[');
        for (const ValueNote *n = a->value_notes; n; n = n->next) {
            d_elem(d);
            d_open(d, '{');
            d_kv_lit(d, "value", n->value);
            d_key(d, "meta");
            d_meta(d, n->extra);
            d_close(d, '}');
        }
        d_close(d, ']');
    }
    if (a->references) {
        d_key(d, "references");
        d_qual(d, a->references);
    }
    if (a->references && a->references_extra) {
        d_key(d, "references_meta");
        d_meta(d, a->references_extra);
    }
    if (a->unit) d_kv_lit(d, "unit", a->unit);
    if (a->term) d_kv_lit(d, "term", a->term);
    if (a->classification_name) d_kv_str(d, "classification", a->classification_name->text);
    if (a->pii) d_kv_str(d, "pii", a->pii->text);
    if (a->deprecated) d_kv_bool(d, "deprecated", true);
    if (a->sunset) d_kv_lit(d, "sunset", a->sunset);
    if (a->deprecation_reason) d_kv_lit(d, "deprecation_reason", a->deprecation_reason);
    /* ODCS element metadata (issue 14) */
    if (a->id) d_kv_lit(d, "id", a->id);
    if (a->business_name) d_kv_lit(d, "business_name", a->business_name);
    if (a->physical_name) d_kv_lit(d, "physical_name", a->physical_name);
    if (a->physical_type) d_kv_lit(d, "physical_type", a->physical_type);
    if (a->encrypted_name) d_kv_lit(d, "encrypted_name", a->encrypted_name);
    if (a->examples) {
        d_key(d, "examples");
        d_lit_list(d, a->examples);
    }
    if (a->critical) d_kv_bool(d, "critical", true);
    if (a->extra) {
        d_key(d, "meta");
        d_meta(d, a->extra);
    }
    d_close(d, '}');
}

static void d_fields(Dump *d, const Field *f)
{
    d_open(d, '[');
    for (; f; f = f->next) {
        d_elem(d);
        d_open(d, '{');
        d_kv_str(d, "name", f->name.text);
        d_kv_str(d, "doc", f->doc);
        d_key(d, "type");
        d_type(d, f->type);
        d_kv_bool(d, "optional", f->optional);
        d_key(d, "attrs");
        d_attrs(d, f->attrs);
        d_close(d, '}');
    }
    d_close(d, ']');
}

static void d_rule(Dump *d, const QualityRule *r)
{
    d_open(d, '{');
    d_kv_str(d, "kind", model_rule_name(r->kind));
    if (r->owner) d_kv_str(d, "in_field", r->owner->name.text); /* written in its `expect` block */
    d_key(d, "fields");
    d_names(d, r->fields);
    if (r->sql) d_kv_lit(d, "sql", r->sql);
    if (r->kind != RULE_UNIQUE) {
        d_kv_str(d, "op", model_cmp_name(r->op));
        d_kv_lit(d, "value", r->value);
        if (r->value_hi) d_kv_lit(d, "value_hi", r->value_hi);
    }
    if (RULE_HAS_VALUES(r->kind)) {
        d_key(d, "values");
        d_lit_list(d, r->values);
    }
    if (r->extra) {
        d_key(d, "meta");
        d_meta(d, r->extra);
    }
    d_close(d, '}');
}

static void d_dataset(Dump *d, const Dataset *ds)
{
    d_open(d, '{');
    d_kv_str(d, "name", ds->name.text);
    d_kv_str(d, "doc", ds->doc);
    d_key(d, "items");
    d_open(d, '[');
    for (const DatasetItem *it = ds->items; it; it = it->next) {
        d_elem(d);
        d_str(d, model_ditem_name(it->kind));
    }
    d_close(d, ']');
    if (ds->primary_key) {
        d_key(d, "primary_key");
        d_names(d, ds->primary_key->fields);
        /* as written (the dump is of the model before sema), in canonical order; only when
         * given, so that other dumps stay as they were */
        if (ds->primary_key->odcs) {
            d_key(d, "primary_key_odcs");
            d_open(d, '[');
            for (unsigned i = 0; i < KEY_ODCS_COUNT; i++) {
                if (!model_key_odcs_says(ds->primary_key, (KeyOdcsWord)i)) continue;
                d_elem(d);
                d_str(d, model_kw_key_odcs.words[i]);
            }
            d_close(d, ']');
        }
    }
    if (ds->partition_key) {
        d_key(d, "partition_key");
        d_names(d, ds->partition_key->fields);
    }
    if (ds->meta.id || ds->meta.business_name || ds->meta.physical_name || ds->meta.physical_type || ds->meta.extra) {
        d_key(d, "meta");
        d_attrs(d, &ds->meta);
    }
    d_key(d, "uniques");
    d_open(d, '[');
    for (const Key *k = ds->uniques; k; k = k->next) {
        d_elem(d);
        d_names(d, k->fields);
    }
    d_close(d, ']');
    d_kv_str(d, "unknown_fields", ds->unknown_fields_name ? ds->unknown_fields_name->text
                                                          : model_unknown_policy_name(UNKNOWN_REJECT));
    d_key(d, "fields");
    d_fields(d, ds->fields);
    d_key(d, "quality");
    d_open(d, '[');
    for (const QualityRule *r = ds->quality; r; r = r->next) {
        d_elem(d);
        d_rule(d, r);
    }
    d_close(d, ']');
    d_key(d, "upstream");
    d_open(d, '[');
    for (const Upstream *u = ds->upstream; u; u = u->next) {
        d_elem(d);
        if (u->name) d_qual(d, u->name);
        else d_lit(d, u->external);
    }
    d_close(d, ']');
    d_close(d, '}');
}

/* A metadata value as the JSON it stands for: numbers as written (the language's numbers are
 * JSON numbers), map entries in the order written. */
static void d_meta(Dump *d, const Meta *m)
{
    switch (m->kind) {
    case META_STRING: d_str_n(d, m->text, m->len); return;
    case META_LIST:
    case META_MAP:
        d_open(d, m->kind == META_LIST ? '[' : '{');
        for (const Meta *e = m->items; e; e = e->next) {
            if (m->kind == META_MAP) {
                d_elem(d);
                d_str(d, e->key);
                sb_puts(d->out, ": ");
            } else {
                d_elem(d);
            }
            d_meta(d, e);
        }
        d_close(d, m->kind == META_LIST ? ']' : '}');
        return;
    default: sb_put(d->out, m->text, m->len); return;
    }
}

/* Product metadata, left out when none is given so that older dumps keep their shape. */
static void d_meta_items(Dump *d, const char *key, const MetaItem *items);

static void d_product_meta(Dump *d, const Contract *c)
{
    if (c->standard) d_kv_str(d, "standard", c->standard->text);
    if (c->standard_version) d_kv_lit(d, "standard_version", c->standard_version);
    static const char *const names[] = {"title", "id", "product", "tenant", "created", "usage", "limitations"};
    const Literal *lits[] = {c->title, c->id, c->product, c->tenant, c->created, c->usage, c->limitations};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (lits[i]) d_kv_lit(d, names[i], lits[i]);
    if (c->meta) d_meta_items(d, "metadata", c->meta);
}

/* The shape the lists below share (links, serves, servers, SLA items, metadata): `"key": [`,
 * then objects, each opened by d_obj_elem and closed with d_close(d, '}'), and d_close(d, ']'). */
static void d_list(Dump *d, const char *key)
{
    d_key(d, key);
    d_open(d, '[');
}

static void d_obj_elem(Dump *d)
{
    d_elem(d);
    d_open(d, '{');
}

/* A list of metadata items (the product's, a server's roles and custom properties). */
static void d_meta_items(Dump *d, const char *key, const MetaItem *items)
{
    d_list(d, key);
    for (const MetaItem *mi = items; mi; mi = mi->next) {
        d_obj_elem(d);
        d_kv_str(d, "item", model_citem_name(mi->kind));
        if (mi->name) d_kv_lit(d, "name", mi->name);
        if (mi->value) {
            d_key(d, "value");
            d_meta(d, mi->value);
        }
        if (mi->extra) {
            d_key(d, "meta");
            d_meta(d, mi->extra);
        }
        d_close(d, '}');
    }
    d_close(d, ']');
}

static void d_contract_items(Dump *d, const Contract *c)
{
    d_list(d, "items");
    for (const ContractItem *it = c->items; it; it = it->next) {
        d_elem(d);
        d_str(d, model_citem_name(it->kind));
    }
    d_close(d, ']');
    if (c->owner) d_kv_lit(d, "owner", c->owner);
    if (c->contact) d_kv_lit(d, "contact", c->contact);
    if (c->domain) d_kv_str(d, "domain", c->domain->text);
    d_product_meta(d, c);
    if (c->status_name) d_kv_str(d, "status", c->status_name->text);
    if (c->status_other) d_kv_lit(d, "status", c->status_other);
    if (c->tags) {
        d_key(d, "tags");
        d_lit_list(d, c->tags);
    }
    d_list(d, "links");
    for (const Link *l = c->links; l; l = l->next) {
        d_obj_elem(d);
        d_kv_str(d, "name", l->name.text);
        d_kv_lit(d, "url", l->url);
        if (l->description) d_kv_lit(d, "description", l->description);
        d_close(d, '}');
    }
    d_close(d, ']');
    if (c->compat_name) {
        d_kv_str(d, "compatibility", c->compat_name->text);
        d_kv_bool(d, "transitive", c->compat_transitive);
    }
    d_list(d, "serves");
    for (const Serve *s = c->serves; s; s = s->next) {
        d_obj_elem(d);
        d_kv_str(d, "kind", s->kind.text);
        d_kv_lit(d, "address", s->address);
        if (s->format) d_kv_str(d, "format", s->format->text);
        d_close(d, '}');
    }
    d_close(d, ']');
    if (c->servers) {
        d_list(d, "servers");
        for (const Server *s = c->servers; s; s = s->next) {
            d_obj_elem(d);
            d_kv_str(d, "name", s->name.text);
            d_kv_str(d, "type", s->type.text);
            d_key(d, "fields");
            d_open(d, '{');
            for (const ServerField *f = s->fields; f; f = f->next) d_kv_lit(d, f->key.text, f->value);
            d_close(d, '}');
            if (s->meta) d_meta_items(d, "metadata", s->meta);
            d_close(d, '}');
        }
        d_close(d, ']');
    }
    if (c->sla_props) {
        d_list(d, "sla_properties");
        for (const MetaItem *p = c->sla_props; p; p = p->next) {
            d_obj_elem(d);
            d_kv_lit(d, "name", p->name);
            d_key(d, "value");
            d_meta(d, p->value);
            d_close(d, '}');
        }
        d_close(d, ']');
    }
    if (c->has_sla || c->sla) {
        d_list(d, "sla");
        for (const SlaItem *s = c->sla; s; s = s->next) {
            d_obj_elem(d);
            d_kv_str(d, "kind", model_sla_name(s->kind));
            if (s->cron) d_kv_bool(d, "cron", true);
            d_kv_lit(d, "value", s->value);
            if (s->extra) {
                d_key(d, "extra");
                d_meta(d, s->extra);
            }
            d_close(d, '}');
        }
        d_close(d, ']');
    }
}

void dump_unit(StrBuf *out, const Contract *c)
{
    Dump d = {out, 0, true};
    if (!c) {
        sb_puts(out, "null\n");
        return;
    }
    d_open(&d, '{');
    d_kv_str(&d, "kind", c->kind == UNIT_LIBRARY ? "library" : "contract");
    d_key(&d, "name");
    d_qual(&d, &c->name);
    d_kv_lit(&d, "version", c->version);
    d_kv_str(&d, "doc", c->doc);
    d_key(&d, "imports");
    d_open(&d, '[');
    for (const Import *im = c->imports; im; im = im->next) {
        d_elem(&d);
        d_open(&d, '{');
        d_kv_lit(&d, "path", im->path);
        d_kv_str(&d, "alias", im->alias ? im->alias->text : NULL);
        d_close(&d, '}');
    }
    d_close(&d, ']');
    d_contract_items(&d, c);
    d_key(&d, "types");
    d_open(&d, '[');
    for (const TypeDecl *t = c->types; t; t = t->next) {
        d_elem(&d);
        d_open(&d, '{');
        d_kv_str(&d, "name", t->name.text);
        d_kv_str(&d, "doc", t->doc);
        d_key(&d, "type");
        d_type(&d, t->type);
        d_key(&d, "attrs");
        d_attrs(&d, &t->attrs);
        d_close(&d, '}');
    }
    d_close(&d, ']');
    d_key(&d, "datasets");
    d_open(&d, '[');
    for (const Dataset *ds = c->datasets; ds; ds = ds->next) {
        d_elem(&d);
        d_dataset(&d, ds);
    }
    d_close(&d, ']');
    d_close(&d, '}');
    sb_putc(out, '\n');
}
