/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Poison values: pointers left in unlinked list entries, so a use after
 * list_del() faults at a recognisable address, and the bytes SLUB debug
 * fills objects with.
 */
#ifndef _KSTUB_LINUX_POISON_H
#define _KSTUB_LINUX_POISON_H

#define POISON_POINTER_DELTA 0
#define LIST_POISON1 ((void *)0x100)
#define LIST_POISON2 ((void *)0x122)
#define TIMER_ENTRY_STATIC ((void *)0x300)

#define POISON_INUSE 0x5a
#define POISON_FREE 0x6b
#define POISON_END 0xa5
#define SLUB_RED_INACTIVE 0xbb
#define SLUB_RED_ACTIVE 0xcc
#define POISON_FREE_INITMEM 0xcc

#endif
