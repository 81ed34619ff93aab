/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Directory entries, as far as debugfs needs them.  Only debugfs creates
 * dentries in kstub; the fields after d_inode are its bookkeeping.
 */
#ifndef _KSTUB_LINUX_DCACHE_H
#define _KSTUB_LINUX_DCACHE_H

#include <linux/types.h>

struct inode;

struct qstr {
	const char *name;
	unsigned int len;
};

struct dentry {
	struct dentry *d_parent;
	struct qstr d_name;
	struct inode *d_inode;
	/* kstub: the tree, changed under debugfs' lock */
	struct dentry *kstub_child;
	struct dentry *kstub_sibling;
	long kstub_ref;
	bool kstub_removed;
};

static inline struct inode *d_inode(const struct dentry *dentry)
{
	return dentry->d_inode;
}

/* Takes and drops a reference; the last one frees a removed entry. */
struct dentry *dget(struct dentry *dentry);
void dput(struct dentry *dentry);

#endif
