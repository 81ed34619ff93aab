// SPDX-License-Identifier: GPL-2.0-only
/*
 * trace=FILE: site events in per-thread buffers of a fixed size (events
 * past the end are counted, not kept), written at exit as trace-event JSON
 * for Perfetto and chrome://tracing:
 *  - lock holds as complete ("X") spans per thread, from the acquire site
 *    to the matching release of the same lock;
 *  - RCU read-side sections as B/E spans, balanced by construction;
 *  - grace periods, call_rcu, callbacks, allocations and frees, refcount
 *    and completion events as instants;
 *  - injected faults as instants in category "fault", delays as X spans in
 *    category "delay".
 * Names come from the site table; only which classes open and close a
 * span is said here.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "kfault.h"

enum kf_role { KF_INSTANT, KF_ACQUIRE, KF_RELEASE, KF_RCU_ENTER, KF_RCU_EXIT };

static enum kf_role kf_role(unsigned int cls)
{
	switch (cls) {
	case KSTUB_SITE_mutex_lock:
	case KSTUB_SITE_lock_killable:
	case KSTUB_SITE_rwsem_down_read:
	case KSTUB_SITE_rwsem_down_write:
	case KSTUB_SITE_spin_lock:
		return KF_ACQUIRE;
	case KSTUB_SITE_mutex_unlock:
	case KSTUB_SITE_rwsem_up_read:
	case KSTUB_SITE_rwsem_up_write:
	case KSTUB_SITE_spin_unlock:
		return KF_RELEASE;
	case KSTUB_SITE_rcu_read_lock:
		return KF_RCU_ENTER;
	case KSTUB_SITE_rcu_read_unlock:
		return KF_RCU_EXIT;
	default:
		return KF_INSTANT;
	}
}

static uint64_t kf_t0;
static pid_t kf_trace_pid; /* getpid() once per write, not per event */

void kfault_trace(struct kfault_thread *t, enum kfault_trace_type type,
		  const struct kstub_site *site, uint64_t ts, uint32_t arg)
{
	struct kfault_trace_event *e;
	unsigned long n = t->trace_len;

	if (!t->trace) {
		int saved_errno = errno;
		void *p = mmap(NULL, kf_cfg.trace_events * sizeof(*e),
			       PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1,
			       0);

		errno = saved_errno;
		/* A thread named after its first site: read it again. */
		kfault_thread_name(t);
		if (p == MAP_FAILED) {
			kf_inc(&t->trace_dropped);
			return;
		}
		__atomic_store_n(&t->trace, p, __ATOMIC_RELEASE);
	}
	if (n >= kf_cfg.trace_events) {
		kf_inc(&t->trace_dropped);
		return;
	}
	e = &t->trace[n];
	e->ts = ts;
	e->obj = (uintptr_t)site->obj;
	e->caller = (uintptr_t)site->caller;
	e->arg = arg;
	e->cls = site->cls;
	e->type = type;
	__atomic_store_n(&t->trace_len, n + 1, __ATOMIC_RELEASE);
}

/* Timestamps in microseconds with ns precision, from the first event. */
static void kf_put_ts(struct kfault_out *o, const char *key, uint64_t ns)
{
	kf_puts(o, key);
	kf_putu(o, ns / 1000);
	kf_putc(o, '.');
	kf_putc(o, '0' + ns % 1000 / 100);
	kf_putc(o, '0' + ns % 100 / 10);
	kf_putc(o, '0' + ns % 10);
}

static void kf_ev_head(struct kfault_out *o, const char *ph, const char *cat,
		       const struct kfault_thread *t, uint64_t ts)
{
	kf_puts(o, ",\n{\"ph\":\"");
	kf_puts(o, ph);
	kf_puts(o, "\",\"cat\":\"");
	kf_puts(o, cat);
	kf_puts(o, "\",\"pid\":");
	kf_putu(o, kf_trace_pid);
	kf_puts(o, ",\"tid\":");
	kf_putu(o, t->tid);
	kf_put_ts(o, ",\"ts\":", ts - kf_t0);
}

/* Callers repeat: a direct-mapped cache keeps the write linear. */
#define KF_SYMCACHE 1024
static struct kfault_frame kf_symcache[KF_SYMCACHE];

static void kf_ev_args(struct kfault_out *o, const struct kfault_trace_event *e)
{
	struct kfault_frame f,
		*c = &kf_symcache[(e->caller >> 2) % KF_SYMCACHE];

	if (c->addr != e->caller || !e->caller)
		kfault_symbolize(e->caller, c);
	f = *c;
	kf_puts(o, ",\"args\":{\"caller\":\"");
	if (f.func) {
		kf_puts(o, f.func);
		kf_puts(o, "+");
		kf_putx(o, f.func_off);
	} else {
		kf_putx(o, e->caller);
	}
	kf_puts(o, "\"");
	if (e->obj) {
		kf_puts(o, ",\"obj\":\"");
		kf_putx(o, e->obj);
		kf_puts(o, "\"");
	}
	if (e->arg && e->type == KFAULT_TRACE_SITE) {
		kf_puts(o, ",\"size\":");
		kf_putu(o, e->arg);
	}
	kf_puts(o, "}}");
}

static void kf_ev_name(struct kfault_out *o, const char *prefix,
		       unsigned int cls)
{
	kf_puts(o, ",\"name\":\"");
	kf_puts(o, prefix);
	kf_puts(o, kfault_class_name(cls));
	kf_puts(o, "\"");
}

static void kf_out_name(struct kfault_out *o, const struct kfault_thread *t)
{
	char name[sizeof(t->name) + 16], *p = name;
	const char *s;
	unsigned int id = t->id, div = 1;

	for (s = t->name; *s;)
		*p++ = *s++;
	*p++ = ' ';
	*p++ = '(';
	while (id / div >= 10)
		div *= 10;
	for (; div; div /= 10)
		*p++ = '0' + id / div % 10;
	*p++ = ')';
	*p = '\0';
	kf_putjs(o, name);
}

#define KF_OPEN_LOCKS 64

static void kf_write_thread(struct kfault_out *o, const struct kfault_thread *t)
{
	const struct kfault_trace_event *open[KF_OPEN_LOCKS];
	unsigned long i, n = __atomic_load_n(&t->trace_len, __ATOMIC_ACQUIRE);
	const struct kfault_trace_event *ev = t->trace;
	unsigned int nopen = 0, rcu = 0, j;
	uint64_t last = n ? ev[n - 1].ts : kf_t0;

	kf_puts(o, ",\n{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":");
	kf_putu(o, kf_trace_pid);
	kf_puts(o, ",\"tid\":");
	kf_putu(o, t->tid);
	kf_puts(o, ",\"args\":{\"name\":");
	if (t->name[0]) {
		/* "name (N)": N is the thread= number of specs and reports */
		kf_out_name(o, t);
	} else {
		kf_puts(o, "\"thread ");
		kf_putu(o, t->id);
		kf_puts(o, "\"");
	}
	kf_puts(o, "}}");
	for (i = 0; i < n; i++) {
		const struct kfault_trace_event *e = &ev[i];

		if (e->type == KFAULT_TRACE_FAULT) {
			kf_ev_head(o, "i", "fault", t, e->ts);
			kf_ev_name(o, "FAULT ", e->cls);
			kf_puts(o, ",\"s\":\"t\"");
			kf_ev_args(o, e);
			continue;
		}
		if (e->type == KFAULT_TRACE_DELAY) {
			kf_ev_head(o, "X", "delay", t, e->ts);
			kf_ev_name(o, "delay ", e->cls);
			kf_put_ts(o, ",\"dur\":", (uint64_t)e->arg * 1000);
			kf_ev_args(o, e);
			continue;
		}
		switch (kf_role(e->cls)) {
		case KF_ACQUIRE:
			if (nopen < KF_OPEN_LOCKS) {
				open[nopen++] = e;
				continue;
			}
			break;
		case KF_RELEASE:
			for (j = nopen; j > 0; j--)
				if (open[j - 1]->obj == e->obj)
					break;
			if (!j)
				break;
			kf_ev_head(o, "X", "lock", t, open[j - 1]->ts);
			kf_ev_name(o, "", open[j - 1]->cls);
			kf_put_ts(o, ",\"dur\":", e->ts - open[j - 1]->ts);
			kf_ev_args(o, open[j - 1]);
			for (; j < nopen; j++)
				open[j - 1] = open[j];
			nopen--;
			continue;
		case KF_RCU_ENTER:
			rcu++;
			kf_ev_head(o, "B", "rcu", t, e->ts);
			kf_ev_name(o, "", e->cls);
			kf_ev_args(o, e);
			continue;
		case KF_RCU_EXIT:
			if (!rcu)
				break;
			rcu--;
			kf_ev_head(o, "E", "rcu", t, e->ts);
			kf_ev_name(o, "", KSTUB_SITE_rcu_read_lock);
			kf_puts(o, "}");
			continue;
		case KF_INSTANT:
			break;
		}
		kf_ev_head(o, "i", "site", t, e->ts);
		kf_ev_name(o, "", e->cls);
		kf_puts(o, ",\"s\":\"t\"");
		kf_ev_args(o, e);
	}
	/* Close what is still open when the buffer ends. */
	for (j = 0; j < nopen; j++) {
		kf_ev_head(o, "X", "lock", t, open[j]->ts);
		kf_ev_name(o, "", open[j]->cls);
		kf_put_ts(o, ",\"dur\":", last - open[j]->ts);
		kf_ev_args(o, open[j]);
	}
	while (rcu--) {
		kf_ev_head(o, "E", "rcu", t, last);
		kf_ev_name(o, "", KSTUB_SITE_rcu_read_lock);
		kf_puts(o, "}");
	}
}

void kfault_trace_start(void)
{
	kf_t0 = kfault_now_ns();
}

static void kf_write_trace(struct kfault_out *o, const void *arg)
{
	unsigned int i, n = kfault_nr_threads();
	unsigned long dropped = 0;

	(void)arg;
	kf_trace_pid = getpid();
	kf_puts(o, "{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
	kf_puts(o, "{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":");
	kf_putu(o, kf_trace_pid);
	kf_puts(o, ",\"args\":{\"name\":\"kfault ");
	kf_putu(o, kf_trace_pid);
	kf_puts(o, "\"}}");
	for (i = 0; i < n; i++) {
		const struct kfault_thread *t = kfault_thread_slot(i);

		if (!__atomic_load_n(&t->trace, __ATOMIC_ACQUIRE))
			continue;
		kf_write_thread(o, t);
		dropped += kf_load(&t->trace_dropped);
	}
	kf_puts(o, "\n],\"otherData\":{\"kfault_dropped_events\":");
	kf_putu(o, dropped);
	kf_puts(o, ",\"kfault_events_per_thread\":");
	kf_putu(o, kf_cfg.trace_events);
	kf_puts(o, "}}\n");
}

int kfault_trace_write(const char *path)
{
	return kf_write_output("trace", path, kf_write_trace, NULL);
}
