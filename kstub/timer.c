// SPDX-License-Identifier: GPL-2.0-only
/*
 * Timers (<linux/timer.h>): a list of pending timers and one thread that
 * sleeps until the earliest expiry and runs the due functions in softirq
 * context.  timer_lock protects the list, every pending timer's entry and
 * expires, and timer_running.  The thread's wait and timer_delete_sync()'s
 * are sites (idle, flush: kstub_event_wait()); the thread's is timed
 * while a timer is pending, and comes before every timer it runs.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <time.h>

#include <linux/timer.h>
#include <linux/kernel.h>

#include "internal.h"

static pthread_mutex_t timer_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t timer_armed = PTHREAD_COND_INITIALIZER;
static pthread_cond_t timer_ran = PTHREAD_COND_INITIALIZER;
static struct kstub_event timer_armed_ev, timer_ran_ev;
static HLIST_HEAD(timer_list);
static struct timer_list *timer_running;
static bool timer_thread_started;
static __thread bool on_timer_thread;

void timer_init_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags)
{
	timer->entry.next = NULL;
	timer->entry.pprev = NULL;
	timer->function = func;
	timer->flags = flags;
	timer->expires = 0;
}

/*
 * The list's links, with timer_lock held.  Every pprev store is atomic:
 * timer_pending() reads pprev without the lock, as the kernel's does.
 */
static void timer_link(struct timer_list *t)
{
	struct hlist_node *first = timer_list.first;

	t->entry.next = first;
	if (first)
		__atomic_store_n(&first->pprev, &t->entry.next,
				 __ATOMIC_RELAXED);
	timer_list.first = &t->entry;
	__atomic_store_n(&t->entry.pprev, &timer_list.first, __ATOMIC_RELAXED);
}

static void timer_unlink(struct timer_list *t)
{
	struct hlist_node *next = t->entry.next;

	*t->entry.pprev = next;
	if (next)
		__atomic_store_n(&next->pprev, t->entry.pprev,
				 __ATOMIC_RELAXED);
	__atomic_store_n(&t->entry.pprev, NULL, __ATOMIC_RELAXED);
}

/* Called with timer_lock held: the pending timer that expires first. */
static struct timer_list *timer_first(void)
{
	struct timer_list *t, *first = NULL;

	hlist_for_each_entry(t, &timer_list, entry)
		if (!first || time_before(t->expires, first->expires))
			first = t;
	return first;
}

static void *timer_thread(void *arg);

/*
 * Called with timer_lock held: waits for a timer to arm, or for @first's
 * expiry.  The wait is a site before every timer, due or not, so that a
 * scheduler in the hook, not the clock, says when each one runs (when no
 * other thread can go on).  True once @first's expiry has come: it runs,
 * due to the jiffy or not, since the clock it waited on is not jiffies'.
 */
static bool timer_wait(struct timer_list *first)
{
	struct timespec ts;
	long delta;

	if (!first) {
		kstub_event_wait(KSTUB_SITE_idle, &timer_armed_ev, &timer_armed,
				 &timer_lock, NULL, (const void *)timer_thread);
		return false;
	}
	delta = (long)(first->expires - jiffies);
	ts = kstub_deadline(delta > 0 ? delta : 0);
	return kstub_event_wait(KSTUB_SITE_idle, &timer_armed_ev, &timer_armed,
				&timer_lock, &ts,
				(const void *)timer_thread) == ETIMEDOUT;
}

static void *timer_thread(void *arg)
{
	struct timer_list *t;
	unsigned long expires;

	on_timer_thread = true;
	kstub_pthread(pthread_mutex_lock, &timer_lock);
	for (;;) {
		t = timer_first();
		expires = t ? t->expires : 0;
		/* its expiry has come, unless the timers changed meanwhile */
		if (!timer_wait(t) || timer_first() != t ||
		    t->expires != expires)
			continue;
		timer_unlink(t);
		timer_running = t;
		kstub_pthread(pthread_mutex_unlock, &timer_lock);

		kstub_current()->softirq_depth++;
		kstub_site(KSTUB_SITE_timer_run, (const void *)t->function, t,
			   0, 0);
		t->function(t);
		kstub_current()->softirq_depth--;

		kstub_pthread(pthread_mutex_lock, &timer_lock);
		timer_running = NULL;
		kstub_event_broadcast(&timer_ran_ev, &timer_ran);
	}
	return arg;
}

/* Called with timer_lock held. */
static void timer_thread_start(void)
{
	pthread_attr_t attr;
	pthread_t tid;

	if (timer_thread_started)
		return;
	kstub_pthread(pthread_attr_init, &attr);
	kstub_pthread(pthread_attr_setdetachstate, &attr,
		      PTHREAD_CREATE_DETACHED);
	kstub_pthread(pthread_create, &tid, &attr, timer_thread, NULL);
	kstub_pthread(pthread_attr_destroy, &attr);
	timer_thread_started = true;
}

/* Called with timer_lock held; returns whether @timer was pending. */
static int timer_detach(struct timer_list *timer)
{
	if (!timer->entry.pprev)
		return 0;
	timer_unlink(timer);
	return 1;
}

enum timer_mod { TIMER_MOD, TIMER_MOD_PENDING, TIMER_REDUCE };

static int timer_modify(struct timer_list *timer, unsigned long expires,
			enum timer_mod how)
{
	int pending;

	kstub_pthread(pthread_mutex_lock, &timer_lock);
	pending = timer->entry.pprev != NULL;
	if (!timer->function || (how == TIMER_MOD_PENDING && !pending) ||
	    (how == TIMER_REDUCE && pending &&
	     !time_before(expires, timer->expires))) {
		kstub_pthread(pthread_mutex_unlock, &timer_lock);
		return pending;
	}
	timer_detach(timer);
	timer->expires = expires;
	timer_link(timer);
	timer_thread_start();
	kstub_event_signal(&timer_armed_ev, &timer_armed);
	kstub_pthread(pthread_mutex_unlock, &timer_lock);
	return pending;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return timer_modify(timer, expires, TIMER_MOD);
}

int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	return timer_modify(timer, expires, TIMER_MOD_PENDING);
}

int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	return timer_modify(timer, expires, TIMER_REDUCE);
}

void add_timer(struct timer_list *timer)
{
	WARN_ON(timer_pending(timer));
	mod_timer(timer, timer->expires);
}

static int timer_stop(struct timer_list *timer, bool sync, bool shutdown,
		      const void *caller)
{
	int pending;

	kstub_pthread(pthread_mutex_lock, &timer_lock);
	pending = timer_detach(timer);
	if (shutdown)
		timer->function = NULL;
	/* a function stopping its own timer cannot wait for itself */
	while (sync && timer_running == timer && !on_timer_thread)
		kstub_event_wait(KSTUB_SITE_flush, &timer_ran_ev, &timer_ran,
				 &timer_lock, NULL, caller);
	kstub_pthread(pthread_mutex_unlock, &timer_lock);
	return pending;
}

int kstub_timer_delete(struct timer_list *timer)
{
	return timer_stop(timer, false, false, NULL);
}

int timer_delete_sync(struct timer_list *timer)
{
	might_sleep();
	return timer_stop(timer, true, false, KSTUB_CALLER());
}

int timer_shutdown(struct timer_list *timer)
{
	return timer_stop(timer, false, true, NULL);
}

int timer_shutdown_sync(struct timer_list *timer)
{
	might_sleep();
	return timer_stop(timer, true, true, KSTUB_CALLER());
}
