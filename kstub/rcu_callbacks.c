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
 * cb_lock protects the queue, both counters and the flags.  cb_queued
 * counts callbacks ever queued, cb_done those that have run;
 * rcu_barrier() waits until cb_done reaches the cb_queued it saw, so
 * callbacks queued after it started (by callbacks, say) are not waited
 * for, as in the kernel.
 */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>

#include <linux/types.h>

#include "internal.h"

static pthread_mutex_t cb_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cb_queued_cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t cb_done_cond = PTHREAD_COND_INITIALIZER;
static struct callback_head *cb_head;
static struct callback_head **cb_tail = &cb_head;
static unsigned long cb_queued, cb_done;
static bool cb_worker_started;
/* Set on the callback thread only: a callback may call fork(). */
static __thread bool cb_on_worker;
/*
 * A forked child runs no callback thread: a new thread there would reuse
 * the dead parent thread's stack and TLS, liburcu registry node included,
 * while that node is still linked (and TSan forbids the thread anyway).
 * Its rcu_barrier() runs the queued callbacks itself.
 */
static bool cb_forked_child;
/*
 * Held by the callback thread while it waits for a grace period and runs a
 * batch: fork() takes it first, so that the child never inherits liburcu's
 * grace-period locks held by a thread it does not have.
 */
static pthread_mutex_t cb_run_lock = PTHREAD_MUTEX_INITIALIZER;

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
	struct callback_head *next;
	unsigned long n;

	kstub_urcu_synchronize();
	for (n = 0; batch; batch = next, n++) {
		next = batch->next;
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
		while (!cb_head)
			kstub_pthread(pthread_cond_wait, &cb_queued_cond,
				      &cb_lock);
		batch = kstub_rcu_take_batch();
		kstub_pthread(pthread_mutex_unlock, &cb_lock);

		kstub_pthread(pthread_mutex_lock, &cb_run_lock);
		n = kstub_rcu_run_batch(batch);
		kstub_pthread(pthread_mutex_unlock, &cb_run_lock);

		kstub_pthread(pthread_mutex_lock, &cb_lock);
		cb_done += n;
		kstub_pthread(pthread_cond_broadcast, &cb_done_cond);
	}
	return arg;
}

/* Called with cb_lock held. */
static void kstub_rcu_worker_start(void)
{
	pthread_attr_t attr;
	pthread_t tid;

	if (cb_worker_started || cb_forked_child)
		return;
	kstub_pthread(pthread_attr_init, &attr);
	kstub_pthread(pthread_attr_setdetachstate, &attr,
		      PTHREAD_CREATE_DETACHED);
	kstub_pthread(pthread_create, &tid, &attr, kstub_rcu_worker, NULL);
	cb_worker_started = true;
	kstub_pthread(pthread_attr_destroy, &attr);
}

void kstub_rcu_queue(struct callback_head *head)
{
	head->next = NULL;
	kstub_pthread(pthread_mutex_lock, &cb_lock);
	*cb_tail = head;
	cb_tail = &head->next;
	cb_queued++;
	kstub_rcu_worker_start();
	kstub_pthread(pthread_cond_signal, &cb_queued_cond);
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
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

void kstub_rcu_wait_callbacks(void)
{
	unsigned long target;

	if (cb_forked_child) {
		kstub_rcu_run_here();
		return;
	}
	kstub_pthread(pthread_mutex_lock, &cb_lock);
	target = cb_queued;
	while ((long)(cb_done - target) < 0)
		kstub_pthread(pthread_cond_wait, &cb_done_cond, &cb_lock);
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
}

static void kstub_rcu_before_fork(void)
{
	/* a callback that forks already holds cb_run_lock */
	if (!cb_on_worker)
		kstub_pthread(pthread_mutex_lock, &cb_run_lock);
	kstub_pthread(pthread_mutex_lock, &cb_lock);
}

static void kstub_rcu_after_fork_parent(void)
{
	kstub_pthread(pthread_mutex_unlock, &cb_lock);
	if (!cb_on_worker)
		kstub_pthread(pthread_mutex_unlock, &cb_run_lock);
}

/*
 * Callbacks still queued are the child's to run; a batch the parent's
 * thread was running is forgotten (its objects are the parent's).
 */
static void kstub_rcu_after_fork_child(void)
{
	struct callback_head *h;
	unsigned long pending = 0;

	kstub_pthread(pthread_mutex_init, &cb_lock, NULL);
	kstub_pthread(pthread_mutex_init, &cb_run_lock, NULL);
	kstub_pthread(pthread_cond_init, &cb_queued_cond, NULL);
	kstub_pthread(pthread_cond_init, &cb_done_cond, NULL);
	for (h = cb_head; h; h = h->next)
		pending++;
	cb_done = cb_queued - pending;
	cb_worker_started = false;
	cb_forked_child = true;
}

__attribute__((constructor)) static void kstub_rcu_callbacks_init(void)
{
	kstub_pthread(pthread_atfork, kstub_rcu_before_fork,
		      kstub_rcu_after_fork_parent, kstub_rcu_after_fork_child);
}
