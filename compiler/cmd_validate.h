/* cmd_validate.h - the `dcc validate` command. */
#ifndef DCC_CMD_VALIDATE_H
#define DCC_CMD_VALIDATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "compile.h"
#include "dcc_rt.h"

typedef struct {
    const char *contract;
    const char *dataset;
    const char **data; /* files, or "-" for standard input */
    size_t ndata;
    bool format_given;
    dcc_format format;
    char delimiter;   /* 0: ',' */
    bool no_header;
    bool now_given;   /* --now: now and now_nanos; else the clock */
    int64_t now;      /* Unix seconds */
    int32_t now_nanos;
    uint64_t max_errors; /* 0: no limit */
    bool json;
    bool skip_quality;
    bool progress;    /* progress lines on stderr */
} ValidateOptions;

enum { VALIDATE_OK = 0, VALIDATE_INVALID = 1, VALIDATE_USAGE = 2, VALIDATE_CONTRACT_BROKEN = 3 };

/* Compiles the contract in c and validates each data input. Returns a VALIDATE_* status;
 * VALIDATE_CONTRACT_BROKEN leaves the contract's diagnostics in c->diags for the caller. */
int validate_run(const ValidateOptions *o, Compilation *c);

#endif
