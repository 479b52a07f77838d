/* compat_report.h - the reports of `dcc compat` and `dcc changelog`: one comparison's findings and
 * verdict written as text (the compiler's diagnostics style), JSON, SARIF 2.1.0, JUnit XML, GitHub
 * workflow annotations or Markdown. Shared by cmd_compat.c and cmd_changelog.c. */
#ifndef DCC_CLI_COMPAT_REPORT_H
#define DCC_CLI_COMPAT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "compat.h"

/* One NEW compared with one or more OLDs. */
typedef struct {
    const Contract *new_unit;
    const Contract **olds;  /* in the order given */
    unsigned nold;
    unsigned latest;        /* index of the latest OLD (the version rule's) */
    CompatFindings findings;
    CompatVerdict verdict;
} CompatReport;

/* ORDER CompatFormat: compat_formats[] (cmd_compat.c's --format choices). */
typedef enum { CF_TEXT, CF_JSON, CF_SARIF, CF_JUNIT, CF_GITHUB, CF_MARKDOWN } CompatFormat;
extern const char *const compat_formats[];

/* Writes the reports in a format. Returns 0, or -1 when writing failed. */
int compat_report_write(CompatFormat fmt, const CompatReport *r, size_t n, const SourceSet *sources, FILE *out,
                        bool color);

#endif
