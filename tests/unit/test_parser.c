/* test_parser.c - the .dc grammar and builders: the tour of docs/language.md becomes the expected
 * model; syntax errors are reported one per bad item; hostile input ends in clean diagnostics. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "parse.h"

/* The tour of docs/language.md, verbatim. */
static const char tour[] =
    "// examples/sales/orders.dc\n"
    "import \"../shared/common.dc\"\n"
    "import \"../marketing/customers.dc\"\n"
    "\n"
    "/// Orders placed in the web shop, one row per order.\n"
    "contract sales.orders 2.1.0 {\n"
    "  owner \"Sales Analytics\"\n"
    "  contact \"sales-analytics@example.com\"\n"
    "  domain sales\n"
    "  status active\n"
    "  tags (\"orders\", \"revenue\")\n"
    "  link docs \"https://wiki.example.com/sales/orders\"\n"
    "  compatibility backward\n"
    "  serve postgres \"analytics.sales.orders\"\n"
    "  serve s3 \"s3://acme-lake/sales/orders/\" format parquet\n"
    "\n"
    "  sla {\n"
    "    freshness 1h\n"
    "    frequency cron \"*/15 * * * *\"\n"
    "    availability 99.9%\n"
    "    latency 5m\n"
    "    retention 7y\n"
    "    support \"Mon-Fri 09:00-17:00 CET\"\n"
    "    response 4h\n"
    "  }\n"
    "\n"
    "  /// An order line: one product and how many of it.\n"
    "  type LineItem = struct {\n"
    "    field sku string(32) pattern \"^[A-Z0-9-]+$\"\n"
    "    field qty int32 range [1, 999]\n"
    "  }\n"
    "\n"
    "  dataset orders {\n"
    "    primary key (order_id)\n"
    "    unique (customer_id, created_at)\n"
    "\n"
    "    field order_id    uuid\n"
    "    /// The customer who placed the order.\n"
    "    field customer_id uuid references customers.customers.customer_id\n"
    "    field email       common.Email?\n"
    "    field amount      decimal(12,2) range [0, 1000000] unit \"EUR\" term \"Gross order value\"\n"
    "    field currency    string(3) default \"EUR\" pattern \"^[A-Z]{3}$\"\n"
    "    field status      enum(placed, shipped, delivered, cancelled)\n"
    "    field created_at  timestamp\n"
    "    field items       list<LineItem> length [1, *]\n"
    "    field coupon      string(16)? deprecated sunset \"2027-06-30\" \"coupons moved to promotions\"\n"
    "\n"
    "    quality {\n"
    "      row_count >= 1000\n"
    "      null_rate(email) < 1%\n"
    "      valid_rate(currency) >= 99.5%\n"
    "      freshness(created_at) < 2h\n"
    "      unique (order_id)\n"
    "      sql \"SELECT count(*) FROM orders WHERE amount < 0\" == 0\n"
    "    }\n"
    "\n"
    "    upstream customers.customers\n"
    "    upstream \"shopdb.public.orders\"\n"
    "  }\n"
    "}\n";

typedef struct {
    Arena *arena;
    SourceSet sources;
    DiagSink diags;
    ParsedFile *pf;
    const char *text;
} Parsed;

static Parsed *parse(const char *text, size_t len)
{
    Parsed *p = calloc(1, sizeof *p);
    p->arena = arena_new();
    source_set_init(&p->sources, p->arena);
    diag_init(&p->diags, p->arena, &p->sources);
    uint32_t id = source_add(&p->sources, "t.dc", text, len);
    p->text = p->sources.files[id]->text;
    p->pf = parse_file(p->arena, &p->diags, &p->sources, id);
    return p;
}

static Parsed *parses(const char *text) { return parse(text, strlen(text)); }

static void done(Parsed *p)
{
    arena_free(p->arena);
    free(p);
}

/* The source text a span covers starts with `prefix`. */
static void assert_span_text(const Parsed *p, Span s, const char *prefix)
{
    assert_true(s.end >= s.start);
    assert_true(s.end - s.start >= strlen(prefix));
    assert_memory_equal(p->text + s.start, prefix, strlen(prefix));
}

static Field *field_at(Field *f, int i)
{
    while (i-- > 0 && f) f = f->next;
    assert_non_null(f);
    return f;
}

static unsigned count_code(const DiagSink *d, DiagCode code)
{
    unsigned n = 0;
    for (const Diag *g = d->first; g; g = g->next) n += g->code == code;
    return n;
}

static void test_tour_contract(void **state)
{
    (void)state;
    Parsed *p = parse(tour, sizeof tour - 1);
    assert_int_equal(p->diags.errors, 0);
    Contract *u = p->pf->unit;
    assert_non_null(u);
    assert_int_equal(u->kind, UNIT_CONTRACT);
    assert_string_equal(u->name.text, "sales.orders");
    assert_int_equal(u->name.nparts, 2);
    assert_int_equal(u->version->kind, LIT_STRING);
    assert_string_equal(u->version->text, "2.1.0");
    assert_string_equal(u->doc, "Orders placed in the web shop, one row per order.");
    assert_span_text(p, u->span, "contract sales.orders");
    assert_int_equal(p->text[u->span.end - 1], '}');

    assert_string_equal(u->imports->path->text, "../shared/common.dc");
    assert_null(u->imports->alias);
    assert_string_equal(u->imports->next->path->text, "../marketing/customers.dc");
    assert_null(u->imports->next->next);

    assert_string_equal(u->owner->text, "Sales Analytics");
    assert_string_equal(u->contact->text, "sales-analytics@example.com");
    assert_string_equal(u->domain->text, "sales");
    assert_string_equal(u->status_name->text, "active"); /* the enum is sema's (test_sema.c) */
    assert_string_equal(u->tags->text, "orders");
    assert_string_equal(u->tags->next->text, "revenue");
    assert_null(u->tags->next->next);
    assert_string_equal(u->links->name.text, "docs");
    assert_string_equal(u->links->url->text, "https://wiki.example.com/sales/orders");
    assert_int_equal(u->compatibility, COMPAT_BACKWARD);
    assert_false(u->compat_transitive);
    assert_string_equal(u->serves->kind.text, "postgres");
    assert_null(u->serves->format);
    assert_string_equal(u->serves->next->kind.text, "s3");
    assert_string_equal(u->serves->next->format->text, "parquet");

    /* service levels, in order */
    assert_true(u->has_sla);
    struct { SlaKind k; const char *v; bool cron; } sla[] = {
        {SLA_FRESHNESS, "1h", false}, {SLA_FREQUENCY, "*/15 * * * *", true},
        {SLA_AVAILABILITY, "99.9", false}, {SLA_LATENCY, "5m", false},
        {SLA_RETENTION, "7y", false}, {SLA_SUPPORT, "Mon-Fri 09:00-17:00 CET", false},
        {SLA_RESPONSE, "4h", false},
    };
    SlaItem *s = u->sla;
    for (size_t i = 0; i < 7; i++, s = s->next) {
        assert_non_null(s);
        assert_int_equal(s->kind, sla[i].k);
        assert_string_equal(s->value->text, sla[i].v);
        assert_int_equal(s->cron, sla[i].cron);
    }
    assert_null(s);
    assert_span_text(p, u->sla_span, "sla {");

    /* the named type */
    TypeDecl *td = u->types;
    assert_string_equal(td->name.text, "LineItem");
    assert_string_equal(td->doc, "An order line: one product and how many of it.");
    assert_int_equal(td->type->kind, TY_STRUCT);
    Field *sku = td->type->u.strct.fields;
    assert_string_equal(sku->name.text, "sku");
    assert_int_equal(sku->type->kind, TY_STRING);
    assert_string_equal(sku->type->u.string.max->text, "32");
    assert_string_equal(sku->attrs->pattern->text, "^[A-Z0-9-]+$");
    Field *qty = sku->next;
    assert_int_equal(qty->type->kind, TY_INT32);
    assert_true(qty->attrs->range->lo_inclusive && qty->attrs->range->hi_inclusive);
    assert_string_equal(qty->attrs->range->lo->text, "1");
    assert_string_equal(qty->attrs->range->hi->text, "999");
    assert_null(qty->next);
    assert_null(td->next);

    /* the dataset */
    Dataset *d = u->datasets;
    assert_string_equal(d->name.text, "orders");
    assert_null(d->next);
    assert_string_equal(d->primary_key->fields->text, "order_id");
    assert_string_equal(d->uniques->fields->text, "customer_id");
    assert_string_equal(d->uniques->fields->next->text, "created_at");
    assert_int_equal(d->unknown_fields, UNKNOWN_REJECT);

    const char *names[] = {"order_id", "customer_id", "email", "amount", "currency",
                           "status", "created_at", "items", "coupon"};
    TypeKind kinds[] = {TY_UUID, TY_UUID, TY_NAMED, TY_DECIMAL, TY_STRING, TY_ENUM, TY_TIMESTAMP,
                        TY_LIST, TY_STRING};
    Field *f = d->fields;
    for (int i = 0; i < 9; i++, f = f->next) {
        assert_non_null(f);
        assert_string_equal(f->name.text, names[i]);
        assert_int_equal(f->type->kind, kinds[i]);
        assert_span_text(p, f->span, "field");
    }
    assert_null(f);

    Field *cust = field_at(d->fields, 1);
    assert_string_equal(cust->doc, "The customer who placed the order.");
    assert_null(d->fields->doc);
    assert_string_equal(cust->attrs->references->text, "customers.customers.customer_id");
    assert_int_equal(cust->attrs->references->nparts, 3);
    Field *email = field_at(d->fields, 2);
    assert_true(email->optional);
    assert_string_equal(email->type->u.named.name.text, "common.Email");
    assert_int_equal(email->type->u.named.name.nparts, 2);
    Field *amount = field_at(d->fields, 3);
    assert_string_equal(amount->type->u.decimal.precision->text, "12");
    assert_string_equal(amount->type->u.decimal.scale->text, "2");
    assert_string_equal(amount->attrs->range->hi->text, "1000000");
    assert_string_equal(amount->attrs->unit->text, "EUR");
    assert_string_equal(amount->attrs->term->text, "Gross order value");
    Field *currency = field_at(d->fields, 4);
    assert_int_equal(currency->attrs->default_value->kind, LIT_STRING);
    assert_string_equal(currency->attrs->default_value->text, "EUR");
    Field *status = field_at(d->fields, 5);
    assert_int_equal(status->type->u.enumeration.count, 4);
    assert_string_equal(status->type->u.enumeration.values->next->next->next->name, "cancelled");
    Field *items = field_at(d->fields, 7);
    assert_int_equal(items->type->u.list.elem->kind, TY_NAMED);
    assert_string_equal(items->type->u.list.elem->u.named.name.text, "LineItem");
    assert_string_equal(items->attrs->length->lo->text, "1");
    assert_null(items->attrs->length->hi); /* `*` */
    Field *coupon = field_at(d->fields, 8);
    assert_true(coupon->optional);
    assert_true(coupon->attrs->deprecated);
    assert_string_equal(coupon->attrs->sunset->text, "2027-06-30");
    assert_string_equal(coupon->attrs->deprecation_reason->text, "coupons moved to promotions");
    assert_false(coupon->attrs->unique);

    /* quality rules */
    QualityRule *r = d->quality;
    assert_int_equal(r->kind, RULE_ROW_COUNT);
    assert_int_equal(r->op, CMP_GE);
    assert_string_equal(r->value->text, "1000");
    r = r->next;
    assert_int_equal(r->kind, RULE_NULL_RATE);
    assert_int_equal(r->op, CMP_LT);
    assert_string_equal(r->fields->text, "email");
    assert_string_equal(r->value->text, "1");
    r = r->next;
    assert_int_equal(r->kind, RULE_VALID_RATE);
    assert_string_equal(r->value->text, "99.5");
    r = r->next;
    assert_int_equal(r->kind, RULE_FRESHNESS);
    assert_string_equal(r->fields->text, "created_at");
    assert_string_equal(r->value->text, "2h");
    r = r->next;
    assert_int_equal(r->kind, RULE_UNIQUE);
    assert_string_equal(r->fields->text, "order_id");
    r = r->next;
    assert_int_equal(r->kind, RULE_SQL);
    assert_int_equal(r->op, CMP_EQ);
    assert_string_equal(r->sql->text, "SELECT count(*) FROM orders WHERE amount < 0");
    assert_string_equal(r->value->text, "0");
    assert_null(r->next);
    assert_span_text(p, d->quality_span, "quality {");

    assert_string_equal(d->upstream->name->text, "customers.customers");
    assert_null(d->upstream->external);
    assert_string_equal(d->upstream->next->external->text, "shopdb.public.orders");
    assert_null(d->upstream->next->name);

    /* source order of items, for fmt */
    ContractItemKind cis[] = {CI_OWNER, CI_CONTACT, CI_DOMAIN, CI_STATUS, CI_TAGS, CI_LINK,
                              CI_COMPATIBILITY, CI_SERVE, CI_SERVE, CI_SLA, CI_TYPE, CI_DATASET};
    ContractItem *ci = u->items;
    for (size_t i = 0; i < sizeof cis / sizeof cis[0]; i++, ci = ci->next) {
        assert_non_null(ci);
        assert_int_equal(ci->kind, cis[i]);
    }
    assert_null(ci);
    DatasetItemKind dis[] = {DI_PRIMARY_KEY, DI_UNIQUE, DI_FIELD, DI_FIELD, DI_FIELD, DI_FIELD,
                             DI_FIELD, DI_FIELD, DI_FIELD, DI_FIELD, DI_FIELD, DI_QUALITY,
                             DI_UPSTREAM, DI_UPSTREAM};
    DatasetItem *di = d->items;
    for (size_t i = 0; i < sizeof dis / sizeof dis[0]; i++, di = di->next) {
        assert_non_null(di);
        assert_int_equal(di->kind, dis[i]);
    }
    assert_null(di);

    /* the one ordinary comment; doc comments went to their declarations */
    assert_string_equal(p->pf->comments->text, "// examples/sales/orders.dc");
    assert_true(p->pf->comments->own_line);
    assert_null(p->pf->comments->next);
    done(p);
}

static void test_keywords_as_names(void **state)
{
    (void)state;
    Parsed *p = parses("contract a.b 1.0.0 {\n status deprecated\n compatibility full transitive\n"
                       " dataset type {\n  field type enum(type, unique, \"x y\", null)\n"
                       "  field unique string unique\n  unique (unique, type)\n"
                       "  primary key (type)\n  field map map<string, list<int32>>?\n }\n}\n");
    assert_int_equal(p->diags.errors, 0);
    Contract *u = p->pf->unit;
    /* Words are kept as written; sema maps them to the enums. */
    assert_string_equal(u->status_name->text, "deprecated");
    assert_string_equal(u->compat_name->text, "full");
    assert_true(u->compat_transitive);
    Dataset *d = u->datasets;
    assert_string_equal(d->name.text, "type");
    assert_string_equal(d->fields->name.text, "type");
    assert_string_equal(d->fields->type->u.enumeration.values->next->name, "unique");
    assert_string_equal(d->fields->type->u.enumeration.values->next->next->name, "x y");
    Field *un = d->fields->next;
    assert_string_equal(un->name.text, "unique");
    assert_true(un->attrs->unique);
    assert_string_equal(d->uniques->fields->text, "unique");
    Field *m = un->next;
    assert_int_equal(m->type->kind, TY_MAP);
    assert_string_equal(m->type->u.map.key->text, "string");
    assert_int_equal(m->type->u.map.value->kind, TY_LIST);
    assert_true(m->optional);
    done(p);
}

static void test_sema_is_left_the_meaning(void **state)
{
    (void)state;
    /* A number as the version, a one-part name, items in a library, an empty enum and odd type
     * arguments all parse: sema gives the precise error. */
    Parsed *p = parses("library lib 2.1 { owner \"x\" type E = enum() type D = decimal(1, 2, 3) "
                       "type S = string(\"a\") }");
    /* string("a") is not a number: that one is syntax */
    assert_int_equal(p->diags.errors, 1);
    assert_int_equal(p->diags.first->code, D_SYNTAX);
    done(p);
    p = parses("library lib 2.1 { owner \"x\" type E = enum() type D = decimal(1, 2, 3) }");
    assert_int_equal(p->diags.errors, 0);
    Contract *u = p->pf->unit;
    assert_int_equal(u->kind, UNIT_LIBRARY);
    assert_string_equal(u->version->text, "2.1");
    assert_int_equal(u->name.nparts, 1);
    assert_string_equal(u->owner->text, "x");
    assert_int_equal(u->types->type->u.enumeration.count, 0);
    assert_string_equal(u->types->next->type->args->next->next->text, "3");
    done(p);
}

static void test_syntax_errors_reported_separately(void **state)
{
    (void)state;
    const char text[] = "contract a.b 1.0.0 {\n"
                        "  owner \"x\"\n"
                        "  bogus 1\n"                      /* bad contract item */
                        "  dataset d {\n"
                        "    field x\n"                    /* field without a type */
                        "    field y int32 range [1 5]\n"  /* bad interval */
                        "    field ok int32\n"
                        "    quality { row_count > 5 nope (x) < 1% null_rate(ok) < 1% }\n"
                        "  }\n"
                        "}\n";
    Parsed *p = parse(text, sizeof text - 1);
    assert_int_equal(p->diags.errors, 4);
    assert_int_equal(count_code(&p->diags, D_SYNTAX), 4);
    const Diag *g = p->diags.first;
    assert_span_text(p, g->span, "bogus");
    assert_string_equal(g->message, "unexpected identifier 'bogus', expected a contract item (owner, type, dataset, sla, ...) or '}'");
    g = g->next;
    assert_int_equal(g->span.start, strstr(text, "field y") - text);
    assert_string_equal(g->message, "unexpected 'field', expected a type after field name 'x'");
    g = g->next;
    assert_span_text(p, g->span, "5");
    assert_int_equal(p->text[g->span.end], ']');
    assert_string_equal(g->message, "unexpected number '5', expected ','");
    g = g->next;
    assert_span_text(p, g->span, "nope");
    /* the good items around the bad ones are kept */
    Contract *u = p->pf->unit;
    assert_non_null(u);
    assert_string_equal(u->owner->text, "x");
    Dataset *d = u->datasets;
    assert_string_equal(d->fields->name.text, "ok");
    assert_null(d->fields->next);
    assert_int_equal(d->quality->kind, RULE_ROW_COUNT);
    assert_int_equal(d->quality->next->kind, RULE_NULL_RATE);
    done(p);
}

static void test_item_given_twice(void **state)
{
    (void)state;
    const char text[] = "contract a.b 1.0.0 { owner \"a\" owner \"b\" sla { latency 1h latency 2h }"
                        " dataset d { primary key (f) primary key (f) field f int32 unique unique } }";
    Parsed *p = parse(text, sizeof text - 1);
    assert_int_equal(p->diags.errors, 4);
    assert_int_equal(count_code(&p->diags, D_DUP_ITEM), 4);
    const Diag *g = p->diags.first;
    assert_span_text(p, g->span, "owner \"b\"");
    assert_non_null(g->notes);
    assert_span_text(p, g->notes->span, "owner \"a\"");
    assert_string_equal(g->notes->message, "first given here");
    g = g->next;
    assert_span_text(p, g->span, "latency 2h");
    assert_span_text(p, g->notes->span, "latency 1h");
    assert_string_equal(p->pf->unit->owner->text, "a"); /* the first one stays */
    assert_null(p->pf->unit->sla->next);
    done(p);
}

static char *repeat(const char *pre, const char *open, const char *mid, const char *close,
                    const char *post, int n)
{
    size_t len = strlen(pre) + n * (strlen(open) + strlen(close)) + strlen(mid) + strlen(post) + 1;
    char *s = malloc(len), *o = s;
    o = stpcpy(o, pre);
    for (int i = 0; i < n; i++) o = stpcpy(o, open);
    o = stpcpy(o, mid);
    for (int i = 0; i < n; i++) o = stpcpy(o, close);
    stpcpy(o, post);
    return s;
}

#define DS_PRE "contract a.b 1.0.0 { owner \"x\" dataset d { field f "
#define DS_POST " } }"

static void test_nesting_limit(void **state)
{
    (void)state;
    char *s = repeat(DS_PRE, "list<", "int32", ">", DS_POST, 64);
    Parsed *p = parses(s);
    assert_int_equal(p->diags.errors, 0);
    done(p);
    free(s);

    s = repeat(DS_PRE, "list<", "int32", ">", DS_POST, 65);
    p = parses(s);
    assert_int_equal(p->diags.errors, 1);
    assert_int_equal(p->diags.first->code, D_NESTING_TOO_DEEP);
    assert_int_equal(p->pf->unit->datasets->fields->type->kind, TY_ERROR); /* poisoned */
    done(p);
    free(s);

    s = repeat(DS_PRE, "struct { field a ", "int32", " }", DS_POST, 100);
    p = parses(s);
    assert_int_equal(p->diags.errors, 1);
    assert_int_equal(p->diags.first->code, D_NESTING_TOO_DEEP);
    done(p);
    free(s);
}

static void test_nesting_ten_thousand(void **state)
{
    (void)state;
    const char *opens[] = {"list<", "struct { field a ", "map<string, "};
    const char *closes[] = {">", " }", ">"};
    for (int k = 0; k < 3; k++) {
        char *s = repeat(DS_PRE, opens[k], "int32", closes[k], DS_POST, 10000);
        Parsed *p = parses(s);
        assert_int_equal(p->diags.errors, 1);
        assert_int_equal(p->diags.first->code, D_NESTING_TOO_DEEP);
        done(p);
        free(s);
    }
}

static void test_megabyte_identifier(void **state)
{
    (void)state;
    size_t n = 1000000;
    char *s = repeat("contract a.b 1.0.0 { owner \"x\" dataset ", "", "", "", "", 0);
    size_t pre = strlen(s);
    s = realloc(s, pre + n + 64);
    memset(s + pre, 'z', n);
    strcpy(s + pre + n, " { field f int32 } }");
    Parsed *p = parses(s);
    assert_int_equal(p->diags.errors, 1);
    assert_int_equal(p->diags.first->code, D_TOKEN_TOO_LONG);
    assert_int_equal(p->diags.first->span.start, pre);
    assert_int_equal(p->diags.first->span.end, pre + n);
    assert_int_equal(strlen(p->pf->unit->datasets->name.text), 255);
    /* the arena holds the source copy and little more */
    assert_true(arena_bytes(p->arena) < 4 * n);
    done(p);
    free(s);
}

static void test_binary_garbage(void **state)
{
    (void)state;
    size_t n = 100000;
    char *s = malloc(n);
    uint32_t x = 12345;
    for (size_t i = 0; i < n; i++) {
        x = x * 1103515245u + 12345u;
        s[i] = (char)(x >> 16);
    }
    Parsed *p = parse(s, n);
    assert_true(p->diags.errors > 0);
    assert_null(p->pf->unit);
    assert_true(count_code(&p->diags, D_INVALID_UTF8) > 0 || count_code(&p->diags, D_NUL_BYTE) > 0);
    done(p);
    free(s);
}

static void test_empty_file(void **state)
{
    (void)state;
    Parsed *p = parse("", 0);
    assert_int_equal(p->diags.errors, 1);
    assert_int_equal(p->diags.first->code, D_EMPTY_FILE);
    assert_null(p->pf->unit);
    done(p);
    p = parses("import \"x.dc\"\n");
    assert_int_equal(p->diags.errors, 1);
    assert_int_equal(p->diags.first->code, D_EMPTY_FILE);
    done(p);
}

static void test_doc_comments(void **state)
{
    (void)state;
    Parsed *p = parses("/// lost\nimport \"x\" as y\n/// Contract doc.\n/// Line 2.\n"
                       "contract a.b 1.0.0 { /// not attached\n owner \"o\" // trailing\n"
                       " /// ds\n dataset d { /** block */ field a int32 } }");
    assert_int_equal(p->diags.errors, 0);
    Contract *u = p->pf->unit;
    assert_string_equal(u->imports->alias->text, "y");
    assert_string_equal(u->doc, "Contract doc.\nLine 2.");
    assert_string_equal(u->datasets->doc, "ds");
    assert_null(u->datasets->fields->doc);
    const char *want[] = {"/// lost", "/// not attached", "// trailing", "/** block */"};
    bool own[] = {true, false, false, false};
    Comment *c = p->pf->comments;
    for (int i = 0; i < 4; i++, c = c->next) {
        assert_non_null(c);
        assert_string_equal(c->text, want[i]);
        assert_int_equal(c->own_line, own[i]);
        assert_span_text(p, c->span, want[i]);
    }
    assert_null(c);
    done(p);
}

static void test_doc_trailing_blanks_trimmed(void **state)
{
    (void)state;
    /* fmt drops trailing blanks, so the doc text must not keep them either */
    Parsed *p = parses("contract a.b 1.0.0 { owner \"o\"\n"
                       " dataset d {\n  /// First.  \t\n  ///   \n  /// Last. \r\n  field a int32 } }");
    assert_int_equal(p->diags.errors, 0);
    assert_string_equal(p->pf->unit->datasets->fields->doc, "First.\n\nLast.");
    assert_null(p->pf->comments); /* the three lines became the doc */
    done(p);
}

static void test_doc_before_keyword_used_as_name_is_kept(void **state)
{
    (void)state;
    /* `type` here is the field's name, not a declaration: its doc comment stays a comment. */
    Parsed *p = parses("contract a.b 1.0.0 { owner \"o\"\n"
                       " dataset d {\n  field\n  /// x\n  type int32\n"
                       "  field e enum(a, /// y\n field) } }");
    assert_int_equal(p->diags.errors, 0);
    Field *f = p->pf->unit->datasets->fields;
    assert_string_equal(f->name.text, "type");
    assert_null(f->doc);
    assert_null(f->next->doc);
    Comment *c = p->pf->comments;
    assert_non_null(c);
    assert_string_equal(c->text, "/// x");
    assert_span_text(p, c->span, "/// x");
    assert_true(c->own_line);
    assert_non_null(c->next);
    assert_string_equal(c->next->text, "/// y");
    assert_false(c->next->own_line);
    assert_null(c->next->next);
    done(p);
}

static void test_unique_key_after_comment(void **state)
{
    (void)state;
    Parsed *p = parses("contract a.b 1.0.0 { owner \"o\"\n dataset d {\n"
                       "  field a int32 unique // the attribute\n"
                       "  unique // c\n (a)\n"
                       "  unique /* c */ (a)\n"
                       "  quality { unique // c\n (a) }\n } }");
    assert_int_equal(p->diags.errors, 0);
    Dataset *d = p->pf->unit->datasets;
    assert_true(d->fields->attrs->unique);
    assert_non_null(d->uniques);
    assert_string_equal(d->uniques->fields->text, "a");
    assert_non_null(d->uniques->next);
    assert_int_equal(d->quality->kind, RULE_UNIQUE);
    assert_int_equal(count_code(&p->diags, D_SYNTAX), 0);
    Comment *c = p->pf->comments;
    assert_string_equal(c->text, "// the attribute");
    assert_string_equal(c->next->text, "// c");
    assert_string_equal(c->next->next->text, "/* c */");
    assert_string_equal(c->next->next->next->text, "// c");
    assert_null(c->next->next->next->next);
    done(p);
}

static void test_error_right_after_recovery_is_reported(void **state)
{
    (void)state;
    /* After the bad `field w`, the parser resynchronises at the next item keyword, so the very
     * next item's own error is reported too (bison alone would wait for three good tokens). */
    const char text[] = "contract a.b 1.0.0 {\n"
                        "  owner \"x\"\n"
                        "  dataset d {\n"
                        "    field w int32 = 5\n"
                        "    field y\n"
                        "    field z\n"
                        "    field ok int32\n"
                        "  }\n"
                        "  owner = 1\n"
                        "  domain\n"
                        "}\n";
    Parsed *p = parse(text, sizeof text - 1);
    assert_int_equal(count_code(&p->diags, D_SYNTAX), 5);
    assert_int_equal(p->diags.errors, 5);
    const Diag *g = p->diags.first;
    assert_int_equal(g->span.start, strstr(text, "= 5") - text);
    g = g->next;
    assert_int_equal(g->span.start, strstr(text, "field z") - text);
    assert_string_equal(g->message, "unexpected 'field', expected a type after field name 'y'");
    g = g->next;
    assert_int_equal(g->span.start, strstr(text, "field ok") - text);
    assert_string_equal(g->message, "unexpected 'field', expected a type after field name 'z'");
    g = g->next;
    assert_int_equal(g->span.start, strstr(text, "= 1") - text);
    assert_string_equal(g->message, "unexpected '=', expected string after 'owner'");
    g = g->next;
    assert_int_equal(g->span.start, sizeof text - 3); /* the closing brace */
    assert_string_equal(g->message, "unexpected '}', expected a name after 'domain'");
    done(p);
}

static void test_model_helpers(void **state)
{
    (void)state;
    assert_string_equal(model_type_kind_name(TY_TIMESTAMPTZ), "timestamptz");
    assert_true(model_type_is_scalar(TY_UUID));
    assert_false(model_type_is_scalar(TY_LIST));
    assert_false(model_type_is_scalar(TY_JSON));
    assert_true(model_type_is_numeric(TY_DECIMAL));
    assert_false(model_type_is_numeric(TY_STRING));
    assert_true(model_type_is_temporal(TY_DATE));
    assert_false(model_type_is_temporal(TY_UUID));
    assert_string_equal(model_status_name(STATUS_RETIRED), "retired");
    assert_string_equal(model_compat_name(COMPAT_FORWARD), "forward");
    assert_string_equal(model_classification_name(CLASS_RESTRICTED), "restricted");
    assert_string_equal(model_cmp_name(CMP_LE), "<=");
    assert_string_equal(model_rule_name(RULE_VALID_RATE), "valid_rate");
    assert_string_equal(model_sla_name(SLA_RESPONSE), "response");
    assert_string_equal(model_citem_name(CI_DATASET), "dataset");
    assert_string_equal(model_ditem_name(DI_UNKNOWN_FIELDS), "unknown fields");
    assert_string_equal(model_unknown_policy_name(UNKNOWN_ALLOW), "allow");
    assert_string_equal(model_classification_name(CLASS_NONE), "none");
    assert_string_equal(model_status_name((Status)99), "?");
    assert_int_equal(model_kw_find(&model_kw_classification, "confidential"), CLASS_CONFIDENTIAL);
    assert_int_equal(model_kw_find(&model_kw_classification, "none"), -1); /* not a spelling */
    assert_int_equal(model_kw_find(&model_kw_cmp, "=="), CMP_EQ);
    assert_int_equal(model_kw_find(&model_kw_pii, "email"), 1);
    assert_int_equal(model_builtin_type("timestamptz", 11), TY_TIMESTAMPTZ);
    assert_int_equal(model_builtin_type("int32x", 5), TY_INT32);
    assert_int_equal(model_builtin_type("struct", 6), TY_NAMED); /* syntax, not a word type */
    /* one lookup gives the kind and the model's own spelling: aliases keep theirs */
    const char *sp = "x";
    assert_int_equal(model_builtin_lookup("integerx", 7, &sp), TY_INT64);
    assert_string_equal(sp, "integer");
    assert_int_equal(model_builtin_lookup("int64", 5, &sp), TY_INT64);
    assert_string_equal(sp, "int64");
    assert_int_equal(model_builtin_lookup("inx64", 5, &sp), TY_NAMED);
    assert_null(sp);
    assert_int_equal(model_builtin_lookup("dat", 3, &sp), TY_NAMED);
    assert_true(model_is_builtin_type_name("struct"));
    assert_false(model_is_builtin_type_name("named"));
    assert_true(model_serve_takes_format("s3"));
    assert_false(model_serve_takes_format("postgres"));
    /* model_type_resolve reads what sema stored; before sema a type is its own resolution */
    Type base = {.kind = TY_INT64};
    Type named = {.kind = TY_NAMED};
    assert_ptr_equal(model_type_resolve(&named), &named);
    named.resolved = &base;
    assert_ptr_equal(model_type_resolve(&named), &base);
    assert_null(model_type_resolve(NULL));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_tour_contract),
        cmocka_unit_test(test_keywords_as_names),
        cmocka_unit_test(test_sema_is_left_the_meaning),
        cmocka_unit_test(test_syntax_errors_reported_separately),
        cmocka_unit_test(test_item_given_twice),
        cmocka_unit_test(test_nesting_limit),
        cmocka_unit_test(test_nesting_ten_thousand),
        cmocka_unit_test(test_megabyte_identifier),
        cmocka_unit_test(test_binary_garbage),
        cmocka_unit_test(test_empty_file),
        cmocka_unit_test(test_doc_comments),
        cmocka_unit_test(test_doc_trailing_blanks_trimmed),
        cmocka_unit_test(test_doc_before_keyword_used_as_name_is_kept),
        cmocka_unit_test(test_unique_key_after_comment),
        cmocka_unit_test(test_error_right_after_recovery_is_reported),
        cmocka_unit_test(test_model_helpers),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
