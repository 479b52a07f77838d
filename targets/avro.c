/* avro.c - the Avro target: one Avro schema (.avsc) per dataset, for Kafka ports and files.
 *
 * Logical types carry what Avro's primitives lose (decimals, dates, times, timestamps, uuids);
 * optional fields are unions with null; enumerations get Avro-legal symbols, with the mapping
 * from the contract's values in "x-dcc-symbols" when any had to change; doc comments become
 * "doc". docs/jsonschema.md ("Avro") has the mapping and how a JSON record converts. */
#include <stdlib.h>
#include <string.h>

#include "dcc_rt.h"
#include "jsonw.h"
#include "target.h"

/* Names Avro reserves for its primitive types: no named type may take one. */
static const char *const primitives[] = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"};

typedef struct {
    EmitScope *files;
} AvroRun;

/* One schema file being written. */
typedef struct {
    Arena *a;
    JsonWriter *w;
    const Contract *unit;
    EmitScope *names;    /* full names of the named types defined in this schema */
    const char **decl_names; /* a TypeDecl defined already: its full name (parallel to decls) */
    const TypeDecl **decls;
    size_t ndecls, cap;
} Avro;

static void key_string(Avro *g, const char *k, const char *v)
{
    jsonw_key(g->w, k);
    jsonw_string(g->w, v);
}

/* An Avro name from any text: letters, digits and `_`, not starting with a digit. */
static char *legal_name(Arena *a, const char *s)
{
    size_t n = strlen(s);
    char *o = arena_alloc(a, n + 2), *p = o;
    if (!n || (s[0] >= '0' && s[0] <= '9')) *p++ = '_';
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
        *p++ = ok ? c : '_';
    }
    *p = 0;
    return o;
}

static const char *defined(Avro *g, const TypeDecl *d)
{
    for (size_t i = 0; i < g->ndecls; i++)
        if (g->decls[i] == d) return g->decl_names[i];
    return NULL;
}

static void remember(Avro *g, const TypeDecl *d, const char *full)
{
    if (g->ndecls == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 8;
        const TypeDecl **v = arena_alloc(g->a, cap * sizeof *v);
        const char **n = arena_alloc(g->a, cap * sizeof *n);
        if (g->ndecls) {
            memcpy(v, g->decls, g->ndecls * sizeof *v);
            memcpy(n, g->decl_names, g->ndecls * sizeof *n);
        }
        g->decls = v;
        g->decl_names = n;
        g->cap = cap;
    }
    g->decls[g->ndecls] = d;
    g->decl_names[g->ndecls++] = full;
}

/* Claims a named type's name in a namespace; returns the short name taken. */
static const char *claim(Avro *g, const char *ns, const char *base)
{
    for (unsigned k = 1;; k++) {
        const char *name = k == 1 ? base : arena_printf(g->a, "%s_%u", base, k);
        bool primitive = false;
        for (size_t i = 0; i < sizeof primitives / sizeof primitives[0]; i++) primitive |= strcmp(name, primitives[i]) == 0;
        if (!primitive && emit_claim_exact(g->names, arena_printf(g->a, "%s.%s", ns, name))) return name;
    }
}

static void type_schema(Avro *g, const Type *written, const char *hint);

static void fields(Avro *g, const Field *first, const char *owner);

static void logical(Avro *g, const char *base, const char *lt)
{
    jsonw_object(g->w);
    key_string(g, "type", base);
    key_string(g, "logicalType", lt);
    jsonw_end(g->w);
}

/* The Avro schema of a resolved type; a record or enum is named `name` (claimed by the caller in
 * namespace ns), `doc` documents it; `name` also prefixes the names of anonymous types inside. */
static void resolved_schema(Avro *g, const Type *t, const char *ns, const char *name, const char *doc)
{
    JsonWriter *w = g->w;
    switch (t->kind) {
    case TY_BOOLEAN: jsonw_string(w, "boolean"); break;
    case TY_INT8:
    case TY_INT16:
    case TY_INT32: jsonw_string(w, "int"); break;
    case TY_INT64: jsonw_string(w, "long"); break;
    case TY_FLOAT32: jsonw_string(w, "float"); break;
    case TY_FLOAT64: jsonw_string(w, "double"); break;
    case TY_DECIMAL:
        jsonw_object(w);
        key_string(g, "type", "bytes");
        key_string(g, "logicalType", "decimal");
        jsonw_key(w, "precision");
        jsonw_int(w, t->u.decimal.p);
        jsonw_key(w, "scale");
        jsonw_int(w, t->u.decimal.s);
        jsonw_end(w);
        break;
    case TY_STRING: jsonw_string(w, "string"); break;
    case TY_BYTES: jsonw_string(w, "bytes"); break;
    case TY_DATE: logical(g, "int", "date"); break;
    case TY_TIME: logical(g, "long", "time-micros"); break;
    case TY_TIMESTAMP:
    case TY_TIMESTAMPTZ: logical(g, "long", "timestamp-micros"); break;
    case TY_UUID: logical(g, "string", "uuid"); break;
    case TY_JSON:
        /* any JSON value, as its text */
        jsonw_object(w);
        key_string(g, "type", "string");
        key_string(g, "x-dcc-type", "json");
        jsonw_end(w);
        break;
    case TY_ENUM: {
        jsonw_object(w);
        key_string(g, "type", "enum");
        key_string(g, "name", name);
        key_string(g, "namespace", ns);
        if (doc) key_string(g, "doc", doc);
        EmitScope *syms = emit_scope_new(g->a, false);
        const char **sym = arena_alloc(g->a, (t->u.enumeration.count + 1) * sizeof *sym);
        bool changed = false;
        size_t i = 0;
        for (const EnumValue *e = t->u.enumeration.values; e; e = e->next, i++) {
            sym[i] = emit_claim(syms, legal_name(g->a, e->name));
            changed |= strcmp(sym[i], e->name) != 0;
        }
        jsonw_key(w, "symbols");
        jsonw_array(w);
        for (size_t k = 0; k < i; k++) jsonw_string(w, sym[k]);
        jsonw_end(w);
        if (changed) {
            jsonw_key(w, "x-dcc-symbols");
            jsonw_object(w);
            i = 0;
            for (const EnumValue *e = t->u.enumeration.values; e; e = e->next, i++) key_string(g, sym[i], e->name);
            jsonw_end(w);
        }
        jsonw_end(w);
        break;
    }
    case TY_LIST:
        jsonw_object(w);
        key_string(g, "type", "array");
        jsonw_key(w, "items");
        type_schema(g, t->u.list.elem, arena_printf(g->a, "%s_item", name));
        jsonw_end(w);
        break;
    case TY_MAP:
        jsonw_object(w);
        key_string(g, "type", "map");
        jsonw_key(w, "values");
        type_schema(g, t->u.map.value, arena_printf(g->a, "%s_value", name));
        jsonw_end(w);
        break;
    case TY_STRUCT:
        jsonw_object(w);
        key_string(g, "type", "record");
        key_string(g, "name", name);
        key_string(g, "namespace", ns);
        if (doc) key_string(g, "doc", doc);
        fields(g, t->u.strct.fields, name);
        jsonw_end(w);
        break;
    default: jsonw_string(w, "null"); break;
    }
}

/* A type as written: a named record or enum is defined at its first use and named after it;
 * other named types are their resolved type. hint names anonymous records and enums. */
static void type_schema(Avro *g, const Type *written, const char *hint)
{
    const Type *rt = model_type_resolve(written);
    const TypeDecl *d = written->kind == TY_NAMED ? written->u.named.decl : NULL;
    if (d && rt && (rt->kind == TY_STRUCT || rt->kind == TY_ENUM)) {
        const char *full = defined(g, d);
        if (full) {
            jsonw_string(g->w, full);
            return;
        }
        const char *ns = d->owner && d->owner->name.text ? d->owner->name.text : g->unit->name.text;
        const char *name = claim(g, ns, legal_name(g->a, d->name.text));
        remember(g, d, arena_printf(g->a, "%s.%s", ns, name));
        resolved_schema(g, rt, ns, name, d->doc);
        return;
    }
    if (!rt) {
        jsonw_string(g->w, "null");
        return;
    }
    const char *ns = g->unit->name.text;
    bool named = rt->kind == TY_STRUCT || rt->kind == TY_ENUM;
    resolved_schema(g, rt, ns, named ? claim(g, ns, legal_name(g->a, hint)) : hint, NULL);
}

/* Days or microseconds of a temporal literal, for defaults. */
static bool temporal_number(const Type *rt, const char *text, int64_t *out)
{
    dcc_kind k = rt->kind == TY_DATE ? DCC_DATE : rt->kind == TY_TIME ? DCC_TIME : rt->kind == TY_TIMESTAMP ? DCC_TIMESTAMP : DCC_TIMESTAMPTZ;
    int64_t secs;
    int32_t nanos;
    if (dcc_temporal_parse(k, text, strlen(text), &secs, &nanos, NULL) != DCC_TEMPORAL_OK) return false;
    *out = rt->kind == TY_DATE ? secs / 86400 : secs * 1000000 + nanos / 1000;
    return true;
}

/* A decimal default as Avro writes it: the unscaled value (value * 10^scale) in big-endian
 * two's complement, the fewest bytes that hold it, each byte a code point U+0000..U+00FF of a
 * JSON string. The literal fits the type (sema), so at most 38 digits. */
static bool decimal_default(Avro *g, const char *text, int scale, bool write)
{
    char digits[128];
    size_t n = 0;
    bool neg = false, point = false;
    int frac = 0;
    for (const char *p = text; *p; p++) {
        if (*p == '-') neg = true;
        else if (*p == '.') point = true;
        else if (*p >= '0' && *p <= '9') {
            if (n + 1 >= sizeof digits) return false;
            digits[n++] = *p;
            frac += point;
        } else return false; /* an exponent: not written */
    }
    if (frac > scale) return false;
    for (; frac < scale; frac++) {
        if (n + 1 >= sizeof digits) return false;
        digits[n++] = '0';
    }
    /* the magnitude in base 256, least significant byte first, by long division */
    unsigned char le[40];
    size_t nb = 0;
    for (;;) {
        size_t lead = 0;
        while (lead < n && digits[lead] == '0') lead++;
        if (lead == n) break;
        unsigned rem = 0;
        for (size_t i = lead; i < n; i++) {
            unsigned cur = rem * 10 + (unsigned)(digits[i] - '0');
            digits[i] = (char)('0' + cur / 256);
            rem = cur % 256;
        }
        if (nb == sizeof le) return false;
        le[nb++] = (unsigned char)rem;
    }
    if (nb == 0) le[nb++] = 0;
    if (neg) { /* two's complement: invert and add one */
        unsigned carry = 1;
        for (size_t i = 0; i < nb; i++) {
            unsigned v = (unsigned)(unsigned char)~le[i] + carry;
            le[i] = (unsigned char)v;
            carry = v >> 8;
        }
    }
    /* a sign byte when the top bit says otherwise */
    if (!neg && (le[nb - 1] & 0x80)) le[nb++] = 0;
    if (neg && !(le[nb - 1] & 0x80)) le[nb++] = 0xff;
    if (!write) return true;
    char utf8[96];
    size_t u = 0;
    for (size_t i = nb; i-- > 0;) {
        unsigned c = le[i];
        if (c < 0x80) utf8[u++] = (char)c;
        else {
            utf8[u++] = (char)(0xc0 | (c >> 6));
            utf8[u++] = (char)(0x80 | (c & 0x3f));
        }
    }
    jsonw_string_n(g->w, utf8, u);
    return true;
}

/* The Avro default of a field's default literal, written when `write`; false when Avro's form
 * of it is not written (structures: the field then has no default). */
static bool default_value(Avro *g, const Type *rt, const Literal *l, bool write)
{
    JsonWriter *w = g->w;
    if (l->kind == LIT_NULL) {
        if (write) jsonw_null(w);
        return true;
    }
    switch (rt->kind) {
    case TY_BOOLEAN:
        if (write) jsonw_bool(w, strcmp(l->text, "true") == 0);
        return true;
    case TY_INT8:
    case TY_INT16:
    case TY_INT32:
    case TY_INT64:
    case TY_FLOAT32:
    case TY_FLOAT64:
        if (!jsonw_is_number(l->text)) return false;
        if (write) jsonw_number(w, l->text);
        return true;
    case TY_STRING:
    case TY_UUID:
        if (write) jsonw_string_n(w, l->text, l->len);
        return true;
    case TY_ENUM: {
        /* the symbol the value became */
        EmitScope *syms = emit_scope_new(g->a, false);
        for (const EnumValue *e = rt->u.enumeration.values; e; e = e->next) {
            const char *s = emit_claim(syms, legal_name(g->a, e->name));
            if (l->text && strcmp(e->name, l->text) == 0) {
                if (write) jsonw_string(w, s);
                return true;
            }
        }
        return false;
    }
    case TY_DATE:
    case TY_TIME:
    case TY_TIMESTAMP:
    case TY_TIMESTAMPTZ: {
        int64_t v;
        if (!temporal_number(rt, l->text, &v)) return false;
        if (write) jsonw_int(w, v);
        return true;
    }
    case TY_DECIMAL: return l->kind == LIT_NUMBER && decimal_default(g, l->text, rt->u.decimal.s, write);
    default: return false;
    }
}

/* The fields of a record; `owner` (the record's name) prefixes the names of anonymous records
 * and enums inside, so that two structs' `address` fields name different records. */
static void fields(Avro *g, const Field *first, const char *owner)
{
    JsonWriter *w = g->w;
    jsonw_key(w, "fields");
    jsonw_array(w);
    for (const Field *f = first; f; f = f->next) {
        const Attrs *eff = f->effective ? f->effective : f->attrs;
        const Type *rt = f->rtype ? f->rtype : model_type_resolve(f->type);
        jsonw_object(w);
        key_string(g, "name", f->name.text);
        if (f->doc) key_string(g, "doc", f->doc);
        const Literal *def = eff->default_value;
        jsonw_key(w, "type");
        /* an optional field is a union with null; its default (null unless given) is the first
         * branch's, as Avro requires */
        bool null_first = f->optional && (!def || def->kind == LIT_NULL);
        if (f->optional) {
            jsonw_array(w);
            if (null_first) jsonw_string(w, "null");
            type_schema(g, f->type, arena_printf(g->a, "%s_%s", owner, f->name.text));
            if (!null_first) jsonw_string(w, "null");
            jsonw_end(w);
        } else {
            type_schema(g, f->type, arena_printf(g->a, "%s_%s", owner, f->name.text));
        }
        if (f->optional && null_first) {
            jsonw_key(w, "default");
            jsonw_null(w);
        } else if (def && rt && default_value(g, rt, def, false)) {
            jsonw_key(w, "default");
            default_value(g, rt, def, true);
        }
        jsonw_end(w);
    }
    jsonw_end(w);
}

static int avro_begin(TargetCtx *ctx)
{
    AvroRun *run = ARENA_NEW(ctx->arena, AvroRun);
    run->files = emit_scope_new(ctx->arena, true);
    ctx->state = run;
    return 0;
}

static int avro_unit(TargetCtx *ctx, const Contract *unit)
{
    if (unit->kind != UNIT_CONTRACT) return 0;
    AvroRun *run = ctx->state;
    for (const Dataset *ds = unit->datasets; ds; ds = ds->next) {
        const char *stem = emit_claim(run->files, emit_dataset_stem(ctx->arena, unit, ds));
        StrBuf *out = outset_add(ctx->out, arena_printf(ctx->arena, "%s.avsc", stem));
        JsonWriter w;
        jsonw_init(&w, out, 2);
        Avro g;
        memset(&g, 0, sizeof g);
        g.a = ctx->arena;
        g.w = &w;
        g.unit = unit;
        g.names = emit_scope_new(ctx->arena, false);
        const char *ns = unit->name.text;
        jsonw_object(&w);
        key_string(&g, "type", "record");
        const char *rec = claim(&g, ns, legal_name(g.a, ds->name.text));
        key_string(&g, "name", rec);
        key_string(&g, "namespace", ns);
        if (ds->doc) key_string(&g, "doc", ds->doc);
        if (unit->version) key_string(&g, "x-dcc-version", unit->version->text);
        fields(&g, ds->fields, rec);
        jsonw_end(&w);
        if (jsonw_finish(&w) != 0) {
            diag_report(ctx->diags, D_TARGET_UNSUPPORTED, ds->name.span, "target avro: internal error writing dataset '%s'", ds->name.text);
            return -1;
        }
    }
    return 0;
}

const Target tgt_avro = {
    "avro", "an Avro schema (.avsc) of each dataset's records, with logical types",
    NULL, 0,
    avro_begin, avro_unit, NULL,
};
