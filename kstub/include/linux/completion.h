/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Completions: complete() lets one waiter through, complete_all() every
 * present and future waiter until reinit_completion().  Waiting may sleep
 * (might_sleep()); complete() never does.  complete*() and the waits are
 * hook sites (complete, wait_for_completion); what the completer did before
 * complete() happens before the waiter's return.  With the environment
 * variable KSTUB_HUNG_TASK_TIMEOUT_SECS=N, a wait without a timeout that
 * lasts N seconds is reported once ("blocked for more than N seconds").
 */
#ifndef _KSTUB_LINUX_COMPLETION_H
#define _KSTUB_LINUX_COMPLETION_H

#include <pthread.h>
#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/wait.h>

struct completion {
	unsigned int done;
	pthread_mutex_t lock;
	pthread_cond_t wait;
};

#define COMPLETION_INITIALIZER(work)                                   \
	{                                                              \
		0, PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER \
	}
#define COMPLETION_INITIALIZER_ONSTACK(work) \
	((struct completion)COMPLETION_INITIALIZER(work))
#define DECLARE_COMPLETION(work) \
	struct completion work = COMPLETION_INITIALIZER(work)
#define DECLARE_COMPLETION_ONSTACK(work) DECLARE_COMPLETION(work)
#define DECLARE_COMPLETION_ONSTACK_MAP(work, map) DECLARE_COMPLETION(work)

void init_completion(struct completion *x);
/* Not while anyone waits or completes. */
void reinit_completion(struct completion *x);
void complete(struct completion *x);
void complete_all(struct completion *x);
void wait_for_completion(struct completion *x);
/* @timeout in jiffies; returns jiffies left (at least 1), 0 on timeout. */
unsigned long __must_check wait_for_completion_timeout(struct completion *x,
						       unsigned long timeout);
int __must_check wait_for_completion_interruptible(struct completion *x);
int __must_check wait_for_completion_killable(struct completion *x);
#define wait_for_completion_io(x) wait_for_completion(x)
#define wait_for_completion_state(x, state) wait_for_completion_killable(x)
/* Takes one completion if there is one, without waiting. */
bool try_wait_for_completion(struct completion *x);
/* True if a waiter would not wait. */
bool completion_done(struct completion *x);

#endif
