/* ytree.h - a YAML document read with libyaml into a small tree whose nodes carry byte spans into
 * the source, so that readers of YAML formats (ODCS) report file:line:col like the .dc front end.
 *
 * Only what a data format needs is accepted: one document of mappings, sequences and scalars.
 * Aliases are refused (a billion-laughs document cannot expand), as are tags outside YAML's core
 * schema, non-scalar keys, keys given twice, nesting deeper than YTREE_MAX_DEPTH and invalid
 * UTF-8; each is a located error. Plain scalars are resolved with the YAML 1.2 core schema
 * (null, booleans, integers, floats; everything else is a string), the way JSON Schema
 * validators of YAML see them. */
#ifndef DCC_YTREE_H
#define DCC_YTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "source.h"

#define YTREE_MAX_DEPTH 128

typedef enum { YN_NULL, YN_BOOL, YN_INT, YN_FLOAT, YN_STR, YN_MAP, YN_SEQ } YKind;

typedef struct YNode YNode;
typedef struct {
    YNode *key; /* a scalar */
    YNode *value;
} YPair;

struct YNode {
    YKind kind;
    Span span;        /* the node's text (for collections: from its first to its last character) */
    const char *text; /* scalars: the value (NUL-terminated; len bytes) */
    uint32_t len;
    bool quoted;      /* a quoted or block scalar: always a string */
    size_t n;         /* pairs or items */
    YPair *pairs;     /* YN_MAP, in document order */
    YNode **items;    /* YN_SEQ */
};

/* Reads sources->files[file] as one YAML document. Errors go to diags; returns NULL when the
 * document could not be read (an empty document is a NULL node with no error). */
YNode *ytree_load(Arena *a, DiagSink *diags, const SourceSet *sources, uint32_t file, bool *failed);

/* The value of `key` in a mapping, or NULL (also when m is not a mapping). */
YNode *ytree_get(const YNode *m, const char *key);
/* The key node of `key` in a mapping, or NULL. */
const YNode *ytree_key(const YNode *m, const char *key);
/* What a plain (unquoted) scalar with this text means under the YAML 1.2 core schema: YN_NULL,
 * YN_BOOL, YN_INT, YN_FLOAT or YN_STR. Writers quote strings for which this is not YN_STR. */
YKind ytree_plain_kind(const char *s, size_t n);
/* "a string", "a mapping", ... for messages. */
const char *ytree_kind_name(YKind k);

#endif
