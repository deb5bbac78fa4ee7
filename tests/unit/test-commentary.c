/*
 * test-commentary.c -- the commentary model (commentary.c): comments joined
 * per dyad, metric and month; an action's history (raised, updated,
 * closed, carried forward, overdue); rows after the report month ignored;
 * internal rows invisible to public queries; unknown keys left out.
 */
#include <stdlib.h>
#include <string.h>

#include "dyadreport/commentary.h"
#include "dyadreport/config.h"
#include "dyadreport/diag.h"
#include "tap.h"

static struct dr_commentary *model;

static dr_month M(int y, int m)
{
	return dr_month_make(y, m);
}

static dr_date D(int y, int m, int d)
{
	return dr_date_from_ymd(y, m, d);
}

static long line = 1;

static void add(const char *dyad, const char *metric, dr_month mo, const char *comment,
                const char *action, const char *owner, dr_date due, enum dr_action_status st,
                enum dr_audience aud)
{
	struct dr_comment_row r = { dyad, metric, mo, comment, action, owner, due, st, aud, ++line,
	                            "commentary.csv" };
	dr_commentary_add(DR_COMMENTARY, &r, model);
}

int main(void)
{
	dr_diag_set_verbosity(DR_QUIET);
	struct dr_dyad dyads[2] = { { .id = "oncology" }, { .id = "surgery" } };
	struct dr_config cfg = { .dyads = dyads, .ndyads = 2 };
	model = dr_commentary_new(&cfg, "commentary.csv");
	enum dr_action_status O = DR_ACTION_OPEN, DONE = DR_ACTION_DONE, DROP = DR_ACTION_DROPPED;
	enum dr_audience I = DR_AUDIENCE_INTERNAL, P = DR_AUDIENCE_PUBLIC;

	/* comments */
	add("oncology", "no_show_rate", M(2026, 10), "Reminder calls started.", NULL, NULL, DR_NO_DATE, O, I);
	add("oncology", "no_show_rate", M(2026, 10), "Public note.", NULL, NULL, DR_NO_DATE, O, P);
	add("oncology", "initial_denial_rate", M(2026, 9), "September only.", NULL, NULL, DR_NO_DATE, O, I);
	/* unknown keys: left out */
	add("cardiology", "no_show_rate", M(2026, 10), "x", NULL, NULL, DR_NO_DATE, O, I);
	add("oncology", "no_such_metric", M(2026, 10), "x", NULL, NULL, DR_NO_DATE, O, I);
	/* an action raised in September, due 2026-09-30, still open in October */
	add("oncology", "no_show_rate", M(2026, 9), NULL, "Call every new patient", "Mark Chen",
	    D(2026, 9, 30), O, I);
	/* an action raised in August, owner changed in September, done in October */
	add("oncology", "initial_denial_rate", M(2026, 8), NULL, "Payer portal training", "A. Ruiz",
	    D(2026, 12, 1), O, I);
	add("oncology", "initial_denial_rate", M(2026, 9), NULL, "Payer portal training", "B. Lee",
	    DR_NO_DATE, O, I);
	add("oncology", "initial_denial_rate", M(2026, 10), NULL, "Payer portal training", NULL,
	    DR_NO_DATE, DONE, I);
	/* dropped in September: gone by October */
	add("oncology", "no_show_rate", M(2026, 8), NULL, "Overbook Mondays", NULL, DR_NO_DATE, O, I);
	add("oncology", "no_show_rate", M(2026, 9), NULL, "Overbook Mondays", NULL, DR_NO_DATE, DROP, I);
	/* a public action, due at the very end of October */
	add("oncology", "burnout_share", M(2026, 10), NULL, "Protected admin time", "Dr. Ana Ruiz",
	    D(2026, 10, 31), O, P);
	/* raised after the report month: not there yet in October */
	add("oncology", "no_show_rate", M(2026, 11), NULL, "Later idea", NULL, DR_NO_DATE, O, I);
	/* another dyad's action */
	add("surgery", "no_show_rate", M(2026, 10), NULL, "Theatre list review", NULL, DR_NO_DATE, O, I);
	dr_commentary_finish(model);

	tap_int(dr_commentary_rows(model), 12, "12 rows kept");
	tap_int(dr_commentary_unknown(model), 2, "2 rows with an unknown dyad or metric left out");

	tap_str(dr_commentary_comment(model, 0, DR_M_NO_SHOW_RATE, M(2026, 10), false),
	        "Reminder calls started. Public note.", "comments of one key joined in file order");
	tap_str(dr_commentary_comment(model, 0, DR_M_NO_SHOW_RATE, M(2026, 10), true),
	        "Public note.", "public_only: only the public row");
	tap_ok(dr_commentary_comment(model, 0, DR_M_INITIAL_DENIAL_RATE, M(2026, 10), false) == NULL,
	       "a comment belongs to its month only");
	tap_str(dr_commentary_comment(model, 0, DR_M_INITIAL_DENIAL_RATE, M(2026, 9), false),
	        "September only.", "September's comment in September");
	tap_ok(dr_commentary_comment(model, 1, DR_M_NO_SHOW_RATE, M(2026, 10), false) == NULL,
	       "another dyad has none");
	tap_ok(dr_commentary_comment(NULL, 0, DR_M_NO_SHOW_RATE, M(2026, 10), false) == NULL,
	       "no model: no comment");

	struct dr_action *a;
	size_t nopen;
	size_t n = dr_commentary_actions(model, 0, M(2026, 10), false, &a, &nopen);
	tap_int((long)n, 3, "October: 3 actions listed");
	tap_int((long)nopen, 2, "... 2 of them open");
	if (n == 3) {
		tap_str(a[0].text, "Call every new patient", "open, raised September first");
		tap_int(a[0].raised, M(2026, 9), "raised in September");
		tap_ok(a[0].overdue, "due 30 September: overdue in October");
		tap_str(a[1].text, "Protected admin time", "then the one raised in October");
		tap_ok(a[1].overdue, "due 31 October: passed by the time October's packet is read");
		tap_str(a[2].text, "Payer portal training", "closed this month last");
		tap_int(a[2].status, DR_ACTION_DONE, "... done");
		tap_int(a[2].raised, M(2026, 8), "... raised in August");
		tap_str(a[2].owner, "B. Lee", "... latest owner given");
		tap_int(a[2].due, D(2026, 12, 1), "... latest due date given");
		tap_ok(!a[2].overdue, "a closed action is never overdue");
	}
	free(a);

	n = dr_commentary_actions(model, 0, M(2026, 9), false, &a, &nopen);
	tap_int((long)n, 3, "September: 2 open and 1 dropped that month");
	tap_int((long)nopen, 2, "... 2 open");
	if (n == 3) {
		tap_str(a[0].text, "Payer portal training", "raised in August first");
		tap_ok(!a[0].overdue, "due in December: not overdue in September");
		tap_str(a[1].text, "Call every new patient", "then September's");
		tap_ok(a[1].overdue, "due 30 September: passed by the time September's packet is read");
		tap_str(a[2].text, "Overbook Mondays", "dropped in September");
		tap_int(a[2].status, DR_ACTION_DROPPED, "... as dropped");
	}
	free(a);

	n = dr_commentary_actions(model, 0, M(2026, 11), false, &a, &nopen);
	tap_int((long)nopen, 3, "November: the two still open and November's new one");
	tap_int((long)n, 3, "... and nothing closed in November");
	free(a);

	n = dr_commentary_actions(model, 0, M(2026, 10), true, &a, &nopen);
	tap_int((long)n, 1, "public: only the public action");
	if (n == 1)
		tap_str(a[0].text, "Protected admin time", "... Protected admin time");
	free(a);

	tap_int((long)dr_commentary_open_count(model, 0, M(2026, 10), DR_NMETRICS, false), 2,
	        "open count, any metric");
	tap_int((long)dr_commentary_open_count(model, 0, M(2026, 10), DR_M_NO_SHOW_RATE, false), 1,
	        "open count, no-show rate");
	tap_int((long)dr_commentary_open_count(model, 0, M(2026, 10), DR_M_NO_SHOW_RATE, true), 0,
	        "public open count, no-show rate");
	tap_int((long)dr_commentary_open_count(model, 1, M(2026, 10), DR_NMETRICS, false), 1,
	        "surgery: 1 open");
	tap_int((long)dr_commentary_open_count(model, 0, M(2026, 7), DR_NMETRICS, false), 0,
	        "before any row: none");

	dr_commentary_free(model);
	return tap_done();
}
