/* csv.c - RFC 4180 rows: quoted cells, doubled quotes, a header naming the columns.
 *
 * Conventions (docs/validation.md): an empty unquoted cell is null, a quoted "" is the empty
 * string; booleans are true/false; numbers use the JSON grammar; list, map, struct and json
 * cells hold JSON text, validated by json.c; bytes are base64. A row with another number of cells
 * than the header is DV001; a non-empty cell of an undeclared column is DV003 (unless unknown
 * fields are allowed); a column missing for a required field is DV004 in every row. */
#include <stdlib.h>
#include <string.h>

#include "dcc_rt_internal.h"

typedef struct {
    const char *p;
    size_t n;
    bool quoted; /* p, n: the text between the quotes */
    bool dq;     /* contains doubled quotes */
} Cell;

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
            for (size_t i = 0; i < s->ncols; i++)
                free(s->col_name[i]);
            s->ncols = 0; /* every row will then be reported as malformed */
            memset(s->field_has_col, 0, v->desc->nfields * sizeof *s->field_has_col);
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
                s->failed = true;
                return;
            }
            cap = nc;
        }
        char *name = malloc(c.n + 1);
        if (!name) {
            s->failed = true;
            return;
        }
        size_t nl = c.dq ? rt_csv_unescape(c.p, c.n, name) : (memcpy(name, c.p, c.n), c.n);
        name[nl] = '\0';
        int32_t f = -1;
        for (size_t i = 0; i < v->desc->nfields; i++) {
            const char *fn = v->desc->fields[i].name;
            if (strlen(fn) == nl && memcmp(fn, name, nl) == 0) {
                f = (int32_t)i;
                break;
            }
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
        if (!rt_grow(&s->cbuf, &s->cbuf_cap, c->n + 1)) {
            s->failed = true;
            return;
        }
        n = rt_csv_unescape(c->p, c->n, s->cbuf);
        t = s->cbuf;
    }
    rt_json_field(s, cf, t, n);
}

static void cell(dcc_stream *s, size_t j, const Cell *c)
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
    Val val;
    val.t = V_STR;
    val.enc = c->dq ? ENC_CSV : ENC_RAW;
    val.raw = c->p;
    val.len = c->n;
    val.b = false;
    val.cps = 0;
    if (cf->kind >= DCC_INT8 && cf->kind <= DCC_DECIMAL && !c->dq && rt_num_parse(c->p, c->n, &val.num)) {
        val.t = V_NUM;
    } else if (cf->kind == DCC_BOOLEAN && ((c->n == 4 && memcmp(c->p, "true", 4) == 0) ||
                                           (c->n == 5 && memcmp(c->p, "false", 5) == 0))) {
        val.t = V_BOOL;
        val.b = c->n == 4;
    } else {
        size_t quotes = 0;
        if (c->dq)
            for (size_t i = 0; i < c->n; i++)
                quotes += c->p[i] == '"';
        val.cps = rt_utf8_count((const unsigned char *)c->p, c->n) - quotes / 2;
    }
    s->top_val[f] = val;
    rt_check_scalar(s, cf, &val);
    if (v->early_key[f] >= 0)
        rt_key_early(s, (size_t)f);
}

void rt_csv_record(dcc_stream *s, const char *p, size_t n, uint64_t off)
{
    if (!s->csv_have_header) {
        header(s, p, n, off);
        return;
    }
    const dcc_validator *v = s->v;
    rt_record_begin(s, off);
    const char *end = p + n;
    if (rt_utf8_valid_prefix((const unsigned char *)p, n) != n) {
        size_t at = rt_utf8_valid_prefix((const unsigned char *)p, n);
        rt_abort(s, DCC_RULE_UTF8, p + at, n - at, "invalid UTF-8");
        rt_record_end(s);
        return;
    }
    size_t j = 0;
    bool more = true;
    while (more && !s->aborted && !s->failed) {
        Cell c;
        if (!next_cell(s, &p, end, &c, &more))
            break;
        if (j >= s->ncols) {
            rt_abort(s, DCC_RULE_MALFORMED, c.p, (size_t)(end - c.p),
                     "row has more cells than the %zu columns", s->ncols);
            break;
        }
        cell(s, j, &c);
        j++;
    }
    if (!s->aborted && j < s->ncols)
        rt_abort(s, DCC_RULE_MALFORMED, NULL, 0, "row has %zu cells, expected %zu", j, s->ncols);
    if (!s->aborted) {
        s->prefix = NULL;
        s->cur_top = -1;
        s->depth = 0;
        for (size_t i = 0; i < v->desc->nfields; i++)
            if (!s->field_has_col[i] && !v->root.fields[i].may_be_absent)
                rt_violation(s, DCC_RULE_MISSING, v->desc->fields[i].name, NULL, 0,
                             "required field absent (no column)");
    }
    rt_record_end(s);
}
