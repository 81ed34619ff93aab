/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Preemption control, per thread: preempt_disable() makes atomic context,
 * where might_sleep() reports, exactly as holding a spinlock does.  RCU
 * callbacks run in "softirq" context, as the kernel's do; there are no
 * hard interrupts.
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

#endif
