// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reports (WARN, BUG and the debug checks) and printk.
 *
 * Everything here formats into buffers on the stack and writes them to
 * file descriptor 2 with write(2), one write per report or message, so
 * that reports from different threads do not interleave, nothing is
 * allocated through kstub, and a report can be raised with kstub locks
 * held or from an RCU callback.  Backtraces come from libunwind's local
 * unwinder, their symbols from kallsyms.c.
 */
#include "config.h"

#define UNW_LOCAL_ONLY
#include <libunwind.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"
#include <linux/kernel.h>
#include <linux/sprintf.h>
#include <kstub/report.h>

#define REPORT_BUF 16384
#define BACKTRACE_MAX 48

static unsigned long report_counts[KSTUB_NR_REPORT_KINDS];

#define KSTUB_REPORT_BANNER(name, banner) [KSTUB_REPORT_##name] = banner,
static const char *const report_banner[KSTUB_NR_REPORT_KINDS] = {
	KSTUB_REPORT_KINDS(KSTUB_REPORT_BANNER)};
#undef KSTUB_REPORT_BANNER

#define KSTUB_REPORT_NAME(name, banner) [KSTUB_REPORT_##name] = #name,
static const char *const report_name[KSTUB_NR_REPORT_KINDS] = {
	KSTUB_REPORT_KINDS(KSTUB_REPORT_NAME)};
#undef KSTUB_REPORT_NAME

/* A bounded string builder over a caller's buffer. */
struct out {
	char *buf;
	size_t len, used;
};

static __printf(2, 3) void out_add(struct out *o, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	o->used += vscnprintf(o->buf + o->used, o->len - o->used, fmt, ap);
	va_end(ap);
}

static void write_all(const char *buf, size_t len)
{
	while (len) {
		ssize_t n = write(STDERR_FILENO, buf, len);

		if (n <= 0)
			return;
		buf += n;
		len -= n;
	}
}

static bool env_is_1(const char *name)
{
	const char *v = getenv(name);

	return v && !strcmp(v, "1");
}

/* One frame of a backtrace: " function+0xoff (object)". */
static void out_frame(struct out *o, const void *pc)
{
	const char *obj = kstub_symbol_object(pc);
	char sym[256];

	kstub_symbolize(pc, sym, sizeof(sym));
	if (obj)
		out_add(o, " %s (%s)\n", sym, obj);
	else
		out_add(o, " %s\n", sym);
}

/*
 * Append the calling thread's backtrace, one frame a line, leaving out the
 * innermost @skip frames (this function is one of them).
 */
static noinline void out_backtrace(struct out *o, int skip)
{
	unw_context_t uc;
	unw_cursor_t cursor;
	int depth = 0;

	if (unw_getcontext(&uc) || unw_init_local(&cursor, &uc))
		return;
	do {
		unw_word_t ip;

		if (unw_get_reg(&cursor, UNW_REG_IP, &ip) || !ip)
			break;
		if (skip > 0) {
			skip--;
			continue;
		}
		out_frame(o, (void *)ip);
	} while (++depth < BACKTRACE_MAX && unw_step(&cursor) > 0);
}

void kstub_stack_save(struct kstub_stack *s, const void *from)
{
	void *pc[KSTUB_STACK_MAX + 8];
	int n = unw_backtrace(pc, ARRAY_SIZE(pc));
	int skip = 0;

	/* kstub's own frames (how many depends on inlining) go */
	while (skip < n && pc[skip] != from)
		skip++;
	if (skip == n)
		skip = 0;
	s->tid = (int)gettid();
	s->depth = min(n - skip, KSTUB_STACK_MAX);
	memcpy(s->pc, pc + skip, s->depth * sizeof(pc[0]));
}

char *kstub_stack_format(const struct kstub_stack *s, char *buf, size_t len)
{
	struct out o = {buf, len, strnlen(buf, len)};
	int i;

	out_add(&o, "task %d:\n", s->tid);
	for (i = 0; i < s->depth; i++)
		out_frame(&o, s->pc[i]);
	return buf;
}

static void out_task(struct out *o)
{
	char comm[32];

	if (pthread_getname_np(pthread_self(), comm, sizeof(comm)))
		snprintf(comm, sizeof(comm), "?");
	out_add(o, "PID: %d Comm: %s\n", (int)gettid(), comm);
}

void dump_stack(void)
{
	char buf[REPORT_BUF];
	struct out o = {buf, sizeof(buf), 0};

	out_task(&o);
	out_add(&o, "Call Trace:\n");
	out_backtrace(&o, 2);
	write_all(o.buf, o.used);
}

/* ---- reports ----------------------------------------------------------- */

static noinline void report_emit(enum kstub_report_kind kind,
				 const void *caller, const char *fmt,
				 va_list ap)
{
	char buf[REPORT_BUF], sym[256];
	struct out o = {buf, sizeof(buf), 0};

	if ((unsigned int)kind >= KSTUB_NR_REPORT_KINDS)
		kind = KSTUB_REPORT_warn;
	out_add(&o, "------------[ cut here ]------------\n%s: ",
		report_banner[kind]);
	o.used += vscnprintf(o.buf + o.used, o.len - o.used, fmt, ap);
	if (o.used && o.buf[o.used - 1] != '\n')
		out_add(&o, "\n");
	out_add(&o, "caller: %s\n", kstub_symbolize(caller, sym, sizeof(sym)));
	out_task(&o);
	out_add(&o, "Call Trace:\n");
	/* out_backtrace, report_emit, kstub_report or kstub_vreport */
	out_backtrace(&o, 3);
	out_add(&o, "---[ end trace ]---\n");
	write_all(o.buf, o.used);

	__atomic_add_fetch(&report_counts[kind], 1, __ATOMIC_RELAXED);
	kstub_site(KSTUB_SITE_warn, caller, NULL, kind, 0);
	if (kind == KSTUB_REPORT_bug && !env_is_1("KSTUB_BUG_CONTINUE"))
		abort();
}

void kstub_vreport(enum kstub_report_kind kind, const void *caller,
		   const char *fmt, va_list ap)
{
	report_emit(kind, caller, fmt, ap);
	/* Keep this frame on the stack: report_emit skips exactly it. */
	barrier();
}

void kstub_report(enum kstub_report_kind kind, const void *caller,
		  const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	report_emit(kind, caller, fmt, ap);
	va_end(ap);
	barrier();
}

void kstub_pthread_die(const char *call, int err, const char *func,
		       const char *file, int line)
{
	const char *name = strerrorname_np(err), *desc = strerrordesc_np(err);
	char buf[512];
	int n;

	/* libc's snprintf: kstub's own formatting may be what is broken */
	n = snprintf(buf, sizeof(buf),
		     "kstub: %s() failed in %s() at %s:%d: %s (%s)\n", call,
		     func, file, line, name ? name : "?",
		     desc ? desc : "unknown error");
	if (n > 0)
		write_all(buf, min((size_t)n, sizeof(buf) - 1));
	abort();
}

void __kstub_bug_stop(void)
{
	if (env_is_1("KSTUB_BUG_CONTINUE"))
		pthread_exit(NULL);
	abort();
}

unsigned long kstub_report_count(enum kstub_report_kind kind)
{
	if ((unsigned int)kind >= KSTUB_NR_REPORT_KINDS)
		return 0;
	return __atomic_load_n(&report_counts[kind], __ATOMIC_RELAXED);
}

unsigned long kstub_report_total(void)
{
	unsigned long total = 0;
	int i;

	for (i = 0; i < KSTUB_NR_REPORT_KINDS; i++)
		total += kstub_report_count(i);
	return total;
}

const char *kstub_report_name(enum kstub_report_kind kind)
{
	if ((unsigned int)kind >= KSTUB_NR_REPORT_KINDS)
		return "?";
	return report_name[kind];
}

const char *kstub_fmt_once(const char *fmt, ...)
{
	static __thread char buf[1024];
	va_list ap;

	va_start(ap, fmt);
	vscnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	return buf;
}

void kstub_alloc_fail_warn(const char *fn, size_t size, unsigned int gfp,
			   const void *caller)
{
	char sym[256], flags[256];

	printk(KERN_WARNING "%s: allocation failure: %zu bytes, gfp %#x(%s), "
			    "caller %s\n",
	       fn, size, gfp, kstub_gfp_name(gfp, flags, sizeof(flags)),
	       kstub_symbolize(caller, sym, sizeof(sym)));
}

/* ---- printk ------------------------------------------------------------ */

static int cached_env_level(int *cache, int (*compute)(void))
{
	int v = __atomic_load_n(cache, __ATOMIC_RELAXED);

	if (v < 0) {
		v = compute();
		__atomic_store_n(cache, v, __ATOMIC_RELAXED);
	}
	return v;
}

static int pr_debug_compute(void)
{
	return env_is_1("KSTUB_DEBUG");
}

int kstub_pr_debug_enabled(void)
{
	static int enabled = -1;

	return cached_env_level(&enabled, pr_debug_compute);
}

static int console_loglevel_compute(void)
{
	const char *v = getenv("KSTUB_LOGLEVEL");

	if (v && *v >= '0' && *v <= '9' && !v[1])
		return *v - '0';
	return kstub_pr_debug_enabled() ? 8 : 7;
}

/* Messages below this level reach stderr, as on a kernel console. */
static int console_loglevel(void)
{
	static int level = -1;

	return cached_env_level(&level, console_loglevel_compute);
}

int vprintk(const char *fmt, va_list ap)
{
	/* Is this thread's last line unterminated, and was it shown? */
	static __thread bool line_open, line_hidden;
	char buf[1024];
	int level = LOGLEVEL_WARNING, kern_level, n;
	bool cont = false, hidden;
	size_t len;

	while ((kern_level = printk_get_level(fmt))) {
		if (kern_level == 'c')
			cont = true;
		else
			level = kern_level - '0';
		fmt += 2;
	}
	if (cont && !line_open)
		cont = false;
	/* buf[0] is for the newline that closes an open line */
	buf[0] = '\n';
	n = kstub_vsnprintf(buf + 1, sizeof(buf) - 1, fmt, ap);
	if (n < 0)
		return n;
	len = min((size_t)n, sizeof(buf) - 2);
	hidden = cont ? line_hidden : level >= console_loglevel();
	if (!hidden) {
		if (line_open && !cont && !line_hidden)
			write_all(buf, len + 1);
		else
			write_all(buf + 1, len);
	}
	if (len) {
		line_open = buf[len] != '\n';
		line_hidden = hidden;
	}
	return n;
}

int printk(const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vprintk(fmt, ap);
	va_end(ap);
	return n;
}
