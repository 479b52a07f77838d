/* cron.c - cron expressions parsed into one bit set per field (see cron.h).
 *
 * Each field is a comma-separated list of `*`, `N`, `N-M` or `NAME` items, each optionally
 * followed by `/STEP`. Names are the usual three-letter ones (JAN..DEC, SUN..SAT) in any case.
 * Day of week 7 is Sunday, as 0. When both day fields are restricted cron fires when either
 * matches, so only a restricted day of month with an unrestricted day of week can never fire. */
#include "cron.h"

#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

enum { F_MINUTE, F_HOUR, F_DOM, F_MONTH, F_DOW, NFIELDS };

static const struct {
    const char *name;
    int lo, hi;
} fields[NFIELDS] = {
    {"minute", 0, 59}, {"hour", 0, 23}, {"day-of-month", 1, 31}, {"month", 1, 12}, {"day-of-week", 0, 7},
};

static const char *const month_names[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                          "jul", "aug", "sep", "oct", "nov", "dec"};
static const char *const dow_names[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
static const char *const month_long[] = {"January", "February", "March", "April", "May", "June", "July",
                                         "August", "September", "October", "November", "December"};

/* A number or a name at *p (advanced past it); -1 with *why set when neither. */
static long item_value(Arena *a, int f, const char **p, const char *end, const char **why)
{
    const char *s = *p;
    if (s < end && *s >= '0' && *s <= '9') {
        long v = 0;
        while (s < end && *s >= '0' && *s <= '9' && v < 100000) v = v * 10 + (*s++ - '0');
        while (s < end && *s >= '0' && *s <= '9') s++;
        *p = s;
        return v;
    }
    const char *w = s;
    while (s < end && ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z'))) s++;
    size_t n = (size_t)(s - w);
    if (n == 0) {
        *why = w < end ? arena_printf(a, "character '%c' is not allowed in the %s field", *w, fields[f].name)
                       : arena_printf(a, "a value is missing in the %s field", fields[f].name);
        return -1;
    }
    if (f == F_MONTH || f == F_DOW) {
        const char *const *names = f == F_MONTH ? month_names : dow_names;
        int count = f == F_MONTH ? 12 : 7;
        for (int i = 0; i < count; i++)
            if (n == 3 && strncasecmp(w, names[i], 3) == 0) {
                *p = s;
                return f == F_MONTH ? i + 1 : i;
            }
        *why = arena_printf(a, "'%.*s' is not a %s name (%s)", (int)n, w, f == F_MONTH ? "month" : "day",
                            f == F_MONTH ? "JAN..DEC" : "SUN..SAT");
        return -1;
    }
    *why = arena_printf(a, "names are allowed only in the month and day-of-week fields, not in the %s field", fields[f].name);
    return -1;
}

/* Parses one field [s, end) into *set (bit v for value v). Returns NULL or why not. */
static const char *parse_field(Arena *a, int f, const char *s, const char *end, uint64_t *set)
{
    int lo = fields[f].lo, hi = fields[f].hi;
    const char *why = NULL;
    *set = 0;
    while (s <= end) {
        const char *item_end = memchr(s, ',', (size_t)(end - s));
        if (!item_end) item_end = end;
        if (item_end == s) return arena_printf(a, "an empty list item in the %s field", fields[f].name);
        const char *p = s;
        long from, to;
        bool star = *p == '*';
        if (star) {
            from = lo;
            to = hi;
            p++;
        } else {
            from = item_value(a, f, &p, item_end, &why);
            if (from < 0) return why;
            to = from;
            if (p < item_end && *p == '-') {
                p++;
                to = item_value(a, f, &p, item_end, &why);
                if (to < 0) return why;
            }
            if (from < lo || from > hi) return arena_printf(a, "%ld is outside %d-%d in the %s field", from, lo, hi, fields[f].name);
            if (to < lo || to > hi) return arena_printf(a, "%ld is outside %d-%d in the %s field", to, lo, hi, fields[f].name);
            if (to < from) return arena_printf(a, "the range %ld-%ld runs backwards in the %s field", from, to, fields[f].name);
        }
        long step = 1;
        if (p < item_end && *p == '/') {
            p++;
            if (p >= item_end || *p < '0' || *p > '9') return arena_printf(a, "a step needs a number in the %s field", fields[f].name);
            step = item_value(a, f, &p, item_end, &why);
            if (step == 0) return arena_printf(a, "a step of 0 in the %s field", fields[f].name);
            if (!star && to == from) to = hi; /* `N/STEP` means N, N+STEP, ... up to the end */
        }
        if (p != item_end)
            return arena_printf(a, "character '%c' is not allowed in the %s field", *p, fields[f].name);
        for (long v = from; v <= to; v += step) *set |= (uint64_t)1 << v;
        s = item_end + 1;
    }
    return NULL;
}

const char *cron_check(Arena *a, const char *expr)
{
    uint64_t set[NFIELDS] = {0};
    bool restricted[NFIELDS] = {false};
    const char *p = expr ? expr : "";
    int nf = 0;
    while (*p) {
        while (*p == ' ' || *p == '\t') p++;
        if (!*p) break;
        const char *f = p;
        while (*p && *p != ' ' && *p != '\t') p++;
        if (nf < NFIELDS) {
            const char *why = parse_field(a, nf, f, p, &set[nf]);
            if (why) return why;
            restricted[nf] = !(p - f == 1 && *f == '*');
        }
        nf++;
    }
    if (nf != NFIELDS)
        return arena_printf(a, "it has %d field%s, expected 5 (minute hour day-of-month month day-of-week)", nf, nf == 1 ? "" : "s");
    if (restricted[F_DOM] && !restricted[F_DOW]) {
        static const int days_in[13] = {0, 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}; /* February: leap years */
        for (int m = 1; m <= 12; m++) {
            if (!(set[F_MONTH] >> m & 1)) continue;
            for (int d = 1; d <= days_in[m]; d++)
                if (set[F_DOM] >> d & 1) return NULL;
        }
        int first = 1;
        while (!(set[F_DOM] >> first & 1)) first++;
        const char *months = "";
        int shown = 0;
        for (int m = 1; m <= 12; m++)
            if (set[F_MONTH] >> m & 1) months = arena_printf(a, "%s%s%s", months, shown++ ? ", " : "", month_long[m - 1]);
        return arena_printf(a, "day %d never occurs in the months given (%s), so the schedule never fires", first, months);
    }
    return NULL;
}
