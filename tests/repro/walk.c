// SPDX-License-Identifier: GPL-2.0-only
/*
 * The lockless walk against unmounts: B1, B2 and B4.
 *
 * Walker threads call shrink_slab() on the root memcg over and over, as
 * kswapd and direct reclaim do, while an owner thread mounts and unmounts
 * super_block-like objects: each has a shrinker whose private_data points
 * back to it, and unmount is shrinker_free() then kfree() of the object,
 * in that order, as the kernel's deactivate_locked_super() does.  The
 * callbacks take the object's lock, so a scan that outlives its object
 * touches freed memory.
 *
 * The same program, linked with a seeded variant of mm/shrinker.c, is
 * walk-b1 (the shrinker struct freed without a grace period), walk-b2
 * (shrinker_free() not waiting for running scans) and walk-b4 (the walker
 * dropping its reference outside the RCU section).  Each window is a few
 * instructions wide; kfault race widens it with delays.  ASan sees every
 * bug; in a plain build only B2 has a chance to show, as the WARN below.
 */
#include <pthread.h>
#include <stdio.h>

#include <linux/bug.h>
#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/mutex.h>
#include <linux/shrinker.h>
#include <linux/slab.h>

#include "repro.h"

#define SB_ALIVE 0x5b0a11eUL
#define SB_DEAD 0x5bdeadUL

#define NR_WALKERS 2
#define NR_WALKS 200
#define NR_CYCLES 60
#define NR_MOUNTED 3

struct sb {
	struct shrinker *shrinker;
	struct mutex lock;
	unsigned long magic;
	unsigned long scanned;
};

/* Both callbacks take the object's lock: any use after kfree shows. */
static struct sb *sb_lock(struct shrinker *shrinker)
{
	struct sb *sb = shrinker->private_data;

	mutex_lock(&sb->lock);
	WARN(READ_ONCE(sb->magic) != SB_ALIVE,
	     "sb %p scanned after its unmount", sb);
	return sb;
}

static unsigned long sb_count(struct shrinker *shrinker,
			      struct shrink_control *sc)
{
	struct sb *sb = sb_lock(shrinker);

	mutex_unlock(&sb->lock);
	return 64;
}

static unsigned long sb_scan(struct shrinker *shrinker,
			     struct shrink_control *sc)
{
	struct sb *sb = sb_lock(shrinker);

	sb->scanned += sc->nr_to_scan;
	mutex_unlock(&sb->lock);
	return sc->nr_to_scan;
}

static struct sb *sb_mount(int n)
{
	struct sb *sb = kzalloc(sizeof(*sb), GFP_KERNEL);

	if (!sb)
		return NULL;
	sb->shrinker = shrinker_alloc(0, "sb-%d", n);
	if (!sb->shrinker) {
		kfree(sb);
		return NULL;
	}
	mutex_init(&sb->lock);
	sb->magic = SB_ALIVE;
	sb->shrinker->count_objects = sb_count;
	sb->shrinker->scan_objects = sb_scan;
	sb->shrinker->private_data = sb;
	shrinker_register(sb->shrinker);
	return sb;
}

/* shrinker_free() guarantees no scan runs any more: the object may go. */
static void sb_umount(struct sb *sb)
{
	shrinker_free(sb->shrinker);
	mutex_lock(&sb->lock);
	WRITE_ONCE(sb->magic, SB_DEAD);
	mutex_unlock(&sb->lock);
	kfree(sb);
}

static void *owner(void *arg)
{
	struct sb *mounted[NR_MOUNTED] = {NULL};
	int i;

	for (i = 0; i < NR_CYCLES; i++) {
		struct sb **slot = &mounted[i % NR_MOUNTED];

		if (*slot)
			sb_umount(*slot);
		*slot = sb_mount(i);
	}
	for (i = 0; i < NR_MOUNTED; i++)
		if (mounted[i])
			sb_umount(mounted[i]);
	return arg;
}

static void *walker(void *arg)
{
	int i;

	for (i = 0; i < NR_WALKS; i++)
		shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
	return arg;
}

int main(void)
{
	pthread_t walkers[NR_WALKERS], own;
	int i;

	repro_boot(1);
	if (pthread_create(&own, NULL, owner, NULL))
		return 3;
	for (i = 0; i < NR_WALKERS; i++)
		if (pthread_create(&walkers[i], NULL, walker, NULL))
			return 3;
	for (i = 0; i < NR_WALKERS; i++)
		pthread_join(walkers[i], NULL);
	pthread_join(own, NULL);
	repro_shutdown();
	return 0;
}
