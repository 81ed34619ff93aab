/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What mm/shrinker.c and mm/shrinker_debug.c share.
 *
 * The shrinker lock protects shrinker_list (writers; walkers use RCU),
 * shrinker_idr (writers; lookups use RCU), shrinker_nr_max, every memcg's
 * shrinker_info pointer (writers) and each shrinker's debugfs fields.  It
 * is shrinker_mutex in the lockless variant and the shrinker_rwsem of the
 * v2 series (held for read by walkers) with -DSHRINKER_V2_API.
 */
#ifndef _MM_SHRINKER_INTERNAL_H
#define _MM_SHRINKER_INTERNAL_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/shrinker.h>

extern struct list_head shrinker_list;

#ifdef SHRINKER_V2_API
extern struct rw_semaphore shrinker_rwsem;

static inline void shrinker_lock(void)
{
	down_write(&shrinker_rwsem);
}

static inline void shrinker_unlock(void)
{
	up_write(&shrinker_rwsem);
}

#define shrinker_lock_assert_held() lockdep_assert_held(&shrinker_rwsem)
#define shrinker_lock_is_held() lockdep_is_held(&shrinker_rwsem)
#else
extern struct mutex shrinker_mutex;

static inline void shrinker_lock(void)
{
	mutex_lock(&shrinker_mutex);
}

static inline void shrinker_unlock(void)
{
	mutex_unlock(&shrinker_mutex);
}

#define shrinker_lock_assert_held() lockdep_assert_held(&shrinker_mutex)
#define shrinker_lock_is_held() lockdep_is_held(&shrinker_mutex)
#endif

/* shrinker_debug.c; all but name alloc/free under the shrinker lock */
int shrinker_debugfs_name_alloc(struct shrinker *shrinker, const char *fmt,
				va_list ap);
void shrinker_debugfs_name_free(struct shrinker *shrinker);
int shrinker_debugfs_add(struct shrinker *shrinker);
struct dentry *shrinker_debugfs_detach(struct shrinker *shrinker,
				       int *debugfs_id);
/* Outside the lock: waits for readers and writers of the files. */
void shrinker_debugfs_remove(struct dentry *debugfs_entry, int debugfs_id);
/* The late initcall that creates the debugfs root ("shrinker"). */
int shrinker_debugfs_init(void);

#endif /* _MM_SHRINKER_INTERNAL_H */
