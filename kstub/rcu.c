// SPDX-License-Identifier: GPL-2.0-only
/*
 * RCU: read-side nesting per thread (rcu_read_lock() and, as in the kernel
 * since v4.20, every preempt-, irq- or bh-disabled region: spinlocks), grace periods (liburcu's, through
 * urcu.c), call_rcu and kfree_rcu (their callbacks run on kstub's own
 * thread, rcu_callbacks.c), and the PROVE_RCU-style checks.
 *
 * ThreadSanitizer does not see liburcu 0.13's synchronisation, so kstub
 * tells it: the end of every outermost reader region releases one token,
 * and every callback and every return from synchronize_rcu() and
 * rcu_barrier() acquires it, so that whatever a reader did inside a read-side section happens
 * before a free done after the grace period.  A free while a reader is
 * still inside (no grace period in between) has no such edge and is
 * reported.  call_rcu() also releases the rcu_head itself and the callback
 * acquires it (rcu_callbacks.c's queue lock orders them too; this edge
 * does not depend on how the queue is built), and each callback releases
 * a second token that rcu_barrier() acquires.
 */
#include "config.h"

#include "internal.h"
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <kstub/report.h>

#ifdef KSTUB_TSAN
#include <sanitizer/tsan_interface.h>
#define kstub_tsan_release(addr) __tsan_release((void *)(addr))
#define kstub_tsan_acquire(addr) __tsan_acquire((void *)(addr))
#else
#define kstub_tsan_release(addr) \
	do {                     \
	} while (0)
#define kstub_tsan_acquire(addr) \
	do {                     \
	} while (0)
#endif

/* Readers' exits -> grace-period ends; callbacks' ends -> rcu_barrier(). */
static char kstub_rcu_gp_token __maybe_unused;
static char kstub_rcu_cb_token __maybe_unused;

void kstub_rcu_reader_enter(void)
{
	struct kstub_thread *t = kstub_current();

	if (unlikely(!t->rcu_online))
		kstub_thread_rcu_online();
	if (t->reader_depth++ == 0)
		kstub_urcu_read_lock();
}

void kstub_rcu_reader_exit(void)
{
	struct kstub_thread *t = kstub_current();

	if (--t->reader_depth == 0) {
		kstub_tsan_release(&kstub_rcu_gp_token);
		kstub_urcu_read_unlock();
	}
}

void rcu_read_lock(void)
{
	kstub_site(KSTUB_SITE_rcu_read_lock, KSTUB_CALLER(), NULL, 0, 0);
	kstub_current()->rcu_depth++;
	kstub_rcu_reader_enter();
}

void rcu_read_unlock(void)
{
	struct kstub_thread *t = kstub_current();

	kstub_site(KSTUB_SITE_rcu_read_unlock, KSTUB_CALLER(), NULL, 0, 0);
	if (unlikely(t->rcu_depth <= 0)) {
		kstub_report(KSTUB_REPORT_lockdep, KSTUB_CALLER(),
			     "bad unlock balance detected!\nrcu_read_unlock() "
			     "without a matching rcu_read_lock()");
		return;
	}
	t->rcu_depth--;
	kstub_rcu_reader_exit();
	kstub_site(KSTUB_SITE_rcu_read_unlocked, KSTUB_CALLER(), NULL, 0, 0);
}

int rcu_read_lock_held(void)
{
	return kstub_current()->rcu_depth > 0;
}

int rcu_read_lock_any_held(void)
{
	struct kstub_thread *t = kstub_current();

	return t->rcu_depth > 0 || t->preempt_depth > 0 || t->irq_depth > 0 ||
	       t->softirq_depth > 0;
}

void lockdep_rcu_suspicious(const char *file, const int line, const char *s)
{
	kstub_lockdep_report(
		KSTUB_CALLER(),
		"suspicious RCU usage.\n%s:%d %s\n\nother info that "
		"might help us debug this:\n\nRCU nest depth: %d",
		file, line, s, kstub_current()->rcu_depth);
}

/* Waiting for readers from inside a reader never ends: report instead. */
static bool kstub_rcu_may_wait(const char *what, const void *caller)
{
	struct kstub_thread *t = kstub_current();

	kstub_might_sleep_at(what, 0, caller);
	if (t->rcu_depth > 0) {
		kstub_report(KSTUB_REPORT_lockdep, caller,
			     "Illegal %s in RCU read-side critical section; "
			     "not waiting (it would never return)",
			     what);
		return false;
	}
	if (t->reader_depth > 0) {
		kstub_report(KSTUB_REPORT_lockdep, caller,
			     "Illegal %s with a spinlock held or preemption, "
			     "interrupts or bottom halves disabled (an RCU "
			     "reader); not waiting (it would never return)",
			     what);
		return false;
	}
	if (t->softirq_depth > 0) {
		kstub_report(KSTUB_REPORT_lockdep, caller,
			     "Illegal %s in an RCU callback; not waiting (it "
			     "would never return)",
			     what);
		return false;
	}
	return true;
}

/* One grace period, for a thread allowed to wait. */
static void kstub_rcu_wait_gp(const void *caller)
{
	kstub_site(KSTUB_SITE_synchronize_rcu, caller, NULL, 0, 0);
	kstub_urcu_synchronize();
	kstub_tsan_acquire(&kstub_rcu_gp_token);
}

void synchronize_rcu(void)
{
	const void *caller = KSTUB_CALLER();

	if (kstub_rcu_may_wait("synchronize_rcu()", caller))
		kstub_rcu_wait_gp(caller);
}

void rcu_barrier(void)
{
	const void *caller = KSTUB_CALLER();

	if (!kstub_rcu_may_wait("rcu_barrier()", caller))
		return;
	kstub_site(KSTUB_SITE_synchronize_rcu, caller, NULL, 0, 0);
	kstub_rcu_wait_callbacks(caller);
	kstub_tsan_acquire(&kstub_rcu_gp_token);
	kstub_tsan_acquire(&kstub_rcu_cb_token);
}

/* The kernel's "Double-freed CB" warning, with both queuing stacks. */
static noinline void kstub_rcu_double_queue(struct rcu_head *head,
					    const struct kstub_stack *first,
					    const void *caller)
{
	char buf[2048] = "";

	kstub_report(KSTUB_REPORT_warn, caller,
		     "call_rcu(): rcu_head %p queued again before its "
		     "callback ran (double call_rcu/kfree_rcu); the second is "
		     "ignored\nfirst queued by %s",
		     head, kstub_stack_format(first, buf, sizeof(buf)));
}

/*
 * Queue @head for @func, unless it is already queued.  Not its first
 * queuing is reported and ignored, as the kernel leaks such a callback.
 */
static void kstub_call_rcu(struct rcu_head *head, rcu_callback_t func,
			   const void *caller)
{
	struct kstub_stack stack;

	kstub_site(KSTUB_SITE_call_rcu, caller, head, 0, 0);
	kstub_thread_rcu_online();
	kstub_stack_save(&stack, caller);
	kstub_tsan_release(head);
	if (!kstub_rcu_queue(head, func, &stack))
		kstub_rcu_double_queue(head, &stack, caller);
}

void call_rcu(struct rcu_head *head, rcu_callback_t func)
{
	kstub_call_rcu(head, func, KSTUB_CALLER());
}

/* Kernel fact: a "callback" below 4096 is the offset of the rcu_head. */
static bool kstub_rcu_is_offset(rcu_callback_t func)
{
	return (unsigned long)func < 4096;
}

void kvfree_call_rcu(struct rcu_head *head, void *ptr)
{
	const void *caller = KSTUB_CALLER();

	if (!head) {
		/* headless: sleep through a grace period, then free */
		if (kstub_rcu_may_wait("kvfree_rcu_mightsleep()", caller))
			kstub_rcu_wait_gp(caller);
		kvfree(ptr);
		return;
	}
	kstub_call_rcu(
		head,
		(rcu_callback_t)((unsigned long)((char *)head - (char *)ptr)),
		caller);
}

void kstub_rcu_invoke(struct rcu_head *head)
{
	struct kstub_thread *t = kstub_current();
	rcu_callback_t func;

	kstub_tsan_acquire(head);
	kstub_tsan_acquire(&kstub_rcu_gp_token);
	func = head->func;
	kstub_site(KSTUB_SITE_rcu_callback, (const void *)func, head, 0, 0);
	t->softirq_depth++;
	if (kstub_rcu_is_offset(func))
		kvfree((char *)head - (unsigned long)func);
	else
		func(head);
	t->softirq_depth--;
	kstub_tsan_release(&kstub_rcu_cb_token);
}
