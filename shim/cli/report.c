// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading the shim's JSON report (doc/report-format.md; its keys are the
 * KFR_* names of kfault-abi.h): the counts the classifier needs, the
 * first injected fault's stack, and the eligible calls a counting run
 * recorded (record=1).
 *
 * No file, or an empty one, is no report (r->none says which): the
 * program was not a kstub program, was killed or replaced itself with
 * exec before the shim could write; the classifier never calls such a
 * run ok.  Anything else must be a report of
 * KFAULT_REPORT_VERSION with every member this reader uses, of the
 * documented type; otherwise the report is refused, with the reason,
 * rather than read as zeros.
 */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <kstub/report.h>

#include "cli.h"
#include "../sites.h"

#define KFC_KIND_NAME(name, banner) #name,
static const char *const kfc_report_kinds[] = {
	KSTUB_REPORT_KINDS(KFC_KIND_NAME)};
#undef KFC_KIND_NAME

/* Reading one report: the first thing in it that is not as documented. */
struct reader {
	char why[256];
	struct kfc_report *r; /* the report read: where its strings are kept */
};

static void __attribute__((format(printf, 2, 3)))
refuse(struct reader *rd, const char *fmt, ...)
{
	va_list ap;

	if (rd->why[0])
		return;
	va_start(ap, fmt);
	vsnprintf(rd->why, sizeof(rd->why), fmt, ap);
	va_end(ap);
}

/* What a member may be instead of its type. */
#define OR_NULL 1u /* documented "or null" */
#define OR_ABSENT 2u /* documented as present only sometimes */

/*
 * Member @key of @obj when it has @type; NULL otherwise, and the report
 * is refused unless @may allows what it is.
 */
static const struct kfc_json *member(struct reader *rd,
				     const struct kfc_json *obj,
				     const char *key, enum kfc_json_type type,
				     unsigned int may)
{
	static const char *const names[] = {
		[KFC_JSON_NULL] = "null",	[KFC_JSON_BOOL] = "a bool",
		[KFC_JSON_NUMBER] = "a number", [KFC_JSON_STRING] = "a string",
		[KFC_JSON_ARRAY] = "an array",	[KFC_JSON_OBJECT] = "an object",
	};
	const struct kfc_json *j = kfc_json_get(obj, key);

	if (j && j->type == type)
		return j;
	if ((!j && (may & OR_ABSENT)) ||
	    (j && j->type == KFC_JSON_NULL && (may & OR_NULL)))
		return NULL;
	refuse(rd, "\"%s\" should be %s%s, is %s", key, names[type],
	       may & OR_NULL ? " or null" : "", j ? names[j->type] : "missing");
	return NULL;
}

/* A count: a whole number from 0 that fits a long. */
static long number(struct reader *rd, const struct kfc_json *obj,
		   const char *key)
{
	const struct kfc_json *j = member(rd, obj, key, KFC_JSON_NUMBER, 0);
	long v;

	if (!j)
		return 0;
	if (!kfc_json_whole(j, 0, LONG_MAX, &v)) {
		refuse(rd, "\"%s\" should be a count, is %s", key, j->str);
		return 0;
	}
	return v;
}

static const char *string(struct reader *rd, const struct kfc_json *obj,
			  const char *key, unsigned int may)
{
	const struct kfc_json *j = member(rd, obj, key, KFC_JSON_STRING, may);

	return j ? j->str : NULL;
}

static bool is_fault_class(const char *name)
{
	int cls = kfault_class_find(name);

	return cls >= 0 && kfault_classes[cls].fault;
}

/* @s (malloc'ed, freed) as kept in @rd's report. */
static const char *keep(struct reader *rd, char *s)
{
	const char *kept = kfc_strings_add(&rd->r->strings, s);

	free(s);
	return kept;
}

/*
 * One frame as "func+0x1c"; without a symbol, "object+0x1234" (the same
 * run to run), else the address.  @obj and @off get the frame's object
 * and offset in it when it has them.  Its strings are the report's.
 */
static const char *frame_text(struct reader *rd, const struct kfc_json *f,
			      const char **obj, unsigned long *off)
{
	const char *fn, *object, *ooff, *base, *addr;

	if (f->type != KFC_JSON_OBJECT) {
		refuse(rd, "a frame should be an object");
		return "??";
	}
	fn = string(rd, f, KFR_FRAME_FUNCTION, OR_NULL);
	object = string(rd, f, KFR_FRAME_OBJECT, OR_NULL);
	ooff = object ? string(rd, f, KFR_FRAME_OBJECT_OFFSET, 0) : NULL;
	if (object && ooff) {
		*obj = kfc_strings_add(&rd->r->strings, object);
		*off = strtoul(ooff, NULL, 16);
	}
	if (fn)
		return keep(rd, kfc_xasprintf("%s+%s", fn,
					      string(rd, f, KFR_FRAME_OFFSET, 0)
						      ?: "?"));
	if (object && ooff) {
		base = strrchr(object, '/');
		return keep(rd, kfc_xasprintf("%s+%s", base ? base + 1 : object,
					      ooff));
	}
	addr = string(rd, f, KFR_FRAME_ADDR, 0);
	return kfc_strings_add(&rd->r->strings, addr ? addr : "??");
}

/*
 * A report's stack of @nr frames: its arrays, and room for its source
 * frames after them (kfc_stack_src), in one block.
 */
static void stack_alloc(struct kfc_stack *s, size_t nr)
{
	char *block = kfc_xcalloc(
		1, nr * (2 * sizeof(char *) + sizeof(unsigned long)) +
			   sizeof(struct kfc_srcstack));

	memset(s, 0, sizeof(*s));
	s->frames = (const char **)block;
	s->objs = s->frames + nr;
	s->offs = (unsigned long *)(s->objs + nr);
	s->shared = true;
}

struct kfc_srcstack *kfc_stack_src(const struct kfc_stack *s)
{
	/* every frame of a report's stack is filled: nr is its size */
	return s->shared && s->frames ? (struct kfc_srcstack *)(s->offs + s->nr)
				      : NULL;
}

static void stack_free(struct kfc_stack *s)
{
	struct kfc_srcstack *src = kfc_stack_src(s);

	/* the source frames' names are source.c's */
	if (src)
		free(src->f);
	free(s->frames);
	memset(s, 0, sizeof(*s));
}

/* The stack of a record, a call or a leak site: its "backtrace". */
static void stack_load(struct reader *rd, struct kfc_stack *s,
		       const struct kfc_json *owner, const char *key)
{
	const struct kfc_json *arr = member(rd, owner, key, KFC_JSON_ARRAY, 0);
	size_t i;

	memset(s, 0, sizeof(*s));
	if (!arr)
		return;
	stack_alloc(s, arr->nr);
	for (i = 0; i < arr->nr; i++, s->nr++)
		s->frames[i] =
			frame_text(rd, arr->items[i], &s->objs[i], &s->offs[i]);
}

/* A stack of one frame: a caller's. */
static void caller_load(struct reader *rd, struct kfc_stack *s,
			const struct kfc_json *f)
{
	stack_alloc(s, 1);
	s->frames[0] = frame_text(rd, f, &s->objs[0], &s->offs[0]);
	s->nr = 1;
}

void kfc_stack_release(struct kfc_stack *s)
{
	size_t i;

	if (s->shared) {
		memset(s, 0, sizeof(*s));
		return;
	}
	for (i = 0; i < s->nr; i++) {
		free((char *)s->frames[i]);
		free((char *)s->objs[i]);
	}
	free(s->frames);
	free(s->objs);
	free(s->offs);
	memset(s, 0, sizeof(*s));
}

void kfc_stack_copy(struct kfc_stack *dst, const struct kfc_stack *src)
{
	size_t i;

	dst->nr = src->nr;
	dst->shared = false;
	dst->frames = kfc_xcalloc(src->nr, sizeof(*dst->frames));
	dst->objs = kfc_xcalloc(src->nr, sizeof(*dst->objs));
	dst->offs = kfc_xcalloc(src->nr, sizeof(*dst->offs));
	for (i = 0; i < src->nr; i++) {
		dst->frames[i] = kfc_xstrdup(src->frames[i]);
		dst->objs[i] = src->objs[i] ? kfc_xstrdup(src->objs[i]) : NULL;
		dst->offs[i] = src->offs[i];
	}
}

const char *kfc_frame_func(const char *frame, char *out, size_t size)
{
	size_t n = strcspn(frame, "+ (");

	if (n >= size)
		n = size - 1;
	memcpy(out, frame, n);
	out[n] = '\0';
	return out;
}

bool kfc_stack_same(const struct kfc_stack *a, const struct kfc_stack *b)
{
	char fa[256], fb[256];
	size_t i;

	if (a->nr != b->nr)
		return false;
	for (i = 0; i < a->nr; i++)
		if (strcmp(kfc_frame_func(a->frames[i], fa, sizeof(fa)),
			   kfc_frame_func(b->frames[i], fb, sizeof(fb))))
			return false;
	return true;
}

static void load_exit(struct reader *rd, struct kfc_report *r,
		      const struct kfc_json *root)
{
	const struct kfc_json *e =
		member(rd, root, KFR_EXIT, KFC_JSON_OBJECT, 0);
	const struct kfc_json *sig =
		member(rd, e, KFR_EXIT_SIGNAL, KFC_JSON_NUMBER, OR_NULL);
	const char *how = string(rd, e, KFR_EXIT_HOW, 0);

	long signo = 0;

	r->sanitizer_stop = how && !strcmp(how, KFR_HOW_SANITIZER);
	if (sig && !kfc_json_whole(sig, 1, 128, &signo))
		refuse(rd, "\"%s\" should be a signal number, is %s",
		       KFR_EXIT_SIGNAL, sig->str);
	r->fatal_signal = (int)signo;
}

static void load_leaks(struct reader *rd, struct kfc_report *r,
		       const struct kfc_json *root)
{
	const struct kfc_json *l =
		member(rd, root, KFR_LEAKS, KFC_JSON_OBJECT, 0);

	const struct kfc_json *sites =
		member(rd, l, KFR_LEAKS_SITES, KFC_JSON_ARRAY, 0);
	const struct kfc_json *first =
		sites && sites->nr ? sites->items[0] : NULL;

	r->leak_objects = number(rd, l, KFR_LEAKS_OBJECTS);
	r->leak_bytes = number(rd, l, KFR_LEAKS_BYTES);
	/* The first site's stack; its caller alone when none was kept. */
	if (first && first->type == KFC_JSON_OBJECT)
		stack_load(rd, &r->leak_stack, first, KFR_LEAK_BACKTRACE);
	if (first && !r->leak_stack.nr &&
	    member(rd, first, KFR_LEAK_CALLER, KFC_JSON_OBJECT, 0)) {
		stack_free(&r->leak_stack);
		caller_load(rd, &r->leak_stack,
			    kfc_json_get(first, KFR_LEAK_CALLER));
	}
}

static void load_reports(struct reader *rd, struct kfc_report *r,
			 const struct kfc_json *root)
{
	const struct kfc_json *kinds =
		member(rd, root, KFR_REPORTS, KFC_JSON_OBJECT, OR_NULL);

	r->warns = number(rd, root, KFR_REPORTS_TOTAL);
	if (kinds)
		r->bugs = number(rd, kinds, kfc_report_kinds[KSTUB_REPORT_bug]);
}

/* The count, and the first fault's class and stack (delays are apart). */
static void load_faults(struct reader *rd, struct kfc_report *r,
			const struct kfc_json *root)
{
	const struct kfc_json *f =
		member(rd, root, KFR_FAULTS, KFC_JSON_ARRAY, 0);
	const struct kfc_json *first = f && f->nr ? f->items[0] : NULL;

	r->faults = number(rd, root, KFR_FAULTS_TOTAL);
	if (!first)
		return;
	stack_load(rd, &r->fault_stack, first, KFR_REC_BACKTRACE);
	r->fault_cls = kfc_xstrdup(string(rd, first, KFR_REC_CLASS, 0) ?: "?");
}

/*
 * The scheduler's account (sched=), when the run had one; a report of a
 * shim without the key reads as a run without a scheduler.
 */
static void load_sched(struct reader *rd, struct kfc_report *r,
		       const struct kfc_json *root)
{
	const struct kfc_json *s = member(rd, root, KFR_SCHED, KFC_JSON_OBJECT,
					  OR_NULL | OR_ABSENT);
	const struct kfc_json *exact =
		s ? member(rd, s, KFR_SCHED_EXACT, KFC_JSON_BOOL, 0) : NULL;
	const struct kfc_json *log;
	const char *list;
	size_t i;

	if (!s)
		return;
	r->sched = true;
	r->sched_exact = exact && exact->num;
	r->sched_steps = number(rd, s, KFR_SCHED_STEPS);
	r->sched_exact_steps = number(rd, s, KFR_SCHED_EXACT_STEPS);
	r->sched_watchdog = number(rd, s, KFR_SCHED_WATCHDOG);
	if (kfc_json_get(s, KFR_SCHED_SWITCHES))
		r->sched_switches = number(rd, s, KFR_SCHED_SWITCHES);
	if (kfc_json_get(s, KFR_SCHED_PREEMPTIONS))
		r->sched_preemptions = number(rd, s, KFR_SCHED_PREEMPTIONS);
	list = string(rd, s, KFR_SCHED_LIST, OR_NULL | OR_ABSENT);
	r->sched_list = list ? kfc_xstrdup(list) : NULL;
	log = member(rd, s, KFR_SCHED_LOG, KFC_JSON_ARRAY, OR_ABSENT);
	if (!log)
		return;
	r->sched_log = kfc_xcalloc(log->nr, sizeof(*r->sched_log));
	for (i = 0; i < log->nr; i++, r->nr_sched_log++) {
		const struct kfc_json *e = log->items[i], *c;
		struct kfc_sched_step *st = &r->sched_log[i];

		if (e->type != KFC_JSON_OBJECT) {
			refuse(rd, "a step of \"%s\" should be an object",
			       KFR_SCHED_LOG);
			return;
		}
		st->step = number(rd, e, KFR_LOG_STEP);
		st->thread = number(rd, e, KFR_LOG_THREAD);
		st->op = kfc_xstrdup(string(rd, e, KFR_LOG_OP, 0) ?: "?");
		c = member(rd, e, KFR_LOG_PREEMPTED, KFC_JSON_BOOL, 0);
		st->preempted = c && c->num;
		st->next = number(rd, e, KFR_LOG_NEXT);
		c = member(rd, e, KFR_LOG_CALLER, KFC_JSON_OBJECT, OR_NULL);
		if (!c)
			continue;
		caller_load(rd, &st->caller, c);
	}
}

/* Calls reached over the classes a fault rule can fail. */
static void load_sites(struct reader *rd, struct kfc_report *r,
		       const struct kfc_json *root)
{
	const struct kfc_json *s =
		member(rd, root, KFR_SITES, KFC_JSON_OBJECT, 0);
	size_t i;

	for (i = 0; s && i < s->nr; i++) {
		const struct kfc_json *n = s->items[i];
		long v;

		if (n->type != KFC_JSON_NUMBER ||
		    !kfc_json_whole(n, 0, LONG_MAX, &v))
			refuse(rd,
			       "\"%s\" should count \"%s\", is not a "
			       "count",
			       KFR_SITES, n->key);
		else if (is_fault_class(n->key) &&
			 __builtin_add_overflow(r->sites_total, v,
						&r->sites_total))
			refuse(rd, "\"%s\" count more calls than a long holds",
			       KFR_SITES);
	}
}

/*
 * record=1: the distinct stacks and the calls naming them, the report's
 * biggest parts, read an element at a time as the parser meets them
 * (kfc_json_read); what is not as documented is kept apart, refused in
 * load_calls in the order the whole document would have been read.
 */
struct streamed {
	struct reader *rd;
	struct reader stacks, calls; /* the first refusal of each */
	bool stacks_broken; /* one was not an object: take no more */
	size_t cap_stacks, cap_calls;
};

/* Room for element @nr in @v, of @cap elements of @size bytes. */
static void *grow(void *v, size_t nr, size_t *cap, size_t size)
{
	if (nr < *cap)
		return v;
	*cap = *cap ? 2 * *cap : 64;
	return kfc_xrealloc(v, *cap * size);
}

static void stream_stack(struct streamed *sd, const struct kfc_json *it)
{
	struct kfc_report *r = sd->rd->r;
	size_t i = r->nr_stacks;

	if (sd->stacks_broken)
		return;
	if (it->type != KFC_JSON_OBJECT) {
		refuse(&sd->stacks, "a stack should be an object");
		sd->stacks_broken = true;
		return;
	}
	if (i == sd->cap_stacks) {
		r->stacks =
			grow(r->stacks, i, &sd->cap_stacks, sizeof(*r->stacks));
		r->stack_ids = kfc_xrealloc(
			r->stack_ids, sd->cap_stacks * sizeof(*r->stack_ids));
	}
	r->stack_ids[i] = kfc_strings_add(
		&r->strings, string(&sd->stacks, it, KFR_STACK_ID, 0) ?: "");
	stack_load(&sd->stacks, &r->stacks[i], it, KFR_STACK_BACKTRACE);
	r->nr_stacks++;
}

/* A call's stack is checked once every stack is read (load_calls). */
static void stream_call(struct streamed *sd, const struct kfc_json *it)
{
	struct kfc_report *r = sd->rd->r;
	struct reader *rd = &sd->calls;
	struct kfc_call *call;
	const struct kfc_json *st;

	r->calls =
		grow(r->calls, r->nr_calls, &sd->cap_calls, sizeof(*r->calls));
	call = &r->calls[r->nr_calls++];
	st = member(rd, it, KFR_CALL_STACK, KFC_JSON_NUMBER, OR_NULL);
	call->n = number(rd, it, KFR_CALL_N);
	call->created = number(rd, it, KFR_CALL_CREATED);
	call->cls = kfc_strings_add(&r->strings,
				    string(rd, it, KFR_CALL_CLASS, 0) ?: "?");
	call->stack = -1;
	if (st && !kfc_json_whole(st, 0, LONG_MAX, &call->stack)) {
		call->stack = -1;
		refuse(rd, "a call's \"%s\" %s is not in \"%s\"",
		       KFR_CALL_STACK, st->str, KFR_STACKS);
	}
}

static void stream_each(const char *key, const struct kfc_json *item, void *ctx)
{
	struct streamed *sd = ctx;

	if (!strcmp(key, KFR_STACKS))
		stream_stack(sd, item);
	else
		stream_call(sd, item);
}

static const char *const streamed_keys[] = {KFR_STACKS, KFR_CALLS, NULL};

static void load_calls(struct reader *rd, struct kfc_report *r,
		       const struct kfc_json *root, struct streamed *sd)
{
	const struct kfc_json *c =
		member(rd, root, KFR_CALLS, KFC_JSON_ARRAY, OR_ABSENT);
	size_t i;

	if (!c) {
		/* stacks are read with calls only */
		for (i = 0; i < r->nr_stacks; i++)
			stack_free(&r->stacks[i]);
		r->nr_stacks = r->nr_calls = 0;
		return;
	}
	r->has_calls = true;
	r->calls_dropped = number(rd, root, KFR_CALLS_DROPPED);
	r->stacks_dropped = number(rd, root, KFR_STACKS_DROPPED);
	member(rd, root, KFR_STACKS, KFC_JSON_ARRAY, 0);
	if (sd->stacks.why[0])
		refuse(rd, "%s", sd->stacks.why);
	if (sd->calls.why[0])
		refuse(rd, "%s", sd->calls.why);
	for (i = 0; i < r->nr_calls; i++) {
		struct kfc_call *call = &r->calls[i];

		if (call->stack < 0 || (size_t)call->stack < r->nr_stacks)
			continue;
		refuse(rd, "a call's \"%s\" %ld is not in \"%s\"",
		       KFR_CALL_STACK, call->stack, KFR_STACKS);
		call->stack = -1;
	}
	/* grown by doubling: no longer than they are, now */
	r->stacks = kfc_xrealloc(r->stacks, r->nr_stacks * sizeof(*r->stacks));
	r->stack_ids = kfc_xrealloc(r->stack_ids,
				    r->nr_stacks * sizeof(*r->stack_ids));
	r->calls = kfc_xrealloc(r->calls, r->nr_calls * sizeof(*r->calls));
}

const struct kfc_stack *kfc_call_stack(const struct kfc_report *r,
				       const struct kfc_call *c)
{
	return c->stack >= 0 && (size_t)c->stack < r->nr_stacks
		       ? &r->stacks[c->stack]
		       : NULL;
}

/* A counting run's points: the first rule's eligible calls. */
static void load_rules(struct reader *rd, struct kfc_report *r,
		       const struct kfc_json *root)
{
	const struct kfc_json *rules =
		member(rd, root, KFR_RULES, KFC_JSON_ARRAY, 0);

	r->eligible = -1;
	if (rules && rules->nr)
		r->eligible = number(rd, rules->items[0], KFR_RULE_ELIGIBLE);
}

static void load_version(struct reader *rd, const struct kfc_json *root)
{
	const struct kfc_json *v = kfc_json_get(root, KFR_VERSION);

	if (!v || v->type != KFC_JSON_NUMBER)
		refuse(rd,
		       "no report version (\"" KFR_VERSION "\"), this kfault "
		       "reads version %d",
		       KFAULT_REPORT_VERSION);
	else if (v->num != KFAULT_REPORT_VERSION)
		refuse(rd, "report version %g, this kfault reads version %d",
		       v->num, KFAULT_REPORT_VERSION);
}

static void load(struct reader *rd, struct kfc_report *r,
		 const struct kfc_json *root, struct streamed *sd)
{
	if (root->type != KFC_JSON_OBJECT) {
		refuse(rd, "not a kfault report (not a JSON object)");
		return;
	}
	load_version(rd, root);
	if (rd->why[0])
		return;
	load_exit(rd, r, root);
	load_leaks(rd, r, root);
	load_reports(rd, r, root);
	load_faults(rd, r, root);
	load_sched(rd, r, root);
	load_sites(rd, r, root);
	load_calls(rd, r, root, sd);
	load_rules(rd, r, root);
}

/* Only white space (or nothing) in @len bytes of @text? */
static bool blank(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!memchr(" \t\r\n", text[i], 4))
			return false;
	return true;
}

static void report_start(struct kfc_report *r, const char *path)
{
	memset(r, 0, sizeof(*r));
	r->eligible = -1;
	r->path = kfc_xstrdup(path);
}

/* The parse's @root (NULL: @err) as the report @r. */
static int report_finish(struct kfc_report *r, struct reader *rd,
			 struct streamed *sd, struct kfc_json *root,
			 const char *err)
{
	char *path;

	if (root)
		load(rd, r, root, sd);
	else
		refuse(rd, "not a kfault report (%s)", err ?: "not JSON");
	kfc_json_free(root);
	if (rd->why[0]) {
		path = r->path;
		r->path = NULL;
		kfc_report_release(r);
		report_start(r, path);
		r->refused = kfc_xasprintf("%s: %s", path, rd->why);
		free(path);
		return -1;
	}
	r->present = true;
	return 0;
}

int kfc_report_load_buffer(struct kfc_report *r, const char *text, size_t len,
			   const char *path)
{
	struct reader rd = {.r = r};
	struct streamed sd = {.rd = &rd, .stacks.r = r, .calls.r = r};
	struct kfc_json_stream st = {streamed_keys, stream_each, &sd, false};
	struct kfc_json *root;
	const char *err = NULL;

	report_start(r, path);
	if (blank(text, len)) {
		r->none = KFC_REPORT_EMPTY;
		return -1;
	}
	root = kfc_json_parse_each(text, len, &st, &err);
	return report_finish(r, &rd, &sd, root, err);
}

/* The file is read through a buffer of this size, not whole. */
#define KFC_REPORT_BUFFER 65536

int kfc_report_load(struct kfc_report *r, const char *path)
{
	struct reader rd = {.r = r};
	struct streamed sd = {.rd = &rd, .stacks.r = r, .calls.r = r};
	struct kfc_json_stream st = {streamed_keys, stream_each, &sd, false};
	struct kfc_json *root;
	const char *err = NULL;
	int fd;

	report_start(r, path);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		r->err = errno;
		r->none = r->err == ENOENT ? KFC_REPORT_MISSING
					   : KFC_REPORT_UNREAD;
		return -1;
	}
	root = kfc_json_read(fd, KFC_REPORT_BUFFER, &st, &err);
	if (!root && err && !strcmp(err, "read error")) {
		int errnum = errno;

		close(fd);
		kfc_report_release(r);
		report_start(r, path);
		r->none = KFC_REPORT_UNREAD;
		r->err = errnum;
		return -1;
	}
	close(fd);
	if (st.blank) {
		kfc_report_release(r);
		report_start(r, path);
		r->none = KFC_REPORT_EMPTY;
		return -1;
	}
	return report_finish(r, &rd, &sd, root, err);
}

void kfc_report_release(struct kfc_report *r)
{
	size_t i;

	stack_free(&r->fault_stack);
	stack_free(&r->leak_stack);
	free(r->fault_cls);
	free(r->calls);
	for (i = 0; i < r->nr_stacks; i++)
		stack_free(&r->stacks[i]);
	free(r->stacks);
	free(r->stack_ids);
	for (i = 0; i < r->nr_sched_log; i++) {
		free(r->sched_log[i].op);
		stack_free(&r->sched_log[i].caller);
	}
	free(r->sched_log);
	free(r->sched_list);
	free(r->refused);
	free(r->path);
	kfc_strings_release(&r->strings);
	memset(r, 0, sizeof(*r));
}
