/* fmt.c - the canonical printer behind `dcc fmt`: prints a parsed file in one layout and puts
 * every comment back.
 *
 * The canonical layout:
 *  - 2-space indentation, one item per line, `{` at the end of the line that opens a block and
 *    `}` on its own line; no trailing whitespace; LF line ends; the file ends with one newline.
 *  - Imports first, one per line, then a blank line, then the contract or library.
 *  - Items keep their source order. A blank line goes around every block (sla, a type whose type
 *    holds a struct, dataset, quality) and wherever the source had one or more blank lines
 *    between two things; never right after `{` or right before `}`.
 *  - Field attributes in the order of docs/language.md: unique, default, range, length,
 *    pattern, values, references, unit, term, classification, pii, deprecated.
 *  - Consecutive fields (no blank line or own-line comment between them; doc comments do not
 *    break a run, nor does a field holding a struct, whose first line aligns with the others)
 *    align their types: names are padded to the longest name of the run plus one space.
 *  - Numbers, durations, percentages and versions as written; strings re-escaped: \" \\ \n \t
 *    \r, \u{hex} for other control and invisible characters, any other UTF-8 as is; a pattern
 *    or SQL text that holds a backslash raw instead: r"..." (r#"..."# when it holds a '"').
 *  - `struct {` with its fields indented below and `}`; `enum(a, b)`, `list<T>`,
 *    `map<string, T>`, `decimal(12,2)`, `string(32)`; intervals `[0, 100)` with `*` for an
 *    open bound; lists `("a", "b")`.
 *  - Doc comments as `/// text` lines directly above their declaration.
 *
 * Comments: the scanner hands us every ordinary comment with its byte span, in source order, and
 * the model lists items in source order too. The printer keeps one cursor into the comments.
 * Before a thing is printed, every comment that starts before it goes out on its own line at the
 * thing's indentation (for a one-line item "before" means before its end, so a comment inside an
 * attribute list moves above the field). After a line is printed, comments that followed the
 * item on the same source line (nothing but blanks in between) are appended after one space.
 * What is left inside a block goes before its `}`, what is left at the end goes last. The cursor
 * only moves forward and the last flush takes everything, so a comment is printed exactly once.
 * Because the output puts each comment where the next run would find it again, fmt is
 * idempotent.
 */
#include "fmt.h"

#include <string.h>

#include "dump.h"
#include "utf8.h"

typedef struct {
    StrBuf *out;
    const char *text; /* the source, for blank lines and same-line tests */
    uint32_t len;
    const Comment *cur; /* next comment to print */
    uint32_t prev_end;  /* source offset where the last printed thing ended */
    bool body_start;    /* nothing printed yet in the current block: no blank line */
    bool want_blank;    /* the next own-line thing must be preceded by a blank line */
} Fmt;

/* --- the source text between two things ------------------------------------------------- */

static uint32_t clamp(const Fmt *f, uint32_t off) { return off < f->len ? off : f->len; }

/* True if [from, to) holds an empty line: a newline, only blanks, another newline. */
static bool src_blank_line(const Fmt *f, uint32_t from, uint32_t to)
{
    from = clamp(f, from);
    to = clamp(f, to);
    bool seen_newline = false;
    for (uint32_t i = from; i < to; i++) {
        char ch = f->text[i];
        if (ch == '\r' && (i + 1 >= f->len || f->text[i + 1] != '\n')) ch = '\n'; /* CR-only line end */
        if (ch == '\n') {
            if (seen_newline) return true;
            seen_newline = true;
        } else if (ch != ' ' && ch != '\t' && ch != '\r') {
            seen_newline = false;
        }
    }
    return false;
}

/* True if [from, to) holds nothing but spaces and tabs (so both ends are on one line). */
static bool src_only_blanks(const Fmt *f, uint32_t from, uint32_t to)
{
    if (from > to) return false;
    from = clamp(f, from);
    to = clamp(f, to);
    for (uint32_t i = from; i < to; i++)
        if (f->text[i] != ' ' && f->text[i] != '\t') return false;
    return true;
}

static bool src_newline(const Fmt *f, uint32_t from, uint32_t to)
{
    from = clamp(f, from);
    to = clamp(f, to);
    return from < to && (memchr(f->text + from, '\n', to - from) || memchr(f->text + from, '\r', to - from));
}

/* --- lines, blank lines, comments ------------------------------------------------------- */

static void put_blank_line(Fmt *f)
{
    StrBuf *b = f->out;
    if (b->len == 0) return;
    if (b->len >= 2 && b->data[b->len - 1] == '\n' && b->data[b->len - 2] == '\n') return;
    sb_putc(b, '\n');
}

/* Called at the start of a line, before an own-line thing that starts at `start`. */
static void begin_line(Fmt *f, uint32_t start)
{
    bool blank = f->want_blank || src_blank_line(f, f->prev_end, start);
    if (blank && !f->body_start) put_blank_line(f);
    f->want_blank = false;
    f->body_start = false;
}

/* The length of s[0..n) without its trailing blanks (and so without a CR). */
static size_t trimmed_len(const char *s, size_t n)
{
    while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r')) n--;
    return n;
}

/* A comment's text without trailing blanks on any of its lines; its line ends (LF, CRLF or a
 * lone CR) become LF. */
static void put_comment_text(Fmt *f, const Comment *c)
{
    const char *s = c->text ? c->text : "";
    for (;;) {
        size_t n = strcspn(s, "\r\n");
        sb_put(f->out, s, trimmed_len(s, n));
        if (!s[n]) break;
        sb_putc(f->out, '\n');
        s += n + (s[n] == '\r' && s[n + 1] == '\n' ? 2 : 1);
    }
}

static void note_end(Fmt *f, uint32_t end)
{
    if (end > f->prev_end) f->prev_end = end;
}

/* `/// x` in the comment list is a doc line the parser did not attach (no declaration
 * followed it). */
static bool doc_like(const Comment *c)
{
    return c->text && strncmp(c->text, "///", 3) == 0 && c->text[3] != '/';
}

/* Prints, each on its own line, every pending comment that starts before `before`. `decl`
 * says a declaration (contract, type, dataset, field) comes next: a run of unattached `///`
 * lines right above it would become its doc comment when read again, so those are printed
 * with `//` to stay what they were. */
static void flush_comments(Fmt *f, unsigned indent, uint32_t before, bool decl)
{
    while (f->cur && f->cur->span.start < before) {
        const Comment *c = f->cur;
        bool absorbed = decl && doc_like(c);
        for (const Comment *k = c->next; absorbed && k && k->span.start < before; k = k->next)
            absorbed = doc_like(k);
        begin_line(f, c->span.start);
        sb_indent(f->out, indent);
        if (absorbed) {
            Comment plain = *c;
            plain.text = c->text + 1;
            put_comment_text(f, &plain);
        } else {
            put_comment_text(f, c);
        }
        sb_putc(f->out, '\n');
        note_end(f, c->span.end);
        f->cur = c->next;
    }
}

/* Ends the line of an item that ended at `end`, appending the comments that followed it on the
 * same source line. */
static void end_line(Fmt *f, uint32_t end)
{
    uint32_t pos = end;
    while (f->cur && f->cur->span.start >= pos && src_only_blanks(f, pos, f->cur->span.start)) {
        sb_putc(f->out, ' ');
        put_comment_text(f, f->cur);
        pos = f->cur->span.end;
        f->cur = f->cur->next;
    }
    sb_putc(f->out, '\n');
    note_end(f, pos);
}

/* Ends the line `... {` of a block that starts at `start`, appending the comments written on
 * that source line before the block's first inner thing (at `limit`). */
static void end_open_line(Fmt *f, uint32_t start, uint32_t limit)
{
    note_end(f, start);
    while (f->cur && f->cur->span.start >= start && f->cur->span.start < limit &&
           !src_newline(f, start, f->cur->span.start)) {
        sb_putc(f->out, ' ');
        put_comment_text(f, f->cur);
        note_end(f, f->cur->span.end);
        f->cur = f->cur->next;
    }
    sb_putc(f->out, '\n');
    f->body_start = true;
    f->want_blank = false;
}

/* Prints the comments left inside a block ending at `end`, then its `}` (line left open). */
static void close_block(Fmt *f, unsigned inner, uint32_t end)
{
    flush_comments(f, inner, end, false);
    sb_indent(f->out, inner - 2);
    sb_putc(f->out, '}');
    f->body_start = false;
    f->want_blank = false;
}

/* Leading part of an own-line item: the comments before it (or inside it, up to `flush_to`),
 * the blank line if due, the doc comment and the indentation. `decl`: the item is a
 * declaration that takes a doc comment. */
static void begin_item(Fmt *f, unsigned indent, Span span, uint32_t flush_to, bool decl,
                       const char *doc)
{
    flush_comments(f, indent, flush_to, decl);
    begin_line(f, span.start);
    if (doc) {
        const char *s = doc;
        for (;;) {
            const char *nl = strchr(s, '\n');
            size_t n = trimmed_len(s, nl ? (size_t)(nl - s) : strlen(s));
            sb_indent(f->out, indent);
            sb_puts(f->out, "///");
            if (n) {
                sb_putc(f->out, ' ');
                sb_put(f->out, s, n);
            }
            sb_putc(f->out, '\n');
            if (!nl) break;
            s = nl + 1;
        }
    }
    sb_indent(f->out, indent);
}

/* --- literals ---------------------------------------------------------------------------- */

/* Code points printed as \u{..}: controls and characters that are invisible or reorder text. */
static bool invisible(uint32_t cp)
{
    return cp < 0x20 || (cp >= 0x7f && cp <= 0x9f) || cp == 0xad || (cp >= 0x200b && cp <= 0x200f) ||
           (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2060 && cp <= 0x206f) || cp == 0xfeff ||
           (cp >= 0xfff9 && cp <= 0xfffb);
}

static void put_string(StrBuf *b, const char *text, size_t n)
{
    const unsigned char *s = (const unsigned char *)text;
    sb_putc(b, '"');
    for (size_t i = 0; i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode(s + i, n - i, &cp);
        if (k == 0) { /* the scanner rejects invalid UTF-8; copy the byte rather than guess */
            sb_putc(b, (char)s[i++]);
            continue;
        }
        switch (cp) {
        case '"': sb_puts(b, "\\\""); break;
        case '\\': sb_puts(b, "\\\\"); break;
        case '\n': sb_puts(b, "\\n"); break;
        case '\t': sb_puts(b, "\\t"); break;
        case '\r': sb_puts(b, "\\r"); break;
        default:
            if (invisible(cp)) sb_printf(b, "\\u{%x}", (unsigned)cp);
            else sb_put(b, (const char *)s + i, k);
        }
        i += k;
    }
    sb_putc(b, '"');
}

/* A pattern or SQL text with backslashes is printed raw (r"^\d+$", or r#"..."# when it holds a
 * '"'), as the regex or SQL engine reads it; a text a raw string cannot hold (a control or
 * invisible character, a '"#') and one without backslashes keep the escaped form. */
static void put_code_string(StrBuf *b, const Literal *l)
{
    const char *t = l->text ? l->text : "";
    size_t n = l->len ? l->len : strlen(t);
    bool raw = memchr(t, '\\', n) != NULL, dq = false;
    for (size_t i = 0; raw && i < n;) {
        uint32_t cp = 0;
        size_t k = utf8_decode((const unsigned char *)t + i, n - i, &cp);
        if (k == 0 || invisible(cp) || (cp == '"' && i + 1 < n && t[i + 1] == '#')) raw = false;
        if (cp == '"') dq = true;
        i += k ? k : 1;
    }
    if (!raw) {
        put_string(b, t, n);
        return;
    }
    sb_puts(b, dq ? "r#\"" : "r\"");
    sb_put(b, t, n);
    sb_puts(b, dq ? "\"#" : "\"");
}

static void put_lit(StrBuf *b, const Literal *l)
{
    const char *t = l->text ? l->text : "";
    switch (l->kind) {
    case LIT_STRING: put_string(b, t, l->len ? l->len : strlen(t)); break;
    case LIT_NULL: sb_puts(b, "null"); break;
    default: sb_puts(b, t); break;
    }
}

/* Durations, percentages and versions are kept as their text (a duration is a LIT_STRING). */
static void put_raw(StrBuf *b, const Literal *l)
{
    if (l && l->text) sb_puts(b, l->text);
}

static void put_lit_list(StrBuf *b, const Literal *l)
{
    sb_putc(b, '(');
    for (; l; l = l->next) {
        put_lit(b, l);
        if (l->next) sb_puts(b, ", ");
    }
    sb_putc(b, ')');
}

static void put_names(StrBuf *b, const Name *n)
{
    sb_putc(b, '(');
    for (; n; n = n->next) {
        sb_puts(b, n->text);
        if (n->next) sb_puts(b, ", ");
    }
    sb_putc(b, ')');
}

/* ` odcs (...)` after a primary key: the known words once each, in KeyOdcsWord order, then any
 * other word as written (sema reports it; fmt keeps what it cannot judge). */
static void put_key_odcs(StrBuf *b, const Key *k)
{
    if (!k->odcs) return;
    sb_puts(b, " odcs (");
    bool first = true;
    for (unsigned i = 0; i < KEY_ODCS_COUNT; i++) {
        if (!model_key_odcs_says(k, (KeyOdcsWord)i)) continue;
        sb_printf(b, "%s%s", first ? "" : ", ", model_kw_key_odcs.words[i]);
        first = false;
    }
    for (const Name *n = k->odcs; n; n = n->next) {
        if (!n->text || model_kw_find(&model_kw_key_odcs, n->text) >= 0) continue;
        sb_printf(b, "%s%s", first ? "" : ", ", n->text);
        first = false;
    }
    sb_putc(b, ')');
}

static void put_qual(StrBuf *b, const QualName *q)
{
    if (q->text) {
        sb_puts(b, q->text);
        return;
    }
    for (const Name *n = q->parts; n; n = n->next) {
        sb_puts(b, n->text);
        if (n->next) sb_putc(b, '.');
    }
}

static void put_interval(StrBuf *b, const Interval *iv)
{
    sb_putc(b, iv->lo_inclusive ? '[' : '(');
    if (iv->lo) put_lit(b, iv->lo);
    else sb_putc(b, '*');
    sb_puts(b, ", ");
    if (iv->hi) put_lit(b, iv->hi);
    else sb_putc(b, '*');
    sb_putc(b, iv->hi_inclusive ? ']' : ')');
}

static bool is_ident(const char *s) { return s && model_is_ident(s, strlen(s)); }

/* --- metadata values ----------------------------------------------------------------------- */

/* A custom property's name or a map key: bare when it is an identifier, else a string. */
static void put_meta_key(StrBuf *b, const char *k, size_t n)
{
    if (is_ident(k)) sb_puts(b, k);
    else put_string(b, k, n);
}

static void put_meta_inline(StrBuf *b, const Meta *m)
{
    switch (m->kind) {
    case META_STRING: put_string(b, m->text, m->len); return;
    case META_LIST:
    case META_MAP:
        sb_puts(b, m->kind == META_LIST ? "[" : m->items ? "{ " : "{");
        for (const Meta *e = m->items; e; e = e->next) {
            if (m->kind == META_MAP) {
                put_meta_key(b, e->key, strlen(e->key));
                sb_puts(b, ": ");
            }
            put_meta_inline(b, e);
            if (e->next) sb_puts(b, ", ");
        }
        sb_puts(b, m->kind == META_LIST ? "]" : m->items ? " }" : "}");
        return;
    default: sb_put(b, m->text, m->len); return;
    }
}

/* The widest a list or map may print on one line, from its opening bracket. */
#define META_INLINE_MAX 72

/* Canonical layout of a metadata value: a list or map that holds no list or map and fits in
 * META_INLINE_MAX columns prints on one line (`[1, 2]`, `{ a: 1, b: "x" }`); any other prints
 * one entry per line, indented, commas after all but the last. The layout depends on the value
 * alone, never on how it was written. */
static void put_meta(StrBuf *b, const Meta *m, unsigned indent)
{
    bool flat = true;
    for (const Meta *e = m->kind == META_LIST || m->kind == META_MAP ? m->items : NULL; e; e = e->next)
        flat &= (e->kind != META_LIST && e->kind != META_MAP) || !e->items;
    size_t start = b->len;
    put_meta_inline(b, m);
    if (m->kind != META_LIST && m->kind != META_MAP) return;
    if (!m->items || (flat && b->len - start <= META_INLINE_MAX)) return;
    b->len = start;
    sb_puts(b, m->kind == META_LIST ? "[" : "{");
    for (const Meta *e = m->items; e; e = e->next) {
        sb_putc(b, '\n');
        sb_indent(b, indent + 2);
        if (m->kind == META_MAP) {
            put_meta_key(b, e->key, strlen(e->key));
            sb_puts(b, ": ");
        }
        put_meta(b, e, indent + 2);
        if (e->next) sb_putc(b, ',');
    }
    sb_putc(b, '\n');
    sb_indent(b, indent);
    sb_puts(b, m->kind == META_LIST ? "]" : "}");
}

/* --- types, attributes, fields ----------------------------------------------------------- */

static bool type_has_struct(const Type *t)
{
    while (t) {
        switch (t->kind) {
        case TY_STRUCT: return true;
        case TY_LIST: t = t->u.list.elem; break;
        case TY_MAP: t = t->u.map.value; break;
        default: return false;
        }
    }
    return false;
}

static void fmt_fields(Fmt *f, const Field *fields, unsigned indent);

/* Prints a type; a struct spreads over lines at `indent` (the indentation of the line it starts
 * on) and leaves the output after its `}`. */
static void put_type(Fmt *f, const Type *t, unsigned indent)
{
    StrBuf *b = f->out;
    if (!t) return;
    switch (t->kind) {
    case TY_ENUM:
        sb_puts(b, "enum(");
        for (const EnumValue *v = t->u.enumeration.values; v; v = v->next) {
            /* true/false/null are literals, not identifiers; quoting any value keeps its name */
            bool bare = is_ident(v->name) && strcmp(v->name, "true") != 0 &&
                        strcmp(v->name, "false") != 0 && strcmp(v->name, "null") != 0;
            if (bare) sb_puts(b, v->name);
            else put_string(b, v->name ? v->name : "", v->name ? strlen(v->name) : 0);
            if (v->next) sb_puts(b, ", ");
        }
        sb_putc(b, ')');
        return;
    case TY_LIST:
        sb_puts(b, "list<");
        put_type(f, t->u.list.elem, indent);
        sb_putc(b, '>');
        return;
    case TY_MAP:
        sb_puts(b, "map<");
        sb_puts(b, t->u.map.key ? t->u.map.key->text : "string");
        sb_puts(b, ", ");
        put_type(f, t->u.map.value, indent);
        sb_putc(b, '>');
        return;
    case TY_STRUCT: {
        const Field *first = t->u.strct.fields;
        bool empty = !first && !(f->cur && f->cur->span.start < t->span.end);
        if (empty) {
            sb_puts(b, "struct {}");
            return;
        }
        sb_puts(b, "struct {");
        end_open_line(f, t->span.start, first ? first->span.start : t->span.end);
        fmt_fields(f, first, indent + 2);
        close_block(f, indent + 2, t->span.end);
        return;
    }
    case TY_NAMED:
        put_qual(b, &t->u.named.name); /* and any (wrong) arguments: sema reports them */
        break;
    default:
        /* A built-in scalar, or a poisoned type: its name and arguments as written. */
        sb_puts(b, t->written ? t->written : model_type_kind_name(t->kind));
        break;
    }
    const Literal *args = t->args;
    Literal tmp[2];
    if (!args && t->kind == TY_DECIMAL && t->u.decimal.precision) {
        tmp[0] = *t->u.decimal.precision;
        tmp[0].next = NULL;
        if (t->u.decimal.scale) {
            tmp[1] = *t->u.decimal.scale;
            tmp[1].next = NULL;
            tmp[0].next = &tmp[1];
        }
        args = tmp;
    } else if (!args && t->kind == TY_STRING && t->u.string.max) {
        args = t->u.string.max;
    }
    if (args) {
        /* `decimal(12,2)`: the spelling of docs/language.md */
        sb_putc(b, '(');
        for (const Literal *a = args; a; a = a->next) {
            put_lit(b, a);
            if (a->next) sb_putc(b, ',');
        }
        sb_putc(b, ')');
    }
}

/* ODCS element metadata (issue 14), in the order of docs/language.md: a field's, and the head
 * of a dataset's. */
static void put_elem_meta(StrBuf *b, const Attrs *a)
{
    for (unsigned i = 0; i < MODEL_META_COUNT; i++) {
        const Literal *v = model_meta(a, i);
        if (!v) continue;
        sb_printf(b, " %s ", model_meta_word(i));
        put_lit(b, v);
    }
}

static void put_rule(StrBuf *b, const QualityRule *r, bool own);

/* ` meta { ... }` after a rule (its ODCS check's other keys), its lines indented from the item's */
static void put_rule_extra(StrBuf *b, const QualityRule *r, unsigned indent)
{
    if (!r->extra) return;
    sb_puts(b, " meta ");
    put_meta(b, r->extra, indent);
}

/* ` meta { ... }` (a field's or a dataset's other ODCS keys), laid out as any metadata value,
 * its lines indented from the item's */
static void put_extra(StrBuf *b, const Attrs *a, unsigned indent)
{
    if (!a->extra) return;
    sb_puts(b, " meta ");
    put_meta(b, a->extra, indent);
}

static void put_attrs(StrBuf *b, const Attrs *a, unsigned indent)
{
    if (a->unique) sb_puts(b, " unique");
    if (a->default_value) {
        sb_puts(b, " default ");
        put_lit(b, a->default_value);
    }
    if (a->range) {
        sb_puts(b, " range ");
        put_interval(b, a->range);
    }
    if (a->length) {
        sb_puts(b, " length ");
        put_interval(b, a->length);
    }
    if (a->pattern) {
        sb_puts(b, " pattern ");
        put_code_string(b, a->pattern);
    }
    if (a->values && a->value_notes) {
        /* values that say more (an ODCS enum's labels, ...): one a line, each with its map */
        sb_puts(b, " values (");
        const ValueNote *n = a->value_notes;
        for (const Literal *l = a->values; l; l = l->next) {
            sb_putc(b, '\n');
            sb_indent(b, indent + 2);
            put_lit(b, l);
            if (n && n->value == l) {
                sb_putc(b, ' ');
                put_meta(b, n->extra, indent + 2);
                n = n->next;
            }
            if (l->next) sb_putc(b, ',');
        }
        sb_putc(b, '\n');
        sb_indent(b, indent);
        sb_putc(b, ')');
    } else if (a->values) {
        sb_puts(b, " values ");
        put_lit_list(b, a->values);
    }
    if (a->references) {
        sb_puts(b, " references ");
        put_qual(b, a->references);
        if (a->references_extra) {
            sb_putc(b, ' ');
            put_meta(b, a->references_extra, indent);
        }
    }
    if (a->unit) {
        sb_puts(b, " unit ");
        put_lit(b, a->unit);
    }
    if (a->term) {
        sb_puts(b, " term ");
        put_lit(b, a->term);
    }
    if (a->classification_name) {
        sb_puts(b, " classification ");
        sb_puts(b, a->classification_name->text);
    }
    if (a->pii) sb_printf(b, " pii(%s)", a->pii->text);
    if (a->deprecated) {
        sb_puts(b, " deprecated");
        if (a->sunset) {
            sb_puts(b, " sunset ");
            put_lit(b, a->sunset);
        }
        if (a->deprecation_reason) {
            sb_putc(b, ' ');
            put_lit(b, a->deprecation_reason);
        }
    }
    put_elem_meta(b, a);
    if (a->examples) {
        sb_puts(b, " examples ");
        put_lit_list(b, a->examples);
    }
    if (a->critical) sb_puts(b, " critical");
    /* the field's own rules: those it handed to its dataset follow each other in the dataset's
     * list (owner set), a struct field's (an error, DC0509) are its list alone */
    if (a->quality) {
        const Field *o = a->quality->owner;
        sb_puts(b, " expect {");
        for (const QualityRule *r = a->quality; r && r->owner == o; r = r->next) {
            sb_putc(b, ' ');
            put_rule(b, r, true);
            put_rule_extra(b, r, indent);
        }
        sb_puts(b, " }");
    }
    put_extra(b, a, indent);
}

static size_t name_len(const Field *fl) { return fl->name.text ? strlen(fl->name.text) : 0; }

/* Every field can join an aligned run; one holding a struct aligns its first line, and the run
 * goes on after its `}`, so an inline struct does not break the columns around it. */
static bool field_is_line(const Field *fl) { return fl != NULL; }

/* True if one-line fields a and b will be printed on consecutive lines: between them there is
 * no blank line and no comment other than ones trailing a's line. Mirrors end_line and
 * begin_item, so a run found here is the run printed. *from is where to start looking in the
 * comments; it is moved past those that start before a ends, so a walk along a run stays
 * linear. */
static bool fields_adjacent_from(const Fmt *f, const Comment **from, const Field *a, const Field *b)
{
    while (*from && (*from)->span.start < a->span.end) *from = (*from)->next;
    uint32_t pos = a->span.end;
    /* comments inside a struct stay inside; those inside a one-line field move above it */
    uint32_t limit = type_has_struct(b->type) ? b->span.start : b->span.end;
    for (const Comment *c = *from; c && c->span.start < limit; c = c->next) {
        if (c->span.start >= pos && src_only_blanks(f, pos, c->span.start)) {
            pos = c->span.end;
            continue;
        }
        return false;
    }
    return !src_blank_line(f, pos, b->span.start);
}

static bool fields_adjacent(const Fmt *f, const Field *a, const Field *b)
{
    const Comment *from = f->cur;
    return fields_adjacent_from(f, &from, a, b);
}

static void fmt_field(Fmt *f, const Field *fl, unsigned indent, size_t width)
{
    /* comments inside a one-line field move above it; a struct keeps its own inside */
    bool line = !type_has_struct(fl->type);
    begin_item(f, indent, fl->span, line ? fl->span.end : fl->span.start, true, fl->doc);
    size_t n = name_len(fl);
    sb_puts(f->out, "field ");
    sb_put(f->out, fl->name.text ? fl->name.text : "", n);
    sb_indent(f->out, (unsigned)(width > n ? width - n + 1 : 1));
    put_type(f, fl->type, indent);
    if (fl->optional) sb_putc(f->out, '?');
    put_attrs(f->out, fl->attrs, indent);
    end_line(f, fl->span.end);
}

/* The longest name in the aligned run of struct fields that starts at `first`. */
static size_t run_width(const Fmt *f, const Field *first)
{
    size_t w = name_len(first);
    const Comment *from = f->cur;
    for (const Field *a = first; field_is_line(a->next) && fields_adjacent_from(f, &from, a, a->next);
         a = a->next)
        if (name_len(a->next) > w) w = name_len(a->next);
    return w;
}

/* The same for a run of dataset items: any other item (a key, an upstream) ends the run. */
static size_t item_run_width(const Fmt *f, const DatasetItem *first)
{
    size_t w = name_len(first->item);
    const Comment *from = f->cur;
    for (const DatasetItem *it = first; it->next && it->next->kind == DI_FIELD; it = it->next) {
        const Field *b = it->next->item;
        if (!field_is_line(b) || !fields_adjacent_from(f, &from, it->item, b)) break;
        if (name_len(b) > w) w = name_len(b);
    }
    return w;
}

/* Fields of a struct. */
static void fmt_fields(Fmt *f, const Field *fields, unsigned indent)
{
    size_t width = 0;
    bool in_run = false;
    for (const Field *fl = fields; fl; fl = fl->next) {
        bool line = field_is_line(fl);
        if (line && !in_run) width = run_width(f, fl);
        if (!line) width = 0;
        bool next_joins = line && field_is_line(fl->next) && fields_adjacent(f, fl, fl->next);
        fmt_field(f, fl, indent, width);
        in_run = next_joins;
    }
}

/* --- datasets ---------------------------------------------------------------------------- */

/* A rule as written in a dataset's `quality` block, or (own) in its field's `expect` block,
 * where the field argument is left out: it is the field. */
static void put_rule(StrBuf *b, const QualityRule *r, bool own)
{
    sb_puts(b, model_rule_name(r->kind));
    switch (r->kind) {
    case RULE_UNIQUE:
        sb_putc(b, ' ');
        put_names(b, r->fields);
        return;
    case RULE_DUPLICATE_COUNT:
    case RULE_DUPLICATE_RATE:
        if (r->fields && !(own && r->owner && !r->fields->next && !strcmp(r->fields->text, r->owner->name.text)))
            put_names(b, r->fields);
        break;
    case RULE_SQL:
        sb_putc(b, ' ');
        if (r->sql) put_code_string(b, r->sql);
        break;
    case RULE_NULL_RATE:
    case RULE_VALID_RATE:
    case RULE_FRESHNESS:
    case RULE_NULL_COUNT:
    case RULE_INVALID_COUNT:
        if (r->fields && r->fields->text && !(own && r->owner && !strcmp(r->fields->text, r->owner->name.text)))
            sb_printf(b, "(%s)", r->fields->text);
        break;
    case RULE_MISSING_COUNT:
    case RULE_MISSING_RATE:
        sb_putc(b, '(');
        if (r->fields && r->fields->text && !(own && r->owner && !strcmp(r->fields->text, r->owner->name.text)))
            sb_printf(b, "%s, ", r->fields->text);
        sb_puts(b, "values ");
        put_lit_list(b, r->values);
        sb_putc(b, ')');
        break;
    case RULE_NOTIN_COUNT:
    case RULE_NOTIN_RATE:
        sb_putc(b, '(');
        if (r->fields && r->fields->text && !(own && r->owner && !strcmp(r->fields->text, r->owner->name.text)))
            sb_printf(b, "%s, ", r->fields->text);
        sb_puts(b, "valid ");
        put_lit_list(b, r->values);
        sb_putc(b, ')');
        break;
    case RULE_ROW_COUNT:
        break;
    }
    bool pct = RULE_IS_RATE(r->kind);
    sb_printf(b, " %s ", model_cmp_name(r->op));
    put_raw(b, r->value);
    if (pct) sb_putc(b, '%');
    if (CMP_IS_RANGE(r->op) && r->value_hi) {
        sb_puts(b, " and ");
        put_raw(b, r->value_hi);
        if (pct) sb_putc(b, '%');
    }
}

/* The first rule of the dataset's next quality block after `it`, where this block's rules end. */
static const QualityRule *next_block_rules(const DatasetItem *it)
{
    for (it = it->next; it; it = it->next)
        if (it->kind == DI_QUALITY && it->item) return it->item;
    return NULL;
}

static void fmt_quality(Fmt *f, const DatasetItem *it, unsigned indent)
{
    const QualityRule *first = it->item, *stop = next_block_rules(it);
    begin_item(f, indent, it->span, it->span.start, false, NULL);
    sb_puts(f->out, "quality {");
    end_open_line(f, it->span.start, first ? first->span.start : it->span.end);
    for (const QualityRule *r = first; r && r != stop; r = r->next) {
        if (r->owner) continue; /* in its field's `expect` block */
        uint32_t end = r->extra ? r->extra->span.end : r->span.end; /* the rule and its meta */
        begin_item(f, indent + 2, r->span, end, false, NULL);
        put_rule(f->out, r, false);
        put_rule_extra(f->out, r, indent + 2);
        end_line(f, end);
    }
    close_block(f, indent + 2, it->span.end);
    end_line(f, it->span.end);
}

/* A dataset item that is not a field. */
static void fmt_ditem(Fmt *f, const DatasetItem *it, const Dataset *ds, unsigned indent)
{
    StrBuf *b = f->out;
    if (it->kind == DI_QUALITY) {
        fmt_quality(f, it, indent);
        return;
    }
    begin_item(f, indent, it->span, it->span.end, false, NULL);
    switch (it->kind) {
    case DI_PRIMARY_KEY:
    case DI_PARTITION_KEY:
    case DI_UNIQUE: {
        const Key *k = it->item;
        sb_puts(b, it->kind == DI_UNIQUE ? "unique " : it->kind == DI_PARTITION_KEY ? "partition key " : "primary key ");
        put_names(b, k ? k->fields : NULL);
        if (k && it->kind == DI_PRIMARY_KEY) put_key_odcs(b, k);
        break;
    }
    case DI_UNKNOWN_FIELDS:
        sb_printf(b, "unknown fields %s", ds->unknown_fields_name ? ds->unknown_fields_name->text
                                                                  : model_unknown_policy_name(UNKNOWN_REJECT));
        break;
    case DI_UPSTREAM: {
        const Upstream *u = it->item;
        sb_puts(b, "upstream ");
        if (u && u->name) put_qual(b, u->name);
        else if (u && u->external) put_lit(b, u->external);
        break;
    }
    default:
        break;
    }
    end_line(f, it->span.end);
}

static void fmt_dataset(Fmt *f, const Dataset *ds, Span span, unsigned indent)
{
    begin_item(f, indent, span, span.start, true, ds->doc);
    sb_printf(f->out, "dataset %s", ds->name.text);
    put_elem_meta(f->out, &ds->meta);
    put_extra(f->out, &ds->meta, indent);
    sb_puts(f->out, " {");
    end_open_line(f, span.start, ds->items ? ds->items->span.start : span.end);
    unsigned inner = indent + 2;
    size_t width = 0;
    bool in_run = false, prev_block = false;
    for (const DatasetItem *it = ds->items; it; it = it->next) {
        const Field *fl = it->kind == DI_FIELD ? it->item : NULL;
        bool block = it->kind == DI_QUALITY;
        if (block || prev_block) f->want_blank = true;
        prev_block = block;
        if (!fl) {
            in_run = false;
            fmt_ditem(f, it, ds, inner);
            continue;
        }
        bool line = field_is_line(fl);
        if (line && !in_run) width = item_run_width(f, it);
        if (!line) width = 0;
        const Field *next = it->next && it->next->kind == DI_FIELD ? it->next->item : NULL;
        bool next_joins = line && field_is_line(next) && fields_adjacent(f, fl, next);
        fmt_field(f, fl, inner, width);
        in_run = next_joins;
    }
    close_block(f, inner, span.end);
    end_line(f, span.end);
}

/* --- contracts --------------------------------------------------------------------------- */

static void fmt_sla(Fmt *f, const Contract *c, Span span, unsigned indent)
{
    bool placed = span.file != SPAN_NOFILE;
    const SlaItem *first = c->sla;
    while (placed && first && first->span.start < span.start) first = first->next;
    const MetaItem *prop = c->sla_props;
    while (placed && prop && prop->span.start < span.start) prop = prop->next;
    uint32_t open_end = first ? first->span.start : span.end;
    if (prop && prop->span.start < open_end) open_end = prop->span.start;
    begin_item(f, indent, span, span.start, false, NULL);
    sb_puts(f->out, "sla {");
    end_open_line(f, span.start, open_end);
    /* shorthands and generic entries (`property`) merged in source order */
    const SlaItem *s = first;
    for (;;) {
        bool s_in = s && (!placed || s->span.start < span.end);
        bool p_in = prop && (!placed || prop->span.start < span.end);
        if (!s_in && !p_in) break;
        if (p_in && (!s_in || prop->span.start < s->span.start)) {
            begin_item(f, indent + 2, prop->span, prop->span.end, false, NULL);
            sb_puts(f->out, "property ");
            put_lit(f->out, prop->name);
            sb_putc(f->out, ' ');
            put_meta(f->out, prop->value, indent + 2);
            end_line(f, prop->span.end);
            prop = prop->next;
            continue;
        }
        begin_item(f, indent + 2, s->span, s->span.end, false, NULL);
        sb_printf(f->out, "%s ", model_sla_name(s->kind));
        if (s->cron) sb_puts(f->out, "cron ");
        if (s->cron || s->kind == SLA_SUPPORT) {
            if (s->value) put_lit(f->out, s->value);
        } else {
            put_raw(f->out, s->value);
        }
        if (s->kind == SLA_AVAILABILITY) sb_putc(f->out, '%');
        if (s->extra) {
            sb_putc(f->out, ' ');
            put_meta(f->out, s->extra, indent + 2);
        }
        end_line(f, s->span.end);
        s = s->next;
    }
    close_block(f, indent + 2, span.end);
    end_line(f, span.end);
}

/* What follows the keyword of a metadata item: `"name" META`, `NAME META` for a custom property. */
static void put_meta_item_value(StrBuf *b, const MetaItem *mi, unsigned indent)
{
    if (mi->name && mi->kind == CI_CUSTOM) put_meta_key(b, mi->name->text, mi->name->len);
    else if (mi->name) put_lit(b, mi->name);
    if (mi->name && mi->value) sb_putc(b, ' ');
    if (mi->value) put_meta(b, mi->value, indent);
    if (mi->extra) {
        sb_puts(b, " meta ");
        put_meta(b, mi->extra, indent);
    }
}

/* server NAME TYPE { KEY VALUE ... role ... custom ... }: fields and metadata in source order. */
static void fmt_server(Fmt *f, const Server *sv, Span span, unsigned indent)
{
    bool placed = span.file != SPAN_NOFILE;
    const ServerField *fl = sv->fields;
    const MetaItem *mi = sv->meta;
    uint32_t open_end = span.end;
    if (fl && fl->span.start < open_end) open_end = fl->span.start;
    if (mi && mi->span.start < open_end) open_end = mi->span.start;
    begin_item(f, indent, span, span.start, false, NULL);
    sb_puts(f->out, "server ");
    put_meta_key(f->out, sv->name.text, strlen(sv->name.text));
    sb_printf(f->out, " %s {", sv->type.text);
    end_open_line(f, span.start, open_end);
    for (;;) {
        bool m_first = mi && (!fl || (placed && mi->span.start < fl->span.start));
        if (!fl && !mi) break;
        if (m_first) {
            begin_item(f, indent + 2, mi->span, mi->span.end, false, NULL);
            sb_printf(f->out, "%s ", model_citem_name(mi->kind));
            put_meta_item_value(f->out, mi, indent + 2);
            end_line(f, mi->span.end);
            mi = mi->next;
            continue;
        }
        begin_item(f, indent + 2, fl->span, fl->span.end, false, NULL);
        sb_printf(f->out, "%s ", fl->key.text);
        if (fl->value) put_lit(f->out, fl->value);
        end_line(f, fl->span.end);
        fl = fl->next;
    }
    close_block(f, indent + 2, span.end);
    end_line(f, span.end);
}

static void fmt_typedecl(Fmt *f, const TypeDecl *t, Span span, unsigned indent)
{
    bool line = !type_has_struct(t->type);
    begin_item(f, indent, span, line ? span.end : span.start, true, t->doc);
    sb_printf(f->out, "type %s = ", t->name.text);
    put_type(f, t->type, indent);
    put_attrs(f->out, &t->attrs, indent);
    end_line(f, span.end);
}

static bool citem_is_block(const ContractItem *it)
{
    if (it->kind == CI_SLA || it->kind == CI_DATASET || it->kind == CI_SERVER) return true;
    if (it->kind == CI_TYPE && it->item) return type_has_struct(((const TypeDecl *)it->item)->type);
    return false;
}

static void fmt_citem(Fmt *f, const Contract *c, const ContractItem *it, unsigned indent)
{
    StrBuf *b = f->out;
    switch (it->kind) {
    case CI_SLA: fmt_sla(f, c, it->span, indent); return;
    case CI_TYPE: fmt_typedecl(f, it->item, it->span, indent); return;
    case CI_DATASET: fmt_dataset(f, it->item, it->span, indent); return;
    case CI_SERVER: fmt_server(f, it->item, it->span, indent); return;
    default: break;
    }
    begin_item(f, indent, it->span, it->span.end, false, NULL);
    sb_puts(b, model_citem_name(it->kind));
    sb_putc(b, ' ');
    switch (it->kind) {
    case CI_OWNER:
        if (c->owner) put_lit(b, c->owner);
        break;
    case CI_CONTACT:
        if (c->contact) put_lit(b, c->contact);
        break;
    case CI_DOMAIN:
        if (c->domain) sb_puts(b, c->domain->text);
        break;
    case CI_STATUS:
        if (c->status_other) put_lit(b, c->status_other);
        else sb_puts(b, c->status_name ? c->status_name->text : model_status_name(c->status));
        break;
    case CI_TAGS:
        put_lit_list(b, c->tags);
        break;
    case CI_LINK: {
        const Link *l = it->item;
        sb_puts(b, l->name.text);
        sb_putc(b, ' ');
        if (l->url) put_lit(b, l->url);
        if (l->description) {
            sb_putc(b, ' ');
            put_lit(b, l->description);
        }
        break;
    }
    case CI_COMPATIBILITY:
        sb_puts(b, c->compat_name ? c->compat_name->text : model_compat_name(c->compatibility));
        if (c->compat_transitive) sb_puts(b, " transitive");
        break;
    case CI_STANDARD:
        if (c->standard) sb_puts(b, c->standard->text);
        if (c->standard && c->standard_version) {
            sb_putc(b, ' ');
            put_lit(b, c->standard_version);
        }
        break;
    case CI_ID:
    case CI_PRODUCT:
    case CI_TENANT:
    case CI_CREATED:
    case CI_USAGE:
    case CI_LIMITATIONS:
    case CI_TITLE: {
        const Literal *l = it->kind == CI_ID ? c->id : it->kind == CI_PRODUCT ? c->product : it->kind == CI_TENANT ? c->tenant
                         : it->kind == CI_CREATED ? c->created : it->kind == CI_USAGE ? c->usage
                         : it->kind == CI_TITLE ? c->title : c->limitations;
        if (l) put_lit(b, l);
        break;
    }
    case CI_TEAM:
    case CI_PRICE:
    case CI_DESCRIPTION:
    case CI_ROLE:
    case CI_SUPPORT:
    case CI_CUSTOM:
        put_meta_item_value(b, it->item, indent);
        break;
    case CI_SERVE: {
        const Serve *s = it->item;
        sb_puts(b, s->kind.text);
        sb_putc(b, ' ');
        if (s->address) put_lit(b, s->address);
        if (s->format) sb_printf(b, " format %s", s->format->text);
        break;
    }
    default:
        break;
    }
    end_line(f, it->span.end);
}

static void fmt_unit(Fmt *f, const Contract *c)
{
    for (const Import *im = c->imports; im; im = im->next) {
        begin_item(f, 0, im->span, im->span.end, false, NULL);
        sb_puts(f->out, "import ");
        if (im->path) put_lit(f->out, im->path);
        if (im->alias) sb_printf(f->out, " as %s", im->alias->text);
        end_line(f, im->span.end);
    }
    if (c->imports) f->want_blank = true;
    begin_item(f, 0, c->span, c->span.start, true, c->doc);
    sb_printf(f->out, "%s ", c->kind == UNIT_LIBRARY ? "library" : "contract");
    put_qual(f->out, &c->name);
    sb_putc(f->out, ' ');
    put_raw(f->out, c->version);
    sb_puts(f->out, " {");
    end_open_line(f, c->span.start, c->items ? c->items->span.start : c->span.end);
    bool prev_block = false;
    for (const ContractItem *it = c->items; it; it = it->next) {
        bool block = citem_is_block(it);
        if (block || prev_block) f->want_blank = true;
        prev_block = block;
        fmt_citem(f, c, it, 2);
    }
    close_block(f, 2, c->span.end);
    end_line(f, c->span.end);
}

void fmt_file(StrBuf *out, const ParsedFile *pf, const SourceFile *src)
{
    Fmt f = {out, src ? src->text : "", src ? (uint32_t)src->len : 0, pf->comments, 0, true, false};
    if (pf->unit) fmt_unit(&f, pf->unit);
    f.body_start = false;
    flush_comments(&f, 0, UINT32_MAX, false);
}
