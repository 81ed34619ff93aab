// SPDX-License-Identifier: GPL-2.0-only
/*
 * The debugfs files: "count" lists the objects per node (per memcg for
 * memcg-aware shrinkers), "scan" runs scan_objects with the node, memcg
 * and count written to it, and rejects what makes no sense, including a
 * scan of a shrinker that has no scan_objects (B13 in the catalog).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>
#include <kstub/debugfs.h>
#include <kstub/memcg.h>
#include <kstub/report.h>

#include "helpers.h"
#include "tap.h"

static char *path_of(struct tshrinker *t, const char *name, const char *file)
{
	static char path[128];

	snprintf(path, sizeof(path), "shrinker/%s-%d/%s", name,
		 t->shrinker->debugfs_id, file);
	return path;
}

static ssize_t write_str(const char *path, const char *s)
{
	return kstub_debugfs_write(path, s, strlen(s));
}

int main(void)
{
	struct tshrinker *t, *m, *noscan;
	struct mem_cgroup *memcg;
	char buf[256], want[128];
	ssize_t ret;

	plan(14);
	test_boot(2);

	t = tshrinker_new(SHRINKER_NUMA_AWARE, "dbg");
	atomic_long_set(&t->objects, 7);
	ret = kstub_debugfs_read(path_of(t, "dbg", "count"), buf, sizeof(buf));
	ok(ret > 0 && !strcmp(buf, "0 7 7\n"),
	   "count: \"0 7 7\" for a NUMA-aware shrinker (got \"%s\")",
	   ret > 0 ? buf : "");

	atomic_long_set(&t->free_per_scan, 3);
	ret = write_str(path_of(t, "dbg", "scan"), "0 1 5");
	is_int(ret, 5, "scan: \"0 1 5\" accepted");
	is_int(tshrinker_scan_calls(t), 1, "... scan_objects called once");
	ok(t->last_nid == 1 && atomic_long_read(&t->scanned) == 5,
	   "... on node 1 for 5 objects");
	is_int(write_str(path_of(t, "dbg", "scan"), "0 9 5"), -EINVAL,
	       "scan: a node that does not exist is -EINVAL");
	is_int(write_str(path_of(t, "dbg", "scan"), "3 0 5"), -EINVAL,
	       "scan: a memcg for a shrinker that is not memcg aware: -EINVAL");
	is_int(write_str(path_of(t, "dbg", "scan"), "garbage"), -EINVAL,
	       "scan: garbage is -EINVAL");

	/* B13: a shrinker without scan_objects must not be called. */
	noscan = tshrinker_alloc(0, "noscan");
	noscan->shrinker->scan_objects = NULL;
	shrinker_register(noscan->shrinker);
	is_int(write_str(path_of(noscan, "noscan", "scan"), "0 0 5"),
	       -EOPNOTSUPP, "scan of a shrinker without scan_objects fails");

	/* Memcg-aware: one line per memcg with objects, by inode number. */
	memcg = kstub_memcg_create(NULL);
	if (IS_ERR_OR_NULL(memcg))
		bail_out("kstub_memcg_create failed");
	m = tshrinker_new(SHRINKER_MEMCG_AWARE, "dbgmc");
	atomic_long_set(&m->objects, 2);
	ret = kstub_debugfs_read(path_of(m, "dbgmc", "count"), buf,
				 sizeof(buf));
	snprintf(want, sizeof(want), "%lu 2 0\n%lu 2 0\n",
		 mem_cgroup_ino(root_mem_cgroup), mem_cgroup_ino(memcg));
	ok(ret > 0 && !strcmp(buf, want),
	   "count of a memcg-aware shrinker: a line per memcg");

	snprintf(want, sizeof(want), "%lu 0 4", mem_cgroup_ino(memcg));
	is_int(write_str(path_of(m, "dbgmc", "scan"), want), strlen(want),
	       "scan of a memcg by inode number");
	ok(m->last_memcg == memcg, "... with sc->memcg set");
	is_int(write_str(path_of(m, "dbgmc", "scan"), "999999 0 4"), -ENOENT,
	       "scan of a memcg that does not exist: -ENOENT");

	strcpy(want, path_of(t, "dbg", "count"));
	tshrinker_free(t);
	is_int(kstub_debugfs_read(want, buf, sizeof(buf)), -ENOENT,
	       "the files go with the shrinker");
	tshrinker_free(noscan);
	tshrinker_free(m);
	kstub_memcg_offline(memcg);

	is_int(test_shutdown_leaks(), 0, "nothing leaked");
	return exit_status();
}
