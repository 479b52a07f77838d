/* fuzz_stream.c - libFuzzer target for the validation runtime: records fed to a dcc_stream.
 * Built twice: -DFUZZ_CSV gives fuzz_csv, otherwise fuzz_jsonl.
 *
 * The dataset is `records` of tests/fuzz/fuzz.dc (every kind and constraint), compiled once
 * with compile_file + desc_build (path from $DCC_FUZZ_CONTRACT, default
 * DCC_FUZZ_ROOT/tests/fuzz/fuzz.dc).
 * Input: one control byte, then the data. The data is validated three ways, each in a fresh
 * stream: whole in one feed; split in two at a position scaled from the control byte; and in
 * chunks of 1..8 bytes (sizes from the control byte). The runtime promises that any chunking
 * gives the same violations, so the three lists (record, byte offset, rule, path, message,
 * excerpt) and the counters must be identical; a difference aborts. Bit 0x40 of the control
 * byte in CSV mode selects --no-header, bit 0x20 a ';' delimiter; bit 0x10 a 64-byte
 * max_record_bytes. With DCC_FUZZ_NO_EXCERPT set, excerpts are left out of the comparison (to
 * keep fuzzing past a known excerpt bug). */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "compile.h"
#include "dcc_rt.h"
#include "desc.h"
#include "strbuf.h"

#ifndef DCC_FUZZ_ROOT /* the repository, as an absolute path (run.sh passes it) */
#define DCC_FUZZ_ROOT "."
#endif

/* libFuzzer's interface leaves no other place for per-process setup than file-scope state. */
static Compilation g_comp;
static dcc_validator *g_validator;
static bool g_no_excerpt;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *path = getenv("DCC_FUZZ_CONTRACT");
    if (!path) path = DCC_FUZZ_ROOT "/tests/fuzz/fuzz.dc";
    compile_init(&g_comp);
    Contract *unit = compile_file(&g_comp, path);
    if (!unit || g_comp.diags.errors) {
        diag_sort(&g_comp.diags);
        diag_print_text(&g_comp.diags, stderr, false);
        fprintf(stderr, "fuzz_stream: cannot compile %s (set DCC_FUZZ_CONTRACT)\n", path);
        exit(1);
    }
    const Dataset *ds = model_find_dataset(unit, "records");
    const char *err = NULL;
    const dcc_dataset_desc *d = ds ? desc_build(g_comp.arena, ds, &err) : NULL;
    char *verr = NULL;
    g_validator = d ? dcc_validator_new(d, &verr) : NULL;
    if (!g_validator) {
        fprintf(stderr, "fuzz_stream: no validator for dataset records: %s\n",
                verr ? verr : err ? err : "dataset missing");
        exit(1);
    }
    g_no_excerpt = getenv("DCC_FUZZ_NO_EXCERPT") != NULL;
    return 0;
}

static void on_violation(void *userdata, const dcc_violation *v)
{
    StrBuf *b = userdata;
    sb_printf(b, "%llu @%llu %s %s: %s [%s]\n", (unsigned long long)v->record,
              (unsigned long long)v->byte_offset, dcc_rule_code(v->rule), v->field_path,
              v->message, g_no_excerpt ? "" : v->excerpt);
}

typedef enum { WHOLE, SPLIT, CHUNKS } Mode;

/* Validates data fed as `mode` says; the report (violations, then counters) goes to out. */
static void run(const uint8_t *data, size_t n, uint8_t ctl, Mode mode, StrBuf *out)
{
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = on_violation;
    cb.userdata = out;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
#ifdef FUZZ_CSV
    o.format = DCC_FORMAT_CSV;
    o.csv_no_header = (ctl & 0x40) != 0;
    o.csv_delimiter = (ctl & 0x20) ? ';' : ',';
#else
    o.format = DCC_FORMAT_JSONL;
#endif
    o.callbacks = &cb;
    o.has_now = true;
    o.now = 1795000000; /* 2026-11-17: freshness must not depend on the clock */
    o.max_depth = 16;
    o.max_record_bytes = (ctl & 0x10) ? 64 : 0; /* 64: small enough to reach DV001 often */
    dcc_stream *s = NULL;
    if (dcc_stream_open(g_validator, &o, &s) != 0) abort();
    const char *p = (const char *)data;
    int rc = 0;
    if (mode == WHOLE) {
        rc |= dcc_stream_feed(s, p, n);
    } else if (mode == SPLIT) {
        size_t at = (size_t)ctl * n / 255;
        rc |= dcc_stream_feed(s, p, at);
        rc |= dcc_stream_feed(s, p + at, n - at);
    } else {
        size_t step = (size_t)(ctl & 7) + 1;
        for (size_t i = 0; i < n; i += step) rc |= dcc_stream_feed(s, p + i, n - i < step ? n - i : step);
    }
    rc |= dcc_stream_finish(s);
    if (rc != 0) {
        fprintf(stderr, "fuzz_stream: feed/finish failed (mode %d)\n", (int)mode);
        abort();
    }
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    dcc_stream_get_stats(s, &st);
    sb_printf(out, "records %llu valid %llu invalid %llu violations %llu\n",
              (unsigned long long)st.records, (unsigned long long)st.valid,
              (unsigned long long)st.invalid, (unsigned long long)st.violations);
    dcc_stream_free(s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) return 0;
    uint8_t ctl = data[0];
    data++;
    size--;
    static const char *const names[] = {"whole", "split", "chunks"};
    StrBuf r[3];
    for (int m = 0; m < 3; m++) {
        sb_init(&r[m]);
        run(data, size, ctl, (Mode)m, &r[m]);
    }
    for (int m = 1; m < 3; m++) {
        if (r[m].len != r[0].len || memcmp(r[m].data, r[0].data, r[0].len) != 0) {
            fprintf(stderr, "fuzz_stream: feeding %s and %s give different results (control byte 0x%02x, split at %zu)\n--- %s:\n%s--- %s:\n%s",
                    names[0], names[m], ctl, (size_t)ctl * size / 255, names[0], r[0].data,
                    names[m], r[m].data);
            abort();
        }
    }
    for (int m = 0; m < 3; m++) sb_free(&r[m]);
    return 0;
}
