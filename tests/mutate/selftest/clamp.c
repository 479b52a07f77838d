/* clamp.c - the mutation harness's fixture: a tiny program and its test (tests/mutate/selftest.sh). */
#include <stdio.h>
#include <stdlib.h>

static int clamp(int x, int lo, int hi)
{
    if (x < lo)
        return lo;
    if (x > hi)
        return hi;
    return x;
}

int main(int argc, char **argv)
{
    if (argc != 4)
        return 2;
    printf("%d\n", clamp(atoi(argv[1]), atoi(argv[2]), atoi(argv[3])));
    return 0;
}
