/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug reports kstub raises on behalf of kernel code: WARN/BUG, sleeping in
 * atomic context, lockdep assertions, refcount misuse.  Each report is
 * printed to stderr with a backtrace, counted per kind, and passed to the
 * hook as a KSTUB_SITE_warn event.  Counters are process-wide and
 * thread-safe; tests assert on them.
 */
#ifndef KSTUB_REPORT_H
#define KSTUB_REPORT_H

#include <stdarg.h>

#define KSTUB_REPORT_KINDS(X)                                                 \
	X(warn, "WARNING")                                                     \
	X(bug, "BUG")                                                          \
	X(sleep_in_atomic, "BUG: sleeping function called from invalid context") \
	X(lockdep, "WARNING: lockdep")                                         \
	X(refcount, "refcount_t")                                              \
	X(bad_free, "BUG: bad free")

#define KSTUB_REPORT_ENUM(name, banner) KSTUB_REPORT_##name,
enum kstub_report_kind {
	KSTUB_REPORT_KINDS(KSTUB_REPORT_ENUM) KSTUB_NR_REPORT_KINDS
};
#undef KSTUB_REPORT_ENUM

/*
 * Print "<banner>: <message>" and a backtrace, count it, tell the hook.
 * @caller is the kernel code's return address (for the hook event and the
 * first line of the report).  BUG reports abort the process after printing,
 * as the kernel's BUG() stops the task, unless KSTUB_BUG_CONTINUE=1.
 */
void kstub_report(enum kstub_report_kind kind, const void *caller,
		  const char *fmt, ...) __attribute__((format(printf, 3, 4)));
void kstub_vreport(enum kstub_report_kind kind, const void *caller,
		   const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

unsigned long kstub_report_count(enum kstub_report_kind kind);
unsigned long kstub_report_total(void);
const char *kstub_report_name(enum kstub_report_kind kind);

#endif /* KSTUB_REPORT_H */
