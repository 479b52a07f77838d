/* validate.c - validators and streams: descriptor compilation, record splitting, scalar checks,
 * violations, keys and quality rules. json.c and csv.c parse; everything they find comes here. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dcc_regex.h"
#include "dcc_rt_internal.h"

/* ---- rule table ----------------------------------------------------------------------------- */

/* Indexed by the rules' fixed values; every value below DCC_RULE_COUNT has a row (the .def
 * keeps them dense, and an empty slot would be caught by tests/unit/test_abi.c). */
static const char *const rule_codes[DCC_RULE_COUNT] = {
#define R(e, value, code, summary) [e] = code,
#include "dcc_rules.def"
#undef R
};
static const char *const rule_summaries[DCC_RULE_COUNT] = {
#define R(e, value, code, summary) [e] = summary,
#include "dcc_rules.def"
#undef R
};

const char *dcc_rule_code(dcc_rule r)
{
    return (unsigned)r < DCC_RULE_COUNT && rule_codes[r] ? rule_codes[r] : "";
}

const char *dcc_rule_summary(dcc_rule r)
{
    return (unsigned)r < DCC_RULE_COUNT && rule_summaries[r] ? rule_summaries[r] : "";
}

const char *rt_kind_name(dcc_kind k)
{
    static const char *const names[DCC_KIND_COUNT] = {
        "boolean", "int8", "int16", "int32", "int64", "float32", "float64", "decimal",
        "string", "bytes", "date", "time", "timestamp", "timestamptz", "uuid", "json", "enum",
        "list", "map", "struct"};
    return (unsigned)k < DCC_KIND_COUNT ? names[k] : "?";
}

bool rt_grow(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap)
        return true;
    size_t nc = *cap ? *cap : 256;
    while (nc < need)
        nc = nc > SIZE_MAX / 2 ? need : nc * 2;
    char *nb = realloc(*buf, nc);
    if (!nb)
        return false;
    *buf = nb;
    *cap = nc;
    return true;
}

/* The smallest magnitudes that round to infinity: FLT_MAX and DBL_MAX plus half an ulp, exactly
 * (round-half-even goes to infinity there, since both maxima have odd significands). */
static const char flt32_inf[] = "340282356779733661637539395458142568448";
static const char flt64_inf[] =
    "17976931348623158079372897140530341507993413271003782693617377898044496829276475094664901797"
    "75872070963302864166928879109465555478519404026306574886715058206819089020007083836762738548"
    "45817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711"
    "559699508093042880177904174497792";

/* ---- descriptor compilation ----------------------------------------------------------------- */

typedef struct Alloc {
    struct Alloc *next;
    max_align_t data[];
} Alloc;

void *rt_valloc(dcc_validator *v, size_t n)
{
    Alloc *a = calloc(1, sizeof(Alloc) + n);
    if (!a)
        return NULL;
    a->next = v->allocs;
    v->allocs = a;
    return a->data;
}

typedef struct {
    dcc_validator *v;
    char msg[512];
    bool oom;
} Compile;

static bool cfail(Compile *c, const char *path, const char *fmt, ...)
{
    int k = snprintf(c->msg, sizeof c->msg, "field '%s': ", path);
    if (k < 0)
        k = 0;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->msg + k, sizeof c->msg - (size_t)k, fmt, ap);
    va_end(ap);
    return false;
}

static bool is_numeric(dcc_kind k) { return k >= DCC_INT8 && k <= DCC_DECIMAL; }
static bool is_temporal(dcc_kind k) { return k >= DCC_DATE && k <= DCC_TIMESTAMPTZ; }
static bool is_scalar(dcc_kind k) { return k != DCC_LIST && k != DCC_MAP && k != DCC_STRUCT && k != DCC_JSON; }

/* Parses a literal into the comparable form of kind k. */
static bool parse_literal(dcc_kind k, const char *text, CValue *out, const char **why)
{
    size_t n = strlen(text);
    *why = "";
    if (is_numeric(k)) {
        NumTok t;
        /* A descriptor's literal is a contract's literal: `09` and `+5` are numbers there. */
        if (!rt_num_parse_literal(text, n, &t)) {
            *why = "not a number";
            return false;
        }
        rt_num_norm(&t, &out->num);
        return true;
    }
    if (is_temporal(k))
        return rt_temporal_parse(k, text, n, &out->tv, why);
    if (k == DCC_BOOLEAN) {
        if (strcmp(text, "true") != 0 && strcmp(text, "false") != 0) {
            *why = "not a boolean";
            return false;
        }
        out->b = text[0] == 't';
        return true;
    }
    out->text.s = text;
    out->text.n = n;
    return true;
}

static size_t max_seen(const CField *cf)
{
    /* flags a struct value needs while open: its own plus the deepest nested struct's */
    size_t best = 0;
    if (cf->kind == DCC_STRUCT) {
        for (size_t i = 0; i < cf->nfields; i++) {
            size_t m = max_seen(&cf->fields[i]);
            if (m > best)
                best = m;
        }
        return cf->nfields + best;
    }
    if (cf->elem)
        return max_seen(cf->elem);
    return 0;
}

static uint32_t name_hash(const char *p, size_t n)
{
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

/* A name index for a struct of more than 8 fields (smaller ones are searched in order), built
 * before the fields are compiled: it also finds the first field whose name an earlier one has
 * (*dup, else nfields), in time linear in the fields. Names must be non-empty (checked first). */
static bool build_index(dcc_validator *v, CField *cf, const dcc_field_desc *fields, size_t *dup)
{
    *dup = cf->nfields;
    if (cf->nfields <= 8) {
        for (size_t i = 1; i < cf->nfields && *dup == cf->nfields; i++)
            for (size_t j = 0; j < i; j++)
                if (strcmp(fields[j].name, fields[i].name) == 0) {
                    *dup = i;
                    break;
                }
        return true;
    }
    uint32_t cap = 16;
    while (cap < cf->nfields * 2)
        cap *= 2;
    cf->index = rt_valloc(v, cap * sizeof *cf->index);
    if (!cf->index)
        return false;
    cf->index_cap = cap;
    for (size_t i = 0; i < cf->nfields; i++) {
        const char *nm = fields[i].name;
        size_t n = strlen(nm);
        uint32_t j = name_hash(nm, n) & (cap - 1);
        for (; cf->index[j]; j = (j + 1) & (cap - 1))
            if (strcmp(fields[cf->index[j] - 1].name, nm) == 0)
                break;
        if (cf->index[j]) { /* a duplicate: the index stays unused */
            *dup = i;
            return true;
        }
        cf->index[j] = (uint32_t)i + 1;
    }
    return true;
}

int32_t rt_field_find(const CField *cf, const char *name, size_t n)
{
    if (n > cf->max_name)
        return -1;
    if (cf->index) {
        for (uint32_t j = name_hash(name, n) & (cf->index_cap - 1);; j = (j + 1) & (cf->index_cap - 1)) {
            uint32_t ix = cf->index[j];
            if (ix == 0)
                return -1;
            const CField *g = &cf->fields[ix - 1];
            if (g->name_len == n && rt_eq(g->d->name, name, n))
                return (int32_t)(ix - 1);
        }
    }
    for (size_t i = 0; i < cf->nfields; i++) {
        const CField *g = &cf->fields[i];
        if (g->name_len == n && rt_eq(g->d->name, name, n))
            return (int32_t)i;
    }
    return -1;
}

/* Are the reserved members of a descriptor struct all zero? A descriptor that claims this ABI
 * and sets one is refused: only a later ABI gives them a meaning, and ignoring a constraint would
 * let data through that its author meant to stop. */
static bool reserved_zero(const void *const *p, size_t np, const int64_t *i, size_t ni)
{
    for (size_t k = 0; k < np; k++)
        if (p[k])
            return false;
    for (size_t k = 0; k < ni; k++)
        if (i[k])
            return false;
    return true;
}
#define RESERVED_ZERO(x) \
    reserved_zero((x)->reserved_ptr, sizeof (x)->reserved_ptr / sizeof (x)->reserved_ptr[0], \
                  (x)->reserved_int, sizeof (x)->reserved_int / sizeof (x)->reserved_int[0])

/* x * 10^scale as an int64 when that is a whole number of magnitude below 10^17. */
static bool num_scaled(const Num *x, int scale, int64_t *out)
{
    if (x->sign == 0) {
        *out = 0;
        return true;
    }
    int64_t ndig = (int64_t)(x->an + x->bn), mag = x->point + scale; /* x = 0.D * 10^point */
    if (ndig > mag || mag > 17)
        return false;
    uint64_t u = 0;
    for (int64_t i = 0; i < mag; i++)
        u = u * 10 + (uint64_t)(i < (int64_t)x->an ? x->a[i] - '0'
                                : i < ndig ? x->b[i - (int64_t)x->an] - '0' : 0);
    *out = x->sign < 0 ? -(int64_t)u : (int64_t)u;
    return true;
}

/* Sets cf->fast_num and its bounds (see dcc_rt_internal.h). */
static void compile_fast_num(CField *cf)
{
    const dcc_field_desc *d = cf->d;
    bool is_int = d->kind >= DCC_INT8 && d->kind <= DCC_INT64;
    if ((!is_int && d->kind != DCC_DECIMAL) || cf->nvalues || (!is_int && d->scale > 17))
        return;
    int sc = is_int ? 0 : d->scale;
    int64_t lo = INT64_MIN, hi = INT64_MAX;
    if (cf->has_lo) {
        if (!num_scaled(&cf->lo.num, sc, &lo))
            return;
        lo += d->range_lo_exclusive; /* values at this scale are whole numbers */
    }
    if (cf->has_hi) {
        if (!num_scaled(&cf->hi.num, sc, &hi))
            return;
        hi -= d->range_hi_exclusive;
    }
    cf->fast_num = true;
    cf->fast_scale = sc;
    cf->fast_lo = lo;
    cf->fast_hi = hi;
}

/* Is [t, t+n) printable ASCII without '"' or '\\', so that it is its own JSON string contents? */
static bool plain_text(const char *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)t[i];
        if (ch < 0x20 || ch >= 0x7F || ch == '"' || ch == '\\')
            return false;
    }
    return true;
}

/* The image of a plain text of at most RT_QIMG_MAX bytes and its closing quote. */
static void qimg_make(QImg *q, const char *t, size_t n)
{
    unsigned char img[16] = {0}, mask[16] = {0};
    memcpy(img, t, n);
    img[n] = '"';
    memset(mask, 0xFF, n + 1);
    memcpy(q->img, img, sizeof img);
    memcpy(q->mask, mask, sizeof mask);
    q->len = n;
}

/* cf->shape_len (see there). The shape's ranges are ASCII by construction; that none of them
 * takes a quote, a backslash or a control byte is read off the tables: from every state the
 * search can be in during the first L bytes, each such byte leads to the dead state. */
static void compile_shape(CField *cf)
{
    const dcc_dfa *t = cf->d->pattern;
    if (cf->d->kind != DCC_STRING || cf->nvalues || !cf->dfa || rt_dfa_kind(cf->dfa) != 'F' ||
        !cf->dfa->fix_exact || !t || t->nstates > 1024)
        return;
    size_t L = cf->dfa->fix_len;
    if ((cf->len_min >= 0 && (int64_t)L < cf->len_min) || (cf->len_max >= 0 && (int64_t)L > cf->len_max))
        return;
    unsigned char live[1024] = {0}, next[1024];
    live[t->start] = 1;
    for (size_t step = 0; step < L; step++) {
        memset(next, 0, t->nstates);
        for (uint32_t st = 0; st < t->nstates; st++) {
            if (!live[st] || st == DCC_DFA_DEAD)
                continue;
            if (t->accept[st] & DCC_DFA_ACCEPT)
                return; /* decided before L bytes: not the shape assumed here */
            for (unsigned b = 0; b < 256; b++) {
                uint32_t to = t->trans[st * t->nclasses + t->byte_class[b]];
                bool bad = b < 0x20 || b == '"' || b == '\\' || b >= 0x80;
                if (to != DCC_DFA_DEAD && bad)
                    return;
                next[to] = 1;
            }
        }
        memcpy(live, next, t->nstates);
    }
    cf->shape_len = (uint8_t)L;
}

/* cf->vimg (see there), after everything else of cf is compiled: an allowed string is imaged
 * only when rt_string_ok accepts it, so that matching an image decides what it would. */
static bool compile_value_images(Compile *c, CField *cf)
{
    const dcc_field_desc *d = cf->d;
    bool is_enum = d->kind == DCC_ENUM && !cf->nvalues;
    if (!is_enum && !(d->kind == DCC_STRING && cf->nvalues))
        return true;
    size_t n = is_enum ? d->nenum_values : cf->nvalues;
    if (n > RT_VIMG_MAX)
        return true; /* a long list: hashed lookup (values.c) beats comparing every image */
    for (size_t i = 0; i < n; i++) {
        const char *t = is_enum ? d->enum_values[i] : cf->values[i].text.s;
        size_t l = is_enum ? (t ? strlen(t) : 0) : cf->values[i].text.n;
        if (!t || l > RT_QIMG_MAX || !plain_text(t, l))
            return true; /* not all of them: none, so that a miss still means "look closer" */
    }
    cf->vimg = rt_valloc(c->v, n * sizeof *cf->vimg);
    if (!cf->vimg)
        return c->oom = true, false;
    for (size_t i = 0; i < n; i++) {
        const char *t = is_enum ? d->enum_values[i] : cf->values[i].text.s;
        size_t l = is_enum ? strlen(t) : cf->values[i].text.n;
        if (is_enum || rt_string_ok(cf, t, l, l))
            qimg_make(&cf->vimg[cf->nvimg++], t, l);
    }
    return true;
}

static bool compile_field(Compile *c, CField *cf, const dcc_field_desc *d, const char *path,
                          int depth);

/* The fields of struct cf (d the struct's descriptor, or the dataset's fields for the root):
 * named, each name once, compiled. */
static bool compile_fields(Compile *c, CField *cf, const dcc_field_desc *fields, size_t n,
                           const char *path, int depth, bool top)
{
    cf->nfields = n;
    cf->fields = rt_valloc(c->v, (n ? n : 1) * sizeof *cf->fields);
    if (!cf->fields)
        return c->oom = true, false;
    for (size_t i = 0; i < n; i++) {
        const char *nm = fields[i].name;
        if (!nm || !*nm)
            return top ? cfail(c, "?", "top-level field %zu has no name", i)
                       : cfail(c, path, "field %zu has no name", i);
        size_t l = strlen(nm);
        if (l > cf->max_name)
            cf->max_name = l;
    }
    size_t dup;
    if (!build_index(c->v, cf, fields, &dup))
        return c->oom = true, false;
    for (size_t i = 0; i < dup; i++)
        if (!compile_field(c, &cf->fields[i], &fields[i], fields[i].name, depth + 1))
            return false;
    if (dup < n)
        return top ? cfail(c, fields[dup].name, "declared twice")
                   : cfail(c, path, "two fields named '%s'", fields[dup].name);
    return true;
}

static bool compile_field(Compile *c, CField *cf, const dcc_field_desc *d, const char *path,
                          int depth)
{
    if (depth > 64)
        return cfail(c, path, "descriptor nested deeper than 64 levels (a cycle?)");
    if ((unsigned)d->kind >= DCC_KIND_COUNT)
        return cfail(c, path, "unknown kind %d", (int)d->kind);
    if (!RESERVED_ZERO(d) || (d->pattern && !RESERVED_ZERO(d->pattern)))
        return cfail(c, path, "a reserved member of the descriptor is set (only a later ABI uses "
                              "them)");
    /* c_absent_offset was reserved room before ABI 3 */
    if (d->c_absent_offset && c->v->abi < 3)
        return cfail(c, path, "a reserved member of the descriptor is set (only a later ABI uses "
                              "them)");
    if (d->c_absent_offset < 0)
        return cfail(c, path, "negative c_absent_offset");
    cf->d = d;
    cf->name_len = d->name ? strlen(d->name) : 0;
    cf->plain_name = cf->name_len > 0 && plain_text(d->name, cf->name_len);
    cf->key_short = cf->plain_name && cf->name_len <= RT_QIMG_MAX;
    if (cf->key_short)
        qimg_make(&cf->key, d->name, cf->name_len);
    cf->kind = d->kind;
    cf->optional = d->optional;
    cf->may_be_absent = d->optional || d->default_value != NULL;
    cf->len_min = cf->len_max = -1;
    if (d->has_length) {
        cf->len_min = d->length_min;
        cf->len_max = d->length_max;
        if (cf->len_min < -1 || cf->len_max < -1 || (cf->len_max >= 0 && cf->len_min > cf->len_max))
            return cfail(c, path, "bad length bounds");
    }
    if (d->kind == DCC_STRING && d->max_length > 0 &&
        (cf->len_max < 0 || cf->len_max > d->max_length))
        cf->len_max = d->max_length;
    if (d->kind == DCC_DECIMAL && (d->precision < 1 || d->scale < 0 || d->scale > d->precision))
        return cfail(c, path, "bad decimal(%d,%d)", d->precision, d->scale);
    if (d->kind == DCC_ENUM && (d->nenum_values == 0 || !d->enum_values))
        return cfail(c, path, "enum without values");
    if (d->kind == DCC_ENUM) {
        cf->enum_len = rt_valloc(c->v, d->nenum_values * sizeof *cf->enum_len);
        if (!cf->enum_len)
            return c->oom = true, false;
        cf->enum_plain = true;
        for (size_t i = 0; i < d->nenum_values; i++) {
            cf->enum_len[i] = d->enum_values[i] ? strlen(d->enum_values[i]) : SIZE_MAX;
            cf->enum_plain = cf->enum_plain && d->enum_values[i] &&
                             plain_text(d->enum_values[i], cf->enum_len[i]);
        }
    }
    if (d->pattern && !dcc_dfa_check(d->pattern)) /* searching it could read outside its tables */
        return cfail(c, path, "malformed pattern tables (dcc_dfa_check refuses them)");
    if (d->kind == DCC_STRING && d->pattern) {
        size_t b = rt_dfa_bytes(d->pattern);
        void *m = b ? rt_valloc(c->v, b) : NULL;
        if (b && !m)
            return c->oom = true, false;
        if (m)
            cf->dfa = rt_dfa_build(d->pattern, m);
    }
    const char *why;
    if (d->range_lo || d->range_hi) {
        if (!is_numeric(d->kind) && !is_temporal(d->kind))
            return cfail(c, path, "range on a %s", rt_kind_name(d->kind));
        if (d->range_lo) {
            if (!parse_literal(d->kind, d->range_lo, &cf->lo, &why))
                return cfail(c, path, "range bound \"%s\": %s", d->range_lo, why);
            cf->has_lo = true;
        }
        if (d->range_hi) {
            if (!parse_literal(d->kind, d->range_hi, &cf->hi, &why))
                return cfail(c, path, "range bound \"%s\": %s", d->range_hi, why);
            cf->has_hi = true;
        }
    }
    if (d->nvalues > 0) {
        if (!d->values || !is_scalar(d->kind))
            return cfail(c, path, "values on a %s", rt_kind_name(d->kind));
        cf->values = rt_valloc(c->v, d->nvalues * sizeof *cf->values);
        if (!cf->values)
            return c->oom = true, false;
        for (size_t i = 0; i < d->nvalues; i++)
            if (!d->values[i] || !parse_literal(d->kind, d->values[i], &cf->values[i], &why))
                return cfail(c, path, "allowed value \"%s\": %s", d->values[i] ? d->values[i] : "(null)", why);
        cf->nvalues = d->nvalues;
        if (cf->nvalues > RT_VINDEX_MIN && d->kind != DCC_BOOLEAN &&
            !rt_vindex_build(c->v, cf, &cf->values_ix, cf->nvalues, false))
            return c->oom = true, false;
    }
    if (d->kind == DCC_ENUM && d->nenum_values > RT_VINDEX_MIN &&
        !rt_vindex_build(c->v, cf, &cf->enum_ix, d->nenum_values, true))
        return c->oom = true, false;
    compile_fast_num(cf);
    compile_shape(cf);
    if (!compile_value_images(c, cf))
        return false;
    if (d->kind == DCC_LIST || d->kind == DCC_MAP) {
        if (!d->elem)
            return cfail(c, path, "%s without an element descriptor", rt_kind_name(d->kind));
        cf->elem = rt_valloc(c->v, sizeof *cf->elem);
        if (!cf->elem)
            return c->oom = true, false;
        if (!compile_field(c, cf->elem, d->elem, path, depth + 1))
            return false;
    }
    if (d->kind == DCC_STRUCT) {
        if (d->nfields > 0 && !d->fields)
            return cfail(c, path, "struct without fields");
        return compile_fields(c, cf, d->fields, d->nfields, path, depth, false);
    }
    return true;
}

static bool check_key(Compile *c, const dcc_dataset_desc *ds, const size_t *f, size_t n,
                      const char *what)
{
    if (n == 0 || !f)
        return cfail(c, ds->name ? ds->name : "?", "empty %s", what);
    for (size_t i = 0; i < n; i++) {
        if (f[i] >= ds->nfields)
            return cfail(c, ds->name ? ds->name : "?", "%s names field index %zu of %zu", what, f[i], ds->nfields);
        if (!is_scalar(ds->fields[f[i]].kind))
            return cfail(c, ds->fields[f[i]].name, "%s on a %s", what, rt_kind_name(ds->fields[f[i]].kind));
    }
    return true;
}

/* What dcc_validator_new sets *err to when out of memory: allocating a message could fail too. */
static const char oom_message[] = "out of memory";

dcc_validator *dcc_validator_new(const dcc_dataset_desc *ds, char **err)
{
    if (err)
        *err = NULL;
    /* The ABI first: it decides what *err may be when memory runs out. */
    Compile c = {.v = NULL, .msg = "", .oom = false};
    int abi = DCC_ABI_VERSION;
    if (!ds)
        snprintf(c.msg, sizeof c.msg, "no dataset descriptor");
    else
        abi = rt_abi_of(ds, c.msg, sizeof c.msg);
    dcc_validator *v = NULL;
    if (!ds || abi == 0)
        goto fail;
    c.v = v = calloc(1, sizeof *v);
    if (!v) {
        c.oom = true;
        goto fail;
    }
    NumTok lt;
    rt_num_parse(flt32_inf, sizeof flt32_inf - 1, &lt);
    rt_num_norm(&lt, &v->inf_at[0]);
    rt_num_parse(flt64_inf, sizeof flt64_inf - 1, &lt);
    rt_num_norm(&lt, &v->inf_at[1]);
    v->given = ds;
    v->abi = abi;
    if (abi == 1) {
        const char *why;
        ds = rt_abi1_convert(v, ds, &why);
        if (!ds) {
            if (why)
                snprintf(c.msg, sizeof c.msg, "%s", why);
            else
                c.oom = true;
            goto fail;
        }
    }
    v->desc = ds;
    const char *dname = ds->name ? ds->name : "?";
    if ((ds->nfields > 0 && !ds->fields) || (ds->nunique_keys > 0 && !ds->unique_keys) ||
        (ds->nquality > 0 && !ds->quality)) {
        cfail(&c, dname, "a count without its table");
        goto fail;
    }
    bool reserved_ok = RESERVED_ZERO(ds);
    for (size_t i = 0; i < ds->nunique_keys; i++)
        reserved_ok = reserved_ok && RESERVED_ZERO(&ds->unique_keys[i]);
    for (size_t i = 0; i < ds->nquality; i++)
        reserved_ok = reserved_ok && reserved_zero(NULL, 0, ds->quality[i].reserved_int, 1);
    if (!reserved_ok) {
        cfail(&c, dname, "a reserved member of the descriptor is set (only a later ABI uses them)");
        goto fail;
    }
    v->root.kind = DCC_STRUCT;
    v->root.len_min = v->root.len_max = -1;
    if (!compile_fields(&c, &v->root, ds->fields, ds->nfields, "?", 0, true))
        goto fail;
    v->seen_total = max_seen(&v->root) + 1;

    /* keys: primary key, unique keys, unique fields, quality unique rules */
    size_t nunique_fields = 0;
    for (size_t i = 0; i < ds->nfields; i++)
        nunique_fields += ds->fields[i].unique;
    size_t nq_unique = 0;
    for (size_t i = 0; i < ds->nquality; i++)
        nq_unique += ds->quality[i].kind == DCC_Q_UNIQUE || ds->quality[i].kind == DCC_Q_DUPLICATE_COUNT ||
                     ds->quality[i].kind == DCC_Q_DUPLICATE_RATE;
    size_t nkeys = (ds->nprimary_key > 0) + ds->nunique_keys + nunique_fields + nq_unique;
    v->keys = rt_valloc(v, (nkeys ? nkeys : 1) * sizeof *v->keys);
    size_t *idx = rt_valloc(v, (nunique_fields ? nunique_fields : 1) * sizeof *idx);
    if (!v->keys || !idx) {
        c.oom = true;
        goto fail;
    }
    if (ds->nprimary_key > 0) {
        if (!check_key(&c, ds, ds->primary_key, ds->nprimary_key, "primary key"))
            goto fail;
        v->keys[v->nkeys++] = (KeySpec){KEY_PRIMARY, ds->primary_key, ds->nprimary_key, 0};
    }
    for (size_t i = 0; i < ds->nunique_keys; i++) {
        if (!check_key(&c, ds, ds->unique_keys[i].fields, ds->unique_keys[i].nfields, "unique key"))
            goto fail;
        v->keys[v->nkeys++] = (KeySpec){KEY_UNIQUE, ds->unique_keys[i].fields, ds->unique_keys[i].nfields, 0};
    }
    for (size_t i = 0, k = 0; i < ds->nfields; i++) {
        if (!ds->fields[i].unique)
            continue;
        idx[k] = i;
        if (!check_key(&c, ds, &idx[k], 1, "unique"))
            goto fail;
        v->keys[v->nkeys++] = (KeySpec){KEY_UNIQUE, &idx[k], 1, 0};
        k++;
    }
    for (size_t i = 0; i < ds->nquality; i++) {
        const dcc_quality_desc *q = &ds->quality[i];
        if ((unsigned)q->kind > DCC_Q_NOTIN_RATE || (unsigned)q->op > DCC_OP_NOT_BETWEEN) {
            cfail(&c, dname, "quality rule %zu: bad kind or operator", i);
            goto fail;
        }
        /* before ABI 4 these were no kinds or operators, and threshold_hi was reserved room: a
         * descriptor tagged older that uses them was not written by a dcc that had them */
        if (abi < 4 && ((unsigned)q->kind > DCC_Q_UNIQUE || (unsigned)q->op > DCC_OP_NE || q->threshold_hi)) {
            cfail(&c, dname, "quality rule %zu: a kind, operator or threshold_hi of descriptor ABI 4 in a descriptor of ABI %d", i, abi);
            goto fail;
        }
        if (abi < 5 && q->kind == DCC_Q_DUPLICATE_COUNT) { /* likewise for ABI 5's kind */
            cfail(&c, dname, "quality rule %zu: a kind of descriptor ABI 5 in a descriptor of ABI %d", i, abi);
            goto fail;
        }
        if (abi < 6 && (q->kind >= DCC_Q_DUPLICATE_RATE || q->values)) { /* and ABI 6's */
            cfail(&c, dname, "quality rule %zu: a %s of descriptor ABI 6 in a descriptor of ABI %d", i,
                  q->kind >= DCC_Q_DUPLICATE_RATE ? "kind" : "values member", abi);
            goto fail;
        }
        bool notin = q->kind == DCC_Q_NOTIN_COUNT || q->kind == DCC_Q_NOTIN_RATE;
        bool missing = q->kind == DCC_Q_MISSING_COUNT || q->kind == DCC_Q_MISSING_RATE || notin;
        if (missing != (q->values != NULL)) {
            cfail(&c, dname, "quality rule %zu: %s", i,
                  missing ? "a missing or invalid-values rule needs values" : "values are for a missing or invalid-values rule only");
            goto fail;
        }
        if (q->values_null && !notin) {
            cfail(&c, dname, "quality rule %zu: values_null is for an invalid-values rule only", i);
            goto fail;
        }
        bool range = q->op == DCC_OP_BETWEEN || q->op == DCC_OP_NOT_BETWEEN;
        if (range != (q->threshold_hi != NULL)) { /* a unique rule has neither */
            cfail(&c, dname, "quality rule %zu: %s", i, range ? "between needs threshold_hi" : "threshold_hi is for between only");
            goto fail;
        }
        if (q->kind == DCC_Q_UNIQUE || q->kind == DCC_Q_DUPLICATE_COUNT || q->kind == DCC_Q_DUPLICATE_RATE) {
            if (!check_key(&c, ds, q->fields, q->nfields,
                           q->kind == DCC_Q_UNIQUE ? "quality unique" : q->kind == DCC_Q_DUPLICATE_COUNT ? "duplicate_count" : "duplicate_rate"))
                goto fail;
            v->keys[v->nkeys++] = (KeySpec){KEY_QUALITY, q->fields, q->nfields, i};
        } else if (q->kind != DCC_Q_ROW_COUNT) {
            if (q->nfields != 1 || !q->fields || q->fields[0] >= ds->nfields) {
                cfail(&c, dname, "quality rule %zu needs one field", i);
                goto fail;
            }
            dcc_kind k = ds->fields[q->fields[0]].kind;
            if (q->kind == DCC_Q_FRESHNESS && k != DCC_DATE && k != DCC_TIMESTAMP && k != DCC_TIMESTAMPTZ) {
                cfail(&c, ds->fields[q->fields[0]].name, "freshness on a %s", rt_kind_name(k));
                goto fail;
            }
        }
    }
    const char *why;
    size_t bad;
    if (!rt_quality_compile(v, ds, &why, &bad)) {
        if (why)
            cfail(&c, dname, "quality rule %zu: %s", bad, why);
        else
            c.oom = true;
        goto fail;
    }
    v->early_key = rt_valloc(v, (ds->nfields ? ds->nfields : 1) * sizeof *v->early_key);
    if (!v->early_key) {
        c.oom = true;
        goto fail;
    }
    for (size_t i = 0; i < ds->nfields; i++)
        v->early_key[i] = -1;
    v->ahead_key = -1;
    for (size_t k = v->nkeys; k-- > 0;) {
        if (v->keys[k].nfields != 1)
            continue;
        size_t f = v->keys[k].fields[0];
        v->early_key[f] = (int32_t)k;
        const char *name = ds->fields[f].name;
        size_t n = strlen(name);
        /* a name to find as is: no character JSON would escape (or might) */
        bool plain = n + 2 < sizeof v->ahead_name;
        for (size_t i = 0; i < n && plain; i++)
            plain = (unsigned char)name[i] >= 0x20 && name[i] != '"' && name[i] != '\\';
        if (plain && v->keys[k].kind != KEY_QUALITY &&
            (v->root.fields[f].kind == DCC_STRING || v->root.fields[f].kind == DCC_UUID)) {
            v->ahead_key = (int32_t)k;
            v->ahead_name[0] = '"';
            memcpy(v->ahead_name + 1, name, n);
            v->ahead_name[n + 1] = '"';
            v->ahead_len = n + 2;
        }
    }
    return v;

fail:
    if (err) {
        const char *m = c.oom ? oom_message : c.msg;
        *err = malloc(strlen(m) + 1);
        if (*err)
            strcpy(*err, m);
        else if (abi != 1) /* 0.1's callers free() the message: they get NULL, as they did */
            *err = (char *)oom_message;
    }
    dcc_validator_free(v);
    return NULL;
}

void dcc_error_free(char *err)
{
    if (err != oom_message)
        free(err);
}

const dcc_dataset_desc *dcc_validator_desc(const dcc_validator *v)
{
    return v ? v->given : NULL;
}

void dcc_validator_free(dcc_validator *v)
{
    if (!v)
        return;
    Alloc *a = v->allocs;
    while (a) {
        Alloc *n = a->next;
        free(a);
        a = n;
    }
    free(v);
}

/* ---- streams -------------------------------------------------------------------------------- */

#define RT_MSG_MAX 256 /* bytes of a message, its NUL included */
#define PBUF_CAP (RT_MAX_REPORTED * (RT_PATH_MAX + RT_MSG_MAX + RT_EXCERPT_MAX))

dcc_stream *rt_stream_make(const dcc_validator *v, const StreamOpts *o)
{
    dcc_stream *s = calloc(1, sizeof *s);
    if (!s)
        return NULL;
    s->v = v;
    s->o = *o;
    size_t nf = v->desc->nfields ? v->desc->nfields : 1;
    s->frames = calloc(s->o.max_depth + 1, sizeof *s->frames);
    s->seen = calloc(v->seen_total + RT_ZERO_SLACK, 1);
    s->top_state = calloc(nf * sizeof *s->top_state + RT_ZERO_SLACK, 1);
    s->top_val = calloc(nf, sizeof *s->top_val);
    s->top_bad = calloc(nf + RT_ZERO_SLACK, sizeof *s->top_bad);
    s->fstats = calloc(nf, sizeof *s->fstats);
    s->qcount = calloc(v->desc->nquality ? v->desc->nquality : 1, sizeof *s->qcount);
    s->sets = calloc(v->nkeys ? v->nkeys : 1, sizeof *s->sets);
    s->dups = calloc(v->nkeys ? v->nkeys : 1, sizeof *s->dups);
    s->khash = calloc(v->nkeys ? v->nkeys : 1, sizeof *s->khash);
    s->khash_state = calloc(v->nkeys + RT_ZERO_SLACK, sizeof *s->khash_state);
    s->pbuf = malloc(PBUF_CAP);
    s->pbuf_cap = PBUF_CAP;
    s->field_has_col = calloc(nf, sizeof *s->field_has_col);
    s->field_col_seen = calloc(nf, sizeof *s->field_col_seen);
    s->cur_top = -1;
    s->win_start = 1;
    if (o->keys == DCC_KEYS_WINDOW && !(s->old_sets = calloc(v->nkeys ? v->nkeys : 1, sizeof *s->old_sets))) {
        dcc_stream_free(s);
        return NULL;
    }
    if (!s->frames || !s->seen || !s->top_state || !s->top_val || !s->top_bad || !s->fstats || !s->qcount ||
        !s->sets || !s->dups || !s->khash || !s->khash_state || !s->pbuf || !s->field_has_col || !s->field_col_seen) {
        dcc_stream_free(s);
        return NULL;
    }
    if (s->o.format == DCC_FORMAT_CSV && s->o.csv_no_header) {
        s->col_field = calloc(nf, sizeof *s->col_field);
        s->col_name = calloc(nf, sizeof *s->col_name);
        if (!s->col_field || !s->col_name) {
            dcc_stream_free(s);
            return NULL;
        }
        s->csv_have_header = true;
        s->ncols = v->desc->nfields;
        for (size_t i = 0; i < s->ncols; i++) {
            s->col_field[i] = (int32_t)i;
            s->field_has_col[i] = true;
        }
    }
    return s;
}

int dcc_stream_open(const dcc_validator *v, const dcc_stream_opts *opts, dcc_stream **out)
{
    if (!out)
        return DCC_EINVAL;
    *out = NULL;
    if (!v)
        return DCC_EINVAL;
    StreamOpts o;
    int rc = rt_opts_read(&o, opts);
    if (rc)
        return rc;
    *out = rt_stream_make(v, &o);
    return *out ? DCC_OK : DCC_ENOMEM;
}

int dcc_stream_open_for(const dcc_validator *v, const dcc_dataset_desc *desc, dcc_format format,
                        const dcc_stream_opts *opts, dcc_stream **out)
{
    if (!out)
        return DCC_EINVAL;
    *out = NULL;
    if (!v || !desc)
        return DCC_EINVAL;
    if (v->given != desc)
        return DCC_EVALIDATOR;
    if ((unsigned)format > DCC_FORMAT_CSV)
        return DCC_EINVAL;
    StreamOpts o;
    int rc = rt_opts_read(&o, opts);
    if (rc)
        return rc;
    o.format = format;
    *out = rt_stream_make(v, &o);
    return *out ? DCC_OK : DCC_ENOMEM;
}

/* Frees the names of the inputs (dcc_stream_name_input). */
static void free_input_names(dcc_stream *s)
{
    for (size_t i = 0; i < s->ninput_names; i++)
        free(s->input_names[i]);
    free(s->input_names);
    s->input_names = NULL;
    s->ninput_names = 0;
}

/* Frees the memory of every key set (the sets stay usable, empty). */
static void free_key_sets(dcc_stream *s)
{
    for (size_t i = 0; i < s->v->nkeys; i++) {
        if (s->sets)
            rt_hashset_free(&s->sets[i]);
        if (s->old_sets)
            rt_hashset_free(&s->old_sets[i]);
    }
}

void dcc_stream_free(dcc_stream *s)
{
    if (!s || s->in_callback)
        return;
    free(s->rec);
    free(s->frames);
    free(s->seen);
    free(s->top_state);
    free(s->top_val);
    free(s->top_bad);
    free(s->fstats);
    free(s->qcount);
    free_key_sets(s);
    free(s->sets);
    free(s->old_sets);
    free(s->pkeys);
    free(s->pexc);
    free(s->where);
    free_input_names(s);
    free(s->dups);
    free(s->khash);
    free(s->khash_state);
    free(s->pbuf);
    free(s->sbuf);
    free(s->cbuf);
    free(s->cells);
    free(s->numtext);
    free(s->field_has_col);
    free(s->field_col_seen);
    free(s->col_field);
    if (s->col_name)
        for (size_t i = 0; i < s->ncols; i++)
            free(s->col_name[i]);
    free(s->col_name);
    free(s);
}

uint64_t dcc_stream_count(const dcc_stream *s, dcc_rule r)
{
    return s && (unsigned)r < DCC_RULE_COUNT ? s->counts[r] : 0;
}

int dcc_stream_get_stats(const dcc_stream *s, dcc_stream_stats *out)
{
    /* the members of ABI 2; later versions append */
    const size_t min = offsetof(dcc_stream_stats, violations) + sizeof out->violations;
    if (!out || out->size < min)
        return DCC_EINVAL;
    uint32_t size = out->size;
    dcc_stream_stats st;
    memset(&st, 0, sizeof st);
    st.size = size;
    if (s) {
        st.records = s->stats.records;
        st.valid = s->stats.valid;
        st.invalid = s->stats.invalid;
        st.violations = s->stats.violations;
    }
    memcpy(out, &st, size < sizeof st ? size : sizeof st);
    if (size > sizeof st) /* a newer caller's counters that this library does not keep */
        memset((char *)out + sizeof st, 0, size - sizeof st);
    return s ? DCC_OK : DCC_EINVAL;
}

int dcc_stream_error(const dcc_stream *s)
{
    return s ? (s->failed ? s->error : DCC_OK) : DCC_EINVAL;
}

/* ---- violations ----------------------------------------------------------------------------- */

size_t rt_put(char *out, size_t o, size_t cap, const char *s, size_t n)
{
    if (o + n >= cap) {
        n = cap - 1 - o;
        while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80) /* keep UTF-8 whole */
            n--;
    }
    memcpy(out + o, s, n);
    return o + n;
}

/* The path of the value being checked: prefix, then one segment per open container. */
static size_t build_path(const dcc_stream *s, const char *extra, char *out)
{
    size_t o = 0, cap = RT_PATH_MAX;
    char tmp[RT_EXCERPT_MAX];
    if (s->prefix)
        o = rt_put(out, o, cap, s->prefix, strlen(s->prefix));
    for (size_t i = 0; i < s->depth; i++) {
        const Frame *f = &s->frames[i];
        const char *seg = NULL;
        size_t n = 0;
        if (f->is_obj) {
            if (f->cur >= 0 && f->cf && f->mode == FM_STRUCT) {
                seg = f->cf->fields[f->cur].d->name;
                n = strlen(seg);
            } else if (f->key) {
                n = rt_excerpt(tmp, f->key, f->keylen);
                seg = tmp;
            }
            if (!seg)
                continue;
            if (o > 0)
                o = rt_put(out, o, cap, ".", 1);
            o = rt_put(out, o, cap, seg, n);
        } else if (f->count > 0) {
            int k = snprintf(tmp, sizeof tmp, "[%u]", f->count - 1);
            o = rt_put(out, o, cap, tmp, (size_t)k);
        }
    }
    if (extra) {
        if (o > 0)
            o = rt_put(out, o, cap, ".", 1);
        o = rt_put(out, o, cap, extra, strlen(extra));
    }
    out[o] = '\0';
    return o;
}

/* A message of at most RT_MSG_MAX - 1 bytes that snprintf wrote into m (returning k), cut at
 * the last whole UTF-8 character when it was cut short. Returns its length. */
static size_t msg_cut(char *m, int k)
{
    if (k < 0) {
        m[0] = '\0';
        return 0;
    }
    if (k < RT_MSG_MAX)
        return (size_t)k;
    size_t n = RT_MSG_MAX - 1, j = n - 1; /* the last character kept starts at j */
    while (j > 0 && ((unsigned char)m[j] & 0xC0) == 0x80)
        j--;
    unsigned char c = (unsigned char)m[j];
    size_t len = c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    if (j + len > n)
        n = j;
    m[n] = '\0';
    return n;
}

void rt_violation(dcc_stream *s, dcc_rule r, const char *extra, const char *exc, size_t exclen,
                  const char *fmt, ...)
{
    if (s->aborted)
        return;
    s->rec_nviol++;
    s->rec_counts[r]++;
    int32_t top = s->cur_top;
    if (top < 0 && s->record_root && s->depth >= 1)
        top = s->frames[0].cur;
    if (top >= 0)
        s->top_bad[top] = true;
    if (s->npend >= RT_MAX_REPORTED)
        return;
    Pending *p = &s->pend[s->npend++];
    p->rule = r;
    p->path = s->pbuf_len;
    s->pbuf_len += build_path(s, extra, s->pbuf + s->pbuf_len) + 1;
    p->msg = s->pbuf_len;
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(s->pbuf + s->pbuf_len, RT_MSG_MAX, fmt, ap);
    va_end(ap);
    s->pbuf_len += msg_cut(s->pbuf + s->pbuf_len, k) + 1;
    memset(&p->first, 0, sizeof p->first);
    p->exc = s->pbuf_len;
    s->pbuf_len += (exc ? rt_excerpt(s->pbuf + s->pbuf_len, exc, exclen) : (s->pbuf[s->pbuf_len] = '\0', 0)) + 1;
}

void rt_abort(dcc_stream *s, dcc_rule r, const char *at, size_t atlen, const char *fmt, ...)
{
    if (s->aborted)
        return;
    s->aborted = true;
    s->abort_rule = r;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(s->abort_msg, sizeof s->abort_msg, fmt, ap);
    va_end(ap);
    if (at)
        rt_excerpt(s->abort_exc, at, atlen);
    else
        s->abort_exc[0] = '\0';
}

void rt_deliver(dcc_stream *s, const dcc_violation *v)
{
    s->in_callback = true;
    s->o.on_violation(s->o.userdata, v);
    s->in_callback = false;
}

void rt_emit(dcc_stream *s, uint64_t rec, uint64_t off, dcc_rule r, const char *path,
             const char *msg, const char *exc)
{
    s->counts[r]++;
    s->stats.violations++;
    if (s->o.on_violation) {
        dcc_violation v = {rec, off, path, r, msg, exc, s->rec_line, 0, 0, 0};
        rt_deliver(s, &v);
    }
}

/* ---- scalar checks -------------------------------------------------------------------------- */

const char *rt_val_text(dcc_stream *s, const Val *v, size_t *n)
{
    if (v->enc == ENC_RAW) {
        *n = v->len;
        return v->raw;
    }
    if (!rt_grow(&s->sbuf, &s->sbuf_cap, v->len + 1)) {
        rt_oom(s);
        *n = 0;
        return NULL;
    }
    *n = v->enc == ENC_JSON ? rt_json_unescape(v->raw, v->len, s->sbuf)
                            : rt_csv_unescape(v->raw, v->len, s->sbuf);
    return s->sbuf;
}

static const char *got_name(const Val *v)
{
    return v->t == V_STR ? "a string" : v->t == V_NUM ? "a number" : "a boolean";
}

static void type_error(dcc_stream *s, const CField *cf, const Val *v)
{
    if (s->o.format == DCC_FORMAT_CSV && s->depth == 0)
        rt_violation(s, DCC_RULE_TYPE, NULL, v->raw, v->len, "not a valid %s", rt_kind_name(cf->kind));
    else
        rt_violation(s, DCC_RULE_TYPE, NULL, v->raw, v->len, "expected %s, got %s",
                     rt_kind_name(cf->kind), got_name(v));
}

static void range_msg(const CField *cf, char *buf, size_t cap)
{
    const dcc_field_desc *d = cf->d;
    snprintf(buf, cap, "%c%s, %s%c", d->range_lo && d->range_lo_exclusive ? '(' : '[',
             d->range_lo ? d->range_lo : "*", d->range_hi ? d->range_hi : "*",
             d->range_hi && d->range_hi_exclusive ? ')' : ']');
}

static bool in_range_cmp(const CField *cf, int clo, int chi)
{
    if (cf->has_lo && (clo < 0 || (clo == 0 && cf->d->range_lo_exclusive)))
        return false;
    if (cf->has_hi && (chi > 0 || (chi == 0 && cf->d->range_hi_exclusive)))
        return false;
    return true;
}

static void check_num_constraints(dcc_stream *s, const CField *cf, const Val *v, const Num *x)
{
    if (cf->nvalues && !rt_values_has_num(cf, x))
        rt_violation(s, DCC_RULE_VALUES, NULL, v->raw, v->len, "value not among the allowed values");
    if (cf->has_lo || cf->has_hi) {
        int clo = cf->has_lo ? rt_num_cmp(x, &cf->lo.num) : 1;
        int chi = cf->has_hi ? rt_num_cmp(x, &cf->hi.num) : -1;
        if (!in_range_cmp(cf, clo, chi)) {
            char b[200];
            range_msg(cf, b, sizeof b);
            rt_violation(s, DCC_RULE_RANGE, NULL, v->raw, v->len, "value outside the range %s", b);
        }
    }
}

/* True when the number token t is certainly valid for cf (cf->fast_num): at most 17 digits
 * once scaled, no exponent, no more fraction digits than the scale, integer digits within the
 * type (int range or decimal precision), inside the range. False decides nothing. */
static inline bool num_fast_ok(const CField *cf, const NumTok *t)
{
    size_t sc = (size_t)cf->fast_scale;
    if (t->has_exp || t->fpn > sc || t->ipn + sc > 17)
        return false;
    uint64_t u = 0;
    size_t lz = 0;
    while (lz < t->ipn && t->ip[lz] == '0')
        lz++;
    for (size_t i = lz; i < t->ipn; i++)
        u = u * 10 + (uint64_t)(t->ip[i] - '0');
    for (size_t i = 0; i < t->fpn; i++)
        u = u * 10 + (uint64_t)(t->fp[i] - '0');
    for (size_t i = t->fpn; i < sc; i++)
        u *= 10;
    if (cf->kind == DCC_DECIMAL) {
        if ((int64_t)(t->ipn - lz) > (int64_t)cf->d->precision - cf->d->scale)
            return false;
    } else {
        static const uint64_t maxpos[] = {127, 32767, 2147483647, 9223372036854775807ull};
        if (u > maxpos[cf->kind - DCC_INT8] + (t->neg ? 1 : 0))
            return false;
    }
    int64_t x = t->neg ? -(int64_t)u : (int64_t)u;
    return x >= cf->fast_lo && x <= cf->fast_hi;
}

static inline bool num_byte(char c)
{
    return (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-';
}

#if RT_SWAR
/* The value of the k (1..7) digits at the low end of w (first digit lowest, each byte already
 * less '0'; what lies above them is ignored, borrows included, since they only run upwards):
 * moved up to be the last of eight digits, then combined pairwise in three multiplies instead
 * of k dependent multiply-adds (the method of fast_float's eight-digit parse). */
static inline uint64_t swar_digits(uint64_t w, unsigned k)
{
    w <<= 8 * (8 - k);
    w = w * 10 + (w >> 8);
    w = ((w & 0x000000FF000000FFull) * (100 + (1000000ull << 32)) +
         ((w >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32))) >> 32;
    return w;
}

/* The digits at p (8 readable bytes): their count, and their value in *v when there are 1 to 7
 * of them; 8 means "eight or more", left to the byte loop. No branch depends on the count. */
static inline unsigned swar_digit_run(const char *p, uint64_t *v)
{
    uint64_t w;
    memcpy(&w, p, 8);
    uint64_t nd = ~rt_swar_in(w, '0', '9') & RT_HIGHS;
    if (!nd)
        return 8;
    unsigned k = (unsigned)__builtin_ctzll(nd) >> 3;
    *v = k ? swar_digits(w - RT_ONES * '0', k) : 0;
    return k;
}
#endif

/* num_fast_ok fused with the scan: the digits are summed as they are passed (at most 18 integer
 * and fast_scale fraction digits; a longer token ends at a digit and is left to the exact path). */
const char *rt_num_fast(const CField *cf, const char *p, const char *end, NumTok *t)
{
    static const uint64_t pow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000,
                                     100000000, 1000000000, 10000000000ull, 100000000000ull,
                                     1000000000000ull, 10000000000000ull, 100000000000000ull,
                                     1000000000000000ull, 10000000000000000ull, 100000000000000000ull};
    if (!cf->fast_num)
        return NULL;
    bool neg = p < end && *p == '-';
    p += neg;
    const char *ip = p, *fp = NULL;
    size_t ipn, sc = (size_t)cf->fast_scale, fpn = 0;
    uint64_t u = 0;
#if RT_SWAR
    /* Numbers as programs write them (a few integer digits, a few decimals) are read a word at
     * a time, without a branch per digit whose exit the predictor would miss; a run of eight
     * or more digits, or too little room left, takes the byte loop below. */
    if (end - p >= 17) {
        uint64_t iv, fv = 0;
        unsigned k = swar_digit_run(p, &iv), j = 0;
        const char *q = p + k;
        if (k < 8 && *q == '.')
            j = swar_digit_run(q + 1, &fv);
        if (k < 8 && j < 8) {
            if (k == 0 || (p[0] == '0' && k > 1) || k + sc > 17)
                return NULL;
            if (*q == '.') {
                if (j == 0 || j > sc)
                    return NULL; /* the exact path words it */
                fp = q + 1;
                q = fp + j;
            }
            if (num_byte(*q))
                return NULL;
            ipn = k;
            fpn = j;
            u = iv * pow10[sc] + fv * pow10[sc - j];
            p = q;
            goto scanned;
        }
    }
#endif
    {
        const char *lim = end - p > 18 ? p + 18 : end;
        while (p < lim && (unsigned)(*p - '0') <= 9)
            u = u * 10 + (uint64_t)(*p++ - '0');
        ipn = (size_t)(p - ip);
        /* a leading zero stands alone; a digit after it is the exact path's finding */
        if (ipn == 0 || (ip[0] == '0' && ipn > 1) || ipn + sc > 17)
            return NULL;
        if (p < end && *p == '.') {
            fp = ++p;
            const char *fl = (size_t)(end - p) > sc ? p + sc : end;
            while (p < fl && (unsigned)(*p - '0') <= 9)
                u = u * 10 + (uint64_t)(*p++ - '0');
            fpn = (size_t)(p - fp);
            if (fpn == 0)
                return NULL;
        }
        if (p < end && num_byte(*p))
            return NULL;
        u *= pow10[sc - fpn];
    }
#if RT_SWAR
scanned:
#endif
    if (cf->kind == DCC_DECIMAL) {
        if ((int64_t)(ipn - (ip[0] == '0')) > (int64_t)cf->d->precision - cf->d->scale)
            return NULL;
    } else {
        static const uint64_t maxpos[] = {127, 32767, 2147483647, 9223372036854775807ull};
        if (u > maxpos[cf->kind - DCC_INT8] + neg)
            return NULL;
    }
    int64_t x = neg ? -(int64_t)u : (int64_t)u;
    if (x < cf->fast_lo || x > cf->fast_hi)
        return NULL;
    t->neg = neg;
    t->has_frac = fp != NULL;
    t->has_exp = false;
    t->ip = ip;
    t->ipn = ipn;
    t->fp = fp;
    t->fpn = fpn;
    t->exp = 0;
    return p;
}

static void check_int(dcc_stream *s, const CField *cf, const Val *v)
{
    if (cf->fast_num && v->t == V_NUM && num_fast_ok(cf, &v->num))
        return;
    if (v->t != V_NUM || v->num.has_frac || v->num.has_exp) {
        if (v->t == V_NUM)
            rt_violation(s, DCC_RULE_TYPE, NULL, v->raw, v->len,
                         "expected %s, got a number with a fraction or exponent", rt_kind_name(cf->kind));
        else
            type_error(s, cf, v);
        return;
    }
    static const uint64_t maxpos[] = {127, 32767, 2147483647, 9223372036854775807ull};
    uint64_t lim = maxpos[cf->kind - DCC_INT8] + (v->num.neg ? 1 : 0);
    bool ok = v->num.ipn <= 19;
    if (ok) {
        uint64_t u = 0;
        for (size_t i = 0; i < v->num.ipn; i++)
            u = u * 10 + (uint64_t)(v->num.ip[i] - '0');
        ok = u <= lim;
    }
    if (!ok) {
        rt_violation(s, DCC_RULE_INT_RANGE, NULL, v->raw, v->len, "integer outside the range of %s",
                     rt_kind_name(cf->kind));
        return;
    }
    if (cf->nvalues || cf->has_lo || cf->has_hi) {
        Num x;
        rt_num_norm(&v->num, &x);
        check_num_constraints(s, cf, v, &x);
    }
}

static void check_float(dcc_stream *s, const CField *cf, const Val *v)
{
    if (v->t != V_NUM) {
        type_error(s, cf, v);
        return;
    }
    Num x;
    rt_num_norm(&v->num, &x);
    Num ax = x;
    if (ax.sign < 0)
        ax.sign = 1;
    if (rt_num_cmp(&ax, &s->v->inf_at[cf->kind == DCC_FLOAT64]) >= 0) {
        rt_violation(s, DCC_RULE_FLOAT, NULL, v->raw, v->len, "outside the finite range of %s",
                     rt_kind_name(cf->kind));
        return;
    }
    check_num_constraints(s, cf, v, &x);
}

static void check_decimal(dcc_stream *s, const CField *cf, const Val *v)
{
    if (cf->fast_num && v->t == V_NUM && num_fast_ok(cf, &v->num))
        return;
    Val nv = *v;
    if (v->t == V_STR) { /* decimals may also be written as JSON strings, "12.50" */
        size_t n;
        const char *t = rt_val_text(s, v, &n);
        if (!t || !rt_num_parse(t, n, &nv.num)) {
            rt_violation(s, DCC_RULE_TYPE, NULL, v->raw, v->len, "expected decimal, got %s",
                         s->o.format == DCC_FORMAT_CSV && s->depth == 0 ? "text that is not a number" : "a string that is not a number");
            return;
        }
        nv.t = V_NUM;
    } else if (v->t != V_NUM) {
        type_error(s, cf, v);
        return;
    }
    Num x;
    rt_num_norm(&nv.num, &x);
    int64_t p = cf->d->precision, sc = cf->d->scale;
    int64_t id = rt_num_int_digits(&x), fd = rt_num_frac_digits(&x);
    if (id > p - sc || fd > sc) {
        rt_violation(s, DCC_RULE_DECIMAL, NULL, v->raw, v->len,
                     "decimal(%lld,%lld) allows %lld integer and %lld fraction digits", (long long)p,
                     (long long)sc, (long long)(p - sc), (long long)sc);
        return;
    }
    check_num_constraints(s, cf, v, &x);
}

static void check_values_text_list(dcc_stream *s, const CField *cf, const Val *v, const char *t,
                                   size_t n, bool fold)
{
    if (!rt_values_has_text(cf, t, n, fold))
        rt_violation(s, DCC_RULE_VALUES, NULL, v->raw, v->len, "value not among the allowed values");
}

/* Most fields have no allowed values: that case costs no call. */
static inline void check_values_text(dcc_stream *s, const CField *cf, const Val *v, const char *t,
                                     size_t n, bool fold)
{
    if (cf->nvalues)
        check_values_text_list(s, cf, v, t, n, fold);
}

void rt_check_count(dcc_stream *s, const CField *cf, int64_t len, const char *unit, const char *exc,
                    size_t exclen)
{
    if (cf->len_min >= 0 && len < cf->len_min)
        rt_violation(s, DCC_RULE_LENGTH, NULL, exc, exclen, "%lld %s, fewer than the minimum %lld",
                     (long long)len, unit, (long long)cf->len_min);
    else if (cf->len_max >= 0 && len > cf->len_max)
        rt_violation(s, DCC_RULE_LENGTH, NULL, exc, exclen, "%lld %s, more than the maximum %lld",
                     (long long)len, unit, (long long)cf->len_max);
}

bool rt_string_ok(const CField *cf, const char *t, size_t n, size_t cps)
{
    if (cf->kind != DCC_STRING || (cf->len_min >= 0 && (int64_t)cps < cf->len_min) ||
        (cf->len_max >= 0 && (int64_t)cps > cf->len_max))
        return false;
    if (cf->d->pattern && (!cf->dfa || rt_dfa_search(cf->dfa, t, n) != 1))
        return false;
    return !cf->nvalues || rt_values_has_text(cf, t, n, false);
}

void rt_check_scalar(dcc_stream *s, const CField *cf, const Val *v)
{
    if (!v) {
        if (!cf->optional)
            rt_violation(s, DCC_RULE_NULL, NULL, "null", 4, "null in a required field");
        return;
    }
    size_t n = 0;
    const char *t;
    switch (cf->kind) {
    case DCC_BOOLEAN:
        if (v->t != V_BOOL) {
            type_error(s, cf, v);
            return;
        }
        if (cf->nvalues) {
            bool ok = false;
            for (size_t i = 0; i < cf->nvalues; i++)
                ok |= cf->values[i].b == v->b;
            if (!ok)
                rt_violation(s, DCC_RULE_VALUES, NULL, v->raw, v->len, "value not among the allowed values");
        }
        return;
    case DCC_INT8:
    case DCC_INT16:
    case DCC_INT32:
    case DCC_INT64:
        check_int(s, cf, v);
        return;
    case DCC_FLOAT32:
    case DCC_FLOAT64:
        check_float(s, cf, v);
        return;
    case DCC_DECIMAL:
        check_decimal(s, cf, v);
        return;
    case DCC_JSON:
        return;
    case DCC_LIST:
    case DCC_MAP:
    case DCC_STRUCT:
        type_error(s, cf, v);
        return;
    default:
        break;
    }
    /* the text kinds */
    if (v->t != V_STR) {
        type_error(s, cf, v);
        return;
    }
    /* A string checked only for its length needs no unescaped copy: scan_string has counted its
     * characters (escapes included) already. */
    if (cf->kind == DCC_STRING && ((cf->len_min >= 0 && (int64_t)v->cps < cf->len_min) ||
                                   (cf->len_max >= 0 && (int64_t)v->cps > cf->len_max)))
        rt_check_count(s, cf, (int64_t)v->cps, "characters", v->raw, v->len);
    if (cf->kind == DCC_STRING && !cf->d->pattern && !cf->nvalues)
        return;
    if (v->enc == ENC_RAW) {
        t = v->raw;
        n = v->len;
    } else {
        t = rt_val_text(s, v, &n);
        if (!t)
            return;
    }
    switch (cf->kind) {
    case DCC_STRING:
        if (cf->d->pattern &&
            (cf->dfa ? rt_dfa_search(cf->dfa, t, n) : dcc_dfa_search(cf->d->pattern, t, n)) != 1)
            rt_violation(s, DCC_RULE_PATTERN, NULL, v->raw, v->len, "does not match the pattern %s",
                         cf->d->pattern_text ? cf->d->pattern_text : "");
        check_values_text(s, cf, v, t, n, false);
        return;
    case DCC_BYTES: {
        size_t dec;
        if (!rt_base64_check(t, n, &dec)) {
            rt_violation(s, DCC_RULE_BYTES, NULL, v->raw, v->len, "not base64 (standard alphabet, padded)");
            return;
        }
        rt_check_count(s, cf, (int64_t)dec, "bytes", v->raw, v->len);
        check_values_text(s, cf, v, t, n, false);
        return;
    }
    case DCC_UUID:
        if (!rt_uuid_check(t, n)) {
            rt_violation(s, DCC_RULE_UUID, NULL, v->raw, v->len, "expected 8-4-4-4-12 hexadecimal digits");
            return;
        }
        check_values_text(s, cf, v, t, n, true);
        return;
    case DCC_ENUM: {
        if (!rt_enum_has(cf, t, n)) {
            rt_violation(s, DCC_RULE_VALUES, NULL, v->raw, v->len, "not a value of the enumeration");
            return;
        }
        check_values_text(s, cf, v, t, n, false);
        return;
    }
    default: { /* temporal */
        if (!cf->nvalues && !cf->has_lo && !cf->has_hi &&
            (cf->kind == DCC_DATE ? n == 10 && rt_date_plain_ok(t)
                                  : cf->kind != DCC_TIME && n == 20 && rt_ts_plain_ok(t)))
            return;
        TempVal tv;
        const char *why;
        if (!rt_temporal_parse(cf->kind, t, n, &tv, &why)) {
            rt_violation(s, DCC_RULE_TEMPORAL, NULL, v->raw, v->len, "invalid %s: %s", rt_kind_name(cf->kind), why);
            return;
        }
        if (cf->nvalues && !rt_values_has_tv(cf, &tv))
            rt_violation(s, DCC_RULE_VALUES, NULL, v->raw, v->len, "value not among the allowed values");
        if (cf->has_lo || cf->has_hi) {
            int clo = cf->has_lo ? rt_tv_cmp(&tv, &cf->lo.tv) : 1;
            int chi = cf->has_hi ? rt_tv_cmp(&tv, &cf->hi.tv) : -1;
            if (!in_range_cmp(cf, clo, chi)) {
                char b[200];
                range_msg(cf, b, sizeof b);
                rt_violation(s, DCC_RULE_RANGE, NULL, v->raw, v->len, "value outside the range %s", b);
            }
        }
        return;
    }
    }
}

/* ---- records -------------------------------------------------------------------------------- */

void rt_record_begin(dcc_stream *s, uint64_t off)
{
    s->recno++;
    if (!s->first_recno)
        s->first_recno = s->recno;
    s->rec_off = off;
    s->rec_bytes = 0;
    s->depth = 0;
    s->seen_top = 0;
    s->prefix = NULL;
    s->cur_top = -1;
    s->record_root = false;
    s->npend = 0;
    s->pbuf_len = 0;
    s->aborted = false;
    if (s->rec_nviol) {
        memset(s->rec_counts, 0, sizeof s->rec_counts);
        s->rec_nviol = 0;
    }
    size_t nf = s->v->desc->nfields;
    rt_zero_slack(s->top_state, nf * sizeof *s->top_state);
    rt_zero_slack(s->top_bad, nf * sizeof *s->top_bad);
    rt_zero_slack(s->khash_state, s->v->nkeys * sizeof *s->khash_state);
}

/* Feeds the canonical form of a top-level value into h: equal values hash equally however they
 * are written (1.50 and 1.5, escapes, uuid case, timestamp offsets). */
static void hash_text(Hash128 *h, dcc_kind kind, const char *t, size_t n);

static bool hash_value(dcc_stream *s, Hash128 *h, const CField *cf, const Val *v)
{
    rt_hash_word(h, (uint64_t)cf->kind);
    /* A value of the wrong JSON type is never part of a key; its other members may be stale
     * (left from an earlier record), so they must not be read. */
    if (is_numeric(cf->kind)) {
        if (v->t != V_NUM && v->t != V_STR)
            return false;
        NumTok t = v->num;
        if (v->t == V_STR) {
            size_t n;
            const char *x = rt_val_text(s, v, &n);
            if (!x || !rt_num_parse(x, n, &t))
                return false;
        }
        Num x;
        rt_num_norm(&t, &x);
        int64_t head[2] = {x.sign, x.point};
        rt_hash_bytes(h, head, sizeof head);
        rt_hash_bytes(h, x.a, x.an);
        rt_hash_bytes(h, x.b, x.bn);
        uint64_t len = x.an + x.bn;
        rt_hash_bytes(h, &len, sizeof len);
        return true;
    }
    if (cf->kind == DCC_BOOLEAN) {
        if (v->t != V_BOOL)
            return false;
        unsigned char b = v->b;
        rt_hash_bytes(h, &b, 1);
        return true;
    }
    if (v->t != V_STR)
        return false;
    size_t n;
    const char *t = rt_val_text(s, v, &n);
    if (!t)
        return false;
    if (is_temporal(cf->kind)) {
        TempVal tv;
        const char *why;
        if (!rt_temporal_parse(cf->kind, t, n, &tv, &why))
            return false;
        rt_hash_bytes(h, &tv.secs, sizeof tv.secs);
        rt_hash_bytes(h, &tv.nanos, sizeof tv.nanos);
        return true;
    }
    hash_text(h, cf->kind, t, n);
    return true;
}

/* Hashes text t of n bytes (unescaped) of a value of a string-like kind, not temporal, after its
 * kind word (hash_value). */
static void hash_text(Hash128 *h, dcc_kind kind, const char *t, size_t n)
{
    if (kind == DCC_UUID) {
        /* Setting bit 0x20 of every byte lowers A-F and leaves digits and '-' as they are: the
         * canonical form of a valid uuid, five words (the last two overlap). Any other value
         * is never compared, but hashed all the same. */
        if (n != 36) {
            rt_hash_bytes(h, t, n);
            return;
        }
        static const unsigned char at[5] = {0, 8, 16, 24, 28};
        for (int i = 0; i < 5; i++) {
            uint64_t w;
            memcpy(&w, t + at[i], 8);
            rt_hash_word(h, w | RT_ONES * 0x20);
        }
        return;
    }
    rt_hash_word(h, (uint64_t)n); /* as rt_hash_bytes of the 8 bytes of n would */
    size_t dec;
    if (kind == DCC_BYTES && n >= 4 && t[n - 1] == '=' && rt_base64_check(t, n, &dec)) {
        /* Bytes are equal when they decode equal: the symbol before the padding carries bits
         * that decoding drops (4 before "==", 2 before "="), so "QR==" is "QQ==", the byte 'A'.
         * The text is hashed with those bits cleared. */
        static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        size_t last = t[n - 2] == '=' ? n - 3 : n - 2;
        const char *at = strchr(alphabet, t[last]);
        char canon = alphabet[(at - alphabet) & (t[n - 2] == '=' ? 0x30 : 0x3C)];
        rt_hash_bytes(h, t, last);
        rt_hash_bytes(h, &canon, 1);
        rt_hash_bytes(h, t + last + 1, n - last - 1);
        return;
    }
    rt_hash_bytes(h, t, n);
}

void rt_key_early(dcc_stream *s, size_t f)
{
    int32_t k = s->v->early_key[f];
    if (k < 0)
        return;
    const Val *v = &s->top_val[f];
    if (s->ahead_text && k == s->v->ahead_key && v->t == V_STR && v->enc == ENC_RAW &&
        v->raw == s->ahead_text && v->len == s->ahead_n) {
        /* the very bytes key_lookahead hashed as this field's (same kind, no escapes), and
         * whose slot it has asked for */
        s->khash[k] = s->ahead_hash;
        s->khash_state[k] = 1;
        return;
    }
    Hash128 h;
    rt_hash_init(&h);
    if (!hash_value(s, &h, &s->v->root.fields[f], v)) {
        s->khash_state[k] = 2;
        return;
    }
    rt_hash_final(&h);
    s->khash[k] = h;
    s->khash_state[k] = 1;
    if (!s->defer_on && (!s->key_ahead || k != s->v->ahead_key)) /* else key_lookahead or
                                                                        key_defer asks */
        rt_hashset_prefetch(&s->sets[k], h);
}

/* dcc_stream_expect: once a key set holds RT_SIZE_KEYS_AFTER keys, it is sized for as many
 * more as the rest of the expected input would hold at the rate seen so far (up to offset, the
 * start of the record that brought the key), so that it does
 * not rehash as it grows (which moved each key twice and cost more than adding it). At most
 * the room the expected input could fill is taken; a wrong hint costs memory or time, never a
 * result. */
#define RT_SIZE_KEYS_AFTER 4096
/* The most keys a hint may size a set for. The guess is extrapolated from the first 4,096 keys and
 * the reservation is zeroed at once, so its memory is taken before a single further key arrives:
 * trusting a hint up to 2^32 keys let one wrong hint (a big `bytes`, dense first records) take
 * some 80 GB, or fail trying. 2^24 keys is about 330 MB, already the memory of a very large
 * validation; a set that will really hold more grows as usual, a segment at a time, which moves
 * each key about once more than sizing would. */
#define RT_SIZE_KEYS_MAX ((uint64_t)1 << 24)
static void size_key_set(dcc_stream *s, size_t k, uint64_t offset)
{
    uint64_t seen = s->earlier_inputs + offset;
    if (seen == 0 || s->expect <= seen)
        return;
    double per_byte = (double)s->sets[k].len / (double)seen;
    double want = per_byte * (double)s->expect;
    if (want > (double)RT_SIZE_KEYS_MAX)
        return; /* beyond what a hint may claim: grow as usual */
    (void)rt_hashset_reserve(&s->sets[k], (size_t)want); /* out of memory: grow as usual */
}

/* The names of a key's fields, comma-separated, for findings. */
static void key_names(const dcc_validator *v, const KeySpec *ks, char *names)
{
    size_t o = 0;
    for (size_t i = 0; i < ks->nfields; i++) {
        const char *nm = v->desc->fields[ks->fields[i]].name;
        if (i)
            o = rt_put(names, o, RT_PATH_MAX, ",", 1);
        o = rt_put(names, o, RT_PATH_MAX, nm, strlen(nm));
    }
    names[o] = '\0';
}

static const char *key_message(const KeySpec *ks)
{
    return ks->kind == KEY_PRIMARY ? "primary key" : "unique key";
}

/* ---- where keys were first seen --------------------------------------------------------------
 * A key set keeps, with each key, the ordinal of the record that had it first; s->where turns
 * ordinals back into record numbers, lines and inputs (see Where). */

/* Notes that record ord (of this stream's counting) is record recno on line `line` of input
 * `input`. Ordinals come in increasing order. False when out of memory. */
static bool where_note(dcc_stream *s, uint64_t ord, uint64_t recno, uint64_t line, uint32_t input)
{
    uint64_t rd = recno - ord, ld = line - ord;
    if (s->nwhere > s->where_from) {
        const Where *w = &s->where[s->nwhere - 1];
        if (w->rdelta == rd && w->ldelta == ld && w->input == input)
            return true;
    }
    if (s->nwhere == s->where_cap) {
        if (s->where_from > s->nwhere / 2) { /* half of it forgotten (windows): move down */
            memmove(s->where, s->where + s->where_from, (s->nwhere - s->where_from) * sizeof *s->where);
            s->nwhere -= s->where_from;
            s->where_from = 0;
        } else {
            size_t cap = s->where_cap ? s->where_cap * 2 : 16;
            Where *n = realloc(s->where, cap * sizeof *n);
            if (!n) {
                rt_oom(s);
                return false;
            }
            s->where = n;
            s->where_cap = cap;
        }
    }
    s->where[s->nwhere++] = (Where){ord, rd, ld, input};
    return true;
}

/* The index of the change point that covers ordinal ord (the last one at or before it). */
static size_t where_index(const dcc_stream *s, uint64_t ord)
{
    size_t lo = s->where_from, hi = s->nwhere; /* the answer lies in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (s->where[mid].ord <= ord)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

/* The place of the record whose ordinal's low bits a key set kept as `stored`, seen from the
 * record of ordinal now. */
static Place where_of(const dcc_stream *s, uint64_t now, uint64_t stored)
{
    Place p = {0, 0, 0};
    if (s->nwhere == s->where_from)
        return p;
    uint64_t ord = rt_hashset_loc(now, stored);
    const Where *w = &s->where[where_index(s, ord)];
    p.record = ord + w->rdelta;
    p.line = ord + w->ldelta;
    p.input = w->input;
    return p;
}

/* DCC_KEYS_WINDOW: the places before ordinal ord are no longer asked for. */
static void where_forget(dcc_stream *s, uint64_t ord)
{
    if (s->nwhere > s->where_from)
        s->where_from = where_index(s, ord);
}

/* The one text of DV017 and DV018 (the single stream's and the merge's), into m (RT_MSG_MAX
 * bytes): key ks (of fields `names`) of a record of input `input` was first seen at p. The
 * line says where, as file:line when it is in another input that has a name; records without
 * lines (structs) are named by number. */
static void key_dup_message(const dcc_stream *s, const KeySpec *ks, const char *names, const Place *p,
                            uint32_t input, char *m)
{
    int k;
    const char *file = p->input < s->ninput_names ? s->input_names[p->input] : NULL;
    unsigned long long line = p->line, rec = p->record, nth = (unsigned long long)p->input + 1;
    const char *what = key_message(ks);
    if (!p->record)
        k = snprintf(m, RT_MSG_MAX, "%s (%s) already seen in an earlier record", what, names);
    else if (p->input == input)
        k = p->line ? snprintf(m, RT_MSG_MAX, "%s (%s) already seen at line %llu", what, names, line)
                    : snprintf(m, RT_MSG_MAX, "%s (%s) already seen in record %llu", what, names, rec);
    else if (file)
        k = p->line ? snprintf(m, RT_MSG_MAX, "%s (%s) already seen at %s:%llu", what, names, file, line)
                    : snprintf(m, RT_MSG_MAX, "%s (%s) already seen in record %llu of %s", what, names, rec, file);
    else
        k = p->line ? snprintf(m, RT_MSG_MAX, "%s (%s) already seen at line %llu of input %llu", what, names,
                               line, nth)
                    : snprintf(m, RT_MSG_MAX, "%s (%s) already seen in record %llu of input %llu", what, names,
                               rec, nth);
    msg_cut(m, k);
}

/* opts.partition: keeps key k of this record (hash h) for dcc_stream_merge. False when out of
 * memory. */
static bool part_key(dcc_stream *s, size_t k, Hash128 h, bool dup)
{
    if (s->npkeys == s->pkeys_cap) {
        size_t cap = s->pkeys_cap ? s->pkeys_cap * 2 : 256;
        PartKey *n = realloc(s->pkeys, cap * sizeof *n);
        if (!n) {
            rt_oom(s);
            return false;
        }
        s->pkeys = n;
        s->pkeys_cap = cap;
    }
    uint32_t exc = 0;
    const KeySpec *ks = &s->v->keys[k];
    if (ks->kind != KEY_QUALITY) {
        if (s->pexc_len > UINT32_MAX - RT_EXCERPT_MAX ||
            !rt_grow(&s->pexc, &s->pexc_cap, s->pexc_len + RT_EXCERPT_MAX)) {
            rt_oom(s);
            return false;
        }
        const Val *fv = &s->top_val[ks->fields[0]];
        exc = (uint32_t)s->pexc_len;
        s->pexc_len += rt_excerpt(s->pexc + s->pexc_len, fv->raw, fv->len) + 1;
    }
    PartKey *e = &s->pkeys[s->npkeys++];
    memset(e, 0, sizeof *e);
    e->h = h;
    e->recno = s->recno;
    e->off = s->rec_off;
    e->line = s->rec_line;
    e->ord = s->stats.records;
    e->input = s->input;
    e->key = (uint32_t)k;
    e->exc = exc;
    e->dup = dup;
    return true;
}

/* DCC_KEYS_WINDOW: a record more in the window; a full window becomes the one before. */
static void key_window_step(dcc_stream *s)
{
    if (++s->win_count < s->o.key_window)
        return;
    s->win_count = 0;
    for (size_t k = 0; k < s->v->nkeys; k++) {
        rt_hashset_free(&s->old_sets[k]);
        s->old_sets[k] = s->sets[k];
        memset(&s->sets[k], 0, sizeof s->sets[k]);
    }
    where_forget(s, s->win_start); /* the window just ended is now the earliest remembered */
    s->win_start = s->stats.records + 1;
}

/* ---- deferred keys (JSON Lines and CSV, one key) ---------------------------------------------
 * Adding a key is one random access into a set far larger than the caches, which the record
 * waited on. When dcc_stream_feed reads JSON Lines or CSV against one key (not a quality rule's,
 * all keys checked, no partition, no on_record), a record read in place without a finding
 * (jsonl_record_at, rt_csv_record_at: rt_record_end_in_place) has its key hashed as the value
 * is read (rt_key_early) and kept in a ring:
 * its slot is prefetched with those of the next keys, RT_KEY_DEFER_GROUP at a time, and the key
 * is added when the ring is full, RT_KEY_DEFER records after its own. Such a
 * record has nothing to report unless its key is a duplicate, so holding its key back holds
 * back nothing else: a duplicate found later is reported then, and still in its place, since
 * every record after it in the ring has reported nothing either; any other record (and the end
 * of the feed) first adds the keys held back, in order. So the set sees the keys in the same
 * order, and the findings, their texts and the counts at the end are the same. */

/* Adds deferred key d to the set; a duplicate is reported as check_keys reports it. */
static void key_defer_add(dcc_stream *s, const DeferKey *d)
{
    const KeySpec *ks = &s->v->keys[0];
    uint64_t first = 0;
    int r = rt_hashset_add(&s->sets[0], d->h, d->ord, &first);
    if (r < 0) {
        rt_oom(s);
        return;
    }
    if (r == 1) {
        if (s->sets[0].len == RT_SIZE_KEYS_AFTER && s->expect)
            size_key_set(s, 0, d->off); /* the rate as of its record, as check_keys has it */
        return;
    }
    dcc_rule rule = ks->kind == KEY_PRIMARY ? DCC_RULE_PRIMARY_KEY : DCC_RULE_UNIQUE;
    char names[RT_PATH_MAX], path[RT_PATH_MAX], msg[RT_MSG_MAX], exc[RT_EXCERPT_MAX];
    key_names(s->v, ks, names);
    Place at = where_of(s, d->ord, first);
    key_dup_message(s, ks, names, &at, s->input, msg);
    /* what rt_violation makes of it at the record's top level */
    path[rt_put(path, 0, RT_PATH_MAX, names, strlen(names))] = '\0';
    rt_excerpt(exc, d->exc, d->exclen);
    s->stats.valid--; /* counted valid when it ended */
    s->stats.invalid++;
    s->counts[rule]++;
    s->stats.violations++;
    if (s->o.on_violation) {
        dcc_violation vi = {d->recno, d->off, path, rule, msg, exc, d->line, at.record, at.line, at.input};
        rt_deliver(s, &vi);
    }
}

/* Adds every key held back, oldest first. */
static void key_defer_flush(dcc_stream *s)
{
    s->defer_new = 0;
    while (s->ndefer > 0) {
        const DeferKey *d = &s->defer[s->defer_head];
        s->defer_head = (s->defer_head + 1) % RT_KEY_DEFER;
        s->ndefer--;
        if (!s->failed)
            key_defer_add(s, d);
    }
}

/* Holds back the key h of the record being ended (ordinal ord, its value fv), adding the
 * oldest one held when the ring is full. */
static void key_defer(dcc_stream *s, Hash128 h, uint64_t ord, const Val *fv)
{
    if (s->ndefer == RT_KEY_DEFER) {
        const DeferKey *d = &s->defer[s->defer_head];
        s->defer_head = (s->defer_head + 1) % RT_KEY_DEFER;
        s->ndefer--;
        key_defer_add(s, d);
    }
    DeferKey *d = &s->defer[(s->defer_head + s->ndefer++) % RT_KEY_DEFER];
    *d = (DeferKey){h, ord, s->recno, s->rec_off, s->rec_line, fv->raw, fv->len};
    /* the slots of RT_KEY_DEFER_GROUP keys asked for together, each at least RT_KEY_DEFER -
     * RT_KEY_DEFER_GROUP records before it is added: a prefetch whose address misses the TLB
     * holds up retirement until its page walk ends, and only walks issued back to back overlap */
    if (++s->defer_new == RT_KEY_DEFER_GROUP) {
        for (unsigned i = 0; i < RT_KEY_DEFER_GROUP; i++)
            rt_hashset_prefetch(&s->sets[0],
                                s->defer[(s->defer_head + s->ndefer - 1 - i) % RT_KEY_DEFER].h);
        s->defer_new = 0;
    }
}

static void check_keys(dcc_stream *s)
{
    const dcc_validator *v = s->v;
    uint64_t ord = s->stats.records;
    if (!where_note(s, ord, s->recno, s->rec_line, s->input))
        return;
    for (size_t k = 0; k < v->nkeys; k++) {
        const KeySpec *ks = &v->keys[k];
        if (ks->kind == KEY_QUALITY && s->o.skip_quality)
            continue; /* no quality state when quality is skipped */
        Hash128 h;
        bool ok = true;
        if (s->khash_state[k]) { /* hashed by rt_key_early */
            size_t f = ks->fields[0];
            ok = s->khash_state[k] == 1 && s->top_state[f] == TOP_PRESENT && !s->top_bad[f];
            h = s->khash[k];
        } else {
            rt_hash_init(&h);
            for (size_t i = 0; i < ks->nfields && ok; i++) {
                size_t f = ks->fields[i];
                /* a key with a null, absent or invalid part is not compared (SQL semantics) */
                ok = s->top_state[f] == TOP_PRESENT && !s->top_bad[f] &&
                     hash_value(s, &h, &v->root.fields[f], &s->top_val[f]);
            }
            rt_hash_final(&h);
        }
        if (!ok)
            continue;
        if (s->defer_rec) { /* key_defer: the stream's one key, the record without findings */
            key_defer(s, h, ord, &s->top_val[ks->fields[0]]);
            continue;
        }
        uint64_t first = 0, old;
        int r = rt_hashset_add(&s->sets[k], h, ord, &first);
        if (r < 0) {
            rt_oom(s);
            return;
        }
        /* the window before holds the earlier sighting, if any */
        if (s->old_sets && rt_hashset_find(&s->old_sets[k], h, &old)) {
            r = 0;
            first = old;
        }
        if (r == 1) {
            if (s->o.partition && !part_key(s, k, h, false))
                return;
            if (s->sets[k].len == RT_SIZE_KEYS_AFTER && s->expect && s->o.keys == DCC_KEYS_ALL)
                size_key_set(s, k, s->offset);
            continue;
        }
        if (ks->kind == KEY_QUALITY) {
            s->dups[k]++;
            continue;
        }
        dcc_rule rule = ks->kind == KEY_PRIMARY ? DCC_RULE_PRIMARY_KEY : DCC_RULE_UNIQUE;
        if (s->o.partition) {
            /* counted now, reported by the merge, which knows whether an earlier part saw the
             * key first (and where) */
            s->rec_nviol++;
            s->rec_counts[rule]++;
            if (!part_key(s, k, h, true))
                return;
            continue;
        }
        char names[RT_PATH_MAX], msg[RT_MSG_MAX];
        key_names(v, ks, names);
        Place at = where_of(s, ord, first);
        key_dup_message(s, ks, names, &at, s->input, msg);
        const Val *fv = &s->top_val[ks->fields[0]];
        s->depth = 0;
        s->prefix = NULL;
        s->cur_top = -1;
        size_t before = s->npend;
        rt_violation(s, rule, names, fv->raw, fv->len, "%s", msg);
        if (s->npend > before)
            s->pend[before].first = at;
    }
}

/* Gives the record's outcome to on_record; a non-zero answer stops the stream. */
static void record_outcome(dcc_stream *s, uint32_t nviol)
{
    if (s->o.keys == DCC_KEYS_WINDOW)
        key_window_step(s);
    if (!s->o.on_record)
        return;
    dcc_record_outcome r;
    memset(&r, 0, sizeof r);
    r.size = sizeof r;
    r.record = s->recno;
    r.byte_offset = s->rec_off;
    r.length = s->rec_bytes;
    r.valid = nviol == 0;
    r.violations = nviol;
    r.reported = nviol < RT_MAX_REPORTED ? nviol : RT_MAX_REPORTED;
    r.dropped = nviol > RT_MAX_REPORTED;
    s->in_callback = true;
    int stop = s->o.on_record(s->o.userdata, &r);
    s->in_callback = false;
    if (stop)
        s->stopped = true;
}

void rt_record_end_in_place(dcc_stream *s)
{
    s->defer_rec = s->defer_on && !s->rec_nviol && !s->aborted;
    rt_record_end(s);
    s->defer_rec = false;
}

void rt_record_end(dcc_stream *s)
{
    if (s->ndefer && !s->defer_rec) /* its findings come after those of the keys held back */
        key_defer_flush(s);
    s->stats.records++;
    if (s->aborted) {
        s->stats.invalid++;
        rt_emit(s, s->recno, s->rec_off, s->abort_rule, "", s->abort_msg, s->abort_exc);
        record_outcome(s, 1);
        return;
    }
    const dcc_validator *v = s->v;
    if (v->nkeys && s->o.keys != DCC_KEYS_OFF) {
        size_t mark = s->npkeys;
        check_keys(s);
        for (size_t i = mark; i < s->npkeys; i++) {
            s->pkeys[i].npend = (uint32_t)s->npend;
            s->pkeys[i].invalid = s->rec_nviol != 0;
        }
    }
    s->parsed++;
    if (v->desc->nquality && !s->o.skip_quality) {
        for (size_t i = 0; i < v->desc->nfields; i++) {
            const CField *cf = &v->root.fields[i];
            FieldStats *fs = &s->fstats[i];
            TopState st = s->top_state[i];
            if (st != TOP_PRESENT)
                fs->nulls++;
            bool valid = !s->top_bad[i] && (st != TOP_ABSENT || cf->may_be_absent);
            fs->valid += valid;
            if (valid && st == TOP_PRESENT && is_temporal(cf->kind) && s->top_val[i].t == V_STR) {
                size_t n;
                const char *t = rt_val_text(s, &s->top_val[i], &n);
                TempVal tv;
                const char *why;
                if (t && rt_temporal_parse(cf->kind, t, n, &tv, &why) &&
                    (!fs->has_newest || rt_tv_cmp(&tv, &fs->newest) > 0)) {
                    fs->newest = tv;
                    fs->has_newest = true;
                }
            }
        }
        rt_quality_record(s);
    }
    if (s->rec_nviol == 0) {
        s->stats.valid++;
        record_outcome(s, 0);
        return;
    }
    s->stats.invalid++;
    for (size_t r = 0; r < DCC_RULE_COUNT; r++) {
        s->counts[r] += s->rec_counts[r];
        s->stats.violations += s->rec_counts[r];
    }
    if (s->o.on_violation) {
        for (size_t i = 0; i < s->npend; i++) {
            const Pending *p = &s->pend[i];
            dcc_violation vi = {s->recno, s->rec_off, s->pbuf + p->path, p->rule, s->pbuf + p->msg,
                                s->pbuf + p->exc, s->rec_line, p->first.record, p->first.line,
                                p->first.input};
            rt_deliver(s, &vi);
        }
    }
    record_outcome(s, s->rec_nviol);
}

/* One complete record without its terminator, at stream offset off. */
static void process_record(dcc_stream *s, const char *p, size_t n, uint64_t off)
{
    if (off == 0 && n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) { /* BOM at stream start */
        p += 3;
        n -= 3;
        off += 3;
    }
    if (s->o.format == DCC_FORMAT_CSV) {
        if (n > 0)
            rt_csv_record(s, p, n, off);
        return;
    }
    size_t i = 0;
    while (i < n && (p[i] == ' ' || p[i] == '\t'))
        i++;
    if (i == n)
        return; /* blank line */
    rt_record_begin(s, off);
    s->rec_bytes = n;
    if (p[i] != '{') {
        rt_abort(s, DCC_RULE_MALFORMED, p + i, n - i, "a record must be a JSON object");
    } else {
        s->record_root = true;
        rt_json_validate(s, &s->v->root, p, n);
    }
    if (s->aborted && s->abort_rule == DCC_RULE_MALFORMED) {
        /* invalid UTF-8 anywhere explains a record better than the syntax error it caused */
        size_t ok = rt_utf8_valid_prefix((const unsigned char *)p, n);
        if (ok != n) {
            s->aborted = false;
            rt_abort(s, DCC_RULE_UTF8, p + ok, n - ok, "invalid UTF-8");
        }
    }
    rt_record_end(s);
}

/* A record that outgrew max_record_bytes: reported without being parsed. */
static void too_long(dcc_stream *s, uint64_t off, uint64_t total, const char *head, size_t headlen)
{
    rt_record_begin(s, off);
    s->rec_bytes = total;
    rt_abort(s, DCC_RULE_MALFORMED, head, headlen, "record longer than %zu bytes", s->o.max_record_bytes);
    rt_record_end(s);
}

/* Adds [p, p+n) to the open record; `complete` ends it. The record is copied only when it
 * spans chunks; memory stays below max_record_bytes. */
static void consume(dcc_stream *s, const char *p, size_t n, bool complete)
{
    if (!s->rec_open) {
        s->rec_open = true;
        s->rec_start = s->offset;
        s->rec_total = 0;
        s->rec_len = 0;
        s->rec_overflow = false;
    }
    s->rec_total += n;
    s->offset += n;
    size_t max = s->o.max_record_bytes;
    if (complete && s->rec_total == n) { /* entirely in this chunk: no copy */
        if (n > max)
            too_long(s, s->rec_start, n, p, max); /* the head, as a record split across chunks keeps */
        else
            process_record(s, p, n, s->rec_start);
        s->rec_open = false;
        return;
    }
    if (!s->rec_overflow) {
        /* Past max only the first max bytes are kept, so that the excerpt of the too-long record
         * is the same however the input was chunked. */
        bool over = s->rec_total > max;
        size_t keep = over ? max - s->rec_len : n;
        if (!rt_grow(&s->rec, &s->rec_cap, s->rec_len + keep + 1)) {
            rt_oom(s);
            return;
        }
        if (keep)
            memcpy(s->rec + s->rec_len, p, keep);
        s->rec_len += keep;
        s->rec_overflow = over;
    }
    if (complete) {
        if (s->rec_overflow)
            too_long(s, s->rec_start, s->rec_total, s->rec, s->rec_len);
        else
            process_record(s, s->rec, s->rec_len, s->rec_start);
        s->rec_open = false;
        s->rec_len = 0;
    }
}

/* The end of the current CSV record in [p, end), or NULL (rt_csv_find_end keeps the state). */
static const char *csv_find_end(dcc_stream *s, const char *p, const char *end)
{
    return rt_csv_find_end(&s->csv_state, s->o.csv_delimiter, p, end);
}

void dcc_stream_expect(dcc_stream *s, uint64_t bytes)
{
    if (s && !s->in_callback)
        s->expect = s->earlier_inputs + s->offset + bytes;
}

/* JSON Lines: a record's key slot is prefetched when the record is read (rt_key_early), but one
 * record ahead is not enough time on machines where the set's random access also waits on a page
 * walk: the prefetch itself stalls (perf: 10% of the time on 400 MB of orders). So while record i
 * is validated, the slots of the keys up to RT_KEY_AHEAD lines on have been asked for (at least
 * RT_KEY_AHEAD - RT_KEY_BATCH, except on a ring's first lines), when that key is easy to find:
 * a one-field string or uuid key, written "name":"text" without escapes. A guess that is
 * wrong (the name inside a nested object, say) only costs a useless prefetch: nothing depends
 * on it; a guess that is right also saves hashing the key again (rt_key_early checks that the
 * value it read is the very bytes hashed here). Lines are read ahead RT_KEY_BATCH at a time,
 * so that the page walks of their slots' addresses overlap, and kept in a ring. */
#define RT_KEY_AHEAD 16
#define RT_KEY_BATCH 8

/* A line read ahead: where it starts, and its key's text (NULL: none found), length and hash. */
typedef struct {
    const char *line, *text;
    size_t n;
    Hash128 h;
} AheadLine;
typedef struct {
    AheadLine ring[RT_KEY_AHEAD];
    unsigned head, count; /* the oldest line in ring[head], count lines in all */
    const char *next;     /* the start of the line after the last one read ahead */
} KeyAhead;

/* The key's text [*t, *t + *n) in line [p, e) when it can be read off the bytes, hashed into *h. */
static bool key_lookahead_line(const dcc_stream *s, const char *p, const char *e, const char **text,
                               size_t *tn, Hash128 *h)
{
    const dcc_validator *v = s->v;
    const char *q = p;
    for (;;) {
        q = memchr(q, '"', (size_t)(e - q));
        if (!q || (size_t)(e - q) < v->ahead_len)
            return false;
        if (memcmp(q, v->ahead_name, v->ahead_len) == 0)
            break;
        /* skip this string: to its closing quote (an escaped quote ends nothing) */
        q++;
        while (q < e && *q != '"')
            q += *q == '\\' ? 2 : 1;
        if (q >= e)
            return false;
        q++;
    }
    q += v->ahead_len;
    while (q < e && (*q == ' ' || *q == '\t'))
        q++;
    if (q == e || *q != ':')
        return false;
    q++;
    while (q < e && (*q == ' ' || *q == '\t'))
        q++;
    if (q == e || *q != '"')
        return false; /* a string member; a member name would not be followed by ':' then */
    const char *t = ++q;
    q = memchr(t, '"', (size_t)(e - t));
    if (!q || memchr(t, '\\', (size_t)(q - t)))
        return false;
    size_t f = v->keys[v->ahead_key].fields[0];
    rt_hash_init(h);
    rt_hash_word(h, (uint64_t)v->root.fields[f].kind);
    hash_text(h, v->root.fields[f].kind, t, (size_t)(q - t));
    rt_hash_final(h);
    *text = t;
    *tn = (size_t)(q - t);
    return true;
}

/* Takes the line at p (a record's start) out of the ring into s->ahead_*, after reading lines
 * ahead of it: when at most RT_KEY_AHEAD - RT_KEY_BATCH are queued, the next RT_KEY_BATCH
 * lines are read and their slots prefetched together. Lines are split at LF only, so a p
 * inside the line read last (after the CR of a CRLF) takes nothing; lines before p are
 * dropped, and a ring left empty starts again from p. */
static void key_lookahead(dcc_stream *s, KeyAhead *ka, const char *p, const char *end)
{
    s->ahead_text = NULL;
    if (ka->count > 0 && p < ka->ring[ka->head].line)
        return;
    while (ka->count > 0 && ka->ring[ka->head].line < p) {
        ka->head = (ka->head + 1) % RT_KEY_AHEAD;
        ka->count--;
    }
    if (ka->count == 0 && ka->next != p) {
        ka->head = 0;
        ka->next = p;
    }
    if (ka->count <= RT_KEY_AHEAD - RT_KEY_BATCH) {
        /* all the lines first, then all the prefetches: a prefetch whose address misses the
         * TLB holds up retirement until its page walk ends, and only walks issued back to back
         * overlap (one prefetch after each line's hashing: 4.6 instead of 1.4 s of samples in
         * rt_hashset_prefetch on 2 GB) */
        Hash128 h[RT_KEY_AHEAD];
        unsigned want = ka->count == 0 ? RT_KEY_AHEAD : RT_KEY_BATCH, n = 0;
        for (unsigned i = 0; i < want && ka->next < end; i++) {
            const char *nl = memchr(ka->next, '\n', (size_t)(end - ka->next));
            if (!nl)
                break;
            AheadLine *a = &ka->ring[(ka->head + ka->count) % RT_KEY_AHEAD];
            a->line = ka->next;
            if (key_lookahead_line(s, ka->next, nl, &a->text, &a->n, &a->h))
                h[n++] = a->h;
            else
                a->text = NULL;
            ka->count++;
            ka->next = nl + 1;
        }
        HashSet *set = &s->sets[s->v->ahead_key];
        for (unsigned i = 0; i < n; i++)
            rt_hashset_prefetch(set, h[i]);
    }
    if (ka->count > 0 && ka->ring[ka->head].line == p) {
        const AheadLine *a = &ka->ring[ka->head];
        s->ahead_text = a->text;
        s->ahead_n = a->n;
        s->ahead_hash = a->h;
        ka->head = (ka->head + 1) % RT_KEY_AHEAD;
        ka->count--;
    }
}

/* JSON Lines: a record wholly inside the chunk (p at the start of a line, not the first of the
 * stream, whose byte-order mark process_record handles) is validated where it starts, its end
 * found by the reading itself instead of by searching for the line end first, which read every
 * byte once more. Only a record that is read without any finding and ends its line (spaces or
 * tabs, then LF or CR) is taken; anything else (and any finding, whose excerpt may reach past
 * the line) is undone, as if never begun, and the caller reads it the general way. Returns the
 * line end, or NULL. */
static const char *jsonl_record_at(dcc_stream *s, const char *p, const char *end)
{
    if (*p != '{' || s->offset == 0)
        return NULL;
    uint64_t recno = s->recno;
    rt_record_begin(s, s->offset);
    s->record_root = true;
    const char *q = rt_json_line(s, p, end);
    if (q)
        while (q < end && (*q == ' ' || *q == '\t'))
            q++;
    if (!q || q == end || (*q != '\n' && *q != '\r') || s->rec_nviol || s->aborted ||
        (size_t)(q - p) > s->o.max_record_bytes) {
        s->recno = recno;
        return NULL;
    }
    s->rec_bytes = (uint64_t)(q - p);
    rt_record_end_in_place(s);
    return q;
}

/* Adds the line ends in [p, p+n) to s->lines: LF, CR, and CRLF as one (also across chunks). */
static void count_lines(dcc_stream *s, const char *p, size_t n)
{
    if (n == 0)
        return;
    const char *end = p + n;
    uint64_t k = 0;
    for (const char *q = p; (q = memchr(q, '\n', (size_t)(end - q))) != NULL; q++)
        k += !(q > p ? q[-1] == '\r' : s->last_cr);
    for (const char *q = p; (q = memchr(q, '\r', (size_t)(end - q))) != NULL; q++)
        k++;
    s->lines += k;
    s->last_cr = end[-1] == '\r';
}

/* The lines of a CSV record [p, e] with its terminator at e. Line ends inside it are in quoted
 * cells only, so a record read whole without a quote, or whose splitter saw no line end inside
 * quotes (one_line), has just its terminator; a record that began in an earlier chunk may be
 * inside quotes opened there and is counted byte by byte. */
static void csv_count_lines(dcc_stream *s, const char *p, const char *e, bool whole, bool one_line)
{
    if (whole && (one_line || !memchr(p, '"', (size_t)(e - p)))) {
        if (e > p)
            s->last_cr = false; /* a CR before the record is not the CR of a CRLF at e */
        /* count_lines(s, e, 1) without its two searches: an LF after a CR is that CR's line */
        s->lines += *e == '\r' || !s->last_cr;
        s->last_cr = *e == '\r';
    } else
        count_lines(s, p, (size_t)(e - p) + 1);
}

/* CSV: whether the one key's value is read where it stands in the chunk, as a deferred key's
 * excerpt needs (key_defer): a list, map, struct or json cell with doubled quotes is read from
 * a copy that the next such cell overwrites. */
static bool csv_key_in_place(const dcc_validator *v)
{
    dcc_kind k = v->root.fields[v->keys[0].fields[0]].kind;
    return k != DCC_LIST && k != DCC_MAP && k != DCC_STRUCT && k != DCC_JSON;
}

/* What an entry point returns: a stream made by the 0.1 entry point gets -1 for every error, as
 * 0.1 documented. */
static int ret(const dcc_stream *s, int rc)
{
    return rc < 0 && s && s->abi1 ? -1 : rc;
}

/* Why the stream takes no call now (a dcc_status), or 0. */
static int refused(const dcc_stream *s)
{
    if (!s)
        return DCC_EINVAL;
    if (s->in_callback)
        return DCC_EREENTRANT;
    if (s->failed)
        return DCC_EFAILED;
    if (s->stopped)
        return DCC_ESTOPPED;
    return s->finished ? DCC_EFINISHED : DCC_OK;
}

/* The result of a call that was taken: the cause when it failed the stream. */
static int outcome(const dcc_stream *s)
{
    return ret(s, s->failed ? s->error : s->stopped ? DCC_ESTOPPED : DCC_OK);
}

int dcc_stream_feed(dcc_stream *s, const char *bytes, size_t n)
{
    int rc = refused(s);
    if (!rc && !bytes && n)
        rc = DCC_EINVAL;
    if (rc)
        return ret(s, rc);
    const char *p = bytes, *end = bytes + n;
    bool csv = s->o.format == DCC_FORMAT_CSV;
    KeyAhead ka = {.next = NULL};
    const dcc_validator *v = s->v;
    s->defer_on = v->nkeys == 1 && v->keys[0].nfields == 1 && v->keys[0].kind != KEY_QUALITY &&
                  s->o.keys == DCC_KEYS_ALL && !s->o.partition && !s->old_sets && !s->o.on_record &&
                  (!csv || csv_key_in_place(v));
    bool ahead_on = !csv && !s->defer_on && v->ahead_key >= 0 && s->o.keys != DCC_KEYS_OFF;
    s->key_ahead = ahead_on;
    while (p < end && !s->failed && !s->stopped) {
        const char *t;
        bool whole = !s->rec_open; /* the record starts here, in this chunk */
        s->ahead_text = NULL;
        if (whole)
            s->rec_line = s->lines + 1;
        if (csv) {
            /* a record wholly inside the chunk is split and validated in one pass */
            if (whole && s->csv_have_header && s->offset > 0) {
                bool one_line;
                const char *e = rt_csv_record_at(s, p, end, &one_line);
                if (e) {
                    csv_count_lines(s, p, e, true, one_line);
                    s->offset += (uint64_t)(e - p) + 1;
                    p = e + 1;
                    continue;
                }
            }
            t = csv_find_end(s, p, end);
        } else { /* a record ends at LF or CR; CRLF leaves an empty line, which is skipped */
            if (whole) {
                if (ahead_on)
                    key_lookahead(s, &ka, p, end);
                const char *e = jsonl_record_at(s, p, end);
                if (e) {
                    /* count_lines(s, e, 1) after the record's bytes (which come after any CR
                     * before it): its LF or CR ends one line */
                    s->lines++;
                    s->last_cr = *e == '\r';
                    s->offset += (uint64_t)(e - p) + 1;
                    p = e + 1;
                    continue;
                }
            }
            t = memchr(p, '\n', (size_t)(end - p));
            const char *cr = memchr(p, '\r', (size_t)((t ? t : end) - p));
            if (cr)
                t = cr;
        }
        if (!t) {
            consume(s, p, (size_t)(end - p), false);
            if (csv) /* (a JSON Lines record holds no line end before its terminator) */
                count_lines(s, p, (size_t)(end - p));
            break;
        }
        consume(s, p, (size_t)(t - p), true);
        if (csv) {
            csv_count_lines(s, p, t, whole, false);
        } else {
            if (t > p || !whole) /* record bytes (here or in an earlier chunk) before t */
                s->last_cr = false;
            count_lines(s, t, 1);
        }
        s->offset++; /* the terminator */
        p = t + 1;
    }
    key_defer_flush(s);
    s->defer_on = false;
    s->key_ahead = false;
    s->ahead_text = NULL;
    return outcome(s);
}

int dcc_validate_record(dcc_stream *s, const char *rec, size_t n)
{
    int rc = refused(s);
    if (!rc && !rec && n)
        rc = DCC_EINVAL;
    if (rc)
        return ret(s, rc);
    size_t m = n;
    while (m > 0 && (rec[m - 1] == '\n' || rec[m - 1] == '\r'))
        m--;
    if (s->o.format == DCC_FORMAT_CSV) {
        s->csv_state = CS_START;
    }
    s->rec_line = s->lines + 1;
    count_lines(s, rec, n);
    if (n == 0 || (rec[n - 1] != '\n' && rec[n - 1] != '\r')) { /* a record given alone ends its line */
        s->lines++;
        s->last_cr = false;
    }
    if (m > s->o.max_record_bytes) /* not read past the limit, as in a fed stream */
        too_long(s, s->offset, m, rec, s->o.max_record_bytes);
    else
        process_record(s, rec, m, s->offset);
    s->offset += n;
    return outcome(s);
}

int dcc_validate_struct(dcc_stream *s, const void *rec)
{
    int rc = refused(s);
    if (!rc && !rec)
        rc = DCC_EINVAL;
    if (rc)
        return ret(s, rc);
    s->rec_line = 0; /* a struct has no lines */
    rt_struct_record(s, rec);
    return outcome(s);
}

/* Columns of the header just ended count as seen for the whole stream. */
static void csv_note_columns(dcc_stream *s)
{
    for (size_t i = 0; i < s->v->desc->nfields; i++)
        if (s->field_has_col[i]) s->field_col_seen[i] = true;
}

int dcc_stream_next_input(dcc_stream *s)
{
    int rc = refused(s);
    if (rc)
        return ret(s, rc);
    if (s->rec_open)
        consume(s, "", 0, true);
    if (s->o.format == DCC_FORMAT_CSV && !s->o.csv_no_header) {
        csv_note_columns(s);
        for (size_t i = 0; i < s->ncols; i++)
            free(s->col_name[i]);
        s->ncols = 0;
        s->csv_have_header = false;
        memset(s->field_has_col, 0, s->v->desc->nfields * sizeof *s->field_has_col);
    }
    s->csv_state = CS_START;
    s->recno = 0;
    s->input++;
    s->lines = 0;
    s->last_cr = false;
    s->earlier_inputs += s->offset;
    s->offset = 0;
    return outcome(s);
}

/* A declared column that no input's header has: the files follow another version of the
 * schema. Required fields were already reported on every row (DV004); this reports the others
 * once, so that a file written before an optional column was added is told apart. */
static void csv_missing_columns(dcc_stream *s)
{
    if (s->o.format != DCC_FORMAT_CSV || s->o.csv_no_header || s->csv_headers == 0)
        return;
    csv_note_columns(s);
    for (size_t i = 0; i < s->v->desc->nfields; i++) {
        if (s->field_col_seen[i] || !s->v->root.fields[i].may_be_absent)
            continue;
        s->rec_off = 0;
        rt_emit_header(s, DCC_RULE_MISSING, s->v->desc->fields[i].name,
                       "declared column absent from the header of every input", NULL, 0);
    }
}

int dcc_stream_finish(dcc_stream *s)
{
    int rc = refused(s);
    if (rc)
        return ret(s, rc);
    if (s->rec_open)
        consume(s, "", 0, true);
    s->finished = true;
    s->rec_line = 0; /* what follows is about the dataset */
    if (s->stopped || s->o.partition) /* a part's columns and quality are judged by the merge */
        return outcome(s);
    csv_missing_columns(s);
    if (!s->o.skip_quality && !s->failed)
        rt_quality_eval(s);
    return outcome(s);
}

/* Used by csv.c for findings about the header (record 0). */
void rt_emit_header(dcc_stream *s, dcc_rule r, const char *path, const char *msg, const char *exc,
                    size_t exclen)
{
    if (s->quiet_header)
        return;
    char e[RT_EXCERPT_MAX];
    rt_excerpt(e, exc ? exc : "", exc ? exclen : 0);
    rt_emit(s, 0, s->rec_off, r, path, msg, e);
}

/* ---- long-running streams and partitions ------------------------------------------------------ */

int dcc_stream_reset(dcc_stream *s)
{
    if (!s)
        return DCC_EINVAL;
    if (s->in_callback)
        return ret(s, DCC_EREENTRANT);
    const dcc_validator *v = s->v;
    size_t nf = v->desc->nfields ? v->desc->nfields : 1, nk = v->nkeys ? v->nkeys : 1;
    free_key_sets(s);
    memset(s->dups, 0, nk * sizeof *s->dups);
    memset(s->fstats, 0, nf * sizeof *s->fstats);
    memset(s->qcount, 0, (v->desc->nquality ? v->desc->nquality : 1) * sizeof *s->qcount);
    memset(s->counts, 0, sizeof s->counts);
    memset(&s->stats, 0, sizeof s->stats);
    free(s->pkeys);
    free(s->pexc);
    s->pkeys = NULL;
    s->pexc = NULL;
    s->npkeys = s->pkeys_cap = s->pexc_len = s->pexc_cap = 0;
    if (s->o.format == DCC_FORMAT_CSV && !s->o.csv_no_header) {
        for (size_t i = 0; i < s->ncols; i++)
            free(s->col_name[i]);
        s->ncols = 0;
        s->csv_have_header = false;
        memset(s->field_has_col, 0, nf * sizeof *s->field_has_col);
    }
    memset(s->field_col_seen, 0, nf * sizeof *s->field_col_seen);
    s->csv_dup_warned = false;
    s->csv_headers = 0;
    s->csv_state = CS_START;
    s->rec_open = false;
    s->rec_len = 0;
    s->recno = s->first_recno = s->parsed = 0;
    s->offset = s->earlier_inputs = s->expect = 0;
    s->lines = s->rec_line = 0; /* lines count from the first byte fed after the reset too */
    s->last_cr = false;
    s->win_count = 0;
    s->win_start = 1;
    s->nwhere = s->where_from = 0;
    s->input = 0;
    free_input_names(s);
    s->finished = s->failed = s->stopped = false;
    s->error = 0;
    return DCC_OK;
}

int dcc_stream_set_position(dcc_stream *s, uint64_t next_record, uint64_t next_offset)
{
    int rc = refused(s);
    if (!rc && (s->rec_open || next_record == 0))
        rc = DCC_EINVAL;
    if (rc)
        return ret(s, rc);
    /* bytes seen so far stay what they were for dcc_stream_expect's rate (modulo 2^64) */
    s->earlier_inputs += s->offset - next_offset;
    s->offset = next_offset;
    s->recno = next_record - 1;
    return DCC_OK;
}

int dcc_stream_csv_header(dcc_stream *s, const char *row, size_t n)
{
    int rc = refused(s);
    if (!rc && ((!row && n) || s->o.format != DCC_FORMAT_CSV || s->o.csv_no_header ||
                s->csv_have_header || s->rec_open || s->stats.records || n > s->o.max_record_bytes))
        rc = DCC_EINVAL;
    if (rc)
        return ret(s, rc);
    if (n >= 3 && memcmp(row, "\xEF\xBB\xBF", 3) == 0) {
        row += 3;
        n -= 3;
    }
    if (n && row[n - 1] == '\n')
        n--;
    if (n && row[n - 1] == '\r')
        n--;
    int state = CS_START;
    if (n && rt_csv_find_end(&state, s->o.csv_delimiter, row, row + n))
        return ret(s, DCC_EINVAL); /* more than one row */
    s->quiet_header = true;
    rt_csv_record(s, row, n, 0);
    s->quiet_header = false;
    return outcome(s);
}

int dcc_stream_set_line(dcc_stream *s, uint64_t next_line)
{
    int rc = refused(s);
    if (!rc && (s->rec_open || next_line == 0))
        rc = DCC_EINVAL;
    if (rc)
        return ret(s, rc);
    s->lines = next_line - 1;
    s->last_cr = false;
    return DCC_OK;
}

/* Names are escaped as excerpts are (a file name may hold any byte but NUL), at most this many
 * bytes of them. */
#define RT_INPUT_NAME_MAX 160

int dcc_stream_name_input(dcc_stream *s, const char *name)
{
    int rc = refused(s);
    if (!rc && !name)
        rc = DCC_EINVAL;
    if (rc)
        return ret(s, rc);
    if (s->input >= s->ninput_names) {
        size_t n = (size_t)s->input + 1;
        char **names = realloc(s->input_names, n * sizeof *names);
        if (!names)
            return ret(s, DCC_ENOMEM);
        for (size_t i = s->ninput_names; i < n; i++)
            names[i] = NULL;
        s->input_names = names;
        s->ninput_names = n;
    }
    char *copy = malloc(RT_INPUT_NAME_MAX + 8);
    if (!copy)
        return ret(s, DCC_ENOMEM);
    rt_escape(copy, RT_INPUT_NAME_MAX, name, strlen(name));
    free(s->input_names[s->input]);
    s->input_names[s->input] = copy;
    return DCC_OK;
}

/* Gives into's on_violation part's key finding e (a duplicate of a key first seen at the place
 * into's key set keeps as `first`), as the single stream would. */
static void merge_report(dcc_stream *into, const dcc_stream *part, const PartKey *e, uint64_t ord,
                         bool known, uint64_t first)
{
    if (!into->o.on_violation)
        return;
    const KeySpec *ks = &into->v->keys[e->key];
    char names[RT_PATH_MAX], msg[RT_MSG_MAX];
    key_names(into->v, ks, names);
    Place at = {0, 0, 0};
    if (known)
        at = where_of(into, ord, first);
    key_dup_message(into, ks, names, &at, e->input, msg);
    dcc_violation vi = {e->recno, e->off, names,
                        ks->kind == KEY_PRIMARY ? DCC_RULE_PRIMARY_KEY : DCC_RULE_UNIQUE, msg,
                        part->pexc + e->exc, e->line, at.record, at.line, at.input};
    rt_deliver(into, &vi);
}

int dcc_stream_merge(dcc_stream *into, const dcc_stream *part)
{
    int rc = refused(into);
    if (!rc && part && part != into && part->failed)
        rc = DCC_EFAILED; /* a part that failed cannot be merged: its keys and counts are partial */
    if (!rc && (!part || part == into || part->v != into->v || !part->o.partition ||
                into->o.partition || !part->finished || part->o.keys != into->o.keys ||
                (part->o.skip_quality && !into->o.skip_quality) ||
                (part->first_recno && part->first_recno <= into->recno)))
        rc = DCC_EINVAL;
    if (rc)
        return ret(into, rc);
    const dcc_validator *v = into->v;
    /* the part's records are numbered on from into's in into's ordinals */
    uint64_t base = into->stats.records;
    /* key findings across parts, record by record in the part's order */
    for (size_t i = 0; i < part->npkeys && !into->failed;) {
        size_t j = i;
        uint32_t pos = part->pkeys[i].npend; /* the record's next violation's place */
        bool newly_invalid = false;
        const PartKey *r0 = &part->pkeys[i];
        uint64_t ord = base + r0->ord;
        if (!where_note(into, ord, r0->recno, r0->line, r0->input))
            break;
        for (; j < part->npkeys && part->pkeys[j].recno == part->pkeys[i].recno; j++) {
            const PartKey *e = &part->pkeys[j];
            const KeySpec *ks = &v->keys[e->key];
            uint64_t first = 0;
            bool known;
            if (!e->dup) {
                int r = rt_hashset_add(&into->sets[e->key], e->h, ord, &first);
                if (r < 0) {
                    rt_oom(into);
                    break;
                }
                if (r == 1)
                    continue;
                if (ks->kind == KEY_QUALITY) {
                    into->dups[e->key]++;
                    continue;
                }
                dcc_rule rule = ks->kind == KEY_PRIMARY ? DCC_RULE_PRIMARY_KEY : DCC_RULE_UNIQUE;
                into->counts[rule]++;
                into->stats.violations++;
                newly_invalid |= !e->invalid;
                known = true;
            } else { /* the part's own duplicate: its first sighting was merged before it */
                known = rt_hashset_find(&into->sets[e->key], e->h, &first);
            }
            if (pos < RT_MAX_REPORTED)
                merge_report(into, part, e, ord, known, first);
            pos++;
        }
        if (newly_invalid) {
            into->stats.valid--;
            into->stats.invalid++;
        }
        i = j;
    }
    if (into->failed)
        return outcome(into);
    /* counters: the merge's own findings above were added to into's directly */
    into->stats.records += part->stats.records;
    into->stats.valid += part->stats.valid;
    into->stats.invalid += part->stats.invalid;
    into->stats.violations += part->stats.violations;
    for (size_t r = 0; r < DCC_RULE_COUNT; r++)
        into->counts[r] += part->counts[r];
    into->parsed += part->parsed;
    for (size_t k = 0; k < v->nkeys; k++)
        into->dups[k] += part->dups[k];
    for (size_t q = 0; q < v->desc->nquality; q++)
        into->qcount[q] += part->qcount[q];
    for (size_t f = 0; f < v->desc->nfields; f++) {
        FieldStats *a = &into->fstats[f];
        const FieldStats *b = &part->fstats[f];
        a->nulls += b->nulls;
        a->valid += b->valid;
        if (b->has_newest && (!a->has_newest || rt_tv_cmp(&b->newest, &a->newest) > 0)) {
            a->newest = b->newest;
            a->has_newest = true;
        }
        into->field_col_seen[f] |= part->field_col_seen[f] || part->field_has_col[f];
    }
    into->csv_headers += part->csv_headers;
    if (part->recno > into->recno)
        into->recno = part->recno;
    return outcome(into);
}

dcc_violation *dcc_violation_copy(const dcc_violation *v)
{
    if (!v)
        return NULL;
    const char *path = v->field_path ? v->field_path : "", *msg = v->message ? v->message : "",
               *exc = v->excerpt ? v->excerpt : "";
    size_t np = strlen(path) + 1, nm = strlen(msg) + 1, ne = strlen(exc) + 1;
    dcc_violation *c = malloc(sizeof *c + np + nm + ne);
    if (!c)
        return NULL;
    char *t = (char *)(c + 1);
    *c = *v;
    c->field_path = memcpy(t, path, np);
    c->message = memcpy(t + np, msg, nm);
    c->excerpt = memcpy(t + np + nm, exc, ne);
    return c;
}

void dcc_violation_free(dcc_violation *v)
{
    free(v);
}
