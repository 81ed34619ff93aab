// SPDX-License-Identifier: GPL-2.0-only
/*
 * lockdep-style ownership checks: lockdep_assert_held and friends answer
 * for the calling thread, releases by non-holders are reported, and a
 * correct sequence reports nothing.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

#include "sync-test.h"

static DEFINE_MUTEX(m);
static DECLARE_RWSEM(sem);
static DEFINE_SPINLOCK(spin);

static unsigned long lockdep_reports(void)
{
	return reports(KSTUB_REPORT_lockdep);
}

static void test_assert_held(void)
{
	unsigned long n = lockdep_reports();
	const char *out;

	mutex_lock(&m);
	lockdep_assert_held(&m);
	ok(lockdep_is_held(&m), "lockdep_is_held on a held mutex");
	mutex_unlock(&m);
	ok(!lockdep_is_held(&m), "not after unlock");
	lockdep_assert_not_held(&m);
	is_int(lockdep_reports(), n, "assertions that hold report nothing");

	capture_begin();
	lockdep_assert_held(&m);
	out = capture_end();
	is_int(lockdep_reports(), n + 1,
	       "lockdep_assert_held on an unheld mutex is reported");
	ok(strstr(out, "lockdep_assert_held(&m)"), "naming the assertion");
	n = lockdep_reports();

	mutex_lock(&m);
	lockdep_assert_not_held(&m);
	mutex_unlock(&m);
	is_int(lockdep_reports(), n + 1,
	       "lockdep_assert_not_held on a held mutex is reported");
}

static void test_rwsem_modes(void)
{
	unsigned long n = lockdep_reports();

	down_read(&sem);
	lockdep_assert_held(&sem);
	lockdep_assert_held_read(&sem);
	up_read(&sem);
	down_write(&sem);
	lockdep_assert_held_write(&sem);
	downgrade_write(&sem);
	lockdep_assert_held_read(&sem);
	up_read(&sem);
	ok(!rwsem_is_locked(&sem), "downgraded semaphore released by up_read");
	is_int(lockdep_reports(), n, "matching modes report nothing");

	down_read(&sem);
	lockdep_assert_held_write(&sem);
	up_read(&sem);
	is_int(lockdep_reports(), n + 1,
	       "lockdep_assert_held_write under down_read is reported");
}

/* Another thread holds the lock; this one asserts and unlocks. */
static int phase;

static void *other_holder(void *arg, int i)
{
	unsigned long n;

	if (i == 0) {
		mutex_lock(&m);
		__atomic_store_n(&phase, 1, __ATOMIC_RELEASE);
		while (__atomic_load_n(&phase, __ATOMIC_ACQUIRE) < 2)
			sched_yield();
		mutex_unlock(&m);
		return NULL;
	}
	while (__atomic_load_n(&phase, __ATOMIC_ACQUIRE) < 1)
		sched_yield();
	n = lockdep_reports();
	lockdep_assert_held(&m);
	is_int(lockdep_reports(), n + 1,
	       "held by another thread is not held by this one");
	mutex_unlock(&m);
	is_int(lockdep_reports(), n + 2,
	       "mutex_unlock by a non-owner is reported");
	ok(mutex_is_locked(&m), "and leaves the owner's mutex locked");
	__atomic_store_n(&phase, 2, __ATOMIC_RELEASE);
	return NULL;
}

static void test_bad_unlocks(void)
{
	unsigned long n = lockdep_reports();

	mutex_unlock(&m);
	is_int(lockdep_reports(), n + 1, "unlock of an unlocked mutex");
	up_read(&sem);
	is_int(lockdep_reports(), n + 2, "up_read of an unheld semaphore");
	up_write(&sem);
	is_int(lockdep_reports(), n + 3, "up_write of an unheld semaphore");
	spin_unlock(&spin);
	is_int(lockdep_reports(), n + 4, "spin_unlock of an unheld spinlock");
	spin_lock(&spin);
	assert_spin_locked(&spin);
	lockdep_assert_held(&spin);
	spin_unlock(&spin);
	is_int(lockdep_reports(), n + 4, "spinlock held: assertions pass");
}

int main(void)
{
	plan(17);
	test_assert_held();
	test_rwsem_modes();
	run_threads(2, other_holder, NULL);
	test_bad_unlocks();
	return exit_status();
}
