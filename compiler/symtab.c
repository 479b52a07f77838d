/* symtab.c - hash table keyed by (scope pointer, name); see symtab.h.
 *
 * Entries are kept densely in insertion order, each with its hash; the open-addressing index
 * holds only 4-byte entry numbers. So the memory a big table touches for the first time stays
 * small (10,000 fields: an index of 128 KiB and 320 KiB of entries, where a table of whole
 * entries at half load took 1 MiB, and as much again for each outgrown copy), and growing
 * rewrites the index from the stored hashes without reading a name. On a virtual machine each
 * fresh page costs a trap, and `dcc compat` on 10,000 fields spent a tenth of its time here. */
#include "symtab.h"

#include "arena.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void die_oom(void)
{
    fputs("dcc: out of memory\n", stderr);
    exit(2);
}

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

/* Doubles the index (at most half full) and places every entry again by its stored hash. */
static void grow_index(SymTab *t)
{
    size_t ncap = t->cap ? t->cap * 2 : 256;
    if (ncap > SIZE_MAX / sizeof *t->index) die_oom();
    uint32_t *ni = calloc(ncap, sizeof *ni);
    if (!ni) die_oom();
    /* entries land all over the index, so every page of a large one is written soon: mapped at
     * once, not one fault per page */
    if (ncap * sizeof *ni >= 64 * 1024) (void)arena_prefault(ni, ncap * sizeof *ni);
    for (size_t i = 0; i < t->len; i++) {
        size_t j = t->e[i].hash & (ncap - 1);
        while (ni[j]) j = (j + 1) & (ncap - 1);
        ni[j] = (uint32_t)(i + 1);
    }
    free(t->index);
    t->index = ni;
    t->cap = ncap;
}

void symtab_free(SymTab *t)
{
    free(t->index);
    free(t->e);
    memset(t, 0, sizeof *t);
}

/* The index slot holding (scope, name) with hash h, or the empty slot where it would go. */
static size_t find(const SymTab *t, size_t h, const void *scope, const char *name)
{
    size_t j = h & (t->cap - 1);
    for (uint32_t k; (k = t->index[j]) != 0; j = (j + 1) & (t->cap - 1)) {
        const SymEntry *e = &t->e[k - 1];
        if (e->hash == h && e->scope == scope && strcmp(e->name, name) == 0) break;
    }
    return j;
}

void *symtab_get(const SymTab *t, const void *scope, const char *name)
{
    if (!t->cap || !name) return NULL;
    uint32_t k = t->index[find(t, sym_hash(scope, name), scope, name)];
    return k ? t->e[k - 1].value : NULL;
}

void *symtab_put(SymTab *t, const void *scope, const char *name, void *value)
{
    if (!name) return NULL;
    if (t->len >= UINT32_MAX - 1) die_oom(); /* entry numbers are 32 bits */
    if ((t->len + 1) * 2 > t->cap) grow_index(t);
    size_t h = sym_hash(scope, name), j = find(t, h, scope, name);
    if (t->index[j]) return t->e[t->index[j] - 1].value;
    if (t->len == t->ecap) {
        size_t ecap = t->ecap ? t->ecap * 2 : 64;
        if (ecap > SIZE_MAX / sizeof *t->e) die_oom();
        SymEntry *ne = realloc(t->e, ecap * sizeof *ne); /* large: mremap, nothing copied */
        if (!ne) die_oom();
        t->e = ne;
        t->ecap = ecap;
    }
    t->e[t->len] = (SymEntry){scope, name, value, h};
    t->index[j] = (uint32_t)++t->len;
    return NULL;
}
