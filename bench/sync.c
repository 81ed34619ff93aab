// SPDX-License-Identifier: GPL-2.0-only
/*
 * What kstub's synchronisation costs per pair of calls, uncontended, on
 * one thread: rcu_read_lock/unlock, mutex_lock/unlock, spin_lock/unlock,
 * down_read/up_read, refcount_inc/dec_and_test, against a bare pthread
 * mutex.  Every kstub call goes through the (default, empty) hook and the
 * held-lock bookkeeping.  Prints numbers; asserts nothing.
 * usage: sync_bench [iterations]
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/rwsem.h>
#include <linux/spinlock.h>

static DEFINE_MUTEX(m);
static DEFINE_SPINLOCK(s);
static DECLARE_RWSEM(sem);
static pthread_mutex_t pm = PTHREAD_MUTEX_INITIALIZER;
static refcount_t ref = REFCOUNT_INIT(1);

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

#define MEASURE(name, n, body)                                                 \
	do {                                                                   \
		double __t = now_ns();                                         \
		long __i;                                                      \
		for (__i = 0; __i < (n); __i++) {                              \
			body;                                                  \
		}                                                              \
		printf("%-34s %8.1f ns/pair\n", name, (now_ns() - __t) / (n)); \
	} while (0)

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 5000000;

	printf("sync_bench: %ld iterations, sanitizer %s\n", n,
	       KSTUB_SANITIZER);
	rcu_read_lock(); /* register the thread outside the timing */
	rcu_read_unlock();
	MEASURE("pthread_mutex_lock/unlock (bare)", n, {
		pthread_mutex_lock(&pm);
		pthread_mutex_unlock(&pm);
	});
	MEASURE("rcu_read_lock/unlock", n, {
		rcu_read_lock();
		rcu_read_unlock();
	});
	MEASURE("rcu_read_lock/unlock nested", n, {
		rcu_read_lock();
		rcu_read_lock();
		rcu_read_unlock();
		rcu_read_unlock();
	});
	MEASURE("mutex_lock/unlock", n, {
		mutex_lock(&m);
		mutex_unlock(&m);
	});
	MEASURE("spin_lock/unlock", n, {
		spin_lock(&s);
		spin_unlock(&s);
	});
	MEASURE("down_read/up_read", n, {
		down_read(&sem);
		up_read(&sem);
	});
	MEASURE("refcount_inc/dec_and_test", n, {
		refcount_inc(&ref);
		if (refcount_dec_and_test(&ref))
			abort();
	});
	return 0;
}
