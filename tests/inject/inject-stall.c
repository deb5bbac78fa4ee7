/*
 * inject-stall.c -- an LD_PRELOAD shim that makes read() of one file hang
 * or crawl, as on a network drive that stopped answering, for
 * tests/cli/stall.sh. Not part of dyadreport.
 *
 * Built by the test with $(CC) -shared -fPIC; controlled by environment:
 *   DR_INJECT_READ_FILE=SUFFIX   the file: a descriptor whose path ends
 *                                with SUFFIX (other reads are untouched)
 *   DR_INJECT_READ_STALL_AFTER=N after N bytes of it were read, the next
 *                                read() never returns (sleeps for ever)
 *   DR_INJECT_READ_DELAY_MS=M    instead, every read() of it first sleeps
 *                                M ms, then reads (slow but moving)
 *   DR_INJECT_READ_GROW=TEXT     before every read() of it, TEXT and a line
 *                                end are appended to it (a file written to
 *                                for ever while it is read)
 *   DR_INJECT_READ_TRUNCATE=N    before its first read(), it is cut to N
 *                                bytes (rewritten while it is read)
 *   DR_INJECT_OPEN_STALL=1       instead, open() of a path that ends with
 *                                SUFFIX never returns
 * Without DR_INJECT_READ_FILE the shim changes nothing.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static ssize_t (*real_read(void))(int, void *, size_t)
{
	static ssize_t (*fn)(int, void *, size_t);
	if (!fn)
		fn = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT, "read");
	return fn;
}

/* Whether fd is the file DR_INJECT_READ_FILE names; its path in path. */
static int watched(int fd, char path[PATH_MAX])
{
	const char *suffix = getenv("DR_INJECT_READ_FILE");
	if (!suffix || !*suffix || fd <= 2)
		return 0;
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(link, path, PATH_MAX - 1);
	if (n <= 0)
		return 0;
	path[n] = '\0';
	size_t ls = strlen(suffix), lp = (size_t)n;
	return lp >= ls && strcmp(path + lp - ls, suffix) == 0;
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	while (nanosleep(&ts, &ts) != 0)
		;
}

static int (*real_open(void))(const char *, int, ...)
{
	static int (*fn)(const char *, int, ...);
	if (!fn)
		fn = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, "open");
	return fn;
}

/* open() and open64() (one function on 64-bit glibc, either name used). */
static int stall_open(const char *path, int flags, mode_t mode)
{
	const char *suffix = getenv("DR_INJECT_READ_FILE");
	const char *stall = getenv("DR_INJECT_OPEN_STALL");
	size_t lp = strlen(path), ls = suffix ? strlen(suffix) : 0;
	if (stall && *stall && suffix && *suffix && lp >= ls && strcmp(path + lp - ls, suffix) == 0)
		for (;;)
			sleep_ms(1000);
	return real_open()(path, flags, mode);
}

int open(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
	va_end(ap);
	return stall_open(path, flags, mode);
}

int open64(const char *path, int flags, ...)
{
	va_list ap;
	va_start(ap, flags);
	mode_t mode = (flags & O_CREAT) ? (mode_t)va_arg(ap, int) : 0;
	va_end(ap);
	return stall_open(path, flags, mode);
}

ssize_t read(int fd, void *buf, size_t len)
{
	static long long done;      /* bytes of the watched file read so far */
	static int reads;
	char path[PATH_MAX];
	if (!watched(fd, path))
		return real_read()(fd, buf, len);
	const char *after = getenv("DR_INJECT_READ_STALL_AFTER");
	const char *delay = getenv("DR_INJECT_READ_DELAY_MS");
	const char *grow = getenv("DR_INJECT_READ_GROW");
	const char *cut = getenv("DR_INJECT_READ_TRUNCATE");
	if (cut && *cut && reads == 0 && truncate(path, atoll(cut)) != 0)
		abort();
	reads++;
	if (grow) {
		int w = open(path, O_WRONLY | O_APPEND | O_CLOEXEC);
		if (w < 0 || write(w, grow, strlen(grow)) < 0 || write(w, "\n", 1) < 0)
			abort();
		close(w);
	}
	if (after && *after && done >= atoll(after))
		for (;;)
			sleep_ms(1000);
	if (delay && *delay)
		sleep_ms(atol(delay));
	ssize_t n = real_read()(fd, buf, len);
	if (n > 0)
		done += n;
	return n;
}
