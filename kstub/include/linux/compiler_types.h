/* SPDX-License-Identifier: GPL-2.0-only */
/* Annotations the kernel's compiler_types.h provides; sparse-only ones vanish. */
#ifndef _KSTUB_LINUX_COMPILER_TYPES_H
#define _KSTUB_LINUX_COMPILER_TYPES_H

#include <linux/kconfig.h>

#define __rcu
#define __user
#define __kernel
#define __iomem
#define __percpu
#define __force
#include <linux/compiler-context-analysis.h>

/* glibc's <sys/cdefs.h> defines it too (and undefines it first). */
#undef __always_inline
#define __always_inline inline __attribute__((__always_inline__))
#define noinline __attribute__((__noinline__))
#define __noreturn __attribute__((__noreturn__))
#define __maybe_unused __attribute__((__unused__))
#define __always_unused __attribute__((__unused__))
#define __used __attribute__((__used__))
#define __aligned(x) __attribute__((__aligned__(x)))
#define __packed __attribute__((__packed__))
#define __printf(a, b) __attribute__((__format__(printf, a, b)))
#define __scanf(a, b) __attribute__((__format__(scanf, a, b)))
#define __must_check __attribute__((__warn_unused_result__))
#define __weak __attribute__((__weak__))
#define __cold __attribute__((__cold__))
#define __pure __attribute__((__pure__))
#define __malloc __attribute__((__malloc__))
#define __alloc_size(...) __attribute__((__alloc_size__(__VA_ARGS__)))
#define __section(s) __attribute__((__section__(s)))
#define __init
#define __exit
#define __initdata
#define __read_mostly
#define __ro_after_init
#define __cacheline_aligned __aligned(64)
#define ____cacheline_aligned __aligned(64)
#define __cacheline_aligned_in_smp __aligned(64)
#define ____cacheline_aligned_in_smp __aligned(64)
#define ____cacheline_internodealigned_in_smp __aligned(64)
#define fallthrough __attribute__((__fallthrough__))
#define __same_type(a, b) __builtin_types_compatible_p(typeof(a), typeof(b))
#define __counted_by(m)
#define __randomize_layout
#define notrace

#endif
