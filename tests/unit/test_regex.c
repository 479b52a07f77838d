/* test_regex.c - the pattern dialect: accepted and rejected patterns, the DFA matcher against
 * a backtracking reference, linear work on pathological patterns, table printing. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "arena.h"
#include "dcc_regex.h"
#include "regex.h"
#include "strbuf.h"

/* Compiles p or fails the test with the compiler's message. */
static const dcc_dfa *compile_ok(Arena *a, const char *p)
{
    RegexError e;
    RegexDfa *d = regex_compile(a, p, strlen(p), &e);
    if (!d) fail_msg("pattern /%s/ rejected: %s (offset %zu)", p, e.message, e.offset);
    const dcc_dfa *t = regex_dfa_tables(a, d);
    assert_true(dcc_dfa_check(t));
    return t;
}

/* ---- accepted patterns: (pattern, input, match?) ------------------------------------------ */

typedef struct {
    const char *pattern, *input;
    int match;
} MatchCase;

static const MatchCase MATCHES[] = {
    /* literals, unanchored search */
    {"abc", "abc", 1}, {"abc", "xxabcxx", 1}, {"abc", "abx", 0}, {"abc", "", 0},
    {"", "", 1}, {"", "anything", 1}, {"a", "A", 0},
    /* . : one code point, not a line terminator */
    {"a.c", "abc", 1}, {"a.c", "a\nc", 0}, {"a.c", "a\rc", 0}, {"a.c", "a\xe2\x80\xa8" "c", 0},
    {"a.c", "a\xc3\xa9" "c", 1}, {"a.c", "a\xe2\x82\xac" "c", 1}, {"a.c", "a\xf0\x9f\x98\x80" "c", 1},
    {"^.$", "\xc3\xa9", 1}, {"^.$", "\xf0\x9f\x98\x80", 1}, {"^..$", "\xc3\xa9", 0},
    {"^.{3}$", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 1}, {"^.{2}$", "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80", 0},
    /* non-ASCII literals */
    {"caf\xc3\xa9", "un caf\xc3\xa9", 1}, {"caf\xc3\xa9", "cafe", 0}, {"^\xe2\x82\xac+$", "\xe2\x82\xac\xe2\x82\xac", 1},
    /* anchors */
    {"^abc", "abcd", 1}, {"^abc", "xabc", 0}, {"abc$", "xabc", 1}, {"abc$", "abcx", 0},
    {"^abc$", "abc", 1}, {"^abc$", "abc\n", 0}, {"^$", "", 1}, {"^$", "a", 0},
    {"a^b", "a^b", 0}, {"a$b", "ab", 0}, {"$^", "", 1}, {"x|^$", "", 1}, {"(^a|b)c", "xac", 0},
    {"(^a|b)c", "ac", 1}, {"(^a|b)c", "xbc", 1}, {"a(b$|c)", "xab", 1}, {"a(b$|c)", "abx", 0},
    {"(^)*a", "ba", 1}, {"a$$", "a", 1},
    /* alternation */
    {"cat|dog", "hotdog", 1}, {"cat|dog", "cow", 0}, {"^(cat|dog)$", "cat", 1},
    {"^(cat|dog)$", "catdog", 0}, {"a|", "zzz", 1}, {"^(|a)$", "", 1}, {"^(a|b|c)+$", "abcab", 1},
    /* groups */
    {"(?:ab)+", "xabab", 1}, {"^(?:ab)+$", "aba", 0}, {"()", "", 1}, {"^(a(b(c)))$", "abc", 1},
    /* classes */
    {"[abc]", "xxb", 1}, {"[abc]", "xyz", 0}, {"^[a-z]+$", "hello", 1}, {"^[a-z]+$", "Hello", 0},
    {"[^a-z]", "abc", 0}, {"[^a-z]", "abC", 1}, {"[^a]", "\n", 1}, {"^[^a]$", "\xc3\xa9", 1},
    {"^[^a]$", "\xf0\x9f\x98\x80", 1}, {"^[^a]{2}$", "\xc3\xa9", 0},
    {"[-a]", "-", 1}, {"[a-]", "-", 1}, {"[a\\-z]", "-", 1}, {"[a\\-z]", "b", 0},
    {"[\\]]", "]", 1}, {"[\\\\]", "\\", 1}, {"[[a]", "[", 1}, {"[.]", "x", 0}, {"[.]", ".", 1},
    {"[$^]", "^", 1}, {"^[\xc3\xa0-\xc3\xbf]+$", "\xc3\xa9\xc3\xa0", 1}, {"^[\xc3\xa0-\xc3\xbf]$", "a", 0},
    {"[\\u00e9]", "\xc3\xa9", 1}, {"^[a-\\u20AC]$", "\xe2\x82\xac", 1}, {"^[a-\\u20AC]$", "\xe2\x82\xad", 0},
    {"^[\xf0\x9f\x98\x80-\xf0\x9f\x98\x8f]$", "\xf0\x9f\x98\x85", 1}, {"^[\xf0\x9f\x98\x80-\xf0\x9f\x98\x8f]$", "\xf0\x9f\x98\x90", 0},
    {"[\\d]", "5", 1}, {"[\\w.]", ".", 1}, {"[\\s]", "\t", 1}, {"[^\\d]", "5", 0},
    /* escapes */
    {"\\d", "x7", 1}, {"\\d", "x", 0}, {"\\d", "\xd9\xa3", 0}, /* ASCII only: not ARABIC-INDIC THREE */
    {"^\\D$", "\xc3\xa9", 1}, {"\\w", "_", 1}, {"\\w", "\xc3\xa9", 0}, {"^\\W$", "\xc3\xa9", 1},
    {"\\s", "a b", 1}, {"\\s", "a\xc2\xa0" "b", 0}, {"^\\S+$", "a\xc2\xa0" "b", 1}, {"\\s", "\v", 1},
    {"a\\.b", "a.b", 1}, {"a\\.b", "axb", 0}, {"\\\\", "\\", 1}, {"\\t", "\t", 1}, {"\\n", "\n", 1},
    {"\\r", "\r", 1}, {"\\f", "\f", 1}, {"\\v", "\v", 1}, {"\\u0041", "A", 1}, {"\\u00e9", "\xc3\xa9", 1},
    {"\\u20AC", "\xe2\x82\xac", 1}, {"\\/", "/", 1}, {"\\(\\)\\[\\]\\{\\}\\|\\*\\+\\?\\^\\$", "()[]{}|*+?^$", 1},
    /* quantifiers and their lazy forms */
    {"^a*$", "", 1}, {"^a*$", "aaa", 1}, {"^a+$", "", 0}, {"^a+$", "aa", 1}, {"^ab?c$", "ac", 1},
    {"^ab?c$", "abbc", 0}, {"^a*?$", "aa", 1}, {"^a+?b$", "aab", 1}, {"^a??b$", "b", 1},
    {"^a{3}$", "aaa", 1}, {"^a{3}$", "aa", 0}, {"^a{3}$", "aaaa", 0}, {"^a{2,}$", "a", 0},
    {"^a{2,}$", "aaaaa", 1}, {"^a{2,3}$", "aaa", 1}, {"^a{2,3}$", "aaaa", 0}, {"^a{0}$", "", 1},
    {"^a{0,1}$", "a", 1}, {"^a{2,3}?$", "aa", 1}, {"^a{2}?$", "aa", 1}, {"^(ab){2}$", "abab", 1},
    {"^(a|bc){2,3}$", "bcabc", 1}, {"^(a|bc){2,3}$", "bc", 0}, {"^(a*)*$", "aaa", 1}, {"^(a?){3}$", "a", 1},
    {"^x{0,255}$", "xx", 1}, {"^(\xc3\xa9){2}$", "\xc3\xa9\xc3\xa9", 1},
    /* patterns from docs/language.md */
    {"^[A-Z0-9-]+$", "SKU-42", 1}, {"^[A-Z0-9-]+$", "sku-42", 0}, {"^[A-Z]{3}$", "EUR", 1},
    {"^[A-Z]{3}$", "EURO", 0}, {"^[^@ ]+@[^@ ]+$", "a@b.c", 1}, {"^[^@ ]+@[^@ ]+$", "a b@c", 0},
    {"^[^@ ]+@[^@ ]+$", "j\xc3\xa9r\xc3\xb4me@exemple.fr", 1},
};

static void test_matches(void **state)
{
    (void)state;
    Arena *a = arena_new();
    for (size_t i = 0; i < sizeof MATCHES / sizeof *MATCHES; i++) {
        const MatchCase *c = &MATCHES[i];
        const dcc_dfa *t = compile_ok(a, c->pattern);
        int got = dcc_dfa_search(t, c->input, strlen(c->input));
        if (got != c->match)
            fail_msg("/%s/ on \"%s\": got %d, want %d", c->pattern, c->input, got, c->match);
        assert_int_equal(regex_search(a, c->pattern, strlen(c->pattern), c->input, strlen(c->input)),
                         c->match);
    }
    arena_free(a);
}

/* ---- rejected patterns -------------------------------------------------------------------- */

typedef struct {
    const char *pattern;
    bool unsupported;
    size_t offset;
    const char *needle; /* a word the message must contain */
} RejectCase;

static const RejectCase REJECTS[] = {
    /* outside the dialect (DC0413) */
    {"(a)\\1", true, 3, "backreference"},
    {"x(?=a)", true, 1, "lookahead"},
    {"(?!a)", true, 0, "lookahead"},
    {"(?<=a)b", true, 0, "lookbehind"},
    {"(?<!a)b", true, 0, "lookbehind"},
    {"(?<year>\\d{4})", true, 0, "named group"},
    {"(?P<y>a)", true, 0, "named group"},
    {"(?>a)", true, 0, "atomic"},
    {"(?i)abc", true, 0, "flags"},
    {"(?#note)a", true, 0, "comment"},
    {"a\\bc", true, 1, "word boundary"},
    {"\\Bx", true, 0, "word boundary"},
    {"\\yfoo\\y", true, 0, "PostgreSQL-only"},
    {"\\Afoo", true, 0, "PostgreSQL-only"},
    {"a*+", true, 1, "possessive"},
    {"a++", true, 1, "possessive"},
    {"[[:alpha:]]", true, 1, "POSIX"},
    {"[[.a.]]", true, 1, "POSIX"},
    {"\\p{L}", true, 0, "property"},
    {"\\P{L}", true, 0, "property"},
    {"\\cA", true, 0, "control"},
    {"\\012", true, 0, "octal"},
    {"\\0", true, 0, "NUL"},
    {"\\x41", true, 0, "\\u00HH"},
    {"\\u{1F600}", true, 0, "\\u{"},
    {"\\uD83D", true, 0, "surrogate"},
    {"\\k<n>", true, 0, "backreference"},
    {"\\U0001F600", true, 0, "PostgreSQL-only"},
    {"\\e", true, 0, "PostgreSQL-only"},
    {"a{256}", true, 1, "255"},
    {"a{1,1000}", true, 1, "255"},
    {"a{99999999999999}", true, 1, "255"},
    {"[]a]", true, 0, "']'"},
    {"[^]", true, 0, "']'"},
    {"a]", true, 1, "\\]"},
    {"x{", true, 1, "\\{"},
    {"x}", true, 1, "\\}"},
    {"x{a}", true, 1, "\\{"},
    {"\\-", true, 0, "inside [...]"},
    {"\\@", true, 0, "without a backslash"},
    {"[a-c-e]", true, 4, "\\-"},
    {"[\\D]", true, 1, "negated"},
    {"a\\", false, 1, "backslash"},
    {"a\\\x01", true, 1, "without a backslash"},
    /* an `a` 15th from the end: the minimal automaton needs 2^15 states, more than the
     * construction may make within its work */
    {"(a|b)*a(a|b){14}$", true, 0, "minimal automaton has 32770 states"},
    /* with $, the minimal automaton itself: 2^14 + 2 states (it must remember the last 14 bytes) */
    {"a[ab]{13}$", true, 0, "minimal automaton has 16386 states"},
    {"(.{255}){100}", true, 0, "too complex for a DFA"},
    {"((((((){255}){255}){255}){255}){255}){255}", true, 0, "too complex for a DFA"},
    {"(((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((a)))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))", true, 64, "deep"},
    /* syntax errors (DC0412) */
    {"(ab", false, 0, "not closed"},
    {"((a)", false, 0, "not closed"},
    {"ab)", false, 2, "unmatched"},
    {"[abc", false, 0, "not closed"},
    {"[z-a]", false, 1, "out of order"},
    {"[\\d-z]", false, 1, "range bound"},
    {"*a", false, 0, "nothing to repeat"},
    {"a|+", false, 2, "nothing to repeat"},
    {"(?:)?*", false, 5, "another quantifier"},
    {"{3}", false, 0, "nothing to repeat"},
    {"a**", false, 2, "another quantifier"},
    {"a{2}{3}", false, 4, "another quantifier"},
    {"a{3,2}", false, 1, "greater"},
    {"a{,5}", false, 1, "lower bound"},
    {"^*", false, 1, "anchor"},
    {"a$+", false, 2, "anchor"},
    {"\\", false, 0, "backslash"},
    {"\\q", false, 0, "unknown escape"},
    {"\\u12", false, 0, "four hex"},
    {"(?", false, 0, "non-capturing"},
    {"(?x", true, 0, "flags"},
    {"a\xff", false, 1, "UTF-8"},
    {"\xc3", false, 0, "UTF-8"},
};

static void test_rejects(void **state)
{
    (void)state;
    Arena *a = arena_new();
    for (size_t i = 0; i < sizeof REJECTS / sizeof *REJECTS; i++) {
        const RejectCase *c = &REJECTS[i];
        RegexError e;
        memset(&e, 0xAB, sizeof e);
        if (regex_check(a, c->pattern, strlen(c->pattern), &e))
            fail_msg("pattern /%s/ was accepted", c->pattern);
        if (e.unsupported != c->unsupported || e.offset != c->offset || !e.message ||
            !strstr(e.message, c->needle) || e.length < 1)
            fail_msg("/%s/: got unsupported=%d offset=%zu \"%s\"; want unsupported=%d offset=%zu "
                     "with \"%s\"",
                     c->pattern, e.unsupported, e.offset, e.message ? e.message : "(null)",
                     c->unsupported, c->offset, c->needle);
        assert_null(regex_compile(a, c->pattern, strlen(c->pattern), NULL));
        assert_int_equal(regex_search(a, c->pattern, strlen(c->pattern), "a", 1), -1);
    }
    /* A NUL byte inside the pattern text. */
    RegexError e;
    assert_false(regex_check(a, "a\0b", 3, &e));
    assert_true(e.unsupported);
    assert_int_equal(e.offset, 1);
    assert_false(regex_check(a, "\\\0", 2, &e)); /* a NUL right after a backslash */
    assert_true(e.unsupported);
    assert_int_equal(e.offset, 0);
    arena_free(a);
}

/* Every prefix of a valid pattern is either valid or rejected cleanly (no crash, no hang). */
static void test_prefixes_never_crash(void **state)
{
    (void)state;
    static const char *const P[] = {"^(?:[a-z\\d]+|\\u00e9{2,3}?)*[^\\s@]\\.x{1,}$", "(a|(b|[c-e]))+?",
                                    "[\\]\\-a-]"};
    Arena *a = arena_new();
    for (size_t i = 0; i < sizeof P / sizeof *P; i++)
        for (size_t n = 0; n <= strlen(P[i]); n++) {
            RegexError e;
            if (!regex_check(a, P[i], n, &e)) {
                assert_non_null(e.message);
                assert_true(e.offset <= n);
            }
        }
    arena_free(a);
}

/* ---- linear time on patterns that make backtracking engines explode ---------------------- */

typedef struct {
    const char *pattern;
    char fill;
    const char *tail;
    int match;
} Patho;

static void test_pathological_linear(void **state)
{
    (void)state;
    static const Patho P[] = {
        {"(a+)+$", 'a', "!", 0},
        {"^(a+)+$", 'a', "!", 0},
        {"(a|aa)*b", 'a', "", 0},
        {"(a|aa)*b", 'a', "b", 1},
        {"(x+x+)+y", 'x', "", 0},
        {"(x+x+)+y", 'x', "y", 1},
        {".*.*.*=.*", 'x', "", 0},
        {".*.*.*=.*", 'x', "=", 1},
        {"^(a|a?)+$", 'a', "!", 0},
        {"^(\\w+\\s?)*$", 'w', "!", 0},
    };
    enum { N = 100 * 1000 };
    char *in = malloc(N + 2);
    assert_non_null(in);
    Arena *a = arena_new();
    for (size_t i = 0; i < sizeof P / sizeof *P; i++) {
        memset(in, P[i].fill, N);
        size_t tl = strlen(P[i].tail);
        memcpy(in + N, P[i].tail, tl);
        const dcc_dfa *t = compile_ok(a, P[i].pattern);
        size_t steps = 0;
        int got = dcc_dfa_search_steps(t, in, N + tl, &steps);
        if (got != P[i].match) fail_msg("/%s/: got %d", P[i].pattern, got);
        assert_true(steps <= N + tl); /* one transition per byte at most */
        assert_true(t->nstates < 64); /* and the automaton stays small */
    }
    /* an early accept stops the scan: 'abc' found after 3 bytes of 100 kB */
    memset(in, 'x', N);
    memcpy(in, "abc", 3);
    size_t steps = 0;
    assert_int_equal(dcc_dfa_search_steps(compile_ok(a, "abc"), in, N, &steps), 1);
    assert_true(steps <= 3);
    /* the dead state stops an anchored scan at the first mismatch */
    assert_int_equal(dcc_dfa_search_steps(compile_ok(a, "^abd"), in, N, &steps), 0);
    assert_true(steps <= 4);
    arena_free(a);
    free(in);
}

/* Invalid UTF-8 input is not matched by '.', and never read out of bounds. */
static void test_invalid_input_safe(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const dcc_dfa *t = compile_ok(a, "^.$");
    assert_int_equal(dcc_dfa_search(t, "\xff", 1), 0);
    assert_int_equal(dcc_dfa_search(t, "\xc3", 1), 0);
    assert_int_equal(dcc_dfa_search(t, "\xed\xa0\x80", 3), 0); /* a surrogate */
    assert_int_equal(dcc_dfa_search(t, "\xc3\xa9", 2), 1);
    assert_int_equal(dcc_dfa_search(t, "\xc3\xa9", 1), 0); /* length is honoured, not NUL */
    assert_int_equal(dcc_dfa_search(compile_ok(a, "a\\u0041"), "aA", 2), 1);
    assert_int_equal(dcc_dfa_search(compile_ok(a, "a.b"), "a\0b", 3), 1); /* NUL input byte */
    arena_free(a);
}

/* ---- differential test against a backtracking reference ---------------------------------- */

/* The reference works on code points and on its own tree, never on the pattern text, so it
 * shares nothing with the parser or the compiler under test. */
typedef enum { T_CHAR, T_CAT, T_ALT, T_REP, T_BOL, T_EOL, T_EMPTY } TKind;

typedef struct TNode {
    TKind kind;
    int atom;      /* T_CHAR: index into ATOMS */
    struct TNode *a, *b;
    int min, max;  /* T_REP: max < 0 unbounded */
    int style;     /* printing variant: capturing or not, lazy or not */
} TNode;

static int is_line(uint32_t c) { return c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029; }
static int is_digit(uint32_t c) { return c >= '0' && c <= '9'; }
static int is_word(uint32_t c)
{
    return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_space(uint32_t c) { return (c >= 9 && c <= 13) || c == ' '; }

typedef struct {
    const char *text;
    int kind; /* what it matches, decoded in atom_match */
} AtomDef;

static const AtomDef ATOMS[] = {
    {"a", 0}, {"b", 1}, {"\xc3\xa9", 2}, {".", 3}, {"[ab]", 4}, {"[^a]", 5}, {"[a-\xc3\xa9]", 6},
    {"\\d", 7}, {"\\w", 8}, {"\\s", 9}, {"\\S", 10}, {"\\W", 11}, {"[\\d\\n]", 12}, {"\\n", 13},
    {"[^\\n\xe2\x82\xac]", 14}, {"\xe2\x82\xac", 15}, {"\\u20AC", 15}, {"[\xf0\x9f\x98\x80-\xf0\x9f\x98\x82" "b]", 16},
    {"\\D", 17}, {"1", 18},
};

static int atom_match(int kind, uint32_t c)
{
    switch (kind) {
    case 0: return c == 'a';
    case 1: return c == 'b';
    case 2: return c == 0xE9;
    case 3: return !is_line(c);
    case 4: return c == 'a' || c == 'b';
    case 5: return c != 'a';
    case 6: return c >= 'a' && c <= 0xE9;
    case 7: return is_digit(c);
    case 8: return is_word(c);
    case 9: return is_space(c);
    case 10: return !is_space(c);
    case 11: return !is_word(c);
    case 12: return is_digit(c) || c == '\n';
    case 13: return c == '\n';
    case 14: return c != '\n' && c != 0x20AC;
    case 15: return c == 0x20AC;
    case 16: return (c >= 0x1F600 && c <= 0x1F602) || c == 'b';
    case 17: return !is_digit(c);
    case 18: return c == '1';
    }
    return 0;
}

/* Continuations: what to match after the current node. */
typedef struct Cont {
    const TNode *n;  /* node to match next (NULL: the rest of a repetition) */
    const TNode *rep;
    int count, start;
    const struct Cont *next;
} Cont;

typedef struct {
    const uint32_t *s;
    int n;
    long budget; /* bounds the exponential worst case of the reference itself */
} Ref;

static int ref_node(Ref *r, const TNode *t, int i, const Cont *k);

static int ref_rep(Ref *r, const TNode *t, int count, int i, const Cont *k);

static int ref_cont(Ref *r, const Cont *k, int i)
{
    if (!k) return 1;
    if (k->n) return ref_node(r, k->n, i, k->next);
    /* an iteration of k->rep just ended at i; an empty one past the minimum cannot repeat */
    if (i == k->start && k->count > k->rep->min) return 0;
    return ref_rep(r, k->rep, k->count, i, k->next);
}

static int ref_rep(Ref *r, const TNode *t, int count, int i, const Cont *k)
{
    if (count >= t->min && ref_cont(r, k, i)) return 1;
    if (t->max >= 0 && count >= t->max) return 0;
    Cont again = {NULL, t, count + 1, i, k};
    return ref_node(r, t->a, i, &again);
}

static int ref_node(Ref *r, const TNode *t, int i, const Cont *k)
{
    if (--r->budget < 0) return 0;
    switch (t->kind) {
    case T_EMPTY: return ref_cont(r, k, i);
    case T_BOL: return i == 0 && ref_cont(r, k, i);
    case T_EOL: return i == r->n && ref_cont(r, k, i);
    case T_CHAR: return i < r->n && atom_match(ATOMS[t->atom].kind, r->s[i]) && ref_cont(r, k, i + 1);
    case T_ALT: return ref_node(r, t->a, i, k) || ref_node(r, t->b, i, k);
    case T_CAT: {
        Cont c = {t->b, NULL, 0, 0, k};
        return ref_node(r, t->a, i, &c);
    }
    case T_REP: return ref_rep(r, t, 0, i, k);
    }
    return 0;
}

/* 1 or 0, or -1 when the reference ran out of budget (the pair is then skipped). */
static int ref_search(const TNode *t, const uint32_t *s, int n)
{
    Ref r = {s, n, 2000000};
    for (int i = 0; i <= n; i++)
        if (ref_node(&r, t, i, NULL)) return 1;
    return r.budget < 0 ? -1 : 0;
}

typedef struct {
    uint64_t x;
} Rng;

static unsigned rnd(Rng *g, unsigned n)
{
    g->x = g->x * 6364136223846793005ull + 1442695040888963407ull;
    return (unsigned)((g->x >> 33) % n);
}

static TNode *gen(Arena *a, Rng *g, int depth)
{
    TNode *t = ARENA_NEW(a, TNode);
    unsigned k = depth <= 0 ? rnd(g, 10) : rnd(g, 18);
    t->style = (int)rnd(g, 4);
    if (k < 8) {
        t->kind = T_CHAR;
        t->atom = (int)rnd(g, sizeof ATOMS / sizeof *ATOMS);
    } else if (k == 8) {
        t->kind = rnd(g, 2) ? T_BOL : T_EOL;
    } else if (k == 9) {
        t->kind = T_EMPTY;
    } else if (k < 13) {
        t->kind = T_CAT;
        t->a = gen(a, g, depth - 1);
        t->b = gen(a, g, depth - 1);
    } else if (k < 15) {
        t->kind = T_ALT;
        t->a = gen(a, g, depth - 1);
        t->b = gen(a, g, depth - 1);
    } else {
        t->kind = T_REP;
        t->a = gen(a, g, depth - 1);
        static const int Q[][2] = {{0, -1}, {1, -1}, {0, 1}, {2, 2}, {0, 2}, {1, 3}, {2, -1}, {0, 0}};
        unsigned q = rnd(g, 8);
        t->min = Q[q][0];
        t->max = Q[q][1];
    }
    return t;
}

/* Prints t as pattern text, grouping every compound operand (style picks ( ) or (?: )). */
static void print_t(StrBuf *b, const TNode *t)
{
    const char *open = t->style & 1 ? "(?:" : "(";
    switch (t->kind) {
    case T_CHAR: sb_puts(b, ATOMS[t->atom].text); break;
    case T_BOL: sb_putc(b, '^'); break;
    case T_EOL: sb_putc(b, '$'); break;
    case T_EMPTY: sb_puts(b, open), sb_putc(b, ')'); break;
    case T_CAT:
    case T_ALT:
        sb_puts(b, open);
        print_t(b, t->a);
        if (t->kind == T_ALT) sb_putc(b, '|');
        print_t(b, t->b);
        sb_putc(b, ')');
        break;
    case T_REP: {
        bool wrap = t->a->kind != T_CHAR;
        if (wrap) sb_puts(b, "(?:");
        print_t(b, t->a);
        if (wrap) sb_putc(b, ')');
        if (t->min == 0 && t->max < 0) sb_putc(b, '*');
        else if (t->min == 1 && t->max < 0) sb_putc(b, '+');
        else if (t->min == 0 && t->max == 1) sb_putc(b, '?');
        else if (t->max < 0) sb_printf(b, "{%d,}", t->min);
        else if (t->min == t->max) sb_printf(b, "{%d}", t->min);
        else sb_printf(b, "{%d,%d}", t->min, t->max);
        if (t->style & 2) sb_putc(b, '?'); /* lazy */
        break;
    }
    }
}

static const uint32_t ALPHABET[] = {'a', 'b', 0xE9, '1', '\n', 0x20AC, 0x1F601, ' '};

static size_t encode(uint32_t c, char *o)
{
    if (c < 0x80) return o[0] = (char)c, 1;
    if (c < 0x800) return o[0] = (char)(0xC0 | c >> 6), o[1] = (char)(0x80 | (c & 63)), 2;
    if (c < 0x10000)
        return o[0] = (char)(0xE0 | c >> 12), o[1] = (char)(0x80 | ((c >> 6) & 63)),
               o[2] = (char)(0x80 | (c & 63)), 3;
    return o[0] = (char)(0xF0 | c >> 18), o[1] = (char)(0x80 | ((c >> 12) & 63)),
           o[2] = (char)(0x80 | ((c >> 6) & 63)), o[3] = (char)(0x80 | (c & 63)), 4;
}

static void test_differential(void **state)
{
    (void)state;
    Rng g = {20260101};
    Arena *a = arena_new();
    int pairs = 0, matches = 0;
    for (int p = 0; p < 600; p++) {
        TNode *t = gen(a, &g, 1 + (int)rnd(&g, 4));
        StrBuf pat;
        sb_init(&pat);
        print_t(&pat, t);
        RegexError e;
        RegexDfa *d = regex_compile(a, pat.data, pat.len, &e);
        if (!d) fail_msg("generated /%s/ rejected: %s", pat.data, e.message);
        const dcc_dfa *tab = regex_dfa_tables(a, d);
        assert_true(dcc_dfa_check(tab));
        /* the ECMA and PostgreSQL spellings denote the same language: recompile and compare */
        const char *ecma = regex_translate(a, pat.data, pat.len, REGEX_ECMA, NULL);
        assert_non_null(ecma);
        const dcc_dfa *tab2 = compile_ok(a, ecma);
        for (int s = 0; s < 10; s++) {
            uint32_t cps[8];
            char bytes[8 * 4];
            int n = (int)rnd(&g, 8);
            size_t len = 0;
            for (int i = 0; i < n; i++) {
                cps[i] = ALPHABET[rnd(&g, sizeof ALPHABET / sizeof *ALPHABET)];
                len += encode(cps[i], bytes + len);
            }
            int want = ref_search(t, cps, n);
            if (want < 0) continue;
            int got = dcc_dfa_search(tab, bytes, len);
            if (got != want)
                fail_msg("/%s/ on %d code points \"%.*s\": DFA %d, reference %d", pat.data, n,
                         (int)len, bytes, got, want);
            assert_int_equal(dcc_dfa_search(tab2, bytes, len), want);
            pairs++;
            matches += want;
        }
        sb_free(&pat);
    }
    /* the generator must exercise both outcomes substantially */
    assert_true(pairs >= 5000);
    assert_true(matches > pairs / 5 && matches < pairs * 4 / 5);
    arena_free(a);
}

/* ---- minimisation ------------------------------------------------------------------------ */

/* Do a and b accept the same strings? Walks the pairs of states both reach on the same input
 * (every byte class pair that some byte gives), comparing accept bits: an exact check. */
static bool same_language(Arena *a, const dcc_dfa *x, const dcc_dfa *y)
{
    size_t ny = y->nstates, cells = (size_t)x->nstates * ny;
    uint8_t *seen = arena_alloc(a, cells);
    memset(seen, 0, cells);
    uint32_t *queue = arena_alloc(a, cells * sizeof *queue);
    size_t head = 0, tail = 0;
    queue[tail++] = (uint32_t)(x->start * ny + y->start);
    seen[x->start * ny + y->start] = 1;
    while (head < tail) {
        uint32_t p = (uint32_t)(queue[head] / ny), q = (uint32_t)(queue[head] % ny);
        head++;
        if (x->accept[p] != y->accept[q]) return false;
        for (unsigned b = 0; b < 256; b++) {
            size_t np = x->trans[(size_t)p * x->nclasses + x->byte_class[b]];
            size_t nq = y->trans[(size_t)q * y->nclasses + y->byte_class[b]];
            if (!seen[np * ny + nq]) seen[np * ny + nq] = 1, queue[tail++] = (uint32_t)(np * ny + nq);
        }
    }
    return true;
}

/* States of d told apart by some input (Moore's refinement, the slow and obvious way): the
 * size of the minimal automaton, to check the compiler's Hopcroft against. */
static uint32_t moore_classes(Arena *a, const dcc_dfa *d)
{
    uint32_t n = d->nstates, k = d->nclasses, count = 0;
    uint32_t *cls = arena_alloc(a, n * sizeof *cls), *next = arena_alloc(a, n * sizeof *next);
    for (uint32_t s = 0; s < n; s++) cls[s] = d->accept[s];
    for (;;) {
        uint32_t m = 0;
        for (uint32_t s = 0; s < n; s++) {
            next[s] = UINT32_MAX;
            for (uint32_t r = 0; r < s && next[s] == UINT32_MAX; r++) {
                bool same = cls[r] == cls[s];
                for (uint32_t c = 0; same && c < k; c++)
                    same = cls[d->trans[(size_t)r * k + c]] == cls[d->trans[(size_t)s * k + c]];
                if (same) next[s] = next[r];
            }
            if (next[s] == UINT32_MAX) next[s] = m++;
        }
        memcpy(cls, next, n * sizeof *cls);
        if (m == count) return m;
        count = m;
    }
}

/* Random patterns: the minimised automaton accepts exactly what the unminimised one does, is
 * as small as Moore's refinement says, has no more classes, and finds the same matches in the
 * runtime's forms. */
static void test_minimize_differential(void **state)
{
    (void)state;
    Rng g = {20261202};
    int shrunk = 0, merged = 0;
    for (int p = 0; p < 400; p++) {
        Arena *a = arena_new();
        TNode *t = gen(a, &g, 1 + (int)rnd(&g, 5));
        StrBuf pat;
        sb_init(&pat);
        print_t(&pat, t);
        RegexError e;
        RegexDfa *dm = regex_compile(a, pat.data, pat.len, &e);
        RegexDfa *du = regex_compile_unminimized(a, pat.data, pat.len, &e);
        if (!dm || !du) fail_msg("generated /%s/ rejected: %s", pat.data, e.message);
        const dcc_dfa *m = regex_dfa_tables(a, dm), *u = regex_dfa_tables(a, du);
        assert_true(dcc_dfa_check(m) && dcc_dfa_check(u));
        if (!same_language(a, m, u)) fail_msg("/%s/: minimising changed the language", pat.data);
        if (m->nstates != moore_classes(a, u))
            fail_msg("/%s/: %u states, Moore says %u", pat.data, m->nstates, moore_classes(a, u));
        assert_true(m->nclasses <= u->nclasses);
        shrunk += m->nstates < u->nstates;
        merged += m->nclasses < u->nclasses;
        sb_free(&pat);
        arena_free(a);
    }
    /* the generator must make automata that minimising changes */
    assert_true(shrunk > 20 && merged > 20);
}

/* The definition of a[ab]{40}: u[0..n) holds an a followed by 40 of a and b. */
static int a_then_40_ab(const char *u, int n)
{
    for (int i = 0; i + 40 < n; i++) {
        int k = 1;
        while (k <= 40 && (u[i + k] == 'a' || u[i + k] == 'b')) k++;
        if (u[i] == 'a' && k > 40) return 1;
    }
    return 0;
}

/* pattern finds a match in 3000 random texts exactly when definition says one is there. The
 * texts are mostly a and b, so that runs of 41 and more are common; c and the odd multi-byte
 * character break them. */
static void search_as_defined(Arena *a, const char *pattern, int (*definition)(const char *, int))
{
    const dcc_dfa *t = compile_ok(a, pattern);
    char u[120];
    for (int r = 0; r < 3000; r++) {
        int n = rand() % 110;
        for (int i = 0; i < n; i++) {
            unsigned x = (unsigned)rand() % 64;
            u[i] = x < 28 ? 'a' : x < 62 ? 'b' : x < 63 ? 'c' : '\xc3';
            if (u[i] == '\xc3' && i + 1 < n) u[++i] = '\xa9';
        }
        if (dcc_dfa_search(t, u, (size_t)n) != definition(u, n))
            fail_msg("/%s/ on %.*s: not the definition's verdict %d", pattern, n, u, definition(u, n));
    }
}

/* Patterns refused before the automaton was minimised: their minimal automata are small. */
static void test_minimal_small(void **state)
{
    (void)state;
    Arena *a = arena_new();
    static const struct {
        const char *pattern;
        uint32_t max_states;
    } P[] = {
        {"(a|b)*a(a|b){14}", 20}, {"a(a|b){14}", 20}, {"[ab]*a[ab]{16}", 22},
        {"(?:x|y)*x(?:x|y){15}(?:z|)", 22},
        /* docs/patterns.md: an a then n of a and b takes n + 3 states (dead, accepting, start,
         * then one per byte matched so far); refused before threads were pruned from n = 18 */
        {"a[ab]{17}", 20}, {"a[ab]{18}", 21}, {"a[ab]{40}", 43}, {"[ab]*a[ab]{40}", 43},
        {"(a|b)*a(a|b){40}", 43}, {"x.{11}", 200}, {"x.{12}", 200}, {"x.{50}", 1000},
        {"a[ab]{12}$", 10000}, {"(^|[^ab])b*a[ab]{40}", 51}, {"a[ab]{255}", 258},
        /* docs/patterns.md's limits and rewrites: up to 4 bytes a character, about ten states
         * for each character counted */
        {".{80}", 900}, {"(^|[\\n\\r\\u2028\\u2029]).{255}", 2600}, {"(^|\\W)\\w{255}\\w*x", 300},
    };
    for (size_t i = 0; i < sizeof P / sizeof *P; i++) {
        const dcc_dfa *t = compile_ok(a, P[i].pattern);
        if (t->nstates > P[i].max_states)
            fail_msg("/%s/: %u states", P[i].pattern, t->nstates);
    }
    /* "an a, then 14 more of a and b" over the definition, on every string up to 17 long */
    const dcc_dfa *t = compile_ok(a, "(a|b)*a(a|b){14}");
    char s[18];
    for (int n = 0; n <= 17; n++)
        for (int r = 0; r < 300; r++) {
            int want = 0, run = 0;
            for (int i = 0; i < n; i++) {
                unsigned x = (unsigned)rand() % 8;
                s[i] = x < 4 ? 'a' : x < 7 ? 'b' : 'c';
                run = s[i] == 'c' ? 0 : run + 1; /* a run of a and b, ending here */
                /* a match ends here if the byte 14 back is an a inside the current run */
                if (run >= 15 && s[i - 14] == 'a') want = 1;
            }
            assert_int_equal(dcc_dfa_search(t, s, (size_t)n), want);
        }
    /* a[ab]{40}, and docs/patterns.md's rewrite of it (refused) with its earliest start
     * explicit, over the definition of a[ab]{40} */
    search_as_defined(a, "(^|[^ab])b*a[ab]{40}", a_then_40_ab);
    search_as_defined(a, "a[ab]{40}", a_then_40_ab);
    /* docs/patterns.md's rewrite of \w{255}x (refused) over the definition: an x with at least
     * 255 word characters right before it. Runs of 240 to 290 word characters, x among them. */
    t = compile_ok(a, "(^|\\W)\\w{255}\\w*x");
    char *v = malloc(700);
    assert_non_null(v);
    for (int r = 0; r < 400; r++) {
        int n = 0, want = 0;
        while (n < 600) {
            int run = 240 + rand() % 50;
            for (int i = 0; i < run && n < 600; i++)
                v[n++] = rand() % 40 == 0 ? 'x' : (char)('a' + rand() % 3);
            if (n < 600) v[n++] = rand() % 2 ? ' ' : '-';
        }
        for (int j = 0, w = 0; j < n; j++) {
            if (v[j] == 'x' && w >= 255) want = 1;
            w = (v[j] == ' ' || v[j] == '-') ? 0 : w + 1;
        }
        assert_int_equal(dcc_dfa_search(t, v, (size_t)n), want);
    }
    free(v);
    /* A searched prefix that may be empty changes nothing: .{0,100}x.{50} is x.{50} (issue 9's
     * slow refusal), and compiles to the same automaton. */
    const dcc_dfa *long_prefix = compile_ok(a, ".{0,100}x.{50}");
    const dcc_dfa *no_prefix = compile_ok(a, "x.{50}");
    assert_int_equal(long_prefix->nstates, no_prefix->nstates);
    assert_int_equal(regex_relate(a, ".{0,100}x.{50}", 14, "x.{50}", 6, 0), REGEX_SAME);
    /* 300 words, searched unanchored: the automaton is the words' trie with failure links */
    StrBuf p;
    sb_init(&p);
    Rng g = {300};
    char words[300][11];
    for (int w = 0; w < 300; w++) {
        int len = 4 + (int)rnd(&g, 7);
        for (int i = 0; i < len; i++) words[w][i] = (char)('a' + rnd(&g, 26));
        words[w][len] = 0;
        if (w) sb_putc(&p, '|');
        sb_puts(&p, words[w]);
    }
    t = compile_ok(a, p.data);
    assert_true(t->nstates <= 300 * 10 + 2);
    char text[64];
    for (int w = 0; w < 300; w++) {
        snprintf(text, sizeof text, "%.*s %.10s.", w % 5, "-----", words[w]);
        assert_int_equal(dcc_dfa_search(t, text, strlen(text)), 1);
        text[strlen(text) - 2] = '#'; /* the last letter gone: only another word could match */
        int other = 0;
        for (int v = 0; v < 300; v++) other |= strstr(text, words[v]) != NULL;
        assert_int_equal(dcc_dfa_search(t, text, strlen(text)), other);
    }
    sb_free(&p);
    arena_free(a);
}

/* ---- bounded work: refusing is as quick as compiling (issue 9) ------------------------------ */

/* Every pattern here once took from 10^7 to 10^8 steps of the construction before it was
 * refused or compiled (0.1 s and more at -O2, seconds in the fuzzer's build). The compiler
 * counts its work and stops at REGEX_MAX_WORK, checking at least once per transition, so the
 * count never passes the bound by more than one transition's work. Counted, not timed. */
static void test_bounded_work(void **state)
{
    (void)state;
    StrBuf words, mutant;
    sb_init(&words);
    sb_init(&mutant);
    Rng g = {15};
    for (int w = 0; w < 300; w++) { /* 300 words of 8 to 15 letters, unanchored */
        if (w) sb_putc(&words, '|');
        for (int i = 0, len = 8 + (int)rnd(&g, 8); i < len; i++)
            sb_putc(&words, (char)('a' + rnd(&g, 26)));
    }
    sb_puts(&mutant, "a(.a|b)*a(a|bb"); /* the shape of fuzz_regex's 161-byte slow unit */
    for (int i = 0; i < 146; i++) sb_putc(&mutant, 'O');
    sb_putc(&mutant, ')');
    StrBuf vs; /* tests/fuzz/crashes/fuzz_regex-2: 14 s in the fuzzer under the first bound */
    sb_init(&vs);
    sb_puts(&vs, ".{0,}");
    for (int i = 0; i < 57; i++) sb_putc(&vs, 'V');
    sb_puts(&vs, "1x.{50}");
    const char *const P[] = {
        ".{0,100}x.{50}", ".{255}", "(a|b)*a(a|b){14}$", "[ab]*a[ab]{40}$", "a[ab]{200}$",
        "((a{255}){255})", "(.{255}){100}", "((((((){255}){255}){255}){255}){255}){255}",
        "[^a]{255}", "\\w{255}x", "(x+x+)+y{255}", "(.*a){20}", "(.*a.*b.*c){30}",
        "(a|b|c|d|e|f|g|h)*a(a|b|c|d|e|f|g|h){12}", "(\\w+\\s?){1,255}x", "[\u0100-\uFFFF]{255}",
        "[^ ]{255}@", "(.|..){255}", /* docs/patterns.md: refused before, now compile */
        "\\S{255}@", ".{255}x",       /* docs/patterns.md: still refused, small when minimal */
        words.data, mutant.data, vs.data,
    };
    for (size_t i = 0; i < sizeof P / sizeof *P; i++) {
        Arena *a = arena_new();
        RegexError e;
        RegexStats st;
        RegexDfa *d = regex_compile_stats(a, P[i], strlen(P[i]), &e, &st);
        if (st.work > REGEX_MAX_WORK + REGEX_MAX_WORK / 16)
            fail_msg("/%.60s/: %zu steps, over the bound %d", P[i], st.work, REGEX_MAX_WORK);
        assert_true(st.work > 0);
        if (!d) {
            assert_true(e.unsupported);
            assert_non_null(strstr(e.message, "too complex for a DFA"));
        }
        arena_free(a);
    }
    /* and small patterns stay small: the count is of the work, not a constant */
    Arena *a = arena_new();
    RegexStats st;
    assert_non_null(regex_compile_stats(a, "^[A-Z]{3}$", 10, NULL, &st));
    assert_true(st.work < 5000);
    assert_non_null(regex_compile_stats(a, "a[ab]{40}", 9, NULL, &st));
    assert_true(st.work < 100000 && st.built_states == 43); /* no subset beyond the minimal ones */
    arena_free(a);
    sb_free(&words);
    sb_free(&mutant);
    sb_free(&vs);
}

/* ---- small minimal automata compile however written (issue 15) ---------------------------- */

/* Is there a match of .{n} in v: n code points in a row, none a line terminator? */
static int dot_run_want(const char *v, size_t len, int n)
{
    int run = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)v[i];
        if (c >= 0x80 && c < 0xC0) continue; /* a continuation byte: the same character */
        bool term = c == '\n' || c == '\r' ||
                    (c == 0xE2 && i + 2 < len && (unsigned char)v[i + 1] == 0x80 &&
                     ((unsigned char)v[i + 2] == 0xA8 || (unsigned char)v[i + 2] == 0xA9));
        run = term ? 0 : run + 1;
        if (run >= n) return 1;
    }
    return 0;
}

/* Patterns whose minimal automaton is small but whose subsets once were not cheap to prune:
 * in \w{255}x every start inside a run of word characters stays alive and none covers another
 * (each needs its own count of word characters before its x); in .{255} each copy of `.` has
 * ten byte states. Each now compiles to exactly its minimal automaton, no subset more, and the
 * counts are reasoned by hand: \w{n}x remembers how many word characters end the text, 0 to n
 * (n + 1 states), and .{n} how many characters, 0 to n - 1, each with the ten places one can be
 * inside a character (between two; one, two or three continuation bytes to come; after E0,
 * ED, F0 or F4, whose second byte is restricted; after E2 and after E2 80, since U+2028 and
 * U+2029 are line terminators); plus the dead and the accepting state. */
static void test_small_however_written(void **state)
{
    (void)state;
    static const struct {
        const char *pattern, *rewrite; /* rewrite: the same language, the earliest start explicit */
        uint32_t states;
        size_t max_work; /* 0: half the bound (pruning pays for itself, well inside it) */
    } P[] = {
        {"\\w{255}x", "(^|\\W)\\w{255}\\w*x", 255 + 1 + 2, 0},
        {"\\w{254}x", "(^|\\W)\\w{254}\\w*x", 254 + 1 + 2, 0},
        {".{200}", "(^|[\\n\\r\\u2028\\u2029]).{200}", 200 * 10 + 2, 0},
        {".{255}", "(^|[\\n\\r\\u2028\\u2029]).{255}", 255 * 10 + 2, 0},
        /* docs/patterns.md: refused from n = 70, now merged into .{n,2n} */
        {"(.|..){254}", ".{254}", 254 * 10 + 2, 0},
        {"(.|..){255}", ".{255}", 255 * 10 + 2, 0},
        /* an @ after n characters that are not a space: how many end the text, 0 to n, times
         * where it is inside a character (eight places), dead and accepting; refused from
         * n = 150, now within the bound (measured 28.0 M steps at n = 255) with no state
         * more than the minimum, since no thread simulates another */
        {"[^ ]{254}@", "(^| )[^ ]{254}[^ ]*@", 254 * 8 + 3, REGEX_MAX_WORK},
        {"[^ ]{255}@", "(^| )[^ ]{255}[^ ]*@", 255 * 8 + 3, REGEX_MAX_WORK},
    };
    for (size_t i = 0; i < sizeof P / sizeof *P; i++) {
        Arena *a = arena_new();
        RegexError e;
        RegexStats st;
        RegexDfa *d = regex_compile_stats(a, P[i].pattern, strlen(P[i].pattern), &e, &st);
        if (!d) fail_msg("/%s/ refused: %s", P[i].pattern, e.message);
        const dcc_dfa *t = regex_dfa_tables(a, d);
        if (t->nstates != P[i].states || st.built_states != P[i].states)
            fail_msg("/%s/: %u states, %zu built; want %u", P[i].pattern, t->nstates,
                     st.built_states, P[i].states);
        /* pruning pays for itself: well inside the bound, not just under it */
        if (st.work > (P[i].max_work ? P[i].max_work : REGEX_MAX_WORK / 2))
            fail_msg("/%s/: %zu steps of work", P[i].pattern, st.work);
        assert_int_equal(regex_relate(a, P[i].pattern, strlen(P[i].pattern), P[i].rewrite,
                                      strlen(P[i].rewrite), 0), REGEX_SAME);
        if (P[i].rewrite[0] == '.') { /* the same language on every byte string: same tables */
            const dcc_dfa *u = compile_ok(a, P[i].rewrite);
            assert_true(u->nstates == t->nstates && u->nclasses == t->nclasses &&
                        u->start == t->start);
            assert_memory_equal(u->byte_class, t->byte_class, 256);
            assert_memory_equal(u->trans, t->trans, (size_t)t->nstates * t->nclasses * 4);
            assert_memory_equal(u->accept, t->accept, t->nstates);
        }
        arena_free(a);
    }

    /* Each over its definition on generated texts: \w{n}x, an x right after at least n word
     * characters, on runs of word characters around n long, an x or another letter after them,
     * breaks between; .{n}, n characters in a row none a line terminator, on runs of characters
     * of one to four bytes around n long, broken by line terminators. */
    static const char *const chars[] = {"a", " ", "\xc3\xa9", "\xe2\x82\xac", "\xf0\x9f\x98\x80",
                                        "\xe2\x80\xa7", "\xed\x9f\xbf", "\xf4\x8f\xbf\xbf"};
    static const char *const terms[] = {"\n", "\r", "\xe2\x80\xa8", "\xe2\x80\xa9"};
    /* and [^ ]{n}@, an @ right after at least n characters none a space (the @ one of them),
     * on runs of non-space characters, @ among them, ended by a space or an @ */
    static const char *const nonspace[] = {"a", "@", "\xc3\xa9", "\xe2\x82\xac",
                                           "\xf0\x9f\x98\x80", "\n", "\xe2\x80\xa8", "b"};
    enum { WORD, DOT, AT };
    static const struct {
        const char *pattern;
        int n, kind;
    } D[] = {{"\\w{254}x", 254, WORD}, {"\\w{255}x", 255, WORD}, {".{200}", 200, DOT},
             {".{255}", 255, DOT}, {"(.|..){255}", 255, DOT}, {"[^ ]{254}@", 254, AT},
             {"[^ ]{255}@", 255, AT}};
    Rng g = {15};
    char *v = malloc(600 + 260 * 4 + 8); /* a last run of n + 2 characters of up to 4 bytes */
    assert_non_null(v);
    for (size_t i = 0; i < sizeof D / sizeof *D; i++) {
        Arena *a = arena_new();
        const dcc_dfa *t = compile_ok(a, D[i].pattern);
        int n = D[i].n, seen[2] = {0, 0};
        for (int r = 0; r < 400; r++) {
            size_t len = 0;
            int want = 0;
            while (len < 600) {
                int run = n - 3 + (int)rnd(&g, 6); /* n - 3 .. n + 2 */
                for (int k = 0; k < run; k++) {
                    /* (an @ inside the run one time in 32) */
                    const char *c = D[i].kind == WORD ? (const char[]){"ab_Z09xq"[rnd(&g, 8)], 0}
                                    : D[i].kind == DOT ? chars[rnd(&g, 8)]
                                                       : nonspace[rnd(&g, 4) ? 0 : rnd(&g, 8)];
                    memcpy(v + len, c, strlen(c));
                    len += strlen(c);
                }
                const char *c = D[i].kind == WORD  ? (rnd(&g, 2) ? "x " : "y\xc3\xa9")
                                : D[i].kind == DOT ? terms[rnd(&g, 4)]
                                                   : (const char *[]){" ", "@ ", "@"}[rnd(&g, 3)];
                memcpy(v + len, c, strlen(c));
                len += strlen(c);
            }
            if (D[i].kind == AT) {
                for (size_t j = 0, w = 0; j < len; j++) { /* w: characters since a space */
                    if (v[j] == '@' && w >= (size_t)n) want = 1;
                    w = v[j] == ' ' ? 0 : w + (((unsigned char)v[j] & 0xC0) != 0x80);
                }
            } else if (D[i].kind == WORD) {
                for (size_t j = 0, w = 0; j < len; j++) {
                    if (v[j] == 'x' && w >= (size_t)n) want = 1;
                    unsigned char c = (unsigned char)v[j];
                    bool word = c == '_' || (c >= '0' && c <= '9') ||
                                ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
                    w = word ? w + 1 : 0;
                }
            } else {
                want = dot_run_want(v, len, n);
            }
            seen[want]++;
            assert_int_equal(dcc_dfa_search(t, v, len), want);
        }
        if (seen[0] < 20 || seen[1] < 20) /* both answers are tested */
            fail_msg("/%s/: %d texts match, %d do not", D[i].pattern, seen[1], seen[0]);
        arena_free(a);
    }
    free(v);
}

/* ---- translation for other engines -------------------------------------------------------- */

static void test_translate(void **state)
{
    (void)state;
    static const struct {
        const char *in, *ecma, *pg;
    } T[] = {
        {"^[A-Z0-9-]+$", "^[\\-0-9A-Z]+$", "^[\\-0-9A-Z]+$"},
        {"a.b", "a.b", "a[^\\n\\r\\u2028\\u2029]b"},
        {"\\d\\w\\s", "[0-9][0-9A-Z_a-z][\\t-\\r ]", "[0-9][0-9A-Z_a-z][\\t-\\r ]"},
        {"\\D", "[^0-9]", "[^0-9]"},
        {"(ab|c)+?x{2,3}", "(?:ab|c)+x{2,3}", "(?:ab|c)+x{2,3}"},
        {"a(b|c)d", "a(?:b|c)d", "a(?:b|c)d"},
        {"\\.\\u00e9\\/", "\\.\xc3\xa9/", "\\.\xc3\xa9/"},
        {"[^\\]]", "[^\\]]", "[^\\]]"},
        {"\\t\\u0001", "\\t\\u0001", "\\t\\u0001"},
    };
    Arena *a = arena_new();
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        const char *e = regex_translate(a, T[i].in, strlen(T[i].in), REGEX_ECMA, NULL);
        const char *p = regex_translate(a, T[i].in, strlen(T[i].in), REGEX_POSTGRES, NULL);
        assert_non_null(e);
        assert_non_null(p);
        assert_string_equal(e, T[i].ecma);
        assert_string_equal(p, T[i].pg);
    }
    RegexError err;
    assert_null(regex_translate(a, "(?=x)", 5, REGEX_ECMA, &err));
    assert_true(err.unsupported);
    arena_free(a);
}

/* ---- printing tables as C ----------------------------------------------------------------- */

static void test_print_c(void **state)
{
    (void)state;
    Arena *a = arena_new();
    const dcc_dfa *t = compile_ok(a, "^[a-z]+@\xc3\xa9$");
    StrBuf b1, b2;
    sb_init(&b1);
    sb_init(&b2);
    regex_dfa_print_c(&b1, t, "pat_email");
    regex_dfa_print_c(&b2, compile_ok(a, "^[a-z]+@\xc3\xa9$"), "pat_email");
    assert_string_equal(b1.data, b2.data); /* deterministic */
    assert_non_null(strstr(b1.data, "static const uint8_t pat_email_classes[256] = {"));
    assert_non_null(strstr(b1.data, "static const dcc_dfa pat_email = {"));

    /* Compile and run the printed tables when a C compiler and the runtime sources are at hand
     * (the test runs from the repository root). */
    if (access("runtime/dcc_regex.c", R_OK) == 0 && system("cc --version >/dev/null 2>&1") == 0) {
        char dir[] = "/tmp/dcc_regex_XXXXXX";
        assert_non_null(mkdtemp(dir));
        char path[64], cmd[512];
        snprintf(path, sizeof path, "%s/gen.c", dir);
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fprintf(f, "#include <string.h>\n#include \"dcc_regex.h\"\n%s", b1.data);
        fputs("int main(void)\n{\n"
              "    const char *yes = \"bob@\\xc3\\xa9\", *no = \"bob@e\";\n"
              "    return !(dcc_dfa_check(&pat_email) && dcc_dfa_search(&pat_email, yes, strlen(yes))\n"
              "             && !dcc_dfa_search(&pat_email, no, strlen(no)));\n}\n",
              f);
        fclose(f);
        snprintf(cmd, sizeof cmd,
                 "cc -std=c11 -Wall -Wextra -Werror -pedantic -I runtime -o %s/gen %s "
                 "runtime/dcc_regex.c && %s/gen",
                 dir, path, dir);
        int rc = system(cmd);
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        assert_int_equal(system(cmd), 0);
        assert_int_equal(rc, 0);
    }
    sb_free(&b1);
    sb_free(&b2);
    arena_free(a);
}

/* Hand-made tables: the checker refuses out-of-range states and non-absorbing accepts. */
static void test_dfa_check(void **state)
{
    (void)state;
    uint8_t cls[256] = {0};
    uint32_t trans[3] = {0, 2, 2};
    uint8_t acc[3] = {0, 0, DCC_DFA_ACCEPT};
    dcc_dfa d = {.nstates = 3, .nclasses = 1, .byte_class = cls, .trans = trans, .accept = acc, .start = 1};
    assert_true(dcc_dfa_check(&d));
    assert_int_equal(dcc_dfa_search(&d, "x", 1), 1);
    assert_int_equal(dcc_dfa_search(&d, "", 0), 0);
    trans[1] = 3;
    assert_false(dcc_dfa_check(&d));
    trans[1] = 2;
    trans[2] = 1;
    assert_false(dcc_dfa_check(&d));
    trans[2] = 2;
    cls[200] = 1;
    assert_false(dcc_dfa_check(&d));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_matches),
        cmocka_unit_test(test_rejects),
        cmocka_unit_test(test_prefixes_never_crash),
        cmocka_unit_test(test_pathological_linear),
        cmocka_unit_test(test_invalid_input_safe),
        cmocka_unit_test(test_differential),
        cmocka_unit_test(test_minimize_differential),
        cmocka_unit_test(test_minimal_small),
        cmocka_unit_test(test_bounded_work),
        cmocka_unit_test(test_small_however_written),
        cmocka_unit_test(test_translate),
        cmocka_unit_test(test_print_c),
        cmocka_unit_test(test_dfa_check),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
