#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# ThreadSanitizer must report a free under an RCU reader, and stay silent
# when the free goes through call_rcu.
. "$top_srcdir/tests/kstub/tsan_asan_lib.sh"
sanitizer_control tsan ./tsan_rcu_free \
	'WARNING: ThreadSanitizer: (data race|heap-use-after-free)' \
	"immediate kfree under an RCU reader" "call_rcu, then kfree"
