// SPDX-License-Identifier: GPL-2.0-only
/*
 * Leak accounting: exact live objects and bytes per allocation site, a
 * deliberate leak reported with its site, nothing after the frees (also
 * across threads and after RCU callbacks), a full site table, and the
 * KSTUB_LEAK_CHECK=1 exit check with its exit status.
 */
#include "config.h"

#include <stdint.h>
#include <sys/wait.h>

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <kstub/leak.h>

#include "harness.h"

struct site_sum {
	const char *fn;
	int sites;
	unsigned long objects;
	size_t bytes;
};

static void sum_site(const struct kstub_leak_site *site, void *arg)
{
	struct site_sum *sum = arg;
	char sym[256];
	size_t n = strlen(sum->fn);

	if (!site->caller)
		return;
	kstub_symbolize(site->caller, sym, sizeof(sym));
	if (strncmp(sym, sum->fn, n) || sym[n] != '+')
		return;
	sum->sites++;
	sum->objects += site->objects;
	sum->bytes += site->bytes;
}

static struct site_sum site_of(const char *fn)
{
	struct site_sum sum = {.fn = fn};

	kstub_leak_for_each(0, sum_site, &sum);
	return sum;
}

/* The asm keeps the calls from being tail calls, which would charge main */
static noinline void *alloc_a(size_t n)
{
	void *p = kmalloc(n, GFP_KERNEL);

	OPTIMIZER_HIDE_VAR(p);
	return p;
}

static noinline void *alloc_b(size_t n)
{
	void *p = kzalloc(n, GFP_KERNEL);

	OPTIMIZER_HIDE_VAR(p);
	return p;
}

static noinline void t_per_site(void)
{
	unsigned long objects = kstub_live_objects();
	size_t bytes = kstub_live_bytes();
	void *a[3], *b[2];
	struct site_sum s;

	a[0] = alloc_a(10);
	a[1] = alloc_a(20);
	a[2] = alloc_a(30);
	b[0] = alloc_b(5);
	b[1] = alloc_b(5);
	s = site_of("alloc_a");
	ok(s.sites == 1 && s.objects == 3 && s.bytes == 60,
	   "three objects, 60 bytes at alloc_a's site");
	s = site_of("alloc_b");
	ok(s.sites == 1 && s.objects == 2 && s.bytes == 10,
	   "two objects, 10 bytes at alloc_b's site");
	is_int(kstub_live_objects(), objects + 5, "live objects in all");
	is_int(kstub_live_bytes(), bytes + 70, "live bytes in all");
	kfree(a[0]);
	s = site_of("alloc_a");
	ok(s.objects == 2 && s.bytes == 50, "a free credits its site");
	b[0] = krealloc(b[0], 3, GFP_KERNEL);
	s = site_of("alloc_b");
	ok(s.objects == 2 && s.bytes == 8, "krealloc in place moves the bytes");
	b[1] = krealloc(b[1], 1000, GFP_KERNEL);
	s = site_of("alloc_b");
	ok(s.objects == 1 && s.bytes == 3,
	   "a moving krealloc credits the old site");
	s = site_of("t_per_site");
	ok(s.objects == 1 && s.bytes == 1000, "and charges krealloc's caller");
	kfree(a[1]);
	kfree(a[2]);
	kfree(b[0]);
	kfree(b[1]);
	ok(site_of("alloc_a").objects == 0 && site_of("alloc_b").objects == 0 &&
		   site_of("t_per_site").objects == 0,
	   "no site has live objects after the frees");
	is_int(kstub_live_objects(), objects, "nor in all");
	is_int(kstub_live_bytes(), bytes, "bytes back too");
}

static void t_check(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *out;
	void *p;

	p = alloc_a(30);
	out = open_memstream(&text, &len);
	is_int(kstub_leak_check(out), 1, "kstub_leak_check counts the leak");
	fclose(out);
	ok(text && strstr(text, "alloc_a+") &&
		   strstr(text, "1 object, 30 bytes"),
	   "and names its site, objects and bytes");
	diag("%s", text ? text : "");
	free(text);
	kfree(p);
	out = fopen("/dev/null", "w");
	is_int(kstub_leak_check(out), 0, "nothing once it is freed");
	fclose(out);
}

struct deferred {
	long payload;
	struct rcu_head rcu;
};

static void deferred_free(struct rcu_head *head)
{
	kfree(container_of(head, struct deferred, rcu));
}

static void t_rcu(void)
{
	struct deferred *d = kmalloc(sizeof(*d), GFP_KERNEL);
	FILE *out = fopen("/dev/null", "w");

	call_rcu(&d->rcu, deferred_free);
	is_int(kstub_leak_check(out), 0,
	       "kstub_leak_check waits for pending RCU callbacks");
	fclose(out);
}

#define HANDOFF 64

static void *thread_alloc(void *arg, int i)
{
	void **slots = arg;
	int j;

	for (j = 0; j < HANDOFF; j++)
		slots[i * HANDOFF + j] = alloc_b(8);
	return NULL;
}

static void *thread_free(void *arg, int i)
{
	void **slots = arg;
	int j;

	/* each thread frees what the other allocated */
	for (j = 0; j < HANDOFF; j++)
		kfree(slots[(1 - i) * HANDOFF + j]);
	return NULL;
}

static void t_threads(void)
{
	void *slots[2 * HANDOFF];
	struct site_sum s;

	run_threads(2, thread_alloc, slots);
	s = site_of("alloc_b");
	ok(s.objects == 2 * HANDOFF && s.bytes == 2 * HANDOFF * 8,
	   "allocations from two threads add up at one site");
	run_threads(2, thread_free, slots);
	s = site_of("alloc_b");
	ok(s.objects == 0 && s.bytes == 0, "frees on other threads credit it");
}

static void count_other(const struct kstub_leak_site *site, void *arg)
{
	if (!site->caller)
		*(unsigned long *)arg += site->objects;
}

/* Last: it fills the site table for good. */
static void t_full_table(void)
{
	enum { N = 20000 }; /* more than the table's 16384 slots */
	unsigned long objects = kstub_live_objects(), other = 0;
	static void *p[N];
	int i;

	for (i = 0; i < N; i++)
		p[i] = __kmalloc_node_track_caller(1, GFP_KERNEL, NUMA_NO_NODE,
						   0x100000 + 16 * i);
	is_int(kstub_live_objects(), objects + N,
	       "20000 sites: every object is still counted");
	kstub_leak_for_each(0, count_other, &other);
	ok(other >= N - 16384 && other < N,
	   "the sites that did not fit are counted as other sites (%lu)",
	   other);
	for (i = 0; i < N; i++)
		kfree(p[i]);
	is_int(kstub_live_objects(), objects, "and credited back");
}

static void exit_child(const char *mode)
{
	void *p = alloc_a(40);

	if (!strcmp(mode, "clean"))
		kfree(p);
	exit(!strcmp(mode, "failing") ? 3 : 0);
}

/* Runs this program again in @mode with KSTUB_LEAK_CHECK=1. */
static int run_exit_child(const char *mode, const char **err)
{
	int status;
	pid_t pid;

	capture_begin();
	pid = fork();
	if (pid == 0) {
		setenv("KSTUB_LEAK_CHECK", "1", 1);
		/* LeakSanitizer would report the same object again */
		setenv("ASAN_OPTIONS", "detect_leaks=0", 1);
		execl("/proc/self/exe", "leak", mode, (char *)NULL);
		_exit(127);
	}
	waitpid(pid, &status, 0);
	*err = capture_end();
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void t_exit_check(void)
{
	const char *err;

	is_int(run_exit_child("leaking", &err), KSTUB_LEAK_EXIT_STATUS,
	       "KSTUB_LEAK_CHECK=1: a leak makes exit status 0 into %d",
	       KSTUB_LEAK_EXIT_STATUS);
	ok(strstr(err, "alloc_a+") && strstr(err, "40 bytes"),
	   "and the leak is printed with its site");
	is_int(run_exit_child("clean", &err), 0, "no leak, status 0");
	ok(!strstr(err, "leak"), "and nothing printed");
	is_int(run_exit_child("failing", &err), 3, "a non-zero status is kept");
}

int main(int argc, char **argv)
{
	if (argc > 1)
		exit_child(argv[1]);
	plan(25);
	t_per_site();
	t_check();
	t_rcu();
	t_threads();
	t_exit_check();
	t_full_table();
	return exit_status();
}
