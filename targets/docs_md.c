/* docs_md.c - the catalog as Markdown (dcc gen -t markdown), for Git hosting and wikis: the same
 * page trees the HTML site is built from, written as GitHub-flavoured Markdown. So the two show
 * the same content by construction. What Markdown cannot hold is left out: the search (the
 * catalog lists everything anyway) and the lineage drawing (its lists stay).
 *
 * Contract text is escaped for Markdown as it is written: every character that could start
 * markup (`\ ` * _ [ ] < > & ~ |`, and `# - + = >` or a list number at the start of a block) gets a
 * backslash, newlines inside a paragraph become spaces, and code spans take a fence longer than
 * any run of backquotes inside. The only raw HTML is `<a id="..."></a>` before an anchored part,
 * with ids made of identifiers and dots. */
#include <string.h>

#include "docs.h"
#include "xmllib.h"

typedef struct {
    StrBuf *b;
    bool table;       /* inside a table cell: `|` must be escaped even in code spans */
    bool block_start; /* nothing written yet in the current block */
} Md;

static bool is(xmlNodePtr n, const char *tag) { return n->type == XML_ELEMENT_NODE && xmllib()->xmlStrcmp(n->name, (const xmlChar *)tag) == 0; }

static bool has_class(xmlNodePtr n, const char *cls)
{
    xmlChar *c = xmllib()->xmlGetProp(n, (const xmlChar *)"class");
    bool yes = false;
    if (c) {
        size_t len = strlen(cls);
        for (const char *p = (const char *)c; (p = strstr(p, cls)); p += len)
            if ((p == (const char *)c || p[-1] == ' ') && (p[len] == 0 || p[len] == ' ')) yes = true;
        xmllib_free(c);
    }
    return yes;
}

static void text(Md *m, const char *s)
{
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (m->block_start) {
            if (c == ' ') continue; /* four leading spaces would make a code block */
            /* a list number ("1." "2)") starting a block: escape its dot */
            size_t d = strspn(s, "0123456789");
            if (d && (s[d] == '.' || s[d] == ')')) {
                sb_put(m->b, s, d);
                sb_putc(m->b, '\\');
                sb_putc(m->b, s[d]);
                s += d;
                m->block_start = false;
                continue;
            }
            if (strchr("#-+=>", c)) sb_putc(m->b, '\\');
            m->block_start = false;
        }
        if (strchr("\\`*_[]<>&~|", c) && c) sb_putc(m->b, '\\');
        sb_putc(m->b, (char)c);
    }
}

/* A code span: a fence of one more backquote than the longest run inside. */
static void code_span(Md *m, const char *s)
{
    size_t run = 0, longest = 0;
    for (const char *p = s; *p; p++) {
        run = *p == '`' ? run + 1 : 0;
        if (run > longest) longest = run;
    }
    m->block_start = false;
    for (size_t i = 0; i <= longest; i++) sb_putc(m->b, '`');
    bool pad = s[0] == '`' || (*s && s[strlen(s) - 1] == '`') || s[0] == ' ';
    if (pad) sb_putc(m->b, ' ');
    for (const char *p = s; *p; p++) {
        char c = *p == '\n' || *p == '\r' ? ' ' : *p;
        if (c == '|' && m->table) sb_putc(m->b, '\\');
        sb_putc(m->b, c);
    }
    if (pad) sb_putc(m->b, ' ');
    for (size_t i = 0; i <= longest; i++) sb_putc(m->b, '`');
}

/* A link destination: the bytes Markdown gives a meaning to, percent-encoded. */
static void destination(Md *m, const char *href)
{
    for (const unsigned char *p = (const unsigned char *)href; *p; p++) {
        if (*p <= ' ' || strchr("()<>\\`|", *p)) sb_printf(m->b, "%%%02X", *p);
        else sb_putc(m->b, (char)*p);
    }
}

static void anchor(Md *m, xmlNodePtr n)
{
    xmlChar *id = xmllib()->xmlGetProp(n, (const xmlChar *)"id");
    if (!id) return;
    /* ids are identifiers, dots and dashes (docs.h): nothing to escape */
    sb_printf(m->b, "<a id=\"%s\"></a>", (const char *)id);
    xmllib_free(id);
}

static void inline_nodes(Md *m, xmlNodePtr first);

static void inline_node(Md *m, xmlNodePtr n)
{
    if (n->type == XML_TEXT_NODE) {
        text(m, (const char *)n->content);
        return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    if (is(n, "code") || is(n, "pre")) {
        xmlNodePtr link = is(n, "code") && n->children && !n->children->next && is(n->children, "a") ? n->children : NULL;
        if (link) { /* <code><a>x</a></code>: a link whose text is code */
            xmlChar *href = xmllib()->xmlGetProp(link, (const xmlChar *)"href");
            xmlChar *t = xmllib()->xmlNodeGetContent(link);
            sb_putc(m->b, '[');
            code_span(m, (const char *)t);
            sb_puts(m->b, "](");
            destination(m, (const char *)href);
            sb_putc(m->b, ')');
            xmllib_free(href);
            xmllib_free(t);
            return;
        }
        xmlChar *t = xmllib()->xmlNodeGetContent(n);
        code_span(m, (const char *)t);
        xmllib_free(t);
        return;
    }
    if (is(n, "a")) {
        xmlChar *href = xmllib()->xmlGetProp(n, (const xmlChar *)"href");
        m->block_start = false;
        sb_putc(m->b, '[');
        inline_nodes(m, n->children);
        sb_puts(m->b, "](");
        destination(m, (const char *)href);
        sb_putc(m->b, ')');
        xmllib_free(href);
        return;
    }
    if (is(n, "br")) {
        sb_putc(m->b, ' ');
        return;
    }
    if (is(n, "span") && has_class(n, "badge")) {
        m->block_start = false;
        sb_puts(m->b, "**");
        inline_nodes(m, n->children);
        sb_puts(m->b, "**");
        return;
    }
    if (is(n, "ul") || is(n, "ol")) { /* a list inside a table cell: items joined */
        bool first = true;
        for (xmlNodePtr li = n->children; li; li = li->next) {
            if (!is(li, "li")) continue;
            if (!first) sb_puts(m->b, "; ");
            first = false;
            inline_nodes(m, li->children);
        }
        return;
    }
    if (is(n, "p") && n->prev) sb_putc(m->b, ' ');
    inline_nodes(m, n->children);
}

static void inline_nodes(Md *m, xmlNodePtr first)
{
    for (xmlNodePtr n = first; n; n = n->next) inline_node(m, n);
}

static void block_start(Md *m) { m->block_start = true; }

static void end_block(Md *m) { sb_puts(m->b, "\n\n"); }

static void table(Md *m, xmlNodePtr t)
{
    size_t cols = 0;
    for (xmlNodePtr part = t->children; part; part = part->next) {
        if (is(part, "caption")) {
            block_start(m);
            sb_puts(m->b, "**");
            inline_nodes(m, part->children);
            sb_puts(m->b, "**");
            end_block(m);
        }
    }
    m->table = true;
    for (xmlNodePtr part = t->children; part; part = part->next) {
        if (!is(part, "thead") && !is(part, "tbody")) continue;
        for (xmlNodePtr tr = part->children; tr; tr = tr->next) {
            if (!is(tr, "tr")) continue;
            sb_putc(m->b, '|');
            size_t n = 0;
            for (xmlNodePtr cell = tr->children; cell; cell = cell->next) {
                if (!is(cell, "th") && !is(cell, "td")) continue;
                sb_putc(m->b, ' ');
                if (n == 0) anchor(m, tr);
                block_start(m);
                m->block_start = false; /* a cell is not the start of a block */
                inline_nodes(m, cell->children);
                sb_puts(m->b, " |");
                n++;
            }
            sb_putc(m->b, '\n');
            if (is(part, "thead")) {
                cols = n;
                sb_putc(m->b, '|');
                for (size_t i = 0; i < cols; i++) sb_puts(m->b, " --- |");
                sb_putc(m->b, '\n');
            }
        }
    }
    m->table = false;
    sb_putc(m->b, '\n');
}

static void blocks(Md *m, xmlNodePtr first);

static void block(Md *m, xmlNodePtr n)
{
    if (n->type == XML_TEXT_NODE) {
        const char *t = (const char *)n->content;
        if (t[strspn(t, " \n\t")]) {
            block_start(m);
            text(m, t);
            end_block(m);
        }
        return;
    }
    if (n->type != XML_ELEMENT_NODE) return;
    /* what Markdown cannot hold: scripts, the search form, the drawing and its caption */
    if (is(n, "script") || is(n, "form") || is(n, "svg") || is(n, "figcaption") || (is(n, "a") && has_class(n, "skip")))
        return;
    const char *tag = (const char *)n->name;
    if (tag[0] == 'h' && tag[1] >= '1' && tag[1] <= '6' && !tag[2]) {
        for (int i = 0; i < tag[1] - '0'; i++) sb_putc(m->b, '#');
        sb_putc(m->b, ' ');
        block_start(m);
        m->block_start = false; /* after "# " a leading '#' is text already */
        inline_nodes(m, n->children);
        end_block(m);
        return;
    }
    if (is(n, "p") || is(n, "header") || is(n, "footer")) {
        block_start(m);
        inline_nodes(m, n->children);
        end_block(m);
        return;
    }
    if (is(n, "ul") || is(n, "ol")) {
        for (xmlNodePtr li = n->children; li; li = li->next) {
            if (!is(li, "li")) continue;
            sb_puts(m->b, "- ");
            anchor(m, li);
            block_start(m);
            inline_nodes(m, li->children);
            sb_putc(m->b, '\n');
        }
        sb_putc(m->b, '\n');
        return;
    }
    if (is(n, "dl")) {
        for (xmlNodePtr d = n->children; d; d = d->next) {
            if (is(d, "dt")) {
                sb_puts(m->b, "- **");
                block_start(m);
                m->block_start = false;
                inline_nodes(m, d->children);
                sb_puts(m->b, "**:");
            } else if (is(d, "dd")) {
                sb_putc(m->b, ' ');
                m->block_start = false;
                inline_nodes(m, d->children);
                sb_putc(m->b, '\n');
            }
        }
        sb_putc(m->b, '\n');
        return;
    }
    if (is(n, "table")) {
        table(m, n);
        return;
    }
    if (is(n, "pre")) {
        xmlChar *t = xmllib()->xmlNodeGetContent(n);
        size_t run = 0, longest = 2;
        for (const char *p = (const char *)t; *p; p++) {
            run = *p == '`' ? run + 1 : 0;
            if (run > longest) longest = run;
        }
        for (size_t i = 0; i <= longest; i++) sb_putc(m->b, '`');
        sb_printf(m->b, "\n%s\n", (const char *)t);
        for (size_t i = 0; i <= longest; i++) sb_putc(m->b, '`');
        end_block(m);
        xmllib_free(t);
        return;
    }
    /* containers: section, div, main, figure, body */
    if (xmllib()->xmlHasProp(n, (const xmlChar *)"id") && !is(n, "main")) {
        anchor(m, n);
        sb_puts(m->b, "\n\n");
    }
    blocks(m, n->children);
}

static void blocks(Md *m, xmlNodePtr first)
{
    for (xmlNodePtr n = first; n; n = n->next) block(m, n);
}

int md_page_finish(HtmlPage *p, StrBuf *out)
{
    Md m = {out, false, true};
    blocks(&m, p->body->children);
    /* one newline at the end, not the blank line every block leaves */
    while (out->len >= 2 && out->data[out->len - 1] == '\n' && out->data[out->len - 2] == '\n') out->data[--out->len] = 0;
    xmllib()->xmlFreeDoc(p->doc);
    p->doc = NULL;
    return 0;
}
