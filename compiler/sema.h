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

#endif
