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

/*
 * The length of the UTF-8 sequence at @s (at most @max bytes) when it is
 * one XML 1.0 may hold, else 0: no overlong forms, surrogates, U+FFFE,
 * U+FFFF, or control characters other than tab, newline and return.
 */
static size_t xml_char_len(const unsigned char *s, size_t max)
{
	unsigned int c;
	size_t n, i;

	if (s[0] < 0x80)
		return s[0] >= 0x20 || s[0] == '\n' || s[0] == '\t' ||
				       s[0] == '\r'
			       ? 1
			       : 0;
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, c = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, c = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n > max)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3f);
	}
	if ((n == 3 && c < 0x800) ||
	    (n == 4 && (c < 0x10000 || c > 0x10ffff)) ||
	    (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff)
		return 0;
	return n;
}

/*
 * @s as XML character data (at most @max bytes of it): markup escaped,
 * and every byte that is not valid UTF-8 or not an XML character (a
 * program's stderr may hold anything) replaced by U+FFFD.
 */
static void xml_text(FILE *f, const char *s, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, n, len = s ? strnlen(s, max) : 0;

	for (i = 0; i < len; i += n ? n : 1) {
		n = xml_char_len(u + i, len - i);
		if (!n)
			fputs("\xef\xbf\xbd", f);
		else if (u[i] == '<')
			fputs("&lt;", f);
		else if (u[i] == '>')
			fputs("&gt;", f);
		else if (u[i] == '&')
			fputs("&amp;", f);
		else if (u[i] == '"')
			fputs("&quot;", f);
		else if (u[i] == '\r')
			fputs("&#13;", f);
		else
			fwrite(u + i, 1, n, f);
	}
}

/*
 * A point's test name, the same for every build of the same code: its
 * stack as functions and source lines ("widget_alloc_buf (planted.c:84)
 * < widget_create (planted.c:112) < main (planted.c:185)"), never
 * offsets; without debug information, functions alone.
 */
static char *case_name(const struct kfc_point *p)
{
	struct kfc_buf b = {0};

	if (p->src.nr)
		kfc_point_stack_text(&b, p);
	else
		kfc_buf_puts(&b, "call site unknown");
	if (p->persist)
		kfc_buf_puts(&b, " [keep failing]");
	return b.s;
}

/* The innermost frame with a source file, or NULL. */
static const struct kfc_srcframe *case_file(const struct kfc_point *p)
{
	size_t i;

	for (i = 0; i < p->src.nr; i++)
		if (p->src.f[i].file)
			return &p->src.f[i];
	return NULL;
}

/* The failure's text: title, verdict, and where the fault was injected. */
static void failure_text(FILE *f, const struct kfc_point *p)
{
	char *text;
	size_t i;

	xml_text(f, p->v->title, SIZE_MAX);
	fputs("\n", f);
	xml_text(f, kfc_outcome_name(p->v->outcome), SIZE_MAX);
	if (p->v->detail[0]) {
		fputs(": ", f);
		xml_text(f, p->v->detail, SIZE_MAX);
	}
	fprintf(f, "\nfault injected: point %ld, call %ld%s, class ", p->id,
		p->nth, p->persist ? " and later" : "");
	xml_text(f, p->cls, SIZE_MAX);
	fputs("\nCall Trace:\n", f);
	for (i = 0; i < p->src.nr; i++) {
		text = kfc_srcframe_text(&p->src.f[i]);
		fputs(" ", f);
		xml_text(f, text, SIZE_MAX);
		fputs(p->src.f[i].inlined ? " [inlined]\n" : "\n", f);
		free(text);
		if (!strcmp(p->src.f[i].func, "main"))
			break;
	}
	if (p->err_path) {
		fputs("stderr: ", f);
		xml_text(f, p->err_path, SIZE_MAX);
		fputs("\n", f);
	}
}

static void write_case(FILE *f, const struct kfc_point *p, const char *name)
{
	const struct kfc_srcframe *at = case_file(p);
	char *err;

	fputs("  <testcase classname=\"kfault.sweep.", f);
	xml_text(f, p->src.nr ? p->src.f[0].func : "unknown", SIZE_MAX);
	fputs("\" name=\"", f);
	xml_text(f, name, SIZE_MAX);
	fputs("\"", f);
	if (at) {
		fputs(" file=\"", f);
		xml_text(f, at->file, SIZE_MAX);
		fputs("\"", f);
		if (at->line)
			fprintf(f, " line=\"%d\"", at->line);
	}
	fprintf(f, " time=\"%.3f\"", p->seconds);
	if (p->done && p->v->outcome == KFC_ok) {
		fputs("/>\n", f);
		return;
	}
	fputs(">\n", f);
	if (!p->done) {
		fputs("    <skipped message=\"not run\"/>\n", f);
		goto out;
	}
	fprintf(f, "    <failure type=\"%s\" message=\"",
		kfc_outcome_name(p->v->outcome));
	xml_text(f,
		 p->v->title[0] ? p->v->title : kfc_outcome_name(p->v->outcome),
		 SIZE_MAX);
	fputs("\">", f);
	failure_text(f, p);
	fputs("</failure>\n", f);
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
	size_t failures = 0, skipped = 0, same, i, j;
	double secs = 0;
	char **names, *name;
	int err;

	for (i = 0; i < n; i++) {
		secs += pts[i].seconds;
		if (!pts[i].done)
			skipped++;
		else if (pts[i].v->outcome != KFC_ok)
			failures++;
	}
	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n", f);
	fputs("<testsuites>\n<testsuite name=\"kfault sweep ", f);
	xml_text(f, argv[0], SIZE_MAX);
	fprintf(f,
		"\" tests=\"%zu\" failures=\"%zu\" errors=\"0\" "
		"skipped=\"%zu\" time=\"%.3f\">\n",
		n, failures, skipped, secs);
	names = kfc_xcalloc(n, sizeof(*names));
	for (i = 0; i < n; i++) {
		names[i] = case_name(&pts[i]);
		/* Calls of one stack (nth mode): "#2", "#3" in call order. */
		for (same = 1, j = 0; j < i; j++)
			same += !strcmp(names[j], names[i]);
		name = same > 1 ? kfc_xasprintf("%s #%zu", names[i], same)
				: kfc_xstrdup(names[i]);
		write_case(f, &pts[i], name);
		free(name);
	}
	for (i = 0; i < n; i++)
		free(names[i]);
	free(names);
	fputs("</testsuite>\n</testsuites>\n", f);
	err = fflush(f) || ferror(f) ? errno ? errno : EIO : 0;
	if (fclose(f) && !err)
		err = errno;
	errno = err;
	return err ? -1 : 0;
}
