/* temporal.c - RFC 3339 dates, times and timestamps on the proleptic Gregorian calendar.
 *
 * Decisions (docs/validation.md): years 0000-9999; 'T' and 'Z' may be lower case (RFC 3339 5.6
 * note); 1 to 9 fraction digits; no leap seconds (second 60 is invalid); a `timestamp` must be UTC,
 * written Z or +00:00 (-00:00 means "offset unknown" in RFC 3339 and is refused); a `timestamptz`
 * takes Z or any +-HH:MM with HH <= 23. */
#include <stdio.h>

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

/* ---- text for the struct binding (0.3) -------------------------------------------------------- */

/* The civil date of a day count since 1970-01-01 (H. Hinnant's civil_from_days). */
static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

/* Days and seconds of the day of Unix seconds, rounding toward the past. */
static void split_secs(int64_t secs, int64_t *days, int64_t *sod)
{
    *days = secs / 86400;
    *sod = secs % 86400;
    if (*sod < 0) {
        *sod += 86400;
        --*days;
    }
}

static dcc_str text_of(char *buf, int n)
{
    dcc_str s = {buf, n > 0 ? (size_t)n : 0};
    if (n <= 0)
        buf[0] = '\0';
    return s;
}

/* "YYYY-MM-DD" of a day count into buf: its length, or -1 outside years 0000..9999. */
static int put_date(char *buf, int64_t days)
{
    if (days < -719528 || days > 2932896) /* 0000-01-01 .. 9999-12-31 */
        return -1;
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    return snprintf(buf, DCC_TEXT_MAX, "%04d-%02d-%02d", (int)y, m, d);
}

/* "HH:MM:SS" and, when nanos, ".fffffffff" without trailing zeros. */
static int put_time(char *buf, int64_t sod, int32_t nanos)
{
    int n = snprintf(buf, DCC_TEXT_MAX, "%02d:%02d:%02d", (int)(sod / 3600), (int)(sod / 60 % 60), (int)(sod % 60));
    if (nanos) {
        n += snprintf(buf + n, (size_t)(DCC_TEXT_MAX - n), ".%09d", (int)nanos);
        while (buf[n - 1] == '0')
            buf[--n] = '\0';
    }
    return n;
}

dcc_str dcc_date_text(char *buf, int64_t days)
{
    return text_of(buf, put_date(buf, days));
}

dcc_str dcc_time_text(char *buf, int64_t secs_of_day, int32_t nanos)
{
    if (secs_of_day < 0 || secs_of_day >= 86400 || nanos < 0 || nanos > 999999999)
        return text_of(buf, -1);
    return text_of(buf, put_time(buf, secs_of_day, nanos));
}

dcc_str dcc_timestamp_text(char *buf, int64_t secs, int32_t nanos)
{
    if (nanos < 0 || nanos > 999999999)
        return text_of(buf, -1);
    int64_t days, sod;
    split_secs(secs, &days, &sod);
    int n = put_date(buf, days);
    if (n < 0)
        return text_of(buf, -1);
    buf[n++] = 'T';
    n += put_time(buf + n, sod, nanos);
    buf[n++] = 'Z';
    buf[n] = '\0';
    return text_of(buf, n);
}

dcc_str dcc_decimal_text(char *buf, int64_t unscaled, int scale)
{
    if (scale < 0 || scale > 38)
        return text_of(buf, -1);
    /* the digits of |unscaled| (as unsigned, so INT64_MIN has one), then the point placed */
    uint64_t u = unscaled < 0 ? 0 - (uint64_t)unscaled : (uint64_t)unscaled;
    char digits[24];
    int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
    int n = 0;
    if (unscaled < 0)
        buf[n++] = '-';
    if (nd <= scale) { /* 0.00ddd */
        buf[n++] = '0';
        buf[n++] = '.';
        for (int i = nd; i < scale; i++)
            buf[n++] = '0';
        memcpy(buf + n, digits, (size_t)nd);
        n += nd;
    } else {
        memcpy(buf + n, digits, (size_t)(nd - scale));
        n += nd - scale;
        if (scale) {
            buf[n++] = '.';
            memcpy(buf + n, digits + nd - scale, (size_t)scale);
            n += scale;
        }
    }
    buf[n] = '\0';
    return text_of(buf, n);
}
