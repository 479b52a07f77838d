/* parse.c - the .dc front end driver: token values and lexical errors for the flex scanner,
 * doc comments, and parse_file() which runs scanner and parser over one source file. */
#include "parse.h"

#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "utf8.h"
#include "parser.h"
#include "lexer.h"

#define MAX_IDENT_BYTES MODEL_IDENT_MAX_BYTES
#define MAX_STRING_BYTES (64u * 1024)
/* How much of an offending token a message quotes. */
#define QUOTE_MAX 40

/* The keyword spelled by s[0..n), or IDENT; *text gets the keyword's static spelling, so keyword
 * tokens cost no copy. Every word of the input passes through here: a switch on the first
 * letter, then length and bytes, is several times cheaper than a bsearch of strcmp calls. */
static int keyword(const char *s, size_t n, const char **text)
{
#define KW(str, kind)                                               \
    if (n == sizeof(str) - 1 && memcmp(s, str, sizeof(str) - 1) == 0) { \
        *text = str;                                                \
        return kind;                                                \
    }
    switch (s[0]) {
    case 'a': KW("as", AS) KW("availability", AVAILABILITY) break;
    case 'c':
        KW("classification", CLASSIFICATION) KW("compatibility", COMPATIBILITY)
        KW("contact", CONTACT) KW("contract", CONTRACT) KW("cron", CRON)
        KW("created", CREATED) KW("custom", CUSTOM) break;
    case 'd':
        KW("dataset", DATASET) KW("default", DEFAULT) KW("deprecated", DEPRECATED)
        KW("domain", DOMAIN) break;
    case 'e': KW("enum", ENUM) KW("expect", EXPECT) break;
    case 'f':
        KW("false", FALSE) KW("field", FIELD) KW("fields", FIELDS) KW("format", FORMAT)
        KW("frequency", FREQUENCY) KW("freshness", FRESHNESS) break;
    case 'i': KW("import", IMPORT) KW("id", ID) break;
    case 'k': KW("key", KEY) break;
    case 'l':
        KW("latency", LATENCY) KW("length", LENGTH) KW("library", LIBRARY) KW("link", LINK)
        KW("list", LIST) KW("limitations", LIMITATIONS) break;
    case 'm': KW("map", MAP) break;
    case 'n': KW("null", NUL) KW("null_rate", NULL_RATE) break;
    case 'o': KW("owner", OWNER) break;
    case 'p':
        KW("pattern", PATTERN) KW("pii", PII) KW("primary", PRIMARY) KW("price", PRICE)
        KW("product", PRODUCT) KW("property", PROPERTY) break;
    case 'q': KW("quality", QUALITY) break;
    case 'r':
        KW("range", RANGE) KW("references", REFERENCES) KW("response", RESPONSE)
        KW("retention", RETENTION) KW("row_count", ROW_COUNT) KW("role", ROLE) break;
    case 's':
        KW("serve", SERVE) KW("sla", SLA) KW("sql", SQL) KW("status", STATUS) KW("struct", STRUCT)
        KW("sunset", SUNSET) KW("support", SUPPORT) KW("standard", STANDARD) break;
    case 't':
        KW("tags", TAGS) KW("term", TERM) KW("transitive", TRANSITIVE) KW("true", TRUE)
        KW("type", TYPE) KW("team", TEAM) KW("tenant", TENANT) KW("title", TITLE) break;
    case 'u':
        KW("unique", UNIQUE) KW("unit", UNIT) KW("unknown", UNKNOWN) KW("upstream", UPSTREAM)
        KW("usage", USAGE) break;
    case 'v': KW("valid", VALID) KW("valid_rate", VALID_RATE) KW("values", VALUES) break;
    default: break;
    }
    /* Element metadata of ODCS (issue 14): a second switch, so the table above stays as it is. */
    switch (s[0]) {
    case 'b': KW("business", BUSINESS) break;
    case 'c': KW("critical", CRITICAL) break;
    case 'e': KW("encrypted", ENCRYPTED) KW("examples", EXAMPLES) break;
    case 'p': KW("partition", PARTITION) KW("physical", PHYSICAL) break;
    case 's': KW("server", SERVER) break;
    case 'm': KW("meta", METAKW) break;
    case 'd': KW("description", DESCRIPTION) break;
    default: break;
    }
    /* `between a and b`, `not between a and b` and the count rules in quality blocks */
    switch (s[0]) {
    case 'a': KW("and", AND) break;
    case 'b': KW("between", BETWEEN) break;
    case 'd': KW("duplicate_count", DUPLICATE_COUNT) KW("duplicate_rate", DUPLICATE_RATE) break;
    case 'i': KW("invalid_count", INVALID_COUNT) KW("invalid_rate", INVALID_RATE) break;
    case 'm': KW("missing_count", MISSING_COUNT) KW("missing_rate", MISSING_RATE) break;
    case 'n': KW("not", NOT) KW("null_count", NULL_COUNT) break;
    default: break;
    }
#undef KW
    return IDENT;
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

/* Invalid UTF-8 and NUL bytes may sit anywhere, comments and strings included, so they are
 * found in one pass over the whole file before scanning; each run of them is one error. */
static void check_encoding(BuildCtx *c)
{
    const unsigned char *s = (const unsigned char *)c->text;
    size_t n = c->len, i = 0;
    while (i < n) {
        uint32_t cp;
        /* Most text is ASCII without NUL: skip eight such bytes at a time. */
        while (i + 8 <= n) {
            uint64_t w;
            memcpy(&w, s + i, 8);
            const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
            if (((w - ones) & ~w & highs) || (w & highs)) break; /* a NUL or a high byte */
            i += 8;
        }
        if (i >= n) break;
        if (s[i] == 0) {
            size_t j = i;
            while (j < n && s[j] == 0) j++;
            diag_report(c->diags, D_NUL_BYTE, loc_span(c, (uint32_t)i, (uint32_t)j),
                        "NUL byte in source (is this a binary file?)");
            c->lex_errors++;
            i = j;
        } else if (s[i] < 0x80) {
            i++;
        } else if (utf8_decode(s + i, n - i, &cp)) {
            i += utf8_decode(s + i, n - i, &cp);
        } else {
            size_t j = i + 1;
            while (j < n && s[j] >= 0x80 && !utf8_decode(s + j, n - j, &cp)) j++;
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
    t->len = (uint32_t)n;
    int k = keyword(s, n, &t->text);
    /* Built-in type names are spelled by the model's table: the name every field has costs no copy. */
    const char *spelling = NULL;
    if (k == IDENT && model_builtin_lookup(s, n, &spelling) == TY_NAMED) spelling = arena_strndup(c->arena, s, n);
    if (k == IDENT) t->text = spelling;
    return k;
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

/* The raw string a pattern or SQL text written in a "..." string with invalid escapes was meant
 * to be: the body as written, with \\ and \" (which meant one character) undone; NULL when no
 * raw form can hold it or it is too long to quote. A regex or SQL text keeps its backslashes in
 * a raw string, as every other tool reads them. */
static const char *raw_spelling(BuildCtx *c, const char *p, size_t body)
{
    if (body > 200) return NULL;
    char *out = arena_alloc(c->arena, body + 6);
    size_t o = 0;
    bool dq = false;
    out[o++] = 'r';
    out[o++] = '#';
    out[o++] = '"';
    for (size_t i = 0; i < body; i++) {
        unsigned char ch = (unsigned char)p[i];
        if (ch < 0x20 || ch == 0x7F) return NULL;
        if (ch == '\\' && i + 1 < body && (p[i + 1] == '\\' || p[i + 1] == '"')) ch = (unsigned char)p[++i];
        if (ch == '"') {
            if (i + 1 < body && p[i + 1] == '#') return NULL;
            dq = true;
        }
        out[o++] = (char)ch;
    }
    out[o++] = '"';
    out[o++] = '#';
    out[o] = '\0';
    if (dq) return out;
    out[o - 1] = '\0';
    out[1] = 'r';
    return out + 1;
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
    bool hinted = false;
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
                if (ok && v == 0) {
                    /* Names, patterns and C strings downstream end at a NUL: refused here,
                     * where it is written, so nothing can cut the string short later. */
                    diag_report(c->diags, D_STRING_NUL, loc_span(c, at, at + (uint32_t)elen),
                                "a string cannot hold U+0000 (\\u{0}); leave it out");
                    lex_error_count(c, loc);
                } else if (ok) {
                    o += utf8_encode(v, (unsigned char *)out + o);
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
                size_t l = utf8_decode((const unsigned char *)p + i + 1, body - i - 1, &cp);
                if (l > 1) elen = 1 + l;
                Diag *g = diag_report(c->diags, D_BAD_ESCAPE, loc_span(c, at, at + (uint32_t)elen),
                            "invalid escape sequence '%s'; strings allow \\\" \\\\ \\n \\t \\r and \\u{HEX}",
                            quote(c, p + i, elen));
                if (!hinted && terminated && (c->tok_kind[0] == PATTERN || c->tok_kind[0] == SQL)) {
                    hinted = true;
                    const char *raw = raw_spelling(c, p, body);
                    if (raw) diag_note(c->diags, g, loc_span(c, loc.start, loc.end),
                                       "in a raw string backslashes stay as written: %s", raw);
                }
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

/* r"..." or r#"..."# (hashes 0 or 1): the text between the quotes as written, no escapes, so a
 * pattern or SQL text reads as in every other tool. */
int lex_raw_string(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc, int hashes, bool terminated)
{
    size_t open = 2 + (size_t)hashes, close = terminated ? 1 + (size_t)hashes : 0;
    size_t body = n - open - close;
    t->text = "";
    t->len = 0;
    if (!terminated) {
        diag_report(c->diags, D_UNTERMINATED_STRING, loc_span(c, loc.start, loc.end),
                    "unterminated raw string: no closing '%s' before the end of the %s",
                    hashes ? "\"#" : "\"", loc.end < c->len ? "line" : "file");
        lex_error_count(c, loc);
    }
    if (body > MAX_STRING_BYTES) {
        diag_report(c->diags, D_TOKEN_TOO_LONG, loc_span(c, loc.start, loc.end),
                    "string is %zu bytes long; the limit is %u", body, MAX_STRING_BYTES);
        lex_error_count(c, loc);
        return STRING;
    }
    const unsigned char *p = (const unsigned char *)s + open;
    for (size_t i = 0; i < body; i++) {
        if (p[i] == 0 || !(p[i] < 0x20 || p[i] == 0x7F)) continue; /* NUL: check_encoding */
        uint32_t at = loc.start + (uint32_t)(open + i);
        diag_report(c->diags, D_CONTROL_CHAR, loc_span(c, at, at + 1),
                    "control character U+%04X in raw string; a raw string has no escapes, so use "
                    "\"...\" with \\u{%X}", p[i], p[i]);
        lex_error_count(c, loc);
    }
    t->text = arena_strndup(c->arena, (const char *)p, body);
    t->len = (uint32_t)body;
    return STRING;
}

/* `range [2026-01-01, *]`: a date, time or timestamp written without quotes. Reported with the
 * fix, and handed on as the string it should have been, so the value is still checked. */
int lex_unquoted_date(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc)
{
    const char *q = quote(c, s, n);
    diag_report(c->diags, D_UNQUOTED_DATE, loc_span(c, loc.start, loc.end),
                "a %s is written as a string: quote it, \"%s\"",
                memchr(s, '-', n) ? (memchr(s, ':', n) ? "timestamp" : "date") : "time", q);
    lex_error_count(c, loc);
    t->text = arena_strndup(c->arena, s, n);
    t->len = (uint32_t)n;
    return STRING;
}

size_t parse_string_offset(const char *tok, size_t n, size_t value_off)
{
    if (n >= 2 && tok[0] == 'r') {
        size_t open = tok[1] == '#' ? 3 : 2;
        return open + value_off <= n ? open + value_off : n;
    }
    size_t i = 1, v = 0; /* past the opening quote */
    while (i < n && v < value_off) {
        if (tok[i] == '"') break;
        if (tok[i] != '\\' || i + 1 >= n) {
            i++, v++;
            continue;
        }
        char e = tok[i + 1];
        if (e != 'u') {
            i += 2, v++;
            continue;
        }
        uint32_t cp = 0;
        size_t h = i + 2 < n && tok[i + 2] == '{' ? hex_value(tok + i + 3, n - i - 3, &cp) : 0;
        unsigned char tmp[4];
        v += h ? utf8_encode(cp, tmp) : 1;
        i += h ? 4 + h : 2;
    }
    return i;
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

/* The duration unit a word that users write for one stands for ("hr" -> "h"), or NULL. */
static const char *duration_unit_for(const char *s, size_t n)
{
    static const struct {
        const char *word, *unit;
    } words[] = {
        {"msec", "ms"}, {"msecs", "ms"}, {"millis", "ms"}, {"millisecond", "ms"}, {"milliseconds", "ms"},
        {"sec", "s"},   {"secs", "s"},   {"second", "s"},  {"seconds", "s"},
        {"min", "m"},   {"mins", "m"},   {"minute", "m"},  {"minutes", "m"},
        {"hr", "h"},    {"hrs", "h"},    {"hour", "h"},    {"hours", "h"},
        {"day", "d"},   {"days", "d"},   {"wk", "w"},      {"wks", "w"},     {"week", "w"}, {"weeks", "w"},
        {"yr", "y"},    {"yrs", "y"},    {"year", "y"},    {"years", "y"},
    };
    for (size_t k = 0; k < sizeof words / sizeof words[0]; k++)
        if (strlen(words[k].word) == n && memcmp(words[k].word, s, n) == 0) return words[k].unit;
    return NULL;
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
    const char *unit = i < n && i > (s[0] == '-' ? 1u : 0u) && memchr(s, '.', i) == NULL
                           ? duration_unit_for(s + i, n - i) : NULL;
    if (unit) {
        /* `1hr`, `30min`, `2days`: the word a user writes for a unit dcc spells in one letter */
        diag_report(c->diags, D_BAD_DURATION, sp,
                    "malformed duration '%s': the units are ms, s, m (minutes), h, d, w and y; "
                    "write '%.*s%s'", q, (int)i, s, unit);
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
    (void)c;
    /* Static text, not a copy per token: "{}()[]<>,.=?*" holds each one-byte punctuator. */
    static const char one[] = "{\0}\0(\0)\0[\0]\0<\0>\0,\0.\0=\0?\0*";
    t->len = (uint32_t)n;
    switch (kind) {
    case LE: t->text = "<="; return kind;
    case GE: t->text = ">="; return kind;
    case EQ: t->text = "=="; return kind;
    case NE: t->text = "!="; return kind;
    default: break;
    }
    for (size_t i = 0; i < sizeof one; i += 2)
        if (one[i] == s[0]) {
            t->text = one + i;
            return kind;
        }
    t->text = "?"; /* not reached: the scanner passes only the punctuators above */
    return kind;
}

static bool own_line(const BuildCtx *c, uint32_t start)
{
    while (start > 0) {
        char ch = c->text[start - 1];
        if (ch == '\n' || ch == '\r') return true;
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

/* Where the line holding offset p ends (at its LF or CR), or `end`. */
static uint32_t line_end(const BuildCtx *c, uint32_t p, uint32_t end)
{
    while (p < end && c->text[p] != '\n' && c->text[p] != '\r') p++;
    return p;
}

static bool doc_line_at(const BuildCtx *c, uint32_t p, uint32_t end)
{
    return end - p >= 3 && memcmp(c->text + p, "///", 3) == 0;
}

/* Appends the `///` lines in the source range [start, end) (doc lines and blanks only) as
 * ordinary comments after *tail; returns the new tail. */
static Comment **doc_lines_as_comments(BuildCtx *c, uint32_t start, uint32_t end, Comment **tail)
{
    uint32_t p = start;
    while (p < end) {
        if (!doc_line_at(c, p, end)) { /* blanks (or stray bytes, reported by the scanner) */
            p++;
            continue;
        }
        uint32_t e = line_end(c, p, end);
        DcLoc loc = {p, e};
        Comment *k = new_comment(c, c->text + p, e - p, loc);
        *tail = k;
        tail = &k->next;
        p = e;
    }
    *tail = NULL;
    return tail;
}

/* The pending `///` lines were no doc after all: they become comments now, in order. */
static void flush_doc(BuildCtx *c)
{
    if (!c->doc_pending) return;
    c->doc_pending = false;
    Comment **tail = c->comments_last ? &c->comments_last->next : &c->comments;
    doc_lines_as_comments(c, c->doc_start, c->doc_end, tail);
    while (*tail) {
        c->comments_last = *tail;
        tail = &(*tail)->next;
    }
}

/* The pending `///` lines as a DocBlock: each line without `///`, one following space and any
 * trailing blanks (which fmt does not keep either), joined by '\n'. */
static DocBlock *doc_block(BuildCtx *c)
{
    DocBlock *d = ARENA_NEW(c->arena, DocBlock);
    d->start = c->doc_start;
    d->end = c->doc_end;
    if (c->docs_last) c->docs_last->next = d;
    else c->docs = d;
    c->docs_last = d;
    c->doc_pending = false;
    char *out = arena_alloc(c->arena, d->end - d->start + 1);
    size_t o = 0;
    uint32_t p = d->start;
    while (p < d->end) {
        if (!doc_line_at(c, p, d->end)) {
            p++;
            continue;
        }
        uint32_t e = line_end(c, p, d->end);
        const char *line = c->text + p + 3;
        if (*line == ' ' && line < c->text + e) line++;
        size_t l = (size_t)(c->text + e - line);
        while (l > 0 && (line[l - 1] == ' ' || line[l - 1] == '\t' || line[l - 1] == '\r')) l--;
        if (p != d->start) out[o++] = '\n';
        memcpy(out + o, line, l);
        o += l;
        p = e;
    }
    out[o] = '\0';
    d->text = out;
    return d;
}

void lex_comment(BuildCtx *c, const char *s, size_t n, DcLoc loc, CommentKind kind)
{
    if (kind == COMMENT_DOC && n > 3 && s[3] == '/') kind = COMMENT_LINE; /* //// is not a doc */
    if (kind == COMMENT_DOC) {
        if (!c->doc_pending) c->doc_start = loc.start;
        c->doc_pending = true;
        c->doc_end = loc.end;
        return;
    }
    flush_doc(c); /* a doc comment ends at any other comment */
    append_comment(c, new_comment(c, s, n, loc));
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
            size_t l = utf8_decode(u + i, n - i, &cp);
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
    if (u[0] >= 0x80) utf8_decode(u, n, &cp);
    if (cp >= 0x20 && cp != 0x7F)
        c->bad_char = diag_report(c->diags, D_BAD_CHAR, loc_span(c, loc.start, loc.end),
                                  "unexpected character '%s'",
                                  quote(c, s, u[0] >= 0x80 ? utf8_decode(u, n, &cp) : 1));
    else
        c->bad_char = diag_report(c->diags, D_BAD_CHAR, loc_span(c, loc.start, loc.end),
                                  "unexpected character U+%04X", (unsigned)cp);
    c->bad_char_end = loc.end;
    lex_error_count(c, loc);
}

/* One token from the scanner; end of file sits at the end. */
static int scan(YYSTYPE *lval, YYLTYPE *lloc, BuildCtx *c)
{
    memset(&lval->tok, 0, sizeof lval->tok);
    int k = dcllex(lval, lloc, c->scanner);
    if (k == 0) lloc->start = lloc->end = c->len;
    return k;
}

int dc_lex(YYSTYPE *lval, YYLTYPE *lloc, BuildCtx *c)
{
    int k;
    if (c->peeked) {
        k = c->peek_kind;
        lval->tok = c->peek_tok;
        *lloc = c->peek_loc;
        c->peeked = false;
    } else {
        k = scan(lval, lloc, c);
    }
    if (k != 0) c->saw_token = true;
    if (c->doc_pending) {
        if (k == CONTRACT || k == LIBRARY || k == TYPE || k == DATASET || k == FIELD)
            lval->tok.doc = doc_block(c);
        else
            flush_doc(c);
    }
    if (k == UNIQUE) {
        /* `unique (` begins a key (a dataset item or a quality rule); any other `unique` is the
         * attribute. The grammar cannot tell them apart with one token of lookahead, and the
         * scanner cannot see past comments, so the next token is read here and kept. */
        YYSTYPE next;
        c->peek_kind = scan(&next, &c->peek_loc, c);
        c->peek_tok = next.tok;
        c->peeked = true;
        if (c->peek_kind == '(') k = UNIQUE_KEY;
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

/* The file's comments: the ordinary ones merged, by position, with the lines of the doc blocks
 * that no declaration took (both lists are in source order). */
static Comment *all_comments(BuildCtx *c)
{
    flush_doc(c);
    Comment *out = NULL, **tail = &out, *k = c->comments;
    for (DocBlock *d = c->docs; d; d = d->next) {
        if (d->taken) continue;
        while (k && k->span.start < d->start) {
            *tail = k;
            tail = &k->next;
            k = k->next;
        }
        tail = doc_lines_as_comments(c, d->start, d->end, tail);
    }
    *tail = k;
    return out;
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
    mb_init(&c.mb, a, diags, file);

    check_encoding(&c);

    yyscan_t scanner;
    if (dcllex_init_extra(&c, &scanner) != 0) {
        diag_report(diags, D_IO_ERROR, loc_span(&c, 0, 0), "cannot start the scanner (out of memory)");
        return pf;
    }
    c.scanner = scanner;
    /* A UTF-8 byte order mark (editors on Windows write one) is skipped, as data files' is. */
    uint32_t skip = source_bom(f->text, f->len) ? 3 : 0;
    c.pos = skip;
    YY_BUFFER_STATE buf = dcl_scan_bytes(f->text + skip, (int)(f->len - skip), scanner);
    int r = yyparse(&c);
    dcl_delete_buffer(buf, scanner);
    dcllex_destroy(scanner);

    pf->comments = all_comments(&c);
    Contract *u = mb_finish(&c.mb);
    pf->unit = r == 0 ? u : NULL;
    return pf;
}
