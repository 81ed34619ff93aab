/* SPDX-License-Identifier: GPL-2.0-only */
/* Cache-line sizes; the alignment attributes are in compiler_types.h. */
#ifndef _KSTUB_LINUX_CACHE_H
#define _KSTUB_LINUX_CACHE_H

#include <linux/kernel.h>

#define L1_CACHE_SHIFT 6
#define L1_CACHE_BYTES (1 << L1_CACHE_SHIFT)
#define SMP_CACHE_BYTES L1_CACHE_BYTES
#define L1_CACHE_ALIGN(x) ALIGN(x, L1_CACHE_BYTES)
#define cache_line_size() L1_CACHE_BYTES

#endif
