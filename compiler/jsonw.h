/* jsonw.h - a small streaming JSON writer shared by everything dcc writes as JSON (the JSON Schema
 * target, compatibility reports, validate's report): objects, arrays, strings escaped per RFC 8259
 * with invalid UTF-8 made safe, numbers written from their exact text, pretty-printed with a
 * fixed indent or compact, and deterministic (no floating-point formatting but the shortest
 * round trip, no hash order: members come out in the order written).
 *
 *     JsonWriter w;
 *     jsonw_init(&w, &buf, 2);
 *     jsonw_object(&w);
 *     jsonw_key(&w, "type");   jsonw_string(&w, "object");
 *     jsonw_key(&w, "required"); jsonw_array(&w); jsonw_string(&w, "id"); jsonw_end(&w);
 *     jsonw_end(&w);
 *     if (jsonw_finish(&w) != 0) ... misuse: unbalanced, or a value where a key belongs
 */
#ifndef DCC_JSONW_H
#define DCC_JSONW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "strbuf.h"

#define JSONW_MAX_DEPTH 1024

typedef struct {
    StrBuf *out;
    FILE *fp;         /* when set, out is flushed to it as it fills and at the end */
    unsigned indent;  /* spaces per level; 0: compact, on one line */
    unsigned depth;
    bool error;       /* misuse or a write error: jsonw_finish returns -1 */
    bool write_error; /* fp failed */
    /* per open container: is it an object, has it a member yet, is a key waiting for its value */
    bool is_object[JSONW_MAX_DEPTH];
    bool has_member[JSONW_MAX_DEPTH];
    bool key_pending;
    bool done;        /* the top-level value is complete */
} JsonWriter;

/* Writes into out (appending). indent: spaces per level, 0 for compact output. */
void jsonw_init(JsonWriter *w, StrBuf *out, unsigned indent);
/* Streams to fp instead: out is the buffer, emptied into fp whenever it holds 64 KiB. */
void jsonw_init_file(JsonWriter *w, StrBuf *buf, FILE *fp, unsigned indent);

void jsonw_object(JsonWriter *w); /* { ... jsonw_end */
void jsonw_array(JsonWriter *w);  /* [ ... jsonw_end */
void jsonw_end(JsonWriter *w);
/* The key of the next member of the innermost object (any bytes; escaped like strings). */
void jsonw_key(JsonWriter *w, const char *key);
void jsonw_key_n(JsonWriter *w, const char *key, size_t n);

/* A string of n bytes: `"` `\` and controls escaped (\n \t \r \b \f, else \u00XX), DEL and
 * everything above kept as UTF-8; each maximal invalid UTF-8 subsequence (as the WHATWG decoder
 * and Unicode's "best practice" cut them) becomes U+FFFD; NUL is \u0000. */
void jsonw_string_n(JsonWriter *w, const char *s, size_t n);
void jsonw_string(JsonWriter *w, const char *s); /* NULL writes null */
/* A number from its exact text ("12.50", "-1e-7"), as JSON spells numbers: -?(0|[1-9]d*)(.d+)?
 * ([eE][+-]?d+)?. Text that is not a JSON number (leading '+' or '.', "NaN", hex) is misuse:
 * null is written instead and -1 returned, so the document stays valid. */
int jsonw_number(JsonWriter *w, const char *text);
void jsonw_int(JsonWriter *w, int64_t v);
void jsonw_uint(JsonWriter *w, uint64_t v);
/* The shortest text that reads back as exactly v; NaN and infinities (not JSON) as null. */
void jsonw_double(JsonWriter *w, double v);
void jsonw_bool(JsonWriter *w, bool v);
void jsonw_null(JsonWriter *w);

/* Ends the document with a newline (pretty) and flushes to the file. Returns 0, or -1 when the
 * writer was misused (unbalanced containers, no value, a key without its value, a value where a
 * key belongs, too deep) or writing to the file failed. */
int jsonw_finish(JsonWriter *w);

/* Appends s (n bytes) to b as a JSON string literal, escaped as jsonw_string_n does: for JSON
 * printed without a writer (diag.c's json_print_string). */
void jsonw_escape(StrBuf *b, const char *s, size_t n);

/* True when text is a JSON number. */
bool jsonw_is_number(const char *text);

#endif
