// SPDX-License-Identifier: GPL-2.0-only
/* The object cache the demo shrinkers free from; see demo_lru.h. */
#include <linux/slab.h>
#include <linux/list.h>
#include <linux/nodemask.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>

#include "demo_lru.h"

struct demo_obj {
	struct list_head lru;
	int memcg_slot;
	unsigned long payload[6];
};

atomic_long_t demo_objs_allocated;
atomic_long_t demo_objs_freed;

/* The memcg slot a scan or count for @memcg looks at; -1: all of them. */
static int demo_memcg_slot(struct mem_cgroup *memcg)
{
	if (!memcg || mem_cgroup_is_root(memcg))
		return -1;
	return mem_cgroup_ino(memcg) % DEMO_MEMCG_SLOTS;
}

int demo_lru_init(struct demo_lru *lru)
{
	int nid;

	lru->node = kcalloc(nr_node_ids, sizeof(*lru->node), GFP_KERNEL);
	if (!lru->node)
		return -ENOMEM;
	for_each_node(nid) {
		spin_lock_init(&lru->node[nid].lock);
		INIT_LIST_HEAD(&lru->node[nid].list);
	}
	atomic_set(&lru->active, 0);
	atomic_set(&lru->dead, 0);
	return 0;
}

static void demo_obj_free(struct demo_lru_node *n, struct demo_obj *obj)
{
	atomic_long_dec(&n->nr);
	atomic_long_dec(&n->nr_memcg[obj->memcg_slot]);
	kfree(obj);
	atomic_long_inc(&demo_objs_freed);
}

void demo_lru_kill(struct demo_lru *lru)
{
	struct demo_obj *obj, *tmp;
	int nid;

	if (!lru->node)
		return;
	atomic_set(&lru->dead, 1);
	/* shrinker_free() returned: no callback may be running now. */
	WARN(atomic_read(&lru->active),
	     "demo_lru: %d shrinker callbacks still running after the shrinker "
	     "was freed",
	     atomic_read(&lru->active));

	for_each_node(nid) {
		struct demo_lru_node *n = &lru->node[nid];

		list_for_each_entry_safe(obj, tmp, &n->list, lru) {
			list_del(&obj->lru);
			demo_obj_free(n, obj);
		}
		WARN_ON(atomic_long_read(&n->nr));
	}
	kfree(lru->node);
	lru->node = NULL;
}

int demo_lru_add(struct demo_lru *lru, struct shrinker *shrinker, int nid,
		 struct mem_cgroup *memcg)
{
	struct demo_lru_node *n = &lru->node[nid];
	struct demo_obj *obj;
	int slot = demo_memcg_slot(memcg);

	obj = kzalloc_node(sizeof(*obj), GFP_KERNEL, nid);
	if (!obj)
		return -ENOMEM;
	atomic_long_inc(&demo_objs_allocated);
	obj->memcg_slot = slot < 0 ? 0 : slot;

	spin_lock(&n->lock);
	list_add_tail(&obj->lru, &n->list);
	atomic_long_inc(&n->nr_memcg[obj->memcg_slot]);
	atomic_long_inc(&n->nr);
	spin_unlock(&n->lock);

	/* As list_lru does: the memcg now has objects for this shrinker. */
	if (shrinker && (shrinker->flags & SHRINKER_MEMCG_AWARE))
		set_shrinker_bit(memcg, nid, shrinker->id);
	return 0;
}

static void demo_lru_enter(struct demo_lru *lru)
{
	atomic_inc(&lru->active);
	WARN(atomic_read(&lru->dead),
	     "demo_lru: shrinker callback after shrinker_free() returned");
}

static void demo_lru_exit(struct demo_lru *lru)
{
	atomic_dec(&lru->active);
}

unsigned long demo_lru_count(struct demo_lru *lru, struct shrink_control *sc)
{
	struct demo_lru_node *n = &lru->node[sc->nid];
	int slot = demo_memcg_slot(sc->memcg);
	long nr;

	demo_lru_enter(lru);
	nr = slot < 0 ? atomic_long_read(&n->nr)
		      : atomic_long_read(&n->nr_memcg[slot]);
	WARN_ON_ONCE(nr < 0);
	demo_lru_exit(lru);
	return nr > 0 ? nr : SHRINK_EMPTY;
}

unsigned long demo_lru_scan(struct demo_lru *lru, struct shrink_control *sc)
{
	struct demo_lru_node *n = &lru->node[sc->nid];
	int slot = demo_memcg_slot(sc->memcg);
	struct demo_obj *obj, *tmp;
	unsigned long scanned = 0, freed = 0;
	LIST_HEAD(dispose);

	demo_lru_enter(lru);
	spin_lock(&n->lock);
	list_for_each_entry_safe(obj, tmp, &n->list, lru) {
		if (scanned >= sc->nr_to_scan)
			break;
		scanned++;
		if (slot >= 0 && obj->memcg_slot != slot)
			continue;
		list_move(&obj->lru, &dispose);
	}
	spin_unlock(&n->lock);

	/* Freeing happens outside the lock, as a real cache's would. */
	list_for_each_entry_safe(obj, tmp, &dispose, lru) {
		list_del(&obj->lru);
		demo_obj_free(n, obj);
		freed++;
	}
	WARN_ON_ONCE(freed > sc->nr_to_scan);
	demo_lru_exit(lru);
	return freed;
}

unsigned long demo_lru_shrink_count(struct shrinker *shrinker,
				    struct shrink_control *sc)
{
	return demo_lru_count(shrinker->private_data, sc);
}

unsigned long demo_lru_shrink_scan(struct shrinker *shrinker,
				   struct shrink_control *sc)
{
	return demo_lru_scan(shrinker->private_data, sc);
}

long demo_lru_objects(struct demo_lru *lru)
{
	long total = 0;
	int nid;

	for_each_node(nid)
		total += atomic_long_read(&lru->node[nid].nr);
	return total;
}

void demo_shrinker_release(struct shrinker *shrinker, bool registered)
{
#ifdef SHRINKER_V2_API
	if (registered)
		shrinker_unregister(shrinker);
	else
		shrinker_free_non_registered(shrinker);
#else
	shrinker_free(shrinker);
#endif
}
