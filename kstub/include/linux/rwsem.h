/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Read-write semaphores on a writer-preferring pthread rwlock.  Readers
 * share, a writer excludes everyone.  Each holder is on its thread's
 * held-lock stack with its mode, so lockdep_assert_held_read/_write check
 * the calling thread; up_read/up_write of a semaphore the thread does not
 * hold in that mode is reported and ignored.  Acquiring may sleep.  The
 * killable variants are fault sites (-EINTR without the lock).
 *
 * downgrade_write() keeps every other thread out until up_read(): pthread
 * rwlocks cannot downgrade, and admitting no writer in between is the part
 * of the contract callers rely on.
 */
#ifndef _KSTUB_LINUX_RWSEM_H
#define _KSTUB_LINUX_RWSEM_H

#include <pthread.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/cleanup.h>

struct rw_semaphore {
	pthread_rwlock_t lock;
	long count; /* readers inside, or -1 for a writer */
	void *owner; /* the writer's kstub context, or NULL */
	int waiters; /* threads blocked in down_*() */
	const char *name;
	/* lockdep class: init_rwsem()'s call site; NULL: the rwsem itself */
	const struct lock_class_key *key;
};

#ifdef PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP
#define __KSTUB_RWLOCK_INITIALIZER \
	PTHREAD_RWLOCK_WRITER_NONRECURSIVE_INITIALIZER_NP
#else
#define __KSTUB_RWLOCK_INITIALIZER PTHREAD_RWLOCK_INITIALIZER
#endif

#define __RWSEM_INITIALIZER(lockname)                                 \
	{                                                             \
		.lock = __KSTUB_RWLOCK_INITIALIZER, .name = #lockname \
	}
#define DECLARE_RWSEM(lockname) \
	struct rw_semaphore lockname = __RWSEM_INITIALIZER(lockname)

void __init_rwsem(struct rw_semaphore *sem, const char *name,
		  struct lock_class_key *key);
#define init_rwsem(sem)                             \
	do {                                        \
		static struct lock_class_key __key; \
		__init_rwsem((sem), #sem, &__key);  \
	} while (0)

void down_read(struct rw_semaphore *sem);
int __must_check down_read_killable(struct rw_semaphore *sem);
int __must_check down_read_interruptible(struct rw_semaphore *sem);
/* 1 when taken, 0 when contended. */
int down_read_trylock(struct rw_semaphore *sem);
void down_write(struct rw_semaphore *sem);
int __must_check down_write_killable(struct rw_semaphore *sem);
int down_write_trylock(struct rw_semaphore *sem);
void up_read(struct rw_semaphore *sem);
void up_write(struct rw_semaphore *sem);
void downgrade_write(struct rw_semaphore *sem);
/* Held by anyone / anyone waiting (snapshots). */
int rwsem_is_locked(struct rw_semaphore *sem);
int rwsem_is_contended(struct rw_semaphore *sem);

#define down_read_nested(sem, subclass) down_read(sem)
#define down_write_nested(sem, subclass) down_write(sem)
#define down_write_killable_nested(sem, subclass) down_write_killable(sem)
#define rwsem_assert_held(sem) lockdep_assert_held(sem)
#define rwsem_assert_held_write(sem) lockdep_assert_held_write(sem)

DEFINE_GUARD(rwsem_read, struct rw_semaphore *, down_read(_T), up_read(_T))
DEFINE_GUARD(rwsem_write, struct rw_semaphore *, down_write(_T), up_write(_T))

#endif
