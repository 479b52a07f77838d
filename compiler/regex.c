/* regex.c - the pattern dialect (docs/patterns.md): a checking parser, a Thompson NFA over
 * UTF-8 bytes, subset construction into the runtime's DFA tables, and re-spelling for
 * ECMA-262 and PostgreSQL. */
#include "regex.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "utf8.h"

#define CP_MAX UTF8_MAX_CP
#define NONE UINT32_MAX
/* The work of compiling one pattern is counted in steps (REGEX_MAX_WORK in regex.h), each a
 * bounded amount of work: an AST node expanded or an NFA state made, a closure step, a set
 * element copied, sorted, hashed or compared, a table cell filled, a simulation pair looked at,
 * a predecessor visited while minimising. Every phase adds to one counter and stops as soon as
 * it passes the bound, so a pattern is refused as fast as one is compiled. */
static bool over_budget(size_t work)
{
    return work > REGEX_MAX_WORK;
}

/* Makes room for one more element in an arena array of n elements (old storage is abandoned). */
static void *grow(Arena *a, void *items, size_t n, size_t *cap, size_t elem)
{
    if (n < *cap) return items;
    size_t c = *cap ? *cap * 2 : 16;
    void *p = arena_alloc(a, c * elem);
    if (n) memcpy(p, items, n * elem);
    *cap = c;
    return p;
}

/* ---- code point sets --------------------------------------------------------------------- */

typedef struct {
    uint32_t lo, hi;
} CpRange;

/* Sorted, disjoint, non-adjacent ranges. */
typedef struct {
    CpRange *r;
    size_t n;
} CpSet;

typedef struct {
    CpRange *r;
    size_t n, cap;
} RangeList;

static void rl_add(Arena *a, RangeList *l, uint32_t lo, uint32_t hi)
{
    l->r = grow(a, l->r, l->n, &l->cap, sizeof *l->r);
    l->r[l->n].lo = lo;
    l->r[l->n].hi = hi;
    l->n++;
}

static int cmp_range(const void *x, const void *y)
{
    const CpRange *a = x, *b = y;
    if (a->lo != b->lo) return a->lo < b->lo ? -1 : 1;
    return a->hi < b->hi ? -1 : a->hi > b->hi;
}

/* Sorts and merges overlapping or adjacent ranges in place. */
static CpSet set_normalize(RangeList *l)
{
    CpSet s = {l->r, 0};
    if (l->n == 0) return s;
    qsort(l->r, l->n, sizeof *l->r, cmp_range);
    size_t k = 0;
    for (size_t i = 1; i < l->n; i++) {
        if (l->r[i].lo <= l->r[k].hi + 1) {
            if (l->r[i].hi > l->r[k].hi) l->r[k].hi = l->r[i].hi;
        } else {
            l->r[++k] = l->r[i];
        }
    }
    s.n = k + 1;
    return s;
}

static CpSet set_negate(Arena *a, CpSet s)
{
    RangeList l = {0};
    uint32_t next = 0;
    for (size_t i = 0; i < s.n; i++) {
        if (s.r[i].lo > next) rl_add(a, &l, next, s.r[i].lo - 1);
        next = s.r[i].hi + 1;
    }
    if (next <= CP_MAX) rl_add(a, &l, next, CP_MAX);
    CpSet out = {l.r, l.n};
    return out;
}

static CpSet set_of(Arena *a, const uint32_t *pairs, size_t npairs, bool negate)
{
    RangeList l = {0};
    for (size_t i = 0; i < npairs; i++) rl_add(a, &l, pairs[2 * i], pairs[2 * i + 1]);
    CpSet s = set_normalize(&l);
    return negate ? set_negate(a, s) : s;
}

/* ASCII meanings on purpose: PostgreSQL's follow the database locale, ECMA-262's \s is Unicode. */
static const uint32_t DIGIT_PAIRS[] = {'0', '9'};
static const uint32_t WORD_PAIRS[] = {'0', '9', 'A', 'Z', '_', '_', 'a', 'z'};
static const uint32_t SPACE_PAIRS[] = {'\t', '\r', ' ', ' '};
/* ECMA-262's line terminators, which `.` does not match. */
static const uint32_t LINE_PAIRS[] = {'\n', '\n', '\r', '\r', 0x2028, 0x2029};

/* ---- syntax tree ------------------------------------------------------------------------- */

typedef enum { RX_EMPTY, RX_SET, RX_CAT, RX_ALT, RX_REPEAT, RX_BOL, RX_EOL } RxKind;

typedef struct RxNode {
    RxKind kind;
    CpSet set;             /* RX_SET */
    struct RxNode **kids;  /* RX_CAT, RX_ALT: nkids >= 2; RX_REPEAT: kids[0] */
    size_t nkids;
    int min, max;          /* RX_REPEAT; max < 0 means unbounded */
} RxNode;

typedef struct {
    Arena *a;
    const unsigned char *s;
    size_t len, pos;
    int depth;
    RegexError *err;
    bool failed;
} RxParser;

static void rx_fail(RxParser *p, size_t off, size_t n, bool unsupported, const char *msg)
{
    if (p->failed) return;
    p->failed = true;
    if (off > p->len) off = p->len;
    p->err->message = msg;
    p->err->offset = off;
    p->err->length = n ? n : 1;
    p->err->unsupported = unsupported;
}

static RxNode *node_new(RxParser *p, RxKind kind)
{
    RxNode *n = ARENA_NEW(p->a, RxNode);
    n->kind = kind;
    return n;
}

static RxNode *node_list(RxParser *p, RxKind kind, PtrVec *v)
{
    if (v->len == 0) return node_new(p, RX_EMPTY);
    if (v->len == 1) return v->items[0];
    RxNode *n = node_new(p, kind);
    n->kids = (RxNode **)v->items;
    n->nkids = v->len;
    return n;
}

static RxNode *node_set(RxParser *p, CpSet s)
{
    RxNode *n = node_new(p, RX_SET);
    n->set = s;
    return n;
}

/* A literal character of the pattern (not a metacharacter). */
static bool parse_literal(RxParser *p, uint32_t *cp)
{
    size_t n = utf8_decode(p->s + p->pos, p->len - p->pos, cp);
    if (n == 0) {
        rx_fail(p, p->pos, 1, false, "invalid UTF-8 in pattern");
        return false;
    }
    if (*cp == 0) {
        rx_fail(p, p->pos, 1, true, "a NUL character cannot appear in a pattern");
        return false;
    }
    p->pos += n;
    return true;
}

static int hexval(unsigned c)
{
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 'a' && c <= 'f') return (int)(c - 'a' + 10);
    if (c >= 'A' && c <= 'F') return (int)(c - 'A' + 10);
    return -1;
}

static bool is_syntax_char(unsigned c)
{
    return c && strchr("^$\\.*+?()[]{}|/", (int)c) != NULL;
}

/* What one escape or class atom stands for: one character, or a set (\d \w \s ...). */
typedef struct {
    bool is_set;
    uint32_t cp;
    CpSet set;
} Atom;

/* Escapes outside the dialect, each with the reason (%c is the letter after the backslash). */
static const struct {
    const char *letters, *why;
} REJECTED_ESCAPES[] = {
    {"123456789", "backreferences (\\%c) are not supported: they cannot be matched by a DFA"},
    {"0", "octal and NUL escapes (\\%c) are not supported: ECMA-262 and PostgreSQL read them "
          "differently"},
    {"k", "named backreferences (\\%c<name>) are not supported"},
    {"b", "'\\%c' is not supported: it is a word boundary in ECMA-262 but a backspace in PostgreSQL"},
    {"B", "'\\%c' is not supported: it means \"not a word boundary\" in ECMA-262 but a "
          "backslash in PostgreSQL"},
    {"yYmMAZ", "'\\%c' is a PostgreSQL-only constraint escape; use ^ and $"},
    {"pP", "Unicode property escapes (\\%c{...}) are not supported: PostgreSQL has none"},
    {"c", "control escapes (\\%cX) are not supported; write \\uHHHH"},
    {"x", "'\\%c' is not supported: ECMA-262 reads two hex digits and PostgreSQL any number; "
          "write \\u00HH"},
    {"Uae", "'\\%c' is a PostgreSQL-only escape; write \\uHHHH"},
};

/* escape := '\' ( [dDwWsS] | [tnrfv] | 'u' HEX{4} | syntax-char | '-' in a class )
 * Everything else after a backslash is rejected with the reason. */
static bool parse_escape(RxParser *p, bool in_class, Atom *out)
{
    size_t start = p->pos;
    p->pos++; /* the backslash */
    if (p->pos >= p->len) {
        rx_fail(p, start, 1, false, "pattern ends with a lone backslash");
        return false;
    }
    unsigned c = p->s[p->pos];
    out->is_set = false;
    switch (c) {
    case 'd': case 'D': case 'w': case 'W': case 's': case 'S': {
        if (in_class && (c == 'D' || c == 'W' || c == 'S')) {
            rx_fail(p, start, 2, true,
                    arena_printf(p->a, "'\\%c' inside [...] is not supported: PostgreSQL rejects "
                                       "it; write the negated class out instead", c));
            return false;
        }
        unsigned lower = c | 0x20;
        const uint32_t *pairs = lower == 'd' ? DIGIT_PAIRS : lower == 'w' ? WORD_PAIRS : SPACE_PAIRS;
        size_t np = lower == 'd' ? 1 : lower == 'w' ? 4 : 2;
        out->is_set = true;
        out->set = set_of(p->a, pairs, np, c != lower);
        p->pos++;
        return true;
    }
    case 't': out->cp = '\t'; break;
    case 'n': out->cp = '\n'; break;
    case 'r': out->cp = '\r'; break;
    case 'f': out->cp = '\f'; break;
    case 'v': out->cp = '\v'; break;
    case 'u': {
        if (p->pos + 1 < p->len && p->s[p->pos + 1] == '{') {
            rx_fail(p, start, 3, true,
                    "'\\u{...}' is not supported: PostgreSQL has no such escape; write \\uHHHH "
                    "or the character itself");
            return false;
        }
        uint32_t v = 0;
        for (int i = 1; i <= 4; i++) {
            int h = p->pos + (size_t)i < p->len ? hexval(p->s[p->pos + (size_t)i]) : -1;
            if (h < 0) {
                rx_fail(p, start, 2, false, "'\\u' must be followed by exactly four hex digits");
                return false;
            }
            v = v * 16 + (uint32_t)h;
        }
        if (v >= 0xD800 && v <= 0xDFFF) {
            rx_fail(p, start, 6, true,
                    "surrogate escapes (\\uD800-\\uDFFF) are not supported: write the character "
                    "itself");
            return false;
        }
        if (v == 0) {
            rx_fail(p, start, 6, true, "a NUL character cannot appear in a pattern");
            return false;
        }
        p->pos += 5;
        out->cp = v;
        return true;
    }
    case '-':
        if (!in_class) {
            rx_fail(p, start, 2, true,
                    "'\\-' is only valid inside [...] (ECMA-262 Unicode mode rejects it "
                    "elsewhere); write '-'");
            return false;
        }
        out->cp = '-';
        break;
    default:
        if (is_syntax_char(c)) {
            out->cp = c;
            break;
        }
        for (size_t i = 0; i < sizeof REJECTED_ESCAPES / sizeof *REJECTED_ESCAPES; i++) {
            if (c && strchr(REJECTED_ESCAPES[i].letters, (int)c)) {
                rx_fail(p, start, 2, true, arena_printf(p->a, REJECTED_ESCAPES[i].why, c));
                return false;
            }
        }
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            rx_fail(p, start, 2, false, arena_printf(p->a, "unknown escape '\\%c'", c));
            return false;
        }
        rx_fail(p, start, 2, true,
                "this escape is not valid in ECMA-262 Unicode mode; write the character without "
                "a backslash");
        return false;
    }
    p->pos++;
    return true;
}

/* class-atom := escape | literal, but not a POSIX bracket expression [:name:] [.x.] [=x=] */
static bool parse_class_atom(RxParser *p, Atom *out)
{
    unsigned c = p->s[p->pos];
    if (c == '\\') return parse_escape(p, true, out);
    if (c == '[' && p->pos + 1 < p->len && p->s[p->pos + 1] && strchr(":.=", p->s[p->pos + 1])) {
        rx_fail(p, p->pos, 2, true,
                "POSIX bracket expressions ([:alpha:], [.x.], [=x=]) are PostgreSQL-only; use "
                "ranges such as [A-Za-z] or \\d \\w \\s");
        return false;
    }
    out->is_set = false;
    return parse_literal(p, &out->cp);
}

/* class := '[' '^'? class-item+ ']'   class-item := class-atom ('-' class-atom)? */
static RxNode *parse_class(RxParser *p)
{
    size_t start = p->pos++;
    bool negate = false;
    if (p->pos < p->len && p->s[p->pos] == '^') negate = true, p->pos++;
    if (p->pos < p->len && p->s[p->pos] == ']') {
        rx_fail(p, start, p->pos - start + 1, true,
                "a ']' first in a class means different things (an empty class in ECMA-262, a "
                "literal ']' in PostgreSQL); write '\\]'");
        return NULL;
    }
    RangeList l = {0};
    for (;;) {
        if (p->pos >= p->len) {
            rx_fail(p, start, 1, false, "character class '[' is not closed by ']'");
            return NULL;
        }
        if (p->s[p->pos] == ']') {
            p->pos++;
            break;
        }
        size_t item = p->pos;
        Atom lo, hi;
        if (!parse_class_atom(p, &lo)) return NULL;
        bool range = p->pos + 1 < p->len && p->s[p->pos] == '-' && p->s[p->pos + 1] != ']';
        if (!range) {
            if (lo.is_set)
                for (size_t i = 0; i < lo.set.n; i++) rl_add(p->a, &l, lo.set.r[i].lo, lo.set.r[i].hi);
            else
                rl_add(p->a, &l, lo.cp, lo.cp);
            continue;
        }
        p->pos++; /* '-' */
        if (!parse_class_atom(p, &hi)) return NULL;
        if (lo.is_set || hi.is_set) {
            rx_fail(p, item, p->pos - item, false, "a class escape such as \\d cannot be a range bound");
            return NULL;
        }
        if (lo.cp > hi.cp) {
            rx_fail(p, item, p->pos - item, false, "range out of order: the start is above the end");
            return NULL;
        }
        rl_add(p->a, &l, lo.cp, hi.cp);
        if (p->pos + 1 < p->len && p->s[p->pos] == '-' && p->s[p->pos + 1] != ']') {
            rx_fail(p, p->pos, 1, true,
                    "a '-' right after a range is read differently by PostgreSQL; write '\\-'");
            return NULL;
        }
    }
    CpSet s = set_normalize(&l);
    return node_set(p, negate ? set_negate(p->a, s) : s);
}

/* Reads decimal digits at *i; returns how many. The value saturates at 100000, so a huge count
 * is reported as too large rather than overflowing. */
static size_t scan_number(const RxParser *p, size_t *i, long *v)
{
    size_t d0 = *i;
    *v = 0;
    for (; *i < p->len && p->s[*i] >= '0' && p->s[*i] <= '9'; (*i)++)
        if (*v < 100000) *v = *v * 10 + (p->s[*i] - '0');
    return *i - d0;
}

/* Reads a bound {n}, {n,} or {n,m} at `at` if there is one: returns its length, else 0. */
static size_t scan_bound(const RxParser *p, size_t at, int *min, int *max)
{
    size_t i = at + 1;
    long lo, hi;
    if (at >= p->len || p->s[at] != '{' || !scan_number(p, &i, &lo)) return 0;
    hi = lo;
    if (i < p->len && p->s[i] == ',') {
        i++;
        if (!scan_number(p, &i, &hi)) hi = -1;
    }
    if (i >= p->len || p->s[i] != '}') return 0;
    *min = (int)lo;
    *max = (int)hi;
    return i + 1 - at;
}

static RxNode *parse_alt(RxParser *p);

/* group := '(' alt ')' | '(?:' alt ')'; every other '(?' form is rejected by name. */
static RxNode *parse_group(RxParser *p)
{
    size_t start = p->pos;
    const unsigned char *s = p->s + start;
    size_t avail = p->len - start;
    if (++p->depth > REGEX_MAX_DEPTH) {
        rx_fail(p, start, 1, true,
                arena_printf(p->a, "groups nest more than %d deep", REGEX_MAX_DEPTH));
        return NULL;
    }
    if (avail >= 2 && s[1] == '?') {
        unsigned c = avail >= 3 ? s[2] : 0;
        unsigned d = avail >= 4 ? s[3] : 0;
        const char *why = NULL;
        size_t n = 3;
        if (c == ':') {
            p->pos += 3;
        } else if (c == '=' || c == '!') {
            why = "lookahead assertions (?= (?! are not supported: a DFA cannot check them";
        } else if (c == '<' && (d == '=' || d == '!')) {
            why = "lookbehind assertions (?<= (?<! are not supported: a DFA cannot check them";
            n = 4;
        } else if (c == '<') {
            why = "named groups (?<name>...) are not supported: PostgreSQL has none; use (...) "
                  "or (?:...)";
        } else if (c == '>') {
            why = "atomic groups (?>...) are not supported";
        } else if (c == '#') {
            why = "comments (?#...) are PostgreSQL-only";
        } else if (c == 'P') {
            why = "named groups (?P...) are not supported";
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-') {
            why = "inline flags such as (?i) are not supported: ECMA-262 has none";
        } else {
            rx_fail(p, start, 2, false, "'(?' must be followed by ':' to make a non-capturing group");
            return NULL;
        }
        if (why) {
            rx_fail(p, start, n, true, why);
            return NULL;
        }
    } else {
        p->pos++;
    }
    RxNode *inner = parse_alt(p);
    if (p->failed) return NULL;
    if (p->pos >= p->len || p->s[p->pos] != ')') {
        rx_fail(p, start, 1, false, "'(' is not closed by ')'");
        return NULL;
    }
    p->pos++;
    p->depth--;
    return inner;
}

/* atom := group | class | '.' | '^' | '$' | escape | literal */
static RxNode *parse_atom(RxParser *p)
{
    size_t start = p->pos;
    unsigned c = p->s[start];
    int mn, mx;
    size_t blen;
    switch (c) {
    case '(':
        return parse_group(p);
    case '[':
        return parse_class(p);
    case '.':
        p->pos++;
        return node_set(p, set_of(p->a, LINE_PAIRS, 3, true));
    case '^':
        p->pos++;
        return node_new(p, RX_BOL);
    case '$':
        p->pos++;
        return node_new(p, RX_EOL);
    case '*': case '+': case '?':
        rx_fail(p, start, 1, false,
                arena_printf(p->a, "quantifier '%c' has nothing to repeat", c));
        return NULL;
    case '{':
        if ((blen = scan_bound(p, start, &mn, &mx)) != 0) {
            rx_fail(p, start, blen, false, "repetition has nothing to repeat");
            return NULL;
        }
        if (start + 2 < p->len && p->s[start + 1] == ',' && p->s[start + 2] >= '0' &&
            p->s[start + 2] <= '9') {
            rx_fail(p, start, 2, false, "a repetition needs a lower bound, as in {0,5}");
            return NULL;
        }
        /* fall through */
    case '}':
        rx_fail(p, start, 1, true,
                arena_printf(p->a, "a literal '%c' must be written '\\%c' (PostgreSQL reads a "
                                   "lone brace literally, ECMA-262 Unicode mode rejects it)", c, c));
        return NULL;
    case ']':
        rx_fail(p, start, 1, true,
                "a literal ']' must be written '\\]' (ECMA-262 Unicode mode rejects a lone ']')");
        return NULL;
    case '\\': {
        Atom at;
        if (!parse_escape(p, false, &at)) return NULL;
        if (at.is_set) return node_set(p, at.set);
        CpRange *r = arena_alloc(p->a, sizeof *r);
        r->lo = r->hi = at.cp;
        return node_set(p, (CpSet){r, 1});
    }
    default: {
        uint32_t cp;
        if (!parse_literal(p, &cp)) return NULL;
        CpRange *r = arena_alloc(p->a, sizeof *r);
        r->lo = r->hi = cp;
        return node_set(p, (CpSet){r, 1});
    }
    }
}

/* quantified := atom ( ('*' | '+' | '?' | bound) '?'? )? */
static RxNode *parse_quantified(RxParser *p)
{
    size_t start = p->pos;
    RxNode *atom = parse_atom(p);
    if (p->failed) return NULL;
    if (p->pos >= p->len) return atom;
    size_t q = p->pos;
    unsigned c = p->s[q];
    int mn, mx;
    size_t blen = 0;
    if (c == '*') mn = 0, mx = -1, blen = 1;
    else if (c == '+') mn = 1, mx = -1, blen = 1;
    else if (c == '?') mn = 0, mx = 1, blen = 1;
    else if (c == '{') blen = scan_bound(p, q, &mn, &mx);
    if (blen == 0) return atom;
    if (p->s[start] == '^' || p->s[start] == '$') {
        rx_fail(p, q, blen, false, "an anchor (^ or $) cannot be repeated");
        return NULL;
    }
    if (mn > REGEX_MAX_REPEAT || mx > REGEX_MAX_REPEAT) {
        rx_fail(p, q, blen, true,
                arena_printf(p->a, "repetition count above %d, the largest PostgreSQL allows",
                             REGEX_MAX_REPEAT));
        return NULL;
    }
    if (mx >= 0 && mn > mx) {
        rx_fail(p, q, blen, false, "repetition {n,m} with n greater than m");
        return NULL;
    }
    p->pos += blen;
    if (p->pos < p->len && p->s[p->pos] == '?') p->pos++; /* lazy: same matches for a search */
    if (p->pos < p->len) {
        int a2, b2;
        unsigned d = p->s[p->pos];
        if (d == '+') {
            rx_fail(p, q, p->pos + 1 - q, true, "possessive quantifiers (*+ ++ ?+) are not supported");
            return NULL;
        }
        if (d == '*' || d == '?' || (d == '{' && scan_bound(p, p->pos, &a2, &b2))) {
            rx_fail(p, p->pos, 1, false, "a quantifier cannot follow another quantifier");
            return NULL;
        }
    }
    RxNode *n = node_new(p, RX_REPEAT);
    n->kids = arena_alloc(p->a, sizeof *n->kids);
    n->kids[0] = atom;
    n->nkids = 1;
    n->min = mn;
    n->max = mx;
    return n;
}

/* cat := quantified* */
static RxNode *parse_cat(RxParser *p)
{
    PtrVec items = {0};
    while (p->pos < p->len && p->s[p->pos] != '|' && p->s[p->pos] != ')') {
        RxNode *n = parse_quantified(p);
        if (p->failed) return NULL;
        ptrvec_push(p->a, &items, n);
    }
    return node_list(p, RX_CAT, &items);
}

/* alt := cat ('|' cat)* */
static RxNode *parse_alt(RxParser *p)
{
    PtrVec alts = {0};
    for (;;) {
        RxNode *n = parse_cat(p);
        if (p->failed) return NULL;
        ptrvec_push(p->a, &alts, n);
        if (p->pos < p->len && p->s[p->pos] == '|') {
            p->pos++;
            continue;
        }
        return node_list(p, RX_ALT, &alts);
    }
}

static RxNode *parse_pattern(Arena *a, const char *pattern, size_t len, RegexError *err)
{
    RxParser p = {a, (const unsigned char *)pattern, len, 0, 0, err, false};
    RxNode *n = parse_alt(&p);
    if (!p.failed && p.pos < len) rx_fail(&p, p.pos, 1, false, "unmatched ')'");
    return p.failed ? NULL : n;
}

/* ---- runs of one class ------------------------------------------------------------------- */

static bool set_equal(CpSet x, CpSet y)
{
    return x.n == y.n && (x.n == 0 || memcmp(x.r, y.r, x.n * sizeof *x.r) == 0);
}

/* When n is a run of one set (X, X X X, or nothing), its length, and the set in *x (the first
 * one seen, else checked equal); -1 otherwise. */
static int run_length(const RxNode *n, const CpSet **x)
{
    if (n->kind == RX_EMPTY) return 0;
    if (n->kind == RX_SET) {
        if (*x && !set_equal(**x, n->set)) return -1;
        *x = &n->set;
        return 1;
    }
    if (n->kind != RX_CAT) return -1;
    for (size_t i = 0; i < n->nkids; i++)
        if (run_length(n->kids[i], x) != 1) return -1;
    return (int)n->nkids;
}

/* Rewrites (Y){n,m}, where every alternative of Y is a run of the same set X, lengths a to b
 * and every length between, into X{n*a, m*b} when that is the same language (the lengths k
 * repetitions make, k*a to k*b, leave no gap between consecutive k): `(.|..){n}` is `.{n,2n}`.
 * Same language, same minimal automaton, same tables; but the construction no longer holds a
 * thread for each way of cutting the run into alternatives, whose pairs it would compare
 * (`(.|..){60}` took 24.2 M steps and `(.|..){70}` was refused; merged, they take 1.5 M and
 * 1.8 M, `(.|..){255}` 7.3 M). The new counts may pass REGEX_MAX_REPEAT (it bounds what is
 * written, not what is built); the automaton is never larger: m*b copies of X where there
 * were m*(a+...+b). */
static RxNode *merge_runs(Arena *a, RxNode *n)
{
    if (n->kind == RX_CAT || n->kind == RX_ALT) {
        for (size_t i = 0; i < n->nkids; i++) n->kids[i] = merge_runs(a, n->kids[i]);
        return n;
    }
    if (n->kind != RX_REPEAT) return n;
    RxNode *y = n->kids[0] = merge_runs(a, n->kids[0]);
    if (y->kind != RX_ALT) return n;
    const CpSet *x = NULL;
    int lo = INT32_MAX, hi = -1;
    bool seen[256] = {0}; /* the lengths met (a run longer than 255 is left alone) */
    for (size_t i = 0; i < y->nkids; i++) {
        int len = run_length(y->kids[i], &x);
        if (len < 0 || len > 255) return n;
        seen[len] = true;
        if (len < lo) lo = len;
        if (len > hi) hi = len;
    }
    if (!x) return n;
    for (int len = lo; len <= hi; len++)
        if (!seen[len]) return n;
    /* k repetitions make k*lo .. k*hi; k + 1 of them start no later than one past that */
    if (n->max != n->min && (long)lo - 1 > (long)n->min * (hi - lo)) return n;
    RxNode *r = ARENA_NEW(a, RxNode);
    RxNode *set = ARENA_NEW(a, RxNode);
    set->kind = RX_SET;
    set->set = *x;
    r->kind = RX_REPEAT;
    r->kids = arena_alloc(a, sizeof *r->kids);
    r->kids[0] = set;
    r->nkids = 1;
    r->min = n->min * lo;
    r->max = n->max < 0 ? (hi ? -1 : 0) : n->max * hi;
    return r;
}

/* ---- NFA over bytes ---------------------------------------------------------------------- */

typedef enum { S_MATCH, S_EPS, S_BYTE, S_BOL, S_EOL, S_FAIL } SKind;

typedef struct {
    uint8_t kind, lo, hi;
    uint32_t out, out1; /* out1: second branch of S_EPS, or NONE */
} NState;

typedef struct {
    Arena *a;
    NState *st;
    size_t n, cap;
    size_t work;   /* steps so far (over_budget) */
    bool overflow; /* too many states, or too_slow */
    bool too_slow; /* over_budget */
} Nfa;

static uint32_t nfa_add(Nfa *m, SKind kind, unsigned lo, unsigned hi, uint32_t out, uint32_t out1)
{
    if (m->n >= REGEX_MAX_NFA) {
        m->overflow = true;
        return 0;
    }
    m->st = grow(m->a, m->st, m->n, &m->cap, sizeof *m->st);
    m->work++;
    NState *s = &m->st[m->n];
    s->kind = (uint8_t)kind;
    s->lo = (uint8_t)lo;
    s->hi = (uint8_t)hi;
    s->out = out;
    s->out1 = out1;
    return (uint32_t)m->n++;
}

/* One code point range as UTF-8: up to four byte ranges, one per byte. */
typedef struct {
    int n;
    uint8_t lo[4], hi[4];
} Utf8Seq;


typedef struct {
    Utf8Seq *seq;
    size_t n, cap;
    Arena *a;
} SeqList;

/* The classic range splitting: cut [lo,hi] until every piece is a product of byte ranges
 * (same encoded length, and all trailing bytes free below the first differing byte). */
static void utf8_split(SeqList *out, uint32_t lo, uint32_t hi)
{
    static const uint32_t len_max[] = {0x7F, 0x7FF, 0xFFFF};
    if (lo > hi) return;
    for (int i = 0; i < 3; i++) {
        if (lo <= len_max[i] && hi > len_max[i]) {
            utf8_split(out, lo, len_max[i]);
            utf8_split(out, len_max[i] + 1, hi);
            return;
        }
    }
    if (hi > 0x7F) {
        for (int i = 1; i < 4; i++) {
            uint32_t m = (1u << (6 * i)) - 1;
            if ((lo & ~m) != (hi & ~m)) {
                if ((lo & m) != 0) {
                    utf8_split(out, lo, lo | m);
                    utf8_split(out, (lo | m) + 1, hi);
                    return;
                }
                if ((hi & m) != m) {
                    utf8_split(out, lo, (hi & ~m) - 1);
                    utf8_split(out, hi & ~m, hi);
                    return;
                }
            }
        }
    }
    out->seq = grow(out->a, out->seq, out->n, &out->cap, sizeof *out->seq);
    Utf8Seq *q = &out->seq[out->n++];
    uint8_t a[4], b[4];
    q->n = utf8_encode(lo, a);
    utf8_encode(hi, b);
    for (int i = 0; i < q->n; i++) q->lo[i] = a[i], q->hi[i] = b[i];
}

/* A code point set as byte paths into `next`; paths share common suffixes. */
static uint32_t compile_set(Nfa *m, CpSet set, uint32_t next)
{
    SeqList seqs = {NULL, 0, 0, m->a};
    m->work += 16 + 8 * set.n; /* the list, and the splitting of each range */
    for (size_t i = 0; i < set.n; i++) {
        uint32_t lo = set.r[i].lo, hi = set.r[i].hi;
        /* Surrogates are not characters and never occur in valid UTF-8. */
        if (lo < 0xD800 && hi > 0xDFFF) {
            utf8_split(&seqs, lo, 0xD7FF);
            utf8_split(&seqs, 0xE000, hi);
        } else if (!(lo >= 0xD800 && hi <= 0xDFFF)) {
            utf8_split(&seqs, lo < 0xD800 || lo > 0xDFFF ? lo : 0xE000, hi < 0xD800 || hi > 0xDFFF ? hi : 0xD7FF);
        }
    }
    if (seqs.n == 0) return nfa_add(m, S_FAIL, 0, 0, NONE, NONE);
    /* suffix cache: (lo, hi, out) -> state, small and linear, enough for real classes */
    enum { CACHE = 128 };
    uint32_t ck[CACHE][3], cs[CACHE];
    size_t nc = 0;
    uint32_t entry = NONE;
    for (size_t i = seqs.n; i-- > 0;) {
        const Utf8Seq *q = &seqs.seq[i];
        uint32_t t = next;
        for (int j = q->n - 1; j >= 0; j--) {
            uint32_t found = NONE;
            m->work += nc + 1;
            for (size_t k = 0; k < nc && j > 0; k++)
                if (ck[k][0] == q->lo[j] && ck[k][1] == q->hi[j] && ck[k][2] == t) found = cs[k];
            if (found != NONE) {
                t = found;
                continue;
            }
            uint32_t s = nfa_add(m, S_BYTE, q->lo[j], q->hi[j], t, NONE);
            if (j > 0 && nc < CACHE) {
                ck[nc][0] = q->lo[j], ck[nc][1] = q->hi[j], ck[nc][2] = t, cs[nc] = s;
                nc++;
            }
            t = s;
        }
        entry = entry == NONE ? t : nfa_add(m, S_EPS, 0, 0, t, entry);
        if (m->overflow) return next;
    }
    return entry;
}

/* Builds the NFA for n backwards: the result is the state where n starts, continuing in next. */
static uint32_t compile_node(Nfa *m, const RxNode *n, uint32_t next)
{
    if (m->overflow) return next;
    if (over_budget(++m->work)) {
        m->overflow = m->too_slow = true;
        return next;
    }
    switch (n->kind) {
    case RX_EMPTY:
        return next;
    case RX_BOL:
        return nfa_add(m, S_BOL, 0, 0, next, NONE);
    case RX_EOL:
        return nfa_add(m, S_EOL, 0, 0, next, NONE);
    case RX_SET:
        return compile_set(m, n->set, next);
    case RX_CAT:
        for (size_t i = n->nkids; i-- > 0;) next = compile_node(m, n->kids[i], next);
        return next;
    case RX_ALT: {
        uint32_t entry = compile_node(m, n->kids[n->nkids - 1], next);
        for (size_t i = n->nkids - 1; i-- > 0;) {
            uint32_t e = compile_node(m, n->kids[i], next);
            entry = nfa_add(m, S_EPS, 0, 0, e, entry);
        }
        return entry;
    }
    case RX_REPEAT: {
        const RxNode *sub = n->kids[0];
        uint32_t t = next;
        if (n->max < 0) {
            uint32_t loop = nfa_add(m, S_EPS, 0, 0, NONE, next);
            uint32_t body = compile_node(m, sub, loop);
            if (m->overflow) return next;
            m->st[loop].out = body;
            t = loop;
        } else {
            /* x{0,k} = (x(x(...)?)?)? so that every copy is optional only after the one before */
            for (int i = 0; i < n->max - n->min && !m->overflow; i++)
                t = nfa_add(m, S_EPS, 0, 0, compile_node(m, sub, t), next);
        }
        for (int i = 0; i < n->min && !m->overflow; i++) t = compile_node(m, sub, t);
        return t;
    }
    }
    return next;
}

/* ---- subset construction ----------------------------------------------------------------- */

struct RegexDfa {
    dcc_dfa tables;
    size_t nfa_states;
    uint32_t built;      /* states of the subset construction, before minimisation */
};

typedef struct {
    uint32_t *set; /* sorted S_BYTE states, less the restart set (Builder.in_restart) */
    uint32_t n;
    uint8_t eof;   /* the end of input would complete a match (via `$`); 2: never equal (dead) */
} DState;

/* A closure kept for reuse: the restart set and its successors on each class. */
typedef struct {
    uint32_t *set;
    uint32_t n;
    bool match, eof;
} Closure;

/* Threads made redundant by others (see prune_key). A byte state q is simulated by p when
 * p takes every byte q takes and, after such a byte, every byte state q' of q's closure is
 * simulated by one of p's closure, a match of q's closure is one of p's, and an end-of-input
 * match of q's is one of p's (or of the restart's); or p's closure matches outright (the
 * search is then over). Then whatever q's thread can still match, p's thread matches too, so
 * a state holding both need not hold q. This is the greatest such relation, decided per pair
 * when asked, coinductively: a pair is assumed while it is being checked; a failure is final,
 * and undoes the successes decided under its assumption. A pair left undecided (too deep, or
 * past the work bound) counts as not simulated: less is pruned, never too much. A key's
 * threads are compared only with threads of the same range, and successors first with those
 * of the same range (closures are sorted by range, so that is a merge): cheap, and it finds
 * what repetition makes, the copies of one subexpression. */
enum { SIM_UNKNOWN, SIM_YES, SIM_NO, SIM_ASSUMED };
#define SIM_MAX_DEPTH 3000u       /* recursion; deeper pairs count as not simulated */
#define SIM_MAX_GROUP 64u         /* threads of a key compared with one, at most */
#define SIM_MAX_DOM 256u          /* byte states asked whether they simulate one, at most */
/* Steps prune_key may spend before it has dropped a single thread; past them it stops asking
 * (prune_key). */
#define SIM_MAX_FRUITLESS 1000000u

typedef struct {
    uint32_t *set; /* closure(out)'s byte states, as range << 16 | dense number, sorted */
    uint32_t n;
    bool match, eof, done;
} Succ;

typedef struct {
    bool on;
    size_t spent;        /* steps prune_key has taken so far */
    size_t dropped;      /* threads it has dropped so far */
    uint32_t nb;         /* byte states */
    uint32_t *dense;     /* [NFA states]: dense number of a byte state */
    uint32_t *nfa;       /* [nb]: its NFA number */
    Succ *succ;          /* [nb]: computed on first use */
    uint32_t *mkey;      /* pairs asked about: open addressing on q << 16 | p, plus 1 (0: free) */
    uint8_t *mval;       /* their SIM_ values */
    size_t mcap, mlen;
    uint32_t *log;       /* pairs decided SIM_YES while some pair is still assumed */
    size_t nlog, logcap;
    uint32_t *r0;        /* the restart's byte states, as range << 16 | dense number, sorted */
    uint32_t nr0;
    uint8_t *r0dom;      /* [nb]: 0 not yet known, 1 simulated by a restart state, 2 not */
    uint32_t seen[256], head[256], stamp; /* prune_key's lists per first byte (stamp) */
    uint32_t *inkey;     /* [nb]: stamp when in the key being pruned and not dropped */
    uint64_t *byrange;   /* [nb]: every byte state as range << 32 | dist << 16 | dense number,
                          * sorted: by range, then fewest bytes to a match first */
    uint32_t *group;     /* [nb]: where q's range starts in byrange */
    uint32_t **dom;      /* [nb]: the byte states that simulate q, once asked (sim_dominators) */
    uint32_t *ndom;
    uint8_t *domdone;    /* [nb]: 0 not yet, 1 dom[q] holds them, 2 too many to ask: compare,
                          * 3 compare while keys are short (sim_dominators) */
    uint32_t *dist;      /* [nb]: fewest bytes, q's own included, to a match; NONE: none */
    uint32_t *hint;      /* [nb]: the last p found to simulate q (NONE: none yet) */
} Sim;

typedef struct {
    Arena *a;
    const Nfa *m;
    uint32_t start;
    uint32_t *mark[2], stamp;
    uint32_t *stack;
    uint32_t *buf;
    size_t nbuf;
    bool has_match, has_eof;
    DState *ds;
    size_t nds, cap;
    uint32_t *trans;
    unsigned nclasses;
    uint32_t *slots;
    size_t nslots;
    size_t work;  /* steps, the NFA's included (over_budget) */
    bool too_big;
    /* The unanchored search restarts the pattern at every byte, so every state's closure holds
     * the restart set (the closure of the start without `^`). States store their set without
     * it, and its successors on each class are computed once (restart_next): for a large
     * unanchored alternation this is most of the work. */
    uint8_t *in_restart;  /* [NFA states]: 1 for the restart set's byte states */
    Closure restart;      /* the restart set itself */
    Closure *restart_next; /* [nclasses]: closure of its successors on each class */
    uint32_t *sortbuf;     /* [NFA states + 1]: sort_buf's second buffer */
    const uint8_t *byte_class; /* [256]: a byte's class */
    uint32_t *kern;        /* successors_by_class's kernels, by class */
    size_t kerncap;
    uint32_t *kstart;      /* [nclasses + 1]: where class c's kernel starts in kern */
    uint32_t *keybuf;      /* [NFA states + 1]: prune_key's copy of the key */
    uint8_t *gone;         /* [NFA states + 1]: prune_key's dropped elements */
    uint32_t *chain;       /* [NFA states + 1]: prune_key's lists */
    Sim sim;
} Builder;

/* Sorts the state numbers in b->buf: by insertion when few, else by two 8-bit radix passes
 * (state numbers are below 2^16: REGEX_MAX_NFA), so the construction's time stays linear in
 * the work it counts. */
_Static_assert(REGEX_MAX_NFA <= 65536, "sort_buf sorts 16-bit state numbers");
static void sort_u32(uint32_t *v, size_t n, size_t *work);
static void sort_buf(Builder *b)
{
    uint32_t *v = b->buf, *tmp = b->sortbuf;
    size_t n = b->nbuf;
    if (n <= 32) { /* sort_u32's insertion sort, with its count of work */
        sort_u32(v, n, &b->work);
        return;
    }
    /* A key often comes out in descending order (copies of a repetition are numbered
     * backwards, and successors are taken in key order) followed by a few states of the
     * restart's closure: then the descending part is reversed and the few are inserted. */
    size_t run = 1;
    bool down = v[1] < v[0];
    while (run < n && (v[run] < v[run - 1]) == down && v[run] != v[run - 1]) run++;
    b->work += run;
    if (n - run <= 16) {
        for (size_t i = 0, j = run - 1; down && i < j; i++, j--) {
            uint32_t t = v[i];
            v[i] = v[j], v[j] = t;
        }
        size_t moves = 0;
        for (size_t i = run; i < n; i++) {
            uint32_t x = v[i];
            size_t j = i;
            for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
            moves += i - j;
            v[j] = x;
        }
        b->work += run + moves + (n - run);
        return;
    }
    b->work += 4 * n + 512;
    for (unsigned shift = 0; shift < 16; shift += 8) {
        size_t count[257] = {0};
        for (size_t i = 0; i < n; i++) count[((v[i] >> shift) & 0xFF) + 1]++;
        for (unsigned d = 0; d < 256; d++) count[d + 1] += count[d];
        for (size_t i = 0; i < n; i++) tmp[count[(v[i] >> shift) & 0xFF]++] = v[i];
        uint32_t *t = v;
        v = tmp, tmp = t;
    }
    /* two passes: the sorted numbers are back in b->buf */
}

/* Epsilon closure of the kernel (b->stack[0..nk), already pushed with mode 0) into b->buf.
 * Mode 1 means "a `$` was passed": only the end of input can follow, so byte states reached
 * in mode 1 are dropped and a match reached in mode 1 only sets has_eof. `^` is passable
 * only at the start of the input (allow_bol). b->buf is left unsorted; states in it are
 * marked with b->stamp in b->mark[0]. */
static void closure(Builder *b, size_t nk, bool allow_bol)
{
    const NState *st = b->m->st;
    size_t sp = nk;
    b->stamp++;
    b->nbuf = 0;
    b->has_match = b->has_eof = false;
    b->work += nk;
    while (sp > 0) {
        uint32_t v = b->stack[--sp];
        uint32_t s = v >> 1, mode = v & 1;
        if (b->mark[mode][s] == b->stamp) continue;
        b->mark[mode][s] = b->stamp;
        b->work++;
        switch (st[s].kind) {
        case S_MATCH:
            if (mode) b->has_eof = true;
            else b->has_match = true;
            break;
        case S_BYTE:
            if (!mode) b->buf[b->nbuf++] = s;
            break;
        case S_EPS:
            b->stack[sp++] = st[s].out1 << 1 | mode;
            b->stack[sp++] = st[s].out << 1 | mode;
            break;
        case S_BOL:
            if (allow_bol) b->stack[sp++] = st[s].out << 1 | mode;
            break;
        case S_EOL:
            b->stack[sp++] = st[s].out << 1 | 1;
            break;
        case S_FAIL:
            break;
        }
    }
}

/* Pushes onto b->stack, from nk on, the successors of the byte states set[0..n) on the bytes
 * of class c (whose first byte is rep); returns the new kernel size. */
static size_t successors(Builder *b, size_t nk, const uint32_t *set, size_t n, uint8_t rep)
{
    const NState *st = b->m->st;
    for (size_t k = 0; k < n; k++) {
        const NState *s = &st[set[k]];
        if (s->lo <= rep && rep <= s->hi) b->stack[nk++] = s->out << 1;
    }
    b->work += n;
    return nk;
}

/* The kernels of the successors of set[0..n) on every class at once, bucketed by class into
 * b->kern (class c's from b->kstart[c] to b->kstart[c + 1]), each in set's order: what
 * successors() pushes for each class, found in one pass over the set instead of one per class
 * (a byte state's range is a run of whole classes, so it is in the kernel of class c exactly
 * when c lies between the classes of its first and last byte). */
static void successors_by_class(Builder *b, const uint32_t *set, size_t n)
{
    const NState *st = b->m->st;
    uint32_t *at = b->kstart;
    size_t total = 0;
    memset(at, 0, (b->nclasses + 1) * sizeof *at);
    for (size_t k = 0; k < n; k++) {
        const NState *s = &st[set[k]];
        unsigned c0 = b->byte_class[s->lo], c1 = b->byte_class[s->hi];
        for (unsigned c = c0; c <= c1; c++) at[c + 1]++;
        total += c1 - c0 + 1;
    }
    for (unsigned c = 0; c < b->nclasses; c++) at[c + 1] += at[c];
    if (!b->kern || total > b->kerncap) { /* (never NULL: a class's kernel may be empty) */
        b->kerncap = 2 * total + 16;
        b->kern = arena_alloc(b->a, b->kerncap * sizeof *b->kern);
    }
    for (size_t k = 0; k < n; k++) {
        const NState *s = &st[set[k]];
        unsigned c0 = b->byte_class[s->lo], c1 = b->byte_class[s->hi];
        for (unsigned c = c0; c <= c1; c++) b->kern[at[c]++] = s->out << 1;
    }
    /* at[c] has moved to where class c's kernel ends, which is where c + 1's starts */
    memmove(at + 1, at, b->nclasses * sizeof *at);
    at[0] = 0;
    b->work += 2 * (n + total) + 2 * (size_t)b->nclasses;
}

/* Copies the closure in b->buf (sorted) into arena storage. */
static Closure keep_closure(Builder *b)
{
    Closure c = {NULL, (uint32_t)b->nbuf, b->has_match, b->has_eof};
    sort_buf(b);
    c.set = arena_alloc(b->a, (b->nbuf ? b->nbuf : 1) * sizeof *c.set);
    if (b->nbuf) memcpy(c.set, b->buf, b->nbuf * sizeof *c.set);
    b->work += b->nbuf;
    return c;
}

/* ---- simulation between threads ----------------------------------------------------------- */

static uint32_t range_key(const NState *x)
{
    return (uint32_t)x->lo << 8 | x->hi;
}

/* Sorts v[0..n) (small arrays: insertion; else the C library). */
static int cmp_u32(const void *x, const void *y)
{
    uint32_t a = *(const uint32_t *)x, b = *(const uint32_t *)y;
    return (a > b) - (a < b);
}

static void sort_u32(uint32_t *v, size_t n, size_t *work)
{
    if (n > 32) {
        qsort(v, n, sizeof *v, cmp_u32);
        *work += 20 * n;
        return;
    }
    size_t moves = 0;
    for (size_t i = 1; i < n; i++) {
        uint32_t x = v[i];
        size_t j = i;
        for (; j > 0 && v[j - 1] > x; j--) v[j] = v[j - 1];
        moves += i - j;
        v[j] = x;
    }
    *work += n + moves;
}

static size_t sim_hash(uint32_t stored, size_t cap)
{
    return (size_t)(((uint64_t)stored * 0x9E3779B97F4A7C15u) >> 32) & (cap - 1);
}

#define SIM_NO_SLOT SIZE_MAX

/* The slot of pair key k (q << 16 | p) in the memo, made (SIM_UNKNOWN) if new; SIM_NO_SLOT
 * when a new pair would make the memo grow past the work bound. A pair, once in, stays. */
static size_t sim_slot(Builder *b, uint32_t k)
{
    Sim *s = &b->sim;
    b->work += 4; /* a random access into a table that may be large: a cache miss or so */
    size_t h = 0;
    if (s->mcap) {
        h = sim_hash(k + 1, s->mcap);
        while (s->mkey[h] && s->mkey[h] != k + 1) h = (h + 1) & (s->mcap - 1), b->work++;
        if (s->mkey[h]) return h;
    }
    if (2 * (s->mlen + 1) > s->mcap) {
        size_t cap = s->mcap ? 2 * s->mcap : 1024;
        if (over_budget(b->work + 2 * cap)) return SIM_NO_SLOT;
        uint32_t *key = arena_alloc(b->a, cap * sizeof *key);
        uint8_t *val = arena_alloc(b->a, cap);
        memset(key, 0, cap * sizeof *key);
        for (size_t i = 0; i < s->mcap; i++) {
            if (!s->mkey[i]) continue;
            size_t g = sim_hash(s->mkey[i], cap);
            while (key[g]) g = (g + 1) & (cap - 1);
            key[g] = s->mkey[i];
            val[g] = s->mval[i];
        }
        b->work += 2 * cap;
        s->mkey = key, s->mval = val, s->mcap = cap;
        h = sim_hash(k + 1, cap);
        while (s->mkey[h]) h = (h + 1) & (cap - 1), b->work++;
    }
    s->mkey[h] = k + 1;
    s->mval[h] = SIM_UNKNOWN;
    s->mlen++;
    return h;
}

/* Is pair k (q << 16 | p) known to be simulated (perhaps under an assumption still pending:
 * then it is in the log)? Only looks. */
static bool sim_known(Builder *b, uint32_t k)
{
    Sim *s = &b->sim;
    b->work += 4;
    if (!s->mcap) return false;
    size_t h = sim_hash(k + 1, s->mcap);
    while (s->mkey[h] && s->mkey[h] != k + 1) h = (h + 1) & (s->mcap - 1), b->work++;
    return s->mkey[h] && s->mval[h] == SIM_YES;
}

/* The closure after byte state q (dense number): its byte states, whether it matches. It uses
 * b->buf and b->stack, so callers keep what they hold there elsewhere. */
static const Succ *sim_succ(Builder *b, uint32_t q)
{
    Sim *s = &b->sim;
    Succ *c = &s->succ[q];
    if (c->done) return c;
    const NState *st = b->m->st;
    b->stack[0] = st[s->nfa[q]].out << 1;
    closure(b, 1, false);
    c->match = b->has_match;
    c->eof = b->has_eof;
    c->n = (uint32_t)b->nbuf;
    c->set = arena_alloc(b->a, (b->nbuf ? b->nbuf : 1) * sizeof *c->set);
    for (size_t k = 0; k < b->nbuf; k++)
        c->set[k] = range_key(&st[b->buf[k]]) << 16 | s->dense[b->buf[k]];
    sort_u32(c->set, c->n, &b->work);
    c->done = true;
    return c;
}

/* Is byte state q simulated by p (dense numbers, same range)? See Sim. */
static bool sim_pair(Builder *b, uint32_t q, uint32_t p, unsigned depth)
{
    Sim *s = &b->sim;
    b->work++;
    if (q == p) return true;
    /* p's thread matches on a prefix of every text that q's matches, so it needs no more bytes
     * to its first match: most pairs that fail (a later start inside a counted repetition
     * against an earlier one) fail here, without the walk that would find it out. */
    if (s->dist[p] > s->dist[q]) return false;
    uint32_t pair = q << 16 | p;
    /* Simulation is transitive: q under hint[q] under p settles it (after `.` of copy 2 is
     * found under copy 3, copy 2 under copy 9 follows from copy 3 under copy 9), so the pairs
     * of all distances between copies of one repetition are not each walked. */
    uint32_t r = s->hint[q];
    if (r != NONE && r != p && sim_known(b, q << 16 | r) && sim_known(b, r << 16 | p)) {
        size_t h = sim_slot(b, pair);
        if (h == SIM_NO_SLOT) return false;
        if (s->mval[h] != SIM_UNKNOWN) return s->mval[h] != SIM_NO;
        /* as sure as its two parts: logged, so that it is undone with them */
        s->mval[h] = SIM_YES;
        s->log = grow(b->a, s->log, s->nlog, &s->logcap, sizeof *s->log);
        s->log[s->nlog++] = pair;
        s->hint[q] = p; /* the next copy is one step from this one */
        return true;
    }
    size_t key = sim_slot(b, pair); /* (slots move when the memo grows: found again below) */
    if (key == SIM_NO_SLOT) return false;
    unsigned v = s->mval[key];
    if (v != SIM_UNKNOWN) return v != SIM_NO;
    if (depth > SIM_MAX_DEPTH || over_budget(b->work)) return false; /* not known: not pruned */
    const Succ *cq = sim_succ(b, q), *cp = sim_succ(b, p);
    bool ok;
    if (cp->match) ok = true; /* after this byte p's thread has matched: the search is over */
    else ok = !cq->match && (!cq->eof || cp->eof || b->restart.eof);
    if (!ok || cp->match) {
        s->mval[key] = ok ? SIM_YES : SIM_NO;
        return ok;
    }
    s->mval[key] = SIM_ASSUMED;
    size_t mark = s->nlog;
    b->work += cq->n + cp->n;
    /* each successor of q needs one of p's whose range holds its own: first those with the
     * same range (a merge of the two sorted lists), then wider ones (lists sorted by range
     * start: those that start no later) */
    for (uint32_t i = 0, j = 0; i < cq->n && ok; i++) {
        uint32_t r = cq->set[i] >> 16;
        while (j < cp->n && cp->set[j] >> 16 < r) j++;
        bool found = false;
        for (uint32_t t = j; t < cp->n && cp->set[t] >> 16 == r && !found; t++)
            found = sim_pair(b, cq->set[i] & 0xFFFF, cp->set[t] & 0xFFFF, depth + 1);
        uint32_t t = 0;
        for (; t < cp->n && cp->set[t] >> 24 <= r >> 8 && !found; t++) {
            uint32_t w = cp->set[t] >> 16;
            if (w != r && (w & 0xFF) >= (r & 0xFF))
                found = sim_pair(b, cq->set[i] & 0xFFFF, cp->set[t] & 0xFFFF, depth + 1);
        }
        b->work += t;
        ok = found;
    }
    key = sim_slot(b, pair);
    if (ok) {
        s->mval[key] = SIM_YES;
        s->hint[q] = p;
        s->log = grow(b->a, s->log, s->nlog, &s->logcap, sizeof *s->log);
        s->log[s->nlog++] = pair;
    } else {
        /* successes decided since this pair was assumed may rest on that assumption */
        b->work += 2 * (s->nlog - mark);
        for (size_t i = mark; i < s->nlog; i++) s->mval[sim_slot(b, s->log[i])] = SIM_UNKNOWN;
        s->nlog = mark;
        s->mval[key] = SIM_NO;
    }
    return ok;
}

/* A question asked with nothing assumed: every success it leaves is final. */
static bool sim_query(Builder *b, uint32_t q, uint32_t p)
{
    bool r = sim_pair(b, q, p, 0);
    b->sim.nlog = 0;
    return r;
}

/* For each byte state, the fewest bytes (its own included) after which its thread reaches a
 * match, through closures as sim_succ makes them (no `^`, and nothing but the end after `$`);
 * NONE when it never does. A 0-1 breadth-first search backwards from the match state: an
 * epsilon edge costs nothing, a byte one. */
static uint32_t *match_distances(Builder *b)
{
    const Nfa *m = b->m;
    const NState *st = m->st;
    uint32_t n = (uint32_t)m->n;
    uint32_t *e = arena_alloc(b->a, n * sizeof *e);      /* per NFA state */
    uint32_t *start = arena_alloc(b->a, (n + 1) * sizeof *start);
    uint32_t *pred = arena_alloc(b->a, 2 * (size_t)n * sizeof *pred + 1);
    uint32_t *dq = arena_alloc(b->a, (2 * (size_t)n + 1) * sizeof *dq); /* deque, ring */
    memset(e, 0xFF, n * sizeof *e);
    memset(start, 0, (n + 1) * sizeof *start);
    /* predecessors by edge: u -> v when u's closure or byte leads to v */
    for (uint32_t u = 0; u < n; u++) {
        if (st[u].kind == S_EPS) {
            start[st[u].out]++;
            if (st[u].out1 != NONE) start[st[u].out1]++;
        } else if (st[u].kind == S_BYTE) {
            start[st[u].out]++;
        }
    }
    for (uint32_t v = 0, sum = 0; v <= n; v++) {
        uint32_t c = v < n ? start[v] : 0;
        start[v] = sum;
        sum += c;
    }
    uint32_t *fill = arena_alloc(b->a, (n + 1) * sizeof *fill);
    memcpy(fill, start, (n + 1) * sizeof *fill);
    for (uint32_t u = 0; u < n; u++) {
        if (st[u].kind == S_EPS) {
            pred[fill[st[u].out]++] = u;
            if (st[u].out1 != NONE) pred[fill[st[u].out1]++] = u;
        } else if (st[u].kind == S_BYTE) {
            pred[fill[st[u].out]++] = u;
        }
    }
    b->work += 6 * (size_t)n;
    size_t cap = 2 * (size_t)n + 1, head = 0, len = 0;
    for (uint32_t v = 0; v < n; v++)
        if (st[v].kind == S_MATCH) e[v] = 0, dq[(head + len++) % cap] = v;
    while (len) {
        uint32_t v = dq[head];
        head = (head + 1) % cap, len--;
        for (uint32_t k = start[v]; k < start[v + 1]; k++) {
            uint32_t u = pred[k];
            uint32_t w = st[u].kind == S_BYTE;
            if (e[v] + w >= e[u]) continue;
            e[u] = e[v] + w;
            if (w) dq[(head + len++) % cap] = u; /* a byte: to the back */
            else head = (head + cap - 1) % cap, dq[head] = u, len++; /* epsilon: to the front */
        }
        b->work += 2 + start[v + 1] - start[v];
    }
    uint32_t *dist = arena_alloc(b->a, b->sim.nb * sizeof *dist);
    for (uint32_t q = 0; q < b->sim.nb; q++) dist[q] = e[b->sim.nfa[q]];
    b->work += b->sim.nb;
    return dist;
}

/* q's distance to a match as 16 bits (distances are below the number of byte states, so below
 * REGEX_MAX_NFA; never is 0xFFFF). */
_Static_assert(REGEX_MAX_NFA < 0xFFFF, "a distance to a match fits in 16 bits");
static uint64_t dist_key(const Sim *s, uint32_t q)
{
    return s->dist[q] == NONE ? 0xFFFF : s->dist[q];
}

static int cmp_u64(const void *x, const void *y)
{
    uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;
    return (a > b) - (a < b);
}

/* Sets up the relation for the NFA's byte states and the restart set (left off when there
 * are too many byte states for the pair table). */
static void sim_init(Builder *b)
{
    Sim *s = &b->sim;
    const Nfa *m = b->m;
    s->nb = 0;
    s->dense = arena_alloc(b->a, m->n * sizeof *s->dense);
    for (size_t i = 0; i < m->n; i++) s->dense[i] = m->st[i].kind == S_BYTE ? s->nb++ : NONE;
    b->work += m->n;
    if (s->nb == 0) return;
    s->nfa = arena_alloc(b->a, s->nb * sizeof *s->nfa);
    for (size_t i = 0; i < m->n; i++)
        if (s->dense[i] != NONE) s->nfa[s->dense[i]] = (uint32_t)i;
    s->succ = arena_alloc(b->a, s->nb * sizeof *s->succ);
    memset(s->succ, 0, s->nb * sizeof *s->succ);
    s->r0dom = arena_alloc(b->a, s->nb);
    memset(s->r0dom, 0, s->nb);
    s->inkey = arena_alloc(b->a, s->nb * sizeof *s->inkey);
    memset(s->inkey, 0, s->nb * sizeof *s->inkey);
    s->hint = arena_alloc(b->a, s->nb * sizeof *s->hint);
    memset(s->hint, 0xFF, s->nb * sizeof *s->hint);
    s->dist = match_distances(b);
    s->byrange = arena_alloc(b->a, s->nb * sizeof *s->byrange);
    for (uint32_t q = 0; q < s->nb; q++)
        s->byrange[q] = (uint64_t)range_key(&m->st[s->nfa[q]]) << 32 | dist_key(s, q) << 16 | q;
    qsort(s->byrange, s->nb, sizeof *s->byrange, cmp_u64);
    b->work += 20 * (size_t)s->nb;
    s->group = arena_alloc(b->a, s->nb * sizeof *s->group);
    for (uint32_t i = 0, g = 0; i < s->nb; i++) {
        if (s->byrange[i] >> 32 != s->byrange[g] >> 32) g = i;
        s->group[s->byrange[i] & 0xFFFF] = g;
    }
    s->dom = arena_alloc(b->a, s->nb * sizeof *s->dom);
    s->ndom = arena_alloc(b->a, s->nb * sizeof *s->ndom);
    s->domdone = arena_alloc(b->a, s->nb);
    memset(s->domdone, 0, s->nb);
    b->work += 3 * s->nb;
    s->nr0 = b->restart.n;
    s->r0 = arena_alloc(b->a, (s->nr0 ? s->nr0 : 1) * sizeof *s->r0);
    for (uint32_t k = 0; k < s->nr0; k++)
        s->r0[k] = range_key(&m->st[b->restart.set[k]]) << 16 | s->dense[b->restart.set[k]];
    sort_u32(s->r0, s->nr0, &b->work);
    b->work += s->nb;
    s->on = true;
}

/* Is q (dense) simulated by a state of the restart set? Such a thread adds nothing: the
 * restart is part of every state. */
static bool sim_by_restart(Builder *b, uint32_t q)
{
    Sim *s = &b->sim;
    if (!s->r0dom[q]) {
        uint32_t r = range_key(&b->m->st[s->nfa[q]]);
        size_t lo = 0, hi = s->nr0; /* the first restart state of range r */
        while (lo < hi) {
            size_t mid = (lo + hi) / 2;
            if (s->r0[mid] >> 16 < r) lo = mid + 1;
            else hi = mid;
        }
        b->work += 16;
        bool found = false;
        for (size_t j = lo; j < s->nr0 && s->r0[j] >> 16 == r && !found; j++)
            found = sim_query(b, q, s->r0[j] & 0xFFFF);
        s->r0dom[q] = found ? 1 : 2;
    }
    return s->r0dom[q] == 1;
}

/* The byte states that simulate q (those of q's range no farther from a match), when q's range
 * has few byte states, or when the key holding q is long (nkey threads) and few may: asked
 * once, so that a key is pruned by looking them up rather than by comparing its threads
 * pairwise at every state. Long keys are those whose threads rarely simulate each other: in
 * `\w{255}x` a state holds up to 255 threads (x 4 ranges) and none covers another, so
 * comparing them pairwise costs the square at every state, while the dominators of all
 * threads are asked once in all. */
static bool sim_dominators(Builder *b, uint32_t q, size_t nkey)
{
    Sim *s = &b->sim;
    if (s->domdone[q] == 0 || (s->domdone[q] == 3 && nkey > SIM_MAX_GROUP)) {
        uint32_t g = s->group[q], e = g;
        uint64_t last = (s->byrange[g] >> 32) << 32 | dist_key(s, q) << 16 | 0xFFFF;
        while (e < s->nb && s->byrange[e] <= last && e - g <= SIM_MAX_DOM) e++;
        b->work += e - g;
        if (e - g > SIM_MAX_DOM) {
            s->domdone[q] = 2;
            return false;
        }
        uint32_t end = e; /* the whole group, as long as it is small */
        while (end < s->nb && end - g <= SIM_MAX_GROUP &&
               s->byrange[end] >> 32 == s->byrange[g] >> 32)
            end++;
        b->work += end - e;
        if (end - g > SIM_MAX_GROUP && nkey <= SIM_MAX_GROUP) { /* compare, until a long key */
            s->domdone[q] = 3;
            return false;
        }
        s->dom[q] = arena_alloc(b->a, (e - g) * sizeof *s->dom[q]);
        s->ndom[q] = 0;
        /* nearest to q's distance first: then each answer follows from the last one by
         * transitivity (sim_pair's hint) instead of a walk of its own */
        for (uint32_t i = e; i-- > g;) {
            uint32_t p = s->byrange[i] & 0xFFFF;
            if (p != q && sim_query(b, q, p)) s->dom[q][s->ndom[q]++] = p;
        }
        s->domdone[q] = 1;
    }
    return s->domdone[q] == 1;
}

/* Drops from the key in b->buf (sorted, restart excluded) every thread that a remaining one or
 * the restart simulates: the state's language stays the same, and sets that differ only by
 * such threads become one state. This is what keeps an unanchored `a[ab]{40}` small: of the
 * overlapping starts inside a run of a and b only the earliest matters. Threads go one at a
 * time, each simulated by one still kept, so a chain of them can never drop its last member;
 * of threads that simulate each other the highest numbered stays. Threads are compared only
 * with those of the same range: their dominators (sim_dominators), else the key's threads of
 * that range, found through a list per first byte. */
static void prune_key(Builder *b)
{
    Sim *s = &b->sim;
    size_t n = b->nbuf;
    if (!s->on || n == 0 || b->has_match) return;
    /* A pattern whose threads never simulate each other (`[^ ]{n}@`: each start in a run
     * needs a different number of bytes to its match, and they differ only at the run's end)
     * would pay for every pair of them, each told apart by a walk to the end of the
     * repetition: about n^2 walks, 85 M steps at n = 255, for nothing. When the relation has
     * cost SIM_MAX_FRUITLESS steps and dropped no thread, it is not asked again, and keys are
     * kept whole from then on as they were so far. That is always correct (dropping less
     * never changes the language, so the minimal automaton and its tables stay the same); for
     * a pattern whose threads indeed never simulate each other it makes the very same states,
     * and one whose threads would start to simulate each other only later may make more
     * (none of tests/regex/measure.sh's corpus does). */
    if (s->dropped == 0 && s->spent > SIM_MAX_FRUITLESS) {
        s->on = false;
        return;
    }
    size_t work0 = b->work;
    bool has_eof = b->has_eof, any = false;
    const NState *st = b->m->st;
    uint32_t *k = b->keybuf, *next = b->chain; /* the key; the next thread of its first byte */
    memcpy(k, b->buf, n * sizeof *k);
    s->stamp++;
    b->work += n;
    for (size_t i = 0; i < n; i++) {
        unsigned lo = st[k[i]].lo;
        next[i] = s->seen[lo] == s->stamp ? s->head[lo] : NONE;
        any |= next[i] != NONE;
        s->head[lo] = (uint32_t)i;
        s->seen[lo] = s->stamp;
        s->inkey[s->dense[k[i]]] = s->stamp;
    }
    for (size_t i = 0; i < n; i++) {
        b->gone[i] = sim_by_restart(b, s->dense[k[i]]);
        if (b->gone[i]) s->inkey[s->dense[k[i]]] = 0;
    }
    /* Pairwise comparisons stop after 16 per thread on average: a long key whose threads
     * simulate none of each other (\w{255}x: every start in a run of word bytes is alive, and
     * none covers another) must not cost its square at every state. */
    size_t budget = 16 * n + 64;
    for (size_t i = 0; i < n && any; i++) {
        uint32_t q = s->dense[k[i]];
        if (b->gone[i]) continue;
        if (sim_dominators(b, q, n)) {
            b->work += s->ndom[q];
            for (uint32_t d = 0; d < s->ndom[q] && !b->gone[i]; d++)
                b->gone[i] = s->inkey[s->dom[q][d]] == s->stamp;
        } else {
            unsigned lo = st[k[i]].lo, hi = st[k[i]].hi, seen = 0;
            for (uint32_t j = s->head[lo];
                 j != NONE && !b->gone[i] && seen++ < SIM_MAX_GROUP && budget; j = next[j]) {
                b->work++;
                budget--;
                if (j != i && !b->gone[j] && st[k[j]].hi == hi && sim_query(b, q, s->dense[k[j]]))
                    b->gone[i] = 1;
            }
        }
        if (b->gone[i]) s->inkey[q] = 0;
    }
    size_t out = 0;
    for (size_t i = 0; i < n; i++)
        if (!b->gone[i]) b->buf[out++] = k[i];
    s->dropped += n - out;
    s->spent += b->work - work0;
    b->nbuf = out;
    b->has_match = false; /* the closures asked for above changed these */
    b->has_eof = has_eof;
}

/* Completes the closure in b->buf into a state's key: adds `more` (a restart closure, whose
 * states are not yet marked in b->buf when new), drops the restart set, sorts, drops threads
 * that others make redundant. */
static void finish_key(Builder *b, const Closure *more)
{
    if (more) {
        for (uint32_t k = 0; k < more->n; k++)
            if (b->mark[0][more->set[k]] != b->stamp) {
                b->mark[0][more->set[k]] = b->stamp;
                b->buf[b->nbuf++] = more->set[k];
            }
        b->has_match |= more->match;
        b->has_eof |= more->eof;
        b->work += more->n;
    }
    b->has_eof |= b->restart.eof;
    b->has_match |= b->restart.match;
    size_t n = 0;
    for (size_t k = 0; k < b->nbuf; k++)
        if (!b->in_restart[b->buf[k]]) b->buf[n++] = b->buf[k];
    b->work += b->nbuf;
    b->nbuf = n;
    sort_buf(b);
    prune_key(b);
}

static uint32_t hash_set(const uint32_t *s, size_t n, unsigned eof)
{
    uint32_t h = 2166136261u ^ eof;
    for (size_t i = 0; i < n; i++) h = (h ^ s[i]) * 16777619u;
    return h;
}

static void slots_insert(Builder *b, uint32_t idx)
{
    const DState *d = &b->ds[idx];
    size_t mask = b->nslots - 1;
    size_t i = hash_set(d->set, d->n, d->eof) & mask;
    b->work += d->n + 1;
    while (b->slots[i]) i = (i + 1) & mask;
    b->slots[i] = idx + 1;
}

/* The DFA state for the key in b->buf, creating it if new. Accepting closures all map to
 * state 1: accepting is absorbing, so they behave the same. */
static uint32_t intern(Builder *b)
{
    if (b->has_match) return 1;
    size_t mask = b->nslots - 1;
    size_t i = hash_set(b->buf, b->nbuf, b->has_eof) & mask;
    b->work += b->nbuf + 1;
    for (; b->slots[i]; i = (i + 1) & mask) {
        const DState *d = &b->ds[b->slots[i] - 1];
        b->work++;
        if (d->eof == b->has_eof && d->n == b->nbuf &&
            (d->n == 0 || memcmp(d->set, b->buf, d->n * sizeof *d->set) == 0)) {
            b->work += d->n;
            return b->slots[i] - 1;
        }
    }
    if (b->nds >= REGEX_MAX_BUILD_STATES || (b->nds + 1) * b->nclasses > REGEX_MAX_BUILD_CELLS) {
        b->too_big = true;
        return 0;
    }
    if (b->nds == b->cap) {
        size_t cap = b->cap * 2;
        DState *ds = arena_alloc(b->a, cap * sizeof *ds);
        memcpy(ds, b->ds, b->nds * sizeof *ds);
        uint32_t *tr = arena_alloc(b->a, cap * b->nclasses * sizeof *tr);
        memcpy(tr, b->trans, b->nds * b->nclasses * sizeof *tr);
        b->ds = ds, b->trans = tr, b->cap = cap;
    }
    uint32_t idx = (uint32_t)b->nds++;
    DState *d = &b->ds[idx];
    d->n = (uint32_t)b->nbuf;
    d->eof = b->has_eof;
    d->set = arena_alloc(b->a, (b->nbuf ? b->nbuf : 1) * sizeof *d->set);
    if (b->nbuf) memcpy(d->set, b->buf, b->nbuf * sizeof *d->set);
    b->work += b->nbuf + 2 * b->nclasses; /* the copy, and the row (doubling copies it again) */
    if (2 * b->nds > b->nslots) {
        b->nslots *= 2;
        b->slots = arena_alloc(b->a, b->nslots * sizeof *b->slots);
        b->work += b->nslots / 8;
        for (uint32_t k = 0; k < b->nds; k++)
            if (k != 1) slots_insert(b, k);
    } else {
        slots_insert(b, idx);
    }
    return idx;
}

/* Subset construction: the DFA of the unanchored search, in breadth-first order by class
 * (state 0 dead, 1 accepting). Returns NULL with *err set past the construction limits;
 * *work counts on from the NFA's steps. */
static RegexDfa *build_dfa(Arena *a, const Nfa *m, uint32_t nfa_start, size_t *work,
                           RegexError *err)
{
    /* Byte classes: bytes between consecutive range boundaries behave alike everywhere. */
    bool cut[257] = {0};
    cut[0] = true;
    for (size_t i = 0; i < m->n; i++)
        if (m->st[i].kind == S_BYTE) cut[m->st[i].lo] = cut[m->st[i].hi + 1] = true;
    uint8_t *byte_class = arena_alloc(a, 256);
    uint8_t rep[256];
    int cls = -1;
    for (int v = 0; v < 256; v++) {
        if (cut[v]) rep[++cls] = (uint8_t)v;
        byte_class[v] = (uint8_t)cls;
    }

    Builder b = {0};
    b.a = a;
    b.m = m;
    b.work = *work + m->n;
    b.nclasses = (unsigned)cls + 1;
    b.mark[0] = arena_alloc(a, m->n * sizeof(uint32_t));
    b.mark[1] = arena_alloc(a, m->n * sizeof(uint32_t));
    b.stack = arena_alloc(a, (6 * m->n + 8) * sizeof(uint32_t));
    b.buf = arena_alloc(a, (m->n + 1) * sizeof(uint32_t));
    b.sortbuf = arena_alloc(a, (m->n + 1) * sizeof(uint32_t));
    b.keybuf = arena_alloc(a, (m->n + 1) * sizeof(uint32_t));
    b.gone = arena_alloc(a, m->n + 1);
    b.chain = arena_alloc(a, (m->n + 1) * sizeof(uint32_t));
    b.cap = 16;
    b.ds = arena_alloc(a, b.cap * sizeof *b.ds);
    b.trans = arena_alloc(a, b.cap * b.nclasses * sizeof *b.trans);
    b.nslots = 64;
    b.slots = arena_alloc(a, b.nslots * sizeof *b.slots);
    b.byte_class = byte_class;
    b.kstart = arena_alloc(a, (b.nclasses + 1) * sizeof *b.kstart);
    b.in_restart = arena_alloc(a, m->n);
    memset(b.in_restart, 0, m->n);

    /* the restart set; b.restart is still empty here, so finish_key leaves it whole */
    b.stack[0] = nfa_start << 1;
    closure(&b, 1, false);
    b.restart = keep_closure(&b);
    for (uint32_t k = 0; k < b.restart.n; k++) b.in_restart[b.restart.set[k]] = 1;
    b.restart_next = arena_alloc(a, b.nclasses * sizeof *b.restart_next);
    for (unsigned c = 0; c < b.nclasses; c++) {
        closure(&b, successors(&b, 0, b.restart.set, b.restart.n, rep[c]), false);
        b.restart_next[c] = keep_closure(&b);
    }
    sim_init(&b);

    /* State 0: dead. Its key is the empty set only when the restart set is empty and cannot
     * match at the end; otherwise an empty key is the live state "only the restart" and
     * nothing is dead (eof 2 never equals a key's). State 1: accepting. */
    b.nbuf = 0;
    b.has_eof = false;
    intern(&b);
    b.ds[0].eof = b.restart.n || b.restart.eof ? 2 : 0;
    b.nslots = 64;
    memset(b.slots, 0, b.nslots * sizeof *b.slots);
    slots_insert(&b, 0);
    b.nds = 2;
    b.ds[1].set = NULL;

    b.stack[0] = nfa_start << 1;
    closure(&b, 1, true);
    finish_key(&b, NULL);
    uint32_t start = intern(&b);

    for (size_t i = 0; i < b.nds && !b.too_big && !over_budget(b.work); i++) {
        if (i > 1) successors_by_class(&b, b.ds[i].set, b.ds[i].n);
        for (unsigned c = 0; c < b.nclasses; c++) {
            uint32_t to;
            if (i <= 1) {
                to = (uint32_t)i;
            } else {
                /* successors on this class of the state's own set, then those of the restart */
                uint32_t nk = b.kstart[c + 1] - b.kstart[c];
                memcpy(b.stack, b.kern + b.kstart[c], nk * sizeof *b.stack);
                closure(&b, nk, false);
                finish_key(&b, &b.restart_next[c]);
                to = intern(&b);
                if (b.too_big || over_budget(b.work)) break;
            }
            b.trans[i * b.nclasses + c] = to;
        }
    }
    *work = b.work;
    if (b.too_big || over_budget(b.work)) {
        if (b.too_big)
            err->message = arena_printf(a, "pattern too complex for a DFA: building it takes more "
                                           "than %d states or %d transitions before minimisation "
                                           "(use smaller counts in {n,m}, or anchor the pattern "
                                           "with ^)",
                                        REGEX_MAX_BUILD_STATES, REGEX_MAX_BUILD_CELLS);
        else
            err->message = arena_printf(a, "pattern too complex for a DFA: building it takes "
                                           "more than %d steps of work, with %zu states made "
                                           "before minimisation (at most %d may be emitted; use "
                                           "smaller counts in {n,m}, or anchor the pattern "
                                           "with ^)",
                                        REGEX_MAX_WORK, b.nds, REGEX_MAX_DFA);
        err->offset = 0;
        err->length = 1;
        err->unsupported = true;
        return NULL;
    }

    RegexDfa *r = ARENA_NEW(a, RegexDfa);
    uint8_t *accept = arena_alloc(a, b.nds);
    for (size_t i = 2; i < b.nds; i++) accept[i] = b.ds[i].eof == 1 ? DCC_DFA_ACCEPT_AT_END : 0;
    accept[0] = 0;
    accept[1] = DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END;
    r->tables.nstates = (uint32_t)b.nds;
    r->tables.nclasses = (uint16_t)b.nclasses;
    r->tables.byte_class = byte_class;
    r->tables.trans = b.trans;
    r->tables.accept = accept;
    r->tables.start = start;
    r->nfa_states = m->n;
    r->built = (uint32_t)b.nds;
    return r;
}

/* ---- minimisation ------------------------------------------------------------------------ */

/* Hopcroft's partition refinement, with blocks as splitters (every class is tried for each),
 * the smaller half of a split queued: O(classes * n log n). Blocks are ranges of elems;
 * a block's states marked during one split come first in its range, up to mid. */
typedef struct {
    uint32_t *elems, *loc, *block; /* [n] */
    uint32_t *first, *end, *mid;   /* [n]: per block */
    uint32_t nblocks;
} Partition;

/* Marks state s (moves it into the front part of its block); returns true when it is the
 * block's first mark. */
static bool part_mark(Partition *p, uint32_t s)
{
    uint32_t b = p->block[s], i = p->loc[s], m = p->mid[b];
    if (i < m) return false;
    uint32_t o = p->elems[m];
    p->elems[m] = s, p->loc[s] = m;
    p->elems[i] = o, p->loc[o] = i;
    p->mid[b]++;
    return m == p->first[b];
}

/* Splits block b into its marked and unmarked parts if both exist; the smaller part becomes
 * the new block, whose number is returned (or UINT32_MAX when b did not split). */
static uint32_t part_split(Partition *p, uint32_t b)
{
    uint32_t f = p->first[b], m = p->mid[b], e = p->end[b];
    p->mid[b] = f;
    if (m == e) return UINT32_MAX;
    uint32_t nb = p->nblocks++;
    if (m - f <= e - m) {
        p->first[nb] = f, p->end[nb] = m, p->first[b] = m;
    } else {
        p->first[nb] = m, p->end[nb] = e, p->end[b] = m;
    }
    p->mid[nb] = p->first[nb];
    p->mid[b] = p->first[b];
    for (uint32_t i = p->first[nb]; i < p->end[nb]; i++) p->block[p->elems[i]] = nb;
    return nb;
}

/* Replaces t's tables by those of its minimal automaton: equivalent states merged, then byte
 * classes that no state tells apart. Numbering is deterministic and keeps the construction's
 * order: a merged state takes the place of its first member (so state 0 stays dead and state 1
 * accepting), classes are numbered in byte order. Tables that are already minimal come out
 * identical. */
static bool minimize(Arena *a, dcc_dfa *t, size_t *work)
{
    uint32_t n = t->nstates, k = t->nclasses;
    size_t cells = (size_t)n * k;
    *work += 4 * cells + 6 * (size_t)n;
    Partition p;
    p.elems = arena_alloc(a, n * sizeof(uint32_t));
    p.loc = arena_alloc(a, n * sizeof(uint32_t));
    p.block = arena_alloc(a, n * sizeof(uint32_t));
    p.first = arena_alloc(a, n * sizeof(uint32_t));
    p.end = arena_alloc(a, n * sizeof(uint32_t));
    p.mid = arena_alloc(a, n * sizeof(uint32_t));
    /* first partition: by accept bits (3 values at most) */
    uint32_t count[4] = {0}, at[4], blk[4];
    p.nblocks = 0;
    for (uint32_t s = 0; s < n; s++) count[t->accept[s] & 3]++;
    for (uint32_t v = 0, pos = 0; v < 4; v++) {
        at[v] = pos;
        blk[v] = UINT32_MAX;
        if (count[v]) {
            blk[v] = p.nblocks++;
            p.first[blk[v]] = p.mid[blk[v]] = pos;
            p.end[blk[v]] = pos + count[v];
        }
        pos += count[v];
    }
    for (uint32_t s = 0; s < n; s++) {
        uint32_t v = t->accept[s] & 3;
        p.block[s] = blk[v];
        p.loc[s] = at[v];
        p.elems[at[v]++] = s;
    }
    /* predecessors: pred[pstart[c * n + s] ..) are the states that go to s on class c */
    uint32_t *pstart = arena_alloc(a, (cells + 1) * sizeof(uint32_t));
    uint32_t *pred = arena_alloc(a, (cells ? cells : 1) * sizeof(uint32_t));
    memset(pstart, 0, (cells + 1) * sizeof(uint32_t));
    for (size_t i = 0; i < cells; i++) pstart[(i % k) * n + t->trans[i] + 1]++;
    for (size_t i = 0; i < cells; i++) pstart[i + 1] += pstart[i];
    uint32_t *fill = arena_alloc(a, (cells ? cells : 1) * sizeof(uint32_t));
    memcpy(fill, pstart, cells * sizeof(uint32_t));
    for (size_t i = 0; i < cells; i++) pred[fill[(i % k) * n + t->trans[i]]++] = (uint32_t)(i / k);

    uint32_t *queue = arena_alloc(a, n * sizeof(uint32_t)), nwork = 0;
    uint32_t *touched = arena_alloc(a, n * sizeof(uint32_t));
    uint32_t *splitter = arena_alloc(a, n * sizeof(uint32_t));
    for (uint32_t b = 0; b < p.nblocks; b++) queue[nwork++] = b;
    while (nwork) {
        if (over_budget(*work)) return false;
        uint32_t b = queue[--nwork];
        /* a copy: splitting moves states inside b's range too */
        uint32_t len = p.end[b] - p.first[b];
        memcpy(splitter, p.elems + p.first[b], len * sizeof(uint32_t));
        for (uint32_t c = 0; c < k; c++) {
            uint32_t ntouched = 0;
            *work += len;
            for (uint32_t j = 0; j < len; j++) {
                size_t x = (size_t)c * n + splitter[j];
                *work += pstart[x + 1] - pstart[x];
                for (uint32_t q = pstart[x]; q < pstart[x + 1]; q++)
                    if (part_mark(&p, pred[q])) touched[ntouched++] = p.block[pred[q]];
            }
            /* the smaller half is enough: the larger one is stable given the block and it */
            *work += ntouched;
            for (uint32_t j = 0; j < ntouched; j++) {
                uint32_t nb = part_split(&p, touched[j]);
                if (nb != UINT32_MAX) queue[nwork++] = nb;
            }
        }
    }
    if (p.nblocks == n) return true; /* already minimal; classes may still merge below */

    /* new numbers in order of each block's first state */
    uint32_t *num = arena_alloc(a, p.nblocks * sizeof(uint32_t)), m = 0;
    for (uint32_t b = 0; b < p.nblocks; b++) num[b] = UINT32_MAX;
    uint32_t *rep = arena_alloc(a, n * sizeof(uint32_t));
    for (uint32_t s = 0; s < n; s++)
        if (num[p.block[s]] == UINT32_MAX) rep[m] = s, num[p.block[s]] = m++;
    uint32_t *trans = arena_alloc(a, (size_t)m * k * sizeof(uint32_t));
    uint8_t *accept = arena_alloc(a, m);
    for (uint32_t s = 0; s < m; s++) {
        for (uint32_t c = 0; c < k; c++)
            trans[(size_t)s * k + c] = num[p.block[t->trans[(size_t)rep[s] * k + c]]];
        accept[s] = t->accept[rep[s]];
    }
    t->nstates = m;
    t->trans = trans;
    t->accept = accept;
    t->start = num[p.block[t->start]];
    *work += cells + n;
    return true;
}

/* Merges byte classes whose columns are equal in every state (minimising states can make
 * distinctions between classes disappear); keeps the first-occurrence order of bytes. */
static void merge_classes(Arena *a, dcc_dfa *t, size_t *work)
{
    uint32_t n = t->nstates, k = t->nclasses;
    uint32_t hash[256];
    int newc[256], m = 0, rep_of[256];
    for (uint32_t c = 0; c < k; c++) {
        uint32_t h = 2166136261u;
        for (uint32_t s = 0; s < n; s++) h = (h ^ t->trans[(size_t)s * k + c]) * 16777619u;
        hash[c] = h;
        *work += n + (size_t)m;
        newc[c] = -1;
        for (int d = 0; d < m && newc[c] < 0; d++) {
            uint32_t o = (uint32_t)rep_of[d];
            if (hash[o] != h) continue;
            uint32_t s = 0;
            while (s < n && t->trans[(size_t)s * k + c] == t->trans[(size_t)s * k + o]) s++;
            *work += s;
            if (s == n) newc[c] = d;
        }
        if (newc[c] < 0) rep_of[m] = (int)c, newc[c] = m++;
    }
    if ((uint32_t)m == k) return;
    *work += (size_t)n * (size_t)m;
    uint8_t *bc = arena_alloc(a, 256);
    for (unsigned v = 0; v < 256; v++) bc[v] = (uint8_t)newc[t->byte_class[v]];
    uint32_t *trans = arena_alloc(a, (size_t)n * (size_t)m * sizeof(uint32_t));
    for (uint32_t s = 0; s < n; s++)
        for (int d = 0; d < m; d++)
            trans[(size_t)s * (size_t)m + (size_t)d] = t->trans[(size_t)s * k + (uint32_t)rep_of[d]];
    t->nclasses = (uint16_t)m;
    t->byte_class = bc;
    t->trans = trans;
}

/* ---- public API -------------------------------------------------------------------------- */

static void too_complex(RegexError *err, size_t len, const char *message)
{
    err->message = message;
    err->offset = 0;
    err->length = len ? len : 1;
    err->unsupported = true;
}

static RegexDfa *compile(Arena *a, const char *pattern, size_t len, bool minimal, RegexError *err,
                         RegexStats *stats)
{
    RegexError local;
    RegexStats st_local;
    if (!err) err = &local;
    if (!stats) stats = &st_local;
    memset(err, 0, sizeof *err);
    memset(stats, 0, sizeof *stats);
    RxNode *root = parse_pattern(a, pattern, len, err);
    if (!root) return NULL;
    root = merge_runs(a, root);
    Nfa m = {0};
    m.a = a;
    m.work = len;
    uint32_t match = nfa_add(&m, S_MATCH, 0, 0, NONE, NONE);
    uint32_t start = compile_node(&m, root, match);
    stats->nfa_states = m.n;
    stats->work = m.work;
    if (m.overflow) {
        too_complex(err, len, m.too_slow
            ? arena_printf(a, "pattern too complex for a DFA: expanding its counted repetitions "
                              "takes more than %d steps of work", REGEX_MAX_WORK)
            : arena_printf(a, "pattern too complex for a DFA: its automaton exceeds %d states "
                              "once counted repetitions are expanded", REGEX_MAX_NFA));
        return NULL;
    }
    size_t work = m.work;
    RegexDfa *d = build_dfa(a, &m, start, &work, err);
    stats->work = work;
    if (!d) {
        err->length = len ? len : 1;
        return NULL;
    }
    stats->built_states = d->built;
    if (minimal) {
        if (!minimize(a, &d->tables, &work)) {
            stats->work = work;
            too_complex(err, len, arena_printf(a, "pattern too complex for a DFA: minimising its "
                                                  "%u states takes more than %d steps of work",
                                               d->built, REGEX_MAX_WORK));
            return NULL;
        }
        merge_classes(a, &d->tables, &work);
        stats->work = work;
        if (d->tables.nstates > REGEX_MAX_DFA) {
            too_complex(err, len, arena_printf(a, "pattern too complex for a DFA: its minimal "
                                                  "automaton has %u states, more than %d (use "
                                                  "smaller counts in {n,m})",
                                               d->tables.nstates, REGEX_MAX_DFA));
            return NULL;
        }
    }
    return d;
}

RegexDfa *regex_compile(Arena *a, const char *pattern, size_t len, RegexError *err)
{
    return compile(a, pattern, len, true, err, NULL);
}

RegexDfa *regex_compile_stats(Arena *a, const char *pattern, size_t len, RegexError *err,
                              RegexStats *stats)
{
    return compile(a, pattern, len, true, err, stats);
}

RegexDfa *regex_compile_unminimized(Arena *a, const char *pattern, size_t len, RegexError *err)
{
    return compile(a, pattern, len, false, err, NULL);
}

const dcc_dfa *regex_dfa_tables(Arena *a, const RegexDfa *d)
{
    (void)a; /* the tables already live in the arena the DFA was compiled in */
    return &d->tables;
}

bool regex_check(Arena *a, const char *pattern, size_t len, RegexError *err)
{
    return regex_compile(a, pattern, len, err) != NULL;
}

int regex_search(Arena *a, const char *pattern, size_t plen, const char *s, size_t n)
{
    RegexDfa *d = regex_compile(a, pattern, plen, NULL);
    if (!d) return -1;
    return dcc_dfa_search(&d->tables, s, n);
}

void regex_dfa_print_c(StrBuf *out, const dcc_dfa *d, const char *ident)
{
    sb_printf(out, "static const uint8_t %s_classes[256] = {", ident);
    for (unsigned i = 0; i < 256; i++)
        sb_printf(out, "%s%u,", i % 16 ? " " : "\n    ", d->byte_class[i]);
    sb_puts(out, "\n};\n");
    size_t nt = (size_t)d->nstates * d->nclasses;
    sb_printf(out, "static const uint32_t %s_trans[%zu] = {", ident, nt);
    for (uint32_t s = 0; s < d->nstates; s++) {
        for (unsigned c = 0; c < d->nclasses; c++)
            sb_printf(out, "%s%u,", c % 16 ? " " : "\n    ", d->trans[(size_t)s * d->nclasses + c]);
    }
    sb_puts(out, "\n};\n");
    sb_printf(out, "static const uint8_t %s_accept[%u] = {", ident, d->nstates);
    for (uint32_t s = 0; s < d->nstates; s++)
        sb_printf(out, "%s%u,", s % 16 ? " " : "\n    ", d->accept[s]);
    sb_puts(out, "\n};\n");
    sb_printf(out,
              "static const dcc_dfa %s = {\n    .nstates = %u,\n    .nclasses = %u,\n"
              "    .byte_class = %s_classes,\n    .trans = %s_trans,\n    .accept = %s_accept,\n"
              "    .start = %u,\n};\n",
              ident, d->nstates, (unsigned)d->nclasses, ident, ident, ident, d->start);
}

/* ---- translation for other engines ------------------------------------------------------- */

static void put_utf8(StrBuf *sb, uint32_t cp)
{
    uint8_t b[4];
    int n = utf8_encode(cp, b);
    sb_put(sb, (const char *)b, (size_t)n);
}

/* One code point, escaped where any engine would read it specially. RE2 has no \uHHHH and
 * spells a code point \x{HHHH}. */
static void put_cp(StrBuf *sb, uint32_t cp, bool in_class, RegexFlavor f)
{
    if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0) || cp == 0x2028 || cp == 0x2029 ||
        cp == 0xFEFF) {
        switch (cp) {
        case '\t': sb_puts(sb, "\\t"); return;
        case '\n': sb_puts(sb, "\\n"); return;
        case '\r': sb_puts(sb, "\\r"); return;
        case '\f': sb_puts(sb, "\\f"); return;
        case '\v': sb_puts(sb, "\\v"); return;
        default: sb_printf(sb, f == REGEX_RE2 ? "\\x{%04X}" : "\\u%04X", (unsigned)cp); return;
        }
    }
    if (cp < 0x80 && (in_class ? strchr("\\]-[^", (int)cp) != NULL : is_syntax_char(cp))) {
        if (cp == '/' && !in_class) {
            sb_putc(sb, '/');
            return;
        }
        sb_putc(sb, '\\');
    }
    put_utf8(sb, cp);
}

static void print_ranges(StrBuf *sb, CpSet s, RegexFlavor f)
{
    for (size_t i = 0; i < s.n; i++) {
        put_cp(sb, s.r[i].lo, true, f);
        if (s.r[i].hi == s.r[i].lo) continue;
        if (s.r[i].hi > s.r[i].lo + 1) sb_putc(sb, '-');
        put_cp(sb, s.r[i].hi, true, f);
    }
}

static void print_set(Arena *a, StrBuf *sb, CpSet s, RegexFlavor f)
{
    if (s.n == 1 && s.r[0].lo == s.r[0].hi) {
        put_cp(sb, s.r[0].lo, false, f);
        return;
    }
    CpSet neg = set_negate(a, s);
    if (f == REGEX_ECMA && neg.n == 3 && neg.r[0].lo == '\n' && neg.r[0].hi == '\n' &&
        neg.r[1].lo == '\r' && neg.r[1].hi == '\r' && neg.r[2].lo == 0x2028 &&
        neg.r[2].hi == 0x2029) {
        sb_putc(sb, '.');
        return;
    }
    /* Sets are never empty (a written class never holds code point 0, so its negation is
     * not empty either):
     * spell the shorter of the set and its complement. */
    bool use_neg = s.n > 0 && s.r[s.n - 1].hi == CP_MAX && neg.n > 0;
    sb_puts(sb, use_neg ? "[^" : "[");
    print_ranges(sb, use_neg ? neg : s, f);
    sb_putc(sb, ']');
}

static bool needs_group(const RxNode *n, const RxNode *parent)
{
    if (parent->kind == RX_REPEAT)
        return n->kind == RX_CAT || n->kind == RX_ALT || n->kind == RX_REPEAT ||
               n->kind == RX_EMPTY || n->kind == RX_BOL || n->kind == RX_EOL;
    return parent->kind == RX_CAT && n->kind == RX_ALT;
}

static void print_node(Arena *a, StrBuf *sb, const RxNode *n, RegexFlavor f)
{
    switch (n->kind) {
    case RX_EMPTY: break;
    case RX_BOL: sb_putc(sb, '^'); break;
    case RX_EOL: sb_putc(sb, '$'); break;
    case RX_SET: print_set(a, sb, n->set, f); break;
    case RX_CAT:
    case RX_ALT:
    case RX_REPEAT:
        for (size_t i = 0; i < n->nkids; i++) {
            if (i && n->kind == RX_ALT) sb_putc(sb, '|');
            bool g = needs_group(n->kids[i], n);
            if (g) sb_puts(sb, "(?:");
            print_node(a, sb, n->kids[i], f);
            if (g) sb_putc(sb, ')');
        }
        if (n->kind != RX_REPEAT) break;
        if (n->min == 0 && n->max < 0) sb_putc(sb, '*');
        else if (n->min == 1 && n->max < 0) sb_putc(sb, '+');
        else if (n->min == 0 && n->max == 1) sb_putc(sb, '?');
        else if (n->max < 0) sb_printf(sb, "{%d,}", n->min);
        else if (n->max == n->min) sb_printf(sb, "{%d}", n->min);
        else sb_printf(sb, "{%d,%d}", n->min, n->max);
        break;
    }
}

char *regex_translate(Arena *a, const char *pattern, size_t len, RegexFlavor flavor,
                      RegexError *err)
{
    RegexError local;
    if (!err) err = &local;
    if (!regex_check(a, pattern, len, err)) return NULL;
    RxNode *root = parse_pattern(a, pattern, len, err);
    StrBuf sb;
    sb_init(&sb);
    print_node(a, &sb, root, flavor);
    char *s = arena_strndup(a, sb.data, sb.len);
    sb_free(&sb);
    return s;
}

/* ---- language inclusion (dcc compat) ------------------------------------------------------- */

/* UTF-8 as an automaton: U_DONE between characters, the others inside one (how many
 * continuation bytes are left, and the narrower first continuation after E0, ED, F0 and F4
 * that excludes overlongs, surrogates and values above U+10FFFF). */
enum { U_DONE, U_1, U_2, U_3, U_E0, U_ED, U_F0, U_F4, U_COUNT, U_DEAD = 255 };

static uint8_t utf8_step(uint8_t u, unsigned b)
{
    bool cont = b >= 0x80 && b <= 0xBF;
    switch (u) {
    case U_DONE:
        if (b < 0x80) return U_DONE;
        if (b >= 0xC2 && b <= 0xDF) return U_1;
        if (b == 0xE0) return U_E0;
        if (b == 0xED) return U_ED;
        if (b >= 0xE1 && b <= 0xEF) return U_2;
        if (b == 0xF0) return U_F0;
        if (b == 0xF4) return U_F4;
        if (b >= 0xF1 && b <= 0xF3) return U_3;
        return U_DEAD;
    case U_1: return cont ? U_DONE : U_DEAD;
    case U_2: return cont ? U_1 : U_DEAD;
    case U_3: return cont ? U_2 : U_DEAD;
    case U_E0: return b >= 0xA0 && b <= 0xBF ? U_1 : U_DEAD;
    case U_ED: return b >= 0x80 && b <= 0x9F ? U_1 : U_DEAD;
    case U_F0: return b >= 0x90 && b <= 0xBF ? U_2 : U_DEAD;
    case U_F4: return b >= 0x80 && b <= 0x8F ? U_2 : U_DEAD;
    default: return U_DEAD;
    }
}

static bool dfa_accepts(const dcc_dfa *d, uint32_t s)
{
    return (d->accept[s] & (DCC_DFA_ACCEPT | DCC_DFA_ACCEPT_AT_END)) != 0;
}

/* 1 when every valid UTF-8 text x accepts is accepted by y, 0 when not, -1 when the search
 * outgrew its limit. A breadth-first walk of the triples (x state, y state, UTF-8 state) looking
 * for a complete text x accepts and y does not; x's dead state and y's absorbing accept state end
 * a branch early. */
static int dfa_included(const dcc_dfa *x, const dcc_dfa *y, size_t limit)
{
    /* Bytes that no automaton tells apart are tried once: one representative per joint class. */
    unsigned reps[256], nreps = 0;
    for (unsigned b = 0; b < 256; b++) {
        bool seen = false;
        for (unsigned i = 0; i < nreps && !seen; i++) {
            unsigned r = reps[i];
            seen = x->byte_class[r] == x->byte_class[b] && y->byte_class[r] == y->byte_class[b];
            for (uint8_t u = 0; seen && u < U_COUNT; u++) seen = utf8_step(u, r) == utf8_step(u, b);
        }
        if (!seen) reps[nreps++] = b;
    }
    size_t cap = 1024, len = 0;
    uint64_t *set = calloc(cap, sizeof *set); /* keys + 1, open addressing; 0 is empty */
    uint64_t *queue = malloc(cap * sizeof *queue);
    size_t qhead = 0, qlen = 0, qcap = cap;
    int result = 1;
    if (!set || !queue) {
        free(set);
        free(queue);
        return -1;
    }
#define KEY(a, b, u) ((((uint64_t)(a) << 24 | (uint64_t)(b)) << 4 | (uint64_t)(u)) + 1)
    uint64_t k0 = KEY(x->start, y->start, U_DONE);
    set[(size_t)((k0 * 0x9E3779B97F4A7C15u) >> 20) & (cap - 1)] = k0;
    len = 1;
    queue[qlen++] = k0;
    while (qhead < qlen && result == 1) {
        uint64_t k = queue[qhead++] - 1;
        uint8_t u = (uint8_t)(k & 15);
        uint32_t b = (uint32_t)(k >> 4 & 0xFFFFFF), a = (uint32_t)(k >> 28);
        if (u == U_DONE && dfa_accepts(x, a) && !dfa_accepts(y, b)) {
            result = 0;
            break;
        }
        if (a == DCC_DFA_DEAD || (y->accept[b] & DCC_DFA_ACCEPT)) continue;
        for (unsigned i = 0; i < nreps; i++) {
            unsigned byte = reps[i];
            uint8_t nu = utf8_step(u, byte);
            if (nu == U_DEAD) continue;
            uint32_t na = x->trans[(size_t)a * x->nclasses + x->byte_class[byte]];
            uint32_t nb = y->trans[(size_t)b * y->nclasses + y->byte_class[byte]];
            uint64_t nk = KEY(na, nb, nu);
            if (len * 2 >= cap) { /* grow and rehash */
                if (cap >= limit * 2) {
                    result = -1;
                    break;
                }
                size_t ncap = cap * 2;
                uint64_t *ns = calloc(ncap, sizeof *ns);
                if (!ns) {
                    result = -1;
                    break;
                }
                for (size_t j = 0; j < cap; j++) {
                    if (!set[j]) continue;
                    size_t h = (size_t)((set[j] * 0x9E3779B97F4A7C15u) >> 20) & (ncap - 1);
                    while (ns[h]) h = (h + 1) & (ncap - 1);
                    ns[h] = set[j];
                }
                free(set);
                set = ns;
                cap = ncap;
            }
            size_t h = (size_t)((nk * 0x9E3779B97F4A7C15u) >> 20) & (cap - 1);
            while (set[h] && set[h] != nk) h = (h + 1) & (cap - 1);
            if (set[h]) continue;
            if (len >= limit) {
                result = -1;
                break;
            }
            set[h] = nk;
            len++;
            if (qlen == qcap) {
                uint64_t *nq = realloc(queue, qcap * 2 * sizeof *queue);
                if (!nq) {
                    result = -1;
                    break;
                }
                queue = nq;
                qcap *= 2;
            }
            queue[qlen++] = nk;
        }
    }
#undef KEY
    free(set);
    free(queue);
    return result;
}

RegexRelation regex_relate(Arena *a, const char *old, size_t old_len, const char *new_, size_t new_len, size_t limit)
{
    if (limit == 0) limit = REGEX_MAX_PRODUCT;
    RegexDfa *o = regex_compile(a, old, old_len, NULL), *n = regex_compile(a, new_, new_len, NULL);
    if (!o || !n) return REGEX_UNKNOWN;
    int up = dfa_included(&o->tables, &n->tables, limit);   /* old within new: new is wider */
    int down = dfa_included(&n->tables, &o->tables, limit); /* new within old: new is narrower */
    if (up < 0 || down < 0) return REGEX_UNKNOWN;
    return up && down ? REGEX_SAME : up ? REGEX_WIDER : down ? REGEX_NARROWER : REGEX_OTHER;
}
