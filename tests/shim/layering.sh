# SPDX-License-Identifier: GPL-2.0-only
# The shim's files call only files below them (doc/architecture.md): read
# every object's defined and undefined symbols with nm and check each
# call between two files against the layer table.  The negative control
# feeds the same check an edge upwards and expects it refused.
. "$srcdir/../lib/tap.sh"

objdir="$top_builddir/shim/.libs"
set -- "$objdir"/libkfault_la-*.o
if [ ! -f "$1" ]; then
	plan_skip_all "libkfault's objects not found in $objdir"
fi
command -v nm >/dev/null || plan_skip_all "nm not installed"

# file layer: a file may call files of a lower layer only
layers='
init 8
exits 7
inject 6
forks 5
delay 5
report 5
trace 4
spawn 3
records 3
rules 3
threads 2
sched 2
spec 1
out 1
unwind 1
symbols 0
sites 0
'

# Print "caller callee" for every call between two of the shim's files.
edges() {
	for o in "$objdir"/libkfault_la-*.o; do
		f=${o##*libkfault_la-}
		nm "$o" | sed "s/^/${f%.o} /"
	done | awk '
		NF == 4 && $3 ~ /^[TDBR]$/ { def[$4] = $1; next }
		NF == 3 && $2 == "U" { use[$1 " " $3] = 1 }
		END {
			for (k in use) {
				split(k, a, " ")
				if (a[2] in def && def[a[2]] != a[1])
					print a[1], def[a[2]]
			}
		}' | sort -u
}

# Read "caller callee" lines; print those that do not go downwards.
upwards() {
	awk -v layers="$layers" '
		BEGIN {
			n = split(layers, l, "\n")
			for (i = 1; i <= n; i++) {
				split(l[i], f, " ")
				if (f[1] != "")
					layer[f[1]] = f[2]
			}
		}
		!($1 in layer) || !($2 in layer) { print $0, "(not in the table)"; next }
		layer[$1] <= layer[$2] { print }'
}

plan 3
all=$(edges)
ok "nm finds calls between the shim's files" test -n "$all"
bad=$(printf '%s\n' "$all" | upwards)
ok "every call goes to a lower layer" test -z "$bad"
[ -z "$bad" ] || printf '%s\n' "$bad" | sed 's/^/# upwards: /'
ok "negative control: a call upwards is refused" \
	test -n "$(echo 'records inject' | upwards)"
done_testing
