/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The hook ABI between kstub and whatever preloads itself in front of it.
 *
 * Every kstub site calls kstub_hook() once, before the operation, on the
 * calling thread.  libkstub.so exports a default kstub_hook that does
 * nothing; a library loaded with LD_PRELOAD that defines the same symbol
 * replaces it by ordinary ELF interposition (kstub calls it through the
 * PLT, never directly).
 *
 * Rules for an implementation:
 *  - It may be called from any thread, including RCU callback threads and
 *    threads kstub did not create, with kstub locks held and inside RCU
 *    read-side sections.  It must not call back into kstub.
 *  - The return value matters only for KSTUB_FAULT classes: true makes the
 *    operation fail the way the kernel's would (allocation returns NULL,
 *    idr_alloc -ENOMEM, a killable lock -EINTR).  It is ignored for
 *    KSTUB_EVENT classes, which may only be observed or delayed.
 *  - @site and everything it points to is valid only during the call.
 */
#ifndef KSTUB_HOOK_H
#define KSTUB_HOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <kstub/sites.h>

#define KSTUB_HOOK_ABI_VERSION 1

struct kstub_site {
	enum kstub_site_class cls;
	/* return address in the code that called the kernel API */
	const void *caller;
	/* lock, refcount, completion, rcu_head or object freed; else NULL */
	const void *obj;
	/* bytes requested (allocation classes), else 0 */
	size_t size;
	/* gfp_t of the request (allocation classes), else 0 */
	unsigned int gfp;
};

bool kstub_hook(const struct kstub_site *site);

/* The hook ABI version libkstub was built with. */
int kstub_hook_abi_version(void);

#endif /* KSTUB_HOOK_H */
