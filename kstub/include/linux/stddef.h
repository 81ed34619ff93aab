/* SPDX-License-Identifier: GPL-2.0-only */
#ifndef _KSTUB_LINUX_STDDEF_H
#define _KSTUB_LINUX_STDDEF_H

#include_next <linux/stddef.h>
#include <stddef.h>
#include <stdbool.h>

#ifndef NULL
#define NULL ((void *)0)
#endif

#define sizeof_field(TYPE, MEMBER) sizeof((((TYPE *)0)->MEMBER))
#define offsetofend(TYPE, MEMBER) \
	(offsetof(TYPE, MEMBER) + sizeof_field(TYPE, MEMBER))

#endif
