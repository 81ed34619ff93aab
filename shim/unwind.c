// SPDX-License-Identifier: GPL-2.0-only
/*
 * Call stacks with libunwind: raw return addresses only; names are looked
 * up when a report is written, never on the hook path.
 */
#include "config.h"

#include <errno.h>

#define UNW_LOCAL_ONLY
#include <libunwind.h>

#include "kfault.h"

/*
 * The stack of the code that called the kernel API: frames inside kstub
 * and the shim are dropped by starting at @caller when it is on the stack.
 * When it is not (a tail call; an RCU callback, whose "caller" is the
 * function about to run), the stack starts past the shim's own frames:
 * they never appear in a stack a user reads.  (Frames are told by their
 * object, so in a program that links the shim's code in, as
 * tests/shim/linked.sh does, this stops at the first kstub frame.)
 */
unsigned int kfault_backtrace(uintptr_t *frames, unsigned int max,
			      const void *caller)
{
	void *raw[KFAULT_MAX_FRAMES + 8];
	int n, i, start = 0, saved_errno = errno;
	unsigned int out = 0;

	n = unw_backtrace(raw, KFAULT_MAX_FRAMES + 8);
	errno = saved_errno;
	if (n <= 0)
		return 0;
	for (i = 0; i < n; i++) {
		if (raw[i] == caller) {
			start = i;
			break;
		}
	}
	if (i == n) {
		/* Past the shim's own frames, at the top of the stack. */
		for (start = 0; start < n; start++)
			if (!kfault_same_object((uintptr_t)raw[start],
						(uintptr_t)kfault_backtrace))
				break;
		/* A function about to be called goes first, as the caller. */
		if (kfault_is_code(caller) && max)
			frames[out++] = (uintptr_t)caller;
	}
	/*
	 * Below the caller only the program's frames remain; a thread's start
	 * (spawn.c) tail-calls the program's routine and leaves none.
	 */
	for (i = start; i < n && out < max; i++)
		frames[out++] = (uintptr_t)raw[i];
	return out;
}

bool kfault_in_ranges(const struct kfault_funcs *fn, uintptr_t addr)
{
	unsigned int i;

	for (i = 0; i < fn->nr; i++)
		if (addr >= fn->r[i].lo && addr < fn->r[i].hi)
			return true;
	return false;
}

/* Return addresses point after the call: test addr - 1. */
bool kfault_stack_has(const struct kfault_funcs *fn, const uintptr_t *frames,
		      unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (kfault_in_ranges(fn, frames[i] - 1))
			return true;
	return false;
}

/*
 * A stack's id: a hash of its frames' offsets in their objects, the same
 * for the same call path in every run of the same binaries (addresses
 * move with ASLR; offsets do not).  Never 0.
 */
uint64_t kfault_stack_hash(const uintptr_t *frames, unsigned int nr)
{
	uint64_t h = UINT64_C(0xcbf29ce484222325);
	unsigned int i;

	for (i = 0; i < nr; i++)
		h = (h ^ kfault_object_offset(frames[i])) *
		    UINT64_C(0x100000001b3);
	return h ? h : 1;
}

/*
 * libunwind sets up its globals on the first walk, without a lock TSan
 * can see: walk once before the program's threads exist.
 */
void kfault_unwind_init(void)
{
	void *pc[2];
	int saved_errno = errno;

	unw_backtrace(pc, 2);
	errno = saved_errno;
}
