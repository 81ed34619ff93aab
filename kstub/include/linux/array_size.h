/* SPDX-License-Identifier: GPL-2.0-only */
/* ARRAY_SIZE(): the number of elements of an array, refusing a pointer. */
#ifndef _KSTUB_LINUX_ARRAY_SIZE_H
#define _KSTUB_LINUX_ARRAY_SIZE_H

#include <linux/compiler.h>

#define ARRAY_SIZE(arr) (sizeof(arr) / sizeof((arr)[0]) + __must_be_array(arr))

#endif
