// cxx_main.cpp - every generated header included from C++ (tests/c/run.sh): the headers compile
// under g++ -std=c++20 -pedantic whatever the contracts call things, and the C objects link to
// C++ through their extern "C" declarations. Creates and frees each dataset's validator.
#include <cstdio>
#include <cstdlib>

#include "registry.h"

int main()
{
    int failed = 0;
#define X(stem, p)                                                                   \
    {                                                                                \
        char *err = nullptr;                                                         \
        dcc_validator *v = p##_validator(&err);                                      \
        if (!v || p##_desc.c_size != sizeof(p)) {                                    \
            std::printf("%s: %s\n", #stem, err ? err : "the descriptor disagrees");  \
            failed++;                                                                \
        }                                                                            \
        std::free(err);                                                              \
        dcc_validator_free(v);                                                       \
    }
    DCC_DATASETS
#undef X
    return failed ? 1 : 0;
}
