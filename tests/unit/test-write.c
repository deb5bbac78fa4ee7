/*
 * test-write.c -- CSV cells (write-csv.c) and atomic files (write-atomic.c):
 * formula guard, quoting, numbers, the optional UTF-8 BOM; a failed write
 * leaves the previous file and no temporary behind.
 */
#include <dirent.h>
#include <math.h>
#include <sys/stat.h>

#include "dyadreport/write.h"
#include "tap.h"
#include "testutil.h"

/* The bytes dr_csv_* write for one row. */
static const char *row(const char *a, const char *b, double v)
{
	static char buf[256];
	FILE *fp = fmemopen(buf, sizeof buf, "w");
	int col = 0;
	dr_csv_text(fp, &col, a);
	dr_csv_text(fp, &col, b);
	dr_csv_num(fp, &col, v);
	dr_csv_end(fp, &col);
	fclose(fp);
	return buf;
}

/* The bytes of a file's start: dr_csv_begin(bom), then one cell. */
static const char *start(bool bom)
{
	static char buf[64];
	FILE *fp = fmemopen(buf, sizeof buf, "w");
	int col = 0;
	dr_csv_begin(fp, bom);
	dr_csv_text(fp, &col, "dyad");
	dr_csv_end(fp, &col);
	fclose(fp);
	return buf;
}

/* Number of entries in dir whose name contains part. */
static int count_named(const char *dir, const char *part)
{
	DIR *d = opendir(dir);
	int n = 0;
	for (struct dirent *e; d && (e = readdir(d));)
		n += strstr(e->d_name, part) != NULL;
	if (d)
		closedir(d);
	return n;
}

int main(void)
{
	tap_str(row("plain", "he said \"hi\"", 0.25), "\"plain\",\"he said \"\"hi\"\"\",0.25\n", "quoting");
	tap_str(row("=HYPERLINK(1)", "+1", NAN), "\"'=HYPERLINK(1)\",\"'+1\",\n", "formula guard; NAN is empty");
	tap_str(row("-2", "@x", 1e6), "\"'-2\",\"'@x\",1000000\n", "minus and at guarded");
	tap_str(row("\tx", "a\"=b", -0.0), "\"'\tx\",\"a\"\"=b\",0\n", "tab guarded; inner = kept; -0 is 0");
	tap_str(row("\rx", "=\"a\",\nb", NAN), "\"'\rx\",\"'=\"\"a\"\",\nb\",\n",
	        "CR guarded; a guarded cell still doubles quotes and keeps commas and newlines inside");
	tap_str(row("", NULL, 1.0 / 3), "\"\",\"\",0.333333333333333\n", "15 significant digits");
	tap_str(start(true), "\xEF\xBB\xBF\"dyad\"\n", "csv_bom: EF BB BF, then the header");
	tap_str(start(false), "\"dyad\"\n", "no csv_bom: the header first");

	char path[700], dir[300];
	snprintf(dir, sizeof dir, "%s/a/b/c", tu_scratch());
	tap_int(dr_write_mkdirs(dir), 0, "mkdirs makes parents");
	tap_int(dr_write_mkdirs(dir), 0, "mkdirs again is fine");
	snprintf(path, sizeof path, "%s/out.txt", dir);
	tap_int(dr_write_buffer(path, "first", 5), 0, "write a file");
	tap_int(dr_write_buffer(path, "second", 6), 0, "replace it");
	FILE *fp = fopen(path, "r");
	char got[16] = "";
	if (fp) {
		got[fread(got, 1, sizeof got - 1, fp)] = '\0';
		fclose(fp);
	}
	tap_str(got, "second", "new content in place");
	struct stat st;
	tap_ok(stat(path, &st) == 0 && (st.st_mode & 0777) == 0644, "mode 0644");

	/* A folder where the file should go: rename fails, nothing left behind. */
	snprintf(path, sizeof path, "%s/taken", dir);
	mkdir(path, 0755);
	tu_stderr_begin();
	int rc = dr_write_buffer(path, "x", 1);
	const char *err = tu_stderr_end();
	tap_int(rc, -1, "write over a folder fails");
	tap_ok(strstr(err, "taken: cannot write:") != NULL, "message names the path and the reason");
	tap_int(count_named(dir, ".tmp-"), 0, "no temporary file left");

	snprintf(path, sizeof path, "%s/out.txt/sub", dir);
	tu_stderr_begin();
	tap_int(dr_write_mkdirs(path), -1, "a file in the way of a folder");
	tu_stderr_end();
	tap_int(dr_write_buffer("/dev/full/x", "x", 1), -1, "unwritable path");
	tu_cleanup();
	return tap_done();
}
