// SPDX-License-Identifier: GPL-2.0-only
/*
 * debugfs as an in-memory tree; see <linux/debugfs.h> for the contract
 * and <kstub/debugfs.h> for the tests' side.
 *
 * kstub_debugfs_lock protects the tree (child/sibling links, names,
 * removed flags).  Every dentry carries a reference count: the tree holds
 * one until removal, lookups and open files hold more, and the last dput()
 * frees it.  A file's inode->kstub_active is one plus the number of file
 * operations running through the proxy; removal drops the one and waits
 * on kstub_debugfs_drained until the rest are gone.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <linux/debugfs.h>
#include <linux/kernel.h>
#include <linux/kstrtox.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include <kstub/debugfs.h>

#include "internal.h"

struct kstub_debugfs_node {
	struct dentry dentry;
	struct inode inode;
};

static pthread_mutex_t kstub_debugfs_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t kstub_debugfs_drain_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t kstub_debugfs_drained = PTHREAD_COND_INITIALIZER;

static struct kstub_debugfs_node kstub_debugfs_root = {
	.dentry =
		{
			.d_parent = &kstub_debugfs_root.dentry,
			.d_name = {.name = "", .len = 0},
			.d_inode = &kstub_debugfs_root.inode,
			.kstub_ref = 1,
		},
	.inode = {.i_mode = S_IFDIR | 0755, .kstub_active = 1},
};

static const struct file_operations kstub_debugfs_noop_fops = {
	.open = simple_open,
	.llseek = noop_llseek,
};

bool debugfs_initialized(void)
{
	return true;
}

static bool kstub_d_is_dir(const struct dentry *d)
{
	return S_ISDIR(d->d_inode->i_mode);
}

struct dentry *dget(struct dentry *dentry)
{
	if (dentry)
		__atomic_fetch_add(&dentry->kstub_ref, 1, __ATOMIC_RELAXED);
	return dentry;
}

void dput(struct dentry *dentry)
{
	struct kstub_debugfs_node *node;

	if (IS_ERR_OR_NULL(dentry) || dentry == &kstub_debugfs_root.dentry)
		return;
	if (__atomic_sub_fetch(&dentry->kstub_ref, 1, __ATOMIC_ACQ_REL))
		return;
	node = container_of(dentry, struct kstub_debugfs_node, dentry);
	kfree(dentry->d_name.name);
	kfree(node);
}

/* --- the proxy's active users ------------------------------------------ */

int debugfs_file_get(struct dentry *dentry)
{
	long *active = &dentry->d_inode->kstub_active;
	long old = __atomic_load_n(active, __ATOMIC_RELAXED);

	do {
		if (old <= 0)
			return -EIO;
	} while (!__atomic_compare_exchange_n(active, &old, old + 1, true,
					      __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));
	return 0;
}

static void kstub_debugfs_active_put(struct inode *inode)
{
	if (__atomic_sub_fetch(&inode->kstub_active, 1, __ATOMIC_ACQ_REL))
		return;
	kstub_own_lock(&kstub_debugfs_drain_lock);
	kstub_pthread(pthread_cond_broadcast, &kstub_debugfs_drained);
	kstub_own_unlock(&kstub_debugfs_drain_lock);
}

void debugfs_file_put(struct dentry *dentry)
{
	kstub_debugfs_active_put(dentry->d_inode);
}

/* Drops the existence reference and waits for running operations. */
static void kstub_debugfs_drain(struct inode *inode)
{
	kstub_debugfs_active_put(inode);
	kstub_own_lock(&kstub_debugfs_drain_lock);
	while (__atomic_load_n(&inode->kstub_active, __ATOMIC_ACQUIRE))
		kstub_pthread(pthread_cond_wait, &kstub_debugfs_drained,
			      &kstub_debugfs_drain_lock);
	kstub_own_unlock(&kstub_debugfs_drain_lock);
}

/* --- the tree ------------------------------------------------------------ */

static struct dentry *kstub_d_parent(struct dentry *parent)
{
	return parent ? parent : &kstub_debugfs_root.dentry;
}

/* Under the lock. */
static struct dentry *kstub_d_child(struct dentry *dir, const char *name,
				    size_t len)
{
	struct dentry *d;

	for (d = dir->kstub_child; d; d = d->kstub_sibling)
		if (d->d_name.len == len && !memcmp(d->d_name.name, name, len))
			return d;
	return NULL;
}

static void kstub_d_link(struct dentry *dir, struct dentry *d)
{
	struct dentry **link = &dir->kstub_child;

	while (*link)
		link = &(*link)->kstub_sibling;
	d->kstub_sibling = NULL;
	d->d_parent = dir;
	*link = d;
}

static void kstub_d_unlink(struct dentry *d)
{
	struct dentry **link = &d->d_parent->kstub_child;

	while (*link != d)
		link = &(*link)->kstub_sibling;
	*link = d->kstub_sibling;
	d->kstub_sibling = NULL;
}

static struct dentry *kstub_debugfs_create(const char *name, umode_t mode,
					   struct dentry *parent, void *data,
					   const struct file_operations *fops,
					   const void *caller)
{
	struct kstub_debugfs_node *node;
	struct dentry *dir, *old;
	bool old_is_dir = false;
	char *copy;
	int ret;

	if (IS_ERR(parent))
		return parent;
	if (!name || !*name || strchr(name, '/'))
		return ERR_PTR(-EINVAL);
	node = __kmalloc_node_track_caller(sizeof(*node),
					   GFP_KERNEL | __GFP_ZERO,
					   NUMA_NO_NODE, (unsigned long)caller);
	if (!node)
		return ERR_PTR(-ENOMEM);
	copy = __kmalloc_node_track_caller(strlen(name) + 1, GFP_KERNEL,
					   NUMA_NO_NODE, (unsigned long)caller);
	if (!copy) {
		ret = -ENOMEM;
		goto err_free_node;
	}
	strcpy(copy, name);
	node->dentry.d_name.name = copy;
	node->dentry.d_name.len = strlen(copy);
	node->dentry.d_inode = &node->inode;
	node->dentry.kstub_ref = 1;
	node->inode.i_mode = mode;
	node->inode.i_private = data;
	node->inode.i_fop = fops;
	node->inode.kstub_active = 1;

	dir = kstub_d_parent(parent);
	kstub_own_lock(&kstub_debugfs_lock);
	if (dir->kstub_removed || !kstub_d_is_dir(dir)) {
		ret = -ENOENT;
		goto err_unlock;
	}
	old = kstub_d_child(dir, copy, node->dentry.d_name.len);
	if (old) {
		old_is_dir = kstub_d_is_dir(old);
		ret = -EEXIST;
		goto err_unlock;
	}
	kstub_d_link(dir, &node->dentry);
	kstub_own_unlock(&kstub_debugfs_lock);
	return &node->dentry;

err_unlock:
	kstub_own_unlock(&kstub_debugfs_lock);
	/* the kernel's messages, which name the entry already there */
	if (ret == -EEXIST && old_is_dir)
		pr_err("debugfs: Directory '%s' with parent '%s' already "
		       "present!\n",
		       name, dir->d_name.name);
	else if (ret == -EEXIST)
		pr_err("debugfs: File '%s' in directory '%s' already "
		       "present!\n",
		       name, dir->d_name.name);
	kfree(copy);
err_free_node:
	kfree(node);
	return ERR_PTR(ret);
}

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent)
{
	return kstub_debugfs_create(name, S_IFDIR | 0755, parent, NULL, NULL,
				    KSTUB_CALLER());
}

static umode_t kstub_file_mode(umode_t mode)
{
	return (mode & S_IFMT) ? mode : (mode | S_IFREG);
}

struct dentry *debugfs_create_file(const char *name, umode_t mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops)
{
	return kstub_debugfs_create(name, kstub_file_mode(mode), parent, data,
				    fops ? fops : &kstub_debugfs_noop_fops,
				    KSTUB_CALLER());
}

struct dentry *debugfs_create_file_unsafe(const char *name, umode_t mode,
					  struct dentry *parent, void *data,
					  const struct file_operations *fops)
{
	return kstub_debugfs_create(name, kstub_file_mode(mode), parent, data,
				    fops ? fops : &kstub_debugfs_noop_fops,
				    KSTUB_CALLER());
}

struct dentry *debugfs_lookup(const char *name, struct dentry *parent)
{
	struct dentry *dir = kstub_d_parent(parent), *d;

	if (!name || IS_ERR(parent))
		return NULL;
	kstub_own_lock(&kstub_debugfs_lock);
	d = dget(kstub_d_child(dir, name, strlen(name)));
	kstub_own_unlock(&kstub_debugfs_lock);
	return d;
}

/* Waits for @d's subtree to drain and drops the tree's references. */
static void kstub_debugfs_release_tree(struct dentry *d)
{
	struct dentry *child, *next;

	for (child = d->kstub_child; child; child = next) {
		next = child->kstub_sibling;
		kstub_debugfs_release_tree(child);
	}
	d->kstub_child = NULL;
	kstub_debugfs_drain(d->d_inode);
	dput(d);
}

static void kstub_debugfs_mark_removed(struct dentry *d)
{
	struct dentry *child;

	d->kstub_removed = true;
	for (child = d->kstub_child; child; child = child->kstub_sibling)
		kstub_debugfs_mark_removed(child);
}

void debugfs_remove(struct dentry *dentry)
{
	if (IS_ERR_OR_NULL(dentry) || dentry == &kstub_debugfs_root.dentry)
		return;
	kstub_might_sleep_at(NULL, 0, KSTUB_CALLER());
	kstub_own_lock(&kstub_debugfs_lock);
	if (dentry->kstub_removed) {
		kstub_own_unlock(&kstub_debugfs_lock);
		return;
	}
	kstub_d_unlink(dentry);
	kstub_debugfs_mark_removed(dentry);
	kstub_own_unlock(&kstub_debugfs_lock);
	/* detached and marked: nothing can add to or unlink from it now */
	kstub_debugfs_release_tree(dentry);
}

void debugfs_lookup_and_remove(const char *name, struct dentry *parent)
{
	struct dentry *d = debugfs_lookup(name, parent);

	debugfs_remove(d);
	dput(d);
}

struct dentry *debugfs_rename(struct dentry *old_dir, struct dentry *old_dentry,
			      struct dentry *new_dir, const char *new_name)
{
	struct dentry *dir = kstub_d_parent(new_dir);
	const char *old_name;
	char *copy;
	int ret = 0;

	if (IS_ERR(old_dentry))
		return old_dentry;
	if (IS_ERR(new_dir))
		return new_dir;
	if (!old_dentry || !new_name || !*new_name || strchr(new_name, '/'))
		return ERR_PTR(-EINVAL);
	copy = __kmalloc_node_track_caller(strlen(new_name) + 1, GFP_KERNEL,
					   NUMA_NO_NODE, _RET_IP_);
	if (!copy)
		return ERR_PTR(-ENOMEM);
	strcpy(copy, new_name);

	kstub_own_lock(&kstub_debugfs_lock);
	if (old_dentry->kstub_removed || dir->kstub_removed)
		ret = -ENOENT;
	else if (kstub_d_child(dir, copy, strlen(copy)))
		ret = -EINVAL;
	if (ret) {
		kstub_own_unlock(&kstub_debugfs_lock);
		kfree(copy);
		return ERR_PTR(ret);
	}
	kstub_d_unlink(old_dentry);
	old_name = old_dentry->d_name.name;
	old_dentry->d_name.name = copy;
	old_dentry->d_name.len = strlen(copy);
	kstub_d_link(dir, old_dentry);
	kstub_own_unlock(&kstub_debugfs_lock);
	kfree(old_name);
	return old_dentry;
}

/* --- value files: debugfs_create_u32 and friends ------------------------- */

/*
 * One read/write pair per type: the value is printed as "%llu\n" (bools
 * as "Y\n"/"N\n") and parsed with the kstrto* rules.
 */
#define KSTUB_DEBUGFS_VALUE(type, fmt, print, parse)                           \
	static ssize_t kstub_debugfs_read_##type(                              \
		struct file *file, char __user *buf, size_t len, loff_t *ppos) \
	{                                                                      \
		type *value = file->private_data;                              \
		char text[32];                                                 \
		int n = snprintf(text, sizeof(text), fmt, print(*value));      \
                                                                               \
		return simple_read_from_buffer(buf, len, ppos, text, n);       \
	}                                                                      \
                                                                               \
	static ssize_t kstub_debugfs_write_##type(struct file *file,           \
						  const char __user *buf,      \
						  size_t len, loff_t *ppos)    \
	{                                                                      \
		type *value = file->private_data;                              \
		int ret = parse(buf, len, value);                              \
                                                                               \
		return ret ? ret : (ssize_t)len;                               \
	}                                                                      \
                                                                               \
	static const struct file_operations kstub_debugfs_fops_##type = {      \
		.open = simple_open,                                           \
		.read = kstub_debugfs_read_##type,                             \
		.write = kstub_debugfs_write_##type,                           \
		.llseek = default_llseek,                                      \
	}

#define KSTUB_PARSE_UNSIGNED(type)                                        \
	static int kstub_parse_##type(const char __user *buf, size_t len, \
				      type *value)                        \
	{                                                                 \
		unsigned long long v;                                     \
		int ret = kstrtoull_from_user(buf, len, 0, &v);           \
                                                                          \
		if (!ret)                                                 \
			*value = (type)v;                                 \
		return ret;                                               \
	}

#define KSTUB_PRINT_ULL(v) ((unsigned long long)(v))
#define KSTUB_PRINT_BOOL(v) ((v) ? 'Y' : 'N')

KSTUB_PARSE_UNSIGNED(u8)
KSTUB_PARSE_UNSIGNED(u16)
KSTUB_PARSE_UNSIGNED(u32)
KSTUB_PARSE_UNSIGNED(u64)
KSTUB_PARSE_UNSIGNED(ulong)
KSTUB_DEBUGFS_VALUE(u8, "%llu\n", KSTUB_PRINT_ULL, kstub_parse_u8);
KSTUB_DEBUGFS_VALUE(u16, "%llu\n", KSTUB_PRINT_ULL, kstub_parse_u16);
KSTUB_DEBUGFS_VALUE(u32, "%llu\n", KSTUB_PRINT_ULL, kstub_parse_u32);
KSTUB_DEBUGFS_VALUE(u64, "%llu\n", KSTUB_PRINT_ULL, kstub_parse_u64);
KSTUB_DEBUGFS_VALUE(ulong, "%llu\n", KSTUB_PRINT_ULL, kstub_parse_ulong);
KSTUB_DEBUGFS_VALUE(bool, "%c\n", KSTUB_PRINT_BOOL, kstrtobool_from_user);

/* void debugfs_create_<type>(name, mode, parent, type *value) */
#define KSTUB_DEBUGFS_CREATE(type)                                        \
	void debugfs_create_##type(const char *name, umode_t mode,        \
				   struct dentry *parent, type *value)    \
	{                                                                 \
		kstub_debugfs_create(name, kstub_file_mode(mode), parent, \
				     value, &kstub_debugfs_fops_##type,   \
				     KSTUB_CALLER());                     \
	}

KSTUB_DEBUGFS_CREATE(u8)
KSTUB_DEBUGFS_CREATE(u16)
KSTUB_DEBUGFS_CREATE(u32)
KSTUB_DEBUGFS_CREATE(u64)
KSTUB_DEBUGFS_CREATE(bool)

struct dentry *debugfs_create_ulong(const char *name, umode_t mode,
				    struct dentry *parent, unsigned long *value)
{
	return kstub_debugfs_create(name, kstub_file_mode(mode), parent, value,
				    &kstub_debugfs_fops_ulong, KSTUB_CALLER());
}

/* --- the tests' side ------------------------------------------------------ */

/* Looks @path up from the root; a referenced dentry or NULL. */
static struct dentry *kstub_debugfs_walk(const char *path)
{
	struct dentry *d = &kstub_debugfs_root.dentry;
	const char *end;

	kstub_own_lock(&kstub_debugfs_lock);
	while (d && *path) {
		end = strchrnul(path, '/');
		if (end != path)
			d = kstub_d_child(d, path, end - path);
		path = *end ? end + 1 : end;
	}
	dget(d);
	kstub_own_unlock(&kstub_debugfs_lock);
	return d;
}

/* Opens @d into @file through the proxy; 0 or -errno. */
static int kstub_debugfs_open(struct dentry *d, struct file *file, fmode_t mode)
{
	struct inode *inode = d->d_inode;
	int ret;

	if (kstub_d_is_dir(d))
		return -EISDIR;
	*file = (struct file){
		.f_inode = inode,
		.kstub_dentry = d,
		.f_op = inode->i_fop,
		.f_mode = mode | FMODE_LSEEK | FMODE_PREAD | FMODE_PWRITE,
	};
	ret = debugfs_file_get(d);
	if (ret)
		return ret;
	ret = file->f_op->open ? file->f_op->open(inode, file) : 0;
	debugfs_file_put(d);
	return ret;
}

/* The release is not guarded: it runs even after removal, as the VFS's. */
static void kstub_debugfs_close(struct file *file)
{
	if (file->f_op->release)
		file->f_op->release(file->f_inode, file);
}

ssize_t kstub_debugfs_read(const char *path, char *buf, size_t len)
{
	struct dentry *d = kstub_debugfs_walk(path);
	struct file file;
	size_t total = 0;
	ssize_t ret;

	if (!d)
		return -ENOENT;
	if (!len) {
		ret = -EINVAL;
		goto out_put;
	}
	ret = kstub_debugfs_open(d, &file, FMODE_READ);
	if (ret)
		goto out_put;
	ret = file.f_op->read ? 0 : -EINVAL;
	while (!ret && total < len - 1) {
		ret = debugfs_file_get(d);
		if (ret)
			break;
		ret = file.f_op->read(&file, (char __user *)buf + total,
				      len - 1 - total, &file.f_pos);
		debugfs_file_put(d);
		if (ret <= 0)
			break;
		total += ret;
		ret = 0;
	}
	kstub_debugfs_close(&file);
	buf[total] = '\0';
	/* like read(2) after a partial transfer: what was read counts */
	if (!ret || total)
		ret = total;
out_put:
	dput(d);
	return ret;
}

ssize_t kstub_debugfs_write(const char *path, const char *buf, size_t len)
{
	struct dentry *d = kstub_debugfs_walk(path);
	struct file file;
	ssize_t ret;

	if (!d)
		return -ENOENT;
	ret = kstub_debugfs_open(d, &file, FMODE_WRITE);
	if (ret)
		goto out_put;
	ret = file.f_op->write ? debugfs_file_get(d) : -EINVAL;
	if (!ret) {
		ret = file.f_op->write(&file, (const char __user *)buf, len,
				       &file.f_pos);
		debugfs_file_put(d);
	}
	kstub_debugfs_close(&file);
out_put:
	dput(d);
	return ret;
}

bool kstub_debugfs_exists(const char *path)
{
	struct dentry *d = kstub_debugfs_walk(path);

	dput(d);
	return d != NULL;
}

struct kstub_debugfs_list {
	char **paths;
	bool *dirs;
	size_t n, cap;
};

/* Appends the paths below @d (pre-order) with libc; under the lock. */
static int kstub_debugfs_collect(struct dentry *d, const char *prefix,
				 struct kstub_debugfs_list *list)
{
	struct dentry *child;
	char *path;

	for (child = d->kstub_child; child; child = child->kstub_sibling) {
		if (list->n == list->cap) {
			size_t cap = list->cap ? 2 * list->cap : 16;
			char **paths =
				realloc(list->paths, cap * sizeof(*paths));
			bool *dirs = paths ? realloc(list->dirs, cap) : NULL;

			if (paths)
				list->paths = paths;
			if (!dirs)
				return -ENOMEM;
			list->dirs = dirs;
			list->cap = cap;
		}
		if (asprintf(&path, "%s%s%s", prefix, *prefix ? "/" : "",
			     child->d_name.name) < 0)
			return -ENOMEM;
		list->dirs[list->n] = kstub_d_is_dir(child);
		list->paths[list->n++] = path;
		if (kstub_debugfs_collect(child, path, list))
			return -ENOMEM;
	}
	return 0;
}

int kstub_debugfs_for_each(const char *dir,
			   int (*fn)(const char *path, bool is_dir, void *arg),
			   void *arg)
{
	struct kstub_debugfs_list list = {NULL, NULL, 0, 0};
	struct dentry *d = kstub_debugfs_walk(dir);
	size_t i;
	int ret;

	if (!d)
		return -ENOENT;
	kstub_own_lock(&kstub_debugfs_lock);
	ret = kstub_debugfs_collect(d, dir, &list);
	kstub_own_unlock(&kstub_debugfs_lock);
	dput(d);
	for (i = 0; i < list.n; i++) {
		if (!ret)
			ret = fn(list.paths[i], list.dirs[i], arg);
		free(list.paths[i]);
	}
	free(list.paths);
	free(list.dirs);
	return ret;
}
