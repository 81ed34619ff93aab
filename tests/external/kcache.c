// SPDX-License-Identifier: GPL-2.0-only
/*
 * An out-of-tree kernel-style file, built by `make installcheck` against the
 * installed kstub with nothing but `pkg-config --cflags --libs kstub`: a
 * small named-object registry of the kind drivers keep.  Objects carry an
 * id (idr), a refcount, and live on an RCU-protected list; lookups are
 * lockless, updates take a mutex, teardown waits for users through a
 * completion and frees through RCU.  The harness at the bottom hammers it
 * from several threads and exits non-zero on any inconsistency; kstub's
 * KSTUB_LEAK_CHECK=1 turns a leak into a failure too.
 */
#include <linux/atomic.h>
#include <linux/completion.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/rcupdate.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <pthread.h>
#include <stdio.h>

struct kobj {
	struct list_head node;
	struct rcu_head rcu;
	refcount_t users;
	struct completion done;
	const char *name;
	int id;
	atomic_long_t hits;
};

static DEFINE_MUTEX(kobj_lock);
static LIST_HEAD(kobj_list);
static DEFINE_IDR(kobj_idr);
static struct kmem_cache *kobj_cache;
static atomic_long_t kobj_lookups;

static struct kobj *kobj_create(const char *name)
{
	struct kobj *obj;
	int err = -ENOMEM;

	obj = kmem_cache_zalloc(kobj_cache, GFP_KERNEL);
	if (!obj)
		return ERR_PTR(-ENOMEM);
	obj->name = kstrdup_const(name, GFP_KERNEL);
	if (!obj->name)
		goto err_free_obj;
	refcount_set(&obj->users, 1);
	init_completion(&obj->done);

	mutex_lock(&kobj_lock);
	obj->id = idr_alloc(&kobj_idr, obj, 1, 0, GFP_KERNEL);
	if (obj->id < 0) {
		err = obj->id;
		mutex_unlock(&kobj_lock);
		goto err_free_name;
	}
	list_add_tail_rcu(&obj->node, &kobj_list);
	mutex_unlock(&kobj_lock);
	return obj;

err_free_name:
	kfree_const(obj->name);
err_free_obj:
	kmem_cache_free(kobj_cache, obj);
	return ERR_PTR(err);
}

static void kobj_put(struct kobj *obj)
{
	if (refcount_dec_and_test(&obj->users))
		complete(&obj->done);
}

/* Lockless: a reference is taken only while the object is still live. */
static struct kobj *kobj_get_by_name(const char *name)
{
	struct kobj *obj, *found = NULL;

	rcu_read_lock();
	list_for_each_entry_rcu(obj, &kobj_list, node) {
		if (!strcmp(obj->name, name) &&
		    refcount_inc_not_zero(&obj->users)) {
			found = obj;
			break;
		}
	}
	rcu_read_unlock();
	atomic_long_inc(&kobj_lookups);
	return found;
}

static void kobj_free_rcu(struct rcu_head *head)
{
	struct kobj *obj = container_of(head, struct kobj, rcu);

	kfree_const(obj->name);
	kmem_cache_free(kobj_cache, obj);
}

static void kobj_destroy(struct kobj *obj)
{
	mutex_lock(&kobj_lock);
	lockdep_assert_held(&kobj_lock);
	list_del_rcu(&obj->node);
	idr_remove(&kobj_idr, obj->id);
	mutex_unlock(&kobj_lock);

	kobj_put(obj);
	wait_for_completion(&obj->done);
	call_rcu(&obj->rcu, kobj_free_rcu);
}

/* --- harness --------------------------------------------------------- */

#define NR_READERS 3
#define ROUNDS 300

static const char *const names[] = {"alpha", "beta", "gamma", "delta"};
static int stop;
static int failures;

static void *reader(void *arg)
{
	unsigned int i = 0;

	while (!READ_ONCE(stop)) {
		struct kobj *obj = kobj_get_by_name(names[i++ % 4]);

		if (!obj)
			continue;
		if (refcount_read(&obj->users) < 1 || obj->id < 1) {
			pr_err("kcache: live object %s has users %u id %d\n",
			       obj->name, refcount_read(&obj->users), obj->id);
			WRITE_ONCE(failures, 1);
		}
		atomic_long_inc(&obj->hits);
		kobj_put(obj);
	}
	return NULL;
}

int main(void)
{
	pthread_t threads[NR_READERS];
	struct kobj *objs[4];
	int round, i;

	kobj_cache = KMEM_CACHE(kobj, 0);
	if (!kobj_cache)
		return 1;
	for (i = 0; i < NR_READERS; i++)
		pthread_create(&threads[i], NULL, reader, NULL);

	for (round = 0; round < ROUNDS; round++) {
		for (i = 0; i < 4; i++) {
			objs[i] = kobj_create(names[i]);
			if (IS_ERR(objs[i]))
				return 1;
		}
		if (idr_find(&kobj_idr, objs[2]->id) != objs[2]) {
			pr_err("kcache: idr lost object %d\n", objs[2]->id);
			failures = 1;
		}
		for (i = 0; i < 4; i++)
			kobj_destroy(objs[i]);
	}

	WRITE_ONCE(stop, 1);
	for (i = 0; i < NR_READERS; i++)
		pthread_join(threads[i], NULL);
	rcu_barrier();
	if (!idr_is_empty(&kobj_idr) || !list_empty(&kobj_list)) {
		pr_err("kcache: registry not empty at exit\n");
		failures = 1;
	}
	idr_destroy(&kobj_idr);
	kmem_cache_destroy(kobj_cache);
	printf("kcache: %d rounds, %ld lookups, %s\n", ROUNDS,
	       atomic_long_read(&kobj_lookups), failures ? "FAILED" : "ok");
	return failures;
}
