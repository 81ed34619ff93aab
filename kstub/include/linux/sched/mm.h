/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The allocation context of a task: might_alloc() is the debug check of
 * an allocation that may block, the memalloc_*_save()/_restore() scopes
 * are accepted (kstub's allocator never recurses into file systems or
 * I/O) and nest as the kernel's do.
 */
#ifndef _KSTUB_LINUX_SCHED_MM_H
#define _KSTUB_LINUX_SCHED_MM_H

#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/sched.h>

static inline void might_alloc(gfp_t gfp_mask)
{
	might_sleep_if(gfpflags_allow_blocking(gfp_mask));
}

#define memalloc_nofs_save() 0U
#define memalloc_nofs_restore(flags) ((void)(flags))
#define memalloc_noio_save() 0U
#define memalloc_noio_restore(flags) ((void)(flags))
#define memalloc_noreclaim_save() 0U
#define memalloc_noreclaim_restore(flags) ((void)(flags))
#define memalloc_pin_save() 0U
#define memalloc_pin_restore(flags) ((void)(flags))
#define current_gfp_context(flags) (flags)

#endif
