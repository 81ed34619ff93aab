/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Trace events compile to nothing.  A file's own trace/events/<sys>.h,
 * written for the kernel (TRACE_EVENT, DECLARE_EVENT_CLASS/DEFINE_EVENT,
 * DECLARE_TRACE...), declares through these macros an inline
 * trace_<event>() that takes the event's arguments (so they are still
 * type-checked and used) and does nothing, trace_<event>_enabled() that
 * is false, and register/unregister functions that accept a probe and
 * never call it.  <trace/define_trace.h> and CREATE_TRACE_POINTS have
 * nothing to generate.
 */
#ifndef _KSTUB_LINUX_TRACEPOINT_H
#define _KSTUB_LINUX_TRACEPOINT_H

#include <linux/types.h>
#include <linux/compiler.h>
#include <linux/errno.h>

#define PARAMS(args...) args
#define TP_PROTO(args...) args
#define TP_ARGS(args...) args
#define TP_CONDITION(args...) args

#define __KSTUB_DECLARE_TRACE(name, proto)                                    \
	static inline void trace_##name(proto)                                \
	{                                                                     \
	}                                                                     \
	static inline bool trace_##name##_enabled(void)                       \
	{                                                                     \
		return false;                                                 \
	}                                                                     \
	static inline int register_trace_##name(void (*probe)(void *, proto), \
						void *data)                   \
	{                                                                     \
		return 0;                                                     \
	}                                                                     \
	static inline int unregister_trace_##name(                            \
		void (*probe)(void *, proto), void *data)                     \
	{                                                                     \
		return 0;                                                     \
	}

#define DECLARE_TRACE(name, proto, args) \
	__KSTUB_DECLARE_TRACE(name, PARAMS(proto))
#define DECLARE_TRACE_CONDITION(name, proto, args, cond) \
	__KSTUB_DECLARE_TRACE(name, PARAMS(proto))
#define DECLARE_TRACE_EVENT(name, proto, args) \
	__KSTUB_DECLARE_TRACE(name, PARAMS(proto))
#define DEFINE_TRACE(name, proto, args)
#define EXPORT_TRACEPOINT_SYMBOL(name)
#define EXPORT_TRACEPOINT_SYMBOL_GPL(name)

#define TRACE_EVENT(name, proto, args, struct, assign, print) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define TRACE_EVENT_FN(name, proto, args, struct, assign, print, reg, unreg) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define TRACE_EVENT_FN_COND(name, proto, args, cond, struct, assign, print, \
			    reg, unreg)                                     \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define TRACE_EVENT_CONDITION(name, proto, args, cond, struct, assign, print) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define DECLARE_EVENT_CLASS(name, proto, args, tstruct, assign, print)
#define DEFINE_EVENT(template, name, proto, args) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define DEFINE_EVENT_FN(template, name, proto, args, reg, unreg) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define DEFINE_EVENT_PRINT(template, name, proto, args, print) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define DEFINE_EVENT_CONDITION(template, name, proto, args, cond) \
	DECLARE_TRACE(name, PARAMS(proto), PARAMS(args))
#define TRACE_DEFINE_ENUM(a)
#define TRACE_DEFINE_SIZEOF(a)

#define tracepoint_enabled(tp) false

#endif
