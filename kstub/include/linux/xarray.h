/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * XArray: a sparse array of pointers indexed by unsigned long, with the
 * kernel's API (normal and advanced) on kstub's own radix tree of 64-slot
 * nodes.
 *
 * Concurrency contract, as the kernel's:
 *  - xa_load, xa_find, xa_find_after, xa_get_mark, xa_extract and the
 *    xa_for_each* loops take rcu_read_lock() themselves and may run
 *    concurrently with any update.  An entry is published with release
 *    semantics; an internal node an update unlinks is freed after a grace
 *    period (kfree_rcu), so a lockless reader never touches freed memory.
 *    The objects the entries point to are the caller's to protect.
 *  - xa_store, xa_erase, xa_insert, xa_cmpxchg, xa_alloc*, xa_reserve,
 *    xa_set_mark, xa_clear_mark and xa_destroy take xa_lock (a spinlock;
 *    the _bh and _irq forms take it with those variants).  The __xa_*
 *    forms expect the caller to hold it; they drop and retake it to
 *    allocate when the gfp may block, using the lock variant the array
 *    was initialised with (XA_FLAGS_LOCK_IRQ, XA_FLAGS_LOCK_BH).
 *  - The advanced API (struct xa_state, xas_*) runs under the caller's
 *    rcu_read_lock() for reads and xa_lock for xas_store and the marks.
 *    Reads outside both are lockdep reports.
 *
 * Memory: each node is a kzalloc() of kstub's slab, so kfault can fail
 * it.  A store first allocates under the lock with GFP_NOWAIT, as the
 * kernel does; on failure the normal API retries with the caller's gfp
 * (dropping the lock if that gfp may block) and returns -ENOMEM if that
 * fails too; advanced users call xas_nomem().  An update that fails
 * changes nothing.  Emptied nodes are freed, so an empty array holds no
 * memory.
 *
 * Not supported: multi-index entries (XA_STATE_ORDER, xa_store_range,
 * xas_split), xas_find_conflict, xas_create_range and the node-level
 * internals (xa_head, xa_entry, xa_dump).
 */
#ifndef _KSTUB_LINUX_XARRAY_H
#define _KSTUB_LINUX_XARRAY_H

#include <linux/types.h>
#include <linux/bug.h>
#include <linux/compiler.h>
#include <linux/err.h>
#include <linux/gfp.h>
#include <linux/kconfig.h>
#include <linux/limits.h>
#include <linux/lockdep.h>
#include <linux/rcupdate.h>
#include <linux/sched/mm.h>
#include <linux/spinlock.h>

struct list_lru;

/* Entries: pointers (4-byte aligned), values, and internal entries. */
#define BITS_PER_XA_VALUE (BITS_PER_LONG - 1)

static inline void *xa_mk_value(unsigned long v)
{
	WARN_ON((long)v < 0);
	return (void *)((v << 1) | 1);
}

static inline unsigned long xa_to_value(const void *entry)
{
	return (unsigned long)entry >> 1;
}

static inline bool xa_is_value(const void *entry)
{
	return (unsigned long)entry & 1;
}

static inline void *xa_tag_pointer(void *p, unsigned long tag)
{
	return (void *)((unsigned long)p | tag);
}

static inline void *xa_untag_pointer(void *entry)
{
	return (void *)((unsigned long)entry & ~3UL);
}

static inline unsigned int xa_pointer_tag(void *entry)
{
	return (unsigned long)entry & 3UL;
}

static inline void *xa_mk_internal(unsigned long v)
{
	return (void *)((v << 2) | 2);
}

static inline unsigned long xa_to_internal(const void *entry)
{
	return (unsigned long)entry >> 2;
}

static inline bool xa_is_internal(const void *entry)
{
	return ((unsigned long)entry & 3) == 2;
}

/* A reserved index: occupied, but loads as NULL. */
#define XA_ZERO_ENTRY xa_mk_internal(257)
#define XA_RETRY_ENTRY xa_mk_internal(256)

static inline bool xa_is_zero(const void *entry)
{
	return unlikely(entry == XA_ZERO_ENTRY);
}

static inline bool xa_is_retry(const void *entry)
{
	return unlikely(entry == XA_RETRY_ENTRY);
}

static inline bool xa_is_err(const void *entry)
{
	return unlikely(xa_is_internal(entry) &&
			entry >= xa_mk_internal(-MAX_ERRNO));
}

/* The errno an xa_store()-style return carries, or 0. */
static inline int xa_err(void *entry)
{
	if (xa_is_err(entry))
		return (long)entry >> 2;
	return 0;
}

/* Entries only the advanced API may store: never through xa_store(). */
static inline bool xa_is_advanced(const void *entry)
{
	return xa_is_internal(entry) && entry <= XA_RETRY_ENTRY;
}

struct xa_limit {
	u32 max;
	u32 min;
};

#define XA_LIMIT(_min, _max)             \
	(struct xa_limit)                \
	{                                \
		.min = _min, .max = _max \
	}
#define xa_limit_32b XA_LIMIT(0, UINT_MAX)
#define xa_limit_31b XA_LIMIT(0, INT_MAX)
#define xa_limit_16b XA_LIMIT(0, USHRT_MAX)

typedef unsigned int xa_mark_t;
#define XA_MARK_0 ((xa_mark_t)0U)
#define XA_MARK_1 ((xa_mark_t)1U)
#define XA_MARK_2 ((xa_mark_t)2U)
#define XA_PRESENT ((xa_mark_t)8U)
#define XA_MARK_MAX XA_MARK_2
#define XA_FREE_MARK XA_MARK_0
#define XA_MAX_MARKS 3

enum xa_lock_type {
	XA_LOCK_IRQ = 1,
	XA_LOCK_BH = 2,
};

#define XA_FLAGS_LOCK_IRQ ((gfp_t)XA_LOCK_IRQ)
#define XA_FLAGS_LOCK_BH ((gfp_t)XA_LOCK_BH)
#define XA_FLAGS_TRACK_FREE ((gfp_t)4U)
#define XA_FLAGS_ZERO_BUSY ((gfp_t)8U)
#define XA_FLAGS_ALLOC_WRAPPED ((gfp_t)16U)
#define XA_FLAGS_ACCOUNT ((gfp_t)32U)
/* Set while some entry carries the mark. */
#define XA_FLAGS_MARK(mark) \
	((gfp_t)((1U << __GFP_BITS_SHIFT) << (unsigned int)(mark)))
#define XA_FLAGS_ALLOC (XA_FLAGS_TRACK_FREE | XA_FLAGS_MARK(XA_FREE_MARK))
#define XA_FLAGS_ALLOC1 (XA_FLAGS_TRACK_FREE | XA_FLAGS_ZERO_BUSY)

struct xarray {
	spinlock_t xa_lock;
	gfp_t xa_flags;
	/* kstub's root node, or NULL when the array is empty */
	void __rcu *xa_head;
};

#define XARRAY_INIT(name, flags)                               \
	{                                                      \
		.xa_lock = __SPIN_LOCK_UNLOCKED(name.xa_lock), \
		.xa_flags = (flags), .xa_head = NULL           \
	}
#define DEFINE_XARRAY_FLAGS(name, flags) \
	struct xarray name = XARRAY_INIT(name, flags)
#define DEFINE_XARRAY(name) DEFINE_XARRAY_FLAGS(name, 0)
/* xa_alloc() hands out ids from 0 ... */
#define DEFINE_XARRAY_ALLOC(name) DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC)
/* ... or from 1 */
#define DEFINE_XARRAY_ALLOC1(name) DEFINE_XARRAY_FLAGS(name, XA_FLAGS_ALLOC1)

static inline void xa_init_flags(struct xarray *xa, gfp_t flags)
{
	spin_lock_init(&xa->xa_lock);
	xa->xa_flags = flags;
	xa->xa_head = NULL;
}

static inline void xa_init(struct xarray *xa)
{
	xa_init_flags(xa, 0);
}

static inline bool xa_empty(const struct xarray *xa)
{
	return READ_ONCE(xa->xa_head) == NULL;
}

static inline bool xa_marked(const struct xarray *xa, xa_mark_t mark)
{
	return READ_ONCE(xa->xa_flags) & XA_FLAGS_MARK(mark);
}

#define xa_trylock(xa) spin_trylock(&(xa)->xa_lock)
#define xa_lock(xa) spin_lock(&(xa)->xa_lock)
#define xa_unlock(xa) spin_unlock(&(xa)->xa_lock)
#define xa_lock_bh(xa) spin_lock_bh(&(xa)->xa_lock)
#define xa_unlock_bh(xa) spin_unlock_bh(&(xa)->xa_lock)
#define xa_lock_irq(xa) spin_lock_irq(&(xa)->xa_lock)
#define xa_unlock_irq(xa) spin_unlock_irq(&(xa)->xa_lock)
#define xa_lock_irqsave(xa, flags) spin_lock_irqsave(&(xa)->xa_lock, flags)
#define xa_unlock_irqrestore(xa, flags) \
	spin_unlock_irqrestore(&(xa)->xa_lock, flags)
#define xa_lock_nested(xa, subclass) spin_lock_nested(&(xa)->xa_lock, subclass)
#define xa_lock_bh_nested(xa, subclass) spin_lock_bh(&(xa)->xa_lock)
#define xa_lock_irq_nested(xa, subclass) spin_lock_irq(&(xa)->xa_lock)
#define xa_lock_irqsave_nested(xa, flags, subclass) \
	spin_lock_irqsave_nested(&(xa)->xa_lock, flags, subclass)

/*
 * The normal API.  Stores return the entry that was there (NULL for a
 * reserved index) or an xa_err() entry: -EINVAL for an entry only the
 * advanced API may store, -ENOMEM.
 */
void *xa_load(struct xarray *xa, unsigned long index);
void *xa_store(struct xarray *xa, unsigned long index, void *entry, gfp_t gfp);
void *xa_erase(struct xarray *xa, unsigned long index);
bool xa_get_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
/* Marks only stick to present entries. */
void xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
/*
 * The first entry at an index in [*@index, @max] (xa_find_after: in
 * (*@index, @max]) that is present (@filter XA_PRESENT) or carries the
 * mark @filter; stores its index in *@index.  Reserved indices are
 * skipped.  NULL when there is none.
 */
void *xa_find(struct xarray *xa, unsigned long *index, unsigned long max,
	      xa_mark_t filter);
void *xa_find_after(struct xarray *xa, unsigned long *index, unsigned long max,
		    xa_mark_t filter);
/* Copies up to @n entries of [@start, @max] to @dst; returns how many. */
unsigned int xa_extract(struct xarray *xa, void **dst, unsigned long start,
			unsigned long max, unsigned int n, xa_mark_t filter);
/* Frees every node; the entries themselves are the caller's. */
void xa_destroy(struct xarray *xa);

#define xa_for_each_range(xa, index, entry, start, last)           \
	for ((index) = (start),                                    \
	    (entry) = xa_find((xa), &(index), (last), XA_PRESENT); \
	     (entry);                                              \
	     (entry) = xa_find_after((xa), &(index), (last), XA_PRESENT))
#define xa_for_each_start(xa, index, entry, start) \
	xa_for_each_range(xa, index, entry, start, ULONG_MAX)
#define xa_for_each(xa, index, entry) xa_for_each_start(xa, index, entry, 0)
#define xa_for_each_marked(xa, index, entry, filter)                \
	for ((index) = 0,                                           \
	    (entry) = xa_find((xa), &(index), ULONG_MAX, (filter)); \
	     (entry);                                               \
	     (entry) = xa_find_after((xa), &(index), ULONG_MAX, (filter)))

/* Under xa_lock. */
void *__xa_erase(struct xarray *xa, unsigned long index);
void *__xa_store(struct xarray *xa, unsigned long index, void *entry,
		 gfp_t gfp);
void *__xa_cmpxchg(struct xarray *xa, unsigned long index, void *old,
		   void *entry, gfp_t gfp);
/* 0, -EBUSY when the index is occupied (or reserved), -ENOMEM. */
int __must_check __xa_insert(struct xarray *xa, unsigned long index,
			     void *entry, gfp_t gfp);
/*
 * The lowest free index in @limit (from 1 for XA_FLAGS_ALLOC1) now holds
 * @entry (NULL reserves it); stored in *@id.  0, -EBUSY when the range is
 * full, -ENOMEM, or -EINVAL for an array without XA_FLAGS_ALLOC.
 */
int __must_check __xa_alloc(struct xarray *xa, u32 *id, void *entry,
			    struct xa_limit limit, gfp_t gfp);
/* Searching from *@next and wrapping: 1 when it wrapped. */
int __must_check __xa_alloc_cyclic(struct xarray *xa, u32 *id, void *entry,
				   struct xa_limit limit, u32 *next, gfp_t gfp);
void __xa_set_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);
void __xa_clear_mark(struct xarray *xa, unsigned long index, xa_mark_t mark);

/*
 * The locking forms: xa_cmpxchg, xa_insert, xa_alloc, xa_alloc_cyclic and
 * xa_reserve take xa_lock plain, and with _bh and _irq the variants of
 * those names; xa_store and xa_erase have _bh and _irq forms.
 * __KSTUB_XA_LOCKED runs @call under the function's own @xa's lock.
 */
#define __KSTUB_XA_LOCKED(sfx, call) \
	({                           \
		typeof(call) __r;    \
		xa_lock##sfx(xa);    \
		__r = (call);        \
		xa_unlock##sfx(xa);  \
		__r;                 \
	})

#define __KSTUB_XA_FORMS(sfx)                                                  \
	static inline void *xa_cmpxchg##sfx(struct xarray *xa,                 \
					    unsigned long index, void *old,    \
					    void *entry, gfp_t gfp)            \
	{                                                                      \
		might_alloc(gfp);                                              \
		return __KSTUB_XA_LOCKED(                                      \
			sfx, __xa_cmpxchg(xa, index, old, entry, gfp));        \
	}                                                                      \
	static inline int __must_check xa_insert##sfx(struct xarray *xa,       \
						      unsigned long index,     \
						      void *entry, gfp_t gfp)  \
	{                                                                      \
		might_alloc(gfp);                                              \
		return __KSTUB_XA_LOCKED(sfx,                                  \
					 __xa_insert(xa, index, entry, gfp));  \
	}                                                                      \
	static inline int __must_check xa_alloc##sfx(                          \
		struct xarray *xa, u32 *id, void *entry,                       \
		struct xa_limit limit, gfp_t gfp)                              \
	{                                                                      \
		might_alloc(gfp);                                              \
		return __KSTUB_XA_LOCKED(                                      \
			sfx, __xa_alloc(xa, id, entry, limit, gfp));           \
	}                                                                      \
	static inline int xa_alloc_cyclic##sfx(                                \
		struct xarray *xa, u32 *id, void *entry,                       \
		struct xa_limit limit, u32 *next, gfp_t gfp)                   \
	{                                                                      \
		might_alloc(gfp);                                              \
		return __KSTUB_XA_LOCKED(                                      \
			sfx,                                                   \
			__xa_alloc_cyclic(xa, id, entry, limit, next, gfp));   \
	}                                                                      \
	/* Reserve @index (it loads as NULL): 0, also when occupied. */        \
	static inline int __must_check xa_reserve##sfx(                        \
		struct xarray *xa, unsigned long index, gfp_t gfp)             \
	{                                                                      \
		return xa_err(                                                 \
			xa_cmpxchg##sfx(xa, index, NULL, XA_ZERO_ENTRY, gfp)); \
	}

#define __KSTUB_XA_STORE_ERASE(sfx)                                          \
	static inline void *xa_store##sfx(struct xarray *xa,                 \
					  unsigned long index, void *entry,  \
					  gfp_t gfp)                         \
	{                                                                    \
		might_alloc(gfp);                                            \
		return __KSTUB_XA_LOCKED(sfx,                                \
					 __xa_store(xa, index, entry, gfp)); \
	}                                                                    \
	static inline void *xa_erase##sfx(struct xarray *xa,                 \
					  unsigned long index)               \
	{                                                                    \
		return __KSTUB_XA_LOCKED(sfx, __xa_erase(xa, index));        \
	}

__KSTUB_XA_FORMS()
__KSTUB_XA_FORMS(_bh)
__KSTUB_XA_FORMS(_irq)
__KSTUB_XA_STORE_ERASE(_bh)
__KSTUB_XA_STORE_ERASE(_irq)

/* Undo xa_reserve(); an entry stored since is left alone. */
static inline void xa_release(struct xarray *xa, unsigned long index)
{
	xa_cmpxchg(xa, index, XA_ZERO_ENTRY, NULL, 0);
}

/* The advanced API. */
#define XA_CHUNK_SHIFT 6
#define XA_CHUNK_SIZE (1UL << XA_CHUNK_SHIFT)
#define XA_CHUNK_MASK (XA_CHUNK_SIZE - 1)

/* kstub's node: private to kstub/xarray.c. */
struct xa_node;
typedef void (*xa_update_node_t)(struct xa_node *node);

/*
 * Where an advanced operation is: the index, and in xa_node the walk's
 * state: XAS_RESTART (not walked yet), XAS_BOUNDS (past the last entry),
 * XA_ERROR(errno), or where the last walk ended (never dereference it).
 */
struct xa_state {
	struct xarray *xa;
	unsigned long xa_index;
	unsigned char xa_shift;
	unsigned char xa_sibs;
	unsigned char xa_offset;
	unsigned char xa_pad;
	struct xa_node *xa_node;
	/* nodes xas_nomem() allocated, for the next xas_store() */
	struct xa_node *xa_alloc;
	xa_update_node_t xa_update;
	struct list_lru *xa_lru;
};

#define XA_ERROR(errno) \
	((struct xa_node *)(((unsigned long)(errno) << 2) | 2UL))
#define XAS_BOUNDS ((struct xa_node *)1UL)
#define XAS_RESTART ((struct xa_node *)3UL)

#define __XA_STATE(array, index, shift, sibs)                                \
	{                                                                    \
		.xa = (array), .xa_index = (index), .xa_shift = (shift),     \
		.xa_sibs = (sibs), .xa_offset = 0, .xa_pad = 0,              \
		.xa_node = XAS_RESTART, .xa_alloc = NULL, .xa_update = NULL, \
		.xa_lru = NULL                                               \
	}
#define XA_STATE(name, array, index) \
	struct xa_state name = __XA_STATE(array, index, 0, 0)

#define xas_marked(xas, mark) xa_marked((xas)->xa, (mark))
#define xas_trylock(xas) xa_trylock((xas)->xa)
#define xas_lock(xas) xa_lock((xas)->xa)
#define xas_unlock(xas) xa_unlock((xas)->xa)
#define xas_lock_bh(xas) xa_lock_bh((xas)->xa)
#define xas_unlock_bh(xas) xa_unlock_bh((xas)->xa)
#define xas_lock_irq(xas) xa_lock_irq((xas)->xa)
#define xas_unlock_irq(xas) xa_unlock_irq((xas)->xa)
#define xas_lock_irqsave(xas, flags) xa_lock_irqsave((xas)->xa, flags)
#define xas_unlock_irqrestore(xas, flags) xa_unlock_irqrestore((xas)->xa, flags)

static inline int xas_error(const struct xa_state *xas)
{
	return xa_err(xas->xa_node);
}

/* Later operations on @xas do nothing until xas_set() or xas_nomem(). */
static inline void xas_set_err(struct xa_state *xas, long err)
{
	xas->xa_node = XA_ERROR(err);
}

static inline bool xas_invalid(const struct xa_state *xas)
{
	return (unsigned long)xas->xa_node & 3;
}

static inline bool xas_valid(const struct xa_state *xas)
{
	return !xas_invalid(xas);
}

static inline bool xas_is_node(const struct xa_state *xas)
{
	return xas_valid(xas) && xas->xa_node;
}

static inline void xas_reset(struct xa_state *xas)
{
	xas->xa_node = XAS_RESTART;
}

/* True for entries a loop skips: reserved ones (and retry entries). */
static inline bool xas_retry(struct xa_state *xas, const void *entry)
{
	if (xa_is_zero(entry))
		return true;
	if (!xa_is_retry(entry))
		return false;
	xas_reset(xas);
	return true;
}

static inline void xas_set(struct xa_state *xas, unsigned long index)
{
	xas->xa_index = index;
	xas->xa_node = XAS_RESTART;
}

static inline void xas_set_update(struct xa_state *xas, xa_update_node_t update)
{
	xas->xa_update = update;
}

static inline void xas_set_lru(struct xa_state *xas, struct list_lru *lru)
{
	xas->xa_lru = lru;
}

/* The entry at the index, raw: reserved entries are XA_ZERO_ENTRY. */
void *xas_load(struct xa_state *xas);
/*
 * Under xa_lock: store @entry at the index (NULL erases it and its marks)
 * and return what was there.  On allocation failure the xa_state holds
 * -ENOMEM and nothing changed: see xas_nomem().
 */
void *xas_store(struct xa_state *xas, void *entry);
/*
 * The next present entry up to @max: at the index if @xas was not walked
 * yet, else after it.  XAS_BOUNDS and NULL when there is none.
 */
void *xas_find(struct xa_state *xas, unsigned long max);
void *xas_find_marked(struct xa_state *xas, unsigned long max, xa_mark_t mark);
bool xas_get_mark(const struct xa_state *xas, xa_mark_t mark);
void xas_set_mark(const struct xa_state *xas, xa_mark_t mark);
void xas_clear_mark(const struct xa_state *xas, xa_mark_t mark);
void xas_init_marks(const struct xa_state *xas);
/*
 * After an xas_store() that failed with -ENOMEM, outside the lock: a node
 * is allocated with @gfp and true returned to retry.  Otherwise (no
 * error, another error, or the allocation failed) frees what it kept and
 * returns false.
 */
bool xas_nomem(struct xa_state *xas, gfp_t gfp);
void xas_destroy(struct xa_state *xas);
/* Before dropping the lock in a loop: the next xas_find() goes on after. */
void xas_pause(struct xa_state *xas);
void *__xas_next(struct xa_state *xas);
void *__xas_prev(struct xa_state *xas);

static inline void *xas_reload(struct xa_state *xas)
{
	return xas_load(xas);
}

static inline void *xas_next_entry(struct xa_state *xas, unsigned long max)
{
	return xas_find(xas, max);
}

static inline void *xas_next_marked(struct xa_state *xas, unsigned long max,
				    xa_mark_t mark)
{
	return xas_find_marked(xas, max, mark);
}

/* The entry at the next (previous) index, present or not. */
static inline void *xas_next(struct xa_state *xas)
{
	return __xas_next(xas);
}

static inline void *xas_prev(struct xa_state *xas)
{
	return __xas_prev(xas);
}

#define xas_for_each(xas, entry, max)                   \
	for ((entry) = xas_find((xas), (max)); (entry); \
	     (entry) = xas_next_entry((xas), (max)))
#define xas_for_each_marked(xas, entry, max, mark)                     \
	for ((entry) = xas_find_marked((xas), (max), (mark)); (entry); \
	     (entry) = xas_next_marked((xas), (max), (mark)))

#endif
