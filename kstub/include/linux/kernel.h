/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's grab-bag header.  glibc's <sys/sysinfo.h> includes the uapi
 * <linux/kernel.h>, so it is included first.
 */
#ifndef _KSTUB_LINUX_KERNEL_H
#define _KSTUB_LINUX_KERNEL_H

#include_next <linux/kernel.h>

#include <stdarg.h>
#include <linux/types.h>
#include <linux/stddef.h>
#include <linux/limits.h>
#include <linux/compiler.h>
#include <linux/bug.h>
#include <linux/printk.h>
#include <linux/err.h>
#include <linux/minmax.h>
#include <linux/export.h>
#include <linux/sprintf.h>

#define container_of(ptr, type, member)                              \
	({                                                           \
		void *__mptr = (void *)(ptr);                        \
		((type *)((char *)__mptr - offsetof(type, member))); \
	})
#define container_of_const(ptr, type, member) container_of(ptr, type, member)

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))

#define DIV_ROUND_UP(n, d) (((n) + (d)-1) / (d))
#define DIV_ROUND_UP_ULL(n, d) DIV_ROUND_UP((unsigned long long)(n), (d))
#define __round_mask(x, y) ((__typeof__(x))((y)-1))
#define round_up(x, y) ((((x)-1) | __round_mask(x, y)) + 1)
#define round_down(x, y) ((x) & ~__round_mask(x, y))
#define roundup(x, y) ((((x) + ((y)-1)) / (y)) * (y))
#define ALIGN(x, a) round_up(x, a)
#define IS_ALIGNED(x, a) (((x) & ((typeof(x))(a)-1)) == 0)
#define BITS_PER_BYTE 8
#define BITS_PER_LONG (__CHAR_BIT__ * __SIZEOF_LONG__)
#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr) DIV_ROUND_UP(nr, BITS_PER_LONG)
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define SZ_1K 0x400
#define SZ_4K 0x1000
#define SZ_1M 0x100000

#define IS_ENABLED(option) __kstub_is_enabled(option)
#define __kstub_is_enabled(option) ___kstub_is_enabled(__KSTUB_ARG_##option)
#define __KSTUB_ARG_1 0,
#define ___kstub_is_enabled(arg) ____kstub_is_enabled(arg 1, 0)
#define ____kstub_is_enabled(ignored, val, ...) val

/*
 * Sleeping is a debug check point: reports "sleeping function called from
 * invalid context" inside an RCU read-side section or under a spinlock.
 */
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)
#define might_sleep_if(cond)           \
	do {                           \
		if (cond)              \
			might_sleep(); \
	} while (0)
void kstub_cond_resched(void);
#define cond_resched()                \
	({                            \
		kstub_cond_resched(); \
		0;                    \
	})
#define cpu_relax() __builtin_ia32_pause()

#endif
