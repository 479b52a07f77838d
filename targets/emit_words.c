/* emit_words.c - reserved-word sets as data (emit.h). Each list is kept in strcmp order for a
 * binary search; tests/unit/test_emit.c checks the order and that no word repeats. */
#include "emit.h"

#define WORD_SET(id, what, ci) const EmitWords emit_words_##id = {what, words_##id, sizeof words_##id / sizeof words_##id[0], ci}

/* C keywords (C11 to C23) and common extensions */
static const char *const words_c[] = {
    "alignas", "alignof", "asm", "auto", "bool", "break", "case", "char", "complex", "const",
    "constexpr", "continue", "default", "do", "double", "else", "enum", "extern", "false", "float",
    "for", "fortran", "goto", "if", "imaginary", "inline", "int", "long", "noreturn", "nullptr",
    "register", "restrict", "return", "short", "signed", "sizeof", "static", "static_assert",
    "struct", "switch", "thread_local", "true", "typedef", "typeof", "typeof_unqual", "union",
    "unsigned", "void", "volatile", "while",
};
WORD_SET(c, "C keywords (C11 to C23) and common extensions", false);

/* C++ keywords and alternative tokens */
static const char *const words_cxx[] = {
    "and", "and_eq", "bitand", "bitor", "catch", "class", "compl", "delete", "explicit", "export",
    "friend", "mutable", "namespace", "new", "not", "not_eq", "operator", "or", "or_eq", "private",
    "protected", "public", "template", "this", "throw", "try", "typename", "using", "virtual",
    "xor", "xor_eq",
};
WORD_SET(cxx, "C++ keywords and alternative tokens", false);

/* object-like macros of the C standard headers */
static const char *const words_c_macros[] = {
    "BUFSIZ", "CHAR_BIT", "EOF", "EXIT_FAILURE", "EXIT_SUCCESS", "FILENAME_MAX", "FOPEN_MAX", "I",
    "L_tmpnam", "MB_CUR_MAX", "NULL", "RAND_MAX", "SEEK_CUR", "SEEK_END", "SEEK_SET", "TMP_MAX",
    "errno", "offsetof", "stderr", "stdin", "stdout",
};
WORD_SET(c_macros, "object-like macros of the C standard headers", false);

