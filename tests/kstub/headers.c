// SPDX-License-Identifier: GPL-2.0-only
/*
 * The general-purpose headers: a file's own #include lines suffice
 * (kernel.h brings bitops, log2, math), compile-time checks accept what
 * the kernel's accept, and the helpers compute the kernel's values:
 * do_div, jhash (lookup3's published vectors), hash_32, rotations,
 * bitfields, typed allocation, today's kvrealloc, kref, hashtable,
 * list_nulls, bit spinlocks and lock-less lists under threads.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/bitfield.h>
#include <linux/hashtable.h>
#include <linux/kref.h>
#include <linux/jhash.h>
#include <linux/rculist_nulls.h>
#include <linux/bit_spinlock.h>
#include <linux/llist.h>
#include <linux/cache.h>

#include "harness.h"

#ifndef __KERNEL__
#error "kstub headers define __KERNEL__"
#endif
#define CONFIG_KSTUB_TEST_ON 1
#if !IS_ENABLED(CONFIG_KSTUB_TEST_ON) || IS_ENABLED(CONFIG_KSTUB_TEST_OFF)
#error "IS_ENABLED() in #if"
#endif

struct flex {
	int n;
	struct hlist_node node;
	struct kref ref;
	u64 fam[];
};

static inline int three(void)
{
	return 3;
}

static void test_compile_time(void)
{
	DECLARE_BITMAP(bits, 65);
	u64 n = 1000000007ULL;
	u32 rem;

	/* an inline function's value, as the kernel's BUILD_BUG_ON takes */
	BUILD_BUG_ON(three() != 3);
	BUILD_BUG_ON(sizeof(bits) != 2 * sizeof(long));
	static_assert(BIT(3) == 8);
	rem = do_div(n, 10);
	ok(n == 100000000 && rem == 7,
	   "do_div divides in place, gives the rest");
	is_int(ilog2(4096), 12, "kernel.h brings log2.h");
	is_int(DIV_ROUND_CLOSEST(7, 2), 4, "DIV_ROUND_CLOSEST");
	is_int(int_sqrt(1000000), 1000, "int_sqrt");
	is_int(upper_32_bits(0x1234567890ULL), 0x12, "upper_32_bits");
}

static void test_bits(void)
{
	ok(rol32(0x80000001, 1) == 3 && ror32(3, 1) == 0x80000001,
	   "rol32/ror32");
	ok(rol64(1, 64) == 1 && ror16(1, 1) == 0x8000, "rol64/ror16");
	is_int(sign_extend32(0x80, 7), -128, "sign_extend32");
	ok(FIELD_PREP(GENMASK(7, 4), 0xa) == 0xa0, "FIELD_PREP");
	ok(FIELD_GET(GENMASK(7, 4), 0x5a) == 5, "FIELD_GET");
	ok(FIELD_FIT(GENMASK(7, 4), 15) && !FIELD_FIT(GENMASK(7, 4), 16),
	   "FIELD_FIT");
	ok(u32_encode_bits(3, 0x30) == 0x30 && u32_get_bits(0x20, 0x30) == 2,
	   "u32_encode_bits/u32_get_bits");
}

static void test_hashes(void)
{
	static const char s[] = "Four score and seven years ago";

	/* lookup3.c's hashlittle() self-test values */
	ok(jhash(s, 30, 0) == 0x17770551, "jhash: lookup3's vector, seed 0");
	ok(jhash(s, 30, 1) == 0xcd628161, "jhash: lookup3's vector, seed 1");
	ok(jhash("", 0, 0) == JHASH_INITVAL, "jhash of nothing");
	ok(jhash2((const u32 *)"abcdefgh", 2, 7) ==
			   jhash2((const u32 *)"abcdefgh", 2, 7) &&
		   jhash_2words(1, 2, 3) != jhash_2words(2, 1, 3),
	   "jhash2, jhash_2words");
	ok(hash_32(1, 32) == GOLDEN_RATIO_32 && hash_32(0xffffffff, 4) < 16,
	   "hash_32 keeps @bits bits");
}

static void release(struct kref *ref)
{
	kfree(container_of(ref, struct flex, ref));
}

static void test_alloc_and_tables(void)
{
	DEFINE_HASHTABLE(table, 4);
	struct flex *f = kzalloc_flex(*f, fam, 8);
	struct flex **arr = kmalloc_objs(struct flex *, 4, GFP_KERNEL);
	struct flex *one = kmalloc_obj(*one);
	struct flex *it;
	char *buf;
	int found = 0, bkt;

	ok(f && ksize(f) >= sizeof(*f) + 8 * sizeof(u64) && f->fam[7] == 0,
	   "kzalloc_flex: zeroed, room for the flexible array");
	ok(arr && ksize(arr) == 4 * sizeof(*arr), "kmalloc_objs");
	ok(one && ksize(one) == sizeof(*one), "kmalloc_obj");
	kfree(arr);
	kfree(one);

	buf = kvrealloc(NULL, 8, GFP_KERNEL);
	ok(buf != NULL, "kvrealloc(NULL, size, gfp) allocates");
	memcpy(buf, "kstubkst", 8);
	buf = kvrealloc(buf, 64, GFP_KERNEL | __GFP_ZERO);
	ok(buf && !memcmp(buf, "kstubkst", 8) && buf[63] == 0,
	   "kvrealloc grows, keeps the contents, zeroes the tail");
	ok(kvrealloc(buf, 0, GFP_KERNEL) == ZERO_SIZE_PTR,
	   "kvrealloc(p, 0, gfp) frees");

	f->n = 42;
	hash_add(table, &f->node, f->n);
	hash_for_each_possible(table, it, node, 42) found += it == f;
	ok(found == 1 && !hash_empty(table), "hashtable: found in its bucket");
	hash_for_each(table, bkt, it, node) found += it == f;
	ok(found == 2, "hash_for_each visits it");
	hash_del(&f->node);
	ok(hash_empty(table), "hash_del");

	kref_init(&f->ref);
	kref_get(&f->ref);
	ok(!kref_put(&f->ref, release) && kref_read(&f->ref) == 1,
	   "kref_put above one keeps the object");
	ok(kref_put(&f->ref, release), "the last kref_put releases");
}

static void test_nulls(void)
{
	struct hlist_nulls_head head;
	struct hlist_nulls_node *pos;
	struct flex2 {
		struct hlist_nulls_node node;
	} a, b, *it;
	int n = 0;

	INIT_HLIST_NULLS_HEAD(&head, 7);
	ok(hlist_nulls_empty(&head) && get_nulls_value(head.first) == 7,
	   "an empty nulls list ends in its value");
	hlist_nulls_add_head_rcu(&a.node, &head);
	hlist_nulls_add_head(&b.node, &head);
	rcu_read_lock();
	hlist_nulls_for_each_entry_rcu(it, pos, &head, node) n++;
	rcu_read_unlock();
	ok(n == 2 && is_a_nulls(pos) && get_nulls_value(pos) == 7,
	   "a walk ends on the chain's nulls value");
	hlist_nulls_del_rcu(&a.node);
	hlist_nulls_del(&b.node);
	ok(hlist_nulls_empty(&head), "deleted");
}

#define LL_THREADS 4
#define LL_PER 2000

struct ll_item {
	struct llist_node node;
	int v;
};

static LLIST_HEAD(ll);
static unsigned long bitlock;
static long locked_count;

static void *ll_thread(void *arg, int i)
{
	struct ll_item *items = arg;
	int k;

	for (k = 0; k < LL_PER; k++) {
		items[i * LL_PER + k].v = i * LL_PER + k;
		llist_add(&items[i * LL_PER + k].node, &ll);
		bit_spin_lock(3, &bitlock);
		locked_count++;
		bit_spin_unlock(3, &bitlock);
	}
	return NULL;
}

static void test_llist(void)
{
	static struct ll_item items[LL_THREADS * LL_PER];
	static bool seen[LL_THREADS * LL_PER];
	struct llist_node *first, *n;
	struct ll_item *it;
	int count = 0, dup = 0;

	run_threads(LL_THREADS, ll_thread, items);
	ok(locked_count == LL_THREADS * LL_PER &&
		   !bit_spin_is_locked(3, &bitlock),
	   "bit_spin_lock excludes: no increment lost");
	n = llist_del_first(&ll);
	first = llist_reverse_order(llist_del_all(&ll));
	ok(llist_empty(&ll), "llist_del_all empties the list");
	llist_for_each_entry(it, first, node)
	{
		dup += seen[it->v];
		seen[it->v] = true;
		count++;
	}
	ok(n && count == LL_THREADS * LL_PER - 1 && !dup,
	   "every concurrent llist_add is found once");
	ok(llist_add(n, &ll) && !llist_add(&items[0].node, &ll) &&
		   llist_del_first_this(&ll, &items[0].node) &&
		   !llist_del_first_this(&ll, &items[0].node),
	   "llist_add says when the list was empty; llist_del_first_this");
}

int main(void)
{
	plan(35);
	test_compile_time();
	test_bits();
	test_hashes();
	test_alloc_and_tables();
	test_nulls();
	test_llist();
	return exit_status();
}
