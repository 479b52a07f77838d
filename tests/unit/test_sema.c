/* test_sema.c - sema over models built by hand: each check reports what it should, where it
 * should, and fills the "after sema" fields; a big dataset is checked in linear time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "sema.h"

typedef struct {
    Arena *a;
    SourceSet src;
    DiagSink d;
    uint32_t pos; /* fake offsets, so that spans are distinct and checkable */
    Contract *c;
} T;

static Span sp(T *t, uint32_t n)
{
    Span s = {SPAN_NOFILE, t->pos, t->pos + n};
    t->pos += n + 1;
    return s;
}

static Name *nm(T *t, const char *text)
{
    Name *n = ARENA_NEW(t->a, Name);
    n->text = text;
    n->span = sp(t, (uint32_t)strlen(text));
    return n;
}

static QualName qn(T *t, const char *dotted)
{
    QualName q = {0};
    q.text = dotted;
    Name **tail = &q.parts;
    const char *p = dotted;
    for (;;) {
        const char *dot = strchr(p, '.');
        size_t len = dot ? (size_t)(dot - p) : strlen(p);
        Name *n = nm(t, arena_strndup(t->a, p, len));
        *tail = n;
        tail = &n->next;
        q.nparts++;
        if (!dot) break;
        p = dot + 1;
    }
    q.span = sp(t, (uint32_t)strlen(dotted));
    return q;
}

static Literal *lit(T *t, LitKind k, const char *text)
{
    Literal *l = ARENA_NEW(t->a, Literal);
    l->kind = k;
    l->text = text;
    l->len = text ? (uint32_t)strlen(text) : 0;
    l->span = sp(t, l->len + (k == LIT_STRING ? 2 : 0));
    return l;
}
#define NUM(t, x) lit(t, LIT_NUMBER, x)
#define STR(t, x) lit(t, LIT_STRING, x)

static Type *ty(T *t, TypeKind k, const char *written)
{
    Type *y = ARENA_NEW(t->a, Type);
    y->kind = k;
    y->written = written;
    y->span = sp(t, (uint32_t)strlen(written));
    if (k == TY_STRING) y->u.string.max_len = -1;
    return y;
}

static Type *ty_named(T *t, const char *name)
{
    Type *y = ty(t, TY_NAMED, name);
    y->u.named.name = qn(t, name);
    return y;
}

static Type *ty_decimal(T *t, const char *p, const char *s)
{
    Type *y = ty(t, TY_DECIMAL, "decimal");
    y->u.decimal.precision = NUM(t, p);
    y->args = y->u.decimal.precision;
    if (s) {
        y->u.decimal.scale = NUM(t, s);
        y->u.decimal.precision->next = y->u.decimal.scale;
    }
    return y;
}

static Type *ty_string(T *t, const char *n)
{
    Type *y = ty(t, TY_STRING, "string");
    if (n) y->u.string.max = y->args = NUM(t, n);
    return y;
}

static Type *ty_list(T *t, Type *elem)
{
    Type *y = ty(t, TY_LIST, "list");
    y->u.list.elem = elem;
    return y;
}

static Interval *iv(T *t, bool loi, Literal *lo, Literal *hi, bool hii)
{
    Interval *i = ARENA_NEW(t->a, Interval);
    i->lo = lo;
    i->hi = hi;
    i->lo_inclusive = loi;
    i->hi_inclusive = hii;
    i->span = sp(t, 8);
    return i;
}

static void setup_unit(T *t)
{
    t->a = arena_new();
    source_set_init(&t->src, t->a);
    diag_init(&t->d, t->a, &t->src);
    t->pos = 0;
    Contract *c = ARENA_NEW(t->a, Contract);
    c->kind = UNIT_CONTRACT;
    c->name = qn(t, "sales.orders");
    c->version = STR(t, "1.0.0");
    c->owner = STR(t, "Team");
    c->span = sp(t, 10);
    t->c = c;
}

static Dataset *dataset(T *t, const char *name)
{
    Dataset *ds = ARENA_NEW(t->a, Dataset);
    ds->name = *nm(t, name);
    ds->span = sp(t, 4);
    Dataset **p = &t->c->datasets;
    while (*p) p = &(*p)->next;
    *p = ds;
    return ds;
}

static Field *field(T *t, Field **list, const char *name, Type *type)
{
    Field *f = ARENA_NEW(t->a, Field);
    f->name = *nm(t, name);
    f->attrs = ARENA_NEW(t->a, Attrs); /* its own, to be written by the tests */
    f->type = type;
    f->span = sp(t, 12);
    Field **p = list;
    while (*p) p = &(*p)->next;
    *p = f;
    return f;
}

static TypeDecl *typedecl(T *t, const char *name, Type *type)
{
    TypeDecl *d = ARENA_NEW(t->a, TypeDecl);
    d->name = *nm(t, name);
    d->type = type;
    d->span = sp(t, 8);
    TypeDecl **p = &t->c->types;
    while (*p) p = &(*p)->next;
    *p = d;
    return d;
}

static Key *key(T *t, const char *a, const char *b)
{
    Key *k = ARENA_NEW(t->a, Key);
    k->fields = nm(t, a);
    if (b) k->fields->next = nm(t, b);
    k->span = sp(t, 6);
    return k;
}

static unsigned count(const T *t, DiagCode code)
{
    unsigned n = 0;
    for (const Diag *g = t->d.first; g; g = g->next) n += g->code == code;
    return n;
}

static const Diag *find(const T *t, DiagCode code)
{
    for (const Diag *g = t->d.first; g; g = g->next)
        if (g->code == code) return g;
    return NULL;
}

static unsigned total(const T *t)
{
    unsigned n = 0;
    for (const Diag *g = t->d.first; g; g = g->next) n++;
    return n;
}

static void teardown_unit(T *t) { arena_free(t->a); }

/* A minimal valid contract: no diagnostics, and the after-sema fields filled. */
static void test_clean_contract(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    t.c->version = STR(&t, "2.1.0-rc.1+build.7");
    Dataset *ds = dataset(&t, "orders");
    Field *id = field(&t, &ds->fields, "id", ty(&t, TY_UUID, "uuid"));
    Field *amt = field(&t, &ds->fields, "amount", ty_decimal(&t, "12", "2"));
    amt->attrs->range = iv(&t, true, NUM(&t, "0"), NUM(&t, "1000000"), true);
    amt->attrs->default_value = NUM(&t, "0.50");
    ds->primary_key = key(&t, "id", NULL);
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(total(&t), 0);
    assert_true(t.c->checked_ok);
    assert_int_equal(t.c->semver.major, 2);
    assert_int_equal(t.c->semver.minor, 1);
    assert_string_equal(t.c->semver.pre, "rc.1");
    assert_string_equal(t.c->semver.build, "build.7");
    assert_ptr_equal(id->rtype, id->type);
    assert_int_equal(amt->rtype->u.decimal.p, 12);
    assert_int_equal(amt->rtype->u.decimal.s, 2);
    teardown_unit(&t);
}

static void test_versions(void **state)
{
    (void)state;
    const char *bad[] = {"2.1", "01.2.3", "1.2.3-", "1.02.3", "1.2.3-01", "1.2.3+", "1.2.3-a..b", "1.2.3.4"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        T t;
        setup_unit(&t);
        t.c->version = STR(&t, bad[i]);
        Dataset *ds = dataset(&t, "d");
        field(&t, &ds->fields, "x", ty(&t, TY_INT32, "int32"));
        sema_check(t.a, &t.d, t.c);
        assert_int_equal(count(&t, D_BAD_VERSION), 1);
        assert_int_equal(total(&t), 1);
        teardown_unit(&t);
    }
}

static void test_unknown_type_suggestion(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    Dataset *ds = dataset(&t, "d");
    Field *f = field(&t, &ds->fields, "x", ty_named(&t, "int23"));
    f->attrs->range = iv(&t, true, NUM(&t, "5"), NUM(&t, "1"), true); /* would be DC0409: poisoned */
    sema_check(t.a, &t.d, t.c);
    const Diag *g = find(&t, D_UNKNOWN_TYPE);
    assert_non_null(g);
    assert_non_null(strstr(g->message, "unknown type 'int23'"));
    assert_non_null(strstr(g->message, "did you mean 'int32'?"));
    assert_int_equal(g->span.start, f->type->u.named.name.span.start);
    assert_int_equal(total(&t), 1); /* no cascade from the poisoned type */
    assert_int_equal(f->rtype->kind, TY_ERROR);
    teardown_unit(&t);
}

static void test_duplicates_have_notes(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    Dataset *ds = dataset(&t, "d");
    Field *a = field(&t, &ds->fields, "x", ty(&t, TY_INT32, "int32"));
    Field *b = field(&t, &ds->fields, "x", ty(&t, TY_INT64, "int64"));
    Type *st = ty(&t, TY_STRUCT, "struct");
    field(&t, &st->u.strct.fields, "y", ty(&t, TY_BOOLEAN, "boolean"));
    field(&t, &st->u.strct.fields, "y", ty(&t, TY_BOOLEAN, "boolean"));
    field(&t, &ds->fields, "s", st);
    typedecl(&t, "string", ty(&t, TY_INT32, "int32"));
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_DUPLICATE), 2);
    const Diag *g = find(&t, D_DUPLICATE);
    assert_int_equal(g->span.start, b->name.span.start);
    assert_non_null(g->notes);
    assert_int_equal(g->notes->span.start, a->name.span.start);
    assert_int_equal(count(&t, D_BUILTIN_REDEFINED), 1);
    teardown_unit(&t);
}

static void test_type_cycle(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    TypeDecl *a = typedecl(&t, "A", ty_named(&t, "B"));
    Type *st = ty(&t, TY_STRUCT, "struct");
    field(&t, &st->u.strct.fields, "children", ty_list(&t, ty_named(&t, "A")));
    typedecl(&t, "B", st);
    typedecl(&t, "C", ty_named(&t, "A")); /* depends on the cycle, not part of it */
    Dataset *ds = dataset(&t, "d");
    Field *f = field(&t, &ds->fields, "x", ty_named(&t, "C"));
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_TYPE_CYCLE), 1);
    const Diag *g = find(&t, D_TYPE_CYCLE);
    assert_int_equal(g->span.start, a->name.span.start);
    assert_non_null(strstr(g->message, "A -> B -> A"));
    unsigned notes = 0;
    for (const DiagNote *n = g->notes; n; n = n->next) notes++;
    assert_int_equal(notes, 2);
    assert_int_equal(total(&t), 1);
    assert_int_equal(f->rtype->kind, TY_ERROR);
    teardown_unit(&t);
}

static void test_effective_attrs(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    TypeDecl *email = typedecl(&t, "Email", ty_string(&t, "254"));
    email->attrs.pattern = STR(&t, "^[^@ ]+@[^@ ]+$");
    email->attrs.classification = CLASS_CONFIDENTIAL;
    email->attrs.pii = nm(&t, "email");
    TypeDecl *work = typedecl(&t, "WorkEmail", ty_named(&t, "Email"));
    work->attrs.term = STR(&t, "work address");
    Dataset *ds = dataset(&t, "d");
    Field *f = field(&t, &ds->fields, "e", ty_named(&t, "WorkEmail"));
    f->attrs->classification = CLASS_RESTRICTED;
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(total(&t), 0);
    assert_int_equal(f->rtype->kind, TY_STRING);
    assert_int_equal(f->rtype->u.string.max_len, 254);
    assert_ptr_equal(f->effective->pattern, email->attrs.pattern);
    assert_ptr_equal(f->effective->term, work->attrs.term);
    assert_int_equal(f->effective->classification, CLASS_RESTRICTED);
    assert_ptr_equal(f->type->u.named.decl, work);
    teardown_unit(&t);
}

/* The resolution layer: every type and declaration carries what its chain resolves to, stored
 * once, and a declaration that adds nothing shares the attributes below it instead of copying. */
static void test_resolution_layer(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    TypeDecl *n0 = typedecl(&t, "N0", ty(&t, TY_INT32, "int32"));
    n0->attrs.range = iv(&t, true, NUM(&t, "1"), NUM(&t, "10"), true);
    TypeDecl *n1 = typedecl(&t, "N1", ty_named(&t, "N0"));
    TypeDecl *n2 = typedecl(&t, "N2", ty_named(&t, "N1"));
    n2->attrs.range = iv(&t, true, NUM(&t, "2"), NUM(&t, "5"), true);
    n2->attrs.term = STR(&t, "small");
    TypeDecl *plain = typedecl(&t, "Plain", ty(&t, TY_UUID, "uuid"));
    Dataset *ds = dataset(&t, "d");
    Field *n = field(&t, &ds->fields, "n", ty_named(&t, "N2"));
    Type *elem = ty_named(&t, "N1");
    Field *ns = field(&t, &ds->fields, "ns", ty_list(&t, elem));
    Field *p = field(&t, &ds->fields, "p", ty_named(&t, "Plain"));
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(total(&t), 0);
    assert_ptr_equal(n0->rtype, n0->type);
    assert_ptr_equal(n1->rtype, n0->type);
    assert_ptr_equal(n2->rtype, n0->type);
    assert_ptr_equal(n1->effective, n0->effective); /* shared, not copied */
    assert_ptr_equal(n0->effective, &n0->attrs);
    assert_ptr_equal(n2->effective->range, n2->attrs.range); /* the outer declaration wins */
    assert_ptr_equal(n2->effective->term, n2->attrs.term);
    assert_int_equal(n->rtype->kind, TY_INT32);
    assert_ptr_equal(n->effective->range, n2->attrs.range);
    /* a list element: resolved to the base, with only its chain's attributes */
    assert_ptr_equal(elem->resolved, n0->type);
    assert_ptr_equal(elem->chain_attrs->range, n0->attrs.range);
    assert_ptr_equal(ns->type->resolved, ns->type);
    assert_null(ns->type->chain_attrs);
    assert_ptr_equal(ns->effective, ns->attrs);
    /* a named type without attributes anywhere: no chain attributes, the field keeps its own */
    assert_null(p->type->chain_attrs);
    assert_ptr_equal(p->effective, p->attrs);
    assert_ptr_equal(plain->effective, &plain->attrs);
    /* the lookups that outlive sema */
    assert_ptr_equal(model_find_dataset(t.c, "d"), ds);
    assert_null(model_find_dataset(t.c, "e"));
    assert_ptr_equal(model_find_field(ds, "ns"), ns);
    assert_ptr_equal(model_find_type(t.c, "N1"), n1);
    assert_ptr_equal(model_find_path(ds, "p"), p);
    assert_null(model_find_path(ds, "p.x"));
    teardown_unit(&t);
}

/* Through a cycle, every use resolves to the error type, list elements included. */
static void test_resolution_through_cycle(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    typedecl(&t, "A", ty_named(&t, "B"));
    typedecl(&t, "B", ty_named(&t, "A"));
    TypeDecl *c = typedecl(&t, "C", ty_named(&t, "A"));
    Dataset *ds = dataset(&t, "d");
    Type *elem = ty_named(&t, "C");
    field(&t, &ds->fields, "xs", ty_list(&t, elem));
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_TYPE_CYCLE), 1);
    assert_int_equal(c->rtype->kind, TY_ERROR);
    assert_int_equal(elem->resolved->kind, TY_ERROR);
    teardown_unit(&t);
}

/* Keyword values are checked by sema whatever front end built the model. */
static void test_keyword_words(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    Dataset *ds = dataset(&t, "d");
    Field *f = field(&t, &ds->fields, "x", ty(&t, TY_INT32, "int32"));
    f->attrs->classification_name = nm(&t, "confidental");
    Field *g = field(&t, &ds->fields, "y", ty(&t, TY_INT32, "int32"));
    g->attrs->classification_name = nm(&t, "internal");
    ds->unknown_fields_name = nm(&t, "alow");
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_BAD_ENUM_WORD), 2);
    const Diag *d = find(&t, D_BAD_ENUM_WORD);
    assert_non_null(strstr(d->message, "did you mean 'confidential'?"));
    assert_int_equal(d->span.start, f->attrs->classification_name->span.start);
    assert_int_equal(f->attrs->classification, CLASS_NONE);
    assert_int_equal(g->attrs->classification, CLASS_INTERNAL);
    assert_int_equal(ds->unknown_fields, UNKNOWN_REJECT);
    teardown_unit(&t);
}

static void test_literals_exact(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    Dataset *ds = dataset(&t, "d");
    Field *a = field(&t, &ds->fields, "a", ty(&t, TY_INT32, "int32"));
    a->attrs->default_value = NUM(&t, "2147483648"); /* one past the width */
    Field *b = field(&t, &ds->fields, "b", ty(&t, TY_INT64, "int64"));
    b->attrs->default_value = NUM(&t, "-9223372036854775808"); /* exactly the minimum: fine */
    Field *c = field(&t, &ds->fields, "c", ty_decimal(&t, "5", "2"));
    c->attrs->range = iv(&t, false, NUM(&t, "0.10"), NUM(&t, "0.1"), true); /* equal, one side open */
    Field *d = field(&t, &ds->fields, "d", ty_decimal(&t, "5", "2"));
    d->attrs->default_value = NUM(&t, "1.005"); /* three decimals in scale 2 */
    Field *e = field(&t, &ds->fields, "e", ty_decimal(&t, "5", "2"));
    e->attrs->range = iv(&t, true, NUM(&t, "1e1"), NUM(&t, "10.00"), true); /* equal, closed: fine */
    Field *f = field(&t, &ds->fields, "f", ty(&t, TY_DATE, "date"));
    f->attrs->range = iv(&t, true, STR(&t, "2026-02-30"), NULL, true);
    Field *g = field(&t, &ds->fields, "g", ty(&t, TY_TIMESTAMPTZ, "timestamptz"));
    g->attrs->range = iv(&t, true, STR(&t, "2026-01-01T01:00:00+01:00"), STR(&t, "2026-01-01T00:00:00Z"), false);
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_LITERAL_TYPE), 2);
    assert_int_equal(count(&t, D_MIN_GT_MAX), 2);
    assert_int_equal(count(&t, D_BAD_DATE), 1);
    assert_int_equal(total(&t), 5);
    const Diag *x = find(&t, D_LITERAL_TYPE);
    assert_int_equal(x->span.start, a->attrs->default_value->span.start);
    teardown_unit(&t);
}

static void test_attr_applicability_and_default(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    Dataset *ds = dataset(&t, "d");
    Field *a = field(&t, &ds->fields, "a", ty_string(&t, NULL));
    a->attrs->range = iv(&t, true, NUM(&t, "1"), NUM(&t, "2"), true);
    Field *b = field(&t, &ds->fields, "b", ty(&t, TY_INT32, "int32"));
    b->attrs->pattern = STR(&t, "x");
    Field *c = field(&t, &ds->fields, "c", ty(&t, TY_INT32, "int32"));
    c->attrs->range = iv(&t, true, NUM(&t, "1"), NUM(&t, "10"), true);
    c->attrs->default_value = NUM(&t, "11");
    Field *d = field(&t, &ds->fields, "d", ty_string(&t, "8"));
    d->attrs->length = iv(&t, true, NUM(&t, "-1"), NUM(&t, "16"), true);
    Field *e = field(&t, &ds->fields, "e", ty_list(&t, ty(&t, TY_INT32, "int32")));
    e->attrs->unique = true;
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_ATTR_TYPE), 3);
    assert_int_equal(count(&t, D_DEFAULT_VIOLATES), 1);
    const Diag *g = find(&t, D_DEFAULT_VIOLATES);
    assert_non_null(g->notes);
    assert_int_equal(g->notes->span.start, c->attrs->range->span.start);
    assert_int_equal(count(&t, D_NEGATIVE_LENGTH), 1);
    assert_int_equal(count(&t, D_LENGTH_REDUNDANT), 1);
    teardown_unit(&t);
}

static void test_keys_and_rules(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    SlaItem *fresh = ARENA_NEW(t.a, SlaItem);
    fresh->kind = SLA_FRESHNESS;
    fresh->value = lit(&t, LIT_STRING, "1h");
    fresh->span = sp(&t, 12);
    SlaItem *cron = ARENA_NEW(t.a, SlaItem);
    cron->kind = SLA_FREQUENCY;
    cron->cron = true;
    cron->value = STR(&t, "*/15 * * *");
    fresh->next = cron;
    t.c->sla = fresh;
    Dataset *ds = dataset(&t, "d");
    Field *id = field(&t, &ds->fields, "id", ty(&t, TY_INT64, "int64"));
    id->optional = true;
    field(&t, &ds->fields, "tags", ty_list(&t, ty_string(&t, NULL)));
    field(&t, &ds->fields, "at", ty(&t, TY_INT64, "int64"));
    ds->primary_key = key(&t, "id", "nope");
    ds->uniques = key(&t, "tags", NULL);
    QualityRule *r1 = ARENA_NEW(t.a, QualityRule);
    r1->kind = RULE_NULL_RATE;
    r1->op = CMP_LT;
    r1->fields = nm(&t, "id");
    r1->value = NUM(&t, "0");
    QualityRule *r2 = ARENA_NEW(t.a, QualityRule);
    r2->kind = RULE_FRESHNESS;
    r2->op = CMP_LT;
    r2->fields = nm(&t, "at");
    r2->value = lit(&t, LIT_STRING, "2h");
    QualityRule *r3 = ARENA_NEW(t.a, QualityRule);
    r3->kind = RULE_VALID_RATE;
    r3->op = CMP_GE;
    r3->fields = nm(&t, "id");
    r3->value = NUM(&t, "100.5");
    r1->next = r2;
    r2->next = r3;
    ds->quality = r1;
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_KEY_OPTIONAL), 1);
    assert_int_equal(count(&t, D_UNKNOWN_FIELD), 1);
    assert_int_equal(count(&t, D_KEY_TYPE), 1);
    assert_int_equal(count(&t, D_RULE_NEVER), 1);
    assert_int_equal(count(&t, D_RULE_FIELD_TYPE), 1);
    assert_int_equal(count(&t, D_PERCENT_RANGE), 1);
    assert_int_equal(count(&t, D_BAD_CRON), 1);
    assert_ptr_equal(r1->field, id);
    assert_true(r1->threshold == 0.0);
    assert_true(fresh->number == 3600.0);
    assert_true(r2->threshold == 7200.0);
    /* the rule on an int64 is wrong-typed; it still counts as looser than the SLA */
    assert_int_equal(count(&t, D_FRESHNESS_SLA), 1);
    teardown_unit(&t);
}

static void test_references(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    Dataset *cust = dataset(&t, "customers");
    Field *cid = field(&t, &cust->fields, "id", ty(&t, TY_INT64, "int64"));
    field(&t, &cust->fields, "email", ty_string(&t, NULL));
    cust->primary_key = key(&t, "id", NULL);
    Dataset *ord = dataset(&t, "orders");
    Field *a = field(&t, &ord->fields, "customer", ty(&t, TY_INT64, "int64"));
    QualName q1 = qn(&t, "customers.id");
    a->attrs->references = &q1;
    Field *b = field(&t, &ord->fields, "bad", ty(&t, TY_INT32, "int32"));
    QualName q2 = qn(&t, "customers.id");
    b->attrs->references = &q2;
    Field *c = field(&t, &ord->fields, "mail", ty_string(&t, "10"));
    QualName q3 = qn(&t, "customers.email");
    c->attrs->references = &q3;
    Field *d = field(&t, &ord->fields, "x", ty(&t, TY_INT64, "int64"));
    QualName q4 = qn(&t, "custmers.id");
    d->attrs->references = &q4;
    Field *e = field(&t, &ord->fields, "y", ty(&t, TY_INT64, "int64"));
    QualName q5 = qn(&t, "crm.customers.id");
    e->attrs->references = &q5;
    Upstream *up = ARENA_NEW(t.a, Upstream);
    QualName q6 = qn(&t, "customers");
    up->name = &q6;
    ord->upstream = up;
    sema_check(t.a, &t.d, t.c);
    assert_ptr_equal(a->ref_target, cid);
    assert_int_equal(count(&t, D_REF_TYPE), 1);
    assert_int_equal(count(&t, D_REF_TARGET_NOT_KEY), 1);
    assert_int_equal(count(&t, D_UNKNOWN_DATASET), 1);
    assert_non_null(strstr(find(&t, D_UNKNOWN_DATASET)->message, "did you mean 'customers'"));
    assert_int_equal(count(&t, D_UNKNOWN_IMPORT), 1);
    assert_ptr_equal(up->resolved, cust);
    teardown_unit(&t);
}

static void test_contract_items(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    t.c->name = qn(&t, "orders");
    t.c->owner = NULL;
    t.c->status_name = nm(&t, "activ");
    Serve *sv = ARENA_NEW(t.a, Serve);
    sv->kind = *nm(&t, "postgres");
    sv->format = nm(&t, "parquet");
    t.c->serves = sv;
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_BAD_NAME), 1);
    assert_int_equal(count(&t, D_MISSING_OWNER), 1);
    assert_int_equal(count(&t, D_NO_DATASET), 1);
    assert_int_equal(count(&t, D_BAD_ENUM_WORD), 2);
    const Diag *g = find(&t, D_BAD_ENUM_WORD);
    assert_non_null(strstr(g->message, "did you mean 'active'"));
    assert_non_null(strstr(g->message, "draft, active, deprecated, retired"));
    assert_false(t.c->checked_ok);
    teardown_unit(&t);
}

static void test_pii(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    Dataset *ds = dataset(&t, "d");
    Field *a = field(&t, &ds->fields, "a", ty_string(&t, NULL));
    a->attrs->pii = nm(&t, "email");
    Field *b = field(&t, &ds->fields, "b", ty_string(&t, NULL));
    b->attrs->pii = nm(&t, "phone");
    b->attrs->classification = CLASS_PUBLIC;
    b->attrs->classification_span = sp(&t, 6);
    Field *c = field(&t, &ds->fields, "c", ty_string(&t, NULL));
    c->attrs->pii = nm(&t, "shoe_size");
    c->attrs->classification = CLASS_RESTRICTED;
    sema_check(t.a, &t.d, t.c);
    assert_int_equal(count(&t, D_PII_UNCLASSIFIED), 1);
    assert_int_equal(count(&t, D_PII_PUBLIC), 1);
    assert_int_equal(count(&t, D_BAD_ENUM_WORD), 1);
    assert_true(t.c->checked_ok == false);
    teardown_unit(&t);
}

/* 200,000 fields with keys, references and rules must check in well under a second. */
static void test_big_dataset_is_linear(void **state)
{
    (void)state;
    T t;
    setup_unit(&t);
    Dataset *ds = dataset(&t, "big");
    enum { N = 200000 };
    Field *last = NULL;
    for (int i = 0; i < N; i++) {
        Field *f = ARENA_NEW(t.a, Field);
        f->attrs = ARENA_NEW(t.a, Attrs);
        f->name.text = arena_printf(t.a, "f%d", i);
        f->name.span = sp(&t, 4);
        f->type = ty(&t, i % 2 ? TY_INT64 : TY_STRING, i % 2 ? "int64" : "string");
        if (i % 3 == 0 && i % 2) f->attrs->range = iv(&t, true, NUM(&t, "0"), NUM(&t, "100"), true);
        if (last) last->next = f;
        else ds->fields = f;
        last = f;
    }
    ds->primary_key = key(&t, "f1", NULL);
    Key **kp = &ds->uniques;
    for (int i = 0; i < 1000; i++) {
        *kp = key(&t, arena_printf(t.a, "f%d", i * 2 + 1), arena_printf(t.a, "f%d", i * 2 + 3));
        kp = &(*kp)->next;
    }
    clock_t t0 = clock();
    sema_check(t.a, &t.d, t.c);
    double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
    assert_int_equal(total(&t), 0);
    assert_true(secs < 1.0);
    teardown_unit(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_clean_contract),
        cmocka_unit_test(test_versions),
        cmocka_unit_test(test_unknown_type_suggestion),
        cmocka_unit_test(test_duplicates_have_notes),
        cmocka_unit_test(test_type_cycle),
        cmocka_unit_test(test_effective_attrs),
        cmocka_unit_test(test_resolution_layer),
        cmocka_unit_test(test_resolution_through_cycle),
        cmocka_unit_test(test_keyword_words),
        cmocka_unit_test(test_literals_exact),
        cmocka_unit_test(test_attr_applicability_and_default),
        cmocka_unit_test(test_keys_and_rules),
        cmocka_unit_test(test_references),
        cmocka_unit_test(test_contract_items),
        cmocka_unit_test(test_pii),
        cmocka_unit_test(test_big_dataset_is_linear),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
