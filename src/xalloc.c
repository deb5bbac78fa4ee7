/*
 * xalloc.c -- allocation that never returns NULL, and dr_path_dir(), the
 * one small string helper every stage that names files needs.
 *
 * An allocation failure is not something a report run can recover from: it
 * prints one line and exits with DR_EINTERNAL (1), like tmux's xmalloc.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"

static void *check(void *p)
{
	if (!p) {
		fputs("dyadreport: out of memory\n", stderr);
		exit(DR_EINTERNAL);
	}
	return p;
}

void *dr_xmalloc(size_t n) { return check(malloc(n ? n : 1)); }
void *dr_xcalloc(size_t n, size_t size) { return check(calloc(n ? n : 1, size ? size : 1)); }
void *dr_xrealloc(void *p, size_t n) { return check(realloc(p, n ? n : 1)); }

void *dr_xreallocarray(void *p, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		check(NULL);
	return dr_xrealloc(p, n * size);
}

char *dr_xstrdup(const char *s) { return check(strdup(s)); }
char *dr_xstrndup(const char *s, size_t n) { return check(strndup(s, n)); }

char *dr_path_dir(const char *path)
{
	const char *slash = strrchr(path, '/');
	if (!slash)
		return dr_xstrdup(".");
	return dr_xstrndup(path, slash == path ? 1 : (size_t)(slash - path));
}

char *dr_xasprintf(const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;
	va_start(ap, fmt);
	int r = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (r < 0)
		check(NULL);
	return s;
}
