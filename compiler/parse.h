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

/* The byte offset, in a string token's source text tok[0..n) ("..." with escapes, or a raw
 * r"..." / r#"..."#), of the byte at value_off in the string's value: how a problem found in
 * the value (a pattern's unsupported construct) is underlined where it was written. */
size_t parse_string_offset(const char *tok, size_t n, size_t value_off);

#endif
