/* jschema.c - a dataset's records as JSON Schema 2020-12 with the runtime's meaning (jschema.h). */
#include "jschema.h"

#include <stdlib.h>
#include <string.h>

#include "jsre.h"
#include "regex.h"

const char *const jschema_vocabulary[] = {
    "x-dcc-contract", "x-dcc-sla", "x-dcc-primary-key", "x-dcc-unique-keys", "x-dcc-quality",
    "x-dcc-upstream", "x-dcc-type", "x-dcc-unique", "x-dcc-references", "x-dcc-unit", "x-dcc-term",
    "x-dcc-classification", "x-dcc-pii", "x-dcc-deprecated", "x-dcc-range", "x-dcc-values", NULL,
};

/* A named type to write: the declaration and whether unknown members are allowed in the structs
 * it holds (the dataset's policy, which reaches into nested structs). */
typedef struct {
    const TypeDecl *decl;
    bool open;
    const char *name;
} Def;

struct JsGen {
    TargetCtx *ctx;
    Arena *a;
    JsonWriter *w;
    const char *ref_prefix;
    const Contract *unit; /* whose aliases the references written resolve through */
    bool open;            /* the current dataset allows unknown fields */
    EmitScope *def_names;
    EmitScope *warned;
    Def *defs;
    size_t ndefs, cap, written;
    bool failed;
};

EmitScope *jschema_warned_new(TargetCtx *ctx) { return emit_scope_new(ctx->arena, false); }

JsGen *jschema_new(TargetCtx *ctx, JsonWriter *w, const char *ref_prefix, EmitScope *warned)
{
    JsGen *g = ARENA_NEW(ctx->arena, JsGen);
    g->ctx = ctx;
    g->a = ctx->arena;
    g->w = w;
    g->ref_prefix = ref_prefix;
    g->def_names = emit_scope_new(ctx->arena, false);
    g->warned = warned;
    return g;
}

bool jschema_failed(const JsGen *g) { return g->failed; }

size_t jschema_defs_pending(const JsGen *g) { return g->ndefs - g->written; }

static const Attrs no_attrs;

/* ---- small writers ------------------------------------------------------------------------- */

static void key_string(JsGen *g, const char *k, const char *v)
{
    jsonw_key(g->w, k);
    jsonw_string(g->w, v);
}

/* A number literal of the contract as JSON: its own text when JSON reads it (it keeps the
 * author's spelling), else the exact value without exponent. */
static void number(JsGen *g, const char *text)
{
    if (jsonw_is_number(text)) {
        jsonw_number(g->w, text);
        return;
    }
    JsDec d;
    if (jsre_dec_parse(g->a, text, &d)) jsonw_number(g->w, jsre_dec_text(g->a, &d));
    else jsonw_null(g->w);
}

static void literal(JsGen *g, const Literal *l)
{
    switch (l->kind) {
    case LIT_NUMBER: number(g, l->text); break;
    case LIT_BOOL: jsonw_bool(g->w, strcmp(l->text, "true") == 0); break;
    case LIT_NULL: jsonw_null(g->w); break;
    case LIT_STRING: jsonw_string_n(g->w, l->text, l->len); break;
    case LIT_IDENT: jsonw_string(g->w, l->text); break;
    }
}

/* A pattern built in b, written as `"pattern": ...` or as one item of an allOf. */
static void pattern_member(JsGen *g, StrBuf *b)
{
    jsonw_key(g->w, "pattern");
    jsonw_string_n(g->w, b->data, b->len);
    sb_free(b);
}

/* ---- named types --------------------------------------------------------------------------- */

static bool holds_struct(const Type *t)
{
    t = model_type_resolve(t);
    if (!t) return false;
    if (t->kind == TY_STRUCT) return true;
    if (t->kind == TY_LIST) return holds_struct(t->u.list.elem);
    if (t->kind == TY_MAP) return holds_struct(t->u.map.value);
    return false;
}

/* The stable name of a named type: its unit's name and its own, so that the same type has the
 * same name in every schema whatever alias imported it. Types holding structs get "-open" where
 * unknown members are allowed (a different schema; no identifier holds a '-'). */
static const char *def_ref(JsGen *g, const TypeDecl *d)
{
    bool open = g->open && holds_struct(d->type);
    const char *owner = d->owner && d->owner->name.text ? d->owner->name.text : "";
    const char *name = arena_printf(g->a, "%s%s%s%s", owner, *owner ? "." : "", d->name.text, open ? "-open" : "");
    if (emit_claim_exact(g->def_names, name)) {
        if (g->ndefs == g->cap) {
            size_t cap = g->cap ? 2 * g->cap : 16;
            Def *v = arena_alloc(g->a, cap * sizeof *v);
            if (g->ndefs) memcpy(v, g->defs, g->ndefs * sizeof *v);
            g->defs = v;
            g->cap = cap;
        }
        g->defs[g->ndefs++] = (Def){d, open, name};
    }
    return name;
}

/* ---- annotations ---------------------------------------------------------------------------- */

/* The contract a qualified reference names: alias.dataset.field through an import, or
 * dataset.field in the unit itself. */
static void references(JsGen *g, const QualName *q)
{
    const Name *p = q->parts;
    const char *contract = g->unit && g->unit->name.text ? g->unit->name.text : "";
    if (q->nparts >= 3 && p) {
        for (const Import *im = g->unit ? g->unit->imports : NULL; im; im = im->next)
            if (im->alias_name && im->target && strcmp(im->alias_name, p->text) == 0) contract = im->target->name.text;
        p = p->next;
    }
    jsonw_key(g->w, "x-dcc-references");
    jsonw_object(g->w);
    key_string(g, "contract", contract);
    if (p) key_string(g, "dataset", p->text);
    if (p && p->next) key_string(g, "field", p->next->text);
    jsonw_end(g->w);
}

/* What a field or type means beyond its values: one x-dcc- keyword each (docs/jsonschema.md). */
static void meaning(JsGen *g, const Attrs *at)
{
    if (at->deprecated) {
        jsonw_key(g->w, "deprecated");
        jsonw_bool(g->w, true);
        if (at->sunset || at->deprecation_reason) {
            jsonw_key(g->w, "x-dcc-deprecated");
            jsonw_object(g->w);
            if (at->sunset) key_string(g, "sunset", at->sunset->text);
            if (at->deprecation_reason) {
                jsonw_key(g->w, "reason");
                jsonw_string_n(g->w, at->deprecation_reason->text, at->deprecation_reason->len);
            }
            jsonw_end(g->w);
        }
    }
    if (at->unique) {
        jsonw_key(g->w, "x-dcc-unique");
        jsonw_bool(g->w, true);
    }
    if (at->references) references(g, at->references);
    if (at->unit) {
        jsonw_key(g->w, "x-dcc-unit");
        jsonw_string_n(g->w, at->unit->text, at->unit->len);
    }
    if (at->term) {
        jsonw_key(g->w, "x-dcc-term");
        jsonw_string_n(g->w, at->term->text, at->term->len);
    }
    if (at->classification != CLASS_NONE) key_string(g, "x-dcc-classification", model_classification_name(at->classification));
    if (at->pii) key_string(g, "x-dcc-pii", at->pii->text);
}

/* ---- values -------------------------------------------------------------------------------- */

static const char *const int_min[] = {"-128", "-32768", "-2147483648", "-9223372036854775808"};
static const char *const int_max[] = {"127", "32767", "2147483647", "9223372036854775807"};
/* float32: the least magnitude that rounds to infinity (runtime/validate.c), exclusive: a float32
 * is finite below it. float64: that magnitude reads as Infinity in JavaScript, which JSON Schema
 * validators refuse as a bound, so the largest double, inclusive; the values between the two,
 * which dcc takes, round to it in every double-based validator (docs: "Known differences"). */
static const char flt32_inf[] = "340282356779733661637539395458142568448";
static const char flt64_max[] = "1.7976931348623157e308";

/* The type as the contract spells it, for x-dcc-type. */
static const char *type_text(JsGen *g, const Type *t)
{
    switch (t->kind) {
    case TY_DECIMAL: return arena_printf(g->a, "decimal(%d,%d)", t->u.decimal.p, t->u.decimal.s);
    case TY_STRING:
        if (t->u.string.max_len > 0) return arena_printf(g->a, "string(%lld)", (long long)t->u.string.max_len);
        return "string";
    default: return model_type_kind_name(t->kind);
    }
}

/* minimum/exclusiveMinimum/maximum/exclusiveMaximum from a range, else from the type's own
 * limits (lo/hi, exclusive when the flags say so; NULL for none). */
static void bounds(JsGen *g, const Interval *r, const char *lo, bool lo_x, const char *hi, bool hi_x)
{
    if (r && r->lo) {
        jsonw_key(g->w, r->lo_inclusive ? "minimum" : "exclusiveMinimum");
        number(g, r->lo->text);
    } else if (lo) {
        jsonw_key(g->w, lo_x ? "exclusiveMinimum" : "minimum");
        jsonw_number(g->w, lo);
    }
    if (r && r->hi) {
        jsonw_key(g->w, r->hi_inclusive ? "maximum" : "exclusiveMaximum");
        number(g, r->hi->text);
    } else if (hi) {
        jsonw_key(g->w, hi_x ? "exclusiveMaximum" : "maximum");
        jsonw_number(g->w, hi);
    }
}

/* `enum` of the allowed values, each as the JSON value the field holds. */
static void literal_enum(JsGen *g, const Literal *values)
{
    jsonw_key(g->w, "enum");
    jsonw_array(g->w);
    for (const Literal *l = values; l; l = l->next) literal(g, l);
    jsonw_end(g->w);
}

/* Inclusive integer bounds of a length interval (-1: none). */
static void length_bounds(const Interval *iv, int64_t *lo, int64_t *hi)
{
    *lo = *hi = -1;
    if (!iv) return;
    if (iv->lo) *lo = strtoll(iv->lo->text, NULL, 10) + (iv->lo_inclusive ? 0 : 1);
    if (iv->hi) *hi = strtoll(iv->hi->text, NULL, 10) - (iv->hi_inclusive ? 0 : 1);
}

static void count_keys(JsGen *g, const Interval *iv, const char *min, const char *max, int64_t type_max)
{
    int64_t lo, hi;
    length_bounds(iv, &lo, &hi);
    if (type_max > 0 && (hi < 0 || type_max < hi)) hi = type_max;
    if (lo > 0) {
        jsonw_key(g->w, min);
        jsonw_int(g->w, lo);
    }
    if (hi >= 0) {
        jsonw_key(g->w, max);
        jsonw_int(g->w, hi);
    }
}

/* The patterns a value must match besides its grammar, as allOf items (one pattern each). */
typedef struct {
    StrBuf items[4];
    size_t n;
} Patterns;

static StrBuf *pattern_add(Patterns *p)
{
    StrBuf *b = &p->items[p->n++];
    sb_init(b);
    return b;
}

static void patterns_write(JsGen *g, Patterns *p)
{
    if (p->n == 0) return;
    if (p->n == 1) {
        pattern_member(g, &p->items[0]);
        p->n = 0;
        return;
    }
    jsonw_key(g->w, "allOf");
    jsonw_array(g->w);
    for (size_t i = 0; i < p->n; i++) {
        jsonw_object(g->w);
        pattern_member(g, &p->items[i]);
        jsonw_end(g->w);
    }
    jsonw_end(g->w);
    p->n = 0;
}

/* A decimal written as a JSON string: its digits, range and allowed values as patterns. */
static void decimal_string_patterns(JsGen *g, const Type *t, const Attrs *at, bool base, Patterns *p)
{
    if (base) jsre_dec_digits(pattern_add(p), t->u.decimal.p, t->u.decimal.s);
    JsDec d;
    if (at->range && at->range->lo && jsre_dec_parse(g->a, at->range->lo->text, &d))
        jsre_dec_bound(pattern_add(p), &d, true, at->range->lo_inclusive);
    if (at->range && at->range->hi && jsre_dec_parse(g->a, at->range->hi->text, &d))
        jsre_dec_bound(pattern_add(p), &d, false, at->range->hi_inclusive);
    if (at->values) {
        size_t n = 0;
        for (const Literal *l = at->values; l; l = l->next) n++;
        JsDec *v = arena_alloc(g->a, n * sizeof *v);
        n = 0;
        for (const Literal *l = at->values; l; l = l->next)
            if (jsre_dec_parse(g->a, l->text, &v[n])) n++;
        jsre_dec_values(pattern_add(p), v, n);
    }
}

/* The schema of a decimal: a JSON number (multipleOf the scale, bounded by the precision and the
 * range) or a JSON string holding one (patterns), as the runtime accepts both. With base false,
 * only what the attributes add (the rest comes from a $ref). */
static void decimal_branches(JsGen *g, const Type *t, const Attrs *at, bool base)
{
    jsonw_object(g->w);
    int p = t->u.decimal.p, s = t->u.decimal.s;
    key_string(g, "type", s == 0 && base ? "integer" : "number");
    if (base && s > 0) {
        jsonw_key(g->w, "multipleOf");
        char *m = arena_alloc(g->a, (size_t)s + 3);
        memcpy(m, "0.", 2);
        memset(m + 2, '0', (size_t)s - 1);
        m[s + 1] = '1';
        jsonw_number(g->w, m);
    }
    const char *lim = NULL, *nlim = NULL;
    if (base) {
        char *x = arena_alloc(g->a, (size_t)(p - s) + 3);
        x[0] = '-';
        x[1] = '1';
        memset(x + 2, '0', (size_t)(p - s));
        nlim = x;
        lim = x + 1;
    }
    bounds(g, at->range, nlim, true, lim, true);
    if (at->values) literal_enum(g, at->values);
    jsonw_end(g->w);
    jsonw_object(g->w);
    key_string(g, "type", "string");
    Patterns pt = {.n = 0};
    decimal_string_patterns(g, t, at, base, &pt);
    patterns_write(g, &pt);
    jsonw_end(g->w);
}

/* Members of a temporal value's schema beyond its type. */
static void temporal(JsGen *g, const Type *t, const Attrs *at, bool base)
{
    TypeKind k = t->kind;
    if (base) {
        /* JSON Schema's "time" format requires an offset (RFC 3339 full-time); dcc's time has
         * none, so only its pattern says what it is. */
        if (k == TY_DATE) key_string(g, "format", "date");
        else if (k == TY_TIMESTAMP || k == TY_TIMESTAMPTZ) key_string(g, "format", "date-time");
    }
    Patterns p = {.n = 0};
    if (base) sb_puts(pattern_add(&p), jsre_temporal_grammar(k));
    bool exact = k != TY_TIMESTAMPTZ;
    if (exact && at->range && at->range->lo) jsre_temporal_bound(pattern_add(&p), k, at->range->lo->text, true, at->range->lo_inclusive);
    if (exact && at->range && at->range->hi) jsre_temporal_bound(pattern_add(&p), k, at->range->hi->text, false, at->range->hi_inclusive);
    if (exact && at->values) jsre_temporal_values(pattern_add(&p), k, at->values);
    patterns_write(g, &p);
    if (!exact && (at->range || at->values)) {
        Span sp = at->range ? at->range->span : at->values_span;
        if (emit_claim_exact(g->warned, arena_printf(g->a, "%u:%u", sp.file, sp.start)))
            diag_report(g->ctx->diags, D_TARGET_UNCHECKED, sp,
                        "target %s keeps this timestamptz %s as x-dcc-%s only: JSON Schema cannot compare instants across offsets",
                        g->ctx->target->name, at->range ? "range" : "allowed values", at->range ? "range" : "values");
    }
    if (!exact && at->range) {
        /* Instants at any offset: no pattern of reasonable size orders them. */
        const Interval *r = at->range;
        jsonw_key(g->w, "x-dcc-range");
        jsonw_object(g->w);
        if (r->lo) key_string(g, r->lo_inclusive ? "minimum" : "exclusiveMinimum", r->lo->text);
        if (r->hi) key_string(g, r->hi_inclusive ? "maximum" : "exclusiveMaximum", r->hi->text);
        jsonw_end(g->w);
    }
    if (!exact && at->values) {
        jsonw_key(g->w, "x-dcc-values");
        jsonw_array(g->w);
        for (const Literal *l = at->values; l; l = l->next) literal(g, l);
        jsonw_end(g->w);
    }
}

static void body(JsGen *g, const Type *written, const Attrs *own, const Attrs *eff, bool nullable);
static void struct_members(JsGen *g, const Field *fields);

/* The members of the schema of a resolved type t under attributes at, written into the open
 * object. base: also what the type itself says (false after a $ref, which says it already).
 * nullable: null is a value too. */
static void members(JsGen *g, const Type *t, const Attrs *at, bool base, bool nullable)
{
    JsonWriter *w = g->w;
    TypeKind k = t->kind;
    if (k == TY_ERROR) return; /* sema reported it; nothing to say */
    if (k == TY_JSON) return; /* any JSON value, null included (the runtime takes null for json) */
    if (k == TY_DECIMAL) {
        if (base) key_string(g, "x-dcc-type", type_text(g, t));
        jsonw_key(w, "anyOf");
        jsonw_array(w);
        decimal_branches(g, t, at, base);
        if (nullable) {
            jsonw_object(w);
            key_string(g, "type", "null");
            jsonw_end(w);
        }
        jsonw_end(w);
        return;
    }
    if (nullable) {
        /* the value's schema as one branch, null as the other */
        jsonw_key(w, "anyOf");
        jsonw_array(w);
        jsonw_object(w);
        members(g, t, at, base, false);
        jsonw_end(w);
        jsonw_object(w);
        key_string(g, "type", "null");
        jsonw_end(w);
        jsonw_end(w);
        return;
    }
    if (base && model_type_is_scalar(k) && k != TY_ENUM) key_string(g, "x-dcc-type", type_text(g, t));
    switch (k) {
    case TY_BOOLEAN:
        if (base) key_string(g, "type", "boolean");
        if (at->values) literal_enum(g, at->values);
        break;
    case TY_INT8:
    case TY_INT16:
    case TY_INT32:
    case TY_INT64:
        if (base) key_string(g, "type", "integer");
        bounds(g, at->range, base ? int_min[k - TY_INT8] : NULL, false, base ? int_max[k - TY_INT8] : NULL, false);
        if (at->values) literal_enum(g, at->values);
        break;
    case TY_FLOAT32:
    case TY_FLOAT64: {
        if (base) key_string(g, "type", "number");
        bool f32 = k == TY_FLOAT32;
        const char *inf = f32 ? flt32_inf : flt64_max;
        const char *ninf = arena_printf(g->a, "-%s", inf);
        bounds(g, at->range, base ? ninf : NULL, f32, base ? inf : NULL, f32);
        if (at->values) literal_enum(g, at->values);
        break;
    }
    case TY_STRING: {
        if (base) key_string(g, "type", "string");
        count_keys(g, at->length, "minLength", "maxLength", base ? t->u.string.max_len : -1);
        if (at->pattern) {
            RegexError err;
            char *re = regex_translate(g->a, at->pattern->text, at->pattern->len, REGEX_ECMA, &err);
            if (!re) {
                diag_report(g->ctx->diags, D_TARGET_UNSUPPORTED, at->pattern->span,
                            "target %s cannot express this pattern: %s", g->ctx->target->name, err.message);
                g->failed = true;
            } else {
                key_string(g, "pattern", re);
            }
        }
        if (at->values) literal_enum(g, at->values);
        break;
    }
    case TY_BYTES: {
        if (base) {
            key_string(g, "type", "string");
            key_string(g, "contentEncoding", "base64");
        }
        if (base || at->length) {
            int64_t lo, hi;
            length_bounds(at->length, &lo, &hi);
            StrBuf b;
            sb_init(&b);
            jsre_base64(&b, lo, hi);
            pattern_member(g, &b);
        }
        if (at->values) literal_enum(g, at->values);
        break;
    }
    case TY_UUID: {
        if (base) {
            key_string(g, "type", "string");
            key_string(g, "format", "uuid");
        }
        Patterns p = {.n = 0};
        if (base) sb_puts(pattern_add(&p), jsre_uuid);
        if (at->values) jsre_uuid_values(pattern_add(&p), at->values);
        patterns_write(g, &p);
        break;
    }
    case TY_DATE:
    case TY_TIME:
    case TY_TIMESTAMP:
    case TY_TIMESTAMPTZ:
        if (base) key_string(g, "type", "string");
        temporal(g, t, at, base);
        break;
    case TY_ENUM: {
        /* the names, less those the allowed values leave out */
        if (!base && !at->values) break;
        jsonw_key(w, "enum");
        jsonw_array(w);
        for (const EnumValue *e = t->u.enumeration.values; e; e = e->next) {
            if (!base) break;
            bool allowed = !at->values;
            for (const Literal *l = at->values; l && !allowed; l = l->next) allowed = l->text && strcmp(l->text, e->name) == 0;
            if (allowed) jsonw_string(w, e->name);
        }
        if (!base)
            for (const Literal *l = at->values; l; l = l->next) literal(g, l);
        jsonw_end(w);
        break;
    }
    case TY_LIST:
        if (base) {
            key_string(g, "type", "array");
            jsonw_key(w, "items");
            jsonw_object(w);
            body(g, t->u.list.elem, &no_attrs, t->u.list.elem->chain_attrs ? t->u.list.elem->chain_attrs : &no_attrs, false);
            jsonw_end(w);
        }
        count_keys(g, at->length, "minItems", "maxItems", -1);
        break;
    case TY_MAP:
        if (base) {
            key_string(g, "type", "object");
            jsonw_key(w, "additionalProperties");
            jsonw_object(w);
            body(g, t->u.map.value, &no_attrs, t->u.map.value->chain_attrs ? t->u.map.value->chain_attrs : &no_attrs, false);
            jsonw_end(w);
        }
        count_keys(g, at->length, "minProperties", "maxProperties", -1);
        break;
    case TY_STRUCT:
        if (base) struct_members(g, t->u.strct.fields);
        break;
    default:
        break;
    }
}

/* Whether a field's own attributes replace a constraint its named type already has: sema merges
 * them with the field's winning, while a $ref would add both. */
static bool overrides(const Attrs *own, const Attrs *type)
{
    return (own->range && type->range) || (own->length && type->length) ||
           (own->pattern && type->pattern) || (own->values && type->values);
}

static bool has_constraint(const Attrs *a) { return a->range || a->length || a->pattern || a->values; }

/* The schema of a value of type `written` (as the contract wrote it), members into the open
 * object: a $ref to its named type plus the constraints `own` adds, or the whole type inline
 * under the effective attributes. */
static void body(JsGen *g, const Type *written, const Attrs *own, const Attrs *eff, bool nullable)
{
    const Type *rt = model_type_resolve(written);
    if (!rt) return;
    const TypeDecl *d = written->kind == TY_NAMED ? written->u.named.decl : NULL;
    if (!d || !d->effective || overrides(own, d->effective) || rt->kind == TY_ERROR) {
        members(g, rt, eff, true, nullable);
        return;
    }
    const char *name = def_ref(g, d);
    const char *ref = arena_printf(g->a, "%s%s", g->ref_prefix, name);
    JsonWriter *w = g->w;
    if (nullable && rt->kind != TY_JSON) {
        jsonw_key(w, "anyOf");
        jsonw_array(w);
        jsonw_object(w);
    }
    key_string(g, "$ref", ref);
    if (has_constraint(own)) members(g, rt, own, false, false);
    if (nullable && rt->kind != TY_JSON) {
        jsonw_end(w);
        jsonw_object(w);
        key_string(g, "type", "null");
        jsonw_end(w);
        jsonw_end(w);
    }
}

static bool may_be_absent(const Field *f)
{
    const Attrs *e = f->effective ? f->effective : f->attrs;
    return f->optional || (e->default_value && e->default_value->kind != LIT_NULL);
}

static void field_schema(JsGen *g, const Field *f)
{
    const Attrs *eff = f->effective ? f->effective : f->attrs;
    jsonw_key(g->w, f->name.text);
    jsonw_object(g->w);
    if (f->doc) key_string(g, "description", f->doc);
    if (eff->default_value) {
        jsonw_key(g->w, "default");
        literal(g, eff->default_value);
    }
    meaning(g, eff);
    body(g, f->type, f->attrs, eff, f->optional);
    jsonw_end(g->w);
}

/* type, properties, required and additionalProperties of a record or struct. */
static void struct_members(JsGen *g, const Field *fields)
{
    JsonWriter *w = g->w;
    key_string(g, "type", "object");
    jsonw_key(w, "properties");
    jsonw_object(w);
    for (const Field *f = fields; f; f = f->next) field_schema(g, f);
    jsonw_end(w);
    bool any = false;
    for (const Field *f = fields; f && !any; f = f->next) any = !may_be_absent(f);
    if (any) {
        jsonw_key(w, "required");
        jsonw_array(w);
        for (const Field *f = fields; f; f = f->next)
            if (!may_be_absent(f)) jsonw_string(w, f->name.text);
        jsonw_end(w);
    }
    if (!g->open) {
        jsonw_key(w, "additionalProperties");
        jsonw_bool(w, false);
    }
}

/* ---- datasets and contracts ---------------------------------------------------------------- */

static void name_list(JsGen *g, const Name *names)
{
    jsonw_array(g->w);
    for (const Name *n = names; n; n = n->next) jsonw_string(g->w, n->text);
    jsonw_end(g->w);
}

static void quality(JsGen *g, const Dataset *ds)
{
    JsonWriter *w = g->w;
    jsonw_key(w, "x-dcc-quality");
    jsonw_array(w);
    for (const QualityRule *r = ds->quality; r; r = r->next) {
        jsonw_object(w);
        key_string(g, "rule", model_rule_name(r->kind));
        /* a key's rules list their fields (duplicate_count(a, b) has two), the others name one */
        if (r->kind == RULE_UNIQUE || r->kind == RULE_DUPLICATE_COUNT || r->kind == RULE_DUPLICATE_RATE) {
            jsonw_key(w, "fields");
            name_list(g, r->fields);
        } else if (r->fields) {
            key_string(g, "field", r->fields->text);
        }
        if (RULE_HAS_VALUES(r->kind)) { /* the missing values, as JSON values of the field */
            jsonw_key(w, "values");
            jsonw_array(w);
            for (const Literal *l = r->values; l; l = l->next) literal(g, l);
            jsonw_end(w);
        }
        if (r->kind == RULE_SQL && r->sql) {
            jsonw_key(w, "query");
            jsonw_string_n(w, r->sql->text, r->sql->len);
        }
        if (r->value) {
            key_string(g, "op", model_cmp_name(r->op));
            /* between: "value" is the low bound and "value_hi" the high one, both included */
            const Literal *vs[2] = {r->value, CMP_IS_RANGE(r->op) ? r->value_hi : NULL};
            for (int i = 0; i < 2 && vs[i]; i++) {
                jsonw_key(w, i ? "value_hi" : "value");
                if (RULE_IS_RATE(r->kind))
                    jsonw_string(w, arena_printf(g->a, "%s%%", vs[i]->text));
                else if (r->kind == RULE_FRESHNESS)
                    jsonw_string(w, vs[i]->text);
                else
                    number(g, vs[i]->text);
            }
        }
        jsonw_end(w);
    }
    jsonw_end(w);
}

/* The dataset an upstream names, by its contract's name (aliases are local to a file). */
static void upstream(JsGen *g, const Contract *c, const Dataset *ds)
{
    JsonWriter *w = g->w;
    jsonw_key(w, "x-dcc-upstream");
    jsonw_array(w);
    for (const Upstream *u = ds->upstream; u; u = u->next) {
        jsonw_object(w);
        if (u->external) {
            jsonw_key(w, "external");
            jsonw_string_n(w, u->external->text, u->external->len);
        } else if (u->resolved) {
            const Contract *owner = u->resolved->owner ? u->resolved->owner : c;
            key_string(g, "contract", owner->name.text);
            key_string(g, "dataset", u->resolved->name.text);
        } else if (u->name) {
            key_string(g, "dataset", u->name->text);
        }
        jsonw_end(w);
    }
    jsonw_end(w);
}

void jschema_dataset(JsGen *g, const Contract *c, const Dataset *ds)
{
    JsonWriter *w = g->w;
    g->unit = c;
    g->open = ds->unknown_fields == UNKNOWN_ALLOW;
    key_string(g, "title", ds->name.text);
    if (ds->doc) key_string(g, "description", ds->doc);
    struct_members(g, ds->fields);
    if (ds->primary_key) {
        jsonw_key(w, "x-dcc-primary-key");
        name_list(g, ds->primary_key->fields);
    }
    if (ds->uniques) {
        jsonw_key(w, "x-dcc-unique-keys");
        jsonw_array(w);
        for (const Key *k = ds->uniques; k; k = k->next) name_list(g, k->fields);
        jsonw_end(w);
    }
    if (ds->quality) quality(g, ds);
    if (ds->upstream) upstream(g, c, ds);
}

void jschema_field(JsGen *g, const Contract *c, const Dataset *ds, const Field *f)
{
    g->unit = c;
    g->open = ds->unknown_fields == UNKNOWN_ALLOW;
    const Attrs *eff = f->effective ? f->effective : f->attrs;
    jsonw_object(g->w);
    meaning(g, eff);
    body(g, f->type, f->attrs, eff, f->optional);
    jsonw_end(g->w);
}

void jschema_contract_annotations(JsGen *g, const Contract *c)
{
    JsonWriter *w = g->w;
    jsonw_key(w, "x-dcc-contract");
    jsonw_object(w);
    key_string(g, "name", c->name.text);
    if (c->version) key_string(g, "version", c->version->text);
    if (c->owner) {
        jsonw_key(w, "owner");
        jsonw_string_n(w, c->owner->text, c->owner->len);
    }
    if (c->contact) {
        jsonw_key(w, "contact");
        jsonw_string_n(w, c->contact->text, c->contact->len);
    }
    if (c->domain) key_string(g, "domain", c->domain->text);
    key_string(g, "status", model_status_name(c->status));
    if (c->tags) {
        jsonw_key(w, "tags");
        jsonw_array(w);
        for (const Literal *l = c->tags; l; l = l->next) jsonw_string_n(w, l->text, l->len);
        jsonw_end(w);
    }
    if (c->links) {
        jsonw_key(w, "links");
        jsonw_object(w);
        for (const Link *l = c->links; l; l = l->next) {
            jsonw_key(w, l->name.text);
            jsonw_string_n(w, l->url->text, l->url->len);
        }
        jsonw_end(w);
    }
    key_string(g, "compatibility", model_compat_name(c->compatibility));
    if (c->compat_transitive) {
        jsonw_key(w, "transitive");
        jsonw_bool(w, true);
    }
    if (c->serves || c->servers) {
        jsonw_key(w, "serve");
        jsonw_array(w);
        for (const Serve *s = c->serves; s; s = s->next) {
            jsonw_object(w);
            key_string(g, "kind", s->kind.text);
            jsonw_key(w, "address");
            jsonw_string_n(w, s->address->text, s->address->len);
            if (s->format) key_string(g, "format", s->format->text);
            jsonw_end(w);
        }
        /* named servers after the one-line ports, each as `dcc fmt --dump` shows it: name, type
         * and the fields in the order written (a port a number, a word a string) */
        for (const Server *s = c->servers; s; s = s->next) {
            jsonw_object(w);
            key_string(g, "name", s->name.text);
            key_string(g, "type", s->type.text);
            jsonw_key(w, "fields");
            jsonw_object(w);
            for (const ServerField *f = s->fields; f; f = f->next) {
                jsonw_key(w, f->key.text);
                if (f->value->kind == LIT_NUMBER && jsonw_is_number(f->value->text)) jsonw_number(w, f->value->text);
                else jsonw_string_n(w, f->value->text, f->value->len);
            }
            jsonw_end(w);
            jsonw_end(w);
        }
        jsonw_end(w);
    }
    jsonw_end(w);
    if (c->has_sla && c->sla) {
        jsonw_key(w, "x-dcc-sla");
        jsonw_object(w);
        for (const SlaItem *s = c->sla; s; s = s->next) {
            jsonw_key(w, model_sla_name(s->kind));
            if (s->cron) {
                jsonw_object(w);
                jsonw_key(w, "cron");
                jsonw_string_n(w, s->value->text, s->value->len);
                jsonw_end(w);
            } else if (s->kind == SLA_AVAILABILITY) {
                jsonw_string(w, arena_printf(g->a, "%s%%", s->value->text));
            } else {
                jsonw_string_n(w, s->value->text, s->value->len);
            }
        }
        jsonw_end(w);
    }
}

size_t jschema_defs(JsGen *g)
{
    size_t n = 0;
    bool open = g->open;
    const Contract *unit = g->unit;
    /* writing a type may reference more: the list grows while it is walked */
    for (; g->written < g->ndefs; g->written++, n++) {
        Def d = g->defs[g->written];
        const TypeDecl *td = d.decl;
        g->open = d.open;
        g->unit = td->owner ? td->owner : unit;
        jsonw_key(g->w, d.name);
        jsonw_object(g->w);
        key_string(g, "title", td->name.text);
        if (td->doc) key_string(g, "description", td->doc);
        const Attrs *eff = td->effective ? td->effective : &td->attrs;
        if (eff->default_value) {
            jsonw_key(g->w, "default");
            literal(g, eff->default_value);
        }
        meaning(g, eff);
        body(g, td->type, &td->attrs, eff, false);
        jsonw_end(g->w);
    }
    g->open = open;
    g->unit = unit;
    return n;
}
