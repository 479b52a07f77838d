/* targets_main.c - runs the example target of docs/targets.md (extracted into fields.c by
 * targets_example.sh) the way `dcc gen` would once it is in the table, and prints its files.
 *
 *   targets_main STYLE FILE...   prints "== PATH" and the text of every file of the run */
#include <stdio.h>

#include "targets.h"

extern const Target tgt_fields;

int main(int argc, char **argv)
{
    if (argc < 3) {
        fputs("usage: targets_main STYLE FILE...\n", stderr);
        return 2;
    }
    Compilation c;
    compile_init(&c);
    const Contract *units[64];
    size_t n = 0;
    for (int i = 2; i < argc && n < 64; i++) units[n++] = compile_file(&c, argv[i]);
    if (c.diags.errors) {
        diag_print_text(&c.diags, stderr, false);
        return 1;
    }
    const char *values[] = {argv[1]};
    OutSet out;
    outset_init(&out);
    int rc = targets_run(&tgt_fields, &c, units, n, values, &out);
    for (const OutFile *f = out.first; f && rc == 0; f = f->next) printf("== %s\n%s", f->path, f->text.data);
    diag_print_text(&c.diags, stderr, false);
    outset_free(&out);
    compile_free(&c);
    return rc == 0 ? 0 : 1;
}
