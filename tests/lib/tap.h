/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * A small TAP producer for automake's tap-driver.sh.
 *
 * plan(n) first (or plan_skip_all(why) and return), then ok()/is_int()/
 * skip(), then return exit_status().  Thread-safe: assertions may come from
 * any thread and are numbered in the order they complete.
 */
#ifndef KFAULT_TAP_H
#define KFAULT_TAP_H

#include <stdbool.h>

void plan(int tests);
void plan_skip_all(const char *why);
/* Returns @cond so a test can stop early: if (!ok(...)) return ... */
bool ok_at(bool cond, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
bool is_long_at(long got, long want, const char *file, int line,
		const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void skip(int n, const char *why);
void diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void bail_out(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
int exit_status(void);

#define ok(cond, ...) ok_at(!!(cond), __FILE__, __LINE__, __VA_ARGS__)
#define is_int(got, want, ...) \
	is_long_at((long)(got), (long)(want), __FILE__, __LINE__, __VA_ARGS__)

/* Which sanitizer the tree was built with: "none", "tsan" or "asan". */
const char *tap_sanitizer(void);

#endif
