/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * kstub's site classes as the shim and the kfault command see them: one
 * table, derived from KSTUB_SITE_CLASSES (<kstub/sites.h>), compiled into
 * both.  Read-only data; safe from any thread and from a signal handler.
 */
#ifndef KFAULT_SITES_H
#define KFAULT_SITES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <kstub/sites.h>

struct kfault_class {
	const char *name; /* as in specs, reports and traces */
	const char *group; /* the coarser name a spec may use */
	const char *what; /* the kernel API entry points */
	bool fault; /* the hook may fail it */
	bool after; /* the hook runs once the operation is done */
};

extern const struct kfault_class kfault_classes[KSTUB_NR_SITE_CLASSES];

#define KFAULT_ALL_CLASSES ((UINT64_C(1) << KSTUB_NR_SITE_CLASSES) - 1)

/* The class's name, or "?" when @cls is out of range. */
const char *kfault_class_name(unsigned int cls);
/* The class named @name, or -1. */
int kfault_class_find(const char *name);
/* Bit per class of the classes whose calls can fail. */
uint64_t kfault_fault_classes(void);
/* "slab, vmalloc, idr, lock_killable" in @list: for messages. */
const char *kfault_fault_class_list(char *list, size_t size);

#endif /* KFAULT_SITES_H */
