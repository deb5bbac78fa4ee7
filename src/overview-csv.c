/*
 * overview-csv.c -- overview.csv at the output root (overview.h): one row
 * per dyad x metric of the overview's matrix, dyads in config order, each
 * dyad's metrics in the matrix's order (domain, then metric):
 *
 *   dyad, metric, month, status, value, variation_icon, assurance,
 *   target, change, funnel
 *
 * month is the latest point's period (YYYY-MM, a survey wave's first
 * month); status is "value", "no_data", "hidden" or "too_few_cases" (a
 * rate on fewer than [report] min_denominator cases: its value is shown,
 * never judged); value is empty unless there is one; the icons are named
 * as in metrics.csv ("common_cause", "special_cause_concern", ...;
 * "pass", "fail", "hit_and_miss"), empty where the PDF draws no icon (the
 * point is not judged; no target); change lists the changes of this month
 * that are new special causes or targets newly met or missed
 * ("new_signal", "target_met", "target_missed"), separated by "; ";
 * funnel, for the key rates compared across the dyads (overview.h), where
 * the dyad lies in the funnel: "within", "above 95%", "below 99.8%", ...
 * (dr_funnel_flag_name), empty for other metrics, a dyad left out (no
 * cases, hidden) or when there is no comparison. No numerators or denominators: nothing a count can be read from.
 * Through write-csv.c (quoted, formula-guarded), BOM with [output]
 * csv_bom; written atomically. Never: prints a value.
 */
#include <math.h>
#include <string.h>

#include "dyadreport/overview.h"
#include "dyadreport/write.h"

static const char *const head[] = {
	"dyad", "metric", "month", "status", "value", "variation_icon", "assurance", "target",
	"change", "funnel",
};

static const char *status(const struct dr_overview_cell *c)
{
	switch (c->state) {
	case DR_OVERVIEW_VALUE: return c->small ? "too_few_cases" : "value";
	case DR_OVERVIEW_HIDDEN: return "hidden";
	default: return "no_data";
	}
}

int dr_overview_csv(const char *path, const struct dr_overview_input *in,
                    const struct dr_overview *o)
{
	struct dr_wfile w;
	if (dr_write_open(&w, path) != 0)
		return -1;
	FILE *fp = w.fp;
	int col = 0;
	dr_csv_begin(fp, in->cfg->csv_bom);
	for (size_t i = 0; i < sizeof head / sizeof *head; i++)
		dr_csv_text(fp, &col, head[i]);
	dr_csv_end(fp, &col);
	for (size_t c = 0; c < o->ndyads; c++)
		for (size_t r = 0; r < o->nmetrics; r++) {
			const struct dr_overview_cell *cell = dr_overview_at(o, r, c);
			const struct dr_series *s = cell->s;
			char month[16] = "", change[64] = "";
			if (s && s->n)
				dr_month_format(s->period[s->n - 1], month, sizeof month);
			for (int k = 0; k < DR_NCHANGE_KINDS; k++)
				if (cell->changes & (1u << k)) {
					if (*change)
						strcat(change, "; ");
					strcat(change, dr_overview_change_name(k));
				}
			dr_csv_text(fp, &col, in->cfg->dyads[o->dyad[c]].id);
			dr_csv_text(fp, &col, dr_metric_def(o->metric[r])->key);
			dr_csv_text(fp, &col, month);
			dr_csv_text(fp, &col, status(cell));
			dr_csv_num(fp, &col, cell->value);
			dr_csv_text(fp, &col, dr_spc_point_type_name(cell->variation));
			dr_csv_text(fp, &col, dr_spc_assurance_name(cell->assurance));
			dr_csv_num(fp, &col, s && s->has_target ? s->target : NAN);
			dr_csv_text(fp, &col, change);
			const struct dr_overview_funnel *fu = dr_overview_funnel_of(o, r);
			dr_csv_text(fp, &col, fu && fu->pt[c].flag != DR_FUNNEL_NO_N
			                      ? dr_funnel_flag_name(fu->pt[c].flag) : "");
			dr_csv_end(fp, &col);
		}
	return dr_write_commit(&w);
}
