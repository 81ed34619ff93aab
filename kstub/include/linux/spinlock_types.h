/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * spinlock_t: a pthread mutex (blocking rather than spinning, so that a
 * holder the shim delays does not burn the other cores), with the owner
 * recorded for assert_spin_locked() and lockdep.
 */
#ifndef _KSTUB_LINUX_SPINLOCK_TYPES_H
#define _KSTUB_LINUX_SPINLOCK_TYPES_H

#include <pthread.h>
#include <linux/types.h>

struct lock_class_key;

typedef struct spinlock {
	pthread_mutex_t lock;
	void *owner;
	const char *name;
	/* lockdep class: spin_lock_init()'s call site; NULL: the lock itself */
	const struct lock_class_key *key;
} spinlock_t;

typedef spinlock_t raw_spinlock_t;

#define __SPIN_LOCK_UNLOCKED(lockname)                            \
	{                                                         \
		.lock = PTHREAD_MUTEX_INITIALIZER, .owner = NULL, \
		.name = #lockname                                 \
	}
#define __RAW_SPIN_LOCK_UNLOCKED(lockname) __SPIN_LOCK_UNLOCKED(lockname)
#define DEFINE_SPINLOCK(x) spinlock_t x = __SPIN_LOCK_UNLOCKED(x)
#define DEFINE_RAW_SPINLOCK(x) raw_spinlock_t x = __SPIN_LOCK_UNLOCKED(x)

#endif
