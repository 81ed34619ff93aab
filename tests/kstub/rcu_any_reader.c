// SPDX-License-Identifier: GPL-2.0-only
/*
 * One RCU flavour, as in the kernel since v4.20: a spinlock section, or a
 * region with preemption, interrupts or bottom halves disabled, is an RCU
 * reader.  A writer that replaces an object and frees it after
 * synchronize_rcu() or through kfree_rcu() must not free it under such a
 * reader.  Correct code, so every build (plain, ASan, TSan) must be clean;
 * before kstub made these regions readers, the reader saw the object
 * retired (plain), freed (ASan) or raced with the free (TSan).
 */
#include "config.h"

#include <sched.h>
#include <time.h>

#include <linux/kernel.h>
#include <linux/preempt.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "harness.h"

#define LIVE 0x11f3
#define DEAD 0xdead

struct obj {
	int magic;
	struct rcu_head rcu;
};

enum region { SPIN, SPIN_IRQSAVE, SPIN_BH, PREEMPT, IRQ, BH, NR_REGIONS };

static const char *const region_name[] = {
	[SPIN] = "spin_lock",	    [SPIN_IRQSAVE] = "spin_lock_irqsave",
	[SPIN_BH] = "spin_lock_bh", [PREEMPT] = "preempt_disable",
	[IRQ] = "local_irq_save",   [BH] = "local_bh_disable",
};

static DEFINE_SPINLOCK(reader_lock); /* the reader's own: not the writer's */
static struct obj __rcu *gp;
static enum region region;
static bool use_kfree_rcu;
static int reader_inside, writer_waiting, seen;

static void sleep_ms(long ms)
{
	struct timespec ts = {.tv_sec = 0, .tv_nsec = ms * 1000000};

	nanosleep(&ts, NULL);
}

static void wait_for(int *flag)
{
	while (!__atomic_load_n(flag, __ATOMIC_ACQUIRE))
		sched_yield();
}

static unsigned long region_enter(void)
{
	unsigned long flags = 0;

	switch (region) {
	case SPIN:
		spin_lock(&reader_lock);
		break;
	case SPIN_IRQSAVE:
		spin_lock_irqsave(&reader_lock, flags);
		break;
	case SPIN_BH:
		spin_lock_bh(&reader_lock);
		break;
	case PREEMPT:
		preempt_disable();
		break;
	case IRQ:
		local_irq_save(flags);
		break;
	case BH:
		local_bh_disable();
		break;
	default:
		break;
	}
	return flags;
}

static void region_exit(unsigned long flags)
{
	switch (region) {
	case SPIN:
		spin_unlock(&reader_lock);
		break;
	case SPIN_IRQSAVE:
		spin_unlock_irqrestore(&reader_lock, flags);
		break;
	case SPIN_BH:
		spin_unlock_bh(&reader_lock);
		break;
	case PREEMPT:
		preempt_enable();
		break;
	case IRQ:
		local_irq_restore(flags);
		break;
	case BH:
		local_bh_enable();
		break;
	default:
		break;
	}
}

static void *reader(void)
{
	unsigned long flags = region_enter();
	struct obj *p = rcu_dereference_check(gp, 1);

	__atomic_store_n(&reader_inside, 1, __ATOMIC_RELEASE);
	wait_for(&writer_waiting);
	/* a grace period that ignored us has long ended by now */
	sleep_ms(50);
	__atomic_store_n(&seen, p->magic, __ATOMIC_RELAXED);
	region_exit(flags);
	return NULL;
}

static void *writer(void)
{
	struct obj *new = kmalloc(sizeof(*new), GFP_KERNEL);
	struct obj *old;

	if (!new)
		bail_out("kmalloc failed");
	new->magic = LIVE;
	wait_for(&reader_inside);
	old = rcu_replace_pointer(gp, new, 1);
	__atomic_store_n(&writer_waiting, 1, __ATOMIC_RELEASE);
	if (use_kfree_rcu) {
		kfree_rcu(old, rcu);
		return NULL;
	}
	synchronize_rcu();
	old->magic = DEAD;
	kfree(old);
	return NULL;
}

static void *thread(void *arg, int i)
{
	return i ? writer() : reader();
}

static void run(enum region r, bool kfree_rcu_it)
{
	struct obj *first = kmalloc(sizeof(*first), GFP_KERNEL);

	if (!first)
		bail_out("kmalloc failed");
	first->magic = LIVE;
	rcu_assign_pointer(gp, first);
	region = r;
	use_kfree_rcu = kfree_rcu_it;
	reader_inside = writer_waiting = seen = 0;
	run_threads(2, thread, NULL);
	rcu_barrier();
	is_int(seen, LIVE, "%s reader: %s waits for it", region_name[r],
	       kfree_rcu_it ? "kfree_rcu" : "synchronize_rcu");
	kfree(rcu_replace_pointer(gp, NULL, 1));
}

/* Waiting for a grace period inside a reader would never return. */
static void test_no_wait_inside(void)
{
	unsigned long before = reports(KSTUB_REPORT_lockdep);

	capture_begin();
	spin_lock(&reader_lock);
	synchronize_rcu();
	spin_unlock(&reader_lock);
	ok(strstr(capture_end(), "Illegal synchronize_rcu()") != NULL,
	   "synchronize_rcu under a spinlock is reported");
	ok(reports(KSTUB_REPORT_lockdep) > before, "and counted, not waited");
}

int main(void)
{
	enum region r;

	plan(2 * NR_REGIONS + 4);
	for (r = 0; r < NR_REGIONS; r++) {
		run(r, false);
		run(r, true);
	}
	preempt_disable();
	ok(rcu_read_lock_any_held() && !rcu_read_lock_held(),
	   "preempt_disable: any-flavour reader, not rcu_read_lock");
	preempt_enable();
	ok(!rcu_read_lock_any_held(), "not a reader after preempt_enable");
	test_no_wait_inside();
	return exit_status();
}
