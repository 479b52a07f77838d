/* test_lexer.c - the .dc scanner: every token kind with its value and span, and every lexical
 * error with its code and span. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "build.h"
#include "parse.h"
#include "parser.h"
#include "lexer.h"

typedef struct {
    Arena *arena;
    SourceSet sources;
    DiagSink diags;
    BuildCtx ctx;
    int kind[64];
    Tok tok[64];
    DcLoc loc[64];
    int n;
} Lexed;

/* Runs the scanner alone over text (no encoding pre-pass: that belongs to parse_file). */
static Lexed *lex(const char *text, size_t len)
{
    Lexed *l = calloc(1, sizeof *l);
    l->arena = arena_new();
    source_set_init(&l->sources, l->arena);
    diag_init(&l->diags, l->arena, &l->sources);
    uint32_t id = source_add(&l->sources, "t.dc", text, len);
    BuildCtx *c = &l->ctx;
    c->arena = l->arena;
    c->diags = &l->diags;
    c->sources = &l->sources;
    c->file = id;
    c->text = l->sources.files[id]->text;
    c->len = (uint32_t)len;
    yyscan_t sc;
    assert_int_equal(dcllex_init_extra(c, &sc), 0);
    c->scanner = sc;
    YY_BUFFER_STATE b = dcl_scan_bytes(c->text, (int)len, sc);
    for (;;) {
        YYSTYPE v;
        YYLTYPE loc;
        int k = dc_lex(&v, &loc, c);
        if (k == 0 || l->n == 64) break;
        l->kind[l->n] = k;
        l->tok[l->n] = v.tok;
        l->loc[l->n] = loc;
        l->n++;
    }
    dcl_delete_buffer(b, sc);
    dcllex_destroy(sc);
    return l;
}

static Lexed *lexs(const char *text) { return lex(text, strlen(text)); }

static void done(Lexed *l)
{
    arena_free(l->arena);
    free(l);
}

static void assert_tok(const Lexed *l, int i, int kind, const char *text, uint32_t start, uint32_t end)
{
    assert_true(i < l->n);
    assert_int_equal(l->kind[i], kind);
    if (text) assert_string_equal(l->tok[i].text, text);
    assert_int_equal(l->loc[i].start, start);
    assert_int_equal(l->loc[i].end, end);
}

/* The one diagnostic of the run must have this code and span. */
static void assert_one_diag(const DiagSink *d, DiagCode code, uint32_t start, uint32_t end)
{
    assert_int_equal(d->errors, 1);
    assert_non_null(d->first);
    assert_int_equal(d->first->code, code);
    assert_int_equal(d->first->span.start, start);
    assert_int_equal(d->first->span.end, end);
}

static void test_identifiers_and_keywords(void **state)
{
    (void)state;
    Lexed *l = lexs("contract _x9 int32 field unique uniqueness");
    assert_int_equal(l->n, 6);
    assert_tok(l, 0, CONTRACT, "contract", 0, 8);
    assert_tok(l, 1, IDENT, "_x9", 9, 12);
    assert_tok(l, 2, IDENT, "int32", 13, 18); /* built-in type names are not keywords */
    assert_tok(l, 3, FIELD, "field", 19, 24);
    assert_tok(l, 4, UNIQUE, "unique", 25, 31);
    assert_tok(l, 5, IDENT, "uniqueness", 32, 42);
    assert_int_equal(l->diags.errors, 0);
    done(l);
}

static void test_unique_key_token(void **state)
{
    (void)state;
    /* `unique` followed by `(` (after any whitespace) begins a key; otherwise it is the attribute. */
    Lexed *l = lexs("unique (a) unique\n  (b) unique x");
    assert_tok(l, 0, UNIQUE_KEY, "unique", 0, 6);
    assert_tok(l, 1, '(', "(", 7, 8);
    assert_tok(l, 4, UNIQUE_KEY, "unique", 11, 17);
    assert_tok(l, 5, '(', "(", 20, 21);
    assert_tok(l, 8, UNIQUE, "unique", 24, 30);
    done(l);
}

static void test_strings_and_escapes(void **state)
{
    (void)state;
    Lexed *l = lexs("\"a\\\"b\\\\c\\n\\t\\r\" \"\\u{48}\\u{e9}\\u{1F600}\" \"h\xC3\xA9\"");
    assert_int_equal(l->n, 3);
    assert_tok(l, 0, STRING, "a\"b\\c\n\t\r", 0, 15);
    assert_int_equal(l->tok[0].len, 8);
    assert_int_equal(l->kind[1], STRING);
    assert_int_equal(l->tok[1].len, 1 + 2 + 4);
    assert_memory_equal(l->tok[1].text, "H\xC3\xA9\xF0\x9F\x98\x80", 7);
    assert_string_equal(l->tok[2].text, "h\xC3\xA9");
    assert_int_equal(l->diags.errors, 0);
    done(l);
}

/* \u{0} would cut the string wherever it is used as C text: refused (DC0150), value without it. */
static void test_string_nul_refused(void **state)
{
    (void)state;
    Lexed *l = lexs("\"a\\u{0}b\" \"\\u{000}\"");
    assert_int_equal(l->n, 2);
    assert_tok(l, 0, STRING, "ab", 0, 9);
    assert_int_equal(l->tok[1].len, 0);
    assert_int_equal(l->diags.errors, 2);
    assert_string_equal(diag_code_id(l->diags.first->code), "DC0150");
    done(l);
}

/* r"..." and r#"..."# keep every byte as written; `r` before a space is an identifier. */
static void test_raw_strings(void **state)
{
    (void)state;
    Lexed *l = lexs("r\"^\\d+$\" r#\"a\"b\\\"# r#\"x\"\"# r \"y\" r\"\"");
    assert_int_equal(l->n, 6);
    assert_tok(l, 0, STRING, "^\\d+$", 0, 8);
    assert_tok(l, 1, STRING, "a\"b\\", 9, 18);
    assert_tok(l, 2, STRING, "x\"", 19, 26);
    assert_tok(l, 3, IDENT, "r", 27, 28);
    assert_tok(l, 4, STRING, "y", 29, 32);
    assert_tok(l, 5, STRING, "", 33, 36);
    assert_int_equal(l->diags.errors, 0);
    done(l);
}

static void test_numbers_versions_durations_percents(void **state)
{
    (void)state;
    Lexed *l = lexs("42 -1.50 6.02e23 1E-3 2.1.0 1.0.0-rc.1+build.5 5ms 1h 7y 15m 99.9% 100%");
    assert_int_equal(l->n, 12);
    assert_tok(l, 0, NUMBER, "42", 0, 2);
    assert_tok(l, 1, NUMBER, "-1.50", 3, 8); /* kept as written */
    assert_tok(l, 2, NUMBER, "6.02e23", 9, 16);
    assert_tok(l, 3, NUMBER, "1E-3", 17, 21);
    assert_tok(l, 4, VERSION, "2.1.0", 22, 27);
    assert_tok(l, 5, VERSION, "1.0.0-rc.1+build.5", 28, 46);
    assert_tok(l, 6, DURATION, "5ms", 47, 50);
    assert_tok(l, 7, DURATION, "1h", 51, 53);
    assert_tok(l, 8, DURATION, "7y", 54, 56);
    assert_tok(l, 9, DURATION, "15m", 57, 60);
    assert_tok(l, 10, PERCENT, "99.9", 61, 66); /* the value without '%', the span with it */
    assert_tok(l, 11, PERCENT, "100", 67, 71);
    assert_int_equal(l->diags.errors, 0);
    done(l);
}

static void test_versions_are_lexed_loosely(void **state)
{
    (void)state;
    /* Anything shaped like digits.digits.digits... is a version; sema judges it (DC0400). */
    Lexed *l = lexs("01.2.3 1.2.3.4 1.2.");
    assert_tok(l, 0, VERSION, "01.2.3", 0, 6);
    assert_tok(l, 1, VERSION, "1.2.3.4", 7, 14);
    assert_tok(l, 2, VERSION, "1.2.", 15, 19);
    assert_int_equal(l->diags.errors, 0);
    done(l);
}

static void test_punctuation(void **state)
{
    (void)state;
    Lexed *l = lexs("{}()[]<>,.=?* <= >= ==");
    int want[] = {'{', '}', '(', ')', '[', ']', '<', '>', ',', '.', '=', '?', '*', LE, GE, EQ};
    assert_int_equal(l->n, 16);
    for (int i = 0; i < 16; i++) assert_int_equal(l->kind[i], want[i]);
    assert_tok(l, 13, LE, "<=", 14, 16);
    assert_tok(l, 15, EQ, "==", 20, 22);
    done(l);
}

static void test_comments_recorded(void **state)
{
    (void)state;
    Lexed *l = lexs("// one\nowner /* two\n */ x //// four\n");
    assert_int_equal(l->n, 2);
    assert_tok(l, 0, OWNER, "owner", 7, 12);
    assert_tok(l, 1, IDENT, "x", 24, 25);
    Comment *c = l->ctx.comments;
    assert_non_null(c);
    assert_string_equal(c->text, "// one");
    assert_int_equal(c->span.start, 0);
    assert_int_equal(c->span.end, 6);
    assert_true(c->own_line);
    c = c->next;
    assert_string_equal(c->text, "/* two\n */");
    assert_int_equal(c->span.start, 13);
    assert_false(c->own_line);
    c = c->next;
    assert_string_equal(c->text, "//// four"); /* four slashes: an ordinary comment */
    assert_null(c->next);
    done(l);
}

static void test_doc_comment_attaches_to_declaration(void **state)
{
    (void)state;
    Lexed *l = lexs("/// First line.\n///  Indented.  \t\n///\nfield x\n/// stray\nowner");
    assert_int_equal(l->kind[0], FIELD);
    assert_non_null(l->tok[0].doc);
    /* one space after `///` and trailing blanks go: fmt does not keep them either */
    assert_string_equal(l->tok[0].doc->text, "First line.\n Indented.\n");
    assert_int_equal(l->tok[0].doc->start, 0);
    assert_int_equal(l->tok[0].doc->end, 37);
    assert_false(l->tok[0].doc->taken); /* only a declaration's builder takes it */
    assert_ptr_equal(l->ctx.docs, l->tok[0].doc);
    assert_null(l->ctx.docs->next); /* the stray line before `owner` makes no block */
    assert_int_equal(l->kind[2], OWNER);
    assert_null(l->tok[2].doc);
    /* A doc comment before something that is no declaration is an ordinary comment at once. */
    assert_non_null(l->ctx.comments);
    assert_string_equal(l->ctx.comments->text, "/// stray");
    assert_int_equal(l->ctx.comments->span.start, 46);
    assert_true(l->ctx.comments->own_line);
    assert_null(l->ctx.comments->next);
    done(l);
}

static void test_unique_key_sees_past_comments(void **state)
{
    (void)state;
    /* The look past `unique` skips comments; a doc comment there stays with the next token. */
    Lexed *l = lexs("unique // c\n (a) unique /* b */ x unique\n/// d\nfield");
    assert_tok(l, 0, UNIQUE_KEY, "unique", 0, 6);
    assert_tok(l, 1, '(', "(", 13, 14);
    assert_tok(l, 4, UNIQUE, "unique", 17, 23);
    assert_tok(l, 5, IDENT, "x", 32, 33);
    assert_tok(l, 6, UNIQUE, "unique", 34, 40);
    assert_int_equal(l->kind[7], FIELD);
    assert_non_null(l->tok[7].doc);
    assert_string_equal(l->tok[7].doc->text, "d");
    assert_int_equal(l->n, 8);
    done(l);
}

/* --- lexical errors, through parse_file so that the encoding pre-pass runs too -------------- */

typedef struct {
    Arena *arena;
    SourceSet sources;
    DiagSink diags;
    ParsedFile *pf;
} Parsed;

static Parsed *parse(const char *text, size_t len)
{
    Parsed *p = calloc(1, sizeof *p);
    p->arena = arena_new();
    source_set_init(&p->sources, p->arena);
    diag_init(&p->diags, p->arena, &p->sources);
    uint32_t id = source_add(&p->sources, "t.dc", text, len);
    p->pf = parse_file(p->arena, &p->diags, &p->sources, id);
    return p;
}

static void pdone(Parsed *p)
{
    arena_free(p->arena);
    free(p);
}

/* A valid contract with `mid` spliced in as the owner's value; errors are then the token's own. */
#define PRE "contract a.b 1.0.0 { owner "
#define POST " dataset d { field f int32 } }"
static Parsed *parse_owner(const char *mid)
{
    char buf[4096];
    int n = snprintf(buf, sizeof buf, "%s%s%s", PRE, mid, POST);
    return parse(buf, (size_t)n);
}
#define AT (uint32_t)(sizeof PRE - 1)

static void test_error_invalid_utf8_anywhere(void **state)
{
    (void)state;
    const char text[] = "// caf\xE9\ncontract a.b 1.0.0 { owner \"x\" dataset d { field f int32 } }";
    Parsed *p = parse(text, sizeof text - 1);
    assert_one_diag(&p->diags, D_INVALID_UTF8, 6, 7);
    assert_non_null(p->pf->unit);
    pdone(p);
    /* overlong encoding and a surrogate */
    p = parse_owner("\"\xC0\xAF \xED\xA0\x80\"");
    assert_int_equal(p->diags.errors, 2);
    assert_int_equal(p->diags.first->code, D_INVALID_UTF8);
    assert_int_equal(p->diags.first->span.start, AT + 1);
    assert_int_equal(p->diags.first->next->code, D_INVALID_UTF8);
    pdone(p);
}

static void test_error_nul_byte(void **state)
{
    (void)state;
    const char text[] = "contract a.b 1.0.0 {\0\0 owner \"x\" dataset d { field f int32 } }";
    Parsed *p = parse(text, sizeof text - 1);
    assert_one_diag(&p->diags, D_NUL_BYTE, 20, 22);
    pdone(p);
}

static void test_error_unexpected_character(void **state)
{
    (void)state;
    Parsed *p = parse_owner("\"x\" @@@");
    assert_one_diag(&p->diags, D_BAD_CHAR, AT + 4, AT + 7); /* one report for the run */
    pdone(p);
    p = parse_owner("\"x\" \xC3\xA9");
    assert_one_diag(&p->diags, D_BAD_CHAR, AT + 4, AT + 6);
    assert_string_equal(p->diags.first->message, "unexpected character '\xC3\xA9'");
    pdone(p);
}

static void test_error_unterminated_string(void **state)
{
    (void)state;
    const char text[] = "contract a.b 1.0.0 { owner \"abc\n dataset d { field f int32 } }";
    Parsed *p = parse(text, sizeof text - 1);
    assert_one_diag(&p->diags, D_UNTERMINATED_STRING, 27, 31);
    assert_string_equal(p->pf->unit->owner->text, "abc"); /* kept, so nothing cascades */
    pdone(p);
}

static void test_error_unterminated_comment(void **state)
{
    (void)state;
    const char text[] = "contract a.b 1.0.0 { /* never closed";
    Parsed *p = parse(text, sizeof text - 1);
    assert_one_diag(&p->diags, D_UNTERMINATED_COMMENT, 21, 23);
    pdone(p);
}

static void test_error_bad_escape(void **state)
{
    (void)state;
    Parsed *p = parse_owner("\"a\\qb\"");
    assert_one_diag(&p->diags, D_BAD_ESCAPE, AT + 2, AT + 4);
    pdone(p);
    const char *bad[] = {"\"\\u{110000}\"", "\"\\u{D800}\"", "\"\\u{}\"", "\"\\u41\"", "\"\\u{1234567}\""};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        p = parse_owner(bad[i]);
        assert_int_equal(p->diags.errors, 1);
        assert_int_equal(p->diags.first->code, D_BAD_ESCAPE);
        assert_int_equal(p->diags.first->span.start, AT + 1);
        pdone(p);
    }
}

static void test_error_control_char_in_string(void **state)
{
    (void)state;
    Parsed *p = parse_owner("\"a\tb\"");
    assert_one_diag(&p->diags, D_CONTROL_CHAR, AT + 2, AT + 3);
    pdone(p);
}

/* Malformed numbers are one error each, on the token, and never a syntax error too. */
static void test_error_malformed_numbers(void **state)
{
    (void)state;
    const char text[] = "contract a.b 1.0.0 { owner \"x\" sla { freshness 1.5h availability 12%% "
                        "latency 1x retention 0x1F } dataset d { field f int32 } }";
    Parsed *p = parse(text, sizeof text - 1);
    const char *s = p->sources.files[0]->text;
    struct { DiagCode code; const char *tok; } want[] = {
        {D_BAD_DURATION, "1.5h"}, {D_BAD_PERCENT, "12%%"}, {D_BAD_NUMBER, "1x"},
        {D_BAD_NUMBER, "0x1F"},
    };
    const Diag *d = p->diags.first;
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++, d = d->next) {
        assert_non_null(d);
        assert_int_equal(d->code, want[i].code);
        uint32_t at = (uint32_t)(strstr(s, want[i].tok) - s);
        assert_int_equal(d->span.start, at);
        assert_int_equal(d->span.end, at + strlen(want[i].tok));
    }
    assert_null(d);
    pdone(p);
}

static void test_error_spaced_percent(void **state)
{
    (void)state;
    const char text[] = "contract a.b 1.0.0 { owner \"x\" sla { availability 5 % } dataset d { field f int32 } }";
    Parsed *p = parse(text, sizeof text - 1);
    uint32_t at = (uint32_t)(strstr(text, "5 %") - text);
    assert_one_diag(&p->diags, D_BAD_PERCENT, at, at + 3);
    assert_string_equal(p->pf->unit->sla->value->text, "5");
    pdone(p);
}

static void test_error_token_too_long(void **state)
{
    (void)state;
    char ident[300];
    memset(ident, 'k', sizeof ident - 1);
    ident[sizeof ident - 1] = '\0';
    char buf[1024];
    int n = snprintf(buf, sizeof buf, "contract a.b 1.0.0 { owner \"x\" dataset %s { field f int32 } }", ident);
    Parsed *p = parse(buf, (size_t)n);
    assert_one_diag(&p->diags, D_TOKEN_TOO_LONG, 39, 39 + 299);
    assert_int_equal(strlen(p->pf->unit->datasets->name.text), 255); /* cut, not copied whole */
    pdone(p);

    size_t big = 64 * 1024 + 1;
    char *s = malloc(big + 200);
    memcpy(s, PRE "\"", sizeof PRE);
    memset(s + sizeof PRE, 'a', big);
    strcpy(s + sizeof PRE + big, "\"" POST);
    p = parse(s, strlen(s));
    assert_one_diag(&p->diags, D_TOKEN_TOO_LONG, AT, AT + (uint32_t)big + 2);
    pdone(p);
    free(s);
}

static void test_error_empty_file(void **state)
{
    (void)state;
    Parsed *p = parse("", 0);
    assert_one_diag(&p->diags, D_EMPTY_FILE, 0, 0);
    assert_null(p->pf->unit);
    pdone(p);
    p = parse("// nothing\n/* here */\n", 22);
    assert_one_diag(&p->diags, D_EMPTY_FILE, 0, 0);
    assert_non_null(p->pf->comments);
    assert_non_null(p->pf->comments->next);
    pdone(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_identifiers_and_keywords),
        cmocka_unit_test(test_unique_key_token),
        cmocka_unit_test(test_strings_and_escapes),
        cmocka_unit_test(test_string_nul_refused),
        cmocka_unit_test(test_raw_strings),
        cmocka_unit_test(test_numbers_versions_durations_percents),
        cmocka_unit_test(test_versions_are_lexed_loosely),
        cmocka_unit_test(test_punctuation),
        cmocka_unit_test(test_comments_recorded),
        cmocka_unit_test(test_doc_comment_attaches_to_declaration),
        cmocka_unit_test(test_unique_key_sees_past_comments),
        cmocka_unit_test(test_error_invalid_utf8_anywhere),
        cmocka_unit_test(test_error_nul_byte),
        cmocka_unit_test(test_error_unexpected_character),
        cmocka_unit_test(test_error_unterminated_string),
        cmocka_unit_test(test_error_unterminated_comment),
        cmocka_unit_test(test_error_bad_escape),
        cmocka_unit_test(test_error_control_char_in_string),
        cmocka_unit_test(test_error_malformed_numbers),
        cmocka_unit_test(test_error_spaced_percent),
        cmocka_unit_test(test_error_token_too_long),
        cmocka_unit_test(test_error_empty_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
