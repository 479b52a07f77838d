/* sql.h - the SQL target's shared parts: the dialect table, quoting, and the per-field checks
 * that both the DDL (CHECK constraints) and the checks query (counts of rows breaking them) use.
 *
 * Files: sql_dialect.c (the table of dialects: type names, quoting, what each engine enforces),
 * sql_rules.c (contract constraints -> SQL predicates tagged with the runtime's rule codes),
 * sql_ddl.c (DIR/<stem>.sql), sql_checks.c (DIR/<stem>.checks.sql), sql.c (the entry point).
 * docs/sql.md is the user's view of all of it. */
#ifndef DCC_TARGET_SQL_H
#define DCC_TARGET_SQL_H

#include <stdbool.h>

#include "arena.h"
#include "model.h"
#include "outfile.h"
#include "regex.h"
#include "strbuf.h"
#include "target.h"

/* ORDER SqlDialectId: sql_dialect.c's table is indexed by it. */
typedef enum {
    SQL_POSTGRES,
    SQL_SQLITE,
    SQL_DUCKDB,
    SQL_MYSQL,
    SQL_SNOWFLAKE,
    SQL_BIGQUERY,
    SQL_SPARK,
    SQL_TRINO,
} SqlDialectId;
#define SQL_DIALECT_COUNT (SQL_TRINO + 1)

/* Where column and table descriptions go. */
typedef enum {
    SQL_DOC_COMMENT_ON, /* COMMENT ON TABLE/COLUMN ... IS '...' statements */
    SQL_DOC_INLINE,     /* column COMMENT '...', table COMMENT [=] '...' */
    SQL_DOC_OPTIONS,    /* OPTIONS(description = '...') (BigQuery) */
    SQL_DOC_LINES,      /* `--` lines inside CREATE TABLE, every line prefixed (SQLite keeps them
                           in sqlite_schema; it has no catalogue comments) */
} SqlDocStyle;

/* How patterns are tested, when at all. */
typedef enum {
    SQL_RX_NONE,   /* no regular expression with dcc's meaning can be written */
    SQL_RX_TILDE,  /* col ~ 'ARE' (PostgreSQL) */
    SQL_RX_FUNC,   /* regexp_matches(col, 'RE2') (DuckDB) */
} SqlRegexStyle;

/* One dialect, as data. Templates hold `{}` where the column expression goes. */
typedef struct SqlDialect {
    const char *name;        /* as given to --dialect */
    const char *engine;      /* for comments and docs: "PostgreSQL", ... */
    char qopen, qclose;      /* identifier quotes; qclose inside a name is doubled, or escaped
                                with a backslash when ident_backslash */
    bool ident_backslash;    /* BigQuery: \` and \\ inside quoted identifiers */
    bool fold_upper;         /* unquoted names fold to upper case (Snowflake) */
    bool ident_fold_case;    /* quoted names still compare without case: `a` and `A` clash */
    bool str_backslash;      /* backslash is an escape character in '...' strings */
    bool str_no_raw_controls; /* control characters are written \xHH (BigQuery) */
    bool str_e_prefix;       /* PostgreSQL: strings holding a backslash are written E'...' so that
                                they mean the same whatever standard_conforming_strings says */
    const char *create_schema; /* printf format with %s for the quoted schema; NULL: no schemas */

    /* types (printf formats where noted) */
    const char *t_bool;
    const char *t_int[4];    /* int8, int16, int32, int64 */
    bool int_exact[4];       /* the type holds exactly that width (else a DV007 check) */
    const char *t_float32, *t_float64;
    const char *t_decimal;   /* %d precision, %d scale */
    int max_precision;       /* largest precision of t_decimal; beyond it, t_decimal_wide */
    const char *t_decimal_wide;
    const char *t_string;    /* unbounded */
    const char *t_varchar;   /* %lld: a bounded type that rejects longer values; NULL: t_string and
                                a length check */
    const char *t_bytes, *t_date, *t_time, *t_timestamp, *t_timestamptz, *t_uuid, *t_json;
    const char *t_list;      /* with %s: typed element; without: a fixed name; NULL: t_json */
    const char *t_map;       /* idem, %s the value type */
    const char *t_struct_open, *t_struct_close; /* NULL: t_json */
    const char *struct_field_sep; /* between a struct field's name and type: " " or ": " */
    bool struct_nested_ok;   /* lists of lists can be typed (BigQuery cannot) */
    const char *string_collate; /* appended to string columns (MySQL: binary comparisons) */
    const char *uuid_collate;   /* appended to uuid columns stored as text (SQLite: NOCASE) */

    /* what the engine enforces */
    bool check;              /* CHECK constraints are enforced */
    bool check_alter;        /* CHECKs are added with ALTER TABLE ... ADD CONSTRAINT (Delta) */
    bool keys;               /* PRIMARY KEY / UNIQUE / FOREIGN KEY are enforced */
    bool pk_syntax, unique_syntax, fk_syntax; /* the clauses exist (enforced or not) */
    const char *key_suffix;  /* after a key clause that is not enforced: " NOT ENFORCED" */
    bool not_null_arrays;    /* NOT NULL is allowed on list columns */
    bool defaults;           /* DEFAULT in CREATE TABLE */
    bool default_parens;     /* DEFAULT (expr): MySQL allows literals on text and JSON only so */
    const char *defaults_tblprops; /* table property that enables defaults (Delta), or NULL */
    SqlDocStyle docs;
    const char *table_comment_fmt; /* SQL_DOC_INLINE: after the column list, %s = literal */
    size_t column_comment_max, table_comment_max; /* characters; 0: unlimited */
    const char *table_suffix; /* after the column list: " USING DELTA", ... */

    /* expressions */
    const char *t_true, *t_false;
    const char *kind_check[TY_KIND_COUNT]; /* DV006/DV010/DV011 where the column type does not
                                            enforce the kind (SQLite, text uuids, JSON columns) */
    const char *kind_rule[TY_KIND_COUNT];  /* the rule code of kind_check[k] */
    const char *len_string, *len_bytes, *len_list, *len_map; /* NULL: not expressible */
    SqlRegexStyle regex;
    RegexFlavor regex_flavor;
    const char *lit_date, *lit_time, *lit_timestamp, *lit_timestamptz; /* %s: the quoted text */
    const char *temporal_wrap; /* compare temporal values through this (SQLite: julianday) */
    const char *age[3];      /* seconds from a date / timestamp / timestamptz to now ({} is the
                                value, or with temporal_wrap the wrapped value) */
    const char *count_t;     /* the integer type counts are cast to for exact products */
    const char *observed_t;  /* the type of the `observed` column */
    const char *text_t;      /* the type of the text columns of the checks */
    const char *bool_t;      /* the type of `passed` */
} SqlDialect;

extern const SqlDialect sql_dialects[SQL_DIALECT_COUNT];
/* Their names, NULL-terminated: the choices of `dcc gen -t sql --dialect`. ORDER SqlDialectId. */
extern const char *const sql_dialect_names[SQL_DIALECT_COUNT + 1];

/* The dialect called name, or NULL. */
const SqlDialect *sql_dialect_find(const char *name);

/* A named server type (servers.def) a dialect writes for, and the server fields that qualify a
 * table name there, outermost first (PostgreSQL `schema`; Snowflake `database`, `schema`;
 * BigQuery `project`, `dataset`). A field the server leaves out is left out of the name. */
typedef struct {
    SqlDialectId dialect;
    const char *type;
    const char *parts[2]; /* NULL-padded */
} SqlServerKind;

extern const SqlServerKind sql_server_kinds[];
extern const size_t sql_server_kind_count;
/* The kind of server s for dialect d, or NULL when d does not write for s's type. */
const SqlServerKind *sql_server_kind(const SqlDialect *d, const Server *s);

/* Where a contract's tables are: the qualifier of every table name, from the named server
 * chosen (`--server NAME`, else the only one of the dialect's engine), else the product's stem
 * as a schema where the dialect has schemas. */
typedef struct {
    const char *qual;      /* quoted ("sales", `proj`.`ds`), or NULL: table names unqualified */
    const char *schema;    /* without a server: the product's schema, unquoted (NULL: none) */
    const Server *server;  /* the server chosen, or NULL */
    const SqlServerKind *kind; /* its kind */
    PtrVec several;        /* Server*: no --server and more than one of the engine's (then none
                              is chosen and the header says so) */
} SqlPlace;

/* Fills p for unit in dialect d; server is the name given with --server, or NULL. Returns 0, or
 * -1 after reporting in diags that server names no server of unit or one of another engine. */
int sql_place(Arena *a, DiagSink *diags, const SqlDialect *d, const Contract *unit, const char *server,
              SqlPlace *p);
/* The `--` lines of the file headers that say where the tables are (nothing without servers). */
void sql_put_place(StrBuf *b, const SqlDialect *d, const SqlPlace *p);

/* ---- quoting ------------------------------------------------------------------------------ */

/* Appends name as a quoted identifier of the dialect (always quoted: case kept, reserved words
 * harmless). */
void sql_put_ident(StrBuf *b, const SqlDialect *d, const char *name);
char *sql_ident(Arena *a, const SqlDialect *d, const char *name);
/* Appends s as a string literal meaning exactly its characters (up to a NUL, which SQL text
 * cannot hold). */
void sql_put_str(StrBuf *b, const SqlDialect *d, const char *s);
char *sql_str(Arena *a, const SqlDialect *d, const char *s);
/* tmpl with every `{}` replaced by col. */
char *sql_expand(Arena *a, const char *tmpl, const char *col);

/* ---- rules: contract constraints as SQL predicates ------------------------------------------- */

/* One record-level check of a top-level field. */
typedef struct SqlRule {
    const char *code;    /* the runtime's rule code: "DV013" */
    const char *word;    /* for constraint names: "length" */
    const char *pred;    /* holds for an acceptable non-null value */
    const char *guard;   /* the kind check this one presupposes (the runtime checks a value's
                            constraints only once it is a valid value of its kind), or NULL */
    struct SqlRule *next;
} SqlRule;

/* What a column is, per dialect: its type, checks and what the dialect cannot express. */
typedef struct SqlColumn {
    const Field *field;
    const char *name;     /* quoted */
    const char *type;     /* the column type */
    bool not_null;
    SqlRule *rules;       /* kind checks first, then constraints */
    PtrVec unenforced;    /* char*: what no CHECK can say here ("pattern", ...) */
} SqlColumn;

/* The names a dataset's table and a field's column have in the store: the `physical name` when
 * one is given (ODCS physicalName), else the name. sql_field_word looks up the top-level field
 * `name` of ds (keys and rules name fields). */
const char *sql_table_word(const Dataset *ds);
const char *sql_column_word(const Field *f);
const char *sql_field_word(const Dataset *ds, const char *name);
/* Whether a `physical type` is a plain SQL type name the target may write as it stands: words of
 * letters, digits and '_' with an optional (n) or (n, m); anything else could end a statement. */
bool sql_physical_type_ok(const char *s);

/* Builds the column of a top-level field. */
SqlColumn *sql_column(Arena *a, const SqlDialect *d, const Field *f);
/* Whether s holds only the characters of a number literal (digits, `.`, `e`, signs): then it is
 * pasted as written, as a number. */
bool sql_numeric_text(const char *s);
/* A literal of the contract as an SQL value of a column of type t. */
char *sql_literal(Arena *a, const SqlDialect *d, const Type *t, const Literal *l);
/* The stem of the output files and the schema name: the product name, parts joined with `_`,
 * lower case (the C target's prefix). */
char *sql_stem(Arena *a, const Contract *unit);
/* A constraint name, at most 63 bytes (PostgreSQL's limit): parts joined with `_`; a longer one
 * is cut and ends with a hash of the whole, so names stay distinct. */
char *sql_constraint_name(Arena *a, const char *table, const char *field, const char *what);
/* Whether field f of ds is a key a foreign key can point at (a single-field primary key, a unique
 * field or a single-field unique key). */
bool sql_field_is_key(const Dataset *ds, const Field *f);
/* The dataset of this contract that declares f, or NULL (another product's). */
const Dataset *sql_dataset_of(const Contract *unit, const Field *f);

/* Text that names things (product names, versions, references) in a `--` comment: anything but
 * the characters such names are made of becomes `_`, and `--` cannot form. */
void sql_put_comment_word(StrBuf *b, const char *s);
/* The first lines of both files: who made it from what, for which engine, and where the tables
 * are (sql_put_place). */
void sql_put_banner(StrBuf *b, const SqlDialect *d, const Contract *unit, const SqlPlace *p);

/* ---- pieces of the DDL (sql_ddl.c), shared with the migrations (sql_migrate.c) ------------ */

/* A named table constraint: CONSTRAINT <name> <def>. */
typedef struct {
    const char *name; /* unquoted: "orders_qty_range" */
    const char *def;  /* "CHECK (...)", "UNIQUE (...)", "PRIMARY KEY (...)" */
} SqlConstraint;

/* The keys (primary key, unique keys, unique fields) and CHECKs of a table, as CREATE TABLE
 * declares them, appended (SqlConstraint*) in its order. */
void sql_table_constraints(Arena *a, const SqlDialect *d, const Dataset *ds, SqlColumn *const *cols, size_t ncols,
                           PtrVec *keys, PtrVec *checks);
/* A column of CREATE TABLE without its comments: "name type [NOT NULL] [DEFAULT value]". */
char *sql_column_def(Arena *a, const SqlDialect *d, const SqlColumn *c);
/* The quoted table of a dataset, qualified as p says. */
char *sql_table_qname(Arena *a, const SqlDialect *d, const SqlPlace *p, const Dataset *ds);
/* The dataset a field's reference can be a foreign key to (inside the product, a key of its
 * dataset, the dialect has the clause), or NULL; and that clause without its name. */
const Dataset *sql_fk_target(const SqlDialect *d, const Contract *unit, const Field *f);
char *sql_fk_def(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p, const Field *f);
/* The catalogue comments: a column's (NULL: none) and a table's. */
char *sql_column_doc(Arena *a, const Field *f);
char *sql_table_doc(Arena *a, const Contract *unit, const Dataset *ds);
/* CREATE TABLE for the datasets of unit for which exists(ds, ud) is false, in dependency order,
 * the others counting as created (no banner, no schema). */
void sql_emit_new_tables(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p,
                         bool (*exists)(const Dataset *, const void *), const void *ud, StrBuf *out);

/* ---- the two files ---------------------------------------------------------------------- */

void sql_emit_ddl(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p, StrBuf *out);
void sql_emit_checks(Arena *a, const SqlDialect *d, const Contract *unit, const SqlPlace *p, StrBuf *out);

/* Adds <stem>.sql and <stem>.checks.sql of a checked contract to ctx->out, the tables placed by
 * the named server `server` (NULL: the default, sql_place). Returns 0, or -1 after reporting in
 * ctx->diags what the dialect cannot hold (names that differ only in case) or a bad server. */
int sql_generate(TargetCtx *ctx, const Contract *unit, const SqlDialect *d, const char *server);

#endif
