#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# AddressSanitizer must catch a use after the call_rcu free, and stay
# silent on a use inside the read-side section.
. "$top_srcdir/tests/kstub/tsan_asan_lib.sh"
sanitizer_control asan ./asan_rcu_uaf \
	'ERROR: AddressSanitizer: heap-use-after-free' \
	"use after the grace period" "use inside the reader"
