// SPDX-License-Identifier: GPL-2.0-only
/*
 * One deterministic life of the shrinker example, for kfault sweep:
 * shrinkers of every kind (plain, NUMA-aware, memcg-aware, both, one
 * embedded in a super_block-like owner, one freed without ever being
 * registered) are allocated and registered while two memcgs exist, shrunk
 * globally and per memcg, and freed; then the memcgs go.  Every failure
 * of an allocation along the way must be handled: the program prints what
 * failed and still exits 0, with nothing leaked.
 */
#include <linux/err.h>
#include <linux/memcontrol.h>
#include <linux/nodemask.h>
#include <linux/printk.h>
#include <linux/shrinker.h>
#include <linux/slab.h>
#include <kstub/memcg.h>

#include "kstub_glue.h"

struct demo_sb {
	const char *name;
	unsigned long objects;
	struct shrinker *shrinker;
};

static unsigned long demo_count(struct shrinker *s, struct shrink_control *sc)
{
	struct demo_sb *sb = s->private_data;

	return sb->objects;
}

static unsigned long demo_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct demo_sb *sb = s->private_data;
	unsigned long freed = min(sb->objects, sc->nr_to_scan);

	sb->objects -= freed;
	return freed;
}

/* Allocate and register one shrinker for @sb; false when it failed. */
static bool demo_sb_mount(struct demo_sb *sb, unsigned int flags)
{
	sb->objects = 1000;
	sb->shrinker = shrinker_alloc(flags, "demo-%s", sb->name);
	if (!sb->shrinker) {
		pr_info("shrinker_alloc(%s) failed (handled)\n", sb->name);
		return false;
	}
	sb->shrinker->count_objects = demo_count;
	sb->shrinker->scan_objects = demo_scan;
	sb->shrinker->private_data = sb;
	shrinker_register(sb->shrinker);
	return true;
}

static void demo_sb_umount(struct demo_sb *sb)
{
	shrinker_free(sb->shrinker);
	sb->shrinker = NULL;
}

static void shrink_everything(struct mem_cgroup **memcgs, int nr)
{
	int nid, i;

	for_each_node(nid) {
		shrink_slab(GFP_KERNEL, nid, root_mem_cgroup, 0);
		for (i = 0; i < nr; i++)
			if (memcgs[i])
				shrink_slab(GFP_KERNEL, nid, memcgs[i], 0);
	}
}

int main(void)
{
	static struct demo_sb sbs[] = {
		{.name = "plain"},	  {.name = "numa"},
		{.name = "memcg"},	  {.name = "memcg-numa"},
		{.name = "memcg-second"},
	};
	static const unsigned int flags[] = {
		0,
		SHRINKER_NUMA_AWARE,
		SHRINKER_MEMCG_AWARE,
		SHRINKER_MEMCG_AWARE | SHRINKER_NUMA_AWARE,
		SHRINKER_MEMCG_AWARE,
	};
	struct mem_cgroup *memcgs[2] = {NULL, NULL};
	struct shrinker *unregistered;
	unsigned int i;

	if (kstub_set_nr_nodes(2) || shrinker_glue_init()) {
		pr_info("boot failed (handled)\n");
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(memcgs); i++) {
		struct mem_cgroup *m;

		m = kstub_memcg_create(i ? memcgs[i - 1] : root_mem_cgroup);
		if (IS_ERR(m)) {
			pr_info("memcg %u: %ld (handled)\n", i, PTR_ERR(m));
			break;
		}
		memcgs[i] = m;
	}

	for (i = 0; i < ARRAY_SIZE(sbs); i++)
		demo_sb_mount(&sbs[i], flags[i]);
	unregistered = shrinker_alloc(SHRINKER_MEMCG_AWARE, "never-registered");
	shrink_everything(memcgs, ARRAY_SIZE(memcgs));
	shrinker_free(unregistered);
	for (i = 0; i < ARRAY_SIZE(sbs); i++)
		demo_sb_umount(&sbs[i]);

	for (i = ARRAY_SIZE(memcgs); i-- > 0;) {
		if (!memcgs[i])
			continue;
		/* rmdir: drops the base reference; freed after RCU */
		kstub_memcg_offline(memcgs[i]);
	}
	shrinker_glue_exit();
	return 0;
}
