/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Stand-in for mm/slab.h, which mm/list_lru.c includes: it uses nothing
 * of it that kstub's <linux/slab.h> does not have.
 */
#ifndef KFAULT_UPSTREAM_MM_SLAB_H
#define KFAULT_UPSTREAM_MM_SLAB_H

#include <linux/slab.h>

#endif
