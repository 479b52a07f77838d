/* rt_scale.c - benchmark (not a test) of how the runtime scales with the size of a contract:
 * dcc_validator_new over datasets of 1k to 1M fields (names checked for duplicates, name index),
 * and validating 100k records against enumerations and allowed-value lists of 1k to 100k
 * entries. Linear work shows as a flat time per field and per record; tests/bench/run.sh runs it.
 *   rt_scale    prints two tables */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dcc_rt.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static char **names(size_t n, const char *fmt)
{
    char **v = malloc(n * sizeof *v);
    for (size_t i = 0; i < n; i++) {
        v[i] = malloc(16);
        snprintf(v[i], 16, fmt, i);
    }
    return v;
}

static void free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

int main(void)
{
    printf("dcc_validator_new on a dataset of N int32 fields\n");
    printf("%10s %12s %16s\n", "fields", "seconds", "ns/field");
    for (size_t n = 1000; n <= 1000000; n *= 10) {
        char **nm = names(n, "f%zu");
        dcc_field_desc *f = calloc(n, sizeof *f);
        for (size_t i = 0; i < n; i++)
            f[i] = (dcc_field_desc){.name = nm[i], .kind = DCC_INT32, .optional = true};
        dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "wide", .fields = f, .nfields = n};
        double t0 = now();
        dcc_validator *v = dcc_validator_new(&d, NULL);
        double s = now() - t0;
        if (!v)
            return 1;
        printf("%10zu %12.4f %16.1f\n", n, s, s * 1e9 / (double)n);
        dcc_validator_free(v);
        free(f);
        free_names(nm, n);
    }

    printf("\n100,000 records of an enumeration and an allowed-values string of N entries each\n");
    printf("(every 10th value is not in the list)\n");
    printf("%10s %12s %16s\n", "entries", "seconds", "ns/record");
    enum { RECORDS = 100000 };
    for (size_t n = 1000; n <= 100000; n *= 10) {
        char **ev = names(n, "e%zu"), **av = names(n, "a%zu");
        const dcc_field_desc f[] = {
            {.name = "e", .kind = DCC_ENUM, .enum_values = (const char *const *)ev, .nenum_values = n},
            {.name = "a", .kind = DCC_STRING, .values = (const char *const *)av, .nvalues = n},
        };
        dcc_dataset_desc d = {.abi = DCC_ABI_TAG, .name = "lists", .fields = f, .nfields = 2};
        dcc_validator *v = dcc_validator_new(&d, NULL);
        if (!v)
            return 1;
        size_t cap = (size_t)RECORDS * 48, len = 0;
        char *in = malloc(cap);
        unsigned long long x = 88172645463325252ull;
        for (int r = 0; r < RECORDS; r++) {
            x ^= x << 13, x ^= x >> 7, x ^= x << 17;
            size_t k = (size_t)(x % n);
            len += (size_t)snprintf(in + len, cap - len, "{\"e\":\"e%zu\",\"a\":\"%s%zu\"}\n", k,
                                    r % 10 == 9 ? "z" : "a", n - 1 - k);
        }
        dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
        o.skip_quality = true;
        dcc_stream *s;
        if (dcc_stream_open(v, &o, &s) != 0)
            return 1;
        double t0 = now();
        dcc_stream_feed(s, in, len);
        dcc_stream_finish(s);
        double t = now() - t0;
        if (dcc_stream_count(s, DCC_RULE_VALUES) != RECORDS / 10)
            return 1;
        printf("%10zu %12.4f %16.1f\n", n, t, t * 1e9 / RECORDS);
        dcc_stream_free(s);
        dcc_validator_free(v);
        free(in);
        free_names(ev, n);
        free_names(av, n);
    }
    return 0;
}
