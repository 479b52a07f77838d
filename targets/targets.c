/* targets.c - the table of generators and the one way to run them.
 * Adding a target is one file (targets/NAME.c defining `const Target tgt_NAME`) and one line in
 * TARGETS below; docs/targets.md walks through it. */
#include "targets.h"

#include <string.h>

/* The table, in the order `dcc gen --list-targets` shows it: one X(name) per target. */
#define TARGETS(X) \
    X(c)          \
    X(sql)        \
    X(sql_migration) \
    X(jsonschema) \
    X(avro)       \
    X(openapi)    \
    X(odcs)       \
    X(docs)       \
    X(markdown)

#define DECLARE(id) extern const Target tgt_##id;
TARGETS(DECLARE)
#undef DECLARE

static const Target *const table[] = {
#define ENTRY(id) &tgt_##id,
    TARGETS(ENTRY)
#undef ENTRY
};
#define NTARGETS (sizeof table / sizeof table[0])

/* The targets that lead from an older version to the new one. */
static const Target *const from_table[] = {&tgt_sql_migration};
/* The targets that write through libxml2, which dcc opens only when one runs (xmllib.h). */
static const Target *const libxml2_table[] = {&tgt_docs, &tgt_markdown};

bool targets_takes_from(const Target *t)
{
    for (size_t i = 0; i < sizeof from_table / sizeof from_table[0]; i++)
        if (from_table[i] == t) return true;
    return false;
}

bool targets_needs_libxml2(const Target *t)
{
    for (size_t i = 0; i < sizeof libxml2_table / sizeof libxml2_table[0]; i++)
        if (libxml2_table[i] == t) return true;
    return false;
}

size_t targets_count(void) { return NTARGETS; }

const Target *targets_at(size_t i) { return i < NTARGETS ? table[i] : NULL; }

const Target *targets_find(const char *name)
{
    for (size_t i = 0; i < NTARGETS; i++)
        if (strcmp(table[i]->name, name) == 0) return table[i];
    return NULL;
}

int targets_option_index(const Target *t, const char *name)
{
    for (size_t i = 0; i < t->noptions; i++)
        if (strcmp(t->options[i].name, name) == 0) return (int)i;
    return -1;
}

const char *target_option(const TargetCtx *ctx, const char *name)
{
    int i = targets_option_index(ctx->target, name);
    return i < 0 ? NULL : ctx->option_values[i];
}

void targets_print_options(FILE *out, const Target *t)
{
    for (size_t i = 0; i < t->noptions; i++) {
        const TargetOption *o = &t->options[i];
        char left[128];
        snprintf(left, sizeof left, "--%s %s", o->name, o->value);
        fprintf(out, "    %-22s %s", left, o->help);
        if (o->choices) {
            fputs(" (", out);
            for (size_t k = 0; o->choices[k]; k++) fprintf(out, "%s%s", k ? ", " : "", o->choices[k]);
            fputs(")", out);
        }
        if (o->default_value) fprintf(out, "; default %s", o->default_value);
        fputc('\n', out);
    }
}

void targets_list(FILE *out)
{
    for (size_t i = 0; i < NTARGETS; i++) {
        fprintf(out, "%-10s %s\n", table[i]->name, table[i]->summary);
        targets_print_options(out, table[i]);
    }
}

int targets_run(const Target *t, Compilation *c, const Contract *const *units, size_t nunits,
                const char *const *option_values, OutSet *out)
{
    return targets_run_from(t, c, units, nunits, option_values, NULL, false, out);
}

int targets_run_from(const Target *t, Compilation *c, const Contract *const *units, size_t nunits,
                     const char *const *option_values, const Contract *from, bool allow_breaking, OutSet *out)
{
    TargetCtx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.arena = c->arena;
    ctx.diags = &c->diags;
    ctx.sources = &c->sources;
    ctx.compilation = c;
    ctx.units = units;
    ctx.nunits = nunits;
    ctx.out = out;
    ctx.target = t;
    const char **values = arena_alloc(c->arena, (t->noptions ? t->noptions : 1) * sizeof *values);
    for (size_t i = 0; i < t->noptions; i++)
        values[i] = option_values && option_values[i] ? option_values[i] : t->options[i].default_value;
    ctx.option_values = values;
    ctx.names = emit_scope_new(c->arena, false);
    ctx.from = from;
    ctx.allow_breaking = allow_breaking;
    if (t->begin && t->begin(&ctx) != 0) return -1;
    for (size_t i = 0; i < nunits; i++)
        if (t->unit(&ctx, units[i]) != 0) return -1;
    if (t->finish && t->finish(&ctx) != 0) return -1;
    return 0;
}
