// SPDX-License-Identifier: GPL-2.0-only
/*
 * What a program's ELF file says about how it was built: whether its
 * symbol tables (.symtab, .dynsym) name a function, such as a
 * sanitizer's runtime entry __asan_init.  The file is read as it is,
 * through a read-only mapping, every offset checked against its size:
 * it is the user's program, not ours to trust.
 */
#include "config.h"

#include <elf.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

/* Only files of our own byte order are read. */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define KFC_ELF_DATA ELFDATA2LSB
#else
#define KFC_ELF_DATA ELFDATA2MSB
#endif

/* Is [@off, @off + @len) inside a file of @size bytes? */
static bool within(size_t size, unsigned long long off, unsigned long long len)
{
	return off <= size && len <= size - off;
}

/* Does symbol table @sym (its strings in @str) name one of @names? */
static bool table_names(const unsigned char *elf, size_t size,
			const Elf64_Shdr *sym, const Elf64_Shdr *str,
			const char *const *names)
{
	const Elf64_Sym *syms = (const Elf64_Sym *)(elf + sym->sh_offset);
	const char *strs = (const char *)elf + str->sh_offset;
	size_t i, n = sym->sh_size / sizeof(*syms);
	const char *const *name;

	if (!within(size, sym->sh_offset, sym->sh_size) ||
	    !within(size, str->sh_offset, str->sh_size) ||
	    sym->sh_offset % _Alignof(Elf64_Sym))
		return false;
	for (i = 0; i < n; i++) {
		size_t off = syms[i].st_name, left;

		if (off >= str->sh_size)
			continue;
		left = str->sh_size - off;
		for (name = names; *name; name++)
			if (strlen(*name) < left &&
			    !memcmp(strs + off, *name, strlen(*name) + 1))
				return true;
	}
	return false;
}

/* The sections of a 64-bit ELF file @elf of @size bytes; -1 if not one. */
static int elf_names(const unsigned char *elf, size_t size,
		     const char *const *names)
{
	const Elf64_Ehdr *eh = (const Elf64_Ehdr *)elf;
	const Elf64_Shdr *sh;
	size_t i;

	if (size < sizeof(*eh) || memcmp(eh->e_ident, ELFMAG, SELFMAG) ||
	    eh->e_ident[EI_CLASS] != ELFCLASS64 ||
	    eh->e_ident[EI_DATA] != KFC_ELF_DATA ||
	    eh->e_shentsize != sizeof(*sh) ||
	    !within(size, eh->e_shoff,
		    (unsigned long long)eh->e_shnum * sizeof(*sh)) ||
	    eh->e_shoff % _Alignof(Elf64_Shdr))
		return -1;
	sh = (const Elf64_Shdr *)(elf + eh->e_shoff);
	for (i = 0; i < eh->e_shnum; i++) {
		if (sh[i].sh_type != SHT_SYMTAB && sh[i].sh_type != SHT_DYNSYM)
			continue;
		if (sh[i].sh_link >= eh->e_shnum)
			continue;
		if (table_names(elf, size, &sh[i], &sh[sh[i].sh_link], names))
			return 1;
	}
	return 0;
}

int kfc_elf_names(const char *path, const char *const *names)
{
	struct stat st;
	void *elf;
	int fd, ret;

	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) || !S_ISREG(st.st_mode) || !st.st_size) {
		close(fd);
		return -1;
	}
	elf = mmap(NULL, st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	if (elf == MAP_FAILED)
		return -1;
	ret = elf_names(elf, st.st_size, names);
	munmap(elf, st.st_size);
	return ret;
}
