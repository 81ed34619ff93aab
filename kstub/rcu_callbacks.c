// SPDX-License-Identifier: GPL-2.0-only
/*
 * kstub's RCU callback engine: call_rcu() queues, one thread waits a grace
 * period per batch and runs it, rcu_barrier() waits for what was queued.
 *
 * Not liburcu's call_rcu: liburcu 0.13's call_rcu thread sleeps 10ms before
 * every batch, so each rcu_barrier() cost 10ms or more and a short program
 * spent nearly all its time asleep.  Here a batch waits for exactly one
 * grace period (liburcu's synchronize_rcu), then its callbacks run in the
 * order they were queued.
 *
 * The callback thread's waits are sites (kstub_event_wait(): idle for
 * callbacks, rcu_gp for a batch's grace period), and so are those of
 * rcu_barrier() (flush), so that a scheduler in the hook sees them all.
 *
 * cb_lock protects the queue, both counters and the flags.  cb_queued
 * counts callbacks ever queued, cb_done those that have run;
 * rcu_barrier() waits until cb_done reaches the cb_queued it saw, so
 * callbacks queued after it started (by callbacks, say) are not waited
 * for, as in the kernel.
 *
 * Every queued rcu_head is also in cb_pending, with the stack that
 * queued it, from call_rcu() until its callback starts: a second
 * call_rcu() of it in between is the kernel's "Double-freed CB" and is
 * refused (queuing it again would corrupt the queue), and the caller
 * reports both stacks.  cb_lock protects cb_pending too.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/types.h>
#include <kstub/hook.h>

#include "internal.h"

static pthread_mutex_t cb_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cb_queued_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t cb_done_cond = PTHREAD_COND_INITIALIZER;
/* What the conditions' waiters report (idle, flush): see kstub_event_wait */
static struct kstub_event cb_queued_ev, cb_done_ev;
static struct callback_head *cb_head;
static struct callback_head **cb_tail = &cb_head;
static unsigned long cb_queued, cb_done;
static bool cb_worker_started;
/* kstub_quiesce_threads(): the idle callback thread is to end. */
static bool cb_worker_stop;
static pthread_t cb_worker;
/* Set on the callback thread only: a callback may call fork(). */
static __thread bool cb_on_worker;
/*
 * The child of a fork made while the callback thread ran runs none: a new
 * thread there would reuse the dead parent thread's stack and TLS,
 * liburcu registry node included, while that node is still linked (and
 * TSan forbids the thread anyway).  Its rcu_barrier() runs the queued
 * callbacks itself.  A child forked before the thread ever started (a
 * fork server's point, say) is like a fresh process: it starts one when
 * it first queues a callback.
 */
static bool cb_forked_child;
/*
 * Held by the callback thread while it waits for a grace period and runs a
 * batch: fork() takes it first, so that the child never inherits liburcu's
 * grace-period locks held by a thread it does not have.
 */
static pthread_mutex_t cb_run_lock = PTHREAD_MUTEX_INITIALIZER;
/* kstub_rcu_before_fork() took cb_run_lock (cb_lock held: stable) */
static bool cb_fork_took_run;

/* A queued rcu_head and who queued it. */
struct kstub_rcu_pending {
	struct kstub_rcu_pending *next;
	const struct callback_head *head;
	struct kstub_stack stack;
};

#define CB_PENDING_BITS 10
static struct kstub_rcu_pending *cb_pending[1 << CB_PENDING_BITS];

static struct kstub_rcu_pending **kstub_rcu_pending_slot(const void *head)
{
	uintptr_t h = (uintptr_t)head >> 4;

	h ^= h >> CB_PENDING_BITS ^ h >> (2 * CB_PENDING_BITS);
	return &cb_pending[h & ((1 << CB_PENDING_BITS) - 1)];
}

/* Called with cb_lock held: where @head's entry is linked, or NULL. */
static struct kstub_rcu_pending **
kstub_rcu_pending_find(const struct callback_head *head)
{
	struct kstub_rcu_pending **pp = kstub_rcu_pending_slot(head);

	for (; *pp; pp = &(*pp)->next)
		if ((*pp)->head == head)
			return pp;
	return NULL;
}

/* Called with cb_lock held: unlinks @head's entry and returns it. */
static struct kstub_rcu_pending *
kstub_rcu_pending_take(const struct callback_head *head)
{
	struct kstub_rcu_pending **pp = kstub_rcu_pending_find(head);
	struct kstub_rcu_pending *p = pp ? *pp : NULL;

	if (p)
		*pp = p->next;
	return p;
}

/*
 * The most recent callbacks that ran, with the stacks that queued them:
 * when a sanitizer reports an object an RCU callback freed, the code that
 * queued the free is the culprit (KASAN's "Last potentially related work
 * creation").  Written by the callback thread alone, read at a report.
 */
#define CB_RECENT 1024
static struct kstub_rcu_pending *cb_recent[CB_RECENT];
static unsigned long cb_recent_n;

static void kstub_rcu_retire(struct kstub_rcu_pending *p)
{
	unsigned long i = cb_recent_n % CB_RECENT;
	struct kstub_rcu_pending *old;

	if (!p)
		return;
	old = __atomic_exchange_n(&cb_recent[i], p, __ATOMIC_ACQ_REL);
	__atomic_store_n(&cb_recent_n, cb_recent_n + 1, __ATOMIC_RELEASE);
	free(old);
}

bool kstub_rcu_recent_queuer(uintptr_t lo, uintptr_t hi,
			     struct kstub_stack *stack)
{
	unsigned long n = __atomic_load_n(&cb_recent_n, __ATOMIC_ACQUIRE), i;
	const struct kstub_rcu_pending *p;

	for (i = 0; i < CB_RECENT && i < n; i++) {
		p = __atomic_load_n(&cb_recent[(n - 1 - i) % CB_RECENT],
				    __ATOMIC_ACQUIRE);
		if (p && (uintptr_t)p->head >= lo && (uintptr_t)p->head < hi) {
			*stack = p->stack;
			return true;
		}
	}
	return false;
}

/* Called with cb_lock held; returns the queue, emptied. */
static struct callback_head *kstub_rcu_take_batch(void)
{
	struct callback_head *batch = cb_head;

	cb_head = NULL;
	cb_tail = &cb_head;
	return batch;
}

/* After a grace period: run @batch in order, return how many ran. */
static unsigned long kstub_rcu_run_batch(struct callback_head *batch)
{
	struct kstub_rcu_pending *p;
	struct callback_head *next;
	unsigned long n;

	kstub_site(KSTUB_SITE_rcu_gp, KSTUB_CALLER(), NULL, 0, 0);
	kstub_urcu_synchronize();
	for (n = 0; batch; batch = next, n++) {
		next = batch->next;
		/* from here on the head may be queued again */
		kstub_pthread(pthread_mutex_lock, &cb_lock);
		p = kstub_rcu_pending_take(batch);
		kstub_pthread(pthread_mutex_unlock, &cb_lock);
		kstub_rcu_retire(p);
		kstub_rcu_invoke(batch);
	}
	return n;
}

static void *kstub_rcu_worker(void *arg)
{
	struct callback_head *batch;
	unsigned long n;

	cb_on_worker = true;
	/* As the kernel's rcuc/rcuo threads, a name in traces and ps. */
	kstub_pthread(pthread_setname_np, pthread_self(), "kstub-rcu-cb");
	kstub_thread_rcu_online();
	kstub_pthread(pthread_mutex_lock, &cb_lock);
	for (;;) {
		while (!cb_head && !cb_worker_stop)
			kstub_event_wait(KSTUB_SITE_idle, &cb_queued_ev,
					 &cb_queued_cond, &cb_lock, NULL,
					 (const void *)kstub_rcu_worker);
		if (cb_worker_stop)
			break;
		batch = kstub_rcu_take_batch();
		kstub_pthread(pthread_mutex_unlock, &cb_lock);

		kstub_pthread(pthread_mutex_lock, &cb_run_lock);
		n = kstub_rcu_run_batch(batch);
		kstub_pthread(pthread_mutex_unlock, &cb_run_lock);

		kstub_pthread(pthread_mutex_lock, &cb_lock);
		cb_done += n;
		kstub_event_broadcast(&cb_done_ev, &cb_done_cond);
	}
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
	return arg;
}

/* Called with cb_lock held.  Joinable: kstub_quiesce_threads() joins it. */
static void kstub_rcu_worker_start(void)
{
	if (cb_worker_started || cb_forked_child)
		return;
	kstub_own_thread_set(KSTUB_THREAD_RCU_CALLBACKS);
	kstub_pthread(pthread_create, &cb_worker, NULL, kstub_rcu_worker, NULL);
	kstub_own_thread_set(0);
	cb_worker_started = true;
}

bool kstub_rcu_queue(struct callback_head *head,
		     void (*func)(struct callback_head *),
		     struct kstub_stack *stack)
{
	struct kstub_rcu_pending **pp, *p = malloc(sizeof(*p));

	if (!p)
		kstub_pthread_die("malloc", ENOMEM, __func__, __FILE__,
				  __LINE__);
	p->head = head;
	p->stack = *stack;
	kstub_pthread(pthread_mutex_lock, &cb_lock);
	pp = kstub_rcu_pending_find(head);
	if (pp) {
		*stack = (*pp)->stack;
		kstub_pthread(pthread_mutex_unlock, &cb_lock);
		free(p);
		return false;
	}
	pp = kstub_rcu_pending_slot(head);
	p->next = *pp;
	*pp = p;
	head->func = func;
	head->next = NULL;
	*cb_tail = head;
	cb_tail = &head->next;
	cb_queued++;
	kstub_rcu_worker_start();
	kstub_event_signal(&cb_queued_ev, &cb_queued_cond);
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
	return true;
}

/* A forked child's rcu_barrier(): run what is queued, here. */
static void kstub_rcu_run_here(void)
{
	struct callback_head *batch;
	unsigned long n;

	kstub_pthread(pthread_mutex_lock, &cb_lock);
	batch = kstub_rcu_take_batch();
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
	kstub_thread_rcu_online();
	n = kstub_rcu_run_batch(batch);
	kstub_pthread(pthread_mutex_lock, &cb_lock);
	cb_done += n;
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
}

void kstub_rcu_wait_callbacks(const void *caller)
{
	unsigned long target;

	if (cb_forked_child) {
		kstub_rcu_run_here();
		return;
	}
	kstub_pthread(pthread_mutex_lock, &cb_lock);
	target = cb_queued;
	while ((long)(cb_done - target) < 0)
		kstub_event_wait(KSTUB_SITE_flush, &cb_done_ev, &cb_done_cond,
				 &cb_lock, NULL, caller);
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
}

/*
 * How long kstub_quiesce_threads() waits for the callbacks queued so far:
 * a grace period and a batch take well under a millisecond.  A caller
 * that holds no lock waits long (nothing the callbacks need is its own;
 * the bound is for one that waits for something else of the caller's, a
 * completion, and never ends); one that holds a lock briefly, since a
 * callback may need it and then waits all of it.
 */
#define CB_QUIESCE_WAIT_NS 1000000000L
#define CB_QUIESCE_LOCKED_NS 5000000L

/* Called with cb_lock held: wait until what is queued has run, or @until. */
static void kstub_rcu_drain(const struct timespec *until)
{
	int ret = 0;

	while ((cb_head || cb_done != cb_queued) && ret != ETIMEDOUT)
		ret = kstub_pthread_or(ETIMEDOUT, pthread_cond_timedwait,
				       &cb_done_cond, &cb_lock, until);
}

/*
 * The callback thread ends once what was queued so far has run (as after
 * rcu_barrier()); the next call_rcu() starts another.  A fork made next
 * is then a fork of the program's threads alone, and its child starts
 * its own callback thread as a fresh process would.  Inside a region a
 * grace period waits for (an RCU reader, a spinlock held) the callbacks
 * cannot run: then the thread ends only if it is idle already.  Under a
 * lock (the kernel's, or kstub's own) they may need it (kstub runs a
 * memcg's free, workqueue work in the kernel, as a callback): then they
 * are given a few milliseconds only.
 */
bool kstub_quiesce_threads(void)
{
	struct kstub_thread *t = kstub_current();
	struct timespec until;
	bool idle;

	kstub_pthread(pthread_mutex_lock, &cb_lock);
	if (!cb_worker_started || cb_on_worker) {
		idle = !cb_worker_started;
		kstub_pthread(pthread_mutex_unlock, &cb_lock);
		return idle;
	}
	if (!t->reader_depth && !t->softirq_depth) {
		clock_gettime(CLOCK_REALTIME, &until);
		until.tv_nsec += t->lockdep_depth || t->own_locks
					 ? CB_QUIESCE_LOCKED_NS
					 : CB_QUIESCE_WAIT_NS;
		until.tv_sec += until.tv_nsec / 1000000000L;
		until.tv_nsec %= 1000000000L;
		kstub_rcu_drain(&until);
	}
	idle = !cb_head && cb_done == cb_queued;
	if (idle) {
		cb_worker_stop = true;
		/* moves the count: a waiter between its site and its wait
		 * sees it */
		kstub_event_broadcast(&cb_queued_ev, &cb_queued_cond);
	}
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
	if (!idle)
		return false;
	kstub_pthread(pthread_join, cb_worker, NULL);
	kstub_pthread(pthread_mutex_lock, &cb_lock);
	cb_worker_stop = false;
	cb_worker_started = false;
	/* queued while it was ending: a new thread runs them */
	if (cb_head)
		kstub_rcu_worker_start();
	idle = !cb_worker_started;
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
	return idle;
}

/*
 * fork() waits for the callback thread to finish its batch (cb_run_lock)
 * when there is one; without one, cb_lock held through the fork keeps
 * one from starting.  A callback that forks already holds cb_run_lock.
 */
static void kstub_rcu_before_fork(void)
{
	kstub_pthread(pthread_mutex_lock, &cb_lock);
	cb_fork_took_run = false;
	if (cb_worker_started && !cb_on_worker) {
		kstub_pthread(pthread_mutex_unlock, &cb_lock);
		kstub_pthread(pthread_mutex_lock, &cb_run_lock);
		kstub_pthread(pthread_mutex_lock, &cb_lock);
		cb_fork_took_run = true;
	}
}

static void kstub_rcu_after_fork_parent(void)
{
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
	if (cb_fork_took_run)
		kstub_pthread(pthread_mutex_unlock, &cb_run_lock);
}

/* Is @head in the queue (not in a batch the callback thread took)? */
static bool kstub_rcu_in_queue(const struct callback_head *head)
{
	const struct callback_head *h;

	for (h = cb_head; h; h = h->next)
		if (h == head)
			return true;
	return false;
}

/* In a forked child: the batch the parent's thread ran is not pending. */
static void kstub_rcu_pending_forget_running(void)
{
	struct kstub_rcu_pending **pp, *p;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cb_pending); i++) {
		for (pp = &cb_pending[i]; (p = *pp);) {
			if (kstub_rcu_in_queue(p->head)) {
				pp = &p->next;
				continue;
			}
			*pp = p->next;
			free(p);
		}
	}
}

/*
 * Callbacks still queued are the child's to run; a batch the parent's
 * thread was running is forgotten (its objects are the parent's).
 */
static void kstub_rcu_after_fork_child(void)
{
	struct callback_head *h;
	unsigned long pending = 0;

	/* the parent's waiters are not here */
	kstub_pthread(pthread_cond_init, &cb_queued_cond, NULL);
	kstub_pthread(pthread_cond_init, &cb_done_cond, NULL);
	for (h = cb_head; h; h = h->next)
		pending++;
	kstub_rcu_pending_forget_running();
	cb_done = cb_queued - pending;
	cb_forked_child = cb_forked_child || cb_worker_started;
	cb_worker_started = false;
	/*
	 * What kstub_rcu_before_fork() took, this thread holds: it lets go,
	 * as in the parent (a sanitizer that saw the locks taken sees them
	 * released, and a thread the child starts may take them).
	 */
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
	if (cb_fork_took_run)
		kstub_pthread(pthread_mutex_unlock, &cb_run_lock);
}

__attribute__((constructor)) static void kstub_rcu_callbacks_init(void)
{
	kstub_pthread(pthread_atfork, kstub_rcu_before_fork,
		      kstub_rcu_after_fork_parent, kstub_rcu_after_fork_child);
}
