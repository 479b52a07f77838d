/* semver.h - Semantic Versioning 2.0.0: parsing with a reason for every rejection, precedence,
 * and the kind of bump between two versions (what `dcc compat` enforces). */
#ifndef DCC_SEMVER_H
#define DCC_SEMVER_H

#include <stdbool.h>

#include "arena.h"

typedef struct {
    unsigned major, minor, patch;
    const char *pre;   /* pre-release identifiers ("rc.1"), or NULL */
    const char *build; /* build metadata ("sha.5114f85"), or NULL: ignored by precedence */
} SemVer;

/* Parses t. Returns NULL and fills *v when valid, else what is wrong ("numeric parts may not have
 * leading zeros", ...); pre and build are copied into the arena. */
const char *semver_parse(Arena *a, const char *t, SemVer *v);

/* Precedence per semver.org section 11: -1, 0 or 1. Build metadata is ignored. */
int semver_compare(const SemVer *x, const SemVer *y);

/* ORDER SemverBump: from smallest to largest, so that bumps compare with < and >. */
typedef enum { BUMP_NONE, BUMP_PRERELEASE, BUMP_PATCH, BUMP_MINOR, BUMP_MAJOR } SemverBump;

/* The largest part that grew from `from` to `to` (BUMP_NONE when `to` is not greater; a change
 * of pre-release only is BUMP_PRERELEASE). */
SemverBump semver_bump(const SemVer *from, const SemVer *to);
/* "none", "pre-release", "patch", "minor", "major". */
const char *semver_bump_name(SemverBump b);

#endif
