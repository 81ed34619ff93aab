// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs interface of the shrinkers: /sys/kernel/debug/shrinker/<name>-<id>/
 *   count  read: one line per memcg with objects, "<ino> <node0> <node1> ..."
 *          (a single line with ino 0 for shrinkers that are not memcg aware)
 *   scan   write "<ino> <nid> <nr_to_scan>": run scan_objects once
 *
 * The files point at the shrinker; shrinker_free() removes them, and the
 * removal waits for running file operations, before the shrinker goes.
 *
 * Build-time variant: SHRINKER_BUG_B13 lets a "scan" write call a missing
 * scan_objects.
 */
#include <linux/init.h>
#include <linux/idr.h>
#include <linux/rcupdate.h>
#include <linux/sprintf.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <linux/debugfs.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/memcontrol.h>
#include <linux/nodemask.h>
#include <linux/shrinker.h>

#include "internal.h"

static DEFINE_IDA(shrinker_debugfs_ida);
static struct dentry *shrinker_debugfs_root;

/* count_objects on every node for @memcg; returns the sum. */
static unsigned long shrinker_count_objects(struct shrinker *shrinker,
					    struct mem_cgroup *memcg,
					    unsigned long *count_per_node)
{
	unsigned long nr, total = 0;
	int nid;

	for_each_node(nid) {
		if (nid == 0 || (shrinker->flags & SHRINKER_NUMA_AWARE)) {
			struct shrink_control sc = {
				.gfp_mask = GFP_KERNEL,
				.nid = nid,
				.memcg = memcg,
			};

			nr = shrinker->count_objects(shrinker, &sc);
			if (nr == SHRINK_EMPTY)
				nr = 0;
		} else {
			nr = 0;
		}
		count_per_node[nid] = nr;
		total += nr;
	}
	return total;
}

/*
 * What keeps the shrinker list and the memcg walk stable for a reader:
 * RCU in the lockless variant, shrinker_rwsem for read in v2 (as there).
 */
static int shrinker_debugfs_read_lock(void)
{
#ifdef SHRINKER_V2_API
	return down_read_killable(&shrinker_rwsem);
#else
	rcu_read_lock();
	return 0;
#endif
}

static void shrinker_debugfs_read_unlock(void)
{
#ifdef SHRINKER_V2_API
	up_read(&shrinker_rwsem);
#else
	rcu_read_unlock();
#endif
}

static int shrinker_debugfs_count_show(struct seq_file *m, void *v)
{
	struct shrinker *shrinker = m->private;
	unsigned long *count_per_node;
	struct mem_cgroup *memcg;
	unsigned long total;
	bool memcg_aware;
	int nid, ret;

	count_per_node =
		kcalloc(nr_node_ids, sizeof(*count_per_node), GFP_KERNEL);
	if (!count_per_node)
		return -ENOMEM;

	ret = shrinker_debugfs_read_lock();
	if (ret) {
		kfree(count_per_node);
		return ret;
	}
	memcg_aware = shrinker->flags & SHRINKER_MEMCG_AWARE;
	memcg = mem_cgroup_iter(NULL, NULL, NULL);
	do {
		if (memcg && !mem_cgroup_online(memcg))
			continue;

		total = shrinker_count_objects(
			shrinker, memcg_aware ? memcg : NULL, count_per_node);
		if (total) {
			seq_printf(m, "%lu",
				   memcg_aware ? mem_cgroup_ino(memcg) : 0);
			for_each_node(nid)
				seq_printf(m, " %lu", count_per_node[nid]);
			seq_putc(m, '\n');
		}

		if (!memcg_aware) {
			mem_cgroup_iter_break(NULL, memcg);
			break;
		}
	} while ((memcg = mem_cgroup_iter(NULL, memcg, NULL)) != NULL);
	shrinker_debugfs_read_unlock();

	kfree(count_per_node);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(shrinker_debugfs_count);

static int shrinker_debugfs_scan_open(struct inode *inode, struct file *file)
{
	file->private_data = inode->i_private;
	return nonseekable_open(inode, file);
}

/* Run scan_objects once for memcg @ino on node @nid. */
static int shrinker_debugfs_scan(struct shrinker *shrinker, unsigned long ino,
				 int nid, unsigned long nr_to_scan)
{
	struct shrink_control sc = {
		.gfp_mask = GFP_KERNEL,
		.nid = nid,
		.nr_to_scan = nr_to_scan,
		.nr_scanned = nr_to_scan,
	};

#ifndef SHRINKER_BUG_B13
	if (!shrinker->scan_objects)
		return -EOPNOTSUPP;
#endif

	if (shrinker->flags & SHRINKER_MEMCG_AWARE) {
		sc.memcg = mem_cgroup_get_from_ino(ino);
		if (IS_ERR_OR_NULL(sc.memcg))
			return -ENOENT;
		if (!mem_cgroup_online(sc.memcg)) {
			mem_cgroup_put(sc.memcg);
			return -ENOENT;
		}
	} else if (ino != 0) {
		return -EINVAL;
	}

	shrinker->scan_objects(shrinker, &sc);
	mem_cgroup_put(sc.memcg);
	return 0;
}

static ssize_t shrinker_debugfs_scan_write(struct file *file,
					   const char __user *buf, size_t size,
					   loff_t *pos)
{
	struct shrinker *shrinker = file->private_data;
	unsigned long nr_to_scan, ino;
	char kbuf[72];
	size_t len;
	int nid, ret;

	len = min(size, sizeof(kbuf) - 1);
	if (copy_from_user(kbuf, buf, len))
		return -EFAULT;
	kbuf[len] = '\0';

	if (sscanf(kbuf, "%lu %d %lu", &ino, &nid, &nr_to_scan) != 3)
		return -EINVAL;
	if (nid < 0 || nid >= nr_node_ids)
		return -EINVAL;
	if (nr_to_scan == 0)
		return size;

#ifdef SHRINKER_V2_API
	/* v2: like every walker, under shrinker_rwsem held for read. */
	ret = down_read_killable(&shrinker_rwsem);
	if (ret)
		return ret;
#endif
	ret = shrinker_debugfs_scan(shrinker, ino, nid, nr_to_scan);
#ifdef SHRINKER_V2_API
	up_read(&shrinker_rwsem);
#endif
	return ret ? ret : size;
}

static const struct file_operations shrinker_debugfs_scan_fops = {
	.owner = THIS_MODULE,
	.open = shrinker_debugfs_scan_open,
	.write = shrinker_debugfs_scan_write,
};

int shrinker_debugfs_add(struct shrinker *shrinker)
{
	struct dentry *entry;
	char buf[128];
	int id;

	shrinker_lock_assert_held();

	/* Too early: shrinker_debugfs_init() adds it later. */
	if (!shrinker_debugfs_root)
		return 0;

	id = ida_alloc(&shrinker_debugfs_ida, GFP_KERNEL);
	if (id < 0)
		return id;
	shrinker->debugfs_id = id;

	snprintf(buf, sizeof(buf), "%s-%d", shrinker->name, id);
	entry = debugfs_create_dir(buf, shrinker_debugfs_root);
	if (IS_ERR(entry)) {
		ida_free(&shrinker_debugfs_ida, id);
		return PTR_ERR(entry);
	}
	shrinker->debugfs_entry = entry;

	debugfs_create_file("count", 0440, entry, shrinker,
			    &shrinker_debugfs_count_fops);
	debugfs_create_file("scan", 0220, entry, shrinker,
			    &shrinker_debugfs_scan_fops);
	return 0;
}

int shrinker_debugfs_name_alloc(struct shrinker *shrinker, const char *fmt,
				va_list ap)
{
	shrinker->name = kvasprintf_const(GFP_KERNEL, fmt, ap);
	return shrinker->name ? 0 : -ENOMEM;
}

void shrinker_debugfs_name_free(struct shrinker *shrinker)
{
	kfree_const(shrinker->name);
	shrinker->name = NULL;
}

struct dentry *shrinker_debugfs_detach(struct shrinker *shrinker,
				       int *debugfs_id)
{
	struct dentry *entry = shrinker->debugfs_entry;

	shrinker_lock_assert_held();

	shrinker_debugfs_name_free(shrinker);
	*debugfs_id = entry ? shrinker->debugfs_id : -1;
	shrinker->debugfs_entry = NULL;
	return entry;
}

void shrinker_debugfs_remove(struct dentry *debugfs_entry, int debugfs_id)
{
	if (!debugfs_entry)
		return;
	debugfs_remove_recursive(debugfs_entry);
	ida_free(&shrinker_debugfs_ida, debugfs_id);
}

int shrinker_debugfs_init(void)
{
	struct shrinker *shrinker;
	struct dentry *dentry;

	dentry = debugfs_create_dir("shrinker", NULL);
	if (IS_ERR(dentry))
		return PTR_ERR(dentry);

	shrinker_lock();
	shrinker_debugfs_root = dentry;
	list_for_each_entry(shrinker, &shrinker_list, list)
		if (!shrinker->debugfs_entry)
			shrinker_debugfs_add(shrinker);
	shrinker_unlock();
	return 0;
}
late_initcall(shrinker_debugfs_init);
