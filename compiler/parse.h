/* parse.h - the .dc front end: scan and parse one source file into the contract model. */
#ifndef DCC_PARSE_H
#define DCC_PARSE_H

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "source.h"

/* Parses sources->files[file]. Always returns a ParsedFile (unit may be NULL after errors);
 * syntax and lexical errors go to `diags`. Reentrant: no global state. */
ParsedFile *parse_file(Arena *a, DiagSink *diags, SourceSet *sources, uint32_t file);

#endif
