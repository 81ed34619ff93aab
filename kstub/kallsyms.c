// SPDX-License-Identifier: GPL-2.0-only
/*
 * The symbolizer: code addresses to "function+0xoff", and to the object
 * that holds them, for %pS, the reports' backtraces and the leak table,
 * as the kernel keeps kallsyms apart from printk.
 *
 * Symbols come from libunwind's lookup in the objects' symbol tables,
 * then dladdr() (exported symbols only).  Nothing here allocates or takes
 * a lock: a report may symbolize with kstub locks held or from an RCU
 * callback.
 */
#include "config.h"

#define UNW_LOCAL_ONLY
#include <dlfcn.h>
#include <link.h>
#include <libunwind.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"
#include <kstub/report.h>

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');

	return slash ? slash + 1 : path;
}

/*
 * libunwind names the nearest symbol below @addr, @off bytes before it.
 * When that symbol is exported with a size that ends before @addr, @addr
 * is in a function the object does not name (start_thread, a static
 * function of a stripped libc) and the name would be a wrong one: the
 * object and offset are better.  (dladdr() itself checks sizes.)
 */
static bool kstub_symbol_outside(uintptr_t addr, const char *name,
				 uintptr_t off)
{
	const ElfW(Sym) *sym = NULL;
	uintptr_t start = addr - off;
	Dl_info info;

	if (!dladdr1((void *)start, &info, (void **)&sym, RTLD_DL_SYMENT) ||
	    !info.dli_sname || !sym || strcmp(info.dli_sname, name) ||
	    (uintptr_t)info.dli_saddr != start)
		return false;
	return sym->st_size && addr >= start + sym->st_size;
}

const char *kstub_symbolize(const void *pc, char *buf, size_t len)
{
	return kstub_symbolize_at(pc, buf, len, 1);
}

const char *kstub_symbolize_at(const void *pc, char *buf, size_t len, int back)
{
	unw_accessors_t *acc = unw_get_accessors(unw_local_addr_space);
	uintptr_t ip = (uintptr_t)pc;
	char name[256];
	unw_word_t off;
	Dl_info info;

	if (!pc) {
		snprintf(buf, len, "?");
		return buf;
	}
	/* Look up ip - 1: a return address may be past its function's end. */
	if (acc->get_proc_name &&
	    !acc->get_proc_name(unw_local_addr_space, ip - back, name,
				sizeof(name), &off, NULL) &&
	    !kstub_symbol_outside(ip - back, name, off)) {
		snprintf(buf, len, "%s+0x%lx", name, (unsigned long)off + back);
		return buf;
	}
	if (dladdr((void *)(ip - back), &info) && info.dli_fname) {
		if (info.dli_sname && info.dli_saddr)
			snprintf(buf, len, "%s+0x%lx", info.dli_sname,
				 (unsigned long)(ip -
						 (uintptr_t)info.dli_saddr));
		else
			snprintf(buf, len, "%s+0x%lx",
				 base_name(info.dli_fname),
				 (unsigned long)(ip -
						 (uintptr_t)info.dli_fbase));
		return buf;
	}
	snprintf(buf, len, "0x%lx", (unsigned long)ip);
	return buf;
}

const char *kstub_symbol_object(const void *pc)
{
	Dl_info info;

	if (dladdr((void *)((uintptr_t)pc - 1), &info) && info.dli_fname &&
	    *info.dli_fname)
		return base_name(info.dli_fname);
	return NULL;
}
