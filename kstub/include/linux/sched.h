/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tasks are threads.  current is the calling thread's task_struct (pid is
 * its thread id, comm its name).  Sleeping entry points check might_sleep()
 * and yield or sleep for real; no signal is ever pending.
 */
#ifndef _KSTUB_LINUX_SCHED_H
#define _KSTUB_LINUX_SCHED_H

#include_next <linux/sched.h>

#include <linux/types.h>
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>
#include <linux/ktime.h>

#define TASK_COMM_LEN 16
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_KILLABLE 0x0102
#define MAX_SCHEDULE_TIMEOUT LONG_MAX

struct task_struct {
	pid_t pid;
	pid_t tgid;
	char comm[TASK_COMM_LEN];
};

struct task_struct *kstub_get_current(void);
#define current kstub_get_current()

/* Sleeps up to @timeout jiffies; returns 0 (no one wakes it early). */
long schedule_timeout(long timeout);
#define schedule_timeout_uninterruptible(t) schedule_timeout(t)
#define schedule_timeout_interruptible(t) schedule_timeout(t)
#define schedule_timeout_killable(t) schedule_timeout(t)
#define schedule() cond_resched()
#define yield() cond_resched()
#define set_current_state(state) \
	do {                     \
	} while (0)
#define __set_current_state(state) \
	do {                       \
	} while (0)
#define signal_pending(p) 0
#define fatal_signal_pending(p) 0
#define need_resched() 0

#endif
