/* ytree.c - libyaml's event parser turned into a located tree (see ytree.h for what is refused). */
#include "ytree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "utf8.h"

/* libyaml's marks count characters; spans count bytes. A cursor converts one into the other,
 * moving from the last place asked, since marks arrive almost in order. */
typedef struct {
    const unsigned char *text;
    size_t len;
    size_t byte, chr;
} Cursor;

static uint32_t to_byte(Cursor *c, size_t index)
{
    while (c->chr < index && c->byte < c->len) {
        unsigned char b = c->text[c->byte];
        size_t w = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
        c->byte += w;
        if (c->byte > c->len) c->byte = c->len;
        c->chr++;
    }
    while (c->chr > index && c->byte > 0) {
        c->byte--;
        while (c->byte > 0 && (c->text[c->byte] & 0xC0) == 0x80) c->byte--;
        c->chr--;
    }
    return (uint32_t)c->byte;
}

typedef struct {
    YNode *node;
    PtrVec kids; /* mapping: key, value, key, value ...; sequence: items */
} Frame;

typedef struct {
    Arena *a;
    DiagSink *d;
    uint32_t file;
    Cursor cur;
    bool failed;
} Loader;

static Span mark_span(Loader *l, yaml_mark_t s, yaml_mark_t e)
{
    Span sp = {l->file, to_byte(&l->cur, s.index), 0};
    sp.end = to_byte(&l->cur, e.index);
    if (sp.end < sp.start) sp.end = sp.start;
    return sp;
}

static bool all_of(const char *s, size_t n, const char *set)
{
    if (!n) return false;
    for (size_t i = 0; i < n; i++)
        if (!strchr(set, s[i])) return false;
    return true;
}

static bool is_float(const char *s, size_t n)
{
    size_t i = 0;
    if (i < n && (s[i] == '-' || s[i] == '+')) i++;
    if (n - i == 4 && s[i] == '.' && (!strcmp(s + i, ".inf") || !strcmp(s + i, ".Inf") || !strcmp(s + i, ".INF")))
        return true;
    size_t digits = 0;
    while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
    if (i < n && s[i] == '.') {
        i++;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, digits++;
    }
    if (!digits) return false;
    if (i < n && (s[i] == 'e' || s[i] == 'E')) {
        i++;
        if (i < n && (s[i] == '-' || s[i] == '+')) i++;
        size_t ed = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') i++, ed++;
        if (!ed) return false;
    }
    return i == n;
}

/* YAML 1.2 core schema resolution of a plain scalar (s is NUL-terminated at n). */
static YKind resolve_plain(const char *s, size_t n)
{
    if (n == 0 || !strcmp(s, "~") || !strcmp(s, "null") || !strcmp(s, "Null") || !strcmp(s, "NULL")) return YN_NULL;
    if (!strcmp(s, "true") || !strcmp(s, "True") || !strcmp(s, "TRUE") || !strcmp(s, "false") ||
        !strcmp(s, "False") || !strcmp(s, "FALSE"))
        return YN_BOOL;
    size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
    if (all_of(s + i, n - i, "0123456789")) return YN_INT;
    if (n > 2 && s[0] == '0' && s[1] == 'o' && all_of(s + 2, n - 2, "01234567")) return YN_INT;
    if (n > 2 && s[0] == '0' && s[1] == 'x' && all_of(s + 2, n - 2, "0123456789abcdefABCDEF")) return YN_INT;
    if (!strcmp(s, ".nan") || !strcmp(s, ".NaN") || !strcmp(s, ".NAN") || is_float(s, n)) return YN_FLOAT;
    return YN_STR;
}

#define CORE_TAG "tag:yaml.org,2002:"

/* Whether a tag is one of the core schema's (the only ones a data format needs). */
static bool core_tag(const char *tag)
{
    static const char *const ok[] = {"str", "int", "float", "bool", "null", "map", "seq"};
    if (strncmp(tag, CORE_TAG, sizeof CORE_TAG - 1)) return false;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++)
        if (!strcmp(tag + sizeof CORE_TAG - 1, ok[i])) return true;
    return false;
}

static int cmp_key(const void *x, const void *y)
{
    const YPair *a = *(const YPair *const *)x, *b = *(const YPair *const *)y;
    int c = strcmp(a->key->text, b->key->text);
    if (c) return c;
    return a < b ? -1 : a > b;
}

/* Keys given twice: sorted so that a hostile mapping with many keys stays n log n. */
static void check_dup_keys(Loader *l, YNode *m)
{
    if (m->n < 2) return;
    const YPair **v = malloc(m->n * sizeof *v);
    if (!v) return;
    for (size_t i = 0; i < m->n; i++) v[i] = &m->pairs[i];
    qsort(v, m->n, sizeof *v, cmp_key);
    for (size_t i = 1; i < m->n; i++) {
        if (strcmp(v[i]->key->text, v[i - 1]->key->text)) continue;
        const YPair *first = v[i - 1];
        while (i < m->n && !strcmp(v[i]->key->text, first->key->text)) {
            Diag *g = diag_report(l->d, D_ODCS_DUP_KEY, v[i]->key->span, "key '%s' is given twice in this mapping", first->key->text);
            diag_note(l->d, g, first->key->span, "first given here");
            i++;
        }
        l->failed = true;
    }
    free((void *)v);
}

static void finish_collection(Loader *l, Frame *f)
{
    YNode *n = f->node;
    if (n->kind == YN_MAP) {
        n->n = f->kids.len / 2;
        n->pairs = arena_alloc(l->a, n->n * sizeof *n->pairs);
        for (size_t i = 0; i < n->n; i++) {
            n->pairs[i].key = f->kids.items[2 * i];
            n->pairs[i].value = f->kids.items[2 * i + 1];
        }
        if (n->n) n->span.end = n->pairs[n->n - 1].value->span.end;
        check_dup_keys(l, n);
    } else {
        n->n = f->kids.len;
        n->items = arena_alloc(l->a, (n->n ? n->n : 1) * sizeof *n->items);
        for (size_t i = 0; i < n->n; i++) n->items[i] = f->kids.items[i];
        if (n->n) n->span.end = n->items[n->n - 1]->span.end;
    }
}

/* Source text must be UTF-8 without NUL: libyaml would also read UTF-16, whose marks the byte
 * cursor cannot follow. */
static bool check_text(Loader *l, const SourceFile *sf)
{
    const unsigned char *s = (const unsigned char *)sf->text;
    for (size_t i = 0; i < sf->len;) {
        if (s[i] == 0) {
            diag_report(l->d, D_NUL_BYTE, (Span){l->file, (uint32_t)i, (uint32_t)i + 1}, "NUL byte in YAML source");
            return false;
        }
        if (s[i] < 0x80) { i++; continue; }
        uint32_t cp;
        size_t w = utf8_decode(s + i, sf->len - i, &cp);
        if (!w) {
            diag_report(l->d, D_INVALID_UTF8, (Span){l->file, (uint32_t)i, (uint32_t)i + 1}, "invalid UTF-8 byte 0x%02X", s[i]);
            return false;
        }
        i += w;
    }
    return true;
}

YNode *ytree_load(Arena *a, DiagSink *diags, const SourceSet *sources, uint32_t file, bool *failed)
{
    const SourceFile *sf = sources->files[file];
    Loader l = {a, diags, file, {(const unsigned char *)sf->text, sf->len, 0, 0}, false};
    *failed = false;
    if (!check_text(&l, sf)) {
        *failed = true;
        return NULL;
    }
    /* libyaml does not count a byte-order mark in its marks. */
    if (sf->len >= 3 && !memcmp(sf->text, "\xEF\xBB\xBF", 3)) {
        l.cur.text += 3;
        l.cur.len -= 3;
    }
    size_t bom = (size_t)(l.cur.text - (const unsigned char *)sf->text);
    yaml_parser_t p;
    if (!yaml_parser_initialize(&p)) {
        diag_report(diags, D_ODCS_YAML, span_none(), "cannot initialise the YAML parser");
        *failed = true;
        return NULL;
    }
    yaml_parser_set_input_string(&p, (const unsigned char *)sf->text, sf->len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

    Frame *stack = arena_alloc(a, (YTREE_MAX_DEPTH + 1) * sizeof *stack);
    size_t depth = 0;
    YNode *root = NULL;
    unsigned docs = 0;
    bool done = false, stop = false;
    while (!done && !stop) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            Span at = mark_span(&l, p.problem_mark, p.problem_mark);
            at.start += (uint32_t)bom, at.end += (uint32_t)bom;
            if (at.end < sf->len) at.end++;
            diag_report(diags, D_ODCS_YAML, at, "YAML: %s%s%s", p.problem ? p.problem : "syntax error",
                        p.context ? " " : "", p.context ? p.context : "");
            l.failed = true;
            break;
        }
        Span at = mark_span(&l, ev.start_mark, ev.end_mark);
        at.start += (uint32_t)bom, at.end += (uint32_t)bom;
        YNode *made = NULL;
        const char *tag = NULL;
        switch (ev.type) {
        case YAML_STREAM_END_EVENT: done = true; break;
        case YAML_DOCUMENT_START_EVENT:
            if (++docs > 1) {
                diag_report(diags, D_ODCS_YAML_FEATURE, at, "a contract is one YAML document; a second one starts here");
                l.failed = true;
                stop = true;
            }
            break;
        case YAML_ALIAS_EVENT:
            diag_report(diags, D_ODCS_YAML_FEATURE, at, "YAML aliases (*%s) are not accepted: write the value out",
                        ev.data.alias.anchor ? (const char *)ev.data.alias.anchor : "");
            l.failed = true;
            made = ARENA_NEW(a, YNode);
            made->kind = YN_NULL;
            made->span = at;
            made->text = "";
            break;
        case YAML_SCALAR_EVENT: {
            made = ARENA_NEW(a, YNode);
            made->span = at;
            made->text = arena_strndup(a, (const char *)ev.data.scalar.value, ev.data.scalar.length);
            made->len = (uint32_t)ev.data.scalar.length;
            /* "\0" in a double-quoted scalar: refused as the language refuses \u{0} (issue 9),
             * since C, SQL and the imported text would all end the string there (found by
             * fuzz_odcs: "2032-05-12\u{0}9:30" imported as text that does not check) */
            if (memchr(ev.data.scalar.value, 0, ev.data.scalar.length))
                diag_report(diags, D_STRING_NUL, at, "a string cannot hold U+0000 (\\0); leave it out");
            made->quoted = ev.data.scalar.style != YAML_PLAIN_SCALAR_STYLE;
            tag = (const char *)ev.data.scalar.tag;
            if (tag && !strcmp(tag, CORE_TAG "str")) made->quoted = true;
            made->kind = made->quoted ? YN_STR : resolve_plain(made->text, made->len);
            break;
        }
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT:
            tag = ev.type == YAML_SEQUENCE_START_EVENT ? (const char *)ev.data.sequence_start.tag
                                                       : (const char *)ev.data.mapping_start.tag;
            if (depth >= YTREE_MAX_DEPTH) {
                diag_report(diags, D_ODCS_YAML_FEATURE, at, "YAML nests more than %d levels deep", YTREE_MAX_DEPTH);
                l.failed = true;
                stop = true;
                break;
            }
            stack[depth].node = ARENA_NEW(a, YNode);
            stack[depth].node->kind = ev.type == YAML_SEQUENCE_START_EVENT ? YN_SEQ : YN_MAP;
            stack[depth].node->span = at;
            stack[depth].kids = (PtrVec){0};
            depth++;
            break;
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            if (!depth) break;
            depth--;
            finish_collection(&l, &stack[depth]);
            made = stack[depth].node;
            break;
        default: break;
        }
        if (tag && !core_tag(tag)) {
            diag_report(diags, D_ODCS_YAML_FEATURE, at, "YAML tag '%s' is not accepted (only the core schema's tags are)", tag);
            l.failed = true;
        }
        if (made) {
            if (!depth) {
                root = made;
            } else {
                Frame *f = &stack[depth - 1];
                bool is_key = f->node->kind == YN_MAP && f->kids.len % 2 == 0;
                if (is_key && made->kind >= YN_MAP) {
                    diag_report(diags, D_ODCS_YAML_FEATURE, made->span, "a mapping key must be a scalar");
                    l.failed = true;
                    YNode *k = ARENA_NEW(a, YNode);
                    *k = *made;
                    k->kind = YN_STR;
                    k->text = "?";
                    made = k;
                }
                ptrvec_push(a, &f->kids, made);
            }
        }
        yaml_event_delete(&ev);
    }
    yaml_parser_delete(&p);
    *failed = l.failed;
    return root;
}

YKind ytree_plain_kind(const char *s, size_t n)
{
    char small[64];
    char *buf = n < sizeof small ? small : malloc(n + 1);
    if (!buf) return YN_STR;
    memcpy(buf, s, n);
    buf[n] = 0;
    YKind k = resolve_plain(buf, n);
    if (buf != small) free(buf);
    return k;
}

YNode *ytree_get(const YNode *m, const char *key)
{
    if (!m || m->kind != YN_MAP) return NULL;
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->pairs[i].key->text, key)) return m->pairs[i].value;
    return NULL;
}

const YNode *ytree_key(const YNode *m, const char *key)
{
    if (!m || m->kind != YN_MAP) return NULL;
    for (size_t i = 0; i < m->n; i++)
        if (!strcmp(m->pairs[i].key->text, key)) return m->pairs[i].key;
    return NULL;
}

const char *ytree_kind_name(YKind k)
{
    static const char *const names[] = {"null", "a boolean", "an integer", "a number", "a string", "a mapping", "a sequence"};
    _Static_assert(sizeof names / sizeof names[0] == YN_SEQ + 1, "one name per YKind");
    return names[k];
}
