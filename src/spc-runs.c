/*
 * spc-runs.c -- the Anhøj runs analysis of one phase (the anhoej rule set).
 *
 * Takes:   one phase (spc-int.h) whose centre is in out[i].cl, and the
 *          options (better direction, chart type).
 * Returns: out[i].runs for every point of the phase (qicharts2 0.8.1
 *          runs.analysis: useful points, longest run and its maximum,
 *          crossings and their minimum, the signal), and out[i].type:
 *          COMMON, or for a point in a run longer than the maximum, or in
 *          the latest run of a phase whose only runs signal is too few
 *          crossings, the type of a signal on its side; NONE for a point
 *          without a value or excluded (never judged). The 3-sigma signal and its type are set
 *          later by spc.c, after `multiply`, as qicharts2 does.
 * Never:   allocates beyond one scratch array, prints, or keeps state.
 * Follows: qicharts2's runs.analysis: points on the centre line and missing
 *          or excluded points are dropped before counting; longest run >
 *          round(log2(n)) + 3 (Schilling) or crossings < qbinom(0.05, n - 1,
 *          0.5) (Chen) signals; no useful point means NA counts and no
 *          signal; the MR chart never has a runs signal.
 */
#include <float.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdlib.h>

#include "dyadreport/dyadreport.h"
#include "spc-int.h"

int dr_spc_longest_run_max(int n)
{
	return n < 1 ? -1 : (int)lround(log2((double)n)) + 3;
}

/*
 * qbinom(0.05, n - 1, 0.5): the smallest c with P(Bin(n - 1, 1/2) <= c) >=
 * 0.05, with R's own fuzz (p * (1 - 64 DBL_EPSILON)). The CDF is summed in
 * log space so long series do not underflow.
 */
int dr_spc_crossings_min(int n)
{
	int m = n - 1;
	long double logp, logcdf, target = logl(0.05L * (1 - 64 * DBL_EPSILON));

	if (m <= 0)
		return 0;
	logp = -(long double)m * logl(2.0L);
	logcdf = logp;
	for (int c = 0; c < m; c++) {
		if (logcdf >= target)
			return c;
		logp += logl((long double)(m - c) / (long double)(c + 1));
		/* logcdf = log(exp(logcdf) + exp(logp)), stably */
		if (logp > logcdf)
			logcdf = logp + log1pl(expl(logcdf - logp));
		else
			logcdf = logcdf + log1pl(expl(logp - logcdf));
	}
	return m;
}

void dr_spc_runs_apply(const struct dr_spc_options *o, const struct dr_spc_phase *ph,
                       struct dr_spc_point *out)
{
	size_t n = ph->n, k = 0;
	size_t *idx = dr_xmalloc((n ? n : 1) * sizeof *idx);
	signed char *side = dr_xmalloc(n ? n : 1);
	struct dr_spc_runs r = { .longest = -1, .longest_max = -1,
	                         .crossings = -1, .crossings_min = -1 };

	/* The useful points: included, with a value and a centre, off the centre. */
	for (size_t i = 0; i < n; i++) {
		double y = ph->y[i], cl = out[i].cl;
		if (isnan(y) || isnan(cl) || (ph->exclude && ph->exclude[i]) || y == cl)
			continue;
		idx[k] = i;
		side[k++] = y > cl ? 1 : -1;
	}
	r.useful = (int)k;
	if (k > 0) {
		int runs = 1, len = 1, longest = 1;
		for (size_t j = 1; j < k; j++) {
			if (side[j] == side[j - 1]) {
				len++;
			} else {
				runs++;
				len = 1;
			}
			if (len > longest)
				longest = len;
		}
		r.longest = longest;
		r.longest_max = dr_spc_longest_run_max((int)k);
		r.crossings = runs - 1;
		r.crossings_min = dr_spc_crossings_min((int)k);
		r.signal = ph->chart != DR_SPC_MR &&
		           (r.longest > r.longest_max || r.crossings < r.crossings_min);
	}

	for (size_t i = 0; i < n; i++) {
		out[i].runs = r;
		out[i].signal = DR_SIGNAL_NONE;
		/* A provisional (excluded) point is not judged. */
		bool judged = !isnan(ph->y[i]) && !(ph->exclude && ph->exclude[i]);
		out[i].type = judged ? DR_POINT_COMMON : DR_POINT_NONE;
	}
	/*
	 * Points of a run longer than the maximum carry its direction. Too few
	 * crossings alone say the process has shifted without saying where:
	 * the latest run, the side it sits on now, carries it.
	 */
	for (size_t a = 0, b; ph->chart != DR_SPC_MR && a < k; a = b) {
		for (b = a + 1; b < k && side[b] == side[a]; b++)
			;
		bool shifted = (int)(b - a) > r.longest_max ||
		               (b == k && r.longest <= r.longest_max &&
		                r.crossings < r.crossings_min);
		for (size_t j = a; shifted && j < b; j++)
			out[idx[j]].type = dr_spc_type_of(side[a], o->better);
	}
	free(idx);
	free(side);
}
