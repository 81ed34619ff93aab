// SPDX-License-Identifier: GPL-2.0-only
/*
 * XArray on a radix tree of 64-slot nodes; see <linux/xarray.h> for the
 * contract.  The root covers indices [0, 64 << shift); a store beyond it
 * puts new roots on top, an erase that empties a node unlinks it, and a
 * root left with only its first slot gives way to that child.  Every
 * pointer a reader follows (xa_head, the slots) is published with a
 * release store and read with an acquire load; every node an update
 * unlinks is freed with kfree_rcu().  Readers never use the parent links
 * or the counts, which only xa_lock holders touch.
 *
 * Each node also keeps, per mark, which slots hold a marked entry or a
 * subtree with one (read by lockless searches, so accessed atomically),
 * and which slots are full (an entry, or a subtree with no free index),
 * which is how xa_alloc() finds a free index without a scan.
 */
#include "config.h"

#include <string.h>
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/xarray.h>

struct xa_node {
	unsigned char shift; /* 0: a leaf, whose slots hold entries */
	unsigned char offset; /* its slot in the parent */
	unsigned char count; /* non-NULL slots */
	/* under xa_lock; NULL for the root; the next spare in xa_alloc */
	struct xa_node *parent;
	struct rcu_head rcu;
	u64 full; /* under xa_lock */
	u64 marks[XA_MAX_MARKS]; /* atomic: lockless searches read them */
	void __rcu *slots[XA_CHUNK_SIZE];
};

/* Nodes one store may need: new roots on top plus a path to a leaf. */
#define XA_MAX_NEW_NODES (2 * DIV_ROUND_UP(BITS_PER_LONG, XA_CHUNK_SHIFT))

static bool xa_track_free(const struct xarray *xa)
{
	return xa->xa_flags & XA_FLAGS_TRACK_FREE;
}

static void *xa_zero_to_null(void *entry)
{
	return xa_is_zero(entry) ? NULL : entry;
}

/* The last index a tree whose root has @shift covers. */
static unsigned long xa_last_index(unsigned int shift)
{
	if (shift + XA_CHUNK_SHIFT >= BITS_PER_LONG)
		return ULONG_MAX;
	return (XA_CHUNK_SIZE << shift) - 1;
}

/* The root shift a tree needs to cover @index. */
static unsigned int xa_shift_for(unsigned long index)
{
	unsigned int shift = 0;

	while (xa_last_index(shift) < index)
		shift += XA_CHUNK_SHIFT;
	return shift;
}

static unsigned int xa_offset(unsigned long index, const struct xa_node *node)
{
	return (index >> node->shift) & XA_CHUNK_MASK;
}

static struct xa_node *xa_root(struct xarray *xa)
{
	return rcu_dereference_raw(xa->xa_head);
}

static void *xa_slot(struct xa_node *node, unsigned int offset)
{
	return rcu_dereference_raw(node->slots[offset]);
}

static u64 xa_mark_word(struct xa_node *node, xa_mark_t mark)
{
	return __atomic_load_n(&node->marks[mark], __ATOMIC_RELAXED);
}

static void xa_check_read(struct xarray *xa)
{
	RCU_LOCKDEP_WARN(!rcu_read_lock_held() &&
				 !lockdep_is_held(&xa->xa_lock),
			 "xarray read outside rcu_read_lock() and xa_lock");
}

static void xa_check_write(struct xarray *xa)
{
	lockdep_assert_held(&xa->xa_lock);
}

/* The entry at @index, and the leaf that holds its slot (or NULL). */
static void *xa_descend(struct xarray *xa, unsigned long index,
			struct xa_node **leafp)
{
	struct xa_node *node = xa_root(xa);
	void *entry;

	*leafp = NULL;
	if (!node || index > xa_last_index(node->shift))
		return NULL;
	for (;;) {
		entry = xa_slot(node, xa_offset(index, node));
		if (!node->shift) {
			*leafp = node;
			return entry;
		}
		if (!entry)
			return NULL;
		node = entry;
	}
}

/*
 * Slot @off of @node (which covers indices from @base) exists and its
 * first index, in *@first, is at most @last.
 */
static bool xa_slot_first(const struct xa_node *node, unsigned long base,
			  unsigned int off, unsigned long last,
			  unsigned long *first)
{
	if (off >= XA_CHUNK_SIZE)
		return false;
	/* the top node of a full-width tree has fewer slots */
	if (node->shift + XA_CHUNK_SHIFT > BITS_PER_LONG &&
	    off >= 1UL << (BITS_PER_LONG - node->shift))
		return false;
	*first = base + ((unsigned long)off << node->shift);
	return *first <= last;
}

/*
 * The first entry in [@start, @last] under @node (which covers indices
 * from @base; @start is at least @base) that is present or, when @filter
 * is a mark, carries it.
 */
static void *xa_node_find(struct xa_node *node, unsigned long base,
			  unsigned long start, unsigned long last,
			  xa_mark_t filter, unsigned long *indexp,
			  struct xa_node **leafp)
{
	unsigned int shift = node->shift;
	unsigned int off = (start - base) >> shift;
	unsigned long first;
	void *entry;

	for (; xa_slot_first(node, base, off, last, &first); off++) {
		if (filter < XA_MAX_MARKS &&
		    !(xa_mark_word(node, filter) & BIT_ULL(off)))
			continue;
		entry = xa_slot(node, off);
		if (!entry)
			continue;
		if (!shift) {
			*indexp = first;
			*leafp = node;
			return entry;
		}
		entry = xa_node_find(entry, first, max(start, first), last,
				     filter, indexp, leafp);
		if (entry)
			return entry;
	}
	return NULL;
}

static void *xa_find_from(struct xarray *xa, unsigned long start,
			  unsigned long last, xa_mark_t filter,
			  unsigned long *indexp, struct xa_node **leafp)
{
	struct xa_node *root = xa_root(xa);

	if (!root || start > last || start > xa_last_index(root->shift))
		return NULL;
	return xa_node_find(root, 0, start, last, filter, indexp, leafp);
}

/* As xa_find_from, skipping reserved entries. */
static void *xa_find_entry(struct xarray *xa, unsigned long start,
			   unsigned long max, xa_mark_t filter,
			   unsigned long *indexp)
{
	struct xa_node *leaf;
	unsigned long index;
	void *entry;

	for (;;) {
		entry = xa_find_from(xa, start, max, filter, &index, &leaf);
		if (!entry)
			return NULL;
		if (!xa_is_zero(entry)) {
			*indexp = index;
			return entry;
		}
		if (index >= max)
			return NULL;
		start = index + 1;
	}
}

/* Keep the XA_FLAGS_MARK bits true to "some entry has the mark". */
static void xa_update_mark_flag(struct xarray *xa, xa_mark_t mark, bool any)
{
	gfp_t flags = xa->xa_flags;

	/* an allocating array's mark 0 flag is the kernel's "free" mark */
	if (mark == XA_FREE_MARK && xa_track_free(xa))
		return;
	if (any)
		flags |= XA_FLAGS_MARK(mark);
	else
		flags &= ~XA_FLAGS_MARK(mark);
	WRITE_ONCE(xa->xa_flags, flags);
}

static void xa_node_set_mark(struct xarray *xa, struct xa_node *node,
			     unsigned int off, xa_mark_t mark)
{
	u64 word;

	for (;;) {
		word = xa_mark_word(node, mark);
		if (word & BIT_ULL(off))
			return; /* and so in every ancestor */
		__atomic_store_n(&node->marks[mark], word | BIT_ULL(off),
				 __ATOMIC_RELAXED);
		if (!node->parent)
			break;
		off = node->offset;
		node = node->parent;
	}
	xa_update_mark_flag(xa, mark, true);
}

static void xa_node_clear_mark(struct xarray *xa, struct xa_node *node,
			       unsigned int off, xa_mark_t mark)
{
	u64 word;

	for (;;) {
		word = xa_mark_word(node, mark);
		if (!(word & BIT_ULL(off)))
			return;
		word &= ~BIT_ULL(off);
		__atomic_store_n(&node->marks[mark], word, __ATOMIC_RELAXED);
		if (word)
			return; /* the node still has marked slots */
		if (!node->parent)
			break;
		off = node->offset;
		node = node->parent;
	}
	xa_update_mark_flag(xa, mark, false);
}

static void xa_node_set_full(struct xa_node *node, unsigned int off)
{
	for (;;) {
		node->full |= BIT_ULL(off);
		if (node->full != ~0ULL || !node->parent)
			return;
		off = node->offset;
		node = node->parent;
	}
}

static void xa_node_clear_full(struct xa_node *node, unsigned int off)
{
	bool was_full;

	for (;;) {
		was_full = node->full == ~0ULL;
		node->full &= ~BIT_ULL(off);
		if (!was_full || !node->parent)
			return;
		off = node->offset;
		node = node->parent;
	}
}

/* A node for a store under the lock: a spare from xas_nomem(), or new. */
static struct xa_node *xa_node_take(struct xa_state *xas)
{
	struct xa_node *node = xas->xa_alloc;
	/* no warning: the caller's gfp gets its turn in __xas_nomem() */
	gfp_t gfp = GFP_NOWAIT | __GFP_NOWARN;

	if (node) {
		xas->xa_alloc = node->parent;
		memset(node, 0, sizeof(*node));
		return node;
	}
	if (xas->xa->xa_flags & XA_FLAGS_ACCOUNT)
		gfp |= __GFP_ACCOUNT;
	return kzalloc(sizeof(*node), gfp);
}

static void xa_node_keep(struct xa_state *xas, struct xa_node *node)
{
	node->parent = xas->xa_alloc;
	xas->xa_alloc = node;
}

/* The nodes a store of a non-NULL entry at @index must add. */
static unsigned int xa_nodes_needed(struct xa_node *root, unsigned long index)
{
	struct xa_node *node = root, *child;
	unsigned int shift;

	if (!root)
		return xa_shift_for(index) / XA_CHUNK_SHIFT + 1;
	if (index > xa_last_index(root->shift)) {
		/* new roots, and the whole path under the top one: the
		 * index is outside its first slot, where the old root is */
		shift = xa_shift_for(index);
		return (shift - root->shift) / XA_CHUNK_SHIFT +
		       shift / XA_CHUNK_SHIFT;
	}
	while (node->shift) {
		child = xa_slot(node, xa_offset(index, node));
		if (!child)
			return node->shift / XA_CHUNK_SHIFT;
		node = child;
	}
	return 0;
}

/* Puts new roots on top of @root until the tree covers @index. */
static struct xa_node *xa_grow(struct xarray *xa, struct xa_node *root,
			       unsigned long index, struct xa_node **new)
{
	unsigned int target = xa_shift_for(index);
	struct xa_node *top;
	xa_mark_t mark;

	while (root->shift < target) {
		top = *new ++;
		top->shift = root->shift + XA_CHUNK_SHIFT;
		top->count = 1;
		for (mark = 0; mark < XA_MAX_MARKS; mark++)
			if (xa_mark_word(root, mark))
				top->marks[mark] = 1;
		if (root->full == ~0ULL)
			top->full = 1;
		RCU_INIT_POINTER(top->slots[0], root);
		root->parent = top;
		root->offset = 0;
		rcu_assign_pointer(xa->xa_head, top);
		root = top;
	}
	return root;
}

static void *xa_store_entry(struct xa_state *xas, void *entry)
{
	struct xa_node *new[XA_MAX_NEW_NODES];
	struct xarray *xa = xas->xa;
	unsigned long index = xas->xa_index;
	struct xa_node *node = xa_root(xa), *child;
	unsigned int i, need, off;
	void *old;

	/* Take every node first, so that a failure changes nothing. */
	need = xa_nodes_needed(node, index);
	for (i = 0; i < need; i++) {
		new[i] = xa_node_take(xas);
		if (!new[i]) {
			while (i--)
				xa_node_keep(xas, new[i]);
			xas_set_err(xas, -ENOMEM);
			return NULL;
		}
	}

	i = 0;
	if (!node) {
		node = new[i++];
		node->shift = xa_shift_for(index);
		rcu_assign_pointer(xa->xa_head, node);
	} else if (index > xa_last_index(node->shift)) {
		i = (xa_shift_for(index) - node->shift) / XA_CHUNK_SHIFT;
		node = xa_grow(xa, node, index, new);
	}
	while (node->shift) {
		off = xa_offset(index, node);
		child = xa_slot(node, off);
		if (!child) {
			child = new[i++];
			child->shift = node->shift - XA_CHUNK_SHIFT;
			child->parent = node;
			child->offset = off;
			rcu_assign_pointer(node->slots[off], child);
			node->count++;
		}
		node = child;
	}
	off = xa_offset(index, node);
	old = xa_slot(node, off);
	rcu_assign_pointer(node->slots[off], entry);
	if (!old) {
		node->count++;
		xa_node_set_full(node, off);
	}
	xas->xa_node = node;
	xas->xa_offset = off;
	return old;
}

/* Unlinks @node, empty, and every ancestor it leaves empty. */
static void xa_delete_empty(struct xarray *xa, struct xa_node *node)
{
	struct xa_node *parent;

	while (node && !node->count) {
		parent = node->parent;
		if (parent) {
			rcu_assign_pointer(parent->slots[node->offset], NULL);
			parent->count--;
		} else {
			rcu_assign_pointer(xa->xa_head, NULL);
		}
		kfree_rcu(node, rcu);
		node = parent;
	}
}

/* A root whose only child is in slot 0 gives way to it. */
static void xa_shrink(struct xarray *xa)
{
	struct xa_node *root = xa_root(xa), *child;

	while (root && root->shift && root->count == 1 &&
	       (child = xa_slot(root, 0))) {
		child->parent = NULL;
		rcu_assign_pointer(xa->xa_head, child);
		kfree_rcu(root, rcu);
		root = child;
	}
}

static void *xa_erase_entry(struct xa_state *xas)
{
	struct xarray *xa = xas->xa;
	struct xa_node *leaf;
	unsigned int off = xas->xa_index & XA_CHUNK_MASK;
	xa_mark_t mark;
	void *old;

	old = xa_descend(xa, xas->xa_index, &leaf);
	xas->xa_node = leaf;
	xas->xa_offset = off;
	if (!old)
		return NULL;
	rcu_assign_pointer(leaf->slots[off], NULL);
	for (mark = 0; mark < XA_MAX_MARKS; mark++)
		xa_node_clear_mark(xa, leaf, off, mark);
	xa_node_clear_full(leaf, off);
	if (!--leaf->count) {
		xa_delete_empty(xa, leaf);
		xas->xa_node = NULL;
	}
	xa_shrink(xa);
	return old;
}

void *xas_load(struct xa_state *xas)
{
	struct xa_node *leaf;
	void *entry;

	if (xas_error(xas))
		return NULL;
	xa_check_read(xas->xa);
	entry = xa_descend(xas->xa, xas->xa_index, &leaf);
	xas->xa_node = leaf;
	xas->xa_offset = xas->xa_index & XA_CHUNK_MASK;
	return entry;
}

void *xas_store(struct xa_state *xas, void *entry)
{
	if (xas_error(xas))
		return NULL;
	xa_check_write(xas->xa);
	return entry ? xa_store_entry(xas, entry) : xa_erase_entry(xas);
}

static void *xas_find_filtered(struct xa_state *xas, unsigned long max,
			       xa_mark_t filter)
{
	unsigned long start = xas->xa_index, index;
	struct xa_node *leaf;
	void *entry;

	if (xas_error(xas) || xas->xa_node == XAS_BOUNDS)
		return NULL;
	xa_check_read(xas->xa);
	if (xas->xa_node != XAS_RESTART) {
		/* walked: the entry at the index has been seen */
		if (start == ULONG_MAX)
			goto bounds;
		start++;
	}
	entry = xa_find_from(xas->xa, start, max, filter, &index, &leaf);
	if (!entry)
		goto bounds;
	xas->xa_index = index;
	xas->xa_node = leaf;
	xas->xa_offset = index & XA_CHUNK_MASK;
	return entry;
bounds:
	xas->xa_node = XAS_BOUNDS;
	return NULL;
}

void *xas_find(struct xa_state *xas, unsigned long max)
{
	return xas_find_filtered(xas, max, XA_PRESENT);
}

void *xas_find_marked(struct xa_state *xas, unsigned long max, xa_mark_t mark)
{
	if (WARN_ON_ONCE(mark >= XA_MAX_MARKS))
		return NULL;
	return xas_find_filtered(xas, max, mark);
}

bool xas_get_mark(const struct xa_state *xas, xa_mark_t mark)
{
	struct xa_node *leaf;
	unsigned int off = xas->xa_index & XA_CHUNK_MASK;

	if (xas_invalid(xas) && xas->xa_node != XAS_RESTART)
		return false;
	if (WARN_ON_ONCE(mark >= XA_MAX_MARKS))
		return false;
	xa_check_read(xas->xa);
	if (!xa_descend(xas->xa, xas->xa_index, &leaf))
		return false;
	return xa_mark_word(leaf, mark) & BIT_ULL(off);
}

static void xas_change_mark(const struct xa_state *xas, xa_mark_t mark,
			    bool set)
{
	struct xa_node *leaf;
	unsigned int off = xas->xa_index & XA_CHUNK_MASK;

	if (xas_invalid(xas) && xas->xa_node != XAS_RESTART)
		return;
	if (WARN_ON_ONCE(mark >= XA_MAX_MARKS))
		return;
	xa_check_write(xas->xa);
	if (!xa_descend(xas->xa, xas->xa_index, &leaf))
		return; /* marks stick to present entries only */
	if (set)
		xa_node_set_mark(xas->xa, leaf, off, mark);
	else
		xa_node_clear_mark(xas->xa, leaf, off, mark);
}

void xas_set_mark(const struct xa_state *xas, xa_mark_t mark)
{
	xas_change_mark(xas, mark, true);
}

void xas_clear_mark(const struct xa_state *xas, xa_mark_t mark)
{
	xas_change_mark(xas, mark, false);
}

void xas_init_marks(const struct xa_state *xas)
{
	xa_mark_t mark;

	for (mark = 0; mark < XA_MAX_MARKS; mark++)
		xas_clear_mark(xas, mark);
}

void xas_destroy(struct xa_state *xas)
{
	struct xa_node *node;

	while ((node = xas->xa_alloc)) {
		xas->xa_alloc = node->parent;
		kfree(node);
	}
}

/* Allocates one spare node with @gfp; @unlock drops xa_lock around it. */
static bool xas_nomem_locked(struct xa_state *xas, gfp_t gfp, bool unlock)
{
	struct xarray *xa = xas->xa;
	unsigned int type = xa->xa_flags & (XA_LOCK_IRQ | XA_LOCK_BH);
	struct xa_node *node;

	if (xas->xa_node != XA_ERROR(-ENOMEM)) {
		xas_destroy(xas);
		return false;
	}
	if (xa->xa_flags & XA_FLAGS_ACCOUNT)
		gfp |= __GFP_ACCOUNT;
	if (unlock) {
		if (type == XA_LOCK_IRQ)
			xa_unlock_irq(xa);
		else if (type == XA_LOCK_BH)
			xa_unlock_bh(xa);
		else
			xa_unlock(xa);
	}
	node = kzalloc(sizeof(*node), gfp);
	if (unlock) {
		if (type == XA_LOCK_IRQ)
			xa_lock_irq(xa);
		else if (type == XA_LOCK_BH)
			xa_lock_bh(xa);
		else
			xa_lock(xa);
	}
	if (!node) {
		xas_destroy(xas);
		return false;
	}
	xa_node_keep(xas, node);
	xas->xa_node = XAS_RESTART;
	return true;
}

bool xas_nomem(struct xa_state *xas, gfp_t gfp)
{
	return xas_nomem_locked(xas, gfp, false);
}

/* Under xa_lock, which is dropped to allocate when @gfp may block. */
static bool __xas_nomem(struct xa_state *xas, gfp_t gfp)
{
	return xas_nomem_locked(xas, gfp, gfpflags_allow_blocking(gfp));
}

void xas_pause(struct xa_state *xas)
{
	if (xas_invalid(xas))
		return;
	xas->xa_node = XAS_RESTART;
	if (++xas->xa_index == 0)
		xas->xa_node = XAS_BOUNDS;
}

void *__xas_next(struct xa_state *xas)
{
	if (xas_error(xas))
		return NULL;
	if (xas->xa_node != XAS_RESTART && xas->xa_index++ == ULONG_MAX) {
		xas->xa_node = XAS_BOUNDS;
		return NULL;
	}
	return xas_load(xas);
}

void *__xas_prev(struct xa_state *xas)
{
	if (xas_error(xas))
		return NULL;
	if (xas->xa_node != XAS_RESTART && xas->xa_index-- == 0) {
		xas->xa_node = XAS_BOUNDS;
		return NULL;
	}
	return xas_load(xas);
}

static void *xas_result(struct xa_state *xas, void *curr)
{
	if (xas_error(xas))
		return xas->xa_node;
	return curr;
}

void *xa_load(struct xarray *xa, unsigned long index)
{
	struct xa_node *leaf;
	void *entry;

	rcu_read_lock();
	entry = xa_zero_to_null(xa_descend(xa, index, &leaf));
	rcu_read_unlock();
	return entry;
}

void *__xa_erase(struct xarray *xa, unsigned long index)
{
	XA_STATE(xas, xa, index);

	return xas_result(&xas, xa_zero_to_null(xas_store(&xas, NULL)));
}

void *xa_erase(struct xarray *xa, unsigned long index)
{
	void *entry;

	xa_lock(xa);
	entry = __xa_erase(xa, index);
	xa_unlock(xa);
	return entry;
}

void *__xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	XA_STATE(xas, xa, index);
	void *curr;

	if (WARN_ON_ONCE(xa_is_advanced(entry)))
		return XA_ERROR(-EINVAL);
	/* an allocating array keeps the index: NULL reserves it */
	if (xa_track_free(xa) && !entry)
		entry = XA_ZERO_ENTRY;
	do {
		curr = xas_store(&xas, entry);
	} while (__xas_nomem(&xas, gfp));
	return xas_result(&xas, xa_zero_to_null(curr));
}

void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;

	xa_lock(xa);
	curr = __xa_store(xa, index, entry, gfp);
	xa_unlock(xa);
	return curr;
}

/* What was at @index, raw: __xa_insert tells a reserved index from NULL. */
static void *__xa_cmpxchg_raw(struct xarray *xa, unsigned long index, void *old,
			      void *entry, gfp_t gfp)
{
	XA_STATE(xas, xa, index);
	void *curr;

	if (WARN_ON_ONCE(xa_is_advanced(entry)))
		return XA_ERROR(-EINVAL);
	do {
		curr = xas_load(&xas);
		if (curr == old)
			xas_store(&xas, entry);
	} while (__xas_nomem(&xas, gfp));
	return xas_result(&xas, curr);
}

void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
		   void *entry, gfp_t gfp)
{
	return xa_zero_to_null(__xa_cmpxchg_raw(xa, index, old, entry, gfp));
}

int __xa_insert(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp)
{
	void *curr;
	int err;

	if (!entry)
		entry = XA_ZERO_ENTRY;
	curr = __xa_cmpxchg_raw(xa, index, NULL, entry, gfp);
	err = xa_err(curr);
	if (err)
		return err;
	return curr ? -EBUSY : 0;
}

/* Under the lock: the lowest index in [@start, @last] with nothing stored. */
static bool xa_node_find_free(struct xa_node *node, unsigned long base,
			      unsigned long start, unsigned long last,
			      unsigned long *indexp)
{
	unsigned int shift = node->shift;
	unsigned int off = (start - base) >> shift;
	unsigned long first;
	struct xa_node *child;

	for (; xa_slot_first(node, base, off, last, &first); off++) {
		if (node->full & BIT_ULL(off))
			continue;
		child = xa_slot(node, off);
		if (!child) {
			/* an empty slot, or a whole subtree with nothing */
			*indexp = max(start, first);
			return true;
		}
		if (shift && xa_node_find_free(child, first, max(start, first),
					       last, indexp))
			return true;
	}
	return false;
}

static bool xa_find_free(struct xarray *xa, unsigned long min,
			 unsigned long max, unsigned long *indexp)
{
	struct xa_node *root = xa_root(xa);
	unsigned long last;

	if (min > max)
		return false;
	if (!root || min > xa_last_index(root->shift)) {
		*indexp = min;
		return true;
	}
	if (xa_node_find_free(root, 0, min, max, indexp))
		return true;
	last = xa_last_index(root->shift);
	if (last >= max)
		return false;
	*indexp = last + 1; /* beyond what the root covers */
	return true;
}

int __xa_alloc(struct xarray *xa, u32 *id, void *entry, struct xa_limit limit,
	       gfp_t gfp)
{
	XA_STATE(xas, xa, 0);
	unsigned long min = limit.min, index;

	if (WARN_ON_ONCE(xa_is_advanced(entry)))
		return -EINVAL;
	if (WARN_ON_ONCE(!xa_track_free(xa)))
		return -EINVAL;
	if (!entry)
		entry = XA_ZERO_ENTRY;
	if ((xa->xa_flags & XA_FLAGS_ZERO_BUSY) && !min)
		min = 1;
	do {
		if (xa_find_free(xa, min, limit.max, &index)) {
			*id = index;
			xas.xa_index = index;
		} else {
			xas_set_err(&xas, -EBUSY);
		}
		xas_store(&xas, entry);
	} while (__xas_nomem(&xas, gfp));
	return xas_error(&xas);
}

int __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry,
		      struct xa_limit limit, u32 *next, gfp_t gfp)
{
	u32 min = limit.min;
	int ret;

	limit.min = max(min, *next);
	ret = __xa_alloc(xa, id, entry, limit, gfp);
	if ((xa->xa_flags & XA_FLAGS_ALLOC_WRAPPED) && ret == 0) {
		WRITE_ONCE(xa->xa_flags,
			   xa->xa_flags & ~XA_FLAGS_ALLOC_WRAPPED);
		ret = 1;
	}
	if (ret < 0 && limit.min > min) {
		limit.min = min;
		ret = __xa_alloc(xa, id, entry, limit, gfp);
		if (ret == 0)
			ret = 1;
	}
	if (ret >= 0) {
		*next = *id + 1;
		if (*next == 0)
			WRITE_ONCE(xa->xa_flags,
				   xa->xa_flags | XA_FLAGS_ALLOC_WRAPPED);
	}
	return ret;
}

void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	XA_STATE(xas, xa, index);

	xas_set_mark(&xas, mark);
}

void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	XA_STATE(xas, xa, index);

	xas_clear_mark(&xas, mark);
}

bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	XA_STATE(xas, xa, index);
	bool marked;

	rcu_read_lock();
	marked = xas_get_mark(&xas, mark);
	rcu_read_unlock();
	return marked;
}

void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	xa_lock(xa);
	__xa_set_mark(xa, index, mark);
	xa_unlock(xa);
}

void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark)
{
	xa_lock(xa);
	__xa_clear_mark(xa, index, mark);
	xa_unlock(xa);
}

void *xa_find(struct xarray *xa, unsigned long *indexp, unsigned long max,
	      xa_mark_t filter)
{
	void *entry;

	rcu_read_lock();
	entry = xa_find_entry(xa, *indexp, max, filter, indexp);
	rcu_read_unlock();
	return entry;
}

void *xa_find_after(struct xarray *xa, unsigned long *indexp, unsigned long max,
		    xa_mark_t filter)
{
	void *entry;

	if (*indexp == ULONG_MAX)
		return NULL;
	rcu_read_lock();
	entry = xa_find_entry(xa, *indexp + 1, max, filter, indexp);
	rcu_read_unlock();
	return entry;
}

unsigned int xa_extract(struct xarray *xa, void **dst, unsigned long start,
			unsigned long max, unsigned int n, xa_mark_t filter)
{
	unsigned long index = start;
	unsigned int i = 0;
	void *entry;

	rcu_read_lock();
	while (i < n &&
	       (entry = xa_find_entry(xa, index, max, filter, &index))) {
		dst[i++] = entry;
		if (index >= max)
			break;
		index++;
	}
	rcu_read_unlock();
	return i;
}

static void xa_free_nodes(struct xa_node *node)
{
	struct xa_node *child;
	unsigned int off;

	if (node->shift)
		for (off = 0; off < XA_CHUNK_SIZE; off++) {
			child = xa_slot(node, off);
			if (child)
				xa_free_nodes(child);
		}
	kfree_rcu(node, rcu);
}

void xa_destroy(struct xarray *xa)
{
	struct xa_node *root;
	unsigned long flags;
	xa_mark_t mark;

	xa_lock_irqsave(xa, flags);
	root = xa_root(xa);
	rcu_assign_pointer(xa->xa_head, NULL);
	for (mark = 0; mark < XA_MAX_MARKS; mark++)
		xa_update_mark_flag(xa, mark, false);
	if (root)
		xa_free_nodes(root);
	xa_unlock_irqrestore(xa, flags);
}
