# gen_payments.awk - N records of examples/finance/payments.dc as JSON Lines, deterministically,
# with duplicates planted far apart (so that they fall into different partitions):
#   awk -v n=200000 -v counts=FILE -f tests/c/gen_payments.awk > payments.jsonl
# FILE gets "pk DUPS" and "unique DUPS": how many records repeat the payment_id, or the
# (provider, provider_reference), of an earlier well-formed record, counted here in awk arrays.
# With -v places=FILE2, FILE2 gets one line per such record: "DV017 LINE FIRST" (DV018 for the
# unique key), LINE its line and FIRST the line of the record that had the key first.
# Some records also break field rules (amount 0, a bad enumeration value, a malformed line),
# some have null parts of a key (never compared), and blank lines are scattered in.
function rnd() { seed = (seed * 16807) % 2147483647; return seed }
function pid(i) { return sprintf("%08x-0000-4000-8000-%012d", i, i * 7) }
BEGIN {
    seed = 20261202
    split("adyen stripe paypal klarna bank-transfer", prov, " ")
    split("card sepa_debit paypal invoice apple-pay", meth, " ")
    split("authorised captured refunded failed", stat, " ")
    pk = 0; uq = 0; line = 0
    for (i = 1; i <= n; i++) {
        r = rnd()
        id = pid(i)
        p = (i % 5) + 1
        ref = sprintf("\"R%07d\"", i)
        if (i > 1000 && r % 97 == 0) { # the payment_id of a record far back
            id = pid(i - 1 - rnd() % (i - 1))
        } else if (i > 1000 && r % 89 == 1) { # provider and reference of a far record of the same provider
            j = i - 5 * (1 + rnd() % int((i - 1) / 5)); ref = sprintf("\"R%07d\"", j)
        } else if (i > 1000 && r % 83 == 2) { # both: the payment_id far back, the reference near
            id = pid(1 + rnd() % 500); ref = sprintf("\"R%07d\"", i - 5)
        } else if (r % 211 == 2) {
            ref = "null"
        }
        amount = (r % 53 == 3) ? "0" : sprintf("%d.%04d", 1 + r % 900, r % 10000)
        m = (r % 61 == 4) ? "cash" : meth[(r % 5) + 1]
        cap = (r % 7 == 0) ? "null" : sprintf("\"2026-11-%02dT%02d:%02d:01Z\"", 1 + r % 24, r % 24, r % 60)
        if (r % 401 == 5) { print "{\"payment_id\": \"" id "\", \"amount\": 1.0"; line++; continue }
        if (r % 331 == 6) { print ""; line++ }
        line++
        if (id in seen_pk) { pk++; if (places != "") print "DV017", line, seen_pk[id] > places }
        else seen_pk[id] = line
        if (ref != "null") {
            if ((p, ref) in seen_uq) { uq++; if (places != "") print "DV018", line, seen_uq[p, ref] > places }
            else seen_uq[p, ref] = line
        }
        printf "{\"payment_id\": \"%s\", \"order_id\": \"%s\", \"provider\": \"%s\", \"provider_reference\": %s, \"method\": \"%s\", \"amount\": %s, \"currency\": \"EUR\", \"status\": \"%s\", \"authorised_at\": \"2026-11-%02dT%02d:%02d:00Z\", \"captured_at\": %s}\n", \
            id, pid(n + i), prov[p], ref, m, amount, stat[(r % 4) + 1], 1 + r % 24, r % 24, r % 60, cap
    }
    print "pk " pk > counts
    print "unique " uq > counts
}
