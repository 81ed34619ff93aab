/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Memory allocation profiling.  The kernel names its allocators *_noprof
 * and wraps each call in alloc_hooks() to charge the calling line; kstub
 * charges the caller itself (every allocator is a real function that
 * records its return address), so alloc_hooks() is the call alone and
 * each *_noprof name is the allocator it stands for (<linux/slab.h>,
 * <linux/vmalloc.h>).
 */
#ifndef _KSTUB_LINUX_ALLOC_TAG_H
#define _KSTUB_LINUX_ALLOC_TAG_H

#define alloc_hooks(_do_alloc) (_do_alloc)
#define alloc_hooks_tag(_tag, _do_alloc) (_do_alloc)
#define mem_alloc_profiling_enabled() false
#define alloc_tag_record(p) \
	do {                \
	} while (0)
#define DEFINE_ALLOC_TAG(_alloc_tag)

#endif
