/* build.c - the builders the .dc grammar calls: model structures in source order, DC0202 for
 * items given twice, DC0201 for types nested too deeply, and the wording of syntax errors. */
#include "build.h"

#include <string.h>

#include "parser.h"
#include "strbuf.h"

Span build_span(const BuildCtx *c, DcLoc loc)
{
    Span s = {c->file, loc.start, loc.end};
    return s;
}

/* --- syntax errors ------------------------------------------------------------------------ */

/* Bison names tokens by their aliases, quoted: "\"'owner'\"" becomes 'owner'. */
static const char *display(BuildCtx *c, const char *name)
{
    size_t n = strlen(name);
    if (n >= 2 && name[0] == '"' && name[n - 1] == '"') return arena_strndup(c->arena, name + 1, n - 2);
    return name;
}

typedef struct {
    const char *label;
    const char *const *members;
} TokenGroup;

static const char *const g_type[] = {"identifier", "'enum'", "'list'", "'map'", "'struct'", NULL};
static const char *const g_citem[] = {"'owner'", "'contact'", "'domain'", "'status'", "'tags'",
                                      "'link'", "'compatibility'", "'serve'", "'sla'", "'type'",
                                      "'dataset'", NULL};
static const char *const g_ditem[] = {"'primary'", "'unique ('", "'unknown'", "'field'",
                                      "'quality'", "'upstream'", NULL};
static const char *const g_attr[] = {"'unique'", "'default'", "'range'", "'length'", "'pattern'",
                                     "'values'", "'references'", "'unit'", "'term'",
                                     "'classification'", "'pii'", "'deprecated'", NULL};
static const char *const g_sla[] = {"'freshness'", "'frequency'", "'availability'", "'latency'",
                                    "'retention'", "'support'", "'response'", NULL};
static const char *const g_rule[] = {"'row_count'", "'null_rate'", "'valid_rate'", "'freshness'",
                                     "'unique ('", "'sql'", NULL};
static const char *const g_literal[] = {"string", "number", "'true'", "'false'", "'null'", NULL};
static const char *const g_op[] = {"'<'", "'<='", "'>'", "'>='", "'=='", NULL};

static const TokenGroup groups[] = {
    {"a contract item", g_citem}, {"a dataset item", g_ditem}, {"a service level", g_sla},
    {"a quality rule", g_rule},   {"an attribute", g_attr},    {"a type", g_type},
    {"a value", g_literal},       {"a comparison operator", g_op},
};

static int find_name(const char *const *names, int n, const char *name)
{
    for (int i = 0; i < n; i++)
        if (names[i] && strcmp(names[i], name) == 0) return i;
    return -1;
}

/* The token just before the offending one, described for " after ..." (NULL: say nothing). */
static const char *error_context(BuildCtx *c)
{
    int k1 = c->tok_kind[1], k2 = c->tok_kind[2];
    const char *t1 = c->tok[1].text;
    if (k1 < 0 || !t1) return NULL;
    if (k2 == FIELD) return arena_printf(c->arena, "field name '%s'", t1);
    if (k2 == TYPE && k1 == IDENT) return arena_printf(c->arena, "type name '%s'", t1);
    if (k2 == DATASET) return arena_printf(c->arena, "dataset name '%s'", t1);
    bool keyword = (t1[0] >= 'a' && t1[0] <= 'z') && k1 != IDENT && k1 != STRING;
    return keyword ? arena_printf(c->arena, "'%s'", t1) : NULL;
}

static const char *describe_unexpected(BuildCtx *c, const char *name)
{
    int k = c->tok_kind[0];
    const Tok *t = &c->tok[0];
    if (k == IDENT) return arena_printf(c->arena, "identifier '%s'", t->text);
    if (k == STRING) {
        if (t->len > 30) return arena_printf(c->arena, "string \"%.30s...\"", t->text);
        return arena_printf(c->arena, "string \"%s\"", t->text);
    }
    if (k == NUMBER || k == VERSION || k == DURATION)
        return arena_printf(c->arena, "%s '%s'", name, t->text);
    if (k == PERCENT) return arena_printf(c->arena, "percentage '%s%%'", t->text);
    return name;
}

void build_syntax_error(BuildCtx *c, DcLoc loc, const char *unexpected, const char *const *expected,
                        int nexpected)
{
    /* A token the scanner already reported (a malformed number, say) is not reported again. */
    if (c->lex_errors && loc.start >= c->lex_err.start && loc.end <= c->lex_err.end) return;
    enum { MAXN = 128 };
    const char *names[MAXN];
    int n = 0;
    for (int i = 0; i < nexpected && n < MAXN; i++) names[n++] = display(c, expected[i]);

    /* Wherever a name is expected every keyword is too: say "a name", not sixty words. */
    int keywords = 0;
    for (int i = 0; i < n; i++)
        if (names[i][0] == '\'' && strcmp(names[i], "'unique ('") != 0) keywords++;
    const char *parts[MAXN + 16];
    int np = 0;
    int ident = find_name(names, n, "identifier");
    if (ident >= 0 && keywords >= 20) {
        parts[np++] = "a name";
        for (int i = 0; i < n; i++)
            if (i == ident || (names[i][0] == '\'' && strcmp(names[i], "'unique ('") != 0))
                names[i] = NULL;
    }
    for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
        bool all = true;
        for (const char *const *m = groups[g].members; *m && all; m++)
            all = find_name(names, n, *m) >= 0;
        if (!all) continue;
        parts[np++] = groups[g].label;
        for (const char *const *m = groups[g].members; *m; m++) names[find_name(names, n, *m)] = NULL;
    }
    for (int i = 0; i < n; i++)
        if (names[i]) parts[np++] = names[i];

    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "unexpected %s", describe_unexpected(c, display(c, unexpected)));
    int shown = np > 8 ? 8 : np;
    for (int i = 0; i < shown; i++)
        sb_printf(&b, "%s%s", i == 0 ? ", expected " : (i == np - 1 ? " or " : ", "), parts[i]);
    if (shown < np) sb_puts(&b, ", ...");
    const char *after = error_context(c);
    if (after) sb_printf(&b, " after %s", after);
    const char *msg = arena_strndup(c->arena, b.data, b.len);
    sb_free(&b);
    diag_report(c->diags, D_SYNTAX, build_span(c, loc), "%s", msg);
}

void build_parser_exhausted(BuildCtx *c, DcLoc loc)
{
    if (c->nesting_reported) return;
    c->nesting_reported = true;
    diag_report(c->diags, D_NESTING_TOO_DEEP, build_span(c, loc),
                "nesting too deep: types nest at most %d levels", BUILD_MAX_TYPE_DEPTH);
}

/* --- names and literals ------------------------------------------------------------------- */

Name *build_name(BuildCtx *c, const Tok *t, DcLoc loc)
{
    Name *n = ARENA_NEW(c->arena, Name);
    n->text = t->text ? t->text : "";
    n->span = build_span(c, loc);
    return n;
}

QNameB *build_qname(BuildCtx *c, QNameB *q, Name *part)
{
    if (!q) {
        q = ARENA_NEW(c->arena, QNameB);
        q->q.parts = part;
        q->q.span = part->span;
    } else {
        q->last->next = part;
        q->q.span = span_join(q->q.span, part->span);
    }
    q->last = part;
    q->q.nparts++;
    return q;
}

/* The parts joined with '.', computed once the name is complete. */
static QualName *qname_done(BuildCtx *c, QNameB *q)
{
    size_t total = 0;
    for (Name *p = q->q.parts; p; p = p->next) total += strlen(p->text) + 1;
    char *s = arena_alloc(c->arena, total + 1);
    size_t o = 0;
    for (Name *p = q->q.parts; p; p = p->next) {
        if (p != q->q.parts) s[o++] = '.';
        size_t l = strlen(p->text);
        memcpy(s + o, p->text, l);
        o += l;
    }
    s[o] = '\0';
    q->q.text = s;
    return &q->q;
}

NameList *build_name_list(BuildCtx *c, NameList *l, Name *n)
{
    if (!l) l = ARENA_NEW(c->arena, NameList);
    if (l->last) l->last->next = n;
    else l->first = n;
    l->last = n;
    l->n++;
    return l;
}

Literal *build_literal(BuildCtx *c, LitKind k, const Tok *t, DcLoc loc)
{
    Literal *lit = ARENA_NEW(c->arena, Literal);
    lit->kind = k;
    lit->text = t->text ? t->text : "";
    lit->len = t->len;
    lit->span = build_span(c, loc);
    return lit;
}

Literal *build_open_bound(BuildCtx *c)
{
    (void)c;
    return NULL;
}

LitList *build_lit_list(BuildCtx *c, LitList *l, Literal *lit)
{
    if (!l) l = ARENA_NEW(c->arena, LitList);
    if (l->last) l->last->next = lit;
    else l->first = lit;
    l->last = lit;
    l->n++;
    return l;
}

EnumList *build_enum_list(BuildCtx *c, EnumList *l, const Tok *t, DcLoc loc)
{
    if (!l) l = ARENA_NEW(c->arena, EnumList);
    EnumValue *v = ARENA_NEW(c->arena, EnumValue);
    v->name = t->text ? t->text : "";
    v->span = build_span(c, loc);
    if (l->last) l->last->next = v;
    else l->first = v;
    l->last = v;
    l->n++;
    return l;
}

Interval *build_interval(BuildCtx *c, const Tok *open, Literal *lo, Literal *hi, const Tok *close,
                         DcLoc loc)
{
    Interval *iv = ARENA_NEW(c->arena, Interval);
    iv->lo = lo;
    iv->hi = hi;
    iv->lo_inclusive = open->text && open->text[0] == '[';
    iv->hi_inclusive = close->text && close->text[0] == ']';
    iv->span = build_span(c, loc);
    return iv;
}

/* --- types -------------------------------------------------------------------------------- */

static const struct {
    const char *name;
    TypeKind kind;
} builtins[] = {
    {"boolean", TY_BOOLEAN}, {"int8", TY_INT8},       {"int16", TY_INT16},
    {"int32", TY_INT32},     {"int64", TY_INT64},     {"float32", TY_FLOAT32},
    {"float64", TY_FLOAT64}, {"decimal", TY_DECIMAL}, {"string", TY_STRING},
    {"bytes", TY_BYTES},     {"date", TY_DATE},       {"time", TY_TIME},
    {"timestamp", TY_TIMESTAMP}, {"timestamptz", TY_TIMESTAMPTZ}, {"uuid", TY_UUID},
    {"json", TY_JSON},
};

/* Index in builtins of the name s[0..n), or -1. Every field names a type, so this runs once
 * per field: lengths and first letters are compared before bytes. */
static int builtin_index(const char *s, size_t n)
{
    if (n < 4 || n > 11) return -1;
    for (size_t i = 0; i < sizeof builtins / sizeof builtins[0]; i++)
        if (builtins[i].name[0] == s[0] && strlen(builtins[i].name) == n &&
            memcmp(builtins[i].name, s, n) == 0)
            return (int)i;
    return -1;
}

const char *build_builtin_name(const char *s, size_t n)
{
    int i = builtin_index(s, n);
    return i < 0 ? NULL : builtins[i].name;
}

static TypeKind builtin_kind(const Tok *name)
{
    int i = builtin_index(name->text ? name->text : "", name->len);
    return i < 0 ? TY_NAMED : builtins[i].kind;
}

static Type *new_type(BuildCtx *c, TypeKind k, const char *written, DcLoc loc)
{
    Type *t = ARENA_NEW(c->arena, Type);
    t->kind = k;
    t->span = build_span(c, loc);
    t->written = written;
    if (k == TY_STRING) t->u.string.max_len = -1;
    return t;
}

/* Levels of list/map/struct in t, counted no further than `limit`. */
static unsigned type_depth(const Type *t, unsigned limit)
{
    if (!t || limit == 0) return 0;
    switch (t->kind) {
    case TY_LIST: return 1 + type_depth(t->u.list.elem, limit - 1);
    case TY_MAP: return 1 + type_depth(t->u.map.value, limit - 1);
    case TY_STRUCT: {
        unsigned d = 0;
        for (const Field *f = t->u.strct.fields; f; f = f->next) {
            unsigned fd = type_depth(f->type, limit - 1);
            if (fd > d) d = fd;
        }
        return 1 + d;
    }
    default: return 0;
    }
}

/* A container nested beyond the limit is reported once per file and replaced by an error type,
 * so later passes never walk the excess. */
static Type *check_depth(BuildCtx *c, Type *t)
{
    if (type_depth(t, BUILD_MAX_TYPE_DEPTH + 1) <= BUILD_MAX_TYPE_DEPTH) return t;
    if (!c->nesting_reported) {
        c->nesting_reported = true;
        diag_report(c->diags, D_NESTING_TOO_DEEP, t->span,
                    "nesting too deep: types nest at most %d levels (struct, list, map)",
                    BUILD_MAX_TYPE_DEPTH);
    }
    Type *e = ARENA_NEW(c->arena, Type);
    e->kind = TY_ERROR;
    e->span = t->span;
    e->written = t->written;
    return e;
}

Type *build_type_named(BuildCtx *c, const Tok *alias, DcLoc alias_loc, const Tok *name, DcLoc loc)
{
    TypeKind k = alias ? TY_NAMED : builtin_kind(name);
    Type *t = new_type(c, k, alias ? arena_printf(c->arena, "%s.%s", alias->text, name->text)
                                   : name->text, loc);
    if (k != TY_NAMED) return t;
    QNameB *q = NULL;
    if (alias) q = build_qname(c, q, build_name(c, alias, alias_loc));
    DcLoc nloc = {alias ? loc.end - name->len : loc.start, loc.end};
    q = build_qname(c, q, build_name(c, name, nloc));
    t->u.named.name = *qname_done(c, q);
    return t;
}

Type *build_type_args(BuildCtx *c, const Tok *name, LitList *args, DcLoc loc)
{
    TypeKind k = builtin_kind(name);
    Type *t = new_type(c, k, name->text, loc);
    t->args = args ? args->first : NULL;
    if (k == TY_DECIMAL) {
        t->u.decimal.precision = t->args;
        t->u.decimal.scale = t->args ? t->args->next : NULL;
    } else if (k == TY_STRING) {
        t->u.string.max = t->args;
    } else if (k == TY_NAMED) {
        DcLoc nloc = {loc.start, loc.start + name->len};
        t->u.named.name = *qname_done(c, build_qname(c, NULL, build_name(c, name, nloc)));
    }
    return t;
}

Type *build_type_enum(BuildCtx *c, EnumList *values, DcLoc loc)
{
    Type *t = new_type(c, TY_ENUM, "enum", loc);
    if (values) {
        t->u.enumeration.values = values->first;
        t->u.enumeration.count = values->n;
    }
    return t;
}

Type *build_type_list(BuildCtx *c, Type *elem, DcLoc loc)
{
    Type *t = new_type(c, TY_LIST, "list", loc);
    t->u.list.elem = elem;
    return check_depth(c, t);
}

Type *build_type_map(BuildCtx *c, Name *key, Type *value, DcLoc loc)
{
    Type *t = new_type(c, TY_MAP, "map", loc);
    t->u.map.key = key;
    t->u.map.value = value;
    return check_depth(c, t);
}

Type *build_type_struct(BuildCtx *c, FieldList *fields, DcLoc loc)
{
    Type *t = new_type(c, TY_STRUCT, "struct", loc);
    t->u.strct.fields = fields ? fields->first : NULL;
    return check_depth(c, t);
}


/* --- items given twice -------------------------------------------------------------------- */

static void report_twice(BuildCtx *c, DcLoc loc, Span first, const char *what)
{
    Diag *d = diag_report(c->diags, D_DUP_ITEM, build_span(c, loc), "%s is given twice", what);
    diag_note(c->diags, d, first, "first given here");
}

/* --- attributes --------------------------------------------------------------------------- */

/* No attribute given, in memory the arena has zeroed already (so no memset). */
static void attrs_none(Attrs *a)
{
    a->unique_span = a->values_span = a->classification_span = a->deprecated_span = span_none();
}

static void attrs_init(Attrs *a)
{
    memset(a, 0, sizeof *a);
    attrs_none(a);
}

Attrs *build_attrs(BuildCtx *c)
{
    attrs_init(&c->attrs);
    return &c->attrs;
}

/* An empty attribute list is NULL (most fields have none). A list is built in the BuildCtx and
 * copied into its field or type declaration, so it costs no arena memory of its own. */
static Attrs *attrs_of(BuildCtx *c, Attrs *a) { return a ? a : build_attrs(c); }

static bool given(Span s) { return s.file != SPAN_NOFILE; }

Attrs *build_attr_flag(BuildCtx *c, Attrs *a, AttrKind k, DcLoc loc)
{
    a = attrs_of(c, a);
    (void)k; /* unique is the only flag */
    if (a->unique) {
        report_twice(c, loc, a->unique_span, "attribute 'unique'");
        return a;
    }
    a->unique = true;
    a->unique_span = build_span(c, loc);
    return a;
}

Attrs *build_attr_literal(BuildCtx *c, Attrs *a, AttrKind k, Literal *v, DcLoc loc)
{
    a = attrs_of(c, a);
    Literal **slot;
    const char *what;
    switch (k) {
    case ATTR_DEFAULT: slot = &a->default_value; what = "attribute 'default'"; break;
    case ATTR_PATTERN: slot = &a->pattern; what = "attribute 'pattern'"; break;
    case ATTR_UNIT: slot = &a->unit; what = "attribute 'unit'"; break;
    default: slot = &a->term; what = "attribute 'term'"; break;
    }
    if (*slot) report_twice(c, loc, (*slot)->span, what);
    else *slot = v;
    return a;
}

Attrs *build_attr_interval(BuildCtx *c, Attrs *a, AttrKind k, Interval *v, DcLoc loc)
{
    a = attrs_of(c, a);
    Interval **slot = k == ATTR_RANGE ? &a->range : &a->length;
    if (*slot) report_twice(c, loc, (*slot)->span, k == ATTR_RANGE ? "attribute 'range'" : "attribute 'length'");
    else *slot = v;
    return a;
}

Attrs *build_attr_values(BuildCtx *c, Attrs *a, LitList *v, DcLoc loc)
{
    a = attrs_of(c, a);
    if (given(a->values_span)) {
        report_twice(c, loc, a->values_span, "attribute 'values'");
        return a;
    }
    a->values = v ? v->first : NULL;
    a->values_span = build_span(c, loc);
    if (v && v->last) a->values_span = span_join(a->values_span, v->last->span);
    return a;
}

Attrs *build_attr_references(BuildCtx *c, Attrs *a, QNameB *q, DcLoc loc)
{
    a = attrs_of(c, a);
    if (a->references) report_twice(c, loc, a->references->span, "attribute 'references'");
    else a->references = qname_done(c, q);
    return a;
}

static const char *const class_words[] = {NULL, "public", "internal", "confidential", "restricted"};

Attrs *build_attr_name(BuildCtx *c, Attrs *a, AttrKind k, Name *n, DcLoc loc)
{
    a = attrs_of(c, a);
    if (k == ATTR_PII) {
        if (a->pii) report_twice(c, loc, a->pii->span, "attribute 'pii'");
        else a->pii = n;
        return a;
    }
    if (given(a->classification_span)) {
        report_twice(c, loc, a->classification_span, "attribute 'classification'");
        return a;
    }
    a->classification_span = span_join(build_span(c, loc), n->span);
    for (int i = CLASS_PUBLIC; i <= CLASS_RESTRICTED; i++)
        if (strcmp(class_words[i], n->text) == 0) a->classification = (Classification)i;
    /* The model keeps only the enum, so an unknown word is reported here rather than by sema. */
    if (a->classification == CLASS_NONE)
        diag_report(c->diags, D_BAD_ENUM_WORD, n->span,
                    "unknown classification '%s': expected public, internal, confidential or restricted",
                    n->text);
    return a;
}

Attrs *build_attr_deprecated(BuildCtx *c, Attrs *a, Literal *sunset, Literal *reason, DcLoc loc)
{
    a = attrs_of(c, a);
    if (a->deprecated) {
        report_twice(c, loc, a->deprecated_span, "attribute 'deprecated'");
        return a;
    }
    a->deprecated = true;
    a->deprecated_span = build_span(c, loc);
    if (sunset) a->deprecated_span = span_join(a->deprecated_span, sunset->span);
    if (reason) a->deprecated_span = span_join(a->deprecated_span, reason->span);
    a->sunset = sunset;
    a->deprecation_reason = reason;
    return a;
}

/* --- fields ------------------------------------------------------------------------------- */

/* The doc comment before a declaration keyword, now taken by the declaration: its comment lines
 * leave the file's comment list (parse_file drops taken blocks), so fmt prints them once. */
static const char *take_doc(const Tok *kw)
{
    if (!kw->doc) return NULL;
    kw->doc->taken = true;
    return kw->doc->text;
}

Field *build_field(BuildCtx *c, const Tok *kw, const Tok *name, DcLoc name_loc, Type *type,
                   bool optional, Attrs *attrs, DcLoc loc)
{
    Field *f = ARENA_NEW(c->arena, Field);
    f->name.text = name->text ? name->text : "";
    f->name.span = build_span(c, name_loc);
    f->doc = take_doc(kw);
    f->type = type;
    f->optional = optional;
    if (attrs) f->attrs = *attrs;
    else attrs_none(&f->attrs);
    f->span = build_span(c, loc);
    return f;
}

FieldList *build_field_list(BuildCtx *c, FieldList *l, Field *f)
{
    if (!l) l = ARENA_NEW(c->arena, FieldList);
    if (!f) return l;
    if (l->last) l->last->next = f;
    else l->first = f;
    l->last = f;
    return l;
}

/* --- files and contracts ------------------------------------------------------------------ */

void build_import(BuildCtx *c, Literal *path, Name *alias, DcLoc loc)
{
    Import *im = ARENA_NEW(c->arena, Import);
    im->path = path;
    im->alias = alias;
    im->span = build_span(c, loc);
    if (c->imports_last) c->imports_last->next = im;
    else c->imports = im;
    c->imports_last = im;
}

Contract *build_unit_begin(BuildCtx *c, UnitKind k, const Tok *kw, QNameB *name, const Tok *version,
                           DcLoc version_loc, DcLoc loc)
{
    Contract *u = ARENA_NEW(c->arena, Contract);
    u->kind = k;
    u->name = *qname_done(c, name);
    u->version = build_literal(c, LIT_STRING, version, version_loc);
    u->doc = take_doc(kw);
    u->span = build_span(c, loc);
    u->file = c->file;
    u->status = STATUS_DRAFT;
    u->status_span = span_none();
    u->compatibility = COMPAT_BACKWARD;
    u->sla_span = span_none();
    c->unit = u;
    return u;
}

void build_unit_end(BuildCtx *c, Contract *u, DcLoc loc) { u->span = build_span(c, loc); }

void build_no_unit(BuildCtx *c, DcLoc loc)
{
    if (c->lex_errors) return; /* the file's own errors say enough */
    if (!c->saw_token)
        diag_report(c->diags, D_EMPTY_FILE, build_span(c, loc),
                    "empty file: expected a contract or a library");
    else
        diag_report(c->diags, D_EMPTY_FILE, build_span(c, loc),
                    "no contract or library after the imports");
}

static ContractItem *add_citem(BuildCtx *c, ContractItemKind k, void *item, DcLoc loc)
{
    ContractItem *ci = ARENA_NEW(c->arena, ContractItem);
    ci->kind = k;
    ci->item = item;
    ci->span = build_span(c, loc);
    if (c->ci_last) c->ci_last->next = ci;
    else c->unit->items = ci;
    c->ci_last = ci;
    return ci;
}

static Span first_citem(const Contract *u, ContractItemKind k)
{
    for (const ContractItem *ci = u->items; ci; ci = ci->next)
        if (ci->kind == k) return ci->span;
    return span_none();
}

static const char *citem_word(ContractItemKind k)
{
    switch (k) {
    case CI_OWNER: return "'owner'";
    case CI_CONTACT: return "'contact'";
    case CI_DOMAIN: return "'domain'";
    case CI_STATUS: return "'status'";
    case CI_TAGS: return "'tags'";
    case CI_COMPATIBILITY: return "'compatibility'";
    case CI_SLA: return "'sla'";
    default: return "item";
    }
}

/* True (after reporting) when a single-valued contract item was already given. */
static bool citem_twice(BuildCtx *c, ContractItemKind k, bool already, DcLoc loc)
{
    if (!already) return false;
    report_twice(c, loc, first_citem(c->unit, k), citem_word(k));
    return true;
}

void build_contract_literal(BuildCtx *c, ContractItemKind k, Literal *v, DcLoc loc)
{
    Contract *u = c->unit;
    Literal **slot = k == CI_OWNER ? &u->owner : &u->contact;
    if (citem_twice(c, k, *slot != NULL, loc)) return;
    *slot = v;
    add_citem(c, k, NULL, loc);
}

static const char *const status_words[] = {"draft", "active", "deprecated", "retired"};
static const char *const compat_words[] = {"none", "backward", "forward", "full"};

void build_contract_word(BuildCtx *c, ContractItemKind k, Name *v, bool transitive, DcLoc loc)
{
    Contract *u = c->unit;
    if (k == CI_DOMAIN) {
        if (citem_twice(c, k, u->domain != NULL, loc)) return;
        u->domain = v;
    } else if (k == CI_STATUS) {
        if (citem_twice(c, k, u->status_name != NULL, loc)) return;
        u->status_name = v;
        u->status_span = build_span(c, loc);
        for (int i = 0; i < 4; i++)
            if (strcmp(status_words[i], v->text) == 0) u->status = (Status)i;
    } else {
        if (citem_twice(c, k, u->compat_name != NULL, loc)) return;
        u->compat_name = v;
        u->compat_transitive = transitive;
        for (int i = 0; i < 4; i++)
            if (strcmp(compat_words[i], v->text) == 0) u->compatibility = (CompatMode)i;
    }
    add_citem(c, k, NULL, loc);
}

void build_tags(BuildCtx *c, LitList *tags, DcLoc loc)
{
    if (citem_twice(c, CI_TAGS, c->unit->tags != NULL, loc)) return;
    c->unit->tags = tags->first;
    add_citem(c, CI_TAGS, NULL, loc);
}

void build_link(BuildCtx *c, Name *name, Literal *url, DcLoc loc)
{
    Link *l = ARENA_NEW(c->arena, Link);
    l->name = *name;
    l->name.next = NULL;
    l->url = url;
    l->span = build_span(c, loc);
    if (c->links_last) c->links_last->next = l;
    else c->unit->links = l;
    c->links_last = l;
    add_citem(c, CI_LINK, l, loc);
}

void build_serve(BuildCtx *c, Name *kind, Literal *address, Name *format, DcLoc loc)
{
    Serve *s = ARENA_NEW(c->arena, Serve);
    s->kind = *kind;
    s->kind.next = NULL;
    s->address = address;
    s->format = format;
    s->span = build_span(c, loc);
    if (c->serves_last) c->serves_last->next = s;
    else c->unit->serves = s;
    c->serves_last = s;
    add_citem(c, CI_SERVE, s, loc);
}

void build_sla_begin(BuildCtx *c, DcLoc loc)
{
    c->sla_skip = citem_twice(c, CI_SLA, c->unit->has_sla, loc);
    if (c->sla_skip) return;
    c->unit->has_sla = true;
    c->unit->sla_span = build_span(c, loc);
    add_citem(c, CI_SLA, NULL, loc);
}

void build_sla_end(BuildCtx *c, DcLoc loc)
{
    if (!c->sla_skip) {
        c->unit->sla_span = build_span(c, loc);
        for (ContractItem *ci = c->unit->items; ci; ci = ci->next)
            if (ci->kind == CI_SLA) ci->span = c->unit->sla_span;
    }
    c->sla_skip = false;
}

static const char *const sla_words[] = {"freshness", "frequency", "availability", "latency",
                                        "retention", "support", "response"};

void build_sla_item(BuildCtx *c, SlaKind k, Literal *v, bool cron, DcLoc loc)
{
    if (c->sla_skip) return;
    for (SlaItem *s = c->unit->sla; s; s = s->next) {
        if (s->kind == k) {
            report_twice(c, loc, s->span, arena_printf(c->arena, "service level '%s'", sla_words[k]));
            return;
        }
    }
    SlaItem *s = ARENA_NEW(c->arena, SlaItem);
    s->kind = k;
    s->value = v;
    s->cron = cron;
    s->span = build_span(c, loc);
    if (c->sla_last) c->sla_last->next = s;
    else c->unit->sla = s;
    c->sla_last = s;
}

void build_typedecl(BuildCtx *c, const Tok *kw, const Tok *name, DcLoc name_loc, Type *type,
                    Attrs *attrs, DcLoc loc)
{
    TypeDecl *td = ARENA_NEW(c->arena, TypeDecl);
    td->name.text = name->text;
    td->name.span = build_span(c, name_loc);
    td->doc = take_doc(kw);
    td->type = type;
    if (attrs) td->attrs = *attrs;
    else attrs_init(&td->attrs);
    td->span = build_span(c, loc);
    td->owner = c->unit;
    if (c->types_last) c->types_last->next = td;
    else c->unit->types = td;
    c->types_last = td;
    add_citem(c, CI_TYPE, td, loc);
}

/* --- datasets ----------------------------------------------------------------------------- */

Dataset *build_dataset_begin(BuildCtx *c, const Tok *kw, Name *name, DcLoc loc)
{
    Dataset *d = ARENA_NEW(c->arena, Dataset);
    d->name = *name;
    d->name.next = NULL;
    d->doc = take_doc(kw);
    d->span = build_span(c, loc);
    d->unknown_fields = UNKNOWN_REJECT;
    d->unknown_fields_span = span_none();
    d->quality_span = span_none();
    d->owner = c->unit;
    if (c->datasets_last) c->datasets_last->next = d;
    else c->unit->datasets = d;
    c->datasets_last = d;
    add_citem(c, CI_DATASET, d, loc);
    c->ds = d;
    c->di_last = NULL;
    c->fields_last = NULL;
    c->uniques_last = NULL;
    c->rules_last = NULL;
    c->upstream_last = NULL;
    c->quality_skip = false;
    c->quality_item = NULL;
    return d;
}

void build_dataset_end(BuildCtx *c, Dataset *d, DcLoc loc)
{
    d->span = build_span(c, loc);
    for (ContractItem *ci = c->ci_last; ci; ci = ci->next) /* it is the last item */
        if (ci->item == d) ci->span = d->span;
    c->ds = NULL;
}

static DatasetItem *add_ditem(BuildCtx *c, DatasetItemKind k, void *item, DcLoc loc)
{
    DatasetItem *di = ARENA_NEW(c->arena, DatasetItem);
    di->kind = k;
    di->item = item;
    di->span = build_span(c, loc);
    if (c->di_last) c->di_last->next = di;
    else c->ds->items = di;
    c->di_last = di;
    return di;
}

void build_dataset_field(BuildCtx *c, Field *f)
{
    if (!c->ds) return;
    if (c->fields_last) c->fields_last->next = f;
    else c->ds->fields = f;
    c->fields_last = f;
    DcLoc loc = {f->span.start, f->span.end};
    add_ditem(c, DI_FIELD, f, loc);
}

void build_key(BuildCtx *c, DatasetItemKind k, NameList *fields, DcLoc loc)
{
    Dataset *d = c->ds;
    if (!d) return;
    if (k == DI_PRIMARY_KEY && d->primary_key) {
        report_twice(c, loc, d->primary_key->span, "'primary key'");
        return;
    }
    Key *key = ARENA_NEW(c->arena, Key);
    key->fields = fields->first;
    key->span = build_span(c, loc);
    if (k == DI_PRIMARY_KEY) {
        d->primary_key = key;
    } else {
        if (c->uniques_last) c->uniques_last->next = key;
        else d->uniques = key;
        c->uniques_last = key;
    }
    add_ditem(c, k, key, loc);
}

void build_unknown_fields(BuildCtx *c, Name *policy, DcLoc loc)
{
    Dataset *d = c->ds;
    if (!d) return;
    if (given(d->unknown_fields_span)) {
        report_twice(c, loc, d->unknown_fields_span, "'unknown fields'");
        return;
    }
    d->unknown_fields_span = build_span(c, loc);
    if (strcmp(policy->text, "allow") == 0) d->unknown_fields = UNKNOWN_ALLOW;
    else if (strcmp(policy->text, "reject") != 0)
        /* The model keeps only the enum, so the word is checked here. */
        diag_report(c->diags, D_BAD_ENUM_WORD, policy->span,
                    "unknown policy '%s' for unknown fields: expected allow or reject", policy->text);
    add_ditem(c, DI_UNKNOWN_FIELDS, NULL, loc);
}

void build_upstream(BuildCtx *c, QNameB *name, Literal *external, DcLoc loc)
{
    if (!c->ds) return;
    Upstream *up = ARENA_NEW(c->arena, Upstream);
    up->name = name ? qname_done(c, name) : NULL;
    up->external = external;
    up->span = build_span(c, loc);
    if (c->upstream_last) c->upstream_last->next = up;
    else c->ds->upstream = up;
    c->upstream_last = up;
    add_ditem(c, DI_UPSTREAM, up, loc);
}

void build_quality_begin(BuildCtx *c, DcLoc loc)
{
    Dataset *d = c->ds;
    c->quality_item = NULL;
    c->quality_skip = true;
    if (!d) return;
    if (given(d->quality_span)) {
        report_twice(c, loc, d->quality_span, "'quality' block");
        return;
    }
    c->quality_skip = false;
    d->quality_span = build_span(c, loc);
    c->quality_item = add_ditem(c, DI_QUALITY, NULL, loc);
}

void build_quality_end(BuildCtx *c, DcLoc loc)
{
    if (!c->quality_skip && c->ds) {
        c->ds->quality_span = build_span(c, loc);
        if (c->quality_item) c->quality_item->span = c->ds->quality_span;
    }
    c->quality_skip = false;
    c->quality_item = NULL;
}

static CmpOp cmp_op(const Tok *op)
{
    const char *s = op && op->text ? op->text : "";
    if (strcmp(s, "<=") == 0) return CMP_LE;
    if (strcmp(s, ">") == 0) return CMP_GT;
    if (strcmp(s, ">=") == 0) return CMP_GE;
    if (strcmp(s, "==") == 0) return CMP_EQ;
    return CMP_LT;
}

static void add_rule(BuildCtx *c, QualityRule *r)
{
    if (c->rules_last) c->rules_last->next = r;
    else c->ds->quality = r;
    c->rules_last = r;
    if (c->quality_item && !c->quality_item->item) c->quality_item->item = r;
}

void build_rule(BuildCtx *c, RuleKind k, Name *field, Literal *sql, const Tok *op, Literal *value,
                DcLoc loc)
{
    if (c->quality_skip || !c->ds) return;
    QualityRule *r = ARENA_NEW(c->arena, QualityRule);
    r->kind = k;
    r->op = cmp_op(op);
    r->fields = field;
    r->sql = sql;
    r->value = value;
    r->span = build_span(c, loc);
    add_rule(c, r);
}

void build_rule_unique(BuildCtx *c, NameList *fields, DcLoc loc)
{
    if (c->quality_skip || !c->ds) return;
    QualityRule *r = ARENA_NEW(c->arena, QualityRule);
    r->kind = RULE_UNIQUE;
    r->op = CMP_EQ;
    r->fields = fields->first;
    r->span = build_span(c, loc);
    add_rule(c, r);
}
