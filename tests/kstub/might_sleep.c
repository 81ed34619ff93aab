// SPDX-License-Identifier: GPL-2.0-only
/*
 * might_sleep(): reported inside an RCU read-side section, under a
 * spinlock, with preemption disabled and in an RCU callback; silent
 * outside them.  Sleeping kstub calls (mutex_lock, cond_resched) check it.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

#include "harness.h"

static DEFINE_SPINLOCK(spin);
static DEFINE_MUTEX(m);

static unsigned long sleeps(void)
{
	return reports(KSTUB_REPORT_sleep_in_atomic);
}

static int cb_in_softirq = -1;

static void sleeping_cb(struct rcu_head *head)
{
	cb_in_softirq = in_softirq() && in_interrupt() && !in_task();
	might_sleep();
}

int main(void)
{
	unsigned long n = sleeps();
	struct rcu_head head;
	unsigned long flags;
	const char *out;
	int line;

	plan(14);
	might_sleep();
	cond_resched();
	mutex_lock(&m);
	might_sleep();
	mutex_unlock(&m);
	is_int(sleeps(), n, "no report outside atomic context");

	rcu_read_lock();
	capture_begin();
	line = __LINE__ + 1;
	might_sleep();
	out = capture_end();
	rcu_read_unlock();
	is_int(sleeps(), n + 1, "might_sleep inside rcu_read_lock is reported");
	ok(strstr(out, "sleeping function called from invalid context"),
	   "with the kernel's text");
	{
		char where[64];

		snprintf(where, sizeof(where), "%s:%d", __FILE__, line);
		ok(strstr(out, where), "and the file:line of the call");
	}
	ok(strstr(out, "RCU nest depth: 1"), "and the RCU nesting depth");

	spin_lock(&spin);
	might_sleep();
	spin_unlock(&spin);
	is_int(sleeps(), n + 2, "might_sleep under spin_lock is reported");
	spin_lock_irqsave(&spin, flags);
	mutex_lock(&m);
	mutex_unlock(&m);
	spin_unlock_irqrestore(&spin, flags);
	is_int(sleeps(), n + 3, "mutex_lock under a spinlock is reported");

	preempt_disable();
	cond_resched();
	preempt_enable();
	is_int(sleeps(), n + 4, "cond_resched with preemption off is reported");
	ok(!in_atomic(), "preempt_enable ends atomic context");

	call_rcu(&head, sleeping_cb);
	rcu_barrier();
	is_int(sleeps(), n + 5, "might_sleep in an RCU callback is reported");
	is_int(cb_in_softirq, 1, "RCU callbacks run in softirq context");
	ok(in_task() && !in_interrupt(),
	   "the test itself runs in task context");

	might_sleep();
	spin_lock(&spin);
	spin_unlock(&spin);
	might_sleep();
	is_int(sleeps(), n + 5, "none after leaving atomic context");
	is_int(kstub_report_count(KSTUB_REPORT_lockdep), 0,
	       "and no lockdep report along the way");
	return exit_status();
}
