/* odcs_read.h - the ODCS v3 front end: Open Data Contract Standard YAML read with libyaml,
 * checked against the standard's structure (odcs_schema.h) with located diagnostics, and built
 * into the contract model through mbuild.h, so that every command reads ODCS files unchanged.
 * docs/odcs.md gives the mapping. */
#ifndef DCC_ODCS_READ_H
#define DCC_ODCS_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "compile.h"
#include "source.h"

/* Whether a file is ODCS: named *.yaml or *.yml, or with a line among its first 64 that starts
 * with `apiVersion:` or `kind: DataContract`. */
bool odcs_claims(const char *path, const char *text, size_t len);

/* Reads sources->files[file]. Always returns a ParsedFile; its unit is NULL when the document
 * is not valid ODCS (the errors say why), so that nothing is checked on a half-read model. */
ParsedFile *odcs_parse_file(Arena *a, DiagSink *diags, SourceSet *sources, uint32_t file);
/* The same, looking for the documents its dccImports name beside it and then in search's
 * folders, in order, as compile.c looks for imports (`-I DIR`). */
ParsedFile *odcs_parse_file_in(Arena *a, DiagSink *diags, SourceSet *sources, uint32_t file, const SearchPath *search);

/* The dotted contract name the reader makes from ODCS's domain (NULL: none) and name (else
 * dataProduct, else id): each part made an identifier, "odcs" when there is no domain. The
 * writer uses it to tell whether a contract's name is one the reader derives back. */
const char *odcs_derived_name(Arena *a, const char *domain, const char *name);

#endif
