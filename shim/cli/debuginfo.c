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
 * life; each address is resolved on demand.
 */
#include "config.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

struct dbg_object {
	char *path;
	Dwfl *dwfl; /* NULL: the object could not be read */
	Dwfl_Module *mod;
	Dwarf_Addr bias;
};

static struct dbg_object *dbg_objects;
static size_t dbg_nr;

static char *dbg_debuginfo_path;
static const Dwfl_Callbacks dbg_callbacks = {
	.find_elf = dwfl_build_id_find_elf,
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
	.debuginfo_path = &dbg_debuginfo_path,
};

static struct dbg_object *dbg_open(const char *path)
{
	struct dbg_object *o;
	size_t i;

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
	if (!o->mod || !dwfl_module_getelf(o->mod, &o->bias)) {
		dwfl_end(o->dwfl);
		o->dwfl = NULL;
		o->mod = NULL;
	}
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

/*
 * The inlined calls that contain @addr, innermost first: the location of
 * each is where its caller called it (DW_AT_call_file/line).
 */
static int dbg_inlines(Dwarf_Die *cu, Dwarf_Addr addr, const char *dir,
		       const char *file, int line, struct kfc_srcloc *locs,
		       int max)
{
	Dwarf_Die *scopes = NULL, inner;
	Dwarf_Attribute attr;
	Dwarf_Word call_file, call_line;
	int n, i, out = 0;

	/*
	 * The scopes at @addr end at the innermost inlined call's abstract
	 * origin; the DIE chain from that call outwards holds the functions
	 * it was inlined into (as eu-addr2line -i does).
	 */
	n = dwarf_getscopes(cu, addr, &scopes);
	if (n > 0) {
		inner = scopes[0];
		free(scopes);
		scopes = NULL;
		n = dwarf_getscopes_die(&inner, &scopes);
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
	Dwarf_Die *cu, cu_die;
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
		n = dbg_inlines(cu, addr - cu_bias, dir, file, line, locs, max);
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
	size_t i;

	for (i = 0; i < dbg_nr; i++) {
		if (dbg_objects[i].dwfl)
			dwfl_end(dbg_objects[i].dwfl);
		free(dbg_objects[i].path);
	}
	free(dbg_objects);
	dbg_objects = NULL;
	dbg_nr = 0;
}
