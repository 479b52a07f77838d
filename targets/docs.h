/* docs.h - the documentation target's parts (docs/docs-target.md): a static catalog site of the
 * whole mesh, written in finish, when every unit named on the command line is known.
 *
 *   docs.c          the target: pages and file names, the search index, the assets
 *   docs_html.c     the only place that makes HTML: a libxml2 tree per page and its serializer,
 *                   so every contract text is escaped by construction and no markup is pasted
 *   docs_words.c    plain-words rendering of types, constraints, SLA items and quality rules,
 *                   from tables kept as data in one place
 *   docs_product.c  the page of a product or a library
 *   docs_index.c    the catalog page
 *   docs_lineage.c  the inline SVG of a product's upstream and downstream products
 *
 * Anchors are stable and can be linked: a dataset is `#orders`, a field `#orders.customer_id`
 * (a struct type's field `#type-LineItem.sku`), a type `#type-LineItem`. Identifiers cannot hold
 * '-', so the page's own sections (`#service-levels`, ...) never clash with them. */
#ifndef DCC_TARGET_DOCS_H
#define DCC_TARGET_DOCS_H

#include <libxml/tree.h>

#include "target.h"

/* ---- the site ------------------------------------------------------------------------------- */

/* A file another target wrote for a unit, when given with `--with` (under files/). */
typedef struct {
    const char *what; /* "JSON Schema", "SQL", ... */
    const char *path; /* "files/sales_orders__orders.schema.json" */
} DocsDownload;

typedef struct {
    const Contract *unit;
    const char *file; /* "sales.orders.html": every page is at the top of the site */
    PtrVec downloads; /* DocsDownload*, in the order the targets wrote them */
} DocsPage;

/* A target run alongside (`--with`): its own context, its files kept apart until finish. */
typedef struct {
    const Target *target;
    TargetCtx ctx;
    OutSet out;
} DocsWith;

typedef struct {
    TargetCtx *ctx;
    DocsPage *pages; /* the units named on the command line, in order */
    size_t npages;
    EmitScope *files; /* case-insensitive: file names must differ on any file system */
    DocsWith *with;
    size_t nwith;
    bool markdown; /* -t markdown: the same pages as .md files (docs_md.c) */
    const char *home; /* "index.html" or "index.md" */
} DocsSite;

/* The page of a unit, or NULL when the unit is not in the site (an import not named). */
const DocsPage *docs_page_of(const DocsSite *s, const Contract *unit);
/* The first paragraph of a doc comment, or NULL. */
const char *docs_first_paragraph(Arena *a, const char *doc);

/* ---- HTML (docs_html.c) ---------------------------------------------------------------------- */

typedef struct {
    xmlDocPtr doc;
    xmlNodePtr head, body, main;
} HtmlPage;

/* A new page: doctype, <html lang=en>, head with charset, viewport, title and the stylesheet,
 * a skip link, a header with the catalog link (to home), <main id=content> and the footer.
 * title is contract text. */
void html_page_new(HtmlPage *p, const char *title, const char *description, const char *home);
/* Serializes the page as UTF-8 HTML into out and frees the tree. Returns 0 or -1. */
int html_page_finish(HtmlPage *p, StrBuf *out);
/* Writes the page's body as Markdown into out (docs_md.c) and frees the tree. Returns 0. */
int md_page_finish(HtmlPage *p, StrBuf *out);
/* The page written as the site's format asks (HTML or Markdown) into the file `file`. */
int docs_page_write(DocsSite *s, HtmlPage *p, const char *file);

/* An element with optional text (escaped by the tree: any contract text is safe). */
xmlNodePtr html_el(xmlNodePtr parent, const char *tag, const char *text);
/* An element with a class attribute. */
xmlNodePtr html_elc(xmlNodePtr parent, const char *tag, const char *cls, const char *text);
void html_attr(xmlNodePtr n, const char *name, const char *value);
void html_text(xmlNodePtr parent, const char *text);
/* A link inside the site (href built by dcc). */
xmlNodePtr html_link(xmlNodePtr parent, const char *href, const char *text);
/* A link to a URL from a contract: a link only for http:, https: and mailto: URLs (ASCII letters
 * of the scheme in any case); anything else (javascript:, data:, relative) is shown as text. */
xmlNodePtr html_url(xmlNodePtr parent, const char *url, const char *text);
bool html_url_is_safe(const char *url);
/* Doc comment text: paragraphs split at blank lines, `code` spans as <code>. */
void html_doc(xmlNodePtr parent, const char *doc);
/* A table with a caption and column headers (th scope=col); returns its <tbody>. */
xmlNodePtr html_table(xmlNodePtr parent, const char *cls, const char *caption, const char *const *heads, size_t nheads);
/* An SVG element (same tree; the HTML serializer writes it as HTML5 reads it). */
xmlNodePtr html_svg_el(xmlNodePtr parent, const char *tag);

/* ---- plain words (docs_words.c) ---------------------------------------------------------------- */

/* "text, at most 14 characters", "whole number", "list of LineItem", ... (the resolved type) */
const char *docs_type_words(Arena *a, const Type *t);
/* One constraint in plain words: text, and a literal to show as code after it (or NULL):
 * {"matches the pattern", "^SO-[0-9]{4}$"}. */
typedef struct {
    const char *text, *code;
} DocsPhrase;
/* The constraints of a field or type in plain words, one DocsPhrase each ("between 1 and 999",
 * "one of placed, paid, ...", "matches the pattern" ^SO-...$); the reference is not included. */
void docs_constraint_words(Arena *a, const Type *rtype, const Attrs *at, PtrVec *out);
/* The phrases as list items. */
void docs_phrase_list(xmlNodePtr ul, const PtrVec *phrases);
/* "1h" -> "1 hour", "15m" -> "15 minutes" (text kept when it is not a duration). */
const char *docs_duration_words(Arena *a, const char *text);
/* An SLA item as a sentence: "Updated at least every hour.", "99.9% available." */
const char *docs_sla_words(Arena *a, const SlaItem *it);
/* A one-line SLA summary for the catalog: "fresh within 1 hour · 99.9% available". */
const char *docs_sla_summary(Arena *a, const Contract *c);
/* A quality rule as a sentence; an SQL rule's query is *sql (NULL otherwise), shown as code. */
const char *docs_rule_words(Arena *a, const QualityRule *r, const char **sql);
/* "Draft", "Active", ... for a status badge. */
const char *docs_status_words(Status s);
const char *docs_classification_words(Classification c);

/* ---- pages ------------------------------------------------------------------------------------ */

int docs_product_page(DocsSite *s, const DocsPage *p);
int docs_index_page(DocsSite *s);
/* The lineage of a product: a figure with an inline SVG (every box a link when its product has
 * a page) and the same as lists; nothing when the product has no upstream and no downstream. */
void docs_lineage(DocsSite *s, const Contract *c, xmlNodePtr parent);
/* The products (named units) whose datasets list one of c's datasets upstream. */
void docs_downstream(const DocsSite *s, const Contract *c, PtrVec *out);

#endif
