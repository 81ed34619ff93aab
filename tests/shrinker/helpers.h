/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the shrinker tests: boot the example on kstub, and a test
 * shrinker whose callbacks count their calls and report what the test
 * tells them to.
 */
#ifndef SHRINKER_TEST_HELPERS_H
#define SHRINKER_TEST_HELPERS_H

#include <linux/atomic.h>
#include <linux/shrinker.h>

struct tshrinker {
	struct shrinker *shrinker;
	/* what count_objects returns for every node and memcg */
	atomic_long_t objects;
	/* scan_objects frees this many per call (capped by nr_to_scan); < 0: SHRINK_STOP */
	atomic_long_t free_per_scan;
	atomic_long_t count_calls;
	atomic_long_t scan_calls;
	atomic_long_t scanned; /* sum of nr_to_scan */
	/* the last call's view */
	int last_nid;
	struct mem_cgroup *last_memcg;
	/* optional: called at the start of scan_objects */
	void (*scan_hook)(struct tshrinker *t, struct shrink_control *sc);
};

/* kstub_set_nr_nodes(@nodes) and shrinker_glue_init(); bails out on error. */
void test_boot(int nodes);
/* shrinker_glue_exit(), then the leak count after the RCU callbacks ran. */
unsigned long test_shutdown_leaks(void);

/* shrinker_alloc(@flags, "%s", @name) with the counting callbacks. */
struct tshrinker *tshrinker_alloc(unsigned int flags, const char *name);
/* alloc + shrinker_register */
struct tshrinker *tshrinker_new(unsigned int flags, const char *name);
/* shrinker_free (if not already) and free the wrapper. */
void tshrinker_free(struct tshrinker *t);

unsigned long tshrinker_count_calls(struct tshrinker *t);
unsigned long tshrinker_scan_calls(struct tshrinker *t);

/* Live kstub objects once pending RCU callbacks have run. */
unsigned long test_live_objects(void);

/* kstub_report_total() now. */
unsigned long test_reports(void);

#endif
