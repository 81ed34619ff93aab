// SPDX-License-Identifier: GPL-2.0-only
/*
 * The JSON reader's streaming entry points (kfc_json_read, what reads a
 * report, and kfc_json_parse_each) against the whole-document parser:
 * the same tree, the streamed arrays' elements handed over in order, and
 * the same error for every broken text, through buffers of any size (a
 * string, an escape or a number cut at the buffer's end).
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli/cli.h"
#include "tap.h"

static int failures;

/* A difference, said; each document's are one TAP assertion. */
#define CHECK(cond, ...)                   \
	do {                               \
		if (!(cond)) {             \
			diag(__VA_ARGS__); \
			failures++;        \
		}                          \
	} while (0)

static const char *const keys[] = {"stacks", "calls", NULL};

static char *print(const struct kfc_json *j);

/* What the callback was handed: each key's elements, ";" after each. */
static void each(const char *key, const struct kfc_json *item, void *ctx)
{
	struct kfc_buf *bufs = ctx;
	char *text = print(item);
	size_t k;

	for (k = 0; strcmp(keys[k], key); k++)
		;
	kfc_buf_printf(&bufs[k], "%s;", text);
	free(text);
}

static char *print(const struct kfc_json *j)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);

	kfc_json_print(f, j);
	fclose(f);
	return text;
}

/*
 * The whole parse's tree as the stream leaves it: the first array of
 * each key emptied, its elements in @b.
 */
static void expect_streamed(struct kfc_json *root, struct kfc_buf *bufs)
{
	size_t i, k, seen;

	if (root->type != KFC_JSON_OBJECT)
		return;
	for (k = 0; keys[k]; k++) {
		for (i = 0, seen = 0; i < root->nr; i++) {
			struct kfc_json *a = root->items[i];

			if (strcmp(a->key, keys[k]) || seen++)
				continue;
			if (a->type != KFC_JSON_ARRAY)
				break;
			for (size_t e = 0; e < a->nr; e++) {
				each(keys[k], a->items[e], bufs);
				kfc_json_free(a->items[e]);
			}
			a->num = a->nr;
			a->nr = 0;
			break;
		}
	}
}

static struct kfc_json *read_text(const char *text, size_t len, size_t size,
				  struct kfc_json_stream *st, const char **err)
{
	FILE *f = tmpfile();
	struct kfc_json *j;

	if (!f || fwrite(text, 1, len, f) != len || fflush(f) ||
	    fseek(f, 0, SEEK_SET)) {
		perror("tmpfile");
		exit(99);
	}
	j = kfc_json_read(fileno(f), size, st, err);
	fclose(f);
	return j;
}

static bool blank(const char *text, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (!strchr(" \t\r\n", text[i]))
			return false;
	return true;
}

static void compare(const char *text, size_t len, const char *what)
{
	static const size_t sizes[] = {1, 7, 64, 65, 100, 4096, 65536};
	const char *err = NULL, *err2;
	struct kfc_json *whole = kfc_json_parse(text, len, &err), *j;
	struct kfc_buf want[2] = {{0}};
	char *want_text = NULL;
	size_t s, k;

	for (k = 0; k < 2; k++)
		kfc_buf_add(&want[k], "", 0);
	if (whole) {
		expect_streamed(whole, want);
		want_text = print(whole);
	}
	for (s = 0; s <= sizeof(sizes) / sizeof(sizes[0]); s++) {
		struct kfc_buf got[2] = {{0}};
		struct kfc_json_stream st = {keys, each, got, false};

		for (k = 0; k < 2; k++)
			kfc_buf_add(&got[k], "", 0);
		err2 = NULL;
		j = s < sizeof(sizes) / sizeof(sizes[0])
			    ? read_text(text, len, sizes[s], &st, &err2)
			    : kfc_json_parse_each(text, len, &st, &err2);
		CHECK(!j == !whole, "%s (size %zu): parsed %d, whole %d (%s)",
		      what, s, !!j, !!whole, err2 ? err2 : err);
		if (!j && !whole)
			CHECK(err && err2 && !strcmp(err, err2),
			      "%s (size %zu): error \"%s\", whole \"%s\"", what,
			      s, err2, err);
		if (j && whole) {
			char *t = print(j);

			CHECK(!strcmp(t, want_text),
			      "%s (size %zu): tree %s, want %s", what, s, t,
			      want_text);
			for (k = 0; k < 2; k++)
				CHECK(!strcmp(got[k].s, want[k].s),
				      "%s (size %zu): %s handed %s, want %s",
				      what, s, keys[k], got[k].s, want[k].s);
			free(t);
		}
		CHECK(st.blank == blank(text, len), "%s (size %zu): blank %d",
		      what, s, st.blank);
		kfc_json_free(j);
		for (k = 0; k < 2; k++)
			kfc_buf_release(&got[k]);
	}
	free(want_text);
	for (k = 0; k < 2; k++)
		kfc_buf_release(&want[k]);
	kfc_json_free(whole);
}

int main(void)
{
	static const char *const docs[] = {
		"",
		"  \n\t ",
		"{}",
		"[]",
		"[1,2,{\"stacks\":[1,2]}]",
		"{\"stacks\":[],\"calls\":[]}",
		"{\"a\":1,\"stacks\":[{\"id\":\"0x1\",\"bt\":[1,2.5e3,-0]},"
		"{\"id\":\"\\u00e9\\ud83d\\ude00\\n\"}],"
		"\"b\":[true,false,null],"
		"\"calls\":[{\"n\":1,\"stack\":0},{\"n\":2,\"stack\":1}],"
		"\"stacks\":[\"again\"],\"c\":\"x\"}",
		"{\"stacks\":7,\"calls\":{\"x\":[1]}}",
		"{\"x\":{\"stacks\":[1,2]},\"calls\":[[[[1]]]]}",
		"{\"stacks\":[1,2,]}",
		"{\"stacks\":[1 2]}",
		"{\"calls\":[\"a\\qb\"]}",
		"{\"calls\":[\"a\x01\"]}",
		"{\"calls\":[tru]}",
		"{\"calls\":[1]} x",
	};
	size_t nr_docs = sizeof(docs) / sizeof(docs[0]);
	struct kfc_buf big = {0};
	size_t i, n;
	int before;

	plan((int)nr_docs + 3);
	for (i = 0; i < nr_docs; i++) {
		char what[64];

		before = failures;
		snprintf(what, sizeof(what), "doc %zu", i);
		compare(docs[i], strlen(docs[i]), what);
		/* every truncation too */
		for (n = 0; n < strlen(docs[i]); n++) {
			snprintf(what, sizeof(what), "doc %zu cut at %zu", i,
				 n);
			compare(docs[i], n, what);
		}
		ok(failures == before,
		   "doc %zu, whole and cut anywhere: the same tree, elements "
		   "and error streamed, through any buffer",
		   i);
	}
	/* long strings, escapes and numbers across every buffer boundary */
	kfc_buf_puts(&big, "{\"v\":1,\"stacks\":[");
	for (i = 0; i < 300; i++)
		kfc_buf_printf(&big,
			       "%s{\"id\":\"0x%zx\",\"s\":\"%0*d\\\\\\\"%0*d"
			       "\\u00e9\",\"n\":%zu.5e-1}",
			       i ? "," : "", i, (int)(i % 97), 0, (int)(i % 13),
			       1, i);
	kfc_buf_puts(&big, "],\"calls\":[");
	for (i = 0; i < 300; i++)
		kfc_buf_printf(&big, "%s{\"n\":%zu,\"stack\":%zu}",
			       i ? "," : "", i + 1, i);
	kfc_buf_puts(&big, "],\"end\":[[[[[[[[[[1]]]]]]]]]]}");
	before = failures;
	compare(big.s, big.len, "big");
	ok(failures == before,
	   "300 stacks and calls: long strings, escapes and numbers cut at "
	   "the buffer's end");
	/* a number longer than the parser's look-ahead */
	kfc_buf_release(&big);
	kfc_buf_puts(&big, "{\"calls\":[");
	for (i = 0; i < 70; i++)
		kfc_buf_puts(&big, "1");
	kfc_buf_puts(&big, "]}");
	before = failures;
	for (n = 0; n <= big.len; n++)
		compare(big.s, n, "long number");
	ok(failures == before, "a number of 70 digits: refused alike");
	/* the depth limit, in a streamed array too */
	kfc_buf_release(&big);
	kfc_buf_puts(&big, "{\"calls\":[");
	for (i = 0; i < 70; i++)
		kfc_buf_puts(&big, "[");
	before = failures;
	compare(big.s, big.len, "deep");
	ok(failures == before, "the depth limit holds in a streamed array");
	kfc_buf_release(&big);
	return exit_status();
}
