/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The slab allocator API: kmalloc and friends, kvmalloc, kmem_cache.
 *
 * Every function here is a real function in libkstub (none is an inline
 * wrapper), so that the allocation site kstub records and reports to the
 * hook is the return address in the kernel code that called it.
 *
 * Each allocation that may fail reports once to the hook (class slab, or
 * vmalloc for kvmalloc*) before it allocates; when the hook says "fail" it
 * returns NULL as the kernel's would, and prints a one-line allocation
 * failure warning unless __GFP_NOWARN.  __GFP_NOFAIL requests are reported
 * but never failed.  What allocates nothing is no fault site, as in the
 * kernel: kmalloc(0), an overflowing kmalloc_array(), a krealloc() that
 * fits the object.  Requests that may block (__GFP_DIRECT_RECLAIM) are
 * might_sleep() points.  Frees report to the hook (class free) with the
 * object; kfree(NULL) and kfree(ZERO_SIZE_PTR) free nothing and report
 * nothing.  All of it is thread-safe; objects may be freed by any thread.
 *
 * Alignment is SLUB's: a kmalloc() object is aligned as its size class
 * (power-of-two sizes naturally, up to PAGE_SIZE, and all to at least 16
 * bytes, more than ARCH_KMALLOC_MINALIGN), vmalloc() memory to a page, a
 * kmem_cache's objects to its align argument, to a cache line with
 * SLAB_HWCACHE_ALIGN.
 *
 * Differences from a kernel, on purpose: ksize() is the size asked for,
 * not a kmalloc size class; a blocking kvmalloc() of more than PAGE_SIZE is treated as
 * if it took the vmalloc fallback, so kfree() on it is reported (use
 * kvfree()) and kvfree() of it may sleep, as vfree() does (except in an
 * RCU callback).
 */
#ifndef _KSTUB_LINUX_SLAB_H
#define _KSTUB_LINUX_SLAB_H

#include <linux/types.h>
#include <linux/compiler_types.h>
#include <linux/gfp.h>
#include <linux/overflow.h>
#include <linux/alloc_tag.h>
#include <linux/string.h>

#ifndef __realloc_size
#define __realloc_size(...) __alloc_size(__VA_ARGS__)
#endif

/*
 * kmalloc(0) returns ZERO_SIZE_PTR: not NULL, but any access faults.
 * kfree() accepts it.
 */
#define ZERO_SIZE_PTR ((void *)16)
#define ZERO_OR_NULL_PTR(x) ((unsigned long)(x) <= (unsigned long)ZERO_SIZE_PTR)

#define ARCH_KMALLOC_MINALIGN __alignof__(unsigned long long)
#define ARCH_SLAB_MINALIGN __alignof__(unsigned long long)

/* 6.7 with 4 KiB pages: MAX_ORDER 10, SLUB's largest kmalloc cache 8 KiB */
#define KMALLOC_SHIFT_MAX 22
#define KMALLOC_MAX_SIZE (1UL << KMALLOC_SHIFT_MAX)
#define KMALLOC_MAX_CACHE_SIZE (1UL << 13)

/* kmem_cache_create() flags, with the kernel's values */
#define SLAB_CONSISTENCY_CHECKS ((slab_flags_t)0x00000100U)
#define SLAB_RED_ZONE ((slab_flags_t)0x00000400U)
#define SLAB_POISON ((slab_flags_t)0x00000800U)
#define SLAB_KMALLOC ((slab_flags_t)0x00001000U)
#define SLAB_HWCACHE_ALIGN ((slab_flags_t)0x00002000U)
#define SLAB_CACHE_DMA ((slab_flags_t)0x00004000U)
#define SLAB_CACHE_DMA32 ((slab_flags_t)0x00008000U)
#define SLAB_STORE_USER ((slab_flags_t)0x00010000U)
#define SLAB_RECLAIM_ACCOUNT ((slab_flags_t)0x00020000U)
#define SLAB_TEMPORARY SLAB_RECLAIM_ACCOUNT
#define SLAB_PANIC ((slab_flags_t)0x00040000U)
#define SLAB_TYPESAFE_BY_RCU ((slab_flags_t)0x00080000U)
#define SLAB_MEM_SPREAD ((slab_flags_t)0x00100000U)
#define SLAB_TRACE ((slab_flags_t)0x00200000U)
#define SLAB_DEBUG_OBJECTS ((slab_flags_t)0x00400000U)
#define SLAB_NOLEAKTRACE ((slab_flags_t)0x00800000U)
#define SLAB_NO_MERGE ((slab_flags_t)0x01000000U)
#define SLAB_FAILSLAB ((slab_flags_t)0x02000000U)
#define SLAB_ACCOUNT ((slab_flags_t)0x04000000U)
#define SLAB_NO_USER_FLAGS ((slab_flags_t)0x10000000U)

/* kmalloc family */
void *kmalloc(size_t size, gfp_t flags) __alloc_size(1) __malloc;
void *kzalloc(size_t size, gfp_t flags) __alloc_size(1) __malloc;
void *kmalloc_node(size_t size, gfp_t flags, int node) __alloc_size(1) __malloc;
void *kzalloc_node(size_t size, gfp_t flags, int node) __alloc_size(1) __malloc;
/* n * size, or NULL (without a warning) when that overflows */
void *kmalloc_array(size_t n, size_t size, gfp_t flags)
	__alloc_size(1, 2) __malloc;
void *kcalloc(size_t n, size_t size, gfp_t flags) __alloc_size(1, 2) __malloc;
void *kmalloc_array_node(size_t n, size_t size, gfp_t flags, int node)
	__alloc_size(1, 2) __malloc;
void *kcalloc_node(size_t n, size_t size, gfp_t flags, int node)
	__alloc_size(1, 2) __malloc;
/*
 * krealloc(NULL or ZERO_SIZE_PTR, n) allocates; krealloc(p, 0) frees p and
 * returns ZERO_SIZE_PTR; a failure returns NULL and leaves p alone.
 */
void *krealloc(const void *p, size_t new_size, gfp_t flags) __realloc_size(2);
void *krealloc_array(void *p, size_t new_n, size_t new_size, gfp_t flags)
	__realloc_size(2, 3);
void kfree(const void *objp);
void kfree_sensitive(const void *objp);
size_t ksize(const void *objp);
size_t kmalloc_size_roundup(size_t size);

/* @caller is the site to charge, as _RET_IP_ in the function calling it */
void *__kmalloc_node_track_caller(size_t size, gfp_t flags, int node,
				  unsigned long caller)
	__alloc_size(1) __malloc;
#define kmalloc_track_caller(size, flags) \
	__kmalloc_node_track_caller(size, flags, NUMA_NO_NODE, _RET_IP_)
#define kmalloc_node_track_caller(size, flags, node) \
	__kmalloc_node_track_caller(size, flags, node, _RET_IP_)

/* kvmalloc family: free with kvfree() */
void *kvmalloc_node(size_t size, gfp_t flags, int node)
	__alloc_size(1) __malloc;
void *kvmalloc(size_t size, gfp_t flags) __alloc_size(1) __malloc;
void *kvzalloc(size_t size, gfp_t flags) __alloc_size(1) __malloc;
void *kvzalloc_node(size_t size, gfp_t flags, int node)
	__alloc_size(1) __malloc;
void *kvmalloc_array(size_t n, size_t size, gfp_t flags)
	__alloc_size(1, 2) __malloc;
void *kvcalloc(size_t n, size_t size, gfp_t flags) __alloc_size(1, 2) __malloc;
void *kvrealloc(const void *p, size_t oldsize, size_t newsize, gfp_t flags)
	__realloc_size(3);
void kvfree(const void *addr);
void kvfree_sensitive(const void *addr, size_t len);

/*
 * Caches.  kmem_cache_destroy() of a cache that still has objects WARNs
 * and leaves the cache in place, as the kernel does.  kfree() of a cache
 * object is allowed (as since 6.4); kmem_cache_free() of an object from
 * another cache WARNs.  The constructor runs on every allocation.
 * SLAB_TYPESAFE_BY_RCU is accepted but not modelled: a freed object's
 * memory goes back to malloc at once, so ASan would report a late RCU
 * reader that such a cache makes legal.
 */
struct kmem_cache;

struct kmem_cache *kmem_cache_create(const char *name, unsigned int size,
				     unsigned int align, slab_flags_t flags,
				     void (*ctor)(void *));
struct kmem_cache *
kmem_cache_create_usercopy(const char *name, unsigned int size,
			   unsigned int align, slab_flags_t flags,
			   unsigned int useroffset, unsigned int usersize,
			   void (*ctor)(void *));
void kmem_cache_destroy(struct kmem_cache *s);
int kmem_cache_shrink(struct kmem_cache *s);
unsigned int kmem_cache_size(struct kmem_cache *s);
void *kmem_cache_alloc(struct kmem_cache *s, gfp_t flags) __malloc;
void *kmem_cache_zalloc(struct kmem_cache *s, gfp_t flags) __malloc;
void *kmem_cache_alloc_node(struct kmem_cache *s, gfp_t flags,
			    int node) __malloc;
void kmem_cache_free(struct kmem_cache *s, void *objp);

#define KMEM_CACHE(__struct, __flags)                         \
	kmem_cache_create(#__struct, sizeof(struct __struct), \
			  __alignof__(struct __struct), (__flags), NULL)

/*
 * Today's names.  The *_noprof allocators are the plain ones (see
 * <linux/alloc_tag.h>).
 */
#define kmalloc_noprof kmalloc
#define kzalloc_noprof kzalloc
#define kmalloc_node_noprof kmalloc_node
#define kzalloc_node_noprof kzalloc_node
#define kmalloc_array_noprof kmalloc_array
#define kmalloc_array_node_noprof kmalloc_array_node
#define kcalloc_noprof kcalloc
#define kcalloc_node_noprof kcalloc_node
#define krealloc_noprof krealloc
#define krealloc_array_noprof krealloc_array
#define kvmalloc_noprof kvmalloc
#define kvmalloc_node_noprof kvmalloc_node
#define kvzalloc_noprof kvzalloc
#define kvzalloc_node_noprof kvzalloc_node
#define kvmalloc_array_noprof kvmalloc_array
#define kvcalloc_noprof kvcalloc
#define kmem_cache_alloc_noprof kmem_cache_alloc
#define kmem_cache_alloc_node_noprof kmem_cache_alloc_node
#define kmemdup_noprof kmemdup
#define kmalloc_track_caller_noprof kmalloc_track_caller
/* Alignment beyond ARCH_KMALLOC_MINALIGN is not honoured (see above). */
#define kmalloc_node_align_noprof(size, align, flags, node) \
	kmalloc_node(size, flags, node)
#define kmalloc_node_align(...) kmalloc_node_align_noprof(__VA_ARGS__)
#define kvmalloc_node_align_noprof(size, align, flags, node) \
	kvmalloc_node(size, flags, node)
#define kvmalloc_node_align(...) kvmalloc_node_align_noprof(__VA_ARGS__)
#define kmem_cache_alloc_lru(s, lru, flags) kmem_cache_alloc(s, flags)

/*
 * kvrealloc(p, size, flags), the kernel's since 6.12: @p NULL allocates,
 * @size 0 frees @p, a smaller @size keeps @p, a larger one moves the
 * object (zeroing the new tail with __GFP_ZERO).  The 6.7 form
 * kvrealloc(p, oldsize, newsize, flags) is still accepted.  Inlined, so
 * the allocation is charged to the caller.
 */
static __always_inline void *kvrealloc_noprof(const void *p, size_t size,
					      gfp_t flags)
{
	size_t old = ZERO_OR_NULL_PTR(p) ? 0 : ksize(p);
	char *newp;

	if (!size) {
		kvfree(p);
		return ZERO_SIZE_PTR;
	}
	if (!old)
		return kvmalloc(size, flags);
	if (size <= old)
		return (void *)p;
	newp = kvrealloc(p, old, size, flags);
	if (newp && (flags & __GFP_ZERO))
		memset(newp + old, 0, size - old);
	return newp;
}
#define __kstub_kvrealloc_pick(_1, _2, _3, _4, name, ...) name
#define kvrealloc(...)                                                   \
	__kstub_kvrealloc_pick(__VA_ARGS__, kvrealloc, kvrealloc_noprof, \
			       , )(__VA_ARGS__)

/*
 * Typed allocation (the kernel's since 7.0): kmalloc_obj(var_or_type
 * [, gfp]) allocates one, kmalloc_objs(var_or_type, count [, gfp]) an
 * array, kmalloc_flex(var_or_type, fam, count [, gfp]) a structure with
 * @count elements in its flexible array member @fam; the result has the
 * pointer type, gfp defaults to GFP_KERNEL.  The kzalloc_, kvmalloc_ and
 * kvzalloc_ forms zero or fall back as their allocator does.
 */
#define __kstub_gfp_pick(dummy, gfp, ...) gfp
#define default_gfp(...) __kstub_gfp_pick(0, ##__VA_ARGS__, GFP_KERNEL)
#define __set_flex_counter(fam, count) ((void)0)
#define __alloc_objs(KMALLOC, GFP, TYPE, COUNT) \
	((TYPE *)KMALLOC(size_mul(sizeof(TYPE), COUNT), GFP))
#define __alloc_flex(KMALLOC, GFP, TYPE, FAM, COUNT)                           \
	({                                                                     \
		const size_t __count = (COUNT);                                \
		TYPE *__obj = KMALLOC(struct_size_t(TYPE, FAM, __count), GFP); \
		if (__obj)                                                     \
			__set_flex_counter(__obj->FAM, __count);               \
		__obj;                                                         \
	})
#define kmalloc_obj(P, ...) \
	__alloc_objs(kmalloc, default_gfp(__VA_ARGS__), typeof(P), 1)
#define kmalloc_objs(P, COUNT, ...) \
	__alloc_objs(kmalloc, default_gfp(__VA_ARGS__), typeof(P), COUNT)
#define kmalloc_flex(P, FAM, COUNT, ...) \
	__alloc_flex(kmalloc, default_gfp(__VA_ARGS__), typeof(P), FAM, COUNT)
#define kzalloc_obj(P, ...) \
	__alloc_objs(kzalloc, default_gfp(__VA_ARGS__), typeof(P), 1)
#define kzalloc_objs(P, COUNT, ...) \
	__alloc_objs(kzalloc, default_gfp(__VA_ARGS__), typeof(P), COUNT)
#define kzalloc_flex(P, FAM, COUNT, ...) \
	__alloc_flex(kzalloc, default_gfp(__VA_ARGS__), typeof(P), FAM, COUNT)
#define kvmalloc_obj(P, ...) \
	__alloc_objs(kvmalloc, default_gfp(__VA_ARGS__), typeof(P), 1)
#define kvmalloc_objs(P, COUNT, ...) \
	__alloc_objs(kvmalloc, default_gfp(__VA_ARGS__), typeof(P), COUNT)
#define kvmalloc_flex(P, FAM, COUNT, ...) \
	__alloc_flex(kvmalloc, default_gfp(__VA_ARGS__), typeof(P), FAM, COUNT)
#define kvzalloc_obj(P, ...) \
	__alloc_objs(kvzalloc, default_gfp(__VA_ARGS__), typeof(P), 1)
#define kvzalloc_objs(P, COUNT, ...) \
	__alloc_objs(kvzalloc, default_gfp(__VA_ARGS__), typeof(P), COUNT)
#define kvzalloc_flex(P, FAM, COUNT, ...) \
	__alloc_flex(kvzalloc, default_gfp(__VA_ARGS__), typeof(P), FAM, COUNT)

#endif
