/* xmllib.h - libxml2, loaded when a command first needs it (dlopen), not linked into dcc.
 *
 * Only the documentation site (targets/docs_html.c, docs_md.c, docs_lineage.c) and
 * `dcc compat --format junit` (cli/compat_report.c) use libxml2, but a linked libxml2 costs every
 * dcc process about 8.5 ms of CPU before main (libxml2 pulls in ICU, libstdc++, liblzma and zlib:
 * the loader maps and relocates them all). So dcc opens the library the first time one of those
 * commands runs and calls it through this table, whose members carry libxml2's own names and
 * types (its headers are still what dcc compiles against: the types, struct layouts and
 * constants are libxml2's). docs/dependencies.md says the same for users.
 *
 * The table is the one piece of process-wide state in dcc besides the loader's own: like the
 * dynamic linker's, it is filled once (pthread_once) and never changes after. */
#ifndef DCC_XMLLIB_H
#define DCC_XMLLIB_H

#include <libxml/HTMLtree.h>
#include <libxml/tree.h>
#include <libxml/xmlsave.h>
#include <libxml/xmlwriter.h>

/* Every libxml2 function dcc calls: one list, read by the table below and by the loader. */
#define XMLLIB_FUNCTIONS(X) \
    X(htmlDocContentDumpFormatOutput) \
    X(htmlNewDocNoDtD) \
    X(xmlAddChild) \
    X(xmlBufferCreate) \
    X(xmlBufferFree) \
    X(xmlCreateIntSubset) \
    X(xmlDocSetRootElement) \
    X(xmlFindCharEncodingHandler) \
    X(xmlFreeDoc) \
    X(xmlFreeTextWriter) \
    X(xmlGetProp) \
    X(xmlHasProp) \
    X(xmlNewChild) \
    X(xmlNewDocNode) \
    X(xmlNewDocText) \
    X(xmlNewTextWriterMemory) \
    X(xmlNodeGetContent) \
    X(xmlOutputBufferClose) \
    X(xmlOutputBufferCreateIO) \
    X(xmlSetProp) \
    X(xmlStrcmp) \
    X(xmlTextWriterEndDocument) \
    X(xmlTextWriterEndElement) \
    X(xmlTextWriterSetIndent) \
    X(xmlTextWriterSetIndentString) \
    X(xmlTextWriterStartDocument) \
    X(xmlTextWriterStartElement) \
    X(xmlTextWriterWriteAttribute) \
    X(xmlTextWriterWriteElement) \
    X(xmlTextWriterWriteString)

/* The loaded library: a pointer per function, named and typed as libxml2 declares it, and its
 * deallocator (libxml2's xmlFree is a variable holding a function, not a function). */
typedef struct XmlLib {
#define XMLLIB_MEMBER(name) __typeof__(name) *name;
    XMLLIB_FUNCTIONS(XMLLIB_MEMBER)
#undef XMLLIB_MEMBER
    xmlFreeFunc *free_fn;
} XmlLib;

/* Loads libxml2 the first time (later calls return at once). Returns the table, or NULL with
 * *why set to a sentence for the user: the library file that is missing and the package that
 * installs it. Safe to call from several threads. */
const XmlLib *xmllib_load(const char **why);

/* The table, once xmllib_load has succeeded (every command that writes HTML or XML calls it
 * before anything else); aborts with a message if it has not, which is a bug in dcc. */
const XmlLib *xmllib(void);

/* libxml2's own free, for what libxml2 allocated (xmlGetProp, xmlNodeGetContent). */
void xmllib_free(void *p);

#endif
