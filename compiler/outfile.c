/* outfile.c - atomic file replacement with temp file + rename. */
#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool same_content(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return false;
    char buf[8192];
    size_t off = 0;
    bool same = true;
    for (;;) {
        size_t n = fread(buf, 1, sizeof buf, fp);
        if (n == 0) break;
        if (off + n > len || memcmp(buf, data + off, n) != 0) {
            same = false;
            break;
        }
        off += n;
    }
    fclose(fp);
    return same && off == len;
}

/* Writes data to a new temporary file beside path, with path's permission bits (flushed to the
 * disk when durable), and sets *tmp to its name (malloc'd) for the caller to rename over path;
 * *tmp = NULL when path already holds exactly data. Returns 0, or -1 with *err set and nothing
 * left behind. */
static int stage(const char *path, const char *data, size_t len, bool durable, char **tmp_out, const char **err)
{
    *tmp_out = NULL;
    if (same_content(path, data, len)) return 0;
    mode_t mode = 0644;
    struct stat st;
    if (stat(path, &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            *err = "is a directory";
            return -1;
        }
        mode = st.st_mode & 07777;
    }
    size_t plen = strlen(path);
    char *tmp = malloc(plen + 16);
    if (!tmp) {
        *err = "out of memory";
        return -1;
    }
    snprintf(tmp, plen + 16, "%s.tmpXXXXXX", path);
    int fd = mkstemp(tmp);
    if (fd < 0) {
        *err = strerror(errno);
        free(tmp);
        return -1;
    }
    size_t off = 0;
    while (off < len) {
        ssize_t w = write(fd, data + off, len - off);
        if (w < 0) {
            if (errno == EINTR) continue;
            *err = strerror(errno);
            close(fd);
            unlink(tmp);
            free(tmp);
            return -1;
        }
        off += (size_t)w;
    }
    if (fchmod(fd, mode) != 0 || (durable && fsync(fd) != 0)) {
        *err = strerror(errno);
        close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (close(fd) != 0) {
        *err = strerror(errno);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    *tmp_out = tmp;
    return 0;
}

int outfile_write(const char *path, const char *data, size_t len, const char **err)
{
    char *tmp;
    if (stage(path, data, len, true, &tmp, err) != 0) return -1;
    if (tmp && rename(tmp, path) != 0) {
        *err = strerror(errno);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    free(tmp);
    return 0;
}

int outfile_mkdirs(const char *path, const char **err)
{
    size_t n = strlen(path);
    char *p = malloc(n + 1);
    if (!p) {
        *err = "out of memory";
        return -1;
    }
    memcpy(p, path, n + 1);
    for (size_t i = 1; i <= n; i++) {
        if (p[i] == '/' || p[i] == '\0') {
            char c = p[i];
            p[i] = '\0';
            if (mkdir(p, 0777) != 0 && errno != EEXIST) {
                *err = strerror(errno);
                free(p);
                return -1;
            }
            p[i] = c;
        }
    }
    free(p);
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
        *err = "not a directory";
        return -1;
    }
    return 0;
}

void outset_init(OutSet *s) { s->first = s->last = NULL; }

StrBuf *outset_add(OutSet *s, const char *relpath)
{
    OutFile *f = calloc(1, sizeof *f);
    size_t n = strlen(relpath);
    if (!f || !(f->path = malloc(n + 1))) {
        fputs("dcc: out of memory\n", stderr);
        exit(2);
    }
    memcpy(f->path, relpath, n + 1);
    sb_init(&f->text);
    if (s->last) s->last->next = f;
    else s->first = f;
    s->last = f;
    return &f->text;
}

/* Every file is first written whole to a temporary beside it; only when all of them are
 * written are they renamed over their targets, one after the other. An I/O error (a full disk,
 * a folder where a file should go) thus leaves the output as it was: never a new header beside
 * an old source. (The renames themselves, within one folder, do not fail for lack of space.) */
/* Flushes a folder, so that the renames made in it are on the disk too. */
static int sync_dir(const char *dir, const char **err)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY);
    if (fd < 0 || fsync(fd) != 0) {
        *err = strerror(errno);
        if (fd >= 0) close(fd);
        return -1;
    }
    close(fd);
    return 0;
}

int outset_write_all(const OutSet *s, const char *dir, bool durable, const char **err, const char **failed_path)
{
    if (outfile_mkdirs(dir, err) != 0) {
        *failed_path = dir;
        return -1;
    }
    size_t nfiles = 0;
    for (const OutFile *f = s->first; f; f = f->next) nfiles++;
    char **full = calloc(nfiles + 1, sizeof *full), **tmp = calloc(nfiles + 1, sizeof *tmp);
    int rc = full && tmp ? 0 : -1;
    if (rc) *err = "out of memory";
    size_t i = 0;
    for (const OutFile *f = s->first; f && rc == 0; f = f->next, i++) {
        size_t n = strlen(dir) + strlen(f->path) + 2;
        if (!(full[i] = malloc(n))) {
            *err = "out of memory";
            rc = -1;
            break;
        }
        snprintf(full[i], n, "%s/%s", dir, f->path);
        /* Files may sit in sub-folders of the output folder. */
        char *slash = strrchr(full[i], '/');
        if (slash && slash != full[i] + strlen(dir)) {
            *slash = '\0';
            rc = outfile_mkdirs(full[i], err);
            *slash = '/';
        }
        if (rc == 0) rc = stage(full[i], f->text.data, f->text.len, durable, &tmp[i], err);
        if (rc != 0) *failed_path = f->path;
    }
    i = 0;
    for (const OutFile *f = s->first; f && rc == 0; f = f->next, i++)
        if (tmp[i] && rename(tmp[i], full[i]) != 0) {
            *err = strerror(errno);
            *failed_path = f->path;
            rc = -1;
        }
    /* With durable, the folder of each renamed file is flushed too: a rename is on the disk only
     * once its folder is. A folder is flushed again only when it differs from the last one
     * flushed: targets write the files of one folder together. */
    const char *synced = NULL;
    size_t synced_len = 0;
    i = 0;
    for (const OutFile *f = s->first; durable && f && rc == 0; f = f->next, i++) {
        if (!tmp[i]) continue;
        size_t len = (size_t)(strrchr(full[i], '/') - full[i]);
        if (synced && len == synced_len && memcmp(synced, full[i], len) == 0) continue;
        full[i][len] = '\0';
        if (sync_dir(full[i], err) != 0) {
            *failed_path = f->path;
            rc = -1;
        }
        full[i][len] = '/';
        synced = full[i];
        synced_len = len;
    }
    for (i = 0; i < nfiles && full && tmp; i++) {
        if (tmp[i] && rc != 0) unlink(tmp[i]); /* renamed ones are gone already */
        free(tmp[i]);
        free(full[i]);
    }
    free(full);
    free(tmp);
    return rc;
}

void outset_free(OutSet *s)
{
    OutFile *f = s->first;
    while (f) {
        OutFile *n = f->next;
        sb_free(&f->text);
        free(f->path);
        free(f);
        f = n;
    }
    s->first = s->last = NULL;
}
