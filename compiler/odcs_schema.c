/* odcs_schema.c - the ODCS v3 key tables (see odcs_schema.h for how they were derived). */
#include "odcs_schema.h"

#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "model.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define SHAPE(var, label, keys, open) const OdcsShape var = {label, keys, N(keys), open, false}
/* A shape the v3.0.2 JSON Schema left open (no additionalProperties: false). */
#define SHAPE_V30_OPEN(var, label, keys) const OdcsShape var = {label, keys, N(keys), false, true}
#define LOCAL_SHAPE(var, label, keys, open) static SHAPE(var, label, keys, open)

/* key, type, elem, shape, required, words, since */
#define S(k) {k, OT_STRING, OT_ANY, NULL, false, NULL, ODCS_V30}
#define S_REQ(k) {k, OT_STRING, OT_ANY, NULL, true, NULL, ODCS_V30}
#define S_SINCE(k, v) {k, OT_STRING, OT_ANY, NULL, false, NULL, v}
#define STRS(k) {k, OT_ARRAY, OT_STRING, NULL, false, NULL, ODCS_V30}
#define OBJ(k, sh) {k, OT_OBJECT, OT_ANY, &sh, false, NULL, ODCS_V30}
#define ARR(k, sh) {k, OT_ARRAY, OT_OBJECT, &sh, false, NULL, ODCS_V30}
#define ARR_SINCE(k, sh, v) {k, OT_ARRAY, OT_OBJECT, &sh, false, NULL, v}
#define ID {"id", OT_STRING, OT_ANY, NULL, false, NULL, ODCS_V31}
#define CUSTOM ARR("customProperties", custom_property)
#define AUTH ARR("authoritativeDefinitions", authoritative_definition)
#define TAGS STRS("tags")

static const char *const api_versions[] = {"v3.2.0", "v3.1.0", "v3.0.2", "v3.0.1", "v3.0.0", "v2.2.2", "v2.2.1", "v2.2.0", NULL};
static const char *const kinds[] = {"DataContract", NULL};
/* the server types of servers.def, the one table of them */
static const char *const server_type_words[] = {
#define SERVER_FIELD(name, type, words)
#define SERVER_TYPE(t, req, other) #t,
#include "servers.def"
#undef SERVER_FIELD
#undef SERVER_TYPE
    NULL};
static const char *const logical_type_words[] = {"string", "date", "timestamp", "time", "number", "integer",
                                                  "object", "array", "boolean", "map", NULL};
static const char *const semantic_types[] = {"column", "measure", "dimension", NULL};
static const char *const quality_types[] = {"text", "library", "sql", "custom", NULL};
static const char *const dimensions[] = {"accuracy", "completeness", "conformity", "consistency", "coverage",
                                         "timeliness", "uniqueness", NULL};
static const char *const metrics[] = {"nullValues", "missingValues", "invalidValues", "duplicateValues", "rowCount", NULL};
static const char *const relationship_types[] = {"foreignKey", NULL};
static const char *const integer_formats[] = {"i8", "i16", "i32", "i64", "i128", "u8", "u16", "u32", "u64", "u128", NULL};
static const char *const number_formats[] = {"f32", "f64", NULL};

#define TYPE_WORDS "the field's type and its attributes"
const OdcsSaid odcs_property_said[] = {
    {"id", "`id STRING`"}, {"name", "the element's name"}, {"physicalName", "`physical name STRING`"},
    {"businessName", "`business name STRING`"}, {"encryptedName", "`encrypted name STRING`"},
    {"criticalDataElement", "`critical`"}, {"examples", "`examples (...)`"},
    {"partitioned", "the dataset's `partition key (...)`"},
    {"partitionKeyPosition", "the dataset's `partition key (...)`"},
    {"description", "a doc comment (`///`)"}, {"logicalType", TYPE_WORDS}, {"logicalTypeOptions", TYPE_WORDS},
    {"physicalType", "`physical type STRING`"}, {"required", "`?` after the type (a field without it is required)"},
    {"unique", "`unique`"}, {"primaryKey", "the dataset's `primary key (...)`"},
    {"primaryKeyPosition", "the dataset's `primary key (...)`"}, {"classification", "`classification WORD`"},
    {"items", TYPE_WORDS}, {"properties", "the fields"}, {"quality", "a `quality { ... }` block (meta carries only the text and custom checks dcc does not run)"},
    {"enum", TYPE_WORDS}, {"map", TYPE_WORDS}, {NULL, NULL}};
const OdcsSaid odcs_object_said[] = {
    {"id", "`id STRING`"}, {"name", "the element's name"}, {"physicalType", "`physical type STRING`"},
    {"physicalName", "`physical name STRING`"}, {"businessName", "`business name STRING`"},
    {"description", "a doc comment (`///`)"}, {"properties", "the fields"},
    {"quality", "a `quality { ... }` block (meta carries only the text and custom checks dcc does not run)"}, {NULL, NULL}};
#undef TYPE_WORDS
#define RULE_WORDS "the rule (its kind, comparison and threshold)"
const OdcsSaid odcs_quality_said[] = {
    {"type", RULE_WORDS}, {"metric", RULE_WORDS}, {"rule", RULE_WORDS}, {"unit", RULE_WORDS},
    {"arguments", RULE_WORDS}, {"query", "`sql \"...\"`"}, {"mustBe", RULE_WORDS}, {"mustNotBe", RULE_WORDS},
    {"mustBeGreaterThan", RULE_WORDS}, {"mustBeGreaterOrEqualTo", RULE_WORDS}, {"mustBeLessThan", RULE_WORDS},
    {"mustBeLessOrEqualTo", RULE_WORDS}, {"mustBeBetween", RULE_WORDS}, {"mustNotBeBetween", RULE_WORDS},
    {NULL, NULL}};
#undef RULE_WORDS

bool odcs_check_not_run(const char *type, const char *metric, bool dcc_rule)
{
    if (!type) type = metric ? "library" : "text";
    return !strcmp(type, "custom") || (!strcmp(type, "text") && !dcc_rule);
}

const OdcsSaid odcs_custom_said[] = {
    {"property", "the custom item's name"}, {"value", "the custom item's value"}, {NULL, NULL}};

const OdcsSaid odcs_enum_value_said[] = {{"value", "the allowed value itself"}, {NULL, NULL}};
const OdcsSaid odcs_relationship_said[] = {
    {"type", "`references` (a foreign key)"}, {"from", "the field that says `references`"},
    {"to", "the target of `references`"}, {NULL, NULL}};
const OdcsSaid odcs_description_said[] = {
    {"purpose", "the contract's doc comment (`///`)"}, {"usage", "`usage STRING`"},
    {"limitations", "`limitations STRING`"}, {NULL, NULL}};

const OdcsSaid *odcs_said(const OdcsSaid *t, const char *key)
{
    for (; t->key; t++)
        if (!strcmp(t->key, key)) return t;
    return NULL;
}

const char *const odcs_quality_ops[] = {"mustBe", "mustNotBe", "mustBeGreaterThan", "mustBeGreaterOrEqualTo",
                                        "mustBeLessThan", "mustBeLessOrEqualTo", "mustBeBetween",
                                        "mustNotBeBetween", NULL};

static const OdcsKey custom_property_keys[] = {
    ID, S_REQ("property"), {"value", OT_ANY, OT_ANY, NULL, true, NULL, ODCS_V30},
    S_SINCE("description", ODCS_V31),
};
SHAPE_V30_OPEN(odcs_custom_property, "custom property", custom_property_keys);
#define custom_property odcs_custom_property

static const OdcsKey authoritative_definition_keys[] = {
    ID, S_REQ("url"), S_REQ("type"), S("description"),
};
LOCAL_SHAPE(authoritative_definition, "authoritative definition", authoritative_definition_keys, false);

static const OdcsKey description_keys[] = {
    S("usage"), S("purpose"), S("limitations"), AUTH, CUSTOM,
};
SHAPE(odcs_description, "description", description_keys, true);

static const OdcsKey role_keys[] = {
    ID, S_REQ("role"), S("description"), S("access"), S("firstLevelApprovers"), S("secondLevelApprovers"), CUSTOM,
};
SHAPE_V30_OPEN(odcs_role, "role", role_keys);
#define role odcs_role

/* The common keys of a server; the fields of each type are in servers.def (their union is
 * accepted here and narrowed by type in odcs_read.c). */
static const OdcsKey server_keys[] = {
    ID, S_REQ("server"), {"type", OT_STRING, OT_ANY, NULL, true, server_type_words, ODCS_V30},
    S("description"), S("environment"), ARR("roles", role), CUSTOM,
    S("location"), S("stagingDir"), S("schema"), S("catalog"), S("regionName"), S_SINCE("workgroup", ODCS_V32),
    S("format"), S("delimiter"), S("project"), S("dataset"), S("host"),
    {"port", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30}, S("database"), S("account"), S("endpointUrl"),
    S("path"), S("region"), S("serviceName"), S("warehouse"), S_SINCE("stream", ODCS_V31),
};
SHAPE_V30_OPEN(odcs_server, "server", server_keys);

static const OdcsKey sla_keys[] = {
    ID, S_REQ("property"), {"value", OT_SCALAR, OT_ANY, NULL, true, NULL, ODCS_V30},
    {"valueExt", OT_SCALAR, OT_ANY, NULL, false, NULL, ODCS_V30}, S("unit"), S("element"), S("driver"),
    S_SINCE("description", ODCS_V31), S_SINCE("scheduler", ODCS_V31), S_SINCE("schedule", ODCS_V31),
};
SHAPE_V30_OPEN(odcs_sla, "SLA property", sla_keys);
#define sla odcs_sla

static const OdcsKey support_keys[] = {
    ID, S_REQ("channel"), S("url"), S("description"), S("tool"), S("scope"), S("invitationUrl"),
    {"customProperties", OT_ARRAY, OT_OBJECT, &custom_property, false, NULL, ODCS_V31},
};
SHAPE_V30_OPEN(odcs_support, "support channel", support_keys);
#define support odcs_support

static const OdcsKey price_keys[] = {
    ID, {"priceAmount", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30}, S("priceCurrency"), S("priceUnit"),
};
SHAPE_V30_OPEN(odcs_price, "price", price_keys);
#define price odcs_price

static const OdcsKey team_member_keys[] = {
    ID, S_REQ("username"), S("name"), S("description"), S("role"), S("dateIn"), S("dateOut"),
    S("replacedByUsername"), TAGS, CUSTOM, AUTH,
};
SHAPE_V30_OPEN(odcs_team_member, "team member", team_member_keys);

static const OdcsKey team_keys[] = {
    ID, S("name"), S("description"), ARR_SINCE("members", odcs_team_member, ODCS_V31), TAGS, CUSTOM, AUTH,
};
SHAPE_V30_OPEN(odcs_team, "team", team_keys);

static const OdcsKey synonym_keys[] = {
    ID, S_REQ("synonym"), S("description"), S("locale"), S("source"), S("status"), CUSTOM,
};
LOCAL_SHAPE(synonym, "synonym", synonym_keys, false);

static const OdcsKey enum_value_keys[] = {
    {"value", OT_SCALAR, OT_ANY, NULL, true, NULL, ODCS_V32}, S("label"), ID, S("description"), CUSTOM, AUTH, TAGS,
};
SHAPE(odcs_enum_value, "enum value", enum_value_keys, false);

/* A quality check: the keys of every type; odcs_read.c narrows them by type. */
static const OdcsKey quality_keys[] = {
    ID, AUTH, S("businessImpact"), CUSTOM, S("description"),
    {"dimension", OT_STRING, OT_ANY, NULL, false, dimensions, ODCS_V30},
    S("method"), S("name"), S("schedule"), S("scheduler"), S("severity"), TAGS,
    {"type", OT_STRING, OT_ANY, NULL, false, quality_types, ODCS_V30}, S("unit"),
    {"metric", OT_STRING, OT_ANY, NULL, false, metrics, ODCS_V31}, S("rule"),
    {"arguments", OT_ANY, OT_ANY, NULL, false, NULL, ODCS_V31},
    S("query"), S("engine"), {"implementation", OT_IMPL, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"mustBe", OT_SCALAR, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"mustNotBe", OT_SCALAR, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"mustBeGreaterThan", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"mustBeGreaterOrEqualTo", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"mustBeLessThan", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"mustBeLessOrEqualTo", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"mustBeBetween", OT_ARRAY, OT_NUMBER, NULL, false, NULL, ODCS_V30},
    {"mustNotBeBetween", OT_ARRAY, OT_NUMBER, NULL, false, NULL, ODCS_V30},
};
SHAPE_V30_OPEN(odcs_quality, "quality check", quality_keys);

static const OdcsKey relationship_keys[] = {
    {"type", OT_STRING, OT_ANY, NULL, false, relationship_types, ODCS_V31},
    {"from", OT_REF, OT_ANY, NULL, false, NULL, ODCS_V31},
    {"to", OT_REF, OT_ANY, NULL, false, NULL, ODCS_V31},
    {"customProperties", OT_ARRAY, OT_OBJECT, &custom_property, false, NULL, ODCS_V31},
};
SHAPE(odcs_relationship, "relationship", relationship_keys, false);

/* --- logicalTypeOptions per logicalType ----------------------------------------------------- */
static const OdcsKey string_options_keys[] = {
    {"minLength", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"maxLength", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30}, S("pattern"), S("format"),
};
LOCAL_SHAPE(string_options, "logicalTypeOptions of a string", string_options_keys, false);
static const OdcsKey date_options_keys[] = {
    S("format"), S("exclusiveMaximum"), S("maximum"), S("exclusiveMinimum"), S("minimum"),
};
LOCAL_SHAPE(date_options, "logicalTypeOptions of a date", date_options_keys, false);
static const OdcsKey timestamp_options_keys[] = {
    S("format"), S("exclusiveMaximum"), S("maximum"), S("exclusiveMinimum"), S("minimum"),
    {"timezone", OT_BOOLEAN, OT_ANY, NULL, false, NULL, ODCS_V31}, S_SINCE("defaultTimezone", ODCS_V31),
};
LOCAL_SHAPE(timestamp_options, "logicalTypeOptions of a timestamp or time", timestamp_options_keys, false);
#define NUMERIC_OPTIONS(fmts)                                                                       \
    {"multipleOf", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},                                 \
    {"maximum", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},                                    \
    {"exclusiveMaximum", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},                           \
    {"minimum", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},                                    \
    {"exclusiveMinimum", OT_NUMBER, OT_ANY, NULL, false, NULL, ODCS_V30},                           \
    {"format", OT_STRING, OT_ANY, NULL, false, fmts, ODCS_V31}
static const OdcsKey integer_options_keys[] = {NUMERIC_OPTIONS(integer_formats)};
LOCAL_SHAPE(integer_options, "logicalTypeOptions of an integer", integer_options_keys, false);
static const OdcsKey number_options_keys[] = {NUMERIC_OPTIONS(number_formats)};
LOCAL_SHAPE(number_options, "logicalTypeOptions of a number", number_options_keys, false);
static const OdcsKey object_options_keys[] = {
    {"maxProperties", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"minProperties", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30},
    STRS("required"),
};
LOCAL_SHAPE(object_options, "logicalTypeOptions of an object", object_options_keys, false);
static const OdcsKey array_options_keys[] = {
    {"maxItems", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"minItems", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30},
    {"uniqueItems", OT_BOOLEAN, OT_ANY, NULL, false, NULL, ODCS_V30},
};
LOCAL_SHAPE(array_options, "logicalTypeOptions of an array", array_options_keys, false);
static const OdcsKey no_options_keys[] = {{"", OT_ANY, OT_ANY, NULL, false, NULL, ODCS_V30}};
LOCAL_SHAPE(no_options, "logicalTypeOptions", no_options_keys, true);

const OdcsLogicalType odcs_logical_types[] = {
    {"string", &string_options}, {"date", &date_options}, {"timestamp", &timestamp_options},
    {"time", &timestamp_options}, {"integer", &integer_options}, {"number", &number_options},
    {"object", &object_options}, {"array", &array_options}, {"boolean", &no_options}, {"map", &no_options},
};
const size_t odcs_logical_type_count = N(odcs_logical_types);

static long lit_long(const Literal *l, long dflt) { return l && l->text ? strtol(l->text, NULL, 10) : dflt; }

const OdcsShape *odcs_options_of(const char *logical_type)
{
    for (size_t i = 0; logical_type && i < N(odcs_logical_types); i++)
        if (!strcmp(odcs_logical_types[i].logical_type, logical_type)) return odcs_logical_types[i].options;
    return NULL;
}

const char *odcs_logical_type(TypeKind k)
{
    switch (k) {
    case TY_BOOLEAN: return "boolean";
    case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64: return "integer";
    case TY_FLOAT32: case TY_FLOAT64: case TY_DECIMAL: return "number";
    case TY_STRING: case TY_BYTES: case TY_UUID: case TY_ENUM: return "string";
    case TY_DATE: return "date";
    case TY_TIME: return "time";
    case TY_TIMESTAMP: case TY_TIMESTAMPTZ: return "timestamp";
    case TY_LIST: return "array";
    default: return "object"; /* json, struct, map (v3.2.0's `map` is the writer's choice) */
    }
}

const char *odcs_option_said(const Type *rt, const Attrs *a, bool field, const char *key)
{
    TypeKind k = rt->kind;
    bool text = k == TY_STRING || k == TY_BYTES || k == TY_ENUM;
    static const char *const range[] = {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", NULL};
    if (odcs_word_in(range, key) && (model_type_is_numeric(k) || model_type_is_temporal(k)) && (field || (a && a->range)))
        return "`range [...]`";
    /* string(N)'s maxLength, read from its argument before sema has filled max_len (the reader) */
    bool sized = k == TY_STRING && (rt->u.string.max_len > 0 || lit_long(rt->u.string.max, -1) > 0);
    if ((!strcmp(key, "minLength") || !strcmp(key, "maxLength")) && text &&
        (field || (a && a->length) || (!strcmp(key, "maxLength") && sized)))
        return "`length [...]` (or string(N))";
    if (!strcmp(key, "pattern") && text && (field || (a && a->pattern))) return "`pattern \"...\"`";
    /* an integer's or number's width, bytes and uuid are the type's own */
    if (!strcmp(key, "format") && (model_type_is_numeric(k) || k == TY_BYTES || k == TY_UUID)) return "the field's type";
    if (!strcmp(key, "timezone") && (k == TY_TIMESTAMP || k == TY_TIMESTAMPTZ)) return "the type (timestamptz or timestamp)";
    if ((!strcmp(key, "minItems") || !strcmp(key, "maxItems")) && k == TY_LIST && (field || (a && a->length))) return "`length [...]`";
    if ((!strcmp(key, "minProperties") || !strcmp(key, "maxProperties")) && k == TY_MAP && (field || (a && a->length)))
        return "`length [...]`";
    return NULL;
}

/* --- schema objects and properties ----------------------------------------------------------- */
/* SchemaElement's keys, shared by objects and properties; `name` is required but in array items
 * and map entries. */
#define ELEMENT_KEYS(name_required)                                                                 \
    ID, {"name", OT_STRING, OT_ANY, NULL, name_required, NULL, ODCS_V30}, S("physicalType"), S("description"), S("businessName"),                          \
    ARR_SINCE("synonyms", synonym, ODCS_V32), AUTH, TAGS, CUSTOM

/* SchemaBaseProperty's keys; logicalTypeOptions is checked against the logicalType's table. */
#define PROPERTY_KEYS(name_required)                                                                \
    ELEMENT_KEYS(name_required),                                                                                   \
    {"primaryKey", OT_BOOLEAN, OT_ANY, NULL, false, NULL, ODCS_V30},                                \
    {"primaryKeyPosition", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30},                        \
    {"logicalType", OT_STRING, OT_ANY, NULL, false, logical_type_words, ODCS_V30},                  \
    {"logicalTypeOptions", OT_OBJECT, OT_ANY, &no_options, false, NULL, ODCS_V30},                  \
    S("physicalName"),                                                                              \
    {"required", OT_BOOLEAN, OT_ANY, NULL, false, NULL, ODCS_V30},                                  \
    {"unique", OT_BOOLEAN, OT_ANY, NULL, false, NULL, ODCS_V30},                                    \
    {"semanticType", OT_STRING, OT_ANY, NULL, false, semantic_types, ODCS_V32},                     \
    {"partitioned", OT_BOOLEAN, OT_ANY, NULL, false, NULL, ODCS_V30},                               \
    {"partitionKeyPosition", OT_INTEGER, OT_ANY, NULL, false, NULL, ODCS_V30},                      \
    S("classification"), S("encryptedName"), STRS("transformSourceObjects"), S("transformLogic"),   \
    S("transformDescription"), {"examples", OT_ARRAY, OT_ANY, NULL, false, NULL, ODCS_V30},         \
    ARR_SINCE("enum", odcs_enum_value, ODCS_V32),                                                        \
    {"criticalDataElement", OT_BOOLEAN, OT_ANY, NULL, false, NULL, ODCS_V30},                       \
    ARR_SINCE("relationships", odcs_relationship, ODCS_V31), ARR("quality", odcs_quality),          \
    ARR("properties", odcs_property), {"items", OT_OBJECT, OT_ANY, &odcs_item_property, false, NULL, ODCS_V30}, \
    {"map", OT_OBJECT, OT_ANY, &map_def, false, NULL, ODCS_V32}

static const OdcsShape map_def;
static const OdcsKey property_keys[] = {PROPERTY_KEYS(true)};
SHAPE(odcs_property, "schema property", property_keys, false);
static const OdcsKey item_property_keys[] = {PROPERTY_KEYS(false)};
SHAPE(odcs_item_property, "array item or map entry", item_property_keys, false);
static const OdcsKey map_def_keys[] = {
    {"key", OT_OBJECT, OT_ANY, &odcs_item_property, true, NULL, ODCS_V32},
    {"value", OT_OBJECT, OT_ANY, &odcs_item_property, true, NULL, ODCS_V32},
};
static SHAPE(map_def, "map definition", map_def_keys, false);

static const char *const object_type_words[] = {"object", NULL};
static const OdcsKey schema_object_keys[] = {
    ELEMENT_KEYS(true),
    {"logicalType", OT_STRING, OT_ANY, NULL, false, object_type_words, ODCS_V30},
    S("physicalName"), S("dataGranularityDescription"), ARR("properties", odcs_property),
    ARR_SINCE("relationships", odcs_relationship, ODCS_V31), ARR("quality", odcs_quality),
    {"context", OT_CONTEXT, OT_ANY, NULL, false, NULL, ODCS_V32},
};
SHAPE(odcs_schema_object, "schema object", schema_object_keys, false);

static const OdcsKey root_keys[] = {
    S_REQ("version"), {"kind", OT_STRING, OT_ANY, NULL, true, kinds, ODCS_V30},
    {"apiVersion", OT_STRING, OT_ANY, NULL, true, api_versions, ODCS_V30}, S_REQ("id"), S("name"),
    S("tenant"), TAGS, S("status"), ARR("servers", odcs_server), S("dataProduct"), OBJ("description", odcs_description),
    S("domain"), {"context", OT_CONTEXT, OT_ANY, NULL, false, NULL, ODCS_V32}, ARR("schema", odcs_schema_object),
    ARR("support", support), OBJ("price", price), {"team", OT_TEAM, OT_ANY, &odcs_team, false, NULL, ODCS_V30},
    ARR("roles", role), S("slaDefaultElement"), ARR("slaProperties", sla), AUTH, CUSTOM, S("contractCreatedTs"),
};
SHAPE(odcs_root, "contract", root_keys, false);


const OdcsKey *odcs_shape_key(const OdcsShape *s, const char *key)
{
    for (size_t i = 0; i < s->nkeys; i++)
        if (!strcmp(s->keys[i].key, key)) return &s->keys[i];
    return NULL;
}

bool odcs_word_in(const char *const *words, const char *word)
{
    for (; words && *words; words++)
        if (!strcmp(*words, word)) return true;
    return false;
}

const char *odcs_version_name(OdcsVersion v)
{
    static const char *const names[] = {"v3.0.2", "v3.1.0", "v3.2.0"};
    _Static_assert(sizeof names / sizeof names[0] == ODCS_V32 + 1, "one name per OdcsVersion");
    return names[v];
}

/* --- the physicalType dcc writes ------------------------------------------------------------ */


const char *odcs_default_physical_type(Arena *a, const Type *t)
{
    switch (t ? t->kind : TY_ERROR) {
    case TY_BOOLEAN: return "boolean";
    case TY_INT8:
    case TY_INT16: return "smallint";
    case TY_INT32: return "integer";
    case TY_INT64: return "bigint";
    case TY_FLOAT32: return "real";
    case TY_FLOAT64: return "double precision";
    case TY_DECIMAL: {
        int p = t->u.decimal.p ? t->u.decimal.p : (int)lit_long(t->u.decimal.precision, 0);
        int s = t->u.decimal.p ? t->u.decimal.s : (int)lit_long(t->u.decimal.scale, 0);
        return arena_printf(a, "numeric(%d,%d)", p, s);
    }
    case TY_STRING: {
        long long n = t->u.string.max_len > 0 ? (long long)t->u.string.max_len : (long long)lit_long(t->u.string.max, -1);
        return n > 0 ? arena_printf(a, "varchar(%lld)", n) : "text";
    }
    case TY_BYTES: return "bytea";
    case TY_DATE: return "date";
    case TY_TIME: return "time";
    case TY_TIMESTAMP: return "timestamp";
    case TY_TIMESTAMPTZ: return "timestamptz";
    case TY_UUID: return "uuid";
    case TY_ENUM: return "text";
    case TY_JSON:
    case TY_LIST:
    case TY_MAP:
    case TY_STRUCT: return "jsonb";
    default: return NULL;
    }
}

bool odcs_physical_says_type(const Type *t)
{
    return t && (t->kind == TY_DECIMAL || t->kind == TY_BYTES ||
                 (t->kind == TY_STRING && (t->u.string.max_len > 0 || t->u.string.max)));
}
