/* model.c - small questions about the contract model that passes and targets share. */
#include "model.h"

#include <stddef.h>

const char *model_type_kind_name(TypeKind k)
{
    switch (k) {
    case TY_ERROR: return "<error>";
    case TY_BOOLEAN: return "boolean";
    case TY_INT8: return "int8";
    case TY_INT16: return "int16";
    case TY_INT32: return "int32";
    case TY_INT64: return "int64";
    case TY_FLOAT32: return "float32";
    case TY_FLOAT64: return "float64";
    case TY_DECIMAL: return "decimal";
    case TY_STRING: return "string";
    case TY_BYTES: return "bytes";
    case TY_DATE: return "date";
    case TY_TIME: return "time";
    case TY_TIMESTAMP: return "timestamp";
    case TY_TIMESTAMPTZ: return "timestamptz";
    case TY_UUID: return "uuid";
    case TY_JSON: return "json";
    case TY_ENUM: return "enum";
    case TY_LIST: return "list";
    case TY_MAP: return "map";
    case TY_STRUCT: return "struct";
    case TY_NAMED: return "named";
    }
    return "?";
}

bool model_type_is_scalar(TypeKind k)
{
    /* A named type is scalar only once resolved; TY_ERROR is treated as scalar so that a poisoned
     * type never adds a "not a scalar" error of its own. */
    return k != TY_LIST && k != TY_MAP && k != TY_STRUCT && k != TY_JSON && k != TY_NAMED;
}

bool model_type_is_numeric(TypeKind k)
{
    switch (k) {
    case TY_INT8: case TY_INT16: case TY_INT32: case TY_INT64:
    case TY_FLOAT32: case TY_FLOAT64: case TY_DECIMAL:
        return true;
    default:
        return false;
    }
}

bool model_type_is_temporal(TypeKind k)
{
    return k == TY_DATE || k == TY_TIME || k == TY_TIMESTAMP || k == TY_TIMESTAMPTZ;
}

const Type *model_type_resolve(const Type *t)
{
    /* Bounded: sema rejects cycles, but a helper must not hang on a model it has not checked. */
    for (unsigned i = 0; t && t->kind == TY_NAMED && i < 1000; i++) {
        const TypeDecl *d = t->u.named.decl;
        if (!d) return t;
        t = d->type;
    }
    return t;
}

const char *model_status_name(Status s)
{
    switch (s) {
    case STATUS_DRAFT: return "draft";
    case STATUS_ACTIVE: return "active";
    case STATUS_DEPRECATED: return "deprecated";
    case STATUS_RETIRED: return "retired";
    }
    return "?";
}

const char *model_compat_name(CompatMode c)
{
    switch (c) {
    case COMPAT_NONE: return "none";
    case COMPAT_BACKWARD: return "backward";
    case COMPAT_FORWARD: return "forward";
    case COMPAT_FULL: return "full";
    }
    return "?";
}

const char *model_classification_name(Classification c)
{
    switch (c) {
    case CLASS_NONE: return "none";
    case CLASS_PUBLIC: return "public";
    case CLASS_INTERNAL: return "internal";
    case CLASS_CONFIDENTIAL: return "confidential";
    case CLASS_RESTRICTED: return "restricted";
    }
    return "?";
}

const char *model_cmp_name(CmpOp op)
{
    switch (op) {
    case CMP_LT: return "<";
    case CMP_LE: return "<=";
    case CMP_GT: return ">";
    case CMP_GE: return ">=";
    case CMP_EQ: return "==";
    }
    return "?";
}
