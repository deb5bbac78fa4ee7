/*
 * write-lock.c -- the output-root lock: ROOT/.dyadreport.lock (see write.h).
 *
 * Takes: an output root that exists, how long to wait, when a lock is stale.
 * The lock is a folder holding one file, its holder, under a name no other
 * take of the lock ever uses (a 64-bit random nonce):
 *
 *     ROOT/.dyadreport.lock/holder-<nonce>:  host=<hostname>\npid=<pid>\n
 *                                            started=<unix time>\n
 *
 * Only rename(), rmdir() and link()/unlink() of private names are used, all
 * atomic on local disks and on NFS and SMB mounts, where flock() is not.
 *
 * Taking the lock: the holder file is written and fsynced inside a private
 * folder ROOT/.dyadreport.lock.new.<pid>.<nonce>.<host>, which is then
 * renamed to ROOT/.dyadreport.lock. rename() replaces an absent name or an
 * empty folder, and fails on a folder that holds a file: a held lock is
 * never empty, so it can never be replaced. (Where rename() will not replace
 * even an empty folder, as on some SMB servers, the empty folder is removed
 * with rmdir(), which fails on a folder that is not empty, and the rename is
 * tried again.) After the rename, the holder file is looked for under the
 * lock: if it is not there (our private folder was emptied by another run's
 * clean-up of debris) the lock is not ours and is tried again.
 *
 * Taking over a stale lock is compare-and-remove by name. The lock read is
 * stale when its holder names this host and a pid that no longer exists
 * (kill(pid, 0) fails with ESRCH), or started more than stale_after seconds
 * ago by the real clock (never SOURCE_DATE_EPOCH); one that cannot be read
 * or parsed (a foreign file) is held unless its folder or file is that old.
 * The taker renames each file it read out of the lock, by the name it read,
 * to a private name ROOT/.dyadreport.lock.old.<pid>.<nonce>.<host>, checks
 * the content is what it judged, removes it, rmdir()s the lock folder if it
 * is empty, and takes the lock as above. It never renames or removes the
 * lock folder itself nor a name it did not read.
 *
 * Why only one run ever holds it, with any number of takers at once, on any
 * of these file systems: a run holds the lock from the rename that puts its
 * non-empty folder at ROOT/.dyadreport.lock until its holder file leaves
 * that folder. (a) Two holders at once would need a rename onto a non-empty
 * folder, which fails. (b) A holder file leaves the lock only by a rename of
 * its exact name, and that name was made from a fresh nonce by its owner and
 * is known to others only by reading the lock: a taker can move only the
 * holder it judged stale, never a lock that replaced it meanwhile (whose
 * holder has another name); of two takers moving the same name, one gets
 * ENOENT and starts again, reads the new holder, and waits. (c) The lock's
 * folder is removed only by rmdir(), which fails unless it is empty, i.e.
 * unless no one holds it. A taker killed mid-way leaves the lock empty
 * (taken at once by the next run), a private folder or file (removed by the
 * next run that holds the lock, once its pid is gone or it is older than
 * stale_after), or the stale lock as it was.
 *
 * A lock file made by a dyadreport before this scheme (ROOT/.dyadreport.lock
 * a regular file) is read and judged the same way, and when stale removed
 * without ever renaming the lock's name: link() to a private name (fails
 * if the name is a folder lock by now), compare inode and content, unlink()
 * the name (fails on a folder too). Only a concurrent run of such an
 * earlier version could have its file removed between the compare and the
 * unlink(); the earlier versions are not exclusive among themselves either.
 *
 * Anything else at the lock's name (a symbolic link, dangling or not, a
 * FIFO, a device) is never followed or opened: it is retried with
 * exponential back-off (10 ms doubling to 1 s) until --wait runs out, then
 * the run exits 4 saying what it is. Every wait backs off the same way and
 * ends at the --wait deadline; changes seen between tries (a lock released,
 * taken over) are retried at most MAX_CHANGES times before giving up.
 *
 * Never removes a lock that is not ours; a forked worker never removes the
 * lock of the run that forked it. Messages name the lock's path, the holder's
 * pid and host, and the system's reason.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "dyadreport/diag.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/write.h"

#define LOCK_NAME ".dyadreport.lock"
#define NEW_PREFIX LOCK_NAME ".new."    /* private folder being put in place */
#define OLD_PREFIX LOCK_NAME ".old."    /* a stale lock's file moved aside */
#define LEGACY_ASIDE LOCK_NAME ".stale-"    /* the earlier scheme's aside name */
#define HOLDER_PREFIX "holder-"
#define BACKOFF_MIN_NS 10000000LL       /* 10 ms, doubling ... */
#define BACKOFF_MAX_NS 1000000000LL     /* ... to 1 s */
#define MAX_CHANGES 64                  /* releases and take-overs seen in a row */
#define MAX_ENTRIES 8                   /* files of a foreign lock folder moved aside */

/* What the lock's name holds, as read. */
enum lock_kind {
	LOCK_NONE,                  /* nothing there */
	LOCK_EMPTY,                 /* an empty folder: no one holds it */
	LOCK_DIR,                   /* a folder with files: held, maybe stale */
	LOCK_LEGACY,                /* a regular file: the earlier scheme */
	LOCK_ODD,                   /* a symlink, FIFO, device, socket */
};

/* One file of a lock as read: a lock's holder, or a foreign file. */
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

/* The lock as read: its kind and files (names relative to the lock). */
struct seen {
	enum lock_kind kind;
	mode_t mode;                /* LOCK_ODD: what it is */
	time_t mtime;               /* the folder's or file's */
	size_t n;                   /* LOCK_DIR: files read (at most MAX_ENTRIES) */
	bool more;                  /* LOCK_DIR: it holds more than that */
	char name[MAX_ENTRIES][NAME_MAX + 1];
	struct holder h[MAX_ENTRIES];
};

/* Seconds on the monotonic clock, for the wait. */
static double mono(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void sleep_ns(long long ns)
{
	struct timespec ts = { (time_t)(ns / 1000000000LL), (long)(ns % 1000000000LL) };
	while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
		;
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

/* The host name as it may appear in a file name: [A-Za-z0-9-], others '_'. */
static void host_token(const char *host, char *buf, size_t size)
{
	size_t i = 0;
	for (; host[i] && i + 1 < size && i < 64; i++) {
		char c = host[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
		buf[i] = ok ? c : '_';
	}
	buf[i] = '\0';
}

/* 64 random bits, as 16 hex digits: never the same for two takes. */
static void nonce(char buf[17])
{
	uint64_t v = 0;
	if (getrandom(&v, sizeof v, 0) != (ssize_t)sizeof v) {
		struct timespec ts;
		clock_gettime(CLOCK_REALTIME, &ts);
		v = ((uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec) ^
		    ((uint64_t)getpid() << 40) ^ (uint64_t)(uintptr_t)buf;
	}
	snprintf(buf, 17, "%016llx", (unsigned long long)v);
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

/* Reads the file at path into h, never following a symlink nor opening
 * anything but a regular file. Returns 1 when there is none (it was moved
 * meanwhile), else 0: a file that cannot be read still gives its mtime and
 * identity when lstat can, and counts as just changed when it cannot. */
static int read_holder(const char *path, struct holder *h)
{
	memset(h, 0, sizeof *h);
	struct stat st;
	if (lstat(path, &st) != 0) {
		if (errno == ENOENT)
			return 1;
		h->mtime = time(NULL);
		return 0;
	}
	h->mtime = st.st_mtime;
	h->dev = st.st_dev;
	h->ino = st.st_ino;
	if (!S_ISREG(st.st_mode))
		return 0;
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return errno == ENOENT ? 1 : 0;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || st.st_ino != h->ino) {
		close(fd);
		return 0;
	}
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

/* Whether two reads saw the same file with the same content. */
static bool same_file(const struct holder *a, const struct holder *b)
{
	return a->dev == b->dev && a->ino == b->ino && a->len == b->len &&
	       memcmp(a->content, b->content, a->len) == 0;
}

/* Reads what is at the lock's name into s. */
static void look(const char *path, struct seen *s)
{
	memset(s, 0, sizeof *s);
	struct stat st;
	if (lstat(path, &st) != 0) {
		s->kind = errno == ENOENT ? LOCK_NONE : LOCK_ODD;
		s->mtime = time(NULL);
		return;
	}
	s->mtime = st.st_mtime;
	s->mode = st.st_mode;
	if (S_ISREG(st.st_mode)) {
		s->kind = LOCK_LEGACY;
		if (read_holder(path, &s->h[0]) == 1)
			s->kind = LOCK_NONE;
		return;
	}
	if (!S_ISDIR(st.st_mode)) {
		s->kind = LOCK_ODD;
		return;
	}
	int fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		s->kind = errno == ENOENT ? LOCK_NONE : LOCK_DIR;   /* unreadable: held */
		return;
	}
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (s->n == MAX_ENTRIES) {
			s->more = true;
			break;
		}
		snprintf(s->name[s->n], sizeof s->name[s->n], "%s", e->d_name);
		char *p = dr_xasprintf("%s/%s", path, e->d_name);
		if (read_holder(p, &s->h[s->n]) == 0)
			s->n++;
		free(p);
	}
	closedir(d);
	s->kind = s->n || s->more ? LOCK_DIR : LOCK_EMPTY;
	/* A held lock is one holder file: anything else is foreign, unparsed. */
	if (s->kind == LOCK_DIR && (s->n != 1 || s->more ||
	                            strncmp(s->name[0], HOLDER_PREFIX, strlen(HOLDER_PREFIX)) != 0))
		for (size_t i = 0; i < s->n; i++)
			s->h[i].parsed = false;
}

/* The holder that speaks for the lock s (LOCK_DIR or LOCK_LEGACY). */
static const struct holder *holder_of(const struct seen *s)
{
	return &s->h[0];
}

/* The newest change of s: the folder's and each file's mtime. */
static time_t newest(const struct seen *s)
{
	time_t t = s->mtime;
	for (size_t i = 0; i < s->n; i++)
		if (s->h[i].mtime > t)
			t = s->h[i].mtime;
	return t;
}

/* Why the lock s may be taken over (into why), or false when it is held. */
static bool stale(const struct seen *s, const char *host, long stale_after, char *why, size_t size)
{
	long long now = (long long)time(NULL);
	const struct holder *h = holder_of(s);
	if (h->parsed && !s->more) {
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
	if (now - (long long)newest(s) > stale_after) {
		snprintf(why, size, "it cannot be read and is older than %ld s (--stale-after)", stale_after);
		return true;
	}
	return false;
}

/* "held by pid P on HOST since T", or for a lock that cannot be read, its
 * last change. */
static void describe(const struct seen *s, char *buf, size_t size)
{
	char when[64];
	const struct holder *h = holder_of(s);
	if (h->parsed && !s->more) {
		utc(h->started, when, sizeof when);
		snprintf(buf, size, "held by pid %ld on %s since %s", h->pid, h->host, when);
	} else {
		utc((long long)newest(s), when, sizeof when);
		snprintf(buf, size, "held by a run whose lock file cannot be read, last changed %s", when);
	}
}

/* What a lock name that is no file nor folder is. */
static const char *odd_kind(mode_t m)
{
	return S_ISLNK(m) ? "a symbolic link" : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket"
	     : S_ISCHR(m) || S_ISBLK(m) ? "a device" : "not a lock";
}

/* A private name in root: PREFIX<pid>.<nonce>.<host>. */
static char *private_name(const char *root, const char *prefix, const char *host)
{
	char n[17], tok[80];
	nonce(n);
	host_token(host, tok, sizeof tok);
	return dr_xasprintf("%s/%s%ld.%s.%s", root, prefix, (long)getpid(), n, tok);
}

/* Moves the file at from to a private name and removes it if it is still
 * the file h judged stale. Something else moved by mistake is put back with
 * link(), which never replaces a name that was taken meanwhile. Returns 1
 * when moved and removed, 0 when it was gone already, -1 after an error
 * message. */
static int move_out(const char *root, const char *host, const char *from, const struct holder *h)
{
	char *aside = private_name(root, OLD_PREFIX, host);
	int rc = 1;
	if (rename(from, aside) != 0) {
		rc = errno == ENOENT ? 0 : -1;
		if (rc < 0)
			dr_error("%s: cannot remove the stale lock: %s", from, strerror(errno));
		goto out;
	}
	struct holder moved;
	if (read_holder(aside, &moved) == 0 && same_file(&moved, h)) {
		if (unlink(aside) != 0 && errno != ENOENT)
			dr_warn("%s: cannot remove: %s", aside, strerror(errno));
		goto out;
	}
	rc = 0;
	if (link(aside, from) == 0 || errno == EEXIST)
		unlink(aside);      /* back in place, or the name is another lock's now */
	else
		dr_warn("%s: moved to %s by mistake and cannot be put back: %s", from, aside,
		        strerror(errno));
out:
	free(aside);
	return rc;
}

/* Removes the earlier scheme's stale lock file h at path, never touching a
 * folder lock put there meanwhile: a hard link to a private name first
 * (link() fails on a folder), compared by inode and content, then unlink()
 * of the lock's name (which fails on a folder too). Returns 1 when
 * removed, 0 when it changed first, -1 after an error message. */
static int remove_legacy(const char *root, const char *host, const char *path, const struct holder *h)
{
	char *aside = private_name(root, OLD_PREFIX, host);
	int rc = 0;
	struct holder linked;
	if (link(path, aside) != 0) {
		int e = errno;
		struct stat st;
		if (e != ENOENT && lstat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_ino == h->ino) {
			dr_error("%s: cannot take over this stale lock file (%s): remove it by hand", path,
			         strerror(e));
			rc = -1;
		}
		goto out;
	}
	if (read_holder(aside, &linked) == 0 && same_file(&linked, h) && unlink(path) == 0)
		rc = 1;
	unlink(aside);
out:
	free(aside);
	return rc;
}

/* Takes over the stale lock s at path: every file read, by its name, then
 * the folder if empty. Returns 1 when this run removed it, 0 when another
 * run changed it first, -1 after an error message. */
static int take_over(const char *root, const char *host, const char *path, const struct seen *s)
{
	if (s->kind == LOCK_LEGACY)
		return remove_legacy(root, host, path, &s->h[0]);
	int moved = 0;
	for (size_t i = 0; i < s->n; i++) {
		char *from = dr_xasprintf("%s/%s", path, s->name[i]);
		int rc = move_out(root, host, from, &s->h[i]);
		free(from);
		if (rc < 0)
			return -1;
		moved += rc;
	}
	bool gone = rmdir(path) == 0 || errno == ENOENT;
	if (!gone && errno != ENOTEMPTY && errno != EEXIST && errno != EBUSY) {
		dr_error("%s: cannot remove the stale lock: %s", path, strerror(errno));
		return -1;
	}
	/* Ours when we moved every file read (a new lock may already be in
	 * the folder's place); for a folder we could not list, when we removed
	 * it. An empty folder removed after another taker moved the files out
	 * is that taker's take-over, not ours. */
	return s->n > 0 ? moved == (int)s->n : gone;
}

/* Writes content to path, new, and fsyncs it. Returns 0, or errno. */
static int write_new(const char *path, const char *content)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
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
	if (e)
		unlink(path);
	return e;
}

/* Removes the private folder dir and its holder file (best effort). */
static void remove_private(const char *dir, const char *holder)
{
	char *p = dr_xasprintf("%s/%s", dir, holder);
	unlink(p);
	free(p);
	rmdir(dir);
}

/* Removes what killed runs left of their private names in root: a
 * .dyadreport.lock.new. or .old. name whose pid is gone on this host, or
 * older than stale_after, and the earlier scheme's .dyadreport.lock.stale-
 * files that old. Called while holding the lock. */
static void clean_debris(const char *root, const char *host, long stale_after)
{
	DIR *d = opendir(root);
	if (!d)
		return;
	char tok[80];
	host_token(host, tok, sizeof tok);
	long long now = (long long)time(NULL);
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		const char *n = e->d_name;
		bool legacy = strncmp(n, LEGACY_ASIDE, strlen(LEGACY_ASIDE)) == 0;
		size_t plen = strncmp(n, NEW_PREFIX, strlen(NEW_PREFIX)) == 0 ? strlen(NEW_PREFIX)
		            : strncmp(n, OLD_PREFIX, strlen(OLD_PREFIX)) == 0 ? strlen(OLD_PREFIX) : 0;
		if (!plen && !legacy)
			continue;
		char *p = dr_xasprintf("%s/%s", root, n);
		struct stat st;
		bool dead = false;
		if (lstat(p, &st) == 0 && now - (long long)st.st_mtime > stale_after)
			dead = true;
		if (!dead && plen) {        /* <pid>.<nonce>.<host> */
			char *end;
			long pid = strtol(n + plen, &end, 10);
			const char *h = *end == '.' ? strchr(end + 1, '.') : NULL;
			dead = h && pid > 0 && pid != (long)getpid() && strcmp(h + 1, tok) == 0 &&
			       kill((pid_t)pid, 0) == -1 && errno == ESRCH;
		}
		if (dead && lstat(p, &st) == 0) {
			if (S_ISDIR(st.st_mode)) {
				DIR *sub = opendir(p);
				struct dirent *f;
				while (sub && (f = readdir(sub)) != NULL)
					if (strcmp(f->d_name, ".") != 0 && strcmp(f->d_name, "..") != 0)
						remove_private(p, f->d_name);
				if (sub)
					closedir(sub);
				rmdir(p);
			} else {
				unlink(p);
			}
		}
		free(p);
	}
	closedir(d);
}

/* Tries once to put the private folder dir (holding holder) in place as
 * the lock at path. Returns 0 when this run holds the lock, 1 when the
 * name is taken (look at it), 2 when dir is gone (make it again), or -1
 * after an error message. */
static int place(const char *dir, const char *holder, const char *path)
{
	if (rename(dir, path) != 0) {
		int e = errno;
		if (e == ENOENT) {
			/* Our folder is gone: put in place by a rename whose
			 * reply was lost (NFS), or removed as debris. */
			char *p = dr_xasprintf("%s/%s", path, holder);
			struct stat st;
			bool ours = lstat(p, &st) == 0;
			free(p);
			return ours ? 0 : 2;
		}
		/* Taken when the rename was tried (and maybe released since: the
		 * caller looks again, within its limit of changes), an empty
		 * folder SMB will not replace, or odd. */
		struct stat st;
		if (e == ENOTEMPTY || e == EEXIST || lstat(path, &st) == 0)
			return 1;
		dr_error("%s: cannot create the lock: %s", path, strerror(e));
		return -1;
	}
	/* Ours only if the holder came with it (see the file comment). */
	char *p = dr_xasprintf("%s/%s", path, holder);
	struct stat st;
	int rc = lstat(p, &st) == 0 ? 0 : 1;
	free(p);
	if (rc != 0)
		rmdir(path);        /* empty: no one's; fails if someone took it */
	return rc;
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
	char *dir = NULL, *content = NULL, holder[sizeof HOLDER_PREFIX + 16];
	double deadline = mono() + (double)wait_seconds;
	long long backoff = BACKOFF_MIN_NS;
	int changes = 0;
	bool told = false;
	int result = -1;
	for (;;) {
		if (!dir) {
			char n[17];
			nonce(n);
			snprintf(holder, sizeof holder, HOLDER_PREFIX "%s", n);
			free(content);
			content = dr_xasprintf("host=%s\npid=%ld\nstarted=%lld\n", host, (long)getpid(),
			                       (long long)time(NULL));
			dir = private_name(root, NEW_PREFIX, host);
			char *file = dr_xasprintf("%s/%s", dir, holder);
			bool made = mkdir(dir, 0777) == 0;     /* & umask, as the output folders */
			int e = made ? write_new(file, content) : errno;
			free(file);
			if (e) {
				rmdir(dir);
				dr_error("%s: cannot %s the lock: %s", path, made ? "write" : "create", strerror(e));
				free(dir);
				dir = NULL;
				break;
			}
		}
		int rc = place(dir, holder, path);
		if (rc == 0) {
			free(dir);
			dir = NULL;
			out->path = path;
			out->holder = dr_xasprintf("%s/%s", path, holder);
			out->content = content;
			out->pid = (long)getpid();
			content = NULL;
			path = NULL;
			clean_debris(root, host, stale_after_seconds);
			result = 0;
			break;
		}
		if (rc < 0)
			break;
		if (rc == 2) {
			free(dir);
			dir = NULL;
		}
		if (++changes > MAX_CHANGES) {
			dr_error("%s: the lock changed %d times while being taken; giving up", path,
			         MAX_CHANGES);
			break;
		}
		struct seen s;
		look(path, &s);
		if (rc == 2 || s.kind == LOCK_NONE)
			continue;       /* released meanwhile: try again now */
		if (s.kind == LOCK_EMPTY) {
			rmdir(path);    /* no one holds an empty lock; fails if one does */
			continue;
		}
		char why[128], who[512];
		if (s.kind == LOCK_ODD) {
			snprintf(who, sizeof who, "is %s, not a lock dyadreport made: remove it",
			         odd_kind(s.mode));
		} else {
			describe(&s, who, sizeof who);
			if (stale(&s, host, stale_after_seconds, why, sizeof why)) {
				int t = take_over(root, host, path, &s);
				if (t < 0)
					break;
				if (t > 0)
					dr_warn("%s: taking over the lock %s: %s", path, who, why);
				continue;
			}
		}
		changes = 0;            /* a steady state: wait for it to change */
		double left = deadline - mono();
		if (left <= 0) {
			if (s.kind == LOCK_ODD)
				dr_error("%s: %s", path, who);
			else
				dr_error("%s: %s; try again later or use --wait", path, who);
			break;
		}
		if (!told) {
			dr_info("%s: %s; waiting up to %ld s", path, who, wait_seconds);
			told = true;
		}
		long long ns = backoff;
		if ((double)ns > left * 1e9)
			ns = (long long)(left * 1e9) + 1;
		sleep_ns(ns);
		backoff = backoff * 2 > BACKOFF_MAX_NS ? BACKOFF_MAX_NS : backoff * 2;
	}
	if (dir)
		remove_private(dir, holder);
	free(dir);
	free(content);
	free(path);
	return result;
}

void dr_write_unlock(struct dr_lock *l)
{
	if (!l->path)
		return;
	if (l->pid == (long)getpid()) {
		/* Our holder file out of the lock by its own name, then the
		 * folder if still empty (another run may have taken it). */
		const char *root_end = strrchr(l->path, '/');
		char *root = dr_xasprintf("%.*s", (int)(root_end - l->path), l->path);
		char host[256];
		this_host(host, sizeof host);
		char *aside = private_name(root, OLD_PREFIX, host);
		if (rename(l->holder, aside) == 0) {
			unlink(aside);
			if (rmdir(l->path) != 0 && errno != ENOENT && errno != ENOTEMPTY && errno != EEXIST)
				dr_warn("%s: cannot remove the lock: %s", l->path, strerror(errno));
		} else if (errno == ENOENT) {
			dr_warn("%s: the lock is no longer this run's (taken over by another run); left in place",
			        l->path);
		} else {
			dr_warn("%s: cannot remove the lock: %s", l->path, strerror(errno));
		}
		free(aside);
		free(root);
	}
	free(l->path);
	free(l->holder);
	free(l->content);
	memset(l, 0, sizeof *l);
}
