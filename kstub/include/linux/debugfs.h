/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * debugfs as an in-memory tree that tests read with <kstub/debugfs.h>.
 *
 * Errors are ERR_PTRs as in 6.7: -EEXIST for a name already present,
 * -ENOMEM when an allocation fails (they go through kmalloc, so they are
 * fault sites), and a parent that is an ERR_PTR is passed through.
 * Creation, rename and removal may be called from any thread; each takes
 * the tree lock.  File operations run through a proxy: each one holds an
 * "active user" reference, and debugfs_remove() waits until those
 * running drain, so a removal that races a read is safe; operations that
 * start after the removal get -EIO.  debugfs_remove() may sleep.
 */
#ifndef _KSTUB_LINUX_DEBUGFS_H
#define _KSTUB_LINUX_DEBUGFS_H

#include <linux/fs.h>
#include <linux/seq_file.h>
#include <linux/err.h>
#include <linux/types.h>

struct dentry *debugfs_create_dir(const char *name, struct dentry *parent);
struct dentry *debugfs_create_file(const char *name, umode_t mode,
				   struct dentry *parent, void *data,
				   const struct file_operations *fops);
struct dentry *debugfs_create_file_unsafe(const char *name, umode_t mode,
					  struct dentry *parent, void *data,
					  const struct file_operations *fops);
void debugfs_create_u8(const char *name, umode_t mode, struct dentry *parent,
		       u8 *value);
void debugfs_create_u16(const char *name, umode_t mode, struct dentry *parent,
			u16 *value);
void debugfs_create_u32(const char *name, umode_t mode, struct dentry *parent,
			u32 *value);
void debugfs_create_u64(const char *name, umode_t mode, struct dentry *parent,
			u64 *value);
struct dentry *debugfs_create_ulong(const char *name, umode_t mode,
				    struct dentry *parent,
				    unsigned long *value);
void debugfs_create_bool(const char *name, umode_t mode, struct dentry *parent,
			 bool *value);

/* NULL and ERR_PTR are ignored; removes the whole subtree. */
void debugfs_remove(struct dentry *dentry);
#define debugfs_remove_recursive debugfs_remove
void debugfs_lookup_and_remove(const char *name, struct dentry *parent);

/* Returns a referenced dentry (release it with dput()) or NULL. */
struct dentry *debugfs_lookup(const char *name, struct dentry *parent);

/*
 * Moves @old_dentry under @new_dir as @new_name.  Returns @old_dentry, or
 * an ERR_PTR: -EINVAL when @new_name exists, -ENOMEM.
 */
struct dentry *debugfs_rename(struct dentry *old_dir, struct dentry *old_dentry,
			      struct dentry *new_dir, const char *new_name);

bool debugfs_initialized(void);

/* The proxy's active-user reference: -EIO once the file is removed. */
int debugfs_file_get(struct dentry *dentry);
void debugfs_file_put(struct dentry *dentry);

#endif
