// SPDX-License-Identifier: GPL-2.0-only
/*
 * Where each release site's hook runs: mutex_unlock, rwsem_up_*,
 * spin_unlock and rcu_read_unlock before the release (the lock is still
 * held, the reader still in its section), mutex_released, rwsem_released,
 * spin_released and rcu_read_unlocked after it.  A delay at the first
 * lengthens the critical section; only one at the second opens a window
 * with the lock free.
 */
#include "config.h"

#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

#include "harness.h"

static DEFINE_MUTEX(m);
static DECLARE_RWSEM(sem);
static DEFINE_SPINLOCK(sl);

/* Per class: how often the hook saw the lock held, and not held. */
static int held[KSTUB_NR_SITE_CLASSES], free_[KSTUB_NR_SITE_CLASSES];

static bool site_held(const struct kstub_site *site)
{
	switch (site->cls) {
	case KSTUB_SITE_mutex_unlock:
	case KSTUB_SITE_mutex_released:
		return mutex_is_locked(&m);
	case KSTUB_SITE_rwsem_up_read:
	case KSTUB_SITE_rwsem_up_write:
	case KSTUB_SITE_rwsem_released:
		return rwsem_is_locked(&sem);
	case KSTUB_SITE_spin_unlock:
	case KSTUB_SITE_spin_released:
		return spin_is_locked(&sl);
	default:
		return rcu_read_lock_held();
	}
}

static void observe(const struct kstub_site *site)
{
	switch (site->cls) {
	case KSTUB_SITE_mutex_unlock:
	case KSTUB_SITE_mutex_released:
	case KSTUB_SITE_rwsem_up_read:
	case KSTUB_SITE_rwsem_up_write:
	case KSTUB_SITE_rwsem_released:
	case KSTUB_SITE_spin_unlock:
	case KSTUB_SITE_spin_released:
	case KSTUB_SITE_rcu_read_unlock:
	case KSTUB_SITE_rcu_read_unlocked:
		if (site_held(site))
			held[site->cls]++;
		else
			free_[site->cls]++;
		break;
	default:
		break;
	}
}

static void before(enum kstub_site_class cls, const char *what)
{
	ok(held[cls] == 1 && !free_[cls], "%s: before the release", what);
}

static void after(enum kstub_site_class cls, const char *what, int n)
{
	ok(free_[cls] == n && !held[cls], "%s: after the release", what);
}

int main(void)
{
	plan(9);
	__atomic_store_n(&harness_observer, observe, __ATOMIC_RELEASE);
	mutex_lock(&m);
	mutex_unlock(&m);
	down_read(&sem);
	up_read(&sem);
	down_write(&sem);
	up_write(&sem);
	spin_lock(&sl);
	spin_unlock(&sl);
	rcu_read_lock();
	rcu_read_unlock();
	__atomic_store_n(&harness_observer, NULL, __ATOMIC_RELEASE);

	before(KSTUB_SITE_mutex_unlock, "mutex_unlock");
	after(KSTUB_SITE_mutex_released, "mutex_released", 1);
	before(KSTUB_SITE_rwsem_up_read, "rwsem_up_read");
	before(KSTUB_SITE_rwsem_up_write, "rwsem_up_write");
	after(KSTUB_SITE_rwsem_released, "rwsem_released", 2);
	before(KSTUB_SITE_spin_unlock, "spin_unlock");
	after(KSTUB_SITE_spin_released, "spin_released", 1);
	before(KSTUB_SITE_rcu_read_unlock, "rcu_read_unlock");
	after(KSTUB_SITE_rcu_read_unlocked, "rcu_read_unlocked", 1);
	return exit_status();
}
