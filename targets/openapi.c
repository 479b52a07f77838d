/* openapi.c - the OpenAPI target: one OpenAPI 3.1 document per contract. Its components.schemas
 * are the JSON Schema of each dataset (3.1 takes JSON Schema 2020-12 as it is) and the named
 * types they use; its paths read each dataset, and one record by primary key, from the
 * contract's REST ports (`serve api "URL"`); info carries the product, version, owner and
 * contact. docs/jsonschema.md ("OpenAPI") describes it. */
#include <string.h>

#include "jschema.h"
#include "target.h"

typedef struct {
    EmitScope *files;
    EmitScope *warned;
} OaRun;

static int oa_begin(TargetCtx *ctx)
{
    OaRun *run = ARENA_NEW(ctx->arena, OaRun);
    run->files = emit_scope_new(ctx->arena, true);
    run->warned = jschema_warned_new(ctx);
    ctx->state = run;
    return 0;
}

static void key_string(JsonWriter *w, const char *k, const char *v)
{
    jsonw_key(w, k);
    jsonw_string(w, v);
}

static bool is_url(const char *s) { return strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0; }

static void info(JsonWriter *w, const Contract *c)
{
    jsonw_key(w, "info");
    jsonw_object(w);
    key_string(w, "title", c->name.text);
    key_string(w, "version", c->version ? c->version->text : "0.0.0");
    if (c->doc) key_string(w, "description", c->doc);
    if (c->owner || c->contact) {
        jsonw_key(w, "contact");
        jsonw_object(w);
        if (c->owner) {
            jsonw_key(w, "name");
            jsonw_string_n(w, c->owner->text, c->owner->len);
        }
        if (c->contact) {
            /* OpenAPI has a field for a URL and one for an address; anything else is neither */
            const char *t = c->contact->text;
            if (is_url(t)) key_string(w, "url", t);
            else if (strchr(t, '@') && !strchr(t, ' ')) key_string(w, "email", t);
            else key_string(w, "x-dcc-contact", t);
        }
        jsonw_end(w);
    }
    jsonw_end(w);
}

static bool is_rest(const Serve *s) { return strcmp(s->kind.text, "api") == 0; }

/* A 200 response with a body, and a 404 when one record is asked for. */
static void responses(JsonWriter *w, const char *what, const char *schema_ref, bool list, bool by_key)
{
    jsonw_key(w, "responses");
    jsonw_object(w);
    jsonw_key(w, "200");
    jsonw_object(w);
    key_string(w, "description", what);
    jsonw_key(w, "content");
    jsonw_object(w);
    jsonw_key(w, "application/json");
    jsonw_object(w);
    jsonw_key(w, "schema");
    jsonw_object(w);
    if (list) {
        key_string(w, "type", "array");
        jsonw_key(w, "items");
        jsonw_object(w);
        key_string(w, "$ref", schema_ref);
        jsonw_end(w);
    } else {
        key_string(w, "$ref", schema_ref);
    }
    jsonw_end(w);
    jsonw_end(w);
    if (list) {
        /* the same records as JSON Lines, as `dcc validate` reads them */
        jsonw_key(w, "application/x-ndjson");
        jsonw_object(w);
        jsonw_key(w, "schema");
        jsonw_object(w);
        key_string(w, "$ref", schema_ref);
        jsonw_end(w);
        jsonw_end(w);
    }
    jsonw_end(w);
    jsonw_end(w);
    if (by_key) {
        jsonw_key(w, "404");
        jsonw_object(w);
        key_string(w, "description", "No record has this key.");
        jsonw_end(w);
    }
    jsonw_end(w);
}

static void paths(TargetCtx *ctx, JsonWriter *w, JsGen *g, const Contract *c, bool rest)
{
    Arena *a = ctx->arena;
    EmitScope *ops = emit_scope_new(a, false);
    jsonw_key(w, "paths");
    jsonw_object(w);
    for (const Dataset *ds = rest ? c->datasets : NULL; ds; ds = ds->next) {
        const char *ref = arena_printf(a, "#/components/schemas/%s", ds->name.text);
        jsonw_key(w, arena_printf(a, "/%s", ds->name.text));
        jsonw_object(w);
        jsonw_key(w, "get");
        jsonw_object(w);
        key_string(w, "operationId", emit_claim(ops, arena_printf(a, "list_%s", ds->name.text)));
        key_string(w, "summary", arena_printf(a, "Every record of %s", ds->name.text));
        if (ds->doc) key_string(w, "description", ds->doc);
        responses(w, arena_printf(a, "The records of %s.", ds->name.text), ref, true, false);
        jsonw_end(w);
        jsonw_end(w);
        if (!ds->primary_key) continue;
        /* one record by its primary key: a path segment per key field */
        StrBuf p;
        sb_init(&p);
        sb_printf(&p, "/%s", ds->name.text);
        for (const Name *k = ds->primary_key->fields; k; k = k->next) sb_printf(&p, "/{%s}", k->text);
        jsonw_key(w, p.data);
        sb_free(&p);
        jsonw_object(w);
        jsonw_key(w, "get");
        jsonw_object(w);
        key_string(w, "operationId", emit_claim(ops, arena_printf(a, "get_%s", ds->name.text)));
        key_string(w, "summary", arena_printf(a, "One record of %s by its primary key", ds->name.text));
        jsonw_key(w, "parameters");
        jsonw_array(w);
        for (const Name *k = ds->primary_key->fields; k; k = k->next) {
            const Field *f = model_find_field(ds, k->text);
            jsonw_object(w);
            key_string(w, "name", k->text);
            key_string(w, "in", "path");
            jsonw_key(w, "required");
            jsonw_bool(w, true);
            if (f && f->doc) key_string(w, "description", f->doc);
            if (f) {
                jsonw_key(w, "schema");
                jschema_field(g, c, ds, f);
            }
            jsonw_end(w);
        }
        jsonw_end(w);
        responses(w, arena_printf(a, "The record of %s with this key.", ds->name.text), ref, false, true);
        jsonw_end(w);
        jsonw_end(w);
    }
    jsonw_end(w);
}

static int oa_unit(TargetCtx *ctx, const Contract *unit)
{
    if (unit->kind != UNIT_CONTRACT) return 0;
    OaRun *run = ctx->state;
    Arena *a = ctx->arena;
    const char *stem = emit_dataset_stem(a, unit, NULL);
    StrBuf *out = outset_add(ctx->out, arena_printf(a, "%s.openapi.json", emit_claim(run->files, stem)));
    JsonWriter w;
    jsonw_init(&w, out, 2);
    JsGen *g = jschema_new(ctx, &w, "#/components/schemas/", run->warned);
    jsonw_object(&w);
    key_string(&w, "openapi", "3.1.0");
    info(&w, unit);
    key_string(&w, "jsonSchemaDialect", "https://json-schema.org/draft/2020-12/schema");
    bool rest = false;
    for (const Serve *s = unit->serves; s; s = s->next) rest |= is_rest(s);
    if (rest) {
        jsonw_key(&w, "servers");
        jsonw_array(&w);
        for (const Serve *s = unit->serves; s; s = s->next) {
            if (!is_rest(s)) continue;
            jsonw_object(&w);
            jsonw_key(&w, "url");
            jsonw_string_n(&w, s->address->text, s->address->len);
            jsonw_end(&w);
        }
        jsonw_end(&w);
    }
    paths(ctx, &w, g, unit, rest);
    jsonw_key(&w, "components");
    jsonw_object(&w);
    jsonw_key(&w, "schemas");
    jsonw_object(&w);
    for (const Dataset *ds = unit->datasets; ds; ds = ds->next) {
        jsonw_key(&w, ds->name.text);
        jsonw_object(&w);
        jschema_dataset(g, unit, ds);
        jsonw_end(&w);
    }
    jschema_defs(g);
    jsonw_end(&w);
    jsonw_end(&w);
    jschema_contract_annotations(g, unit);
    jsonw_end(&w);
    if (jsonw_finish(&w) != 0 || jschema_failed(g)) {
        if (!jschema_failed(g))
            diag_report(ctx->diags, D_TARGET_UNSUPPORTED, unit->name.span, "target openapi: internal error writing '%s'", unit->name.text);
        return -1;
    }
    return 0;
}

const Target tgt_openapi = {
    "openapi", "an OpenAPI 3.1 document per contract: its datasets' schemas and REST paths",
    NULL, 0,
    oa_begin, oa_unit, NULL,
};
