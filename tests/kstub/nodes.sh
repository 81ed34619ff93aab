#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The node count: 1 by default, KSTUB_NR_NODES at load, kstub_set_nr_nodes()
# in a test, and a value kstub does not understand stops the program.  Also
# the memcg switches KSTUB_MEMCG=0 and KSTUB_MEMCG_KMEM=0.
. "$top_srcdir/tests/lib/tap.sh"
prog=./nodes-prog
plan 10

out_is() {
	want=$1
	shift
	got=$("$@")
	[ "$got" = "$want" ] || { diag "got '$got', want '$want'"; return 1; }
}

ok "one node by default" out_is "1 1 1 1 0 0" env -u KSTUB_NR_NODES $prog
ok "KSTUB_NR_NODES=4" out_is "4 4 4 4 0 0" env KSTUB_NR_NODES=4 $prog
ok "KSTUB_NR_NODES=64 (MAX_NUMNODES)" out_is "64 64 64 64 0 0" \
	env KSTUB_NR_NODES=64 $prog
ok "kstub_set_nr_nodes(3) overrides" out_is "3 3 3 3 0 0" \
	env KSTUB_NR_NODES=4 $prog 3
ok "kstub_set_nr_nodes(0) is -EINVAL" out_is "EINVAL" $prog 0
bad_values_stop() {
	for bad in 0 65 two -1; do
		KSTUB_NR_NODES=$bad $prog >/dev/null 2>&1
		st=$?
		[ $st -eq 2 ] || { diag "KSTUB_NR_NODES=$bad: status $st"; return 1; }
	done
}

ok "KSTUB_NR_NODES=0, 65, two, -1 stop the program with status 2" \
	bad_values_stop
ok "the message names the variable" \
	sh -c "KSTUB_NR_NODES=99 $prog 2>&1 | grep -q 'KSTUB_NR_NODES=99'"
ok "memcg on, kmem online after a memcg" \
	out_is "disabled=0 root=1 kmem=1" $prog memcg
ok "KSTUB_MEMCG=0: disabled, no root" \
	out_is "disabled=1 root=0 kmem=0" env KSTUB_MEMCG=0 $prog memcg
ok "KSTUB_MEMCG_KMEM=0: kmem stays offline" \
	out_is "disabled=0 root=1 kmem=0" env KSTUB_MEMCG_KMEM=0 $prog memcg
done_testing
