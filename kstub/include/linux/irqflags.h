/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Interrupt and bottom-half flags.  kstub has no interrupts: disabling
 * them makes the section atomic context (no sleeping) and an RCU reader
 * that synchronize_rcu() waits for, as the kernel's consolidated RCU does
 * since v4.20; irqs_disabled() tells.  @flags is set to 0 and ignored.
 * (<linux/bottom_half.h>'s local_bh_*() are here too.)
 */
#ifndef _KSTUB_LINUX_IRQFLAGS_H
#define _KSTUB_LINUX_IRQFLAGS_H

#include <linux/preempt.h>

#define local_irq_disable() kstub_local_irq_disable()
#define local_irq_enable() kstub_local_irq_enable()
#define local_irq_save(flags)              \
	do {                               \
		(flags) = 0;               \
		kstub_local_irq_disable(); \
	} while (0)
#define local_irq_restore(flags)          \
	do {                              \
		(void)(flags);            \
		kstub_local_irq_enable(); \
	} while (0)
#define raw_local_irq_save(flags) local_irq_save(flags)
#define raw_local_irq_restore(flags) local_irq_restore(flags)
#define irqs_disabled() kstub_irqs_disabled()
#define local_bh_disable() kstub_preempt_disable()
#define local_bh_enable() kstub_preempt_enable()

#endif
