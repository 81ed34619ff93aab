// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small JSON reader (RFC 8259, recursive descent, whole document in
 * memory) for the shim's reports and the command's own result lines, and
 * the string quoting the writers use.  Reports are a few kilobytes to a
 * few megabytes; depth is bounded so a broken file cannot overflow the
 * stack.
 */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define KFC_JSON_MAX_DEPTH 64

struct parser {
	const char *p;
	const char *end;
	const char *err;
	int depth;
};

static struct kfc_json *parse_value(struct parser *ps);

static void skip_ws(struct parser *ps)
{
	while (ps->p < ps->end && strchr(" \t\r\n", *ps->p) && *ps->p)
		ps->p++;
}

static struct kfc_json *new_node(enum kfc_json_type type)
{
	struct kfc_json *j = kfc_xcalloc(1, sizeof(*j));

	j->type = type;
	return j;
}

static void add_item(struct kfc_json *parent, struct kfc_json *item)
{
	parent->items = kfc_xrealloc(parent->items,
				     (parent->nr + 1) * sizeof(*parent->items));
	parent->items[parent->nr++] = item;
}

static int hex4(const char *p, unsigned int *out)
{
	unsigned int v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= c - '0';
		else if (c >= 'a' && c <= 'f')
			v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F')
			v |= c - 'A' + 10;
		else
			return -1;
	}
	*out = v;
	return 0;
}

static void put_utf8(struct kfc_buf *b, unsigned int cp)
{
	char u[4];
	size_t n;

	if (cp < 0x80) {
		u[0] = cp;
		n = 1;
	} else if (cp < 0x800) {
		u[0] = 0xc0 | (cp >> 6);
		u[1] = 0x80 | (cp & 0x3f);
		n = 2;
	} else if (cp < 0x10000) {
		u[0] = 0xe0 | (cp >> 12);
		u[1] = 0x80 | ((cp >> 6) & 0x3f);
		u[2] = 0x80 | (cp & 0x3f);
		n = 3;
	} else {
		u[0] = 0xf0 | (cp >> 18);
		u[1] = 0x80 | ((cp >> 12) & 0x3f);
		u[2] = 0x80 | ((cp >> 6) & 0x3f);
		u[3] = 0x80 | (cp & 0x3f);
		n = 4;
	}
	kfc_buf_add(b, u, n);
}

static int parse_escape(struct parser *ps, struct kfc_buf *b)
{
	static const char from[] = "\"\\/bfnrt";
	static const char to[] = "\"\\/\b\f\n\r\t";
	const char *e;
	unsigned int cp, lo;

	if (ps->p >= ps->end)
		return -1;
	e = strchr(from, *ps->p);
	if (e && *ps->p) {
		kfc_buf_add(b, &to[e - from], 1);
		ps->p++;
		return 0;
	}
	if (*ps->p != 'u' || ps->end - ps->p < 5 || hex4(ps->p + 1, &cp))
		return -1;
	ps->p += 5;
	if (cp >= 0xd800 && cp < 0xdc00 && ps->end - ps->p >= 6 &&
	    ps->p[0] == '\\' && ps->p[1] == 'u' && !hex4(ps->p + 2, &lo) &&
	    lo >= 0xdc00 && lo < 0xe000) {
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		ps->p += 6;
	}
	put_utf8(b, cp);
	return 0;
}

static char *parse_string_raw(struct parser *ps)
{
	struct kfc_buf b = {0};

	ps->p++; /* the opening quote */
	kfc_buf_add(&b, "", 0);
	while (ps->p < ps->end && *ps->p != '"') {
		if (*ps->p == '\\') {
			ps->p++;
			if (parse_escape(ps, &b))
				goto err_bad;
			continue;
		}
		if ((unsigned char)*ps->p < 0x20)
			goto err_bad;
		kfc_buf_add(&b, ps->p++, 1);
	}
	if (ps->p >= ps->end)
		goto err_bad;
	ps->p++;
	return b.s;

err_bad:
	ps->err = "bad string";
	kfc_buf_release(&b);
	return NULL;
}

static struct kfc_json *parse_container(struct parser *ps, bool object)
{
	struct kfc_json *j =
		new_node(object ? KFC_JSON_OBJECT : KFC_JSON_ARRAY);
	char close = object ? '}' : ']';

	if (++ps->depth > KFC_JSON_MAX_DEPTH) {
		ps->err = "nested too deep";
		goto err_free;
	}
	ps->p++;
	skip_ws(ps);
	if (ps->p < ps->end && *ps->p == close) {
		ps->p++;
		goto out;
	}
	for (;;) {
		struct kfc_json *item;
		char *key = NULL;

		skip_ws(ps);
		if (object) {
			if (ps->p >= ps->end || *ps->p != '"') {
				ps->err = "expected a member name";
				goto err_free;
			}
			key = parse_string_raw(ps);
			if (!key)
				goto err_free;
			skip_ws(ps);
			if (ps->p >= ps->end || *ps->p != ':') {
				free(key);
				ps->err = "expected ':'";
				goto err_free;
			}
			ps->p++;
		}
		item = parse_value(ps);
		if (!item) {
			free(key);
			goto err_free;
		}
		item->key = key;
		add_item(j, item);
		skip_ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == close) {
			ps->p++;
			break;
		}
		ps->err =
			object ? "expected ',' or '}'" : "expected ',' or ']'";
		goto err_free;
	}
out:
	ps->depth--;
	return j;

err_free:
	kfc_json_free(j);
	return NULL;
}

static struct kfc_json *parse_number(struct parser *ps)
{
	char tmp[64];
	size_t n = 0;
	struct kfc_json *j;
	char *end;

	/* within the text: no NUL need follow it */
	while (ps->p + n < ps->end && ps->p[n] &&
	       strchr("+-0123456789.eE", ps->p[n]))
		n++;
	if (n == 0 || n >= sizeof(tmp)) {
		ps->err = "bad number";
		return NULL;
	}
	memcpy(tmp, ps->p, n);
	tmp[n] = '\0';
	j = new_node(KFC_JSON_NUMBER);
	j->num = strtod(tmp, &end);
	if (*end) {
		ps->err = "bad number";
		free(j);
		return NULL;
	}
	/* The literal too: a u64 (a seed) is more than a double holds. */
	j->str = kfc_xstrdup(tmp);
	ps->p += n;
	return j;
}

static struct kfc_json *parse_word(struct parser *ps)
{
	static const struct {
		const char *word;
		enum kfc_json_type type;
		double num;
	} words[] = {
		{"true", KFC_JSON_BOOL, 1},
		{"false", KFC_JSON_BOOL, 0},
		{"null", KFC_JSON_NULL, 0},
	};
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t n = strlen(words[i].word);
		struct kfc_json *j;

		if ((size_t)(ps->end - ps->p) < n ||
		    memcmp(ps->p, words[i].word, n))
			continue;
		ps->p += n;
		j = new_node(words[i].type);
		j->num = words[i].num;
		return j;
	}
	ps->err = "unexpected character";
	return NULL;
}

static struct kfc_json *parse_value(struct parser *ps)
{
	struct kfc_json *j;

	skip_ws(ps);
	if (ps->p >= ps->end) {
		ps->err = "unexpected end";
		return NULL;
	}
	switch (*ps->p) {
	case '{':
		return parse_container(ps, true);
	case '[':
		return parse_container(ps, false);
	case '"':
		j = new_node(KFC_JSON_STRING);
		j->str = parse_string_raw(ps);
		if (!j->str) {
			free(j);
			return NULL;
		}
		return j;
	case '-':
	case '0' ... '9':
		return parse_number(ps);
	default:
		return parse_word(ps);
	}
}

struct kfc_json *kfc_json_parse(const char *text, size_t len, const char **err)
{
	struct parser ps = {.p = text, .end = text + len};
	struct kfc_json *j = parse_value(&ps);

	if (j) {
		skip_ws(&ps);
		if (ps.p != ps.end) {
			ps.err = "trailing text";
			kfc_json_free(j);
			j = NULL;
		}
	}
	if (!j && err)
		*err = ps.err;
	return j;
}

void kfc_json_free(struct kfc_json *j)
{
	size_t i;

	if (!j)
		return;
	for (i = 0; i < j->nr; i++)
		kfc_json_free(j->items[i]);
	free(j->items);
	free(j->str);
	free(j->key);
	free(j);
}

struct kfc_json *kfc_json_get(const struct kfc_json *obj, const char *key)
{
	size_t i;

	if (!obj || obj->type != KFC_JSON_OBJECT)
		return NULL;
	for (i = 0; i < obj->nr; i++)
		if (!strcmp(obj->items[i]->key, key))
			return obj->items[i];
	return NULL;
}

bool kfc_json_whole(const struct kfc_json *j, long min, long max, long *out)
{
	/* 2^63: the first double past LONG_MAX, which casts with UB */
	if (!j || (j->type != KFC_JSON_NUMBER && j->type != KFC_JSON_BOOL) ||
	    !(j->num >= -0x1p63 && j->num < 0x1p63) ||
	    j->num != (double)(long)j->num || (long)j->num < min ||
	    (long)j->num > max)
		return false;
	*out = (long)j->num;
	return true;
}

long kfc_json_long(const struct kfc_json *j, long def)
{
	long v;

	return kfc_json_whole(j, LONG_MIN, LONG_MAX, &v) ? v : def;
}

struct kfc_json *kfc_json_new_string(const char *s)
{
	struct kfc_json *j = new_node(KFC_JSON_STRING);

	j->str = kfc_xstrdup(s);
	return j;
}

struct kfc_json *kfc_json_new(enum kfc_json_type type)
{
	return new_node(type);
}

void kfc_json_add(struct kfc_json *obj, const char *key, struct kfc_json *val)
{
	if (key)
		val->key = kfc_xstrdup(key);
	add_item(obj, val);
}

static void print_value(struct kfc_buf *b, const struct kfc_json *j)
{
	size_t i;

	switch (j->type) {
	case KFC_JSON_NULL:
		kfc_buf_puts(b, "null");
		return;
	case KFC_JSON_BOOL:
		kfc_buf_puts(b, j->num ? "true" : "false");
		return;
	case KFC_JSON_NUMBER:
		if (j->str)
			kfc_buf_puts(b, j->str);
		else
			kfc_buf_printf(b, "%.17g", j->num);
		return;
	case KFC_JSON_STRING:
		kfc_json_quote(b, j->str);
		return;
	case KFC_JSON_ARRAY:
	case KFC_JSON_OBJECT:
		kfc_buf_puts(b, j->type == KFC_JSON_ARRAY ? "[" : "{");
		for (i = 0; i < j->nr; i++) {
			if (i)
				kfc_buf_puts(b, ",");
			if (j->type == KFC_JSON_OBJECT) {
				kfc_json_quote(b, j->items[i]->key);
				kfc_buf_puts(b, ":");
			}
			print_value(b, j->items[i]);
		}
		kfc_buf_puts(b, j->type == KFC_JSON_ARRAY ? "]" : "}");
		return;
	}
}

int kfc_json_print(FILE *f, const struct kfc_json *j)
{
	struct kfc_buf b = {0};
	int ret;

	kfc_buf_add(&b, "", 0);
	print_value(&b, j);
	ret = fwrite(b.s, 1, b.len, f) == b.len ? 0 : -1;
	kfc_buf_release(&b);
	return ret;
}

const char *kfc_json_str(const struct kfc_json *j)
{
	return j && j->type == KFC_JSON_STRING ? j->str : NULL;
}

void kfc_json_quote(struct kfc_buf *b, const char *s)
{
	kfc_buf_puts(b, "\"");
	for (; s && *s; s++) {
		unsigned char c = *s;

		if (c == '"' || c == '\\')
			kfc_buf_printf(b, "\\%c", c);
		else if (c == '\n')
			kfc_buf_puts(b, "\\n");
		else if (c == '\t')
			kfc_buf_puts(b, "\\t");
		else if (c < 0x20)
			kfc_buf_printf(b, "\\u%04x", c);
		else
			kfc_buf_add(b, (const char *)&c, 1);
	}
	kfc_buf_puts(b, "\"");
}

void kfc_json_fquote(FILE *f, const char *s)
{
	struct kfc_buf b = {0};

	kfc_json_quote(&b, s);
	fputs(b.s, f);
	kfc_buf_release(&b);
}
