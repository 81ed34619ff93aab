/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt flags.  kstub has no interrupts: disabling them makes the
 * section atomic context (no sleeping, an RCU reader for
 * synchronize_rcu()), as with a spinlock held, which is what callers rely
 * on.  @flags is set to 0 and ignored.
 */
#ifndef _KSTUB_LINUX_IRQFLAGS_H
#define _KSTUB_LINUX_IRQFLAGS_H

#include <linux/preempt.h>

#define local_irq_disable() preempt_disable()
#define local_irq_enable() preempt_enable()
#define local_irq_save(flags)      \
	do {                       \
		(flags) = 0;       \
		preempt_disable(); \
	} while (0)
#define local_irq_restore(flags)  \
	do {                      \
		(void)(flags);    \
		preempt_enable(); \
	} while (0)
#define raw_local_irq_save(flags) local_irq_save(flags)
#define raw_local_irq_restore(flags) local_irq_restore(flags)
#define irqs_disabled() (preempt_count() != 0)
#define local_bh_disable() preempt_disable()
#define local_bh_enable() preempt_enable()

#endif
