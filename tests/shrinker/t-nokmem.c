// SPDX-License-Identifier: GPL-2.0-only
/*
 * With kmem accounting off (cgroup.memory=nokmem), memcg reclaim calls only
 * SHRINKER_NONSLAB shrinkers, and skipping the others leaves no reference
 * behind, so shrinker_free() of a skipped shrinker returns.  B11 (the
 * skip keeps its reference) fails the reference check, and the test stops
 * there rather than hang in shrinker_free().
 */
#include <stdio.h>
#include <unistd.h>

#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>
#include <kstub/debugfs.h>
#include <kstub/memcg.h>
#include <kstub/report.h>

#include "helpers.h"
#include "tap.h"

int main(void)
{
	struct tshrinker *slab, *nonslab;
	struct mem_cgroup *memcg;
	char path[64];

	/* A guard against a variant that hangs, not a time limit. */
	alarm(60);
	plan(7);
	kstub_memcg_set_nokmem(true);
	test_boot(1);

	memcg = kstub_memcg_create(NULL);
	if (IS_ERR_OR_NULL(memcg))
		bail_out("kstub_memcg_create failed");
	ok(!memcg_kmem_online(), "kmem accounting is off");

	slab = tshrinker_new(SHRINKER_MEMCG_AWARE, "slab");
	nonslab = tshrinker_new(SHRINKER_MEMCG_AWARE | SHRINKER_NONSLAB,
				"nonslab");
	atomic_long_set(&slab->objects, 10);
	atomic_long_set(&nonslab->objects, 10);
	set_shrinker_bit(memcg, 0, slab->shrinker->id);
	set_shrinker_bit(memcg, 0, nonslab->shrinker->id);

	shrink_slab(GFP_KERNEL, 0, memcg, 0);
	is_int(tshrinker_count_calls(slab), 0, "a slab shrinker is skipped");
	is_int(tshrinker_count_calls(nonslab), 1,
	       "a NONSLAB shrinker is called");
	if (!is_int(refcount_read(&slab->shrinker->refcount), 1,
		    "skipping it left no reference behind"))
		bail_out("shrinker_free would wait forever for that reference");

	snprintf(path, sizeof(path), "shrinker/slab-%d",
		 slab->shrinker->debugfs_id);
	tshrinker_free(slab);
	ok(!kstub_debugfs_exists(path), "shrinker_free of it completed");
	tshrinker_free(nonslab);
	kstub_memcg_offline(memcg);

	is_int(kstub_report_total(), 0, "no WARN or other report");
	is_int(test_shutdown_leaks(), 0, "nothing leaked");
	return exit_status();
}
