/*
 * write-stage.c -- a run publishes all of its month or none of it (see
 * write.h, "Staging").
 *
 * Takes: the output root, held under its lock by the caller. A run renders
 * into ROOT/.dyadreport-staging-XXXXXX/ (same file system, so every move
 * is a rename): one folder per dyad, laid out as ROOT/<dyad> will be, plus
 * the root files (data-quality.csv, index.html). Before the swap each
 * staged dyad folder is completed with what this run does not write:
 * other templates' subfolders and symbolic links, or for a template other
 * than monthly-packet everything but its own subfolder, hard-linked
 * (copied when the file system has no hard links; links copied as links),
 * so ROOT/<dyad> is always replaced as a whole.
 *
 * Commit: every dyad folder is swapped in with renameat2(RENAME_EXCHANGE);
 * where the file system refuses it (NFS, SMB, some FUSE) ROOT/<dyad> is
 * renamed to ROOT/.dyadreport-previous.<dyad>, the staged one renamed in,
 * and the previous kept until every dyad is in. Then the root files go
 * in the same way (renamed over where there is no exchange),
 * data-quality.csv before index.html. When a swap fails, the
 * ones done are swapped back, so the output stays the previous run's.
 * Only when all went in are the previous versions removed.
 *
 * Tidy (dr_stage_tidy, after the lock is taken, before rendering): a
 * ROOT/.dyadreport-previous.<dyad> whose ROOT/<dyad> is missing (a swap
 * cut short) is renamed back; stale staging areas, previous folders and
 * our temporary files ("packet.pdf.tmp-XXXXXX": PDF, PNG, SVG, CSV, HTML)
 * whose inode changed before the lock was taken are removed.
 *
 * Never: follows a symbolic link (a link at ROOT/<dyad> is replaced
 * itself, with a warning, and what it points to is left alone; any other
 * non-folder there stops the run, exit 4, before anything is swapped),
 * removes anything outside ROOT or anything not named as ours, touches
 * ".dyadreport.lock*" (the lock's own files, write-lock.c). Errors name the
 * path and the system's reason.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE
#endif
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dyadreport/diag.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/write.h"

#define STAGING_PREFIX ".dyadreport-staging-"
#define PREVIOUS_PREFIX ".dyadreport-previous."
#define LOCK_PREFIX ".dyadreport.lock"
/* ROOT/dyad/template/charts/file is 4 deep; room for a site's own folders. */
#define MAX_DEPTH 8

static bool has_prefix(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "NAME.EXT.tmp-XXXXXX": write-atomic.c's temporary names for the kinds
 * of file a run writes (another program's temporary files are not ours). */
static bool is_tmp_name(const char *name)
{
	static const char *const ext[] = { ".pdf", ".png", ".svg", ".csv", ".html" };
	size_t n = strlen(name);
	if (n < 11 || strncmp(name + n - 11, ".tmp-", 5) != 0)
		return false;
	for (size_t i = 0; i < sizeof ext / sizeof *ext; i++) {
		size_t e = strlen(ext[i]);
		if (n - 11 > e && strncmp(name + n - 11 - e, ext[i], e) == 0)
			return true;
	}
	return false;
}

/* Our own names, never carried from an old folder into a new one. */
static bool is_ours(const char *name)
{
	return has_prefix(name, ".dyadreport") || is_tmp_name(name);
}

/* fsync of a folder; file systems that refuse it are not an error. */
static int sync_dirfd(int fd)
{
	if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS && errno != EBADF)
		return -1;
	return 0;
}

/* The next entry of folder d other than . and .., or NULL: at its end
 * (*err 0) or when readdir fails (*err its errno: a folder not read
 * whole has not ended). */
static struct dirent *next_entry(DIR *d, int *err)
{
	struct dirent *de;
	do {
		errno = 0;
		de = readdir(d);
	} while (de && (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0));
	*err = de ? 0 : errno;
	return de;
}

/* fsync of folder fd and every folder below it (depth levels at most):
 * the files rendered into a staging area were fsynced one by one, their
 * folders not (dr_write_defer_folder_sync). Takes fd. -1 with errno set
 * when a folder cannot be read, looked at, opened or synced. */
static int sync_tree(int fd, int depth)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return -1;
	}
	int rc = 0, err = 0;
	struct dirent *de;
	while (rc == 0 && depth > 0 && (de = next_entry(d, &err)) != NULL) {
		struct stat st;
		if (fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
			rc = -1;        /* (a folder not looked at is a folder not synced) */
			break;
		}
		if (!S_ISDIR(st.st_mode))
			continue;
		int sub = openat(dirfd(d), de->d_name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		rc = sub < 0 ? -1 : sync_tree(sub, depth - 1);
	}
	if (rc == 0 && err) {
		errno = err;
		rc = -1;
	}
	if (rc == 0)
		rc = sync_dirfd(dirfd(d));
	int saved = errno;          /* the failure's, for the caller's message */
	closedir(d);
	errno = saved;
	return rc;
}

static int sync_dir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	if (fd < 0)
		return -1;
	int rc = sync_dirfd(fd);
	close(fd);
	return rc;
}

/* A failure to remove: an error while committing, a warning while tidying
 * (debris left is no reason to stop a run). */
static bool removing_warns;

static void remove_failed(const char *path, const char *why)
{
	if (removing_warns)
		dr_warn("%s: cannot remove a leftover of a run cut short: %s", path, why);
	else
		dr_error("%s: cannot remove: %s", path, why);
}

/* Removes name in folder fd and, when it is a folder, all it holds;
 * symbolic links are removed, never followed. path is for messages.
 * Returns 0 or -1 after a message. */
static int remove_at(int fd, const char *name, const char *path, int depth)
{
	struct stat st;
	if (fstatat(fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0)
		return errno == ENOENT ? 0 : (remove_failed(path, strerror(errno)), -1);
	if (!S_ISDIR(st.st_mode)) {
		if (unlinkat(fd, name, 0) != 0 && errno != ENOENT) {
			remove_failed(path, strerror(errno));
			return -1;
		}
		return 0;
	}
	if (depth > MAX_DEPTH) {
		remove_failed(path, "folders nested too deep");
		return -1;
	}
	/* A folder we remove may be read-only (a mode kept from the old
	 * month's): made ours to empty first. Never through a link. */
	if ((st.st_mode & S_IRWXU) != S_IRWXU && st.st_uid == geteuid())
		fchmodat(fd, name, (st.st_mode & 07777) | S_IRWXU, 0);
	int dfd = openat(fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	DIR *d = dfd >= 0 ? fdopendir(dfd) : NULL;
	if (!d) {
		remove_failed(path, strerror(errno));
		if (dfd >= 0)
			close(dfd);
		return -1;
	}
	int rc = 0;
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
			continue;
		char *sub = dr_xasprintf("%s/%s", path, de->d_name);
		if (remove_at(dirfd(d), de->d_name, sub, depth + 1) != 0)
			rc = -1;
		free(sub);
	}
	closedir(d);
	if (rc == 0 && unlinkat(fd, name, AT_REMOVEDIR) != 0 && errno != ENOENT) {
		remove_failed(path, strerror(errno));
		rc = -1;
	}
	return rc;
}

static int remove_path(const char *path)
{
	char *dir = dr_path_dir(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc = 0;
	if (fd < 0) {
		if (errno != ENOENT) {
			dr_error("%s: cannot remove: %s", path, strerror(errno));
			rc = -1;
		}
	} else {
		rc = remove_at(fd, base, path, 0);
		close(fd);
	}
	free(dir);
	return rc;
}

/* ---- carrying over what this run does not write ---- */

/* Copies the bytes of a regular file (when the file system has no hard
 * links), fsynced. */
static int copy_file(int sfd, int dfd, const char *name, mode_t mode, const char *path)
{
	int in = openat(sfd, name, O_RDONLY | O_NOFOLLOW);
	if (in < 0) {
		dr_error("%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	int out = openat(dfd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, mode & 07777);
	int rc = out < 0 ? -1 : 0;
	char buf[65536];
	while (rc == 0) {
		ssize_t n = read(in, buf, sizeof buf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			rc = n < 0 ? -1 : 0;
			break;
		}
		for (ssize_t done = 0; rc == 0 && done < n;) {
			ssize_t w = write(out, buf + done, (size_t)(n - done));
			if (w < 0 && errno == EINTR)
				continue;
			if (w <= 0)
				rc = -1;
			else
				done += w;
		}
	}
	if (rc == 0 && fsync(out) != 0)
		rc = -1;
	int e = errno;
	if (out >= 0 && close(out) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	close(in);
	if (rc != 0)
		dr_error("%s: cannot copy into the new folder: %s", path, strerror(e ? e : EIO));
	return rc;
}

/* Recreates name (in folder sfd) in folder dfd: folders made anew, files
 * hard-linked (or copied), symbolic links copied as links. */
static int carry_at(int sfd, int dfd, const char *name, const char *path, int depth)
{
	struct stat st;
	if (fstatat(sfd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
		dr_error("%s: cannot read: %s", path, strerror(errno));
		return -1;
	}
	if (S_ISREG(st.st_mode)) {
		if (linkat(sfd, name, dfd, name, 0) == 0)
			return 0;
		if (errno != EPERM && errno != ENOTSUP && errno != EOPNOTSUPP && errno != EXDEV &&
		    errno != EMLINK && errno != ENOSYS) {
			dr_error("%s: cannot link into the new folder: %s", path, strerror(errno));
			return -1;
		}
		return copy_file(sfd, dfd, name, st.st_mode, path);
	}
	if (S_ISLNK(st.st_mode)) {
		char target[4096];
		ssize_t n = readlinkat(sfd, name, target, sizeof target - 1);
		if (n >= 0) {
			target[n] = '\0';
			if (symlinkat(target, dfd, name) == 0)
				return 0;
		}
		dr_error("%s: cannot copy the link into the new folder: %s", path, strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode))
		return 0;               /* a FIFO or device: not a report's */
	if (depth > MAX_DEPTH) {
		dr_error("%s: cannot carry over: folders nested too deep", path);
		return -1;
	}
	/* Made writable for us first; its own mode once filled. */
	if (mkdirat(dfd, name, 0700) != 0 && errno != EEXIST) {
		dr_error("%s: cannot create folder in the new folder: %s", path, strerror(errno));
		return -1;
	}
	int s2 = openat(sfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	int d2 = openat(dfd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	DIR *d = s2 >= 0 ? fdopendir(s2) : NULL;
	if (!d || d2 < 0) {
		dr_error("%s: cannot read folder: %s", path, strerror(errno));
		if (d)
			closedir(d);
		else if (s2 >= 0)
			close(s2);
		if (d2 >= 0)
			close(d2);
		return -1;
	}
	int rc = 0, err = 0;
	struct dirent *de;
	while (rc == 0 && (de = next_entry(d, &err)) != NULL) {
		if (is_ours(de->d_name))
			continue;
		char *sub = dr_xasprintf("%s/%s", path, de->d_name);
		rc = carry_at(dirfd(d), d2, de->d_name, sub, depth + 1);
		free(sub);
	}
	if (rc == 0 && err) {       /* what was not read would not be carried */
		dr_error("%s: cannot read folder: %s", path, strerror(err));
		rc = -1;
	}
	/* (synced with the whole staged dyad folder, by dr_stage_dyad) */
	if (rc == 0 && fchmod(d2, st.st_mode & 07777) != 0) {
		dr_error("%s: cannot write: %s", path, strerror(errno));
		rc = -1;
	}
	closedir(d);
	close(d2);
	return rc;
}

/* The new folder rel (below the staged dyad folder) gets the mode and
 * group of the old one, so a folder a site closed to some readers stays
 * closed when the new month replaces it. Either missing: nothing. */
static int keep_mode(const char *live, const char *staged, const char *rel)
{
	char *from = *rel ? dr_xasprintf("%s/%s", live, rel) : dr_xstrdup(live);
	char *to = *rel ? dr_xasprintf("%s/%s", staged, rel) : dr_xstrdup(staged);
	struct stat old, cur;
	int rc = 0;
	if (lstat(from, &old) == 0 && S_ISDIR(old.st_mode) && lstat(to, &cur) == 0 &&
	    S_ISDIR(cur.st_mode)) {
		if (cur.st_gid != old.st_gid && chown(to, (uid_t)-1, old.st_gid) != 0)
			dr_warn("%s: cannot give the new folder the group of the old one: %s", from,
			        strerror(errno));
		if (chmod(to, old.st_mode & 07777) != 0) {
			dr_error("%s: cannot set the new folder's mode: %s", to, strerror(errno));
			rc = -1;
		}
	}
	free(from);
	free(to);
	return rc;
}

/* ---- the staging area ---- */

int dr_stage_begin(struct dr_stage *s, const char *root)
{
	memset(s, 0, sizeof *s);
	s->dir = dr_xasprintf("%s/" STAGING_PREFIX "XXXXXX", root);
	if (!mkdtemp(s->dir)) {
		dr_error("%s: cannot create folder: %s", s->dir, strerror(errno));
		free(s->dir);
		s->dir = NULL;
		return -1;
	}
	s->root = dr_xstrdup(root);
	dr_write_defer_folder_sync(s->dir);     /* each folder synced once, below */
	return 0;
}

int dr_stage_dyad(struct dr_stage *s, const char *id, const char *template_dir)
{
	char *live = dr_xasprintf("%s/%s", s->root, id);
	char *staged = dr_xasprintf("%s/%s", s->dir, id);
	s->ids = dr_xreallocarray(s->ids, s->nids + 1, sizeof *s->ids);
	s->ids[s->nids++] = dr_xstrdup(id);
	int rc = 0;
	if (mkdir(staged, 0777) != 0 && errno != EEXIST) {
		dr_error("%s: cannot create folder: %s", staged, strerror(errno));
		rc = -1;
		goto out;
	}
	struct stat st;
	if (lstat(live, &st) != 0) {
		if (errno != ENOENT) {
			dr_error("%s: cannot read folder: %s", live, strerror(errno));
			rc = -1;
		}
		goto out;               /* a new dyad: nothing to carry */
	}
	if (S_ISLNK(st.st_mode)) {
		dr_warn("%s: a symbolic link, not a folder: replaced by the dyad's folder; what it "
		        "points to is left as it is", live);
		goto out;
	}
	if (!S_ISDIR(st.st_mode)) {
		/* Not a report's: never removed to make room. */
		dr_error("%s: not a folder: move it away so the dyad's folder can be written", live);
		rc = -1;
		goto out;
	}
	int sfd = open(live, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	int dfd = open(staged, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
	DIR *d = sfd >= 0 ? fdopendir(sfd) : NULL;
	if (!d || dfd < 0) {
		dr_error("%s: cannot read folder: %s", live, strerror(errno));
		if (d)
			closedir(d);
		else if (sfd >= 0)
			close(sfd);
		if (dfd >= 0)
			close(dfd);
		rc = -1;
		goto out;
	}
	struct dirent *de;
	int err = 0;
	while (rc == 0 && (de = next_entry(d, &err)) != NULL) {
		const char *n = de->d_name;
		if (is_ours(n))
			continue;
		struct stat es;
		if (fstatat(dirfd(d), n, &es, AT_SYMLINK_NOFOLLOW) != 0) {
			if (errno == ENOENT)
				continue;       /* gone since readdir: nothing to carry */
			dr_error("%s/%s: cannot read: %s", live, n, strerror(errno));
			rc = -1;
			break;
		}
		/* What this run writes is not carried: for monthly-packet the
		 * folder's own regular files and charts/, else the template's
		 * folder. Other folders and symbolic links are carried. */
		bool replaced = template_dir ? strcmp(n, template_dir) == 0
		                             : S_ISREG(es.st_mode) || strcmp(n, "charts") == 0;
		if (replaced)
			continue;
		char *sub = dr_xasprintf("%s/%s", live, n);
		rc = carry_at(dirfd(d), dfd, n, sub, 2);
		free(sub);
	}
	if (rc == 0 && err) {       /* an entry not read would be lost in the swap */
		dr_error("%s: cannot read folder: %s", live, strerror(err));
		rc = -1;
	}
	closedir(d);
	close(dfd);
	/* The folders this run made anew keep the old ones' mode and group. */
	if (rc == 0) {
		char *tc = template_dir ? dr_xasprintf("%s/charts", template_dir) : NULL;
		const char *rels[] = { "", "charts", template_dir ? template_dir : "", tc ? tc : "" };
		for (size_t i = 0; i < sizeof rels / sizeof *rels && rc == 0; i++)
			if (i == 0 || *rels[i])
				rc = keep_mode(live, staged, rels[i]);
		free(tc);
	}
out:
	/* The folder as rendered and completed, every folder in it synced once
	 * (the files were, one by one), before it can be swapped in. */
	if (rc == 0) {
		int fd = open(staged, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
		if (fd < 0 || sync_tree(fd, MAX_DEPTH) != 0) {
			dr_error("%s: cannot write: %s", staged, strerror(errno));
			rc = -1;
		}
	}
	free(live);
	free(staged);
	return rc;
}

/* How one name went in, so it can be undone and its old removed. */
enum swap_how { SWAP_NONE, SWAP_EXCHANGED, SWAP_NEW, SWAP_PREVIOUS, SWAP_OVER };

/* Puts staged in place of live; the old ends at staged (exchanged), at
 * previous (a folder where there is no exchange) or nowhere (a file where
 * there is no exchange: renamed over, atomically). Returns 0 or -1 with
 * errno set. */
static int swap_in(const char *staged, const char *live, const char *previous, bool folder,
                   enum swap_how *how)
{
	if (renameat2(AT_FDCWD, staged, AT_FDCWD, live, RENAME_EXCHANGE) == 0) {
		*how = SWAP_EXCHANGED;
		return 0;
	}
	int e = errno;
	struct stat st;
	if (e == ENOENT && lstat(live, &st) != 0 && errno == ENOENT) {
		if (rename(staged, live) != 0)
			return -1;
		*how = SWAP_NEW;
		return 0;
	}
	if (e != EINVAL && e != ENOSYS && e != ENOTSUP && e != EOPNOTSUPP) {
		errno = e;
		return -1;
	}
	if (!folder) {
		if (rename(staged, live) != 0)
			return -1;
		*how = SWAP_OVER;
		return 0;
	}
	/* No atomic exchange here: the old goes aside first, so at every
	 * moment ROOT/<dyad> is whole or missing with its previous beside it
	 * (which the next run's dr_stage_tidy puts back). */
	if (rename(live, previous) != 0)
		return -1;
	if (rename(staged, live) != 0) {
		e = errno;
		if (rename(previous, live) != 0)
			dr_error("%s: cannot put back the previous folder: %s", live, strerror(errno));
		errno = e;
		return -1;
	}
	*how = SWAP_PREVIOUS;
	return 0;
}

/* Undoes swap_in (the commit failed further on). */
static void swap_back(const char *staged, const char *live, const char *previous, enum swap_how how)
{
	int rc = 0;
	if (how == SWAP_EXCHANGED)
		rc = renameat2(AT_FDCWD, staged, AT_FDCWD, live, RENAME_EXCHANGE);
	else if (how == SWAP_NEW)
		rc = rename(live, staged);
	else if (how == SWAP_PREVIOUS)
		rc = rename(live, staged) != 0 ? -1 : rename(previous, live);
	if (rc != 0)
		dr_error("%s: cannot put back the previous version: %s", live, strerror(errno));
}

int dr_stage_commit(struct dr_stage *s, const char *const *root_files, size_t nfiles)
{
	size_t n = s->nids + nfiles;
	enum swap_how *how = dr_xcalloc(n ? n : 1, sizeof *how);
	char **staged = dr_xcalloc(n ? n : 1, sizeof *staged);
	char **live = dr_xcalloc(n ? n : 1, sizeof *live);
	char **prev = dr_xcalloc(n ? n : 1, sizeof *prev);
	for (size_t k = 0; k < n; k++) {
		const char *name = k < s->nids ? s->ids[k] : root_files[k - s->nids];
		staged[k] = dr_xasprintf("%s/%s", s->dir, name);
		live[k] = dr_xasprintf("%s/%s", s->root, name);
		prev[k] = dr_xasprintf("%s/" PREVIOUS_PREFIX "%s", s->root, name);
	}
	/* The root files' folder synced (each dyad folder was, by
	 * dr_stage_dyad), then dyad folders first, then the root files in the
	 * order given. */
	int rc = 0;
	size_t done = 0;
	if (sync_dir(s->dir) != 0) {
		dr_error("%s: cannot write: %s", s->dir, strerror(errno));
		rc = -1;
	}
	for (; rc == 0 && done < n; done++)
		if (swap_in(staged[done], live[done], prev[done], done < s->nids, &how[done]) != 0) {
			dr_error("%s: cannot replace %s: %s", live[done],
			         done < s->nids ? "the folder" : "the file", strerror(errno));
			rc = -1;
			break;
		}
	if (rc != 0)
		for (size_t k = done; k-- > 0;)
			swap_back(staged[k], live[k], prev[k], how[k]);
	/* Everything is in: a folder the file system will not sync (some
	 * network mounts) is not a reason to call the run failed. */
	if (rc == 0 && sync_dir(s->root) != 0)
		dr_warn("%s: cannot sync the folder: %s", s->root, strerror(errno));
	/* The new month is in: the previous folders go (the exchanged ones
	 * with the staging area, by dr_stage_end). A failure here leaves
	 * debris for the next run's tidy, never a mixed folder. */
	for (size_t k = 0; k < n; k++) {
		if (rc == 0 && how[k] == SWAP_PREVIOUS)
			remove_path(prev[k]);
		free(staged[k]);
		free(live[k]);
		free(prev[k]);
	}
	free(how);
	free(staged);
	free(live);
	free(prev);
	return rc;
}

void dr_stage_end(struct dr_stage *s)
{
	dr_write_defer_folder_sync(NULL);
	removing_warns = true;
	if (s->dir)
		remove_path(s->dir);
	removing_warns = false;
	for (size_t i = 0; i < s->nids; i++)
		free(s->ids[i]);
	free(s->ids);
	free(s->dir);
	free(s->root);
	memset(s, 0, sizeof *s);
}

/* ---- the next run's tidy ---- */

/* Whether the inode changed before the lock was taken. */
static bool older(const struct stat *st, const struct timespec *since)
{
	return st->st_ctim.tv_sec < since->tv_sec ||
	       (st->st_ctim.tv_sec == since->tv_sec && st->st_ctim.tv_nsec < since->tv_nsec);
}

/* Removes stale temporary files below folder fd (path), depth-bounded. */
static void tidy_tmp(int fd, const char *path, int depth, const struct timespec *since, int *count)
{
	DIR *d = fdopendir(fd);
	if (!d) {
		close(fd);
		return;
	}
	struct dirent *de;
	while ((de = readdir(d)) != NULL) {
		const char *n = de->d_name;
		if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || has_prefix(n, LOCK_PREFIX))
			continue;
		struct stat st;
		if (fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		char *sub = dr_xasprintf("%s/%s", path, n);
		if (S_ISREG(st.st_mode) && is_tmp_name(n) && older(&st, since)) {
			if (unlinkat(dirfd(d), n, 0) == 0)
				(*count)++;
			else if (errno != ENOENT)
				dr_warn("%s: cannot remove a leftover temporary file: %s", sub, strerror(errno));
		} else if (S_ISDIR(st.st_mode) && depth < MAX_DEPTH) {
			int sfd = openat(dirfd(d), n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
			if (sfd >= 0)
				tidy_tmp(sfd, sub, depth + 1, since, count);
		}
		free(sub);
	}
	closedir(d);
}

int dr_stage_tidy(const char *root, const struct timespec *since)
{
	int fd = open(root, O_RDONLY | O_DIRECTORY);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		dr_error("%s: cannot read folder: %s", root, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	int rc = 0, removed = 0;
	removing_warns = true;
	/* Pass 0 puts back the folders of swaps cut short, pass 1 removes
	 * leftovers (in them too: a folder renamed during a readdir may or
	 * may not be seen by it). */
	for (int pass = 0; pass < 2; pass++) {
		rewinddir(d);
		struct dirent *de;
		while ((de = readdir(d)) != NULL) {
			const char *n = de->d_name;
			struct stat st;
			if (strcmp(n, ".") == 0 || strcmp(n, "..") == 0 || has_prefix(n, LOCK_PREFIX) ||
			    fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) != 0)
				continue;
			bool previous = has_prefix(n, PREVIOUS_PREFIX) && S_ISDIR(st.st_mode);
			if (pass == 0) {
				const char *id = n + strlen(PREVIOUS_PREFIX);
				struct stat lst;
				if (!previous || !*id || fstatat(dirfd(d), id, &lst, AT_SYMLINK_NOFOLLOW) == 0 ||
				    errno != ENOENT)
					continue;
				/* a swap cut short: the old month goes back */
				if (renameat(dirfd(d), n, dirfd(d), id) == 0) {
					dr_warn("%s/%s: put back as it was before a run that was cut short", root, id);
				} else {
					dr_error("%s/%s: cannot put back the previous folder: %s", root, id,
					         strerror(errno));
					rc = -1;
				}
				continue;
			}
			char *path = dr_xasprintf("%s/%s", root, n);
			if (previous || (has_prefix(n, STAGING_PREFIX) && S_ISDIR(st.st_mode))) {
				if (older(&st, since) && remove_at(dirfd(d), n, path, 0) == 0)
					removed++;
			} else if (!has_prefix(n, ".dyadreport")) {
				if (S_ISREG(st.st_mode) && is_tmp_name(n) && older(&st, since)) {
					if (unlinkat(dirfd(d), n, 0) == 0)
						removed++;
				} else if (S_ISDIR(st.st_mode)) {
					int sfd = openat(dirfd(d), n, O_RDONLY | O_DIRECTORY | O_NOFOLLOW);
					if (sfd >= 0)
						tidy_tmp(sfd, path, 1, since, &removed);
				}
			}
			free(path);
		}
	}
	closedir(d);
	removing_warns = false;
	if (removed)
		dr_info("%s: removed %d leftover%s of runs that were cut short", root, removed,
		        removed == 1 ? "" : "s");
	return rc;
}
