/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Helpers for the kstub concurrency tests: a hook that counts site events
 * (and can fail lock_killable), stderr capture to check report texts, and
 * a way to run N threads.  Include from exactly one file per program; the
 * program must be linked with -export-dynamic so its kstub_hook interposes.
 */
#ifndef KSTUB_TESTS_SYNC_TEST_H
#define KSTUB_TESTS_SYNC_TEST_H

#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kstub/hook.h>
#include <kstub/report.h>
#include "tap.h"

static unsigned long test_site_count[KSTUB_NR_SITE_CLASSES];
/* Fail this many lock_killable sites from now on. */
static int test_fail_killable;

bool kstub_hook(const struct kstub_site *site)
{
	__atomic_add_fetch(&test_site_count[site->cls], 1, __ATOMIC_RELAXED);
	if (site->cls == KSTUB_SITE_lock_killable &&
	    __atomic_load_n(&test_fail_killable, __ATOMIC_RELAXED) > 0) {
		__atomic_sub_fetch(&test_fail_killable, 1, __ATOMIC_RELAXED);
		return true;
	}
	return false;
}

static inline unsigned long sites(enum kstub_site_class cls)
{
	return __atomic_load_n(&test_site_count[cls], __ATOMIC_RELAXED);
}

static inline unsigned long reports(enum kstub_report_kind kind)
{
	return kstub_report_count(kind);
}

/* stderr goes to a temporary file between capture_begin and capture_end. */
static int capture_saved_fd = -1;
static FILE *capture_file;

static inline void capture_begin(void)
{
	fflush(stderr);
	capture_file = tmpfile();
	if (!capture_file)
		bail_out("tmpfile failed");
	capture_saved_fd = dup(2);
	dup2(fileno(capture_file), 2);
}

/* Returns what was written to stderr (static buffer, NUL-terminated). */
static inline const char *capture_end(void)
{
	static char buf[16384];
	size_t n;

	fflush(stderr);
	dup2(capture_saved_fd, 2);
	close(capture_saved_fd);
	rewind(capture_file);
	n = fread(buf, 1, sizeof(buf) - 1, capture_file);
	buf[n] = '\0';
	fclose(capture_file);
	/* keep it visible in the test log */
	fputs(buf, stderr);
	return buf;
}

/* Runs @fn(@arg, i) on @n threads and joins them. */
struct test_thread {
	pthread_t tid;
	void *(*fn)(void *arg, int i);
	void *arg;
	int i;
};

static void *test_thread_main(void *p)
{
	struct test_thread *t = p;

	return t->fn(t->arg, t->i);
}

static inline void run_threads(int n, void *(*fn)(void *arg, int i), void *arg)
{
	struct test_thread *t = calloc(n, sizeof(*t));
	int i;

	if (!t)
		bail_out("calloc failed");
	for (i = 0; i < n; i++) {
		t[i] = (struct test_thread){.fn = fn, .arg = arg, .i = i};
		if (pthread_create(&t[i].tid, NULL, test_thread_main, &t[i]))
			bail_out("pthread_create failed");
	}
	for (i = 0; i < n; i++)
		pthread_join(t[i].tid, NULL);
	free(t);
}

#endif
