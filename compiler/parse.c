/* parse.c - the .dc front end driver: token values and lexical errors for the flex scanner,
 * doc comments, and parse_file() which runs scanner and parser over one source file. */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "parser.h"
#include "lexer.h"

#define MAX_IDENT_BYTES 255
#define MAX_STRING_BYTES (64u * 1024)
/* How much of an offending token a message quotes. */
#define QUOTE_MAX 40

/* Keywords, sorted by text for bsearch. Everything else made of letters is an identifier. */
typedef struct {
    const char *text;
    int kind;
} Keyword;

static const Keyword keywords[] = {
    {"as", AS}, {"availability", AVAILABILITY}, {"classification", CLASSIFICATION},
    {"compatibility", COMPATIBILITY}, {"contact", CONTACT}, {"contract", CONTRACT}, {"cron", CRON},
    {"dataset", DATASET}, {"default", DEFAULT}, {"deprecated", DEPRECATED}, {"domain", DOMAIN},
    {"enum", ENUM}, {"false", FALSE}, {"field", FIELD}, {"fields", FIELDS}, {"format", FORMAT},
    {"frequency", FREQUENCY}, {"freshness", FRESHNESS}, {"import", IMPORT}, {"key", KEY},
    {"latency", LATENCY}, {"length", LENGTH}, {"library", LIBRARY}, {"link", LINK}, {"list", LIST},
    {"map", MAP}, {"null", NUL}, {"null_rate", NULL_RATE}, {"owner", OWNER}, {"pattern", PATTERN},
    {"pii", PII}, {"primary", PRIMARY}, {"quality", QUALITY}, {"range", RANGE},
    {"references", REFERENCES}, {"response", RESPONSE}, {"retention", RETENTION},
    {"row_count", ROW_COUNT}, {"serve", SERVE}, {"sla", SLA}, {"sql", SQL}, {"status", STATUS},
    {"struct", STRUCT}, {"sunset", SUNSET}, {"support", SUPPORT}, {"tags", TAGS}, {"term", TERM},
    {"transitive", TRANSITIVE}, {"true", TRUE}, {"type", TYPE}, {"unique", UNIQUE}, {"unit", UNIT},
    {"unknown", UNKNOWN}, {"upstream", UPSTREAM}, {"valid_rate", VALID_RATE}, {"values", VALUES},
};

static int keyword_cmp(const void *key, const void *elem)
{
    return strcmp(key, ((const Keyword *)elem)->text);
}

static Span loc_span(const BuildCtx *c, uint32_t start, uint32_t end)
{
    Span s = {c->file, start, end};
    return s;
}

/* A short, printable excerpt of a token for messages (long tokens are cut). */
static const char *quote(BuildCtx *c, const char *s, size_t n)
{
    if (n > QUOTE_MAX) return arena_printf(c->arena, "%.*s...", QUOTE_MAX, s);
    return arena_strndup(c->arena, s, n);
}

/* Length of the valid UTF-8 sequence at s (n bytes available), 0 when invalid: rejects
 * overlong forms, surrogates and code points above U+10FFFF. */
static size_t utf8_seq(const unsigned char *s, size_t n, uint32_t *cp)
{
    unsigned char b = s[0];
    size_t len;
    uint32_t v, min;
    if (b < 0x80) { *cp = b; return 1; }
    if (b >= 0xC2 && b <= 0xDF) { len = 2; v = b & 0x1F; min = 0x80; }
    else if (b >= 0xE0 && b <= 0xEF) { len = 3; v = b & 0x0F; min = 0x800; }
    else if (b >= 0xF0 && b <= 0xF4) { len = 4; v = b & 0x07; min = 0x10000; }
    else return 0;
    if (n < len) return 0;
    for (size_t i = 1; i < len; i++) {
        if ((s[i] & 0xC0) != 0x80) return 0;
        v = (v << 6) | (s[i] & 0x3F);
    }
    if (v < min || v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF)) return 0;
    *cp = v;
    return len;
}

static size_t utf8_encode(uint32_t cp, char *out)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

/* Invalid UTF-8 and NUL bytes may sit anywhere, comments and strings included, so they are
 * found in one pass over the whole file before scanning; each run of them is one error. */
static void check_encoding(BuildCtx *c)
{
    const unsigned char *s = (const unsigned char *)c->text;
    size_t n = c->len, i = 0;
    while (i < n) {
        uint32_t cp;
        if (s[i] == 0) {
            size_t j = i;
            while (j < n && s[j] == 0) j++;
            diag_report(c->diags, D_NUL_BYTE, loc_span(c, (uint32_t)i, (uint32_t)j),
                        "NUL byte in source (is this a binary file?)");
            c->lex_errors++;
            i = j;
        } else if (s[i] < 0x80) {
            i++;
        } else if (utf8_seq(s + i, n - i, &cp)) {
            i += utf8_seq(s + i, n - i, &cp);
        } else {
            size_t j = i + 1;
            while (j < n && s[j] >= 0x80 && !utf8_seq(s + j, n - j, &cp)) j++;
            diag_report(c->diags, D_INVALID_UTF8, loc_span(c, (uint32_t)i, (uint32_t)j),
                        "invalid UTF-8 byte 0x%02X", s[i]);
            c->lex_errors++;
            i = j;
        }
    }
}

static void lex_error_count(BuildCtx *c, DcLoc loc)
{
    c->lex_errors++;
    c->lex_err = loc;
}

int lex_word(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc)
{
    if (n > MAX_IDENT_BYTES) {
        /* Reported and cut, not copied: a megabyte identifier costs no megabyte of arena. */
        diag_report(c->diags, D_TOKEN_TOO_LONG, loc_span(c, loc.start, loc.end),
                    "identifier is %zu bytes long; the limit is %d", n, MAX_IDENT_BYTES);
        lex_error_count(c, loc);
        n = MAX_IDENT_BYTES;
    }
    t->text = arena_strndup(c->arena, s, n);
    t->len = (uint32_t)n;
    if (n > 16) return IDENT; /* no keyword is that long */
    const Keyword *k = bsearch(t->text, keywords, sizeof keywords / sizeof keywords[0],
                               sizeof keywords[0], keyword_cmp);
    return k ? k->kind : IDENT;
}

int lex_unique_key(BuildCtx *c, Tok *t, DcLoc loc)
{
    (void)c;
    (void)loc;
    t->text = "unique";
    t->len = 6;
    return UNIQUE_KEY;
}

/* Hex digits of \u{...}: returns the count read, or 0. */
static size_t hex_value(const char *s, size_t n, uint32_t *v)
{
    size_t i = 0;
    uint32_t x = 0;
    while (i < n && i < 7) {
        char ch = s[i];
        int d;
        if (ch >= '0' && ch <= '9') d = ch - '0';
        else if (ch >= 'a' && ch <= 'f') d = ch - 'a' + 10;
        else if (ch >= 'A' && ch <= 'F') d = ch - 'A' + 10;
        else break;
        x = x * 16 + (uint32_t)d;
        i++;
    }
    *v = x;
    return i;
}

/* s is the whole token with its opening quote (and closing one when terminated). */
int lex_string(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc, bool terminated)
{
    size_t body = n - 1 - (terminated ? 1 : 0);
    t->text = "";
    t->len = 0;
    if (!terminated) {
        diag_report(c->diags, D_UNTERMINATED_STRING, loc_span(c, loc.start, loc.end),
                    "unterminated string: no closing '\"' before the end of the %s",
                    loc.end < c->len ? "line" : "file");
        lex_error_count(c, loc);
    }
    if (body > MAX_STRING_BYTES) {
        diag_report(c->diags, D_TOKEN_TOO_LONG, loc_span(c, loc.start, loc.end),
                    "string is %zu bytes long; the limit is %u", body, MAX_STRING_BYTES);
        lex_error_count(c, loc);
        return STRING;
    }
    const char *p = s + 1;
    char *out = arena_alloc(c->arena, body + 1);
    size_t o = 0;
    for (size_t i = 0; i < body;) {
        uint32_t at = loc.start + 1 + (uint32_t)i;
        unsigned char ch = (unsigned char)p[i];
        if (ch == '\\') {
            if (i + 1 >= body) { /* a lone backslash ending an unterminated string */
                i++;
                continue;
            }
            char e = p[i + 1];
            size_t elen = 2;
            switch (e) {
            case '"': out[o++] = '"'; break;
            case '\\': out[o++] = '\\'; break;
            case 'n': out[o++] = '\n'; break;
            case 't': out[o++] = '\t'; break;
            case 'r': out[o++] = '\r'; break;
            case 'u': {
                uint32_t v = 0;
                size_t h = 0;
                bool ok = false;
                if (i + 2 < body && p[i + 2] == '{') {
                    h = hex_value(p + i + 3, body - (i + 3), &v);
                    if (i + 3 + h < body && p[i + 3 + h] == '}') {
                        elen = 4 + h;
                        ok = h >= 1 && h <= 6 && v <= 0x10FFFF && !(v >= 0xD800 && v <= 0xDFFF);
                    } else {
                        elen = 3 + h;
                    }
                }
                if (ok) {
                    o += utf8_encode(v, out + o);
                } else {
                    diag_report(c->diags, D_BAD_ESCAPE, loc_span(c, at, at + (uint32_t)elen),
                                "invalid \\u escape: write \\u{HEX} with 1 to 6 hex digits naming a "
                                "Unicode scalar value");
                    lex_error_count(c, loc);
                }
                break;
            }
            default: {
                uint32_t cp;
                size_t l = utf8_seq((const unsigned char *)p + i + 1, body - i - 1, &cp);
                if (l > 1) elen = 1 + l;
                diag_report(c->diags, D_BAD_ESCAPE, loc_span(c, at, at + (uint32_t)elen),
                            "invalid escape sequence '%s'; strings allow \\\" \\\\ \\n \\t \\r and \\u{HEX}",
                            quote(c, p + i, elen));
                lex_error_count(c, loc);
            }
            }
            i += elen;
        } else if (ch == 0) {
            i++; /* reported by check_encoding */
        } else if (ch < 0x20 || ch == 0x7F) {
            diag_report(c->diags, D_CONTROL_CHAR, loc_span(c, at, at + 1),
                        "control character U+%04X in string; use an escape such as \\t or \\u{%X}",
                        ch, ch);
            lex_error_count(c, loc);
            i++;
        } else {
            out[o++] = (char)ch;
            i++;
        }
    }
    out[o] = '\0';
    t->text = out;
    t->len = (uint32_t)o;
    return STRING;
}

int lex_literal(BuildCtx *c, Tok *t, const char *s, size_t n, int kind)
{
    if (kind == PERCENT) n--; /* the value without its '%' */
    t->text = arena_strndup(c->arena, s, n);
    t->len = (uint32_t)n;
    return kind;
}

static bool is_duration_unit(const char *s, size_t n)
{
    static const char *const units[] = {"ms", "s", "m", "h", "d", "w", "y"};
    for (size_t i = 0; i < sizeof units / sizeof units[0]; i++)
        if (strlen(units[i]) == n && memcmp(units[i], s, n) == 0) return true;
    return false;
}

/* A token that starts like a number but is none of number, version, duration or percentage.
 * It is reported once and handed on as the kind it most resembles, so the parser goes on. */
int lex_bad_number(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc)
{
    Span sp = loc_span(c, loc.start, loc.end);
    const char *q = quote(c, s, n);
    t->text = arena_strndup(c->arena, s, n > MAX_IDENT_BYTES ? MAX_IDENT_BYTES : n);
    t->len = (uint32_t)strlen(t->text);
    lex_error_count(c, loc);
    if (memchr(s, '%', n)) {
        diag_report(c->diags, D_BAD_PERCENT, sp,
                    "malformed percentage '%s': write a number followed by one '%%'", q);
        return PERCENT;
    }
    size_t i = (s[0] == '-') ? 1 : 0;
    while (i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == '.')) i++;
    if (i < n && is_duration_unit(s + i, n - i)) {
        diag_report(c->diags, D_BAD_DURATION, sp,
                    "malformed duration '%s': a duration is a whole number followed by one unit "
                    "(ms, s, m, h, d, w, y)", q);
        return DURATION;
    }
    diag_report(c->diags, D_BAD_NUMBER, sp, "malformed number '%s'", q);
    return NUMBER;
}

int lex_spaced_percent(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc)
{
    size_t k = 0;
    while (k < n && s[k] != ' ' && s[k] != '\t') k++;
    diag_report(c->diags, D_BAD_PERCENT, loc_span(c, loc.start, loc.end),
                "malformed percentage: no space is allowed between '%s' and '%%'", quote(c, s, k));
    lex_error_count(c, loc);
    t->text = arena_strndup(c->arena, s, k);
    t->len = (uint32_t)k;
    return PERCENT;
}

int lex_punct(BuildCtx *c, Tok *t, const char *s, size_t n, int kind)
{
    /* Punctuation texts are copied once per token: they are one or two bytes. */
    t->text = arena_strndup(c->arena, s, n);
    t->len = (uint32_t)n;
    return kind;
}

static bool own_line(const BuildCtx *c, uint32_t start)
{
    while (start > 0) {
        char ch = c->text[start - 1];
        if (ch == '\n') return true;
        if (ch != ' ' && ch != '\t' && ch != '\r') return false;
        start--;
    }
    return true;
}

static Comment *new_comment(BuildCtx *c, const char *s, size_t n, DcLoc loc)
{
    Comment *k = ARENA_NEW(c->arena, Comment);
    k->span = loc_span(c, loc.start, loc.end);
    k->text = arena_strndup(c->arena, s, n);
    k->own_line = own_line(c, loc.start);
    return k;
}

static void append_comment(BuildCtx *c, Comment *k)
{
    k->next = NULL;
    if (c->comments_last) c->comments_last->next = k;
    else c->comments = k;
    c->comments_last = k;
}

/* Doc comment lines that did not end up on a declaration are ordinary comments. */
static void flush_doc(BuildCtx *c)
{
    Comment *k = c->doc_first;
    while (k) {
        Comment *next = k->next;
        append_comment(c, k);
        k = next;
    }
    c->doc_first = c->doc_last = NULL;
}

/* The text of the pending doc lines: each without `///` and one following space, joined by '\n'. */
static const char *take_doc(BuildCtx *c)
{
    size_t total = 0;
    for (Comment *k = c->doc_first; k; k = k->next) total += strlen(k->text) + 1;
    char *out = arena_alloc(c->arena, total + 1);
    size_t o = 0;
    for (Comment *k = c->doc_first; k; k = k->next) {
        const char *line = k->text + 3;
        if (*line == ' ') line++;
        size_t l = strlen(line);
        while (l > 0 && line[l - 1] == '\r') l--;
        if (k != c->doc_first) out[o++] = '\n';
        memcpy(out + o, line, l);
        o += l;
    }
    out[o] = '\0';
    c->doc_first = c->doc_last = NULL;
    return out;
}

void lex_comment(BuildCtx *c, const char *s, size_t n, DcLoc loc, CommentKind kind)
{
    if (kind == COMMENT_DOC && n > 3 && s[3] == '/') kind = COMMENT_LINE; /* //// is not a doc */
    Comment *k = new_comment(c, s, n, loc);
    if (kind == COMMENT_DOC) {
        if (c->doc_last) c->doc_last->next = k;
        else c->doc_first = k;
        c->doc_last = k;
        return;
    }
    flush_doc(c);
    append_comment(c, k);
    if (kind == COMMENT_BLOCK_OPEN) {
        diag_report(c->diags, D_UNTERMINATED_COMMENT, loc_span(c, loc.start, loc.start + 2),
                    "unterminated comment: this '/*' has no closing '*/'");
        lex_error_count(c, loc);
    }
}

void lex_bad_char(BuildCtx *c, const char *s, size_t n, DcLoc loc)
{
    const unsigned char *u = (const unsigned char *)s;
    if (u[0] >= 0x80) {
        /* A run of non-ASCII bytes outside strings and comments. Invalid UTF-8 in it was
         * reported already; valid characters are unexpected like any other. */
        for (size_t i = 0; i < n;) {
            uint32_t cp;
            size_t l = utf8_seq(u + i, n - i, &cp);
            if (!l) return;
            i += l;
        }
    }
    if (c->bad_char && c->bad_char_end == loc.start) {
        c->bad_char->span.end = loc.end; /* one report for a run of stray characters */
        c->bad_char_end = loc.end;
        return;
    }
    uint32_t cp = u[0];
    if (u[0] >= 0x80) utf8_seq(u, n, &cp);
    if (cp >= 0x20 && cp != 0x7F)
        c->bad_char = diag_report(c->diags, D_BAD_CHAR, loc_span(c, loc.start, loc.end),
                                  "unexpected character '%s'",
                                  quote(c, s, u[0] >= 0x80 ? utf8_seq(u, n, &cp) : 1));
    else
        c->bad_char = diag_report(c->diags, D_BAD_CHAR, loc_span(c, loc.start, loc.end),
                                  "unexpected character U+%04X", (unsigned)cp);
    c->bad_char_end = loc.end;
    lex_error_count(c, loc);
}

int dc_lex(YYSTYPE *lval, YYLTYPE *lloc, BuildCtx *c)
{
    memset(&lval->tok, 0, sizeof lval->tok);
    int k = dcllex(lval, lloc, c->scanner);
    if (k == 0) { /* end of file: it sits at the end */
        lloc->start = lloc->end = c->len;
    } else {
        c->saw_token = true;
    }
    if (c->doc_first) {
        if (k == CONTRACT || k == LIBRARY || k == TYPE || k == DATASET || k == FIELD)
            lval->tok.doc = take_doc(c);
        else
            flush_doc(c);
    }
    for (int i = 2; i > 0; i--) {
        c->tok_kind[i] = c->tok_kind[i - 1];
        c->tok[i] = c->tok[i - 1];
        c->tok_loc[i] = c->tok_loc[i - 1];
    }
    c->tok_kind[0] = k;
    c->tok[0] = lval->tok;
    c->tok_loc[0] = *lloc;
    return k;
}

ParsedFile *parse_file(Arena *a, DiagSink *diags, SourceSet *sources, uint32_t file)
{
    ParsedFile *pf = ARENA_NEW(a, ParsedFile);
    pf->file = file;
    const SourceFile *f = sources->files[file];

    BuildCtx c;
    memset(&c, 0, sizeof c);
    c.arena = a;
    c.diags = diags;
    c.sources = sources;
    c.file = file;
    c.text = f->text;
    c.len = (uint32_t)f->len;
    c.tok_kind[0] = c.tok_kind[1] = c.tok_kind[2] = -1;

    check_encoding(&c);

    yyscan_t scanner;
    if (dcllex_init_extra(&c, &scanner) != 0) {
        diag_report(diags, D_IO_ERROR, loc_span(&c, 0, 0), "cannot start the scanner (out of memory)");
        return pf;
    }
    c.scanner = scanner;
    YY_BUFFER_STATE buf = dcl_scan_bytes(f->text, (int)f->len, scanner);
    int r = yyparse(&c);
    dcl_delete_buffer(buf, scanner);
    dcllex_destroy(scanner);
    flush_doc(&c);

    pf->comments = c.comments;
    pf->unit = r == 0 ? c.unit : NULL;
    if (pf->unit) pf->unit->imports = c.imports;
    return pf;
}
