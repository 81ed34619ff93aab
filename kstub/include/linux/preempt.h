/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Preemption control, per thread: preempt_disable() makes atomic context,
 * where might_sleep() reports, exactly as holding a spinlock does.  RCU
 * callbacks run in "softirq" context, as the kernel's do; there are no
 * hard interrupts, but local_irq_disable() counts for irqs_disabled(), and
 * it and local_bh_disable() make atomic context.
 *
 * As in the kernel since v4.20, each of these regions (and a spinlock
 * held) is an RCU reader: synchronize_rcu() and call_rcu() callbacks wait
 * until it ends.
 */
#ifndef _KSTUB_LINUX_PREEMPT_H
#define _KSTUB_LINUX_PREEMPT_H

#include <linux/types.h>

void kstub_preempt_disable(void);
void kstub_preempt_enable(void);
/* Spinlocks held + preempt_disable() nesting + RCU callback context. */
int kstub_preempt_count(void);
/* Running an RCU callback, which the kernel runs in softirq context. */
int kstub_in_softirq(void);
void kstub_local_irq_disable(void);
void kstub_local_irq_enable(void);
int kstub_irqs_disabled(void);

#define preempt_disable() kstub_preempt_disable()
#define preempt_enable() kstub_preempt_enable()
#define preempt_disable_notrace() kstub_preempt_disable()
#define preempt_enable_notrace() kstub_preempt_enable()
#define preempt_enable_no_resched() kstub_preempt_enable()
#define preempt_count() kstub_preempt_count()
#define in_atomic() (kstub_preempt_count() != 0)
#define preemptible() (kstub_preempt_count() == 0)
#define in_task() (!kstub_in_softirq())
#define in_interrupt() kstub_in_softirq()
#define in_softirq() kstub_in_softirq()
#define in_serving_softirq() kstub_in_softirq()
#define in_irq() 0
#define in_hardirq() 0
#define in_nmi() 0

/* local_irq_*() and local_bh_*(), which code reaches through here too */
#include <linux/irqflags.h>

#endif
