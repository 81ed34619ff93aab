#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every run with the shim gets the sanitizer options a sweep needs
# (TSan's atexit_sleep_ms=0: no second's sleep at each exit), unless the
# user's own *SAN_OPTIONS set that key; the user's other options stay.
. "$srcdir/lib.sh"
plan 5

# a sweep subject that notes the TSAN_OPTIONS each of its runs sees
cat >"$scratch/env.sh" <<EOF
#!/bin/sh
printf '%s\n' "\$TSAN_OPTIONS" >>"$PWD/$scratch/seen"
exec ./planted none
EOF
chmod +x "$scratch/env.sh"

# --exec: each point is a process of its own, started with the options
# (a fork server's points are its copies)
TSAN_OPTIONS="halt_on_error=1 history_size=3" \
	"$kfault" sweep --exec -o "$scratch/sweep" -- "$scratch/env.sh" \
	>/dev/null 2>&1
sed 's/^/# seen: /' "$scratch/seen"
ok "sweep: the counting run and 5 points ran" is "$(wc -l <"$scratch/seen")" 6
ok "sweep: every run saw atexit_sleep_ms=0" \
	is "$(grep -c '[ ,:]atexit_sleep_ms=0$' "$scratch/seen")" 6
ok "sweep: ... and the user's own options" \
	is "$(grep -c '^halt_on_error=1 history_size=3[ ,:]' "$scratch/seen")" 6

rm -f "$scratch/seen"
TSAN_OPTIONS="atexit_sleep_ms=5:halt_on_error=1" \
	"$kfault" run -- "$scratch/env.sh" >/dev/null 2>&1
sed 's/^/# seen: /' "$scratch/seen"
ok "run: the user's atexit_sleep_ms=5 is kept" \
	is "$(cat "$scratch/seen")" "atexit_sleep_ms=5:halt_on_error=1"

rm -f "$scratch/seen"
TSAN_OPTIONS= "$kfault" run -- "$scratch/env.sh" >/dev/null 2>&1
ok "run: set when the user set no TSAN_OPTIONS" \
	is "$(cat "$scratch/seen")" "atexit_sleep_ms=0"
done_testing
