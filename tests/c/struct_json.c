/* struct_json.c - the struct path against the JSON path (tests/c/struct_json.sh): makes N
 * pseudo-random records of tests/c/lists.dc's dataset `shapes` (typed lists of scalars, enums,
 * structs and lists, a map of lists, absent and null fields, floats at their bounds, invalid
 * values of every kind), fills the generated record structs and writes the same records as JSON
 * Lines from the same choices, then validates the structs with test_lists_shapes_validate_structs.
 *
 *   struct_json N SEED OUT.jsonl
 *
 * Prints one line per violation as record, rule, field, message and value separated by tabs (jq's
 * @tsv escapes), then "records valid invalid violations": what `dcc validate --report json` on
 * OUT.jsonl must give, line for line. Every value is chosen as text from the tables below; a struct
 * member gets it converted (strtol, strtod, strtof; bytes as they are) and the JSON gets the text
 * itself (bytes in base64), so the JSON path judges exactly what the test wrote, never a text the
 * runtime printed. The float texts are shortest round-trip decimals (the struct path's reading of
 * a double, docs/c-target.md "Floats"), in C's %g spelling (1e-07) because messages show that.
 *
 *   struct_json bounds
 *
 * validates one clean record with doubles and floats next to the bounds of its float fields and
 * prints each case's violations. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "test_lists__shapes.h"

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

static void die(const char *what)
{
    fprintf(stderr, "struct_json: %s\n", what);
    exit(2);
}

/* ---- choices ---------------------------------------------------------------------------------- */

static uint64_t rng = 88172645463325252ull;

static unsigned pick(unsigned n)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (unsigned)((rng >> 11) % n);
}

/* true once in n */
static bool one_in(unsigned n) { return pick(n) == 0; }

/* Each table lists its valid texts first: the first NAME_OK of NAME (a clean record picks only
 * those). */
static const char *const SCORES[] = {"0", "100", "50", "7", "-1", "101", "32767", "-32768"};
enum { SCORES_OK = 4 };
/* No text that JSON must escape where a finding shows it: an excerpt is the input's text, which
 * in JSON is the escaped form (`tab\u0009`), in a struct the bytes themselves. */
static const char *const TAGS[] = {"abc", "zz", "toolongtag", "ABC", "", "a b", "\xc3\xa9t\xc3\xa9"};
enum { TAGS_OK = 2 };
static const char *const RATIOS[] = {"0", "0.1", "0.05", "-0", "1e-07", "0.09999999999999999", "5e-324",
                                     "0.0999", "0.10000000000000002", "0.30000000000000004", "-1e-300",
                                     "1.7976931348623157e+308"};
enum { RATIOS_OK = 8 };
static const char *const R32[] = {"0.1", "0.05", "1e-45", "0.099999994", "0.10000001", "0",
                                  "3.4028235e+38", "-0.5"};
enum { R32_OK = 4 };
static const char *const COLORS[] = {"red", "green", "blue", "dark-red", "pink", "", "Red"};
enum { COLORS_OK = 4 };
static const char *const PRICES[] = {"12.50", "0", "1234.56", "9999.99", "1.5e2", "0.10", "10000.00",
                                     "1.234", "-0.01", "abc"};
enum { PRICES_OK = 6 };
static const char *const DAYS[] = {"2026-02-28", "2024-02-29", "0000-01-01", "9999-12-31", "2026-02-30",
                                   "2026-1-5"};
enum { DAYS_OK = 4 };
static const char *const STAMPS[] = {"2026-11-25T13:45:00Z", "2026-11-25T13:45:00.123+00:00",
                                     "2026-11-25T25:00:00Z", "2026-11-25T13:45:00+01:00"};
enum { STAMPS_OK = 2 };
static const char *const IDS[] = {"123e4567-e89b-12d3-a456-426614174000",
                                  "123E4567-E89B-12D3-A456-426614174000",
                                  "123e4567e89b12d3a456426614174000", "zzz"};
enum { IDS_OK = 2 };
static const char *const BLOBS[] = {"\001\002", "abcd", "\377\376\375", "", "abcde"};
enum { BLOBS_OK = 3 };
static const char *const NAMES[] = {"tri", "square", "\xe2\x96\xb3", "averyverylongname"};
enum { NAMES_OK = 3 };
static const char *const XS[] = {"0", "1000", "5", "-1000", "-1001"};
enum { XS_OK = 4 };
static const char *const WS[] = {"7", "9", "1", "0", "10"};
enum { WS_OK = 3 };
static const char *const LABELS[] = {"a", "\xc3\xa4\xc3\xb6\xc3\xbc\xc3\xa4\xc3\xb6\xc3\xbc", "abcdefg"};
enum { LABELS_OK = 2 };
static const char *const INT8S[] = {"0", "127", "-128", "5"};
enum { INT8S_OK = 4 };
static const char *const KEYS[] = {"a", "b", "\xc3\xa9", "k\"q"};
static const char *const NOTES[] = {"", "hello", "n/a"};
enum { NOTES_OK = 3 };
static const char *const BOOLS[] = {"true", "false"};
enum { BOOLS_OK = 2 };

/* The record being made is clean: every choice valid, every required field there. A quarter of
 * the records are, so that valid verdicts are compared too. */
static bool clean;

/* A text of table tab: a valid one when the record is clean. */
#define CHOOSE(tab) tab[pick(clean ? tab##_OK : (unsigned)COUNT(tab))]

/* A list length: lo..hi when the record is clean, else 0..any. */
static size_t len(unsigned lo, unsigned hi, unsigned any)
{
    return clean ? lo + pick(hi - lo + 1) : pick(any + 1);
}

/* ---- memory that lives until the records are validated ---------------------------------------- */

static void **kept;
static size_t nkept, capkept;

static void *keep(size_t n)
{
    void *p = calloc(1, n ? n : 1);
    if (nkept == capkept) {
        capkept = capkept ? capkept * 2 : 1024;
        kept = realloc(kept, capkept * sizeof *kept);
    }
    if (!p || !kept)
        die("out of memory");
    kept[nkept++] = p;
    return p;
}

static void free_kept(void)
{
    for (size_t i = 0; i < nkept; i++)
        free(kept[i]);
    free(kept);
}

static dcc_str text(const char *s)
{
    return (dcc_str){s, strlen(s)};
}

/* ---- JSON --------------------------------------------------------------------------------------- */

typedef struct {
    char *p;
    size_t n, cap;
    bool first; /* no member or item yet in the open container */
} Json;

static void put(Json *j, const char *s, size_t n)
{
    if (j->n + n + 1 > j->cap) {
        j->cap = (j->n + n + 1) * 2;
        j->p = realloc(j->p, j->cap);
        if (!j->p)
            die("out of memory");
    }
    memcpy(j->p + j->n, s, n);
    j->n += n;
}
static void puts_(Json *j, const char *s) { put(j, s, strlen(s)); }

static void jstring(Json *j, const char *s, size_t n)
{
    put(j, "\"", 1);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(j, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            put(j, esc, 6);
        } else
            put(j, (const char *)&c, 1);
    }
    put(j, "\"", 1);
}

/* Before a member or an item: the comma, and the key of a member. */
static void sep(Json *j, const char *key)
{
    if (!j->first)
        put(j, ",", 1);
    j->first = false;
    if (key) {
        jstring(j, key, strlen(key));
        put(j, ":", 1);
    }
}
static void open_(Json *j, const char *key, const char *bracket)
{
    sep(j, key);
    puts_(j, bracket);
    j->first = true;
}
static void close_(Json *j, const char *bracket)
{
    puts_(j, bracket);
    j->first = false;
}
static void num(Json *j, const char *key, const char *t)
{
    sep(j, key);
    puts_(j, t);
}
static void str(Json *j, const char *key, const char *t)
{
    sep(j, key);
    jstring(j, t, strlen(t));
}

static void base64(Json *j, const char *key, const char *s, size_t n)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    sep(j, key);
    put(j, "\"", 1);
    for (size_t i = 0; i < n; i += 3) {
        unsigned b0 = (unsigned char)s[i], b1 = i + 1 < n ? (unsigned char)s[i + 1] : 0,
                 b2 = i + 2 < n ? (unsigned char)s[i + 2] : 0;
        char q[4] = {abc[b0 >> 2], abc[(b0 & 3) << 4 | b1 >> 4], i + 1 < n ? abc[(b1 & 15) << 2 | b2 >> 6] : '=',
                     i + 2 < n ? abc[b2 & 63] : '='};
        put(j, q, 4);
    }
    put(j, "\"", 1);
}

/* ---- fields ------------------------------------------------------------------------------------ */

/* A required field: absent once in 40 (the key left out, the struct's flag set and its value
 * filled with something the runtime must not read). */
static bool absent(bool *flag)
{
    *flag = !clean && one_in(40);
    return *flag;
}

/* An optional field: present 3 times in 4; else null or left out, at random. */
static bool present(Json *j, const char *key, bool *has)
{
    *has = pick(4) != 0;
    if (!*has && one_in(2))
        num(j, key, "null");
    return *has;
}

/* A list of count choices from tab: the JSON array, and the items in C (conv fills item k). */
#define LIST(j, key, tab, count, T, conv, jput)                        \
    do {                                                              \
        T *items_ = keep((count) * sizeof(T));                        \
        open_(j, key, "[");                                           \
        for (size_t k_ = 0; k_ < (count); k_++) {                     \
            const char *t_ = CHOOSE(tab);                             \
            items_[k_] = conv(t_);                                    \
            jput(j, NULL, t_);                                        \
        }                                                             \
        close_(j, "]");                                               \
        list_items = items_;                                          \
    } while (0)

static int16_t to_i16(const char *t) { return (int16_t)strtol(t, NULL, 10); }
static int8_t to_i8(const char *t) { return (int8_t)strtol(t, NULL, 10); }
static double to_f64(const char *t) { return strtod(t, NULL); }
static bool to_bool(const char *t) { return t[0] == 't'; }
static dcc_str to_str(const char *t) { return text(t); }

/* A decimal: a JSON number or a string holding it (both are the decimal's JSON forms); text that
 * is no number is always a string. */
static void decimal(Json *j, const char *key, const char *t)
{
    if (strspn(t, "-0123456789.e") == strlen(t) && one_in(2))
        num(j, key, t);
    else
        str(j, key, t);
}

static void point(Json *j, const char *key, test_lists_shapes_polys_points *p)
{
    open_(j, key, "{");
    const char *t;
    if (!absent(&p->dcc_absent.x)) {
        t = CHOOSE(XS);
        p->x = (int32_t)strtol(t, NULL, 10);
        num(j, "x", t);
    } else
        p->x = -5000; /* out of range: must not be read */
    if (!absent(&p->dcc_absent.y)) {
        t = CHOOSE(XS);
        p->y = (int32_t)strtol(t, NULL, 10);
        num(j, "y", t);
    }
    if (present(j, "label", &p->has_label)) {
        t = CHOOSE(LABELS);
        p->label = text(t);
        str(j, "label", t);
    }
    /* w has a default: absent is fine, and more often so */
    p->dcc_absent.w = one_in(3);
    if (!p->dcc_absent.w) {
        t = CHOOSE(WS);
        p->w = (int16_t)strtol(t, NULL, 10);
        num(j, "w", t);
    } else
        p->w = 99;
    close_(j, "}");
}

static void record(Json *j, test_lists_shapes *r, size_t i)
{
    const void *list_items;
    size_t n;
    const char *t;
    open_(j, NULL, "{");
    /* id: mostly its position, sometimes a duplicate or out of range */
    if (!absent(&r->dcc_absent.id)) {
        char *idt = keep(24);
        long long id = clean ? (long long)(i + 1) : one_in(15) ? (long long)(i / 2 + 1) : one_in(30) ? 0 : (long long)(i + 1);
        snprintf(idt, 24, "%lld", id);
        r->id = id;
        num(j, "id", idt);
    }
    if (!absent(&r->dcc_absent.scores)) {
        n = len(0, 5, 6);
        LIST(j, "scores", SCORES, n, int16_t, to_i16, num);
        r->scores = (test_lists_shapes_scores_list){list_items, n};
    } else
        r->scores.count = 3; /* without items: DV006 if it were read */
    if (present(j, "tags", &r->has_tags)) {
        n = pick(4);
        LIST(j, "tags", TAGS, n, dcc_str, to_str, str);
        r->tags = (test_lists_shapes_tags_list){list_items, n};
    }
    if (!absent(&r->dcc_absent.ratios)) {
        n = pick(4);
        LIST(j, "ratios", RATIOS, n, double, to_f64, num);
        r->ratios = (test_lists_shapes_ratios_list){list_items, n};
    }
    if (!absent(&r->dcc_absent.colors)) {
        n = len(1, 3, 3);
        LIST(j, "colors", COLORS, n, dcc_str, to_str, str);
        r->colors = (test_lists_shapes_colors_list){list_items, n};
    }
    if (!absent(&r->dcc_absent.flags)) {
        n = pick(3);
        LIST(j, "flags", BOOLS, n, bool, to_bool, num);
        r->flags = (test_lists_shapes_flags_list){list_items, n};
    }
    if (!absent(&r->dcc_absent.prices)) {
        n = pick(3);
        LIST(j, "prices", PRICES, n, dcc_str, to_str, decimal);
        r->prices = (test_lists_shapes_prices_list){list_items, n};
    }
    if (!absent(&r->dcc_absent.days)) {
        n = len(0, 3, 4);
        LIST(j, "days", DAYS, n, dcc_str, to_str, str);
        r->days = (test_lists_shapes_days_list){list_items, n};
    }
    if (present(j, "stamps", &r->has_stamps)) {
        n = pick(3);
        LIST(j, "stamps", STAMPS, n, dcc_str, to_str, str);
        r->stamps = (test_lists_shapes_stamps_list){list_items, n};
    }
    if (present(j, "ids", &r->has_ids)) {
        n = pick(3);
        LIST(j, "ids", IDS, n, dcc_str, to_str, str);
        r->ids = (test_lists_shapes_ids_list){list_items, n};
    }
    if (present(j, "blobs", &r->has_blobs)) {
        n = pick(3);
        dcc_str *b = keep(n * sizeof *b);
        open_(j, "blobs", "[");
        for (size_t k = 0; k < n; k++) {
            t = CHOOSE(BLOBS);
            b[k] = text(t);
            base64(j, NULL, t, b[k].len);
        }
        close_(j, "]");
        r->blobs = (test_lists_shapes_blobs_list){b, n};
    }
    if (!absent(&r->dcc_absent.grid)) { /* rows of 0..4 scores (1..3 allowed), 0..4 rows (3) */
        n = len(0, 3, 4);
        test_lists_shapes_grid_list *rows = keep(n * sizeof *rows);
        open_(j, "grid", "[");
        for (size_t k = 0; k < n; k++) {
            size_t m = len(1, 3, 4);
            LIST(j, NULL, SCORES, m, int16_t, to_i16, num);
            rows[k] = (test_lists_shapes_grid_list){list_items, m};
        }
        close_(j, "]");
        r->grid = (test_lists_shapes_grid_list_list){rows, n};
    }
    if (!absent(&r->dcc_absent.polys)) {
        n = pick(3);
        test_lists_shapes_polys *ps = keep(n * sizeof *ps);
        open_(j, "polys", "[");
        for (size_t k = 0; k < n; k++) {
            test_lists_shapes_polys *p = &ps[k];
            open_(j, NULL, "{");
            if (!absent(&p->dcc_absent.name)) {
                t = CHOOSE(NAMES);
                p->name = text(t);
                str(j, "name", t);
            }
            if (!absent(&p->dcc_absent.points)) {
                size_t m = len(1, 4, 5);
                test_lists_shapes_polys_points *pts = keep(m * sizeof *pts);
                open_(j, "points", "[");
                for (size_t q = 0; q < m; q++)
                    point(j, NULL, &pts[q]);
                close_(j, "]");
                p->points = (test_lists_shapes_polys_points_list){pts, m};
            }
            if (!absent(&p->dcc_absent.tint)) {
                t = CHOOSE(COLORS);
                p->tint = text(t);
                str(j, "tint", t);
            }
            close_(j, "}");
        }
        close_(j, "]");
        r->polys = (test_lists_shapes_polys_list){ps, n};
    }
    if (present(j, "meta", &r->has_meta)) { /* distinct keys, each a list of int8 */
        n = pick(COUNT(KEYS) + 1);
        dcc_str *keys = keep(n * sizeof *keys);
        test_lists_shapes_meta_list *vals = keep(n * sizeof *vals);
        open_(j, "meta", "{");
        for (size_t k = 0; k < n; k++) {
            keys[k] = text(KEYS[k]);
            size_t m = pick(3);
            LIST(j, KEYS[k], INT8S, m, int8_t, to_i8, num);
            vals[k] = (test_lists_shapes_meta_list){list_items, m};
        }
        close_(j, "}");
        r->meta = (dcc_map){keys, vals, n};
    }
    if (!absent(&r->dcc_absent.origin))
        point(j, "origin", &r->origin);
    if (!absent(&r->dcc_absent.ratio)) {
        t = CHOOSE(RATIOS);
        r->ratio = strtod(t, NULL);
        num(j, "ratio", t);
    } else
        r->ratio = 7.5;
    if (!absent(&r->dcc_absent.r32)) {
        t = CHOOSE(R32);
        r->r32 = strtof(t, NULL);
        num(j, "r32", t);
    }
    if (present(j, "big", &r->has_big)) {
        t = one_in(4) ? "1e+30" : CHOOSE(R32);
        r->big = strtof(t, NULL);
        num(j, "big", t);
    }
    /* note has a default: absent is fine */
    r->dcc_absent.note = one_in(4);
    if (!r->dcc_absent.note) {
        t = CHOOSE(NOTES);
        r->note = text(t);
        str(j, "note", t);
    }
    if (!absent(&r->dcc_absent.code)) { /* a few values: duplicates are DV018 */
        t = CHOOSE(TAGS);
        if (clean || one_in(2)) {
            char *u = keep(16);
            snprintf(u, 16, "c%c%c%c%c", 'a' + (int)(i % 26), 'a' + (int)(i / 26 % 26),
                     'a' + (int)(i / 676 % 26), 'a' + (int)(i / 17576 % 26));
            t = u;
        }
        r->code = text(t);
        str(j, "code", t);
    }
    close_(j, "}\n");
}

/* ---- output ------------------------------------------------------------------------------------- */

/* jq's @tsv: backslash, tab, newline and carriage return escaped. */
static void tsv(const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '\\': fputs("\\\\", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        default: putchar(*s);
        }
    }
}

static void print(void *userdata, const dcc_violation *v)
{
    (void)userdata;
    printf("%llu\t%s\t", (unsigned long long)v->record, dcc_rule_code(v->rule));
    tsv(v->field_path);
    putchar('\t');
    tsv(v->message);
    putchar('\t');
    tsv(v->excerpt);
    putchar('\n');
}

/* Rule codes of the record's violations, each followed by a space. */
static void codes(void *userdata, const dcc_violation *v)
{
    char *out = userdata;
    size_t n = strlen(out);
    snprintf(out + n, 256 - n, "%s %s ", dcc_rule_code(v->rule), v->field_path);
}

/* `struct_json bounds`: a clean record with ratio (float64 in [0, 0.1]) and r32 (float32 in
 * (0, 0.1]) set to doubles and floats next to the bounds; prints "case: codes" for each. */
static int bounds(void)
{
    dcc_validator *v = test_lists_shapes_validator(NULL);
    if (!v)
        die("no validator");
    Json j = {NULL, 0, 0, true};
    clean = true;
    test_lists_shapes base = TEST_LISTS_SHAPES_INIT;
    record(&j, &base, 0);
    struct {
        const char *name;
        double ratio;
        float r32;
    } cases[] = {
        {"0.1 and 0.1f", 0.1, 0.1f},
        {"the double above 0.1", nextafter(0.1, 1), 0.1f},
        {"the double below 0.1", nextafter(0.1, 0), 0.1f},
        {"0.1f as a double", (double)0.1f, 0.1f},
        {"0.1 + 0.2", 0.1 + 0.2, 0.1f},
        {"-0.0", -0.0, 0.1f},
        {"the least double", 5e-324, 0.1f},
        {"the float above 0.1f", 0.05, nextafterf(0.1f, 1)},
        {"the float below 0.1f", 0.05, nextafterf(0.1f, 0)},
        {"the least float", 0.05, nextafterf(0, 1)},
        {"float zero", 0.05, 0.0f},
    };
    for (size_t i = 0; i < COUNT(cases); i++) {
        char out[256] = "";
        dcc_callbacks cb = DCC_CALLBACKS_INIT;
        cb.userdata = out;
        cb.on_violation = codes;
        dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
        o.callbacks = &cb;
        o.skip_quality = true;
        test_lists_shapes r = base;
        r.ratio = cases[i].ratio;
        r.r32 = cases[i].r32;
        if (test_lists_shapes_validate_structs(v, &r, 1, &o, NULL) != 0)
            die("validate_structs failed");
        printf("%s: %s\n", cases[i].name, out);
    }
    dcc_validator_free(v);
    free(j.p);
    free_kept();
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 2 && strcmp(argv[1], "bounds") == 0)
        return bounds();
    if (argc != 4)
        die("usage: struct_json N SEED OUT.jsonl | struct_json bounds");
    size_t n = (size_t)strtoull(argv[1], NULL, 10);
    rng ^= strtoull(argv[2], NULL, 10) * 0x9e3779b97f4a7c15ull;
    test_lists_shapes *recs = keep(n * sizeof *recs);
    Json j = {NULL, 0, 0, true};
    FILE *out = fopen(argv[3], "wb");
    if (!out)
        die("cannot write the JSON Lines");
    for (size_t i = 0; i < n; i++) {
        test_lists_shapes init = TEST_LISTS_SHAPES_INIT;
        recs[i] = init;
        j.n = 0;
        j.first = true;
        clean = one_in(4);
        record(&j, &recs[i], i);
        if (fwrite(j.p, 1, j.n, out) != j.n)
            die("cannot write the JSON Lines");
    }
    if (fclose(out))
        die("cannot write the JSON Lines");
    char *err = NULL;
    dcc_validator *v = test_lists_shapes_validator(&err);
    if (!v)
        die(err ? err : "no validator");
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = print;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    o.callbacks = &cb;
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    int rc = test_lists_shapes_validate_structs(v, recs, n, &o, &st);
    if (rc != 0)
        die(dcc_strerror(rc));
    printf("%llu %llu %llu %llu\n", (unsigned long long)st.records, (unsigned long long)st.valid,
           (unsigned long long)st.invalid, (unsigned long long)st.violations);
    dcc_validator_free(v);
    free(j.p);
    free_kept();
    return 0;
}
