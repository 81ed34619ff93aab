/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Tests' view of debugfs (see <linux/debugfs.h>).  Paths are relative to
 * the debugfs root, components separated by '/': "shrinker/foo-3/count".
 * Each call opens the file through its file_operations, reads or writes,
 * and releases it, as cat or echo would; the proxy rules apply.  These
 * functions allocate with libc, never through the kernel API, so they are
 * never fault sites themselves (the file's ->open and ->read are).
 */
#ifndef KSTUB_DEBUGFS_H
#define KSTUB_DEBUGFS_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/*
 * Reads the file from offset 0 until end of file or @len - 1 bytes, and
 * terminates @buf.  Returns the bytes read or -errno (-ENOENT: no such
 * file, -EISDIR, -EACCES when it has no read, what ->open or ->read
 * returned).  An error after some bytes were read (a removal between
 * two ->read calls gives -EIO) returns the bytes read.
 */
ssize_t kstub_debugfs_read(const char *path, char *buf, size_t len);

/* One write of @len bytes at offset 0.  Returns ->write's result. */
ssize_t kstub_debugfs_write(const char *path, const char *buf, size_t len);

bool kstub_debugfs_exists(const char *path);

/*
 * Calls @fn for every entry below @dir ("" for the root), parents before
 * children, with its path; stops at the first non-zero return, which it
 * returns.  The tree is not locked while @fn runs.  -ENOENT for no @dir.
 */
int kstub_debugfs_for_each(const char *dir,
			   int (*fn)(const char *path, bool is_dir, void *arg),
			   void *arg);

#endif
