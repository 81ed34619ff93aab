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

static bool same_bug(const struct kfc_point *a, const struct kfc_point *b)
{
	return b->done && b->v->outcome != KFC_ok &&
	       !strcmp(a->v->title, b->v->title);
}

/*
 * The failures grouped by title, a line per title with its points; the
 * number of points not ok and of distinct bugs in @bad and @distinct.
 */
static void print_bugs(FILE *f, const struct kfc_point *pts, size_t n,
		       size_t *bad, size_t *distinct)
{
	bool *shown = kfc_xcalloc(n, sizeof(*shown));
	size_t same, i, j;

	*bad = *distinct = 0;
	for (i = 0; i < n; i++) {
		if (shown[i] || !same_bug(&pts[i], &pts[i]))
			continue;
		if (!(*distinct)++)
			fprintf(f, "-- distinct bugs\n");
		for (same = 0, j = i; j < n; j++)
			same += same_bug(&pts[i], &pts[j]);
		*bad += same;
		fprintf(f, "  %s (point%s", pts[i].v->title,
			same == 1 ? "" : "s");
		for (same = 0, j = i; j < n; j++) {
			if (!same_bug(&pts[i], &pts[j]))
				continue;
			shown[j] = true;
			fprintf(f, "%s %ld", same++ ? "," : "", pts[j].id);
		}
		fputs(")\n", f);
	}
	free(shown);
}

/* Sites by their text; an element is a pointer to a point's site. */
static size_t site_hash(const void *key)
{
	return kfc_hash_str(KFC_HASH_START, *(char *const *)key);
}

static bool site_same(const void *elem, const void *key)
{
	return !strcmp(*(char *const *)elem, *(char *const *)key);
}

static void *site_first(const void *key, void *arg)
{
	(void)arg;
	return (void *)key;
}

/* Points by their group's first point, then by their own order. */
struct site_order {
	size_t first, i;
};

static int site_order_cmp(const void *a, const void *b)
{
	const struct site_order *x = a, *y = b;

	if (x->first != y->first)
		return x->first < y->first ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/*
 * @n points in groups of one site, the groups in the order of their
 * first points: each site's text once, found by hashing (10,000 sites
 * compared pairwise took kfault longer than the sweep's runs).
 */
static struct site_order *group_by_site(const struct kfc_point *pts, size_t n,
					char ***sites_out)
{
	struct kfc_set set = {.hash = site_hash, .same = site_same};
	char **sites = kfc_xcalloc(n + 1, sizeof(*sites));
	struct site_order *ord = kfc_xcalloc(n + 1, sizeof(*ord));
	size_t i;

	for (i = 0; i < n; i++) {
		sites[i] = site_of(&pts[i]);
		ord[i].first = (char **)kfc_set_get(&set, &sites[i], site_first,
						    NULL) -
			       sites;
		ord[i].i = i;
	}
	kfc_set_release(&set);
	qsort(ord, n, sizeof(*ord), site_order_cmp);
	*sites_out = sites;
	return ord;
}

void kfc_table_print(FILE *f, struct kfc_point *pts, size_t n, const char *mode,
		     const char *runs)
{
	size_t counts[KFC_NR_OUTCOMES] = {0}, not_run = 0, bad, distinct, i;
	char **sites;
	struct site_order *ord = group_by_site(pts, n, &sites);
	int o;

	fprintf(f, "%6s %6s  %-17s %s\n", "POINT", "CALL", "OUTCOME",
		"STACK (innermost first)");
	for (i = 0; i < n; i++) {
		const struct kfc_point *p = &pts[ord[i].i];

		if (!i || ord[i].first != ord[i - 1].first)
			fprintf(f, "-- %s\n", sites[ord[i].first]);
		print_point(f, p);
		if (p->done)
			counts[p->v->outcome]++;
		else
			not_run++;
	}
	for (i = 0; i < n; i++)
		free(sites[i]);
	free(sites);
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
