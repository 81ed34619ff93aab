// SPDX-License-Identifier: GPL-2.0-only
/*
 * A lockless walk over an RCU list of refcounted objects, the way
 * shrink_slab walks shrinkers, with one ordering chosen by argv[1]:
 *
 *   bug    the walker drops its reference *before* re-entering the RCU
 *          read-side section; the owner, woken by that put, unlinks the
 *          object, waits for a grace period that no longer covers the
 *          walker, and frees it; the walker then reads the freed object
 *   fixed  rcu_read_lock() first, then the put: the grace period waits
 *
 * The window is a few instructions wide, so the bug almost never shows
 * without delay injection.  A freed object is seen by ASan (and by TSan)
 * as a use-after-free; in a plain build the walker finds the poison the
 * owner wrote before kfree and WARNs.
 */
#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/slab.h>

#include <pthread.h>
#include <stdio.h>
#include <string.h>

#define OBJ_ALIVE 0xa11ce0UL
#define OBJ_DEAD 0xdead00UL

#define NR_WALKERS 2
#define NR_WALKS 300
#define NR_CYCLES 60
#define NR_LIVE 3

struct obj {
	struct list_head list;
	refcount_t ref;
	struct completion done;
	unsigned long magic;
};

static LIST_HEAD(objs);
static DEFINE_MUTEX(objs_lock);
static bool buggy;

static bool obj_try_get(struct obj *o)
{
	return refcount_inc_not_zero(&o->ref);
}

static void obj_put(struct obj *o)
{
	if (refcount_dec_and_test(&o->ref))
		complete(&o->done);
}

static struct obj *obj_create(void)
{
	struct obj *o = kzalloc(sizeof(*o), GFP_KERNEL);

	if (!o)
		return NULL;
	init_completion(&o->done);
	o->magic = OBJ_ALIVE;
	refcount_set(&o->ref, 1);
	mutex_lock(&objs_lock);
	list_add_tail_rcu(&o->list, &objs);
	mutex_unlock(&objs_lock);
	return o;
}

/* The owner's teardown: no walker may hold it once the completion fires. */
static void obj_destroy(struct obj *o)
{
	obj_put(o);
	wait_for_completion(&o->done);
	mutex_lock(&objs_lock);
	list_del_rcu(&o->list);
	mutex_unlock(&objs_lock);
	synchronize_rcu();
	WRITE_ONCE(o->magic, OBJ_DEAD);
	kfree(o);
}

static void walk(void)
{
	struct obj *o;

	rcu_read_lock();
	list_for_each_entry_rcu(o, &objs, list) {
		if (!obj_try_get(o))
			continue;
		rcu_read_unlock();
		/* work that may sleep happens here */
		if (buggy) {
			obj_put(o);
			rcu_read_lock();
		} else {
			rcu_read_lock();
			obj_put(o);
		}
		if (WARN(READ_ONCE(o->magic) != OBJ_ALIVE,
			 "walker: object %p freed under the walk", o))
			break;
	}
	rcu_read_unlock();
}

static void *walker(void *arg)
{
	int i;

	for (i = 0; i < NR_WALKS; i++)
		walk();
	return arg;
}

static void *owner(void *arg)
{
	struct obj *live[NR_LIVE] = {0};
	int i;

	for (i = 0; i < NR_CYCLES; i++) {
		struct obj **slot = &live[i % NR_LIVE];

		if (*slot)
			obj_destroy(*slot);
		*slot = obj_create();
	}
	for (i = 0; i < NR_LIVE; i++)
		if (live[i])
			obj_destroy(live[i]);
	return arg;
}

int main(int argc, char **argv)
{
	pthread_t walkers[NR_WALKERS], own;
	int i;

	if (argc != 2 || (strcmp(argv[1], "bug") && strcmp(argv[1], "fixed"))) {
		fprintf(stderr, "usage: race-uaf bug|fixed\n");
		return 2;
	}
	buggy = !strcmp(argv[1], "bug");
	pthread_create(&own, NULL, owner, NULL);
	for (i = 0; i < NR_WALKERS; i++)
		pthread_create(&walkers[i], NULL, walker, NULL);
	for (i = 0; i < NR_WALKERS; i++)
		pthread_join(walkers[i], NULL);
	pthread_join(own, NULL);
	return 0;
}
