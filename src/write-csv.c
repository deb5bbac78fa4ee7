/*
 * write-csv.c -- CSV cells for metrics.csv and data-quality.csv.
 *
 * Text goes through libcsv's csv_fwrite (always quoted, quotes doubled);
 * numbers are written bare with 15 significant digits, empty when NAN, so
 * the same inputs always give the same bytes. A text cell that a
 * spreadsheet would run as a formula (= + - @ tab CR first) is prefixed
 * with '. Write errors surface at dr_write_commit() through ferror().
 * dr_csv_begin() puts the UTF-8 byte order mark first when [output]
 * csv_bom asks for it, and nothing otherwise.
 */
#include <csv.h>
#include <math.h>
#include <string.h>

#include "dyadreport/write.h"

void dr_csv_begin(FILE *fp, bool bom)
{
	if (bom)
		fputs("\xEF\xBB\xBF", fp);
}

/* Writes the separator before every cell but a row's first. */
static void sep(FILE *fp, int *col)
{
	if ((*col)++)
		fputc(',', fp);
}

void dr_csv_text(FILE *fp, int *col, const char *s)
{
	sep(fp, col);
	if (!s)
		s = "";
	if (s[0] && strchr("=+-@\t\r", s[0])) {
		/* The same quoting csv_fwrite does, with the guard inside. */
		fputs("\"'", fp);
		for (const char *p = s; *p; p++) {
			if (*p == '"')
				fputc('"', fp);
			fputc(*p, fp);
		}
		fputc('"', fp);
		return;
	}
	csv_fwrite(fp, s, strlen(s));
}

void dr_csv_num(FILE *fp, int *col, double v)
{
	sep(fp, col);
	if (!isnan(v) && isfinite(v))
		fprintf(fp, "%.15g", v == 0 ? 0.0 : v);
}

void dr_csv_end(FILE *fp, int *col)
{
	fputc('\n', fp);
	*col = 0;
}
