// SPDX-License-Identifier: GPL-2.0-only
/*
 * Case b: a static shrinker of a module, like x86's mmu_shrinker.  The
 * module's init allocates and registers it, its exit frees it; the stress
 * loads and unloads it (kstub's module loader) over and over while reclaim
 * runs.
 *
 * demo_module_lock keeps callers of demo_module_add() out while the
 * module is loaded or unloaded, as try_module_get() would keep it in.
 * Reclaim does not take it: only shrinker_free() keeps scans away from an
 * unloading module.
 */
#define MODULE
#define KBUILD_MODNAME "demo_mmu"

#include <linux/module.h>
#include <linux/rwsem.h>
#include <linux/shrinker.h>

#include "demo_lru.h"

static DECLARE_RWSEM(demo_module_lock);
static bool demo_module_loaded;

static struct demo_lru mmu_lru;
static struct shrinker *mmu_shrinker;

static int __init demo_module_init(void)
{
	int err;

	err = demo_lru_init(&mmu_lru);
	if (err)
		return err;

	mmu_shrinker = shrinker_alloc(0, "x86-mmu");
	if (!mmu_shrinker) {
		demo_lru_kill(&mmu_lru);
		return -ENOMEM;
	}
	mmu_shrinker->count_objects = demo_lru_shrink_count;
	mmu_shrinker->scan_objects = demo_lru_shrink_scan;
	mmu_shrinker->private_data = &mmu_lru;
	mmu_shrinker->seeks = DEFAULT_SEEKS * 10;
	shrinker_register(mmu_shrinker);
	return 0;
}

static void __exit demo_module_exit(void)
{
	demo_shrinker_release(mmu_shrinker, true);
	mmu_shrinker = NULL;
	demo_lru_kill(&mmu_lru);
}

module_init(demo_module_init);
module_exit(demo_module_exit);
MODULE_LICENSE("GPL");

int demo_module_load(void)
{
	int err;

	down_write(&demo_module_lock);
	err = kstub_module_load(KBUILD_MODNAME);
	if (!err)
		demo_module_loaded = true;
	up_write(&demo_module_lock);
	return err == -EEXIST ? 0 : err;
}

void demo_module_unload(void)
{
	down_write(&demo_module_lock);
	if (demo_module_loaded && !kstub_module_unload(KBUILD_MODNAME))
		demo_module_loaded = false;
	up_write(&demo_module_lock);
}

int demo_module_add(int nid, struct mem_cgroup *memcg)
{
	int err = -ENOENT;

	down_read(&demo_module_lock);
	if (demo_module_loaded)
		err = demo_lru_add(&mmu_lru, mmu_shrinker, nid, memcg);
	up_read(&demo_module_lock);
	return err;
}
