/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Random numbers for kernel code, reproducible: one generator for the
 * process, seeded from KSTUB_SEED, else from the seed=N of the KFAULT
 * spec, else from the time (and then printed once, so a run can be
 * replayed with KSTUB_SEED).  Thread-safe; the sequence a run sees is
 * the seed's when the threads draw in the same order.  Not for secrets.
 */
#ifndef _KSTUB_LINUX_RANDOM_H
#define _KSTUB_LINUX_RANDOM_H

#include_next <linux/random.h>

#include <linux/types.h>
#include <linux/kernel.h>

void get_random_bytes(void *buf, size_t len);
u8 get_random_u8(void);
u16 get_random_u16(void);
u32 get_random_u32(void);
u64 get_random_u64(void);
/* The seed in use (after the first draw or this call). */
u64 kstub_random_seed(void);

static inline unsigned long get_random_long(void)
{
	return get_random_u64();
}

/* Uniform in [0, ceil), without modulo bias; 0 for ceil 0. */
u32 __get_random_u32_below(u32 ceil);
#define get_random_u32_below(ceil) __get_random_u32_below(ceil)

/* Uniform in (floor, U32_MAX] */
static inline u32 get_random_u32_above(u32 floor)
{
	return floor + 1 + get_random_u32_below(U32_MAX - floor);
}

/* Uniform in [floor, ceil] */
static inline u32 get_random_u32_inclusive(u32 floor, u32 ceil)
{
	return floor + get_random_u32_below(ceil - floor + 1);
}

static inline u32 prandom_u32_max(u32 ceil)
{
	return get_random_u32_below(ceil);
}

#define get_random_bytes_wait(buf, len) (get_random_bytes(buf, len), 0)

#endif
