// SPDX-License-Identifier: GPL-2.0-only
/*
 * A schedule's switches, and delta debugging over them.
 *
 * A scheduled run (sched= in the spec) is the scheduler's default order
 * (the running thread goes on while it can, else the first enabled
 * thread in creation order) and the switches off it: "t2@130" says that
 * at step 130 thread 2 ran.  The shim lists a run's switches with
 * sched_record=1 and replays a list with sched=list:...
 *
 * kfc_ddmin() is Zeller and Hildebrandt's ddmin ("Simplifying and
 * Isolating Failure-Inducing Input", TSE 2002) over such a list: it
 * tries halves, then complements, at finer and finer grain, and keeps
 * any smaller list that still fails, until no single switch can go.
 * Dropping a switch moves the run off the recorded one from that step
 * on, so a later switch may mean another moment; ddmin only ever keeps
 * lists that were seen to fail, so what it returns does fail.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

int kfc_switches_parse(const char *text, struct kfc_switch **out, size_t *nr)
{
	struct kfc_switch *v = NULL;
	unsigned long long t, s, last = 0;
	size_t n = 0, cap = 0;
	const char *p = text;
	char *end;

	while (*p) {
		if (*p == '/' && n) {
			p++;
			continue;
		}
		if (*p != 't')
			goto bad;
		errno = 0;
		t = strtoull(p + 1, &end, 10);
		if (errno || end == p + 1 || *end != '@' || !t || t > INT_MAX)
			goto bad;
		p = end + 1;
		s = strtoull(p, &end, 10);
		if (errno || end == p || !s || s <= last ||
		    (*end && *end != '/'))
			goto bad;
		if (n == cap) {
			cap = cap ? 2 * cap : 16;
			v = kfc_xrealloc(v, cap * sizeof(*v));
		}
		v[n++] = (struct kfc_switch){.step = s, .thread = t};
		last = s;
		p = end;
	}
	*out = v;
	*nr = n;
	return 0;
bad:
	free(v);
	return -1;
}

void kfc_switches_format(struct kfc_buf *b, const struct kfc_switch *v,
			 size_t n)
{
	size_t i;

	kfc_buf_puts(b, "");
	for (i = 0; i < n; i++)
		kfc_buf_printf(b, "%st%ld@%ld", i ? "/" : "", v[i].thread,
			       v[i].step);
}

/* Try @n items of @set (in order); true when the run still fails. */
static bool ddmin_try(struct kfc_ddmin *d, const struct kfc_switch *set,
		      size_t n)
{
	d->tests++;
	return d->fails(set, n, d->ctx);
}

size_t kfc_ddmin(struct kfc_ddmin *d, struct kfc_switch *cur, size_t n)
{
	struct kfc_switch *tmp = kfc_xcalloc(n ? n : 1, sizeof(*tmp));
	size_t gran = 2, k, start, end, len;
	bool reduced;

	/* the default order alone may fail */
	if (n && ddmin_try(d, NULL, 0))
		n = 0;
	while (n >= 2) {
		if (gran > n)
			gran = n;
		reduced = false;
		/* a chunk alone */
		for (k = 0; k < gran && !reduced; k++) {
			start = n * k / gran;
			end = n * (k + 1) / gran;
			if (end - start < n &&
			    ddmin_try(d, cur + start, end - start)) {
				memmove(cur, cur + start,
					(end - start) * sizeof(*cur));
				n = end - start;
				gran = 2;
				reduced = true;
			}
		}
		/* all but a chunk (with two chunks, that was tried above) */
		for (k = 0; k < gran && !reduced && gran > 2; k++) {
			start = n * k / gran;
			end = n * (k + 1) / gran;
			len = end - start;
			memcpy(tmp, cur, start * sizeof(*cur));
			memcpy(tmp + start, cur + end,
			       (n - end) * sizeof(*cur));
			if (ddmin_try(d, tmp, n - len)) {
				memcpy(cur, tmp, (n - len) * sizeof(*cur));
				n -= len;
				gran = gran - 1 > 2 ? gran - 1 : 2;
				reduced = true;
			}
		}
		if (reduced)
			continue;
		if (gran >= n)
			break;
		gran = 2 * gran < n ? 2 * gran : n;
	}
	free(tmp);
	return n;
}
