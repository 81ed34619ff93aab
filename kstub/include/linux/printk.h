/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printk and pr_*.  Levels are the kernel's: KERN_SOH ("\001") and a digit,
 * or "c" for KERN_CONT.  A message is written to stderr without its level
 * prefix when its level is below the console loglevel (7 by default, so
 * KERN_DEBUG is not shown; 8 with KSTUB_DEBUG=1; KSTUB_LOGLEVEL=N sets
 * it).  A message without a trailing newline leaves the line open for
 * KERN_CONT; any other message closes it first.  pr_debug() prints only
 * with KSTUB_DEBUG=1.  Thread-safe; each message is written at once.
 */
#ifndef _KSTUB_LINUX_PRINTK_H
#define _KSTUB_LINUX_PRINTK_H

#include <stdarg.h>
#include <stdbool.h>
#include <linux/compiler_types.h>

#define KERN_SOH "\001"
#define KERN_SOH_ASCII '\001'

#define KERN_EMERG KERN_SOH "0"
#define KERN_ALERT KERN_SOH "1"
#define KERN_CRIT KERN_SOH "2"
#define KERN_ERR KERN_SOH "3"
#define KERN_WARNING KERN_SOH "4"
#define KERN_NOTICE KERN_SOH "5"
#define KERN_INFO KERN_SOH "6"
#define KERN_DEBUG KERN_SOH "7"
#define KERN_DEFAULT ""
#define KERN_CONT KERN_SOH "c"

#define LOGLEVEL_SCHED -2
#define LOGLEVEL_DEFAULT -1
#define LOGLEVEL_EMERG 0
#define LOGLEVEL_ALERT 1
#define LOGLEVEL_CRIT 2
#define LOGLEVEL_ERR 3
#define LOGLEVEL_WARNING 4
#define LOGLEVEL_NOTICE 5
#define LOGLEVEL_INFO 6
#define LOGLEVEL_DEBUG 7

/* The level character of @buffer ('0'..'7' or 'c'), or 0 */
static inline int printk_get_level(const char *buffer)
{
	if (buffer[0] == KERN_SOH_ASCII && buffer[1]) {
		switch (buffer[1]) {
		case '0' ... '7':
		case 'c':
			return buffer[1];
		}
	}
	return 0;
}

static inline const char *printk_skip_level(const char *buffer)
{
	if (printk_get_level(buffer))
		return buffer + 2;
	return buffer;
}

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

int printk(const char *fmt, ...) __printf(1, 2);
int vprintk(const char *fmt, va_list args) __printf(1, 0);
int kstub_pr_debug_enabled(void);
/* The backtrace of the calling thread, as a WARN prints it */
void dump_stack(void);

/* Checks the format and arguments, prints nothing */
static inline __printf(1, 2) int no_printk(const char *fmt, ...)
{
	return 0;
}

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warning pr_warn
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)                                             \
	do {                                                           \
		if (kstub_pr_debug_enabled())                          \
			printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__); \
	} while (0)
#ifdef DEBUG
#define pr_devel(fmt, ...) printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#else
#define pr_devel(fmt, ...) no_printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__)
#endif

/* Once per call site, like the kernel's printk_once() */
#define printk_once(fmt, ...)                                          \
	({                                                             \
		static bool __print_once;                              \
		int __ret_print_once = 0;                              \
		if (!__atomic_exchange_n(&__print_once, true,          \
					 __ATOMIC_RELAXED))            \
			__ret_print_once = printk(fmt, ##__VA_ARGS__); \
		__ret_print_once;                                      \
	})
#define pr_emerg_once(fmt, ...) \
	printk_once(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err_once(fmt, ...) printk_once(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn_once(fmt, ...) \
	printk_once(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice_once(fmt, ...) \
	printk_once(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info_once(fmt, ...) printk_once(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)

/* Not rate limited: every message is printed */
#define pr_err_ratelimited(fmt, ...) pr_err(fmt, ##__VA_ARGS__)
#define pr_warn_ratelimited(fmt, ...) pr_warn(fmt, ##__VA_ARGS__)
#define pr_info_ratelimited(fmt, ...) pr_info(fmt, ##__VA_ARGS__)
#define printk_ratelimited(fmt, ...) printk(fmt, ##__VA_ARGS__)

#endif
