/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * atomic_t, atomic_long_t, atomic64_t (the types are in <linux/types.h>)
 * and cmpxchg/xchg, on the compiler's __atomic builtins, with the kernel's
 * ordering rules: plain read/set and the RMW ops that return nothing are
 * relaxed, the ones that return a value are fully ordered, and the
 * _relaxed/_acquire/_release variants say their order.  ThreadSanitizer
 * understands all of them.
 *
 * A cmpxchg that fails still returns what it read, and kernel code
 * follows that value as a pointer (lib/llist.c's llist_del_first()
 * retries with it): the kernel relies on the address dependency, which
 * C11 and ThreadSanitizer can express only as acquire.  So the failure
 * order of the fully ordered and _acquire forms is acquire.
 */
#ifndef _KSTUB_LINUX_ATOMIC_H
#define _KSTUB_LINUX_ATOMIC_H

#include <linux/types.h>
#include <linux/compiler.h>

#define ATOMIC_INIT(i) \
	{              \
		(i)    \
	}
#define ATOMIC_LONG_INIT(i) \
	{                   \
		(i)         \
	}
#define ATOMIC64_INIT(i) \
	{                \
		(i)      \
	}

/* pfx_read/set and the ordered flavours of one RMW op. */
#define __KSTUB_ATOMIC_RW(pfx, atype, t)                               \
	static inline t pfx##_read(const atype *v)                     \
	{                                                              \
		return __atomic_load_n(&v->counter, __ATOMIC_RELAXED); \
	}                                                              \
	static inline t pfx##_read_acquire(const atype *v)             \
	{                                                              \
		return __atomic_load_n(&v->counter, __ATOMIC_ACQUIRE); \
	}                                                              \
	static inline void pfx##_set(atype *v, t i)                    \
	{                                                              \
		__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);    \
	}                                                              \
	static inline void pfx##_set_release(atype *v, t i)            \
	{                                                              \
		__atomic_store_n(&v->counter, i, __ATOMIC_RELEASE);    \
	}

#define __KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, name, expr, mo, suffix) \
	static inline t pfx##_##name##suffix(t i, atype *v)              \
	{                                                                \
		return expr(&v->counter, i, mo);                         \
	}

#define __KSTUB_ATOMIC_OP(pfx, atype, t, op)                               \
	static inline void pfx##_##op(t i, atype *v)                       \
	{                                                                  \
		__atomic_fetch_##op(&v->counter, i, __ATOMIC_RELAXED);     \
	}                                                                  \
	__KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, fetch_##op,               \
				  __atomic_fetch_##op, __ATOMIC_SEQ_CST, ) \
	__KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, fetch_##op,               \
				  __atomic_fetch_##op, __ATOMIC_RELAXED,   \
				  _relaxed)                                \
	__KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, fetch_##op,               \
				  __atomic_fetch_##op, __ATOMIC_ACQUIRE,   \
				  _acquire)                                \
	__KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, fetch_##op,               \
				  __atomic_fetch_##op, __ATOMIC_RELEASE,   \
				  _release)

#define __KSTUB_ATOMIC_ARITH(pfx, atype, t, op)                              \
	__KSTUB_ATOMIC_OP(pfx, atype, t, op)                                 \
	__KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, op##_return,                \
				  __atomic_##op##_fetch, __ATOMIC_SEQ_CST, ) \
	__KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, op##_return,                \
				  __atomic_##op##_fetch, __ATOMIC_RELAXED,   \
				  _relaxed)                                  \
	__KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, op##_return,                \
				  __atomic_##op##_fetch, __ATOMIC_ACQUIRE,   \
				  _acquire)                                  \
	__KSTUB_ATOMIC_OP_ORDERED(pfx, atype, t, op##_return,                \
				  __atomic_##op##_fetch, __ATOMIC_RELEASE,   \
				  _release)

/* The failure order that goes with success order @mo (see above). */
#define __KSTUB_CMPXCHG_FAIL(mo)                              \
	((mo) == __ATOMIC_SEQ_CST || (mo) == __ATOMIC_ACQUIRE \
		 ? __ATOMIC_ACQUIRE                           \
		 : __ATOMIC_RELAXED)

#define __KSTUB_ATOMIC_CMPXCHG(pfx, atype, t, mo, suffix)                      \
	static inline t pfx##_cmpxchg##suffix(atype *v, t old, t new)          \
	{                                                                      \
		__atomic_compare_exchange_n(&v->counter, &old, new, false, mo, \
					    __KSTUB_CMPXCHG_FAIL(mo));         \
		return old;                                                    \
	}                                                                      \
	static inline bool pfx##_try_cmpxchg##suffix(atype *v, t *old, t new)  \
	{                                                                      \
		return __atomic_compare_exchange_n(&v->counter, old, new,      \
						   false, mo,                  \
						   __KSTUB_CMPXCHG_FAIL(mo));  \
	}                                                                      \
	static inline t pfx##_xchg##suffix(atype *v, t new)                    \
	{                                                                      \
		return __atomic_exchange_n(&v->counter, new, mo);              \
	}

#define __KSTUB_ATOMIC_DERIVED(pfx, atype, t)                              \
	static inline void pfx##_inc(atype *v)                             \
	{                                                                  \
		pfx##_add(1, v);                                           \
	}                                                                  \
	static inline void pfx##_dec(atype *v)                             \
	{                                                                  \
		pfx##_sub(1, v);                                           \
	}                                                                  \
	static inline t pfx##_inc_return(atype *v)                         \
	{                                                                  \
		return pfx##_add_return(1, v);                             \
	}                                                                  \
	static inline t pfx##_dec_return(atype *v)                         \
	{                                                                  \
		return pfx##_sub_return(1, v);                             \
	}                                                                  \
	static inline t pfx##_inc_return_relaxed(atype *v)                 \
	{                                                                  \
		return pfx##_add_return_relaxed(1, v);                     \
	}                                                                  \
	static inline t pfx##_dec_return_relaxed(atype *v)                 \
	{                                                                  \
		return pfx##_sub_return_relaxed(1, v);                     \
	}                                                                  \
	static inline t pfx##_fetch_inc(atype *v)                          \
	{                                                                  \
		return pfx##_fetch_add(1, v);                              \
	}                                                                  \
	static inline t pfx##_fetch_dec(atype *v)                          \
	{                                                                  \
		return pfx##_fetch_sub(1, v);                              \
	}                                                                  \
	static inline void pfx##_andnot(t i, atype *v)                     \
	{                                                                  \
		pfx##_and(~i, v);                                          \
	}                                                                  \
	static inline t pfx##_fetch_andnot(t i, atype *v)                  \
	{                                                                  \
		return pfx##_fetch_and(~i, v);                             \
	}                                                                  \
	static inline bool pfx##_sub_and_test(t i, atype *v)               \
	{                                                                  \
		return pfx##_sub_return(i, v) == 0;                        \
	}                                                                  \
	static inline bool pfx##_dec_and_test(atype *v)                    \
	{                                                                  \
		return pfx##_dec_return(v) == 0;                           \
	}                                                                  \
	static inline bool pfx##_inc_and_test(atype *v)                    \
	{                                                                  \
		return pfx##_inc_return(v) == 0;                           \
	}                                                                  \
	static inline bool pfx##_add_negative(t i, atype *v)               \
	{                                                                  \
		return pfx##_add_return(i, v) < 0;                         \
	}                                                                  \
	/* Adds @a unless the value is @u; returns the old value. */       \
	static inline t pfx##_fetch_add_unless(atype *v, t a, t u)         \
	{                                                                  \
		t c = pfx##_read(v);                                       \
		do {                                                       \
			if (c == u)                                        \
				break;                                     \
		} while (!pfx##_try_cmpxchg(v, &c, c + a));                \
		return c;                                                  \
	}                                                                  \
	static inline bool pfx##_add_unless(atype *v, t a, t u)            \
	{                                                                  \
		return pfx##_fetch_add_unless(v, a, u) != u;               \
	}                                                                  \
	static inline bool pfx##_inc_not_zero(atype *v)                    \
	{                                                                  \
		return pfx##_add_unless(v, 1, 0);                          \
	}                                                                  \
	static inline bool pfx##_inc_unless_negative(atype *v)             \
	{                                                                  \
		t c = pfx##_read(v);                                       \
		do {                                                       \
			if (c < 0)                                         \
				return false;                              \
		} while (!pfx##_try_cmpxchg(v, &c, c + 1));                \
		return true;                                               \
	}                                                                  \
	static inline bool pfx##_dec_unless_positive(atype *v)             \
	{                                                                  \
		t c = pfx##_read(v);                                       \
		do {                                                       \
			if (c > 0)                                         \
				return false;                              \
		} while (!pfx##_try_cmpxchg(v, &c, c - 1));                \
		return true;                                               \
	}                                                                  \
	/* Decrements unless that goes negative; returns old value - 1. */ \
	static inline t pfx##_dec_if_positive(atype *v)                    \
	{                                                                  \
		t c = pfx##_read(v);                                       \
		do {                                                       \
			if (c <= 0)                                        \
				return c - 1;                              \
		} while (!pfx##_try_cmpxchg(v, &c, c - 1));                \
		return c - 1;                                              \
	}

#define __KSTUB_ATOMIC_ALL(pfx, atype, t)                                 \
	__KSTUB_ATOMIC_RW(pfx, atype, t)                                  \
	__KSTUB_ATOMIC_ARITH(pfx, atype, t, add)                          \
	__KSTUB_ATOMIC_ARITH(pfx, atype, t, sub)                          \
	__KSTUB_ATOMIC_OP(pfx, atype, t, and)                             \
	__KSTUB_ATOMIC_OP(pfx, atype, t, or)                              \
	__KSTUB_ATOMIC_OP(pfx, atype, t, xor)                             \
	__KSTUB_ATOMIC_CMPXCHG(pfx, atype, t, __ATOMIC_SEQ_CST, )         \
	__KSTUB_ATOMIC_CMPXCHG(pfx, atype, t, __ATOMIC_RELAXED, _relaxed) \
	__KSTUB_ATOMIC_CMPXCHG(pfx, atype, t, __ATOMIC_ACQUIRE, _acquire) \
	__KSTUB_ATOMIC_CMPXCHG(pfx, atype, t, __ATOMIC_RELEASE, _release) \
	__KSTUB_ATOMIC_DERIVED(pfx, atype, t)

__KSTUB_ATOMIC_ALL(atomic, atomic_t, int)
__KSTUB_ATOMIC_ALL(atomic_long, atomic_long_t, long)
__KSTUB_ATOMIC_ALL(atomic64, atomic64_t, s64)

/* On plain variables: fully ordered, return the old value. */
#define cmpxchg(ptr, o, n)                                                   \
	({                                                                   \
		typeof(*(ptr)) __kstub_old = (o);                            \
		__atomic_compare_exchange_n((ptr), &__kstub_old, (n), false, \
					    __ATOMIC_SEQ_CST,                \
					    __ATOMIC_ACQUIRE);               \
		__kstub_old;                                                 \
	})
#define try_cmpxchg(ptr, oldp, n)                              \
	__atomic_compare_exchange_n((ptr), (oldp), (n), false, \
				    __ATOMIC_SEQ_CST, __ATOMIC_ACQUIRE)
#define xchg(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_SEQ_CST)
#define cmpxchg_relaxed(ptr, o, n)                                           \
	({                                                                   \
		typeof(*(ptr)) __kstub_old = (o);                            \
		__atomic_compare_exchange_n((ptr), &__kstub_old, (n), false, \
					    __ATOMIC_RELAXED,                \
					    __ATOMIC_RELAXED);               \
		__kstub_old;                                                 \
	})
#define xchg_relaxed(ptr, v) __atomic_exchange_n((ptr), (v), __ATOMIC_RELAXED)

#define smp_mb__after_atomic_dec() smp_mb()
#define smp_acquire__after_ctrl_dep() smp_rmb()

#endif
