// SPDX-License-Identifier: GPL-2.0-only
/*
 * RCU torture-lite: readers check that the object they hold under
 * rcu_read_lock() is never freed or poisoned while writers keep replacing
 * it and freeing the old one through call_rcu/kfree_rcu.  Meaningful in
 * every build: the plain build checks the poison, ASan catches a premature
 * free, TSan a missing happens-before edge (it must stay silent here).
 */
#include "config.h"

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <kstub/leak.h>

#include "harness.h"

#define LIVE 0x4c495645UL
#define DEAD 0x44454144UL
#define NR_READERS 3
#define NR_WRITERS 2

struct tobj {
	unsigned long magic;
	unsigned long seq;
	unsigned long payload[4];
	struct rcu_head rcu;
};

static struct tobj __rcu *tgp;
static DEFINE_MUTEX(tlock);
static int writers_left = NR_WRITERS;
static int iterations;
static unsigned long bad_reads, reads, freed, replaced;

static void tobj_free(struct rcu_head *head)
{
	struct tobj *o = container_of(head, struct tobj, rcu);

	o->magic = DEAD;
	kfree(o);
	__atomic_add_fetch(&freed, 1, __ATOMIC_RELAXED);
}

static void *reader(void)
{
	unsigned long n = 0, bad = 0;
	struct tobj *p;
	int i;

	do {
		rcu_read_lock();
		p = rcu_dereference(tgp);
		if (p) {
			if (p->magic != LIVE)
				bad++;
			for (i = 0; i < 4; i++)
				if (p->payload[i] != p->seq)
					bad++;
			n++;
		}
		rcu_read_unlock();
	} while (__atomic_load_n(&writers_left, __ATOMIC_ACQUIRE));
	__atomic_add_fetch(&reads, n, __ATOMIC_RELAXED);
	__atomic_add_fetch(&bad_reads, bad, __ATOMIC_RELAXED);
	return NULL;
}

static void *writer(int id)
{
	struct tobj *n, *old;
	int it, i;

	for (it = 0; it < iterations; it++) {
		n = kmalloc(sizeof(*n), GFP_KERNEL);
		if (!n)
			bail_out("kmalloc failed");
		n->magic = LIVE;
		n->seq = it;
		for (i = 0; i < 4; i++)
			n->payload[i] = it;
		mutex_lock(&tlock);
		old = rcu_replace_pointer(tgp, n, lockdep_is_held(&tlock));
		mutex_unlock(&tlock);
		if (!old)
			continue;
		__atomic_add_fetch(&replaced, 1, __ATOMIC_RELAXED);
		if (it & 1) {
			call_rcu(&old->rcu, tobj_free);
		} else {
			kfree_rcu(old, rcu);
			__atomic_add_fetch(&freed, 1, __ATOMIC_RELAXED);
		}
	}
	__atomic_sub_fetch(&writers_left, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *torture_thread(void *arg, int i)
{
	return i < NR_WRITERS ? writer(i) : reader();
}

/*
 * The same on a list: writers add fresh entries at the tail and delete the
 * first one, readers walk it.  A reader reaching an entry through a
 * deletion's relinking must see it initialised, too.
 */
struct lobj {
	unsigned long magic;
	struct list_head node;
	struct rcu_head rcu;
};

static LIST_HEAD(tlist);
static int list_writers_left = NR_WRITERS;
static unsigned long list_bad, list_seen, list_live;

static void *list_reader(void)
{
	unsigned long n = 0, bad = 0;
	struct lobj *p;

	do {
		rcu_read_lock();
		list_for_each_entry_rcu(p, &tlist, node) {
			if (p->magic != LIVE)
				bad++;
			n++;
		}
		rcu_read_unlock();
	} while (__atomic_load_n(&list_writers_left, __ATOMIC_ACQUIRE));
	__atomic_add_fetch(&list_seen, n, __ATOMIC_RELAXED);
	__atomic_add_fetch(&list_bad, bad, __ATOMIC_RELAXED);
	return NULL;
}

static void *list_writer(void)
{
	struct lobj *n, *first;
	int it;

	for (it = 0; it < iterations / 4; it++) {
		n = kmalloc(sizeof(*n), GFP_KERNEL);
		if (!n)
			bail_out("kmalloc failed");
		n->magic = LIVE;
		mutex_lock(&tlock);
		list_add_tail_rcu(&n->node, &tlist);
		first = list_first_entry(&tlist, struct lobj, node);
		if (it & 1) {
			list_del_rcu(&first->node);
			kfree_rcu(first, rcu);
		} else {
			list_live++;
		}
		mutex_unlock(&tlock);
	}
	__atomic_sub_fetch(&list_writers_left, 1, __ATOMIC_RELEASE);
	return NULL;
}

static void *list_thread(void *arg, int i)
{
	return i < NR_WRITERS ? list_writer() : list_reader();
}

static void test_list(unsigned long live)
{
	struct lobj *p, *n;

	run_threads(NR_WRITERS + NR_READERS, list_thread, NULL);
	diag("%lu list entries read", list_seen);
	is_int(list_bad, 0, "no list reader saw a freed entry");
	mutex_lock(&tlock);
	list_for_each_entry_safe(p, n, &tlist, node) {
		list_del_rcu(&p->node);
		kfree_rcu(p, rcu);
		list_live--;
	}
	mutex_unlock(&tlock);
	rcu_barrier();
	ok(list_live == 0 && kstub_live_objects() == live,
	   "every list entry was freed");
}

int main(void)
{
	unsigned long live = kstub_live_objects();
	unsigned long lockdep = reports(KSTUB_REPORT_lockdep);
	struct tobj *last;

	iterations = strcmp(tap_sanitizer(), "none") ? 2000 : 20000;
	plan(7);
	run_threads(NR_WRITERS + NR_READERS, torture_thread, NULL);
	diag("%lu reads, %lu replacements", reads, replaced);
	is_int(bad_reads, 0, "no reader saw a freed or torn object");
	ok(reads > 0, "readers read");

	mutex_lock(&tlock);
	last = rcu_replace_pointer(tgp, NULL, lockdep_is_held(&tlock));
	mutex_unlock(&tlock);
	kfree_rcu(last, rcu);
	rcu_barrier();
	is_int(freed, replaced, "every replaced object was freed");
	is_int(kstub_live_objects(), live, "nothing leaked after rcu_barrier");
	test_list(live);
	is_int(reports(KSTUB_REPORT_lockdep), lockdep, "no lockdep report");
	return exit_status();
}
