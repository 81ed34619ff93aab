// SPDX-License-Identifier: GPL-2.0-only
/*
 * The memcg model: see <linux/memcontrol.h>, <linux/cgroup.h> and
 * <kstub/memcg.h> for the contracts.
 *
 * Locks: kstub_memcg_mutex serializes creation, offlining and ops
 * (un)registration, and is held across the ops callbacks, as cgroup_mutex
 * is in the kernel.  kstub_memcg_tree_lock protects the child/sibling
 * links and the id table; it is held only for those short updates, never
 * across a callback, so a css_put() that releases a memcg may run
 * anywhere, even inside a callback.  Readers walk the links under RCU.
 */
#include "config.h"

/* kstub is the kernel's memcontrol.c: built as with CONFIG_MEMCG=y */
#define CONFIG_MEMCG 1

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <linux/idr.h>
#include <linux/memcontrol.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>

#include "internal.h"

struct mem_cgroup *root_mem_cgroup;

static pthread_mutex_t kstub_memcg_mutex = PTHREAD_MUTEX_INITIALIZER;
static pthread_mutex_t kstub_memcg_tree_lock = PTHREAD_MUTEX_INITIALIZER;
static DEFINE_IDR(kstub_memcg_idr);
static const struct kstub_memcg_ops *kstub_memcg_ops;
static struct mem_cgroup *kstub_memcg_root;
static bool kstub_memcg_disabled;
static bool kstub_memcg_nokmem;
static bool kstub_memcg_kmem_online;
static u64 kstub_memcg_next_ino = 1;
static u64 kstub_memcg_next_serial;
static unsigned long kstub_memcg_live;
static unsigned long kstub_memcg_pending_frees;

bool mem_cgroup_disabled(void)
{
	return READ_ONCE(kstub_memcg_disabled);
}

bool memcg_kmem_online(void)
{
	return READ_ONCE(kstub_memcg_kmem_online);
}

bool mem_cgroup_kmem_disabled(void)
{
	return READ_ONCE(kstub_memcg_nokmem) || mem_cgroup_disabled();
}

struct mem_cgroup *mem_cgroup_from_virt(void *p)
{
	return NULL;
}

void kstub_memcg_set_disabled(bool disabled)
{
	WRITE_ONCE(kstub_memcg_disabled, disabled);
	WRITE_ONCE(root_mem_cgroup, disabled ? NULL : kstub_memcg_root);
}

void kstub_memcg_set_nokmem(bool nokmem)
{
	WRITE_ONCE(kstub_memcg_nokmem, nokmem);
	if (nokmem)
		WRITE_ONCE(kstub_memcg_kmem_online, false);
}

unsigned long kstub_memcg_count(void)
{
	return __atomic_load_n(&kstub_memcg_live, __ATOMIC_RELAXED);
}

static const struct kstub_memcg_ops *kstub_memcg_get_ops(void)
{
	return __atomic_load_n(&kstub_memcg_ops, __ATOMIC_ACQUIRE);
}

static struct cgroup_subsys_state *
kstub_css_load(struct cgroup_subsys_state **p)
{
	return __atomic_load_n(p, __ATOMIC_ACQUIRE);
}

static void kstub_css_store(struct cgroup_subsys_state **p,
			    struct cgroup_subsys_state *css)
{
	__atomic_store_n(p, css, __ATOMIC_RELEASE);
}

/* --- css references ---------------------------------------------------- */

void css_get(struct cgroup_subsys_state *css)
{
	long old = __atomic_fetch_add(&css->kstub_refcnt, 1, __ATOMIC_RELAXED);

	if (old <= 0)
		kstub_report(KSTUB_REPORT_refcount, KSTUB_CALLER(),
			     "css_get on a released css (refcnt %ld)", old);
}

bool css_tryget(struct cgroup_subsys_state *css)
{
	long old = __atomic_load_n(&css->kstub_refcnt, __ATOMIC_RELAXED);

	do {
		if (old <= 0)
			return false;
	} while (!__atomic_compare_exchange_n(&css->kstub_refcnt, &old, old + 1,
					      true, __ATOMIC_ACQUIRE,
					      __ATOMIC_RELAXED));
	return true;
}

/*
 * The online check and the increment happen inside one RCU read-side
 * section; offlining clears CSS_ONLINE and then waits for a grace period,
 * so no tryget_online that saw the css online is still in flight when the
 * ->offline callback runs.
 */
bool css_tryget_online(struct cgroup_subsys_state *css)
{
	bool ret = false;

	rcu_read_lock();
	if (READ_ONCE(css->flags) & CSS_ONLINE)
		ret = css_tryget(css);
	rcu_read_unlock();
	return ret;
}

static void kstub_memcg_free(struct mem_cgroup *memcg)
{
	int nid;

	for (nid = 0; nid < memcg->kstub_nr_nodes; nid++)
		kfree(memcg->nodeinfo[nid]);
	kfree(memcg);
	__atomic_fetch_sub(&kstub_memcg_live, 1, __ATOMIC_RELAXED);
}

static void kstub_memcg_free_rcu(struct rcu_head *head)
{
	struct cgroup_subsys_state *css =
		container_of(head, struct cgroup_subsys_state, kstub_rcu);
	struct mem_cgroup *memcg = mem_cgroup_from_css(css);
	struct cgroup_subsys_state *parent = css->parent;
	const struct kstub_memcg_ops *ops = kstub_memcg_get_ops();

	if (ops && ops->free)
		ops->free(memcg);
	kstub_memcg_free(memcg);
	/* may release the parent: its free is queued before ours is done */
	css_put(parent);
	__atomic_fetch_sub(&kstub_memcg_pending_frees, 1, __ATOMIC_RELEASE);
}

void kstub_memcg_barrier(void)
{
	do {
		rcu_barrier();
	} while (__atomic_load_n(&kstub_memcg_pending_frees, __ATOMIC_ACQUIRE));
}

/* Unlinks @css from its parent's children; under the tree lock. */
static void kstub_css_unlink(struct cgroup_subsys_state *css)
{
	struct cgroup_subsys_state **link = &css->parent->kstub_child;

	while (*link != css)
		link = &(*link)->kstub_sibling;
	kstub_css_store(link, css->kstub_sibling);
}

/* The last reference is gone: unlink now, free after a grace period. */
static void kstub_css_release(struct cgroup_subsys_state *css,
			      const void *caller)
{
	if (!css->parent) {
		kstub_report(KSTUB_REPORT_refcount, caller,
			     "css_put dropped the root memcg's last reference");
		return;
	}
	kstub_own_lock(&kstub_memcg_tree_lock);
	kstub_css_unlink(css);
	WRITE_ONCE(css->flags, css->flags | CSS_RELEASED);
	idr_remove(&kstub_memcg_idr, css->id);
	kstub_own_unlock(&kstub_memcg_tree_lock);
	__atomic_fetch_add(&kstub_memcg_pending_frees, 1, __ATOMIC_RELAXED);
	call_rcu(&css->kstub_rcu, kstub_memcg_free_rcu);
}

void css_put(struct cgroup_subsys_state *css)
{
	long new = __atomic_sub_fetch(&css->kstub_refcnt, 1, __ATOMIC_ACQ_REL);

	if (new < 0)
		kstub_report(KSTUB_REPORT_refcount, KSTUB_CALLER(),
			     "css_put: reference count underflow");
	else if (new == 0)
		kstub_css_release(css, KSTUB_CALLER());
}

/* --- walking ----------------------------------------------------------- */

struct cgroup_subsys_state *
css_next_descendant_pre(struct cgroup_subsys_state *pos,
			struct cgroup_subsys_state *root)
{
	struct cgroup_subsys_state *next;

	if (!pos)
		return root;
	next = kstub_css_load(&pos->kstub_child);
	if (next)
		return next;
	while (pos != root) {
		next = kstub_css_load(&pos->kstub_sibling);
		if (next)
			return next;
		pos = pos->parent;
	}
	return NULL;
}

struct mem_cgroup *mem_cgroup_iter(struct mem_cgroup *root,
				   struct mem_cgroup *prev,
				   struct mem_cgroup_reclaim_cookie *reclaim)
{
	struct cgroup_subsys_state *css = prev ? &prev->css : NULL;
	struct mem_cgroup *memcg = NULL;

	if (mem_cgroup_disabled())
		return NULL;
	if (!root)
		root = root_mem_cgroup;

	rcu_read_lock();
	while ((css = css_next_descendant_pre(css, &root->css))) {
		/* the caller keeps @root alive; the others need a reference */
		if (css == &root->css || css_tryget(css)) {
			memcg = mem_cgroup_from_css(css);
			break;
		}
	}
	rcu_read_unlock();

	if (prev && prev != root)
		css_put(&prev->css);
	return memcg;
}

void mem_cgroup_iter_break(struct mem_cgroup *root, struct mem_cgroup *prev)
{
	if (!root)
		root = root_mem_cgroup;
	if (prev && prev != root)
		css_put(&prev->css);
}

struct mem_cgroup *mem_cgroup_from_id(unsigned short id)
{
	if (mem_cgroup_disabled())
		return NULL;
	if (id == 1)
		return root_mem_cgroup;
	return idr_find(&kstub_memcg_idr, id);
}

struct mem_cgroup *mem_cgroup_get_from_ino(unsigned long ino)
{
	struct cgroup_subsys_state *css = NULL;
	struct mem_cgroup *memcg = ERR_PTR(-ENOENT);

	if (!root_mem_cgroup)
		return memcg;
	rcu_read_lock();
	while ((css = css_next_descendant_pre(css, &root_mem_cgroup->css))) {
		if (css->cgroup->kstub_ino == ino) {
			if (css_tryget(css))
				memcg = mem_cgroup_from_css(css);
			break;
		}
	}
	rcu_read_unlock();
	return memcg;
}

/* --- lifecycle ----------------------------------------------------------- */

static void kstub_memcg_init_css(struct mem_cgroup *memcg,
				 struct mem_cgroup *parent)
{
	struct cgroup_subsys_state *css = &memcg->css;

	css->cgroup = &memcg->kstub_cgroup;
	css->kstub_refcnt = 1;
	memcg->kmemcg_id = -1;
	if (parent) {
		css_get(&parent->css);
		css->parent = &parent->css;
	}
	memcg->kstub_cgroup.kstub_ino = kstub_memcg_next_ino++;
	css->serial_nr = kstub_memcg_next_serial++;
}

/* Appends @css to its parent's children, where readers can find it. */
static void kstub_css_link(struct cgroup_subsys_state *css)
{
	struct cgroup_subsys_state **link = &css->parent->kstub_child;

	kstub_own_lock(&kstub_memcg_tree_lock);
	while (*link)
		link = &(*link)->kstub_sibling;
	kstub_css_store(link, css);
	kstub_own_unlock(&kstub_memcg_tree_lock);
}

static struct mem_cgroup *kstub_memcg_alloc(const void *caller)
{
	size_t size = sizeof(struct mem_cgroup) +
		      nr_node_ids * sizeof(struct mem_cgroup_per_node *);
	struct mem_cgroup *memcg;
	int nid;

	memcg = __kmalloc_node_track_caller(size, GFP_KERNEL | __GFP_ZERO,
					    NUMA_NO_NODE,
					    (unsigned long)caller);
	if (!memcg)
		return NULL;
	for (nid = 0; nid < nr_node_ids; nid++) {
		memcg->nodeinfo[nid] = __kmalloc_node_track_caller(
			sizeof(struct mem_cgroup_per_node),
			GFP_KERNEL | __GFP_ZERO, nid, (unsigned long)caller);
		if (!memcg->nodeinfo[nid])
			goto err_free;
		memcg->nodeinfo[nid]->memcg = memcg;
	}
	memcg->kstub_nr_nodes = nr_node_ids;
	__atomic_fetch_add(&kstub_memcg_live, 1, __ATOMIC_RELAXED);
	return memcg;

err_free:
	while (--nid >= 0)
		kfree(memcg->nodeinfo[nid]);
	kfree(memcg);
	return NULL;
}

/* Any online child?  Under kstub_memcg_mutex (online state is stable). */
static bool kstub_css_has_online_children(struct cgroup_subsys_state *css)
{
	struct cgroup_subsys_state *child;
	bool ret = false;

	rcu_read_lock();
	for (child = kstub_css_load(&css->kstub_child); child;
	     child = kstub_css_load(&child->kstub_sibling))
		if (READ_ONCE(child->flags) & CSS_ONLINE)
			ret = true;
	rcu_read_unlock();
	return ret;
}

static void kstub_memcg_set_online(struct mem_cgroup *memcg)
{
	WRITE_ONCE(memcg->css.flags, memcg->css.flags | CSS_ONLINE);
	/* memcg_online_kmem() */
	if (!mem_cgroup_is_root(memcg) && !READ_ONCE(kstub_memcg_nokmem)) {
		WRITE_ONCE(memcg->kmemcg_id, memcg->id.id);
		WRITE_ONCE(kstub_memcg_kmem_online, true);
	}
}

struct mem_cgroup *kstub_memcg_create(struct mem_cgroup *parent)
{
	const void *caller = KSTUB_CALLER();
	const struct kstub_memcg_ops *ops;
	struct mem_cgroup *memcg;
	int id, ret;

	kstub_might_sleep_at(NULL, 0, caller);
	if (mem_cgroup_disabled())
		return ERR_PTR(-ENODEV);
	if (!parent)
		parent = root_mem_cgroup;
	memcg = kstub_memcg_alloc(caller);
	if (!memcg)
		return ERR_PTR(-ENOMEM);

	kstub_own_lock(&kstub_memcg_mutex);
	if (!(READ_ONCE(parent->css.flags) & CSS_ONLINE)) {
		ret = -ENODEV;
		goto err_unlock;
	}
	kstub_own_lock(&kstub_memcg_tree_lock);
	id = kstub_idr_alloc_caller(&kstub_memcg_idr, NULL, 2,
				    MEM_CGROUP_ID_MAX + 1, GFP_KERNEL, caller);
	kstub_own_unlock(&kstub_memcg_tree_lock);
	if (id < 0) {
		ret = id;
		goto err_unlock;
	}
	memcg->id.id = id;
	memcg->css.id = id;
	kstub_memcg_init_css(memcg, parent);
	kstub_css_link(&memcg->css);

	/* linked first, as css_create() does: iterators may see it offline */
	ops = kstub_memcg_get_ops();
	if (ops && ops->online) {
		ret = ops->online(memcg);
		if (ret)
			goto err_put;
	}
	kstub_memcg_set_online(memcg);
	kstub_own_lock(&kstub_memcg_tree_lock);
	idr_replace(&kstub_memcg_idr, memcg, id);
	kstub_own_unlock(&kstub_memcg_tree_lock);
	kstub_own_unlock(&kstub_memcg_mutex);
	return memcg;

err_put:
	kstub_own_unlock(&kstub_memcg_mutex);
	/* the release path unlinks, frees the id and calls ops->free */
	css_put(&memcg->css);
	return ERR_PTR(ret);
err_unlock:
	kstub_own_unlock(&kstub_memcg_mutex);
	kstub_memcg_free(memcg);
	return ERR_PTR(ret);
}

int kstub_memcg_offline(struct mem_cgroup *memcg)
{
	const struct kstub_memcg_ops *ops;
	struct cgroup_subsys_state *css = &memcg->css;
	int ret = 0;

	kstub_might_sleep_at(NULL, 0, KSTUB_CALLER());
	kstub_own_lock(&kstub_memcg_mutex);
	if (mem_cgroup_is_root(memcg) || !css->parent ||
	    !(READ_ONCE(css->flags) & CSS_ONLINE)) {
		ret = -EINVAL;
		goto out_unlock;
	}
	if (kstub_css_has_online_children(css)) {
		ret = -EBUSY;
		goto out_unlock;
	}
	WRITE_ONCE(css->flags, (css->flags & ~CSS_ONLINE) | CSS_DYING);
	synchronize_rcu();
	ops = kstub_memcg_get_ops();
	if (ops && ops->offline)
		ops->offline(memcg);
out_unlock:
	kstub_own_unlock(&kstub_memcg_mutex);
	if (!ret)
		css_put(css);
	return ret;
}

void kstub_memcg_put(struct mem_cgroup *memcg)
{
	mem_cgroup_put(memcg);
}

/* Calls @fn for every online memcg, the root first; under the mutex. */
static int kstub_memcg_for_each_online(int (*fn)(struct mem_cgroup *))
{
	struct mem_cgroup *memcg;
	int ret = 0;

	for (memcg = mem_cgroup_iter(NULL, NULL, NULL); memcg;
	     memcg = mem_cgroup_iter(NULL, memcg, NULL)) {
		if (!mem_cgroup_online(memcg))
			continue;
		ret = fn(memcg);
		if (ret) {
			mem_cgroup_iter_break(NULL, memcg);
			break;
		}
	}
	return ret;
}

static const struct kstub_memcg_ops *kstub_memcg_pending_ops;

static int kstub_memcg_call_online(struct mem_cgroup *memcg)
{
	return kstub_memcg_pending_ops->online
		       ? kstub_memcg_pending_ops->online(memcg)
		       : 0;
}

static int kstub_memcg_call_free(struct mem_cgroup *memcg)
{
	if (kstub_memcg_pending_ops->free)
		kstub_memcg_pending_ops->free(memcg);
	return 0;
}

int kstub_memcg_register_ops(const struct kstub_memcg_ops *ops)
{
	int ret;

	kstub_own_lock(&kstub_memcg_mutex);
	if (kstub_memcg_ops) {
		ret = -EBUSY;
		goto out_unlock;
	}
	kstub_memcg_pending_ops = ops;
	ret = kstub_memcg_for_each_online(kstub_memcg_call_online);
	if (ret)
		kstub_memcg_for_each_online(kstub_memcg_call_free);
	else
		__atomic_store_n(&kstub_memcg_ops, ops, __ATOMIC_RELEASE);
	kstub_memcg_pending_ops = NULL;
out_unlock:
	kstub_own_unlock(&kstub_memcg_mutex);
	return ret;
}

void kstub_memcg_unregister_ops(const struct kstub_memcg_ops *ops)
{
	/* frees queued so far still see @ops */
	kstub_memcg_barrier();
	kstub_own_lock(&kstub_memcg_mutex);
	if (kstub_memcg_ops == ops) {
		kstub_memcg_pending_ops = ops;
		kstub_memcg_for_each_online(kstub_memcg_call_free);
		kstub_memcg_pending_ops = NULL;
		__atomic_store_n(&kstub_memcg_ops, NULL, __ATOMIC_RELEASE);
	}
	kstub_own_unlock(&kstub_memcg_mutex);
}

/*
 * The root exists from "boot": allocated with libc, outside the kernel
 * allocator, so it is neither a fault site nor a leak.  Its nodeinfo
 * covers MAX_NUMNODES so a later kstub_set_nr_nodes() still fits.
 */
static void __attribute__((constructor)) kstub_memcg_init(void)
{
	const char *env = getenv("KSTUB_MEMCG");
	struct mem_cgroup *root;
	int nid;

	root = calloc(1, sizeof(*root) + MAX_NUMNODES * sizeof(void *));
	if (!root)
		abort();
	for (nid = 0; nid < MAX_NUMNODES; nid++) {
		root->nodeinfo[nid] = calloc(1, sizeof(*root->nodeinfo[nid]));
		if (!root->nodeinfo[nid])
			abort();
		root->nodeinfo[nid]->memcg = root;
	}
	root->id.id = 1;
	root->css.id = 1;
	root->kstub_nr_nodes = MAX_NUMNODES;
	kstub_memcg_live = 1;
	kstub_memcg_init_css(root, NULL);
	root->css.flags = CSS_ONLINE;
	kstub_memcg_root = root;
	kstub_memcg_set_disabled(env && !strcmp(env, "0"));
	env = getenv("KSTUB_MEMCG_KMEM");
	kstub_memcg_set_nokmem(env && !strcmp(env, "0"));
}
