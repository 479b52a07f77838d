/* desc.h - a checked dataset turned into the runtime's descriptor tables (runtime/dcc_rt.h).
 *
 * This is the single translation from contract semantics to validation semantics: `dcc validate`
 * hands the result to the runtime directly, and the C target prints the very same tables as
 * static C data, so the CLI and generated validators cannot disagree. */
#ifndef DCC_TARGET_DESC_H
#define DCC_TARGET_DESC_H

#include "arena.h"
#include "dcc_rt.h"
#include "model.h"

/* Builds the descriptor of a dataset of a contract that checked without errors. Everything lives
 * in the arena. Returns NULL and sets *err when a pattern cannot be compiled to a DFA. */
const dcc_dataset_desc *desc_build(Arena *a, const Dataset *ds, const char **err);

#endif
