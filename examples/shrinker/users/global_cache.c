// SPDX-License-Identifier: GPL-2.0-only
/*
 * Case a: a shrinker for a global cache that exists from boot on, like
 * workingset's shadow-node shrinker: built in, set up by its initcall
 * (kstub_do_initcalls() at boot, see kstub_glue.c).  The kernel never frees
 * it; global_cache_exit() exists only so that a test ends with nothing
 * live.
 */
#include <linux/module.h>
#include <linux/shrinker.h>

#include "demo_lru.h"

static struct demo_lru workingset_lru;
static struct shrinker *workingset_shrinker;

static int __init global_cache_init(void)
{
	int err;

	err = demo_lru_init(&workingset_lru);
	if (err)
		return err;

	workingset_shrinker = shrinker_alloc(
		SHRINKER_NUMA_AWARE | SHRINKER_MEMCG_AWARE, "mm-shadow");
	if (!workingset_shrinker) {
		demo_lru_kill(&workingset_lru);
		return -ENOMEM;
	}
	workingset_shrinker->count_objects = demo_lru_shrink_count;
	workingset_shrinker->scan_objects = demo_lru_shrink_scan;
	workingset_shrinker->private_data = &workingset_lru;
	/* Shadow nodes are cheap to recreate. */
	workingset_shrinker->seeks = 0;
	shrinker_register(workingset_shrinker);
	return 0;
}

module_init(global_cache_init);

void global_cache_exit(void)
{
	if (!workingset_shrinker)
		return;
	demo_shrinker_release(workingset_shrinker, true);
	workingset_shrinker = NULL;
	demo_lru_kill(&workingset_lru);
}

int global_cache_add(int nid, struct mem_cgroup *memcg)
{
	/* Its initcall failed (say, under fault injection). */
	if (!workingset_shrinker)
		return -ENODEV;
	return demo_lru_add(&workingset_lru, workingset_shrinker, nid, memcg);
}
