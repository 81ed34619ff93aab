/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Sleeping mutual exclusion on a pthread mutex (which ThreadSanitizer
 * models, including lock-order inversions).  The owner is recorded: only
 * the thread that locked a mutex may unlock it (else a lockdep report, and
 * the mutex stays locked), and lockdep_assert_held(&m) checks the calling
 * thread.  Locking may sleep (might_sleep()).  The killable and
 * interruptible variants are fault sites: the hook may make them return
 * -EINTR without taking the lock, as a pending signal would.
 */
#ifndef _KSTUB_LINUX_MUTEX_H
#define _KSTUB_LINUX_MUTEX_H

#include <pthread.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/spinlock_types.h>
#include <linux/cleanup.h>

struct mutex {
	pthread_mutex_t lock;
	void *owner; /* the owning thread's kstub context, or NULL */
	const char *name;
	/* lockdep class: mutex_init()'s call site; NULL: the mutex itself */
	const struct lock_class_key *key;
};

#define __MUTEX_INITIALIZER(lockname)                             \
	{                                                         \
		.lock = PTHREAD_MUTEX_INITIALIZER, .owner = NULL, \
		.name = #lockname                                 \
	}
#define DEFINE_MUTEX(mutexname) \
	struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key);
#define mutex_init(mutex)                              \
	do {                                           \
		static struct lock_class_key __key;    \
		__mutex_init((mutex), #mutex, &__key); \
	} while (0)

void mutex_lock(struct mutex *lock);
int __must_check mutex_lock_interruptible(struct mutex *lock);
int __must_check mutex_lock_killable(struct mutex *lock);
/* 1 when taken, 0 when contended. */
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
/* Held by any thread (a snapshot). */
bool mutex_is_locked(struct mutex *lock);
/* Reports a mutex destroyed while locked. */
void mutex_destroy(struct mutex *lock);

#define mutex_lock_nested(lock, subclass) mutex_lock(lock)
#define mutex_lock_interruptible_nested(lock, subclass) \
	mutex_lock_interruptible(lock)
#define mutex_lock_killable_nested(lock, subclass) mutex_lock_killable(lock)
#define mutex_lock_io(lock) mutex_lock(lock)

DEFINE_GUARD(mutex, struct mutex *, mutex_lock(_T), mutex_unlock(_T))

#endif
