/* compile.h - one compilation: load a file and its imports, parse, check. */
#ifndef DCC_COMPILE_H
#define DCC_COMPILE_H

#include <stdbool.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "source.h"

typedef struct {
    Arena *arena;
    SourceSet sources;
    DiagSink diags;
    const char **include_dirs;
    size_t ninclude;
    PtrVec units;  /* every Contract loaded (roots and imports), each once, by resolved path */
    PtrVec parsed; /* ParsedFile* in the same order */
    void *internal; /* compile.c's own bookkeeping */
} Compilation;

/* Sets up a compilation with its own arena. */
void compile_init(Compilation *c);
void compile_free(Compilation *c);
/* Loads, parses and checks `path` and everything it imports (each file once).
 * Returns the file's unit, or NULL when it could not be read or parsed at all.
 * Diagnostics accumulate in c->diags; the result is fully checked only when
 * c->diags.errors is 0. */
Contract *compile_file(Compilation *c, const char *path);

#endif
