/* dcc_rt.h - the dcc validation runtime: one engine that checks records against a data contract.
 *
 * Generated C validators, `dcc validate` and the tests all link this library (libdccrt.a or
 * libdccrt.so.0) and nothing else from dcc. A contract's dataset is described by plain const
 * tables (dcc_dataset_desc, dcc_field_desc) that generated code emits as static data and
 * `dcc validate` builds at run time; dcc_validator_new() checks and compiles them once, and
 * dcc_stream_* validate JSON Lines or CSV fed in chunks of any size. docs/validation.md describes
 * the conventions and the rule codes, docs/c-target.md the ABI promise of libdccrt.so.0.
 *
 * Threads: a dcc_validator is immutable after creation and may be shared by any number of
 * threads; a dcc_stream belongs to one thread at a time. The library has no global state. One
 * input is validated on several threads as partitions merged in order (dcc_stream_merge), which
 * gives exactly the single stream's report; docs/production.md shows how.
 *
 * ABI: the descriptor structs are compiled into programs, so they carry a version (the ABI tag,
 * first member of dcc_dataset_desc) and reserved members that later versions fill instead of
 * moving anything; the option and counter structs start with their size. Within libdccrt.so.0
 * nothing is removed or moved, enum values never change, and programs built against an older
 * header keep working (docs/c-target.md, "ABI"). The header compiles as C99 or later and as
 * C++11 or later. */
#ifndef DCC_RT_H
#define DCC_RT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* ---- versions -------------------------------------------------------------------------------- */

/* The version of the runtime this header belongs to, and as one number: major * 1000000 +
 * minor * 1000 + patch. dcc_rt_version() and dcc_rt_version_number() give those of the library
 * a program runs with, which may be newer. */
#define DCC_RT_VERSION "0.7.0"
#define DCC_RT_VERSION_NUMBER 7000

/* The descriptor ABI of this header. A runtime accepts descriptors of its own ABI and every older
 * one (ABI 1, libdccrt 0.1, had no tag), and refuses a newer or unknown one with a message. */
#define DCC_ABI_VERSION 6
/* The value of dcc_dataset_desc.abi: byte 0x7F, "dcc-abi ", DCC_ABI_VERSION in decimal. A dataset
 * name never starts with 0x7F, which tells a tagged descriptor from an ABI 1 one (whose first
 * member was its name). ABI 2 was libdccrt 0.2 and 0.3; ABI 3 (0.4) added
 * dcc_field_desc.c_absent_offset; ABI 4 (0.5) added the quality operators DCC_OP_BETWEEN and
 * DCC_OP_NOT_BETWEEN with dcc_quality_desc.threshold_hi, and the kinds DCC_Q_NULL_COUNT and
 * DCC_Q_INVALID_COUNT, so that a 0.4 library refuses such a descriptor by its tag, with a message
 * that names the library to link, instead of as a malformed rule. ABI 5 (0.6) added the kind
 * DCC_Q_DUPLICATE_COUNT; ABI 6 (0.7) the kinds DCC_Q_DUPLICATE_RATE, DCC_Q_MISSING_COUNT and
 * DCC_Q_MISSING_RATE with dcc_quality_desc.values, and DCC_Q_NOTIN_COUNT and DCC_Q_NOTIN_RATE with
 * dcc_quality_desc.values_null. */
#define DCC_ABI_TAG "\177dcc-abi 6"

/* Everything declared here is exported; the library hides all else (its symbol map, runtime/
 * libdccrt.map, lists the exports). */
#if defined(__GNUC__)
#define DCC_API __attribute__((visibility("default")))
#else
#define DCC_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* "0.2.0" etc.: the version of the library linked, a static string. */
DCC_API const char *dcc_rt_version(void);
/* The same as DCC_RT_VERSION_NUMBER counts it. */
DCC_API int dcc_rt_version_number(void);
/* The newest descriptor ABI the library accepts (DCC_ABI_VERSION of its own header). */
DCC_API int dcc_rt_abi_version(void);

/* ---- errors ---------------------------------------------------------------------------------- */

/* What the int-returning functions return: 0, or one of these negative values. A stream that
 * failed (out of memory) stays failed: every later call returns DCC_EFAILED, and
 * dcc_stream_error() tells the first cause. Values never change within libdccrt.so.0. */
typedef enum dcc_status {
    DCC_OK = 0,
    DCC_ENOMEM = -1,      /* out of memory (the only error libdccrt 0.1 reported, as -1) */
    DCC_EINVAL = -2,      /* a NULL stream, validator or data pointer, or an options struct
                             without its size */
    DCC_EFINISHED = -3,   /* the stream was finished: make a new one */
    DCC_EFAILED = -4,     /* an earlier call failed the stream; dcc_stream_error() says why */
    DCC_EREENTRANT = -5,  /* called from inside one of the stream's own callbacks */
    DCC_EVALIDATOR = -6,  /* the validator was not made from the descriptor a generated function
                             belongs to (another dataset's validator) */
    DCC_EVERSION = -7,    /* an options or callbacks struct from a newer header sets members this
                             library does not know */
    DCC_ESTOPPED = -8     /* (0.3) an on_record callback stopped the stream: it takes no more
                             input until dcc_stream_reset() */
} dcc_status;

/* A one-line English message for a dcc_status ("out of memory", ...); a static string, also for
 * values outside the enum. */
DCC_API const char *dcc_strerror(int status);

/* ---- rule codes ------------------------------------------------------------------------------ */

/* Every rule a record or a dataset can break, from runtime/dcc_rules.def (DV001..., DQ001...).
 * The values are fixed there. A newer library may report rules added after the header a program
 * was built with: values >= that header's DCC_RULE_COUNT (dcc_rule_code() names them). */
typedef enum dcc_rule {
#define R(e, value, code, summary) e = value,
#include "dcc_rules.def"
#undef R
    DCC_RULE_COUNT /* number of rules of this header; not a rule */
} dcc_rule;

/* "DV001" etc.; "" for a value outside the enum. Static strings. */
DCC_API const char *dcc_rule_code(dcc_rule r);
/* The one-line summary of the rule from dcc_rules.def; "" for a value outside the enum. */
DCC_API const char *dcc_rule_summary(dcc_rule r);

/* ---- descriptors ----------------------------------------------------------------------------- */

/* The kind of a field's value. The values are part of the ABI. */
typedef enum dcc_kind {
    DCC_BOOLEAN = 0,
    DCC_INT8 = 1,
    DCC_INT16 = 2,
    DCC_INT32 = 3,
    DCC_INT64 = 4,
    DCC_FLOAT32 = 5,
    DCC_FLOAT64 = 6,
    DCC_DECIMAL = 7,      /* precision, scale */
    DCC_STRING = 8,       /* max_length */
    DCC_BYTES = 9,        /* base64 text in JSON and CSV */
    DCC_DATE = 10,        /* 2026-11-25 */
    DCC_TIME = 11,        /* 13:45:00[.frac], no offset */
    DCC_TIMESTAMP = 12,   /* 2026-11-25T13:45:00[.frac] then Z or +00:00 */
    DCC_TIMESTAMPTZ = 13, /* 2026-11-25T14:45:00[.frac] then Z or +HH:MM / -HH:MM */
    DCC_UUID = 14,        /* 8-4-4-4-12 hex digits, either case */
    DCC_JSON = 15,        /* any JSON value */
    DCC_ENUM = 16,        /* enum_values */
    DCC_LIST = 17,        /* elem */
    DCC_MAP = 18,         /* string keys; elem describes the values */
    DCC_STRUCT = 19,      /* fields */
    DCC_KIND_COUNT        /* number of kinds; not a kind */
} dcc_kind;

/* A compiled pattern: a deterministic automaton over the bytes of UTF-8 text, searched unanchored
 * (runtime/dcc_regex.h has the searching functions and the meaning of the tables). */
typedef struct dcc_dfa {
    uint32_t nstates;
    uint16_t nclasses;          /* 1..256 */
    const uint8_t *byte_class;  /* [256]: class of each byte value */
    const uint32_t *trans;      /* [nstates * nclasses] */
    const uint8_t *accept;      /* [nstates]: DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END */
    uint32_t start;             /* state before the first byte */
    /* Room for later ABI versions: zero. */
    const void *reserved_ptr[2];
    int64_t reserved_int[2];
} dcc_dfa;

/* The C representation of values for dcc_validate_struct (the "struct binding"):
 *   boolean: bool          int8..int64: int8_t..int64_t     float32: float    float64: double
 *   decimal, string, bytes (raw bytes, not base64), date, time, timestamp, timestamptz, uuid,
 *   json (JSON text), enum (the value's name): dcc_str
 *   list: dcc_list whose items point to an array of the element's C type (stride elem->c_size),
 *         or a struct of the same layout, {const T *items; size_t count;} (the typed lists of
 *         generated code)
 *   map: dcc_map          struct: the nested C struct, embedded at c_offset
 * An optional field additionally has a `bool has_<name>` at c_has_offset: false means null.
 * Any field may have a `bool` at c_absent_offset (since 0.4) that says it is absent. */
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

    /* Room for later ABI versions (new constraints): zero. A descriptor of this ABI with any of
     * them set is refused. */
    const void *reserved_ptr[4];
    /* (ABI 3, libdccrt 0.4; was reserved_int[0]) struct binding: offsetof, in the enclosing C
     * struct, a `bool` that marks the field absent when true: the struct path then reads no
     * value and judges the field as a JSON record that leaves its key out (DV004 "required field
     * absent", nothing for an optional field or one with a default). 0: the field has no such
     * flag (so the flag cannot be the struct's first member; generated code puts the flags of
     * a struct's required fields in a member `dcc_absent` after the values). */
    int64_t c_absent_offset;
    int64_t reserved_int[3];
};

/* A key: top-level field indexes (into dcc_dataset_desc.fields). */
typedef struct dcc_key_desc {
    const size_t *fields;
    size_t nfields;
    const void *reserved_ptr[2]; /* zero */
    int64_t reserved_int[2];     /* zero */
} dcc_key_desc;

typedef enum dcc_quality_kind {
    DCC_Q_ROW_COUNT = 0,  /* records in the stream `op` threshold */
    DCC_Q_NULL_RATE = 1,  /* share of records where the field is null or absent */
    DCC_Q_VALID_RATE = 2, /* share of records whose value of the field meets every constraint */
    DCC_Q_FRESHNESS = 3,  /* now - newest value of the field `op` threshold */
    DCC_Q_UNIQUE = 4,     /* no two records share the values of the fields (op, threshold unused) */
    /* (0.5, ABI 4) the rates' measures as counts of records: where the field is null or absent, and
     * where its value breaks a constraint (records - those DCC_Q_VALID_RATE counts valid);
     * no unit. Reported as DCC_RULE_Q_NULL_RATE and DCC_RULE_Q_VALID_RATE (DQ002, DQ003). */
    DCC_Q_NULL_COUNT = 5,
    DCC_Q_INVALID_COUNT = 6,
    /* (0.6, ABI 5) the records whose values of the fields repeat an earlier record's (a record
     * with a null, absent or invalid part is not compared, as for DCC_Q_UNIQUE, whose measure
     * it is), compared with threshold; no unit. Counted in the same bounded key set as a unique
     * rule; reported as DCC_RULE_Q_UNIQUE (DQ005). */
    DCC_Q_DUPLICATE_COUNT = 7,
    /* (0.7, ABI 6) the records DCC_Q_DUPLICATE_COUNT counts as a share of all records, compared
     * with threshold in unit "%" (0% with no record); reported as DCC_RULE_Q_UNIQUE (DQ005). */
    DCC_Q_DUPLICATE_RATE = 8,
    /* (0.7, ABI 6) the records whose value of the field is null, absent or one of
     * dcc_quality_desc.values (compared as the field's kind: a number by value, a string or an
     * enum name as its text, a boolean as "true" / "false"), compared with threshold; no unit.
     * Reported as DCC_RULE_Q_NULL_RATE (DQ002). */
    DCC_Q_MISSING_COUNT = 9,
    /* (0.7, ABI 6) the same records as a share of all records, in unit "%" (0% with no record);
     * reported as DCC_RULE_Q_NULL_RATE (DQ002). */
    DCC_Q_MISSING_RATE = 10,
    /* (0.7, ABI 6) the records whose value of the field is not one of dcc_quality_desc.values
     * (compared as DCC_Q_MISSING_COUNT compares them); a null or absent value is valid only when
     * values_null is set. Compared with threshold; no unit. Reported as DCC_RULE_Q_VALID_RATE
     * (DQ003). */
    DCC_Q_NOTIN_COUNT = 11,
    /* (0.7, ABI 6) the same records as a share of all records, in unit "%" (0% with no record);
     * reported as DCC_RULE_Q_VALID_RATE (DQ003). */
    DCC_Q_NOTIN_RATE = 12
} dcc_quality_kind;

typedef enum dcc_cmp_op {
    DCC_OP_LT = 0,
    DCC_OP_LE = 1,
    DCC_OP_GT = 2,
    DCC_OP_GE = 3,
    DCC_OP_EQ = 4,
    DCC_OP_NE = 5,        /* (0.3) */
    /* (0.5, ABI 4) threshold <= measure <= threshold_hi, and its negation: both bounds inclusive, as
     * ODCS's mustBeBetween / mustNotBeBetween. A library before these refuses the descriptor
     * ("bad kind or operator", or threshold_hi as a reserved member that is set). */
    DCC_OP_BETWEEN = 6,
    DCC_OP_NOT_BETWEEN = 7
} dcc_cmp_op;

/* One quality rule. SQL rules are not evaluated by the runtime and have no descriptor.
 * The threshold is the contract's literal as written and is compared exactly, in integers: a
 * rate c of n records meets `>= 99.9` when c * 1000 >= 999 * n, never through a double. */
typedef struct dcc_quality_desc {
    dcc_quality_kind kind;
    dcc_cmp_op op;
    const char *threshold; /* decimal digits as written: "1000", "99.9", "1" (NULL for unique) */
    const char *unit;      /* row_count: NULL or ""; null_rate, valid_rate: "%"; freshness: "ms",
                              "s", "m", "h", "d", "w" or "y" (a year is 365 days) */
    const size_t *fields;  /* top-level field indexes: one for rates and freshness, the key for
                              unique */
    size_t nfields;
    /* (0.5, ABI 4; was reserved_ptr[0]) DCC_OP_BETWEEN, DCC_OP_NOT_BETWEEN: the high bound, digits as
     * written in the rule's unit as threshold is (threshold is the low one); NULL for every
     * other operator. */
    const char *threshold_hi;
    /* (0.7, ABI 6; was reserved_ptr[0]) DCC_Q_MISSING_COUNT, DCC_Q_MISSING_RATE: the values that
     * count as missing besides null and absent, as text (a number's digits as written, "true",
     * "false"), ended by NULL; DCC_Q_NOTIN_COUNT, DCC_Q_NOTIN_RATE: the valid values, likewise
     * (an empty list when only null is valid); NULL for every other kind. */
    const char *const *values;
    /* (0.7, ABI 6; was reserved_int[0]) DCC_Q_NOTIN_COUNT, DCC_Q_NOTIN_RATE: nonzero when a null or
     * absent value is valid (the list held null, which a NULL-ended list cannot); zero for every
     * other kind. */
    int64_t values_null;
    int64_t reserved_int[1];     /* zero */
} dcc_quality_desc;

/* One dataset: the unit a stream validates. */
typedef struct dcc_dataset_desc {
    const char *abi;              /* DCC_ABI_TAG: must come first (see there) */
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
    const void *reserved_ptr[4];  /* zero */
    int64_t reserved_int[4];      /* zero */
} dcc_dataset_desc;

/* ---- values ---------------------------------------------------------------------------------- */

typedef enum dcc_temporal_status {
    DCC_TEMPORAL_OK = 0,     /* a valid value */
    DCC_TEMPORAL_FORMAT = 1, /* not the shape of the kind (2026-1-5, 12:00 without seconds, ...) */
    DCC_TEMPORAL_RANGE = 2   /* well formed, but no such date, time or offset (2026-02-30, 24:00:00) */
} dcc_temporal_status;

/* Reads text of kind k (DCC_DATE, DCC_TIME, DCC_TIMESTAMP, DCC_TIMESTAMPTZ) exactly as a validator
 * reads a value (docs/validation.md): *secs gets seconds since 1970-01-01T00:00:00Z (a date at
 * its midnight UTC, a time since midnight), *nanos the fraction. On failure *why gets a static
 * reason. Any out-pointer may be NULL. dcc itself checks contract literals with it, so a bound
 * or default that dcc accepts is one the validator reads the same way. */
DCC_API dcc_temporal_status dcc_temporal_parse(dcc_kind k, const char *s, size_t n, int64_t *secs,
                                               int32_t *nanos, const char **why);

/* (0.3) Text of values for the struct binding, from numbers: each writes into buf (at least
 * DCC_TEXT_MAX bytes, NUL-terminated) and returns a dcc_str over it, to put in a record struct
 * (buf must live as long as the struct is used). Out of range (a year outside 0000..9999, nanos
 * outside 0..999999999, scale outside 0..38): an empty text, which the validator reports.
 *   dcc_decimal_text(buf, 1250, 2)      "12.50"  (unscaled value and scale, as decimal(p, s))
 *   dcc_date_text(buf, 20417)           "2025-11-25" (days since 1970-01-01)
 *   dcc_time_text(buf, 49500, 0)        "13:45:00" (seconds since midnight, nanoseconds)
 *   dcc_timestamp_text(buf, s, ns)      "2026-11-25T13:45:00Z", ".5" etc. when ns (Unix time;
 *                                       also right for timestamptz) */
#define DCC_TEXT_MAX 48
DCC_API dcc_str dcc_decimal_text(char *buf, int64_t unscaled, int scale);
DCC_API dcc_str dcc_date_text(char *buf, int64_t days);
DCC_API dcc_str dcc_time_text(char *buf, int64_t secs_of_day, int32_t nanos);
DCC_API dcc_str dcc_timestamp_text(char *buf, int64_t secs, int32_t nanos);

/* ---- validator ------------------------------------------------------------------------------- */

typedef struct dcc_validator dcc_validator;

/* Checks and compiles a descriptor: parses range bounds, allowed values and thresholds into exact
 * comparable forms. Returns NULL on a bad descriptor (unparsable bound, index out of range, a
 * newer or unknown ABI tag, ...) or when out of memory, and then, if err is not NULL, always sets
 * *err to a message to free with dcc_error_free() (out of memory: a static message, which
 * dcc_error_free() knows). */
DCC_API dcc_validator *dcc_validator_new(const dcc_dataset_desc *desc, char **err);
/* Frees a message of dcc_validator_new(). NULL is allowed. */
DCC_API void dcc_error_free(char *err);
/* Frees a validator. Every stream made from it must be freed first. NULL is allowed. */
DCC_API void dcc_validator_free(dcc_validator *v);
/* The descriptor v was made from (the pointer given to dcc_validator_new); NULL for NULL. */
DCC_API const dcc_dataset_desc *dcc_validator_desc(const dcc_validator *v);

/* ---- streams --------------------------------------------------------------------------------- */

typedef enum dcc_format { DCC_FORMAT_JSONL = 0, DCC_FORMAT_CSV = 1 } dcc_format;

/* One broken rule. Every pointer is valid only during the on_violation call. Later versions may
 * add members at the end only. */
typedef struct dcc_violation {
    uint64_t record;        /* 1-based record number (blank lines and the CSV header not
                               counted); 0 for dataset-level (quality) and CSV header findings */
    uint64_t byte_offset;   /* offset in the stream of the record's first byte */
    const char *field_path; /* `items[3].qty`, `address.city`; "" for the whole record */
    dcc_rule rule;
    const char *message;    /* one line, English */
    const char *excerpt;    /* the offending text: escaped, at most ~40 bytes plus "...",
                               valid UTF-8; "" when there is none */
    uint64_t line;          /* 1-based physical line of the input where the record (or the CSV
                               header) starts: LF, CR and CRLF end lines, blank lines, the
                               header and line ends inside quoted CSV cells count; 0 for
                               dataset-level findings. Since 0.3 */
    /* (0.4) DV017 and DV018: where the key was first seen (with DCC_KEYS_WINDOW, the earliest
     * record of the windows that has it): that record's number and line, as `record` and `line`
     * count them, and its input (0 the first, n after n calls of dcc_stream_next_input). The
     * message says the same in words. first_record is 0 for every other rule. */
    uint64_t first_record;
    uint64_t first_line;
    uint32_t first_input;
} dcc_violation;

/* A violation copied out of a callback, owned by the caller (dcc_violation_copy): the same
 * members, its texts in the same allocation. Free it with dcc_violation_free. */
DCC_API dcc_violation *dcc_violation_copy(const dcc_violation *v);
DCC_API void dcc_violation_free(dcc_violation *v);

/* (0.3) The outcome of one record, given to on_record once the record's violations have been
 * given to on_violation. Later versions may add members at the end only. */
typedef struct dcc_record_outcome {
    uint32_t size;          /* sizeof(dcc_record_outcome) of the library */
    uint64_t record;        /* its record number, as in dcc_violation */
    uint64_t byte_offset;   /* offset in the stream of its first byte (0 for structs) */
    uint64_t length;        /* its bytes, its line end not counted (0 for structs) */
    bool valid;             /* no violation (but see "partitions" at dcc_stream_merge) */
    uint32_t violations;    /* its violations, all counted */
    uint32_t reported;      /* of them given to on_violation: at most 32 a record */
    bool dropped;           /* violations > reported: the others were only counted */
} dcc_record_outcome;

/* What a stream calls back. It starts with its size, so that later versions can add callbacks at
 * its end and a program built against an older header keeps working. A callback must not call
 * the stream that called it: such calls return DCC_EREENTRANT and change nothing
 * (dcc_stream_expect and dcc_stream_free do nothing); it may read the stream's counters and
 * error. */
typedef struct dcc_callbacks {
    uint32_t size;   /* sizeof(dcc_callbacks) as the program was compiled: DCC_CALLBACKS_INIT */
    void *userdata;  /* passed to every callback */
    void (*on_violation)(void *userdata, const dcc_violation *v); /* NULL: only count */
    /* (0.3) After each record (not the CSV header). Return 0 to go on; any other value stops the
     * stream after this record: the call that validated it returns DCC_ESTOPPED without reading
     * further, no quality rule is evaluated, and every later call but dcc_stream_reset and
     * dcc_stream_free returns DCC_ESTOPPED. NULL: no outcome. */
    int (*on_record)(void *userdata, const dcc_record_outcome *r);
} dcc_callbacks;
#define DCC_CALLBACKS_INIT {sizeof(dcc_callbacks), NULL, NULL, NULL}

/* Options of a stream. Start from DCC_STREAM_OPTS_INIT (or zero it and set size): every other
 * member's zero is a valid choice (see each default). The library reads `size` bytes, so a larger
 * struct from a newer header is accepted when what this library does not know of it is zero
 * (else DCC_EVERSION), and size 0 is refused (DCC_EINVAL). */
typedef struct dcc_stream_opts {
    uint32_t size;             /* sizeof(dcc_stream_opts) as the program was compiled */
    dcc_format format;         /* DCC_FORMAT_JSONL (default) or DCC_FORMAT_CSV */
    char csv_delimiter;        /* 0: ',' */
    bool csv_no_header;        /* false (default): the first row names the columns; true: the
                                  columns are the top-level fields in declaration order */
    bool skip_quality;         /* do not evaluate quality rules at finish */
    bool has_now;              /* true: freshness rules measure against now + now_nanos (any
                                  instant, 1970-01-01T00:00:00Z included); false: the clock at
                                  finish */
    unsigned max_depth;        /* nesting limit of JSON values and structs (DV019); 0: 64 */
    size_t max_record_bytes;   /* a longer record is DV001, fed or given to dcc_validate_record
                                  (structs have no bytes to count); 0: 64 MiB. Bounds memory */
    int64_t now;               /* Unix seconds, when has_now */
    int32_t now_nanos;         /* and nanoseconds, 0..999999999 */
    const dcc_callbacks *callbacks; /* copied by dcc_stream_open; NULL: none */
    /* (0.3) How primary and unique keys (and `unique` quality rules) are checked:
     * DCC_KEYS_ALL (default) over the whole stream, its memory growing with the distinct keys;
     * DCC_KEYS_WINDOW against the keys of at least the last key_window records (and at most
     * twice as many), memory bounded, for unbounded streams; DCC_KEYS_OFF not at all (nor the
     * `unique` quality rules), for streams whose keys another system checks. */
    int keys;
    uint64_t key_window;       /* DCC_KEYS_WINDOW: records (0: 1000000) */
    /* (0.3) This stream validates one partition of a dataset: it also keeps its first-seen keys
     * and its quality counts for dcc_stream_merge, and its finish evaluates no quality rule. */
    bool partition;
} dcc_stream_opts;
#define DCC_KEYS_ALL 0
#define DCC_KEYS_WINDOW 1
#define DCC_KEYS_OFF 2
#define DCC_STREAM_OPTS_INIT \
    {sizeof(dcc_stream_opts), DCC_FORMAT_JSONL, 0, false, false, false, 0, 0, 0, 0, NULL, \
     DCC_KEYS_ALL, 0, false}

typedef struct dcc_stream dcc_stream;

/* Counters of a stream so far. Set size (DCC_STREAM_STATS_INIT) before dcc_stream_get_stats.
 * They are exact whenever dcc_stream_feed or dcc_stream_finish has returned. Inside an
 * on_violation call they may be ahead: (0.6) a JSON Lines stream with one key and no on_record
 * callback adds a key to its set up to 64 records after its record (docs/validation.md, Speed),
 * so a duplicate is given to on_violation, in its record's place among the violations, after
 * those later records, which had none, were counted. */
typedef struct dcc_stream_stats {
    uint32_t size;       /* sizeof(dcc_stream_stats) as the program was compiled */
    uint64_t records;    /* records validated (not blank lines, not the CSV header) */
    uint64_t valid;      /* records without any violation */
    uint64_t invalid;    /* records with at least one violation */
    uint64_t violations; /* all violations, record and dataset level */
} dcc_stream_stats;
#define DCC_STREAM_STATS_INIT {sizeof(dcc_stream_stats), 0, 0, 0, 0}

/* Creates a stream over a validator; opts NULL means all defaults. Returns 0 and sets *out, or a
 * dcc_status (DCC_ENOMEM, DCC_EINVAL, DCC_EVERSION) and sets *out to NULL. */
DCC_API int dcc_stream_open(const dcc_validator *v, const dcc_stream_opts *opts, dcc_stream **out);
/* dcc_stream_open for generated code: DCC_EVALIDATOR unless v was made from desc, and the input
 * is read as `format` whatever opts->format says. */
DCC_API int dcc_stream_open_for(const dcc_validator *v, const dcc_dataset_desc *desc,
                                dcc_format format, const dcc_stream_opts *opts, dcc_stream **out);
/* Feeds the next n bytes of input. Records may span calls; any chunking gives the same
 * violations. Violations of completed records are reported before it returns.
 * Returns 0 or a dcc_status. */
DCC_API int dcc_stream_feed(dcc_stream *s, const char *bytes, size_t n);
/* A sizing hint, optional: about `bytes` more input bytes will be fed (all inputs together).
 * Key sets (primary and unique keys) are then sized for the keys that much input holds, at the
 * rate seen in the first records, instead of growing step by step; results never depend on
 * it, only time and memory do. A hint implying more than 2^24 keys for a set is ignored (the
 * reservation would be taken at once). `dcc validate` gives the sizes of its input files. */
DCC_API void dcc_stream_expect(dcc_stream *s, uint64_t bytes);
/* Starts the next input of the same dataset (another file): a last record without a final
 * newline is ended, record numbers and byte offsets restart at the new input, and in CSV mode a
 * new header row is expected. Keys, counters and quality rules span all inputs, and a declared
 * CSV column is reported missing (DV004, record 0) at finish only when no input's header had it.
 * Returns 0 or a dcc_status. */
DCC_API int dcc_stream_next_input(dcc_stream *s);
/* (0.4) Names the current input (a file name; copied), for the findings of a later input that
 * point back into it: a key first seen there is "already seen at NAME:LINE". Without a name such
 * a finding says "at line LINE of input N" (N counting inputs from 1); a key first seen in the
 * same input is "already seen at line LINE". Returns 0 or a dcc_status. */
DCC_API int dcc_stream_name_input(dcc_stream *s, const char *name);
/* Validates one whole record (a JSON object, or one CSV row; in CSV mode with a header the first
 * call gives the header row). A final newline is allowed; a record longer than max_record_bytes
 * is DV001 without being read. Returns 0 or a dcc_status. */
DCC_API int dcc_validate_record(dcc_stream *s, const char *record, size_t n);
/* Validates one filled C record struct (the struct binding described at dcc_str) as one record.
 * Returns 0 or a dcc_status. */
DCC_API int dcc_validate_struct(dcc_stream *s, const void *record);
/* Ends the input: validates a last record without a final newline, then evaluates the quality
 * rules unless skip_quality. Later feeds return DCC_EFINISHED. Returns 0 or a dcc_status. */
DCC_API int dcc_stream_finish(dcc_stream *s);
/* Frees a stream. NULL is allowed; from inside the stream's own callback it does nothing (free
 * it after the call that called back returns). */
DCC_API void dcc_stream_free(dcc_stream *s);
/* The error that failed the stream (DCC_ENOMEM), or 0 while it has not failed; DCC_EINVAL for
 * NULL. */
DCC_API int dcc_stream_error(const dcc_stream *s);

/* (0.3) Makes s as it was when opened, with the same options: the open record is dropped, and
 * keys, counters, quality counts, CSV header, record numbers and offsets start again (the memory
 * of key sets is freed); a stream that failed, was finished or stopped takes input again.
 * Returns 0 or a dcc_status (DCC_EREENTRANT from a callback). */
DCC_API int dcc_stream_reset(dcc_stream *s);
/* (0.3) Numbers the next record next_record (>= 1) and places its first byte at stream offset
 * next_offset, for consumers of logs that number their messages (a Kafka offset o is record
 * o + 1) and for partitions of one input (dcc_stream_merge). Only between records: DCC_EINVAL
 * while a record is open (fed without its line end) or for next_record 0. Returns 0 or a
 * dcc_status. */
DCC_API int dcc_stream_set_position(dcc_stream *s, uint64_t next_record, uint64_t next_offset);
/* (0.4) Places the next record on line next_line (>= 1) of the input, so that a partition of one
 * input (below) reports the lines of the whole, which violations and the places where keys were
 * first seen carry; lines otherwise count from the stream's own first byte. Only between
 * records (DCC_EINVAL while a record is open, or for 0). Returns 0 or a dcc_status. */
DCC_API int dcc_stream_set_line(dcc_stream *s, uint64_t next_line);
/* (0.3) Partitions: an input split at record boundaries into consecutive parts, each validated
 * by its own stream opened with opts.partition (on any thread; dcc_stream_set_position numbers
 * its records as in the whole), gives the single stream's report when the parts are merged in
 * order into a stream `into` of the same validator that was opened without opts.partition (it
 * may have validated the first part itself):
 *     dcc_stream_merge(into, part_1); ... dcc_stream_merge(into, part_n); dcc_stream_finish(into)
 * Each part reports its records as a single stream would, except for duplicate keys (primary,
 * unique): whether an earlier part had the key first, and where (dcc_violation.first_record),
 * only the merge knows, so it finds them all and gives them to into's on_violation, numbered
 * as in the part (so a record's violations are those of its part, then those of the merge, in
 * the single stream's order). dcc_stream_set_line gives a part the lines of the whole. into's counters and quality rules then cover every
 * part, as if it had read the whole. `part` must be finished, of the same validator, and hold
 * records after those merged so far (else DCC_EINVAL; a part that failed: DCC_EFAILED); it is
 * left as it was (free it after).
 * Returns 0 or a dcc_status. */
DCC_API int dcc_stream_merge(dcc_stream *into, const dcc_stream *part);
/* (0.4) Partitions of CSV with a header row: gives s the header row of the input it validates a
 * part of, [row, row+n) (a line end after it and a byte order mark before it are allowed), so
 * that its rows' cells are read as the columns that row names; the row is not input: nothing
 * about it is reported or counted, and offsets and record numbers stay where they are. The part
 * that starts the input reads the header as its first row and reports what is wrong with it, as
 * a single stream would; every other part is given the header with this, then numbered with
 * dcc_stream_set_position and fed its rows. Only before the stream's first row, in CSV mode with
 * a header (else DCC_EINVAL, as for a row longer than max_record_bytes or one holding a line end
 * outside quotes). Returns 0 or a dcc_status. */
DCC_API int dcc_stream_csv_header(dcc_stream *s, const char *row, size_t n);

/* Violations of rule r so far (reported or not); 0 for NULL. */
DCC_API uint64_t dcc_stream_count(const dcc_stream *s, dcc_rule r);
/* Fills *out (whose size member says how much the caller has room for) with the counters so
 * far. Returns 0, or DCC_EINVAL for a NULL out or an out without its size (for a NULL stream the
 * counters are zero). */
DCC_API int dcc_stream_get_stats(const dcc_stream *s, dcc_stream_stats *out);

#ifdef __cplusplus
}
#endif

#endif
