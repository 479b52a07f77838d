/* jschema.h - the JSON Schema 2020-12 of a dataset's records, shared by the JSON Schema target
 * (one file per dataset, named types in $defs) and the OpenAPI target (components.schemas).
 *
 * The schema says what the runtime says (targets/desc.c, runtime/): docs/jsonschema.md has the
 * mapping and the x-dcc- annotation vocabulary for everything JSON Schema cannot check. */
#ifndef DCC_TARGET_JSCHEMA_H
#define DCC_TARGET_JSCHEMA_H

#include <stdbool.h>

#include "jsonw.h"
#include "target.h"

typedef struct JsGen JsGen;

/* A writer of schemas into w. ref_prefix starts every reference to a named type ("#/$defs/" or
 * "#/components/schemas/"); named types referenced are collected for jschema_defs. warned: the
 * run's record of constraints already reported as unchecked (DC0701), so that a type written
 * into several files is reported once; from jschema_warned_new. */
JsGen *jschema_new(TargetCtx *ctx, JsonWriter *w, const char *ref_prefix, EmitScope *warned);
EmitScope *jschema_warned_new(TargetCtx *ctx);

/* The members of a dataset's record schema, written into the object open in w: title,
 * description, type, properties, required, additionalProperties and the dataset's x-dcc-
 * annotations (keys, quality, lineage). Not $schema, $id, $defs, nor the contract's own. */
void jschema_dataset(JsGen *g, const Contract *c, const Dataset *ds);

/* The schema of one field of a dataset of c, as an object value (for OpenAPI parameters). */
void jschema_field(JsGen *g, const Contract *c, const Dataset *ds, const Field *f);

/* The members x-dcc-contract and x-dcc-sla of a contract, into the object open in w. */
void jschema_contract_annotations(JsGen *g, const Contract *c);

/* The named types referenced so far and not yet written, each as `"name": {schema}` into the
 * object open in w (the ones they reference in turn included), in the order first referenced.
 * Returns the number written. */
size_t jschema_defs(JsGen *g);

/* How many named types are referenced and not yet written. */
size_t jschema_defs_pending(const JsGen *g);

/* Whether an error was reported (a pattern the target could not translate). */
bool jschema_failed(const JsGen *g);

/* The x-dcc- keywords, NULL-terminated: for docs and tests. */
extern const char *const jschema_vocabulary[];

#endif
