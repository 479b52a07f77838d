/* order_gate.c - a pipeline step that stops bad orders at the door.
 *
 * Reads orders as JSON Lines on stdin, passes every record that meets the sales.orders contract
 * to stdout, and writes the others to a quarantine file, each after a `#` line naming its
 * violations. It links
 * the validator dcc generated (sales_orders__orders.c) and the dcc runtime, nothing else.
 *
 *   dcc gen -t c -o gen examples/sales/orders.dc
 *   cc -std=c11 -I runtime -I gen examples/pipeline/order_gate.c gen/sales_orders__orders.c \
 *      libdccrt.a -lm -o order_gate
 *   order_gate quarantine.txt < orders.jsonl > clean.jsonl
 */
#define _POSIX_C_SOURCE 200809L /* getline */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sales_orders__orders.h"

/* Violations of the current record, collected by the callback. */
typedef struct {
    char text[4096];
    size_t len;
    unsigned count;
} Findings;

static void on_violation(void *ud, const dcc_violation *v)
{
    Findings *f = ud;
    f->count++;
    int n = snprintf(f->text + f->len, sizeof f->text - f->len, "%s%s %s: %s", f->len ? "; " : "",
                     dcc_rule_code(v->rule), v->field_path[0] ? v->field_path : "(record)", v->message);
    if (n > 0 && f->len + (size_t)n < sizeof f->text) f->len += (size_t)n;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: order_gate QUARANTINE_FILE < orders.jsonl > clean.jsonl\n", stderr);
        return 2;
    }
    FILE *quarantine = fopen(argv[1], "w");
    if (!quarantine) {
        perror(argv[1]);
        return 2;
    }
    char *err = NULL;
    dcc_validator *v = sales_orders_orders_validator(&err);
    if (!v) {
        fprintf(stderr, "order_gate: %s\n", err);
        dcc_error_free(err);
        return 2;
    }
    Findings f = {{0}, 0, 0};
    /* One stream for the whole input, so a duplicate order_id is caught across records. */
    dcc_callbacks cb = DCC_CALLBACKS_INIT;
    cb.on_violation = on_violation;
    cb.userdata = &f;
    dcc_stream_opts opts = DCC_STREAM_OPTS_INIT;
    opts.callbacks = &cb;
    opts.skip_quality = true;
    dcc_stream *s = NULL;
    int rc = dcc_stream_open(v, &opts, &s);
    if (rc != 0) {
        fprintf(stderr, "order_gate: %s\n", dcc_strerror(rc));
        dcc_validator_free(v);
        fclose(quarantine);
        return 2;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t n;
    unsigned long passed = 0, stopped = 0;
    while (s && (n = getline(&line, &cap, stdin)) > 0) {
        if (line[0] == '\n') continue; /* blank lines carry no record */
        f.len = 0;
        f.count = 0;
        f.text[0] = '\0';
        if ((rc = dcc_validate_record(s, line, (size_t)n)) != 0) {
            fprintf(stderr, "order_gate: %s\n", dcc_strerror(rc));
            break;
        }
        if (f.count == 0) {
            fwrite(line, 1, (size_t)n, stdout);
            passed++;
        } else {
            /* A comment line naming what is wrong, then the record as it came. */
            fprintf(quarantine, "# %s\n", f.text);
            fwrite(line, 1, (size_t)n, quarantine);
            stopped++;
        }
    }
    free(line);
    dcc_stream_free(s);
    dcc_validator_free(v);
    fclose(quarantine);
    fprintf(stderr, "order_gate: %lu orders passed, %lu quarantined\n", passed, stopped);
    return 0;
}
