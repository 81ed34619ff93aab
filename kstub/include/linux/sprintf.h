/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Formatted output into buffers and into kmalloc()ed strings.
 *
 * kasprintf() and kvasprintf() allocate like kmalloc() (class slab,
 * charged to their caller).  kvasprintf_const() returns kstrdup_const() of
 * the format when it has no conversion or is exactly "%s", so the result
 * must be freed with kfree_const().  scnprintf() returns what it wrote
 * (without the NUL), never more than @size - 1.
 *
 * These and printk() understand the kernel's %p extensions: %pS, %ps, %pB
 * (symbols), %pe (error pointers), %pGg (gfp flags), %px, %pK.  Plain
 * snprintf() and sprintf() are libc's and do not.
 */
#ifndef _KSTUB_LINUX_SPRINTF_H
#define _KSTUB_LINUX_SPRINTF_H

#include <stdarg.h>
#include <stdio.h>
#include <linux/types.h>
#include <linux/compiler_types.h>

char *kasprintf(gfp_t gfp, const char *fmt, ...) __printf(2, 3) __malloc;
char *kvasprintf(gfp_t gfp, const char *fmt, va_list args)
	__printf(2, 0) __malloc;
const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list args)
	__printf(2, 0);
int scnprintf(char *buf, size_t size, const char *fmt, ...) __printf(3, 4);
int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__printf(3, 0);

#endif
