/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Time in jiffies: HZ is 1000 and jiffies counts milliseconds of the
 * monotonic clock.  jiffies is a function call here, not a variable.
 */
#ifndef _KSTUB_LINUX_JIFFIES_H
#define _KSTUB_LINUX_JIFFIES_H

#include <linux/types.h>
#include <linux/limits.h>

#define HZ 1000
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

unsigned long kstub_jiffies(void);
#define jiffies kstub_jiffies()

static inline unsigned long msecs_to_jiffies(const unsigned int m)
{
	return m;
}

static inline unsigned int jiffies_to_msecs(const unsigned long j)
{
	return j;
}

static inline unsigned long usecs_to_jiffies(const unsigned int u)
{
	return (u + 999) / 1000;
}

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)

#endif
