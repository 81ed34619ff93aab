// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memcg side: set_shrinker_bit() makes shrink_slab(memcg) call a
 * memcg-aware shrinker, SHRINK_EMPTY clears the bit, expanding the id
 * space keeps the bits (and units) memcgs already have, new memcgs are
 * sized for every id, offline memcgs are not scanned and reparenting
 * hands deferred work to the parent.
 */
#include <linux/gfp.h>
#include <linux/bitops.h>
#include <linux/memcontrol.h>
#include <linux/rcupdate.h>
#include <linux/shrinker.h>
#include <kstub/memcg.h>
#include <kstub/report.h>

#include "helpers.h"
#include "tap.h"

#define MANY (SHRINKER_UNIT_BITS + 8)

static struct shrinker_info *info_of(struct mem_cgroup *memcg, int nid)
{
	/* The test is single-threaded: a plain look is enough. */
	return rcu_dereference_protected(memcg->nodeinfo[nid]->shrinker_info,
					 1);
}

static bool bit_of(struct mem_cgroup *memcg, int nid, int id)
{
	struct shrinker_info *info = info_of(memcg, nid);

	return test_bit(id % SHRINKER_UNIT_BITS,
			info->unit[id / SHRINKER_UNIT_BITS]->map);
}

static atomic_long_t *deferred_of(struct mem_cgroup *memcg, int nid, int id)
{
	struct shrinker_info *info = info_of(memcg, nid);

	return &info->unit[id / SHRINKER_UNIT_BITS]
			->nr_deferred[id % SHRINKER_UNIT_BITS];
}

int main(void)
{
	struct tshrinker *t, *many[MANY];
	struct mem_cgroup *memcg, *child, *late;
	struct shrinker_info_unit *unit0;
	int i, id, old_max;

	plan(19);
	test_boot(2);

	memcg = kstub_memcg_create(NULL);
	if (IS_ERR_OR_NULL(memcg))
		bail_out("kstub_memcg_create failed");
	ok(info_of(memcg, 0) && info_of(memcg, 1),
	   "a new memcg gets shrinker_info on every node");

	t = tshrinker_new(SHRINKER_MEMCG_AWARE, "memcg");
	id = t->shrinker->id;
	atomic_long_set(&t->objects, 10);

	shrink_slab(GFP_KERNEL, 1, memcg, 0);
	is_int(tshrinker_count_calls(t), 0, "no bit: not called for the memcg");

	set_shrinker_bit(memcg, 1, id);
	ok(bit_of(memcg, 1, id) && !bit_of(memcg, 0, id),
	   "set_shrinker_bit sets the bit of that node only");
	shrink_slab(GFP_KERNEL, 1, memcg, 0);
	is_int(tshrinker_count_calls(t), 1, "bit set: called for the memcg");
	ok(t->last_memcg == memcg && t->last_nid == 1,
	   "... with sc->memcg and sc->nid of the scan");

	atomic_long_set(&t->objects, -1); /* SHRINK_EMPTY */
	shrink_slab(GFP_KERNEL, 1, memcg, 0);
	ok(!bit_of(memcg, 1, id), "SHRINK_EMPTY clears the bit");
	atomic_long_set(&t->count_calls, 0);
	shrink_slab(GFP_KERNEL, 1, memcg, 0);
	is_int(tshrinker_count_calls(t), 0, "... and it is not called again");

	/* Grow the id space past one unit. */
	set_shrinker_bit(memcg, 0, id);
	atomic_long_set(&t->objects, 10);
	unit0 = info_of(memcg, 0)->unit[0];
	old_max = info_of(memcg, 0)->map_nr_max;
	for (i = 0; i < MANY; i++)
		many[i] = tshrinker_new(SHRINKER_MEMCG_AWARE, "many");
	ok(info_of(memcg, 0)->map_nr_max > old_max,
	   "expand_shrinker_info grew the map (%d -> %d)", old_max,
	   info_of(memcg, 0)->map_nr_max);
	ok(info_of(memcg, 0)->unit[0] == unit0,
	   "the existing unit is shared by the new array");
	ok(bit_of(memcg, 0, id), "expand_shrinker_info keeps existing bits");
	ok(info_of(root_mem_cgroup, 0)->map_nr_max ==
		   info_of(memcg, 0)->map_nr_max,
	   "the root memcg was expanded too");

	late = kstub_memcg_create(memcg);
	if (IS_ERR_OR_NULL(late))
		bail_out("kstub_memcg_create failed");
	ok(info_of(late, 1)->map_nr_max > many[MANY - 1]->shrinker->id,
	   "a memcg created later is sized for every id");
	set_shrinker_bit(late, 1, many[MANY - 1]->shrinker->id);
	atomic_long_set(&many[MANY - 1]->objects, 5);
	shrink_slab(GFP_KERNEL, 1, late, 0);
	is_int(tshrinker_count_calls(many[MANY - 1]), 1,
	       "a high id is found through the second unit");

	/* Reparenting: the child's deferred work goes to the parent. */
	child = late;
	atomic_long_set(deferred_of(child, 1, id), 7);
	atomic_long_set(deferred_of(memcg, 1, id), 3);
	is_int(kstub_memcg_offline(child), 0, "child memcg offline");
	is_int(atomic_long_read(deferred_of(memcg, 1, id)), 10,
	       "reparent_shrinker_deferred added 7 to the parent's 3");

	/* An offline memcg is not scanned. */
	set_shrinker_bit(memcg, 0, id);
	atomic_long_set(&t->count_calls, 0);
	css_get(&memcg->css);
	is_int(kstub_memcg_offline(memcg), 0, "memcg offline");
	shrink_slab(GFP_KERNEL, 0, memcg, 0);
	is_int(tshrinker_count_calls(t), 0, "offline memcg: nothing called");
	css_put(&memcg->css);

	for (i = 0; i < MANY; i++)
		tshrinker_free(many[i]);
	tshrinker_free(t);

	is_int(kstub_report_total(), 0, "no WARN or other report");
	is_int(test_shutdown_leaks(), 0, "nothing leaked");
	return exit_status();
}
