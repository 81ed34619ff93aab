// SPDX-License-Identifier: GPL-2.0-only
/*
 * A shrinker that shrinker_alloc() did not allocate must be refused with
 * a WARN: only shrinker_alloc() sets it up (name, id, nr_deferred,
 * SHRINKER_ALLOCATED) for the lockless walk and the RCU free.  Built with
 * -DREPRO_BUG_NOT_ALLOCATED the caller makes its own, the way shrinkers
 * were embedded or static before 6.7; shrinker_register() WARNs and leaves
 * it out, and shrinker_free() then frees the caller's struct.
 */
#include <linux/shrinker.h>
#include <linux/slab.h>

#include "repro.h"

int main(void)
{
	struct shrinker *shrinker;

	repro_boot(1);
#ifdef REPRO_BUG_NOT_ALLOCATED
	shrinker = kzalloc(sizeof(*shrinker), GFP_KERNEL);
	if (shrinker) {
		shrinker->count_objects = repro_count_fixed;
		shrinker->scan_objects = repro_scan_all;
		shrinker->seeks = DEFAULT_SEEKS;
	}
#else
	shrinker = repro_shrinker_alloc(0, "cache");
#endif
	if (!shrinker)
		return 3;
	shrinker_register(shrinker);
	shrinker_free(shrinker);
	repro_shutdown();
	return 0;
}
