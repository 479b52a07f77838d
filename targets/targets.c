/* targets.c - the table of code generators. Adding a target is one line here and one file. */
#include "targets.h"

#include <string.h>

static const Target table[] = {
    {"c", "C validators: per dataset a header and a source file linking the dcc runtime", tgt_c_generate},
    {"sql", "SQL DDL and quality checks for PostgreSQL (sql:DIALECT for the others)", tgt_sql_generate},
    {"sql:sqlite", "SQL DDL and quality checks for SQLite", tgt_sql_sqlite_generate},
    {"sql:duckdb", "SQL DDL and quality checks for DuckDB", tgt_sql_duckdb_generate},
    {"sql:mysql", "SQL DDL and quality checks for MySQL 8", tgt_sql_mysql_generate},
    {"sql:snowflake", "SQL DDL and quality checks for Snowflake", tgt_sql_snowflake_generate},
    {"sql:bigquery", "SQL DDL and quality checks for BigQuery", tgt_sql_bigquery_generate},
    {"sql:spark", "SQL DDL and quality checks for Spark SQL on Delta Lake", tgt_sql_spark_generate},
    {"sql:trino", "SQL DDL and quality checks for Trino", tgt_sql_trino_generate},
};

const Target *targets_find(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0) return &table[i];
    return NULL;
}

void targets_list(FILE *out)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        fprintf(out, "%-14s %s\n", table[i].name, table[i].summary);
}
