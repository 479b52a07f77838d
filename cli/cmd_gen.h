/* cmd_gen.h - the `dcc gen` command: run a target over checked contracts and write its files. */
#ifndef DCC_CMD_GEN_H
#define DCC_CMD_GEN_H

#include <stdbool.h>
#include <stdio.h>

#include "compile.h"

void gen_list_targets(FILE *out);
bool gen_find_target(const char *name);
/* Generates `target` for every contract named on the command line (already compiled in c without
 * errors) and writes all files at once. Returns an exit status (0, or 2 on I/O errors). */
int gen_run(Compilation *c, const char *target, const char *outdir, const char **files, size_t nfiles);

#endif
