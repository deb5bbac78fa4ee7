/*
 * inject-io.c -- an LD_PRELOAD shim that makes the disk "fill up", for
 * tests/cli/write-fail.sh. Not part of dyadreport.
 *
 * Built by the test with $(CC) -shared -fPIC; controlled by environment:
 *   DR_INJECT_ENOSPC_AFTER=N   after N bytes written to files (by this
 *                              process, all files together) every further
 *                              write fails with ENOSPC
 *   DR_INJECT_ENOSPC_AT=fsync  instead, writes succeed but fsync() of a file
 *                              that went past N bytes fails with ENOSPC (as
 *                              NFS and SMB report a full disk late)
 * Without DR_INJECT_ENOSPC_AFTER the shim changes nothing.
 *
 * stdio writes through glibc's internal write(), which LD_PRELOAD cannot
 * catch, so fdopen() is replaced: it returns an fopencookie() stream whose
 * write function counts bytes and fails like a full disk; fileno() on such a
 * stream returns the real descriptor so fsync() still works. write() on
 * descriptors above 2 is counted too. stdin, stdout and stderr are never
 * touched, so the program's messages still arrive.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_STREAMS 64

struct cookie {
	FILE *fp;
	int fd;
	int over;                   /* a byte of this file went past the limit */
};

static struct cookie streams[MAX_STREAMS];
static long long written;

/* The byte limit, or -1 when the shim is off. */
static long long limit(void)
{
	const char *s = getenv("DR_INJECT_ENOSPC_AFTER");
	return s && *s ? atoll(s) : -1;
}

static int at_fsync(void)
{
	const char *s = getenv("DR_INJECT_ENOSPC_AT");
	return s && strcmp(s, "fsync") == 0;
}

/* Counts len bytes; returns 0 when they fit, -1 (errno ENOSPC) when not. */
static int take(size_t len, int *over)
{
	long long lim = limit();
	if (lim < 0)
		return 0;
	if (written + (long long)len > lim) {
		if (over)
			*over = 1;
		if (!at_fsync()) {
			errno = ENOSPC;
			return -1;
		}
	}
	written += (long long)len;
	return 0;
}

static ssize_t (*real_write_fn(void))(int, const void *, size_t)
{
	static ssize_t (*fn)(int, const void *, size_t);
	if (!fn)
		fn = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
	return fn;
}

static ssize_t cookie_write(void *c, const char *buf, size_t len)
{
	struct cookie *k = c;
	if (take(len, &k->over) != 0)
		return -1;
	size_t done = 0;
	while (done < len) {
		ssize_t n = real_write_fn()(k->fd, buf + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return done ? (ssize_t)done : -1;
		}
		done += (size_t)n;
	}
	return (ssize_t)len;
}

static ssize_t cookie_read(void *c, char *buf, size_t len)
{
	struct cookie *k = c;
	return read(k->fd, buf, len);
}

static int cookie_seek(void *c, off64_t *pos, int whence)
{
	struct cookie *k = c;
	off_t r = lseek(k->fd, (off_t)*pos, whence);
	if (r < 0)
		return -1;
	*pos = r;
	return 0;
}

static int cookie_close(void *c)
{
	struct cookie *k = c;
	int fd = k->fd;
	k->fp = NULL;
	k->fd = -1;
	return close(fd);
}

FILE *fdopen(int fd, const char *mode)
{
	static FILE *(*real)(int, const char *);
	if (!real)
		real = (FILE *(*)(int, const char *))dlsym(RTLD_NEXT, "fdopen");
	if (limit() < 0 || fd <= 2)
		return real(fd, mode);
	for (int i = 0; i < MAX_STREAMS; i++) {
		if (streams[i].fp)
			continue;
		streams[i] = (struct cookie){ NULL, fd, 0 };
		cookie_io_functions_t io = { cookie_read, cookie_write, cookie_seek, cookie_close };
		streams[i].fp = fopencookie(&streams[i], mode, io);
		return streams[i].fp;
	}
	return real(fd, mode);
}

int fileno(FILE *fp)
{
	static int (*real)(FILE *);
	if (!real)
		real = (int (*)(FILE *))dlsym(RTLD_NEXT, "fileno");
	for (int i = 0; i < MAX_STREAMS; i++)
		if (fp && streams[i].fp == fp)
			return streams[i].fd;
	return real(fp);
}

ssize_t write(int fd, const void *buf, size_t len)
{
	if (fd > 2 && take(len, NULL) != 0)
		return -1;
	return real_write_fn()(fd, buf, len);
}

int fsync(int fd)
{
	static int (*real)(int);
	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
	if (at_fsync() && limit() >= 0)
		for (int i = 0; i < MAX_STREAMS; i++)
			if (streams[i].fp && streams[i].fd == fd && streams[i].over) {
				errno = ENOSPC;
				return -1;
			}
	return real(fd);
}
