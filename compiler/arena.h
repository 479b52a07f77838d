/* arena.h - region allocator: everything one compilation builds is freed at once. */
#ifndef DCC_ARENA_H
#define DCC_ARENA_H

#include <stdbool.h>
#include <stddef.h>

/* An arena hands out memory from large blocks and frees all of it in arena_free().
 * Allocation failure is fatal (the process prints a message and exits 2): a compiler
 * that runs out of memory has nothing better to do. */
typedef struct Arena Arena;

/* Creates an empty arena. */
Arena *arena_new(void);
/* Frees every block of the arena and the arena itself. NULL is allowed. */
void arena_free(Arena *a);
/* Returns n bytes aligned for any type, zero-filled. n may be 0. */
void *arena_alloc(Arena *a, size_t n);
/* Copies n bytes of s into the arena and adds a NUL. */
char *arena_strndup(Arena *a, const char *s, size_t n);
/* Copies the NUL-terminated string s. */
char *arena_strdup(Arena *a, const char *s);
/* printf into the arena. */
char *arena_printf(Arena *a, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
/* Asks the system to map the pages holding [p, p + n) now, in one call, where they would
 * otherwise fault in one page at a time (a trap each; on a virtual machine an expensive one).
 * For fresh memory that is about to be written all over (a large block from malloc). What the
 * memory holds does not change; p must be writable. A hint: returns false where the system
 * refuses it (Linux before 5.14, other systems), and then nothing changed. */
bool arena_prefault(void *p, size_t n);
/* Total bytes obtained from the system (for benchmarks). */
size_t arena_bytes(const Arena *a);

/* A growable array of pointers living in an arena (old storage is abandoned on growth). */
typedef struct {
    void **items;
    size_t len, cap;
} PtrVec;
void ptrvec_push(Arena *a, PtrVec *v, void *item);

#define ARENA_NEW(a, T) ((T *)arena_alloc((a), sizeof(T)))

#endif
