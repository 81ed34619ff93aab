// SPDX-License-Identifier: GPL-2.0-only
/*
 * A fault point's stack in source terms: every frame resolved from its
 * object and offset through debuginfo.c (libdw), an inlined call a frame
 * of its own, so that the same code has the same frames at -O0 and -O2.
 * kstub's inline API (kzalloc in <linux/slab.h>) inlined into the code
 * under test is left out: the call site is the caller's line.  A frame
 * without debug information keeps its symbol's name and no line.
 * Return addresses repeat across a sweep's stacks (20,000 stacks may
 * share a few hundred), so each is resolved once and kept; so is each
 * function name and file name, once, for the command's life.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define SRC_MAX_INLINE 16

bool kfc_kstub_file(const char *path)
{
	const char *k, *seg;

	if (!path)
		return false;
	/* headers: kstub/include/linux/slab.h, or installed include/kstub/ */
	if (strstr(path, "/kstub/include/") || strstr(path, "/include/kstub/"))
		return true;
	/* sources: kstub/slab.c, but not tests/kstub/x.c */
	for (k = path; (k = strstr(k, "kstub/")); k++) {
		seg = k + strlen("kstub/");
		if ((k == path || k[-1] == '/') && !strchr(seg, '/') &&
		    (k - path < 6 || strncmp(k - 6, "tests/", 6)))
			return true;
	}
	return false;
}

/* Function and file names: every frame's strings, each kept once. */
static struct kfc_strings src_strings;

static const char *keep(const char *s)
{
	return s ? kfc_strings_add(&src_strings, s) : NULL;
}

/* Frame @i of @out, whose strings are kept. */
static void put(struct kfc_srcstack *out, size_t i, const char *func,
		const char *file, int line, bool inlined)
{
	struct kfc_srcframe *f = &out->f[i];

	f->func = func;
	f->file = file;
	f->line = line;
	f->inlined = inlined;
}

/* A return address: its object and offset there. */
struct src_key {
	const char *obj;
	unsigned long off;
};

/* The frames of one return address, kept for the command's life. */
struct src_entry {
	struct src_key key; /* first: an entry hashes as its key */
	struct kfc_srcstack frames;
};

static size_t src_hash(const void *key)
{
	const struct src_key *k = key;

	return kfc_hash_str(kfc_hash_word(KFC_HASH_START, k->off), k->obj);
}

static bool src_same(const void *elem, const void *key)
{
	const struct src_key *a = elem, *b = key;

	return a->off == b->off && !strcmp(a->obj, b->obj);
}

static struct kfc_set src_cache = {.hash = src_hash, .same = src_same};

/* A return address resolved, its frames' strings kept. */
static void *src_resolve(const void *key, void *arg)
{
	const struct src_key *k = key;
	struct src_entry *e = kfc_xcalloc(1, sizeof(*e));
	struct kfc_srcloc locs[SRC_MAX_INLINE];
	int n, i;

	(void)arg;
	e->key.obj = keep(k->obj);
	e->key.off = k->off;
	e->frames.kept = true;
	n = kfc_debuginfo_lookup(k->obj, k->off, true, locs, SRC_MAX_INLINE);
	e->frames.f = kfc_xcalloc(n, sizeof(*e->frames.f));
	for (i = 0; i < n; i++) {
		/* kstub's inline API inside the caller's function */
		if (i + 1 < n && kfc_kstub_file(locs[i].file) &&
		    !kfc_kstub_file(locs[n - 1].file))
			continue;
		put(&e->frames, e->frames.nr++, keep(locs[i].func ?: "??"),
		    keep(locs[i].file), locs[i].line, i + 1 < n);
	}
	kfc_srcloc_release(locs, n);
	return e;
}

const struct kfc_srcstack *kfc_source_lookup(const char *obj, unsigned long off)
{
	struct src_key key = {obj, off};
	struct src_entry *e = kfc_set_get(&src_cache, &key, src_resolve, NULL);

	return &e->frames;
}

/* The frames of return address @i of @s: NULL when it has none. */
static const struct kfc_srcstack *frame_lookup(const struct kfc_stack *s,
					       size_t i)
{
	const struct kfc_srcstack *fr;

	if (!s->objs || !s->objs[i])
		return NULL;
	fr = kfc_source_lookup(s->objs[i], s->offs[i]);
	return fr->nr ? fr : NULL;
}

void kfc_source_resolve(struct kfc_srcstack *out, const struct kfc_stack *s)
{
	const struct kfc_srcstack *fr;
	char fn[256];
	size_t i, k, n = 0;

	memset(out, 0, sizeof(*out));
	out->kept = true;
	for (i = 0; i < s->nr; i++) {
		fr = frame_lookup(s, i);
		n += fr ? fr->nr : 1;
	}
	out->f = kfc_xcalloc(n, sizeof(*out->f));
	for (i = 0; i < s->nr; i++) {
		fr = frame_lookup(s, i);
		if (!fr) {
			kfc_frame_func(s->frames[i], fn, sizeof(fn));
			put(out, out->nr++, keep(fn), NULL, 0, false);
			continue;
		}
		for (k = 0; k < fr->nr; k++) {
			const struct kfc_srcframe *f = &fr->f[k];
			const char *func = f->func;

			if (!strcmp(func, "??") && !f->inlined)
				func = keep(kfc_frame_func(s->frames[i], fn,
							   sizeof(fn)));
			put(out, out->nr++, func, f->file, f->line, f->inlined);
		}
	}
}

void kfc_source_release(void)
{
	size_t i;

	for (i = 0; i < src_cache.size; i++) {
		struct src_entry *e = src_cache.slots[i];

		if (!e)
			continue;
		kfc_srcstack_release(&e->frames);
		free(e);
	}
	kfc_set_release(&src_cache);
	kfc_strings_release(&src_strings);
}

void kfc_srcstack_release(struct kfc_srcstack *s)
{
	size_t i;

	if (s->lent) {
		memset(s, 0, sizeof(*s));
		return;
	}
	for (i = 0; i < s->nr && !s->kept; i++) {
		free((char *)s->f[i].func);
		free((char *)s->f[i].file);
	}
	free(s->f);
	memset(s, 0, sizeof(*s));
}

char *kfc_srcframe_where(const struct kfc_srcframe *f)
{
	const char *base;

	if (!f->file)
		return NULL;
	base = strrchr(f->file, '/');
	base = base ? base + 1 : f->file;
	return f->line ? kfc_xasprintf("%s:%d", base, f->line)
		       : kfc_xstrdup(base);
}

char *kfc_srcframe_text(const struct kfc_srcframe *f)
{
	char *where = kfc_srcframe_where(f), *s;

	s = where ? kfc_xasprintf("%s (%s)", f->func, where)
		  : kfc_xstrdup(f->func);
	free(where);
	return s;
}

void kfc_point_resolve(struct kfc_point *p)
{
	struct kfc_srcstack *src = kfc_stack_src(&p->stack);

	if (p->src.nr || !p->stack.nr)
		return;
	if (!src) {
		kfc_source_resolve(&p->src, &p->stack);
		return;
	}
	/* a counting run's stack: resolved once for all of its points */
	if (!src->nr)
		kfc_source_resolve(src, &p->stack);
	p->src = *src;
	p->src.lent = true;
}
