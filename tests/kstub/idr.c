// SPDX-License-Identifier: GPL-2.0-only
/*
 * IDR: the kernel's id allocation rules, the idr fault site, no memory left
 * once emptied, and idr_find under RCU while another thread allocates,
 * grows and removes (run it under TSan and ASan: a table freed without a
 * grace period is a use-after-free there).
 */
#include "config.h"

#include <linux/err.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>

#include "harness.h"

static int objs[1000];

static int count_entry(int id, void *p, void *data)
{
	int *n = data;

	(*n)++;
	return p == &objs[id] ? 0 : -1;
}

static void test_rules(void)
{
	DEFINE_IDR(idr);
	int id, n = 0, sum;
	void *p;

	is_int(idr_alloc(&idr, &objs[0], 0, 0, GFP_KERNEL), 0, "first id 0");
	is_int(idr_alloc(&idr, &objs[1], 0, 0, GFP_KERNEL), 1, "then 1");
	is_int(idr_alloc(&idr, &objs[5], 5, 6, GFP_KERNEL), 5, "start 5");
	is_int(idr_alloc(&idr, &objs[5], 5, 6, GFP_KERNEL), -ENOSPC,
	       "[5, 6) full: -ENOSPC");
	is_int(idr_alloc(&idr, NULL, 0, 0, GFP_KERNEL), 2, "NULL reserves 2");
	ok(idr_find(&idr, 2) == NULL, "a reserved id finds NULL");
	is_int(idr_alloc(&idr, &objs[3], 0, 0, GFP_KERNEL), 3,
	       "a reserved id is not reused");
	ok(IS_ERR(idr_replace(&idr, &objs[4], 4)),
	   "replace of a free id fails");
	ok(idr_replace(&idr, &objs[2], 2) == NULL, "replace returns the old");
	ok(idr_find(&idr, 1) == &objs[1] && idr_find(&idr, 4) == NULL &&
		   idr_find(&idr, 100000) == NULL,
	   "idr_find");
	is_int(idr_alloc(&idr, &objs[700], 700, 0, GFP_KERNEL), 700,
	       "an id beyond the table grows it");
	ok(idr_find(&idr, 5) == &objs[5] && idr_find(&idr, 700) == &objs[700],
	   "entries survive growth");
	is_int(idr_alloc(&idr, NULL, -1, 0, GFP_KERNEL), -EINVAL,
	       "negative start: -EINVAL");

	idr_for_each(&idr, count_entry, &n);
	is_int(n, 6, "idr_for_each sees the 6 non-NULL entries");
	sum = 0;
	idr_for_each_entry(&idr, p, id)
		sum += id;
	is_int(sum, 0 + 1 + 2 + 3 + 5 + 700, "idr_for_each_entry in order");
	id = 6;
	ok(idr_get_next(&idr, &id) == &objs[700] && id == 700, "idr_get_next");

	ok(idr_remove(&idr, 1) == &objs[1] && !idr_find(&idr, 1), "remove");
	ok(idr_remove(&idr, 1) == NULL, "remove of a free id returns NULL");
	is_int(idr_alloc(&idr, &objs[1], 0, 0, GFP_KERNEL), 1,
	       "a removed id is reused");
	ok(!idr_is_empty(&idr), "not empty");
	idr_destroy(&idr);
	ok(idr_is_empty(&idr) && !idr_find(&idr, 0), "destroyed");
}

static void test_base_cyclic(void)
{
	struct idr idr;
	u32 next = 0;

	idr_init_base(&idr, 1);
	is_int(idr_alloc(&idr, &objs[1], 0, 0, GFP_KERNEL), 1, "base 1");
	ok(idr_find(&idr, 0) == NULL && idr_find(&idr, 1) == &objs[1],
	   "id 0 is below the base");
	is_int(idr_alloc_cyclic(&idr, &objs[2], 1, 4, GFP_KERNEL), 2, "cyc 2");
	is_int(idr_alloc_cyclic(&idr, &objs[3], 1, 4, GFP_KERNEL), 3, "cyc 3");
	idr_remove(&idr, 2);
	is_int(idr_alloc_cyclic(&idr, &objs[2], 1, 4, GFP_KERNEL), 2,
	       "cyclic wraps to the free id");
	is_int(idr_alloc_u32(&idr, &objs[9], &next, 100, GFP_KERNEL), 0,
	       "idr_alloc_u32");
	is_int(next, 4, "...stores the id");
	idr_destroy(&idr);
}

/* The idr class: injected failures are -ENOMEM and change nothing. */
static void test_fault(void)
{
	DEFINE_IDR(idr);
	unsigned long before = sites(KSTUB_SITE_idr);

	is_int(idr_alloc(&idr, &objs[0], 0, 0, GFP_KERNEL), 0, "alloc");
	ok(sites(KSTUB_SITE_idr) == before + 1, "idr_alloc is a site");
	fail_next(KSTUB_SITE_idr, 1);
	is_int(idr_alloc(&idr, &objs[1], 0, 0, GFP_KERNEL), -ENOMEM,
	       "an injected idr fault is -ENOMEM");
	is_int(idr_alloc(&idr, &objs[1], 0, 0, GFP_KERNEL), 1,
	       "the next call allocates the id the failed one did not");
	fail_next(KSTUB_SITE_vmalloc, 1);
	is_int(idr_alloc(&idr, &objs[900], 900, 0, GFP_KERNEL), -ENOMEM,
	       "a failed table allocation is -ENOMEM");
	fail_next(KSTUB_SITE_vmalloc, 0);
	ok(idr_find(&idr, 0) == &objs[0] && idr_find(&idr, 1) == &objs[1] &&
		   !idr_find(&idr, 900),
	   "...and leaves the entries as they were");
	idr_remove(&idr, 0);
	idr_remove(&idr, 1);
	ok(idr_is_empty(&idr), "empty again");
}

/* One updater grows and shrinks the idr while readers look up under RCU. */
static DEFINE_IDR(shared);
static DEFINE_MUTEX(shared_lock);
static int stop;
static unsigned long bad;

static void *reader(void *arg)
{
	unsigned long id;
	int *p;

	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		for (id = 0; id < 600; id += 7) {
			rcu_read_lock();
			p = idr_find(&shared, id);
			if (p && p != &objs[id])
				__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
			rcu_read_unlock();
		}
	}
	return NULL;
}

static void *updater(void *arg)
{
	int round, i, id;

	for (round = 0; round < 20; round++) {
		mutex_lock(&shared_lock);
		for (i = 0; i < 600; i++) {
			id = idr_alloc(&shared, &objs[i], i, i + 1, GFP_KERNEL);
			if (id != i)
				__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
		}
		for (i = 0; i < 600; i++)
			idr_remove(&shared, i);
		mutex_unlock(&shared_lock);
	}
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *rcu_thread(void *arg, int i)
{
	return i ? reader(arg) : updater(arg);
}

int main(void)
{
	unsigned long live;

	plan(38);
	live = live_after_rcu();
	test_rules();
	test_base_cyclic();
	test_fault();
	run_threads(3, rcu_thread, NULL);
	is_int(bad, 0, "readers under RCU only saw the right entries");
	ok(idr_is_empty(&shared), "all removed");
	is_int(live_after_rcu(), live, "an emptied idr holds no memory");
	return exit_status();
}
