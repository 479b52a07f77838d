/* dcc_regex.c - walks the DFA tables the compiler emits for patterns (see dcc_regex.h). */
#include "dcc_regex.h"

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
