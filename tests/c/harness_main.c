/* harness_main.c - runs sample data through the generated C validators (tests/c/run.sh).
 *
 * Built from every generated dataset of the examples and tests/c/hostile.dc plus registry.h,
 * which run.sh writes: `#include` lines for the headers and DCC_DATASETS, an X-macro list
 * X(stem, prefix) of them (the file stem and the identifier prefix). Links libdccrt.a only.
 *
 *   harness check                      create every dataset's validator; fail if one cannot be
 *   harness PREFIX FORMAT FILE [CHUNK] validate FILE (jsonl or csv) without quality rules and print
 *                                      one line RECORD<TAB>RULECODE per violation. Without CHUNK
 *                                      through PREFIX_validate_jsonl/_csv on the whole buffer;
 *                                      with CHUNK through dcc_stream_feed in CHUNK-byte pieces. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

typedef int (*buffer_fn)(const dcc_validator *, const char *, size_t, const dcc_stream_opts *, dcc_stream_stats *);

typedef struct {
    const char *name;
    const dcc_dataset_desc *desc;
    dcc_validator *(*make)(char **);
    buffer_fn jsonl, csv;
} Entry;

#define X(stem, p) {#stem, &p##_desc, p##_validator, p##_validate_jsonl, p##_validate_csv},
static const Entry entries[] = {DCC_DATASETS};
#undef X

static void print_violation(void *userdata, const dcc_violation *v)
{
    (void)userdata;
    printf("%llu\t%s\n", (unsigned long long)v->record, dcc_rule_code(v->rule));
}

static char *read_file(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    for (;;) {
        if (!buf) break;
        size_t k = fread(buf + len, 1, cap - len, fp);
        len += k;
        if (k == 0) break;
        if (len == cap) {
            char *nb = realloc(buf, cap *= 2);
            if (!nb) {
                free(buf);
                buf = NULL;
            } else buf = nb;
        }
    }
    fclose(fp);
    *n = len;
    return buf;
}

int main(int argc, char **argv)
{
    size_t count = sizeof entries / sizeof entries[0];
    if (argc == 2 && strcmp(argv[1], "check") == 0) {
        int bad = 0;
        for (size_t i = 0; i < count; i++) {
            char *err = NULL;
            dcc_validator *v = entries[i].make(&err);
            if (!v || entries[i].desc->c_size == 0) {
                fprintf(stderr, "%s: %s\n", entries[i].name, err ? err : "no validator");
                bad = 1;
            }
            dcc_error_free(err);
            dcc_validator_free(v);
        }
        return bad;
    }
    if (argc != 4 && argc != 5) {
        fprintf(stderr, "usage: harness check | harness PREFIX FORMAT FILE [CHUNK]\n");
        return 2;
    }
    const Entry *e = NULL;
    for (size_t i = 0; i < count; i++)
        if (strcmp(entries[i].name, argv[1]) == 0) e = &entries[i];
    if (!e) {
        fprintf(stderr, "harness: no dataset %s\n", argv[1]);
        return 2;
    }
    bool csv = strcmp(argv[2], "csv") == 0;
    size_t n;
    char *data = read_file(argv[3], &n);
    if (!data) {
        fprintf(stderr, "harness: cannot read %s\n", argv[3]);
        return 2;
    }
    char *err = NULL;
    dcc_validator *v = e->make(&err);
    if (!v) {
        fprintf(stderr, "harness: %s\n", err ? err : "no validator");
        dcc_error_free(err);
        free(data);
        return 2;
    }
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = print_violation;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    o.format = csv ? DCC_FORMAT_CSV : DCC_FORMAT_JSONL;
    o.callbacks = &cb;
    o.skip_quality = true;
    int rc;
    if (argc == 4) {
        rc = (csv ? e->csv : e->jsonl)(v, data, n, &o, NULL);
    } else {
        size_t chunk = (size_t)strtoul(argv[4], NULL, 10);
        if (chunk == 0) chunk = 1;
        dcc_stream *s = NULL;
        rc = dcc_stream_open(v, &o, &s);
        for (size_t off = 0; rc == 0 && off < n; off += chunk)
            rc = dcc_stream_feed(s, data + off, n - off < chunk ? n - off : chunk);
        if (rc == 0) rc = dcc_stream_finish(s);
        dcc_stream_free(s);
    }
    dcc_validator_free(v);
    free(data);
    return rc == 0 ? 0 : 2;
}
