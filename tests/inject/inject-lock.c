/*
 * inject-lock.c -- an LD_PRELOAD shim that watches and disturbs the output
 * root's lock, for tests/cli/lock-takeover.sh. Not part of dyadreport.
 *
 * Built by the test with $(CC) -shared -fPIC; wraps rename() only, and is
 * controlled by environment:
 *   DR_INJECT_LOCK_LOG=FILE      appends "acquire PID" when a rename() puts
 *                                a folder in place as .dyadreport.lock and
 *                                "release PID" just before the process moves
 *                                its own holder file out; and, at every other
 *                                rename() while it holds the lock (each
 *                                output file's commit), "VIOLATION PID ..."
 *                                unless its holder file is still in the lock
 *                                and is the lock's only file
 *   DR_INJECT_LOCK_DELAY_MS=M    sleeps M ms before moving another run's
 *                                holder file out, or linking an earlier
 *                                version's lock file aside (a take-over), so
 *                                that the lock can change under a slow
 *                                taker; a take-over that then finds its file
 *                                gone logs "lost PID ..."
 *   DR_INJECT_LOCK_HOLD_MS=M     sleeps M ms before the first file the
 *                                locked run commits (then checks), so that
 *                                runs started together overlap
 *   DR_INJECT_LOCK_KILL=WHERE    raise(SIGKILL): "place" just before the
 *                                rename that puts the lock in place, "taken"
 *                                just after a stale holder was moved out
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define LOCK "/.dyadreport.lock"

static char held[PATH_MAX];     /* our holder file while we hold the lock */

static int (*real_rename(void))(const char *, const char *)
{
	static int (*fn)(const char *, const char *);
	if (!fn)
		fn = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
	return fn;
}

static int ends_with(const char *s, const char *tail)
{
	size_t a = strlen(s), b = strlen(tail);
	return a >= b && strcmp(s + a - b, tail) == 0;
}

static void say(const char *fmt, const char *a, const char *b)
{
	const char *log = getenv("DR_INJECT_LOCK_LOG");
	if (!log || !*log)
		return;
	char line[3 * PATH_MAX];
	int n = snprintf(line, sizeof line, "%s %ld %s %s\n", fmt, (long)getpid(), a, b);
	int fd = open(log, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0644);
	if (fd >= 0) {
		if (write(fd, line, (size_t)n) < 0)
			abort();
		close(fd);
	}
}

static int killing(const char *where)
{
	const char *k = getenv("DR_INJECT_LOCK_KILL");
	return k && strcmp(k, where) == 0;
}

/* The lock folder's files: how many, and the first one's name. */
static int files_in(const char *dir, char *first, size_t size)
{
	DIR *d = opendir(dir);
	int n = 0;
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n++ == 0)
			snprintf(first, size, "%s/%s", dir, e->d_name);
	}
	if (d)
		closedir(d);
	return n;
}

static void delay(void)
{
	const char *ms = getenv("DR_INJECT_LOCK_DELAY_MS");
	if (ms && *ms) {
		struct timespec ts = { atol(ms) / 1000, (atol(ms) % 1000) * 1000000L };
		nanosleep(&ts, NULL);
	}
}

static int (*real_link(void))(const char *, const char *)
{
	static int (*fn)(const char *, const char *);
	if (!fn)
		fn = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "link");
	return fn;
}

/* An earlier version's lock file linked aside: a take-over, delayed too. */
int link(const char *from, const char *to)
{
	if (ends_with(from, LOCK)) {
		delay();
		int rc = real_link()(from, to);
		if (rc != 0)
			say("lost", from, "");
		return rc;
	}
	return real_link()(from, to);
}

int rename(const char *from, const char *to)
{
	if (ends_with(to, LOCK)) {                          /* taking the lock */
		if (killing("place"))
			raise(SIGKILL);
		int rc = real_rename()(from, to);
		char first[PATH_MAX];
		if (rc == 0 && files_in(to, first, sizeof first) == 1) {
			snprintf(held, sizeof held, "%s", first);
			say("acquire", to, "");
		}
		return rc;
	}
	if (strstr(from, LOCK "/")) {                       /* a holder moved out */
		int own = held[0] && strcmp(from, held) == 0;
		if (own) {
			say("release", from, "");
			held[0] = '\0';
		} else {
			delay();
		}
		int rc = real_rename()(from, to);
		if (rc != 0 && !own)
			say("lost", from, "");      /* another run moved it first */
		if (rc == 0 && !own && killing("taken"))
			raise(SIGKILL);
		return rc;
	}
	if (held[0]) {                                      /* an output file, locked */
		static int slept;
		const char *ms = getenv("DR_INJECT_LOCK_HOLD_MS");
		if (ms && *ms && !slept++) {
			struct timespec ts = { atol(ms) / 1000, (atol(ms) % 1000) * 1000000L };
			nanosleep(&ts, NULL);
		}
		char dir[PATH_MAX], first[PATH_MAX];
		snprintf(dir, sizeof dir, "%s", held);
		*strrchr(dir, '/') = '\0';
		if (access(held, F_OK) != 0 || files_in(dir, first, sizeof first) != 1)
			say("VIOLATION", held, to);
	}
	return real_rename()(from, to);
}
