// SPDX-License-Identifier: GPL-2.0-only
/* Helpers of the shrinker tests; see helpers.h. */
#include <stdio.h>
#include <stdlib.h>

#include <linux/gfp.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <kstub/leak.h>
#include <kstub/report.h>

#include "kstub_glue.h"
#include "helpers.h"
#include "tap.h"

void test_boot(int nodes)
{
	if (kstub_set_nr_nodes(nodes))
		bail_out("kstub_set_nr_nodes(%d) failed", nodes);
	if (shrinker_glue_init())
		bail_out("shrinker_glue_init() failed");
}

unsigned long test_shutdown_leaks(void)
{
	shrinker_glue_exit();
	return kstub_leak_check(stderr);
}

static void count_nothing(const struct kstub_leak_site *site, void *arg)
{
}

unsigned long test_live_objects(void)
{
	return kstub_leak_for_each(1, count_nothing, NULL);
}

unsigned long test_reports(void)
{
	return kstub_report_total();
}

static unsigned long tshrinker_count(struct shrinker *shrinker,
				     struct shrink_control *sc)
{
	struct tshrinker *t = shrinker->private_data;
	long nr = atomic_long_read(&t->objects);

	atomic_long_inc(&t->count_calls);
	t->last_nid = sc->nid;
	t->last_memcg = sc->memcg;
	return nr < 0 ? SHRINK_EMPTY : (unsigned long)nr;
}

static unsigned long tshrinker_scan(struct shrinker *shrinker,
				    struct shrink_control *sc)
{
	struct tshrinker *t = shrinker->private_data;
	long nr = atomic_long_read(&t->free_per_scan);

	if (t->scan_hook)
		t->scan_hook(t, sc);
	atomic_long_inc(&t->scan_calls);
	atomic_long_add(sc->nr_to_scan, &t->scanned);
	t->last_nid = sc->nid;
	t->last_memcg = sc->memcg;
	if (nr < 0)
		return SHRINK_STOP;
	if (nr > (long)sc->nr_to_scan)
		nr = sc->nr_to_scan;
	return nr;
}

struct tshrinker *tshrinker_alloc(unsigned int flags, const char *name)
{
	struct tshrinker *t = calloc(1, sizeof(*t));

	if (!t)
		bail_out("out of memory");
	t->shrinker = shrinker_alloc(flags, "%s", name);
	if (!t->shrinker)
		bail_out("shrinker_alloc(%#x, %s) failed", flags, name);
	t->shrinker->count_objects = tshrinker_count;
	t->shrinker->scan_objects = tshrinker_scan;
	t->shrinker->private_data = t;
	return t;
}

struct tshrinker *tshrinker_new(unsigned int flags, const char *name)
{
	struct tshrinker *t = tshrinker_alloc(flags, name);

	shrinker_register(t->shrinker);
	return t;
}

void tshrinker_free(struct tshrinker *t)
{
	if (t->shrinker) {
#ifdef SHRINKER_V2_API
		if (t->shrinker->flags & SHRINKER_REGISTERED)
			shrinker_unregister(t->shrinker);
		else
			shrinker_free_non_registered(t->shrinker);
#else
		shrinker_free(t->shrinker);
#endif
	}
	free(t);
}

unsigned long tshrinker_count_calls(struct tshrinker *t)
{
	return atomic_long_read(&t->count_calls);
}

unsigned long tshrinker_scan_calls(struct tshrinker *t)
{
	return atomic_long_read(&t->scan_calls);
}
