// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-thread kernel context: RCU nesting, preempt/irq depth, held locks,
 * and the might_sleep() check built on them.
 *
 * Kernel code never registers its threads with RCU, so kstub does it for
 * any thread, including ones it did not create and the main thread, the
 * first time the thread needs RCU; a pthread key destructor unregisters it
 * when the thread exits, before its TLS (which liburcu's registry points
 * to) goes away.
 */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>

#include "internal.h"
#include <linux/kernel.h>
#include <linux/jiffies.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <kstub/hook.h>
#include <kstub/report.h>

#define NSEC_PER_SEC 1000000000L

__thread struct kstub_thread kstub_cur;

static pthread_key_t kstub_thread_key;
static pthread_once_t kstub_thread_once = PTHREAD_ONCE_INIT;

static void kstub_thread_exit(void *arg)
{
	struct kstub_thread *t = kstub_current();

	if (t->lockdep_depth)
		kstub_lockdep_report(NULL,
				     "lock held when returning to user space!\n"
				     "thread %d exits holding locks",
				     (int)gettid());
	if (t->rcu_depth) {
		kstub_report(KSTUB_REPORT_lockdep, NULL,
			     "thread %d exits inside an RCU read-side critical "
			     "section (depth %d)",
			     (int)gettid(), t->rcu_depth);
		t->rcu_depth = 0;
	}
	/* whatever reader region is left open (a spinlock held, say) */
	if (t->reader_depth) {
		t->reader_depth = 0;
		kstub_urcu_read_unlock();
	}
	if (t->rcu_online) {
		t->rcu_online = false;
		kstub_urcu_unregister();
	}
}

/* Which of kstub's own threads this thread is creating (KSTUB_THREAD_*). */
static __thread int kstub_creating;

int kstub_own_thread(void)
{
	return kstub_creating;
}

void kstub_own_thread_set(int kind)
{
	kstub_creating = kind;
}

static void kstub_thread_key_create(void)
{
	kstub_pthread(pthread_key_create, &kstub_thread_key, kstub_thread_exit);
}

void kstub_thread_arm_exit(struct kstub_thread *t)
{
	kstub_pthread(pthread_once, &kstub_thread_once,
		      kstub_thread_key_create);
	/* Any non-NULL value makes the destructor run at thread exit. */
	kstub_pthread(pthread_setspecific, kstub_thread_key, t);
	t->exit_armed = true;
}

void kstub_thread_rcu_online(void)
{
	struct kstub_thread *t = kstub_current();

	if (t->rcu_online)
		return;
	if (!t->exit_armed)
		kstub_thread_arm_exit(t);
	kstub_urcu_register();
	t->rcu_online = true;
}

static int kstub_thread_name(char *buf, size_t len)
{
	if (pthread_getname_np(pthread_self(), buf, len))
		snprintf(buf, len, "?");
	return (int)gettid();
}

static noinline void kstub_sleep_in_atomic(struct kstub_thread *t,
					   const char *file, int line,
					   const void *caller)
{
	char name[32], where[256], held[1024];
	int pid = kstub_thread_name(name, sizeof(name));

	kstub_lockdep_format_held(held, sizeof(held));
	snprintf(where, sizeof(where), line ? "%s:%d" : "%s", file ? file : "?",
		 line);
	kstub_report(KSTUB_REPORT_sleep_in_atomic, caller,
		     "at %s\n"
		     "in_atomic(): %d, irqs_disabled(): %d, non_block: 0, pid: "
		     "%d, name: %s\n"
		     "preempt_count: %x, expected: 0\n"
		     "RCU nest depth: %d, expected: 0\n"
		     "%s",
		     where, t->preempt_depth || t->softirq_depth,
		     t->irq_depth > 0, pid, name,
		     t->preempt_depth + (t->softirq_depth << 8), t->rcu_depth,
		     held);
}

void kstub_might_sleep_at(const char *file, int line, const void *caller)
{
	struct kstub_thread *t = kstub_current();

	if (unlikely(t->rcu_depth || t->preempt_depth || t->irq_depth ||
		     t->softirq_depth))
		kstub_sleep_in_atomic(t, file, line, caller);
}

void __might_sleep(const char *file, int line)
{
	kstub_might_sleep_at(file, line, KSTUB_CALLER());
}

void kstub_cond_resched(void)
{
	kstub_might_sleep_at("cond_resched()", 0, KSTUB_CALLER());
	sched_yield();
}

/* Preemption, interrupts and bottom halves off: an RCU reader each. */
void kstub_preempt_disable(void)
{
	kstub_current()->preempt_depth++;
	kstub_rcu_reader_enter();
}

void kstub_preempt_enable(void)
{
	struct kstub_thread *t = kstub_current();

	if (WARN_ON_ONCE(t->preempt_depth <= 0))
		return;
	t->preempt_depth--;
	kstub_rcu_reader_exit();
}

void kstub_local_irq_disable(void)
{
	kstub_current()->irq_depth++;
	kstub_rcu_reader_enter();
}

void kstub_local_irq_enable(void)
{
	struct kstub_thread *t = kstub_current();

	if (WARN_ON_ONCE(t->irq_depth <= 0))
		return;
	t->irq_depth--;
	kstub_rcu_reader_exit();
}

int kstub_irqs_disabled(void)
{
	return kstub_current()->irq_depth > 0;
}

int kstub_preempt_count(void)
{
	struct kstub_thread *t = kstub_current();

	return t->preempt_depth + (t->softirq_depth << 8);
}

int kstub_in_softirq(void)
{
	return kstub_current()->softirq_depth > 0;
}

unsigned long kstub_jiffies(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (unsigned long)ts.tv_sec * HZ + ts.tv_nsec / (NSEC_PER_SEC / HZ);
}

static __thread struct task_struct kstub_task;

struct task_struct *kstub_get_current(void)
{
	struct task_struct *p = &kstub_task;

	if (!p->pid) {
		p->pid = gettid();
		p->tgid = getpid();
		if (pthread_getname_np(pthread_self(), p->comm,
				       sizeof(p->comm)))
			snprintf(p->comm, sizeof(p->comm), "thread-%d",
				 (int)p->pid);
	}
	return p;
}

long schedule_timeout(long timeout)
{
	struct timespec ts;

	kstub_might_sleep_at("schedule_timeout()", 0, KSTUB_CALLER());
	if (timeout >= MAX_SCHEDULE_TIMEOUT / 2)
		timeout = HZ;
	ts.tv_sec = timeout / HZ;
	ts.tv_nsec = (timeout % HZ) * (NSEC_PER_SEC / HZ);
	nanosleep(&ts, NULL);
	return 0;
}
