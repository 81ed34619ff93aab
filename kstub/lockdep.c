// SPDX-License-Identifier: GPL-2.0-only
/*
 * Lock ownership as lockdep sees it: every thread keeps the stack of locks
 * it holds (acquired, not yet released; any release order), so that
 * lockdep_assert_held() and friends answer for the calling thread, and a
 * release of a lock the thread does not hold is reported.
 *
 * Lock order: every blocking acquire of a lock of class B while holding
 * one of class A records the dependency A -> B; acquiring A while holding
 * B afterwards is lockdep's "possible circular locking dependency"
 * (reported once per pair).  Only direct (two-class) inversions are found,
 * not longer cycles.  The dependency table is lock-free with relaxed
 * atomics, so it creates no happens-before edge that could hide a data
 * race from ThreadSanitizer.
 */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include <linux/kernel.h>
#include <linux/lockdep.h>
#include <kstub/report.h>

void kstub_lock_acquired(const void *lock, const void *class, const char *name,
			 bool read, const void *ip)
{
	struct kstub_thread *t = kstub_current();
	struct kstub_held_lock *hl;

	if (unlikely(!t->exit_armed))
		kstub_thread_arm_exit(t);
	if (t->lockdep_overflow)
		return;
	if (t->lockdep_depth >= KSTUB_MAX_LOCK_DEPTH) {
		t->lockdep_overflow = true;
		kstub_report(KSTUB_REPORT_lockdep, ip,
			     "BUG: MAX_LOCK_DEPTH too low! (%d locks held); "
			     "lock tracking turned off for this thread",
			     t->lockdep_depth);
		return;
	}
	hl = &t->held_locks[t->lockdep_depth++];
	hl->lock = lock;
	hl->class = class;
	hl->name = name;
	hl->ip = ip;
	hl->read = read;
}

static struct kstub_held_lock *kstub_lock_find(const void *lock)
{
	struct kstub_thread *t = kstub_current();
	int i;

	for (i = t->lockdep_depth - 1; i >= 0; i--)
		if (t->held_locks[i].lock == lock)
			return &t->held_locks[i];
	return NULL;
}

#define KSTUB_DEP_SLOTS 16384
#define KSTUB_DEP_PROBES 64

/* One dependency: a lock of class @to was taken while @from was held. */
struct kstub_dep {
	const void *from;
	const void *to;
	bool reported;
};

static struct kstub_dep kstub_deps[KSTUB_DEP_SLOTS];
static bool kstub_deps_full;

/* The slot of @from -> @to; with @add, created if missing (NULL if full). */
static struct kstub_dep *kstub_dep_find(const void *from, const void *to,
					bool add)
{
	unsigned long h = ((unsigned long)from * 31 + (unsigned long)to) *
			  0x9e3779b97f4a7c15UL;
	int i;

	for (i = 0; i < KSTUB_DEP_PROBES; i++) {
		struct kstub_dep *d = &kstub_deps[(h + i) % KSTUB_DEP_SLOTS];
		const void *f = __atomic_load_n(&d->from, __ATOMIC_RELAXED);

		if (!f) {
			if (!add)
				return NULL;
			if (!__atomic_compare_exchange_n(
				    &d->from, &f, from, false, __ATOMIC_RELAXED,
				    __ATOMIC_RELAXED))
				continue; /* taken meanwhile: probe on */
			__atomic_store_n(&d->to, to, __ATOMIC_RELAXED);
			return d;
		}
		/* a slot being filled reads as another pair: a lost edge */
		if (f == from &&
		    __atomic_load_n(&d->to, __ATOMIC_RELAXED) == to)
			return d;
	}
	if (add &&
	    !__atomic_exchange_n(&kstub_deps_full, true, __ATOMIC_RELAXED))
		kstub_report(KSTUB_REPORT_lockdep, NULL,
			     "lock dependency table full: some lock-order "
			     "inversions will go unreported");
	return NULL;
}

static void kstub_lock_order_check(const void *class, const char *name,
				   const void *ip)
{
	struct kstub_thread *t = kstub_current();
	int i;

	for (i = 0; i < t->lockdep_depth; i++) {
		struct kstub_held_lock *hl = &t->held_locks[i];
		struct kstub_dep *inverse;

		if (hl->class == class)
			continue;
		inverse = kstub_dep_find(class, hl->class, false);
		if (inverse && !__atomic_exchange_n(&inverse->reported, true,
						    __ATOMIC_RELAXED)) {
			kstub_lockdep_report(
				ip,
				"possible circular locking dependency "
				"detected\n"
				"thread %d is trying to acquire lock (%s) at: "
				"%p\n"
				"but it already holds lock (%s), taken at: %p\n"
				"and (%s) was taken before (%s) elsewhere\n"
				"*** DEADLOCK possible ***",
				(int)gettid(), name ? name : "?", ip,
				hl->name ? hl->name : "?", hl->ip,
				name ? name : "?", hl->name ? hl->name : "?");
		}
		if (!kstub_dep_find(hl->class, class, false))
			kstub_dep_find(hl->class, class, true);
	}
}

void kstub_lock_acquire_check(const void *lock, const void *class,
			      const char *name, const void *ip)
{
	struct kstub_held_lock *hl = kstub_lock_find(lock);

	if (likely(!hl)) {
		kstub_lock_order_check(class, name, ip);
		return;
	}
	kstub_lockdep_report(
		ip,
		"possible recursive locking detected\n"
		"thread %d is trying to acquire lock %p (%s) at: %p\n"
		"but it already holds it, taken at: %p\n"
		"*** DEADLOCK ***",
		(int)gettid(), lock, name ? name : "?", ip, hl->ip);
}

bool kstub_lock_released(const void *lock)
{
	struct kstub_thread *t = kstub_current();
	struct kstub_held_lock *hl = kstub_lock_find(lock);
	int i;

	if (!hl)
		return t->lockdep_overflow;
	i = hl - t->held_locks;
	memmove(hl, hl + 1, (t->lockdep_depth - i - 1) * sizeof(*hl));
	t->lockdep_depth--;
	return true;
}

void kstub_lock_set_read(const void *lock, bool read)
{
	struct kstub_held_lock *hl = kstub_lock_find(lock);

	if (hl)
		hl->read = read;
}

int kstub_lock_held(const void *lock, int read)
{
	struct kstub_held_lock *hl;

	if (kstub_current()->lockdep_overflow)
		return 1;
	hl = kstub_lock_find(lock);
	if (!hl)
		return 0;
	return read < 0 || hl->read == !!read;
}

int kstub_lockdep_depth(void)
{
	return kstub_current()->lockdep_depth;
}

void kstub_lockdep_format_held(char *buf, size_t len)
{
	struct kstub_thread *t = kstub_current();
	char name[32];
	size_t n;
	int i;

	if (pthread_getname_np(pthread_self(), name, sizeof(name)))
		snprintf(name, sizeof(name), "?");
	if (!t->lockdep_depth) {
		snprintf(buf, len, "no locks held by %s/%d.", name,
			 (int)gettid());
		return;
	}
	n = snprintf(buf, len, "%d lock%s held by %s/%d:", t->lockdep_depth,
		     t->lockdep_depth > 1 ? "s" : "", name, (int)gettid());
	for (i = 0; i < t->lockdep_depth && n < len; i++) {
		struct kstub_held_lock *hl = &t->held_locks[i];

		n += snprintf(buf + n, len - n, "\n #%d: %p (%s){%s}, at: %p",
			      i, hl->lock, hl->name ? hl->name : "?",
			      hl->read ? "read" : "write", hl->ip);
	}
}

void kstub_lockdep_report(const void *ip, const char *fmt, ...)
{
	char msg[1024], held[1024];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kstub_lockdep_format_held(held, sizeof(held));
	kstub_report(KSTUB_REPORT_lockdep, ip, "%s\n%s", msg, held);
}

void kstub_lockdep_assert(const void *lock, int read, bool want_held,
			  const char *expr, const char *file, int line)
{
	const char *state;

	if (!!kstub_lock_held(lock, read) == want_held)
		return;
	if (!want_held)
		state = "held";
	else if (read >= 0 && kstub_lock_held(lock, -1))
		state = "held in the other mode";
	else
		state = "not held";
	kstub_lockdep_report(KSTUB_CALLER(),
			     "%s failed at %s:%d: lock %p is %s by this thread",
			     expr, file, line, lock, state);
}
