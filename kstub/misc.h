/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Declarations shared between kstub's idr, memcg and debugfs files; never
 * installed.  (Kept out of internal.h so those files do not need it.)
 */
#ifndef KSTUB_MISC_H
#define KSTUB_MISC_H

#include <linux/types.h>

struct idr;

/* idr_alloc() charged to @caller, the kernel code's return address. */
int kstub_idr_alloc_caller(struct idr *idr, void *ptr, int start, int end,
			   gfp_t gfp, const void *caller)
	__attribute__((visibility("hidden")));

#endif /* KSTUB_MISC_H */
