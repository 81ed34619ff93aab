// SPDX-License-Identifier: GPL-2.0-only
/*
 * Locks under contention: mutex and spinlock counters add up exactly,
 * rw_semaphore readers share and writers exclude, trylock answers, the
 * killable variants fail with -EINTR when the hook says so, and every
 * acquire and release reaches the hook.
 */
#include "config.h"

#include <errno.h>
#include <linux/kernel.h>
#include <linux/cleanup.h>
#include <linux/rcupdate.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

#include "harness.h"

#define NR_THREADS 4

static int loops;
static DEFINE_MUTEX(counter_mutex);
static DEFINE_SPINLOCK(counter_spin);
static DECLARE_RWSEM(sem);
static long mutex_counter, spin_counter;

static void *count_thread(void *arg, int i)
{
	unsigned long flags;
	int n;

	for (n = 0; n < loops; n++) {
		mutex_lock(&counter_mutex);
		mutex_counter++;
		mutex_unlock(&counter_mutex);
		if (n & 1) {
			spin_lock(&counter_spin);
			spin_counter++;
			spin_unlock(&counter_spin);
		} else {
			spin_lock_irqsave(&counter_spin, flags);
			spin_counter++;
			spin_unlock_irqrestore(&counter_spin, flags);
		}
	}
	return NULL;
}

/* Readers and writers check each other's presence. */
static int readers_in, writers_in, violations;

static void *rw_thread(void *arg, int i)
{
	int n;

	for (n = 0; n < loops / 10; n++) {
		if (i == 0 || (i == 1 && (n & 1))) {
			down_write(&sem);
			if (__atomic_add_fetch(&writers_in, 1,
					       __ATOMIC_SEQ_CST) != 1 ||
			    __atomic_load_n(&readers_in, __ATOMIC_SEQ_CST))
				__atomic_add_fetch(&violations, 1,
						   __ATOMIC_RELAXED);
			sched_yield();
			__atomic_sub_fetch(&writers_in, 1, __ATOMIC_SEQ_CST);
			up_write(&sem);
		} else {
			down_read(&sem);
			__atomic_add_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
			if (__atomic_load_n(&writers_in, __ATOMIC_SEQ_CST))
				__atomic_add_fetch(&violations, 1,
						   __ATOMIC_RELAXED);
			sched_yield();
			__atomic_sub_fetch(&readers_in, 1, __ATOMIC_SEQ_CST);
			up_read(&sem);
		}
	}
	return NULL;
}

/* Thread 0 holds the locks while thread 1 probes them. */
static int phase;
static int probe[6];

static void wait_phase(int p)
{
	while (__atomic_load_n(&phase, __ATOMIC_ACQUIRE) < p)
		sched_yield();
}

static void *holder_prober(void *arg, int i)
{
	if (i == 0) {
		down_read(&sem);
		mutex_lock(&counter_mutex);
		__atomic_store_n(&phase, 1, __ATOMIC_RELEASE);
		wait_phase(2);
		mutex_unlock(&counter_mutex);
		up_read(&sem);
		return NULL;
	}
	wait_phase(1);
	probe[0] = down_read_trylock(&sem);
	if (probe[0])
		up_read(&sem);
	probe[1] = down_write_trylock(&sem);
	probe[2] = mutex_trylock(&counter_mutex);
	probe[3] = mutex_is_locked(&counter_mutex);
	probe[4] = rwsem_is_locked(&sem);
	__atomic_store_n(&phase, 2, __ATOMIC_RELEASE);
	return NULL;
}

static void test_killable(void)
{
	unsigned long n = sites(KSTUB_SITE_lock_killable);
	int ret;

	fail_next(KSTUB_SITE_lock_killable, 1);
	ret = mutex_lock_killable(&counter_mutex);
	is_int(ret, -EINTR, "mutex_lock_killable fails with -EINTR on demand");
	ok(!mutex_is_locked(&counter_mutex), "without taking the mutex");
	ret = mutex_lock_killable(&counter_mutex);
	is_int(ret, 0, "and takes it when the hook lets it");
	mutex_unlock(&counter_mutex);

	fail_next(KSTUB_SITE_lock_killable, 2);
	ret = down_read_killable(&sem);
	is_int(ret, -EINTR, "down_read_killable fails with -EINTR");
	ret = down_write_killable(&sem);
	is_int(ret, -EINTR, "down_write_killable fails with -EINTR");
	ok(!rwsem_is_locked(&sem), "without taking the semaphore");
	ret = mutex_lock_interruptible(&counter_mutex);
	is_int(ret, 0, "mutex_lock_interruptible takes it otherwise");
	mutex_unlock(&counter_mutex);
	is_int(sites(KSTUB_SITE_lock_killable) - n, 5,
	       "each killable acquire is a lock_killable site");
}

static int guarded(void)
{
	guard(mutex)(&counter_mutex);
	return mutex_is_locked(&counter_mutex) &&
	       lockdep_is_held(&counter_mutex);
}

static int frees;
DEFINE_FREE(count_free, int *, if (_T) frees += *_T)

static int *keep(void)
{
	static int one = 1;
	int *p __free(count_free) = &one;

	return_ptr(p);
}

static void test_guards(void)
{
	int held = 0;

	ok(guarded(), "guard(mutex) holds the mutex in its scope");
	ok(!mutex_is_locked(&counter_mutex), "and releases it at scope end");
	scoped_guard(spinlock, &counter_spin) held =
		spin_is_locked(&counter_spin);
	ok(held && !spin_is_locked(&counter_spin),
	   "scoped_guard(spinlock) holds it for its statement");
	scoped_guard(rwsem_read, &sem) held = lockdep_is_held_type(&sem, 1);
	ok(held && !rwsem_is_locked(&sem), "scoped_guard(rwsem_read)");
	{
		guard(rcu)();
		held = rcu_read_lock_held();
	}
	ok(held && !rcu_read_lock_held(), "guard(rcu) is a read-side section");
	{
		int two = 2;
		int *p __free(count_free) = &two;

		ok(keep() && frees == 0, "return_ptr hands the pointer on");
		(void)p;
	}
	is_int(frees, 2, "__free runs its DEFINE_FREE action at scope end");
}

int main(void)
{
	unsigned long lock_sites = sites(KSTUB_SITE_mutex_lock);
	unsigned long unlock_sites = sites(KSTUB_SITE_mutex_unlock);
	unsigned long spin_sites = sites(KSTUB_SITE_spin_lock);

	loops = strcmp(tap_sanitizer(), "none") ? 2000 : 20000;
	plan(25);

	run_threads(NR_THREADS, count_thread, NULL);
	is_int(mutex_counter, NR_THREADS * loops, "mutex counter is exact");
	is_int(spin_counter, NR_THREADS * loops, "spinlock counter is exact");
	is_int(sites(KSTUB_SITE_mutex_lock) - lock_sites, NR_THREADS * loops,
	       "every mutex_lock reached the hook");
	is_int(sites(KSTUB_SITE_mutex_unlock) - unlock_sites,
	       NR_THREADS * loops, "every mutex_unlock reached the hook");
	is_int(sites(KSTUB_SITE_spin_lock) - spin_sites, NR_THREADS * loops,
	       "every spin_lock reached the hook");

	run_threads(NR_THREADS, rw_thread, NULL);
	is_int(violations, 0,
	       "rwsem: writers exclusive, readers never with one");

	run_threads(2, holder_prober, NULL);
	ok(probe[0], "down_read_trylock succeeds beside another reader");
	ok(!probe[1], "down_write_trylock fails beside a reader");
	ok(!probe[2] && probe[3],
	   "mutex_trylock fails on a mutex another thread holds");
	ok(probe[4], "rwsem_is_locked sees the reader");

	test_killable();
	test_guards();
	return exit_status();
}
