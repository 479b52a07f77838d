/* docs_lineage.c - where a product's data comes from and where it goes: an inline SVG drawn by dcc
 * (upstream products and external sources on the left, the product in the middle, downstream
 * products on the right, each product a link to its page) and the same as lists for readers
 * and screen readers. Built as a libxml2 tree like the rest of the page. */
#include <string.h>

#include "docs.h"

/* The drawing's geometry, in SVG user units. */
enum { BOX_W = 230, BOX_H = 36, GAP = 12, COL_GAP = 70, MARGIN = 8, LABEL_MAX = 30 };

typedef struct {
    const char *label; /* product name or external source */
    const char *href;  /* NULL: no page (external, or not in the site) */
    bool external;
} Node;

static void push_unique(Arena *a, PtrVec *v, const char *label, const char *href, bool external)
{
    for (size_t i = 0; i < v->len; i++)
        if (strcmp(((Node *)v->items[i])->label, label) == 0) return;
    Node *n = ARENA_NEW(a, Node);
    n->label = label;
    n->href = href;
    n->external = external;
    ptrvec_push(a, v, n);
}

void docs_downstream(const DocsSite *s, const Contract *c, PtrVec *out)
{
    const PtrVec *units = &s->ctx->compilation->units;
    for (size_t i = 0; i < units->len; i++) {
        const Contract *d = units->items[i];
        if (d == c) continue;
        bool feeds = false;
        for (const Dataset *ds = d->datasets; ds && !feeds; ds = ds->next)
            for (const Upstream *u = ds->upstream; u && !feeds; u = u->next)
                feeds = u->resolved && u->resolved->owner == c;
        if (feeds) ptrvec_push(s->ctx->arena, out, (void *)d);
    }
}

static const char *href_of(const DocsSite *s, const Contract *c)
{
    const DocsPage *p = docs_page_of(s, c);
    return p ? p->file : NULL;
}

/* A label that fits its box: at most LABEL_MAX characters (UTF-8 aware), else cut with "…";
 * the whole text is the box's <title>. */
static const char *fit(Arena *a, const char *s)
{
    size_t chars = 0, i = 0;
    for (; s[i]; i++) {
        if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars > LABEL_MAX - 1) break;
    }
    if (!s[i]) return s;
    return arena_printf(a, "%.*s…", (int)i, s);
}

static void box(Arena *a, xmlNodePtr svg, const Node *n, int x, int y, const char *cls)
{
    xmlNodePtr g = n->href ? html_svg_el(svg, "a") : html_svg_el(svg, "g");
    if (n->href) html_attr(g, "href", n->href);
    html_attr(g, "class", cls);
    html_text(html_svg_el(g, "title"), n->label);
    xmlNodePtr r = html_svg_el(g, "rect");
    html_attr(r, "x", arena_printf(a, "%d", x));
    html_attr(r, "y", arena_printf(a, "%d", y));
    html_attr(r, "width", arena_printf(a, "%d", BOX_W));
    html_attr(r, "height", arena_printf(a, "%d", BOX_H));
    html_attr(r, "rx", "6");
    xmlNodePtr t = html_svg_el(g, "text");
    html_attr(t, "x", arena_printf(a, "%d", x + BOX_W / 2));
    html_attr(t, "y", arena_printf(a, "%d", y + BOX_H / 2 + 5));
    html_attr(t, "text-anchor", "middle");
    html_text(t, fit(a, n->label));
}

static void line(Arena *a, xmlNodePtr svg, int x1, int y1, int x2, int y2)
{
    xmlNodePtr l = html_svg_el(svg, "line");
    html_attr(l, "x1", arena_printf(a, "%d", x1));
    html_attr(l, "y1", arena_printf(a, "%d", y1));
    html_attr(l, "x2", arena_printf(a, "%d", x2));
    html_attr(l, "y2", arena_printf(a, "%d", y2));
    html_attr(l, "marker-end", "url(#lineage-arrow)");
}

static int column_y(size_t i, size_t n, int height)
{
    int used = (int)n * BOX_H + ((int)n - 1) * GAP;
    return (height - used) / 2 + (int)i * (BOX_H + GAP);
}

static void list(xmlNodePtr parent, const char *title, const PtrVec *v)
{
    if (!v->len) return;
    html_el(parent, "h3", title);
    xmlNodePtr ul = html_elc(parent, "ul", "lineage-list", NULL);
    for (size_t i = 0; i < v->len; i++) {
        const Node *n = v->items[i];
        xmlNodePtr li = html_el(ul, "li", NULL);
        if (n->href) html_link(li, n->href, n->label);
        else html_el(li, "code", n->label);
        if (n->external) html_text(li, " (outside the mesh)");
    }
}

void docs_lineage(DocsSite *s, const Contract *c, xmlNodePtr parent)
{
    Arena *a = s->ctx->arena;
    PtrVec up = {0}, down = {0}, downc = {0};
    for (const Dataset *ds = c->datasets; ds; ds = ds->next)
        for (const Upstream *u = ds->upstream; u; u = u->next) {
            if (u->external) push_unique(a, &up, u->external->text, NULL, true);
            else if (u->resolved && u->resolved->owner != c)
                push_unique(a, &up, u->resolved->owner->name.text, href_of(s, u->resolved->owner), false);
        }
    docs_downstream(s, c, &downc);
    for (size_t i = 0; i < downc.len; i++) {
        const Contract *d = downc.items[i];
        push_unique(a, &down, d->name.text, href_of(s, d), false);
    }
    if (!up.len && !down.len) return;

    xmlNodePtr sec = html_el(parent, "section", NULL);
    html_attr(sec, "id", "lineage-map");
    html_el(sec, "h2", "Lineage");
    xmlNodePtr fig = html_elc(sec, "figure", "lineage", NULL);
    size_t rows = up.len > down.len ? up.len : down.len;
    int height = 2 * MARGIN + (int)rows * BOX_H + ((int)rows - 1) * GAP;
    int width = 2 * MARGIN + 3 * BOX_W + 2 * COL_GAP;
    xmlNodePtr svg = html_svg_el(fig, "svg");
    html_attr(svg, "xmlns", "http://www.w3.org/2000/svg");
    html_attr(svg, "viewBox", arena_printf(a, "0 0 %d %d", width, height));
    html_attr(svg, "width", arena_printf(a, "%d", width));
    html_attr(svg, "role", "group");
    html_attr(svg, "aria-label", arena_printf(a, "Lineage of %s: %zu upstream, %zu downstream", c->name.text, up.len, down.len));
    /* the arrow head of every line */
    xmlNodePtr m = html_svg_el(html_svg_el(svg, "defs"), "marker");
    html_attr(m, "id", "lineage-arrow");
    html_attr(m, "viewBox", "0 0 10 10");
    html_attr(m, "refX", "10");
    html_attr(m, "refY", "5");
    html_attr(m, "markerWidth", "8");
    html_attr(m, "markerHeight", "8");
    html_attr(m, "orient", "auto");
    html_attr(html_svg_el(m, "path"), "d", "M0,0 L10,5 L0,10 z");

    int xl = MARGIN, xm = MARGIN + BOX_W + COL_GAP, xr = MARGIN + 2 * (BOX_W + COL_GAP);
    int ym = column_y(0, 1, height);
    for (size_t i = 0; i < up.len; i++)
        line(a, svg, xl + BOX_W, column_y(i, up.len, height) + BOX_H / 2, xm, ym + BOX_H / 2);
    for (size_t i = 0; i < down.len; i++)
        line(a, svg, xm + BOX_W, ym + BOX_H / 2, xr, column_y(i, down.len, height) + BOX_H / 2);
    for (size_t i = 0; i < up.len; i++) {
        const Node *n = up.items[i];
        box(a, svg, n, xl, column_y(i, up.len, height), n->external ? "node external" : "node");
    }
    Node self = {c->name.text, NULL, false};
    box(a, svg, &self, xm, ym, "node self");
    for (size_t i = 0; i < down.len; i++) box(a, svg, down.items[i], xr, column_y(i, down.len, height), "node");
    html_el(fig, "figcaption", "Upstream on the left, downstream on the right; each product links to its page.");
    list(sec, "Upstream", &up);
    list(sec, "Downstream", &down);
}
