/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Wait queues on a pthread mutex + condition variable.  wait_event*()
 * evaluate the condition under the queue's lock and wake_up*() broadcasts
 * under it, so a waker that makes the condition true and then calls
 * wake_up() is never missed.  Waiting may sleep (might_sleep()).
 */
#ifndef _KSTUB_LINUX_WAIT_H
#define _KSTUB_LINUX_WAIT_H

#include_next <linux/wait.h>

#include <pthread.h>
#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/sched.h>

struct wait_queue_head {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	int waiters;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name)        \
	{                                          \
		.lock = PTHREAD_MUTEX_INITIALIZER, \
		.cond = PTHREAD_COND_INITIALIZER   \
	}
#define DECLARE_WAIT_QUEUE_HEAD(name) \
	struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)

void init_waitqueue_head(struct wait_queue_head *wq);
void __wake_up(struct wait_queue_head *wq);
/* The pieces wait_event*() are made of; not for direct use. */
void kstub_wait_begin(struct wait_queue_head *wq, const char *what);
/* Returns false once *@deadline (jiffies; NULL: never) has passed. */
bool kstub_wait_sleep(struct wait_queue_head *wq,
		      const unsigned long *deadline);
void kstub_wait_end(struct wait_queue_head *wq);

#define wake_up(wq) __wake_up(wq)
#define wake_up_all(wq) __wake_up(wq)
#define wake_up_interruptible(wq) __wake_up(wq)
#define wake_up_interruptible_all(wq) __wake_up(wq)
#define waitqueue_active(wq) (READ_ONCE((wq)->waiters) != 0)
#define wq_has_sleeper(wq) waitqueue_active(wq)

#define wait_event(wq, condition)                        \
	do {                                             \
		kstub_wait_begin(&(wq), "wait_event()"); \
		while (!(condition))                     \
			kstub_wait_sleep(&(wq), NULL);   \
		kstub_wait_end(&(wq));                   \
	} while (0)
/* Remaining jiffies (at least 1) when @condition came true, else 0. */
#define wait_event_timeout(wq, condition, timeout)                \
	({                                                        \
		unsigned long __end = jiffies + (timeout);        \
		long __ret = 1;                                   \
		kstub_wait_begin(&(wq), "wait_event_timeout()");  \
		while (!(condition)) {                            \
			if (!kstub_wait_sleep(&(wq), &__end)) {   \
				__ret = !!(condition);            \
				break;                            \
			}                                         \
		}                                                 \
		kstub_wait_end(&(wq));                            \
		if (__ret)                                        \
			__ret = max(1L, (long)(__end - jiffies)); \
		__ret;                                            \
	})
#define wait_event_interruptible(wq, condition) \
	({                                      \
		wait_event(wq, condition);      \
		0;                              \
	})
#define wait_event_killable(wq, condition) \
	wait_event_interruptible(wq, condition)

#endif
