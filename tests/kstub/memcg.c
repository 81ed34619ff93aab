// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memcg model: tree and pre-order iteration with the kernel's
 * reference rules, online/offline/free callbacks at the kernel's points,
 * css references, the disabled and nokmem switches, unwinding of failed
 * creation, and creation/offlining racing iteration (run under TSan and
 * ASan: the callbacks' per-node data is touched by the walkers).
 */
#include "config.h"

/* a test of the memcg model: built as with CONFIG_MEMCG=y */
#define CONFIG_MEMCG 1

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/memcontrol.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "harness.h"

/* What the shrinker code hangs on each node: here, a counter. */
struct shrinker_info {
	long ino;
};

static long n_online, n_offline, n_free;
static int fail_online;

static int test_online(struct mem_cgroup *memcg)
{
	struct shrinker_info *info;
	int nid;

	if (__atomic_load_n(&fail_online, __ATOMIC_RELAXED))
		return -ENOMEM;
	for_each_node(nid) {
		info = kzalloc(sizeof(*info), GFP_KERNEL);
		if (!info)
			return -ENOMEM; /* the free callback cleans up */
		info->ino = mem_cgroup_ino(memcg);
		rcu_assign_pointer(memcg->nodeinfo[nid]->shrinker_info, info);
	}
	__atomic_add_fetch(&n_online, 1, __ATOMIC_RELAXED);
	return 0;
}

static void test_offline(struct mem_cgroup *memcg)
{
	__atomic_add_fetch(&n_offline, 1, __ATOMIC_RELAXED);
}

static void test_free(struct mem_cgroup *memcg)
{
	int nid;

	for_each_node(nid) {
		kfree(rcu_dereference_protected(
			memcg->nodeinfo[nid]->shrinker_info, true));
		RCU_INIT_POINTER(memcg->nodeinfo[nid]->shrinker_info, NULL);
	}
	__atomic_add_fetch(&n_free, 1, __ATOMIC_RELAXED);
}

static const struct kstub_memcg_ops test_ops = {
	.online = test_online,
	.offline = test_offline,
	.free = test_free,
};

static struct mem_cgroup *create(struct mem_cgroup *parent)
{
	struct mem_cgroup *memcg = kstub_memcg_create(parent);

	if (IS_ERR(memcg))
		bail_out("kstub_memcg_create: %ld", PTR_ERR(memcg));
	return memcg;
}

static void test_tree(void)
{
	struct mem_cgroup *a, *a1, *a2, *b, *m, *got[8];
	int n = 0;

	ok(!memcg_kmem_online(), "kmem offline before the first memcg");
	a = create(NULL);
	ok(memcg_kmem_online(), "kmem online with the first memcg");
	a1 = create(a);
	a2 = create(a);
	b = create(NULL);
	is_int(n_online, 5, "online ran for the root and 4 memcgs");
	ok(parent_mem_cgroup(a1) == a &&
		   parent_mem_cgroup(a) == root_mem_cgroup &&
		   !parent_mem_cgroup(root_mem_cgroup),
	   "parents");
	ok(mem_cgroup_is_root(root_mem_cgroup) && !mem_cgroup_is_root(a),
	   "mem_cgroup_is_root");
	ok(mem_cgroup_from_id(mem_cgroup_id(a2)) == a2, "mem_cgroup_from_id");
	ok(memcg_kmem_id(a2) == mem_cgroup_id(a2) &&
		   memcg_kmem_id(root_mem_cgroup) == -1 &&
		   memcg_kmem_id(NULL) == -1,
	   "memcg_kmem_id: a memcg's id, -1 for the root and NULL");
	ok(!mem_cgroup_kmem_disabled() && !mem_cgroup_from_virt(a2) &&
		   !mem_cgroup_from_slab_obj(a2),
	   "kmem enabled; objects are charged to no memcg");

	for (m = mem_cgroup_iter(NULL, NULL, NULL); m;
	     m = mem_cgroup_iter(NULL, m, NULL))
		if (n < 8)
			got[n++] = m;
	ok(n == 5 && got[0] == root_mem_cgroup && got[1] == a && got[2] == a1 &&
		   got[3] == a2 && got[4] == b,
	   "pre-order walk: root, a, a1, a2, b");

	is_int(kstub_memcg_offline(a), -EBUSY, "offline with online children");
	is_int(kstub_memcg_offline(root_mem_cgroup), -EINVAL, "root stays");

	/* the walker holds a1: offlining it does not cut the walk short */
	m = mem_cgroup_iter(NULL, NULL, NULL);
	m = mem_cgroup_iter(NULL, m, NULL);
	m = mem_cgroup_iter(NULL, m, NULL);
	ok(m == a1, "walker at a1");
	is_int(kstub_memcg_offline(a1), 0, "offline a1 under the walker");
	ok(!mem_cgroup_online(a1) && n_offline == 1,
	   "a1 offline, callback ran");
	ok(!css_tryget_online(&a1->css), "css_tryget_online fails offline");
	ok(css_tryget(&a1->css), "css_tryget succeeds while referenced");
	css_put(&a1->css);
	m = mem_cgroup_iter(NULL, m, NULL);
	ok(m == a2, "the walk goes on to a2");
	mem_cgroup_iter_break(NULL, m);
	kstub_memcg_barrier();
	is_int(n_free, 1, "a1 freed once the walker let go");

	m = mem_cgroup_get_from_ino(mem_cgroup_ino(b));
	ok(m == b, "mem_cgroup_get_from_ino");
	mem_cgroup_put(m);
	ok(IS_ERR(mem_cgroup_get_from_ino(987654)), "unknown ino: ERR_PTR");

	/* offline drops create's reference: hold one to offline twice */
	css_get(&a2->css);
	is_int(kstub_memcg_offline(a2), 0, "offline a2");
	is_int(kstub_memcg_offline(a2), -EINVAL, "offline twice");
	css_put(&a2->css);
	is_int(kstub_memcg_offline(a), 0, "offline a");
	is_int(kstub_memcg_offline(b), 0, "offline b");
	kstub_memcg_barrier();
	is_int(n_free, 4, "all four freed");
	is_int(kstub_memcg_count(), 1, "only the root is left");
}

/* Creation failures anywhere unwind completely. */
static void test_failures(void)
{
	struct mem_cgroup *m;
	long frees = n_free;

	fail_next(KSTUB_SITE_slab, 1);
	m = kstub_memcg_create(NULL);
	ok(m == ERR_PTR(-ENOMEM), "memcg allocation fails: -ENOMEM");
	fail_next(KSTUB_SITE_idr, 1);
	m = kstub_memcg_create(NULL);
	ok(m == ERR_PTR(-ENOMEM), "id allocation fails: -ENOMEM");
	__atomic_store_n(&fail_online, 1, __ATOMIC_RELAXED);
	m = kstub_memcg_create(NULL);
	__atomic_store_n(&fail_online, 0, __ATOMIC_RELAXED);
	ok(m == ERR_PTR(-ENOMEM), "online callback fails: creation fails");
	kstub_memcg_barrier();
	is_int(n_free, frees + 1, "...and the free callback ran for it");
	fail_next(KSTUB_SITE_slab, 0);
	is_int(kstub_memcg_count(), 1, "nothing left behind");
}

static void test_switches(void)
{
	unsigned long refcount = kstub_report_count(KSTUB_REPORT_refcount);

	kstub_memcg_set_disabled(true);
	ok(mem_cgroup_disabled() && !root_mem_cgroup, "disabled: no root");
	ok(!mem_cgroup_iter(NULL, NULL, NULL), "disabled: nothing to walk");
	ok(kstub_memcg_create(NULL) == ERR_PTR(-ENODEV), "disabled: -ENODEV");
	kstub_memcg_set_disabled(false);
	ok(root_mem_cgroup && !mem_cgroup_disabled(), "enabled again");
	kstub_memcg_set_nokmem(true);
	ok(!memcg_kmem_online() && mem_cgroup_kmem_disabled(), "nokmem");
	kstub_memcg_set_nokmem(false);

	/* negative control: dropping the root's last reference is reported */
	css_put(&root_mem_cgroup->css);
	css_get(&root_mem_cgroup->css);
	is_int(kstub_report_count(KSTUB_REPORT_refcount), refcount + 2,
	       "css_put to zero on the root and css_get from zero report");
}

/* Two threads make and remove memcgs; two walk and look them up. */
#define CHURN 150
static int churn_done;
static long walk_bad;

static void *churn(void *arg)
{
	struct mem_cgroup *parent, *child;
	int i;

	for (i = 0; i < CHURN; i++) {
		parent = create(NULL);
		child = create(parent);
		if (kstub_memcg_offline(child) || kstub_memcg_offline(parent))
			__atomic_add_fetch(&walk_bad, 1, __ATOMIC_RELAXED);
	}
	__atomic_add_fetch(&churn_done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *walk(void *arg)
{
	struct shrinker_info *info;
	struct mem_cgroup *m, *got;

	while (__atomic_load_n(&churn_done, __ATOMIC_ACQUIRE) < 2) {
		for (m = mem_cgroup_iter(NULL, NULL, NULL); m;
		     m = mem_cgroup_iter(NULL, m, NULL)) {
			rcu_read_lock();
			info = rcu_dereference(m->nodeinfo[0]->shrinker_info);
			if (info && info->ino != (long)mem_cgroup_ino(m))
				__atomic_add_fetch(&walk_bad, 1,
						   __ATOMIC_RELAXED);
			rcu_read_unlock();
			got = mem_cgroup_get_from_ino(mem_cgroup_ino(m));
			if (got != m)
				__atomic_add_fetch(&walk_bad, 1,
						   __ATOMIC_RELAXED);
			if (!IS_ERR(got))
				mem_cgroup_put(got);
		}
	}
	return NULL;
}

static void *stress_thread(void *arg, int i)
{
	return i < 2 ? churn(arg) : walk(arg);
}

int main(void)
{
	unsigned long live;

	plan(42);
	live = live_after_rcu();
	is_int(kstub_memcg_register_ops(&test_ops), 0, "register ops");
	is_int(kstub_memcg_register_ops(&test_ops), -EBUSY, "only one set");
	test_tree();
	test_failures();
	test_switches();
	run_threads(4, stress_thread, NULL);
	is_int(walk_bad, 0, "walkers saw consistent memcgs under churn");
	kstub_memcg_barrier();
	is_int(kstub_memcg_count(), 1, "churn left only the root");
	kstub_memcg_unregister_ops(&test_ops);
	is_int(live_after_rcu(), live, "unregistering freed the root's data");
	return exit_status();
}
