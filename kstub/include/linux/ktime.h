/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * ktime_t, nanoseconds as a signed 64-bit value, and the clocks
 * (<linux/timekeeping.h>): ktime_get() is CLOCK_MONOTONIC,
 * ktime_get_real() CLOCK_REALTIME, ktime_get_boottime() CLOCK_BOOTTIME.
 */
#ifndef _KSTUB_LINUX_KTIME_H
#define _KSTUB_LINUX_KTIME_H

#include <time.h>
#include <linux/types.h>

typedef s64 ktime_t;

#define NSEC_PER_USEC 1000L
#define NSEC_PER_MSEC 1000000L
#define USEC_PER_MSEC 1000L
#define MSEC_PER_SEC 1000L
#define USEC_PER_SEC 1000000L
#ifndef NSEC_PER_SEC
#define NSEC_PER_SEC 1000000000L
#endif
#define KTIME_MAX ((s64) ~((u64)1 << 63))

#define ktime_sub(lhs, rhs) ((lhs) - (rhs))
#define ktime_add(lhs, rhs) ((lhs) + (rhs))
#define ktime_add_ns(kt, nsval) ((kt) + (nsval))
#define ktime_sub_ns(kt, nsval) ((kt) - (nsval))
#define ktime_add_us(kt, usec) ((kt) + (s64)(usec)*NSEC_PER_USEC)
#define ktime_add_ms(kt, msec) ((kt) + (s64)(msec)*NSEC_PER_MSEC)

static inline ktime_t ns_to_ktime(u64 ns)
{
	return ns;
}

static inline ktime_t ms_to_ktime(u64 ms)
{
	return ms * NSEC_PER_MSEC;
}

static inline s64 ktime_to_ns(const ktime_t kt)
{
	return kt;
}

static inline s64 ktime_to_us(const ktime_t kt)
{
	return kt / NSEC_PER_USEC;
}

static inline s64 ktime_to_ms(const ktime_t kt)
{
	return kt / NSEC_PER_MSEC;
}

static inline s64 ktime_us_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_us(ktime_sub(later, earlier));
}

static inline s64 ktime_ms_delta(const ktime_t later, const ktime_t earlier)
{
	return ktime_to_ms(ktime_sub(later, earlier));
}

static inline bool ktime_after(const ktime_t cmp1, const ktime_t cmp2)
{
	return cmp1 > cmp2;
}

static inline bool ktime_before(const ktime_t cmp1, const ktime_t cmp2)
{
	return cmp1 < cmp2;
}

static inline int ktime_compare(const ktime_t cmp1, const ktime_t cmp2)
{
	return cmp1 < cmp2 ? -1 : cmp1 > cmp2;
}

static inline ktime_t __kstub_clock(clockid_t clock)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	return (s64)ts.tv_sec * NSEC_PER_SEC + ts.tv_nsec;
}

static inline ktime_t ktime_get(void)
{
	return __kstub_clock(CLOCK_MONOTONIC);
}

static inline ktime_t ktime_get_real(void)
{
	return __kstub_clock(CLOCK_REALTIME);
}

static inline ktime_t ktime_get_boottime(void)
{
	return __kstub_clock(CLOCK_BOOTTIME);
}

#define ktime_get_raw() ktime_get()
#define ktime_get_ns() ((u64)ktime_get())
#define ktime_get_raw_ns() ((u64)ktime_get())
#define ktime_get_mono_fast_ns() ((u64)ktime_get())
#define ktime_get_real_ns() ((u64)ktime_get_real())
#define ktime_get_boottime_ns() ((u64)ktime_get_boottime())
#define ktime_get_seconds() ((time64_t)(ktime_get() / NSEC_PER_SEC))
#define ktime_get_real_seconds() ((time64_t)(ktime_get_real() / NSEC_PER_SEC))
#define local_clock() ((u64)ktime_get())
#define sched_clock() ((u64)ktime_get())

typedef s64 time64_t;

#endif
