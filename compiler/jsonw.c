/* jsonw.c - the streaming JSON writer of jsonw.h. */
#include "jsonw.h"

#include "utf8.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FLUSH_AT ((size_t)1 << 16)

void jsonw_init(JsonWriter *w, StrBuf *out, unsigned indent)
{
    memset(w, 0, sizeof *w);
    w->out = out;
    w->indent = indent;
}

void jsonw_init_file(JsonWriter *w, StrBuf *buf, FILE *fp, unsigned indent)
{
    jsonw_init(w, buf, indent);
    w->fp = fp;
}

static void flush(JsonWriter *w)
{
    if (!w->fp || w->out->len == 0) return;
    if (fwrite(w->out->data, 1, w->out->len, w->fp) != w->out->len) w->write_error = true;
    w->out->len = 0;
    w->out->data[0] = '\0';
}

static void newline(JsonWriter *w, unsigned depth)
{
    if (!w->indent) return;
    sb_putc(w->out, '\n');
    sb_indent(w->out, w->indent * depth);
}

/* Everything before a value or a key: the separator from the previous member and the line break.
 * Returns false (and marks misuse) when nothing may come here. */
static bool before(JsonWriter *w, bool is_key)
{
    if (w->fp && w->out->len >= FLUSH_AT) flush(w);
    if (w->depth == 0) {
        if (w->done || is_key) return !(w->error = true);
        return true;
    }
    unsigned d = w->depth - 1;
    if (w->key_pending) { /* the value of a member: right after its key */
        if (is_key) return !(w->error = true);
        w->key_pending = false;
        return true;
    }
    if (w->is_object[d] && !is_key) return !(w->error = true); /* a value where a key belongs */
    if (w->has_member[d]) sb_putc(w->out, ',');
    w->has_member[d] = true;
    newline(w, w->depth);
    return true;
}

/* After a complete value: at the top level, the document is done. */
static void after(JsonWriter *w)
{
    if (w->depth == 0) w->done = true;
}

static void open_container(JsonWriter *w, bool object)
{
    if (!before(w, false)) return;
    if (w->depth >= JSONW_MAX_DEPTH) {
        w->error = true;
        return;
    }
    sb_putc(w->out, object ? '{' : '[');
    w->is_object[w->depth] = object;
    w->has_member[w->depth] = false;
    w->depth++;
}

void jsonw_object(JsonWriter *w) { open_container(w, true); }
void jsonw_array(JsonWriter *w) { open_container(w, false); }

void jsonw_end(JsonWriter *w)
{
    if (w->depth == 0 || w->key_pending) {
        w->error = true;
        return;
    }
    w->depth--;
    if (w->has_member[w->depth]) newline(w, w->depth);
    sb_putc(w->out, w->is_object[w->depth] ? '}' : ']');
    after(w);
}

/* ---- strings ------------------------------------------------------------------------------------ */

static void put_string(StrBuf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789abcdef";
    sb_putc(b, '"');
    const unsigned char *p = (const unsigned char *)s;
    size_t i = 0;
    while (i < n) {
        unsigned c = p[i];
        if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
            size_t run = i + 1; /* plain ASCII goes out in runs */
            while (run < n && p[run] >= 0x20 && p[run] < 0x80 && p[run] != '"' && p[run] != '\\') run++;
            sb_put(b, s + i, run - i);
            i = run;
            continue;
        }
        if (c < 0x80) {
            switch (c) {
            case '"': sb_puts(b, "\\\""); break;
            case '\\': sb_puts(b, "\\\\"); break;
            case '\b': sb_puts(b, "\\b"); break;
            case '\f': sb_puts(b, "\\f"); break;
            case '\n': sb_puts(b, "\\n"); break;
            case '\r': sb_puts(b, "\\r"); break;
            case '\t': sb_puts(b, "\\t"); break;
            default:
                sb_puts(b, "\\u00");
                sb_putc(b, hex[c >> 4]);
                sb_putc(b, hex[c & 15]);
            }
            i++;
            continue;
        }
        long len = utf8_sequence(p + i, n - i);
        if (len > 0) {
            sb_put(b, s + i, (size_t)len);
            i += (size_t)len;
        } else {
            sb_puts(b, "\xEF\xBF\xBD"); /* U+FFFD REPLACEMENT CHARACTER */
            i += (size_t)-len;
        }
    }
    sb_putc(b, '"');
}

void jsonw_escape(StrBuf *b, const char *s, size_t n) { put_string(b, s, n); }

void jsonw_key_n(JsonWriter *w, const char *key, size_t n)
{
    if (w->depth == 0 || !w->is_object[w->depth - 1]) {
        w->error = true;
        return;
    }
    if (!before(w, true)) return;
    put_string(w->out, key, n);
    sb_puts(w->out, w->indent ? ": " : ":");
    w->key_pending = true;
}

void jsonw_key(JsonWriter *w, const char *key) { jsonw_key_n(w, key ? key : "", key ? strlen(key) : 0); }

void jsonw_string_n(JsonWriter *w, const char *s, size_t n)
{
    if (!before(w, false)) return;
    put_string(w->out, s, n);
    after(w);
}

void jsonw_string(JsonWriter *w, const char *s)
{
    if (!s) jsonw_null(w);
    else jsonw_string_n(w, s, strlen(s));
}

/* ---- scalars ------------------------------------------------------------------------------------ */

static void put_raw(JsonWriter *w, const char *text)
{
    if (!before(w, false)) return;
    sb_puts(w->out, text);
    after(w);
}

static const char *digits(const char *p)
{
    while (*p >= '0' && *p <= '9') p++;
    return p;
}

bool jsonw_is_number(const char *text)
{
    const char *p = text;
    if (!p) return false;
    if (*p == '-') p++;
    if (*p == '0') p++;
    else if (*p >= '1' && *p <= '9') p = digits(p);
    else return false;
    if (*p == '.') {
        const char *q = digits(p + 1);
        if (q == p + 1) return false;
        p = q;
    }
    if (*p == 'e' || *p == 'E') {
        p++;
        if (*p == '+' || *p == '-') p++;
        const char *q = digits(p);
        if (q == p) return false;
        p = q;
    }
    return *p == '\0';
}

int jsonw_number(JsonWriter *w, const char *text)
{
    if (!jsonw_is_number(text)) {
        put_raw(w, "null");
        return -1;
    }
    put_raw(w, text);
    return 0;
}

void jsonw_int(JsonWriter *w, int64_t v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%" PRId64, v);
    put_raw(w, buf);
}

void jsonw_uint(JsonWriter *w, uint64_t v)
{
    /* by hand, not snprintf: reports write a line and a column per finding, and snprintf's
     * format parsing was most of their cost */
    char buf[24], *p = buf + sizeof buf;
    *--p = 0;
    do *--p = (char)('0' + v % 10); while ((v /= 10) != 0);
    put_raw(w, p);
}

void jsonw_double(JsonWriter *w, double v)
{
    if (!isfinite(v)) {
        put_raw(w, "null");
        return;
    }
    /* The fewest significant digits that read back as exactly v: 0.1 stays 0.1. %g never writes
     * a leading '+' or '.', so its text is a JSON number. */
    char buf[40];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(buf, sizeof buf, "%.*g", prec, v);
        if (strtod(buf, NULL) == v) break;
    }
    put_raw(w, buf);
}

void jsonw_bool(JsonWriter *w, bool v) { put_raw(w, v ? "true" : "false"); }
void jsonw_null(JsonWriter *w) { put_raw(w, "null"); }

int jsonw_finish(JsonWriter *w)
{
    if (w->depth != 0 || w->key_pending || !w->done) w->error = true;
    sb_putc(w->out, '\n');
    flush(w);
    if (w->fp && fflush(w->fp) != 0) w->write_error = true;
    return w->error || w->write_error ? -1 : 0;
}
