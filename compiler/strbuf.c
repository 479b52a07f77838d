/* strbuf.c - growable byte buffer. */
#include "strbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void sb_reserve(StrBuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap) return;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + extra + 1) cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        fputs("dcc: out of memory\n", stderr);
        exit(2);
    }
    b->data = d;
    b->cap = cap;
}

void sb_init(StrBuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    sb_reserve(b, 0);
    b->data[0] = '\0';
}

void sb_free(StrBuf *b)
{
    free(b->data);
    b->data = NULL;
    b->len = b->cap = 0;
}

void sb_put(StrBuf *b, const char *s, size_t n)
{
    sb_reserve(b, n);
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void sb_putc(StrBuf *b, char c) { sb_put(b, &c, 1); }
void sb_puts(StrBuf *b, const char *s) { sb_put(b, s, strlen(s)); }

void sb_vprintf(StrBuf *b, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    if (n <= 0) return;
    sb_reserve(b, (size_t)n);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    b->len += (size_t)n;
}

void sb_printf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sb_vprintf(b, fmt, ap);
    va_end(ap);
}

void sb_indent(StrBuf *b, unsigned n)
{
    sb_reserve(b, n);
    memset(b->data + b->len, ' ', n);
    b->len += n;
    b->data[b->len] = '\0';
}
