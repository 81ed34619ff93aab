// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the shim's spec parser (shim/spec.c), which reads
 * KFAULT and KFAULT_SPEC before main in every program under test.  The
 * first byte chooses spec-file syntax (comments) or KFAULT's; the rest is
 * the spec.  Besides the sanitizers' checks, the result must be
 * coherent: a parsed spec within its limits, or a message of the form
 * the documentation promises.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kfault.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_check(bool cond)
{
	if (!cond)
		abort();
}

static void fuzz_check_rule(const struct kfault_rule *r, unsigned int i)
{
	fuzz_check(r->index == i + 1);
	fuzz_check(r->classes && !(r->classes & ~KFAULT_ALL_CLASSES));
	fuzz_check(r->is_delay || !(r->classes & ~kfault_fault_classes()));
	fuzz_check(r->is_delay || !r->per_thread || r->fail_nth);
	fuzz_check(r->ppm <= 1000000);
	fuzz_check(r->interval >= 1);
	fuzz_check(r->times_init >= -1);
	fuzz_check(r->space_init >= 0);
	fuzz_check(r->min_ns <= r->max_ns);
	fuzz_check(r->mode != KFAULT_DELAY_PCT ||
		   (r->pct_depth >= 1 && r->pct_depth <= KFAULT_MAX_PCT &&
		    r->pct_depth <= r->pct_steps && r->pct_hold_ns));
	fuzz_check(r->stack_in.nr_names + r->stack_out.nr_names +
			   r->caller.nr_names <=
		   KFAULT_MAX_FUNCS);
	fuzz_check(memchr(r->text, '\0', sizeof(r->text)) != NULL);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct kfault_config cfg;
	static char text[KFAULT_SPEC_MAX + 16];
	char err[512];
	unsigned int i;
	bool comments;

	if (!size)
		return 0;
	comments = data[0] & 1;
	data++;
	size--;
	if (size >= sizeof(text))
		size = sizeof(text) - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&cfg, 0, sizeof(cfg));
	memset(err, 0, sizeof(err));
	if (kfault_spec_parse(text, comments, &cfg, err, sizeof(err))) {
		fuzz_check(!strncmp(err, "kfault: spec: ", 14));
		fuzz_check(memchr(err, '\0', sizeof(err)) != NULL);
		return 0;
	}
	fuzz_check(!err[0]);
	fuzz_check(cfg.nr_rules <= KFAULT_MAX_RULES);
	for (i = 0; i < cfg.nr_rules; i++)
		fuzz_check_rule(&cfg.rules[i], i);
	fuzz_check(cfg.verbose >= 0 && cfg.verbose <= 2);
	fuzz_check(cfg.leak_exitcode != KFAULT_EXIT_SPEC);
	return 0;
}
