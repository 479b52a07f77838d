/* parallel.c - one JSON Lines input validated in partitions on threads, merged with
 * dcc_stream_merge, printed so that tests/c/parallel.sh can compare it record for record with
 * `dcc validate --report json` on the whole input (converted by jq to the same lines).
 *
 *   parallel PREFIX FILE NOW OUTDIR P:T...
 *
 * Built with the generated code of the example contracts and registry.h (X(stem, prefix) per
 * dataset, as tests/c/run.sh writes it). For each P:T, FILE is cut into P consecutive parts at
 * line starts (about equal in bytes; parts may be empty), each validated by its own partition
 * stream (opts.partition, numbered as in the whole by dcc_stream_set_position, fed in 64 KiB
 * chunks) on T threads that share one validator, then merged in order into a stream that
 * evaluates the quality rules (freshness against NOW, Unix seconds). P:T 0:0 is one plain
 * stream over the whole input; 0:1 the same after the stream was fed the first half of the
 * input and dcc_stream_reset (which must leave nothing of it behind). OUTDIR/P.T.tsv gets one line per violation, in the single
 * stream's order (a record's violations from its part, then those the merge found), as
 * record, line, offset, rule, field, message, value, and the record and line where a key was
 * first seen (0 0 for other findings) separated by tabs with jq's @tsv escapes, then a line
 * "records valid invalid violations". Each part starts at its line of the whole
 * (dcc_stream_set_line), so that lines and first-seen places are those of the whole input. Each part's per-record outcomes are checked
 * against its violations on the way. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "registry.h"

typedef struct {
    const char *name;
    dcc_validator *(*make)(char **);
} Entry;
#define X(stem, p) {#p, p##_validator},
static const Entry entries[] = {DCC_DATASETS};
#undef X

static void die(const char *what)
{
    fprintf(stderr, "parallel: %s\n", what);
    exit(2);
}

/* Owned violations in arrival order. */
typedef struct {
    dcc_violation **v;
    size_t n, cap;
} List;

static void list_add(List *l, const dcc_violation *v)
{
    if (l->n == l->cap) {
        l->cap = l->cap ? l->cap * 2 : 64;
        l->v = realloc(l->v, l->cap * sizeof *l->v);
        if (!l->v)
            die("out of memory");
    }
    if (!(l->v[l->n++] = dcc_violation_copy(v)))
        die("out of memory");
}

static void list_free(List *l)
{
    for (size_t i = 0; i < l->n; i++)
        dcc_violation_free(l->v[i]);
    free(l->v);
}

static void on_violation(void *ud, const dcc_violation *v)
{
    list_add(ud, v);
}

/* A part: its bytes, the number of its first record, and what validating it gave. */
typedef struct {
    const char *p;
    size_t n;
    uint64_t first_record, offset, first_line;
    const dcc_validator *v;
    int64_t now;
    dcc_stream *s;
    List found;
    uint64_t outcomes, outcome_violations; /* on_record: records and their violations */
    uint64_t next_record;                  /* on_record: the number the next must have */
    int bad;                               /* an outcome that disagrees */
    int rc;
} Part;

static int on_record(void *ud, const dcc_record_outcome *r)
{
    Part *pt = ud;
    /* numbered on from the part's first record; the record's bytes lie in the part */
    if (r->record < pt->next_record || r->byte_offset < pt->offset ||
        r->byte_offset + r->length > pt->offset + pt->n || r->valid != (r->violations == 0) ||
        r->reported != (r->violations < 32 ? r->violations : 32) || r->dropped != (r->violations > 32))
        pt->bad++;
    pt->next_record = r->record + 1;
    pt->outcomes++;
    pt->outcome_violations += r->violations;
    return 0;
}

/* The violations go to the part's list, the outcomes are checked: one userdata for both. */
static void part_violation(void *ud, const dcc_violation *v)
{
    list_add(&((Part *)ud)->found, v);
}

static void run_part(Part *pt)
{
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.userdata = pt;
    cb.on_violation = part_violation;
    cb.on_record = on_record;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    o.partition = true;
    o.callbacks = &cb;
    o.has_now = true;
    o.now = pt->now;
    static const size_t chunk = 64 << 10;
    pt->rc = dcc_stream_open(pt->v, &o, &pt->s);
    if (pt->rc)
        return;
    pt->next_record = pt->first_record;
    if ((pt->rc = dcc_stream_set_position(pt->s, pt->first_record, pt->offset)) ||
        (pt->rc = dcc_stream_set_line(pt->s, pt->first_line)))
        return;
    for (size_t i = 0; i < pt->n && !pt->rc; i += chunk)
        pt->rc = dcc_stream_feed(pt->s, pt->p + i, pt->n - i < chunk ? pt->n - i : chunk);
    if (!pt->rc)
        pt->rc = dcc_stream_finish(pt->s);
}

typedef struct {
    Part *parts;
    size_t nparts, first, step;
} Worker;

static void *work(void *arg)
{
    Worker *w = arg;
    for (size_t i = w->first; i < w->nparts; i += w->step)
        run_part(&w->parts[i]);
    return NULL;
}

/* jq's @tsv: backslash, tab, newline and carriage return escaped. */
static void tsv(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\': fputs("\\\\", f); break;
        case '\t': fputs("\\t", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        default: fputc(*s, f);
        }
    }
}

static void print(FILE *f, const dcc_violation *v)
{
    fprintf(f, "%llu\t%llu\t%llu\t%s\t", (unsigned long long)v->record, (unsigned long long)v->line,
            (unsigned long long)v->byte_offset, dcc_rule_code(v->rule));
    tsv(f, v->field_path);
    fputc('\t', f);
    tsv(f, v->message);
    fputc('\t', f);
    tsv(f, v->excerpt);
    /* where the key was first seen (0 0: not a key finding) */
    fprintf(f, "\t%llu\t%llu\n", (unsigned long long)v->first_record, (unsigned long long)v->first_line);
}

static char *read_file(const char *path, size_t *n)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        die("cannot read the input");
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    size_t k;
    while (buf && (k = fread(buf + len, 1, cap - len, fp)) > 0)
        if ((len += k) == cap)
            buf = realloc(buf, cap *= 2);
    fclose(fp);
    if (!buf)
        die("out of memory");
    *n = len;
    return buf;
}

/* Is the line [p, e) a record (not blank: some byte other than space and tab)? */
static int is_record(const char *p, const char *e)
{
    for (; p < e; p++)
        if (*p != ' ' && *p != '\t')
            return 1;
    return 0;
}

static void run_config(const dcc_validator *v, const char *data, size_t n, int64_t now, size_t nparts,
                       size_t nthreads, FILE *out)
{
    List merged = {0};
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = on_violation;
    cb.userdata = &merged;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    o.callbacks = &cb;
    o.has_now = true;
    o.now = now;
    dcc_stream *into;
    if (dcc_stream_open(v, &o, &into))
        die("cannot open a stream");
    if (nparts == 0) { /* one plain stream */
        if (nthreads == 1) { /* half of the input, then forgotten */
            for (size_t i = 0; i < n / 2; i += 4096)
                if (dcc_stream_feed(into, data + i, n / 2 - i < 4096 ? n / 2 - i : 4096))
                    die("the stream failed");
            if (dcc_stream_reset(into))
                die("reset failed");
            list_free(&merged);
            memset(&merged, 0, sizeof merged);
        }
        if (dcc_stream_feed(into, data, n) || dcc_stream_finish(into))
            die("the stream failed");
        for (size_t i = 0; i < merged.n; i++)
            print(out, merged.v[i]);
    } else {
        Part *parts = calloc(nparts, sizeof *parts);
        if (!parts)
            die("out of memory");
        /* cut at line starts */
        size_t at = 0;
        uint64_t records = 0;
        for (size_t i = 0; i < nparts; i++) {
            size_t start = at, want = i + 1 == nparts ? n : n / nparts * (i + 1);
            at = want > start ? want : start;
            while (at < n && at > 0 && data[at - 1] != '\n' && data[at - 1] != '\r')
                at++;
            if (at < n && at > 0 && data[at - 1] == '\r' && data[at] == '\n') /* not inside a CRLF */
                at++;
            parts[i].p = data + start;
            parts[i].n = at - start;
            parts[i].offset = start;
            parts[i].v = v;
            parts[i].now = now;
        }
        /* record and line numbers: a second pass over the lines of each part (LF, CR and CRLF
         * end a line, as the runtime counts them) */
        uint64_t lines = 0;
        for (size_t i = 0; i < nparts; i++) {
            parts[i].first_record = records + 1;
            parts[i].first_line = lines + 1;
            for (size_t j = 0; j < parts[i].n; j++) {
                const char *c = parts[i].p + j;
                lines += *c == '\r' || (*c == '\n' && !(c > data && c[-1] == '\r'));
            }
            const char *p = parts[i].p, *end = p + parts[i].n;
            while (p < end) {
                const char *e = p;
                while (e < end && *e != '\n' && *e != '\r')
                    e++;
                if (p == data && e - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
                    records += is_record(p + 3, e);
                else
                    records += is_record(p, e);
                p = e < end ? e + 1 : end;
            }
        }
        Worker *w = calloc(nthreads, sizeof *w);
        pthread_t *th = calloc(nthreads, sizeof *th);
        if (!w || !th)
            die("out of memory");
        for (size_t t = 0; t < nthreads; t++) {
            w[t] = (Worker){parts, nparts, t, nthreads};
            if (pthread_create(&th[t], NULL, work, &w[t]))
                die("cannot start a thread");
        }
        for (size_t t = 0; t < nthreads; t++)
            pthread_join(th[t], NULL);
        size_t *merged_from = calloc(nparts + 1, sizeof *merged_from);
        if (!merged_from)
            die("out of memory");
        for (size_t i = 0; i < nparts; i++) {
            Part *pt = &parts[i];
            if (pt->rc) {
                fprintf(stderr, "parallel: part %zu: %s\n", i, dcc_strerror(pt->rc));
                exit(2);
            }
            dcc_stream_stats st = DCC_STREAM_STATS_INIT;
            dcc_stream_get_stats(pt->s, &st);
            if (pt->bad || pt->outcomes != st.records || pt->outcome_violations != st.violations) {
                fprintf(stderr, "parallel: part %zu: %d outcomes disagree; %llu outcomes of %llu records\n", i,
                        pt->bad, (unsigned long long)pt->outcomes, (unsigned long long)st.records);
                exit(2);
            }
            merged_from[i] = merged.n;
            int rc = dcc_stream_merge(into, pt->s);
            if (rc)
                die(dcc_strerror(rc));
            dcc_stream_free(pt->s);
        }
        merged_from[nparts] = merged.n;
        /* a record's violations: its part's, then the merge's */
        for (size_t i = 0; i < nparts; i++) {
            List *a = &parts[i].found;
            size_t x = 0, y = merged_from[i], ye = merged_from[i + 1];
            while (x < a->n || y < ye) {
                if (y == ye || (x < a->n && a->v[x]->record <= merged.v[y]->record))
                    print(out, a->v[x++]);
                else
                    print(out, merged.v[y++]);
            }
            list_free(a);
        }
        size_t before = merged.n;
        if (dcc_stream_finish(into))
            die("finish failed");
        for (size_t i = before; i < merged.n; i++)
            print(out, merged.v[i]);
        free(merged_from);
        free(w);
        free(th);
        free(parts);
    }
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    dcc_stream_get_stats(into, &st);
    fprintf(out, "%llu %llu %llu %llu\n", (unsigned long long)st.records, (unsigned long long)st.valid,
            (unsigned long long)st.invalid, (unsigned long long)st.violations);
    dcc_stream_free(into);
    list_free(&merged);
}

int main(int argc, char **argv)
{
    if (argc < 6)
        die("usage: parallel PREFIX FILE NOW OUTDIR P:T...");
    const Entry *e = NULL;
    for (size_t i = 0; i < sizeof entries / sizeof entries[0]; i++)
        if (strcmp(entries[i].name, argv[1]) == 0)
            e = &entries[i];
    if (!e)
        die("no such dataset");
    char *err = NULL;
    dcc_validator *v = e->make(&err);
    if (!v)
        die(err);
    size_t n;
    char *data = read_file(argv[2], &n);
    int64_t now = strtoll(argv[3], NULL, 10);
    for (int i = 5; i < argc; i++) {
        unsigned p, t;
        if (sscanf(argv[i], "%u:%u", &p, &t) != 2 || (p && !t) || (!p && t > 1))
            die("bad P:T");
        char path[4096];
        snprintf(path, sizeof path, "%s/%u.%u.tsv", argv[4], p, t);
        FILE *out = fopen(path, "w");
        if (!out)
            die("cannot write the output");
        run_config(v, data, n, now, p, t, out);
        if (fclose(out))
            die("cannot write the output");
    }
    free(data);
    dcc_validator_free(v);
    return 0;
}
