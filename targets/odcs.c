/* odcs.c - the ODCS target: one Open Data Contract Standard v3.1.0 YAML document per contract
 * and library (<stem>.odcs.yaml, side by side: imports name the sibling files), written with
 * libyaml's emitter.
 *
 * Every dataset becomes a schema object and every field a property with its logicalType, the
 * options ODCS has for it, and a physicalType (PostgreSQL's spelling), because other tools map
 * types by physicalType (datacontract-cli ignores an integer's `format`). Quality rules become
 * library and sql checks, service levels slaProperties, outputs servers. What ODCS cannot say is
 * kept as customProperties named `dcc...` so that nothing is silently dropped; docs/odcs.md has
 * the table, both ways. The output is valid against the official JSON Schema of the apiVersion
 * it says: v3.1.0, v3.2.0 for content only v3.2.0 has, or the version the contract keeps
 * (`standard odcs "v3.0.2"`) when the content is valid in it (tests/odcs/run.sh checks it with
 * ajv). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <yaml.h>

#include "num.h"
#include "odcs_read.h"
#include "target.h"
#include "odcs_schema.h"
#include "ytree.h"

typedef struct {
    TargetCtx *ctx;
    yaml_emitter_t em;
    StrBuf *out;
    bool failed;
    /* the contract follows ODCS (`standard odcs`, as every contract read from ODCS does): it gets
     * the physicalTypes it says and no others, as an ODCS file says them only where it wants to;
     * a contract with dcc's house rules gets one on every property (other tools map types by it) */
    bool standard;
    /* The oldest ODCS version that takes what was written: the constructs of dcc's own writing
     * that v3.0 lacks or spells otherwise mark it (since), what `meta` carries is found first
     * (content_version). The first of odcs_unit's two passes finds it, the second writes it. */
    OdcsVersion needs;
    const char *api; /* the apiVersion to write */
    const Contract *c; /* the contract being written: its own named types are kept by name */
} Yw;

static void since(Yw *w, OdcsVersion v)
{
    if (v > w->needs) w->needs = v;
}

static int write_out(void *data, unsigned char *buffer, size_t size)
{
    sb_put(((Yw *)data)->out, (const char *)buffer, size);
    return 1;
}

static void emit(Yw *w, yaml_event_t *ev)
{
    if (w->failed) {
        yaml_event_delete(ev);
        return;
    }
    if (!yaml_emitter_emit(&w->em, ev)) w->failed = true;
}

static void map_begin(Yw *w)
{
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_MAPPING_STYLE);
    emit(w, &ev);
}

static void map_end(Yw *w)
{
    yaml_event_t ev;
    yaml_mapping_end_event_initialize(&ev);
    emit(w, &ev);
}

static void seq_begin(Yw *w)
{
    yaml_event_t ev;
    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1, YAML_BLOCK_SEQUENCE_STYLE);
    emit(w, &ev);
}

static void seq_end(Yw *w)
{
    yaml_event_t ev;
    yaml_sequence_end_event_initialize(&ev);
    emit(w, &ev);
}

/* A string: plain when YAML reads it back as the same string, else double-quoted. */
static void str_n(Yw *w, const char *s, size_t n)
{
    yaml_event_t ev;
    yaml_scalar_style_t style = ytree_plain_kind(s, n) == YN_STR ? YAML_ANY_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n, 1, 1, style);
    emit(w, &ev);
}

static void str(Yw *w, const char *s) { str_n(w, s, strlen(s)); }

/* A number, boolean or null: plain, as written in the contract. */
static void plain(Yw *w, const char *s)
{
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)strlen(s), 1, 0, YAML_PLAIN_SCALAR_STYLE);
    emit(w, &ev);
}

static void kv(Yw *w, const char *k, const char *v)
{
    str(w, k);
    str(w, v);
}

static void kv_plain(Yw *w, const char *k, const char *v)
{
    str(w, k);
    plain(w, v);
}

/* A literal as a YAML value: strings as strings, numbers and booleans plain. */
static void lit(Yw *w, const Literal *l)
{
    if (l->kind == LIT_STRING) str_n(w, l->text, l->len);
    else if (l->kind == LIT_IDENT) str(w, l->text);
    else plain(w, l->text);
}

/* One `customProperties` entry (the caller opened the list). */
static void custom(Yw *w, const char *property, const char *value)
{
    map_begin(w);
    kv(w, "property", property);
    kv(w, "value", value);
    map_end(w);
}

/* The same with a plain scalar value (`true`, a number), not quoted. */
static void custom_plain(Yw *w, const char *property, const char *value)
{
    map_begin(w);
    kv(w, "property", property);
    kv_plain(w, "value", value);
    map_end(w);
}

/* A custom property whose value is a list: the caller writes the items between the two. */
static void custom_list_begin(Yw *w, const char *property)
{
    map_begin(w);
    kv(w, "property", property);
    str(w, "value");
    seq_begin(w);
}

static void custom_list_end(Yw *w)
{
    seq_end(w);
    map_end(w);
}

/* --- types ---------------------------------------------------------------------------------- */

static void type_of(Yw *w, const Type *t, const Attrs *a, const char *physical, const Meta *more, bool field);
static const Meta *meta_get(const Meta *m, const char *key);
static void meta(Yw *w, const Meta *m);
/* the entries of a META_MAP (nothing for NULL or another kind), each key then its value */
static void meta_entries(Yw *w, const Meta *m);
static void element_rest(Yw *w, const Meta *m);

static void properties(Yw *w, const Field *fields, const Dataset *ds);
static void rule(Yw *w, const QualityRule *r, bool on_prop, unsigned place);

/* What ODCS v3.1 has no word for in a type (enumerations, maps) or an attribute (allowed
 * values, pii, unit, term, deprecation, default), as `dcc...` custom properties of the property
 * or item; odcs_read.c reads them back. */
static void type_customs(Yw *w, const Type *rt, const Attrs *a);
static bool has_type_customs(const Yw *w, const Type *rt, const Attrs *a);
static const TypeDecl *own_decl(const Yw *w, const Type *t);
static void type_name_custom(Yw *w, const Type *t);

/* A map in a contract that follows ODCS is v3.2.0's `logicalType: map` with its `map` block, as
 * an ODCS file says it; with house rules, or with a length (v3.2.0's map has no options), it is
 * v3.1.0's object with the custom property dccMapValue. */
static bool map_v32(bool standard, const Type *rt, const Attrs *a)
{
    return standard && rt->kind == TY_MAP && !(a && a->length);
}

/* A timestamp bound (RFC 3339, as the language writes it) spelt the way the property's carried
 * `format` (meta's logicalTypeOptions) says its values are written, so that a file's
 * "2020-01-01 00:00:00" under "yyyy-MM-dd HH:mm:ss" goes back as it came rather than as
 * "2020-01-01T00:00:00Z", which no longer matches the format it sits beside: the text between
 * the pattern's day and hour (quotes removed: a space or 'T', which the reader reads) in place
 * of 'T', and, when the pattern has no zone
 * letter (X, x, Z, z, O, V) and the values' zone is UTC (no defaultTimezone, or UTC), no 'Z' on
 * a bound that has it (the reader gives an offset-less bound UTC's 'Z' again: the same instant). Any
 * other bound, and every bound without a format, is written as dcc has it. Spelling only: dcc
 * neither checks data against the format nor reads bounds by it. */
static const char *spelt_bound(Arena *a, const char *text, const Meta *opts)
{
    const Meta *f = meta_get(opts, "format"), *tz = meta_get(opts, "defaultTimezone");
    size_t n = strlen(text);
    if (!f || f->kind != META_STRING || n < 20 || text[10] != 'T' || text[4] != '-') return text;
    const char *day = strstr(f->text, "dd"), *hour = day ? strpbrk(day + 2, "Hh") : NULL;
    if (!day || !hour) return text;
    char sep = 0; /* one space or 'T', which the reader reads back (the text between, quotes removed) */
    for (const char *c = day + 2; c < hour; c++)
        if (*c != '\'') {
            if (sep) return text;
            sep = *c;
        }
    if (sep != ' ' && sep != 'T') return text;
    bool zone = false, quoted = false;
    for (const char *c = f->text; *c; c++) {
        if (*c == '\'') quoted = !quoted;
        else if (!quoted && strchr("XxZzOV", *c)) zone = true;
    }
    bool utc_values = !tz || (tz->kind == META_STRING && (!strcmp(tz->text, "Etc/UTC") || !strcmp(tz->text, "UTC")));
    size_t keep = n;
    if (!zone && utc_values) {
        if (text[n - 1] != 'Z') return text; /* +00:00 would come back as Z; another offset the format cannot say */
        keep = n - 1;
    }
    char *r = arena_strndup(a, text, keep);
    r[10] = sep;
    return r;
}

/* Allowed values as v3.2.0's `enum` list of objects (`{value, label, description, ...}`), as an
 * ODCS file says them, in a contract that follows ODCS or when a value says more than itself (a
 * label, a description, ...: `values ("US" { label: ... })`); with house rules and bare values
 * they stay v3.1.0's custom property dccValues. */
static bool enum_v32(bool standard, const Attrs *a)
{
    return a && a->values && (standard || a->value_notes);
}

/* `enum`: each value, then what its note says */
static void enum_list(Yw *w, const Attrs *a)
{
    since(w, ODCS_V32);
    str(w, "enum");
    seq_begin(w);
    const ValueNote *n = a->value_notes;
    for (const Literal *v = a->values; v; v = v->next) {
        map_begin(w);
        str(w, "value");
        lit(w, v);
        if (n && n->value == v) { /* what its note says, as written */
            meta_entries(w, n->extra);
            n = n->next;
        }
        map_end(w);
    }
    seq_end(w);
}

/* logicalType, its options and physicalType for a resolved type; `physical` is the field's own
 * `physical type`, else dcc's (odcs_default_physical_type), which a contract that follows ODCS
 * gets only where the type is read back by it (odcs_physical_says_type). `more` is the element's
 * meta (a field's, or its entry for a list's items or a map's value): its logicalTypeOptions are
 * written after dcc's own options, its physicalType where the element has no `physical type`,
 * its items and map into the items and the map block (sema has checked each against the type);
 * field: t is a field's type (attributes say its range, length, pattern), not a type inside one. */
static void type_of(Yw *w, const Type *t, const Attrs *a, const char *physical, const Meta *more, bool field)
{
    Arena *ar = w->ctx->arena;
    const Type *rt = model_type_resolve(t);
    const char *lt = NULL, *format = NULL;
    /* `integer` and `number` are ODCS's words without a format: no format is written */
    bool unsized = rt->written && (!strcmp(rt->written, "integer") || !strcmp(rt->written, "number"));
    switch (rt->kind) {
    case TY_BOOLEAN: lt = "boolean"; break;
    case TY_INT8: lt = "integer", format = "i8"; break;
    case TY_INT16: lt = "integer", format = "i16"; break;
    case TY_INT32: lt = "integer", format = "i32"; break;
    case TY_INT64: lt = "integer", format = unsized ? NULL : "i64"; break;
    case TY_FLOAT32: lt = "number", format = "f32"; break;
    case TY_FLOAT64: lt = "number", format = unsized ? NULL : "f64"; break;
    case TY_DECIMAL: lt = "number"; break;
    case TY_STRING: lt = "string"; break;
    case TY_BYTES: lt = "string", format = "byte"; break;
    case TY_DATE: lt = "date"; break;
    case TY_TIME: lt = "time"; break;
    case TY_TIMESTAMP: lt = "timestamp"; break;
    case TY_TIMESTAMPTZ: lt = "timestamp"; break;
    case TY_UUID: lt = "string", format = "uuid"; break;
    case TY_ENUM: lt = "string"; break;
    case TY_JSON: lt = "object"; break;
    case TY_LIST: lt = "array"; break;
    case TY_MAP:
        lt = map_v32(w->standard, rt, a) ? "map" : "object";
        if (*lt == 'm') since(w, ODCS_V32); /* logicalType map is v3.2.0's */
        break;
    case TY_STRUCT: lt = "object"; break;
    default: lt = "object"; break;
    }
    const Meta *more_pt = meta_get(more, "physicalType"), *more_opts = meta_get(more, "logicalTypeOptions");
    if (!physical && more_pt && more_pt->kind == META_STRING) physical = more_pt->text;
    const char *pt = physical ? physical : w->standard && !odcs_physical_says_type(rt) ? NULL : odcs_default_physical_type(ar, rt);
    kv(w, "logicalType", lt);
    /* Options, by logicalType (the v3.1.0 schema closes each options object). */
    bool numeric = model_type_is_numeric(rt->kind), temporal = model_type_is_temporal(rt->kind);
    /* timezone: true for timestamptz; false for timestamp, which ODCS leaves open unless told
     * (the reader's default), only with house rules: a contract that follows ODCS says no more
     * than an ODCS file that leaves it out */
    bool tz = rt->kind == TY_TIMESTAMPTZ || (rt->kind == TY_TIMESTAMP && !w->standard);
    bool opts = format || tz || (a && a->length && (rt->kind == TY_LIST || rt->kind == TY_MAP)) ||
                (a && a->range && (numeric || temporal)) ||
                (a && (a->length || a->pattern) && (rt->kind == TY_STRING || rt->kind == TY_BYTES)) ||
                (rt->kind == TY_STRING && rt->u.string.max_len > 0) || (more_opts && more_opts->items);
    if (opts) {
        str(w, "logicalTypeOptions");
        map_begin(w);
        /* format and timezone came with v3.1, and v3.0's exclusiveMinimum was a flag */
        if (format) kv(w, "format", format), since(w, ODCS_V31);
        if (tz) kv_plain(w, "timezone", rt->kind == TY_TIMESTAMPTZ ? "true" : "false"), since(w, ODCS_V31);
        if (a && a->range && (!a->range->lo_inclusive || !a->range->hi_inclusive)) since(w, ODCS_V31);
        if (a && a->range && (numeric || temporal)) {
            const Interval *iv = a->range;
            if (iv->lo) {
                str(w, iv->lo_inclusive ? "minimum" : "exclusiveMinimum");
                temporal ? str(w, spelt_bound(ar, iv->lo->text, more_opts)) : lit(w, iv->lo);
            }
            if (iv->hi) {
                str(w, iv->hi_inclusive ? "maximum" : "exclusiveMaximum");
                temporal ? str(w, spelt_bound(ar, iv->hi->text, more_opts)) : lit(w, iv->hi);
            }
        }
        if (rt->kind == TY_STRING || rt->kind == TY_BYTES) {
            const Interval *len = a ? a->length : NULL;
            if (len && len->lo) kv_plain(w, "minLength", len->lo->text);
            if (len && len->hi) kv_plain(w, "maxLength", len->hi->text);
            else if (rt->kind == TY_STRING && rt->u.string.max_len > 0)
                kv_plain(w, "maxLength", arena_printf(ar, "%lld", (long long)rt->u.string.max_len));
            if (a && a->pattern) kv(w, "pattern", a->pattern->text);
        }
        if ((rt->kind == TY_LIST || rt->kind == TY_MAP) && a && a->length) { /* items, or a map's entries */
            bool list = rt->kind == TY_LIST;
            if (a->length->lo) kv_plain(w, list ? "minItems" : "minProperties", a->length->lo->text);
            if (a->length->hi) kv_plain(w, list ? "maxItems" : "maxProperties", a->length->hi->text);
        }
        /* the options the language has no word for, as meta carries them (a date's format, an
         * array's uniqueItems, ...); one it says is dcc's own above (sema: DC0756) */
        const OdcsShape *shape = odcs_options_of(lt);
        for (const Meta *o = more_opts && more_opts->kind == META_MAP ? more_opts->items : NULL; o; o = o->next) {
            const OdcsKey *k = shape ? odcs_shape_key(shape, o->key) : NULL;
            if (!k || odcs_option_said(rt, a, field, o->key)) continue;
            since(w, k->since);
            str(w, o->key);
            meta(w, o);
        }
        map_end(w);
    }
    if (pt) kv(w, "physicalType", pt);
    if (enum_v32(w->standard, a) && model_type_is_scalar(rt->kind)) enum_list(w, a);
    const Type *elem = rt->kind == TY_LIST ? model_type_resolve(rt->u.list.elem) : NULL;
    /* a list of json in a contract that follows ODCS: an array without items, which reads back
     * as one; with house rules, items say the element's physicalType */
    const Meta *more_items = meta_get(more, "items");
    if (elem && (elem->kind != TY_JSON || rt->u.list.elem->chain_attrs || !w->standard || more_items)) {
        str(w, "items");
        map_begin(w);
        type_of(w, rt->u.list.elem, rt->u.list.elem->chain_attrs, NULL, more_items, false);
        element_rest(w, more_items);
        if (has_type_customs(w, elem, rt->u.list.elem->chain_attrs) || own_decl(w, rt->u.list.elem)) {
            str(w, "customProperties");
            seq_begin(w);
            type_customs(w, elem, rt->u.list.elem->chain_attrs);
            type_name_custom(w, rt->u.list.elem);
            seq_end(w);
        }
        map_end(w);
    } else if (rt->kind == TY_STRUCT) {
        str(w, "properties");
        properties(w, rt->u.strct.fields, NULL);
    } else if (map_v32(w->standard, rt, a)) {
        const Meta *more_map = meta_get(more, "map"), *more_value = meta_get(more_map, "value");
        str(w, "map");
        map_begin(w);
        str(w, "key");
        map_begin(w);
        kv(w, "logicalType", "string");
        element_rest(w, meta_get(more_map, "key"));
        const Meta *key_pt = meta_get(meta_get(more_map, "key"), "physicalType");
        if (key_pt) str(w, "physicalType"), meta(w, key_pt);
        map_end(w);
        str(w, "value");
        map_begin(w);
        const Type *vt = rt->u.map.value;
        type_of(w, vt, vt->chain_attrs, NULL, more_value, false);
        element_rest(w, more_value);
        if (has_type_customs(w, model_type_resolve(vt), vt->chain_attrs) || own_decl(w, vt)) {
            str(w, "customProperties");
            seq_begin(w);
            type_customs(w, model_type_resolve(vt), vt->chain_attrs);
            type_name_custom(w, vt);
            seq_end(w);
        }
        map_end(w);
        map_end(w);
    }
}

/* --- fields ---------------------------------------------------------------------------------- */

static unsigned key_position(const Key *pk, const char *name)
{
    unsigned i = 1;
    for (const Name *n = pk ? pk->fields : NULL; n; n = n->next, i++)
        if (!strcmp(n->text, name)) return i;
    return 0;
}

static void custom_lit(Yw *w, const char *property, const Literal *v)
{
    map_begin(w);
    kv(w, "property", property);
    str(w, "value");
    lit(w, v);
    map_end(w);
}

static void type_customs(Yw *w, const Type *rt, const Attrs *a)
{
    Arena *ar = w->ctx->arena;
    if (rt->kind == TY_ENUM) {
        StrBuf b;
        sb_init(&b);
        for (const EnumValue *v = rt->u.enumeration.values; v; v = v->next) sb_printf(&b, "%s%s", b.len ? "|" : "", v->name);
        custom(w, "dccEnum", arena_strndup(ar, b.data ? b.data : "", b.len));
        sb_free(&b);
    }
    if (rt->kind == TY_MAP && !map_v32(w->standard, rt, a)) { /* the value's type, as an item definition */
        map_begin(w);
        kv(w, "property", "dccMapValue");
        str(w, "value");
        map_begin(w);
        type_of(w, rt->u.map.value, rt->u.map.value->chain_attrs, NULL, NULL, false);
        if (own_decl(w, rt->u.map.value)) {
            str(w, "customProperties");
            seq_begin(w);
            type_name_custom(w, rt->u.map.value);
            seq_end(w);
        }
        map_end(w);
        map_end(w);
    }
    if (!a) return;
    if (a->values && !enum_v32(w->standard, a)) {
        custom_list_begin(w, "dccValues");
        for (const Literal *v = a->values; v; v = v->next) lit(w, v);
        custom_list_end(w);
    }
    if (a->pii) custom(w, "dccPii", a->pii->text);
    if (a->unit) custom_lit(w, "dccUnit", a->unit);
    if (a->term) custom_lit(w, "dccTerm", a->term);
    if (a->deprecated) custom(w, "dccDeprecated", a->sunset ? a->sunset->text : "true");
    if (a->deprecated && a->deprecation_reason) custom_lit(w, "dccDeprecationReason", a->deprecation_reason);
    if (a->default_value) custom_lit(w, "dccDefault", a->default_value); /* typed: a number stays a number */
}

static bool has_type_customs(const Yw *w, const Type *rt, const Attrs *a)
{
    return rt->kind == TY_ENUM || (rt->kind == TY_MAP && !map_v32(w->standard, rt, a)) ||
           (a && ((a->values && !enum_v32(w->standard, a)) || a->pii || a->unit || a->term || a->deprecated || a->default_value));
}

/* The declaration a use of a named type names that the document can name by dccTypeName, else
 * NULL: one of the contract's own types, or a type of an import named through its alias
 * (`common.Sku`), which the reader finds in the imported document's dccTypes (dccImports gives
 * the file). A name without an alias that leads into another unit (a struct field of an imported
 * type) is that unit's business: the reader takes the imported type by name and never reads its
 * inside. */
static const TypeDecl *own_decl(const Yw *w, const Type *t)
{
    if (!t || t->kind != TY_NAMED || !t->u.named.decl) return NULL;
    const TypeDecl *d = t->u.named.decl;
    return d->owner == w->c || t->u.named.name.nparts == 2 ? d : NULL;
}

/* dccTypeName: the type an element uses, as the contract names it (`Sku`, `common.Sku`; the
 * caller opened the list); the element still says the whole type and its attributes, for other
 * tools. */
static void type_name_custom(Yw *w, const Type *t)
{
    const TypeDecl *d = own_decl(w, t);
    if (d) custom(w, "dccTypeName", d->owner == w->c ? d->name.text : t->u.named.name.text);
}

/* Rules about one field, written on its property: those of its `expect` block (field-level,
 * whatever their kind), and a dataset rule that measures one field, as ODCS's nullValues,
 * invalidValues and duplicateValues checks are per property (read back, it is field-level). */
static bool on_property(const QualityRule *r)
{
    return r->owner || ((r->kind == RULE_NULL_RATE || r->kind == RULE_VALID_RATE || r->kind == RULE_NULL_COUNT ||
                         r->kind == RULE_INVALID_COUNT || r->kind == RULE_UNIQUE || r->kind == RULE_DUPLICATE_COUNT ||
                         r->kind == RULE_DUPLICATE_RATE || RULE_HAS_VALUES(r->kind)) &&
                        r->fields && !r->fields->next);
}

/* True when r is written under field f's property. */
static bool on_this_property(const QualityRule *r, const Field *f)
{
    if (r->owner) return r->owner == f;
    return on_property(r) && !strcmp(r->fields->text, f->name.text);
}

/* --- `meta { ... }`: an element's other ODCS keys ----------------------------------------- */

/* The entry `key` of a field's or dataset's meta, or NULL. */
static const Meta *extra_get(const Attrs *a, const char *key)
{
    for (const Meta *e = a->extra && a->extra->kind == META_MAP ? a->extra->items : NULL; e; e = e->next)
        if (!strcmp(e->key, key)) return e;
    return NULL;
}

/* Opens the list `key` when dcc has entries of its own for it (own) or meta has some; true when
 * the caller is to write its own entries and then call extra_list_end. dcc's come first: the
 * reader takes a property's first relationship it can check for its `references`. */
static bool extra_list_begin(Yw *w, const Attrs *a, const char *key, bool own)
{
    const Meta *m = extra_get(a, key);
    if (!own && !(m && m->kind == META_LIST && m->items)) return false;
    str(w, key);
    seq_begin(w);
    return true;
}

/* meta's entries of the list `key`, and the list's end. */
static void extra_list_end(Yw *w, const Attrs *a, const char *key)
{
    const Meta *m = extra_get(a, key);
    for (const Meta *e = m && m->kind == META_LIST ? m->items : NULL; e; e = e->next) meta(w, e);
    seq_end(w);
}

/* The entry `key` of a metadata map, or NULL. */
static const Meta *meta_get(const Meta *m, const char *key)
{
    for (const Meta *e = m && m->kind == META_MAP ? m->items : NULL; e; e = e->next)
        if (!strcmp(e->key, key)) return e;
    return NULL;
}

/* Is this entry of a field's meta one that type_of writes into the type's own keys? */
static bool type_entry(const Meta *e)
{
    return !strcmp(e->key, "logicalTypeOptions") || !strcmp(e->key, "items") || !strcmp(e->key, "map");
}

/* The keys of an item's or a map key's or value's meta that type_of does not write (its
 * description, tags, ...), as written. */
static void element_rest(Yw *w, const Meta *m)
{
    for (const Meta *e = m && m->kind == META_MAP ? m->items : NULL; e; e = e->next) {
        if (type_entry(e) || !strcmp(e->key, "physicalType")) continue;
        str(w, e->key);
        meta(w, e);
    }
}

/* Every other entry of meta, as written (sema has refused the keys dcc writes itself: DC0756;
 * type_of has written logicalTypeOptions, items and map into the type's). */
static void extra_rest(Yw *w, const Attrs *a)
{
    for (const Meta *e = a->extra && a->extra->kind == META_MAP ? a->extra->items : NULL; e; e = e->next) {
        if (!strcmp(e->key, "customProperties") || !strcmp(e->key, "relationships") || !strcmp(e->key, "quality") || type_entry(e)) continue;
        str(w, e->key);
        meta(w, e);
    }
}

/* A field's ODCS element metadata (issue 14): names, the critical-data-element flag, examples
 * and its place in the dataset's partition key. Its id and physicalType are written by the
 * caller and type_of. */
static void element_meta(Yw *w, const Field *f, const Dataset *ds)
{
    const Attrs *a = f->attrs;
    if (a->physical_name) str(w, "physicalName"), lit(w, a->physical_name);
    if (a->business_name) str(w, "businessName"), lit(w, a->business_name);
    if (a->encrypted_name) str(w, "encryptedName"), lit(w, a->encrypted_name);
    if (a->critical) kv_plain(w, "criticalDataElement", "true");
    if (a->examples) {
        str(w, "examples");
        seq_begin(w);
        for (const Literal *v = a->examples; v; v = v->next) lit(w, v);
        seq_end(w);
    }
    unsigned pos = key_position(ds ? ds->partition_key : NULL, f->name.text);
    if (pos) {
        kv_plain(w, "partitioned", "true");
        kv_plain(w, "partitionKeyPosition", arena_printf(w->ctx->arena, "%u", pos));
    }
}

/* --- imports (issue 14) ---------------------------------------------------------------------- */
/* `dcc gen -t odcs` writes every contract and library it is given as <name>.odcs.yaml into one
 * directory, so an import is the sibling file written for the imported unit: the root custom
 * property dccImports names it (and the alias, when the contract gives one), and what the
 * contract takes from it points there: a type by dccTypeName `ALIAS.NAME`, a reference by a
 * relationship to `FILE#/schema/DATASET/properties/FIELD` (the standard's fully qualified
 * reference into another document), an upstream by {contract: ALIAS, dataset: NAME}. */

static const char *import_file(Yw *w, const Contract *target)
{
    return arena_printf(w->ctx->arena, "%s.odcs.yaml", emit_ascii_lower(w->ctx->arena, target->name.text));
}

/* The unit the contract imports as `alias`, or NULL. */
static const Contract *imported(const Yw *w, const char *alias)
{
    for (const Import *im = w->c->imports; im; im = im->next)
        if (im->target && im->alias_name && !strcmp(im->alias_name, alias)) return im->target;
    return NULL;
}

/* An element's segment of a fully qualified reference: its id, as the standard says, when it
 * has one the reference can spell; else its name (odcs_read.c takes either). */
static const char *ref_segment(const Literal *id, const char *name)
{
    if (!id || !id->len) return name;
    for (size_t i = 0; i < id->len; i++)
        if (!isalnum((unsigned char)id->text[i]) && id->text[i] != '_' && id->text[i] != '-') return name;
    return id->text;
}

/* `references ALIAS.DATASET.FIELD` as the relationship's `to`, or NULL when the target is not
 * found (sema has reported it). */
static const char *external_to(Yw *w, const QualName *ref)
{
    const Name *alias = ref->parts, *dsn = alias->next, *fn = dsn->next;
    const Contract *t = imported(w, alias->text);
    for (const Dataset *ds = t ? t->datasets : NULL; ds; ds = ds->next) {
        if (strcmp(ds->name.text, dsn->text)) continue;
        for (const Field *f = ds->fields; f; f = f->next)
            if (!strcmp(f->name.text, fn->text))
                return arena_printf(w->ctx->arena, "%s#/schema/%s/properties/%s", import_file(w, t),
                                    ref_segment(ds->meta.id, ds->name.text), ref_segment(f->attrs->id, f->name.text));
    }
    return NULL;
}

/* The `to` of the relationship a's `references` is written as, or NULL: `table.column` in this
 * contract, the fully qualified reference into an imported one's file. */
static const char *relationship_to(Yw *w, const Attrs *a)
{
    return !a->references ? NULL
           : a->references->nparts == 2 ? a->references->text
           : a->references->nparts == 3 ? external_to(w, a->references) : NULL;
}

/* The relationship entry for a's `references` (`to` from relationship_to), with the other keys
 * of the map after it (`references T { customProperties: [...] }`). */
static void relationship(Yw *w, const Attrs *a, const char *to)
{
    map_begin(w);
    kv(w, "type", "foreignKey");
    kv(w, "to", to);
    meta_entries(w, a->references_extra);
    map_end(w);
}

/* dccImports: the files the contract's imports are written as, in order. */
static void imports(Yw *w, const Contract *c)
{
    custom_list_begin(w, "dccImports");
    for (const Import *im = c->imports; im; im = im->next) {
        if (!im->target) continue;
        map_begin(w);
        kv(w, "file", import_file(w, im->target));
        if (im->alias) kv(w, "as", im->alias->text);
        map_end(w);
    }
    custom_list_end(w);
}

static void property(Yw *w, const Field *f, const Dataset *ds)
{
    const Key *pk = ds ? ds->primary_key : NULL;
    const Attrs *a = f->effective ? f->effective : f->attrs;
    const Type *rt = f->rtype ? f->rtype : model_type_resolve(f->type);
    map_begin(w);
    if (f->attrs->id) str(w, "id"), lit(w, f->attrs->id), since(w, ODCS_V31);
    kv(w, "name", f->name.text);
    element_meta(w, f, ds);
    if (f->doc) kv(w, "description", f->doc);
    type_of(w, f->type, a, f->attrs->physical_type ? f->attrs->physical_type->text : NULL, f->attrs->extra, true);
    unsigned pos = key_position(pk, f->name.text);
    /* a key column's `required: true` and primaryKeyPosition, and `primaryKey: false` on the
     * others, as `primary key (...) odcs (...)` says the file worded them (issue 14) */
    if (!(pos && KEY_ODCS_HAS(pk, KEY_ODCS_NOT_REQUIRED))) kv_plain(w, "required", f->optional ? "false" : "true");
    bool unique = a->unique;
    for (const Key *k = ds ? ds->uniques : NULL; k; k = k->next)
        unique |= !k->fields->next && !strcmp(k->fields->text, f->name.text);
    if (unique) kv_plain(w, "unique", "true");
    if (pos) {
        kv_plain(w, "primaryKey", "true");
        /* sema drops no_positions from a key in another order than the fields (DC0314) */
        if (!KEY_ODCS_HAS(pk, KEY_ODCS_NO_POSITIONS)) kv_plain(w, "primaryKeyPosition", arena_printf(w->ctx->arena, "%u", pos));
    } else if (KEY_ODCS_HAS(pk, KEY_ODCS_OTHERS_FALSE) && !extra_get(f->attrs, "primaryKey")) {
        kv_plain(w, "primaryKey", "false"); /* unless meta says it (a key column dcc cannot key on) */
    }
    if (a->classification_name) kv(w, "classification", a->classification_name->text);
    extra_rest(w, f->attrs);
    const char *to = relationship_to(w, a);
    if (extra_list_begin(w, f->attrs, "relationships", to)) {
        since(w, ODCS_V31); /* relationships */
        if (to) relationship(w, a, to);
        extra_list_end(w, f->attrs, "relationships");
    }
    /* the field's rules, then the checks dcc does not run that its meta carries */
    bool any = false;
    for (const QualityRule *r = ds ? ds->quality : NULL; r; r = r->next) any |= on_this_property(r, f);
    if (extra_list_begin(w, f->attrs, "quality", any)) {
        unsigned place = 0; /* in the dataset's `quality` block */
        for (const QualityRule *r = ds ? ds->quality : NULL; r; r = r->next) {
            place += !r->owner;
            if (on_this_property(r, f)) rule(w, r, true, r->owner ? 0 : place);
        }
        extra_list_end(w, f->attrs, "quality");
    }
    /* string(N) is told from `length [*, N]` by the physicalType varchar(N), dcc's own for it;
     * when the field has a physical type of its own other than that, a custom property says it */
    const Literal *own = f->attrs->physical_type;
    bool sized = own && rt->kind == TY_STRING && rt->u.string.max_len > 0 &&
                 strcasecmp(own->text, arena_printf(w->ctx->arena, "varchar(%lld)", (long long)rt->u.string.max_len));
    if (extra_list_begin(w, f->attrs, "customProperties", has_type_customs(w, rt, a) || sized || own_decl(w, f->type))) {
        type_customs(w, rt, a);
        type_name_custom(w, f->type);
        if (sized) custom(w, "dccType", arena_printf(w->ctx->arena, "string(%lld)", (long long)rt->u.string.max_len));
        extra_list_end(w, f->attrs, "customProperties");
    }
    map_end(w);
}

static void properties(Yw *w, const Field *fields, const Dataset *ds)
{
    seq_begin(w);
    for (const Field *f = fields; f; f = f->next) property(w, f, ds);
    seq_end(w);
}

/* --- quality --------------------------------------------------------------------------------- */

static const char *const op_keys[] = {"mustBeLessThan", "mustBeLessOrEqualTo", "mustBeGreaterThan",
                                      "mustBeGreaterOrEqualTo", "mustBe",
                                      "mustNotBe", "mustBeBetween", "mustNotBeBetween"};
_Static_assert(sizeof op_keys / sizeof op_keys[0] == CMP_COUNT, "one ODCS operator per CmpOp");

/* invalid% = 100 - valid%, so `valid_rate op X` is `invalidValues op' (100 - X)`. */
static CmpOp mirror(CmpOp op)
{
    switch (op) {
    case CMP_LT: return CMP_GT;
    case CMP_LE: return CMP_GE;
    case CMP_GT: return CMP_LT;
    case CMP_GE: return CMP_LE;
    default: return op;
    }
}

/* The operator and its number, or for between its two numbers, the smaller first (inclusive).
 * The standard wants the two different (uniqueItems): between a and a is == a, and not between
 * a and a is != a. */
static void threshold(Yw *w, CmpOp op, const char *v, const char *hi)
{
    if (CMP_IS_RANGE(op) && hi) {
        Num x = num_of(w->ctx->arena, v), y = num_of(w->ctx->arena, hi);
        if (num_cmp(&x, &y) == 0) {
            op = op == CMP_BETWEEN ? CMP_EQ : CMP_NE;
            hi = NULL;
        }
    }
    if (!CMP_IS_RANGE(op) || !hi) {
        kv_plain(w, op_keys[op], v);
        return;
    }
    str(w, op_keys[op]);
    seq_begin(w);
    plain(w, v);
    plain(w, hi);
    seq_end(w);
}

/* 100 - x exactly, in decimal (a threshold is the decimal as written, never a double) */
static const char *hundred_minus(Arena *a, const char *x)
{
    Num h = num_of(a, "100"), n = num_of(a, x);
    const char *t = num_sub_text(a, &h, &n);
    return t ? t : x; /* unreachable: sema keeps a percentage within 0..100 */
}

/* A rule's `meta { ... }`, as written, after dcc's own keys; dcc's custom properties (own: the
 * freshness rule's text, place: the rule's place in its dataset's quality block) come first. */
static void rule_extra(Yw *w, const QualityRule *r, const char *own, unsigned place)
{
    /* the element helpers read an Attrs: the rule's meta is lent to an otherwise empty set */
    Attrs a = {0};
    a.extra = r->extra;
    extra_rest(w, &a);
    if (!extra_list_begin(w, &a, "customProperties", own || place)) return;
    if (own) custom(w, "dccRule", own);
    if (place) custom_plain(w, "dccQuality", arena_printf(w->ctx->arena, "%u", place));
    extra_list_end(w, &a, "customProperties");
}

/* The check of rule r; on_prop: under its property, where a rule of the dataset's `quality`
 * block (one measuring one field: ODCS has nullValues and invalidValues per property only) says
 * its place in the block (dccQuality), so that it is read back there and in its order. */
/* A library check whose argument is the rule's list of values: missingValues (the list under
 * `missingValues`, null first) or invalidValues (under `validValues`, as written), in percent
 * for a rate, else in rows. */
static void listed_check(Yw *w, const QualityRule *r, const char *metric, bool rate, bool null_first, const char *hi)
{
    kv(w, "type", "library"), kv(w, "metric", metric);
    kv(w, "unit", rate ? "percent" : "rows");
    threshold(w, r->op, r->value->text, hi);
    str(w, "arguments");
    map_begin(w);
    str(w, null_first ? "missingValues" : "validValues");
    seq_begin(w);
    if (null_first) plain(w, "null");
    for (const Literal *l = r->values; l; l = l->next) {
        if (l->kind == LIT_STRING) str(w, l->text);
        else plain(w, l->kind == LIT_NULL ? "null" : l->text);
    }
    seq_end(w);
    map_end(w);
}

static void rule(Yw *w, const QualityRule *r, bool on_prop, unsigned place)
{
    const char *own = NULL;
    Arena *ar = w->ctx->arena;
    const char *hi = CMP_IS_RANGE(r->op) && r->value_hi ? r->value_hi->text : NULL;
    /* a library check's `metric` came with v3.1 (v3.0 said `rule`), as did a check's custom
     * properties (freshness's dccRule); only sql is v3.0's too */
    if (r->kind != RULE_SQL) since(w, ODCS_V31);
    map_begin(w);
    switch (r->kind) {
    case RULE_ROW_COUNT:
        kv(w, "type", "library"), kv(w, "metric", "rowCount");
        threshold(w, r->op, r->value->text, hi);
        break;
    case RULE_NULL_RATE:
    case RULE_VALID_RATE: {
        bool valid = r->kind == RULE_VALID_RATE;
        kv(w, "type", "library"), kv(w, "metric", valid ? "invalidValues" : "nullValues"), kv(w, "unit", "percent");
        if (!valid) {
            threshold(w, r->op, r->value->text, hi);
        } else if (hi) { /* valid in [a, b] is invalid in [100 - b, 100 - a] */
            threshold(w, r->op, hundred_minus(ar, hi), hundred_minus(ar, r->value->text));
        } else {
            threshold(w, mirror(r->op), hundred_minus(ar, r->value->text), NULL);
        }
        break;
    }
    case RULE_NULL_COUNT:
    case RULE_INVALID_COUNT:
        /* no unit: rows, as the standard's own examples write a count (nullValues mustBe 0) */
        kv(w, "type", "library"), kv(w, "metric", r->kind == RULE_NULL_COUNT ? "nullValues" : "invalidValues");
        threshold(w, r->op, r->value->text, hi);
        break;
    case RULE_UNIQUE:
    case RULE_DUPLICATE_COUNT:
    case RULE_DUPLICATE_RATE:
        /* duplicate_count says `unit: rows`, which tells it from unique (no unit, mustBe 0);
         * duplicate_rate `unit: percent` */
        kv(w, "type", "library"), kv(w, "metric", "duplicateValues");
        if (r->kind == RULE_UNIQUE) kv_plain(w, "mustBe", "0");
        else kv(w, "unit", r->kind == RULE_DUPLICATE_RATE ? "percent" : "rows"), threshold(w, r->op, r->value->text, hi);
        if (on_prop) break;
        str(w, "arguments");
        map_begin(w);
        str(w, "properties");
        seq_begin(w);
        for (const Name *n = r->fields; n; n = n->next) str(w, n->text);
        seq_end(w);
        map_end(w);
        break;
    case RULE_MISSING_COUNT:
    case RULE_MISSING_RATE:
        /* null first: dcc counts null and absent values as missing always, and ODCS only when
         * the list holds null */
        listed_check(w, r, "missingValues", r->kind == RULE_MISSING_RATE, true, hi);
        break;
    case RULE_NOTIN_COUNT:
    case RULE_NOTIN_RATE:
        /* the list as written: null in it says null and absent values are valid, as in ODCS */
        listed_check(w, r, "invalidValues", r->kind == RULE_NOTIN_RATE, false, hi);
        break;
    case RULE_SQL:
        kv(w, "type", "sql"), kv(w, "query", r->sql->text);
        threshold(w, r->op, r->value->text, hi);
        break;
    case RULE_FRESHNESS: {
        /* ODCS has freshness only as a service level of the whole contract. */
        const char *text = hi ? arena_printf(ar, "freshness(%s) %s %s and %s", r->fields->text, model_kw_name(&model_kw_cmp, r->op), r->value->text, hi)
                              : arena_printf(ar, "freshness(%s) %s %s", r->fields->text, model_kw_name(&model_kw_cmp, r->op), r->value->text);
        kv(w, "type", "text");
        kv(w, "description", text);
        own = text;
        break;
    }
    }
    rule_extra(w, r, own, place);
    map_end(w);
}

/* --- the contract ---------------------------------------------------------------------------- */

/* "1h" -> value 1, unit h. */
static void duration(Yw *w, const char *text)
{
    size_t i = 0;
    while (text[i] >= '0' && text[i] <= '9') i++;
    kv_plain(w, "value", arena_strndup(w->ctx->arena, text, i));
    kv(w, "unit", text + i);
}


static void sla(Yw *w, const Contract *c)
{
    if (!c->sla && !c->sla_props) return;
    str(w, "slaProperties");
    seq_begin(w);
    /* shorthands and generic entries in the order they were written */
    const MetaItem *p = c->sla_props;
    for (const SlaItem *s = c->sla;; s = s->next) {
        for (; p && (!s || p->span.start < s->span.start); p = p->next) {
            map_begin(w);
            str(w, "property");
            lit(w, p->name);
            meta_entries(w, p->value);
            map_end(w);
        }
        if (!s) break;
        map_begin(w);
        kv(w, "property", model_sla_name(s->kind));
        switch (s->kind) {
        case SLA_AVAILABILITY: kv_plain(w, "value", s->value->text), kv(w, "unit", "percent"); break;
        case SLA_FREQUENCY:
            if (s->cron) kv(w, "value", s->value->text), kv(w, "unit", "cron");
            else duration(w, s->value->text);
            break;
        case SLA_SUPPORT:
        case SLA_RESPONSE: kv(w, "value", s->value->text); break;
        default: duration(w, s->value->text); break;
        }
        meta_entries(w, s->extra);
        map_end(w);
    }
    seq_end(w);
}

static void named_entries(Yw *w, const MetaItem *items, ContractItemKind k, const char *key);
static void custom_entries(Yw *w, const MetaItem *items);

static bool has_meta(const MetaItem *items, ContractItemKind k)
{
    for (const MetaItem *mi = items; mi; mi = mi->next)
        if (mi->kind == k) return true;
    return false;
}

/* A named server as it was written: its name, type and fields in order (numbers plain, words
 * and strings as strings), its roles and custom properties. */
static void named_server(Yw *w, const Server *s)
{
    map_begin(w);
    kv(w, "server", s->name.text);
    kv(w, "type", s->type.text);
    for (const ServerField *f = s->fields; f; f = f->next) {
        str(w, f->key.text);
        lit(w, f->value);
    }
    if (has_meta(s->meta, CI_ROLE)) {
        str(w, "roles");
        seq_begin(w);
        named_entries(w, s->meta, CI_ROLE, "role");
        seq_end(w);
    }
    if (has_meta(s->meta, CI_CUSTOM)) {
        str(w, "customProperties");
        seq_begin(w);
        custom_entries(w, s->meta);
        seq_end(w);
    }
    map_end(w);
}

static void servers(Yw *w, const Contract *c)
{
    if (!c->serves && !c->servers) return;
    str(w, "servers");
    seq_begin(w);
    for (const Server *s = c->servers; s; s = s->next) named_server(w, s);
    unsigned i = 0;
    for (const Serve *s = c->serves; s; s = s->next) {
        map_begin(w);
        kv(w, "server", arena_printf(w->ctx->arena, "%s-%u", s->kind.text, ++i));
        /* s3 and api take a location (a URI) natively; every other output is a custom server,
         * its address in `path` (which need not be a URI). Each keeps dcc's kind, so that
         * reading the file back gives a `serve` again, not a named server. */
        bool native = !strcmp(s->kind.text, "s3") || !strcmp(s->kind.text, "api");
        kv(w, "type", native ? s->kind.text : "custom");
        kv(w, native ? "location" : "path", s->address->text);
        if (s->format) kv(w, "format", s->format->text);
        str(w, "customProperties");
        seq_begin(w);
        custom(w, "dccServeKind", s->kind.text);
        seq_end(w);
        map_end(w);
    }
    seq_end(w);
}

/* `upstream` (ODCS has no lineage of its own): the custom property dccUpstream, a list of
 * {dataset: NAME} for a dataset of this contract, {contract: ALIAS, dataset: NAME} for one of the
 * contract imported as ALIAS (dccImports) and {external: TEXT} for a source outside dcc. */
static void upstream(Yw *w, const Dataset *ds)
{
    custom_list_begin(w, "dccUpstream");
    for (const Upstream *u = ds->upstream; u; u = u->next) {
        map_begin(w);
        if (!u->name) {
            kv(w, "external", u->external->text);
        } else if (u->name->nparts == 2) {
            kv(w, "contract", u->name->parts->text);
            kv(w, "dataset", u->name->parts->next->text);
        } else {
            kv(w, "dataset", u->name->text);
        }
        map_end(w);
    }
    custom_list_end(w);
}

static void dataset(Yw *w, const Dataset *ds)
{
    map_begin(w);
    if (ds->meta.id) str(w, "id"), lit(w, ds->meta.id), since(w, ODCS_V31);
    kv(w, "name", ds->name.text);
    if (ds->meta.physical_type) str(w, "physicalType"), lit(w, ds->meta.physical_type);
    else if (!w->standard) kv(w, "physicalType", "table");
    if (ds->meta.physical_name) str(w, "physicalName"), lit(w, ds->meta.physical_name);
    if (ds->meta.business_name) str(w, "businessName"), lit(w, ds->meta.business_name);
    if (ds->doc) kv(w, "description", ds->doc);
    if (ds->fields) { /* a schema object without properties (a topic, ...) says none */
        str(w, "properties");
        properties(w, ds->fields, ds);
    }
    bool any = false;
    for (const QualityRule *r = ds->quality; r; r = r->next) any |= !on_property(r);
    if (extra_list_begin(w, &ds->meta, "quality", any)) {
        for (const QualityRule *r = ds->quality; r; r = r->next)
            if (!on_property(r)) rule(w, r, false, 0);
        extra_list_end(w, &ds->meta, "quality");
    }
    /* Composite unique keys (ODCS has unique only on one property) and the unknown-fields policy. */
    extra_rest(w, &ds->meta);
    if (extra_list_begin(w, &ds->meta, "relationships", false)) extra_list_end(w, &ds->meta, "relationships");
    bool composite = false;
    for (const Key *k = ds->uniques; k; k = k->next) composite |= k->fields->next != NULL;
    if (extra_list_begin(w, &ds->meta, "customProperties", composite || ds->unknown_fields_name || ds->upstream)) {
        for (const Key *k = ds->uniques; k; k = k->next) {
            if (!k->fields->next) continue;
            custom_list_begin(w, "dccUniqueKey");
            for (const Name *n = k->fields; n; n = n->next) str(w, n->text);
            custom_list_end(w);
        }
        if (ds->unknown_fields_name) custom(w, "dccUnknownFields", model_unknown_policy_name(ds->unknown_fields));
        if (ds->upstream) upstream(w, ds);
        extra_list_end(w, &ds->meta, "customProperties");
    }
    map_end(w);
}

/* --- product metadata ------------------------------------------------------------------------- */

/* A metadata value as YAML: strings quoted when YAML would read them otherwise, numbers,
 * booleans and null plain. */
static void meta(Yw *w, const Meta *m)
{
    switch (m->kind) {
    case META_STRING: str_n(w, m->text, m->len); return;
    case META_LIST:
        seq_begin(w);
        for (const Meta *e = m->items; e; e = e->next) meta(w, e);
        seq_end(w);
        return;
    case META_MAP:
        map_begin(w);
        for (const Meta *e = m->items; e; e = e->next) {
            str(w, e->key);
            meta(w, e);
        }
        map_end(w);
        return;
    default: plain(w, m->text); return;
    }
}

/* The entries of a map value (the caller opened the mapping); nothing for other values. */
static void meta_entries(Yw *w, const Meta *m)
{
    for (const Meta *e = m && m->kind == META_MAP ? m->items : NULL; e; e = e->next) {
        str(w, e->key);
        meta(w, e);
    }
}

static const MetaItem *meta_item(const Contract *c, ContractItemKind k)
{
    for (const MetaItem *mi = c->meta; mi; mi = mi->next)
        if (mi->kind == k) return mi;
    return NULL;
}

/* `role NAME {...}`, `support CHANNEL {...}`: a list of mappings with the name under `key`. */
static void named_entries(Yw *w, const MetaItem *items, ContractItemKind k, const char *key)
{
    for (const MetaItem *mi = items; mi; mi = mi->next) {
        if (mi->kind != k) continue;
        map_begin(w);
        str(w, key);
        lit(w, mi->name);
        meta_entries(w, mi->value);
        map_end(w);
    }
}

/* `custom NAME META` items as customProperties entries (the caller opened the list). */
static void custom_entries(Yw *w, const MetaItem *items)
{
    for (const MetaItem *mi = items; mi; mi = mi->next) {
        if (mi->kind != CI_CUSTOM) continue;
        map_begin(w);
        str(w, "property");
        lit(w, mi->name);
        str(w, "value");
        meta(w, mi->value);
        meta_entries(w, mi->extra); /* its id and description (v3.1's: content_version) */
        map_end(w);
    }
}

/* ODCS's `name`. A contract that follows ODCS (read from it) gets back the name its dotted name
 * was derived from, or no name when dataProduct or id gave it; any other gets its dotted name,
 * which the reader keeps as it is. */
static const char *odcs_name(Yw *w, const Contract *c)
{
    const Name *last = c->name.parts;
    while (last && last->next) last = last->next;
    if (!c->standard || !last || !c->name.text) return c->name.text;
    const char *domain = c->domain ? c->domain->text : NULL;
    const char *from = c->product ? c->product->text : c->id ? c->id->text : NULL;
    if (from && !strcmp(odcs_derived_name(w->ctx->arena, domain, from), c->name.text)) return NULL;
    if (!strcmp(odcs_derived_name(w->ctx->arena, domain, last->text), c->name.text)) return last->text;
    return c->name.text;
}

static void team(Yw *w, const Contract *c)
{
    const MetaItem *t = meta_item(c, CI_TEAM);
    if (!c->owner && !t) return;
    str(w, "team");
    if (t && t->value->kind == META_LIST && !c->owner) {
        meta(w, t->value); /* ODCS v3.0's list of members */
        return;
    }
    since(w, ODCS_V31); /* v3.0's team is a list of members */
    map_begin(w);
    if (c->owner) kv(w, "name", c->owner->text);
    if (t && t->value->kind == META_LIST) {
        str(w, "members");
        meta(w, t->value);
    } else if (t) {
        meta_entries(w, t->value);
    }
    map_end(w);
}

static void support(Yw *w, const Contract *c)
{
    bool contact_entry = c->contact != NULL;
    for (const MetaItem *mi = c->meta; mi && contact_entry; mi = mi->next) {
        if (mi->kind != CI_SUPPORT || !mi->value || mi->value->kind != META_MAP) continue;
        for (const Meta *e = mi->value->items; e; e = e->next)
            if (!strcmp(e->key, "url") && e->kind == META_STRING && !strcmp(e->text, c->contact->text)) contact_entry = false;
    }
    if (!contact_entry && !meta_item(c, CI_SUPPORT)) return;
    str(w, "support");
    seq_begin(w);
    if (contact_entry) {
        map_begin(w);
        kv(w, "channel", "contact");
        kv(w, "url", c->contact->text);
        map_end(w);
    }
    named_entries(w, c->meta, CI_SUPPORT, "channel");
    seq_end(w);
}

/* The description: the doc comment is its purpose; `description { ... }` its other keys
 * (authoritativeDefinitions, customProperties), as written. */
static void description(Yw *w, const Contract *c)
{
    const MetaItem *more = meta_item(c, CI_DESCRIPTION);
    const Meta *m = more && more->value && more->value->kind == META_MAP ? more->value : NULL;
    if (!c->doc && !c->usage && !c->limitations && !(m && m->items)) return;
    str(w, "description");
    map_begin(w);
    if (c->doc) kv(w, "purpose", c->doc);
    if (c->usage) kv(w, "usage", c->usage->text);
    if (c->limitations) kv(w, "limitations", c->limitations->text);
    meta_entries(w, m);
    map_end(w);
}

/* The newest version among the keys a metadata map holds for an object of the shape, nested
 * objects and lists of objects included (semanticType and synonyms are v3.2.0's, a custom
 * property's description v3.1.0's, ...) */
static OdcsVersion meta_since(const Meta *m, const OdcsShape *shape)
{
    OdcsVersion v = ODCS_V30, x;
    for (const Meta *e = m && m->kind == META_MAP ? m->items : NULL; e; e = e->next) {
        const OdcsKey *k = odcs_shape_key(shape, e->key);
        if (!k) continue;
        if (k->since > v) v = k->since;
        if (k->shape && k->type == OT_OBJECT && (x = meta_since(e, k->shape)) > v) v = x;
        for (const Meta *it = k->shape && k->type == OT_ARRAY && e->kind == META_LIST ? e->items : NULL; it; it = it->next)
            if ((x = meta_since(it, k->shape)) > v) v = x;
    }
    return v;
}

static OdcsVersion extra_since(const Attrs *a, const OdcsShape *shape) { return meta_since(a->extra, shape); }

/* The version the product metadata needs: roles, support channels, price, SLA entries, custom
 * properties (of the contract and its servers), by their shapes. */
static OdcsVersion items_since(const MetaItem *items)
{
    OdcsVersion v = ODCS_V30, x;
    for (const MetaItem *mi = items; mi; mi = mi->next) {
        const OdcsShape *s = mi->kind == CI_ROLE ? &odcs_role : mi->kind == CI_SUPPORT ? &odcs_support
                           : mi->kind == CI_PRICE ? &odcs_price : mi->kind == CI_SLA ? &odcs_sla
                           : mi->kind == CI_DESCRIPTION ? &odcs_description : NULL;
        if (s && (x = meta_since(mi->value, s)) > v) v = x;
        if (mi->kind == CI_CUSTOM && (x = meta_since(mi->extra, &odcs_custom_property)) > v) v = x;
    }
    return v;
}

static OdcsVersion fields_since(const Field *f)
{
    OdcsVersion v = ODCS_V30, x;
    for (; f; f = f->next) {
        if ((x = extra_since(f->attrs, &odcs_property)) > v) v = x;
        const Type *rt = f->rtype ? f->rtype : model_type_resolve(f->type);
        if (rt && rt->kind == TY_STRUCT && (x = fields_since(rt->u.strct.fields)) > v) v = x;
    }
    return v;
}

/* The version the content carried in meta and server fields needs (an athena server's workgroup
 * is v3.2.0's, a kafka server's stream v3.1.0's). */
static OdcsVersion content_version(const Contract *c)
{
    OdcsVersion v = items_since(c->meta), x;
    if ((x = items_since(c->sla_props)) > v) v = x;
    for (const SlaItem *s = c->sla; s; s = s->next)
        if ((x = meta_since(s->extra, &odcs_sla)) > v) v = x;
    for (const Server *s = c->servers; s; s = s->next) {
        if ((x = items_since(s->meta)) > v) v = x;
        for (const ServerField *f = s->fields; f; f = f->next) {
            const OdcsKey *k = odcs_shape_key(&odcs_server, f->key.text);
            if (k && k->since > v) v = k->since;
        }
    }
    for (const Dataset *ds = c->datasets; ds; ds = ds->next) {
        if ((x = extra_since(&ds->meta, &odcs_schema_object)) > v) v = x;
        if ((x = fields_since(ds->fields)) > v) v = x;
    }
    return v;
}

/* The apiVersion to write, given the oldest version that takes the content (lo): the one the
 * contract keeps (`standard odcs "v3.0.2"`, from the file it was read from) when lo is not newer,
 * else lo but not older than v3.1.0 (dcc's own version). */
static const char *api_version(const Contract *c, OdcsVersion lo)
{
    const char *kept = c->standard_version ? c->standard_version->text : NULL;
    if (kept) {
        OdcsVersion v = !strcmp(kept, "v3.2.0") ? ODCS_V32 : !strcmp(kept, "v3.1.0") ? ODCS_V31 : ODCS_V30;
        if (v >= lo) return kept;
    }
    return odcs_version_name(lo > ODCS_V31 ? lo : ODCS_V31);
}

/* dccTypes: the contract's type declarations, in order, each written as a property is (its
 * name, doc, whole type and attributes, and dccTypeName when it names another of them), so that
 * odcs_read.c declares them again and gives fields their type by name (issue 14). */
static void type_decls(Yw *w, const Contract *c)
{
    custom_list_begin(w, "dccTypes");
    for (const TypeDecl *td = c->types; td; td = td->next) {
        const Attrs *a = td->effective ? td->effective : &td->attrs;
        const Type *rt = td->rtype ? td->rtype : model_type_resolve(td->type);
        map_begin(w);
        kv(w, "name", td->name.text);
        if (td->doc) kv(w, "description", td->doc);
        type_of(w, td->type, a, NULL, NULL, true);
        if (a->unique) kv_plain(w, "unique", "true");
        if (a->classification_name) kv(w, "classification", a->classification_name->text);
        const char *to = relationship_to(w, a);
        if (to) { /* a type that references: its fields reference through it */
            since(w, ODCS_V31);
            str(w, "relationships");
            seq_begin(w);
            relationship(w, a, to);
            seq_end(w);
        }
        if (has_type_customs(w, rt, a) || own_decl(w, td->type)) {
            str(w, "customProperties");
            seq_begin(w);
            type_customs(w, rt, a);
            type_name_custom(w, td->type);
            seq_end(w);
        }
        map_end(w);
    }
    custom_list_end(w);
}

static void contract(Yw *w, const Contract *c)
{
    w->c = c;
    map_begin(w);
    kv(w, "apiVersion", w->api ? w->api : "v3.1.0");
    kv(w, "kind", "DataContract");
    kv(w, "id", c->id ? c->id->text : c->name.text);
    const char *name = c->title ? c->title->text : odcs_name(w, c);
    if (name) kv(w, "name", name);
    kv(w, "version", c->version ? c->version->text : "0.0.0");
    /* ODCS requires a status; a contract that says none is written as draft, which is what
     * dcc's checks take it for, and says so (dccNoStatus) so that it reads back without one */
    bool no_status = c->kind != UNIT_LIBRARY && !c->status_name && !c->status_other;
    kv(w, "status", c->status_other ? c->status_other->text : model_status_name(c->status));
    if (c->domain) kv(w, "domain", c->domain->text);
    if (c->product) kv(w, "dataProduct", c->product->text);
    if (c->tenant) kv(w, "tenant", c->tenant->text);
    if (c->created) kv(w, "contractCreatedTs", c->created->text);
    description(w, c);
    if (c->tags) {
        str(w, "tags");
        seq_begin(w);
        for (const Literal *t = c->tags; t; t = t->next) str_n(w, t->text, t->len);
        seq_end(w);
    }
    team(w, c);
    if (meta_item(c, CI_ROLE)) {
        str(w, "roles");
        seq_begin(w);
        named_entries(w, c->meta, CI_ROLE, "role");
        seq_end(w);
    }
    const MetaItem *price = meta_item(c, CI_PRICE);
    if (price) {
        str(w, "price");
        meta(w, price->value);
    }
    support(w, c);
    if (c->links) {
        str(w, "authoritativeDefinitions");
        seq_begin(w);
        for (const Link *l = c->links; l; l = l->next) {
            map_begin(w);
            kv(w, "type", l->name.text);
            kv(w, "url", l->url->text);
            if (l->description) kv(w, "description", l->description->text);
            map_end(w);
        }
        seq_end(w);
    }
    servers(w, c);
    sla(w, c);
    /* a contract that follows ODCS may have no dataset: `schema: []` */
    if (c->datasets || c->standard) {
        str(w, "schema");
        seq_begin(w);
        for (const Dataset *ds = c->datasets; ds; ds = ds->next) dataset(w, ds);
        seq_end(w);
    }
    /* dcc's own custom properties: the compatibility promise when one is written, and whether
     * the contract keeps dcc's house rules (one that does not follows ODCS's: `standard odcs`) */
    if (c->compat_name || !c->standard || meta_item(c, CI_CUSTOM) || c->types || c->imports || c->kind == UNIT_LIBRARY || no_status) {
        str(w, "customProperties");
        seq_begin(w);
        custom_entries(w, c->meta);
        if (c->kind == UNIT_LIBRARY) custom_plain(w, "dccLibrary", "true");
        if (c->imports) imports(w, c);
        if (c->types) type_decls(w, c);
        if (c->compat_name)
            custom(w, "dccCompatibility", arena_printf(w->ctx->arena, "%s%s", model_compat_name(c->compatibility),
                                                       c->compat_transitive ? " transitive" : ""));
        if (no_status) custom_plain(w, "dccNoStatus", "true");
        if (!c->standard) custom_plain(w, "dccHouseRules", "true");
        seq_end(w);
    }
    map_end(w);
}

typedef struct {
    EmitScope *files;
} OdcsRun;

static int odcs_begin(TargetCtx *ctx)
{
    OdcsRun *run = ARENA_NEW(ctx->arena, OdcsRun);
    run->files = emit_scope_new(ctx->arena, true);
    ctx->state = run;
    return 0;
}

/* One pass of the emitter over the contract into w->out; -1 when the emitter failed. */
static int write_document(Yw *w, const Contract *unit)
{
    if (!yaml_emitter_initialize(&w->em)) return -1;
    yaml_emitter_set_output(&w->em, write_out, w);
    yaml_emitter_set_unicode(&w->em, 1);
    yaml_emitter_set_width(&w->em, 100);
    yaml_emitter_set_indent(&w->em, 2);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(w, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(w, &ev);
    contract(w, unit);
    yaml_document_end_event_initialize(&ev, 1);
    emit(w, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(w, &ev);
    yaml_emitter_flush(&w->em);
    bool failed = w->failed;
    const char *problem = w->em.problem;
    yaml_emitter_delete(&w->em);
    if (failed) {
        diag_report(w->ctx->diags, D_TARGET_UNSUPPORTED, unit->name.span, "odcs: the YAML emitter failed: %s", problem ? problem : "?");
        return -1;
    }
    return 0;
}

static int odcs_unit(TargetCtx *ctx, const Contract *unit)
{
    /* ODCS has no libraries: one is a document without schema, its types in dccTypes and the
     * custom property dccLibrary, for the contracts that import it (their dccImports) */
    OdcsRun *run = ctx->state;
    const char *stem = emit_claim(run->files, emit_ascii_lower(ctx->arena, unit->name.text));
    StrBuf *out = outset_add(ctx->out, arena_printf(ctx->arena, "%s.odcs.yaml", stem));
    emit_banner(out, EMIT_COMMENT_HASH, unit->name.text, NULL, 0);
    /* First into scratch, to learn the oldest version that takes what is written (the
     * apiVersion comes first in the document); then for real. */
    StrBuf scratch;
    sb_init(&scratch);
    Yw pre = {.ctx = ctx, .out = &scratch, .standard = unit->standard != NULL, .needs = content_version(unit)};
    int rc = write_document(&pre, unit);
    sb_free(&scratch);
    if (rc < 0) return -1;
    Yw w = {.ctx = ctx, .out = out, .standard = unit->standard != NULL, .needs = pre.needs, .api = api_version(unit, pre.needs)};
    return write_document(&w, unit);
}

const Target tgt_odcs = {
    "odcs", "an Open Data Contract Standard v3.1.0 YAML document per contract and library (<name>.odcs.yaml)",
    NULL, 0,
    odcs_begin, odcs_unit, NULL,
};
