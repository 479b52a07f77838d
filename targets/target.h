/* target.h - the interface every generator implements: a table of options, and begin / unit /
 * finish hooks that receive one context for the whole run. docs/targets.md shows how to add one.
 *
 * A target reads the checked contract model (compiler/model.h) and never the parser; it adds
 * files to ctx->out (written only when the whole run succeeded) and reports what it cannot
 * express as located diagnostics in ctx->diags. Nothing in it is specific to one output
 * language: the shared helpers (banners, name scopes, escaping, reserved words) are in emit.h. */
#ifndef DCC_TARGET_H
#define DCC_TARGET_H

#include <stdbool.h>
#include <stddef.h>

#include "arena.h"
#include "compile.h"
#include "diag.h"
#include "emit.h"
#include "model.h"
#include "outfile.h"
#include "source.h"

typedef struct Target Target;

/* One option of a target, given on the command line as `--NAME VALUE` or `--NAME=VALUE` after
 * `dcc gen -t TARGET`. Every target option takes a value. */
typedef struct {
    const char *name;           /* without dashes: "dialect" */
    const char *value;          /* placeholder in help: "DIALECT" */
    const char *help;           /* one line */
    const char *const *choices; /* the values allowed, NULL-terminated; NULL: any value */
    const char *default_value;  /* when not given; NULL: absent (target_option returns NULL) */
} TargetOption;

/* What a target sees of the run. Everything lives in the compilation's arena. */
typedef struct {
    Arena *arena;
    DiagSink *diags;                /* located problems, with codes (D_TARGET_UNSUPPORTED: this
                                       target cannot express something in the contract) */
    const SourceSet *sources;       /* file:line of any span, for outputs that cite their source */
    const Compilation *compilation; /* every unit loaded, imports included (compilation->units) */
    const Contract *const *units;   /* the units named on the command line, in the order given,
                                       each once: contracts and libraries alike */
    size_t nunits;
    OutSet *out;                    /* the files of the run; paths relative to the output folder */
    const Target *target;
    const char *const *option_values; /* parallel to target->options: given, else the default */
    EmitScope *names;               /* run-wide, case-sensitive: names that all the files of the run
                                       share (a target may make more scopes with emit_scope_new) */
    void *state;                    /* the target's own: set in begin, read in unit and finish */
    /* `dcc gen --from OLD` (the targets of targets_takes_from only): the older version the output
     * leads from, checked without errors, and whether --allow-breaking was given */
    const Contract *from;
    bool allow_breaking;
} TargetCtx;

struct Target {
    const char *name;    /* as given to `dcc gen -t` */
    const char *summary; /* one line for `dcc gen --list-targets` */
    const TargetOption *options;
    size_t noptions;
    /* Each hook returns 0, or -1 after reporting why in ctx->diags. begin and finish may be NULL. */
    int (*begin)(TargetCtx *ctx);                       /* once, before any unit */
    int (*unit)(TargetCtx *ctx, const Contract *unit);  /* each named unit, in order */
    int (*finish)(TargetCtx *ctx);                      /* once, after every unit: catalogs, indexes */
};

/* The value of option `name` of the running target: as given, else its default, else NULL. */
const char *target_option(const TargetCtx *ctx, const char *name);

#endif
