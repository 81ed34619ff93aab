/* SPDX-License-Identifier: GPL-2.0-only */
/* Aligning values and pointers to a power of two. */
#ifndef _KSTUB_LINUX_ALIGN_H
#define _KSTUB_LINUX_ALIGN_H

#include <linux/math.h>

#define ALIGN(x, a) round_up(x, a)
#define ALIGN_DOWN(x, a) round_down(x, a)
#define PTR_ALIGN(p, a) ((typeof(p))ALIGN((unsigned long)(p), (a)))
#define PTR_ALIGN_DOWN(p, a) ((typeof(p))ALIGN_DOWN((unsigned long)(p), (a)))
#define IS_ALIGNED(x, a) (((x) & ((typeof(x))(a)-1)) == 0)

#endif
