/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Bit operations on arrays of unsigned long.  set_bit/clear_bit/
 * change_bit are atomic and unordered; test_and_*_bit are atomic and fully
 * ordered; the __ forms are plain (the caller excludes everyone else).
 * The bit-lock forms (test_and_set_bit_lock, clear_bit_unlock,
 * __clear_bit_unlock: what bit_spin_lock() is built on) are acquire and
 * release, so ThreadSanitizer sees the lock.
 * The find_*_bit searches and for_each_*_bit read each word once with
 * READ_ONCE: they may run beside set_bit/clear_bit (the kernel's lockless
 * bitmap walks do), which is a race on the bits' values, not a data race.
 */
#ifndef _KSTUB_LINUX_BITOPS_H
#define _KSTUB_LINUX_BITOPS_H

#include <linux/types.h>
#include <linux/bits.h>
#include <linux/compiler.h>
#include <linux/kernel.h>

#define BITS_TO_U64(nr) DIV_ROUND_UP(nr, BITS_PER_TYPE(u64))
#define BITS_TO_U32(nr) DIV_ROUND_UP(nr, BITS_PER_TYPE(u32))
#define BITS_TO_BYTES(nr) DIV_ROUND_UP(nr, BITS_PER_BYTE)

static inline void set_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
			   __ATOMIC_RELAXED);
}

static inline void change_bit(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr), __ATOMIC_RELAXED);
}

static inline void clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	__atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
			   __ATOMIC_RELEASE);
}

/* Only the lock holder writes the word: a plain update, released. */
static inline void __clear_bit_unlock(long nr, volatile unsigned long *addr)
{
	unsigned long old =
		__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED);

	__atomic_store_n(&addr[BIT_WORD(nr)], old & ~BIT_MASK(nr),
			 __ATOMIC_RELEASE);
}

static inline bool test_and_set_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr),
				 __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

static inline bool test_and_set_bit_lock(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_or(&addr[BIT_WORD(nr)], BIT_MASK(nr),
				 __ATOMIC_ACQUIRE) &
	       BIT_MASK(nr);
}

static inline bool test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_and(&addr[BIT_WORD(nr)], ~BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

static inline bool test_and_change_bit(long nr, volatile unsigned long *addr)
{
	return __atomic_fetch_xor(&addr[BIT_WORD(nr)], BIT_MASK(nr),
				  __ATOMIC_SEQ_CST) &
	       BIT_MASK(nr);
}

static inline bool test_bit(long nr, const volatile unsigned long *addr)
{
	return 1UL & (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_RELAXED) >>
		      (nr & (BITS_PER_LONG - 1)));
}

static inline bool test_bit_acquire(long nr, const volatile unsigned long *addr)
{
	return 1UL & (__atomic_load_n(&addr[BIT_WORD(nr)], __ATOMIC_ACQUIRE) >>
		      (nr & (BITS_PER_LONG - 1)));
}

static inline void __set_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
}

static inline void __clear_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
}

static inline void __change_bit(long nr, volatile unsigned long *addr)
{
	addr[BIT_WORD(nr)] ^= BIT_MASK(nr);
}

static inline bool __test_and_set_bit(long nr, volatile unsigned long *addr)
{
	bool old = addr[BIT_WORD(nr)] & BIT_MASK(nr);

	addr[BIT_WORD(nr)] |= BIT_MASK(nr);
	return old;
}

static inline bool __test_and_clear_bit(long nr, volatile unsigned long *addr)
{
	bool old = addr[BIT_WORD(nr)] & BIT_MASK(nr);

	addr[BIT_WORD(nr)] &= ~BIT_MASK(nr);
	return old;
}

static inline unsigned int hweight_long(unsigned long w)
{
	return __builtin_popcountl(w);
}
#define hweight8(w) __builtin_popcount((u8)(w))
#define hweight16(w) __builtin_popcount((u16)(w))
#define hweight32(w) __builtin_popcount((u32)(w))
#define hweight64(w) __builtin_popcountll((u64)(w))

/* Index of the lowest/highest set bit; undefined for 0, as the kernel's. */
static inline unsigned long __ffs(unsigned long word)
{
	return __builtin_ctzl(word);
}

static inline unsigned long __fls(unsigned long word)
{
	return BITS_PER_LONG - 1 - __builtin_clzl(word);
}

static inline unsigned long ffz(unsigned long word)
{
	return __ffs(~word);
}

/* 1-based; 0 for 0. */
static inline int fls(unsigned int x)
{
	return x ? 32 - __builtin_clz(x) : 0;
}

static inline int fls64(u64 x)
{
	return x ? 64 - __builtin_clzll(x) : 0;
}

static inline unsigned int ilog2_ul(unsigned long n)
{
	return __fls(n);
}

static inline unsigned long kstub_find_next(const unsigned long *addr,
					    unsigned long size,
					    unsigned long offset,
					    unsigned long invert)
{
	unsigned long word;

	if (offset >= size)
		return size;
	word = (READ_ONCE(addr[BIT_WORD(offset)]) ^ invert) &
	       (~0UL << (offset % BITS_PER_LONG));
	offset = round_down(offset, BITS_PER_LONG);
	while (!word) {
		offset += BITS_PER_LONG;
		if (offset >= size)
			return size;
		word = READ_ONCE(addr[BIT_WORD(offset)]) ^ invert;
	}
	return min(offset + __ffs(word), size);
}

static inline unsigned long find_next_bit(const unsigned long *addr,
					  unsigned long size,
					  unsigned long offset)
{
	return kstub_find_next(addr, size, offset, 0UL);
}

static inline unsigned long find_next_zero_bit(const unsigned long *addr,
					       unsigned long size,
					       unsigned long offset)
{
	return kstub_find_next(addr, size, offset, ~0UL);
}

static inline unsigned long find_first_bit(const unsigned long *addr,
					   unsigned long size)
{
	return find_next_bit(addr, size, 0);
}

static inline unsigned long find_first_zero_bit(const unsigned long *addr,
						unsigned long size)
{
	return find_next_zero_bit(addr, size, 0);
}

static inline unsigned long find_last_bit(const unsigned long *addr,
					  unsigned long size)
{
	unsigned long i = size;

	while (i-- > 0)
		if (test_bit(i, addr))
			return i;
	return size;
}

#define for_each_set_bit(bit, addr, size)                                  \
	for ((bit) = 0;                                                    \
	     (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); \
	     (bit)++)
#define for_each_set_bit_from(bit, addr, size)                               \
	for (; (bit) = find_next_bit((addr), (size), (bit)), (bit) < (size); \
	     (bit)++)
#define for_each_clear_bit(bit, addr, size)                                \
	for ((bit) = 0; (bit) = find_next_zero_bit((addr), (size), (bit)), \
	    (bit) < (size);                                                \
	     (bit)++)

/* Rotations; @shift is taken modulo the width. */
static inline u64 rol64(u64 word, unsigned int shift)
{
	return (word << (shift & 63)) | (word >> ((-shift) & 63));
}

static inline u64 ror64(u64 word, unsigned int shift)
{
	return (word >> (shift & 63)) | (word << ((-shift) & 63));
}

static inline u32 rol32(u32 word, unsigned int shift)
{
	return (word << (shift & 31)) | (word >> ((-shift) & 31));
}

static inline u32 ror32(u32 word, unsigned int shift)
{
	return (word >> (shift & 31)) | (word << ((-shift) & 31));
}

static inline u16 rol16(u16 word, unsigned int shift)
{
	return (word << (shift & 15)) | (word >> ((-shift) & 15));
}

static inline u16 ror16(u16 word, unsigned int shift)
{
	return (word >> (shift & 15)) | (word << ((-shift) & 15));
}

static inline u8 rol8(u8 word, unsigned int shift)
{
	return (word << (shift & 7)) | (word >> ((-shift) & 7));
}

static inline u8 ror8(u8 word, unsigned int shift)
{
	return (word >> (shift & 7)) | (word << ((-shift) & 7));
}

/* @value with bit @index as its sign bit */
static inline s32 sign_extend32(u32 value, int index)
{
	u8 shift = 31 - index;

	return (s32)(value << shift) >> shift;
}

static inline s64 sign_extend64(u64 value, int index)
{
	u8 shift = 63 - index;

	return (s64)(value << shift) >> shift;
}

static inline unsigned int fls_long(unsigned long l)
{
	return fls64(l);
}

/* ffs() itself is the C library's (<strings.h>), with the same meaning. */
static inline unsigned long __ffs64(u64 word)
{
	return __builtin_ctzll(word);
}

static inline int get_count_order(unsigned int count)
{
	if (count == 0)
		return -1;
	return fls(--count);
}

static inline int get_count_order_long(unsigned long l)
{
	if (l == 0UL)
		return -1;
	return (int)fls_long(--l);
}

#define __clear_bit_unlock(nr, addr) clear_bit_unlock(nr, addr)

/* The kernel's bitops.h brings the atomics with it. */
#include <linux/atomic.h>

#endif
