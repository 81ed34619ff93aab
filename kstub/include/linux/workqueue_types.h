/* SPDX-License-Identifier: GPL-2.0-only */
/* struct work_struct alone, for headers that embed one (<linux/workqueue.h>). */
#ifndef _KSTUB_LINUX_WORKQUEUE_TYPES_H
#define _KSTUB_LINUX_WORKQUEUE_TYPES_H

#include <linux/types.h>

struct workqueue_struct;
struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

enum {
	WORK_STRUCT_PENDING_BIT = 0,
};

struct work_struct {
	atomic_long_t data; /* bit 0: pending */
	struct list_head entry;
	work_func_t func;
	/* kstub's: the queue it was last put on, and when */
	struct workqueue_struct *kstub_wq;
	unsigned long kstub_seq;
};

#endif
