/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The users of the shrinker API (cases a, b and c of the series) and the
 * object cache they share, a small list_lru look-alike.
 *
 * demo_lru: per-node lists of objects, each tagged with the memcg it was
 * charged to.  Adding takes the node's spinlock; counting is lockless
 * (atomics), so count_objects never sleeps.  The lru also checks the
 * shrinker contract on every callback: no callback runs once its owner has
 * called demo_lru_kill(), which the owner does right after shrinker_free()
 * (or shrinker_unregister()) returned.  A violation is a WARN.
 */
#ifndef _SHRINKER_USERS_DEMO_LRU_H
#define _SHRINKER_USERS_DEMO_LRU_H

#include <linux/types.h>
#include <linux/spinlock.h>
#include <linux/atomic.h>
#include <linux/shrinker.h>

/* Objects of a memcg are counted in slot (ino % DEMO_MEMCG_SLOTS). */
#define DEMO_MEMCG_SLOTS 16

struct demo_lru_node {
	spinlock_t lock;
	struct list_head list;
	atomic_long_t nr;
	atomic_long_t nr_memcg[DEMO_MEMCG_SLOTS];
};

struct demo_lru {
	struct demo_lru_node *node; /* nr_node_ids of them */
	atomic_t active; /* callbacks running */
	atomic_t dead; /* set by demo_lru_kill() */
};

/* Objects alive in all demo lrus, and all ever allocated/freed. */
extern atomic_long_t demo_objs_allocated;
extern atomic_long_t demo_objs_freed;

int demo_lru_init(struct demo_lru *lru);
/* The shrinker is gone: check nothing runs, free every object. */
void demo_lru_kill(struct demo_lru *lru);
/* Add one object on @nid charged to @memcg (NULL: the root). */
int demo_lru_add(struct demo_lru *lru, struct shrinker *shrinker, int nid,
		 struct mem_cgroup *memcg);
/* count_objects/scan_objects bodies for an owner's callbacks. */
unsigned long demo_lru_count(struct demo_lru *lru, struct shrink_control *sc);
unsigned long demo_lru_scan(struct demo_lru *lru, struct shrink_control *sc);
long demo_lru_objects(struct demo_lru *lru);
/* Ready-made callbacks for a shrinker whose private_data is the lru. */
unsigned long demo_lru_shrink_count(struct shrinker *shrinker,
				    struct shrink_control *sc);
unsigned long demo_lru_shrink_scan(struct shrinker *shrinker,
				   struct shrink_control *sc);

/*
 * Free @shrinker whether or not it was registered, with whatever API this
 * build has (the v2 one needs to be told which case it is).
 */
void demo_shrinker_release(struct shrinker *shrinker, bool registered);

/*
 * Case a: a global cache set up at boot ("workingset") by an initcall.
 * -ENODEV from global_cache_add(): the initcall failed.
 */
void global_cache_exit(void);
int global_cache_add(int nid, struct mem_cgroup *memcg);

/* Case b: a cache in a module that is loaded and unloaded. */
int demo_module_load(void);
void demo_module_unload(void);
/* Returns -ENOENT when the module is not loaded. */
int demo_module_add(int nid, struct mem_cgroup *memcg);

/* Case c: shrinkers embedded in super_block-like objects. */
struct demo_super_block {
	struct shrinker *s_shrink;
	struct demo_lru s_dentry_lru;
	struct demo_lru s_inode_lru;
	unsigned long s_id;
};

/*
 * @flags: SHRINKER_NUMA_AWARE / SHRINKER_MEMCG_AWARE; @abort: fail the
 * mount after shrinker_alloc() and before shrinker_register().
 */
struct demo_super_block *demo_mount(unsigned int flags, long batch, int seeks,
				    bool abort);
void demo_umount(struct demo_super_block *sb);
int demo_sb_add(struct demo_super_block *sb, int nid, struct mem_cgroup *memcg);

#endif /* _SHRINKER_USERS_DEMO_LRU_H */
