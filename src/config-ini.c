/*
 * config-ini.c -- what every INI file of dyadreport (the site config,
 * templates) is read through: a checked line reader in front of inih, one
 * capped problem printer, and the value checks both files share.
 *
 * Lines of any length. Debian's inih exposes its build options as run-time
 * globals (configure checks for them): with ini_use_stack = 0,
 * ini_allow_realloc = 1 and ini_max_line above our own limit, inih grows its
 * line buffer as needed, and the reader below hands it each line in pieces of
 * the size it asks for, so inih still does the parsing (key, value, inline
 * comments, continuations). Our limit is LINE_MAX_BYTES (1 MiB): a longer
 * line is refused with a message, never cut, and the reader never holds more
 * than that in memory, whatever the file. Built against an inih without the
 * globals, LINE_MAX_BYTES falls back to what its fixed buffer holds.
 *
 * Continuations. inih passes an indented line to the handler again under the
 * previous key. The reader decides first whether that is allowed: only right
 * after a key = value line or another continuation (comment lines may stand
 * between; a blank line or a section header ends the value), and not when
 * the indented line sets a known key or opens a section (a mis-indented key
 * would otherwise vanish into the value above). The pieces are joined into
 * one value -- by commas for a list key, by one space for text -- and the
 * caller's handler gets the whole value once, with the key's own line.
 *
 * The reader also counts lines (Debian's inih gives the handler none),
 * rejects lines without '=' and lines with a NUL byte (handing inih a blank
 * line in their place so nothing is misread), and reports each "[name]"
 * header to the caller itself, whole: unknown and duplicated sections are
 * caught even when they hold no key, and names are not cut at 49 bytes.
 *
 * Input:  a path, callbacks and the caller's user pointer (config-int.h).
 * Output: problems printed as FILE:LINE: what is wrong (dr_error_at), the
 *         first DR_CONFIG_INI_SHOWN of them, all counted in ini->errors;
 *         dr_config_ini_finish() says how many more there were.
 * Owns:   its line buffer and the value being joined, freed before
 *         dr_config_ini_parse() returns.
 * Never:  prints a value, a key or a section name read from the file (a
 *         config line is data: a typo of something private, or a line of a
 *         file that was never a config at all).
 */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config-int.h"
#include "dyadreport/diag.h"

#if HAVE_DECL_INI_MAX_LINE && HAVE_DECL_INI_USE_STACK && HAVE_DECL_INI_ALLOW_REALLOC
#define GROWING_INIH 1
/* Longest line read (newline not counted); inih's buffer may grow to it. */
#define LINE_MAX_BYTES ((size_t)1 << 20)
#else
#define GROWING_INIH 0
/* Longest line inih's fixed buffer reads whole (newline and NUL not counted). */
#define LINE_MAX_BYTES ((size_t)INI_MAX_LINE - 2)
#endif

/* What the line being handed to inih is. */
enum line_kind { LINE_BLANK, LINE_COMMENT, LINE_SECTION, LINE_KEY, LINE_CONT, LINE_BAD };

void dr_config_ini_problem(struct dr_config_ini *ini, const char *fmt, ...)
{
	char msg[512];
	ini->errors++;
	if (ini->shown >= DR_CONFIG_INI_SHOWN) {
		ini->hidden++;
		return;
	}
	ini->shown++;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	dr_error_at(ini->file, ini->line, "%s", msg);
}

bool dr_config_ini_muted(const struct dr_config_ini *ini)
{
	return ini->shown >= DR_CONFIG_INI_SHOWN;
}

void dr_config_ini_finish(struct dr_config_ini *ini)
{
	if (ini->hidden)
		dr_error("and %d more problem%s in %s", ini->hidden, ini->hidden == 1 ? "" : "s",
		         ini->file);
	ini->hidden = 0;
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

const char *dr_config_ini_name(char *out, size_t size, const char *what, const char *s)
{
	size_t len = strlen(s);
	bool ascii = true, control = false;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		ascii &= *p < 0x80;
		control |= *p < 0x20 || *p == 0x7f;
	}
	if (!len)
		snprintf(out, size, "an empty %s", what);
	else if (ascii && !control && len <= DR_CONFIG_INI_NAME_MAX)
		snprintf(out, size, "%s \"%s\"", what, s);
	else
		snprintf(out, size, "a %s of %zu bytes%s%s", what, len,
		         ascii ? "" : " with a non-ASCII byte",
		         control ? (ascii ? " with a control character" : " and a control character") : "");
	return out;
}

bool dr_config_ini_printable(const char *s)
{
	size_t len = strlen(s);
	if (!len || len > DR_CONFIG_INI_NAME_MAX)
		return false;
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s >= 0x7f)
			return false;
	return true;
}

const char *dr_config_ini_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned c = *p;
		size_t n;
		uint32_t cp;
		if (c < 0x80) {
			if (c < 0x20 || c == 0x7f)
				return "holds a control character (a tab?); write plain text";
			p++;
			continue;
		}
		if (c >= 0xC2 && c <= 0xDF)
			n = 1, cp = c & 0x1F;
		else if (c >= 0xE0 && c <= 0xEF)
			n = 2, cp = c & 0x0F;
		else if (c >= 0xF0 && c <= 0xF4)
			n = 3, cp = c & 0x07;
		else
			return "is not UTF-8 text; save the file as UTF-8";
		for (size_t i = 1; i <= n; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return "is not UTF-8 text; save the file as UTF-8";
			cp = cp << 6 | (p[i] & 0x3F);
		}
		if ((n == 2 && cp < 0x800) || (n == 3 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return "is not UTF-8 text; save the file as UTF-8";
		if (cp >= 0x80 && cp <= 0x9F)
			return "holds a control character; write plain text";
		p += n + 1;
	}
	return NULL;
}

/* Edit distance of a and b (a swap of two neighbours is one edit),
 * ignoring case; more than 3 reads as 4. */
static size_t distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > lb + 3 || lb > la + 3 || lb > 63)
		return 4;
	size_t d[67][64];
	for (size_t j = 0; j <= lb; j++)
		d[0][j] = j;
	for (size_t i = 1; i <= la; i++) {
		d[i][0] = i;
		for (size_t j = 1; j <= lb; j++) {
			int ca = tolower((unsigned char)a[i - 1]), cb = tolower((unsigned char)b[j - 1]);
			size_t best = d[i - 1][j - 1] + (ca != cb);
			if (d[i - 1][j] + 1 < best)
				best = d[i - 1][j] + 1;
			if (d[i][j - 1] + 1 < best)
				best = d[i][j - 1] + 1;
			if (i > 1 && j > 1 && ca == tolower((unsigned char)b[j - 2]) &&
			    tolower((unsigned char)a[i - 2]) == cb && d[i - 2][j - 2] + 1 < best)
				best = d[i - 2][j - 2] + 1;
			d[i][j] = best;
		}
	}
	return d[la][lb];
}

void dr_config_ini_guess(struct dr_config_ini_guess *g, const char *typed, const char *known,
                         const char *shown)
{
	size_t d = distance(typed, known);
	size_t allowed = strlen(known) >= 6 ? 2 : 1;
	if (d <= allowed && (!g->best || d < g->dist)) {
		g->best = shown ? shown : known;
		g->dist = d;
	}
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

/* Hands the value being joined to the caller's handler, at its key's line. */
static void flush_value(struct dr_config_ini *ini)
{
	if (!ini->pending)
		return;
	ini->pending = false;
	long here = ini->line;
	ini->line = ini->pend_line;
	ini->handler(ini->user, ini->section_name ? ini->section_name : "", ini->pend_name,
	             ini->pend_value);
	ini->line = here;
}

/* Appends n bytes of s to the value being joined. */
static void append_value(struct dr_config_ini *ini, const char *s, size_t n)
{
	if (ini->pend_len + n + 1 > ini->pend_cap) {
		ini->pend_cap = (ini->pend_len + n + 1) * 2;
		ini->pend_value = dr_xrealloc(ini->pend_value, ini->pend_cap);
	}
	memcpy(ini->pend_value + ini->pend_len, s, n);
	ini->pend_len += n;
	ini->pend_value[ini->pend_len] = '\0';
}

/* ini_handler: a key's first line starts a value, a continuation extends it. */
static int take_value(void *user, const char *section, const char *name, const char *value)
{
	struct dr_config_ini *ini = user;
	(void)section;
	if (ini->kind == LINE_CONT && ini->pending) {
		if (*value && ini->pend_len) {
			bool list = ini->is_list && ini->is_list(ini->user, ini->pend_name);
			append_value(ini, list ? "," : " ", 1);
		}
		append_value(ini, value, strlen(value));
		return 1;
	}
	flush_value(ini);
	free(ini->pend_name);
	ini->pend_name = dr_xstrdup(name);
	ini->pend_len = 0;
	append_value(ini, value, strlen(value));
	ini->pend_line = ini->line;
	ini->pending = true;
	return 1;
}

/* Ends a continuation line at an inline comment (";" after white space),
 * as inih does for a key's first line. */
static void cut_inline_comment(char *s)
{
	for (char *c = strchr(s, ';'); c; c = strchr(c + 1, ';'))
		if (c > s && (c[-1] == ' ' || c[-1] == '\t')) {
			*c = '\0';
			break;
		}
}

/* Sorts out one raw line (ini->buf, ini->len bytes, no newline) before inih
 * sees it; prints what is wrong with it. */
static enum line_kind classify(struct dr_config_ini *ini, bool too_long)
{
	char *line = ini->buf;
	if (too_long) {
		dr_config_ini_problem(ini, "line is longer than %zu bytes", LINE_MAX_BYTES);
		return LINE_BAD;
	}
	if (memchr(line, '\0', ini->len)) {
		dr_config_ini_problem(ini, "%s", "line contains a NUL byte");
		return LINE_BAD;
	}
	char *s = line;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '\0')
		return LINE_BLANK;
	if (*s == ';' || *s == '#')
		return LINE_COMMENT;
	if (s != line) {
		if (*s == '[') {
			dr_config_ini_problem(ini, "%s", "indented section header: write [section] at "
			                      "the start of the line");
			return LINE_BAD;
		}
		if (!ini->open_value) {
			dr_config_ini_problem(ini, "%s", "indented line, but no value to continue: an "
			                      "indented line continues the key = value line right above "
			                      "it (no blank line between); write keys at the start of "
			                      "a line");
			return LINE_BAD;
		}
		size_t n = strcspn(s, "=:");
		if (s[n] && ini->known_key) {
			char *name = dr_xstrndup(s, n);
			const char *known = ini->known_key(ini->user, dr_config_ini_trim(name));
			free(name);
			if (known) {
				dr_config_ini_problem(ini, "indented line sets key %s: write keys at the "
				                      "start of a line (an indented line continues the value "
				                      "above it)", known);
				return LINE_BAD;
			}
		}
		cut_inline_comment(s);
		return LINE_CONT;
	}
	if (*s == '[')
		return strchr(s, ']') ? LINE_SECTION : LINE_BAD;
	if (!strchr(s, '=') && !strchr(s, ':')) {
		dr_config_ini_problem(ini, "%s", "expected key = value (or an indented line "
		                      "continuing a value)");
		return LINE_BAD;
	}
	return LINE_KEY;
}

/* Grows the line buffer to hold at least n bytes. */
static void reserve(struct dr_config_ini *ini, size_t n)
{
	if (n <= ini->bufsize)
		return;
	size_t size = ini->bufsize ? ini->bufsize : 256;
	while (size < n)
		size *= 2;
	ini->buf = dr_xrealloc(ini->buf, size);
	ini->bufsize = size;
}

/* Reads and checks the next line into ini->buf as inih is to see it
 * (ending in a newline); false at the end of the file. */
static bool next_line(struct dr_config_ini *ini)
{
	size_t len = 0;
	bool any = false, too_long = false;
	int c;
	reserve(ini, 256);
	while ((c = getc_unlocked(ini->fp)) != EOF) {
		any = true;
		if (c == '\n')
			break;
		if (len == LINE_MAX_BYTES + 1) {
			too_long = true;        /* skip the rest, keep what was read */
			continue;
		}
		reserve(ini, len + 3);
		ini->buf[len++] = (char)c;
	}
	if (!any)
		return false;
	ini->line++;
	while (len && ini->buf[len - 1] == '\r')
		len--;
	ini->buf[len] = '\0';
	if (ini->line == 1 && len >= 3 && memcmp(ini->buf, "\xEF\xBB\xBF", 3) == 0) {
		memmove(ini->buf, ini->buf + 3, len - 2);
		len -= 3;
	}
	too_long |= len > LINE_MAX_BYTES;
	ini->len = len;
	enum line_kind kind = classify(ini, too_long);
	ini->kind = kind;
	if (kind != LINE_BAD)
		len = strlen(ini->buf);  /* a continuation may end at its comment */
	if (kind != LINE_CONT && kind != LINE_COMMENT)
		flush_value(ini);       /* the value above is whole */
	if (kind != LINE_COMMENT)
		ini->open_value = kind == LINE_KEY || kind == LINE_CONT;

	if (kind == LINE_SECTION || (kind == LINE_BAD && !too_long && ini->buf[0] == '[' &&
	                              !memchr(ini->buf, '\0', len))) {
		free(ini->section_name);
		ini->section_name = NULL;
		char *end = strchr(ini->buf, ']');
		if (end) {
			*end = '\0';
			ini->section_name = dr_xstrdup(dr_config_ini_trim(ini->buf + 1));
			*end = ']';
		} else {
			dr_config_ini_problem(ini, "%s", "section header without ]");
		}
		ini->section(ini->user, ini->section_name);
	}
	if (kind == LINE_BAD)
		len = 0;                /* inih sees a blank line */
	ini->buf[len] = '\n';
	ini->buf[len + 1] = '\0';
	ini->len = len + 1;
	ini->pos = 0;
	return true;
}

/* ini_reader: hands inih the checked lines, in pieces of at most num - 1
 * bytes (inih asks for the rest of a long line with a bigger buffer). */
static char *reader(char *str, int num, void *stream)
{
	struct dr_config_ini *ini = stream;
	if (ini->pos == ini->len && !next_line(ini)) {
		flush_value(ini);
		return NULL;
	}
	size_t n = ini->len - ini->pos;
	if (n > (size_t)num - 1)
		n = (size_t)num - 1;
	memcpy(str, ini->buf + ini->pos, n);
	str[n] = '\0';
	ini->pos += n;
	return str;
}

/* Runs inih over the checked lines, set to read lines of any length. */
static int parse_stream(struct dr_config_ini *ini, ini_handler handler)
{
	ini->handler = handler;
#if GROWING_INIH
	ini_use_stack = false;
	ini_allow_realloc = true;
	ini_max_line = (int)LINE_MAX_BYTES + 2;   /* the line, its newline and a NUL */
#endif
#if HAVE_DECL_INI_ALLOW_MULTILINE
	ini_allow_multiline = true;
#endif
	int rc = ini_parse_stream(reader, ini, take_value, ini);
	flush_value(ini);
	return rc;
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
	int rc = parse_stream(ini, handler);
	if (ferror(ini->fp)) {
		dr_error("%s: cannot read %s: %s", ini->file, what, strerror(errno));
		ini->errors++;
	}
	fclose(ini->fp);
	ini->fp = NULL;
	free(ini->buf);
	ini->buf = NULL;
	ini->bufsize = ini->len = ini->pos = 0;
	free(ini->pend_name);
	free(ini->pend_value);
	free(ini->section_name);
	ini->pend_name = ini->pend_value = ini->section_name = NULL;
	ini->pend_len = ini->pend_cap = 0;
	if (rc == -2) {
		dr_error("%s: out of memory reading %s", ini->file, what);
		ini->errors++;
	} else if (rc > 0 && ini->errors == 0) {
		ini->line = rc;
		dr_config_ini_problem(ini, "%s", "cannot parse this line");
	}
	ini->line = 0;
	return 0;
}
