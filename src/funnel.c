/*
 * funnel.c -- funnel plot limits and flags (funnel.h).
 *
 * STUB: judges nothing yet (returns -1); the engine replaces it.
 */
#include <math.h>

#include "dyadreport/funnel.h"

int dr_funnel_judge(const double *y, const double *n, size_t count, enum dr_funnel_model model,
                    enum dr_funnel_od od, double target, struct dr_funnel *f,
                    struct dr_funnel_point *pt)
{
	(void)y, (void)n, (void)count, (void)model, (void)od, (void)target, (void)pt;
	*f = (struct dr_funnel){ model, DR_FUNNEL_OD_NONE, NAN, NAN, NAN, 0 };
	return -1;
}

double dr_funnel_limit(const struct dr_funnel *f, double n, double q)
{
	(void)f, (void)n, (void)q;
	return NAN;
}

const char *dr_funnel_flag_name(enum dr_funnel_flag flag)
{
	static const char *const names[] = { "within", "above 95%", "below 95%", "above 99.8%",
	                                     "below 99.8%", "no n" };
	return (unsigned)flag < sizeof names / sizeof names[0] ? names[flag] : "?";
}
