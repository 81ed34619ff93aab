// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfault sweep --coverage: which error paths the sweep exercised, for a
 * program built with gcc --coverage (whose .gcda counters the parallel
 * points merge under gcov's own locking).
 *
 * The counters are reset before the clean run and read after it (what a
 * run without faults executes), reset again and read after the points.
 * A line the points executed and the clean run did not is an error path
 * exercised.  An error path never reached is a line of an error region
 * that no run executed: from a goto label named err..., out..., fail...,
 * free... or unlock... to the end of its function, or the statement
 * after an if that tests an allocation's result.  gcov --json-format
 * reads the counters; lcov and genhtml, when installed, write the HTML.
 */
#include "config.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli.h"

/* One executable line of one source file: its counts. */
struct cov_line {
	char *file; /* absolute when gcov says where it ran */
	int line;
	long clean, points;
	const char *label; /* the error region it is in, or NULL */
};

struct kfc_coverage {
	char *dir;
	struct cov_line *lines;
	size_t nr;
	bool clean_done;
};

/* All of @p's output. */
static char *cov_read_stream(FILE *p, size_t *len)
{
	struct kfc_buf b = {0};
	char chunk[65536];
	size_t n;

	kfc_buf_add(&b, "", 0);
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		kfc_buf_add(&b, chunk, n);
	*len = b.len;
	return b.s;
}

/* Every .gcda below @dir: removed (@remove) or passed to @fn. */
static void cov_walk(const char *dir, bool remove,
		     void (*fn)(struct kfc_coverage *, const char *),
		     struct kfc_coverage *c)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char *path;
	struct stat st;
	size_t n;

	if (!d)
		return;
	while ((e = readdir(d))) {
		/* libtool's objects are in .libs: only . and .. are left */
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path = kfc_xasprintf("%s/%s", dir, e->d_name);
		n = strlen(e->d_name);
		if (!lstat(path, &st) && S_ISDIR(st.st_mode))
			cov_walk(path, remove, fn, c);
		else if (n > 5 && !strcmp(e->d_name + n - 5, ".gcda")) {
			if (remove)
				unlink(path);
			else
				fn(c, path);
		}
		free(path);
	}
	closedir(d);
}

static struct cov_line *cov_find(struct kfc_coverage *c, const char *file,
				 int line)
{
	size_t i;

	for (i = 0; i < c->nr; i++)
		if (c->lines[i].line == line && !strcmp(c->lines[i].file, file))
			return &c->lines[i];
	c->lines = kfc_xrealloc(c->lines, (c->nr + 1) * sizeof(*c->lines));
	memset(&c->lines[c->nr], 0, sizeof(c->lines[0]));
	c->lines[c->nr].file = kfc_xstrdup(file);
	c->lines[c->nr].line = line;
	return &c->lines[c->nr++];
}

/* gcov's JSON for one .gcda: add its line counts. */
static void cov_read_gcda(struct kfc_coverage *c, const char *gcda)
{
	char *dir = kfc_xstrdup(gcda), *slash = strrchr(dir, '/'), *cmd, *out;
	struct kfc_json *root, *files, *f, *lines;
	const char *cwd, *name;
	size_t i, j, len;
	FILE *p;

	if (slash)
		*slash = '\0';
	cmd = kfc_xasprintf("cd '%s' && gcov --json-format --stdout '%s' "
			    "2>/dev/null",
			    dir, gcda);
	p = popen(cmd, "r");
	free(cmd);
	free(dir);
	if (!p)
		return;
	out = cov_read_stream(p, &len);
	pclose(p);
	root = out ? kfc_json_parse(out, len, NULL) : NULL;
	free(out);
	cwd = kfc_json_str(kfc_json_get(root, "current_working_directory"));
	files = kfc_json_get(root, "files");
	for (i = 0; files && files->type == KFC_JSON_ARRAY && i < files->nr;
	     i++) {
		char *path;

		f = files->items[i];
		name = kfc_json_str(kfc_json_get(f, "file"));
		lines = kfc_json_get(f, "lines");
		if (!name || !lines || lines->type != KFC_JSON_ARRAY)
			continue;
		path = name[0] == '/' || !cwd
			       ? kfc_xstrdup(name)
			       : kfc_xasprintf("%s/%s", cwd, name);
		for (j = 0; j < lines->nr; j++) {
			long n = kfc_json_long(
				kfc_json_get(lines->items[j], "count"), 0);
			int line = (int)kfc_json_long(
				kfc_json_get(lines->items[j], "line_number"),
				0);
			struct cov_line *l = cov_find(c, path, line);

			if (c->clean_done)
				l->points += n;
			else
				l->clean += n;
		}
		free(path);
	}
	kfc_json_free(root);
}

struct kfc_coverage *kfc_coverage_start(const char *dir)
{
	struct kfc_coverage *c = kfc_xcalloc(1, sizeof(*c));
	char *abs = realpath(dir, NULL);

	/* Absolute: gcov runs in each .gcda's own directory. */
	c->dir = abs ? abs : kfc_xstrdup(dir);
	cov_walk(c->dir, true, NULL, c);
	return c;
}

void kfc_coverage_clean_done(struct kfc_coverage *c)
{
	cov_walk(c->dir, false, cov_read_gcda, c);
	c->clean_done = true;
	cov_walk(c->dir, true, NULL, c);
}

/* "label:" alone on a line, for an error label. */
static const char *cov_error_label(const char *text, char *buf, size_t len)
{
	static const char *const prefixes[] = {"err",  "out",	 "fail",
					       "free", "unlock", NULL};
	const char *s = text;
	size_t n = 0, i;

	while (*s == ' ' || *s == '\t')
		s++;
	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	if (!n || s[n] != ':' || s[n + 1] == ':' || n >= len)
		return NULL;
	for (i = n + 1; s[i]; i++)
		if (!isspace((unsigned char)s[i]))
			return NULL;
	for (i = 0; prefixes[i]; i++)
		if (!strncmp(s, prefixes[i], strlen(prefixes[i]))) {
			memcpy(buf, s, n);
			buf[n] = '\0';
			return buf;
		}
	return NULL;
}

/* Does this line test an allocation's failure: if (!x), IS_ERR, ret? */
static bool cov_error_test(const char *text)
{
	return strstr(text, "if (!") || strstr(text, "IS_ERR(") ||
	       strstr(text, "if (ret") || strstr(text, "if (err");
}

/* Mark the lines of @file that lie in an error region. */
static void cov_mark_regions(struct kfc_coverage *c, const char *file)
{
	char *text = kfc_read_file(file, NULL), *line, *next, buf[64];
	const char *label = NULL, *pending = NULL;
	int no = 0;
	size_t i;

	if (!text)
		return;
	for (line = text; line; line = next) {
		/* Line by line, empty ones counted: numbers are gcov's. */
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		no++;
		if (line[0] == '}') {
			label = NULL;
			continue;
		}
		if (cov_error_label(line, buf, sizeof(buf))) {
			label = kfc_xstrdup(buf);
			continue;
		}
		for (i = 0; i < c->nr; i++) {
			struct cov_line *l = &c->lines[i];

			if (l->line != no || strcmp(l->file, file))
				continue;
			if (label)
				l->label = label;
			else if (pending)
				l->label = pending;
		}
		/* The statement after an error test is its body. */
		pending = cov_error_test(line) ? "error check" : NULL;
	}
	free(text);
}

static int cov_cmp(const void *a, const void *b)
{
	const struct cov_line *x = a, *y = b;
	int r = strcmp(x->file, y->file);

	return r ? r : x->line - y->line;
}

static void cov_html(struct kfc_coverage *c, const char *html)
{
	char *info = kfc_xasprintf("%s.info", html), *cmd;
	int st;

	cmd = kfc_xasprintf("lcov -q --capture --directory '%s' --output-file "
			    "'%s' >/dev/null 2>&1 && genhtml -q --output-"
			    "directory '%s' '%s' >/dev/null 2>&1",
			    c->dir, info, html, info);
	st = system(cmd);
	if (st == 0)
		fprintf(stderr,
			"kfault sweep: coverage report: %s/index.html\n", html);
	else
		fprintf(stderr,
			"kfault sweep: no HTML report (lcov and genhtml, "
			"Debian package lcov, did not run)\n");
	free(cmd);
	free(info);
}

int kfc_coverage_finish(struct kfc_coverage *c, FILE *f, const char *html)
{
	size_t i, exercised = 0, missed = 0, shown = 0;
	char *last = NULL;

	cov_walk(c->dir, false, cov_read_gcda, c);
	if (!c->nr) {
		fprintf(f,
			"kfault sweep: --coverage: no .gcda under %s (build "
			"the program with gcc --coverage)\n",
			c->dir);
		return -1;
	}
	qsort(c->lines, c->nr, sizeof(*c->lines), cov_cmp);
	for (i = 0; i < c->nr; i++) {
		if (!last || strcmp(last, c->lines[i].file)) {
			last = c->lines[i].file;
			cov_mark_regions(c, last);
		}
	}
	for (i = 0; i < c->nr; i++) {
		struct cov_line *l = &c->lines[i];

		if (l->points && !l->clean)
			exercised++;
		else if (l->label && !l->points && !l->clean)
			missed++;
	}
	fprintf(f, "Error paths exercised: %zu of %zu lines", exercised,
		exercised + missed);
	for (i = 0; i < c->nr; i++) {
		const struct cov_line *l = &c->lines[i];
		const char *base = strrchr(l->file, '/');

		if (!l->label || l->points || l->clean)
			continue;
		fprintf(f, "%s %s:%d (%s)", shown ? "," : "; never reached:",
			base ? base + 1 : l->file, l->line, l->label);
		if (++shown == 12) {
			fprintf(f, " ...");
			break;
		}
	}
	fputc('\n', f);
	if (html)
		cov_html(c, html);
	return 0;
}

void kfc_coverage_release(struct kfc_coverage *c)
{
	size_t i;

	if (!c)
		return;
	for (i = 0; i < c->nr; i++)
		free(c->lines[i].file);
	free(c->lines);
	free(c->dir);
	free(c);
}
