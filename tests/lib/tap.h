/*
 * tap.h -- a tiny TAP harness for the C unit tests.
 *
 * Each check prints "ok N - name" or "not ok N - name" with the values it
 * compared; tap_done() prints the plan and returns the exit status, so
 * automake's tap-driver counts every check. Header-only on purpose: each test
 * program includes it once.
 */
#ifndef DYADREPORT_TAP_H
#define DYADREPORT_TAP_H

#include <math.h>
#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

static inline void tap_ok(int cond, const char *name)
{
	tap_n++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - %s\n", cond ? "" : "not ", tap_n, name);
}

static inline void tap_int(long got, long want, const char *name)
{
	tap_ok(got == want, name);
	if (got != want)
		printf("#   got %ld, want %ld\n", got, want);
}

/* Equal within tol; two NANs compare equal (a missing value is a value). */
static inline void tap_num(double got, double want, double tol, const char *name)
{
	int ok = (isnan(got) && isnan(want)) || fabs(got - want) <= tol;
	tap_ok(ok, name);
	if (!ok)
		printf("#   got %.17g, want %.17g\n", got, want);
}

static inline void tap_str(const char *got, const char *want, const char *name)
{
	int ok = got && want ? strcmp(got, want) == 0 : got == want;
	tap_ok(ok, name);
	if (!ok)
		printf("#   got \"%s\", want \"%s\"\n", got ? got : "(null)", want ? want : "(null)");
}

static inline int tap_done(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
