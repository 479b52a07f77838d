/* symtab.h - a hash table from (scope, name) to a pointer: sema's lookups, and any pass that
 * indexes a big model (compat pairs 10,000 fields by name) in linear time.
 *
 * A scope is any pointer that stands for a namespace (a dataset's field list, a unit's types);
 * names are compared as C strings and are not copied, so they must outlive the table. The table
 * is scratch memory (malloc), freed by symtab_free: passes that build one and drop it must not
 * leave every outgrown copy in the compilation's arena. Out of memory is fatal (exit 2), as it is
 * for the arena. */
#ifndef DCC_SYMTAB_H
#define DCC_SYMTAB_H

#include <stddef.h>
#include <stdint.h>

typedef struct {
    const void *scope;
    const char *name;
    void *value;
    /* sym_hash of (scope, name): a probe compares it before the name, and growing rehashes from
     * it, so neither reads the name strings, which lie all over the arena (10,000 fields: each
     * read a cache miss) */
    size_t hash;
} SymEntry;

typedef struct {
    SymEntry *e;     /* the entries, in insertion order */
    size_t len, ecap;
    uint32_t *index; /* open addressing, at most half full: 0 empty, else an entry's number + 1 */
    size_t cap;      /* slots of index, a power of two */
} SymTab;

/* A zeroed SymTab is empty and ready. */
void symtab_free(SymTab *t);
/* The value stored under (scope, name), or NULL. */
void *symtab_get(const SymTab *t, const void *scope, const char *name);
/* Inserts unless present; returns the value already there (NULL when inserted). */
void *symtab_put(SymTab *t, const void *scope, const char *name, void *value);

#endif
