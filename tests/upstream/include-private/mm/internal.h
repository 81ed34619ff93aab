/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for mm/internal.h: what mm/shrinker.c and mm/list_lru.c use
 * of it, written as the kernel has it without CONFIG_SHRINKER_DEBUG
 * (kstub has no shrinker_debugfs.c).
 */
#ifndef KFAULT_UPSTREAM_MM_INTERNAL_H
#define KFAULT_UPSTREAM_MM_INTERNAL_H

#include <stdarg.h>
#include <linux/gfp.h>

struct dentry;
struct mem_cgroup;
struct shrinker;

/* The gfp bits that say how to reclaim, which a child allocation keeps. */
#define GFP_RECLAIM_MASK                                                       \
	(__GFP_RECLAIM | __GFP_HIGH | __GFP_IO | __GFP_FS | __GFP_NOWARN |     \
	 __GFP_RETRY_MAYFAIL | __GFP_NOFAIL | __GFP_NORETRY | __GFP_MEMALLOC | \
	 __GFP_NOMEMALLOC | __GFP_NOLOCKDEP)

unsigned long shrink_slab(gfp_t gfp_mask, int nid, struct mem_cgroup *memcg,
			  int priority);

static inline int shrinker_debugfs_add(struct shrinker *shrinker)
{
	return 0;
}

static inline int shrinker_debugfs_name_alloc(struct shrinker *shrinker,
					      const char *fmt, va_list ap)
{
	return 0;
}

static inline void shrinker_debugfs_name_free(struct shrinker *shrinker)
{
}

static inline struct dentry *shrinker_debugfs_detach(struct shrinker *shrinker,
						     int *debugfs_id)
{
	*debugfs_id = -1;
	return NULL;
}

static inline void shrinker_debugfs_remove(struct dentry *debugfs_entry,
					   int debugfs_id)
{
}

#endif
