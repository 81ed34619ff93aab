// SPDX-License-Identifier: GPL-2.0-only
/*
 * The program the shim tests drive: allocations in named functions, each
 * printed as '.' (succeeded) or 'X' (failed), so a shell test can check
 * exactly which calls an injected fault hit.  Everything it allocates it
 * frees: any leak or fault it reports comes from the spec.
 *
 * shim-alloc seq N          N kmalloc(100) calls
 * shim-alloc nofail N       N kmalloc(100, GFP_KERNEL | __GFP_NOFAIL)
 * shim-alloc stack N        N rounds of alpha() then beta(), one each
 * shim-alloc threads N      two threads, N calls each, one line each
 * shim-alloc segv           one kmalloc, then use the result unchecked
 * shim-alloc fork N         child and parent make N calls each
 * shim-alloc trace          locks, RCU and allocations in two threads
 * shim-alloc uaf            read after kfree (for ASan builds only)
 * shim-alloc warn N         N WARN_ON(1)
 * shim-alloc errno N        N mutex_lock/unlock pairs; is errno kept?
 * shim-alloc rcu-exit       exit() inside rcu_read_lock, one object live
 * shim-alloc kfree-rcu N    N objects freed with kfree_rcu, then rcu_barrier
 * shim-alloc inline N       N kmalloc calls from a function inlined into
 *                           inline_outer()
 * shim-alloc spawn N        10 N threads one after another, one kmalloc each
 * shim-alloc paths N        N rounds of 20,000 allocations, each from its
 *                           own call stack (a path of 15 left/right turns)
 * shim-alloc window N       main: one kmalloc, then N mutex_lock/unlock
 *                           pairs; a worker, only once that kmalloc is
 *                           done: N pairs too
 * shim-alloc phases N       main: N objects, each freed with kfree_rcu;
 *                           then a thread allocates N while main waits
 *                           in pthread_join; then main N more (a fork
 *                           server forks the first and last N points,
 *                           and runs the thread's anew)
 */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/bug.h>
#include <linux/completion.h>
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

static char pattern[2][4096];

static void mark(char *p, int i, void *obj)
{
	p[i] = obj ? '.' : 'X';
	p[i + 1] = '\0';
	kfree(obj);
}

static void seq(int n, gfp_t gfp)
{
	int i;

	for (i = 0; i < n; i++)
		mark(pattern[0], i, kmalloc(100, gfp));
	printf("%s\n", pattern[0]);
}

static noinline void *alpha(void)
{
	return kmalloc(32, GFP_KERNEL);
}

static noinline void *beta(void)
{
	return kzalloc(64, GFP_KERNEL);
}

/* alpha's calls are even positions, beta's odd ones. */
static void stack(int n)
{
	int i;

	for (i = 0; i < n; i++) {
		mark(pattern[0], 2 * i, alpha());
		mark(pattern[0], 2 * i + 1, beta());
	}
	printf("%s\n", pattern[0]);
}

static int thread_calls;

static void *worker(void *arg)
{
	char *p = arg;
	int i;

	for (i = 0; i < thread_calls; i++)
		mark(p, i, kmalloc(100, GFP_KERNEL));
	return NULL;
}

static void *spawned(void *arg)
{
	kfree(kmalloc(8, GFP_KERNEL));
	return arg;
}

/* N threads, one after another: more than the shim has slots for. */
static void spawn(int n)
{
	pthread_t t;

	while (n--) {
		if (pthread_create(&t, NULL, spawned, NULL))
			break;
		pthread_join(t, NULL);
	}
	printf("spawned\n");
}

static void threads(int n)
{
	pthread_t t[2];
	int i;

	thread_calls = n;
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, pattern[i]);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("%s\n%s\n", pattern[0], pattern[1]);
}

static noinline void segv(void)
{
	int *p = kmalloc(sizeof(*p), GFP_KERNEL);

	fflush(stdout);
	/* The planted bug: no NULL check. */
	*(volatile int *)p = 1;
	kfree(p);
}

static noinline int uaf(void)
{
	int *p = kmalloc(sizeof(*p), GFP_KERNEL);

	if (!p)
		return 1;
	*p = 1;
	kfree(p);
	fflush(stdout);
	/* The planted bug: a use after free. */
	return *(volatile int *)p;
}

static noinline void warn(int n)
{
	int i;

	for (i = 0; i < n; i++)
		WARN_ON(i >= 0);
	printf("warned\n");
}

static DEFINE_MUTEX(errno_mutex);

/* The hook may sleep, unwind, write and map: errno must survive it. */
static noinline void errno_kept(int n)
{
	int i, lost = 0;

	for (i = 0; i < n; i++) {
		errno = EDOM;
		mutex_lock(&errno_mutex);
		lost += errno != EDOM;
		errno = ERANGE;
		mutex_unlock(&errno_mutex);
		lost += errno != ERANGE;
	}
	printf("errno lost %d times\n", lost);
}

static noinline void rcu_exit(void)
{
	static void *live;

	rcu_read_lock();
	live = kmalloc(8, GFP_ATOMIC);
	printf("exiting under rcu_read_lock\n");
	exit(live ? 0 : 1);
}

static int forked(int n)
{
	pid_t pid;
	int status;

	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		seq(n, GFP_KERNEL);
		exit(0);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	seq(n, GFP_KERNEL);
	return WEXITSTATUS(status);
}

#define PATHS 20000
#define PATH_DEPTH 15 /* 2^15 > PATHS */

static noinline void descend(int d, unsigned int p);

static noinline void left(int d, unsigned int p)
{
	descend(d, p);
	barrier();
}

static noinline void right(int d, unsigned int p)
{
	descend(d, p);
	barrier();
}

/* The stack below here spells @p: one distinct stack per path. */
static noinline void descend(int d, unsigned int p)
{
	if (!d) {
		kfree(kmalloc(16, GFP_KERNEL));
		return;
	}
	if (p & 1)
		left(d - 1, p >> 1);
	else
		right(d - 1, p >> 1);
	barrier();
}

static void paths(int n)
{
	unsigned int p;

	while (n--)
		for (p = 0; p < PATHS; p++)
			descend(PATH_DEPTH, p);
	printf("paths\n");
}

static __always_inline void *inline_inner(void)
{
	return kmalloc(32, GFP_KERNEL);
}

static noinline void inline_outer(int n)
{
	int i;

	for (i = 0; i < n; i++)
		mark(pattern[0], i, inline_inner());
	printf("%s\n", pattern[0]);
	barrier();
}

struct rcu_obj {
	long v;
	struct rcu_head rcu;
};

static noinline void *before_thread(void)
{
	return kmalloc(sizeof(struct rcu_obj), GFP_KERNEL);
}

static noinline void *after_thread(void)
{
	return kmalloc(24, GFP_KERNEL);
}

static void phases(int n)
{
	struct rcu_obj *o;
	pthread_t t;
	int i;

	/* written before any point (a fork server's child copies it) */
	printf("phases %d\n", n);
	fflush(stdout);
	for (i = 0; i < n; i++) {
		o = before_thread();
		pattern[0][i] = o ? '.' : 'X';
		pattern[0][i + 1] = '\0';
		if (o)
			kfree_rcu(o, rcu);
	}
	thread_calls = n;
	if (pthread_create(&t, NULL, worker, pattern[1]) ||
	    pthread_join(t, NULL))
		exit(2);
	/* buffered when the last points fork (the child has it too) */
	printf("joined\n");
	for (i = 0; i < n; i++)
		mark(pattern[1], n + i, after_thread());
	rcu_barrier();
	printf("%s\n%s\n", pattern[0], pattern[1]);
}

static noinline void kfree_rcu_n(int n)
{
	struct rcu_obj *o;

	while (n--) {
		o = kmalloc(sizeof(*o), GFP_KERNEL | __GFP_NOFAIL);
		kfree_rcu(o, rcu);
	}
	rcu_barrier();
	printf("freed\n");
}

static DEFINE_MUTEX(trace_mutex);
static DEFINE_SPINLOCK(trace_spin);
static int *trace_ptr;

static void *tracer(void *arg)
{
	int i, *p, *q;

	for (i = 0; i < 50; i++) {
		mutex_lock(&trace_mutex);
		p = kmalloc(sizeof(*p), GFP_KERNEL);
		if (p)
			*p = i;
		spin_lock(&trace_spin);
		q = trace_ptr;
		trace_ptr = p;
		spin_unlock(&trace_spin);
		mutex_unlock(&trace_mutex);
		kfree(q);
		rcu_read_lock();
		rcu_read_lock();
		rcu_read_unlock();
		rcu_read_unlock();
	}
	return NULL;
}

static void trace(void)
{
	pthread_t t[2];
	int i;

	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, tracer, NULL);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	synchronize_rcu();
	kfree(trace_ptr);
	printf("traced\n");
}

static DEFINE_MUTEX(window_mutex);
static DECLARE_COMPLETION(window_allocated);
static int window_n;

static void window_pairs(void)
{
	int i;

	for (i = 0; i < window_n; i++) {
		mutex_lock(&window_mutex);
		mutex_unlock(&window_mutex);
	}
}

static void *window_worker(void *arg)
{
	wait_for_completion(&window_allocated);
	window_pairs();
	return NULL;
}

/* The worker's sites all come after main's kmalloc, whatever the timing. */
static void window(int n)
{
	pthread_t t;
	void *p;

	window_n = n;
	pthread_create(&t, NULL, window_worker, NULL);
	p = kmalloc(100, GFP_KERNEL);
	putchar(p ? '.' : 'X');
	complete(&window_allocated);
	window_pairs();
	pthread_join(t, NULL);
	kfree(p);
	putchar('\n');
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	int n = argc > 2 ? atoi(argv[2]) : 10;

	if (n < 1 || n > 2000) {
		fprintf(stderr, "shim-alloc: N must be 1..2000\n");
		return 2;
	}
	if (!strcmp(mode, "seq"))
		seq(n, GFP_KERNEL);
	else if (!strcmp(mode, "nofail"))
		seq(n, GFP_KERNEL | __GFP_NOFAIL);
	else if (!strcmp(mode, "stack"))
		stack(n);
	else if (!strcmp(mode, "threads"))
		threads(n);
	else if (!strcmp(mode, "segv"))
		segv();
	else if (!strcmp(mode, "fork"))
		return forked(n);
	else if (!strcmp(mode, "trace"))
		trace();
	else if (!strcmp(mode, "rcu-exit"))
		rcu_exit();
	else if (!strcmp(mode, "errno"))
		errno_kept(n);
	else if (!strcmp(mode, "warn"))
		warn(n);
	else if (!strcmp(mode, "uaf"))
		return uaf();
	else if (!strcmp(mode, "spawn"))
		spawn(n * 10);
	else if (!strcmp(mode, "inline"))
		inline_outer(n);
	else if (!strcmp(mode, "kfree-rcu"))
		kfree_rcu_n(n);
	else if (!strcmp(mode, "paths"))
		paths(n);
	else if (!strcmp(mode, "window"))
		window(n);
	else if (!strcmp(mode, "phases"))
		phases(n);
	else {
		fprintf(stderr, "usage: shim-alloc "
				"seq|nofail|stack|threads|segv|fork|trace|uaf|"
				"warn|kfree-rcu|paths|window|phases [N]\n");
		return 2;
	}
	return 0;
}
