// SPDX-License-Identifier: GPL-2.0-only
/*
 * What KASAN adds to a report that AddressSanitizer cannot know: for an
 * object an RCU callback freed, ASan's "freed by" names kstub's callback
 * thread, not the code that queued the free.  KASAN prints that as "Last
 * potentially related work creation"; kstub prints the call_rcu() or
 * kfree_rcu() stack after ASan's report, from the callbacks it ran last.
 * Only in ASan builds.
 */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "internal.h"

#ifdef KSTUB_ASAN
#include <sanitizer/asan_interface.h>

/* "is located 200 bytes inside of 248-byte region [0x..,0x..)" */
static bool kasan_region(const char *report, uintptr_t *lo, uintptr_t *hi)
{
	const char *p = strstr(report, "-byte region [");

	return p && sscanf(p, "-byte region [%" SCNxPTR ",%" SCNxPTR ")", lo,
			   hi) == 2;
}

static void kasan_report_callback(const char *report)
{
	struct kstub_stack stack;
	uintptr_t lo, hi;
	char buf[4096];

	if (!strstr(report, "use-after-free") ||
	    !kasan_region(report, &lo, &hi))
		return;
	if (!kstub_rcu_recent_queuer(lo, hi, &stack))
		return;
	buf[0] = '\0';
	kstub_stack_format(&stack, buf, sizeof(buf));
	fprintf(stderr,
		"kstub: freed by an RCU callback; last potentially related "
		"work "
		"creation (the call_rcu/kfree_rcu that queued it), in %s",
		buf);
	fflush(stderr);
}

static __attribute__((constructor)) void kasan_init(void)
{
	__asan_set_error_report_callback(kasan_report_callback);
}
#endif
