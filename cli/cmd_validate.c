/* cmd_validate.c - `dcc validate`: check data files against a dataset of a contract, through the
 * same runtime (runtime/) and the same descriptors (targets/desc.c) that generated C uses. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <threads.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"
#include "compile.h"
#include "dcc_rt.h"
#include "desc.h"
#include "diag.h"

typedef struct {
    const char *contract;
    const char *dataset;
    const char **data; /* files, or "-" for standard input */
    size_t ndata;
    bool format_given;
    dcc_format format;
    char delimiter;   /* 0: ',' */
    bool no_header;
    bool now_given;   /* --now: now and now_nanos; else the clock */
    int64_t now;      /* Unix seconds */
    int32_t now_nanos;
    uint64_t max_errors; /* 0: no limit */
    bool json;
    bool skip_quality;
    bool quiet;       /* --quiet: no report and no summary; the exit status tells */
    bool warnings;    /* -W: print the contract's warnings too (errors are always printed) */
    bool progress;    /* progress lines on stderr */
} ValidateOptions;

enum { VALIDATE_OK = 0, VALIDATE_INVALID = 1, VALIDATE_USAGE = 2, VALIDATE_CONTRACT_BROKEN = 3 };

/* What one run reports into; the violation callback's userdata. */
typedef struct {
    const ValidateOptions *o;
    const char *data_name; /* file being validated, for messages */
    uint64_t printed;
    uint64_t suppressed;
    uint64_t in_records;   /* violations in records (record > 0) */
    uint64_t in_dataset;   /* violations of the dataset: quality rules, CSV headers (record 0) */
    bool first_json;
    bool write_failed;     /* said once; nothing more is printed */
    FILE *out;
    /* progress on a terminal (o->progress) */
    dcc_stream *stream;
    uint64_t bytes, total_bytes; /* read so far; of all inputs (0: not known, as for a pipe) */
    double started, last;        /* monotonic seconds */
    bool shown;                  /* a progress line is on the terminal now */
} Report;

static double seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Takes the progress line off the terminal, so that what prints next starts a clean line. */
static void progress_clear(Report *r)
{
    if (!r->shown) return;
    fputs("\r\033[K", stderr);
    fflush(stderr);
    r->shown = false;
}

/* Progress on a terminal only: after the first chunk, then at most four times a second, the
 * share of the input read (when its size is known), the rate in MB/s and in records/s. */
static void progress(Report *r)
{
    if (!r->o->progress) return;
    double now = seconds();
    if (r->last > 0 && now - r->last < 0.25) return;
    r->last = now;
    double dt = now - r->started > 1e-3 ? now - r->started : 1e-3;
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    dcc_stream_get_stats(r->stream, &st);
    char pct[16] = "";
    if (r->total_bytes) snprintf(pct, sizeof pct, "%3.0f%% ", 100.0 * (double)r->bytes / (double)r->total_bytes);
    fprintf(stderr, "\r\033[K%s: %s%.1f MB, %.1f MB/s, %.0f records/s", r->data_name, pct,
            (double)r->bytes / 1e6, (double)r->bytes / 1e6 / dt, (double)st.records / dt);
    fflush(stderr);
    r->shown = true;
}

/* "1 record", "2 records". */
static const char *plural(uint64_t n, const char *one, const char *many)
{
    return n == 1 ? one : many;
}

/* After each violation printed: a failed write is said once, with its cause, and ends the
 * report (the counting goes on; the exit status becomes 2). */
static void check_written(Report *r)
{
    if (!ferror(r->out)) return;
    int err = errno;
    r->write_failed = true;
    progress_clear(r);
    fprintf(stderr, "dcc validate: cannot write the report: %s\n", strerror(err));
}

/* How an input is named in reports. */
static const char *input_name(const char *path)
{
    return strcmp(path, "-") == 0 ? "<stdin>" : path;
}

static void on_violation(void *ud, const dcc_violation *v)
{
    Report *r = ud;
    if (v->record) r->in_records++;
    else r->in_dataset++;
    if (r->write_failed || r->o->quiet) return;
    if (r->o->max_errors && r->printed >= r->o->max_errors) {
        r->suppressed++;
        return;
    }
    r->printed++;
    progress_clear(r);
    if (r->o->json) {
        fputs(r->first_json ? "\n  {" : ",\n  {", r->out);
        r->first_json = false;
        fputs("\"file\":", r->out);
        json_print_string(r->out, r->data_name);
        fprintf(r->out, ",\"line\":%llu,\"record\":%llu,\"offset\":%llu,\"rule\":\"%s\",\"field\":",
                (unsigned long long)v->line, (unsigned long long)v->record, (unsigned long long)v->byte_offset,
                dcc_rule_code(v->rule));
        json_print_string(r->out, v->field_path);
        fputs(",\"message\":", r->out);
        json_print_string(r->out, v->message);
        fputs(",\"value\":", r->out);
        json_print_string(r->out, v->excerpt);
        if (v->first_record) { /* DV017, DV018: where the key was first seen */
            fputs(",\"first_seen\":{\"file\":", r->out);
            json_print_string(r->out, v->first_input < r->o->ndata ? input_name(r->o->data[v->first_input]) : "");
            fprintf(r->out, ",\"line\":%llu,\"record\":%llu}", (unsigned long long)v->first_line,
                    (unsigned long long)v->first_record);
        }
        fputc('}', r->out);
        check_written(r);
        return;
    }
    /* file:LINE: as compilers print it, so that editors jump to the record */
    if (v->line) fprintf(r->out, "%s:%llu: ", r->data_name, (unsigned long long)v->line);
    else fprintf(r->out, "%s: ", r->data_name);
    fprintf(r->out, "%s", v->field_path[0] ? v->field_path : "");
    fprintf(r->out, "%s%s [%s]", v->field_path[0] ? ": " : "", v->message, dcc_rule_code(v->rule));
    if (v->excerpt[0]) fprintf(r->out, " (value: %s)", v->excerpt);
    fputc('\n', r->out);
    check_written(r);
}

static bool has_suffix(const char *path, const char *suffix)
{
    const char *dot = strrchr(path, '.');
    return dot && strcmp(dot, suffix) == 0;
}

static dcc_format format_for(const ValidateOptions *o, const char *path)
{
    if (o->format_given) return o->format;
    if (has_suffix(path, ".csv") || has_suffix(path, ".tsv")) return DCC_FORMAT_CSV;
    return DCC_FORMAT_JSONL;
}

/* The CSV delimiter: --delimiter, else a tab for a .tsv file, else 0 (','). */
static char delimiter_for(const ValidateOptions *o, const char *path)
{
    if (o->delimiter) return o->delimiter;
    return has_suffix(path, ".tsv") ? '\t' : 0;
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

/* Opens a data input ("-": standard input); NULL after saying why. */
static FILE *open_data(const char *path)
{
    if (strcmp(path, "-") == 0) return stdin;
    struct stat st;
    if (stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        fprintf(stderr, "dcc validate: cannot read '%s': is a directory\n", path);
        return NULL;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) fprintf(stderr, "dcc validate: cannot read '%s': %s\n", path, strerror(errno));
    return fp;
}

/* Standard input read as JSON Lines by default whose first line looks like a CSV header gets a
 * hint: the likeliest cause of what follows is a missing --format csv. */
static void hint_csv(const ValidateOptions *o, const char *chunk, size_t n)
{
    if (o->format_given) return;
    size_t i = n >= 3 && memcmp(chunk, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    while (i < n && (chunk[i] == ' ' || chunk[i] == '\t' || chunk[i] == '\r' || chunk[i] == '\n')) i++;
    if (i == n || chunk[i] == '{') return;
    const char *nl = memchr(chunk + i, '\n', n - i);
    size_t len = nl ? (size_t)(nl - chunk) - i : n - i;
    if (memchr(chunk + i, ',', len) || memchr(chunk + i, '\t', len) || memchr(chunk + i, ';', len))
        fputs("dcc validate: note: standard input is read as JSON Lines, but its first line looks like "
              "CSV; give --format csv\n", stderr);
}

/* Feeds one input into the stream; returns 0 when it was read through, -1 on an I/O error. */
static int feed_file(dcc_stream *s, const ValidateOptions *o, const char *path, Report *r)
{
    bool is_stdin = strcmp(path, "-") == 0;
    r->data_name = input_name(path);
    /* a key first seen in this input is then named "already seen at FILE:LINE" from the others */
    if (dcc_stream_name_input(s, r->data_name) != 0) {
        fprintf(stderr, "dcc validate: out of memory\n");
        return -1;
    }
    FILE *fp = open_data(path);
    if (!fp) return -1;
    Reader rd;
    int rc = reader_start(&rd, fp);
    const char *chunk;
    size_t n;
    bool first = true;
    while (rc == 0 && (chunk = reader_next(&rd, &n)) != NULL) {
        if (first && is_stdin && format_for(o, path) == DCC_FORMAT_JSONL) hint_csv(o, chunk, n);
        first = false;
        int frc = dcc_stream_feed(s, chunk, n);
        if (frc != 0) {
            progress_clear(r);
            fprintf(stderr, "dcc validate: %s: %s\n", r->data_name, dcc_strerror(frc));
            rc = -1;
        }
        r->bytes += n;
        progress(r);
    }
    if (reader_stop(&rd) != 0 && rc == 0) {
        progress_clear(r);
        fprintf(stderr, "dcc validate: error reading '%s'\n", r->data_name);
        rc = -1;
    }
    if (!is_stdin) fclose(fp);
    return rc;
}

/* Compiles the contract in c and validates each data input. Returns a VALIDATE_* status;
 * VALIDATE_CONTRACT_BROKEN leaves the contract's diagnostics in c->diags for the caller. */
static int validate_run(const ValidateOptions *o, Compilation *c)
{
    Contract *unit = compile_file(c, o->contract);
    if (!unit || c->diags.errors) return VALIDATE_CONTRACT_BROKEN;
    if (unit->kind != UNIT_CONTRACT) {
        fprintf(stderr, "dcc validate: '%s' is a library, not a contract\n", o->contract);
        return VALIDATE_USAGE;
    }
    const Dataset *ds = NULL;
    if (o->dataset) ds = model_find_dataset(unit, o->dataset);
    else if (unit->datasets && !unit->datasets->next) ds = unit->datasets; /* the only one */
    if (!ds && !o->dataset) {
        fprintf(stderr, "dcc validate: contract %s has %s; name one with --dataset NAME:", unit->name.text,
                unit->datasets ? "several datasets" : "no dataset");
        for (const Dataset *d = unit->datasets; d; d = d->next) fprintf(stderr, " %s", d->name.text);
        fputc('\n', stderr);
        return VALIDATE_USAGE;
    }
    if (!ds) {
        fprintf(stderr, "dcc validate: contract %s has no dataset '%s'; it has:", unit->name.text, o->dataset);
        for (const Dataset *d = unit->datasets; d; d = d->next) fprintf(stderr, " %s", d->name.text);
        fputc('\n', stderr);
        return VALIDATE_USAGE;
    }
    /* Every input is opened before any is validated: a missing file is an error, not a summary. */
    for (size_t i = 0; i < o->ndata; i++) {
        FILE *fp = strcmp(o->data[i], "-") == 0 ? NULL : open_data(o->data[i]);
        if (fp) fclose(fp);
        else if (strcmp(o->data[i], "-") != 0) return VALIDATE_USAGE;
    }
    const char *err = NULL;
    /* All inputs are one dataset: one stream, so keys and quality rules span the files. */
    dcc_format fmt = format_for(o, o->data[0]);
    char delim = delimiter_for(o, o->data[0]);
    for (size_t i = 1; i < o->ndata; i++)
        if (format_for(o, o->data[i]) != fmt || (fmt == DCC_FORMAT_CSV && delimiter_for(o, o->data[i]) != delim)) {
            fprintf(stderr, "dcc validate: '%s' and '%s' have different formats; give --format or "
                            "validate them separately\n", o->data[0], o->data[i]);
            return VALIDATE_USAGE;
        }
    const dcc_dataset_desc *desc = desc_build(c->arena, ds, &err);
    char *verr = NULL;
    dcc_validator *v = desc ? dcc_validator_new(desc, &verr) : NULL;
    if (!v) {
        fprintf(stderr, "dcc validate: cannot build a validator for %s: %s\n", ds->name.text,
                verr ? verr : err ? err : "out of memory");
        dcc_error_free(verr);
        return VALIDATE_USAGE;
    }
    Report r;
    memset(&r, 0, sizeof r);
    r.o = o;
    r.data_name = "";
    r.first_json = true;
    r.out = stdout;
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = on_violation;
    cb.userdata = &r;
    dcc_stream_opts so = DCC_STREAM_OPTS_INIT;
    so.format = fmt;
    so.csv_delimiter = delim;
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
    r.stream = s;
    r.total_bytes = input_bytes;
    r.started = seconds();
    if (o->json) fputs("{\"violations\":[", stdout);
    bool io_error = false;
    for (size_t i = 0; i < o->ndata && !io_error; i++) {
        if (i > 0 && dcc_stream_next_input(s) != 0) io_error = true;
        else if (feed_file(s, o, o->data[i], &r) != 0) io_error = true;
    }
    /* Findings about the whole dataset are named after the input when there is one. */
    if (o->ndata > 1) r.data_name = arena_printf(c->arena, "dataset %s", ds->name.text);
    if (!io_error && (src = dcc_stream_finish(s)) != 0) {
        progress_clear(&r);
        fprintf(stderr, "dcc validate: %s\n", dcc_strerror(src));
        io_error = true;
    }
    progress_clear(&r);
    dcc_stream_stats total = DCC_STREAM_STATS_INIT;
    dcc_stream_get_stats(s, &total);
    dcc_stream_free(s);
    unsigned long long nrec = total.records, nvalid = total.valid, ninvalid = total.invalid,
                       inrec = r.in_records, inds = r.in_dataset;
    if (o->json) {
        fprintf(stdout, "%s],\"records\":%llu,\"valid\":%llu,\"invalid\":%llu,\"violations_total\":%llu,"
                        "\"record_violations\":%llu,\"dataset_violations\":%llu,\"suppressed\":%llu,\"ok\":%s}\n",
                r.first_json ? "" : "\n", nrec, nvalid, ninvalid, (unsigned long long)total.violations, inrec, inds,
                (unsigned long long)r.suppressed, total.violations == 0 && !io_error ? "true" : "false");
    } else if (!o->quiet && !io_error && !r.write_failed) {
        if (r.suppressed)
            fprintf(stdout, "... %llu more %s not shown (--max-errors %llu)\n", (unsigned long long)r.suppressed,
                    plural(r.suppressed, "violation", "violations"), (unsigned long long)o->max_errors);
        /* Findings about the dataset (quality rules, CSV headers) are told apart from those of
         * records, so that "0 invalid" beside a failing exit status says why. */
        fprintf(stderr, "%llu %s: %llu valid, %llu invalid", nrec, plural(nrec, "record", "records"), nvalid, ninvalid);
        if (inrec) fprintf(stderr, "; %llu %s in records", inrec, plural(inrec, "violation", "violations"));
        if (inds) fprintf(stderr, "; %llu dataset-level %s", inds, plural(inds, "violation", "violations"));
        fputs(inrec || inds ? "\n" : "; no violations\n", stderr);
    }
    if (!r.write_failed) {
        fflush(r.out);
        check_written(&r);
    }
    dcc_validator_free(v);
    if (io_error || r.write_failed) return VALIDATE_USAGE;
    return total.violations ? VALIDATE_INVALID : VALIDATE_OK;
}

/* ---- the command line ------------------------------------------------------------------------ */

enum {
    OPT_DATASET = 1, OPT_FORMAT, OPT_DELIMITER, OPT_NO_HEADER, OPT_NOW, OPT_SKIP_QUALITY, OPT_MAX_ERRORS, OPT_REPORT,
    OPT_QUIET, OPT_WARNINGS
};

static const char *const formats[] = {"jsonl", "csv", NULL};       /* dcc_format order */
static const char *const report_formats[] = {"text", "json", NULL};

static const ArgOption options[] = {
    {"--dataset", "-d", "NAME", "the dataset to validate against (default: the contract's only one)", NULL, NULL,
     OPT_DATASET, 0},
    {"--format", NULL, "FORMAT", "jsonl or csv (default: from the file name, .csv and .tsv\nbeing CSV; jsonl for stdin)",
     formats, "format", OPT_FORMAT, 0},
    {"--delimiter", NULL, "CHAR", "CSV field delimiter (default , and a tab for .tsv files)", NULL, NULL,
     OPT_DELIMITER, 0},
    {"--no-header", NULL, NULL, "CSV without a header row: columns in declaration order", NULL, NULL, OPT_NO_HEADER, 0},
    {"--now", NULL, "TIME",
     "the time freshness rules measure against (RFC 3339, e.g.\n2026-11-25T12:00:00.5Z; default: the clock)", NULL,
     NULL, OPT_NOW, 0},
    {"--skip-quality", NULL, NULL, "check records only, not the dataset's quality rules", NULL, NULL, OPT_SKIP_QUALITY, 0},
    {"--max-errors", NULL, "N", "print at most N violations (all are still counted;\n0, the default: no limit)",
     NULL, NULL, OPT_MAX_ERRORS, 0},
    {"--report", NULL, "FORMAT", "text (default) or json", report_formats, "report format", OPT_REPORT, 0},
    {"--quiet", "-q", NULL, "print no report and no summary: the exit status tells", NULL, NULL, OPT_QUIET, 0},
    {"--warnings", "-W", NULL, "print the contract's warnings too (its errors are always\nprinted)", NULL, NULL,
     OPT_WARNINGS, 0},
    CLI_OPTION_INCLUDE("search DIR for the contract's imports"),
    CLI_OPTION_WERROR("treat the contract's warnings as errors"),
    CLI_OPTION_DIAGNOSTICS("the contract's diagnostics on stderr: text (default) or json"),
    CLI_OPTION_COLOR("colour the contract's diagnostics: auto (default), always, never"),
};

/* Parses an RFC 3339 timestamp (with Z or an offset) into Unix seconds and nanoseconds, with the
 * validator's own reader so that --now means what the data's timestamps mean. */
static bool parse_instant(const char *s, int64_t *out, int32_t *nanos)
{
    return dcc_temporal_parse(DCC_TIMESTAMPTZ, s, strlen(s), out, nanos, NULL) == DCC_TEMPORAL_OK;
}

/* One validate option's value into v (the userdata). Returns -1, or an exit status for a bad
 * value. */
static int take(void *ud, ArgEvent ev, const ArgParser *p)
{
    if (ev != ARG_OPTION) return CLI_USUAL_HELP;
    ValidateOptions *v = ud;
    const char *prog = p->prog;
    const char *val = p->value;
    switch (p->opt->id) {
    case OPT_DATASET: v->dataset = val; break;
    case OPT_FORMAT:
        v->format_given = true;
        v->format = (dcc_format)p->choice;
        break;
    case OPT_DELIMITER:
        if (strcmp(val, "\\t") == 0 || strcmp(val, "tab") == 0) v->delimiter = '\t';
        else if (strlen(val) == 1 && val[0] != '"' && val[0] != '\n' && val[0] != '\r') v->delimiter = val[0];
        else return args_usage_error(prog, "the delimiter '%s' must be one character other than a quote or newline", val);
        break;
    case OPT_NO_HEADER: v->no_header = true; break;
    case OPT_NOW:
        v->now_given = true;
        if (!parse_instant(val, &v->now, &v->now_nanos))
            return args_usage_error(prog, "--now needs an RFC 3339 timestamp such as 2026-11-25T12:00:00Z, not '%s'", val);
        break;
    case OPT_SKIP_QUALITY: v->skip_quality = true; break;
    case OPT_MAX_ERRORS: {
        char *end;
        errno = 0;
        unsigned long long n = strtoull(val, &end, 10);
        if (errno || *end || !*val || val[0] == '-') return args_usage_error(prog, "--max-errors needs a number, not '%s'", val);
        v->max_errors = n;
        break;
    }
    case OPT_REPORT: v->json = p->choice == 1; break;
    case OPT_QUIET: v->quiet = true; break;
    case OPT_WARNINGS: v->warnings = true; break;
    default: break;
    }
    return -1;
}

static int run(const CliCommand *self, int argc, char **argv)
{
    CliInputs in;
    if (cli_inputs_init(&in, "dcc validate", argc) != 0) return CLI_EXIT_USAGE;
    ValidateOptions v;
    memset(&v, 0, sizeof v);
    int rc = cli_parse(self, &in, argc, argv, false, take, &v);
    if (rc < 0 && in.nfiles == 0) rc = args_usage_error(in.prog, "no contract given");
    if (rc < 0 && v.quiet && v.json) rc = args_usage_error(in.prog, "--quiet and --report json exclude each other");
    if (rc < 0) {
        v.contract = in.files[0];
        v.data = in.files + 1;
        v.ndata = in.nfiles - 1;
        static const char *const stdin_only[] = {"-"};
        if (v.ndata == 0) {
            v.data = (const char **)stdin_only;
            v.ndata = 1;
        }
        for (size_t i = 0; i < v.ndata && strcmp(v.contract, "-") == 0; i++)
            if (strcmp(v.data[i], "-") == 0) {
                cli_inputs_free(&in);
                return args_usage_error("dcc validate", "the contract and the data cannot both be standard input");
            }
        v.progress = isatty(STDERR_FILENO) && !v.json && !v.quiet;
        Compilation c;
        compile_init(&c);
        c.include_dirs = in.include_dirs;
        c.ninclude = in.ninclude;
        c.diags.werror = in.werror;
        rc = validate_run(&v, &c);
        /* A contract that checks clean is not re-judged on every run: its warnings are for
         * `dcc check` (or -W); its errors are why nothing was validated. */
        if (c.diags.first && (rc == VALIDATE_CONTRACT_BROKEN || v.warnings)) cli_report(&c.diags, &in, stderr);
        if (rc == VALIDATE_CONTRACT_BROKEN && in.json) {
            rc = CLI_EXIT_USAGE; /* the JSON document on stderr says it all, for tools to read */
        } else if (rc == VALIDATE_CONTRACT_BROKEN) {
            fprintf(stderr, "dcc validate: the contract has errors; fix them first (dcc check %s)\n", v.contract);
            rc = CLI_EXIT_USAGE;
        }
        compile_free(&c);
    }
    cli_inputs_free(&in);
    return rc;
}

const CliCommand cli_cmd_validate = {
    "validate",
    "validate data files against a dataset of a contract",
    "CONTRACT [--dataset NAME] [options] [DATA... | -]",
    "Validates JSON Lines or CSV data against dataset NAME of CONTRACT, record by record and then\n"
    "against the dataset's quality rules, with the same runtime that generated C validators link.\n"
    "Reads standard input when no DATA is given. Violations print as FILE:LINE: with the line\n"
    "where the record starts. Exit status: 0 when the data meets the contract, 1 when it does not,\n"
    "2 on usage or I/O errors (a report that cannot be written too) or when the contract itself\n"
    "has errors.",
    options,
    sizeof options / sizeof options[0],
    run,
};
