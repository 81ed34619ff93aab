/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for lib/radix-tree.h: the node cache lib/xarray.c allocates
 * from, which lib/radix-tree.c owns in the kernel and harness-xarray.c
 * here.
 */
#ifndef KFAULT_UPSTREAM_LIB_RADIX_TREE_H
#define KFAULT_UPSTREAM_LIB_RADIX_TREE_H

struct kmem_cache;
struct rcu_head;

extern struct kmem_cache *radix_tree_node_cachep;
void radix_tree_node_rcu_free(struct rcu_head *head);

#endif
