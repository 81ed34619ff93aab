// SPDX-License-Identifier: GPL-2.0-only
/*
 * Slab poisoning, as slub_debug=P does it: memory nobody initialised reads
 * as POISON_INUSE (0x5a), a freed object as POISON_FREE (0x6b) ending in
 * POISON_END (0xa5).  Correct code does not notice: zeroed and constructed
 * objects are what they should be.  A seeded bug that follows a pointer
 * it never set (fresh memory would have made it NULL and skipped it) and
 * one that follows a pointer in a freed object must both crash or be
 * reported, in every build; their correct twins exit 0.
 */
#include "config.h"

#include <sys/wait.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "harness.h"

struct item {
	int x;
};

struct cache_user {
	struct item *cached; /* NULL: nothing cached */
	long hits;
};

static bool all_bytes(const void *p, size_t n, unsigned char c)
{
	const unsigned char *b = p;
	size_t i;

	for (i = 0; i < n; i++)
		if (b[i] != c)
			return false;
	return true;
}

static int ctor_calls;

static void item_ctor(void *p)
{
	((struct item *)p)->x = 7;
	ctor_calls++;
}

static void test_correct_code(void)
{
	struct kmem_cache *c =
		kmem_cache_create("item", sizeof(struct item), 0, 0, item_ctor);
	struct cache_user *u = kmalloc(sizeof(*u), GFP_KERNEL);
	struct cache_user *z = kzalloc(sizeof(*z), GFP_KERNEL);
	struct item *it;
	char *s;

	if (!c || !u || !z)
		bail_out("allocation failed");
	ok(all_bytes(u, sizeof(*u), 0x5a), "fresh kmalloc memory is 0x5a");
	ok(all_bytes(z, sizeof(*z), 0), "kzalloc memory is zero");
	u->cached = NULL;
	u->hits = 0;
	ok(!u->cached && !u->hits, "initialised fields read as written");
	it = kmem_cache_alloc(c, GFP_KERNEL);
	ok(it && it->x == 7 && ctor_calls == 1, "a constructed object is not "
						"poisoned");
	kmem_cache_free(c, it);
	kmem_cache_destroy(c);
	s = kstrdup("text", GFP_KERNEL);
	ok(s && !strcmp(s, "text"), "kstrdup copies");
	kfree(s);
	kfree(u);
	kfree(z);
}

/* Freed memory may only be looked at where no sanitizer watches it. */
static void test_freed_poison(void)
{
	unsigned char *p = kmalloc(40, GFP_KERNEL);
	volatile unsigned char *v = p;

	if (!p)
		bail_out("kmalloc failed");
	if (strcmp(tap_sanitizer(), "none")) {
		kfree(p);
		skip(1, "reads freed memory: plain build only");
		return;
	}
	kfree(p);
	ok(v[0] == 0x6b && v[38] == 0x6b && v[39] == 0xa5,
	   "a freed object is 0x6b ... 0xa5");
}

static int use(struct cache_user *u)
{
	return u->cached ? u->cached->x : -1;
}

static void seeded_uninit(void *bug)
{
	struct cache_user *u = kmalloc(sizeof(*u), GFP_KERNEL);

	int ret;

	if (!bug)
		u->cached = NULL;
	ret = use(u);
	kfree(u);
	exit(ret == -1 ? 0 : 3);
}

static void seeded_use_after_free(void *bug)
{
	struct item *it = kmalloc(sizeof(*it), GFP_KERNEL);
	struct cache_user *u = kmalloc(sizeof(*u), GFP_KERNEL);
	int x;

	it->x = 1;
	u->cached = it;
	if (bug)
		kfree(u);
	x = u->cached->x;
	if (!bug)
		kfree(u);
	kfree(it);
	exit(x == 1 ? 0 : 3);
}

/* Runs @fn(@bug) in a child: true if it exited 0. */
static bool child_clean(void (*fn)(void *bug), bool bug)
{
	return run_in_child(fn, bug ? &bug : NULL, bug) == 0;
}

int main(void)
{
	plan(6 + 4);
	test_correct_code();
	test_freed_poison();
	ok(!child_clean(seeded_uninit, true),
	   "following a never-set pointer from kmalloc fails");
	ok(child_clean(seeded_uninit, false), "its correct twin exits 0");
	ok(!child_clean(seeded_use_after_free, true),
	   "following a pointer in a freed object fails");
	ok(child_clean(seeded_use_after_free, false),
	   "its correct twin exits 0");
	return exit_status();
}
