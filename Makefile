# dcc - the data contract compiler. Plain GNU make; see README.md.
#   make            build build/dcc and the runtime library
#   make check      every test (unit, diagnostics, fmt, examples, sanitizers)
#   make demo       run dcc over examples/
#   make bench      benchmarks (not tests)
#   make mutate     the mutation harness: which suite catches each planted bug (MUTANTS=ID...)
#   make fuzz       fuzz the parser, formatter, patterns and runtime (FUZZ_SECONDS per target)
#   make install PREFIX=/usr/local DESTDIR=

BUILD    ?= build
CC       ?= cc
PREFIX   ?= /usr/local
# One version for dcc and its runtime, written once: in the runtime's public header.
VERSION  := $(shell sed -n 's/^\#define DCC_RT_VERSION "\(.*\)"$$/\1/p' runtime/dcc_rt.h)
CSTD     := -std=c11 -D_POSIX_C_SOURCE=200809L
WARN     := -Wall -Wextra -Werror
OPT      ?= -O2 -g
SAN      ?=
# libxml2 builds the documentation site's HTML (targets/docs_html.c) and compat's JUnit XML. It
# is not linked: targets/xmllib.c opens it (dlopen) when one of those commands runs, because a
# linked libxml2 (with the ICU, libstdc++, liblzma and zlib it pulls in) costs every dcc process
# ~8.5 ms of CPU at start. Its headers are still compiled against, so the library opened is the
# one they belong to: its soname is read here from the libxml2 being built with.
XML_CFLAGS := $(shell pkg-config --cflags libxml-2.0 2>/dev/null || echo -I/usr/include/libxml2)
XML_SONAME := $(shell objdump -p "$$(pkg-config --variable=libdir libxml-2.0 2>/dev/null)/libxml2.so" 2>/dev/null | sed -n 's/^ *SONAME *//p')
XML_SONAME := $(or $(XML_SONAME),libxml2.so.2)
CFLAGS_ALL = $(CSTD) $(WARN) $(OPT) $(SAN) -DDCC_VERSION='"$(VERSION)"' -I compiler -I targets -I $(BUILD)/gen -I runtime $(XML_CFLAGS) $(CFLAGS)
LDFLAGS_ALL = $(SAN) $(LDFLAGS)

# Layers: compiler/ (front end and middle) and targets/ (generators) make libdcc.a, which unit
# tests link; runtime/ makes libdccrt; cli/ (the commands, on top of all three) links into dcc only.
COMPILER_SRC := $(wildcard compiler/*.c) $(wildcard targets/*.c)
RUNTIME_SRC  := $(wildcard runtime/*.c)
CLI_SRC      := $(wildcard cli/*.c)
GEN_SRC      := $(BUILD)/gen/lexer.c $(BUILD)/gen/parser.c
COMPILER_OBJ := $(patsubst %.c,$(BUILD)/obj/%.o,$(COMPILER_SRC)) $(BUILD)/obj/gen/lexer.o $(BUILD)/obj/gen/parser.o
RUNTIME_OBJ  := $(patsubst %.c,$(BUILD)/obj/%.o,$(RUNTIME_SRC))
CLI_OBJ      := $(patsubst %.c,$(BUILD)/obj/%.o,$(CLI_SRC))
UNIT_SRC     := $(wildcard tests/unit/test_*.c)
LD       ?= ld
OBJCOPY  ?= objcopy
UNIT_BIN     := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(UNIT_SRC))

.PHONY: all deps check unit-tests check-quick demo bench fuzz install clean asan docs
all: deps $(BUILD)/dcc $(BUILD)/libdccrt.a $(BUILD)/libdccrt.so

# --- dependencies: installed when root, else the exact command is printed --------------------
deps:
	@sh tests/deps.sh build

$(BUILD)/gen/parser.c $(BUILD)/gen/parser.h: grammar/parser.y
	@mkdir -p $(BUILD)/gen
	bison -Wall -Werror --defines=$(BUILD)/gen/parser.h -o $(BUILD)/gen/parser.c $<

$(BUILD)/gen/lexer.c $(BUILD)/gen/lexer.h: grammar/lexer.l
	@mkdir -p $(BUILD)/gen
	flex --header-file=$(BUILD)/gen/lexer.h -o $(BUILD)/gen/lexer.c $<

# Generated scanner/parser code is not ours to lint: relax only the warnings flex/bison trip.
$(BUILD)/obj/gen/%.o: $(BUILD)/gen/%.c $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -Wno-unused-function -Wno-sign-compare -Wno-unused-parameter -MMD -MP -c $< -o $@

# The documentation site's stylesheet and script, embedded as C strings.
DOCS_ASSETS := targets/docs_assets/style.css targets/docs_assets/search.js
$(BUILD)/gen/docs_assets.h: $(DOCS_ASSETS) targets/docs_assets/embed.sh
	@mkdir -p $(BUILD)/gen
	sh targets/docs_assets/embed.sh $(DOCS_ASSETS) > $@.tmp && mv $@.tmp $@
$(BUILD)/obj/targets/docs.o: $(BUILD)/gen/docs_assets.h

$(BUILD)/obj/%.o: %.c | $(BUILD)/gen/parser.h $(BUILD)/gen/lexer.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) $(PIC) $(CLI_INC) -MMD -MP -c $< -o $@

$(BUILD)/obj/targets/xmllib.o: CFLAGS_ALL += -DXMLLIB_SONAME='"$(XML_SONAME)"'

# Only the commands see cli/'s headers: nothing below them may include one.
$(CLI_OBJ): CLI_INC := -I cli

$(BUILD)/libdcc.a: $(COMPILER_OBJ)
	@rm -f $@
	ar rcs $@ $^

# The runtime is also a shared library: position-independent objects for both. It exports only
# what its public headers declare (DCC_API): everything else is compiled hidden, the shared
# library's version script (runtime/libdccrt.map) exports the rest by name and version, and the
# static library is one object, linked from all of them, whose hidden symbols are made local,
# so that a program's own rt_abort (say) never meets the runtime's in a static link either.
$(RUNTIME_OBJ): PIC := -fPIC -fvisibility=hidden
$(BUILD)/obj/dccrt.o: $(RUNTIME_OBJ)
	$(LD) -r -o $@.tmp $^
	$(OBJCOPY) --localize-hidden $@.tmp $@
	@rm -f $@.tmp
$(BUILD)/libdccrt.a: $(BUILD)/obj/dccrt.o
	@rm -f $@
	ar rcs $@ $^
# Unit tests that reach inside the runtime link its objects as they are (not installed).
$(BUILD)/libdccrt-internal.a: $(RUNTIME_OBJ)
	@rm -f $@
	ar rcs $@ $^

RT_SONAME := libdccrt.so.0
$(BUILD)/libdccrt.so: $(RUNTIME_OBJ) runtime/libdccrt.map
	$(CC) $(LDFLAGS_ALL) -shared -Wl,-soname,$(RT_SONAME) -Wl,--version-script=runtime/libdccrt.map \
	    -o $@ $(RUNTIME_OBJ) -lm

# Written at install time: it names the PREFIX being installed to.
define DCCRT_PC
	printf 'prefix=%s\nlibdir=$${prefix}/lib\nincludedir=$${prefix}/include/dcc\n\nName: dccrt\nDescription: dcc validation runtime, linked by validators that dcc generates\nVersion: %s\nLibs: -L$${libdir} -ldccrt -lm\nCflags: -I$${includedir}\n' '$(PREFIX)' '$(VERSION)' > $(DESTDIR)$(PREFIX)/lib/pkgconfig/dccrt.pc
endef

# dcc links the runtime's objects as they are (libdccrt-internal.a, not the installed
# libdccrt.a whose internal names are made local): the compiler reads the numbers of contracts
# with the runtime's exact-number engine (rt_num.h), so there is one engine, not two.
$(BUILD)/dcc: $(CLI_OBJ) $(BUILD)/libdcc.a $(BUILD)/libdccrt-internal.a
	$(CC) $(LDFLAGS_ALL) -o $@ $^ -lyaml -lm

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libdcc.a $(BUILD)/libdccrt-internal.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -I tests/unit -o $@ $< $(BUILD)/libdcc.a $(BUILD)/libdccrt-internal.a $(LDFLAGS_ALL) -lyaml -lcmocka -lm

# The failing-allocator sweep sees the runtime's allocations through the linker's --wrap.
WRAP_ALLOC := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=aligned_alloc,--wrap=free
$(BUILD)/tests/test_runtime_alloc: tests/unit/test_runtime_alloc.c $(BUILD)/libdccrt-internal.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -I tests/unit -o $@ $< $(BUILD)/libdccrt-internal.a $(LDFLAGS_ALL) $(WRAP_ALLOC) -lcmocka -lm

# The parser of the command line is tested alone: its object, not the commands.
$(BUILD)/tests/test_args: tests/unit/test_args.c $(BUILD)/obj/cli/args.o $(BUILD)/libdcc.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -I cli -o $@ $^ $(LDFLAGS_ALL) -lyaml -lcmocka

$(BUILD)/tests/emit_cases: tests/emit/cases.c $(BUILD)/libdcc.a $(BUILD)/libdccrt-internal.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdcc.a $(BUILD)/libdccrt-internal.a $(LDFLAGS_ALL) -lyaml -lm

$(BUILD)/tests/diagverify: tests/diag/verify.c $(BUILD)/libdcc.a $(BUILD)/libdccrt-internal.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS_ALL) -o $@ $< $(BUILD)/libdcc.a $(BUILD)/libdccrt-internal.a $(LDFLAGS_ALL) -lyaml -lm

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)

# --- tests ------------------------------------------------------------------------------------
unit-tests: $(UNIT_BIN)
	@set -e; for t in $(UNIT_BIN); do echo "== $$t"; $$t; done

# Everything once with the normal build, then again under ASan+UBSan in a separate build dir.
check: deps
	@sh tests/deps.sh test
	$(MAKE) check-quick
	$(MAKE) check-quick BUILD=build/asan OPT="-O1 -g" SAN="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all"
	@echo "make check: all suites passed (normal and sanitizer builds)"

check-quick: all $(UNIT_BIN) $(BUILD)/tests/diagverify $(BUILD)/tests/emit_cases
	@SAN="$(SAN)" sh tests/run.sh $(BUILD)

demo: all
	@sh examples/demo.sh $(BUILD)

bench: all
	@sh tests/deps.sh bench || echo "bench: some peers cannot be installed; their lines say skipped"
	@sh tests/bench/run.sh $(BUILD)

# The mutation harness (docs/testing.md): plants each mutant of tests/mutate/mutants.tsv in a
# scratch copy and reports which suite caught it. A tool, not part of `make check`.
.PHONY: mutate
mutate: deps
	@sh tests/deps.sh test
	@nice sh tests/mutate/run.sh $(MUTANTS)

# Coverage-guided fuzzing (libFuzzer, ASan, UBSan), FUZZ_SECONDS per target; see tests/fuzz/README.md.
FUZZ_SECONDS ?= 60
fuzz: deps
	@sh tests/deps.sh test
	@sh tests/fuzz/run.sh $(BUILD)/fuzz $(FUZZ_SECONDS)

docs: $(BUILD)/dcc
	$(BUILD)/dcc --list-diagnostics=markdown > docs/diagnostics.md

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/include/dcc
	install -m 755 $(BUILD)/dcc $(DESTDIR)$(PREFIX)/bin/dcc
	install -d $(DESTDIR)$(PREFIX)/share/doc/dcc
	install -m 644 docs/*.md $(DESTDIR)$(PREFIX)/share/doc/dcc/
# the installed man page names the installed documents, not the source tree's
	sed 's|docs/\([A-Za-z0-9_-]*\.md\)|$(PREFIX)/share/doc/dcc/\1|g' docs/dcc.1 > $(DESTDIR)$(PREFIX)/share/man/man1/dcc.1
	chmod 644 $(DESTDIR)$(PREFIX)/share/man/man1/dcc.1
	install -m 644 runtime/dcc_rt.h runtime/dcc_regex.h runtime/dcc_rules.def $(DESTDIR)$(PREFIX)/include/dcc/
	install -m 644 $(BUILD)/libdccrt.a $(DESTDIR)$(PREFIX)/lib/libdccrt.a
	install -m 755 $(BUILD)/libdccrt.so $(DESTDIR)$(PREFIX)/lib/$(RT_SONAME)
	ln -sf $(RT_SONAME) $(DESTDIR)$(PREFIX)/lib/libdccrt.so
	$(DCCRT_PC)

clean:
	rm -rf build
