// SPDX-License-Identifier: GPL-2.0-only
/*
 * A one-line title for a run that is not ok, in the words syzkaller made
 * the kernel's habit: "KASAN: use-after-free Read in shrink_slab",
 * "KCSAN: data-race in f1 / f2", "WARNING in shrinker_free",
 * "BUG: memory leak in alloc_shrinker_info", "INFO: task hung in f".
 *
 * The words come from the sanitizer's or kstub's report in the run's
 * stderr and from the shim's report; the function is the first frame
 * that is not kstub's (libkstub.so, kstub/ sources and headers), the
 * shim's, libc's or a sanitizer runtime's.  Compiler clone suffixes
 * (".constprop.0", ".isra.0") are dropped, so one bug has one title
 * whatever the build.  When no frame of the bug itself is known (a
 * SIGSEGV without a sanitizer, a timeout without kstub's hung-task
 * report), the title says where the fault was injected instead:
 * "INFO: task hung after injected slab fault in widget_alloc_name".
 */
#include "config.h"

#include <ctype.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define FN_MAX 128
/* What starts each kstub report */
#define CUT_HERE "------------[ cut here ]------------\n"

/* ---- frames ------------------------------------------------------------ */

static bool has_prefix(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "widget_create.constprop.0" -> "widget_create", in place. */
static void drop_clone_suffix(char *fn)
{
	char *dot = strchr(fn, '.');

	if (dot && dot != fn)
		*dot = '\0';
}

bool kfc_frame_is_runtime(const char *func, const char *where)
{
	static const char *const fn_prefixes[] = {"__interceptor_",
						  "___interceptor_",
						  "__interception",
						  "__asan",
						  "__tsan",
						  "__ubsan",
						  "__lsan",
						  "__msan",
						  "__sanitizer",
						  "__libc_",
						  "__GI_",
						  "_start",
						  "start_thread",
						  "clone",
						  "__clone",
						  "__assert",
						  "kstub_",
						  "__kstub",
						  NULL};
	static const char *const fn_libc[] = {
		"malloc",	  "calloc",	   "realloc", "free",
		"memcpy",	  "memmove",	   "memset",  "strdup",
		"strlen",	  "abort",	   "raise",   "pthread_",
		"posix_memalign", "aligned_alloc", NULL};
	static const char *const where_parts[] = {
		"libkstub",  "libkfault",   "libc.so",	 "libasan",
		"libtsan",   "libubsan",    "liburcu",	 "ld-linux",
		"libunwind", "libclang_rt", "libstdc++", "libgcc",
		NULL};
	static const char *const glibc_src[] = {
		"csu/",	   "nptl/",	  "sysdeps/", "stdlib/", "string/",
		"malloc/", "../sysdeps/", "./nptl/",  NULL};
	const char *const *p;

	for (p = fn_prefixes; func && *p; p++)
		if (has_prefix(func, *p))
			return true;
	for (p = fn_libc; func && *p; p++)
		if (!strcmp(func, *p) ||
		    (p[0][strlen(*p) - 1] == '_' && has_prefix(func, *p)))
			return true;
	for (p = where_parts; where && *p; p++)
		if (strstr(where, *p))
			return true;
	for (p = glibc_src; where && *p; p++)
		if (has_prefix(where, *p))
			return true;
	return kfc_kstub_file(where);
}

/*
 * The first function of a shim's stack that is not the runtime's, or
 * NULL: by the debug information where there is one, so that an
 * inlined function is named as at -O0.
 */
static const char *stack_func(const struct kfc_stack *s, char *fn, size_t size)
{
	const struct kfc_srcstack *src;
	const char *obj;
	size_t i, k;

	for (i = 0; s && i < s->nr; i++) {
		obj = s->objs ? s->objs[i] : NULL;
		src = obj ? kfc_source_lookup(obj, s->offs[i]) : NULL;
		for (k = 0; src && k < src->nr; k++) {
			if (kfc_frame_is_runtime(src->f[k].func,
						 src->f[k].file ?: obj))
				continue;
			snprintf(fn, size, "%s", src->f[k].func);
			return fn;
		}
		if (src && src->nr)
			continue;
		kfc_frame_func(s->frames[i], fn, size);
		if (!kfc_frame_is_runtime(fn, obj)) {
			drop_clone_suffix(fn);
			return fn;
		}
	}
	return NULL;
}

/* Where the next line starts, or NULL at the end. */
static const char *next_line(const char *p)
{
	p = strchr(p, '\n');
	return p ? p + 1 : NULL;
}

/*
 * One sanitizer frame line, "    #3 0x55 in func file.c:12:3" (ASan,
 * UBSan) or "    #3 func file.c:12:3 (obj+0x12)" (TSan): its function
 * and where; false when the line is not a frame.
 */
static bool san_frame(const char *line, char *fn, size_t size, char *where,
		      size_t wsize)
{
	const char *p = line + strspn(line, " \t");
	size_t n;

	if (*p != '#' || !isdigit((unsigned char)p[1]))
		return false;
	p += 1 + strspn(p + 1, "0123456789");
	p += strspn(p, " ");
	if (has_prefix(p, "0x")) {
		p += strcspn(p, " \n");
		p += strspn(p, " ");
	}
	if (has_prefix(p, "in "))
		p += 3;
	fn[0] = '\0';
	if (*p != '(') {
		n = strcspn(p, " \n");
		snprintf(fn, size, "%.*s", (int)n, p);
		p += n;
		p += strspn(p, " ");
	}
	n = strcspn(p, "\n");
	snprintf(where, wsize, "%.*s", (int)n, p);
	return true;
}

/*
 * The first frame of the sanitizer stack starting at or after @p (up to
 * a blank line after its frames) that is not the runtime's: with a
 * source file if any has one, else any named frame that is not.
 */
static const char *san_stack_func(const char *p, char *fn, size_t size)
{
	char f[FN_MAX], where[512], loose[FN_MAX] = "";
	bool seen = false;

	for (; p; p = next_line(p)) {
		if (!san_frame(p, f, sizeof(f), where, sizeof(where))) {
			if (seen)
				break;
			continue;
		}
		seen = true;
		if (!f[0] || kfc_frame_is_runtime(f, where))
			continue;
		if (where[0] != '(') {
			snprintf(fn, size, "%s", f);
			drop_clone_suffix(fn);
			return fn;
		}
		if (!loose[0])
			snprintf(loose, sizeof(loose), "%s", f);
	}
	if (!loose[0])
		return NULL;
	snprintf(fn, size, "%s", loose);
	drop_clone_suffix(fn);
	return fn;
}

/* ---- words of the title ------------------------------------------------ */

struct title {
	char *out;
	size_t size;
	const char *fault_fn; /* where the fault was injected, or NULL */
	const char *fault_cls;
};

/* The title, cut at its size: a title is a line, not the evidence. */
static void __attribute__((format(printf, 2, 3)))
put(struct title *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->out, t->size, fmt, ap);
	va_end(ap);
}

/*
 * "@what in @fn", or, without @fn, "@what after injected CLS fault in F"
 * where the fault is known, else "@what".
 */
static void say(struct title *t, const char *what, const char *fn)
{
	if (fn)
		put(t, "%s in %s", what, fn);
	else if (t->fault_fn)
		put(t, "%s after injected %s fault in %s", what,
		    t->fault_cls ? t->fault_cls : "", t->fault_fn);
	else
		put(t, "%s", what);
}

/* ASan's bug kinds in KASAN's words. */
static const char *kasan_kind(const char *kind, size_t n, char *buf,
			      size_t size)
{
	static const char *const map[][2] = {
		{"heap-use-after-free", "use-after-free"},
		{"heap-buffer-overflow", "slab-out-of-bounds"},
		{"stack-buffer-overflow", "stack-out-of-bounds"},
		{"stack-buffer-underflow", "stack-out-of-bounds"},
		{"global-buffer-overflow", "global-out-of-bounds"},
		{"attempting double-free", "double-free"},
		{"attempting free on address", "invalid-free"},
		{"alloc-dealloc-mismatch", "invalid-free"},
		{"bad-free", "invalid-free"},
	};
	size_t i;

	for (i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (!strncmp(kind, map[i][0], strlen(map[i][0])))
			return map[i][1];
	snprintf(buf, size, "%.*s", (int)n, kind);
	return buf;
}

/* A SEGV: NULL when the address is in the zero page. */
static const char *fault_words(const char *report)
{
	const char *a = strstr(report, "on unknown address ");
	unsigned long addr;

	if (strstr(report, "address points to the zero page") ||
	    (a &&
	     sscanf(a + strlen("on unknown address "), "%lx", &addr) == 1 &&
	     addr < 4096))
		return "BUG: kernel NULL pointer dereference";
	return "BUG: unable to handle page fault";
}

/* What a fatal signal is called in a kernel oops. */
static const char *signal_words(int sig)
{
	switch (sig) {
	case SIGSEGV:
	case SIGBUS:
		return "BUG: unable to handle page fault";
	case SIGFPE:
		return "divide error";
	case SIGILL:
		return "invalid opcode";
	case SIGABRT:
		return "kernel BUG";
	}
	return NULL;
}

/* "ERROR: AddressSanitizer: KIND ..." (and TSan's and MSan's ERRORs). */
static bool asan_title(struct title *t, const char *text)
{
	static const char *const markers[] = {
		"ERROR: AddressSanitizer: ", "ERROR: ThreadSanitizer: ",
		"ERROR: MemorySanitizer: ", NULL};
	const char *const *m, *p = NULL, *acc;
	char fn[FN_MAX], kind[64], what[128];
	const char *access = "", *k, *func;
	size_t n;

	for (m = markers; *m && !p; m++)
		p = strstr(text, *m);
	if (!p)
		return false;
	p += strlen(m[-1]);
	n = strcspn(p, " \n");
	func = san_stack_func(next_line(p), fn, sizeof(fn));
	if (!strncmp(p, "SEGV", 4) || !strncmp(p, "BUS", 3)) {
		say(t, fault_words(p), func);
		return true;
	}
	if (!strncmp(p, "stack-overflow", 14)) {
		say(t, "BUG: stack guard page was hit", func);
		return true;
	}
	if (!strncmp(p, "FPE", 3) || !strncmp(p, "ILL", 3) ||
	    !strncmp(p, "ABRT", 4)) {
		say(t,
		    signal_words(p[0] == 'F'   ? SIGFPE
				 : p[0] == 'I' ? SIGILL
					       : SIGABRT),
		    func);
		return true;
	}
	if (!strncmp(p, "use-of-uninitialized-value", 26)) {
		say(t, "KMSAN: uninit-value", func);
		return true;
	}
	k = kasan_kind(p, n, kind, sizeof(kind));
	acc = strstr(p, "\nREAD of size");
	if (acc && (!strstr(p, "\nWRITE of size") ||
		    acc < strstr(p, "\nWRITE of size")))
		access = " Read";
	else if (strstr(p, "\nWRITE of size"))
		access = " Write";
	snprintf(what, sizeof(what), "KASAN: %s%s", k, access);
	say(t, what, func);
	return true;
}

/* "WARNING: ThreadSanitizer: KIND (pid=N)", then its stacks. */
static bool tsan_title(struct title *t, const char *text)
{
	const char *p = strstr(text, "WARNING: ThreadSanitizer: "), *second;
	char f1[FN_MAX], f2[FN_MAX], what[160];
	const char *a, *b;

	if (!p)
		return false;
	p += strlen("WARNING: ThreadSanitizer: ");
	a = san_stack_func(next_line(p), f1, sizeof(f1));
	if (!strncmp(p, "data race", 9)) {
		/* The other access: "Previous write of size 8 ..." */
		second = strstr(p, "\n  Previous ");
		b = second ? san_stack_func(next_line(second + 1), f2,
					    sizeof(f2))
			   : NULL;
		/* As KCSAN: the two in name order, one title per race. */
		if (a && b)
			snprintf(what, sizeof(what),
				 "KCSAN: data-race in %s / %s",
				 strcmp(a, b) <= 0 ? a : b,
				 strcmp(a, b) <= 0 ? b : a);
		else
			say(t, "KCSAN: data-race", a ? a : b);
		if (a && b)
			put(t, "%s", what);
		return true;
	}
	if (!strncmp(p, "heap-use-after-free", 19)) {
		snprintf(what, sizeof(what), "KASAN: use-after-free%s",
			 strstr(p, "\n  Write of size") ? " Write" : " Read");
		say(t, what, a);
	} else if (!strncmp(p, "lock-order-inversion", 20)) {
		say(t, "possible deadlock", a);
	} else {
		snprintf(what, sizeof(what), "ThreadSanitizer: %.*s",
			 (int)strcspn(p, "(\n"), p);
		while (strlen(what) && what[strlen(what) - 1] == ' ')
			what[strlen(what) - 1] = '\0';
		say(t, what, a);
	}
	return true;
}

/* UBSan's "runtime error: ..." in the kernel's UBSAN words. */
static bool ubsan_title(struct title *t, const char *text)
{
	static const char *const map[][2] = {
		{"null pointer", "null-ptr-deref"},
		{"shift exponent", "shift-out-of-bounds"},
		{"left shift of", "shift-out-of-bounds"},
		{"out of bounds for type", "array-index-out-of-bounds"},
		{"signed integer overflow", "signed-integer-overflow"},
		{"unsigned integer overflow", "unsigned-integer-overflow"},
		{"division by zero", "divide-by-zero"},
		{"load of value", "invalid-load"},
		{"misaligned address", "misaligned-access"},
		{"pointer overflow", "pointer-overflow"},
		{"applying non-zero offset", "pointer-overflow"},
		{"unreachable", "unreachable"},
		{"end of a value-returning function", "missing-return"},
	};
	const char *p = strstr(text, "runtime error: "), *kind = NULL, *ls;
	char fn[FN_MAX], line[256], loc[128], what[96];
	const char *func;
	size_t i, n;

	if (!p)
		return false;
	n = strcspn(p, "\n");
	snprintf(line, sizeof(line), "%.*s", (int)n, p);
	for (i = 0; i < sizeof(map) / sizeof(map[0]) && !kind; i++)
		if (strstr(line, map[i][0]))
			kind = map[i][1];
	snprintf(what, sizeof(what), "UBSAN: %s",
		 kind ? kind : "undefined-behaviour");
	func = san_stack_func(next_line(p), fn, sizeof(fn));
	if (!func) {
		/* No stack (print_stacktrace=0): the kernel's file:line. */
		for (ls = p; ls > text && ls[-1] != '\n'; ls--)
			;
		n = p - ls;
		snprintf(loc, sizeof(loc), "%.*s", (int)n, ls);
		if (strrchr(loc, '/'))
			memmove(loc, strrchr(loc, '/') + 1,
				strlen(strrchr(loc, '/')));
		/* "file.c:12:3: " -> "file.c:12" */
		loc[strcspn(loc, " ")] = '\0';
		if (strrchr(loc, ':'))
			*strrchr(loc, ':') = '\0';
		if (strrchr(loc, ':') && strchr(loc, ':') != strrchr(loc, ':'))
			*strrchr(loc, ':') = '\0';
		func = loc[0] ? loc : NULL;
	}
	say(t, what, func);
	return true;
}

/* LeakSanitizer: the first leak's allocation stack. */
static bool lsan_title(struct title *t, const char *text)
{
	const char *p = strstr(text, "ERROR: LeakSanitizer: ");
	char fn[FN_MAX];

	if (!p)
		return false;
	p = strstr(p, " leak of ");
	say(t, "BUG: memory leak",
	    p ? san_stack_func(next_line(p), fn, sizeof(fn)) : NULL);
	return true;
}

/* One "Call Trace:" line of kstub's: " func+0x1c (object)". */
static const char *kstub_trace_func(const char *p, char *fn, size_t size)
{
	char obj[256];
	size_t n;

	for (p = p ? next_line(p) : NULL; p && *p == ' '; p = next_line(p)) {
		n = strcspn(p + 1, "+ \n");
		snprintf(fn, size, "%.*s", (int)n, p + 1);
		obj[0] = '\0';
		if (strchr(p, '(') && strchr(p, '(') < strchr(p, '\n'))
			snprintf(obj, sizeof(obj), "%.*s",
				 (int)strcspn(strchr(p, '(') + 1, ")\n"),
				 strchr(p, '(') + 1);
		if (!kfc_frame_is_runtime(fn, obj)) {
			drop_clone_suffix(fn);
			return fn;
		}
	}
	return NULL;
}

/*
 * kstub's report: "------------[ cut here ]------------", the banner
 * "WARNING: at FILE:LINE func: ...", "caller: func+0x..", a Call Trace.
 */
static bool kstub_title(struct title *t, const char *text)
{
	const char *cut = strstr(text, CUT_HERE);
	const char *b, *at, *caller;
	char fn[FN_MAX], words[96];
	const char *func = NULL;
	size_t n;

	if (!cut)
		return false;
	b = next_line(cut);
	at = strstr(b, ": at ");
	if (at && at < strchr(b, '\n')) {
		/* "at ../../tests/cli/planted.c:72 widget_alloc_table: ..." */
		at += strlen(": at ");
		at += strcspn(at, " \n");
		at += strspn(at, " ");
		n = strcspn(at, ": \n");
		snprintf(fn, sizeof(fn), "%.*s", (int)n, at);
		func = fn[0] ? fn : NULL;
	}
	if (!func)
		func = kstub_trace_func(strstr(b, "\nCall Trace:"), fn,
					sizeof(fn));
	caller = strstr(b, "\ncaller: ");
	if (!func && caller) {
		caller += strlen("\ncaller: ");
		snprintf(fn, sizeof(fn), "%.*s", (int)strcspn(caller, "+\n"),
			 caller);
		drop_clone_suffix(fn);
		func = fn;
	}
	n = strcspn(b, "\n");
	if (has_prefix(b, "WARNING: INFO: task ") &&
	    strstr(b, "blocked for more than") &&
	    strstr(b, "blocked for more than") < b + n)
		say(t, "INFO: task hung", func);
	else if (has_prefix(b, "BUG: at ") || strstr(b, "BUG_ON("))
		say(t, "kernel BUG", func);
	else if (has_prefix(b, "BUG: bad free"))
		say(t,
		    strstr(b, "double free") && strstr(b, "double free") < b + n
			    ? "BUG: double-free"
			    : "BUG: invalid-free",
		    func);
	else if (has_prefix(b, "refcount_t: "))
		say(t, "WARNING: refcount bug", func);
	else if (has_prefix(b, "BUG: ")) {
		/* "BUG: sleeping function called from invalid context" */
		n = strcspn(b + 5, ":(!;\n");
		snprintf(words, sizeof(words), "BUG: %.*s", (int)n, b + 5);
		while (strlen(words) && words[strlen(words) - 1] == ' ')
			words[strlen(words) - 1] = '\0';
		say(t, words, func);
	} else {
		say(t, "WARNING", func);
	}
	return true;
}

/* ---- the title --------------------------------------------------------- */

/* The kstub report that holds the hung-task message, or NULL. */
static const char *hung_report(const char *err)
{
	const char *hung = strstr(err, "blocked for more than");
	const char *cut, *last = NULL;

	for (cut = strstr(err, CUT_HERE); cut && cut < hung;
	     cut = strstr(cut + 1, CUT_HERE))
		last = cut;
	return last;
}

static void no_report_title(struct title *t, const struct kfc_report *r,
			    const char *err)
{
	if (err && strstr(err, "kfault: cannot write the report to "))
		say(t, "kfault: no report (the shim could not write it)", NULL);
	else if (r->none == KFC_REPORT_EMPTY)
		say(t, "kfault: no report (left empty)", NULL);
	else
		say(t, "kfault: no report (never created)", NULL);
}

/*
 * The first sanitizer report in @err titles the run: a TSan data race
 * that led to a SEGV is the data race.  Each kind looks from where its
 * own marker first appears.
 */
static bool sanitizer_title(struct title *t, const char *err)
{
	static const char *const markers[] = {
		"ERROR: AddressSanitizer: ", "ERROR: ThreadSanitizer: ",
		"ERROR: MemorySanitizer: ",  "WARNING: ThreadSanitizer: ",
		"runtime error: ",	     NULL};
	const char *first = NULL, *p;
	size_t i;

	for (i = 0; markers[i]; i++) {
		p = strstr(err, markers[i]);
		if (p && (!first || p < first))
			first = p;
	}
	if (!first)
		return false;
	if (!strncmp(first, "WARNING: ThreadSanitizer: ", 26))
		return tsan_title(t, first) || asan_title(t, err);
	if (!strncmp(first, "runtime error: ", 15))
		return ubsan_title(t, err) || asan_title(t, err);
	return asan_title(t, err) || tsan_title(t, err) || ubsan_title(t, err);
}

static void outcome_title(struct title *t, const struct kfc_verdict *v,
			  const char *err, const struct kfc_report *r)
{
	char fn[FN_MAX], what[64];
	const char *words;

	switch (v->outcome) {
	case KFC_ok:
		return;
	case KFC_leak:
		if (stack_func(&r->leak_stack, fn, sizeof(fn)))
			say(t, "BUG: memory leak", fn);
		else if (!err || !lsan_title(t, err))
			say(t, "BUG: memory leak", NULL);
		return;
	case KFC_hang:
		/* kstub's hung-task report, when it came before the end */
		if (err && hung_report(err) && kstub_title(t, hung_report(err)))
			return;
		say(t, "INFO: task hung", NULL);
		return;
	case KFC_sanitizer:
	case KFC_crash:
		if (err && sanitizer_title(t, err))
			return;
		if (err && kstub_title(t, err))
			return;
		words = signal_words(v->signal ? v->signal : r->fatal_signal);
		if (!words && v->outcome == KFC_sanitizer)
			words = "sanitizer report";
		if (!words) {
			snprintf(what, sizeof(what), "killed by %s",
				 strsignal(v->signal));
			words = what;
		}
		say(t, words, NULL);
		return;
	case KFC_warn:
		if (err && kstub_title(t, err))
			return;
		say(t, r->bugs ? "kernel BUG" : "WARNING", NULL);
		return;
	case KFC_exit:
		snprintf(what, sizeof(what), "exit status %d", v->exit);
		say(t, what, NULL);
		return;
	case KFC_nondeterministic:
		put(t, "kfault: nondeterministic calls (%s)", v->detail);
		return;
	case KFC_unreadable:
		say(t, "kfault: unreadable report", NULL);
		return;
	case KFC_noreport:
		no_report_title(t, r, err);
		return;
	case KFC_NR_OUTCOMES:
		break;
	}
}

void kfc_title(struct kfc_verdict *v, const char *err,
	       const struct kfc_report *r, const struct kfc_stack *fault)
{
	char fault_fn[FN_MAX];
	struct title t = {
		.out = v->title,
		.size = sizeof(v->title),
		.fault_cls = r->fault_cls,
	};

	v->title[0] = '\0';
	if (r->fault_stack.nr)
		fault = &r->fault_stack;
	t.fault_fn = stack_func(fault, fault_fn, sizeof(fault_fn));
	if (!t.fault_cls)
		t.fault_cls = "a";
	outcome_title(&t, v, err, r);
}
