/*
 * load-field.c -- one cell's text to one typed value.
 *
 * Takes: a cell as bytes s[0..len) (no NUL needed; surrounding spaces
 *        already trimmed by the caller) and, for dates, the configured
 *        strptime-style format.
 * Returns: true and the value, or false (dates also say why: a bad date or
 *          one outside DR_LOAD_YEAR_MIN..DR_LOAD_YEAR_MAX).
 * Owns: nothing; no allocation, no state, so the fuzzers can call it freely.
 * Never: prints, reads files, depends on the locale or the time zone, or
 *        calls strptime/sscanf (too slow for millions of rows and
 *        locale-dependent).
 *
 * Dates: %Y is exactly four digits; %m %d %H %M %S one or two digits (Excel
 * writes 1/5/2024); a space in the format matches one or more spaces; other
 * characters match themselves. A format without %H accepts a trailing time
 * (" 13:45", "T13:45:00", " 1:45 PM", " 00:00:00.000"), dropped: dates are
 * whole days. Numbers: strtod on a copy, only after checking that every byte
 * is a digit, a sign, '.', 'e' or 'E', so "nan", "inf", "0x10" and "1,5" are
 * rejected whatever libc accepts; "1e3" is 1000 (spreadsheets write large
 * amounts that way). The loader runs with LC_NUMERIC = "C" (the program never
 * calls setlocale for numbers).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/load.h"

/* Reads between min and max digits at s[*i..len) into *v. */
static bool digits(const char *s, size_t len, size_t *i, int min, int max, int *v)
{
	int n = 0, x = 0;
	while (*i < len && n < max && s[*i] >= '0' && s[*i] <= '9') {
		x = x * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	*v = x;
	return n >= min;
}

/* true if c is the lower-case letter lower in either case. */
static bool is_letter(char c, char lower)
{
	return lower >= 'a' && lower <= 'z' && (c == lower || c == lower - ('a' - 'A'));
}

/* true if s[i..len) is empty or an ISO 8601 zone: Z, +HH, +HHMM, +HH:MM
 * (or -). The date stays as written: the zone is read, never applied. */
static bool zone(const char *s, size_t len, size_t i)
{
	int h, m = 0;
	if (i == len)
		return true;
	if (i + 1 == len && (s[i] == 'Z' || s[i] == 'z'))
		return true;
	if (s[i] != '+' && s[i] != '-')
		return false;
	i++;
	if (!digits(s, len, &i, 2, 2, &h))
		return false;
	if (i < len && s[i] == ':')
		i++;
	if (i < len && !digits(s, len, &i, 2, 2, &m))
		return false;
	return i == len && h <= 14 && m <= 59;
}

/* Accepts the optional time after a date-only format; true if s[i..len) is
 * empty or such a time. */
static bool trailing_time(const char *s, size_t len, size_t i)
{
	int h, m, sec = 0;
	if (i == len)
		return true;
	if (s[i] != ' ' && s[i] != 'T')
		return false;
	i++;
	if (!digits(s, len, &i, 1, 2, &h) || i >= len || s[i++] != ':'
	    || !digits(s, len, &i, 2, 2, &m))
		return false;
	if (i < len && s[i] == ':') {
		i++;
		if (!digits(s, len, &i, 2, 2, &sec))
			return false;
		if (i < len && s[i] == '.') {
			size_t start = ++i;
			while (i < len && s[i] >= '0' && s[i] <= '9')
				i++;
			if (i == start)
				return false;
		}
	}
	if (m > 59 || sec > 59)
		return false;
	if (i + 3 == len && s[i] == ' ' && (is_letter(s[i + 1], 'a') || is_letter(s[i + 1], 'p'))
	    && is_letter(s[i + 2], 'm'))
		return h >= 1 && h <= 12;
	return zone(s, len, i) && h <= 23;
}

/* true if fmt (the rest of a format) is a valid time part: exactly one %H,
 * any %M %S %% and literals, no date field and nothing walk() refuses. */
static bool date_done(const char *fmt)
{
	int h = 0;
	for (const char *f = fmt; *f; f++) {
		if (*f != '%')
			continue;
		switch (*++f) {
		case 'H': h++; break;
		case 'M': case 'S': case '%': break;
		default: return false;  /* a date field, or not a format at all */
		}
	}
	return h == 1;
}

/* Shared walk of fmt: checks it, and parses s when s is not NULL. */
static bool walk(const char *fmt, const char *s, size_t len, int *y, int *mo, int *d)
{
	size_t i = 0;
	int ny = 0, nm = 0, nd = 0, nh = 0, v;
	for (const char *f = fmt; *f; f++) {
		/* A date-time format also reads a date alone: the value may end
		 * where the time part would start, once %Y %m %d are read. */
		if (s && i == len && ny == 1 && nm == 1 && nd == 1 && nh == 0 && date_done(f))
			return true;
		if (*f == ' ') {
			while (f[1] == ' ')
				f++;            /* a run of spaces matches one or more */
			if (s) {
				size_t start = i;
				while (i < len && s[i] == ' ')
					i++;
				if (i == start)
					return false;
			}
			continue;
		}
		if (*f != '%' || f[1] == '%') {
			if (*f == '%')
				f++;
			if (s && (i >= len || s[i++] != *f))
				return false;
			continue;
		}
		f++;
		int lo = 0, hi = 0, width = 2;
		switch (*f) {
		case 'Y': ny++; width = 4; lo = 0; hi = 9999; break;
		case 'm': nm++; lo = 1; hi = 12; break;
		case 'd': nd++; lo = 1; hi = 31; break;
		case 'H': nh++; lo = 0; hi = 23; break;
		case 'M': lo = 0; hi = 59; break;
		case 'S': lo = 0; hi = 59; break;
		default: return false;
		}
		if (!s)
			continue;
		if (!digits(s, len, &i, width == 4 ? 4 : 1, width, &v) || v < lo || v > hi)
			return false;
		if (*f == 'Y')
			*y = v;
		else if (*f == 'm')
			*mo = v;
		else if (*f == 'd')
			*d = v;
	}
	if (ny != 1 || nm != 1 || nd != 1 || nh > 1)
		return false;
	if (!s)
		return true;
	return nh ? zone(s, len, i) : trailing_time(s, len, i);
}

/* true if fmt is a date format this file understands. */
bool dr_load_date_format_valid(const char *fmt)
{
	return fmt && walk(fmt, NULL, 0, NULL, NULL, NULL);
}

/* Whether fmt is "%Y-%m-%d" (byte by byte: cheaper than strcmp per cell). */
static inline bool is_iso(const char *f)
{
	return f[0] == '%' && f[1] == 'Y' && f[2] == '-' && f[3] == '%' && f[4] == 'm' && f[5] == '-'
	       && f[6] == '%' && f[7] == 'd' && f[8] == '\0';
}

/* A month's first day and length. */
struct month_start {
	int32_t key;                /* y * 12 + m: 1 or more, so 0 is an empty entry */
	dr_date first;
	int days;
};

/* The first day and the days of month m (1..12) of year y (0..9999): an
 * extract's dates fall in a few months, so a small table per thread keeps
 * them (dr_date_from_ymd divides; a date is its month's first day plus
 * the day less one, valid when the day is within the month's days, which
 * is dr_date_valid's rule). */
static inline const struct month_start *month_start(int y, int m)
{
	static _Thread_local struct month_start memo[16];
	int32_t key = y * 12 + m;
	struct month_start *e = &memo[key & 15];
	if (e->key != key) {
		e->key = key;
		e->first = dr_date_from_ymd(y, m, 1);
		e->days = (int)(dr_date_from_ymd(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - e->first);
	}
	return e;
}

/* Parses a date with fmt into days since the epoch. */
bool dr_load_parse_date(const char *s, size_t len, const char *fmt, dr_date *out,
                        enum dr_skip_reason *why)
{
	int y = 0, m = 0, d = 0;
	/* The common case, YYYY-MM-DD with %Y-%m-%d, perhaps with a time after
	 * it, without walking the format: what walk() would read of it. */
	bool iso = len >= 10 && s[4] == '-' && s[7] == '-' && is_iso(fmt);
	if (iso) {
		unsigned d0 = (unsigned)(s[0] - '0'), d1 = (unsigned)(s[1] - '0'),
		         d2 = (unsigned)(s[2] - '0'), d3 = (unsigned)(s[3] - '0'),
		         d5 = (unsigned)(s[5] - '0'), d6 = (unsigned)(s[6] - '0'),
		         d8 = (unsigned)(s[8] - '0'), d9 = (unsigned)(s[9] - '0');
		iso = d0 <= 9 && d1 <= 9 && d2 <= 9 && d3 <= 9 && d5 <= 9 && d6 <= 9 && d8 <= 9
		      && d9 <= 9 && (len == 10 || trailing_time(s, len, 10));
		y = (int)(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
		m = (int)(d5 * 10 + d6);
		d = (int)(d8 * 10 + d9);
	}
	const struct month_start *ms = NULL;
	if ((!iso && !walk(fmt, s, len, &y, &m, &d)) || m < 1 || m > 12 || d < 1 ||
	    d > (ms = month_start(y, m))->days) {
		*why = DR_SKIP_BAD_DATE;
		return false;
	}
	if (y < DR_LOAD_YEAR_MIN || y > DR_LOAD_YEAR_MAX) {
		*why = DR_SKIP_DATE_RANGE;
		return false;
	}
	*out = ms->first + (d - 1);
	return true;
}

/* A finite decimal number, wholly consumed. */
/* Plain decimals ("123", "1.92") without strtod: at most 15 digits, so the
 * digits are an exact integer and 10^k an exact double, and one correctly
 * rounded division gives exactly strtod's answer (Clinger's fast path).
 * false when s is anything else, for the general path. */
static bool fast_decimal(const char *s, size_t len, double *out)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7,
	                                1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	if (len == 0 || len > 16)
		return false;
	uint64_t v = 0;
	size_t digits = 0, frac = 0;
	bool dot = false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (c >= '0' && c <= '9') {
			v = v * 10 + (uint64_t)(c - '0');
			digits++;
			frac += dot;
		} else if (c == '.' && !dot) {
			dot = true;
		} else {
			return false;
		}
	}
	if (digits == 0 || digits > 15)
		return false;
	*out = (double)v / pow10[frac];
	return true;
}

bool dr_load_parse_number(const char *s, size_t len, double *out)
{
	char buf[64];
	if (fast_decimal(s, len, out))
		return true;
	if (len == 0 || len >= sizeof buf)
		return false;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (!((c >= '0' && c <= '9') || c == '.' || c == '-' || c == '+' || c == 'e' || c == 'E'))
			return false;
	}
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	double v = strtod(buf, &end);
	if (end != buf + len || !isfinite(v))
		return false;
	*out = v;
	return true;
}

/* Y/N, yes/no, true/false, 1/0 in any case. */
bool dr_load_parse_bool(const char *s, size_t len, bool *out)
{
	static const struct { const char *text; bool value; } words[] = {
		{ "y", true }, { "yes", true }, { "true", true }, { "1", true },
		{ "n", false }, { "no", false }, { "false", false }, { "0", false },
	};
	for (size_t w = 0; w < DR_NELEM(words); w++) {
		const char *t = words[w].text;
		size_t i = 0;
		while (i < len && t[i] && (s[i] == t[i] || is_letter(s[i], t[i])))
			i++;
		if (i == len && t[i] == '\0') {
			*out = words[w].value;
			return true;
		}
	}
	return false;
}

/* Bytes of the well-formed UTF-8 character at s (n > 0 bytes left), or 0:
 * NUL, a continuation byte first, an overlong form, a surrogate, above
 * U+10FFFF, or cut short. */
static inline size_t utf8_char(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	if (c >= 0x01 && c < 0x80)
		return 1;
	unsigned char lo = 0x80, hi = 0xBF;
	size_t len;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;      /* overlong */
		else if (c == 0xED)
			hi = 0x9F;      /* surrogates */
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;      /* overlong */
		else if (c == 0xF4)
			hi = 0x8F;      /* above U+10FFFF */
	} else
		return 0;               /* NUL, continuation, C0/C1, F5..FF */
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if (s[k] < 0x80 || s[k] > 0xBF)
			return 0;
	return len;
}

size_t dr_load_utf8_char(const char *s, size_t n)
{
	return n ? utf8_char((const unsigned char *)s, n) : 0;
}

/* Well-formed UTF-8: no NUL, no overlong forms, no surrogates, max U+10FFFF. */
bool dr_load_utf8_valid(const char *str, size_t len)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < len) {
		/* eight ASCII bytes at a time: no high bit, no NUL */
		while (len - i >= 8) {
			uint64_t v;
			memcpy(&v, s + i, sizeof v);
			if ((v & 0x8080808080808080ULL) ||
			    ((v - 0x0101010101010101ULL) & ~v & 0x8080808080808080ULL))
				break;
			i += 8;
		}
		if (i == len)
			break;
		size_t n = utf8_char(s + i, len - i);
		if (!n)
			return false;
		i += n;
	}
	return true;
}
