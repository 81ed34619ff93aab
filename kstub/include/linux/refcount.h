/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * refcount_t: a reference count that saturates instead of wrapping.
 *
 * As the kernel's: incrementing from 0 (the object may already be freed),
 * overflowing, underflowing and decrementing to 0 with refcount_dec() each
 * WARN once per kind ("refcount_t: addition on 0; use-after-free." ...,
 * a KSTUB_REPORT_refcount report) and pin the count at REFCOUNT_SATURATED,
 * where it stays: the object leaks rather than being freed twice.
 * refcount_dec_and_test() is a release, and an acquire when it returns
 * true; refcount_inc_not_zero() orders nothing on failure.  Every get and
 * put is a hook site (refcount_get, refcount_put).
 */
#ifndef _KSTUB_LINUX_REFCOUNT_H
#define _KSTUB_LINUX_REFCOUNT_H

#include <linux/types.h>
#include <linux/limits.h>
#include <linux/atomic.h>
#include <linux/compiler.h>

struct mutex;
struct spinlock;

typedef struct refcount_struct {
	atomic_t refs;
} refcount_t;

#define REFCOUNT_INIT(n)               \
	{                              \
		.refs = ATOMIC_INIT(n) \
	}
#define REFCOUNT_MAX INT_MAX
#define REFCOUNT_SATURATED (INT_MIN / 2)

enum refcount_saturation_type {
	REFCOUNT_ADD_NOT_ZERO_OVF,
	REFCOUNT_ADD_OVF,
	REFCOUNT_ADD_UAF,
	REFCOUNT_SUB_UAF,
	REFCOUNT_DEC_LEAK,
};

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t);

static inline void refcount_set(refcount_t *r, int n)
{
	atomic_set(&r->refs, n);
}

static inline unsigned int refcount_read(const refcount_t *r)
{
	return atomic_read(&r->refs);
}

bool __must_check refcount_add_not_zero(int i, refcount_t *r);
bool __must_check refcount_inc_not_zero(refcount_t *r);
void refcount_add(int i, refcount_t *r);
void refcount_inc(refcount_t *r);
bool __must_check refcount_sub_and_test(int i, refcount_t *r);
bool __must_check refcount_dec_and_test(refcount_t *r);
void refcount_dec(refcount_t *r);
bool __must_check refcount_dec_if_one(refcount_t *r);
bool __must_check refcount_dec_not_one(refcount_t *r);
/* Takes @lock only when the count drops to 0, and returns true holding it. */
bool __must_check refcount_dec_and_mutex_lock(refcount_t *r,
					      struct mutex *lock);
bool __must_check refcount_dec_and_lock(refcount_t *r, struct spinlock *lock);

#endif
