/* model.h - the contract model: what front ends build, sema checks and resolves, and targets read.
 *
 * Front ends (the .dc grammar, the ODCS YAML reader of odcs_read.c) create these structures in an arena
 * through the model builder (mbuild.h). sema.c checks them, reports diagnostics and fills the
 * parts marked "after sema": resolved types and effective attributes are stored once, on every
 * type, declaration and field, and nobody walks named-type chains again. After a clean check a
 * target may rely on every invariant documented here as "after sema". Targets take `const`
 * pointers and never see the parser.
 *
 * Lists are singly linked through `next`, in source order. Literal values keep the exact text the
 * author wrote (numbers are never converted through a double here). */
#ifndef DCC_MODEL_H
#define DCC_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "source.h"

typedef struct Type Type;
typedef struct Field Field;
typedef struct TypeDecl TypeDecl;
typedef struct Dataset Dataset;
typedef struct Contract Contract;
typedef struct Import Import;

/* A name as written, with its place. */
typedef struct Name {
    const char *text;
    Span span;
    struct Name *next; /* in name lists */
} Name;

/* A dotted name: `sales.orders`, `customers.customers.customer_id`. parts is a list. */
typedef struct {
    Name *parts;
    unsigned nparts;
    const char *text; /* the parts joined with '.' */
    Span span;
} QualName;

typedef enum { LIT_STRING, LIT_NUMBER, LIT_BOOL, LIT_NULL, LIT_IDENT } LitKind;

typedef struct Literal {
    LitKind kind;
    const char *text; /* string: the unescaped value; number: as written; bool: "true"/"false" */
    uint32_t len;     /* bytes of text (strings may hold \u{0}) */
    Span span;
    struct Literal *next;
} Literal;

/* An interval [lo, hi]; a NULL bound is open (written `*`). */
typedef struct {
    Literal *lo, *hi;
    bool lo_inclusive, hi_inclusive;
    Span span;
} Interval;

/* ORDER TypeKind: model.c's kind names are indexed by it, and the predicates there test the
 * ranges TY_INT8..TY_INT64 (integers), TY_INT8..TY_DECIMAL (numbers) and TY_DATE..TY_TIMESTAMPTZ
 * (temporal). Keep TY_NAMED last (TY_KIND_COUNT). */
typedef enum {
    TY_ERROR, /* poisoned by an earlier error: suppresses follow-on diagnostics */
    TY_BOOLEAN,
    TY_INT8,
    TY_INT16,
    TY_INT32,
    TY_INT64,
    TY_FLOAT32,
    TY_FLOAT64,
    TY_DECIMAL,
    TY_STRING,
    TY_BYTES,
    TY_DATE,
    TY_TIME,
    TY_TIMESTAMP,
    TY_TIMESTAMPTZ,
    TY_UUID,
    TY_JSON,
    TY_ENUM,
    TY_LIST,
    TY_MAP,
    TY_STRUCT,
    TY_NAMED /* a use of a named type; `named.decl` after sema */
} TypeKind;
#define TY_KIND_COUNT (TY_NAMED + 1)

typedef struct EnumValue {
    const char *name;
    Span span;
    struct EnumValue *next;
} EnumValue;

struct Type {
    TypeKind kind;
    Span span;
    /* As written: the name and arguments of `IDENT` or `IDENT(args)` before resolution.
     * The builder maps built-in names to kinds; sema checks argument counts and ranges. */
    union {
        struct { Literal *precision, *scale; int p, s; } decimal; /* p, s filled by sema */
        struct { Literal *max; int64_t max_len; } string;          /* max_len -1: unbounded */
        struct { EnumValue *values; unsigned count; } enumeration;
        struct { Type *elem; } list;
        struct { Name *key; Type *value; } map;
        struct { Field *fields; } strct;
        struct { QualName name; TypeDecl *decl; } named;           /* decl after sema */
    } u;
    Literal *args;  /* raw arguments of IDENT(args), for diagnostics on misuse */
    const char *written; /* the type name as written (builtin or named) */
    /* After sema, on every type a unit holds (field types, list elements, map values, struct
     * fields' types, type declarations' right-hand sides): the type with every TY_NAMED
     * followed (the type itself when it is not named; an error type when the chain is broken)
     * and the attributes the chain of named declarations contributes, merged with outer
     * declarations winning (NULL when the chain has none). Resolved once, by sema; every
     * consumer reads these instead of walking chains itself. */
    const Type *resolved;
    const struct Attrs *chain_attrs;
};

/* ORDER Classification: model.c's keyword table; from least to most protected. */
typedef enum { CLASS_NONE, CLASS_PUBLIC, CLASS_INTERNAL, CLASS_CONFIDENTIAL, CLASS_RESTRICTED } Classification;
#define CLASS_COUNT (CLASS_RESTRICTED + 1)

/* Constraints and meaning attached to a field or a named type. A NULL/false member was not given.
 * Every field embeds one, so pointers and spans come first and the flags last. Keyword values
 * are kept as written (`classification_name`) so that any front end can hand over what it read
 * and sema alone decides whether the word is known (DC0415). */
/* What an ODCS v3.2 `enum` entry says of one allowed value beside the value (issue 14):
 * `values ("US" { label: "United States", description: "...", tags: [...] })`. The label and
 * description are for people (the docs target shows them); the entry's other keys (id, tags,
 * authoritativeDefinitions, customProperties) are carried as written. */
typedef struct ValueNote {
    const Literal *value;     /* the member of Attrs.values it describes */
    struct Meta *label;       /* META_STRING, or NULL */
    struct Meta *description; /* META_STRING, or NULL */
    struct Meta *extra;       /* the whole map as written (label and description included), for meta checks */
    struct ValueNote *next;
} ValueNote;

typedef struct Attrs {
    Literal *default_value;
    Interval *range;
    Interval *length;
    Literal *pattern;         /* LIT_STRING */
    Literal *values;          /* list of allowed values */
    ValueNote *value_notes;   /* what some of them say beside the value, in the order of values */
    QualName *references;
    struct Meta *references_extra; /* `references T { ... }`: the ODCS relationship's other keys
                                      (its customProperties), carried as written */
    Literal *unit;
    Literal *term;
    Name *pii;                /* category as written */
    Name *classification_name; /* as written; `classification` after sema */
    Literal *sunset;          /* LIT_STRING date */
    Literal *deprecation_reason;
    /* ODCS element metadata (issue 14): a field's id, businessName, physicalName, physicalType,
     * encryptedName and examples. Fields only (sema: DC0751 on a type declaration), so they are
     * read from Field.attrs, never from `effective`. A dataset keeps the first four in its `meta`. */
    Literal *id;
    Literal *business_name;
    Literal *physical_name;
    Literal *physical_type;
    Literal *encrypted_name;
    Literal *examples;        /* list */
    /* `meta { key: value, ... }`: the element's other keys in ODCS (tags, authoritativeDefinitions,
     * transformLogic, customProperties, ...), carried as written for `dcc gen -t odcs`; a field's
     * own like the other element metadata, and a dataset's in its `meta` (docs/odcs.md) */
    struct Meta *extra;
    Span extra_span;
    /* A field's own `expect { ... }` block (field-level quality, ODCS property-level quality):
     * its first rule and the block. The rules are the dataset's (Dataset.quality), linked there
     * with `owner` set when the field joins its dataset; sema refuses the block anywhere else
     * (a type declaration, a struct's field: DC0509). */
    struct QualityRule *quality;
    Span quality_span;
    Span examples_span;
    Span critical_span;
    Span unique_span;
    Span values_span;
    Span classification_span;
    Span deprecated_span;
    Classification classification; /* after sema (CLASS_NONE when not given or unknown) */
    bool unique;
    bool deprecated;
    bool critical;            /* ODCS criticalDataElement */
} Attrs;

struct Field {
    Name name;
    const char *doc; /* doc comment text, lines joined with '\n', or NULL */
    Type *type;
    /* never NULL: the field's own attributes, or, for a field that has none (most fields), the
     * model builder's one empty set, shared and never written (a field is about 100 bytes
     * instead of 250: `dcc check`'s time goes mostly into touching fresh memory) */
    Attrs *attrs;
    Span span; /* the whole declaration */
    bool optional;
    /* after sema */
    const Type *rtype;          /* the type with every TY_NAMED followed (never TY_NAMED) */
    const Attrs *effective;     /* the attributes of the named-type chain merged with the
                                   field's own, the field's own winning. Is `attrs`
                                   itself when the type names no declaration with attributes
                                   (most fields), else at a merged copy in the arena */
    Field *ref_target;          /* the referenced field, when attrs.references */
    struct Field *next;
};

struct TypeDecl {
    Name name;
    const char *doc;
    Type *type;
    Attrs attrs;
    Span span;
    Contract *owner;
    /* after sema: the declared type with every named type followed (an error type when the
     * chain is broken or cyclic), and the attributes of the whole chain merged with this
     * declaration's own winning (points at `attrs` when nothing further down adds any) */
    const Type *rtype;
    const Attrs *effective;
    /* sema's bookkeeping: TD_UNVISITED .. TD_POISONED (sema.c) */
    int visit;
    struct TypeDecl *next;
};

/* ORDER CmpOp, RuleKind: model.c's keyword tables; keep the last member last in the counts. */
/* CMP_BETWEEN and CMP_NOT_BETWEEN take two bounds (value, value_hi), both inclusive as ODCS's
 * mustBeBetween / mustNotBeBetween: `between a and b` holds for a <= x <= b. */
typedef enum { CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_EQ,
               CMP_NE, CMP_BETWEEN, CMP_NOT_BETWEEN } CmpOp;
#define CMP_COUNT (CMP_NOT_BETWEEN + 1)
#define CMP_IS_RANGE(op) ((op) == CMP_BETWEEN || (op) == CMP_NOT_BETWEEN)

/* RULE_NULL_COUNT, RULE_INVALID_COUNT: the rates' measures counted in records rather than as a
 * share (ODCS nullValues / invalidValues with unit rows); invalid_count = records - valid.
 * RULE_DUPLICATE_COUNT: the records whose values of the fields repeat an earlier record's (what
 * `unique` wants to be 0; ODCS duplicateValues in rows), compared with a threshold.
 * RULE_DUPLICATE_RATE: the same records as a share of all records (ODCS duplicateValues in
 * percent).
 * RULE_MISSING_COUNT, RULE_MISSING_RATE: the records whose value of the field is null, absent or
 * one of the rule's values (ODCS missingValues with arguments.missingValues), counted or as a
 * share of all records.
 * RULE_NOTIN_COUNT, RULE_NOTIN_RATE (written invalid_count(f, valid (...)), invalid_rate(f, valid
 * (...))): the records whose value of the field is not one of the rule's values (ODCS
 * invalidValues with arguments.validValues); null and absent are valid only when the list holds
 * null. */
typedef enum { RULE_ROW_COUNT, RULE_NULL_RATE, RULE_VALID_RATE, RULE_FRESHNESS, RULE_UNIQUE, RULE_SQL,
               RULE_NULL_COUNT, RULE_INVALID_COUNT, RULE_DUPLICATE_COUNT, RULE_DUPLICATE_RATE,
               RULE_MISSING_COUNT, RULE_MISSING_RATE, RULE_NOTIN_COUNT, RULE_NOTIN_RATE } RuleKind;
#define RULE_KIND_COUNT (RULE_NOTIN_RATE + 1)
/* The kinds whose threshold is a percentage (written with `%`, 0..100) */
#define RULE_IS_RATE(k) ((k) == RULE_NULL_RATE || (k) == RULE_VALID_RATE || (k) == RULE_DUPLICATE_RATE || \
                         (k) == RULE_MISSING_RATE || (k) == RULE_NOTIN_RATE)
/* The kinds that carry a list of values (QualityRule.values) */
#define RULE_HAS_VALUES(k) ((k) == RULE_MISSING_COUNT || (k) == RULE_MISSING_RATE || (k) == RULE_NOTIN_COUNT || \
                            (k) == RULE_NOTIN_RATE)
/* The kinds that count records: a threshold is a non-negative integer */
#define RULE_IS_COUNT(k) ((k) == RULE_ROW_COUNT || (k) == RULE_NULL_COUNT || (k) == RULE_INVALID_COUNT || \
                          (k) == RULE_DUPLICATE_COUNT || (k) == RULE_MISSING_COUNT || (k) == RULE_NOTIN_COUNT)

typedef struct QualityRule {
    RuleKind kind;
    CmpOp op;
    Name *fields;     /* null_rate/valid_rate/freshness: one field; unique: the list */
    Literal *sql;     /* RULE_SQL: the query */
    Literal *value;   /* threshold as written: number, percent text without '%', duration text;
                         between: the low bound */
    Literal *value_hi; /* between / not between: the high bound; NULL for the other operators */
    Literal *values;   /* missing_count, missing_rate: the values that count as missing besides
                          null and absent; notin: the valid values, null among them when null
                          and absent are valid; in the order written (next-linked) */
    Span span;
    /* Where it was written: the field whose `expect` block holds it (fmt and ODCS write it back
     * there), or NULL for the dataset's `quality` block. A field-level rule without a field
     * argument gets the owner's name as its field when the field joins the dataset. */
    struct Field *owner;
    /* `meta { ... }` after the rule: the ODCS quality check's keys dcc neither checks nor writes
     * from the rule (description, dimension, severity, schedule, tags, customProperties, ...),
     * carried for `dcc gen -t odcs`; or NULL */
    struct Meta *extra;
    Span extra_span;
    /* after sema */
    double threshold;        /* row_count/sql: the number; rates: fraction 0..1; freshness: seconds */
    double threshold_hi;     /* between: the high bound, likewise */
    Field *field;            /* resolved first field, if any */
    struct QualityRule *next;
} QualityRule;

typedef struct Upstream {
    QualName *name;  /* alias.dataset or dataset; NULL when external */
    Literal *external;
    Span span;
    Dataset *resolved; /* after sema, for non-external */
    struct Upstream *next;
} Upstream;

/* How an ODCS file worded a primary key, where it is not what dcc writes (issue 14): dcc
 * requires key fields and writes `required: true` and primaryKeyPosition on each key column.
 * `primary key (...) odcs (WORD, ...)` records the other wordings the standard allows, so that an
 * ODCS contract is written back as it was; what dcc checks is the same either way (a key field
 * is non-null). ORDER KeyOdcsWord: model.c's model_kw_key_odcs; a Key's odcs_words is a bit set. */
typedef enum {
    KEY_ODCS_NOT_REQUIRED, /* not_required: the key's columns do not say `required: true` */
    KEY_ODCS_NO_POSITIONS, /* no_positions: nor primaryKeyPosition */
    KEY_ODCS_OTHERS_FALSE  /* others_false: every other column says `primaryKey: false` */
} KeyOdcsWord;
#define KEY_ODCS_COUNT (KEY_ODCS_OTHERS_FALSE + 1)
#define KEY_ODCS_HAS(k, w) ((k) && ((k)->odcs_words & (1u << (w))))

typedef struct Key {
    Name *fields;
    Span span;
    struct Key *next;
    Name *odcs;          /* primary key only: the words of `odcs (...)` as written, or NULL */
    unsigned odcs_words; /* after sema: 1u << KeyOdcsWord for each word of odcs that holds
                          * (no_positions not on a key in another order than the fields, DC0314) */
} Key;

/* ORDER UnknownPolicy, DatasetItemKind: model.c's keyword tables. */
typedef enum { UNKNOWN_REJECT, UNKNOWN_ALLOW } UnknownPolicy;
#define UNKNOWN_POLICY_COUNT (UNKNOWN_ALLOW + 1)

/* The order in which items were written, so that `dcc fmt` can keep it. */
typedef enum { DI_PRIMARY_KEY, DI_UNIQUE, DI_UNKNOWN_FIELDS, DI_FIELD, DI_QUALITY, DI_UPSTREAM,
               DI_PARTITION_KEY } DatasetItemKind;
#define DI_KIND_COUNT (DI_PARTITION_KEY + 1)
typedef struct DatasetItem {
    DatasetItemKind kind;
    void *item; /* Key*, Key*, NULL, Field*, QualityRule* (first rule; see quality_span), Upstream*, Key* */
    Span span;
    struct DatasetItem *next;
} DatasetItem;

struct Dataset {
    Name name;
    const char *doc;
    Span span;
    Key *primary_key;     /* at most one */
    Key *partition_key;   /* at most one: ODCS partitioned + partitionKeyPosition, in order */
    Attrs meta;           /* id, business name, physical name and type (the head's attributes) */
    Key *uniques;
    UnknownPolicy unknown_fields; /* after sema */
    Name *unknown_fields_name;    /* the policy as written; NULL when not given */
    Span unknown_fields_span;
    Field *fields;
    QualityRule *quality;
    Span quality_span;    /* the quality { } block, if any */
    Upstream *upstream;
    DatasetItem *items;
    Contract *owner;
    struct Dataset *next;
};

/* ORDER Status, CompatMode: model.c's keyword tables. */
typedef enum { STATUS_DRAFT, STATUS_ACTIVE, STATUS_DEPRECATED, STATUS_RETIRED } Status;
#define STATUS_COUNT (STATUS_RETIRED + 1)
typedef enum { COMPAT_NONE, COMPAT_BACKWARD, COMPAT_FORWARD, COMPAT_FULL } CompatMode;
#define COMPAT_COUNT (COMPAT_FULL + 1)

typedef struct Link {
    Name name;
    Literal *url;
    Literal *description; /* NULL when not given */
    Span span;
    struct Link *next;
} Link;

typedef struct Serve {
    Name kind;       /* postgres, s3, kafka, ... */
    Literal *address;
    Name *format;    /* NULL when not given */
    Span span;
    struct Serve *next;
} Serve;

/* One field of a named server: `host "db.example.com"`, `port 5432`, `format parquet`. The value
 * is kept as written (LIT_STRING, LIT_NUMBER or LIT_IDENT for a bare word); sema checks it against
 * the type's table (servers.def). */
typedef struct ServerField {
    Name key;
    Literal *value;
    Span span;
    struct ServerField *next;
} ServerField;

/* A named server (ODCS `servers`): `server NAME TYPE { field value ... role ... custom ... }`.
 * The name is the ODCS `server` (any text: written as a string when it is no identifier), the
 * type as written (postgres, s3, kafka, ...: servers.def). Roles and custom properties are
 * carried as metadata (MetaItem of kind CI_ROLE and CI_CUSTOM), in the order written. */
typedef struct Server {
    Name name;
    Name type;
    ServerField *fields;
    struct MetaItem *meta;
    Span span;
    struct Server *next;
} Server;

/* ORDER SlaKind: model.c's keyword table. */
typedef enum { SLA_FRESHNESS, SLA_FREQUENCY, SLA_AVAILABILITY, SLA_LATENCY, SLA_RETENTION, SLA_SUPPORT, SLA_RESPONSE } SlaKind;
#define SLA_KIND_COUNT (SLA_RESPONSE + 1)

typedef struct SlaItem {
    SlaKind kind;
    Literal *value;  /* duration text ("1h"), percent text ("99.9"), string (support hours) */
    bool cron;       /* frequency given as `cron STRING` */
    struct Meta *extra; /* what goes with it, as a metadata map (ODCS element, driver, ...); or NULL */
    Span span;
    double number;   /* after sema: seconds for durations, percent for availability */
    struct SlaItem *next;
} SlaItem;

/* The order of items in a contract body, for `dcc fmt`. ORDER: model.c's keyword table. */
typedef enum {
    CI_OWNER, CI_CONTACT, CI_DOMAIN, CI_STATUS, CI_TAGS, CI_LINK, CI_COMPATIBILITY, CI_SERVE,
    CI_SLA, CI_TYPE, CI_DATASET,
    /* product-level metadata (docs/language.md, "Product metadata"), mostly carried for ODCS */
    CI_STANDARD, CI_ID, CI_PRODUCT, CI_TENANT, CI_CREATED, CI_USAGE, CI_LIMITATIONS, CI_TEAM,
    CI_ROLE, CI_PRICE, CI_SUPPORT, CI_CUSTOM, CI_TITLE,
    CI_SERVER, /* a named server */
    CI_DESCRIPTION /* `description { ... }`: the ODCS description's other keys */
} ContractItemKind;
#define CI_KIND_COUNT (CI_DESCRIPTION + 1)
typedef struct ContractItem {
    ContractItemKind kind;
    void *item; /* Link*, Serve*, Server*, TypeDecl*, Dataset*, MetaItem*; NULL for single-valued items */
    Span span;
    struct ContractItem *next;
} ContractItem;

/* A metadata value: JSON-like literals (strings, numbers, booleans, null, lists, maps) for what
 * dcc carries without checking it: custom properties and ODCS sections such as team, roles and
 * price. Scalars keep their text as a Literal does (numbers as written); a map keeps its
 * entries in the order written, keys unique (the builder reports a repeated key). */
typedef enum { META_STRING, META_NUMBER, META_BOOL, META_NULL, META_LIST, META_MAP } MetaKind;
typedef struct Meta {
    MetaKind kind;
    const char *text;     /* scalars: unescaped string, number as written, "true"/"false"/"null" */
    uint32_t len;         /* bytes of text */
    const char *key;      /* an entry of a map: its key; NULL otherwise */
    Span key_span;
    struct Meta *items;   /* list elements or map entries, in order */
    unsigned count;
    Span span;
    struct Meta *next;
} Meta;

/* A product-level item that holds metadata: `team META`, `role NAME META`, `price META`,
 * `support CHANNEL META`, `custom NAME META`. name is NULL for team and price; value may be
 * NULL for a role or support channel given by name alone. */
typedef struct MetaItem {
    ContractItemKind kind;
    Literal *name;
    Meta *value;
    Meta *extra; /* `custom NAME META meta { id: ..., description: ... }`: the entry's other ODCS keys */
    Span span;
    struct MetaItem *next;
} MetaItem;

struct Import {
    Literal *path;
    Name *alias;        /* NULL: derived from the imported name */
    Span span;
    /* after import resolution */
    const char *resolved_path;
    Contract *target;
    const char *alias_name; /* the effective alias */
    bool used;
    struct Import *next;
};

typedef enum { UNIT_CONTRACT, UNIT_LIBRARY } UnitKind;

struct Contract {
    UnitKind kind;
    QualName name;
    Literal *version;  /* LIT_STRING holding the version text */
    const char *doc;
    Span span;
    uint32_t file;     /* SourceSet index */
    Import *imports;
    Literal *owner, *contact;
    Name *domain;
    Status status;
    Name *status_name; Span status_span;
    /* `status "development"`: a status of ODCS's that dcc has no word for (ODCS allows any
     * string), written back as it is; dcc's checks take it as draft (status stays STATUS_DRAFT) */
    Literal *status_other;
    Literal *tags;
    Link *links;
    CompatMode compatibility;
    bool compat_transitive;
    Name *compat_name;
    Serve *serves;
    Server *servers;   /* named servers, in order */
    SlaItem *sla;
    Span sla_span;
    bool has_sla;
    TypeDecl *types;
    Dataset *datasets;
    ContractItem *items;
    /* Set by front ends whose files follow another standard (ODCS): dcc's house rules that are
     * not about meaning (an owner, a dataset, fields) are then warnings (DC1110), not errors. */
    bool house_rules_warn;
    /* `standard odcs`: the contract follows ODCS's rules, so house_rules_warn is set */
    Name *standard;
    /* `standard odcs "v3.0.2"`: the ODCS apiVersion the contract was read from, which
     * `dcc gen -t odcs` writes back when the content is valid in it; NULL: the writer's own */
    Literal *standard_version;
    /* product metadata: contract id, data product, tenant, creation time, description sections */
    Literal *id, *product, *tenant, *created, *usage, *limitations;
    Literal *title;    /* the product's display name (ODCS name) when the dotted name cannot hold it */
    MetaItem *meta;    /* team, roles, price, support channels, custom properties, in order */
    MetaItem *sla_props; /* `property NAME META` entries of the sla block (kind CI_SLA), in order */
    /* after sema */
    struct { unsigned major, minor, patch; const char *pre, *build; } semver;
    bool checked_ok;
};

/* Comments the scanner saw, kept for `dcc fmt` (doc comments are attached to declarations). */
typedef struct Comment {
    Span span;
    const char *text; /* including the // or the slash-star delimiters */
    bool own_line;    /* nothing but whitespace before it on its line */
    struct Comment *next;
} Comment;

/* One parsed file. */
typedef struct {
    Contract *unit;     /* NULL when the file had no contract or library */
    Comment *comments;
    uint32_t file;
} ParsedFile;

/* ---- keyword tables (model.c): the one place each enum's spelling lives -------------------- */

/* The spellings of a keyword-valued item. For enum-backed tables `words[i]` spells member i (a
 * NULL entry is a member with no spelling, such as CLASS_NONE); the other tables (serve kinds,
 * formats, personal-data categories) are plain lists of the allowed words. */
typedef struct {
    const char *what;          /* for messages: "status", "compatibility mode", ... */
    const char *const *words;
    unsigned count;
} Keywords;

extern const Keywords model_kw_type_kind;      /* TypeKind: "int32", "list", ... */
extern const Keywords model_kw_status;         /* Status */
extern const Keywords model_kw_compat;         /* CompatMode */
extern const Keywords model_kw_classification; /* Classification (CLASS_NONE has no word) */
extern const Keywords model_kw_unknown_policy; /* UnknownPolicy */
extern const Keywords model_kw_cmp;            /* CmpOp: "<", "<=", ... */
extern const Keywords model_kw_rule;           /* RuleKind */
extern const Keywords model_kw_sla;            /* SlaKind */
extern const Keywords model_kw_citem;          /* ContractItemKind */
extern const Keywords model_kw_ditem;          /* DatasetItemKind */
extern const Keywords model_kw_serve_kind;     /* `serve KIND`: postgres, s3, kafka, ... */
extern const Keywords model_kw_format;         /* `serve ... format F`: parquet, csv, ... */
extern const Keywords model_kw_pii;            /* `pii(CATEGORY)` */
extern const Keywords model_kw_standard;       /* `standard S`: odcs */
extern const Keywords model_kw_odcs_version;   /* `standard odcs "V"`: v3.0.0 ... v3.2.0 */
extern const Keywords model_kw_key_odcs;       /* KeyOdcsWord: `primary key (...) odcs (W, ...)` */

/* ODCS element metadata that is one string (issue 14), in fmt's order: "id", "business name",
 * "physical name", "physical type", "encrypted name". model_meta(a, i) is item i of a, or NULL. */
#define MODEL_META_COUNT 5
const char *model_meta_word(unsigned i);
const Literal *model_meta(const Attrs *a, unsigned i);

/* The index of `word` in the table, or -1. */
int model_kw_find(const Keywords *k, const char *word);
/* Whether a primary key's `odcs (...)` words as written (k->odcs) include word w, before sema;
 * after it, KEY_ODCS_HAS says which hold. fmt and the dump write them in KeyOdcsWord order. */
bool model_key_odcs_says(const Key *k, KeyOdcsWord w);
/* The spelling of member i, or "?" when i is outside the table or has no spelling. */
const char *model_kw_name(const Keywords *k, unsigned i);
/* Whether an output kind takes `format F` (file-like stores). */
bool model_serve_takes_format(const char *kind);

/* The built-in type spelled s[0..n) that is written as a plain word (boolean, int8, ..., json),
 * or TY_NAMED when s names no such type. `enum`, `list`, `map` and `struct` are syntax. */
TypeKind model_builtin_type(const char *s, size_t n);
/* The static spelling of the built-in type word s[0..n) (`integer` stays `integer`, though its
 * kind is TY_INT64), or NULL when it names no built-in type. */
const char *model_builtin_spelling(const char *s, size_t n);
/* Both at once: the kind (TY_NAMED when none) and, in *spelling, the static spelling or NULL. */
TypeKind model_builtin_lookup(const char *s, size_t n, const char **spelling);
/* Whether s[0..n) is an identifier as the language's scanner reads one: an ASCII letter or '_',
 * then ASCII letters, digits and '_' (grammar/lexer.l, IDENT); false for NULL, empty, or a NUL
 * inside. Keywords are identifiers here: callers that care check them. */
bool model_is_ident(const char *s, size_t n);
/* The longest identifier the scanner takes, in bytes (DC0110): a front end that derives a name
 * keeps to it, so that its model can be written as text. */
#define MODEL_IDENT_MAX_BYTES 255
/* Whether `name` is any built-in type name, the syntactic ones included (a type declaration
 * may not take it). */
bool model_is_builtin_type_name(const char *name);

/* ---- type predicates --------------------------------------------------------------------- */
bool model_type_is_int(TypeKind k);                /* int8..int64 */
bool model_type_is_numeric(TypeKind k);            /* integers, floats, decimal */
bool model_type_is_temporal(TypeKind k);           /* date, time, timestamp, timestamptz */
/* Not list/map/struct/json. TY_ERROR counts as scalar, so that a poisoned type never adds a "not
 * a scalar" error of its own; TY_NAMED does not (ask after resolution). */
bool model_type_is_scalar(TypeKind k);

/* ---- names of model enums ------------------------------------------------------------------ */
const char *model_type_kind_name(TypeKind k);      /* "int32", "decimal", "list", ... */
const char *model_status_name(Status s);
const char *model_compat_name(CompatMode c);
const char *model_classification_name(Classification c); /* "none" for CLASS_NONE */
const char *model_cmp_name(CmpOp op);              /* "<", "<=", ... */
const char *model_rule_name(RuleKind k);           /* "row_count", "null_rate", ... */
const char *model_sla_name(SlaKind k);             /* "freshness", "availability", ... */
const char *model_citem_name(ContractItemKind k);  /* "owner", "sla", "dataset", ... */
const char *model_ditem_name(DatasetItemKind k);   /* "primary key", "field", ... */
const char *model_unknown_policy_name(UnknownPolicy p); /* "reject", "allow" */

/* ---- resolution and lookups (valid after sema) -------------------------------------------- */

/* The type at the end of t's named-type chain: t->resolved after sema. NULL-safe; before sema it
 * returns t itself. */
const Type *model_type_resolve(const Type *t);

/* Lookups by name in source order (linear: for repeated lookups over big contracts, index the
 * model once with compiler/symtab.h). Each returns NULL when absent. */
const Dataset *model_find_dataset(const Contract *c, const char *name);
const Field *model_find_field(const Dataset *ds, const char *name);
const TypeDecl *model_find_type(const Contract *c, const char *name);
/* The field at a dotted path inside a dataset: "customer.address.city" descends through struct
 * fields (named struct types followed); a list or map on the way is entered through its
 * element ("items.sku"). NULL when any step is missing. */
const Field *model_find_path(const Dataset *ds, const char *path);
/* The fields of a struct type, once resolved (NULL when t is not a struct after resolution). */
const Field *model_struct_fields(const Type *t);

#endif
