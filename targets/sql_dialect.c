/* sql_dialect.c - the SQL dialects as data: type names, quoting, what each engine enforces, and
 * the expressions the checks need. docs/sql.md shows the same facts as tables for users. */
#include <string.h>

#include "sql.h"

/* A uuid as text: 36 characters, the first 36 of which are 8-4-4-4-12 hex digits. The length
 * test makes the verdict independent of how an engine's `$` treats a final newline. */
#define UUID_RX "[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"
#define HEX "[0-9A-Fa-f]"
#define HEX4 HEX HEX HEX HEX
#define SQLITE_INT "typeof({}) IN ('integer', 'real') AND {} = round({})"

/* ORDER SqlDialectId */
const SqlDialect sql_dialects[SQL_DIALECT_COUNT] = {
    [SQL_POSTGRES] = {
        .name = "postgres", .engine = "PostgreSQL",
        .qopen = '"', .qclose = '"', .str_e_prefix = true,
        .create_schema = "CREATE SCHEMA IF NOT EXISTS %s",
        .t_bool = "boolean",
        .t_int = {"smallint", "smallint", "integer", "bigint"},
        .int_exact = {false, true, true, true},
        .t_float32 = "real", .t_float64 = "double precision",
        .t_decimal = "numeric(%d,%d)", .max_precision = 1000, .t_decimal_wide = "numeric",
        /* varchar(n) silently cuts trailing spaces beyond n: text and a length check instead */
        .t_string = "text", .t_varchar = NULL,
        .t_bytes = "bytea", .t_date = "date", .t_time = "time", .t_timestamp = "timestamp",
        .t_timestamptz = "timestamptz", .t_uuid = "uuid", .t_json = "jsonb",
        .t_list = NULL, .t_map = NULL, .t_struct_open = NULL,
        .struct_nested_ok = true,
        .check = true, .keys = true, .pk_syntax = true, .unique_syntax = true, .fk_syntax = true, .not_null_arrays = true, .defaults = true,
        .docs = SQL_DOC_COMMENT_ON,
        .t_true = "TRUE", .t_false = "FALSE",
        .kind_check = {[TY_LIST] = "jsonb_typeof({}) = 'array'", [TY_MAP] = "jsonb_typeof({}) = 'object'",
                       [TY_STRUCT] = "jsonb_typeof({}) = 'object'"},
        .kind_rule = {[TY_LIST] = "DV006", [TY_MAP] = "DV006", [TY_STRUCT] = "DV006"},
        .len_string = "char_length({})", .len_bytes = "octet_length({})",
        .len_list = "jsonb_array_length({})", .len_map = "jsonb_array_length(jsonb_path_query_array({}, '$.*'))",
        .regex = SQL_RX_TILDE, .regex_flavor = REGEX_POSTGRES,
        .lit_date = "DATE %s", .lit_time = "TIME %s", .lit_timestamp = "TIMESTAMP %s",
        .lit_timestamptz = "TIMESTAMPTZ %s",
        .age = {"EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - {}::timestamp))",
                "EXTRACT(EPOCH FROM (now() AT TIME ZONE 'UTC' - {}))", "EXTRACT(EPOCH FROM (now() - {}))"},
        .observed_t = "numeric",
    },
    [SQL_SQLITE] = {
        .name = "sqlite", .engine = "SQLite",
        .ident_fold_case = true,
        .qopen = '"', .qclose = '"',
        .create_schema = NULL,
        /* Declared types give readable names and an affinity; CHECKs on typeof() enforce kinds. */
        .t_bool = "BOOLEAN",
        .t_int = {"TINYINT", "SMALLINT", "INT", "BIGINT"},
        .int_exact = {false, false, false, false},
        .t_float32 = "FLOAT", .t_float64 = "DOUBLE",
        .t_decimal = "DECIMAL(%d,%d)", .max_precision = 1000, .t_decimal_wide = "DECIMAL",
        .t_string = "TEXT", .t_varchar = NULL,
        .t_bytes = "BLOB", .t_date = "DATE", .t_time = "TIME", .t_timestamp = "TIMESTAMP",
        .t_timestamptz = "TIMESTAMPTZ", .t_uuid = "UUID", .t_json = "JSON",
        .t_list = NULL, .t_map = NULL, .t_struct_open = NULL,
        .struct_nested_ok = true, .uuid_collate = " COLLATE NOCASE",
        .check = true, .keys = true, .pk_syntax = true, .unique_syntax = true, .fk_syntax = true, .not_null_arrays = true, .defaults = true,
        .docs = SQL_DOC_LINES,
        .t_true = "1", .t_false = "0",
        .kind_check = {
            [TY_BOOLEAN] = "{} IN (0, 1)",
            /* an integer beyond 64 bits is stored as a REAL: still an integer, of the wrong width */
            [TY_INT8] = SQLITE_INT, [TY_INT16] = SQLITE_INT, [TY_INT32] = SQLITE_INT, [TY_INT64] = SQLITE_INT,
            [TY_FLOAT32] = "typeof({}) = 'real'", [TY_FLOAT64] = "typeof({}) = 'real'",
            [TY_DECIMAL] = "typeof({}) IN ('integer', 'real')",
            [TY_STRING] = "typeof({}) = 'text'", [TY_ENUM] = "typeof({}) = 'text'",
            [TY_BYTES] = "typeof({}) = 'blob'",
            [TY_DATE] = "date({}) IS {}",
            [TY_TIME] = "typeof({}) = 'text' AND time({}) IS NOT NULL",
            [TY_TIMESTAMP] = "typeof({}) = 'text' AND julianday({}) IS NOT NULL",
            [TY_TIMESTAMPTZ] = "typeof({}) = 'text' AND julianday({}) IS NOT NULL",
            [TY_UUID] = "typeof({}) = 'text' AND {} GLOB '" HEX4 HEX4 "-" HEX4 "-" HEX4 "-" HEX4 "-" HEX4 HEX4 HEX4 "'",
            [TY_JSON] = "json_valid({})",
            [TY_LIST] = "json_valid({}) AND json_type({}) = 'array'",
            [TY_MAP] = "json_valid({}) AND json_type({}) = 'object'",
            [TY_STRUCT] = "json_valid({}) AND json_type({}) = 'object'",
        },
        .kind_rule = {
            [TY_BOOLEAN] = "DV006", [TY_INT8] = "DV006", [TY_INT16] = "DV006", [TY_INT32] = "DV006",
            [TY_INT64] = "DV006", [TY_FLOAT32] = "DV006", [TY_FLOAT64] = "DV006", [TY_DECIMAL] = "DV006",
            [TY_STRING] = "DV006", [TY_ENUM] = "DV006", [TY_BYTES] = "DV006", [TY_DATE] = "DV010",
            [TY_TIME] = "DV010", [TY_TIMESTAMP] = "DV010", [TY_TIMESTAMPTZ] = "DV010",
            [TY_UUID] = "DV011", [TY_JSON] = "DV006", [TY_LIST] = "DV006", [TY_MAP] = "DV006",
            [TY_STRUCT] = "DV006",
        },
        .len_string = "length({})", .len_bytes = "length({})", .len_list = "json_array_length({})",
        .len_map = NULL,
        .regex = SQL_RX_NONE,
        .lit_date = "%s", .lit_time = "%s", .lit_timestamp = "%s", .lit_timestamptz = "%s",
        .temporal_wrap = "julianday({})",
        /* {} is already a julian day (temporal_wrap) */
        .age = {"(julianday('now') - {}) * 86400.0", "(julianday('now') - {}) * 86400.0", "(julianday('now') - {}) * 86400.0"},
        .observed_t = "REAL",
    },
    [SQL_DUCKDB] = {
        .name = "duckdb", .engine = "DuckDB",
        .ident_fold_case = true,
        .qopen = '"', .qclose = '"',
        .create_schema = "CREATE SCHEMA IF NOT EXISTS %s",
        .t_bool = "BOOLEAN",
        .t_int = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT"},
        .int_exact = {true, true, true, true},
        .t_float32 = "FLOAT", .t_float64 = "DOUBLE",
        .t_decimal = "DECIMAL(%d,%d)", .max_precision = 38, .t_decimal_wide = "VARCHAR",
        /* DuckDB ignores the n of VARCHAR(n): a length check does the work */
        .t_string = "VARCHAR", .t_varchar = NULL,
        .t_bytes = "BLOB", .t_date = "DATE", .t_time = "TIME", .t_timestamp = "TIMESTAMP",
        .t_timestamptz = "TIMESTAMPTZ", .t_uuid = "UUID", .t_json = "JSON",
        .t_list = "%s[]", .t_map = "MAP(VARCHAR, %s)", .t_struct_open = "STRUCT(", .t_struct_close = ")",
        .struct_field_sep = " ", .struct_nested_ok = true,
        .check = true, .keys = true, .pk_syntax = true, .unique_syntax = true, .fk_syntax = true, .not_null_arrays = true, .defaults = true,
        .docs = SQL_DOC_COMMENT_ON,
        .t_true = "TRUE", .t_false = "FALSE",
        .len_string = "length({})", .len_bytes = "octet_length({})", .len_list = "len({})",
        .len_map = "cardinality({})",
        .regex = SQL_RX_FUNC, .regex_flavor = REGEX_RE2,
        .lit_date = "DATE %s", .lit_time = "TIME %s", .lit_timestamp = "TIMESTAMP %s",
        .lit_timestamptz = "TIMESTAMPTZ %s",
        .age = {"epoch(now()) - epoch({})", "epoch(now()) - epoch({})", "epoch(now()) - epoch({})"},
        .observed_t = "DECIMAL(38,6)",
    },
    [SQL_MYSQL] = {
        .name = "mysql", .engine = "MySQL 8",
        .ident_fold_case = true,
        .qopen = '`', .qclose = '`', .str_backslash = true,
        .create_schema = "CREATE DATABASE IF NOT EXISTS %s",
        .t_bool = "BOOLEAN",
        .t_int = {"TINYINT", "SMALLINT", "INT", "BIGINT"},
        .int_exact = {true, true, true, true},
        .t_float32 = "FLOAT", .t_float64 = "DOUBLE",
        .t_decimal = "DECIMAL(%d,%d)", .max_precision = 65, .t_decimal_wide = "VARCHAR(1100)",
        .t_string = "LONGTEXT", .t_varchar = "VARCHAR(%lld)",
        .t_bytes = "LONGBLOB", .t_date = "DATE", .t_time = "TIME(6)", .t_timestamp = "DATETIME(6)",
        .t_timestamptz = "DATETIME(6)", .t_uuid = "CHAR(36)", .t_json = "JSON",
        .t_list = NULL, .t_map = NULL, .t_struct_open = NULL,
        .struct_nested_ok = true,
        /* MySQL compares strings case- and accent-insensitively by default: keys and allowed
         * values must compare the exact characters, as dcc does. */
        .string_collate = " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
        .check = true, .keys = true, .pk_syntax = true, .unique_syntax = true, .fk_syntax = true, .not_null_arrays = true, .defaults = true,
        .default_parens = true,
        .docs = SQL_DOC_INLINE, .table_comment_fmt = " COMMENT = %s",
        .column_comment_max = 1024, .table_comment_max = 2048,
        .t_true = "TRUE", .t_false = "FALSE",
        .kind_check = {[TY_BOOLEAN] = "{} IN (0, 1)",
                       [TY_UUID] = "CHAR_LENGTH({}) = 36 AND REGEXP_LIKE({}, '^" UUID_RX "')",
                       [TY_LIST] = "JSON_TYPE({}) = 'ARRAY'", [TY_MAP] = "JSON_TYPE({}) = 'OBJECT'",
                       [TY_STRUCT] = "JSON_TYPE({}) = 'OBJECT'"},
        .kind_rule = {[TY_BOOLEAN] = "DV006", [TY_UUID] = "DV011", [TY_LIST] = "DV006",
                      [TY_MAP] = "DV006", [TY_STRUCT] = "DV006"},
        .len_string = "CHAR_LENGTH({})", .len_bytes = "LENGTH({})", .len_list = "JSON_LENGTH({})",
        .len_map = "JSON_LENGTH({})",
        .regex = SQL_RX_NONE,
        .lit_date = "DATE %s", .lit_time = "TIME %s", .lit_timestamp = "TIMESTAMP %s",
        .lit_timestamptz = "TIMESTAMP %s",
        .age = {"TIMESTAMPDIFF(MICROSECOND, {}, UTC_TIMESTAMP(6)) / 1000000",
                "TIMESTAMPDIFF(MICROSECOND, {}, UTC_TIMESTAMP(6)) / 1000000",
                "TIMESTAMPDIFF(MICROSECOND, {}, UTC_TIMESTAMP(6)) / 1000000"},
        .observed_t = "DECIMAL(38,6)",
    },
    [SQL_SNOWFLAKE] = {
        .name = "snowflake", .engine = "Snowflake",
        .fold_upper = true,
        .qopen = '"', .qclose = '"', .str_backslash = true,
        .create_schema = "CREATE SCHEMA IF NOT EXISTS %s",
        .t_bool = "BOOLEAN",
        .t_int = {"NUMBER(3,0)", "NUMBER(5,0)", "NUMBER(10,0)", "NUMBER(19,0)"},
        .int_exact = {false, false, false, false},
        .t_float32 = "FLOAT", .t_float64 = "FLOAT",
        .t_decimal = "NUMBER(%d,%d)", .max_precision = 38, .t_decimal_wide = "VARCHAR",
        .t_string = "VARCHAR", .t_varchar = "VARCHAR(%lld)",
        .t_bytes = "BINARY", .t_date = "DATE", .t_time = "TIME(9)", .t_timestamp = "TIMESTAMP_NTZ(9)",
        .t_timestamptz = "TIMESTAMP_TZ(9)", .t_uuid = "VARCHAR(36)", .t_json = "VARIANT",
        .t_list = "ARRAY", .t_map = "OBJECT", .t_struct_open = NULL,
        .struct_nested_ok = true,
        /* Snowflake enforces NOT NULL only; keys are metadata */
        .check = false, .keys = false, .pk_syntax = true, .unique_syntax = true, .fk_syntax = true,
        .not_null_arrays = true, .defaults = true,
        .docs = SQL_DOC_INLINE, .table_comment_fmt = " COMMENT = %s",
        .t_true = "TRUE", .t_false = "FALSE",
        .kind_check = {[TY_UUID] = "REGEXP_LIKE({}, '" UUID_RX "')"},
        .kind_rule = {[TY_UUID] = "DV011"},
        .len_string = "LENGTH({})", .len_bytes = "LENGTH({})", .len_list = "ARRAY_SIZE({})",
        .len_map = "ARRAY_SIZE(OBJECT_KEYS({}))",
        .regex = SQL_RX_NONE,
        .lit_date = "%s::DATE", .lit_time = "%s::TIME", .lit_timestamp = "%s::TIMESTAMP_NTZ",
        .lit_timestamptz = "%s::TIMESTAMP_TZ",
        .age = {"DATEDIFF('microsecond', {}, SYSDATE()) / 1000000",
                "DATEDIFF('microsecond', {}, SYSDATE()) / 1000000",
                "DATEDIFF('microsecond', {}, CURRENT_TIMESTAMP()) / 1000000"},
        .observed_t = "NUMBER(38,6)",
    },
    [SQL_BIGQUERY] = {
        .name = "bigquery", .engine = "BigQuery",
        .ident_fold_case = true,
        .qopen = '`', .qclose = '`', .ident_backslash = true, .str_backslash = true,
        .str_no_raw_controls = true,
        .create_schema = "CREATE SCHEMA IF NOT EXISTS %s",
        .t_bool = "BOOL",
        .t_int = {"INT64", "INT64", "INT64", "INT64"},
        .int_exact = {false, false, false, true},
        .t_float32 = "FLOAT64", .t_float64 = "FLOAT64",
        .t_decimal = "NUMERIC(%d,%d)", .max_precision = 29, .t_decimal_wide = "BIGNUMERIC",
        .t_string = "STRING", .t_varchar = "STRING(%lld)",
        .t_bytes = "BYTES", .t_date = "DATE", .t_time = "TIME", .t_timestamp = "TIMESTAMP",
        .t_timestamptz = "TIMESTAMP", .t_uuid = "STRING", .t_json = "JSON",
        .t_list = "ARRAY<%s>", .t_map = NULL, .t_struct_open = "STRUCT<", .t_struct_close = ">",
        .struct_field_sep = " ", .struct_nested_ok = false,
        /* no CHECK; keys only as NOT ENFORCED metadata */
        .check = false, .keys = false, .pk_syntax = true, .fk_syntax = true, .key_suffix = " NOT ENFORCED",
        .not_null_arrays = false, .defaults = true,
        .docs = SQL_DOC_OPTIONS,
        .t_true = "TRUE", .t_false = "FALSE",
        .kind_check = {[TY_UUID] = "CHAR_LENGTH({}) = 36 AND REGEXP_CONTAINS({}, '^" UUID_RX "')"},
        .kind_rule = {[TY_UUID] = "DV011"},
        .len_string = "CHAR_LENGTH({})", .len_bytes = "BYTE_LENGTH({})", .len_list = "ARRAY_LENGTH({})",
        .len_map = NULL,
        .regex = SQL_RX_NONE,
        .lit_date = "DATE %s", .lit_time = "TIME %s", .lit_timestamp = "TIMESTAMP %s",
        .lit_timestamptz = "TIMESTAMP %s",
        .age = {"TIMESTAMP_DIFF(CURRENT_TIMESTAMP(), TIMESTAMP({}), MICROSECOND) / 1000000",
                "TIMESTAMP_DIFF(CURRENT_TIMESTAMP(), {}, MICROSECOND) / 1000000",
                "TIMESTAMP_DIFF(CURRENT_TIMESTAMP(), {}, MICROSECOND) / 1000000"},
        .observed_t = "NUMERIC",
    },
    [SQL_SPARK] = {
        .name = "spark", .engine = "Spark SQL on Delta Lake",
        .ident_fold_case = true,
        .qopen = '`', .qclose = '`', .str_backslash = true,
        .create_schema = "CREATE SCHEMA IF NOT EXISTS %s",
        .t_bool = "BOOLEAN",
        .t_int = {"TINYINT", "SMALLINT", "INT", "BIGINT"},
        .int_exact = {true, true, true, true},
        .t_float32 = "FLOAT", .t_float64 = "DOUBLE",
        .t_decimal = "DECIMAL(%d,%d)", .max_precision = 38, .t_decimal_wide = "STRING",
        .t_string = "STRING", .t_varchar = NULL,
        .t_bytes = "BINARY", .t_date = "DATE", .t_time = "STRING", .t_timestamp = "TIMESTAMP_NTZ",
        .t_timestamptz = "TIMESTAMP", .t_uuid = "STRING", .t_json = "STRING",
        .t_list = "ARRAY<%s>", .t_map = "MAP<STRING, %s>", .t_struct_open = "STRUCT<", .t_struct_close = ">",
        .struct_field_sep = ": ", .struct_nested_ok = true,
        /* Delta enforces NOT NULL and CHECK constraints (added after the table); no keys */
        .check = true, .check_alter = true, .keys = false,
        .not_null_arrays = true, .defaults = true,
        .defaults_tblprops = "'delta.feature.allowColumnDefaults' = 'supported'",
        .docs = SQL_DOC_INLINE, .table_comment_fmt = "\nCOMMENT %s",
        .table_suffix = "\nUSING DELTA",
        .t_true = "TRUE", .t_false = "FALSE",
        .kind_check = {[TY_UUID] = "char_length({}) = 36 AND {} RLIKE '^" UUID_RX "'",
                       [TY_TIME] = "char_length({}) >= 8 AND {} RLIKE '^([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]'"},
        .kind_rule = {[TY_UUID] = "DV011", [TY_TIME] = "DV010"},
        .len_string = "char_length({})", .len_bytes = "octet_length({})", .len_list = "size({})",
        .len_map = "size({})",
        .regex = SQL_RX_NONE,
        .lit_date = "DATE %s", .lit_time = "%s", .lit_timestamp = "TIMESTAMP_NTZ %s",
        .lit_timestamptz = "TIMESTAMP %s",
        .age = {"timestampdiff(MICROSECOND, CAST({} AS TIMESTAMP_NTZ), convert_timezone('UTC', current_timestamp())) / 1000000",
                "timestampdiff(MICROSECOND, {}, convert_timezone('UTC', current_timestamp())) / 1000000",
                "timestampdiff(MICROSECOND, {}, current_timestamp()) / 1000000"},
        .observed_t = "DECIMAL(38,6)",
    },
    [SQL_TRINO] = {
        .name = "trino", .engine = "Trino",
        .ident_fold_case = true,
        .qopen = '"', .qclose = '"',
        .create_schema = "CREATE SCHEMA IF NOT EXISTS %s",
        .t_bool = "BOOLEAN",
        .t_int = {"TINYINT", "SMALLINT", "INTEGER", "BIGINT"},
        .int_exact = {true, true, true, true},
        .t_float32 = "REAL", .t_float64 = "DOUBLE",
        .t_decimal = "DECIMAL(%d,%d)", .max_precision = 38, .t_decimal_wide = "VARCHAR",
        .t_string = "VARCHAR", .t_varchar = "VARCHAR(%lld)",
        .t_bytes = "VARBINARY", .t_date = "DATE", .t_time = "TIME(9)", .t_timestamp = "TIMESTAMP(6)",
        .t_timestamptz = "TIMESTAMP(6) WITH TIME ZONE", .t_uuid = "UUID", .t_json = "JSON",
        .t_list = "ARRAY(%s)", .t_map = "MAP(VARCHAR, %s)", .t_struct_open = "ROW(", .t_struct_close = ")",
        .struct_field_sep = " ", .struct_nested_ok = true,
        /* Trino's CREATE TABLE has NOT NULL (where the connector supports it) and nothing else */
        .check = false, .keys = false,
        .not_null_arrays = true, .defaults = false,
        .docs = SQL_DOC_INLINE, .table_comment_fmt = "\nCOMMENT %s",
        .t_true = "TRUE", .t_false = "FALSE",
        .len_string = "length({})", .len_bytes = "length({})", .len_list = "cardinality({})",
        .len_map = "cardinality({})",
        .regex = SQL_RX_NONE,
        .lit_date = "DATE %s", .lit_time = "TIME %s", .lit_timestamp = "TIMESTAMP %s",
        .lit_timestamptz = "TIMESTAMP %s",
        .age = {"date_diff('millisecond', CAST({} AS timestamp(6)), CAST(current_timestamp AT TIME ZONE 'UTC' AS timestamp(6))) / 1000.0",
                "date_diff('millisecond', {}, CAST(current_timestamp AT TIME ZONE 'UTC' AS timestamp(6))) / 1000.0",
                "date_diff('millisecond', {}, current_timestamp) / 1000.0"},
        .observed_t = "DECIMAL(38,6)",
    },
};

const char *const sql_dialect_names[SQL_DIALECT_COUNT + 1] = {
    "postgres", "sqlite", "duckdb", "mysql", "snowflake", "bigquery", "spark", "trino", NULL,
};

const SqlDialect *sql_dialect_find(const char *name)
{
    for (size_t i = 0; name && i < SQL_DIALECT_COUNT; i++)
        if (strcmp(sql_dialects[i].name, name) == 0) return &sql_dialects[i];
    return NULL;
}

/* The named servers each dialect writes for. DuckDB's `database` is the path of its file (ODCS:
 * "Path to duckdb database file"), not a catalogue name, so only its schema qualifies a table;
 * PostgreSQL names no other database in a statement; MySQL's databases are its schemas. Types
 * whose SQL is another engine's (redshift, cloudsql, athena, presto, hive, ...) are left out:
 * no dialect here writes for them. */
const SqlServerKind sql_server_kinds[] = {
    {SQL_POSTGRES, "postgres", {"schema", NULL}},
    {SQL_POSTGRES, "postgresql", {"schema", NULL}},
    {SQL_DUCKDB, "duckdb", {"schema", NULL}},
    {SQL_MYSQL, "mysql", {"database", NULL}},
    {SQL_SNOWFLAKE, "snowflake", {"database", "schema"}},
    {SQL_BIGQUERY, "bigquery", {"project", "dataset"}},
    {SQL_SPARK, "databricks", {"catalog", "schema"}},
    {SQL_TRINO, "trino", {"catalog", "schema"}},
};
const size_t sql_server_kind_count = sizeof sql_server_kinds / sizeof sql_server_kinds[0];

const SqlServerKind *sql_server_kind(const SqlDialect *d, const Server *s)
{
    for (size_t i = 0; i < sql_server_kind_count; i++)
        if (&sql_dialects[sql_server_kinds[i].dialect] == d && strcmp(sql_server_kinds[i].type, s->type.text) == 0)
            return &sql_server_kinds[i];
    return NULL;
}

/* ---- quoting ------------------------------------------------------------------------------ */

void sql_put_ident(StrBuf *b, const SqlDialect *d, const char *name)
{
    sb_putc(b, d->qopen);
    for (const char *p = name ? name : ""; *p; p++) {
        if (*p == d->qclose) sb_putc(b, d->ident_backslash ? '\\' : d->qclose);
        else if (*p == '\\' && d->ident_backslash) sb_putc(b, '\\');
        sb_putc(b, *p);
    }
    sb_putc(b, d->qclose);
}

char *sql_ident(Arena *a, const SqlDialect *d, const char *name)
{
    StrBuf b;
    sb_init(&b);
    sql_put_ident(&b, d, name);
    char *r = arena_strndup(a, b.data, b.len);
    sb_free(&b);
    return r;
}

/* No character of the text can end the literal early: quotes are doubled, or written \' where a
 * backslash escapes (some of those dialects read '' as two adjacent literals), and a backslash
 * is doubled where it escapes. Line ends are written \n where raw ones are not allowed
 * (BigQuery). Inside a literal, `--`, `/ *` and `;` are ordinary characters. */
void sql_put_str(StrBuf *b, const SqlDialect *d, const char *s)
{
    s = s ? s : "";
    bool has_bs = strchr(s, '\\') != NULL;
    bool bs = d->str_backslash || (d->str_e_prefix && has_bs);
    if (d->str_e_prefix && has_bs) sb_putc(b, 'E');
    sb_putc(b, '\'');
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        unsigned c = *p;
        if (c == '\'') sb_puts(b, d->str_backslash ? "\\'" : "''");
        else if (c == '\\' && bs) sb_puts(b, "\\\\");
        else if (c == '\n' && d->str_no_raw_controls) sb_puts(b, "\\n");
        else if (c < 0x20 && d->str_no_raw_controls) sb_printf(b, "\\x%02x", c);
        else sb_putc(b, (char)c);
    }
    sb_putc(b, '\'');
}

char *sql_str(Arena *a, const SqlDialect *d, const char *s)
{
    StrBuf b;
    sb_init(&b);
    sql_put_str(&b, d, s);
    char *r = arena_strndup(a, b.data, b.len);
    sb_free(&b);
    return r;
}

char *sql_expand(Arena *a, const char *tmpl, const char *col)
{
    StrBuf b;
    sb_init(&b);
    for (const char *p = tmpl; *p; p++) {
        if (p[0] == '{' && p[1] == '}') {
            sb_puts(&b, col);
            p++;
        } else sb_putc(&b, *p);
    }
    char *r = arena_strndup(a, b.data, b.len);
    sb_free(&b);
    return r;
}
