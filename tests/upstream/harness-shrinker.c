// SPDX-License-Identifier: GPL-2.0-only
/*
 * A workload for mm/shrinker.c (built with CONFIG_MEMCG): a memcg, four
 * shrinkers (plain, NUMA-aware, memcg-aware, both) over counters, two
 * threads calling shrink_slab() globally and in the memcg while the main
 * thread frees the shrinkers under them, then the memcg goes offline.
 * A child memcg made after the shrinkers has shrinker_info units from
 * birth (alloc_shrinker_info() with shrinker_nr_max > 0).
 *
 * Exit status: 0; 3 when an allocation failed and the workload stopped
 * cleanly (kfault sweep --ok-exit 0,3); 1 when a check failed.
 */
#include <pthread.h>
#include <stdio.h>
#include <linux/atomic.h>
#include <linux/err.h>
#include <linux/memcontrol.h>
#include <linux/rcupdate.h>
#include <linux/shrinker.h>
#include <kstub/memcg.h>

#include "internal.h"
#include "harness.h"

#define NR_SHRINKERS 4

/*
 * mm/shrinker.c's memcg hooks, which the kernel's <linux/memcontrol.h>
 * declares with CONFIG_MEMCG and kstub's does not: kstub's memcg model
 * calls them through kstub_memcg_ops, as memcontrol.c would.
 */
int alloc_shrinker_info(struct mem_cgroup *memcg);
void free_shrinker_info(struct mem_cgroup *memcg);
void reparent_shrinker_deferred(struct mem_cgroup *memcg);

static const struct kstub_memcg_ops shrinker_memcg_ops = {
	.online = alloc_shrinker_info,
	.offline = reparent_shrinker_deferred,
	.free = free_shrinker_info,
};

static const unsigned int shrinker_flags[NR_SHRINKERS] = {
	0, SHRINKER_NUMA_AWARE, SHRINKER_MEMCG_AWARE,
	SHRINKER_NUMA_AWARE | SHRINKER_MEMCG_AWARE};

static atomic_long_t objects[NR_SHRINKERS];
static struct shrinker *shrinkers[NR_SHRINKERS];
static struct mem_cgroup *memcg;
static int stop;

static unsigned long count_objects(struct shrinker *s,
				   struct shrink_control *sc)
{
	atomic_long_t *n = s->private_data;

	return atomic_long_read(n) ?: SHRINK_EMPTY;
}

static unsigned long scan_objects(struct shrinker *s, struct shrink_control *sc)
{
	atomic_long_t *n = s->private_data;
	long have = atomic_long_read(n);
	long take = min_t(long, have, sc->nr_to_scan);

	if (take <= 0)
		return SHRINK_STOP;
	atomic_long_sub(take, n);
	return take;
}

static void *shrink_thread(void *arg)
{
	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
		shrink_slab(GFP_KERNEL, 0, memcg, 0);
	}
	return NULL;
}

static int make_shrinkers(void)
{
	struct shrinker *s;
	int i;

	for (i = 0; i < NR_SHRINKERS; i++) {
		s = shrinker_alloc(shrinker_flags[i], "upstream-%d", i);
		if (!s)
			return -ENOMEM;
		atomic_long_set(&objects[i], 1000);
		s->count_objects = count_objects;
		s->scan_objects = scan_objects;
		s->private_data = &objects[i];
		shrinker_register(s);
		shrinkers[i] = s;
		if (s->flags & SHRINKER_MEMCG_AWARE)
			set_shrinker_bit(memcg, 0, s->id);
	}
	return 0;
}

int main(void)
{
	struct mem_cgroup *late = NULL;
	pthread_t t[2];
	int i, err, ret = 0;

	err = kstub_memcg_register_ops(&shrinker_memcg_ops);
	if (err)
		return err == -ENOMEM ? HARNESS_EXIT_NOMEM : 1;
	memcg = kstub_memcg_create(NULL);
	if (IS_ERR(memcg)) {
		ret = PTR_ERR(memcg) == -ENOMEM ? HARNESS_EXIT_NOMEM : 1;
		goto err_unregister;
	}
	err = make_shrinkers();
	if (err)
		ret = HARNESS_EXIT_NOMEM;
	/* onlined with shrinkers registered: its shrinker_info has units */
	if (!err) {
		late = kstub_memcg_create(memcg);
		if (IS_ERR(late)) {
			ret = PTR_ERR(late) == -ENOMEM ? HARNESS_EXIT_NOMEM : 1;
			late = NULL;
		}
	}
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, shrink_thread, NULL);
	/*
	 * The main thread shrinks globally too, so "nothing was shrunk"
	 * never depends on whether the threads got to run first.
	 */
	for (i = 0; i < 200 && !err; i++) {
		shrink_slab(GFP_KERNEL, 0, root_mem_cgroup, 0);
		shrink_slab(GFP_KERNEL, 0, memcg, 0);
	}
	/* freed while the threads shrink: the lockless walks must cope */
	for (i = 0; i < NR_SHRINKERS; i++)
		shrinker_free(shrinkers[i]);
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	if (!err && atomic_long_read(&objects[0]) == 1000) {
		fprintf(stderr, "harness-shrinker: nothing was shrunk\n");
		ret = 1;
	}
	if (late)
		kstub_memcg_offline(late);
	kstub_memcg_offline(memcg);
err_unregister:
	/* frees queue the parents' frees: wait for them all */
	do {
		i = kstub_memcg_count();
		rcu_barrier();
	} while (kstub_memcg_count() != i);
	kstub_memcg_unregister_ops(&shrinker_memcg_ops);
	return ret;
}
