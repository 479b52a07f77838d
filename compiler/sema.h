/* sema.h - semantic checks over the contract model. */
#ifndef DCC_SEMA_H
#define DCC_SEMA_H

#include "arena.h"
#include "diag.h"
#include "model.h"

/* Checks one unit whose imports have already been resolved and checked (Import.target set,
 * or NULL when the import failed: then names through it are silently poisoned).
 * Fills the "after sema" parts of the model. Reports into `diags`. */
void sema_check(Arena *a, DiagSink *diags, Contract *unit);

/* The same for a unit built from a file with syntax errors: holes[0..nholes) are where the
 * parser dropped input (the offending tokens). Everything that was built is checked, but
 * nothing is said that a dropped piece might have settled: no unknown field of a dataset with a
 * hole, no unknown type, dataset or alias, no missing owner or dataset when a hole lies outside
 * the datasets, no "no fields" for a dataset or struct with a hole. */
void sema_check_holes(Arena *a, DiagSink *diags, Contract *unit, const Span *holes, size_t nholes);

#endif
