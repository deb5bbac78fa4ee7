/*
 * csv-floor.c -- the benchmark's floor: how fast bare libcsv reads the
 * extracts, with nothing of dyadreport on top.
 *
 * Usage: csv-floor FILE...
 * Reads each FILE with read() in 64 KiB blocks through csv_parse, with the
 * options src/load-csv.c uses (CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI,
 * comma delimiter) and callbacks that only count fields and rows, so the
 * time is libcsv's tokenizing plus the reads and nothing else.
 *
 * Prints one line on stdout, the totals over all files:
 *   BYTES bytes ROWS rows FIELDS fields SECONDS s MBPS MB/s
 * ROWS counts every record libcsv ends, headers included, 0-field records
 * (the second half of a CRLF under CSV_REPALL_NL) not; MB are 10^6 bytes;
 * SECONDS is monotonic wall time from the first open() to the last close().
 * bench/run parses this line: change both together.
 *
 * Exits 0; 1 on a file that cannot be read or that libcsv rejects (the
 * message names the file and libcsv's reason, never a cell); 2 on misuse.
 * Links -lcsv only; never allocates beyond libcsv's field buffer.
 */
#define _POSIX_C_SOURCE 200809L  /* clock_gettime, read */
#include <csv.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLOCK (64 * 1024)

struct count {
	unsigned long long fields, rows;
	size_t in_row;              /* fields of the record in progress */
};

/* libcsv's end-of-field callback: counts the field. */
static void on_field(void *data, size_t len, void *ctx)
{
	struct count *c = ctx;
	(void)data;
	(void)len;
	c->fields++;
	c->in_row++;
}

/* libcsv's end-of-record callback: counts records that have a field. */
static void on_row(int term, void *ctx)
{
	struct count *c = ctx;
	(void)term;
	if (c->in_row > 0)
		c->rows++;
	c->in_row = 0;
}

/* Seconds on the monotonic clock. */
static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Parses one file into *c, adding its size to *bytes; 0, or -1 after a
 * message. */
static int parse_file(const char *path, struct count *c, unsigned long long *bytes)
{
	static char block[BLOCK];
	struct csv_parser p;
	int rc = -1, fd = -1;

	if (csv_init(&p, CSV_STRICT | CSV_REPALL_NL | CSV_STRICT_FINI) != 0) {
		fprintf(stderr, "csv-floor: csv_init failed\n");
		return -1;
	}
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "csv-floor: %s: %s\n", path, strerror(errno));
		goto cleanup;
	}
	for (;;) {
		ssize_t n = read(fd, block, sizeof block);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "csv-floor: %s: %s\n", path, strerror(errno));
			goto cleanup;
		}
		if (n == 0)
			break;
		*bytes += (unsigned long long)n;
		if (csv_parse(&p, block, (size_t)n, on_field, on_row, c) != (size_t)n) {
			fprintf(stderr, "csv-floor: %s: %s\n", path, csv_strerror(csv_error(&p)));
			goto cleanup;
		}
	}
	if (csv_fini(&p, on_field, on_row, c) != 0) {
		fprintf(stderr, "csv-floor: %s: %s\n", path, csv_strerror(csv_error(&p)));
		goto cleanup;
	}
	rc = 0;
cleanup:
	if (fd >= 0)
		close(fd);
	csv_free(&p);
	return rc;
}

int main(int argc, char **argv)
{
	struct count c = {0, 0, 0};
	unsigned long long bytes = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: csv-floor FILE...\n");
		return 2;
	}
	double t0 = now();
	for (int i = 1; i < argc; i++)
		if (parse_file(argv[i], &c, &bytes) != 0)
			return 1;
	double s = now() - t0;
	printf("%llu bytes %llu rows %llu fields %.4f s %.1f MB/s\n", bytes, c.rows,
	       c.fields, s, s > 0 ? (double)bytes / 1e6 / s : 0.0);
	if (fflush(stdout) != 0 || ferror(stdout)) {
		perror("csv-floor: stdout");
		return 1;
	}
	return 0;
}
