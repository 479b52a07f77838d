/* struct.c - validates a filled C record struct (the struct binding of dcc_rt.h) by walking the
 * descriptor's offsets: the same checks as JSON and CSV, reached through memory instead of text.
 * Recursion follows the descriptor (at most 64 levels, checked at compile), never the data. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcc_rt_internal.h"

static bool frame_push(dcc_stream *s, const CField *cf, int mode, bool is_obj)
{
    if (s->depth >= s->o.max_depth) {
        rt_violation(s, DCC_RULE_DEPTH, NULL, NULL, 0, "nesting deeper than %u levels", s->o.max_depth);
        return false;
    }
    Frame *f = &s->frames[s->depth++];
    memset(f, 0, sizeof *f);
    f->cf = cf;
    f->mode = (uint8_t)mode;
    f->is_obj = is_obj;
    f->cur = -1;
    f->last = -1;
    f->seen_base = s->seen_top;
    return true;
}

static void value(dcc_stream *s, const CField *cf, const char *at, char *numbuf);

static void walk_struct(dcc_stream *s, const CField *cf, const char *base, bool top)
{
    if (!frame_push(s, cf, FM_STRUCT, true))
        return;
    Frame *f = &s->frames[s->depth - 1];
    size_t nabsent = 0;
    for (size_t i = 0; i < cf->nfields; i++) {
        const CField *fc = &cf->fields[i];
        const dcc_field_desc *d = fc->d;
        f->cur = (int32_t)i;
        if (top)
            s->cur_top = (int32_t)i;
        bool absent = false, has = true;
        if (d->c_absent_offset)
            memcpy(&absent, base + d->c_absent_offset, sizeof absent);
        if (absent) { /* as a JSON object without the key: judged after the values, below */
            nabsent++;
            if (top)
                s->top_state[i] = TOP_ABSENT;
            continue;
        }
        if (d->optional)
            memcpy(&has, base + d->c_has_offset, sizeof has);
        if (!has) {
            if (top)
                s->top_state[i] = TOP_NULL;
            continue;
        }
        if (top)
            s->top_state[i] = TOP_PRESENT;
        value(s, fc, base + d->c_offset, top ? s->numtext + i * RT_NUMTEXT : NULL);
    }
    if (top)
        s->cur_top = -1;
    /* What a JSON object's end reports of the keys it lacked, in declaration order: so the
     * struct gives the violations of the JSON record that leaves the same fields out. */
    f->cur = -1;
    for (size_t i = 0; nabsent && i < cf->nfields; i++) {
        const CField *fc = &cf->fields[i];
        bool absent = false;
        if (fc->d->c_absent_offset)
            memcpy(&absent, base + fc->d->c_absent_offset, sizeof absent);
        if (absent && !fc->may_be_absent)
            rt_violation(s, DCC_RULE_MISSING, fc->d->name, NULL, 0, "required field absent");
        nabsent -= absent;
    }
    s->depth--;
}

/* Element k of an array of e's C type (a list's items, a map's values). */
static void element(dcc_stream *s, const CField *e, const void *items, size_t k)
{
    const char *item = (const char *)items + k * e->d->c_size;
    if (e->kind == DCC_STRUCT)
        walk_struct(s, e, item, false);
    else
        value(s, e, item + e->d->c_offset, NULL);
}

static void text_value(dcc_stream *s, const CField *cf, const dcc_str *str, Val *v)
{
    v->t = V_STR;
    v->enc = ENC_RAW;
    v->raw = str->ptr ? str->ptr : "";
    v->len = str->ptr ? str->len : 0;
    v->b = false;
    v->cps = rt_utf8_count((const unsigned char *)v->raw, v->len);
    (void)s;
    (void)cf;
}

static void value(dcc_stream *s, const CField *cf, const char *at, char *numbuf)
{
    char local[RT_NUMTEXT];
    char *nb = numbuf ? numbuf : local;
    Val v;
    memset(&v, 0, sizeof v);
    switch (cf->kind) {
    case DCC_BOOLEAN: {
        bool b;
        memcpy(&b, at, sizeof b);
        v.t = V_BOOL;
        v.b = b;
        v.raw = b ? "true" : "false";
        v.len = strlen(v.raw);
        break;
    }
    case DCC_INT8:
    case DCC_INT16:
    case DCC_INT32:
    case DCC_INT64: {
        long long x;
        if (cf->kind == DCC_INT8) { int8_t t; memcpy(&t, at, 1); x = t; }
        else if (cf->kind == DCC_INT16) { int16_t t; memcpy(&t, at, 2); x = t; }
        else if (cf->kind == DCC_INT32) { int32_t t; memcpy(&t, at, 4); x = t; }
        else { int64_t t; memcpy(&t, at, 8); x = t; }
        int k = snprintf(nb, RT_NUMTEXT, "%lld", x);
        v.t = V_NUM;
        v.raw = nb;
        v.len = (size_t)k;
        rt_num_parse(nb, v.len, &v.num);
        break;
    }
    case DCC_FLOAT32:
    case DCC_FLOAT64: {
        double x;
        if (cf->kind == DCC_FLOAT32) { float t; memcpy(&t, at, sizeof t); x = t; }
        else memcpy(&x, at, sizeof x);
        if (!isfinite(x)) {
            const char *t = isnan(x) ? "nan" : x < 0 ? "-inf" : "inf";
            rt_violation(s, DCC_RULE_FLOAT, NULL, t, strlen(t), "not a finite number");
            return;
        }
        /* A double stands for the shortest decimal that reads back as it (a float32, as the
         * same float): 0.1 is "0.1", the text JSON.stringify, Python's repr, Go and Rust write
         * for it. That text is compared exactly with the bounds and allowed values, as the JSON
         * path compares the text it reads, so both agree on what such a printer wrote; a double
         * is not its exact binary value (0.1000000000000000055...), which would put 0.1 above
         * a bound of 0.1 (docs/c-target.md, "Floats"). %.*g gives the nearest decimal of each
         * length, so the first that reads back is the shortest. */
        int m = 0;
        for (int digits = 1; digits <= 17; digits++) {
            m = snprintf(nb, RT_NUMTEXT, "%.*g", digits, x);
            if (cf->kind == DCC_FLOAT32 ? strtof(nb, NULL) == (float)x : strtod(nb, NULL) == x)
                break;
        }
        v.t = V_NUM;
        v.raw = nb;
        v.len = (size_t)m;
        if (!rt_num_parse(nb, v.len, &v.num)) { /* "1e+20": the C exponent sign is JSON too */
            rt_violation(s, DCC_RULE_FLOAT, NULL, nb, v.len, "cannot represent the number");
            return;
        }
        break;
    }
    case DCC_BYTES: {
        dcc_str b;
        memcpy(&b, at, sizeof b);
        if (!b.ptr && b.len) {
            rt_violation(s, DCC_RULE_TYPE, NULL, NULL, 0, "NULL pointer with a length");
            return;
        }
        rt_check_count(s, cf, (int64_t)b.len, "bytes", NULL, 0);
        return;
    }
    case DCC_LIST: {
        dcc_list l;
        memcpy(&l, at, sizeof l);
        if (!l.items && l.count) {
            rt_violation(s, DCC_RULE_TYPE, NULL, NULL, 0, "NULL items with a count");
            return;
        }
        if (!frame_push(s, cf, FM_LIST, false))
            return;
        const CField *e = cf->elem;
        for (size_t k = 0; k < l.count; k++) {
            s->frames[s->depth - 1].count = (uint32_t)(k + 1);
            element(s, e, l.items, k);
        }
        s->depth--;
        /* after the items, as the JSON path counts them at the closing bracket */
        rt_check_count(s, cf, (int64_t)l.count, "items", NULL, 0);
        return;
    }
    case DCC_MAP: {
        dcc_map m;
        memcpy(&m, at, sizeof m);
        if ((!m.keys || !m.values) && m.count) {
            rt_violation(s, DCC_RULE_TYPE, NULL, NULL, 0, "NULL keys or values with a count");
            return;
        }
        if (!frame_push(s, cf, FM_MAP, true))
            return;
        const CField *e = cf->elem;
        for (size_t k = 0; k < m.count; k++) {
            Frame *f = &s->frames[s->depth - 1];
            f->key = m.keys[k].ptr ? m.keys[k].ptr : "";
            f->keylen = m.keys[k].ptr ? m.keys[k].len : 0;
            if (rt_utf8_valid_prefix((const unsigned char *)f->key, f->keylen) != f->keylen) {
                rt_violation(s, DCC_RULE_UTF8, NULL, f->key, f->keylen, "invalid UTF-8 in a map key");
                continue;
            }
            element(s, e, m.values, k);
        }
        s->depth--;
        rt_check_count(s, cf, (int64_t)m.count, "entries", NULL, 0);
        return;
    }
    case DCC_STRUCT:
        walk_struct(s, cf, at, false);
        return;
    default: { /* text kinds: decimal, string, temporal, uuid, enum, json */
        dcc_str str;
        memcpy(&str, at, sizeof str);
        if (!str.ptr && str.len) {
            rt_violation(s, DCC_RULE_TYPE, NULL, NULL, 0, "NULL pointer with a length");
            return;
        }
        text_value(s, cf, &str, &v);
        size_t ok = rt_utf8_valid_prefix((const unsigned char *)v.raw, v.len);
        if (ok != v.len) {
            rt_violation(s, DCC_RULE_UTF8, NULL, v.raw + ok, v.len - ok, "invalid UTF-8");
            return;
        }
        if (cf->kind == DCC_JSON) {
            rt_json_field(s, cf, v.raw, v.len);
            return;
        }
        break;
    }
    }
    if (numbuf && s->cur_top >= 0 && s->depth == 1)
        s->top_val[s->cur_top] = v;
    rt_check_scalar(s, cf, &v);
}

void rt_struct_record(dcc_stream *s, const void *rec)
{
    size_t nf = s->v->desc->nfields;
    if (!s->numtext) {
        if (!rt_grow(&s->numtext, &(size_t){0}, (nf ? nf : 1) * RT_NUMTEXT)) {
            rt_oom(s);
            return;
        }
    }
    rt_record_begin(s, 0);
    walk_struct(s, &s->v->root, rec, true);
    rt_record_end(s);
}
