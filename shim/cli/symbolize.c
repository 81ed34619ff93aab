// SPDX-License-Identifier: GPL-2.0-only
/*
 * kfault symbolize: a shim report's stacks with a source location on
 * every frame (debuginfo.c), printed the way scripts/decode_stacktrace.sh
 * prints a kernel Call Trace -- " function (file:line)", an inlined call
 * on a line of its own before the function it was inlined into -- or,
 * with --json, the report itself with "source" and "inlined" added to
 * every frame.
 */
#include "config.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char symbolize_help[] =
	"Usage: kfault symbolize [--json] REPORT.json\n"
	"Resolve every frame of a libkfault report to function (file:line),\n"
	"inlined calls included, from the binaries' debug information\n"
	"(libdw; separate debug files by build-id, e.g. libc6-dbg).\n\n"
	"  --json               print the report with \"source\" "
	"(\"file:line\")\n"
	"                       and \"inlined\" added to every frame\n"
	"  -h, --help           this text\n";

#define SYM_MAX_INLINE 16

/* "file:line" of @l, basename-free: the path the compiler recorded. */
static char *loc_text(const struct kfc_srcloc *l)
{
	if (!l->file)
		return NULL;
	return l->line ? kfc_xasprintf("%s:%d", l->file, l->line)
		       : kfc_xstrdup(l->file);
}

/* The frame's locations; 0 when it has no object or no debug info. */
static int frame_locs(const struct kfc_json *f, struct kfc_srcloc *locs)
{
	const char *obj = kfc_json_str(kfc_json_get(f, KFR_FRAME_OBJECT));
	const char *off =
		kfc_json_str(kfc_json_get(f, KFR_FRAME_OBJECT_OFFSET));

	if (!obj || !off)
		return 0;
	return kfc_debuginfo_lookup(obj, strtoul(off, NULL, 16), true, locs,
				    SYM_MAX_INLINE);
}

static void print_frame(const struct kfc_json *f)
{
	struct kfc_srcloc locs[SYM_MAX_INLINE];
	const char *fn = kfc_json_str(kfc_json_get(f, KFR_FRAME_FUNCTION));
	const char *addr = kfc_json_str(kfc_json_get(f, KFR_FRAME_ADDR));
	int i, n = frame_locs(f, locs);
	char *where;

	if (!n) {
		printf(" %s\n", fn ? fn : addr ? addr : "??");
		return;
	}
	for (i = 0; i < n; i++) {
		where = loc_text(&locs[i]);
		printf(" %s (%s)%s\n", locs[i].func ? locs[i].func : fn ?: "??",
		       where ? where : "?", i + 1 < n ? " [inlined]" : "");
		free(where);
	}
	kfc_srcloc_release(locs, n);
}

static void print_stack(const char *title, const struct kfc_json *owner,
			const char *key)
{
	const struct kfc_json *bt = kfc_json_get(owner, key);
	size_t i;

	printf("%s\nCall Trace:\n", title);
	for (i = 0; bt && bt->type == KFC_JSON_ARRAY && i < bt->nr; i++)
		print_frame(bt->items[i]);
}

static void print_records(const struct kfc_json *root, const char *key,
			  const char *what)
{
	const struct kfc_json *recs = kfc_json_get(root, key);
	size_t i;
	char *title;

	for (i = 0; recs && recs->type == KFC_JSON_ARRAY && i < recs->nr; i++) {
		const struct kfc_json *r = recs->items[i];

		title = kfc_xasprintf(
			"%s: %s call %ld of rule %ld in thread %ld", what,
			kfc_json_str(kfc_json_get(r, KFR_REC_CLASS)) ?: "?",
			kfc_json_long(kfc_json_get(r, KFR_REC_CALL), 0),
			kfc_json_long(kfc_json_get(r, KFR_REC_RULE), 0),
			kfc_json_long(kfc_json_get(r, KFR_REC_THREAD), 0));
		print_stack(title, r, KFR_REC_BACKTRACE);
		free(title);
	}
}

static void print_leaks(const struct kfc_json *root)
{
	const struct kfc_json *l = kfc_json_get(root, KFR_LEAKS);
	const struct kfc_json *sites = kfc_json_get(l, KFR_LEAKS_SITES);
	size_t i;
	char *title;

	for (i = 0; sites && sites->type == KFC_JSON_ARRAY && i < sites->nr;
	     i++) {
		const struct kfc_json *s = sites->items[i];

		title = kfc_xasprintf(
			"leak: %ld bytes in %ld objects",
			kfc_json_long(kfc_json_get(s, KFR_LEAK_BYTES), 0),
			kfc_json_long(kfc_json_get(s, KFR_LEAK_OBJECTS), 0));
		print_stack(title, s, KFR_LEAK_BACKTRACE);
		free(title);
	}
}

/* --json: add "source" and "inlined" to every frame object, in place. */
static void annotate(struct kfc_json *j)
{
	struct kfc_srcloc locs[SYM_MAX_INLINE];
	struct kfc_json *inl, *o;
	char *where;
	size_t i;
	int n, k;

	if (!j || (j->type != KFC_JSON_OBJECT && j->type != KFC_JSON_ARRAY))
		return;
	for (i = 0; i < j->nr; i++)
		annotate(j->items[i]);
	if (j->type != KFC_JSON_OBJECT ||
	    !kfc_json_get(j, KFR_FRAME_OBJECT_OFFSET))
		return;
	n = frame_locs(j, locs);
	where = n ? loc_text(&locs[n - 1]) : NULL;
	kfc_json_add(j, "source",
		     where ? kfc_json_new_string(where)
			   : kfc_json_new(KFC_JSON_NULL));
	free(where);
	inl = kfc_json_new(KFC_JSON_ARRAY);
	for (k = 0; k + 1 < n; k++) {
		o = kfc_json_new(KFC_JSON_OBJECT);
		where = loc_text(&locs[k]);
		kfc_json_add(o, "function",
			     kfc_json_new_string(locs[k].func ?: "?"));
		kfc_json_add(o, "source", kfc_json_new_string(where ?: "?"));
		free(where);
		kfc_json_add(inl, NULL, o);
	}
	kfc_json_add(j, "inlined", inl);
	kfc_srcloc_release(locs, n);
}

int kfc_cmd_symbolize(int argc, char **argv)
{
	static const struct option opts[] = {
		{"json", no_argument, NULL, 'J'},
		{"help", no_argument, NULL, 'h'},
		{0},
	};
	struct kfc_json *root;
	const char *err = NULL;
	bool json = false;
	size_t len;
	char *text;
	int c;

	/* every frame, libc's too: a report, not a sweep's thousands */
	kfc_debuginfo_all_lines = true;
	optind = 1;
	while ((c = getopt_long(argc, argv, "+h", opts, NULL)) != -1) {
		switch (c) {
		case 'J':
			json = true;
			break;
		case 'h':
			fputs(symbolize_help, stdout);
			return KFC_EXIT_OK;
		default:
			fputs(symbolize_help, stderr);
			return KFC_EXIT_USAGE;
		}
	}
	if (optind != argc - 1) {
		kfc_usage_error("symbolize", "one REPORT.json, please");
		return KFC_EXIT_USAGE;
	}
	text = kfc_read_file(argv[optind], &len);
	if (!text) {
		kfc_warn("symbolize: %s: cannot read it", argv[optind]);
		return KFC_EXIT_USAGE;
	}
	root = kfc_json_parse(text, len, &err);
	free(text);
	if (!root || root->type != KFC_JSON_OBJECT) {
		kfc_warn("symbolize: %s: not a kfault report (%s)",
			 argv[optind], err ? err : "not a JSON object");
		kfc_json_free(root);
		return KFC_EXIT_USAGE;
	}
	if (json) {
		annotate(root);
		kfc_json_print(stdout, root);
		putchar('\n');
	} else {
		print_records(root, KFR_FAULTS, "fault");
		print_records(root, KFR_DELAYS, "delay");
		print_leaks(root);
	}
	kfc_json_free(root);
	kfc_debuginfo_release();
	if (fflush(stdout) || ferror(stdout)) {
		kfc_warn("symbolize: cannot write the output");
		return KFC_EXIT_USAGE;
	}
	return KFC_EXIT_OK;
}
