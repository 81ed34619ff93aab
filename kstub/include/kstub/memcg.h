/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests' and workloads' control of the memcg model (<linux/memcontrol.h>).
 *
 * kstub_memcg_create(parent) is mkdir: it allocates a memcg (through
 * kmalloc, so a fault site, and its id through the idr site), links it
 * under @parent (NULL: the root), calls ops->online and marks it online.
 * It returns the memcg holding its base reference, or an ERR_PTR: -ENOMEM,
 * -ENOSPC (ids), -ENODEV (memcg disabled, or @parent offline), or what
 * ops->online returned.  On failure everything is unwound (ops->free runs
 * from the RCU callback as for any freed memcg).
 *
 * kstub_memcg_offline(memcg) is rmdir: -EBUSY while it has online
 * children, -EINVAL for the root or a memcg already offline.  It clears
 * the online state, waits for a grace period (css_tryget_online fails from
 * then on), calls ops->offline and drops the base reference.  The memcg is
 * freed, after ops->free, when its last css reference goes.  May sleep.
 *
 * Both are serialized with each other and with ops registration by one
 * mutex (the kernel's cgroup_mutex); iteration and lookups are lockless.
 */
#ifndef KSTUB_MEMCG_H
#define KSTUB_MEMCG_H

#include <stdbool.h>

struct mem_cgroup;

struct kstub_memcg_ops {
	/* alloc_shrinker_info(): after linking, before online; may fail */
	int (*online)(struct mem_cgroup *memcg);
	/* reparent_shrinker_deferred(): after it can no longer be tryget'ed
	 * online, before the base reference is dropped */
	void (*offline)(struct mem_cgroup *memcg);
	/* free_shrinker_info(): for every memcg freed, online or not */
	void (*free)(struct mem_cgroup *memcg);
};

/*
 * Installs @ops (one set at a time: -EBUSY otherwise) and calls ->online
 * for every memcg online now, the root first.  If one fails, ->free runs
 * for all of them, @ops is not installed and the error is returned.
 */
int kstub_memcg_register_ops(const struct kstub_memcg_ops *ops);
/*
 * Waits for pending frees, calls ->free for every memcg still alive (the
 * root lives forever, so this is what releases its per-node data) and
 * uninstalls @ops.  Call when no memcg is being created or destroyed.
 */
void kstub_memcg_unregister_ops(const struct kstub_memcg_ops *ops);

struct mem_cgroup *kstub_memcg_create(struct mem_cgroup *parent);
int kstub_memcg_offline(struct mem_cgroup *memcg);
/* Drops a reference: mem_cgroup_put() */
void kstub_memcg_put(struct mem_cgroup *memcg);

/*
 * cgroup_disable=memory: no root, mem_cgroup_disabled() true, iteration
 * yields nothing, creation fails.  Also KSTUB_MEMCG=0 in the environment.
 * Only before any memcg is used.
 */
void kstub_memcg_set_disabled(bool disabled);
/*
 * cgroup.memory=nokmem: memcg_kmem_online() stays false.  Otherwise it
 * turns true when the first non-root memcg comes online, as the kernel's
 * static key does.  Also KSTUB_MEMCG_KMEM=0 in the environment.
 */
void kstub_memcg_set_nokmem(bool nokmem);

/*
 * Waits until every memcg whose last reference is gone has been freed.
 * A memcg's free drops its parent's reference, which may queue the
 * parent's free from inside an RCU callback, so one rcu_barrier() is not
 * enough for a tree; this repeats it until no free is pending.  Call it
 * before a leak check.  Not inside an RCU read-side section.
 */
void kstub_memcg_barrier(void);

/* Memcgs allocated and not yet freed, the root included. */
unsigned long kstub_memcg_count(void);

#endif
