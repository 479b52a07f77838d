/* dcc_regex.c - walks the DFA tables the compiler emits for patterns (see dcc_regex.h), and the
 * runtime's faster private form of them (RtDfa, dcc_rt_internal.h). */
#include <string.h>

#include "dcc_regex.h"
#include "dcc_rt_internal.h"

int dcc_dfa_search_steps(const dcc_dfa *d, const char *s, size_t n, size_t *steps)
{
    const unsigned char *p = (const unsigned char *)s;
    uint32_t st = d->start;
    size_t i = 0;
    /* Stop at the first accept (it is absorbing) or in the dead state (nothing can match). */
    for (; i < n; i++) {
        if (d->accept[st] & DCC_DFA_ACCEPT) break;
        if (st == DCC_DFA_DEAD) break;
        st = d->trans[(size_t)st * d->nclasses + d->byte_class[p[i]]];
    }
    if (steps) *steps = i;
    if (d->accept[st] & DCC_DFA_ACCEPT) return 1;
    return i == n && (d->accept[st] & DCC_DFA_ACCEPT_AT_END) != 0;
}

int dcc_dfa_search(const dcc_dfa *d, const char *s, size_t n)
{
    return dcc_dfa_search_steps(d, s, n, NULL);
}

int dcc_dfa_check(const dcc_dfa *d)
{
    if (!d || d->nstates == 0 || d->nclasses == 0 || d->nclasses > 256) return 0;
    if (!d->byte_class || !d->trans || !d->accept || d->start >= d->nstates) return 0;
    for (unsigned b = 0; b < 256; b++)
        if (d->byte_class[b] >= d->nclasses) return 0;
    if (d->accept[DCC_DFA_DEAD] != 0) return 0;
    for (uint32_t st = 0; st < d->nstates; st++) {
        if (d->accept[st] & ~(DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)) return 0;
        for (unsigned c = 0; c < d->nclasses; c++) {
            uint32_t to = d->trans[(size_t)st * d->nclasses + c];
            if (to >= d->nstates) return 0;
            if ((d->accept[st] & DCC_DFA_ACCEPT) && to != st) return 0;
            if (st == DCC_DFA_DEAD && to != DCC_DFA_DEAD) return 0;
        }
    }
    return 1;
}

/* ---- the runtime's form ------------------------------------------------------------------- */

#define RT_DFA_MAX_CELLS ((size_t)1 << 20) /* larger tables keep using dcc_dfa_search */
#define RT_DFA_PAIR_CELLS ((size_t)1 << 13) /* pair tables up to 8192 cells (32 KiB + flags) */

static size_t pair_cells(const dcc_dfa *d)
{
    size_t c = d->nclasses, cells = (size_t)d->nstates * (c * c + c);
    return cells <= RT_DFA_PAIR_CELLS ? cells : 0;
}

size_t rt_dfa_bytes(const dcc_dfa *d)
{
    /* only well-formed tables: the fast search relies on accept and dead being absorbing */
    if (!dcc_dfa_check(d))
        return 0;
    size_t cells = (size_t)d->nstates * d->nclasses;
    if (cells > RT_DFA_MAX_CELLS)
        return 0;
    size_t pc = pair_cells(d);
    return sizeof(RtDfa) + (cells + pc) * sizeof(uint32_t) + 256 * sizeof(uint16_t) + cells + pc;
}

RtDfa *rt_dfa_build(const dcc_dfa *d, void *mem)
{
    size_t nc = d->nclasses, cells = (size_t)d->nstates * nc, pc = pair_cells(d);
    RtDfa *r = mem;
    r->byte_class = d->byte_class;
    r->next = (uint32_t *)(r + 1);
    r->next2 = r->next + cells;
    r->class_hi = (uint16_t *)(r->next2 + pc);
    r->flags = (uint8_t *)(r->class_hi + 256);
    r->flags2 = r->flags + cells;
    r->start = d->start * (uint32_t)nc;
    for (size_t i = 0; i < cells; i++) {
        r->next[i] = d->trans[i] * (uint32_t)nc;
        r->flags[i] = 0;
    }
    for (uint32_t st = 0; st < d->nstates; st++)
        r->flags[(size_t)st * nc] = d->accept[st];
    if (!pc) {
        r->next2 = NULL;
        r->flags2 = NULL;
        return r;
    }
    size_t row = nc * nc + nc; /* fits 32 bits: pc <= RT_DFA_PAIR_CELLS */
    r->single2 = (uint32_t)(nc * nc);
    r->start2 = d->start * (uint32_t)row;
    for (unsigned b = 0; b < 256; b++)
        r->class_hi[b] = (uint16_t)(d->byte_class[b] * nc);
    for (uint32_t st = 0; st < d->nstates; st++) {
        uint32_t *out = r->next2 + (size_t)st * row;
        for (size_t c1 = 0; c1 < nc; c1++) {
            uint32_t mid = d->trans[(size_t)st * nc + c1];
            out[nc * nc + c1] = mid * (uint32_t)row;
            for (size_t c2 = 0; c2 < nc; c2++)
                out[c1 * nc + c2] = d->trans[(size_t)mid * nc + c2] * (uint32_t)row;
        }
        memset(r->flags2 + (size_t)st * row, 0, row);
        r->flags2[(size_t)st * row] = d->accept[st];
    }
    return r;
}

/* Two bytes a step; the same answer as one byte a step since an accepting state loops to
 * itself and the dead state stays dead. */
static int search2(const RtDfa *d, const unsigned char *p, size_t n)
{
    const uint32_t *next = d->next2;
    const uint16_t *hi = d->class_hi;
    const uint8_t *cls = d->byte_class;
    uint32_t row = d->start2;
    size_t i = 0;
    for (; n - i >= 8; i += 8) {
        if (row == DCC_DFA_DEAD || (d->flags2[row] & DCC_DFA_ACCEPT))
            return (d->flags2[row] & DCC_DFA_ACCEPT) != 0;
        row = next[row + hi[p[i]] + cls[p[i + 1]]];
        row = next[row + hi[p[i + 2]] + cls[p[i + 3]]];
        row = next[row + hi[p[i + 4]] + cls[p[i + 5]]];
        row = next[row + hi[p[i + 6]] + cls[p[i + 7]]];
    }
    for (; n - i >= 2; i += 2)
        row = next[row + hi[p[i]] + cls[p[i + 1]]];
    if (i < n)
        row = next[row + d->single2 + cls[p[i]]];
    return (d->flags2[row] & (DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)) != 0;
}

int rt_dfa_search(const RtDfa *d, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
    if (d->next2)
        return search2(d, p, n);
    const uint32_t *next = d->next;
    const uint8_t *cls = d->byte_class;
    uint32_t row = d->start;
    size_t i = 0;
    /* Eight transitions between looks at the state: once accepting or dead, a state never
     * changes, so looking late gives the same answer as looking after every byte. */
    for (; n - i >= 8; i += 8) {
        if (row == DCC_DFA_DEAD || (d->flags[row] & DCC_DFA_ACCEPT))
            return (d->flags[row] & DCC_DFA_ACCEPT) != 0;
        row = next[row + cls[p[i]]];
        row = next[row + cls[p[i + 1]]];
        row = next[row + cls[p[i + 2]]];
        row = next[row + cls[p[i + 3]]];
        row = next[row + cls[p[i + 4]]];
        row = next[row + cls[p[i + 5]]];
        row = next[row + cls[p[i + 6]]];
        row = next[row + cls[p[i + 7]]];
    }
    for (; i < n; i++)
        row = next[row + cls[p[i]]];
    /* the dead state has no flags; an accepting state answers yes; else `$` at the end */
    return (d->flags[row] & (DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)) != 0;
}
