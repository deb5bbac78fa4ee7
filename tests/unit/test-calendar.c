/*
 * test-calendar.c -- dates and months (calendar.c) against known days, and
 * the folder helper dr_path_dir (xalloc.c).
 */
#include <stdlib.h>

#include "dyadreport/dyadreport.h"
#include "tap.h"

int main(void)
{
	tap_int(dr_date_from_ymd(1970, 1, 1), 0, "epoch is day 0");
	tap_int(dr_date_from_ymd(2000, 3, 1), 11017, "2000-03-01 (after a leap day of a /400 year)");
	tap_int(dr_date_from_ymd(2026, 10, 31), 20757, "2026-10-31");
	tap_int(dr_date_from_ymd(1969, 12, 31), -1, "day before the epoch");
	int y, m, d;
	dr_date_to_ymd(dr_date_from_ymd(2024, 2, 29), &y, &m, &d);
	tap_ok(y == 2024 && m == 2 && d == 29, "2024-02-29 round trip");
	int ok = 1;
	for (dr_date t = dr_date_from_ymd(1990, 1, 1); t < dr_date_from_ymd(2101, 1, 1); t++) {
		dr_date_to_ymd(t, &y, &m, &d);
		ok &= dr_date_valid(y, m, d) && dr_date_from_ymd(y, m, d) == t;
	}
	tap_ok(ok, "every day 1990..2100 round-trips and is valid");
	tap_ok(dr_date_valid(2024, 2, 29), "2024 is a leap year");
	tap_ok(!dr_date_valid(2023, 2, 29), "2023 is not");
	tap_ok(!dr_date_valid(1900, 2, 29), "1900 is not");
	tap_ok(dr_date_valid(2000, 2, 29), "2000 is");
	tap_ok(!dr_date_valid(2026, 4, 31), "April has 30 days");
	tap_ok(!dr_date_valid(2026, 13, 1), "no month 13");
	tap_int(dr_date_weekday(dr_date_from_ymd(2026, 11, 22)), 6, "2026-11-22 is a Sunday");
	tap_int(dr_date_weekday(dr_date_from_ymd(1970, 1, 1)), 3, "1970-01-01 was a Thursday");

	dr_month mo = dr_month_make(2026, 1);
	tap_int(dr_month_year(mo - 1), 2025, "month before January is in the previous year");
	tap_int(dr_month_mon(mo - 1), 12, "... and is December");
	tap_int(dr_month_of(dr_date_from_ymd(2026, 10, 31)), dr_month_make(2026, 10), "month of a date");
	int day = 0;
	tap_int(dr_month_day_of(dr_date_from_ymd(2024, 2, 29), &day), dr_month_make(2024, 2), "month of a leap day");
	tap_int(day, 29, "... and its day of the month");
	day = 0;
	tap_int(dr_month_day_of(dr_date_from_ymd(2024, 2, 29), &day), dr_month_make(2024, 2), "the same date again (remembered)");
	tap_int(day, 29, "... the same day");
	tap_int(dr_month_day_of(dr_date_from_ymd(2026, 3, 1), &day), dr_month_make(2026, 3),
	        "another month after the remembered one: its own month");
	tap_int(day, 1, "the first of a month: day 1");
	char buf[16];
	dr_month_format(dr_month_make(2026, 3), buf, sizeof buf);
	tap_str(buf, "2026-03", "format");
	tap_int(dr_month_parse("2026-10", &mo), 0, "parse 2026-10");
	tap_int(mo, dr_month_make(2026, 10), "parsed value");
	tap_int(dr_month_parse("2026-13", &mo), -1, "month 13 rejected");
	tap_int(dr_month_parse("2026-1", &mo), -1, "short form rejected");
	tap_int(dr_month_parse("last-month", &mo), -1, "words rejected");
	tap_str(dr_month_name(dr_month_make(2026, 10)), "October", "month name");
	tap_str(dr_month_abbr(dr_month_make(2026, 1)), "Jan", "month abbreviation");
	char *dir;
	tap_str(dir = dr_path_dir("a/b/site.ini"), "a/b", "folder of a relative path"); free(dir);
	tap_str(dir = dr_path_dir("site.ini"), ".", "no folder: ."); free(dir);
	tap_str(dir = dr_path_dir("/site.ini"), "/", "root"); free(dir);
	return tap_done();
}
