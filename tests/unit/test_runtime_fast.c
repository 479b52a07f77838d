/* test_runtime_fast.c - the runtime's fast paths agree with their plain definitions: the
 * premultiplied DFA with dcc_dfa_search, the word-at-a-time scanners with byte loops, the
 * segmented key set with a set, and its memory per key stays within the documented bound. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "dcc_regex.h"
#include "dcc_rt_internal.h"
#include "stream_helpers.h"
#include "regex.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;
static uint64_t next_rand(void)
{
    rng ^= rng >> 12;
    rng ^= rng << 25;
    rng ^= rng >> 27;
    return rng * 2685821657736338717ull;
}

/* Runs rt_dfa_search on an exact-size heap copy of s[0..n), so that AddressSanitizer catches a
 * read past either end, and checks it against dcc_dfa_search. */
static void dfa_agree_on(const RtDfa *f, const dcc_dfa *d, const unsigned char *s, size_t n)
{
    unsigned char *c = malloc(n ? n : 1);
    assert_non_null(c);
    if (n)
        memcpy(c, s, n);
    int want = dcc_dfa_search(d, (const char *)c, n);
    if (rt_dfa_search(f, (const char *)c, n) != want) {
        fprintf(stderr, "kind %c, n %zu:", rt_dfa_kind(f), n);
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, " %02x", c[i]);
        fprintf(stderr, "\n");
        fail_msg("rt_dfa_search != dcc_dfa_search (%d expected)", want);
    }
    free(c);
}

/* An input that walks the automaton: mostly bytes that keep it alive (so long matches and
 * near-misses are common), sometimes a byte next to one that does (just outside a range) or
 * any byte. */
static void dfa_walk(const dcc_dfa *d, unsigned char *s, size_t n)
{
    uint32_t st = d->start;
    for (size_t i = 0; i < n; i++) {
        unsigned live[256], nlive = 0;
        for (unsigned b = 0; b < 256; b++)
            if (d->trans[(size_t)st * d->nclasses + d->byte_class[b]] != DCC_DFA_DEAD)
                live[nlive++] = b;
        unsigned r = (unsigned)(next_rand() % 16);
        unsigned b = (unsigned)(next_rand() % 256);
        if (nlive && r < 13)
            b = live[next_rand() % nlive];
        else if (nlive && r < 15)
            b = (live[next_rand() % nlive] + (r == 13 ? 1u : 255u)) & 0xFF;
        s[i] = (unsigned char)b;
        st = d->trans[(size_t)st * d->nclasses + d->byte_class[b]];
    }
}

/* Random and automaton-guided inputs of every length up to 80, and of L - 1, L, L + 1 for a
 * fixed shape of length L: rt_dfa_search always agrees with dcc_dfa_search. */
static void dfa_agree_random(const RtDfa *f, const dcc_dfa *d)
{
    static const char alpha[] = "abSO-0123456789@ xz\xc3\xa9\xff.\n";
    unsigned char s[80];
    for (int t = 0; t < 4000; t++) {
        size_t n = next_rand() % (sizeof s + 1);
        if (f->fix_len && t % 2)
            n = f->fix_len - 1 + next_rand() % 3;
        if (t % 4 == 0) {
            for (size_t i = 0; i < n; i++)
                s[i] = (unsigned char)alpha[next_rand() % (sizeof alpha - 1)];
        } else {
            dfa_walk(d, s, n);
        }
        dfa_agree_on(f, d, s, n);
    }
    /* split in two chains: a live walk (which reaches the split state) with one byte of its
     * first part damaged, so that the second part alone would still match */
    for (int t = 0; f->split_k && t < 2000; t++) {
        size_t n = f->split_k + 1 + next_rand() % (sizeof s - f->split_k);
        dfa_walk(d, s, n);
        s[next_rand() % f->split_k] = (unsigned char)next_rand();
        dfa_agree_on(f, d, s, n);
    }
}

static RtDfa *dfa_build(const dcc_dfa *d)
{
    size_t bytes = rt_dfa_bytes(d);
    assert_true(bytes > 0);
    void *mem = malloc(bytes);
    assert_non_null(mem);
    return rt_dfa_build(d, mem);
}

static void test_dfa_agrees(void **state)
{
    (void)state;
    Arena *a = arena_new();
    /* each with the search it must get: 'F' fixed shape, 'A' accelerated, '2' or '1' tables
     * ("^a.{9}b" has too many cells for pair tables) */
    static const struct {
        const char *pat;
        char kind;
    } pats[] = {
        {"^SO-[0-9]{4}-[0-9]{6}$", 'F'}, {"^SKU-[0-9]{5}$", 'F'}, {"^[^@ ]+@[^@ ]+$", 'A'},
        {"ab", 'A'}, {"b$", 'A'}, {"^$", '2'}, {"x*", '2'}, {"[é]+z", 'A'}, {"^a.{9}b", '1'},
        /* fixed shapes of every interesting length, with and without `$` */
        {"^a", 'F'}, {"^a$", 'F'}, {"^[a-g]bcdef[0-9]$", 'F'}, {"^[a-g]bcdef[0-9]", 'F'},
        {"^[0-9]{8}$", 'F'}, {"^[0-9]{8}", 'F'}, {"^SKU-[0-9]{5}", 'F'},
        {"^[A-Z]{3}-[0-9]{11}$", 'F'}, {"^[A-Z]{3}-[0-9]{11}", 'F'},
        {"^[\\u0001-\\u007f]{16}$", 'F'}, {"^[\\u0001-\\u007f]{16}", 'F'},
        {"^x[0-9]{16}$", 'F'}, {"^x[0-9]{16}", 'F'}, {"^[a-f]{64}$", 'F'}, {"^[a-f]{64}", 'F'},
        {"^[ -~]{5}[~]{2}$", 'F'},
        /* two ranges a byte: hex digits, lower-case uuids (v4 too), a gap in a set */
        {"^[ac]b$", 'F'}, {"^[0-9a-f]{7}[\\-]$", 'F'},
        {"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$", 'F'},
        {"^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", 'F'},
        {"^[\\u0001-\\u0009\\u007f]{3}x$", 'F'}, {"^[0-9]{4}-[0-9]{2}[x~]", 'F'},
        /* not fixed: too long, a non-ASCII literal, three ranges, two branches, a loop */
        {"^[a-f]{65}$", '2'}, {"^[a-f]{65}", '2'}, {"^é[0-9]{3}$", '2'}, {"^[ace]b$", '2'},
        {"^[0-9A-Fa-f]{4}$", '2'},
        {"^ab$|^cd$", '2'}, {"^a[0-9]+$", '2'}, {"^a?b$", '2'},
        /* accelerated: `.` leaves on \n, \r and bytes >= 0x80; 3 ASCII ranges of exits at most */
        {"^.*x$", 'A'}, {"^[^ab]*c", 'A'}, {"^[^abc]*d", 'A'}, {"^[^acegi]*z", '2'},
        {"^[^@\\t-\\r ]+@[^@\\t-\\r ]+$", 'A'}, {"^[^\\u0001-\\u0003\\u007f]*x", 'A'},
        {"^[^@]*@.{9}x", 'A'}, /* without pair tables: short inputs one byte a step */
        /* split into two chains where every live input is in one state: after the year, or
         * after the date of the benchmark's date-time; without `$` a match may end early */
        {"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$", 'S'},
        {"^([0-9]{4}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))|([0-9]{2}([02468][48]|[13579][26]|[2468]0)|([02468][048]|[13579][26])00)-02-29)T(([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]|23:59:60)(\\.[0-9]+)?Z$", 'S'},
        {"^(ab|cd)[0-9]{6}(x|yz)", 'S'}, {"^(ab|cd)[0-9]{2}$", '2'},
    };
    for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
        RegexError e;
        RegexDfa *rd = regex_compile(a, pats[k].pat, strlen(pats[k].pat), &e);
        assert_non_null(rd);
        const dcc_dfa *d = regex_dfa_tables(a, rd);
        RtDfa *f = dfa_build(d);
        if (rt_dfa_kind(f) != pats[k].kind)
            fail_msg("%s: search %c, expected %c", pats[k].pat, rt_dfa_kind(f), pats[k].kind);
        dfa_agree_random(f, d);
        free(f);
    }
    /* the benchmark's patterns on their own values */
    RegexError e;
    const dcc_dfa *d = regex_dfa_tables(a, regex_compile(a, "^SO-[0-9]{4}-[0-9]{6}$", 22, &e));
    RtDfa *f = dfa_build(d);
    assert_int_equal(f->fix_len, 14);
    assert_int_equal(rt_dfa_search(f, "SO-2026-000001", 14), 1);
    assert_int_equal(rt_dfa_search(f, "SO-2026-0000012", 15), 0);
    assert_int_equal(rt_dfa_search(f, "xSO-2026-000001", 15), 0);
    assert_int_equal(rt_dfa_search(f, "SO-2026-00000a", 14), 0);
    assert_int_equal(rt_dfa_search(f, "SO-2026-00000", 13), 0);
    free(f);
    /* malformed tables are left to dcc_dfa_search */
    dcc_dfa bad = *d;
    bad.start = bad.nstates;
    assert_int_equal(rt_dfa_bytes(&bad), 0);
    arena_free(a);
}

/* Tables no pattern can spell (U+0000 is not allowed) and shapes a minimal automaton never
 * has: ranges at the 0x00 and 0x7f edges; a chain into a `$` state that still continues; a
 * state left by bytes >= 0x80 only. */
static void test_dfa_hand_tables(void **state)
{
    (void)state;
    uint8_t cls[256];
    for (unsigned b = 0; b < 256; b++)
        cls[b] = b <= 0x05 ? 1 : b >= 0x7a && b <= 0x7f ? 2 : b >= 0x80 ? 3 : 0;
    /* ^[\0-\5][\x7a-\x7f] then: 3 accept, or 3 `$` with no way on, or 3 `$` that goes on */
    static const uint32_t chain[] = {0, 0, 0, 0, /**/ 0, 2, 0, 0, /**/ 0, 0, 3, 0, /**/ 3, 3, 3, 3};
    static const uint32_t chain_end[] = {0, 0, 0, 0, /**/ 0, 2, 0, 0, /**/ 0, 0, 3, 0, /**/ 0, 0, 0, 0};
    static const uint32_t chain_on[] = {0, 0, 0, 0, /**/ 0, 2, 0, 0, /**/ 0, 0, 3, 0, /**/ 0, 3, 0, 0};
    static const uint8_t acc_accept[] = {0, 0, 0, DCC_DFA_ACCEPT};
    static const uint8_t acc_end[] = {0, 0, 0, DCC_DFA_ACCEPT_AT_END};
    /* state 1 stays on everything but bytes >= 0x80, which lead to 2, accepting at the end */
    static const uint32_t hi_exit[] = {0, 0, 0, 0, /**/ 1, 1, 1, 2, /**/ 0, 0, 0, 2};
    static const uint8_t acc_hi[] = {0, 0, DCC_DFA_ACCEPT_AT_END};
    const struct {
        dcc_dfa d;
        char kind;
        uint8_t fix_len;
    } t[] = {
        {{.nstates = 4, .nclasses = 4, .byte_class = cls, .trans = chain, .accept = acc_accept, .start = 1}, 'F', 2},
        {{.nstates = 4, .nclasses = 4, .byte_class = cls, .trans = chain_end, .accept = acc_end, .start = 1}, 'F', 2},
        {{.nstates = 4, .nclasses = 4, .byte_class = cls, .trans = chain_on, .accept = acc_end, .start = 1}, '2', 0},
        {{.nstates = 3, .nclasses = 4, .byte_class = cls, .trans = hi_exit, .accept = acc_hi, .start = 1}, 'A', 0},
    };
    for (size_t k = 0; k < sizeof t / sizeof t[0]; k++) {
        assert_true(dcc_dfa_check(&t[k].d));
        RtDfa *f = dfa_build(&t[k].d);
        assert_int_equal(rt_dfa_kind(f), t[k].kind);
        assert_int_equal(f->fix_len, t[k].fix_len);
        dfa_agree_random(f, &t[k].d);
        /* every pair of bytes, and each followed by a third */
        unsigned char s[3];
        for (unsigned b0 = 0; b0 < 256; b0++)
            for (unsigned b1 = 0; b1 < 256; b1++) {
                s[0] = (unsigned char)b0, s[1] = (unsigned char)b1, s[2] = (unsigned char)(b0 ^ b1);
                dfa_agree_on(f, &t[k].d, s, 2);
                dfa_agree_on(f, &t[k].d, s, 3);
            }
        free(f);
    }
}

/* Accelerated states stop at each exit byte wherever it falls in a word, and at bytes >= 0x80
 * (the `[^@ ]` of the email pattern also takes UTF-8 sequences, but not broken ones); inputs
 * on both sides of RT_DFA_ACCEL_MIN. */
static void test_dfa_accel_offsets(void **state)
{
    (void)state;
    Arena *a = arena_new();
    RegexError e;
    static const char *const pats[] = {"^[^@ ]+@[^@ ]+$", "^.*x$", "ab",
                                       "^[^@\\t\\n\\v\\f\\r \\u00a0\\u3000]+@[^@\\t-\\r \\u00a0\\u3000]+$"};
    static const char *const exits[] = {"@", " ", "\xc3\xa9", "\xff", "\x80", "\n", "\r", "x", "a", "ab", "\xe2\x80\xa8",
                                        "\t", "\v", "\x08", "\x0e", "\xc2\xa0", "\xe3\x80\x80", "!", "?", "A"};
    for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
        const dcc_dfa *d = regex_dfa_tables(a, regex_compile(a, pats[k], strlen(pats[k]), &e));
        RtDfa *f = dfa_build(d);
        assert_int_equal(rt_dfa_kind(f), 'A');
        unsigned char s[80];
        for (size_t x = 0; x < sizeof exits / sizeof exits[0]; x++)
            for (size_t y = 0; y < sizeof exits / sizeof exits[0]; y++)
                for (size_t off = 0; off < 34; off++)
                    for (size_t gap = 0; gap < 20; gap += 3)
                        for (size_t tail = 0; tail < 12; tail += 1 + off % 4) {
                            size_t n = 0, lx = strlen(exits[x]), ly = strlen(exits[y]);
                            memset(s, 'q', off), n = off;
                            memcpy(s + n, exits[x], lx), n += lx;
                            memset(s + n, 'r', gap), n += gap;
                            memcpy(s + n, exits[y], ly), n += ly;
                            memset(s + n, 's', tail), n += tail;
                            dfa_agree_on(f, d, s, n);
                        }
        free(f);
    }
    /* the email pattern answers as expected on plain values; below RT_DFA_ACCEL_MIN bytes
     * (16 with SSE2, else 32: most emails) it walks pair tables, which it must have */
    const dcc_dfa *d = regex_dfa_tables(a, regex_compile(a, pats[0], strlen(pats[0]), &e));
    RtDfa *f = dfa_build(d);
    assert_non_null(f->next2);
    assert_int_equal(rt_dfa_search(f, "frank1@example.com", 18), 1);
    assert_int_equal(rt_dfa_search(f, "frank1@exa mple.com", 19), 0);
    assert_int_equal(rt_dfa_search(f, "frank1@exa@mple.com", 19), 0);
    assert_int_equal(rt_dfa_search(f, "fränk1@example.com", 19), 1);
    assert_int_equal(rt_dfa_search(f, "fr\xffnk1@example.com", 19), 0);
    assert_int_equal(rt_dfa_search(f, "frank1example.com", 17), 0);
    free(f);
    arena_free(a);
}

static void test_scanners(void **state)
{
    (void)state;
    char buf[64];
    static const char alpha[] = "ab,\"\n\r;\xc3\xa9\x80";
    for (int t = 0; t < 20000; t++) {
        size_t n = next_rand() % sizeof buf;
        for (size_t i = 0; i < n; i++)
            buf[i] = alpha[next_rand() % (sizeof alpha - 1)];
        const char *end = buf + n;
        const char *p = buf;
        while (p < end && *p != ',' && *p != '\n' && *p != '\r')
            p++;
        assert_ptr_equal(rt_find3(buf, end, ',', '\n', '\r'), p);
        p = buf;
        while (p < end && *p != '"')
            p++;
        assert_ptr_equal(rt_find1(buf, end, '"'), p);
        size_t cps = 0;
        for (size_t i = 0; i < n; i++)
            cps += ((unsigned char)buf[i] & 0xC0) != 0x80;
        assert_int_equal(rt_utf8_count((const unsigned char *)buf, n), cps);
    }
}

/* rt_utf8_valid_prefix (16 or 8 ASCII bytes at a time, straight to the first byte >= 0x80)
 * agrees with its definition, a byte or a sequence at a time, on text of ASCII runs of every
 * length, valid sequences of 2 to 4 bytes and broken ones, at every alignment. */
static void test_utf8_prefix(void **state)
{
    (void)state;
    static const char *const parts[] = {"a", "bcdefgh", "ijklmnopqrstuvwxyz0123", "\xc3\xa9", "\xe2\x82\xac",
                                         "\xf0\x9f\x98\x80", "\x80", "\xc3", "\xed\xa0\x80", "\xe2\x82"};
    unsigned char buf[160];
    for (int t = 0; t < 50000; t++) {
        size_t n = 0;
        while (n < 120) {
            /* broken sequences rarely, so that many texts are valid far into them */
            size_t k = next_rand() % 100 < 3 ? 6 + next_rand() % 4 : next_rand() % 6;
            size_t l = strlen(parts[k]);
            memcpy(buf + n, parts[k], l);
            n += l;
        }
        size_t from = next_rand() % 8, len = next_rand() % (n - from + 1);
        const unsigned char *u = buf + from;
        size_t want = 0;
        while (want < len) {
            size_t l = u[want] < 0x80 ? 1 : rt_utf8_seq(u + want, len - want);
            if (l == 0)
                break;
            want += l;
        }
        assert_int_equal(rt_utf8_valid_prefix(u, len), want);
    }
}

static void test_uuid(void **state)
{
    (void)state;
    assert_true(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d67", 36));
    assert_true(rt_uuid_check("0D83B3E2-9A21-487A-94C4-4C79F1FE9D67", 36));
    assert_false(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d6", 35));
    assert_false(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d6g", 36));
    assert_false(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d-6", 36));
    assert_false(rt_uuid_check("0d83b3e2x9a21-487a-94c4-4c79f1fe9d67", 36));
    assert_false(rt_uuid_check("0d83b3e2-9a21-487a-94c4-4c79f1fe9d6\xc3", 36));
    assert_true(rt_uuid_check_portable("0D83B3E2-9A21-487A-94C4-4C79F1FE9D67", 36));
    assert_false(rt_uuid_check_portable("0d83b3e2-9a21-487a-94c4-4c79f1fe9d6", 35));
}

/* The word-at-a-time uuid check and lowering agree with their byte-by-byte definitions for every
 * byte value at every position. */
static void test_uuid_every_byte(void **state)
{
    (void)state;
    static const char base[] = "0d83b3e2-9A21-487a-94c4-4c79f1fE9d67";
    for (size_t i = 0; i < 36; i++) {
        for (int c = 0; c < 256; c++) {
            char t[36];
            memcpy(t, base, 36);
            t[i] = (char)c;
            bool want = true;
            for (size_t k = 0; k < 36; k++) {
                unsigned char b = (unsigned char)t[k];
                bool dash = k == 8 || k == 13 || k == 18 || k == 23;
                bool hex = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F');
                want &= dash ? b == '-' : hex;
            }
            assert_int_equal(rt_uuid_check(t, 36), want);
            assert_int_equal(rt_uuid_check_portable(t, 36), want);
        }
    }
}

static void on_line(void *ud, const dcc_violation *v)
{
    char **out = ud;
    size_t n = strlen(*out);
    char line[512];
    int k = snprintf(line, sizeof line, "%llu@%llu %s %s: %s [%s]\n", (unsigned long long)v->record,
                     (unsigned long long)v->byte_offset, v->field_path, dcc_rule_code(v->rule),
                     v->message, v->excerpt);
    *out = realloc(*out, n + (size_t)k + 1);
    memcpy(*out + n, line, (size_t)k + 1);
}

static char *csv_run(const dcc_validator *v, char delim, const char *in, size_t n, size_t chunk)
{
    char *out = calloc(1, 1);
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.format = DCC_FORMAT_CSV, .csv_delimiter = delim,
                                                     .skip_quality = true},
                                on_line, &out);
    for (size_t i = 0; i < n; i += chunk)
        assert_int_equal(dcc_stream_feed(s, in + i, n - i < chunk ? n - i : chunk), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_free(s);
    return out;
}

/* CSV rows wholly inside a chunk are split and validated in one pass; rows that span chunks are
 * assembled and split again: both must find the same, for rows broken in every way. */
static void test_csv_one_pass(void **state)
{
    (void)state;
    static const dcc_field_desc item[] = {{.name = "k", .kind = DCC_STRING, .max_length = 3}};
    static const dcc_field_desc elem = {.kind = DCC_STRUCT, .fields = item, .nfields = 1};
    static const dcc_field_desc f[] = {
        {.name = "id", .kind = DCC_UUID},
        {.name = "n", .kind = DCC_INT32, .range_lo = "0", .range_hi = "99"},
        {.name = "s", .kind = DCC_STRING, .max_length = 4, .optional = true},
        {.name = "l", .kind = DCC_LIST, .elem = &elem, .optional = true},
    };
    static const size_t pkf[] = {0};
    static const dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 4, .primary_key = pkf,
                                        .nprimary_key = 1};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    static const char *const rows[] = {
        "0d83b3e2-9a21-487a-94c4-4c79f1fe9d67,5,\"a\"\"b\",\"[{\"\"k\"\":\"\"xy\"\"}]\"",
        "0d83b3e2-9a21-487a-94c4-4c79f1fe9d68,100,\xc3\xa9t\xc3\xa9,",
        "0d83b3e2-9a21-487a-94c4-4c79f1fe9d69,1,\"multi\nline\",\"[]\"",
        "0d83b3e2-9a21-487a-94c4-4c79f1fe9d67,2,,,extra,more",
    };
    static const char alphabet[] = "\",;\n\r ab\xc3\xa9\x80";
    uint64_t seed = 7;
    char in[4096];
    for (int round = 0; round < 600; round++) {
        size_t n = (size_t)sprintf(in, "id,n,s,l%s", round % 3 ? "\n" : "\r\n");
        for (int r = 0; r < 6; r++) {
            const char *row = rows[(round + r) % 4];
            size_t rl = strlen(row);
            memcpy(in + n, row, rl);
            for (int e = 0; e < round % 4; e++) {
                seed = seed * 6364136223846793005ull + 1442695040888963407ull;
                in[n + (seed >> 33) % rl] = alphabet[(seed >> 20) % (sizeof alphabet - 1)];
            }
            n += rl;
            in[n++] = r % 2 ? '\n' : '\r';
        }
        char delim = round % 5 == 4 ? ';' : ',';
        if (delim == ';')
            for (size_t i = 0; i < n; i++)
                if (in[i] == ',')
                    in[i] = ';';
        char *whole = csv_run(v, delim, in, n, n);
        for (size_t chunk = 1; chunk <= 9; chunk += 4) {
            char *bits = csv_run(v, delim, in, n, chunk);
            if (strcmp(whole, bits) != 0)
                fail_msg("round %d chunk %zu:\n%s\nvs whole:\n%s", round, chunk, bits, whole);
            free(bits);
        }
        free(whole);
    }
    dcc_validator_free(v);
}

/* The shape-only temporal checks decide exactly what rt_temporal_parse decides for the texts
 * of their length: every month and day boundary, leap years, hours, minutes, seconds, the
 * separators and the case of 'T' and 'Z', and random damage. */
static void test_temporal_shapes(void **state)
{
    (void)state;
    static const char *const years[] = {"0000", "1900", "2000", "2023", "2024", "2100", "9999"};
    static const char *const times[] = {"00:00:00", "23:59:59", "24:00:00", "23:60:00", "23:59:60",
                                        "19:05:09", "0a:00:00", "00-00:00", "29:00:00"};
    static const char seps[] = "TtX ", zones[] = "ZzY+";
    char t[64]; /* room for whatever snprintf might write; the texts are 10 or 20 bytes */
    TempVal tv;
    const char *why;
    for (size_t y = 0; y < sizeof years / sizeof years[0]; y++)
        for (int m = 0; m <= 13; m++)
            for (int d = 0; d <= 32; d++) {
                snprintf(t, sizeof t, "%s-%02d-%02d", years[y], m, d);
                assert_int_equal(rt_date_plain_ok(t), rt_temporal_parse(DCC_DATE, t, 10, &tv, &why));
                for (size_t h = 0; h < sizeof times / sizeof times[0]; h++)
                    for (int z = 0; z < 4; z++) {
                        snprintf(t, sizeof t, "%s-%02d-%02d%c%s%c", years[y], m, d, seps[(h + (size_t)z) % 4],
                                 times[h], zones[z]);
                        bool ok = rt_ts_plain_ok(t);
                        assert_int_equal(ok, rt_temporal_parse(DCC_TIMESTAMP, t, 20, &tv, &why));
                        assert_int_equal(ok, rt_temporal_parse(DCC_TIMESTAMPTZ, t, 20, &tv, &why));
                    }
            }
    static const char alpha[] = "0123456789-:TtZz \xc3/";
    for (int r = 0; r < 200000; r++) {
        memcpy(t, "2024-02-29T23:59:59Z", 21);
        for (int k = (int)(next_rand() % 3); k >= 0; k--)
            t[next_rand() % 20] = alpha[next_rand() % (sizeof alpha - 1)];
        bool ok = rt_ts_plain_ok(t);
        assert_int_equal(ok, rt_temporal_parse(DCC_TIMESTAMP, t, 20, &tv, &why));
        assert_int_equal(rt_date_plain_ok(t), rt_temporal_parse(DCC_DATE, t, 10, &tv, &why));
    }
}

static char *stream_run(const dcc_validator *v, dcc_format fmt, const char *in, size_t n, size_t chunk)
{
    char *out = calloc(1, 1);
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.format = fmt, .skip_quality = true}, on_line, &out);
    for (size_t i = 0; i < n; i += chunk)
        assert_int_equal(dcc_stream_feed(s, in + i, n - i < chunk ? n - i : chunk), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_free(s);
    return out;
}

static void no_fast_num(CField *cf)
{
    cf->fast_num = false;
    for (size_t i = 0; i < cf->nfields; i++)
        no_fast_num(&cf->fields[i]);
    if (cf->elem)
        no_fast_num(cf->elem);
}

/* Integers and decimals decided in int64 (CField.fast_num) are reported exactly as by the
 * digit-by-digit path, for numbers of every shape around the bounds, in JSON and CSV. */
static void test_number_fast(void **state)
{
    (void)state;
    static const dcc_field_desc item[] = {
        {.name = "q", .kind = DCC_INT32, .range_lo = "1", .range_hi = "999"}};
    static const dcc_field_desc elem = {.kind = DCC_STRUCT, .fields = item, .nfields = 1};
    static const dcc_field_desc f[] = {
        {.name = "a", .kind = DCC_DECIMAL, .precision = 12, .scale = 2, .range_lo = "0",
         .range_hi = "1000000", .optional = true},
        {.name = "b", .kind = DCC_DECIMAL, .precision = 5, .scale = 2, .range_lo = "-10.5",
         .range_lo_exclusive = true, .range_hi = "10.25", .range_hi_exclusive = true, .optional = true},
        {.name = "c", .kind = DCC_INT8, .range_lo = "-3", .range_hi = "100", .optional = true},
        {.name = "d", .kind = DCC_INT64, .optional = true},
        {.name = "e", .kind = DCC_DECIMAL, .precision = 17, .scale = 0, .optional = true},
        {.name = "g", .kind = DCC_INT16, .range_lo = "-32768", .optional = true},
        {.name = "h", .kind = DCC_DECIMAL, .precision = 4, .scale = 3, .range_hi = "1.5e0", .optional = true},
        {.name = "l", .kind = DCC_LIST, .elem = &elem, .optional = true},
    };
    static const dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 8};
    dcc_validator *fast = dcc_validator_new(&ds, NULL), *slow = dcc_validator_new(&ds, NULL);
    assert_non_null(fast);
    assert_non_null(slow);
    assert_true(fast->root.fields[0].fast_num && fast->root.fields[1].fast_num &&
                fast->root.fields[2].fast_num && fast->root.fields[6].fast_num);
    no_fast_num(&slow->root);
    static const char *const lits[] = {"0", "-0", "1", "999", "1000", "1000000", "1000000.00",
                                       "1000000.01", "10.25", "10.24", "-10.5", "-10.49", "-10.51",
                                       "32767", "-32768", "-32769", "127", "128", "100", "101", "-3",
                                       "-4", "99999999999999999", "100000000000000000",
                                       "9223372036854775807", "9223372036854775808", "1.5", "1.501",
                                       "1.500", "0.001", "0.000", "9999999999.99", "10000000000.00",
                                       "1e2", "1E0", "0.5e1", "12.3", "12.345", "00", "01", "-", "1.",
                                       ".5", "+1", "1.0", "-0.00"};
    enum { NL = sizeof lits / sizeof lits[0] };
    static const char names[] = "abcdegh";
    char json[8192], csv[8192];
    for (int round = 0; round < 300; round++) {
        size_t jn = 0, cn = (size_t)sprintf(csv, "a,b,c,d,e,g,h\n");
        for (int r = 0; r < 12; r++) {
            const char *v[7];
            char rnd[7][24];
            for (int k = 0; k < 7; k++) {
                if (next_rand() % 3) {
                    v[k] = lits[next_rand() % NL];
                } else { /* random digits, point and sign */
                    size_t len = 1 + next_rand() % 20, o = 0;
                    if (next_rand() % 4 == 0)
                        rnd[k][o++] = '-';
                    for (size_t i = 0; i < len; i++)
                        rnd[k][o++] = (next_rand() % 6 == 0 && i > 0) ? '.' : (char)('0' + next_rand() % 10);
                    rnd[k][o] = '\0';
                    v[k] = rnd[k];
                }
            }
            jn += (size_t)sprintf(json + jn, "{");
            for (int k = 0; k < 7; k++)
                jn += (size_t)sprintf(json + jn, "\"%c\":%s,", names[k], v[k]);
            jn += (size_t)sprintf(json + jn, "\"l\":[{\"q\":%s}]}\n", v[next_rand() % 7]);
            for (int k = 0; k < 7; k++)
                cn += (size_t)sprintf(csv + cn, "%s%s", v[k], k < 6 ? "," : "\n");
        }
        char *x = stream_run(fast, DCC_FORMAT_JSONL, json, jn, jn), *y = stream_run(slow, DCC_FORMAT_JSONL, json, jn, jn);
        if (strcmp(x, y) != 0)
            fail_msg("JSON round %d:\n%s\nvs the exact path:\n%s", round, x, y);
        assert_true(strlen(x) > 0);
        free(x);
        free(y);
        x = stream_run(fast, DCC_FORMAT_CSV, csv, cn, cn);
        y = stream_run(slow, DCC_FORMAT_CSV, csv, cn, cn);
        if (strcmp(x, y) != 0)
            fail_msg("CSV round %d:\n%s\nvs the exact path:\n%s", round, x, y);
        free(x);
        free(y);
    }
    dcc_validator_free(fast);
    dcc_validator_free(slow);
}

/* Findings of the exact path for one value of cf: rt_check_scalar on a fresh record, as the
 * readers call it when no fast path decides. */
static uint32_t slow_findings(dcc_stream *s, const CField *cf, const Val *v)
{
    rt_record_begin(s, 0);
    rt_check_scalar(s, cf, v);
    uint32_t n = s->rec_nviol;
    s->rec_nviol = 0;
    memset(s->rec_counts, 0, sizeof s->rec_counts);
    s->npend = 0;
    return n;
}

/* The fixed-shape text check (rt_fast_text, shared by the JSON reader and the CSV cells), the
 * string check (rt_string_ok) and the fused number scan (rt_num_fast) only accept what the
 * exact path accepts, and accept the common valid values (else the fast paths are never taken):
 * random damage to valid values of every kind they cover. */
static void test_fast_values_agree(void **state)
{
    (void)state;
    Arena *a = arena_new();
    RegexError e;
    const dcc_dfa *so = regex_dfa_tables(a, regex_compile(a, "^SO-[0-9]{4}-[0-9]{6}$", 22, &e));
    const dcc_dfa *em = regex_dfa_tables(a, regex_compile(a, "^[^@ ]+@[^@ ]+$", 15, &e));
    static const char *const st[] = {"placed", "shipped", "delivered", "cancelled"};
    static const char *const cur[] = {"EUR", "USD", "GBP", "SEK"};
    static const char *const ids[] = {"0d83b3e2-9a21-487a-94c4-4c79f1fe9d67"};
    dcc_field_desc f[] = {
        {.name = "id", .kind = DCC_UUID},
        {.name = "st", .kind = DCC_ENUM, .enum_values = st, .nenum_values = 4},
        {.name = "ts", .kind = DCC_TIMESTAMP},
        {.name = "tz", .kind = DCC_TIMESTAMPTZ},
        {.name = "d", .kind = DCC_DATE},
        {.name = "dr", .kind = DCC_DATE, .range_lo = "2020-01-01"},
        {.name = "idv", .kind = DCC_UUID, .values = ids, .nvalues = 1},
        {.name = "on", .kind = DCC_STRING, .max_length = 16, .pattern = so, .pattern_text = "so"},
        {.name = "em", .kind = DCC_STRING, .max_length = 20, .pattern = em, .pattern_text = "em"},
        {.name = "cu", .kind = DCC_STRING, .max_length = 3, .values = cur, .nvalues = 4},
        {.name = "no", .kind = DCC_STRING, .has_length = true, .length_min = 2, .length_max = 4},
        {.name = "am", .kind = DCC_DECIMAL, .precision = 12, .scale = 2, .range_lo = "0", .range_hi = "1000000"},
        {.name = "q", .kind = DCC_INT32, .range_lo = "1", .range_hi = "999"},
        {.name = "i8", .kind = DCC_INT8},
        {.name = "d9", .kind = DCC_DECIMAL, .precision = 17, .scale = 9},
        {.name = "d9b", .kind = DCC_DECIMAL, .precision = 17, .scale = 9},
        {.name = "i64", .kind = DCC_INT64},
    };
    enum { NF = sizeof f / sizeof f[0] };
    static const char *const good[NF] = {
        "0d83b3e2-9a21-487a-94c4-4c79f1fe9d67", "delivered", "2026-11-28T21:18:48Z", "2024-02-29T23:59:59z",
        "2026-11-28", "2026-11-28", "0d83b3e2-9a21-487a-94c4-4c79f1fe9d67", "SO-2026-000001",
        "frank1@example.com", "GBP", "gif", "68398.78", "19", "-128", "12345678.123456789", "-1.12345678",
        "1234567"};
    /* which fast path covers the field; the rest must never be accepted */
    enum { TEXT, STR, NUM, NONE };
    static const int how[NF] = {TEXT, TEXT, TEXT, TEXT, TEXT, NONE, NONE, STR, STR, STR, STR, NUM, NUM, NUM, NUM, NUM, NUM};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = NF};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    dcc_stream *s = test_stream(v, (dcc_stream_opts){0}, NULL, NULL);
    assert_non_null(s);
    static const char alpha[] = "0123456789-:.TtZzaA@ eE+\"\\\xc3\xa9xSO";
    char t[48];
    size_t taken[NF] = {0};
    for (int r = 0; r < 60000; r++) {
        size_t k = (size_t)r % NF;
        const CField *cf = &v->root.fields[k];
        size_t n = strlen(good[k]);
        memcpy(t, good[k], n);
        if (r >= 2 * NF) /* the first rounds: the values as they are */
            for (int d = (int)(next_rand() % 3); d >= 0; d--) {
                size_t at = next_rand() % (n + 1);
                switch (next_rand() % 3) {
                case 0: /* replace */
                    if (at < n)
                        t[at] = alpha[next_rand() % (sizeof alpha - 1)];
                    break;
                case 1: /* delete */
                    if (at < n) {
                        memmove(t + at, t + at + 1, n - at - 1);
                        n--;
                    }
                    break;
                default: /* insert */
                    if (n + 1 < sizeof t) {
                        memmove(t + at + 1, t + at, n - at);
                        t[at] = alpha[next_rand() % (sizeof alpha - 1)];
                        n++;
                    }
                }
            }
        Val val = {.t = V_STR, .enc = ENC_RAW, .raw = t, .len = n, .cps = rt_utf8_count((const unsigned char *)t, n)};
        bool utf8 = rt_utf8_valid_prefix((const unsigned char *)t, n) == n;
        bool fast;
        if (how[k] == NUM) {
            NumTok nt;
            t[n] = 'x'; /* a byte after the token as in a record (',' or '}' there) */
            const char *q = rt_num_fast(cf, t, t + n + 1, &nt);
            fast = q == t + n;
            /* with room after the token the word-at-a-time reading is taken: the same result */
            char room[sizeof t + 24];
            memcpy(room, t, n);
            memset(room + n, 'x', sizeof room - n);
            NumTok wt;
            const char *wq = rt_num_fast(cf, room, room + sizeof room, &wt);
            assert_true(wq ? q && wq - room == q - t : !q);
            if (q) {
                assert_int_equal(wt.ipn, nt.ipn);
                assert_int_equal(wt.fpn, nt.fpn);
                assert_int_equal(wt.has_frac, nt.has_frac);
                assert_int_equal(wt.neg, nt.neg);
            }
            if (q) { /* what the exact scanner finds */
                NumTok xt;
                assert_ptr_equal(rt_num_scan(t, t + n + 1, &xt), q);
                assert_int_equal(nt.neg, xt.neg);
                assert_int_equal(nt.has_frac, xt.has_frac);
                assert_int_equal(nt.has_exp, xt.has_exp);
                assert_ptr_equal(nt.ip, xt.ip);
                assert_int_equal(nt.ipn, xt.ipn);
                assert_ptr_equal(nt.fp, xt.fp);
                assert_int_equal(nt.fpn, xt.fpn);
                assert_int_equal(nt.exp, xt.exp);
            }
            if (fast)
                val.num = nt;
            if (fast || rt_num_parse(t, n, &val.num))
                val.t = V_NUM;
        } else if (how[k] == STR) {
            fast = utf8 && rt_string_ok(cf, t, n, val.cps);
        } else {
            fast = rt_fast_text(cf, t, n);
        }
        if (fast) {
            if (how[k] == NONE)
                fail_msg("field %s: a fast path accepted \"%.*s\"", cf->d->name, (int)n, t);
            if (slow_findings(s, cf, &val) != 0)
                fail_msg("field %s: fast path accepted \"%.*s\", the exact path does not", cf->d->name, (int)n, t);
            taken[k]++;
        }
        if (r < 2 * NF && how[k] != NONE && !fast)
            fail_msg("field %s: the valid \"%s\" is left to the exact path", cf->d->name, good[k]);
    }
    for (size_t k = 0; k < NF; k++)
        if (how[k] != NONE)
            assert_true(taken[k] >= 2);
    dcc_stream_free(s);
    dcc_validator_free(v);
    arena_free(a);
}

/* ---- the doubled-quote JSON reader and the fused member loop --------------------------------- */

/* A text the readers are given: valid items, then random damage (quotes, escapes, whitespace,
 * bad UTF-8, numbers out of range, unknown and duplicate members). tame: the damage leaves the
 * quotes and backslashes as they are, so where strings are stays plain. */
static size_t json_sample(char *t, size_t cap, bool tame)
{
    static const char *const good[] = {
        "[{\"sku\":\"SKU-16012\",\"qty\":5,\"price\":345.26},{\"sku\":\"SKU-79720\",\"qty\":2,\"price\":254.73}]",
        "[{\"sku\":\"SKU-16012\",\"qty\":5,\"price\":345.26,\"tag\":{\"a\":\"xy\"}}]",
        "[{\"qty\":5,\"sku\":\"SKU-16012\",\"price\":0},{\"sku\":\"SKU-00000\",\"price\":1.5,\"qty\":999}]",
        "[{\"sku\":\"SKU-1\",\"qty\":0,\"price\":-1},{\"sku\":\"SKU-16012\",\"qty\":5,\"qty\":5}]",
        "[ { \"sku\" : \"SKU-16012\" , \"qty\" : 5 , \"price\" : 3 } ]",
        "[{\"sku\":\"SKU-1\\u0032345\",\"qty\":5,\"price\":1,\"x\":[1,\"a\\\"b\",null,true]}]",
    };
    static const char wild[] = "\"\\:,{}[] 0123456789-.eSKUqty\xc3\xa9\x80nul";
    static const char mild[] = ":,{}[] 0123456789-.eSKUqtynul";
    const char *alpha = tame ? mild : wild;
    size_t na = tame ? sizeof mild - 1 : sizeof wild - 1;
    const char *g = good[next_rand() % (sizeof good / sizeof good[0])];
    size_t n = strlen(g);
    memcpy(t, g, n);
    if (next_rand() % 3)
        for (int d = (int)(next_rand() % 3); d >= 0; d--) {
            size_t at = next_rand() % (n + 1);
            char c = alpha[next_rand() % na];
            bool keep = tame && at < n && (t[at] == '"' || t[at] == '\\');
            if (keep)
                continue;
            if (next_rand() % 2 && at < n)
                t[at] = c;
            else if (next_rand() % 2 && at < n)
                memmove(t + at, t + at + 1, n - at - 1), n--;
            else if (n + 1 < cap)
                memmove(t + at + 1, t + at, n - at), t[at] = c, n++;
        }
    return n;
}

static const dcc_field_desc items_f[] = {
    {.name = "sku", .kind = DCC_STRING, .max_length = 16},
    {.name = "qty", .kind = DCC_INT32, .range_lo = "1", .range_hi = "999"},
    {.name = "price", .kind = DCC_DECIMAL, .precision = 10, .scale = 2, .range_lo = "0"},
    {.name = "tag", .kind = DCC_MAP, .optional = true, .elem = &(const dcc_field_desc){.kind = DCC_STRING, .max_length = 2}},
    {.name = "x", .kind = DCC_JSON, .optional = true},
};
static const dcc_field_desc items_elem = {.kind = DCC_STRUCT, .fields = items_f, .nfields = 5};

/* rt_json_field_dq over the doubled text accepts only what rt_json_field over the text finds
 * nothing in, and when it declines it leaves no trace (the caller then runs rt_json_field, whose
 * findings and excerpts are those of before); it accepts the common valid cells. */
static void test_json_dq_agrees(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {{.name = "items", .kind = DCC_LIST, .elem = &items_elem}};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.format = DCC_FORMAT_CSV, .skip_quality = true}, NULL, NULL);
    assert_non_null(s);
    const CField *cf = &v->root.fields[0];
    char t[256], d[512];
    size_t accepted = 0, declined = 0;
    for (int r = 0; r < 40000; r++) {
        size_t n = json_sample(t, sizeof t, false), dn = 0;
        for (size_t i = 0; i < n; i++) {
            d[dn++] = t[i];
            if (t[i] == '"')
                d[dn++] = '"';
        }
        /* the old path: the undoubled text */
        rt_record_begin(s, 0);
        s->prefix = "items";
        s->cur_top = 0;
        s->depth = 0;
        rt_json_field(s, cf, t, n);
        uint32_t old = s->rec_nviol;
        /* the new one, from the same state */
        rt_record_begin(s, 0);
        s->prefix = "items";
        s->cur_top = 0;
        s->depth = 0;
        size_t seen_top = s->seen_top;
        bool ok = rt_json_field_dq(s, cf, d, dn);
        if (ok && old != 0)
            fail_msg("accepted in place, the undoubled copy has %u findings: %.*s", old, (int)n, t);
        assert_int_equal(s->rec_nviol, 0);
        assert_int_equal(s->npend, 0);
        assert_int_equal(s->pbuf_len, 0);
        assert_false(s->aborted);
        assert_false(s->top_bad[0]);
        assert_int_equal(s->depth, 0);
        assert_int_equal(s->seen_top, seen_top);
        for (size_t k = 0; k < DCC_RULE_COUNT; k++)
            assert_int_equal(s->rec_counts[k], 0);
        accepted += ok;
        declined += !ok && old == 0; /* valid, but escapes are left to the copy */
        if (r < 6 && old == 0 && memchr(t, '\\', n) == NULL && !ok)
            fail_msg("a valid cell without escapes is left to the copy: %.*s", (int)n, t);
        rt_record_begin(s, 0);
    }
    assert_true(accepted > 1000);
    assert_true(declined > 0);
    dcc_stream_free(s);
    dcc_validator_free(v);
}

static void on_finding(void *ud, const dcc_violation *v)
{
    char **out = ud;
    size_t n = strlen(*out);
    char line[512];
    int k = snprintf(line, sizeof line, "%llu %s %s: %s\n", (unsigned long long)v->record,
                     v->field_path, dcc_rule_code(v->rule), v->message);
    *out = realloc(*out, n + (size_t)k + 1);
    memcpy(*out + n, line, (size_t)k + 1);
}

/* The findings of validator v on the JSON Lines in [in, in+n), one line each (on_finding). */
static char *jsonl_findings(const dcc_validator *v, const char *in, size_t n)
{
    char *x = calloc(1, 1);
    dcc_stream *s = test_stream(v, (dcc_stream_opts){.format = DCC_FORMAT_JSONL, .skip_quality = true},
                                on_finding, &x);
    assert_non_null(s);
    assert_int_equal(dcc_stream_feed(s, in, n), 0);
    assert_int_equal(dcc_stream_finish(s), 0);
    dcc_stream_free(s);
    return x;
}

/* Characters of JSON string contents s[0..n) as an independent reference reads them: UTF-8 by
 * the Unicode standard's table of well-formed sequences (Table 3-7), an escape (only \n and
 * \uXXXX occur below) one character. 0 when some sequence is ill-formed. */
static int ref_chars(const unsigned char *s, size_t n, size_t *chars)
{
    size_t i = 0, c = 0;
    while (i < n) {
        unsigned b = s[i], lo = 0x80, hi = 0xBF;
        size_t l;
        if (b == '\\') {
            i += s[i + 1] == 'u' ? 6 : 2;
            c++;
            continue;
        }
        if (b < 0x80) {
            i++;
            c++;
            continue;
        }
        if (b >= 0xC2 && b <= 0xDF)
            l = 2;
        else if (b == 0xE0)
            l = 3, lo = 0xA0;
        else if ((b >= 0xE1 && b <= 0xEC) || b == 0xEE || b == 0xEF)
            l = 3;
        else if (b == 0xED)
            l = 3, hi = 0x9F;
        else if (b == 0xF0)
            l = 4, lo = 0x90;
        else if (b >= 0xF1 && b <= 0xF3)
            l = 4;
        else if (b == 0xF4)
            l = 4, hi = 0x8F;
        else
            return 0;
        if (i + l > n || s[i + 1] < lo || s[i + 1] > hi)
            return 0;
        for (size_t k = 2; k < l; k++)
            if (s[i + k] < 0x80 || s[i + k] > 0xBF)
                return 0;
        i += l;
        c++;
    }
    *chars = c;
    return 1;
}

/* Strings of ASCII, escapes and UTF-8 (the edges of each length, and now and then an ill-formed
 * sequence: overlong, surrogate, above U+10FFFF, stray or cut short), shifted through every
 * offset of the 16-byte blocks scan_string reads: a record is refused for invalid UTF-8 exactly
 * when the reference finds an ill-formed sequence, and otherwise for its length exactly when
 * the reference counts more than 20 characters. */
static void test_string_chars_agree(void **state)
{
    (void)state;
    static const dcc_field_desc f[] = {{.name = "s", .kind = DCC_STRING, .max_length = 20}};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 1};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    static const char *const good[] = {
        "a", "Z", " ", "~", "\xc2\x80", "\xdf\xbf", "\xc3\xa9", "\xe0\xa0\x80", "\xed\x9f\xbf",
        "\xee\x80\x80", "\xef\xbf\xbf", "\xe2\x82\xac", "\xe1\x80\x80", "\xf0\x90\x80\x80",
        "\xf4\x8f\xbf\xbf", "\xf0\x9f\x98\x80", "\xf3\xbf\xbf\xbf", "\\n", "\\u00e9"};
    static const char *const bad[] = {
        "\xc0\x80", "\xc1\xbf", "\xe0\x9f\xbf", "\xed\xa0\x80", "\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80",
        "\xf5\x80\x80\x80", "\xff", "\xfe", "\x80", "\xbf", "\xe2\x82", "\xc3", "\xf0\x9f\x98", "\xe2\x82" "a"};
    size_t counts[3] = {0};
    for (int round = 0; round < 20000; round++) {
        char text[256], rec[320];
        size_t tl = 0, pad = (size_t)round % 16, pieces = 4 + next_rand() % 24;
        for (size_t i = 0; i < pad; i++)
            text[tl++] = 'p';
        for (size_t i = 0; i < pieces; i++) {
            const char *pc = next_rand() % 60 ? good[next_rand() % (sizeof good / sizeof *good)]
                                              : bad[next_rand() % (sizeof bad / sizeof *bad)];
            size_t l = strlen(pc);
            memcpy(text + tl, pc, l);
            tl += l;
        }
        size_t chars = 0;
        int kind = !ref_chars((const unsigned char *)text, tl, &chars) ? 1 : chars > 20 ? 2 : 0;
        size_t n = (size_t)snprintf(rec, sizeof rec, "{\"s\":\"%.*s\"}\n", (int)tl, text);
        char *x = jsonl_findings(v, rec, n);
        int got = !*x ? 0 : strstr(x, "UTF-8") ? 1 : 2;
        if (got != kind)
            fail_msg("round %d: %s expected (%zu characters), got: %s(record: %.*s)", round,
                     kind == 0 ? "valid" : kind == 1 ? "invalid UTF-8" : "too long", chars, x,
                     (int)n, rec);
        counts[kind]++;
        free(x);
    }
    assert_true(counts[0] > 1000 && counts[1] > 1000 && counts[2] > 1000);
    dcc_validator_free(v);
}

/* The fused member loop (a value right after the ':', then ',' or '}') finds what the general
 * dispatch finds: the same records with a space after every ':' and ',' outside strings take the
 * general way, and must give the same findings (the excerpts differ by those spaces). */
static void test_fused_member_agrees(void **state)
{
    (void)state;
    static const char *const st[] = {"placed", "shipped"};
    static const dcc_field_desc f[] = {
        {.name = "id", .kind = DCC_UUID},
        {.name = "st", .kind = DCC_ENUM, .enum_values = st, .nenum_values = 2},
        {.name = "n", .kind = DCC_INT32, .range_lo = "0", .range_hi = "99"},
        {.name = "items", .kind = DCC_LIST, .elem = &items_elem},
        {.name = "note", .kind = DCC_STRING, .max_length = 4, .optional = true},
    };
    static const size_t pkf[] = {0};
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 5, .primary_key = pkf, .nprimary_key = 1};
    dcc_validator *v = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    static char in[16384], spaced[32768];
    size_t taken = 0, agree_findings = 0;
    for (int round = 0; round < 400; round++) {
        size_t n = 0;
        for (int r = 0; r < 8; r++) {
            char items[256];
            size_t il = json_sample(items, sizeof items, true);
            n += (size_t)sprintf(in + n, "{\"id\":\"0d83b3e2-9a21-487a-94c4-%012x\",\"st\":\"%s\",\"n\":%d,\"items\":",
                                 (unsigned)(next_rand() % 4096), st[next_rand() % 2], (int)(next_rand() % 120) - 10);
            memcpy(in + n, items, il);
            n += il;
            n += (size_t)sprintf(in + n, ",\"note\":%s}\n", next_rand() % 8 ? "\"ab\"" : "\"abcdef\"");
        }
        size_t m = 0;
        bool str = false, esc = false;
        for (size_t i = 0; i < n; i++) {
            spaced[m++] = in[i];
            if (str) {
                if (esc)
                    esc = false;
                else if (in[i] == '\\')
                    esc = true;
                else if (in[i] == '"')
                    str = false;
            } else if (in[i] == '"') {
                str = true;
            } else if (in[i] == ':' || in[i] == ',') {
                spaced[m++] = ' ';
            }
        }
        char *x = jsonl_findings(v, in, n), *y = jsonl_findings(v, spaced, m);
        if (strcmp(x, y) != 0) {
            print_error("input:\n%.*s\n", (int)n, in);
            print_error("fused:\n%s\n", x);
            print_error("general:\n%s\n", y);
            fail_msg("round %d: the fused and the general way differ", round);
        }
        size_t lines = 0;
        for (const char *c = x; *c; c++)
            lines += *c == '\n';
        taken += lines < 8;         /* some record was valid (the fused path decided it) */
        agree_findings += lines > 0; /* and some had findings */
        free(x);
        free(y);
    }
    assert_true(taken > 0 && agree_findings > 100); /* both valid and broken rounds */
    dcc_validator_free(v);
}

/* Short allowed values matched as word images (CField.vimg) decide what the exact path does:
 * a second validator with the images removed reads the same randomly damaged values (prefixes,
 * extensions, escapes, stray quotes) of an enumeration, a string with allowed values, one of
 * them too long for the field, and one with a pattern some values fail; the reports must match. */
static void test_value_images_agree(void **state)
{
    (void)state;
    Arena *a = arena_new();
    RegexError e;
    const dcc_dfa *up = regex_dfa_tables(a, regex_compile(a, "^[A-Z]+$", 8, &e));
    static const char *const st[] = {"placed", "shipped", "delivered", "cancelled", "x"};
    static const char *const cur[] = {"EUR", "USD", "GBP", "TOOLONG"};
    static const char *const pv[] = {"AB", "cd", "EFGHIJKLMNOPQRS"};
    dcc_field_desc f[] = {
        {.name = "e", .kind = DCC_ENUM, .enum_values = st, .nenum_values = 5},
        {.name = "c", .kind = DCC_STRING, .max_length = 3, .values = cur, .nvalues = 4},
        {.name = "p", .kind = DCC_STRING, .pattern = up, .pattern_text = "^[A-Z]+$", .values = pv, .nvalues = 3},
    };
    dcc_dataset_desc ds = {.abi = DCC_ABI_TAG, .name = "t", .fields = f, .nfields = 3};
    dcc_validator *v = dcc_validator_new(&ds, NULL), *w = dcc_validator_new(&ds, NULL);
    assert_non_null(v);
    assert_non_null(w);
    /* the images are there (the too long and the unmatched values are not imaged) ... */
    assert_int_equal(v->root.fields[0].nvimg, 5);
    assert_int_equal(v->root.fields[1].nvimg, 3);
    assert_int_equal(v->root.fields[2].nvimg, 2);
    for (size_t k = 0; k < 3; k++) /* ... and not in w */
        ((CField *)&w->root.fields[k])->vimg = NULL;
    static const char alpha[] = "aAeEuU0\\\"xdlp ";
    const char *const *lists[] = {st, cur, pv};
    const size_t nlist[] = {5, 4, 3};
    static char in[1 << 16];
    size_t differ = 0, lines_total = 0;
    for (int round = 0; round < 300; round++) {
        size_t n = 0;
        for (int r = 0; r < 16; r++) {
            n += (size_t)sprintf(in + n, "{");
            for (size_t k = 0; k < 3; k++) {
                char t[40];
                const char *base = lists[k][next_rand() % nlist[k]];
                size_t l = strlen(base);
                memcpy(t, base, l);
                for (int d = (int)(next_rand() % 3) - 1; d >= 0; d--) {
                    size_t at = next_rand() % (l + 1);
                    if (next_rand() % 2 && at < l) {
                        memmove(t + at, t + at + 1, l - at - 1); /* delete */
                        l--;
                    } else if (l + 1 < sizeof t) {
                        memmove(t + at + 1, t + at, l - at); /* insert */
                        t[at] = alpha[next_rand() % (sizeof alpha - 1)];
                        l++;
                    }
                }
                n += (size_t)sprintf(in + n, "%s\"%s\":\"%.*s\"", k ? "," : "", f[k].name, (int)l, t);
            }
            n += (size_t)sprintf(in + n, "}\n");
        }
        char *x = jsonl_findings(v, in, n), *y = jsonl_findings(w, in, n);
        if (strcmp(x, y) != 0) {
            print_error("input:\n%.*s\nimages:\n%s\nexact:\n%s\n", (int)n, in, x, y);
            differ++;
        }
        for (const char *c = x; *c; c++)
            lines_total += *c == '\n';
        free(x);
        free(y);
    }
    assert_int_equal(differ, 0);
    assert_true(lines_total > 1000 && lines_total < 300 * 16 * 3); /* valid and invalid values */
    dcc_validator_free(v);
    dcc_validator_free(w);
    arena_free(a);
}

/* rt_hashset_add with a place that does not matter here. */
static int hs_add(HashSet *s, Hash128 h)
{
    uint64_t first;
    return rt_hashset_add(s, h, 1, &first);
}

static void test_hashset(void **state)
{
    (void)state;
    HashSet s;
    memset(&s, 0, sizeof s);
    enum { N = 200000 };
    for (uint64_t i = 0; i < N; i++) {
        Hash128 h;
        rt_hash_init(&h);
        rt_hash_bytes(&h, &i, sizeof i);
        rt_hash_final(&h);
        rt_hashset_prefetch(&s, h);
        uint64_t first = 0;
        assert_int_equal(rt_hashset_add(&s, h, i + 1, &first), 1);
    }
    /* each key is found with its first place, kept in 40 bits: a later add keeps it */
    for (uint64_t i = 0; i < N; i += 7) {
        Hash128 h;
        rt_hash_init(&h);
        rt_hash_bytes(&h, &i, sizeof i);
        rt_hash_final(&h);
        uint64_t first = 0, loc = 0;
        assert_int_equal(rt_hashset_add(&s, h, N + 5, &first), 0);
        assert_int_equal(first, i + 1);
        assert_true(rt_hashset_find(&s, h, &loc));
        assert_int_equal(loc, i + 1);
    }
    /* the zero hash is a value like any other */
    Hash128 z = {0, 0};
    assert_int_equal(hs_add(&s, z), 1);
    assert_int_equal(hs_add(&s, z), 0);
    assert_int_equal(s.len, N + 1);
    /* compact: 16 bytes a slot at a load between 7/8 / 1.5 and 7/8 */
    double per_key = (double)rt_hashset_bytes(&s) / (double)s.len;
    assert_true(per_key < 16.0 / (7.0 / 8.0 / 1.5));
    assert_true(per_key >= 16.0 / (7.0 / 8.0));
    rt_hashset_free(&s);
    assert_int_equal(rt_hashset_bytes(&s), 0);

    /* Reserving keeps what is there, and adding up to the reserved count then moves nothing:
     * the memory stays what was reserved, within the load limit's bytes a key. */
    memset(&s, 0, sizeof s);
    uint64_t seed = rng;
    for (int i = 0; i < 5000; i++) {
        Hash128 h = {next_rand(), 0};
        h.b = next_rand();
        assert_int_equal(hs_add(&s, h), 1);
    }
    /* room for 2N keys is one block (more than RT_HASHSET_HUGE bytes) */
    assert_int_equal(rt_hashset_reserve(&s, 2 * N), 0);
    assert_non_null(s.block);
    size_t reserved = rt_hashset_bytes(&s);
    assert_true((double)reserved / (2 * N) < 16.0 / (7.0 / 8.0) * 1.1);
    uint64_t after = rng;
    rng = seed;
    for (int i = 0; i < 5000; i++) { /* the same hashes again: all kept */
        Hash128 h = {next_rand(), 0};
        h.b = next_rand();
        assert_int_equal(hs_add(&s, h), 0);
    }
    rng = after;
    for (int i = 5000; i < N; i++) {
        Hash128 h = {next_rand(), 0};
        h.b = next_rand();
        assert_int_equal(hs_add(&s, h), 1);
    }
    assert_int_equal(rt_hashset_bytes(&s), reserved);
    assert_int_equal(s.len, N);
    /* past the reserved room the segments move out of the block one by one (ASan checks that
     * none is freed alone and the block once), and every key is still found */
    for (int i = N; i < 5 * N; i++) {
        Hash128 h = {next_rand(), 0};
        h.b = next_rand();
        assert_int_equal(hs_add(&s, h), 1);
    }
    assert_true(rt_hashset_bytes(&s) > reserved);
    rng = seed;
    for (int i = 0; i < 5000; i++) {
        Hash128 h = {next_rand(), 0};
        h.b = next_rand();
        assert_int_equal(hs_add(&s, h), 0);
    }
    assert_int_equal(s.len, 5 * N);
    rt_hashset_free(&s);

    /* A hint smaller than one segment's keys (all 8,000 in segment 0, 4,687 its share of the
     * 300,000 asked for) must not squeeze them: each segment gets at least room for its own. */
    memset(&s, 0, sizeof s);
    seed = rng;
    for (uint64_t i = 0; i < 8000; i++) {
        Hash128 h = {next_rand(), i};
        assert_int_equal(hs_add(&s, h), 1);
    }
    assert_int_equal(rt_hashset_reserve(&s, 300000), 0);
    assert_non_null(s.block);
    assert_true(s.seg[0].cap * 7 / 8 >= 8000);
    rng = seed;
    for (uint64_t i = 0; i < 8000; i++) { /* all kept */
        Hash128 h = {next_rand(), i};
        assert_int_equal(hs_add(&s, h), 0);
    }
    assert_int_equal(s.seg[0].len, 8000);
    rt_hashset_free(&s);

    /* Worst case for the probing: every hash in one segment with the same home group and only
     * two tags, so groups overflow into the next ones (wrapping around the end) and most tag
     * matches are false. Each hash is found again and no other is. */
    memset(&s, 0, sizeof s);
    enum { M = 3000 };
    for (int round = 0; round < 2; round++)
        for (uint64_t i = 0; i < M; i++) {
            Hash128 h = {0xFFFFFFFF00000000ull | (i & 1) | (i << 7), 0x42 + i};
            assert_int_equal(hs_add(&s, h), round == 0 ? 1 : 0);
        }
    for (uint64_t i = 0; i < M; i++) { /* same a, other b (in the bits kept); same b, other a */
        Hash128 h = {0xFFFFFFFF00000000ull | (i & 1) | (i << 7), 0x42 + i + ((uint64_t)(i + 1) << 34)};
        assert_int_equal(hs_add(&s, h), 1);
        Hash128 g = {0xFFFFFFFF00000000ull | (i & 1) | ((i + 2 * M) << 7), 0x42 + i};
        assert_int_equal(hs_add(&s, g), 1);
    }
    assert_int_equal(s.len, 3 * M);
    /* b's low 40 bits hold the place, its top 6 choose the segment: 94 bits tell keys apart */
    Hash128 lo = {0x1234, 0x42 + 99}, hi = {0x1234, 0x42 + ((uint64_t)1 << 57)};
    Hash128 base = {0x1234, 0x42};
    assert_int_equal(hs_add(&s, base), 1);
    assert_int_equal(hs_add(&s, lo), 0); /* differs from it below bit 34 only */
    assert_int_equal(hs_add(&s, hi), 1);
    rt_hashset_free(&s);

    /* places are ordinals kept modulo 2^40: the whole one is found again from a later one */
    uint64_t big = ((uint64_t)3 << 40) + 17;
    assert_int_equal(rt_hashset_loc(big + 1000, big & (((uint64_t)1 << 40) - 1)), big);
    assert_int_equal(rt_hashset_loc(big, big & (((uint64_t)1 << 40) - 1)), big);
    assert_int_equal(rt_hashset_loc(((uint64_t)4 << 40) + 5, ((uint64_t)1 << 40) - 1), ((uint64_t)4 << 40) - 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_dfa_agrees),
        cmocka_unit_test(test_dfa_hand_tables),
        cmocka_unit_test(test_dfa_accel_offsets),
        cmocka_unit_test(test_scanners),
        cmocka_unit_test(test_utf8_prefix),
        cmocka_unit_test(test_uuid),
        cmocka_unit_test(test_uuid_every_byte),
        cmocka_unit_test(test_csv_one_pass),
        cmocka_unit_test(test_value_images_agree),
        cmocka_unit_test(test_hashset),
        cmocka_unit_test(test_temporal_shapes),
        cmocka_unit_test(test_number_fast),
        cmocka_unit_test(test_fast_values_agree),
        cmocka_unit_test(test_json_dq_agrees),
        cmocka_unit_test(test_fused_member_agrees),
        cmocka_unit_test(test_string_chars_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
