// SPDX-License-Identifier: GPL-2.0-only
/*
 * Case c: a shrinker embedded (by pointer) in a super_block-like object,
 * reaching its owner through private_data.  Mount allocates and registers
 * it; umount frees it first, so that no scan can touch the lrus that are
 * torn down next.
 */
#include <linux/slab.h>
#include <linux/atomic.h>
#include <linux/shrinker.h>

#include "demo_lru.h"

static atomic_long_t demo_sb_ids;

static unsigned long super_cache_count(struct shrinker *shrink,
				       struct shrink_control *sc)
{
	struct demo_super_block *sb = shrink->private_data;
	unsigned long dentries, inodes, total = 0;

	dentries = demo_lru_count(&sb->s_dentry_lru, sc);
	inodes = demo_lru_count(&sb->s_inode_lru, sc);
	if (dentries != SHRINK_EMPTY)
		total += dentries;
	if (inodes != SHRINK_EMPTY)
		total += inodes;
	return total ? total : SHRINK_EMPTY;
}

/* Dentries first, then inodes, in proportion, as prune_super does. */
static unsigned long super_cache_scan(struct shrinker *shrink,
				      struct shrink_control *sc)
{
	struct demo_super_block *sb = shrink->private_data;
	unsigned long nr = sc->nr_to_scan, freed;

	sc->nr_to_scan = nr / 2 + nr % 2;
	freed = demo_lru_scan(&sb->s_dentry_lru, sc);
	sc->nr_to_scan = nr / 2;
	if (sc->nr_to_scan)
		freed += demo_lru_scan(&sb->s_inode_lru, sc);
	sc->nr_to_scan = nr;
	return freed;
}

static void demo_sb_free(struct demo_super_block *sb)
{
	demo_lru_kill(&sb->s_dentry_lru);
	demo_lru_kill(&sb->s_inode_lru);
	kfree(sb);
}

struct demo_super_block *demo_mount(unsigned int flags, long batch, int seeks,
				    bool abort)
{
	struct demo_super_block *sb;

	sb = kzalloc(sizeof(*sb), GFP_KERNEL);
	if (!sb)
		return NULL;
	sb->s_id = atomic_long_inc_return(&demo_sb_ids);

	if (demo_lru_init(&sb->s_dentry_lru) || demo_lru_init(&sb->s_inode_lru))
		goto err_free_sb;

	sb->s_shrink = shrinker_alloc(flags, "sb-demo-%lu", sb->s_id);
	if (!sb->s_shrink)
		goto err_free_sb;
	sb->s_shrink->count_objects = super_cache_count;
	sb->s_shrink->scan_objects = super_cache_scan;
	sb->s_shrink->batch = batch;
	sb->s_shrink->seeks = seeks;
	sb->s_shrink->private_data = sb;

	/* A mount that fails between alloc and register (e.g. bad options). */
	if (abort)
		goto err_free_shrinker;

	shrinker_register(sb->s_shrink);
	return sb;

err_free_shrinker:
	demo_shrinker_release(sb->s_shrink, false);
err_free_sb:
	demo_sb_free(sb);
	return NULL;
}

void demo_umount(struct demo_super_block *sb)
{
	demo_shrinker_release(sb->s_shrink, true);
	demo_sb_free(sb);
}

int demo_sb_add(struct demo_super_block *sb, int nid, struct mem_cgroup *memcg)
{
	struct demo_lru *lru =
		sb->s_id & 1 ? &sb->s_dentry_lru : &sb->s_inode_lru;

	/* Alternate between the two lrus by object, not by sb. */
	if (atomic_long_read(&demo_objs_allocated) & 1)
		lru = lru == &sb->s_dentry_lru ? &sb->s_inode_lru
					       : &sb->s_dentry_lru;
	return demo_lru_add(lru, sb->s_shrink, nid, memcg);
}
