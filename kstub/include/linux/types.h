/* SPDX-License-Identifier: GPL-2.0-only */
/* Kernel integer types, gfp_t and the list heads, over the uapi types. */
#ifndef _KSTUB_LINUX_TYPES_H
#define _KSTUB_LINUX_TYPES_H

#include_next <linux/types.h>

#ifndef __ASSEMBLY__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

typedef __u8 u8;
typedef __s8 s8;
typedef __u16 u16;
typedef __s16 s16;
typedef __u32 u32;
typedef __s32 s32;
typedef __u64 u64;
typedef __s64 s64;

/* An array of unsigned long holding @bits bits (<linux/bitmap.h>). */
#define DECLARE_BITMAP(name, bits)                                      \
	unsigned long name[((bits) + __CHAR_BIT__ * sizeof(long) - 1) / \
			   (__CHAR_BIT__ * sizeof(long))]

typedef unsigned int gfp_t;
typedef unsigned int slab_flags_t;
typedef unsigned int fmode_t;
typedef u64 phys_addr_t;
typedef u64 dma_addr_t;
typedef phys_addr_t resource_size_t;
typedef u64 sector_t;
typedef unsigned long irq_hw_number_t;

typedef struct {
	int counter;
} atomic_t;

typedef struct {
	long counter;
} atomic_long_t;

typedef struct {
	s64 counter;
} atomic64_t;

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_head {
	struct hlist_node *first;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

/*
 * The kernel's layout: @next links the callbacks call_rcu() has queued (on
 * kstub's own queue, kstub/rcu_callbacks.c), @func is the callback, or for
 * kvfree_rcu() the offset of the rcu_head in the object to free.
 */
struct callback_head {
	struct callback_head *next;
	void (*func)(struct callback_head *head);
};
#define rcu_head callback_head
typedef void (*rcu_callback_t)(struct rcu_head *head);

#endif /* __ASSEMBLY__ */
#endif
