/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * For the slab, leak and warn tests: a kstub_hook that records what the
 * main thread reports and fails chosen allocations, and a way to capture
 * what kstub writes to stderr.  Include from exactly one file a program.
 *
 * The program's kstub_hook replaces libkstub's because libkstub calls it
 * through the PLT and the executable comes first in symbol lookup.
 */
#ifndef KSTUB_TESTS_HOOK_RECORD_H
#define KSTUB_TESTS_HOOK_RECORD_H

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kstub/hook.h>
#include <kstub/report.h>
#include "tap.h"

static struct {
	unsigned long count[KSTUB_NR_SITE_CLASSES];
	/* the last site of each class the main thread reported */
	struct kstub_site last[KSTUB_NR_SITE_CLASSES];
	/* fail this many slab/vmalloc sites of the main thread from now on */
	int fail;
	pthread_t main;
	bool main_set;
} rec;

bool kstub_hook(const struct kstub_site *site)
{
	__atomic_add_fetch(&rec.count[site->cls], 1, __ATOMIC_RELAXED);
	if (!rec.main_set || !pthread_equal(pthread_self(), rec.main))
		return false;
	rec.last[site->cls] = *site;
	if ((site->cls == KSTUB_SITE_slab || site->cls == KSTUB_SITE_vmalloc) &&
	    rec.fail > 0) {
		rec.fail--;
		return true;
	}
	return false;
}

static inline void rec_init(void)
{
	rec.main = pthread_self();
	rec.main_set = true;
}

static inline unsigned long rec_count(enum kstub_site_class cls)
{
	return __atomic_load_n(&rec.count[cls], __ATOMIC_RELAXED);
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

/* stderr (fd 2) is redirected to a temporary file until stderr_end(). */
static struct {
	int saved;
	FILE *file;
	char text[32768];
} cap = {.saved = -1};

static inline void stderr_begin(void)
{
	fflush(stderr);
	cap.file = tmpfile();
	cap.saved = dup(STDERR_FILENO);
	if (!cap.file || cap.saved < 0 ||
	    dup2(fileno(cap.file), STDERR_FILENO) < 0)
		bail_out("cannot redirect stderr");
}

/* The text written since stderr_begin(), also copied to the real stderr. */
static inline const char *stderr_end(void)
{
	size_t n;

	fflush(stderr);
	dup2(cap.saved, STDERR_FILENO);
	close(cap.saved);
	rewind(cap.file);
	n = fread(cap.text, 1, sizeof(cap.text) - 1, cap.file);
	cap.text[n] = '\0';
	fclose(cap.file);
	fputs(cap.text, stderr);
	return cap.text;
}

#endif
