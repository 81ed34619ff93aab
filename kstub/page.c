// SPDX-License-Identifier: GPL-2.0-only
/*
 * The page model: one page on node 0 stands for all of kstub's memory;
 * see <linux/mm_types.h>.
 */
#include "config.h"

#include <linux/mm.h>

static struct page kstub_node0_page = {.kstub_nid = 0};

struct page *kstub_virt_to_page(const void *addr)
{
	return &kstub_node0_page;
}
