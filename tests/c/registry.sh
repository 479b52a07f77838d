#!/bin/sh
# registry.sh GENDIR - prints registry.h for the test programs that take every generated dataset
# at once (harness_main.c, cxx_main.cpp, parallel.c): an #include of every header in GENDIR, then
# DCC_DATASETS as X(file stem, identifier prefix) for each (the prefix is read from the
# descriptor's declaration: the header says what it is called). Write it outside GENDIR, or the
# next run would include it in itself.
for h in "$1"/*.h; do echo "#include \"$(basename "$h")\""; done
printf '#define DCC_DATASETS'
for h in "$1"/*.h; do
    printf ' X(%s, %s)' "$(basename "$h" .h)" "$(sed -n 's/^extern const dcc_dataset_desc \(.*\)_desc;$/\1/p' "$h")"
done
echo
