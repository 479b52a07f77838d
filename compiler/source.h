/* source.h - source files held in memory, and byte offsets turned into line:col for reports. */
#ifndef DCC_SOURCE_H
#define DCC_SOURCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"

/* A place in a source: the file's index in the SourceSet and a half-open byte range.
 * Offsets stay bytes until a diagnostic is printed (as jq does); file == SPAN_NOFILE
 * marks a span with no place (e.g. a model built by a front end without sources). */
typedef struct {
    uint32_t file;
    uint32_t start, end;
} Span;

#define SPAN_NOFILE UINT32_MAX
static inline Span span_none(void) { Span s = {SPAN_NOFILE, 0, 0}; return s; }
static inline Span span_join(Span a, Span b)
{
    Span s = a;
    if (b.end > s.end) s.end = b.end;
    return s;
}

/* One loaded file. text is NUL-terminated (an embedded NUL is reported by the scanner). */
typedef struct {
    const char *path;      /* as given or as resolved from an import */
    const char *text;
    size_t len;
    uint32_t *line_starts; /* byte offset of each line's first byte */
    size_t nlines;
} SourceFile;

typedef struct {
    Arena *arena;
    SourceFile **files;
    size_t nfiles, cap;
} SourceSet;

void source_set_init(SourceSet *s, Arena *a);
/* Adds a file from memory (copied into the arena); returns its index. */
uint32_t source_add(SourceSet *s, const char *path, const char *text, size_t len);
/* Reads a file from disk, or standard input for "-" (named "<stdin>" in diagnostics). Returns
 * its index, or -1 with *err set to a message (errno text, "is a directory", "file too large"). */
int64_t source_load(SourceSet *s, const char *path, const char **err);
/* Line and column (both 1-based; the column counts UTF-8 characters) of a byte offset. */
void source_line_col(const SourceFile *f, uint32_t offset, unsigned *line, unsigned *col);

/* True if text starts with a UTF-8 byte order mark (EF BB BF), which readers skip. */
static inline bool source_bom(const char *text, size_t len)
{
    return len >= 3 && (unsigned char)text[0] == 0xEF && (unsigned char)text[1] == 0xBB &&
           (unsigned char)text[2] == 0xBF;
}

#endif
