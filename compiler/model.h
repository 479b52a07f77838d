/* model.h - the contract model: what front ends build, sema checks and resolves, and targets read.
 *
 * Front ends (the .dc parser through build.h, later the ODCS YAML reader) create these structures
 * in an arena. sema.c checks them, reports diagnostics and fills the `resolved`/`sema` parts.
 * After a clean check a target may rely on every invariant documented here as "after sema".
 * Targets take `const` pointers and never see the parser.
 *
 * Lists are singly linked through `next`, in source order. Literal values keep the exact text the
 * author wrote (numbers are never converted through a double here). */
#ifndef DCC_MODEL_H
#define DCC_MODEL_H

#include <stdbool.h>
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
};

typedef enum { CLASS_NONE, CLASS_PUBLIC, CLASS_INTERNAL, CLASS_CONFIDENTIAL, CLASS_RESTRICTED } Classification;

/* Constraints and meaning attached to a field or a named type. A NULL/false member was not given.
 * (Members are grouped by size so that the struct has no padding: every field embeds one.) */
typedef struct {
    Literal *default_value;
    Interval *range;
    Interval *length;
    Literal *pattern;         /* LIT_STRING */
    Literal *values;          /* list of allowed values */
    QualName *references;
    Literal *unit;
    Literal *term;
    Name *pii;                /* category as written */
    Literal *sunset;          /* LIT_STRING date */
    Literal *deprecation_reason;
    Span unique_span;
    Span values_span;
    Span classification_span;
    Span deprecated_span;
    Classification classification;
    bool unique;
    bool deprecated;
} Attrs;

struct Field {
    Name name;
    const char *doc; /* doc comment text, lines joined with '\n', or NULL */
    Type *type;
    Attrs attrs;
    Span span; /* the whole declaration */
    bool optional;
    /* after sema */
    const Type *rtype;          /* the type with every TY_NAMED followed (never TY_NAMED) */
    const Attrs *effective;     /* the attributes of the named-type chain merged with the
                                   field's own, the field's own winning. Points at `attrs`
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
    /* sema bookkeeping for cycle detection: 0 unvisited, 1 in progress, 2 done */
    int visit;
    struct TypeDecl *next;
};

typedef enum { CMP_LT, CMP_LE, CMP_GT, CMP_GE, CMP_EQ } CmpOp;

typedef enum { RULE_ROW_COUNT, RULE_NULL_RATE, RULE_VALID_RATE, RULE_FRESHNESS, RULE_UNIQUE, RULE_SQL } RuleKind;

typedef struct QualityRule {
    RuleKind kind;
    CmpOp op;
    Name *fields;     /* null_rate/valid_rate/freshness: one field; unique: the list */
    Literal *sql;     /* RULE_SQL: the query */
    Literal *value;   /* threshold as written: number, percent text without '%', duration text */
    Span span;
    /* after sema */
    double threshold;        /* row_count/sql: the number; rates: fraction 0..1; freshness: seconds */
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

typedef struct Key {
    Name *fields;
    Span span;
    struct Key *next;
} Key;

typedef enum { UNKNOWN_REJECT, UNKNOWN_ALLOW } UnknownPolicy;

/* The order in which items were written, so that `dcc fmt` can keep it. */
typedef enum { DI_PRIMARY_KEY, DI_UNIQUE, DI_UNKNOWN_FIELDS, DI_FIELD, DI_QUALITY, DI_UPSTREAM } DatasetItemKind;
typedef struct DatasetItem {
    DatasetItemKind kind;
    void *item; /* Key*, Key*, NULL, Field*, QualityRule* (first rule; see quality_span), Upstream* */
    Span span;
    struct DatasetItem *next;
} DatasetItem;

struct Dataset {
    Name name;
    const char *doc;
    Span span;
    Key *primary_key;     /* at most one */
    Key *uniques;
    UnknownPolicy unknown_fields;
    Span unknown_fields_span;
    Field *fields;
    QualityRule *quality;
    Span quality_span;    /* the quality { } block, if any */
    Upstream *upstream;
    DatasetItem *items;
    Contract *owner;
    struct Dataset *next;
};

typedef enum { STATUS_DRAFT, STATUS_ACTIVE, STATUS_DEPRECATED, STATUS_RETIRED } Status;
typedef enum { COMPAT_NONE, COMPAT_BACKWARD, COMPAT_FORWARD, COMPAT_FULL } CompatMode;

typedef struct Link {
    Name name;
    Literal *url;
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

typedef enum { SLA_FRESHNESS, SLA_FREQUENCY, SLA_AVAILABILITY, SLA_LATENCY, SLA_RETENTION, SLA_SUPPORT, SLA_RESPONSE } SlaKind;

typedef struct SlaItem {
    SlaKind kind;
    Literal *value;  /* duration text ("1h"), percent text ("99.9"), string (support hours) */
    bool cron;       /* frequency given as `cron STRING` */
    Span span;
    double number;   /* after sema: seconds for durations, percent for availability */
    struct SlaItem *next;
} SlaItem;

/* The order of items in a contract body, for `dcc fmt`. */
typedef enum {
    CI_OWNER, CI_CONTACT, CI_DOMAIN, CI_STATUS, CI_TAGS, CI_LINK, CI_COMPATIBILITY, CI_SERVE,
    CI_SLA, CI_TYPE, CI_DATASET
} ContractItemKind;
typedef struct ContractItem {
    ContractItemKind kind;
    void *item; /* Link*, Serve*, TypeDecl*, Dataset*; NULL for single-valued items */
    Span span;
    struct ContractItem *next;
} ContractItem;

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
    Literal *tags;
    Link *links;
    CompatMode compatibility;
    bool compat_transitive;
    Name *compat_name;
    Serve *serves;
    SlaItem *sla;
    Span sla_span;
    bool has_sla;
    TypeDecl *types;
    Dataset *datasets;
    ContractItem *items;
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

/* Helpers for targets and passes (model.c). */
const char *model_type_kind_name(TypeKind k);     /* "int32", "decimal", "list", ... */
bool model_type_is_scalar(TypeKind k);             /* not list/map/struct/json */
bool model_type_is_numeric(TypeKind k);
bool model_type_is_temporal(TypeKind k);          /* date, time, timestamp, timestamptz */
/* Follows TY_NAMED to the underlying type (after sema; NULL-safe). */
const Type *model_type_resolve(const Type *t);
const char *model_status_name(Status s);
const char *model_compat_name(CompatMode c);
const char *model_classification_name(Classification c);
const char *model_cmp_name(CmpOp op);              /* "<", "<=", ... */

#endif
