/* compat_fields.c - the compatibility rules for fields, types and attributes, at any depth:
 * struct fields, list elements ("items[]"), map values ("tags{}") and named types followed
 * through imports (the resolved types and effective attributes sema stored; no chain walking). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "compat_int.h"
#include "dcc_rt.h"
#include "num.h"
#include "regex.h"
#include "strbuf.h"
#include "symtab.h"

/* ---- showing types ----------------------------------------------------------------------- */

static void show(StrBuf *b, const Type *t, unsigned depth)
{
    t = model_type_resolve(t);
    if (!t) {
        sb_puts(b, "?");
        return;
    }
    switch (t->kind) {
    case TY_DECIMAL: sb_printf(b, "decimal(%d,%d)", t->u.decimal.p, t->u.decimal.s); break;
    case TY_STRING:
        if (t->u.string.max_len >= 0) sb_printf(b, "string(%lld)", (long long)t->u.string.max_len);
        else sb_puts(b, "string");
        break;
    case TY_ENUM: {
        sb_puts(b, "enum(");
        unsigned i = 0;
        for (const EnumValue *v = t->u.enumeration.values; v; v = v->next, i++) {
            if (i == 6) {
                sb_puts(b, ", ...");
                break;
            }
            sb_printf(b, "%s%s", i ? ", " : "", v->name);
        }
        sb_putc(b, ')');
        break;
    }
    case TY_LIST:
        sb_puts(b, "list<");
        if (depth < 8) show(b, t->u.list.elem, depth + 1);
        sb_putc(b, '>');
        break;
    case TY_MAP:
        sb_puts(b, "map<string, ");
        if (depth < 8) show(b, t->u.map.value, depth + 1);
        sb_putc(b, '>');
        break;
    case TY_STRUCT: sb_puts(b, "struct"); break;
    default: sb_puts(b, model_type_kind_name(t->kind)); break;
    }
}

static const char *type_text(Arena *a, const Type *t)
{
    StrBuf b;
    sb_init(&b);
    show(&b, t, 0);
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}

/* ---- numbers ----------------------------------------------------------------------------- */

/* Decimal digits of the largest value of an integer kind: int8 127 has 3. */
static int int_digits(TypeKind k)
{
    switch (k) {
    case TY_INT8: return 3;
    case TY_INT16: return 5;
    case TY_INT32: return 10;
    default: return 19;
    }
}

/* Does every value of number type x fit number type y exactly? */
static bool num_within(const Type *x, const Type *y)
{
    TypeKind a = x->kind, b = y->kind;
    bool ai = model_type_is_int(a), bi = model_type_is_int(b);
    if (ai && bi) return a <= b;
    if (ai && b == TY_FLOAT32) return a <= TY_INT16;  /* 24-bit significand */
    if (ai && b == TY_FLOAT64) return a <= TY_INT32;  /* 53-bit significand */
    if (ai && b == TY_DECIMAL) return y->u.decimal.p - y->u.decimal.s >= int_digits(a);
    if (a == TY_FLOAT32) return b == TY_FLOAT32 || b == TY_FLOAT64;
    if (a == TY_FLOAT64) return b == TY_FLOAT64;
    /* a is a decimal */
    int p = x->u.decimal.p, s = x->u.decimal.s;
    if (bi) return s == 0 && p < int_digits(b);
    if (b == TY_DECIMAL) return s <= y->u.decimal.s && p - s <= y->u.decimal.p - y->u.decimal.s;
    return p <= (b == TY_FLOAT64 ? 15 : 6); /* digits a binary float keeps exactly */
}

typedef struct {
    CompatCtx *c;
    const char *path;
    Span nspan, ospan;
    const char *what; /* "field", "element", "map value" */
} Where;

static void report(const Where *w, CompatRuleId r, const char *old_note, const char *fmt, const char *x,
                   const char *y)
{
    /* fmt (a literal of this file, or one built from them) holds at most two %s, for x and y */
    const char *msg = arena_printf(w->c->a, "%%s '%%s' %s", fmt);
    compat_add(w->c, r, w->path, w->nspan, w->ospan, old_note, "%s", arena_printf(w->c->a, msg, w->what, w->path, x, y));
}

static void numbers(const Where *w, const Type *o, const Type *n)
{
    bool up = num_within(o, n), down = num_within(n, o);
    if (up && down) return;
    const char *ot = type_text(w->c->a, o), *nt = type_text(w->c->a, n);
    const char *note = arena_printf(w->c->a, "was %s here", ot);
    bool oi = model_type_is_int(o->kind), ni = model_type_is_int(n->kind);
    bool of = o->kind == TY_FLOAT32 || o->kind == TY_FLOAT64, nf = n->kind == TY_FLOAT32 || n->kind == TY_FLOAT64;
    CompatRuleId r;
    if (!up && !down) r = CR_NUMBER_CHANGED;
    else if (oi && ni) r = up ? CR_INT_WIDENED : CR_INT_NARROWED;
    else if (of && nf) r = up ? CR_FLOAT_WIDENED : CR_FLOAT_NARROWED;
    else if (o->kind == TY_DECIMAL && n->kind == TY_DECIMAL) r = up ? CR_DECIMAL_WIDENED : CR_DECIMAL_NARROWED;
    else if (up && oi && nf) r = CR_INT_TO_FLOAT;
    else if (up && oi && n->kind == TY_DECIMAL) r = CR_INT_TO_DECIMAL;
    else r = up ? CR_NUMBER_WIDENED : CR_NUMBER_NARROWED;
    const char *verb = !up && !down ? "changed from %s to %s, and neither holds every value of the other"
                       : up         ? "widened from %s to %s"
                                    : "narrowed from %s to %s";
    report(w, r, note, verb, ot, nt);
}

/* ---- types ------------------------------------------------------------------------------- */

static void attrs(CompatCtx *c, const Attrs *o, const Attrs *n, const Type *ot, const Type *nt, const Where *w,
                  bool default_presence_reported);
static void type_pair(CompatCtx *c, const Type *o, const Type *n, const Where *w, bool closed_old,
                      bool closed_new, unsigned depth);

/* An element type (list element, map value): its type and the attributes its named type adds. */
static void element(CompatCtx *c, const Type *o, const Type *n, const Where *outer, const char *suffix,
                    const char *what, bool closed_old, bool closed_new, unsigned depth)
{
    Where w = *outer;
    w.path = arena_printf(c->a, "%s%s", outer->path, suffix);
    w.nspan = compat_span_or(n->span, outer->nspan);
    w.ospan = compat_span_or(o->span, outer->ospan);
    w.what = what;
    type_pair(c, o->resolved ? o->resolved : o, n->resolved ? n->resolved : n, &w, closed_old, closed_new, depth + 1);
    attrs(c, o->chain_attrs, n->chain_attrs, o->resolved, n->resolved, &w, false);
}

static bool enum_has(const Type *t, const char *name)
{
    for (const EnumValue *v = t->u.enumeration.values; v; v = v->next)
        if (strcmp(v->name, name) == 0) return true;
    return false;
}

/* The longest enum value, in characters (UTF-8 code points). */
static int64_t enum_longest(const Type *t)
{
    int64_t m = 0;
    for (const EnumValue *v = t->u.enumeration.values; v; v = v->next) {
        int64_t n = 0;
        for (const unsigned char *p = (const unsigned char *)v->name; *p; p++) n += (*p & 0xC0) != 0x80;
        if (n > m) m = n;
    }
    return m;
}

static bool string_holds(const Type *s, int64_t len) { return s->u.string.max_len < 0 || s->u.string.max_len >= len; }

static void enum_values(const Where *w, const Type *o, const Type *n)
{
    Arena *a = w->c->a;
    StrBuf added, removed;
    sb_init(&added);
    sb_init(&removed);
    for (const EnumValue *v = n->u.enumeration.values; v; v = v->next)
        if (!enum_has(o, v->name)) sb_printf(&added, "%s'%s'", added.len ? ", " : "", v->name);
    for (const EnumValue *v = o->u.enumeration.values; v; v = v->next)
        if (!enum_has(n, v->name)) sb_printf(&removed, "%s'%s'", removed.len ? ", " : "", v->name);
    if (added.len)
        report(w, CR_ENUM_VALUE_ADDED, NULL, "gained enum value%s %s", strchr(added.data, ',') ? "s" : "",
               arena_strdup(a, added.data));
    if (removed.len)
        report(w, CR_ENUM_VALUE_REMOVED, NULL, "lost enum value%s %s", strchr(removed.data, ',') ? "s" : "",
               arena_strdup(a, removed.data));
    sb_free(&added);
    sb_free(&removed);
}

static void type_pair(CompatCtx *c, const Type *o, const Type *n, const Where *w, bool closed_old,
                      bool closed_new, unsigned depth)
{
    if (!o || !n || o->kind == TY_ERROR || n->kind == TY_ERROR || depth > COMPAT_MAX_DEPTH) return;
    TypeKind ok = o->kind, nk = n->kind;
    if (ok == nk) {
        switch (ok) {
        case TY_STRUCT:
            compat_fields(c, o->u.strct.fields, n->u.strct.fields, w->path, closed_old, closed_new, depth + 1);
            return;
        case TY_LIST:
            element(c, o->u.list.elem, n->u.list.elem, w, "[]", "element", closed_old, closed_new, depth);
            return;
        case TY_MAP:
            element(c, o->u.map.value, n->u.map.value, w, "{}", "map value", closed_old, closed_new, depth);
            return;
        case TY_ENUM: enum_values(w, o, n); return;
        case TY_STRING: {
            int64_t a = o->u.string.max_len, b = n->u.string.max_len;
            if (a == b) return;
            const char *ot = type_text(c->a, o), *nt = type_text(c->a, n);
            bool longer = a >= 0 && (b < 0 || b > a);
            report(w, longer ? CR_STRING_LONGER : CR_STRING_SHORTER, arena_printf(c->a, "was %s here", ot),
                   longer ? "grew from %s to %s" : "shrank from %s to %s", ot, nt);
            return;
        }
        default:
            if (model_type_is_numeric(ok)) numbers(w, o, n);
            return; /* the same scalar */
        }
    }
    if (model_type_is_numeric(ok) && model_type_is_numeric(nk)) {
        numbers(w, o, n);
        return;
    }
    const char *ot = type_text(c->a, o), *nt = type_text(c->a, n);
    const char *note = arena_printf(c->a, "was %s here", ot);
    CompatRuleId r = CR_TYPE_CHANGED;
    if (nk == TY_JSON) r = CR_TO_JSON;
    else if (ok == TY_JSON) r = CR_FROM_JSON;
    else if (model_type_is_temporal(ok) && model_type_is_temporal(nk)) r = CR_TEMPORAL_CHANGED;
    else if (ok == TY_STRING && nk == TY_ENUM && string_holds(o, enum_longest(n))) r = CR_STRING_TO_ENUM;
    else if (ok == TY_ENUM && nk == TY_STRING && string_holds(n, enum_longest(o))) r = CR_ENUM_TO_STRING;
    else if (ok == TY_UUID && nk == TY_STRING && string_holds(n, 36)) r = CR_UUID_TO_STRING;
    else if (ok == TY_STRING && nk == TY_UUID && string_holds(o, 36)) r = CR_STRING_TO_UUID;
    report(w, r, note, "changed from %s to %s", ot, nt);
}

/* ---- attributes -------------------------------------------------------------------------- */

typedef enum { REL_SAME, REL_WIDER, REL_NARROWER, REL_OTHER, REL_UNKNOWN } Rel;

/* -1, 0, 1, or 2 when the two bounds cannot be compared (a type change already reported). */
static int bound_cmp(Arena *a, const Literal *x, const Literal *y, TypeKind k)
{
    if (x->kind == LIT_NUMBER && y->kind == LIT_NUMBER) {
        Num p, q;
        if (!num_parse(a, x->text, &p) || !num_parse(a, y->text, &q)) return 2;
        return num_cmp(&p, &q);
    }
    if (x->kind == LIT_STRING && y->kind == LIT_STRING && model_type_is_temporal(k)) {
        dcc_kind dk = k == TY_DATE ? DCC_DATE : k == TY_TIME ? DCC_TIME : k == TY_TIMESTAMP ? DCC_TIMESTAMP : DCC_TIMESTAMPTZ;
        int64_t s1, s2;
        int32_t n1, n2;
        if (dcc_temporal_parse(dk, x->text, x->len, &s1, &n1, NULL) != DCC_TEMPORAL_OK ||
            dcc_temporal_parse(dk, y->text, y->len, &s2, &n2, NULL) != DCC_TEMPORAL_OK)
            return 2;
        if (s1 != s2) return s1 < s2 ? -1 : 1;
        return n1 == n2 ? 0 : n1 < n2 ? -1 : 1;
    }
    return 2;
}

/* Does interval x contain interval y? NULL is the whole line. -1: cannot tell. */
static int contains(Arena *a, const Interval *x, const Interval *y, TypeKind k)
{
    if (!x) return 1;
    if (!y) return 0;
    if (x->lo) {
        if (!y->lo) return 0;
        int c = bound_cmp(a, x->lo, y->lo, k);
        if (c == 2) return -1;
        if (c > 0 || (c == 0 && !x->lo_inclusive && y->lo_inclusive)) return 0;
    }
    if (x->hi) {
        if (!y->hi) return 0;
        int c = bound_cmp(a, x->hi, y->hi, k);
        if (c == 2) return -1;
        if (c < 0 || (c == 0 && !x->hi_inclusive && y->hi_inclusive)) return 0;
    }
    return 1;
}

/* An integral bound moved by delta, as a literal (NULL past int64 or when not integral). */
static Literal *int_step(Arena *a, const Literal *l, int delta)
{
    Num v;
    int64_t x;
    if (l->kind != LIT_NUMBER || !num_parse(a, l->text, &v) || !num_is_int(&v) || !num_to_i64(&v, &x)) return NULL;
    if ((delta > 0 && x == INT64_MAX) || (delta < 0 && x == INT64_MIN)) return NULL;
    Literal *r = ARENA_NEW(a, Literal);
    *r = *l;
    r->next = NULL;
    r->text = arena_printf(a, "%lld", (long long)(x + delta));
    r->len = (uint32_t)strlen(r->text);
    return r;
}

/* An interval of integers with its exclusive bounds made inclusive: (0, 10) holds what [1, 9]
 * holds, so the two compare as the same. Other kinds, and bounds that are not integers, stay as
 * written. */
static const Interval *int_closed(Arena *a, const Interval *iv, TypeKind k)
{
    if (!iv || !model_type_is_int(k) || ((!iv->lo || iv->lo_inclusive) && (!iv->hi || iv->hi_inclusive))) return iv;
    Interval *r = ARENA_NEW(a, Interval);
    *r = *iv;
    Literal *l;
    if (iv->lo && !iv->lo_inclusive && (l = int_step(a, iv->lo, 1)) != NULL) r->lo = l, r->lo_inclusive = true;
    if (iv->hi && !iv->hi_inclusive && (l = int_step(a, iv->hi, -1)) != NULL) r->hi = l, r->hi_inclusive = true;
    return r;
}

/* ok and nk: the kinds of OLD's and NEW's values (an integer's interval is compared closed); k:
 * how bounds are read. */
static bool lit_same_text(const Literal *x, const Literal *y)
{
    if (!x || !y) return x == y;
    return x->kind == y->kind && x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

static Rel interval_rel(Arena *a, const Interval *o, const Interval *n, TypeKind k, TypeKind ok, TypeKind nk)
{
    /* The same bounds written the same way, on values of the same kind: the same interval, without
     * parsing four numbers (most ranges of a big contract do not change). */
    if (o && n && ok == nk && o->lo_inclusive == n->lo_inclusive && o->hi_inclusive == n->hi_inclusive &&
        lit_same_text(o->lo, n->lo) && lit_same_text(o->hi, n->hi))
        return REL_SAME;
    o = int_closed(a, o, ok);
    n = int_closed(a, n, nk);
    int up = contains(a, n, o, k), down = contains(a, o, n, k);
    if (up < 0 || down < 0) return REL_UNKNOWN;
    return up && down ? REL_SAME : up ? REL_WIDER : down ? REL_NARROWER : REL_OTHER;
}

static const char *interval_text(Arena *a, const Interval *iv)
{
    if (!iv) return "none";
    return arena_printf(a, "%c%s, %s%c", iv->lo_inclusive ? '[' : '(', iv->lo ? iv->lo->text : "*",
                        iv->hi ? iv->hi->text : "*", iv->hi_inclusive ? ']' : ')');
}

static bool literal_eq(Arena *a, const Literal *x, const Literal *y)
{
    if (x->kind != y->kind) return false;
    if (x->kind == LIT_NUMBER) {
        Num p, q;
        if (num_parse(a, x->text, &p) && num_parse(a, y->text, &q)) return num_cmp(&p, &q) == 0;
    }
    return x->len == y->len && memcmp(x->text, y->text, x->len) == 0;
}

static bool values_has(Arena *a, const Literal *list, const Literal *v)
{
    for (; list; list = list->next)
        if (literal_eq(a, list, v)) return true;
    return false;
}

static Rel values_rel(Arena *a, const Literal *o, const Literal *n)
{
    if (!o && !n) return REL_SAME;
    if (!o) return REL_NARROWER;
    if (!n) return REL_WIDER;
    bool lost = false, gained = false;
    for (const Literal *v = o; v; v = v->next) lost |= !values_has(a, n, v);
    for (const Literal *v = n; v; v = v->next) gained |= !values_has(a, o, v);
    return lost && gained ? REL_OTHER : lost ? REL_NARROWER : gained ? REL_WIDER : REL_SAME;
}

static Span lit_span(const Literal *l, Span fallback) { return l ? l->span : fallback; }
static Span iv_span(const Interval *iv, Span fallback) { return iv ? iv->span : fallback; }

/* Is there anything to report about relation r? (Callers ask before they format the two texts:
 * most pairs of a big contract are the same.) */
static bool rel_changed(Rel r) { return r != REL_SAME && r != REL_UNKNOWN; }

/* One of the three rules (narrowed, widened, changed) for a relation that rel_changed. */
static void rel_report(const Where *w, Rel r, CompatRuleId narrowed, Span nspan, Span ospan, const char *what,
                       const char *ot, const char *nt)
{
    Where x = *w;
    x.nspan = nspan;
    x.ospan = ospan;
    CompatRuleId id = (CompatRuleId)(narrowed + (r == REL_WIDER ? 1 : r == REL_OTHER ? 2 : 0));
    const char *verb = r == REL_WIDER ? "loosened" : r == REL_NARROWER ? "tightened" : "changed";
    report(&x, id, arena_printf(w->c->a, "was %s here", ot),
           arena_printf(w->c->a, "%s %s from %%s to %%s", what, verb), ot, nt);
}

static const char *values_text(Arena *a, const Literal *l)
{
    if (!l) return "none";
    StrBuf b;
    sb_init(&b);
    sb_putc(&b, '(');
    unsigned i = 0;
    for (; l; l = l->next, i++) {
        if (i == 8) {
            sb_puts(&b, ", ...");
            break;
        }
        sb_printf(&b, l->kind == LIT_STRING ? "%s\"%s\"" : "%s%s", i ? ", " : "", l->text);
    }
    sb_putc(&b, ')');
    const char *s = arena_strdup(a, b.data);
    sb_free(&b);
    return s;
}

static void pattern_pair(const Where *w, const Literal *o, const Literal *n)
{
    if (!o && !n) return;
    if (o && n && o->len == n->len && memcmp(o->text, n->text, o->len) == 0) return;
    Arena *a = w->c->a;
    Where x = *w;
    x.nspan = lit_span(n, w->nspan);
    x.ospan = lit_span(o, w->ospan);
    const char *ot = o ? arena_printf(a, "\"%s\"", o->text) : "none", *nt = n ? arena_printf(a, "\"%s\"", n->text) : "none";
    const char *note = arena_printf(a, "was %s here", ot);
    if (!o) {
        report(&x, CR_PATTERN_NARROWED, note, "gained pattern %s%s", nt, "");
        return;
    }
    if (!n) {
        report(&x, CR_PATTERN_WIDENED, note, "lost pattern %s%s", ot, "");
        return;
    }
    /* patterns holding NUL are compared every time (the cache's keys are C strings) */
    const char *key = strlen(o->text) == o->len && strlen(n->text) == n->len ? arena_printf(a, "%s\001%s", o->text, n->text) : NULL;
    uintptr_t cached = key ? (uintptr_t)symtab_get(&w->c->patterns, &w->c->patterns, key) : 0;
    RegexRelation rel = cached ? (RegexRelation)(cached - 1) : regex_relate(a, o->text, o->len, n->text, n->len, w->c->out->pattern_limit);
    if (key && !cached) symtab_put(&w->c->patterns, &w->c->patterns, key, (void *)((uintptr_t)rel + 1));
    switch (rel) {
    case REGEX_SAME: return; /* rewritten, same language */
    case REGEX_WIDER: report(&x, CR_PATTERN_WIDENED, note, "pattern widened from %s to %s", ot, nt); return;
    case REGEX_NARROWER: report(&x, CR_PATTERN_NARROWED, note, "pattern narrowed from %s to %s", ot, nt); return;
    case REGEX_OTHER:
        report(&x, CR_PATTERN_CHANGED, note, "pattern changed from %s to %s; each matches text the other refuses", ot, nt);
        return;
    case REGEX_UNKNOWN:
        report(&x, CR_PATTERN_UNDECIDED, note, "pattern changed from %s to %s, and the automata are too large to compare", ot, nt);
        return;
    }
}

static void attrs(CompatCtx *c, const Attrs *o, const Attrs *n, const Type *ot, const Type *nt, const Where *w,
                  bool default_presence_reported)
{
    static const Attrs none;
    if (!o) o = &none;
    if (!n) n = &none;
    Arena *a = c->a;
    TypeKind k = nt ? nt->kind : TY_ERROR;
    bool same_kind = ot && nt && (ot->kind == nt->kind || (model_type_is_numeric(ot->kind) && model_type_is_numeric(nt->kind)));
    Rel r;
    if (same_kind && (o->range || n->range) && rel_changed(r = interval_rel(a, o->range, n->range, k, ot->kind, k)))
        rel_report(w, r, CR_RANGE_NARROWED, iv_span(n->range, w->nspan), iv_span(o->range, w->ospan), "range",
                   interval_text(a, o->range), interval_text(a, n->range));
    if ((o->length || n->length) && rel_changed(r = interval_rel(a, o->length, n->length, TY_INT64, TY_INT64, TY_INT64)))
        rel_report(w, r, CR_LENGTH_NARROWED, iv_span(n->length, w->nspan), iv_span(o->length, w->ospan), "length",
                   interval_text(a, o->length), interval_text(a, n->length));
    pattern_pair(w, o->pattern, n->pattern);
    if ((o->values || n->values) && rel_changed(r = values_rel(a, o->values, n->values)))
        rel_report(w, r, CR_VALUES_NARROWED, n->values ? n->values_span : w->nspan,
                   o->values ? o->values_span : w->ospan, "allowed values", values_text(a, o->values),
                   values_text(a, n->values));

    Where x = *w;
    const Literal *od = o->default_value, *nd = n->default_value;
    if ((od && nd && !literal_eq(a, od, nd)) || (!od != !nd && !default_presence_reported)) {
        x.nspan = lit_span(nd, w->nspan);
        x.ospan = lit_span(od, w->ospan);
        report(&x, CR_DEFAULT_CHANGED, NULL, "default changed from %s to %s", od ? od->text : "none", nd ? nd->text : "none");
    }
    if (o->unique != n->unique) {
        x.nspan = n->unique ? n->unique_span : w->nspan;
        x.ospan = o->unique ? o->unique_span : w->ospan;
        report(&x, n->unique ? CR_UNIQUE_ADDED : CR_UNIQUE_REMOVED, NULL, n->unique ? "became unique%s%s" : "is no longer unique%s%s", "", "");
    }
    const char *orf = o->references ? o->references->text : NULL, *nrf = n->references ? n->references->text : NULL;
    if (compat_text_differs(orf, nrf)) {
        x.nspan = n->references ? n->references->span : w->nspan;
        x.ospan = o->references ? o->references->span : w->ospan;
        CompatRuleId r = !orf ? CR_REFERENCE_ADDED : !nrf ? CR_REFERENCE_REMOVED : CR_REFERENCE_CHANGED;
        report(&x, r, NULL, "references %s (was %s)", nrf ? nrf : "nothing", orf ? orf : "nothing");
    }
    const char *ou = o->unit ? o->unit->text : NULL, *nu = n->unit ? n->unit->text : NULL;
    if (compat_text_differs(ou, nu)) {
        x.nspan = lit_span(n->unit, w->nspan);
        x.ospan = lit_span(o->unit, w->ospan);
        CompatRuleId r = !ou ? CR_UNIT_ADDED : !nu ? CR_UNIT_REMOVED : CR_UNIT_CHANGED;
        report(&x, r, NULL, "unit changed from %s to %s", ou ? ou : "none", nu ? nu : "none");
    }
    const char *otm = o->term ? o->term->text : NULL, *ntm = n->term ? n->term->text : NULL;
    if (compat_text_differs(otm, ntm)) {
        x.nspan = lit_span(n->term, w->nspan);
        x.ospan = lit_span(o->term, w->ospan);
        report(&x, CR_TERM_CHANGED, NULL, "business term changed from %s to %s", otm ? otm : "none", ntm ? ntm : "none");
    }
    if (o->classification != n->classification) {
        x.nspan = n->classification_name ? n->classification_span : w->nspan;
        x.ospan = o->classification_name ? o->classification_span : w->ospan;
        report(&x, n->classification < o->classification ? CR_CLASSIFICATION_LOWERED : CR_CLASSIFICATION_RAISED, NULL,
               "classification changed from %s to %s", model_classification_name(o->classification),
               model_classification_name(n->classification));
    }
    const char *op = o->pii ? o->pii->text : NULL, *np = n->pii ? n->pii->text : NULL;
    if (compat_text_differs(op, np)) {
        x.nspan = n->pii ? n->pii->span : w->nspan;
        x.ospan = o->pii ? o->pii->span : w->ospan;
        report(&x, op ? CR_PII_REMOVED : CR_PII_ADDED, NULL, "personal-data tag changed from %s to %s",
               op ? op : "none", np ? np : "none");
    }
}

/* ---- fields ------------------------------------------------------------------------------ */

/* May a record leave the field out? (optional, or a default fills it in) */
static bool may_be_absent(const Field *f) { return f->optional || (f->effective && f->effective->default_value); }

static void field_pair(CompatCtx *c, const Field *o, const Field *n, const char *path, bool closed_old,
                       bool closed_new, unsigned depth)
{
    Where w = {c, path, n->name.span, o->name.span, "field"};
    if (compat_text_differs(o->doc, n->doc)) report(&w, CR_DESCRIPTION_CHANGED, NULL, "description changed%s%s", "", "");
    bool oa = may_be_absent(o), na = may_be_absent(n);
    if (oa != na)
        report(&w, na ? CR_FIELD_MADE_OPTIONAL : CR_FIELD_MADE_REQUIRED, NULL,
               na ? "may now be absent (%s)%s" : "may no longer be absent (%s)%s",
               o->optional != n->optional ? (na ? "made optional" : "made required")
                                          : (na ? "a default was added" : "its default was removed"),
               "");
    const Attrs *oe = o->effective ? o->effective : o->attrs, *ne = n->effective ? n->effective : n->attrs;
    if (oe->deprecated != ne->deprecated) {
        Where x = w;
        x.nspan = ne->deprecated ? ne->deprecated_span : w.nspan;
        report(&x, ne->deprecated ? CR_FIELD_DEPRECATED : CR_FIELD_UNDEPRECATED, NULL,
               ne->deprecated ? "was deprecated%s%s" : "is no longer deprecated%s%s", "", "");
    }
    const char *os = oe->sunset ? oe->sunset->text : NULL, *ns = ne->sunset ? ne->sunset->text : NULL;
    if (compat_text_differs(os, ns)) {
        Where x = w;
        x.nspan = lit_span(ne->sunset, w.nspan);
        x.ospan = lit_span(oe->sunset, w.ospan);
        bool earlier = ns && (!os || strcmp(ns, os) < 0); /* YYYY-MM-DD sorts as text */
        report(&x, earlier ? CR_SUNSET_EARLIER : CR_SUNSET_LATER, NULL, "sunset moved from %s to %s", os ? os : "none",
               ns ? ns : "none");
    }
    /* The element metadata is the field's own, never a named type's (model.h: Attrs). */
    const Attrs *oo = o->attrs, *no = n->attrs;
    const char *opn = oo->physical_name ? oo->physical_name->text : o->name.text;
    const char *npn = no->physical_name ? no->physical_name->text : n->name.text;
    if (strcmp(opn, npn) != 0) {
        Where x = w;
        x.nspan = lit_span(no->physical_name, w.nspan);
        x.ospan = lit_span(oo->physical_name, w.ospan);
        report(&x, CR_COLUMN_RENAMED, NULL, "physical name changed from '%s' to '%s'", opn, npn);
    }
    if (compat_literals_differ(oo->physical_type, no->physical_type)) {
        Where x = w;
        x.nspan = lit_span(no->physical_type, w.nspan);
        x.ospan = lit_span(oo->physical_type, w.ospan);
        report(&x, CR_PHYSICAL_TYPE_CHANGED, NULL, "physical type changed from %s to %s",
               oo->physical_type ? oo->physical_type->text : "none", no->physical_type ? no->physical_type->text : "none");
    }
    const char *what = compat_literals_differ(oo->id, no->id)                         ? "id"
                       : compat_literals_differ(oo->business_name, no->business_name) ? "business name"
                       : compat_literals_differ(oo->examples, no->examples)           ? "examples"
                       : oo->critical != no->critical                                 ? "critical-data-element flag"
                       : compat_literals_differ(oo->encrypted_name, no->encrypted_name) ? "encrypted name"
                       : compat_literals_differ(oe->deprecation_reason, ne->deprecation_reason) ? "deprecation reason"
                       : compat_meta_differs(oo->extra, no->extra)                    ? "meta"
                                                                                      : NULL;
    if (what) report(&w, CR_METADATA_CHANGED, NULL, "%s changed%s", what, "");
    Where t = w;
    t.nspan = compat_span_or(n->type->span, w.nspan);
    t.ospan = compat_span_or(o->type->span, w.ospan);
    type_pair(c, o->rtype, n->rtype, &t, closed_old, closed_new, depth);
    attrs(c, oe, ne, o->rtype, n->rtype, &w, oa != na);
}

typedef struct {
    const Field *f;
    bool paired;
} Slot;

/* The top-level field pair the next findings are about (CompatFinding's old_field, new_field). */
static void column(CompatCtx *c, const Field *o, const Field *n, const char *path)
{
    c->of = o;
    c->nf = n;
    c->field_path = path;
}

void compat_fields(CompatCtx *c, const Field *old, const Field *new_, const char *path, bool closed_old,
                   bool closed_new, unsigned depth)
{
    if (depth > COMPAT_MAX_DEPTH) return;
    size_t n = 0;
    for (const Field *f = old; f; f = f->next) n++;
    Slot *slots = n ? arena_alloc(c->a, n * sizeof *slots) : NULL;
    SymTab tab = {0};
    size_t i = 0;
    for (const Field *f = old; f; f = f->next, i++) {
        slots[i].f = f;
        symtab_put(&tab, slots, f->name.text, &slots[i]);
    }
    /* Additions are reported after the pairs, so a rename's hint can name the removed field. */
    for (const Field *f = new_; f; f = f->next) {
        Slot *s = symtab_get(&tab, slots, f->name.text);
        if (!s) continue;
        s->paired = true;
        const char *p = compat_path(c->a, path, f->name.text);
        if (depth == 0) column(c, s->f, f, p);
        field_pair(c, s->f, f, p, closed_old, closed_new, depth);
    }
    for (const Field *f = new_; f; f = f->next) {
        if (symtab_get(&tab, slots, f->name.text)) continue;
        const char *p = compat_path(c->a, path, f->name.text);
        if (depth == 0) column(c, NULL, f, p);
        bool absent = may_be_absent(f);
        CompatFinding *g = compat_add(c, absent ? CR_FIELD_ADDED_OPTIONAL : CR_FIELD_ADDED_REQUIRED, p, f->name.span,
                                      span_none(), NULL, "field '%s' added%s", p,
                                      absent ? "" : ", required and without a default");
        if (closed_old)
            compat_add(c, CR_FIELD_ADDED_CLOSED, p, f->name.span, span_none(), NULL,
                       "field '%s' added, but the older version rejects unknown fields", p);
        /* A removal of a field of the same type and optionality nearby: probably a rename. */
        const char *nt = type_text(c->a, f->rtype);
        for (i = 0; i < n; i++) {
            const Field *of = slots[i].f;
            if (slots[i].paired || may_be_absent(of) != absent || strcmp(type_text(c->a, of->rtype), nt) != 0) continue;
            g->hint = arena_printf(c->a, "looks like a rename of '%s'", of->name.text);
            g->hint_span = of->name.span;
            break;
        }
    }
    for (i = 0; i < n; i++) {
        if (slots[i].paired) continue;
        const Field *f = slots[i].f;
        const char *p = compat_path(c->a, path, f->name.text);
        if (depth == 0) column(c, f, NULL, p);
        bool absent = may_be_absent(f);
        compat_add(c, absent ? CR_FIELD_REMOVED_OPTIONAL : CR_FIELD_REMOVED_REQUIRED, p, f->name.span, span_none(),
                   NULL, "field '%s' removed%s", p, absent ? "" : " (the older version requires it)");
        if (closed_new)
            compat_add(c, CR_FIELD_REMOVED_CLOSED, p, f->name.span, span_none(), NULL,
                       "field '%s' removed, but the new version rejects unknown fields and older data carries it", p);
    }
    if (depth == 0) column(c, NULL, NULL, NULL);
    symtab_free(&tab);
}
