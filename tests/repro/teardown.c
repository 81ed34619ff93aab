// SPDX-License-Identifier: GPL-2.0-only
/*
 * B14: the error path of alloc_shrinker_info() against an expansion.
 *
 * Two nodes.  The main thread registers memcg-aware shrinkers until the
 * last id ends a unit, so shrinker_nr_max sits on a unit boundary and the
 * next memcg-aware shrinker_alloc() grows every memcg's shrinker_info.
 * Then two threads meet:
 *
 * - "online" (created first) brings memcgs online and offlines them
 *   again.  kstub links a memcg before calling alloc_shrinker_info(), so
 *   mem_cgroup_iter() already finds it while its infos are being built.
 * - "register" (created second) waits until the first memcg of "online"
 *   is linked, that is until alloc_shrinker_info() is about to take the
 *   shrinker lock, then registers memcg-aware shrinkers across the unit
 *   boundary: its first shrinker_alloc() queues up behind that lock and
 *   then expands every memcg it finds.
 *
 * When the node-1 info of the first memcg cannot be allocated, the node-0
 * info is already published.  The fixed error path frees it under the
 * shrinker lock, so an expansion finds either both infos or none.  B14
 * drops the lock first: an expansion that gets in between copies the
 * node-0 info into a new one and frees the old one after a grace period,
 * while the error path frees the old one (and its units) itself and
 * clears the pointer to the new one: a double free, a use after free and
 * a leak, whichever comes first.
 *
 * A fixed amount of work: two memcgs, one unit of shrinkers and two more.
 * Every failure is handled (exit 0) and everything is freed.
 */
#include "config.h" /* _GNU_SOURCE: pthread_setname_np() */

#include <pthread.h>

#include <linux/completion.h>
#include <linux/err.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>
#include <kstub/memcg.h>

#include "repro.h"

#define NR_MEMCGS 2
#define NR_REGISTER 2
#define NR_FILL (2 * SHRINKER_UNIT_BITS)

static struct shrinker *shrinkers[NR_FILL];
static int nr_shrinkers;
static struct shrinker *registered[NR_REGISTER];
static DECLARE_COMPLETION(online_up);
static DECLARE_COMPLETION(register_up);
static bool first_created;

static struct shrinker *register_one(void)
{
	struct shrinker *shrinker;

	shrinker = repro_shrinker_alloc(SHRINKER_MEMCG_AWARE, "teardown");
	if (shrinker)
		shrinker_register(shrinker);
	return shrinker;
}

/* Fill ids up to the end of a unit: the next one expands. */
static void fill_unit(void)
{
	struct shrinker *shrinker;

	while (nr_shrinkers < NR_FILL) {
		shrinker = register_one();
		if (!shrinker)
			return;
		shrinkers[nr_shrinkers++] = shrinker;
		if (shrinker->id % SHRINKER_UNIT_BITS == SHRINKER_UNIT_BITS - 1)
			return;
	}
}

static void *online(void *arg)
{
	struct mem_cgroup *memcgs[NR_MEMCGS];
	int i;

	pthread_setname_np(pthread_self(), "online");
	complete(&online_up);
	/* "register" runs already: it meets us inside the first create. */
	wait_for_completion(&register_up);
	for (i = 0; i < NR_MEMCGS; i++) {
		memcgs[i] = kstub_memcg_create(NULL);
		if (i == 0)
			WRITE_ONCE(first_created, true);
	}
	for (i = 0; i < NR_MEMCGS; i++)
		if (!IS_ERR(memcgs[i]))
			kstub_memcg_offline(memcgs[i]);
	return arg;
}

/* Does a memcg other than the root exist, online or not? */
static bool memcg_linked(void)
{
	struct mem_cgroup *memcg;

	memcg = mem_cgroup_iter(NULL, NULL, NULL);
	memcg = mem_cgroup_iter(NULL, memcg, NULL);
	if (!memcg)
		return false;
	mem_cgroup_iter_break(NULL, memcg);
	return true;
}

static void *register_thread(void *arg)
{
	int i;

	pthread_setname_np(pthread_self(), "register");
	complete(&register_up);
	/*
	 * Meet "online" inside kstub_memcg_create(): its memcg is linked
	 * and alloc_shrinker_info() is about to take the shrinker lock, so
	 * the shrinker_alloc() below queues up behind it.
	 */
	while (!memcg_linked() && !READ_ONCE(first_created))
		cpu_relax();
	for (i = 0; i < NR_REGISTER; i++)
		registered[i] = register_one();
	return arg;
}

int main(void)
{
	pthread_t on, reg;
	int i;

	repro_boot(2);
	fill_unit();

	/*
	 * Each thread reaches its first kstub site before the next one is
	 * created, so the shim numbers them (and gives them their random
	 * streams) in the same order in every run.
	 */
	if (pthread_create(&on, NULL, online, NULL))
		return 3;
	wait_for_completion(&online_up);
	if (pthread_create(&reg, NULL, register_thread, NULL))
		return 3;
	pthread_join(on, NULL);
	pthread_join(reg, NULL);

	for (i = 0; i < NR_REGISTER; i++)
		shrinker_free(registered[i]);
	for (i = 0; i < nr_shrinkers; i++)
		shrinker_free(shrinkers[i]);
	repro_shutdown();
	return 0;
}
