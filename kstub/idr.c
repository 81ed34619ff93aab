// SPDX-License-Identifier: GPL-2.0-only
/*
 * IDR and IDA over one flat table per idr; see <linux/idr.h> for the
 * contract.  Readers see a table through rcu_dereference and the entries
 * through acquire loads; an update that needs a bigger table copies the
 * old one, publishes the copy and frees the old one after a grace period.
 */
#include "config.h"

#include <pthread.h>
#include <string.h>
#include <linux/err.h>
#include <linux/idr.h>
#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "internal.h"

/* Ids per idr (and bits per ida) kstub will allocate memory for. */
#define KSTUB_IDR_MAX_SLOTS (1U << 22)
#define KSTUB_IDR_MIN_SLOTS 64U

struct kstub_idr_table {
	struct rcu_head rcu;
	unsigned int size; /* slots; a multiple of BITS_PER_LONG */
	unsigned long *used; /* ids allocated, even with a NULL entry */
	void *slots[];
};

void idr_init_base(struct idr *idr, int base)
{
	*idr = (struct idr)IDR_INIT_BASE(idr, base);
}

/* Slots to cover @index: a power of two, so growth is amortized. */
static unsigned int kstub_idr_slots_for(unsigned int index)
{
	unsigned int size = KSTUB_IDR_MIN_SLOTS;

	while (size <= index)
		size *= 2;
	return size;
}

static struct kstub_idr_table *kstub_idr_table(const struct idr *idr)
{
	return rcu_dereference_raw(((struct idr *)idr)->idr_table);
}

static void *kstub_idr_slot(const struct kstub_idr_table *t, unsigned int index)
{
	return __atomic_load_n(&t->slots[index], __ATOMIC_ACQUIRE);
}

static void kstub_idr_set_slot(struct kstub_idr_table *t, unsigned int index,
			       void *ptr)
{
	__atomic_store_n(&t->slots[index], ptr, __ATOMIC_RELEASE);
}

static bool kstub_idr_used(const struct kstub_idr_table *t, unsigned int index)
{
	return t && index < t->size &&
	       (t->used[index / BITS_PER_LONG] >> (index % BITS_PER_LONG)) & 1;
}

/*
 * Replaces the table by one of @size slots holding the same entries.
 * Readers may still walk the old table: it is freed after a grace period.
 */
static int kstub_idr_grow(struct idr *idr, unsigned int size, gfp_t gfp)
{
	struct kstub_idr_table *old = idr->idr_table, *new;
	size_t bitmap = BITS_TO_LONGS(size) * sizeof(unsigned long);

	new = kvzalloc(sizeof(*new) + size * sizeof(void *) + bitmap, gfp);
	if (!new)
		return -ENOMEM;
	new->size = size;
	new->used = (unsigned long *)&new->slots[size];
	if (old) {
		memcpy(new->slots, old->slots, old->size * sizeof(void *));
		memcpy(new->used, old->used,
		       BITS_TO_LONGS(old->size) * sizeof(unsigned long));
	}
	rcu_assign_pointer(idr->idr_table, new);
	if (old)
		kvfree_rcu(old, rcu);
	return 0;
}

/* The first unused index in [@from, @to] of @t, or -1. */
static long kstub_idr_find_free(const struct kstub_idr_table *t,
				unsigned long from, unsigned long to)
{
	unsigned long i;

	if (!t)
		return from;
	for (i = from; i <= to && i < t->size; i++) {
		unsigned long word = t->used[i / BITS_PER_LONG];

		if (word == ~0UL && i % BITS_PER_LONG == 0) {
			i += BITS_PER_LONG - 1;
			continue;
		}
		if (!((word >> (i % BITS_PER_LONG)) & 1))
			return i;
	}
	return i <= to ? (long)i : -1;
}

/* Allocates an index in [@from, @to] (relative to the base). */
static long kstub_idr_get_free(struct idr *idr, unsigned long from,
			       unsigned long to, gfp_t gfp)
{
	struct kstub_idr_table *t = idr->idr_table;
	long index = kstub_idr_find_free(t, from, to);
	int ret;

	if (index < 0)
		return -ENOSPC;
	if (!t || index >= t->size) {
		if (index >= KSTUB_IDR_MAX_SLOTS) {
			pr_warn_once(
				"kstub: idr ids above %u are not supported\n",
				KSTUB_IDR_MAX_SLOTS);
			return -ENOMEM;
		}
		ret = kstub_idr_grow(idr, kstub_idr_slots_for(index), gfp);
		if (ret)
			return ret;
	}
	return index;
}

static void kstub_idr_use(struct idr *idr, unsigned long index, void *ptr)
{
	struct kstub_idr_table *t = idr->idr_table;

	t->used[index / BITS_PER_LONG] |= 1UL << (index % BITS_PER_LONG);
	kstub_idr_set_slot(t, index, ptr);
	WRITE_ONCE(idr->idr_count, idr->idr_count + 1);
}

static int kstub_idr_alloc_range(struct idr *idr, void *ptr,
				 unsigned long start, unsigned long max,
				 gfp_t gfp, const void *caller)
{
	unsigned long base = idr->idr_base;
	long index;

	start = start < base ? 0 : start - base;
	if (max < base || start > max - base)
		return -ENOSPC;
	/* a NULL @caller: the caller has reported the site already */
	if (caller && kstub_site(KSTUB_SITE_idr, caller, idr, 0, gfp))
		return -ENOMEM;
	index = kstub_idr_get_free(idr, start, max - base, gfp);
	if (index < 0)
		return index;
	kstub_idr_use(idr, index, ptr);
	return index + base;
}

int kstub_idr_alloc_caller(struct idr *idr, void *ptr, int start, int end,
			   gfp_t gfp, const void *caller)
{
	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	return kstub_idr_alloc_range(
		idr, ptr, start, end > 0 ? end - 1UL : INT_MAX, gfp, caller);
}

int idr_alloc(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	return kstub_idr_alloc_caller(idr, ptr, start, end, gfp,
				      KSTUB_CALLER());
}

int idr_alloc_u32(struct idr *idr, void *ptr, u32 *nextid, unsigned long max,
		  gfp_t gfp)
{
	int id = kstub_idr_alloc_range(idr, ptr, *nextid, min(max, INT_MAX),
				       gfp, KSTUB_CALLER());

	if (id < 0)
		return id;
	*nextid = id;
	return 0;
}

int idr_alloc_cyclic(struct idr *idr, void *ptr, int start, int end, gfp_t gfp)
{
	const void *caller = KSTUB_CALLER();
	unsigned long max = end > 0 ? end - 1UL : INT_MAX;
	unsigned long from = max_t(unsigned long, idr->idr_next, start);
	int id;

	if (WARN_ON_ONCE(start < 0))
		return -EINVAL;
	if (kstub_site(KSTUB_SITE_idr, caller, idr, 0, gfp))
		return -ENOMEM;
	id = kstub_idr_alloc_range(idr, ptr, from, max, gfp, NULL);
	if (id == -ENOSPC && from > (unsigned long)start)
		id = kstub_idr_alloc_range(idr, ptr, start, from - 1, gfp,
					   NULL);
	if (id >= 0)
		idr->idr_next = id + 1U;
	return id;
}

void *idr_find(const struct idr *idr, unsigned long id)
{
	struct kstub_idr_table *t = kstub_idr_table(idr);

	if (!t || id < idr->idr_base || id - idr->idr_base >= t->size)
		return NULL;
	return kstub_idr_slot(t, id - idr->idr_base);
}

void *idr_remove(struct idr *idr, unsigned long id)
{
	struct kstub_idr_table *t = idr->idr_table;
	unsigned long index = id - idr->idr_base;
	void *old;

	if (id < idr->idr_base || !kstub_idr_used(t, index))
		return NULL;
	old = t->slots[index];
	kstub_idr_set_slot(t, index, NULL);
	t->used[index / BITS_PER_LONG] &= ~(1UL << (index % BITS_PER_LONG));
	WRITE_ONCE(idr->idr_count, idr->idr_count - 1);
	if (idr->idr_count == 0)
		idr_destroy(idr);
	return old;
}

void *idr_replace(struct idr *idr, void *ptr, unsigned long id)
{
	struct kstub_idr_table *t = idr->idr_table;
	unsigned long index = id - idr->idr_base;
	void *old;

	if (id < idr->idr_base || !kstub_idr_used(t, index))
		return ERR_PTR(-ENOENT);
	old = t->slots[index];
	kstub_idr_set_slot(t, index, ptr);
	return old;
}

void *idr_get_next_ul(struct idr *idr, unsigned long *nextid)
{
	struct kstub_idr_table *t = kstub_idr_table(idr);
	unsigned long base = idr->idr_base;
	unsigned long index = *nextid < base ? 0 : *nextid - base;
	void *entry;

	for (; t && index < t->size; index++) {
		entry = kstub_idr_slot(t, index);
		if (entry) {
			*nextid = index + base;
			return entry;
		}
	}
	return NULL;
}

void *idr_get_next(struct idr *idr, int *nextid)
{
	unsigned long id = *nextid;
	void *entry = idr_get_next_ul(idr, &id);

	if (!entry || WARN_ON_ONCE(id > INT_MAX))
		return NULL;
	*nextid = id;
	return entry;
}

int idr_for_each(const struct idr *idr, int (*fn)(int id, void *p, void *data),
		 void *data)
{
	unsigned long id = 0;
	void *entry;
	int ret;

	while ((entry = idr_get_next_ul((struct idr *)idr, &id))) {
		ret = fn(id, entry, data);
		if (ret)
			return ret;
		id++;
	}
	return 0;
}

bool idr_is_empty(const struct idr *idr)
{
	return READ_ONCE(idr->idr_count) == 0;
}

void idr_destroy(struct idr *idr)
{
	struct kstub_idr_table *t = idr->idr_table;

	RCU_INIT_POINTER(idr->idr_table, NULL);
	WRITE_ONCE(idr->idr_count, 0);
	if (t)
		kvfree_rcu(t, rcu);
}

/*
 * IDA: a bitmap per ida, all under one lock (allocations are rare and
 * short).  The bitmap is freed when the last id goes.
 */
static pthread_mutex_t kstub_ida_lock = PTHREAD_MUTEX_INITIALIZER;

static bool kstub_ida_test(const struct ida *ida, unsigned int id)
{
	return id < ida->ida_nbits &&
	       (ida->ida_bits[id / BITS_PER_LONG] >> (id % BITS_PER_LONG)) & 1;
}

static int kstub_ida_grow(struct ida *ida, unsigned int need, gfp_t gfp)
{
	unsigned int nbits = kstub_idr_slots_for(need);
	unsigned long *bits;

	if (need >= KSTUB_IDR_MAX_SLOTS) {
		pr_warn_once("kstub: ida ids above %u are not supported\n",
			     KSTUB_IDR_MAX_SLOTS);
		return -ENOMEM;
	}
	bits = kvzalloc(BITS_TO_LONGS(nbits) * sizeof(long), gfp);
	if (!bits)
		return -ENOMEM;
	if (ida->ida_bits)
		memcpy(bits, ida->ida_bits,
		       BITS_TO_LONGS(ida->ida_nbits) * sizeof(long));
	kvfree(ida->ida_bits);
	ida->ida_bits = bits;
	ida->ida_nbits = nbits;
	return 0;
}

int ida_alloc_range(struct ida *ida, unsigned int min, unsigned int max,
		    gfp_t gfp)
{
	unsigned int id;
	int ret;

	if ((int)min < 0)
		return -ENOSPC;
	if ((int)max < 0)
		max = INT_MAX;
	if (min > max)
		return -ENOSPC;
	if (kstub_site(KSTUB_SITE_idr, KSTUB_CALLER(), ida, 0, gfp))
		return -ENOMEM;

	kstub_own_lock(&kstub_ida_lock);
	for (id = min; id <= max && kstub_ida_test(ida, id); id++)
		;
	if (id > max) {
		ret = -ENOSPC;
		goto out_unlock;
	}
	if (id >= ida->ida_nbits) {
		ret = kstub_ida_grow(ida, id, gfp);
		if (ret)
			goto out_unlock;
	}
	ida->ida_bits[id / BITS_PER_LONG] |= 1UL << (id % BITS_PER_LONG);
	ida->ida_count++;
	ret = id;
out_unlock:
	kstub_own_unlock(&kstub_ida_lock);
	return ret;
}

void ida_free(struct ida *ida, unsigned int id)
{
	const void *caller = KSTUB_CALLER();
	bool allocated;

	if ((int)id < 0) {
		kstub_report(KSTUB_REPORT_bug, caller,
			     "ida_free: BUG_ON((int)id < 0), id=%u", id);
		return;
	}
	kstub_own_lock(&kstub_ida_lock);
	allocated = kstub_ida_test(ida, id);
	if (allocated) {
		ida->ida_bits[id / BITS_PER_LONG] &=
			~(1UL << (id % BITS_PER_LONG));
		if (--ida->ida_count == 0) {
			kvfree(ida->ida_bits);
			ida->ida_bits = NULL;
			ida->ida_nbits = 0;
		}
	}
	kstub_own_unlock(&kstub_ida_lock);
	if (!allocated)
		kstub_report(
			KSTUB_REPORT_warn, caller,
			"ida_free called for id=%d which is not allocated.",
			(int)id);
}

void ida_destroy(struct ida *ida)
{
	kstub_own_lock(&kstub_ida_lock);
	kvfree(ida->ida_bits);
	ida->ida_bits = NULL;
	ida->ida_nbits = 0;
	ida->ida_count = 0;
	kstub_own_unlock(&kstub_ida_lock);
}

bool ida_is_empty(const struct ida *ida)
{
	bool empty;

	kstub_own_lock(&kstub_ida_lock);
	empty = ida->ida_count == 0;
	kstub_own_unlock(&kstub_ida_lock);
	return empty;
}
