/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The harness of the kstub tests: a kstub_hook that counts every site,
 * records the main thread's last site of each class and fails sites on
 * demand; a capture of what kstub writes to stderr; a thread launcher.
 *
 * Include from exactly one file a program.  Every program here is linked
 * with -export-dynamic (tests/kstub/Makefile.am), so this kstub_hook
 * replaces libkstub's default: libkstub calls it through the PLT, and the
 * executable comes first in symbol lookup.
 *
 * The hook may run on any thread (see <kstub/hook.h>): the counters and
 * the failure budget are atomics; the recorded sites are written and read
 * by the main thread only.
 */
#ifndef KSTUB_TESTS_HARNESS_H
#define KSTUB_TESTS_HARNESS_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kstub/hook.h>
#include <kstub/leak.h>
#include <kstub/report.h>
#include "tap.h"

#define HARNESS_BIT(cls) (1UL << (cls))
#define HARNESS_ALLOCS \
	(HARNESS_BIT(KSTUB_SITE_slab) | HARNESS_BIT(KSTUB_SITE_vmalloc))

static struct {
	unsigned long count[KSTUB_NR_SITE_CLASSES];
	/* the last site of each class the main thread reported */
	struct kstub_site last[KSTUB_NR_SITE_CLASSES];
	/* fail this many more sites whose class is in fail_mask */
	unsigned long fail_mask;
	int fail_skip; /* let this many of those sites through first */
	int fail_left;
	pthread_t main;
} harness;

/* Constructors run on the main thread, before main() and any site. */
static __attribute__((constructor)) void harness_init(void)
{
	harness.main = pthread_self();
}

/* Takes one from the count *@n; false once it is 0. */
static bool harness_take(int *n)
{
	int left = __atomic_load_n(n, __ATOMIC_RELAXED);

	while (left > 0)
		if (__atomic_compare_exchange_n(n, &left, left - 1, false,
						__ATOMIC_RELAXED,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

/* Takes one failure from the budget, once the sites to skip are passed. */
static bool harness_take_failure(void)
{
	if (harness_take(&harness.fail_skip))
		return false;
	return harness_take(&harness.fail_left);
}

/* A test's own look at every site, from the hook (may be NULL). */
static void (*harness_observer)(const struct kstub_site *site);

bool kstub_hook(const struct kstub_site *site)
{
	void (*observe)(const struct kstub_site *) =
		__atomic_load_n(&harness_observer, __ATOMIC_ACQUIRE);
	unsigned long mask;

	if (observe)
		observe(site);
	__atomic_add_fetch(&harness.count[site->cls], 1, __ATOMIC_RELAXED);
	if (pthread_equal(pthread_self(), harness.main))
		harness.last[site->cls] = *site;
	mask = __atomic_load_n(&harness.fail_mask, __ATOMIC_RELAXED);
	if (!(mask & HARNESS_BIT(site->cls)))
		return false;
	return harness_take_failure();
}

static inline void harness_fail_after(unsigned long mask, int skip, int n)
{
	__atomic_store_n(&harness.fail_skip, skip, __ATOMIC_RELAXED);
	__atomic_store_n(&harness.fail_left, n, __ATOMIC_RELAXED);
	__atomic_store_n(&harness.fail_mask, n ? mask : 0, __ATOMIC_RELAXED);
}

static inline void harness_fail(unsigned long mask, int n)
{
	harness_fail_after(mask, 0, n);
}

/* Fail the next @n sites of class @cls, on any thread (0: stop failing). */
static inline void fail_next(enum kstub_site_class cls, int n)
{
	harness_fail(HARNESS_BIT(cls), n);
}

/* Fail the next @n allocations (slab or vmalloc sites), on any thread. */
static inline void fail_allocs(int n)
{
	harness_fail(HARNESS_ALLOCS, n);
}

/* Let @skip allocations through, then fail the next @n (0: stop failing). */
static inline void fail_allocs_after(int skip, int n)
{
	harness_fail_after(HARNESS_ALLOCS, skip, n);
}

/* Failures asked for that no site has taken yet. */
static inline int fails_left(void)
{
	return __atomic_load_n(&harness.fail_left, __ATOMIC_RELAXED);
}

/* Sites of class @cls seen so far, on every thread. */
static inline unsigned long sites(enum kstub_site_class cls)
{
	return __atomic_load_n(&harness.count[cls], __ATOMIC_RELAXED);
}

/* The last site of class @cls the main thread reported. */
static inline const struct kstub_site *last_site(enum kstub_site_class cls)
{
	return &harness.last[cls];
}

static inline unsigned long reports(enum kstub_report_kind kind)
{
	return kstub_report_count(kind);
}

/* Live kernel objects once pending RCU callbacks have run. */
static inline unsigned long live_after_rcu(void)
{
	return kstub_leak_for_each(1, NULL, NULL);
}

/* Does the symbolized @pc name function @fn? */
static inline bool in_function(const void *pc, const char *fn)
{
	char sym[256];
	size_t n = strlen(fn);

	kstub_symbolize(pc, sym, sizeof(sym));
	if (strncmp(sym, fn, n) || sym[n] != '+') {
		diag("%p is %s, not in %s", pc, sym, fn);
		return false;
	}
	return true;
}

/* stderr (fd 2) is redirected to a temporary file until capture_end(). */
static struct {
	int saved;
	FILE *file;
	char text[32768];
} capture = {.saved = -1};

static inline void capture_begin(void)
{
	fflush(stderr);
	capture.file = tmpfile();
	capture.saved = dup(STDERR_FILENO);
	if (!capture.file || capture.saved < 0 ||
	    dup2(fileno(capture.file), STDERR_FILENO) < 0)
		bail_out("cannot redirect stderr");
}

/*
 * The text written since capture_begin() (a static buffer, overwritten by
 * the next capture), also copied to the real stderr for the test log.
 */
static inline const char *capture_end(void)
{
	size_t n;

	fflush(stderr);
	dup2(capture.saved, STDERR_FILENO);
	close(capture.saved);
	rewind(capture.file);
	n = fread(capture.text, 1, sizeof(capture.text) - 1, capture.file);
	capture.text[n] = '\0';
	fclose(capture.file);
	fputs(capture.text, stderr);
	return capture.text;
}

#ifdef _SYS_WAIT_H /* glibc's guard of <sys/wait.h> */
/*
 * Runs @fn(@arg) in a forked child, its stderr silenced if @quiet (a
 * negative control's expected crash report), and returns its exit status
 * (0 when @fn returns), or 128 + the signal that killed it.  For programs
 * that include <sys/wait.h>, before any kernel header (the uapi
 * <linux/wait.h> breaks it).
 */
static inline int run_in_child(void (*fn)(void *arg), void *arg, bool quiet)
{
	int status;
	pid_t pid;

	fflush(NULL);
	pid = fork();
	if (pid < 0)
		bail_out("fork failed");
	if (!pid) {
		if (quiet && !freopen("/dev/null", "w", stderr))
			_exit(4);
		fn(arg);
		exit(0);
	}
	if (waitpid(pid, &status, 0) != pid)
		bail_out("waitpid failed");
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
#endif

struct harness_thread {
	pthread_t tid;
	void *(*fn)(void *arg, int i);
	void *arg;
	int i;
};

static void *harness_thread_main(void *p)
{
	struct harness_thread *t = p;

	return t->fn(t->arg, t->i);
}

/* Runs @fn(@arg, i) on @n threads, i = 0 .. n - 1, and joins them all. */
static inline void run_threads(int n, void *(*fn)(void *arg, int i), void *arg)
{
	struct harness_thread *t = calloc(n, sizeof(*t));
	int i;

	if (!t)
		bail_out("calloc failed");
	for (i = 0; i < n; i++) {
		t[i] = (struct harness_thread){.fn = fn, .arg = arg, .i = i};
		if (pthread_create(&t[i].tid, NULL, harness_thread_main, &t[i]))
			bail_out("pthread_create failed");
	}
	for (i = 0; i < n; i++)
		if (pthread_join(t[i].tid, NULL))
			bail_out("pthread_join failed");
	free(t);
}

#endif
