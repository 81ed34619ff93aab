// SPDX-License-Identifier: GPL-2.0-only
/*
 * Two call paths allocate through the same function, make_node(); only
 * one of them leaks.  A leak report must name the leaking path, not the
 * first path that happened to allocate there (kmemleak and LSan keep
 * each object's own stack).
 */
#include "config.h"

#include <stdio.h>

#include <linux/compiler.h>
#include <linux/slab.h>

static noinline void *make_node(void)
{
	void *p = kmalloc(24, GFP_KERNEL);

	barrier();
	return p;
}

static noinline void path_clean(void)
{
	kfree(make_node());
	barrier();
}

static noinline void path_leaky(void)
{
	void *p = make_node();

	/* Keep it alive as far as the compiler knows: a real leak. */
	__asm__ volatile("" : : "r"(p) : "memory");
	barrier();
}

int main(void)
{
	path_clean();
	path_clean();
	path_leaky();
	path_clean();
	printf("done\n");
	return 0;
}
