// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs: the tree and its 6.7 error values, reads and writes through
 * file_operations, value files, rename, lookup, listing, the allocation
 * fault sites, and removal racing a read: debugfs_remove() must not return
 * while a ->read is running, and operations after it get -EIO.
 */
#include "config.h"

#include <string.h>
#include <unistd.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <kstub/debugfs.h>

#include "harness.h"

struct thing {
	unsigned long value;
	int scans;
};

static int thing_show(struct seq_file *m, void *v)
{
	struct thing *t = m->private;

	seq_printf(m, "value %lu\n", t->value);
	seq_puts(m, "end");
	seq_putc(m, '\n');
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(thing);

static ssize_t scan_write(struct file *file, const char __user *buf,
			  size_t count, loff_t *pos)
{
	struct thing *t = file->private_data;
	unsigned long n;
	int ret = kstrtoul_from_user(buf, count, 10, &n);

	if (ret)
		return ret;
	t->scans += n;
	return count;
}

static const struct file_operations scan_fops = {
	.open = simple_open,
	.write = scan_write,
	.llseek = noop_llseek,
};

static int count_entries(const char *path, bool is_dir, void *arg)
{
	char *list = arg;

	strcat(list, path);
	strcat(list, is_dir ? "/ " : " ");
	return 0;
}

static void test_tree(void)
{
	struct thing t = {.value = 7};
	struct dentry *dir, *f, *d;
	char buf[256], list[256] = "";
	u32 u = 5;

	dir = debugfs_create_dir("k3", NULL);
	ok(!IS_ERR_OR_NULL(dir), "create dir");
	ok(debugfs_create_dir("k3", NULL) == ERR_PTR(-EEXIST),
	   "a second dir of the same name: -EEXIST");
	f = debugfs_create_file("thing", 0444, dir, &t, &thing_fops);
	debugfs_create_file("scan", 0200, dir, &t, &scan_fops);
	debugfs_create_u32("u", 0644, dir, &u);
	ok(debugfs_create_file("x", 0444, ERR_PTR(-ENOMEM), &t, &thing_fops) ==
		   ERR_PTR(-ENOMEM),
	   "an ERR_PTR parent is passed through");

	is_int(kstub_debugfs_read("k3/thing", buf, sizeof(buf)), 12, "read");
	ok(!strcmp(buf, "value 7\nend\n"), "through DEFINE_SHOW_ATTRIBUTE");
	is_int(kstub_debugfs_write("k3/scan", "3\n", 2), 2, "write");
	is_int(kstub_debugfs_write("k3/scan", "x", 1), -EINVAL,
	       "write's error is returned");
	is_int(t.scans, 3, "the write reached ->write");
	is_int(kstub_debugfs_read("k3/scan", buf, sizeof(buf)), -EINVAL,
	       "no ->read: -EINVAL");
	is_int(kstub_debugfs_read("k3", buf, sizeof(buf)), -EISDIR, "a dir");
	is_int(kstub_debugfs_read("k3/none", buf, sizeof(buf)), -ENOENT,
	       "no such file");
	kstub_debugfs_read("k3/u", buf, sizeof(buf));
	ok(!strcmp(buf, "5\n"), "u32 file reads its value");
	kstub_debugfs_write("k3/u", "0x10", 4);
	is_int(u, 16, "u32 file writes its value");

	kstub_debugfs_for_each("k3", count_entries, list);
	ok(!strcmp(list, "k3/thing k3/scan k3/u "), "listing: %s", list);

	d = debugfs_lookup("thing", dir);
	ok(d == f, "debugfs_lookup");
	dput(d);
	ok(!debugfs_lookup("nothing", dir), "lookup of nothing: NULL");

	ok(debugfs_rename(dir, f, dir, "scan") == ERR_PTR(-EINVAL),
	   "rename onto an existing name: -EINVAL");
	ok(debugfs_rename(dir, f, dir, "renamed") == f, "rename");
	ok(kstub_debugfs_exists("k3/renamed") &&
		   !kstub_debugfs_exists("k3/thing"),
	   "the file moved");

	debugfs_remove(dir);
	ok(!kstub_debugfs_exists("k3") && !kstub_debugfs_exists("k3/u"),
	   "recursive removal");
	debugfs_remove(NULL);
	debugfs_remove(ERR_PTR(-ENOMEM));
}

static void test_faults(void)
{
	fail_next(KSTUB_SITE_slab, 1);
	ok(debugfs_create_dir("k3f", NULL) == ERR_PTR(-ENOMEM),
	   "a failed allocation: ERR_PTR(-ENOMEM)");
	ok(!kstub_debugfs_exists("k3f"), "...and nothing created");
	fail_next(KSTUB_SITE_slab, 0);
}

/* Removal racing a read. */
static int in_read, remove_called, read_done, removed;

static int slow_show(struct seq_file *m, void *v)
{
	__atomic_store_n(&in_read, 1, __ATOMIC_RELEASE);
	while (!__atomic_load_n(&remove_called, __ATOMIC_ACQUIRE))
		usleep(100);
	/* give a remove that does not wait every chance to finish first */
	usleep(20000);
	__atomic_store_n(&read_done, 1, __ATOMIC_RELEASE);
	seq_puts(m, "slow\n");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(slow);

static struct dentry *slow_dir;
static ssize_t slow_ret;

static void *race_thread(void *arg, int i)
{
	char buf[32];

	if (i == 0) {
		slow_ret = kstub_debugfs_read("k3r/slow", buf, sizeof(buf));
		return NULL;
	}
	while (!__atomic_load_n(&in_read, __ATOMIC_ACQUIRE))
		usleep(100);
	__atomic_store_n(&remove_called, 1, __ATOMIC_RELEASE);
	debugfs_remove(slow_dir);
	removed = __atomic_load_n(&read_done, __ATOMIC_ACQUIRE);
	return NULL;
}

static void test_remove_race(void)
{
	struct dentry *f;

	slow_dir = debugfs_create_dir("k3r", NULL);
	f = debugfs_create_file("slow", 0444, slow_dir, NULL, &slow_fops);
	dget(f);
	run_threads(2, race_thread, NULL);
	ok(removed, "debugfs_remove returned only after the read finished");
	is_int(slow_ret, 5, "the racing read completed");
	is_int(debugfs_file_get(f), -EIO,
	       "file operations after removal: -EIO");
	dput(f);
}

int main(void)
{
	unsigned long live;

	plan(27);
	live = live_after_rcu();
	ok(debugfs_initialized(), "initialized");
	test_tree();
	test_faults();
	test_remove_race();
	is_int(live_after_rcu(), live, "removal freed every entry");
	return exit_status();
}
