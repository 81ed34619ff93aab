/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Included at the end of every trace/events/<sys>.h.  With
 * CREATE_TRACE_POINTS the kernel reads the events header again here to
 * generate the events; kstub's events are inline no-ops
 * (<linux/tracepoint.h>), so there is nothing to generate.
 */
