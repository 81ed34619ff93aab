// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the reader of a sweep's results file
 * (shim/cli/results.c): what --resume takes back, whatever a kill, a
 * full disk or an edit left in it.  The input is one line for
 * kfc_result_parse() and a whole file for kfc_results_parse(), in a
 * buffer of exactly its size.  Besides the sanitizers' checks: a line is
 * broken with a reason, a header with every key, or a point in range;
 * a file read is whole lines of distinct points, or refused and empty.
 */
#include "config.h"

#include <stdio.h>

#include "fuzz.h"
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* The sweep the corpus's headers were written by. */
static char *fuzz_argv[] = {"./planted", "none", NULL};
static const struct kfc_sweep_id fuzz_id = {
	.argv = fuzz_argv,
	.program = "./planted",
	.program_hash = "fnv1a64:0123456789abcdef",
	.spec = "",
	.mode = "stack",
	.keep_failing = false,
};

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	/* kfc_warn's messages on a refused file: not libFuzzer's output */
	stderr = fopen("/dev/null", "w");
	return 0;
}

static void fuzz_check_point(const struct kfc_result *res)
{
	fuzz_check(res->outcome >= 0 && res->outcome < KFC_NR_OUTCOMES);
	fuzz_check(res->point >= 1 && res->nth >= 1);
	fuzz_check(res->exit >= -1 && res->exit <= 255);
	fuzz_check(res->signal >= 0 && res->signal <= 128);
	fuzz_check(res->detail && res->err_path);
}

static void fuzz_line(const char *buf, size_t size)
{
	struct kfc_result res;
	size_t i;

	switch (kfc_result_parse(buf, size, &res)) {
	case KFC_LINE_BROKEN:
		fuzz_check(res.why != NULL);
		break;
	case KFC_LINE_HEADER:
		fuzz_check(res.id.argv && res.id.argv[0]);
		for (i = 0; res.id.argv[i]; i++)
			;
		fuzz_check(res.id.program && res.id.program_hash &&
			   res.id.spec && res.id.mode);
		break;
	case KFC_LINE_POINT:
		fuzz_check_point(&res);
		break;
	default:
		fuzz_check(false);
	}
	kfc_result_release(&res);
}

static void fuzz_file(const char *buf, size_t size)
{
	struct kfc_results rs;
	size_t i, k, lines = 0;

	for (i = 0; i < size; i++)
		lines += buf[i] == '\n';
	if (kfc_results_parse(&rs, buf, size, &fuzz_id, "fuzz.jsonl")) {
		fuzz_check(!rs.nr && !rs.pts);
		return;
	}
	fuzz_check(rs.nr + rs.dups + rs.broken <= lines + 1);
	fuzz_check(!rs.broken || (rs.first_broken >= 1 && rs.first_why));
	fuzz_check(rs.header || !rs.nr);
	for (i = 0; i < rs.nr; i++) {
		fuzz_check(rs.pts[i].type == KFC_LINE_POINT);
		fuzz_check(rs.pts[i].raw && !strchr(rs.pts[i].raw, '\n'));
		fuzz_check_point(&rs.pts[i]);
		for (k = 0; k < i; k++)
			fuzz_check(rs.pts[k].point != rs.pts[i].point ||
				   rs.pts[k].nth != rs.pts[i].nth ||
				   rs.pts[k].persist != rs.pts[i].persist);
	}
	kfc_results_release(&rs);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_exact_copy(data, size);

	fuzz_line(buf, size);
	fuzz_file(buf, size);
	free(buf);
	return 0;
}
