/*
 * test-leftout.c -- the counts of rows left out of a measure (leftout.h):
 * each cause's test on one row, the trend-window rule and its pending-age
 * exception, and the table of department codes no dyad owns (case
 * ignored, unprintable and long codes kept without text, the cap of
 * DR_LEFT_CODES_MAX codes, the sort order). Prints TAP.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/leftout.h"
#include "tap.h"

int main(void)
{
	struct dr_left_out lo = { 0 };
	dr_date d = dr_date_from_ymd(2026, 10, 5), end = dr_date_from_ymd(2026, 10, 31);

	/* visits: only COMPLETED rows of the window count */
	struct dr_visit v = { .status = DR_VISIT_COMPLETED, .visit_date = d, .booked_date = d + 1,
	                      .duration_min = 65535.4, .wrvu = NAN };
	dr_left_out_row(&lo, DR_VISITS, &v, true, end);
	v.duration_min = 65535.6;
	dr_left_out_row(&lo, DR_VISITS, &v, true, end);
	v.duration_min = 1e300;                                 /* past LONG_MAX too */
	dr_left_out_row(&lo, DR_VISITS, &v, true, end);
	v.duration_min = 65535.6;
	dr_left_out_row(&lo, DR_VISITS, &v, false, end);        /* outside the window */
	v.status = DR_VISIT_NO_SHOW;
	dr_left_out_row(&lo, DR_VISITS, &v, true, end);
	v.status = DR_VISIT_COMPLETED;
	v.booked_date = d;                                      /* booked the same day: fine */
	v.duration_min = NAN;
	dr_left_out_row(&lo, DR_VISITS, &v, true, end);
	tap_int(lo.rows[DR_LEFT_BOOKED_AFTER_VISIT], 3, "booked after the visit: 3 completed rows of the window");
	tap_int(lo.rows[DR_LEFT_MINUTES_CAPPED], 2, "65,535.4 minutes rounds to the cap, 65,535.6 and 1e300 past it");

	/* denials */
	struct dr_denial r = { .status = DR_DENIAL_DENIED, .reason = DR_REASON_UNSPECIFIED,
	                       .submitted_date = d - 400, .decision_date = DR_NO_DATE, .appeal = DR_APPEAL_NONE };
	dr_left_out_row(&lo, DR_DENIALS, &r, false, end);       /* a year old, no decision date */
	r.submitted_date = end + 1;
	dr_left_out_row(&lo, DR_DENIALS, &r, false, end);       /* after the report month */
	tap_int(lo.rows[DR_LEFT_DECIDED_NO_DATE], 1, "no decision date: counted by pending age, of any month up to the end");
	tap_int(lo.rows[DR_LEFT_DENIED_NO_REASON], 0, "no reason outside the window: not counted");
	r.submitted_date = d;
	r.decision_date = d + 2;
	dr_left_out_row(&lo, DR_DENIALS, &r, true, end);
	r.status = DR_DENIAL_PENDING;
	r.appeal = DR_APPEAL_UPHELD;
	dr_left_out_row(&lo, DR_DENIALS, &r, true, end);
	r.status = DR_DENIAL_APPROVED;
	r.decision_date = DR_NO_DATE;
	dr_left_out_row(&lo, DR_DENIALS, &r, true, end);
	tap_int(lo.rows[DR_LEFT_DENIED_NO_REASON], 1, "DENIED without a reason");
	tap_int(lo.rows[DR_LEFT_PENDING_WITH_DATE], 1, "PENDING with a decision date");
	tap_int(lo.rows[DR_LEFT_APPEAL_NOT_DENIED], 2, "appeal on PENDING and APPROVED rows");
	tap_int(lo.rows[DR_LEFT_DECIDED_NO_DATE], 2, "APPROVED without a decision date");

	/* handoffs */
	struct dr_handoff h = { .handoff_date = d, .completed = true, .hours_to_complete = NAN };
	dr_left_out_row(&lo, DR_HANDOFFS, &h, true, end);
	h.hours_to_complete = 6553.5;
	dr_left_out_row(&lo, DR_HANDOFFS, &h, true, end);
	h.hours_to_complete = 6553.6;
	dr_left_out_row(&lo, DR_HANDOFFS, &h, true, end);
	h.hours_to_complete = 1e300;
	dr_left_out_row(&lo, DR_HANDOFFS, &h, true, end);
	h.completed = false;
	dr_left_out_row(&lo, DR_HANDOFFS, &h, true, end);
	tap_int(lo.rows[DR_LEFT_COMPLETED_NO_HOURS], 1, "completed, no hours");
	tap_int(lo.rows[DR_LEFT_HOURS_CAPPED], 2, "6,553.5 hours is the cap, 6,553.6 and 1e300 past it");
	tap_int(lo.rows[DR_LEFT_HOURS_NOT_COMPLETED], 1, "hours on a handoff not completed");

	/* the definitions */
	tap_ok(dr_left_cause_def(DR_BURNOUT, DR_LEFT_UNOWNED) != NULL, "every extract has the unowned cause");
	tap_ok(dr_left_cause_def(DR_BURNOUT, DR_LEFT_BOOKED_AFTER_VISIT) == NULL, "... and only its own others");
	tap_ok(strcmp(dr_left_cause_def(DR_VISITS, DR_LEFT_BOOKED_AFTER_VISIT)->columns, "booked_date") == 0,
	       "a cause names its column");
	dr_left_out_free(&lo);

	/* department codes: case ignored, first spelling kept */
	char code[64];
	dr_left_out_unowned(&lo, "Ortho");
	dr_left_out_unowned(&lo, "ORTHO");
	dr_left_out_unowned(&lo, "ortho");
	dr_left_out_unowned(&lo, "\xC3\x89" "COLE");                   /* not ASCII */
	dr_left_out_unowned(&lo, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456");  /* 33 bytes */
	dr_left_out_unowned(&lo, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345");   /* 32 bytes */
	dr_left_out_unowned(&lo, "T\tAB");                             /* a control byte */
	dr_left_out_unowned(&lo, "B");
	dr_left_out_unowned(&lo, "A");
	size_t n;
	struct dr_left_code *v2 = dr_left_out_sorted_codes(&lo, &n);
	tap_int((long)n, 7, "7 codes: Ortho in three spellings is one");
	tap_ok(strcmp(v2[0].text, "Ortho") == 0 && v2[0].rows == 3, "Ortho first, 3 rows, as first spelt");
	tap_ok(strcmp(v2[1].text, "A") == 0 && strcmp(v2[2].text, "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345") == 0 &&
	       strcmp(v2[3].text, "B") == 0, "then by text in byte order; a 32-byte code is printed");
	tap_ok(!*v2[4].text && !*v2[5].text && !*v2[6].text,
	       "non-ASCII, 33-byte and control-byte codes last, without text");
	free(v2);
	tap_int(lo.rows[DR_LEFT_UNOWNED], 9, "9 rows of no dyad");
	dr_left_out_free(&lo);

	/* the cap: codes past DR_LEFT_CODES_MAX are only counted */
	for (int i = 0; i < DR_LEFT_CODES_MAX + 44; i++) {
		snprintf(code, sizeof code, "C%d", i);
		dr_left_out_unowned(&lo, code);
		dr_left_out_unowned(&lo, code);
	}
	tap_int((long)lo.ncodes, DR_LEFT_CODES_MAX, "codes kept up to the cap");
	tap_int(lo.more_rows, 88, "44 further codes, 2 rows each, counted together");
	tap_int(lo.rows[DR_LEFT_UNOWNED], 2 * (DR_LEFT_CODES_MAX + 44), "every row counted");
	dr_left_out_free(&lo);
	tap_ok(lo.codes == NULL && lo.ncodes == 0 && lo.rows[DR_LEFT_UNOWNED] == 0, "freed: empty again");
	return tap_done();
}
