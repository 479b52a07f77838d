/* fuzz_check.c - libFuzzer target: the input as a .dc file through the whole front end.
 *
 * The input is written to <tmp>/sales/input.dc, beside copies of the example contracts
 * (<tmp>/shared/common.dc, ...), and compiled with compile_file, so imports that name the
 * examples resolve and the import machinery (cycles, missing files, alias clashes) is fuzzed
 * too. Diagnostics are sorted and printed (text and JSON) to /dev/null. When the contract
 * checks without errors, every dataset goes through desc_build and dcc_validator_new, and every
 * target generates in memory: a checked contract that the runtime refuses is a bug (abort). */
#define _GNU_SOURCE /* mkdtemp */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile.h"
#include "dcc_rt.h"
#include "desc.h"
#include "diag.h"
#include "outfile.h"
#include "targets.h"

#ifndef DCC_FUZZ_ROOT /* the repository, as an absolute path (run.sh passes it) */
#define DCC_FUZZ_ROOT "."
#endif

/* libFuzzer's interface leaves no other place for per-process setup than file-scope state. */
static char g_dir[64];
static char g_input[4096];
static FILE *g_null;

static const char *const g_subdirs[] = {"shared", "marketing", "supply_chain", "finance", "sales"};
static const char *const g_examples[] = {
    "shared/common.dc", "marketing/customers.dc", "supply_chain/inventory.dc",
    "finance/payments.dc", "sales/orders.dc", "sales/input.dc",
};

/* Removes the temporary tree at exit (libFuzzer leaves through exit()). */
static void cleanup(void)
{
    char p[4096];
    for (size_t i = 0; i < sizeof g_examples / sizeof *g_examples; i++) {
        snprintf(p, sizeof p, "%s/%s", g_dir, g_examples[i]);
        unlink(p);
    }
    for (size_t i = 0; i < sizeof g_subdirs / sizeof *g_subdirs; i++) {
        snprintf(p, sizeof p, "%s/%s", g_dir, g_subdirs[i]);
        rmdir(p);
    }
    rmdir(g_dir);
}

static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb");
    if (!in) return; /* a missing example only means fewer resolvable imports */
    FILE *out = fopen(to, "wb");
    if (!out) {
        fclose(in);
        return;
    }
    char buf[8192];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0) fwrite(buf, 1, n, out);
    fclose(in);
    fclose(out);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    const char *root = getenv("DCC_FUZZ_EXAMPLES");
    if (!root) root = DCC_FUZZ_ROOT "/examples";
    snprintf(g_dir, sizeof g_dir, "/tmp/dcc-fuzz-check-XXXXXX");
    if (!mkdtemp(g_dir)) {
        perror("mkdtemp");
        exit(1);
    }
    atexit(cleanup);
    char from[4096], to[4096];
    for (size_t i = 0; i < sizeof g_subdirs / sizeof *g_subdirs; i++) {
        snprintf(to, sizeof to, "%s/%s", g_dir, g_subdirs[i]);
        mkdir(to, 0700);
    }
    for (size_t i = 0; i + 1 < sizeof g_examples / sizeof *g_examples; i++) {
        snprintf(from, sizeof from, "%s/%s", root, g_examples[i]);
        snprintf(to, sizeof to, "%s/%s", g_dir, g_examples[i]);
        copy_file(from, to);
    }
    snprintf(g_input, sizeof g_input, "%s/sales/input.dc", g_dir);
    g_null = fopen("/dev/null", "w");
    if (!g_null) exit(1);
    return 0;
}

/* Runs everything that consumes a checked contract. */
static void after_check(Compilation *c, const Contract *unit)
{
    for (const Dataset *ds = unit->datasets; ds; ds = ds->next) {
        const char *err = NULL;
        const dcc_dataset_desc *d = desc_build(c->arena, ds, &err);
        if (!d) continue; /* a pattern too complex for a DFA: reported, not a bug */
        char *verr = NULL;
        dcc_validator *v = dcc_validator_new(d, &verr);
        if (!v) {
            fprintf(stderr, "fuzz_check: dataset %s checked without errors but the runtime "
                            "refuses its descriptor: %s\n", ds->name.text, verr ? verr : "?");
            abort();
        }
        dcc_validator_free(v);
    }
    OutSet out;
    outset_init(&out);
    const Target *t = targets_find("c");
    const Contract *units[] = {unit};
    /* A target may refuse what it cannot express, but only with a diagnostic saying so. */
    if (t && targets_run(t, c, units, 1, NULL, &out) != 0 && c->diags.errors == 0) {
        fprintf(stderr, "fuzz_check: target c failed on a checked contract without a diagnostic\n");
        abort();
    }
    outset_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    FILE *f = fopen(g_input, "wb");
    if (!f) return 0;
    fwrite(data, 1, size, f);
    fclose(f);

    Compilation c;
    compile_init(&c);
    Contract *unit = compile_file(&c, g_input);
    diag_sort(&c.diags);
    diag_print_text(&c.diags, g_null, false);
    diag_print_json(&c.diags, g_null);
    if (unit && c.diags.errors == 0) after_check(&c, unit);
    compile_free(&c);
    return 0;
}
