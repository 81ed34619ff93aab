// SPDX-License-Identifier: GPL-2.0-only
/*
 * Source locations for the frames of a report, from the binaries' debug
 * information, through elfutils' libdw: an object path and an offset from
 * its load base (what the shim records) become "function (file:line)",
 * with a location per inlined call, innermost first, the way
 * scripts/decode_stacktrace.sh prints a kernel Call Trace.  Separate
 * debug files are found by build-id (/usr/lib/debug/.build-id, so
 * libc6-dbg resolves libc's static functions such as start_thread).
 *
 * One Dwfl per object, opened on first use and kept for the command's
 * life; each address is resolved on demand.  The functions of a unit
 * (its DW_TAG_subprograms, by address range) are indexed on the unit's
 * first lookup, so that a lookup is a binary search and a walk down one
 * function's inlined calls, not a walk of the whole unit: a sweep of a
 * program with 10,000 functions looks up as many frames.
 *
 * An object whose DWARF is not in it (a system library, its DWARF in a
 * separate, compressed debug file: libc6-dbg) is named from its symbol
 * table, with no line, unless kfc_debuginfo_all_lines is set: opening
 * libc6-dbg's DWARF inflates some 15 MB, 30 ms, a tenth of a small
 * sweep, for lines that are glibc's and not of the code under test.
 * kfault symbolize asks for them.
 */
#include "config.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <gelf.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* A function's address range (from the unit's base) and its DIE. */
struct dbg_func {
	Dwarf_Addr lo, hi;
	Dwarf_Off off;
};

/* The functions of one unit, sorted by lo. */
struct dbg_unit {
	Dwarf_Off off; /* the unit DIE's */
	struct dbg_func *funcs;
	size_t nr;
};

/*
 * The children with code of a scope that has many (a main() with 10,000
 * call sites): those that are inlined calls or blocks, sorted by lo.
 */
#define DBG_MANY 64

struct dbg_object {
	char *path;
	Dwfl *dwfl; /* NULL: the object could not be read */
	Dwfl_Module *mod;
	Dwarf_Addr bias;
	struct dbg_unit *units; /* indexed so far */
	size_t nr_units;
	struct dbg_unit *scopes; /* scopes with DBG_MANY children or more */
	size_t nr_scopes;
	bool own_dwarf; /* the object has a .debug_info of its own */
};

bool kfc_debuginfo_all_lines;

static struct dbg_object *dbg_objects;
static size_t dbg_nr;

static char *dbg_debuginfo_path;
static const Dwfl_Callbacks dbg_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
	.debuginfo_path = &dbg_debuginfo_path,
};

/* Has @elf a section called @name? */
static bool dbg_has_section(Elf *elf, const char *name)
{
	Elf_Scn *scn = NULL;
	GElf_Shdr shdr;
	size_t shstrndx;
	const char *n;

	if (elf_getshdrstrndx(elf, &shstrndx))
		return false;
	while ((scn = elf_nextscn(elf, scn))) {
		if (!gelf_getshdr(scn, &shdr))
			continue;
		n = elf_strptr(elf, shstrndx, shdr.sh_name);
		if (n && !strcmp(n, name))
			return true;
	}
	return false;
}

static struct dbg_object *dbg_open(const char *path)
{
	struct dbg_object *o;
	size_t i;
	Elf *elf;

	for (i = 0; i < dbg_nr; i++)
		if (!strcmp(dbg_objects[i].path, path))
			return &dbg_objects[i];
	dbg_objects =
		kfc_xrealloc(dbg_objects, (dbg_nr + 1) * sizeof(*dbg_objects));
	o = &dbg_objects[dbg_nr++];
	memset(o, 0, sizeof(*o));
	o->path = kfc_xstrdup(path);
	o->dwfl = dwfl_begin(&dbg_callbacks);
	if (!o->dwfl)
		return o;
	/* At base 0: addresses are offsets from the object's load base. */
	o->mod = dwfl_report_elf(o->dwfl, path, path, -1, 0, false);
	dwfl_report_end(o->dwfl, NULL, NULL);
	elf = o->mod ? dwfl_module_getelf(o->mod, &o->bias) : NULL;
	if (!elf) {
		dwfl_end(o->dwfl);
		o->dwfl = NULL;
		o->mod = NULL;
		return o;
	}
	o->own_dwarf = dbg_has_section(elf, ".debug_info");
	return o;
}

/* The name of a subprogram or inlined subroutine, through its origin. */
static const char *dbg_die_name(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	const char *name;

	name = dwarf_formstring(
		dwarf_attr_integrate(die, DW_AT_linkage_name, &attr));
	if (!name)
		name = dwarf_formstring(
			dwarf_attr_integrate(die, DW_AT_name, &attr));
	return name;
}

/* File @idx of @cu's line table. */
static const char *dbg_src_file(Dwarf_Die *cu, Dwarf_Word idx)
{
	Dwarf_Files *files;
	size_t nfiles;

	if (dwarf_getsrcfiles(cu, &files, &nfiles) || idx >= nfiles)
		return NULL;
	return dwarf_filesrc(files, idx, NULL, NULL);
}

/*
 * @file made absolute against @dir (the compilation directory) when it is
 * relative, with "." and ".." folded away (as text: the files need not
 * exist here).
 */
static char *dbg_path(const char *dir, const char *file)
{
	char *path, *out, *seg, *save = NULL;
	size_t len;

	if (file[0] != '/' && dir && dir[0] == '/')
		path = kfc_xasprintf("%s/%s", dir, file);
	else
		path = kfc_xstrdup(file);
	if (path[0] != '/')
		return path;
	out = kfc_xcalloc(1, strlen(path) + 2);
	for (seg = strtok_r(path, "/", &save); seg;
	     seg = strtok_r(NULL, "/", &save)) {
		if (!strcmp(seg, "."))
			continue;
		if (!strcmp(seg, "..")) {
			char *slash = strrchr(out, '/');

			if (slash)
				*slash = '\0';
			continue;
		}
		len = strlen(out);
		out[len] = '/';
		strcpy(out + len + 1, seg);
	}
	if (!out[0])
		strcpy(out, "/");
	free(path);
	return out;
}

static void dbg_set(struct kfc_srcloc *l, const char *func, const char *dir,
		    const char *file, int line)
{
	l->func = func ? kfc_xstrdup(func) : NULL;
	l->file = file ? dbg_path(dir, file) : NULL;
	l->line = line;
}

static int dbg_func_cmp(const void *a, const void *b)
{
	const struct dbg_func *x = a, *y = b;

	return x->lo < y->lo ? -1 : x->lo > y->lo;
}

#define DBG_MAX_DEPTH 64

/*
 * From @fn down to the innermost scope that holds @addr: the chain of
 * DIEs in @chain, outermost first; their number.
 */
/* In @u (sorted by lo), the entry whose range holds @addr, or NULL. */
static const struct dbg_func *dbg_range_at(const struct dbg_unit *u,
					   Dwarf_Addr addr)
{
	size_t lo = 0, hi = u->nr, mid;

	/* the last range starting at or before @addr */
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (u->funcs[mid].lo <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo && addr < u->funcs[lo - 1].hi ? &u->funcs[lo - 1] : NULL;
}

static void dbg_add_ranges(struct dbg_unit *u, size_t *cap, Dwarf_Die *die)
{
	Dwarf_Addr base, lo, hi;
	ptrdiff_t r;

	for (r = 0; (r = dwarf_ranges(die, r, &base, &lo, &hi)) > 0;) {
		if (u->nr == *cap) {
			*cap = *cap ? 2 * *cap : 64;
			u->funcs = kfc_xrealloc(u->funcs,
						*cap * sizeof(*u->funcs));
		}
		u->funcs[u->nr++] =
			(struct dbg_func){lo, hi, dwarf_dieoffset(die)};
	}
}

/* The functions of unit @cu with code, by address range: once a unit. */
static struct dbg_unit *dbg_index(struct dbg_object *o, Dwarf_Die *cu)
{
	Dwarf_Off off = dwarf_dieoffset(cu);
	struct dbg_unit *u;
	Dwarf_Die die;
	size_t i, cap = 0;

	for (i = 0; i < o->nr_units; i++)
		if (o->units[i].off == off)
			return &o->units[i];
	o->units = kfc_xrealloc(o->units, (o->nr_units + 1) * sizeof(*u));
	u = &o->units[o->nr_units++];
	memset(u, 0, sizeof(*u));
	u->off = off;
	if (dwarf_child(cu, &die))
		return u;
	do {
		if (dwarf_tag(&die) == DW_TAG_subprogram)
			dbg_add_ranges(u, &cap, &die);
	} while (!dwarf_siblingof(&die, &die));
	qsort(u->funcs, u->nr, sizeof(*u->funcs), dbg_func_cmp);
	return u;
}

/*
 * The function of unit @cu whose code holds @addr (in DWARF's addresses)
 * into @fn; false when none does.
 */
static bool dbg_func_at(struct dbg_object *o, Dwarf_Die *cu, Dwarf_Addr addr,
			Dwarf_Die *fn)
{
	const struct dbg_func *f = dbg_range_at(dbg_index(o, cu), addr);

	return f && dwarf_offdie(dwarf_cu_getdwarf(cu->cu), f->off, fn);
}

static bool dbg_scope_tag(Dwarf_Die *die)
{
	int tag = dwarf_tag(die);

	return tag == DW_TAG_inlined_subroutine || tag == DW_TAG_lexical_block;
}

/*
 * The child of @parent (an inlined call or a block) whose code holds
 * @addr, into @out.  A scope with DBG_MANY children or more is indexed
 * the first time, and searched by address from then on.
 */
static bool dbg_child_at(struct dbg_object *o, Dwarf_Die *parent,
			 Dwarf_Addr addr, Dwarf_Die *out)
{
	Dwarf_Off off = dwarf_dieoffset(parent);
	struct dbg_unit idx = {.off = off};
	const struct dbg_func *f;
	size_t i, n = 0, cap = 0;
	bool found = false;
	Dwarf_Die child;

	for (i = 0; i < o->nr_scopes; i++) {
		if (o->scopes[i].off != off)
			continue;
		f = dbg_range_at(&o->scopes[i], addr);
		return f &&
		       dwarf_offdie(dwarf_cu_getdwarf(parent->cu), f->off, out);
	}
	if (dwarf_child(parent, &child))
		return false;
	do {
		n++;
		if (!dbg_scope_tag(&child))
			continue;
		dbg_add_ranges(&idx, &cap, &child);
		if (!found && dwarf_haspc(&child, addr) > 0) {
			*out = child;
			found = true;
		}
	} while (!dwarf_siblingof(&child, &child));
	if (n < DBG_MANY) {
		free(idx.funcs);
		return found;
	}
	qsort(idx.funcs, idx.nr, sizeof(*idx.funcs), dbg_func_cmp);
	o->scopes = kfc_xrealloc(o->scopes,
				 (o->nr_scopes + 1) * sizeof(*o->scopes));
	o->scopes[o->nr_scopes++] = idx;
	return found;
}

static int dbg_descend(struct dbg_object *o, Dwarf_Die *fn, Dwarf_Addr addr,
		       Dwarf_Die *chain)
{
	int n = 0;

	chain[n++] = *fn;
	while (n < DBG_MAX_DEPTH &&
	       dbg_child_at(o, &chain[n - 1], addr, &chain[n]))
		n++;
	return n;
}

/*
 * The inlined calls that contain @addr, innermost first: the location of
 * each is where its caller called it (DW_AT_call_file/line).  @fn is the
 * function that holds @addr (dbg_func_at()), or NULL: then the unit is
 * searched, as eu-addr2line -i does.
 */
static int dbg_inlines(struct dbg_object *o, Dwarf_Die *cu, Dwarf_Die *fn,
		       Dwarf_Addr addr, const char *dir, const char *file,
		       int line, struct kfc_srcloc *locs, int max)
{
	Dwarf_Die *scopes = NULL, inner, chain[DBG_MAX_DEPTH];
	Dwarf_Attribute attr;
	Dwarf_Word call_file, call_line;
	int n, i, out = 0;

	if (fn) {
		n = dbg_descend(o, fn, addr, chain);
		scopes = kfc_xcalloc(n, sizeof(*scopes));
		for (i = 0; i < n; i++)
			scopes[i] = chain[n - 1 - i];
	} else {
		/*
		 * The scopes at @addr end at the innermost inlined call's
		 * abstract origin; the DIE chain from that call outwards
		 * holds the functions it was inlined into.
		 */
		n = dwarf_getscopes(cu, addr, &scopes);
		if (n > 0) {
			inner = scopes[0];
			free(scopes);
			scopes = NULL;
			n = dwarf_getscopes_die(&inner, &scopes);
		}
	}
	for (i = 0; i < n && out < max; i++) {
		int tag = dwarf_tag(&scopes[i]);

		if (tag != DW_TAG_inlined_subroutine &&
		    tag != DW_TAG_subprogram)
			continue;
		dbg_set(&locs[out++], dbg_die_name(&scopes[i]), dir, file,
			line);
		if (tag == DW_TAG_subprogram)
			break;
		/* The next frame out is where this one was inlined. */
		if (dwarf_formudata(
			    dwarf_attr(&scopes[i], DW_AT_call_file, &attr),
			    &call_file) ||
		    dwarf_formudata(
			    dwarf_attr(&scopes[i], DW_AT_call_line, &attr),
			    &call_line))
			break;
		file = dbg_src_file(cu, call_file);
		line = (int)call_line;
	}
	free(scopes);
	return out;
}

/*
 * The unit that holds @addr, found by walking every unit: clang emits no
 * .debug_aranges, which is all libdw 0.188 looks at (dwfl_module_addrdie
 * and dwfl_module_getsrc find nothing in a clang-built program).
 */
static Dwarf_Die *dbg_scan_units(Dwfl_Module *mod, Dwarf_Addr addr,
				 Dwarf_Die *die, Dwarf_Addr *bias)
{
	Dwarf *dw = dwfl_module_getdwarf(mod, bias);
	Dwarf_CU *unit = NULL;
	uint8_t type;

	while (dw && !dwarf_get_units(dw, unit, &unit, NULL, &type, die, NULL))
		if ((type == DW_UT_compile || type == DW_UT_partial) &&
		    dwarf_haspc(die, addr - *bias) > 0)
			return die;
	return NULL;
}

/* The line table's file and line of @addr in @cu, and its directory. */
static void dbg_cu_line(Dwarf_Die *cu, Dwarf_Addr addr, const char **dir,
			const char **file, int *line)
{
	Dwarf_Line *l = dwarf_getsrc_die(cu, addr);
	Dwarf_Attribute attr;

	if (!l || dwarf_lineno(l, line))
		return;
	*file = dwarf_linesrc(l, NULL, NULL);
	*dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &attr));
}

int kfc_debuginfo_lookup(const char *object, unsigned long offset,
			 bool return_address, struct kfc_srcloc *locs, int max)
{
	struct dbg_object *o;
	Dwarf_Addr addr, cu_bias;
	Dwarf_Die *cu, cu_die, fn_die;
	Dwfl_Line *dl;
	const char *file = NULL, *dir = NULL, *sym;
	int line = 0, n = 0;

	if (!object || max < 1)
		return 0;
	o = dbg_open(object);
	if (!o->mod)
		return 0;
	/* A return address points past the call: look at the call. */
	addr = offset + o->bias - (return_address && offset ? 1 : 0);
	if (!o->own_dwarf && !kfc_debuginfo_all_lines) {
		sym = dwfl_module_addrname(o->mod, addr);
		if (!sym)
			return 0;
		dbg_set(&locs[0], sym, NULL, NULL, 0);
		return 1;
	}
	dl = dwfl_module_getsrc(o->mod, addr);
	if (dl) {
		file = dwfl_lineinfo(dl, NULL, &line, NULL, NULL, NULL);
		dir = dwfl_line_comp_dir(dl);
	}
	cu = dwfl_module_addrdie(o->mod, addr, &cu_bias);
	if (!cu)
		cu = dbg_scan_units(o->mod, addr, &cu_die, &cu_bias);
	if (cu && !file)
		dbg_cu_line(cu, addr - cu_bias, &dir, &file, &line);
	if (cu)
		n = dbg_inlines(o, cu,
				dbg_func_at(o, cu, addr - cu_bias, &fn_die)
					? &fn_die
					: NULL,
				addr - cu_bias, dir, file, line, locs, max);
	if (!n) {
		/* No DWARF for it: the symbol table, and the line if any. */
		sym = dwfl_module_addrname(o->mod, addr);
		if (!sym && !file)
			return 0;
		dbg_set(&locs[0], sym, dir, file, line);
		n = 1;
	}
	return n;
}

void kfc_srcloc_release(struct kfc_srcloc *locs, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		free(locs[i].func);
		free(locs[i].file);
	}
}

void kfc_debuginfo_release(void)
{
	size_t i, j;

	for (i = 0; i < dbg_nr; i++) {
		if (dbg_objects[i].dwfl)
			dwfl_end(dbg_objects[i].dwfl);
		for (j = 0; j < dbg_objects[i].nr_units; j++)
			free(dbg_objects[i].units[j].funcs);
		free(dbg_objects[i].units);
		for (j = 0; j < dbg_objects[i].nr_scopes; j++)
			free(dbg_objects[i].scopes[j].funcs);
		free(dbg_objects[i].scopes);
		free(dbg_objects[i].path);
	}
	free(dbg_objects);
	dbg_objects = NULL;
	dbg_nr = 0;
}
