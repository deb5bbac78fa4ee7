/*
 * cli-int.h -- what the analyst subcommands (`dyadreport spc`, `dyadreport
 * funnel`) share to read their CSV cells (cli-cells.c). Internal.
 */
#ifndef DYADREPORT_CLI_INT_H
#define DYADREPORT_CLI_INT_H

#include <stdbool.h>
#include <stddef.h>

/* Trims ASCII spaces of s[0..len) in place; returns the start. */
char *dr_cli_trim(char *s, size_t len);
/* A finite number, or NAN for an empty cell; false when not a number. */
bool dr_cli_number(const char *s, double *out);

#endif
