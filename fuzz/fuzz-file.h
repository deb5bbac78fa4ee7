/*
 * fuzz-file.h -- what the libFuzzer targets share: the input written to a
 * file in a private scratch folder, and the program's messages silenced.
 *
 * Takes: the fuzzer's input bytes.
 * Returns: the path of a file holding exactly those bytes (rewritten on every
 *          call with the same name; one folder per process, made on first
 *          use under $DR_FUZZ_TMPDIR, else /dev/shm when it exists, else
 *          $TMPDIR or /tmp, and removed with its files at exit).
 * Never: closes or redirects file descriptor 2. Only the stdio stream the
 *        program prints through (stderr) is pointed at /dev/null, so the
 *        sanitizers' and libFuzzer's own reports still reach fd 2. Set
 *        DR_FUZZ_STDERR=1 to see the program's messages when replaying a
 *        crash.
 */
#ifndef DYADREPORT_FUZZ_FILE_H
#define DYADREPORT_FUZZ_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Points the program's stderr stream at /dev/null unless DR_FUZZ_STDERR is
 * set; call once from LLVMFuzzerInitialize. Returns true if it did. */
bool fz_silence(void);
/* Writes data[0..size) to scratch/name and returns the full path (a static
 * buffer, valid until the next call). Aborts on any I/O error. */
const char *fz_write(const char *name, const uint8_t *data, size_t size);
/* 2024-03-05 13:45:10 written in the date format fmt (a valid one), in at
 * most size bytes (2 * strlen(fmt) + 8 always holds it). */
void fz_format_date(const char *fmt, char *out, size_t size);

#endif
