// SPDX-License-Identifier: GPL-2.0-only
/*
 * Red-black trees: after every insertion and erasure of random keys the
 * tree keeps its invariants (black root, no red-red, equal black heights,
 * parent links, in-order keys); walks in order, in reverse and in
 * post-order see every node; the cached leftmost, rb_add, rb_find,
 * rb_find_add and rb_replace_node do what they say.  A tree broken on
 * purpose must fail the same check.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/rbtree.h>
#include <linux/random.h>

#include "harness.h"

#define N 2000

struct item {
	struct rb_node node;
	u32 key;
};

static struct item items[N];

static bool less(struct rb_node *a, const struct rb_node *b)
{
	return rb_entry(a, struct item, node)->key <
	       rb_entry(b, struct item, node)->key;
}

static int cmp_key(const void *key, const struct rb_node *n)
{
	u32 k = *(const u32 *)key, nk = rb_entry(n, struct item, node)->key;

	return k < nk ? -1 : k > nk;
}

static int cmp_node(struct rb_node *a, const struct rb_node *b)
{
	return cmp_key(&rb_entry(a, struct item, node)->key, b);
}

#define BLACK(n) (!(n) || ((n)->__rb_parent_color & 1))

/* Black height of @n's subtree, or -1 when an invariant is broken. */
static int check(const struct rb_node *n, const struct rb_node *parent,
		 int *count)
{
	int l, r;

	if (!n)
		return 1;
	if (rb_parent(n) != parent)
		return -1;
	if (!BLACK(n) && (!BLACK(n->rb_left) || !BLACK(n->rb_right)))
		return -1;
	if (n->rb_left && less((struct rb_node *)n, n->rb_left))
		return -1;
	if (n->rb_right && less(n->rb_right, n))
		return -1;
	l = check(n->rb_left, n, count);
	r = check(n->rb_right, n, count);
	if (l < 0 || l != r)
		return -1;
	(*count)++;
	return l + BLACK(n);
}

static bool valid(const struct rb_root *root, int want)
{
	int count = 0;

	return BLACK(root->rb_node) && check(root->rb_node, NULL, &count) > 0 &&
	       count == want;
}

static int walk_count(const struct rb_root *root)
{
	struct rb_node *n, *prev = NULL;
	int fwd = 0, back = 0;

	for (n = rb_first(root); n; prev = n, n = rb_next(n), fwd++)
		if (prev && less(n, prev))
			return -1;
	for (n = rb_last(root); n; n = rb_prev(n))
		back++;
	return fwd == back ? fwd : -1;
}

int main(void)
{
	struct rb_root root = RB_ROOT;
	struct rb_root_cached cached = RB_ROOT_CACHED;
	struct item *pos, *nxt, extra, repl;
	int i, ok_ins = 1, ok_del = 1, post = 0;
	u32 k, min = U32_MAX;

	plan(12);
	for (i = 0; i < N; i++) {
		items[i].key = get_random_u32_below(N * 4);
		rb_add(&items[i].node, &root, less);
		if (i % 97 == 0)
			ok_ins &= valid(&root, i + 1);
	}
	ok(ok_ins && valid(&root, N), "insertions keep the invariants");
	is_int(walk_count(&root), N, "in order and in reverse: every node");

	for (i = 0; i < N; i += 2) {
		rb_erase(&items[i].node, &root);
		RB_CLEAR_NODE(&items[i].node);
		if (i % 101 == 0)
			ok_del &= valid(&root, N - i / 2 - 1);
	}
	ok(ok_del && valid(&root, N / 2), "erasures keep the invariants");
	is_int(walk_count(&root), N / 2, "and every remaining node is walked");
	ok(rb_next(&items[0].node) == NULL, "rb_next of a cleared node: NULL");

	k = items[1].key;
	ok(rb_find(&k, &root, cmp_key) &&
		   rb_entry(rb_find_first(&k, &root, cmp_key), struct item,
			    node)
				   ->key == k,
	   "rb_find / rb_find_first");
	extra.key = k;
	ok(rb_find_add(&extra.node, &root, cmp_node) != NULL,
	   "rb_find_add finds the equal node, adds nothing");
	repl.key = items[3].key;
	rb_replace_node(&items[3].node, &repl.node, &root);
	ok(valid(&root, N / 2) && rb_find(&repl.key, &root, cmp_key),
	   "rb_replace_node keeps the tree");

	rbtree_postorder_for_each_entry_safe(pos, nxt, &root, node) post++;
	is_int(post, N / 2, "post-order visits every node");

	for (i = 0; i < 100; i++) {
		items[i].key = get_random_u32();
		min = min(min, items[i].key);
		rb_add_cached(&items[i].node, &cached, less);
	}
	ok(rb_entry(rb_first_cached(&cached), struct item, node)->key == min,
	   "rb_root_cached keeps the leftmost");
	rb_erase_cached(rb_first_cached(&cached), &cached);
	ok(rb_first_cached(&cached) == rb_first(&cached.rb_root),
	   "rb_erase_cached of the leftmost moves it on");

	/* negative control: a red root with a red child must be caught */
	cached.rb_root.rb_node->__rb_parent_color &= ~1UL;
	ok(!valid(&cached.rb_root, 99), "the check catches a broken tree");
	return exit_status();
}
