// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page model: every object is on node 0, whatever node it was asked
 * for; mm's VM_ assertions compile their condition and, without
 * CONFIG_DEBUG_VM, do not run it.
 */
#include "config.h"

#include <linux/mm.h>
#include <linux/slab.h>

#include "harness.h"

static int evaluated;

static bool count_evaluation(void)
{
	evaluated++;
	return true;
}

int main(void)
{
	void *p = kmalloc(64, GFP_KERNEL), *q = kmalloc_node(64, GFP_KERNEL, 1);
	int on_stack;

	plan(5);
	ok(p && page_to_nid(virt_to_page(p)) == 0, "a kmalloc object: node 0");
	ok(q && page_to_nid(virt_to_page(q)) == 0,
	   "kmalloc_node(1): node 0 too (kstub places nothing on nodes)");
	ok(page_to_nid(virt_to_page(&on_stack)) == 0, "any address has a page");
	VM_WARN_ON(count_evaluation());
	VM_BUG_ON(count_evaluation());
	is_int(evaluated, 0,
	       "without CONFIG_DEBUG_VM, VM_ asserts run nothing");
	ok(count_evaluation() && evaluated == 1,
	   "(the counter counts when called)");
	kfree(p);
	kfree(q);
	return exit_status();
}
