/* SPDX-License-Identifier: GPL-2.0-only */
/* Waiting for grace periods: synchronize_rcu() and rcu_barrier() suffice. */
#ifndef _KSTUB_LINUX_RCUPDATE_WAIT_H
#define _KSTUB_LINUX_RCUPDATE_WAIT_H

#include <linux/rcupdate.h>

#endif
