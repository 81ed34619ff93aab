/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Scope-based cleanup, as the kernel's <linux/cleanup.h>: __free(name)
 * runs a DEFINE_FREE() action when a pointer goes out of scope,
 * guard(name)(args) holds a lock to the end of the scope and
 * scoped_guard(name, args) for the statement that follows.  Built on the
 * compiler's cleanup attribute.  The lock guards themselves are defined
 * next to their locks (mutex, rwsem_read/rwsem_write, spinlock, rcu).
 */
#ifndef _KSTUB_LINUX_CLEANUP_H
#define _KSTUB_LINUX_CLEANUP_H

#include <linux/compiler.h>

#define __cleanup(func) __attribute__((__cleanup__(func)))

#define DEFINE_FREE(_name, _type, _free)           \
	static inline void __free_##_name(void *p) \
	{                                          \
		_type _T = *(_type *)p;            \
		_free;                             \
	}
#define __free(_name) __cleanup(__free_##_name)

#define __get_and_null(p, nullvalue)        \
	({                                  \
		__auto_type __ptr = &(p);   \
		__auto_type __val = *__ptr; \
		*__ptr = nullvalue;         \
		__val;                      \
	})
/* Hands the pointer on: the cleanup then sees NULL and does nothing. */
#define no_free_ptr(p) ((typeof(p))__get_and_null(p, NULL))
#define retain_and_null_ptr(p) ((void)__get_and_null(p, NULL))
#define return_ptr(p) return no_free_ptr(p)

/* A type with a constructor and a destructor run at the end of scope. */
#define DEFINE_CLASS(_name, _type, _exit, _init, _init_args...)     \
	typedef _type class_##_name##_t;                            \
	static inline void class_##_name##_destructor(_type *p)     \
	{                                                           \
		_type _T = *p;                                      \
		_exit;                                              \
	}                                                           \
	static inline _type class_##_name##_constructor(_init_args) \
	{                                                           \
		_type t = _init;                                    \
		return t;                                           \
	}
#define CLASS(_name, var)                               \
	class_##_name##_t var __maybe_unused __cleanup( \
		class_##_name##_destructor) = class_##_name##_constructor

/* A guard holds @_type (a lock pointer) from construction to scope end. */
#define DEFINE_GUARD(_name, _type, _lock, _unlock)                          \
	DEFINE_CLASS(                                                       \
		_name, _type, if (_T) { _unlock; }, ({                      \
			_lock;                                              \
			_T;                                                 \
		}),                                                         \
		_type _T);                                                  \
	static inline void *class_##_name##_lock_ptr(class_##_name##_t *_T) \
	{                                                                   \
		return (void *)(unsigned long)*_T;                          \
	}
/* A guard that takes no argument (rcu). */
#define DEFINE_LOCK_GUARD_0(_name, _lock, _unlock)                          \
	DEFINE_CLASS(                                                       \
		_name, void *, if (_T) { _unlock; }, ({                     \
			_lock;                                              \
			(void *)1;                                          \
		}),                                                         \
		void);                                                      \
	static inline void *class_##_name##_lock_ptr(class_##_name##_t *_T) \
	{                                                                   \
		return *_T;                                                 \
	}

#define guard(_name) CLASS(_name, __UNIQUE_ID(guard))
#define __guard_ptr(_name) class_##_name##_lock_ptr
#define scoped_guard(_name, args...)                  \
	for (CLASS(_name, scope)(args), *done = NULL; \
	     __guard_ptr(_name)(&scope) && !done; done = (void *)1)

#endif
