/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small memory-cgroup model: a tree of struct mem_cgroup under
 * root_mem_cgroup, each with a css (reference count, online state, id,
 * inode number) and per-node info that holds the shrinker code's
 * shrinker_info.  Memcgs are made and removed with <kstub/memcg.h>.
 *
 * The kernel's memcontrol.c calls alloc_shrinker_info() when a memcg goes
 * online, reparent_shrinker_deferred() when it goes offline and
 * free_shrinker_info() when it is freed.  kstub cannot call those by name,
 * so the shrinker code registers them with kstub_memcg_register_ops()
 * (struct kstub_memcg_ops: .online, .offline, .free) and kstub calls them
 * at the same points, under the same serialization.
 *
 * root_mem_cgroup exists from program start (allocated outside the
 * kernel allocator, never freed) unless memcg is disabled, in which case
 * it is NULL.  Its nodeinfo has MAX_NUMNODES entries; other memcgs have
 * nr_node_ids.
 *
 * mem_cgroup_iter(root, prev, reclaim) walks @root's subtree in pre-order,
 * @root first, as the kernel's does: every memcg it returns but @root
 * carries a css reference, which the next call (or mem_cgroup_iter_break)
 * drops.  It visits every memcg that can still be css_tryget'ed, offline
 * (dying) ones included; callers check mem_cgroup_online() themselves.
 * Memcgs created during a walk may or may not be visited.  The reclaim
 * cookie is accepted and ignored (no shared walk position).  It takes
 * rcu_read_lock itself and may be called inside an RCU read-side section.
 * With memcg disabled it returns NULL.
 *
 * All of that is for code built with CONFIG_MEMCG.  Without it, as in the
 * kernel, struct mem_cgroup is opaque and every call below is an inline
 * stub that says "no memcg" (mem_cgroup_disabled() true, no ids, empty
 * iteration, set_shrinker_bit() does nothing), whatever the model does at
 * run time for the code that has it.
 *
 * Kmem accounting: memcg_kmem_online() turns true when the first
 * non-root memcg comes online, unless mem_cgroup_kmem_disabled()
 * (cgroup.memory=nokmem); such a memcg's memcg_kmem_id() is its id, the
 * root's and any other's -1.  kstub charges no object to a memcg, so
 * mem_cgroup_from_slab_obj()/mem_cgroup_from_virt() are NULL, as the
 * kernel's are for unaccounted objects.
 */
#ifndef _KSTUB_LINUX_MEMCONTROL_H
#define _KSTUB_LINUX_MEMCONTROL_H

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/bitops.h>
#include <linux/string.h>
#include <linux/mutex.h>
#include <linux/idr.h>
#include <linux/mm.h>
#include <linux/vmstat.h>
#include <linux/cgroup.h>
#include <linux/err.h>
#include <linux/nodemask.h>
#include <kstub/memcg.h>

struct shrinker_info;
struct pglist_data;

struct mem_cgroup_reclaim_cookie {
	struct pglist_data *pgdat;
	int generation;
};

#ifdef CONFIG_MEMCG

#define MEM_CGROUP_ID_SHIFT 16
#define MEM_CGROUP_ID_MAX ((1UL << MEM_CGROUP_ID_SHIFT) - 1)

struct mem_cgroup_per_node {
	/* the shrinker code's; kstub only allocates and frees the node */
	struct shrinker_info __rcu *shrinker_info;
	struct mem_cgroup *memcg;
};

struct mem_cgroup_id {
	int id;
};

struct mem_cgroup {
	struct cgroup_subsys_state css;
	struct mem_cgroup_id id;
	int kmemcg_id; /* memcg_kmem_id() */
	struct cgroup kstub_cgroup;
	int kstub_nr_nodes; /* entries in nodeinfo */
	struct mem_cgroup_per_node *nodeinfo[];
};

extern struct mem_cgroup *root_mem_cgroup;

bool mem_cgroup_disabled(void);
bool memcg_kmem_online(void);
bool mem_cgroup_kmem_disabled(void);

static inline int memcg_kmem_id(struct mem_cgroup *memcg)
{
	return memcg ? READ_ONCE(memcg->kmemcg_id) : -1;
}

/* The memcg an object is charged to: none, in kstub. */
struct mem_cgroup *mem_cgroup_from_virt(void *p);

static inline struct mem_cgroup *mem_cgroup_from_slab_obj(void *p)
{
	return mem_cgroup_from_virt(p);
}

static inline struct mem_cgroup *
mem_cgroup_from_css(struct cgroup_subsys_state *css)
{
	return css ? container_of(css, struct mem_cgroup, css) : NULL;
}

static inline bool mem_cgroup_is_root(struct mem_cgroup *memcg)
{
	return memcg == root_mem_cgroup;
}

static inline struct mem_cgroup *parent_mem_cgroup(struct mem_cgroup *memcg)
{
	return mem_cgroup_from_css(memcg->css.parent);
}

static inline bool mem_cgroup_online(struct mem_cgroup *memcg)
{
	if (mem_cgroup_disabled())
		return true;
	return !!(READ_ONCE(memcg->css.flags) & CSS_ONLINE);
}

static inline unsigned short mem_cgroup_id(struct mem_cgroup *memcg)
{
	if (mem_cgroup_disabled())
		return 0;
	return memcg->id.id;
}

static inline unsigned long mem_cgroup_ino(struct mem_cgroup *memcg)
{
	return memcg ? cgroup_ino(memcg->css.cgroup) : 0;
}

static inline void mem_cgroup_put(struct mem_cgroup *memcg)
{
	if (memcg)
		css_put(&memcg->css);
}

static inline bool mem_cgroup_tryget(struct mem_cgroup *memcg)
{
	return !memcg || css_tryget(&memcg->css);
}

static inline bool mem_cgroup_tryget_online(struct mem_cgroup *memcg)
{
	return !memcg || css_tryget_online(&memcg->css);
}

/* Under rcu_read_lock(); no reference taken.  NULL when not found. */
struct mem_cgroup *mem_cgroup_from_id(unsigned short id);
/* The same lookup under the name the kernel gave it in v7.0. */
static inline struct mem_cgroup *mem_cgroup_from_private_id(unsigned short id)
{
	return mem_cgroup_from_id(id);
}

/* A referenced memcg (drop it with mem_cgroup_put), or ERR_PTR(-ENOENT). */
struct mem_cgroup *mem_cgroup_get_from_ino(unsigned long ino);

struct mem_cgroup *mem_cgroup_iter(struct mem_cgroup *root,
				   struct mem_cgroup *prev,
				   struct mem_cgroup_reclaim_cookie *reclaim);
void mem_cgroup_iter_break(struct mem_cgroup *root, struct mem_cgroup *prev);

/* The shrinker code defines it (mm/shrinker.c); list_lru calls it. */
void set_shrinker_bit(struct mem_cgroup *memcg, int nid, int shrinker_id);

#else /* !CONFIG_MEMCG */

#define MEM_CGROUP_ID_SHIFT 0

struct mem_cgroup;

static inline bool mem_cgroup_disabled(void)
{
	return true;
}

static inline bool memcg_kmem_online(void)
{
	return false;
}

static inline bool mem_cgroup_kmem_disabled(void)
{
	return true;
}

static inline int memcg_kmem_id(struct mem_cgroup *memcg)
{
	return -1;
}

static inline struct mem_cgroup *mem_cgroup_from_virt(void *p)
{
	return NULL;
}

static inline struct mem_cgroup *mem_cgroup_from_slab_obj(void *p)
{
	return NULL;
}

static inline bool mem_cgroup_is_root(struct mem_cgroup *memcg)
{
	return true;
}

static inline struct mem_cgroup *parent_mem_cgroup(struct mem_cgroup *memcg)
{
	return NULL;
}

static inline bool mem_cgroup_online(struct mem_cgroup *memcg)
{
	return true;
}

static inline unsigned short mem_cgroup_id(struct mem_cgroup *memcg)
{
	return 0;
}

static inline unsigned long mem_cgroup_ino(struct mem_cgroup *memcg)
{
	return 0;
}

static inline void mem_cgroup_put(struct mem_cgroup *memcg)
{
}

static inline bool mem_cgroup_tryget(struct mem_cgroup *memcg)
{
	return true;
}

static inline bool mem_cgroup_tryget_online(struct mem_cgroup *memcg)
{
	return true;
}

static inline struct mem_cgroup *mem_cgroup_from_id(unsigned short id)
{
	return NULL;
}

static inline struct mem_cgroup *mem_cgroup_from_private_id(unsigned short id)
{
	return NULL;
}

static inline struct mem_cgroup *mem_cgroup_get_from_ino(unsigned long ino)
{
	return NULL;
}

static inline struct mem_cgroup *
mem_cgroup_iter(struct mem_cgroup *root, struct mem_cgroup *prev,
		struct mem_cgroup_reclaim_cookie *reclaim)
{
	return NULL;
}

static inline void mem_cgroup_iter_break(struct mem_cgroup *root,
					 struct mem_cgroup *prev)
{
}

static inline void set_shrinker_bit(struct mem_cgroup *memcg, int nid,
				    int shrinker_id)
{
}

#endif /* CONFIG_MEMCG */

#define for_each_mem_cgroup_tree(iter, root)                               \
	for ((iter) = mem_cgroup_iter((root), NULL, NULL); (iter) != NULL; \
	     (iter) = mem_cgroup_iter((root), (iter), NULL))
#define for_each_mem_cgroup(iter) for_each_mem_cgroup_tree(iter, NULL)

#endif
