/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * printk and pr_*: one line to stderr, prefixed with the level.  pr_debug
 * prints only when KSTUB_DEBUG=1 is in the environment.
 */
#ifndef _KSTUB_LINUX_PRINTK_H
#define _KSTUB_LINUX_PRINTK_H

#include <linux/compiler_types.h>

#define KERN_EMERG "<0>"
#define KERN_ALERT "<1>"
#define KERN_CRIT "<2>"
#define KERN_ERR "<3>"
#define KERN_WARNING "<4>"
#define KERN_NOTICE "<5>"
#define KERN_INFO "<6>"
#define KERN_DEBUG "<7>"
#define KERN_CONT "<c>"

#ifndef pr_fmt
#define pr_fmt(fmt) fmt
#endif

int printk(const char *fmt, ...) __printf(1, 2);
int kstub_pr_debug_enabled(void);

#define pr_emerg(fmt, ...) printk(KERN_EMERG pr_fmt(fmt), ##__VA_ARGS__)
#define pr_alert(fmt, ...) printk(KERN_ALERT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_crit(fmt, ...) printk(KERN_CRIT pr_fmt(fmt), ##__VA_ARGS__)
#define pr_err(fmt, ...) printk(KERN_ERR pr_fmt(fmt), ##__VA_ARGS__)
#define pr_warn(fmt, ...) printk(KERN_WARNING pr_fmt(fmt), ##__VA_ARGS__)
#define pr_notice(fmt, ...) printk(KERN_NOTICE pr_fmt(fmt), ##__VA_ARGS__)
#define pr_info(fmt, ...) printk(KERN_INFO pr_fmt(fmt), ##__VA_ARGS__)
#define pr_cont(fmt, ...) printk(KERN_CONT fmt, ##__VA_ARGS__)
#define pr_debug(fmt, ...)                                                    \
	do {                                                                  \
		if (kstub_pr_debug_enabled())                                 \
			printk(KERN_DEBUG pr_fmt(fmt), ##__VA_ARGS__);        \
	} while (0)
#define pr_warn_once(fmt, ...)                                                \
	do {                                                                  \
		static bool __print_once;                                     \
		if (!__atomic_exchange_n(&__print_once, true,                 \
					 __ATOMIC_RELAXED))                   \
			pr_warn(fmt, ##__VA_ARGS__);                          \
	} while (0)

#endif
