// SPDX-License-Identifier: GPL-2.0-only
/*
 * Initcalls and the module model; see <linux/init.h> and
 * <linux/module.h>.  The registries are kstub's own bookkeeping, kept
 * with libc (registration runs from constructors, before any spec is
 * read), and never freed.
 */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/module.h>

#include "internal.h"

#define KSTUB_INITCALL_LEVELS 8

struct kstub_initcall {
	struct kstub_initcall *next;
	int level;
	initcall_t fn;
	const char *name;
	bool done;
};

struct kstub_module {
	struct kstub_module *next;
	struct module module;
	initcall_t init;
	exitcall_t exit;
	bool loaded;
};

static pthread_mutex_t kstub_module_lock = PTHREAD_MUTEX_INITIALIZER;
static struct kstub_initcall *kstub_initcalls;
static struct kstub_module *kstub_modules;

void kstub_initcall_register(int level, initcall_t fn, const char *name)
{
	struct kstub_initcall *call = calloc(1, sizeof(*call)), **link;

	if (!call)
		abort();
	call->level = level;
	call->fn = fn;
	call->name = name;
	kstub_own_lock(&kstub_module_lock);
	for (link = &kstub_initcalls; *link; link = &(*link)->next)
		;
	*link = call;
	kstub_own_unlock(&kstub_module_lock);
}

/* Takes the next initcall to run, in level order; NULL when none. */
static struct kstub_initcall *kstub_next_initcall(void)
{
	struct kstub_initcall *call, *best = NULL;

	kstub_own_lock(&kstub_module_lock);
	for (call = kstub_initcalls; call; call = call->next)
		if (!call->done && (!best || call->level < best->level))
			best = call;
	if (best)
		best->done = true;
	kstub_own_unlock(&kstub_module_lock);
	return best;
}

int kstub_do_initcalls(void)
{
	struct kstub_initcall *call;
	int failed = 0, ret;

	while ((call = kstub_next_initcall())) {
		ret = call->fn();
		if (ret) {
			pr_warn("initcall %s returned %d\n", call->name, ret);
			failed++;
		}
	}
	return failed;
}

/* Under kstub_module_lock. */
static struct kstub_module *kstub_find_module(const char *name)
{
	struct kstub_module *mod;

	for (mod = kstub_modules; mod; mod = mod->next)
		if (!strcmp(mod->module.name, name))
			return mod;
	return NULL;
}

void kstub_module_register(const char *name, initcall_t init, exitcall_t exit)
{
	struct kstub_module *mod;

	kstub_own_lock(&kstub_module_lock);
	mod = kstub_find_module(name);
	if (!mod) {
		mod = calloc(1, sizeof(*mod));
		if (!mod)
			abort();
		mod->module.name = name;
		mod->next = kstub_modules;
		kstub_modules = mod;
	}
	if (init)
		mod->init = init;
	if (exit)
		mod->exit = exit;
	kstub_own_unlock(&kstub_module_lock);
}

/*
 * Claims @name for loading (@load) or unloading; the flag flips before the
 * call so two loaders cannot both run init.
 */
static struct kstub_module *kstub_module_claim(const char *name, bool load,
					       int *err)
{
	struct kstub_module *mod;

	kstub_own_lock(&kstub_module_lock);
	mod = kstub_find_module(name);
	if (!mod)
		*err = -ENOENT;
	else if (mod->loaded == load)
		*err = load ? -EEXIST : -ENOENT;
	else
		mod->loaded = load;
	kstub_own_unlock(&kstub_module_lock);
	return *err ? NULL : mod;
}

int kstub_module_load(const char *name)
{
	struct kstub_module *mod;
	int ret = 0;

	kstub_might_sleep_at(NULL, 0, KSTUB_CALLER());
	mod = kstub_module_claim(name, true, &ret);
	if (!mod)
		return ret;
	ret = mod->init ? mod->init() : 0;
	if (ret) {
		kstub_own_lock(&kstub_module_lock);
		mod->loaded = false;
		kstub_own_unlock(&kstub_module_lock);
	}
	return ret;
}

int kstub_module_unload(const char *name)
{
	struct kstub_module *mod;
	int ret = 0;

	kstub_might_sleep_at(NULL, 0, KSTUB_CALLER());
	mod = kstub_module_claim(name, false, &ret);
	if (!mod)
		return ret;
	if (mod->exit)
		mod->exit();
	return 0;
}
