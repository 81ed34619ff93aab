// SPDX-License-Identifier: GPL-2.0-only
/*
 * What lib/radix-tree.c gives lib/xarray.c in the kernel: the node cache,
 * created at boot, and the RCU callback that returns a node to it.  Built
 * with the kernel's <linux/xarray.h>, whose struct xa_node it allocates.
 */
#include <linux/init.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/xarray.h>

#include "radix-tree.h"
#include "harness.h"

struct kmem_cache *radix_tree_node_cachep;

/* Every allocation: lib/xarray.c expects an empty node, list unlinked. */
static void radix_tree_node_ctor(void *arg)
{
	struct xa_node *node = arg;

	memset(node, 0, sizeof(*node));
	INIT_LIST_HEAD(&node->private_list);
}

void radix_tree_node_rcu_free(struct rcu_head *head)
{
	struct xa_node *node = container_of(head, struct xa_node, rcu_head);

	kmem_cache_free(radix_tree_node_cachep, node);
}

static int __init radix_tree_node_cache_init(void)
{
	radix_tree_node_cachep =
		kmem_cache_create("radix_tree_node", sizeof(struct xa_node), 0,
				  0, radix_tree_node_ctor);
	return radix_tree_node_cachep ? 0 : -ENOMEM;
}
core_initcall(radix_tree_node_cache_init);

void harness_cleanup(void)
{
	rcu_barrier();
	kmem_cache_destroy(radix_tree_node_cachep);
}
