#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# AddressSanitizer must catch a use after the call_rcu free, and stay
# silent on a use inside the read-side section; the report of the object
# an RCU callback freed names the call_rcu that queued it (KASAN's "Last
# potentially related work creation"), which ASan alone cannot.
. "$top_srcdir/tests/lib/tap.sh"
[ "$KSTUB_SANITIZER" = asan ] ||
	plan_skip_all "needs an asan build (--enable-asan)"
out=${TMPDIR:-/tmp}/asan_rcu_uaf.$$
trap 'rm -f "$out".*' EXIT
plan 5

./asan_rcu_uaf bad >"$out.bad" 2>&1
status=$?
ok "use after the grace period: non-zero exit ($status)" [ "$status" -ne 0 ]
ok "use after the grace period: reported" \
	grep -q 'ERROR: AddressSanitizer: heap-use-after-free' "$out.bad"
ok "the report names the call_rcu that queued the free (main)" \
	sh -c "grep -A3 'last potentially related work creation' '$out.bad' |
		grep -q ' main+'"
grep -q "last potentially related" "$out.bad" || sed 's/^/# /' "$out.bad"

./asan_rcu_uaf good >"$out.good" 2>&1
status=$?
ok "use inside the reader: exit 0 ($status)" [ "$status" -eq 0 ]
ok "use inside the reader: no sanitizer report" \
	sh -c "! grep -Eq 'Sanitizer' '$out.good'"
done_testing
