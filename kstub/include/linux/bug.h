/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN and BUG.  A report prints a backtrace, is counted (see
 * <kstub/report.h>) and reaches the hook.  WARN_ON_ONCE fires once per
 * call site, like the kernel's.  BUG aborts the process.
 */
#ifndef _KSTUB_LINUX_BUG_H
#define _KSTUB_LINUX_BUG_H

#include <linux/compiler.h>
#include <kstub/report.h>

/* The address of the code that expands it: a WARN's own site. */
#define _THIS_IP_                                                             \
	({                                                                    \
		__label__ __here;                                             \
	__here:                                                               \
		(unsigned long)&&__here;                                      \
	})
#define _RET_IP_ ((unsigned long)__builtin_return_address(0))


#define WARN(cond, fmt...)                                                    \
	({                                                                    \
		int __ret_warn_on = !!(cond);                                 \
		if (unlikely(__ret_warn_on))                                  \
			kstub_report(KSTUB_REPORT_warn, (const void *)_THIS_IP_,       \
				     "at %s:%d %s: " "%s", __FILE__, __LINE__,  \
				     __func__, kstub_fmt_once(fmt));          \
		unlikely(__ret_warn_on);                                      \
	})

#define WARN_ON(cond)                                                         \
	({                                                                    \
		int __ret_warn_on = !!(cond);                                 \
		if (unlikely(__ret_warn_on))                                  \
			kstub_report(KSTUB_REPORT_warn, (const void *)_THIS_IP_,       \
				     "at %s:%d %s: WARN_ON(%s)", __FILE__,     \
				     __LINE__, __func__, #cond);              \
		unlikely(__ret_warn_on);                                      \
	})

#define __WARN_ONCE_GUARD(cond, report)                                       \
	({                                                                    \
		static bool __warned;                                         \
		int __ret_warn_once = !!(cond);                               \
		if (unlikely(__ret_warn_once) &&                              \
		    !__atomic_exchange_n(&__warned, true, __ATOMIC_RELAXED))  \
			report;                                               \
		unlikely(__ret_warn_once);                                    \
	})

#define WARN_ON_ONCE(cond) __WARN_ONCE_GUARD(cond, WARN_ON(1))
#define WARN_ONCE(cond, fmt...) __WARN_ONCE_GUARD(cond, WARN(1, fmt))

#define BUG()                                                                 \
	kstub_report(KSTUB_REPORT_bug, (const void *)_THIS_IP_, "at %s:%d %s",         \
		     __FILE__, __LINE__, __func__)
#define BUG_ON(cond)                                                          \
	do {                                                                  \
		if (unlikely(cond))                                           \
			kstub_report(KSTUB_REPORT_bug, (const void *)_THIS_IP_,        \
				     "at %s:%d %s: BUG_ON(%s)", __FILE__,      \
				     __LINE__, __func__, #cond);              \
	} while (0)

/* Formats a WARN(cond, fmt, ...) message into a thread-local buffer. */
const char *kstub_fmt_once(const char *fmt, ...) __printf(1, 2);

#endif
