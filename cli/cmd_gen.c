/* cmd_gen.c - `dcc gen`: targets produce files in memory; they are written only when every
 * contract generated, so a failed run never leaves half an output folder. */
#include "cmd_gen.h"

#include <stdlib.h>
#include <string.h>

#include "outfile.h"
#include "targets.h"

void gen_list_targets(FILE *out) { targets_list(out); }

bool gen_find_target(const char *name) { return targets_find(name) != NULL; }

int gen_run(Compilation *c, const char *target, const char *outdir, const char **files, size_t nfiles)
{
    const Target *t = targets_find(target);
    if (!t) return 2;
    OutSet out;
    outset_init(&out);
    int rc = 0;
    size_t ncontracts = 0;
    /* Units of the files named on the command line, in the order given (imports are generated
     * only when named too). compile_file returns the cached unit for a file loaded before. */
    for (size_t i = 0; i < nfiles && rc == 0; i++) {
        Contract *unit = compile_file(c, files[i]);
        if (!unit || unit->kind != UNIT_CONTRACT) continue;
        ncontracts++;
        const char *err = NULL;
        if (t->generate(c->arena, unit, &out, &err) != 0) {
            fprintf(stderr, "dcc gen: target %s failed for %s: %s\n", t->name, files[i], err ? err : "unknown error");
            rc = 2;
        }
    }
    /* Two contracts must not write the same file. */
    for (const OutFile *f = out.first; f && rc == 0; f = f->next)
        for (const OutFile *g = f->next; g; g = g->next)
            if (strcmp(f->path, g->path) == 0) {
                fprintf(stderr, "dcc gen: two contracts generate the same file '%s'\n", f->path);
                rc = 2;
                break;
            }
    if (rc == 0 && ncontracts == 0) {
        fputs("dcc gen: no contract among the inputs (a library holds only types); nothing written\n", stderr);
    } else if (rc == 0) {
        const char *err = NULL, *failed = NULL;
        if (outset_write_all(&out, outdir, &err, &failed) != 0) {
            fprintf(stderr, "dcc gen: cannot write '%s' in '%s': %s\n", failed ? failed : "", outdir, err);
            rc = 2;
        }
    }
    outset_free(&out);
    return rc;
}
