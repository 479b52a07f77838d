/* targets.h - the table of generators (targets.c) and running one over a compilation. */
#ifndef DCC_TARGETS_H
#define DCC_TARGETS_H

#include <stdio.h>

#include "target.h"

/* The target called name, or NULL. */
const Target *targets_find(const char *name);
/* The table, in order: for listings and suggestions. */
size_t targets_count(void);
const Target *targets_at(size_t i);
/* The index of option `name` (without dashes) in t->options, or -1. */
int targets_option_index(const Target *t, const char *name);
/* `dcc gen --list-targets`: every target with its summary, options, choices and defaults. */
void targets_list(FILE *out);
/* One target's options, as targets_list shows them (nothing when it has none). */
void targets_print_options(FILE *out, const Target *t);

/* Runs t over units (the units named on the command line, in order, each once; checked without
 * errors): begin, unit for each, finish, all with one TargetCtx whose files go to out.
 * option_values is parallel to t->options (NULL entries, or NULL: the defaults).
 * Returns 0, or -1 when a hook failed (it reported why in c->diags). */
int targets_run(const Target *t, Compilation *c, const Contract *const *units, size_t nunits,
                const char *const *option_values, OutSet *out);
/* Whether t reads an older version (`dcc gen --from OLD [--allow-breaking]`): required for
 * these targets, refused for the others. */
bool targets_takes_from(const Target *t);
/* Whether t writes through libxml2: `dcc gen` loads it first (xmllib_load) and stops with the
 * package to install when it is missing. */
bool targets_needs_libxml2(const Target *t);
/* targets_run with the older version of `dcc gen --from` (TargetCtx.from, allow_breaking). */
int targets_run_from(const Target *t, Compilation *c, const Contract *const *units, size_t nunits,
                     const char *const *option_values, const Contract *from, bool allow_breaking, OutSet *out);

#endif
