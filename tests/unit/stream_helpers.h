/* stream_helpers.h - the unit tests' shorthand for streams: options given as a compound literal
 * (size set here), a callback and its userdata, and the counters. Include after cmocka.h. */
#ifndef DCC_TEST_STREAM_HELPERS_H
#define DCC_TEST_STREAM_HELPERS_H

#include <stdlib.h>
#include <string.h>

#include "dcc_rt.h"

/* A growing text (reports of violations), NUL-terminated; free buf when done. */
typedef struct {
    char *buf;
    size_t len, cap;
} TestText;

static inline void test_text_add(TestText *t, const char *s)
{
    size_t n = strlen(s);
    if (t->len + n + 1 > t->cap) {
        t->cap = (t->len + n + 1) * 2;
        t->buf = realloc(t->buf, t->cap);
        assert_non_null(t->buf);
    }
    memcpy(t->buf + t->len, s, n + 1);
    t->len += n;
}

/* A stream with options o (its size is set here) calling cb(ud, ...); fails the test when it
 * cannot be opened. */
static inline dcc_stream *test_stream(const dcc_validator *v, dcc_stream_opts o,
                                      void (*cb)(void *, const dcc_violation *), void *ud)
{
    dcc_callbacks c = DCC_CALLBACKS_INIT;
    c.on_violation = cb;
    c.userdata = ud;
    o.size = sizeof o;
    o.callbacks = cb ? &c : NULL; /* copied by dcc_stream_open */
    dcc_stream *s = NULL;
    assert_int_equal(dcc_stream_open(v, &o, &s), 0);
    assert_non_null(s);
    return s;
}

/* The counters of s so far. */
static inline dcc_stream_stats test_stats(const dcc_stream *s)
{
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    assert_int_equal(dcc_stream_get_stats(s, &st), 0);
    return st;
}

#endif
