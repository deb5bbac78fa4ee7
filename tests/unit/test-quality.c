/*
 * test-quality.c -- the data-quality report: month counts, the
 * possibly-incomplete-month rule (under half the trailing median of up to
 * 12 months since the extract's first row, at least 3 of them; never for
 * survey waves) and data-quality.csv's rows. Values worked out by hand.
 * Prints TAP.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/quality.h"
#include "tap.h"

/* Adds n visit rows dated in month mo. */
static void visits(struct dr_quality *q, dr_month mo, int n)
{
	struct dr_visit v = { .visit_id = "V", .department = "X" };
	v.visit_date = dr_date_from_ymd(dr_month_year(mo), dr_month_mon(mo), 15);
	for (int i = 0; i < n; i++)
		dr_quality_row(q, DR_VISITS, &v);
}

static dr_month ym(int y, int m) { return dr_month_make(y, m); }

int main(void)
{
	struct dr_quality q;
	dr_month first = ym(2026, 1), last = ym(2026, 6);
	double med = -1;

	/* Steady volume from a year before the window; May drops to 49. */
	dr_quality_init(&q, first, last);
	q.loaded[DR_VISITS] = true;
	for (dr_month mo = ym(2025, 1); mo <= last; mo++)
		visits(&q, mo, mo == ym(2026, 5) ? 49 : mo == ym(2026, 6) ? 50 : 100);
	visits(&q, ym(2024, 12), 7);        /* before the counted range: dropped */
	visits(&q, ym(2026, 7), 7);         /* after the window: dropped */
	tap_int(dr_quality_month_rows(&q, DR_VISITS, ym(2026, 5)), 49, "rows in May");
	tap_int(dr_quality_month_rows(&q, DR_VISITS, ym(2024, 12)), 0, "months before the history are not counted");
	tap_ok(dr_quality_low_month(&q, DR_VISITS, ym(2026, 5), &med), "49 < 100 / 2: flagged");
	tap_num(med, 100, 0, "trailing median 100");
	tap_ok(!dr_quality_low_month(&q, DR_VISITS, ym(2026, 6), &med),
	       "50 is not under half of the median");
	tap_num(med, 100, 0, "June's 12 months before include May's 49: median still 100");
	tap_int(dr_quality_low_months(&q, DR_VISITS), 1, "one month flagged");
	tap_ok(!dr_quality_low_month(&q, DR_VISITS, ym(2025, 12), NULL), "months before the window are not judged");
	tap_ok(!dr_quality_low_month(&q, DR_DENIALS, ym(2026, 5), NULL), "an extract not loaded is not judged");
	dr_quality_free(&q);

	/* An extract that starts inside the window: zero months before its
	 * first row are not volume; at least 3 months are needed. */
	dr_quality_init(&q, first, last);
	q.loaded[DR_VISITS] = true;
	visits(&q, ym(2026, 2), 100);
	visits(&q, ym(2026, 3), 80);
	visits(&q, ym(2026, 4), 60);
	visits(&q, ym(2026, 5), 10);
	/* June: no row at all. */
	tap_ok(!dr_quality_low_month(&q, DR_VISITS, ym(2026, 2), NULL), "first month: no history");
	tap_ok(!dr_quality_low_month(&q, DR_VISITS, ym(2026, 4), NULL), "two months of history: not judged");
	tap_ok(dr_quality_low_month(&q, DR_VISITS, ym(2026, 5), &med), "10 < 80 / 2: flagged");
	tap_num(med, 80, 0, "median of 100, 80, 60");
	tap_ok(dr_quality_low_month(&q, DR_VISITS, ym(2026, 6), &med), "an empty month is flagged");
	tap_num(med, 70, 0, "median of 100, 80, 60, 10 is 70");
	dr_quality_free(&q);

	/* Survey waves: monthly volume means nothing. */
	dr_quality_init(&q, first, last);
	q.loaded[DR_BURNOUT] = true;
	struct dr_response r = { .response_id = "R", .department = "X", .burnout = 3 };
	for (dr_month mo = ym(2025, 1); mo <= last; mo += 3) {
		r.survey_date = dr_date_from_ymd(dr_month_year(mo), dr_month_mon(mo), 2);
		for (int i = 0; i < 40; i++)
			dr_quality_row(&q, DR_BURNOUT, &r);
	}
	tap_int(dr_quality_low_months(&q, DR_BURNOUT), 0, "survey months are never flagged");
	dr_quality_free(&q);

	/* Freshness (issue 16): visits end in May (the loader's latest month),
	 * the report month is June. June is missing, not a low-volume month:
	 * the latest month says it. The survey holds June when its quarter
	 * (April to June) has rows up to June. */
	dr_quality_init(&q, first, last);
	tap_int(q.load[DR_VISITS].latest, -1, "freshness: no latest month before loading");
	q.loaded[DR_VISITS] = q.loaded[DR_BURNOUT] = true;
	for (dr_month mo = ym(2025, 1); mo <= ym(2026, 5); mo++)
		visits(&q, mo, 100);
	q.load[DR_VISITS].latest = ym(2026, 5);
	tap_ok(dr_quality_holds(&q, DR_VISITS, ym(2026, 5)), "freshness: visits hold May");
	tap_ok(!dr_quality_holds(&q, DR_VISITS, last), "freshness: visits do not hold June");
	tap_ok(dr_quality_missing(&q, DR_VISITS, last), "freshness: June missing from visits");
	tap_ok(!dr_quality_missing(&q, DR_DENIALS, last), "freshness: an extract not configured is not missing");
	tap_ok(!dr_quality_low_month(&q, DR_VISITS, last, NULL),
	       "freshness: a month after the latest is not a low-volume month");
	r.survey_date = dr_date_from_ymd(2026, 4, 2);
	dr_quality_row(&q, DR_BURNOUT, &r);
	q.load[DR_BURNOUT].latest = ym(2026, 4);
	tap_ok(dr_quality_holds(&q, DR_BURNOUT, last), "freshness: an April wave holds June (Q2)");
	tap_ok(!dr_quality_holds(&q, DR_BURNOUT, ym(2026, 3)), "freshness: ... not March (Q1 has no wave)");
	char words[16];
	dr_quality_latest_words(&q, DR_VISITS, words, sizeof words);
	tap_str(words, "2026-05", "freshness: latest month in words");
	q.load[DR_VISITS].latest = -1;
	dr_quality_latest_words(&q, DR_VISITS, words, sizeof words);
	tap_str(words, "none", "freshness: no rows: none");
	q.load[DR_VISITS].latest = ym(2026, 5);
	char *fb = NULL;
	size_t flen = 0;
	FILE *ff = open_memstream(&fb, &flen);
	dr_quality_write_csv(&q, ff);
	fclose(ff);
	tap_ok(strstr(fb, "\"visits\",\"latest_month\",\"2026-05\",,\"\"\n") != NULL, "CSV: latest month");
	tap_ok(strstr(fb, "\"visits\",\"report_month_missing\",\"2026-06\",,\"no row dated in the "
	                  "report month\"\n") != NULL, "CSV: the report month missing from visits");
	tap_ok(strstr(fb, "\"burnout\",\"report_month_missing\"") == NULL, "CSV: not from the survey");
	free(fb);
	dr_quality_free(&q);

	/* DENIED rows without a reason, and the CSV. */
	dr_quality_init(&q, first, last);
	q.loaded[DR_DENIALS] = true;
	q.load[DR_DENIALS].rows_read = 4;
	q.load[DR_DENIALS].rows_used = 2;
	q.load[DR_DENIALS].rows_ignored = 1;
	q.load[DR_DENIALS].skipped[DR_SKIP_BAD_DATE] = 1;
	q.load[DR_DENIALS].present[5] = true;           /* decision_date */
	q.load[DR_DENIALS].filled[5] = 1;
	q.load[DR_DENIALS].present[7] = true;           /* denial_reason */
	q.load[DR_DENIALS].filled[7] = 2;
	struct dr_denial d = { .request_id = "R", .department = "X", .status = DR_DENIAL_DENIED,
	                       .reason = DR_REASON_UNSPECIFIED };
	d.submitted_date = dr_date_from_ymd(2026, 3, 3);
	dr_quality_row(&q, DR_DENIALS, &d);
	d.reason = DR_REASON_OTHER;
	dr_quality_row(&q, DR_DENIALS, &d);
	tap_int(q.denied_unspecified, 1, "one DENIED row without a reason");
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	tap_int(dr_quality_write_csv(&q, fp), 0, "CSV written");
	fclose(fp);
	tap_ok(strncmp(buf, "\"extract\",\"measure\",\"detail\",\"value\",\"note\"\n", 44) == 0, "CSV header");
	tap_ok(strstr(buf, "\"visits\",\"not_loaded\",\"\",,\"no extract configured\"\n") != NULL,
	       "an extract not configured has one row");
	tap_ok(strstr(buf, "\"denials\",\"rows_read\",\"\",4,\"\"\n") != NULL, "rows read");
	tap_ok(strstr(buf, "\"denials\",\"rows_ignored\",\"\",1,\"\"\n") != NULL, "rows ignored");
	tap_ok(strstr(buf, "\"denials\",\"rows_skipped\",\"\",1,\"\"\n") != NULL, "rows skipped");
	tap_ok(strstr(buf, "\"denials\",\"skipped\",\"bad date\",1,\"\"\n") != NULL, "skipped by reason");
	tap_ok(strstr(buf, "\"denials\",\"skipped\",\"misplaced quote\",0,\"\"\n") != NULL,
	       "every reason has a row, zeros too");
	tap_ok(strstr(buf, "\"denials\",\"denied_without_reason\",\"\",1,\"\"\n") != NULL, "reasonless denials");
	tap_ok(strstr(buf, "\"denials\",\"column_filled\",\"decision_date\",0.5,\"\"\n") != NULL,
	       "filled share of used rows");
	tap_ok(strstr(buf, "\"denials\",\"column_filled\",\"amount\",0,\"absent\"\n") != NULL, "absent column");
	tap_ok(strstr(buf, "\"denials\",\"column_filled\",\"denial_reason\",0.5,\"\"\n") != NULL,
	       "denial_reason filled: 1 of the 2 DENIED rows, not of all rows");
	tap_ok(strstr(buf, "\"denials\",\"month_rows\",\"2026-03\",2,\"\"\n") != NULL, "rows per month");
	tap_ok(strstr(buf, "\"denials\",\"month_rows\",\"2026-06\",0,\"\"\n") != NULL, "empty months listed");
	tap_ok(strstr(buf, "low_volume_month") == NULL, "no month flagged without history");
	free(buf);
	dr_quality_free(&q);
	return tap_done();
}
