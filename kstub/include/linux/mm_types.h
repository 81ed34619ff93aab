/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * struct page, as far as code outside mm/ asks about one: which node an
 * object is on (page_to_nid(virt_to_page(p)) in <linux/mm.h>).
 *
 * kstub's allocators do not place memory on nodes (kmalloc_node() and
 * the like take the node and allocate from the one heap), so every
 * address is on node 0 and virt_to_page() returns the one page that
 * stands for all of it.  Nothing else of a page is modelled: no
 * page_address(), no refcount, no flags.
 */
#ifndef _KSTUB_LINUX_MM_TYPES_H
#define _KSTUB_LINUX_MM_TYPES_H

#include <linux/types.h>

struct page {
	int kstub_nid; /* the node page_to_nid() reports */
};

#endif
