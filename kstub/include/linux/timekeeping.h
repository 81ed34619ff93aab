/* SPDX-License-Identifier: GPL-2.0-only */
/* The clocks: kstub has them in <linux/ktime.h>. */
#ifndef _KSTUB_LINUX_TIMEKEEPING_H
#define _KSTUB_LINUX_TIMEKEEPING_H

#include <linux/ktime.h>

#endif
