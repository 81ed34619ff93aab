/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * READ_ONCE/WRITE_ONCE, barriers, likely/unlikely.
 *
 * READ_ONCE/WRITE_ONCE are relaxed atomic accesses, so ThreadSanitizer
 * treats them as the marked accesses the kernel's KCSAN does: a race on
 * them is not a data race, a race between a plain access and anything is.
 */
#ifndef _KSTUB_LINUX_COMPILER_H
#define _KSTUB_LINUX_COMPILER_H

#include <linux/compiler_types.h>
#include <linux/build_bug.h>

#define likely(x) __builtin_expect(!!(x), 1)
#define unlikely(x) __builtin_expect(!!(x), 0)

#define barrier() __asm__ __volatile__("" : : : "memory")

#define READ_ONCE(x) __atomic_load_n(&(x), __ATOMIC_RELAXED)
#define WRITE_ONCE(x, val)                                       \
	do {                                                     \
		__atomic_store_n(&(x), (val), __ATOMIC_RELAXED); \
	} while (0)

#define smp_mb() __atomic_thread_fence(__ATOMIC_SEQ_CST)
#define smp_rmb() __atomic_thread_fence(__ATOMIC_ACQUIRE)
#define smp_wmb() __atomic_thread_fence(__ATOMIC_RELEASE)
#define smp_mb__before_atomic() smp_mb()
#define smp_mb__after_atomic() smp_mb()
#define smp_load_acquire(p) __atomic_load_n(p, __ATOMIC_ACQUIRE)
#define smp_store_release(p, v) __atomic_store_n(p, v, __ATOMIC_RELEASE)
#define smp_store_mb(var, value)        \
	do {                            \
		WRITE_ONCE(var, value); \
		smp_mb();               \
	} while (0)

#define data_race(expr) (expr)
#define OPTIMIZER_HIDE_VAR(var) __asm__("" : "=r"(var) : "0"(var))

#define __UNIQUE_ID(prefix) __PASTE(__PASTE(__UNIQUE_ID_, prefix), __COUNTER__)
#define ___PASTE(a, b) a##b
#define __PASTE(a, b) ___PASTE(a, b)

#define __must_be_array(a) BUILD_BUG_ON_ZERO(__same_type((a), &(a)[0]))

#endif
