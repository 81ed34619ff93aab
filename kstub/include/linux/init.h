/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Initcalls.  Each *_initcall(fn) (and module_init(fn) in built-in code)
 * registers @fn, from a constructor, at its level; kstub_do_initcalls()
 * is "boot": it runs every registered initcall not run yet, level by
 * level in registration order within a level, and logs the ones that
 * fail, as do_initcalls() does.  Nothing runs them implicitly: a program
 * that wants them calls kstub_do_initcalls() at the start of main (under
 * a fault-injection spec, their allocations are sites like any other).
 */
#ifndef _KSTUB_LINUX_INIT_H
#define _KSTUB_LINUX_INIT_H

#include <linux/compiler.h>

#ifndef __init
#define __init
#endif
#ifndef __exit
#define __exit
#endif
#ifndef __initdata
#define __initdata
#endif
#define __initconst
#define __exitdata
#define __meminit
#define __refdata

typedef int (*initcall_t)(void);
typedef void (*exitcall_t)(void);

void kstub_initcall_register(int level, initcall_t fn, const char *name);
/* Runs pending initcalls; returns how many failed. */
int kstub_do_initcalls(void);

#define __kstub_define_initcall(fn, level)                   \
	static void __attribute__((constructor))             \
	__PASTE(__kstub_initcall_, __PASTE(fn, level))(void) \
	{                                                    \
		kstub_initcall_register(level, fn, #fn);     \
	}

#define pure_initcall(fn) __kstub_define_initcall(fn, 0)
#define core_initcall(fn) __kstub_define_initcall(fn, 1)
#define postcore_initcall(fn) __kstub_define_initcall(fn, 2)
#define arch_initcall(fn) __kstub_define_initcall(fn, 3)
#define subsys_initcall(fn) __kstub_define_initcall(fn, 4)
#define fs_initcall(fn) __kstub_define_initcall(fn, 5)
#define device_initcall(fn) __kstub_define_initcall(fn, 6)
#define late_initcall(fn) __kstub_define_initcall(fn, 7)
#define early_initcall(fn) __kstub_define_initcall(fn, 0)
#define __initcall(fn) device_initcall(fn)

#endif
