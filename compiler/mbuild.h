/* mbuild.h - the model builder: how any front end (the .dc grammar, the ODCS YAML reader) builds
 * the contract model of model.h.
 *
 * It takes plain strings and Spans, nothing of a scanner or a parser. It creates model structures
 * in the arena, appends them in source order (it owns every list tail), and reports what only a
 * builder can see: an item given twice (DC0202, with a note at the first) and types nested too
 * deeply (DC0201). It does not judge meaning: keyword values (status, classification, unknown-
 * fields policy, ...) are stored as written and sema checks them, so every front end gets the
 * same diagnostics for the same mistake.
 *
 * Use: mb_init, then optionally mb_import for each import, then mb_unit_begin ... mb_unit_end
 * with the contract's items in between (mb_dataset_begin ... mb_dataset_end around a dataset's
 * items), then mb_finish, which hands back the unit. Any string passed in must outlive the
 * arena (copy it into the arena first when it does not). */
#ifndef DCC_MBUILD_H
#define DCC_MBUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "model.h"
#include "source.h"

/* The most types may nest (struct, list, map): DC0201 beyond it. */
#define MB_MAX_TYPE_DEPTH 64
/* The most metadata values may nest (lists, maps): DC0201 beyond it. As deep as ytree.c lets
 * YAML nest, so that whatever an ODCS file holds can be carried. */
#define MB_MAX_META_DEPTH 128

typedef struct ModelBuilder {
    Arena *arena;
    DiagSink *diags;
    uint32_t file;
    bool nesting_reported;  /* DC0201 is reported once per file */
    Contract *unit;
    Import *imports, *imports_last;
    ContractItem *ci_last;
    TypeDecl *types_last;
    Dataset *datasets_last;
    Link *links_last;
    Serve *serves_last;
    Server *servers_last;
    Server *server;         /* the named server being built */
    ServerField *sfields_last;
    MetaItem *smeta_last;
    MetaItem *meta_last;
    MetaItem *sla_props_last;
    SlaItem *sla_last;
    bool sla_skip;          /* inside a second sla block: its items are dropped */
    Dataset *ds;            /* the dataset being built */
    DatasetItem *di_last;
    Field *fields_last;
    Key *uniques_last;
    QualityRule *rules_last;
    Upstream *upstream_last;
    bool quality_skip;      /* inside a second quality block */
    DatasetItem *quality_item;
    Attrs *fq;              /* inside a field's `expect` block: the attributes it fills */
    QualityRule *fq_last;
    QualityRule *rule_new;  /* the rule built last, until its `meta` (mb_rule_extra) or the next */
    Attrs *no_attrs;        /* the empty attribute set every field without attributes shares */
} ModelBuilder;

void mb_init(ModelBuilder *b, Arena *a, DiagSink *diags, uint32_t file);
/* The finished unit with its imports attached, or NULL when no unit was begun. */
Contract *mb_finish(ModelBuilder *b);

/* --- lists under construction (O(1) appends) ------------------------------------------------ */
/* notes: what values of an allowed-values list say beside the value (mb_value_note) */
typedef struct { Literal *first, *last; unsigned n; ValueNote *notes, *notes_last; } LitList;
typedef struct { Name *first, *last; unsigned n; } NameList;
typedef struct { EnumValue *first, *last; unsigned n; } EnumList;
typedef struct { Field *first, *last; } FieldList;
typedef struct { Meta *first, *last; unsigned n; } MetaList;
/* A dotted name being built; `q` comes first so a QNameB* is usable as a QualName*. */
typedef struct { QualName q; Name *last; } QNameB;

/* Each appends to l (a new list when l is NULL) and returns it. */
LitList *mb_lit_list(ModelBuilder *b, LitList *l, Literal *lit);
NameList *mb_name_list(ModelBuilder *b, NameList *l, Name *n);
EnumList *mb_enum_list(ModelBuilder *b, EnumList *l, const char *value, Span at);
FieldList *mb_field_list(ModelBuilder *b, FieldList *l, Field *f); /* f may be NULL */
QNameB *mb_qname_add(ModelBuilder *b, QNameB *q, Name *part);
/* The dotted name once complete: its text is the parts joined with '.'. */
QualName *mb_qname_done(ModelBuilder *b, QNameB *q);
/* A dotted name from a text such as "customers.customers.customer_id", all parts at `at`. */
QualName *mb_qname_text(ModelBuilder *b, const char *text, Span at);

/* --- names and literals ------------------------------------------------------------------- */
Name *mb_name(ModelBuilder *b, const char *text, Span at);
/* text holds len bytes (strings may hold NUL); numbers keep the text as written. */
Literal *mb_literal(ModelBuilder *b, LitKind k, const char *text, uint32_t len, Span at);
/* A duration (digits and a unit, `09h`), its number made plain (`9h`) as every number is, so that
 * two front ends that spell it differently give one model. */
Literal *mb_duration(ModelBuilder *b, const char *text, Span at);
/* [lo, hi] with inclusive or exclusive ends; a NULL bound is open (`*`). */
Interval *mb_interval(ModelBuilder *b, Literal *lo, bool lo_inclusive, Literal *hi, bool hi_inclusive,
                      Span at);

/* --- types -------------------------------------------------------------------------------- */
/* A type written as a word: a built-in scalar (int32, uuid, ...) or the name of a declared type. */
Type *mb_type_word(ModelBuilder *b, const char *word, Span at);
/* ALIAS.NAME: a type declared in an import. */
Type *mb_type_qualified(ModelBuilder *b, Name *alias, Name *name, Span at);
/* NAME(args): decimal(p,s), string(n), or a misuse sema reports (int32(4)). */
Type *mb_type_args(ModelBuilder *b, const char *name, Literal *args, Span at);
Type *mb_type_enum(ModelBuilder *b, EnumList *values, Span at);
Type *mb_type_list(ModelBuilder *b, Type *elem, Span at);
Type *mb_type_map(ModelBuilder *b, Name *key, Type *value, Span at);
Type *mb_type_struct(ModelBuilder *b, FieldList *fields, Span at);

/* --- attributes --------------------------------------------------------------------------- */
typedef enum {
    ATTR_UNIQUE, ATTR_DEFAULT, ATTR_RANGE, ATTR_LENGTH, ATTR_PATTERN, ATTR_VALUES, ATTR_REFERENCES,
    ATTR_UNIT, ATTR_TERM, ATTR_CLASSIFICATION, ATTR_PII, ATTR_DEPRECATED,
    ATTR_ID, ATTR_BUSINESS_NAME, ATTR_PHYSICAL_NAME, ATTR_PHYSICAL_TYPE, ATTR_ENCRYPTED_NAME,
    ATTR_EXAMPLES, ATTR_CRITICAL
} AttrKind;

/* Sets a to "nothing given". */
void mb_attrs_clear(Attrs *a);
/* Each sets one attribute of a; `at` is where the attribute was written (its keyword), used for
 * DC0202 when it is given twice (then a keeps the first). */
void mb_attr_unique(ModelBuilder *b, Attrs *a, Span at);
void mb_attr_literal(ModelBuilder *b, Attrs *a, AttrKind k, Literal *v, Span at); /* default, pattern, unit, term */
void mb_attr_interval(ModelBuilder *b, Attrs *a, AttrKind k, Interval *v, Span at); /* range, length */
void mb_attr_values(ModelBuilder *b, Attrs *a, LitList *values, Span at);
/* The last value of l says more (an ODCS v3.2 enum entry's label, description and other keys):
 * map is a META_MAP, kept whole. */
void mb_value_note(ModelBuilder *b, LitList *l, Meta *map);
/* The other ODCS keys of the relationship a field's `references` stands for (a META_MAP). */
void mb_attr_references_extra(ModelBuilder *b, Attrs *a, Meta *map);
void mb_attr_references(ModelBuilder *b, Attrs *a, QualName *target, Span at);
void mb_attr_name(ModelBuilder *b, Attrs *a, AttrKind k, Name *word, Span at); /* classification, pii */
void mb_attr_deprecated(ModelBuilder *b, Attrs *a, Literal *sunset, Literal *reason, Span at);
/* ODCS element metadata: mb_attr_literal takes ATTR_ID, ATTR_BUSINESS_NAME, ATTR_PHYSICAL_NAME,
 * ATTR_PHYSICAL_TYPE and ATTR_ENCRYPTED_NAME; these two the rest. */
void mb_attr_critical(ModelBuilder *b, Attrs *a, Span at);
/* `meta { ... }` of a field (a) or of the open dataset: the element's other ODCS keys, as written.
 * Given twice: DC0202. */
void mb_attr_extra(ModelBuilder *b, Attrs *a, Meta *m, Span at);
void mb_dataset_extra(ModelBuilder *b, Meta *m, Span at);
void mb_attr_examples(ModelBuilder *b, Attrs *a, LitList *examples, Span at);

/* --- fields and declarations -------------------------------------------------------------- */
/* attrs may be NULL (none); it is copied. doc is the doc comment text or NULL. */
Field *mb_field(ModelBuilder *b, Name *name, const char *doc, Type *type, bool optional,
                const Attrs *attrs, Span at);

/* --- files and contracts ------------------------------------------------------------------ */
void mb_import(ModelBuilder *b, Literal *path, Name *alias, Span at);
Contract *mb_unit_begin(ModelBuilder *b, UnitKind k, QualName *name, Literal *version, const char *doc,
                        Span at);
void mb_unit_end(ModelBuilder *b, Span at);
/* owner, contact, id, product, tenant, created, usage, limitations, title; status as a string */
void mb_contract_literal(ModelBuilder *b, ContractItemKind k, Literal *v, Span at);
/* domain, status, compatibility (transitive only for compatibility), standard */
void mb_contract_word(ModelBuilder *b, ContractItemKind k, Name *v, bool transitive, Span at);
/* `standard NAME [VERSION]`: the standard, and the ODCS apiVersion the contract keeps (or NULL) */
void mb_standard(ModelBuilder *b, Name *v, Literal *version, Span at);
void mb_tags(ModelBuilder *b, LitList *tags, Span at);
/* description may be NULL */
void mb_link(ModelBuilder *b, Name *name, Literal *url, Literal *description, Span at);
void mb_serve(ModelBuilder *b, Name *kind, Literal *address, Name *format, Span at);
/* A named server: mb_server_begin, its fields and metadata, mb_server_end (which sets its span
 * to the whole item). A field given twice is DC0202 (the first kept); sema checks the rest. */
Server *mb_server_begin(ModelBuilder *b, Name *name, Name *type, Span at);
void mb_server_field(ModelBuilder *b, Name *key, Literal *value, Span at);
/* A role (CI_ROLE: name the role) or custom property (CI_CUSTOM) of the server being built. */
void mb_server_meta(ModelBuilder *b, ContractItemKind k, Literal *name, Meta *value, Span at);
void mb_server_end(ModelBuilder *b, Span at);
void mb_sla_begin(ModelBuilder *b, Span at);
void mb_sla_end(ModelBuilder *b, Span at);
/* extra: a metadata map of what goes with the item (ODCS element, driver, ...), or NULL */
void mb_sla_item(ModelBuilder *b, SlaKind k, Literal *v, bool cron, Meta *extra, Span at);
void mb_typedecl(ModelBuilder *b, Name *name, const char *doc, Type *type, const Attrs *attrs, Span at);

/* --- datasets ----------------------------------------------------------------------------- */
Dataset *mb_dataset_begin(ModelBuilder *b, Name *name, const char *doc, Span at);
void mb_dataset_end(ModelBuilder *b, Span at);
void mb_dataset_field(ModelBuilder *b, Field *f);
void mb_key(ModelBuilder *b, DatasetItemKind k, NameList *fields, Span at); /* DI_PRIMARY_KEY, DI_UNIQUE, DI_PARTITION_KEY */
/* The words of `odcs (...)` on the dataset's primary key (sema checks them). */
void mb_key_odcs(ModelBuilder *b, NameList *words);
/* The dataset's id, business name, physical name or type (ATTR_ID ... ATTR_PHYSICAL_TYPE). */
void mb_dataset_meta(ModelBuilder *b, AttrKind k, Literal *v, Span at);
void mb_unknown_fields(ModelBuilder *b, Name *policy, Span at);
void mb_upstream(ModelBuilder *b, QualName *name, Literal *external, Span at);
void mb_quality_begin(ModelBuilder *b, Span at);
void mb_quality_end(ModelBuilder *b, Span at);
/* A field's `expect { ... }` block (field-level quality): the rules built between begin and end
 * go to a's list; they join the dataset's rules, owned by the field, at mb_dataset_field. */
void mb_field_quality_begin(ModelBuilder *b, Attrs *a, Span at);
void mb_field_quality_end(ModelBuilder *b, Span at);
/* Hands f's `expect` rules to the dataset being built (mb_dataset_field does; a front end that
 * reads a field's rules after adding it calls this itself, outside the dataset's block). */
void mb_field_quality_join(ModelBuilder *b, Field *f);
/* row_count, null_rate, valid_rate, freshness and sql rules; field and sql may be NULL (a
 * field-level rule may leave its field out: it is the owner) */
void mb_rule(ModelBuilder *b, RuleKind k, Name *field, Literal *sql, CmpOp op, Literal *value, Span at);
/* the same with two inclusive bounds: op is CMP_BETWEEN or CMP_NOT_BETWEEN */
void mb_rule_between(ModelBuilder *b, RuleKind k, Name *field, Literal *sql, CmpOp op, Literal *lo, Literal *hi,
                     Span at);
void mb_rule_unique(ModelBuilder *b, NameList *fields, Span at);
/* Sets the values (a next-linked list) of the rule built last, before its `meta` */
void mb_rule_values(ModelBuilder *b, Literal *values);
/* `meta { ... }` after a rule: the ODCS check's other keys, given to the rule built last (none
 * when it was dropped, in a second quality block) */
void mb_rule_extra(ModelBuilder *b, Meta *m, Span at);

/* --- metadata values (model.h's Meta) ----------------------------------------------------- */
/* A string, number (as written), boolean ("true"/"false") or null. */
Meta *mb_meta_scalar(ModelBuilder *b, MetaKind k, const char *text, uint32_t len, Span at);
/* Appends m to l (a new list when l is NULL; m NULL only makes the list). */
MetaList *mb_meta_list(ModelBuilder *b, MetaList *l, Meta *m);
/* value as the entry `key: value` of a map being built. */
Meta *mb_meta_entry(ModelBuilder *b, const char *key, Span key_at, Meta *value);
/* A list or map of the given items (NULL: empty). A key given twice in a map is DC0202, and
 * the second entry is dropped. */
Meta *mb_meta_container(ModelBuilder *b, MetaKind k, MetaList *items, Span at);
/* team, price (once each), role, support, custom: a product-level item holding metadata. name
 * is the role, channel or property (NULL for team and price); value may be NULL. DC0201 when
 * value nests deeper than MB_MAX_META_DEPTH. */
void mb_meta_item(ModelBuilder *b, ContractItemKind k, Literal *name, Meta *value, Span at);
/* `custom NAME VALUE meta { ... }`: a contract's custom property with its other ODCS keys (extra
 * may be NULL) */
void mb_custom(ModelBuilder *b, Literal *name, Meta *value, Meta *extra, Span at);
/* `property NAME META` in the sla block: a service level dcc has no shorthand for, carried as
 * written (value, unit, element, driver, ...). Dropped inside a second sla block. */
void mb_sla_property(ModelBuilder *b, Literal *name, Meta *value, Span at);

#endif
