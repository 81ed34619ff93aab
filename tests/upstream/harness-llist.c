// SPDX-License-Identifier: GPL-2.0-only
/*
 * A workload for lib/llist.c: two producers push, one consumer pops with
 * llist_del_first() (one consumer at a time, as the API requires), then
 * the rest is taken with llist_del_all() and llist_reverse_order().
 *
 * Exit status: 0; 3 when an allocation failed and the workload stopped
 * cleanly (kfault sweep --ok-exit 0,3); 1 when a check failed.
 */
#include <pthread.h>
#include <stdio.h>
#include <linux/llist.h>
#include <linux/slab.h>

#include "harness.h"

#define NR_NODES 5000

struct node {
	struct llist_node ll;
	int seq;
};

static LLIST_HEAD(stack);
static long pushed, popped;
static int nomem, producers = 2;

static void *produce(void *arg)
{
	struct node *n;
	int i;

	for (i = 0; i < NR_NODES; i++) {
		n = kmalloc(sizeof(*n), GFP_KERNEL);
		if (!n) {
			__atomic_store_n(&nomem, 1, __ATOMIC_RELAXED);
			break;
		}
		n->seq = i;
		llist_add(&n->ll, &stack);
		__atomic_add_fetch(&pushed, 1, __ATOMIC_RELAXED);
	}
	__atomic_sub_fetch(&producers, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *consume(void *arg)
{
	struct llist_node *ll;

	while (__atomic_load_n(&producers, __ATOMIC_ACQUIRE)) {
		ll = llist_del_first(&stack);
		if (!ll)
			continue;
		kfree(llist_entry(ll, struct node, ll));
		popped++;
	}
	return NULL;
}

int main(void)
{
	struct llist_node *all;
	struct node *n, *next;
	pthread_t t[3];
	int i, last = NR_NODES;
	bool ordered = true;

	pthread_create(&t[0], NULL, consume, NULL);
	for (i = 1; i < 3; i++)
		pthread_create(&t[i], NULL, produce, NULL);
	for (i = 0; i < 3; i++)
		pthread_join(t[i], NULL);
	all = llist_reverse_order(llist_del_all(&stack));
	llist_for_each_entry_safe(n, next, all, ll)
	{
		/* oldest first: each producer's own pushes in order */
		ordered &= n->seq != last;
		last = n->seq;
		kfree(n);
		popped++;
	}
	if (popped != pushed || !llist_empty(&stack)) {
		fprintf(stderr, "harness-llist: %ld pushed, %ld popped\n",
			pushed, popped);
		return 1;
	}
	return nomem ? HARNESS_EXIT_NOMEM : 0;
}
