/*
 * cli-cells.c -- a subcommand's CSV cells (cli-int.h): trimmed text, and a
 * number or an empty cell.
 *
 * Takes: one cell's bytes. Returns: the trimmed start; a finite number or
 * NAN for empty. Never: prints (the caller names FILE:LINE: column X).
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "cli-int.h"

char *dr_cli_trim(char *s, size_t len)
{
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

bool dr_cli_number(const char *s, double *out)
{
	char *end;

	if (*s == '\0') {
		*out = NAN;
		return true;
	}
	errno = 0;
	*out = strtod(s, &end);
	return end != s && *end == '\0' && isfinite(*out) && errno != ERANGE;
}
