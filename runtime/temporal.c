/* temporal.c - RFC 3339 dates, times and timestamps on the proleptic Gregorian calendar.
 *
 * Decisions (docs/validation.md): years 0000-9999; 'T' and 'Z' may be lower case (RFC 3339 5.6
 * note); 1 to 9 fraction digits; no leap seconds (second 60 is invalid); a `timestamp` must be UTC,
 * written Z or +00:00 (-00:00 means "offset unknown" in RFC 3339 and is refused); a `timestamptz`
 * takes Z or any +-HH:MM with HH <= 23. */
#include "dcc_rt_internal.h"

static int dig2(const char *s)
{
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
        return -1;
    return (s[0] - '0') * 10 + (s[1] - '0');
}

static bool leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

static int mdays(int y, int m)
{
    static const int d[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 (H. Hinnant's days_from_civil). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

/* YYYY-MM-DD at s (10 bytes available). */
/* Failures set *why; the out-of-range ones (a well-formed text naming no real date, time or
 * offset) also set *range, so that dcc check can tell them apart from malformed text. */
static bool parse_date(const char *s, int64_t *days, const char **why, bool *range)
{
    int y1 = dig2(s), y2 = dig2(s + 2), m = dig2(s + 5), d = dig2(s + 8);
    if (y1 < 0 || y2 < 0 || s[4] != '-' || m < 0 || s[7] != '-' || d < 0) {
        *why = "expected YYYY-MM-DD";
        return false;
    }
    int y = y1 * 100 + y2;
    if (m < 1 || m > 12) {
        *why = "month out of range";
        *range = true;
        return false;
    }
    if (d < 1 || d > mdays(y, m)) {
        *why = "day out of range for the month";
        *range = true;
        return false;
    }
    *days = days_from_civil(y, m, d);
    return true;
}

/* HH:MM:SS[.f{1,9}] at s; returns bytes used or 0. */
static size_t parse_time(const char *s, size_t n, int64_t *secs, int32_t *nanos, const char **why, bool *range)
{
    if (n < 8) {
        *why = "expected HH:MM:SS";
        return 0;
    }
    int h = dig2(s), mi = dig2(s + 3), se = dig2(s + 6);
    if (h < 0 || s[2] != ':' || mi < 0 || s[5] != ':' || se < 0) {
        *why = "expected HH:MM:SS";
        return 0;
    }
    if (h > 23 || mi > 59 || se > 59) {
        *why = se == 60 ? "leap seconds are not accepted" : "hour, minute or second out of range";
        *range = true;
        return 0;
    }
    size_t i = 8;
    int32_t ns = 0;
    if (i < n && s[i] == '.') {
        i++;
        size_t nd = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            if (nd < 9)
                ns = ns * 10 + (s[i] - '0');
            nd++;
            i++;
        }
        if (nd == 0 || nd > 9) {
            *why = "a fraction of a second has 1 to 9 digits";
            return 0;
        }
        for (; nd < 9; nd++)
            ns *= 10;
    }
    *secs = (int64_t)h * 3600 + mi * 60 + se;
    *nanos = ns;
    return i;
}

static bool parse_temporal(dcc_kind k, const char *s, size_t n, TempVal *out, const char **why, bool *range)
{
    int64_t days = 0, secs = 0;
    int32_t ns = 0;
    *why = "invalid";
    if (k == DCC_DATE) {
        if (n != 10) {
            *why = "expected YYYY-MM-DD";
            return false;
        }
        if (!parse_date(s, &days, why, range))
            return false;
        out->secs = days * 86400;
        out->nanos = 0;
        return true;
    }
    if (k == DCC_TIME) {
        size_t used = parse_time(s, n, &secs, &ns, why, range);
        if (used == 0)
            return false;
        if (used != n) {
            *why = "a time has no offset or other trailing text";
            return false;
        }
        out->secs = secs;
        out->nanos = ns;
        return true;
    }
    /* timestamp, timestamptz */
    if (n < 20) {
        *why = "expected YYYY-MM-DDTHH:MM:SS and an offset";
        return false;
    }
    if (!parse_date(s, &days, why, range))
        return false;
    if (s[10] != 'T' && s[10] != 't') {
        *why = "expected 'T' between date and time";
        return false;
    }
    size_t used = parse_time(s + 11, n - 11, &secs, &ns, why, range);
    if (used == 0)
        return false;
    const char *o = s + 11 + used;
    size_t on = n - 11 - used;
    int64_t off = 0;
    if (on == 1 && (o[0] == 'Z' || o[0] == 'z')) {
        off = 0;
    } else if (on == 6 && (o[0] == '+' || o[0] == '-') && o[3] == ':') {
        int oh = dig2(o + 1), om = dig2(o + 4);
        if (oh < 0 || om < 0) {
            *why = "expected an offset Z or +HH:MM";
            return false;
        }
        if (oh > 23 || om > 59) {
            *why = "offset out of range";
            *range = true;
            return false;
        }
        off = (int64_t)oh * 3600 + om * 60;
        if (o[0] == '-')
            off = -off;
        if (k == DCC_TIMESTAMP && (off != 0 || o[0] == '-')) {
            *why = "a timestamp is UTC: end it with Z or +00:00";
            return false;
        }
    } else {
        *why = on == 0 ? "missing offset (Z or +HH:MM)" : "expected an offset Z or +HH:MM";
        return false;
    }
    out->secs = days * 86400 + secs - off;
    out->nanos = ns;
    return true;
}

bool rt_temporal_parse(dcc_kind k, const char *s, size_t n, TempVal *out, const char **why)
{
    bool range = false;
    return parse_temporal(k, s, n, out, why, &range);
}

dcc_temporal_status dcc_temporal_parse(dcc_kind k, const char *s, size_t n, int64_t *secs, int32_t *nanos,
                                       const char **why)
{
    TempVal v = {0, 0};
    bool range = false;
    const char *w = "invalid";
    if (k != DCC_DATE && k != DCC_TIME && k != DCC_TIMESTAMP && k != DCC_TIMESTAMPTZ) {
        if (why) *why = "not a temporal kind";
        return DCC_TEMPORAL_FORMAT;
    }
    if (!parse_temporal(k, s, n, &v, &w, &range)) {
        if (why) *why = w;
        return range ? DCC_TEMPORAL_RANGE : DCC_TEMPORAL_FORMAT;
    }
    if (secs) *secs = v.secs;
    if (nanos) *nanos = v.nanos;
    return DCC_TEMPORAL_OK;
}

int rt_tv_cmp(const TempVal *a, const TempVal *b)
{
    if (a->secs != b->secs)
        return a->secs < b->secs ? -1 : 1;
    if (a->nanos != b->nanos)
        return a->nanos < b->nanos ? -1 : 1;
    return 0;
}
