/* compat_report.h - the reports of `dcc compat` and `dcc changelog`: one comparison's findings and
 * verdict written as text (the compiler's diagnostics style), JSON, SARIF 2.1.0, JUnit XML, GitHub
 * workflow annotations or Markdown. Shared by cmd_compat.c and cmd_changelog.c. */
#ifndef DCC_CLI_COMPAT_REPORT_H
#define DCC_CLI_COMPAT_REPORT_H

#include <stdbool.h>
#include <stdio.h>

#include "cli.h"
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

extern const char *const compat_modes[]; /* CompatMode: none, backward, forward, full */

/* One NEW and its OLDs as files (an OLD path NULL: the file did not exist at the git ref). */
typedef struct {
    const char *new_path;
    const char **old_paths;
    unsigned nold;
} CompatJob;

typedef struct {
    int mode;         /* a CompatMode, or -1: what each NEW declares */
    bool transitive;  /* against every OLD (also when NEW declares it and mode is -1) */
    CompatFormat format;
    bool always_ok;   /* dcc changelog: a report, not a gate (exit 0 unless errors) */
    size_t pattern_limit; /* --pattern-limit (0: the default) */
} CompatRun;

/* Compiles every file of the jobs in one compilation, compares and writes the reports on stdout.
 * tmp and ref: files under tmp/tree were taken from git at ref and are shown as ref:path.
 * Returns the exit status: 0 compatible, 1 not, 2 usage, I/O or contract errors. */
int compat_run(const CliInputs *in, const CompatRun *o, CompatJob *jobs, size_t njobs, const char *tmp,
               const char *ref);
/* A regular file that can be read. */
bool compat_readable(const char *path);

/* Writes the reports in a format. Returns 0, or -1 when writing failed. */
int compat_report_write(CompatFormat fmt, const CompatReport *r, size_t n, const SourceSet *sources, FILE *out,
                        bool color);

#endif
