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
 */
#include "config.h"

#include <dlfcn.h>
#include <errno.h>
#include <pthread.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kfault.h"

#define KF_EXPORT __attribute__((visibility("default")))
#define KF_STARTS 4096 /* creations whose child has not started yet */

struct kf_start {
	int busy; /* claimed by a creator, until the child reads it */
	unsigned int number;
	void *(*fn)(void *);
	void *arg;
};

static struct kf_start kf_starts[KF_STARTS];
static unsigned int kf_created = 1; /* the main thread */
/* Numbering starts when the shim arms: a sanitizer's own threads, made
 * before main, stay unnumbered and do not shift the program's. */
static bool kf_numbering;
static unsigned int kf_next_start;
static __thread unsigned int kf_my_number KFAULT_TLS;

typedef int (*kf_create_fn)(pthread_t *, const pthread_attr_t *,
			    void *(*)(void *), void *);
static kf_create_fn kf_real_create;

unsigned int kfault_spawn_number(void)
{
	if (kf_my_number)
		return kf_my_number;
	/* Not created through pthread_create: the main thread, or unknown. */
	return syscall(SYS_gettid) == getpid() ? 1 : 0;
}

static void *kf_start_routine(void *p)
{
	struct kf_start *st = p;
	void *(*fn)(void *) = st->fn;
	void *arg = st->arg;

	kf_my_number = st->number;
	__atomic_store_n(&st->busy, 0, __ATOMIC_RELEASE);
	return fn(arg);
}

/*
 * A sanitizer's own thread (TSan starts its background thread at the
 * program's first pthread_create): made through the runtime's
 * internal_start_thread, it is not the program's and is not numbered.
 */
static bool kf_runtime_thread(const void *caller)
{
	struct kfault_frame f;

	kfault_symbolize((uintptr_t)caller, &f);
	return f.func && strstr(f.func, "internal_start_thread");
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

KF_EXPORT int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
			     void *(*fn)(void *), void *arg)
{
	struct kf_start *st;
	int ret;

	if (!kf_real_create) {
		kf_real_create =
			(kf_create_fn)dlsym(RTLD_NEXT, "pthread_create");
		if (!kf_real_create)
			return EAGAIN;
	}
	if (!__atomic_load_n(&kf_numbering, __ATOMIC_ACQUIRE) ||
	    kf_runtime_thread(__builtin_return_address(0)))
		return kf_real_create(thread, attr, fn, arg);
	st = kf_claim_start();
	if (!st) /* KF_STARTS children not yet started: this one unnumbered */
		return kf_real_create(thread, attr, fn, arg);
	st->fn = fn;
	st->arg = arg;
	st->number = __atomic_add_fetch(&kf_created, 1, __ATOMIC_RELAXED);
	ret = kf_real_create(thread, attr, kf_start_routine, st);
	if (ret)
		__atomic_store_n(&st->busy, 0, __ATOMIC_RELEASE);
	return ret;
}

void kfault_spawn_arm(void)
{
	__atomic_store_n(&kf_numbering, true, __ATOMIC_RELEASE);
}

/* The child of fork: only this thread; it keeps its number. */
void kfault_spawn_atfork_child(void)
{
	unsigned int i;

	for (i = 0; i < KF_STARTS; i++)
		kf_starts[i].busy = 0;
}
