/*
 * spctest.h -- what the SPC unit tests share: dr_spc_judge() run into a
 * result whose signals and point types read as one string per series, one
 * character per point:
 *   signal: '.' none, 'O' outside limits, 'T' trend, '2' two of three, 'R' run
 *   type:   '-' none, 'c' common cause, 'I' improvement, 'C' concern,
 *           'H' neutral high, 'L' neutral low
 */
#ifndef DYADREPORT_SPCTEST_H
#define DYADREPORT_SPCTEST_H

#include <string.h>

#include "dyadreport/spc.h"

#define MAXN 128
#define TOL 1e-9
#define LEN(a) (sizeof(a) / sizeof((a)[0]))

struct res {
	struct dr_spc_point p[MAXN];
	struct dr_spc_summary s;
	char sig[MAXN + 1];
	char typ[MAXN + 1];
};

static inline char sigchar(enum dr_spc_signal s)
{
	switch (s) {
	case DR_SIGNAL_OUTSIDE: return 'O';
	case DR_SIGNAL_TREND: return 'T';
	case DR_SIGNAL_TWO_OF_THREE: return '2';
	case DR_SIGNAL_RUN: return 'R';
	case DR_SIGNAL_NONE: break;
	}
	return '.';
}

static inline char typechar(enum dr_spc_point_type t)
{
	switch (t) {
	case DR_POINT_COMMON: return 'c';
	case DR_POINT_IMPROVEMENT: return 'I';
	case DR_POINT_CONCERN: return 'C';
	case DR_POINT_NEUTRAL_HIGH: return 'H';
	case DR_POINT_NEUTRAL_LOW: return 'L';
	case DR_POINT_NONE: break;
	}
	return '-';
}

/* Runs dr_spc_judge on y[0..n) (n <= MAXN) and renders the two strings. */
static inline void judge(const double *y, const bool *ex, size_t n,
                         const struct dr_spc_options *o, struct res *r)
{
	memset(r, 0, sizeof(*r));
	dr_spc_judge(y, ex, n, o, r->p, &r->s);
	for (size_t i = 0; i < n; i++) {
		r->sig[i] = sigchar(r->p[i].signal);
		r->typ[i] = typechar(r->p[i].type);
	}
}

#endif
