// SPDX-License-Identifier: GPL-2.0-only
/*
 * kmalloc() and kmem_cache objects aligned as SLUB aligns them: a
 * power-of-two size naturally (up to a page), 96 and 192 byte objects as
 * their size class places them, larger ones on a page; a cache's objects
 * to its align argument, or a cache line with SLAB_HWCACHE_ALIGN.  Kernel
 * code relies on it: a ____cacheline_aligned structure from kmalloc() is
 * used as aligned (UBSan's alignment check reported it at 16 bytes).  In
 * ASan builds the byte after each object must stay poisoned.
 */
#include "config.h"

#include <stdint.h>

#include <linux/cache.h>
#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "harness.h"

#if defined(__SANITIZE_ADDRESS__)
#define HAVE_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HAVE_ASAN 1
#endif
#endif
#ifdef HAVE_ASAN
#include <sanitizer/asan_interface.h>
#endif

struct percpu_like {
	long count;
	char pad[100];
} ____cacheline_aligned;

static bool aligned(const void *p, size_t a)
{
	return ((uintptr_t)p & (a - 1)) == 0;
}

/* In ASan builds, an overflow of one byte is still seen. */
static bool end_poisoned(const void *p, size_t size)
{
#ifdef HAVE_ASAN
	return __asan_address_is_poisoned((const char *)p + size);
#else
	return true;
#endif
}

static void check(void *p, size_t size, size_t align, const char *what)
{
	ok(p && aligned(p, align) && end_poisoned(p, size),
	   "%s of %zu bytes: %zu-byte aligned (%p)", what, size, align, p);
}

static void test_kmalloc(void)
{
	static const struct {
		size_t size, align;
	} cases[] = {{8, 8},	   {16, 16},	 {32, 32},
		     {64, 64},	   {96, 32},	 {128, 128},
		     {192, 64},	   {256, 256},	 {33, 64},
		     {320, 512},   {1024, 1024}, {4096, PAGE_SIZE},
		     {8192, 4096}, {20000, 4096}};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		void *p = kmalloc(cases[i].size, GFP_KERNEL);

		check(p, cases[i].size, cases[i].align, "kmalloc");
		kfree(p);
	}
}

static void test_cacheline_struct(void)
{
	struct percpu_like *p = kzalloc(sizeof(*p), GFP_KERNEL);

	check(p, sizeof(*p), L1_CACHE_BYTES, "a ____cacheline_aligned struct");
	if (p)
		p->count++;
	kfree(p);
	p = kcalloc(4, sizeof(*p), GFP_KERNEL);
	check(p, 4 * sizeof(*p), L1_CACHE_BYTES, "kcalloc of 4 of them");
	kfree(p);
}

static void test_kmem_cache(void)
{
	struct kmem_cache *a = kmem_cache_create("align256", 40, 256, 0, NULL);
	struct kmem_cache *hw =
		kmem_cache_create("hwcache", 40, 0, SLAB_HWCACHE_ALIGN, NULL);
	void *p, *q;

	if (!a || !hw)
		bail_out("kmem_cache_create failed");
	p = kmem_cache_alloc(a, GFP_KERNEL);
	q = kmem_cache_alloc(hw, GFP_KERNEL);
	check(p, 40, 256, "kmem_cache align 256");
	check(q, 40, L1_CACHE_BYTES, "kmem_cache SLAB_HWCACHE_ALIGN");
	kmem_cache_free(a, p);
	kmem_cache_free(hw, q);
	kmem_cache_destroy(a);
	kmem_cache_destroy(hw);
}

static void test_vmalloc(void)
{
	void *p = vmalloc(3 * PAGE_SIZE + 5);
	void *q = kvmalloc(5 * PAGE_SIZE, GFP_KERNEL);

	check(p, 3 * PAGE_SIZE + 5, PAGE_SIZE, "vmalloc");
	check(q, 5 * PAGE_SIZE, PAGE_SIZE, "kvmalloc");
	vfree(p);
	kvfree(q);
}

int main(void)
{
	plan(14 + 2 + 2 + 2 + 1);
	test_kmalloc();
	test_cacheline_struct();
	test_kmem_cache();
	test_vmalloc();
	ok(live_after_rcu() == 0, "nothing left allocated");
	return exit_status();
}
