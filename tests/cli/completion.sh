#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The bash completion offers kfault's subcommands and each one's options,
# read from the program's own --help (so a new option needs no edit).
. "$srcdir/lib.sh"
command -v bash >/dev/null || plan_skip_all "bash not installed"
plan 3

# complete WORDS...: what bash would offer for the last word
complete_words() {
	bash -c '. "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
		_kfault; printf "%s\n" "${COMPREPLY[@]}"' \
		sh "$top_srcdir/scripts/kfault.bash-completion" "$@"
}

ok "subcommands, the longest name too" eval \
	'[ "$(complete_words "$kfault" s | sort | tr "\n" " ")" = "sweep symbolize " ]'
ok "a subcommand's options, from its --help" eval \
	'complete_words "$kfault" sweep --ti | grep -qx -- --timeout'
ok "negative control: no option kfault does not have" eval \
	'[ -z "$(complete_words "$kfault" sweep --no-such)" ]'
done_testing
