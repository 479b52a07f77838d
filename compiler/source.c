/* source.c - loading files and mapping byte offsets to lines and columns. */
#include "source.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

/* Contracts are small; refusing huge files keeps memory bounded on hostile input. */
#define SOURCE_MAX_BYTES (256u * 1024 * 1024)

void source_set_init(SourceSet *s, Arena *a)
{
    memset(s, 0, sizeof *s);
    s->arena = a;
}

/* Registers text that already lives in the arena (NUL-terminated, len bytes before the NUL). */
static uint32_t add_owned(SourceSet *s, const char *path, const char *text, size_t len)
{
    Arena *a = s->arena;
    SourceFile *f = ARENA_NEW(a, SourceFile);
    f->path = arena_strdup(a, path);
    f->text = text;
    f->len = len;
    /* A line ends at LF, CRLF or a lone CR (old Mac files): a CR-only file has lines too. A file
     * without CR (most) is split with memchr, which reads a big contract several times faster. */
    bool cr = len && memchr(text, '\r', len) != NULL;
    size_t n = 1;
    if (cr) {
        for (size_t i = 0; i < len; i++)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n'))) n++;
    } else {
        for (const char *p = text, *end = text + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++) n++;
    }
    f->line_starts = arena_alloc(a, n * sizeof *f->line_starts);
    f->line_starts[0] = 0;
    size_t k = 1;
    if (cr) {
        for (size_t i = 0; i < len; i++)
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == len || text[i + 1] != '\n')))
                f->line_starts[k++] = (uint32_t)(i + 1);
    } else {
        for (const char *p = text, *end = text + len; (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
            f->line_starts[k++] = (uint32_t)(p - text + 1);
    }
    f->nlines = n;
    if (s->nfiles == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 8;
        SourceFile **files = arena_alloc(a, cap * sizeof *files);
        if (s->nfiles) memcpy(files, s->files, s->nfiles * sizeof *files);
        s->files = files;
        s->cap = cap;
    }
    s->files[s->nfiles] = f;
    return (uint32_t)s->nfiles++;
}

uint32_t source_add(SourceSet *s, const char *path, const char *text, size_t len)
{
    return add_owned(s, path, arena_strndup(s->arena, text, len), len);
}

/* Closes what source_load opened: standard input stays open. */
static void done_with(FILE *fp)
{
    if (fp != stdin) fclose(fp);
}

int64_t source_load(SourceSet *s, const char *path, const char **err)
{
    struct stat st;
    FILE *fp = stdin;
    if (strcmp(path, "-") == 0) { /* standard input, read to its end like a pipe */
        path = "<stdin>";
        goto read_stream;
    }
    if (stat(path, &st) != 0) {
        *err = strerror(errno);
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        *err = "is a directory";
        return -1;
    }
    fp = fopen(path, "rb");
    if (!fp) {
        *err = strerror(errno);
        return -1;
    }
    /* A regular file is read straight into the arena: one copy of the text, not two. One byte
     * more than its size is asked for, so that a file that grew since stat() is noticed; then
     * (and for pipes and the like, whose size is unknown) the text goes through a growing buffer. */
    if (S_ISREG(st.st_mode) && st.st_size >= 0 && (uint64_t)st.st_size < SOURCE_MAX_BYTES) {
        size_t want = (size_t)st.st_size + 1;
        char *text = arena_alloc(s->arena, want + 1);
        size_t got = fread(text, 1, want, fp);
        int bad = ferror(fp);
        if (!bad && got < want) {
            fclose(fp);
            text[got] = '\0';
            return add_owned(s, path, text, got);
        }
        if (bad) {
            fclose(fp);
            *err = "read error";
            return -1;
        }
        rewind(fp);
    }
read_stream:;
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        done_with(fp);
        *err = "out of memory";
        return -1;
    }
    for (;;) {
        if (len == cap) {
            if (cap >= SOURCE_MAX_BYTES) {
                free(buf);
                done_with(fp);
                *err = "file too large (over 256 MiB)";
                return -1;
            }
            cap *= 2;
            char *nb = realloc(buf, cap);
            if (!nb) {
                free(buf);
                done_with(fp);
                *err = "out of memory";
                return -1;
            }
            buf = nb;
        }
        size_t got = fread(buf + len, 1, cap - len, fp);
        len += got;
        if (got == 0) break;
    }
    int bad = ferror(fp);
    done_with(fp);
    if (bad) {
        free(buf);
        *err = "read error";
        return -1;
    }
    uint32_t id = source_add(s, path, buf, len);
    free(buf);
    return id;
}

void source_line_col(const SourceFile *f, uint32_t offset, unsigned *line, unsigned *col)
{
    if (offset > f->len) offset = (uint32_t)f->len;
    size_t lo = 0, hi = f->nlines;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (f->line_starts[mid] <= offset) lo = mid;
        else hi = mid;
    }
    *line = (unsigned)lo + 1;
    unsigned c = 1;
    uint32_t from = f->line_starts[lo];
    if (from == 0 && source_bom(f->text, f->len) && offset >= 3) from = 3; /* the BOM is no column */
    for (uint32_t i = from; i < offset; i++)
        if (((unsigned char)f->text[i] & 0xC0) != 0x80) c++;
    *col = c;
}
