// SPDX-License-Identifier: GPL-2.0-only
/*
 * Kernel-style code with no hook of its own, for hook.sh: three kmallocs
 * from one function, then their kfrees.  What a preloaded hook does to
 * them shows in the output.
 */
#include "config.h"

#include <stdio.h>

#include <linux/kernel.h>
#include <linux/slab.h>

static noinline void alloc_three(void **p)
{
	int i;

	for (i = 0; i < 3; i++)
		p[i] = kmalloc(32, GFP_KERNEL);
}

int main(void)
{
	void *p[3];
	int i;

	alloc_three(p);
	for (i = 0; i < 3; i++) {
		printf("kmalloc %d: %s\n", i + 1, p[i] ? "ok" : "NULL");
		kfree(p[i]);
	}
	return 0;
}
