/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * do_div(n, base): divides the u64 lvalue @n by the u32 @base in place
 * and evaluates to the remainder (a u32), as the kernel's macro does.
 */
#ifndef _KSTUB_ASM_DIV64_H
#define _KSTUB_ASM_DIV64_H

#include <linux/types.h>

#define do_div(n, base)                               \
	({                                            \
		u32 __base = (base);                  \
		u32 __rem = (u32)((u64)(n) % __base); \
		(n) = (u64)(n) / __base;              \
		__rem;                                \
	})

#endif
