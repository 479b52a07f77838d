/* compat.h - comparing two versions of a contract: which changes break which promise, what
 * version bump they need, and whether a new version keeps a compatibility mode.
 *
 * The engine reads only checked models (model.h: resolved types, effective attributes, lookups),
 * so it does not care which front end built them. Elements of OLD and NEW are paired by key
 * (datasets and fields by name at every depth, ports by kind, quality rules by kind and fields)
 * and every pair is handed to the rules of compat_rules.def, the one catalogue of rules.
 * Findings carry a place in NEW and one in OLD (a removal has only the latter). */
#ifndef DCC_COMPAT_H
#define DCC_COMPAT_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "model.h"
#include "semver.h"
#include "source.h"

/* Which promise a change breaks: bit 1 backward, bit 2 forward. */
typedef enum { CDIR_NONE = 0, CDIR_BACKWARD = 1, CDIR_FORWARD = 2, CDIR_BOTH = 3 } CompatDirs;
typedef enum { CLVL_ERROR, CLVL_WARNING, CLVL_INFO } CompatLevel;

typedef enum {
#define X(e, id, name, cat, breaks, level, bump, handler, summary, rationale) e,
#include "compat_rules.def"
#undef X
    CR__COUNT
} CompatRuleId;

typedef struct {
    const char *id;        /* "CMP402" */
    const char *name;      /* "int-narrowed" */
    const char *category;  /* "type" */
    CompatDirs breaks;
    CompatLevel level;     /* CLVL_ERROR for rules that break something */
    SemverBump bump;       /* when it breaks nothing the mode promises */
    const char *handler;
    const char *summary;
    const char *rationale;
} CompatRule;

const CompatRule *compat_rule(CompatRuleId r);
/* "backward", "forward", "both", "none" */
const char *compat_dirs_name(CompatDirs d);
/* The promises a mode makes: none, backward, forward, both. */
CompatDirs compat_mode_dirs(CompatMode m);

typedef struct CompatFinding {
    CompatRuleId rule;
    const char *path;    /* "orders.items[].qty", "orders", "" for the product itself */
    const char *message; /* "field 'orders.qty' narrowed from int64 to int32" */
    Span span;           /* where to point: in NEW, or in OLD for a removal */
    Span old_span;       /* the same element in OLD (span_none() when span is already there) */
    const char *old_note;/* the note's text at old_span */
    const char *hint;    /* an extra note ("looks like a rename of 'x'"), or NULL */
    Span hint_span;
    unsigned old_index;  /* which OLD of several (transitive checks) */
    /* The elements the finding is about, so that a consumer (the SQL migration) acts on the pair
     * the engine compared instead of pairing again: the datasets (NULL for the product, one NULL
     * for an addition or removal) and the top-level fields (NULL above fields). `nested`: the
     * change is inside the field's value (a struct field, list element or map value). */
    const Dataset *old_dataset, *new_dataset;
    const Field *old_field, *new_field;
    bool nested;
    struct CompatFinding *next;
} CompatFinding;

typedef struct {
    Arena *a;
    CompatFinding *first, *last;
    unsigned count;
    /* The most states a pattern comparison may visit (0: REGEX_MAX_PRODUCT); past it the change
     * is CMP510, undecided. */
    size_t pattern_limit;
} CompatFindings;

void compat_findings_init(CompatFindings *f, Arena *a);

/* Compares OLD (the old_index-th older version) with NEW and appends the findings in the order
 * NEW declares things (removals where OLD had them). Both must have checked without errors. */
void compat_diff(CompatFindings *out, const Contract *old, const Contract *new_, unsigned old_index);

/* ---- verdicts ------------------------------------------------------------------------------ */

/* How a finding is reported under a mode: CLVL_ERROR when it breaks a promise of the mode,
 * else its rule's level (INFO for rules that break only what the mode does not promise). */
CompatLevel compat_finding_level(const CompatFinding *f, CompatDirs promised);

typedef struct {
    CompatMode mode;
    bool transitive;
    CompatDirs promised;       /* compat_mode_dirs(mode) */
    unsigned errors, warnings, infos;
    SemverBump required;       /* BUMP_NONE when nothing changed */
    SemverBump given;          /* latest OLD -> NEW */
    bool version_ok;           /* NEW's version meets `required` */
    const char *version_problem; /* why not, or NULL */
    bool ok;                   /* no errors and version_ok */
    const char *old_version, *new_version;
} CompatVerdict;

/* The verdict for findings under a mode; the version rule looks at the findings against the
 * latest OLD (old_latest, compared as old_index latest_index). The bump a change
 * needs: major when it breaks a promise of the mode (under mode none: any promise), minor for any
 * other change of schema, constraints or meaning, patch for documentation only; from 0.x the
 * breaking bump is minor and the others patch (the 0.x convention of Cargo and npm). */
void compat_verdict(CompatVerdict *v, const CompatFindings *f, CompatMode mode, bool transitive,
                    const Contract *old_latest, unsigned latest_index, const Contract *new_);

/* docs/compat.md's rule table (Markdown). */
void compat_print_rules_markdown(FILE *out);

#endif
