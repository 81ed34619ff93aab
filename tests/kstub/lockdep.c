// SPDX-License-Identifier: GPL-2.0-only
/*
 * lockdep-style ownership checks: lockdep_assert_held and friends answer
 * for the calling thread, releases by non-holders are reported, and a
 * correct sequence reports nothing.
 */
#include "config.h"

#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <linux/mutex.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

#include "harness.h"

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

static DEFINE_MUTEX(leaked);

static void *exit_holding(void *arg, int i)
{
	mutex_lock(&leaked);
	return NULL;
}

static void test_exit_holding(void)
{
	unsigned long n = lockdep_reports();

	run_threads(1, exit_holding, NULL);
	is_int(lockdep_reports(), n + 1,
	       "a thread exiting with a mutex held is reported");
}

/*
 * Taking a mutex twice deadlocks, so a child does it with stderr on a
 * pipe; the report must arrive before the child blocks for good.
 */
static void test_recursive(void)
{
	char buf[4096] = "";
	struct pollfd pfd;
	size_t len = 0;
	int fds[2];
	pid_t pid;

	if (pipe(fds))
		bail_out("pipe failed");
	fflush(NULL);
	pid = fork();
	if (pid == 0) {
		alarm(30);
		dup2(fds[1], 2);
		mutex_lock(&m);
		mutex_lock(&m);
		_exit(0);
	}
	close(fds[1]);
	pfd = (struct pollfd){.fd = fds[0], .events = POLLIN};
	while (!strstr(buf, "*** DEADLOCK ***") && len < sizeof(buf) - 1 &&
	       poll(&pfd, 1, 30000) > 0) {
		ssize_t r = read(fds[0], buf + len, sizeof(buf) - 1 - len);

		if (r <= 0)
			break;
		len += r;
		buf[len] = '\0';
	}
	kill(pid, SIGKILL);
	waitpid(pid, NULL, 0);
	close(fds[0]);
	ok(strstr(buf, "possible recursive locking detected"),
	   "mutex_lock of a mutex this thread holds is reported");
}

static DEFINE_MUTEX(order_a);
static DEFINE_MUTEX(order_b);

static void lock_pair(struct mutex *first, struct mutex *second)
{
	mutex_lock(first);
	mutex_lock(second);
	mutex_unlock(second);
	mutex_unlock(first);
}

static void test_lock_order(void)
{
	struct {
		struct mutex m;
	} x[2];
	unsigned long n = lockdep_reports();
	const char *out;
	int i;

	for (i = 0; i < 2; i++)
		mutex_init(&x[i].m);
	lock_pair(&x[0].m, &x[1].m);
	lock_pair(&order_a, &order_b);
	lock_pair(&order_a, &order_b);
	is_int(lockdep_reports(), n, "a consistent lock order reports nothing");
	if (!strcmp(tap_sanitizer(), "tsan")) {
		/* it would report the seeded inversion itself, and fail us */
		skip(3, "ThreadSanitizer reports lock-order inversions itself");
		return;
	}
	capture_begin();
	lock_pair(&order_b, &order_a);
	out = capture_end();
	is_int(lockdep_reports(), n + 1, "the inverted order is reported");
	ok(strstr(out, "possible circular locking dependency detected") &&
		   strstr(out, "order_a") && strstr(out, "order_b"),
	   "as lockdep words it, naming both locks");
	lock_pair(&order_b, &order_a);
	is_int(lockdep_reports(), n + 1, "once per pair of locks");
}

int main(void)
{
	plan(23);
	test_assert_held();
	test_rwsem_modes();
	run_threads(2, other_holder, NULL);
	test_bad_unlocks();
	test_exit_holding();
	test_lock_order();
	test_recursive();
	return exit_status();
}
