/* dcc_regex.c - walks the DFA tables the compiler emits for patterns (see dcc_regex.h), and the
 * runtime's faster private form of them (RtDfa, dcc_rt_internal.h). */
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

size_t rt_dfa_bytes(const dcc_dfa *d)
{
    /* only well-formed tables: the fast search relies on accept and dead being absorbing */
    if (!dcc_dfa_check(d))
        return 0;
    size_t cells = (size_t)d->nstates * d->nclasses;
    if (cells > RT_DFA_MAX_CELLS)
        return 0;
    return sizeof(RtDfa) + cells * sizeof(uint32_t) + cells;
}

RtDfa *rt_dfa_build(const dcc_dfa *d, void *mem)
{
    size_t cells = (size_t)d->nstates * d->nclasses;
    RtDfa *r = mem;
    r->byte_class = d->byte_class;
    r->next = (uint32_t *)(r + 1);
    r->flags = (uint8_t *)(r->next + cells);
    r->start = d->start * d->nclasses;
    for (size_t i = 0; i < cells; i++) {
        r->next[i] = d->trans[i] * d->nclasses;
        r->flags[i] = 0;
    }
    for (uint32_t st = 0; st < d->nstates; st++)
        r->flags[(size_t)st * d->nclasses] = d->accept[st];
    return r;
}

int rt_dfa_search(const RtDfa *d, const char *s, size_t n)
{
    const unsigned char *p = (const unsigned char *)s;
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
