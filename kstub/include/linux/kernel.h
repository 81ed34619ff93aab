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
#include <linux/kconfig.h>
#include <linux/build_bug.h>
#include <linux/container_of.h>
#include <linux/stringify.h>

#include <linux/array_size.h>
#include <linux/math.h>
#include <linux/align.h>
#include <linux/typecheck.h>
#include <linux/wordpart.h>

#define BITS_PER_BYTE 8
#define BITS_PER_LONG (__CHAR_BIT__ * __SIZEOF_LONG__)
#define BITS_PER_TYPE(type) (sizeof(type) * BITS_PER_BYTE)
#define BITS_TO_LONGS(nr) DIV_ROUND_UP(nr, BITS_PER_LONG)
#define PAGE_SHIFT 12
#define PAGE_SIZE (1UL << PAGE_SHIFT)
#define SZ_1K 0x400
#define SZ_4K 0x1000
#define SZ_1M 0x100000

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

/* What the kernel's kernel.h brings in besides; they include this one. */
#include <linux/bitops.h>
#include <linux/log2.h>
#include <linux/kstrtox.h>
#include <linux/math64.h>

#endif
