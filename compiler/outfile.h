/* outfile.h - writing output files atomically, so a failed or interrupted run leaves every
 * file either as it was or whole. */
#ifndef DCC_OUTFILE_H
#define DCC_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

#include "strbuf.h"

/* Writes data to path through a temporary file in the same folder and rename(2); keeps an
 * existing file's permission bits. When the file already holds exactly `data`, it is not
 * touched (build systems then see no change). Returns 0, or -1 with *err set to a message. */
int outfile_write(const char *path, const char *data, size_t len, const char **err);

/* Creates a folder and its parents (mkdir -p). Returns 0 or -1 with *err set. */
int outfile_mkdirs(const char *path, const char **err);

/* A set of generated files kept in memory until the whole run has succeeded, then written
 * (each atomically). Paths are relative to the output folder; order is insertion order. */
typedef struct OutFile {
    char *path;
    StrBuf text;
    struct OutFile *next;
} OutFile;

typedef struct {
    OutFile *first, *last;
} OutSet;

void outset_init(OutSet *s);
/* Starts a new file and returns its buffer to append to. */
StrBuf *outset_add(OutSet *s, const char *relpath);
/* Writes every file under dir (created if needed): all to temporaries first, then renamed
 * together, so that a failure leaves every file as it was. Atomic replacement needs no disk
 * flush; durable adds one (fsync of each file before its rename, then of its folder) for those
 * who need the new files to survive a power cut, at the cost of a disk round trip per file. */
int outset_write_all(const OutSet *s, const char *dir, bool durable, const char **err, const char **failed_path);
void outset_free(OutSet *s);

#endif
