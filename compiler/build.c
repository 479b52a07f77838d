/* build.c - the .dc grammar's adapters onto the model builder (mbuild.h): tokens and bison
 * locations in, strings and Spans out; plus doc comments and the wording of syntax errors. */
#include "build.h"

#include <string.h>

#include "num.h"
#include "parser.h"
#include "strbuf.h"
#include "suggest.h"

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
/* The keywords that name types as well (grammar/parser.y, tname): part of "a type" where one is
 * expected, not a reason to say "a name". */
static const char *const g_type_words[] = {"'standard'", "'id'", "'product'", "'tenant'", "'created'",
                                           "'usage'", "'limitations'", "'team'", "'role'", "'price'",
                                           "'custom'", "'title'", "'property'", "'physical'", "'business'",
                                           "'encrypted'", "'examples'", "'critical'", "'partition'",
                                           "'server'", "'expect'", "'meta'", "'description'", NULL};
static const char *const g_citem[] = {"'owner'", "'contact'", "'domain'", "'status'", "'tags'",
                                      "'link'", "'compatibility'", "'serve'", "'sla'", "'type'",
                                      "'dataset'",
                                      /* product metadata */
                                      "'standard'", "'id'", "'product'", "'tenant'", "'created'",
                                      "'usage'", "'limitations'", "'team'", "'role'", "'price'",
                                      "'support'", "'custom'", "'title'", "'server'", "'description'", NULL};
static const char *const g_ditem[] = {"'primary'", "'unique ('", "'unknown'", "'field'",
                                      "'quality'", "'upstream'",
                                      "'partition'", NULL};
static const char *const g_attr[] = {"'unique'", "'default'", "'range'", "'length'", "'pattern'",
                                     "'values'", "'references'", "'unit'", "'term'",
                                     "'classification'", "'pii'", "'deprecated'",
                                     "'id'", "'physical'", "'business'", "'encrypted'", "'examples'", "'critical'",
                                     "'meta'", "'expect'", NULL};
static const char *const g_sla[] = {"'freshness'", "'frequency'", "'availability'", "'latency'",
                                    "'retention'", "'support'", "'response'", "'property'", NULL};
static const char *const g_rule[] = {"'row_count'", "'null_rate'", "'valid_rate'", "'freshness'",
                                     "'unique ('", "'sql'", "'null_count'", "'invalid_count'", "'duplicate_count'", "'duplicate_rate'",
                                     "'missing_count'", "'missing_rate'", "'invalid_rate'", NULL};
static const char *const g_literal[] = {"string", "number", "'true'", "'false'", "'null'", NULL};
static const char *const g_op[] = {"'<'", "'<='", "'>'", "'>='", "'=='", "'!='", "'between'", "'not'", NULL};

/* Labels in the user's words, naming the common members, never the parser's tokens. */
static const TokenGroup groups[] = {
    {"a contract item (owner, type, dataset, sla, ...)", g_citem},
    {"a field, a key or a quality block", g_ditem},
    {"a service level (freshness, latency, ...)", g_sla},
    {"a quality rule (row_count, null_rate, sql, ...)", g_rule},
    {"an attribute (range, pattern, default, ...)", g_attr},
    {"a type", g_type},
    {"a value", g_literal},
    {"a comparison operator", g_op},
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

/* The keyword among the expected ones that a misspelt identifier was meant to be ("feild"). */
static const char *keyword_suggestion(BuildCtx *c, const char *const *names, int n)
{
    if (c->tok_kind[0] != IDENT || !c->tok[0].text) return NULL;
    Suggest g;
    suggest_init(&g, c->tok[0].text);
    for (int i = 0; i < n; i++) {
        const char *w = names[i];
        size_t l = w ? strlen(w) : 0;
        if (l < 3 || w[0] != '\'') continue;
        const char *word = arena_strndup(c->arena, w + 1, strcspn(w + 1, "' ("));
        suggest_try(&g, word);
    }
    return suggest_best(&g);
}

/* `contract a.b {`: the version is missing; the message shows the line with one in place. */
static const char *missing_version(BuildCtx *c, DcLoc loc)
{
    uint32_t ls = loc.start;
    while (ls > 0 && c->text[ls - 1] != '\n' && c->text[ls - 1] != '\r') ls--;
    while (ls < loc.start && (c->text[ls] == ' ' || c->text[ls] == '\t')) ls++;
    uint32_t e = loc.start;
    while (e > ls && (c->text[e - 1] == ' ' || c->text[e - 1] == '\t')) e--;
    const char *head = arena_strndup(c->arena, c->text + ls, e - ls);
    bool unit = strncmp(head, "contract ", 9) == 0 || strncmp(head, "library ", 8) == 0;
    if (!unit || e - ls > 80)
        return "missing version: a contract or library names its semantic version after its name, "
               "as in `contract sales.orders 1.0.0 {`";
    return arena_printf(c->arena, "missing version: a %s names its semantic version after its name: "
                        "`%s 1.0.0 {`", head[0] == 'c' ? "contract" : "library", head);
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
    if (c->tok_kind[0] == '{' && find_name(names, n, "version") >= 0) {
        diag_report(c->diags, D_SYNTAX, build_span(c, loc), "%s", missing_version(c, loc));
        return;
    }
    /* `dataset e {` where a dataset item was expected: the `}` of the dataset before is missing */
    int k0 = c->tok_kind[0];
    if ((k0 == DATASET || k0 == TYPE || k0 == SLA || k0 == OWNER) && find_name(names, n, "'primary'") >= 0) {
        diag_report(c->diags, D_SYNTAX, build_span(c, loc),
                    "unexpected '%s' inside a dataset: is the '}' that closes the dataset missing?",
                    c->tok[0].text ? c->tok[0].text : "?");
        return;
    }
    const char *meant = keyword_suggestion(c, names, n);

    /* Wherever a name is expected every keyword is too: say "a name", not sixty words. */
    int keywords = 0;
    for (int i = 0; i < n; i++)
        if (names[i][0] == '\'' && strcmp(names[i], "'unique ('") != 0) keywords++;
    const char *parts[MAXN + 16];
    int np = 0;
    int ident = find_name(names, n, "identifier");
    bool type_expected = find_name(names, n, "'enum'") >= 0 && find_name(names, n, "'struct'") >= 0;
    if (type_expected)
        for (const char *const *m = g_type_words; *m; m++) {
            int i = find_name(names, n, *m);
            if (i >= 0) names[i] = "", keywords--;
        }
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
    /* After a field's type the parser could still take '(' (arguments), '.' (a qualified name)
     * or '?': only the last is the user's business. */
    bool attrs = false;
    for (int i = 0; i < np; i++) attrs = attrs || strncmp(parts[i], "an attribute", 12) == 0;
    for (int i = 0; i < n; i++) {
        if (!names[i] || !names[i][0]) continue;
        if (attrs && (strcmp(names[i], "'('") == 0 || strcmp(names[i], "'.'") == 0)) continue;
        if (attrs && strcmp(names[i], "'?'") == 0) {
            parts[np++] = "'?' (an optional field)";
            continue;
        }
        parts[np++] = names[i];
    }

    StrBuf b;
    sb_init(&b);
    sb_printf(&b, "unexpected %s", describe_unexpected(c, display(c, unexpected)));
    int shown = np > 8 ? 8 : np;
    bool oxford = false; /* "a field, a key or a quality block, or '}'" */
    for (int i = 0; i < shown; i++) oxford = oxford || strstr(parts[i], " or ");
    for (int i = 0; i < shown; i++)
        sb_printf(&b, "%s%s", i == 0 ? ", expected " : (i == np - 1 ? (oxford ? ", or " : " or ") : ", "), parts[i]);
    if (shown < np) sb_puts(&b, ", ...");
    const char *after = error_context(c);
    if (after) sb_printf(&b, " after %s", after);
    if (meant) sb_printf(&b, "; did you mean '%s'?", meant);

    /* `latency 5 minutes`, `freshness 1 h`: a duration is one token */
    if (c->tok_kind[0] == NUMBER && find_name(names, n, "duration") >= 0)
        sb_puts(&b, " (a duration is a whole number and a unit with no space between: 5m; the units "
                    "are ms, s, m, h, d, w, y)");
    const char *msg = arena_strndup(c->arena, b.data, b.len);
    sb_free(&b);
    diag_report(c->diags, D_SYNTAX, build_span(c, loc), "%s", msg);
}

void build_parser_exhausted(BuildCtx *c, DcLoc loc)
{
    if (c->mb.nesting_reported) return;
    c->mb.nesting_reported = true;
    /* What overflowed, told by the nearest bracket at or before the place: a metadata value
     * opens lists with '[' and maps with '{' after a key's ':' (or in a list or map); types open
     * with '<' and `struct {`. */
    uint32_t at = loc.start < c->len ? loc.start : c->len, k = at;
    while (k > 0 && at - k < 256 && (k == c->len || !strchr("[{<", c->text[k]))) k--;
    uint32_t before = k;
    while (before > 0 && strchr(" \t\r\n", c->text[before - 1])) before--;
    bool meta = k < c->len && (c->text[k] == '[' ||
                               (c->text[k] == '{' && before > 0 && strchr(":,[{", c->text[before - 1])));
    if (meta)
        diag_report(c->diags, D_NESTING_TOO_DEEP, build_span(c, loc),
                    "nesting too deep: metadata values nest at most %d levels (lists and maps)", MB_MAX_META_DEPTH);
    else
        diag_report(c->diags, D_NESTING_TOO_DEEP, build_span(c, loc),
                    "nesting too deep: types nest at most %d levels", MB_MAX_TYPE_DEPTH);
}

/* --- names and literals ------------------------------------------------------------------- */

#define SPAN(loc) build_span(c, loc)

Name *build_name(BuildCtx *c, const Tok *t, DcLoc loc) { return mb_name(&c->mb, t->text, SPAN(loc)); }

QNameB *build_qname(BuildCtx *c, QNameB *q, Name *part) { return mb_qname_add(&c->mb, q, part); }

NameList *build_name_list(BuildCtx *c, NameList *l, Name *n) { return mb_name_list(&c->mb, l, n); }

Literal *build_literal(BuildCtx *c, LitKind k, const Tok *t, DcLoc loc)
{
    return mb_literal(&c->mb, k, t->text, t->len, SPAN(loc));
}

Literal *build_duration(BuildCtx *c, const Tok *t, DcLoc loc)
{
    return mb_duration(&c->mb, t->text, SPAN(loc));
}

Literal *build_open_bound(BuildCtx *c)
{
    (void)c;
    return NULL;
}

LitList *build_lit_list(BuildCtx *c, LitList *l, Literal *lit) { return mb_lit_list(&c->mb, l, lit); }

EnumList *build_enum_list(BuildCtx *c, EnumList *l, const Tok *t, DcLoc loc)
{
    return mb_enum_list(&c->mb, l, t->text, SPAN(loc));
}

Interval *build_interval(BuildCtx *c, const Tok *open, Literal *lo, Literal *hi, const Tok *close,
                         DcLoc loc)
{
    return mb_interval(&c->mb, lo, open->text && open->text[0] == '[', hi, close->text && close->text[0] == ']',
                       SPAN(loc));
}

/* --- types -------------------------------------------------------------------------------- */

Type *build_type_named(BuildCtx *c, const Tok *alias, DcLoc alias_loc, const Tok *name, DcLoc loc)
{
    if (!alias) return mb_type_word(&c->mb, name->text, SPAN(loc));
    DcLoc nloc = {loc.end - name->len, loc.end};
    return mb_type_qualified(&c->mb, build_name(c, alias, alias_loc), build_name(c, name, nloc), SPAN(loc));
}

Type *build_type_args(BuildCtx *c, const Tok *name, LitList *args, DcLoc loc)
{
    return mb_type_args(&c->mb, name->text, args ? args->first : NULL, SPAN(loc));
}

Type *build_type_enum(BuildCtx *c, EnumList *values, DcLoc loc) { return mb_type_enum(&c->mb, values, SPAN(loc)); }
Type *build_type_list(BuildCtx *c, Type *elem, DcLoc loc) { return mb_type_list(&c->mb, elem, SPAN(loc)); }
Type *build_type_map(BuildCtx *c, Name *key, Type *value, DcLoc loc) { return mb_type_map(&c->mb, key, value, SPAN(loc)); }
Type *build_type_struct(BuildCtx *c, FieldList *fields, DcLoc loc) { return mb_type_struct(&c->mb, fields, SPAN(loc)); }

/* --- attributes --------------------------------------------------------------------------- */

Attrs *build_attrs(BuildCtx *c)
{
    mb_attrs_clear(&c->attrs);
    return &c->attrs;
}

/* An empty attribute list is NULL (most fields have none). A list is built in the BuildCtx and
 * copied into its field or type declaration, so it costs no arena memory of its own. */
static Attrs *attrs_of(BuildCtx *c, Attrs *a) { return a ? a : build_attrs(c); }

Attrs *build_attr_flag(BuildCtx *c, Attrs *a, AttrKind k, DcLoc loc)
{
    a = attrs_of(c, a);
    if (k == ATTR_CRITICAL) mb_attr_critical(&c->mb, a, SPAN(loc));
    else mb_attr_unique(&c->mb, a, SPAN(loc));
    return a;
}

/* The metadata item `kw [word] STRING` names: `id`, `physical name`, `physical type`,
 * `business name`, `encrypted name`. Another word after the keyword is DC0750, and -1. */
static int meta_kind(BuildCtx *c, const Tok *kw, const Tok *word, DcLoc word_loc)
{
    static const struct { const char *kw, *word; AttrKind k; } items[] = {
        {"id", NULL, ATTR_ID},
        {"physical", "name", ATTR_PHYSICAL_NAME},
        {"physical", "type", ATTR_PHYSICAL_TYPE},
        {"business", "name", ATTR_BUSINESS_NAME},
        {"encrypted", "name", ATTR_ENCRYPTED_NAME},
    };
    for (size_t i = 0; i < sizeof items / sizeof items[0]; i++)
        if (!strcmp(items[i].kw, kw->text) && (!word || (items[i].word && !strcmp(items[i].word, word->text))))
            return (int)items[i].k;
    diag_report(c->diags, D_META_WORD, SPAN(word_loc), "'%s %s' is not an item: write %s", kw->text, word ? word->text : "",
                !strcmp(kw->text, "physical") ? "'physical name' or 'physical type'" : arena_printf(c->arena, "'%s name'", kw->text));
    return -1;
}

Attrs *build_attr_meta(BuildCtx *c, Attrs *a, const Tok *kw, const Tok *word, DcLoc word_loc, Literal *v, DcLoc loc)
{
    a = attrs_of(c, a);
    int k = meta_kind(c, kw, word, word_loc);
    if (k >= 0) mb_attr_literal(&c->mb, a, (AttrKind)k, v, SPAN(loc));
    return a;
}

Attrs *build_attr_extra(BuildCtx *c, Attrs *a, Meta *m, DcLoc loc)
{
    a = attrs_of(c, a);
    mb_attr_extra(&c->mb, a, m, SPAN(loc));
    return a;
}

void build_dataset_extra(BuildCtx *c, Meta *m, DcLoc loc)
{
    mb_dataset_extra(&c->mb, m, SPAN(loc));
}

Attrs *build_attr_examples(BuildCtx *c, Attrs *a, LitList *v, DcLoc loc)
{
    a = attrs_of(c, a);
    mb_attr_examples(&c->mb, a, v, SPAN(loc));
    return a;
}

Attrs *build_field_quality_begin(BuildCtx *c, Attrs *a, DcLoc loc)
{
    a = attrs_of(c, a);
    mb_field_quality_begin(&c->mb, a, SPAN(loc));
    return a;
}

Name *build_names_first(NameList *l) { return l ? l->first : NULL; }

void build_field_quality_end(BuildCtx *c, DcLoc loc) { mb_field_quality_end(&c->mb, SPAN(loc)); }

void build_dataset_meta(BuildCtx *c, const Tok *kw, const Tok *word, DcLoc word_loc, Literal *v, DcLoc loc)
{
    int k = meta_kind(c, kw, word, word_loc);
    if (k >= 0) mb_dataset_meta(&c->mb, (AttrKind)k, v, SPAN(loc));
}

Attrs *build_attr_literal(BuildCtx *c, Attrs *a, AttrKind k, Literal *v, DcLoc loc)
{
    a = attrs_of(c, a);
    mb_attr_literal(&c->mb, a, k, v, SPAN(loc));
    return a;
}

Attrs *build_attr_interval(BuildCtx *c, Attrs *a, AttrKind k, Interval *v, DcLoc loc)
{
    a = attrs_of(c, a);
    mb_attr_interval(&c->mb, a, k, v, SPAN(loc));
    return a;
}

Attrs *build_attr_values(BuildCtx *c, Attrs *a, LitList *v, DcLoc loc)
{
    a = attrs_of(c, a);
    mb_attr_values(&c->mb, a, v, SPAN(loc));
    return a;
}

Attrs *build_attr_references(BuildCtx *c, Attrs *a, QNameB *q, Meta *extra, DcLoc loc)
{
    a = attrs_of(c, a);
    bool first = !a->references;
    mb_attr_references(&c->mb, a, mb_qname_done(&c->mb, q), SPAN(loc));
    if (extra && first) mb_attr_references_extra(&c->mb, a, extra);
    return a;
}

LitList *build_value_note(BuildCtx *c, LitList *l, Meta *map)
{
    mb_value_note(&c->mb, l, map);
    return l;
}

Attrs *build_attr_name(BuildCtx *c, Attrs *a, AttrKind k, Name *n, DcLoc loc)
{
    a = attrs_of(c, a);
    mb_attr_name(&c->mb, a, k, n, SPAN(loc));
    return a;
}

Attrs *build_attr_deprecated(BuildCtx *c, Attrs *a, Literal *sunset, Literal *reason, DcLoc loc)
{
    a = attrs_of(c, a);
    mb_attr_deprecated(&c->mb, a, sunset, reason, SPAN(loc));
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
    return mb_field(&c->mb, build_name(c, name, name_loc), take_doc(kw), type, optional, attrs, SPAN(loc));
}

FieldList *build_field_list(BuildCtx *c, FieldList *l, Field *f) { return mb_field_list(&c->mb, l, f); }

/* --- files and contracts ------------------------------------------------------------------ */

void build_import(BuildCtx *c, Literal *path, Name *alias, DcLoc loc) { mb_import(&c->mb, path, alias, SPAN(loc)); }

Contract *build_unit_begin(BuildCtx *c, UnitKind k, const Tok *kw, QNameB *name, const Tok *version,
                           DcLoc version_loc, DcLoc loc)
{
    return mb_unit_begin(&c->mb, k, mb_qname_done(&c->mb, name), build_literal(c, LIT_STRING, version, version_loc),
                         take_doc(kw), SPAN(loc));
}

void build_unit_end(BuildCtx *c, Contract *u, DcLoc loc)
{
    (void)u;
    mb_unit_end(&c->mb, SPAN(loc));
}

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

void build_contract_literal(BuildCtx *c, ContractItemKind k, Literal *v, DcLoc loc)
{
    mb_contract_literal(&c->mb, k, v, SPAN(loc));
}

void build_contract_word(BuildCtx *c, ContractItemKind k, Name *v, bool transitive, DcLoc loc)
{
    mb_contract_word(&c->mb, k, v, transitive, SPAN(loc));
}

void build_standard(BuildCtx *c, Name *v, Literal *version, DcLoc loc)
{
    mb_standard(&c->mb, v, version, SPAN(loc));
}

void build_tags(BuildCtx *c, LitList *tags, DcLoc loc) { mb_tags(&c->mb, tags, SPAN(loc)); }
void build_link(BuildCtx *c, Name *name, Literal *url, Literal *description, DcLoc loc)
{
    mb_link(&c->mb, name, url, description, SPAN(loc));
}

void build_serve(BuildCtx *c, Name *kind, Literal *address, Name *format, DcLoc loc)
{
    mb_serve(&c->mb, kind, address, format, SPAN(loc));
}

void build_sla_begin(BuildCtx *c, DcLoc loc) { mb_sla_begin(&c->mb, SPAN(loc)); }
void build_sla_end(BuildCtx *c, DcLoc loc) { mb_sla_end(&c->mb, SPAN(loc)); }

void build_sla_item(BuildCtx *c, SlaKind k, Literal *v, bool cron, Meta *extra, DcLoc loc)
{
    mb_sla_item(&c->mb, k, v, cron, extra, SPAN(loc));
}

void build_typedecl(BuildCtx *c, const Tok *kw, const Tok *name, DcLoc name_loc, Type *type,
                    Attrs *attrs, DcLoc loc)
{
    mb_typedecl(&c->mb, build_name(c, name, name_loc), take_doc(kw), type, attrs, SPAN(loc));
}

/* --- datasets ----------------------------------------------------------------------------- */

Dataset *build_dataset_begin(BuildCtx *c, const Tok *kw, Name *name, DcLoc loc)
{
    return mb_dataset_begin(&c->mb, name, take_doc(kw), SPAN(loc));
}

void build_dataset_end(BuildCtx *c, Dataset *d, DcLoc loc)
{
    (void)d;
    mb_dataset_end(&c->mb, SPAN(loc));
}

void build_dataset_field(BuildCtx *c, Field *f) { mb_dataset_field(&c->mb, f); }
void build_key(BuildCtx *c, DatasetItemKind k, NameList *fields, DcLoc loc) { mb_key(&c->mb, k, fields, SPAN(loc)); }
void build_primary_key_odcs(BuildCtx *c, NameList *fields, const Tok *kw, DcLoc kw_loc, NameList *words, DcLoc loc)
{
    mb_key(&c->mb, DI_PRIMARY_KEY, fields, SPAN(loc));
    /* one word may stand here today; the grammar takes an identifier so that the list of words
     * after it does not collide with the next item's keyword */
    if (strcmp(kw->text, "odcs") != 0) {
        diag_report(c->diags, D_BAD_ENUM_WORD, SPAN(kw_loc), "'%s' after a primary key: write 'odcs (%s)'", kw->text,
                    suggest_word_list(c->arena, model_kw_key_odcs.words, model_kw_key_odcs.count));
        return;
    }
    mb_key_odcs(&c->mb, words);
}
void build_unknown_fields(BuildCtx *c, Name *policy, DcLoc loc) { mb_unknown_fields(&c->mb, policy, SPAN(loc)); }

void build_upstream(BuildCtx *c, QNameB *name, Literal *external, DcLoc loc)
{
    mb_upstream(&c->mb, name ? mb_qname_done(&c->mb, name) : NULL, external, SPAN(loc));
}

void build_quality_begin(BuildCtx *c, DcLoc loc) { mb_quality_begin(&c->mb, SPAN(loc)); }
void build_quality_end(BuildCtx *c, DcLoc loc) { mb_quality_end(&c->mb, SPAN(loc)); }

void build_rule(BuildCtx *c, RuleKind k, Name *field, Literal *sql, const Tok *op, Literal *value,
                DcLoc loc)
{
    /* The grammar admits only the five operators, so the lookup cannot fail. */
    int o = model_kw_find(&model_kw_cmp, op ? op->text : NULL);
    mb_rule(&c->mb, k, field, sql, o < 0 ? CMP_LT : (CmpOp)o, value, SPAN(loc));
}

void build_rule_between(BuildCtx *c, RuleKind k, Name *field, Literal *sql, const Tok *kw, Literal *lo,
                        Literal *hi, DcLoc loc)
{
    bool negate = kw && kw->text && strcmp(kw->text, "not") == 0;
    mb_rule_between(&c->mb, k, field, sql, negate ? CMP_NOT_BETWEEN : CMP_BETWEEN, lo, hi, SPAN(loc));
}

void build_rule_unique(BuildCtx *c, NameList *fields, DcLoc loc) { mb_rule_unique(&c->mb, fields, SPAN(loc)); }
void build_rule_values(BuildCtx *c, LitList *values) { mb_rule_values(&c->mb, values ? values->first : NULL); }
void build_rule_extra(BuildCtx *c, Meta *m, DcLoc loc) { mb_rule_extra(&c->mb, m, SPAN(loc)); }

/* --- metadata values ------------------------------------------------------------------------ */

Meta *build_meta_scalar(BuildCtx *c, MetaKind k, const Tok *t, DcLoc loc)
{
    return mb_meta_scalar(&c->mb, k, t->text, t->len, SPAN(loc));
}

MetaList *build_meta_list(BuildCtx *c, MetaList *l, Meta *m) { return mb_meta_list(&c->mb, l, m); }

Meta *build_meta_entry(BuildCtx *c, const Tok *key, DcLoc key_loc, Meta *value)
{
    return mb_meta_entry(&c->mb, arena_strndup(c->arena, key->text, key->len), SPAN(key_loc), value);
}

Meta *build_meta_container(BuildCtx *c, MetaKind k, MetaList *items, DcLoc loc)
{
    return mb_meta_container(&c->mb, k, items, SPAN(loc));
}

void build_custom(BuildCtx *c, Literal *name, Meta *value, Meta *extra, DcLoc loc)
{
    mb_custom(&c->mb, name, value, extra, SPAN(loc));
}

void build_meta_item(BuildCtx *c, ContractItemKind k, Literal *name, Meta *value, DcLoc loc)
{
    mb_meta_item(&c->mb, k, name, value, SPAN(loc));
}

void build_server_begin(BuildCtx *c, Name *name, const Tok *type, DcLoc type_loc, DcLoc loc)
{
    mb_server_begin(&c->mb, name, build_name(c, type, type_loc), SPAN(loc));
}

void build_server_field(BuildCtx *c, const Tok *key, DcLoc key_loc, Literal *value, DcLoc loc)
{
    mb_server_field(&c->mb, build_name(c, key, key_loc), value, SPAN(loc));
}

void build_server_meta(BuildCtx *c, ContractItemKind k, Literal *name, Meta *value, DcLoc loc)
{
    mb_server_meta(&c->mb, k, name, value, SPAN(loc));
}

void build_server_end(BuildCtx *c, DcLoc loc) { mb_server_end(&c->mb, SPAN(loc)); }

void build_sla_property(BuildCtx *c, Literal *name, Meta *value, DcLoc loc)
{
    mb_sla_property(&c->mb, name, value, SPAN(loc));
}
