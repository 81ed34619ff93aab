/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * The kernel's context (lock) analysis annotations, for Clang's
 * -Wthread-safety and sparse.  kstub checks locking at run time
 * (lockdep, <linux/lockdep.h>), so every annotation here is accepted and
 * compiles to nothing; the statement forms are (void)0 and the
 * expression forms their expression.
 */
#ifndef _KSTUB_LINUX_COMPILER_CONTEXT_ANALYSIS_H
#define _KSTUB_LINUX_COMPILER_CONTEXT_ANALYSIS_H

/* on functions */
#define __must_hold(...)
#define __must_hold_shared(...)
#define __must_not_hold(...)
#define __acquires(...)
#define __acquires_shared(...)
#define __releases(...)
#define __releases_shared(...)
#define __cond_acquires(...)
#define __cond_acquires_shared(...)
#define __acquires_ret
#define __acquires_shared_ret
#define __no_context_analysis
#define __context_unsafe(...)
#define __returns_ctx_lock(var)
#define __excludes_ctx_lock(...)
#define __requires_ctx_lock(...)
#define __requires_shared_ctx_lock(...)
#define __acquires_ctx_lock(...)
#define __acquires_shared_ctx_lock(...)
#define __releases_ctx_lock(...)
#define __releases_shared_ctx_lock(...)
#define __try_acquires_ctx_lock(...)
#define __try_acquires_shared_ctx_lock(...)
#define __assumes_ctx_lock(...)
#define __assumes_shared_ctx_lock(...)
#define __reentrant_ctx_lock
/* on data */
#define __guarded_by(...)
#define __pt_guarded_by(...)
#define __ctx_lock_type(name)
#define context_lock_struct(name, ...) struct __VA_ARGS__ name
#define token_context_lock(name, ...)
#define token_context_lock_instance(ctx, name)
/* in code */
#define __acquire(x) (void)0
#define __release(x) (void)0
#define __acquire_shared(x) (void)0
#define __release_shared(x) (void)0
#define __acquire_ctx_lock(...) (void)0
#define __acquire_shared_ctx_lock(...) (void)0
#define __release_ctx_lock(...) (void)0
#define __release_shared_ctx_lock(...) (void)0
#define __try_acquire_ctx_lock(x, ret) (ret)
#define __try_acquire_shared_ctx_lock(x, ret) (ret)
#define __assume_ctx_lock(...) (void)0
#define __assume_shared_ctx_lock(...) (void)0
#define __acquire_ret(call, ret_expr) (call)
#define __acquire_shared_ret(call, ret_expr) (call)
#define __cond_lock(x, c) (c)
#define __cond_lock_shared(x, c) (c)
#define context_unsafe(...) ({ __VA_ARGS__; })
#define context_unsafe_alias(p) ((void)0)
#define disable_context_analysis()
#define enable_context_analysis()

#endif
