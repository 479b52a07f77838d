/* servers.c - the server-type table of servers.def, and lookups in it. */
#include "servers.h"

#include <string.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const char *const delimiter_words[] = {"new_line", "array"};
const Keywords server_kw_delimiter = {"delimiter", delimiter_words, (unsigned)COUNT_OF(delimiter_words)};

const ServerFieldSpec server_fields[] = {
#define SERVER_FIELD(name, type, words) {#name, type, words},
#define SERVER_TYPE(t, req, other)
#include "servers.def"
#undef SERVER_FIELD
#undef SERVER_TYPE
};
const size_t server_field_count = COUNT_OF(server_fields);

/* The first three of servers.def's fields are the common ones. */
#define COMMON_FIELDS 3

#define L(...) (const char *const[]){__VA_ARGS__}
const ServerTypeSpec server_types[] = {
#define SERVER_FIELD(name, type, words)
#define SERVER_TYPE(t, req, other) {#t, L req, L other},
#include "servers.def"
#undef SERVER_FIELD
#undef SERVER_TYPE
};
const size_t server_type_count = COUNT_OF(server_types);

static const char *const type_words[] = {
#define SERVER_FIELD(name, type, words)
#define SERVER_TYPE(t, req, other) #t,
#include "servers.def"
#undef SERVER_FIELD
#undef SERVER_TYPE
};
_Static_assert(COUNT_OF(type_words) == COUNT_OF(server_types), "one word per server type");
const Keywords server_kw_type = {"server type", type_words, (unsigned)COUNT_OF(type_words)};

static bool in_list(const char *const *l, const char *w)
{
    for (; l && *l; l++)
        if (!strcmp(*l, w)) return true;
    return false;
}

const ServerTypeSpec *server_type_find(const char *t)
{
    for (size_t i = 0; t && i < server_type_count; i++)
        if (!strcmp(server_types[i].type, t)) return &server_types[i];
    return NULL;
}

const ServerFieldSpec *server_field_find(const char *f)
{
    for (size_t i = 0; f && i < server_field_count; i++)
        if (!strcmp(server_fields[i].name, f)) return &server_fields[i];
    return NULL;
}

bool server_field_common(const char *f)
{
    for (size_t i = 0; f && i < COMMON_FIELDS; i++)
        if (!strcmp(server_fields[i].name, f)) return true;
    return false;
}

bool server_type_takes(const ServerTypeSpec *t, const char *f)
{
    return server_field_common(f) || (t && (in_list(t->required, f) || in_list(t->fields, f)));
}

const char *server_value_type_name(ServerValueType v)
{
    static const char *const names[] = {"string", "integer", "word"};
    _Static_assert(COUNT_OF(names) == SV_WORD + 1, "one name per value type");
    return (unsigned)v < COUNT_OF(names) ? names[v] : "?";
}
