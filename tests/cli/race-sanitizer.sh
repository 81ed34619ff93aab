#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault race and replay say, before the first run, when the program is
# an ELF file built without ASan or TSan (nothing would see the
# use-after-free a schedule opens); they say nothing of a sanitized
# program, nor of a script, which they cannot tell.
. "$srcdir/lib.sh"
plan 6

warning='is built without AddressSanitizer or ThreadSanitizer'

# said CMD PROG ARGS...: did kfault CMD warn about PROG?
said() {
	cmd=$1
	shift
	"$kfault" "$cmd" --runs 1 --seed 1 -o "$scratch/$cmd" -- "$@" \
		>/dev/null 2>"$scratch/$cmd.err"
	sed 's/^/# /' "$scratch/$cmd.err"
	grep -q "^kfault $cmd: $1 $warning" "$scratch/$cmd.err"
}

# an ELF program of the system's, found in PATH, built with neither
ok "race: warns of a program without a sanitizer (true, from PATH)" \
	said race true
ok "replay: warns too" said replay true
case $KSTUB_SANITIZER in
asan | tsan)
	ok "race: no warning on this build's race-uaf ($KSTUB_SANITIZER)" \
		eval '! said race ./race-uaf fixed'
	ok "replay: nor from replay" eval '! said replay ./race-uaf fixed'
	;;
*)
	ok "race: warns of this build's race-uaf (no sanitizer)" \
		said race ./race-uaf fixed
	skip "no sanitizer in this build: a sanitized program to compare"
	;;
esac
printf '#!/bin/sh\nexec ./race-uaf fixed\n' >"$scratch/script.sh"
chmod +x "$scratch/script.sh"
ok "race: nothing said of a script" eval '! said race "$scratch/script.sh"'
ok "race: ... which still ran (a seed was tried)" \
	grep -q "^kfault race: 1 run" "$scratch/race.err"
done_testing
