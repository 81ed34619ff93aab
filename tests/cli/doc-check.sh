#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# scripts/doc-check: a shown output that matches the real one passes,
# masked parts (addresses, times, pids, seeds) and "..." aside; a shown
# line edited by hand fails, and so does a block whose build is missing.
. "$srcdir/lib.sh"
command -v python3 >/dev/null || plan_skip_all "python3 not installed"
check=$top_srcdir/scripts/doc-check
plan 5

doc="$scratch/doc.md"
cat >"$doc" <<DOC
<!-- doc-check: here: $kfault --version; echo "at 0x7fff1234, pid 42 in 0.3s" -->
\`\`\`
kfault $("$kfault" --version | sed 's/^kfault //')
at 0xdeadbeef, pid 7 in 1.5s
\`\`\`

<!-- doc-check: here -->
    \$ printf 'one\ntwo\nthree\nfour\n'
    one
    ...
    four

<!-- doc-check: not run: an example of a block that says why -->
\`\`\`
anything
\`\`\`
DOC
"$check" --build here="$PWD" "$doc" >"$scratch/out" 2>&1
rc=$?
sed 's/^/# /' "$scratch/out"
ok "a shown output that is the real one passes (masks, ...)" test $rc -eq 0
ok "the block that cannot be run is counted, not checked" \
	grep -q "2 blocks checked, 0 differ, 1 not run" "$scratch/out"

sed 's/^    four$/    five/' "$doc" >"$scratch/edited.md"
"$check" --build here="$PWD" "$scratch/edited.md" >"$scratch/out" 2>&1
rc=$?
ok "negative control: an edited shown line fails (status $rc)" test $rc -eq 1
ok "and the difference is printed" grep -q "^  +four" "$scratch/out"

"$check" --build other="$PWD" "$doc" >"$scratch/out" 2>&1
ok "a block whose build is missing is an error, not a pass" test $? -eq 2
done_testing
