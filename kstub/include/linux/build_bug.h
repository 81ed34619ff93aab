/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Compile-time assertions.  BUILD_BUG_ON(cond) is a statement that fails
 * the build when @cond is known true at compile time: an integer constant
 * expression, or, as in the kernel (which is always built optimized), an
 * expression the optimizer folds to a constant, such as an inline
 * function's result.  Unoptimized builds check only constant expressions.
 */
#ifndef _KSTUB_LINUX_BUILD_BUG_H
#define _KSTUB_LINUX_BUILD_BUG_H

#include <linux/compiler_types.h>

/* 0, or a build error when @e is a true constant; an expression. */
#define BUILD_BUG_ON_ZERO(e) ((int)(sizeof(struct { int : (-!!(e)); })))

#ifdef __OPTIMIZE__
#define __kstub_bb_cond(cond) (cond)
#else
/* Unoptimized, only a constant expression is known: skip the others. */
#define __kstub_bb_cond(cond) (__builtin_constant_p(cond) && (cond))
#endif
#define __kstub_compiletime_assert(cond, msg, id)                     \
	do {                                                          \
		extern void id(void) __attribute__((__error__(msg))); \
		if (__kstub_bb_cond(cond))                            \
			id();                                         \
	} while (0)
#define BUILD_BUG_ON_MSG(cond, msg) \
	__kstub_compiletime_assert(cond, msg, __KSTUB_BB_ID(__COUNTER__))
#define __KSTUB_BB_ID(n) __KSTUB_BB_ID2(n)
#define __KSTUB_BB_ID2(n) __kstub_build_bug_##n
#define BUILD_BUG_ON(cond) BUILD_BUG_ON_MSG(cond, "BUILD_BUG_ON failed: " #cond)
#define BUILD_BUG() BUILD_BUG_ON_MSG(1, "BUILD_BUG failed")
#define BUILD_BUG_ON_INVALID(e) ((void)(sizeof((long)(e))))
#define BUILD_BUG_ON_NOT_POWER_OF_2(n) BUILD_BUG_ON((n) == 0 || ((n) & ((n)-1)))

/* static_assert(expr) with or without a message, anywhere a declaration is. */
#undef static_assert
#define static_assert(expr, ...) \
	__kstub_static_assert(expr, ##__VA_ARGS__, #expr)
#define __kstub_static_assert(expr, msg, ...) _Static_assert(expr, msg)

#endif
