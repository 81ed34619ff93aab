// SPDX-License-Identifier: GPL-2.0-only
/*
 * refcount_t with the kernel's saturation semantics; see
 * <linux/refcount.h>.  The checks are done on the value the atomic
 * operation returned, never on a separate read, so concurrent misuse is
 * caught exactly once.
 */
#include "config.h"

#include "internal.h"
#include <linux/kernel.h>
#include <linux/refcount.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <kstub/report.h>

static const char *const kstub_refcount_msg[] = {
	[REFCOUNT_ADD_NOT_ZERO_OVF] = "saturated; leaking memory",
	[REFCOUNT_ADD_OVF] = "saturated; leaking memory",
	[REFCOUNT_ADD_UAF] = "addition on 0; use-after-free",
	[REFCOUNT_SUB_UAF] = "underflow; use-after-free",
	[REFCOUNT_DEC_LEAK] = "decrement hit 0; leaking memory",
};

static bool kstub_refcount_warned[ARRAY_SIZE(kstub_refcount_msg)];

static void kstub_refcount_saturate(refcount_t *r,
				    enum refcount_saturation_type t,
				    const void *ip)
{
	refcount_set(r, REFCOUNT_SATURATED);
	if (__atomic_exchange_n(&kstub_refcount_warned[t], true,
				__ATOMIC_RELAXED))
		return;
	kstub_report(KSTUB_REPORT_refcount, ip, "%s. (refcount %p)",
		     kstub_refcount_msg[t], r);
}

void refcount_warn_saturate(refcount_t *r, enum refcount_saturation_type t)
{
	kstub_refcount_saturate(r, t, KSTUB_CALLER());
}

/* @a + @b wrapping like the kernel's (built with -fno-strict-overflow). */
static int kstub_refcount_sum(int a, int b)
{
	return (int)((unsigned int)a + (unsigned int)b);
}

static bool kstub_refcount_add_not_zero(int i, refcount_t *r, const void *ip)
{
	int old = refcount_read(r);

	kstub_site(KSTUB_SITE_refcount_get, ip, r, 0, 0);
	do {
		if (!old)
			break;
	} while (!atomic_try_cmpxchg_relaxed(&r->refs, &old,
					     kstub_refcount_sum(old, i)));
	if (unlikely(old < 0 || kstub_refcount_sum(old, i) < 0))
		kstub_refcount_saturate(r, REFCOUNT_ADD_NOT_ZERO_OVF, ip);
	return old;
}

bool refcount_add_not_zero(int i, refcount_t *r)
{
	return kstub_refcount_add_not_zero(i, r, KSTUB_CALLER());
}

bool refcount_inc_not_zero(refcount_t *r)
{
	return kstub_refcount_add_not_zero(1, r, KSTUB_CALLER());
}

static void kstub_refcount_add(int i, refcount_t *r, const void *ip)
{
	int old;

	kstub_site(KSTUB_SITE_refcount_get, ip, r, 0, 0);
	old = atomic_fetch_add_relaxed(i, &r->refs);
	if (unlikely(!old))
		kstub_refcount_saturate(r, REFCOUNT_ADD_UAF, ip);
	else if (unlikely(old < 0 || kstub_refcount_sum(old, i) < 0))
		kstub_refcount_saturate(r, REFCOUNT_ADD_OVF, ip);
}

void refcount_add(int i, refcount_t *r)
{
	kstub_refcount_add(i, r, KSTUB_CALLER());
}

void refcount_inc(refcount_t *r)
{
	kstub_refcount_add(1, r, KSTUB_CALLER());
}

static bool kstub_refcount_sub_and_test(int i, refcount_t *r, const void *ip)
{
	int old;

	kstub_site(KSTUB_SITE_refcount_put, ip, r, 0, 0);
	/*
	 * The kernel's release plus an acquire fence on the last put, as one
	 * acq_rel RMW: ThreadSanitizer models RMW orders but not fences, and
	 * would see no edge from the other puts to the freeing thread.
	 */
	old = __atomic_fetch_sub(&r->refs.counter, i, __ATOMIC_ACQ_REL);
	if (old == i)
		return true;
	if (unlikely(old < 0 || kstub_refcount_sum(old, -i) < 0))
		kstub_refcount_saturate(r, REFCOUNT_SUB_UAF, ip);
	return false;
}

bool refcount_sub_and_test(int i, refcount_t *r)
{
	return kstub_refcount_sub_and_test(i, r, KSTUB_CALLER());
}

bool refcount_dec_and_test(refcount_t *r)
{
	return kstub_refcount_sub_and_test(1, r, KSTUB_CALLER());
}

void refcount_dec(refcount_t *r)
{
	const void *ip = KSTUB_CALLER();

	kstub_site(KSTUB_SITE_refcount_put, ip, r, 0, 0);
	if (unlikely(atomic_fetch_sub_release(1, &r->refs) <= 1))
		kstub_refcount_saturate(r, REFCOUNT_DEC_LEAK, ip);
}

bool refcount_dec_if_one(refcount_t *r)
{
	int val = 1;

	kstub_site(KSTUB_SITE_refcount_put, KSTUB_CALLER(), r, 0, 0);
	/* acq_rel: the caller frees on success (see above) */
	return __atomic_compare_exchange_n(&r->refs.counter, &val, 0, false,
					   __ATOMIC_ACQ_REL, __ATOMIC_RELAXED);
}

bool refcount_dec_not_one(refcount_t *r)
{
	const void *ip = KSTUB_CALLER();
	int val = refcount_read(r);

	kstub_site(KSTUB_SITE_refcount_put, ip, r, 0, 0);
	do {
		if (unlikely(val == REFCOUNT_SATURATED))
			return true;
		if (val == 1)
			return false;
		if (unlikely(val <= 0)) {
			kstub_refcount_saturate(r, REFCOUNT_SUB_UAF, ip);
			return true;
		}
	} while (!atomic_try_cmpxchg_release(&r->refs, &val, val - 1));
	return true;
}

bool refcount_dec_and_mutex_lock(refcount_t *r, struct mutex *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	mutex_lock(lock);
	if (!refcount_dec_and_test(r)) {
		mutex_unlock(lock);
		return false;
	}
	return true;
}

bool refcount_dec_and_lock(refcount_t *r, spinlock_t *lock)
{
	if (refcount_dec_not_one(r))
		return false;
	spin_lock(lock);
	if (!refcount_dec_and_test(r)) {
		spin_unlock(lock);
		return false;
	}
	return true;
}
