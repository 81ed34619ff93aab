/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Workqueues on real worker threads.
 *
 * queue_work() puts a work item on a queue unless it is already pending
 * (then it returns false); a worker thread of that queue runs its
 * function in process context (it may sleep).  Pending is cleared just
 * before the function runs, so the function may requeue its own work.
 * A work item never runs on two workers at once.  A queue has up to
 * max_active workers (default 4; alloc_ordered_workqueue() one, which
 * runs items one at a time in queueing order), started at first use.
 * Delayed work waits on a timer (<linux/timer.h>) first.
 *
 * flush_work() waits until the item is neither pending nor running,
 * cancel_work_sync() takes a pending item off and waits for a running
 * one; both may sleep and must not be called by the item itself nor
 * under a lock it takes.  flush_workqueue() waits for everything queued
 * before it; destroy_workqueue() drains the queue and ends its workers.
 * system_wq and the other system queues exist from program start.
 *
 * Differences from a kernel: there are no CPUs (the cpu and the WQ_*
 * flags other than the ordered limit are accepted and ignored); after
 * fork() the child has no workers.
 */
#ifndef _KSTUB_LINUX_WORKQUEUE_H
#define _KSTUB_LINUX_WORKQUEUE_H

#include <linux/types.h>
#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/list.h>
#include <linux/timer.h>
#include <linux/workqueue_types.h>

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
	int cpu;
};

struct rcu_work {
	struct work_struct work;
	struct rcu_head rcu;
	struct workqueue_struct *wq;
};

#define work_data_bits(work) ((unsigned long *)(&(work)->data))
#define work_pending(work) \
	test_bit(WORK_STRUCT_PENDING_BIT, work_data_bits(work))
#define delayed_work_pending(w) work_pending(&(w)->work)

void delayed_work_timer_fn(struct timer_list *t);

#define __WORK_INITIALIZER(n, f)                                \
	{                                                       \
		.data = ATOMIC_LONG_INIT(0),                    \
		.entry = {&(n).entry, &(n).entry}, .func = (f), \
	}
#define __DELAYED_WORK_INITIALIZER(n, f, tflags)                             \
	{                                                                    \
		.work = __WORK_INITIALIZER((n).work, (f)),                   \
		.timer = __TIMER_INITIALIZER(delayed_work_timer_fn, tflags), \
	}
#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f) \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f) \
	struct delayed_work n =       \
		__DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)

static inline void __kstub_init_work(struct work_struct *work, work_func_t func)
{
	atomic_long_set(&work->data, 0);
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
	work->kstub_wq = NULL;
	work->kstub_seq = 0;
}
#define INIT_WORK(_work, _func) __kstub_init_work((_work), (_func))
#define INIT_WORK_ONSTACK(_work, _func) INIT_WORK(_work, _func)
#define destroy_work_on_stack(work) ((void)(work))
#define destroy_delayed_work_on_stack(work) ((void)(work))
#define INIT_DELAYED_WORK(_work, _func)                                 \
	do {                                                            \
		INIT_WORK(&(_work)->work, (_func));                     \
		timer_setup(&(_work)->timer, delayed_work_timer_fn, 0); \
	} while (0)
#define INIT_DELAYED_WORK_ONSTACK(_work, _func) INIT_DELAYED_WORK(_work, _func)
#define INIT_DEFERRABLE_WORK(_work, _func) INIT_DELAYED_WORK(_work, _func)
#define INIT_RCU_WORK(_work, _func) INIT_WORK(&(_work)->work, (_func))
#define to_delayed_work(_work) container_of(_work, struct delayed_work, work)
#define to_rcu_work(_work) container_of(_work, struct rcu_work, work)

/* alloc_workqueue() flags, the kernel's values */
enum {
	WQ_UNBOUND = 1 << 1,
	WQ_FREEZABLE = 1 << 2,
	WQ_MEM_RECLAIM = 1 << 3,
	WQ_HIGHPRI = 1 << 4,
	WQ_CPU_INTENSIVE = 1 << 5,
	WQ_SYSFS = 1 << 6,
	WQ_POWER_EFFICIENT = 1 << 7,
	WQ_PERCPU = 1 << 8,
	__WQ_ORDERED = 1 << 17,
	WQ_MAX_ACTIVE = 512,
	WQ_DFL_ACTIVE = WQ_MAX_ACTIVE / 2,
};
#define WQ_BH 0

extern struct workqueue_struct *system_wq;
extern struct workqueue_struct *system_percpu_wq;
extern struct workqueue_struct *system_highpri_wq;
extern struct workqueue_struct *system_long_wq;
extern struct workqueue_struct *system_unbound_wq;
extern struct workqueue_struct *system_dfl_wq;
extern struct workqueue_struct *system_freezable_wq;
extern struct workqueue_struct *system_power_efficient_wq;
extern struct workqueue_struct *system_freezable_power_efficient_wq;

/* NULL when the name or the queue cannot be allocated. */
struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags,
					 int max_active, ...) __printf(1, 4);
#define alloc_ordered_workqueue(fmt, flags, args...) \
	alloc_workqueue(fmt, __WQ_ORDERED | (flags), 1, ##args)
#define create_workqueue(name) alloc_workqueue("%s", WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) \
	alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, name)
void destroy_workqueue(struct workqueue_struct *wq);
void flush_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);

bool queue_work_on(int cpu, struct workqueue_struct *wq,
		   struct work_struct *work);
bool queue_delayed_work_on(int cpu, struct workqueue_struct *wq,
			   struct delayed_work *dwork, unsigned long delay);
bool mod_delayed_work_on(int cpu, struct workqueue_struct *wq,
			 struct delayed_work *dwork, unsigned long delay);
bool queue_rcu_work(struct workqueue_struct *wq, struct rcu_work *rwork);
bool flush_work(struct work_struct *work);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);
bool flush_rcu_work(struct rcu_work *rwork);
/* True on a worker thread that is running @work now. */
bool current_is_workqueue_rescuer(void);
struct work_struct *current_work(void);
bool work_busy(struct work_struct *work);

#define WORK_CPU_UNBOUND (-1)
#define queue_work(wq, work) queue_work_on(WORK_CPU_UNBOUND, wq, work)
#define queue_delayed_work(wq, dwork, delay) \
	queue_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay)
#define mod_delayed_work(wq, dwork, delay) \
	mod_delayed_work_on(WORK_CPU_UNBOUND, wq, dwork, delay)
#define schedule_work(work) queue_work(system_wq, work)
#define schedule_work_on(cpu, work) queue_work_on(cpu, system_wq, work)
#define schedule_delayed_work(dwork, delay) \
	queue_delayed_work(system_wq, dwork, delay)
#define schedule_delayed_work_on(cpu, dwork, delay) \
	queue_delayed_work_on(cpu, system_wq, dwork, delay)
#define flush_scheduled_work() flush_workqueue(system_wq)
#define disable_work_sync(work) cancel_work_sync(work)
#define disable_delayed_work_sync(dwork) cancel_delayed_work_sync(dwork)

#endif
