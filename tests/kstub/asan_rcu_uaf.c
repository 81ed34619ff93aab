// SPDX-License-Identifier: GPL-2.0-only
/*
 * The ASan negative control and its correct twin, one program:
 *   asan_rcu_uaf bad   reads an object after its grace period ended and
 *                      call_rcu freed it (AddressSanitizer must report)
 *   asan_rcu_uaf good  reads it inside the read-side section that was
 *                      open when call_rcu was called (legal: must be clean)
 */
#include "config.h"

#include <string.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

struct obj {
	long val;
	struct rcu_head rcu;
};

static void obj_free(struct rcu_head *head)
{
	kfree(container_of(head, struct obj, rcu));
}

int main(int argc, char **argv)
{
	volatile long sum = 0;
	struct obj *o;
	bool bad;

	/* "bad" runs the bug; anything else the correct twin */
	bad = argc == 2 && !strcmp(argv[1], "bad");
	o = kmalloc(sizeof(*o), GFP_KERNEL);
	if (!o)
		return 1;
	o->val = 1;
	rcu_read_lock();
	call_rcu(&o->rcu, obj_free);
	sum += o->val;
	rcu_read_unlock();
	if (bad) {
		rcu_barrier();
		sum += o->val;
	}
	rcu_barrier();
	printf("sum %ld\n", (long)sum);
	return 0;
}
