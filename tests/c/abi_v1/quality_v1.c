/* quality_v1.c - a program as it was written against the libdccrt 0.1 header: validates JSON Lines
 * on stdin through the 0.1-generated sales_orders__orders.c with quality rules on (now given as
 * Unix seconds, argv[1]) and prints RECORD<TAB>RULE<TAB>FIELD per violation. tests/c/abi.sh
 * compares it with `dcc validate`: descriptors of ABI 1, double thresholds and all, give today's
 * verdicts. */
#include <stdio.h>
#include <stdlib.h>

#include "sales_orders__orders.h"

static void print(void *userdata, const dcc_violation *v)
{
    (void)userdata;
    printf("%llu\t%s\t%s\n", (unsigned long long)v->record, dcc_rule_code(v->rule), v->field_path);
}

int main(int argc, char **argv)
{
    if (argc != 2)
        return 2;
    static char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, stdin);
    char *err = NULL;
    dcc_validator *v = sales_orders__orders_validator(&err);
    if (!v) {
        fprintf(stderr, "quality_v1: %s\n", err ? err : "no validator");
        free(err);
        return 2;
    }
    dcc_stream_opts o = {.on_violation = print, .now = strtoll(argv[1], NULL, 10)};
    dcc_stream_stats st;
    int rc = sales_orders__orders_validate_jsonl(v, buf, n, &o, &st);
    dcc_validator_free(v);
    fprintf(stderr, "%llu records\n", (unsigned long long)st.records);
    return rc == 0 ? 0 : 2;
}
