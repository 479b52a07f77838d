/* sql_ddl.c - DIR/<stem>.sql: the product's schema and a table per dataset, in dependency order,
 * with every constraint the dialect enforces and a comment naming what it does not.
 *
 * Contract text (docs, units, enum values, defaults, patterns) reaches the output only inside
 * string literals escaped for the dialect (sql_put_str), or, for SQLite which has no catalogue
 * comments, as `--` lines each of which ends at the text's own line ends. The `--` comments this
 * file writes itself hold identifiers and fixed words only, and never `;` or a quote: tools that
 * split a script at semicolons without reading comments (old spark-sql, many schedulers) must
 * still find the statements. */
#include <string.h>

#include "sql.h"

typedef struct {
    const Dataset *ds;
    const char *qname;  /* the quoted, schema-qualified table name */
    SqlColumn **cols;
    size_t ncols;
    bool emitted;
} Table;

typedef struct {
    Arena *a;
    const SqlDialect *d;
    const Contract *unit;
    const SqlPlace *place;
    Table *tables;
    size_t ntables;
    StrBuf *out;
} Ddl;

/* s, or when it has more than max characters (max 0: no limit) its first max-1 and an ellipsis. */
static const char *clip(Arena *a, const char *s, size_t max)
{
    size_t chars = 0, cut = 0;
    for (size_t i = 0; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) == 0x80) continue;
        if (chars == max - 1) cut = i;
        chars++;
    }
    if (!max || chars <= max) return s;
    return arena_printf(a, "%.*s\xE2\x80\xA6", (int)cut, s);
}

static char *join_names(Arena *a, const SqlDialect *d, const Dataset *ds, const Name *names)
{
    StrBuf b;
    sb_init(&b);
    for (const Name *n = names; n; n = n->next) {
        if (n != names) sb_puts(&b, ", ");
        sql_put_ident(&b, d, sql_field_word(ds, n->text));
    }
    char *r = arena_strndup(a, b.data, b.len);
    sb_free(&b);
    return r;
}

static char *underscored(Arena *a, const Name *names)
{
    StrBuf b;
    sb_init(&b);
    for (const Name *n = names; n; n = n->next) {
        if (n != names) sb_putc(&b, '_');
        sb_puts(&b, n->text);
    }
    char *r = arena_strndup(a, b.data, b.len);
    sb_free(&b);
    return r;
}

/* ---- descriptions ------------------------------------------------------------------------ */

char *sql_column_doc(Arena *a, const Field *f)
{
    const Attrs *at = f->effective ? f->effective : f->attrs;
    StrBuf b;
    sb_init(&b);
    if (f->doc) sb_puts(&b, f->doc);
    StrBuf m;
    sb_init(&m);
    if (at->unit) sb_printf(&m, "%sUnit: %s.", m.len ? " " : "", at->unit->text);
    if (at->term) sb_printf(&m, "%sTerm: %s.", m.len ? " " : "", at->term->text);
    if (at->classification != CLASS_NONE)
        sb_printf(&m, "%sClassification: %s.", m.len ? " " : "", model_classification_name(at->classification));
    if (at->pii) {
        sb_printf(&m, "%sPersonal data: ", m.len ? " " : "");
        for (const Name *n = at->pii; n; n = n->next) sb_printf(&m, "%s%s", n != at->pii ? ", " : "", n->text);
        sb_putc(&m, '.');
    }
    if (at->deprecated) {
        sb_printf(&m, "%sDeprecated", m.len ? " " : "");
        if (at->sunset) sb_printf(&m, " (sunset %s)", at->sunset->text);
        if (at->deprecation_reason) sb_printf(&m, ": %s", at->deprecation_reason->text);
        sb_putc(&m, '.');
    }
    if (m.len) {
        if (b.len) sb_puts(&b, "\n");
        sb_put(&b, m.data, m.len);
    }
    sb_free(&m);
    char *r = b.len ? arena_strndup(a, b.data, b.len) : NULL;
    sb_free(&b);
    return r;
}

char *sql_table_doc(Arena *a, const Contract *unit, const Dataset *ds)
{
    const char *who = unit->owner ? arena_printf(a, " Owner: %s.", unit->owner->text) : "";
    return arena_printf(a, "%s%sDataset %s of data product %s %s.%s", ds->doc ? ds->doc : "", ds->doc ? "\n\n" : "",
                        ds->name.text, unit->name.text, unit->version ? unit->version->text : "", who);
}

/* SQLite: the text as `--` lines; each of the text's own lines gets its own `--`, so no character
 * of it can leave the comment (SQLite ends a `--` comment at a newline only). */
static void put_doc_lines(StrBuf *b, const char *indent, const char *text)
{
    const char *p = text;
    while (p) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        sb_printf(b, "%s--%s", indent, n ? " " : "");
        sb_put(b, p, n);
        sb_putc(b, '\n');
        p = nl ? nl + 1 : NULL;
    }
}

/* ---- tables ------------------------------------------------------------------------------- */

static Table *table_of(Ddl *g, const Dataset *ds)
{
    for (size_t i = 0; i < g->ntables; i++)
        if (g->tables[i].ds == ds) return &g->tables[i];
    return NULL;
}

static const char *readable(const char *word)
{
    if (strcmp(word, "kind") == 0) return "type";
    if (strcmp(word, "width") == 0) return "integer width";
    if (strcmp(word, "values") == 0) return "allowed values";
    return word;
}

static void put_notes(StrBuf *o, const SqlDialect *d, const SqlColumn *c)
{
    if (!c->unenforced.len) return;
    sb_puts(o, "    -- ");
    sql_put_comment_word(o, c->field->name.text);
    sb_printf(o, ": not enforced by %s: ", d->engine);
    for (size_t i = 0; i < c->unenforced.len; i++) {
        const char *w = readable(c->unenforced.items[i]);
        /* the same word twice (two kind checks) reads as one */
        bool seen = false;
        for (size_t j = 0; j < i; j++) seen |= strcmp(readable(c->unenforced.items[j]), w) == 0;
        if (seen) continue;
        sb_printf(o, "%s%s", i ? ", " : "", w);
    }
    sb_puts(o, "\n");
}

/* What a reference becomes: a FOREIGN KEY clause (returned), or a note in the output. */
static const char *reference(Ddl *g, Table *t, const SqlColumn *c, StrBuf *notes)
{
    const Field *f = c->field;
    const Attrs *at = f->effective ? f->effective : f->attrs;
    if (!at->references || !f->ref_target) return NULL;
    const Dataset *target = sql_dataset_of(g->unit, f->ref_target);
    size_t mark = notes->len;
    sb_puts(notes, "    -- ");
    sql_put_comment_word(notes, f->name.text);
    sb_puts(notes, " references ");
    sql_put_comment_word(notes, at->references->text);
    if (!target) {
        sb_puts(notes, ": another data product, so no foreign key (the DDL of each product applies on its own)\n");
        return NULL;
    }
    Table *tt = table_of(g, target);
    if (!sql_field_is_key(target, f->ref_target)) {
        sb_puts(notes, ": not a key of its dataset, so no foreign key\n");
        return NULL;
    }
    if (!g->d->fk_syntax) {
        sb_printf(notes, ": %s has no foreign keys\n", g->d->engine);
        return NULL;
    }
    if (tt != t && tt && !tt->emitted) {
        sb_puts(notes, ": the datasets reference each other, so no foreign key\n");
        return NULL;
    }
    /* the clause says it all: drop the note */
    notes->len = mark;
    if (notes->data) notes->data[mark] = '\0';
    return arena_printf(g->a, "CONSTRAINT %s %s",
                        sql_ident(g->a, g->d, sql_constraint_name(g->a, t->ds->name.text, f->name.text, "fkey")),
                        sql_fk_def(g->a, g->d, g->unit, g->place, f));
}

const Dataset *sql_fk_target(const SqlDialect *d, const Contract *unit, const Field *f)
{
    const Attrs *at = f->effective ? f->effective : f->attrs;
    if (!at->references || !f->ref_target || !d->fk_syntax) return NULL;
    const Dataset *target = sql_dataset_of(unit, f->ref_target);
    return target && sql_field_is_key(target, f->ref_target) ? target : NULL;
}

char *sql_fk_def(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p, const Field *f)
{
    return arena_printf(a, "FOREIGN KEY (%s) REFERENCES %s (%s)%s", sql_ident(a, d, sql_column_word(f)),
                        sql_table_qname(a, d, p, sql_fk_target(d, unit, f)), sql_ident(a, d, sql_column_word(f->ref_target)),
                        d->keys || !d->key_suffix ? "" : d->key_suffix);
}

char *sql_table_qname(Arena *a, const SqlDialect *d, const SqlPlace *p, const Dataset *ds)
{
    const char *tn = sql_ident(a, d, sql_table_word(ds));
    return p->qual ? arena_printf(a, "%s.%s", p->qual, tn) : (char *)tn;
}

char *sql_column_def(Arena *a, const SqlDialect *d, const SqlColumn *c)
{
    const Field *f = c->field;
    const Attrs *at = f->effective ? f->effective : f->attrs;
    StrBuf line;
    sb_init(&line);
    sb_printf(&line, "%s %s", c->name, c->type);
    if (c->not_null) sb_puts(&line, " NOT NULL");
    if (at->default_value && at->default_value->kind != LIT_NULL && d->defaults)
        sb_printf(&line, d->default_parens ? " DEFAULT (%s)" : " DEFAULT %s", sql_literal(a, d, f->rtype, at->default_value));
    char *r = arena_strndup(a, line.data, line.len);
    sb_free(&line);
    return r;
}

void sql_table_constraints(Arena *a, const SqlDialect *d, const Dataset *ds, SqlColumn *const *cols, size_t ncols,
                           PtrVec *keys, PtrVec *checks)
{
    const char *tname = ds->name.text;
    const char *suffix = d->keys || !d->key_suffix ? "" : d->key_suffix;
    if (ds->primary_key && d->pk_syntax) {
        SqlConstraint *k = ARENA_NEW(a, SqlConstraint);
        k->name = sql_constraint_name(a, tname, NULL, "pkey");
        k->def = arena_printf(a, "PRIMARY KEY (%s)%s", join_names(a, d, ds, ds->primary_key->fields), suffix);
        ptrvec_push(a, keys, k);
    }
    if (d->unique_syntax)
        for (const Key *u = ds->uniques; u; u = u->next) {
            SqlConstraint *k = ARENA_NEW(a, SqlConstraint);
            k->name = sql_constraint_name(a, tname, underscored(a, u->fields), "key");
            k->def = arena_printf(a, "UNIQUE (%s)%s", join_names(a, d, ds, u->fields), suffix);
            ptrvec_push(a, keys, k);
        }
    for (size_t i = 0; i < ncols; i++) {
        const SqlColumn *c = cols[i];
        const Field *f = c->field;
        const Attrs *at = f->effective ? f->effective : f->attrs;
        if (at->unique && d->unique_syntax) {
            SqlConstraint *k = ARENA_NEW(a, SqlConstraint);
            k->name = sql_constraint_name(a, tname, f->name.text, "key");
            k->def = arena_printf(a, "UNIQUE (%s)%s", c->name, suffix);
            ptrvec_push(a, keys, k);
        }
        if (d->check)
            for (const SqlRule *r = c->rules; r; r = r->next) {
                SqlConstraint *k = ARENA_NEW(a, SqlConstraint);
                k->name = sql_constraint_name(a, tname, f->name.text, r->word);
                k->def = arena_printf(a, "CHECK (%s)", r->pred);
                ptrvec_push(a, checks, k);
            }
    }
}

/* One line of the column list with the comment lines above it. */
typedef struct {
    const char *above; /* `--` lines, each ending in a newline, or "" */
    const char *line;
} Item;

static void push_item(Arena *a, PtrVec *v, const char *above, const char *line)
{
    Item *it = ARENA_NEW(a, Item);
    it->above = above ? above : "";
    it->line = line;
    ptrvec_push(a, v, it);
}

static const char *constraint_text(Arena *a, const SqlDialect *d, const SqlConstraint *k)
{
    return arena_printf(a, "CONSTRAINT %s %s", sql_ident(a, d, k->name), k->def);
}

static void put_table(Ddl *g, Table *t)
{
    const SqlDialect *d = g->d;
    StrBuf *o = g->out;
    Arena *a = g->a;
    const Dataset *ds = t->ds;
    const char *tname = ds->name.text;
    const char *stem = sql_stem(a, g->unit);
    PtrVec items = {0};  /* columns, then table constraints */
    PtrVec checks = {0}; /* CHECK constraints */
    PtrVec keys = {0}, fks = {0};
    bool any_default = false;

    sb_puts(o, "\n-- dataset ");
    sql_put_comment_word(o, tname);
    sb_puts(o, "\n");
    if (!d->keys && (ds->primary_key || ds->uniques))
        sb_printf(o, "-- keys are %s by %s: %s.checks.sql counts duplicates\n",
                  d->pk_syntax ? "declared but not enforced" : "not enforced", d->engine, stem);
    if (!d->check)
        sb_printf(o, "-- %s has no CHECK constraints: %s.checks.sql counts the rows that break them\n", d->engine, stem);
    sb_printf(o, "CREATE TABLE %s (\n", t->qname);
    const char *tdoc = sql_table_doc(a, g->unit, ds);
    if (d->docs == SQL_DOC_LINES) put_doc_lines(o, "    ", tdoc);

    sql_table_constraints(a, d, ds, t->cols, t->ncols, &keys, &checks);

    for (size_t i = 0; i < t->ncols; i++) {
        SqlColumn *c = t->cols[i];
        const Field *f = c->field;
        const Attrs *at = f->effective ? f->effective : f->attrs;
        StrBuf above, line;
        sb_init(&above);
        sb_init(&line);
        const char *fk = reference(g, t, c, &above);
        if (fk) ptrvec_push(a, &fks, (void *)fk);
        bool has_default = at->default_value && at->default_value->kind != LIT_NULL;
        if (has_default && !d->defaults) {
            sb_puts(&above, "    -- ");
            sql_put_comment_word(&above, f->name.text);
            sb_printf(&above, ": %s has no column defaults\n", d->engine);
        }
        put_notes(&above, d, c);
        const char *cdoc = sql_column_doc(a, f);
        if (cdoc && d->docs == SQL_DOC_LINES) put_doc_lines(&above, "    ", cdoc);
        sb_puts(&line, sql_column_def(a, d, c));
        any_default |= has_default && d->defaults;
        if (cdoc && d->docs == SQL_DOC_INLINE) {
            sb_puts(&line, " COMMENT ");
            sql_put_str(&line, d, clip(a, cdoc, d->column_comment_max));
        } else if (cdoc && d->docs == SQL_DOC_OPTIONS) {
            sb_puts(&line, " OPTIONS(description = ");
            sql_put_str(&line, d, cdoc);
            sb_puts(&line, ")");
        }
        push_item(a, &items, arena_strndup(a, above.data ? above.data : "", above.len), arena_strndup(a, line.data, line.len));
        sb_free(&above);
        sb_free(&line);
    }
    /* keys, CHECKs, then foreign keys last */
    for (size_t i = 0; i < keys.len; i++) push_item(a, &items, NULL, constraint_text(a, d, keys.items[i]));
    if (!d->check_alter)
        for (size_t i = 0; i < checks.len; i++) push_item(a, &items, NULL, constraint_text(a, d, checks.items[i]));
    for (size_t i = 0; i < fks.len; i++) push_item(a, &items, NULL, fks.items[i]);
    for (size_t i = 0; i < items.len; i++) {
        const Item *it = items.items[i];
        sb_printf(o, "%s    %s%s\n", it->above, it->line, i + 1 < items.len ? "," : "");
    }
    sb_putc(o, ')');
    if (d->table_suffix) sb_puts(o, d->table_suffix);
    if (d->docs == SQL_DOC_INLINE)
        sb_printf(o, d->table_comment_fmt, sql_str(a, d, clip(a, tdoc, d->table_comment_max)));
    else if (d->docs == SQL_DOC_OPTIONS)
        sb_printf(o, "\nOPTIONS(description = %s)", sql_str(a, d, tdoc));
    if (any_default && d->defaults_tblprops) sb_printf(o, "\nTBLPROPERTIES (%s)", d->defaults_tblprops);
    sb_puts(o, ";\n");
    if (d->check_alter)
        for (size_t i = 0; i < checks.len; i++)
            sb_printf(o, "ALTER TABLE %s ADD %s;\n", t->qname, constraint_text(a, d, checks.items[i]));
    if (d->docs == SQL_DOC_COMMENT_ON) {
        sb_printf(o, "COMMENT ON TABLE %s IS %s;\n", t->qname, sql_str(a, d, tdoc));
        for (size_t i = 0; i < t->ncols; i++) {
            const char *cdoc = sql_column_doc(a, t->cols[i]->field);
            if (cdoc) sb_printf(o, "COMMENT ON COLUMN %s.%s IS %s;\n", t->qname, t->cols[i]->name, sql_str(a, d, cdoc));
        }
    }
    t->emitted = true;
}

/* A table can be created once every table its foreign keys point at exists; tables in a cycle
 * are created in declaration order and those references stay comments. */
static bool ready(Ddl *g, const Table *t)
{
    for (size_t i = 0; i < t->ncols; i++) {
        const Field *f = t->cols[i]->field;
        if (!f->ref_target) continue;
        const Dataset *target = sql_dataset_of(g->unit, f->ref_target);
        if (!target || target == t->ds || !sql_field_is_key(target, f->ref_target)) continue;
        const Table *tt = table_of(g, target);
        if (tt && !tt->emitted) return false;
    }
    return true;
}

/* The CREATE TABLE statements of the datasets for which exists() is false (all when it is NULL),
 * in dependency order; the others count as created already. */
static void emit_tables(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p,
                        bool (*exists)(const Dataset *, const void *), const void *ud, StrBuf *out, bool banner)
{
    Ddl g = {a, d, unit, p, NULL, 0, out};
    const char *stem = sql_stem(a, unit);
    for (const Dataset *ds = unit->datasets; ds; ds = ds->next) g.ntables++;
    g.tables = arena_alloc(a, (g.ntables ? g.ntables : 1) * sizeof *g.tables);
    size_t i = 0;
    for (const Dataset *ds = unit->datasets; ds; ds = ds->next, i++) {
        Table *t = &g.tables[i];
        t->ds = ds;
        t->qname = sql_table_qname(a, d, p, ds);
        for (const Field *f = ds->fields; f; f = f->next) t->ncols++;
        t->cols = arena_alloc(a, (t->ncols ? t->ncols : 1) * sizeof *t->cols);
        size_t j = 0;
        for (const Field *f = ds->fields; f; f = f->next) t->cols[j++] = sql_column(a, d, f);
        t->emitted = exists && exists(ds, ud);
    }

    if (banner) {
        sql_put_banner(out, d, unit, p);
        sb_printf(out, "-- Every dataset of the contract is a table. %s.checks.sql measures the quality rules.\n", stem);
        if (p->qual && d->create_schema) {
            sb_puts(out, "\n");
            sb_printf(out, d->create_schema, p->qual);
            sb_puts(out, ";\n");
        }
    }
    size_t todo = 0;
    for (size_t k = 0; k < g.ntables; k++) todo += !g.tables[k].emitted;
    for (size_t done = 0; done < todo;) {
        Table *next = NULL;
        for (size_t k = 0; k < g.ntables && !next; k++)
            if (!g.tables[k].emitted && ready(&g, &g.tables[k])) next = &g.tables[k];
        for (size_t k = 0; k < g.ntables && !next; k++) /* a cycle: declaration order */
            if (!g.tables[k].emitted) next = &g.tables[k];
        put_table(&g, next);
        done++;
    }
}

void sql_emit_ddl(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p, StrBuf *out)
{
    emit_tables(a, d, unit, p, NULL, NULL, out, true);
}

void sql_emit_new_tables(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p,
                         bool (*exists)(const Dataset *, const void *), const void *ud, StrBuf *out)
{
    emit_tables(a, d, unit, p, exists, ud, out, false);
}
