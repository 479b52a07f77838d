/* gen_orders.c - writes orders-like records for the validation benchmark, deterministically.
 * usage: gen_orders jsonl|csv|exact|exactcsv MEGABYTES > file
 * jsonl and csv: the records of tests/bench/orders.dc; exact: JSON Lines of
 * tests/bench/orders_exact.dc (uuids, e-mail, date-time patterns; notes with escapes, non-ASCII
 * and astral characters); exactcsv: the same records as RFC 4180 CSV with a header (notes
 * quoted, quotes doubled, tabs and line breaks raw), for tests/bench/orders_typed.dc. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9E3779B97F4A7C15ull;
static uint64_t next(void)
{
    /* xorshift64*: fixed seed, so every run writes the same bytes */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 2685821657736338717ull;
}

static void uuid(char *out)
{
    uint64_t a = next(), b = next();
    snprintf(out, 37, "%08x-%04x-4%03x-%04x-%012llx", (unsigned)(a >> 32), (unsigned)(a >> 16) & 0xffff,
             (unsigned)a & 0xfff, (unsigned)(0x8000 | (b >> 48 & 0x3fff)), (unsigned long long)(b & 0xffffffffffffull));
}

/* Appends the JSON text (csv: the text inside a quoted CSV field) of one character of a note:
 * mostly ASCII letters and spaces, sometimes a comma, a quote, a backslash, a tab, a line break,
 * a Latin-1, a CJK or an astral character. Returns the bytes written. Both spellings draw the same
 * random numbers, so the two formats hold the same notes. */
static unsigned note_char(char *o, int csv)
{
    static const char *const json_rare[] = {",", "\\\"", "\\\\", "\\t", "\\n", "\xc3\xa9", "\xc3\xbc",
                                            "\xe6\x97\xa5", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "."};
    static const char *const csv_rare[] = {",", "\"\"", "\\", "\t", "\n", "\xc3\xa9", "\xc3\xbc",
                                           "\xe6\x97\xa5", "\xe2\x82\xac", "\xf0\x9f\x98\x80", "."};
    const char *const *rare = csv ? csv_rare : json_rare;
    unsigned r = (unsigned)(next() % 100);
    const char *c;
    char one[2] = {0, 0};
    if (r < 16) {
        c = " ";
    } else if (r < 92) {
        one[0] = (char)('a' + next() % 26);
        c = one;
    } else {
        unsigned pick = (unsigned)(next() % (sizeof json_rare / sizeof *json_rare));
        c = rare[pick];
        if (pick == 4 && next() % 8) c = " "; /* line breaks are rare */
    }
    unsigned n = (unsigned)strlen(c);
    memcpy(o, c, n);
    return n;
}

/* Days in a month of a year (leap years by the Gregorian rule). */
static unsigned month_days(unsigned y, unsigned m)
{
    static const unsigned d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d[m - 1] + (m == 2 && leap);
}

/* One record of tests/bench/orders_exact.dc as JSON (csv: as a CSV row of
 * tests/bench/orders_typed.dc); returns its length. */
static int exact_record(char *line, size_t cap, const char (*pool)[40], int csv)
{
    static const char *status[] = {"placed", "shipped", "delivered", "cancelled"};
    static const char *channel[] = {"web", "store", "app"};
    static const char *cur[] = {"EUR", "EUR", "EUR", "EUR", "EUR", "EUR", "USD", "USD", "USD",
                                "GBP", "SEK", "CHF", "JPY", "DKK", "NOK", "PLN"};
    static const char *local[] = {"alice", "bob", "carol", "dave", "erin", "frank", "j\xc3\xa9r\xc3\xb4me",
                                  "m.o'neil", "x_y-z"};
    static const char *domain[] = {"example.com", "mail.example.org", "shop.example.net", "example.de"};
    char id[40], email[80], ts[40], note[1024];
    uuid(id);
    unsigned r = (unsigned)(next() % 100);
    if (r < 5)
        strcpy(email, csv ? "" : "null");
    else
        snprintf(email, sizeof email, csv ? "%s%u@%s" : "\"%s%u@%s\"", local[r < 6 ? 6 + next() % 3 : next() % 6],
                 (unsigned)(next() % 100000), domain[next() % 4]);
    unsigned y = 2022 + (unsigned)(next() % 4), mo = 1 + (unsigned)(next() % 12);
    unsigned d = 1 + (unsigned)(next() % month_days(y, mo));
    int k = snprintf(ts, sizeof ts, "%04u-%02u-%02uT%02u:%02u:%02u", y, mo, d, (unsigned)(next() % 24),
                     (unsigned)(next() % 60), (unsigned)(next() % 60));
    if (next() % 3 == 0) k += snprintf(ts + k, sizeof ts - (size_t)k, ".%03u", (unsigned)(next() % 1000));
    snprintf(ts + k, sizeof ts - (size_t)k, "Z");
    uint64_t cents = next() % 100000001;
    /* the same draws in the same order for both formats */
    const char *cid = pool[next() % 5000], *cu = cur[next() % 16], *st = status[next() % 4];
    unsigned qty = 1 + (unsigned)(next() % 999);
    const char *ch = channel[next() % 3];
    int len = csv ? snprintf(line, cap, "%s,%s,%s,%llu.%02llu,%s,%s,%s,%u,%s,", id, cid, email,
                             (unsigned long long)(cents / 100), (unsigned long long)(cents % 100), cu, st, ts, qty, ch)
                  : snprintf(line, cap,
                       "{\"order_id\":\"%s\",\"customer_id\":\"%s\",\"email\":%s,\"amount\":%llu.%02llu,"
                       "\"currency\":\"%s\",\"status\":\"%s\",\"created_at\":\"%s\",\"quantity\":%u,"
                       "\"channel\":\"%s\"",
                       id, cid, email, (unsigned long long)(cents / 100),
                       (unsigned long long)(cents % 100), cu, st, ts, qty, ch);
    if (next() % 100 < 35) { /* a note of 1..200 characters */
        unsigned chars = 1 + (unsigned)(next() % 200), pos = 0;
        for (unsigned i = 0; i < chars; i++) pos += note_char(note + pos, csv);
        note[pos] = '\0';
        len += snprintf(line + len, cap - (size_t)len, csv ? "\"%s\"" : ",\"note\":\"%s\"", note);
    }
    len += snprintf(line + len, cap - (size_t)len, csv ? "\r\n" : "}\n");
    return len;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: gen_orders jsonl|csv|exact|exactcsv MEGABYTES\n", stderr);
        return 2;
    }
    int csv = strcmp(argv[1], "csv") == 0;
    uint64_t limit = strtoull(argv[2], NULL, 10) * 1000000ull, written = 0;
    if (strcmp(argv[1], "exact") == 0 || strcmp(argv[1], "exactcsv") == 0) {
        static char pool[5000][40]; /* customers order more than once */
        static char line[4096];
        for (unsigned i = 0; i < 5000; i++) uuid(pool[i]);
        if (csv = argv[1][5] == 'c', csv)
            written += (uint64_t)printf("order_id,customer_id,email,amount,currency,status,created_at,quantity,channel,note\r\n");
        while (written < limit) {
            int len = exact_record(line, sizeof line, (const char (*)[40])pool, csv);
            fwrite(line, 1, (size_t)len, stdout);
            written += (uint64_t)len;
        }
        return 0;
    }
    static const char *status[] = {"placed", "shipped", "delivered", "cancelled"};
    static const char *cur[] = {"EUR", "USD", "GBP", "SEK"};
    static const char *names[] = {"alice", "bob", "carol", "dave", "erin", "frank"};
    char line[1024], id[40], cid[40], items[400];
    if (csv) written += (uint64_t)printf("order_id,customer_id,order_number,status,currency,amount,created_at,email,items,note\n");
    for (uint64_t n = 1; written < limit; n++) {
        uuid(id);
        uuid(cid);
        unsigned nitems = 1 + next() % 3, pos = 0;
        items[pos++] = '[';
        for (unsigned i = 0; i < nitems; i++)
            pos += (unsigned)snprintf(items + pos, sizeof items - pos, "%s{\"sku\":\"SKU-%05u\",\"qty\":%u,\"price\":%u.%02u}",
                                      i ? "," : "", (unsigned)(next() % 100000), (unsigned)(1 + next() % 20),
                                      (unsigned)(next() % 500), (unsigned)(next() % 100));
        items[pos++] = ']';
        items[pos] = '\0';
        unsigned day = 1 + next() % 28, h = next() % 24, m = next() % 60, s = next() % 60;
        unsigned long long cents = next() % 10000000;
        const char *st = status[next() % 4], *cu = cur[next() % 4], *nm = names[next() % 6];
        int has_note = next() % 4 == 0;
        int len;
        if (!csv) {
            len = snprintf(line, sizeof line,
                           "{\"order_id\":\"%s\",\"customer_id\":\"%s\",\"order_number\":\"SO-2026-%06llu\","
                           "\"status\":\"%s\",\"currency\":\"%s\",\"amount\":%llu.%02llu,"
                           "\"created_at\":\"2026-11-%02uT%02u:%02u:%02uZ\",\"email\":\"%s%llu@example.com\","
                           "\"items\":%s,\"note\":%s}\n",
                           id, cid, (unsigned long long)(n % 1000000), st, cu, cents / 100, cents % 100, day, h, m, s,
                           nm, (unsigned long long)n, items, has_note ? "\"gift wrap, please\"" : "null");
        } else {
            /* items as a JSON cell: quotes doubled per RFC 4180 */
            char q[800];
            unsigned k = 0;
            for (const char *p = items; *p; p++) {
                if (*p == '"') q[k++] = '"';
                q[k++] = *p;
            }
            q[k] = '\0';
            len = snprintf(line, sizeof line,
                           "%s,%s,SO-2026-%06llu,%s,%s,%llu.%02llu,2026-11-%02uT%02u:%02u:%02uZ,%s%llu@example.com,\"%s\",%s\n",
                           id, cid, (unsigned long long)(n % 1000000), st, cu, cents / 100, cents % 100, day, h, m, s,
                           nm, (unsigned long long)n, q, has_note ? "\"gift wrap, please\"" : "");
        }
        fwrite(line, 1, (size_t)len, stdout);
        written += (uint64_t)len;
    }
    return 0;
}
