/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * String to integer conversion with the kernel's rules: the whole string
 * must be a number, except for one trailing newline; base 0 detects "0x"
 * (hex) and "0" (octal); base 16 accepts a "0x" prefix; unsigned parsers
 * accept a leading '+', signed ones also '-'.  Returns 0, -EINVAL for
 * anything else, -ERANGE when the value does not fit.  *res is written
 * only on success.
 */
#ifndef _KSTUB_LINUX_KSTRTOX_H
#define _KSTUB_LINUX_KSTRTOX_H

#include <linux/compiler.h>
#include <linux/types.h>

int __must_check kstrtoull(const char *s, unsigned int base,
			   unsigned long long *res);
int __must_check kstrtoll(const char *s, unsigned int base, long long *res);
int __must_check kstrtoul(const char *s, unsigned int base, unsigned long *res);
int __must_check kstrtol(const char *s, unsigned int base, long *res);
int __must_check kstrtouint(const char *s, unsigned int base,
			    unsigned int *res);
int __must_check kstrtoint(const char *s, unsigned int base, int *res);
int __must_check kstrtou16(const char *s, unsigned int base, u16 *res);
int __must_check kstrtos16(const char *s, unsigned int base, s16 *res);
int __must_check kstrtou8(const char *s, unsigned int base, u8 *res);
int __must_check kstrtos8(const char *s, unsigned int base, s8 *res);
/* y/t/e/1/on -> true, n/f/d/0/off -> false (first characters count) */
int __must_check kstrtobool(const char *s, bool *res);

#define kstrtou64 kstrtoull
#define kstrtos64 kstrtoll
#define kstrtou32 kstrtouint
#define kstrtos32 kstrtoint

/* The same, on at most @count bytes copied from a user buffer. */
int __must_check kstrtoull_from_user(const char __user *s, size_t count,
				     unsigned int base,
				     unsigned long long *res);
int __must_check kstrtoll_from_user(const char __user *s, size_t count,
				    unsigned int base, long long *res);
int __must_check kstrtoul_from_user(const char __user *s, size_t count,
				    unsigned int base, unsigned long *res);
int __must_check kstrtol_from_user(const char __user *s, size_t count,
				   unsigned int base, long *res);
int __must_check kstrtouint_from_user(const char __user *s, size_t count,
				      unsigned int base, unsigned int *res);
int __must_check kstrtoint_from_user(const char __user *s, size_t count,
				     unsigned int base, int *res);
int __must_check kstrtobool_from_user(const char __user *s, size_t count,
				      bool *res);

/* Deprecated in the kernel, still used: stop at the first non-digit. */
unsigned long long simple_strtoull(const char *cp, char **endp,
				   unsigned int base);
unsigned long simple_strtoul(const char *cp, char **endp, unsigned int base);
long simple_strtol(const char *cp, char **endp, unsigned int base);

#endif
