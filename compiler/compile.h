/* compile.h - one compilation: load a file and its imports, parse, check. */
#ifndef DCC_COMPILE_H
#define DCC_COMPILE_H

#include <stdbool.h>
#include <stddef.h>

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

/* Where imports are looked for after the importing file's own folder (`-I DIR`, in order). */
typedef struct {
    const char *const *dirs;
    size_t n;
} SearchPath;

/* An input language: which files it reads and how it turns one into the model. */
typedef struct {
    const char *name;    /* "dcc" or "odcs" (also the format `dcc import` takes) */
    const char *summary;
    /* Whether this front end reads the file (by its name or its first bytes). */
    bool (*claims)(const char *path, const char *text, size_t len);
    /* Parses sources->files[file] into the model (mbuild.h); errors go to diags. Always returns a
     * ParsedFile, whose unit is NULL when nothing could be built. search: where the files the
     * document itself reads are looked for after its folder (ODCS reads the documents its
     * dccImports name; compile.c resolves every unit's imports the same way). */
    ParsedFile *(*parse)(Arena *a, DiagSink *diags, SourceSet *sources, uint32_t file, const SearchPath *search);
} FrontEnd;

/* The front end that reads a file with this name and content. */
const FrontEnd *compile_front_end(const char *path, const char *text, size_t len);

/* Sets up a compilation with its own arena. */
void compile_init(Compilation *c);
void compile_free(Compilation *c);
/* Loads, parses and checks `path` and everything it imports (each file once).
 * Returns the file's unit, or NULL when it could not be read or parsed at all.
 * Diagnostics accumulate in c->diags; the result is fully checked only when
 * c->diags.errors is 0. */
Contract *compile_file(Compilation *c, const char *path);

#endif
