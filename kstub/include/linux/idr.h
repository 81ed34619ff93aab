/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * IDR: small integer ids mapped to pointers.  IDA: ids without pointers.
 *
 * Concurrency contract, as the kernel's:
 *  - idr_alloc*, idr_remove, idr_replace and idr_destroy need the caller's
 *    own lock (one updater at a time per idr).
 *  - idr_find, idr_get_next and idr_for_each* may run under
 *    rcu_read_lock() concurrently with those updates: an entry is
 *    published with release semantics, and the internal table an update
 *    replaces is freed after a grace period.  The objects the entries
 *    point to are the caller's to protect.
 *  - the ida_* functions take an internal lock; call them from anywhere
 *    that may allocate with the given gfp.
 *
 * idr_alloc and ida_alloc* are fault sites of class "idr": the hook may
 * make them fail with -ENOMEM.  Their internal tables are kvzalloc'ed with
 * the caller's gfp (a second site).  kstub stores ids in one flat table,
 * so memory grows with the highest id in use; ids up to 2^22 above the
 * base are supported, higher requests fail with -ENOMEM.  When the last
 * id is removed the table is freed, so an emptied idr or ida holds no
 * memory (and shows no leak).
 */
#ifndef _KSTUB_LINUX_IDR_H
#define _KSTUB_LINUX_IDR_H

#include <linux/types.h>
#include <linux/gfp.h>
#include <linux/compiler_types.h>

struct kstub_idr_table;

struct idr {
	struct kstub_idr_table __rcu *idr_table;
	unsigned int idr_base;
	unsigned int idr_next;
	unsigned int idr_count;
};

#define IDR_INIT_BASE(name, base)                                     \
	{                                                             \
		.idr_table = NULL, .idr_base = (base), .idr_next = 0, \
		.idr_count = 0                                        \
	}
#define IDR_INIT(name) IDR_INIT_BASE(name, 0)
#define DEFINE_IDR(name) struct idr name = IDR_INIT(name)

void idr_init_base(struct idr *idr, int base);
static inline void idr_init(struct idr *idr)
{
	idr_init_base(idr, 0);
}

/* Preloading is not needed: allocations use the gfp of the call. */
static inline void idr_preload(gfp_t gfp_mask)
{
}

static inline void idr_preload_end(void)
{
}

/*
 * The lowest free id in [@start, @end) (@end <= 0: up to INT_MAX) now
 * maps to @ptr (NULL reserves the id).  Returns it, -ENOSPC when the
 * range is full, -ENOMEM, or -EINVAL for a negative @start.
 */
int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
/* As idr_alloc, searching from after the id allocated last. */
int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp);
/* Stores the id at or after *@nextid, at most @max, in *@nextid. */
int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max,
		  gfp_t gfp);
/* Returns the pointer that was there, or NULL when @id was not in use. */
void *idr_remove(struct idr *idr, unsigned long id);
void *idr_find(const struct idr *idr, unsigned long id);
/* Returns the old pointer, or ERR_PTR(-ENOENT) when @id is not in use. */
void *idr_replace(struct idr *idr, void *ptr, unsigned long id);
/* Calls @fn for each non-NULL entry in id order; stops at non-zero. */
int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data),
		 void *data);
/* The first non-NULL entry at or after *@nextid; sets *@nextid to it. */
void *idr_get_next(struct idr *idr, int *nextid);
void *idr_get_next_ul(struct idr *idr, unsigned long *nextid);
bool idr_is_empty(const struct idr *idr);
/* Frees the table; the ids and entries are gone.  Pointers not freed. */
void idr_destroy(struct idr *idr);

#define idr_for_each_entry(idr, entry, id)                             \
	for ((id) = 0; ((entry) = idr_get_next((idr), &(id))) != NULL; \
	     (id) += 1U)
#define idr_for_each_entry_ul(idr, entry, tmp, id)              \
	for ((tmp) = 0, (id) = 0;                               \
	     ((entry) = idr_get_next_ul((idr), &(id))) != NULL; \
	     (tmp) = (id), (id) += 1U)
#define idr_for_each_entry_continue(idr, entry, id)         \
	for ((entry) = idr_get_next((idr), &(id)); (entry); \
	     (id) += 1U, (entry) = idr_get_next((idr), &(id)))

struct ida {
	unsigned long *ida_bits;
	unsigned int ida_nbits;
	unsigned int ida_count;
};

#define IDA_INIT(name)                                           \
	{                                                        \
		.ida_bits = NULL, .ida_nbits = 0, .ida_count = 0 \
	}
#define DEFINE_IDA(name) struct ida name = IDA_INIT(name)

static inline void ida_init(struct ida *ida)
{
	*ida = (struct ida)IDA_INIT(ida);
}

/*
 * The lowest free id in [@min, @max] (a @max above INT_MAX means INT_MAX).
 * Returns it, -ENOSPC or -ENOMEM.
 */
int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp);
/* Freeing an id that is not allocated WARNs, as the kernel does. */
void ida_free(struct ida *ida, unsigned int id);
void ida_destroy(struct ida *ida);
bool ida_is_empty(const struct ida *ida);

static inline int ida_alloc(struct ida *ida, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, ~0U, gfp);
}

static inline int ida_alloc_min(struct ida *ida, unsigned int min, gfp_t gfp)
{
	return ida_alloc_range(ida, min, ~0U, gfp);
}

static inline int ida_alloc_max(struct ida *ida, unsigned int max, gfp_t gfp)
{
	return ida_alloc_range(ida, 0, max, gfp);
}

#define ida_simple_get(ida, start, end, gfp) \
	ida_alloc_range((ida), (start), (end) ? (end)-1 : ~0U, (gfp))
#define ida_simple_remove(ida, id) ida_free((ida), (id))

#endif
