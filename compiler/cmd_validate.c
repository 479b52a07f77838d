/* cmd_validate.c - `dcc validate`: check data files against a dataset of a contract, through the
 * same runtime (runtime/) and the same descriptors (targets/desc.c) that generated C uses. */
#include "cmd_validate.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include "compile.h"
#include "dcc_rt.h"
#include "desc.h"
#include "diag.h"

/* What one run reports into; the violation callback's userdata. */
typedef struct {
    const ValidateOptions *o;
    const char *data_name; /* file being validated, for messages */
    uint64_t printed;
    uint64_t suppressed;
    bool first_json;
    FILE *out;
} Report;

static void on_violation(void *ud, const dcc_violation *v)
{
    Report *r = ud;
    if (r->o->max_errors && r->printed >= r->o->max_errors) {
        r->suppressed++;
        return;
    }
    r->printed++;
    if (r->o->json) {
        fputs(r->first_json ? "\n  {" : ",\n  {", r->out);
        r->first_json = false;
        fputs("\"file\":", r->out);
        json_print_string(r->out, r->data_name);
        fprintf(r->out, ",\"record\":%llu,\"offset\":%llu,\"rule\":\"%s\",\"field\":",
                (unsigned long long)v->record, (unsigned long long)v->byte_offset, dcc_rule_code(v->rule));
        json_print_string(r->out, v->field_path);
        fputs(",\"message\":", r->out);
        json_print_string(r->out, v->message);
        fputs(",\"value\":", r->out);
        json_print_string(r->out, v->excerpt);
        fputc('}', r->out);
        return;
    }
    if (v->record) fprintf(r->out, "%s:%llu: ", r->data_name, (unsigned long long)v->record);
    else fprintf(r->out, "%s: ", r->data_name);
    fprintf(r->out, "%s", v->field_path[0] ? v->field_path : "");
    fprintf(r->out, "%s%s [%s]", v->field_path[0] ? ": " : "", v->message, dcc_rule_code(v->rule));
    if (v->excerpt[0]) fprintf(r->out, " (value: %s)", v->excerpt);
    fputc('\n', r->out);
}

static dcc_format format_for(const ValidateOptions *o, const char *path)
{
    if (o->format_given) return o->format;
    const char *dot = strrchr(path, '.');
    if (dot && (strcmp(dot, ".csv") == 0 || strcmp(dot, ".tsv") == 0)) return DCC_FORMAT_CSV;
    return DCC_FORMAT_JSONL;
}

/* Progress on a terminal only, at most a few times a second. */
static void progress(const ValidateOptions *o, const char *name, uint64_t bytes, time_t *last, bool done)
{
    if (!o->progress) return;
    time_t now = time(NULL);
    if (!done && now == *last) return;
    *last = now;
    fprintf(stderr, "\r%s: %.1f MB%s", name, (double)bytes / 1e6, done ? "\n" : "");
    fflush(stderr);
}

/* ---- reading ahead ----------------------------------------------------------------------------
 * A second thread reads the next chunk of the input while the stream validates the current one,
 * so that the kernel's copy of the file (about a tenth of the time of a fast validation) is not
 * waited for. Two buffers go back and forth: the reader fills a free one, the validator takes a
 * full one and hands it back when the stream is done with it. Validation itself stays on one
 * thread. Without a thread (thrd_create failing) the chunks are read in turn, the same way. */

#define READ_CHUNK ((size_t)1 << 20)

typedef struct {
    FILE *fp;
    char *buf[2];
    size_t len[2];
    bool full[2];   /* filled by the reader, not yet handed back */
    bool done;      /* without a thread: the end of the input or an error was read */
    bool error;     /* a read error */
    bool quit;      /* the validator stops early */
    int take;       /* the buffer the validator takes next */
    int held;       /* the buffer the validator holds (taken, not yet handed back), or -1 */
    bool threaded;
    thrd_t th;
    mtx_t mu;
    cnd_t cv;
} Reader;

static int reader_main(void *arg)
{
    Reader *r = arg;
    for (int i = 0;; i ^= 1) {
        mtx_lock(&r->mu);
        while (r->full[i] && !r->quit) cnd_wait(&r->cv, &r->mu);
        bool quit = r->quit;
        mtx_unlock(&r->mu);
        size_t n = quit ? 0 : fread(r->buf[i], 1, READ_CHUNK, r->fp);
        mtx_lock(&r->mu);
        r->len[i] = n;
        r->full[i] = true; /* with n == 0: the end, which the validator takes as such */
        if (n == 0)
            r->error = !quit && ferror(r->fp);
        cnd_broadcast(&r->cv);
        mtx_unlock(&r->mu);
        if (n == 0) return 0;
    }
}

/* Returns 0, or -1 out of memory. */
static int reader_start(Reader *r, FILE *fp)
{
    memset(r, 0, sizeof *r);
    r->fp = fp;
    r->held = -1;
    r->buf[0] = malloc(READ_CHUNK);
    r->buf[1] = malloc(READ_CHUNK);
    if (!r->buf[0] || !r->buf[1]) {
        free(r->buf[0]);
        free(r->buf[1]);
        r->buf[0] = r->buf[1] = NULL;
        return -1;
    }
    if (mtx_init(&r->mu, mtx_plain) == thrd_success) {
        if (cnd_init(&r->cv) == thrd_success) {
            r->threaded = thrd_create(&r->th, reader_main, r) == thrd_success;
            if (!r->threaded) cnd_destroy(&r->cv);
        }
        if (!r->threaded) mtx_destroy(&r->mu);
    }
    return 0;
}

/* The next chunk (n > 0 bytes), or NULL at the end of the input or on an error; the chunk
 * returned before is handed back to the reader. */
static const char *reader_next(Reader *r, size_t *n)
{
    if (!r->threaded) {
        if (r->done) return NULL;
        *n = fread(r->buf[0], 1, READ_CHUNK, r->fp);
        if (*n == 0) {
            r->done = true;
            r->error = ferror(r->fp);
            return NULL;
        }
        return r->buf[0];
    }
    int i = r->take;
    mtx_lock(&r->mu);
    if (r->held >= 0) { /* hand back the one taken before: the stream is done with it */
        r->full[r->held] = false;
        r->held = -1;
        cnd_broadcast(&r->cv);
    }
    while (!r->full[i]) cnd_wait(&r->cv, &r->mu);
    *n = r->len[i];
    mtx_unlock(&r->mu);
    if (*n == 0)
        return NULL; /* the end (the reader has stopped) */
    r->held = i;
    r->take = i ^ 1;
    return r->buf[i];
}

/* Stops the reader (early or at the end) and frees it; -1 when the input had a read error. */
static int reader_stop(Reader *r)
{
    if (r->threaded) {
        mtx_lock(&r->mu);
        r->quit = true; /* a reader waiting for a buffer wakes to it and stops */
        cnd_broadcast(&r->cv);
        mtx_unlock(&r->mu);
        thrd_join(r->th, NULL);
        cnd_destroy(&r->cv);
        mtx_destroy(&r->mu);
    }
    free(r->buf[0]);
    free(r->buf[1]);
    return r->error ? -1 : 0;
}

/* Feeds one input into the stream; returns 0 when it was read through, -1 on an I/O error. */
static int feed_file(dcc_stream *s, const ValidateOptions *o, const char *path, Report *r)
{
    bool is_stdin = strcmp(path, "-") == 0;
    FILE *fp = stdin;
    r->data_name = is_stdin ? "<stdin>" : path;
    if (!is_stdin) {
        struct stat st;
        if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
            fprintf(stderr, "dcc validate: cannot read '%s': is a directory\n", path);
            return -1;
        }
        fp = fopen(path, "rb");
        if (!fp) {
            fprintf(stderr, "dcc validate: cannot read '%s': %s\n", path, strerror(errno));
            return -1;
        }
    }
    Reader rd;
    int rc = reader_start(&rd, fp);
    uint64_t bytes = 0;
    time_t last = time(NULL);
    const char *chunk;
    size_t n;
    while (rc == 0 && (chunk = reader_next(&rd, &n)) != NULL) {
        int frc = dcc_stream_feed(s, chunk, n);
        if (frc != 0) {
            fprintf(stderr, "dcc validate: %s: %s\n", r->data_name, dcc_strerror(frc));
            rc = -1;
        }
        bytes += n;
        progress(o, r->data_name, bytes, &last, false);
    }
    if (reader_stop(&rd) != 0 && rc == 0) {
        fprintf(stderr, "dcc validate: error reading '%s'\n", r->data_name);
        rc = -1;
    }
    if (bytes >= (1u << 24)) progress(o, r->data_name, bytes, &last, true);
    if (!is_stdin) fclose(fp);
    return rc;
}

int validate_run(const ValidateOptions *o, Compilation *c)
{
    Contract *unit = compile_file(c, o->contract);
    if (!unit || c->diags.errors) return VALIDATE_CONTRACT_BROKEN;
    if (unit->kind != UNIT_CONTRACT) {
        fprintf(stderr, "dcc validate: '%s' is a library, not a contract\n", o->contract);
        return VALIDATE_USAGE;
    }
    const Dataset *ds = desc_find_dataset(unit, o->dataset);
    if (!ds) {
        fprintf(stderr, "dcc validate: contract %s has no dataset '%s'; it has:", unit->name.text, o->dataset);
        for (const Dataset *d = unit->datasets; d; d = d->next) fprintf(stderr, " %s", d->name.text);
        fputc('\n', stderr);
        return VALIDATE_USAGE;
    }
    const char *err = NULL;
    const dcc_dataset_desc *desc = desc_build(c->arena, ds, &err);
    char *verr = NULL;
    dcc_validator *v = desc ? dcc_validator_new(desc, &verr) : NULL;
    if (!v) {
        fprintf(stderr, "dcc validate: cannot build a validator for %s: %s\n", ds->name.text,
                verr ? verr : err ? err : "out of memory");
        dcc_error_free(verr);
        return VALIDATE_USAGE;
    }
    /* All inputs are one dataset: one stream, so keys and quality rules span the files. */
    dcc_format fmt = format_for(o, o->data[0]);
    for (size_t i = 1; i < o->ndata; i++)
        if (format_for(o, o->data[i]) != fmt) {
            fprintf(stderr, "dcc validate: '%s' and '%s' have different formats; give --format or "
                            "validate them separately\n", o->data[0], o->data[i]);
            dcc_validator_free(v);
            return VALIDATE_USAGE;
        }
    Report r = {o, "", 0, 0, true, stdout};
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = on_violation;
    cb.userdata = &r;
    dcc_stream_opts so = DCC_STREAM_OPTS_INIT;
    so.format = fmt;
    so.csv_delimiter = o->delimiter;
    so.csv_no_header = o->no_header;
    so.callbacks = &cb;
    so.has_now = o->now_given;
    so.now = o->now;
    so.now_nanos = o->now_nanos;
    so.skip_quality = o->skip_quality;
    dcc_stream *s;
    int src = dcc_stream_open(v, &so, &s);
    if (src != 0) {
        fprintf(stderr, "dcc validate: %s\n", dcc_strerror(src));
        dcc_validator_free(v);
        return VALIDATE_USAGE;
    }
    /* The sizes of the input files let the key sets be sized once instead of growing. */
    uint64_t input_bytes = 0;
    for (size_t i = 0; i < o->ndata; i++) {
        struct stat st;
        if (strcmp(o->data[i], "-") != 0 && stat(o->data[i], &st) == 0 && S_ISREG(st.st_mode))
            input_bytes += (uint64_t)st.st_size;
    }
    dcc_stream_expect(s, input_bytes);
    if (o->json) fputs("{\"violations\":[", stdout);
    bool io_error = false;
    for (size_t i = 0; i < o->ndata && !io_error; i++) {
        if (i > 0 && dcc_stream_next_input(s) != 0) io_error = true;
        else if (feed_file(s, o, o->data[i], &r) != 0) io_error = true;
    }
    /* Findings about the whole dataset are named after the input when there is one. */
    if (o->ndata > 1) r.data_name = arena_printf(c->arena, "dataset %s", ds->name.text);
    if (!io_error && (src = dcc_stream_finish(s)) != 0) {
        fprintf(stderr, "dcc validate: %s\n", dcc_strerror(src));
        io_error = true;
    }
    dcc_stream_stats total = DCC_STREAM_STATS_INIT;
    dcc_stream_get_stats(s, &total);
    dcc_stream_free(s);
    if (o->json) {
        fprintf(stdout, "%s],\"records\":%llu,\"valid\":%llu,\"invalid\":%llu,\"violations_total\":%llu,"
                        "\"suppressed\":%llu,\"ok\":%s}\n",
                r.first_json ? "" : "\n", (unsigned long long)total.records, (unsigned long long)total.valid,
                (unsigned long long)total.invalid, (unsigned long long)total.violations,
                (unsigned long long)r.suppressed, total.violations == 0 && !io_error ? "true" : "false");
    } else {
        if (r.suppressed)
            fprintf(stdout, "... %llu more violations not shown (--max-errors %llu)\n",
                    (unsigned long long)r.suppressed, (unsigned long long)o->max_errors);
        fprintf(stderr, "%llu records: %llu valid, %llu invalid; %llu violations\n",
                (unsigned long long)total.records, (unsigned long long)total.valid,
                (unsigned long long)total.invalid, (unsigned long long)total.violations);
    }
    dcc_validator_free(v);
    if (io_error) return VALIDATE_USAGE;
    return total.violations ? VALIDATE_INVALID : VALIDATE_OK;
}
