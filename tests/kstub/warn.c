// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reports: WARN/WARN_ON/WARN_ON_ONCE counters and texts, the hook event,
 * BUG aborting (and KSTUB_BUG_CONTINUE), a failed pthread call aborting,
 * bad frees detected (plain and TSan builds) or handed to ASan, printk
 * levels and KERN_CONT, pr_debug, and the symbolizer.
 */
#include "config.h"

#include <signal.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>

#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/gfp.h>
#include <linux/rwsem.h>
#include <linux/slab.h>

#include "harness.h"

#define WARNS (kstub_report_count(KSTUB_REPORT_warn))
#define BAD_FREES (kstub_report_count(KSTUB_REPORT_bad_free))

static noinline int warn_if(int cond)
{
	return WARN_ON(cond);
}

static noinline void t_warn(void)
{
	unsigned long n = WARNS, events = sites(KSTUB_SITE_warn);
	const char *err;
	char where[64];
	int ret, line;

	capture_begin();
	ret = warn_if(0);
	err = capture_end();
	ok(ret == 0 && WARNS == n && !*err, "WARN_ON(0) reports nothing");
	capture_begin();
	ret = warn_if(1);
	err = capture_end();
	ok(ret == 1 && WARNS == n + 1, "WARN_ON(1) returns 1 and is counted");
	ok(strstr(err, "WARNING: at ") && strstr(err, "WARN_ON(cond)"),
	   "with the kernel's banner and the condition");
	ok(strstr(err, "Call Trace:\n warn_if+") && strstr(err, "t_warn+"),
	   "and a backtrace from the WARN's function up");
	is_int(sites(KSTUB_SITE_warn), events + 1, "the hook sees it");
	ok(last_site(KSTUB_SITE_warn)->size == KSTUB_REPORT_warn &&
		   in_function(last_site(KSTUB_SITE_warn)->caller, "warn_if"),
	   "as a warn event of kind warn at the WARN's site");

	capture_begin();
	line = __LINE__ + 1;
	ret = WARN(n < 100000, "shrinker %s has %d objects", "x", 5);
	err = capture_end();
	snprintf(where, sizeof(where), "%s:%d", __FILE__, line);
	ok(ret && strstr(err, "shrinker x has 5 objects") && strstr(err, where),
	   "WARN prints its message at file:line");
	is_int(kstub_report_total(),
	       WARNS + kstub_report_count(KSTUB_REPORT_bug) +
		       kstub_report_count(KSTUB_REPORT_sleep_in_atomic) +
		       kstub_report_count(KSTUB_REPORT_lockdep) +
		       kstub_report_count(KSTUB_REPORT_refcount) + BAD_FREES,
	       "kstub_report_total sums the kinds");
	ok(!strcmp(kstub_report_name(KSTUB_REPORT_bad_free), "bad_free"),
	   "kstub_report_name");
}

static noinline void t_warn_once(void)
{
	unsigned long n = WARNS;
	int i, fired = 0;

	capture_begin();
	for (i = 0; i < 3; i++)
		fired += WARN_ON_ONCE(i >= 0);
	for (i = 0; i < 3; i++)
		fired += WARN_ONCE(1, "second site %d", i);
	capture_end();
	is_int(fired, 6, "WARN_ON_ONCE and WARN_ONCE return the condition");
	is_int(WARNS, n + 2, "but report once per call site");
	ok(!WARN_ON_ONCE(0), "a false condition is false");
}

static int run_child(void (*fn)(void), const char *env, const char **err)
{
	int status;
	pid_t pid;

	capture_begin();
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (env)
			putenv((char *)env);
		fn();
		_exit(0);
	}
	waitpid(pid, &status, 0);
	*err = capture_end();
	return status;
}

static void bug_on_true(void)
{
	BUG_ON(1 + 1 == 2);
}

static void bug_on_false(void)
{
	BUG_ON(1 + 1 == 3);
}

static void *bug_thread(void *arg, int i)
{
	BUG();
	*(int *)arg = 1;
	return NULL;
}

static void bug_continue(void)
{
	unsigned long n = kstub_report_count(KSTUB_REPORT_bug);
	int after = 0;

	BUG_ON(1);
	if (kstub_report_count(KSTUB_REPORT_bug) != n + 1)
		_exit(1);
	run_threads(1, bug_thread, &after);
	_exit(after == 0 && kstub_report_count(KSTUB_REPORT_bug) == n + 2 ? 42
									  : 2);
}

static void t_bug(void)
{
	const char *err;
	int status;

	status = run_child(bug_on_true, NULL, &err);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	   "BUG_ON(true) aborts");
	ok(strstr(err, "BUG: at ") && strstr(err, "BUG_ON(1 + 1 == 2)"),
	   "after its report");
	status = run_child(bug_on_false, NULL, &err);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 0 && !*err,
	   "BUG_ON(false) does nothing");
	status = run_child(bug_continue, "KSTUB_BUG_CONTINUE=1", &err);
	ok(WIFEXITED(status) && WEXITSTATUS(status) == 42,
	   "KSTUB_BUG_CONTINUE=1: BUG_ON carries on, BUG() ends its thread");
}

static DECLARE_RWSEM(sem);

static void down_write_twice(void)
{
	down_write(&sem);
	down_write(&sem);
}

/*
 * The one failure of a pthread call kernel code can cause on purpose: a
 * writer's second down_write(), which glibc refuses with EDEADLK.  kstub
 * treats it as any failed pthread call, naming it and aborting, after
 * lockdep's report.
 */
static void t_pthread_die(void)
{
	const char *err;
	int status;

	status = run_child(down_write_twice, NULL, &err);
	ok(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT,
	   "a failed pthread call aborts");
	ok(strstr(err, "possible recursive locking detected") &&
		   strstr(err, "kstub: pthread_rwlock_wrlock() failed in ") &&
		   strstr(err, "locking.c:") && strstr(err, ": EDEADLK ("),
	   "after lockdep's report, naming the call, where, and the error");
}

static void double_free(void)
{
	void *p = kmalloc(32, GFP_KERNEL);

	kfree(p);
	kfree(p);
}

static noinline void t_bad_free(void)
{
	unsigned long n = BAD_FREES;
	const char *err;
	char *p;
	int status;

	p = kmalloc(64, GFP_KERNEL);
	memset(p, 0, 64);
	capture_begin();
	kfree(p);
	err = capture_end();
	ok(BAD_FREES == n && !*err, "a good kfree is not reported");
	if (!strcmp(tap_sanitizer(), "asan")) {
		/* ASan sees the real error and stops the child */
		status = run_child(double_free, NULL, &err);
		ok(WIFEXITED(status) && WEXITSTATUS(status) != 0 &&
			   strstr(err, "double-free"),
		   "ASan reports a double kfree");
		skip(4, "bad frees go to ASan in this build");
		return;
	}
	capture_begin();
	double_free();
	err = capture_end();
	ok(BAD_FREES == n + 1 && strstr(err, "BUG: bad free: kfree(") &&
		   strstr(err, "double free"),
	   "a double kfree is reported");
	{
		char stack[64] __aligned(16) = "";

		capture_begin();
		kfree(stack);
		err = capture_end();
	}
	ok(BAD_FREES == n + 2 && strstr(err, "not allocated by kstub"),
	   "kfree of a stack buffer is reported");
	ok(strstr(err, "caller: t_bad_free+"), "with the caller");
	p = kzalloc(64, GFP_KERNEL);
	capture_begin();
	kfree(p + 16);
	kfree(p + 1);
	err = capture_end();
	kfree(p);
	is_int(BAD_FREES, n + 4, "kfree of pointers into an object too");
	{
		long page = sysconf(_SC_PAGESIZE);
		char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		/* nothing mapped in front of it: no header to read */
		munmap(map, page);
		capture_begin();
		kfree(map + page);
		err = capture_end();
		munmap(map + page, page);
	}
	is_int(BAD_FREES, n + 5,
	       "kfree of a page with nothing mapped before it: reported");
}

static void t_printk(void)
{
	const char *err;
	int n;

	capture_begin();
	n = printk(KERN_ERR "err %d\n", 1);
	err = capture_end();
	ok(!strcmp(err, "err 1\n") && n == 6,
	   "printk prints without the level and returns the length");
	capture_begin();
	printk(KERN_DEBUG "debug\n");
	printk("no level\n");
	pr_warn("warn\n");
	err = capture_end();
	ok(!strcmp(err, "no level\nwarn\n"),
	   "KERN_DEBUG is below the console loglevel");
	capture_begin();
	pr_info("a");
	pr_cont("b");
	pr_cont("c\n");
	pr_info("x");
	pr_info("y\n");
	err = capture_end();
	ok(!strcmp(err, "abc\nx\ny\n"),
	   "KERN_CONT continues a line, another level closes it");
	capture_begin();
	printk(KERN_DEBUG "hidden");
	pr_cont(" also hidden\n");
	err = capture_end();
	ok(!*err, "a continuation of a hidden line is hidden");
	if (kstub_pr_debug_enabled()) {
		skip(1, "KSTUB_DEBUG=1 is set");
	} else {
		capture_begin();
		pr_debug("debug %d\n", 1);
		err = capture_end();
		ok(!*err, "pr_debug prints nothing without KSTUB_DEBUG=1");
	}
	ok(printk_get_level(KERN_WARNING "x") == '4' &&
		   !strcmp(printk_skip_level(KERN_CONT "y"), "y"),
	   "printk_get_level, printk_skip_level");
}

static void pr_debug_child(void)
{
	pr_debug("debug %d\n", 2);
}

static void t_pr_debug(void)
{
	const char *err;

	run_child(pr_debug_child, "KSTUB_DEBUG=1", &err);
	ok(!strcmp(err, "debug 2\n"), "pr_debug prints with KSTUB_DEBUG=1");
}

static noinline void t_symbolize(void)
{
	const void *here = __builtin_return_address(0);
	char buf[256];

	ok(in_function(here, "main"), "a return address names its function");
	ok(!strcmp(kstub_symbolize(NULL, buf, sizeof(buf)), "?"), "NULL");
	ok(!strcmp(kstub_symbolize((char *)t_warn + 5, buf, sizeof(buf)),
		   "t_warn+0x5"),
	   "a static function, at an offset");
	kstub_symbolize(here, buf, 8);
	ok(strlen(buf) == 7, "the buffer size is respected");
	{
		const char *err;

		capture_begin();
		dump_stack();
		err = capture_end();
		ok(strstr(err, "Call Trace:\n t_symbolize+"),
		   "dump_stack starts at its caller");
	}
	ok(!strcmp(kstub_gfp_name(GFP_KERNEL | __GFP_ZERO, buf, sizeof(buf)),
		   "GFP_KERNEL|__GFP_ZERO"),
	   "GFP_KERNEL|__GFP_ZERO by name");
	ok(!strcmp(kstub_gfp_name(GFP_ATOMIC | __GFP_NOWARN | 0x200, buf,
				  sizeof(buf)),
		   "GFP_ATOMIC|__GFP_NOWARN|0x200"),
	   "unnamed bits in hex");
}

static noinline void a_function(void)
{
	barrier();
}

static noinline void t_formats(void)
{
	gfp_t gfp = GFP_NOFS | __GFP_NOFAIL;
	char buf[256], small[8];
	const char *err;
	char *s;
	int n;

	scnprintf(buf, sizeof(buf), "%pS|%ps|%pe|%pe|%pGg", a_function,
		  a_function, ERR_PTR(-ENOMEM), ERR_PTR(-ERESTARTSYS), &gfp);
	ok(!strcmp(buf, "a_function+0x0|a_function|-ENOMEM|-ERESTARTSYS|"
			"GFP_NOFS|__GFP_NOFAIL"),
	   "the kernel's %%pS, %%ps, %%pe and %%pGg");
	diag("%s", buf);
	scnprintf(buf, sizeof(buf),
		  "%-4d|%5.1f|%lld|%zu|%-3s|%c|%%|%#x|%*d|%lu", 7, 2.25, -3LL,
		  (size_t)9, "ab", 'z', 255, 3, 1, 8UL);
	ok(!strcmp(buf, "7   |  2.2|-3|9|ab |z|%|0xff|  1|8"),
	   "standard conversions are libc's");
	n = scnprintf(small, sizeof(small), "%s", "0123456789");
	ok(n == 7 && !strcmp(small, "0123456"),
	   "scnprintf returns what it wrote");
	s = kasprintf(GFP_KERNEL, "%ps-%d", a_function, 1);
	ok(s && !strcmp(s, "a_function-1"), "kasprintf too");
	kfree(s);
	capture_begin();
	pr_err("failed: %pe\n", ERR_PTR(-EINVAL));
	err = capture_end();
	ok(!strcmp(err, "failed: -EINVAL\n"), "and printk");
}

int main(void)
{
	plan(43);
	/* first: children inherit the cached KSTUB_DEBUG setting */
	t_pr_debug();
	t_warn();
	t_warn_once();
	t_bug();
	t_pthread_die();
	t_bad_free();
	t_printk();
	t_symbolize();
	t_formats();
	return exit_status();
}
