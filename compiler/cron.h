/* cron.h - five-field cron expressions (minute hour day-of-month month day-of-week), as the SLA's
 * `frequency cron "..."` takes them: checked field by field, and for schedules that never fire. */
#ifndef DCC_CRON_H
#define DCC_CRON_H

#include "arena.h"

/* NULL when expr is a valid schedule that fires at least once a year, else why not (in the arena):
 * "15 is outside 0-23 in the hour field", "the range 5-1 runs backwards in the minute field",
 * "day 31 never occurs in the months given (February)". */
const char *cron_check(Arena *a, const char *expr);

#endif
