// SPDX-License-Identifier: GPL-2.0-only
/*
 * With memcg disabled (cgroup_disable=memory), SHRINKER_MEMCG_AWARE is
 * dropped and the shrinker works as a plain one: it gets nr_deferred and
 * shrink_slab calls it with no memcg.
 */
#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>
#include <kstub/memcg.h>

#include "helpers.h"
#include "tap.h"

int main(void)
{
	struct tshrinker *t;

	plan(6);
	kstub_memcg_set_disabled(true);
	test_boot(2);
	ok(mem_cgroup_disabled() && !root_mem_cgroup, "memcg is disabled");

	t = tshrinker_new(SHRINKER_MEMCG_AWARE | SHRINKER_NUMA_AWARE, "nomc");
	ok(!(t->shrinker->flags & SHRINKER_MEMCG_AWARE),
	   "MEMCG_AWARE falls back to a plain shrinker");
	ok(t->shrinker->nr_deferred != NULL, "... with its own nr_deferred");

	atomic_long_set(&t->objects, 1 << 20);
	atomic_long_set(&t->free_per_scan, -1);
	shrink_slab(GFP_KERNEL, 1, NULL, 12);
	is_int(tshrinker_count_calls(t), 1, "shrink_slab(NULL memcg) calls it");
	ok(atomic_long_read(&t->shrinker->nr_deferred[1]) > 0,
	   "deferred work in its node slot");
	tshrinker_free(t);

	is_int(test_shutdown_leaks(), 0, "nothing leaked");
	return exit_status();
}
