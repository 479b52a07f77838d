/* arena.c - region allocator with geometric block growth. */
#if defined(__linux__)
#define _DEFAULT_SOURCE /* madvise(MADV_HUGEPAGE), below */
#endif
#include "arena.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__linux__)
#include <sys/mman.h>
#endif

typedef struct Block {
    struct Block *next;
    size_t size, used;
    size_t ready; /* bytes of data[] known to be backed by memory (prefault, below) */
    _Alignas(max_align_t) unsigned char data[];
} Block;

struct Arena {
    Block *head;
    size_t total;
};

static void die_oom(void)
{
    fputs("dcc: out of memory\n", stderr);
    exit(2);
}

Arena *arena_new(void)
{
    Arena *a = calloc(1, sizeof *a);
    if (!a) die_oom();
    return a;
}

void arena_free(Arena *a)
{
    if (!a) return;
    Block *b = a->head;
    while (b) {
        Block *n = b->next;
        free(b);
        b = n;
    }
    free(a);
}

/* Asks Linux to back a large block with 2 MiB pages where it can, before anything touches it: a
 * big compilation spends most of its time faulting in and zeroing fresh pages (1,000 contracts
 * take about 50 MB), and one fault per 2 MiB instead of per 4 KiB nearly halves `dcc check`'s
 * processor time there. Only a hint: elsewhere, or when refused, nothing changes. */
static void huge_pages(void *p, size_t n)
{
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    const uintptr_t huge = 2u * 1024 * 1024, page = 4096;
    if (n < 2 * huge) return;
    uintptr_t lo = ((uintptr_t)p + page - 1) & ~(page - 1), hi = ((uintptr_t)p + n) & ~(page - 1);
    if (hi > lo) (void)madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
#else
    (void)p;
    (void)n;
#endif
}

/* Blocks of a megabyte and more are fresh pages (from mmap, or the heap grown for them) that the
 * kernel would map one fault at a time; smaller ones are left to fault in as they are used.
 * Prefaulting pages that are mapped already (a block on recycled heap memory) changes nothing. */
#define PREFAULT_MIN_BLOCK (1024u * 1024)
#define PREFAULT_STEP (256u * 1024)

/* Maps the pages of a large block just ahead of what is handed out, PREFAULT_STEP at a time, with
 * one madvise(MADV_POPULATE_WRITE) call instead of a page fault per 4 KiB page: on a virtual
 * machine each fault is a trap through the hypervisor, and `dcc compat` on 10,000 fields spent
 * about a fifth of its processor time in them (perf). Only memory about to be used is mapped (at
 * most PREFAULT_STEP ahead), so the process grows by no more than that. Where the call is refused
 * (kernels before 5.14, other systems) pages fault in as before. */
static void prefault(Block *b, size_t upto)
{
    if (upto <= b->ready) return;
    size_t want = upto - b->ready < PREFAULT_STEP ? b->ready + PREFAULT_STEP : upto;
    if (want > b->size) want = b->size;
    if (!arena_prefault(b->data + b->ready, want - b->ready)) want = b->size; /* refused: stop asking */
    b->ready = want;
}

bool arena_prefault(void *p, size_t n)
{
#if defined(__linux__) && defined(MADV_POPULATE_WRITE)
    const uintptr_t page = 4096;
    uintptr_t lo = (uintptr_t)p & ~(page - 1), hi = ((uintptr_t)p + n + page - 1) & ~(page - 1);
    return n == 0 || madvise((void *)lo, hi - lo, MADV_POPULATE_WRITE) == 0;
#else
    (void)p;
    (void)n;
    return false;
#endif
}

/* Makes room for n bytes at an offset aligned to `align` in the head block. Blocks come from
 * calloc, so memory handed out is already zero: large blocks are fresh pages from the kernel and
 * are not touched here, which keeps a big compilation from paying for a memset per allocation. */
static void *take(Arena *a, size_t n, size_t align)
{
    Block *b = a->head;
    size_t at = b ? (b->used + align - 1) & ~(align - 1) : 0;
    if (!b || at > b->size || b->size - at < n) {
        size_t size = b ? b->size * 2 : 64 * 1024;
        if (size > 16u * 1024 * 1024) size = 16u * 1024 * 1024;
        if (size < n) size = n;
        if (size > SIZE_MAX - sizeof(Block)) die_oom();
        b = calloc(1, sizeof(Block) + size);
        if (!b) die_oom();
        huge_pages(b, sizeof(Block) + size);
        b->size = size;
        b->used = 0;
        b->ready = size < PREFAULT_MIN_BLOCK ? size : 0;
        b->next = a->head;
        a->head = b;
        a->total += size;
        at = 0;
    }
    b->used = at + n;
    if (b->used > b->ready) prefault(b, b->used);
    return b->data + at;
}

void *arena_alloc(Arena *a, size_t n) { return take(a, n, _Alignof(max_align_t)); }

/* Strings need no alignment: packing them saves up to 15 bytes per name. */
char *arena_strndup(Arena *a, const char *s, size_t n)
{
    if (n == SIZE_MAX) die_oom();
    char *p = take(a, n + 1, 1);
    if (n) memcpy(p, s, n);
    p[n] = '\0';
    return p;
}

char *arena_strdup(Arena *a, const char *s) { return arena_strndup(a, s, strlen(s)); }

char *arena_printf(Arena *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0) n = 0;
    char *p = arena_alloc(a, (size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(p, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return p;
}

size_t arena_bytes(const Arena *a) { return a->total; }

void ptrvec_push(Arena *a, PtrVec *v, void *item)
{
    if (v->len == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 8;
        void **items = arena_alloc(a, cap * sizeof *items);
        if (v->len) memcpy(items, v->items, v->len * sizeof *items);
        v->items = items;
        v->cap = cap;
    }
    v->items[v->len++] = item;
}
