/* fuzz_fmt.c - libFuzzer target: `dcc fmt` must print text that parses again without errors,
 * keeps the meaning (dump(parse(fmt(x))) == dump(parse(x)), compiler/dump.h) and is a fixed
 * point: fmt(fmt(x)) == fmt(x). A violation aborts (it is a bug like a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dump.h"
#include "fmt.h"
#include "parse.h"
#include "strbuf.h"

/* Parses text; on success appends its canonical form to out and its model dump to dump, and
 * returns true. */
static bool format(const char *text, size_t len, StrBuf *out, StrBuf *dump, unsigned *errors)
{
    Arena *a = arena_new();
    SourceSet sources;
    source_set_init(&sources, a);
    DiagSink diags;
    diag_init(&diags, a, &sources);
    uint32_t id = source_add(&sources, "input.dc", text, len);
    ParsedFile *pf = parse_file(a, &diags, &sources, id);
    *errors = diags.errors;
    bool ok = !diags.errors && pf && pf->unit;
    if (ok) {
        fmt_file(out, pf, sources.files[id]);
        dump_unit(dump, pf->unit);
    }
    arena_free(a);
    return ok;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    StrBuf once, twice, dump0, dump1;
    sb_init(&once);
    sb_init(&twice);
    sb_init(&dump0);
    sb_init(&dump1);
    unsigned errors = 0;
    if (format((const char *)data, size, &once, &dump0, &errors)) {
        if (!format(once.data, once.len, &twice, &dump1, &errors)) {
            fprintf(stderr, "fuzz_fmt: the formatted text has %u parse error(s):\n%s\n", errors,
                    once.data);
            abort();
        }
        if (once.len != twice.len || memcmp(once.data, twice.data, once.len) != 0) {
            fprintf(stderr, "fuzz_fmt: fmt is not idempotent.\n--- fmt(x):\n%s\n--- fmt(fmt(x)):\n%s\n",
                    once.data, twice.data);
            abort();
        }
        if (dump0.len != dump1.len || memcmp(dump0.data, dump1.data, dump0.len) != 0) {
            fprintf(stderr, "fuzz_fmt: fmt changed the meaning.\n--- dump(parse(x)):\n%s\n"
                            "--- dump(parse(fmt(x))):\n%s\n--- fmt(x):\n%s\n",
                    dump0.data, dump1.data, once.data);
            abort();
        }
    }
    sb_free(&once);
    sb_free(&twice);
    sb_free(&dump0);
    sb_free(&dump1);
    return 0;
}
