/*
 * calendar.c -- dates as days since 1970-01-01 and months as y*12+m-1.
 *
 * Pure arithmetic (Howard Hinnant's civil-from-days algorithms, rewritten):
 * no time zones, no locale, no libc time functions, so results never depend
 * on TZ or on the machine.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dyadreport/dyadreport.h"

dr_date dr_date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (dr_date)(era * 146097 + doe - 719468);
}

void dr_date_to_ymd(dr_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int dd = doy - (153 * mp + 2) / 5 + 1;
	int mm = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (mm <= 2);
	*m = mm;
	*d = dd;
}

int dr_date_valid(int y, int m, int d)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1)
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return d <= mdays[m - 1] + (m == 2 && leap);
}

int dr_date_weekday(dr_date date)
{
	/* 1970-01-01 was a Thursday (3 when Monday is 0). */
	int w = (int)((date % 7 + 7) % 7);
	return (w + 3) % 7;
}

dr_month dr_month_day_of(dr_date date, int *day)
{
	/* Rows come mostly in date order: remember the last answer (per
	 * thread), which saves the divisions of dr_date_to_ymd on most rows. */
	static _Thread_local dr_date last_date = INT32_MIN;
	static _Thread_local dr_month last_month;
	static _Thread_local int last_day;
	if (date != last_date) {
		int y, m;
		dr_date_to_ymd(date, &y, &m, &last_day);
		last_date = date;
		last_month = dr_month_make(y, m);
	}
	*day = last_day;
	return last_month;
}

dr_month dr_month_of(dr_date date)
{
	int day;
	return dr_month_day_of(date, &day);
}

void dr_month_format(dr_month mo, char *out, size_t size)
{
	snprintf(out, size, "%04d-%02d", dr_month_year(mo), dr_month_mon(mo));
}

int dr_month_parse(const char *s, dr_month *mo)
{
	if (strlen(s) != 7 || s[4] != '-')
		return -1;
	for (int i = 0; i < 7; i++)
		if (i != 4 && (s[i] < '0' || s[i] > '9'))
			return -1;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	if (m < 1 || m > 12 || y < 1900)
		return -1;
	*mo = dr_month_make(y, m);
	return 0;
}

static const char *const names[] = {
	"January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December",
};
static const char *const abbrs[] = {
	"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
};

const char *dr_month_name(dr_month mo) { return names[dr_month_mon(mo) - 1]; }
const char *dr_month_abbr(dr_month mo) { return abbrs[dr_month_mon(mo) - 1]; }
