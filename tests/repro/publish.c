// SPDX-License-Identifier: GPL-2.0-only
/*
 * B15: an error path of shrinker_alloc() under the lockless walk.
 *
 * A "walker" thread calls shrink_slab() on the root memcg a fixed number
 * of times, as kswapd does: an RCU walk of shrinker_list that skips the
 * shrinkers it cannot pin.  An "alloc" thread, started once the walker
 * runs, sets up a shrinker that is not memcg aware (so shrinker_alloc()
 * allocates its nr_deferred last), registers it and frees it again, a
 * fixed number of times.
 *
 * The fixed code lists a shrinker only in shrinker_register(), after
 * every allocation has succeeded, and frees listed ones after a grace
 * period.  B15 lists it in shrinker_alloc(), before nr_deferred; when
 * that allocation fails, the error path unlinks it and kfree()s it at
 * once, while the walker may be on it: the walker's failed
 * shrinker_try_get() and its step to ->list.next read freed memory.
 *
 * The walker's failed shrinker_try_get() takes no time, so the window is
 * a few instructions wide unless the walker is held there (a delay at its
 * refcount_get site) while the error path runs.
 *
 * Every failure is handled (exit 0) and everything is freed.
 */
#include "config.h" /* _GNU_SOURCE: pthread_setname_np() */

#include <pthread.h>

#include <linux/completion.h>
#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>

#include "repro.h"

#define NR_CYCLES 4
/*
 * A walk of an empty list is short: with a pause between walks (without
 * kstub sites, so that delay rules on every site do not slow it down),
 * enough of them to span the alloc thread's cycles.
 */
#define NR_WALKS 1024
#define NR_PAUSES 500

static DECLARE_COMPLETION(alloc_up);
static DECLARE_COMPLETION(walking);

static void *walker(void *arg)
{
	int i, j;

	pthread_setname_np(pthread_self(), "walker");
	complete(&walking);
	for (i = 0; i < NR_WALKS; i++) {
		shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
		for (j = 0; j < NR_PAUSES; j++)
			cpu_relax();
	}
	return arg;
}

static void *alloc(void *arg)
{
	struct shrinker *shrinker;
	int i;

	pthread_setname_np(pthread_self(), "alloc");
	complete(&alloc_up);
	/* Start once the walker runs. */
	wait_for_completion(&walking);
	for (i = 0; i < NR_CYCLES; i++) {
		shrinker = repro_shrinker_alloc(0, "publish");
		if (!shrinker)
			continue;
		shrinker_register(shrinker);
		shrinker_free(shrinker);
	}
	return arg;
}

int main(void)
{
	pthread_t walk, own;

	repro_boot(1);
	/*
	 * Each thread reaches its first kstub site before the next one is
	 * created, so the shim numbers them (and gives them their random
	 * streams) in the same order in every run.
	 */
	if (pthread_create(&own, NULL, alloc, NULL))
		return 3;
	wait_for_completion(&alloc_up);
	if (pthread_create(&walk, NULL, walker, NULL))
		return 3;
	pthread_join(own, NULL);
	pthread_join(walk, NULL);
	repro_shutdown();
	return 0;
}
