/*
 * config-ini.c -- what every INI file of dyadreport (the site config,
 * templates) is read through: a checked line reader in front of inih, one
 * problem printer, and the value parsers both files share.
 *
 * Debian's inih gives the handler no line numbers, cuts lines at 199 bytes
 * without a word, and joins indented lines onto the previous value. So
 * dr_config_ini_parse() feeds ini_parse_stream() through its own reader,
 * which counts lines, rejects over-long and indented lines and lines
 * without '=' (handing inih a blank line in their place so nothing is
 * misread), and reports each "[name]" header to the caller itself: unknown
 * and duplicated sections are caught even when they hold no key.
 *
 * Input:  a path, a section callback and an inih handler, both given the
 *         caller's user pointer; ini->line is the line being handled.
 * Output: problems printed as FILE:LINE: what is wrong (dr_error_at),
 *         counted in ini->errors; reading goes on to find the others.
 * Owns:   its line buffer, freed before dr_config_ini_parse() returns.
 * Never:  prints a value (it may be a typo of something private).
 */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config-int.h"
#include "dyadreport/diag.h"

/* Longest line Debian's inih reads whole (its buffer is 200 bytes). */
#define MAX_LINE 198

void dr_config_ini_problem(struct dr_config_ini *ini, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	dr_error_at(ini->file, ini->line, "%s", msg);
	ini->errors++;
}

char *dr_config_ini_trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

bool dr_config_ini_valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= '0' && *s <= '9') || *s == '-'))
			return false;
	return true;
}

size_t dr_config_ini_split(const char *v, char ***items, size_t *n)
{
	for (size_t i = 0; i < *n; i++)
		free((*items)[i]);
	*n = 0;
	for (const char *p = v; *p;) {
		while (*p == ',' || isspace((unsigned char)*p))
			p++;
		size_t len = strcspn(p, ",");
		while (len && isspace((unsigned char)p[len - 1]))
			len--;
		if (!len)
			break;
		*items = dr_xreallocarray(*items, *n + 1, sizeof **items);
		(*items)[(*n)++] = dr_xstrndup(p, len);
		p += len;
		while (*p && *p != ',')
			p++;
	}
	return *n;
}

const char *dr_config_ini_int(const char *value, int lo, int hi, int *out)
{
	char *end;
	errno = 0;
	long v = strtol(value, &end, 10);
	if (end == value || *end || errno)
		return "not a whole number";
	if (v < lo || v > hi)
		return "out of range";
	*out = (int)v;
	return NULL;
}

/* Checks one raw line before inih sees it; returns false to blank it. */
static bool check_line(struct dr_config_ini *ini, char *line, size_t len)
{
	while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
		line[--len] = '\0';
	if (ini->line == 1 && len >= 3 && memcmp(line, "\xEF\xBB\xBF", 3) == 0) {
		memmove(line, line + 3, len - 2);
		len -= 3;
	}
	if (memchr(line, '\0', len)) {
		dr_config_ini_problem(ini, "%s", "line contains a NUL byte");
		return false;
	}
	char *s = line;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0' || *s == ';' || *s == '#')
		return true;
	if (len > MAX_LINE) {
		dr_config_ini_problem(ini, "line is longer than %d bytes; shorten the value", MAX_LINE);
		return false;
	}
	if (s != line) {
		dr_config_ini_problem(ini, "%s", "indented line: inih would read it as part of the "
		                      "previous value; remove the indentation");
		return false;
	}
	if (*s == '[') {
		char *end = strchr(s, ']');
		if (!end) {
			dr_config_ini_problem(ini, "%s", "section header without ]");
			ini->section(ini->user, NULL);
			return false;
		}
		*end = '\0';
		ini->section(ini->user, dr_config_ini_trim(s + 1));
		*end = ']';
		return true;
	}
	if (!strchr(s, '=') && !strchr(s, ':')) {
		dr_config_ini_problem(ini, "%s", "expected key = value");
		return false;
	}
	return true;
}

/* ini_reader: hands inih one checked line at a time. */
static char *reader(char *str, int num, void *stream)
{
	struct dr_config_ini *ini = stream;
	ssize_t n = getline(&ini->buf, &ini->bufsize, ini->fp);
	if (n < 0)
		return NULL;
	ini->line++;
	if (!check_line(ini, ini->buf, (size_t)n))
		ini->buf[0] = '\0';
	snprintf(str, (size_t)num, "%s\n", ini->buf);
	return str;
}

int dr_config_ini_parse(struct dr_config_ini *ini, const char *what, ini_handler handler)
{
	ini->line = 0;
	/* O_NONBLOCK: a FIFO must not block open(); only a regular file is
	 * read (a FIFO or /dev/zero would hang the run or never end). */
	struct stat st;
	int fd = open(ini->file, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd >= 0 && fstat(fd, &st) == 0 && !S_ISREG(st.st_mode)) {
		dr_error("%s: cannot read %s: not a regular file", ini->file, what);
		close(fd);
		ini->errors++;
		return -1;
	}
	if (fd >= 0)
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
	ini->fp = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!ini->fp) {
		int e = errno;
		if (fd >= 0)
			close(fd);
		errno = e;
		dr_error("%s: cannot read %s: %s", ini->file, what, strerror(errno));
		ini->errors++;
		return -1;
	}
	int rc = ini_parse_stream(reader, ini, handler, ini->user);
	if (ferror(ini->fp)) {
		dr_error("%s: cannot read %s: %s", ini->file, what, strerror(errno));
		ini->errors++;
	}
	fclose(ini->fp);
	ini->fp = NULL;
	free(ini->buf);
	ini->buf = NULL;
	ini->bufsize = 0;
	if (rc > 0 && ini->errors == 0) {
		dr_error_at(ini->file, rc, "cannot parse this line");
		ini->errors++;
	}
	ini->line = 0;
	return 0;
}
