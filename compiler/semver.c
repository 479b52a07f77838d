/* semver.c - Semantic Versioning 2.0.0 (see semver.h and https://semver.org). */
#include "semver.h"

#include <string.h>

static bool is_digit(char c) { return c >= '0' && c <= '9'; }
static bool is_ident_char(char c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
}

const char *semver_parse(Arena *a, const char *t, SemVer *v)
{
    unsigned parts[3] = {0, 0, 0};
    const char *p = t ? t : "";
    for (int i = 0; i < 3; i++) {
        if (!is_digit(*p)) return i == 0 ? "expected MAJOR.MINOR.PATCH" : "expected MAJOR.MINOR.PATCH with three numbers";
        if (*p == '0' && is_digit(p[1])) return "numeric parts may not have leading zeros";
        unsigned long long x = 0;
        while (is_digit(*p)) {
            x = x * 10 + (unsigned)(*p++ - '0');
            if (x > 0xFFFFFFFFull) return "version number too large";
        }
        parts[i] = (unsigned)x;
        if (i < 2) {
            if (*p != '.') return "expected MAJOR.MINOR.PATCH with three numbers";
            p++;
        }
    }
    const char *pre = NULL, *build = NULL;
    if (*p == '-') {
        const char *start = ++p;
        for (;;) {
            const char *id = p;
            bool numeric = true;
            while (is_ident_char(*p)) {
                if (!is_digit(*p)) numeric = false;
                p++;
            }
            if (p == id) return "empty pre-release identifier";
            if (numeric && *id == '0' && p - id > 1) return "numeric pre-release identifiers may not have leading zeros";
            if (*p != '.') break;
            p++;
        }
        pre = arena_strndup(a, start, (size_t)(p - start));
    }
    if (*p == '+') {
        const char *start = ++p;
        for (;;) {
            const char *id = p;
            while (is_ident_char(*p)) p++;
            if (p == id) return "empty build identifier";
            if (*p != '.') break;
            p++;
        }
        build = arena_strndup(a, start, (size_t)(p - start));
    }
    if (*p) return "unexpected characters after the version";
    v->major = parts[0];
    v->minor = parts[1];
    v->patch = parts[2];
    v->pre = pre;
    v->build = build;
    return NULL;
}

static int cmp_unsigned(unsigned x, unsigned y) { return x < y ? -1 : x > y; }

/* One dot-separated pre-release identifier against another (section 11.4). */
static int cmp_ident(const char *x, size_t nx, const char *y, size_t ny)
{
    bool dx = true, dy = true;
    for (size_t i = 0; i < nx; i++) dx = dx && is_digit(x[i]);
    for (size_t i = 0; i < ny; i++) dy = dy && is_digit(y[i]);
    if (dx && dy) { /* numerically: no leading zeros, so length first */
        if (nx != ny) return nx < ny ? -1 : 1;
        int c = memcmp(x, y, nx);
        return c < 0 ? -1 : c > 0;
    }
    if (dx != dy) return dx ? -1 : 1; /* numeric identifiers sort before alphanumeric ones */
    size_t n = nx < ny ? nx : ny;
    int c = memcmp(x, y, n);
    if (c) return c < 0 ? -1 : 1;
    return nx < ny ? -1 : nx > ny;
}

int semver_compare(const SemVer *x, const SemVer *y)
{
    int c = cmp_unsigned(x->major, y->major);
    if (!c) c = cmp_unsigned(x->minor, y->minor);
    if (!c) c = cmp_unsigned(x->patch, y->patch);
    if (c) return c;
    if (!x->pre || !y->pre) return x->pre ? -1 : y->pre ? 1 : 0; /* a pre-release sorts first */
    const char *p = x->pre, *q = y->pre;
    for (;;) {
        size_t np = strcspn(p, "."), nq = strcspn(q, ".");
        c = cmp_ident(p, np, q, nq);
        if (c) return c;
        p += np;
        q += nq;
        if (!*p || !*q) return *p ? 1 : *q ? -1 : 0; /* more identifiers sort later */
        p++;
        q++;
    }
}

SemverBump semver_bump(const SemVer *from, const SemVer *to)
{
    if (semver_compare(from, to) >= 0) return BUMP_NONE;
    if (to->major != from->major) return BUMP_MAJOR;
    if (to->minor != from->minor) return BUMP_MINOR;
    if (to->patch != from->patch) return BUMP_PATCH;
    return BUMP_PRERELEASE;
}

const char *semver_bump_name(SemverBump b)
{
    static const char *const names[] = {"none", "pre-release", "patch", "minor", "major"};
    _Static_assert(sizeof names / sizeof names[0] == BUMP_MAJOR + 1, "bump names out of step");
    return (unsigned)b <= BUMP_MAJOR ? names[b] : "?";
}
