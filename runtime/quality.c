/* quality.c - quality rules at the end of a stream, decided exactly: a threshold is the
 * contract's decimal as written, never a double. A rate of c in n records meets `op T%` when
 * c * 100 `op` T * n (digits multiplied out, num.c); an age is whole seconds and nanoseconds
 * compared with the threshold times its unit; a row count is compared as an integer. So
 * `valid_rate >= 99.9%` holds for 999 of 1000 records and `==` means equal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dcc_rt_internal.h"

/* A freshness unit: the threshold times mul, shifted by shift decimal places, is seconds. */
static bool unit_seconds(const char *u, uint64_t *mul, int *shift)
{
    static const struct {
        const char *name;
        uint64_t mul;
        int shift;
    } units[] = {{"ms", 1, -3},    {"s", 1, 0},       {"m", 60, 0},         {"h", 3600, 0},
                 {"d", 86400, 0}, {"w", 604800, 0}, {"y", 31536000, 0}};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strcmp(u, units[i].name) == 0) {
            *mul = units[i].mul;
            *shift = units[i].shift;
            return true;
        }
    return false;
}

/* One bound of q as written (text), in the rule's measure: records, percent or seconds. */
static bool compile_bound(dcc_validator *v, const dcc_quality_desc *q, const char *text, Num *out,
                          int *frac, const char **why)
{
    const char *u = q->unit ? q->unit : "";
    NumTok t;
    if (!text || !rt_num_parse_literal(text, strlen(text), &t)) {
        *why = "the threshold is not a decimal number";
        return false;
    }
    if (frac)
        *frac = t.fpn > 30 ? 30 : (int)t.fpn;
    Num x;
    rt_num_norm(&t, &x);
    uint64_t mul;
    int shift;
    switch (q->kind) {
    case DCC_Q_ROW_COUNT:
    case DCC_Q_NULL_COUNT:
    case DCC_Q_INVALID_COUNT:
    case DCC_Q_DUPLICATE_COUNT:
    case DCC_Q_MISSING_COUNT:
    case DCC_Q_NOTIN_COUNT:
        if (*u) {
            *why = "a count takes no unit";
            return false;
        }
        *out = x;
        return true;
    case DCC_Q_NULL_RATE:
    case DCC_Q_VALID_RATE:
    case DCC_Q_DUPLICATE_RATE:
    case DCC_Q_MISSING_RATE:
    case DCC_Q_NOTIN_RATE:
        if (strcmp(u, "%") != 0) {
            *why = "a rate's unit is \"%\"";
            return false;
        }
        *out = x;
        return true;
    default: {
        if (!unit_seconds(u, &mul, &shift)) {
            *why = "freshness takes a unit of ms, s, m, h, d, w or y";
            return false;
        }
        char *buf = rt_valloc(v, x.an + x.bn + 24);
        if (!buf)
            return false;
        rt_num_mul_u64(&x, mul, buf, out);
        if (out->sign)
            out->point += shift;
        return true;
    }
    }
}

/* A kind whose listed values compare as numbers (compile_values, listed). */
static bool numeric_kind(dcc_kind k)
{
    return k >= DCC_INT8 && k <= DCC_DECIMAL;
}

/* A missing or invalid-values rule's list, taken apart for listed(): lengths, and numbers for a
 * numeric field (a literal that is no number stays in the list, equal to nothing). */
static bool compile_values(dcc_validator *v, const dcc_dataset_desc *ds, const dcc_quality_desc *q, CQual *cq)
{
    size_t n = 0;
    while (q->values[n])
        n++;
    cq->nvals = n;
    cq->vlen = rt_valloc(v, (n ? n : 1) * sizeof *cq->vlen);
    cq->vok = rt_valloc(v, (n ? n : 1) * sizeof *cq->vok);
    if (!cq->vlen || !cq->vok)
        return false;
    /* fields[0] is in range: dcc_validator_new checked each rule's field before compiling */
    bool num = numeric_kind(ds->fields[q->fields[0]].kind);
    if (num && !(cq->vnum = rt_valloc(v, (n ? n : 1) * sizeof *cq->vnum)))
        return false;
    for (size_t i = 0; i < n; i++) {
        cq->vlen[i] = strlen(q->values[i]);
        cq->vok[i] = true;
        if (num) {
            NumTok t;
            cq->vok[i] = rt_num_parse_literal(q->values[i], cq->vlen[i], &t);
            if (cq->vok[i])
                rt_num_norm(&t, &cq->vnum[i]);
        }
    }
    return true;
}

bool rt_quality_compile(dcc_validator *v, const dcc_dataset_desc *ds, const char **why, size_t *bad)
{
    *why = NULL;
    *bad = 0;
    v->qual = rt_valloc(v, (ds->nquality ? ds->nquality : 1) * sizeof *v->qual);
    if (!v->qual)
        return false;
    for (size_t i = 0; i < ds->nquality; i++) {
        const dcc_quality_desc *q = &ds->quality[i];
        CQual *cq = &v->qual[i];
        *bad = i;
        if (q->kind == DCC_Q_UNIQUE)
            continue;
        if (q->values && !compile_values(v, ds, q, cq))
            return false;
        cq->text = q->threshold;
        cq->unit = q->unit ? q->unit : "";
        if (!compile_bound(v, q, q->threshold, &cq->t, &cq->frac, why))
            return false;
        if (q->op == DCC_OP_BETWEEN || q->op == DCC_OP_NOT_BETWEEN) {
            int frac_hi;
            cq->text_hi = q->threshold_hi;
            if (!compile_bound(v, q, q->threshold_hi, &cq->t_hi, &frac_hi, why))
                return false;
            if (frac_hi > cq->frac)
                cq->frac = frac_hi;
            if (rt_num_cmp(&cq->t, &cq->t_hi) > 0) {
                *why = "between's low bound is above its high bound";
                return false;
            }
        }
    }
    return true;
}

/* Does `measure op threshold` hold, given cmp, the sign of measure - threshold, and for the
 * between operators cmp_hi, the sign of measure - threshold_hi? Both bounds are inclusive. */
static bool holds(int cmp, int cmp_hi, dcc_cmp_op op)
{
    switch (op) {
    case DCC_OP_LT: return cmp < 0;
    case DCC_OP_LE: return cmp <= 0;
    case DCC_OP_GT: return cmp > 0;
    case DCC_OP_GE: return cmp >= 0;
    case DCC_OP_NE: return cmp != 0;
    case DCC_OP_BETWEEN: return cmp >= 0 && cmp_hi <= 0;
    case DCC_OP_NOT_BETWEEN: return cmp < 0 || cmp_hi > 0;
    default: return cmp == 0;
    }
}

static const char *op_text(dcc_cmp_op op)
{
    static const char *const t[] = {"<", "<=", ">", ">=", "==", "!=", "between", "not between"};
    return (unsigned)op <= DCC_OP_NOT_BETWEEN ? t[op] : "?";
}

/* "expected >= 1000", "expected between 10% and 20%": the rule's comparison as written. */
static void expected_text(char *out, size_t cap, dcc_cmp_op op, const CQual *cq, const char *unit)
{
    if (cq->text_hi)
        snprintf(out, cap, "expected %s %s%s and %s%s", op_text(op), cq->text, unit, cq->text_hi, unit);
    else
        snprintf(out, cap, "expected %s %s%s", op_text(op), cq->text, unit);
}

/* The next decimal digit of r / n (r < n) and the new remainder: 10 r = d n + r', summed r at a
 * time so that nothing overflows whatever n is. */
static unsigned next_digit(uint64_t *r, uint64_t n)
{
    uint64_t acc = 0;
    unsigned d = 0;
    for (int k = 0; k < 10; k++) {
        if (acc >= n - *r) {
            acc -= n - *r;
            d++;
        } else {
            acc += *r;
        }
    }
    *r = acc;
    return d;
}

/* 100 c / n (n > 0) for a message, with up to frac fraction digits: exact when it ends there,
 * else cut short, never rounded (so a rate below a threshold never reads as equal to it). */
static void rate_text(uint64_t c, uint64_t n, int frac, char *out, size_t cap)
{
    uint64_t r = c % n;
    unsigned d1 = next_digit(&r, n), d2 = next_digit(&r, n);
    int k;
    if (c / n)
        k = snprintf(out, cap, "%llu%u%u", (unsigned long long)(c / n), d1, d2);
    else if (d1)
        k = snprintf(out, cap, "%u%u", d1, d2);
    else
        k = snprintf(out, cap, "%u", d2);
    size_t o = k > 0 ? (size_t)k : 0, point = o;
    if (o + 1 < cap)
        out[o++] = '.';
    for (int i = 0; i < frac && r && o + 1 < cap; i++)
        out[o++] = (char)('0' + next_digit(&r, n));
    while (o > point + 1 && out[o - 1] == '0')
        o--;
    if (o == point + 1)
        o = point;
    out[o] = '\0';
}

/* now - then, exactly: the sign, whole seconds and nanoseconds (then later than now: negative). */
/* An age as people read it, exactly: "6d 13h 22m 11s", "1d 0.1s", "0s" (a value from the future
 * is negative). The rule's own bound is printed as written beside it. */
static void age_text(char *buf, size_t size, bool neg, uint64_t secs, uint32_t nanos)
{
    static const struct { uint64_t secs; const char *unit; } units[] = {{86400, "d"}, {3600, "h"}, {60, "m"}};
    size_t k = 0;
    buf[0] = '\0';
    if (neg)
        k += (size_t)snprintf(buf, size, "-");
    for (size_t i = 0; i < sizeof units / sizeof units[0] && k < size; i++)
        if (secs >= units[i].secs) {
            k += (size_t)snprintf(buf + k, size - k, "%s%llu%s", k > neg ? " " : "",
                                  (unsigned long long)(secs / units[i].secs), units[i].unit);
            secs %= units[i].secs;
        }
    if (k >= size || (k > neg && secs == 0 && nanos == 0))
        return;
    char frac[12] = "";
    if (nanos) { /* .100000000 -> .1 */
        snprintf(frac, sizeof frac, ".%09u", (unsigned)nanos);
        for (size_t e = strlen(frac); frac[e - 1] == '0'; e--)
            frac[e - 1] = '\0';
    }
    snprintf(buf + k, size - k, "%s%llu%ss", k > neg ? " " : "", (unsigned long long)secs, frac);
}

static void age_of(int64_t ns, int32_t nn, int64_t ts, int32_t tn, bool *neg, uint64_t *secs,
                   uint32_t *nanos)
{
    *neg = ns < ts || (ns == ts && nn < tn);
    if (*neg) {
        int64_t x = ns;
        ns = ts;
        ts = x;
        int32_t y = nn;
        nn = tn;
        tn = y;
    }
    /* ns >= ts as int64, so the difference lies in [0, 2^64): exact in unsigned arithmetic */
    uint64_t s = (uint64_t)ns - (uint64_t)ts;
    int32_t d = nn - tn;
    if (d < 0) {
        d += 1000000000;
        s--;
    }
    *secs = s;
    *nanos = (uint32_t)d;
}

/* `100 c / n op threshold` for a rate rule, exactly: 100 c against T n (and T_hi n), with
 * empty_pct the rate of no record at all (n = 0). *ok is the verdict and rate the measure's
 * text for the message. False on exhausted memory (reported). */
static bool rate_holds(dcc_stream *s, const CQual *cq, dcc_cmp_op op, uint64_t c, uint64_t n, unsigned empty_pct,
                       char *rate, size_t size, bool *ok)
{
    char digits[48];
    Num x;
    int cmp, cmp_hi = 0;
    if (n == 0) {
        rt_num_of_u64(empty_pct, digits, &x);
        cmp = rt_num_cmp(&x, &cq->t);
        if (cq->text_hi)
            cmp_hi = rt_num_cmp(&x, &cq->t_hi);
        snprintf(rate, size, "%u", empty_pct);
    } else {
        rt_num_of_u64(c, digits, &x);
        if (x.sign)
            x.point += 2;
        const Num *bound[2] = {&cq->t, cq->text_hi ? &cq->t_hi : NULL};
        int *out[2] = {&cmp, &cmp_hi};
        for (int i = 0; i < 2 && bound[i]; i++) {
            char small[128];
            size_t need = bound[i]->an + bound[i]->bn + 24;
            char *tn = need <= sizeof small ? small : malloc(need);
            if (!tn) {
                rt_oom(s);
                return false;
            }
            Num y;
            rt_num_mul_u64(bound[i], n, tn, &y);
            *out[i] = rt_num_cmp(&x, &y);
            if (tn != small)
                free(tn);
        }
        rate_text(c, n, cq->frac + 2, rate, size);
    }
    *ok = holds(cmp, cmp_hi, op);
    return true;
}

/* Is a present value one of a missing rule's values? Compared as the field's kind: a number by
 * value (so 1.0 is 1), a string or an enum name as its decoded text, a boolean as its word. A
 * value of another JSON type than the field's (already a finding) is never listed. */
static bool listed(dcc_stream *s, const dcc_quality_desc *q, const CQual *cq, dcc_kind k, const Val *val)
{
    bool num = numeric_kind(k);
    const char *t;
    size_t n;
    if (val->t == V_STR) {
        /* CSV gives every value as text; in JSON a string is listed in a string or enum only */
        bool text = k == DCC_STRING || k == DCC_ENUM;
        if (!text && !((num || k == DCC_BOOLEAN) && s->o.format == DCC_FORMAT_CSV))
            return false;
        t = rt_val_text(s, val, &n);
        if (!t)
            return false;
    } else if (val->t != V_NONE && (val->t == V_NUM) == num && (val->t == V_BOOL) == (k == DCC_BOOLEAN)) {
        t = val->raw;
        n = val->len;
    } else {
        return false;
    }
    NumTok tok;
    Num x;
    if (num) {
        if (!rt_num_parse(t, n, &tok))
            return false;
        rt_num_norm(&tok, &x);
    }
    for (size_t i = 0; i < cq->nvals; i++) {
        if (!num) {
            if (cq->vlen[i] == n && memcmp(q->values[i], t, n) == 0)
                return true;
        } else if (cq->vok[i] && rt_num_cmp(&x, &cq->vnum[i]) == 0) {
            return true;
        }
    }
    return false;
}

void rt_quality_record(dcc_stream *s)
{
    const dcc_dataset_desc *ds = s->v->desc;
    for (size_t i = 0; i < ds->nquality; i++) {
        const dcc_quality_desc *q = &ds->quality[i];
        size_t f;
        switch (q->kind) {
        case DCC_Q_MISSING_COUNT:
        case DCC_Q_MISSING_RATE:
            f = q->fields[0];
            s->qcount[i] += s->top_state[f] != TOP_PRESENT || listed(s, q, &s->v->qual[i], ds->fields[f].kind, &s->top_val[f]);
            break;
        case DCC_Q_NOTIN_COUNT:
        case DCC_Q_NOTIN_RATE: /* not listed; null and absent only when the list lacks null */
            f = q->fields[0];
            s->qcount[i] += s->top_state[f] != TOP_PRESENT ? !q->values_null
                                                           : !listed(s, q, &s->v->qual[i], ds->fields[f].kind, &s->top_val[f]);
            break;
        default:
            break;
        }
    }
}

void rt_quality_eval(dcc_stream *s)
{
    const dcc_dataset_desc *ds = s->v->desc;
    int64_t now = s->o.now;
    int32_t now_nanos = s->o.now_nanos;
    if (!s->o.has_now) {
        struct timespec ts;
        if (timespec_get(&ts, TIME_UTC) == TIME_UTC) {
            now = (int64_t)ts.tv_sec;
            now_nanos = (int32_t)ts.tv_nsec;
        } else {
            now = (int64_t)time(NULL);
            now_nanos = 0;
        }
    }
    for (size_t i = 0; i < ds->nquality; i++) {
        const dcc_quality_desc *q = &ds->quality[i];
        const CQual *cq = &s->v->qual[i];
        char msg[400], want[160], path[RT_PATH_MAX];
        path[0] = '\0';
        if (q->nfields && q->fields) {
            size_t o = 0;
            for (size_t j = 0; j < q->nfields; j++) {
                const char *nm = ds->fields[q->fields[j]].name;
                if (j)
                    o = rt_put(path, o, sizeof path, ",", 1);
                o = rt_put(path, o, sizeof path, nm, strlen(nm));
            }
            path[o] = '\0';
        }
        bool keyed = q->kind == DCC_Q_UNIQUE || q->kind == DCC_Q_DUPLICATE_COUNT || q->kind == DCC_Q_DUPLICATE_RATE;
        const FieldStats *fs = q->nfields && !keyed ? &s->fstats[q->fields[0]] : NULL;
        char digits[48];
        Num x;
        bool ok;
        dcc_rule r;
        switch (q->kind) {
        case DCC_Q_ROW_COUNT:
            rt_num_of_u64(s->stats.records, digits, &x);
            ok = holds(rt_num_cmp(&x, &cq->t), cq->text_hi ? rt_num_cmp(&x, &cq->t_hi) : 0, q->op);
            r = DCC_RULE_Q_ROW_COUNT;
            expected_text(want, sizeof want, q->op, cq, "");
            snprintf(msg, sizeof msg, "row_count is %llu, %s", (unsigned long long)s->stats.records, want);
            break;
        case DCC_Q_NULL_COUNT:
        case DCC_Q_INVALID_COUNT: {
            bool nc = q->kind == DCC_Q_NULL_COUNT;
            uint64_t c = nc ? fs->nulls : s->parsed - fs->valid;
            rt_num_of_u64(c, digits, &x);
            ok = holds(rt_num_cmp(&x, &cq->t), cq->text_hi ? rt_num_cmp(&x, &cq->t_hi) : 0, q->op);
            r = nc ? DCC_RULE_Q_NULL_RATE : DCC_RULE_Q_VALID_RATE;
            expected_text(want, sizeof want, q->op, cq, "");
            snprintf(msg, sizeof msg, "%s is %llu (of %llu records), %s", nc ? "null_count" : "invalid_count",
                     (unsigned long long)c, (unsigned long long)s->parsed, want);
            break;
        }
        case DCC_Q_MISSING_COUNT:
        case DCC_Q_NOTIN_COUNT: {
            bool mc = q->kind == DCC_Q_MISSING_COUNT;
            rt_num_of_u64(s->qcount[i], digits, &x);
            ok = holds(rt_num_cmp(&x, &cq->t), cq->text_hi ? rt_num_cmp(&x, &cq->t_hi) : 0, q->op);
            r = mc ? DCC_RULE_Q_NULL_RATE : DCC_RULE_Q_VALID_RATE;
            expected_text(want, sizeof want, q->op, cq, "");
            snprintf(msg, sizeof msg, "%s is %llu (of %llu records), %s", mc ? "missing_count" : "invalid_count",
                     (unsigned long long)s->qcount[i], (unsigned long long)s->parsed, want);
            break;
        }
        case DCC_Q_MISSING_RATE:
        case DCC_Q_NOTIN_RATE: {
            bool mr = q->kind == DCC_Q_MISSING_RATE;
            char rate[64];
            /* no record: nothing is missing or invalid (0%), as null_rate */
            if (!rate_holds(s, cq, q->op, s->qcount[i], s->parsed, 0, rate, sizeof rate, &ok))
                return;
            r = mr ? DCC_RULE_Q_NULL_RATE : DCC_RULE_Q_VALID_RATE;
            expected_text(want, sizeof want, q->op, cq, "%");
            snprintf(msg, sizeof msg, "%s is %s%% (%llu of %llu records), %s", mr ? "missing_rate" : "invalid_rate", rate,
                     (unsigned long long)s->qcount[i], (unsigned long long)s->parsed, want);
            break;
        }
        case DCC_Q_NULL_RATE:
        case DCC_Q_VALID_RATE: {
            bool nr = q->kind == DCC_Q_NULL_RATE;
            uint64_t c = nr ? fs->nulls : fs->valid, n = s->parsed;
            char rate[64];
            /* no record: nothing is null, everything is valid */
            if (!rate_holds(s, cq, q->op, c, n, nr ? 0 : 100, rate, sizeof rate, &ok))
                return;
            r = nr ? DCC_RULE_Q_NULL_RATE : DCC_RULE_Q_VALID_RATE;
            expected_text(want, sizeof want, q->op, cq, "%");
            snprintf(msg, sizeof msg, "%s is %s%% (%llu of %llu records), %s",
                     nr ? "null_rate" : "valid_rate", rate, (unsigned long long)c,
                     (unsigned long long)n, want);
            break;
        }
        case DCC_Q_FRESHNESS: {
            r = DCC_RULE_Q_FRESHNESS;
            if (!fs->has_newest) {
                ok = false;
                snprintf(msg, sizeof msg, "no valid value to measure freshness");
                break;
            }
            bool neg;
            uint64_t secs;
            uint32_t nanos;
            age_of(now, now_nanos, fs->newest.secs, fs->newest.nanos, &neg, &secs, &nanos);
            char age[48];
            int k = snprintf(age, sizeof age, "%s%llu.%09u", neg ? "-" : "", (unsigned long long)secs,
                             (unsigned)nanos);
            NumTok t;
            rt_num_parse(age, (size_t)k, &t);
            rt_num_norm(&t, &x);
            ok = holds(rt_num_cmp(&x, &cq->t), cq->text_hi ? rt_num_cmp(&x, &cq->t_hi) : 0, q->op);
            age_text(age, sizeof age, neg, secs, nanos);
            expected_text(want, sizeof want, q->op, cq, cq->unit);
            snprintf(msg, sizeof msg, "newest value is %s old, %s", age, want);
            break;
        }
        default: { /* unique, duplicate_count, duplicate_rate: the key set's count of repeats */
            size_t k = 0;
            while (k < s->v->nkeys && !(s->v->keys[k].kind == KEY_QUALITY && s->v->keys[k].quality == i))
                k++;
            uint64_t d = k < s->v->nkeys ? s->dups[k] : 0;
            r = DCC_RULE_Q_UNIQUE;
            if (q->kind == DCC_Q_DUPLICATE_COUNT) {
                rt_num_of_u64(d, digits, &x);
                ok = holds(rt_num_cmp(&x, &cq->t), cq->text_hi ? rt_num_cmp(&x, &cq->t_hi) : 0, q->op);
                expected_text(want, sizeof want, q->op, cq, "");
                /* a long field list is cut at 160 bytes, so that the counts and the bound stay */
                snprintf(msg, sizeof msg, "duplicate_count(%.160s) is %llu (of %llu records), %s", path,
                         (unsigned long long)d, (unsigned long long)s->parsed, want);
                break;
            }
            if (q->kind == DCC_Q_DUPLICATE_RATE) {
                /* no record: nothing repeats (0%); the field list is cut shorter than
                 * duplicate_count's, as a rate's text is longer than a count's */
                char rate[64];
                if (!rate_holds(s, cq, q->op, d, s->parsed, 0, rate, sizeof rate, &ok))
                    return;
                expected_text(want, sizeof want, q->op, cq, "%");
                snprintf(msg, sizeof msg, "duplicate_rate(%.96s) is %s%% (%llu of %llu records), %s", path, rate,
                         (unsigned long long)d, (unsigned long long)s->parsed, want);
                break;
            }
            ok = d == 0;
            snprintf(msg, sizeof msg, "%llu %s the values of (%s) of an earlier record",
                     (unsigned long long)d, d == 1 ? "record repeats" : "records repeat", path);
            break;
        }
        }
        if (!ok)
            rt_emit(s, 0, 0, r, path, msg, "");
    }
}
