/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Modules.  Code compiled without -DMODULE is built in: module_init(fn)
 * is a device_initcall (run by kstub_do_initcalls(), see <linux/init.h>)
 * and module_exit(fn) never runs, as in a kernel image.
 *
 * Code compiled with -DMODULE is a loadable module named KBUILD_MODNAME
 * (define it; the default is "module"): module_init/module_exit register
 * the pair under that name, and a test loads and unloads it with
 * kstub_module_load(name) / kstub_module_unload(name), which call init and
 * exit (on any thread, which may sleep).  Loading a loaded module gives
 * -EEXIST, unloading one not loaded -ENOENT; a failed init leaves it
 * unloaded.  The MODULE_* tags are accepted and ignored.
 */
#ifndef _KSTUB_LINUX_MODULE_H
#define _KSTUB_LINUX_MODULE_H

#include <linux/init.h>
#include <linux/export.h>
#include <linux/moduleparam.h>
#include <linux/stddef.h>
#include <linux/list.h>
#include <linux/kernel.h>
#include <linux/stringify.h>
#include <linux/cache.h>
#include <linux/rbtree.h>

struct module {
	const char *name;
};

#define MODULE_LICENSE(x)
#define MODULE_AUTHOR(x)
#define MODULE_DESCRIPTION(x)
#define MODULE_VERSION(x)
#define MODULE_ALIAS(x)
#define MODULE_SOFTDEP(x)
#define MODULE_IMPORT_NS(x)
#define MODULE_DEVICE_TABLE(type, name)

static inline bool try_module_get(struct module *module)
{
	return true;
}

static inline void module_put(struct module *module)
{
}

static inline void __module_get(struct module *module)
{
}

#define module_name(mod) ((mod) ? (mod)->name : "kernel")

void kstub_module_register(const char *name, initcall_t init, exitcall_t exit);
int kstub_module_load(const char *name);
int kstub_module_unload(const char *name);

#ifdef MODULE
#ifndef KBUILD_MODNAME
#define KBUILD_MODNAME "module"
#endif
#define module_init(fn)                                                    \
	static void __attribute__((constructor)) __kstub_module_init(void) \
	{                                                                  \
		kstub_module_register(KBUILD_MODNAME, fn, NULL);           \
	}
#define module_exit(fn)                                                    \
	static void __attribute__((constructor)) __kstub_module_exit(void) \
	{                                                                  \
		kstub_module_register(KBUILD_MODNAME, NULL, fn);           \
	}
#else
#define module_init(fn) device_initcall(fn)
#define module_exit(fn) \
	static exitcall_t __maybe_unused __PASTE(__kstub_exitcall_, fn) = fn
#endif

#endif
