/*
 * load-glob.c -- the files an [input] path names: itself, or the files a
 * glob pattern matches, in name order.
 *
 * Takes: the path to open (resolved against the config's folder) and the
 *        path as configured, for messages.
 * Returns: DR_OK with the list; a path with no * ? or [ is that one file,
 *          as is a path with them that names an existing file (a folder
 *          called "exports [2026]"). Otherwise glob(3) expands it, names
 *          starting with a dot not matched, and the matches are sorted by
 *          their bytes (strcmp, whatever the locale). DR_EINPUT after
 *          printing "PATTERN: configured but missing: no file matches the pattern PATH" or why a
 *          folder of it cannot be read.
 * Names: each match is printed as configured: the configured pattern's
 *        own prefix (drops/visits-2026-09.csv, not the absolute path).
 * Never: hangs: the expansion (directory reads on what may be a dead
 *        network mount) is watched like an open() (load-watchdog.c).
 * Owns: the list, freed by dr_load_files_free: the only memory that grows
 *       with the number of files.
 */
#include <errno.h>
#include <glob.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dyadreport/diag.h"
#include "load-int.h"

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What glob(3) met on a folder, kept for the message. */
static int glob_errno;
static char glob_errpath[256];

static int on_glob_error(const char *epath, int eerrno)
{
	if (eerrno == ENOENT || eerrno == ENOTDIR)
		return 0;       /* a folder of the pattern that is not there: no match */
	glob_errno = eerrno;
	snprintf(glob_errpath, sizeof glob_errpath, "%s", epath);
	return 1;       /* stop (glob returns GLOB_ABORTED): a folder we cannot
	                 * read may hold some of the files */
}

/* Room for n files in the list. */
static void make_room(struct dr_load_files *fl, size_t n)
{
	fl->path = dr_xcalloc(n, sizeof *fl->path);
	fl->display = dr_xcalloc(n, sizeof *fl->display);
}

/* Appends a file (room made by make_room). */
static void add(struct dr_load_files *fl, const char *path, const char *display)
{
	fl->path[fl->n] = dr_xstrdup(path);
	fl->display[fl->n] = dr_xstrdup(display);
	fl->n++;
}

int dr_load_files_expand(const char *path, const char *display, struct dr_load_files *fl)
{
	struct stat sb;
	memset(fl, 0, sizeof *fl);
	if (!strpbrk(path, "*?[")) {
		make_room(fl, 1);
		add(fl, path, display);
		return DR_OK;
	}
	struct dr_load_watch *watch = dr_load_watch_start(display);
	dr_load_watch_enter(watch, true);
	if (stat(path, &sb) == 0) {
		dr_load_watch_leave(watch);
		dr_load_watch_stop(watch);
		make_room(fl, 1);
		add(fl, path, display);
		return DR_OK;
	}
	/* The error callback reports through the statics above, and extracts
	 * are read one thread each: one expansion at a time. */
	static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
	pthread_mutex_lock(&mu);
	glob_t g;
	glob_errno = 0;
	int r = glob(path, GLOB_NOSORT, on_glob_error, &g);
	int err = glob_errno;
	char errpath[sizeof glob_errpath];
	memcpy(errpath, glob_errpath, sizeof errpath);
	pthread_mutex_unlock(&mu);
	dr_load_watch_leave(watch);
	dr_load_watch_stop(watch);
	if (r != 0) {
		fl->no_match = r == GLOB_NOMATCH;
		if (r == GLOB_NOMATCH)
			dr_error_at(display, 0, "configured but missing: no file matches the pattern %s", path);
		else if (r == GLOB_ABORTED && err)
			dr_error_at(display, 0, "cannot read the folder %s while matching the pattern: %s",
			            errpath, strerror(err));
		else
			dr_error_at(display, 0, "cannot match the pattern: %s",
			            r == GLOB_NOSPACE ? "out of memory" : "read error");
		globfree(&g);
		return DR_EINPUT;
	}
	qsort(g.gl_pathv, g.gl_pathc, sizeof *g.gl_pathv, by_name);
	/* The configured text is the end of the resolved path: matches keep
	 * the configured prefix in their printed names. */
	size_t lp = strlen(path), ld = strlen(display);
	make_room(fl, g.gl_pathc);
	size_t cut = lp >= ld && strcmp(path + lp - ld, display) == 0 ? lp - ld : 0;
	for (size_t i = 0; i < g.gl_pathc; i++) {
		const char *m = g.gl_pathv[i];
		bool same_prefix = strncmp(m, path, cut) == 0;
		add(fl, m, same_prefix ? m + cut : m);
	}
	globfree(&g);
	return DR_OK;
}

void dr_load_files_free(struct dr_load_files *fl)
{
	for (size_t i = 0; i < fl->n; i++) {
		free(fl->path[i]);
		free(fl->display[i]);
	}
	free(fl->path);
	free(fl->display);
	memset(fl, 0, sizeof *fl);
}
