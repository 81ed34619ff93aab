/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The table of kstub's hook sites: the one place they are defined.
 *
 * Every consumer derives from KSTUB_SITE_CLASSES: kstub's call sites pass
 * the enum, the shim's spec parser accepts the names and groups, the report
 * and the trace print the names.  Add a site here and everything follows.
 *
 * X(name, kind, when, group, what)
 *   name   identifier; also the spelling in specs, reports and traces
 *   kind   FAULT: the hook may fail the operation (NULL, -ENOMEM, -EINTR)
 *          EVENT: the hook may observe or delay it, never fail it
 *   when   BEFORE: the hook runs before the operation (a delay at
 *          mutex_unlock lengthens the critical section)
 *          AFTER: once it is done (a delay at mutex_released opens a
 *          window with the lock free)
 *   group  a coarser name a spec may use for all classes of the group
 *   what   the kernel API entry points that report to this class
 */
#ifndef KSTUB_SITES_H
#define KSTUB_SITES_H

#define KSTUB_SITE_CLASSES(X)                                                  \
	X(slab, FAULT, BEFORE, alloc,                                          \
	  "kmalloc family, kstrdup/kasprintf family, kmem_cache_alloc")        \
	X(vmalloc, FAULT, BEFORE, alloc, "kvmalloc, kvzalloc, kvzalloc_node")  \
	X(idr, FAULT, BEFORE, alloc, "idr_alloc, ida_alloc")                   \
	X(lock_killable, FAULT, BEFORE, lock,                                  \
	  "mutex_lock_killable/interruptible, down_read/write_killable")       \
	X(free, EVENT, BEFORE, alloc,                                          \
	  "kfree, kvfree, kfree_const, kmem_cache_free")                       \
	X(mutex_lock, EVENT, BEFORE, lock, "mutex_lock, mutex_trylock")        \
	X(mutex_unlock, EVENT, BEFORE, lock, "mutex_unlock")                   \
	X(mutex_released, EVENT, AFTER, lock, "mutex_unlock")                  \
	X(rwsem_down_read, EVENT, BEFORE, lock,                                \
	  "down_read, down_read_trylock")                                      \
	X(rwsem_down_write, EVENT, BEFORE, lock,                               \
	  "down_write, down_write_trylock")                                    \
	X(rwsem_up_read, EVENT, BEFORE, lock, "up_read")                       \
	X(rwsem_up_write, EVENT, BEFORE, lock, "up_write")                     \
	X(rwsem_released, EVENT, AFTER, lock, "up_read, up_write")             \
	X(spin_lock, EVENT, BEFORE, lock, "spin_lock, spin_lock_irq(save)")    \
	X(spin_unlock, EVENT, BEFORE, lock,                                    \
	  "spin_unlock, spin_unlock_irq(restore)")                             \
	X(spin_released, EVENT, AFTER, lock,                                   \
	  "spin_unlock, spin_unlock_irq(restore)")                             \
	X(rcu_read_lock, EVENT, BEFORE, rcu, "rcu_read_lock")                  \
	X(rcu_read_unlock, EVENT, BEFORE, rcu, "rcu_read_unlock")              \
	X(rcu_read_unlocked, EVENT, AFTER, rcu, "rcu_read_unlock")             \
	X(call_rcu, EVENT, BEFORE, rcu, "call_rcu, kfree_rcu, kvfree_rcu")     \
	X(rcu_callback, EVENT, BEFORE, rcu, "an RCU callback about to run")    \
	X(synchronize_rcu, EVENT, BEFORE, rcu, "synchronize_rcu, rcu_barrier") \
	X(rcu_gp, EVENT, BEFORE, rcu,                                          \
	  "the RCU callback thread waits for a batch's grace period")          \
	X(refcount_get, EVENT, BEFORE, refcount,                               \
	  "refcount_inc, refcount_inc_not_zero")                               \
	X(refcount_put, EVENT, BEFORE, refcount,                               \
	  "refcount_dec, refcount_dec_and_test")                               \
	X(complete, EVENT, BEFORE, completion, "complete, complete_all")       \
	X(wait_for_completion, EVENT, BEFORE, completion,                      \
	  "wait_for_completion")                                               \
	X(work_run, EVENT, BEFORE, work,                                       \
	  "a work item about to run on its worker (queue_work, ...)")          \
	X(timer_run, EVENT, BEFORE, work,                                      \
	  "a timer function about to run (mod_timer, ...)")                    \
	X(idle, EVENT, BEFORE, work,                                           \
	  "a kstub thread waits for work: RCU callbacks, worker, timers")      \
	X(flush, EVENT, BEFORE, work,                                          \
	  "rcu_barrier, flush_work(queue), drain, cancel_*_sync, "             \
	  "timer_delete_sync wait for what they flush")                        \
	X(warn, EVENT, BEFORE, report,                                         \
	  "WARN, BUG, might_sleep, lockdep and refcount reports")

#define KSTUB_SITE_ENUM(name, kind, when, group, what) KSTUB_SITE_##name,
enum kstub_site_class {
	KSTUB_SITE_CLASSES(KSTUB_SITE_ENUM) KSTUB_NR_SITE_CLASSES
};
#undef KSTUB_SITE_ENUM

enum kstub_site_kind {
	KSTUB_FAULT,
	KSTUB_EVENT,
};

#endif /* KSTUB_SITES_H */
