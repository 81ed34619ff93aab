// SPDX-License-Identifier: GPL-2.0-only
/*
 * libFuzzer harness for the kfault command's JSON reader (shim/cli/json.c)
 * and its reader of the shim's report (shim/cli/report.c): what a program
 * under test leaves in KFAULT_REPORT, whatever it is.  The input is
 * handed over in a buffer of exactly its size, with no NUL after it, as
 * the readers promise to take it.  Besides the sanitizers' checks:
 * printing a parsed document and parsing that again gives the same text,
 * and a report is read, refused with a reason, or none, never two of
 * these, with every call's stack one of the report's stacks.
 */
#include "config.h"

#include <stdio.h>

#include "fuzz.h"

/* @j as text, in a malloc'd buffer. */
static char *fuzz_print(const struct kfc_json *j, size_t *len)
{
	char *text = NULL;
	FILE *f = open_memstream(&text, len);

	fuzz_check(f != NULL);
	fuzz_check(!kfc_json_print(f, j));
	fuzz_check(!fclose(f));
	return text;
}

static void fuzz_json(const char *buf, size_t size)
{
	const char *err = NULL;
	struct kfc_json *j = kfc_json_parse(buf, size, &err), *again;
	char *text, *text2;
	size_t len, len2;

	if (!j) {
		fuzz_check(err != NULL);
		return;
	}
	text = fuzz_print(j, &len);
	again = kfc_json_parse(text, len, &err);
	fuzz_check(again != NULL);
	text2 = fuzz_print(again, &len2);
	fuzz_check(len == len2 && !memcmp(text, text2, len));
	free(text2);
	free(text);
	kfc_json_free(again);
	kfc_json_free(j);
}

static void fuzz_report(const char *buf, size_t size)
{
	struct kfc_report r;
	size_t i, k;
	int ret = kfc_report_load_buffer(&r, buf, size, "fuzz.json");

	fuzz_check((ret == 0) == r.present);
	fuzz_check(!(r.present && r.refused));
	fuzz_check(r.path && !strcmp(r.path, "fuzz.json"));
	if (r.refused)
		fuzz_check(!strncmp(r.refused, "fuzz.json: ", 11));
	if (!r.present && !r.refused)
		fuzz_check(r.none == KFC_REPORT_EMPTY);
	fuzz_check(!r.nr_calls || r.calls);
	for (i = 0; i < r.nr_calls; i++) {
		const struct kfc_stack *s = kfc_call_stack(&r, &r.calls[i]);

		fuzz_check(r.calls[i].cls != NULL);
		fuzz_check(r.calls[i].stack >= -1 &&
			   r.calls[i].stack < (long)r.nr_stacks);
		fuzz_check(!s == (r.calls[i].stack < 0));
	}
	for (i = 0; i < r.nr_stacks; i++)
		for (k = 0; k < r.stacks[i].nr; k++)
			fuzz_check(r.stacks[i].frames[k] != NULL);
	for (k = 0; k < r.fault_stack.nr; k++)
		fuzz_check(r.fault_stack.frames[k] != NULL);
	kfc_report_release(&r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf = fuzz_exact_copy(data, size);

	fuzz_json(buf, size);
	fuzz_report(buf, size);
	free(buf);
	return 0;
}
