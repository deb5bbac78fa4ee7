/*
 * write-atomic.c -- temporary file, fsync, rename, fsync the folder (see
 * write.h). The one recipe for every output file. Inside a staging area
 * (dr_write_defer_folder_sync) the folder is not synced per file: the
 * stage syncs each of its folders once, before anything is swapped in.
 *
 * The temporary name is "<target>.tmp-XXXXXX" in the target's folder, so the
 * rename never crosses file systems. Every write, flush, fsync and close is
 * checked; errno is kept across cleanup for the message.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dyadreport/diag.h"
#include "dyadreport/dyadreport.h"
#include "dyadreport/write.h"

int dr_write_mkdirs(const char *dir)
{
	char *p = dr_xstrdup(dir);
	int rc = 0;
	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;
		*s = '\0';
		if (mkdir(p, 0777) != 0 && errno != EEXIST) {
			dr_error("%s: cannot create folder: %s", p, strerror(errno));
			rc = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (rc == 0) {
		struct stat st;
		if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
			dr_error("%s: not a folder", dir);
			rc = -1;
		}
	}
	free(p);
	return rc;
}

int dr_write_open(struct dr_wfile *w, const char *path)
{
	memset(w, 0, sizeof *w);
	w->path = dr_xstrdup(path);
	w->tmp = dr_xasprintf("%s.tmp-XXXXXX", path);
	int fd = mkstemp(w->tmp);
	if (fd < 0) {
		dr_error("%s: cannot write: %s", path, strerror(errno));
		free(w->tmp);
		w->tmp = NULL;
		free(w->path);
		w->path = NULL;
		return -1;
	}
	fchmod(fd, 0644);
	w->fp = fdopen(fd, "wb");
	if (!w->fp) {
		int e = errno;
		close(fd);
		unlink(w->tmp);
		dr_error("%s: cannot write: %s", path, strerror(e));
		free(w->tmp);
		free(w->path);
		w->tmp = w->path = NULL;
		return -1;
	}
	return 0;
}

/* The staging area whose folders the stage syncs itself (NULL: none). */
static char *deferred;

void dr_write_defer_folder_sync(const char *dir)
{
	free(deferred);
	deferred = dir ? dr_xstrdup(dir) : NULL;
}

/* Whether path lies inside the deferred staging area. */
static bool in_deferred(const char *path)
{
	size_t n = deferred ? strlen(deferred) : 0;
	return n && strncmp(path, deferred, n) == 0 && path[n] == '/';
}

/* fsync of the folder holding path, so the rename itself is durable. */
static int sync_folder(const char *path)
{
	if (in_deferred(path))
		return 0;
	char *dir = dr_path_dir(path);
	int fd = open(dir, O_RDONLY | O_DIRECTORY);
	int rc = 0;
	if (fd >= 0) {
		/* Some network file systems refuse fsync on a folder: not an error. */
		if (fsync(fd) != 0 && errno != EINVAL && errno != EROFS && errno != EBADF)
			rc = -1;
		close(fd);
	}
	free(dir);
	return rc;
}

int dr_write_commit(struct dr_wfile *w)
{
	int rc = 0, e = 0;
	if (fflush(w->fp) != 0 || ferror(w->fp) || fsync(fileno(w->fp)) != 0) {
		rc = -1;
		e = errno;
	}
	if (fclose(w->fp) != 0 && rc == 0) {
		rc = -1;
		e = errno;
	}
	w->fp = NULL;
	if (rc == 0 && rename(w->tmp, w->path) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc == 0 && sync_folder(w->path) != 0) {
		rc = -1;
		e = errno;
	}
	if (rc != 0) {
		unlink(w->tmp);
		dr_error("%s: cannot write: %s", w->path, strerror(e ? e : EIO));
	}
	free(w->tmp);
	free(w->path);
	w->tmp = w->path = NULL;
	return rc;
}

void dr_write_abort(struct dr_wfile *w)
{
	if (w->fp)
		fclose(w->fp);
	if (w->tmp)
		unlink(w->tmp);
	free(w->tmp);
	free(w->path);
	memset(w, 0, sizeof *w);
}

int dr_write_buffer(const char *path, const void *buf, size_t len)
{
	struct dr_wfile w;
	if (dr_write_open(&w, path) != 0)
		return -1;
	if (len && fwrite(buf, 1, len, w.fp) != len) {
		int e = errno;
		dr_write_abort(&w);
		dr_error("%s: cannot write: %s", path, strerror(e ? e : EIO));
		return -1;
	}
	return dr_write_commit(&w);
}
