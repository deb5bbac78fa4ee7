/*
 * fuzz-fields.c -- libFuzzer target for load-field.c's pure parsers:
 * dr_load_date_format_valid, dr_load_parse_date, dr_load_parse_number,
 * dr_load_parse_bool and dr_load_utf8_valid.
 *
 * Input: one selector byte, then the cell. Selector bits 0-1 pick the date
 * format (%Y-%m-%d, %m/%d/%Y, %d.%m.%Y %H:%M, or "custom": the format is the
 * cell's bytes up to the first NUL and the cell is the rest). The cell is
 * passed without a terminating NUL, exactly as libFuzzer hands it over, so
 * AddressSanitizer catches any read past its end.
 * Checks (a broken one aborts): a parsed date lies inside 1990..2100 and is
 * a real day, and only a format dr_load_date_format_valid accepts parses;
 * 2024-03-05 13:45:10 written in any valid format parses back;
 * a parsed number is finite and only from the allowed characters; bool
 * agrees with its word list; dr_load_utf8_valid agrees with an independent
 * decoder written the other way round (decode, then judge the code point).
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dyadreport/load.h"
#include "fuzz-file.h"

static const char *const formats[3] = { "%Y-%m-%d", "%m/%d/%Y", "%d.%m.%Y %H:%M" };

/* Says which rule broke and aborts. */
static void fail(const char *what)
{
	dprintf(2, "fuzz-fields: contract broken: %s\n", what);
	abort();
}

/* Reference UTF-8 check: decode each sequence, then reject NUL, overlong
 * forms, surrogates and values over U+10FFFF. */
static bool utf8_reference(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned c = s[i], n, cp, min;
		if (c < 0x80) {
			n = 0; cp = c; min = 1;
		} else if ((c & 0xE0) == 0xC0) {
			n = 1; cp = c & 0x1F; min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 2; cp = c & 0x0F; min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 3; cp = c & 0x07; min = 0x10000;
		} else
			return false;
		if (len - i <= n)
			return false;
		for (unsigned k = 1; k <= n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return false;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return false;
		i += n + 1;
	}
	return true;
}

/* Reference bool: the eight words, any ASCII case. */
static int bool_reference(const char *s, size_t len)
{
	static const char *const yes[] = { "y", "yes", "true", "1" };
	static const char *const no[] = { "n", "no", "false", "0" };
	for (int w = 0; w < 4; w++) {
		if (strlen(yes[w]) == len && strncasecmp(s, yes[w], len) == 0)
			return 1;
		if (strlen(no[w]) == len && strncasecmp(s, no[w], len) == 0)
			return 0;
	}
	return -1;
}


int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	unsigned sel = data[0] & 3;
	const char *cell = (const char *)data + 1;
	size_t len = size - 1;
	char *custom = NULL;
	const char *fmt;
	if (sel == 3) {
		const char *nul = memchr(cell, '\0', len);
		if (!nul)
			return 0;
		custom = strndup(cell, (size_t)(nul - cell));
		if (!custom)
			abort();
		len -= (size_t)(nul - cell) + 1;
		cell = nul + 1;
		fmt = custom;
	} else
		fmt = formats[sel];

	/* Copy the cell so it ends exactly at the allocation's end. */
	char *s = malloc(len ? len : 1);
	if (!s)
		abort();
	memcpy(s, cell, len);

	bool fmt_ok = dr_load_date_format_valid(fmt);
	if (sel != 3 && !fmt_ok)
		fail("a built-in date format is refused");
	dr_date d = 0;
	enum dr_skip_reason why = DR_NSKIP;
	if (fmt_ok) {
		/* A date written in a valid format parses back to itself. */
		size_t tsize = 2 * strlen(fmt) + 8;    /* "%Y" -> 4 bytes at most */
		char *text = malloc(tsize);
		if (!text)
			abort();
		fz_format_date(fmt, text, tsize);
		if (!dr_load_parse_date(text, strlen(text), fmt, &d, &why)
		    || d != dr_date_from_ymd(2024, 3, 5))
			fail("a date written in a valid format does not parse back");
		free(text);
	}
	if (dr_load_parse_date(s, len, fmt, &d, &why)) {
		int y, m, day;
		if (!fmt_ok)
			fail("a date parsed with a refused format");
		dr_date_to_ymd(d, &y, &m, &day);
		if (!dr_date_valid(y, m, day) || y < DR_LOAD_YEAR_MIN || y > DR_LOAD_YEAR_MAX)
			fail("parsed date out of range");
		if (dr_date_from_ymd(y, m, day) != d)
			fail("date does not round-trip");
	} else if (why != DR_SKIP_BAD_DATE && why != DR_SKIP_DATE_RANGE)
		fail("date refused without a reason");

	double v;
	if (dr_load_parse_number(s, len, &v)) {
		if (!isfinite(v))
			fail("number not finite");
		for (size_t i = 0; i < len; i++)
			if (!strchr("0123456789.+-eE", s[i]) || s[i] == '\0')
				fail("number with a character outside [0-9.+-eE]");
	}

	bool b;
	int want = bool_reference(s, len);
	bool got = dr_load_parse_bool(s, len, &b);
	if (got != (want >= 0) || (got && b != (want == 1)))
		fail("bool differs from its word list");

	if (dr_load_utf8_valid(s, len) != utf8_reference((const unsigned char *)s, len))
		fail("UTF-8 check differs from the reference decoder");

	free(s);
	free(custom);
	return 0;
}
