/* csv.c - RFC 4180 rows: quoted cells, doubled quotes, a header naming the columns.
 *
 * Conventions (docs/validation.md): an empty unquoted cell is null, a quoted "" is the empty
 * string; booleans are true/false; numbers use the JSON grammar; list, map, struct and json
 * cells hold JSON text, validated by json.c; bytes are base64. A row with another number of cells
 * than the header is DV001; a non-empty cell of an undeclared column is DV003 (unless unknown
 * fields are allowed); a column missing for a required field is DV004 in every row. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dcc_rt_internal.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif


size_t rt_csv_unescape(const char *s, size_t n, char *out)
{
    /* runs up to and including a quote are copied whole; the quote's twin is skipped */
    size_t o = 0;
    const char *p = s, *end = s + n;
    while (p < end) {
        const char *q = rt_find1(p, end, '"');
        size_t run = (size_t)(q - p) + (q < end);
        memcpy(out + o, p, run);
        o += run;
        p += run;
        if (q < end && p < end && *p == '"')
            p++;
    }
    return o;
}

/* Parses the cell at *pp. *more: a delimiter followed (another cell comes). */
static bool next_cell(dcc_stream *s, const char **pp, const char *end, Cell *c, bool *more)
{
    const char *p = *pp;
    char d = s->o.csv_delimiter;
    c->dq = false;
    if (p < end && *p == '"') {
        const char *open = p;
        c->quoted = true;
        c->p = ++p;
        for (;;) {
            const char *q = rt_find1(p, end, '"');
            if (q == end) {
                rt_abort(s, DCC_RULE_MALFORMED, open, (size_t)(end - open), "unterminated quoted cell");
                return false;
            }
            if (q + 1 < end && q[1] == '"') {
                c->dq = true;
                p = q + 2;
                continue;
            }
            c->n = (size_t)(q - c->p);
            p = q + 1;
            break;
        }
        if (p < end && *p != d) {
            rt_abort(s, DCC_RULE_MALFORMED, open, (size_t)(end - open),
                     "text after the closing quote of a cell");
            return false;
        }
    } else {
        c->quoted = false;
        c->p = p;
        const char *q = rt_find3(p, end, d, '"', d);
        if (q < end && *q == '"' && d != '"') {
            rt_abort(s, DCC_RULE_MALFORMED, p, (size_t)(end - p),
                     "a quote inside an unquoted cell (quote the whole cell and double the quote)");
            return false;
        }
        c->n = (size_t)(q - p);
        p = q;
    }
    *more = p < end;
    if (*more)
        p++;
    *pp = p;
    return true;
}

/* Columns a header may name besides the declared fields. Each costs a cell slot, a column map
 * entry and its name, so a header of commas within max_record_bytes (64 MiB) would otherwise cost
 * gigabytes; no spreadsheet has more (Excel: 16384). */
#define RT_CSV_MAX_EXTRA_COLUMNS 65536

/* A header that cannot be used: no columns, so every row is reported as malformed. */
static void header_unusable(dcc_stream *s)
{
    for (size_t i = 0; i < s->ncols; i++)
        free(s->col_name[i]);
    s->ncols = 0;
    memset(s->field_has_col, 0, s->v->desc->nfields * sizeof *s->field_has_col);
}

static void header(dcc_stream *s, const char *p, size_t n, uint64_t off)
{
    const dcc_validator *v = s->v;
    const char *end = p + n;
    size_t cap = 0;
    s->rec_off = off;
    s->aborted = false;
    s->csv_have_header = true;
    s->csv_headers++;
    if (rt_utf8_valid_prefix((const unsigned char *)p, n) != n)
        rt_emit_header(s, DCC_RULE_UTF8, "", "invalid UTF-8 in the header row", p, n);
    bool more = true;
    while (more) {
        Cell c;
        if (!next_cell(s, &p, end, &c, &more)) {
            rt_emit_header(s, s->abort_rule, "", s->abort_msg, NULL, 0);
            s->aborted = false;
            header_unusable(s);
            return;
        }
        if (s->ncols == v->desc->nfields + RT_CSV_MAX_EXTRA_COLUMNS) {
            char msg[96];
            snprintf(msg, sizeof msg, "more than %zu columns in the header (the declared fields and 65536 more)",
                     s->ncols);
            rt_emit_header(s, DCC_RULE_MALFORMED, "", msg, NULL, 0);
            header_unusable(s);
            return;
        }
        if (s->ncols == cap) {
            size_t nc = cap ? cap * 2 : 16;
            int32_t *cf = realloc(s->col_field, nc * sizeof *cf);
            if (cf)
                s->col_field = cf;
            char **cn = realloc(s->col_name, nc * sizeof *cn);
            if (cn)
                s->col_name = cn;
            if (!cf || !cn) {
                rt_oom(s);
                return;
            }
            cap = nc;
        }
        /* The name as it reads (quotes undoubled), matched against the fields; kept escaped,
         * since it reaches paths and reports (a newline, an ESC or byte 0xFF in it must not) */
        const char *raw = c.p;
        size_t nl = c.n;
        char *un = NULL;
        if (c.dq) {
            if (!(un = malloc(c.n + 1))) {
                rt_oom(s);
                return;
            }
            nl = rt_csv_unescape(c.p, c.n, un);
            raw = un;
        }
        int32_t f = rt_field_find(&v->root, raw, nl);
        char esc[RT_PATH_MAX / 2 + 8];
        size_t el = rt_escape(esc, RT_PATH_MAX / 2, raw, nl);
        free(un);
        char *name = malloc(el + 1);
        if (name)
            memcpy(name, esc, el + 1);
        if (!name) {
            rt_oom(s);
            return;
        }
        if (f >= 0 && s->field_has_col[f]) {
            rt_emit_header(s, DCC_RULE_MALFORMED, name, "column named twice in the header; the later one is ignored",
                           c.p, c.n);
            f = -2; /* ignored: neither validated nor unknown */
        } else if (f >= 0) {
            s->field_has_col[f] = true;
        }
        s->col_field[s->ncols] = f;
        s->col_name[s->ncols] = name;
        s->ncols++;
    }
}

static void json_cell(dcc_stream *s, const CField *cf, const Cell *c)
{
    const char *t = c->p;
    size_t n = c->n;
    if (c->dq) {
        if (rt_json_field_dq(s, cf, c->p, c->n)) /* read in place: nothing found */
            return;
        if (!rt_grow(&s->cbuf, &s->cbuf_cap, c->n + 1)) {
            rt_oom(s);
            return;
        }
        n = rt_csv_unescape(c->p, c->n, s->cbuf);
        t = s->cbuf;
    }
    rt_json_field(s, cf, t, n);
}

/* The code points of a quoted cell with doubled quotes, as it reads (one for each pair): the
 * UTF-8 continuation bytes and the quotes counted in one pass, a word at a time. */
static size_t dq_cps(const char *p, size_t n)
{
    size_t cont = 0, quotes = 0, i = 0;
#if RT_SWAR
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        uint64_t c = w & ~(w << 1) & RT_HIGHS; /* bit 7 set, bit 6 clear */
        uint64_t q = rt_swar_in(w, '"', '"');  /* exact for every byte */
        cont += rt_swar_count(c);
        quotes += rt_swar_count(q);
    }
#endif
    for (; i < n; i++) {
        cont += ((unsigned char)p[i] & 0xC0) == 0x80;
        quotes += p[i] == '"';
    }
    return n - cont - quotes / 2;
}

/* Validates cell j of a row that ends at row_end (the cell lies before it: a number may be read
 * up to there a word at a time, and is taken only when it ends where the cell does). */
static void cell(dcc_stream *s, size_t j, const Cell *c, const char *row_end)
{
    const dcc_validator *v = s->v;
    int32_t f = s->col_field[j];
    if (f == -2)
        return;
    if (f < 0) {
        if (!v->desc->allow_unknown_fields && (c->n > 0 || c->quoted)) {
            s->prefix = NULL;
            s->cur_top = -1;
            rt_violation(s, DCC_RULE_UNKNOWN_FIELD, s->col_name[j], c->p, c->n,
                         "column not declared by the contract");
        }
        return;
    }
    const CField *cf = &v->root.fields[f];
    s->prefix = cf->d->name;
    s->cur_top = f;
    s->depth = 0;
    if (!c->quoted && c->n == 0) {
        s->top_state[f] = TOP_NULL;
        if (!cf->d->default_value) /* the default fills an empty cell */
            rt_check_scalar(s, cf, NULL);
        return;
    }
    s->top_state[f] = TOP_PRESENT;
    if (cf->kind == DCC_LIST || cf->kind == DCC_MAP || cf->kind == DCC_STRUCT || cf->kind == DCC_JSON) {
        json_cell(s, cf, c);
        return;
    }
    Val *val = &s->top_val[f]; /* built where the key checks read it */
    val->t = V_STR;
    val->enc = c->dq ? ENC_CSV : ENC_RAW;
    val->raw = c->p;
    val->len = c->n;
    val->b = false;
    val->cps = 0;
    /* the fast paths, each for its kinds (rt_fast_text is false for numbers, fast_num only
     * set on numbers): one of the two is tried */
    if (cf->fast_num) {
        if (!c->dq && rt_num_fast(cf, c->p, row_end, &val->num) == c->p + c->n) {
            val->t = V_NUM;
            goto checked;
        }
    } else if (!c->dq && rt_fast_text(cf, c->p, c->n)) { /* valid as it stands (ASCII): no checks */
        val->cps = c->n;
        goto checked;
    }
    if (cf->kind >= DCC_INT8 && cf->kind <= DCC_DECIMAL && !c->dq && rt_num_parse(c->p, c->n, &val->num)) {
        val->t = V_NUM;
    } else if (cf->kind == DCC_BOOLEAN && ((c->n == 4 && memcmp(c->p, "true", 4) == 0) ||
                                           (c->n == 5 && memcmp(c->p, "false", 5) == 0))) {
        val->t = V_BOOL;
        val->b = c->n == 4;
    } else {
        val->cps = !c->dq ? (s->csv_ascii ? c->n : rt_utf8_count((const unsigned char *)c->p, c->n))
                          : dq_cps(c->p, c->n);
        if (!c->dq && rt_string_ok(cf, c->p, c->n, val->cps))
            goto checked;
    }
    rt_check_scalar(s, cf, val);
checked:
    if (v->early_key[f] >= 0)
        rt_key_early(s, (size_t)f);
}

/* ---- rows: split in one pass, then validated cell by cell ------------------------------------ */

const char *rt_csv_find_end(int *state, char d, const char *p, const char *end)
{
    int st = *state;
    while (p < end) {
        if (st == CS_Q) {
            const char *q = rt_find1(p, end, '"');
            if (q == end) {
                p = end;
                break;
            }
            p = q + 1;
            st = CS_QQ;
            continue;
        }
        char c = *p;
        if (st == CS_QQ && c == '"') { /* the second quote of a doubled pair */
            st = CS_Q;
            p++;
            continue;
        }
        if (c == '\n' || c == '\r') {
            *state = CS_START;
            return p;
        }
        p++;
        if (c == d) {
            st = CS_START;
            continue;
        }
        if (st == CS_START && c == '"') {
            st = CS_Q;
            continue;
        }
        /* in an unquoted cell only a delimiter or a line end matters: skip to the next one */
        st = CS_UNQ;
        p = rt_find3(p, end, d, '\n', '\r');
    }
    *state = st;
    return NULL;
}

enum { SPLIT_UNTERMINATED = 1, SPLIT_AFTER_QUOTE, SPLIT_QUOTE_INSIDE };
/* Where a row's first byte >= 0x80 is, when its splitter did not find out: row() looks. */
#define ASCII_UNKNOWN SIZE_MAX

/* How a row split: cells in s->cells (the first ncols + 1 of them; splitting stops there, since
 * the row is then reported as having too many), and its first malformed cell, if any. */
typedef struct {
    size_t ncells;
    size_t err_cell; /* index of the malformed cell, SIZE_MAX when none */
    int err;         /* SPLIT_* */
    const char *err_at;
} Split;

/* Notes the next cell as malformed; returns end. */
static const char *malformed(Split *sp, int err, const char *at, const char *end)
{
    sp->err = err;
    sp->err_cell = sp->ncells;
    sp->err_at = at;
    return end;
}

/* The first delimiter, quote, CR or LF in [p, end), or end: rt_find4 with three terms a word,
 * the two line ends found among the bytes below 0x0E (any other such byte found is passed). */
static inline const char *find_cell_end(const char *p, const char *end, char d)
{
#if RT_SWAR
    while (end - p >= 8) {
        uint64_t w;
        memcpy(&w, p, 8);
        uint64_t m = rt_swar_eq(w, (unsigned char)d) | rt_swar_eq(w, '"') |
                     ((w - RT_ONES * 0x0E) & ~w & RT_HIGHS);
        if (!m) {
            p += 8;
            continue;
        }
        const char *q = p + (__builtin_ctzll(m) >> 3);
        if (*q == d || *q == '"' || *q == '\n' || *q == '\r')
            return q;
        p = q + 1;
    }
#endif
    while (p < end && *p != d && *p != '"' && *p != '\n' && *p != '\r')
        p++;
    return p;
}

/* The rest of a quoted cell with doubled quotes, q at the first pair: finds the closing quote
 * (one not followed by another) as the splitter's quote-by-quote search would, returning it, or
 * end when there is none. Nothing is copied: a JSON cell is read with its quotes doubled
 * (rt_json_field_dq). Eight bytes at a time while no quote is among them. */
static const char *dq_cell(const char *q, const char *end)
{
    const char *p = q + 2;
    for (;;) {
#if RT_SWAR
        if (end - p >= 8) {
            uint64_t w;
            memcpy(&w, p, 8);
            uint64_t m = rt_swar_eq(w, '"');
            if (!m) {
                p += 8;
                continue;
            }
            p += (size_t)__builtin_ctzll(m) >> 3;
        } else
#endif
        {
            while (p < end && *p != '"')
                p++;
            if (p == end)
                return end;
        }
        /* p is at a quote */
        if (p + 1 < end && p[1] == '"') {
            p += 2;
            continue;
        }
        return p;
    }
}

/* Splits the row at p as next_cell would, cell after cell. bounded: [p, end) is the whole row
 * (line ends are data); returns end. Otherwise the row ends at the first CR or LF outside quotes
 * (where rt_csv_find_end from CS_START ends it), which is returned, or NULL when that is not in
 * [p, end). The delimiter is not '"', CR or LF (the one place both splitters disagree). */
static const char *split_row(dcc_stream *s, const char *p, const char *end, bool bounded, Split *sp)
{
    char d = s->o.csv_delimiter;
    size_t cap = s->ncols + 1;
    int st;
    sp->ncells = 0;
    sp->err_cell = SIZE_MAX;
    for (;;) {
        /* built in place: counted only once complete (cells_room leaves ncols + 1 slots) */
        Cell *c = &s->cells[sp->ncells];
        const char *q;
        c->dq = false;
        if (p < end && *p == '"') {
            const char *open = p;
            c->quoted = true;
            c->p = ++p;
            q = rt_find1(p, end, '"');
            if (q + 1 < end && q[1] == '"') {
                c->dq = true;
                q = dq_cell(q, end);
            }
            if (q == end) {
                if (!bounded)
                    return NULL;
                return malformed(sp, SPLIT_UNTERMINATED, open, end);
            }
            if (q + 1 == end && !bounded) /* a doubled quote may follow in the next chunk */
                return NULL;
            c->n = (size_t)(q - c->p);
            p = q + 1;
            if (p < end && *p != d && (bounded || (*p != '\n' && *p != '\r'))) {
                malformed(sp, SPLIT_AFTER_QUOTE, open, end);
                if (bounded)
                    return end;
                st = CS_QQ;
                return rt_csv_find_end(&st, d, p, end);
            }
        } else {
            c->quoted = false;
            c->p = p;
            q = bounded ? rt_find3(p, end, d, '"', d) : find_cell_end(p, end, d);
            if (q < end && *q == '"' && d != '"') {
                malformed(sp, SPLIT_QUOTE_INSIDE, c->p, end);
                if (bounded)
                    return end;
                st = CS_UNQ;
                return rt_csv_find_end(&st, d, q, end);
            }
            if (q == end && !bounded)
                return NULL;
            c->n = (size_t)(q - p);
            p = q;
        }
        sp->ncells++;
        if (p == end)
            return end; /* bounded: the last cell */
        if (!bounded && *p != d)
            return p; /* the line end */
        p++;
        if (sp->ncells == cap) { /* one more than the columns: the rest does not matter */
            if (bounded)
                return end;
            st = CS_START;
            return rt_csv_find_end(&st, d, p, end);
        }
    }
}

/* ---- the fast splitter: a row as bit masks, 64 bytes at a time ------------------------------
 *
 * split_row walks a row quote by quote; for the benchmark's rows (a JSON cell of ~18 doubled
 * quotes) that was a quarter of all time. Here each 64-byte block becomes masks (bit i for byte
 * i), and inside-quotes is the running XOR of the quote bits, so a block costs the same whatever
 * it holds. This only decides well-formed rows that end in the chunk with at most ncols + 1
 * cells; anything else (a quote out of place, no line end, too many cells) returns NULL and
 * split_row, the definition, decides it with its wording and offsets. */

/* The masks of one block of a row. */
typedef struct {
    uint64_t quote; /* '"' */
    uint64_t sep;   /* the delimiter, CR or LF: where a cell ends, outside quotes */
    uint64_t high;  /* bytes >= 0x80 (for the row's all-ASCII flag) */
} Block;

#if defined(__SSE2__)
/* 16 lanes a compare; pmovmskb gives the high bits (the `high` mask) for free. Written out four
 * times: gcc at -O2 keeps a loop of four, whose counter and shifts cost as much as the compares. */
#define LANES(k)                                                                                   \
    do {                                                                                           \
        __m128i x = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * (k)));               \
        __m128i e = _mm_or_si128(_mm_cmpeq_epi8(x, vd),                                            \
                                 _mm_or_si128(_mm_cmpeq_epi8(x, vcr), _mm_cmpeq_epi8(x, vlf)));    \
        q |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, vq)) << (16 * (k));          \
        sep |= (uint64_t)(unsigned)_mm_movemask_epi8(e) << (16 * (k));                            \
        high |= (uint64_t)(unsigned)_mm_movemask_epi8(x) << (16 * (k));                           \
    } while (0)
static inline void block_masks(const char *p, char d, Block *b)
{
    const __m128i vq = _mm_set1_epi8('"'), vd = _mm_set1_epi8(d);
    const __m128i vcr = _mm_set1_epi8('\r'), vlf = _mm_set1_epi8('\n');
    uint64_t q = 0, sep = 0, high = 0;
    LANES(0);
    LANES(1);
    LANES(2);
    LANES(3);
    b->quote = q;
    b->sep = sep;
    b->high = high;
}
#undef LANES
#else
static inline void block_masks(const char *p, char d, Block *b)
{
    uint64_t q = 0, sep = 0, high = 0;
    for (int i = 0; i < 64; i++) {
        char c = p[i];
        q |= (uint64_t)(c == '"') << i;
        sep |= (uint64_t)(c == d || c == '\r' || c == '\n') << i;
        high |= (uint64_t)((unsigned char)c >> 7) << i;
    }
    b->quote = q;
    b->sep = sep;
    b->high = high;
}
#endif

/* Bit i of the result: the XOR of bits 0..i of x (after byte i, inside quotes or not). */
static inline uint64_t prefix_xor(uint64_t x)
{
    x ^= x << 1;
    x ^= x << 2;
    x ^= x << 4;
    x ^= x << 8;
    x ^= x << 16;
    x ^= x << 32;
    return x;
}

/* Whether one of the bytes of b that bits flags is a line end, not the delimiter d. */
static inline bool line_end_among(const char *b, uint64_t bits, char d)
{
    for (; bits; bits &= bits - 1)
        if (b[__builtin_ctzll(bits)] != d)
            return true;
    return false;
}

/* Bits below i (i <= 63). */
#define BELOW(i) ((1ull << (i)) - 1)

/* Splits the row at p as split_row(s, p, end, false, sp) would and returns its line end, with
 * *ascii_to (the offset of its first byte >= 0x80, its length when there is none) and *one_line
 * (no CR or LF inside quotes, so the terminator is the row's only line end: the caller counts
 * lines without reading the row again); or NULL, deciding nothing (split_row then does). The
 * delimiter is not '"', CR or LF. What makes a row well-formed, with `open` the quotes after which one is inside quotes and
 * `close` the others: an opening quote starts a cell or follows a closing quote (the second of a
 * doubled pair); a closing quote is followed by a quote (the pair), a delimiter or a line end.
 * Then a cell is quoted exactly when its first byte is a quote, its closing quote is its last
 * byte, and its doubled pairs are the opening quotes after a quote. */
static const char *split_fast(dcc_stream *s, const char *p, const char *end, Split *sp, size_t *ascii_to,
                              bool *one_line)
{
    const char d = s->o.csv_delimiter;
    const size_t cap = s->ncols + 1;
    Cell *cells = s->cells;
    size_t ncells = 0;
    const char *cs = p;        /* where the current cell starts */
    bool cell_dq = false;      /* a doubled pair in the current cell, in earlier blocks */
    uint64_t in_carry = 0;     /* inside quotes after the previous block: 0 or ~0 */
    uint64_t prev_q = 0;       /* bit 0: the previous block's last byte was a quote */
    uint64_t prev_sep = 1;     /* bit 0: ... a separator; the row start counts as one */
    uint64_t pend_close = 0;   /* bit 0: ... a closing quote, whose follower is checked here */
    size_t hi_at = SIZE_MAX; /* the first byte >= 0x80 */
    bool nl_inside = false; /* a CR or LF inside quotes */
    const size_t len = (size_t)(end - p);
    for (size_t off = 0; off < len; off += 64) {
        const char *b = p + off;
        /* the chunk's last bytes are read from a padded copy, the padding masked off (one call
         * of block_masks, which gcc then inlines) */
        char tmp[64];
        const char *src = b;
        if (len - off < 64) {
            memset(tmp, 0, sizeof tmp);
            memcpy(tmp, b, len - off);
            src = tmp;
        }
        Block m;
        block_masks(src, d, &m);
        if (src == tmp) {
            uint64_t valid = BELOW(len - off);
            m.quote &= valid;
            m.sep &= valid;
            m.high &= valid;
        }
        uint64_t in = prefix_xor(m.quote) ^ in_carry;
        uint64_t open = m.quote & in, close = m.quote & ~in;
        uint64_t after_q = m.quote << 1 | prev_q, after_sep = m.sep << 1 | prev_sep;
        /* A closing quote in bit 63 is checked against the next block's first byte (pend_close).
         * One as the chunk's last byte is flagged, but that does not matter: no line end follows
         * it in the chunk, so the row does not end here and NULL is returned anyway. */
        uint64_t err = (open & ~(after_q | after_sep)) | (close & ~((m.quote | m.sep) >> 1) & BELOW(63)) |
                       (pend_close & ~(m.quote | m.sep) & 1);
        uint64_t reopen = open & after_q; /* the second quote of each doubled pair */
        uint64_t cuts = m.sep & ~in;
        uint64_t sep_in = m.sep & in; /* delimiters and line ends inside quotes (few) */
        while (cuts) {
            int i = __builtin_ctzll(cuts);
            const char *at = b + i;
            if (ncells == cap)
                return NULL; /* more cells than split_row keeps: it words that */
            Cell *c = &cells[ncells++];
            if (*cs == '"') {
                c->quoted = true;
                c->p = cs + 1;
                c->n = (size_t)(at - cs) - 2;
                c->dq = cell_dq || (reopen & BELOW(i)) != 0;
            } else { /* no quote inside, or err would have it */
                c->quoted = false;
                c->p = cs;
                c->n = (size_t)(at - cs);
                c->dq = false;
            }
            if (*at != d) { /* a cut is the delimiter, CR or LF */
                if (err & BELOW(i)) /* what follows the line end is the next row's */
                    return NULL;
                uint64_t high = m.high & BELOW(i);
                if (hi_at == SIZE_MAX)
                    hi_at = high ? off + (size_t)__builtin_ctzll(high) : (size_t)(at - p);
                sp->ncells = ncells;
                sp->err_cell = SIZE_MAX;
                *ascii_to = hi_at;
                *one_line = !nl_inside && !line_end_among(b, sep_in & BELOW(i), d);
                return at;
            }
            cell_dq = false;
            cs = at + 1;
            reopen &= ~0ull << i; /* the next cell's pairs (bit i is the delimiter) */
            cuts &= cuts - 1;
        }
        if (err)
            return NULL;
        nl_inside = nl_inside || line_end_among(b, sep_in, d);
        cell_dq |= reopen != 0;
        if (hi_at == SIZE_MAX && m.high)
            hi_at = off + (size_t)__builtin_ctzll(m.high);
        in_carry = (uint64_t)0 - (in >> 63);
        prev_q = m.quote >> 63;
        prev_sep = m.sep >> 63;
        pend_close = close >> 63;
    }
    return NULL;
}
#undef BELOW

static bool all_ascii(const char *p, size_t n)
{
    uint64_t acc = 0, acc2 = 0;
    size_t i = 0;
    for (; i + 16 <= n; i += 16) { /* two words an iteration, independently */
        uint64_t w, w2;
        memcpy(&w, p + i, 8);
        memcpy(&w2, p + i + 8, 8);
        acc |= w;
        acc2 |= w2;
    }
    acc |= acc2;
    for (; i + 8 <= n; i += 8) {
        uint64_t w;
        memcpy(&w, p + i, 8);
        acc |= w;
    }
    unsigned char tail = 0;
    for (; i < n; i++)
        tail |= (unsigned char)p[i];
    return ((acc & RT_HIGHS) | (tail & 0x80)) == 0;
}

/* Validates a split row [p, end) at stream offset off; ascii_to: the offset of its first byte
 * >= 0x80 (end - p when there is none), when the splitter already knows (ASCII_UNKNOWN
 * otherwise), since UTF-8 validity is checked from there on; in_place: [p, end) lies in the
 * chunk being fed (not in a record assembled across chunks), so its key may be deferred. */
static void row(dcc_stream *s, const char *p, const char *end, uint64_t off, const Split *sp,
                size_t ascii_to, bool in_place)
{
    const dcc_validator *v = s->v;
    size_t n = (size_t)(end - p);
    rt_record_begin(s, off);
    s->rec_bytes = n;
    if (ascii_to == ASCII_UNKNOWN)
        ascii_to = all_ascii(p, n) ? n : 0;
    s->csv_ascii = ascii_to >= n;
    if (!s->csv_ascii) {
        size_t at = ascii_to + rt_utf8_valid_prefix((const unsigned char *)p + ascii_to, n - ascii_to);
        if (at != n) {
            rt_abort(s, DCC_RULE_UTF8, p + at, n - at, "invalid UTF-8");
            rt_record_end(s);
            return;
        }
    }
    /* The cells before the first one that is malformed, extra or missing are validated in a
     * plain loop; then what the first of those means, in the order split_row's cells come. */
    size_t lim = sp->ncells < s->ncols ? sp->ncells : s->ncols;
    if (sp->err_cell < lim)
        lim = sp->err_cell;
    size_t j = 0;
    for (; j < lim && !s->aborted && !s->failed; j++)
        cell(s, j, &s->cells[j], end);
    if (j == lim && !s->aborted && !s->failed) {
        if (j == sp->err_cell) {
            const char *at = sp->err_at;
            rt_abort(s, DCC_RULE_MALFORMED, at, (size_t)(end - at), "%s",
                     sp->err == SPLIT_UNTERMINATED ? "unterminated quoted cell"
                     : sp->err == SPLIT_AFTER_QUOTE
                         ? "text after the closing quote of a cell"
                         : "a quote inside an unquoted cell (quote the whole cell and double the quote)");
        } else if (j < sp->ncells) { /* j == ncols */
            const Cell *c = &s->cells[j];
            rt_abort(s, DCC_RULE_MALFORMED, c->p, (size_t)(end - c->p),
                     "row has more cells than the %zu columns", s->ncols);
        }
    }
    if (!s->aborted && j < s->ncols)
        rt_abort(s, DCC_RULE_MALFORMED, NULL, 0, "row has %zu cells, expected %zu", j, s->ncols);
    if (!s->aborted) {
        s->prefix = NULL;
        s->cur_top = -1;
        s->depth = 0;
        /* most headers name every field: one memchr instead of a test per field */
        size_t nf = v->desc->nfields;
        if (nf > 0 && memchr(s->field_has_col, false, nf))
            for (size_t i = 0; i < nf; i++)
                if (!s->field_has_col[i] && !v->root.fields[i].may_be_absent)
                    rt_violation(s, DCC_RULE_MISSING, v->desc->fields[i].name, NULL, 0,
                                 "required field absent (no column)");
    }
    if (in_place)
        rt_record_end_in_place(s);
    else
        rt_record_end(s);
}

static bool cells_room(dcc_stream *s)
{
    size_t need = s->ncols + 1;
    if (need <= s->cells_cap)
        return true;
    Cell *c = realloc(s->cells, need * sizeof *c);
    if (!c) {
        rt_oom(s);
        return false;
    }
    s->cells = c;
    s->cells_cap = need;
    return true;
}

const char *rt_csv_record_at(dcc_stream *s, const char *p, const char *end, bool *one_line)
{
    char d = s->o.csv_delimiter;
    if (d == '"' || d == '\n' || d == '\r' || !cells_room(s))
        return NULL;
    Split sp;
    size_t ascii_to = ASCII_UNKNOWN;
    *one_line = false;
    const char *e = split_fast(s, p, end, &sp, &ascii_to, one_line);
    if (!e)
        e = split_row(s, p, end, false, &sp);
    if (!e || (size_t)(e - p) > s->o.max_record_bytes)
        return NULL;
    if (e > p) /* an empty line is no record */
        row(s, p, e, s->offset, &sp, ascii_to, true);
    return e;
}

void rt_csv_record(dcc_stream *s, const char *p, size_t n, uint64_t off)
{
    if (!s->csv_have_header) {
        header(s, p, n, off);
        return;
    }
    if (!cells_room(s))
        return;
    Split sp;
    split_row(s, p, p + n, true, &sp);
    row(s, p, p + n, off, &sp, ASCII_UNKNOWN, false);
}
