/* model.c - the contract model's keyword tables, type predicates and lookups: the one place each
 * spelling and each question about the model lives, shared by front ends, sema, fmt and targets. */
#include "model.h"

#include <stddef.h>
#include <string.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
/* A keyword table indexed by an enum must have exactly one entry per member. */
#define KW_TABLE(name, what, words, expected)                                                  \
    _Static_assert(COUNT_OF(words) == (expected), "keyword table " #words " out of step with its enum"); \
    const Keywords name = {what, words, (unsigned)COUNT_OF(words)}

/* ORDER TypeKind */
static const char *const type_kind_words[] = {
    "<error>", "boolean", "int8", "int16", "int32", "int64", "float32", "float64", "decimal",
    "string", "bytes", "date", "time", "timestamp", "timestamptz", "uuid", "json", "enum",
    "list", "map", "struct", "named",
};
KW_TABLE(model_kw_type_kind, "type", type_kind_words, TY_KIND_COUNT);
/* The predicates below test ranges of TypeKind; these pin the ranges' ends. */
_Static_assert(TY_INT8 + 3 == TY_INT64 && TY_INT64 + 1 == TY_FLOAT32 && TY_FLOAT64 + 1 == TY_DECIMAL,
               "integers, floats and decimal must stay contiguous in TypeKind");
_Static_assert(TY_DATE + 3 == TY_TIMESTAMPTZ, "temporal kinds must stay contiguous in TypeKind");

static const char *const status_words[] = {"draft", "active", "deprecated", "retired"};
KW_TABLE(model_kw_status, "status", status_words, STATUS_COUNT);

static const char *const compat_words[] = {"none", "backward", "forward", "full"};
KW_TABLE(model_kw_compat, "compatibility mode", compat_words, COMPAT_COUNT);

static const char *const class_words[] = {NULL, "public", "internal", "confidential", "restricted"};
KW_TABLE(model_kw_classification, "classification", class_words, CLASS_COUNT);

static const char *const unknown_words[] = {"reject", "allow"};
KW_TABLE(model_kw_unknown_policy, "policy for unknown fields", unknown_words, UNKNOWN_POLICY_COUNT);

static const char *const cmp_words[] = {"<", "<=", ">", ">=", "==",
                                        "!=", "between", "not between"};
KW_TABLE(model_kw_cmp, "comparison", cmp_words, CMP_COUNT);

static const char *const rule_words[] = {"row_count", "null_rate", "valid_rate", "freshness", "unique", "sql",
                                         "null_count", "invalid_count", "duplicate_count", "duplicate_rate",
                                         "missing_count", "missing_rate", "invalid_count", "invalid_rate"};
KW_TABLE(model_kw_rule, "quality rule", rule_words, RULE_KIND_COUNT);

static const char *const sla_words[] = {"freshness", "frequency", "availability", "latency",
                                        "retention", "support", "response"};
KW_TABLE(model_kw_sla, "service level", sla_words, SLA_KIND_COUNT);

static const char *const citem_words[] = {"owner", "contact", "domain", "status", "tags", "link",
                                          "compatibility", "serve", "sla", "type", "dataset",
                                          "standard", "id", "product", "tenant", "created", "usage",
                                          "limitations", "team", "role", "price", "support", "custom",
                                          "title", "server", "description"};
KW_TABLE(model_kw_citem, "contract item", citem_words, CI_KIND_COUNT);

static const char *const ditem_words[] = {"primary key", "unique", "unknown fields", "field",
                                          "quality", "upstream",
                                          "partition key"};
KW_TABLE(model_kw_ditem, "dataset item", ditem_words, DI_KIND_COUNT);

/* ORDER KeyOdcsWord; also the order `dcc fmt` writes them in */
static const char *const key_odcs_words[] = {"not_required", "no_positions", "others_false"};
KW_TABLE(model_kw_key_odcs, "ODCS wording of a primary key", key_odcs_words, KEY_ODCS_COUNT);

bool model_key_odcs_says(const Key *k, KeyOdcsWord w)
{
    for (const Name *n = k ? k->odcs : NULL; n; n = n->next)
        if (n->text && !strcmp(n->text, key_odcs_words[w])) return true;
    return false;
}

/* Plain word lists (no enum behind them: the model keeps the word). */
static const char *const serve_words[] = {"postgres", "snowflake", "bigquery", "redshift", "databricks",
                                          "sqlserver", "mysql", "s3", "gcs", "azure", "kafka", "file", "api"};
const Keywords model_kw_serve_kind = {"output kind", serve_words, (unsigned)COUNT_OF(serve_words)};
static const char *const format_words[] = {"parquet", "csv", "jsonl", "json", "avro", "orc", "delta", "iceberg"};
const Keywords model_kw_format = {"format", format_words, (unsigned)COUNT_OF(format_words)};
static const char *const pii_words[] = {"name", "email", "phone", "address", "national_id", "birth_date",
                                        "ip_address", "device_id", "location", "financial", "health",
                                        "biometric", "other"};
const Keywords model_kw_pii = {"personal data category", pii_words, (unsigned)COUNT_OF(pii_words)};
/* `standard S`: the standards whose rules a contract may follow instead of dcc's house rules. */
static const char *const standard_words[] = {"odcs"};
const Keywords model_kw_standard = {"standard", standard_words, (unsigned)COUNT_OF(standard_words)};
/* `standard odcs "V"`: the apiVersions of ODCS v3 (the official JSON Schemas' enum). */
static const char *const odcs_version_words[] = {"v3.0.0", "v3.0.1", "v3.0.2", "v3.1.0", "v3.2.0"};
const Keywords model_kw_odcs_version = {"ODCS version", odcs_version_words, (unsigned)COUNT_OF(odcs_version_words)};

static const struct { const char *word; size_t off; } meta_items[] = {
    {"id", offsetof(Attrs, id)},
    {"business name", offsetof(Attrs, business_name)},
    {"physical name", offsetof(Attrs, physical_name)},
    {"physical type", offsetof(Attrs, physical_type)},
    {"encrypted name", offsetof(Attrs, encrypted_name)},
};
_Static_assert(COUNT_OF(meta_items) == MODEL_META_COUNT, "one entry per metadata item");

const char *model_meta_word(unsigned i) { return i < MODEL_META_COUNT ? meta_items[i].word : "?"; }

const Literal *model_meta(const Attrs *a, unsigned i)
{
    return i < MODEL_META_COUNT ? *(Literal *const *)((const char *)a + meta_items[i].off) : NULL;
}

int model_kw_find(const Keywords *k, const char *word)
{
    if (!word) return -1;
    for (unsigned i = 0; i < k->count; i++)
        if (k->words[i] && strcmp(k->words[i], word) == 0) return (int)i;
    return -1;
}

const char *model_kw_name(const Keywords *k, unsigned i)
{
    return i < k->count && k->words[i] ? k->words[i] : "?";
}

bool model_serve_takes_format(const char *kind)
{
    static const char *const file_like[] = {"s3", "gcs", "azure", "file"};
    for (size_t i = 0; kind && i < COUNT_OF(file_like); i++)
        if (strcmp(kind, file_like[i]) == 0) return true;
    return false;
}

/* Built-in names without a width of their own: ODCS's logicalType integer and number when no
 * format is given. Each is the kind beside it in every check and target (docs/language.md says
 * why); the model keeps the word in Type.written so fmt, --dump and the ODCS writer keep it. */
static const struct { const char *word; TypeKind kind; } type_aliases[] = {
    {"integer", TY_INT64},
    {"number", TY_FLOAT64},
};

TypeKind model_builtin_lookup(const char *s, size_t n, const char **spelling)
{
    /* Every word the scanner reads and every field's type comes here: the length is checked
     * first, and a name is measured only when its first two letters match. */
    if (spelling) *spelling = NULL;
    if (!s || n < 4 || n > 11) return TY_NAMED;
    for (unsigned k = TY_BOOLEAN; k <= TY_JSON; k++) {
        const char *w = type_kind_words[k];
        if (w[0] == s[0] && w[1] == s[1] && strlen(w) == n && memcmp(w, s, n) == 0) {
            if (spelling) *spelling = w;
            return (TypeKind)k;
        }
    }
    for (size_t i = 0; i < COUNT_OF(type_aliases); i++) {
        const char *w = type_aliases[i].word;
        if (w[0] == s[0] && strlen(w) == n && memcmp(w, s, n) == 0) {
            if (spelling) *spelling = w;
            return type_aliases[i].kind;
        }
    }
    return TY_NAMED;
}

TypeKind model_builtin_type(const char *s, size_t n) { return model_builtin_lookup(s, n, NULL); }

const char *model_builtin_spelling(const char *s, size_t n)
{
    const char *w;
    model_builtin_lookup(s, n, &w);
    return w;
}

static bool ident_start(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }

bool model_is_ident(const char *s, size_t n)
{
    if (!s || n == 0 || n > MODEL_IDENT_MAX_BYTES || !ident_start(s[0])) return false;
    for (size_t i = 1; i < n; i++)
        if (!ident_start(s[i]) && !(s[i] >= '0' && s[i] <= '9')) return false;
    return true;
}

bool model_is_builtin_type_name(const char *name)
{
    int k = model_kw_find(&model_kw_type_kind, name);
    for (size_t i = 0; name && i < COUNT_OF(type_aliases); i++)
        if (!strcmp(type_aliases[i].word, name)) return true;
    return k > TY_ERROR && k < TY_NAMED;
}

bool model_type_is_int(TypeKind k) { return k >= TY_INT8 && k <= TY_INT64; }
bool model_type_is_numeric(TypeKind k) { return k >= TY_INT8 && k <= TY_DECIMAL; }
bool model_type_is_temporal(TypeKind k) { return k >= TY_DATE && k <= TY_TIMESTAMPTZ; }

bool model_type_is_scalar(TypeKind k)
{
    return k != TY_LIST && k != TY_MAP && k != TY_STRUCT && k != TY_JSON && k != TY_NAMED;
}

const char *model_type_kind_name(TypeKind k) { return model_kw_name(&model_kw_type_kind, (unsigned)k); }
const char *model_status_name(Status s) { return model_kw_name(&model_kw_status, (unsigned)s); }
const char *model_compat_name(CompatMode c) { return model_kw_name(&model_kw_compat, (unsigned)c); }
const char *model_classification_name(Classification c)
{
    return c == CLASS_NONE ? "none" : model_kw_name(&model_kw_classification, (unsigned)c);
}
const char *model_cmp_name(CmpOp op) { return model_kw_name(&model_kw_cmp, (unsigned)op); }
const char *model_rule_name(RuleKind k) { return model_kw_name(&model_kw_rule, (unsigned)k); }
const char *model_sla_name(SlaKind k) { return model_kw_name(&model_kw_sla, (unsigned)k); }
const char *model_citem_name(ContractItemKind k) { return model_kw_name(&model_kw_citem, (unsigned)k); }
const char *model_ditem_name(DatasetItemKind k) { return model_kw_name(&model_kw_ditem, (unsigned)k); }
const char *model_unknown_policy_name(UnknownPolicy p) { return model_kw_name(&model_kw_unknown_policy, (unsigned)p); }

/* ---- resolution and lookups ---------------------------------------------------------------- */

const Type *model_type_resolve(const Type *t)
{
    if (!t) return NULL;
    return t->resolved ? t->resolved : t;
}

const Dataset *model_find_dataset(const Contract *c, const char *name)
{
    for (const Dataset *d = c && name ? c->datasets : NULL; d; d = d->next)
        if (d->name.text && strcmp(d->name.text, name) == 0) return d;
    return NULL;
}

static const Field *find_in(const Field *f, const char *name, size_t n)
{
    for (; f; f = f->next)
        if (f->name.text && strlen(f->name.text) == n && memcmp(f->name.text, name, n) == 0) return f;
    return NULL;
}

const Field *model_find_field(const Dataset *ds, const char *name)
{
    return ds && name ? find_in(ds->fields, name, strlen(name)) : NULL;
}

const TypeDecl *model_find_type(const Contract *c, const char *name)
{
    for (const TypeDecl *t = c && name ? c->types : NULL; t; t = t->next)
        if (t->name.text && strcmp(t->name.text, name) == 0) return t;
    return NULL;
}

/* A list's element or a map's value, followed until something that is neither. */
static const Type *strip_containers(const Type *t)
{
    for (unsigned guard = 0; t && guard < 1000; guard++) {
        t = model_type_resolve(t);
        if (t->kind == TY_LIST) t = t->u.list.elem;
        else if (t->kind == TY_MAP) t = t->u.map.value;
        else return t;
    }
    return t;
}

const Field *model_struct_fields(const Type *t)
{
    t = strip_containers(t);
    return t && t->kind == TY_STRUCT ? t->u.strct.fields : NULL;
}

const Field *model_find_path(const Dataset *ds, const char *path)
{
    if (!ds || !path) return NULL;
    const Field *list = ds->fields, *f = NULL;
    for (const char *p = path;;) {
        const char *dot = strchr(p, '.');
        size_t n = dot ? (size_t)(dot - p) : strlen(p);
        f = find_in(list, p, n);
        if (!f || !dot) return f;
        list = model_struct_fields(f->rtype ? f->rtype : f->type);
        p = dot + 1;
    }
}
