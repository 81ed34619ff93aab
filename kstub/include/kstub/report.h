/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Debug reports kstub raises on behalf of kernel code: WARN/BUG, sleeping in
 * atomic context, lockdep assertions, refcount misuse.  Each report is
 * printed to stderr with a backtrace, counted per kind, and passed to the
 * hook as a KSTUB_SITE_warn event.  Counters are process-wide and
 * thread-safe; tests assert on them.
 *
 * The hook sees a report as a KSTUB_SITE_warn event whose .caller is the
 * report's caller and whose .size is the enum kstub_report_kind.
 *
 * Output goes to stderr (file descriptor 2) in one write per report:
 *   ------------[ cut here ]------------
 *   <banner>: <message>
 *   caller: <symbolized caller>
 *   PID: <thread id> Comm: <thread name>
 *   Call Trace:
 *    <function>+0x<offset> (<object file>)
 *   ---[ end trace ]---
 * Nothing here allocates through kstub; the backtrace is libunwind's.
 */
#ifndef KSTUB_REPORT_H
#define KSTUB_REPORT_H

#include <stdarg.h>
#include <stddef.h>

#define KSTUB_REPORT_KINDS(X)                                   \
	X(warn, "WARNING")                                      \
	X(bug, "BUG")                                           \
	X(sleep_in_atomic,                                      \
	  "BUG: sleeping function called from invalid context") \
	X(lockdep, "WARNING: lockdep")                          \
	X(refcount, "refcount_t")                               \
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

/*
 * "function+0xoffset" for a code address (a return address is looked up
 * one byte back, so a call at a function's end names that function), else
 * "object+0xoffset", else "0x...".  Symbols come from the object's symbol
 * table (static functions too), via libunwind, else from dladdr().  Writes
 * at most @len bytes to @buf and returns @buf; never allocates via kstub.
 */
const char *kstub_symbolize(const void *pc, char *buf, size_t len);

/* GFP flags by name, "GFP_KERNEL|__GFP_ZERO", as the kernel's %pGg. */
const char *kstub_gfp_name(unsigned int gfp, char *buf, size_t len);

unsigned long kstub_report_count(enum kstub_report_kind kind);
unsigned long kstub_report_total(void);
const char *kstub_report_name(enum kstub_report_kind kind);

#endif /* KSTUB_REPORT_H */
