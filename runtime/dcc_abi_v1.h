/* dcc_abi_v1.h - the structs of libdccrt 0.1 (descriptor ABI 1), exactly as programs built then
 * lay them out, and the two entry points whose structs changed since.
 *
 * Programs and generated code compiled against the 0.1 header still pass these to
 * libdccrt.so.0: dcc_validator_new() recognises an ABI 1 descriptor (its first member is the
 * dataset's name, never DCC_ABI_TAG) and converts it (abi.c); dcc_stream_new() and
 * dcc_stream_stats_get() keep their 0.1 meaning under their 0.1 names, which the library still
 * exports but the public header no longer declares. For an ABI 1 descriptor, dcc_validator_new
 * leaves *err NULL when even its message cannot be allocated, as 0.1 did: its callers free() the
 * message, so they must never get the static one. Nothing here may change. */
#ifndef DCC_ABI_V1_H
#define DCC_ABI_V1_H

#include "dcc_rt.h"

typedef struct dcc_v1_dfa {
    uint32_t nstates;
    uint16_t nclasses;
    const uint8_t *byte_class;
    const uint32_t *trans;
    const uint8_t *accept;
    uint32_t start;
} dcc_v1_dfa;

typedef struct dcc_v1_field_desc dcc_v1_field_desc;
struct dcc_v1_field_desc {
    const char *name;
    dcc_kind kind;
    bool optional;
    int precision, scale;
    int64_t max_length;
    const char *const *enum_values;
    size_t nenum_values;
    const dcc_v1_field_desc *elem;
    const dcc_v1_field_desc *fields;
    size_t nfields;
    const char *range_lo, *range_hi;
    bool range_lo_exclusive;
    bool range_hi_exclusive;
    bool has_length;
    int64_t length_min, length_max;
    const dcc_v1_dfa *pattern;
    const char *pattern_text;
    const char *const *values;
    size_t nvalues;
    bool unique;
    const char *default_value;
    size_t c_offset;
    size_t c_has_offset;
    size_t c_size;
};

typedef struct dcc_v1_key_desc {
    const size_t *fields;
    size_t nfields;
} dcc_v1_key_desc;

/* The threshold was a double: row_count a count, rates a fraction 0..1, freshness seconds. */
typedef struct dcc_v1_quality_desc {
    dcc_quality_kind kind;
    dcc_cmp_op op;
    double threshold;
    const size_t *fields;
    size_t nfields;
} dcc_v1_quality_desc;

typedef struct dcc_v1_dataset_desc {
    const char *name;
    const dcc_v1_field_desc *fields;
    size_t nfields;
    const size_t *primary_key;
    size_t nprimary_key;
    const dcc_v1_key_desc *unique_keys;
    size_t nunique_keys;
    bool allow_unknown_fields;
    const dcc_v1_quality_desc *quality;
    size_t nquality;
    size_t c_size;
} dcc_v1_dataset_desc;

/* now 0 meant "the clock at finish". */
typedef struct dcc_v1_stream_opts {
    dcc_format format;
    char csv_delimiter;
    bool csv_no_header;
    void (*on_violation)(void *userdata, const dcc_violation *v);
    void *userdata;
    unsigned max_depth;
    size_t max_record_bytes;
    int64_t now;
    bool skip_quality;
} dcc_v1_stream_opts;

typedef struct dcc_v1_stream_stats {
    uint64_t records;
    uint64_t valid;
    uint64_t invalid;
    uint64_t violations;
} dcc_v1_stream_stats;

/* The 0.1 entry points (exported for programs built then; not in the public header). A stream
 * made by dcc_stream_new returns -1 for every error, as 0.1 documented. */
DCC_API dcc_stream *dcc_stream_new(const dcc_validator *v, const dcc_v1_stream_opts *opts);
DCC_API void dcc_stream_stats_get(const dcc_stream *s, dcc_v1_stream_stats *out);

#endif
