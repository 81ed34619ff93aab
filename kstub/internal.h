/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Declarations shared between kstub's own .c files; never installed.
 * Each subsystem adds its section.
 */
#ifndef KSTUB_INTERNAL_H
#define KSTUB_INTERNAL_H

#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include <kstub/hook.h>

/* Report a site to the hook; true means "fail it" (FAULT classes only). */
static inline bool kstub_site(enum kstub_site_class cls, const void *caller,
			      const void *obj, size_t size, unsigned int gfp)
{
	struct kstub_site s = {
		.cls = cls,
		.caller = caller,
		.obj = obj,
		.size = size,
		.gfp = gfp,
	};

	return kstub_hook(&s);
}

#define KSTUB_CALLER() ((const void *)__builtin_return_address(0))

#define KSTUB_HIDDEN __attribute__((visibility("hidden")))

/*
 * pthread calls, checked as liburcu checks them (urcu_die): on kstub's own
 * locks, conditions, keys and threads a failure is a bug, so it names the
 * call, the error and where, and aborts.
 *
 * kstub_pthread(fn, args...) calls pthread function @fn.
 * kstub_pthread_or(err, fn, args...) does the same, but @err (EBUSY of a
 * trylock, ETIMEDOUT of a timed wait) is an answer, not a failure: it
 * returns 0 or @err.
 */
void kstub_pthread_die(const char *call, int err, const char *func,
		       const char *file, int line)
	__attribute__((noreturn, cold)) KSTUB_HIDDEN;
#define kstub_pthread_or(err, fn, ...)                                        \
	({                                                                    \
		int __kstub_ret = (fn)(__VA_ARGS__);                          \
                                                                              \
		if (__builtin_expect(__kstub_ret && __kstub_ret != (err), 0)) \
			kstub_pthread_die(#fn, __kstub_ret, __func__,         \
					  __FILE__, __LINE__);                \
		__kstub_ret;                                                  \
	})
#define kstub_pthread(fn, ...) ((void)kstub_pthread_or(0, fn, __VA_ARGS__))

/* --- threads (thread.c, urcu.c): per-thread kernel context --------------- */

#if defined(__SANITIZE_THREAD__)
#define KSTUB_TSAN 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define KSTUB_TSAN 1
#endif
#endif

/* Locks one thread may hold at once, as the kernel's MAX_LOCK_DEPTH. */
#define KSTUB_MAX_LOCK_DEPTH 48

/* One entry of a thread's held-lock stack (lockdep's struct held_lock). */
struct kstub_held_lock {
	const void *lock;
	const void *class; /* lockdep class: init site key, or the lock */
	const char *name;
	const void *ip;
	bool read;
};

/*
 * What the kernel keeps in task_struct and preempt_count, for the calling
 * thread only: never read another thread's.
 */
struct kstub_thread {
	int rcu_depth; /* rcu_read_lock() nesting */
	int preempt_depth; /* spinlocks held, preempt_disable() */
	int irq_depth; /* spin_lock_irq(save) nesting */
	int softirq_depth; /* running an RCU callback */
	/*
	 * Regions a grace period waits for, all kinds together: RCU
	 * read-side sections, spinlocks held, preempt_disable(),
	 * local_irq_disable(), local_bh_disable().  The outermost one is a
	 * liburcu read-side section (rcu.c).
	 */
	int reader_depth;
	bool rcu_online; /* registered with liburcu (by kstub) */
	int own_locks; /* kstub's own locks held (kstub_own_lock()) */
	bool lockdep_overflow; /* held-lock stack overflowed: stop tracking */
	bool exit_armed; /* kstub_thread_exit() will run at thread exit */
	int lockdep_depth;
	struct kstub_held_lock held_locks[KSTUB_MAX_LOCK_DEPTH];
};

/*
 * Initial-exec: one %fs-relative load instead of a __tls_get_addr call on
 * every lock and RCU operation.  libkstub is linked, never dlopen()ed.
 */
extern __thread struct kstub_thread kstub_cur
	__attribute__((visibility("hidden"), tls_model("initial-exec")));

static inline struct kstub_thread *kstub_current(void)
{
	return &kstub_cur;
}

/*
 * kstub's own locks (memcg, idr, debugfs, module), counted per thread:
 * kernel code reaches fault sites under them, and an RCU callback may
 * take them, so kstub_quiesce_threads() does not wait for callbacks then.
 */
static inline void kstub_own_lock(pthread_mutex_t *m)
{
	kstub_pthread(pthread_mutex_lock, m);
	kstub_current()->own_locks++;
}

static inline void kstub_own_unlock(pthread_mutex_t *m)
{
	kstub_current()->own_locks--;
	kstub_pthread(pthread_mutex_unlock, m);
}

/* Around pthread_create of a thread of kstub's own (kstub_own_thread()). */
void kstub_own_thread_set(int kind) KSTUB_HIDDEN;
/* Make the calling thread an RCU reader; kstub unregisters it at exit. */
void kstub_thread_rcu_online(void) __attribute__((visibility("hidden")));
/* The sleep-in-atomic check behind might_sleep(); @file may be NULL. */
void kstub_might_sleep_at(const char *file, int line, const void *caller)
	__attribute__((visibility("hidden")));

/* liburcu, seen only through urcu.c (its macros clash with kernel names). */
struct callback_head;
void kstub_urcu_register(void) KSTUB_HIDDEN;
void kstub_urcu_unregister(void) KSTUB_HIDDEN;
void kstub_urcu_read_lock(void) KSTUB_HIDDEN;
void kstub_urcu_read_unlock(void) KSTUB_HIDDEN;
void kstub_urcu_synchronize(void) KSTUB_HIDDEN;
/*
 * Enter and leave a region that grace periods wait for (rcu.c).  Since
 * v4.20 the kernel has one RCU flavour: synchronize_rcu() and call_rcu()
 * wait for preempt-, irq- and bh-disabled regions, spinlock sections
 * included, as for rcu_read_lock() sections.
 */
void kstub_rcu_reader_enter(void) KSTUB_HIDDEN;
void kstub_rcu_reader_exit(void) KSTUB_HIDDEN;
/* Runs one kernel RCU callback, on the callback thread. */
void kstub_rcu_invoke(struct callback_head *head) KSTUB_HIDDEN;

/* A saved backtrace (warn.c), printed later as a report prints its own. */
#define KSTUB_STACK_MAX 16
struct kstub_stack {
	int tid;
	int depth;
	void *pc[KSTUB_STACK_MAX];
};
/* The calling thread's stack, from return address @from outwards. */
void kstub_stack_save(struct kstub_stack *s, const void *from) KSTUB_HIDDEN;
/* Appends "task N:" and the frames, one a line, to @buf; returns @buf. */
char *kstub_stack_format(const struct kstub_stack *s, char *buf,
			 size_t len) KSTUB_HIDDEN;

/*
 * rcu_callbacks.c: queue @head to run @func, unless it is already queued
 * (a double call_rcu): then nothing is queued and *@stack becomes the
 * stack that queued it first; false.  Wait for those queued so far
 * (rcu_barrier() called from @caller).
 */
bool kstub_rcu_queue(struct callback_head *head,
		     void (*func)(struct callback_head *),
		     struct kstub_stack *stack) KSTUB_HIDDEN;
void kstub_rcu_wait_callbacks(const void *caller) KSTUB_HIDDEN;
/* Absolute CLOCK_REALTIME time @timeout jiffies from now (completion.c). */
struct timespec kstub_deadline(unsigned long timeout) KSTUB_HIDDEN;

/*
 * kstub's own waits (completion.c), which a hook sees: a thread that
 * waits on @cond for a condition guarded by @lock reports the wait as a
 * site of class @cls (idle, flush), whose object is @ev, so that a
 * scheduler in the hook knows when the wait may end (<kstub/hook.h>,
 * struct kstub_event).
 *
 * kstub_event_wait(), with @lock held and the condition false: reports
 * the site with @lock released (the hook may keep the thread there), then
 * sleeps on @cond unless @ev has moved meanwhile, until @deadline if not
 * NULL.  Returns with @lock held, ETIMEDOUT if the deadline passed, else
 * 0; the caller checks its condition again.
 *
 * kstub_event_signal(), kstub_event_broadcast(), with @lock held: the
 * condition may have changed; @ev moves on, and @cond wakes one or all.
 */
int kstub_event_wait(enum kstub_site_class cls, struct kstub_event *ev,
		     pthread_cond_t *cond, pthread_mutex_t *lock,
		     const struct timespec *deadline,
		     const void *caller) KSTUB_HIDDEN;
void kstub_event_signal(struct kstub_event *ev,
			pthread_cond_t *cond) KSTUB_HIDDEN;
void kstub_event_broadcast(struct kstub_event *ev,
			   pthread_cond_t *cond) KSTUB_HIDDEN;

/*
 * The stack that queued the most recent callback whose rcu_head lies in
 * [@lo, @hi) (an object a callback freed); false when none is known.
 */
bool kstub_rcu_recent_queuer(uintptr_t lo, uintptr_t hi,
			     struct kstub_stack *stack) KSTUB_HIDDEN;
/*
 * A KSTUB_REPORT_lockdep report of the message, followed by the calling
 * thread's held locks ("N locks held by T:" and the list), as lockdep
 * prints them.  Out of line, so fast paths keep no report buffers.
 */
void kstub_lockdep_report(const void *ip, const char *fmt, ...)
	__attribute__((format(printf, 2, 3))) KSTUB_HIDDEN;
/* Formats "N locks held by T:" and the held-lock list into @buf. */
void kstub_lockdep_format_held(char *buf, size_t len) KSTUB_HIDDEN;
/*
 * The calling thread's held-lock stack (lockdep.c).  @class is the lock's
 * lockdep class: the lock_class_key of its init site, or the lock itself
 * for statically initialised locks.
 */
void kstub_lock_acquired(const void *lock, const void *class, const char *name,
			 bool read, const void *ip) KSTUB_HIDDEN;
/* False if the thread did not hold @lock. */
bool kstub_lock_released(const void *lock) KSTUB_HIDDEN;
void kstub_lock_set_read(const void *lock, bool read) KSTUB_HIDDEN;
/*
 * Before blocking on @lock: reports taking a lock this thread holds, and
 * an order that inverts one seen before; records the new order.
 */
void kstub_lock_acquire_check(const void *lock, const void *class,
			      const char *name, const void *ip) KSTUB_HIDDEN;
/* Have the calling thread's exit checked (held locks) and cleaned up. */
void kstub_thread_arm_exit(struct kstub_thread *t) KSTUB_HIDDEN;

/* --- memory, reports, leak accounting (slab.c, leak.c, warn.c) ---------- */
#if defined(__SANITIZE_ADDRESS__)
#define KSTUB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define KSTUB_ASAN 1
#endif
#endif

/* kmalloc() on behalf of @caller, the kernel code's return address. */
void *kstub_kmalloc_caller(size_t size, unsigned int gfp,
			   const void *caller) KSTUB_HIDDEN;
/* kfree() on behalf of @caller. */
void kstub_kfree_caller(const void *p, const void *caller) KSTUB_HIDDEN;
/* The allocation-failure warning of an injected failure (not __GFP_NOWARN). */
void kstub_alloc_fail_warn(const char *fn, size_t size, unsigned int gfp,
			   const void *caller) KSTUB_HIDDEN;
/* The leak table's hot path is in leak-table.h, for slab.c and leak.c. */
/* vsnprintf() with the kernel's %p extensions (%pS, %pe, %pGg ...). */
int kstub_vsnprintf(char *buf, size_t size, const char *fmt, va_list args)
	__attribute__((format(printf, 3, 0))) KSTUB_HIDDEN;

/* --- symbols (kallsyms.c; kstub_symbolize is in <kstub/report.h>) ------- */
/* kstub_symbolize() of @pc - @back: 1 for return addresses, else 0. */
const char *kstub_symbolize_at(const void *pc, char *buf, size_t len,
			       int back) KSTUB_HIDDEN;
/* The base name of the object holding return address @pc, or NULL. */
const char *kstub_symbol_object(const void *pc) KSTUB_HIDDEN;

/* --- idr (idr.c), for memcg.c's ids ------------------------------------- */
struct idr;
/* idr_alloc() charged to @caller, the kernel code's return address. */
int kstub_idr_alloc_caller(struct idr *idr, void *ptr, int start, int end,
			   unsigned int gfp, const void *caller) KSTUB_HIDDEN;

#endif /* KSTUB_INTERNAL_H */
