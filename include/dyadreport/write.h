/*
 * write.h -- every file dyadreport writes goes through here.
 *
 * Atomic files: dr_write_open() creates a temporary file in the target's own
 * folder; dr_write_commit() flushes, fsyncs, closes, renames it over the
 * target and fsyncs the folder (inside a staging area the stage fsyncs each
 * folder once instead: dr_write_defer_folder_sync); dr_write_abort()
 * removes it. A reader never sees a half-written file, and on failure the
 * previous file stays.
 * dr_write_buffer() does all of it for a buffer in memory.
 *
 * CSV: cells written with libcsv (always quoted), numbers bare; a text cell
 * that starts with = + - @, a tab or a carriage return gets a leading '
 * so a spreadsheet never runs it as a formula. With [output] csv_bom = yes a
 * file starts with the UTF-8 byte order mark, so Excel reads it as UTF-8.
 *
 * index.html: dr_write_index() (write-index.c) lists every dyad's files
 * found under the output root, with the run's data-quality summary.
 *
 * Staging: dr_stage_*() (write-stage.c) render a run into a staging folder
 * inside the output root and swap each dyad's folder in whole, so a failed
 * or killed run never leaves a folder that mixes two months.
 *
 * Lock: dr_write_lock() (write-lock.c) keeps two runs from writing the same
 * output root, with ROOT/.dyadreport.lock, a folder holding one holder file,
 * put in place by rename() and taken over by name (no flock, so it holds on
 * NFS and SMB mounts).
 *
 * Errors are printed with the path and the system's reason; the functions
 * return 0 or -1 (the caller exits DR_EOUTPUT).
 */
#ifndef DYADREPORT_WRITE_H
#define DYADREPORT_WRITE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "dyadreport/dyadreport.h"

struct dr_config;
struct dr_quality;

struct dr_wfile {
	FILE *fp;
	char *path;                 /* the target */
	char *tmp;                  /* the temporary name */
};

/* Creates the folder and its parents (mode 0777 & umask). */
int dr_write_mkdirs(const char *dir);
int dr_write_open(struct dr_wfile *w, const char *path);
int dr_write_commit(struct dr_wfile *w);
void dr_write_abort(struct dr_wfile *w);
int dr_write_buffer(const char *path, const void *buf, size_t len);
/* Files committed under dir (a staging area) from now on skip the fsync of
 * their folder: the stage fsyncs every folder it will swap in once, before
 * the swap (write-stage.c); the files themselves are still fsynced. NULL:
 * back to a folder fsync after every file. Set before the render workers
 * are forked, so they inherit it. */
void dr_write_defer_folder_sync(const char *dir);

/* The start of a CSV file: the UTF-8 BOM (EF BB BF) when bom, else nothing
 * (the bytes are then the same as without the option). */
void dr_csv_begin(FILE *fp, bool bom);
/* CSV cells: a text cell (quoted, formula-guarded), a number (%.15g; empty
 * when NAN), and the end of a row. Separators are written for you. */
void dr_csv_text(FILE *fp, int *col, const char *s);
void dr_csv_num(FILE *fp, int *col, double v);
void dr_csv_end(FILE *fp, int *col);

struct dr_packet_input;
/* One dyad's metrics.csv (write-metrics.c): every series, then every
 * breakdown the template shows; hidden values empty, and in a public run
 * no numerators or denominators. */
int dr_write_metrics_csv(const char *path, const struct dr_packet_input *in);

/* ROOT/index.html: for every dyad of cfg in config order, its name and
 * leads and every regular file under ROOT/<dyad id>/ (up to 3 levels deep:
 * PDFs, then CSVs, then charts, then other files, each sorted bytewise,
 * with sizes in KB), a link to ROOT/data-quality.csv and q's summary per
 * extract. period is printed as given ("October 2026"); generated is a
 * date ("2026-11-14") or NULL for none. Static HTML (no script, no
 * external resource), relative percent-encoded links, every text escaped.
 * Written atomically; returns 0, or -1 after an error message. */
int dr_write_index(const char *root, const struct dr_config *cfg, const struct dr_quality *q,
                   const char *period, const char *generated);
/* The meeting loop's line per dyad in index.html: "3 open actions, 1
 * overdue" (or "No open actions") as of month at, counting only public
 * rows when public_only (the run's template is public). */
struct dr_commentary;
struct dr_index_loop {
	const struct dr_commentary *commentary;
	dr_month at;                /* the report month */
	bool public_only;
};
/* The same, written to staged/index.html before a run's commit
 * (write-stage.c): each dyad's files listed from staged/<id> when the
 * run staged that folder, else from root/<id>, and data-quality.csv from
 * staged; the links are the same, relative to root. loop, when not NULL
 * (an [input] commentary is configured), adds each dyad's open-action
 * line. */
int dr_write_index_staged(const char *root, const char *staged, const struct dr_config *cfg,
                          const struct dr_quality *q, const char *period, const char *generated,
                          const struct dr_index_loop *loop);

/* Staging (write-stage.c): a run publishes all of its month or none of it.
 * Every call below runs with the output root's lock held. */
struct dr_stage {
	char *root;                 /* the output root */
	char *dir;                  /* ROOT/.dyadreport-staging-XXXXXX, rendered into */
	char **ids;                 /* the dyad folders staged, in order */
	size_t nids;
};

struct timespec;
/* Before rendering: puts back a ROOT/<dyad> whose swap was cut short
 * (from ROOT/.dyadreport-previous.<dyad>) and removes staging areas,
 * previous folders and our "*.{pdf,png,svg,csv,html}.tmp-XXXXXX" files
 * under ROOT whose inode last changed before since (the real time the
 * lock was taken). Symbolic links are never followed; ".dyadreport.lock*"
 * is left to the lock. Returns 0, or -1 after a message. */
int dr_stage_tidy(const char *root, const struct timespec *since);
/* Makes the staging area; 0, or -1 after a message. */
int dr_stage_begin(struct dr_stage *s, const char *root);
/* Once the dyad's files are rendered into s->dir/<id>: completes it with
 * what this run does not write, taken from ROOT/<id> (hard links, copies
 * where the file system has none): for monthly-packet (template_dir NULL)
 * the old folder's subfolders but charts/ and its symbolic links, else
 * everything but template_dir. A symbolic link at ROOT/<id> is not followed: a warning,
 * and the swap replaces the link. Any other non-folder there: -1. Then
 * fsyncs every folder of s->dir/<id> (its files were fsynced as written).
 * 0, or -1 after a message. */
int dr_stage_dyad(struct dr_stage *s, const char *id, const char *template_dir);
/* Swaps every staged dyad folder in, then root_files (names in s->dir,
 * in order), each with an atomic exchange (or, where the file system has
 * none, a rename aside and a rename in), after an fsync of s->dir (the
 * root files' folder). On failure the ones swapped are
 * swapped back and -1 is returned after a message; the previous versions
 * are removed only after all went in. */
int dr_stage_commit(struct dr_stage *s, const char *const *root_files, size_t nfiles);
/* Removes the staging area (and the previous versions swapped into it);
 * frees and zeroes *s. Safe on a zeroed stage. */
void dr_stage_end(struct dr_stage *s);

/* The output-root lock held by this process: what dr_write_unlock() needs
 * to remove it only while it is still ours. Zero it before use; a zeroed
 * lock is "not held". */
struct dr_lock {
	char *path;                 /* ROOT/.dyadreport.lock */
	char *holder;               /* ROOT/.dyadreport.lock/holder-<nonce>, ours */
	char *content;              /* "host=...\npid=...\nstarted=...\n" as written */
	long pid;                   /* the process that took it (a forked worker never removes it) */
};

/* Default age after which any lock is taken over: 6 hours. */
#define DR_LOCK_STALE_DEFAULT (6L * 3600)

/* Takes ROOT/.dyadreport.lock, its holder file writing host, pid and start
 * time (real time, never SOURCE_DATE_EPOCH), fsynced. A lock held by another
 * run, or a name that is no lock (a symlink, a FIFO), is retried with
 * back-off (10 ms doubling to 1 s) for up to wait_seconds, then the run
 * fails naming the holder or what the name is. A lock whose process is gone
 * (same host) or that started more than stale_after_seconds ago (<= 0:
 * DR_LOCK_STALE_DEFAULT) is taken over with a warning, by one run only; one
 * that cannot be read or parsed counts as held unless its files are that
 * old. Once held, removes the private names killed runs left
 * (ROOT/.dyadreport.lock.new.* and .old.*). Returns 0 with *out filled, or
 * -1 after an error message (the caller exits DR_EOUTPUT). */
int dr_write_lock(const char *root, long wait_seconds, long stale_after_seconds, struct dr_lock *out);
/* Removes the lock if it is still ours (our holder file is in it) and we
 * are the process that took it; frees *l and zeroes it. Safe on a zeroed
 * lock. */
void dr_write_unlock(struct dr_lock *l);

#endif
