// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sweep as JUnit XML, the format CI systems (GitLab, Jenkins, GitHub
 * test reporters) read: one testsuite, one testcase per point named
 * after its call site, a <failure> for every point that is not ok with
 * the start of its captured stderr, a <skipped> for points not run.
 */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* Bytes of a failing run's stderr copied into the report. */
#define KFC_JUNIT_STDERR 4096

static void xml_text(FILE *f, const char *s, size_t max)
{
	size_t i;

	for (i = 0; s && s[i] && i < max; i++) {
		unsigned char c = s[i];

		switch (c) {
		case '<':
			fputs("&lt;", f);
			break;
		case '>':
			fputs("&gt;", f);
			break;
		case '&':
			fputs("&amp;", f);
			break;
		case '"':
			fputs("&quot;", f);
			break;
		default:
			/* XML 1.0 has no place for other control bytes. */
			if (c < 0x20 && c != '\n' && c != '\t')
				fputc('?', f);
			else
				fputc(c, f);
		}
	}
}

static void write_case(FILE *f, const struct kfc_point *p)
{
	char fn[256];
	char *err;

	fputs("  <testcase classname=\"kfault.sweep.", f);
	xml_text(f,
		 p->stack.nr
			 ? kfc_frame_func(p->stack.frames[0], fn, sizeof(fn))
			 : "unknown",
		 SIZE_MAX);
	fprintf(f, "\" name=\"point %ld (call %ld%s)", p->id, p->nth,
		p->persist ? " and later" : "");
	if (p->stack.nr) {
		fputs(" at ", f);
		xml_text(f, p->stack.frames[0], SIZE_MAX);
	}
	fprintf(f, "\" time=\"%.3f\"", p->seconds);
	if (p->done && p->v.outcome == KFC_ok) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n", f);
	if (!p->done) {
		fputs("    <skipped message=\"not run\"/>\n", f);
		goto out;
	}
	fprintf(f, "    <failure type=\"%s\" message=\"",
		kfc_outcome_name(p->v.outcome));
	xml_text(f, kfc_outcome_name(p->v.outcome), SIZE_MAX);
	if (p->v.detail[0]) {
		fputs(": ", f);
		xml_text(f, p->v.detail, SIZE_MAX);
	}
	fputs("\"/>\n", f);
	err = p->err_path ? kfc_read_head(p->err_path, KFC_JUNIT_STDERR, NULL)
			  : NULL;
	if (err) {
		fputs("    <system-err>", f);
		xml_text(f, err, KFC_JUNIT_STDERR);
		fputs("</system-err>\n", f);
		free(err);
	}
out:
	fputs("  </testcase>\n", f);
}

int kfc_junit_write(FILE *f, const struct kfc_point *pts, size_t n,
		    char *const *argv)
{
	size_t failures = 0, skipped = 0, i;
	double secs = 0;
	int err;

	for (i = 0; i < n; i++) {
		secs += pts[i].seconds;
		if (!pts[i].done)
			skipped++;
		else if (pts[i].v.outcome != KFC_ok)
			failures++;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fputs("<testsuites>\n<testsuite name=\"kfault sweep ", f);
	xml_text(f, argv[0], SIZE_MAX);
	fprintf(f,
		"\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
		"skipped=\"%zu\" time=\"%.3f\">\n",
		n, failures, skipped, secs);
	for (i = 0; i < n; i++)
		write_case(f, &pts[i]);
	fputs("</testsuite>\n</testsuites>\n", f);
	err = fflush(f) || ferror(f) ? errno ? errno : EIO : 0;
	if (fclose(f) && !err)
		err = errno;
	errno = err;
	return err ? -1 : 0;
}
