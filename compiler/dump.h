/* dump.h - a canonical text dump of the contract model, to prove that `dcc fmt` keeps meaning.
 *
 * The dump holds everything the author said: names, versions, every item in its order, types
 * and attributes with their literal texts, doc comments, quality rules, service levels and
 * imports. It leaves out what carries no meaning: spans, offsets, ordinary comments and the
 * "after sema" parts. So dump(parse(fmt(x))) == dump(parse(x)) is the test that formatting
 * changed only layout. */
#ifndef DCC_DUMP_H
#define DCC_DUMP_H

#include "model.h"
#include "strbuf.h"

/* Appends a deterministic JSON document describing `c` (as parsed) to out: the same contract
 * gives byte-identical text. c may be NULL (prints `null`). */
void dump_unit(StrBuf *out, const Contract *c);

/* Keyword spellings of model enums that model.h has no helper for; the printer and the dump
 * both use these, so there is one table. Out-of-range values give "?". */
const char *dump_sla_kind_name(SlaKind k);             /* "freshness", "availability", ... */
const char *dump_rule_kind_name(RuleKind k);           /* "row_count", "null_rate", ... */
const char *dump_citem_kind_name(ContractItemKind k);  /* "owner", "sla", "dataset", ... */
const char *dump_ditem_kind_name(DatasetItemKind k);   /* "primary key", "field", ... */
const char *dump_unknown_policy_name(UnknownPolicy p); /* "reject", "allow" */

#endif
