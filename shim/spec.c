// SPDX-License-Identifier: GPL-2.0-only
/*
 * The spec language (kfault-spec(7)): rules separated by ';' or newlines,
 * items inside a rule by ','; each item is key=value.  Parsed once, before
 * main; any problem stops the program with KFAULT_EXIT_SPEC and a message
 * naming the key, the problem and where it is.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/gfp_types.h>

#include "kfault.h"
#include "sites.h"

struct kfault_config kf_cfg;

/* Flag names a gfp= filter accepts, with kstub's (the kernel's) values. */
#define KF_GFP(f)     \
	{             \
#f, f \
	}
static const struct {
	const char *name;
	unsigned int val;
} kf_gfp_names[] = {
	KF_GFP(GFP_KERNEL),
	KF_GFP(GFP_KERNEL_ACCOUNT),
	KF_GFP(GFP_ATOMIC),
	KF_GFP(GFP_NOWAIT),
	KF_GFP(GFP_NOIO),
	KF_GFP(GFP_NOFS),
	KF_GFP(GFP_USER),
	KF_GFP(__GFP_IO),
	KF_GFP(__GFP_FS),
	KF_GFP(__GFP_DIRECT_RECLAIM),
	KF_GFP(__GFP_KSWAPD_RECLAIM),
	KF_GFP(__GFP_RECLAIM),
	KF_GFP(__GFP_HIGH),
	KF_GFP(__GFP_ZERO),
	KF_GFP(__GFP_NOWARN),
	KF_GFP(__GFP_NOFAIL),
	KF_GFP(__GFP_NORETRY),
	KF_GFP(__GFP_RETRY_MAYFAIL),
	KF_GFP(__GFP_ACCOUNT),
	KF_GFP(__GFP_COMP),
	KF_GFP(__GFP_THISNODE),
	KF_GFP(__GFP_NOMEMALLOC),
};
#undef KF_GFP

/* Where the parser is, for messages. */
struct kf_parse {
	struct kfault_config *cfg;
	unsigned int rule, item;
	const char *key;
	char *err;
	size_t errlen;
	unsigned long global_seen;
	char quote[2][48]; /* kf_q()'s buffers */
	unsigned int nquote;
};

/*
 * @v for a message, cut to a few dozen bytes: a long value must not push
 * the problem itself out of the message.  Two may be in use at once.
 */
static const char *kf_q(struct kf_parse *p, const char *v)
{
	char *q = p->quote[p->nquote++ % 2];
	size_t n = strlen(v), max = sizeof(p->quote[0]) - 1;

	if (n <= max)
		return v;
	memcpy(q, v, max - 3);
	memcpy(q + max - 3, "...", 4);
	return q;
}

static void kf_verror(char *err, size_t errlen, const char *key,
		      unsigned int rule, unsigned int item, const char *fmt,
		      va_list ap)
{
	char msg[256];

	vsnprintf(msg, sizeof(msg), fmt, ap);
	if (item)
		snprintf(err, errlen, "kfault: spec: %s: %s (rule %u, item %u)",
			 key, msg, rule, item);
	else
		snprintf(err, errlen, "kfault: spec: %s: %s", key, msg);
}

void kfault_spec_error(char *err, size_t errlen, const char *key,
		       unsigned int rule, unsigned int item, const char *fmt,
		       ...)
{
	va_list ap;

	va_start(ap, fmt);
	kf_verror(err, errlen, key, rule, item, fmt, ap);
	va_end(ap);
}

static int __attribute__((format(printf, 2, 3)))
kf_err(struct kf_parse *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	kf_verror(p->err, p->errlen, p->key, p->rule, p->item, fmt, ap);
	va_end(ap);
	return -1;
}

/*
 * Every number in a spec is decimal (leading zeros change nothing) or
 * hexadecimal with 0x; never octal.  Past @max is "out of range".
 */
static int kf_number(struct kf_parse *p, const char *v, unsigned long long max,
		     unsigned long long *out)
{
	unsigned int base = 10, d;
	unsigned long long x = 0;
	const char *s = v;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X') && s[2]) {
		base = 16;
		s += 2;
	}
	if (!*s)
		return kf_err(p, "'%s' is not a number", kf_q(p, v));
	for (; *s; s++) {
		if (*s >= '0' && *s <= '9')
			d = *s - '0';
		else if (base == 16 && *s >= 'a' && *s <= 'f')
			d = *s - 'a' + 10;
		else if (base == 16 && *s >= 'A' && *s <= 'F')
			d = *s - 'A' + 10;
		else
			return kf_err(p, "'%s' is not a number", kf_q(p, v));
		if (x > (max - d) / base) {
			/* The rest must still be digits for "out of range". */
			while (*++s)
				if (!((*s >= '0' && *s <= '9') ||
				      (base == 16 &&
				       strchr("abcdefABCDEF", *s))))
					return kf_err(p, "'%s' is not a number",
						      kf_q(p, v));
			return kf_err(p, "'%s' is out of range (at most %llu)",
				      kf_q(p, v), max);
		}
		x = x * base + d;
	}
	*out = x;
	return 0;
}

static int kf_ulong(struct kf_parse *p, const char *v, unsigned long *out)
{
	unsigned long long x;

	if (kf_number(p, v, LONG_MAX, &x))
		return -1;
	*out = x;
	return 0;
}

/* A seed is any 64-bit number, the full range of the report's "seed". */
static int kf_parse_seed(struct kf_parse *p, struct kfault_config *cfg,
			 const char *v)
{
	unsigned long long x;

	if (kf_number(p, v, UINT64_MAX, &x))
		return -1;
	cfg->seed = x;
	cfg->seed_given = true;
	return 0;
}

static int kf_range_ul(struct kf_parse *p, const char *v, unsigned long lo,
		       unsigned long hi, unsigned long *out)
{
	if (kf_ulong(p, v, out))
		return -1;
	if (*out < lo || *out > hi)
		return kf_err(p, "%lu is not between %lu and %lu", *out, lo,
			      hi);
	return 0;
}

/* 0 or 1, into @out. */
static int kf_bool(struct kf_parse *p, const char *v, bool *out)
{
	unsigned long x;

	if (kf_range_ul(p, v, 0, 1, &x))
		return -1;
	*out = x;
	return 0;
}

/* A time: a number with an optional unit ns, us (default), ms, s. */
static int kf_time(struct kf_parse *p, const char *v, uint64_t *ns)
{
	static const struct {
		const char *unit;
		uint64_t mult;
	} units[] = {{"ns", 1},
		     {"us", 1000},
		     {"", 1000},
		     {"ms", 1000000},
		     {"s", 1000000000}};
	unsigned long long x;
	char *end;
	size_t i;

	if (*v < '0' || *v > '9')
		return kf_err(p, "'%s' is not a time (like 50us, 2ms)",
			      kf_q(p, v));
	errno = 0;
	x = strtoull(v, &end, 10);
	for (i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		if (strcmp(end, units[i].unit))
			continue;
		if (errno == ERANGE || x > UINT64_MAX / units[i].mult ||
		    x * units[i].mult > UINT64_C(60) * 1000000000)
			return kf_err(p, "time '%s' is longer than 60s",
				      kf_q(p, v));
		*ns = x * units[i].mult;
		return 0;
	}
	return kf_err(p, "unknown time unit '%s' in '%s' (ns, us, ms, s)",
		      kf_q(p, end), kf_q(p, v));
}

static int kf_parse_class(struct kf_parse *p, struct kfault_rule *r, char *v,
			  uint64_t *explicit)
{
	unsigned int i;
	char *tok;

	while ((tok = strsep(&v, "|"))) {
		bool found = false;

		if (!strcmp(tok, "all")) {
			r->classes |= KFAULT_ALL_CLASSES;
			continue;
		}
		for (i = 0; i < KSTUB_NR_SITE_CLASSES; i++) {
			if (!strcmp(tok, kfault_classes[i].name)) {
				r->classes |= UINT64_C(1) << i;
				*explicit |= UINT64_C(1) << i;
				found = true;
			} else if (!strcmp(tok, kfault_classes[i].group)) {
				r->classes |= UINT64_C(1) << i;
				found = true;
			}
		}
		if (!found)
			return kf_err(p, "unknown site class or group '%s'",
				      kf_q(p, tok));
	}
	if (!r->classes)
		return kf_err(p, "no class named");
	return 0;
}

/* Names only: kfault_rules_resolve() finds them once the parse is done. */
static int kf_parse_funcs(struct kf_parse *p, struct kfault_rule *r, char *v,
			  bool stack)
{
	unsigned int names = 0;
	char *tok;

	while ((tok = strsep(&v, "|"))) {
		struct kfault_funcs *fn = stack ? &r->stack_in : &r->caller;

		if (*tok == '!') {
			if (!stack)
				return kf_err(p, "'!' is only for stack= "
						 "(exclude a function)");
			fn = &r->stack_out;
			tok++;
		}
		if (!*tok)
			return kf_err(p, "empty function name");
		if (++names > KFAULT_MAX_FUNCS)
			return kf_err(p, "more than %d function names",
				      KFAULT_MAX_FUNCS);
		fn->name[fn->nr_names] = tok;
		fn->rule[fn->nr_names] = p->rule;
		fn->item[fn->nr_names] = p->item;
		fn->nr_names++;
	}
	if (!names)
		return kf_err(p, "empty function name");
	return 0;
}

static int kf_parse_gfp(struct kf_parse *p, struct kfault_rule *r, char *v)
{
	size_t i;
	char *tok;

	while ((tok = strsep(&v, "|"))) {
		unsigned int *set = &r->gfp_all;
		unsigned long val;
		bool found = false;

		if (*tok == '!') {
			set = &r->gfp_none;
			tok++;
		}
		if (*tok >= '0' && *tok <= '9') {
			if (kf_ulong(p, tok, &val))
				return -1;
			if (val > 0xffffffffUL)
				return kf_err(p, "flag value '%s' is too wide",
					      kf_q(p, tok));
			*set |= val;
			continue;
		}
		for (i = 0; i < sizeof(kf_gfp_names) / sizeof(kf_gfp_names[0]);
		     i++) {
			if (!strcmp(tok, kf_gfp_names[i].name)) {
				*set |= kf_gfp_names[i].val;
				found = true;
			}
		}
		if (!found)
			return kf_err(p, "unknown GFP flag '%s'", kf_q(p, tok));
	}
	if (r->gfp_all & r->gfp_none)
		return kf_err(p, "a flag is both required and excluded");
	return 0;
}

/*
 * thread=N|M: kfault thread numbers (1 is the first to reach a site);
 * created=J|K: creation order (1 is the main thread).  Bits in @mask.
 */
static int kf_parse_threads(struct kf_parse *p, uint64_t *mask, char *v)
{
	unsigned long n;
	char *tok;

	while ((tok = strsep(&v, "|"))) {
		if (kf_range_ul(p, tok, 1, 64, &n))
			return -1;
		*mask |= UINT64_C(1) << (n - 1);
	}
	return 0;
}

/* thread_name=T: the thread's own name (comm), at most 15 bytes. */
static int kf_parse_thread_name(struct kf_parse *p, struct kfault_rule *r,
				const char *v)
{
	if (strlen(v) >= sizeof(r->thread_name))
		return kf_err(p, "'%s' is longer than a thread name (%zu)",
			      kf_q(p, v), sizeof(r->thread_name) - 1);
	strcpy(r->thread_name, v);
	return 0;
}

/* pct:DEPTH's depth, for delay= and sched= alike: 1..KFAULT_MAX_PCT. */
static int kf_pct_depth(struct kf_parse *p, const char *arg, unsigned long *d)
{
	if (!arg || !*arg)
		return kf_err(p, "pct needs a depth (pct:DEPTH)");
	if (kf_ulong(p, arg, d))
		return -1;
	if (*d < 1 || *d > KFAULT_MAX_PCT)
		return kf_err(p, "pct depth must be between 1 and %d",
			      KFAULT_MAX_PCT);
	return 0;
}

/* stack_id=ID|ID: the ids a report gives distinct stacks (0x hex). */
static int kf_parse_stack_ids(struct kf_parse *p, struct kfault_rule *r,
			      char *v)
{
	unsigned long long id;
	char *tok;

	while ((tok = strsep(&v, "|"))) {
		if (r->nr_stack_ids == KFAULT_MAX_FUNCS)
			return kf_err(p, "more than %d stack ids",
				      KFAULT_MAX_FUNCS);
		if (kf_number(p, tok, UINT64_MAX, &id))
			return -1;
		if (!id)
			return kf_err(p, "0 is no stack's id");
		r->stack_ids[r->nr_stack_ids++] = id;
	}
	return 0;
}

static int kf_parse_delay(struct kf_parse *p, struct kfault_rule *r, char *v)
{
	char *arg = strchr(v, ':');
	unsigned long d;

	if (arg)
		*arg++ = '\0';
	if (!strcmp(v, "yield")) {
		if (arg)
			return kf_err(p, "yield takes no argument");
		r->mode = KFAULT_DELAY_YIELD;
	} else if (!strcmp(v, "sleep")) {
		char *hi;

		if (!arg || !*arg)
			return kf_err(
				p,
				"sleep needs a time or range (sleep:MIN-MAX)");
		hi = strchr(arg, '-');
		if (hi)
			*hi++ = '\0';
		if (kf_time(p, arg, &r->min_ns))
			return -1;
		r->max_ns = r->min_ns;
		if (hi && kf_time(p, hi, &r->max_ns))
			return -1;
		if (r->min_ns > r->max_ns)
			return kf_err(p, "range %s-%s is empty (MIN > MAX)",
				      kf_q(p, arg), kf_q(p, hi));
		r->mode = KFAULT_DELAY_SLEEP;
	} else if (!strcmp(v, "pct")) {
		if (kf_pct_depth(p, arg, &d))
			return -1;
		r->pct_depth = d;
		r->mode = KFAULT_DELAY_PCT;
	} else {
		return kf_err(
			p,
			"unknown mode '%s' (yield, sleep:MIN-MAX, pct:DEPTH)",
			kf_q(p, v));
	}
	return 0;
}

/* The probability in percent, up to four decimals, as parts per million. */
static int kf_parse_prob(struct kf_parse *p, struct kfault_rule *r,
			 const char *v)
{
	unsigned long whole = 0, frac = 0, scale = 10000;
	const char *s = v;

	if (*s < '0' || *s > '9')
		return kf_err(p, "'%s' is not a percentage", kf_q(p, v));
	while (*s >= '0' && *s <= '9' && whole <= 100)
		whole = whole * 10 + (*s++ - '0');
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return kf_err(p, "'%s' is not a percentage",
				      kf_q(p, v));
		while (*s >= '0' && *s <= '9') {
			if (scale == 1)
				return kf_err(p,
					      "'%s' has more than 4 decimals",
					      kf_q(p, v));
			scale /= 10;
			frac += (*s++ - '0') * scale;
		}
	}
	if (*s)
		return kf_err(p, "'%s' is not a percentage", kf_q(p, v));
	if (whole > 100 || (whole == 100 && frac))
		return kf_err(p, "%s is not between 0 and 100", v);
	r->ppm = whole * 10000 + frac;
	return 0;
}

static int kf_parse_space(struct kf_parse *p, struct kfault_rule *r, char *v)
{
	size_t n = strlen(v);
	unsigned long mult = 1, x;
	char c = n ? v[n - 1] : 0;

	if (c == 'k' || c == 'K')
		mult = 1024;
	else if (c == 'm' || c == 'M')
		mult = 1024 * 1024;
	else if (c == 'g' || c == 'G')
		mult = 1024 * 1024 * 1024;
	if (mult > 1)
		v[n - 1] = '\0';
	if (kf_ulong(p, v, &x))
		return -1;
	if (x > LONG_MAX / mult)
		return kf_err(p, "'%s' is out of range", kf_q(p, v));
	r->space_init = x * mult;
	return 0;
}

static int kf_parse_times(struct kf_parse *p, struct kfault_rule *r,
			  const char *v)
{
	unsigned long x;

	if (!strcmp(v, "-1")) {
		r->times_init = -1;
		return 0;
	}
	if (*v == '-')
		return kf_err(p, "must be -1 (no limit) or a count, not '%s'",
			      kf_q(p, v));
	if (kf_ulong(p, v, &x))
		return -1;
	r->times_init = x;
	return 0;
}

/* Created by the caller once the spec has parsed (init.c). */
static int kf_parse_path(struct kf_parse *p, char *dst, size_t len,
			 const char *v)
{
	if (strlen(v) >= len)
		return kf_err(p, "path is longer than %zu bytes", len - 1);
	strcpy(dst, v);
	return 0;
}

long kfault_switches_parse(const char *s, bool blanks,
			   struct kfault_switch *out, unsigned long max,
			   char *err, size_t errlen)
{
	const char *sep = blanks ? "/ \t\r\n" : "/";
	unsigned long step, last = 0, thread;
	const char *tok;
	long n = 0;
	char *end;

	for (;;) {
		while (*s && strchr(sep, *s))
			s++;
		if (!*s)
			return n;
		tok = s;
		if (*s != 't' || s[1] < '0' || s[1] > '9')
			goto bad;
		errno = 0;
		thread = strtoul(s + 1, &end, 10);
		if (errno || *end != '@' || !thread || thread > UINT_MAX)
			goto bad;
		s = end + 1;
		if (*s < '0' || *s > '9')
			goto bad;
		step = strtoul(s, &end, 10);
		if (errno || !step || (*end && !strchr(sep, *end)))
			goto bad;
		if (step <= last) {
			snprintf(err, errlen,
				 "step %lu after step %lu: the steps of a "
				 "list go up",
				 step, last);
			return -1;
		}
		if (out && (unsigned long)n < max)
			out[n] = (struct kfault_switch){step, thread};
		last = step;
		n++;
		s = end;
	}
bad:
	snprintf(err, errlen, "'%.*s' is not a switch (tTHREAD@STEP)",
		 (int)(strcspn(tok, sep) < 24 ? strcspn(tok, sep) : 24), tok);
	return -1;
}

/* sched=random, sched=pct:DEPTH, sched=list[:SWITCHES], sched=list:@FILE */
static int kf_parse_sched(struct kf_parse *p, struct kfault_config *cfg,
			  char *v)
{
	char *arg = strchr(v, ':');
	char msg[96];
	unsigned long d;

	if (arg)
		*arg++ = '\0';
	if (!strcmp(v, "random")) {
		if (arg)
			return kf_err(p, "random takes no argument");
		cfg->sched = KFAULT_SCHED_RANDOM;
		return 0;
	}
	if (!strcmp(v, "list")) {
		cfg->sched = KFAULT_SCHED_LIST;
		cfg->sched_list = "";
		if (arg && *arg == '@')
			return kf_parse_path(p, cfg->sched_list_file,
					     sizeof(cfg->sched_list_file),
					     arg + 1);
		if (arg && kfault_switches_parse(arg, false, NULL, 0, msg,
						 sizeof(msg)) < 0)
			return kf_err(p, "%s", msg);
		if (arg)
			cfg->sched_list = arg;
		return 0;
	}
	if (strcmp(v, "pct"))
		return kf_err(p,
			      "unknown policy '%s' (random, pct:DEPTH, "
			      "list:SWITCHES)",
			      kf_q(p, v));
	if (kf_pct_depth(p, arg, &d))
		return -1;
	cfg->sched = KFAULT_SCHED_PCT;
	cfg->sched_depth = d;
	return 0;
}

enum kf_key {
	KEY_CLASS,
	KEY_FAIL_NTH,
	KEY_PER_THREAD,
	KEY_PROBABILITY,
	KEY_INTERVAL,
	KEY_TIMES,
	KEY_SPACE,
	KEY_STACK,
	KEY_CALLER,
	KEY_GFP,
	KEY_THREAD,
	KEY_CREATED,
	KEY_THREAD_NAME,
	KEY_STACK_ID,
	KEY_AFTER_FAULT,
	KEY_NEAR_FAULT,
	KEY_DELAY,
	KEY_PCT_STEPS,
	KEY_PCT_HOLD,
	KEY_FORK,
	/* global keys from here */
	KEY_SEED,
	KEY_REPORT,
	KEY_TRACE,
	KEY_VERBOSE,
	KEY_LEAK_EXITCODE,
	KEY_TRACE_BUFFER,
	KEY_RECORD,
	KEY_LEAK_STACKS,
	KEY_FAULT_WINDOW,
	KEY_SCHED,
	KEY_SCHED_STEPS,
	KEY_SCHED_WATCHDOG,
	KEY_SCHED_RECORD,
	KEY_SCHED_LOG,
	KEY_FORK_POINTS,
	KEY_NR,
};
#define KEY_FIRST_GLOBAL KEY_SEED

static const char *const kf_keys[KEY_NR] = {
	[KEY_CLASS] = "class",
	[KEY_FAIL_NTH] = "fail_nth",
	[KEY_PER_THREAD] = "per_thread",
	[KEY_PROBABILITY] = "probability",
	[KEY_INTERVAL] = "interval",
	[KEY_TIMES] = "times",
	[KEY_SPACE] = "space",
	[KEY_STACK] = "stack",
	[KEY_CALLER] = "caller",
	[KEY_GFP] = "gfp",
	[KEY_THREAD] = "thread",
	[KEY_CREATED] = "created",
	[KEY_THREAD_NAME] = "thread_name",
	[KEY_STACK_ID] = "stack_id",
	[KEY_AFTER_FAULT] = "after_fault",
	[KEY_NEAR_FAULT] = "near_fault",
	[KEY_DELAY] = "delay",
	[KEY_PCT_STEPS] = "pct_steps",
	[KEY_PCT_HOLD] = "pct_hold",
	[KEY_FORK] = "fork",
	[KEY_SEED] = "seed",
	[KEY_REPORT] = "report",
	[KEY_TRACE] = "trace",
	[KEY_VERBOSE] = "verbose",
	[KEY_LEAK_EXITCODE] = "leak_exitcode",
	[KEY_TRACE_BUFFER] = "trace_buffer",
	[KEY_RECORD] = "record",
	[KEY_LEAK_STACKS] = "leak_stacks",
	[KEY_FAULT_WINDOW] = "fault_window",
	[KEY_SCHED] = "sched",
	[KEY_SCHED_STEPS] = "sched_steps",
	[KEY_SCHED_WATCHDOG] = "sched_watchdog",
	[KEY_SCHED_RECORD] = "sched_record",
	[KEY_SCHED_LOG] = "sched_log",
	[KEY_FORK_POINTS] = "fork_points",
};

static int kf_item(struct kf_parse *p, struct kfault_rule *r,
		   unsigned long *seen, uint64_t *explicit, enum kf_key k,
		   char *v)
{
	struct kfault_config *cfg = p->cfg;
	unsigned long x;

	switch (k) {
	case KEY_CLASS:
		return kf_parse_class(p, r, v, explicit);
	case KEY_FAIL_NTH:
		return kf_range_ul(p, v, 1, LONG_MAX, &r->fail_nth);
	case KEY_PER_THREAD:
		return kf_bool(p, v, &r->per_thread);
	case KEY_PROBABILITY:
		return kf_parse_prob(p, r, v);
	case KEY_INTERVAL:
		return kf_range_ul(p, v, 1, LONG_MAX, &r->interval);
	case KEY_TIMES:
		return kf_parse_times(p, r, v);
	case KEY_SPACE:
		return kf_parse_space(p, r, v);
	case KEY_STACK:
		return kf_parse_funcs(p, r, v, true);
	case KEY_CALLER:
		return kf_parse_funcs(p, r, v, false);
	case KEY_GFP:
		return kf_parse_gfp(p, r, v);
	case KEY_THREAD:
		return kf_parse_threads(p, &r->threads, v);
	case KEY_CREATED:
		return kf_parse_threads(p, &r->created, v);
	case KEY_THREAD_NAME:
		return kf_parse_thread_name(p, r, v);
	case KEY_STACK_ID:
		return kf_parse_stack_ids(p, r, v);
	case KEY_AFTER_FAULT:
		return kf_bool(p, v, &r->after_fault);
	case KEY_NEAR_FAULT:
		return kf_bool(p, v, &r->near_fault);
	case KEY_DELAY:
		return kf_parse_delay(p, r, v);
	case KEY_PCT_STEPS:
		return kf_range_ul(p, v, 1, 1UL << 40, &r->pct_steps);
	case KEY_PCT_HOLD:
		if (kf_time(p, v, &r->pct_hold_ns))
			return -1;
		if (!r->pct_hold_ns)
			return kf_err(p, "must be more than 0 (a hold of no "
					 "time holds nothing)");
		return 0;
	case KEY_FORK:
		if (kf_bool(p, v, &r->fork))
			return -1;
		if (!r->fork)
			return kf_err(p, "only fork=1 means something");
		return 0;
	case KEY_SEED:
		return kf_parse_seed(p, cfg, v);
	case KEY_REPORT:
		return kf_parse_path(p, cfg->report, sizeof(cfg->report), v);
	case KEY_TRACE:
		return kf_parse_path(p, cfg->trace, sizeof(cfg->trace), v);
	case KEY_VERBOSE:
		if (kf_range_ul(p, v, 0, 2, &x))
			return -1;
		cfg->verbose = x;
		return 0;
	case KEY_LEAK_EXITCODE:
		if (kf_range_ul(p, v, 1, 255, &x))
			return -1;
		if (x == KFAULT_EXIT_SPEC)
			return kf_err(p,
				      "%d means the spec was refused; choose "
				      "another status",
				      KFAULT_EXIT_SPEC);
		cfg->leak_exitcode = x;
		return 0;
	case KEY_TRACE_BUFFER:
		return kf_range_ul(p, v, 16, 1UL << 24, &cfg->trace_events);
	case KEY_RECORD:
		return kf_bool(p, v, &cfg->record);
	case KEY_LEAK_STACKS:
		return kf_bool(p, v, &cfg->leak_stacks);
	case KEY_FAULT_WINDOW:
		return kf_range_ul(p, v, 1, 1UL << 30, &cfg->fault_window);
	case KEY_SCHED:
		return kf_parse_sched(p, cfg, v);
	case KEY_SCHED_STEPS:
		return kf_range_ul(p, v, 1, 1UL << 40, &cfg->sched_steps);
	case KEY_FORK_POINTS:
		return kf_parse_path(p, cfg->fork_points,
				     sizeof(cfg->fork_points), v);
	case KEY_SCHED_WATCHDOG:
		if (kf_time(p, v, &cfg->sched_watchdog_ns))
			return -1;
		if (cfg->sched_watchdog_ns < 1000000)
			return kf_err(p, "must be at least 1ms");
		return 0;
	case KEY_SCHED_RECORD:
		return kf_bool(p, v, &cfg->sched_record);
	case KEY_SCHED_LOG:
		return kf_range_ul(p, v, 1, 1UL << 20, &cfg->sched_log);
	case KEY_NR:
		break;
	}
	return kf_err(p, "unknown key");
}

/* fork=1: the fork server decides which call fails, not the knobs. */
static int kf_fork_knobs(struct kf_parse *p, unsigned long seen)
{
	static const enum kf_key knobs[] = {KEY_FAIL_NTH,    KEY_PER_THREAD,
					    KEY_PROBABILITY, KEY_INTERVAL,
					    KEY_TIMES,	     KEY_SPACE};
	unsigned int i;

	for (i = 0; i < sizeof(knobs) / sizeof(knobs[0]); i++) {
		if (seen & (1UL << knobs[i])) {
			p->key = kf_keys[knobs[i]];
			return kf_err(p,
				      "not with fork=1: the fork server fails "
				      "the points' calls (rule %u)",
				      p->rule);
		}
	}
	return 0;
}

/* Check one rule as a whole; fill in the defaults. */
static int kf_rule_finish(struct kf_parse *p, struct kfault_rule *r,
			  unsigned long seen, uint64_t explicit)
{
	uint64_t faults = kfault_fault_classes();
	unsigned int i;

	p->item = 0;
	r->is_delay = seen & (1UL << KEY_DELAY);
	if (r->is_delay) {
		static const enum kf_key fault_only[] = {
			KEY_FAIL_NTH, KEY_PER_THREAD, KEY_SPACE, KEY_FORK};

		for (i = 0; i < sizeof(fault_only) / sizeof(fault_only[0]);
		     i++) {
			if (seen & (1UL << fault_only[i])) {
				p->key = kf_keys[fault_only[i]];
				return kf_err(p,
					      "not allowed in a delay rule "
					      "(rule %u has delay=)",
					      p->rule);
			}
		}
		if (!(seen & (1UL << KEY_CLASS)))
			r->classes = KFAULT_ALL_CLASSES;
		if (!(seen & (1UL << KEY_TIMES)))
			r->times_init = -1;
		if (!(seen & (1UL << KEY_PROBABILITY)))
			r->ppm = 1000000;
		if (r->mode != KFAULT_DELAY_PCT &&
		    seen & (1UL << KEY_PCT_STEPS | 1UL << KEY_PCT_HOLD)) {
			p->key = seen & (1UL << KEY_PCT_STEPS) ? "pct_steps"
							       : "pct_hold";
			return kf_err(p,
				      "only for delay=pct:DEPTH, not this "
				      "rule's delay (rule %u)",
				      p->rule);
		}
		if (r->mode == KFAULT_DELAY_PCT) {
			if (!(seen & (1UL << KEY_PCT_STEPS)))
				r->pct_steps = 1000;
			if (!(seen & (1UL << KEY_PCT_HOLD)))
				r->pct_hold_ns = 2000000;
			if (r->pct_depth > r->pct_steps) {
				p->key = "delay";
				return kf_err(p,
					      "pct depth %u is more than "
					      "pct_steps=%lu",
					      r->pct_depth, r->pct_steps);
			}
		}
		if (r->after_fault && r->near_fault) {
			p->key = "near_fault";
			return kf_err(p,
				      "after_fault=1 is the faulting thread, "
				      "near_fault=1 the others: not both in "
				      "one rule (rule %u)",
				      p->rule);
		}
	} else {
		if (seen & (1UL << KEY_AFTER_FAULT | 1UL << KEY_NEAR_FAULT)) {
			p->key = seen & (1UL << KEY_AFTER_FAULT) ? "after_fault"
								 : "near_fault";
			return kf_err(p,
				      "only in a delay rule: it picks calls "
				      "around an injected fault (rule %u)",
				      p->rule);
		}
		if (seen & (1UL << KEY_PCT_STEPS | 1UL << KEY_PCT_HOLD)) {
			p->key = seen & (1UL << KEY_PCT_STEPS) ? "pct_steps"
							       : "pct_hold";
			return kf_err(p, "needs delay=pct:DEPTH in rule %u",
				      p->rule);
		}
		if (!(seen & (1UL << KEY_CLASS))) {
			for (i = 0; i < KSTUB_NR_SITE_CLASSES; i++)
				if (kfault_classes[i].fault &&
				    !strcmp(kfault_classes[i].group, "alloc"))
					r->classes |= UINT64_C(1) << i;
		}
		for (i = 0; i < KSTUB_NR_SITE_CLASSES; i++) {
			if ((explicit & ~faults) & (UINT64_C(1) << i)) {
				p->key = "class";
				return kf_err(p,
					      "%s is an event class and cannot "
					      "fail; add delay= to delay it",
					      kfault_classes[i].name);
			}
		}
		r->classes &= faults;
		if (!r->classes) {
			char list[256];

			p->key = "class";
			return kf_err(
				p,
				"no class that can fail is named (fault "
				"classes: %s)",
				kfault_fault_class_list(list, sizeof(list)));
		}
		if (seen & (1UL << KEY_PER_THREAD) && !r->fail_nth) {
			p->key = "per_thread";
			return kf_err(p, "only means something with fail_nth");
		}
		if (r->fork && kf_fork_knobs(p, seen))
			return -1;
		if (!(seen & (1UL << KEY_TIMES)))
			r->times_init = 1;
		if (!(seen & (1UL << KEY_PROBABILITY)))
			r->ppm = r->fail_nth || r->fork ? 0 : 1000000;
	}
	if (!r->interval)
		r->interval = 1;
	r->slow_filters = r->caller.nr_names || r->stack_in.nr_names ||
			  r->stack_out.nr_names || r->nr_stack_ids;
	return 0;
}

static void kf_trim(char **s)
{
	char *e;

	while (**s == ' ' || **s == '\t' || **s == '\r')
		(*s)++;
	e = *s + strlen(*s);
	while (e > *s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
}

static int kf_parse_rule(struct kf_parse *p, char *text)
{
	struct kfault_config *cfg = p->cfg;
	struct kfault_rule rule = {0}, *r = &rule;
	unsigned long seen = 0;
	uint64_t explicit = 0;
	char *item;

	snprintf(r->text, sizeof(r->text), "%s", text);
	p->item = 0;
	while ((item = strsep(&text, ","))) {
		char *v = strchr(item, '=');
		enum kf_key k;

		p->item++;
		kf_trim(&item);
		if (!*item) {
			p->key = "(empty)";
			return kf_err(p, "empty item (two commas in a row?)");
		}
		if (v) {
			*v++ = '\0';
			kf_trim(&item);
			kf_trim(&v);
		}
		p->key = item;
		if (!*item) {
			p->key = "(none)";
			return kf_err(p, "missing key before '='");
		}
		for (k = 0; k < KEY_NR; k++)
			if (!strcmp(item, kf_keys[k]))
				break;
		if (k == KEY_NR)
			return kf_err(p, "unknown key");
		p->key = kf_keys[k];
		if (!v)
			return kf_err(p, "missing '=value'");
		if (!*v)
			return kf_err(p, "empty value");
		if (k >= KEY_FIRST_GLOBAL) {
			if (p->global_seen & (1UL << k))
				return kf_err(p, "given twice in the spec");
			p->global_seen |= 1UL << k;
		} else {
			if (seen & (1UL << k))
				return kf_err(p, "given twice in rule %u",
					      p->rule);
			if (!(seen & ((1UL << KEY_FIRST_GLOBAL) - 1)) &&
			    cfg->nr_rules == KFAULT_MAX_RULES)
				return kf_err(p, "more than %d rules",
					      KFAULT_MAX_RULES);
			seen |= 1UL << k;
		}
		if (kf_item(p, r, &seen, &explicit, k, v))
			return -1;
	}
	/* A rule of global keys only (report=..., seed=...) adds no rule. */
	if (!(seen & ((1UL << KEY_FIRST_GLOBAL) - 1)))
		return 0;
	if (kf_rule_finish(p, r, seen, explicit))
		return -1;
	/* Checked when the rule's first key came: there is room. */
	r->index = cfg->nr_rules + 1;
	cfg->rules[cfg->nr_rules++] = rule;
	return 0;
}

/* The sched keys against each other and the rules; their defaults. */
static int kf_sched_finish(struct kf_parse *p)
{
	struct kfault_config *cfg = p->cfg;
	unsigned int i;

	p->rule = 0;
	p->item = 0;
	if (!cfg->sched) {
		static const enum kf_key needs[] = {
			KEY_SCHED_STEPS, KEY_SCHED_WATCHDOG, KEY_SCHED_RECORD,
			KEY_SCHED_LOG};

		for (i = 0; i < sizeof(needs) / sizeof(needs[0]); i++) {
			if (!(p->global_seen & 1UL << needs[i]))
				continue;
			p->key = kf_keys[needs[i]];
			return kf_err(p, "needs sched=random, sched=pct:DEPTH "
					 "or sched=list");
		}
		return 0;
	}
	p->key = "sched";
	for (i = 0; i < cfg->nr_rules; i++)
		if (cfg->rules[i].is_delay)
			return kf_err(
				p,
				"'%s' delays threads, and under sched= "
				"the scheduler decides who runs: not both",
				kf_q(p, cfg->rules[i].text));
	if (cfg->sched != KFAULT_SCHED_PCT &&
	    p->global_seen & (1UL << KEY_SCHED_STEPS)) {
		p->key = "sched_steps";
		return kf_err(p, "only for sched=pct:DEPTH");
	}
	if (!(p->global_seen & (1UL << KEY_SCHED_STEPS)))
		cfg->sched_steps = 1000;
	if (!(p->global_seen & (1UL << KEY_SCHED_WATCHDOG)))
		cfg->sched_watchdog_ns = 20000000;
	if (cfg->sched == KFAULT_SCHED_PCT &&
	    cfg->sched_depth - 1 > cfg->sched_steps)
		return kf_err(p,
			      "pct depth %u has %u change points, more than "
			      "sched_steps=%lu",
			      cfg->sched_depth, cfg->sched_depth - 1,
			      cfg->sched_steps);
	return 0;
}

/*
 * fork=1 and fork_points= go together, once; and with nothing that makes
 * a run depend on more than its prefix and its point (delays, the
 * scheduler) or writes one file for the whole run (trace=, record=1).
 */
int kfault_spec_forks(struct kfault_config *cfg, char *err, size_t errlen)
{
	struct kf_parse parse = {.cfg = cfg, .err = err, .errlen = errlen};
	struct kf_parse *p = &parse;
	unsigned int i, forks = 0;
	for (i = 0; i < cfg->nr_rules; i++) {
		if (cfg->rules[i].is_delay && cfg->fork_points[0]) {
			p->key = "fork_points";
			return kf_err(p,
				      "'%s' delays threads; the fork server "
				      "runs points without delays",
				      kf_q(p, cfg->rules[i].text));
		}
		forks += cfg->rules[i].fork;
	}
	p->key = "fork";
	if (forks > 1)
		return kf_err(p, "in %u rules; one rule's calls are the points",
			      forks);
	if (forks && !cfg->fork_points[0])
		return kf_err(p, "needs fork_points=FILE, the points to fork");
	if (!cfg->fork_points[0])
		return 0;
	p->key = "fork_points";
	if (!forks)
		return kf_err(p, "needs a rule with fork=1, whose calls the "
				 "points name");
	if (cfg->sched)
		return kf_err(p, "not with sched=: the points run unscheduled");
	if (cfg->record || cfg->trace[0])
		return kf_err(p,
			      "not with %s: each point writes its own report",
			      cfg->record ? "record=1" : "trace=");
	return 0;
}

int kfault_spec_parse(const char *text, bool comments,
		      struct kfault_config *cfg, char *err, size_t errlen)
{
	struct kf_parse p = {.cfg = cfg, .err = err, .errlen = errlen};
	char *buf = cfg->names; /* filter names point into it */
	char *rule, *rest = buf;
	unsigned int i;

	if (strlen(text) >= sizeof(cfg->names)) {
		p.key = "spec";
		return kf_err(&p, "longer than %d bytes", KFAULT_SPEC_MAX - 1);
	}
	snprintf(cfg->spec, sizeof(cfg->spec), "%s", text);
	cfg->verbose = 1;
	cfg->trace_events = 65536;
	strcpy(buf, text);
	/*
	 * In spec files, comments run from '#' to the end of the line; in
	 * KFAULT a '#' is an ordinary character (report=out#1.json).
	 */
	for (rule = buf; comments && (rule = strchr(rule, '#'));)
		while (*rule && *rule != '\n')
			*rule++ = ' ';
	while ((rule = strsep(&rest, ";\n"))) {
		p.rule++;
		kf_trim(&rule);
		if (!*rule)
			continue;
		if (kf_parse_rule(&p, rule))
			return -1;
	}
	if (kf_sched_finish(&p))
		return -1;
	for (i = 0; i < cfg->nr_rules; i++) {
		struct kfault_rule *r = &cfg->rules[i];

		if (r->is_delay)
			cfg->delay_mask |= r->classes;
		else
			cfg->fault_mask |= r->classes;
	}
	return 0;
}
