/* SPDX-License-Identifier: GPL-2.0-only */
/* glibc's <errno.h> includes <linux/errno.h>: keep the uapi codes first. */
#ifndef _KSTUB_LINUX_ERRNO_H
#define _KSTUB_LINUX_ERRNO_H

#include_next <linux/errno.h>

/* Kernel-internal codes that userspace never sees. */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ENOTSUPP 524

#endif
