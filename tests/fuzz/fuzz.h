/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * What the command's harnesses share: the invariant check, and the input
 * in a buffer of exactly its size (no NUL after it), so that a reader
 * that runs past its length is ASan's to see.
 */
#ifndef KFAULT_FUZZ_H
#define KFAULT_FUZZ_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static inline void fuzz_check(bool cond)
{
	if (!cond)
		abort();
}

/* @size bytes of @data, in a buffer of that size; free() it. */
static inline char *fuzz_exact_copy(const uint8_t *data, size_t size)
{
	char *buf = kfc_xmalloc(size);

	memcpy(buf, data, size);
	return buf;
}

#endif /* KFAULT_FUZZ_H */
