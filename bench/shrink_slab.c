// SPDX-License-Identifier: GPL-2.0-only
/*
 * shrink_slab() calls per second over many registered shrinkers, from 1
 * and 2 threads.  Built twice: the lockless walk (shrink_slab_bench) and
 * the v2 variant that walks under shrinker_rwsem (shrink_slab_bench_v2).
 * The shrinkers' caches are empty, so this measures the walk itself: RCU
 * or the rwsem, and the refcount pin of each shrinker.  The "+churn" rows
 * add a thread that registers and frees a shrinker in a loop (mount and
 * umount): the v2 walk then gives up whenever down_read_trylock() fails,
 * so compare count_objects/s, the work actually done, not only calls/s.
 *
 * usage: shrink_slab_bench [shrinkers [seconds]]   (1000, 1)
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>

#include "kstub_glue.h"

#ifdef SHRINKER_V2_API
#define VARIANT "v2-rwsem"
#else
#define VARIANT "lockless"
#endif

static double seconds = 1;
static atomic_long_t counted;

static unsigned long empty_count(struct shrinker *s, struct shrink_control *sc)
{
	atomic_long_inc(&counted);
	return 0;
}

static unsigned long empty_scan(struct shrinker *s, struct shrink_control *sc)
{
	return SHRINK_STOP;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static bool churn_stop;

static void *churner(void *arg)
{
	unsigned long *cycles = arg;
	struct shrinker *s;

	while (!__atomic_load_n(&churn_stop, __ATOMIC_RELAXED)) {
		s = shrinker_alloc(0, "churn");
		if (!s)
			continue;
		s->count_objects = empty_count;
		s->scan_objects = empty_scan;
		shrinker_register(s);
#ifdef SHRINKER_V2_API
		shrinker_unregister(s);
#else
		shrinker_free(s);
#endif
		(*cycles)++;
	}
	return NULL;
}

static void *walker(void *arg)
{
	unsigned long *calls = arg;
	double end = now() + seconds;

	while (now() < end) {
		shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
		(*calls)++;
	}
	return NULL;
}

static void run(int threads, int nr, bool churn)
{
	unsigned long calls[2] = {0, 0}, total = 0, cycles = 0;
	pthread_t tid[2], churn_tid;
	double start = now(), elapsed;
	int i;

	atomic_long_set(&counted, 0);
	__atomic_store_n(&churn_stop, false, __ATOMIC_RELAXED);
	if (churn)
		pthread_create(&churn_tid, NULL, churner, &cycles);
	for (i = 0; i < threads; i++)
		pthread_create(&tid[i], NULL, walker, &calls[i]);
	for (i = 0; i < threads; i++) {
		pthread_join(tid[i], NULL);
		total += calls[i];
	}
	elapsed = now() - start;
	if (churn) {
		__atomic_store_n(&churn_stop, true, __ATOMIC_RELAXED);
		pthread_join(churn_tid, NULL);
	}
	printf("%-9s shrinkers %d threads %d%s: %10.0f shrink_slab/s  "
	       "(%.1f M count_objects/s",
	       VARIANT, nr, threads, churn ? "+churn" : "", total / elapsed,
	       atomic_long_read(&counted) / elapsed / 1e6);
	if (churn)
		printf(", %.0f register+free/s", cycles / elapsed);
	printf(")\n");
}

int main(int argc, char **argv)
{
	struct shrinker **shrinkers;
	int i, nr = argc > 1 ? atoi(argv[1]) : 1000;

	if (argc > 2)
		seconds = atof(argv[2]);
	if (nr < 1 || seconds <= 0 || shrinker_glue_init())
		return 1;
	shrinkers = calloc(nr, sizeof(*shrinkers));
	if (!shrinkers)
		return 1;
	for (i = 0; i < nr; i++) {
		shrinkers[i] = shrinker_alloc(0, "bench-%d", i);
		if (!shrinkers[i])
			return 1;
		shrinkers[i]->count_objects = empty_count;
		shrinkers[i]->scan_objects = empty_scan;
		shrinker_register(shrinkers[i]);
	}

	run(1, nr, false);
	run(2, nr, false);
	run(1, nr, true);

	for (i = 0; i < nr; i++) {
#ifdef SHRINKER_V2_API
		shrinker_unregister(shrinkers[i]);
#else
		shrinker_free(shrinkers[i]);
#endif
	}
	free(shrinkers);
	shrinker_glue_exit();
	return 0;
}
