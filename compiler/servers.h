/* servers.h - the server types of ODCS v3 and their typed fields (the table is servers.def): what
 * a `server` item of the language may hold, and what the ODCS reader accepts in a server. */
#ifndef DCC_SERVERS_H
#define DCC_SERVERS_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

/* ORDER ServerValueType: server_value_type_name's table. */
typedef enum { SV_STRING, SV_INTEGER, SV_WORD } ServerValueType;

/* A field a server may hold. */
typedef struct {
    const char *name;
    ServerValueType type;
    const Keywords *words; /* SV_WORD: the words it takes; NULL otherwise */
} ServerFieldSpec;

/* A server type: the fields it requires and the others it takes (beyond the common id,
 * description and environment), each list NULL-terminated. */
typedef struct {
    const char *type;
    const char *const *required;
    const char *const *fields;
} ServerTypeSpec;

extern const ServerFieldSpec server_fields[];
extern const size_t server_field_count;
extern const ServerTypeSpec server_types[];
extern const size_t server_type_count;
/* Every server type's name, for "did you mean" and "allowed: ..." lists. */
extern const Keywords server_kw_type;
/* The words of `delimiter` (ODCS v3.0.2's enum). */
extern const Keywords server_kw_delimiter;

/* The type named t, or NULL. */
const ServerTypeSpec *server_type_find(const char *t);
/* The field named f (any type's), or NULL. */
const ServerFieldSpec *server_field_find(const char *f);
/* Whether servers of type t take field f: a common field, a required or another of its own. */
bool server_type_takes(const ServerTypeSpec *t, const char *f);
/* Whether f is one of the fields every server takes (id, description, environment). */
bool server_field_common(const char *f);
/* "string", "integer" or "word". */
const char *server_value_type_name(ServerValueType v);

#endif
