/* values.c - enumeration names and allowed values looked up by hash. A contract may list
 * 100,000 of them; each value of each record is then one lookup instead of a walk of the list.
 * A hash is taken of the form the kind compares (text, text with ASCII case folded for uuids,
 * normalized decimal digits, instants), so equal values always meet in the same chain. */
#include <string.h>

#include "dcc_rt_internal.h"

#define FNV_BASIS 0xcbf29ce484222325ull
#define FNV_PRIME 0x100000001b3ull

static uint64_t fnv_bytes(uint64_t h, const void *p, size_t n, unsigned char fold)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (b[i] | fold)) * FNV_PRIME;
    return h;
}

typedef enum { VK_TEXT, VK_FOLD, VK_NUM, VK_TV } ValueKind;

static ValueKind value_kind(dcc_kind k)
{
    if (k >= DCC_INT8 && k <= DCC_DECIMAL)
        return VK_NUM;
    if (k >= DCC_DATE && k <= DCC_TIMESTAMPTZ)
        return VK_TV;
    return k == DCC_UUID ? VK_FOLD : VK_TEXT;
}

static uint64_t hash_text(const char *t, size_t n, bool fold)
{
    return fnv_bytes(FNV_BASIS, t, n, fold ? 0x20 : 0);
}

static uint64_t hash_num(const Num *x)
{
    int64_t head[2] = {x->sign, x->point};
    uint64_t h = fnv_bytes(FNV_BASIS, head, sizeof head, 0);
    h = fnv_bytes(h, x->a, x->an, 0); /* a ++ b: the same digits however they were split */
    return fnv_bytes(h, x->b, x->bn, 0);
}

static uint64_t hash_tv(const TempVal *tv)
{
    int64_t v[2] = {tv->secs, tv->nanos};
    return fnv_bytes(FNV_BASIS, v, sizeof v, 0);
}

static uint64_t hash_value(const CField *cf, size_t i, bool names)
{
    if (names)
        return hash_text(cf->d->enum_values[i], cf->enum_len[i], false);
    const CValue *x = &cf->values[i];
    switch (value_kind(cf->kind)) {
    case VK_NUM: return hash_num(&x->num);
    case VK_TV: return hash_tv(&x->tv);
    case VK_FOLD: return hash_text(x->text.s, x->text.n, true);
    default: return hash_text(x->text.s, x->text.n, false);
    }
}

bool rt_vindex_build(dcc_validator *v, const CField *cf, VIndex *ix, size_t n, bool names)
{
    if (n >= ((size_t)1 << 30))
        return true; /* more than 32-bit slots index: compared in order */
    size_t cap = 16;
    while (cap < n * 2)
        cap *= 2;
    ix->slot = rt_valloc(v, cap * sizeof *ix->slot);
    if (!ix->slot)
        return false;
    ix->mask = (uint32_t)(cap - 1);
    for (size_t i = 0; i < n; i++) {
        if (names && !cf->d->enum_values[i])
            continue; /* a NULL name never matches */
        uint32_t j = (uint32_t)hash_value(cf, i, names) & ix->mask;
        while (ix->slot[j])
            j = (j + 1) & ix->mask;
        ix->slot[j] = (uint32_t)i + 1;
    }
    return true;
}

bool rt_enum_has(const CField *cf, const char *t, size_t n)
{
    const VIndex *ix = &cf->enum_ix;
    const char *const *names = cf->d->enum_values;
    if (!ix->slot) {
        for (size_t i = 0; i < cf->d->nenum_values; i++)
            if (cf->enum_len[i] == n && memcmp(names[i], t, n) == 0)
                return true;
        return false;
    }
    for (uint32_t j = (uint32_t)hash_text(t, n, false) & ix->mask; ix->slot[j]; j = (j + 1) & ix->mask) {
        uint32_t i = ix->slot[j] - 1;
        if (cf->enum_len[i] == n && memcmp(names[i], t, n) == 0)
            return true;
    }
    return false;
}

static bool text_eq(const CValue *x, const char *t, size_t n, bool fold)
{
    if (x->text.n != n)
        return false;
    if (!fold)
        return memcmp(x->text.s, t, n) == 0;
    for (size_t j = 0; j < n; j++)
        if ((t[j] | 0x20) != (x->text.s[j] | 0x20))
            return false;
    return true;
}

bool rt_values_has_text(const CField *cf, const char *t, size_t n, bool fold)
{
    const VIndex *ix = &cf->values_ix;
    if (!ix->slot) {
        for (size_t i = 0; i < cf->nvalues; i++)
            if (text_eq(&cf->values[i], t, n, fold))
                return true;
        return false;
    }
    for (uint32_t j = (uint32_t)hash_text(t, n, fold) & ix->mask; ix->slot[j]; j = (j + 1) & ix->mask)
        if (text_eq(&cf->values[ix->slot[j] - 1], t, n, fold))
            return true;
    return false;
}

bool rt_values_has_num(const CField *cf, const Num *x)
{
    const VIndex *ix = &cf->values_ix;
    if (!ix->slot) {
        for (size_t i = 0; i < cf->nvalues; i++)
            if (rt_num_cmp(x, &cf->values[i].num) == 0)
                return true;
        return false;
    }
    for (uint32_t j = (uint32_t)hash_num(x) & ix->mask; ix->slot[j]; j = (j + 1) & ix->mask)
        if (rt_num_cmp(x, &cf->values[ix->slot[j] - 1].num) == 0)
            return true;
    return false;
}

bool rt_values_has_tv(const CField *cf, const TempVal *tv)
{
    const VIndex *ix = &cf->values_ix;
    if (!ix->slot) {
        for (size_t i = 0; i < cf->nvalues; i++)
            if (rt_tv_cmp(tv, &cf->values[i].tv) == 0)
                return true;
        return false;
    }
    for (uint32_t j = (uint32_t)hash_tv(tv) & ix->mask; ix->slot[j]; j = (j + 1) & ix->mask)
        if (rt_tv_cmp(tv, &cf->values[ix->slot[j] - 1].tv) == 0)
            return true;
    return false;
}
