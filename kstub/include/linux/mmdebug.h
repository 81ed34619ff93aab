/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * mm's own assertions.  With CONFIG_DEBUG_VM (-DCONFIG_DEBUG_VM=1) they
 * are BUG_ON and WARN_ON; without it, as in the kernel, they only check
 * that the condition compiles.
 */
#ifndef _KSTUB_LINUX_MMDEBUG_H
#define _KSTUB_LINUX_MMDEBUG_H

#include <linux/bug.h>
#include <linux/build_bug.h>
#include <linux/kconfig.h>

#ifdef CONFIG_DEBUG_VM
#define VM_BUG_ON(cond) BUG_ON(cond)
#define VM_WARN_ON(cond) (void)WARN_ON(cond)
#define VM_WARN_ON_ONCE(cond) (void)WARN_ON_ONCE(cond)
#define VM_WARN_ONCE(cond, format...) (void)WARN_ONCE(cond, format)
#define VM_WARN(cond, format...) (void)WARN(cond, format)
#else
#define VM_BUG_ON(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ON_ONCE(cond) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN_ONCE(cond, format...) BUILD_BUG_ON_INVALID(cond)
#define VM_WARN(cond, format...) BUILD_BUG_ON_INVALID(cond)
#endif

#endif
