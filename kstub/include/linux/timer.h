/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Timers.  One kstub thread runs every timer's function when jiffies
 * passes its expiry, in softirq context as the kernel's timer softirq
 * does (the function must not sleep; might_sleep() reports it), and one
 * timer at a time.  All timer calls are thread-safe.  mod_timer() of a
 * pending timer moves it; timer_delete() stops a pending one but does not
 * wait for a running function, timer_delete_sync() does (so it must not
 * be called from the function itself, nor under a lock the function
 * takes).  timer_shutdown_sync() also makes later re-arming a no-op.
 */
#ifndef _KSTUB_LINUX_TIMER_H
#define _KSTUB_LINUX_TIMER_H

#include <time.h>
#include <linux/types.h>
#include <linux/list.h>
#include <linux/jiffies.h>
#include <linux/container_of.h>
#include <linux/spinlock.h>

struct timer_list {
	struct hlist_node entry; /* on kstub's timer list while pending */
	unsigned long expires;
	void (*function)(struct timer_list *timer);
	u32 flags;
};

#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED 0x00100000
#define TIMER_IRQSAFE 0x00200000

#define __TIMER_INITIALIZER(_function, _flags)              \
	{                                                   \
		.entry = {.next = NULL, .pprev = NULL},     \
		.function = (_function), .flags = (_flags), \
	}
#define DEFINE_TIMER(_name, _function) \
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

void timer_init_key(struct timer_list *timer, void (*func)(struct timer_list *),
		    unsigned int flags);
#define timer_setup(timer, callback, flags) \
	timer_init_key((timer), (callback), (flags))
#define timer_setup_on_stack(timer, callback, flags) \
	timer_setup(timer, callback, flags)
#define destroy_timer_on_stack(timer) ((void)(timer))

/* From a timer to the structure it is embedded in. */
#define timer_container_of(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, typeof(*var), timer_fieldname)
#define from_timer(var, callback_timer, timer_fieldname) \
	timer_container_of(var, callback_timer, timer_fieldname)

/* Pending: armed and not yet run.  Racy by nature, as the kernel's. */
static inline int timer_pending(const struct timer_list *timer)
{
	return __atomic_load_n(&timer->entry.pprev, __ATOMIC_RELAXED) != NULL;
}

/* Each returns whether the timer was pending. */
int mod_timer(struct timer_list *timer, unsigned long expires);
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
int timer_reduce(struct timer_list *timer, unsigned long expires);
void add_timer(struct timer_list *timer);
/*
 * POSIX has a timer_delete() of its own (<time.h>, included above): the
 * kernel's is kstub_timer_delete() under the kernel's name.
 */
int kstub_timer_delete(struct timer_list *timer);
#define timer_delete(timer) kstub_timer_delete(timer)
int timer_delete_sync(struct timer_list *timer);
int timer_shutdown(struct timer_list *timer);
int timer_shutdown_sync(struct timer_list *timer);
#define add_timer_on(timer, cpu) add_timer(timer)
#define add_timer_global(timer) add_timer(timer)
#define del_timer(timer) timer_delete(timer)
#define del_timer_sync(timer) timer_delete_sync(timer)
#define try_to_del_timer_sync(timer) timer_delete(timer)

/* jiffies rounded to whole seconds: accepted and returned as is. */
#define round_jiffies(j) (j)
#define round_jiffies_relative(j) (j)
#define round_jiffies_up(j) (j)
#define round_jiffies_up_relative(j) (j)

#endif
