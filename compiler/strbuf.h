/* strbuf.h - growable byte buffer for generated text. */
#ifndef DCC_STRBUF_H
#define DCC_STRBUF_H

#include <stdarg.h>
#include <stddef.h>

/* A heap buffer, always NUL-terminated; free with sb_free. */
typedef struct {
    char *data;
    size_t len, cap;
} StrBuf;

void sb_init(StrBuf *b);
void sb_free(StrBuf *b);
void sb_putc(StrBuf *b, char c);
void sb_put(StrBuf *b, const char *s, size_t n);
void sb_puts(StrBuf *b, const char *s);
void sb_printf(StrBuf *b, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 2, 3)))
#endif
    ;
void sb_vprintf(StrBuf *b, const char *fmt, va_list ap);
/* Appends n spaces. */
void sb_indent(StrBuf *b, unsigned n);

#endif
