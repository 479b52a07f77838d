/* c.c - the C target: per dataset a header and a source file that link libdccrt.a alone.
 *
 * The descriptor tables are not derived from the model here: desc_build() (desc.c) is the one
 * mapping from contract to validation rules, `dcc validate` uses its result in memory, and this
 * file prints that very result as static C data, so the CLI and generated validators cannot
 * disagree. What this file adds is C: the record struct of the struct binding (dcc_rt.h), enum
 * constants, identifiers that are valid and unique whatever the contract calls things, string
 * literals that mean exactly the bytes of the contract, and small convenience wrappers.
 * docs/c-target.md documents the naming scheme and the API. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "desc.h"
#include "emit.h"
#include "regex.h"
#include "strbuf.h"
#include "target.h"

/* ---- identifiers ------------------------------------------------------------------------------ */

static bool suffix_is(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Object-like macros of <stdint.h>: INT8_MAX, UINT_LEAST16_MAX, INTPTR_MIN, SIZE_MAX, ... */
static bool is_stdint_macro(const char *s)
{
    size_t n = strlen(s);
    if (!suffix_is(s, n, "_MAX") && !suffix_is(s, n, "_MIN") && !suffix_is(s, n, "_C")) return false;
    static const char *const heads[] = {"INT", "UINT", "PTRDIFF", "SIG_ATOMIC", "SIZE", "WCHAR", "WINT"};
    for (size_t i = 0; i < sizeof heads / sizeof heads[0]; i++)
        if (strncmp(s, heads[i], strlen(heads[i])) == 0) return true;
    return false;
}

/* <float.h>'s FLT_MAX, DBL_EPSILON, LDBL_DIG, ... */
static bool is_float_macro(const char *s)
{
    return strncmp(s, "FLT_", 4) == 0 || strncmp(s, "DBL_", 4) == 0 || strncmp(s, "LDBL_", 5) == 0;
}

/* Names no generated identifier may be: C23 and C++23 keywords and alternative tokens, the
 * macros gcc and clang predefine in GNU modes (unix, linux, ...), macros and type names of the
 * standard headers, and the runtime's own namespace (dcc_, DCC_). A member with such a name gets
 * a trailing `_`; a file-scope name gets the next free `_2`, `_3`, ... */
/* The reserved names that are reserved by how they start: no suffix can free them. */
static bool is_reserved_front(const char *s)
{
    /* Every identifier starting with `_` + capital or `__` is the implementation's; C11 keywords
     * such as _Bool are among them. */
    if (s[0] == '_' && (s[1] == '_' || (s[1] >= 'A' && s[1] <= 'Z'))) return true;
    if (strncmp(s, "dcc_", 4) == 0 || strncmp(s, "DCC_", 4) == 0) return true;
    return is_float_macro(s);
}

static bool is_reserved_word(const char *s)
{
    static const EmitWords *const sets[] = {&emit_words_c, &emit_words_cxx, &emit_words_c_macros,
                                            &emit_words_gnu_macros, &emit_words_c_types};
    for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++)
        if (emit_words_has(sets[i], s)) return true;
    return is_reserved_front(s) || is_stdint_macro(s);
}

/* s with every run of `_` made one, so that no identifier holds the `__` C++ reserves anywhere;
 * with trim, without trailing `_` either (names that get a suffix: `x_` + `_desc` would make one).
 * The names that results in may coincide; claiming them in a scope keeps them apart. */
static char *collapse(Arena *a, const char *s, bool trim)
{
    char *r = arena_strdup(a, s);
    size_t k = 0;
    for (size_t i = 0; r[i]; i++)
        if (!(r[i] == '_' && k > 0 && r[k - 1] == '_')) r[k++] = r[i];
    while (trim && k > 1 && r[k - 1] == '_') k--;
    r[k] = '\0';
    return r;
}

/* A contract identifier ([A-Za-z_][A-Za-z0-9_]*) as a C member name: unchanged unless it is
 * reserved; then `_Bool` -> `x_Bool` (a reserved prefix is moved off the front) and
 * `int` -> `int_`; runs of `_` become one (`a__b` -> `a_b`, `__x` -> `x_x`). Anything else that
 * is not an identifier character becomes `_` (defensive: the language does not allow it). */
static char *member_base(Arena *a, const char *name)
{
    StrBuf b;
    sb_init(&b);
    if (!name || !*name) sb_puts(&b, "value");
    for (const char *p = name ? name : ""; *p; p++) {
        char ch = *p;
        bool ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '_';
        sb_putc(&b, ok ? ch : '_');
    }
    const char *s = b.data;
    char *r;
    if (s[0] >= '0' && s[0] <= '9') r = arena_printf(a, "x%s", s);
    else if (s[0] == '_' && is_reserved_word(s)) r = arena_printf(a, "x%s", s);
    else if (is_reserved_word(s)) r = arena_printf(a, "%s_", s);
    else r = arena_strdup(a, s);
    sb_free(&b);
    r = collapse(a, r, false);
    return r;
}

/* An enum value (any UTF-8 text) as the last part of an uppercase constant: letters upper-cased,
 * digits kept, every other character a separator `_`, a non-ASCII character U+XXXX spelled
 * `UXXXX`; runs of `_` collapse to one and none leads or trails; nothing left gives `EMPTY`.
 * "small-business" -> SMALL_BUSINESS, "1st" -> 1ST, "größe" -> GR_U00F6_U00DF_E. */
static char *enum_part(Arena *a, const char *v)
{
    StrBuf b;
    sb_init(&b);
    const unsigned char *p = (const unsigned char *)v;
    while (*p) {
        unsigned c = *p;
        if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
            sb_putc(&b, (char)(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c));
            p++;
            continue;
        }
        if (c < 0x80) {
            sb_putc(&b, '_');
            p++;
            continue;
        }
        /* decode one UTF-8 sequence; a stray byte is spelled Xhh */
        unsigned n = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        uint32_t cp = c & (0x3Fu >> n);
        bool good = n > 0;
        for (unsigned i = 1; good && i <= n; i++) {
            if ((p[i] & 0xC0) != 0x80) good = false;
            else cp = (cp << 6) | (p[i] & 0x3F);
        }
        if (good) {
            sb_printf(&b, "_U%04X_", (unsigned)cp);
            p += n + 1;
        } else {
            sb_printf(&b, "_X%02X_", c);
            p++;
        }
    }
    /* collapse and trim underscores */
    char *r = arena_alloc(a, b.len + 1);
    size_t k = 0;
    for (size_t i = 0; i < b.len; i++) {
        if (b.data[i] == '_' && (k == 0 || r[k - 1] == '_')) continue;
        r[k++] = b.data[i];
    }
    while (k > 0 && r[k - 1] == '_') k--;
    r[k] = '\0';
    sb_free(&b);
    return k ? r : arena_strdup(a, "EMPTY");
}

/* ---- literals --------------------------------------------------------------------------------- */

/* s as a C string literal meaning exactly its bytes up to the NUL, as the runtime reads it;
 * NULL for an absent text. */
static void put_cstr(StrBuf *b, const char *s)
{
    if (!s) sb_puts(b, "NULL");
    else emit_c_string(b, s, strlen(s));
}

/* What a dataset's generated files were made from, for their banners and comments. */
static const char *source_of(Arena *a, const Contract *unit, const Dataset *ds)
{
    return arena_printf(a, "contract %s %s, dataset %s", unit->name.text ? unit->name.text : "",
                        unit->version && unit->version->text ? unit->version->text : "", ds->name.text);
}

/* ---- generation ------------------------------------------------------------------------------- */

typedef struct {
    Arena *a;
    EmitScope *idents; /* the run's ordinary identifiers: every header of the run shares them */
    const EmitScope *macros; /* the run's macro names (include guards): no member may take one */
    const char *prefix, *PREFIX;
    StrBuf enums;     /* header: enum constants and name table declarations */
    StrBuf types;     /* header: struct typedefs, innermost first */
    StrBuf names;     /* .c: name table definitions */
    StrBuf tables;    /* .c: static descriptor tables, referenced ones first */
    unsigned counter; /* private table names: f1, e2, pat3, ... */
    struct StructDone *structs; /* the nested C structs emitted so far */
    struct ListDone *lists;     /* the typed lists of generated element types emitted so far */
} Gen;

/* A typed list emitted for a list of a generated type (a struct, a list): one list type per
 * element type, so the lists of one named struct share it. */
typedef struct ListDone {
    const char *elem, *ctype;
    struct ListDone *next;
} ListDone;

/* A struct emitted (gen_struct): the fields array of the descriptor it was made from (desc.c
 * gives every use of one named struct the same array), its C type, its fields table (NULL
 * without fields) and its initializer with the defaults. A named struct used by several fields
 * is one C type, named after its first use: Gen.structs lists the nested ones for that. */
typedef struct StructDone {
    const dcc_field_desc *fields;
    const char *ctype, *table, *init;
    struct StructDone *next;
} StructDone;

/* The C type of a value in the struct binding. For structs, enums and elements of lists/maps this
 * also emits their types and tables; *aux gets the name of the static table a field entry points
 * to (fields of a struct, element of a list/map), or NULL. */
typedef struct {
    const char *ctype;
    const char *sub;       /* fields array or element object name */
    const char *enum_tab;  /* static const char *const [] of enum names */
    const char *pattern;   /* static dcc_dfa */
    const char *values;    /* static const char *const [] of allowed values */
    const char *elem_ctype; /* lists and maps: the C type of the items / values */
    const char *init;       /* structs: the initializer of the struct type, with the defaults */
} Aux;

static StructDone *gen_struct(Gen *g, const dcc_field_desc *fields, size_t n, const char *ctype,
                              const char *path, const char *what);

/* Claims a file-scope identifier in the run: base (with runs of `_` made one and none at the end),
 * else the first free base_2, base_3, ... that is no reserved word either. */
static const char *claim_ident(Gen *g, const char *base)
{
    base = collapse(g->a, base, true);
    const char *name;
    do name = emit_claim(g->idents, base);
    while (is_reserved_word(name));
    return name;
}

/* A field's member name (member_base), kept off what the struct cannot have: a macro of the run
 * (an include guard of any header, which would expand to nothing) and the name of a type the
 * struct uses (C++ would read that type's later uses in the struct as the member): the generated
 * struct types in struct_types; the scalar ones (bool, int32_t, dcc_str, ...) are reserved words. */
static const char *member_name(const Gen *g, const char *field, const EmitScope *struct_types)
{
    char *m = member_base(g->a, field);
    bool clash = emit_taken(g->macros, m) || emit_taken(struct_types, m);
    return clash ? arena_printf(g->a, "%s_", m) : m;
}

static const char *scalar_ctype(dcc_kind k)
{
    switch (k) {
    case DCC_BOOLEAN: return "bool";
    case DCC_INT8: return "int8_t";
    case DCC_INT16: return "int16_t";
    case DCC_INT32: return "int32_t";
    case DCC_INT64: return "int64_t";
    case DCC_FLOAT32: return "float";
    case DCC_FLOAT64: return "double";
    case DCC_LIST: return "dcc_list";
    case DCC_MAP: return "dcc_map";
    default: return "dcc_str";
    }
}

static const char *kind_name(dcc_kind k)
{
    static const char *const names[] = {
        "DCC_BOOLEAN", "DCC_INT8", "DCC_INT16", "DCC_INT32", "DCC_INT64", "DCC_FLOAT32",
        "DCC_FLOAT64", "DCC_DECIMAL", "DCC_STRING", "DCC_BYTES", "DCC_DATE", "DCC_TIME",
        "DCC_TIMESTAMP", "DCC_TIMESTAMPTZ", "DCC_UUID", "DCC_JSON", "DCC_ENUM", "DCC_LIST",
        "DCC_MAP", "DCC_STRUCT",
    };
    return (unsigned)k < sizeof names / sizeof names[0] ? names[k] : "DCC_JSON";
}

static void gen_enum(Gen *g, const dcc_field_desc *d, const char *path, Aux *x)
{
    Arena *a = g->a;
    const char *up = emit_ascii_upper(a, path);
    const char *tab = claim_ident(g, arena_printf(a, "%s_%s_names", g->prefix, path));
    sb_printf(&g->enums, "/* Values of `");
    emit_comment_text(&g->enums, path);
    sb_printf(&g->enums, "`: constant k names %s[k], the text to put in the field. */\nenum {\n", tab);
    for (size_t i = 0; i < d->nenum_values; i++) {
        const char *c = claim_ident(g, arena_printf(a, "%s_%s_%s", g->PREFIX, up, enum_part(a, d->enum_values[i])));
        sb_printf(&g->enums, "    %s = %zu,\n", c, i);
    }
    const char *from = claim_ident(g, arena_printf(a, "%s_%s_from_string", g->prefix, path));
    sb_printf(&g->enums, "};\nextern const dcc_str %s[%zu];\n", tab, d->nenum_values);
    sb_printf(&g->enums, "/* The constant of the value [s, s+n), or -1 when it is none. */\n"
                         "int %s(const char *s, size_t n);\n\n", from);
    sb_printf(&g->names, "int %s(const char *s, size_t n)\n{\n"
                         "    for (size_t i = 0; i < %zu; i++)\n"
                         "        if (%s[i].len == n && (n == 0 || memcmp(%s[i].ptr, s, n) == 0)) return (int)i;\n"
                         "    return -1;\n}\n\n", from, d->nenum_values, tab, tab);
    sb_printf(&g->names, "const dcc_str %s[%zu] = {\n", tab, d->nenum_values);
    for (size_t i = 0; i < d->nenum_values; i++) {
        sb_puts(&g->names, "    {");
        put_cstr(&g->names, d->enum_values[i]);
        sb_printf(&g->names, ", %zu},\n", strlen(d->enum_values[i]));
    }
    sb_puts(&g->names, "};\n\n");
    x->enum_tab = arena_printf(a, "enum%u", ++g->counter);
    sb_printf(&g->tables, "static const char *const %s[%zu] = {\n", x->enum_tab, d->nenum_values);
    for (size_t i = 0; i < d->nenum_values; i++) {
        sb_puts(&g->tables, "    ");
        put_cstr(&g->tables, d->enum_values[i]);
        sb_puts(&g->tables, ",\n");
    }
    sb_puts(&g->tables, "};\n");
}

static void print_entry(Gen *g, StrBuf *b, const dcc_field_desc *d, const Aux *x, const char *owner,
                        const char *member, const char *has_member, unsigned indent);

/* The typed list of elements of C type elem (of kind ek) at path: a struct of dcc_list's layout
 * whose items point to elem, so that a program fills it without casts and the runtime reads it
 * as a dcc_list. Named after a generated element type (`prefix_items` -> `prefix_items_list`,
 * shared by every list of it), else after the path (`prefix_tags_list`); emitted on first use. */
static const char *list_type(Gen *g, dcc_kind ek, const char *elem, const char *path)
{
    bool generated = ek == DCC_STRUCT || ek == DCC_LIST;
    for (const ListDone *l = g->lists; generated && l; l = l->next)
        if (strcmp(l->elem, elem) == 0) return l->ctype;
    const char *name = claim_ident(g, generated ? arena_printf(g->a, "%s_list", elem)
                                                : arena_printf(g->a, "%s_%s_list", g->prefix, path));
    sb_puts(&g->types, "/* A list of `");
    emit_comment_text(&g->types, path);
    sb_printf(&g->types, "` values: items[0] .. items[count - 1] (dcc_list's layout). */\n"
                         "typedef struct %s {\n    const %s *items;\n    size_t count;\n} %s;\n\n",
              name, elem, name);
    if (generated) {
        ListDone *l = ARENA_NEW(g->a, ListDone);
        *l = (ListDone){elem, name, g->lists};
        g->lists = l;
    }
    return name;
}

/* Everything a field's entry points to, emitted before the entry; fills x. */
static void gen_aux(Gen *g, const dcc_field_desc *d, const char *path, Aux *x)
{
    Arena *a = g->a;
    memset(x, 0, sizeof *x);
    x->ctype = scalar_ctype(d->kind);
    switch (d->kind) {
    case DCC_ENUM: gen_enum(g, d, path, x); break;
    case DCC_STRUCT: {
        StructDone *done = g->structs;
        while (done && (done->fields != d->fields || !d->fields)) done = done->next;
        if (!done) {
            const char *t = claim_ident(g, arena_printf(a, "%s_%s", g->prefix, path));
            done = gen_struct(g, d->fields, d->nfields, t, path, path);
            done->next = g->structs;
            g->structs = done;
        }
        x->sub = done->table;
        x->ctype = done->ctype;
        x->init = done->init;
        break;
    }
    case DCC_LIST:
    case DCC_MAP:
        if (d->elem) {
            Aux ex;
            gen_aux(g, d->elem, path, &ex);
            x->sub = arena_printf(a, "e%u", ++g->counter);
            sb_printf(&g->tables, "static const dcc_field_desc %s = ", x->sub);
            print_entry(g, &g->tables, d->elem, &ex, NULL, NULL, NULL, 0);
            sb_puts(&g->tables, ";\n");
            x->elem_ctype = ex.ctype;
            if (d->kind == DCC_LIST)
                x->ctype = list_type(g, d->elem->kind, ex.ctype, path);
        }
        break;
    default: break;
    }
    if (d->pattern) {
        x->pattern = arena_printf(a, "pat%u", ++g->counter);
        regex_dfa_print_c(&g->tables, d->pattern, x->pattern);
    }
    if (d->nvalues) {
        x->values = arena_printf(a, "values%u", ++g->counter);
        sb_printf(&g->tables, "static const char *const %s[%zu] = {", x->values, d->nvalues);
        for (size_t i = 0; i < d->nvalues; i++) {
            sb_puts(&g->tables, i ? ", " : "");
            put_cstr(&g->tables, d->values[i]);
        }
        sb_puts(&g->tables, "};\n");
    }
}

static void put_i64(StrBuf *b, int64_t v) { sb_printf(b, "%lld", (long long)v); }

/* `    .member = "text",` when text is given: one designated initializer of a descriptor. */
static void member_str(StrBuf *b, const char *ind, const char *member, const char *text)
{
    if (!text) return;
    sb_printf(b, "%s.%s = ", ind, member);
    put_cstr(b, text);
    sb_puts(b, ",\n");
}

/* `    .member = N,` when N is not zero. */
static void member_i64(StrBuf *b, const char *ind, const char *member, int64_t v)
{
    if (!v) return;
    sb_printf(b, "%s.%s = ", ind, member);
    put_i64(b, v);
    sb_puts(b, ",\n");
}

/* One dcc_field_desc initializer naming only its non-zero members, exactly as desc_build made it,
 * plus the struct binding offsets of the generated struct. */
static void print_entry(Gen *g, StrBuf *b, const dcc_field_desc *d, const Aux *x, const char *owner,
                        const char *member, const char *has_member, unsigned indent)
{
    (void)g;
    const char *ind = indent ? "        " : "    ";
    const char *close = indent ? "    }" : "}";
    sb_puts(b, "{\n");
    member_str(b, ind, "name", d->name);
    sb_printf(b, "%s.kind = %s,\n", ind, kind_name(d->kind));
    if (d->optional) sb_printf(b, "%s.optional = true,\n", ind);
    if (d->precision) sb_printf(b, "%s.precision = %d,\n", ind, d->precision);
    if (d->scale) sb_printf(b, "%s.scale = %d,\n", ind, d->scale);
    member_i64(b, ind, "max_length", d->max_length);
    if (d->nenum_values && x->enum_tab)
        sb_printf(b, "%s.enum_values = %s,\n%s.nenum_values = %zu,\n", ind, x->enum_tab, ind, d->nenum_values);
    if (d->elem && x->sub) sb_printf(b, "%s.elem = &%s,\n", ind, x->sub);
    if (d->kind == DCC_STRUCT && x->sub)
        sb_printf(b, "%s.fields = %s,\n%s.nfields = %zu,\n", ind, x->sub, ind, d->nfields);
    member_str(b, ind, "range_lo", d->range_lo);
    member_str(b, ind, "range_hi", d->range_hi);
    if (d->range_lo_exclusive) sb_printf(b, "%s.range_lo_exclusive = true,\n", ind);
    if (d->range_hi_exclusive) sb_printf(b, "%s.range_hi_exclusive = true,\n", ind);
    if (d->has_length) sb_printf(b, "%s.has_length = true,\n", ind);
    member_i64(b, ind, "length_min", d->length_min);
    member_i64(b, ind, "length_max", d->length_max);
    if (d->pattern && x->pattern) sb_printf(b, "%s.pattern = &%s,\n", ind, x->pattern);
    member_str(b, ind, "pattern_text", d->pattern_text);
    if (d->nvalues && x->values) sb_printf(b, "%s.values = %s,\n%s.nvalues = %zu,\n", ind, x->values, ind, d->nvalues);
    if (d->unique) sb_printf(b, "%s.unique = true,\n", ind);
    member_str(b, ind, "default_value", d->default_value);
    if (owner && member) sb_printf(b, "%s.c_offset = offsetof(%s, %s),\n", ind, owner, member);
    if (owner && has_member) sb_printf(b, "%s.c_has_offset = offsetof(%s, %s),\n", ind, owner, has_member);
    if (owner && member && !d->optional)
        sb_printf(b, "%s.c_absent_offset = offsetof(%s, dcc_absent.%s),\n", ind, owner, member);
    sb_printf(b, "%s.c_size = sizeof(%s),\n", ind, x->ctype);
    sb_puts(b, close);
}

/* Standard base64 (checked by sema) decoded into out (n * 3 / 4 bytes suffice); its length. */
static size_t base64_decode(const char *s, size_t n, char *out)
{
    static const char abc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint32_t acc = 0;
    int bits = 0;
    size_t o = 0;
    for (size_t i = 0; i < n && s[i] != '='; i++) {
        const char *p = strchr(abc, s[i]);
        if (!p || !s[i]) continue;
        acc = acc << 6 | (uint32_t)(p - abc);
        if ((bits += 6) >= 8) {
            bits -= 8;
            out[o++] = (char)(acc >> bits & 0xFF);
        }
    }
    return o;
}

/* The initializer of a member holding d's value: the contract's default, else zero. Defaults
 * are literals sema checked against the type, so the number texts are valid C literals. */
static const char *init_value(Gen *g, const dcc_field_desc *d, const Aux *x)
{
    Arena *a = g->a;
    const char *v = d->default_value;
    StrBuf b;
    switch (d->kind) {
    case DCC_STRUCT: return x->init ? x->init : "{0}";
    case DCC_LIST: return "{NULL, 0}";
    case DCC_MAP: return "{NULL, NULL, 0}";
    case DCC_BOOLEAN: return v && strcmp(v, "true") == 0 ? "true" : "false";
    case DCC_INT8:
    case DCC_INT16:
    case DCC_INT32:
    case DCC_INT64: {
        if (!v) return "0";
        long long i = (long long)strtod(v, NULL);
        if (strspn(v + (v[0] == '-'), "0123456789") == strlen(v + (v[0] == '-')))
            i = strtoll(v, NULL, 10);
        /* the lowest int64 has no literal: its magnitude is no long long */
        return i == INT64_MIN ? "(-9223372036854775807 - 1)" : arena_printf(a, "%lld", i);
    }
    case DCC_FLOAT32:
    case DCC_FLOAT64: return v ? v : "0";
    default: break;
    }
    if (!v) return "{NULL, 0}";
    const char *text = v;
    size_t n = strlen(v);
    if (d->kind == DCC_BYTES) { /* the raw bytes, not the base64 the contract wrote */
        char *raw = arena_alloc(a, n + 1);
        n = base64_decode(v, n, raw);
        raw[n] = '\0';
        text = raw;
    }
    sb_init(&b);
    sb_puts(&b, "{");
    put_cstr(&b, text);
    sb_printf(&b, ", %zu}", n);
    const char *r = arena_printf(a, "%.*s", (int)b.len, b.data);
    sb_free(&b);
    return r;
}

/* Emits the typedef of a struct (into the header) and its fields table (into the .c), after
 * everything they refer to. Returns what it made (not yet listed in g->structs). */
static StructDone *gen_struct(Gen *g, const dcc_field_desc *fields, size_t n, const char *ctype,
                              const char *path, const char *what)
{
    Arena *a = g->a;
    Aux *aux = arena_alloc(a, (n ? n : 1) * sizeof *aux);
    for (size_t i = 0; i < n; i++) {
        const char *sub = path ? arena_printf(a, "%s_%s", path, fields[i].name ? fields[i].name : "") : fields[i].name;
        gen_aux(g, &fields[i], sub ? sub : "value", &aux[i]);
    }
    /* Member names, once the types the struct uses are named: the fields' own first, so a
     * `has_x` flag never renames a field, and of those the ones kept as written first, so that
     * `a_b` keeps its name beside an `a__b` that becomes `a_b` too. */
    EmitScope *members = emit_scope_new(a, false);
    const char **mem = arena_alloc(a, (n ? n : 1) * sizeof *mem);
    const char **has = arena_alloc(a, (n ? n : 1) * sizeof *has);
    bool *as_written = arena_alloc(a, (n ? n : 1) * sizeof *as_written);
    EmitScope *types = emit_scope_new(a, false);
    for (size_t i = 0; i < n; i++)
        if (fields[i].kind == DCC_STRUCT) emit_claim_exact(types, aux[i].ctype);
    for (size_t i = 0; i < n; i++) {
        mem[i] = member_name(g, fields[i].name, types);
        as_written[i] = strcmp(mem[i], fields[i].name ? fields[i].name : "") == 0;
    }
    for (int pass = 0; pass < 2; pass++)
        for (size_t i = 0; i < n; i++)
            if (as_written[i] == (pass == 0)) mem[i] = emit_claim(members, mem[i]);
    for (size_t i = 0; i < n; i++)
        if (fields[i].optional) has[i] = emit_claim(members, collapse(a, arena_printf(a, "has_%s", mem[i]), false));
    sb_printf(&g->types, "/* ");
    emit_comment_text(&g->types, what);
    sb_printf(&g->types, " */\ntypedef struct %s {\n", ctype);
    for (size_t i = 0; i < n; i++) {
        if (fields[i].optional) sb_printf(&g->types, "    bool %s; /* false: null or absent */\n", has[i]);
        sb_printf(&g->types, "    %s %s;", aux[i].ctype, mem[i]);
        if (fields[i].kind == DCC_ENUM && aux[i].enum_tab) sb_puts(&g->types, " /* a name from the table above */");
        if (aux[i].elem_ctype && fields[i].kind == DCC_MAP)
            sb_printf(&g->types, " /* values of %s */", aux[i].elem_ctype);
        sb_puts(&g->types, "\n");
    }
    if (n == 0) sb_puts(&g->types, "    char empty; /* ISO C has no empty structs; unused */\n");
    /* The absent flags come last: zero (every field present) is what code written before they
     * existed leaves there. */
    size_t nrequired = 0;
    for (size_t i = 0; i < n; i++) nrequired += !fields[i].optional;
    if (nrequired) {
        sb_puts(&g->types, "    /* true: the field is absent, as a key left out of a JSON record (DV004, or its\n"
                           "     * default when it has one) */\n    struct {\n");
        for (size_t i = 0; i < n; i++)
            if (!fields[i].optional) sb_printf(&g->types, "        bool %s;\n", mem[i]);
        sb_puts(&g->types, "    } dcc_absent;\n");
    }
    sb_printf(&g->types, "} %s;\n\n", ctype);
    /* members in order: an optional field's flag says whether it has its default */
    StrBuf init;
    sb_init(&init);
    sb_puts(&init, "{");
    for (size_t i = 0; i < n; i++) {
        if (fields[i].optional) sb_printf(&init, "%s%s", i ? ", " : "", fields[i].default_value ? "true" : "false");
        sb_printf(&init, "%s%s", i || fields[i].optional ? ", " : "", init_value(g, &fields[i], &aux[i]));
    }
    if (nrequired) {
        sb_puts(&init, ", {");
        for (size_t i = 0; i < nrequired; i++) sb_puts(&init, i ? ", false" : "false");
        sb_puts(&init, "}");
    }
    sb_puts(&init, n ? "}" : "0}");
    StructDone *done = ARENA_NEW(a, StructDone);
    *done = (StructDone){fields, ctype, NULL, arena_printf(a, "%.*s", (int)init.len, init.data), NULL};
    sb_free(&init);
    if (n == 0) return done;
    const char *tab = done->table = arena_printf(a, "fields%u", ++g->counter);
    sb_printf(&g->tables, "static const dcc_field_desc %s[%zu] = {\n", tab, n);
    for (size_t i = 0; i < n; i++) {
        sb_puts(&g->tables, "    ");
        print_entry(g, &g->tables, &fields[i], &aux[i], ctype, mem[i], fields[i].optional ? has[i] : NULL, 1);
        sb_puts(&g->tables, ",\n");
    }
    sb_puts(&g->tables, "};\n");
    return done;
}

static void put_index_array(StrBuf *b, const char *name, const size_t *v, size_t n)
{
    sb_printf(b, "static const size_t %s[%zu] = {", name, n);
    for (size_t i = 0; i < n; i++) sb_printf(b, "%s%zu", i ? ", " : "", v[i]);
    sb_puts(b, "};\n");
}

static const char *cmp_name(dcc_cmp_op op)
{
    switch (op) {
    case DCC_OP_LT: return "DCC_OP_LT";
    case DCC_OP_LE: return "DCC_OP_LE";
    case DCC_OP_GT: return "DCC_OP_GT";
    case DCC_OP_GE: return "DCC_OP_GE";
    case DCC_OP_NE: return "DCC_OP_NE";
    case DCC_OP_BETWEEN: return "DCC_OP_BETWEEN";
    case DCC_OP_NOT_BETWEEN: return "DCC_OP_NOT_BETWEEN";
    case DCC_OP_EQ: break;
    }
    return "DCC_OP_EQ";
}

static const char *qkind_name(dcc_quality_kind k)
{
    switch (k) {
    case DCC_Q_ROW_COUNT: return "DCC_Q_ROW_COUNT";
    case DCC_Q_NULL_RATE: return "DCC_Q_NULL_RATE";
    case DCC_Q_VALID_RATE: return "DCC_Q_VALID_RATE";
    case DCC_Q_FRESHNESS: return "DCC_Q_FRESHNESS";
    case DCC_Q_NULL_COUNT: return "DCC_Q_NULL_COUNT";
    case DCC_Q_INVALID_COUNT: return "DCC_Q_INVALID_COUNT";
    case DCC_Q_DUPLICATE_COUNT: return "DCC_Q_DUPLICATE_COUNT";
    case DCC_Q_DUPLICATE_RATE: return "DCC_Q_DUPLICATE_RATE";
    case DCC_Q_MISSING_COUNT: return "DCC_Q_MISSING_COUNT";
    case DCC_Q_MISSING_RATE: return "DCC_Q_MISSING_RATE";
    case DCC_Q_NOTIN_COUNT: return "DCC_Q_NOTIN_COUNT";
    case DCC_Q_NOTIN_RATE: return "DCC_Q_NOTIN_RATE";
    case DCC_Q_UNIQUE: break;
    }
    return "DCC_Q_UNIQUE";
}

/* ---- the names of a run -----------------------------------------------------------------------
 * Every name the generated files declare at file scope (types, constants, functions, tables,
 * include guards) and every file stem is claimed in scopes that span the whole run, across
 * datasets and contracts, so that all headers of a run can be included in one file and all
 * sources linked into one program. The names users call (record type, descriptor, functions,
 * include guard) are claimed first, for every dataset of the run in order, in begin; the names
 * derived from fields come after, as each dataset is generated. */

/* What begin chose for one dataset. */
typedef struct {
    const Dataset *ds;
    const char *stem;   /* the file names, without .h and .c */
    const char *prefix; /* what every identifier of the dataset starts with */
} DatasetNames;

typedef struct {
    EmitScope *files;  /* file stems, case-insensitive: file systems may be */
    EmitScope *macros; /* the include guards: no struct member may take one */
    DatasetNames *names;
    size_t nnames, next;
} CRun;

/* The stem of a dataset's files is emit_dataset_stem's (shared with the other targets that write
 * a file per dataset). The identifier prefix is the stem with runs of `_` made one:
 * `sales_orders__orders` -> `sales_orders_orders`. */

/* The names every dataset's header declares for its users, from a prefix. */
enum { API_GUARD, API_RECORD, API_DESC, API_VALIDATOR, API_JSONL, API_CSV, API_STRUCTS, API_INIT, API_COUNT };

static void api_names(Arena *a, const char *prefix, const char **out)
{
    out[API_GUARD] = arena_printf(a, "%s_H", emit_ascii_upper(a, prefix));
    out[API_RECORD] = prefix;
    out[API_DESC] = arena_printf(a, "%s_desc", prefix);
    out[API_VALIDATOR] = arena_printf(a, "%s_validator", prefix);
    out[API_JSONL] = arena_printf(a, "%s_validate_jsonl", prefix);
    out[API_CSV] = arena_printf(a, "%s_validate_csv", prefix);
    out[API_STRUCTS] = arena_printf(a, "%s_validate_structs", prefix);
    out[API_INIT] = arena_printf(a, "%s_INIT", emit_ascii_upper(a, prefix));
}

/* The identifier prefix of a dataset: base, else the first of base_2, base_3, ... whose API
 * names are all free (so a dataset's names always share one prefix); claims them. */
static const char *claim_prefix(TargetCtx *ctx, CRun *run, const char *base)
{
    Arena *a = ctx->arena;
    const char *api[API_COUNT];
    /* `_2`, `_3` cannot free a name reserved by its start (contract `ldbl.x` makes the include
     * guard LDBL_X_..._H, a <float.h> name): such a base gets a `c` in front first, as a file
     * stem does, or the search below would never end (found by fuzz_check). */
    if (is_reserved_front(base) || is_reserved_front(emit_ascii_upper(a, base))) base = arena_printf(a, "c%s", base);
    for (unsigned k = 1;; k++) {
        const char *prefix = k == 1 ? base : arena_printf(a, "%s_%u", base, k);
        api_names(a, prefix, api);
        bool all_free = true;
        for (int i = 0; i < API_COUNT && all_free; i++)
            all_free = !emit_taken(ctx->names, api[i]) && !is_reserved_word(api[i]);
        if (!all_free) continue;
        for (int i = 0; i < API_COUNT; i++) emit_claim_exact(ctx->names, api[i]);
        emit_claim_exact(run->macros, api[API_GUARD]);
        emit_claim_exact(run->macros, api[API_INIT]);
        return prefix;
    }
}

/* Names every dataset of every contract of the run, in order, before anything is generated. */
static int c_begin(TargetCtx *ctx)
{
    CRun *run = ARENA_NEW(ctx->arena, CRun);
    run->files = emit_scope_new(ctx->arena, true);
    run->macros = emit_scope_new(ctx->arena, false);
    for (size_t u = 0; u < ctx->nunits; u++)
        for (const Dataset *ds = ctx->units[u]->datasets; ds; ds = ds->next) run->nnames++;
    run->names = arena_alloc(ctx->arena, (run->nnames ? run->nnames : 1) * sizeof *run->names);
    size_t k = 0;
    for (size_t u = 0; u < ctx->nunits; u++) {
        const Contract *unit = ctx->units[u];
        if (unit->kind != UNIT_CONTRACT) continue;
        for (const Dataset *ds = unit->datasets; ds; ds = ds->next, k++) {
            const char *base = emit_dataset_stem(ctx->arena, unit, ds);
            run->names[k].ds = ds;
            run->names[k].stem = emit_claim(run->files, base);
            run->names[k].prefix = claim_prefix(ctx, run, collapse(ctx->arena, run->names[k].stem, true));
        }
    }
    run->nnames = k;
    ctx->state = run;
    return 0;
}

static int gen_dataset(TargetCtx *ctx, const CRun *run, const Contract *unit, const DatasetNames *nm)
{
    const Dataset *ds = nm->ds;
    const char *prefix = nm->prefix;
    Arena *a = ctx->arena;
    const char *err = NULL;
    const dcc_dataset_desc *d = desc_build(a, ds, &err);
    if (!d) {
        diag_report(ctx->diags, D_TARGET_UNSUPPORTED, ds->name.span, "target c cannot generate dataset '%s': %s",
                    ds->name.text, err ? err : "no descriptor");
        return -1;
    }
    Gen g;
    memset(&g, 0, sizeof g);
    g.a = a;
    g.idents = ctx->names;
    g.macros = run->macros;
    g.prefix = prefix;
    g.PREFIX = emit_ascii_upper(a, prefix);
    sb_init(&g.enums);
    sb_init(&g.types);
    sb_init(&g.names);
    sb_init(&g.tables);
    /* The API names, claimed in begin. */
    const char *api[API_COUNT];
    api_names(a, prefix, api);
    const char *guard = api[API_GUARD], *rec = api[API_RECORD], *descn = api[API_DESC];
    const char *fn_new = api[API_VALIDATOR], *fn_jsonl = api[API_JSONL], *fn_csv = api[API_CSV];
    const char *fn_structs = api[API_STRUCTS], *init = api[API_INIT];

    const StructDone *record = gen_struct(&g, d->fields, d->nfields, rec, NULL,
                                          arena_printf(a, "One record of dataset %s", ds->name.text));
    const char *fields = record->table;
    const char *pk = NULL, *uk = NULL, *qual = NULL;
    if (d->nprimary_key) {
        pk = "primary_key";
        put_index_array(&g.tables, pk, d->primary_key, d->nprimary_key);
    }
    if (d->nunique_keys) {
        for (size_t i = 0; i < d->nunique_keys; i++)
            put_index_array(&g.tables, arena_printf(a, "unique_key%zu", i), d->unique_keys[i].fields, d->unique_keys[i].nfields);
        uk = "unique_keys";
        sb_printf(&g.tables, "static const dcc_key_desc %s[%zu] = {\n", uk, d->nunique_keys);
        for (size_t i = 0; i < d->nunique_keys; i++)
            sb_printf(&g.tables, "    {.fields = unique_key%zu, .nfields = %zu},\n", i, d->unique_keys[i].nfields);
        sb_puts(&g.tables, "};\n");
    }
    if (d->nquality) {
        for (size_t i = 0; i < d->nquality; i++)
        {
            if (d->quality[i].nfields)
                put_index_array(&g.tables, arena_printf(a, "quality_fields%zu", i), d->quality[i].fields, d->quality[i].nfields);
            if (d->quality[i].values) { /* a missing or invalid rule's values, NULL-ended */
                sb_printf(&g.tables, "static const char *const quality_values%zu[] = {", i);
                for (const char *const *p = d->quality[i].values; *p; p++) {
                    put_cstr(&g.tables, *p);
                    sb_puts(&g.tables, ", ");
                }
                sb_puts(&g.tables, "NULL};\n");
            }
        }
        qual = "quality";
        sb_printf(&g.tables, "static const dcc_quality_desc %s[%zu] = {\n", qual, d->nquality);
        for (size_t i = 0; i < d->nquality; i++) {
            const dcc_quality_desc *q = &d->quality[i];
            sb_printf(&g.tables, "    {.kind = %s, .op = %s", qkind_name(q->kind), cmp_name(q->op));
            /* the threshold as the contract wrote it: the runtime compares it exactly */
            if (q->threshold) {
                sb_puts(&g.tables, ", .threshold = ");
                put_cstr(&g.tables, q->threshold);
            }
            if (q->threshold_hi) {
                sb_puts(&g.tables, ", .threshold_hi = ");
                put_cstr(&g.tables, q->threshold_hi);
            }
            if (q->unit && *q->unit) {
                sb_puts(&g.tables, ", .unit = ");
                put_cstr(&g.tables, q->unit);
            }
            if (q->nfields) sb_printf(&g.tables, ", .fields = quality_fields%zu, .nfields = %zu", i, q->nfields);
            if (q->values) sb_printf(&g.tables, ", .values = quality_values%zu", i);
            if (q->values_null) sb_puts(&g.tables, ", .values_null = 1");
            sb_puts(&g.tables, "},\n");
        }
        sb_puts(&g.tables, "};\n");
    }

    /* ---- header ---- */
    const char *source = source_of(a, unit, ds);
    static const char *const header_note[] = {"Validators for this dataset; link with libdccrt.a. See docs/c-target.md."};
    StrBuf *h = outset_add(ctx->out, arena_printf(a, "%s.h", nm->stem));
    emit_banner(h, EMIT_COMMENT_C, source, header_note, 1);
    sb_printf(h, "#ifndef %s\n#define %s\n\n#include <stdbool.h>\n#include <stddef.h>\n#include <stdint.h>\n\n"
                 "#include \"dcc_rt.h\"\n\n#ifdef __cplusplus\nextern \"C\" {\n#endif\n\n",
              guard, guard);
    sb_put(h, g.enums.data, g.enums.len);
    sb_put(h, g.types.data, g.types.len);
    sb_printf(h, "/* A record holding the contract's defaults, every other member zero (optional fields\n"
                 " * null): `%s r = %s;` then set the rest. */\n#define %s %s\n\n", rec, init, init, record->init);
    sb_printf(h,
              "/* The descriptor of the dataset, as `dcc validate` builds it. */\n"
              "extern const dcc_dataset_desc %s;\n\n"
              "/* A validator for the dataset (dcc_validator_new on %s): NULL on failure, with *err\n"
              " * (if err is not NULL) a message to free with dcc_error_free. Free the validator with\n"
              " * dcc_validator_free. */\n"
              "dcc_validator *%s(char **err);\n\n"
              "/* Validate a whole buffer of JSON Lines / CSV / n filled records as one stream: each\n"
              " * violation goes to opts->callbacks; opts NULL means defaults (its format member is\n"
              " * ignored); *stats (if not NULL, with its size set) gets the counters. v must come from\n"
              " * %s(): another dataset's validator is refused (DCC_EVALIDATOR).\n"
              " * Return 0 or a dcc_status (dcc_strerror() words it). */\n"
              "int %s(const dcc_validator *v, const char *data, size_t n, const dcc_stream_opts *opts,\n"
              "    dcc_stream_stats *stats);\n"
              "int %s(const dcc_validator *v, const char *data, size_t n, const dcc_stream_opts *opts,\n"
              "    dcc_stream_stats *stats);\n"
              "int %s(const dcc_validator *v, const %s *records, size_t n, const dcc_stream_opts *opts,\n"
              "    dcc_stream_stats *stats);\n\n"
              "#ifdef __cplusplus\n}\n#endif\n\n#endif\n",
              descn, descn, fn_new, fn_new, fn_jsonl, fn_csv, fn_structs, rec);

    /* ---- source ---- */
    StrBuf *c = outset_add(ctx->out, arena_printf(a, "%s.c", nm->stem));
    emit_banner(c, EMIT_COMMENT_C, source, NULL, 0);
    sb_printf(c, "#include \"%s.h\"\n\n#include <stddef.h>\n#include <string.h>\n\n#include \"dcc_regex.h\"\n\n", nm->stem);
    sb_put(c, g.names.data, g.names.len);
    sb_put(c, g.tables.data, g.tables.len);
    sb_printf(c, "\nconst dcc_dataset_desc %s = {\n    .abi = DCC_ABI_TAG,\n    .name = ", descn);
    put_cstr(c, d->name);
    sb_puts(c, ",\n");
    if (fields) sb_printf(c, "    .fields = %s,\n    .nfields = %zu,\n", fields, d->nfields);
    if (pk) sb_printf(c, "    .primary_key = %s,\n    .nprimary_key = %zu,\n", pk, d->nprimary_key);
    if (uk) sb_printf(c, "    .unique_keys = %s,\n    .nunique_keys = %zu,\n", uk, d->nunique_keys);
    if (d->allow_unknown_fields) sb_puts(c, "    .allow_unknown_fields = true,\n");
    if (qual) sb_printf(c, "    .quality = %s,\n    .nquality = %zu,\n", qual, d->nquality);
    sb_printf(c, "    .c_size = sizeof(%s),\n};\n\n", rec);
    sb_printf(c,
              "dcc_validator *%s(char **err)\n{\n    return dcc_validator_new(&%s, err);\n}\n\n"
              "/* One stream over the whole input: opened (for a validator of this dataset only), fed,\n"
              " * finished, freed. */\n"
              "static int open_stream(const dcc_validator *v, dcc_format format, const dcc_stream_opts *opts,\n"
              "    dcc_stream **s, dcc_stream_stats *stats)\n"
              "{\n"
              "    int rc = dcc_stream_open_for(v, &%s, format, opts, s);\n"
              "    if (rc != 0 && stats) dcc_stream_get_stats(NULL, stats); /* zero counters */\n"
              "    return rc;\n"
              "}\n\n"
              "static int close_stream(dcc_stream *s, int rc, dcc_stream_stats *stats)\n"
              "{\n"
              "    if (rc == 0) rc = dcc_stream_finish(s);\n"
              "    if (stats && dcc_stream_get_stats(s, stats) != 0 && rc == 0) rc = DCC_EINVAL;\n"
              "    dcc_stream_free(s);\n"
              "    return rc;\n"
              "}\n\n"
              "static int feed_buffer(const dcc_validator *v, dcc_format format, const char *data, size_t n,\n"
              "    const dcc_stream_opts *opts, dcc_stream_stats *stats)\n"
              "{\n"
              "    dcc_stream *s;\n"
              "    int rc = open_stream(v, format, opts, &s, stats);\n"
              "    if (rc != 0) return rc;\n"
              "    dcc_stream_expect(s, n); /* the whole input: key sets are sized once */\n"
              "    return close_stream(s, n ? dcc_stream_feed(s, data, n) : 0, stats);\n"
              "}\n\n"
              "int %s(const dcc_validator *v, const char *data, size_t n, const dcc_stream_opts *opts,\n"
              "    dcc_stream_stats *stats)\n"
              "{\n    return feed_buffer(v, DCC_FORMAT_JSONL, data, n, opts, stats);\n}\n\n"
              "int %s(const dcc_validator *v, const char *data, size_t n, const dcc_stream_opts *opts,\n"
              "    dcc_stream_stats *stats)\n"
              "{\n    return feed_buffer(v, DCC_FORMAT_CSV, data, n, opts, stats);\n}\n\n"
              "int %s(const dcc_validator *v, const %s *records, size_t n, const dcc_stream_opts *opts,\n"
              "    dcc_stream_stats *stats)\n"
              "{\n"
              "    dcc_stream *s;\n"
              "    int rc = open_stream(v, DCC_FORMAT_JSONL, opts, &s, stats);\n"
              "    if (rc != 0) return rc;\n"
              "    for (size_t i = 0; i < n && rc == 0; i++) rc = dcc_validate_struct(s, &records[i]);\n"
              "    return close_stream(s, rc, stats);\n"
              "}\n",
              fn_new, descn, descn, fn_jsonl, fn_csv, fn_structs, rec);
    sb_free(&g.enums);
    sb_free(&g.types);
    sb_free(&g.names);
    sb_free(&g.tables);
    return 0;
}

/* Libraries hold only types: nothing to generate for them. */
static int c_unit(TargetCtx *ctx, const Contract *unit)
{
    CRun *run = ctx->state;
    if (unit->kind != UNIT_CONTRACT) return 0;
    for (const Dataset *ds = unit->datasets; ds; ds = ds->next) {
        /* units come in begin's order, so the next names are this dataset's */
        const DatasetNames *nm = run->next < run->nnames ? &run->names[run->next] : NULL;
        for (size_t k = 0; nm && nm->ds != ds && k < run->nnames; k++) nm = &run->names[k];
        if (!nm || nm->ds != ds) {
            diag_report(ctx->diags, D_TARGET_UNSUPPORTED, ds->name.span, "target c was not given dataset '%s' at its start",
                        ds->name.text);
            return -1;
        }
        run->next = (size_t)(nm - run->names) + 1;
        if (gen_dataset(ctx, run, unit, nm) != 0) return -1;
    }
    return 0;
}

const Target tgt_c = {
    "c",
    "C validators: per dataset a header and a source file linking the dcc runtime",
    NULL,
    0,
    c_begin,
    c_unit,
    NULL,
};
