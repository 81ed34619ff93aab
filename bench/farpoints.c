// SPDX-License-Identifier: GPL-2.0-only
/*
 * A sweep subject whose fault points are far into its run: a long prefix
 * of kernel-API work that offers no point (__GFP_NOFAIL allocations,
 * mutexes, RCU readers), then N allocations that may fail, each failure
 * handled, then a short end.  A run of its own per point pays the prefix
 * each time; a fork server pays it once.
 *
 *   farpoints [PREFIX [N]]   PREFIX rounds of prefix work (default
 *                            1000000: about 0.1s), N points (default 50)
 */
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include <stdio.h>
#include <stdlib.h>

static DEFINE_MUTEX(far_lock);

struct far_item {
	unsigned long v;
	struct far_item *next;
};

static struct far_item *far_list;

/* Work that every run does first: no call here may fail. */
static noinline unsigned long prefix(long rounds)
{
	unsigned long sum = 0;
	struct far_item *it;
	long i;

	for (i = 0; i < rounds; i++) {
		it = kmalloc(sizeof(*it), GFP_KERNEL | __GFP_NOFAIL);
		it->v = i;
		mutex_lock(&far_lock);
		it->next = far_list;
		far_list = it;
		mutex_unlock(&far_lock);
		rcu_read_lock();
		sum += READ_ONCE(far_list)->v;
		rcu_read_unlock();
		if (i % 64 == 63) {
			while (far_list) {
				it = far_list;
				far_list = it->next;
				kfree(it);
			}
		}
	}
	while (far_list) {
		it = far_list;
		far_list = it->next;
		kfree(it);
	}
	return sum;
}

/* The points: each allocation may fail, and a failure is handled. */
static noinline int points(long n)
{
	int failed = 0;
	void *p;
	long i;

	for (i = 0; i < n; i++) {
		p = kzalloc(128, GFP_KERNEL);
		if (!p) {
			failed++;
			continue;
		}
		kfree(p);
	}
	return failed;
}

int main(int argc, char **argv)
{
	long rounds = argc > 1 ? atol(argv[1]) : 1000000;
	long n = argc > 2 ? atol(argv[2]) : 50;
	unsigned long sum = prefix(rounds);

	printf("prefix %lu, %d of %ld points failed\n", sum, points(n), n);
	return 0;
}
