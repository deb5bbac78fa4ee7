/*
 * testutil.h -- small helpers for the C unit tests: a scratch folder, files
 * written into it, and stderr captured to a file so a test can assert what
 * a message says (and what it must never say).
 */
#ifndef DYADREPORT_TESTUTIL_H
#define DYADREPORT_TESTUTIL_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char tu_dir[256];

/* Makes the scratch folder once; returns its path. */
static inline const char *tu_scratch(void)
{
	if (!tu_dir[0]) {
		const char *t = getenv("TMPDIR");
		snprintf(tu_dir, sizeof tu_dir, "%s/dyadreport-test-XXXXXX", t && *t ? t : "/tmp");
		if (!mkdtemp(tu_dir)) {
			perror("mkdtemp");
			exit(99);
		}
	}
	return tu_dir;
}

/* Writes p[0..n) to scratch/name; returns the full path (static buffer
 * rotation). */
static inline const char *tu_write_n(const char *name, const void *p, size_t n)
{
	static char paths[8][512];
	static int k;
	char *path = paths[k++ % 8];
	snprintf(path, 512, "%s/%s", tu_scratch(), name);
	FILE *fp = fopen(path, "wb");
	if (!fp || fwrite(p, 1, n, fp) != n || fclose(fp) != 0) {
		perror(path);
		exit(99);
	}
	return path;
}

/* Writes text to scratch/name; returns the full path (static buffer rotation). */
static inline const char *tu_write(const char *name, const char *text)
{
	return tu_write_n(name, text, strlen(text));
}

/* The whole file at path, malloc'd, its size in *n (NULL and 0 when it
 * cannot be read or is empty). */
static inline unsigned char *tu_read_all(const char *path, size_t *n)
{
	*n = 0;
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	unsigned char *p = NULL;
	long len = fseek(fp, 0, SEEK_END) == 0 ? ftell(fp) : -1;
	if (len > 0 && fseek(fp, 0, SEEK_SET) == 0 && (p = malloc((size_t)len)) &&
	    fread(p, 1, (size_t)len, fp) != (size_t)len) {
		free(p);
		p = NULL;
	}
	fclose(fp);
	if (p)
		*n = (size_t)len;
	return p;
}

/* Runs with stderr going to scratch/stderr.txt; tu_stderr_end() returns its text. */
static int tu_saved_fd = -1;
static inline void tu_stderr_begin(void)
{
	char path[512];
	fflush(stderr);
	snprintf(path, sizeof path, "%s/stderr.txt", tu_scratch());
	tu_saved_fd = dup(2);
	if (!freopen(path, "w", stderr))
		exit(99);
}

/* The first 64 KiB of a file, in a static buffer ("" when unreadable). */
static inline const char *tu_slurp(const char *path)
{
	static char buf[1 << 16];
	FILE *fp = fopen(path, "rb");
	size_t n = fp ? fread(buf, 1, sizeof buf - 1, fp) : 0;
	buf[n] = '\0';
	if (fp)
		fclose(fp);
	return buf;
}

static inline const char *tu_stderr_end(void)
{
	char path[512];
	fflush(stderr);
	dup2(tu_saved_fd, 2);
	close(tu_saved_fd);
	snprintf(path, sizeof path, "%s/stderr.txt", tu_scratch());
	return tu_slurp(path);
}

/* Removes the scratch folder. */
/* Lines of s (e.g. a render trace) that start with prefix. */
static inline int tu_count_lines(const char *s, const char *prefix)
{
	int n = 0;
	size_t pl = strlen(prefix);
	for (const char *p = s; p && *p;) {
		if (strncmp(p, prefix, pl) == 0)
			n++;
		const char *nl = strchr(p, '\n');
		p = nl ? nl + 1 : NULL;
	}
	return n;
}

/* True if the bytes of needle occur in hay[0..len) (e.g. a PDF or PNG). */
static inline bool tu_contains(const unsigned char *hay, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	for (size_t i = 0; n <= len && i <= len - n; i++)
		if (memcmp(hay + i, needle, n) == 0)
			return true;
	return false;
}

static inline void tu_cleanup(void)
{
	char cmd[600];
	if (!tu_dir[0])
		return;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tu_dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", tu_dir);
}

#endif
