/* wrong_validator.c - a generated function handed another dataset's validator (tests/c/abi.sh):
 * sales_orders_order_lines_validate_* with the orders validator must refuse it (DCC_EVALIDATOR),
 * zero the counters and touch nothing else, where before they read records through the wrong
 * descriptor and overflowed the heap (under ASan this program proves they no longer do). Its own
 * validator still works. Prints "wrong validator: N failed". */
#include <stdio.h>
#include <string.h>

#include "sales_orders__order_lines.h"
#include "sales_orders__orders.h"

static int failures;

static void check(const char *what, int got, int want)
{
    if (got != want) {
        printf("FAIL: %s: %d (%s), want %d\n", what, got, dcc_strerror(got), want);
        failures++;
    }
}

int main(void)
{
    dcc_validator *orders = sales_orders_orders_validator(NULL);
    dcc_validator *lines = sales_orders_order_lines_validator(NULL);
    if (!orders || !lines) {
        puts("FAIL: validators");
        return 1;
    }
    const char *jsonl = "{\"order_id\":\"b64e34c5-8be7-4ad4-a065-988c1f2e5014\"}\n";
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    st.records = 77;
    check("jsonl", sales_orders_order_lines_validate_jsonl(orders, jsonl, strlen(jsonl), NULL, &st), DCC_EVALIDATOR);
    check("counters zeroed", (int)st.records, 0);
    check("csv", sales_orders_order_lines_validate_csv(orders, "a\n1\n", 4, NULL, NULL), DCC_EVALIDATOR);
    /* two records of the smaller struct, read as the larger one before */
    sales_orders_order_lines recs[2];
    memset(recs, 0, sizeof recs);
    check("structs", sales_orders_order_lines_validate_structs(orders, recs, 2, NULL, &st), DCC_EVALIDATOR);
    check("structs the other way", sales_orders_orders_validate_structs(lines, NULL, 0, NULL, NULL), DCC_EVALIDATOR);
    check("NULL validator", sales_orders_orders_validate_jsonl(NULL, jsonl, 1, NULL, NULL), DCC_EINVAL);
    /* the right one: two all-zero records are invalid but validated */
    check("own validator", sales_orders_order_lines_validate_structs(lines, recs, 2, NULL, &st), 0);
    check("records", (int)st.records, 2);
    check("invalid", (int)st.invalid, 2);
    /* counters without their size */
    dcc_stream_stats unsized;
    memset(&unsized, 0, sizeof unsized);
    check("unsized counters", sales_orders_order_lines_validate_structs(lines, recs, 2, NULL, &unsized), DCC_EINVAL);
    dcc_validator_free(orders);
    dcc_validator_free(lines);
    printf("wrong validator: %d failed\n", failures);
    return failures ? 1 : 0;
}
