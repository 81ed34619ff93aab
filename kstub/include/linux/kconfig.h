/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Kconfig queries.  A CONFIG_ option is "on" when it is defined to 1
 * (built in) or CONFIG_<option>_MODULE is (module); kstub defines none, so
 * a file picks its options with -DCONFIG_FOO=1 (see doc/porting.md).
 * Every kstub header includes this one, as the kernel's build passes
 * -include kconfig.h to every file; it also marks the code as kernel code.
 */
#ifndef _KSTUB_LINUX_KCONFIG_H
#define _KSTUB_LINUX_KCONFIG_H

#ifndef __KERNEL__
#define __KERNEL__ 1
#endif

/* 1 when @cfg is defined to 1, else 0, usable in #if and in C. */
#define __KSTUB_ARG_PLACEHOLDER_1 0,
#define __kstub_take_second(ignored, val, ...) val
#define __kstub_is_defined_3(junk) __kstub_take_second(junk 1, 0)
#define __kstub_is_defined_2(val) \
	__kstub_is_defined_3(__KSTUB_ARG_PLACEHOLDER_##val)
#define __is_defined(cfg) __kstub_is_defined_2(cfg)
#define __or(x, y) __kstub_or_2(x, y)
#define __kstub_or_2(x, y) __kstub_or_3(__KSTUB_OR_##x, y)
#define __KSTUB_OR_1 1,
#define __kstub_or_3(junk, y) __kstub_take_second(junk 1, y)
#define __and(x, y) __kstub_and_2(x, y)
#define __kstub_and_2(x, y) __kstub_and_3(__KSTUB_AND_##x, y)
#define __KSTUB_AND_1 1,
#define __kstub_and_3(junk, y) __kstub_take_second(junk y, 0)

#define IS_BUILTIN(option) __is_defined(option)
#define IS_MODULE(option) __is_defined(option##_MODULE)
#define IS_ENABLED(option) __or(IS_BUILTIN(option), IS_MODULE(option))
/* Callable from here: built in, or a module and so is the caller. */
#define IS_REACHABLE(option) \
	__or(IS_BUILTIN(option), __and(IS_MODULE(option), __is_defined(MODULE)))

#endif
