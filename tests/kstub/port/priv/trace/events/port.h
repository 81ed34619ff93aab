/* SPDX-License-Identifier: GPL-2.0-only */
/* The events of trace-user.c, written as a kernel tree's are. */
#undef TRACE_SYSTEM
#define TRACE_SYSTEM port

#if !defined(_TRACE_PORT_H) || defined(TRACE_HEADER_MULTI_READ)
#define _TRACE_PORT_H

#include <linux/tracepoint.h>

DECLARE_EVENT_CLASS(port_obj, TP_PROTO(u32 key, size_t size),
		    TP_ARGS(key, size),
		    TP_STRUCT__entry(__field(u32, key) __field(size_t, size)),
		    TP_fast_assign(__entry->key = key; __entry->size = size;),
		    TP_printk("key=%u size=%zu", __entry->key, __entry->size));

DEFINE_EVENT(port_obj, port_added, TP_PROTO(u32 key, size_t size),
	     TP_ARGS(key, size));

TRACE_EVENT(port_removed, TP_PROTO(u32 key), TP_ARGS(key),
	    TP_STRUCT__entry(__field(u32, key)),
	    TP_fast_assign(__entry->key = key;),
	    TP_printk("key=%u", __entry->key));

#endif /* _TRACE_PORT_H */

#include <trace/define_trace.h>
