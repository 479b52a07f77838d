/* fuzz_names.c - libFuzzer target: the names `dcc gen -t c` derives never clash (issue 9).
 *
 * The input bytes choose one or two contracts from a small vocabulary built to collide: name
 * pieces that spell each other once joined with '_' (d, x, d_x, x_status, ...), C and C++
 * keywords and predefined macros (int, class, unix), enum values that differ only in case or
 * punctuation ("a-b", a_b, A_B), datasets and fields whose derived names (struct, enum
 * constants, names tables, validator functions) are other datasets' names. Contracts that do
 * not check (a duplicate name the generator happened to pick) are skipped. Every other one goes
 * through the C target, and the output is held to what users do with it: each source compiles
 * with -Werror -pedantic, one file including every header compiles as C11 and as C++20, and all
 * objects link into one relocatable object (`ld -r`: a name defined twice is an error). A
 * failure prints the contracts and aborts.
 *
 * The compiler and linker run as child processes, so this target does a few inputs per second;
 * its oracle is the real toolchain, not a re-implementation of the naming rules. */
#define _GNU_SOURCE /* mkdtemp */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "compile.h"
#include "diag.h"
#include "outfile.h"
#include "strbuf.h"
#include "targets.h"

#ifndef DCC_FUZZ_ROOT /* the repository, as an absolute path (run.sh passes it) */
#define DCC_FUZZ_ROOT "."
#endif

/* libFuzzer's interface leaves no other place for per-process setup than file-scope state. */
static char g_dir[64];

/* ---- the input as a stream of choices ---------------------------------------------------- */

typedef struct {
    const uint8_t *p;
    size_t n;
} Bytes;

static unsigned pick(Bytes *b, unsigned range)
{
    if (b->n == 0) return 0;
    b->n--;
    return *b->p++ % range;
}

static const char *const g_pieces[] = {
    "d", "x", "status", "d_x", "x_status", "a", "b", "a_b", "v", "validator", "desc", "names",
    "init", "int", "class", "unix", "linux", "new", "t", "value", "count", "s", "_", "c", "e",
};
#define NPIECES (sizeof g_pieces / sizeof *g_pieces)

static const char *const g_values[] = {
    "a", "b", "A", "a_b", "\"a-b\"", "\"a b\"", "A_B", "x", "int", "unix", "_a", "\"1\"", "none",
};
#define NVALUES (sizeof g_values / sizeof *g_values)

/* The names already taken in one scope (a dataset's fields, a struct's, an enum's values), so
 * that most contracts check and reach the C target: clashes must come from derived names. */
typedef struct {
    char names[8][128];
    unsigned n;
} Scope;

static bool taken(const Scope *sc, const char *s)
{
    for (unsigned i = 0; i < sc->n; i++)
        if (strcmp(sc->names[i], s) == 0) return true;
    return false;
}

/* One name new in sc: one to three pieces joined by '_', then more pieces while it is taken. */
static void name(StrBuf *sb, Bytes *b, Scope *sc)
{
    char buf[128] = "";
    unsigned k = 1 + pick(b, 3);
    for (unsigned i = 0; i < k || (sc && taken(sc, buf)); i++) {
        if (strlen(buf) > 100) { /* out of bytes: the same piece every time */
            snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%u", sc ? sc->n : 0);
            break;
        }
        if (i) strcat(buf, "_");
        strcat(buf, g_pieces[pick(b, NPIECES)]);
    }
    if (sc && sc->n < 8) strcpy(sc->names[sc->n++], buf);
    sb_puts(sb, buf);
}

static void enum_type(StrBuf *sb, Bytes *b)
{
    sb_puts(sb, "enum(");
    unsigned k = 1 + pick(b, 4);
    Scope sc = {0};
    for (unsigned i = 0; i < k; i++) {
        const char *v = g_values[pick(b, NVALUES)];
        if (taken(&sc, v)) continue;
        strcpy(sc.names[sc.n++], v);
        if (sc.n > 1) sb_puts(sb, ", ");
        sb_puts(sb, v);
    }
    sb_putc(sb, ')');
}

static void type(StrBuf *sb, Bytes *b, int depth)
{
    switch (pick(b, depth > 1 ? 3 : 6)) {
    case 0: sb_puts(sb, "int32"); break;
    case 1: enum_type(sb, b); break;
    case 2: sb_puts(sb, "string(8)"); break;
    case 3:
        sb_puts(sb, "list<");
        type(sb, b, depth + 1);
        sb_putc(sb, '>');
        break;
    case 4:
        sb_puts(sb, "map<string, ");
        type(sb, b, depth + 1);
        sb_putc(sb, '>');
        break;
    default: {
        sb_puts(sb, "struct {\n");
        unsigned k = 1 + pick(b, 3);
        Scope sc = {0};
        for (unsigned i = 0; i < k; i++) {
            sb_printf(sb, "%*sfield ", 4 + 2 * depth, "");
            name(sb, b, &sc);
            sb_putc(sb, ' ');
            type(sb, b, depth + 1);
            if (pick(b, 4) == 0) sb_putc(sb, '?');
            sb_putc(sb, '\n');
        }
        sb_printf(sb, "%*s}", 2 + 2 * depth, "");
    }
    }
}

static void contract(StrBuf *sb, Bytes *b)
{
    sb_puts(sb, "contract ");
    name(sb, b, NULL);
    sb_putc(sb, '.');
    name(sb, b, NULL);
    sb_puts(sb, " 1.0.0 {\n  owner \"fuzz\"\n");
    unsigned ntypes = pick(b, 3);
    Scope types = {0}, datasets = {0};
    for (unsigned i = 0; i < ntypes; i++) {
        sb_puts(sb, "  type T");
        name(sb, b, &types);
        sb_puts(sb, " = ");
        type(sb, b, 1);
        sb_putc(sb, '\n');
    }
    unsigned nds = 1 + pick(b, 4);
    for (unsigned i = 0; i < nds; i++) {
        sb_puts(sb, "  dataset ");
        name(sb, b, &datasets);
        sb_puts(sb, " {\n");
        unsigned nf = 1 + pick(b, 5);
        Scope fields = {0};
        for (unsigned j = 0; j < nf; j++) {
            sb_puts(sb, "    field ");
            name(sb, b, &fields);
            sb_putc(sb, ' ');
            type(sb, b, 1);
            sb_putc(sb, '\n');
        }
        sb_puts(sb, "  }\n");
    }
    sb_puts(sb, "}\n");
}

/* ---- the oracle: a real compiler and linker ---------------------------------------------- */

/* The buffer's text, NUL-terminated (StrBuf keeps a length, not a terminator). */
static const char *sb_str(StrBuf *b)
{
    sb_putc(b, '\0');
    b->len--;
    return b->data;
}

static int run(const char *cmd) { return system(cmd); }

static void fail(const char *what, const char *text1, const char *text2)
{
    fprintf(stderr, "fuzz_names: %s\n--- contract 1:\n%s--- contract 2:\n%s", what, text1, text2 ? text2 : "(none)\n");
    abort();
}

static void clean_out(void)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "rm -rf '%s/out' '%s/in1.dc' '%s/in2.dc'", g_dir, g_dir, g_dir);
    if (run(cmd) != 0) abort();
}

static void cleanup(void)
{
    clean_out();
    rmdir(g_dir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    snprintf(g_dir, sizeof g_dir, "/tmp/dcc-fuzz-names-XXXXXX");
    if (!mkdtemp(g_dir)) {
        perror("mkdtemp");
        exit(1);
    }
    atexit(cleanup);
    return 0;
}

static bool write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "wb");
    if (!f) return false;
    fputs(text, f);
    return fclose(f) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Bytes b = {data, size};
    StrBuf t1, t2;
    sb_init(&t1);
    sb_init(&t2);
    contract(&t1, &b);
    bool two = pick(&b, 2) == 1;
    if (two) contract(&t2, &b);
    char p1[128], p2[128];
    snprintf(p1, sizeof p1, "%s/in1.dc", g_dir);
    snprintf(p2, sizeof p2, "%s/in2.dc", g_dir);
    if (!write_text(p1, sb_str(&t1)) || (two && !write_text(p2, sb_str(&t2)))) abort();

    Compilation c;
    compile_init(&c);
    const Contract *units[2];
    size_t n = 0;
    Contract *u = compile_file(&c, p1);
    if (u) units[n++] = u;
    if (two && (u = compile_file(&c, p2)) != NULL) units[n++] = u;
    if (getenv("FUZZ_NAMES_SHOW")) /* to see what the generator makes of an input */
        fprintf(stderr, "%s%s(%u errors)\n", sb_str(&t1), two ? sb_str(&t2) : "", c.diags.errors);
    if (c.diags.errors == 0 && n == (two ? 2u : 1u)) {
        OutSet out;
        outset_init(&out);
        const Target *t = targets_find("c");
        if (!t) abort();
        int rc = targets_run(t, &c, units, n, NULL, &out);
        if (rc != 0 && c.diags.errors == 0) fail("the C target failed without a diagnostic", sb_str(&t1), two ? sb_str(&t2) : NULL);
        if (rc == 0) {
            char dir[128];
            const char *err = NULL, *failed = NULL;
            snprintf(dir, sizeof dir, "%s/out", g_dir);
            if (outset_write_all(&out, dir, false, &err, &failed) != 0) abort();
            /* every header in one C11 file and one C++20 file; every source compiled; all linked */
            char cmd[2048];
            snprintf(cmd, sizeof cmd,
                     "cd '%s' && for h in *.h; do printf '#include \"%%s\"\\n' \"$h\"; done > all.c && "
                     "cc -std=c11 -Wall -Wextra -Werror -pedantic -I '%s/runtime' -c all.c -o all.o 2>err.txt && "
                     "g++ -std=c++20 -Wall -Werror -pedantic -I '%s/runtime' -fsyntax-only -x c++ all.c 2>>err.txt && "
                     "for s in *.c; do [ \"$s\" = all.c ] && continue; "
                     "cc -std=c11 -Wall -Wextra -Werror -pedantic -I '%s/runtime' -c \"$s\" -o \"$s.o\" 2>>err.txt || exit 1; done && "
                     "ld -r -o linked.o *.o 2>>err.txt",
                     dir, DCC_FUZZ_ROOT, DCC_FUZZ_ROOT, DCC_FUZZ_ROOT);
            if (run(cmd) != 0) {
                snprintf(cmd, sizeof cmd, "cat '%s/err.txt' >&2", dir);
                (void)run(cmd);
                fail("the generated C does not compile or link together", sb_str(&t1), two ? sb_str(&t2) : NULL);
            }
        }
        outset_free(&out);
    }
    compile_free(&c);
    clean_out();
    sb_free(&t1);
    sb_free(&t2);
    return 0;
}
