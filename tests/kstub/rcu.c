// SPDX-License-Identifier: GPL-2.0-only
/*
 * RCU basics: nesting, grace periods that wait for readers, callbacks,
 * kfree_rcu, thread registration, and the PROVE_RCU-style reports (each
 * with a negative control that must report).
 */
#include "config.h"

#include <sys/wait.h>

#include <linux/kernel.h>
#include <linux/rcupdate.h>
#include <linux/rculist.h>
#include <linux/mutex.h>
#include <linux/slab.h>
#include <kstub/leak.h>

#include "harness.h"

struct obj {
	int val;
	struct list_head node;
	struct rcu_head rcu;
};

static int callbacks_run;

static void count_cb(struct rcu_head *head)
{
	struct obj *o = container_of(head, struct obj, rcu);

	__atomic_add_fetch(&callbacks_run, o->val, __ATOMIC_RELAXED);
}

static void test_nesting(void)
{
	ok(!rcu_read_lock_held(), "not in a reader at start");
	rcu_read_lock();
	rcu_read_lock();
	rcu_read_unlock();
	ok(rcu_read_lock_held(), "still a reader after inner unlock");
	rcu_read_unlock();
	ok(!rcu_read_lock_held(), "outermost unlock ends the reader");
}

/* A grace period cannot end while a reader that began before it runs. */
static int reader_inside, reader_leaving, writer_done;

static void *gp_reader(void *arg, int i)
{
	rcu_read_lock();
	__atomic_store_n(&reader_inside, 1, __ATOMIC_SEQ_CST);
	/* give the writer a chance to finish early (it must not) */
	while (!__atomic_load_n(&writer_done, __ATOMIC_SEQ_CST) &&
	       __atomic_load_n(&reader_inside, __ATOMIC_SEQ_CST) < 1000) {
		__atomic_add_fetch(&reader_inside, 1, __ATOMIC_SEQ_CST);
		sched_yield();
	}
	__atomic_store_n(&reader_leaving, 1, __ATOMIC_SEQ_CST);
	rcu_read_unlock();
	return NULL;
}

static void *gp_writer(void *arg, int i)
{
	while (!__atomic_load_n(&reader_inside, __ATOMIC_SEQ_CST))
		sched_yield();
	synchronize_rcu();
	ok(__atomic_load_n(&reader_leaving, __ATOMIC_SEQ_CST),
	   "synchronize_rcu returned only after the reader left");
	__atomic_store_n(&writer_done, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static void *gp_thread(void *arg, int i)
{
	return i ? gp_writer(arg, i) : gp_reader(arg, i);
}

static void test_callbacks(void)
{
	struct obj objs[10];
	unsigned long before = sites(KSTUB_SITE_call_rcu);
	unsigned long cb_before = sites(KSTUB_SITE_rcu_callback);
	int i;

	for (i = 0; i < 10; i++) {
		objs[i].val = i + 1;
		call_rcu(&objs[i].rcu, count_cb);
	}
	rcu_barrier();
	is_int(callbacks_run, 55, "rcu_barrier waits for every callback");
	is_int(sites(KSTUB_SITE_call_rcu) - before, 10,
	       "each call_rcu reaches the hook");
	is_int(sites(KSTUB_SITE_rcu_callback) - cb_before, 10,
	       "each callback reaches the hook");
}

static void test_kfree_rcu(void)
{
	unsigned long live = kstub_live_objects();
	struct obj *a = kmalloc(sizeof(*a), GFP_KERNEL);
	struct obj *b = kmalloc(sizeof(*b), GFP_KERNEL);
	void *c = kmalloc(32, GFP_KERNEL);

	if (!a || !b || !c)
		bail_out("kmalloc failed");
	is_int(kstub_live_objects() - live, 3, "three objects live");
	kfree_rcu(a, rcu);
	kvfree_rcu(b, rcu);
	kvfree_rcu_mightsleep(c);
	rcu_barrier();
	is_int(kstub_live_objects(), live,
	       "kfree_rcu, kvfree_rcu and kvfree_rcu_mightsleep freed them");
}

/* Many short-lived threads, each an RCU reader and updater once. */
static void *short_lived(void *arg, int i)
{
	struct obj *o = kmalloc(sizeof(*o), GFP_KERNEL);

	rcu_read_lock();
	rcu_read_unlock();
	if (o)
		kfree_rcu(o, rcu);
	return NULL;
}

static void test_registration(void)
{
	unsigned long live = kstub_live_objects();
	unsigned long locks = sites(KSTUB_SITE_rcu_read_lock);
	int round;

	for (round = 0; round < 10; round++)
		run_threads(20, short_lived, NULL);
	synchronize_rcu();
	rcu_barrier();
	is_int(sites(KSTUB_SITE_rcu_read_lock) - locks, 200,
	       "200 short-lived threads each entered a reader");
	is_int(kstub_live_objects(), live,
	       "their kfree_rcu objects were freed after they exited");
}

static struct obj *gp;
static DEFINE_MUTEX(gp_lock);
static LIST_HEAD(gp_list);

static void test_lockdep_checks(void)
{
	unsigned long n = reports(KSTUB_REPORT_lockdep);
	struct obj o = {.val = 1}, *p;
	const char *out;
	int seen = 0;

	rcu_assign_pointer(gp, &o);
	rcu_read_lock();
	p = rcu_dereference(gp);
	rcu_read_unlock();
	ok(p == &o, "rcu_dereference returns the published pointer");
	is_int(reports(KSTUB_REPORT_lockdep), n,
	       "rcu_dereference inside a reader: no report");

	capture_begin();
	p = rcu_dereference(gp);
	out = capture_end();
	is_int(reports(KSTUB_REPORT_lockdep), n + 1,
	       "rcu_dereference outside a reader is reported");
	ok(strstr(out, "suspicious rcu_dereference_check() usage"),
	   "with the kernel's text");
	n = reports(KSTUB_REPORT_lockdep);

	mutex_lock(&gp_lock);
	p = rcu_dereference_check(gp, lockdep_is_held(&gp_lock));
	p = rcu_dereference_protected(gp, lockdep_is_held(&gp_lock));
	mutex_unlock(&gp_lock);
	is_int(reports(KSTUB_REPORT_lockdep), n,
	       "_check/_protected with their lock held: no report");
	p = rcu_dereference_protected(gp, lockdep_is_held(&gp_lock));
	is_int(reports(KSTUB_REPORT_lockdep), n + 1,
	       "rcu_dereference_protected without the lock is reported");
	n = reports(KSTUB_REPORT_lockdep);

	list_add_tail_rcu(&o.node, &gp_list);
	mutex_lock(&gp_lock);
	list_for_each_entry_rcu(p, &gp_list, node, lockdep_is_held(&gp_lock))
		seen++;
	mutex_unlock(&gp_lock);
	is_int(reports(KSTUB_REPORT_lockdep), n,
	       "list_for_each_entry_rcu under its lockdep condition: no "
	       "report");
	list_for_each_entry_rcu(p, &gp_list, node)
		seen++;
	is_int(reports(KSTUB_REPORT_lockdep), n + 1,
	       "list_for_each_entry_rcu outside a reader is reported");
	is_int(seen, 2, "both walks saw the entry");
	list_del_rcu(&o.node);
	n = reports(KSTUB_REPORT_lockdep);

	rcu_read_lock();
	synchronize_rcu();
	rcu_read_unlock();
	ok(reports(KSTUB_REPORT_lockdep) > n,
	   "synchronize_rcu inside a reader is reported (and returns)");
	n = reports(KSTUB_REPORT_lockdep);
	rcu_read_unlock();
	is_int(reports(KSTUB_REPORT_lockdep), n + 1,
	       "unbalanced rcu_read_unlock is reported");
	ok(!rcu_read_lock_held(), "and leaves the thread outside a reader");
}

/* A child forked after call_rcu was used still gets its callbacks run. */
static void test_fork(void)
{
	struct obj o = {.val = 1};
	int status = -1;
	pid_t pid;

	if (!strcmp(tap_sanitizer(), "tsan")) {
		skip(1, "TSan forbids threads in a forked child");
		return;
	}
	pid = fork();
	if (pid == 0) {
		alarm(20); /* a regression fails instead of hanging */
		callbacks_run = 0;
		call_rcu(&o.rcu, count_cb);
		rcu_barrier();
		_exit(callbacks_run == 1 ? 0 : 1);
	}
	waitpid(pid, &status, 0);
	ok(pid > 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	   "call_rcu and rcu_barrier work in a forked child");
}

int main(void)
{
	plan(24);
	test_nesting();
	run_threads(2, gp_thread, NULL);
	test_callbacks();
	test_kfree_rcu();
	test_registration();
	test_lockdep_checks();
	test_fork();
	return exit_status();
}
