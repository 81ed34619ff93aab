/* SPDX-License-Identifier: GPL-2.0-only */
/* Compile-time type checks that evaluate to 1. */
#ifndef _KSTUB_LINUX_TYPECHECK_H
#define _KSTUB_LINUX_TYPECHECK_H

/* Warns (-Wcompare-distinct-pointer-types) when @x is not a @type. */
#define typecheck(type, x)                     \
	({                                     \
		type __dummy;                  \
		typeof(x) __dummy2;            \
		(void)(&__dummy == &__dummy2); \
		1;                             \
	})
#define typecheck_fn(type, function)           \
	({                                     \
		typeof(type) __tmp = function; \
		(void)__tmp;                   \
	})
#define typecheck_pointer(x)            \
	({                              \
		typeof(x) __dummy;      \
		(void)sizeof(*__dummy); \
		1;                      \
	})

#endif
