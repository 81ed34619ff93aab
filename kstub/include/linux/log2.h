/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Integer base-2 logarithms and powers of two.  ilog2(0) is undefined, as
 * in the kernel.
 */
#ifndef _KSTUB_LINUX_LOG2_H
#define _KSTUB_LINUX_LOG2_H

#include <linux/types.h>

static inline __attribute__((const)) int __ilog2_u32(u32 n)
{
	return 31 - __builtin_clz(n);
}

static inline __attribute__((const)) int __ilog2_u64(u64 n)
{
	return 63 - __builtin_clzll(n);
}

static inline __attribute__((const)) bool is_power_of_2(unsigned long n)
{
	return n != 0 && (n & (n - 1)) == 0;
}

static inline __attribute__((const)) unsigned long
__roundup_pow_of_two(unsigned long n)
{
	return n <= 1 ? 1 : 1UL << (64 - __builtin_clzl(n - 1));
}

static inline __attribute__((const)) unsigned long
__rounddown_pow_of_two(unsigned long n)
{
	return 1UL << (63 - __builtin_clzl(n));
}

#define ilog2(n) \
	(sizeof(n) <= 4 ? __ilog2_u32((u32)(n)) : __ilog2_u64((u64)(n)))
#define const_ilog2(n) ilog2(n)
#define roundup_pow_of_two(n) __roundup_pow_of_two(n)
#define rounddown_pow_of_two(n) __rounddown_pow_of_two(n)
/* ceil(log2(n)); order_base_2(0) and (1) are 0 */
#define order_base_2(n) ((n) > 1 ? ilog2((n)-1) + 1 : 0)
#define bits_per(n) ((n) < 2 ? 1 : ilog2(n) + 1)

#endif
