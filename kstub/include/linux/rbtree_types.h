/* SPDX-License-Identifier: GPL-2.0-only */
/* The red-black tree's structures alone (<linux/rbtree.h>). */
#ifndef _KSTUB_LINUX_RBTREE_TYPES_H
#define _KSTUB_LINUX_RBTREE_TYPES_H

/* Parent pointer and colour share a word: bit 0 set means black. */
struct rb_node {
	unsigned long __rb_parent_color;
	struct rb_node *rb_right;
	struct rb_node *rb_left;
} __attribute__((aligned(sizeof(long))));

struct rb_root {
	struct rb_node *rb_node;
};

/* A tree that also keeps its leftmost (smallest) node. */
struct rb_root_cached {
	struct rb_root rb_root;
	struct rb_node *rb_leftmost;
};

#define RB_ROOT          \
	(struct rb_root) \
	{                \
		NULL,    \
	}
#define RB_ROOT_CACHED          \
	(struct rb_root_cached) \
	{                       \
		{               \
			NULL,   \
		},              \
			NULL    \
	}

#endif
