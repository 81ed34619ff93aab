// SPDX-License-Identifier: GPL-2.0-only
/*
 * Completions and wait queues on pthread mutexes and condition variables
 * (ThreadSanitizer sees complete() -> wait return as a happens-before edge
 * through the mutex), and the waits of kstub's own threads and flushes,
 * which the hook sees (kstub_event_wait()).
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <time.h>

#include "internal.h"
#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <kstub/report.h>

#define KSTUB_DONE_ALL UINT_MAX

struct timespec kstub_deadline(unsigned long timeout)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_sec += timeout / HZ;
	ts.tv_nsec += (timeout % HZ) * (1000000000L / HZ);
	if (ts.tv_nsec >= 1000000000L) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000L;
	}
	return ts;
}

static void kstub_event_move(struct kstub_event *ev)
{
	/* under the condition's lock; a hook reads it without */
	__atomic_store_n(&ev->count, ev->count + 1, __ATOMIC_RELAXED);
}

void kstub_event_signal(struct kstub_event *ev, pthread_cond_t *cond)
{
	kstub_event_move(ev);
	kstub_pthread(pthread_cond_signal, cond);
}

void kstub_event_broadcast(struct kstub_event *ev, pthread_cond_t *cond)
{
	kstub_event_move(ev);
	kstub_pthread(pthread_cond_broadcast, cond);
}

int kstub_event_wait(enum kstub_site_class cls, struct kstub_event *ev,
		     pthread_cond_t *cond, pthread_mutex_t *lock,
		     const struct timespec *deadline, const void *caller)
{
	struct kstub_site site = {
		.cls = cls,
		.caller = caller,
		.obj = ev,
		.seen = ev->count,
		.timed = deadline != NULL,
	};

	kstub_pthread(pthread_mutex_unlock, lock);
	kstub_hook(&site);
	kstub_pthread(pthread_mutex_lock, lock);
	if (ev->count != site.seen)
		return 0;
	if (!deadline) {
		kstub_pthread(pthread_cond_wait, cond, lock);
		return 0;
	}
	return kstub_pthread_or(ETIMEDOUT, pthread_cond_timedwait, cond, lock,
				deadline);
}

void init_completion(struct completion *x)
{
	x->done = 0;
	kstub_pthread(pthread_mutex_init, &x->lock, NULL);
	kstub_pthread(pthread_cond_init, &x->wait, NULL);
}

void reinit_completion(struct completion *x)
{
	kstub_pthread(pthread_mutex_lock, &x->lock);
	x->done = 0;
	kstub_pthread(pthread_mutex_unlock, &x->lock);
}

static void kstub_complete(struct completion *x, bool all, const void *ip)
{
	kstub_site(KSTUB_SITE_complete, ip, x, 0, 0);
	kstub_pthread(pthread_mutex_lock, &x->lock);
	if (all)
		x->done = KSTUB_DONE_ALL;
	else if (x->done != KSTUB_DONE_ALL)
		x->done++;
	kstub_pthread(pthread_cond_broadcast, &x->wait);
	kstub_pthread(pthread_mutex_unlock, &x->lock);
}

void complete(struct completion *x)
{
	kstub_complete(x, false, KSTUB_CALLER());
}

void complete_all(struct completion *x)
{
	kstub_complete(x, true, KSTUB_CALLER());
}

/*
 * The kernel's hung-task check, for waits without a timeout: after
 * KSTUB_HUNG_TASK_TIMEOUT_SECS seconds (unset or 0: never) a waiter still
 * waiting reports, with its backtrace, and goes on waiting.  A run that
 * hangs (a lost complete(), a reference never put) then says where.
 */
static long kstub_hung_task_timeout(void)
{
	static long secs = -1;
	long v = __atomic_load_n(&secs, __ATOMIC_RELAXED);
	const char *env;

	if (v < 0) {
		env = getenv("KSTUB_HUNG_TASK_TIMEOUT_SECS");
		v = env ? strtol(env, NULL, 10) : 0;
		if (v < 0)
			v = 0;
		__atomic_store_n(&secs, v, __ATOMIC_RELAXED);
	}
	return v;
}

/* Waits forever, reporting once if the wait outlasts the hung-task time. */
static void kstub_wait_forever(struct completion *x, const void *ip)
{
	long hung = kstub_hung_task_timeout();
	struct timespec ts = kstub_deadline(hung * HZ);

	while (!x->done) {
		if (!hung) {
			kstub_pthread(pthread_cond_wait, &x->wait, &x->lock);
			continue;
		}
		if (!kstub_pthread_or(ETIMEDOUT, pthread_cond_timedwait,
				      &x->wait, &x->lock, &ts) ||
		    x->done)
			continue;
		kstub_report(KSTUB_REPORT_warn, ip,
			     "INFO: task %s:%d blocked for more than %ld "
			     "seconds in wait_for_completion(%p)",
			     current->comm, current->pid, hung, x);
		hung = 0;
	}
}

/* Waits up to @timeout jiffies (MAX_SCHEDULE_TIMEOUT: forever). */
static unsigned long kstub_wait_for_completion(struct completion *x,
					       unsigned long timeout,
					       const void *ip)
{
	unsigned long end = jiffies + timeout;
	bool forever = timeout >= MAX_SCHEDULE_TIMEOUT;
	struct timespec ts = kstub_deadline(forever ? 0 : timeout);
	unsigned long left = 1;

	kstub_might_sleep_at("wait_for_completion()", 0, ip);
	kstub_site(KSTUB_SITE_wait_for_completion, ip, x, 0, 0);
	kstub_pthread(pthread_mutex_lock, &x->lock);
	if (forever)
		kstub_wait_forever(x, ip);
	while (!x->done) {
		if (kstub_pthread_or(ETIMEDOUT, pthread_cond_timedwait,
				     &x->wait, &x->lock, &ts)) {
			left = 0;
			break;
		}
	}
	if (x->done) {
		if (x->done != KSTUB_DONE_ALL)
			x->done--;
		if (!forever)
			left = max(1L, (long)(end - jiffies));
	}
	kstub_pthread(pthread_mutex_unlock, &x->lock);
	return left;
}

void wait_for_completion(struct completion *x)
{
	kstub_wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, KSTUB_CALLER());
}

unsigned long wait_for_completion_timeout(struct completion *x,
					  unsigned long timeout)
{
	return kstub_wait_for_completion(x, timeout, KSTUB_CALLER());
}

int wait_for_completion_interruptible(struct completion *x)
{
	kstub_wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, KSTUB_CALLER());
	return 0;
}

int wait_for_completion_killable(struct completion *x)
{
	kstub_wait_for_completion(x, MAX_SCHEDULE_TIMEOUT, KSTUB_CALLER());
	return 0;
}

bool try_wait_for_completion(struct completion *x)
{
	bool ret = false;

	kstub_pthread(pthread_mutex_lock, &x->lock);
	if (x->done) {
		if (x->done != KSTUB_DONE_ALL)
			x->done--;
		ret = true;
	}
	kstub_pthread(pthread_mutex_unlock, &x->lock);
	return ret;
}

bool completion_done(struct completion *x)
{
	bool ret;

	kstub_pthread(pthread_mutex_lock, &x->lock);
	ret = x->done != 0;
	kstub_pthread(pthread_mutex_unlock, &x->lock);
	return ret;
}

/* --- wait queues ---------------------------------------------------------- */

void init_waitqueue_head(struct wait_queue_head *wq)
{
	kstub_pthread(pthread_mutex_init, &wq->lock, NULL);
	kstub_pthread(pthread_cond_init, &wq->cond, NULL);
	wq->waiters = 0;
}

void __wake_up(struct wait_queue_head *wq)
{
	kstub_pthread(pthread_mutex_lock, &wq->lock);
	kstub_pthread(pthread_cond_broadcast, &wq->cond);
	kstub_pthread(pthread_mutex_unlock, &wq->lock);
}

void kstub_wait_begin(struct wait_queue_head *wq, const char *what)
{
	kstub_might_sleep_at(what, 0, KSTUB_CALLER());
	kstub_pthread(pthread_mutex_lock, &wq->lock);
	WRITE_ONCE(wq->waiters, wq->waiters + 1);
}

bool kstub_wait_sleep(struct wait_queue_head *wq, const unsigned long *deadline)
{
	struct timespec ts;
	long left;

	if (!deadline) {
		kstub_pthread(pthread_cond_wait, &wq->cond, &wq->lock);
		return true;
	}
	left = (long)(*deadline - jiffies);
	if (left <= 0)
		return false;
	ts = kstub_deadline(left);
	return !kstub_pthread_or(ETIMEDOUT, pthread_cond_timedwait, &wq->cond,
				 &wq->lock, &ts) ||
	       (long)(*deadline - jiffies) > 0;
}

void kstub_wait_end(struct wait_queue_head *wq)
{
	WRITE_ONCE(wq->waiters, wq->waiters - 1);
	kstub_pthread(pthread_mutex_unlock, &wq->lock);
}
