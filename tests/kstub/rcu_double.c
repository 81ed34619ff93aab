// SPDX-License-Identifier: GPL-2.0-only
/*
 * A double call_rcu()/kfree_rcu() of one rcu_head is reported when it is
 * queued the second time, with the stack of the first queuing and of the
 * second, and the second is ignored (the kernel leaks it): the callback
 * runs once and rcu_barrier() returns.  Before, the second queuing linked
 * the head into the queue again, and rcu_barrier() never returned.
 * Correct twins: queuing a head again once its callback has run, and a
 * callback that queues its own head again, are not reported.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "harness.h"

struct obj {
	int val;
	struct rcu_head rcu;
};

static int runs;

static void count_cb(struct rcu_head *head)
{
	__atomic_add_fetch(&runs, 1, __ATOMIC_RELAXED);
}

static noinline void queue_first(struct obj *o)
{
	call_rcu(&o->rcu, count_cb);
	barrier(); /* no tail call: keep this frame */
}

static noinline void queue_second(struct obj *o)
{
	o->val = 2; /* not the same code as queue_first */
	call_rcu(&o->rcu, count_cb);
	barrier(); /* no tail call: keep this frame */
}

static void test_double_call_rcu(void)
{
	unsigned long before = reports(KSTUB_REPORT_warn);
	struct obj o = {0};
	const char *text;

	runs = 0;
	capture_begin();
	/* a reader holds the grace period: the callback cannot run between */
	rcu_read_lock();
	queue_first(&o);
	queue_second(&o);
	rcu_read_unlock();
	text = capture_end();
	ok(reports(KSTUB_REPORT_warn) == before + 1,
	   "a double call_rcu is reported when queued");
	ok(strstr(text, "first queued by") && strstr(text, "queue_first+") &&
		   strstr(text, "queue_second+"),
	   "with the first queuing's stack and the second's");
	rcu_barrier();
	is_int(runs, 1, "the callback ran once; rcu_barrier returned");
}

static void test_double_kfree_rcu(void)
{
	unsigned long warn = reports(KSTUB_REPORT_warn);
	unsigned long bad_free = reports(KSTUB_REPORT_bad_free);
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		bail_out("kmalloc failed");
	capture_begin();
	rcu_read_lock();
	kfree_rcu(o, rcu);
	kfree_rcu(o, rcu);
	rcu_read_unlock();
	capture_end();
	rcu_barrier();
	ok(reports(KSTUB_REPORT_warn) == warn + 1 &&
		   reports(KSTUB_REPORT_bad_free) == bad_free,
	   "a double kfree_rcu is reported, and frees once");
}

static struct obj requeued;
static int requeue_left;

static void requeue_cb(struct rcu_head *head)
{
	__atomic_add_fetch(&runs, 1, __ATOMIC_RELAXED);
	if (requeue_left-- > 0)
		call_rcu(head, requeue_cb);
}

static void test_correct_requeue(void)
{
	unsigned long before = reports(KSTUB_REPORT_warn);
	struct obj o = {0};

	runs = 0;
	call_rcu(&o.rcu, count_cb);
	rcu_barrier();
	call_rcu(&o.rcu, count_cb);
	rcu_barrier();
	requeue_left = 3;
	call_rcu(&requeued.rcu, requeue_cb);
	/* each barrier waits for what was queued before it */
	while (__atomic_load_n(&runs, __ATOMIC_RELAXED) < 6)
		rcu_barrier();
	is_int(runs, 6, "queued again after its callback ran: it runs again");
	ok(reports(KSTUB_REPORT_warn) == before, "and nothing is reported");
}

int main(void)
{
	/* before the fix, rcu_barrier() after a double call_rcu hung */
	alarm(30);
	plan(6);
	test_double_call_rcu();
	test_double_kfree_rcu();
	test_correct_requeue();
	return exit_status();
}
