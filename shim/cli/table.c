// SPDX-License-Identifier: GPL-2.0-only
/*
 * The sweep's table: points grouped by call site (the innermost frame,
 * with file:line when PROG has debug info), one line per point, the
 * evidence under every point that is not ok, and a count per outcome.
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"

static const char *site_of(const struct kfc_point *p)
{
	return p->stack.nr ? p->stack.frames[0] : "(call site unknown)";
}

static void print_point(FILE *f, const struct kfc_point *p)
{
	char fn[256];
	size_t i;

	fprintf(f, "%6ld %6ld%s %-17s ", p->id, p->nth, p->persist ? "+" : " ",
		p->done ? kfc_outcome_name(p->v.outcome) : "(not run)");
	/* What runs the program (libc, _start) is the same for all. */
	for (i = 0; i < p->stack.nr && i < 6; i++) {
		kfc_frame_func(p->stack.frames[i], fn, sizeof(fn));
		fprintf(f, "%s%s", i ? " < " : "", fn);
		if (!strcmp(fn, "main"))
			break;
	}
	if (i == 6 && p->stack.nr > 6)
		fprintf(f, " < ...");
	fputc('\n', f);
	if (!p->done || p->v.outcome == KFC_ok)
		return;
	fprintf(f, "%33s%s%s(%s)\n", "", p->v.detail, p->v.detail[0] ? " " : "",
		p->err_path ? p->err_path : "no stderr");
}

void kfc_table_print(FILE *f, struct kfc_point *pts, size_t n, const char *mode)
{
	size_t counts[KFC_NR_OUTCOMES] = {0}, not_run = 0, i, j;
	bool *shown = kfc_xcalloc(n, sizeof(*shown));
	int o;

	fprintf(f, "%6s %6s  %-17s %s\n", "POINT", "CALL", "OUTCOME",
		"STACK (innermost first)");
	for (i = 0; i < n; i++) {
		const char *site = site_of(&pts[i]);

		if (shown[i])
			continue;
		fprintf(f, "-- %s%s%s\n", site, pts[i].site_line ? " at " : "",
			pts[i].site_line ? pts[i].site_line : "");
		for (j = i; j < n; j++) {
			if (shown[j] || strcmp(site_of(&pts[j]), site))
				continue;
			shown[j] = true;
			print_point(f, &pts[j]);
			if (pts[j].done)
				counts[pts[j].v.outcome]++;
			else
				not_run++;
		}
	}
	fprintf(f, "%zu point%s (%s mode):", n, n == 1 ? "" : "s", mode);
	for (o = 0; o < KFC_NR_OUTCOMES; o++)
		if (counts[o])
			fprintf(f, " %zu %s", counts[o], kfc_outcome_name(o));
	if (not_run)
		fprintf(f, " %zu not run", not_run);
	fputc('\n', f);
	free(shown);
}

/* ---- file:line from PROG's symbols and debug info ----------------------- */

struct sym {
	char *name;
	unsigned long addr;
};

static struct sym *load_symbols(const char *prog, size_t *nr)
{
	struct kfc_buf cmd = {0};
	struct sym *syms = NULL;
	char line[1024];
	FILE *p;

	*nr = 0;
	kfc_buf_puts(&cmd, "nm --defined-only ");
	kfc_shell_quote(&cmd, prog);
	kfc_buf_puts(&cmd, " 2>/dev/null");
	p = popen(cmd.s, "r");
	kfc_buf_release(&cmd);
	if (!p)
		return NULL;
	while (fgets(line, sizeof(line), p)) {
		char name[512], type;
		unsigned long addr;

		if (sscanf(line, "%lx %c %511s", &addr, &type, name) != 3 ||
		    (type != 'T' && type != 't'))
			continue;
		syms = kfc_xrealloc(syms, (*nr + 1) * sizeof(*syms));
		syms[*nr].name = kfc_xstrdup(name);
		syms[(*nr)++].addr = addr;
	}
	pclose(p);
	return syms;
}

/* "func+0x1c" -> the address of the call instruction in PROG, or 0. */
static unsigned long frame_addr(const char *frame, const struct sym *syms,
				size_t nr)
{
	const char *plus = strchr(frame, '+');
	unsigned long off;
	size_t i, len;

	if (!plus || sscanf(plus + 1, "%lx", &off) != 1 || !off)
		return 0;
	len = plus - frame;
	for (i = 0; i < nr; i++)
		if (strlen(syms[i].name) == len &&
		    !strncmp(syms[i].name, frame, len))
			return syms[i].addr + off - 1;
	return 0;
}

/* Run addr2line on @obj for every point i with objs[i] == @obj. */
static void addr2line_obj(struct kfc_point *pts, size_t n, const char *obj,
			  const char **objs, const unsigned long *addrs)
{
	char tmpl[] = "/tmp/kfault-addr-XXXXXX", line[1024];
	struct kfc_buf cmd = {0};
	FILE *in, *out;
	size_t i;
	int fd;

	fd = mkstemp(tmpl);
	if (fd < 0)
		return;
	in = fdopen(fd, "w");
	for (i = 0; i < n; i++)
		if (objs[i] == obj)
			fprintf(in, "0x%lx\n", addrs[i]);
	fclose(in);
	kfc_buf_puts(&cmd, "addr2line -e ");
	kfc_shell_quote(&cmd, obj);
	kfc_buf_printf(&cmd, " < %s 2>/dev/null", tmpl);
	out = popen(cmd.s, "r");
	for (i = 0; out && i < n; i++) {
		const char *base;

		if (objs[i] != obj)
			continue;
		if (!fgets(line, sizeof(line), out))
			break;
		line[strcspn(line, "\n")] = '\0';
		line[strcspn(line, " ")] = '\0'; /* " (discriminator N)" */
		if (line[0] == '?' || strstr(line, ":?"))
			continue;
		base = strrchr(line, '/');
		pts[i].site_line = kfc_xstrdup(base ? base + 1 : line);
	}
	if (out)
		pclose(out);
	unlink(tmpl);
	kfc_buf_release(&cmd);
}

/*
 * Where the shim named the call site's binary and offset, use them;
 * else look the function up in PROG's symbol table.
 */
void kfc_resolve_lines(struct kfc_point *pts, size_t n, const char *prog)
{
	const char **objs = kfc_xcalloc(n, sizeof(*objs));
	unsigned long *addrs = kfc_xcalloc(n, sizeof(*addrs));
	bool prog_ok = strchr(prog, '/') && !access(prog, R_OK);
	struct sym *syms = NULL;
	size_t nr = 0, i, j;

	if (prog_ok)
		syms = load_symbols(prog, &nr);
	for (i = 0; i < n; i++) {
		const struct kfc_stack *st = &pts[i].stack;

		if (pts[i].site_line || !st->nr)
			continue;
		if (st->site_obj && st->site_off) {
			objs[i] = st->site_obj;
			addrs[i] = st->site_off - 1;
		} else if (nr) {
			addrs[i] = frame_addr(st->frames[0], syms, nr);
			objs[i] = addrs[i] ? prog : NULL;
		}
	}
	/* One addr2line per binary: the first point naming it runs it. */
	for (i = 0; i < n; i++) {
		const char *obj = objs[i];

		if (!obj)
			continue;
		for (j = i; j < n; j++)
			if (objs[j] && !strcmp(objs[j], obj))
				objs[j] = obj;
		addr2line_obj(pts, n, obj, objs, addrs);
		for (j = i; j < n; j++)
			if (objs[j] == obj)
				objs[j] = NULL;
	}
	for (i = 0; i < nr; i++)
		free(syms[i].name);
	free(syms);
	free(addrs);
	free(objs);
}
