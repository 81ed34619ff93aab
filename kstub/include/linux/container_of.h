/* SPDX-License-Identifier: GPL-2.0-only */
/* From a pointer to a member back to its containing object. */
#ifndef _KSTUB_LINUX_CONTAINER_OF_H
#define _KSTUB_LINUX_CONTAINER_OF_H

#include <linux/build_bug.h>
#include <linux/stddef.h>
#include <linux/types.h>

#define typeof_member(T, m) typeof(((T *)0)->m)

/*
 * @ptr must point at @member of a @type: checked at compile time as the
 * kernel does, unless @ptr is a void pointer.  Computed on integers: the
 * kernel's pointer arithmetic wraps, so container_of(NULL, ...) at the
 * end of a walk is no UBSan report there, nor here.
 */
#define container_of(ptr, type, member)                                   \
	({                                                                \
		void *__mptr = (void *)(ptr);                             \
		static_assert(__same_type(*(ptr), ((type *)0)->member) || \
				      __same_type(*(ptr), void),          \
			      "pointer type mismatch in container_of()"); \
		((type *)((uintptr_t)__mptr - offsetof(type, member)));   \
	})

/* The same, keeping the const of @ptr. */
#define container_of_const(ptr, type, member) \
	_Generic(ptr,                                                   \
		const typeof(*(ptr)) *: ((const type *)container_of(ptr, type, \
								   member)), \
		default: ((type *)container_of(ptr, type, member)))

#endif
