/*
 * write-lock.c -- the output-root lock: ROOT/.dyadreport.lock (see write.h).
 *
 * Takes: an output root that exists, how long to wait, when a lock is stale.
 * The lock is a small text file made with O_CREAT|O_EXCL, which is atomic
 * on local disks and on NFS v3+ and SMB mounts, where flock() is not:
 *
 *     host=<hostname>\npid=<pid>\nstarted=<unix time>\n
 *
 * A lock that exists is read. It is stale when it names this host and a pid
 * that no longer exists (kill(pid, 0) fails with ESRCH), or when it started
 * more than stale_after seconds ago by the real clock (never
 * SOURCE_DATE_EPOCH). A file that cannot be read or parsed (a run that is
 * writing it right now, a foreign file) counts as held unless its mtime is
 * that old: it is never deleted on sight.
 *
 * Taking over: the stale lock is renamed to a name of our own first, so of
 * two runs taking it over at once only one gets it; the one that finds it
 * moved away something else (the other taker's fresh lock) puts it back.
 * Then it is create-exclusive again, so still only one run wins.
 *
 * Never removes a lock that is not ours; a forked worker never removes the
 * lock of the run that forked it. Messages name the lock's path, the holder's
 * pid and host, and the system's reason.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dyadreport/diag.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/write.h"

#define LOCK_NAME ".dyadreport.lock"
#define RETRY_NS 200000000L     /* 200 ms between tries */

/* What an existing lock file says, and which file it was. */
struct holder {
	bool parsed;                /* host, pid and started all read */
	char host[256];
	long pid;
	long long started;
	time_t mtime;
	dev_t dev;
	ino_t ino;
	char content[512];
	size_t len;
};

/* Seconds on the monotonic clock, for the wait. */
static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A Unix time as "2026-11-22 11:48:08 UTC". */
static void utc(long long t, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm) || !strftime(buf, size, "%Y-%m-%d %H:%M:%S UTC", &tm))
		snprintf(buf, size, "%lld", t);
}

/* This machine's name, as `uname -n` prints it. */
static void this_host(char *buf, size_t size)
{
	if (gethostname(buf, size) != 0 || !*buf)
		snprintf(buf, size, "unknown");
	buf[size - 1] = '\0';
}

/* Fills h->parsed and the fields from h->content: three lines, each key
 * once, a printable host, a positive pid. */
static void parse(struct holder *h)
{
	bool host = false, pid = false, started = false;
	char *save = NULL;
	char buf[sizeof h->content];
	memcpy(buf, h->content, h->len);
	buf[h->len] = '\0';
	if (h->len == 0 || buf[h->len - 1] != '\n' || strlen(buf) != h->len)
		return;
	for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		char *end;
		if (strncmp(line, "host=", 5) == 0 && !host && line[5]) {
			for (const char *s = line + 5; *s; s++)
				if (*s <= ' ' || *s > '~')
					return;
			snprintf(h->host, sizeof h->host, "%s", line + 5);
			host = true;
		} else if (strncmp(line, "pid=", 4) == 0 && !pid) {
			errno = 0;
			h->pid = strtol(line + 4, &end, 10);
			if (errno || *end || end == line + 4 || h->pid <= 0 || h->pid > INT_MAX)
				return;
			pid = true;
		} else if (strncmp(line, "started=", 8) == 0 && !started) {
			errno = 0;
			h->started = strtoll(line + 8, &end, 10);
			if (errno || *end || end == line + 8 || h->started < 0)
				return;
			started = true;
		} else {
			return;
		}
	}
	h->parsed = host && pid && started;
}

/* Reads the lock at path into h. Returns 1 when there is none (it was
 * removed meanwhile), else 0: an unreadable file still gives its mtime and
 * identity when stat can, and counts as just changed when it cannot. */
static int read_holder(const char *path, struct holder *h)
{
	memset(h, 0, sizeof *h);
	struct stat st;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 1;
		if (stat(path, &st) != 0) {
			if (errno == ENOENT)
				return 1;
			h->mtime = time(NULL);
			return 0;
		}
	} else if (fstat(fd, &st) != 0) {
		h->mtime = time(NULL);
		close(fd);
		return 0;
	}
	h->mtime = st.st_mtime;
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	if (fd < 0)
		return 0;
	ssize_t n;
	while (h->len < sizeof h->content - 1 &&
	       (n = read(fd, h->content + h->len, sizeof h->content - 1 - h->len)) != 0) {
		if (n < 0) {
			if (errno == EINTR)
				continue;
			h->len = 0;     /* unreadable: unparsed, held */
			break;
		}
		h->len += (size_t)n;
	}
	close(fd);
	if (h->len < sizeof h->content - 1)
		parse(h);
	return 0;
}

/* read_holder(), read again a few times over 100 ms while the file does
 * not parse: a run that has just created its lock may not have written it
 * yet, and should be named, not called unreadable. */
static int read_settled(const char *path, struct holder *h)
{
	int rc = read_holder(path, h);
	for (int i = 0; i < 5 && rc == 0 && !h->parsed; i++) {
		struct timespec ts = { 0, 20000000L };
		nanosleep(&ts, NULL);
		rc = read_holder(path, h);
	}
	return rc;
}

/* Whether two reads saw the same lock file with the same content. */
static bool same_lock(const struct holder *a, const struct holder *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->len == b->len &&
	       memcmp(a->content, b->content, a->len) == 0;
}

/* Why the lock h may be taken over (into why), or false when it is held. */
static bool stale(const struct holder *h, const char *host, long stale_after, char *why, size_t size)
{
	long long now = (long long)time(NULL);
	if (h->parsed) {
		/* Our own pid on our host cannot be a live holder: this process
		 * holds no lock yet, so the file is an earlier process's. */
		if (strcmp(h->host, host) == 0 &&
		    (h->pid == (long)getpid() || (kill((pid_t)h->pid, 0) == -1 && errno == ESRCH))) {
			snprintf(why, size, "its process is gone");
			return true;
		}
		if (now - h->started > stale_after) {
			snprintf(why, size, "it is older than %ld s (--stale-after)", stale_after);
			return true;
		}
		return false;
	}
	if (now - (long long)h->mtime > stale_after) {
		snprintf(why, size, "it cannot be read and is older than %ld s (--stale-after)", stale_after);
		return true;
	}
	return false;
}

/* "held by pid P on HOST since T", or for a lock that cannot be read, its
 * last change. */
static void describe(const struct holder *h, char *buf, size_t size)
{
	char when[64];
	if (h->parsed) {
		utc(h->started, when, sizeof when);
		snprintf(buf, size, "held by pid %ld on %s since %s", h->pid, h->host, when);
	} else {
		utc((long long)h->mtime, when, sizeof when);
		snprintf(buf, size, "held by a run whose lock file cannot be read, last changed %s", when);
	}
}

/* Removes the stale lock h from path: renamed to a name only this process
 * uses, so of two takers one gets it. If the file moved is not h (another
 * taker already replaced it with its own lock), it is put back. Returns 0
 * (the stale lock is gone, or the lock is someone's fresh one again), or -1
 * after an error message. */
static int remove_stale(const char *path, const struct holder *h)
{
	char *aside = dr_xasprintf("%s.stale-%ld", path, (long)getpid());
	int rc = 0;
	if (rename(path, aside) != 0) {
		if (errno != ENOENT) {
			dr_error("%s: cannot remove the stale lock: %s", path, strerror(errno));
			rc = -1;
		}
		goto out;
	}
	struct holder moved;
	if (read_holder(aside, &moved) == 0 && same_lock(&moved, h)) {
		if (unlink(aside) != 0 && errno != ENOENT) {
			dr_error("%s: cannot remove: %s", aside, strerror(errno));
			rc = -1;
		}
		goto out;
	}
	/* A live run's lock: put it back, as the same file, so its owner still
	 * finds it its own. link() cannot replace a lock a third run made in
	 * the meantime; a file system without hard links gets a rename. */
	if (link(aside, path) == 0)
		unlink(aside);
	else if (rename(aside, path) != 0) {
		dr_error("%s: cannot put back another run's lock: %s", path, strerror(errno));
		unlink(aside);
		rc = -1;
	}
out:
	free(aside);
	return rc;
}

/* Creates the lock file exclusively with content, written and fsynced.
 * Returns 0, 1 when a lock exists, or -1 after an error message. */
static int create(const char *path, const char *content)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		if (errno == EEXIST)
			return 1;
		dr_error("%s: cannot create the lock: %s", path, strerror(errno));
		return -1;
	}
	size_t len = strlen(content), off = 0;
	int e = 0;
	while (off < len) {
		ssize_t n = write(fd, content + off, len - off);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			e = n < 0 ? errno : EIO;
			break;
		}
		off += (size_t)n;
	}
	if (!e && fsync(fd) != 0 && errno != EINVAL)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (e) {
		unlink(path);
		dr_error("%s: cannot write the lock: %s", path, strerror(e));
		return -1;
	}
	return 0;
}

int dr_write_lock(const char *root, long wait_seconds, long stale_after_seconds, struct dr_lock *out)
{
	memset(out, 0, sizeof *out);
	if (stale_after_seconds <= 0)
		stale_after_seconds = DR_LOCK_STALE_DEFAULT;
	if (wait_seconds < 0)
		wait_seconds = 0;
	char host[256];
	this_host(host, sizeof host);
	char *path = dr_xasprintf("%s/%s", root, LOCK_NAME);
	double deadline = mono() + (double)wait_seconds;
	bool told = false;
	for (;;) {
		char *content = dr_xasprintf("host=%s\npid=%ld\nstarted=%lld\n", host, (long)getpid(),
		                             (long long)time(NULL));
		int rc = create(path, content);
		if (rc == 0) {
			out->path = path;
			out->content = content;
			out->pid = (long)getpid();
			return 0;
		}
		free(content);
		if (rc < 0)
			break;
		struct holder h;
		if (read_settled(path, &h) == 1)
			continue;       /* released meanwhile: try again now */
		char why[128], who[512];
		describe(&h, who, sizeof who);
		if (stale(&h, host, stale_after_seconds, why, sizeof why)) {
			dr_warn("%s: taking over the lock %s: %s", path, who, why);
			if (remove_stale(path, &h) != 0)
				break;
			continue;
		}
		double left = deadline - mono();
		if (left <= 0) {
			dr_error("%s: %s; try again later or use --wait", path, who);
			break;
		}
		if (!told) {
			dr_info("%s: %s; waiting up to %ld s", path, who, wait_seconds);
			told = true;
		}
		long ns = left < RETRY_NS / 1e9 ? (long)(left * 1e9) + 1 : RETRY_NS;
		struct timespec ts = { 0, ns };
		while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
			;
	}
	free(path);
	return -1;
}

void dr_write_unlock(struct dr_lock *l)
{
	if (!l->path)
		return;
	if (l->pid == (long)getpid()) {
		struct holder h;
		size_t len = strlen(l->content);
		if (read_holder(l->path, &h) == 0 && h.len == len && memcmp(h.content, l->content, len) == 0) {
			if (unlink(l->path) != 0 && errno != ENOENT)
				dr_warn("%s: cannot remove the lock: %s", l->path, strerror(errno));
		} else {
			dr_warn("%s: the lock is no longer this run's (taken over by another run); left in place",
			        l->path);
		}
	}
	free(l->path);
	free(l->content);
	memset(l, 0, sizeof *l);
}
