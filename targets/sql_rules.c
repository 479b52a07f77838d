/* sql_rules.c - a contract's fields as SQL columns: the type per dialect and every record-level
 * constraint as a predicate tagged with the runtime's rule code. The DDL turns the predicates into
 * CHECK constraints and the checks query counts the rows that break them, so the two cannot say
 * different things. The meaning of each constraint is the runtime's (docs/validation.md). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sql.h"

/* ---- names ------------------------------------------------------------------------------- */

char *sql_stem(Arena *a, const Contract *unit)
{
    char *s = arena_strdup(a, unit->name.text ? unit->name.text : "contract");
    for (char *p = s; *p; p++) {
        if (*p == '.') *p = '_';
        else if (*p >= 'A' && *p <= 'Z') *p = (char)(*p - 'A' + 'a');
    }
    return s;
}

char *sql_constraint_name(Arena *a, const char *table, const char *field, const char *what)
{
    char *full = field ? arena_printf(a, "%s_%s_%s", table, field, what) : arena_printf(a, "%s_%s", table, what);
    size_t n = strlen(full);
    if (n <= 63) return full;
    /* FNV-1a over the whole name keeps two long names that share their first bytes apart. */
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)full[i]) * 16777619u;
    size_t keep = 54;
    while (keep > 0 && ((unsigned char)full[keep] & 0xC0) == 0x80) keep--; /* whole characters */
    return arena_printf(a, "%.*s_%08x", (int)keep, full, (unsigned)h);
}

bool sql_field_is_key(const Dataset *ds, const Field *f)
{
    if (f->effective && f->effective->unique) return true;
    if (ds->primary_key && ds->primary_key->fields && !ds->primary_key->fields->next &&
        strcmp(ds->primary_key->fields->text, f->name.text) == 0)
        return true;
    for (const Key *k = ds->uniques; k; k = k->next)
        if (k->fields && !k->fields->next && strcmp(k->fields->text, f->name.text) == 0) return true;
    return false;
}

const Dataset *sql_dataset_of(const Contract *unit, const Field *f)
{
    for (const Dataset *ds = unit->datasets; ds; ds = ds->next)
        for (const Field *g = ds->fields; g; g = g->next)
            if (g == f) return ds;
    return NULL;
}

/* ---- types -------------------------------------------------------------------------------- */

/* Characters (code points) of a UTF-8 string. */
static long long u8_chars(const char *s)
{
    long long n = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) n += (*p & 0xC0) != 0x80;
    return n;
}

static char *type_of(Arena *a, const SqlDialect *d, const Type *t);

static char *container(Arena *a, const SqlDialect *d, const char *fmt, const Type *inner)
{
    if (!fmt) return arena_strdup(a, d->t_json);
    if (!strstr(fmt, "%s")) return arena_strdup(a, fmt);
    const Type *r = model_type_resolve(inner);
    /* BigQuery has no ARRAY<ARRAY<...>>: a list of lists is JSON there */
    if (!d->struct_nested_ok && r && r->kind == TY_LIST) return arena_strdup(a, d->t_json);
    return arena_printf(a, fmt, type_of(a, d, inner));
}

static char *type_of(Arena *a, const SqlDialect *d, const Type *t)
{
    t = model_type_resolve(t);
    if (!t) return arena_strdup(a, d->t_json);
    switch (t->kind) {
    case TY_BOOLEAN: return arena_strdup(a, d->t_bool);
    case TY_INT8:
    case TY_INT16:
    case TY_INT32:
    case TY_INT64: return arena_strdup(a, d->t_int[t->kind - TY_INT8]);
    case TY_FLOAT32: return arena_strdup(a, d->t_float32);
    case TY_FLOAT64: return arena_strdup(a, d->t_float64);
    case TY_DECIMAL:
        if (t->u.decimal.p <= d->max_precision) return arena_printf(a, d->t_decimal, t->u.decimal.p, t->u.decimal.s);
        return arena_strdup(a, d->t_decimal_wide);
    case TY_STRING:
        if (t->u.string.max_len > 0 && d->t_varchar) return arena_printf(a, d->t_varchar, (long long)t->u.string.max_len);
        return arena_strdup(a, d->t_string);
    case TY_ENUM: {
        /* a bounded type where the dialect has one, so that the column can be a key (MySQL) */
        long long longest = 1;
        for (const EnumValue *e = t->u.enumeration.values; e; e = e->next)
            if (u8_chars(e->name) > longest) longest = u8_chars(e->name);
        if (d->t_varchar) return arena_printf(a, d->t_varchar, longest);
        return arena_strdup(a, d->t_string);
    }
    case TY_BYTES: return arena_strdup(a, d->t_bytes);
    case TY_DATE: return arena_strdup(a, d->t_date);
    case TY_TIME: return arena_strdup(a, d->t_time);
    case TY_TIMESTAMP: return arena_strdup(a, d->t_timestamp);
    case TY_TIMESTAMPTZ: return arena_strdup(a, d->t_timestamptz);
    case TY_UUID: return arena_strdup(a, d->t_uuid);
    case TY_LIST: return container(a, d, d->t_list, t->u.list.elem);
    case TY_MAP: return container(a, d, d->t_map, t->u.map.value);
    case TY_STRUCT: {
        if (!d->t_struct_open) return arena_strdup(a, d->t_json);
        StrBuf b;
        sb_init(&b);
        sb_puts(&b, d->t_struct_open);
        for (const Field *f = t->u.strct.fields; f; f = f->next) {
            if (f != t->u.strct.fields) sb_puts(&b, ", ");
            sql_put_ident(&b, d, f->name.text);
            sb_puts(&b, d->struct_field_sep);
            const Type *ft = model_type_resolve(f->rtype ? f->rtype : f->type);
            if (!d->struct_nested_ok && ft && ft->kind == TY_LIST && model_type_resolve(ft->u.list.elem)->kind == TY_LIST)
                sb_puts(&b, d->t_json);
            else sb_puts(&b, type_of(a, d, f->rtype ? f->rtype : f->type));
        }
        sb_puts(&b, d->t_struct_close);
        char *r = arena_strndup(a, b.data, b.len);
        sb_free(&b);
        return r;
    }
    case TY_JSON:
    case TY_NAMED:
    case TY_ERROR: break;
    }
    return arena_strdup(a, d->t_json);
}

/* ---- literals ------------------------------------------------------------------------------ */

bool sql_numeric_text(const char *s)
{
    if (!s || !*s) return false;
    for (const char *p = s; *p; p++)
        if (!strchr("0123456789.eE+-", *p)) return false;
    return true;
}

/* Temporal text in the runtime's format, respelled as every engine reads it: a space between
 * date and time; timestamp without its Z / +00:00 (its values are UTC); timestamptz with Z as
 * +00:00. */
static char *temporal_text(Arena *a, TypeKind k, const char *s)
{
    char *r = arena_strdup(a, s);
    size_t n = strlen(r);
    if ((k == TY_TIMESTAMP || k == TY_TIMESTAMPTZ) && n > 10 && (r[10] == 'T' || r[10] == 't')) r[10] = ' ';
    bool z = n > 0 && (r[n - 1] == 'Z' || r[n - 1] == 'z');
    if (k == TY_TIMESTAMP) {
        if (z) r[n - 1] = '\0';
        else if (n > 6 && strcmp(r + n - 6, "+00:00") == 0) r[n - 6] = '\0';
    } else if (k == TY_TIMESTAMPTZ && z) {
        r[n - 1] = '\0';
        r = arena_printf(a, "%s+00:00", r);
    }
    return r;
}

char *sql_literal(Arena *a, const SqlDialect *d, const Type *t, const Literal *l)
{
    t = model_type_resolve(t);
    TypeKind k = t ? t->kind : TY_JSON;
    switch (l->kind) {
    case LIT_NULL: return arena_strdup(a, "NULL");
    case LIT_BOOL: return arena_strdup(a, strcmp(l->text, "true") == 0 ? d->t_true : d->t_false);
    case LIT_NUMBER:
        if (sql_numeric_text(l->text)) return arena_strdup(a, l->text);
        return sql_str(a, d, l->text);
    case LIT_STRING:
    case LIT_IDENT: break;
    }
    if (model_type_is_numeric(k) && sql_numeric_text(l->text)) return arena_strdup(a, l->text);
    const char *fmt = NULL;
    switch (k) {
    case TY_DATE: fmt = d->lit_date; break;
    case TY_TIME: fmt = d->lit_time; break;
    case TY_TIMESTAMP: fmt = d->lit_timestamp; break;
    case TY_TIMESTAMPTZ: fmt = d->lit_timestamptz; break;
    default: break;
    }
    if (fmt) return arena_printf(a, fmt, sql_str(a, d, temporal_text(a, k, l->text)));
    return sql_str(a, d, l->text);
}

/* ---- rules ---------------------------------------------------------------------------------- */

static void add_rule(Arena *a, SqlColumn *c, const char *code, const char *word, const char *pred,
                     const char *guard)
{
    SqlRule *r = ARENA_NEW(a, SqlRule);
    r->code = code;
    r->word = word;
    r->pred = pred;
    r->guard = guard;
    SqlRule **p = &c->rules;
    while (*p) p = &(*p)->next;
    *p = r;
}

static void note(Arena *a, SqlColumn *c, const char *what) { ptrvec_push(a, &c->unenforced, (void *)what); }

static const char *and_of(Arena *a, const char *x, const char *y)
{
    if (!x) return y;
    if (!y) return x;
    return arena_printf(a, "(%s) AND (%s)", x, y);
}

/* The value of col as the dialect compares temporal values. */
static const char *cmp_operand(Arena *a, const SqlDialect *d, TypeKind k, const char *x)
{
    if (d->temporal_wrap && model_type_is_temporal(k)) return sql_expand(a, d->temporal_wrap, x);
    return x;
}

static const char *range_pred(Arena *a, const SqlDialect *d, const Type *t, const char *col, const Interval *iv,
                              const char *fn)
{
    const char *x = fn ? sql_expand(a, fn, col) : cmp_operand(a, d, t->kind, col);
    const char *lo = NULL, *hi = NULL;
    if (iv->lo) {
        const char *v = fn ? iv->lo->text : cmp_operand(a, d, t->kind, sql_literal(a, d, t, iv->lo));
        lo = arena_printf(a, "%s %s %s", x, iv->lo_inclusive ? ">=" : ">", v);
    }
    if (iv->hi) {
        const char *v = fn ? iv->hi->text : cmp_operand(a, d, t->kind, sql_literal(a, d, t, iv->hi));
        hi = arena_printf(a, "%s %s %s", x, iv->hi_inclusive ? "<=" : "<", v);
    }
    if (lo && hi) return arena_printf(a, "%s AND %s", lo, hi);
    return lo ? lo : hi;
}

static const char *const int_bounds[4][2] = {
    {"-128", "127"}, {"-32768", "32767"}, {"-2147483648", "2147483647"},
    {"-9223372036854775808", "9223372036854775807"},
};

SqlColumn *sql_column(Arena *a, const SqlDialect *d, const Field *f)
{
    SqlColumn *c = ARENA_NEW(a, SqlColumn);
    const Type *t = model_type_resolve(f->rtype ? f->rtype : f->type);
    const Attrs *at = f->effective ? f->effective : f->attrs;
    const char *col = sql_ident(a, d, f->name.text);
    c->field = f;
    c->name = col;
    c->type = type_of(a, d, t);
    if (t->kind == TY_STRING || t->kind == TY_ENUM) {
        if (d->string_collate) c->type = arena_printf(a, "%s%s", c->type, d->string_collate);
    }
    if (t->kind == TY_UUID && d->uuid_collate) c->type = arena_printf(a, "%s%s", c->type, d->uuid_collate);
    c->not_null = !f->optional;
    if (c->not_null && t->kind == TY_LIST && !d->not_null_arrays && d->t_list) {
        c->not_null = false;
        note(a, c, "required (an ARRAY column cannot be NOT NULL)");
    }

    /* the kind: what the column type itself does not guarantee */
    const char *guard = NULL;
    TypeKind storage = t->kind;
    if (t->kind == TY_DECIMAL && t->u.decimal.p > d->max_precision) storage = TY_STRING;
    if (d->kind_check[storage]) {
        guard = sql_expand(a, d->kind_check[storage], col);
        /* kind checks may be false on null (typeof(NULL) is 'null'): a CHECK on an optional
         * column says so; the constraints below are null on null, which a CHECK accepts */
        const char *pred = f->optional ? arena_printf(a, "%s IS NULL OR (%s)", col, guard) : guard;
        add_rule(a, c, d->kind_rule[storage], "kind", pred, NULL);
    } else if (storage == TY_STRING && t->kind == TY_DECIMAL) {
        note(a, c, "decimal digits (stored as text: wider than the engine's decimals)");
    }
    if (model_type_is_int(t->kind) && !d->int_exact[t->kind - TY_INT8]) {
        const char *const *b = int_bounds[t->kind - TY_INT8];
        const char *w = arena_printf(a, "%s BETWEEN %s AND %s", col, b[0], b[1]);
        add_rule(a, c, "DV007", "width", w, guard);
        guard = and_of(a, guard, w);
    }

    /* DV013: string length in characters, bytes, items or entries */
    {
        const char *fn = NULL;
        Interval iv = {0};
        bool have = false;
        char *max_text = NULL;
        if (t->kind == TY_STRING) fn = d->len_string;
        else if (t->kind == TY_BYTES) fn = d->len_bytes;
        else if (t->kind == TY_LIST) fn = d->len_list;
        else if (t->kind == TY_MAP) fn = d->len_map;
        if (at->length) {
            iv = *at->length;
            have = true;
        }
        if (t->kind == TY_STRING && t->u.string.max_len > 0 && !d->t_varchar) {
            /* string(N): at most N characters, unless length gives a smaller maximum */
            max_text = arena_printf(a, "%lld", (long long)t->u.string.max_len);
            bool keep = iv.hi && strtoll(iv.hi->text, NULL, 10) - !iv.hi_inclusive <= t->u.string.max_len;
            if (!keep) {
                Literal *l = ARENA_NEW(a, Literal);
                l->kind = LIT_NUMBER;
                l->text = max_text;
                iv.hi = l;
                iv.hi_inclusive = true;
            }
            have = true;
        }
        if (have) {
            if (fn) add_rule(a, c, "DV013", "length", range_pred(a, d, t, col, &iv, fn), guard);
            else note(a, c, "length");
        }
    }

    /* DV014: the pattern, only where the engine's regex can be given dcc's exact meaning */
    if (at->pattern && t->kind == TY_STRING) {
        char *rx = d->regex == SQL_RX_NONE ? NULL
                                           : regex_translate(a, at->pattern->text, at->pattern->len, d->regex_flavor, NULL);
        if (rx && d->regex == SQL_RX_TILDE)
            add_rule(a, c, "DV014", "pattern", arena_printf(a, "%s ~ %s", col, sql_str(a, d, rx)), guard);
        else if (rx)
            add_rule(a, c, "DV014", "pattern", arena_printf(a, "regexp_matches(%s, %s)", col, sql_str(a, d, rx)), guard);
        else note(a, c, "pattern");
    }

    /* DV015: enumeration and allowed values (one rule: a value breaks it at most once) */
    {
        const char *p = NULL;
        if (t->kind == TY_ENUM) {
            StrBuf b;
            sb_init(&b);
            sb_printf(&b, "%s IN (", col);
            for (const EnumValue *e = t->u.enumeration.values; e; e = e->next) {
                if (e != t->u.enumeration.values) sb_puts(&b, ", ");
                sql_put_str(&b, d, e->name);
            }
            sb_putc(&b, ')');
            p = arena_strndup(a, b.data, b.len);
            sb_free(&b);
        }
        if (at->values) {
            StrBuf b;
            sb_init(&b);
            sb_printf(&b, "%s IN (", cmp_operand(a, d, t->kind, col));
            for (const Literal *l = at->values; l; l = l->next) {
                if (l != at->values) sb_puts(&b, ", ");
                sb_puts(&b, cmp_operand(a, d, t->kind, sql_literal(a, d, t, l)));
            }
            sb_putc(&b, ')');
            p = and_of(a, p, arena_strndup(a, b.data, b.len));
            sb_free(&b);
        }
        if (p) add_rule(a, c, "DV015", "values", p, guard);
    }

    /* DV016: the range, bounds compared exactly by the engine's own types */
    if (at->range && (model_type_is_numeric(t->kind) || model_type_is_temporal(t->kind)))
        add_rule(a, c, "DV016", "range", range_pred(a, d, t, col, at->range, NULL), guard);

    if (t->kind == TY_LIST || t->kind == TY_MAP || t->kind == TY_STRUCT)
        note(a, c, "constraints of nested values");

    if (!d->check)
        for (const SqlRule *r = c->rules; r; r = r->next) {
            const char *w = r->word;
            if (strcmp(w, "kind") == 0) /* say which form the type does not guarantee */
                w = strcmp(r->code, "DV011") == 0 ? "uuid form" : strcmp(r->code, "DV010") == 0 ? "date and time form" : "type";
            note(a, c, w);
        }
    return c;
}
