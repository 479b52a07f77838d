#!/bin/sh
# deps.sh MODE - make sure the tools a make target needs are present.
#   build: compiler toolchain, flex, bison, and the libraries dcc links (libyaml, libxml2)
#   test:  the above plus what the tests use (cmocka, clang for the second-compiler checks, g++)
#   bench: the above plus the peers `make bench` measures dcc against (simdjson, protoc, Node.js
#          and npm for ajv and DuckDB); make check never needs them
# Missing Debian packages are installed with apt-get when running as root; otherwise this
# prints the exact command to run and fails.
set -eu
mode=${1:-build}

missing=""
need_cmd() { command -v "$1" >/dev/null 2>&1 || missing="$missing $2"; }
need_hdr() { [ -f "/usr/include/$1" ] || missing="$missing $2"; }

need_cmd cc gcc
need_cmd make make
need_cmd flex flex
need_cmd bison bison
need_cmd objcopy binutils # libdccrt.a: ld -r and objcopy --localize-hidden
need_hdr yaml.h libyaml-dev
need_hdr libxml2/libxml/parser.h libxml2-dev
if [ "$mode" = test ]; then
    need_hdr cmocka.h libcmocka-dev
    need_cmd clang clang
    need_cmd g++ g++ # the runtime's and generated headers must compile as C++ (tests/c/abi.sh)
    need_cmd jq jq
    need_cmd git git # tests/compat: dcc compat --against in a temporary repository
    need_cmd xmllint libxml2-utils # tests/compat: reads the JUnit report
    need_cmd pkg-config pkg-config
    need_cmd valgrind valgrind # tests/c/parallel.sh: a long stream with a reset, partitions merged
    # independent oracles: Node's RegExp and a real PostgreSQL server
    ls /usr/lib/llvm-*/lib/clang/*/lib/linux/libclang_rt.fuzzer-*.a >/dev/null 2>&1 || missing="$missing libclang-rt-14-dev"
    need_cmd node nodejs
    need_cmd npm npm # tests/jsonschema installs its validators with `npm ci`
    need_cmd psql postgresql
    # the SQL target's engines: SQLite, and DuckDB and SQL parsers from npm (tests/sql/node)
    need_cmd sqlite3 sqlite3
    need_cmd npm npm
    ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$missing postgresql"
    # the docs target's site: read by libxml2's HTML parser and rendered by a real browser
    need_cmd xmllint libxml2-utils
    need_cmd chromium chromium
    need_cmd cmark-gfm cmark-gfm # GitHub's Markdown reads back -t markdown
fi

if [ "$mode" = bench ]; then
    need_cmd g++ g++
    need_hdr simdjson.h libsimdjson-dev # the JSON parse ceiling (tests/bench/peers/simdjson_parse.cpp)
    need_cmd protoc protobuf-compiler   # the compile-speed anchor for dcc check
    need_cmd node nodejs                # ajv and DuckDB (npm packages of tests/bench/package.json)
    need_cmd npm npm
    need_cmd /usr/bin/time time
fi

[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "deps: installing$missing" >&2
    export DEBIAN_FRONTEND=noninteractive
    # An out-of-date package index is the usual reason an install fails on a fresh machine.
    apt-get install -y -q $missing >/dev/null 2>&1 || {
        apt-get update -q >/dev/null && apt-get install -y -q $missing >/dev/null
    }
    exit 0
fi
echo "deps: missing packages:$missing" >&2
echo "deps: run:  sudo apt-get install -y$missing" >&2
exit 1
