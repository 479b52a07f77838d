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

#endif
