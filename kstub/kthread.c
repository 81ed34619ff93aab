// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel threads (<linux/kthread.h>).  A struct kstub_kthread holds the
 * task_struct kthread_create() hands out; its lock protects started,
 * should_stop and exited, and the thread's own pointer to it is
 * thread-local.
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <linux/kthread.h>
#include <linux/slab.h>

#include "internal.h"

struct kstub_kthread {
	struct task_struct task;
	int (*threadfn)(void *data);
	void *data;
	pthread_t tid;
	bool started;
	bool should_stop;
	int result;
};

static __thread struct kstub_kthread *kthread_self;

static void *kthread_main(void *arg)
{
	struct kstub_kthread *k = arg;

	kthread_self = k;
	prctl(PR_SET_NAME, k->task.comm);
	k->task.pid = gettid();
	k->task.tgid = getpid();
	if (__atomic_load_n(&k->should_stop, __ATOMIC_ACQUIRE))
		k->result = -EINTR;
	else
		k->result = k->threadfn(k->data);
	return NULL;
}

struct task_struct *kthread_create_on_node(int (*threadfn)(void *data),
					   void *data, int node,
					   const char namefmt[], ...)
{
	struct kstub_kthread *k = kzalloc(sizeof(*k), GFP_KERNEL);
	va_list ap;

	if (!k)
		return ERR_PTR(-ENOMEM);
	va_start(ap, namefmt);
	vsnprintf(k->task.comm, sizeof(k->task.comm), namefmt, ap);
	va_end(ap);
	k->threadfn = threadfn;
	k->data = data;
	return &k->task;
}

static struct kstub_kthread *to_kthread(struct task_struct *p)
{
	return container_of(p, struct kstub_kthread, task);
}

/* Only threads of kthread_create() can be woken: others never sleep so. */
int wake_up_process(struct task_struct *p)
{
	struct kstub_kthread *k = to_kthread(p);

	if (__atomic_exchange_n(&k->started, true, __ATOMIC_ACQ_REL))
		return 0;
	kstub_pthread(pthread_create, &k->tid, NULL, kthread_main, k);
	return 1;
}

int kthread_stop(struct task_struct *p)
{
	struct kstub_kthread *k = to_kthread(p);
	int ret;

	might_sleep();
	__atomic_store_n(&k->should_stop, true, __ATOMIC_RELEASE);
	wake_up_process(p);
	kstub_pthread(pthread_join, k->tid, NULL);
	ret = k->result;
	kfree(k);
	return ret;
}

bool kthread_should_stop(void)
{
	return kthread_self &&
	       __atomic_load_n(&kthread_self->should_stop, __ATOMIC_ACQUIRE);
}

void kthread_exit(long result)
{
	kthread_self->result = result;
	pthread_exit(NULL);
}
