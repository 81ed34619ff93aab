// SPDX-License-Identifier: GPL-2.0-only
/*
 * Per-thread state: a slot per thread in registration order, never
 * reused (so the report sees threads that have exited), and each
 * thread's PRNG stream, derived from the one seed and the thread's
 * number so that a run replays by its seed.  Past KFAULT_MAX_THREADS,
 * threads share one last slot and their counts are merged.  Each thread
 * also carries its creation number, which spawn.c gives the threads it
 * starts.
 */
#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "kfault.h"

static __thread struct kfault_thread *kf_self_p KFAULT_TLS;
static __thread unsigned int kf_created_nr KFAULT_TLS;
static __thread unsigned int kf_own_kind KFAULT_TLS; /* kstub's thread */
/* The slot (from 1) of kstub's own thread of each kind, once it had one. */
#define KF_OWN_KINDS 4
static unsigned int kf_own_slot[KF_OWN_KINDS];

/* Thread slots: mmap'd by the constructor; one shared overflow slot. */
static struct kfault_thread *kf_threads;
static unsigned int kf_nthreads;

int kfault_threads_init(void)
{
	void *p = mmap(NULL, sizeof(*kf_threads) * (KFAULT_MAX_THREADS + 1),
		       PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return -1;
	kf_threads = p;
	return 0;
}

void kfault_created_set(unsigned int n, unsigned int kind)
{
	kf_created_nr = n;
	kf_own_kind = kind < KF_OWN_KINDS ? kind : 0;
}

unsigned int kfault_created_number(void)
{
	if (kf_created_nr)
		return kf_created_nr;
	/* Not created through pthread_create: the main thread, or unknown. */
	return syscall(SYS_gettid) == getpid() ? 1 : 0;
}

static uint64_t kf_splitmix(uint64_t *x)
{
	uint64_t z = (*x += UINT64_C(0x9e3779b97f4a7c15));

	z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
	z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
	return z ^ (z >> 31);
}

uint64_t kfault_random(struct kfault_thread *t)
{
	return kf_splitmix(&t->prng);
}

/* By multiplication rather than a division. */
uint64_t kfault_below(struct kfault_thread *t, uint64_t n)
{
	return (uint64_t)(((unsigned __int128)kfault_random(t) * n) >> 64);
}

void kfault_thread_name(struct kfault_thread *t)
{
	char name[sizeof(t->name)] = "";
	int saved_errno = errno;

	if (!prctl(PR_GET_NAME, name, 0, 0, 0))
		memcpy(t->name, name, sizeof(name));
	t->name[sizeof(t->name) - 1] = '\0';
	errno = saved_errno;
}

/*
 * kstub's own thread of a kind that had a slot, started again after
 * kstub ended it: the same thread as far as the report goes.
 */
static struct kfault_thread *kf_own_again(void)
{
	unsigned int slot = kf_load(&kf_own_slot[kf_own_kind]);
	struct kfault_thread *t = &kf_threads[slot - 1];
	int saved_errno = errno;

	t->tid = syscall(SYS_gettid);
	errno = saved_errno;
	kfault_thread_name(t);
	kf_self_p = t;
	return t;
}

static struct kfault_thread *kf_register(void)
{
	unsigned int id;
	int saved_errno = errno;
	struct kfault_thread *t;
	uint64_t x;

	if (kf_own_kind && kf_load(&kf_own_slot[kf_own_kind]))
		return kf_own_again();
	id = __atomic_fetch_add(&kf_nthreads, 1, __ATOMIC_RELAXED);

	if (id >= KFAULT_MAX_THREADS) {
		/* Said once: thread= and per_thread= cannot tell these apart. */
		if (id == KFAULT_MAX_THREADS) {
			static const char msg[] =
				"kfault: more than 4096 threads: the rest "
				"share "
				"one slot (their counts merge; thread= and "
				"per_thread=1 cannot tell them apart)\n";
			ssize_t n = write(2, msg, sizeof(msg) - 1);

			(void)n;
		}
		id = KFAULT_MAX_THREADS;
	}
	t = &kf_threads[id];
	t->id = id + 1;
	t->tid = syscall(SYS_gettid);
	errno = saved_errno;
	x = kf_cfg.seed ^ ((uint64_t)(id + 1) << 32);
	t->prng = kf_splitmix(&x);
	kfault_thread_name(t);
	t->created = kfault_created_number();
	if (kf_own_kind && id < KFAULT_MAX_THREADS)
		kf_store(&kf_own_slot[kf_own_kind], id + 1);
	kf_self_p = t;
	return t;
}

struct kfault_thread *kfault_self(void)
{
	return kf_self_p ? kf_self_p : kf_register();
}

/* Threads that ever reached a site, those past the last slot included. */
unsigned int kfault_threads_seen(void)
{
	return __atomic_load_n(&kf_nthreads, __ATOMIC_RELAXED);
}

unsigned int kfault_nr_threads(void)
{
	unsigned int n = __atomic_load_n(&kf_nthreads, __ATOMIC_RELAXED);

	return n > KFAULT_MAX_THREADS ? KFAULT_MAX_THREADS + 1 : n;
}

struct kfault_thread *kfault_thread_slot(unsigned int i)
{
	return &kf_threads[i];
}

/*
 * In a forked child the counts and traces describe the parent: start them
 * again.  Per-thread rule progress (per_thread fail_nth) carries on.
 */
void kfault_threads_atfork_child(void)
{
	unsigned int i, n = kfault_nr_threads();

	for (i = 0; i < n; i++) {
		struct kfault_thread *t = &kf_threads[i];

		memset(t->seen, 0, sizeof(t->seen));
		memset(t->eligible, 0, sizeof(t->eligible));
		t->trace_len = 0;
		t->trace_dropped = 0;
	}
}
