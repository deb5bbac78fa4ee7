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
 *   DR_INJECT_ENOSPC_FILE=N    instead, only the N-th file opened for
 *                              writing (fdopen, counted across the run's
 *                              processes) fails, at its first write or
 *                              (with DR_INJECT_ENOSPC_AT=fsync) its fsync
 *   DR_INJECT_KILL_AT=N        the N-th rename, renameat or renameat2 of the
 *                              run (counted across its processes) is not
 *                              made: the run's first process and this one
 *                              are killed with SIGKILL instead, as a
 *                              scheduler's kill -9 would
 *   DR_INJECT_NO_EXCHANGE=1    renameat2(RENAME_EXCHANGE) fails with EINVAL,
 *                              as on NFS and SMB
 *   DR_INJECT_COUNT=PREFIX     where the counts shared by the run's
 *                              processes live: PREFIX.rename and PREFIX.file
 *                              grow by one byte per rename and per file
 *                              (so a run without a fault counts them too);
 *                              needed by the two modes above
 * Without these variables the shim changes nothing.
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
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>

#define MAX_STREAMS 64

struct cookie {
	FILE *fp;
	int fd;
	int over;                   /* a byte of this file went past the limit */
	int doomed;                 /* the DR_INJECT_ENOSPC_FILE-th file */
};

static struct cookie streams[MAX_STREAMS];
static long long written;

/* The N of a variable, or -1 when unset. */
static long long env_n(const char *name)
{
	const char *s = getenv(name);
	return s && *s ? atoll(s) : -1;
}

/* The byte limit, or -1 when that mode is off. */
static long long limit(void)
{
	return env_n("DR_INJECT_ENOSPC_AFTER");
}

static ssize_t (*real_write_fn(void))(int, const void *, size_t);

/* Adds one to the shared count PREFIX.what; returns the new count (1 for
 * the first), or -1 when there is no count. */
static long long count(const char *what)
{
	const char *prefix = getenv("DR_INJECT_COUNT");
	if (!prefix || !*prefix)
		return -1;
	char path[4096];
	snprintf(path, sizeof path, "%s.%s", prefix, what);
	int e = errno;
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd < 0)
		return -1;
	flock(fd, LOCK_EX);
	struct stat st;
	long long n = -1;
	if (fstat(fd, &st) == 0 && real_write_fn()(fd, "x", 1) == 1)
		n = (long long)st.st_size + 1;
	close(fd);              /* releases the flock */
	errno = e;
	return n;
}

/* The run's first process (fork copies it into the workers). */
static pid_t main_pid;

__attribute__((constructor)) static void remember_main(void)
{
	main_pid = getpid();
}

/* Counts a rename; the N-th kills the run instead of happening. */
static void rename_point(void)
{
	long long at = env_n("DR_INJECT_KILL_AT");
	long long n = count("rename");
	if (at > 0 && n == at) {
		if (main_pid != getpid())
			kill(main_pid, SIGKILL);
		raise(SIGKILL);
	}
}

static int at_fsync(void)
{
	const char *s = getenv("DR_INJECT_ENOSPC_AT");
	return s && strcmp(s, "fsync") == 0;
}

/* A write that does not fit: marks *over (the file's fsync will fail) and,
 * unless the disk fills only at fsync, refuses it: -1, errno ENOSPC. */
static int refuse(int *over)
{
	if (over)
		*over = 1;
	if (at_fsync())
		return 0;
	errno = ENOSPC;
	return -1;
}

/* Counts len bytes; returns 0 when they fit, -1 (errno ENOSPC) when not. */
static int take(size_t len, int *over)
{
	long long lim = limit();
	if (lim < 0)
		return 0;
	if (written + (long long)len > lim && refuse(over) != 0)
		return -1;
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

/* A cookie write function reports an error by returning 0, never -1
 * (fopencookie(3)): glibc's fwrite() takes -1 as SIZE_MAX bytes written and
 * then copies one byte more than the caller gave it, which faults when the
 * caller's buffer ends at the end of a mapping. */
static ssize_t cookie_write(void *c, const char *buf, size_t len)
{
	struct cookie *k = c;
	if ((k->doomed ? refuse(&k->over) : take(len, &k->over)) != 0)
		return 0;
	size_t done = 0;
	while (done < len) {
		ssize_t n = real_write_fn()(k->fd, buf + done, len - done);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return (ssize_t)done;
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
	if (fd <= 2)
		return real(fd, mode);
	int doomed = 0;
	long long nth = env_n("DR_INJECT_ENOSPC_FILE");
	if (strchr(mode, 'w') || strchr(mode, 'a') || strchr(mode, '+')) {
		long long n = count("file");
		doomed = nth > 0 && n == nth;
	}
	if (limit() < 0 && !doomed)
		return real(fd, mode);
	for (int i = 0; i < MAX_STREAMS; i++) {
		if (streams[i].fp)
			continue;
		streams[i] = (struct cookie){ NULL, fd, 0, doomed };
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
	if (at_fsync())
		for (int i = 0; i < MAX_STREAMS; i++)
			if (streams[i].fp && streams[i].fd == fd && streams[i].over) {
				errno = ENOSPC;
				return -1;
			}
	return real(fd);
}

int rename(const char *from, const char *to)
{
	static int (*real)(const char *, const char *);
	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	rename_point();
	return real(from, to);
}

int renameat(int fromfd, const char *from, int tofd, const char *to)
{
	static int (*real)(int, const char *, int, const char *);
	if (!real)
		real = (int (*)(int, const char *, int, const char *))dlsym(RTLD_NEXT, "renameat");
	rename_point();
	return real(fromfd, from, tofd, to);
}

int renameat2(int fromfd, const char *from, int tofd, const char *to, unsigned int flags)
{
	static int (*real)(int, const char *, int, const char *, unsigned int);
	if (!real)
		real = (int (*)(int, const char *, int, const char *, unsigned int))
			dlsym(RTLD_NEXT, "renameat2");
	const char *no = getenv("DR_INJECT_NO_EXCHANGE");
	if ((flags & RENAME_EXCHANGE) && no && *no == '1') {
		errno = EINVAL;
		return -1;
	}
	rename_point();
	return real(fromfd, from, tofd, to, flags);
}
