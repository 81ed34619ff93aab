/* SPDX-License-Identifier: GPL-2.0-only */
/* find_*_bit and for_each_*_bit live in <linux/bitops.h> here. */
#ifndef _KSTUB_LINUX_FIND_H
#define _KSTUB_LINUX_FIND_H

#include <linux/bitops.h>

#endif
