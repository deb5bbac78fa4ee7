/*
 * load-pipe.c -- rows handed from the CSV reader's thread to a second
 * thread that checks and accumulates them: batches through a small ring,
 * in file order.
 *
 * The row callback (header map, field checks, the metrics) costs about as
 * much as libcsv's tokenizing, so for the largest extract, with -j 2 or
 * more, the reader parses on the calling thread while a consumer thread
 * runs the callback on the rows before: two cores on one file.
 *
 * Takes: the row callback and its context; rows (struct dr_load_row), each
 *        copied with its field bytes into the batch being filled.
 * Gives: every row to the callback on the consumer thread, in order, until
 *        the callback returns false (dr_load_pipe_push then returns false,
 *        and the reader stops); the progress callback after each batch, on
 *        the consumer thread too (it reads counts the callback writes).
 * Owns: NBATCH batches (at most about a megabyte), freed by
 *       dr_load_pipe_finish, which also waits for the consumer to finish
 *       the last row, so the caller's messages come after the rows'.
 * Never: reorders rows, or lets the reader overwrite a batch being read.
 */
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

#include "dyadreport/dyadreport.h"
#include "load-int.h"

#define NBATCH 4
#define BATCH_ROWS 1024
#define BATCH_BYTES (256 * 1024)

struct brow {
	long line, lines;
	bool broken;
	size_t nfields, nstored;
	size_t f0;                  /* its first field in the batch's fields */
	size_t byte0;               /* its first byte in the batch's bytes */
};

struct batch {
	struct brow *row;
	size_t nrows, caprows;
	struct dr_load_field *f;
	size_t nf, capf;
	char *bytes;
	size_t nbytes, capbytes;
	long long fed;              /* file bytes read when it was published */
};

struct dr_load_pipe {
	struct batch b[NBATCH];
	size_t head;                /* the batch the reader fills */
	size_t tail;                /* the batch the consumer reads next */
	size_t count;               /* batches published, not yet consumed */
	bool done;                  /* the reader published its last batch */
	atomic_bool stopped;        /* the callback returned false */
	pthread_mutex_t mu;
	pthread_cond_t can_put, can_take;
	pthread_t tid;
	dr_load_csv_fn fn;
	void *ctx;
	void (*progress)(long long done, long long total, void *pctx);
	void *pctx;
	long long total, fed;
};

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t c = *cap ? *cap : 64;
	while (c < need)
		c *= 2;
	*cap = c;
	return dr_xreallocarray(p, c, size);
}

/* The consumer: every published batch's rows through the callback. */
static void *consume(void *vp)
{
	struct dr_load_pipe *p = vp;
	for (;;) {
		pthread_mutex_lock(&p->mu);
		while (p->count == 0 && !p->done)
			pthread_cond_wait(&p->can_take, &p->mu);
		if (p->count == 0) {
			pthread_mutex_unlock(&p->mu);
			return NULL;
		}
		struct batch *b = &p->b[p->tail];
		pthread_mutex_unlock(&p->mu);

		for (size_t i = 0; i < b->nrows && !atomic_load(&p->stopped); i++) {
			const struct brow *br = &b->row[i];
			struct dr_load_field *f = b->f + br->f0;
			for (size_t k = 0; k < br->nstored; k++)
				f[k].s = b->bytes + br->byte0 + f[k].off;
			struct dr_load_row row = {
				.line = br->line, .lines = br->lines, .broken = br->broken,
				.nfields = br->nfields, .nstored = br->nstored, .field = f,
			};
			if (!p->fn(&row, p->ctx))
				atomic_store(&p->stopped, true);
		}
		if (p->progress && !atomic_load(&p->stopped))
			p->progress(b->fed, p->total, p->pctx);
		b->nrows = b->nf = b->nbytes = 0;

		pthread_mutex_lock(&p->mu);
		p->tail = (p->tail + 1) % NBATCH;
		p->count--;
		pthread_cond_signal(&p->can_put);
		pthread_mutex_unlock(&p->mu);
	}
}

struct dr_load_pipe *dr_load_pipe_start(dr_load_csv_fn fn, void *ctx,
                                        void (*progress)(long long, long long, void *),
                                        void *pctx, long long total)
{
	struct dr_load_pipe *p = dr_xcalloc(1, sizeof *p);
	p->fn = fn;
	p->ctx = ctx;
	p->progress = progress;
	p->pctx = pctx;
	p->total = total;
	atomic_init(&p->stopped, false);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->can_put, NULL);
	pthread_cond_init(&p->can_take, NULL);
	if (pthread_create(&p->tid, NULL, consume, p) != 0) {
		pthread_mutex_destroy(&p->mu);
		pthread_cond_destroy(&p->can_put);
		pthread_cond_destroy(&p->can_take);
		free(p);
		return NULL;        /* the caller reads without a pipe */
	}
	return p;
}

/* Hands the filled batch over and waits for a free one. */
static void publish(struct dr_load_pipe *p)
{
	p->b[p->head].fed = p->fed;
	pthread_mutex_lock(&p->mu);
	p->head = (p->head + 1) % NBATCH;
	p->count++;
	pthread_cond_signal(&p->can_take);
	while (p->count == NBATCH)          /* the next one is still being read */
		pthread_cond_wait(&p->can_put, &p->mu);
	pthread_mutex_unlock(&p->mu);
}

bool dr_load_pipe_push(struct dr_load_pipe *p, const struct dr_load_row *row,
                       const char *bytes, size_t nbytes)
{
	if (atomic_load(&p->stopped))
		return false;
	struct batch *b = &p->b[p->head];
	b->row = grow(b->row, &b->caprows, b->nrows + 1, sizeof *b->row);
	b->f = grow(b->f, &b->capf, b->nf + row->nstored, sizeof *b->f);
	b->bytes = grow(b->bytes, &b->capbytes, b->nbytes + nbytes, 1);
	b->row[b->nrows++] = (struct brow){
		.line = row->line, .lines = row->lines, .broken = row->broken,
		.nfields = row->nfields, .nstored = row->nstored,
		.f0 = b->nf, .byte0 = b->nbytes,
	};
	if (row->nstored)
		memcpy(b->f + b->nf, row->field, row->nstored * sizeof *b->f);
	b->nf += row->nstored;
	if (nbytes)
		memcpy(b->bytes + b->nbytes, bytes, nbytes);
	b->nbytes += nbytes;
	if (b->nrows >= BATCH_ROWS || b->nbytes >= BATCH_BYTES)
		publish(p);
	return true;
}

void dr_load_pipe_fed(struct dr_load_pipe *p, long long fed)
{
	p->fed = fed;
}

bool dr_load_pipe_finish(struct dr_load_pipe *p)
{
	if (p->b[p->head].nrows)
		publish(p);
	pthread_mutex_lock(&p->mu);
	p->done = true;
	pthread_cond_signal(&p->can_take);
	pthread_mutex_unlock(&p->mu);
	pthread_join(p->tid, NULL);
	bool stopped = atomic_load(&p->stopped);
	for (size_t i = 0; i < NBATCH; i++) {
		free(p->b[i].row);
		free(p->b[i].f);
		free(p->b[i].bytes);
	}
	pthread_mutex_destroy(&p->mu);
	pthread_cond_destroy(&p->can_put);
	pthread_cond_destroy(&p->can_take);
	free(p);
	return stopped;
}
