// SPDX-License-Identifier: GPL-2.0-only
/*
 * XArray: the kernel's rules for stores, loads, reservations, allocating
 * arrays, marks and searches; the advanced API as mm/list_lru.c uses it;
 * allocation failures that change nothing and leak nothing; and lockless
 * readers under RCU while updaters grow and shrink the tree (run it under
 * TSan and ASan: a node freed without a grace period is a use-after-free
 * there).
 */
#include "config.h"

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/xarray.h>

#include "harness.h"

static int objs[8];

static void test_store_load(void)
{
	DEFINE_XARRAY(xa);
	unsigned long big = 1UL << 40, warns;
	void *old;

	ok(xa_empty(&xa) && !xa_load(&xa, 0), "a new array is empty");
	ok(xa_store(&xa, 5, &objs[0], GFP_KERNEL) == NULL,
	   "store into an empty index returns NULL");
	ok(xa_load(&xa, 5) == &objs[0] && !xa_load(&xa, 4) &&
		   !xa_load(&xa, 6) && !xa_load(&xa, big),
	   "xa_load finds it and nothing else");
	ok(xa_store(&xa, 5, &objs[1], GFP_KERNEL) == &objs[0],
	   "a second store returns the old entry");
	ok(xa_store(&xa, big, xa_mk_value(big), GFP_KERNEL) == NULL &&
		   xa_store(&xa, ULONG_MAX, &objs[2], GFP_KERNEL) == NULL,
	   "stores far away grow the tree");
	ok(xa_load(&xa, 5) == &objs[1] && xa_load(&xa, ULONG_MAX) == &objs[2] &&
		   xa_is_value(xa_load(&xa, big)) &&
		   xa_to_value(xa_load(&xa, big)) == big,
	   "entries survive growth; values round-trip");
	ok(xa_erase(&xa, ULONG_MAX) == &objs[2] && xa_erase(&xa, big) &&
		   !xa_erase(&xa, big),
	   "xa_erase returns what was there, then NULL");
	ok(xa_load(&xa, 5) == &objs[1], "entries survive shrinking");
	warns = reports(KSTUB_REPORT_warn);
	old = xa_store(&xa, 7, XA_RETRY_ENTRY, GFP_KERNEL);
	ok(xa_is_err(old) && xa_err(old) == -EINVAL && !xa_load(&xa, 7),
	   "an internal entry cannot be stored: -EINVAL");
	is_int(reports(KSTUB_REPORT_warn), warns + 1, "...with a WARNING");
	ok(xa_store(&xa, 5, NULL, GFP_KERNEL) == &objs[1] && xa_empty(&xa),
	   "storing NULL erases; the array is empty again");
	ok(!xa_err(xa_mk_value(3)) && !xa_err(&objs[0]) && !xa_err(NULL),
	   "xa_err of ordinary entries is 0");
	xa_destroy(&xa);
}

static void test_insert_cmpxchg_reserve(void)
{
	DEFINE_XARRAY(xa);

	is_int(xa_insert(&xa, 3, &objs[0], GFP_KERNEL), 0, "xa_insert");
	is_int(xa_insert(&xa, 3, &objs[1], GFP_KERNEL), -EBUSY,
	       "xa_insert on an occupied index: -EBUSY");
	ok(xa_cmpxchg(&xa, 3, &objs[1], &objs[2], GFP_KERNEL) == &objs[0] &&
		   xa_load(&xa, 3) == &objs[0],
	   "xa_cmpxchg with the wrong old value changes nothing");
	ok(xa_cmpxchg(&xa, 3, &objs[0], &objs[2], GFP_KERNEL) == &objs[0] &&
		   xa_load(&xa, 3) == &objs[2],
	   "xa_cmpxchg with the right old value swaps");
	is_int(xa_reserve(&xa, 9, GFP_KERNEL), 0, "xa_reserve");
	ok(!xa_load(&xa, 9) && !xa_empty(&xa), "a reserved index loads NULL");
	is_int(xa_insert(&xa, 9, &objs[0], GFP_KERNEL), -EBUSY,
	       "xa_insert on a reserved index: -EBUSY");
	ok(xa_cmpxchg(&xa, 9, NULL, &objs[1], GFP_KERNEL) == NULL &&
		   xa_load(&xa, 9) == NULL,
	   "xa_cmpxchg sees a reserved index as XA_ZERO_ENTRY, not NULL");
	ok(xa_cmpxchg(&xa, 9, XA_ZERO_ENTRY, &objs[1], GFP_KERNEL) == NULL &&
		   xa_load(&xa, 9) == &objs[1],
	   "...and fills it from XA_ZERO_ENTRY");
	is_int(xa_reserve(&xa, 10, GFP_KERNEL), 0, "reserve 10");
	xa_release(&xa, 10);
	xa_release(&xa, 9);
	ok(xa_load(&xa, 9) == &objs[1], "xa_release leaves a stored entry");
	is_int(xa_insert(&xa, 10, NULL, GFP_KERNEL), 0,
	       "xa_release freed the index; inserting NULL reserves it");
	xa_erase(&xa, 3);
	xa_erase(&xa, 9);
	xa_erase(&xa, 10);
	ok(xa_empty(&xa), "empty once all is erased");
}

static void test_alloc(void)
{
	DEFINE_XARRAY_ALLOC(xa);
	DEFINE_XARRAY_ALLOC1(xa1);
	DEFINE_XARRAY(plain);
	u32 id = 99, next = 0;
	unsigned long warns;
	int i, err = 0;
	bool seq = true;

	for (i = 0; i < 200; i++) {
		err |= xa_alloc(&xa, &id, &objs[0], xa_limit_32b, GFP_KERNEL);
		seq &= id == (u32)i;
	}
	ok(!err && seq, "xa_alloc hands out 0, 1, 2, ... 199");
	xa_erase(&xa, 70);
	xa_erase(&xa, 3);
	ok(!xa_alloc(&xa, &id, &objs[1], xa_limit_31b, GFP_KERNEL) && id == 3,
	   "the lowest free id is reused");
	ok(!xa_alloc(&xa, &id, NULL, xa_limit_31b, GFP_KERNEL) && id == 70 &&
		   !xa_load(&xa, 70),
	   "allocating NULL reserves the id");
	ok(!xa_alloc(&xa, &id, &objs[1], xa_limit_31b, GFP_KERNEL) && id == 200,
	   "...which is then not free");
	ok(xa_store(&xa, 201, NULL, GFP_KERNEL) == NULL &&
		   !xa_alloc(&xa, &id, &objs[1], xa_limit_31b, GFP_KERNEL) &&
		   id == 202,
	   "storing NULL in an allocating array reserves too");
	is_int(xa_alloc(&xa, &id, &objs[1], XA_LIMIT(10, 20), GFP_KERNEL),
	       -EBUSY, "a full range: -EBUSY");
	ok(!xa_alloc(&xa, &id, &objs[1], XA_LIMIT(5000, 6000), GFP_KERNEL) &&
		   id == 5000,
	   "the limit's minimum is honoured");
	warns = reports(KSTUB_REPORT_warn);
	is_int(xa_alloc(&plain, &id, &objs[1], xa_limit_32b, GFP_KERNEL),
	       -EINVAL, "xa_alloc without XA_FLAGS_ALLOC: -EINVAL");
	is_int(reports(KSTUB_REPORT_warn), warns + 1, "...with a WARNING");
	ok(!xa_alloc(&xa1, &id, &objs[0], xa_limit_32b, GFP_KERNEL) && id == 1,
	   "XA_FLAGS_ALLOC1 starts at 1");
	ok(xa_alloc_cyclic(&xa1, &id, &objs[0], XA_LIMIT(1, 3), &next,
			   GFP_KERNEL) == 0 &&
		   id == 2 && next == 3,
	   "xa_alloc_cyclic goes on from next");
	xa_erase(&xa1, 1);
	ok(xa_alloc_cyclic(&xa1, &id, &objs[0], XA_LIMIT(1, 3), &next,
			   GFP_KERNEL) == 0 &&
		   id == 3,
	   "...to the top of the range");
	ok(xa_alloc_cyclic(&xa1, &id, &objs[0], XA_LIMIT(1, 3), &next,
			   GFP_KERNEL) == 1 &&
		   id == 1,
	   "...then wraps, returning 1");
	xa_destroy(&xa);
	xa_destroy(&xa1);
	ok(xa_empty(&xa) && xa_empty(&xa1), "xa_destroy empties");
}

static void test_iterate_and_marks(void)
{
	static const unsigned long at[] = {0,	 1,	    63,	      64,
					   4095, 1UL << 33, ULONG_MAX};
	DEFINE_XARRAY(xa);
	unsigned long index, sum = 0, n = 0;
	void *entry, *dst[8];
	bool right = true;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(at); i++)
		xa_store(&xa, at[i], xa_mk_value(i), GFP_KERNEL);
	ok(!xa_reserve(&xa, 100, GFP_KERNEL), "reserve 100");
	i = 0;
	xa_for_each(&xa, index, entry)
	{
		right &= index == at[i] && xa_to_value(entry) == i;
		i++;
	}
	ok(right && i == ARRAY_SIZE(at),
	   "xa_for_each visits entries in order, skipping reserved ones");
	xa_for_each_start(&xa, index, entry, 65) n++;
	is_int(n, 3, "xa_for_each_start from 65");
	n = 0;
	xa_for_each_range(&xa, index, entry, 1, 4095) n++;
	is_int(n, 4, "xa_for_each_range [1, 4095]");
	index = 2;
	ok(xa_find(&xa, &index, ULONG_MAX, XA_PRESENT) == xa_mk_value(2) &&
		   index == 63,
	   "xa_find: the first entry at or after");
	ok(xa_find_after(&xa, &index, ULONG_MAX, XA_PRESENT) ==
			   xa_mk_value(3) &&
		   index == 64,
	   "xa_find_after: the first entry after");
	index = 65;
	ok(!xa_find(&xa, &index, 4000, XA_PRESENT) && index == 65,
	   "xa_find up to a max with nothing there: NULL, index unchanged");
	index = ULONG_MAX;
	ok(!xa_find_after(&xa, &index, ULONG_MAX, XA_PRESENT),
	   "nothing after ULONG_MAX");
	is_int(xa_extract(&xa, dst, 1, ULONG_MAX, 8, XA_PRESENT), 6,
	       "xa_extract copies the entries");

	ok(!xa_marked(&xa, XA_MARK_1), "no mark yet");
	xa_set_mark(&xa, 64, XA_MARK_1);
	xa_set_mark(&xa, 1UL << 33, XA_MARK_1);
	xa_set_mark(&xa, 77, XA_MARK_1);
	ok(xa_get_mark(&xa, 64, XA_MARK_1) &&
		   !xa_get_mark(&xa, 63, XA_MARK_1) &&
		   !xa_get_mark(&xa, 64, XA_MARK_2) &&
		   !xa_get_mark(&xa, 77, XA_MARK_1),
	   "marks stick to present entries only");
	ok(xa_marked(&xa, XA_MARK_1) && !xa_marked(&xa, XA_MARK_2),
	   "xa_marked");
	n = 0;
	xa_for_each_marked(&xa, index, entry, XA_MARK_1)
	{
		n++;
		sum += index;
	}
	ok(n == 2 && sum == 64 + (1UL << 33), "xa_for_each_marked");
	xa_clear_mark(&xa, 64, XA_MARK_1);
	xa_erase(&xa, 1UL << 33);
	ok(!xa_marked(&xa, XA_MARK_1) && !xa_get_mark(&xa, 64, XA_MARK_1),
	   "clearing and erasing take the mark away");
	xa_store(&xa, 1UL << 33, xa_mk_value(5), GFP_KERNEL);
	ok(!xa_get_mark(&xa, 1UL << 33, XA_MARK_1),
	   "a new entry does not inherit an erased one's mark");
	xa_set_mark(&xa, 0, XA_MARK_0);
	xa_store(&xa, 0, xa_mk_value(9), GFP_KERNEL);
	ok(xa_get_mark(&xa, 0, XA_MARK_0),
	   "replacing an entry keeps its marks");
	xa_destroy(&xa);
	ok(xa_empty(&xa) && !xa_marked(&xa, XA_MARK_0), "destroyed");
}

/* mm/list_lru.c's uses of the advanced API. */
static void test_advanced(void)
{
	DEFINE_XARRAY_FLAGS(xa, XA_FLAGS_LOCK_IRQ);
	XA_STATE(xas, &xa, 0);
	unsigned long flags, i, seen = 0;
	int err = 0;
	void *entry;

	for (i = 1; i <= 100; i++) {
		xas_set(&xas, i * 7);
		do {
			xas_lock_irqsave(&xas, flags);
			if (!xas_load(&xas))
				xas_store(&xas, xa_mk_value(i * 7));
			xas_unlock_irqrestore(&xas, flags);
		} while (xas_nomem(&xas, GFP_KERNEL));
		err |= xas_error(&xas);
	}
	ok(!err && xa_load(&xa, 700) == xa_mk_value(700),
	   "xas_load/xas_store/xas_nomem store");

	xas_set(&xas, 0);
	rcu_read_lock();
	ok(!xas_load(&xas) && xas_next(&xas) == NULL &&
		   xas_next(&xas) == NULL && xas.xa_index == 2,
	   "xas_next walks index by index");
	xas_set(&xas, 8);
	ok(xas_find(&xas, ULONG_MAX) == xa_mk_value(14) && xas.xa_index == 14 &&
		   xas_find(&xas, ULONG_MAX) == xa_mk_value(21),
	   "xas_find: at or after, then after");
	xas_pause(&xas);
	ok(xas_find(&xas, ULONG_MAX) == xa_mk_value(28), "xas_pause");
	ok(!xas_find(&xas, 30) && xas.xa_node == XAS_BOUNDS &&
		   !xas_find(&xas, ULONG_MAX),
	   "past max: XAS_BOUNDS, and it stays there");
	rcu_read_unlock();

	xas_set(&xas, 0);
	xas_lock_irq(&xas);
	xas_for_each(&xas, entry, ULONG_MAX)
	{
		seen += xa_to_value(entry) == xas.xa_index;
		xas_store(&xas, NULL);
	}
	xas_unlock_irq(&xas);
	ok(seen == 100 && xa_empty(&xa),
	   "xas_for_each under the lock may erase what it visits");
}

/* The advanced API's store: retry while xas_nomem() finds memory. */
static void xas_store_retry(struct xa_state *xas, void *entry)
{
	do {
		xas_lock(xas);
		xas_store(xas, entry);
		xas_unlock(xas);
	} while (xas_nomem(xas, GFP_KERNEL));
}

/*
 * Fault injection: one failed node allocation is retried with the
 * caller's gfp; two in a row are -ENOMEM, wherever they fall, and change
 * nothing.
 */
static void test_nomem(void)
{
	DEFINE_XARRAY(xa);
	XA_STATE(xas, &xa, 1UL << 30);
	unsigned long live = live_after_rcu(), far;
	bool unchanged = true, stored = true, spent = true;
	int k;
	void *r;

	xa_store(&xa, 1, &objs[0], GFP_KERNEL);
	/* 2^50 needs 16 nodes: 8 new roots on top, 8 on a path under them */
	for (k = 0; k < 16; k++) {
		far = (1UL << 50) + k;
		fail_allocs_after(k, 1);
		r = xa_store(&xa, far, &objs[2], GFP_KERNEL);
		spent &= !fails_left();
		fail_allocs(0);
		stored &= r == NULL && xa_load(&xa, far) == &objs[2];
		xa_erase(&xa, far);
	}
	ok(spent, "the stores met every failure");
	ok(stored, "one failure, wherever it falls: retried, stored");
	for (k = 0; k < 16; k++) {
		far = (1UL << 50) + k;
		fail_allocs_after(k, 2);
		r = xa_store(&xa, far, &objs[2], GFP_KERNEL);
		fail_allocs(0);
		unchanged &= xa_err(r) == -ENOMEM && !xa_load(&xa, far);
		unchanged &= xa_load(&xa, 1) == &objs[0] &&
			     !xa_find_after(&xa, &(unsigned long){1}, ULONG_MAX,
					    XA_PRESENT);
	}
	ok(unchanged, "two failures: -ENOMEM, the array as it was");

	fail_allocs(2);
	is_int(xa_insert(&xa, 3, &objs[3], GFP_KERNEL), 0,
	       "xa_insert into an existing leaf allocates nothing");
	fail_allocs(100);
	is_int(xa_insert(&xa, 1UL << 60, &objs[3], GFP_KERNEL), -ENOMEM,
	       "xa_insert: -ENOMEM");
	is_int(xa_reserve(&xa, 1UL << 60, GFP_KERNEL), -ENOMEM,
	       "xa_reserve: -ENOMEM");
	fail_allocs(0);

	/* the advanced loop: xas_nomem fails, the error stays */
	fail_allocs(100);
	xas_store_retry(&xas, &objs[4]);
	fail_allocs(0);
	is_int(xas_error(&xas), -ENOMEM, "xas_nomem gives up: -ENOMEM");
	ok(!xa_load(&xa, 1UL << 30), "...and nothing was stored");
	xas_set(&xas, 1UL << 30);
	fail_allocs(1);
	xas_store_retry(&xas, &objs[4]);
	fail_allocs(0);
	ok(!xas_error(&xas) && xa_load(&xa, 1UL << 30) == &objs[4],
	   "xas_nomem after one failure: stored");

	xa_destroy(&xa);
	is_int(live_after_rcu(), live, "no node leaked by failures or destroy");
}

/* Updaters store and erase across growth and shrinking; readers check. */
#define SPREAD 64
static DEFINE_XARRAY(shared);
static int stop;
static unsigned long bad, found;

static unsigned long shared_index(int updater, unsigned long i)
{
	/* dense, then far apart: every round grows and shrinks the tree */
	return updater ? (i << 37) + i : i * 61;
}

static void *reader(void)
{
	unsigned long index, i;
	void *entry;

	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		for (i = 0; i < SPREAD; i++) {
			entry = xa_load(&shared, shared_index(i & 1, i));
			if (entry &&
			    xa_to_value(entry) != shared_index(i & 1, i))
				__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
		}
		xa_for_each(&shared, index, entry)
		{
			if (xa_to_value(entry) != index)
				__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
			__atomic_add_fetch(&found, 1, __ATOMIC_RELAXED);
		}
		xa_for_each_marked(&shared, index, entry,
				   XA_MARK_2) if (!(xa_to_value(entry) & 1))
			__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static void *updater(int u)
{
	unsigned long i, index;
	int round;

	for (round = 0; round < 30; round++) {
		for (i = 0; i < SPREAD; i++) {
			index = shared_index(u, i);
			if (xa_err(xa_store(&shared, index, xa_mk_value(index),
					    GFP_KERNEL)))
				__atomic_add_fetch(&bad, 1, __ATOMIC_RELAXED);
			if (index & 1)
				xa_set_mark(&shared, index, XA_MARK_2);
		}
		for (i = 0; i < SPREAD; i++)
			xa_erase(&shared, shared_index(u, i));
	}
	return NULL;
}

static int updaters_left = 2;

static void *rcu_thread(void *arg, int i)
{
	if (i >= 2)
		return reader();
	updater(i);
	if (!__atomic_sub_fetch(&updaters_left, 1, __ATOMIC_ACQ_REL))
		__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	return NULL;
}

int main(void)
{
	unsigned long live;

	plan(77);
	live = live_after_rcu();
	test_store_load();
	test_insert_cmpxchg_reserve();
	test_alloc();
	test_iterate_and_marks();
	test_advanced();
	test_nomem();
	run_threads(4, rcu_thread, NULL);
	is_int(bad, 0, "readers under RCU only saw the right entries");
	ok(found > 0, "readers saw entries (%lu)", found);
	ok(xa_empty(&shared), "all erased");
	is_int(live_after_rcu(), live, "an emptied xarray holds no memory");
	is_int(reports(KSTUB_REPORT_lockdep), 0, "no lockdep report");
	return exit_status();
}
