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

int outfile_write(const char *path, const char *data, size_t len, const char **err)
{
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
    if (fchmod(fd, mode) != 0 || fsync(fd) != 0) {
        *err = strerror(errno);
        close(fd);
        unlink(tmp);
        free(tmp);
        return -1;
    }
    if (close(fd) != 0 || rename(tmp, path) != 0) {
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

int outset_write_all(const OutSet *s, const char *dir, const char **err, const char **failed_path)
{
    if (outfile_mkdirs(dir, err) != 0) {
        *failed_path = dir;
        return -1;
    }
    for (const OutFile *f = s->first; f; f = f->next) {
        size_t n = strlen(dir) + strlen(f->path) + 2;
        char *full = malloc(n);
        if (!full) {
            *err = "out of memory";
            return -1;
        }
        snprintf(full, n, "%s/%s", dir, f->path);
        /* Files may sit in sub-folders of the output folder. */
        char *slash = strrchr(full, '/');
        int rc = 0;
        if (slash && slash != full + strlen(dir)) {
            *slash = '\0';
            rc = outfile_mkdirs(full, err);
            *slash = '/';
        }
        if (rc == 0) rc = outfile_write(full, f->text.data, f->text.len, err);
        if (rc != 0) {
            *failed_path = f->path;
            free(full);
            return -1;
        }
        free(full);
    }
    return 0;
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
