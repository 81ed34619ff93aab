// SPDX-License-Identifier: GPL-2.0-only
/*
 * shrinker_free() of a registered shrinker waits for running scans: a scan
 * blocked inside scan_objects keeps shrinker_free() from returning until
 * it ends.  And a shrinker whose count is 0 (being freed) is skipped.
 */
#include <pthread.h>
#include <sched.h>
#include <unistd.h>

#include <linux/gfp.h>
#include <linux/completion.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>

#include "helpers.h"
#include "tap.h"

static DECLARE_COMPLETION(scan_entered);
static DECLARE_COMPLETION(scan_release);
static atomic_t free_returned;
static atomic_t free_returned_seen_by_scan;
static atomic_t scans_entered;

static void blocking_scan(struct tshrinker *t, struct shrink_control *sc)
{
	if (atomic_inc_return(&scans_entered) != 1)
		return;
	complete(&scan_entered);
	wait_for_completion(&scan_release);
	atomic_set(&free_returned_seen_by_scan, atomic_read(&free_returned));
}

static void *scan_thread(void *arg)
{
	shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
	return NULL;
}

static void *free_thread(void *arg)
{
	struct shrinker *shrinker = arg;

	shrinker_free(shrinker);
	atomic_set(&free_returned, 1);
	return NULL;
}

static void test_free_waits_for_scan(void)
{
	struct tshrinker *t = tshrinker_new(0, "blocker");
	struct shrinker *shrinker = t->shrinker;
	pthread_t scanner, freer;
	int i;

	t->scan_hook = blocking_scan;
	atomic_long_set(&t->objects, 100);
	pthread_create(&scanner, NULL, scan_thread, NULL);
	wait_for_completion(&scan_entered);

	pthread_create(&freer, NULL, free_thread, shrinker);
	/*
	 * Wait until shrinker_free dropped the initial reference (or
	 * returned: a buggy one may have freed the shrinker already, and
	 * kstub poisons freed objects) ...
	 */
	while (refcount_read(&shrinker->refcount) != 1 &&
	       !atomic_read(&free_returned))
		sched_yield();
	/*
	 * ... and give it every chance to return too early: up to 200 ms
	 * (a buggy variant returns in microseconds; the fixed one never
	 * does, so this bounds how long the passing case waits).
	 */
	for (i = 0; i < 200 && !atomic_read(&free_returned); i++)
		usleep(1000);
	is_int(atomic_read(&free_returned), 0,
	       "shrinker_free has not returned while a scan runs");

	complete(&scan_release);
	pthread_join(scanner, NULL);
	pthread_join(freer, NULL);
	is_int(atomic_read(&free_returned_seen_by_scan), 0,
	       "the scan ended before shrinker_free returned");
	is_int(atomic_read(&free_returned), 1,
	       "shrinker_free returned once the scan ended");
	t->shrinker = NULL;
	tshrinker_free(t);
}

static void test_dying_shrinker_skipped(void)
{
	struct tshrinker *t = tshrinker_new(0, "dying");

	atomic_long_set(&t->objects, 100);
	/* The state shrinker_free leaves it in after its put. */
	refcount_set(&t->shrinker->refcount, 0);
	shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
	is_int(tshrinker_count_calls(t), 0,
	       "shrink_slab skips a shrinker whose refcount is 0");
	ok(!shrinker_try_get(t->shrinker), "shrinker_try_get fails on it");
	refcount_set(&t->shrinker->refcount, 1);
	shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
	is_int(tshrinker_count_calls(t), 1, "... and calls it again at 1");
	tshrinker_free(t);
}

int main(void)
{
	/* Not a time limit on the test: a guard against a variant that hangs. */
	alarm(60);
	plan(7);
	test_boot(1);

	test_free_waits_for_scan();
	test_dying_shrinker_skipped();

	is_int(test_shutdown_leaks(), 0, "nothing leaked");
	return exit_status();
}
