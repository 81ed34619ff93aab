// SPDX-License-Identifier: GPL-2.0-only
/*
 * Reading the shim's JSON report (doc/report-format.md): the counts the
 * classifier needs, the first injected fault's stack, and the eligible
 * calls a counting run recorded (record=1).
 *
 * A report that lacks a section reads as zeros: a program that died
 * before the shim could write anything is judged by its exit status and
 * stderr alone.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "../sites.h"

static bool is_fault_class(const char *name)
{
	int cls = kfault_class_find(name);

	return cls >= 0 && kfault_classes[cls].fault;
}

static const char *const kfc_frame_func_keys[] = {"func", "function", "symbol",
						  "name", NULL};
static const char *const kfc_frame_off_keys[] = {"off", "offset", "func_off",
						 NULL};
static const char *const kfc_stack_keys[] = {"stack", "frames", "backtrace",
					     NULL};

/* One frame as "func+0xoff"; a frame may be a string or an object. */
static char *frame_text(const struct kfc_json *f)
{
	const struct kfc_json *fn, *off;
	const char *name;

	if (f->type == KFC_JSON_STRING)
		return kfc_xstrdup(f->str);
	fn = kfc_json_get_any(f, kfc_frame_func_keys);
	off = kfc_json_get_any(f, kfc_frame_off_keys);
	name = kfc_json_str(fn);
	if (!name) {
		/* No symbol: the object and offset stay the same run to run. */
		const char *obj = kfc_json_str(kfc_json_get(f, "object"));
		const char *ooff =
			kfc_json_str(kfc_json_get(f, "object_offset"));
		const char *addr = kfc_json_str(kfc_json_get(f, "addr"));
		const char *base = obj ? strrchr(obj, '/') : NULL;

		if (obj && ooff)
			return kfc_xasprintf("%s+%s", base ? base + 1 : obj,
					     ooff);
		return kfc_xstrdup(addr ? addr : "??");
	}
	if (off && off->type == KFC_JSON_NUMBER)
		return kfc_xasprintf("%s+0x%lx", name, (unsigned long)off->num);
	if (kfc_json_str(off))
		return kfc_xasprintf("%s+%s", name, off->str);
	return kfc_xstrdup(name);
}

static void stack_load(struct kfc_stack *s, const struct kfc_json *owner)
{
	const struct kfc_json *arr = kfc_json_get_any(owner, kfc_stack_keys);
	size_t i;

	memset(s, 0, sizeof(*s));
	if (!arr || arr->type != KFC_JSON_ARRAY)
		return;
	s->frames = kfc_xcalloc(arr->nr, sizeof(*s->frames));
	for (i = 0; i < arr->nr; i++)
		s->frames[s->nr++] = frame_text(arr->items[i]);
	if (arr->nr) {
		const char *obj =
			kfc_json_str(kfc_json_get(arr->items[0], "object"));
		const char *off = kfc_json_str(
			kfc_json_get(arr->items[0], "object_offset"));

		if (obj && off) {
			s->site_obj = kfc_xstrdup(obj);
			s->site_off = strtoul(off, NULL, 16);
		}
	}
}

void kfc_stack_release(struct kfc_stack *s)
{
	size_t i;

	for (i = 0; i < s->nr; i++)
		free(s->frames[i]);
	free(s->frames);
	free(s->site_obj);
	memset(s, 0, sizeof(*s));
}

void kfc_stack_copy(struct kfc_stack *dst, const struct kfc_stack *src)
{
	size_t i;

	dst->nr = src->nr;
	dst->frames = kfc_xcalloc(src->nr, sizeof(*dst->frames));
	for (i = 0; i < src->nr; i++)
		dst->frames[i] = kfc_xstrdup(src->frames[i]);
	dst->site_obj = src->site_obj ? kfc_xstrdup(src->site_obj) : NULL;
	dst->site_off = src->site_off;
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

/* Sum of a number member over an array, or the number itself. */
static long sum_member(const struct kfc_json *j, const char *key)
{
	long total = 0;
	size_t i;

	if (!j)
		return 0;
	if (j->type == KFC_JSON_NUMBER)
		return (long)j->num;
	if (j->type == KFC_JSON_OBJECT)
		return kfc_json_long(kfc_json_get(j, key), 0);
	if (j->type != KFC_JSON_ARRAY)
		return 0;
	for (i = 0; i < j->nr; i++)
		total += kfc_json_long(kfc_json_get(j->items[i], key), 0);
	return total;
}

static void load_leaks(struct kfc_report *r, const struct kfc_json *root)
{
	const struct kfc_json *l = kfc_json_get(root, "leaks");
	const struct kfc_json *sites = kfc_json_get(l, "sites");

	if (!l)
		return;
	if (l->type == KFC_JSON_OBJECT && kfc_json_get(l, "objects")) {
		r->leak_objects = kfc_json_long(kfc_json_get(l, "objects"), 0);
		r->leak_bytes = kfc_json_long(kfc_json_get(l, "bytes"), 0);
		return;
	}
	if (sites)
		l = sites;
	r->leak_objects = sum_member(l, "objects");
	r->leak_bytes = sum_member(l, "bytes");
	/* A list of sites without counts still means something leaked. */
	if (l->type == KFC_JSON_ARRAY && l->nr && !r->leak_objects)
		r->leak_objects = l->nr;
}

static void load_reports(struct kfc_report *r, const struct kfc_json *root)
{
	static const char *const keys[] = {"reports", "warns", "warn",
					   "warnings", NULL};
	const struct kfc_json *w = kfc_json_get_any(root, keys);
	size_t i;

	if (!w)
		return;
	if (w->type == KFC_JSON_NUMBER) {
		r->warns = (long)w->num;
		return;
	}
	for (i = 0; w->type == KFC_JSON_OBJECT && i < w->nr; i++) {
		long n = kfc_json_long(w->items[i], 0);

		r->warns += n;
		if (!strcmp(w->items[i]->key, "bug"))
			r->bugs += n;
	}
}

static bool record_is_delay(const struct kfc_json *rec)
{
	const char *kind = kfc_json_str(kfc_json_get_any(
		rec, (const char *const[]){"kind", "type", NULL}));
	const struct kfc_json *d = kfc_json_get(rec, "delay");

	if (kind && !strcmp(kind, "delay"))
		return true;
	return d && d->type == KFC_JSON_BOOL && d->num;
}

static void load_faults(struct kfc_report *r, const struct kfc_json *root)
{
	static const char *const list_keys[] = {"records", "list", "events",
						NULL};
	const struct kfc_json *f = kfc_json_get(root, "faults");
	size_t i;

	r->faults = kfc_json_long(kfc_json_get(root, "faults_total"), 0);
	if (f && f->type == KFC_JSON_OBJECT) {
		const struct kfc_json *n = kfc_json_get_any(
			f, (const char *const[]){"injected", "total", NULL});

		r->faults = kfc_json_long(n, 0);
		f = kfc_json_get_any(f, list_keys);
	}
	if (!f || f->type != KFC_JSON_ARRAY)
		return;
	for (i = 0; i < f->nr; i++) {
		const struct kfc_json *rec = f->items[i];

		if (record_is_delay(rec))
			continue;
		if (!r->fault_stack.nr && !r->fault_cls) {
			stack_load(&r->fault_stack, rec);
			r->fault_cls = kfc_xstrdup(
				kfc_json_str(kfc_json_get(rec, "class"))
					?: "?");
		}
		if (r->faults < (long)i + 1)
			r->faults++;
	}
}

static void load_sites(struct kfc_report *r, const struct kfc_json *root)
{
	static const char *const keys[] = {"sites", "sites_seen", "seen", NULL};
	const struct kfc_json *s = kfc_json_get_any(root, keys);
	size_t i;

	for (i = 0; s && i < s->nr; i++) {
		const struct kfc_json *it = s->items[i];
		const char *cls = it->key;
		long n = kfc_json_long(it, 0);

		if (s->type == KFC_JSON_ARRAY) {
			cls = kfc_json_str(kfc_json_get(it, "class"));
			n = kfc_json_long(
				kfc_json_get_any(
					it,
					(const char *const[]){"seen", "count",
							      "calls", NULL}),
				0);
		}
		if (cls && is_fault_class(cls))
			r->sites_total += n;
	}
}

static void load_calls(struct kfc_report *r, const struct kfc_json *root)
{
	const struct kfc_json *c = kfc_json_get(root, "calls");
	size_t i;

	if (!c || c->type != KFC_JSON_ARRAY)
		return;
	r->has_calls = true;
	r->calls_dropped =
		kfc_json_long(kfc_json_get(root, "calls_dropped"), 0);
	r->calls = kfc_xcalloc(c->nr, sizeof(*r->calls));
	for (i = 0; i < c->nr; i++) {
		const struct kfc_json *it = c->items[i];
		struct kfc_call *call = &r->calls[r->nr_calls++];
		const char *id = kfc_json_str(kfc_json_get(it, "stack_id"));

		call->n = kfc_json_long(kfc_json_get(it, "n"), (long)i + 1);
		call->cls = kfc_xstrdup(kfc_json_str(kfc_json_get(it, "class"))
						?: "?");
		stack_load(&call->stack, it);
		if (!call->stack.nr) {
			const char *caller =
				kfc_json_str(kfc_json_get(it, "caller"));

			call->stack.frames = kfc_xcalloc(1, sizeof(char *));
			call->stack.frames[0] = kfc_xstrdup(caller ?: "??");
			call->stack.nr = 1;
		}
		call->stack_id = id ? kfc_xstrdup(id) : NULL;
	}
}

static void load_rules(struct kfc_report *r, const struct kfc_json *root)
{
	const struct kfc_json *rules = kfc_json_get(root, "rules");

	if (rules && rules->type == KFC_JSON_ARRAY && rules->nr)
		r->eligible = kfc_json_long(
			kfc_json_get(rules->items[0], "eligible"), -1);
}

int kfc_report_load(struct kfc_report *r, const char *path)
{
	struct kfc_json *root = kfc_json_parse_file(path);

	memset(r, 0, sizeof(*r));
	r->eligible = -1;
	if (!root || root->type != KFC_JSON_OBJECT) {
		kfc_json_free(root);
		return -1;
	}
	r->present = true;
	r->sanitizer_stop = !strcmp(
		kfc_json_str(kfc_json_get(kfc_json_get(root, "exit"), "how"))
			?: "",
		"sanitizer");
	r->fatal_signal = (int)kfc_json_long(
		kfc_json_get(kfc_json_get(root, "exit"), "signal"), 0);
	load_leaks(r, root);
	load_reports(r, root);
	load_faults(r, root);
	load_sites(r, root);
	load_calls(r, root);
	load_rules(r, root);
	kfc_json_free(root);
	return 0;
}

void kfc_report_release(struct kfc_report *r)
{
	size_t i;

	kfc_stack_release(&r->fault_stack);
	free(r->fault_cls);
	for (i = 0; i < r->nr_calls; i++) {
		free(r->calls[i].cls);
		free(r->calls[i].stack_id);
		kfc_stack_release(&r->calls[i].stack);
	}
	free(r->calls);
	memset(r, 0, sizeof(*r));
}
