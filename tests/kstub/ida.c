// SPDX-License-Identifier: GPL-2.0-only
/*
 * IDA: lowest free id in the range, the WARN on freeing an id that is not
 * allocated (the kernel's message), the idr fault site, internal locking
 * under concurrent allocation, and no memory held once emptied.
 */
#include "config.h"

#include <linux/idr.h>
#include <linux/kernel.h>

#include "harness.h"

#define THREADS 4
#define PER_THREAD 500

static DEFINE_IDA(shared);
static int got[THREADS][PER_THREAD];

static void *alloc_many(void *arg, int t)
{
	int i;

	for (i = 0; i < PER_THREAD; i++)
		got[t][i] = ida_alloc(&shared, GFP_KERNEL);
	return NULL;
}

static void test_concurrent(void)
{
	static bool seen[THREADS * PER_THREAD];
	int t, i, dup = 0, bad = 0;

	run_threads(THREADS, alloc_many, NULL);
	for (t = 0; t < THREADS; t++) {
		for (i = 0; i < PER_THREAD; i++) {
			int id = got[t][i];

			if (id < 0 || id >= THREADS * PER_THREAD)
				bad++;
			else if (seen[id])
				dup++;
			else
				seen[id] = true;
		}
	}
	ok(!bad && !dup, "concurrent ida_alloc: %d ids, %d bad, %d duplicates",
	   THREADS * PER_THREAD, bad, dup);
	for (t = 0; t < THREADS; t++)
		for (i = 0; i < PER_THREAD; i++)
			ida_free(&shared, got[t][i]);
	ok(ida_is_empty(&shared), "all freed");
}

int main(void)
{
	DEFINE_IDA(ida);
	unsigned long live, warns;

	plan(17);
	live = live_after_rcu();
	is_int(ida_alloc(&ida, GFP_KERNEL), 0, "first id 0");
	is_int(ida_alloc(&ida, GFP_KERNEL), 1, "then 1");
	is_int(ida_alloc_min(&ida, 10, GFP_KERNEL), 10, "min 10");
	is_int(ida_alloc_max(&ida, 1, GFP_KERNEL), -ENOSPC, "max 1: full");
	is_int(ida_alloc_range(&ida, 10, 11, GFP_KERNEL), 11, "range 10..11");
	is_int(ida_alloc_range(&ida, 10, 11, GFP_KERNEL), -ENOSPC,
	       "range 10..11 full");
	ida_free(&ida, 0);
	is_int(ida_alloc(&ida, GFP_KERNEL), 0, "a freed id is reused");
	is_int(ida_alloc_min(&ida, 5000, GFP_KERNEL), 5000, "a far id grows");

	warns = kstub_report_count(KSTUB_REPORT_warn);
	ida_free(&ida, 3);
	is_int(kstub_report_count(KSTUB_REPORT_warn), warns + 1,
	       "ida_free of an id not allocated WARNs");

	fail_next(KSTUB_SITE_idr, 1);
	is_int(ida_alloc(&ida, GFP_KERNEL), -ENOMEM,
	       "an injected idr fault is -ENOMEM");
	is_int(ida_alloc(&ida, GFP_KERNEL), 2, "and allocates nothing");
	fail_next(KSTUB_SITE_vmalloc, 1);
	is_int(ida_alloc_min(&ida, 100000, GFP_KERNEL), -ENOMEM,
	       "a failed bitmap allocation is -ENOMEM");
	fail_next(KSTUB_SITE_vmalloc, 0);
	is_int(ida_alloc(&ida, GFP_KERNEL), 3, "the bitmap is intact");

	ida_destroy(&ida);
	ok(ida_is_empty(&ida), "destroyed");
	test_concurrent();
	is_int(live_after_rcu(), live, "an emptied ida holds no memory");
	return exit_status();
}
