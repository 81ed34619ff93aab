// SPDX-License-Identifier: GPL-2.0-only
/*
 * Symbol tables of the loaded objects, read straight from their ELF files
 * (mmap, no malloc) so that names resolve to address ranges for stack=
 * and caller=, and addresses to function+offset in reports, even from a
 * signal handler.  .symtab is used when present (static functions of the
 * program), .dynsym otherwise.  Objects loaded after the constructor are
 * picked up on a miss; a miss from a signal handler stays a miss.
 *
 * A run names a few addresses (its faults' and leaks' stacks): the first
 * KF_SCANS lookups in an object scan its symbols, and only then is an
 * address index sorted, which in a program of 10,000 functions took a
 * quarter of a run that named four frames.
 */
#include "config.h"

#include <elf.h>
#include <fcntl.h>
#include <link.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "kfault.h"

#define KF_MAX_OBJECTS 128
#define KF_PATH_POOL 16384

struct kf_object {
	const char *path;
	uintptr_t base; /* load bias */
	uintptr_t lo, hi; /* span of its PT_LOAD segments */
	const ElfW(Sym) * syms;
	size_t nsyms;
	const char *strtab;
	/* the function symbols' indices, by address: for lookups */
	uint32_t *by_addr; /* published last, with nfuncs set */
	size_t nfuncs;
	unsigned int scans; /* lookups made without by_addr */
	int indexing; /* one thread sorts by_addr at a time */
};

#define KF_SCANS 64

static struct kf_object kf_objs[KF_MAX_OBJECTS];
static unsigned int kf_nobjs;
static char kf_paths[KF_PATH_POOL];
static size_t kf_paths_used;
static int kf_sym_lock;

static const char *kf_save_path(const char *s)
{
	size_t n = strlen(s) + 1;
	char *d;

	if (kf_paths_used + n > sizeof(kf_paths))
		return "?";
	d = kf_paths + kf_paths_used;
	memcpy(d, s, n);
	kf_paths_used += n;
	return d;
}

static bool kf_is_func(const ElfW(Sym) * s)
{
	unsigned int t = ELF64_ST_TYPE(s->st_info);

	return (t == STT_FUNC || t == STT_GNU_IFUNC) &&
	       s->st_shndx != SHN_UNDEF && s->st_value;
}

/*
 * Does symbol @a sort before @b: by address; at one address unsized
 * before sized, then the later in the table first, so that a lookup
 * scanning down meets the one to name first (sized, earliest).
 */
static bool kf_sym_before(const struct kf_object *o, uint32_t a, uint32_t b)
{
	const ElfW(Sym) *sa = &o->syms[a], *sb = &o->syms[b];

	if (sa->st_value != sb->st_value)
		return sa->st_value < sb->st_value;
	if (!sa->st_size != !sb->st_size)
		return !sa->st_size;
	return a > b;
}

static void kf_sift(const struct kf_object *o, uint32_t *v, size_t i, size_t n)
{
	size_t c;
	uint32_t t;

	for (; (c = 2 * i + 1) < n; i = c) {
		if (c + 1 < n && kf_sym_before(o, v[c], v[c + 1]))
			c++;
		if (!kf_sym_before(o, v[i], v[c]))
			return;
		t = v[i];
		v[i] = v[c];
		v[c] = t;
	}
}

/*
 * Index the function symbols by address: a heapsort in an mmap'd array
 * (no malloc: this also runs on a miss from a signal handler).  One
 * thread at a time; the others, and a failure, leave it unindexed.
 */
static void kf_index_symbols(struct kf_object *o)
{
	size_t i, n = 0;
	uint32_t *v, t;
	void *p;

	if (__atomic_exchange_n(&o->indexing, 1, __ATOMIC_ACQUIRE))
		return;
	for (i = 0; i < o->nsyms; i++)
		n += kf_is_func(&o->syms[i]);
	if (!n || o->nsyms > UINT32_MAX)
		return;
	p = mmap(NULL, n * sizeof(*v), PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return;
	v = p;
	for (i = 0, n = 0; i < o->nsyms; i++)
		if (kf_is_func(&o->syms[i]))
			v[n++] = i;
	for (i = n / 2; i-- > 0;)
		kf_sift(o, v, i, n);
	for (i = n; i-- > 1;) {
		t = v[0];
		v[0] = v[i];
		v[i] = t;
		kf_sift(o, v, 0, i);
	}
	o->nfuncs = n;
	__atomic_store_n(&o->by_addr, v, __ATOMIC_RELEASE);
}

/* Map @path and find its symbol table; the mapping stays for the process. */
static void kf_load_symbols(struct kf_object *o)
{
	const ElfW(Ehdr) * eh;
	const ElfW(Shdr) * sh;
	struct stat st;
	void *map;
	int fd, i, pick = -1;

	fd = open(o->path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return;
	if (fstat(fd, &st) || st.st_size < (off_t)sizeof(*eh)) {
		close(fd);
		return;
	}
	map = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (map == MAP_FAILED)
		return;
	eh = map;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_shoff + (size_t)eh->e_shnum * sizeof(*sh) >
		    (size_t)st.st_size) {
		munmap(map, st.st_size);
		return;
	}
	sh = (const ElfW(Shdr) *)((const char *)map + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type == SHT_SYMTAB)
			pick = i;
		else if (sh[i].sh_type == SHT_DYNSYM && pick < 0)
			pick = i;
	}
	if (pick < 0 || sh[pick].sh_link >= eh->e_shnum ||
	    sh[pick].sh_offset + sh[pick].sh_size > (size_t)st.st_size ||
	    sh[sh[pick].sh_link].sh_offset + sh[sh[pick].sh_link].sh_size >
		    (size_t)st.st_size) {
		munmap(map, st.st_size);
		return;
	}
	o->syms = (const ElfW(Sym) *)((const char *)map + sh[pick].sh_offset);
	o->nsyms = sh[pick].sh_size / sizeof(ElfW(Sym));
	o->strtab = (const char *)map + sh[sh[pick].sh_link].sh_offset;
}

static int kf_add_object(struct dl_phdr_info *info, size_t size, void *data)
{
	struct kf_object *o;
	char exe[4096];
	uintptr_t lo = UINTPTR_MAX, hi = 0;
	unsigned int i;
	ssize_t n;

	for (i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];

		if (ph->p_type != PT_LOAD)
			continue;
		if (info->dlpi_addr + ph->p_vaddr < lo)
			lo = info->dlpi_addr + ph->p_vaddr;
		if (info->dlpi_addr + ph->p_vaddr + ph->p_memsz > hi)
			hi = info->dlpi_addr + ph->p_vaddr + ph->p_memsz;
	}
	if (lo >= hi)
		return 0;
	for (i = 0; i < kf_nobjs; i++)
		if (kf_objs[i].lo == lo && kf_objs[i].hi == hi)
			return 0;
	if (kf_nobjs == KF_MAX_OBJECTS)
		return 1;
	o = &kf_objs[kf_nobjs];
	o->base = info->dlpi_addr;
	o->lo = lo;
	o->hi = hi;
	if (info->dlpi_name && info->dlpi_name[0]) {
		o->path = kf_save_path(info->dlpi_name);
	} else {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n <= 0)
			return 0;
		exe[n] = '\0';
		o->path = kf_save_path(exe);
	}
	kf_load_symbols(o);
	/* Publish after the entry is complete. */
	__atomic_store_n(&kf_nobjs, kf_nobjs + 1, __ATOMIC_RELEASE);
	return 0;
}

static void kf_refresh(void)
{
	/* One refresher at a time; a signal during a refresh just misses. */
	if (__atomic_exchange_n(&kf_sym_lock, 1, __ATOMIC_ACQUIRE))
		return;
	dl_iterate_phdr(kf_add_object, NULL);
	__atomic_store_n(&kf_sym_lock, 0, __ATOMIC_RELEASE);
}

/* In a fork child: a refresh another thread was in the middle of is gone. */
void kfault_symbols_atfork_child(void)
{
	__atomic_store_n(&kf_sym_lock, 0, __ATOMIC_RELAXED);
}

int kfault_symbols_init(void)
{
	kf_refresh();
	return kf_nobjs ? 0 : -1;
}

/* @sym is @name, or a compiler's clone of it: name.constprop.0, .isra.0 */
static bool kf_name_matches(const char *sym, const char *name)
{
	size_t n = strlen(name);

	return !strncmp(sym, name, n) && (sym[n] == '\0' || sym[n] == '.');
}

unsigned int kfault_symbols_find(const char *name, struct kfault_range *r,
				 unsigned int max)
{
	unsigned int i, n = 0, nobjs;
	size_t j;

	kf_refresh();
	nobjs = __atomic_load_n(&kf_nobjs, __ATOMIC_ACQUIRE);
	for (i = 0; i < nobjs; i++) {
		const struct kf_object *o = &kf_objs[i];

		for (j = 0; j < o->nsyms && n < max; j++) {
			const ElfW(Sym) *s = &o->syms[j];

			if (!kf_is_func(s) ||
			    !kf_name_matches(o->strtab + s->st_name, name))
				continue;
			r[n].lo = o->base + s->st_value;
			r[n].hi = r[n].lo + (s->st_size ? s->st_size : 1);
			n++;
		}
	}
	return n;
}

static struct kf_object *kf_object_of(uintptr_t addr)
{
	unsigned int i, nobjs;

	nobjs = __atomic_load_n(&kf_nobjs, __ATOMIC_ACQUIRE);
	for (i = 0; i < nobjs; i++)
		if (addr >= kf_objs[i].lo && addr < kf_objs[i].hi)
			return &kf_objs[i];
	return NULL;
}

/* Is @addr in the same loaded object as @other? */
bool kfault_same_object(uintptr_t addr, uintptr_t other)
{
	const struct kf_object *o = kf_object_of(other);

	return o && addr >= o->lo && addr < o->hi;
}

/* @addr relative to its object's load base: the same from run to run. */
uintptr_t kfault_object_offset(uintptr_t addr)
{
	const struct kf_object *o = kf_object_of(addr);

	return o ? addr - o->base : addr;
}

/* May @s name @off: at or below it, and reaching it if sized. */
static bool kf_sym_covers(const ElfW(Sym) * s, uintptr_t off)
{
	return kf_is_func(s) && s->st_value <= off &&
	       (!s->st_size || off < s->st_value + s->st_size);
}

/*
 * Without the index: of the symbols that cover @off, the last in the
 * index's order, which is what the binary search's walk down meets first.
 */
static const ElfW(Sym) * kf_sym_scan(const struct kf_object *o, uintptr_t off)
{
	size_t i, best = SIZE_MAX;

	for (i = 0; i < o->nsyms; i++)
		if (kf_sym_covers(&o->syms[i], off) &&
		    (best == SIZE_MAX ||
		     kf_sym_before(o, (uint32_t)best, (uint32_t)i)))
			best = i;
	return best == SIZE_MAX ? NULL : &o->syms[best];
}

/*
 * The function containing @off: the nearest symbol at or below it, a
 * sized one only if it reaches @off; at one address, a sized symbol
 * rather than an unsized one.  Binary search in the address index, or
 * a scan while there is none.
 */
static const ElfW(Sym) * kf_sym_lookup(struct kf_object *o, uintptr_t off)
{
	const uint32_t *by_addr =
		__atomic_load_n(&o->by_addr, __ATOMIC_ACQUIRE);
	size_t lo = 0, hi;
	const ElfW(Sym) * s;

	if (!by_addr &&
	    __atomic_add_fetch(&o->scans, 1, __ATOMIC_RELAXED) > KF_SCANS) {
		kf_index_symbols(o);
		by_addr = __atomic_load_n(&o->by_addr, __ATOMIC_ACQUIRE);
	}
	if (!by_addr)
		return kf_sym_scan(o, off);
	hi = o->nfuncs;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (o->syms[by_addr[mid]].st_value <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* lo: the first past @off; look down for one that covers it. */
	while (lo-- > 0) {
		s = &o->syms[by_addr[lo]];
		if (kf_sym_covers(s, off))
			return s;
	}
	return NULL;
}

void kfault_symbolize(uintptr_t addr, struct kfault_frame *f)
{
	struct kf_object *o = kf_object_of(addr - 1);
	const ElfW(Sym) * best;
	uintptr_t off;

	memset(f, 0, sizeof(*f));
	f->addr = addr;
	if (!o) {
		kf_refresh();
		o = kf_object_of(addr - 1);
		if (!o)
			return;
	}
	off = addr - o->base;
	f->object = o->path;
	f->object_off = off;
	/*
	 * Every address we name is a return address: look up the call
	 * instruction before it, which stays inside the function even when
	 * the call was its last instruction (a noreturn callee).
	 */
	off--;
	best = kf_sym_lookup(o, off);
	if (best) {
		f->func = o->strtab + best->st_name;
		f->func_off = off + 1 - best->st_value;
	}
}
