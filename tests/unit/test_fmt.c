/* test_fmt.c - the canonical printer (fmt.c) and the model dump (dump.c).
 *
 * Every layout test goes through check_fmt, which besides comparing with the expected text
 * asserts the printer's promises on that input: idempotence, the same model dump before and
 * after, and every comment printed exactly once (same count, same texts, same order). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "dump.h"
#include "fmt.h"
#include "parse.h"
#include "source.h"
#include "strbuf.h"

/* One parse of a text, with what the checks need. */
typedef struct {
    Arena *arena;
    ParsedFile *pf;
    const SourceFile *src;
} Parsed;

static Parsed parse_text(const char *text)
{
    Parsed p;
    p.arena = arena_new();
    SourceSet *ss = ARENA_NEW(p.arena, SourceSet);
    source_set_init(ss, p.arena);
    DiagSink *d = ARENA_NEW(p.arena, DiagSink);
    diag_init(d, p.arena, ss);
    uint32_t id = source_add(ss, "t.dc", text, strlen(text));
    p.pf = parse_file(p.arena, d, ss, id);
    p.src = ss->files[id];
    if (d->errors) {
        diag_print_text(d, stderr, false);
        fprintf(stderr, "input was:\n%s\n", text);
    }
    assert_int_equal(d->errors, 0);
    assert_non_null(p.pf);
    assert_non_null(p.pf->unit);
    return p;
}

static char *fmt_parsed(const Parsed *p)
{
    StrBuf b;
    sb_init(&b);
    fmt_file(&b, p->pf, p->src);
    return b.data; /* caller frees */
}

static char *dump_parsed(const Parsed *p)
{
    StrBuf b;
    sb_init(&b);
    dump_unit(&b, p->pf->unit);
    return b.data;
}

static unsigned count_comments(const Comment *c)
{
    unsigned n = 0;
    for (; c; c = c->next) n++;
    return n;
}

/* A comment's text with trailing blanks of each line removed, as the printer writes it. */
static char *trimmed_comment(const char *s)
{
    char *t = malloc(strlen(s) + 1), *o = t;
    for (; *s; s++) {
        if (*s == '\n') {
            while (o > t && (o[-1] == ' ' || o[-1] == '\t' || o[-1] == '\r')) o--;
        }
        *o++ = *s;
    }
    while (o > t && (o[-1] == ' ' || o[-1] == '\t' || o[-1] == '\r')) o--;
    *o = '\0';
    return t;
}

/* Formats `in`, compares with `want` (when not NULL) and checks idempotence, meaning and
 * comments. Returns nothing: every failure is an assertion. */
static void check_fmt(const char *in, const char *want)
{
    Parsed p1 = parse_text(in);
    char *out1 = fmt_parsed(&p1);
    if (want && strcmp(out1, want) != 0)
        fprintf(stderr, "--- want\n%s--- got\n%s---\n", want, out1);
    if (want) assert_string_equal(out1, want);

    Parsed p2 = parse_text(out1);
    char *out2 = fmt_parsed(&p2);
    if (strcmp(out1, out2) != 0) fprintf(stderr, "--- once\n%s--- twice\n%s---\n", out1, out2);
    assert_string_equal(out1, out2);

    char *d1 = dump_parsed(&p1), *d2 = dump_parsed(&p2);
    assert_string_equal(d1, d2);

    /* every comment exactly once, in order */
    assert_int_equal(count_comments(p1.pf->comments), count_comments(p2.pf->comments));
    for (const Comment *a = p1.pf->comments, *b = p2.pf->comments; a && b; a = a->next, b = b->next) {
        char *ta = trimmed_comment(a->text), *tb = trimmed_comment(b->text);
        /* an unattached `/// x` that would become a doc comment is printed as `// x` */
        if (strncmp(ta, "///", 3) == 0 && strncmp(tb, "///", 3) != 0) assert_string_equal(ta + 1, tb);
        else assert_string_equal(ta, tb);
        free(ta);
        free(tb);
    }

    /* the layout rules every output obeys */
    size_t n = strlen(out1);
    assert_true(n > 0 && out1[n - 1] == '\n');
    assert_false(n > 1 && out1[n - 2] == '\n');
    assert_null(strchr(out1, '\r'));
    assert_null(strstr(out1, " \n"));
    assert_null(strstr(out1, "\t"));
    assert_null(strstr(out1, "\n\n\n"));

    free(d1);
    free(d2);
    free(out1);
    free(out2);
    arena_free(p1.arena);
    arena_free(p2.arena);
}

/* --- layout ------------------------------------------------------------------------------ */

static void test_messy_one_line(void **state)
{
    (void)state;
    check_fmt("contract   a.b 1.0.0{owner \"x\" status active   dataset d{field id uuid field n int32?}}",
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "  status active\n"
              "\n"
              "  dataset d {\n"
              "    field id uuid\n"
              "    field n  int32?\n"
              "  }\n"
              "}\n");
}

static void test_imports_and_contract_items(void **state)
{
    (void)state;
    check_fmt("import \"../x/common.dc\"   import \"y.dc\" as crm\n"
              "contract s.o 2.1.0-rc.1+b5 {\n"
              "\towner \"Sales\"\n"
              "\tcontact \"a@example.com\" domain sales\n"
              "\ttags (\"a\",\"b\")\n"
              "\tlink docs \"https://x\"\n"
              "\tcompatibility full transitive\n"
              "\tserve s3 \"s3://b/\" format parquet serve postgres \"a.b\"\n"
              "\tsla { freshness 1h frequency cron \"*/15 * * * *\" availability 99.9%\n"
              "\t  latency 5m retention 7y support \"Mon\" response 4h }\n"
              "\tdataset d { field id uuid }\n"
              "}\n",
              "import \"../x/common.dc\"\n"
              "import \"y.dc\" as crm\n"
              "\n"
              "contract s.o 2.1.0-rc.1+b5 {\n"
              "  owner \"Sales\"\n"
              "  contact \"a@example.com\"\n"
              "  domain sales\n"
              "  tags (\"a\", \"b\")\n"
              "  link docs \"https://x\"\n"
              "  compatibility full transitive\n"
              "  serve s3 \"s3://b/\" format parquet\n"
              "  serve postgres \"a.b\"\n"
              "\n"
              "  sla {\n"
              "    freshness 1h\n"
              "    frequency cron \"*/15 * * * *\"\n"
              "    availability 99.9%\n"
              "    latency 5m\n"
              "    retention 7y\n"
              "    support \"Mon\"\n"
              "    response 4h\n"
              "  }\n"
              "\n"
              "  dataset d {\n"
              "    field id uuid\n"
              "  }\n"
              "}\n");
}

static void test_attribute_order_and_types(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 { owner \"x\"\n"
              "dataset d {\n"
              "field a string(3)? deprecated sunset \"2027-01-01\" \"gone\" pii(email) classification confidential"
              " term \"T\" unit \"EUR\" references d.b values (\"x\",\"y\") pattern \"^a$\" length [1,*]"
              " default \"x\" unique\n"
              "field b decimal( 12 , 2 ) range (0, 100]\n"
              "field c enum( p , q,r )\n"
              "field d list< map< string , int64 > >\n"
              "field e common.Email\n"
              "field f float64 range [*, 1.5e3) default -0.50\n"
              "field g boolean default true\n"
              "field h string default null\n"
              "}}\n",
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "\n"
              "  dataset d {\n"
              "    field a string(3)? unique default \"x\" length [1, *] pattern \"^a$\" values (\"x\", \"y\")"
              " references d.b unit \"EUR\" term \"T\" classification confidential pii(email)"
              " deprecated sunset \"2027-01-01\" \"gone\"\n"
              "    field b decimal(12,2) range (0, 100]\n"
              "    field c enum(p, q, r)\n"
              "    field d list<map<string, int64>>\n"
              "    field e common.Email\n"
              "    field f float64 default -0.50 range [*, 1.5e3)\n"
              "    field g boolean default true\n"
              "    field h string default null\n"
              "  }\n"
              "}\n");
}

static void test_alignment_runs(void **state)
{
    (void)state;
    /* a blank line and an own-line comment end a run; a doc comment and a trailing comment do not */
    check_fmt("contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "  dataset d {\n"
              "    primary key (id)\n"
              "    field id uuid\n"
              "    /// the customer\n"
              "    field customer_id uuid // who\n"
              "    field e int8\n"
              "\n\n\n"
              "    field longer_name int8\n"
              "    // a comment ends the run\n"
              "    field x int8\n"
              "    field yy int8\n"
              "  }\n"
              "}\n",
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "\n"
              "  dataset d {\n"
              "    primary key (id)\n"
              "    field id          uuid\n"
              "    /// the customer\n"
              "    field customer_id uuid // who\n"
              "    field e           int8\n"
              "\n"
              "    field longer_name int8\n"
              "    // a comment ends the run\n"
              "    field x  int8\n"
              "    field yy int8\n"
              "  }\n"
              "}\n");
    /* another dataset item between two fields ends the run too */
    check_fmt("contract a.b 1.0.0 { owner \"x\" dataset d {\n"
              "  field a int8\n  upstream x.y\n  field longer int8\n  field b int8\n} }\n",
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "\n"
              "  dataset d {\n"
              "    field a int8\n"
              "    upstream x.y\n"
              "    field longer int8\n"
              "    field b      int8\n"
              "  }\n"
              "}\n");
}

static void test_blocks_get_blank_lines(void **state)
{
    (void)state;
    check_fmt("library l.t 1.0.0 {\n"
              "\n"
              "  type A = string(254) pii(email)\n"
              "  type P = struct { field x int32 field yy list<struct { field z int8 }> } classification internal\n"
              "  type B = int32\n"
              "\n"
              "}\n",
              "library l.t 1.0.0 {\n"
              "  type A = string(254) pii(email)\n"
              "\n"
              "  type P = struct {\n"
              "    field x  int32\n"
              "    field yy list<struct {\n"
              "      field z int8\n"
              "    }>\n"
              "  } classification internal\n"
              "\n"
              "  type B = int32\n"
              "}\n");
}

static void test_quality_and_dataset_items(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 { owner \"x\" dataset d { unique (a,b) unknown fields allow field a int32 field b timestamp\n"
              "quality { row_count>=1000 null_rate(a)<1% valid_rate(a) >= 99.5% freshness(b) < 2h unique(a, b)"
              " sql \"SELECT 1\" == 0 }\n"
              "upstream x.y upstream \"ext.t\" } }\n",
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "\n"
              "  dataset d {\n"
              "    unique (a, b)\n"
              "    unknown fields allow\n"
              "    field a int32\n"
              "    field b timestamp\n"
              "\n"
              "    quality {\n"
              "      row_count >= 1000\n"
              "      null_rate(a) < 1%\n"
              "      valid_rate(a) >= 99.5%\n"
              "      freshness(b) < 2h\n"
              "      unique (a, b)\n"
              "      sql \"SELECT 1\" == 0\n"
              "    }\n"
              "\n"
              "    upstream x.y\n"
              "    upstream \"ext.t\"\n"
              "  }\n"
              "}\n");
}

/* A rule's `meta { ... }`: after the rule, laid out as any metadata value (one line when short
 * and flat, else one entry per line indented from the rule's); a comment after it stays on its
 * line. */
static void test_rule_meta(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 { owner \"x\" dataset d { field a int32 expect { null_count==0 meta {severity:\"error\"} }\n"
              "quality { row_count>=1 meta { description: \"volume\", dimension: \"completeness\", method: \"reconciliation\", schedule: \"0 20 * * *\" } // why\n"
              "null_rate(a)<1% meta {tags:[\"x\"]} } } }\n",
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "\n"
              "  dataset d {\n"
              "    field a int32 expect { null_count == 0 meta { severity: \"error\" } }\n"
              "\n"
              "    quality {\n"
              "      row_count >= 1 meta {\n"
              "        description: \"volume\",\n"
              "        dimension: \"completeness\",\n"
              "        method: \"reconciliation\",\n"
              "        schedule: \"0 20 * * *\"\n"
              "      } // why\n"
              "      null_rate(a) < 1% meta {\n"
              "        tags: [\"x\"]\n"
              "      }\n"
              "    }\n"
              "  }\n"
              "}\n");
}

static void test_doc_comments(void **state)
{
    (void)state;
    check_fmt("/// The product.\n///   Indented second line.\n"
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "   ///  A type.\n"
              "  type T = int32\n"
              "  /// The dataset.\n"
              "  dataset d {\n"
              "       /// A field.\n"
              "    field a int32\n"
              "  }\n"
              "}\n",
              "/// The product.\n///   Indented second line.\n"
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "  ///  A type.\n"
              "  type T = int32\n"
              "\n"
              "  /// The dataset.\n"
              "  dataset d {\n"
              "    /// A field.\n"
              "    field a int32\n"
              "  }\n"
              "}\n");
}

/* A `///` line that no declaration follows is an ordinary comment. Moved above a declaration
 * it would become that declaration's doc, so it is printed as `//` there, and only there. */
static void test_unattached_doc_lines(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 {\n"
              "  /// orphan\n"
              "  owner \"x\"\n"
              "  dataset d {\n"
              "    field a int32 /// inside\n"
              "      unique\n"
              "    /// d1\n"
              "    // plain\n"
              "    /// d2\n"
              "    field b int8\n"
              "  }\n"
              "}\n",
              "contract a.b 1.0.0 {\n"
              "  /// orphan\n"
              "  owner \"x\"\n"
              "\n"
              "  dataset d {\n"
              "    // inside\n"
              "    field a int32 unique\n"
              "    /// d1\n"
              "    // plain\n"
              "    /// d2\n"
              "    field b int8\n"
              "  }\n"
              "}\n");
}

static void test_block_header_comments_and_empty_struct(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 { owner \"x\" dataset d { /* h */ field a struct {} field bb int8 } }\n",
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "\n"
              "  dataset d { /* h */\n"
              "    field a  struct {}\n"
              "    field bb int8\n"
              "  }\n"
              "}\n");
}

/* --- comments ---------------------------------------------------------------------------- */

static void test_comments_kept_in_place(void **state)
{
    (void)state;
    check_fmt("// file header\n"
              "\n"
              "import \"a.dc\" // why a\n"
              "/* before the contract */\n"
              "contract a.b 1.0.0 { // the product\n"
              "    owner \"x\"   // trailing owner   \n"
              "        // own line before status\n"
              "  status draft\n"
              "  dataset d {\n"
              "    field a int32 /* inside */ unique // after a\n"
              "    field b int32\n"
              "    // last in dataset\n"
              "  } // after dataset\n"
              "  // last in contract\n"
              "}\n"
              "// end of file\n",
              "// file header\n"
              "\n"
              "import \"a.dc\" // why a\n"
              "\n"
              "/* before the contract */\n"
              "contract a.b 1.0.0 { // the product\n"
              "  owner \"x\" // trailing owner\n"
              "  // own line before status\n"
              "  status draft\n"
              "\n"
              "  dataset d {\n"
              "    /* inside */\n"
              "    field a int32 unique // after a\n"
              "    field b int32\n"
              "    // last in dataset\n"
              "  } // after dataset\n"
              "  // last in contract\n"
              "}\n"
              "// end of file\n");
}

static void test_comments_inside_items_move_up(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 {\n"
              "  owner /* who */ \"x\"\n"
              "  tags (\"a\", // first\n"
              "        \"b\")\n"
              "  sla { /* s */ freshness /* f */ 1h }\n"
              "  dataset d {\n"
              "    unique (a, /* k */ b)\n"
              "    field a struct { /* open */\n"
              "      field x int8 /* x */\n"
              "    } /* after struct */ unique\n"
              "    field b int8\n"
              "    quality { row_count > /* n */ 1 }\n"
              "  }\n"
              "}\n",
              "contract a.b 1.0.0 {\n"
              "  /* who */\n"
              "  owner \"x\"\n"
              "  // first\n"
              "  tags (\"a\", \"b\")\n"
              "\n"
              "  sla { /* s */\n"
              "    /* f */\n"
              "    freshness 1h\n"
              "  }\n"
              "\n"
              "  dataset d {\n"
              "    /* k */\n"
              "    unique (a, b)\n"
              "    field a struct { /* open */\n"
              "      field x int8 /* x */\n"
              "    } unique\n"
              "    /* after struct */\n"
              "    field b int8\n"
              "\n"
              "    quality {\n"
              "      /* n */\n"
              "      row_count > 1\n"
              "    }\n"
              "  }\n"
              "}\n");
}

static void test_multiline_block_comment(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 {\n"
              "      /* one   \n"
              "         two\r\n"
              "      */\n"
              "  owner \"x\"\n"
              "}\n",
              "contract a.b 1.0.0 {\n"
              "  /* one\n"
              "         two\n"
              "      */\n"
              "  owner \"x\"\n"
              "}\n");
}

static void test_blank_lines_collapse(void **state)
{
    (void)state;
    check_fmt("\n\n// top\n\n\n\ncontract a.b 1.0.0 {\n\n\n"
              "  owner \"x\"\n\n\n\n"
              "  // c1\n\n"
              "  // c2\n"
              "  contact \"y\"\n\n\n"
              "}\n\n\n",
              "// top\n"
              "\n"
              "contract a.b 1.0.0 {\n"
              "  owner \"x\"\n"
              "\n"
              "  // c1\n"
              "\n"
              "  // c2\n"
              "  contact \"y\"\n"
              "}\n");
}

static void test_crlf_input(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 {\r\n  owner \"x\" // c\r\n\r\n  contact \"y\"\r\n}\r\n",
              "contract a.b 1.0.0 {\n  owner \"x\" // c\n\n  contact \"y\"\n}\n");
}

/* --- strings ----------------------------------------------------------------------------- */

static void test_string_escapes(void **state)
{
    (void)state;
    check_fmt("contract a.b 1.0.0 {\n"
              "  owner \"q\\\" b\\\\ n\\n t\\t r\\r \\u{41}\\u{1}\\u{7F} caf\xc3\xa9 \\u{e9} \\u{200B}\"\n"
              "}\n",
              "contract a.b 1.0.0 {\n"
              "  owner \"q\\\" b\\\\ n\\n t\\t r\\r A\\u{1}\\u{7f} caf\xc3\xa9 \xc3\xa9 \\u{200b}\"\n"
              "}\n");
}

/* A model with no source text (a front end without spans) still prints, without comments. */
static void test_model_without_source(void **state)
{
    (void)state;
    Arena *a = arena_new();
    Contract *c = ARENA_NEW(a, Contract);
    c->kind = UNIT_CONTRACT;
    c->span = span_none();
    Name *part2 = ARENA_NEW(a, Name);
    part2->text = "b";
    Name *part1 = ARENA_NEW(a, Name);
    part1->text = "a";
    part1->next = part2;
    c->name.parts = part1;
    c->name.nparts = 2;
    Literal *ver = ARENA_NEW(a, Literal);
    ver->kind = LIT_STRING;
    ver->text = "1.0.0";
    c->version = ver;
    Literal *owner = ARENA_NEW(a, Literal);
    owner->kind = LIT_STRING;
    owner->text = "nul\0x"; /* an embedded NUL: the length decides */
    owner->len = 5;
    c->owner = owner;
    ContractItem *it = ARENA_NEW(a, ContractItem);
    it->kind = CI_OWNER;
    it->span = span_none();
    c->items = it;
    ParsedFile pf = {c, NULL, SPAN_NOFILE};
    StrBuf b;
    sb_init(&b);
    fmt_file(&b, &pf, NULL);
    assert_string_equal(b.data, "contract a.b 1.0.0 {\n  owner \"nul\\u{0}x\"\n}\n");
    sb_free(&b);

    /* the dump keeps the NUL too, and says nothing about spans */
    sb_init(&b);
    dump_unit(&b, c);
    assert_non_null(strstr(b.data, "\"owner\": [\"string\", \"nul\\u0000x\"]"));
    assert_null(strstr(b.data, "span"));
    sb_free(&b);
    arena_free(a);
}

/* --- the dump ---------------------------------------------------------------------------- */

static void test_dump_sees_meaning_not_layout(void **state)
{
    (void)state;
    Parsed a = parse_text("contract a.b 1.0.0 { owner \"x\" // c\n dataset d { field f int32 range [1, 2] } }");
    Parsed b = parse_text("contract a.b 1.0.0 {\n  owner \"x\"\n\n  dataset d {\n    field f int32 range [1, 2]\n  }\n}\n");
    Parsed c = parse_text("contract a.b 1.0.0 { owner \"x\" dataset d { field f int32 range [1, 2) } }");
    Parsed d = parse_text("contract a.b 1.0.0 { owner \"x\" dataset d { field f int32 range [1, 2.0] } }");
    char *da = dump_parsed(&a), *db = dump_parsed(&b), *dc = dump_parsed(&c), *dd = dump_parsed(&d);
    assert_string_equal(da, db);    /* layout and comments do not count */
    assert_string_not_equal(da, dc); /* an exclusive bound does */
    assert_string_not_equal(da, dd); /* and so does a number's text */
    char *da2 = dump_parsed(&a);
    assert_string_equal(da, da2);    /* deterministic */
    free(da);
    free(da2);
    free(db);
    free(dc);
    free(dd);
    arena_free(a.arena);
    arena_free(b.arena);
    arena_free(c.arena);
    arena_free(d.arena);
}

static void test_dump_item_order(void **state)
{
    (void)state;
    Parsed a = parse_text("contract a.b 1.0.0 { owner \"x\" contact \"y\" dataset d { field f int32 } }");
    Parsed b = parse_text("contract a.b 1.0.0 { contact \"y\" owner \"x\" dataset d { field f int32 } }");
    char *da = dump_parsed(&a), *db = dump_parsed(&b);
    assert_string_not_equal(da, db); /* fmt keeps the order, so the dump checks it */
    free(da);
    free(db);
    arena_free(a.arena);
    arena_free(b.arena);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_messy_one_line),
        cmocka_unit_test(test_imports_and_contract_items),
        cmocka_unit_test(test_attribute_order_and_types),
        cmocka_unit_test(test_alignment_runs),
        cmocka_unit_test(test_blocks_get_blank_lines),
        cmocka_unit_test(test_quality_and_dataset_items),
        cmocka_unit_test(test_rule_meta),
        cmocka_unit_test(test_doc_comments),
        cmocka_unit_test(test_unattached_doc_lines),
        cmocka_unit_test(test_block_header_comments_and_empty_struct),
        cmocka_unit_test(test_comments_kept_in_place),
        cmocka_unit_test(test_comments_inside_items_move_up),
        cmocka_unit_test(test_multiline_block_comment),
        cmocka_unit_test(test_blank_lines_collapse),
        cmocka_unit_test(test_crlf_input),
        cmocka_unit_test(test_string_escapes),
        cmocka_unit_test(test_model_without_source),
        cmocka_unit_test(test_dump_sees_meaning_not_layout),
        cmocka_unit_test(test_dump_item_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
