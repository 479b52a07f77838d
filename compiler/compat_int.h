/* compat_int.h - what the files of the compatibility engine share (compat.c: the catalogue,
 * verdicts, the product and its datasets; compat_fields.c: fields, types and attributes at any
 * depth). Not for use outside compat*.c. */
#ifndef DCC_COMPAT_INT_H
#define DCC_COMPAT_INT_H

#include "compat.h"
#include "symtab.h"

/* Struct nesting followed at most this deep (a recursive type through a list is cut there). */
#define COMPAT_MAX_DEPTH 64

typedef struct {
    CompatFindings *out;
    Arena *a;
    unsigned old_index;
    /* Pattern pairs already compared (a big contract repeats a few patterns thousands of times,
     * and each comparison builds two DFAs and their product): key "old\001new", value
     * RegexRelation + 1. */
    SymTab patterns;
    /* what compat_add stores in each finding: the pair being compared (CompatFinding) and the
     * path of the top-level field (a finding at another path is nested) */
    const Dataset *ods, *nds;
    const Field *of, *nf;
    const char *field_path;
} CompatCtx;

/* Appends a finding pointing at span (in NEW; for removals, in OLD with old_span none). The old
 * place gets the note `old_note` (NULL: "the older version has it here"). */
CompatFinding *compat_add(CompatCtx *c, CompatRuleId r, const char *path, Span span, Span old_span,
                          const char *old_note, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 7, 8)))
#endif
    ;

/* "a.b": the path of a member, or just the name at the top. */
const char *compat_path(Arena *a, const char *prefix, const char *name);
/* Whether two optional texts differ (NULL equals NULL only). */
bool compat_text_differs(const char *x, const char *y);
/* Whether two optional metadata values (`meta { ... }`, a product's team, ...) differ: scalars by
 * kind and text, lists item by item, maps entry by entry in order (the order written is kept on
 * the way out, so a reordering is a change too). */
bool compat_meta_differs(const struct Meta *x, const struct Meta *y);
/* Whether two optional literals or literal lists differ in kind or text. */
bool compat_literals_differ(const Literal *x, const Literal *y);
/* A span that is known, preferring the first. */
Span compat_span_or(Span s, Span fallback);

/* Fields of a dataset or struct, paired by name; closed_*: whether OLD / NEW reject unknown fields
 * there. */
void compat_fields(CompatCtx *c, const Field *old, const Field *new_, const char *path, bool closed_old,
                   bool closed_new, unsigned depth);

#endif
