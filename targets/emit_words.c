/* emit_words.c - reserved-word sets as data (emit.h). Each list is kept in strcmp order for a
 * binary search; tests/unit/test_emit.c checks the order and that no word repeats. */
#include "emit.h"

#define WORD_SET(id, what, ci) const EmitWords emit_words_##id = {what, words_##id, sizeof words_##id / sizeof words_##id[0], ci}

/* C23 (ISO/IEC 9899:2024, 6.4.1) keywords, the C11 spellings they replace, the names that were
 * macros before C23 (noreturn, complex, imaginary) and common extensions (asm, fortran). */
static const char *const words_c[] = {
    "_Alignas", "_Alignof", "_Atomic", "_BitInt", "_Bool", "_Complex", "_Decimal128", "_Decimal32",
    "_Decimal64", "_Generic", "_Imaginary", "_Noreturn", "_Static_assert", "_Thread_local",
    "alignas", "alignof", "asm", "auto", "bool", "break", "case", "char", "complex", "const",
    "constexpr", "continue", "default", "do", "double", "else", "enum", "extern", "false", "float",
    "for", "fortran", "goto", "if", "imaginary", "inline", "int", "long", "noreturn", "nullptr",
    "register", "restrict", "return", "short", "signed", "sizeof", "static", "static_assert",
    "struct", "switch", "thread_local", "true", "typedef", "typeof", "typeof_unqual", "union",
    "unsigned", "void", "volatile", "while",
};
WORD_SET(c, "C keywords (C11 to C23) and common extensions", false);

/* C++23 (ISO/IEC 14882:2024, [lex.key], [lex.digraph]) keywords and alternative tokens. */
static const char *const words_cxx[] = {
    "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break",
    "case", "catch", "char", "char16_t", "char32_t", "char8_t", "class", "co_await", "co_return",
    "co_yield", "compl", "concept", "const", "const_cast", "consteval", "constexpr", "constinit",
    "continue", "decltype", "default", "delete", "do", "double", "dynamic_cast", "else", "enum",
    "explicit", "export", "extern", "false", "float", "for", "friend", "goto", "if", "inline",
    "int", "long", "mutable", "namespace", "new", "noexcept", "not", "not_eq", "nullptr",
    "operator", "or", "or_eq", "private", "protected", "public", "register", "reinterpret_cast",
    "requires", "return", "short", "signed", "sizeof", "static", "static_assert", "static_cast",
    "struct", "switch", "template", "this", "thread_local", "throw", "true", "try", "typedef",
    "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile", "wchar_t",
    "while", "xor", "xor_eq",
};
WORD_SET(cxx, "C++ keywords and alternative tokens", false);

/* Object-like macros of the C standard headers that a program including a generated header may
 * also include. (<stdint.h>'s INT8_MAX, SIZE_MAX, ... and <float.h>'s FLT_, DBL_ and LDBL_
 * names are matched by pattern in c.c.) */
static const char *const words_c_macros[] = {
    "ATOMIC_FLAG_INIT", "BOOL_WIDTH", "BUFSIZ", "CHAR_BIT", "CHAR_MAX", "CHAR_MIN",
    "CLOCKS_PER_SEC", "DECIMAL_DIG", "EDOM", "EILSEQ", "EOF", "ERANGE", "EXIT_FAILURE",
    "EXIT_SUCCESS", "FILENAME_MAX", "FOPEN_MAX", "FP_FAST_FMA", "FP_INFINITE", "FP_NAN",
    "FP_NORMAL", "FP_SUBNORMAL", "FP_ZERO", "HUGE_VAL", "HUGE_VALF", "HUGE_VALL", "I", "INFINITY",
    "INT_MAX", "INT_MIN", "LC_ALL", "LC_COLLATE", "LC_CTYPE", "LC_MONETARY", "LC_NUMERIC",
    "LC_TIME", "LLONG_MAX", "LLONG_MIN", "LONG_MAX", "LONG_MIN", "L_tmpnam", "MATH_ERREXCEPT",
    "MATH_ERRNO", "MB_CUR_MAX", "MB_LEN_MAX", "NAN", "NULL", "ONCE_FLAG_INIT", "RAND_MAX",
    "SCHAR_MAX", "SCHAR_MIN", "SEEK_CUR", "SEEK_END", "SEEK_SET", "SHRT_MAX", "SHRT_MIN", "SIGABRT",
    "SIGFPE", "SIGILL", "SIGINT", "SIGSEGV", "SIGTERM", "SIG_DFL", "SIG_ERR", "SIG_IGN", "TIME_UTC",
    "TMP_MAX", "TSS_DTOR_ITERATIONS", "UCHAR_MAX", "UINT_MAX", "ULLONG_MAX", "ULONG_MAX",
    "USHRT_MAX", "WEOF", "_IOFBF", "_IOLBF", "_IONBF", "__bool_true_false_are_defined", "errno",
    "math_errhandling", "offsetof", "stderr", "stdin", "stdout",
};
WORD_SET(c_macros, "object-like macros of the C standard headers", false);

/* Macros gcc and clang predefine without a leading underscore in GNU modes (-std=gnu11, their
 * default) on the platforms they target: what `clang -target T -std=gnu11 -dM -E` shows for
 * Linux, BSD, Solaris and Windows targets, and the names of GCC's builtin_define_std. */
static const char *const words_gnu_macros[] = {
    "AVR", "MIPSEB", "MIPSEL", "MSP430", "PPC", "WIN32", "WIN64", "WINNT", "alpha", "hppa", "i386",
    "linux", "m68k", "mc68000", "mips", "powerpc", "sparc", "sun", "unix", "vax",
};
WORD_SET(gnu_macros, "macros gcc and clang predefine in GNU modes", false);

/* Type names of the C standard headers (and POSIX's) that a generated file-scope name could
 * spell, such as int_least8_t for product `int.least8`, dataset `t`. */
static const char *const words_c_types[] = {
    "FILE", "atomic_flag", "char16_t", "char32_t", "char8_t", "clock_t", "div_t", "fpos_t",
    "int16_t", "int32_t", "int64_t", "int8_t", "int_fast16_t", "int_fast32_t", "int_fast64_t",
    "int_fast8_t", "int_least16_t", "int_least32_t", "int_least64_t", "int_least8_t", "intmax_t",
    "intptr_t", "jmp_buf", "ldiv_t", "lldiv_t", "max_align_t", "mbstate_t", "memory_order",
    "nullptr_t", "off_t", "once_flag", "pid_t", "ptrdiff_t", "sig_atomic_t", "size_t", "ssize_t",
    "time_t", "uint16_t", "uint32_t", "uint64_t", "uint8_t", "uint_fast16_t", "uint_fast32_t",
    "uint_fast64_t", "uint_fast8_t", "uint_least16_t", "uint_least32_t", "uint_least64_t",
    "uint_least8_t", "uintmax_t", "uintptr_t", "va_list", "wchar_t", "wint_t",
};
WORD_SET(c_types, "type names of the C standard headers and POSIX", false);

