/*
 * fuzz-file.c -- the fuzz targets' scratch file and silenced messages (see
 * fuzz-file.h for the contract).
 *
 * The scratch folder is made once per process with mkdtemp, so parallel
 * fuzzing jobs (-jobs, -fork) never share a file, and it is removed by an
 * atexit handler with every file in it (a crash skips that: fuzz/run puts
 * the folders under its own DR_FUZZ_TMPDIR and removes that). Files are rewritten in place with
 * O_TRUNC: on tmpfs that costs a few microseconds, small next to a load.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fuzz-file.h"

static char dir[256];
static char path[512];

/* Removes the scratch folder and the files in it (atexit). */
static void cleanup(void)
{
	DIR *d = dir[0] ? opendir(dir) : NULL;
	struct dirent *de;
	while (d && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, de->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	if (dir[0])
		rmdir(dir);
}

/* Makes the scratch folder on first use. */
static void make_dir(void)
{
	struct stat st;
	const char *base = getenv("DR_FUZZ_TMPDIR");
	if (base && *base)
		;
	else if (stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) && access("/dev/shm", W_OK) == 0)
		base = "/dev/shm";
	else if (!(base = getenv("TMPDIR")) || !*base)
		base = "/tmp";
	snprintf(dir, sizeof dir, "%s/dyadreport-fuzz-XXXXXX", base);
	if (!mkdtemp(dir)) {
		perror("dyadreport fuzz: mkdtemp");
		abort();
	}
	atexit(cleanup);
}

bool fz_silence(void)
{
	const char *v = getenv("DR_FUZZ_STDERR");
	if (v && *v && strcmp(v, "0") != 0)
		return false;
	FILE *null = fopen("/dev/null", "w");
	if (!null)
		return false;
	stderr = null;          /* glibc: stderr is an assignable FILE * */
	return true;
}

const char *fz_write(const char *name, const uint8_t *data, size_t size)
{
	if (!dir[0])
		make_dir();
	snprintf(path, sizeof path, "%s/%s", dir, name);
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
	if (fd < 0) {
		perror("dyadreport fuzz: open");
		abort();
	}
	size_t done = 0;
	while (done < size) {
		ssize_t n = write(fd, data + done, size - done);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			perror("dyadreport fuzz: write");
			abort();
		}
		done += (size_t)n;
	}
	if (close(fd) != 0) {
		perror("dyadreport fuzz: close");
		abort();
	}
	return path;
}

/* 2024-03-05 13:45:10 written in fmt (text of at most size bytes, which
 * 2 * strlen(fmt) + 8 always holds). */
void fz_format_date(const char *fmt, char *out, size_t size)
{
	size_t n = 0;
	for (const char *f = fmt; *f && n + 5 < size; f++) {
		if (*f != '%' || !f[1]) {
			out[n++] = *f;
			continue;
		}
		const char *v;
		switch (*++f) {
		case 'Y': v = "2024"; break;
		case 'm': v = "03"; break;
		case 'd': v = "05"; break;
		case 'H': v = "13"; break;
		case 'M': v = "45"; break;
		case 'S': v = "10"; break;
		default: v = "%"; break;
		}
		n += (size_t)snprintf(out + n, size - n, "%s", v);
	}
	out[n] = '\0';
}
