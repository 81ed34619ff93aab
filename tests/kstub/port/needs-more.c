// SPDX-License-Identifier: GPL-2.0-only
/*
 * A kernel file that needs what kstub lacks: a header kstub does not
 * have (<linux/maple_tree.h>) and its functions, a kstub header it forgot
 * to include (<linux/jhash.h>), and a private header of its own ("priv.h",
 * found with -I).  kstub-cc must name all of them, with their lines.
 */
#include <linux/kernel.h>
#include <linux/maple_tree.h>
#include <linux/slab.h>
#include "priv.h"

static DEFINE_MTREE(tree);

int needs_more(unsigned long index)
{
	void *p = mtree_load(&tree, index);

	if (!p)
		return mtree_store(&tree, index, kmalloc(8, GFP_KERNEL),
				   GFP_KERNEL);
	return jhash(p, 8, PRIV_SEED);
}
