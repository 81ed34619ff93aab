// SPDX-License-Identifier: GPL-2.0-only
/*
 * The slab family with kernel semantics: every entry point reports once to
 * the hook with its caller's address, failures return NULL (with the
 * warning unless __GFP_NOWARN), __GFP_NOFAIL is never failed, zeroing,
 * overflow checks, krealloc's edge cases, the _const string helpers,
 * kvmalloc/vmalloc and kmem_cache.
 */
#include "config.h"

#include <stdint.h>

#include <linux/kernel.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/rcupdate.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <kstub/leak.h>

#include "harness.h"

#define SLAB (sites(KSTUB_SITE_slab))
#define VMALLOC (sites(KSTUB_SITE_vmalloc))
#define FREES (sites(KSTUB_SITE_free))
#define LAST(cls) (*last_site(KSTUB_SITE_##cls))

/* Not a constant, or the compiler would reject the overflowing calls */
static volatile size_t huge = SIZE_MAX / 2;

static bool all_zero(const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		if (*c++)
			return false;
	return true;
}

static noinline void t_kmalloc(void)
{
	unsigned long slab = SLAB, frees = FREES;
	char *p = kmalloc(24, GFP_KERNEL);

	ok(p && p != ZERO_SIZE_PTR, "kmalloc(24) returns memory");
	is_int(SLAB, slab + 1, "kmalloc reports one slab site");
	is_int(LAST(slab).size, 24, "with the size asked for");
	is_int(LAST(slab).gfp, GFP_KERNEL, "and the gfp flags");
	ok(in_function(LAST(slab).caller, "t_kmalloc"),
	   "and the kernel code's return address as caller");
	is_int(ksize(p), 24, "ksize() is the size asked for");
	memset(p, 0xaa, 24);
	kfree(p);
	is_int(FREES, frees + 1, "kfree reports one free site");
	ok(LAST(free).obj == p, "with the object freed");
	ok(in_function(LAST(free).caller, "t_kmalloc"), "and its caller");
}

static noinline void t_zeroing(void)
{
	unsigned char *p;
	unsigned long slab = SLAB;
	int i;

	/* Dirty memory first, so that zeroing has something to undo. */
	for (i = 0; i < 4; i++) {
		p = kmalloc(200, GFP_KERNEL);
		memset(p, 0x5a, 200);
		kfree(p);
	}
	p = kzalloc(200, GFP_KERNEL);
	ok(p && all_zero(p, 200), "kzalloc zeroes");
	ok(LAST(slab).gfp == (GFP_KERNEL | __GFP_ZERO),
	   "kzalloc reports GFP_KERNEL|__GFP_ZERO");
	ok(in_function(LAST(slab).caller, "t_zeroing"), "kzalloc's caller");
	kfree(p);
	p = kcalloc(25, 8, GFP_KERNEL);
	ok(p && all_zero(p, 200) && LAST(slab).size == 200,
	   "kcalloc(25, 8) zeroes 200 bytes");
	kfree(p);
	p = kzalloc_node(200, GFP_KERNEL, NUMA_NO_NODE);
	ok(p && all_zero(p, 200), "kzalloc_node zeroes");
	ok(in_function(LAST(slab).caller, "t_zeroing"),
	   "kzalloc_node's caller");
	kfree(p);
	p = kcalloc_node(5, 40, GFP_KERNEL, 0);
	ok(p && all_zero(p, 200), "kcalloc_node zeroes");
	kfree(p);
	p = kmalloc_node(16, GFP_KERNEL, 0);
	ok(p && in_function(LAST(slab).caller, "t_zeroing"),
	   "kmalloc_node's caller");
	kfree(p);
	p = kmalloc_array_node(2, 8, GFP_KERNEL, 0);
	ok(p && LAST(slab).size == 16, "kmalloc_array_node(2, 8)");
	kfree(p);
	is_int(SLAB, slab + 10, "each call reported exactly once");
}

static noinline void t_limits(void)
{
	unsigned long slab = SLAB,
		      warns = kstub_report_count(KSTUB_REPORT_warn);
	void *p;

	p = kmalloc(0, GFP_KERNEL);
	ok(p == ZERO_SIZE_PTR, "kmalloc(0) is ZERO_SIZE_PTR");
	ok(ZERO_OR_NULL_PTR(p) && ZERO_OR_NULL_PTR(NULL), "ZERO_OR_NULL_PTR");
	kfree(p);
	kfree(NULL);
	is_int(SLAB, slab, "kmalloc(0) allocates nothing: no fault site");
	ok(!kmalloc_array(huge, 4, GFP_KERNEL),
	   "kmalloc_array overflow is NULL");
	ok(!kcalloc(4, huge, GFP_KERNEL), "kcalloc overflow is NULL");
	ok(!kvmalloc_array(huge, 4, GFP_KERNEL),
	   "kvmalloc_array overflow is NULL");
	ok(!kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL | __GFP_NOWARN),
	   "kmalloc above KMALLOC_MAX_SIZE is NULL");
	is_int(kstub_report_count(KSTUB_REPORT_warn), warns,
	       "silently with __GFP_NOWARN");
	ok(!kmalloc(KMALLOC_MAX_SIZE + 1, GFP_KERNEL), "and without");
	is_int(kstub_report_count(KSTUB_REPORT_warn), warns + 1,
	       "which WARNs (order > MAX_ORDER)");
	ok(!kmalloc(KMALLOC_MAX_SIZE * 2, GFP_KERNEL), "again");
	is_int(kstub_report_count(KSTUB_REPORT_warn), warns + 1,
	       "but only once, like WARN_ON_ONCE");
	is_int(SLAB, slab, "none of these reached the hook");
}

static noinline void t_fail(void)
{
	unsigned long live = kstub_live_objects();
	const char *err;
	void *p;

	fail_allocs(1);
	capture_begin();
	p = kmalloc(64, GFP_KERNEL);
	err = capture_end();
	ok(!p, "an injected failure returns NULL");
	ok(strstr(err, "allocation failure") && strstr(err, "64 bytes"),
	   "and warns with the size");
	ok(strstr(err, "GFP_KERNEL") && strstr(err, "t_fail+"),
	   "the gfp flags and the symbolized caller");
	ok(!strchr(strchr(err, '\n') + 1, '\n'), "on one line");
	is_int(kstub_live_objects(), live, "nothing is accounted");

	fail_allocs(1);
	capture_begin();
	p = kzalloc(64, GFP_KERNEL | __GFP_NOWARN);
	err = capture_end();
	ok(!p && !*err, "__GFP_NOWARN fails silently");

	fail_allocs(1);
	p = kvmalloc(64, GFP_KERNEL | __GFP_NOWARN);
	ok(!p && LAST(vmalloc).size == 64, "kvmalloc fails at a vmalloc site");

	fail_allocs(1);
	p = kmalloc(64, GFP_KERNEL | __GFP_NOFAIL);
	ok(p, "__GFP_NOFAIL is never failed");
	ok(fails_left() == 0 && (LAST(slab).gfp & __GFP_NOFAIL),
	   "but it still reports to the hook");
	kfree(p);
	fail_allocs(0);
}

static noinline void t_gfp(void)
{
	/* Values of a 6.7 kernel, so that printed flags mean the same */
	is_int(GFP_KERNEL, 0xcc0, "GFP_KERNEL");
	is_int(GFP_ATOMIC, 0x820, "GFP_ATOMIC (6.7: no __GFP_ATOMIC)");
	is_int(GFP_NOWAIT, 0x800, "GFP_NOWAIT");
	is_int(GFP_NOFS, 0xc40, "GFP_NOFS");
	is_int(__GFP_ZERO | __GFP_NOWARN | __GFP_NOFAIL, 0xa100,
	       "__GFP_ZERO, __GFP_NOWARN, __GFP_NOFAIL");
	is_int(__GFP_RETRY_MAYFAIL | __GFP_ACCOUNT, 0x404000,
	       "__GFP_RETRY_MAYFAIL, __GFP_ACCOUNT");
	ok(gfpflags_allow_blocking(GFP_KERNEL) &&
		   gfpflags_allow_blocking(GFP_NOFS),
	   "GFP_KERNEL and GFP_NOFS may block");
	ok(!gfpflags_allow_blocking(GFP_ATOMIC) &&
		   !gfpflags_allow_blocking(GFP_NOWAIT),
	   "GFP_ATOMIC and GFP_NOWAIT may not");
}

static noinline void t_might_sleep(void)
{
	unsigned long n = kstub_report_count(KSTUB_REPORT_sleep_in_atomic);
	void *p;

	rcu_read_lock();
	p = kmalloc(8, GFP_ATOMIC);
	kfree(p);
	rcu_read_unlock();
	is_int(kstub_report_count(KSTUB_REPORT_sleep_in_atomic), n,
	       "GFP_ATOMIC under rcu_read_lock is fine");
	rcu_read_lock();
	capture_begin();
	p = kmalloc(8, GFP_KERNEL);
	capture_end();
	rcu_read_unlock();
	kfree(p);
	is_int(kstub_report_count(KSTUB_REPORT_sleep_in_atomic), n + 1,
	       "GFP_KERNEL under rcu_read_lock may sleep: reported");
}

struct vm_holder {
	void *mem;
	struct rcu_head rcu;
};

static void vfree_in_callback(struct rcu_head *head)
{
	struct vm_holder *h = container_of(head, struct vm_holder, rcu);

	vfree(h->mem);
	kfree(h);
}

static noinline void t_vfree_sleeps(void)
{
	unsigned long n = kstub_report_count(KSTUB_REPORT_sleep_in_atomic);
	struct vm_holder *h;
	void *small = kvmalloc(64, GFP_KERNEL);
	void *big = kvmalloc(2 * PAGE_SIZE, GFP_KERNEL);

	rcu_read_lock();
	kvfree(small);
	rcu_read_unlock();
	is_int(kstub_report_count(KSTUB_REPORT_sleep_in_atomic), n,
	       "kvfree of kmalloc memory does not sleep");
	rcu_read_lock();
	capture_begin();
	kvfree(big);
	capture_end();
	rcu_read_unlock();
	is_int(kstub_report_count(KSTUB_REPORT_sleep_in_atomic), n + 1,
	       "kvfree of vmalloc memory may sleep: reported under RCU");
	h = kmalloc(sizeof(*h), GFP_KERNEL);
	h->mem = vmalloc(100);
	call_rcu(&h->rcu, vfree_in_callback);
	rcu_barrier();
	is_int(kstub_report_count(KSTUB_REPORT_sleep_in_atomic), n + 1,
	       "vfree in an RCU callback is fine (deferred, as the kernel's)");
}

static noinline void t_krealloc(void)
{
	unsigned long slab, frees, live = kstub_live_objects();
	char *p, *q;

	p = krealloc(NULL, 16, GFP_KERNEL);
	ok(p && in_function(LAST(slab).caller, "t_krealloc"),
	   "krealloc(NULL) allocates, charged to its caller");
	memcpy(p, "0123456789abcdef", 16);
	slab = SLAB;
	q = krealloc(p, 8, GFP_KERNEL);
	ok(q == p && ksize(q) == 8, "shrinking keeps the object");
	q = krealloc(p, 16, GFP_KERNEL | __GFP_ZERO);
	ok(q == p && !memcmp(p, "01234567", 8) && all_zero(p + 8, 8),
	   "growing within it too, zeroing the new part with __GFP_ZERO");
	is_int(SLAB, slab, "without allocating");
	frees = FREES;
	q = krealloc(p, 4000, GFP_KERNEL | __GFP_ZERO);
	ok(q && q != p && !memcmp(q, "01234567", 8) && all_zero(q + 8, 3992),
	   "growing beyond it moves and keeps the contents");
	ok(SLAB == slab + 1 && FREES == frees + 1,
	   "one allocation, and the old object is freed");
	p = q;
	fail_allocs(1);
	q = krealloc(p, 8000, GFP_KERNEL | __GFP_NOWARN);
	ok(!q && !memcmp(p, "01234567", 8),
	   "a failed krealloc returns NULL and leaves the object alone");
	is_int(kstub_live_objects(), live + 1, "which is still live");
	q = krealloc(p, 0, GFP_KERNEL);
	ok(q == ZERO_SIZE_PTR, "krealloc(p, 0) returns ZERO_SIZE_PTR");
	is_int(kstub_live_objects(), live, "and frees p");
	p = krealloc(q, 10, GFP_KERNEL);
	ok(p && p != ZERO_SIZE_PTR, "krealloc(ZERO_SIZE_PTR, n) allocates");
	q = krealloc_array(p, huge, 4, GFP_KERNEL);
	ok(!q, "krealloc_array overflow is NULL");
	q = krealloc_array(p, 10, 4, GFP_KERNEL);
	ok(q && ksize(q) == 40, "krealloc_array(10, 4)");
	kfree(q);
	is_int(kstub_live_objects(), live, "nothing left over");
}

static noinline void t_strings(void)
{
	char buf[] = "on the stack";
	unsigned long slab = SLAB, frees = FREES;
	const char *c;
	char *s;

	c = kstrdup_const("a literal", GFP_KERNEL);
	ok(c && !strcmp(c, "a literal") && SLAB == slab,
	   "kstrdup_const of read-only data returns it");
	kfree_const(c);
	is_int(FREES, frees, "and kfree_const leaves it alone");
	c = kstrdup_const(buf, GFP_KERNEL);
	ok(c && c != buf && !strcmp(c, buf) && SLAB == slab + 1,
	   "kstrdup_const of a stack buffer copies it");
	ok(in_function(LAST(slab).caller, "t_strings"),
	   "charged to its caller");
	kfree_const(c);
	ok(FREES == frees + 1 && LAST(free).obj == c,
	   "and kfree_const frees the copy");
	ok(in_function(LAST(free).caller, "t_strings"),
	   "reporting kfree_const's caller");

	s = kstrdup("hello", GFP_KERNEL);
	ok(s && !strcmp(s, "hello") &&
		   in_function(LAST(slab).caller, "t_strings"),
	   "kstrdup");
	kfree(s);
	ok(!kstrdup(NULL, GFP_KERNEL), "kstrdup(NULL) is NULL");
	s = kstrndup("hello", 3, GFP_KERNEL);
	ok(s && !strcmp(s, "hel"), "kstrndup");
	kfree(s);
	s = kmemdup("abc", 4, GFP_KERNEL);
	ok(s && !memcmp(s, "abc", 4) && LAST(slab).size == 4, "kmemdup");
	kfree(s);
	s = kmemdup_nul("abcdef", 2, GFP_KERNEL);
	ok(s && !strcmp(s, "ab"), "kmemdup_nul");
	kfree(s);
	s = kasprintf(GFP_KERNEL, "%s-%d", "shrinker", 7);
	ok(s && !strcmp(s, "shrinker-7") && LAST(slab).size == 11,
	   "kasprintf allocates the formatted length + 1");
	ok(in_function(LAST(slab).caller, "t_strings"), "kasprintf's caller");
	kfree(s);
	fail_allocs(1);
	ok(!kasprintf(GFP_KERNEL | __GFP_NOWARN, "%d", 1),
	   "kasprintf fails like kmalloc");
	fail_allocs(0);
	ok(strscpy(buf, "0123456789abcdef", 8) == -E2BIG &&
		   !strcmp(buf, "0123456"),
	   "strscpy truncates with -E2BIG");
	ok(strscpy(buf, "ok", sizeof(buf)) == 2, "strscpy returns the length");
	ok(sysfs_streq("yes\n", "yes") && !sysfs_streq("yes", "ye"),
	   "sysfs_streq");
}

static const char *vconst(const char *fmt, ...)
{
	const char *ret;
	va_list ap;

	va_start(ap, fmt);
	ret = kvasprintf_const(GFP_KERNEL, fmt, ap);
	va_end(ap);
	return ret;
}

static noinline void t_kvasprintf_const(void)
{
	const char *lit = "no conversions";
	unsigned long slab = SLAB;
	const char *s;

	s = vconst(lit);
	ok(s == lit && SLAB == slab,
	   "kvasprintf_const without %% is the format");
	s = vconst("%s", lit);
	ok(s == lit && SLAB == slab, "and with \"%%s\" is the argument");
	s = vconst("%s-%d", "x", 3);
	ok(s && !strcmp(s, "x-3") && SLAB == slab + 1, "otherwise kvasprintf");
	kfree_const(s);
}

static noinline void t_kvmalloc(void)
{
	unsigned long bad = kstub_report_count(KSTUB_REPORT_bad_free);
	unsigned long vm = VMALLOC;
	char *p;

	p = kvmalloc(100, GFP_KERNEL);
	ok(p && VMALLOC == vm + 1 &&
		   in_function(LAST(vmalloc).caller, "t_kvmalloc"),
	   "kvmalloc reports a vmalloc site with its caller");
	ok(!is_vmalloc_addr(p), "small kvmalloc is kmalloc memory");
	kfree(p);
	is_int(kstub_report_count(KSTUB_REPORT_bad_free), bad,
	       "which kfree may free");
	p = kvzalloc(3 * PAGE_SIZE, GFP_KERNEL);
	ok(p && all_zero(p, 3 * PAGE_SIZE) && is_vmalloc_addr(p),
	   "kvzalloc of 3 pages: zeroed, may be vmalloc memory");
	kvfree(p);
	p = kvcalloc(PAGE_SIZE, 2, GFP_KERNEL);
	ok(p && all_zero(p, 2 * PAGE_SIZE), "kvcalloc");
	kvfree(p);
	p = kvzalloc_node(16, GFP_KERNEL, 0);
	ok(p && all_zero(p, 16), "kvzalloc_node");
	kvfree(p);
	p = kvmalloc_node(2 * PAGE_SIZE, GFP_KERNEL, 0);
	ok(p && ksize(p) == 2 * PAGE_SIZE, "kvmalloc_node");
	capture_begin();
	kfree(p);
	capture_end();
	is_int(kstub_report_count(KSTUB_REPORT_bad_free), bad + 1,
	       "kfree of a large kvmalloc is reported (use kvfree)");
	kvfree(NULL);
	kvfree(ZERO_SIZE_PTR);

	vm = VMALLOC;
	capture_begin();
	p = vmalloc(0);
	capture_end();
	ok(!p && VMALLOC == vm, "vmalloc(0) fails without allocating");
	capture_begin();
	p = vmalloc(huge);
	capture_end();
	ok(!p && VMALLOC == vm, "vmalloc of more than all memory fails too");
	p = kvmalloc(KMALLOC_MAX_SIZE + 1, GFP_ATOMIC);
	ok(!p, "kvmalloc too big for kmalloc fails without blocking");
	p = kvmalloc(2 * PAGE_SIZE, GFP_ATOMIC);
	capture_begin();
	kfree(p);
	capture_end();
	is_int(kstub_report_count(KSTUB_REPORT_bad_free), bad + 1,
	       "non-blocking kvmalloc is kmalloc memory: kfree is fine");
	p = vzalloc(PAGE_SIZE);
	ok(p && all_zero(p, PAGE_SIZE) && is_vmalloc_addr(p), "vzalloc");
	ok(in_function(LAST(vmalloc).caller, "t_kvmalloc"), "vzalloc's caller");
	vfree(p);
	p = vmalloc_array(3, 5);
	ok(p && LAST(vmalloc).size == 15, "vmalloc_array");
	kvfree(p);
	vfree(NULL);
	p = kmalloc(8, GFP_KERNEL);
	capture_begin();
	vfree(p);
	capture_end();
	is_int(kstub_report_count(KSTUB_REPORT_bad_free), bad + 2,
	       "vfree of kmalloc memory is reported");
}

static int ctor_calls;

static void ctor(void *obj)
{
	ctor_calls++;
	memset(obj, 0x11, 40);
}

struct aligned_thing {
	int x;
} __aligned(128);

static noinline void t_kmem_cache(void)
{
	unsigned long warns = kstub_report_count(KSTUB_REPORT_warn);
	unsigned long live = kstub_live_objects();
	struct kmem_cache *c, *other;
	const char *err;
	char *p, *q;

	c = kmem_cache_create("k1_test", 40, 0, SLAB_HWCACHE_ALIGN, ctor);
	ok(c && kmem_cache_size(c) == 40, "kmem_cache_create");
	p = kmem_cache_alloc(c, GFP_KERNEL);
	ok(p && ctor_calls == 1 && p[39] == 0x11,
	   "kmem_cache_alloc runs the constructor");
	ok(in_function(LAST(slab).caller, "t_kmem_cache") &&
		   LAST(slab).size == 40,
	   "and reports a slab site for the caller");
	ok((uintptr_t)p % 64 == 0, "SLAB_HWCACHE_ALIGN objects are aligned");
	kmem_cache_free(c, p);
	p = kmem_cache_zalloc(c, GFP_KERNEL);
	ok(p && all_zero(p, 40), "kmem_cache_zalloc zeroes");
	q = kmem_cache_alloc_node(c, GFP_KERNEL, 0);
	ok(q, "kmem_cache_alloc_node");
	kfree(q);
	is_int(kstub_report_count(KSTUB_REPORT_warn), warns,
	       "kfree of a cache object is fine");

	other = KMEM_CACHE(aligned_thing, 0);
	q = kmem_cache_alloc(other, GFP_KERNEL);
	ok(q && (uintptr_t)q % 128 == 0, "KMEM_CACHE keeps the alignment");
	capture_begin();
	kmem_cache_free(c, q);
	err = capture_end();
	ok(kstub_report_count(KSTUB_REPORT_warn) == warns + 1 &&
		   strstr(err, "Wrong slab cache"),
	   "kmem_cache_free into the wrong cache WARNs");

	capture_begin();
	kmem_cache_destroy(c);
	err = capture_end();
	ok(kstub_report_count(KSTUB_REPORT_warn) == warns + 2 &&
		   strstr(err, "kmem_cache_destroy k1_test: Slab cache still "
			       "has objects"),
	   "destroying a cache with objects WARNs as the kernel does");
	ok(strstr(err, "t_kmem_cache+"), "naming the caller");
	kmem_cache_free(c, p);
	kmem_cache_destroy(c);
	kmem_cache_destroy(other);
	kmem_cache_destroy(NULL);
	is_int(kstub_report_count(KSTUB_REPORT_warn), warns + 2,
	       "then the caches go quietly");
	is_int(kstub_live_objects(), live, "and nothing is left");

	fail_allocs(1);
	capture_begin();
	c = kmem_cache_create("k1_fail", 8, 0, 0, NULL);
	capture_end();
	ok(!c, "kmem_cache_create can fail");
	fail_allocs(1);
	c = kmem_cache_create("k1_panic", 8, 0, SLAB_PANIC, NULL);
	ok(c, "but not with SLAB_PANIC");
	fail_allocs(0);
	kmem_cache_destroy(c);
}

struct flex {
	int n;
	long item[];
};

static noinline void t_helpers(void)
{
	struct flex *f = NULL;
	size_t sum;

	is_int(kmalloc_size_roundup(1), 8, "kmalloc_size_roundup(1)");
	is_int(kmalloc_size_roundup(65), 96, "kmalloc_size_roundup(65)");
	is_int(kmalloc_size_roundup(129), 192, "kmalloc_size_roundup(129)");
	is_int(kmalloc_size_roundup(200), 256, "kmalloc_size_roundup(200)");
	is_int(kmalloc_size_roundup(8193), 16384, "kmalloc_size_roundup(8193)");
	is_int(struct_size(f, item, 3), sizeof(*f) + 3 * sizeof(long),
	       "struct_size");
	ok(struct_size(f, item, SIZE_MAX / 4) == SIZE_MAX,
	   "struct_size saturates");
	ok(array_size(SIZE_MAX, 2) == SIZE_MAX, "array_size saturates");
	ok(check_add_overflow((size_t)SIZE_MAX, (size_t)1, &sum),
	   "check_add_overflow");
	ok(ilog2(1024) == 10 && ilog2(1025UL) == 10, "ilog2");
	ok(roundup_pow_of_two(33) == 64 && rounddown_pow_of_two(33) == 32 &&
		   is_power_of_2(64) && !is_power_of_2(0),
	   "powers of two");
	ok(order_base_2(5) == 3 && get_order(PAGE_SIZE + 1) == 1,
	   "order_base_2, get_order");
	ok(SZ_4K == PAGE_SIZE && SZ_1M == 1 << 20, "sizes");
}

int main(void)
{
	plan(132);
	t_kmalloc();
	t_zeroing();
	t_limits();
	t_fail();
	t_gfp();
	t_might_sleep();
	t_vfree_sleeps();
	t_krealloc();
	t_strings();
	t_kvasprintf_const();
	t_kvmalloc();
	t_kmem_cache();
	t_helpers();
	return exit_status();
}
