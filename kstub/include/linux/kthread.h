/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kernel threads on pthreads.  kthread_create() makes a stopped thread,
 * wake_up_process() starts it, kthread_run() does both.  The thread
 * function loops until kthread_should_stop(); kthread_stop() asks it to,
 * waits for it to return and gives its return value (-EINTR if it never
 * started).  A thread that returns by itself stays until kthread_stop()
 * collects it, as a kernel thread's task_struct does.
 */
#ifndef _KSTUB_LINUX_KTHREAD_H
#define _KSTUB_LINUX_KTHREAD_H

#include <linux/err.h>
#include <linux/numa.h>
#include <linux/sched.h>

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data, int node,
					   const char namefmt[], ...)
	__printf(4, 5);
#define kthread_create(threadfn, data, namefmt, arg...) \
	kthread_create_on_node(threadfn, data, NUMA_NO_NODE, namefmt, ##arg)
#define kthread_run(threadfn, data, namefmt, ...)                \
	({                                                       \
		struct task_struct *__k = kthread_create(        \
			threadfn, data, namefmt, ##__VA_ARGS__); \
		if (!IS_ERR(__k))                                \
			wake_up_process(__k);                    \
		__k;                                             \
	})
#define kthread_bind(k, cpu) ((void)(k))

/* Starts a created thread: 1; 0 if it had already started. */
int wake_up_process(struct task_struct *p);
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
/* A thread of kthread_create() may end itself with it. */
void __noreturn kthread_exit(long result);

#endif
