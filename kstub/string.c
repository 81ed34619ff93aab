// SPDX-License-Identifier: GPL-2.0-only
/*
 * The kernel's string helpers that allocate (kstrdup, kasprintf and their
 * _const forms) and the few that only copy or compare.
 *
 * "Read-only data" for kstrdup_const()/kfree_const() is any address inside
 * a PT_LOAD segment without PF_W of the program or a loaded library: where
 * string literals live.  It is the userspace reading of the kernel's
 * is_kernel_rodata(), and it is sound both ways: a literal is never copied
 * or freed, and anything else (heap, stack, a writable buffer) is copied
 * by kstrdup_const() and handed to kfree() by kfree_const(), which reports
 * it when kstub did not allocate it.
 */
#include "config.h"

#include <ctype.h>
#include <link.h>
#include <stdint.h>

#include "internal.h"
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/sprintf.h>
#include <linux/string.h>

struct rodata_query {
	uintptr_t addr;
	bool found;
};

static int rodata_phdr(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct rodata_query *q = arg;
	int i;

	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t start = info->dlpi_addr + ph->p_vaddr;

		if (ph->p_type != PT_LOAD || (ph->p_flags & PF_W))
			continue;
		if (q->addr >= start && q->addr < start + ph->p_memsz) {
			q->found = true;
			return 1;
		}
	}
	return 0;
}

static bool is_rodata(const void *p)
{
	struct rodata_query q = {.addr = (uintptr_t)p};

	dl_iterate_phdr(rodata_phdr, &q);
	return q.found;
}

static char *do_kmemdup_nul(const char *s, size_t len, gfp_t gfp,
			    const void *caller)
{
	char *buf = kstub_kmalloc_caller(len + 1, gfp, caller);

	if (buf) {
		memcpy(buf, s, len);
		buf[len] = '\0';
	}
	return buf;
}

static char *do_kstrdup(const char *s, gfp_t gfp, const void *caller)
{
	if (!s)
		return NULL;
	return do_kmemdup_nul(s, strlen(s), gfp, caller);
}

char *kstrdup(const char *s, gfp_t gfp)
{
	return do_kstrdup(s, gfp, KSTUB_CALLER());
}

static const char *do_kstrdup_const(const char *s, gfp_t gfp,
				    const void *caller)
{
	if (is_rodata(s))
		return s;
	return do_kstrdup(s, gfp, caller);
}

const char *kstrdup_const(const char *s, gfp_t gfp)
{
	return do_kstrdup_const(s, gfp, KSTUB_CALLER());
}

char *kstrndup(const char *s, size_t max, gfp_t gfp)
{
	if (!s)
		return NULL;
	return do_kmemdup_nul(s, strnlen(s, max), gfp, KSTUB_CALLER());
}

char *kmemdup_nul(const char *s, size_t len, gfp_t gfp)
{
	if (!s)
		return NULL;
	return do_kmemdup_nul(s, len, gfp, KSTUB_CALLER());
}

void *kmemdup(const void *src, size_t len, gfp_t gfp)
{
	void *p = kstub_kmalloc_caller(len, gfp, KSTUB_CALLER());

	if (p && len)
		memcpy(p, src, len);
	return p;
}

void kfree_const(const void *x)
{
	if (ZERO_OR_NULL_PTR(x) || is_rodata(x))
		return;
	kstub_kfree_caller(x, KSTUB_CALLER());
}

static char *do_kvasprintf(gfp_t gfp, const char *fmt, va_list ap,
			   const void *caller)
{
	va_list aq;
	char *p;
	int len;

	va_copy(aq, ap);
	len = kstub_vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (len < 0)
		return NULL;
	p = kstub_kmalloc_caller(len + 1, gfp, caller);
	if (p)
		kstub_vsnprintf(p, len + 1, fmt, ap);
	return p;
}

char *kvasprintf(gfp_t gfp, const char *fmt, va_list ap)
{
	return do_kvasprintf(gfp, fmt, ap, KSTUB_CALLER());
}

char *kasprintf(gfp_t gfp, const char *fmt, ...)
{
	va_list ap;
	char *p;

	va_start(ap, fmt);
	p = do_kvasprintf(gfp, fmt, ap, KSTUB_CALLER());
	va_end(ap);
	return p;
}

const char *kvasprintf_const(gfp_t gfp, const char *fmt, va_list ap)
{
	const void *caller = KSTUB_CALLER();

	if (!strchr(fmt, '%'))
		return do_kstrdup_const(fmt, gfp, caller);
	if (!strcmp(fmt, "%s"))
		return do_kstrdup_const(va_arg(ap, const char *), gfp, caller);
	return do_kvasprintf(gfp, fmt, ap, caller);
}

int vscnprintf(char *buf, size_t size, const char *fmt, va_list args)
{
	int i;

	if (!size)
		return 0;
	i = kstub_vsnprintf(buf, size, fmt, args);
	if (i < 0)
		return 0;
	return (size_t)i < size ? i : (int)(size - 1);
}

int scnprintf(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int i;

	va_start(ap, fmt);
	i = vscnprintf(buf, size, fmt, ap);
	va_end(ap);
	return i;
}

ssize_t strscpy(char *dest, const char *src, size_t count)
{
	size_t len;

	if (!count)
		return -E2BIG;
	len = strnlen(src, count);
	if (len == count) {
		memcpy(dest, src, count - 1);
		dest[count - 1] = '\0';
		return -E2BIG;
	}
	memcpy(dest, src, len + 1);
	return len;
}

ssize_t strscpy_pad(char *dest, const char *src, size_t count)
{
	ssize_t written = strscpy(dest, src, count);

	if (written >= 0 && (size_t)written + 1 < count)
		memset(dest + written + 1, 0, count - written - 1);
	return written;
}

char *skip_spaces(const char *str)
{
	while (isspace((unsigned char)*str))
		str++;
	return (char *)str;
}

/* Trailing white space is cut off; returns the first non-space. */
char *strim(char *s)
{
	size_t size = strlen(s);
	char *end;

	if (!size)
		return s;
	end = s + size - 1;
	while (end >= s && isspace((unsigned char)*end))
		end--;
	end[1] = '\0';
	return skip_spaces(s);
}

/* Equal, where a trailing newline on either side does not count. */
bool sysfs_streq(const char *s1, const char *s2)
{
	while (*s1 && *s1 == *s2) {
		s1++;
		s2++;
	}
	if (*s1 == *s2)
		return true;
	if (!*s1 && *s2 == '\n' && !s2[1])
		return true;
	if (*s1 == '\n' && !s1[1] && !*s2)
		return true;
	return false;
}
