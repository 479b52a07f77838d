/* symtab.c - open-addressing hash table keyed by (scope pointer, name); see symtab.h. */
#include "symtab.h"

#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static size_t sym_hash(const void *scope, const char *name)
{
    uint64_t h = 1469598103934665603ull;
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        h ^= *p;
        h *= 1099511628211ull;
    }
    h ^= (uint64_t)(uintptr_t)scope * 0x9E3779B97F4A7C15ull;
    h ^= h >> 29;
    return (size_t)h;
}

static void grow(SymTab *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 256;
    SymEntry *ne = calloc(ncap, sizeof *ne);
    if (!ne) {
        fputs("dcc: out of memory\n", stderr);
        exit(2);
    }
    /* Entries land all over the table, so every page of a large one is written soon: mapped at
     * once, not one fault per page (half of `dcc compat`'s page faults on 10,000 fields were here) */
    if (ncap * sizeof *ne >= 64 * 1024) (void)arena_prefault(ne, ncap * sizeof *ne);
    for (size_t i = 0; i < t->cap; i++) {
        if (!t->e[i].name) continue;
        size_t j = t->e[i].hash & (ncap - 1);
        while (ne[j].name) j = (j + 1) & (ncap - 1);
        ne[j] = t->e[i];
    }
    free(t->e);
    t->e = ne;
    t->cap = ncap;
}

void symtab_free(SymTab *t)
{
    free(t->e);
    memset(t, 0, sizeof *t);
}

void *symtab_get(const SymTab *t, const void *scope, const char *name)
{
    if (!t->cap || !name) return NULL;
    size_t h = sym_hash(scope, name), j = h & (t->cap - 1);
    while (t->e[j].name) {
        if (t->e[j].hash == h && t->e[j].scope == scope && strcmp(t->e[j].name, name) == 0) return t->e[j].value;
        j = (j + 1) & (t->cap - 1);
    }
    return NULL;
}

void *symtab_put(SymTab *t, const void *scope, const char *name, void *value)
{
    if (!name) return NULL;
    if ((t->len + 1) * 2 > t->cap) grow(t);
    size_t h = sym_hash(scope, name), j = h & (t->cap - 1);
    while (t->e[j].name) {
        if (t->e[j].hash == h && t->e[j].scope == scope && strcmp(t->e[j].name, name) == 0) return t->e[j].value;
        j = (j + 1) & (t->cap - 1);
    }
    t->e[j].scope = scope;
    t->e[j].name = name;
    t->e[j].value = value;
    t->e[j].hash = h;
    t->len++;
    return NULL;
}
