// SPDX-License-Identifier: GPL-2.0-only
/*
 * Workqueues, timers, kthreads and get_random_*(): work runs on worker
 * threads, once per queueing while pending; flush waits, cancel takes a
 * pending item off; delayed work waits for its timer; an ordered queue
 * runs one item at a time in order; destroy drains; timers fire in
 * softirq context and stop; a kthread runs until kthread_stop(); random
 * numbers follow KSTUB_SEED.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/workqueue.h>
#include <linux/timer.h>
#include <linux/kthread.h>
#include <linux/random.h>
#include <linux/completion.h>
#include <linux/delay.h>

#include "harness.h"

static int runs;
static struct completion started, release;

static void count_fn(struct work_struct *work)
{
	__atomic_add_fetch(&runs, 1, __ATOMIC_RELAXED);
}

static int nruns(void)
{
	return __atomic_load_n(&runs, __ATOMIC_RELAXED);
}

static void block_fn(struct work_struct *work)
{
	complete(&started);
	wait_for_completion(&release);
	__atomic_add_fetch(&runs, 1, __ATOMIC_RELAXED);
}

static struct work_struct *order[8];
static int norder;

static void order_fn(struct work_struct *work)
{
	order[__atomic_fetch_add(&norder, 1, __ATOMIC_RELAXED)] = work;
}

static void test_work(void)
{
	struct workqueue_struct *wq = alloc_ordered_workqueue("kstub-test", 0);
	struct work_struct a, b, items[4];
	struct delayed_work d;
	int i, in_order = 1;
	unsigned long runs_before;

	ok(wq != NULL, "alloc_ordered_workqueue");
	INIT_WORK(&a, block_fn);
	INIT_WORK(&b, count_fn);
	init_completion(&started);
	init_completion(&release);
	ok(queue_work(wq, &a), "queue_work of an idle item: true");
	wait_for_completion(&started);
	ok(queue_work(wq, &b) && !queue_work(wq, &b),
	   "queue_work of a pending item: false");
	ok(cancel_work_sync(&b) && !work_pending(&b),
	   "cancel_work_sync takes a pending item off");
	complete(&release);
	flush_work(&a);
	ok(nruns() == 1 && !work_busy(&a),
	   "flush_work waits for the running item");
	ok(nruns() == 1, "the cancelled item never ran");

	runs_before = sites(KSTUB_SITE_work_run);
	for (i = 0; i < 4; i++) {
		INIT_WORK(&items[i], order_fn);
		queue_work(wq, &items[i]);
	}
	flush_workqueue(wq);
	for (i = 0; i < 4; i++)
		in_order &= order[i] == &items[i];
	ok(norder == 4 && in_order, "an ordered queue runs items in order");
	ok(sites(KSTUB_SITE_work_run) - runs_before == 4,
	   "each item that ran reported a work_run site");

	INIT_DELAYED_WORK(&d, count_fn);
	ok(queue_delayed_work(wq, &d, msecs_to_jiffies(20)) &&
		   delayed_work_pending(&d),
	   "queue_delayed_work: pending");
	ok(flush_delayed_work(&d) && nruns() == 2,
	   "flush_delayed_work runs it now and waits");
	queue_delayed_work(wq, &d, msecs_to_jiffies(5000));
	ok(cancel_delayed_work_sync(&d) && nruns() == 2 &&
		   !delayed_work_pending(&d),
	   "cancel_delayed_work_sync before the timer: never runs");
	queue_delayed_work(wq, &d, 1);
	msleep(100);
	ok(nruns() == 3, "a delayed item runs after its delay");

	queue_work(wq, &b);
	destroy_workqueue(wq);
	ok(nruns() == 4, "destroy_workqueue drains the queue");

	schedule_work(&b);
	flush_scheduled_work();
	ok(nruns() == 5, "schedule_work on system_wq");
}

static struct timer_list timer;
static int timer_runs, timer_in_softirq;

static void timer_fn(struct timer_list *t)
{
	timer_in_softirq = in_softirq() && t == &timer;
	__atomic_add_fetch(&timer_runs, 1, __ATOMIC_RELEASE);
}

static void test_timer(void)
{
	unsigned long start = jiffies, fn_runs = sites(KSTUB_SITE_timer_run);

	timer_setup(&timer, timer_fn, 0);
	ok(!mod_timer(&timer, jiffies + msecs_to_jiffies(10)) &&
		   timer_pending(&timer),
	   "mod_timer arms an idle timer");
	while (!__atomic_load_n(&timer_runs, __ATOMIC_ACQUIRE))
		msleep(1);
	ok(time_after_eq(jiffies, start + 10) && timer_in_softirq,
	   "the function runs after expiry, in softirq context");
	ok(!timer_pending(&timer), "and the timer is no longer pending");
	ok(sites(KSTUB_SITE_timer_run) > fn_runs,
	   "its run was a timer_run site");
	mod_timer(&timer, jiffies + 10000);
	ok(timer_delete_sync(&timer) && !timer_pending(&timer),
	   "timer_delete_sync stops a pending timer");
	msleep(20);
	is_int(__atomic_load_n(&timer_runs, __ATOMIC_RELAXED), 1,
	       "a stopped timer never fires");
}

static int kthread_loops;

static int kthread_fn(void *data)
{
	while (!kthread_should_stop()) {
		__atomic_add_fetch(&kthread_loops, 1, __ATOMIC_RELAXED);
		msleep(1);
	}
	return *(int *)data;
}

static void test_kthread(void)
{
	int ret = 17;
	struct task_struct *k = kthread_run(kthread_fn, &ret, "kt-%d", 1);
	struct task_struct *never = kthread_create(kthread_fn, &ret, "never");

	ok(!IS_ERR(k) && !strcmp(k->comm, "kt-1"), "kthread_run names it");
	while (!__atomic_load_n(&kthread_loops, __ATOMIC_RELAXED))
		msleep(1);
	is_int(kthread_stop(k), 17, "kthread_stop gives the function's result");
	ok(!kthread_should_stop(), "kthread_should_stop is false elsewhere");
	is_int(kthread_stop(never), -EINTR,
	       "a thread that never started: -EINTR");
}

static u64 splitmix(u64 *s)
{
	u64 z = (*s += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void test_random(void)
{
	u64 s = 42;
	int i, in_range = 1;

	ok(get_random_u64() == splitmix(&s) && get_random_u64() == splitmix(&s),
	   "KSTUB_SEED fixes the sequence");
	ok(kstub_random_seed() == 42, "kstub_random_seed");
	for (i = 0; i < 1000; i++)
		in_range &= get_random_u32_below(7) < 7 &&
			    get_random_u32_inclusive(3, 5) - 3 <= 2;
	ok(in_range, "get_random_u32_below / _inclusive stay in range");
}

int main(void)
{
	setenv("KSTUB_SEED", "42", 1);
	alarm(60);
	plan(27);
	test_random();
	test_work();
	test_timer();
	test_kthread();
	return exit_status();
}
