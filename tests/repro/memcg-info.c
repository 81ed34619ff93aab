// SPDX-License-Identifier: GPL-2.0-only
/*
 * The per-memcg shrinker_info on its two allocation paths: B7 and B8.
 *
 * One memcg-aware shrinker exists (id 0) when a memcg comes online, so
 * alloc_shrinker_info() gives the memcg an info and a unit per node (B7
 * leaks the info when a unit allocation fails).  Then the 65th memcg-aware
 * shrinker needs id 64, one unit more than the bitmaps have, and
 * expand_one_shrinker_info() replaces every memcg's pointer array (B8 does
 * not zero the new array, and the unwind of a failed unit allocation stops
 * at the first NULL slot: with garbage there it frees a wild pointer).
 *
 * Single-threaded and deterministic: kfault sweep fails each allocation
 * of these paths in turn.  Every failure is handled (exit 0); what is
 * left allocated at exit is a leak.  B8's garbage needs an allocator that
 * does not hand out zeroed memory: ASan's (malloc_fill_byte), or glibc's
 * with MALLOC_PERTURB_ set.
 */
#include <linux/err.h>
#include <linux/shrinker.h>
#include <kstub/memcg.h>

#include "repro.h"

#define NR_SHRINKERS (SHRINKER_UNIT_BITS + 1)

static struct shrinker *shrinkers[NR_SHRINKERS];

static void register_one(int i)
{
	shrinkers[i] = repro_shrinker_alloc(SHRINKER_MEMCG_AWARE, "memcg");
	if (shrinkers[i])
		shrinker_register(shrinkers[i]);
}

int main(void)
{
	struct mem_cgroup *memcg;
	int i;

	repro_boot(2);
	register_one(0);
	/* alloc_shrinker_info(): B7 */
	memcg = kstub_memcg_create(NULL);
	/* expand_one_shrinker_info() at the last one: B8 */
	for (i = 1; i < NR_SHRINKERS; i++)
		register_one(i);

	for (i = 0; i < NR_SHRINKERS; i++)
		shrinker_free(shrinkers[i]);
	if (!IS_ERR(memcg))
		kstub_memcg_offline(memcg);
	repro_shutdown();
	return 0;
}
