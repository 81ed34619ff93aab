// SPDX-License-Identifier: GPL-2.0-only
/*
 * The controlled scheduler (sched=random, sched=pct:DEPTH): exactly one of
 * the program's threads runs between two stops, and the seed alone
 * decides which one runs next, so that a run is a function of its seed.
 *
 * A stop is a kstub site, the start and the end of a thread, a
 * pthread_join and a pthread_create.  The thread that runs records what
 * it is about to do (the site's class and object), and the policy picks
 * the next thread among the enabled ones: uniformly (random), or the one
 * of highest priority (PCT, Burckhardt et al., ASPLOS 2010: distinct
 * random initial priorities depth..depth+n-1, depth-1 change points
 * among the first sched_steps steps, at the i-th of which the running
 * thread's priority drops to i).  If another thread is picked, the
 * running one hands over and waits on a futex word of its own.
 *
 * A thread is enabled unless kstub would block it: its next operation
 * takes a mutex, spinlock or rw_semaphore another thread holds, waits
 * for a completion that is not done, waits for a grace period while
 * another thread is in an RCU read-side section (or holds a spinlock),
 * or joins a thread that has not ended.  Ownership comes from the sites
 * themselves: a lock is taken when its thread proceeds from the lock's
 * site, and freed at the *_released site that follows the unlock.  A
 * trylock reports the same class as the lock, so a trylock waits for a
 * free lock as the lock does (under the scheduler it never fails).
 *
 * kstub's own waits are sites too: its service threads waiting for work
 * (idle), a flush waiting for what it flushes (flush) and the callback
 * thread waiting for a grace period (rcu_gp), each with an event count
 * the waker moves, so the model knows when such a thread may go on.
 *
 * Blocking the scheduler cannot see (a system call, a wait_event, a lock
 * that is not kstub's, a spin on a flag without a site) is broken by the
 * watchdog: a thread of the shim's own, not scheduled, that looks at the
 * running thread every millisecond and lets the policy pick another
 * (enabled) thread when it has been asleep in the kernel at two looks in
 * a row, or has used sched_watchdog of CPU time without reaching a stop
 * (then any parked thread, the model notwithstanding).  CPU time, not wall time: a thread
 * waiting for a CPU on a loaded machine is not stuck.  The thread passed
 * over runs on its own until its next stop, where it waits for its turn
 * again.  Such a run is "not exact": it may not replay, though a failure
 * before the first such hand-over (exact_steps) does.
 *
 * A child whose start routine is a sanitizer's (the sanitizer's
 * pthread_create called ours, and its creator waits until the child has
 * run that function) cannot wait at its birth: it runs until its first
 * stop, and its creator waits at its own next stop until the child has
 * arrived, so that every decision sees the same threads.  Only their two
 * stretches of code up to those stops run side by side.
 *
 * Nothing here is a pthread mutex or condition variable, and the shim is
 * not instrumented: the hand-overs give ThreadSanitizer no happens-before
 * edge, so a data race between two threads is reported although they
 * never run at once.  The watchdog makes raw system calls only.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#include <linux/completion.h>

#include "kfault.h"

#ifndef FUTEX_WAIT_PRIVATE
#define FUTEX_WAIT_PRIVATE (0 | 128)
#define FUTEX_WAKE_PRIVATE (1 | 128)
#endif

#define KF_SCHED_MAX 1024 /* threads scheduled, the main thread included */
#define KF_LOCKS 1024 /* locks held at once (power of two) */
#define KF_POLL_NS 1000000 /* the watchdog's look at the running thread */

enum kf_state {
	KF_FREE, /* no thread */
	KF_STARTING, /* created late: runs until its first stop */
	KF_PARKED, /* at a stop, waiting for its turn */
	KF_RUNNING, /* the thread that runs */
	KF_LOOSE, /* passed over by the watchdog: runs until its next stop */
	KF_EXITED,
};

/* What a parked thread does when it proceeds: the site it is at. */
#define KF_NO_SITE (-1)
/* ... or, at the end of the thread, what the log calls it */
#define KF_OP_EXIT (-2)

#define KF_RECORD_MAX (1UL << 20) /* switches sched_record= keeps */

/* The watchdog's view of a thread between two looks (see kf_look()). */
struct kf_look {
	uint64_t cpu0; /* its CPU time at the first look */
	unsigned int asleep; /* looks in a row that found it asleep */
	bool started;
};

struct kfault_sched_thread {
	int go; /* futex word: 1 when it is this thread's turn */
	enum kf_state state;
	int cls; /* the site it is at, KF_NO_SITE */
	const void *obj; /* the site's object */
	const void *caller; /* the site's caller, for sched_log= */
	unsigned int seen; /* a wait class's: the event count it saw */
	bool timed; /* a wait class's: a deadline ends it too */
	struct kfault_sched_thread *join; /* pthread_join of this thread */
	struct kfault_sched_thread *parent; /* created late by */
	unsigned int
		starting; /* its children created late, not yet at a stop */
	unsigned int nr; /* 1-based: the main thread, then creation order */
	pid_t tid;
	pthread_t id;
	bool id_known;
	unsigned long prio; /* PCT */
	int readers; /* RCU read-side sections and spinlocks it holds */
	bool up_read; /* its last rwsem release was up_read */
	bool late; /* started by a sanitizer's start function: no birth wait */
	/* a short real wait follows (a join, a sanitizer's thread start): no
	 * fast path */
	bool slow_wait;
	bool birth_wait; /* waiting for its late children: the creator's own */
	struct kf_look birth_look; /* its creator's, while it starts late */
};

/* A lock the model knows is held. */
struct kf_lock {
	const void *obj;
	struct kfault_sched_thread *owner; /* mutex, spinlock, rwsem writer */
	unsigned int readers; /* rwsem readers */
};

static struct kfault_sched_thread kf_st[KF_SCHED_MAX + 1]; /* [0] unused */
static unsigned int kf_nst;
/* Locks held by threads the scheduler does not run (exited ones too). */
static struct kfault_sched_thread kf_foreign;
static struct kf_lock kf_locks[KF_LOCKS];

/* Protected by kf_lock_word; counters read with relaxed loads. */
static int kf_lock_word;
static bool kf_on;
static struct kfault_sched_thread *kf_running;
static uint64_t kf_prng;
static unsigned long kf_steps, kf_handovers;
static bool kf_inexact;
static unsigned long kf_exact_steps; /* steps before the run became inexact */
static unsigned int kf_initial; /* PCT: threads given an initial priority */
static unsigned long kf_points[KFAULT_MAX_PCT]; /* PCT's change points */
static unsigned int kf_nr_points;
static int kf_arrivals; /* futex word: bumped when a late child arrives */

/* sched=list's switches, in step order, and the next one to come */
static const struct kfault_switch *kf_list;
static unsigned long kf_list_n, kf_list_i;
/* Decisions off the default order; sched_record= keeps them. */
static unsigned long kf_switches, kf_preemptions;
static struct kfault_switch *kf_rec;
/* sched_log=: a ring of the last steps */
struct kf_log_entry {
	unsigned long step;
	unsigned int thread;
	int op; /* a site class, or KF_NO_SITE / KF_OP_* */
	const void *caller;
	bool join;
	bool preempted; /* passed over at this step, though it could go on */
	unsigned int next; /* the thread that ran after it, 0: none */
};
/*
 * sched_log=N keeps the N steps on either side of every hand-over to
 * another thread and of every kstub report (a WARN...), in a ring of
 * KF_LOG_MAX, and the last N + 1 steps, in a ring of their own.
 */
#define KF_LOG_MAX (1UL << 16)
static struct kf_log_entry *kf_log, *kf_recent;
static unsigned long kf_log_n, kf_recent_n; /* written, the rings' too */
static unsigned long kf_log_last; /* the last step kf_log holds */
static unsigned long kf_log_until; /* steps up to this one go in kf_log */

static bool kf_watchdog_started;
static int kf_watchdog_word; /* futex word the watchdog sleeps on */
static int (*kf_create_real)(pthread_t *, const pthread_attr_t *,
			     void *(*)(void *), void *);

static __thread struct kfault_sched_thread *kf_me KFAULT_TLS;

/* ---- primitives ------------------------------------------------------- */

static long kf_futex(int *word, int op, int val, const struct timespec *ts)
{
	return syscall(SYS_futex, word, op, val, ts, NULL, 0);
}

static uint64_t kf_clock_ns(void)
{
	struct timespec ts;

	/* A system call: clock_gettime may be a sanitizer's interceptor. */
	syscall(SYS_clock_gettime, CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static struct timespec kf_ts(uint64_t ns)
{
	struct timespec ts = {.tv_sec = ns / 1000000000,
			      .tv_nsec = ns % 1000000000};

	return ts;
}

/* The scheduler's lock: a futex mutex (0 free, 1 held, 2 contended). */
static void kf_lock(void)
{
	int c = 0;

	if (__atomic_compare_exchange_n(&kf_lock_word, &c, 1, false,
					__ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
		return;
	if (c != 2)
		c = __atomic_exchange_n(&kf_lock_word, 2, __ATOMIC_ACQUIRE);
	while (c) {
		kf_futex(&kf_lock_word, FUTEX_WAIT_PRIVATE, 2, NULL);
		c = __atomic_exchange_n(&kf_lock_word, 2, __ATOMIC_ACQUIRE);
	}
}

static void kf_unlock(void)
{
	if (__atomic_exchange_n(&kf_lock_word, 0, __ATOMIC_RELEASE) == 2)
		kf_futex(&kf_lock_word, FUTEX_WAKE_PRIVATE, 1, NULL);
}

/* From here on the run may not replay: a failure before still does. */
static void kf_not_exact(void)
{
	if (!kf_inexact)
		kf_exact_steps = kf_steps;
	kf_inexact = true;
}

static bool kf_active(void)
{
	return __atomic_load_n(&kf_on, __ATOMIC_ACQUIRE);
}

static uint64_t kf_random(void)
{
	uint64_t z = (kf_prng += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

/* Uniform in [0, n). */
static uint64_t kf_below(uint64_t n)
{
	return (uint64_t)(((unsigned __int128)kf_random() * n) >> 64);
}

/* Wait for @t's turn, or for the scheduler's end. */
static void kf_park(struct kfault_sched_thread *t)
{
	while (!__atomic_load_n(&t->go, __ATOMIC_ACQUIRE) && kf_active())
		kf_futex(&t->go, FUTEX_WAIT_PRIVATE, 0, NULL);
	__atomic_store_n(&t->go, 0, __ATOMIC_RELAXED);
}

static void kf_wake(struct kfault_sched_thread *t)
{
	if (t)
		kf_futex(&t->go, FUTEX_WAKE_PRIVATE, 1, NULL);
}

/* ---- the lock model --------------------------------------------------- */

static unsigned int kf_lock_hash(const void *obj)
{
	uintptr_t h = (uintptr_t)obj >> 3;

	h ^= h >> 17;
	h *= UINT64_C(0x9e3779b97f4a7c15);
	return (h >> 32) & (KF_LOCKS - 1);
}

/* @obj's entry; with @add, a new one if it has none (NULL when full). */
static struct kf_lock *kf_lock_find(const void *obj, bool add)
{
	unsigned int i = kf_lock_hash(obj), n;

	for (n = 0; n < KF_LOCKS; n++, i = (i + 1) & (KF_LOCKS - 1)) {
		if (kf_locks[i].obj == obj)
			return &kf_locks[i];
		if (!kf_locks[i].obj)
			break;
	}
	if (!add)
		return NULL;
	if (n == KF_LOCKS) {
		kf_not_exact(); /* more locks held than the model holds */
		return NULL;
	}
	kf_locks[i].obj = obj;
	return &kf_locks[i];
}

/*
 * A lock no one holds leaves the table; the entries after it move up
 * where their probe still finds them.  No libc call on shared memory: in
 * a sanitizer build memset is the sanitizer's, which would see it.
 */
static void kf_lock_put(struct kf_lock *l)
{
	const unsigned int mask = KF_LOCKS - 1;
	unsigned int i = l - kf_locks, j, h;

	if (l->owner || l->readers)
		return;
	for (j = (i + 1) & mask; kf_locks[j].obj; j = (j + 1) & mask) {
		h = kf_lock_hash(kf_locks[j].obj);
		if (((i - h) & mask) < ((j - h) & mask)) {
			kf_locks[i] = kf_locks[j];
			i = j;
		}
	}
	kf_locks[i].obj = NULL;
	kf_locks[i].owner = NULL;
	kf_locks[i].readers = 0;
}

static bool kf_held_by_other(const void *obj,
			     const struct kfault_sched_thread *t, bool readers)
{
	const struct kf_lock *l = kf_lock_find(obj, false);

	return l && ((l->owner && l->owner != t) || (readers && l->readers));
}

/* Another thread that has not ended is in an RCU read-side section. */
static bool kf_other_reader(const struct kfault_sched_thread *t)
{
	unsigned int i;

	for (i = 1; i <= kf_nst; i++)
		if (&kf_st[i] != t && kf_st[i].state != KF_EXITED &&
		    kf_st[i].readers > 0)
			return true;
	return false;
}

static bool kf_blocked(const struct kfault_sched_thread *t);

/* Is @t at a wait that its deadline may end (kstub's timer thread)? */
static bool kf_timed_wait(const struct kfault_sched_thread *t)
{
	return !t->join && t->timed &&
	       (t->cls == KSTUB_SITE_idle || t->cls == KSTUB_SITE_flush);
}

/*
 * Could a parked thread other than @t go on?  One in a timed wait does
 * not count: its deadline comes only when no thread can go.
 */
static bool kf_other_enabled(const struct kfault_sched_thread *t)
{
	unsigned int i;

	for (i = 1; i <= kf_nst; i++)
		if (&kf_st[i] != t && kf_st[i].state == KF_PARKED &&
		    !kf_timed_wait(&kf_st[i]) && !kf_blocked(&kf_st[i]))
			return true;
	return false;
}

/*
 * A wait of kstub's own (a struct kstub_event): over once the event has
 * moved since the waiter looked.  A timed one also when no other thread
 * can go on: time passes, and its deadline comes, only then.
 */
static bool kf_event_waits(const struct kfault_sched_thread *t)
{
	const struct kstub_event *ev = t->obj;

	if (__atomic_load_n(&ev->count, __ATOMIC_RELAXED) != t->seen)
		return false;
	return !t->timed || kf_other_enabled(t);
}

/* Would kstub block @t in what it is about to do? */
static bool kf_blocked(const struct kfault_sched_thread *t)
{
	if (t->join)
		return t->join->state != KF_EXITED;
	switch (t->cls) {
	case KSTUB_SITE_mutex_lock:
	case KSTUB_SITE_spin_lock:
	case KSTUB_SITE_rwsem_down_read:
		return kf_held_by_other(t->obj, t, false);
	case KSTUB_SITE_rwsem_down_write:
		return kf_held_by_other(t->obj, t, true);
	case KSTUB_SITE_wait_for_completion:
		return !__atomic_load_n(
			&((const struct completion *)t->obj)->done,
			__ATOMIC_RELAXED);
	case KSTUB_SITE_synchronize_rcu:
	case KSTUB_SITE_rcu_gp:
		return kf_other_reader(t);
	case KSTUB_SITE_idle:
	case KSTUB_SITE_flush:
		return kf_event_waits(t);
	default:
		return false;
	}
}

/* @t reports @site, where it will wait for its turn: what a wait saw. */
static void kf_note_wait(struct kfault_sched_thread *t,
			 const struct kstub_site *site)
{
	t->seen = site->seen;
	t->timed = site->timed;
}

/* @t proceeds from its site: what it takes, it now holds. */
static void kf_grant(struct kfault_sched_thread *t)
{
	struct kf_lock *l;

	switch (t->cls) {
	case KSTUB_SITE_spin_lock:
		t->readers++;
		/* fall through */
	case KSTUB_SITE_mutex_lock:
	case KSTUB_SITE_rwsem_down_write:
		l = kf_lock_find(t->obj, true);
		if (l && !l->owner)
			l->owner = t;
		break;
	case KSTUB_SITE_rwsem_down_read:
		l = kf_lock_find(t->obj, true);
		if (l)
			l->readers++;
		break;
	case KSTUB_SITE_rcu_read_lock:
		t->readers++;
		break;
	default:
		break;
	}
	t->cls = KF_NO_SITE;
	t->join = NULL;
}

/* A release site: the release has happened.  @t NULL: a foreign thread. */
static void kf_release(struct kfault_sched_thread *t, int cls, const void *obj)
{
	struct kf_lock *l;
	bool read;

	switch (cls) {
	case KSTUB_SITE_rwsem_up_read:
	case KSTUB_SITE_rwsem_up_write:
		if (t)
			t->up_read = cls == KSTUB_SITE_rwsem_up_read;
		return;
	case KSTUB_SITE_rcu_read_unlocked:
		if (t && t->readers > 0)
			t->readers--;
		return;
	case KSTUB_SITE_spin_released:
		if (t && t->readers > 0)
			t->readers--;
		/* fall through */
	case KSTUB_SITE_mutex_released:
	case KSTUB_SITE_rwsem_released:
		break;
	default:
		return;
	}
	l = kf_lock_find(obj, false);
	if (!l)
		return;
	/* a foreign thread's rwsem: a write hold is the foreign one's */
	read = t ? t->up_read : l->owner != &kf_foreign;
	if (cls == KSTUB_SITE_rwsem_released && read && l->readers)
		l->readers--;
	else
		l->owner = NULL;
	/* downgrade_write(), then up_read(): the writer's hold ends too */
	if (cls == KSTUB_SITE_rwsem_released && read && l->owner == t)
		l->owner = NULL;
	kf_lock_put(l);
}

/* A thread the scheduler does not run took a lock at @site. */
static void kf_foreign_take(const struct kstub_site *site)
{
	struct kf_lock *l;

	switch (site->cls) {
	case KSTUB_SITE_mutex_lock:
	case KSTUB_SITE_spin_lock:
	case KSTUB_SITE_rwsem_down_write:
		l = kf_lock_find(site->obj, true);
		if (l && !l->owner)
			l->owner = &kf_foreign;
		break;
	case KSTUB_SITE_rwsem_down_read:
		l = kf_lock_find(site->obj, true);
		if (l)
			l->readers++;
		break;
	default:
		break;
	}
}

/* ---- policies --------------------------------------------------------- */

static bool kf_enabled(const struct kfault_sched_thread *t)
{
	return t->state == KF_PARKED && !kf_blocked(t);
}

/*
 * The thread to run next among the enabled parked ones (the deciding
 * thread is one of them when it may go on); NULL when none is.  With
 * @force, any parked thread when none is enabled: the watchdog's last
 * resort when the model says everyone waits.
 */
static struct kfault_sched_thread *kf_choose(bool force)
{
	struct kfault_sched_thread *best = NULL;
	unsigned int i, n = 0, k;

	for (i = 1; i <= kf_nst; i++) {
		struct kfault_sched_thread *t = &kf_st[i];

		if (!(force ? t->state == KF_PARKED : kf_enabled(t)))
			continue;
		n++;
		if (kf_cfg.sched == KFAULT_SCHED_PCT &&
		    (!best || t->prio > best->prio))
			best = t;
	}
	if (!n)
		return NULL;
	if (kf_cfg.sched == KFAULT_SCHED_PCT)
		return best;
	if (kf_cfg.sched == KFAULT_SCHED_LIST)
		k = 0; /* the watchdog's choice: the first */
	else
		k = kf_below(n);
	for (i = 1; i <= kf_nst; i++) {
		struct kfault_sched_thread *t = &kf_st[i];

		if (!(force ? t->state == KF_PARKED : kf_enabled(t)))
			continue;
		if (!k--)
			return t;
	}
	return NULL;
}

/* PCT: a new thread's initial priority, a uniformly random rank. */
static void kf_pct_register(struct kfault_sched_thread *s)
{
	unsigned long base = kf_cfg.sched_depth, rank;
	unsigned int i;

	if (kf_cfg.sched != KFAULT_SCHED_PCT)
		return;
	rank = base + kf_below(kf_initial + 1);
	for (i = 1; i <= kf_nst; i++)
		if (&kf_st[i] != s && kf_st[i].prio >= rank)
			kf_st[i].prio++;
	s->prio = rank;
	kf_initial++;
}

/*
 * PCT: depth-1 change points, distinct, among the first sched_steps, in
 * the order drawn: the i-th (a random one of them) lowers to i.
 */
static void kf_pct_plan(void)
{
	unsigned int i, j;
	unsigned long p;
	bool dup;

	if (kf_cfg.sched != KFAULT_SCHED_PCT)
		return;
	for (i = 0; i + 1 < kf_cfg.sched_depth; i++) {
		do {
			p = 1 + kf_below(kf_cfg.sched_steps);
			dup = false;
			for (j = 0; j < i; j++)
				dup |= kf_points[j] == p;
		} while (dup);
		kf_points[i] = p;
	}
	kf_nr_points = i;
}

/*
 * One step by @t (the thread that ran up to here), and its change
 * point, if this step is one: its priority drops to the point's number.
 */
static void kf_step(struct kfault_sched_thread *t)
{
	unsigned long s = ++kf_steps;
	unsigned int i;

	if (kf_cfg.sched != KFAULT_SCHED_PCT || !t)
		return;
	for (i = 0; i < kf_nr_points; i++)
		if (kf_points[i] == s)
			t->prio = i + 1;
}

/* @n runs next (it has been chosen): what it takes at its site, it holds. */
static struct kfault_sched_thread *kf_give(struct kfault_sched_thread *n,
					   struct kfault_sched_thread *self)
{
	kf_running = n;
	if (!n)
		return NULL;
	n->state = KF_RUNNING;
	kf_grant(n);
	if (n == self)
		return NULL;
	__atomic_store_n(&n->go, 1, __ATOMIC_RELEASE);
	return n;
}

/*
 * The default order: @prev (the thread that ran up to this step) goes on
 * if it may, else the first enabled thread in creation order.
 */
static struct kfault_sched_thread *kf_default(struct kfault_sched_thread *prev)
{
	unsigned int i;

	if (prev && kf_enabled(prev))
		return prev;
	for (i = 1; i <= kf_nst; i++)
		if (kf_enabled(&kf_st[i]))
			return &kf_st[i];
	return NULL;
}

/* sched=list: the listed thread at this step, if it may go; else @d. */
static struct kfault_sched_thread *kf_listed(struct kfault_sched_thread *d)
{
	const struct kfault_switch *sw;

	while (kf_list_i < kf_list_n && kf_list[kf_list_i].step < kf_steps)
		kf_list_i++;
	if (kf_list_i == kf_list_n || kf_list[kf_list_i].step != kf_steps)
		return d;
	sw = &kf_list[kf_list_i++];
	if (sw->thread <= kf_nst && kf_enabled(&kf_st[sw->thread]))
		return &kf_st[sw->thread];
	return d;
}

static void kf_log_keep(const struct kf_log_entry *e)
{
	if (e->step <= kf_log_last)
		return;
	kf_log[kf_log_n++ % KF_LOG_MAX] = *e;
	kf_log_last = e->step;
}

/*
 * sched_log=: @t was at its stop of this step, about to do @op, and
 * @next runs after it (@preempted: though @t could have gone on).
 */
static void kf_log_step(const struct kfault_sched_thread *t, int op,
			const struct kfault_sched_thread *next, bool preempted)
{
	const unsigned long n = kf_cfg.sched_log, cap = n + 1;
	struct kf_log_entry *e;
	unsigned long i;

	if (!kf_log || !t)
		return;
	e = &kf_recent[kf_recent_n++ % cap];
	e->step = kf_steps;
	e->thread = t->nr;
	e->op = op;
	e->caller = op >= 0 || t->join ? t->caller : NULL;
	e->join = t->join != NULL;
	e->preempted = preempted;
	e->next = next ? next->nr : 0;
	if ((next && next != t) ||
	    (op >= 0 && !strcmp(kfault_classes[op].group, "report"))) {
		/* the steps before it, this one, and the next n */
		i = kf_recent_n > cap ? kf_recent_n - cap : 0;
		for (; i < kf_recent_n; i++)
			kf_log_keep(&kf_recent[i % cap]);
		kf_log_until = kf_steps + n;
	} else if (kf_steps <= kf_log_until) {
		kf_log_keep(e);
	}
}

/*
 * The decision of this step (taken by kf_step()): the policy's pick
 * among the enabled threads, @prev being the one that ran.  A pick off
 * the default order is a switch (kept with sched_record=), and a
 * preemption when @prev could have gone on.
 */
static struct kfault_sched_thread *kf_decide(struct kfault_sched_thread *prev,
					     int op)
{
	struct kfault_sched_thread *d = kf_default(prev), *n;

	if (kf_cfg.sched == KFAULT_SCHED_LIST)
		n = kf_listed(d);
	else
		n = kf_choose(false);
	kf_log_step(prev, op, n, n && n != d && prev && d == prev);
	if (!n || n == d)
		return n;
	if (kf_rec && kf_switches < KF_RECORD_MAX)
		kf_rec[kf_switches] = (struct kfault_switch){kf_steps, n->nr};
	kf_switches++;
	if (prev && d == prev)
		kf_preemptions++;
	return n;
}

/* ---- stops ------------------------------------------------------------ */

/*
 * What the watchdog sees of a thread, from /proc and its CPU clock: a
 * thread asleep in the kernel (a futex, a read, a sleep) is blocked; one
 * that has used the bound's worth of CPU without reaching a stop spins.
 * Time a thread spends waiting for a CPU on a loaded machine counts for
 * neither.  System calls only: the watchdog is no sanitizer's thread.
 */
enum kf_look_says {
	KF_GOING, /* nothing to say yet */
	KF_ASLEEP, /* asleep at two looks in a row */
	KF_STUCK, /* spins, or has gone */
};

/* @tid's state letter ('R', 'S', 'D', ...), 0 when it is gone. */
static char kf_task_state(pid_t tid)
{
	static const char dir[] = "/proc/self/task/", tail[] = "/stat";
	char path[sizeof(dir) + sizeof(tail) + 12], buf[512], digits[12];
	unsigned int n = 0, i, len = 0;
	long got, close_paren = -1;
	int fd;

	do {
		digits[n++] = '0' + tid % 10;
		tid /= 10;
	} while (tid && n < sizeof(digits));
	for (i = 0; i + 1 < sizeof(dir); i++)
		path[len++] = dir[i];
	while (n)
		path[len++] = digits[--n];
	for (i = 0; i < sizeof(tail); i++)
		path[len++] = tail[i];
	fd = syscall(SYS_openat, AT_FDCWD, path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	got = syscall(SYS_read, fd, buf, sizeof(buf));
	syscall(SYS_close, fd);
	/* "tid (comm) S ...": the state follows the last ')' */
	for (i = 0; got > 0 && i < (unsigned long)got; i++)
		if (buf[i] == ')')
			close_paren = i;
	if (close_paren < 0 || close_paren + 2 >= got)
		return 0;
	return buf[close_paren + 2];
}

/* @tid's CPU time (its thread CPU clock, as pthread_getcpuclockid's). */
static bool kf_task_cpu(pid_t tid, uint64_t *ns)
{
	clockid_t clk = (clockid_t)((~(unsigned int)tid << 3) | 6);
	struct timespec ts;

	if (syscall(SYS_clock_gettime, clk, &ts))
		return false;
	*ns = (uint64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
	return true;
}

/* One more look at @tid; @slow: a short real wait is expected of it. */
static enum kf_look_says kf_look(pid_t tid, bool slow, struct kf_look *lk)
{
	char state = kf_task_state(tid);
	uint64_t cpu;

	if (!state || !kf_task_cpu(tid, &cpu))
		return KF_STUCK;
	if (!lk->started) {
		lk->started = true;
		lk->cpu0 = cpu;
	}
	lk->asleep = state == 'S' && !slow ? lk->asleep + 1 : 0;
	if (cpu - lk->cpu0 >= kf_cfg.sched_watchdog_ns)
		return KF_STUCK;
	return lk->asleep >= 2 ? KF_ASLEEP : KF_GOING;
}

/* The longest wall-clock time the watchdog waits, whatever it sees. */
static uint64_t kf_wall_limit(void)
{
	return 50 * kf_cfg.sched_watchdog_ns;
}

/* A late child that has not reached its stop in time: it runs loose. */
static void kf_birth_give_up(struct kfault_sched_thread *self,
			     struct kfault_sched_thread *t)
{
	t->state = KF_LOOSE;
	t->parent = NULL;
	self->starting--;
	kf_handovers++;
	kf_not_exact();
}

/*
 * With kf_lock held, @self running: wait until the children it created
 * late have reached a stop (or ended), so that every decision sees the
 * same threads.  One that blocks or spins before (as the watchdog judges
 * the running thread) runs on loose, and the run is not exact.
 */
static void kf_birth_barrier(struct kfault_sched_thread *self)
{
	uint64_t start = 0, now;
	struct timespec ts;
	unsigned int i;
	bool slow;
	pid_t tid;
	int seen;

	while (self->starting && kf_active()) {
		now = kf_clock_ns();
		if (!start)
			start = now;
		for (i = 1; i <= kf_nst && self->starting; i++) {
			struct kfault_sched_thread *t = &kf_st[i];

			if (t->parent != self || t->state != KF_STARTING)
				continue;
			tid = __atomic_load_n(&t->tid, __ATOMIC_RELAXED);
			slow = t->slow_wait;
			if (now - start >= kf_wall_limit()) {
				kf_birth_give_up(self, t);
			} else if (tid) {
				kf_unlock();
				seen = kf_look(tid, slow, &t->birth_look) !=
				       KF_GOING;
				kf_lock();
				if (seen && t->parent == self &&
				    t->state == KF_STARTING)
					kf_birth_give_up(self, t);
			}
		}
		if (!self->starting)
			break;
		seen = __atomic_load_n(&kf_arrivals, __ATOMIC_ACQUIRE);
		self->birth_wait = true;
		kf_unlock();
		ts = kf_ts(KF_POLL_NS);
		kf_futex(&kf_arrivals, FUTEX_WAIT_PRIVATE, seen, &ts);
		kf_lock();
		self->birth_wait = false;
	}
}

/* A late child reached its first stop, or ended before it. */
static void kf_arrived(struct kfault_sched_thread *t)
{
	if (t->parent && t->parent->starting)
		t->parent->starting--;
	if (t->parent)
		t->parent->slow_wait = false;
	t->parent = NULL;
	__atomic_add_fetch(&kf_arrivals, 1, __ATOMIC_RELEASE);
	kf_futex(&kf_arrivals, FUTEX_WAKE_PRIVATE, INT32_MAX, NULL);
}

/*
 * The calling thread @self is at a stop: @cls and @obj (its site), or a
 * join of @join.  With kf_lock held; returns with it released, when it
 * is @self's turn.
 */
static void kf_stop(struct kfault_sched_thread *self, int cls, const void *obj,
		    struct kfault_sched_thread *join)
{
	struct kfault_sched_thread *next;

	self->cls = cls;
	self->obj = obj;
	self->join = join;
	/* after a join, the real one waits for the end of the thread's exit */
	self->slow_wait = join != NULL;
	if (self->state == KF_STARTING || self->state == KF_LOOSE) {
		/* back under the scheduler: wait for its turn */
		if (self->state == KF_STARTING)
			kf_arrived(self);
		self->state = KF_PARKED;
		if (kf_running) {
			kf_unlock();
			kf_park(self);
			return;
		}
		/* no thread runs: this one takes the turn */
		self->state = KF_RUNNING;
		kf_running = self;
	}
	kf_birth_barrier(self);
	self->state = KF_PARKED;
	kf_step(self);
	next = kf_decide(self, cls);
	/* none enabled: it goes on (a deadlock, or what the model missed) */
	next = kf_give(next ? next : self, self);
	kf_unlock();
	if (next) {
		kf_wake(next);
		kf_park(self);
	}
}

void kfault_sched_site(const struct kstub_site *site)
{
	struct kfault_sched_thread *self = kf_me;
	int saved_errno = errno;

	if (!kf_active())
		return;
	kf_lock();
	if (!kf_active()) {
		kf_unlock();
		goto out;
	}
	kf_release(self && self->state != KF_EXITED ? self : NULL, site->cls,
		   site->obj);
	if (!self || self->state == KF_EXITED) {
		/* not the scheduler's: a thread from before, or its end */
		if (!self)
			kf_not_exact();
		kf_foreign_take(site);
		kf_unlock();
		goto out;
	}
	self->caller = site->caller;
	kf_note_wait(self, site);
	kf_stop(self, site->cls, site->obj, NULL);
out:
	errno = saved_errno;
}

/* ---- threads ---------------------------------------------------------- */

static void *kf_watchdog(void *arg);

static void kf_watchdog_start(void)
{
	pthread_attr_t attr;
	pthread_t id;

	if (kf_watchdog_started || !kf_create_real)
		return;
	kf_watchdog_started = true;
	pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	if (kf_create_real(&id, &attr, kf_watchdog, NULL)) {
		static const char msg[] =
			"kfault: sched: cannot start the watchdog thread: a "
			"thread that blocks outside kstub may hang the run\n";
		ssize_t n = write(2, msg, sizeof(msg) - 1);

		(void)n;
	}
	pthread_attr_destroy(&attr);
}

struct kfault_sched_thread *kfault_sched_spawn(bool late)
{
	struct kfault_sched_thread *self = kf_me, *s = NULL;
	int saved_errno = errno;

	if (!kf_active())
		return NULL;
	kf_lock();
	if (self && (self->state == KF_STARTING || self->state == KF_LOOSE)) {
		/* a stop for a thread the scheduler does not run now */
		self->caller = NULL;
		kf_stop(self, KF_NO_SITE, NULL, NULL);
		kf_lock();
	} else if (self && self->state == KF_RUNNING) {
		kf_birth_barrier(self);
	}
	kf_watchdog_start();
	if (!kf_active() || kf_nst == KF_SCHED_MAX) {
		if (kf_active())
			kf_not_exact(); /* a thread no one schedules */
		goto out;
	}
	s = &kf_st[++kf_nst];
	s->nr = kf_nst;
	s->cls = KF_NO_SITE;
	s->late = late;
	kf_pct_register(s);
	if (late && self) {
		s->state = KF_STARTING;
		s->parent = self;
		self->starting++;
		/* the sanitizer's creator sleeps until its child has started */
		self->slow_wait = true;
	} else if (late) {
		s->state = KF_LOOSE;
	} else {
		s->state = KF_PARKED;
	}
out:
	kf_unlock();
	errno = saved_errno;
	return s;
}

void kfault_sched_spawned(struct kfault_sched_thread *s, bool ok, pthread_t id)
{
	int saved_errno = errno;

	if (!s)
		return;
	kf_lock();
	if (ok) {
		s->id = id;
		s->id_known = true;
	} else {
		if (s->state == KF_STARTING)
			kf_arrived(s);
		s->state = KF_EXITED;
	}
	kf_unlock();
	errno = saved_errno;
}

void kfault_sched_start(struct kfault_sched_thread *s)
{
	int saved_errno = errno;

	if (!s)
		return;
	kf_me = s;
	__atomic_store_n(&s->tid, (pid_t)syscall(SYS_gettid), __ATOMIC_RELAXED);
	/* Parked from its creation on: its turn comes at a decision. */
	if (!s->late)
		kf_park(s);
	errno = saved_errno;
}

void kfault_sched_exit(void)
{
	struct kfault_sched_thread *self = kf_me, *next = NULL;
	int saved_errno = errno;

	if (!self || !kf_active())
		return;
	kf_lock();
	if (self->state == KF_STARTING)
		kf_arrived(self);
	if (self->state == KF_RUNNING)
		kf_birth_barrier(self);
	if (self->state == KF_RUNNING || !kf_running) {
		/* its turn, or no one's (it ran loose): the next one's */
		self->state = KF_EXITED;
		kf_step(self);
		next = kf_give(kf_decide(self, KF_OP_EXIT), NULL);
	}
	self->state = KF_EXITED;
	kf_unlock();
	kf_wake(next);
	errno = saved_errno;
}

void kfault_sched_join(pthread_t id, const void *caller)
{
	struct kfault_sched_thread *self = kf_me, *t = NULL;
	int saved_errno = errno;
	unsigned int i;

	if (!self || !kf_active())
		return;
	kf_lock();
	/* the newest thread of that id: an ended one's id may be reused */
	for (i = kf_nst; i >= 1; i--) {
		if (kf_st[i].id_known && pthread_equal(kf_st[i].id, id)) {
			t = &kf_st[i];
			break;
		}
	}
	if (!t || t == self || self->state == KF_EXITED || !kf_active()) {
		kf_unlock();
		goto out;
	}
	/* joined once: from now on its id may name another thread */
	t->id_known = false;
	self->caller = caller;
	kf_stop(self, KF_NO_SITE, NULL, t);
out:
	errno = saved_errno;
}

/* ---- the watchdog ----------------------------------------------------- */

/*
 * With kf_lock held: @r, the running thread, has been at no stop for too
 * long.  It runs on loose; another thread gets the turn (@force: even one
 * the model says is blocked).  The woken thread, or NULL.
 */
static struct kfault_sched_thread *kf_pass_over(struct kfault_sched_thread *r,
						bool force)
{
	struct kfault_sched_thread *n = kf_choose(false);

	if (!n && force)
		n = kf_choose(true);
	if (!n)
		return NULL;
	if (r)
		r->state = KF_LOOSE;
	kf_not_exact();
	kf_step(r);
	kf_handovers++;
	return kf_give(n, NULL);
}

static void *kf_watchdog(void *arg)
{
	const uint64_t bound = kf_cfg.sched_watchdog_ns;
	const uint64_t poll = bound / 2 < KF_POLL_NS ? bound / 2 : KF_POLL_NS;
	struct kfault_sched_thread *last = NULL, *r, *n;
	unsigned long last_steps = ~0UL;
	struct kf_look look = {0};
	enum kf_look_says says;
	uint64_t since = 0, now;
	struct timespec ts;
	bool slow;
	pid_t tid;

	while (kf_active()) {
		ts = kf_ts(poll);
		kf_futex(&kf_watchdog_word, FUTEX_WAIT_PRIVATE, 0, &ts);
		now = kf_clock_ns();
		kf_lock();
		r = kf_running;
		if (!kf_active() || r != last || kf_steps != last_steps ||
		    (r && r->birth_wait)) {
			/* progress, or the creator's own wait: look afresh */
			last = r;
			last_steps = kf_steps;
			since = now;
			look = (struct kf_look){0};
			kf_unlock();
			continue;
		}
		n = NULL;
		if (!r) {
			/* no one runs: one that was blocked may go now */
			n = kf_pass_over(NULL, now - since >= bound);
		} else {
			tid = __atomic_load_n(&r->tid, __ATOMIC_RELAXED);
			slow = r->slow_wait;
			kf_unlock();
			if (!tid) /* chosen, not started yet */
				continue;
			says = kf_look(tid, slow, &look);
			if (now - since >= kf_wall_limit())
				says = KF_STUCK;
			if (says == KF_GOING)
				continue;
			kf_lock();
			if (kf_running == r && kf_steps == last_steps &&
			    kf_active())
				n = kf_pass_over(r, says == KF_STUCK);
		}
		if (n || kf_running != last) {
			since = now;
			look = (struct kf_look){0};
		}
		last = kf_running;
		last_steps = kf_steps;
		look.asleep = 0;
		kf_unlock();
		kf_wake(n);
	}
	return arg;
}

/* ---- the process ------------------------------------------------------ */

static void *kf_map(size_t size)
{
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	return p == MAP_FAILED ? NULL : p;
}

#define KF_LIST_FILE_MAX (64UL << 20)

/*
 * sched=list:@FILE: the file's text, NUL-terminated, in a mapping of
 * *@size bytes; NULL with a message in @err.  A regular file, opened
 * without blocking (a FIFO would wait for a writer).
 */
static char *kf_list_file(size_t *size, char *err, size_t errlen)
{
	const char *file = kf_cfg.sched_list_file;
	struct stat st;
	ssize_t n, got = 0;
	char *buf = NULL;
	int fd;

	fd = open(file, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
	if (fd < 0 || fstat(fd, &st)) {
		snprintf(err, errlen,
			 "kfault: spec: sched: cannot read '%s': %s", file,
			 strerror(errno));
		goto out;
	}
	if (!S_ISREG(st.st_mode) ||
	    (unsigned long)st.st_size > KF_LIST_FILE_MAX) {
		snprintf(err, errlen,
			 "kfault: spec: sched: '%s' is not a regular file of "
			 "at most %lu bytes",
			 file, KF_LIST_FILE_MAX);
		goto out;
	}
	*size = st.st_size + 1;
	buf = kf_map(*size);
	if (!buf) {
		snprintf(err, errlen, "kfault: spec: sched: out of memory");
		goto out;
	}
	while (got < st.st_size) {
		n = read(fd, buf + got, st.st_size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		got += n;
	}
	buf[got] = '\0';
	if (memchr(buf, '\0', got)) {
		snprintf(err, errlen,
			 "kfault: spec: sched: '%s' has a NUL byte", file);
		munmap(buf, *size);
		buf = NULL;
	}
out:
	if (fd >= 0)
		close(fd);
	return buf;
}

int kfault_sched_load(char *err, size_t errlen)
{
	const char *text = kf_cfg.sched_list;
	char *file = NULL, msg[128];
	struct kfault_switch *list;
	size_t size = 0;
	long n;

	if (!kf_cfg.sched)
		return 0;
	if (kf_cfg.sched_list_file[0]) {
		file = kf_list_file(&size, err, errlen);
		if (!file)
			return -1;
		text = file;
	}
	n = text ? kfault_switches_parse(text, file, NULL, 0, msg, sizeof(msg))
		 : 0;
	if (n < 0)
		snprintf(err, errlen, "kfault: spec: sched: %s%s%s", msg,
			 file ? " in " : "",
			 file ? kf_cfg.sched_list_file : "");
	if (n > 0) {
		list = kf_map(n * sizeof(*list));
		if (list)
			kfault_switches_parse(text, file, list, n, msg,
					      sizeof(msg));
		kf_list = list;
		kf_list_n = list ? n : 0;
	}
	if (file)
		munmap(file, size);
	if (n < 0)
		return -1;
	if ((n > 0 && !kf_list) ||
	    (kf_cfg.sched_record &&
	     !(kf_rec = kf_map(KF_RECORD_MAX * sizeof(*kf_rec)))) ||
	    (kf_cfg.sched_log &&
	     (!(kf_log = kf_map(KF_LOG_MAX * sizeof(*kf_log))) ||
	      !(kf_recent =
			kf_map((kf_cfg.sched_log + 1) * sizeof(*kf_log)))))) {
		snprintf(err, errlen, "kfault: spec: sched: out of memory");
		return -1;
	}
	return 0;
}

void kfault_sched_init(void)
{
	struct kfault_sched_thread *s;

	if (!kf_cfg.sched)
		return;
	kf_create_real =
		(__typeof__(kf_create_real))dlsym(RTLD_NEXT, "pthread_create");
	kf_prng = kf_cfg.seed ^ UINT64_C(0x5c4ed5c4ed5c4ed5);
	kf_pct_plan();
	s = &kf_st[++kf_nst];
	s->nr = 1;
	s->cls = KF_NO_SITE;
	s->state = KF_RUNNING;
	s->tid = syscall(SYS_gettid);
	s->id = pthread_self();
	s->id_known = true;
	kf_pct_register(s);
	kf_running = s;
	kf_me = s;
	__atomic_store_n(&kf_on, true, __ATOMIC_RELEASE);
}

void kfault_sched_stop(void)
{
	unsigned int i, n = __atomic_load_n(&kf_nst, __ATOMIC_RELAXED);

	if (!__atomic_exchange_n(&kf_on, false, __ATOMIC_ACQ_REL))
		return;
	for (i = 1; i <= n; i++) {
		__atomic_store_n(&kf_st[i].go, 1, __ATOMIC_RELEASE);
		kf_futex(&kf_st[i].go, FUTEX_WAKE_PRIVATE, 1, NULL);
	}
	__atomic_add_fetch(&kf_arrivals, 1, __ATOMIC_RELEASE);
	kf_futex(&kf_arrivals, FUTEX_WAKE_PRIVATE, INT32_MAX, NULL);
	kf_futex(&kf_watchdog_word, FUTEX_WAKE_PRIVATE, 1, NULL);
}

/*
 * The child of fork: only the forking thread exists.  It runs (if the
 * scheduler knew it); the others have ended; the counts start again.
 * Locks the parent's threads held stay held, as kstub's do.
 */
void kfault_sched_atfork_child(void)
{
	struct kfault_sched_thread *self = kf_me;
	unsigned int i;

	if (!kf_cfg.sched)
		return;
	kf_lock_word = 0;
	for (i = 1; i <= kf_nst; i++) {
		struct kfault_sched_thread *t = &kf_st[i];

		t->starting = 0;
		t->parent = NULL;
		t->go = 0;
		if (t != self) {
			t->state = KF_EXITED;
			t->id_known = false;
		}
	}
	kf_running = NULL;
	if (self && self->state != KF_EXITED) {
		self->state = KF_RUNNING;
		self->cls = KF_NO_SITE;
		self->join = NULL;
		self->tid = syscall(SYS_gettid);
		kf_running = self;
	}
	kf_arrivals = 0;
	kf_steps = 0;
	kf_handovers = 0;
	kf_inexact = false;
	kf_exact_steps = 0;
	kf_list_i = 0;
	kf_switches = 0;
	kf_preemptions = 0;
	kf_log_n = 0;
	kf_recent_n = 0;
	kf_log_last = 0;
	kf_log_until = 0;
	/* the parent's watchdog is not here: the next thread starts one */
	kf_watchdog_started = false;
}

void kfault_sched_stats(struct kfault_sched_stats *st)
{
	memset(st, 0, sizeof(*st));
	if (!kf_cfg.sched)
		return;
	st->on = true;
	st->steps = __atomic_load_n(&kf_steps, __ATOMIC_RELAXED);
	st->watchdog = __atomic_load_n(&kf_handovers, __ATOMIC_RELAXED);
	st->threads = __atomic_load_n(&kf_nst, __ATOMIC_RELAXED);
	st->exact = !__atomic_load_n(&kf_inexact, __ATOMIC_RELAXED);
	st->exact_steps =
		st->exact ? st->steps
			  : __atomic_load_n(&kf_exact_steps, __ATOMIC_RELAXED);
	st->switches = __atomic_load_n(&kf_switches, __ATOMIC_RELAXED);
	st->preemptions = __atomic_load_n(&kf_preemptions, __ATOMIC_RELAXED);
}

void kfault_sched_put_switches(struct kfault_out *o)
{
	unsigned long i, n = __atomic_load_n(&kf_switches, __ATOMIC_RELAXED);

	if (!kf_rec || n > KF_RECORD_MAX) {
		kf_puts(o, "null");
		return;
	}
	kf_puts(o, "\"");
	for (i = 0; i < n; i++) {
		kf_puts(o, i ? "/t" : "t");
		kf_putu(o, kf_rec[i].thread);
		kf_putc(o, '@');
		kf_putu(o, kf_rec[i].step);
	}
	kf_puts(o, "\"");
}

/* What a log entry's thread was about to do. */
static const char *kf_op_name(const struct kf_log_entry *e)
{
	if (e->op >= 0)
		return kfault_class_name(e->op);
	if (e->op == KF_OP_EXIT)
		return "thread_exit";
	return e->join ? "pthread_join" : "pthread_create";
}

static void kf_put_log_entry(struct kfault_out *o, const struct kf_log_entry *e,
			     bool first)
{
	kf_putkey(o, first ? "\n    {" : ",\n    {", KFR_LOG_STEP);
	kf_putu(o, e->step);
	kf_putkey(o, ",", KFR_LOG_THREAD);
	kf_putu(o, e->thread);
	kf_putkey(o, ",", KFR_LOG_OP);
	kf_putjs(o, kf_op_name(e));
	kf_putkey(o, ",", KFR_LOG_PREEMPTED);
	kf_putb(o, e->preempted);
	kf_putkey(o, ",", KFR_LOG_NEXT);
	kf_putu(o, e->next);
	kf_putkey(o, ",", KFR_LOG_CALLER);
	if (e->caller)
		kf_put_frame_json(o, (uintptr_t)e->caller);
	else
		kf_puts(o, "null");
	kf_puts(o, "}");
}

void kfault_sched_put_log(struct kfault_out *o)
{
	unsigned long n = __atomic_load_n(&kf_log_n, __ATOMIC_RELAXED);
	unsigned long r = __atomic_load_n(&kf_recent_n, __ATOMIC_RELAXED);
	unsigned long i, last = 0, cap = kf_cfg.sched_log + 1;
	bool first = true;

	kf_puts(o, "[");
	for (i = n > KF_LOG_MAX ? n - KF_LOG_MAX : 0; kf_log && i < n; i++) {
		kf_put_log_entry(o, &kf_log[i % KF_LOG_MAX], first);
		last = kf_log[i % KF_LOG_MAX].step;
		first = false;
	}
	for (i = r > cap ? r - cap : 0; kf_recent && i < r; i++) {
		if (kf_recent[i % cap].step <= last)
			continue;
		kf_put_log_entry(o, &kf_recent[i % cap], first);
		first = false;
	}
	kf_puts(o, "]");
}

const char *kfault_sched_name(enum kfault_sched_policy p)
{
	switch (p) {
	case KFAULT_SCHED_RANDOM:
		return "random";
	case KFAULT_SCHED_PCT:
		return "pct";
	case KFAULT_SCHED_LIST:
		return "list";
	case KFAULT_SCHED_NONE:
		break;
	}
	return "none";
}
