// SPDX-License-Identifier: GPL-2.0-only
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "tap.h"

static pthread_mutex_t tap_lock = PTHREAD_MUTEX_INITIALIZER;
static int tap_planned = -1;
static int tap_run;
static int tap_failed;

void plan(int tests)
{
	tap_planned = tests;
	printf("1..%d\n", tests);
	fflush(stdout);
}

void plan_skip_all(const char *why)
{
	tap_planned = 0;
	printf("1..0 # SKIP %s\n", why);
	fflush(stdout);
}

static bool tap_result(bool cond, const char *file, int line, const char *fmt,
		       va_list ap)
{
	pthread_mutex_lock(&tap_lock);
	tap_run++;
	if (!cond)
		tap_failed++;
	printf("%sok %d - ", cond ? "" : "not ", tap_run);
	vprintf(fmt, ap);
	printf("\n");
	if (!cond)
		printf("#   Failed at %s:%d\n", file, line);
	fflush(stdout);
	pthread_mutex_unlock(&tap_lock);
	return cond;
}

bool ok_at(bool cond, const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_result(cond, file, line, fmt, ap);
	va_end(ap);
	return cond;
}

bool is_long_at(long got, long want, const char *file, int line,
		const char *fmt, ...)
{
	va_list ap;
	bool cond = got == want;

	va_start(ap, fmt);
	tap_result(cond, file, line, fmt, ap);
	va_end(ap);
	if (!cond)
		diag("    got %ld, want %ld", got, want);
	return cond;
}

void skip(int n, const char *why)
{
	pthread_mutex_lock(&tap_lock);
	while (n-- > 0)
		printf("ok %d # SKIP %s\n", ++tap_run, why);
	fflush(stdout);
	pthread_mutex_unlock(&tap_lock);
}

static void tap_vline(const char *prefix, const char *fmt, va_list ap)
{
	pthread_mutex_lock(&tap_lock);
	fputs(prefix, stdout);
	vprintf(fmt, ap);
	putchar('\n');
	fflush(stdout);
	pthread_mutex_unlock(&tap_lock);
}

void diag(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vline("# ", fmt, ap);
	va_end(ap);
}

void bail_out(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	tap_vline("Bail out! ", fmt, ap);
	va_end(ap);
	exit(255);
}

int exit_status(void)
{
	if (tap_planned >= 0 && tap_run != tap_planned) {
		diag("planned %d tests but ran %d", tap_planned, tap_run);
		return 255;
	}
	return tap_failed ? 1 : 0;
}

const char *tap_sanitizer(void)
{
	return KSTUB_SANITIZER;
}
