/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A spinlock in one bit of a word (test_and_set_bit_lock() to take it,
 * clear_bit_unlock() to release it): acquire and release ordering, no
 * fairness, no lockdep.  Holding one is atomic context, as for any
 * spinlock: preempt_disable() is taken with it.
 */
#ifndef _KSTUB_LINUX_BIT_SPINLOCK_H
#define _KSTUB_LINUX_BIT_SPINLOCK_H

#include <linux/bitops.h>
#include <linux/compiler.h>
#include <linux/preempt.h>
#include <linux/kernel.h>

static inline void bit_spin_lock(int bitnum, unsigned long *addr)
{
	preempt_disable();
	while (unlikely(test_and_set_bit_lock(bitnum, addr))) {
		preempt_enable();
		do {
			cpu_relax();
		} while (test_bit(bitnum, addr));
		preempt_disable();
	}
	__acquire(bitlock);
}

static inline int bit_spin_trylock(int bitnum, unsigned long *addr)
{
	preempt_disable();
	if (unlikely(test_and_set_bit_lock(bitnum, addr))) {
		preempt_enable();
		return 0;
	}
	__acquire(bitlock);
	return 1;
}

static inline void bit_spin_unlock(int bitnum, unsigned long *addr)
{
	clear_bit_unlock(bitnum, addr);
	preempt_enable();
	__release(bitlock);
}

static inline void __bit_spin_unlock(int bitnum, unsigned long *addr)
{
	bit_spin_unlock(bitnum, addr);
}

static inline int bit_spin_is_locked(int bitnum, unsigned long *addr)
{
	return test_bit(bitnum, addr);
}

#endif
