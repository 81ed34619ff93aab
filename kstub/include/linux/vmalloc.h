/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * vmalloc: virtually contiguous memory.  Every allocation may sleep and
 * reports to the hook as class vmalloc; vmalloc(0) fails with a warning as
 * the kernel's does.  Free with vfree() or kvfree(); vfree() may sleep.
 */
#ifndef _KSTUB_LINUX_VMALLOC_H
#define _KSTUB_LINUX_VMALLOC_H

#include <linux/types.h>
#include <linux/compiler_types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>

void *vmalloc(unsigned long size) __alloc_size(1) __malloc;
void *vzalloc(unsigned long size) __alloc_size(1) __malloc;
void *vmalloc_node(unsigned long size, int node) __alloc_size(1) __malloc;
void *vzalloc_node(unsigned long size, int node) __alloc_size(1) __malloc;
void *__vmalloc(unsigned long size, gfp_t gfp_mask) __alloc_size(1) __malloc;
void *vmalloc_array(size_t n, size_t size) __alloc_size(1, 2) __malloc;
void *vcalloc(size_t n, size_t size) __alloc_size(1, 2) __malloc;
void vfree(const void *addr);

#endif
