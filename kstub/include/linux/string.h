/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's string helpers over libc's <string.h> (the uapi
 * <linux/string.h>, which glibc users may include, comes first).
 *
 * The k*dup functions allocate like kmalloc() (class slab, charged to
 * their caller) and return NULL on failure.  kstrdup_const() returns its
 * argument unchanged when it points into read-only data of the program or
 * a library (the userspace counterpart of the kernel's is_kernel_rodata():
 * an address inside a loaded PT_LOAD segment that is not writable), and a
 * copy otherwise; kfree_const() frees only what is not read-only data.
 */
#ifndef _KSTUB_LINUX_STRING_H
#define _KSTUB_LINUX_STRING_H

#include_next <linux/string.h>

#include <string.h>
#include <linux/types.h>
#include <linux/compiler_types.h>

char *kstrdup(const char *s, gfp_t gfp) __malloc;
const char *kstrdup_const(const char *s, gfp_t gfp);
char *kstrndup(const char *s, size_t len, gfp_t gfp) __malloc;
void *kmemdup(const void *src, size_t len, gfp_t gfp) __alloc_size(2);
char *kmemdup_nul(const char *s, size_t len, gfp_t gfp) __malloc;
void kfree_const(const void *x);

/*
 * Copy at most @count - 1 bytes and always terminate; returns the length
 * copied, or -E2BIG when @src did not fit (or @count is 0).
 */
ssize_t strscpy(char *dest, const char *src, size_t count);
ssize_t strscpy_pad(char *dest, const char *src, size_t count);

/* memset() that the compiler may not drop */
static inline void memzero_explicit(void *s, size_t count)
{
	memset(s, 0, count);
	__asm__ __volatile__("" : : "r"(s) : "memory");
}

static inline bool strstarts(const char *str, const char *prefix)
{
	return strncmp(str, prefix, strlen(prefix)) == 0;
}

/* strlen(@prefix) when @str starts with it, else 0 */
static inline size_t str_has_prefix(const char *str, const char *prefix)
{
	size_t len = strlen(prefix);

	return strncmp(str, prefix, len) == 0 ? len : 0;
}

char *skip_spaces(const char *str);
char *strim(char *s);
bool sysfs_streq(const char *s1, const char *s2);

#endif
