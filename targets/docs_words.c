/* docs_words.c - the documentation site's plain words: what a type, a constraint, a service level
 * or a quality rule means, said for a reader who does not know the contract language. Every
 * phrase comes from the tables at the top of this file; docs/docs-target.md lists them. */
#include <string.h>

#include "docs.h"

/* ---- the tables ------------------------------------------------------------------------------ */

/* ORDER TypeKind (model.h). Compound kinds (decimal, string, enum, list, map, struct) add their
 * arguments in docs_type_words. */
static const char *const type_words[] = {
    [TY_ERROR] = "unknown",
    [TY_BOOLEAN] = "true or false",
    [TY_INT8] = "whole number (8-bit)",
    [TY_INT16] = "whole number (16-bit)",
    [TY_INT32] = "whole number (32-bit)",
    [TY_INT64] = "whole number (64-bit)",
    [TY_FLOAT32] = "floating-point number (32-bit)",
    [TY_FLOAT64] = "floating-point number (64-bit)",
    [TY_DECIMAL] = "decimal number",
    [TY_STRING] = "text",
    [TY_BYTES] = "binary data",
    [TY_DATE] = "calendar date",
    [TY_TIME] = "time of day",
    [TY_TIMESTAMP] = "date and time (UTC)",
    [TY_TIMESTAMPTZ] = "date and time with time zone",
    [TY_UUID] = "UUID",
    [TY_JSON] = "any JSON value",
    [TY_ENUM] = "one of a fixed set of words",
    [TY_LIST] = "list",
    [TY_MAP] = "map",
    [TY_STRUCT] = "record",
    [TY_NAMED] = "named type",
};
_Static_assert(sizeof type_words / sizeof type_words[0] == TY_KIND_COUNT, "one phrase per TypeKind");

/* A comparison before a quantity: "at least 99.5%". ORDER CmpOp. */
static const char *const cmp_words[] = {"less than", "at most", "more than", "at least", "exactly",
                                        "other than", "between", "less than"};
_Static_assert(sizeof cmp_words / sizeof cmp_words[0] == CMP_COUNT, "one phrase per CmpOp");

/* The units of a duration (the scanner's: ms, s, m, h, d, w, y). */
static const struct { const char *unit, *one, *many; } duration_units[] = {
    {"ms", "millisecond", "milliseconds"}, {"s", "second", "seconds"}, {"m", "minute", "minutes"},
    {"h", "hour", "hours"}, {"d", "day", "days"}, {"w", "week", "weeks"}, {"y", "year", "years"},
};

/* An SLA item as a sentence; %s is the value in words. ORDER SlaKind. The summary phrase is the
 * catalog's short form (NULL: not in the summary). */
static const struct { const char *sentence, *summary; } sla_words[] = {
    [SLA_FRESHNESS] = {"Updated at least every %s.", "fresh within %s"},
    [SLA_FREQUENCY] = {"Loaded every %s.", NULL},
    [SLA_AVAILABILITY] = {"%s%% available.", "%s%% available"},
    [SLA_LATENCY] = {"Data arrives within %s of the event.", NULL},
    [SLA_RETENTION] = {"Kept for %s.", "kept %s"},
    [SLA_SUPPORT] = {"Support: %s.", NULL},
    [SLA_RESPONSE] = {"Incidents answered within %s.", NULL},
};
_Static_assert(sizeof sla_words / sizeof sla_words[0] == SLA_KIND_COUNT, "one sentence per SlaKind");
static const char sla_cron_sentence[] = "Loaded on the schedule %s (cron).";

/* A quality rule. Rules on fields take the field(s) and then the comparison and threshold in
 * words; row_count and sql take the comparison only; unique the fields only. ORDER RuleKind. */
static const char *const rule_words[] = {
    [RULE_ROW_COUNT] = "The dataset holds %s rows.",
    [RULE_NULL_RATE] = "%s is empty in %s of the rows.",
    [RULE_VALID_RATE] = "%s is valid in %s of the rows.",
    [RULE_FRESHNESS] = "The newest %s is %s old.",
    [RULE_UNIQUE] = "No two rows have the same %s.",
    [RULE_SQL] = "This query returns %s:",
    [RULE_NULL_COUNT] = "%s is empty in %s rows.",
    [RULE_INVALID_COUNT] = "%s is invalid in %s rows.",
    [RULE_DUPLICATE_COUNT] = "The values of %s repeat an earlier row's in %s rows.",
    [RULE_DUPLICATE_RATE] = "The values of %s repeat an earlier row's in %s of the rows.",
    [RULE_MISSING_COUNT] = "%s is empty or a missing-value marker in %s rows.",
    [RULE_MISSING_RATE] = "%s is empty or a missing-value marker in %s of the rows.",
    [RULE_NOTIN_COUNT] = "%s is not one of its valid values in %s rows.",
    [RULE_NOTIN_RATE] = "%s is not one of its valid values in %s of the rows.",
};
_Static_assert(sizeof rule_words / sizeof rule_words[0] == RULE_KIND_COUNT, "one sentence per RuleKind");

/* ORDER Status, Classification. */
static const char *const status_words[] = {"Draft", "Active", "Deprecated", "Retired"};
_Static_assert(sizeof status_words / sizeof status_words[0] == STATUS_COUNT, "one word per Status");
static const char *const class_words[] = {"", "Public", "Internal", "Confidential", "Restricted"};
_Static_assert(sizeof class_words / sizeof class_words[0] == CLASS_COUNT, "one word per Classification");

/* What a length counts, by the resolved kind (anything else: items), in the singular and plural. */
static const struct { TypeKind kind; const char *one, *many; } length_units[] = {
    {TY_STRING, "character", "characters"}, {TY_BYTES, "byte", "bytes"}, {TY_MAP, "entry", "entries"},
};

static const char *length_unit(TypeKind k, bool one)
{
    for (size_t i = 0; i < sizeof length_units / sizeof length_units[0]; i++)
        if (length_units[i].kind == k) return one ? length_units[i].one : length_units[i].many;
    return one ? "item" : "items";
}

/* ---- words ----------------------------------------------------------------------------------- */

const char *docs_status_words(Status s) { return (unsigned)s < STATUS_COUNT ? status_words[s] : "?"; }

const char *docs_classification_words(Classification c)
{
    return (unsigned)c < CLASS_COUNT ? class_words[c] : "?";
}

const char *docs_duration_words(Arena *a, const char *text)
{
    size_t n = strspn(text, "0123456789");
    if (n == 0) return text;
    for (size_t i = 0; i < sizeof duration_units / sizeof duration_units[0]; i++)
        if (strcmp(text + n, duration_units[i].unit) == 0) {
            bool one = n == 1 && text[0] == '1';
            return arena_printf(a, "%.*s %s", (int)n, text, one ? duration_units[i].one : duration_units[i].many);
        }
    return text;
}

/* "every hour" rather than "every 1 hour" */
static const char *every_words(Arena *a, const char *text)
{
    const char *w = docs_duration_words(a, text);
    return strncmp(w, "1 ", 2) == 0 ? w + 2 : w;
}

/* A literal as a reader sees it: strings without quotes, numbers as written. */
static const char *lit(const Literal *l) { return l->text; }

/* The allowed values, each with the label and description its note gives (an ODCS enum's, for
 * the people who read the page): `pending (Pending: order received)`. */
static const char *values_words(Arena *a, const Literal *v, const ValueNote *n)
{
    StrBuf b;
    sb_init(&b);
    for (; v; v = v->next) {
        sb_printf(&b, "%s%s", b.len ? ", " : "", lit(v));
        if (!n || n->value != v) continue;
        const Meta *l = n->label, *d = n->description;
        if (l && d) sb_printf(&b, " (%.*s: %.*s)", (int)l->len, l->text, (int)d->len, d->text);
        else if (l || d) sb_printf(&b, " (%.*s)", (int)(l ? l : d)->len, (l ? l : d)->text);
        n = n->next;
    }
    const char *s = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    return s;
}

/* unit: the kind whose length it is, or TY_ERROR for a range (no unit). The unit follows the
 * last number written, whose value decides singular or plural ("at most 1 item"). */
static const char *interval_words(Arena *a, const Interval *iv, TypeKind unit)
{
    const Literal *last = iv->hi ? iv->hi : iv->lo;
    const char *u = unit != TY_ERROR && last ? arena_printf(a, " %s", length_unit(unit, strcmp(last->text, "1") == 0)) : "";
    if (iv->lo && iv->hi) {
        if (iv->lo_inclusive && iv->hi_inclusive) {
            if (strcmp(lit(iv->lo), lit(iv->hi)) == 0) return arena_printf(a, "exactly %s%s", lit(iv->lo), u);
            return arena_printf(a, "between %s and %s%s", lit(iv->lo), lit(iv->hi), u);
        }
        return arena_printf(a, "%s %s and %s %s%s", iv->lo_inclusive ? "at least" : "more than", lit(iv->lo),
                            iv->hi_inclusive ? "at most" : "less than", lit(iv->hi), u);
    }
    if (iv->lo) return arena_printf(a, "%s %s%s", iv->lo_inclusive ? "at least" : "more than", lit(iv->lo), u);
    if (iv->hi) return arena_printf(a, "%s %s%s", iv->hi_inclusive ? "at most" : "less than", lit(iv->hi), u);
    return "any";
}

/* The type as written for a list element or map value: a named type by its name. */
static const char *elem_words(Arena *a, const Type *t)
{
    if (t->kind == TY_NAMED) return t->u.named.name.text;
    return docs_type_words(a, t);
}

const char *docs_type_words(Arena *a, const Type *t)
{
    if (!t) return "unknown";
    const Type *r = model_type_resolve(t);
    if (!r) return "unknown";
    switch (r->kind) {
    case TY_DECIMAL:
        if (r->u.decimal.p > 0)
            return arena_printf(a, "decimal number, %d digits, %d after the point", r->u.decimal.p, r->u.decimal.s);
        break;
    case TY_STRING:
        if (r->u.string.max_len >= 0) return arena_printf(a, "text, at most %lld characters", (long long)r->u.string.max_len);
        break;
    case TY_LIST: return arena_printf(a, "list of %s", elem_words(a, r->u.list.elem));
    case TY_MAP: return arena_printf(a, "map from text to %s", elem_words(a, r->u.map.value));
    default: break;
    }
    return (unsigned)r->kind < TY_KIND_COUNT ? type_words[r->kind] : "unknown";
}

static void phrase(Arena *a, PtrVec *out, const char *text, const char *code)
{
    DocsPhrase *p = ARENA_NEW(a, DocsPhrase);
    p->text = text;
    p->code = code;
    ptrvec_push(a, out, p);
}

void docs_constraint_words(Arena *a, const Type *rtype, const Attrs *at, PtrVec *out)
{
    TypeKind k = rtype ? rtype->kind : TY_ERROR;
    if (k == TY_ENUM) {
        StrBuf b;
        sb_init(&b);
        for (const EnumValue *v = rtype->u.enumeration.values; v; v = v->next)
            sb_printf(&b, "%s%s", b.len ? ", " : "", v->name);
        phrase(a, out, arena_printf(a, "one of %s", b.data ? b.data : ""), NULL);
        sb_free(&b);
    }
    if (!at) return;
    if (at->range) phrase(a, out, interval_words(a, at->range, TY_ERROR), NULL);
    if (at->length)
        phrase(a, out, arena_printf(a, "%s %s", k == TY_LIST ? "holds" : "length", interval_words(a, at->length, k)),
               NULL);
    if (at->values) phrase(a, out, arena_printf(a, "one of %s", values_words(a, at->values, at->value_notes)), NULL);
    if (at->pattern) phrase(a, out, "matches the pattern", lit(at->pattern));
    if (at->unique) phrase(a, out, "unique in the dataset", NULL);
    if (at->default_value) phrase(a, out, arena_printf(a, "%s when not given", lit(at->default_value)), NULL);
}

void docs_phrase_list(xmlNodePtr ul, const PtrVec *phrases)
{
    for (size_t i = 0; i < phrases->len; i++) {
        const DocsPhrase *p = phrases->items[i];
        xmlNodePtr li = html_el(ul, "li", p->text);
        if (p->code) {
            html_text(li, " ");
            html_el(li, "code", p->code);
        }
    }
}

const char *docs_sla_words(Arena *a, const SlaItem *it)
{
    const char *v = it->value ? it->value->text : "";
    if (it->kind == SLA_FREQUENCY && it->cron) return arena_printf(a, sla_cron_sentence, v);
    if ((unsigned)it->kind >= SLA_KIND_COUNT) return v;
    const char *words = it->kind == SLA_AVAILABILITY || it->kind == SLA_SUPPORT ? v
                        : it->kind == SLA_FRESHNESS || it->kind == SLA_FREQUENCY ? every_words(a, v)
                                                                                 : docs_duration_words(a, v);
    return arena_printf(a, sla_words[it->kind].sentence, words);
}

const char *docs_sla_summary(Arena *a, const Contract *c)
{
    StrBuf b;
    sb_init(&b);
    for (const SlaItem *it = c->sla; it; it = it->next) {
        if ((unsigned)it->kind >= SLA_KIND_COUNT || !sla_words[it->kind].summary || !it->value) continue;
        const char *v = it->kind == SLA_AVAILABILITY ? it->value->text : docs_duration_words(a, it->value->text);
        if (b.len) sb_puts(&b, " · ");
        sb_printf(&b, sla_words[it->kind].summary, v);
    }
    const char *s = b.len ? arena_strdup(a, b.data) : NULL;
    sb_free(&b);
    return s;
}

const char *docs_rule_words(Arena *a, const QualityRule *r, const char **sql)
{
    *sql = NULL;
    if ((unsigned)r->kind >= RULE_KIND_COUNT) return "";
    const char *v = r->value ? r->value->text : "";
    const char *h = CMP_IS_RANGE(r->op) && r->value_hi ? r->value_hi->text : NULL;
    switch (r->kind) {
    case RULE_NULL_RATE:
    case RULE_VALID_RATE:
    case RULE_DUPLICATE_RATE:
    case RULE_MISSING_RATE:
    case RULE_NOTIN_RATE:
        v = arena_printf(a, "%s%%", v);
        if (h) h = arena_printf(a, "%s%%", h);
        break;
    case RULE_FRESHNESS:
        v = docs_duration_words(a, v);
        if (h) h = docs_duration_words(a, h);
        break;
    default: break;
    }
    /* "between 10% and 20%" (both included); not between: "less than 10% or more than 20%" */
    const char *quantity = !h ? arena_printf(a, "%s %s", cmp_words[r->op], v)
                           : r->op == CMP_BETWEEN ? arena_printf(a, "between %s and %s", v, h)
                                                  : arena_printf(a, "less than %s or more than %s", v, h);
    StrBuf b;
    sb_init(&b);
    for (const Name *f = r->fields; f; f = f->next) sb_printf(&b, "%s%s", b.len ? ", " : "", f->text);
    const char *fields = arena_strdup(a, b.data ? b.data : "");
    sb_free(&b);
    if (r->kind == RULE_SQL && r->sql) *sql = r->sql->text;
    if (r->kind == RULE_UNIQUE) return arena_printf(a, rule_words[r->kind], fields);
    if (r->kind == RULE_ROW_COUNT || r->kind == RULE_SQL) return arena_printf(a, rule_words[r->kind], quantity);
    return arena_printf(a, rule_words[r->kind], fields, quantity);
}
