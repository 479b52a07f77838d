/* gen_orders.c - writes orders-like records for the validation benchmark, deterministically.
 * usage: gen_orders jsonl|csv MEGABYTES > file */
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

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: gen_orders jsonl|csv MEGABYTES\n", stderr);
        return 2;
    }
    int csv = strcmp(argv[1], "csv") == 0;
    uint64_t limit = strtoull(argv[2], NULL, 10) * 1000000ull, written = 0;
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
