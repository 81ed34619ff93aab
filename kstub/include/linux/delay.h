/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Delays.  msleep() and the other sleeping forms sleep (might_sleep()
 * checks the context); udelay()/ndelay()/mdelay() spin, as they may be
 * called in atomic context.
 */
#ifndef _KSTUB_LINUX_DELAY_H
#define _KSTUB_LINUX_DELAY_H

#include <time.h>
#include <linux/jiffies.h>
#include <linux/sched.h>

static inline void msleep(unsigned int msecs)
{
	schedule_timeout(msecs_to_jiffies(msecs) + 1);
}

#define msleep_interruptible(msecs) (msleep(msecs), 0UL)
#define ssleep(secs) msleep((secs)*1000)

static inline void usleep_range(unsigned long min, unsigned long max)
{
	schedule_timeout(usecs_to_jiffies(min));
}

#define usleep_range_state(min, max, state) usleep_range(min, max)
#define fsleep(usecs) usleep_range(usecs, 2 * (usecs))

static inline void ndelay(unsigned long nsecs)
{
	struct timespec now, end;

	clock_gettime(CLOCK_MONOTONIC, &end);
	end.tv_nsec += nsecs % 1000000000UL;
	end.tv_sec += nsecs / 1000000000UL + end.tv_nsec / 1000000000L;
	end.tv_nsec %= 1000000000L;
	do {
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec < end.tv_sec ||
		 (now.tv_sec == end.tv_sec && now.tv_nsec < end.tv_nsec));
}

#define udelay(usecs) ndelay((unsigned long)(usecs)*1000)
#define mdelay(msecs) udelay((unsigned long)(msecs)*1000)

#endif
