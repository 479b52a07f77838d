/* outfile.h - writing output files atomically, so a failed or interrupted run leaves every
 * file either as it was or whole. */
#ifndef DCC_OUTFILE_H
#define DCC_OUTFILE_H

#include <stdbool.h>
#include <stddef.h>

/* Writes data to path through a temporary file in the same folder and rename(2); keeps an
 * existing file's permission bits. When the file already holds exactly `data`, it is not
 * touched (build systems then see no change). Returns 0, or -1 with *err set to a message. */
int outfile_write(const char *path, const char *data, size_t len, const char **err);

/* Creates a folder and its parents (mkdir -p). Returns 0 or -1 with *err set. */
int outfile_mkdirs(const char *path, const char **err);

#endif
