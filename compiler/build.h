/* build.h - the .dc grammar's side of the model builder: every grammar action is one call in here.
 *
 * The scanner (grammar/lexer.l), the parser (grammar/parser.y) and these adapters share one
 * BuildCtx per parsed file: it is the flex "extra" data and the bison parse parameter, so the
 * front end has no global state. The adapters turn tokens (Tok) and bison locations (DcLoc) into
 * the strings and Spans of the front-end-neutral model builder (mbuild.h), which makes the model
 * and reports what a builder can see; meaning is left to sema. What is the grammar's own lives
 * here: doc comments taken by declarations and the one place syntax errors are worded. */
#ifndef DCC_BUILD_H
#define DCC_BUILD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "diag.h"
#include "mbuild.h"
#include "model.h"
#include "source.h"

/* A bison location: a half-open byte range of the file being parsed (the file id is in the
 * BuildCtx). It becomes a Span only when stored or reported. */
typedef struct DcLoc {
    uint32_t start, end;
} DcLoc;

/* A run of `///` lines that stood right before a declaration keyword (contract, library, type,
 * dataset, field). A declaration that takes the text marks it taken; the lines of blocks nobody
 * took (a keyword used as a name: `field type int32`) become ordinary comments when the file is
 * done, so no comment is lost. Until then they have no Comment objects: most fields have a doc
 * comment, and it should cost its text only. */
typedef struct DocBlock {
    const char *text;      /* each line without `///`, one space and trailing blanks; '\n'-joined */
    uint32_t start, end;   /* the source range of its lines: only doc lines and blanks */
    bool taken;            /* set by the builder of the declaration */
    struct DocBlock *next;
} DocBlock;

/* The semantic value of every token. text is arena (or static) text: the identifier or keyword,
 * the unescaped string (len bytes, may hold NUL), a number/version/duration as written, a
 * percentage without its '%', or the punctuation itself. doc is set on declaration keywords
 * that a doc comment stood right before, else NULL. */
typedef struct Tok {
    const char *text;
    uint32_t len;
    DocBlock *doc;
} Tok;

typedef struct BuildCtx {
    ModelBuilder mb;  /* the model being built */
    Arena *arena;
    DiagSink *diags;
    SourceSet *sources;
    uint32_t file;
    const char *text; /* the file's bytes */
    uint32_t len;
    void *scanner;    /* the flex scanner (yyscan_t) */

    /* scanner state */
    uint32_t pos;       /* byte offset of the next token */
    unsigned lex_errors;
    DcLoc lex_err;      /* the token of the last lexical error */
    bool saw_token;     /* any token other than end of file */
    Comment *comments, *comments_last; /* every comment, in source order */
    bool doc_pending;              /* `///` lines were seen since the last token or comment: */
    uint32_t doc_start, doc_end;   /* their source range */
    DocBlock *docs, *docs_last;    /* doc blocks handed to declaration keywords, in order */

    /* `unique` is followed by a look at the next token (past comments) to tell `unique (` */
    bool peeked;
    int peek_kind;
    Tok peek_tok;
    DcLoc peek_loc;
    Diag *bad_char;     /* the last "unexpected character" report, extended over a run */
    uint32_t bad_char_end;

    /* the current and the two previous tokens, for syntax error messages */
    int tok_kind[3];
    Tok tok[3];
    DcLoc tok_loc[3];

    /* parser state */
    Attrs attrs;           /* the attribute list being parsed (see build_attrs) */
} BuildCtx;

/* --- scanner support (called from lexer.l; implemented in parse.c) ------------------------- */
/* Each returns the token kind to hand to the parser, or 0 after reporting when nothing is. */
int lex_word(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc);
int lex_string(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc, bool terminated);
int lex_unquoted_date(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc);
int lex_raw_string(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc, int hashes, bool terminated);
int lex_literal(BuildCtx *c, Tok *t, const char *s, size_t n, int kind); /* number, version, ... */
int lex_bad_number(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc);
int lex_spaced_percent(BuildCtx *c, Tok *t, const char *s, size_t n, DcLoc loc);
int lex_punct(BuildCtx *c, Tok *t, const char *s, size_t n, int kind);
typedef enum { COMMENT_LINE, COMMENT_DOC, COMMENT_BLOCK, COMMENT_BLOCK_OPEN } CommentKind;
void lex_comment(BuildCtx *c, const char *s, size_t n, DcLoc loc, CommentKind kind);
void lex_bad_char(BuildCtx *c, const char *s, size_t n, DcLoc loc);

/* --- builders (called from parser.y; implemented in build.c) ------------------------------- */
Span build_span(const BuildCtx *c, DcLoc loc);

/* syntax errors: the one place their text is made */
void build_syntax_error(BuildCtx *c, DcLoc loc, const char *unexpected, const char *const *expected,
                        int nexpected);
void build_parser_exhausted(BuildCtx *c, DcLoc loc);

/* names and literals */
Name *build_name(BuildCtx *c, const Tok *t, DcLoc loc);
QNameB *build_qname(BuildCtx *c, QNameB *q, Name *part);
NameList *build_name_list(BuildCtx *c, NameList *l, Name *n);
Literal *build_literal(BuildCtx *c, LitKind k, const Tok *t, DcLoc loc);
/* A duration ("1h", kept as a string) with its count spelt plain ("09h" -> "9h"). */
Literal *build_duration(BuildCtx *c, const Tok *t, DcLoc loc);
Literal *build_open_bound(BuildCtx *c);
LitList *build_lit_list(BuildCtx *c, LitList *l, Literal *lit);
EnumList *build_enum_list(BuildCtx *c, EnumList *l, const Tok *t, DcLoc loc);
Interval *build_interval(BuildCtx *c, const Tok *open, Literal *lo, Literal *hi, const Tok *close,
                         DcLoc loc);

/* types */
Type *build_type_named(BuildCtx *c, const Tok *alias, DcLoc alias_loc, const Tok *name, DcLoc loc);
Type *build_type_args(BuildCtx *c, const Tok *name, LitList *args, DcLoc loc);
Type *build_type_enum(BuildCtx *c, EnumList *values, DcLoc loc);
Type *build_type_list(BuildCtx *c, Type *elem, DcLoc loc);
Type *build_type_map(BuildCtx *c, Name *key, Type *value, DcLoc loc);
Type *build_type_struct(BuildCtx *c, FieldList *fields, DcLoc loc);

/* attributes: each returns `a`, or when a is NULL (no attribute yet) the BuildCtx's scratch
 * Attrs, cleared. One scratch suffices: an attribute list is always complete (its field or type
 * declaration built, which copies it) before the next list begins, since nested fields sit in
 * the type, which comes before the attributes. */
Attrs *build_attrs(BuildCtx *c);
Attrs *build_attr_flag(BuildCtx *c, Attrs *a, AttrKind k, DcLoc loc); /* unique */
Attrs *build_attr_literal(BuildCtx *c, Attrs *a, AttrKind k, Literal *v, DcLoc loc);
Attrs *build_attr_interval(BuildCtx *c, Attrs *a, AttrKind k, Interval *v, DcLoc loc);
Attrs *build_attr_values(BuildCtx *c, Attrs *a, LitList *v, DcLoc loc);
LitList *build_value_note(BuildCtx *c, LitList *l, Meta *map); /* `"US" { label: ... }` in values (...) */
Attrs *build_attr_references(BuildCtx *c, Attrs *a, QNameB *q, Meta *extra, DcLoc loc); /* extra: `{ ... }` or NULL */
Attrs *build_attr_name(BuildCtx *c, Attrs *a, AttrKind k, Name *n, DcLoc loc);
Attrs *build_attr_deprecated(BuildCtx *c, Attrs *a, Literal *sunset, Literal *reason, DcLoc loc);
/* `id STRING`, `physical name|type STRING`, `business name STRING`, `encrypted name STRING`:
 * kw is the keyword, word the word after it (NULL for id); a wrong word is DC0750. */
Attrs *build_attr_meta(BuildCtx *c, Attrs *a, const Tok *kw, const Tok *word, DcLoc word_loc, Literal *v, DcLoc loc);
Attrs *build_attr_examples(BuildCtx *c, Attrs *a, LitList *v, DcLoc loc);
/* `meta { ... }` after a field's type, or in a dataset's head */
Attrs *build_attr_extra(BuildCtx *c, Attrs *a, Meta *m, DcLoc loc);
void build_dataset_extra(BuildCtx *c, Meta *m, DcLoc loc);
/* The first name of a list (NULL for none): a rule's fields */
Name *build_names_first(NameList *l);
/* `expect {` ... `}`: a field's quality rules (begin returns the attributes they go to) */
Attrs *build_field_quality_begin(BuildCtx *c, Attrs *a, DcLoc loc);
void build_field_quality_end(BuildCtx *c, DcLoc loc);

/* fields */
/* The name is a word token, not a Name: the Field holds its Name itself. */
Field *build_field(BuildCtx *c, const Tok *kw, const Tok *name, DcLoc name_loc, Type *type,
                   bool optional, Attrs *attrs, DcLoc loc);
FieldList *build_field_list(BuildCtx *c, FieldList *l, Field *f);

/* files and contracts */
void build_import(BuildCtx *c, Literal *path, Name *alias, DcLoc loc);
Contract *build_unit_begin(BuildCtx *c, UnitKind k, const Tok *kw, QNameB *name, const Tok *version,
                           DcLoc version_loc, DcLoc loc);
void build_unit_end(BuildCtx *c, Contract *u, DcLoc loc);
void build_no_unit(BuildCtx *c, DcLoc loc);
void build_contract_literal(BuildCtx *c, ContractItemKind k, Literal *v, DcLoc loc); /* owner, contact */
void build_contract_word(BuildCtx *c, ContractItemKind k, Name *v, bool transitive, DcLoc loc);
void build_standard(BuildCtx *c, Name *v, Literal *version, DcLoc loc); /* version may be NULL */
void build_tags(BuildCtx *c, LitList *tags, DcLoc loc);
void build_link(BuildCtx *c, Name *name, Literal *url, Literal *description, DcLoc loc);
void build_serve(BuildCtx *c, Name *kind, Literal *address, Name *format, DcLoc loc);
void build_sla_begin(BuildCtx *c, DcLoc loc);
void build_sla_end(BuildCtx *c, DcLoc loc);
void build_sla_item(BuildCtx *c, SlaKind k, Literal *v, bool cron, Meta *extra, DcLoc loc);
void build_typedecl(BuildCtx *c, const Tok *kw, const Tok *name, DcLoc name_loc, Type *type,
                    Attrs *attrs, DcLoc loc);

/* datasets */
Dataset *build_dataset_begin(BuildCtx *c, const Tok *kw, Name *name, DcLoc loc);
void build_dataset_end(BuildCtx *c, Dataset *d, DcLoc loc);
void build_dataset_field(BuildCtx *c, Field *f);
void build_key(BuildCtx *c, DatasetItemKind k, NameList *fields, DcLoc loc); /* primary key, unique */
/* `primary key (fields) odcs (words)`: kw is the word before the second list, which must be odcs */
void build_primary_key_odcs(BuildCtx *c, NameList *fields, const Tok *kw, DcLoc kw_loc, NameList *words, DcLoc loc);
void build_unknown_fields(BuildCtx *c, Name *policy, DcLoc loc);
/* The dataset head's `id`, `physical name|type`, `business name` (as build_attr_meta). */
void build_dataset_meta(BuildCtx *c, const Tok *kw, const Tok *word, DcLoc word_loc, Literal *v, DcLoc loc);
void build_upstream(BuildCtx *c, QNameB *name, Literal *external, DcLoc loc);
void build_quality_begin(BuildCtx *c, DcLoc loc);
void build_quality_end(BuildCtx *c, DcLoc loc);
/* row_count, null_rate, valid_rate, freshness and sql rules; field and sql may be NULL */
void build_rule(BuildCtx *c, RuleKind k, Name *field, Literal *sql, const Tok *op, Literal *value,
                DcLoc loc);
/* the same with `between lo and hi`; kw is the first keyword, 'between' or 'not' */
void build_rule_between(BuildCtx *c, RuleKind k, Name *field, Literal *sql, const Tok *kw, Literal *lo,
                        Literal *hi, DcLoc loc);
void build_rule_unique(BuildCtx *c, NameList *fields, DcLoc loc);
/* The values of the rule built last (missing_count, missing_rate) */
void build_rule_values(BuildCtx *c, LitList *values);
void build_rule_extra(BuildCtx *c, Meta *m, DcLoc loc);

/* metadata values and the product-level items that hold them */
Meta *build_meta_scalar(BuildCtx *c, MetaKind k, const Tok *t, DcLoc loc);
MetaList *build_meta_list(BuildCtx *c, MetaList *l, Meta *m);
Meta *build_meta_entry(BuildCtx *c, const Tok *key, DcLoc key_loc, Meta *value);
Meta *build_meta_container(BuildCtx *c, MetaKind k, MetaList *items, DcLoc loc);
void build_meta_item(BuildCtx *c, ContractItemKind k, Literal *name, Meta *value, DcLoc loc);
void build_custom(BuildCtx *c, Literal *name, Meta *value, Meta *extra, DcLoc loc); /* custom N V meta {...} */
/* `server NAME TYPE {` ... `}`, and what it holds: `KEY VALUE`, `role ...`, `custom ...` */
void build_server_begin(BuildCtx *c, Name *name, const Tok *type, DcLoc type_loc, DcLoc loc);
void build_server_field(BuildCtx *c, const Tok *key, DcLoc key_loc, Literal *value, DcLoc loc);
void build_server_meta(BuildCtx *c, ContractItemKind k, Literal *name, Meta *value, DcLoc loc);
void build_server_end(BuildCtx *c, DcLoc loc);
void build_sla_property(BuildCtx *c, Literal *name, Meta *value, DcLoc loc);

#endif
