/* compat_bench.c - times the compatibility engine alone (compat_diff and the verdict) on two
 * already checked contracts: CPU time of the process, best of 5, so that a loaded machine does not
 * blur it. Usage: compat_bench OLD NEW. A benchmark, not a test. */
#include <stdio.h>
#include <time.h>

#include "compat.h"
#include "compile.h"

static double now(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: compat_bench OLD NEW\n", stderr);
        return 2;
    }
    Compilation c;
    compile_init(&c);
    double t0 = now();
    Contract *o = compile_file(&c, argv[1]), *n = compile_file(&c, argv[2]);
    double t1 = now();
    if (!o || !n || c.diags.errors) {
        fputs("compat_bench: the contracts do not check\n", stderr);
        return 2;
    }
    double best = 1e9;
    unsigned count = 0;
    for (int rep = 0; rep < 5; rep++) {
        Arena *a = arena_new();
        CompatFindings f;
        compat_findings_init(&f, a);
        double s = now();
        compat_diff(&f, o, n, 0);
        CompatVerdict v;
        compat_verdict(&v, &f, COMPAT_BACKWARD, false, o, 0, n);
        double e = now() - s;
        if (e < best) best = e;
        count = f.count;
        arena_free(a);
    }
    printf("%u findings; checking both: %.1f ms; comparing: %.2f ms\n", count, (t1 - t0) * 1e3, best * 1e3);
    compile_free(&c);
    return 0;
}
