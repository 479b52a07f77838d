/* docs_index.c - the catalog page: every product grouped by domain, with owner, status, version,
 * a one-line description and an SLA summary, then the libraries; and the search box. The page
 * lists everything by itself: search.js only hides what does not match, so with scripts off
 * (or a script blocked) nothing is lost, and the search form stays hidden. */
#include <string.h>

#include "docs.h"

static const char *domain_of(const Contract *c) { return c->domain ? c->domain->text : NULL; }

static int cmp_str(const char *a, const char *b)
{
    if (!a || !b) return a ? -1 : b ? 1 : 0; /* products without a domain come last */
    return strcmp(a, b);
}

/* Pages in catalog order: contracts by domain then name, then libraries by name (a stable
 * insertion sort: few pages, and equal keys keep the command line's order). */
static void catalog_order(const DocsSite *s, const DocsPage **out)
{
    for (size_t i = 0; i < s->npages; i++) {
        const DocsPage *p = &s->pages[i];
        size_t j = i;
        while (j > 0) {
            const Contract *x = out[j - 1]->unit, *y = p->unit;
            int c = (int)x->kind - (int)y->kind;
            if (!c && x->kind == UNIT_CONTRACT) c = cmp_str(domain_of(x), domain_of(y));
            if (!c) c = strcmp(x->name.text, y->name.text);
            if (c <= 0) break;
            out[j] = out[j - 1];
            j--;
        }
        out[j] = p;
    }
}

static void product_item(DocsSite *s, xmlNodePtr ul, const DocsPage *pg)
{
    Arena *a = s->ctx->arena;
    const Contract *c = pg->unit;
    xmlNodePtr li = html_elc(ul, "li", "product", NULL);
    html_attr(li, "data-product", c->name.text);
    xmlNodePtr h = html_el(li, "h3", NULL);
    html_link(h, pg->file, c->name.text);
    xmlNodePtr meta = html_elc(li, "p", "meta", NULL);
    if (c->kind == UNIT_CONTRACT) {
        html_elc(meta, "span", arena_printf(a, "badge badge-status-%s", model_status_name(c->status)),
                 docs_status_words(c->status));
        html_text(meta, " ");
    }
    html_text(meta, arena_printf(a, "version %s", c->version ? c->version->text : "not given"));
    if (c->kind == UNIT_CONTRACT) html_text(meta, arena_printf(a, " · owner: %s", c->owner ? c->owner->text : "not given"));
    const char *first = docs_first_paragraph(a, c->doc);
    if (first) html_elc(li, "p", "summary", first);
    const char *sla = c->kind == UNIT_CONTRACT ? docs_sla_summary(a, c) : NULL;
    if (sla) html_elc(li, "p", "sla", arena_printf(a, "Service levels: %s", sla));
    if (c->datasets || c->types) {
        xmlNodePtr p = html_elc(li, "p", "contents", c->datasets ? "Datasets: " : "Types: ");
        bool first_item = true;
        for (const Dataset *ds = c->datasets; ds; ds = ds->next, first_item = false) {
            if (!first_item) html_text(p, ", ");
            html_link(p, arena_printf(a, "%s#%s", pg->file, ds->name.text), ds->name.text);
        }
        if (!c->datasets)
            for (const TypeDecl *t = c->types; t; t = t->next, first_item = false) {
                if (!first_item) html_text(p, ", ");
                html_link(p, arena_printf(a, "%s#type-%s", pg->file, t->name.text), t->name.text);
            }
    }
}

static void search_form(xmlNodePtr main)
{
    /* hidden until search.js runs: a search box that does nothing is worse than none */
    xmlNodePtr form = html_elc(main, "form", "search", NULL);
    html_attr(form, "role", "search");
    html_attr(form, "id", "search");
    html_attr(form, "hidden", "hidden");
    xmlNodePtr label = html_el(form, "label", "Search products, datasets, types and fields");
    html_attr(label, "for", "q");
    xmlNodePtr in = html_el(form, "input", NULL);
    html_attr(in, "type", "search");
    html_attr(in, "id", "q");
    html_attr(in, "name", "q");
    html_attr(in, "autocomplete", "off");
    html_attr(in, "placeholder", "e.g. customer email");
    xmlNodePtr status = html_elc(form, "p", "search-status", NULL);
    html_attr(status, "id", "search-status");
    html_attr(status, "aria-live", "polite");
    xmlNodePtr results = html_elc(form, "ul", "search-results", NULL);
    html_attr(results, "id", "search-results");
}

int docs_index_page(DocsSite *s)
{
    Arena *a = s->ctx->arena;
    const DocsPage **order = arena_alloc(a, (s->npages ? s->npages : 1) * sizeof *order);
    catalog_order(s, order);
    size_t nproducts = 0, nlibs = 0;
    for (size_t i = 0; i < s->npages; i++) *(s->pages[i].unit->kind == UNIT_CONTRACT ? &nproducts : &nlibs) += 1;

    HtmlPage p;
    html_page_new(&p, "Data product catalog", "Every data product of the mesh: owners, service levels, datasets and fields.", s->home);
    html_el(p.main, "h1", "Data product catalog");
    html_elc(p.main, "p", "meta",
             arena_printf(a, "%zu data product%s and %zu librar%s of shared types.", nproducts, nproducts == 1 ? "" : "s",
                          nlibs, nlibs == 1 ? "y" : "ies"));
    search_form(p.main);

    const char *domain = NULL;
    xmlNodePtr ul = NULL;
    bool libs = false;
    for (size_t i = 0; i < s->npages; i++) {
        const Contract *c = order[i]->unit;
        bool lib = c->kind == UNIT_LIBRARY;
        if (!ul || (lib && !libs) || (!lib && cmp_str(domain, domain_of(c)) != 0)) {
            xmlNodePtr sec = html_elc(p.main, "section", "domain", NULL);
            domain = domain_of(c);
            libs = lib;
            const char *title = lib ? "Libraries of shared types" : domain ? arena_printf(a, "Domain: %s", domain) : "No domain";
            const char *id = lib ? "libraries" : domain ? arena_printf(a, "domain-%s", domain) : "no-domain";
            html_attr(sec, "id", id);
            html_el(sec, "h2", title);
            ul = html_elc(sec, "ul", "products", NULL);
        }
        product_item(s, ul, order[i]);
    }
    xmlNodePtr idx = html_el(p.body, "script", NULL);
    html_attr(idx, "src", "search-index.js");
    xmlNodePtr js = html_el(p.body, "script", NULL);
    html_attr(js, "src", "search.js");
    return docs_page_write(s, &p, s->home);
}
