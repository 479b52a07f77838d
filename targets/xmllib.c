/* xmllib.c - opens libxml2 with dlopen the first time a command writes HTML or XML (xmllib.h
 * says why it is not linked). */
#include "xmllib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

/* The file the headers dcc was compiled against belong to: the Makefile reads its soname from
 * the libxml2 it builds with, so the library loaded is the one the types describe. */
#ifndef XMLLIB_SONAME
#define XMLLIB_SONAME "libxml2.so.2"
#endif

static XmlLib lib;
static const char *load_error = "libxml2 was not loaded"; /* NULL once it is */
static char error_text[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void)
{
    void *h = dlopen(XMLLIB_SONAME, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        const char *e = dlerror();
        snprintf(error_text, sizeof error_text,
                 "libxml2 cannot be loaded (%s); install the package libxml2 "
                 "(Debian, Ubuntu: apt-get install libxml2; Fedora: dnf install libxml2)",
                 e ? e : "cannot open " XMLLIB_SONAME);
        load_error = error_text;
        return;
    }
    const char *missing = NULL;
    /* dlsym returns void *; POSIX guarantees it converts to a function pointer */
#define XMLLIB_LOAD(name) \
    if (!missing && !(*(void **)&lib.name = dlsym(h, #name))) missing = #name;
    XMLLIB_FUNCTIONS(XMLLIB_LOAD)
#undef XMLLIB_LOAD
    if (!missing && !(lib.free_fn = (xmlFreeFunc *)dlsym(h, "xmlFree"))) missing = "xmlFree";
    if (missing) {
        snprintf(error_text, sizeof error_text,
                 "the libxml2 installed (" XMLLIB_SONAME ") has no %s; install the package libxml2 "
                 "of version %s or newer", missing, LIBXML_DOTTED_VERSION);
        load_error = error_text;
        return;
    }
    load_error = NULL;
}

const XmlLib *xmllib_load(const char **why)
{
    pthread_once(&once, load);
    if (load_error) {
        if (why) *why = load_error;
        return NULL;
    }
    return &lib;
}

const XmlLib *xmllib(void)
{
    if (!lib.free_fn) {
        fputs("dcc: internal error: libxml2 used before it was loaded (xmllib_load)\n", stderr);
        abort();
    }
    return &lib;
}

void xmllib_free(void *p)
{
    if (p) (*xmllib()->free_fn)(p);
}
