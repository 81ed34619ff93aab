/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shrinkers: callbacks the memory-reclaim code uses to ask caches to give
 * memory back.
 *
 * Lifetime (the default, lockless variant):
 *  - shrinker_alloc() returns a zeroed, unregistered shrinker; the caller
 *    fills in count_objects/scan_objects (and batch, seeks, private_data)
 *    and then calls shrinker_register().
 *  - shrinker_free() tears it down, registered or not.  For a registered
 *    one it first waits until no scan is running and none can start, so
 *    the owner may free whatever private_data points to once it returns.
 *    The struct itself is freed after an RCU grace period.
 *  - shrink_slab() walks the registered shrinkers under rcu_read_lock()
 *    only; it pins each one with shrinker_try_get() before calling out of
 *    the RCU section, and drops it with shrinker_put() back inside it.
 *  - count_objects/scan_objects may sleep.  They never run concurrently
 *    with or after the return of shrinker_free() of their shrinker.
 *
 * Built with -DSHRINKER_V2_API instead, the API is the one of the v2
 * series (shrinker_free_non_registered + shrinker_unregister, all walkers
 * under shrinker_rwsem), kept so that the review points about it can be
 * demonstrated.
 */
#ifndef _LINUX_SHRINKER_H
#define _LINUX_SHRINKER_H

#include <linux/types.h>
#include <linux/refcount.h>
#include <linux/completion.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/bitmap.h>

#define SHRINKER_UNIT_BITS BITS_PER_LONG

/*
 * One unit of a memcg's per-node shrinker state: the "may have objects"
 * bit and the deferred scan count of SHRINKER_UNIT_BITS shrinker ids.
 * Units live as long as the memcg; only the array of unit pointers is
 * replaced (and freed after a grace period) when the id space grows.
 */
struct shrinker_info_unit {
	atomic_long_t nr_deferred[SHRINKER_UNIT_BITS];
	DECLARE_BITMAP(map, SHRINKER_UNIT_BITS);
};

/*
 * memcg->nodeinfo[nid]->shrinker_info.  Written under the shrinker lock,
 * read under rcu_read_lock().
 */
struct shrinker_info {
	struct rcu_head rcu;
	int map_nr_max;
	struct shrinker_info_unit *unit[];
};

/* What a shrinker is asked to do: one node, maybe one memcg. */
struct shrink_control {
	gfp_t gfp_mask;
	/* node to scan; 0 for shrinkers that are not NUMA aware */
	int nid;
	/* in: how many objects to scan */
	unsigned long nr_to_scan;
	/* out (optional): how many were actually scanned */
	unsigned long nr_scanned;
	/* memcg to scan, for SHRINKER_MEMCG_AWARE shrinkers */
	struct mem_cgroup *memcg;
};

/* count_objects: nothing to free.  scan_objects: cannot make progress. */
#define SHRINK_STOP (~0UL)
#define SHRINK_EMPTY (~0UL - 1)

struct shrinker {
	unsigned long (*count_objects)(struct shrinker *shrinker,
				       struct shrink_control *sc);
	unsigned long (*scan_objects)(struct shrinker *shrinker,
				      struct shrink_control *sc);

	long batch; /* objects per scan_objects call; 0: SHRINK_BATCH */
	int seeks; /* cost of recreating an object */
	unsigned int flags;

#ifndef SHRINKER_V2_API
	/* 1 while registered, +1 per running scan; 0 means going away */
	refcount_t refcount;
	/* completed when the count drops to 0 */
	struct completion done;
	struct rcu_head rcu;
#endif

	void *private_data;

	/* internal, under the shrinker lock (RCU for walkers) */
	struct list_head list;
	/* memcg-aware: index into the shrinker_info bitmaps */
	int id;
	/* debugfs */
	int debugfs_id;
	const char *name;
	struct dentry *debugfs_entry;
	/* deferred scan counts: one, or nr_node_ids when NUMA aware */
	atomic_long_t *nr_deferred;
};

#define DEFAULT_SEEKS 2
#define SHRINK_BATCH 128

/* Flags; REGISTERED and ALLOCATED are set by the core, not by users. */
#define SHRINKER_REGISTERED BIT(0)
#define SHRINKER_ALLOCATED BIT(1)
#define SHRINKER_NUMA_AWARE BIT(2)
#define SHRINKER_MEMCG_AWARE BIT(3)
/* memcg aware, and called even when kmem accounting is off */
#define SHRINKER_NONSLAB BIT(4)

struct mem_cgroup;

unsigned long shrink_slab(gfp_t gfp_mask, int nid, struct mem_cgroup *memcg,
			  int priority);

__printf(2, 3) struct shrinker *shrinker_alloc(unsigned int flags,
					       const char *fmt, ...);
void shrinker_register(struct shrinker *shrinker);

#ifdef SHRINKER_V2_API
void shrinker_free_non_registered(struct shrinker *shrinker);
void shrinker_unregister(struct shrinker *shrinker);
#else
void shrinker_free(struct shrinker *shrinker);

/* Pin a shrinker found under RCU; fails once shrinker_free() started. */
static inline bool shrinker_try_get(struct shrinker *shrinker)
{
	return refcount_inc_not_zero(&shrinker->refcount);
}

static inline void shrinker_put(struct shrinker *shrinker)
{
	if (refcount_dec_and_test(&shrinker->refcount))
		complete(&shrinker->done);
}
#endif

/* memcg side: called from memcontrol (css online/offline/free). */
int alloc_shrinker_info(struct mem_cgroup *memcg);
void free_shrinker_info(struct mem_cgroup *memcg);
void reparent_shrinker_deferred(struct mem_cgroup *memcg);
/* Mark that @memcg may have objects for shrinker @shrinker_id on @nid. */
void set_shrinker_bit(struct mem_cgroup *memcg, int nid, int shrinker_id);

#endif /* _LINUX_SHRINKER_H */
