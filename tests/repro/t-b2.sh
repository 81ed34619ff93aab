#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B2: shrinker_free() does not wait for running scans, so the owner frees
# the object a scan is using.  Delays at mutex_lock hold the scan inside
# the owner's callbacks.  The plain build sees it too: the scan WARNs on
# the owner's poison, or crashes.
. "$top_srcdir/tests/repro/lib.sh"
race_entry b2 "none asan tsan" class=mutex_lock,delay=sleep:100us-2ms,probability=30 2 102 201
