/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Spinlocks.  Holding one is atomic context and an RCU reader (see
 * <linux/preempt.h>): might_sleep() under it is reported, as is unlocking one this thread does not hold.  The _irq,
 * _irqsave and _bh variants also count "interrupts disabled" for the
 * report; there are no interrupts to disable.
 */
#ifndef _KSTUB_LINUX_SPINLOCK_H
#define _KSTUB_LINUX_SPINLOCK_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/lockdep.h>
#include <linux/cleanup.h>
#include <linux/spinlock_types.h>
#include <linux/irqflags.h>

void __spin_lock_init(spinlock_t *lock, const char *name,
		      struct lock_class_key *key);
#define spin_lock_init(lock)                             \
	do {                                             \
		static struct lock_class_key __key;      \
		__spin_lock_init((lock), #lock, &__key); \
	} while (0)

void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
void spin_lock_irq(spinlock_t *lock);
void spin_unlock_irq(spinlock_t *lock);
unsigned long kstub_spin_lock_irqsave(spinlock_t *lock);
void spin_unlock_irqrestore(spinlock_t *lock, unsigned long flags);
/* 1 when taken, 0 when contended. */
int spin_trylock(spinlock_t *lock);
/* Held by any thread (a snapshot). */
int spin_is_locked(spinlock_t *lock);

#define spin_lock_irqsave(lock, flags)                 \
	do {                                           \
		flags = kstub_spin_lock_irqsave(lock); \
	} while (0)
#define spin_lock_bh(lock) spin_lock_irq(lock)
#define spin_unlock_bh(lock) spin_unlock_irq(lock)
#define spin_lock_nested(lock, subclass) spin_lock(lock)
#define spin_lock_irqsave_nested(lock, flags, subclass) \
	spin_lock_irqsave(lock, flags)
#define spin_trylock_irqsave(lock, flags) \
	({                                \
		flags = 0;                \
		spin_trylock(lock);       \
	})
#define assert_spin_locked(lock) BUG_ON(!spin_is_locked(lock))

#define raw_spin_lock_init(lock) spin_lock_init(lock)
#define raw_spin_lock(lock) spin_lock(lock)
#define raw_spin_unlock(lock) spin_unlock(lock)
#define raw_spin_lock_irq(lock) spin_lock_irq(lock)
#define raw_spin_unlock_irq(lock) spin_unlock_irq(lock)
#define raw_spin_lock_irqsave(lock, flags) spin_lock_irqsave(lock, flags)
#define raw_spin_unlock_irqrestore(lock, flags) \
	spin_unlock_irqrestore(lock, flags)
#define raw_spin_trylock(lock) spin_trylock(lock)
#define raw_spin_is_locked(lock) spin_is_locked(lock)

DEFINE_GUARD(spinlock, spinlock_t *, spin_lock(_T), spin_unlock(_T))
DEFINE_GUARD(spinlock_irq, spinlock_t *, spin_lock_irq(_T), spin_unlock_irq(_T))
/* kstub's irqsave saves nothing, so the guard needs no flags. */
DEFINE_GUARD(spinlock_irqsave, spinlock_t *, spin_lock_irq(_T),
	     spin_unlock_irq(_T))

#endif
