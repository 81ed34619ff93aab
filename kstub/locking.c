// SPDX-License-Identifier: GPL-2.0-only
/*
 * Mutexes, rw_semaphores and spinlocks on pthread locks, with owners and
 * the per-thread held-lock stack (lockdep.c) kept up to date, and every
 * acquire and release reported to the hook before it happens.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <unistd.h>

#include "internal.h"
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>
#include <kstub/report.h>

static void *kstub_owner_read(void *const *owner)
{
	return __atomic_load_n(owner, __ATOMIC_RELAXED);
}

static void kstub_owner_set(void **owner, void *val)
{
	__atomic_store_n(owner, val, __ATOMIC_RELAXED);
}

/* A release by a thread that does not hold the lock: report it. */
static void kstub_bad_unlock(const void *lock, const char *name, bool other,
			     const void *ip)
{
	kstub_lockdep_report(
		ip,
		"bad unlock balance detected!\nthread %d is trying to "
		"release lock %p (%s) at: %p\n%s",
		(int)gettid(), lock, name ? name : "?", ip,
		other ? "but another thread holds it; not released."
		      : "but there are no more locks to release!");
}

/* A lock's lockdep class: its init site's key, or itself when static. */
#define KSTUB_CLASS(l) ((l)->key ? (const void *)(l)->key : (const void *)(l))

/* --- exclusive locks held by one owner: mutex and spinlock_t ----------- */

/* The parts of a mutex or spinlock_t the code below works on. */
struct kstub_excl {
	pthread_mutex_t *m;
	void **owner;
	const void *lock;
	const void *class;
	const char *name;
};

#define KSTUB_EXCL(l)                                                       \
	(&(struct kstub_excl){&(l)->lock, &(l)->owner, (l), KSTUB_CLASS(l), \
			      (l)->name})

static void kstub_excl_lock(const struct kstub_excl *e, const void *ip)
{
	kstub_lock_acquire_check(e->lock, e->class, e->name, ip);
	kstub_pthread(pthread_mutex_lock, e->m);
	kstub_owner_set(e->owner, kstub_current());
	kstub_lock_acquired(e->lock, e->class, e->name, false, ip);
}

static int kstub_excl_trylock(const struct kstub_excl *e, const void *ip)
{
	if (kstub_pthread_or(EBUSY, pthread_mutex_trylock, e->m))
		return 0;
	kstub_owner_set(e->owner, kstub_current());
	kstub_lock_acquired(e->lock, e->class, e->name, false, ip);
	return 1;
}

static bool kstub_excl_unlock(const struct kstub_excl *e, const void *ip)
{
	void *cur = kstub_owner_read(e->owner);

	if (cur != kstub_current()) {
		kstub_bad_unlock(e->lock, e->name, cur != NULL, ip);
		return false;
	}
	kstub_lock_released(e->lock);
	kstub_owner_set(e->owner, NULL);
	kstub_pthread(pthread_mutex_unlock, e->m);
	return true;
}

/* --- struct mutex ------------------------------------------------------- */

void __mutex_init(struct mutex *lock, const char *name,
		  struct lock_class_key *key)
{
	kstub_pthread(pthread_mutex_init, &lock->lock, NULL);
	lock->owner = NULL;
	lock->name = name;
	lock->key = key;
}

static void kstub_mutex_lock(struct mutex *lock, const void *ip)
{
	kstub_might_sleep_at("mutex_lock()", 0, ip);
	kstub_site(KSTUB_SITE_mutex_lock, ip, lock, 0, 0);
	kstub_excl_lock(KSTUB_EXCL(lock), ip);
}

void mutex_lock(struct mutex *lock)
{
	kstub_mutex_lock(lock, KSTUB_CALLER());
}

static int kstub_mutex_lock_killable(struct mutex *lock, const void *ip)
{
	if (kstub_site(KSTUB_SITE_lock_killable, ip, lock, 0, 0))
		return -EINTR;
	kstub_mutex_lock(lock, ip);
	return 0;
}

int mutex_lock_interruptible(struct mutex *lock)
{
	return kstub_mutex_lock_killable(lock, KSTUB_CALLER());
}

int mutex_lock_killable(struct mutex *lock)
{
	return kstub_mutex_lock_killable(lock, KSTUB_CALLER());
}

int mutex_trylock(struct mutex *lock)
{
	const void *ip = KSTUB_CALLER();

	kstub_site(KSTUB_SITE_mutex_lock, ip, lock, 0, 0);
	return kstub_excl_trylock(KSTUB_EXCL(lock), ip);
}

void mutex_unlock(struct mutex *lock)
{
	const void *ip = KSTUB_CALLER();

	kstub_site(KSTUB_SITE_mutex_unlock, ip, lock, 0, 0);
	if (kstub_excl_unlock(KSTUB_EXCL(lock), ip))
		kstub_site(KSTUB_SITE_mutex_released, ip, lock, 0, 0);
}

bool mutex_is_locked(struct mutex *lock)
{
	return kstub_owner_read(&lock->owner) != NULL;
}

void mutex_destroy(struct mutex *lock)
{
	if (mutex_is_locked(lock))
		kstub_report(KSTUB_REPORT_lockdep, KSTUB_CALLER(),
			     "DEBUG_LOCKS_WARN_ON(mutex_is_locked(lock)): "
			     "mutex %p (%s) destroyed while locked",
			     lock, lock->name ? lock->name : "?");
}

/* --- spinlock_t ----------------------------------------------------------- */

void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key)
{
	kstub_pthread(pthread_mutex_init, &lock->lock, NULL);
	lock->owner = NULL;
	lock->name = name;
	lock->key = key;
}

static void kstub_spin_lock(spinlock_t *lock, bool irq, const void *ip)
{
	struct kstub_thread *t = kstub_current();

	kstub_site(KSTUB_SITE_spin_lock, ip, lock, 0, 0);
	kstub_excl_lock(KSTUB_EXCL(lock), ip);
	t->preempt_depth++;
	t->irq_depth += irq;
	kstub_rcu_reader_enter();
}

static void kstub_spin_unlock(spinlock_t *lock, bool irq, const void *ip)
{
	struct kstub_thread *t = kstub_current();

	kstub_site(KSTUB_SITE_spin_unlock, ip, lock, 0, 0);
	if (!kstub_excl_unlock(KSTUB_EXCL(lock), ip))
		return;
	if (t->preempt_depth > 0)
		t->preempt_depth--;
	if (irq && t->irq_depth > 0)
		t->irq_depth--;
	if (t->reader_depth > 0)
		kstub_rcu_reader_exit();
	kstub_site(KSTUB_SITE_spin_released, ip, lock, 0, 0);
}

void spin_lock(spinlock_t *lock)
{
	kstub_spin_lock(lock, false, KSTUB_CALLER());
}

void spin_unlock(spinlock_t *lock)
{
	kstub_spin_unlock(lock, false, KSTUB_CALLER());
}

void spin_lock_irq(spinlock_t *lock)
{
	kstub_spin_lock(lock, true, KSTUB_CALLER());
}

void spin_unlock_irq(spinlock_t *lock)
{
	kstub_spin_unlock(lock, true, KSTUB_CALLER());
}

unsigned long kstub_spin_lock_irqsave(spinlock_t *lock)
{
	kstub_spin_lock(lock, true, KSTUB_CALLER());
	return 0;
}

void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags)
{
	kstub_spin_unlock(lock, true, KSTUB_CALLER());
}

int spin_trylock(spinlock_t *lock)
{
	const void *ip = KSTUB_CALLER();

	kstub_site(KSTUB_SITE_spin_lock, ip, lock, 0, 0);
	if (!kstub_excl_trylock(KSTUB_EXCL(lock), ip))
		return 0;
	kstub_current()->preempt_depth++;
	kstub_rcu_reader_enter();
	return 1;
}

int spin_is_locked(spinlock_t *lock)
{
	return kstub_owner_read(&lock->owner) != NULL;
}

/* --- struct rw_semaphore ------------------------------------------------ */

void __init_rwsem(struct rw_semaphore *sem, const char *name,
		  struct lock_class_key *key)
{
	pthread_rwlockattr_t attr;

	kstub_pthread(pthread_rwlockattr_init, &attr);
	kstub_pthread(pthread_rwlockattr_setkind_np, &attr,
		      PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
	kstub_pthread(pthread_rwlock_init, &sem->lock, &attr);
	kstub_pthread(pthread_rwlockattr_destroy, &attr);
	sem->count = 0;
	sem->owner = NULL;
	sem->waiters = 0;
	sem->name = name;
	sem->key = key;
}

static void kstub_rwsem_acquired(struct rw_semaphore *sem, bool read,
				 const void *ip)
{
	if (read) {
		__atomic_add_fetch(&sem->count, 1, __ATOMIC_RELAXED);
	} else {
		__atomic_store_n(&sem->count, -1, __ATOMIC_RELAXED);
		kstub_owner_set(&sem->owner, kstub_current());
	}
	kstub_lock_acquired(sem, KSTUB_CLASS(sem), sem->name, read, ip);
}

/* Takes @sem's pthread lock if it is free: false if it is busy. */
static bool kstub_rwsem_trylock(struct rw_semaphore *sem, bool read)
{
	if (read)
		return !kstub_pthread_or(EBUSY, pthread_rwlock_tryrdlock,
					 &sem->lock);
	return !kstub_pthread_or(EBUSY, pthread_rwlock_trywrlock, &sem->lock);
}

static void kstub_rwsem_lock(struct rw_semaphore *sem, bool read)
{
	if (read)
		kstub_pthread(pthread_rwlock_rdlock, &sem->lock);
	else
		kstub_pthread(pthread_rwlock_wrlock, &sem->lock);
}

static void kstub_rwsem_down(struct rw_semaphore *sem, bool read,
			     const void *ip)
{
	kstub_might_sleep_at(read ? "down_read()" : "down_write()", 0, ip);
	kstub_site(read ? KSTUB_SITE_rwsem_down_read
			: KSTUB_SITE_rwsem_down_write,
		   ip, sem, 0, 0);
	kstub_lock_acquire_check(sem, KSTUB_CLASS(sem), sem->name, ip);
	if (!kstub_rwsem_trylock(sem, read)) {
		__atomic_add_fetch(&sem->waiters, 1, __ATOMIC_RELAXED);
		kstub_rwsem_lock(sem, read);
		__atomic_sub_fetch(&sem->waiters, 1, __ATOMIC_RELAXED);
	}
	kstub_rwsem_acquired(sem, read, ip);
}

static int kstub_rwsem_down_killable(struct rw_semaphore *sem, bool read,
				     const void *ip)
{
	if (kstub_site(KSTUB_SITE_lock_killable, ip, sem, 0, 0))
		return -EINTR;
	kstub_rwsem_down(sem, read, ip);
	return 0;
}

static int kstub_rwsem_trydown(struct rw_semaphore *sem, bool read,
			       const void *ip)
{
	kstub_site(read ? KSTUB_SITE_rwsem_down_read
			: KSTUB_SITE_rwsem_down_write,
		   ip, sem, 0, 0);
	if (!kstub_rwsem_trylock(sem, read))
		return 0;
	kstub_rwsem_acquired(sem, read, ip);
	return 1;
}

static void kstub_rwsem_up(struct rw_semaphore *sem, bool read, const void *ip)
{
	kstub_site(read ? KSTUB_SITE_rwsem_up_read : KSTUB_SITE_rwsem_up_write,
		   ip, sem, 0, 0);
	if (!kstub_lock_held(sem, read)) {
		kstub_bad_unlock(sem, sem->name, rwsem_is_locked(sem), ip);
		return;
	}
	kstub_lock_released(sem);
	if (read) {
		__atomic_sub_fetch(&sem->count, 1, __ATOMIC_RELAXED);
	} else {
		kstub_owner_set(&sem->owner, NULL);
		__atomic_store_n(&sem->count, 0, __ATOMIC_RELAXED);
	}
	kstub_pthread(pthread_rwlock_unlock, &sem->lock);
	kstub_site(KSTUB_SITE_rwsem_released, ip, sem, 0, 0);
}

void down_read(struct rw_semaphore *sem)
{
	kstub_rwsem_down(sem, true, KSTUB_CALLER());
}

int down_read_killable(struct rw_semaphore *sem)
{
	return kstub_rwsem_down_killable(sem, true, KSTUB_CALLER());
}

int down_read_interruptible(struct rw_semaphore *sem)
{
	return kstub_rwsem_down_killable(sem, true, KSTUB_CALLER());
}

int down_read_trylock(struct rw_semaphore *sem)
{
	return kstub_rwsem_trydown(sem, true, KSTUB_CALLER());
}

void down_write(struct rw_semaphore *sem)
{
	kstub_rwsem_down(sem, false, KSTUB_CALLER());
}

int down_write_killable(struct rw_semaphore *sem)
{
	return kstub_rwsem_down_killable(sem, false, KSTUB_CALLER());
}

int down_write_trylock(struct rw_semaphore *sem)
{
	return kstub_rwsem_trydown(sem, false, KSTUB_CALLER());
}

void up_read(struct rw_semaphore *sem)
{
	kstub_rwsem_up(sem, true, KSTUB_CALLER());
}

void up_write(struct rw_semaphore *sem)
{
	kstub_rwsem_up(sem, false, KSTUB_CALLER());
}

void downgrade_write(struct rw_semaphore *sem)
{
	const void *ip = KSTUB_CALLER();

	if (!kstub_lock_held(sem, 0)) {
		kstub_bad_unlock(sem, sem->name, rwsem_is_locked(sem), ip);
		return;
	}
	/* still write-locked underneath: see <linux/rwsem.h> */
	kstub_owner_set(&sem->owner, NULL);
	__atomic_store_n(&sem->count, 1, __ATOMIC_RELAXED);
	kstub_lock_set_read(sem, true);
}

int rwsem_is_locked(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->count, __ATOMIC_RELAXED) != 0;
}

int rwsem_is_contended(struct rw_semaphore *sem)
{
	return __atomic_load_n(&sem->waiters, __ATOMIC_RELAXED) != 0;
}
