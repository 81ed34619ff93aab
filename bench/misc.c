// SPDX-License-Identifier: GPL-2.0-only
/*
 * What kstub's idr, memcg walk and debugfs cost, so that users know what a
 * workload built on them pays: idr_find under RCU (alone and with an
 * updater growing and shrinking the idr), one full mem_cgroup_iter walk
 * over 1000 memcgs, and one kstub_debugfs_read of a seq_file.  Prints
 * numbers; asserts nothing.
 */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <time.h>
#include <linux/debugfs.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/memcontrol.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/seq_file.h>
#include <kstub/debugfs.h>

#define IDS 1024

static DEFINE_IDR(idr);
static DEFINE_MUTEX(idr_lock);
static int objs[IDS];
static int stop;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static double lookups(long n)
{
	double t0 = now();
	long i;

	for (i = 0; i < n; i++) {
		rcu_read_lock();
		if (idr_find(&idr, i % IDS) != &objs[i % IDS])
			fprintf(stderr, "idr_find: wrong entry\n");
		rcu_read_unlock();
	}
	return (now() - t0) / n * 1e9;
}

/* Allocates and frees ids above IDS, growing and shrinking the table. */
static void *updater(void *arg)
{
	int id;

	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		mutex_lock(&idr_lock);
		id = idr_alloc(&idr, &objs[0], 4 * IDS, 0, GFP_KERNEL);
		if (id >= 0)
			idr_remove(&idr, id);
		mutex_unlock(&idr_lock);
	}
	return NULL;
}

static void bench_idr(void)
{
	pthread_t tid;
	int i;

	for (i = 0; i < IDS; i++)
		idr_alloc(&idr, &objs[i], i, i + 1, GFP_KERNEL);
	printf("idr_find under rcu_read_lock, idle idr:      %8.1f ns\n",
	       lookups(2000000));
	pthread_create(&tid, NULL, updater, NULL);
	printf("idr_find under rcu_read_lock, with updater:  %8.1f ns\n",
	       lookups(2000000));
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	pthread_join(tid, NULL);
	idr_destroy(&idr);
}

static void bench_memcg(void)
{
	struct mem_cgroup *parents[10], *m, *all[1000];
	int i, n = 0, walks = 200;
	double t0;
	long seen = 0;

	for (i = 0; i < 1000; i++) {
		m = kstub_memcg_create(i < 10 ? NULL : parents[i % 10]);
		if (IS_ERR(m))
			return;
		if (i < 10)
			parents[i] = m;
		all[n++] = m;
	}
	t0 = now();
	for (i = 0; i < walks; i++)
		for (m = mem_cgroup_iter(NULL, NULL, NULL); m;
		     m = mem_cgroup_iter(NULL, m, NULL))
			seen++;
	printf("mem_cgroup_iter walk of %ld memcgs:        %8.1f us (%.1f ns "
	       "per memcg)\n",
	       seen / walks, (now() - t0) / walks * 1e6,
	       (now() - t0) / seen * 1e9);
	for (i = n - 1; i >= 0; i--)
		kstub_memcg_offline(all[i]);
	kstub_memcg_barrier();
}

static int value_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < 64; i++)
		seq_printf(m, "%d %d\n", i, i * i);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(value);

static void bench_debugfs(void)
{
	struct dentry *dir = debugfs_create_dir("bench", NULL);
	char buf[4096];
	int i, n = 20000;
	double t0;

	debugfs_create_file("value", 0444, dir, NULL, &value_fops);
	t0 = now();
	for (i = 0; i < n; i++)
		kstub_debugfs_read("bench/value", buf, sizeof(buf));
	printf("kstub_debugfs_read of a 64-line seq_file:    %8.1f us\n",
	       (now() - t0) / n * 1e6);
	debugfs_remove(dir);
}

int main(void)
{
	bench_idr();
	bench_memcg();
	bench_debugfs();
	return 0;
}
