/* oracle_cases.c - test cases for checking regex_translate against real regex engines.
 *
 * Prints one case per line, seven tab-separated columns:
 *   ECMA spelling, PostgreSQL spelling, subject   (JSON strings)
 *   dcc's verdict                                 (1 or 0: does dcc find a match in subject?)
 *   the pattern as written, where the case came from (JSON strings)
 *   RE2 spelling (JSON string; DuckDB's regexp_matches, tests/sql/regex_oracle.mjs)
 * Every string is JSON-encoded with all control characters escaped, so a column never holds a
 * raw tab, newline or \x01 (tests/regex/pg_oracle.sh uses \x01 as its CSV quote character).
 * The oracles (node_oracle.js, pg_oracle.sh) run each spelling in the real engine and compare.
 *
 * Cases: a hand-written table of every construct (with the verdict docs/patterns.md promises,
 * checked here against dcc too), every `pattern "..."` in the .dc files named on the command
 * line with subjects that match and subjects that do not (generated from dcc's own DFA), and
 * random patterns from a small grammar (fixed seed), patterns that compile only because the
 * automaton is minimised (they must), and runs around the counts of long counted repetitions.
 * Other patterns regex_check rejects are skipped.
 *
 * usage: oracle_cases [--random N] [--seed S] FILE.dc... > cases.tsv
 * Exit status 1 when the hand table disagrees with dcc (the cases are printed all the same). */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "dcc_regex.h"
#include "regex.h"
#include "strbuf.h"

typedef struct {
    uint64_t s;
} Rng;

static uint32_t rnd(Rng *g, uint32_t n)
{
    g->s ^= g->s << 13;
    g->s ^= g->s >> 7;
    g->s ^= g->s << 17;
    return (uint32_t)(g->s % n);
}

typedef struct {
    FILE *out;
    long patterns, skipped, cases, matches, errors;
} Emitter;

/* JSON string; s is valid UTF-8 (every string here is built from valid pieces). */
static void put_json(FILE *f, const char *s, size_t n)
{
    fputc('"', f);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '"' || c == '\\') fprintf(f, "\\%c", c);
        else if (c < 0x20 || c == 0x7F) fprintf(f, "\\u%04x", c);
        else if (c == 0xE2 && i + 2 < n && (unsigned char)s[i + 1] == 0x80 &&
                 ((unsigned char)s[i + 2] == 0xA8 || (unsigned char)s[i + 2] == 0xA9)) {
            /* U+2028/U+2029 are line terminators to some JSON readers' callers: escape */
            fprintf(f, "\\u%04x", 0x2000 | ((unsigned char)s[i + 2] == 0xA8 ? 0x28 : 0x29));
            i += 2;
        } else fputc(c, f);
    }
    fputc('"', f);
}

/* A compiled pattern with both spellings, ready to emit cases for. */
typedef struct {
    const char *pattern;
    size_t plen;
    const char *ecma, *pg, *re2;
    const dcc_dfa *dfa;
    const char *origin;
} Prepared;

/* Prepares pattern in a; false (and counts it as skipped) when dcc rejects it. */
static bool prepare(Emitter *em, Arena *a, const char *pattern, size_t plen, const char *origin,
                    Prepared *p)
{
    RegexError err;
    if (!regex_check(a, pattern, plen, &err)) {
        em->skipped++;
        return false;
    }
    RegexDfa *d = regex_compile(a, pattern, plen, &err);
    p->ecma = regex_translate(a, pattern, plen, REGEX_ECMA, &err);
    p->pg = regex_translate(a, pattern, plen, REGEX_POSTGRES, &err);
    p->re2 = regex_translate(a, pattern, plen, REGEX_RE2, &err);
    if (!d || !p->ecma || !p->pg || !p->re2) {
        /* regex_check accepted it, so the others must too */
        fprintf(stderr, "oracle_cases: /%.*s/ checks but does not compile or translate\n",
                (int)plen, pattern);
        em->errors++;
        return false;
    }
    p->pattern = pattern;
    p->plen = plen;
    p->dfa = regex_dfa_tables(a, d);
    p->origin = origin;
    em->patterns++;
    return true;
}

/* Is s valid UTF-8 (no overlongs, surrogates or NUL)? Subjects must be: PostgreSQL text cannot
 * hold anything else, and dcc's validators reject it before any pattern is tried. */
static bool valid_utf8(const char *s, size_t n)
{
    for (size_t i = 0; i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t k = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
        if (!k || c == 0 || i + k > n) return false;
        uint32_t cp = k == 1 ? c : (uint32_t)(c & (0x7F >> k));
        for (size_t j = 1; j < k; j++) {
            if (((unsigned char)s[i + j] & 0xC0) != 0x80) return false;
            cp = cp << 6 | ((unsigned char)s[i + j] & 0x3F);
        }
        static const uint32_t min[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min[k] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += k;
    }
    return true;
}

static int emit(Emitter *em, const Prepared *p, const char *s, size_t n)
{
    if (!valid_utf8(s, n)) {
        fprintf(stderr, "oracle_cases: %s: subject is not valid UTF-8\n", p->origin);
        em->errors++;
        return -1;
    }
    int v = dcc_dfa_search(p->dfa, s, n);
    put_json(em->out, p->ecma, strlen(p->ecma));
    fputc('\t', em->out);
    put_json(em->out, p->pg, strlen(p->pg));
    fputc('\t', em->out);
    put_json(em->out, s, n);
    fprintf(em->out, "\t%d\t", v);
    put_json(em->out, p->pattern, p->plen);
    fputc('\t', em->out);
    put_json(em->out, p->origin, strlen(p->origin));
    fputc('\t', em->out);
    put_json(em->out, p->re2, strlen(p->re2));
    fputc('\n', em->out);
    em->cases++;
    em->matches += v;
    return v;
}

/* ---- (a) the hand-written table ----------------------------------------------------------- */

/* Subjects start with '+' (must match) or '-' (must not); the rest is the subject. */
typedef struct {
    const char *pattern;
    const char *subjects[10];
} HandCase;

#define E_ACUTE "\xc3\xa9"        /* é U+00E9, 2 bytes */
#define EURO "\xe2\x82\xac"       /* € U+20AC, 3 bytes */
#define GRIN "\xf0\x9f\x98\x80"   /* 😀 U+1F600, 4 bytes */
#define LSEP "\xe2\x80\xa8"       /* U+2028 LINE SEPARATOR */
#define PSEP "\xe2\x80\xa9"       /* U+2029 PARAGRAPH SEPARATOR */
#define NBSP "\xc2\xa0"           /* U+00A0, a space to ECMA's \s, not to dcc's */
#define ARABIC3 "\xd9\xa3"        /* U+0663, a digit to Unicode, not to dcc's \d */
#define DEVA_KA "\xe0\xa4\x95"    /* U+0915, a letter to a UTF-8 locale's \w */
#define EMSP "\xe2\x80\x83"       /* U+2003 EM SPACE, ECMA \s */
#define BOM "\xef\xbb\xbf"        /* U+FEFF, ECMA \s */

static const HandCase HAND[] = {
    /* literals and the empty pattern, unanchored search */
    {"abc", {"+abc", "+xxabcxx", "-abx", "-", "-ABC"}},
    {"", {"+", "+x", "+\n"}},
    {"a", {"-A", "+ba", "-" E_ACUTE}},
    /* . against line terminators and multibyte characters */
    {"a.c", {"+abc", "-a\nc", "-a\rc", "-a" LSEP "c", "-a" PSEP "c", "+a" E_ACUTE "c", "+a" EURO "c",
             "+a" GRIN "c", "+a\tc", "-ac"}},
    {"^.$", {"+" E_ACUTE, "+" GRIN, "+" EURO, "-\n", "-\r", "-" LSEP, "-", "-ab", "+\v", "+\f"}},
    {"^..$", {"-" E_ACUTE, "+" E_ACUTE E_ACUTE, "+a" GRIN, "-" GRIN}},
    {"^.{3}$", {"+" E_ACUTE EURO GRIN, "-" E_ACUTE EURO, "+" BOM NBSP "x"}},
    {"^.*$", {"+", "+abc", "-a\nb", "-a\r\nb", "-a" LSEP, "+" NBSP EMSP}},
    /* non-ASCII literals */
    {"caf" E_ACUTE, {"+un caf" E_ACUTE, "-cafe", "-cafe\xcc\x81"}},
    {"^" EURO "+$", {"+" EURO EURO, "-" EURO "e", "-"}},
    {GRIN "?x", {"+x", "+" GRIN "x", "-" GRIN}},
    /* anchors anywhere */
    {"^abc", {"+abcd", "-xabc", "-\nabc"}},
    {"abc$", {"+xabc", "-abcx", "-abc\n", "-abc\r\n"}},
    {"^abc$", {"+abc", "-abc\n", "-\nabc", "-abcabc"}},
    {"^$", {"+", "-a", "-\n"}},
    {"a^b", {"-a^b", "-ab", "-a\nb"}},
    {"a$b", {"-ab", "-a$b", "-a\nb"}},
    {"$^", {"+", "-a"}},
    {"x|^$", {"+", "+axb", "-a"}},
    {"(^a|b)c", {"-xac", "+ac", "+xbc", "-x\nac"}},
    {"a(b$|c)", {"+xab", "-abx", "+acx"}},
    {"(^)*a", {"+ba"}},
    {"a$$", {"+a", "-ab"}},
    {"^(^a$)$", {"+a", "-aa"}},
    /* alternation, empty alternatives */
    {"cat|dog", {"+hotdog", "-cow", "+cat"}},
    {"^(cat|dog)$", {"+cat", "-catdog", "-ca"}},
    {"a|", {"+zzz", "+"}},
    {"^(|a)$", {"+", "+a", "-aa"}},
    {"^(a||b)$", {"+", "+b", "-ab"}},
    {"^(a|b|c)+$", {"+abcab", "-abd"}},
    /* groups, capturing and not */
    {"(?:ab)+", {"+xabab", "-ba"}},
    {"^(?:ab)+$", {"-aba", "+abab"}},
    {"()", {"+"}},
    {"^()$", {"+", "-a"}},
    {"^(a(b(c)))$", {"+abc", "-ab"}},
    {"^(?:(?:a)|(b))c$", {"+ac", "+bc", "-c"}},
    {"^()*$", {"+", "-x"}},
    {"^(?:)+a$", {"+a", "-ba"}},
    /* classes, ranges, negation */
    {"[abc]", {"+xxb", "-xyz", "-"}},
    {"^[a-z]+$", {"+hello", "-Hello", "-h" E_ACUTE}},
    {"[^a-z]", {"-abc", "+abC", "+a\n", "+" E_ACUTE}},
    {"[^a]", {"+\n", "+\r", "+" LSEP, "-aaa"}},
    {"^[^a]$", {"+" E_ACUTE, "+" GRIN, "+" EURO, "-a"}},
    {"^[^a]{2}$", {"-" E_ACUTE, "+" E_ACUTE GRIN}},
    {"[-a]", {"+-", "+a", "-b"}},
    {"[a-]", {"+-", "-b"}},
    {"[a\\-z]", {"+-", "-b", "+z"}},
    {"[\\]]", {"+]", "-["}},
    {"[\\\\]", {"+\\", "-/"}},
    {"[[a]", {"+[", "+a", "-]"}},
    {"[.]", {"-x", "+."}},
    {"[$^]", {"+^", "+$", "-a"}},
    {"[*+?{}()|/]", {"+*", "+/", "+{", "+|", "-a"}},
    {"^[\xc3\xa0-\xc3\xbf]+$", {"+" E_ACUTE "\xc3\xa0", "-a", "-\xc3\x9f"}},
    {"^[a-\\u20AC]$", {"+" EURO, "-\xe2\x82\xad", "+" E_ACUTE, "-`"}},
    {"^[\xf0\x9f\x98\x80-\xf0\x9f\x98\x8f]$", {"+\xf0\x9f\x98\x85", "-\xf0\x9f\x98\x90", "-" EURO}},
    {"^[\\u00e9" GRIN "]$", {"+" E_ACUTE, "+" GRIN, "-e"}},
    {"^[\\d]$", {"+5", "-a", "-" ARABIC3}},
    {"[\\w.-]", {"+.", "+-", "+_", "-" E_ACUTE, "-@"}},
    {"^[\\s]$", {"+\t", "+ ", "+\v", "+\f", "+\r", "+\n", "-" NBSP, "-" LSEP}},
    {"^[^\\d]$", {"-5", "+x", "+" ARABIC3}},
    {"^[^\\w]$", {"-a", "-_", "+" E_ACUTE, "+" DEVA_KA, "+-"}},
    {"^[^\\s]$", {"-\t", "+" NBSP, "+" EMSP, "+" BOM, "+" LSEP}},
    {"^[\\n\\t\\r\\f\\v]+$", {"+\n\t\r\f\v", "- "}},
    {"^[\\u0041-\\u005A]+$", {"+ABC", "-abc"}},
    {"^[\\^a]$", {"+^", "+a", "-b"}},
    {"^[a^]$", {"+^", "+a"}},
    /* class escapes: ASCII only */
    {"\\d", {"+x7", "-x", "-" ARABIC3, "-\xef\xbc\x91"}},
    {"^\\D$", {"+" E_ACUTE, "-5", "+\n", "+" ARABIC3}},
    {"\\w", {"+_", "+Z", "+0", "-" E_ACUTE, "-" DEVA_KA, "-\xc3\x9f"}},
    {"^\\W$", {"+" E_ACUTE, "+" DEVA_KA, "-a", "+\n", "+-"}},
    {"\\s", {"+a b", "+\t", "+\n", "+\v", "+\f", "+\r", "-a" NBSP "b", "-" EMSP, "-" BOM, "-" LSEP}},
    {"^\\S+$", {"+a" NBSP "b", "+" EMSP BOM LSEP, "-a b", "-a\vb"}},
    {"^\\w+@\\w+\\.\\w{2,}$", {"+ab_1@ex.com", "-" E_ACUTE "@ex.com", "-a@b.c"}},
    /* character escapes */
    {"a\\.b", {"+a.b", "-axb"}},
    {"\\\\", {"+\\", "-/"}},
    {"^\\t\\n\\r\\f\\v$", {"+\t\n\r\f\v", "-tnrfv"}},
    {"\\u0041", {"+A", "-a"}},
    {"\\u00e9", {"+" E_ACUTE, "-e"}},
    {"\\u20AC", {"+" EURO, "-E"}},
    {"\\u2028", {"+" LSEP, "-\n"}},
    {"\\u0001", {"+\x01", "-a"}},
    {"\\u007F", {"+\x7f", "-a"}},
    {"\\uFEFF", {"+" BOM, "- "}},
    {"\\/", {"+/", "-\\"}},
    {"^\\(\\)\\[\\]\\{\\}\\|\\*\\+\\?\\^\\$\\.\\\\$", {"+()[]{}|*+?^$.\\", "-()"}},
    {"a/b", {"+a/b", "-ab"}},
    {"^a-b$", {"+a-b", "-ab"}},
    {"[\\u0001-\\u001F]", {"+\x01", "+\x1f", "-a"}},
    /* repetition, greedy and lazy */
    {"^a*$", {"+", "+aaa", "-ab"}},
    {"^a+$", {"-", "+aa"}},
    {"^ab?c$", {"+ac", "+abc", "-abbc"}},
    {"^a*?$", {"+aa", "+"}},
    {"^a+?b$", {"+aab", "-b"}},
    {"^a??b$", {"+b", "+ab", "-aab"}},
    {"^a{3}$", {"+aaa", "-aa", "-aaaa"}},
    {"^a{2,}$", {"-a", "+aaaaa"}},
    {"^a{2,3}$", {"+aaa", "-aaaa", "-a"}},
    {"^a{0}$", {"+", "-a"}},
    {"^a{0,1}$", {"+a", "+", "-aa"}},
    {"^a{2,3}?$", {"+aa", "-aaaa"}},
    {"^a{2}?$", {"+aa", "-a"}},
    {"^a{2,}?$", {"+aaa", "-a"}},
    {"^(ab){2}$", {"+abab", "-ab"}},
    {"^(a|bc){2,3}$", {"+bcabc", "-bc", "+aa"}},
    {"^(a*)*$", {"+aaa", "+", "-b"}},
    {"^(a?){3}$", {"+a", "+", "-aaaa"}},
    {"^x{0,255}$", {"+xx", "+"}},
    {"^(" E_ACUTE "){2}$", {"+" E_ACUTE E_ACUTE, "-" E_ACUTE}},
    {"^" E_ACUTE "{2}$", {"+" E_ACUTE E_ACUTE, "-" E_ACUTE "e\xcc\x81"}},
    {"^" GRIN "+$", {"+" GRIN GRIN, "-" GRIN "\xf0\x9f\x98\x81"}},
    {"^.{2,4}$", {"-" GRIN, "+" GRIN GRIN, "+" GRIN GRIN GRIN GRIN, "-" GRIN GRIN GRIN GRIN GRIN}},
    {"^(a|b)*?a(a|b){2}$", {"+aab", "+bbaba", "-bbb"}},
    {"^[0-9]{1,3}(\\.[0-9]{1,3}){3}$", {"+10.0.0.1", "-10.0.0", "-1.2.3.4.5"}},
    /* spellings the translation must get right in both engines */
    {"^.$", {"+\xc2\x85", "+\xc2\x80", "+" BOM, "+\xef\xbf\xbf", "+\x7f", "+\x01"}},
    {"^[\\u2000-\\u2028]$", {"+" LSEP, "+" EMSP, "-" PSEP, "-\n"}},
    {"^[\\uE000-\\uFFFF]$", {"+\xef\xbf\xbf", "+\xee\x80\x80", "-" GRIN, "-" EURO}},
    {"\\uFFFF", {"+\xef\xbf\xbf", "-a"}},
    {"^[\\[:a:\\]]+$", {"+[:a:]", "-b"}},
    {"^[\\[.a.\\]]+$", {"+[.a.]", "-b"}},
    {"^[\\[=a=\\]]+$", {"+[=a=]", "-b"}},
    {"^[a[]+$", {"+a[", "-]"}},
    {"\\[:alpha:\\]", {"+[:alpha:]", "-a"}},
    {"^(?:^a|b)*$", {"+a", "+abb", "-ba", "+"}},
    {"(a|^)b", {"+b", "+ab", "-cb"}},
    {"(a$|b)+", {"+xa", "+bb", "-x"}},
    {"^(^|a)+$", {"+", "+aa", "-b"}},
    {"|", {"+", "+a"}},
    {"^(|)$", {"+", "-a"}},
    {"a{2}b", {"+aab", "-ab"}},
    {"\\u0041{2}", {"+AA", "-A"}},
    {"\\u00412", {"+A2", "-A"}},
    {"\\u20ACa", {"+" EURO "a", "-" EURO}},
    {"\\{\\}\\{2\\}", {"+{}{2}", "-{}"}},
    {"\\*\\*\\*:a", {"+***:a", "-a"}},
    {"^\\\\u0041$", {"+\\u0041", "-A"}},
    {"^[\\\\u]+$", {"+\\u", "-a"}},
    {"^\\\\\\\\$", {"+\\\\", "-\\"}},
    {"^\\\\[ab]$", {"+\\a", "-a"}},
    {"^[\\\\\\]\\[-]+$", {"+\\][-", "-a"}},
    {"^[-\\\\]$", {"+-", "+\\", "-a"}},
    {"^[\\t-\\r ]$", {"+\v", "-" NBSP}},
    /* counted repetition near the limits, where PostgreSQL compiles large automata */
    {"^a{255}$", {"-aaaa"}},
    {"^.{0,255}$", {"+", "+abc" E_ACUTE, "-a\nb"}},
    {"^(?:ab){100,255}$", {"-abab"}},
    {"^[a-z]{1,64}@[a-z]{1,64}\\.[a-z]{2,8}$", {"+ab@cd.ef", "-ab@cd.e"}},
    {"^(?:\\w{1,20}\\.){1,4}\\w{2,10}$", {"+a.bc", "+a.b.c.d.ef", "-a.b.c.d.e.fg", "-" E_ACUTE ".ab"}},
    {"^(?:[^\\s@]{1,64}@){1,3}$", {"+a@", "+" E_ACUTE "@b@", "-a b@"}},
    /* repetitions of alternatives that are runs of one set, which dcc compiles as one count
     * (X{n*a,m*b}) where that is the same language, and leaves alone where it is not */
    {"^(a|aa){2,3}$", {"-a", "+aa", "+aaa", "+aaaaaa", "-aaaaaaa", "-ab"}},
    {"^(aa|aaa){2,}$", {"-aaa", "+aaaa", "+aaaaa", "+aaaaaaaaaaa", "-aaaab"}},
    {"^(aaa|aaaa){0,2}$", {"+", "-a", "-aa", "+aaa", "+aaaa", "-aaaaa", "+aaaaaa", "+aaaaaaaa",
                           "-aaaaaaaaa"}},
    {"^(a|aaa){2}$", {"+aa", "-aaa", "+aaaa", "-aaaaa", "+aaaaaa", "-aaaaaaa"}},
    {"^(aa|aaa){3}$", {"-aaaaa", "+aaaaaa", "+aaaaaaa", "+aaaaaaaaa", "-aaaaaaaaaa"}},
    {"^(aaa|aaa){2,3}$", {"-aaaa", "+aaaaaa", "-aaaaaaa", "+aaaaaaaaa"}},
    {"^(|.|..){2}x$", {"+x", "+" E_ACUTE "x", "+abcdx", "-abcdex", "-a\nx"}},
    {"^(\\d|\\d\\d)*$", {"+", "+1", "+12345", "-12a"}},
    {"^(a|ab){2}$", {"+aa", "+aab", "+abab", "-abb"}},
    {"x(.|..){3}y", {"+xabcy", "+xabcdefy", "-xaby", "-xab\ncdefy", "+x" GRIN GRIN GRIN "y"}},
    /* patterns from docs/language.md */
    {"^[A-Z0-9-]+$", {"+SKU-42", "-sku-42"}},
    {"^[^@ ]+@[^@ ]+$", {"+a@b.c", "-a b@c", "+j" E_ACUTE "r\xc3\xb4me@exemple.fr"}},
};

static void emit_hand(Emitter *em)
{
    char origin[64];
    for (size_t i = 0; i < sizeof HAND / sizeof *HAND; i++) {
        const HandCase *h = &HAND[i];
        Arena *a = arena_new();
        Prepared p;
        snprintf(origin, sizeof origin, "hand #%zu", i);
        if (!prepare(em, a, h->pattern, strlen(h->pattern), origin, &p)) {
            fprintf(stderr, "oracle_cases: hand-table pattern /%s/ is rejected by dcc\n", h->pattern);
            em->errors++;
            em->skipped--;
            arena_free(a);
            continue;
        }
        for (size_t j = 0; j < sizeof h->subjects / sizeof *h->subjects && h->subjects[j]; j++) {
            const char *s = h->subjects[j] + 1;
            int want = h->subjects[j][0] == '+';
            int got = emit(em, &p, s, strlen(s));
            if (got != want) {
                fprintf(stderr, "oracle_cases: hand table: dcc says %d for /%s/ on ", got, h->pattern);
                put_json(stderr, s, strlen(s));
                fprintf(stderr, ", docs/patterns.md says %d\n", want);
                em->errors++;
            }
        }
        arena_free(a);
    }
}

/* ---- subjects from dcc's DFA -------------------------------------------------------------- */

/* Units subjects are made of: printable ASCII, a newline, and some multibyte characters. */
typedef struct {
    const char *u[128];
    size_t n;
} Units;

static void units_init(Units *us)
{
    static const char ascii[] = " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                "[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~";
    static const char *extra[] = {"\n", "\t", E_ACUTE, EURO, GRIN, NBSP};
    us->n = 0;
    for (size_t i = 0; i + 1 < sizeof ascii; i++) us->u[us->n++] = &ascii[i];
    for (size_t i = 0; i < sizeof extra / sizeof *extra; i++) us->u[us->n++] = extra[i];
}

static size_t unit_len(const Units *us, size_t k)
{
    /* ASCII units are one byte inside the long string; the extras are NUL-terminated */
    return k < 95 ? 1 : strlen(us->u[k]);
}

static uint32_t step(const dcc_dfa *d, uint32_t st, const char *s, size_t n)
{
    for (size_t i = 0; i < n && st != DCC_DFA_DEAD; i++)
        st = d->trans[(size_t)st * d->nclasses + d->byte_class[(unsigned char)s[i]]];
    return st;
}

#define FAR 0xFFFFFFFFu

/* dist[s]: fewest units from state s to a completed match (a state that accepts, or accepts
 * at the end of input), FAR when none is reachable with these units. */
static uint32_t *distances(Arena *a, const dcc_dfa *d, const Units *us)
{
    uint32_t *dist = arena_alloc(a, d->nstates * sizeof *dist);
    for (uint32_t s = 0; s < d->nstates; s++) dist[s] = d->accept[s] ? 0 : FAR;
    for (int round = 0, changed = 1; changed && round < 400; round++) {
        changed = 0;
        for (uint32_t s = 1; s < d->nstates; s++) {
            for (size_t k = 0; k < us->n; k++) {
                uint32_t t = step(d, s, us->u[k], unit_len(us, k));
                if (dist[t] != FAR && dist[t] + 1 < dist[s]) dist[s] = dist[t] + 1, changed = 1;
            }
        }
    }
    return dist;
}

/* Writes to sb a subject dcc matches: a random walk biased towards acceptance.
 * Returns false when no match is reachable (the pattern cannot match these units). */
static bool walk_match(Rng *g, const dcc_dfa *d, const Units *us, const uint32_t *dist, StrBuf *sb)
{
    uint32_t st = d->start;
    sb->len = 0;
    if (dist[st] == FAR) return false;
    for (int len = 0; len < 60; len++) {
        if ((d->accept[st] & DCC_DFA_ACCEPT) || ((d->accept[st] & DCC_DFA_ACCEPT_AT_END) && rnd(g, 3)))
            break;
        /* mostly a step that gets closer, sometimes any step that keeps a match reachable */
        bool wander = rnd(g, 4) == 0 && len < 30;
        size_t cand[128], nc = 0;
        for (size_t k = 0; k < us->n; k++) {
            uint32_t t = step(d, st, us->u[k], unit_len(us, k));
            if (dist[t] == FAR) continue;
            if (wander || dist[t] < dist[st]) cand[nc++] = k;
        }
        if (!nc) break;
        size_t k = cand[rnd(g, (uint32_t)nc)];
        sb_put(sb, us->u[k], unit_len(us, k));
        st = step(d, st, us->u[k], unit_len(us, k));
    }
    return dcc_dfa_search(d, sb->data ? sb->data : "", sb->len) == 1;
}

/* Writes to out a copy of s with one unit-level edit: delete, replace or insert a character. */
static void mutate(Rng *g, const Units *us, const char *s, size_t n, StrBuf *out)
{
    /* positions on character boundaries */
    size_t cuts[128], nc = 0;
    for (size_t i = 0; i <= n && nc < 128; i++)
        if (i == n || ((unsigned char)s[i] & 0xC0) != 0x80) cuts[nc++] = i;
    size_t c = rnd(g, (uint32_t)nc), at = cuts[c];
    size_t next = c + 1 < nc ? cuts[c + 1] : n;
    size_t k = rnd(g, (uint32_t)us->n);
    out->len = 0;
    sb_put(out, s, at);
    switch (rnd(g, 3)) {
    case 0: sb_put(out, s + next, n - next); break;                                 /* delete */
    case 1: sb_put(out, us->u[k], unit_len(us, k)); sb_put(out, s + next, n - next); break;
    default: sb_put(out, us->u[k], unit_len(us, k)); sb_put(out, s + at, n - at); break;
    }
}

/* Matching subjects from the DFA, and their one-edit mutations (mostly non-matching). */
static void emit_walks(Emitter *em, Rng *g, Arena *a, const Prepared *p, const Units *us, int nmatch,
                       int nmut)
{
    const uint32_t *dist = distances(a, p->dfa, us);
    StrBuf m, x;
    sb_init(&m);
    sb_init(&x);
    for (int i = 0; i < nmatch; i++) {
        if (!walk_match(g, p->dfa, us, dist, &m)) break;
        emit(em, p, m.data ? m.data : "", m.len);
        for (int j = 0; j < nmut; j++) {
            mutate(g, us, m.data ? m.data : "", m.len, &x);
            emit(em, p, x.data ? x.data : "", x.len);
        }
    }
    sb_free(&m);
    sb_free(&x);
}

/* ---- (b) patterns of .dc files ------------------------------------------------------------ */

static void put_cp(StrBuf *sb, uint32_t cp)
{
    char b[4];
    size_t n;
    if (cp < 0x80) b[0] = (char)cp, n = 1;
    else if (cp < 0x800) b[0] = (char)(0xC0 | cp >> 6), b[1] = (char)(0x80 | (cp & 63)), n = 2;
    else if (cp < 0x10000)
        b[0] = (char)(0xE0 | cp >> 12), b[1] = (char)(0x80 | ((cp >> 6) & 63)),
        b[2] = (char)(0x80 | (cp & 63)), n = 3;
    else
        b[0] = (char)(0xF0 | cp >> 18), b[1] = (char)(0x80 | ((cp >> 12) & 63)),
        b[2] = (char)(0x80 | ((cp >> 6) & 63)), b[3] = (char)(0x80 | (cp & 63)), n = 4;
    sb_put(sb, b, n);
}

/* Decodes the .dc string literal starting after the opening quote at s[*i] into sb
 * (escapes \" \\ \n \t \r \u{HEX}, docs/language.md). False at an unterminated string. */
static bool dc_string(const char *s, size_t n, size_t *i, StrBuf *sb)
{
    sb->len = 0;
    while (*i < n && s[*i] != '"' && s[*i] != '\n') {
        char c = s[(*i)++];
        if (c != '\\' || *i >= n) {
            sb_putc(sb, c);
            continue;
        }
        c = s[(*i)++];
        switch (c) {
        case 'n': sb_putc(sb, '\n'); break;
        case 't': sb_putc(sb, '\t'); break;
        case 'r': sb_putc(sb, '\r'); break;
        case 'u': {
            /* \u{HEX}: the lexer has accepted these files, so the digits are well formed */
            uint32_t cp = 0;
            if (*i < n && s[*i] == '{') ++*i;
            for (; *i < n && isxdigit((unsigned char)s[*i]) && cp <= 0x10FFFF; ++*i)
                cp = cp * 16 + (uint32_t)(isdigit((unsigned char)s[*i]) ? s[*i] - '0'
                                                                         : (s[*i] | 0x20) - 'a' + 10);
            if (*i < n && s[*i] == '}') ++*i;
            if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
            put_cp(sb, cp);
            break;
        }
        default: sb_putc(sb, c); break; /* \" and \\ */
        }
    }
    return *i < n && s[(*i)++] == '"';
}

static char *slurp(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    StrBuf sb;
    sb_init(&sb);
    char buf[4096];
    size_t k;
    while ((k = fread(buf, 1, sizeof buf, f)) > 0) sb_put(&sb, buf, k);
    fclose(f);
    *n = sb.len;
    sb_putc(&sb, 0);
    return sb.data;
}

static int emit_dc_file(Emitter *em, Rng *g, const Units *us, const char *path)
{
    size_t n;
    char *text = slurp(path, &n);
    if (!text) {
        perror(path);
        return 1;
    }
    static const char KEY[] = "pattern \"";
    StrBuf pat;
    sb_init(&pat);
    int found = 0;
    for (char *hit = strstr(text, KEY); hit; hit = strstr(hit + 1, KEY)) {
        size_t i = (size_t)(hit - text) + sizeof KEY - 1;
        if (!dc_string(text, n, &i, &pat)) continue;
        Arena *a = arena_new();
        Prepared p;
        int line = 1;
        for (const char *c = text; c < hit; c++) line += *c == '\n';
        const char *origin = arena_printf(a, "%s:%d", path, line);
        if (prepare(em, a, pat.data, pat.len, origin, &p)) {
            found++;
            long before = em->matches, cases = em->cases;
            emit(em, &p, "", 0);
            emit_walks(em, g, a, &p, us, 6, 4);
            long m = em->matches - before, c = em->cases - cases;
            if (m == 0 || m == c)
                fprintf(stderr, "oracle_cases: %s: /%.*s/: only %s subjects generated\n", origin,
                        (int)pat.len, pat.data, m ? "matching" : "non-matching");
        } else {
            fprintf(stderr, "oracle_cases: %s:%d: pattern rejected by dcc, skipped\n", path, line);
        }
        arena_free(a);
    }
    sb_free(&pat);
    free(text);
    if (!found) fprintf(stderr, "oracle_cases: %s: no accepted pattern found\n", path);
    return 0;
}

/* ---- (c) random patterns ------------------------------------------------------------------ */

static const char *pick(Rng *g, const char *const *v, size_t n) { return v[rnd(g, (uint32_t)n)]; }
#define PICK(g, v) pick(g, v, sizeof v / sizeof *v)

static void gen_alt(Rng *g, StrBuf *sb, int depth);

static void gen_class(Rng *g, StrBuf *sb)
{
    static const char *const items[] = {"a", "b", E_ACUTE, "\\-", "a-b", "a-" E_ACUTE, "\\d", "\\w",
                                        "\\s", "\\n", "\\u00e9", "\\]", ".", "^", "$", "-" , "\\u2028"};
    sb_putc(sb, '[');
    if (rnd(g, 3) == 0) sb_putc(sb, '^');
    int n = 1 + (int)rnd(g, 3);
    for (int i = 0; i < n; i++) {
        const char *it = PICK(g, items);
        /* a bare - only first or last; a ^ not first (it would negate) */
        if (!strcmp(it, "-") && i != 0 && i != n - 1) it = "\\-";
        if (!strcmp(it, "^") && i == 0) it = "\\^";
        sb_puts(sb, it);
    }
    sb_putc(sb, ']');
}

static void gen_atom(Rng *g, StrBuf *sb, int depth, bool *quantifiable)
{
    static const char *const lits[] = {"a", "b", "-", E_ACUTE, "\\n", "\n", "a", "b", "\\u00e9",
                                       "\\.", "\\-", "\\r", "\\u2028"};
    static const char *const escs[] = {"\\d", "\\w", "\\s", "\\D", "\\W", "\\S"};
    *quantifiable = true;
    uint32_t r = rnd(g, 20);
    if (r < 9) sb_puts(sb, PICK(g, lits)); /* "\\-" outside a class is rejected: skipped */
    else if (r < 11) sb_putc(sb, '.');
    else if (r < 13) gen_class(g, sb);
    else if (r < 15) sb_puts(sb, PICK(g, escs));
    else if (r < 17) {
        sb_putc(sb, rnd(g, 2) ? '^' : '$');
        *quantifiable = false;
    } else if (depth > 0) {
        sb_puts(sb, rnd(g, 2) ? "(" : "(?:");
        gen_alt(g, sb, depth - 1);
        sb_putc(sb, ')');
    } else sb_putc(sb, 'a');
}

static void gen_quant(Rng *g, StrBuf *sb)
{
    static const char *const q[] = {"*", "+", "?", "{0}", "{1}", "{2}", "{0,1}", "{1,3}", "{2,}",
                                    "{0,}", "{3}"};
    sb_puts(sb, PICK(g, q));
    if (rnd(g, 4) == 0) sb_putc(sb, '?');
}

static void gen_cat(Rng *g, StrBuf *sb, int depth)
{
    int n = (int)rnd(g, 5);
    for (int i = 0; i < n; i++) {
        bool q;
        gen_atom(g, sb, depth, &q);
        if (q && rnd(g, 10) < 3) gen_quant(g, sb);
    }
}

static void gen_alt(Rng *g, StrBuf *sb, int depth)
{
    int n = rnd(g, 3) ? 1 : 2 + (int)rnd(g, 2);
    for (int i = 0; i < n; i++) {
        if (i) sb_putc(sb, '|');
        gen_cat(g, sb, depth);
    }
}

static void emit_random(Emitter *em, Rng *g, const Units *us, int count)
{
    /* the brief alphabet, plus rarer characters that tell \d \w \s . apart */
    static const char *const common[] = {"a", "b", "-", E_ACUTE, "\n"};
    static const char *const rare[] = {"1", "_", " ", "\r", "\t", LSEP, GRIN, "A", ".", NBSP};
    StrBuf pat, subj;
    sb_init(&pat);
    sb_init(&subj);
    char origin[48];
    for (int i = 0; i < count; i++) {
        pat.len = 0;
        gen_alt(g, &pat, 2);
        Arena *a = arena_new();
        Prepared p;
        snprintf(origin, sizeof origin, "random #%d", i);
        if (prepare(em, a, pat.data ? pat.data : "", pat.len, origin, &p)) {
            for (int s = 0; s < 5; s++) {
                subj.len = 0;
                int n = (int)rnd(g, 7);
                for (int k = 0; k < n; k++) sb_puts(&subj, rnd(g, 6) ? PICK(g, common) : PICK(g, rare));
                emit(em, &p, subj.data ? subj.data : "", subj.len);
            }
            emit_walks(em, g, a, &p, us, 1, 1);
        }
        arena_free(a);
    }
    sb_free(&pat);
    sb_free(&subj);
}

/* ---- (d) patterns whose subsets are many but whose minimal automaton is small ------------- */

/* Accepted only since the compiler minimises its automata (docs/patterns.md, "Limits"): each
 * must compile; subjects from the DFA, their mutations, and runs of a, b and c around the
 * counted lengths. */
static void emit_minimal(Emitter *em, Rng *g, const Units *us)
{
    static const char *const pats[] = {
        "(a|b)*a(a|b){14}", "a(a|b){14}", "[ab]*a[ab]{16}", "(?:x|y)*x(?:x|y){15}(?:z|)",
        "(a|b)*a(a|b){14}c?", "(a|b)*a(a|b){12}\\.",
    };
    StrBuf alt, subj;
    sb_init(&alt);
    sb_init(&subj);
    /* 300 words, unanchored: the trie of the words with its failure links */
    for (int w = 0; w < 300; w++) {
        if (w) sb_putc(&alt, '|');
        int len = 4 + (int)rnd(g, 7);
        for (int i = 0; i < len; i++) sb_putc(&alt, (char)('a' + rnd(g, 26)));
    }
    for (size_t i = 0; i <= sizeof pats / sizeof *pats; i++) {
        const char *pat = i < sizeof pats / sizeof *pats ? pats[i] : alt.data;
        Arena *a = arena_new();
        Prepared p;
        const char *origin = arena_printf(a, "minimal #%zu", i);
        if (!prepare(em, a, pat, strlen(pat), origin, &p)) {
            fprintf(stderr, "oracle_cases: /%.40s/ must compile (its minimal automaton is small)\n", pat);
            em->errors++;
            arena_free(a);
            continue;
        }
        emit(em, &p, "", 0);
        emit_walks(em, g, a, &p, us, 20, 4);
        for (int k = 0; k < 40; k++) {
            subj.len = 0;
            int n = 12 + (int)rnd(g, 10);
            for (int j = 0; j < n; j++) sb_putc(&subj, "aaabbbc.xyz"[rnd(g, rnd(g, 4) ? 6 : 11)]);
            emit(em, &p, subj.data, subj.len);
        }
        arena_free(a);
    }
    sb_free(&alt);
    sb_free(&subj);
}

/* ---- (e) small minimal automata that once cost too much to build --------------------------- */

/* Compiled since pruning pays for itself (docs/patterns.md, "Small minimal automata compile
 * however the pattern is written"): runs around the counted length, whose verdict is known by
 * counting (an x after at least n word characters; n characters in a row, none a line
 * terminator), each checked against dcc here and against the engines by the oracles. */
static void emit_long_runs(Emitter *em)
{
    /* \w{n}x: a word run then x; .{n}: n characters, none a line terminator; [^ ]{n}@: an @
     * after n characters that are not a space (the @ one of them). (.|..){n} is .{n}, and dcc
     * makes the same tables for both (test_small_however_written, at n = 255); a backtracking
     * engine takes time exponential in n to find no match in a run too short for it, so the
     * engines are asked at n = 20 and 21. */
    enum { WORD, DOT, AT };
    static const struct {
        const char *pattern;
        int n, kind;
    } P[] = {{"\\w{254}x", 254, WORD}, {"\\w{255}x", 255, WORD}, {".{200}", 200, DOT},
             {".{255}", 255, DOT}, {"(.|..){20}", 20, DOT}, {"(.|..){21}", 21, DOT},
             {"[^ ]{254}@", 254, AT}, {"[^ ]{255}@", 255, AT}};
    static const char *const word_units[] = {"a", "_", "Z", "7", "x"};
    static const char *const dot_units[] = {"a", E_ACUTE, EURO, GRIN, "\t"};
    static const char *const at_units[] = {"a", E_ACUTE, "\n", GRIN, "\t"};
    static const char *const breaks[] = {"\n", "\r", LSEP, PSEP};
    StrBuf sb;
    sb_init(&sb);
    for (size_t i = 0; i < sizeof P / sizeof *P; i++) {
        Arena *a = arena_new();
        Prepared p;
        int kind = P[i].kind;
        const char *origin = arena_printf(a, "long runs #%zu", i);
        if (!prepare(em, a, P[i].pattern, strlen(P[i].pattern), origin, &p)) {
            fprintf(stderr, "oracle_cases: /%s/ must compile (its minimal automaton is small)\n",
                    P[i].pattern);
            em->errors++;
            arena_free(a);
            continue;
        }
        const int n = P[i].n, lens[] = {n - 2, n - 1, n, n + 1, 2 * n, 2 * n + 1};
        for (size_t l = 0; l < sizeof lens / sizeof *lens; l++)
            for (int u = 0, len = lens[l]; u < 5; u++)
                for (int brk = -1; brk < 4; brk++) { /* brk >= 0: a break in the middle */
                    sb.len = 0;
                    if (kind != WORD) sb_puts(&sb, kind == AT ? " " : breaks[(u + 1) % 4]);
                    /* the verdict by counting: seg is the length of the run so far */
                    int want = 0, seg = 0;
                    for (int k = 0; k < len; k++) {
                        if (brk >= 0 && k == len / 2) {
                            sb_puts(&sb, kind == WORD ? (brk % 2 ? " " : E_ACUTE)
                                         : kind == AT ? " " : breaks[brk]);
                            seg = 0;
                        }
                        int unit = (u + k) % 5;
                        /* a word unit x ends a match when n word units come before it */
                        if (kind == WORD && unit == 4 && seg >= n) want = 1;
                        sb_puts(&sb, (kind == WORD  ? word_units
                                      : kind == DOT ? dot_units
                                                    : at_units)[unit]);
                        seg++;
                        if (kind == DOT && seg >= n) want = 1;
                    }
                    if (kind == WORD) sb_puts(&sb, u % 2 ? "x-" : "x");
                    /* an x where the @ would be finds nothing; a line terminator is not a
                     * space, so it counts in the run */
                    if (kind == AT) sb_puts(&sb, u == 4 ? "@" : u == 3 ? "x" : "@ b");
                    if (kind != DOT && seg >= n && !(kind == AT && u == 3)) want = 1;
                    int got = emit(em, &p, sb.data, sb.len);
                    if (got != want) {
                        fprintf(stderr, "oracle_cases: /%s/ says %d on a run of %d (unit %d, "
                                        "break %d), counting says %d\n",
                                P[i].pattern, got, len, u, brk, want);
                        em->errors++;
                    }
                }
        arena_free(a);
    }
    sb_free(&sb);
}

int main(int argc, char **argv)
{
    Emitter em = {stdout, 0, 0, 0, 0, 0};
    Rng g = {0x5eed2026};
    Units us;
    units_init(&us);
    int random = 3000, status = 0;
    int i = 1;
    for (; i < argc && argv[i][0] == '-'; i++) {
        if (!strcmp(argv[i], "--random") && i + 1 < argc) random = atoi(argv[++i]);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc) g.s = strtoull(argv[++i], NULL, 0) | 1;
        else {
            fprintf(stderr, "usage: oracle_cases [--random N] [--seed S] FILE.dc...\n");
            return 2;
        }
    }
    emit_hand(&em);
    for (; i < argc; i++) status |= emit_dc_file(&em, &g, &us, argv[i]);
    emit_random(&em, &g, &us, random);
    emit_minimal(&em, &g, &us);
    emit_long_runs(&em);
    fprintf(stderr, "oracle_cases: %ld patterns (%ld rejected and skipped), %ld cases, %ld matching\n",
            em.patterns, em.skipped, em.cases, em.matches);
    if (fflush(stdout) != 0) return 2;
    if (em.errors) {
        fprintf(stderr, "oracle_cases: %ld errors (see above)\n",
                em.errors);
        return 1;
    }
    return status ? 2 : 0;
}
