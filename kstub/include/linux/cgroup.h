/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * Cgroup subsystem state: the part of cgroups the memcg model needs.
 *
 * A css is created with one reference (the "base" reference, which its
 * owner drops when it goes offline), holds a reference on its parent, and
 * is freed after an RCU grace period once the last reference is dropped.
 * css_tryget() succeeds while any reference remains, css_tryget_online()
 * only while the css is online.  The tree of css is walked under
 * rcu_read_lock() (css_next_descendant_pre); a css is unlinked from it
 * when its last reference goes.
 */
#ifndef _KSTUB_LINUX_CGROUP_H
#define _KSTUB_LINUX_CGROUP_H

#include <linux/types.h>
#include <linux/compiler.h>

/* css->flags */
#define CSS_NO_REF (1 << 0)
#define CSS_ONLINE (1 << 1)
#define CSS_RELEASED (1 << 2)
#define CSS_VISIBLE (1 << 3)
#define CSS_DYING (1 << 4)

struct cgroup {
	u64 kstub_ino; /* kernfs node id: unique, never reused */
};

struct cgroup_subsys_state {
	struct cgroup *cgroup;
	struct cgroup_subsys_state *parent;
	unsigned int flags;
	int id;
	u64 serial_nr;
	/* kstub */
	long kstub_refcnt;
	struct cgroup_subsys_state *kstub_child;
	struct cgroup_subsys_state *kstub_sibling;
	struct rcu_head kstub_rcu;
};

void css_get(struct cgroup_subsys_state *css);
void css_put(struct cgroup_subsys_state *css);
bool css_tryget(struct cgroup_subsys_state *css);
bool css_tryget_online(struct cgroup_subsys_state *css);

static inline bool css_is_dying(struct cgroup_subsys_state *css)
{
	return READ_ONCE(css->flags) & CSS_DYING;
}

static inline u64 cgroup_ino(struct cgroup *cgrp)
{
	return cgrp->kstub_ino;
}

/* Pre-order successor of @pos below @root; call under rcu_read_lock(). */
struct cgroup_subsys_state *
css_next_descendant_pre(struct cgroup_subsys_state *pos,
			struct cgroup_subsys_state *root);

#define css_for_each_descendant_pre(pos, css)                     \
	for ((pos) = css_next_descendant_pre(NULL, (css)); (pos); \
	     (pos) = css_next_descendant_pre((pos), (css)))

#endif
