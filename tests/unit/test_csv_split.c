/* test_csv_split.c - the CSV fast splitter (64-byte quote masks, csv.c split_fast) finds what the
 * quote-by-quote splitter finds, for random rows of every kind of damage and every chunking.
 *
 * A row wholly inside a chunk goes through the fast splitter (falling back to split_row when it
 * declines); fed one byte at a time every row spans chunks and is split by split_row alone, the
 * definition. So the same input fed whole, byte by byte and in random chunks must give the same
 * report, line for line, and the same counters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "dcc_rt.h"
#include "stream_helpers.h"

typedef struct {
    uint64_t state;
} Rng;

static uint64_t rnd(Rng *r)
{
    r->state ^= r->state >> 12;
    r->state ^= r->state << 25;
    r->state ^= r->state >> 27;
    return r->state * 2685821657736338717ull;
}

static size_t below(Rng *r, size_t n)
{
    return (size_t)(rnd(r) % n);
}

typedef struct {
    char *p;
    size_t n, cap;
} Buf;

static void put(Buf *b, const char *s, size_t n)
{
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->p = realloc(b->p, b->cap);
        assert_non_null(b->p);
    }
    memcpy(b->p + b->n, s, n);
    b->n += n;
    b->p[b->n] = '\0';
}

static void puts_(Buf *b, const char *s)
{
    put(b, s, strlen(s));
}

static void on_line(void *ud, const dcc_violation *v)
{
    char line[1024];
    int k = snprintf(line, sizeof line, "%llu@%llu %s %s: %s [%s]\n", (unsigned long long)v->record,
                     (unsigned long long)v->byte_offset, v->field_path, dcc_rule_code(v->rule),
                     v->message, v->excerpt);
    assert_true(k > 0 && (size_t)k < sizeof line);
    put(ud, line, (size_t)k);
}

/* The report of `in` fed in chunks: chunk 0 means random sizes from 1 to 150. */
static char *run(const dcc_validator *v, char delim, const char *in, size_t n, size_t chunk, Rng *r)
{
    Buf out = {0};
    puts_(&out, "");
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.format = DCC_FORMAT_CSV, .csv_delimiter = delim,
                                                     .skip_quality = true},
                                on_line, &out);
    for (size_t i = 0; i < n;) {
        size_t k = chunk ? chunk : 1 + below(r, 150);
        if (k > n - i)
            k = n - i;
        assert_int_equal(dcc_stream_feed(s, in + i, k), 0);
        i += k;
    }
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_stats st = test_stats(s);
    char line[160];
    snprintf(line, sizeof line, "records %llu valid %llu invalid %llu violations %llu\n",
             (unsigned long long)st.records, (unsigned long long)st.valid, (unsigned long long)st.invalid,
             (unsigned long long)st.violations);
    puts_(&out, line);
    dcc_stream_free(s);
    return out.p;
}

/* Bytes cells are made of: the ones that matter to a splitter (quote, delimiters, line ends),
 * non-ASCII (valid and not), and plain text. */
static const char alphabet[] = "\"\",;\t|\n\r abcxyz019-.:\xc3\xa9\x80\xff{}[]";

static void random_text(Rng *r, Buf *b, size_t n)
{
    for (size_t i = 0; i < n; i++)
        put(b, &alphabet[below(r, sizeof alphabet - 1)], 1);
}

/* Text without quotes, delimiters or line ends (an unquoted cell that is well-formed). */
static void plain_text(Rng *r, Buf *b, size_t n, char delim)
{
    static const char plain[] = "abcxyz019-.: {}[]\xc3\xa9";
    for (size_t i = 0; i < n; i++) {
        char c = plain[below(r, sizeof plain - 1)];
        put(b, c == delim ? "x" : &c, 1);
    }
}

/* Contents of a quoted cell, every quote doubled: long enough to span 64-byte blocks. */
static void quoted_text(Rng *r, Buf *b, size_t n)
{
    puts_(b, "\"");
    for (size_t i = 0; i < n; i++) {
        char c = alphabet[below(r, sizeof alphabet - 1)];
        put(b, c == '"' ? "\"\"" : &c, c == '"' ? 2 : 1);
    }
    puts_(b, "\"");
}

/* A JSON list of items as a quoted cell: quotes doubled, sometimes a broken value. */
static void json_cell(Rng *r, Buf *b)
{
    puts_(b, "\"[");
    size_t items = below(r, 6);
    for (size_t i = 0; i < items; i++) {
        char item[96];
        snprintf(item, sizeof item, "%s{\"\"k\"\":\"\"%.*s\"\",\"\"q\"\":%d}", i ? "," : "",
                 (int)below(r, 5), "abcd\xc3\xa9", (int)below(r, 120) - 10);
        puts_(b, item);
    }
    puts_(b, "]\"");
}

static void random_cell(Rng *r, Buf *b, size_t col, char delim)
{
    static const char *const uuids[] = {"0d83b3e2-9a21-487a-94c4-4c79f1fe9d67",
                                        "849d9d80-831e-42d9-a2c9-ab92ef636718", "not-a-uuid"};
    static const char *const nums[] = {"0", "42", "99", "100", "-1", "1e2", "3.5", "x", "007"};
    static const char *const enums[] = {"red", "green", "blue", "Red", ""};
    switch (below(r, 12)) {
    case 0:
        break; /* empty: null */
    case 1:
        puts_(b, "\"\""); /* the empty string */
        break;
    case 2:
        random_text(r, b, below(r, 90));
        break;
    case 3:
        quoted_text(r, b, below(r, 200));
        break;
    case 4:
        plain_text(r, b, below(r, 100), delim);
        break;
    default: /* a value of the column's kind, quoted or not */
        switch (col) {
        case 0:
            puts_(b, uuids[below(r, 3)]);
            break;
        case 1:
            puts_(b, nums[below(r, 9)]);
            break;
        case 3:
            json_cell(r, b);
            return;
        case 4:
            puts_(b, enums[below(r, 5)]);
            break;
        default:
            if (below(r, 2))
                quoted_text(r, b, below(r, 12));
            else
                plain_text(r, b, below(r, 12), delim);
            break;
        }
    }
}

static void random_input(Rng *r, Buf *b, char delim, const char *const *cols, size_t ncols)
{
    static const char *const eols[] = {"\n", "\r\n", "\r"};
    const char *eol = eols[below(r, 3)];
    char d[2] = {delim, 0};
    for (size_t c = 0; c < ncols; c++) {
        if (c)
            puts_(b, d);
        puts_(b, cols[c]);
    }
    puts_(b, eol);
    size_t rows = 1 + below(r, 8);
    for (size_t i = 0; i < rows; i++) {
        size_t row_start = b->n;
        /* mostly as many cells as columns; sometimes fewer or more */
        size_t cells = below(r, 4) ? ncols : below(r, ncols + 4);
        for (size_t c = 0; c < cells; c++) {
            if (c)
                puts_(b, d);
            random_cell(r, b, c, delim);
        }
        if (below(r, 4) == 0 && b->n > row_start) { /* damage: a byte replaced */
            size_t at = row_start + below(r, b->n - row_start);
            b->p[at] = alphabet[below(r, sizeof alphabet - 1)];
        }
        if (below(r, 10) == 0)
            puts_(b, eol); /* an empty line */
        if (i + 1 < rows || below(r, 3))
            puts_(b, below(r, 8) ? eol : eols[below(r, 3)]);
    }
}

static void test_fast_split_agrees(void **state)
{
    (void)state;
    static const dcc_field_desc item[] = {
        {.name = "k", .kind = DCC_STRING, .max_length = 3},
        {.name = "q", .kind = DCC_INT32, .range_lo = "0", .range_hi = "99"},
    };
    static const dcc_field_desc elem = {.kind = DCC_STRUCT, .fields = item, .nfields = 2};
    static const char *const colors[] = {"red", "green", "blue"};
    static const dcc_field_desc f[] = {
        {.name = "id", .kind = DCC_UUID},
        {.name = "n", .kind = DCC_INT32, .range_lo = "0", .range_hi = "99"},
        {.name = "s", .kind = DCC_STRING, .max_length = 5, .optional = true},
        {.name = "l", .kind = DCC_LIST, .elem = &elem, .optional = true},
        {.name = "e", .kind = DCC_ENUM, .enum_values = colors, .nenum_values = 3},
        {.name = "t", .kind = DCC_STRING, .optional = true},
    };
    static const size_t pkf[] = {0};
    static const dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 6, .primary_key = pkf,
                                        .nprimary_key = 1};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    /* headers: all columns; an undeclared one; a missing one; a column named twice */
    static const char *const h0[] = {"id", "n", "s", "l", "e", "t"};
    static const char *const h1[] = {"id", "n", "s", "l", "e", "t", "extra"};
    static const char *const h2[] = {"id", "n", "s", "l", "e"};
    static const char *const h3[] = {"id", "n", "s", "l", "e", "n", "t"};
    static const char *const *const heads[] = {h0, h1, h2, h3};
    static const size_t nheads[] = {6, 7, 5, 7};
    static const char delims[] = ",;\t|";
    Rng r = {0x2545F4914F6CDD1Dull};
    size_t differ = 0;
    for (int round = 0; round < 4000; round++) {
        Buf in = {0};
        char delim = delims[below(&r, 4)];
        size_t h = below(&r, 4);
        random_input(&r, &in, delim, heads[h], nheads[h]);
        char *plain = run(v, delim, in.p, in.n, 1, &r);
        char *whole = run(v, delim, in.p, in.n, in.n, &r);
        char *bits = run(v, delim, in.p, in.n, 0, &r);
        if (strcmp(plain, whole) != 0 || strcmp(plain, bits) != 0) {
            differ++;
            print_error("round %d, delimiter 0x%02x, input:\n%s\nbyte by byte:\n%s\nwhole:\n%s\nrandom chunks:\n%s\n",
                        round, (unsigned)delim, in.p, plain, whole, bits);
        }
        free(plain);
        free(whole);
        free(bits);
        free(in.p);
        if (differ >= 3)
            break;
    }
    assert_int_equal(differ, 0);
    dcc_validator_free(v);
}

/* Rows long enough for several 64-byte blocks, each boundary case of a block placed at every
 * offset: a quote pair split across blocks, a closing quote as a block's last byte, a row end as
 * a block's first byte, a stray quote in an unquoted cell, and the chunk ending right after a
 * closing quote (the next chunk may double it). */
static void test_block_edges(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {
        {.name = "a", .kind = DCC_STRING, .optional = true},
        {.name = "b", .kind = DCC_STRING, .max_length = 300, .optional = true},
    };
    static const dcc_field_desc elem = {.kind = DCC_STRING};
    static const dcc_field_desc g[] = {
        {.name = "a", .kind = DCC_STRING, .optional = true},
        {.name = "b", .kind = DCC_LIST, .elem = &elem, .optional = true},
    };
    static const dcc_dataset_desc ds[] = {{.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 2},
                                          {.abi = DCC_ABI_TAG, .name = "t", .fields = g, .nfields = 2}};
    /* each row: `lead` bytes, then one of these with `mid` inserted at the '#' */
    static const char *const tails[] = {
        ",\"#\"\"x\"", ",\"#\"",      ",\"#\"\"\"",  ",\"#\"y",    ",\"#\"\"\"\"z\"", ",\"#\",",
        ",\"#\"\r\n",  "\",x#",      ",#\"z",      ",\"[\"\"#\"\"]\"", ",\"[\"\"#\"\",\"\"\\\"\"\"]\"",
    };
    Rng r = {99};
    for (size_t set = 0; set < 2; set++) {
        dcc_validator *v = dcc_validator_new(&ds[set], NULL);
        assert_non_null(v);
        for (size_t lead = 0; lead < 140; lead++)
            for (size_t t = 0; t < sizeof tails / sizeof tails[0]; t++) {
                Buf in = {0};
                puts_(&in, "a,b\n");
                for (int k = 0; k < 2; k++) { /* the second row starts at another block offset */
                    for (size_t i = 0; i < lead; i++)
                        puts_(&in, i % 7 == 3 ? "\xc3\xa9" : "w");
                    for (const char *c = tails[t]; *c; c++) {
                        if (*c != '#') {
                            put(&in, c, 1);
                            continue;
                        }
                        for (size_t i = 0; i < (lead * 5 + (size_t)k * 3) % 70; i++)
                            puts_(&in, "q");
                    }
                    puts_(&in, "\n");
                }
                char *plain = run(v, ',', in.p, in.n, 1, &r);
                for (size_t chunk = 61; chunk <= in.n; chunk += 17) {
                    char *other = run(v, ',', in.p, in.n, chunk, &r);
                    if (strcmp(plain, other) != 0)
                        fail_msg("lead %zu tail %zu chunk %zu:\n%s\nbyte by byte:\n%s\nchunked:\n%s", lead,
                                 t, chunk, in.p, plain, other);
                    free(other);
                }
                char *whole = run(v, ',', in.p, in.n, in.n, &r);
                if (strcmp(plain, whole) != 0)
                    fail_msg("lead %zu tail %zu:\n%s\nbyte by byte:\n%s\nwhole:\n%s", lead, t, in.p, plain,
                             whole);
                free(whole);
                free(plain);
                free(in.p);
            }
        dcc_validator_free(v);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fast_split_agrees),
        cmocka_unit_test(test_block_edges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
