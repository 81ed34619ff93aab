// SPDX-License-Identifier: GPL-2.0-only
/*
 * shrinker_alloc / shrinker_register / shrinker_free, one contract clause
 * at a time: NULL free, freeing an unregistered shrinker, refusing a
 * shrinker that shrinker_alloc() did not make, nr_deferred sized by the
 * node count, the memcg id path, debugfs entries following the shrinker.
 */
#include <stdio.h>
#include <string.h>

#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/nodemask.h>
#include <linux/shrinker.h>
#include <kstub/debugfs.h>
#include <kstub/leak.h>
#include <kstub/report.h>

#include "helpers.h"
#include "tap.h"

#define NODES 4

static void test_free_null(void)
{
	unsigned long reports = test_reports();

	shrinker_free(NULL);
	is_int(test_reports(), reports, "shrinker_free(NULL) is a no-op");
}

static void test_free_unregistered(void)
{
	unsigned long live = test_live_objects();
	struct tshrinker *t = tshrinker_alloc(0, "unregistered");

	ok(kstub_live_objects() > live,
	   "shrinker_alloc allocates through kstub");
	ok(!(t->shrinker->flags & SHRINKER_REGISTERED) &&
		   (t->shrinker->flags & SHRINKER_ALLOCATED),
	   "allocated, not registered");
	atomic_long_set(&t->objects, 1000);
	shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
	is_int(tshrinker_count_calls(t), 0,
	       "shrink_slab does not call an unregistered shrinker");
	tshrinker_free(t);
	is_int(test_live_objects(), live,
	       "freeing an unregistered shrinker frees all it allocated");
}

static void test_register_static(void)
{
	static struct shrinker stat;
	unsigned long warns = kstub_report_count(KSTUB_REPORT_warn);
	struct tshrinker *probe = tshrinker_new(0, "probe");

	stat.count_objects = probe->shrinker->count_objects;
	stat.scan_objects = probe->shrinker->scan_objects;
	stat.private_data = probe;
	shrinker_register(&stat);
	is_int(kstub_report_count(KSTUB_REPORT_warn), warns + 1,
	       "registering a shrinker not from shrinker_alloc WARNs");
	ok(!(stat.flags & SHRINKER_REGISTERED), "... and does not register it");

	/* Only the probe itself may be counted, never through &stat. */
	atomic_long_set(&probe->objects, 0);
	shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
	is_int(tshrinker_count_calls(probe), 1,
	       "... and shrink_slab never sees it");
	tshrinker_free(probe);
}

static void test_register_and_free(void)
{
	unsigned long live = test_live_objects();
	struct tshrinker *t = tshrinker_new(0, "reg");
	char path[128];

	snprintf(path, sizeof(path), "shrinker/reg-%d/count",
		 t->shrinker->debugfs_id);
	ok(t->shrinker->flags & SHRINKER_REGISTERED, "registered");
	is_int(refcount_read(&t->shrinker->refcount), 1,
	       "register sets the refcount to 1");
	ok(kstub_debugfs_exists(path), "debugfs has %s", path);

	atomic_long_set(&t->objects, 10);
	shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
	is_int(tshrinker_count_calls(t), 1, "shrink_slab calls it");
	ok(tshrinker_scan_calls(t) >= 1, "... and scans it");

	shrinker_free(t->shrinker);
	ok(!kstub_debugfs_exists(path), "shrinker_free removes %s", path);
	is_int(test_live_objects(), live,
	       "shrinker_free frees everything after a grace period");
	t->shrinker = NULL;
	tshrinker_free(t);
}

/* Deferred work lands in the slot of the scanned node, or in slot 0. */
static void test_nr_deferred_sizing(void)
{
	size_t before, plain, numa;
	struct tshrinker *p, *n;
	int nid;

	before = kstub_live_bytes();
	p = tshrinker_alloc(0, "sz");
	plain = kstub_live_bytes() - before;
	before = kstub_live_bytes();
	n = tshrinker_alloc(SHRINKER_NUMA_AWARE, "sz");
	numa = kstub_live_bytes() - before;
	is_int(numa - plain, (nr_node_ids - 1) * sizeof(atomic_long_t),
	       "NUMA_AWARE: nr_deferred has nr_node_ids (%u) slots",
	       nr_node_ids);
	tshrinker_free(p);
	tshrinker_free(n);

	/* scan_objects stops at once: all the pressure is deferred. */
	p = tshrinker_new(0, "plain");
	n = tshrinker_new(SHRINKER_NUMA_AWARE, "numa");
	atomic_long_set(&p->objects, 1 << 20);
	atomic_long_set(&n->objects, 1 << 20);
	atomic_long_set(&p->free_per_scan, -1);
	atomic_long_set(&n->free_per_scan, -1);
	shrink_slab(GFP_KERNEL, NODES - 1, root_mem_cgroup, 12);
	ok(atomic_long_read(&p->shrinker->nr_deferred[0]) > 0,
	   "plain shrinker defers into slot 0");
	for (nid = 0; nid < NODES - 1; nid++)
		if (atomic_long_read(&n->shrinker->nr_deferred[nid]))
			break;
	ok(nid == NODES - 1 &&
		   atomic_long_read(&n->shrinker->nr_deferred[NODES - 1]) > 0,
	   "NUMA-aware shrinker defers into the slot of node %d", NODES - 1);
	tshrinker_free(p);
	tshrinker_free(n);
}

static void test_memcg_aware(void)
{
	struct tshrinker *a = tshrinker_alloc(SHRINKER_MEMCG_AWARE, "mc");
	struct tshrinker *b = tshrinker_alloc(SHRINKER_MEMCG_AWARE, "mc");

	ok(a->shrinker->flags & SHRINKER_MEMCG_AWARE,
	   "MEMCG_AWARE kept when memcg is on");
	ok(a->shrinker->id >= 0 && b->shrinker->id >= 0 &&
		   a->shrinker->id != b->shrinker->id,
	   "each gets its own id (%d, %d)", a->shrinker->id, b->shrinker->id);
	ok(!a->shrinker->nr_deferred,
	   "no nr_deferred array: deferred work lives in shrinker_info");
	tshrinker_free(a);
	tshrinker_free(b);
}

int main(void)
{
	plan(23);
	test_boot(NODES);

	test_free_null();
	test_free_unregistered();
	test_register_static();
	test_register_and_free();
	test_nr_deferred_sizing();
	test_memcg_aware();

	is_int(test_shutdown_leaks(), 0, "nothing leaked");
	is_int(kstub_report_total(), 1, "the one expected WARN, nothing else");
	return exit_status();
}
