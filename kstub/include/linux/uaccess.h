/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * User memory is ordinary memory in kstub: the copies never fault and
 * return 0 bytes not copied.  ASan still checks both ends of each copy.
 */
#ifndef _KSTUB_LINUX_UACCESS_H
#define _KSTUB_LINUX_UACCESS_H

#include <string.h>
#include <linux/compiler.h>
#include <linux/types.h>
#include <linux/errno.h>

static inline unsigned long __must_check copy_from_user(void *to,
							const void __user *from,
							unsigned long n)
{
	memcpy(to, (const void *)from, n);
	return 0;
}

static inline unsigned long __must_check copy_to_user(void __user *to,
						      const void *from,
						      unsigned long n)
{
	memcpy((void *)to, from, n);
	return 0;
}

static inline unsigned long __must_check clear_user(void __user *to,
						    unsigned long n)
{
	memset((void *)to, 0, n);
	return 0;
}

/* Copies up to @count bytes and a NUL; returns the length or @count. */
static inline long strncpy_from_user(char *dst, const char __user *src,
				     long count)
{
	long len = (long)strnlen((const char *)src, (size_t)count);

	memcpy(dst, (const char *)src, len < count ? len + 1 : count);
	return len;
}

#define access_ok(addr, size) ((void)(addr), (void)(size), 1)
#define get_user(x, ptr)      \
	({                    \
		(x) = *(ptr); \
		0;            \
	})
#define put_user(x, ptr)      \
	({                    \
		*(ptr) = (x); \
		0;            \
	})

#endif
