/* json.c - validates a JSON value against a field descriptor while scanning it: no tree, no
 * recursion (an explicit stack of at most max_depth frames), no allocation per value.
 *
 * Decisions (docs/validation.md): a duplicate member name of a declared field is DV001; invalid
 * UTF-8 and escapes of lone surrogates are DV002; both, like syntax errors and DV019, are
 * record-level and replace every other finding of the record. */
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "dcc_rt_internal.h"

static const char *skip_ws_slow(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r'))
        p++;
    return p;
}

/* Records written by programs rarely have whitespace between tokens: one compare decides. */
static inline const char *skip_ws(const char *p, const char *end)
{
    if (p < end && (unsigned char)*p > ' ')
        return p;
    return skip_ws_slow(p, end);
}

static int hexv(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int hex4(const char *p)
{
    int a = hexv(p[0]), b = hexv(p[1]), c = hexv(p[2]), d = hexv(p[3]);
    if ((a | b | c | d) < 0)
        return -1;
    return a << 12 | b << 8 | c << 4 | d;
}

#if defined(__SSE2__)
/* Bits set in a 16-bit mask */
static inline unsigned pop16(unsigned v)
{
    v = v - ((v >> 1) & 0x5555u);
    v = (v & 0x3333u) + ((v >> 2) & 0x3333u);
    v = (v + (v >> 4)) & 0x0f0fu;
    return (v + (v >> 8)) & 0x1fu;
}

/* How many leading bytes of the string block x scan_string may take without a look: those
 * before its first quote, backslash or control byte when every byte >= 0x80 among them belongs
 * to a whole, valid UTF-8 sequence (rt_utf8_seq's rules: no C0, C1 or F5..FF, continuation
 * bytes exactly where the lead bytes want them, and the second byte's range after E0, ED,
 * F0 and F4); otherwise only the ASCII bytes before the first byte >= 0x80, which the
 * scalar code then reads with the same answers and messages as ever. *chars: the characters
 * among the bytes taken. */
static inline unsigned utf8_lanes(__m128i x, unsigned *chars)
{
    const __m128i ctl = _mm_cmpeq_epi8(_mm_min_epu8(x, _mm_set1_epi8(0x1f)), x);
    unsigned stop = (unsigned)_mm_movemask_epi8(_mm_or_si128(
        _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8('"')), _mm_cmpeq_epi8(x, _mm_set1_epi8('\\'))), ctl));
    unsigned hi = (unsigned)_mm_movemask_epi8(x);
    unsigned lim = stop ? (unsigned)__builtin_ctz(stop) : 16, in = (1u << lim) - 1;
    unsigned h = hi & in;
    if (!h) {
        *chars = lim;
        return lim;
    }
    /* signed compares: the bytes >= 0x80 are the negative ones */
    unsigned cont = (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC0)));
    unsigned l3 = hi & (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xDF)));
    unsigned l4 = hi & (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xEF)));
    unsigned lead = hi & ~cont;
    unsigned want = lead << 1 | l3 << 2 | l4 << 3; /* where continuation bytes must stand */
    unsigned bad = hi & (unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(x, _mm_set1_epi8((char)0xF4)));
    bad |= lead & (unsigned)_mm_movemask_epi8(_mm_cmplt_epi8(x, _mm_set1_epi8((char)0xC2)));
    /* the byte after each lane (0 after the last, whose lead byte `want` refuses anyway) */
    __m128i nx = _mm_srli_si128(x, 1);
    __m128i a0 = _mm_cmpgt_epi8(nx, _mm_set1_epi8((char)0x9F)); /* >= A0, for a continuation */
    __m128i b90 = _mm_cmpgt_epi8(nx, _mm_set1_epi8((char)0x8F)); /* >= 90 */
    __m128i r = _mm_or_si128(
        _mm_or_si128(_mm_andnot_si128(a0, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xE0))),
                     _mm_and_si128(a0, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xED)))),
        _mm_or_si128(_mm_andnot_si128(b90, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xF0))),
                     _mm_and_si128(b90, _mm_cmpeq_epi8(x, _mm_set1_epi8((char)0xF4)))));
    bad |= (unsigned)_mm_movemask_epi8(r);
    if (want != (cont & in) || (bad & in)) {
        unsigned k = (unsigned)__builtin_ctz(h);
        *chars = k;
        return k;
    }
    *chars = lim - pop16(cont & in);
    return lim;
}
#endif

/* Scans string contents after the opening quote. On success returns the closing quote and fills
 * *cps and *escaped; on failure aborts the record and returns NULL. */
static const char *scan_string(dcc_stream *s, const char *p, const char *end, size_t *cps,
                               bool *escaped, bool dq)
{
    const char *start = p;
    size_t n = 0;
    bool esc = false;
    for (;;) {
        /* the common case: plain ASCII, sixteen (SSE2) or eight bytes at a time while no byte
         * needs a look */
#if defined(__SSE2__)
        /* one signed compare flags both the control bytes and those >= 0x80 (negative) */
        const __m128i vq = _mm_set1_epi8('"'), vb = _mm_set1_epi8('\\'), vc = _mm_set1_epi8(0x20);
        while (end - p >= 16) {
            __m128i x = _mm_loadu_si128((const __m128i *)(const void *)p);
            __m128i m = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, vq), _mm_cmpeq_epi8(x, vb)),
                                     _mm_cmplt_epi8(x, vc));
            unsigned bits = (unsigned)_mm_movemask_epi8(m);
            if (bits) {
                /* non-ASCII text (the notes of the benchmark) takes the block's whole
                 * characters at once instead of leaving the loop for each */
                unsigned chars, k = utf8_lanes(x, &chars);
                p += k;
                n += chars;
                if (k < 16)
                    goto look;
                continue;
            }
            p += 16;
            n += 16;
        }
#endif
#if RT_SWAR
        while (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            /* each term's lowest flag is exact (borrows only run upwards), so the lowest flag
             * of the union is the first byte that needs a look */
            uint64_t special = ((w - RT_ONES * 0x20) | ((w ^ (RT_ONES * '"')) - RT_ONES) |
                                ((w ^ (RT_ONES * '\\')) - RT_ONES) | w) & RT_HIGHS;
            if (special) {
                size_t k = (size_t)__builtin_ctzll(special) >> 3;
                p += k;
                n += k;
                break;
            }
            p += 8;
            n += 8;
        }
#endif
        while (p < end) {
            unsigned char c = (unsigned char)*p;
            if (c < 0x20 || c == '"' || c == '\\' || c >= 0x80)
                break;
            p++;
            n++;
        }
#if defined(__SSE2__)
    look:
#endif
        if (p >= end) {
            rt_abort(s, DCC_RULE_MALFORMED, start - 1, (size_t)(end - start + 1),
                     "unterminated string");
            return NULL;
        }
        unsigned char c = (unsigned char)*p;
        if (c == '"') {
            *cps = n;
            *escaped = esc;
            return p;
        }
        if (c < 0x20) {
            rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p),
                     "control character 0x%02x in a string (use an escape)", c);
            return NULL;
        }
        if (c >= 0x80) {
            size_t l = rt_utf8_seq((const unsigned char *)p, (size_t)(end - p));
            if (l == 0) {
                rt_abort(s, DCC_RULE_UTF8, p, (size_t)(end - p), "invalid UTF-8 in a string");
                return NULL;
            }
            p += l;
            n++;
            continue;
        }
        /* backslash */
        if (dq) { /* \"" would stand for \" : left to the undoubled copy (rt_json_field_dq) */
            rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "escape in doubled-quote text");
            return NULL;
        }
        esc = true;
        if (p + 1 >= end) {
            rt_abort(s, DCC_RULE_MALFORMED, start - 1, (size_t)(end - start + 1), "unterminated string");
            return NULL;
        }
        char e = p[1];
        if (e == 'u') {
            int u = (end - p >= 6) ? hex4(p + 2) : -1;
            if (u < 0) {
                rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "invalid \\u escape");
                return NULL;
            }
            if (u >= 0xD800 && u <= 0xDBFF) {
                int lo = (end - p >= 12 && p[6] == '\\' && p[7] == 'u') ? hex4(p + 8) : -1;
                if (lo < 0xDC00 || lo > 0xDFFF) {
                    rt_abort(s, DCC_RULE_UTF8, p, (size_t)(end - p),
                             "unpaired surrogate escape (not a Unicode character)");
                    return NULL;
                }
                p += 12;
            } else if (u >= 0xDC00 && u <= 0xDFFF) {
                rt_abort(s, DCC_RULE_UTF8, p, (size_t)(end - p),
                         "unpaired surrogate escape (not a Unicode character)");
                return NULL;
            } else {
                p += 6;
            }
            n++;
            continue;
        }
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' ||
            e == 't') {
            p += 2;
            n++;
            continue;
        }
        rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "invalid escape in a string");
        return NULL;
    }
}

static size_t put_utf8(char *o, uint32_t u)
{
    if (u < 0x80) {
        o[0] = (char)u;
        return 1;
    }
    if (u < 0x800) {
        o[0] = (char)(0xC0 | u >> 6);
        o[1] = (char)(0x80 | (u & 0x3F));
        return 2;
    }
    if (u < 0x10000) {
        o[0] = (char)(0xE0 | u >> 12);
        o[1] = (char)(0x80 | (u >> 6 & 0x3F));
        o[2] = (char)(0x80 | (u & 0x3F));
        return 3;
    }
    o[0] = (char)(0xF0 | u >> 18);
    o[1] = (char)(0x80 | (u >> 12 & 0x3F));
    o[2] = (char)(0x80 | (u >> 6 & 0x3F));
    o[3] = (char)(0x80 | (u & 0x3F));
    return 4;
}

size_t rt_json_unescape(const char *s, size_t n, char *out)
{
    size_t o = 0, i = 0;
    while (i < n) {
        if (s[i] != '\\') {
            out[o++] = s[i++];
            continue;
        }
        char e = s[i + 1];
        if (e == 'u') {
            uint32_t u = (uint32_t)hex4(s + i + 2);
            i += 6;
            if (u >= 0xD800 && u <= 0xDBFF) {
                uint32_t lo = (uint32_t)hex4(s + i + 2);
                u = 0x10000 + ((u - 0xD800) << 10) + (lo - 0xDC00);
                i += 6;
            }
            o += put_utf8(out + o, u);
            continue;
        }
        out[o++] = e == 'b' ? '\b' : e == 'f' ? '\f' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 't' ? '\t' : e;
        i += 2;
    }
    return o;
}

/* Finds the field of struct cf named by a raw key. -1 when unknown. */
static int32_t find_field(dcc_stream *s, const CField *cf, Frame *f, const char *key, size_t n,
                          bool escaped)
{
    char tmp[256];
    if (escaped) {
        if (n > sizeof tmp || n > cf->max_name * 6 + 6)
            return -1; /* an escaped form longer than this cannot decode to a declared name */
        n = rt_json_unescape(key, n, tmp);
        key = tmp;
    }
    (void)s;
    if (n > cf->max_name)
        return -1;
    /* records usually list fields in declaration order: try the next one first */
    int32_t guess = f->last + 1;
    if (guess >= 0 && (size_t)guess < cf->nfields) {
        const CField *g = &cf->fields[guess];
        if (g->name_len == n && rt_eq(g->d->name, key, n))
            return guess;
    }
    return rt_field_find(cf, key, n);
}

static bool push(dcc_stream *s, const CField *cf, int mode, bool is_obj, const char *at,
                 const char *end)
{
    if (s->depth >= s->o.max_depth) {
        rt_abort(s, DCC_RULE_DEPTH, at, (size_t)(end - at), "nesting deeper than %u levels",
                 s->o.max_depth);
        return false;
    }
    Frame *f = &s->frames[s->depth];
    f->cf = cf;
    f->mode = (uint8_t)mode;
    f->is_obj = is_obj;
    f->count = 0;
    f->nseen = 0;
    f->key = NULL;
    f->keylen = 0;
    f->key_escaped = false;
    f->cur = -1;
    f->last = -1;
    f->seen_base = s->seen_top;
    if (mode == FM_STRUCT) {
        rt_zero_slack(s->seen + s->seen_top, cf->nfields);
        s->seen_top += cf->nfields;
    }
    s->depth++;
    return true;
}

static void pop(dcc_stream *s)
{
    Frame *f = &s->frames[s->depth - 1];
    if (f->mode == FM_STRUCT)
        s->seen_top = f->seen_base;
    s->depth--;
}

/* Records a top-level value of a JSON Lines record (for keys, rates and freshness): top is the
 * member's field index, -1 for any other value. */
static inline void note_top(dcc_stream *s, int32_t top, bool present, bool has_val)
{
    if (top >= 0) {
        s->top_state[top] = present ? TOP_PRESENT : TOP_NULL;
        if (present && !has_val)
            s->top_val[top].t = V_NONE;
        if (has_val && s->v->early_key[top] >= 0) /* the value is top_val[top] already */
            rt_key_early(s, (size_t)top);
    }
}

#if defined(__GNUC__)
#define ALWAYS_INLINE __attribute__((always_inline)) inline
#else
#define ALWAYS_INLINE inline
#endif

/* The closing quote of the string whose contents start at p when they are certainly a valid
 * value of cf (rt_fast_text, or one of cf->vimg), so that scan_string would end there with as
 * many characters as bytes and no escapes, and rt_check_scalar would find nothing. NULL decides
 * nothing. */
static ALWAYS_INLINE const char *fast_string(const CField *cf, const char *p, const char *end)
{
    size_t room = (size_t)(end - p), l = rt_fast_text_len(cf);
    if (cf->shape_len) /* no scan: the shape's check is the one pass over the bytes */
        return room > cf->shape_len && p[cf->shape_len] == '"' && rt_dfa_search(cf->dfa, p, cf->shape_len) == 1
                   ? p + cf->shape_len
                   : NULL;
    if (l)
        return room > l && p[l] == '"' && rt_fast_text(cf, p, l) ? p + l : NULL;
    if (cf->vimg && room >= 16) { /* one of a few short values: compared a word pair each */
        for (size_t i = 0; i < cf->nvimg; i++)
            if (rt_qimg_match(&cf->vimg[i], p))
                return p + cf->vimg[i].len;
        return NULL;
    }
    if (cf->kind != DCC_ENUM || cf->nvalues || !cf->enum_plain || cf->enum_ix.slot)
        return NULL; /* a long enumeration: scanned, then looked up by hash */
    for (size_t i = 0; i < cf->d->nenum_values; i++) { /* the value whose length ends it */
        l = cf->enum_len[i];
        if (room > l && p[l] == '"' && rt_eq(p, cf->d->enum_values[i], l))
            return p + l;
    }
    return NULL;
}

static const char *json_type_name(char c)
{
    switch (c) {
    case '{': return "an object";
    case '[': return "an array";
    case '"': return "a string";
    case 't': case 'f': return "a boolean";
    case 'n': return "null";
    default: return "a number";
    }
}

/* The closing quote at q (from scan_string or fast_string) ends the string where the text has
 * no doubled quotes; in doubled-quote text its twin must follow. */
static inline bool quote_ends(bool dq, const char *q, const char *end)
{
    return !dq || (q + 1 < end && q[1] == '"');
}

/* Reads the string value whose opening quote is at p into *vp (ENC_RAW or ENC_JSON). Returns the
 * byte after the closing quote, or NULL after aborting the record. *ok: the value is certainly
 * valid for want (nothing left to check); otherwise the caller runs rt_check_scalar. Shared by
 * the general value path and the fused member loop. */
static ALWAYS_INLINE const char *string_value(dcc_stream *s, const CField *want, const char *p,
                                              const char *end, Val *vp, const bool dq, bool *ok)
{
    const size_t Q = dq ? 2 : 1;
    const char *q = want ? fast_string(want, p + Q, end) : NULL;
    if (q && quote_ends(dq, q, end)) { /* valid as it stands: nothing to check */
        vp->t = V_STR;
        vp->raw = p + Q;
        vp->len = vp->cps = (size_t)(q - p - Q);
        *ok = true;
        return q + Q;
    }
    size_t cps;
    bool esc;
    q = scan_string(s, p + Q, end, &cps, &esc, dq);
    if (!q)
        return NULL;
    if (!quote_ends(dq, q, end)) {
        rt_abort(s, DCC_RULE_MALFORMED, q, (size_t)(end - q), "lone quote");
        return NULL;
    }
    vp->t = V_STR;
    vp->raw = p + Q;
    vp->len = (size_t)(q - p - Q);
    vp->cps = cps;
    vp->enc = esc ? ENC_JSON : ENC_RAW;
    *ok = want && !esc && rt_string_ok(want, vp->raw, vp->len, cps);
    return q + Q;
}

/* Reads the number at p into *vp, like string_value: the byte after it, or NULL after aborting;
 * *ok when rt_num_fast found it certainly valid for want. */
static ALWAYS_INLINE const char *number_value(dcc_stream *s, const CField *want, const char *p,
                                              const char *end, Val *vp, bool *ok)
{
    const char *q = want ? rt_num_fast(want, p, end, &vp->num) : NULL;
    *ok = q != NULL;
    if (!q)
        q = rt_num_scan(p, end, &vp->num);
    if (!q) {
        rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "invalid number");
        return NULL;
    }
    vp->t = V_NUM;
    vp->raw = p;
    vp->len = (size_t)(q - p);
    return q;
}

/* Whitespace between tokens; while the end of a JSON Lines record is not known yet (stop,
 * rt_json_line), a line end is not whitespace but ends the reading, so that the record is
 * read the general way. */
static inline const char *skip_ws_line(const char *p, const char *end)
{
    while (p < end && (*p == ' ' || *p == '\t'))
        p++;
    return p;
}
/* validate()'s whitespace skip: `stop` is its parameter, a constant in each inlined copy */
#define SKIP_WS(p, end) (stop ? ((p) < (end) && (unsigned char)*(p) > ' ' ? (p) : skip_ws_line(p, end)) : skip_ws(p, end))

/* The validator. dq: the text is the contents of a quoted CSV cell whose quotes are doubled, so
 * every quote of the JSON text is two bytes (Q). Anything that needs more than that (a
 * backslash escape, a lone quote) aborts; that and any finding (whose excerpt would show the
 * doubled text) make rt_json_field_dq start over on an undoubled copy. Inlined into both entry
 * points so that dq is a constant in each. */
static ALWAYS_INLINE bool validate(dcc_stream *s, const CField *root, const char *p0, size_t n, const bool dq,
                                   const char **stop)
{
    const char *p = p0, *end = p0 + n;
    const size_t Q = dq ? 2 : 1;
    const CField *want = root;
    /* the field index when the value about to be read is a declared top-level member of a JSON
     * Lines record, else -1; set wherever a value is jumped to */
    int32_t top = -1;
    size_t base = s->depth;
    if (root && root->kind == DCC_JSON)
        want = NULL;

value:
    p = SKIP_WS(p, end);
    if (p >= end) {
        rt_abort(s, DCC_RULE_MALFORMED, p, 0, "unexpected end of record: expected a value");
        return false;
    }
    {
        const char *vstart = p;
        char c = *p;
        if (c == '{' || c == '[') {
            bool obj = c == '{';
            int mode = FM_ANY;
            if (want) {
                if (want->kind == DCC_JSON) {
                    want = NULL;
                } else if (obj && want->kind == DCC_STRUCT) {
                    mode = FM_STRUCT;
                } else if (obj && want->kind == DCC_MAP) {
                    mode = FM_MAP;
                } else if (!obj && want->kind == DCC_LIST) {
                    mode = FM_LIST;
                } else {
                    /* wrong type: report once and check only the syntax of its contents */
                    rt_violation(s, DCC_RULE_TYPE, NULL, p, (size_t)(end - p), "expected %s, got %s",
                                 rt_kind_name(want->kind), json_type_name(c));
                    want = NULL;
                }
            }
            note_top(s, top, true, false);
            if (!push(s, want, mode, obj, p, end))
                return false;
            p = SKIP_WS(p + 1, end);
            if (p < end && *p == (obj ? '}' : ']')) {
                p++;
                goto close;
            }
            if (obj)
                goto key;
            s->frames[s->depth - 1].count = 1;
            want = want ? want->elem : NULL;
            top = -1;
            goto value;
        }
        /* a top-level member of a JSON Lines record is built where the key checks read it */
        Val local, *vp = top >= 0 ? &s->top_val[top] : &local;
        vp->enc = ENC_RAW;
        vp->b = false;
        if (c == '"') {
            if (dq && (end - p < 2 || p[1] != '"')) {
                rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "lone quote");
                return false;
            }
            bool ok;
            p = string_value(s, want, p, end, vp, dq, &ok);
            if (!p)
                return false;
            if (ok) {
                note_top(s, top, true, true);
                goto after;
            }
        } else if (c == 't' || c == 'f' || c == 'n') {
            const char *word = c == 't' ? "true" : c == 'f' ? "false" : "null";
            size_t wl = strlen(word);
            if ((size_t)(end - p) < wl || memcmp(p, word, wl) != 0) {
                rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "invalid literal");
                return false;
            }
            p += wl;
            if (c == 'n') {
                if (want && want->kind != DCC_JSON)
                    rt_check_scalar(s, want, NULL);
                note_top(s, top, false, false);
                goto after;
            }
            vp->t = V_BOOL;
            vp->b = c == 't';
            vp->raw = vstart;
            vp->len = wl;
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            bool ok;
            p = number_value(s, want, p, end, vp, &ok);
            if (!p)
                return false;
            if (ok) {
                note_top(s, top, true, true);
                goto after;
            }
        } else {
            if ((unsigned char)c >= 0x80 && rt_utf8_seq((const unsigned char *)p, (size_t)(end - p)) == 0) {
                rt_abort(s, DCC_RULE_UTF8, p, (size_t)(end - p), "invalid UTF-8");
                return false;
            }
            rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "unexpected character: expected a value");
            return false;
        }
        if (want)
            rt_check_scalar(s, want, vp);
        note_top(s, top, true, true);
    }

after:
    if (s->depth == base) {
        if (stop) { /* a line of JSON Lines: the value ends it, whatever follows */
            *stop = p;
            return true;
        }
        p = SKIP_WS(p, end);
        if (p < end) {
            rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "unexpected text after the value");
            return false;
        }
        return true;
    }
    p = SKIP_WS(p, end);
    if (p >= end) {
        rt_abort(s, DCC_RULE_MALFORMED, p, 0, "unexpected end of record inside %s",
                 s->frames[s->depth - 1].is_obj ? "an object" : "an array");
        return false;
    }
    {
        Frame *f = &s->frames[s->depth - 1];
        if (*p == ',') {
            p++;
            if (f->is_obj)
                goto key;
            f->count++;
            want = f->cf ? f->cf->elem : NULL;
            top = -1;
            goto value;
        }
        if (*p == (f->is_obj ? '}' : ']')) {
            p++;
            goto close;
        }
        rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "expected ',' or '%c'",
                 f->is_obj ? '}' : ']');
        return false;
    }

key : {
    Frame *f = &s->frames[s->depth - 1];
    if (p >= end || *p != '"') { /* the quote right after the ',' or '{' needs no skip */
        p = SKIP_WS(p, end);
        if (p >= end || *p != '"') {
            rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "expected a member name in quotes");
            return false;
        }
    }
    if (dq && (end - p < 2 || p[1] != '"')) {
        rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "lone quote");
        return false;
    }
    size_t cps;
    bool esc = false;
    const char *q = NULL;
    int32_t ix = -1;
    if (f->mode == FM_STRUCT && (size_t)(f->last + 1) < f->cf->nfields) {
        /* the member the record most likely names next, matched in place: a plain name
         * followed by the closing quote is what scan_string and find_field would find */
        const CField *g = &f->cf->fields[f->last + 1];
        size_t l = g->name_len;
#if RT_SWAR
        if (g->key_short && (size_t)(end - p) > 15 + Q) { /* two loads and compares, no call */
            if (rt_qimg_match(&g->key, p + Q)) {
                q = p + Q + l;
                ix = f->last + 1;
            }
        } else
#endif
        if (g->plain_name && (size_t)(end - p) > l + Q && p[Q + l] == '"' &&
            memcmp(p + Q, g->d->name, l) == 0) {
            q = p + Q + l;
            ix = f->last + 1;
        }
    }
    if (!q) {
        q = scan_string(s, p + Q, end, &cps, &esc, dq);
        if (!q)
            return false;
        if (f->mode == FM_STRUCT)
            ix = find_field(s, f->cf, f, p + Q, (size_t)(q - p - Q), esc);
    }
    if (!quote_ends(dq, q, end)) {
        rt_abort(s, DCC_RULE_MALFORMED, q, (size_t)(end - q), "lone quote");
        return false;
    }
    f->key = p + Q;
    f->keylen = (size_t)(q - p - Q);
    f->key_escaped = esc;
    f->cur = -1;
    p = q + Q;
    if (p >= end || *p != ':') { /* likewise the ':' right after the name */
        p = SKIP_WS(p, end);
        if (p >= end || *p != ':') {
            rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p), "expected ':' after a member name");
            return false;
        }
    }
    p++;
    f->count++;
    want = NULL;
    if (f->mode == FM_STRUCT) {
        if (ix >= 0) {
            if (s->seen[f->seen_base + (size_t)ix]) {
                rt_abort(s, DCC_RULE_MALFORMED, f->key - 1, f->keylen + 2,
                         "duplicate member \"%s\"", f->cf->fields[ix].d->name);
                return false;
            }
            s->seen[f->seen_base + (size_t)ix] = 1;
            f->nseen++;
            f->cur = ix;
            f->last = ix;
            want = &f->cf->fields[ix];
        } else if (!s->v->desc->allow_unknown_fields) {
            rt_violation(s, DCC_RULE_UNKNOWN_FIELD, NULL, f->key, f->keylen,
                         "field not declared by the contract");
        }
    } else if (f->mode == FM_MAP) {
        want = f->cf->elem;
    }
    top = s->record_root && s->depth == 1 ? f->cur : -1;
    /* The fused member: a string or number value that starts right after the ':' is read and
     * checked here as the general way at value would, the field's fast check first, and the ','
     * or '}' right after it is taken without the general dispatch or whitespace skips.
     * Anything else goes the general way, from the value's first byte. */
    if (want && p < end) {
        char c = *p;
        Val local, *vp = top >= 0 ? &s->top_val[top] : &local;
        vp->enc = ENC_RAW;
        vp->b = false;
        bool ok;
        if (c == '"') {
            if (dq && (end - p < 2 || p[1] != '"'))
                goto value; /* which aborts */
            p = string_value(s, want, p, end, vp, dq, &ok);
        } else if (c == '-' || (c >= '0' && c <= '9')) {
            p = number_value(s, want, p, end, vp, &ok);
        } else {
            goto value;
        }
        if (!p)
            return false;
        if (!ok)
            rt_check_scalar(s, want, vp);
        note_top(s, top, true, true);
        goto member_end;
    }
    goto value;
member_end:
    if (p < end) { /* what after would find when nothing but its ',' or '}' follows */
        if (*p == ',') {
            p++;
            goto key;
        }
        if (*p == '}') {
            p++;
            goto close;
        }
    }
    goto after;
}

close : {
    Frame *f = &s->frames[s->depth - 1];
    const CField *cf = f->cf;
    if (f->mode == FM_STRUCT) {
        /* with every field seen nothing is missing */
        for (size_t i = 0; f->nseen < cf->nfields && i < cf->nfields; i++) {
            if (!s->seen[f->seen_base + i] && !cf->fields[i].may_be_absent) {
                f->cur = -1;
                f->key = NULL;
                rt_violation(s, DCC_RULE_MISSING, cf->fields[i].d->name, NULL, 0,
                             "required field absent");
            }
        }
    } else if (f->mode == FM_LIST || f->mode == FM_MAP) {
        int64_t cnt = f->count;
        const char *what = f->mode == FM_LIST ? "items" : "entries";
        pop(s);
        rt_check_count(s, cf, cnt, what, NULL, 0);
        goto after;
    }
    pop(s);
    goto after;
}
}

#undef SKIP_WS

/* What one JSON cell has reported so far in the record, so that its findings can be taken
 * back: when it turns out malformed (only the syntax error is reported) or when the in-place
 * doubled-quote reading gives up (the undoubled copy's run reports instead). */
typedef struct {
    size_t npend, pbuf_len, depth, seen_top;
    uint32_t nviol;
    uint32_t counts[DCC_RULE_COUNT];
    bool top_bad;
} CellMark;

static void cell_mark(const dcc_stream *s, CellMark *m)
{
    m->npend = s->npend;
    m->pbuf_len = s->pbuf_len;
    m->depth = s->depth;
    m->seen_top = s->seen_top;
    m->nviol = s->rec_nviol;
    memcpy(m->counts, s->rec_counts, sizeof m->counts);
    m->top_bad = s->cur_top >= 0 && s->top_bad[s->cur_top];
}

/* Takes back every finding since the mark (the frame depth is restored by the callers). */
static void cell_undo(dcc_stream *s, const CellMark *m)
{
    s->npend = m->npend;
    s->pbuf_len = m->pbuf_len;
    s->rec_nviol = m->nviol;
    memcpy(s->rec_counts, m->counts, sizeof m->counts);
    if (s->cur_top >= 0)
        s->top_bad[s->cur_top] = m->top_bad;
    s->aborted = false;
}

void rt_json_field(dcc_stream *s, const CField *cf, const char *t, size_t n)
{
    /* undo what the value reported before its syntax error, then report the error itself */
    CellMark m;
    cell_mark(s, &m);
    if (!rt_json_validate(s, cf, t, n)) {
        dcc_rule r = s->abort_rule;
        char msg[sizeof s->abort_msg];
        memcpy(msg, s->abort_msg, sizeof msg);
        cell_undo(s, &m);
        s->depth = m.depth;
        s->seen_top = m.seen_top;
        rt_violation(s, r, NULL, t, n, "%s", msg);
    }
    s->depth = m.depth;
    s->seen_top = m.seen_top;
}

bool rt_json_validate(dcc_stream *s, const CField *root, const char *p, size_t n)
{
    return validate(s, root, p, n, false, NULL);
}

const char *rt_json_line(dcc_stream *s, const char *p, const char *end)
{
    const char *stop = NULL;
    if (!validate(s, &s->v->root, p, (size_t)(end - p), false, &stop))
        return NULL;
    return stop;
}

bool rt_json_field_dq(dcc_stream *s, const CField *cf, const char *t, size_t n)
{
    CellMark m;
    cell_mark(s, &m);
    bool ok = validate(s, cf, t, n, true, NULL) && s->rec_nviol == m.nviol;
    if (!ok) /* as if never run: the undoubled copy's run reports */
        cell_undo(s, &m);
    s->depth = m.depth;
    s->seen_top = m.seen_top;
    return ok;
}
