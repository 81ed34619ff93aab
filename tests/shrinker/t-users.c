// SPDX-License-Identifier: GPL-2.0-only
/*
 * The three kinds of users: a built-in global cache set up by its
 * initcall (case a), a module loaded and unloaded through kstub's module
 * loader (case b), and shrinkers of super_block-like objects reaching
 * their owner through private_data (case c).  Reclaim frees their
 * objects, and their debugfs entries come and go with them.
 */
#include <errno.h>
#include <string.h>

#include <linux/gfp.h>
#include <linux/memcontrol.h>
#include <linux/shrinker.h>
#include <kstub/debugfs.h>
#include <kstub/memcg.h>
#include <kstub/report.h>

#include "helpers.h"
#include "tap.h"
#include "users/demo_lru.h"

struct find_arg {
	const char *prefix;
	int found;
};

static int match_dir(const char *path, bool is_dir, void *arg)
{
	struct find_arg *f = arg;

	if (is_dir && !strncmp(path, f->prefix, strlen(f->prefix)))
		f->found++;
	return 0;
}

/* Number of shrinker debugfs directories whose name starts with @name. */
static int debugfs_dirs(const char *name)
{
	char prefix[64];
	struct find_arg f = {prefix, 0};

	snprintf(prefix, sizeof(prefix), "shrinker/%s-", name);
	kstub_debugfs_for_each("shrinker", match_dir, &f);
	return f.found;
}

static long live_objects(void)
{
	return atomic_long_read(&demo_objs_allocated) -
	       atomic_long_read(&demo_objs_freed);
}

/* Reclaim until nothing is left, or give up after a few passes. */
static long reclaim(struct mem_cgroup *memcg)
{
	int pass;

	for (pass = 0; pass < 8 && live_objects(); pass++)
		shrink_slab(GFP_KERNEL, 0, memcg, 0);
	return live_objects();
}

static void test_case_a(void)
{
	int i;

	is_int(debugfs_dirs("mm-shadow"), 1,
	       "case a: the initcall registered mm-shadow");
	for (i = 0; i < 10; i++)
		global_cache_add(0, NULL);
	is_int(live_objects(), 10, "case a: 10 objects cached");
	is_int(reclaim(root_mem_cgroup), 0, "case a: reclaim frees them all");
}

static void test_case_b(void)
{
	int i;

	is_int(demo_module_add(0, NULL), -ENOENT,
	       "case b: nothing to add to before the module loads");
	is_int(demo_module_load(), 0, "case b: the module loads");
	is_int(debugfs_dirs("x86-mmu"), 1, "case b: its shrinker is there");
	for (i = 0; i < 20; i++)
		demo_module_add(0, NULL);
	is_int(reclaim(root_mem_cgroup), 0, "case b: reclaim frees them all");
	for (i = 0; i < 5; i++)
		demo_module_add(0, NULL);
	demo_module_unload();
	is_int(debugfs_dirs("x86-mmu"), 0, "case b: unload frees the shrinker");
	is_int(live_objects(), 0, "case b: ... and the objects left");
	is_int(demo_module_load(), 0, "case b: and it loads again");
	demo_module_unload();
}

static void test_case_c(void)
{
	struct demo_super_block *sb;
	struct mem_cgroup *memcg;
	int i;

	ok(!demo_mount(SHRINKER_MEMCG_AWARE, 0, DEFAULT_SEEKS, true),
	   "case c: a mount that fails before register");
	is_int(debugfs_dirs("sb-demo"), 0, "case c: ... leaves no shrinker");

	memcg = kstub_memcg_create(NULL);
	if (IS_ERR_OR_NULL(memcg))
		bail_out("kstub_memcg_create failed");
	sb = demo_mount(SHRINKER_MEMCG_AWARE | SHRINKER_NUMA_AWARE, 0,
			DEFAULT_SEEKS, false);
	if (!sb)
		bail_out("demo_mount failed");
	ok(sb->s_shrink->private_data == sb,
	   "case c: the shrinker points at its super_block");
	for (i = 0; i < 30; i++)
		demo_sb_add(sb, 0, memcg);
	is_int(live_objects(), 30, "case c: 30 objects charged to a memcg");
	is_int(reclaim(memcg), 0, "case c: memcg reclaim frees them all");
	for (i = 0; i < 5; i++)
		demo_sb_add(sb, 0, memcg);
	demo_umount(sb);
	is_int(live_objects(), 0, "case c: umount frees the rest");
	kstub_memcg_offline(memcg);
}

int main(void)
{
	plan(18);
	test_boot(1);

	test_case_a();
	test_case_b();
	test_case_c();
	global_cache_exit();

	is_int(kstub_report_total(), 0, "no WARN or other report");
	is_int(test_shutdown_leaks(), 0, "nothing leaked");
	return exit_status();
}
