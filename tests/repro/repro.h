/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Shared by the scenario programs of tests/repro: boot the shrinker
 * example on kstub and tear it down so that a leak check ends at zero.
 * A scenario's own exit status is 0 whenever it handled what happened
 * (an allocation failure included); kfault decides about the rest from
 * the shim's report, the signal and the sanitizer output.
 */
#ifndef REPRO_H
#define REPRO_H

/* kstub_set_nr_nodes(@nodes), shrinker_glue_init(); exits 3 on failure. */
void repro_boot(int nodes);
/* shrinker_glue_exit() and rcu_barrier(): nothing of ours stays live. */
void repro_shutdown(void);
/* A count_objects that reports @nr objects for any node and memcg. */
unsigned long repro_count_fixed(struct shrinker *shrinker,
				struct shrink_control *sc);
/* A scan_objects that frees whatever it is asked to. */
unsigned long repro_scan_all(struct shrinker *shrinker,
			     struct shrink_control *sc);
/* shrinker_alloc(@flags, "%s", @name) with the two callbacks above. */
struct shrinker *repro_shrinker_alloc(unsigned int flags, const char *name);

#endif
