// SPDX-License-Identifier: GPL-2.0-only
/*
 * do_shrink_slab()'s arithmetic, through shrink_slab(): the pressure of a
 * pass is (freeable >> priority) * 4 / seeks (freeable / 2 with seeks 0),
 * plus the deferred work >> priority, capped at 2 * freeable; scans go in
 * batches (a cache smaller than a batch in one go); what is not scanned is
 * deferred, capped at 2 * freeable.
 */
#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>

#include "helpers.h"
#include "tap.h"

static long deferred(struct tshrinker *t)
{
	return atomic_long_read(&t->shrinker->nr_deferred[0]);
}

static void pass(int priority)
{
	shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, priority);
}

int main(void)
{
	struct tshrinker *t;

	plan(16);
	test_boot(1);

	/*
	 * 1000 objects, seeks 2, priority 0: delta 2000, total_scan 2000;
	 * 15 batches of 128 (1920), 80 left over are deferred.
	 */
	t = tshrinker_new(0, "arith");
	atomic_long_set(&t->objects, 1000);
	pass(0);
	is_int(tshrinker_scan_calls(t), 15, "15 batches of 128");
	is_int(atomic_long_read(&t->scanned), 1920, "1920 objects scanned");
	is_int(deferred(t), 80, "80 deferred");

	/* Second pass: 80 + 2000 capped at 2000, so another 80 deferred. */
	pass(0);
	is_int(tshrinker_scan_calls(t), 30, "the cap keeps it at 15 batches");
	is_int(deferred(t), 160, "deferred work accumulates: 160");

	/* Priority 12: 1000 >> 12 = 0, 160 >> 12 = 0: nothing scanned. */
	pass(12);
	is_int(tshrinker_scan_calls(t), 30, "priority 12 scans nothing");
	is_int(deferred(t), 160, "... and keeps the deferred work");

	/* Deferred work is capped at twice the cache. */
	atomic_long_set(&t->objects, 50);
	atomic_long_set(&t->scanned, 0);
	atomic_long_set(&t->scan_calls, 0);
	/* 50 < batch: delta 100 + 160 capped at 100, one scan of 100. */
	pass(0);
	is_int(tshrinker_scan_calls(t), 1,
	       "a small cache is scanned in one go");
	is_int(atomic_long_read(&t->scanned), 100, "... of 2 * freeable");
	is_int(deferred(t), 100, "deferral capped at 2 * freeable (100)");
	tshrinker_free(t);

	/* seeks 0: half the cache per pass, regardless of priority. */
	t = tshrinker_alloc(0, "seeks0");
	t->shrinker->seeks = 0;
	t->shrinker->batch = 100;
	shrinker_register(t->shrinker);
	atomic_long_set(&t->objects, 1000);
	pass(12);
	is_int(atomic_long_read(&t->scanned), 500,
	       "seeks 0: freeable / 2 scanned, even at priority 12");
	is_int(tshrinker_scan_calls(t), 5, "in batches of ->batch (100)");
	is_int(deferred(t), 0, "nothing left to defer");

	/* Empty caches are not scanned and defer nothing. */
	atomic_long_set(&t->objects, -1); /* SHRINK_EMPTY */
	atomic_long_set(&t->scan_calls, 0);
	pass(0);
	is_int(tshrinker_scan_calls(t), 0, "SHRINK_EMPTY: no scan");
	is_int(deferred(t), 0, "SHRINK_EMPTY: nothing deferred");
	tshrinker_free(t);

	is_int(test_shutdown_leaks(), 0, "nothing leaked");
	return exit_status();
}
