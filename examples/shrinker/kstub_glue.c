// SPDX-License-Identifier: GPL-2.0-only
/*
 * What the kernel does at boot and in memcontrol.c for the shrinker code:
 * kstub's memcg model calls back into mm/shrinker.c when a memcg comes
 * online, goes offline and is freed, and the initcalls run (debugfs gets
 * its "shrinker" directory, built-in users set up their shrinkers).  Kept
 * out of mm/ so that mm/ stays kernel code.
 */
#include <linux/debugfs.h>
#include <linux/init.h>
#include <linux/rcupdate.h>
#include <kstub/memcg.h>
#include <linux/shrinker.h>

#include "kstub_glue.h"

static const struct kstub_memcg_ops shrinker_memcg_ops = {
	.online = alloc_shrinker_info,
	.offline = reparent_shrinker_deferred,
	.free = free_shrinker_info,
};

int shrinker_glue_init(void)
{
	int err;

	err = kstub_memcg_register_ops(&shrinker_memcg_ops);
	if (err)
		return err;
	/* A failed initcall is logged and its subsystem is left out. */
	kstub_do_initcalls();
	return 0;
}

void shrinker_glue_exit(void)
{
	unsigned long live;

	/*
	 * A memcg's free drops its parent's last reference and queues the
	 * parent's free: wait until no more frees are queued.
	 */
	do {
		live = kstub_memcg_count();
		rcu_barrier();
	} while (kstub_memcg_count() != live);
	kstub_memcg_unregister_ops(&shrinker_memcg_ops);
	debugfs_lookup_and_remove("shrinker", NULL);
}
