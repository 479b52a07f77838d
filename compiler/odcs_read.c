/* odcs_read.c - the ODCS v3 front end (odcs_read.h): check a YAML document against the standard's
 * structure, then build the model. The structure lives in odcs_schema.c as data; this file walks
 * it and adds the rules a key table cannot say. Nothing is built when the structure is wrong, so
 * sema never sees a half-read contract. */
#include "odcs_read.h"

#include <ctype.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "mbuild.h"
#include "num.h"
#include "odcs_schema.h"
#include "servers.h"
#include "suggest.h"
#include "ytree.h"

typedef struct {
    Arena *a;
    DiagSink *d;
    uint32_t file;
    unsigned errors;
    /* the newest standard version whose keys the document uses, and where */
    OdcsVersion newest;
    const YNode *newest_at;
    const char *newest_key;
    const YNode *root; /* the document, for relationships between schema objects */
    bool declares_v30; /* apiVersion v3.0.x: some objects still take keys outside the standard */
    /* the document follows ODCS (no dccHouseRules): it becomes a `standard odcs` contract, which
     * `dcc gen -t odcs` writes back with the physicalTypes it said and only those of its own that
     * a type is read back by, so each other one it says is kept, even one that is what dcc would
     * write for the type (build_meta) */
    bool standard;
    bool keep_version; /* the declared apiVersion is not the one `dcc gen -t odcs` would write */
    const YNode *types; /* the root's dccTypes list (the contract's named types), or NULL */
    SourceSet *sources;
    const SearchPath *search; /* where imported documents are looked for after this one's folder */
    /* the ODCS files the root's dccImports names (see read_imports) */
    struct OdcsImport {
        const char *file;  /* as written: beside the document */
        const char *alias; /* `as`, else the last part of the imported document's name */
        const YNode *root; /* that document, read for its types and schema; NULL when unreadable */
    } *imports;
    size_t nimports, cap_imports;
    ModelBuilder b;
} Reader;

/* ---------------------------------------------------------------------------------------- */
/* structure                                                                                  */

#if defined(__GNUC__)
__attribute__((format(printf, 4, 5)))
#endif
static Diag *error(Reader *r, DiagCode code, Span at, const char *fmt, ...)
{
    va_list ap, ap2;
    va_start(ap, fmt);
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = arena_alloc(r->a, (size_t)(n < 0 ? 0 : n) + 1);
    if (n > 0) vsnprintf(msg, (size_t)n + 1, fmt, ap2);
    va_end(ap2);
    r->errors++;
    return diag_report(r->d, code, at, "%s", msg);
}

/* The span to report a missing key at: the mapping's first key (its first line). */
static Span head_span(const YNode *m)
{
    if (m->kind == YN_MAP && m->n) return m->pairs[0].key->span;
    Span s = m->span;
    if (s.end > s.start + 1) s.end = s.start + 1;
    return s;
}

static bool type_ok(OdcsType t, const YNode *v)
{
    switch (t) {
    case OT_STRING: return v->kind == YN_STR;
    case OT_INTEGER: return v->kind == YN_INT;
    case OT_NUMBER: return v->kind == YN_INT || v->kind == YN_FLOAT;
    case OT_BOOLEAN: return v->kind == YN_BOOL;
    case OT_SCALAR: return v->kind != YN_MAP && v->kind != YN_SEQ;
    case OT_ANY: return true;
    case OT_OBJECT: return v->kind == YN_MAP;
    case OT_ARRAY: return v->kind == YN_SEQ;
    case OT_REF: return v->kind == YN_STR || v->kind == YN_SEQ;
    case OT_TEAM: return v->kind == YN_MAP || v->kind == YN_SEQ;
    case OT_CONTEXT:
    case OT_IMPL: return v->kind == YN_STR || v->kind == YN_MAP;
    }
    return false;
}

static const char *type_name(OdcsType t)
{
    switch (t) {
    case OT_STRING: return "a string";
    case OT_INTEGER: return "an integer";
    case OT_NUMBER: return "a number";
    case OT_BOOLEAN: return "a boolean (true or false)";
    case OT_SCALAR: return "a single value (not a list or mapping)";
    case OT_ANY: return "any value";
    case OT_OBJECT: return "a mapping";
    case OT_ARRAY: return "a list";
    case OT_REF: return "a reference (table.column) or a list of them";
    case OT_TEAM: return "a team mapping (or, before v3.1, a list of members)";
    case OT_CONTEXT: return "a string or a mapping";
    case OT_IMPL: return "a string or a mapping";
    }
    return "?";
}

static const char *show(Reader *r, const YNode *v)
{
    if (v->kind == YN_MAP || v->kind == YN_SEQ || v->kind == YN_NULL) return ytree_kind_name(v->kind);
    const char *what = ytree_kind_name(v->kind);
    if (v->len > 40) return arena_printf(r->a, "%s ('%.40s...')", what, v->text);
    return arena_printf(r->a, "%s ('%s')", what, v->text);
}

static void check_object(Reader *r, const YNode *m, const OdcsShape *s);

static void check_words(Reader *r, const char *key, const YNode *v, const char *const *words)
{
    if (!words || v->kind != YN_STR || odcs_word_in(words, v->text)) return;
    Suggest g;
    suggest_init(&g, v->text);
    size_t n = 0;
    for (const char *const *w = words; *w; w++, n++) suggest_try(&g, *w);
    error(r, D_ODCS_ENUM, v->span, "'%s' is not an allowed value of '%s'%s", v->text, key,
          suggest_best(&g) ? suggest_text(r->a, &g) : arena_printf(r->a, " (allowed: %s)", suggest_word_list(r->a, words, n)));
}

static void check_value(Reader *r, const OdcsKey *k, const YNode *v, const OdcsShape *shape_override)
{
    if (!type_ok(k->type, v)) {
        error(r, D_ODCS_TYPE, v->span, "'%s' must be %s, not %s", k->key, type_name(k->type), show(r, v));
        return;
    }
    check_words(r, k->key, v, k->words);
    switch (k->type) {
    case OT_OBJECT: check_object(r, v, shape_override ? shape_override : k->shape); break;
    case OT_TEAM:
        if (v->kind == YN_MAP) {
            check_object(r, v, k->shape);
        } else {
            extern const OdcsShape odcs_team_member;
            for (size_t i = 0; i < v->n; i++) {
                if (v->items[i]->kind != YN_MAP)
                    error(r, D_ODCS_TYPE, v->items[i]->span, "a team member must be a mapping, not %s", show(r, v->items[i]));
                else
                    check_object(r, v->items[i], &odcs_team_member);
            }
        }
        break;
    case OT_REF:
        if (v->kind == YN_SEQ) {
            if (!v->n) error(r, D_ODCS_RULE, v->span, "'%s' lists at least one reference", k->key);
            for (size_t i = 0; i < v->n; i++)
                if (v->items[i]->kind != YN_STR)
                    error(r, D_ODCS_TYPE, v->items[i]->span, "a reference in '%s' must be a string, not %s", k->key, show(r, v->items[i]));
        }
        break;
    case OT_ARRAY:
        for (size_t i = 0; i < v->n; i++) {
            const YNode *it = v->items[i];
            if (k->elem == OT_OBJECT) {
                if (it->kind != YN_MAP)
                    error(r, D_ODCS_TYPE, it->span, "each entry of '%s' must be a mapping (%s), not %s", k->key, k->shape->name, show(r, it));
                else
                    check_object(r, it, k->shape);
            } else if (!type_ok(k->elem, it)) {
                error(r, D_ODCS_TYPE, it->span, "each entry of '%s' must be %s, not %s", k->key, type_name(k->elem), show(r, it));
            }
        }
        break;
    default: break;
    }
}

static const OdcsShape *options_shape(const char *logical_type)
{
    for (size_t i = 0; i < odcs_logical_type_count; i++)
        if (!strcmp(odcs_logical_types[i].logical_type, logical_type)) return odcs_logical_types[i].options;
    return NULL;
}

static const char *str_of(const YNode *m, const char *key)
{
    const YNode *v = ytree_get(m, key);
    return v && v->kind == YN_STR ? v->text : NULL;
}

/* --- the rules beside the tables ------------------------------------------------------------ */

static void check_server(Reader *r, const YNode *m)
{
    const char *type = str_of(m, "type");
    const ServerTypeSpec *st = server_type_find(type);
    if (!st) return; /* unknown type: reported by the table */
    for (const char *const *q = st->required; *q; q++)
        if (!ytree_get(m, *q))
            error(r, D_ODCS_RULE, head_span(m), "a server of type %s needs '%s'", type, *q);
    for (size_t i = 0; i < m->n; i++) {
        const char *key = m->pairs[i].key->text;
        if (server_type_takes(st, key) || !server_field_find(key)) continue;
        const char *others = NULL;
        for (size_t j = 0; j < server_type_count; j++)
            if (server_type_takes(&server_types[j], key))
                others = others ? arena_printf(r->a, "%s, %s", others, server_types[j].type) : server_types[j].type;
        diag_report(r->d, D_ODCS_SERVER_FIELD, m->pairs[i].key->span,
                    "'%s' is not a field of %s servers (it belongs to %s); it is ignored", key, type, others ? others : "?");
    }
}

static bool scalar_equal(const YNode *a, const YNode *b)
{
    return a->kind == b->kind && a->len == b->len && !memcmp(a->text, b->text, a->len);
}

static void check_property(Reader *r, const YNode *m)
{
    const char *lt = str_of(m, "logicalType");
    const YNode *opts = ytree_get(m, "logicalTypeOptions");
    if (lt && opts && opts->kind == YN_MAP) {
        const OdcsShape *s = options_shape(lt);
        if (s) check_object(r, opts, s);
    }
    /* Keys that only one logicalType takes (the JSON Schema's if/then). */
    static const struct { const char *key, *type; } only[] = {{"properties", "object"}, {"items", "array"}, {"map", "map"}};
    for (size_t i = 0; lt && i < sizeof only / sizeof only[0]; i++) {
        const YNode *k = ytree_key(m, only[i].key);
        if (k && strcmp(lt, only[i].type))
            error(r, D_ODCS_RULE, k->span, "'%s' applies to logicalType %s, not %s", only[i].key, only[i].type, lt);
    }
    if (lt && !strcmp(lt, "map") && !ytree_get(m, "map"))
        error(r, D_ODCS_RULE, head_span(m), "a property of logicalType map needs a 'map' with its key and value");
    const YNode *en = ytree_get(m, "enum");
    if (en && en->kind == YN_SEQ) {
        if (!en->n) error(r, D_ODCS_RULE, en->span, "'enum' lists at least one value");
        for (size_t i = 0; i < en->n; i++) {
            const YNode *v = ytree_get(en->items[i], "value");
            for (size_t j = 0; v && j < i; j++) {
                const YNode *w = ytree_get(en->items[j], "value");
                if (w && scalar_equal(v, w)) {
                    Diag *g = error(r, D_ODCS_RULE, v->span, "enum value '%s' is given twice", v->text);
                    diag_note(r->d, g, w->span, "first given here");
                    break;
                }
            }
        }
    }
    const YNode *rels = ytree_get(m, "relationships");
    for (size_t i = 0; rels && rels->kind == YN_SEQ && i < rels->n; i++) {
        const YNode *rel = rels->items[i];
        const YNode *from = ytree_key(rel, "from");
        if (from)
            error(r, D_ODCS_RULE, from->span, "a relationship of a property has no 'from': the property itself is the source");
        if (rel->kind == YN_MAP && !ytree_get(rel, "to"))
            error(r, D_ODCS_MISSING, head_span(rel), "a relationship needs 'to'");
    }
}

static void check_schema_object(Reader *r, const YNode *m)
{
    const YNode *rels = ytree_get(m, "relationships");
    for (size_t i = 0; rels && rels->kind == YN_SEQ && i < rels->n; i++) {
        const YNode *rel = rels->items[i];
        const YNode *from = ytree_get(rel, "from"), *to = ytree_get(rel, "to");
        if (rel->kind != YN_MAP) continue;
        if (!from || !to) {
            error(r, D_ODCS_RULE, head_span(rel), "a relationship of a schema object needs both 'from' and 'to'%s%s",
                  !from && !to ? "" : " (missing: ", !from && !to ? "" : !from ? "from)" : "to)");
            continue;
        }
        if (from->kind != to->kind)
            error(r, D_ODCS_RULE, to->span, "'from' and 'to' must both be references or both be lists");
        else if (from->kind == YN_SEQ && from->n != to->n)
            error(r, D_ODCS_RULE, to->span, "'from' and 'to' list the same number of columns");
    }
}

static void check_quality(Reader *r, const YNode *m)
{
    const char *type = str_of(m, "type");
    const YNode *metric = ytree_get(m, "metric"), *rule = ytree_get(m, "rule");
    const char *kind = type ? type : (metric || rule) ? "library" : NULL;
    const YNode *ops[8] = {0};
    const YNode *opkeys[8] = {0};
    size_t nops = 0;
    for (size_t i = 0; odcs_quality_ops[i]; i++) {
        const YNode *k = ytree_key(m, odcs_quality_ops[i]);
        if (k) {
            opkeys[nops] = k;
            ops[nops++] = ytree_get(m, odcs_quality_ops[i]);
        }
    }
    if (kind && !odcs_word_in((const char *const[]){"text", "library", "sql", "custom", NULL}, kind)) return;
    bool takes_ops = kind && (!strcmp(kind, "library") || !strcmp(kind, "sql"));
    if (nops && !takes_ops)
        error(r, D_ODCS_RULE, opkeys[0]->span, "'%s' applies to library and sql checks, not to %s checks",
              opkeys[0]->text, kind ? kind : "untyped");
    if (takes_ops && nops > 1) {
        Diag *g = error(r, D_ODCS_RULE, opkeys[1]->span, "a quality check has one operator; '%s' comes after '%s'",
                        opkeys[1]->text, opkeys[0]->text);
        diag_note(r->d, g, opkeys[0]->span, "first operator here");
    }
    for (size_t i = 0; i < nops; i++) {
        if (strstr(opkeys[i]->text, "Between") && ops[i]->kind == YN_SEQ) {
            if (ops[i]->n != 2)
                error(r, D_ODCS_RULE, ops[i]->span, "'%s' takes two numbers, the smaller first", opkeys[i]->text);
            else if (scalar_equal(ops[i]->items[0], ops[i]->items[1]))
                error(r, D_ODCS_RULE, ops[i]->span, "'%s' takes two different numbers", opkeys[i]->text);
        }
    }
    static const char *const library_only[] = {"metric", "rule", "arguments", NULL};
    static const char *const sql_only[] = {"query", NULL};
    static const char *const custom_only[] = {"engine", "implementation", NULL};
    const char *const *groups[] = {library_only, sql_only, custom_only};
    const char *owners[] = {"library", "sql", "custom"};
    for (size_t g = 0; g < 3; g++)
        for (const char *const *k = groups[g]; *k; k++) {
            const YNode *key = ytree_key(m, *k);
            if (key && (!kind || strcmp(kind, owners[g])))
                error(r, D_ODCS_RULE, key->span, "'%s' belongs to %s checks, not to %s checks", *k, owners[g], kind ? kind : "untyped");
        }
    if (!kind) return;
    if (!strcmp(kind, "library")) {
        if (!metric && !rule)
            error(r, D_ODCS_RULE, head_span(m), "a library check needs a 'metric' (nullValues, missingValues, invalidValues, duplicateValues or rowCount)");
        if (!nops) error(r, D_ODCS_RULE, head_span(m), "a library check needs one operator (mustBe, mustBeGreaterThan, ...)");
    } else if (!strcmp(kind, "sql")) {
        if (!ytree_get(m, "query")) error(r, D_ODCS_RULE, head_span(m), "a sql check needs a 'query'");
        if (!nops) error(r, D_ODCS_RULE, head_span(m), "a sql check needs one operator (mustBe, mustBeGreaterThan, ...)");
    } else if (!strcmp(kind, "custom")) {
        if (!ytree_get(m, "engine")) error(r, D_ODCS_RULE, head_span(m), "a custom check needs an 'engine'");
        if (!ytree_get(m, "implementation"))
            error(r, D_ODCS_RULE, head_span(m), "a custom check needs an 'implementation'");
    }
}

static void check_object(Reader *r, const YNode *m, const OdcsShape *s)
{
    for (size_t i = 0; i < m->n; i++) {
        const YNode *key = m->pairs[i].key, *v = m->pairs[i].value;
        const OdcsKey *k = odcs_shape_key(s, key->text);
        if (!k) {
            if (s->open) continue;
            if (s->open_v30 && r->declares_v30) {
                diag_report(r->d, D_ODCS_EXTRA_KEY, key->span, "'%s' is not a key of %s %s; ODCS v3.0 allowed it, v3.1 does not: ignored",
                            key->text, strchr("aeiou", s->name[0]) ? "an" : "a", s->name);
                continue;
            }
            Suggest g;
            suggest_init(&g, key->text);
            for (size_t j = 0; j < s->nkeys; j++) suggest_try(&g, s->keys[j].key);
            error(r, D_ODCS_UNKNOWN_KEY, key->span, "unknown key '%s' in %s %s%s", key->text, strchr("aeiou", s->name[0]) ? "an" : "a", s->name, suggest_text(r->a, &g));
            continue;
        }
        if (k->since > r->newest) {
            r->newest = k->since;
            r->newest_at = key;
            r->newest_key = k->key;
        }
        /* logicalTypeOptions: checked against the logicalType's table in check_property. */
        if (!strcmp(k->key, "logicalTypeOptions") && v->kind == YN_MAP) continue;
        check_value(r, k, v, NULL);
    }
    for (size_t j = 0; j < s->nkeys; j++)
        if (s->keys[j].required && !ytree_get(m, s->keys[j].key))
            error(r, D_ODCS_MISSING, head_span(m), "%s %s needs '%s'", strchr("aeiou", s->name[0]) ? "an" : "a", s->name, s->keys[j].key);
    if (s == &odcs_server) check_server(r, m);
    else if (s == &odcs_property || s == &odcs_item_property) check_property(r, m);
    else if (s == &odcs_schema_object) check_schema_object(r, m);
    else if (s == &odcs_quality) check_quality(r, m);
}

static OdcsVersion declared_version(const char *v)
{
    if (!strcmp(v, "v3.2.0")) return ODCS_V32;
    if (!strcmp(v, "v3.1.0")) return ODCS_V31;
    return ODCS_V30;
}

/* ---------------------------------------------------------------------------------------- */
/* the model                                                                                 */

/* The value of custom property `name` of an object (what `dcc gen -t odcs` writes as dcc*), or
 * NULL. */
static const YNode *custom_of(const YNode *obj, const char *name)
{
    const YNode *cps = ytree_get(obj, "customProperties");
    for (size_t i = 0; cps && cps->kind == YN_SEQ && i < cps->n; i++) {
        const char *p = str_of(cps->items[i], "property");
        if (p && !strcmp(p, name)) return ytree_get(cps->items[i], "value");
    }
    return NULL;
}

static const char *custom_str(const YNode *obj, const char *name)
{
    const YNode *v = custom_of(obj, name);
    return v && v->kind != YN_MAP && v->kind != YN_SEQ ? v->text : NULL;
}

static Literal *lit_str(Reader *r, const YNode *v)
{
    return mb_literal(&r->b, LIT_STRING, v->text, v->len, v->span);
}

/* A YAML number as the language writes numbers: decimal digits, optional fraction, exponent. */
static Literal *lit_num(Reader *r, const YNode *v)
{
    const char *t = v->text;
    if (t[0] == '+') t++;
    if (v->kind == YN_INT && (strstr(t, "0x") == t || strstr(t, "0o") == t)) {
        unsigned long long n = strtoull(t + 2, NULL, t[1] == 'x' ? 16 : 8);
        t = arena_printf(r->a, "%llu", n);
    } else if (t[0] == '.' || (t[0] == '-' && t[1] == '.')) {
        t = t[0] == '-' ? arena_printf(r->a, "-0%s", t + 1) : arena_printf(r->a, "0%s", t);
    }
    size_t n = strlen(t);
    if (n && t[n - 1] == '.') t = arena_strndup(r->a, t, n - 1);
    return mb_literal(&r->b, LIT_NUMBER, t, (uint32_t)strlen(t), v->span);
}

static Literal *lit_scalar(Reader *r, const YNode *v)
{
    switch (v->kind) {
    case YN_INT:
    case YN_FLOAT: return lit_num(r, v);
    case YN_BOOL: return mb_literal(&r->b, LIT_BOOL, tolower((unsigned char)v->text[0]) == 't' ? "true" : "false", 0, v->span);
    case YN_NULL: return mb_literal(&r->b, LIT_NULL, "null", 4, v->span);
    default: return lit_str(r, v);
    }
}

static Name *name_of(Reader *r, const YNode *v)
{
    return mb_name(&r->b, v->text, v->span);
}

/* A name from YAML that the language writes as a name: a dataset's or field's, the domain, a
 * classification, a server format. dcc reads any name from YAML (data keys and column names may
 * hold '-' or spaces, a domain `supply chain`), but the language spells names as identifiers,
 * so a name it cannot write is a warning here and `dcc import` refuses the file instead of
 * printing a contract that does not parse (found by fuzz_odcs). */
static Name *element_name(Reader *r, const YNode *v)
{
    if (!model_is_ident(v->text, v->len))
        diag_report(r->d, D_ODCS_NAME, v->span,
                    "this name is not one the dcc language can write (letters, digits and '_', not starting "
                    "with a digit): every command reads this file, but `dcc import` cannot convert it");
    return name_of(r, v);
}

/* A part of the contract's dotted name made from free text: letters, digits and '_'. */
static const char *ident_in(Arena *a, const char *text)
{
    size_t n = strlen(text);
    char *s = arena_alloc(a, n + 2);
    size_t k = 0;
    if (!n || isdigit((unsigned char)text[0])) s[k++] = '_';
    /* at most MODEL_IDENT_MAX_BYTES: a longer derived name could not be written as text (found
     * by fuzz_odcs: a 258-byte product name from a free-text ODCS name) */
    for (size_t i = 0; i < n && k < MODEL_IDENT_MAX_BYTES; i++) s[k++] = isalnum((unsigned char)text[i]) ? text[i] : '_';
    s[k] = 0;
    return s;
}

static const char *ident(Reader *r, const char *text) { return ident_in(r->a, text); }

const char *odcs_derived_name(Arena *a, const char *domain, const char *name)
{
    return arena_printf(a, "%s.%s", domain ? ident_in(a, domain) : "odcs", ident_in(a, name));
}

static bool is_true(const YNode *m, const char *key)
{
    const YNode *v = ytree_get(m, key);
    return v && v->kind == YN_BOOL && tolower((unsigned char)v->text[0]) == 't';
}

/* The width of an integer from ODCS's format (Rust's names); without one it is `integer`, and
 * a physicalType (tinyint, INT, NUMBER(38,0)) is kept as the field's `physical type`. */
static const char *integer_type(const YNode *opts)
{
    const char *f = str_of(opts, "format");
    if (f) {
        static const char *const map[][2] = {{"i8", "int8"}, {"i16", "int16"}, {"i32", "int32"}, {"i64", "int64"},
                                             {"u8", "int16"}, {"u16", "int32"}, {"u32", "int64"}};
        for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
            if (!strcmp(f, map[i][0])) return map[i][1];
        return NULL; /* i128, u64, u128: decimal(38, 0) */
    }
    return "integer";
}

/* decimal(P,S) or numeric(P,S) in a physical type: its precision and scale. */
static bool physical_decimal(const char *pt, int *p, int *s)
{
    if (!pt) return false;
    char low[16];
    size_t i = 0;
    for (; pt[i] && pt[i] != '(' && i < sizeof low - 1; i++) low[i] = (char)tolower((unsigned char)pt[i]);
    low[i] = 0;
    if (pt[i] != '(' || (strcmp(low, "decimal") && strcmp(low, "numeric") && strcmp(low, "number"))) return false;
    return sscanf(pt + i, "(%d,%d)", p, s) == 2 || sscanf(pt + i, "(%d, %d)", p, s) == 2;
}

static Type *build_type(Reader *r, const YNode *p);

/* N of a physical type varchar(N) (any case), or -1. */
static long physical_varchar(const char *pt)
{
    if (!pt || strncasecmp(pt, "varchar(", 8)) return -1;
    char *end;
    long n = strtol(pt + 8, &end, 10);
    return *end == ')' && !end[1] && n > 0 ? n : -1;
}

/* N when the property is dcc's string(N): its physicalType is varchar(N), or, when the field has a
 * physical type of its own, the custom property dccType says string(N). Else -1. */
static long sized_string(const YNode *p)
{
    const char *t = custom_str(p, "dccType");
    if (t && !strncmp(t, "string(", 7)) {
        char *end;
        long n = strtol(t + 7, &end, 10);
        return *end == ')' && !end[1] && n > 0 ? n : -1;
    }
    return physical_varchar(str_of(p, "physicalType"));
}

static Field *build_field(Reader *r, const YNode *p, bool force_required);

static Type *struct_of(Reader *r, const YNode *props, Span at)
{
    FieldList *fl = mb_field_list(&r->b, NULL, NULL);
    size_t built = 0, dropped = 0;
    for (size_t i = 0; props && i < props->n; i++) {
        /* the standard's properties are checked before building (a name each); those of dcc's
         * own custom properties (dccMapValue's struct) are not: one without a name is an error
         * here, not a field (found by fuzz_odcs) */
        const YNode *e = props->items[i], *nm = ytree_get(e, "name");
        if (e->kind != YN_MAP || !nm || nm->kind != YN_STR) {
            error(r, D_ODCS_MISSING, head_span(e), "a property of a struct needs a 'name'");
            dropped++;
            continue;
        }
        mb_field_list(&r->b, fl, build_field(r, e, false));
        built++;
    }
    /* every property dropped: json, which takes no fields, rather than an empty struct that
     * sema would report again (DC0311) */
    if (dropped && !built) return mb_type_word(&r->b, "json", at);
    return mb_type_struct(&r->b, fl, at);
}

/* --- imports (issue 14) ------------------------------------------------------------------- */
/* `dcc gen -t odcs` writes each contract and library as <name>.odcs.yaml into one directory and
 * names a contract's imports in the root's dccImports ({file, as}); the reader gives the contract
 * those imports, which compile.c resolves beside the document as it does a .dc file's (a missing
 * file or a cycle is its located error). What the reader needs of an imported document while
 * building (a type's dccTypes entry, to tell a field's own attributes from its type's; the names
 * a relationship's `to` points at) it reads here, quietly: whatever fails here fails there too,
 * with its diagnostic. */

/* file (a path as a document writes it) from the folder of the document being read */
static const char *beside(Reader *r, const char *file)
{
    const char *self = r->sources->files[r->file]->path, *slash = strrchr(self, '/');
    return file[0] == '/' || !slash ? file : arena_printf(r->a, "%.*s%s", (int)(slash - self + 1), self, file);
}

/* The imported document at `file`, beside this one or in a -I folder, or NULL. */
static const YNode *peek(Reader *r, const char *file)
{
    const char *path = beside(r, file);
    struct stat st;
    /* beside the document, then in each -I folder, as compile.c resolves the import itself */
    for (size_t i = 0; stat(path, &st) != 0 && file[0] != '/' && r->search && i < r->search->n; i++)
        path = arena_printf(r->a, "%s/%s", r->search->dirs[i], file);
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode)) return NULL;
    SourceSet ss;
    source_set_init(&ss, r->a);
    const char *err = NULL;
    int64_t id = source_load(&ss, path, &err);
    if (id < 0) return NULL;
    DiagSink quiet;
    diag_init(&quiet, r->a, &ss);
    bool failed = false;
    const YNode *root = ytree_load(r->a, &quiet, &ss, (uint32_t)id, &failed);
    return !failed && root && root->kind == YN_MAP ? root : NULL;
}

static const struct OdcsImport *import_by_alias(const Reader *r, const char *alias, size_t n)
{
    for (size_t i = 0; i < r->nimports; i++)
        if (strlen(r->imports[i].alias) == n && !strncmp(r->imports[i].alias, alias, n)) return &r->imports[i];
    return NULL;
}

static const struct OdcsImport *import_by_file(const Reader *r, const char *file, size_t n)
{
    for (size_t i = 0; i < r->nimports; i++)
        if (strlen(r->imports[i].file) == n && !strncmp(r->imports[i].file, file, n)) return &r->imports[i];
    return NULL;
}

static bool dotted_name(const char *s);

/* The dotted name the reader gives the contract of document `root` (build_contract). */
static const char *document_name(Reader *r, const YNode *root)
{
    const YNode *domain = ytree_get(root, "domain"), *name = ytree_get(root, "name");
    const YNode *product = ytree_get(root, "dataProduct"), *id = ytree_get(root, "id");
    const YNode *last = name ? name : product ? product : id;
    if (name && name->kind == YN_STR && dotted_name(name->text)) return name->text;
    return last && last->kind == YN_STR ? odcs_derived_name(r->a, domain && domain->kind == YN_STR ? domain->text : NULL, last->text) : NULL;
}

/* Imports the document `file` names (the text of a dccImports entry's `file`, or the file part of
 * a relationship's `to`, of `n` bytes), as `as` or by compile.c's default alias: the last part of
 * the imported contract's name. */
static const struct OdcsImport *add_import(Reader *r, const YNode *file, size_t n, const YNode *as, Span at)
{
    const char *path = arena_strndup(r->a, file->text, n);
    const YNode *root = peek(r, path);
    if (!root && !as && file->len != n) return NULL; /* a `to` into a file that is not there: carried */
    const char *alias = as ? as->text : NULL;
    if (!alias) {
        const char *qn = root ? document_name(r, root) : NULL;
        const char *dot = qn ? strrchr(qn, '.') : NULL;
        alias = dot ? dot + 1 : qn ? qn : "";
    }
    if (r->nimports == r->cap_imports) {
        size_t cap = r->cap_imports ? 2 * r->cap_imports : 4;
        struct OdcsImport *m = arena_alloc(r->a, cap * sizeof *m);
        if (r->nimports) memcpy(m, r->imports, r->nimports * sizeof *m);
        r->imports = m;
        r->cap_imports = cap;
    }
    r->imports[r->nimports] = (struct OdcsImport){path, alias, root};
    mb_import(&r->b, mb_literal(&r->b, LIT_STRING, path, (uint32_t)n, file->span), as ? element_name(r, as) : NULL, at);
    return &r->imports[r->nimports++];
}

/* The root's dccImports: each entry an import of the contract. */
static void read_imports(Reader *r, const YNode *list)
{
    if (!list || list->kind != YN_SEQ) return;
    for (size_t i = 0; i < list->n; i++) {
        const YNode *e = list->items[i], *file = ytree_get(e, "file"), *as = ytree_get(e, "as");
        if (!file || file->kind != YN_STR || !file->len) continue;
        add_import(r, file, file->len, as && as->kind == YN_STR ? as : NULL, e->span);
    }
}

/* --- named types (issue 14) ---------------------------------------------------------------- */
/* `dcc gen -t odcs` writes the contract's type declarations as the root's dccTypes, each shaped
 * like a property, and names the type an element uses by dccTypeName, while the element still
 * says the whole type and every attribute the type gives it (for other tools). The reader
 * declares the types again, gives the element its type by name, and keeps as the element's own
 * attributes only what it says beyond the type's entry. */

static bool ynode_equal(const YNode *a, const YNode *b)
{
    if (!a || !b || a->kind != b->kind) return false;
    if (a->kind == YN_MAP || a->kind == YN_SEQ) {
        if (a->n != b->n) return false;
        for (size_t i = 0; i < a->n; i++)
            if (a->kind == YN_MAP ? strcmp(a->pairs[i].key->text, b->pairs[i].key->text) ||
                                        !ynode_equal(a->pairs[i].value, b->pairs[i].value)
                                  : !ynode_equal(a->items[i], b->items[i]))
                return false;
        return true;
    }
    return a->len == b->len && !memcmp(a->text, b->text, a->len);
}

/* The dccTypes entry an element names by dccTypeName, or NULL (none named, or not declared) */
static const YNode *named_entry(const Reader *r, const YNode *p)
{
    const char *n = custom_str(p, "dccTypeName");
    const YNode *types = r->types;
    const char *dot = n ? strchr(n, '.') : NULL;
    if (dot) { /* `ALIAS.NAME`: a type of an import, in that document's dccTypes */
        const struct OdcsImport *im = import_by_alias(r, n, (size_t)(dot - n));
        const YNode *lt = im && im->root ? custom_of(im->root, "dccTypes") : NULL;
        types = lt && lt->kind == YN_SEQ ? lt : NULL;
        n = dot + 1;
    }
    for (size_t i = 0; n && types && i < types->n; i++) {
        const char *e = str_of(types->items[i], "name");
        if (e && !strcmp(e, n)) return types->items[i];
    }
    return NULL;
}

/* The entries of a mapping or list `v` that `base` does not have (the same key with an equal
 * value, an equal item), or NULL when none is left */
static const YNode *beyond(Reader *r, const YNode *v, const YNode *base)
{
    if (!base || base->kind != v->kind || (v->kind != YN_MAP && v->kind != YN_SEQ)) return v;
    YNode *m = arena_alloc(r->a, sizeof *m);
    *m = *v;
    m->n = 0;
    if (v->kind == YN_MAP) {
        /* the options that say one attribute together (a range, a length) stay together when one
         * of them differs: the element's own range replaces its type's whole */
        static const char *const groups[][5] = {
            {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", NULL},
            {"minLength", "maxLength", NULL}, {"minItems", "maxItems", NULL}, {"minProperties", "maxProperties", NULL}};
        m->pairs = arena_alloc(r->a, (v->n + 1) * sizeof *m->pairs);
        for (size_t i = 0; i < v->n; i++) {
            const char *k = v->pairs[i].key->text;
            bool differs = !ynode_equal(v->pairs[i].value, ytree_get(base, k));
            for (size_t g = 0; g < sizeof groups / sizeof *groups && !differs; g++) {
                bool in = false, other = false;
                for (const char *const *gk = groups[g]; *gk; gk++) {
                    in |= !strcmp(*gk, k);
                    other |= !ynode_equal(ytree_get(v, *gk), ytree_get(base, *gk)) && (ytree_get(v, *gk) || ytree_get(base, *gk));
                }
                differs = in && other;
            }
            if (differs) m->pairs[m->n++] = v->pairs[i];
        }
    } else {
        m->items = arena_alloc(r->a, (v->n + 1) * sizeof *m->items);
        for (size_t i = 0; i < v->n; i++) {
            bool had = false;
            for (size_t j = 0; j < base->n && !had; j++) had = ynode_equal(v->items[i], base->items[j]);
            if (!had) m->items[m->n++] = v->items[i];
        }
    }
    return m->n ? m : NULL;
}

/* An element with the keys its named type's entry `base` says the same way left out: what it
 * says of its own. Its name, description and logicalType stay (attributes are read by it), and
 * its physicalType when `physical` (for build_attrs, which tells string(N) by it; build_meta
 * gets the element without it when it is the type's). A restated attribute equal to the type's
 * is taken as the type's. */
static const YNode *own_of(Reader *r, const YNode *p, const YNode *base, bool physical)
{
    YNode *m = arena_alloc(r->a, sizeof *m);
    *m = *p;
    m->n = 0;
    m->pairs = arena_alloc(r->a, (p->n + 1) * sizeof *m->pairs);
    for (size_t i = 0; i < p->n; i++) {
        const char *k = p->pairs[i].key->text;
        const YNode *v = p->pairs[i].value, *bv = ytree_get(base, k);
        bool keep = !strcmp(k, "name") || !strcmp(k, "description") || !strcmp(k, "logicalType") ||
                    (physical && !strcmp(k, "physicalType"));
        if (!keep && (!strcmp(k, "logicalTypeOptions") || !strcmp(k, "customProperties"))) {
            if (!(v = beyond(r, v, bv))) continue;
        } else if (!keep && ynode_equal(v, bv)) {
            continue;
        }
        /* the tree is only read, but YPair's members are not const */
        m->pairs[m->n++] = (YPair){p->pairs[i].key, (YNode *)v};
    }
    return m;
}

static Type *build_type(Reader *r, const YNode *p)
{
    const YNode *named = named_entry(r, p);
    if (named) {
        const YNode *tn = custom_of(p, "dccTypeName");
        const char *dot = strchr(tn->text, '.');
        if (!dot) return mb_type_word(&r->b, str_of(named, "name"), tn->span);
        return mb_type_qualified(&r->b, mb_name(&r->b, arena_strndup(r->a, tn->text, (size_t)(dot - tn->text)), tn->span),
                                 mb_name(&r->b, str_of(named, "name"), tn->span), tn->span);
    }
    const YNode *ltn = ytree_get(p, "logicalType");
    const char *lt = ltn ? ltn->text : NULL;
    const YNode *opts = ytree_get(p, "logicalTypeOptions");
    Span at = ltn ? ltn->span : head_span(p);
    const YNode *props = ytree_get(p, "properties");
    if (!lt) {
        if (props && props->n) return struct_of(r, props, at);
        if (ytree_get(p, "items")) lt = "array";
        else return mb_type_word(&r->b, "json", at);
    }
    const char *dcc_type = custom_str(p, "dccType");
    const char *dcc_enum = custom_str(p, "dccEnum");
    if (dcc_type && !strcmp(dcc_type, "json")) return mb_type_word(&r->b, "json", at);
    const YNode *map_value = custom_of(p, "dccMapValue");
    if (map_value && map_value->kind == YN_MAP)
        return mb_type_map(&r->b, mb_name(&r->b, "string", at), build_type(r, map_value), at);
    if (dcc_enum && !strcmp(lt, "string")) { /* `enum(a, b)`, which ODCS v3.1 cannot say, as dcc wrote it */
        EnumList *l = NULL;
        for (const char *v = dcc_enum;;) {
            const char *bar = strchr(v, '|');
            size_t n = bar ? (size_t)(bar - v) : strlen(v);
            l = mb_enum_list(&r->b, l, arena_strndup(r->a, v, n), at);
            if (!bar) break;
            v = bar + 1;
        }
        return mb_type_enum(&r->b, l, at);
    }
    if (!strcmp(lt, "string")) {
        const char *f = str_of(opts, "format");
        const char *pt = str_of(p, "physicalType");
        if (f && !strcmp(f, "byte") && pt && !strcmp(pt, "bytea")) return mb_type_word(&r->b, "bytes", at);
        /* string(N) when the physical type says varchar(N) and maxLength agrees (as dcc writes
         * string(N)); the physical type alone is the store's business, not a logical limit. */
        long n = sized_string(p);
        const YNode *xl = ytree_get(opts, "maxLength");
        if ((!f || strcmp(f, "uuid")) && n > 0 && n <= 2147483647L && xl && xl->kind == YN_INT && strtol(xl->text, NULL, 10) == n) {
            const char *t = arena_printf(r->a, "%ld", n);
            return mb_type_args(&r->b, "string", mb_literal(&r->b, LIT_NUMBER, t, (uint32_t)strlen(t), at), at);
        }
        return mb_type_word(&r->b, f && !strcmp(f, "uuid") ? "uuid" : "string", at);
    }
    if (!strcmp(lt, "date") || !strcmp(lt, "time") || !strcmp(lt, "boolean")) return mb_type_word(&r->b, lt, at);
    if (!strcmp(lt, "timestamp")) {
        /* ODCS leaves the zone open unless `timezone: true`. */
        return mb_type_word(&r->b, is_true(opts, "timezone") ? "timestamptz" : "timestamp", at);
    }
    if (!strcmp(lt, "integer")) {
        const char *w = integer_type(opts);
        if (w) return mb_type_word(&r->b, w, at);
        LitList *args = mb_lit_list(&r->b, NULL, mb_literal(&r->b, LIT_NUMBER, "38", 2, at));
        mb_lit_list(&r->b, args, mb_literal(&r->b, LIT_NUMBER, "0", 1, at));
        return mb_type_args(&r->b, "decimal", args->first, at);
    }
    if (!strcmp(lt, "number")) {
        const char *f = str_of(opts, "format");
        int prec, scale;
        if (f) return mb_type_word(&r->b, !strcmp(f, "f32") ? "float32" : "float64", at);
        if (physical_decimal(str_of(p, "physicalType"), &prec, &scale) && prec >= 1 && prec <= 38 && scale >= 0 && scale <= prec) {
            LitList *args = mb_lit_list(&r->b, NULL, mb_literal(&r->b, LIT_NUMBER, arena_printf(r->a, "%d", prec), 0, at));
            args->first->len = (uint32_t)strlen(args->first->text);
            Literal *s = mb_literal(&r->b, LIT_NUMBER, arena_printf(r->a, "%d", scale), 0, at);
            s->len = (uint32_t)strlen(s->text);
            mb_lit_list(&r->b, args, s);
            return mb_type_args(&r->b, "decimal", args->first, at);
        }
        return mb_type_word(&r->b, "number", at);
    }
    if (!strcmp(lt, "object")) {
        if (props && props->n) return struct_of(r, props, at);
        return mb_type_word(&r->b, "json", at);
    }
    if (!strcmp(lt, "array")) {
        const YNode *items = ytree_get(p, "items");
        Type *elem = items ? build_type(r, items) : mb_type_word(&r->b, "json", at);
        return mb_type_list(&r->b, elem, at);
    }
    if (!strcmp(lt, "map")) {
        const YNode *map = ytree_get(p, "map");
        const YNode *value = ytree_get(map, "value");
        const char *klt = str_of(ytree_get(map, "key"), "logicalType");
        if (klt && strcmp(klt, "string"))
            diag_report(r->d, D_ODCS_UNMAPPED, ytree_get(map, "key")->span,
                        "map keys of logicalType %s are read as strings (dcc's maps have string keys)", klt);
        return mb_type_map(&r->b, mb_name(&r->b, "string", at), value ? build_type(r, value) : mb_type_word(&r->b, "json", at), at);
    }
    return mb_type_word(&r->b, "json", at);
}

/* A bound as the language writes it. ODCS examples write timestamps with a space between date
 * and time ("2020-01-01 00:00:00"), which RFC 3339 allows and dcc spells with 'T'; a timestamp
 * without an offset is in the property's defaultTimezone, UTC unless given, which dcc spells 'Z'. */
static Literal *bound(Reader *r, const YNode *p, const YNode *v)
{
    Literal *l = lit_scalar(r, v);
    if (l->kind != LIT_STRING || l->len < 19 || l->text[4] != '-' || l->text[13] != ':' ||
        (l->text[10] != ' ' && l->text[10] != 'T'))
        return l;
    const char *tz = str_of(ytree_get(p, "logicalTypeOptions"), "defaultTimezone");
    bool utc = !tz || !strcmp(tz, "Etc/UTC") || !strcmp(tz, "UTC");
    const char *rest = l->text + 19;
    while (*rest == '.' || isdigit((unsigned char)*rest)) rest++;
    char *t = arena_printf(r->a, "%s%s", l->text, !*rest && utc ? "Z" : "");
    t[10] = 'T';
    l->text = t;
    l->len = (uint32_t)strlen(t);
    return l;
}

static const char *const classification_words[] = {"public", "internal", "confidential", "restricted", NULL};

static Meta *meta_of(Reader *r, const YNode *v, const char *const *skip);

static void build_attrs(Reader *r, const YNode *p, Attrs *at)
{
    mb_attrs_clear(at);
    const YNode *k;
    if (is_true(p, "unique")) mb_attr_unique(&r->b, at, ytree_key(p, "unique")->span);
    const YNode *cls = ytree_get(p, "classification");
    if (cls && odcs_word_in(classification_words, cls->text))
        mb_attr_name(&r->b, at, ATTR_CLASSIFICATION, element_name(r, cls), cls->span);
    const YNode *opts = ytree_get(p, "logicalTypeOptions");
    const char *lt = str_of(p, "logicalType");
    if (opts && lt && strcmp(lt, "array") && strcmp(lt, "object")) {
        const YNode *mn = ytree_get(opts, "minimum"), *xmn = ytree_get(opts, "exclusiveMinimum");
        const YNode *mx = ytree_get(opts, "maximum"), *xmx = ytree_get(opts, "exclusiveMaximum");
        const YNode *lo = xmn ? xmn : mn, *hi = xmx ? xmx : mx;
        if (lo || hi) {
            Span sp = (lo ? lo : hi)->span;
            mb_attr_interval(&r->b, at, ATTR_RANGE,
                             mb_interval(&r->b, lo ? bound(r, p, lo) : NULL, lo && !xmn, hi ? bound(r, p, hi) : NULL, hi && !xmx, sp),
                             sp);
        }
        const YNode *ml = ytree_get(opts, "minLength"), *xl = ytree_get(opts, "maxLength");
        long n = sized_string(p);
        if (xl && xl->kind == YN_INT && n > 0 && strtol(xl->text, NULL, 10) == n) xl = NULL; /* string(N) says it */
        if (ml || xl) {
            Span sp = (ml ? ml : xl)->span;
            mb_attr_interval(&r->b, at, ATTR_LENGTH,
                             mb_interval(&r->b, ml ? lit_num(r, ml) : NULL, true, xl ? lit_num(r, xl) : NULL, true, sp), sp);
        }
        if ((k = ytree_get(opts, "pattern")) && k->kind == YN_STR) mb_attr_literal(&r->b, at, ATTR_PATTERN, lit_str(r, k), k->span);
    }
    /* What `dcc gen -t odcs` kept as custom properties. */
    const YNode *cv;
    Span cs = p->span;
    if ((cv = custom_of(p, "dccDefault")) && cv->kind != YN_MAP && cv->kind != YN_SEQ)
        mb_attr_literal(&r->b, at, ATTR_DEFAULT, lit_scalar(r, cv), cv->span);
    if ((cv = custom_of(p, "dccUnit")) && cv->kind == YN_STR) mb_attr_literal(&r->b, at, ATTR_UNIT, lit_str(r, cv), cv->span);
    if ((cv = custom_of(p, "dccTerm")) && cv->kind == YN_STR) mb_attr_literal(&r->b, at, ATTR_TERM, lit_str(r, cv), cv->span);
    if ((cv = custom_of(p, "dccPii")) && cv->kind == YN_STR) mb_attr_name(&r->b, at, ATTR_PII, element_name(r, cv), cv->span);
    if ((cv = custom_of(p, "dccDeprecated")) && cv->kind == YN_STR) {
        const YNode *why = custom_of(p, "dccDeprecationReason");
        mb_attr_deprecated(&r->b, at, strcmp(cv->text, "true") ? lit_str(r, cv) : NULL,
                           why && why->kind == YN_STR ? lit_str(r, why) : NULL, cs);
    }
    if ((cv = custom_of(p, "dccValues")) && cv->kind == YN_SEQ && cv->n) {
        LitList *vals = NULL;
        for (size_t i = 0; i < cv->n; i++) vals = mb_lit_list(&r->b, vals, lit_scalar(r, cv->items[i]));
        mb_attr_values(&r->b, at, vals, cv->span);
    }
    if (opts && lt && (!strcmp(lt, "array") || (!strcmp(lt, "object") && custom_of(p, "dccMapValue")))) {
        bool list = !strcmp(lt, "array");
        const YNode *mi = ytree_get(opts, list ? "minItems" : "minProperties"), *xi = ytree_get(opts, list ? "maxItems" : "maxProperties");
        if (mi || xi) {
            Span sp = (mi ? mi : xi)->span;
            mb_attr_interval(&r->b, at, ATTR_LENGTH, mb_interval(&r->b, mi ? lit_num(r, mi) : NULL, true, xi ? lit_num(r, xi) : NULL, true, sp), sp);
        }
    }
    const YNode *en = ytree_get(p, "enum");
    if (en && en->kind == YN_SEQ && en->n) {
        LitList *vals = NULL;
        for (size_t i = 0; i < en->n; i++) {
            const YNode *e = en->items[i], *v = ytree_get(e, "value");
            if (!v) continue;
            vals = mb_lit_list(&r->b, vals, lit_scalar(r, v));
            /* its label, description and other keys: `"V" { label: ..., ... }` */
            if (e->n > 1) mb_value_note(&r->b, vals, meta_of(r, e, (const char *const[]){"value", NULL}));
        }
        if (vals) mb_attr_values(&r->b, at, vals, en->span);
    }
}

/* A property's relationship to `table.column` of this contract, as a reference. */
static const YNode *find_property(const YNode *root, const char *table, const char *column)
{
    const YNode *schema = ytree_get(root, "schema");
    for (size_t i = 0; schema && i < schema->n; i++) {
        const YNode *obj = schema->items[i];
        const char *name = str_of(obj, "name");
        if (!name || strcmp(name, table)) continue;
        const YNode *props = ytree_get(obj, "properties");
        for (size_t j = 0; props && j < props->n; j++) {
            const char *pn = str_of(props->items[j], "name");
            if (pn && !strcmp(pn, column)) return props->items[j];
        }
    }
    return NULL;
}

static bool same_logical_type(const YNode *a, const YNode *b)
{
    const char *x = str_of(a, "logicalType"), *y = str_of(b, "logicalType");
    return x && y && !strcmp(x, y);
}

/* The element of `list` whose id, else whose name, is `seg`, or NULL. */
static const YNode *by_segment(const YNode *list, const char *seg)
{
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; list && list->kind == YN_SEQ && i < list->n; i++) {
            const char *v = str_of(list->items[i], pass ? "name" : "id");
            if (v && !strcmp(v, seg)) return list->items[i];
        }
    return NULL;
}

/* A relationship to `FILE#/schema/DATASET/properties/FIELD` (the standard's fully qualified
 * reference into another document, DATASET and FIELD by id or name): a reference into the
 * contract that dccImports names FILE for, `references ALIAS.DATASET.FIELD`; otherwise carried. */
/* The schema object and property a fully qualified path within a document names
 * (`schema/OBJ/properties/PROP`, with or without a leading '/', each segment an id or else a
 * name), looked up in the document whose root is doc; false when it names none. */
static bool fq_target(Reader *r, const YNode *doc, const char *path, const YNode **obj, const YNode **prop)
{
    const char *segs[5] = {0};
    size_t n = 0;
    char *copy = arena_strdup(r->a, path + (path[0] == '/'));
    for (char *q = copy; n < 5;) {
        segs[n++] = q;
        char *sl = strchr(q, '/');
        if (!sl) break;
        *sl = '\0';
        q = sl + 1;
    }
    *obj = *prop = NULL;
    if (doc && n == 4 && !strcmp(segs[0], "schema") && !strcmp(segs[2], "properties")) {
        *obj = by_segment(ytree_get(doc, "schema"), segs[1]);
        *prop = *obj ? by_segment(ytree_get(*obj, "properties"), segs[3]) : NULL;
    }
    /* the model names them (a schema object or property without a name is an error of its own) */
    return *prop && str_of(*obj, "name") && str_of(*prop, "name");
}

/* p's reference to target (NULL: the relationship `to` names no property; where says where it
 * was looked for), as the qualified name q: made when target has p's logical type, else the
 * relationship is carried in `meta` with a warning. */
static bool take_reference(Reader *r, const YNode *p, const YNode *to, const YNode *target, const char *where, const char *q,
                           Attrs *at)
{
    if (!target) {
        diag_report(r->d, D_ODCS_UNMAPPED, to->span, "relationship to '%s', which is not a property of a schema object %s: not checked (carried in `meta`)",
                    to->text, where);
        return false;
    }
    if (!same_logical_type(p, target)) {
        diag_report(r->d, D_ODCS_UNMAPPED, to->span, "relationship between properties of different logical types: not checked (carried in `meta`)");
        return false;
    }
    mb_attr_references(&r->b, at, mb_qname_text(&r->b, q, to->span), to->span);
    return true;
}

/* Does the file part of a reference (n bytes of text, relative to this document's folder)
 * name this document itself? The standard lets a reference into the same contract carry the
 * file's name, and that is no import (it would be a cycle). */
static bool names_self(Reader *r, const char *text, size_t n)
{
    struct stat a, b;
    return stat(beside(r, arena_strndup(r->a, text, n)), &a) == 0 && stat(r->sources->files[r->file]->path, &b) == 0 &&
           a.st_dev == b.st_dev && a.st_ino == b.st_ino;
}

static bool build_external_reference(Reader *r, const YNode *p, const YNode *to, const char *hash, Attrs *at)
{
    size_t flen = (size_t)(hash - to->text);
    const struct OdcsImport *im = import_by_file(r, to->text, flen);
    /* a document named only here (an ODCS file from elsewhere that points into another by the
     * standard's reference) is imported too, when it is a readable file beside this one's; when
     * it is not, the relationship is carried in `meta` with a warning (below), as one into a
     * document dcc cannot see (a URL) is: a missing file dccImports names is an error, since
     * dcc wrote that import, but other tools' references are theirs to keep. */
    if (!im && flen && !strstr(to->text, "://") && !memchr(to->text, '\0', flen)) im = add_import(r, to, flen, NULL, to->span);
    const YNode *obj = NULL, *prop = NULL;
    bool found = im && fq_target(r, im->root, hash + 1, &obj, &prop);
    return take_reference(r, p, to, found ? prop : NULL, "of a document beside this one",
                          found ? arena_printf(r->a, "%s.%s.%s", im->alias, str_of(obj, "name"), str_of(prop, "name")) : NULL, at);
}

/* The relationship rel of property p (its `to`) as p's `references`, with the relationship's
 * other keys (its customProperties) as the reference's map: `references T { ... }`. */
static void build_reference(Reader *r, const YNode *root, const YNode *p, const YNode *rel, Attrs *at)
{
    const YNode *to = ytree_get(rel, "to");
    if (!to || to->kind != YN_STR) {
        if (to) diag_report(r->d, D_ODCS_UNMAPPED, to->span, "a composite relationship is not checked by dcc (references are single fields; carried in `meta`)");
        return;
    }
    /* The standard's fully qualified reference into this contract: `schema/OBJ/properties/P`,
     * or after '#' with this document's own file name or none before it */
    const char *hash = strchr(to->text, '#'), *fq = NULL;
    if (hash && (hash == to->text || names_self(r, to->text, (size_t)(hash - to->text)))) fq = hash + 1, hash = NULL;
    else if (!hash && (!strncmp(to->text, "schema/", 7) || !strncmp(to->text, "/schema/", 8))) fq = to->text;
    bool made;
    if (hash) {
        made = build_external_reference(r, p, to, hash, at);
    } else if (fq) {
        const YNode *obj, *prop;
        bool found = fq_target(r, root, fq, &obj, &prop);
        made = take_reference(r, p, to, found ? prop : NULL, "in this contract",
                              found ? arena_printf(r->a, "%s.%s", str_of(obj, "name"), str_of(prop, "name")) : NULL, at);
    } else {
        const char *dot = strrchr(to->text, '.');
        const char *table = dot ? arena_strndup(r->a, to->text, (size_t)(dot - to->text)) : NULL;
        made = take_reference(r, p, to, table ? find_property(root, table, dot + 1) : NULL, "in this contract", to->text, at);
    }
    if (!made) return;
    /* the relationship's other keys (its customProperties), into this contract or another */
    static const char *const said[] = {"type", "from", "to", NULL};
    bool more = false;
    for (size_t i = 0; rel->kind == YN_MAP && i < rel->n; i++) more |= !odcs_word_in(said, rel->pairs[i].key->text);
    if (more) mb_attr_references_extra(&r->b, at, meta_of(r, rel, said));
}

/* A string key of an element as metadata item k (ATTR_ID ... ATTR_ENCRYPTED_NAME). */
static void meta_str(Reader *r, const YNode *el, const char *key, AttrKind k, Attrs *at)
{
    const YNode *v = ytree_get(el, key);
    if (v && v->kind == YN_STR) mb_attr_literal(&r->b, at, k, lit_str(r, v), v->span);
}

/* ODCS element metadata of a property (issue 14): id, names, physicalType unless dcc writes it
 * back anyway (what it writes for the type read, which in a file that follows ODCS it writes only
 * for a type read back by it: odcs_physical_says_type), criticalDataElement and scalar examples. */
static void build_meta(Reader *r, const YNode *p, const Type *t, Attrs *at)
{
    meta_str(r, p, "id", ATTR_ID, at);
    meta_str(r, p, "businessName", ATTR_BUSINESS_NAME, at);
    meta_str(r, p, "physicalName", ATTR_PHYSICAL_NAME, at);
    meta_str(r, p, "encryptedName", ATTR_ENCRYPTED_NAME, at);
    const char *pt = str_of(p, "physicalType"), *dflt = odcs_default_physical_type(r->a, t);
    bool restated = pt && dflt && !strcmp(pt, dflt); /* what dcc writes for the type read */
    if (pt && !(restated && (!r->standard || odcs_physical_says_type(t)))) meta_str(r, p, "physicalType", ATTR_PHYSICAL_TYPE, at);
    if (is_true(p, "criticalDataElement")) mb_attr_critical(&r->b, at, ytree_key(p, "criticalDataElement")->span);
    const YNode *ex = ytree_get(p, "examples");
    LitList *l = NULL;
    for (size_t i = 0; ex && ex->kind == YN_SEQ && i < ex->n; i++) {
        const YNode *v = ex->items[i];
        if (v->kind == YN_MAP || v->kind == YN_SEQ) {
            diag_report(r->d, D_ODCS_UNMAPPED, v->span, "an example that is a list or an object is not carried (dcc's examples are scalars)");
            l = NULL;
            break;
        }
        l = mb_lit_list(&r->b, l, lit_scalar(r, v));
    }
    if (l && l->first) mb_attr_examples(&r->b, at, l, ex->span);
}

static Meta *meta_of(Reader *r, const YNode *v, const char *const *skip);

/* Is this customProperties entry one of dcc's own (`dcc...`), which the reader turns back into
 * what dcc wrote it for? */
static bool dcc_custom(const YNode *e)
{
    const char *prop = str_of(e, "property");
    return prop && !strncmp(prop, "dcc", 3);
}

static bool check_not_run(const YNode *q)
{
    return q->kind == YN_MAP && odcs_check_not_run(str_of(q, "type"), str_of(q, "metric") ? str_of(q, "metric") : str_of(q, "rule"),
                                                   custom_str(q, "dccRule") != NULL);
}

/* The element's keys the language has no words for, as the map of its `meta { ... }`, or NULL
 * when there are none: every key not in `said`; of customProperties the entries that are not
 * dcc's own, of relationships those not taken (taken[i]: entry i became a reference), of quality
 * the checks dcc does not run (text and custom: the others are rules); after the entries already
 * in l (type_extra's), or NULL. */
static Meta *extra_of(Reader *r, const YNode *obj, const OdcsShape *shape, const OdcsSaid *said, const bool *taken, MetaList *l)
{
    for (size_t i = 0; obj && obj->kind == YN_MAP && i < obj->n; i++) {
        const YNode *k = obj->pairs[i].key, *v = obj->pairs[i].value;
        bool checks = !strcmp(k->text, "quality") && shape != &odcs_quality;
        if ((odcs_said(said, k->text) && !checks) || (checks && v->kind != YN_SEQ)) continue;
        if (!odcs_shape_key(shape, k->text)) { /* a v3.0 file's own key: v3.1, which dcc writes, has no place for it */
            diag_report(r->d, D_ODCS_UNMAPPED, k->span, "'%s' is no key of an ODCS v3.1 %s: not carried", k->text, shape->name);
            continue;
        }
        Meta *m;
        bool cps = !strcmp(k->text, "customProperties"), rels = !strcmp(k->text, "relationships");
        if ((cps || rels || checks) && v->kind == YN_SEQ) {
            MetaList *items = NULL;
            for (size_t j = 0; j < v->n; j++) {
                if (cps ? dcc_custom(v->items[j]) : rels ? taken && taken[j] : !check_not_run(v->items[j])) continue;
                items = mb_meta_list(&r->b, items, meta_of(r, v->items[j], NULL));
            }
            if (!items) continue;
            m = mb_meta_container(&r->b, META_LIST, items, v->span);
        } else {
            m = meta_of(r, v, NULL);
        }
        if (!l) l = mb_meta_list(&r->b, NULL, NULL);
        mb_meta_list(&r->b, l, mb_meta_entry(&r->b, k->text, k->span, m));
    }
    return l ? mb_meta_container(&r->b, META_MAP, l, obj->span) : NULL;
}

/* --- what a type's ODCS says beyond dcc's type (issue 14) ---------------------------------- */

static MetaList *type_extra(Reader *r, const YNode *p, const Type *t, bool field, MetaList *l);

static MetaList *meta_add(Reader *r, MetaList *l, const char *key, Span at, Meta *m)
{
    return mb_meta_list(&r->b, l, mb_meta_entry(&r->b, key, at, m));
}

/* An array's items, or a v3.2 map's key or value (t NULL: the key, always a string), as the
 * entries of its `items` or `map.key`/`map.value` in the element's meta: its description and
 * physicalType (no language element says them for a type inside a type), its other keys that the
 * language does not say, and what type_extra finds in its type. A physicalType that says no more
 * than dcc writes for the type is left out, as build_meta does for a field's. NULL when none. */
static MetaList *element_extra(Reader *r, const YNode *e, const Type *t)
{
    MetaList *l = NULL;
    for (size_t i = 0; e && e->kind == YN_MAP && i < e->n; i++) {
        const YNode *k = e->pairs[i].key, *v = e->pairs[i].value;
        bool desc = !strcmp(k->text, "description"), phys = !strcmp(k->text, "physicalType");
        if (!desc && !phys && (odcs_said(odcs_property_said, k->text) || !strcmp(k->text, "customProperties"))) continue;
        if (!odcs_shape_key(&odcs_item_property, k->text)) continue;
        if ((desc || phys) && v->kind != YN_STR) continue;
        if (phys && t) {
            /* a named type's element says its type's (its dccTypes entry's) physicalType */
            const YNode *named = named_entry(r, e);
            const char *dflt = named ? str_of(named, "physicalType") : t->kind == TY_NAMED ? NULL : odcs_default_physical_type(r->a, t);
            if (dflt && !strcmp(v->text, dflt) && (named || !r->standard || odcs_physical_says_type(t))) continue;
        }
        l = meta_add(r, l, k->text, k->span, meta_of(r, v, NULL));
    }
    return t ? type_extra(r, e, t, false, l) : l;
}

/* The entries a type's ODCS element adds to its meta beyond what the type and the attributes
 * say, appended to l: `logicalTypeOptions` with the options dcc has no word for
 * (odcs_option_said: a date's format, a timestamp's defaultTimezone, a time's timezone, an
 * array's uniqueItems, an object's required list and property counts; of a list's items or a
 * map's value, which take no attributes (field false), its range, length and pattern too),
 * `items` with what element_extra finds in a list's items, `map` with it for a v3.2 map's key
 * and value. A named type's element (dccTypeName) says nothing beyond its type here. */
static MetaList *type_extra(Reader *r, const YNode *p, const Type *t, bool field, MetaList *l)
{
    if (!t || t->kind == TY_NAMED || t->kind == TY_ERROR || named_entry(r, p)) return l;
    const YNode *opts = ytree_get(p, "logicalTypeOptions");
    const OdcsShape *shape = t->kind == TY_MAP ? NULL : odcs_options_of(odcs_logical_type(t->kind));
    MetaList *o = NULL;
    for (size_t i = 0; shape && opts && opts->kind == YN_MAP && i < opts->n; i++) {
        const YNode *k = opts->pairs[i].key;
        if (!odcs_option_said(t, NULL, field, k->text) && odcs_shape_key(shape, k->text))
            o = meta_add(r, o, k->text, k->span, meta_of(r, opts->pairs[i].value, NULL));
    }
    if (o) l = meta_add(r, l, "logicalTypeOptions", ytree_key(p, "logicalTypeOptions")->span, mb_meta_container(&r->b, META_MAP, o, opts->span));
    const YNode *items = ytree_get(p, "items"), *map = ytree_get(p, "map");
    MetaList *il;
    if (t->kind == TY_LIST && items && (il = element_extra(r, items, t->u.list.elem)))
        l = meta_add(r, l, "items", ytree_key(p, "items")->span, mb_meta_container(&r->b, META_MAP, il, items->span));
    if (t->kind == TY_MAP && map && map->kind == YN_MAP) {
        MetaList *ml = NULL, *kl;
        const YNode *key = ytree_get(map, "key"), *value = ytree_get(map, "value");
        if (key && (kl = element_extra(r, key, NULL)))
            ml = meta_add(r, ml, "key", ytree_key(map, "key")->span, mb_meta_container(&r->b, META_MAP, kl, key->span));
        if (value && (kl = element_extra(r, value, t->u.map.value)))
            ml = meta_add(r, ml, "value", ytree_key(map, "value")->span, mb_meta_container(&r->b, META_MAP, kl, value->span));
        if (ml) l = meta_add(r, l, "map", ytree_key(p, "map")->span, mb_meta_container(&r->b, META_MAP, ml, map->span));
    }
    return l;
}

static bool key_column_ok(const YNode *p);

/* extra (a META_MAP or NULL) with property p's primaryKey and primaryKeyPosition added. */
static Meta *with_key_words(Reader *r, Meta *extra, const YNode *p)
{
    MetaList *l = mb_meta_list(&r->b, NULL, NULL);
    for (Meta *e = extra ? extra->items : NULL, *next; e; e = next) {
        next = e->next;
        e->next = NULL;
        mb_meta_list(&r->b, l, e);
    }
    static const char *const keys[] = {"primaryKey", "primaryKeyPosition"};
    for (size_t i = 0; i < 2; i++) {
        const YNode *k = ytree_key(p, keys[i]), *v = ytree_get(p, keys[i]);
        if (k && v) mb_meta_list(&r->b, l, mb_meta_entry(&r->b, keys[i], k->span, meta_of(r, v, NULL)));
    }
    return mb_meta_container(&r->b, META_MAP, l, extra ? extra->span : p->span);
}

static Field *build_field(Reader *r, const YNode *p, bool force_required)
{
    const YNode *name = ytree_get(p, "name");
    Attrs at;
    const YNode *base = named_entry(r, p);
    build_attrs(r, base ? own_of(r, p, base, true) : p, &at);
    Type *type = build_type(r, p);
    const YNode *own = base ? own_of(r, p, base, false) : p;
    build_meta(r, own, type, &at);
    const YNode *rels = ytree_get(p, "relationships");
    bool *taken = rels && rels->kind == YN_SEQ ? arena_alloc(r->a, rels->n * sizeof *taken + 1) : NULL;
    /* relationships equal to the named type's are the type's reference (build_types), not the
     * field's own */
    bool types = base && !ytree_get(own, "relationships");
    for (size_t i = 0; taken && i < rels->n; i++) {
        taken[i] = types;
        if (types) continue;
        if (at.references) {
            diag_report(r->d, D_ODCS_UNMAPPED, rels->items[i]->span, "a second relationship of one property is not checked (carried in `meta`)");
            continue;
        }
        build_reference(r, r->root, p, rels->items[i], &at);
        taken[i] = at.references != NULL;
    }
    Meta *extra = extra_of(r, p, &odcs_property, odcs_property_said, taken, type_extra(r, p, type, true, NULL));
    /* A key column dcc leaves out of the key (build_dataset): what the file says of it is carried
     * in meta, and it is required only when it says so, as it is in no key of dcc's. */
    bool unkeyed = is_true(p, "primaryKey") && !key_column_ok(p);
    if (unkeyed) extra = with_key_words(r, extra, p);
    if (extra) mb_attr_extra(&r->b, &at, extra, extra->span);
    const YNode *desc = ytree_get(p, "description");
    bool required = force_required || is_true(p, "required") || (is_true(p, "primaryKey") && !unkeyed);
    return mb_field(&r->b, element_name(r, name), desc && desc->kind == YN_STR ? desc->text : NULL, type, !required,
                    &at, p->span);
}

/* --- quality ------------------------------------------------------------------------------- */

static const struct { const char *key; CmpOp op; } simple_ops[] = {
    {"mustBe", CMP_EQ}, {"mustBeGreaterThan", CMP_GT}, {"mustBeGreaterOrEqualTo", CMP_GE},
    {"mustBeLessThan", CMP_LT}, {"mustBeLessOrEqualTo", CMP_LE},
    {"mustNotBe", CMP_NE},
};

static const struct { const char *key; CmpOp op; } range_ops[] = {
    {"mustBeBetween", CMP_BETWEEN}, {"mustNotBeBetween", CMP_NOT_BETWEEN},
};

static bool is_num(const YNode *v) { return v && (v->kind == YN_INT || v->kind == YN_FLOAT); }

/* The check's mustBeBetween / mustNotBeBetween with its two numbers (both bounds inclusive, the
 * smaller first: check_quality has said so where they are not), or NULL. */
static const YNode *range_of(const YNode *q, CmpOp *op)
{
    for (size_t i = 0; i < sizeof range_ops / sizeof range_ops[0]; i++) {
        const YNode *bt = ytree_get(q, range_ops[i].key);
        if (bt && bt->kind == YN_SEQ && bt->n == 2 && is_num(bt->items[0]) && is_num(bt->items[1])) {
            *op = range_ops[i].op;
            return bt;
        }
    }
    return NULL;
}

/* Adds the rule `kind op value` (or `kind [not] between lo and hi`) for the check's operator.
 * Returns false when the operator has no counterpart (a non-number). */
static bool add_rules(Reader *r, const YNode *q, RuleKind kind, Name *field, Literal *sql)
{
    for (size_t i = 0; i < sizeof simple_ops / sizeof simple_ops[0]; i++) {
        const YNode *v = ytree_get(q, simple_ops[i].key);
        if (!v) continue;
        if (!is_num(v)) return false;
        mb_rule(&r->b, kind, field, sql, simple_ops[i].op, lit_num(r, v), q->span);
        return true;
    }
    CmpOp op;
    const YNode *bt = range_of(q, &op);
    if (!bt) return false;
    mb_rule_between(&r->b, kind, field, sql, op, lit_num(r, bt->items[0]), lit_num(r, bt->items[1]), q->span);
    return true;
}

/* Is d a duration the language can write: digits and one of its units? */
static bool duration_text(const char *d)
{
    size_t k = 0;
    while (isdigit((unsigned char)d[k])) k++;
    static const char *const units[] = {"ms", "s", "m", "h", "d", "w", "y"};
    bool unit = false;
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) unit |= !strcmp(d + k, units[i]);
    return k > 0 && unit;
}

/* `freshness(FIELD) OP DURATION` or `freshness(FIELD) [not] between D1 and D2`, as `dcc gen -t
 * odcs` writes a freshness rule ODCS cannot say. */
static bool freshness_rule(Reader *r, const YNode *q, const YNode *v)
{
    char field[256], op[3], dur[32], dur_hi[32] = "";
    int at = 0;
    if (sscanf(v->text, "freshness(%255[^)]) %n", field, &at) != 1 || !at) return false;
    const char *rest = v->text + at;
    int o = -1, end = 0;
    if (sscanf(rest, "between %31s and %31s%n", dur, dur_hi, &end) == 2 && !rest[end]) o = CMP_BETWEEN;
    else if (sscanf(rest, "not between %31s and %31s%n", dur, dur_hi, &end) == 2 && !rest[end]) o = CMP_NOT_BETWEEN;
    else if (sscanf(rest, "%2s %31s%n", op, dur, &end) == 2 && !rest[end]) o = model_kw_find(&model_kw_cmp, op);
    if (o < 0) return false;
    /* Only what the language can say: a field name and a duration in its units; anything else
     * stays unmapped (DC1111), so that import never prints `<= 1um` (found by fuzz_odcs). */
    bool ok = model_is_ident(field, strlen(field));
    if (!ok || !duration_text(dur) || (CMP_IS_RANGE(o) && !duration_text(dur_hi))) return false;
    Name *f = mb_name(&r->b, arena_strdup(r->a, field), v->span);
    Literal *lo = mb_duration(&r->b, arena_strdup(r->a, dur), v->span);
    if (CMP_IS_RANGE(o))
        mb_rule_between(&r->b, RULE_FRESHNESS, f, NULL, (CmpOp)o, lo, mb_duration(&r->b, arena_strdup(r->a, dur_hi), v->span),
                        q->span);
    else
        mb_rule(&r->b, RULE_FRESHNESS, f, NULL, (CmpOp)o, lo, q->span);
    return true;
}

/* arguments.missingValues as a missing rule's values: the list without its null, or NULL with
 * *ok false when dcc cannot say it. dcc counts null and absent values as missing always, so a
 * list without null (which would not count them) and no list at all (the standard gives the
 * argument no default, and engines read it differently) stay unmapped; so do values that are not
 * scalars. */
static Literal *missing_values(Reader *r, const YNode *q, bool *ok)
{
    const YNode *list = ytree_get(ytree_get(q, "arguments"), "missingValues");
    *ok = false;
    if (!list || list->kind != YN_SEQ) return NULL;
    LitList *l = NULL;
    bool null = false;
    for (size_t i = 0; i < list->n; i++) {
        const YNode *v = list->items[i];
        if (v->kind == YN_NULL) null = true;
        else if (v->kind == YN_MAP || v->kind == YN_SEQ) return NULL;
        else l = mb_lit_list(&r->b, l, lit_scalar(r, v));
    }
    *ok = null;
    return l ? l->first : NULL;
}

/* invalidValues' arguments.validValues: its scalars, null among them as a null literal (null and
 * absent values are then valid); *ok false when it is not a list of scalars */
static Literal *valid_values(Reader *r, const YNode *q, bool *ok)
{
    const YNode *list = ytree_get(ytree_get(q, "arguments"), "validValues");
    *ok = false;
    if (!list || list->kind != YN_SEQ || !list->n) return NULL;
    LitList *l = NULL;
    for (size_t i = 0; i < list->n; i++) {
        const YNode *v = list->items[i];
        if (v->kind == YN_MAP || v->kind == YN_SEQ) return NULL;
        l = mb_lit_list(&r->b, l, lit_scalar(r, v));
    }
    *ok = true;
    return l->first;
}

static bool is_zero(const YNode *v) { return v && (v->kind == YN_INT || v->kind == YN_FLOAT) && strtod(v->text, NULL) == 0; }

static void build_check(Reader *r, const YNode *q, const YNode *prop)
{
    const char *type = str_of(q, "type");
    const char *metric = str_of(q, "metric");
    if (!metric) metric = str_of(q, "rule");
    if (!type) type = metric ? "library" : "text";
    Name *field = prop ? name_of(r, ytree_get(prop, "name")) : NULL;
    bool mapped = false;
    if (!strcmp(type, "sql")) {
        const YNode *query = ytree_get(q, "query");
        mapped = query && add_rules(r, q, RULE_SQL, NULL, lit_str(r, query));
    } else if (!strcmp(type, "library") && metric) {
        const char *unit = str_of(q, "unit");
        bool percent = unit && !strcmp(unit, "percent");
        if (!strcmp(metric, "rowCount")) {
            mapped = add_rules(r, q, RULE_ROW_COUNT, NULL, NULL);
        } else if (!strcmp(metric, "nullValues") && field) {
            /* in rows (`unit: rows` or none, as the standard's examples write counts): a count */
            mapped = add_rules(r, q, percent ? RULE_NULL_RATE : RULE_NULL_COUNT, field, NULL);
        } else if (!strcmp(metric, "invalidValues") && field && !percent && !ytree_get(q, "arguments")) {
            mapped = add_rules(r, q, RULE_INVALID_COUNT, field, NULL);
        } else if (!strcmp(metric, "invalidValues") && field && percent && !ytree_get(q, "arguments")) {
            /* valid% = 100 - invalid%: `invalidValues < X%` is `valid_rate > (100 - X)%` */
            Num hundred = num_of(r->a, "100"), lo, hi;
            CmpOp rop;
            const YNode *bt = range_of(q, &rop);
            if (bt) { /* invalid in [a, b] is valid in [100 - b, 100 - a], both included */
                const char *vl = num_parse(r->a, lit_num(r, bt->items[1])->text, &hi) ? num_sub_text(r->a, &hundred, &hi) : NULL;
                const char *vh = num_parse(r->a, lit_num(r, bt->items[0])->text, &lo) ? num_sub_text(r->a, &hundred, &lo) : NULL;
                if (vl && vh) {
                    mb_rule_between(&r->b, RULE_VALID_RATE, field, NULL, rop,
                                    mb_literal(&r->b, LIT_NUMBER, vl, (uint32_t)strlen(vl), bt->items[1]->span),
                                    mb_literal(&r->b, LIT_NUMBER, vh, (uint32_t)strlen(vh), bt->items[0]->span), q->span);
                    mapped = true;
                }
            }
            for (size_t i = 0; i < sizeof simple_ops / sizeof simple_ops[0] && !mapped; i++) {
                const YNode *v = ytree_get(q, simple_ops[i].key);
                if (!v || (v->kind != YN_INT && v->kind != YN_FLOAT)) continue;
                static const CmpOp mirror[] = {[CMP_LT] = CMP_GT, [CMP_LE] = CMP_GE, [CMP_GT] = CMP_LT, [CMP_GE] = CMP_LE, [CMP_EQ] = CMP_EQ, [CMP_NE] = CMP_NE};
                /* exactly, in decimal: a threshold is the decimal as written (a double's 100 -
                 * 1e-11 printed to 10 digits was 100, turning `< 0.00000000001%` into `> 100%`) */
                Num x;
                const char *t = num_parse(r->a, lit_num(r, v)->text, &x) ? num_sub_text(r->a, &hundred, &x) : NULL;
                if (!t) break;
                mb_rule(&r->b, RULE_VALID_RATE, field, NULL, mirror[simple_ops[i].op],
                        mb_literal(&r->b, LIT_NUMBER, t, (uint32_t)strlen(t), v->span), q->span);
                mapped = true;
            }
        } else if (!strcmp(metric, "invalidValues") && field && ytree_get(ytree_get(q, "arguments"), "validValues")) {
            /* rows (the default) or percent; a pattern argument beside the list stays DC1111 */
            bool ok;
            Literal *vals = valid_values(r, q, &ok);
            const YNode *args = ytree_get(q, "arguments");
            ok = ok && args->kind == YN_MAP && args->n == 1;
            if (ok && (mapped = add_rules(r, q, percent ? RULE_NOTIN_RATE : RULE_NOTIN_COUNT, field, NULL)))
                mb_rule_values(&r->b, vals);
        } else if (!strcmp(metric, "missingValues") && field) {
            bool ok;
            Literal *vals = missing_values(r, q, &ok);
            if (ok && (mapped = add_rules(r, q, percent ? RULE_MISSING_RATE : RULE_MISSING_COUNT, field, NULL)))
                mb_rule_values(&r->b, vals);
        } else if (!strcmp(metric, "duplicateValues")) {
            /* no unit and mustBe 0: `unique`; in rows (`unit: rows`, or another operator): a
             * count of duplicate records, duplicate_count; in percent, their share, duplicate_rate */
            bool uniq = !unit && is_zero(ytree_get(q, "mustBe"));
            NameList *names = NULL;
            if (field) {
                names = mb_name_list(&r->b, NULL, field);
            } else {
                const YNode *args = ytree_get(q, "arguments");
                const YNode *props = ytree_get(args, "properties");
                for (size_t i = 0; props && props->kind == YN_SEQ && i < props->n; i++)
                    if (props->items[i]->kind == YN_STR) names = mb_name_list(&r->b, names, name_of(r, props->items[i]));
            }
            if (names && names->n && uniq) {
                mb_rule_unique(&r->b, names, q->span);
                mapped = true;
            } else if (names && names->n) {
                mapped = add_rules(r, q, percent ? RULE_DUPLICATE_RATE : RULE_DUPLICATE_COUNT, names->first, NULL);
            }
        }
    } else if (!strcmp(type, "text") && custom_str(q, "dccRule")) {
        mapped = freshness_rule(r, q, custom_of(q, "dccRule"));
    } else {
        return; /* text and custom checks are for people and other engines */
    }
    if (!mapped) {
        diag_report(r->d, D_ODCS_UNMAPPED, q->span, "this %s quality check has no counterpart in dcc's rules: not checked",
                    metric ? metric : type);
        return;
    }
    /* the check's other keys (description, dimension, severity, ...) are the rule's `meta`; a
     * freshness rule's description is its text, which dcc writes itself */
    Meta *extra = extra_of(r, q, &odcs_quality, odcs_quality_said, NULL, NULL);
    if (extra && !strcmp(type, "text")) {
        Meta **e = &extra->items;
        while (*e && strcmp((*e)->key, "description")) e = &(*e)->next;
        if (*e) *e = (*e)->next;
        if (!extra->items) extra = NULL;
    }
    if (extra) mb_rule_extra(&r->b, extra, extra->span);
}

/* The place a check written under a property gives itself in its dataset's `quality` block
 * (dcc's custom property dccQuality, see targets/odcs.c), or 0 when it is the property's own. */
static size_t block_place(const YNode *q)
{
    const YNode *v = custom_of(q, "dccQuality");
    if (!v || v->kind != YN_INT || v->text[0] == '-') return 0;
    unsigned long n = strtoul(v->text, NULL, 10);
    return n < 1u << 20 ? (size_t)n : 0;
}

/* --- SLA ----------------------------------------------------------------------------------- */

static const char *duration_unit(const char *u)
{
    static const char *const map[][2] = {
        {"ms", "ms"}, {"s", "s"}, {"sec", "s"}, {"second", "s"}, {"seconds", "s"}, {"m", "m"}, {"min", "m"},
        {"minute", "m"}, {"minutes", "m"}, {"h", "h"}, {"hr", "h"}, {"hour", "h"}, {"hours", "h"}, {"d", "d"},
        {"day", "d"}, {"days", "d"}, {"w", "w"}, {"week", "w"}, {"weeks", "w"}, {"y", "y"}, {"yr", "y"},
        {"year", "y"}, {"years", "y"}};
    for (size_t i = 0; u && i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(u, map[i][0])) return map[i][1];
    return NULL;
}


/* An availability written as text, `value: "99.9%"` (datacontract-cli's spelling), as the number
 * of percent; NULL when it is anything else, or its `unit` says something other than percent
 * (the entry is then carried as written, unchecked). Without it a change of such an availability
 * went unseen by compat. */
static Literal *percent_text(Reader *r, const YNode *v, const char *unit)
{
    if (unit && strcmp(unit, "%") != 0 && strcmp(unit, "percent") != 0) return NULL;
    const char *t = v->text;
    size_t n = v->len, i = 0, digits = 0;
    while (i < n && isdigit((unsigned char)t[i])) i++, digits++;
    if (i < n && t[i] == '.') {
        size_t f = ++i;
        while (i < n && isdigit((unsigned char)t[i])) i++;
        if (i == f) return NULL; /* "99.%" */
    }
    if (!digits || i + 1 != n || t[i] != '%') return NULL;
    return mb_literal(&r->b, LIT_NUMBER, arena_strndup(r->a, t, i), (uint32_t)i, v->span);
}

static void build_sla(Reader *r, const YNode *list)
{
    static const struct { const char *property; SlaKind kind; } kinds[] = {
        {"latency", SLA_LATENCY}, {"retention", SLA_RETENTION}, {"frequency", SLA_FREQUENCY},
        {"freshness", SLA_FRESHNESS}, {"availability", SLA_AVAILABILITY}, {"support", SLA_SUPPORT},
        {"response", SLA_RESPONSE}};
    bool begun = false, seen[SLA_KIND_COUNT] = {0};
    for (size_t i = 0; list && i < list->n; i++) {
        const YNode *e = list->items[i];
        const char *prop = str_of(e, "property");
        const YNode *v = ytree_get(e, "value");
        bool shorthand = false;
        for (size_t k = 0; prop && k < sizeof kinds / sizeof kinds[0]; k++) {
            if (strcmp(prop, kinds[k].property) && !(prop[0] && tolower((unsigned char)prop[0]) == kinds[k].property[0] &&
                                                     !strcmp(prop + 1, kinds[k].property + 1)))
                continue;
            SlaKind sk = kinds[k].kind;
            Literal *lit = NULL;
            const char *unit = str_of(e, "unit");
            bool cron = sk == SLA_FREQUENCY && unit && !strcmp(unit, "cron") && v->kind == YN_STR;
            if (cron || sk == SLA_SUPPORT) {
                if (v->kind == YN_STR) lit = lit_str(r, v);
            } else if (sk == SLA_RESPONSE && v->kind == YN_STR) {
                /* dcc writes a response time as text ("4h"); only a duration the language can
                 * write is the shorthand, anything else stays a generic entry (found by fuzz_odcs:
                 * `value: ї` was imported as `response ї`, which does not parse) */
                if (duration_text(v->text)) lit = mb_duration(&r->b, v->text, v->span);
            } else if (sk == SLA_AVAILABILITY) {
                if (v->kind == YN_INT || v->kind == YN_FLOAT) lit = lit_num(r, v);
                else if (v->kind == YN_STR) lit = percent_text(r, v, unit);
            } else if (v->kind == YN_INT && v->text[0] != '-') {
                const char *u = duration_unit(str_of(e, "unit"));
                if (u) lit = mb_duration(&r->b, arena_printf(r->a, "%s%s", v->text, u), v->span);
            }
            if (!lit || seen[sk]) break; /* carried as a generic entry, below */
            if (!begun) mb_sla_begin(&r->b, list->span);
            begun = seen[sk] = true;
            /* what goes with it beside property, value and unit (element, driver, ...) */
            static const char *const own[] = {"property", "value", "unit", NULL};
            bool more = false;
            for (size_t j = 0; j < e->n; j++) more |= !odcs_word_in(own, e->pairs[j].key->text);
            mb_sla_item(&r->b, sk, lit, cron, more ? meta_of(r, e, own) : NULL, e->span);
            shorthand = true;
            break;
        }
        if (shorthand || !prop) continue;
        /* a service level dcc has no shorthand for (or a second one): carried as written */
        if (!begun) mb_sla_begin(&r->b, list->span);
        begun = true;
        mb_sla_property(&r->b, lit_str(r, ytree_get(e, "property")), meta_of(r, e, (const char *const[]){"property", NULL}), e->span);
    }
    if (begun) mb_sla_end(&r->b, list->span);
}

/* --- servers ------------------------------------------------------------------------------- */


/* A server dcc wrote for a `serve` (it carries dccServeKind) becomes that `serve` again. */
static void build_serve_back(Reader *r, const YNode *s, const char *kind)
{
    const char *addr = str_of(s, "location") ? str_of(s, "location") : str_of(s, "path") ? str_of(s, "path") : "";
    Literal *address = mb_literal(&r->b, LIT_STRING, addr, (uint32_t)strlen(addr), ytree_get(s, "server")->span);
    const YNode *fmt = ytree_get(s, "format");
    Name *format = NULL;
    if (fmt && fmt->kind == YN_STR && model_serve_takes_format(kind) && model_kw_find(&model_kw_format, fmt->text) >= 0)
        format = element_name(r, fmt);
    mb_serve(&r->b, mb_name(&r->b, kind, ytree_get(s, "type")->span), address, format, s->span);
}

/* Every other server is a named server with its fields as typed in servers.def (a field of
 * another type was reported, DC1112, and is left out), its roles and custom properties. */
static void build_server(Reader *r, const YNode *s)
{
    const char *type = str_of(s, "type");
    const char *kind = custom_str(s, "dccServeKind");
    if (kind) {
        build_serve_back(r, s, kind);
        return;
    }
    const ServerTypeSpec *st = server_type_find(type);
    mb_server_begin(&r->b, name_of(r, ytree_get(s, "server")), name_of(r, ytree_get(s, "type")), s->span);
    for (size_t i = 0; i < s->n; i++) {
        const YNode *k = s->pairs[i].key, *v = s->pairs[i].value;
        if (!strcmp(k->text, "roles")) {
            for (size_t j = 0; v->kind == YN_SEQ && j < v->n; j++) {
                const YNode *e = v->items[j], *name = ytree_get(e, "role");
                if (!name || name->kind != YN_STR) continue;
                Meta *m = e->n > 1 ? meta_of(r, e, (const char *const[]){"role", NULL}) : NULL;
                mb_server_meta(&r->b, CI_ROLE, lit_str(r, name), m, e->span);
            }
            continue;
        }
        if (!strcmp(k->text, "customProperties")) {
            for (size_t j = 0; v->kind == YN_SEQ && j < v->n; j++) {
                const YNode *p = ytree_get(v->items[j], "property"), *pv = ytree_get(v->items[j], "value");
                if (p && p->kind == YN_STR && pv) mb_server_meta(&r->b, CI_CUSTOM, lit_str(r, p), meta_of(r, pv, NULL), v->items[j]->span);
            }
            continue;
        }
        const ServerFieldSpec *fs = server_field_find(k->text);
        if (!fs || !server_type_takes(st, k->text) || v->kind == YN_MAP || v->kind == YN_SEQ) continue;
        Literal *l = fs->type == SV_INTEGER && (v->kind == YN_INT || v->kind == YN_FLOAT) ? lit_num(r, v)
                   : fs->type == SV_WORD ? mb_literal(&r->b, LIT_IDENT, element_name(r, v)->text, v->len, v->span)
                   : lit_str(r, v);
        mb_server_field(&r->b, name_of(r, k), l, (Span){v->span.file, k->span.start, v->span.end});
    }
    mb_server_end(&r->b, s->span);
}

static bool dotted_name(const char *s);

/* --- product metadata (carried, not checked) --------------------------------------------------- */

/* A YAML value as a metadata value; numbers as the language writes them. `skip` lists keys of a
 * mapping that are carried elsewhere (a role's name, a support channel's channel) and left out. */
static Meta *meta_of(Reader *r, const YNode *v, const char *const *skip)
{
    switch (v->kind) {
    case YN_STR: return mb_meta_scalar(&r->b, META_STRING, v->text, v->len, v->span);
    case YN_INT:
    case YN_FLOAT: {
        /* .inf and .nan have no spelling in the language: carried as strings */
        if (strchr(v->text, 'n') || strchr(v->text, 'N')) return mb_meta_scalar(&r->b, META_STRING, v->text, v->len, v->span);
        Literal *l = lit_num(r, v);
        return mb_meta_scalar(&r->b, META_NUMBER, l->text, l->len, v->span);
    }
    case YN_BOOL: return mb_meta_scalar(&r->b, META_BOOL, tolower((unsigned char)v->text[0]) == 't' ? "true" : "false",
                                        tolower((unsigned char)v->text[0]) == 't' ? 4 : 5, v->span);
    case YN_NULL: return mb_meta_scalar(&r->b, META_NULL, "null", 4, v->span);
    case YN_SEQ: {
        MetaList *l = mb_meta_list(&r->b, NULL, NULL);
        for (size_t i = 0; i < v->n; i++) mb_meta_list(&r->b, l, meta_of(r, v->items[i], NULL));
        return mb_meta_container(&r->b, META_LIST, l, v->span);
    }
    case YN_MAP: {
        MetaList *l = mb_meta_list(&r->b, NULL, NULL);
        for (size_t i = 0; i < v->n; i++) {
            const YNode *k = v->pairs[i].key;
            if (skip && odcs_word_in(skip, k->text)) continue;
            mb_meta_list(&r->b, l, mb_meta_entry(&r->b, k->text, k->span, meta_of(r, v->pairs[i].value, NULL)));
        }
        return mb_meta_container(&r->b, META_MAP, l, v->span);
    }
    }
    return NULL;
}

/* A named entry (a role, a support channel): `KIND "name" { the other keys }`, the map left out
 * when there are no other keys. */
static void named_meta(Reader *r, ContractItemKind k, const YNode *entry, const char *name_key)
{
    const YNode *name = ytree_get(entry, name_key);
    if (!name || name->kind != YN_STR) return;
    Meta *m = entry->n > 1 ? meta_of(r, entry, (const char *const[]){name_key, NULL}) : NULL;
    mb_meta_item(&r->b, k, lit_str(r, name), m, entry->span);
}

/* The support entry dcc writes for `contact` ({channel: contact, url: U}, U the contact): the
 * contact carries it. */
static bool is_contact_entry(const YNode *e, const Literal *contact)
{
    const char *ch = str_of(e, "channel"), *url = str_of(e, "url");
    return contact && e->n == 2 && ch && url && !strcmp(ch, "contact") && !strcmp(url, contact->text);
}

/* id, dataProduct, tenant, contractCreatedTs, description's usage and limitations, team (but its
 * name, the owner), roles, price, support channels and custom properties that are not dcc's. */
static void build_product_meta(Reader *r, const YNode *root, const char *qn)
{
    /* a name the dotted name cannot hold as it is ("Orders Event Stream") */
    const YNode *name = ytree_get(root, "name");
    if (name && name->kind == YN_STR && !dotted_name(name->text) && strcmp(ident(r, name->text), name->text))
        mb_contract_literal(&r->b, CI_TITLE, lit_str(r, name), name->span);
    static const struct { const char *key; ContractItemKind k; } plain[] = {
        {"id", CI_ID}, {"dataProduct", CI_PRODUCT}, {"tenant", CI_TENANT}, {"contractCreatedTs", CI_CREATED}};
    for (size_t i = 0; i < sizeof plain / sizeof plain[0]; i++) {
        const YNode *v = ytree_get(root, plain[i].key);
        if (!v || v->kind != YN_STR) continue;
        if (plain[i].k == CI_ID && !strcmp(v->text, qn)) continue; /* the contract's name, as dcc writes it */
        mb_contract_literal(&r->b, plain[i].k, lit_str(r, v), v->span);
    }
    const YNode *desc = ytree_get(root, "description");
    const YNode *usage = ytree_get(desc, "usage"), *lim = ytree_get(desc, "limitations");
    if (usage && usage->kind == YN_STR) mb_contract_literal(&r->b, CI_USAGE, lit_str(r, usage), usage->span);
    if (lim && lim->kind == YN_STR) mb_contract_literal(&r->b, CI_LIMITATIONS, lit_str(r, lim), lim->span);
    /* its other keys (authoritativeDefinitions, customProperties): `description { ... }` */
    static const char *const desc_said[] = {"purpose", "usage", "limitations", NULL};
    bool more = false;
    for (size_t i = 0; desc && desc->kind == YN_MAP && i < desc->n; i++) more |= !odcs_word_in(desc_said, desc->pairs[i].key->text);
    if (more) mb_meta_item(&r->b, CI_DESCRIPTION, NULL, meta_of(r, desc, desc_said), desc->span);
    const YNode *team = ytree_get(root, "team");
    if (team && (team->kind == YN_SEQ || (team->kind == YN_MAP && team->n > (ytree_get(team, "name") ? 1u : 0u))))
        mb_meta_item(&r->b, CI_TEAM, NULL, meta_of(r, team, (const char *const[]){"name", NULL}), team->span);
    const YNode *roles = ytree_get(root, "roles");
    for (size_t i = 0; roles && roles->kind == YN_SEQ && i < roles->n; i++) named_meta(r, CI_ROLE, roles->items[i], "role");
    const YNode *price = ytree_get(root, "price");
    if (price && price->kind == YN_MAP) mb_meta_item(&r->b, CI_PRICE, NULL, meta_of(r, price, NULL), price->span);
    const YNode *support = ytree_get(root, "support");
    for (size_t i = 0; support && support->kind == YN_SEQ && i < support->n; i++)
        if (!is_contact_entry(support->items[i], r->b.unit->contact)) named_meta(r, CI_SUPPORT, support->items[i], "channel");
    const YNode *cps = ytree_get(root, "customProperties");
    for (size_t i = 0; cps && cps->kind == YN_SEQ && i < cps->n; i++) {
        const YNode *p = ytree_get(cps->items[i], "property"), *v = ytree_get(cps->items[i], "value");
        if (!p || p->kind != YN_STR || !v || !strncmp(p->text, "dcc", 3)) continue; /* dcc's own: read where they belong */
        /* its id and description: the item's `meta` */
        const YNode *e = cps->items[i];
        Meta *extra = e->n > 2 ? meta_of(r, e, (const char *const[]){"property", "value", NULL}) : NULL;
        mb_custom(&r->b, lit_str(r, p), meta_of(r, v, NULL), extra, e->span);
    }
}

/* --- the contract -------------------------------------------------------------------------- */

typedef struct {
    long pos;     /* primaryKeyPosition; LONG_MAX when not given */
    size_t index; /* order in the document, for equal positions */
    const YNode *p;
} PkCol;

static int cmp_pk(const void *x, const void *y)
{
    const PkCol *a = x, *b = y;
    if (a->pos != b->pos) return a->pos < b->pos ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* A schema object's id, names and physicalType (in a file dcc wrote from a contract with house
 * rules, other than the `table` dcc writes there), and its partition key: the properties marked
 * partitioned, in partitionKeyPosition order (issue 14). cols is scratch room for every property. */
static void build_dataset_meta(Reader *r, const YNode *obj, const YNode *props, PkCol *cols)
{
    static const struct { const char *key; AttrKind k; } keys[] = {
        {"id", ATTR_ID}, {"businessName", ATTR_BUSINESS_NAME}, {"physicalName", ATTR_PHYSICAL_NAME},
        {"physicalType", ATTR_PHYSICAL_TYPE},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        const YNode *v = ytree_get(obj, keys[i].key);
        if (!v || v->kind != YN_STR || (keys[i].k == ATTR_PHYSICAL_TYPE && !r->standard && !strcmp(v->text, "table"))) continue;
        mb_dataset_meta(&r->b, keys[i].k, lit_str(r, v), v->span);
    }
    size_t n = 0;
    for (size_t i = 0; props && i < props->n; i++) {
        const YNode *p = props->items[i], *pp = ytree_get(p, "partitionKeyPosition");
        if (!is_true(p, "partitioned")) continue;
        long pos = pp && pp->kind == YN_INT ? strtol(pp->text, NULL, 10) : -1;
        cols[n++] = (PkCol){pos < 0 ? LONG_MAX : pos, i, p};
    }
    if (!n) return;
    qsort(cols, n, sizeof *cols, cmp_pk);
    NameList *key = NULL;
    for (size_t i = 0; i < n; i++) key = mb_name_list(&r->b, key, name_of(r, ytree_get(cols[i].p, "name")));
    mb_key(&r->b, DI_PARTITION_KEY, key, ytree_key(cols[0].p, "partitioned")->span);
}

/* The custom property dccUpstream (what `dcc gen -t odcs` writes for `upstream`): {dataset: N}
 * a dataset of this contract, {external: T} a source outside dcc; {contract: C, dataset: N}, a
 * dataset of a contract the .dc file imported, is an external source "C.N" here, since an ODCS
 * document imports nothing. */
static void build_upstream(Reader *r, const YNode *list)
{
    for (size_t i = 0; list && list->kind == YN_SEQ && i < list->n; i++) {
        const YNode *e = list->items[i], *ds = ytree_get(e, "dataset"), *ext = ytree_get(e, "external");
        const YNode *c = ytree_get(e, "contract");
        if (ds && ds->kind == YN_STR && c && c->kind == YN_STR && import_by_alias(r, c->text, c->len)) {
            const char *t = arena_printf(r->a, "%s.%s", c->text, ds->text);
            mb_upstream(&r->b, mb_qname_text(&r->b, t, e->span), NULL, e->span);
        } else if (ds && ds->kind == YN_STR && c && c->kind == YN_STR) {
            const char *t = arena_printf(r->a, "%s.%s", c->text, ds->text);
            mb_upstream(&r->b, NULL, mb_literal(&r->b, LIT_STRING, t, strlen(t), e->span), e->span);
        } else if (ds && ds->kind == YN_STR) {
            mb_upstream(&r->b, mb_qname_text(&r->b, ds->text, ds->span), NULL, e->span);
        } else if (ext && ext->kind == YN_STR) {
            mb_upstream(&r->b, NULL, lit_str(r, ext), e->span);
        }
    }
}

static bool is_false(const YNode *m, const char *key)
{
    const YNode *v = ytree_get(m, key);
    return v && v->kind == YN_BOOL && tolower((unsigned char)v->text[0]) == 'f';
}

/* How the file worded its primary key where that is not how dcc writes one (`primary key (...)
 * odcs (...)`, issue 14): no key column says `required: true` (dcc requires them all the same);
 * none gives a primaryKeyPosition; every other column says `primaryKey: false` (one marked true
 * that dcc leaves out of the key is none of them: its field's meta says it). Each is said of the
 * key as a whole, so a file that mixes them is written back in dcc's way. */
static NameList *key_wording(Reader *r, const YNode *props, const PkCol *cols, size_t npk, Span at)
{
    bool required = false, positioned = false, others = false, all_false = true;
    for (size_t i = 0; i < npk; i++) {
        required |= is_true(cols[i].p, "required");
        positioned |= cols[i].pos != LONG_MAX;
    }
    for (size_t i = 0; props && i < props->n; i++) {
        bool in_key = false; /* a column marked primaryKey that dcc leaves out of the key carries it in meta */
        for (size_t j = 0; j < npk; j++) in_key |= cols[j].p == props->items[i];
        if (in_key || (is_true(props->items[i], "primaryKey") && !key_column_ok(props->items[i]))) continue;
        others = true;
        all_false &= is_false(props->items[i], "primaryKey");
    }
    bool said[KEY_ODCS_COUNT] = {[KEY_ODCS_NOT_REQUIRED] = !required, [KEY_ODCS_NO_POSITIONS] = !positioned,
                                 [KEY_ODCS_OTHERS_FALSE] = others && all_false};
    NameList *words = NULL;
    for (unsigned w = 0; w < KEY_ODCS_COUNT; w++)
        if (said[w]) words = mb_name_list(&r->b, words, mb_name(&r->b, model_kw_key_odcs.words[w], at));
    return words;
}

/* Can a dcc key hold this property? Not one of logicalType object, array or map (or none). */
static bool key_column_ok(const YNode *p)
{
    const char *lt = str_of(p, "logicalType");
    return lt && !odcs_word_in((const char *const[]){"object", "array", "map", NULL}, lt);
}

static void build_dataset(Reader *r, const YNode *obj)
{
    const YNode *desc = ytree_get(obj, "description");
    mb_dataset_begin(&r->b, element_name(r, ytree_get(obj, "name")), desc && desc->kind == YN_STR ? desc->text : NULL, obj->span);
    const YNode *props = ytree_get(obj, "properties");
    /* The primary key, in primaryKeyPosition order (unpositioned columns after, as written). */
    size_t npk = 0;
    PkCol *cols = arena_alloc(r->a, (props ? props->n : 0) * sizeof *cols + 1);
    for (size_t i = 0; props && i < props->n; i++) {
        const YNode *p = props->items[i], *pp = ytree_get(p, "primaryKeyPosition");
        if (!is_true(p, "primaryKey")) continue;
        const char *lt = str_of(p, "logicalType");
        if (!key_column_ok(p)) {
            diag_report(r->d, D_ODCS_UNMAPPED, ytree_key(p, "primaryKey")->span,
                        "a primary key column of logicalType %s is not a key dcc can check: left out of the key (carried in `meta`)", lt ? lt : "(none)");
            continue;
        }
        long pos = pp && pp->kind == YN_INT ? strtol(pp->text, NULL, 10) : -1;
        cols[npk++] = (PkCol){pos < 0 ? LONG_MAX : pos, i, p};
    }
    qsort(cols, npk, sizeof *cols, cmp_pk);
    NameList *pk = NULL;
    for (size_t i = 0; i < npk; i++) pk = mb_name_list(&r->b, pk, name_of(r, ytree_get(cols[i].p, "name")));
    const YNode *pk_at = npk ? ytree_key(cols[0].p, "primaryKey") : NULL;
    if (pk) {
        mb_key(&r->b, DI_PRIMARY_KEY, pk, pk_at->span);
        mb_key_odcs(&r->b, key_wording(r, props, cols, npk, pk_at->span));
    }
    build_dataset_meta(r, obj, props, cols);
    const YNode *cps = ytree_get(obj, "customProperties");
    for (size_t i = 0; cps && i < cps->n; i++) {
        const char *prop = str_of(cps->items[i], "property");
        const YNode *v = ytree_get(cps->items[i], "value");
        if (!prop || !v) continue;
        if (!strcmp(prop, "dccUniqueKey") && v->kind == YN_SEQ && v->n) {
            NameList *names = NULL;
            for (size_t j = 0; j < v->n; j++)
                if (v->items[j]->kind == YN_STR) names = mb_name_list(&r->b, names, name_of(r, v->items[j]));
            if (names) mb_key(&r->b, DI_UNIQUE, names, v->span);
        } else if (!strcmp(prop, "dccUnknownFields") && v->kind == YN_STR) {
            mb_unknown_fields(&r->b, name_of(r, v), v->span);
        }
    }
    for (size_t i = 0; props && i < props->n; i++) mb_dataset_field(&r->b, build_field(r, props->items[i], false));
    /* Schema-level single-column relationships become references of their `from` field. */
    const YNode *rels = ytree_get(obj, "relationships");
    bool *taken = rels && rels->kind == YN_SEQ ? arena_alloc(r->a, rels->n * sizeof *taken + 1) : NULL;
    for (size_t i = 0; taken && i < rels->n; i++) {
        const YNode *from = ytree_get(rels->items[i], "from");
        taken[i] = false;
        if (!from || from->kind != YN_STR) {
            diag_report(r->d, D_ODCS_UNMAPPED, rels->items[i]->span, "a composite relationship is not checked by dcc (references are single fields; carried in `meta`)");
            continue;
        }
        const char *dot = strrchr(from->text, '.');
        const char *col = dot ? dot + 1 : from->text;
        Field *f = NULL;
        for (Field *x = r->b.ds ? r->b.ds->fields : NULL; x; x = x->next)
            if (!strcmp(x->name.text, col)) f = x;
        const YNode *fp = NULL;
        for (size_t j = 0; props && j < props->n; j++)
            if (!strcmp(str_of(props->items[j], "name"), col)) fp = props->items[j];
        if (!f || !fp || f->attrs->references) {
            diag_report(r->d, D_ODCS_UNMAPPED, from->span, "relationship from '%s' is not checked (carried in `meta`)", from->text);
            continue;
        }
        if (f->attrs == r->b.no_attrs) { /* the shared empty set is never written: a copy */
            f->attrs = ARENA_NEW(r->b.arena, Attrs);
            *f->attrs = *r->b.no_attrs;
        }
        build_reference(r, r->root, fp, rels->items[i], f->attrs);
        taken[i] = f->attrs->references != NULL;
    }
    /* a property's checks are its field's `expect` block (field-level rules, written back under
     * the property), the schema's the dataset's `quality` block; in that order, the order of
     * `dcc import`'s text (fields, then the block), so that both give one model */
    for (size_t i = 0; props && i < props->n; i++) {
        const YNode *pq = ytree_get(props->items[i], "quality");
        if (!pq || !pq->n) continue;
        const char *col = str_of(props->items[i], "name");
        Field *f = NULL;
        for (Field *x = r->b.ds && col ? r->b.ds->fields : NULL; x; x = x->next)
            if (!strcmp(x->name.text, col)) f = x;
        if (f && f->attrs == r->b.no_attrs) { /* the shared empty set is never written: a copy */
            f->attrs = ARENA_NEW(r->b.arena, Attrs);
            *f->attrs = *r->b.no_attrs;
        }
        if (f) mb_field_quality_begin(&r->b, f->attrs, pq->span);
        for (size_t j = 0; j < pq->n; j++)
            if (!block_place(pq->items[j])) build_check(r, pq->items[j], props->items[i]);
        if (f) {
            mb_field_quality_end(&r->b, pq->span);
            mb_field_quality_join(&r->b, f);
        }
    }
    /* the dataset's `quality` block: the schema's checks, and those of its rules that measure one
     * field, which dcc wrote under their property with their place in the block */
    const YNode *qs = ytree_get(obj, "quality");
    size_t nq = qs && qs->kind == YN_SEQ ? qs->n : 0, n = nq;
    for (size_t i = 0; props && i < props->n; i++) {
        const YNode *pq = ytree_get(props->items[i], "quality");
        for (size_t j = 0; pq && pq->kind == YN_SEQ && j < pq->n; j++) n += block_place(pq->items[j]) > 0;
    }
    if (n) {
        const YNode **check = arena_alloc(r->a, n * sizeof *check), **prop = arena_alloc(r->a, n * sizeof *prop);
        for (size_t i = 0; i < n; i++) check[i] = prop[i] = NULL;
        size_t last = n; /* a place out of range or taken: after the others, from the end */
        for (size_t i = 0; props && i < props->n; i++) {
            const YNode *pq = ytree_get(props->items[i], "quality");
            for (size_t j = 0; pq && pq->kind == YN_SEQ && j < pq->n; j++) {
                size_t at = block_place(pq->items[j]);
                if (!at) continue;
                if (at <= n && !check[at - 1]) at--;
                else do at = --last; while (check[at]);
                check[at] = pq->items[j], prop[at] = props->items[i];
            }
        }
        for (size_t i = 0, k = 0; i < nq; i++) {
            while (check[k]) k++;
            check[k] = qs->items[i];
        }
        const YNode *at = qs ? qs : check[0];
        mb_quality_begin(&r->b, at->span);
        for (size_t i = 0; i < n; i++) build_check(r, check[i], prop[i]);
        mb_quality_end(&r->b, at->span);
    }
    build_upstream(r, custom_of(obj, "dccUpstream"));
    Meta *extra = extra_of(r, obj, &odcs_schema_object, odcs_object_said, taken, NULL);
    if (extra) mb_dataset_extra(&r->b, extra, extra->span);
    mb_dataset_end(&r->b, obj->span);
}

static bool dotted_name(const char *s)
{
    bool dot = false;
    for (const char *p = s; *p; p++) {
        bool start = p == s || p[-1] == '.';
        if (*p == '.') {
            if (start || !p[1]) return false;
            dot = true;
        } else if (!(isalpha((unsigned char)*p) || *p == '_' || (!start && isdigit((unsigned char)*p)))) {
            return false;
        }
    }
    return dot;
}

/* Is obj's custom property `name` the boolean true (dccHouseRules, dccNoStatus, dccLibrary)? */
static bool is_true_custom(const YNode *obj, const char *name)
{
    const YNode *v = custom_of(obj, name);
    return v && v->kind == YN_BOOL && tolower((unsigned char)v->text[0]) == 't';
}

static const char *const status_words[] = {"draft", "active", "deprecated", "retired", NULL};

/* The contract's named types, from the root's dccTypes (see named_entry); before the datasets,
 * where dcc writes them */
static void build_types(Reader *r, const YNode *list)
{
    r->types = list && list->kind == YN_SEQ ? list : NULL;
    for (size_t i = 0; r->types && i < r->types->n; i++) {
        const YNode *e = r->types->items[i], *name = ytree_get(e, "name"), *desc = ytree_get(e, "description");
        if (e->kind != YN_MAP || !name || name->kind != YN_STR) continue;
        const YNode *base = named_entry(r, e);
        Attrs at;
        const YNode *own = base ? own_of(r, e, base, true) : e, *rels = ytree_get(own, "relationships");
        build_attrs(r, own, &at);
        /* a type that references (`type CustId = int64 references customers.id`), one
         * relationship, as targets/odcs.c writes it; another entry is no type's */
        if (rels && rels->kind == YN_SEQ && rels->n == 1) build_reference(r, r->root, e, rels->items[0], &at);
        mb_typedecl(&r->b, element_name(r, name), desc && desc->kind == YN_STR ? desc->text : NULL, build_type(r, e), &at,
                    e->span);
    }
}

static void build_contract(Reader *r, const YNode *root)
{
    const YNode *domain = ytree_get(root, "domain"), *name = ytree_get(root, "name");
    const YNode *product = ytree_get(root, "dataProduct"), *id = ytree_get(root, "id");
    const YNode *last = name ? name : product ? product : id;
    const char *qn = odcs_derived_name(r->a, domain ? domain->text : NULL, last->text);
    if (name && dotted_name(name->text)) qn = name->text; /* a dcc product name, as `dcc gen -t odcs` writes it */
    const YNode *desc = ytree_get(root, "description");
    const char *doc = NULL;
    static const char *const parts[] = {"purpose", "usage", "limitations"};
    (void)parts; /* usage and limitations have items of their own (build_product_meta) */
    doc = str_of(desc, "purpose");
    bool library = is_true_custom(root, "dccLibrary");
    mb_unit_begin(&r->b, library ? UNIT_LIBRARY : UNIT_CONTRACT, mb_qname_text(&r->b, qn, last->span),
                  lit_str(r, ytree_get(root, "version")), doc, root->span);
    read_imports(r, custom_of(root, "dccImports"));
    if (library) { /* a library dcc wrote (targets/odcs.c): its types, nothing of a contract's */
        build_types(r, custom_of(root, "dccTypes"));
        mb_unit_end(&r->b, root->span);
        return;
    }
    /* ODCS's rules, not dcc's house rules: `standard odcs`, unless dcc wrote the file from a
     * contract that kept dcc's rules (custom property dccHouseRules) */
    const YNode *api = ytree_get(root, "apiVersion");
    r->standard = !is_true_custom(root, "dccHouseRules");
    if (r->standard)
        mb_standard(&r->b, mb_name(&r->b, "odcs", api ? api->span : root->span), r->keep_version ? lit_str(r, api) : NULL,
                    api ? api->span : root->span);
    const YNode *team = ytree_get(root, "team");
    const YNode *owner = team && team->kind == YN_MAP ? ytree_get(team, "name") : NULL;
    if (owner && owner->kind == YN_STR) mb_contract_literal(&r->b, CI_OWNER, lit_str(r, owner), owner->span);
    const YNode *support = ytree_get(root, "support");
    for (size_t i = 0; support && i < support->n; i++) {
        const YNode *url = ytree_get(support->items[i], "url");
        if (url && url->kind == YN_STR) {
            mb_contract_literal(&r->b, CI_CONTACT, lit_str(r, url), url->span);
            break;
        }
    }
    if (domain) mb_contract_word(&r->b, CI_DOMAIN, element_name(r, domain), false, domain->span);
    build_product_meta(r, root, qn);
    /* dccNoStatus: dcc wrote the required status for a contract that says none */
    const YNode *status = is_true_custom(root, "dccNoStatus") ? NULL : ytree_get(root, "status");
    if (status && odcs_word_in(status_words, status->text))
        mb_contract_word(&r->b, CI_STATUS, name_of(r, status), false, status->span);
    else if (status && status->kind == YN_STR) /* ODCS allows any status: carried as a string */
        mb_contract_literal(&r->b, CI_STATUS, lit_str(r, status), status->span);
    const YNode *tags = ytree_get(root, "tags");
    if (tags && tags->n) {
        LitList *l = NULL;
        for (size_t i = 0; i < tags->n; i++) l = mb_lit_list(&r->b, l, lit_str(r, tags->items[i]));
        mb_tags(&r->b, l, tags->span);
    }
    const YNode *defs = ytree_get(root, "authoritativeDefinitions");
    for (size_t i = 0; defs && i < defs->n; i++) {
        const YNode *t = ytree_get(defs->items[i], "type"), *u = ytree_get(defs->items[i], "url");
        const char *ln = ident(r, t->text);
        for (size_t j = 0; j < i; j++)
            if (!strcmp(ident(r, str_of(defs->items[j], "type")), ident(r, t->text))) ln = arena_printf(r->a, "%s_%zu", ln, i + 1);
        const YNode *ld = ytree_get(defs->items[i], "description");
        mb_link(&r->b, mb_name(&r->b, ln, t->span), lit_str(r, u), ld && ld->kind == YN_STR ? lit_str(r, ld) : NULL,
                defs->items[i]->span);
    }
    const char *compat = custom_str(root, "dccCompatibility");
    if (compat) {
        const char *sp = strchr(compat, ' ');
        const YNode *cv = custom_of(root, "dccCompatibility");
        mb_contract_word(&r->b, CI_COMPATIBILITY, mb_name(&r->b, sp ? arena_strndup(r->a, compat, (size_t)(sp - compat)) : compat, cv->span),
                         sp && !strcmp(sp + 1, "transitive"), cv->span);
    }
    const YNode *servers = ytree_get(root, "servers");
    for (size_t i = 0; servers && i < servers->n; i++) build_server(r, servers->items[i]);
    build_sla(r, ytree_get(root, "slaProperties"));
    build_types(r, custom_of(root, "dccTypes"));
    const YNode *schema = ytree_get(root, "schema");
    for (size_t i = 0; schema && i < schema->n; i++) build_dataset(r, schema->items[i]);
    mb_unit_end(&r->b, root->span);
}

/* ---------------------------------------------------------------------------------------- */

bool odcs_claims(const char *path, const char *text, size_t len)
{
    size_t n = strlen(path);
    if ((n > 5 && !strcmp(path + n - 5, ".yaml")) || (n > 4 && !strcmp(path + n - 4, ".yml"))) return true;
    /* Content: a line of the first 64 that starts with `apiVersion:` or `kind: DataContract`,
     * neither of which can begin a line of the dcc language. */
    size_t i = 0;
    for (int line = 0; line < 64 && i < len; line++) {
        const char *s = text + i;
        size_t rest = len - i;
        if ((rest >= 11 && !memcmp(s, "apiVersion:", 11)) || (rest >= 18 && !memcmp(s, "kind: DataContract", 18))) return true;
        const char *nl = memchr(s, '\n', rest);
        if (!nl) break;
        i = (size_t)(nl - text) + 1;
    }
    return false;
}

/* The root's dccTypes, which build_types reads as properties: a custom property's value is free
 * in the standard, so the shape of each entry is checked here as a property's (its name, its
 * type's keys, a struct's properties), with the same located errors; a file dcc wrote passes. */
static void check_dcc_types(Reader *r, const YNode *root)
{
    const YNode *types = custom_of(root, "dccTypes");
    if (!types) return;
    if (types->kind != YN_SEQ) {
        error(r, D_ODCS_TYPE, types->span, "dccTypes is a list of type declarations, each written as a property");
        return;
    }
    for (size_t i = 0; i < types->n; i++) {
        const YNode *e = types->items[i];
        if (e->kind != YN_MAP) error(r, D_ODCS_TYPE, e->span, "a dccTypes entry is a type declaration written as a property (a mapping)");
        else check_object(r, e, &odcs_property);
    }
}

ParsedFile *odcs_parse_file(Arena *a, DiagSink *diags, SourceSet *sources, uint32_t file)
{
    return odcs_parse_file_in(a, diags, sources, file, NULL);
}

ParsedFile *odcs_parse_file_in(Arena *a, DiagSink *diags, SourceSet *sources, uint32_t file, const SearchPath *search)
{
    ParsedFile *pf = ARENA_NEW(a, ParsedFile);
    pf->file = file;
    Reader r = {.a = a, .d = diags, .file = file, .sources = sources, .search = search};
    bool failed;
    YNode *root = ytree_load(a, diags, sources, file, &failed);
    if (failed) return pf;
    if (!root || root->kind != YN_MAP) {
        const SourceFile *sf = sources->files[file];
        Span at = root ? root->span : (Span){file, 0, sf->len ? 1 : 0};
        diag_report(diags, D_ODCS_NOT_ODCS, at, "an ODCS contract is a YAML mapping (apiVersion, kind, id, ...), not %s",
                    root ? ytree_kind_name(root->kind) : "an empty document");
        return pf;
    }
    static const char *const other_formats[] = {"dataContractSpecification", "openapi", "asyncapi", "$schema"};
    for (size_t i = 0; i < sizeof other_formats / sizeof other_formats[0]; i++) {
        const YNode *k = ytree_key(root, other_formats[i]);
        if (k) {
            diag_report(diags, D_ODCS_NOT_ODCS, k->span, "'%s' marks another format; dcc reads ODCS v3 YAML (apiVersion v3.x, kind DataContract)",
                        other_formats[i]);
            return pf;
        }
    }
    const YNode *api = ytree_get(root, "apiVersion");
    r.declares_v30 = api && api->kind == YN_STR && !strncmp(api->text, "v3.0.", 5);
    check_object(&r, root, &odcs_root);
    check_dcc_types(&r, root);
    if (api && api->kind == YN_STR && r.newest_at) {
        OdcsVersion declared = declared_version(api->text);
        if (odcs_word_in((const char *const[]){"v3.2.0", "v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", NULL}, api->text) &&
            r.newest > declared) {
            Diag *g = diag_report(diags, D_ODCS_API_VERSION, api->span,
                                  "the file declares apiVersion %s but uses '%s', which ODCS has since %s; read as %s",
                                  api->text, r.newest_key, odcs_version_name(r.newest), odcs_version_name(r.newest));
            diag_note(diags, g, r.newest_at->span, "'%s' is used here", r.newest_key);
        }
    }
    if (r.errors) return pf;
    /* The version to keep (`standard odcs "v3.0.2"`): one the writer would not choose by itself
     * (v3.1.0, or v3.2.0 for content only v3.2.0 has), so that a file dcc wrote reads back
     * without one and a v3.0.2 or a plain v3.2.0 file is written back as it came; but not one
     * the content is newer than (DC1108 above): that file is read, and written, as the newer. */
    if (api && api->kind == YN_STR && odcs_word_in((const char *const[]){"v3.2.0", "v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", NULL}, api->text))
        r.keep_version = r.newest <= declared_version(api->text) &&
                         strcmp(api->text, odcs_version_name(r.newest > ODCS_V31 ? r.newest : ODCS_V31)) != 0;
    mb_init(&r.b, a, diags, file);
    r.root = root;
    build_contract(&r, root);
    pf->unit = mb_finish(&r.b);
    return pf;
}
