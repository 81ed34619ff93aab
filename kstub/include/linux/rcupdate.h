/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Read-copy update on liburcu (memb flavour).
 *
 * Readers: rcu_read_lock()/rcu_read_unlock() nest and never block; inside,
 * pointers published with rcu_assign_pointer() are read with
 * rcu_dereference() and stay valid until rcu_read_unlock().  Any thread may
 * read: kstub registers it with liburcu at its first RCU use and
 * unregisters it at exit.  Updaters: unpublish, then free after a grace
 * period with call_rcu(), kfree_rcu() or synchronize_rcu().  Callbacks run
 * on kstub's callback thread, in queueing order, in "softirq" context: they
 * must not sleep (might_sleep() reports it).
 *
 * Debug checks as with CONFIG_PROVE_RCU: rcu_dereference() outside a
 * read-side section, rcu_dereference_check()/_protected() whose condition
 * is false, and synchronize_rcu() inside a read-side section are
 * KSTUB_REPORT_lockdep reports (the first two once per call site).
 *
 * rcu_dereference is an acquire load and rcu_assign_pointer a release store,
 * so ThreadSanitizer sees publication; kstub annotates the grace period.
 */
#ifndef _KSTUB_LINUX_RCUPDATE_H
#define _KSTUB_LINUX_RCUPDATE_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/cleanup.h>

void rcu_read_lock(void);
void rcu_read_unlock(void);
/* True inside an RCU read-side critical section on this thread. */
int rcu_read_lock_held(void);
/* ... or with preemption/interrupts off (a spinlock held). */
int rcu_read_lock_any_held(void);
void synchronize_rcu(void);
void call_rcu(struct rcu_head *head, rcu_callback_t func);
void rcu_barrier(void);
/*
 * Free @ptr after a grace period.  @head inside *@ptr: asynchronous, the
 * head's func encodes the offset of @head in the object (an offset below
 * 4096 is never a function address).  @head NULL: may sleep, waits for a
 * grace period, then frees.
 */
void kvfree_call_rcu(struct rcu_head *head, void *ptr);
void lockdep_rcu_suspicious(const char *file, const int line, const char *s);

#define rcu_read_lock_bh() rcu_read_lock()
#define rcu_read_unlock_bh() rcu_read_unlock()
#define rcu_read_lock_sched() rcu_read_lock()
#define rcu_read_unlock_sched() rcu_read_unlock()
#define rcu_read_lock_bh_held() rcu_read_lock_any_held()
#define rcu_read_lock_sched_held() rcu_read_lock_any_held()
#define synchronize_rcu_expedited() synchronize_rcu()
#define synchronize_rcu_mult(...) synchronize_rcu()
#define init_rcu_head(head) \
	do {                \
	} while (0)
#define destroy_rcu_head(head) \
	do {                   \
	} while (0)
#define init_rcu_head_on_stack(head) \
	do {                         \
	} while (0)
#define destroy_rcu_head_on_stack(head) \
	do {                            \
	} while (0)
#define rcu_lockdep_current_cpu_online() 1
#define rcu_is_watching() 1

/* Report once per call site when @c is true, as PROVE_RCU's lockdep does. */
#define RCU_LOCKDEP_WARN(c, s)                                               \
	do {                                                                 \
		static bool __warned;                                        \
		if ((c) &&                                                   \
		    !__atomic_exchange_n(&__warned, true, __ATOMIC_RELAXED)) \
			lockdep_rcu_suspicious(__FILE__, __LINE__, s);       \
	} while (0)

#define rcu_dereference_raw(p)                                   \
	({                                                       \
		typeof(p) ________p1 =                           \
			__atomic_load_n(&(p), __ATOMIC_ACQUIRE); \
		________p1;                                      \
	})
#define rcu_dereference_raw_check(p) rcu_dereference_raw(p)
#define rcu_dereference_check(p, c)                                            \
	({                                                                     \
		RCU_LOCKDEP_WARN(!(c) && !rcu_read_lock_held(),                \
				 "suspicious rcu_dereference_check() usage!"); \
		rcu_dereference_raw(p);                                        \
	})
#define rcu_dereference_bh_check(p, c)                                   \
	({                                                               \
		RCU_LOCKDEP_WARN(                                        \
			!(c) && !rcu_read_lock_any_held(),               \
			"suspicious rcu_dereference_bh_check() usage!"); \
		rcu_dereference_raw(p);                                  \
	})
#define rcu_dereference_sched_check(p, c) rcu_dereference_bh_check(p, c)
#define rcu_dereference(p) rcu_dereference_check(p, 0)
#define rcu_dereference_bh(p) rcu_dereference_bh_check(p, 0)
#define rcu_dereference_sched(p) rcu_dereference_sched_check(p, 0)
/* The update side, under the lock @c names: a plain load. */
#define rcu_dereference_protected(p, c)                                   \
	({                                                                \
		RCU_LOCKDEP_WARN(                                         \
			!(c),                                             \
			"suspicious rcu_dereference_protected() usage!"); \
		(p);                                                      \
	})
/* Only the value, never dereferenced: no lockdep condition needed. */
#define rcu_access_pointer(p) READ_ONCE(p)
#define rcu_pointer_handoff(p) (p)

#define rcu_assign_pointer(p, v)                                          \
	do {                                                              \
		__atomic_store_n(&(p), (typeof(p))(v), __ATOMIC_RELEASE); \
	} while (0)
#define RCU_INIT_POINTER(p, v)                 \
	do {                                   \
		WRITE_ONCE(p, (typeof(p))(v)); \
	} while (0)
#define RCU_INITIALIZER(v) (typeof(*(v)) *)(v)
#define rcu_replace_pointer(rcu_ptr, ptr, c)                                   \
	({                                                                     \
		typeof(ptr) __tmp = rcu_dereference_protected((rcu_ptr), (c)); \
		rcu_assign_pointer((rcu_ptr), (ptr));                          \
		__tmp;                                                         \
	})

#define __kstub_kvfree_rcu_2(ptr, rhf)                                   \
	do {                                                             \
		typeof(ptr) ___p = (ptr);                                \
		BUILD_BUG_ON(offsetof(typeof(*(ptr)), rhf) >= 4096);     \
		if (___p)                                                \
			kvfree_call_rcu(&((___p)->rhf), (void *)(___p)); \
	} while (0)
#define __kstub_kvfree_rcu_1(ptr)                              \
	do {                                                   \
		typeof(ptr) ___p = (ptr);                      \
		if (___p)                                      \
			kvfree_call_rcu(NULL, (void *)(___p)); \
	} while (0)
#define __kstub_kvfree_rcu_pick(_1, _2, name, ...) name
#define kfree_rcu(ptr, rhf) __kstub_kvfree_rcu_2(ptr, rhf)
#define kvfree_rcu(...)                                            \
	__kstub_kvfree_rcu_pick(__VA_ARGS__, __kstub_kvfree_rcu_2, \
				__kstub_kvfree_rcu_1, )(__VA_ARGS__)
#define kfree_rcu_mightsleep(ptr) __kstub_kvfree_rcu_1(ptr)
#define kvfree_rcu_mightsleep(ptr) __kstub_kvfree_rcu_1(ptr)

/* A long RCU walk lets others in: drop out of the reader and back. */
#define cond_resched_rcu()         \
	do {                       \
		rcu_read_unlock(); \
		cond_resched();    \
		rcu_read_lock();   \
	} while (0)

/* Protected by any RCU reader: rcu_read_lock, _bh, _sched (one flavour). */
#define rcu_dereference_all_check(p, c) rcu_dereference_bh_check(p, c)
#define rcu_dereference_all(p) rcu_dereference_all_check(p, 0)
#define rcu_read_lock_trace() rcu_read_lock()
#define rcu_read_unlock_trace() rcu_read_unlock()

/*
 * rcu_head_after_call_rcu(rhp, f): has @rhp been passed to call_rcu()
 * with @f (and not yet run)?  rcu_head_init() marks a head as not.
 */
static inline void rcu_head_init(struct rcu_head *rhp)
{
	rhp->func = (rcu_callback_t)~0L;
}

static inline bool rcu_head_after_call_rcu(struct rcu_head *rhp,
					   rcu_callback_t f)
{
	rcu_callback_t func = READ_ONCE(rhp->func);

	if (func == f)
		return true;
	WARN_ON_ONCE(func != (rcu_callback_t)~0L);
	return false;
}

DEFINE_LOCK_GUARD_0(rcu, rcu_read_lock(), rcu_read_unlock())

#endif
