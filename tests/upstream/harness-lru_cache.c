// SPDX-License-Identifier: GPL-2.0-only
/*
 * A workload for lib/lru_cache.c: a cache of 16 elements over 37 labels,
 * taken and released in a pattern that evicts, with the changes committed
 * in batches as its users (DRBD's activity log) do.
 *
 * Exit status: 0; 3 when lc_create() failed (kfault sweep --ok-exit 0,3);
 * 1 when a check failed.
 */
#include <stddef.h>
#include <stdio.h>
#include <linux/lru_cache.h>
#include <linux/slab.h>

#include "harness.h"

#define BATCH 4

struct extent {
	int payload;
	struct lc_element lce;
};

int main(void)
{
	struct kmem_cache *cache;
	struct lc_element *e, *held[BATCH];
	struct lru_cache *lc;
	unsigned int i, got = 0, nr_held = 0, label;
	int ret = 0;

	cache = kmem_cache_create("upstream_extent", sizeof(struct extent), 0,
				  0, NULL);
	if (!cache)
		return HARNESS_EXIT_NOMEM;
	lc = lc_create("upstream", cache, 8, 16, sizeof(struct extent),
		       offsetof(struct extent, lce));
	if (!lc) {
		ret = HARNESS_EXIT_NOMEM;
		goto err_cache;
	}
	for (i = 0; i < 2000; i++) {
		label = (i * 7) % 37;
		e = lc_get(lc, label);
		if (e && e->lc_new_number != label) {
			fprintf(stderr, "harness-lru_cache: %u for %u\n",
				e->lc_new_number, label);
			ret = 1;
		}
		if (e)
			held[nr_held++] = e;
		/* a batch, or starving: commit the changes, release */
		if (!e || nr_held == BATCH) {
			lc_committed(lc);
			got += nr_held;
			while (nr_held)
				lc_put(lc, held[--nr_held]);
		}
	}
	lc_committed(lc);
	got += nr_held;
	while (nr_held)
		lc_put(lc, held[--nr_held]);
	if (!got)
		ret = 1;
	lc_destroy(lc);
err_cache:
	kmem_cache_destroy(cache);
	return ret;
}
