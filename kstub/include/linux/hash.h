/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Multiplicative hashing: the top @bits bits of the value times the
 * golden ratio.  Same constants as the kernel, so the same buckets.
 */
#ifndef _KSTUB_LINUX_HASH_H
#define _KSTUB_LINUX_HASH_H

#include <linux/types.h>
#include <linux/compiler.h>

#define GOLDEN_RATIO_32 0x61C88647
#define GOLDEN_RATIO_64 0x61C8864680B583EBull

#define hash_long(val, bits) hash_64(val, bits)

static inline u32 __hash_32(u32 val)
{
	return val * GOLDEN_RATIO_32;
}

static inline u32 hash_32(u32 val, unsigned int bits)
{
	return __hash_32(val) >> (32 - bits);
}

static __always_inline u32 hash_64(u64 val, unsigned int bits)
{
	return (u32)(val * GOLDEN_RATIO_64 >> (64 - bits));
}

static inline u32 hash_ptr(const void *ptr, unsigned int bits)
{
	return hash_long((unsigned long)ptr, bits);
}

/* A 32-bit value from a pointer, not reduced to a number of bits. */
static inline u32 hash32_ptr(const void *ptr)
{
	unsigned long val = (unsigned long)ptr;

	return (u32)(val ^ (val >> 32));
}

#endif
