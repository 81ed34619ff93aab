/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * GFP helpers.  The flags themselves are in <linux/gfp_types.h>.
 */
#ifndef _KSTUB_LINUX_GFP_H
#define _KSTUB_LINUX_GFP_H

#include <linux/gfp_types.h>
#include <linux/types.h>

#ifndef NUMA_NO_NODE
#define NUMA_NO_NODE (-1)
#endif

/* May this allocation sleep (enter direct reclaim)? */
static inline bool gfpflags_allow_blocking(const gfp_t gfp_flags)
{
	return !!(gfp_flags & __GFP_DIRECT_RECLAIM);
}

static inline bool gfp_has_io_fs(gfp_t gfp)
{
	return (gfp & (__GFP_IO | __GFP_FS)) == (__GFP_IO | __GFP_FS);
}

/*
 * kstub has no task-wide memalloc_nofs/noio scopes: the context adds
 * nothing to the caller's flags.
 */
static inline gfp_t current_gfp_context(gfp_t flags)
{
	return flags;
}

#endif
