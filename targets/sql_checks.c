/* sql_checks.c - DIR/<stem>.checks.sql: per dataset one read-only query that measures the quality
 * rules and counts the rows breaking each record-level constraint the dialect can express, in one
 * pass over the table (each key of several fields adds a grouped pass). Every query returns rows of
 * (dataset, rule, field, observed, threshold, passed) with the rule codes `dcc validate` reports.
 *
 * Thresholds are compared exactly: counts are integers, and a rate `c / n op p%` is compared as
 * `c * 10^k * 100 op P * n` on integers, P being p's digits and k its fraction digits without
 * trailing zeros (with k <= 2, as thresholds are written, 64-bit products hold for 10^14 rows).
 * Freshness is measured against the engine's clock. `sql` rules are separate statements, run as
 * written, so that one naming tables of another database does not stop the others. */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "sql.h"

/* A name of the query itself (column aliases, subquery names): lower-case words that no dialect
 * reserves, quoted only where unquoted names fold to upper case (Snowflake). */
#define QN(name) (k->d->fold_upper ? sql_ident(k->a, k->d, name) : (name))

typedef struct {
    Arena *a;
    const SqlDialect *d;
    const char *table;  /* quoted, qualified */
    const char *dsname;
    PtrVec measures;    /* char*: "expr" (alias c<i+1>) */
    PtrVec groups;      /* char*: grouped subqueries counting repeated keys (alias d<i+1>) */
    PtrVec rows;        /* char*: the select list of one result row */
    const char *pfx;    /* of the query's own tables (dcc_m, dcc_k1, ...): no table of the
                           contract starts with it, so an unqualified name (SQLite) cannot
                           mean a CTE */
    StrBuf *out;
} Checks;

/* The alias of a measure computed in the one pass; equal expressions share one. */
static const char *measure(Checks *k, const char *expr)
{
    size_t i = 0;
    for (; i < k->measures.len; i++)
        if (strcmp(k->measures.items[i], expr) == 0) break;
    if (i == k->measures.len) ptrvec_push(k->a, &k->measures, (void *)expr);
    return QN(arena_printf(k->a, "c%zu", i + 1));
}

static const char *count_if(Checks *k, const char *cond)
{
    return measure(k, arena_printf(k->a, "COUNT(CASE WHEN %s THEN 1 END)", cond));
}

static const char *cmp_sql(CmpOp op)
{
    switch (op) {
    case CMP_LT: return "<";
    case CMP_LE: return "<=";
    case CMP_GT: return ">";
    case CMP_GE: return ">=";
    case CMP_NE: return "<>";
    case CMP_EQ:
    case CMP_BETWEEN:
    case CMP_NOT_BETWEEN: break; /* cmp_expr writes the between operators */
    }
    return "=";
}

/* `x op y`; for between `x` against both bounds, each included: (x >= lo AND x <= hi), and not
 * between (x < lo OR x > hi), spelt out rather than BETWEEN so every dialect reads it alike. */
static const char *cmp_expr(Arena *a, const char *x, CmpOp op, const char *y, const char *hi)
{
    if (op == CMP_BETWEEN) return arena_printf(a, "(%s >= %s AND %s <= %s)", x, y, x, hi);
    if (op == CMP_NOT_BETWEEN) return arena_printf(a, "(%s < %s OR %s > %s)", x, y, x, hi);
    return arena_printf(a, "%s %s %s", x, cmp_sql(op), y);
}

static bool cmp_int(long long x, CmpOp op, long long y, long long hi)
{
    switch (op) {
    case CMP_LT: return x < y;
    case CMP_LE: return x <= y;
    case CMP_GT: return x > y;
    case CMP_GE: return x >= y;
    case CMP_NE: return x != y;
    case CMP_BETWEEN: return x >= y && x <= hi;
    case CMP_NOT_BETWEEN: return x < y || x > hi;
    case CMP_EQ: break;
    }
    return x == y;
}

/* The rule's comparison as the contract writes it: ">= 1000", "between 10% and 20%". */
static const char *threshold_text(Arena *a, const QualityRule *r, const char *unit)
{
    const char *th = r->value ? r->value->text : "";
    if (CMP_IS_RANGE(r->op) && r->value_hi)
        return arena_printf(a, "%s %s%s and %s%s", model_cmp_name(r->op), th, unit, r->value_hi->text, unit);
    return arena_printf(a, "%s %s%s", model_cmp_name(r->op), th, unit);
}

static void row(Checks *k, const char *rule, const char *field, const char *observed, const char *threshold,
                const char *passed)
{
    const SqlDialect *d = k->d;
    ptrvec_push(k->a, &k->rows,
                arena_printf(k->a, "%s AS %s, %s AS %s, %s AS %s, CAST(%s AS %s) AS %s, %s AS %s, (%s) AS %s",
                             sql_str(k->a, d, k->dsname), QN("dataset"), sql_str(k->a, d, rule), QN("rule"),
                             sql_str(k->a, d, field ? field : ""), QN("field"), observed, d->observed_t, QN("observed"),
                             sql_str(k->a, d, threshold), QN("threshold"), passed, QN("passed")));
}

static char *field_list(Arena *a, const Name *names)
{
    StrBuf b;
    sb_init(&b);
    for (const Name *n = names; n; n = n->next) sb_printf(&b, "%s%s", n != names ? "," : "", n->text);
    char *r = arena_strndup(a, b.data, b.len);
    sb_free(&b);
    return r;
}

/* The value a key compares: canonical where the column's own equality is not dcc's (uuids kept
 * as text compare without case; SQLite's timestamps as instants). */
static const char *key_expr(Checks *k, const Field *f)
{
    const SqlDialect *d = k->d;
    const char *col = sql_ident(k->a, d, sql_column_word(f));
    const Type *t = model_type_resolve(f->rtype);
    if (t->kind == TY_UUID && d->kind_check[TY_UUID] && !d->uuid_collate) return arena_printf(k->a, "LOWER(%s)", col);
    if (model_type_is_temporal(t->kind) && d->temporal_wrap) return sql_expand(k->a, d->temporal_wrap, col);
    return col;
}

/* Rows repeating an earlier row's key (a key with a null part is not compared, as in the runtime). */
static const char *duplicates(Checks *k, const Dataset *ds, const Name *names)
{
    Arena *a = k->a;
    if (!names->next) {
        const Field *f = model_find_field(ds, names->text);
        const char *col = sql_ident(a, k->d, sql_column_word(f));
        return measure(k, arena_printf(a, "COUNT(%s) - COUNT(DISTINCT %s)", col, key_expr(k, f)));
    }
    StrBuf nn, gb;
    sb_init(&nn);
    sb_init(&gb);
    for (const Name *n = names; n; n = n->next) {
        const Field *f = model_find_field(ds, n->text);
        sb_printf(&nn, "%s%s IS NOT NULL", n != names ? " AND " : "", sql_ident(a, k->d, sql_column_word(f)));
        sb_printf(&gb, "%s%s", n != names ? ", " : "", key_expr(k, f));
    }
    /* a key of several fields takes a grouped pass of its own, a one-row CTE beside dcc_m */
    const char *e = arena_printf(a, "SELECT COUNT(*) AS %s FROM %s WHERE %s GROUP BY %s", QN("k"), k->table, nn.data, gb.data);
    sb_free(&nn);
    sb_free(&gb);
    size_t i = 0;
    for (; i < k->groups.len; i++)
        if (strcmp(k->groups.items[i], e) == 0) break;
    if (i == k->groups.len) ptrvec_push(a, &k->groups, (void *)e);
    return QN(arena_printf(a, "d%zu", i + 1));
}

/* Whether the field's value meets every constraint (an absent or null optional value does). A
 * CASE tries the constraints in order, each only once the ones before held: a length must not be
 * measured on a value of the wrong kind (jsonb_array_length of a scalar raises an error), and
 * only CASE promises the order. */
static const char *valid_expr(Checks *k, const SqlColumn *c)
{
    const SqlDialect *d = k->d;
    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "CASE WHEN %s IS NULL THEN %s", c->name, c->field->optional ? d->t_true : d->t_false);
    for (const SqlRule *r = c->rules; r; r = r->next) sb_printf(&b, " WHEN NOT (%s) THEN %s", r->pred, d->t_false);
    sb_printf(&b, " ELSE %s END", d->t_true);
    char *e = arena_strndup(k->a, b.data, b.len);
    sb_free(&b);
    return e;
}

/* A percentage's digits: "99.95" -> 9995 with 2 fraction digits. */
static bool percent_digits(const char *s, long long *digits, int *frac)
{
    long long v = 0;
    int f = 0;
    bool dot = false;
    if (!s || !*s) return false;
    for (const char *p = s; *p; p++) {
        if (*p == '.' && !dot) {
            dot = true;
            continue;
        }
        if (*p < '0' || *p > '9' || v > 100000000000LL) return false;
        v = v * 10 + (*p - '0');
        f += dot;
    }
    for (; f > 0 && v % 10 == 0; f--) v /= 10; /* 99.50% is 99.5% */
    if (f > 9) return false;
    *digits = v;
    *frac = f;
    return true;
}

/* A duration "<integer><unit>" as exact seconds text. */
static const char *seconds_text(Arena *a, const char *s)
{
    char *end;
    long long v = strtoll(s, &end, 10);
    if (strcmp(end, "ms") == 0) return arena_printf(a, "%lld.%03lld", v / 1000, v % 1000);
    long long unit = 1;
    if (strcmp(end, "m") == 0) unit = 60;
    else if (strcmp(end, "h") == 0) unit = 3600;
    else if (strcmp(end, "d") == 0) unit = 86400;
    else if (strcmp(end, "w") == 0) unit = 7 * 86400LL;
    else if (strcmp(end, "y") == 0) unit = 365 * 86400LL;
    return arena_printf(a, "%lld", v * unit);
}

static const SqlColumn *column_of(SqlColumn **cols, size_t n, const Field *f)
{
    for (size_t i = 0; i < n; i++)
        if (cols[i]->field == f) return cols[i];
    return NULL;
}

/* A rate rule's row: cnt rows of all n as a percentage against the threshold, compared exactly
 * as cnt * 10^f * 100 against digits * n (f the bounds' fraction digits), empty_pct the rate of
 * no rows at all. */
static void rate_row(Checks *k, const QualityRule *r, const char *code, const char *subject, const char *cnt, int empty_pct)
{
    Arena *a = k->a;
    const SqlDialect *d = k->d;
    const char *th = r->value ? r->value->text : "";
    const char *hi = CMP_IS_RANGE(r->op) && r->value_hi ? r->value_hi->text : NULL;
    long long digits, digits_hi = 0;
    int frac, frac_hi = 0;
    if (!percent_digits(th, &digits, &frac) || (hi && !percent_digits(hi, &digits_hi, &frac_hi))) return;
    /* both bounds over one scale: 10% and 20.5% are 100 and 205 tenths */
    for (; hi && frac < frac_hi; frac++) digits *= 10;
    for (; hi && frac_hi < frac; frac_hi++) digits_hi *= 10;
    long long scale = 100;
    for (int i = 0; i < frac; i++) scale *= 10;
    bool empty_ok = cmp_int(empty_pct * (scale / 100), r->op, digits, digits_hi);
    row(k, code, subject,
        arena_printf(a, "CASE WHEN %s = 0 THEN %d ELSE CAST(%s AS %s) * 100 / %s END", QN("n"), empty_pct, cnt,
                     d->observed_t, QN("n")),
        threshold_text(a, r, "%"),
        arena_printf(a, "CASE WHEN %s = 0 THEN %s ELSE %s END", QN("n"), empty_ok ? d->t_true : d->t_false,
                     cmp_expr(a, arena_printf(a, "%s * %lld", cnt, scale), r->op, arena_printf(a, "%lld * %s", digits, QN("n")),
                              hi ? arena_printf(a, "%lld * %s", digits_hi, QN("n")) : NULL)));
}

static void quality(Checks *k, const Dataset *ds, const QualityRule *r, SqlColumn **cols, size_t ncols)
{
    Arena *a = k->a;
    const SqlDialect *d = k->d;
    const char *th = r->value ? r->value->text : "";
    const char *hi = CMP_IS_RANGE(r->op) && r->value_hi ? r->value_hi->text : NULL;
    const SqlColumn *c = r->field ? column_of(cols, ncols, r->field) : NULL;
    switch (r->kind) {
    case RULE_ROW_COUNT:
        row(k, "DQ001", "", QN("n"), threshold_text(a, r, ""), cmp_expr(a, QN("n"), r->op, th, hi));
        break;
    case RULE_NULL_RATE:
    case RULE_VALID_RATE: {
        bool nr = r->kind == RULE_NULL_RATE;
        if (!c) break;
        const char *cnt = nr ? count_if(k, arena_printf(a, "%s IS NULL", c->name)) : count_if(k, valid_expr(k, c));
        /* with no rows the runtime's null rate is 0 and its valid rate 1 */
        rate_row(k, r, nr ? "DQ002" : "DQ003", c->field->name.text, cnt, nr ? 0 : 100);
        break;
    }
    case RULE_NULL_COUNT:
    case RULE_INVALID_COUNT: {
        bool nc = r->kind == RULE_NULL_COUNT;
        if (!c) break;
        /* the rows whose value is null, or breaks a constraint (not valid_expr) */
        const char *cnt = nc ? count_if(k, arena_printf(a, "%s IS NULL", c->name))
                             : count_if(k, arena_printf(a, "NOT (%s)", valid_expr(k, c)));
        row(k, nc ? "DQ002" : "DQ003", c->field->name.text, cnt, threshold_text(a, r, ""), cmp_expr(a, cnt, r->op, th, hi));
        break;
    }
    case RULE_FRESHNESS: {
        if (!c) break;
        const Type *t = model_type_resolve(c->field->rtype);
        int slot = t->kind == TY_DATE ? 0 : t->kind == TY_TIMESTAMP ? 1 : 2;
        /* the newest instant: where temporal values are text (SQLite), MAX of the text would not
         * be the newest one across offsets, so the engine's instant is compared */
        const char *instant = d->temporal_wrap ? sql_expand(a, d->temporal_wrap, c->name) : c->name;
        const char *newest = measure(k, arena_printf(a, "MAX(CASE WHEN %s IS NOT NULL AND (%s) THEN %s END)", c->name,
                                                     valid_expr(k, c), instant));
        const char *age = sql_expand(a, d->age[slot], newest);
        row(k, "DQ004", c->field->name.text, arena_printf(a, "CASE WHEN %s IS NULL THEN NULL ELSE %s END", newest, age),
            threshold_text(a, r, ""),
            arena_printf(a, "CASE WHEN %s IS NULL THEN %s ELSE %s END", newest, d->t_false,
                         cmp_expr(a, age, r->op, seconds_text(a, th), hi ? seconds_text(a, hi) : NULL)));
        break;
    }
    case RULE_UNIQUE:
        if (r->fields)
            row(k, "DQ005", field_list(a, r->fields), duplicates(k, ds, r->fields), "== 0",
                arena_printf(a, "%s = 0", duplicates(k, ds, r->fields)));
        break;
    case RULE_DUPLICATE_COUNT: /* the rows a unique rule counts, against a threshold */
        if (r->fields)
            row(k, "DQ005", field_list(a, r->fields), duplicates(k, ds, r->fields), threshold_text(a, r, ""),
                cmp_expr(a, duplicates(k, ds, r->fields), r->op, th, hi));
        break;
    case RULE_DUPLICATE_RATE: /* the same rows as a share of all (0% with no rows) */
        if (r->fields) rate_row(k, r, "DQ005", field_list(a, r->fields), duplicates(k, ds, r->fields), 0);
        break;
    case RULE_MISSING_COUNT:
    case RULE_MISSING_RATE: {
        /* null, or one of the values written as the column's type compares them */
        if (!c) break;
        const char *in = "";
        for (const Literal *l = r->values; l; l = l->next)
            in = arena_printf(a, "%s%s%s", in, *in ? ", " : "", sql_literal(a, d, c->field->rtype, l));
        const char *cnt = count_if(k, *in ? arena_printf(a, "%s IS NULL OR %s IN (%s)", c->name, c->name, in)
                                          : arena_printf(a, "%s IS NULL", c->name));
        if (r->kind == RULE_MISSING_RATE) rate_row(k, r, "DQ002", c->field->name.text, cnt, 0);
        else row(k, "DQ002", c->field->name.text, cnt, threshold_text(a, r, ""), cmp_expr(a, cnt, r->op, th, hi));
        break;
    }
    case RULE_NOTIN_COUNT:
    case RULE_NOTIN_RATE: {
        /* not one of the values; null only when the list lacks null (NOT IN alone would leave
         * a null row out, as NULL NOT IN (...) is unknown) */
        if (!c) break;
        const char *in = "";
        bool null_ok = false;
        for (const Literal *l = r->values; l; l = l->next)
            if (l->kind == LIT_NULL) null_ok = true;
            else in = arena_printf(a, "%s%s%s", in, *in ? ", " : "", sql_literal(a, d, c->field->rtype, l));
        const char *notin = *in ? arena_printf(a, "%s NOT IN (%s)", c->name, in) : "1 = 1";
        const char *cnt = count_if(k, null_ok ? arena_printf(a, "%s IS NOT NULL AND %s", c->name, notin)
                                              : arena_printf(a, "%s IS NULL OR %s", c->name, notin));
        if (r->kind == RULE_NOTIN_RATE) rate_row(k, r, "DQ003", c->field->name.text, cnt, 0);
        else row(k, "DQ003", c->field->name.text, cnt, threshold_text(a, r, ""), cmp_expr(a, cnt, r->op, th, hi));
        break;
    }
    case RULE_SQL: break; /* separate statements */
    }
}

/* ---- sql rules ------------------------------------------------------------------------------ */

/* Whether text is one statement the dialect's lexer reads as written: quotes and comments closed,
 * no `;` outside them except at the very end (which *end is set to exclude). A text that is not
 * is never pasted into the output. */
static bool single_statement(const SqlDialect *d, const char *s, size_t *end)
{
    size_t n = strlen(s), last = n;
    bool hash_comments = d->qopen == '`'; /* MySQL, BigQuery, Spark read `#` as a line comment */
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (c == '\'' || c == '"' || c == '`') {
            size_t j = i + 1;
            for (;; j++) {
                if (j >= n) return false;
                if (s[j] == '\\' && (d->str_backslash || d->ident_backslash) && c != '`') {
                    j++;
                    continue;
                }
                if (s[j] == c) {
                    if (j + 1 < n && s[j + 1] == c) {
                        j++;
                        continue;
                    }
                    break;
                }
            }
            i = j;
        } else if ((c == '-' && s[i + 1] == '-') || (c == '#' && hash_comments)) {
            while (i < n && s[i] != '\n') i++;
        } else if (c == '/' && s[i + 1] == '*') {
            const char *e = strstr(s + i + 2, "*/");
            if (!e) return false;
            i = (size_t)(e - s) + 1;
        } else if (c == '$' && (d->regex == SQL_RX_TILDE || d->regex == SQL_RX_FUNC)) {
            /* PostgreSQL and DuckDB dollar quotes: $tag$ ... $tag$ */
            size_t j = i + 1;
            while (j < n && (s[j] == '_' || (s[j] >= 'a' && s[j] <= 'z') || (s[j] >= 'A' && s[j] <= 'Z') ||
                             (j > i + 1 && s[j] >= '0' && s[j] <= '9')))
                j++;
            if (j < n && s[j] == '$') {
                size_t tl = j - i + 1;
                const char *e = s + j + 1;
                for (;;) {
                    e = strchr(e, '$');
                    if (!e) return false;
                    if (strncmp(e, s + i, tl) == 0) break;
                    e++;
                }
                i = (size_t)(e - s) + tl - 1;
            }
        } else if (c == ';') {
            for (size_t j = i + 1; j < n; j++)
                if (s[j] != ' ' && s[j] != '\t' && s[j] != '\n' && s[j] != '\r') return false;
            last = i;
            break;
        }
    }
    *end = last;
    return true;
}

static void sql_rule(Checks *k, const QualityRule *r, unsigned nth)
{
    Arena *a = k->a;
    const SqlDialect *d = k->d;
    StrBuf *o = k->out;
    const char *text = r->sql && r->sql->text ? r->sql->text : "";
    const char *th = r->value ? r->value->text : "";
    const char *hi = CMP_IS_RANGE(r->op) && r->value_hi ? r->value_hi->text : NULL;
    size_t end;
    const char *head = arena_printf(a, "SELECT %s AS %s, %s AS %s, '' AS %s, ", sql_str(a, d, k->dsname), QN("dataset"),
                                    sql_str(a, d, "sql"), QN("rule"), QN("field"));
    const char *threshold = sql_str(a, d, threshold_text(a, r, ""));
    if (!single_statement(d, text, &end) || !sql_numeric_text(th) || (hi && !sql_numeric_text(hi))) {
        sb_printf(o, "\n-- dataset %s, sql rule %u: not one SQL statement as written, so it is not run\n", k->dsname, nth);
        sb_printf(o, "%sCAST(NULL AS %s) AS %s, %s AS %s, (%s) AS %s;\n", head, d->observed_t, QN("observed"), threshold,
                  QN("threshold"), d->t_false, QN("passed"));
        return;
    }
    sb_printf(o, "\n-- dataset %s, sql rule %u, run as written\n", k->dsname, nth);
    sb_printf(o, "%sCAST(%s AS %s) AS %s, %s AS %s, (%s) AS %s\nFROM (SELECT (\n", head, QN("v"), d->observed_t,
              QN("observed"), threshold, QN("threshold"), cmp_expr(a, QN("v"), r->op, th, hi), QN("passed"));
    sb_put(o, text, end);
    sb_printf(o, "\n) AS %s) AS %s;\n", QN("v"), QN(arena_printf(a, "%s_q", k->pfx)));
}

/* ---- one dataset -------------------------------------------------------------------------- */

static void dataset(Arena *a, const SqlDialect *d, const Contract *unit, const char *schema, const Dataset *ds, StrBuf *out)
{
    const char *tn = sql_ident(a, d, sql_table_word(ds));
    Checks kk = {a, d, schema ? arena_printf(a, "%s.%s", schema, tn) : tn, ds->name.text, {0}, {0}, {0}, "dcc", out};
    Checks *k = &kk;
    for (unsigned n = 2;; n++) {
        bool clash = false;
        for (const Dataset *x = unit->datasets; x && !clash; x = x->next)
            clash = strncasecmp(x->name.text, k->pfx, strlen(k->pfx)) == 0 && x->name.text[strlen(k->pfx)] == '_';
        if (!clash) break;
        k->pfx = arena_printf(a, "dcc%u", n);
    }
    size_t ncols = 0;
    for (const Field *f = ds->fields; f; f = f->next) ncols++;
    SqlColumn **cols = arena_alloc(a, (ncols ? ncols : 1) * sizeof *cols);
    ncols = 0;
    for (const Field *f = ds->fields; f; f = f->next) cols[ncols++] = sql_column(a, d, f);

    /* the dataset's quality rules, in the contract's order */
    for (const QualityRule *r = ds->quality; r; r = r->next) quality(k, ds, r, cols, ncols);
    /* record-level checks, field by field, then keys */
    for (size_t i = 0; i < ncols; i++) {
        const SqlColumn *c = cols[i];
        const char *fname = c->field->name.text;
        if (!c->field->optional) {
            const char *n = count_if(k, arena_printf(a, "%s IS NULL", c->name));
            row(k, "DV005", fname, n, "== 0", arena_printf(a, "%s = 0", n));
        }
        for (const SqlRule *r = c->rules; r; r = r->next) {
            /* in order, as in valid_expr: the rule is tried only on a value of the right kind */
            const char *cond = arena_printf(a, "CASE WHEN %s IS NULL THEN %s%s%s%s WHEN NOT (%s) THEN %s ELSE %s END", c->name,
                                            d->t_false, r->guard ? " WHEN NOT (" : "", r->guard ? r->guard : "",
                                            r->guard ? arena_printf(a, ") THEN %s", d->t_false) : "", r->pred, d->t_true,
                                            d->t_false);
            const char *n = count_if(k, cond);
            row(k, r->code, fname, n, "== 0", arena_printf(a, "%s = 0", n));
        }
    }
    if (ds->primary_key) {
        const char *n = duplicates(k, ds, ds->primary_key->fields);
        row(k, "DV017", field_list(a, ds->primary_key->fields), n, "== 0", arena_printf(a, "%s = 0", n));
    }
    for (const Key *key = ds->uniques; key; key = key->next) {
        const char *n = duplicates(k, ds, key->fields);
        row(k, "DV018", field_list(a, key->fields), n, "== 0", arena_printf(a, "%s = 0", n));
    }
    for (size_t i = 0; i < ncols; i++) {
        const Field *f = cols[i]->field;
        if (!(f->effective ? f->effective : f->attrs)->unique) continue;
        Name one = f->name;
        one.next = NULL;
        const char *n = duplicates(k, ds, &one);
        row(k, "DV018", f->name.text, n, "== 0", arena_printf(a, "%s = 0", n));
    }

    sb_printf(out, "\n-- dataset %s: %zu checks in one pass over the table", ds->name.text, k->rows.len);
    if (k->groups.len) sb_printf(out, " (and %zu grouped pass%s for keys of several fields)", k->groups.len, k->groups.len > 1 ? "es" : "");
    sb_puts(out, "\n");
    sb_printf(out, "WITH %s AS (\n    SELECT\n        COUNT(*) AS %s", QN(arena_printf(a, "%s_m", k->pfx)), QN("n"));
    for (size_t i = 0; i < k->measures.len; i++)
        sb_printf(out, ",\n        %s AS %s", (const char *)k->measures.items[i], QN(arena_printf(a, "c%zu", i + 1)));
    sb_printf(out, "\n    FROM %s\n)", k->table);
    StrBuf from;
    sb_init(&from);
    sb_puts(&from, QN(arena_printf(a, "%s_m", k->pfx)));
    for (size_t i = 0; i < k->groups.len; i++) {
        const char *g = QN(arena_printf(a, "%s_k%zu", k->pfx, i + 1));
        sb_printf(out, ", %s AS (\n    SELECT COALESCE(SUM(%s - 1), 0) AS %s FROM (%s) AS %s\n)", g, QN("k"),
                  QN(arena_printf(a, "d%zu", i + 1)), (const char *)k->groups.items[i], QN(arena_printf(a, "%s_g", k->pfx)));
        sb_printf(&from, ", %s", g);
    }
    sb_puts(out, "\n");
    sb_printf(out, "SELECT %s, %s, %s, %s, %s, %s FROM (\n", QN("dataset"), QN("rule"), QN("field"), QN("observed"),
              QN("threshold"), QN("passed"));
    for (size_t i = 0; i < k->rows.len; i++)
        sb_printf(out, "    %sSELECT %zu AS %s, %s FROM %s\n", i ? "UNION ALL " : "", i + 1, QN("ord"),
                  (const char *)k->rows.items[i], from.data);
    sb_printf(out, ") AS %s\nORDER BY %s;\n", QN(arena_printf(a, "%s_r", k->pfx)), QN("ord"));
    sb_free(&from);

    unsigned nth = 0;
    for (const QualityRule *r = ds->quality; r; r = r->next)
        if (r->kind == RULE_SQL) sql_rule(k, r, ++nth);
}

void sql_emit_checks(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p, StrBuf *out)
{
    const char *stem = sql_stem(a, unit);
    const char *schema = p->qual;
    sql_put_banner(out, d, unit, p);
    sb_puts(out, "-- Read-only checks of the tables of ");
    sb_printf(out, "%s.sql: each query returns one row per check with the columns\n", stem);
    sb_puts(out, "-- dataset, rule, field, observed, threshold, passed. Rules are the codes of `dcc validate`\n"
                 "-- (DQ001..DQ005 quality rules, DV0nn record-level checks, `sql` for sql rules run as written).\n");
    for (const Dataset *ds = unit->datasets; ds; ds = ds->next) dataset(a, d, unit, schema, ds, out);
}
