// SPDX-License-Identifier: GPL-2.0-only
/*
 * The TSan negative control and its correct twin, one program:
 *   tsan_rcu_free bad   frees an object right away while a reader still
 *                       uses it (the bug ThreadSanitizer must report)
 *   tsan_rcu_free good  frees it through call_rcu (must be silent)
 * The threads hand over with relaxed atomics, which give ThreadSanitizer
 * no happens-before edge: only kstub's RCU annotations may order them.
 */
#include "config.h"

#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/sched.h>

struct obj {
	long val;
	struct rcu_head rcu;
};

static struct obj *gp;
static int step;
static bool bad;

static void wait_step(int s)
{
	while (__atomic_load_n(&step, __ATOMIC_RELAXED) < s)
		sched_yield();
}

static void set_step(int s)
{
	__atomic_store_n(&step, s, __ATOMIC_RELAXED);
}

static void obj_free(struct rcu_head *head)
{
	kfree(container_of(head, struct obj, rcu));
}

static long sum;

static void *reader(void *arg)
{
	struct obj *p;

	rcu_read_lock();
	p = rcu_dereference(gp);
	sum += p->val;
	set_step(1);
	wait_step(2);
	sum += p->val;
	rcu_read_unlock();
	return NULL;
}

static void *updater(void *arg)
{
	struct obj *old;

	wait_step(1);
	old = rcu_access_pointer(gp);
	RCU_INIT_POINTER(gp, NULL);
	if (bad)
		kfree(old);
	else
		call_rcu(&old->rcu, obj_free);
	set_step(2);
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t r, u;
	struct obj *o;

	/* "bad" runs the bug; anything else the correct twin */
	bad = argc == 2 && !strcmp(argv[1], "bad");
	o = kmalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		return 1;
	o->val = 1;
	rcu_assign_pointer(gp, o);
	pthread_create(&r, NULL, reader, NULL);
	pthread_create(&u, NULL, updater, NULL);
	pthread_join(r, NULL);
	pthread_join(u, NULL);
	rcu_barrier();
	printf("sum %ld\n", sum);
	return 0;
}
