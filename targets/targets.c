/* targets.c - the table of code generators. Adding a target is one line here and one file. */
#include "targets.h"

#include <string.h>

static const Target table[] = {
    {"c", "C validators: per dataset a header and a source file linking the dcc runtime", tgt_c_generate},
};

const Target *targets_find(const char *name)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        if (strcmp(table[i].name, name) == 0) return &table[i];
    return NULL;
}

void targets_list(FILE *out)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++)
        fprintf(out, "%-10s %s\n", table[i].name, table[i].summary);
}
