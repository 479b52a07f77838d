#!/bin/sh
# run.sh DCC - verdicts on the public corpus (tests/corpus/public/datacontract-cli) must match the
# ones datacontract-cli's own test suite states (see the corpus README).
set -u
DCC=$1
. tests/cli/lib.sh
C=${CORPUS:-tests/corpus/public/datacontract-cli}
[ -d "$C" ] || { echo "corpus not found at $C"; exit 1; }
E=$C/schema-evolution

# verdict WANT(pass|fail) RULE-OR-- CONTRACT FILES...
verdict() {
    want=$1; rule=$2; contract=$3; shift 3
    OUT=$("$DCC" validate "tests/corpus/$contract" --dataset "${DATASET:-cities}" --skip-quality "$@" 2>&1); rc=$?
    case "$want" in
        pass) [ $rc -eq 0 ] && ok || { bad "$contract on $*: expected to pass (exit $rc)"; echo "$OUT" | head -5; } ;;
        fail) [ $rc -eq 1 ] && ok || { bad "$contract on $*: expected to fail (exit $rc)"; echo "$OUT" | head -5; }
              [ "$rule" = - ] || contains "$OUT" "[$rule]" ;;
    esac
}

verdict pass -     cities_v2.dc "$E/cities-version-2.csv"
verdict pass -     cities_v2.dc "$E/cities-version-2.json"
verdict fail DV004 cities_v2.dc "$E/cities-version-1.csv"         # population column absent
verdict fail DV016 cities_v2.dc "$E/invalid/cities-version-2-invalid.csv"  # 9000 < 10000
verdict fail DV004 cities_v3.dc "$E/cities-version-1.csv"         # required field missing
verdict pass -     cities_v2.dc "$E/cities-version-1.csv" "$E/cities-version-2.csv"  # mixed
verdict pass -     cities_v1.dc "$E/cities-version-1.csv"
# The same verdicts from datacontract-cli's own ODCS files, read by dcc's ODCS front end.
O=public/datacontract-cli/schema-evolution/odcs-datacontract-cities-version
verdict pass -     $O-2.yaml "$E/cities-version-2.csv"
verdict pass -     $O-2.yaml "$E/cities-version-2.json"
verdict fail DV004 $O-2.yaml "$E/cities-version-1.csv"
verdict fail DV016 $O-2.yaml "$E/invalid/cities-version-2-invalid.csv"
verdict fail DV004 $O-3.yaml "$E/cities-version-1.csv"
verdict pass -     $O-2.yaml "$E/cities-version-1.csv" "$E/cities-version-2.csv"
verdict pass -     $O-1.yaml "$E/cities-version-1.csv"
# local-json-nd's contract is datacontract-cli's own format (dataContractSpecification), not ODCS:
# dcc refuses it as such (DC1109), so the flights keep their hand-written equivalent.
OUT=$("$DCC" check "$C/local-json-nd/datacontract.yaml" 2>&1); [ $? -eq 1 ] && contains "$OUT" "[DC1109]" || bad "local-json-nd: not refused as another format"
# local-json-nd: 100 flights pass, including the row-count rule (quality on).
OUT=$("$DCC" validate tests/corpus/flights.dc --dataset flights "$C/local-json-nd/data/flights-100.json" 2>&1); rc=$?
[ $rc -eq 0 ] && ok || { bad "flights: expected to pass (exit $rc)"; echo "$OUT" | head -5; }
contains "$OUT" "100 records: 100 valid"
finish
