/* utf8.h - strict UTF-8 (RFC 3629): the compiler's one decoder and encoder. */
#ifndef DCC_UTF8_H
#define DCC_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The largest Unicode scalar value. */
#define UTF8_MAX_CP 0x10FFFFu

/* The length of the valid UTF-8 sequence at s (n > 0 bytes left), or, when it is not valid, minus
 * the length of its maximal subpart: the lead byte and the continuation bytes that could still
 * have completed it (WHATWG's decoder; Unicode 15, section 3.9, "U+FFFD substitution of maximal
 * subparts"). Never 0. */
long utf8_sequence(const unsigned char *s, size_t n);
/* Length of the valid sequence at s (n bytes available), with its code point in *cp; 0 when the
 * bytes are not valid UTF-8: overlong forms, surrogates, values above U+10FFFF, stray or missing
 * continuation bytes, or a sequence cut short by n. */
size_t utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Writes cp (a scalar value) as 1-4 bytes to out; returns how many. */
size_t utf8_encode(uint32_t cp, unsigned char out[4]);
/* Code points in s[0..n) when it is valid UTF-8 (counts lead bytes otherwise). */
size_t utf8_count(const char *s, size_t n);

#endif
