// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sweep's table: points grouped by call site (the innermost frame as
 * function (file:line) when PROG has debug information), one line per
 * point with its stack, the title and evidence under every point that is
 * not ok, the failures grouped by title (many points often are one bug),
 * how the points ran (fork servers or a run each), and last a count per
 * outcome.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Frames shown per point: what runs main (libc, _start) is left out. */
#define KFC_TABLE_FRAMES 6

/* The heading of @p's group: its innermost frame, malloc'ed. */
static char *site_of(const struct kfc_point *p)
{
	if (p->src.nr)
		return kfc_srcframe_text(&p->src.f[0]);
	return kfc_xstrdup(p->stack.nr ? p->stack.frames[0]
				       : "(call site unknown)");
}

void kfc_point_stack_text(struct kfc_buf *b, const struct kfc_point *p)
{
	char *text;
	size_t i;

	kfc_buf_add(b, "", 0);
	for (i = 0; i < p->src.nr && i < KFC_TABLE_FRAMES; i++) {
		text = kfc_srcframe_text(&p->src.f[i]);
		kfc_buf_printf(b, "%s%s", i ? " < " : "", text);
		free(text);
		if (!strcmp(p->src.f[i].func, "main"))
			return;
	}
	if (i == KFC_TABLE_FRAMES && p->src.nr > KFC_TABLE_FRAMES)
		kfc_buf_puts(b, " < ...");
}

void kfc_point_call(char *buf, size_t size, const struct kfc_point *p)
{
	if (p->stack_id)
		snprintf(buf, size, "t%ld#%ld", p->created, p->occurrence);
	else
		snprintf(buf, size, "%ld", p->nth);
}

static void print_point(FILE *f, const struct kfc_point *p)
{
	struct kfc_buf b = {0};
	char call[48];

	kfc_point_stack_text(&b, p);
	kfc_point_call(call, sizeof(call), p);
	fprintf(f, "%6ld %6s%s %-17s %s\n", p->id, call, p->persist ? "+" : " ",
		p->done ? kfc_outcome_name(p->v->outcome) : "(not run)", b.s);
	kfc_buf_release(&b);
	if (!p->done || p->v->outcome == KFC_ok)
		return;
	if (p->v->title[0])
		fprintf(f, "%33s%s\n", "", p->v->title);
	fprintf(f, "%33s%s%s(%s)\n", "", p->v->detail,
		p->v->detail[0] ? " " : "",
		p->err_path ? p->err_path : "no stderr");
	if (p->replay)
		fprintf(f,
			"%33sthe schedule of seed %llu failed (%ld run%s so "
			"far); replay:\n%33s%s\n",
			"", p->seed, p->finished, p->finished == 1 ? "" : "s",
			"", p->replay);
}

/* Keys by their text; an element is a pointer to a point's key. */
static size_t key_hash(const void *key)
{
	return kfc_hash_str(KFC_HASH_START, *(char *const *)key);
}

static bool key_same(const void *elem, const void *key)
{
	return !strcmp(*(char *const *)elem, *(char *const *)key);
}

static void *key_first(const void *key, void *arg)
{
	(void)arg;
	return (void *)key;
}

/* Points by their group's first point, then by their own order. */
struct group_order {
	size_t first, i;
};

static int group_order_cmp(const void *a, const void *b)
{
	const struct group_order *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * The points @key_of gives a key (malloc'ed; NULL: left out) in groups
 * of one key, the groups in the order of their first points; how many in
 * @nr.  Each key is made once and found by hashing: 10,000 sites compared
 * pairwise took kfault longer than the sweep's runs.  @keys_out: each
 * point's key, to free.
 */
static struct group_order *group_by(const struct kfc_point *pts, size_t n,
				    char *(*key_of)(const struct kfc_point *),
				    char ***keys_out, size_t *nr)
{
	struct kfc_set set = {.hash = key_hash, .same = key_same};
	char **keys = kfc_xcalloc(n + 1, sizeof(*keys));
	struct group_order *ord = kfc_xcalloc(n + 1, sizeof(*ord));
	size_t i;

	*nr = 0;
	for (i = 0; i < n; i++) {
		keys[i] = key_of(&pts[i]);
		if (!keys[i])
			continue;
		ord[*nr].first =
			(char **)kfc_set_get(&set, &keys[i], key_first, NULL) -
			keys;
		ord[(*nr)++].i = i;
	}
	kfc_set_release(&set);
	qsort(ord, *nr, sizeof(*ord), group_order_cmp);
	*keys_out = keys;
	return ord;
}

static void free_keys(char **keys, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		free(keys[i]);
	free(keys);
}

/* A point not ok: its title, the key of its bug. */
static char *bug_of(const struct kfc_point *p)
{
	return p->done && p->v->outcome != KFC_ok ? kfc_xstrdup(p->v->title)
						  : NULL;
}

/*
 * The failures grouped by title, a line per title with its points; the
 * number of points not ok and of distinct bugs in @bad and @distinct.
 */
static void print_bugs(FILE *f, const struct kfc_point *pts, size_t n,
		       size_t *bad, size_t *distinct)
{
	char **titles;
	struct group_order *ord = group_by(pts, n, bug_of, &titles, bad);
	size_t i, j;

	*distinct = 0;
	for (i = 0; i < *bad; i = j) {
		for (j = i; j < *bad && ord[j].first == ord[i].first; j++)
			;
		if (!(*distinct)++)
			fprintf(f, "-- distinct bugs\n");
		fprintf(f, "  %s (point%s", titles[ord[i].first],
			j - i == 1 ? "" : "s");
		for (j = i; j < *bad && ord[j].first == ord[i].first; j++)
			fprintf(f, "%s %ld", j > i ? "," : "",
				pts[ord[j].i].id);
		fputs(")\n", f);
	}
	free_keys(titles, n);
	free(ord);
}

void kfc_table_print(FILE *f, struct kfc_point *pts, size_t n, const char *mode,
		     const char *runs)
{
	size_t counts[KFC_NR_OUTCOMES] = {0}, not_run = 0, bad, distinct, i;
	size_t nr; /* every point: each has a site */
	char **sites;
	struct group_order *ord = group_by(pts, n, site_of, &sites, &nr);
	int o;

	fprintf(f, "%6s %6s  %-17s %s\n", "POINT", "CALL", "OUTCOME",
		"STACK (innermost first)");
	for (i = 0; i < nr; i++) {
		const struct kfc_point *p = &pts[ord[i].i];

		if (!i || ord[i].first != ord[i - 1].first)
			fprintf(f, "-- %s\n", sites[ord[i].first]);
		print_point(f, p);
		if (p->done)
			counts[p->v->outcome]++;
		else
			not_run++;
	}
	free_keys(sites, n);
	free(ord);
	print_bugs(f, pts, n, &bad, &distinct);
	if (runs)
		fprintf(f, "-- runs: %s\n", runs);
	fprintf(f, "%zu point%s (%s):", n, n == 1 ? "" : "s", mode);
	for (o = 0; o < KFC_NR_OUTCOMES; o++)
		if (counts[o])
			fprintf(f, " %zu %s", counts[o], kfc_outcome_name(o));
	if (not_run)
		fprintf(f, " %zu not run", not_run);
	if (bad)
		fprintf(f, "; %zu not ok \u2192 %zu distinct bug%s", bad,
			distinct, distinct == 1 ? "" : "s");
	fputc('\n', f);
}
