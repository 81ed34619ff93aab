// SPDX-License-Identifier: GPL-2.0-only
/*
 * The "too small to fail" rule, off by default (failslab fails small
 * GFP_KERNEL allocations too) and on with KSTUB_TOO_SMALL_TO_FAIL=1 or
 * kstub_set_too_small_to_fail(): then a request of order <= 3 that may
 * reclaim, without __GFP_NORETRY or __GFP_RETRY_MAYFAIL, is reported to
 * the hook with __GFP_NOFAIL and is not failed.  Everything else still is.
 */
#include "config.h"

#include <stdlib.h>

#include <linux/kernel.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>

#include "harness.h"

/* Was a kmalloc(@size, @gfp) failed, with the hook asked to fail it? */
static bool kmalloc_failed(size_t size, gfp_t gfp)
{
	void *p;

	fail_allocs(1);
	p = kmalloc(size, gfp | __GFP_NOWARN);
	fail_allocs(0);
	kfree(p);
	return !p;
}

static bool reported_nofail(void)
{
	return last_site(KSTUB_SITE_slab)->gfp & __GFP_NOFAIL;
}

static void test_env(void)
{
	ok(!kmalloc_failed(64, GFP_KERNEL) && reported_nofail(),
	   "KSTUB_TOO_SMALL_TO_FAIL=1: a small GFP_KERNEL kmalloc is not "
	   "failed, and is reported as __GFP_NOFAIL");
}

static void test_default(void)
{
	kstub_set_too_small_to_fail(false);
	ok(kmalloc_failed(64, GFP_KERNEL) && !reported_nofail(),
	   "off: failslab fails a small GFP_KERNEL kmalloc");
}

static void test_on(void)
{
	struct kmem_cache *c;
	void *p;

	kstub_set_too_small_to_fail(true);
	ok(!kmalloc_failed(PAGE_SIZE << 3, GFP_KERNEL),
	   "on: order 3 is too small to fail");
	ok(kmalloc_failed((PAGE_SIZE << 3) + 1, GFP_KERNEL),
	   "order 4 may fail");
	ok(kmalloc_failed(64, GFP_KERNEL | __GFP_NORETRY),
	   "__GFP_NORETRY may fail");
	ok(kmalloc_failed(64, GFP_KERNEL | __GFP_RETRY_MAYFAIL),
	   "__GFP_RETRY_MAYFAIL may fail");
	ok(kmalloc_failed(64, GFP_ATOMIC) && !reported_nofail(),
	   "GFP_ATOMIC (no direct reclaim) may fail");

	c = kmem_cache_create("small", 48, 0, 0, NULL);
	if (!c)
		bail_out("kmem_cache_create failed");
	fail_allocs(1);
	p = kmem_cache_alloc(c, GFP_KERNEL);
	fail_allocs(0);
	ok(p, "kmem_cache_alloc(GFP_KERNEL) is not failed");
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);

	fail_allocs(1);
	p = vmalloc(64);
	fail_allocs(0);
	ok(!p, "vmalloc may fail");
	vfree(p);
	kstub_set_too_small_to_fail(false);
}

int main(void)
{
	/* read at the first allocation, which is test_env()'s */
	setenv("KSTUB_TOO_SMALL_TO_FAIL", "1", 1);
	plan(10);
	test_env();
	test_default();
	test_on();
	ok(live_after_rcu() == 0, "nothing left allocated");
	return exit_status();
}
