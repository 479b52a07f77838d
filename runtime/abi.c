/* abi.c - what keeps libdccrt.so.0 binary compatible: versions, error messages, the descriptor
 * ABI tag, ABI 1 (libdccrt 0.1) descriptors converted to this ABI's form, the size-prefixed
 * option structs read, and the 0.1 entry points whose structs changed (docs/c-target.md, "ABI"). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcc_abi_v1.h"
#include "dcc_rt_internal.h"

/* ---- versions and errors ------------------------------------------------------------------- */

const char *dcc_rt_version(void) { return DCC_RT_VERSION; }
int dcc_rt_version_number(void) { return DCC_RT_VERSION_NUMBER; }
int dcc_rt_abi_version(void) { return DCC_ABI_VERSION; }

const char *dcc_strerror(int status)
{
    switch (status) {
    case DCC_OK: return "no error";
    case DCC_ENOMEM: return "out of memory";
    case DCC_EINVAL: return "invalid argument (a NULL pointer, or an options struct without its size)";
    case DCC_EFINISHED: return "the stream is finished";
    case DCC_EFAILED: return "the stream failed earlier and cannot go on";
    case DCC_EREENTRANT: return "called from inside the stream's own callback";
    case DCC_EVALIDATOR: return "the validator belongs to another dataset";
    case DCC_EVERSION: return "the options set members this version of libdccrt does not know";
    case DCC_ESTOPPED: return "stopped by the on_record callback";
    default: return "unknown error";
    }
}

/* ---- the ABI tag ---------------------------------------------------------------------------- */

int rt_abi_of(const dcc_dataset_desc *ds, char *why, size_t cap)
{
    /* Both layouts start with a `const char *`: the tag now, the dataset's name in ABI 1. Read
     * as bytes, since an ABI 1 descriptor is not a dcc_dataset_desc. */
    const char *first;
    memcpy(&first, ds, sizeof first);
    static const char prefix[] = "\177dcc-abi ";
    if (!first) {
        snprintf(why, cap, "the descriptor has no ABI tag: its first member must be DCC_ABI_TAG "
                           "(generated code from an older dcc compiled against a newer "
                           "dcc_rt.h? generate it again)");
        return 0;
    }
    if ((unsigned char)first[0] != 0x7F)
        return 1;
    size_t i = 0;
    while (prefix[i] && first[i] == prefix[i]) /* stops at the first difference, NUL included */
        i++;
    int version = 0, digits = 0;
    if (!prefix[i])
        for (; first[i] >= '0' && first[i] <= '9' && digits < 9; i++, digits++)
            version = version * 10 + (first[i] - '0');
    if (digits == 0 || first[i] != '\0' || version < 2) {
        char tag[RT_EXCERPT_MAX];
        rt_excerpt(tag, first, strlen(first));
        snprintf(why, cap, "the descriptor's ABI tag \"%s\" is not one libdccrt %s knows", tag,
                 DCC_RT_VERSION);
        return 0;
    }
    if (version > DCC_ABI_VERSION) {
        snprintf(why, cap, "the descriptor is for descriptor ABI %d, newer than ABI %d of libdccrt "
                           "%s: link the libdccrt of the dcc that generated it", version,
                 DCC_ABI_VERSION, DCC_RT_VERSION);
        return 0;
    }
    return version;
}

/* ---- ABI 1 descriptors ---------------------------------------------------------------------- */

typedef struct {
    dcc_validator *v;
    const char *why;
} Conv;

static const dcc_dfa *conv_dfa(Conv *c, const dcc_v1_dfa *d)
{
    if (!d)
        return NULL;
    dcc_dfa *n = rt_valloc(c->v, sizeof *n);
    if (!n)
        return NULL;
    n->nstates = d->nstates;
    n->nclasses = d->nclasses;
    n->byte_class = d->byte_class;
    n->trans = d->trans;
    n->accept = d->accept;
    n->start = d->start;
    return n;
}

static bool conv_fields(Conv *c, dcc_field_desc *out, const dcc_v1_field_desc *in, size_t n,
                        int depth);

static bool conv_field(Conv *c, dcc_field_desc *o, const dcc_v1_field_desc *f, int depth)
{
    /* compile_field refuses more than 64 levels; deeper ABI 1 tables (a cycle) stop here */
    if (depth > 66) {
        c->why = "descriptor nested deeper than 64 levels (a cycle?)";
        return false;
    }
    o->name = f->name;
    o->kind = f->kind;
    o->optional = f->optional;
    o->precision = f->precision;
    o->scale = f->scale;
    o->max_length = f->max_length;
    o->enum_values = f->enum_values;
    o->nenum_values = f->nenum_values;
    o->range_lo = f->range_lo;
    o->range_hi = f->range_hi;
    o->range_lo_exclusive = f->range_lo_exclusive;
    o->range_hi_exclusive = f->range_hi_exclusive;
    o->has_length = f->has_length;
    o->length_min = f->length_min;
    o->length_max = f->length_max;
    o->pattern_text = f->pattern_text;
    o->values = f->values;
    o->nvalues = f->nvalues;
    o->unique = f->unique;
    o->default_value = f->default_value;
    o->c_offset = f->c_offset;
    o->c_has_offset = f->c_has_offset;
    o->c_size = f->c_size;
    if (f->pattern && !(o->pattern = conv_dfa(c, f->pattern)))
        return false;
    if (f->elem) {
        dcc_field_desc *e = rt_valloc(c->v, sizeof *e);
        if (!e || !conv_field(c, e, f->elem, depth + 1))
            return false;
        o->elem = e;
    }
    o->nfields = f->nfields;
    if (f->fields) {
        dcc_field_desc *fs = rt_valloc(c->v, (f->nfields ? f->nfields : 1) * sizeof *fs);
        if (!fs || !conv_fields(c, fs, f->fields, f->nfields, depth + 1))
            return false;
        o->fields = fs;
    }
    return true;
}

static bool conv_fields(Conv *c, dcc_field_desc *out, const dcc_v1_field_desc *in, size_t n,
                        int depth)
{
    for (size_t i = 0; i < n; i++)
        if (!conv_field(c, &out[i], &in[i], depth))
            return false;
    return true;
}

/* An ABI 1 threshold (a double) as the decimal it was printed from: 15 significant digits hold
 * every literal a contract can write (dcc printed them with %.17g from the literal's double), and
 * a rate, stored as a fraction, is given back in percent. */
static const char *conv_threshold(Conv *c, const dcc_v1_quality_desc *q, const char **unit)
{
    double x = q->threshold;
    *unit = "";
    if (q->kind == DCC_Q_NULL_RATE || q->kind == DCC_Q_VALID_RATE) {
        x *= 100;
        *unit = "%";
    } else if (q->kind == DCC_Q_FRESHNESS) {
        *unit = "s";
    } else if (q->kind != DCC_Q_ROW_COUNT) {
        return NULL;
    }
    char *t = rt_valloc(c->v, 40);
    if (t)
        snprintf(t, 40, "%.15g", x);
    return t;
}

const dcc_dataset_desc *rt_abi1_convert(dcc_validator *v, const void *desc, const char **why)
{
    const dcc_v1_dataset_desc *d = desc;
    Conv c = {v, NULL};
    *why = NULL;
    dcc_dataset_desc *n = rt_valloc(v, sizeof *n);
    if (!n)
        return NULL;
    n->abi = DCC_ABI_TAG;
    n->name = d->name;
    n->nfields = d->nfields;
    n->primary_key = d->primary_key;
    n->nprimary_key = d->nprimary_key;
    n->allow_unknown_fields = d->allow_unknown_fields;
    n->c_size = d->c_size;
    if (d->fields) {
        dcc_field_desc *fs = rt_valloc(v, (d->nfields ? d->nfields : 1) * sizeof *fs);
        if (!fs || !conv_fields(&c, fs, d->fields, d->nfields, 1)) {
            *why = c.why;
            return NULL;
        }
        n->fields = fs;
    }
    n->nunique_keys = d->nunique_keys;
    if (d->unique_keys && d->nunique_keys) {
        dcc_key_desc *k = rt_valloc(v, d->nunique_keys * sizeof *k);
        if (!k)
            return NULL;
        for (size_t i = 0; i < d->nunique_keys; i++) {
            k[i].fields = d->unique_keys[i].fields;
            k[i].nfields = d->unique_keys[i].nfields;
        }
        n->unique_keys = k;
    }
    n->nquality = d->nquality;
    if (d->quality && d->nquality) {
        dcc_quality_desc *q = rt_valloc(v, d->nquality * sizeof *q);
        if (!q)
            return NULL;
        for (size_t i = 0; i < d->nquality; i++) {
            const dcc_v1_quality_desc *o = &d->quality[i];
            q[i].kind = o->kind;
            q[i].op = o->op;
            q[i].fields = o->fields;
            q[i].nfields = o->nfields;
            if (o->kind != DCC_Q_UNIQUE && (unsigned)o->kind <= DCC_Q_UNIQUE &&
                !(q[i].threshold = conv_threshold(&c, o, &q[i].unit)))
                return NULL;
        }
        n->quality = q;
    }
    return n;
}

/* ---- options -------------------------------------------------------------------------------- */

void rt_opts_defaults(StreamOpts *o)
{
    if (o->csv_delimiter == 0)
        o->csv_delimiter = ',';
    if (o->max_depth == 0)
        o->max_depth = 64;
    if (o->max_depth > 1000000)
        o->max_depth = 1000000;
    if (o->max_record_bytes == 0)
        o->max_record_bytes = (size_t)64 << 20;
    if (o->key_window == 0)
        o->key_window = 1000000;
}

/* The bytes of a size-prefixed struct from the caller: `size` of them, of which this library
 * knows `known`. Copies what both know into out (zeroed first); DCC_EINVAL when size is smaller
 * than the struct ever was (min), DCC_EVERSION when bytes it does not know are not zero. */
static int read_sized(void *out, size_t known, size_t min, const void *in, uint32_t size)
{
    memset(out, 0, known);
    if (size < min)
        return DCC_EINVAL;
    const unsigned char *b = in;
    for (size_t i = known; i < size; i++)
        if (b[i])
            return DCC_EVERSION;
    memcpy(out, in, size < known ? size : known);
    return DCC_OK;
}

/* The smallest sizes these structs ever had: their members as of ABI 2. Later versions only
 * append, so these stay what they are. */
#define OPTS_MIN (offsetof(dcc_stream_opts, callbacks) + sizeof(const dcc_callbacks *))
#define CALLBACKS_MIN (offsetof(dcc_callbacks, on_violation) + sizeof(void (*)(void)))

int rt_opts_read(StreamOpts *o, const dcc_stream_opts *opts)
{
    memset(o, 0, sizeof *o);
    if (opts) {
        dcc_stream_opts in;
        int rc = read_sized(&in, sizeof in, OPTS_MIN, opts, opts->size);
        if (rc)
            return rc;
        if ((unsigned)in.format > DCC_FORMAT_CSV || in.now_nanos < 0 || in.now_nanos > 999999999)
            return DCC_EINVAL;
        o->format = in.format;
        o->csv_delimiter = in.csv_delimiter;
        o->csv_no_header = in.csv_no_header;
        o->skip_quality = in.skip_quality;
        o->has_now = in.has_now;
        o->max_depth = in.max_depth;
        o->max_record_bytes = in.max_record_bytes;
        o->now = in.now;
        o->now_nanos = in.now_nanos;
        if (in.callbacks) {
            dcc_callbacks cb;
            rc = read_sized(&cb, sizeof cb, CALLBACKS_MIN, in.callbacks, in.callbacks->size);
            if (rc)
                return rc;
            o->on_violation = cb.on_violation;
            o->on_record = cb.on_record;
            o->userdata = cb.userdata;
        }
        if ((unsigned)in.keys > DCC_KEYS_OFF || (in.partition && in.keys == DCC_KEYS_WINDOW))
            return DCC_EINVAL;
        o->keys = in.keys;
        o->key_window = in.key_window;
        o->partition = in.partition;
    }
    rt_opts_defaults(o);
    return DCC_OK;
}

/* ---- the 0.1 entry points ------------------------------------------------------------------- */

dcc_stream *dcc_stream_new(const dcc_validator *v, const dcc_v1_stream_opts *opts)
{
    if (!v)
        return NULL;
    StreamOpts o;
    memset(&o, 0, sizeof o);
    if (opts) {
        /* 0.1 read any format but CSV as JSON Lines, and now 0 as "the clock" */
        o.format = opts->format == DCC_FORMAT_CSV ? DCC_FORMAT_CSV : DCC_FORMAT_JSONL;
        o.csv_delimiter = opts->csv_delimiter;
        o.csv_no_header = opts->csv_no_header;
        o.on_violation = opts->on_violation;
        o.userdata = opts->userdata;
        o.max_depth = opts->max_depth;
        o.max_record_bytes = opts->max_record_bytes;
        o.has_now = opts->now != 0;
        o.now = opts->now;
        o.skip_quality = opts->skip_quality;
    }
    rt_opts_defaults(&o);
    dcc_stream *s = rt_stream_make(v, &o);
    if (s)
        s->abi1 = true;
    return s;
}

void dcc_stream_stats_get(const dcc_stream *s, dcc_v1_stream_stats *out)
{
    if (!out)
        return;
    memset(out, 0, sizeof *out);
    if (!s)
        return;
    out->records = s->stats.records;
    out->valid = s->stats.valid;
    out->invalid = s->stats.invalid;
    out->violations = s->stats.violations;
}
