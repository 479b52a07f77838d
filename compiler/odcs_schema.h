/* odcs_schema.h - the structure of an ODCS v3 document as data: which keys each object takes,
 * of which YAML type, which are required, which values a key allows, and in which version of the
 * standard a key appeared. odcs_read.c walks a document against these tables; the rules the
 * tables cannot say (a server type's fields, whose table is servers.def; a quality check's fields
 * for its type; relationships at schema and property level) are written out in odcs_read.c beside
 * the walk.
 *
 * How the tables were derived: by hand from the official JSON Schemas in
 * tests/corpus/public/odcs/schema/ (v3.0.2, v3.1.0, v3.2.0), taking v3.2.0 as the union of the
 * three (nothing was removed between versions except the team-as-array form, kept as an
 * alternative). `since` was found by diffing the `properties` of each definition between the
 * three files; docs/odcs.md shows the script. tests/odcs/run.sh checks the tables against the
 * schemas: every key of every table is in the schema's definition and the reverse. */
#ifndef DCC_ODCS_SCHEMA_H
#define DCC_ODCS_SCHEMA_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* The YAML type a key takes. */
typedef enum {
    OT_STRING,
    OT_INTEGER,
    OT_NUMBER,      /* integer or float */
    OT_BOOLEAN,
    OT_SCALAR,      /* any non-collection value, null included */
    OT_ANY,
    OT_OBJECT,      /* a mapping checked against `shape` */
    OT_ARRAY,       /* a sequence of `elem` (objects of `shape` when elem is OT_OBJECT) */
    OT_REF,         /* a relationship end: a string or a non-empty sequence of strings */
    OT_TEAM,        /* the Team object, or (before v3.1) a sequence of team members */
    OT_CONTEXT,     /* a string, or an object (v3.2 AI context; not checked further) */
    OT_IMPL         /* a custom check's implementation: a string or a mapping */
} OdcsType;

/* ODCS versions, oldest first; `since` of a key is one of these. */
typedef enum { ODCS_V30, ODCS_V31, ODCS_V32 } OdcsVersion;

typedef struct OdcsShape OdcsShape;

typedef struct {
    const char *key;
    OdcsType type;
    OdcsType elem;            /* OT_ARRAY: the items' type */
    const OdcsShape *shape;   /* OT_OBJECT, or OT_ARRAY of OT_OBJECT */
    bool required;
    const char *const *words; /* allowed string values, NULL-terminated; NULL: any */
    OdcsVersion since;
} OdcsKey;

struct OdcsShape {
    const char *name;         /* for messages: "server", "schema property", ... */
    const OdcsKey *keys;
    size_t nkeys;
    bool open;                /* other keys allowed (the JSON Schema allows additional properties) */
    bool open_v30;            /* other keys allowed in files that declare v3.0.x (closed since v3.1) */
};

extern const OdcsShape odcs_root, odcs_server, odcs_schema_object, odcs_property, odcs_item_property,
    odcs_quality, odcs_relationship, odcs_custom_property, odcs_role, odcs_sla, odcs_support, odcs_price,
    odcs_enum_value, odcs_description;

/* logicalTypeOptions allowed for each logicalType, and their types. */
typedef struct {
    const char *logical_type;
    const OdcsShape *options;
} OdcsLogicalType;

extern const OdcsLogicalType odcs_logical_types[];
extern const size_t odcs_logical_type_count;
/* The options a logicalType takes (the v3.1.0 schema's closed object), or NULL for an unknown one. */
const OdcsShape *odcs_options_of(const char *logical_type);
/* The logicalType dcc writes for a resolved type of kind k ("object" for a map: v3.2.0's `map`
 * is targets/odcs.c's choice by the contract). */
const char *odcs_logical_type(TypeKind k);
/* What in the language says the logicalTypeOptions key `key` of a resolved type rt (a range, a
 * length, the type's width), for DC0756's message; NULL when nothing does, so that the element's
 * `meta { logicalTypeOptions: {...} }` carries it (a date's format, a timestamp's
 * defaultTimezone, an array's uniqueItems, an object's required list). field: the element is a
 * field, which takes attributes (a range, a length, a pattern); a list's items and a map's value
 * do not, and say one only when their named type gives it (a: its attributes, or NULL), so that
 * meta carries a map value's minimum, unchecked. The reader, sema and the writer ask this one. */
const char *odcs_option_said(const Type *rt, const Attrs *a, bool field, const char *key);

/* The quality operators, in the standard's order. */
extern const char *const odcs_quality_ops[];

/* The keys of a schema property and of a schema object that the dcc language says in its own
 * words (a field's type, name, key positions, element metadata, quality, ...). NULL-terminated.
 * Everything else the standard has for the element is carried in its `meta { ... }`: the reader
 * puts it there, sema refuses these keys there (DC0756), the writer writes `meta` after its own.
 * `customProperties` and `relationships` are in neither list: both hold entries of dcc's own
 * (custom properties named dcc..., the relationship a `references` says) and others, which
 * `meta` carries, and the writer writes dcc's entries first, then meta's. */
typedef struct {
    const char *key;
    const char *by; /* what in the language says it, for DC0756's message */
} OdcsSaid;
extern const OdcsSaid odcs_property_said[];
extern const OdcsSaid odcs_object_said[];
/* A quality check dcc does not run, which an element's `meta` carries in its `quality` list: a
 * custom check, or a text check (one without a metric or type) but freshness's, which dcc writes
 * with its custom property dccRule. type and metric as given (NULL when absent). */
bool odcs_check_not_run(const char *type, const char *metric, bool dcc_rule);
/* The keys of a quality check that a rule says (its kind, operator, threshold, field list) */
extern const OdcsSaid odcs_quality_said[];
/* a contract's custom property: `custom NAME VALUE` says its property and value; its `meta`
 * the rest (id, description) */
extern const OdcsSaid odcs_custom_said[];
/* What the language says of an enum value's entry (`values ("V" { ... })`), of a relationship
 * (`references T { ... }`) and of the contract's description (`description { ... }`). */
extern const OdcsSaid odcs_enum_value_said[], odcs_relationship_said[], odcs_description_said[];
/* The entry of a said-table (ended by a NULL key) for key, or NULL. */
const OdcsSaid *odcs_said(const OdcsSaid *t, const char *key);

/* The key in a shape, or NULL. */
const OdcsKey *odcs_shape_key(const OdcsShape *s, const char *key);
/* Whether word is in a NULL-terminated list. */
bool odcs_word_in(const char *const *words, const char *word);
/* The spelling of a version: "v3.1.0". */
const char *odcs_version_name(OdcsVersion v);

/* The physicalType `dcc gen -t odcs` writes for a type that has no `physical type` of its own
 * (PostgreSQL's spelling: bigint, numeric(p,s), varchar(n), jsonb, ...). t is a built type, not
 * a named one; its string length and decimal digits are read from the arguments when sema has
 * not filled them yet, so the ODCS reader can leave out a physicalType that says no more than
 * this. NULL for an error type. */
struct Arena;
struct Type;
const char *odcs_default_physical_type(struct Arena *a, const struct Type *t);

/* Is a built type t told apart by that physicalType when read back (decimal(p,s) by numeric(p,s),
 * bytes by bytea, string(N) by varchar(N))? `dcc gen -t odcs` writes it for such a type even in a
 * contract that follows ODCS, where it writes no other physicalType of its own. */
bool odcs_physical_says_type(const struct Type *t);

#endif
