/* dcc_rt.h - the dcc validation runtime: one engine that checks records against a data contract.
 *
 * Generated C validators, `dcc validate` and the tests all link this library (libdccrt.a) and
 * nothing else from dcc. A contract's dataset is described by plain const tables (dcc_dataset_desc,
 * dcc_field_desc) that generated code emits as static data and `dcc validate` builds at run time;
 * dcc_validator_new() checks and compiles them once, and dcc_stream_* validate JSON Lines or CSV
 * fed in chunks of any size. docs/validation.md describes the conventions and the rule codes.
 *
 * Threads: a dcc_validator is immutable after creation and may be shared by any number of
 * threads; a dcc_stream belongs to one thread at a time. The library has no global state. */
#ifndef DCC_RT_H
#define DCC_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---- rule codes ----------------------------------------------------------------------------- */

/* Every rule a record or a dataset can break, from runtime/dcc_rules.def (DV001..., DQ001...). */
typedef enum dcc_rule {
#define R(e, code, summary) e,
#include "dcc_rules.def"
#undef R
    DCC_RULE_COUNT /* number of rules; not a rule */
} dcc_rule;

/* "DV001" etc.; "" for a value outside the enum. Static strings. */
const char *dcc_rule_code(dcc_rule r);
/* The one-line summary of the rule from dcc_rules.def; "" for a value outside the enum. */
const char *dcc_rule_summary(dcc_rule r);

/* ---- descriptors ---------------------------------------------------------------------------- */

/* A compiled pattern, provided by runtime/dcc_regex.h (unanchored search semantics). */
typedef struct dcc_dfa dcc_dfa;

/* The kind of a field's value. */
typedef enum dcc_kind {
    DCC_BOOLEAN,
    DCC_INT8,
    DCC_INT16,
    DCC_INT32,
    DCC_INT64,
    DCC_FLOAT32,
    DCC_FLOAT64,
    DCC_DECIMAL,     /* precision, scale */
    DCC_STRING,      /* max_length */
    DCC_BYTES,       /* base64 text in JSON and CSV */
    DCC_DATE,        /* 2026-11-25 */
    DCC_TIME,        /* 13:45:00[.frac], no offset */
    DCC_TIMESTAMP,   /* 2026-11-25T13:45:00[.frac] then Z or +00:00 */
    DCC_TIMESTAMPTZ, /* 2026-11-25T14:45:00[.frac] then Z or +HH:MM / -HH:MM */
    DCC_UUID,        /* 8-4-4-4-12 hex digits, either case */
    DCC_JSON,        /* any JSON value */
    DCC_ENUM,        /* enum_values */
    DCC_LIST,        /* elem */
    DCC_MAP,         /* string keys; elem describes the values */
    DCC_STRUCT,      /* fields */
    DCC_KIND_COUNT   /* number of kinds; not a kind */
} dcc_kind;

/* The C representation of values for dcc_validate_struct (the "struct binding"):
 *   boolean: bool          int8..int64: int8_t..int64_t     float32: float    float64: double
 *   decimal, string, bytes (raw bytes, not base64), date, time, timestamp, timestamptz, uuid,
 *   json (JSON text), enum (the value's name): dcc_str
 *   list: dcc_list whose items point to an array of the element's C type (stride elem->c_size)
 *   map: dcc_map          struct: the nested C struct, embedded at c_offset
 * An optional field additionally has a `bool has_<name>` at c_has_offset: false means null. */
typedef struct dcc_str {
    const char *ptr; /* need not be NUL-terminated; NULL allowed when len is 0 */
    size_t len;      /* bytes */
} dcc_str;

/* A list value in the struct binding: `count` elements of the element's C type. */
typedef struct dcc_list {
    const void *items;
    size_t count;
} dcc_list;

/* A map value in the struct binding: keys[i] maps to element i of `values`. */
typedef struct dcc_map {
    const dcc_str *keys;
    const void *values; /* array of the value's C type, stride elem->c_size */
    size_t count;
} dcc_map;

typedef struct dcc_field_desc dcc_field_desc;

/* One field of a dataset or struct, or the element of a list / value of a map.
 * Zero means "not given" for every constraint member, so a table may name only what it uses.
 * Literal texts (range bounds, allowed values, defaults) are written exactly as in the contract:
 * numbers as digits ("12.50", "1e3"), temporal values in their own format ("2026-01-01"), strings
 * unescaped. dcc_validator_new() parses them once; the descriptor must outlive the validator. */
struct dcc_field_desc {
    const char *name; /* field name; NULL or "" for a list element or map value */
    dcc_kind kind;
    bool optional; /* may be absent or null; false: required (list elements: null not allowed) */

    /* type parameters */
    int precision, scale;            /* DCC_DECIMAL: decimal(precision, scale) */
    int64_t max_length;              /* DCC_STRING: string(N) -> N characters; 0 = unbounded */
    const char *const *enum_values;  /* DCC_ENUM: the value names */
    size_t nenum_values;
    const dcc_field_desc *elem;      /* DCC_LIST: the element; DCC_MAP: the value */
    const dcc_field_desc *fields;    /* DCC_STRUCT: the fields, in declaration order */
    size_t nfields;

    /* constraints */
    const char *range_lo, *range_hi; /* range: literal text of each bound; NULL = open side */
    bool range_lo_exclusive;         /* `(`: false (the default) is inclusive `[` */
    bool range_hi_exclusive;         /* `)` */
    bool has_length;                 /* length [length_min, length_max] given */
    int64_t length_min, length_max;  /* inclusive; -1 = open side. Characters (string), decoded
                                        bytes (bytes), items (list), entries (map) */
    const dcc_dfa *pattern;          /* DCC_STRING: searched, unanchored; NULL = none */
    const char *pattern_text;        /* the pattern as written, for messages (may be NULL) */
    const char *const *values;       /* values (...): allowed values as literal text */
    size_t nvalues;
    bool unique;                     /* top-level fields only: no two records share a value */
    const char *default_value;       /* literal text, or NULL: a field with a default may be absent */

    /* struct binding (dcc_validate_struct); ignored by the JSON and CSV paths */
    size_t c_offset;     /* offsetof the value in the enclosing C struct (0 for list elements) */
    size_t c_has_offset; /* optional fields: offsetof the `bool has_<name>` */
    size_t c_size;       /* sizeof the value's C type (the stride of a list / map value array) */
};

/* A key: top-level field indexes (into dcc_dataset_desc.fields). */
typedef struct dcc_key_desc {
    const size_t *fields;
    size_t nfields;
} dcc_key_desc;

typedef enum dcc_quality_kind {
    DCC_Q_ROW_COUNT,  /* records in the stream `op` threshold */
    DCC_Q_NULL_RATE,  /* share of records where the field is null or absent */
    DCC_Q_VALID_RATE, /* share of records whose value of the field meets every constraint */
    DCC_Q_FRESHNESS,  /* now - newest value of the field (seconds) `op` threshold */
    DCC_Q_UNIQUE      /* no two records share the values of the fields (op, threshold unused) */
} dcc_quality_kind;

typedef enum dcc_cmp_op { DCC_OP_LT, DCC_OP_LE, DCC_OP_GT, DCC_OP_GE, DCC_OP_EQ } dcc_cmp_op;

/* One quality rule. SQL rules are not evaluated by the runtime and have no descriptor. */
typedef struct dcc_quality_desc {
    dcc_quality_kind kind;
    dcc_cmp_op op;
    double threshold;     /* row_count: a count; rates: a fraction 0..1; freshness: seconds */
    const size_t *fields; /* top-level field indexes: one for rates and freshness, the key for unique */
    size_t nfields;
} dcc_quality_desc;

/* One dataset: the unit a stream validates. */
typedef struct dcc_dataset_desc {
    const char *name;
    const dcc_field_desc *fields; /* top-level fields, in declaration order */
    size_t nfields;
    const size_t *primary_key;    /* field indexes of the primary key; NULL/0: none */
    size_t nprimary_key;
    const dcc_key_desc *unique_keys; /* `unique (a, b)` keys of the dataset */
    size_t nunique_keys;
    bool allow_unknown_fields;    /* `unknown fields allow`; false (default) rejects them (DV003),
                                     in nested structs too */
    const dcc_quality_desc *quality;
    size_t nquality;
    size_t c_size;                /* sizeof the generated record struct (struct binding) */
} dcc_dataset_desc;

/* ---- values ------------------------------------------------------------------------------- */

typedef enum dcc_temporal_status {
    DCC_TEMPORAL_OK,     /* a valid value */
    DCC_TEMPORAL_FORMAT, /* not the shape of the kind (2026-1-5, 12:00 without seconds, ...) */
    DCC_TEMPORAL_RANGE   /* well formed, but no such date, time or offset (2026-02-30, 24:00:00) */
} dcc_temporal_status;

/* Reads text of kind k (DCC_DATE, DCC_TIME, DCC_TIMESTAMP, DCC_TIMESTAMPTZ) exactly as a validator
 * reads a value (docs/validation.md): *secs gets seconds since 1970-01-01T00:00:00Z (a date at
 * its midnight UTC, a time since midnight), *nanos the fraction. On failure *why gets a static
 * reason. Any out-pointer may be NULL. dcc itself checks contract literals with it, so a bound
 * or default that dcc accepts is one the validator reads the same way. */
dcc_temporal_status dcc_temporal_parse(dcc_kind k, const char *s, size_t n, int64_t *secs, int32_t *nanos,
                                       const char **why);

/* ---- validator ------------------------------------------------------------------------------ */

typedef struct dcc_validator dcc_validator;

/* Checks and compiles a descriptor: parses range bounds and allowed values into exact comparable
 * forms. Returns NULL on a bad descriptor (unparsable bound, index out of range, ...) or when out
 * of memory, and then sets *err (if err is not NULL) to a malloc'd message the caller frees. */
dcc_validator *dcc_validator_new(const dcc_dataset_desc *desc, char **err);
/* Frees a validator. Every stream made from it must be freed first. NULL is allowed. */
void dcc_validator_free(dcc_validator *v);

/* ---- streams -------------------------------------------------------------------------------- */

typedef enum dcc_format { DCC_FORMAT_JSONL, DCC_FORMAT_CSV } dcc_format;

/* One broken rule. Every pointer is valid only during the on_violation call. */
typedef struct dcc_violation {
    uint64_t record;        /* 1-based record number (blank lines and the CSV header not
                               counted); 0 for dataset-level (quality) and CSV header findings */
    uint64_t byte_offset;   /* offset in the stream of the record's first byte */
    const char *field_path; /* `items[3].qty`, `address.city`; "" for the whole record */
    dcc_rule rule;
    const char *message;    /* one line, English */
    const char *excerpt;    /* the offending text: escaped, at most ~40 bytes plus "...",
                               valid UTF-8; "" when there is none */
} dcc_violation;

/* Options of a stream. All-zero is a valid choice for every member (see each default). */
typedef struct dcc_stream_opts {
    dcc_format format;         /* DCC_FORMAT_JSONL (default) or DCC_FORMAT_CSV */
    char csv_delimiter;        /* 0: ',' */
    bool csv_no_header;        /* false (default): the first row names the columns; true: the
                                  columns are the top-level fields in declaration order */
    void (*on_violation)(void *userdata, const dcc_violation *v); /* NULL: only count */
    void *userdata;
    unsigned max_depth;        /* nesting limit of JSON values (DV019); 0: 64 */
    size_t max_record_bytes;   /* a longer record is DV001; 0: 64 MiB. Bounds stream memory */
    int64_t now;               /* Unix seconds for freshness rules; 0: the clock at finish */
    bool skip_quality;         /* do not evaluate quality rules at finish */
} dcc_stream_opts;

typedef struct dcc_stream dcc_stream;

/* Counters of a stream so far. */
typedef struct dcc_stream_stats {
    uint64_t records;    /* records validated (not blank lines, not the CSV header) */
    uint64_t valid;      /* records without any violation */
    uint64_t invalid;    /* records with at least one violation */
    uint64_t violations; /* all violations, record and dataset level */
} dcc_stream_stats;

/* Creates a stream over a validator. opts NULL means all defaults. NULL when out of memory. */
dcc_stream *dcc_stream_new(const dcc_validator *v, const dcc_stream_opts *opts);
/* Feeds the next n bytes of input. Records may span calls; any chunking gives the same
 * violations. Violations of completed records are reported before it returns.
 * Returns 0, or -1 when out of memory or called after dcc_stream_finish. */
int dcc_stream_feed(dcc_stream *s, const char *bytes, size_t n);
/* A sizing hint, optional: about `bytes` more input bytes will be fed (all inputs together).
 * Key sets (primary and unique keys) are then sized for the keys that much input holds, at the
 * rate seen in the first records, instead of growing step by step; results never depend on
 * it, only time and memory do. `dcc validate` gives the sizes of its input files. */
void dcc_stream_expect(dcc_stream *s, uint64_t bytes);
/* Starts the next input of the same dataset (another file): a last record without a final
 * newline is ended, record numbers and byte offsets restart at the new input, and in CSV mode a
 * new header row is expected. Keys, counters and quality rules span all inputs, and a declared
 * CSV column is reported missing (DV004, record 0) at finish only when no input's header had it.
 * Returns 0, or -1 as dcc_stream_feed. */
int dcc_stream_next_input(dcc_stream *s);
/* Validates one whole record (a JSON object, or one CSV row; in CSV mode with a header the first
 * call gives the header row). A final newline is allowed. Returns 0, or -1 as dcc_stream_feed. */
int dcc_validate_record(dcc_stream *s, const char *record, size_t n);
/* Validates one filled C record struct (the struct binding described at dcc_str) as one record.
 * Returns 0, or -1 as dcc_stream_feed. */
int dcc_validate_struct(dcc_stream *s, const void *record);
/* Ends the input: validates a last record without a final newline, then evaluates the quality
 * rules unless skip_quality. Further feeds fail. Returns 0, or -1 when out of memory. */
int dcc_stream_finish(dcc_stream *s);
/* Frees a stream. NULL is allowed. */
void dcc_stream_free(dcc_stream *s);

/* Violations of rule r so far (reported or not). */
uint64_t dcc_stream_count(const dcc_stream *s, dcc_rule r);
/* Fills *out with the counters so far. */
void dcc_stream_stats_get(const dcc_stream *s, dcc_stream_stats *out);

#ifdef __cplusplus
}
#endif

#endif
