// SPDX-License-Identifier: GPL-2.0-only
/*
 * Workqueues (<linux/workqueue.h>) on worker threads.
 *
 * One lock, wq_lock, protects every queue's pending list, its workers'
 * current items and the counters; a work item's pending bit is set by
 * queue_work's test_and_set_bit (the one lockless step) and cleared under
 * wq_lock.  Workers wait on their queue's cond; waiters for items to
 * finish wait on wq_done.  Each queued item gets a sequence number, so
 * flush_workqueue() waits for exactly what was queued before it.  Both
 * waits are sites (idle, flush: kstub_event_wait()), each cond with its
 * event.
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/prctl.h>

#include <linux/workqueue.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/rcupdate.h>

#include "internal.h"

#define WQ_DEFAULT_WORKERS 4
#define WQ_MAX_WORKERS 16

struct kstub_worker {
	struct workqueue_struct *wq;
	pthread_t tid;
	struct work_struct *current_work;
	unsigned long current_seq;
};

struct workqueue_struct {
	char name[32];
	unsigned int flags;
	int nr_workers; /* the limit */
	int nr_started;
	bool dying;
	bool is_static; /* a system queue: never freed */
	unsigned long seq;
	struct list_head pending;
	pthread_cond_t more;
	struct kstub_event queued; /* more's: an item queued, or dying */
	struct kstub_worker workers[WQ_MAX_WORKERS];
};

static pthread_mutex_t wq_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wq_done = PTHREAD_COND_INITIALIZER;
static struct kstub_event wq_done_ev; /* an item ran, or left its queue */
static __thread struct kstub_worker *wq_self;

#define WQ_STATIC(var, nm, workers, fl)                 \
	static struct workqueue_struct var = {          \
		.name = nm,                             \
		.flags = fl,                            \
		.nr_workers = workers,                  \
		.is_static = true,                      \
		.pending = LIST_HEAD_INIT(var.pending), \
		.more = PTHREAD_COND_INITIALIZER,       \
	}
WQ_STATIC(wq_system, "events", WQ_DEFAULT_WORKERS, WQ_PERCPU);
WQ_STATIC(wq_highpri, "events_highpri", WQ_DEFAULT_WORKERS, WQ_HIGHPRI);
WQ_STATIC(wq_long, "events_long", WQ_DEFAULT_WORKERS, 0);
WQ_STATIC(wq_unbound, "events_unbound", WQ_DEFAULT_WORKERS, WQ_UNBOUND);
WQ_STATIC(wq_freezable, "events_freezable", WQ_DEFAULT_WORKERS, 0);
WQ_STATIC(wq_power, "events_power_efficient", WQ_DEFAULT_WORKERS, 0);

struct workqueue_struct *system_wq = &wq_system;
struct workqueue_struct *system_percpu_wq = &wq_system;
struct workqueue_struct *system_highpri_wq = &wq_highpri;
struct workqueue_struct *system_long_wq = &wq_long;
struct workqueue_struct *system_unbound_wq = &wq_unbound;
struct workqueue_struct *system_dfl_wq = &wq_unbound;
struct workqueue_struct *system_freezable_wq = &wq_freezable;
struct workqueue_struct *system_power_efficient_wq = &wq_power;
struct workqueue_struct *system_freezable_power_efficient_wq = &wq_power;

/* Called with wq_lock held: is @work running on a worker of @wq? */
static struct kstub_worker *wq_running(struct workqueue_struct *wq,
				       struct work_struct *work)
{
	int i;

	for (i = 0; i < wq->nr_started; i++)
		if (wq->workers[i].current_work == work)
			return &wq->workers[i];
	return NULL;
}

/* Called with wq_lock held: the first item no other worker is running. */
static struct work_struct *wq_take(struct workqueue_struct *wq)
{
	struct work_struct *work;

	list_for_each_entry(work, &wq->pending, entry) {
		if (wq_running(wq, work))
			continue;
		list_del_init(&work->entry);
		return work;
	}
	return NULL;
}

static void *wq_worker(void *arg)
{
	struct kstub_worker *w = arg;
	struct workqueue_struct *wq = w->wq;
	struct work_struct *work;
	char name[24];

	snprintf(name, sizeof(name), "kworker/%.8s", wq->name);
	prctl(PR_SET_NAME, name);
	wq_self = w;
	kstub_pthread(pthread_mutex_lock, &wq_lock);
	for (;;) {
		work = wq_take(wq);
		if (!work) {
			if (wq->dying)
				break;
			kstub_event_wait(KSTUB_SITE_idle, &wq->queued,
					 &wq->more, &wq_lock, NULL,
					 (const void *)wq_worker);
			continue;
		}
		w->current_work = work;
		w->current_seq = work->kstub_seq;
		/* the function may queue the item again from here on */
		clear_bit_unlock(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
		kstub_pthread(pthread_mutex_unlock, &wq_lock);

		/* A site, so that kfault can delay and trace work execution. */
		kstub_site(KSTUB_SITE_work_run, (const void *)work->func, work,
			   0, 0);
		work->func(work);

		kstub_pthread(pthread_mutex_lock, &wq_lock);
		w->current_work = NULL;
		kstub_event_broadcast(&wq_done_ev, &wq_done);
	}
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
	return NULL;
}

/* Called with wq_lock held: a worker more if all are busy. */
static void wq_maybe_start_worker(struct workqueue_struct *wq)
{
	struct kstub_worker *w;
	int i, idle = 0;

	for (i = 0; i < wq->nr_started; i++)
		idle += !wq->workers[i].current_work;
	if (idle || wq->nr_started >= wq->nr_workers)
		return;
	w = &wq->workers[wq->nr_started];
	w->wq = wq;
	if (wq->is_static) {
		pthread_attr_t attr;

		kstub_pthread(pthread_attr_init, &attr);
		kstub_pthread(pthread_attr_setdetachstate, &attr,
			      PTHREAD_CREATE_DETACHED);
		kstub_pthread(pthread_create, &w->tid, &attr, wq_worker, w);
		kstub_pthread(pthread_attr_destroy, &attr);
	} else {
		kstub_pthread(pthread_create, &w->tid, NULL, wq_worker, w);
	}
	wq->nr_started++;
}

/* Called with wq_lock held and the pending bit of @work set by us. */
static void wq_insert(struct workqueue_struct *wq, struct work_struct *work)
{
	if (WARN_ONCE(wq->dying, "queueing work on destroyed workqueue %s",
		      wq->name))
		return;
	work->kstub_wq = wq;
	work->kstub_seq = ++wq->seq;
	list_add_tail(&work->entry, &wq->pending);
	wq_maybe_start_worker(wq);
	kstub_event_signal(&wq->queued, &wq->more);
}

bool queue_work_on(int cpu, struct workqueue_struct *wq,
		   struct work_struct *work)
{
	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work)))
		return false;
	kstub_pthread(pthread_mutex_lock, &wq_lock);
	wq_insert(wq, work);
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
	return true;
}

void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);

	kstub_pthread(pthread_mutex_lock, &wq_lock);
	wq_insert(dwork->wq, &dwork->work);
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
}

/* @dwork's pending bit is ours: start its timer, or queue it now. */
static void wq_queue_delayed(struct workqueue_struct *wq,
			     struct delayed_work *dwork, unsigned long delay)
{
	dwork->wq = wq;
	if (!delay) {
		kstub_pthread(pthread_mutex_lock, &wq_lock);
		wq_insert(wq, &dwork->work);
		kstub_pthread(pthread_mutex_unlock, &wq_lock);
		return;
	}
	dwork->timer.function = delayed_work_timer_fn;
	mod_timer(&dwork->timer, jiffies + delay);
}

bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay)
{
	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT,
			     work_data_bits(&dwork->work)))
		return false;
	wq_queue_delayed(wq, dwork, delay);
	return true;
}

/*
 * Takes a pending @work off whatever it waits on (its timer, if @timer,
 * or its queue); true when it was pending, and then the bit is ours.
 */
static bool wq_grab_pending(struct work_struct *work, struct timer_list *timer)
{
	bool pending = false;

	if (timer && timer_delete_sync(timer))
		return true;
	kstub_pthread(pthread_mutex_lock, &wq_lock);
	if (!list_empty(&work->entry)) {
		list_del_init(&work->entry);
		/* a flush of it may be over */
		kstub_event_broadcast(&wq_done_ev, &wq_done);
		pending = true;
	}
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
	return pending;
}

bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay)
{
	bool pending = wq_grab_pending(&dwork->work, &dwork->timer);

	if (!pending && test_and_set_bit(WORK_STRUCT_PENDING_BIT,
					 work_data_bits(&dwork->work))) {
		/* queued meanwhile by someone else: theirs stands */
		return true;
	}
	wq_queue_delayed(wq, dwork, delay);
	return pending;
}

static void rcu_work_rcufn(struct rcu_head *rcu)
{
	struct rcu_work *rwork = container_of(rcu, struct rcu_work, rcu);

	kstub_pthread(pthread_mutex_lock, &wq_lock);
	wq_insert(rwork->wq, &rwork->work);
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
}

bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rwork)
{
	if (test_and_set_bit(WORK_STRUCT_PENDING_BIT,
			     work_data_bits(&rwork->work)))
		return false;
	rwork->wq = wq;
	call_rcu(&rwork->rcu, rcu_work_rcufn);
	return true;
}

/* Waits, wq_lock held, until @work is neither queued nor running. */
static bool wq_wait_idle(struct work_struct *work, const void *caller)
{
	struct workqueue_struct *wq = work->kstub_wq;
	bool waited = false;

	if (!wq)
		return false;
	while (!list_empty(&work->entry) ||
	       (wq_running(wq, work) &&
		(!wq_self || wq_self->current_work != work))) {
		waited = true;
		kstub_event_wait(KSTUB_SITE_flush, &wq_done_ev, &wq_done,
				 &wq_lock, NULL, caller);
	}
	return waited;
}

/* flush_work() for the kernel code at @caller. */
static bool wq_flush(struct work_struct *work, const void *caller)
{
	bool waited;

	might_sleep();
	kstub_pthread(pthread_mutex_lock, &wq_lock);
	waited = wq_wait_idle(work, caller);
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
	return waited;
}

bool flush_work(struct work_struct *work)
{
	return wq_flush(work, KSTUB_CALLER());
}

bool cancel_work(struct work_struct *work)
{
	bool pending = wq_grab_pending(work, NULL);

	if (pending)
		clear_bit_unlock(WORK_STRUCT_PENDING_BIT, work_data_bits(work));
	return pending;
}

bool cancel_work_sync(struct work_struct *work)
{
	bool pending;

	might_sleep();
	pending = cancel_work(work);
	wq_flush(work, KSTUB_CALLER());
	return pending;
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	bool queued = timer_delete_sync(&dwork->timer);

	if (queued) {
		kstub_pthread(pthread_mutex_lock, &wq_lock);
		wq_insert(dwork->wq, &dwork->work);
		kstub_pthread(pthread_mutex_unlock, &wq_lock);
	}
	return wq_flush(&dwork->work, KSTUB_CALLER()) || queued;
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	bool pending = wq_grab_pending(&dwork->work, &dwork->timer);

	if (pending)
		clear_bit_unlock(WORK_STRUCT_PENDING_BIT,
				 work_data_bits(&dwork->work));
	return pending;
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	bool pending;

	might_sleep();
	pending = cancel_delayed_work(dwork);
	wq_flush(&dwork->work, KSTUB_CALLER());
	return pending;
}

bool flush_rcu_work(struct rcu_work *rwork)
{
	const void *caller = KSTUB_CALLER();

	if (work_pending(&rwork->work)) {
		rcu_barrier();
		wq_flush(&rwork->work, caller);
		return true;
	}
	return wq_flush(&rwork->work, caller);
}

/* Called with wq_lock held: anything queued up to @seq still to finish? */
static bool wq_busy_upto(struct workqueue_struct *wq, unsigned long seq)
{
	struct work_struct *work;
	int i;

	list_for_each_entry(work, &wq->pending, entry)
		if (work->kstub_seq <= seq)
			return true;
	for (i = 0; i < wq->nr_started; i++)
		if (wq->workers[i].current_work && &wq->workers[i] != wq_self &&
		    wq->workers[i].current_seq <= seq)
			return true;
	return false;
}

/* Waits until what @wq has queued so far (@all: and after) has run. */
static void wq_flush_upto(struct workqueue_struct *wq, bool all,
			  const void *caller)
{
	unsigned long seq;

	might_sleep();
	kstub_pthread(pthread_mutex_lock, &wq_lock);
	seq = all ? ULONG_MAX : wq->seq;
	while (wq_busy_upto(wq, seq))
		kstub_event_wait(KSTUB_SITE_flush, &wq_done_ev, &wq_done,
				 &wq_lock, NULL, caller);
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
}

void flush_workqueue(struct workqueue_struct *wq)
{
	wq_flush_upto(wq, false, KSTUB_CALLER());
}

/* Flushes until nothing is left, requeued items included. */
void drain_workqueue(struct workqueue_struct *wq)
{
	wq_flush_upto(wq, true, KSTUB_CALLER());
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...)
{
	struct workqueue_struct *wq = kzalloc(sizeof(*wq), GFP_KERNEL);
	va_list ap;

	if (!wq)
		return NULL;
	va_start(ap, max_active);
	vsnprintf(wq->name, sizeof(wq->name), fmt, ap);
	va_end(ap);
	wq->flags = flags;
	if (max_active <= 0)
		max_active = WQ_DEFAULT_WORKERS;
	wq->nr_workers = min(max_active, WQ_MAX_WORKERS);
	INIT_LIST_HEAD(&wq->pending);
	kstub_pthread(pthread_cond_init, &wq->more, NULL);
	return wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	int i;

	if (WARN_ON(wq->is_static))
		return;
	wq_flush_upto(wq, true, KSTUB_CALLER());
	kstub_pthread(pthread_mutex_lock, &wq_lock);
	wq->dying = true;
	kstub_event_broadcast(&wq->queued, &wq->more);
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
	for (i = 0; i < wq->nr_started; i++)
		kstub_pthread(pthread_join, wq->workers[i].tid, NULL);
	kstub_pthread(pthread_cond_destroy, &wq->more);
	kfree(wq);
}

struct work_struct *current_work(void)
{
	return wq_self ? wq_self->current_work : NULL;
}

bool current_is_workqueue_rescuer(void)
{
	return false;
}

bool work_busy(struct work_struct *work)
{
	bool busy;

	kstub_pthread(pthread_mutex_lock, &wq_lock);
	busy = work_pending(work) ||
	       (work->kstub_wq && wq_running(work->kstub_wq, work));
	kstub_pthread(pthread_mutex_unlock, &wq_lock);
	return busy;
}
