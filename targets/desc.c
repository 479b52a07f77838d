/* desc.c - model -> runtime descriptors: the one mapping from contract to validation rules. */
#include "desc.h"

#include <stdlib.h>
#include <string.h>

#include "regex.h"

/* The fields of a struct type already described: every use of one named struct shares one
 * array, so that consumers (the C target's one C struct per named struct) can tell. */
typedef struct StructSeen {
    const Type *type;
    const dcc_field_desc *fields;
    size_t n;
    struct StructSeen *next;
} StructSeen;

typedef struct {
    Arena *a;
    const char *err;
    StructSeen *structs;
} DescCtx;

static dcc_kind kind_of(TypeKind k)
{
    switch (k) {
    case TY_BOOLEAN: return DCC_BOOLEAN;
    case TY_INT8: return DCC_INT8;
    case TY_INT16: return DCC_INT16;
    case TY_INT32: return DCC_INT32;
    case TY_INT64: return DCC_INT64;
    case TY_FLOAT32: return DCC_FLOAT32;
    case TY_FLOAT64: return DCC_FLOAT64;
    case TY_DECIMAL: return DCC_DECIMAL;
    case TY_STRING: return DCC_STRING;
    case TY_BYTES: return DCC_BYTES;
    case TY_DATE: return DCC_DATE;
    case TY_TIME: return DCC_TIME;
    case TY_TIMESTAMP: return DCC_TIMESTAMP;
    case TY_TIMESTAMPTZ: return DCC_TIMESTAMPTZ;
    case TY_UUID: return DCC_UUID;
    case TY_ENUM: return DCC_ENUM;
    case TY_LIST: return DCC_LIST;
    case TY_MAP: return DCC_MAP;
    case TY_STRUCT: return DCC_STRUCT;
    case TY_JSON:
    case TY_NAMED:
    case TY_ERROR: break;
    }
    return DCC_JSON;
}

static int64_t length_bound(const Literal *l)
{
    if (!l) return -1;
    return strtoll(l->text, NULL, 10);
}

static void fill(DescCtx *c, dcc_field_desc *d, const Type *t, const Attrs *at);

static void fill_fields(DescCtx *c, const Field *first, const dcc_field_desc **out, size_t *n)
{
    size_t count = 0;
    for (const Field *f = first; f; f = f->next) count++;
    dcc_field_desc *v = arena_alloc(c->a, (count ? count : 1) * sizeof *v);
    size_t i = 0;
    for (const Field *f = first; f; f = f->next, i++) {
        /* sema merged the field's attributes with its named types' (Field.effective). */
        v[i].name = f->name.text;
        v[i].optional = f->optional;
        fill(c, &v[i], f->rtype, f->effective ? f->effective : f->attrs);
    }
    *out = v;
    *n = count;
}

/* The element of a list or the value of a map: a type with only its chain's attributes, both
 * as sema resolved them (Type.resolved, Type.chain_attrs). */
static const dcc_field_desc *element(DescCtx *c, const Type *t)
{
    static const Attrs none; /* every member "not given" */
    dcc_field_desc *e = ARENA_NEW(c->a, dcc_field_desc);
    fill(c, e, model_type_resolve(t), t && t->chain_attrs ? t->chain_attrs : &none);
    return e;
}

static void fill(DescCtx *c, dcc_field_desc *d, const Type *t, const Attrs *at)
{
    d->kind = t ? kind_of(t->kind) : DCC_JSON;
    if (!t) return;
    switch (t->kind) {
    case TY_DECIMAL:
        d->precision = t->u.decimal.p;
        d->scale = t->u.decimal.s;
        break;
    case TY_STRING:
        d->max_length = t->u.string.max_len > 0 ? t->u.string.max_len : 0;
        break;
    case TY_ENUM: {
        const char **vals = arena_alloc(c->a, (t->u.enumeration.count + 1) * sizeof *vals);
        size_t i = 0;
        for (const EnumValue *e = t->u.enumeration.values; e; e = e->next) vals[i++] = e->name;
        d->enum_values = vals;
        d->nenum_values = i;
        break;
    }
    case TY_LIST: d->elem = element(c, t->u.list.elem); break;
    case TY_MAP: d->elem = element(c, t->u.map.value); break;
    case TY_STRUCT: {
        const StructSeen *seen = c->structs;
        while (seen && seen->type != t) seen = seen->next;
        if (seen) {
            d->fields = seen->fields;
            d->nfields = seen->n;
            break;
        }
        fill_fields(c, t->u.strct.fields, &d->fields, &d->nfields);
        StructSeen *add = ARENA_NEW(c->a, StructSeen);
        *add = (StructSeen){t, d->fields, d->nfields, c->structs};
        c->structs = add;
        break;
    }
    default: break;
    }
    if (at->range) {
        d->range_lo = at->range->lo ? at->range->lo->text : NULL;
        d->range_hi = at->range->hi ? at->range->hi->text : NULL;
        /* An open side has no bound to include or exclude. */
        d->range_lo_exclusive = at->range->lo && !at->range->lo_inclusive;
        d->range_hi_exclusive = at->range->hi && !at->range->hi_inclusive;
    }
    if (at->length) {
        d->has_length = true;
        d->length_min = length_bound(at->length->lo);
        d->length_max = length_bound(at->length->hi);
        /* An exclusive integer bound is the inclusive bound next to it. */
        if (d->length_min >= 0 && !at->length->lo_inclusive) d->length_min++;
        if (d->length_max >= 0 && !at->length->hi_inclusive) d->length_max--;
    }
    if (at->pattern) {
        RegexError err;
        RegexDfa *dfa = regex_compile(c->a, at->pattern->text, at->pattern->len, &err);
        if (!dfa) c->err = err.message;
        else d->pattern = regex_dfa_tables(c->a, dfa);
        d->pattern_text = at->pattern->text;
    }
    if (at->values) {
        size_t n = 0;
        for (const Literal *l = at->values; l; l = l->next) n++;
        const char **vals = arena_alloc(c->a, (n + 1) * sizeof *vals);
        n = 0;
        for (const Literal *l = at->values; l; l = l->next) vals[n++] = l->text;
        d->values = vals;
        d->nvalues = n;
    }
    d->unique = at->unique;
    if (at->default_value && at->default_value->kind != LIT_NULL) d->default_value = at->default_value->text;
}

static size_t field_index(const Dataset *ds, const char *name)
{
    size_t i = 0;
    for (const Field *f = ds->fields; f; f = f->next, i++)
        if (strcmp(f->name.text, name) == 0) return i;
    return (size_t)-1; /* unreachable after sema: keys name existing fields */
}

static const size_t *name_indexes(Arena *a, const Dataset *ds, const Name *names, size_t *n)
{
    size_t count = 0;
    for (const Name *x = names; x; x = x->next) count++;
    size_t *v = arena_alloc(a, (count ? count : 1) * sizeof *v);
    count = 0;
    for (const Name *x = names; x; x = x->next) v[count++] = field_index(ds, x->text);
    *n = count;
    return v;
}

static dcc_cmp_op op_of(CmpOp op)
{
    switch (op) {
    case CMP_LT: return DCC_OP_LT;
    case CMP_LE: return DCC_OP_LE;
    case CMP_GT: return DCC_OP_GT;
    case CMP_GE: return DCC_OP_GE;
    case CMP_NE: return DCC_OP_NE;
    case CMP_BETWEEN: return DCC_OP_BETWEEN;
    case CMP_NOT_BETWEEN: return DCC_OP_NOT_BETWEEN;
    case CMP_EQ: break;
    }
    return DCC_OP_EQ;
}

/* The threshold of a rule as the contract wrote it, for the runtime to compare exactly: a count
 * ("1000"), a percentage without its sign ("99.9", unit "%"), a duration split into its digits
 * and unit ("1h": "1", "h"). */
static void quality_threshold(Arena *a, const QualityRule *r, dcc_quality_desc *x)
{
    const char *t = r->value ? r->value->text : NULL;
    if (!t || r->kind == RULE_UNIQUE) return;
    switch (r->kind) {
    case RULE_NULL_RATE:
    case RULE_VALID_RATE:
    case RULE_DUPLICATE_RATE:
    case RULE_MISSING_RATE:
    case RULE_NOTIN_RATE:
        x->threshold = t;
        x->unit = "%";
        break;
    case RULE_FRESHNESS: {
        size_t k = 0;
        while (t[k] >= '0' && t[k] <= '9') k++;
        x->threshold = arena_strndup(a, t, k);
        x->unit = t + k;
        break;
    }
    default:
        x->threshold = t;
        break;
    }
    /* between: the high bound in the same unit (sema made the units of a duration's bounds agree) */
    const char *h = CMP_IS_RANGE(r->op) && r->value_hi ? r->value_hi->text : NULL;
    if (h) {
        size_t k = 0;
        while (r->kind == RULE_FRESHNESS && h[k] >= '0' && h[k] <= '9') k++;
        x->threshold_hi = r->kind == RULE_FRESHNESS ? arena_strndup(a, h, k) : h;
    }
}

const dcc_dataset_desc *desc_build(Arena *a, const Dataset *ds, const char **err)
{
    DescCtx c = {a, NULL, NULL};
    dcc_dataset_desc *d = ARENA_NEW(a, dcc_dataset_desc);
    d->abi = DCC_ABI_TAG;
    d->name = ds->name.text;
    fill_fields(&c, ds->fields, &d->fields, &d->nfields);
    if (ds->primary_key) d->primary_key = name_indexes(a, ds, ds->primary_key->fields, &d->nprimary_key);
    size_t nk = 0;
    for (const Key *k = ds->uniques; k; k = k->next) nk++;
    if (nk) {
        dcc_key_desc *keys = arena_alloc(a, nk * sizeof *keys);
        nk = 0;
        for (const Key *k = ds->uniques; k; k = k->next, nk++)
            keys[nk].fields = name_indexes(a, ds, k->fields, &keys[nk].nfields);
        d->unique_keys = keys;
        d->nunique_keys = nk;
    }
    d->allow_unknown_fields = ds->unknown_fields == UNKNOWN_ALLOW;
    size_t nq = 0;
    for (const QualityRule *r = ds->quality; r; r = r->next) nq++;
    if (nq) {
        dcc_quality_desc *q = arena_alloc(a, nq * sizeof *q);
        nq = 0;
        for (const QualityRule *r = ds->quality; r; r = r->next) {
            dcc_quality_desc *x = &q[nq];
            switch (r->kind) {
            case RULE_ROW_COUNT: x->kind = DCC_Q_ROW_COUNT; break;
            case RULE_NULL_RATE: x->kind = DCC_Q_NULL_RATE; break;
            case RULE_VALID_RATE: x->kind = DCC_Q_VALID_RATE; break;
            case RULE_FRESHNESS: x->kind = DCC_Q_FRESHNESS; break;
            case RULE_UNIQUE: x->kind = DCC_Q_UNIQUE; break;
            case RULE_NULL_COUNT: x->kind = DCC_Q_NULL_COUNT; break;
            case RULE_INVALID_COUNT: x->kind = DCC_Q_INVALID_COUNT; break;
            case RULE_DUPLICATE_COUNT: x->kind = DCC_Q_DUPLICATE_COUNT; break;
            case RULE_DUPLICATE_RATE: x->kind = DCC_Q_DUPLICATE_RATE; break;
            case RULE_MISSING_COUNT: x->kind = DCC_Q_MISSING_COUNT; break;
            case RULE_MISSING_RATE: x->kind = DCC_Q_MISSING_RATE; break;
            case RULE_NOTIN_COUNT: x->kind = DCC_Q_NOTIN_COUNT; break;
            case RULE_NOTIN_RATE: x->kind = DCC_Q_NOTIN_RATE; break;
            case RULE_SQL: continue; /* evaluated in the warehouse, not by the runtime */
            }
            x->op = op_of(r->op);
            quality_threshold(a, r, x);
            x->fields = name_indexes(a, ds, r->fields, &x->nfields);
            if (RULE_HAS_VALUES(r->kind)) { /* the values as text, NULL-ended (sema checked their types) */
                size_t nv = 0;
                for (const Literal *l = r->values; l; l = l->next) nv++;
                const char **vs = arena_alloc(a, (nv + 1) * sizeof *vs);
                nv = 0;
                for (const Literal *l = r->values; l; l = l->next) {
                    if (l->kind == LIT_NULL) x->values_null = 1; /* an invalid rule's null: a flag */
                    else vs[nv++] = l->text ? l->text : "";
                }
                vs[nv] = NULL;
                x->values = vs;
            }
            nq++;
        }
        d->quality = q;
        d->nquality = nq;
    }
    if (c.err) {
        *err = c.err;
        return NULL;
    }
    return d;
}

