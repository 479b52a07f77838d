#!/bin/sh
# run.sh DCC
set -u
DCC=$1
. tests/cli/lib.sh
finish
