/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Overflow-checked arithmetic.  check_*_overflow() store the wrapped result
 * and return true on overflow; size_*() and the array/struct helpers
 * saturate at SIZE_MAX, which every allocator then refuses.
 */
#ifndef _KSTUB_LINUX_OVERFLOW_H
#define _KSTUB_LINUX_OVERFLOW_H

#include <linux/compiler.h>
#include <linux/limits.h>
#include <stddef.h>
#include <stdint.h>

#define check_add_overflow(a, b, d) __builtin_add_overflow(a, b, d)
#define check_sub_overflow(a, b, d) __builtin_sub_overflow(a, b, d)
#define check_mul_overflow(a, b, d) __builtin_mul_overflow(a, b, d)

#define type_max(T) \
	((T)((((T)1 << (8 * sizeof(T) - 1 - ((T)-1 < 1))) - 1) * 2 + 1))
#define type_min(T) ((T)((T)-type_max(T) - (T)1))

static inline size_t size_mul(size_t factor1, size_t factor2)
{
	size_t bytes;

	if (check_mul_overflow(factor1, factor2, &bytes))
		return SIZE_MAX;
	return bytes;
}

static inline size_t size_add(size_t addend1, size_t addend2)
{
	size_t bytes;

	if (check_add_overflow(addend1, addend2, &bytes))
		return SIZE_MAX;
	return bytes;
}

static inline size_t size_sub(size_t minuend, size_t subtrahend)
{
	size_t bytes;

	if (minuend == SIZE_MAX || subtrahend == SIZE_MAX ||
	    check_sub_overflow(minuend, subtrahend, &bytes))
		return SIZE_MAX;
	return bytes;
}

#define array_size(a, b) size_mul(a, b)
#define array3_size(a, b, c) size_mul(size_mul(a, b), c)

/* Bytes of @count elements of the flexible array @member of *@p */
#define flex_array_size(p, member, count) \
	size_mul(count, sizeof(*(p)->member) + __must_be_array((p)->member))

/* Bytes of *@p with @count elements in its flexible array @member */
#define struct_size(p, member, count) \
	size_add(sizeof(*(p)), flex_array_size(p, member, count))
#define struct_size_t(type, member, count) \
	struct_size((type *)NULL, member, count)

#endif
