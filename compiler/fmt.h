/* fmt.h - the canonical printer behind `dcc fmt`. */
#ifndef DCC_FMT_H
#define DCC_FMT_H

#include "model.h"
#include "source.h"
#include "strbuf.h"

/* Appends the canonical text of a parsed file (no errors) to out, keeping every comment. */
void fmt_file(StrBuf *out, const ParsedFile *pf, const SourceFile *src);

#endif
