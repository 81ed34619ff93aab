/* SPDX-License-Identifier: GPL-2.0-only */
/* Integer rounding and division helpers, as the kernel's <linux/math.h>. */
#ifndef _KSTUB_LINUX_MATH_H
#define _KSTUB_LINUX_MATH_H

#include <linux/types.h>

#define __round_mask(x, y) ((__typeof__(x))((y)-1))
/* @y a power of two */
#define round_up(x, y) ((((x)-1) | __round_mask(x, y)) + 1)
#define round_down(x, y) ((x) & ~__round_mask(x, y))
/* any @y */
#define roundup(x, y) ((((x) + ((y)-1)) / (y)) * (y))
#define rounddown(x, y)              \
	({                           \
		typeof(x) __x = (x); \
		__x - (__x % (y));   \
	})
#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define DIV_ROUND_UP_ULL(n, d) DIV_ROUND_UP((unsigned long long)(n), (d))
#define DIV_ROUND_DOWN_ULL(n, d) ((unsigned long long)(n) / (d))
/* Nearest integer; halves round away from zero. */
#define DIV_ROUND_CLOSEST(x, divisor)                                \
	({                                                           \
		typeof(x) __x = x;                                   \
		typeof(divisor) __d = divisor;                       \
		(((typeof(x))-1) > 0 || ((typeof(divisor))-1) > 0 || \
		 (((__x) > 0) == ((__d) > 0)))                       \
			? (((__x) + ((__d) / 2)) / (__d))            \
			: (((__x) - ((__d) / 2)) / (__d));           \
	})
#define DIV_ROUND_CLOSEST_ULL(x, divisor) \
	DIV_ROUND_CLOSEST((unsigned long long)(x), (divisor))
/* x * numer / denom without overflowing the intermediate product */
#define mult_frac(x, numer, denom)                             \
	({                                                     \
		typeof(x) __q = (x) / (denom);                 \
		typeof(x) __r = (x) % (denom);                 \
		(__q * (numer)) + ((__r * (numer)) / (denom)); \
	})
/* abs() is the C library's (<stdlib.h> declares it; a macro would clash). */
#define abs_diff(a, b)                             \
	({                                         \
		typeof(a) __a = (a);               \
		typeof(b) __b = (b);               \
		__a > __b ? __a - __b : __b - __a; \
	})
#define sector_div(a, b) do_div(a, b)

u32 int_sqrt(unsigned long x);

#endif
