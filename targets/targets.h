/* targets.h - the code generators: one file per target, all listed in targets.c's table.
 * A target reads the checked contract model (compiler/model.h) and never the parser. */
#ifndef DCC_TARGETS_H
#define DCC_TARGETS_H

#include <stdio.h>

#include "arena.h"
#include "model.h"
#include "outfile.h"

typedef struct {
    const char *name;    /* as given to `dcc gen -t` */
    const char *summary; /* one line for `dcc gen --list-targets` */
    /* Adds the files for one checked contract (no errors) to out. Paths are relative to the
     * output folder. Returns 0, or -1 with *err set to a message naming the problem. */
    int (*generate)(Arena *a, const Contract *unit, OutSet *out, const char **err);
} Target;

/* The target called name, or NULL. */
const Target *targets_find(const char *name);
/* Prints the table, one target per line. */
void targets_list(FILE *out);

/* The generators (one per targets/<name>.c). */
int tgt_c_generate(Arena *a, const Contract *unit, OutSet *out, const char **err);
int tgt_sql_generate(Arena *a, const Contract *unit, OutSet *out, const char **err); /* postgres */
int tgt_sql_sqlite_generate(Arena *a, const Contract *unit, OutSet *out, const char **err);
int tgt_sql_duckdb_generate(Arena *a, const Contract *unit, OutSet *out, const char **err);
int tgt_sql_mysql_generate(Arena *a, const Contract *unit, OutSet *out, const char **err);
int tgt_sql_snowflake_generate(Arena *a, const Contract *unit, OutSet *out, const char **err);
int tgt_sql_bigquery_generate(Arena *a, const Contract *unit, OutSet *out, const char **err);
int tgt_sql_spark_generate(Arena *a, const Contract *unit, OutSet *out, const char **err);
int tgt_sql_trino_generate(Arena *a, const Contract *unit, OutSet *out, const char **err);

#endif
