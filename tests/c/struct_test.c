/* struct_test.c - the struct path of the generated C code (tests/c/run.sh): fills the generated
 * record struct of sales.orders/orders with a valid record and with invalid ones, validates them
 * through sales_orders_orders_validate_structs and checks the rule codes and field paths.
 * Built from the generated sales_orders__orders.c and libdccrt.a only. */
#include <stdio.h>
#include <string.h>

#include "sales_orders__orders.h"

#define S(lit) ((dcc_str){(lit), sizeof(lit) - 1})
#define STR(lit) {(lit), sizeof(lit) - 1} /* in static initializers */

typedef struct {
    char text[2048];
} Log;

static void collect(void *userdata, const dcc_violation *v)
{
    Log *log = userdata;
    size_t n = strlen(log->text);
    snprintf(log->text + n, sizeof log->text - n, "%llu %s %s;", (unsigned long long)v->record,
             dcc_rule_code(v->rule), v->field_path);
}

static const sales_orders_orders_items lines[3] = {
    {.sku = STR("GRO-10442"), .qty = 6, .unit_price = STR("1.79")},
    {.sku = STR("GRO-10587"), .qty = 2, .unit_price = STR("2.49")},
    {.sku = STR("HOU-40021"), .qty = 1, .unit_price = STR("8.94")},
};

/* The first record of examples/sales/data/orders.valid.jsonl. */
static sales_orders_orders valid_order(void)
{
    sales_orders_orders r;
    memset(&r, 0, sizeof r);
    r.order_id = S("b64e34c5-8be7-4ad4-a065-988c1f2e5014");
    r.order_number = S("SO-2026-000519");
    r.customer_id = S("50a74cff-026f-4c84-aa8f-f5f8d837115f");
    r.channel = sales_orders_orders_channel_names[SALES_ORDERS_ORDERS_CHANNEL_WEB];
    r.status = sales_orders_orders_status_names[SALES_ORDERS_ORDERS_STATUS_DELIVERED];
    r.currency = sales_orders_orders_currency_names[SALES_ORDERS_ORDERS_CURRENCY_EUR];
    r.subtotal = S("24.66");
    r.discount_amount = S("0");
    r.shipping_fee = S("4.95");
    r.tax_amount = S("3.25");
    r.total_amount = S("29.61");
    r.total_amount_eur = S("29.61");
    r.item_count = 9;
    r.items = (sales_orders_orders_items_list){lines, 3};
    r.created_at = S("2026-10-28T18:04:12Z");
    r.shipping_country = S("DE");
    r.has_promised_delivery = true;
    r.promised_delivery = S("2026-10-30");
    r.has_delivery_note = true;
    r.delivery_note = S("Bitte beim Nachbarn (Nr. 12) abgeben, falls niemand \xc3\xb6""ffnet");
    return r;
}

static int failures;

static void expect(const dcc_validator *v, const char *what, const sales_orders_orders *recs, size_t n,
                   const char *want)
{
    Log log = {{0}};
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.userdata = &log;
    cb.on_violation = collect;
    dcc_stream_opts o = DCC_STREAM_OPTS_INIT;
    o.callbacks = &cb;
    o.skip_quality = true;
    dcc_stream_stats st = DCC_STREAM_STATS_INIT;
    int rc = sales_orders_orders_validate_structs(v, recs, n, &o, &st);
    if (rc != 0 || strcmp(log.text, want) != 0 || st.records != n) {
        printf("FAIL: %s: rc %d, records %llu, got \"%s\", want \"%s\"\n", what, rc,
               (unsigned long long)st.records, log.text, want);
        failures++;
    }
}

int main(void)
{
    char *err = NULL;
    dcc_validator *v = sales_orders_orders_validator(&err);
    if (!v) {
        printf("FAIL: validator: %s\n", err ? err : "?");
        return 1;
    }
    sales_orders_orders r = valid_order();
    expect(v, "valid record", &r, 1, "");

    r = valid_order();
    r.order_number = S("SO-26-1");
    expect(v, "pattern", &r, 1, "1 DV014 order_number;");

    r = valid_order();
    r.status = S("lost");
    expect(v, "enum value", &r, 1, "1 DV015 status;");

    r = valid_order();
    r.has_email = true;
    r.email = S("not-an-address");
    expect(v, "optional present", &r, 1, "1 DV014 email;");

    r = valid_order();
    r.has_email = false;
    r.email = S("not-an-address"); /* ignored: has_email says null */
    expect(v, "optional absent", &r, 1, "");

    r = valid_order();
    sales_orders_orders_items bad[2] = {lines[0], {.sku = S("GRO-1"), .qty = 0, .unit_price = S("1.00")}};
    r.items = (sales_orders_orders_items_list){bad, 2};
    expect(v, "nested list of structs", &r, 1, "1 DV014 items[1].sku;1 DV016 items[1].qty;");

    r = valid_order();
    r.items = (sales_orders_orders_items_list){NULL, 0};
    expect(v, "list length", &r, 1, "1 DV013 items;");

    r = valid_order();
    r.created_at = S("2026-02-30T10:00:00Z");
    r.item_count = 0;
    expect(v, "temporal and range", &r, 1, "1 DV016 item_count;1 DV010 created_at;");

    r = valid_order();
    r.shipping_fee = S("12.345");
    expect(v, "decimal scale", &r, 1, "1 DV008 shipping_fee;");

    /* absent fields: as keys left out of a JSON record, reported after the values */
    r = valid_order();
    r.dcc_absent.order_id = true;
    r.order_number = S("SO-26-1");
    expect(v, "required field absent", &r, 1, "1 DV014 order_number;1 DV004 order_id;");

    r = valid_order();
    r.dcc_absent.currency = true; /* default "EUR" */
    r.currency = S("not read");
    expect(v, "absent field with a default", &r, 1, "");

    r = valid_order();
    sales_orders_orders_items gone[2] = {lines[0], lines[1]};
    gone[1].dcc_absent.qty = true;
    gone[1].dcc_absent.sku = true;
    r.items = (sales_orders_orders_items_list){gone, 2};
    r.dcc_absent.status = true;
    expect(v, "absent nested fields", &r, 1, "1 DV004 items[1].sku;1 DV004 items[1].qty;1 DV004 status;");

    sales_orders_orders two[2] = {valid_order(), valid_order()};
    two[1].order_number = S("SO-2026-000520");
    two[1].created_at = S("2026-10-28T18:05:00Z");
    expect(v, "duplicate primary key", two, 2, "2 DV017 order_id;");

    /* the typed helpers: SALES_ORDERS_ORDERS_INIT holds the contract's defaults (currency
     * "EUR", discount_amount 0, gift_wrap false; optional fields null), enumeration constants
     * come from their names, decimals and timestamps from integers */
    sales_orders_orders d = SALES_ORDERS_ORDERS_INIT;
    if (d.currency.len != 3 || memcmp(d.currency.ptr, "EUR", 3) != 0 || d.discount_amount.len != 1 ||
        d.discount_amount.ptr[0] != '0' || d.gift_wrap || d.has_email || d.items.count != 0) {
        printf("FAIL: SALES_ORDERS_ORDERS_INIT does not hold the defaults\n");
        failures++;
    }
    if (sales_orders_orders_status_from_string("delivered", 9) != SALES_ORDERS_ORDERS_STATUS_DELIVERED ||
        sales_orders_orders_status_from_string("deliver", 7) != -1 ||
        sales_orders_orders_status_from_string("", 0) != -1 ||
        sales_orders_orders_channel_from_string("web", 3) != SALES_ORDERS_ORDERS_CHANNEL_WEB) {
        printf("FAIL: _from_string\n");
        failures++;
    }
    char b[6][DCC_TEXT_MAX];
    d.order_id = S("b64e34c5-8be7-4ad4-a065-988c1f2e5014");
    d.order_number = S("SO-2026-000519");
    d.customer_id = S("50a74cff-026f-4c84-aa8f-f5f8d837115f");
    d.channel = sales_orders_orders_channel_names[sales_orders_orders_channel_from_string("web", 3)];
    d.status = sales_orders_orders_status_names[SALES_ORDERS_ORDERS_STATUS_DELIVERED];
    d.subtotal = dcc_decimal_text(b[0], 2466, 2);
    d.shipping_fee = dcc_decimal_text(b[1], 495, 2);
    d.tax_amount = dcc_decimal_text(b[2], 325, 2);
    d.total_amount = d.total_amount_eur = dcc_decimal_text(b[3], 2961, 2);
    d.item_count = 9;
    d.items = (sales_orders_orders_items_list){lines, 3};
    d.created_at = dcc_timestamp_text(b[4], 1793210652, 0); /* 2026-10-28T18:04:12Z */
    d.shipping_country = S("DE");
    d.has_promised_delivery = true;
    d.promised_delivery = dcc_date_text(b[5], 20756); /* 2026-10-30 */
    expect(v, "from SALES_ORDERS_ORDERS_INIT and the helpers", &d, 1, "");
    sales_orders_orders z;
    memset(&z, 0, sizeof z);
    z = d;
    z.currency = (dcc_str){NULL, 0}; /* what a zeroed struct has instead of the default */
    expect(v, "a zeroed default", &z, 1, "1 DV015 currency;");

    dcc_validator_free(v);
    printf("struct path: %d failed\n", failures);
    return failures ? 1 : 0;
}
