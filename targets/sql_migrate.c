/* sql_migrate.c - `dcc gen -t sql-migration --from OLD -o DIR NEW`: DIR/<stem>.<old>-to-<new>.sql,
 * one transaction that takes the tables `dcc gen -t sql` writes for OLD to those it writes for
 * NEW, keeping every stored row.
 *
 * Two sources, so that nothing is decided twice: what changed, and whether stored rows survive
 * it, is compat's (compat_diff's findings, each with the datasets and fields it paired, judged by
 * the policy table below); what the tables are is the SQL target's (sql_column,
 * sql_table_constraints, sql_column_def, the comments). Every statement is a difference between
 * OLD's and NEW's DDL of a table; a change whose rule could lose rows or values, fail on rows valid
 * under OLD or give stored values another meaning is refused (DC0800) unless --allow-breaking.
 * docs/compat.md ("Migrations") is the user's view. */
#include <string.h>

#include "compat.h"
#include "sql.h"

/* ---- the policy: what each compat rule means for stored rows ------------------------------------ */

typedef enum {
    MIG_UNSET,   /* a rule added to compat_rules.def without a line here: an internal error */
    MIG_TABLE,   /* the statements (possibly none) keep every stored row and its meaning */
    MIG_OUTSIDE, /* nothing of the tables: quality rules, service levels, ports, lifecycle */
    MIG_REFUSE,  /* stored rows could be lost, changed, refused or read otherwise */
} MigPolicy;

/* why: for a refusal, what could happen to rows stored under OLD. */
static const struct {
    MigPolicy p;
    const char *why;
} policy[CR__COUNT] = {
    [CR_PRODUCT_RENAMED] = {MIG_REFUSE, "the schema is renamed under the readers of every table"},
    [CR_PRODUCT_RETIRED] = {MIG_OUTSIDE, NULL},
    [CR_PRODUCT_UNRETIRED] = {MIG_OUTSIDE, NULL},
    [CR_PRODUCT_DEPRECATED] = {MIG_OUTSIDE, NULL},
    [CR_COMPAT_WEAKENED] = {MIG_OUTSIDE, NULL},
    [CR_COMPAT_STRENGTHENED] = {MIG_OUTSIDE, NULL},
    [CR_PORT_REMOVED] = {MIG_OUTSIDE, NULL},
    [CR_PORT_ADDED] = {MIG_OUTSIDE, NULL},
    [CR_PORT_CHANGED] = {MIG_OUTSIDE, NULL},
    [CR_OWNER_CHANGED] = {MIG_TABLE, NULL}, /* the table comments name the owner */
    [CR_PRODUCT_DOCS] = {MIG_TABLE, NULL},
    [CR_DATASET_ADDED] = {MIG_TABLE, NULL}, /* a new, empty table */
    [CR_DATASET_REMOVED] = {MIG_REFUSE, "the table and every row in it are dropped"},
    [CR_FIELD_ADDED_REQUIRED] = {MIG_REFUSE, "stored rows have no value for a NOT NULL column without a default"},
    [CR_FIELD_ADDED_OPTIONAL] = {MIG_TABLE, NULL},
    [CR_FIELD_ADDED_CLOSED] = {MIG_TABLE, NULL}, /* the addition's own rule decides */
    [CR_FIELD_REMOVED_REQUIRED] = {MIG_REFUSE, "the column and its stored values are dropped"},
    [CR_FIELD_REMOVED_OPTIONAL] = {MIG_REFUSE, "the column and its stored values are dropped"},
    [CR_FIELD_REMOVED_CLOSED] = {MIG_TABLE, NULL}, /* the removal's own rule decides */
    [CR_FIELD_MADE_OPTIONAL] = {MIG_TABLE, NULL},
    [CR_FIELD_MADE_REQUIRED] = {MIG_REFUSE, "stored rows may hold null there"},
    [CR_FIELD_DEPRECATED] = {MIG_TABLE, NULL},
    [CR_FIELD_UNDEPRECATED] = {MIG_TABLE, NULL},
    [CR_SUNSET_EARLIER] = {MIG_TABLE, NULL},
    [CR_SUNSET_LATER] = {MIG_TABLE, NULL},
    [CR_INT_WIDENED] = {MIG_TABLE, NULL},
    [CR_INT_NARROWED] = {MIG_REFUSE, "a stored value may not fit the narrower type"},
    [CR_INT_TO_FLOAT] = {MIG_TABLE, NULL},
    [CR_INT_TO_DECIMAL] = {MIG_TABLE, NULL},
    [CR_FLOAT_WIDENED] = {MIG_TABLE, NULL},
    [CR_FLOAT_NARROWED] = {MIG_REFUSE, "a stored value may be rounded or not fit"},
    [CR_DECIMAL_WIDENED] = {MIG_TABLE, NULL},
    [CR_DECIMAL_NARROWED] = {MIG_REFUSE, "a stored value may be rounded or not fit"},
    [CR_NUMBER_NARROWED] = {MIG_REFUSE, "a stored value may be rounded or not fit"},
    [CR_NUMBER_CHANGED] = {MIG_REFUSE, "a stored value may be rounded or not fit"},
    [CR_STRING_LONGER] = {MIG_TABLE, NULL},
    [CR_STRING_SHORTER] = {MIG_REFUSE, "a stored value may be longer than the new maximum"},
    [CR_STRING_TO_ENUM] = {MIG_REFUSE, "a stored value may not be one of the enum's values"},
    [CR_ENUM_TO_STRING] = {MIG_TABLE, NULL},
    [CR_ENUM_VALUE_ADDED] = {MIG_TABLE, NULL},
    [CR_ENUM_VALUE_REMOVED] = {MIG_REFUSE, "stored rows may hold the removed value"},
    [CR_TEMPORAL_CHANGED] = {MIG_REFUSE, "stored instants are converted, and may move or lose their time"},
    [CR_UUID_TO_STRING] = {MIG_TABLE, NULL},
    [CR_STRING_TO_UUID] = {MIG_REFUSE, "a stored value may not be a uuid"},
    [CR_TO_JSON] = {MIG_TABLE, NULL},
    [CR_FROM_JSON] = {MIG_REFUSE, "a stored JSON value may not convert"},
    [CR_TYPE_CHANGED] = {MIG_REFUSE, "a stored value may not convert"},
    [CR_NUMBER_WIDENED] = {MIG_TABLE, NULL},
    [CR_RANGE_NARROWED] = {MIG_REFUSE, "stored rows may be outside the new range"},
    [CR_RANGE_WIDENED] = {MIG_TABLE, NULL},
    [CR_RANGE_CHANGED] = {MIG_REFUSE, "stored rows may be outside the new range"},
    [CR_LENGTH_NARROWED] = {MIG_REFUSE, "stored rows may be outside the new length"},
    [CR_LENGTH_WIDENED] = {MIG_TABLE, NULL},
    [CR_LENGTH_CHANGED] = {MIG_REFUSE, "stored rows may be outside the new length"},
    [CR_PATTERN_NARROWED] = {MIG_REFUSE, "stored rows may not match the new pattern"},
    [CR_PATTERN_WIDENED] = {MIG_TABLE, NULL},
    [CR_PATTERN_CHANGED] = {MIG_REFUSE, "stored rows may not match the new pattern"},
    [CR_PATTERN_UNDECIDED] = {MIG_REFUSE, "whether stored rows match the new pattern is undecided"},
    [CR_VALUES_NARROWED] = {MIG_REFUSE, "stored rows may hold a value no longer allowed"},
    [CR_VALUES_WIDENED] = {MIG_TABLE, NULL},
    [CR_VALUES_CHANGED] = {MIG_REFUSE, "stored rows may hold a value no longer allowed"},
    [CR_DEFAULT_CHANGED] = {MIG_TABLE, NULL}, /* a default fills new rows only */
    /* The database checks every stored row when it builds the index: the migration holds, or it
     * fails as a whole with PostgreSQL naming the duplicate; no stored value changes. */
    [CR_UNIQUE_ADDED] = {MIG_TABLE, NULL},
    [CR_UNIQUE_REMOVED] = {MIG_TABLE, NULL},
    [CR_UNKNOWN_OPENED] = {MIG_OUTSIDE, NULL}, /* undeclared fields have no column */
    [CR_UNKNOWN_CLOSED] = {MIG_OUTSIDE, NULL},
    [CR_PRIMARY_KEY_CHANGED] = {MIG_REFUSE, "stored rows may repeat or lack the new key"},
    [CR_UNIQUE_KEY_ADDED] = {MIG_TABLE, NULL}, /* as CR_UNIQUE_ADDED */
    [CR_UNIQUE_KEY_REMOVED] = {MIG_TABLE, NULL},
    [CR_REFERENCE_CHANGED] = {MIG_REFUSE, "stored rows may point at rows the new target lacks"},
    [CR_REFERENCE_ADDED] = {MIG_REFUSE, "stored rows may point at rows the target lacks"},
    [CR_REFERENCE_REMOVED] = {MIG_TABLE, NULL},
    [CR_DESCRIPTION_CHANGED] = {MIG_TABLE, NULL},
    [CR_UNIT_CHANGED] = {MIG_REFUSE, "stored numbers would be read in the new unit without being converted"},
    [CR_UNIT_ADDED] = {MIG_TABLE, NULL},
    [CR_UNIT_REMOVED] = {MIG_TABLE, NULL},
    [CR_TERM_CHANGED] = {MIG_TABLE, NULL},
    [CR_CLASSIFICATION_LOWERED] = {MIG_TABLE, NULL},
    [CR_CLASSIFICATION_RAISED] = {MIG_TABLE, NULL},
    [CR_PII_REMOVED] = {MIG_TABLE, NULL},
    [CR_PII_ADDED] = {MIG_TABLE, NULL},
    [CR_SLA_WEAKENED] = {MIG_OUTSIDE, NULL},
    [CR_SLA_STRENGTHENED] = {MIG_OUTSIDE, NULL},
    [CR_SLA_CHANGED] = {MIG_OUTSIDE, NULL},
    /* quality rules are measured by <stem>.checks.sql, which `dcc gen -t sql` writes for NEW */
    [CR_QUALITY_LOOSENED] = {MIG_OUTSIDE, NULL},
    [CR_QUALITY_TIGHTENED] = {MIG_OUTSIDE, NULL},
    [CR_QUALITY_CHANGED] = {MIG_OUTSIDE, NULL},
    [CR_QUALITY_ADDED] = {MIG_OUTSIDE, NULL},
    [CR_QUALITY_REMOVED] = {MIG_OUTSIDE, NULL},
    [CR_TABLE_RENAMED] = {MIG_TABLE, NULL},  /* ALTER TABLE ... RENAME TO, first of all */
    [CR_COLUMN_RENAMED] = {MIG_TABLE, NULL}, /* ALTER TABLE ... RENAME COLUMN, before the column's other changes */
    [CR_PHYSICAL_TYPE_CHANGED] = {MIG_REFUSE, "stored values are cast to the new column type, which may cut them (a cast to VARCHAR(n) drops what is longer) or refuse them"},
    [CR_METADATA_CHANGED] = {MIG_TABLE, NULL},
};

/* ---- one table of OLD and NEW ------------------------------------------------------------------- */

typedef struct {
    const Dataset *o, *n; /* either may be NULL: added, removed */
    const char *qname;    /* NEW's name (OLD's for a removed table) */
    SqlColumn **ocols, **ncols;
    size_t nocols, nncols;
    PtrVec okeys, ochecks, nkeys, nchecks, ofks, nfks; /* SqlConstraint* */
} MigTable;

typedef struct {
    Arena *a;
    const SqlDialect *d;
    const Contract *o, *n;
    const CompatFindings *f;
    const SqlPlace *po, *pn; /* where OLD's tables were and NEW's are */
    bool allow;
    StrBuf *out;
    MigTable *tables;
    size_t ntables;
} Mig;

static SqlColumn **columns(Arena *a, const SqlDialect *d, const Dataset *ds, size_t *n)
{
    *n = 0;
    if (!ds) return NULL;
    for (const Field *f = ds->fields; f; f = f->next) ++*n;
    SqlColumn **v = arena_alloc(a, (*n ? *n : 1) * sizeof *v);
    size_t i = 0;
    for (const Field *f = ds->fields; f; f = f->next) v[i++] = sql_column(a, d, f);
    return v;
}

static void fks(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p, const Dataset *ds, PtrVec *out)
{
    if (!ds) return;
    for (const Field *f = ds->fields; f; f = f->next) {
        if (!sql_fk_target(d, unit, f)) continue;
        SqlConstraint *k = ARENA_NEW(a, SqlConstraint);
        k->name = sql_constraint_name(a, ds->name.text, f->name.text, "fkey");
        k->def = sql_fk_def(a, d, unit, p, f);
        ptrvec_push(a, out, k);
    }
}

static void table_init(Mig *m, MigTable *t, const Dataset *o, const Dataset *n)
{
    Arena *a = m->a;
    t->o = o;
    t->n = n;
    /* every table under NEW's name: OLD's schema, if another, is renamed first */
    t->qname = sql_table_qname(a, m->d, m->pn, n ? n : o);
    t->ocols = columns(a, m->d, o, &t->nocols);
    t->ncols = columns(a, m->d, n, &t->nncols);
    if (o) sql_table_constraints(a, m->d, o, t->ocols, t->nocols, &t->okeys, &t->ochecks);
    if (n) sql_table_constraints(a, m->d, n, t->ncols, t->nncols, &t->nkeys, &t->nchecks);
    fks(a, m->d, m->o, m->pn, o, &t->ofks);
    fks(a, m->d, m->n, m->pn, n, &t->nfks);
}

static const SqlColumn *column_named(SqlColumn *const *v, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v[i]->field->name.text, name) == 0) return v[i];
    return NULL;
}

/* Whether `in` declares k as it is (same name, same definition). */
static bool has_constraint(const PtrVec *in, const SqlConstraint *k)
{
    for (size_t i = 0; i < in->len; i++) {
        const SqlConstraint *x = in->items[i];
        if (strcmp(x->name, k->name) == 0 && strcmp(x->def, k->def) == 0) return true;
    }
    return false;
}

/* ---- comments naming the findings behind a statement -------------------------------------------- */

static bool refused(const CompatFinding *g) { return policy[g->rule].p == MIG_REFUSE; }

/* `-- breaking (--allow-breaking): CMPnnn name path` above the statements of a column (field
 * non-NULL) or of a table (field NULL: the table's own findings). */
static void put_breaking(Mig *m, const MigTable *t, const char *field)
{
    for (const CompatFinding *g = m->f->first; g; g = g->next) {
        if (!refused(g)) continue;
        const Dataset *ds = g->new_dataset ? g->new_dataset : g->old_dataset;
        if (!ds || (ds != t->n && ds != t->o)) continue;
        const Field *f = g->new_field ? g->new_field : g->old_field;
        if (field ? !f || g->nested || strcmp(f->name.text, field) != 0 : f != NULL) continue;
        const CompatRule *r = compat_rule(g->rule);
        sb_printf(m->out, "-- breaking, written because of --allow-breaking: %s %s ", r->id, r->name);
        sql_put_comment_word(m->out, g->path);
        sb_putc(m->out, '\n');
    }
}

/* ---- the statements, in phases over all tables --------------------------------------------------- */

static void drop_constraints(Mig *m, MigTable *t, const PtrVec *old, const PtrVec *new_)
{
    if (!t->o || !t->n) return;
    for (size_t i = 0; i < old->len; i++) {
        const SqlConstraint *k = old->items[i];
        if (has_constraint(new_, k)) continue;
        sb_printf(m->out, "ALTER TABLE %s DROP CONSTRAINT %s;\n", t->qname, sql_ident(m->a, m->d, k->name));
    }
}

static void add_constraints(Mig *m, MigTable *t, const PtrVec *old, const PtrVec *new_)
{
    if (!t->n || !t->o) return; /* a new table has them in its CREATE TABLE */
    for (size_t i = 0; i < new_->len; i++) {
        const SqlConstraint *k = new_->items[i];
        if (has_constraint(old, k)) continue;
        sb_printf(m->out, "ALTER TABLE %s ADD CONSTRAINT %s %s;\n", t->qname, sql_ident(m->a, m->d, k->name), k->def);
    }
}

static const char *default_text(Arena *a, const SqlDialect *d, const SqlColumn *c)
{
    const Field *f = c->field;
    const Attrs *at = f->effective ? f->effective : f->attrs;
    if (!at->default_value || at->default_value->kind == LIT_NULL) return NULL;
    return sql_literal(a, d, f->rtype, at->default_value);
}

/* USING: how a stored value becomes one of the new type. */
static const char *using_expr(Arena *a, const SqlDialect *d, const SqlColumn *o, const SqlColumn *n)
{
    bool oj = strcmp(o->type, d->t_json) == 0, nj = strcmp(n->type, d->t_json) == 0;
    if (nj && !oj) return arena_printf(a, "to_jsonb(%s)", n->name);
    if (oj && !nj) return arena_printf(a, "(%s #>> '{}')::%s", n->name, n->type);
    return arena_printf(a, "%s::%s", n->name, n->type);
}

static void alter_columns(Mig *m, MigTable *t)
{
    if (!t->o || !t->n) return;
    Arena *a = m->a;
    StrBuf *o = m->out;
    for (size_t i = 0; i < t->nocols; i++) {
        const SqlColumn *c = t->ocols[i];
        if (column_named(t->ncols, t->nncols, c->field->name.text)) continue;
        put_breaking(m, t, c->field->name.text);
        sb_printf(o, "ALTER TABLE %s DROP COLUMN %s;\n", t->qname, c->name);
    }
    for (size_t i = 0; i < t->nncols; i++) {
        const SqlColumn *n = t->ncols[i];
        const SqlColumn *c = column_named(t->ocols, t->nocols, n->field->name.text);
        if (!c) {
            put_breaking(m, t, n->field->name.text);
            sb_printf(o, "ALTER TABLE %s ADD COLUMN %s;\n", t->qname, sql_column_def(a, m->d, n));
            continue;
        }
        /* a new physical name: the column keeps its values under the new name, and every statement
         * below names it so */
        if (strcmp(c->name, n->name) != 0)
            sb_printf(o, "ALTER TABLE %s RENAME COLUMN %s TO %s;\n", t->qname, c->name, n->name);
        const char *od = default_text(a, m->d, c), *nd = default_text(a, m->d, n);
        bool retype = strcmp(c->type, n->type) != 0;
        bool redefault = retype ? od || nd : (od || nd) && (!od || !nd || strcmp(od, nd) != 0);
        if (!retype && !redefault && c->not_null == n->not_null) continue;
        put_breaking(m, t, n->field->name.text);
        /* a default of the old type may not cast to the new one: it is set again after */
        if (redefault && od) sb_printf(o, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;\n", t->qname, n->name);
        if (retype)
            sb_printf(o, "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s;\n", t->qname, n->name, n->type,
                      using_expr(a, m->d, c, n));
        if (c->not_null != n->not_null)
            sb_printf(o, "ALTER TABLE %s ALTER COLUMN %s %s NOT NULL;\n", t->qname, n->name, n->not_null ? "SET" : "DROP");
        if (redefault && nd) sb_printf(o, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;\n", t->qname, n->name, nd);
    }
}

static void comments(Mig *m, MigTable *t)
{
    if (!t->o || !t->n) return;
    Arena *a = m->a;
    const char *od = sql_table_doc(a, m->o, t->o), *nd = sql_table_doc(a, m->n, t->n);
    if (strcmp(od, nd) != 0) sb_printf(m->out, "COMMENT ON TABLE %s IS %s;\n", t->qname, sql_str(a, m->d, nd));
    for (size_t i = 0; i < t->nncols; i++) {
        const SqlColumn *n = t->ncols[i];
        const SqlColumn *c = column_named(t->ocols, t->nocols, n->field->name.text);
        const char *ocd = c ? sql_column_doc(a, c->field) : NULL, *ncd = sql_column_doc(a, n->field);
        if (!ocd && !ncd) continue;
        if (ocd && ncd && strcmp(ocd, ncd) == 0) continue;
        sb_printf(m->out, "COMMENT ON COLUMN %s.%s IS %s;\n", t->qname, n->name, ncd ? sql_str(a, m->d, ncd) : "NULL");
    }
}

static bool in_old(const Dataset *ds, const void *old) { return model_find_dataset(old, ds->name.text) != NULL; }

/* Runs one phase over every table that has something for it, each under a heading. */
static void phase(Mig *m, const char *what, void (*fn)(Mig *, MigTable *))
{
    size_t mark = m->out->len;
    sb_printf(m->out, "\n-- %s\n", what);
    size_t body = m->out->len;
    for (size_t i = 0; i < m->ntables; i++) fn(m, &m->tables[i]);
    if (m->out->len == body) { /* nothing: no heading either */
        m->out->len = mark;
        m->out->data[mark] = '\0';
    }
}

static void ph_rename_tables(Mig *m, MigTable *t)
{
    if (!t->o || !t->n || strcmp(sql_table_word(t->o), sql_table_word(t->n)) == 0) return;
    sb_printf(m->out, "ALTER TABLE %s RENAME TO %s;\n", sql_table_qname(m->a, m->d, m->pn, t->o),
              sql_ident(m->a, m->d, sql_table_word(t->n)));
}
static void ph_drop_fks(Mig *m, MigTable *t) { drop_constraints(m, t, &t->ofks, &t->nfks); }
static void ph_drop_keys(Mig *m, MigTable *t)
{
    bool changed = false; /* a key of the table (its primary key): the table's own findings */
    for (size_t i = 0; i < t->okeys.len && t->o && t->n; i++) changed |= !has_constraint(&t->nkeys, t->okeys.items[i]);
    if (changed) put_breaking(m, t, NULL);
    drop_constraints(m, t, &t->okeys, &t->nkeys);
    drop_constraints(m, t, &t->ochecks, &t->nchecks);
}
static void ph_add_keys(Mig *m, MigTable *t)
{
    add_constraints(m, t, &t->okeys, &t->nkeys);
    add_constraints(m, t, &t->ochecks, &t->nchecks);
}
static void ph_add_fks(Mig *m, MigTable *t) { add_constraints(m, t, &t->ofks, &t->nfks); }
static void ph_drop_tables(Mig *m, MigTable *t)
{
    if (t->n) return;
    put_breaking(m, t, NULL);
    sb_printf(m->out, "DROP TABLE %s;\n", t->qname);
}

static void put_header(Mig *m)
{
    StrBuf *o = m->out;
    sb_puts(o, "-- Generated by dcc: migration of contract ");
    sql_put_comment_word(o, m->n->name.text);
    sb_puts(o, " from ");
    sql_put_comment_word(o, m->o->version ? m->o->version->text : "");
    sb_puts(o, " to ");
    sql_put_comment_word(o, m->n->version ? m->n->version->text : "");
    sb_printf(o, " for %s (dialect %s). Do not edit.\n", m->d->engine, m->d->name);
    sb_puts(o, "-- Takes the tables of `dcc gen -t sql` for the first version to those for the second in one\n"
               "-- transaction, keeping every stored row. Added columns come last. The changes, as dcc compat\n"
               "-- names them:\n");
    if (!m->f->first) sb_puts(o, "--   none\n");
    for (const CompatFinding *g = m->f->first; g; g = g->next) {
        const CompatRule *r = compat_rule(g->rule);
        sb_printf(o, "--   %s %s ", r->id, r->name);
        sql_put_comment_word(o, *g->path ? g->path : m->n->name.text);
        MigPolicy p = policy[g->rule].p;
        sb_puts(o, p == MIG_REFUSE ? " (breaking, written because of --allow-breaking)\n"
                   : p == MIG_OUTSIDE ? " (nothing in the tables)\n"
                                      : "\n");
    }
}

static void emit(Mig *m)
{
    Arena *a = m->a;
    StrBuf *o = m->out;
    /* NEW's datasets in its order, then OLD's removed ones */
    for (const Dataset *ds = m->n->datasets; ds; ds = ds->next) m->ntables++;
    for (const Dataset *ds = m->o->datasets; ds; ds = ds->next) m->ntables += !model_find_dataset(m->n, ds->name.text);
    m->tables = arena_alloc(a, (m->ntables ? m->ntables : 1) * sizeof *m->tables);
    memset(m->tables, 0, (m->ntables ? m->ntables : 1) * sizeof *m->tables);
    size_t i = 0;
    for (const Dataset *ds = m->n->datasets; ds; ds = ds->next)
        table_init(m, &m->tables[i++], model_find_dataset(m->o, ds->name.text), ds);
    for (const Dataset *ds = m->o->datasets; ds; ds = ds->next)
        if (!model_find_dataset(m->n, ds->name.text)) table_init(m, &m->tables[i++], ds, NULL);

    put_header(m);
    sb_puts(o, "\nBEGIN;\n");
    const char *os = m->po->qual, *ns = m->pn->qual; /* PostgreSQL: both schemas */
    if (os && ns && strcmp(os, ns) != 0) {
        sb_puts(o, "\n");
        for (const CompatFinding *g = m->f->first; g; g = g->next)
            if (g->rule == CR_PRODUCT_RENAMED)
                sb_printf(o, "-- breaking, written because of --allow-breaking: %s %s\n", compat_rule(g->rule)->id,
                          compat_rule(g->rule)->name);
        sb_printf(o, "ALTER SCHEMA %s RENAME TO %s;\n", os, ns);
    }
    /* A table with a new physical name is renamed before anything else, so that every statement
     * after names it as NEW does (RENAME TO takes the bare name: the table stays in its schema). */
    phase(m, "tables renamed", ph_rename_tables);
    /* Constraints go before the columns they name change, and come back after; foreign keys
     * first and last, since other tables' keys and columns hold them up. */
    phase(m, "foreign keys that change", ph_drop_fks);
    phase(m, "keys and checks that change", ph_drop_keys);
    phase(m, "columns", alter_columns);
    size_t mark = o->len;
    sb_puts(o, "\n-- new tables\n");
    size_t body = o->len;
    sql_emit_new_tables(a, m->d, m->n, m->pn, in_old, m->o, o);
    if (o->len == body) {
        o->len = mark;
        o->data[mark] = '\0';
    }
    phase(m, "keys and checks", ph_add_keys);
    phase(m, "foreign keys", ph_add_fks);
    phase(m, "descriptions", comments);
    phase(m, "tables removed", ph_drop_tables);
    sb_puts(o, "\nCOMMIT;\n");
}

/* ---- the target ------------------------------------------------------------------------------------ */

static int migration_unit(TargetCtx *ctx, const Contract *unit)
{
    if (unit->kind != UNIT_CONTRACT) return 0;
    Arena *a = ctx->arena;
    const char *dn = target_option(ctx, "dialect");
    const SqlDialect *d = sql_dialect_find(dn ? dn : "postgres");
    if (!d || d != &sql_dialects[SQL_POSTGRES]) {
        diag_report(ctx->diags, D_MIGRATION_UNSUPPORTED, unit->name.span,
                    "target sql-migration writes PostgreSQL only, not dialect %s: ALTER TABLE, and what one "
                    "transaction may change, differ between engines", dn ? dn : "?");
        return -1;
    }
    const Contract *old = ctx->from;
    if (!old || old->kind != UNIT_CONTRACT) {
        diag_report(ctx->diags, D_MIGRATION_UNSUPPORTED, old ? old->name.span : unit->name.span,
                    "target sql-migration needs a contract to lead from (--from OLD), not %s", old ? "a library" : "nothing");
        return -1;
    }
    CompatFindings f;
    compat_findings_init(&f, a);
    compat_diff(&f, old, unit, 0);
    int bad = 0;
    for (const CompatFinding *g = f.first; g; g = g->next) {
        const CompatRule *r = compat_rule(g->rule);
        if (policy[g->rule].p == MIG_UNSET) {
            diag_report(ctx->diags, D_MIGRATION_UNSUPPORTED, g->span, "internal: compat rule %s has no migration policy", r->id);
            bad = -1;
        }
        if (!refused(g) || ctx->allow_breaking) continue;
        Diag *x = diag_report(ctx->diags, D_MIGRATION_REFUSED, g->span,
                              "cannot migrate stored rows: %s [%s %s]: %s; --allow-breaking writes it anyway", g->message,
                              r->id, r->name, policy[g->rule].why);
        if (g->old_span.file != SPAN_NOFILE) diag_note(ctx->diags, x, g->old_span, "%s", g->old_note);
        bad = -1;
    }
    if (bad) return -1;
    const char *name = arena_printf(a, "%s.%s-to-%s.sql", sql_stem(a, unit), old->version ? old->version->text : "",
                                    unit->version ? unit->version->text : "");
    /* --server names NEW's server; OLD's tables were on its server of that name, if it had one,
     * else where `dcc gen -t sql` put them by default */
    const char *server = target_option(ctx, "server");
    SqlPlace po, pn;
    bool old_has = false;
    for (const Server *s = old->servers; s && server; s = s->next) old_has |= strcmp(s->name.text, server) == 0;
    if (sql_place(a, ctx->diags, d, unit, server, &pn) != 0 ||
        sql_place(a, ctx->diags, d, old, old_has ? server : NULL, &po) != 0)
        return -1;
    Mig m = {a, d, old, unit, &f, &po, &pn, ctx->allow_breaking, outset_add(ctx->out, name), NULL, 0};
    emit(&m);
    return 0;
}

static const TargetOption migration_options[] = {
    {"dialect", "DIALECT", "the SQL engine (PostgreSQL only so far; the others are refused)", sql_dialect_names, "postgres"},
    {"server", "NAME", "the named server whose schema holds NEW's tables, as for -t sql", NULL, NULL},
};

const Target tgt_sql_migration = {
    "sql-migration",
    "SQL: with --from OLD, one transaction of ALTER statements taking OLD's tables to NEW's, keeping stored rows",
    migration_options,
    sizeof migration_options / sizeof migration_options[0],
    NULL,
    migration_unit,
    NULL,
};
