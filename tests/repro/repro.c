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
