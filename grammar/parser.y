/* parser.y - the .dc grammar. Pure and reentrant; every action is one call into compiler/build.c.
 * Locations are byte offsets (DcLoc); syntax error text is made in one place, build_syntax_error.
 * Keywords are usable as names (field names, enum values, name lists, words such as a status):
 * the nonterminal `word` lists them. */

%code requires {
#include <stdbool.h>
#include "build.h"
#define YYLTYPE DcLoc
#ifndef YY_TYPEDEF_YY_SCANNER_T
#define YY_TYPEDEF_YY_SCANNER_T
typedef void *yyscan_t;
#endif
}

%code provides {
/* The parser's token source (parse.c): the flex scanner plus doc-comment bookkeeping. */
int dc_lex(YYSTYPE *lval, YYLTYPE *lloc, BuildCtx *ctx);
}

%code {
#define yylex dc_lex
/* Locations of a rule: from its first symbol to its last; empty rules sit where they occur. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                               \
    do {                                                          \
        if (N) {                                                  \
            (Cur).start = YYRHSLOC(Rhs, 1).start;                 \
            (Cur).end = YYRHSLOC(Rhs, N).end;                     \
        } else {                                                  \
            (Cur).start = (Cur).end = YYRHSLOC(Rhs, 0).end;       \
        }                                                         \
    } while (0)
/* Deeply nested input ends in DC0201 via yyerror("memory exhausted"), never in an abort. */
#define YYMAXDEPTH 2000
static void yyerror(YYLTYPE *loc, BuildCtx *ctx, const char *msg);
}

%define api.pure full
%define parse.error custom
%define parse.lac full
%locations
%parse-param {BuildCtx *ctx}
%lex-param {BuildCtx *ctx}
%expect 0
/* `type T = string` followed by `id "..."`: the contract's id (a product metadata item), not an
 * element id of the type, which only fields take (DC0751). A declaration ends before `id`. */
%precedence ID
%precedence TYPEDECL_END

%union {
    Tok tok;
    Name *name;
    QNameB *qname;
    Literal *lit;
    LitList *lits;
    struct { Name *field; LitList *values; } mval;
    NameList *names;
    EnumList *enums;
    FieldList *fields;
    Interval *ival;
    Type *type;
    Attrs *attrs;
    Field *field;
    Contract *unit;
    Dataset *dataset;
    Meta *meta;
    MetaList *metas;
}

%token <tok> IDENT "identifier" STRING "string" NUMBER "number" VERSION "version"
%token <tok> DURATION "duration" PERCENT "percentage"
%token <tok> UNIQUE_KEY "'unique ('"
%token <tok> IMPORT "'import'" AS "'as'" CONTRACT "'contract'" LIBRARY "'library'"
%token <tok> OWNER "'owner'" CONTACT "'contact'" DOMAIN "'domain'" STATUS "'status'" TAGS "'tags'"
%token <tok> LINK "'link'" COMPATIBILITY "'compatibility'" TRANSITIVE "'transitive'"
%token <tok> SERVE "'serve'" FORMAT "'format'" SLA "'sla'" TYPE "'type'" DATASET "'dataset'"
%token <tok> PRIMARY "'primary'" KEY "'key'" UNKNOWN "'unknown'" FIELDS "'fields'" FIELD "'field'"
%token <tok> QUALITY "'quality'" UPSTREAM "'upstream'"
%token <tok> ENUM "'enum'" LIST "'list'" MAP "'map'" STRUCT "'struct'"
%token <tok> UNIQUE "'unique'" DEFAULT "'default'" RANGE "'range'" LENGTH "'length'"
%token <tok> PATTERN "'pattern'" VALUES "'values'" REFERENCES "'references'" UNIT "'unit'"
%token <tok> TERM "'term'" CLASSIFICATION "'classification'" PII "'pii'"
%token <tok> DEPRECATED "'deprecated'" SUNSET "'sunset'"
%token <tok> TRUE "'true'" FALSE "'false'" NUL "'null'"
%token <tok> ROW_COUNT "'row_count'" NULL_RATE "'null_rate'" VALID_RATE "'valid_rate'"
%token <tok> FRESHNESS "'freshness'" SQL "'sql'" FREQUENCY "'frequency'" CRON "'cron'"
%token <tok> AVAILABILITY "'availability'" LATENCY "'latency'" RETENTION "'retention'"
%token <tok> SUPPORT "'support'" RESPONSE "'response'"
%token <tok> ID "'id'" PHYSICAL "'physical'" BUSINESS "'business'" ENCRYPTED "'encrypted'"
%token <tok> EXAMPLES "'examples'" CRITICAL "'critical'" PARTITION "'partition'" METAKW "'meta'"
%token <tok> DESCRIPTION "'description'"
%token <tok> NE "'!='"
%token <tok> BETWEEN "'between'" AND "'and'" NOT "'not'"
%token <tok> NULL_COUNT "'null_count'" INVALID_COUNT "'invalid_count'"
%token <tok> EXPECT "'expect'" DUPLICATE_COUNT "'duplicate_count'"
%token <tok> DUPLICATE_RATE "'duplicate_rate'"
%token <tok> MISSING_COUNT "'missing_count'" MISSING_RATE "'missing_rate'"
%token <tok> INVALID_RATE "'invalid_rate'" VALID "'valid'"
%token <tok> LE "'<='" GE "'>='" EQ "'=='"
%token <tok> '{' '}' '(' ')' '[' ']' '<' '>' ',' '.' '=' '?' '*'
/* product metadata (docs/language.md, "Product metadata") */
%token <tok> STANDARD "'standard'" PRODUCT "'product'" TENANT "'tenant'"
%token <tok> CREATED "'created'" USAGE "'usage'" LIMITATIONS "'limitations'" TEAM "'team'"
%token <tok> ROLE "'role'" PRICE "'price'" CUSTOM "'custom'" TITLE "'title'" PROPERTY "'property'" ':'
/* named servers (docs/language.md, "Servers") */
%token <tok> SERVER "'server'"

%type <tok> word version op lbound rbound
%type <name> name farg fargs
%type <mval> margs vargs
%type <qname> qualified
%type <lit> string literal bound number percent duration
%type <lits> strings literals numbers vlits
%type <names> namelist
%type <enums> enumvals
%type <ival> interval
%type <tok> between
%type <type> type
%type <attrs> attrs expect_head
%type <field> field
%type <fields> sfields
%type <unit> unit_head
%type <dataset> dataset_head dataset_name
%type <meta> meta meta_entry meta_map sla_extra
%type <metas> meta_items meta_entries
%type <lit> meta_name server_value
%type <name> server_name
%type <tok> server_key tname

%%

file:
    imports
        { build_no_unit(ctx, @$); }
  | imports unit
  ;

imports:
    %empty
  | imports import
  ;

/* import := "import" STRING ("as" IDENT)? */
import:
    IMPORT string
        { build_import(ctx, $2, NULL, @$); }
  | IMPORT string AS name
        { build_import(ctx, $2, $4, @$); }
  ;

/* contract := DOC? "contract" dotted VERSION "{" citem* "}"  (and the same for library) */
unit:
    unit_head citems '}'
        { build_unit_end(ctx, $1, @$); }
  ;

unit_head:
    CONTRACT qualified version '{'
        { $$ = build_unit_begin(ctx, UNIT_CONTRACT, &$1, $2, &$3, @3, @$); }
  | LIBRARY qualified version '{'
        { $$ = build_unit_begin(ctx, UNIT_LIBRARY, &$1, $2, &$3, @3, @$); }
  ;

/* A plain number in the version position (`2.1`) is a semantic error (DC0400), not a syntax one. */
version:
    VERSION
  | NUMBER
  ;

citems:
    %empty
  | citems citem
  ;

/* Each item keyword is followed by `sync`; see there. */
citem:
    OWNER sync string
        { build_contract_literal(ctx, CI_OWNER, $3, @$); }
  | CONTACT sync string
        { build_contract_literal(ctx, CI_CONTACT, $3, @$); }
  | DOMAIN sync name
        { build_contract_word(ctx, CI_DOMAIN, $3, false, @$); }
  | STATUS sync name
        { build_contract_word(ctx, CI_STATUS, $3, false, @$); }
  | STATUS sync string
        { build_contract_literal(ctx, CI_STATUS, $3, @$); }
  | TAGS sync '(' strings ')'
        { build_tags(ctx, $4, @$); }
  | LINK sync name string
        { build_link(ctx, $3, $4, NULL, @$); }
  | LINK sync name string string
        { build_link(ctx, $3, $4, $5, @$); }
  | COMPATIBILITY sync name
        { build_contract_word(ctx, CI_COMPATIBILITY, $3, false, @$); }
  | COMPATIBILITY sync name TRANSITIVE
        { build_contract_word(ctx, CI_COMPATIBILITY, $3, true, @$); }
  | SERVE sync name string
        { build_serve(ctx, $3, $4, NULL, @$); }
  | SERVE sync name string FORMAT name
        { build_serve(ctx, $3, $4, $6, @$); }
  | sla_head slaitems '}'
        { build_sla_end(ctx, @$); }
  | server_head sitems '}'
        { build_server_end(ctx, @$); }
  | TYPE sync tname '=' type attrs %prec TYPEDECL_END
        { build_typedecl(ctx, &$1, &$3, @3, $5, $6, @$); }
  | dataset_head ditems '}'
        { build_dataset_end(ctx, $1, @$); }
  | meta_citem
  | error
  ;

/* Product metadata: plain strings, and items that hold a metadata value. */
meta_citem:
    STANDARD sync name
        { build_standard(ctx, $3, NULL, @$); }
  | STANDARD sync name string
        { build_standard(ctx, $3, $4, @$); }
  | ID sync string
        { build_contract_literal(ctx, CI_ID, $3, @$); }
  | PRODUCT sync string
        { build_contract_literal(ctx, CI_PRODUCT, $3, @$); }
  | TENANT sync string
        { build_contract_literal(ctx, CI_TENANT, $3, @$); }
  | CREATED sync string
        { build_contract_literal(ctx, CI_CREATED, $3, @$); }
  | USAGE sync string
        { build_contract_literal(ctx, CI_USAGE, $3, @$); }
  | LIMITATIONS sync string
        { build_contract_literal(ctx, CI_LIMITATIONS, $3, @$); }
  | TITLE sync string
        { build_contract_literal(ctx, CI_TITLE, $3, @$); }
  | TEAM sync meta
        { build_meta_item(ctx, CI_TEAM, NULL, $3, @$); }
  | PRICE sync meta
        { build_meta_item(ctx, CI_PRICE, NULL, $3, @$); }
  | DESCRIPTION sync meta
        { build_meta_item(ctx, CI_DESCRIPTION, NULL, $3, @$); }
  | ROLE sync string
        { build_meta_item(ctx, CI_ROLE, $3, NULL, @$); }
  | ROLE sync string meta
        { build_meta_item(ctx, CI_ROLE, $3, $4, @$); }
  | SUPPORT sync string
        { build_meta_item(ctx, CI_SUPPORT, $3, NULL, @$); }
  | SUPPORT sync string meta
        { build_meta_item(ctx, CI_SUPPORT, $3, $4, @$); }
  | CUSTOM sync meta_name meta
        { build_meta_item(ctx, CI_CUSTOM, $3, $4, @$); }
  | CUSTOM sync meta_name meta METAKW meta_map
        { build_custom(ctx, $3, $4, $6, @$); }
  ;

/* A custom property's name: a word or a string. */
meta_name:
    word
        { $$ = build_literal(ctx, LIT_STRING, &$1, @1); }
  | string
  ;

/* meta := STRING | NUMBER | "true" | "false" | "null" | "[" (meta ("," meta)* ","?)? "]"
 *       | "{" (key ":" meta ("," key ":" meta)* ","?)? "}"     key := IDENT | keyword | STRING */
meta:
    STRING
        { $$ = build_meta_scalar(ctx, META_STRING, &$1, @1); }
  | NUMBER
        { $$ = build_meta_scalar(ctx, META_NUMBER, &$1, @1); }
  | TRUE
        { $$ = build_meta_scalar(ctx, META_BOOL, &$1, @1); }
  | FALSE
        { $$ = build_meta_scalar(ctx, META_BOOL, &$1, @1); }
  | NUL
        { $$ = build_meta_scalar(ctx, META_NULL, &$1, @1); }
  | '[' ']'
        { $$ = build_meta_container(ctx, META_LIST, NULL, @$); }
  | '[' meta_items ']'
        { $$ = build_meta_container(ctx, META_LIST, $2, @$); }
  | '[' meta_items ',' ']'
        { $$ = build_meta_container(ctx, META_LIST, $2, @$); }
  | meta_map
  ;

meta_map:
    '{' '}'
        { $$ = build_meta_container(ctx, META_MAP, NULL, @$); }
  | '{' meta_entries '}'
        { $$ = build_meta_container(ctx, META_MAP, $2, @$); }
  | '{' meta_entries ',' '}'
        { $$ = build_meta_container(ctx, META_MAP, $2, @$); }
  ;

meta_items:
    meta
        { $$ = build_meta_list(ctx, NULL, $1); }
  | meta_items ',' meta
        { $$ = build_meta_list(ctx, $1, $3); }
  ;

meta_entries:
    meta_entry
        { $$ = build_meta_list(ctx, NULL, $1); }
  | meta_entries ',' meta_entry
        { $$ = build_meta_list(ctx, $1, $3); }
  ;

meta_entry:
    word ':' meta
        { $$ = build_meta_entry(ctx, &$1, @1, $3); }
  | STRING ':' meta
        { $$ = build_meta_entry(ctx, &$1, @1, $3); }
  ;

/* An item keyword was shifted, so the parser is back in step after an earlier error: the next
 * error is reported even if it comes sooner than bison's three tokens. Without this, recovery
 * from one bad item would silently swallow an error in the item right after it. Only a shifted
 * keyword resets the count, never an `error` rule, so recovery cannot loop or cascade. */
sync:
    %empty
        { yyerrok; }
  ;

/* server := "server" (WORD | STRING) WORD "{" sitem* "}"   (the name, then the ODCS server type) */
server_head:
    SERVER sync server_name word '{'
        { build_server_begin(ctx, $3, &$4, @4, @$); }
  ;

/* A server's name: a word, or a string for a name that is no identifier (ODCS's `my-kafka`). */
server_name:
    name
  | STRING
        { $$ = build_name(ctx, &$1, @1); }
  ;

sitems:
    %empty
  | sitems sitem
  ;

/* sitem := KEY (STRING | NUMBER | WORD) | "role" STRING meta? | "custom" NAME meta
 * KEY is an identifier or one of the keywords that name a server field; sema checks the key and
 * the value's type against the server type (servers.def). */
sitem:
    server_key sync server_value
        { build_server_field(ctx, &$1, @1, $3, @$); }
  | ROLE sync string
        { build_server_meta(ctx, CI_ROLE, $3, NULL, @$); }
  | ROLE sync string meta
        { build_server_meta(ctx, CI_ROLE, $3, $4, @$); }
  | CUSTOM sync meta_name meta
        { build_server_meta(ctx, CI_CUSTOM, $3, $4, @$); }
  | error
  ;

server_key:
    IDENT
  | FORMAT
  | ID
  | DATASET
  | DESCRIPTION
  ;

server_value:
    string
  | number
  | word
        { $$ = build_literal(ctx, LIT_IDENT, &$1, @1); }
  ;

sla_head:
    SLA sync '{'
        { build_sla_begin(ctx, @$); }
  ;

slaitems:
    %empty
  | slaitems slaitem
  ;

slaitem:
    FRESHNESS sync duration sla_extra
        { build_sla_item(ctx, SLA_FRESHNESS, $3, false, $4, @$); }
  | FREQUENCY sync duration sla_extra
        { build_sla_item(ctx, SLA_FREQUENCY, $3, false, $4, @$); }
  | FREQUENCY sync CRON string sla_extra
        { build_sla_item(ctx, SLA_FREQUENCY, $4, true, $5, @$); }
  | AVAILABILITY sync percent sla_extra
        { build_sla_item(ctx, SLA_AVAILABILITY, $3, false, $4, @$); }
  | LATENCY sync duration sla_extra
        { build_sla_item(ctx, SLA_LATENCY, $3, false, $4, @$); }
  | RETENTION sync duration sla_extra
        { build_sla_item(ctx, SLA_RETENTION, $3, false, $4, @$); }
  | SUPPORT sync string sla_extra
        { build_sla_item(ctx, SLA_SUPPORT, $3, false, $4, @$); }
  | RESPONSE sync duration sla_extra
        { build_sla_item(ctx, SLA_RESPONSE, $3, false, $4, @$); }
  | PROPERTY sync string meta
        { build_sla_property(ctx, $3, $4, @$); }
  | error
  ;

/* What goes with a service level (ODCS element, driver, ...): a metadata map, or nothing. */
sla_extra:
    %empty
        { $$ = NULL; }
  | meta_map
  ;

/* dataset := DOC? "dataset" IDENT dsattr* "{" ditem* "}" */
dataset_head:
    dataset_name dsattrs '{'
        { $$ = $1; }
  ;

dataset_name:
    DATASET sync name
        { $$ = build_dataset_begin(ctx, &$1, $3, @$); }
  ;

/* dsattr := "id" STRING | ("physical" | "business") WORD STRING: what ODCS says of a schema
 * object. They sit in the head because a field's attributes could otherwise swallow them. */
dsattrs:
    %empty
  | dsattrs ID string
        { build_dataset_meta(ctx, &$2, NULL, @2, $3, @$); }
  | dsattrs PHYSICAL word string
        { build_dataset_meta(ctx, &$2, &$3, @3, $4, @$); }
  | dsattrs BUSINESS word string
        { build_dataset_meta(ctx, &$2, &$3, @3, $4, @$); }
  | dsattrs METAKW meta
        { build_dataset_extra(ctx, $3, @2); }
  ;

ditems:
    %empty
  | ditems ditem
  ;

/* ditem := "primary key" names ("odcs" names)? | ...  -- odcs: how an ODCS file worded the key */
ditem:
    PRIMARY sync KEY '(' namelist ')'
        { build_key(ctx, DI_PRIMARY_KEY, $5, @$); }
  | PRIMARY sync KEY '(' namelist ')' IDENT '(' namelist ')'
        { build_primary_key_odcs(ctx, $5, &$7, @7, $9, @$); }
  | UNIQUE_KEY sync '(' namelist ')'
        { build_key(ctx, DI_UNIQUE, $4, @$); }
  | UNKNOWN sync FIELDS name
        { build_unknown_fields(ctx, $4, @$); }
  | PARTITION sync KEY '(' namelist ')'
        { build_key(ctx, DI_PARTITION_KEY, $5, @$); }
  | field
        { build_dataset_field(ctx, $1); }
  | quality_head rules '}'
        { build_quality_end(ctx, @$); }
  | UPSTREAM sync qualified
        { build_upstream(ctx, $3, NULL, @$); }
  | UPSTREAM sync string
        { build_upstream(ctx, NULL, $3, @$); }
  | error
  ;

quality_head:
    QUALITY sync '{'
        { build_quality_begin(ctx, @$); }
  ;

/* rules := (rule ("meta" meta)?)*   -- meta: the ODCS check's other keys (description, severity, ...) */
rules:
    %empty
  | rules rule
  | rules rule METAKW meta
        { build_rule_extra(ctx, $4, @3); }
  ;

/* rule := "row_count" cmp(NUMBER) | ("null_rate" | "valid_rate") farg cmp(PERCENT)
 *       | ("null_count" | "invalid_count") farg cmp(NUMBER) | "duplicate_count" fargs cmp(NUMBER)
 *       | "duplicate_rate" fargs cmp(PERCENT)
 *       | "missing_count" margs cmp(NUMBER) | "missing_rate" margs cmp(PERCENT)
 *       | "invalid_count" vargs cmp(NUMBER) | "invalid_rate" vargs cmp(PERCENT)
 *       | "freshness" farg cmp(DURATION) | "unique" names | "sql" STRING cmp(NUMBER)
 * cmp(X) := op X | "not"? "between" X "and" X
 * farg := ("(" IDENT ")")?   -- left out in a field's `expect` block, where it is that field
 * fargs := names?            -- likewise
 * margs := "(" (IDENT ",")? "values" "(" literals ")" ")"   -- the field likewise
 * vargs := "(" (IDENT ",")? "valid" "(" literals ")" ")"    -- likewise */
rule:
    ROW_COUNT sync op number
        { build_rule(ctx, RULE_ROW_COUNT, NULL, NULL, &$3, $4, @$); }
  | ROW_COUNT sync between number AND number
        { build_rule_between(ctx, RULE_ROW_COUNT, NULL, NULL, &$3, $4, $6, @$); }
  | NULL_RATE sync farg op percent
        { build_rule(ctx, RULE_NULL_RATE, $3, NULL, &$4, $5, @$); }
  | NULL_RATE sync farg between percent AND percent
        { build_rule_between(ctx, RULE_NULL_RATE, $3, NULL, &$4, $5, $7, @$); }
  | VALID_RATE sync farg op percent
        { build_rule(ctx, RULE_VALID_RATE, $3, NULL, &$4, $5, @$); }
  | VALID_RATE sync farg between percent AND percent
        { build_rule_between(ctx, RULE_VALID_RATE, $3, NULL, &$4, $5, $7, @$); }
  | FRESHNESS sync farg op duration
        { build_rule(ctx, RULE_FRESHNESS, $3, NULL, &$4, $5, @$); }
  | FRESHNESS sync farg between duration AND duration
        { build_rule_between(ctx, RULE_FRESHNESS, $3, NULL, &$4, $5, $7, @$); }
  | NULL_COUNT sync farg op number
        { build_rule(ctx, RULE_NULL_COUNT, $3, NULL, &$4, $5, @$); }
  | NULL_COUNT sync farg between number AND number
        { build_rule_between(ctx, RULE_NULL_COUNT, $3, NULL, &$4, $5, $7, @$); }
  | INVALID_COUNT sync farg op number
        { build_rule(ctx, RULE_INVALID_COUNT, $3, NULL, &$4, $5, @$); }
  | INVALID_COUNT sync farg between number AND number
        { build_rule_between(ctx, RULE_INVALID_COUNT, $3, NULL, &$4, $5, $7, @$); }
  | DUPLICATE_COUNT sync fargs op number
        { build_rule(ctx, RULE_DUPLICATE_COUNT, $3, NULL, &$4, $5, @$); }
  | DUPLICATE_COUNT sync fargs between number AND number
        { build_rule_between(ctx, RULE_DUPLICATE_COUNT, $3, NULL, &$4, $5, $7, @$); }
  | DUPLICATE_RATE sync fargs op percent
        { build_rule(ctx, RULE_DUPLICATE_RATE, $3, NULL, &$4, $5, @$); }
  | DUPLICATE_RATE sync fargs between percent AND percent
        { build_rule_between(ctx, RULE_DUPLICATE_RATE, $3, NULL, &$4, $5, $7, @$); }
  | MISSING_COUNT sync margs op number
        { build_rule(ctx, RULE_MISSING_COUNT, $3.field, NULL, &$4, $5, @$); build_rule_values(ctx, $3.values); }
  | MISSING_COUNT sync margs between number AND number
        { build_rule_between(ctx, RULE_MISSING_COUNT, $3.field, NULL, &$4, $5, $7, @$); build_rule_values(ctx, $3.values); }
  | MISSING_RATE sync margs op percent
        { build_rule(ctx, RULE_MISSING_RATE, $3.field, NULL, &$4, $5, @$); build_rule_values(ctx, $3.values); }
  | MISSING_RATE sync margs between percent AND percent
        { build_rule_between(ctx, RULE_MISSING_RATE, $3.field, NULL, &$4, $5, $7, @$); build_rule_values(ctx, $3.values); }
  | INVALID_COUNT sync vargs op number
        { build_rule(ctx, RULE_NOTIN_COUNT, $3.field, NULL, &$4, $5, @$); build_rule_values(ctx, $3.values); }
  | INVALID_COUNT sync vargs between number AND number
        { build_rule_between(ctx, RULE_NOTIN_COUNT, $3.field, NULL, &$4, $5, $7, @$); build_rule_values(ctx, $3.values); }
  | INVALID_RATE sync vargs op percent
        { build_rule(ctx, RULE_NOTIN_RATE, $3.field, NULL, &$4, $5, @$); build_rule_values(ctx, $3.values); }
  | INVALID_RATE sync vargs between percent AND percent
        { build_rule_between(ctx, RULE_NOTIN_RATE, $3.field, NULL, &$4, $5, $7, @$); build_rule_values(ctx, $3.values); }
  | UNIQUE_KEY sync '(' namelist ')'
        { build_rule_unique(ctx, $4, @$); }
  | SQL sync string op number
        { build_rule(ctx, RULE_SQL, NULL, $3, &$4, $5, @$); }
  | SQL sync string between number AND number
        { build_rule_between(ctx, RULE_SQL, NULL, $3, &$4, $5, $7, @$); }
  | error
  ;

/* A rule's field; none (NULL) in a field's `expect` block means that field (sema: DC0509
 * where there is no such field) */
farg:
    %empty
        { $$ = NULL; }
  | '(' name ')'
        { $$ = $2; }
  ;

/* A rule's fields (duplicate_count, duplicate_rate): a list, or none in a field's `expect` block */
fargs:
    %empty
        { $$ = NULL; }
  | '(' namelist ')'
        { $$ = build_names_first($2); }
  ;

/* A missing rule's field and the values it counts as missing besides null: the field is left
 * out in a field's `expect` block, as farg's */
margs:
    '(' VALUES '(' literals ')' ')'
        { $$.field = NULL; $$.values = $4; }
  | '(' name ',' VALUES '(' literals ')' ')'
        { $$.field = $2; $$.values = $6; }
  ;

/* An invalid rule's field and its valid values (null among them when null and absent are
 * valid): the field is left out in a field's `expect` block, as farg's */
vargs:
    '(' VALID '(' literals ')' ')'
        { $$.field = NULL; $$.values = $4; }
  | '(' name ',' VALID '(' literals ')' ')'
        { $$.field = $2; $$.values = $6; }
  ;

/* 'between' or 'not' (for `not between`): both bounds inclusive either way, as ODCS's
 * mustBeBetween / mustNotBeBetween */
between:
    BETWEEN
  | NOT BETWEEN
  ;

op:
    '<'
  | LE
  | '>'
  | GE
  | EQ
  | NE
  ;

/* field := DOC? "field" IDENT type "?"? attr* */
field:
    FIELD sync word type attrs
        { $$ = build_field(ctx, &$1, &$3, @3, $4, false, $5, @$); }
  | FIELD sync word type '?' attrs
        { $$ = build_field(ctx, &$1, &$3, @3, $4, true, $6, @$); }
  ;

/* type := IDENT | IDENT "." IDENT | IDENT "(" NUMBER ("," NUMBER)* ")"
 *       | "enum" "(" enumval ("," enumval)* ")" | "list" "<" type ">"
 *       | "map" "<" IDENT "," type ">" | "struct" "{" field* "}" */
type:
    tname
        { $$ = build_type_named(ctx, NULL, @1, &$1, @$); }
  | tname '.' tname
        { $$ = build_type_named(ctx, &$1, @1, &$3, @$); }
  | tname '(' numbers ')'
        { $$ = build_type_args(ctx, &$1, $3, @$); }
  | ENUM '(' ')'
        { $$ = build_type_enum(ctx, NULL, @$); }
  | ENUM '(' enumvals ')'
        { $$ = build_type_enum(ctx, $3, @$); }
  | LIST '<' type '>'
        { $$ = build_type_list(ctx, $3, @$); }
  | MAP '<' name ',' type '>'
        { $$ = build_type_map(ctx, $3, $5, @$); }
  | STRUCT '{' sfields '}'
        { $$ = build_type_struct(ctx, $3, @$); }
  ;

/* A type's name: an identifier, or one of the keywords issue 14 added for product, element and
 * server metadata, so that contracts written before them keep their type names (`type team =
 * ...`). The older keywords stay reserved here: `enum`, `list`, `map` and `struct` are syntax. */
tname:
    IDENT | STANDARD | ID | PRODUCT | TENANT | CREATED | USAGE | LIMITATIONS | TEAM | ROLE | PRICE
  | CUSTOM | TITLE | PROPERTY | PHYSICAL | BUSINESS | ENCRYPTED | EXAMPLES | CRITICAL | PARTITION
  | SERVER | EXPECT | METAKW | DESCRIPTION
  ;

sfields:
    %empty
        { $$ = build_field_list(ctx, NULL, NULL); }
  | sfields field
        { $$ = build_field_list(ctx, $1, $2); }
  | sfields error
        { $$ = build_field_list(ctx, $1, NULL); }
  ;

numbers:
    number
        { $$ = build_lit_list(ctx, NULL, $1); }
  | numbers ',' number
        { $$ = build_lit_list(ctx, $1, $3); }
  ;

enumvals:
    word
        { $$ = build_enum_list(ctx, NULL, &$1, @1); }
  | STRING
        { $$ = build_enum_list(ctx, NULL, &$1, @1); }
  | enumvals ',' word
        { $$ = build_enum_list(ctx, $1, &$3, @3); }
  | enumvals ',' STRING
        { $$ = build_enum_list(ctx, $1, &$3, @3); }
  ;

/* attr := "unique" | "default" literal | "range" interval | "length" interval | "pattern" STRING
 *       | "values" "(" vlit ("," vlit)* ")" | "references" qualified meta_map? | "unit" STRING
 *       | "term" STRING | "classification" IDENT | "pii" "(" IDENT ")"
 *       | "deprecated" ("sunset" STRING)? STRING? */
/* No attributes is NULL; the builders make the Attrs at the first one. */
attrs:
    %empty
        { $$ = NULL; }
  | attrs UNIQUE
        { $$ = build_attr_flag(ctx, $1, ATTR_UNIQUE, @2); }
  | attrs DEFAULT literal
        { $$ = build_attr_literal(ctx, $1, ATTR_DEFAULT, $3, @2); }
  | attrs RANGE interval
        { $$ = build_attr_interval(ctx, $1, ATTR_RANGE, $3, @2); }
  | attrs LENGTH interval
        { $$ = build_attr_interval(ctx, $1, ATTR_LENGTH, $3, @2); }
  | attrs PATTERN string
        { $$ = build_attr_literal(ctx, $1, ATTR_PATTERN, $3, @2); }
  | attrs VALUES '(' vlits ')'
        { $$ = build_attr_values(ctx, $1, $4, @2); }
  | attrs REFERENCES qualified
        { $$ = build_attr_references(ctx, $1, $3, NULL, @2); }
  | attrs REFERENCES qualified meta_map
        { $$ = build_attr_references(ctx, $1, $3, $4, @2); }
  | attrs UNIT string
        { $$ = build_attr_literal(ctx, $1, ATTR_UNIT, $3, @2); }
  | attrs TERM string
        { $$ = build_attr_literal(ctx, $1, ATTR_TERM, $3, @2); }
  | attrs CLASSIFICATION name
        { $$ = build_attr_name(ctx, $1, ATTR_CLASSIFICATION, $3, @2); }
  | attrs PII '(' name ')'
        { $$ = build_attr_name(ctx, $1, ATTR_PII, $4, @2); }
  | attrs DEPRECATED
        { $$ = build_attr_deprecated(ctx, $1, NULL, NULL, @2); }
  | attrs DEPRECATED string
        { $$ = build_attr_deprecated(ctx, $1, NULL, $3, @2); }
  | attrs DEPRECATED SUNSET string
        { $$ = build_attr_deprecated(ctx, $1, $4, NULL, @2); }
  | attrs DEPRECATED SUNSET string string
        { $$ = build_attr_deprecated(ctx, $1, $4, $5, @2); }
  | attrs ID string
        { $$ = build_attr_meta(ctx, $1, &$2, NULL, @2, $3, @2); }
  | attrs PHYSICAL word string
        { $$ = build_attr_meta(ctx, $1, &$2, &$3, @3, $4, @2); }
  | attrs BUSINESS word string
        { $$ = build_attr_meta(ctx, $1, &$2, &$3, @3, $4, @2); }
  | attrs ENCRYPTED word string
        { $$ = build_attr_meta(ctx, $1, &$2, &$3, @3, $4, @2); }
  | attrs EXAMPLES '(' literals ')'
        { $$ = build_attr_examples(ctx, $1, $4, @2); }
  | attrs CRITICAL
        { $$ = build_attr_flag(ctx, $1, ATTR_CRITICAL, @2); }
  | attrs METAKW meta
        { $$ = build_attr_extra(ctx, $1, $3, @2); }
  | expect_head rules '}'
        { build_field_quality_end(ctx, @$); $$ = $1; }
  ;

/* A field's quality rules, ODCS's property-level `quality`. Not `quality {`: a field's
 * attributes end where the next dataset item begins, and `quality {` after a field is the
 * dataset's block in every contract written so far. */
expect_head:
    attrs EXPECT sync '{'
        { $$ = build_field_quality_begin(ctx, $1, @2); }
  ;

/* interval := ("[" | "(") bound "," bound ("]" | ")") */
interval:
    lbound bound ',' bound rbound
        { $$ = build_interval(ctx, &$1, $2, $4, &$5, @$); }
  ;

lbound:
    '['
  | '('
  ;

rbound:
    ']'
  | ')'
  ;

bound:
    literal
  | '*'
        { $$ = build_open_bound(ctx); }
  ;

literal:
    STRING
        { $$ = build_literal(ctx, LIT_STRING, &$1, @1); }
  | NUMBER
        { $$ = build_literal(ctx, LIT_NUMBER, &$1, @1); }
  | TRUE
        { $$ = build_literal(ctx, LIT_BOOL, &$1, @1); }
  | FALSE
        { $$ = build_literal(ctx, LIT_BOOL, &$1, @1); }
  | NUL
        { $$ = build_literal(ctx, LIT_NULL, &$1, @1); }
  ;

/* An allowed value, with what an ODCS enum entry says of it: `"US" { label: "United States" }`. */
vlits:
    literal
        { $$ = build_lit_list(ctx, NULL, $1); }
  | literal meta_map
        { $$ = build_value_note(ctx, build_lit_list(ctx, NULL, $1), $2); }
  | vlits ',' literal
        { $$ = build_lit_list(ctx, $1, $3); }
  | vlits ',' literal meta_map
        { $$ = build_value_note(ctx, build_lit_list(ctx, $1, $3), $4); }
  ;

literals:
    literal
        { $$ = build_lit_list(ctx, NULL, $1); }
  | literals ',' literal
        { $$ = build_lit_list(ctx, $1, $3); }
  ;

strings:
    string
        { $$ = build_lit_list(ctx, NULL, $1); }
  | strings ',' string
        { $$ = build_lit_list(ctx, $1, $3); }
  ;

string:
    STRING
        { $$ = build_literal(ctx, LIT_STRING, &$1, @1); }
  ;

number:
    NUMBER
        { $$ = build_literal(ctx, LIT_NUMBER, &$1, @1); }
  ;

/* A percentage's text is the number without its '%'. */
percent:
    PERCENT
        { $$ = build_literal(ctx, LIT_NUMBER, &$1, @1); }
  ;

/* A duration's text is as written ("1h"). */
duration:
    DURATION
        { $$ = build_duration(ctx, &$1, @1); }
  ;

namelist:
    name
        { $$ = build_name_list(ctx, NULL, $1); }
  | namelist ',' name
        { $$ = build_name_list(ctx, $1, $3); }
  ;

/* qualified := IDENT ("." IDENT)*  (sema checks how many parts each use needs) */
qualified:
    name
        { $$ = build_qname(ctx, NULL, $1); }
  | qualified '.' name
        { $$ = build_qname(ctx, $1, $3); }
  ;

name:
    word
        { $$ = build_name(ctx, &$1, @1); }
  ;

/* An identifier, or a keyword used as a name. */
word:
    IDENT | IMPORT | AS | CONTRACT | LIBRARY | OWNER | CONTACT | DOMAIN | STATUS | TAGS | LINK
  | COMPATIBILITY | TRANSITIVE | SERVE | FORMAT | SLA | TYPE | DATASET | PRIMARY | KEY | UNKNOWN
  | FIELDS | FIELD | QUALITY | UPSTREAM | ENUM | LIST | MAP | STRUCT | UNIQUE | DEFAULT | RANGE
  | LENGTH | PATTERN | VALUES | REFERENCES | UNIT | TERM | CLASSIFICATION | PII | DEPRECATED
  | SUNSET | TRUE | FALSE | NUL | ROW_COUNT | NULL_RATE | VALID_RATE | FRESHNESS | SQL
  | FREQUENCY | CRON | AVAILABILITY | LATENCY | RETENTION | SUPPORT | RESPONSE
  | STANDARD | ID | PRODUCT | TENANT | CREATED | USAGE | LIMITATIONS | TEAM | ROLE | PRICE | CUSTOM
  | TITLE | PHYSICAL | BUSINESS | ENCRYPTED | EXAMPLES | CRITICAL | PARTITION | PROPERTY | SERVER
  | METAKW | DESCRIPTION
  | BETWEEN | AND | NOT | NULL_COUNT | INVALID_COUNT | EXPECT | DUPLICATE_COUNT | DUPLICATE_RATE
  | MISSING_COUNT | MISSING_RATE | INVALID_RATE | VALID
  ;

%%

/* Collects what the parser expected and hands it to the one place that words syntax errors. */
static int yyreport_syntax_error(const yypcontext_t *yyctx, BuildCtx *ctx)
{
    yysymbol_kind_t kinds[YYNTOKENS];
    const char *expected[YYNTOKENS];
    int n = yypcontext_expected_tokens(yyctx, kinds, YYNTOKENS);
    if (n < 0) n = 0;
    for (int i = 0; i < n; i++) expected[i] = yysymbol_name(kinds[i]);
    build_syntax_error(ctx, *yypcontext_location(yyctx), yysymbol_name(yypcontext_token(yyctx)),
                       expected, n);
    return 0;
}

/* Reached only when the parser stack overflows (input nested thousands of levels deep). */
static void yyerror(YYLTYPE *loc, BuildCtx *ctx, const char *msg)
{
    (void)msg;
    build_parser_exhausted(ctx, *loc);
}
