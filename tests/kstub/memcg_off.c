// SPDX-License-Identifier: GPL-2.0-only
/*
 * Code built without CONFIG_MEMCG gets the kernel's !CONFIG_MEMCG view of
 * <linux/memcontrol.h>: memcg disabled, no ids, nothing to iterate, no
 * kmem accounting, set_shrinker_bit() a no-op, whatever the memcg model
 * does at run time for code built with it.  Before, such a file saw the
 * model (and could not link set_shrinker_bit()).
 */
#include "config.h"

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/memcontrol.h>
#include <linux/slab.h>

#include "harness.h"

int main(void)
{
	struct mem_cgroup *memcg, *iter;
	int n = 0;
	void *obj;

	plan(6);
	/* the run-time model is on: kstub's memcontrol.c has CONFIG_MEMCG */
	memcg = kstub_memcg_create(NULL);
	ok(!IS_ERR(memcg), "the model makes a memcg at run time");
	ok(mem_cgroup_disabled() && !memcg_kmem_online() &&
		   mem_cgroup_kmem_disabled(),
	   "this file sees memcg and kmem disabled");
	for_each_mem_cgroup(iter) n++;
	is_int(n, 0, "and nothing to iterate");
	ok(mem_cgroup_id(memcg) == 0 && memcg_kmem_id(memcg) == -1 &&
		   !mem_cgroup_from_id(1) && mem_cgroup_is_root(memcg) &&
		   mem_cgroup_online(memcg),
	   "the kernel's stubs: no ids, every memcg is the root, online");
	obj = kmalloc(32, GFP_KERNEL_ACCOUNT);
	ok(obj && !mem_cgroup_from_virt(obj) && !mem_cgroup_from_slab_obj(obj),
	   "objects belong to no memcg");
	set_shrinker_bit(memcg, 0, 3);
	kfree(obj);
	if (!IS_ERR(memcg))
		kstub_memcg_offline(memcg);
	kstub_memcg_barrier();
	is_int(kstub_memcg_count(), 1, "only the root is left");
	return exit_status();
}
