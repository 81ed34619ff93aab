/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * WARN and BUG.  A report prints a backtrace, is counted (see
 * <kstub/report.h>) and reaches the hook.  WARN_ON_ONCE fires once per
 * call site, like the kernel's.  BUG and BUG_ON abort the process; with
 * KSTUB_BUG_CONTINUE=1 in the environment BUG_ON() carries on after the
 * report and BUG(), which never returns, ends only the calling thread, as
 * a kernel oops ends only the task that hit it.
 */
#ifndef _KSTUB_LINUX_BUG_H
#define _KSTUB_LINUX_BUG_H

#include <stdbool.h>
#include <linux/compiler.h>
#include <kstub/report.h>

/*
 * The address of the code that expands it: a WARN's own site.  The empty
 * asm goto keeps the label where it is written; without it an optimizing
 * compiler may give the label any address (the kernel does the same).
 */
#define _THIS_IP_                                \
	({                                       \
		__label__ __here;                \
	__here:                                  \
		__asm__ goto("" : : : : __here); \
		(unsigned long)&&__here;         \
	})
#define _RET_IP_ ((unsigned long)__builtin_return_address(0))

/* Formats a WARN(cond, fmt, ...) message into a thread-local buffer. */
const char *kstub_fmt_once(const char *fmt, ...) __printf(1, 2);
/* After a BUG() report with KSTUB_BUG_CONTINUE=1: ends the thread. */
void __kstub_bug_stop(void) __noreturn;

/* "<banner>: at file:line function: <what>" for the report of kind @kind */
#define __kstub_bug_report(kind, what, ...)                               \
	kstub_report(kind, (const void *)_THIS_IP_, "at %s:%d %s: " what, \
		     __FILE__, __LINE__, __func__, ##__VA_ARGS__)

#define WARN(cond, fmt...)                                          \
	({                                                          \
		int __ret_warn_on = !!(cond);                       \
		if (unlikely(__ret_warn_on))                        \
			__kstub_bug_report(KSTUB_REPORT_warn, "%s", \
					   kstub_fmt_once(fmt));    \
		unlikely(__ret_warn_on);                            \
	})

#define WARN_ON(cond)                                                        \
	({                                                                   \
		int __ret_warn_on = !!(cond);                                \
		if (unlikely(__ret_warn_on))                                 \
			__kstub_bug_report(KSTUB_REPORT_warn, "WARN_ON(%s)", \
					   #cond);                           \
		unlikely(__ret_warn_on);                                     \
	})

/* Evaluates @cond every time, reports the first time it holds */
#define __WARN_ONCE_GUARD(cond, report)                                      \
	({                                                                   \
		static bool __warned;                                        \
		int __ret_warn_once = !!(cond);                              \
		if (unlikely(__ret_warn_once) &&                             \
		    !__atomic_exchange_n(&__warned, true, __ATOMIC_RELAXED)) \
			report;                                              \
		unlikely(__ret_warn_once);                                   \
	})

#define WARN_ON_ONCE(cond)                                            \
	__WARN_ONCE_GUARD(cond, __kstub_bug_report(KSTUB_REPORT_warn, \
						   "WARN_ON_ONCE(%s)", #cond))
#define WARN_ONCE(cond, fmt...)                                             \
	__WARN_ONCE_GUARD(cond, __kstub_bug_report(KSTUB_REPORT_warn, "%s", \
						   kstub_fmt_once(fmt)))

#define BUG()                                                  \
	do {                                                   \
		__kstub_bug_report(KSTUB_REPORT_bug, "BUG()"); \
		__kstub_bug_stop();                            \
	} while (0)
#define BUG_ON(cond)                                                       \
	do {                                                               \
		if (unlikely(cond))                                        \
			__kstub_bug_report(KSTUB_REPORT_bug, "BUG_ON(%s)", \
					   #cond);                         \
	} while (0)

#endif
