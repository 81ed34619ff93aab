// SPDX-License-Identifier: GPL-2.0-only
/*
 * Red-black trees (<linux/rbtree.h>): the textbook algorithm (Cormen et
 * al., with NULL leaves, which are black), over the kernel's node layout:
 * the parent pointer and the colour share __rb_parent_color, bit 0 set
 * for black.  The invariants: the root is black, a red node has no red
 * child, every path from a node down to a leaf has as many black nodes.
 */
#include "config.h"

#include <linux/rbtree.h>

#define RB_RED 0UL
#define RB_BLACK 1UL

static inline unsigned long rb_color(const struct rb_node *n)
{
	return n ? n->__rb_parent_color & 1 : RB_BLACK;
}

static inline bool rb_is_red(const struct rb_node *n)
{
	return rb_color(n) == RB_RED;
}

static inline void rb_set_parent(struct rb_node *n, struct rb_node *p)
{
	n->__rb_parent_color = rb_color(n) | (unsigned long)p;
}

static inline void rb_set_color(struct rb_node *n, unsigned long color)
{
	n->__rb_parent_color = (n->__rb_parent_color & ~1UL) | color;
}

/* @new replaces @old as @parent's child (or as the root). */
static void rb_change_child(struct rb_node *old, struct rb_node *new,
			    struct rb_node *parent, struct rb_root *root)
{
	if (!parent)
		WRITE_ONCE(root->rb_node, new);
	else if (parent->rb_left == old)
		WRITE_ONCE(parent->rb_left, new);
	else
		WRITE_ONCE(parent->rb_right, new);
}

/* @x's right child takes its place, @x becomes its left child. */
static void rb_rotate_left(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_right;

	x->rb_right = y->rb_left;
	if (y->rb_left)
		rb_set_parent(y->rb_left, x);
	rb_set_parent(y, rb_parent(x));
	rb_change_child(x, y, rb_parent(x), root);
	y->rb_left = x;
	rb_set_parent(x, y);
}

static void rb_rotate_right(struct rb_node *x, struct rb_root *root)
{
	struct rb_node *y = x->rb_left;

	x->rb_left = y->rb_right;
	if (y->rb_right)
		rb_set_parent(y->rb_right, x);
	rb_set_parent(y, rb_parent(x));
	rb_change_child(x, y, rb_parent(x), root);
	y->rb_right = x;
	rb_set_parent(x, y);
}

/* @node was linked red by rb_link_node(): repair red-red upwards. */
void rb_insert_color(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *p, *g, *u;

	while ((p = rb_parent(node)) && rb_is_red(p)) {
		g = rb_parent(p); /* a red node is never the root */
		if (p == g->rb_left) {
			u = g->rb_right;
			if (rb_is_red(u)) {
				rb_set_color(p, RB_BLACK);
				rb_set_color(u, RB_BLACK);
				rb_set_color(g, RB_RED);
				node = g;
				continue;
			}
			if (node == p->rb_right) {
				rb_rotate_left(p, root);
				node = p;
				p = rb_parent(node);
			}
			rb_set_color(p, RB_BLACK);
			rb_set_color(g, RB_RED);
			rb_rotate_right(g, root);
		} else {
			u = g->rb_left;
			if (rb_is_red(u)) {
				rb_set_color(p, RB_BLACK);
				rb_set_color(u, RB_BLACK);
				rb_set_color(g, RB_RED);
				node = g;
				continue;
			}
			if (node == p->rb_left) {
				rb_rotate_right(p, root);
				node = p;
				p = rb_parent(node);
			}
			rb_set_color(p, RB_BLACK);
			rb_set_color(g, RB_RED);
			rb_rotate_left(g, root);
		}
	}
	rb_set_color(root->rb_node, RB_BLACK);
}

/* A black node left @parent's subtree at @node (maybe NULL): rebalance. */
static void rb_erase_color(struct rb_node *node, struct rb_node *parent,
			   struct rb_root *root)
{
	struct rb_node *w;

	while (!rb_is_red(node) && node != root->rb_node) {
		if (parent->rb_left == node) {
			w = parent->rb_right;
			if (rb_is_red(w)) {
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_left(parent, root);
				w = parent->rb_right;
			}
			if (!rb_is_red(w->rb_left) && !rb_is_red(w->rb_right)) {
				rb_set_color(w, RB_RED);
				node = parent;
				parent = rb_parent(node);
				continue;
			}
			if (!rb_is_red(w->rb_right)) {
				rb_set_color(w->rb_left, RB_BLACK);
				rb_set_color(w, RB_RED);
				rb_rotate_right(w, root);
				w = parent->rb_right;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_right, RB_BLACK);
			rb_rotate_left(parent, root);
		} else {
			w = parent->rb_left;
			if (rb_is_red(w)) {
				rb_set_color(w, RB_BLACK);
				rb_set_color(parent, RB_RED);
				rb_rotate_right(parent, root);
				w = parent->rb_left;
			}
			if (!rb_is_red(w->rb_left) && !rb_is_red(w->rb_right)) {
				rb_set_color(w, RB_RED);
				node = parent;
				parent = rb_parent(node);
				continue;
			}
			if (!rb_is_red(w->rb_left)) {
				rb_set_color(w->rb_right, RB_BLACK);
				rb_set_color(w, RB_RED);
				rb_rotate_left(w, root);
				w = parent->rb_left;
			}
			rb_set_color(w, rb_color(parent));
			rb_set_color(parent, RB_BLACK);
			rb_set_color(w->rb_left, RB_BLACK);
			rb_rotate_right(parent, root);
		}
		node = root->rb_node;
		break;
	}
	if (node)
		rb_set_color(node, RB_BLACK);
}

void rb_erase(struct rb_node *node, struct rb_root *root)
{
	struct rb_node *child, *parent, *succ;
	unsigned long color;

	if (node->rb_left && node->rb_right) {
		/* the successor, which has no left child, takes its place */
		succ = node->rb_right;
		while (succ->rb_left)
			succ = succ->rb_left;
		child = succ->rb_right;
		parent = rb_parent(succ);
		color = rb_color(succ);
		if (parent == node) {
			parent = succ;
		} else {
			if (child)
				rb_set_parent(child, parent);
			parent->rb_left = child;
			succ->rb_right = node->rb_right;
			rb_set_parent(node->rb_right, succ);
		}
		succ->__rb_parent_color = node->__rb_parent_color;
		succ->rb_left = node->rb_left;
		rb_set_parent(node->rb_left, succ);
		rb_change_child(node, succ, rb_parent(node), root);
	} else {
		child = node->rb_left ? node->rb_left : node->rb_right;
		parent = rb_parent(node);
		color = rb_color(node);
		if (child)
			rb_set_parent(child, parent);
		rb_change_child(node, child, parent, root);
	}
	if (color == RB_BLACK)
		rb_erase_color(child, parent, root);
}

struct rb_node *rb_first(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_left)
		n = n->rb_left;
	return n;
}

struct rb_node *rb_last(const struct rb_root *root)
{
	struct rb_node *n = root->rb_node;

	while (n && n->rb_right)
		n = n->rb_right;
	return n;
}

struct rb_node *rb_next(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_right) {
		node = node->rb_right;
		while (node->rb_left)
			node = node->rb_left;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_right)
		node = parent;
	return parent;
}

struct rb_node *rb_prev(const struct rb_node *node)
{
	struct rb_node *parent;

	if (RB_EMPTY_NODE(node))
		return NULL;
	if (node->rb_left) {
		node = node->rb_left;
		while (node->rb_right)
			node = node->rb_right;
		return (struct rb_node *)node;
	}
	while ((parent = rb_parent(node)) && node == parent->rb_left)
		node = parent;
	return parent;
}

static struct rb_node *rb_left_deepest(const struct rb_node *node)
{
	for (;;) {
		if (node->rb_left)
			node = node->rb_left;
		else if (node->rb_right)
			node = node->rb_right;
		else
			return (struct rb_node *)node;
	}
}

struct rb_node *rb_first_postorder(const struct rb_root *root)
{
	return root->rb_node ? rb_left_deepest(root->rb_node) : NULL;
}

struct rb_node *rb_next_postorder(const struct rb_node *node)
{
	struct rb_node *parent;

	if (!node)
		return NULL;
	parent = rb_parent(node);
	if (parent && node == parent->rb_left && parent->rb_right)
		return rb_left_deepest(parent->rb_right);
	return parent;
}

void rb_replace_node(struct rb_node *victim, struct rb_node *new,
		     struct rb_root *root)
{
	struct rb_node *parent = rb_parent(victim);

	*new = *victim;
	if (victim->rb_left)
		rb_set_parent(victim->rb_left, new);
	if (victim->rb_right)
		rb_set_parent(victim->rb_right, new);
	rb_change_child(victim, new, parent, root);
}
