/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The part of <linux/mm.h> that code outside mm/ uses: page arithmetic,
 * is_vmalloc_addr(), virt_to_page() and page_to_nid().  The allocators
 * are in <linux/slab.h> and <linux/vmalloc.h>, included from here as the
 * kernel's mm.h does.
 */
#ifndef _KSTUB_LINUX_MM_H
#define _KSTUB_LINUX_MM_H

#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/mm_types.h>
#include <linux/mmdebug.h>
#include <linux/overflow.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#define PAGE_MASK (~(PAGE_SIZE - 1))
#define PAGE_ALIGN(addr) ALIGN(addr, PAGE_SIZE)
#define PAGE_ALIGNED(addr) IS_ALIGNED((unsigned long)(addr), PAGE_SIZE)
#define offset_in_page(p) ((unsigned long)(p) & ~PAGE_MASK)

/* True for memory from vmalloc() and for kvmalloc() of more than a page. */
bool is_vmalloc_addr(const void *x);

/* The page of an address, and its node: see <linux/mm_types.h>. */
struct page *kstub_virt_to_page(const void *addr);
#define virt_to_page(kaddr) kstub_virt_to_page((const void *)(kaddr))

static inline int page_to_nid(const struct page *page)
{
	return page->kstub_nid;
}

/* The page order that holds @size bytes */
static inline int get_order(unsigned long size)
{
	if (size <= PAGE_SIZE)
		return 0;
	return 64 - __builtin_clzl((size - 1) >> PAGE_SHIFT);
}

#endif
