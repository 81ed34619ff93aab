/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Lock ownership checks.  Every kstub lock (mutex, rw_semaphore, spinlock_t)
 * records itself on the calling thread's held-lock stack when acquired, so
 * these answer for the calling thread and never look at other threads:
 * lockdep_is_held(&lock) is true when this thread holds it.  A failed
 * assertion is a KSTUB_REPORT_lockdep report, not a crash.  There is no
 * lock-order (deadlock) analysis here: ThreadSanitizer's
 * lock-order-inversion detector covers it, since every kstub lock is a
 * pthread lock.
 */
#ifndef _KSTUB_LINUX_LOCKDEP_H
#define _KSTUB_LINUX_LOCKDEP_H

#include <linux/types.h>
#include <linux/bug.h>

struct lock_class_key {
	char kstub_unused;
};

struct lockdep_map {
	const char *name;
};

/* 1 when this thread holds @lock (@read: -1 either mode, 0 write, 1 read). */
int kstub_lock_held(const void *lock, int read);
/* Number of locks this thread holds. */
int kstub_lockdep_depth(void);
void kstub_lockdep_assert(const void *lock, int read, bool want_held,
			  const char *expr, const char *file, int line);

#define debug_locks 1
#define LOCK_STATE_UNKNOWN -1
#define LOCK_STATE_NOT_HELD 0
#define LOCK_STATE_HELD 1

#define lockdep_is_held(lock) kstub_lock_held((const void *)(lock), -1)
#define lockdep_is_held_type(lock, r) kstub_lock_held((const void *)(lock), (r))

#define __kstub_lockdep_assert(lock, read, want, expr)                   \
	kstub_lockdep_assert((const void *)(lock), (read), (want), expr, \
			     __FILE__, __LINE__)
#define lockdep_assert_held(l) \
	__kstub_lockdep_assert(l, -1, true, "lockdep_assert_held(" #l ")")
#define lockdep_assert_held_write(l) \
	__kstub_lockdep_assert(l, 0, true, "lockdep_assert_held_write(" #l ")")
#define lockdep_assert_held_read(l) \
	__kstub_lockdep_assert(l, 1, true, "lockdep_assert_held_read(" #l ")")
#define lockdep_assert_not_held(l) \
	__kstub_lockdep_assert(l, -1, false, "lockdep_assert_not_held(" #l ")")
#define lockdep_assert_held_once(l) lockdep_assert_held(l)

#define lockdep_assert(cond) WARN_ON(debug_locks && !(cond))
#define lockdep_assert_once(cond) WARN_ON_ONCE(debug_locks && !(cond))
#define lockdep_assert_none_held_once() WARN_ON_ONCE(kstub_lockdep_depth())

#define lockdep_set_class(lock, key) ((void)(key))
#define lockdep_set_class_and_name(lock, key, name) ((void)(key))
#define lockdep_set_novalidate_class(lock) \
	do {                               \
	} while (0)
#define lockdep_set_subclass(lock, sub) \
	do {                            \
	} while (0)
#define lockdep_off() \
	do {          \
	} while (0)
#define lockdep_on() \
	do {         \
	} while (0)
#define lockdep_assert_irqs_enabled() \
	do {                          \
	} while (0)
#define lockdep_assert_irqs_disabled() \
	do {                           \
	} while (0)
#define might_lock(lock) \
	do {             \
	} while (0)
#define might_lock_read(lock) \
	do {                  \
	} while (0)
#define SINGLE_DEPTH_NESTING 1

/*
 * Lockdep maps of things that are not locks (a table being resized, a
 * work item): not modelled, accepted and ignored.
 */
#define STATIC_LOCKDEP_MAP_INIT(_name, _key) \
	{                                    \
		.name = (_name)              \
	}
#define lockdep_init_map(lock, name, key, sub) ((void)(lock), (void)(key))
#define lock_map_acquire(l) ((void)(l))
#define lock_map_acquire_read(l) ((void)(l))
#define lock_map_acquire_try(l) ((void)(l))
#define lock_map_release(l) ((void)(l))
#define lock_acquire(l, s, t, r, c, n, i) ((void)(l))
#define lock_acquire_exclusive(l, s, t, n, i) ((void)(l))
#define lock_acquire_shared(l, s, t, n, i) ((void)(l))
#define lock_release(l, i) ((void)(l))

#endif
