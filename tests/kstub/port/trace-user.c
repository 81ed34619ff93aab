// SPDX-License-Identifier: GPL-2.0-only
/*
 * A kernel file with a trace events header of its own tree
 * (trace/events/port.h) and the headers a driver includes: kstub-cc
 * compiles it as it is.
 */
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/workqueue.h>
#include <linux/hashtable.h>
#include <linux/jhash.h>
#define CREATE_TRACE_POINTS
#include <trace/events/port.h>

static DEFINE_HASHTABLE(objs, 3);

struct obj {
	struct hlist_node node;
	u32 key;
};

static int __init port_init(void)
{
	struct obj *o = kzalloc_obj(*o);

	if (!o)
		return -ENOMEM;
	o->key = jhash(&o, sizeof(o), 0);
	hash_add(objs, &o->node, o->key);
	trace_port_added(o->key, sizeof(*o));
	return 0;
}
module_init(port_init);
MODULE_LICENSE("GPL");
