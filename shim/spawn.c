// SPDX-License-Identifier: GPL-2.0-only
/*
 * Threads the program creates, numbered in creation order: the main
 * thread is 1, the first pthread_create()d thread 2, and so on.  Unlike
 * kfault's thread numbers (the order in which threads first reach a
 * site, which races), this order is the program's own, so a fault point
 * that names "the k-th call in the thread created j-th" (created=,
 * per_thread=1) means the same call in every run of a program that
 * creates its threads from one thread.
 *
 * pthread_create is interposed; the child learns its number from a start
 * record in a fixed ring, before the real start routine (which, in a
 * sanitizer build, is the sanitizer's own) runs: nothing here allocates.
 * Threads made before the shim armed, and a sanitizer runtime's own
 * threads, are not numbered, so the numbers are the same in every build.
 *
 * Under sched= (sched.c) the same start record carries the child's slot
 * in the scheduler: the child waits for its turn before the start
 * routine runs, and its end (a return or pthread_exit) hands the turn
 * on.  pthread_join is interposed too: a joiner waits, under the
 * scheduler, until the thread it joins has ended.  When a sanitizer's
 * pthread_create called ours, the start routine is the sanitizer's,
 * whose creator waits until it has run: such a child cannot wait at its
 * birth, and joins the scheduler at its first stop instead.
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>

#include "kfault.h"

#define KF_EXPORT __attribute__((visibility("default")))
#define KF_STARTS 4096 /* creations whose child has not started yet */

struct kf_start {
	int busy; /* claimed by a creator, until the child reads it */
	unsigned int number;
	unsigned int kind; /* kstub's own thread: which (KSTUB_THREAD_*) */
	void *(*fn)(void *);
	void *arg;
	struct kfault_sched_thread *sched; /* its slot; NULL: not scheduled */
};

static struct kf_start kf_starts[KF_STARTS];
static unsigned int kf_created = 1; /* the main thread */
/* Numbering starts when the shim arms: a sanitizer's own threads, made
 * before main, stay unnumbered and do not shift the program's. */
static bool kf_numbering;
static unsigned int kf_next_start;
/* A sanitizer runtime's own threads: they run to the end of the process. */
static unsigned int kf_runtime;
/*
 * kstub's own threads, by kind: the number each had.  One that kstub
 * ended (kstub_quiesce_threads(), before a fork server forks) and started
 * again takes it again, so that the program's threads are numbered as in
 * a run where it never ended.
 */
#define KF_OWN_KINDS 4
static unsigned int kf_own_number[KF_OWN_KINDS];
static int (*kf_own_kind)(void); /* kstub_own_thread(), if kstub has it */

typedef int (*kf_create_fn)(pthread_t *, const pthread_attr_t *,
			    void *(*)(void *), void *);
typedef int (*kf_join_fn)(pthread_t, void **);
static kf_create_fn kf_real_create;
static kf_join_fn kf_real_join;

static void kf_thread_ends(void *arg)
{
	(void)arg;
	kfault_sched_exit();
}

/* The start routine, and the scheduler told when the thread ends. */
static void *__attribute__((noinline)) kf_run(void *(*fn)(void *), void *arg)
{
	void *ret;

	pthread_cleanup_push(kf_thread_ends, NULL);
	ret = fn(arg);
	pthread_cleanup_pop(0);
	kfault_sched_exit();
	return ret;
}

static void *kf_start_routine(void *p)
{
	struct kf_start *st = p;
	void *(*fn)(void *) = st->fn;
	void *arg = st->arg;
	struct kfault_sched_thread *sched = st->sched;

	kfault_created_set(st->number, st->kind);
	__atomic_store_n(&st->busy, 0, __ATOMIC_RELEASE);
	if (!sched)
		return fn(arg);
	kfault_sched_start(sched);
	return kf_run(fn, arg);
}

/*
 * Who called our pthread_create.  A sanitizer's own thread (TSan starts
 * its background thread at the program's first pthread_create) is made
 * through the runtime's internal_start_thread: it is not the program's
 * and is not numbered.  A sanitizer's pthread_create interceptor (named
 * pthread_create, or __interceptor_pthread_create) passes its own start
 * function, which must run before its creator returns.
 */
static bool kf_runtime_thread(const struct kfault_frame *f)
{
	return f->func && strstr(f->func, "internal_start_thread");
}

static bool kf_interposed(const struct kfault_frame *f)
{
	size_t n = f->func ? strlen(f->func) : 0;

	return n >= 14 && !strcmp(f->func + n - 14, "pthread_create");
}

static struct kf_start *kf_claim_start(void)
{
	unsigned int i, n;
	int idle;

	for (i = 0; i < KF_STARTS; i++) {
		n = __atomic_fetch_add(&kf_next_start, 1, __ATOMIC_RELAXED);
		idle = 0;
		if (__atomic_compare_exchange_n(
			    &kf_starts[n % KF_STARTS].busy, &idle, 1, false,
			    __ATOMIC_ACQUIRE, __ATOMIC_RELAXED))
			return &kf_starts[n % KF_STARTS];
	}
	return NULL;
}

static void kf_resolve(void)
{
	if (!kf_real_create)
		kf_real_create =
			(kf_create_fn)dlsym(RTLD_NEXT, "pthread_create");
	if (!kf_real_join)
		kf_real_join = (kf_join_fn)dlsym(RTLD_NEXT, "pthread_join");
}

KF_EXPORT int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
			     void *(*fn)(void *), void *arg)
{
	struct kfault_frame caller;
	struct kf_start *st;
	int ret;

	if (!kf_real_create) {
		kf_resolve();
		if (!kf_real_create)
			return EAGAIN;
	}
	if (!__atomic_load_n(&kf_numbering, __ATOMIC_ACQUIRE))
		return kf_real_create(thread, attr, fn, arg);
	kfault_symbolize((uintptr_t)__builtin_return_address(0), &caller);
	if (kf_runtime_thread(&caller)) {
		ret = kf_real_create(thread, attr, fn, arg);
		if (!ret)
			kf_inc(&kf_runtime);
		return ret;
	}
	st = kf_claim_start();
	if (!st) /* KF_STARTS children not yet started: this one unnumbered */
		return kf_real_create(thread, attr, fn, arg);
	st->fn = fn;
	st->arg = arg;
	st->kind = kf_own_kind ? kf_own_kind() : 0;
	if (st->kind >= KF_OWN_KINDS)
		st->kind = 0;
	st->number = st->kind ? kf_own_number[st->kind] : 0;
	if (!st->number)
		st->number =
			__atomic_add_fetch(&kf_created, 1, __ATOMIC_RELAXED);
	if (st->kind)
		kf_own_number[st->kind] = st->number;
	st->sched = kfault_sched_spawn(kf_interposed(&caller));
	ret = kf_real_create(thread, attr, kf_start_routine, st);
	kfault_sched_spawned(st->sched, !ret, ret ? 0 : *thread);
	if (ret)
		__atomic_store_n(&st->busy, 0, __ATOMIC_RELEASE);
	return ret;
}

KF_EXPORT int pthread_join(pthread_t thread, void **retval)
{
	if (!kf_real_join) {
		kf_resolve();
		if (!kf_real_join)
			return ENOSYS;
	}
	if (__atomic_load_n(&kf_numbering, __ATOMIC_ACQUIRE))
		kfault_sched_join(thread, __builtin_return_address(0));
	return kf_real_join(thread, retval);
}

unsigned int kfault_runtime_threads(void)
{
	return kf_load(&kf_runtime);
}

void kfault_spawn_arm(void)
{
	kf_resolve();
	kf_own_kind = (int (*)(void))dlsym(RTLD_DEFAULT, "kstub_own_thread");
	__atomic_store_n(&kf_numbering, true, __ATOMIC_RELEASE);
}

/* The child of fork: only this thread; it keeps its number. */
void kfault_spawn_atfork_child(void)
{
	unsigned int i;

	for (i = 0; i < KF_STARTS; i++)
		kf_starts[i].busy = 0;
}
