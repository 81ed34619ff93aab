// SPDX-License-Identifier: GPL-2.0-only
/*
 * A workload for mm/list_lru.c: two threads add objects and delete some,
 * while the main thread walks the list, isolating objects to a dispose
 * list it frees; then what is left is walked off and the lru destroyed.
 *
 * Exit status: 0; 3 when an allocation failed and the workload stopped
 * cleanly (kfault sweep --ok-exit 0,3); 1 when a check failed.
 */
#include <pthread.h>
#include <stdio.h>
#include <linux/list.h>
#include <linux/list_lru.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#include "harness.h"

#define NR_OBJECTS 2000

struct object {
	struct list_head lru;
	int id;
};

static struct list_lru lru;
static long added, deleted, walked;
static int nomem;

static enum lru_status isolate(struct list_head *item,
			       struct list_lru_one *list, void *dispose)
{
	list_lru_isolate_move(list, item, dispose);
	return LRU_REMOVED;
}

static void dispose(struct list_head *head)
{
	struct object *obj, *next;

	list_for_each_entry_safe(obj, next, head, lru) {
		list_del(&obj->lru);
		kfree(obj);
		__atomic_add_fetch(&walked, 1, __ATOMIC_RELAXED);
	}
}

static void *add_thread(void *arg)
{
	struct object *obj;
	int i;

	for (i = 0; i < NR_OBJECTS; i++) {
		obj = kmalloc(sizeof(*obj), GFP_KERNEL);
		if (!obj) {
			__atomic_store_n(&nomem, 1, __ATOMIC_RELAXED);
			break;
		}
		obj->id = i;
		if (!list_lru_add_obj(&lru, &obj->lru)) {
			kfree(obj);
			continue;
		}
		__atomic_add_fetch(&added, 1, __ATOMIC_RELAXED);
		/* every tenth goes again at once, if no walk took it */
		if (i % 10 == 0 && list_lru_del_obj(&lru, &obj->lru)) {
			kfree(obj);
			__atomic_add_fetch(&deleted, 1, __ATOMIC_RELAXED);
		}
	}
	return NULL;
}

static void walk(unsigned long nr)
{
	LIST_HEAD(head);

	list_lru_walk(&lru, isolate, &head, nr);
	dispose(&head);
}

int main(void)
{
	pthread_t t[2];
	int i, err;

	err = list_lru_init(&lru);
	if (err)
		return err == -ENOMEM ? HARNESS_EXIT_NOMEM : 1;
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, add_thread, NULL);
	for (i = 0; i < 100; i++)
		walk(16);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	walk(ULONG_MAX);
	if (list_lru_count(&lru) || added != deleted + walked) {
		fprintf(stderr,
			"harness-list_lru: %ld added, %ld deleted, "
			"%ld walked, %lu left\n",
			added, deleted, walked, list_lru_count(&lru));
		return 1;
	}
	list_lru_destroy(&lru);
	return nomem ? HARNESS_EXIT_NOMEM : 0;
}
