// SPDX-License-Identifier: GPL-2.0-only
/*
 * A small JSON reader (RFC 8259, recursive descent) for the shim's
 * reports and the command's own result lines, and the string quoting the
 * writers use.  A document is read whole, or, for a report (a few
 * kilobytes to tens of megabytes), from a file through a bounded buffer,
 * the elements of its big arrays handed over one at a time and freed:
 * kfault's memory then does not grow with the program's call sites.
 * Depth is bounded so a broken file cannot overflow the stack.
 */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

#define KFC_JSON_MAX_DEPTH 64
/* The most the parser looks ahead at once: a number's literal. */
#define KFC_JSON_LOOKAHEAD 64

struct parser {
	const char *p;
	const char *end;
	const char *err;
	int depth;
	/* reading @fd (-1: the text is all in memory) into @buf */
	int fd;
	char *buf;
	size_t size;
	bool eof;
	int errnum; /* a read failed: its errno */
	struct kfc_json_stream *st;
	unsigned long streamed; /* the keys of @st already streamed */
};

static struct kfc_json *parse_value(struct parser *ps);

/* Move what is left to the buffer's start and read after it. */
static bool refill(struct parser *ps, size_t n)
{
	size_t left = ps->end - ps->p;
	ssize_t got;

	memmove(ps->buf, ps->p, left);
	ps->p = ps->buf;
	ps->end = ps->buf + left;
	while (left < n && !ps->eof) {
		got = read(ps->fd, ps->buf + left, ps->size - left);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			ps->errnum = got ? errno : 0;
			ps->eof = true;
			break;
		}
		left += got;
		ps->end = ps->buf + left;
	}
	return left >= n;
}

/* At least @n (at most KFC_JSON_LOOKAHEAD) bytes at ps->p? */
static inline bool have(struct parser *ps, size_t n)
{
	if ((size_t)(ps->end - ps->p) >= n)
		return true;
	return ps->fd >= 0 && refill(ps, n);
}

static void skip_ws(struct parser *ps)
{
	while (have(ps, 1) && strchr(" \t\r\n", *ps->p) && *ps->p)
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

	if (!have(ps, 1))
		return -1;
	e = strchr(from, *ps->p);
	if (e && *ps->p) {
		kfc_buf_add(b, &to[e - from], 1);
		ps->p++;
		return 0;
	}
	if (*ps->p != 'u' || !have(ps, 5) || hex4(ps->p + 1, &cp))
		return -1;
	ps->p += 5;
	if (cp >= 0xd800 && cp < 0xdc00 && have(ps, 6) && ps->p[0] == '\\' &&
	    ps->p[1] == 'u' && !hex4(ps->p + 2, &lo) && lo >= 0xdc00 &&
	    lo < 0xe000) {
		cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
		ps->p += 6;
	}
	put_utf8(b, cp);
	return 0;
}

/* A string's run up to its closing quote, an escape or the buffer's end. */
static const char *plain_run(const char *p, const char *end)
{
	while (p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20)
		p++;
	return p;
}

static char *parse_string_raw(struct parser *ps)
{
	struct kfc_buf b = {0};
	const char *run;
	char *s;

	ps->p++; /* the opening quote */
	run = plain_run(ps->p, ps->end);
	if (run < ps->end && *run == '"') {
		/* no escape: copied once */
		s = kfc_xmalloc(run - ps->p + 1);
		memcpy(s, ps->p, run - ps->p);
		s[run - ps->p] = '\0';
		ps->p = run + 1;
		return s;
	}
	kfc_buf_add(&b, "", 0);
	for (;;) {
		run = plain_run(ps->p, ps->end);
		kfc_buf_add(&b, ps->p, run - ps->p);
		ps->p = run;
		if (!have(ps, 1) || (unsigned char)*ps->p < 0x20)
			goto err_bad;
		if (*ps->p == '"')
			break;
		if (*ps->p == '\\') {
			ps->p++;
			if (parse_escape(ps, &b))
				goto err_bad;
		}
	}
	ps->p++;
	return b.s;

err_bad:
	ps->err = "bad string";
	kfc_buf_release(&b);
	return NULL;
}

/*
 * Past a container's opening at ps->p: 1 when elements follow, 0 when it
 * closes with @close at once, -1 when nested too deep.
 */
static int open_container(struct parser *ps, char close)
{
	if (++ps->depth > KFC_JSON_MAX_DEPTH) {
		ps->err = "nested too deep";
		return -1;
	}
	ps->p++;
	skip_ws(ps);
	if (have(ps, 1) && *ps->p == close) {
		ps->p++;
		return 0;
	}
	return 1;
}

/* After an element: 1 when another follows, 0 past @close, -1 else. */
static int after_item(struct parser *ps, char close)
{
	skip_ws(ps);
	if (have(ps, 1) && *ps->p == ',') {
		ps->p++;
		return 1;
	}
	if (have(ps, 1) && *ps->p == close) {
		ps->p++;
		return 0;
	}
	ps->err = close == '}' ? "expected ',' or '}'" : "expected ',' or ']'";
	return -1;
}

/* Container @j, once its elements are read (@more: the last after_item). */
static struct kfc_json *end_container(struct parser *ps, struct kfc_json *j,
				      int more)
{
	if (more < 0) {
		kfc_json_free(j);
		return NULL;
	}
	ps->depth--;
	return j;
}

/* @key, when it is one of the stream's keys not streamed yet: its index. */
static int stream_key(const struct parser *ps, const char *key)
{
	int k;

	if (!ps->st || ps->depth != 1)
		return -1;
	for (k = 0; k < KFC_JSON_STREAM_KEYS && ps->st->keys[k]; k++)
		if (!(ps->streamed & (1ul << k)) &&
		    !strcmp(ps->st->keys[k], key))
			return k;
	return -1;
}

/*
 * The value of member @k of the stream's keys.  An array has each element
 * handed to the stream's callback, then freed; it is left empty, its num
 * the count of elements.
 */
static struct kfc_json *parse_streamed(struct parser *ps, int k)
{
	struct kfc_json *j, *item;
	int more;

	skip_ws(ps);
	if (!have(ps, 1) || *ps->p != '[')
		return parse_value(ps);
	ps->streamed |= 1ul << k;
	j = new_node(KFC_JSON_ARRAY);
	more = open_container(ps, ']');
	while (more > 0) {
		item = parse_value(ps);
		if (!item)
			return end_container(ps, j, -1);
		ps->st->each(ps->st->keys[k], item, ps->st->ctx);
		kfc_json_free(item);
		j->num++;
		more = after_item(ps, ']');
	}
	return end_container(ps, j, more);
}

static struct kfc_json *parse_container(struct parser *ps, bool object)
{
	struct kfc_json *j =
		new_node(object ? KFC_JSON_OBJECT : KFC_JSON_ARRAY);
	char close = object ? '}' : ']';
	int more = open_container(ps, close);

	while (more > 0) {
		struct kfc_json *item;
		char *key = NULL;
		int k;

		skip_ws(ps);
		if (object) {
			if (!have(ps, 1) || *ps->p != '"') {
				ps->err = "expected a member name";
				goto err_free;
			}
			key = parse_string_raw(ps);
			if (!key)
				goto err_free;
			skip_ws(ps);
			if (!have(ps, 1) || *ps->p != ':') {
				free(key);
				ps->err = "expected ':'";
				goto err_free;
			}
			ps->p++;
		}
		k = key ? stream_key(ps, key) : -1;
		item = k >= 0 ? parse_streamed(ps, k) : parse_value(ps);
		if (!item) {
			free(key);
			goto err_free;
		}
		item->key = key;
		add_item(j, item);
		more = after_item(ps, close);
	}
	return end_container(ps, j, more);

err_free:
	return end_container(ps, j, -1);
}

static struct kfc_json *parse_number(struct parser *ps)
{
	char tmp[64];
	size_t n = 0;
	struct kfc_json *j;
	char *end;

	/* within the text: no NUL need follow it */
	have(ps, KFC_JSON_LOOKAHEAD);
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

		if (!have(ps, n) || memcmp(ps->p, words[i].word, n))
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
	if (!have(ps, 1)) {
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

static struct kfc_json *parse(struct parser *ps, const char **err)
{
	struct kfc_json *j;

	skip_ws(ps);
	if (ps->st)
		ps->st->blank = !have(ps, 1) && !ps->errnum;
	j = parse_value(ps);

	if (j) {
		skip_ws(ps);
		if (have(ps, 1)) {
			ps->err = "trailing text";
			kfc_json_free(j);
			j = NULL;
		}
	}
	if (ps->errnum) {
		ps->err = "read error";
		kfc_json_free(j);
		j = NULL;
	}
	if (!j && err)
		*err = ps->err;
	if (ps->errnum)
		errno = ps->errnum;
	return j;
}

struct kfc_json *kfc_json_parse(const char *text, size_t len, const char **err)
{
	struct parser ps = {.p = text, .end = text + len, .fd = -1};

	return parse(&ps, err);
}

struct kfc_json *kfc_json_parse_each(const char *text, size_t len,
				     struct kfc_json_stream *st,
				     const char **err)
{
	struct parser ps = {.p = text, .end = text + len, .fd = -1, .st = st};

	return parse(&ps, err);
}

struct kfc_json *kfc_json_read(int fd, size_t size, struct kfc_json_stream *st,
			       const char **err)
{
	struct parser ps = {.fd = fd, .st = st};
	struct kfc_json *j;

	ps.size = size > KFC_JSON_LOOKAHEAD ? size : KFC_JSON_LOOKAHEAD;
	ps.buf = kfc_xmalloc(ps.size);
	ps.p = ps.end = ps.buf;
	j = parse(&ps, err);
	free(ps.buf);
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
