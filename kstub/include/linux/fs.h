/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Files, inodes and file_operations, as far as debugfs and seq_file need
 * them, plus the libfs helpers simple_open(), simple_read_from_buffer()
 * and the llseek variants.  The uapi <linux/fs.h> comes first (SEEK_*).
 *
 * A struct file is used by one thread at a time in kstub (each
 * kstub_debugfs_read/write opens its own), so it has no f_pos lock.
 */
#ifndef _KSTUB_LINUX_FS_H
#define _KSTUB_LINUX_FS_H

#include_next <linux/fs.h>

#include <linux/types.h>
#include <linux/compiler_types.h>
#include <linux/dcache.h>

typedef unsigned short umode_t;

struct module;
struct file;
struct poll_table_struct;

#define FMODE_READ ((fmode_t)0x1)
#define FMODE_WRITE ((fmode_t)0x2)
#define FMODE_LSEEK ((fmode_t)0x4)
#define FMODE_PREAD ((fmode_t)0x8)
#define FMODE_PWRITE ((fmode_t)0x10)

struct inode {
	umode_t i_mode;
	unsigned long i_ino;
	loff_t i_size;
	void *i_private;
	const struct file_operations *i_fop;
	/* kstub: debugfs' count of running file operations, plus one */
	long kstub_active;
};

struct file {
	struct inode *f_inode;
	struct dentry *kstub_dentry;
	const struct file_operations *f_op;
	fmode_t f_mode;
	unsigned int f_flags;
	loff_t f_pos;
	void *private_data;
};

static inline struct inode *file_inode(const struct file *f)
{
	return f->f_inode;
}

static inline struct dentry *file_dentry(const struct file *f)
{
	return f->kstub_dentry;
}

struct file_operations {
	struct module *owner;
	loff_t (*llseek)(struct file *, loff_t, int);
	ssize_t (*read)(struct file *, char __user *, size_t, loff_t *);
	ssize_t (*write)(struct file *, const char __user *, size_t, loff_t *);
	unsigned int (*poll)(struct file *, struct poll_table_struct *);
	long (*unlocked_ioctl)(struct file *, unsigned int, unsigned long);
	int (*open)(struct inode *, struct file *);
	int (*flush)(struct file *, void *id);
	int (*release)(struct inode *, struct file *);
};

/* file->private_data = inode->i_private when that is set. */
int simple_open(struct inode *inode, struct file *file);
/* Marks the file not seekable: llseek and positioned I/O fail. */
int nonseekable_open(struct inode *inode, struct file *file);
int stream_open(struct inode *inode, struct file *file);

loff_t no_llseek(struct file *file, loff_t offset, int whence);
loff_t noop_llseek(struct file *file, loff_t offset, int whence);
loff_t default_llseek(struct file *file, loff_t offset, int whence);
loff_t generic_file_llseek(struct file *file, loff_t offset, int whence);
loff_t fixed_size_llseek(struct file *file, loff_t offset, int whence,
			 loff_t size);

/*
 * Copy from (to) a kernel buffer of @available bytes at *@ppos, advance
 * *@ppos; returns the bytes copied, 0 at the end, or -EINVAL.
 */
ssize_t simple_read_from_buffer(void __user *to, size_t count, loff_t *ppos,
				const void *from, size_t available);
ssize_t simple_write_to_buffer(void *to, size_t available, loff_t *ppos,
			       const void __user *from, size_t count);

#endif
