/* cases.c - random inputs for the oracles of tests/emit/run.sh: what dcc's writers produce,
 * beside what it must mean, for a C compiler, SQLite, PostgreSQL and Node to read back.
 *
 *   cases json SEED N DIR  N documents through compiler/jsonw.c: DIR/I.json and DIR/I.spec (the
 *                          value written, one item a line: O n / A n / K hex / S hex / N text /
 *                          T / F / Z, in pre-order) for oracle.js
 *   cases c SEED N         a C program: each literal of emit_c_string beside its bytes; it exits
 *                          0 when the compiler read every literal as exactly its bytes
 *   cases sqlite SEED N    SQL for sqlite3: string literals and both identifier quotes
 *   cases pg SEED N        SQL for psql: standard and E'' (backslash) literals, identifiers
 * SQL scripts print one line per case: "ok" or "bad N". */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "emit.h"
#include "jsonw.h"

static uint64_t rng;

static uint32_t next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t)(rng >> 11);
}

static uint32_t below(uint32_t n) { return next() % n; }

/* Random text of up to max bytes into buf; returns its length. valid: UTF-8 only (what a contract
 * holds); nul: NUL bytes allowed. Otherwise any bytes, biased to the interesting ones. */
static size_t random_text(unsigned char *buf, size_t max, bool valid, bool nul)
{
    static const char *const pieces[] = {"\"", "\\", "'", "`", "?", "?\?=", "*/", "/*", "--", "\n", "\r", "\t",
                                         "\xC3\xB6", "\xE2\x82\xAC", "\xF0\x9F\x98\x80", "\xE2\x80\xA8", "\x7F",
                                         "\\0", "\\n", "%", "$1", ":x", "''", "\"\""};
    static const char *const broken[] = {"\xFF", "\x80", "\xC0\xAF", "\xE0\x80\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80",
                                         "\xE2\x82", "\xF0\x9F\x98", "\xC3", "\xF8\x88\x80\x80\x80"};
    size_t n = 0, want = below((uint32_t)max + 1);
    while (n < want) {
        const char *p = NULL;
        char one[2] = {0, 0};
        switch (below(8)) {
        case 0: case 1: case 2: one[0] = (char)(' ' + below(95)); p = one; break;
        case 3: case 4: p = pieces[below(sizeof pieces / sizeof pieces[0])]; break;
        case 5: one[0] = (char)(1 + below(31)); p = one; break;
        case 6:
            if (valid) p = pieces[below(sizeof pieces / sizeof pieces[0])];
            else p = broken[below(sizeof broken / sizeof broken[0])];
            break;
        default:
            if (nul) {
                buf[n++] = 0;
                continue;
            }
            if (!valid) {
                one[0] = (char)(0x80 + below(128));
                p = one;
            } else p = "x";
        }
        size_t k = strlen(p);
        if (n + k > max) break;
        memcpy(buf + n, p, k);
        n += k;
    }
    return n;
}

static void put_hex(FILE *out, const unsigned char *s, size_t n, bool upper)
{
    for (size_t i = 0; i < n; i++) fprintf(out, upper ? "%02X" : "%02x", s[i]);
}

/* ---- JSON ------------------------------------------------------------------------------------- */

static const char *random_number(char *buf)
{
    static const char *const fixed[] = {"0", "-0", "1", "-1", "12.50", "1e3", "1E+3", "-1.5e-07", "123456789012",
                                        "0.1", "100", "3.25", "9007199254740993", "1e400", "-2.0", "7"};
    if (below(2)) return fixed[below(sizeof fixed / sizeof fixed[0])];
    /* by the grammar: -?(0|[1-9]d*)(.d+)?([eE][+-]?d+)? */
    char *p = buf;
    if (below(2)) *p++ = '-';
    if (below(4) == 0) *p++ = '0';
    else {
        *p++ = (char)('1' + below(9));
        for (uint32_t i = below(6); i > 0; i--) *p++ = (char)('0' + below(10));
    }
    if (below(2)) {
        *p++ = '.';
        for (uint32_t i = 1 + below(5); i > 0; i--) *p++ = (char)('0' + below(10));
    }
    if (below(3) == 0) {
        *p++ = below(2) ? 'e' : 'E';
        if (below(2)) *p++ = below(2) ? '+' : '-';
        for (uint32_t i = 1 + below(2); i > 0; i--) *p++ = (char)('0' + below(10));
    }
    *p = '\0';
    return buf;
}

static void random_value(JsonWriter *w, FILE *spec, unsigned depth)
{
    unsigned char text[64];
    char num[64];
    uint32_t kind = depth >= 6 ? 2 + below(6) : below(8);
    switch (kind) {
    case 0:
    case 1: {
        bool object = kind == 0;
        uint32_t n = below(5);
        fprintf(spec, "%c %u\n", object ? 'O' : 'A', n);
        if (object) jsonw_object(w);
        else jsonw_array(w);
        for (uint32_t i = 0; i < n; i++) {
            if (object) {
                size_t k = random_text(text, 12, below(2), true);
                jsonw_key_n(w, (const char *)text, k);
                fputs("K ", spec);
                put_hex(spec, text, k, false);
                fputc('\n', spec);
            }
            random_value(w, spec, depth + 1);
        }
        jsonw_end(w);
        break;
    }
    case 2:
    case 3: {
        size_t k = random_text(text, sizeof text, below(2), below(4) == 0);
        jsonw_string_n(w, (const char *)text, k);
        fputs("S ", spec);
        put_hex(spec, text, k, false);
        fputc('\n', spec);
        break;
    }
    case 4:
    case 5: {
        const char *t = random_number(num);
        jsonw_number(w, t);
        fprintf(spec, "N %s\n", t);
        break;
    }
    case 6: {
        bool b = below(2);
        jsonw_bool(w, b);
        fputs(b ? "T\n" : "F\n", spec);
        break;
    }
    default: jsonw_null(w); fputs("Z\n", spec);
    }
}

static int json_cases(unsigned n, const char *dir)
{
    for (unsigned i = 0; i < n; i++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%u.spec", dir, i);
        FILE *spec = fopen(path, "w");
        snprintf(path, sizeof path, "%s/%u.json", dir, i);
        FILE *doc = fopen(path, "w");
        if (!spec || !doc) {
            perror(path);
            return 2;
        }
        StrBuf b;
        sb_init(&b);
        JsonWriter w;
        unsigned indent = below(3) == 0 ? 0 : 2;
        fprintf(spec, "indent %u\n", indent);
        jsonw_init_file(&w, &b, doc, indent);
        random_value(&w, spec, 0);
        if (jsonw_finish(&w) != 0) {
            fprintf(stderr, "cases: the writer refused document %u\n", i);
            return 1;
        }
        sb_free(&b);
        fclose(spec);
        fclose(doc);
    }
    return 0;
}

/* ---- C ---------------------------------------------------------------------------------------- */

static int c_cases(unsigned n)
{
    puts("#include <stdio.h>\n#include <string.h>\n");
    StrBuf b;
    sb_init(&b);
    unsigned char text[64];
    for (unsigned i = 0; i < n; i++) {
        size_t k = random_text(text, sizeof text, false, true);
        b.len = 0;
        emit_c_string(&b, (const char *)text, k);
        printf("static const char s%u[] = %s;\nstatic const unsigned char e%u[%zu] = {", i, b.data, i, k + 1);
        for (size_t j = 0; j < k; j++) printf("%u,", text[j]);
        puts("0};");
    }
    puts("\nint main(void)\n{\n    int bad = 0;");
    for (unsigned i = 0; i < n; i++)
        printf("    if (sizeof s%u != sizeof e%u || memcmp(s%u, e%u, sizeof e%u) != 0) { printf(\"bad %u\\n\"); bad++; }\n",
               i, i, i, i, i, i);
    printf("    printf(\"%%d passed, %%d failed\\n\", %u - bad, bad);\n    return bad != 0;\n}\n", n);
    sb_free(&b);
    return 0;
}

/* ---- SQL -------------------------------------------------------------------------------------- */

static int sql_cases(unsigned n, bool pg)
{
    StrBuf b;
    sb_init(&b);
    unsigned char text[60];
    for (unsigned i = 0; i < n; i++) {
        /* Databases hold UTF-8 text without NUL: exactly what contract strings are. */
        size_t k = random_text(text, sizeof text, true, false);
        /* The sqlite3 shell drops a CR before a newline as it reads its input (CRLF line ends):
         * that is the shell, not SQL, so SQLite gets no CR LF; PostgreSQL gets them all. */
        for (size_t j = 0; !pg && j + 1 < k; j++)
            if (text[j] == '\r' && text[j + 1] == '\n') text[j] = 'x';
        for (int form = 0; form < 2; form++) {
            if (!pg && form == 1) break; /* SQLite reads no backslash escapes */
            b.len = 0;
            emit_sql_string(&b, (const char *)text, k, form ? EMIT_SQL_BACKSLASH : EMIT_SQL_STANDARD);
            if (pg) printf("SELECT CASE WHEN encode(convert_to(%s%s, 'UTF8'), 'hex') = '", form ? "E" : "", b.data);
            else printf("SELECT CASE WHEN hex(%s) = '", b.data);
            put_hex(stdout, text, k, !pg);
            printf("' THEN 'ok' ELSE 'bad string %u/%d' END;\n", i, form);
        }
        if (k == 0) continue; /* no empty identifiers */
        for (int q = 0; q < 2; q++) {
            if (pg && q == 1) break; /* PostgreSQL quotes identifiers with " only */
            b.len = 0;
            emit_sql_ident(&b, (const char *)text, k, q ? '`' : '"');
            printf("CREATE TABLE t%u_%d (%s int);\n", i, q, b.data);
            if (pg)
                printf("SELECT CASE WHEN encode(convert_to(attname::text, 'UTF8'), 'hex') = '");
            else printf("SELECT CASE WHEN hex(name) = '");
            put_hex(stdout, text, k, !pg);
            if (pg) printf("' THEN 'ok' ELSE 'bad ident %u' END FROM pg_attribute WHERE attrelid = 't%u_%d'::regclass AND attnum = 1;\n", i, i, q);
            else printf("' THEN 'ok' ELSE 'bad ident %u/%d' END FROM pragma_table_info('t%u_%d');\n", i, q, i, q);
        }
    }
    sb_free(&b);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fputs("usage: cases json|c|sqlite|pg SEED N [DIR]\n", stderr);
        return 2;
    }
    rng = strtoull(argv[2], NULL, 10) * 2654435761u + 88172645463325252u;
    unsigned n = (unsigned)strtoul(argv[3], NULL, 10);
    if (strcmp(argv[1], "json") == 0 && argc == 5) return json_cases(n, argv[4]);
    if (strcmp(argv[1], "c") == 0) return c_cases(n);
    if (strcmp(argv[1], "sqlite") == 0) return sql_cases(n, false);
    if (strcmp(argv[1], "pg") == 0) return sql_cases(n, true);
    fputs("cases: unknown mode\n", stderr);
    return 2;
}
