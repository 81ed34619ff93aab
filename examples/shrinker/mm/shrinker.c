// SPDX-License-Identifier: GPL-2.0-only
/*
 * The shrinker infrastructure: registration, the per-memcg bitmaps that say
 * which shrinkers may have objects in which memcg, and shrink_slab(), which
 * walks the registered shrinkers without taking any lock.
 *
 * Build-time variants (one -D each; the default is the fixed code):
 *   SHRINKER_V2_API   the API of the v2 series: shrinker_unregister() and
 *                     shrinker_free_non_registered(), walkers under a rwsem
 *   SHRINKER_BUG_B1   shrinker_free() frees at once after unlinking, as
 *                     v2's shrinker_unregister() did, under lockless walkers
 *   SHRINKER_BUG_B2   shrinker_free() does not wait for running scans, so
 *                     the owner is torn down (and the shrinker freed) under
 *                     them
 *   SHRINKER_BUG_B4   shrink_slab() drops its reference before re-entering
 *                     the RCU read-side section
 *   SHRINKER_BUG_B7   alloc_shrinker_info() leaks the info when a unit
 *                     allocation fails
 *   SHRINKER_BUG_B8   expand_one_shrinker_info() does not zero the new
 *                     unit pointer array, so its error path walks garbage
 *   SHRINKER_BUG_B11  shrink_slab_memcg() skips a slab shrinker
 *                     with kmem off without dropping the reference it took
 *   SHRINKER_BUG_B14  alloc_shrinker_info() drops the shrinker lock before
 *                     its error path frees the infos it already published,
 *                     so an expansion may replace and free one of them
 *                     under it
 *   SHRINKER_BUG_B15  shrinker_alloc() lists the shrinker at once (walkers
 *                     skip it until shrinker_register() gives it its
 *                     reference), and its error path unlinks it and
 *                     kfree()s it with no grace period
 *   SHRINKER_UPSTREAM_IDR_PUBLISH
 *                     publish a memcg-aware shrinker in shrinker_idr at
 *                     shrinker_alloc() time, as upstream does.  A walker
 *                     that follows a stale bit of a reused id can then pin
 *                     it as soon as refcount_set(1) lands and read the
 *                     callbacks with no happens-before edge to their
 *                     initialization (refcount_set() is a plain store,
 *                     refcount_inc_not_zero() orders nothing): a data race
 *                     that ThreadSanitizer reports.  By default the idr
 *                     slot holds NULL until shrinker_register() fills it
 *                     with a release store (idr_replace).
 */
#include <linux/memcontrol.h>
#include <linux/rculist.h>
#include <linux/idr.h>
#include <linux/slab.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/shrinker.h>

#include "internal.h"

LIST_HEAD(shrinker_list);
#ifdef SHRINKER_V2_API
DECLARE_RWSEM(shrinker_rwsem);
#else
DEFINE_MUTEX(shrinker_mutex);
#endif

/*
 * A walker's hold on one shrinker while it calls out of the RCU section.
 * The v2 walkers hold shrinker_rwsem for read instead, which keeps every
 * shrinker on the list alive.
 */
#ifdef SHRINKER_V2_API
static inline bool shrinker_walk_get(struct shrinker *shrinker)
{
	return true;
}

static inline void shrinker_walk_put(struct shrinker *shrinker)
{
}
#else
static inline bool shrinker_walk_get(struct shrinker *shrinker)
{
	return shrinker_try_get(shrinker);
}

static inline void shrinker_walk_put(struct shrinker *shrinker)
{
	shrinker_put(shrinker);
}
#endif

#ifdef CONFIG_MEMCG
static int shrinker_nr_max;
static DEFINE_IDR(shrinker_idr);

static inline int shrinker_id_to_index(int shrinker_id)
{
	return shrinker_id / SHRINKER_UNIT_BITS;
}

static inline int shrinker_id_to_offset(int shrinker_id)
{
	return shrinker_id % SHRINKER_UNIT_BITS;
}

static inline int calc_shrinker_id(int index, int offset)
{
	return index * SHRINKER_UNIT_BITS + offset;
}

static inline int shrinker_nr_units(int nr_max)
{
	return DIV_ROUND_UP(nr_max, SHRINKER_UNIT_BITS);
}

static inline struct shrinker_info *
shrinker_info_protected(struct mem_cgroup *memcg, int nid)
{
	return rcu_dereference_protected(memcg->nodeinfo[nid]->shrinker_info,
					 shrinker_lock_is_held());
}

/* Free @info's units from index @start up to the first empty slot. */
static void shrinker_unit_free(struct shrinker_info *info, int start)
{
	int nr = shrinker_nr_units(info->map_nr_max);
	int index;

	for (index = start; index < nr; index++) {
		if (!info->unit[index])
			break;
		kfree(info->unit[index]);
		info->unit[index] = NULL;
	}
}

/*
 * Give @new fresh units for the slots @old does not cover (all of them
 * without @old).  The slots @old covers already point at its units.
 */
static int shrinker_unit_alloc(struct shrinker_info *new,
			       struct shrinker_info *old, int nid)
{
	int start = old ? shrinker_nr_units(old->map_nr_max) : 0;
	int nr = shrinker_nr_units(new->map_nr_max);
	int index;

	for (index = start; index < nr; index++) {
		struct shrinker_info_unit *unit;

		unit = kzalloc_node(sizeof(*unit), GFP_KERNEL, nid);
		if (!unit) {
			shrinker_unit_free(new, start);
			return -ENOMEM;
		}
		new->unit[index] = unit;
	}
	return 0;
}

static void __free_shrinker_info(struct mem_cgroup *memcg)
{
	int nid;

	for_each_node(nid) {
		struct mem_cgroup_per_node *pn = memcg->nodeinfo[nid];
		struct shrinker_info *info;

		info = rcu_dereference_protected(pn->shrinker_info, true);
		if (!info)
			continue;
		shrinker_unit_free(info, 0);
		kvfree(info);
		RCU_INIT_POINTER(pn->shrinker_info, NULL);
	}
}

/* The memcg is gone: nobody can look at its shrinker_info any more. */
void free_shrinker_info(struct mem_cgroup *memcg)
{
	__free_shrinker_info(memcg);
}

/* A memcg comes online: size its bitmaps for every shrinker id so far. */
int alloc_shrinker_info(struct mem_cgroup *memcg)
{
	struct shrinker_info *info;
	int nid, nr_max, array_size;

	shrinker_lock();
	nr_max = shrinker_nr_max;
	array_size = shrinker_nr_units(nr_max) * sizeof(info->unit[0]);
	for_each_node(nid) {
		info = kvzalloc_node(sizeof(*info) + array_size, GFP_KERNEL,
				     nid);
		if (!info)
			goto err;
		info->map_nr_max = nr_max;
		if (shrinker_unit_alloc(info, NULL, nid)) {
#ifndef SHRINKER_BUG_B7
			kvfree(info);
#endif
			goto err;
		}
		rcu_assign_pointer(memcg->nodeinfo[nid]->shrinker_info, info);
	}
	shrinker_unlock();
	return 0;

err:
#ifdef SHRINKER_BUG_B14
	shrinker_unlock();
	__free_shrinker_info(memcg);
#else
	__free_shrinker_info(memcg);
	shrinker_unlock();
#endif
	return -ENOMEM;
}

static int expand_one_shrinker_info(struct mem_cgroup *memcg, int new_nr_max)
{
	int new_size = shrinker_nr_units(new_nr_max) * sizeof(void *);
	struct shrinker_info *new, *old;
	int nid;

	for_each_node(nid) {
		old = shrinker_info_protected(memcg, nid);
		/* Not online yet: alloc_shrinker_info() will see new_nr_max. */
		if (!old)
			return 0;
		/* An earlier expansion that failed halfway got this far. */
		if (new_nr_max <= old->map_nr_max)
			continue;

#ifdef SHRINKER_BUG_B8
		new = kvmalloc_node(sizeof(*new) + new_size, GFP_KERNEL, nid);
#else
		new = kvzalloc_node(sizeof(*new) + new_size, GFP_KERNEL, nid);
#endif
		if (!new)
			return -ENOMEM;
		new->map_nr_max = new_nr_max;

		/* Existing units (bits and deferred counts) are shared. */
		memcpy(new->unit, old->unit,
		       shrinker_nr_units(old->map_nr_max) * sizeof(void *));
		if (shrinker_unit_alloc(new, old, nid)) {
			kvfree(new);
			return -ENOMEM;
		}

		rcu_assign_pointer(memcg->nodeinfo[nid]->shrinker_info, new);
		kvfree_rcu(old, rcu);
	}
	return 0;
}

/* Make room for @new_id in the bitmaps of every memcg. */
static int expand_shrinker_info(int new_id)
{
	int new_nr_max = round_up(new_id + 1, SHRINKER_UNIT_BITS);
	struct mem_cgroup *memcg;
	int ret = 0;

	shrinker_lock_assert_held();

	if (!root_mem_cgroup)
		goto out;

	memcg = mem_cgroup_iter(NULL, NULL, NULL);
	do {
		ret = expand_one_shrinker_info(memcg, new_nr_max);
		if (ret) {
			mem_cgroup_iter_break(NULL, memcg);
			return ret;
		}
	} while ((memcg = mem_cgroup_iter(NULL, memcg, NULL)) != NULL);
out:
	shrinker_nr_max = new_nr_max;
	return 0;
}

void set_shrinker_bit(struct mem_cgroup *memcg, int nid, int shrinker_id)
{
	struct shrinker_info *info;

	if (shrinker_id < 0 || !memcg || mem_cgroup_is_root(memcg))
		return;

	rcu_read_lock();
	info = rcu_dereference(memcg->nodeinfo[nid]->shrinker_info);
	if (!WARN_ON_ONCE(!info || shrinker_id >= info->map_nr_max)) {
		struct shrinker_info_unit *unit;

		unit = info->unit[shrinker_id_to_index(shrinker_id)];
		/* Objects first, then the bit: see shrink_slab_memcg(). */
		smp_mb__before_atomic();
		set_bit(shrinker_id_to_offset(shrinker_id), unit->map);
	}
	rcu_read_unlock();
}

static int shrinker_memcg_alloc(struct shrinker *shrinker)
{
	int id, ret = -ENOMEM;

	if (mem_cgroup_disabled())
		return -ENOSYS;

	shrinker_lock();
#ifdef SHRINKER_UPSTREAM_IDR_PUBLISH
	id = idr_alloc(&shrinker_idr, shrinker, 0, 0, GFP_KERNEL);
#else
	/* Reserved now, visible to walkers from shrinker_register() on. */
	id = idr_alloc(&shrinker_idr, NULL, 0, 0, GFP_KERNEL);
#endif
	if (id < 0)
		goto unlock;

	if (id >= shrinker_nr_max && expand_shrinker_info(id)) {
		idr_remove(&shrinker_idr, id);
		goto unlock;
	}
	shrinker->id = id;
	ret = 0;
unlock:
	shrinker_unlock();
	return ret;
}

/* Let walkers find @shrinker by its id; under the shrinker lock. */
static void shrinker_memcg_publish(struct shrinker *shrinker)
{
	shrinker_lock_assert_held();
#ifndef SHRINKER_UPSTREAM_IDR_PUBLISH
	idr_replace(&shrinker_idr, shrinker, shrinker->id);
#endif
}

static void shrinker_memcg_remove(struct shrinker *shrinker)
{
	int id = shrinker->id;

	BUG_ON(id < 0);
	shrinker_lock_assert_held();
	idr_remove(&shrinker_idr, id);
}

/*
 * The deferred counter of a memcg-aware shrinker in @memcg.  It lives in a
 * unit, which lives as long as the memcg, so the pointer stays good after
 * the RCU section as long as the caller holds the memcg.
 */
static atomic_long_t *memcg_nr_deferred(struct shrinker *shrinker, int nid,
					struct mem_cgroup *memcg)
{
	struct shrinker_info *info;
	struct shrinker_info_unit *unit;

	rcu_read_lock();
	info = rcu_dereference(memcg->nodeinfo[nid]->shrinker_info);
	unit = info->unit[shrinker_id_to_index(shrinker->id)];
	rcu_read_unlock();
	return &unit->nr_deferred[shrinker_id_to_offset(shrinker->id)];
}

/* A memcg goes offline: its parent inherits the work it had deferred. */
void reparent_shrinker_deferred(struct mem_cgroup *memcg)
{
	struct mem_cgroup *parent = parent_mem_cgroup(memcg);
	struct shrinker_info *child_info, *parent_info;
	int nid, index, offset;

	if (!parent)
		parent = root_mem_cgroup;

	shrinker_lock();
	for_each_node(nid) {
		child_info = shrinker_info_protected(memcg, nid);
		parent_info = shrinker_info_protected(parent, nid);
		if (!child_info || !parent_info)
			continue;
		for (index = 0;
		     index < shrinker_nr_units(child_info->map_nr_max);
		     index++) {
			struct shrinker_info_unit *from, *to;

			from = child_info->unit[index];
			to = parent_info->unit[index];
			for (offset = 0; offset < SHRINKER_UNIT_BITS;
			     offset++) {
				long nr = atomic_long_read(
					&from->nr_deferred[offset]);

				atomic_long_add(nr, &to->nr_deferred[offset]);
			}
		}
	}
	shrinker_unlock();
}
#else /* !CONFIG_MEMCG */
static int shrinker_memcg_alloc(struct shrinker *shrinker)
{
	return -ENOSYS;
}

static void shrinker_memcg_publish(struct shrinker *shrinker)
{
}

static void shrinker_memcg_remove(struct shrinker *shrinker)
{
}

static atomic_long_t *memcg_nr_deferred(struct shrinker *shrinker, int nid,
					struct mem_cgroup *memcg)
{
	return NULL;
}
#endif /* CONFIG_MEMCG */

/* Where this scan finds and leaves the work earlier scans did not do. */
static atomic_long_t *shrinker_nr_deferred(struct shrinker *shrinker,
					   struct shrink_control *sc)
{
	int nid = sc->nid;

	if (!(shrinker->flags & SHRINKER_NUMA_AWARE))
		nid = 0;
	if (sc->memcg && (shrinker->flags & SHRINKER_MEMCG_AWARE))
		return memcg_nr_deferred(shrinker, nid, sc->memcg);
	return &shrinker->nr_deferred[nid];
}

/*
 * Ask one shrinker for objects.  The pressure of this pass is the cache
 * size scaled down by 2^priority and weighted by 4/seeks (half the cache
 * when seeks is 0); work deferred by earlier passes is added scaled the
 * same way, and the total never exceeds twice the cache.  Whatever is not
 * scanned now, again capped at twice the cache, is deferred to the next
 * pass.
 */
static unsigned long do_shrink_slab(struct shrink_control *sc,
				    struct shrinker *shrinker, int priority)
{
	long batch = shrinker->batch ? shrinker->batch : SHRINK_BATCH;
	unsigned long freeable, delta, total_scan;
	unsigned long freed = 0, scanned = 0;
	atomic_long_t *nr_deferred;
	long nr, next_deferred;

	freeable = shrinker->count_objects(shrinker, sc);
	if (freeable == 0 || freeable == SHRINK_EMPTY)
		return freeable;

	nr_deferred = shrinker_nr_deferred(shrinker, sc);
	nr = atomic_long_xchg(nr_deferred, 0);

	if (shrinker->seeks)
		delta = (freeable >> priority) * 4 / shrinker->seeks;
	else
		delta = freeable / 2;

	total_scan = min((unsigned long)nr >> priority, 2 * freeable);
	total_scan = min(total_scan + delta, 2 * freeable);

	/*
	 * Scan in whole batches, except that a cache smaller than one batch
	 * is scanned in one go rather than never.
	 */
	while (total_scan >= batch || total_scan >= freeable) {
		unsigned long ret,
			nr_to_scan = min_t(unsigned long, batch, total_scan);

		sc->nr_to_scan = nr_to_scan;
		sc->nr_scanned = nr_to_scan;
		ret = shrinker->scan_objects(shrinker, sc);
		if (ret == SHRINK_STOP)
			break;
		freed += ret;

		nr_to_scan = min(sc->nr_scanned, total_scan);
		total_scan -= nr_to_scan;
		scanned += nr_to_scan;
		if (!nr_to_scan)
			break;
		cond_resched();
	}

	next_deferred = max_t(long, nr + (long)delta - (long)scanned, 0);
	next_deferred = min_t(long, next_deferred, 2 * freeable);
	if (next_deferred)
		atomic_long_add(next_deferred, nr_deferred);

	return freed;
}

#ifdef CONFIG_MEMCG
/* The unit at @index of @memcg's map on @nid, or NULL past its end. */
static struct shrinker_info_unit *shrinker_unit_at(struct mem_cgroup *memcg,
						   int nid, int index)
{
	struct shrinker_info_unit *unit = NULL;
	struct shrinker_info *info;

	rcu_read_lock();
	info = rcu_dereference(memcg->nodeinfo[nid]->shrinker_info);
	if (info && index < shrinker_nr_units(info->map_nr_max))
		unit = info->unit[index];
	rcu_read_unlock();
	return unit;
}

/*
 * Find the shrinker behind a set bit and pin it.  NULL with *@clear set:
 * the bit is stale (no shrinker, or one that is going away).
 */
static struct shrinker *shrinker_get_by_id(int shrinker_id, bool *clear)
{
	struct shrinker *shrinker;

	*clear = false;
	rcu_read_lock();
	shrinker = idr_find(&shrinker_idr, shrinker_id);
	if (!shrinker || !shrinker_walk_get(shrinker)) {
		*clear = true;
		shrinker = NULL;
	}
	rcu_read_unlock();
	if (!shrinker)
		return NULL;

	/*
	 * Without kmem accounting only non-slab shrinkers have memcg data.
	 * Checked once pinned: ->flags is stable only while the shrinker is.
	 */
	if (!memcg_kmem_online() && !(shrinker->flags & SHRINKER_NONSLAB)) {
#ifndef SHRINKER_BUG_B11
		shrinker_walk_put(shrinker);
#endif
		return NULL;
	}
	return shrinker;
}

static unsigned long shrink_slab_unit(struct shrinker_info_unit *unit,
				      int index, gfp_t gfp_mask, int nid,
				      struct mem_cgroup *memcg, int priority)
{
	unsigned long ret, freed = 0;
	int offset;

	for_each_set_bit(offset, unit->map, SHRINKER_UNIT_BITS) {
		struct shrink_control sc = {
			.gfp_mask = gfp_mask,
			.nid = nid,
			.memcg = memcg,
		};
		int shrinker_id = calc_shrinker_id(index, offset);
		struct shrinker *shrinker;
		bool clear;

		shrinker = shrinker_get_by_id(shrinker_id, &clear);
		if (!shrinker) {
			if (clear)
				clear_bit(offset, unit->map);
			continue;
		}

		ret = do_shrink_slab(&sc, shrinker, priority);
		if (ret == SHRINK_EMPTY) {
			clear_bit(offset, unit->map);
			/*
			 * An object added after the count set the bit
			 * again before or after our clear; count once more
			 * so that a concurrent set_shrinker_bit() is never
			 * lost.  Pairs with the barrier there.
			 */
			smp_mb__after_atomic();
			ret = do_shrink_slab(&sc, shrinker, priority);
			if (ret == SHRINK_EMPTY)
				ret = 0;
			else
				set_shrinker_bit(memcg, nid, shrinker_id);
		}
		freed += ret;
		shrinker_walk_put(shrinker);
	}
	return freed;
}

static unsigned long shrink_slab_memcg(gfp_t gfp_mask, int nid,
				       struct mem_cgroup *memcg, int priority)
{
	struct shrinker_info_unit *unit;
	unsigned long freed = 0;
	int index;

	if (!mem_cgroup_online(memcg))
		return 0;

#ifdef SHRINKER_V2_API
	if (!down_read_trylock(&shrinker_rwsem))
		return 0;
#endif
	/* Re-read the array each time: it may have grown meanwhile. */
	for (index = 0; (unit = shrinker_unit_at(memcg, nid, index)); index++)
		freed += shrink_slab_unit(unit, index, gfp_mask, nid, memcg,
					  priority);
#ifdef SHRINKER_V2_API
	up_read(&shrinker_rwsem);
#endif
	return freed;
}
#else /* !CONFIG_MEMCG */
static unsigned long shrink_slab_memcg(gfp_t gfp_mask, int nid,
				       struct mem_cgroup *memcg, int priority)
{
	return 0;
}
#endif /* CONFIG_MEMCG */

/**
 * shrink_slab - ask the shrinkers to free objects
 * @gfp_mask: allocation context of the reclaim
 * @nid: node whose objects to free
 * @memcg: memcg whose objects to free; the root (or NULL with memcg off)
 *	   calls every registered shrinker
 * @priority: 0 scans hardest; each step up halves the pressure
 *
 * Returns the number of objects freed.  May sleep.
 */
#ifdef SHRINKER_V2_API
unsigned long shrink_slab(gfp_t gfp_mask, int nid, struct mem_cgroup *memcg,
			  int priority)
{
	struct shrinker *shrinker;
	unsigned long ret, freed = 0;

	if (!mem_cgroup_disabled() && !mem_cgroup_is_root(memcg))
		return shrink_slab_memcg(gfp_mask, nid, memcg, priority);

	if (!down_read_trylock(&shrinker_rwsem))
		goto out;

	list_for_each_entry(shrinker, &shrinker_list, list) {
		struct shrink_control sc = {
			.gfp_mask = gfp_mask,
			.nid = nid,
			.memcg = memcg,
		};

		ret = do_shrink_slab(&sc, shrinker, priority);
		if (ret == SHRINK_EMPTY)
			ret = 0;
		freed += ret;
	}
	up_read(&shrinker_rwsem);
out:
	cond_resched();
	return freed;
}
#else
unsigned long shrink_slab(gfp_t gfp_mask, int nid, struct mem_cgroup *memcg,
			  int priority)
{
	struct shrinker *shrinker;
	unsigned long ret, freed = 0;

	if (!mem_cgroup_disabled() && !mem_cgroup_is_root(memcg))
		return shrink_slab_memcg(gfp_mask, nid, memcg, priority);

	rcu_read_lock();
	list_for_each_entry_rcu(shrinker, &shrinker_list, list) {
		struct shrink_control sc = {
			.gfp_mask = gfp_mask,
			.nid = nid,
			.memcg = memcg,
		};

		/* Being freed (or not registered yet): leave it alone. */
		if (!shrinker_try_get(shrinker))
			continue;
		rcu_read_unlock();

		ret = do_shrink_slab(&sc, shrinker, priority);
		if (ret == SHRINK_EMPTY)
			ret = 0;
		freed += ret;

		/*
		 * Back inside the RCU section before the reference goes:
		 * the put may let shrinker_free() unlink the shrinker and
		 * queue it for freeing, and only the read-side section keeps
		 * it (and its ->list.next) valid until we step past it.
		 */
#ifdef SHRINKER_BUG_B4
		shrinker_put(shrinker);
		rcu_read_lock();
#else
		rcu_read_lock();
		shrinker_put(shrinker);
#endif
	}
	rcu_read_unlock();
	cond_resched();
	return freed;
}
#endif
EXPORT_SYMBOL_GPL(shrink_slab);

/**
 * shrinker_alloc - allocate a shrinker
 * @flags: SHRINKER_NUMA_AWARE, SHRINKER_MEMCG_AWARE, SHRINKER_NONSLAB
 * @fmt: printf format of its name (debugfs)
 *
 * The caller sets the callbacks and then calls shrinker_register().
 * Returns NULL, with nothing left allocated, on any failure.
 */
struct shrinker *shrinker_alloc(unsigned int flags, const char *fmt, ...)
{
	struct shrinker *shrinker;
	unsigned int size;
	va_list ap;
	int err;

	shrinker = kzalloc(sizeof(*shrinker), GFP_KERNEL);
	if (!shrinker)
		return NULL;

	va_start(ap, fmt);
	err = shrinker_debugfs_name_alloc(shrinker, fmt, ap);
	va_end(ap);
	if (err)
		goto err_free_shrinker;

	shrinker->flags = flags | SHRINKER_ALLOCATED;
	shrinker->seeks = DEFAULT_SEEKS;
	shrinker->id = -1;
#ifdef SHRINKER_BUG_B15
	/*
	 * Listed at once: walkers skip it while its refcount is 0, until
	 * shrinker_register() sets it.
	 */
	shrinker_lock();
	list_add_tail_rcu(&shrinker->list, &shrinker_list);
	shrinker_unlock();
#endif

	if (flags & SHRINKER_MEMCG_AWARE) {
		err = shrinker_memcg_alloc(shrinker);
		if (!err)
			return shrinker;
		if (err != -ENOSYS)
			goto err_free_name;
		/* No memcg: carry on as a shrinker of the whole system. */
		shrinker->flags &= ~SHRINKER_MEMCG_AWARE;
	}

	/* Memcg-aware shrinkers keep their deferred work in shrinker_info. */
	size = sizeof(*shrinker->nr_deferred);
	if (flags & SHRINKER_NUMA_AWARE)
		size *= nr_node_ids;

	shrinker->nr_deferred = kzalloc(size, GFP_KERNEL);
	if (!shrinker->nr_deferred)
		goto err_free_name;

	return shrinker;

err_free_name:
#ifdef SHRINKER_BUG_B15
	/* Unlinked, then freed below with no grace period. */
	shrinker_lock();
	list_del_rcu(&shrinker->list);
	shrinker_unlock();
#endif
	shrinker_debugfs_name_free(shrinker);
err_free_shrinker:
	kfree(shrinker);
	return NULL;
}
EXPORT_SYMBOL_GPL(shrinker_alloc);

/**
 * shrinker_register - make a shrinker from shrinker_alloc() visible
 * @shrinker: the shrinker, with its callbacks set
 *
 * From here on reclaim may call it, from any thread.
 */
void shrinker_register(struct shrinker *shrinker)
{
	if (WARN(!(shrinker->flags & SHRINKER_ALLOCATED),
		 "Must use shrinker_alloc() to dynamically allocate the "
		 "shrinker"))
		return;

	shrinker_lock();
	/* Before publishing: walkers read ->flags without the lock. */
	shrinker->flags |= SHRINKER_REGISTERED;
#ifdef SHRINKER_V2_API
	list_add_tail(&shrinker->list, &shrinker_list);
#else
#ifndef SHRINKER_BUG_B15
	list_add_tail_rcu(&shrinker->list, &shrinker_list);
#endif
#endif
	if (shrinker->flags & SHRINKER_MEMCG_AWARE)
		shrinker_memcg_publish(shrinker);
	shrinker_debugfs_add(shrinker);
	shrinker_unlock();

#ifndef SHRINKER_V2_API
	/*
	 * The list and the idr can show it to walkers already; they may pin
	 * it only once it holds this initial reference.
	 */
	init_completion(&shrinker->done);
	refcount_set(&shrinker->refcount, 1);
#endif
}
EXPORT_SYMBOL_GPL(shrinker_register);

#ifdef SHRINKER_V2_API
/* Free a shrinker that shrinker_register() never saw. */
void shrinker_free_non_registered(struct shrinker *shrinker)
{
	shrinker_debugfs_name_free(shrinker);

	if (shrinker->flags & SHRINKER_MEMCG_AWARE) {
		shrinker_lock();
		shrinker_memcg_remove(shrinker);
		shrinker_unlock();
	}

	kfree(shrinker->nr_deferred);
	shrinker->nr_deferred = NULL;
	kfree(shrinker);
}
EXPORT_SYMBOL_GPL(shrinker_free_non_registered);

/*
 * Unregister and free.  Walkers hold shrinker_rwsem for read, so once the
 * write lock has been held no walker can still see the shrinker.
 */
void shrinker_unregister(struct shrinker *shrinker)
{
	struct dentry *debugfs_entry;
	int debugfs_id;

	if (!shrinker || !(shrinker->flags & SHRINKER_REGISTERED))
		return;
	/* The review's point: only shrinker_alloc()'s shrinkers get here. */
	if (WARN(!(shrinker->flags & SHRINKER_ALLOCATED),
		 "shrinker_unregister() of a shrinker not from "
		 "shrinker_alloc()"))
		return;

	shrinker_lock();
	list_del(&shrinker->list);
	shrinker->flags &= ~SHRINKER_REGISTERED;
	if (shrinker->flags & SHRINKER_MEMCG_AWARE)
		shrinker_memcg_remove(shrinker);
	debugfs_entry = shrinker_debugfs_detach(shrinker, &debugfs_id);
	shrinker_unlock();

	shrinker_debugfs_remove(debugfs_entry, debugfs_id);

	kfree(shrinker->nr_deferred);
	shrinker->nr_deferred = NULL;
	kfree(shrinker);
}
EXPORT_SYMBOL_GPL(shrinker_unregister);
#else
static void shrinker_free_rcu_cb(struct rcu_head *head)
{
	struct shrinker *shrinker = container_of(head, struct shrinker, rcu);

	kfree(shrinker->nr_deferred);
	kfree(shrinker);
}

/**
 * shrinker_free - unregister (if registered) and free a shrinker
 * @shrinker: from shrinker_alloc(), or NULL
 *
 * Returns once no scan of @shrinker runs or can start; the memory goes
 * after a grace period, since lockless walkers may still be looking at it.
 */
void shrinker_free(struct shrinker *shrinker)
{
	struct dentry *debugfs_entry = NULL;
	bool registered;
	int debugfs_id;

	if (!shrinker)
		return;

	registered = shrinker->flags & SHRINKER_REGISTERED;
	if (registered) {
		/* Drop the initial reference, then wait out running scans. */
		shrinker_put(shrinker);
#ifndef SHRINKER_BUG_B2
		wait_for_completion(&shrinker->done);
#endif
	}

	/*
	 * ->flags is left alone: a debugfs reader may look at it until the
	 * files are gone, and the struct itself goes after that.
	 */
	shrinker_lock();
	if (registered) {
		list_del_rcu(&shrinker->list);
		debugfs_entry = shrinker_debugfs_detach(shrinker, &debugfs_id);
	}
#ifdef SHRINKER_BUG_B15
	/* Listed since shrinker_alloc(), registered or not. */
	if (!registered)
		list_del_rcu(&shrinker->list);
#endif
	shrinker_debugfs_name_free(shrinker);
	if (shrinker->flags & SHRINKER_MEMCG_AWARE)
		shrinker_memcg_remove(shrinker);
	shrinker_unlock();

	if (debugfs_entry)
		shrinker_debugfs_remove(debugfs_entry, debugfs_id);

#ifdef SHRINKER_BUG_B1
	/* v2's kfree right after list_del: a walker may still be on it. */
	shrinker_free_rcu_cb(&shrinker->rcu);
#else
	call_rcu(&shrinker->rcu, shrinker_free_rcu_cb);
#endif
}
EXPORT_SYMBOL_GPL(shrinker_free);
#endif /* SHRINKER_V2_API */
