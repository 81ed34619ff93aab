// SPDX-License-Identifier: GPL-2.0-only
/*
 * Completions: one complete() lets one waiter through, complete_all()
 * everyone, waits time out when nobody completes, and what the completer
 * wrote before complete() is visible to the waiter.
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/completion.h>
#include <linux/jiffies.h>

#include "harness.h"

static DECLARE_COMPLETION(go);
static struct completion done;
static int payload, passed;

static void *waiter(void *arg, int i)
{
	wait_for_completion(&go);
	if (__atomic_load_n(&payload, __ATOMIC_RELAXED) == 42)
		__atomic_add_fetch(&passed, 1, __ATOMIC_RELAXED);
	complete(&done);
	return NULL;
}

static void *completer_and_waiters(void *arg, int i)
{
	int n;

	if (i)
		return waiter(arg, i);
	payload = 42;
	complete_all(&go);
	for (n = 0; n < 4; n++)
		wait_for_completion(&done);
	return NULL;
}

/* Nobody completes @hang until the hung-task report has come out. */
static DECLARE_COMPLETION(hang);

static void *hung_waiter(void *arg, int i)
{
	if (i == 0) {
		wait_for_completion(&hang);
		return NULL;
	}
	while (reports(KSTUB_REPORT_warn) == *(unsigned long *)arg)
		usleep(10000);
	complete(&hang);
	return NULL;
}

static void test_hung_task(void)
{
	unsigned long n = reports(KSTUB_REPORT_warn);
	const char *out;

	alarm(60); /* a regression fails instead of hanging */
	capture_begin();
	run_threads(2, hung_waiter, &n);
	out = capture_end();
	alarm(0);
	is_int(reports(KSTUB_REPORT_warn), n + 1,
	       "a wait past KSTUB_HUNG_TASK_TIMEOUT_SECS is reported once");
	ok(strstr(out, "blocked for more than 1 seconds"),
	   "as the kernel's hung-task check words it");
}

int main(void)
{
	DECLARE_COMPLETION_ONSTACK(x);
	unsigned long waits = sites(KSTUB_SITE_wait_for_completion);
	unsigned long completes = sites(KSTUB_SITE_complete);

	/* read once, at the first wait */
	setenv("KSTUB_HUNG_TASK_TIMEOUT_SECS", "1", 1);
	plan(14);
	ok(!completion_done(&x), "a new completion is not done");
	ok(!try_wait_for_completion(&x), "try_wait fails on it");
	complete(&x);
	ok(completion_done(&x), "done after complete");
	wait_for_completion(&x);
	ok(!completion_done(&x), "one wait consumes one complete");
	is_int(wait_for_completion_timeout(&x, msecs_to_jiffies(1)), 0,
	       "wait_for_completion_timeout times out with no completer");
	complete(&x);
	ok(wait_for_completion_timeout(&x, msecs_to_jiffies(1000)) > 0,
	   "and returns time left when completed");

	init_completion(&done);
	run_threads(5, completer_and_waiters, NULL);
	is_int(passed, 4,
	       "complete_all released 4 waiters that saw the payload");
	ok(completion_done(&go), "complete_all stays done");
	ok(try_wait_for_completion(&go) && completion_done(&go),
	   "waits do not consume complete_all");
	reinit_completion(&go);
	ok(!completion_done(&go), "until reinit_completion");
	is_int(sites(KSTUB_SITE_wait_for_completion) - waits, 4 + 4 + 3,
	       "every wait reached the hook");
	is_int(sites(KSTUB_SITE_complete) - completes, 2 + 1 + 4,
	       "every complete reached the hook");
	test_hung_task();
	return exit_status();
}
