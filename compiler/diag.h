/* diag.h - diagnostics: collected during a run, printed gcc-style or as JSON. */
#ifndef DCC_DIAG_H
#define DCC_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "arena.h"
#include "source.h"

typedef enum {
#define X(name, code, sev, summary, doc) name,
#include "diag_codes.h"
#undef X
    D__COUNT
} DiagCode;

typedef enum { SEV_ERROR, SEV_WARNING, SEV_NOTE } Severity;

typedef struct DiagNote {
    Span span;
    const char *message;
    struct DiagNote *next;
} DiagNote;

typedef struct Diag {
    DiagCode code;
    Severity severity; /* after -Werror */
    Span span;
    const char *message;
    DiagNote *notes;
    struct Diag *next;
} Diag;

typedef struct {
    Arena *arena;
    SourceSet *sources;
    Diag *first, *last;
    unsigned errors, warnings;
    bool werror;
    unsigned max_errors; /* 0: no limit; default 100 */
    bool limit_reached;
} DiagSink;

void diag_init(DiagSink *d, Arena *a, SourceSet *sources);
/* Reports a diagnostic; returns it so notes can be added. The message is printf-formatted. */
Diag *diag_report(DiagSink *d, DiagCode code, Span span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;
/* Adds a `note:` pointing at a related place. */
void diag_note(DiagSink *d, Diag *diag, Span span, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 4, 5)))
#endif
    ;

/* Static facts about a code, from diag_codes.h. */
const char *diag_code_id(DiagCode c);        /* "DC0300" */
const char *diag_code_summary(DiagCode c);
const char *diag_code_doc(DiagCode c);
Severity diag_code_severity(DiagCode c);

/* Diagnostics sorted by file, offset and report order (stable). */
void diag_sort(DiagSink *d);
/* gcc style with source line and underline; colour when `color`. */
void diag_print_text(const DiagSink *d, FILE *out, bool color);
/* One message in the same style, for reports that are not diagnostics (`dcc compat`'s findings):
 * `file:line:col: WORD: msg [code]`, the source line and its underline. word NULL: the
 * severity's own ("error", "warning", "note"); sev picks the colour. code may be NULL. */
void diag_print_located(const SourceSet *sources, FILE *out, Span span, Severity sev, const char *word,
                        const char *msg, const char *code, bool color);
/* One JSON document: {"diagnostics":[...],"errors":N,"warnings":N}. */
void diag_print_json(const DiagSink *d, FILE *out);
/* Writes s as a JSON string literal (quotes, escapes); shared by every JSON report dcc prints. */
void json_print_string(FILE *out, const char *s);
/* Writes docs/diagnostics.md content. */
void diag_print_markdown(FILE *out);

#endif
