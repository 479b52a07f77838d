/* fuzz_odcs.c - libFuzzer target: the input as an ODCS YAML file through the ODCS front end
 * (libyaml, the structural checks, the model builder) and sema. A model the reader builds
 * without errors (and without names the language cannot write, DC1199) must import as the dcc
 * language that parses again to the same model (dump(parse(fmt(odcs(x)))) == dump(odcs(x))); a violation aborts (it is a bug like a crash). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "dump.h"
#include "fmt.h"
#include "odcs_read.h"
#include "parse.h"
#include "sema.h"
#include "strbuf.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Arena *a = arena_new();
    SourceSet sources;
    source_set_init(&sources, a);
    DiagSink diags;
    diag_init(&diags, a, &sources);
    uint32_t id = source_add(&sources, "input.odcs.yaml", (const char *)data, size);
    ParsedFile *pf = odcs_parse_file(a, &diags, &sources, id);
    bool unspellable = false; /* DC1199: `dcc import` refuses the file, so there is no text to compare */
    for (const Diag *g = diags.first; g; g = g->next) unspellable |= g->code == D_ODCS_NAME;
    if (!diags.errors && pf->unit && !unspellable) {
        StrBuf text, dump0, dump1;
        sb_init(&text);
        sb_init(&dump0);
        sb_init(&dump1);
        dump_unit(&dump0, pf->unit);
        fmt_file(&text, pf, NULL);
        uint32_t id2 = source_add(&sources, "imported.dc", text.data ? text.data : "", text.len);
        ParsedFile *back = parse_file(a, &diags, &sources, id2);
        if (back->unit) dump_unit(&dump1, back->unit);
        if (!back->unit || dump0.len != dump1.len || memcmp(dump0.data, dump1.data, dump0.len) != 0) {
            fprintf(stderr, "fuzz_odcs: the imported text does not give the same model:\n%s\n", text.data);
            abort();
        }
        sema_check(a, &diags, pf->unit);
        sb_free(&text);
        sb_free(&dump0);
        sb_free(&dump1);
    }
    diag_sort(&diags);
    arena_free(a);
    return 0;
}
