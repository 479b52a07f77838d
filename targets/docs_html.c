/* docs_html.c - the documentation site's HTML: libxml2 trees and libxml2's HTML serializer.
 * Nothing here pastes markup: text goes into text nodes and attribute values, which the
 * serializer escapes, so no contract text can open an element, close an attribute or run. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "docs.h"
#include "xmllib.h"

#define X(s) ((const xmlChar *)(s))

/* Contract strings are valid UTF-8 but may hold control characters (`\u{1}`), which neither
 * HTML nor a browser shows usefully: each becomes U+FFFD, so the page stays well-formed. Returns
 * s itself when it has none, else a copy to free(); libxml2 copies what it is given. */
static const xmlChar *clean_text(const char *s, char **copy)
{
    size_t n = strlen(s), extra = 0;
    *copy = NULL;
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') extra += 2;
    if (!extra) return X(s);
    char *out = malloc(n + extra + 1), *o = out;
    if (!out) fputs("dcc: out of memory\n", stderr), abort(); /* as arena.c does */
    for (size_t i = 0; i < n; i++) {
        if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t') {
            *o++ = (char)0xEF; *o++ = (char)0xBF; *o++ = (char)0xBD;
        } else *o++ = s[i];
    }
    *o = 0;
    *copy = out;
    return X(out);
}

void html_text(xmlNodePtr parent, const char *text)
{
    if (!text || !*text) return;
    char *copy;
    const xmlChar *t = clean_text(text, &copy);
    xmllib()->xmlAddChild(parent, xmllib()->xmlNewDocText(parent->doc, t));
    free(copy);
}

xmlNodePtr html_el(xmlNodePtr parent, const char *tag, const char *text)
{
    xmlNodePtr n = xmllib()->xmlNewChild(parent, NULL, X(tag), NULL);
    html_text(n, text);
    return n;
}

xmlNodePtr html_elc(xmlNodePtr parent, const char *tag, const char *cls, const char *text)
{
    xmlNodePtr n = html_el(parent, tag, text);
    if (cls) html_attr(n, "class", cls);
    return n;
}

void html_attr(xmlNodePtr n, const char *name, const char *value)
{
    char *copy;
    xmllib()->xmlSetProp(n, X(name), clean_text(value, &copy));
    free(copy);
}

xmlNodePtr html_link(xmlNodePtr parent, const char *href, const char *text)
{
    xmlNodePtr a = html_el(parent, "a", text);
    html_attr(a, "href", href);
    return a;
}

bool html_url_is_safe(const char *url)
{
    static const char *const schemes[] = {"http:", "https:", "mailto:"};
    for (size_t i = 0; i < sizeof schemes / sizeof schemes[0]; i++)
        if (strncasecmp(url, schemes[i], strlen(schemes[i])) == 0) return url[strlen(schemes[i])] != 0;
    return false;
}

xmlNodePtr html_url(xmlNodePtr parent, const char *url, const char *text)
{
    if (html_url_is_safe(url)) {
        xmlNodePtr a = html_link(parent, url, text);
        html_attr(a, "rel", "noopener noreferrer");
        return a;
    }
    /* not a link: shown as it is, so a reader still sees where it points */
    return html_elc(parent, "span", "not-a-link", text);
}

void html_doc(xmlNodePtr parent, const char *doc)
{
    if (!doc) return;
    const char *p = doc;
    while (*p) {
        /* one paragraph: up to a blank line */
        const char *end = strstr(p, "\n\n");
        size_t n = end ? (size_t)(end - p) : strlen(p);
        xmlNodePtr para = html_el(parent, "p", NULL);
        /* `code` spans: a backquote opens one only when another closes it in the paragraph */
        size_t i = 0;
        while (i < n) {
            const char *open = memchr(p + i, '`', n - i);
            const char *close = open ? memchr(open + 1, '`', n - (size_t)(open + 1 - p)) : NULL;
            size_t upto = close ? (size_t)(open - p) : n;
            char *plain = strndup(p + i, upto - i);
            html_text(para, plain);
            free(plain);
            if (!close) break;
            char *code = strndup(open + 1, (size_t)(close - open - 1));
            html_el(para, "code", code);
            free(code);
            i = (size_t)(close + 1 - p);
        }
        p += n;
        while (*p == '\n') p++;
    }
}

xmlNodePtr html_table(xmlNodePtr parent, const char *cls, const char *caption, const char *const *heads, size_t nheads)
{
    /* the wrapper scrolls sideways on a narrow screen instead of squeezing the columns */
    xmlNodePtr wrap = html_elc(parent, "div", "table-wrap", NULL);
    xmlNodePtr t = html_elc(wrap, "table", cls, NULL);
    if (caption) html_el(t, "caption", caption);
    xmlNodePtr tr = html_el(html_el(t, "thead", NULL), "tr", NULL);
    for (size_t i = 0; i < nheads; i++) html_attr(html_el(tr, "th", heads[i]), "scope", "col");
    return html_el(t, "tbody", NULL);
}

xmlNodePtr html_svg_el(xmlNodePtr parent, const char *tag) { return xmllib()->xmlNewChild(parent, NULL, X(tag), NULL); }

void html_page_new(HtmlPage *p, const char *title, const char *description, const char *home)
{
    p->doc = xmllib()->htmlNewDocNoDtD(NULL, NULL);
    xmllib()->xmlCreateIntSubset(p->doc, X("html"), NULL, NULL); /* <!DOCTYPE html> */
    xmlNodePtr html = xmllib()->xmlNewDocNode(p->doc, NULL, X("html"), NULL);
    xmllib()->xmlDocSetRootElement(p->doc, html);
    html_attr(html, "lang", "en");
    p->head = html_el(html, "head", NULL);
    html_attr(html_el(p->head, "meta", NULL), "charset", "utf-8");
    xmlNodePtr vp = html_el(p->head, "meta", NULL);
    html_attr(vp, "name", "viewport");
    html_attr(vp, "content", "width=device-width, initial-scale=1");
    if (description) {
        xmlNodePtr d = html_el(p->head, "meta", NULL);
        html_attr(d, "name", "description");
        html_attr(d, "content", description);
    }
    html_el(p->head, "title", title);
    xmlNodePtr css = html_el(p->head, "link", NULL);
    html_attr(css, "rel", "stylesheet");
    html_attr(css, "href", "style.css");
    p->body = html_el(html, "body", NULL);
    html_attr(html_elc(p->body, "a", "skip", "Skip to content"), "href", "#content");
    xmlNodePtr header = html_elc(p->body, "header", "site", NULL);
    html_link(header, home, "Data product catalog");
    p->main = html_el(p->body, "main", NULL);
    html_attr(p->main, "id", "content");
    html_elc(p->body, "footer", "site", "Generated by dcc from the data contracts. Do not edit.");
}

static int write_sb(void *ctx, const char *buf, int len)
{
    sb_put(ctx, buf, (size_t)len);
    return len;
}

int html_page_finish(HtmlPage *p, StrBuf *out)
{
    xmlCharEncodingHandlerPtr utf8 = xmllib()->xmlFindCharEncodingHandler("UTF-8");
    xmlOutputBufferPtr ob = xmllib()->xmlOutputBufferCreateIO(write_sb, NULL, out, utf8);
    int rc = -1;
    if (ob) {
        xmllib()->htmlDocContentDumpFormatOutput(ob, p->doc, "UTF-8", 1);
        rc = xmllib()->xmlOutputBufferClose(ob) < 0 ? -1 : 0;
    }
    xmllib()->xmlFreeDoc(p->doc);
    p->doc = NULL;
    return rc;
}
