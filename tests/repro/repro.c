// SPDX-License-Identifier: GPL-2.0-only
/* Helpers of the scenario programs; see repro.h. */
#include <stdio.h>
#include <stdlib.h>

#include <linux/nodemask.h>
#include <linux/rcupdate.h>
#include <linux/shrinker.h>

#include "kstub_glue.h"
#include "repro.h"

void repro_boot(int nodes)
{
	if (kstub_set_nr_nodes(nodes) || shrinker_glue_init()) {
		fprintf(stderr, "repro: boot-time setup failed\n");
		exit(3);
	}
}

void repro_shutdown(void)
{
	shrinker_glue_exit();
	rcu_barrier();
}

unsigned long repro_count_fixed(struct shrinker *shrinker,
				struct shrink_control *sc)
{
	return 64;
}

unsigned long repro_scan_all(struct shrinker *shrinker,
			     struct shrink_control *sc)
{
	return sc->nr_to_scan;
}

struct shrinker *repro_shrinker_alloc(unsigned int flags, const char *name)
{
	struct shrinker *shrinker = shrinker_alloc(flags, "%s", name);

	if (shrinker) {
		shrinker->count_objects = repro_count_fixed;
		shrinker->scan_objects = repro_scan_all;
	}
	return shrinker;
}
