// SPDX-License-Identifier: GPL-2.0-only
/*
 * B11: memcg reclaim with kmem accounting off (cgroup.memory=nokmem) must
 * skip slab shrinkers, and the skip must drop the reference the walk took
 * to look at the shrinker.  With the reference kept, shrinker_free() waits
 * for it forever: kfault sees a hang (and kstub's hung-task report says
 * where, with KSTUB_HUNG_TASK_TIMEOUT_SECS set).
 */
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/shrinker.h>
#include <kstub/memcg.h>

#include "repro.h"

int main(void)
{
	struct shrinker *shrinker;
	struct mem_cgroup *memcg;

	kstub_memcg_set_nokmem(true);
	repro_boot(1);
	memcg = kstub_memcg_create(NULL);
	shrinker = repro_shrinker_alloc(SHRINKER_MEMCG_AWARE, "nokmem");
	if (IS_ERR(memcg) || !shrinker)
		return 3;
	shrinker_register(shrinker);

	/* It had objects in @memcg; reclaim there skips it. */
	set_shrinker_bit(memcg, 0, shrinker->id);
	shrink_slab(GFP_KERNEL, 0, memcg, 0);

	shrinker_free(shrinker);
	kstub_memcg_offline(memcg);
	repro_shutdown();
	return 0;
}
