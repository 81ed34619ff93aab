# SPDX-License-Identifier: GPL-2.0-only
# Sourced by the benchmarks that run kfault: the build directory (the
# caller may set top_builddir first; by default the one above this script,
# or, as make bench runs them from bench/, the working directory's parent),
# the source directory, kfault and libkfault.so in the build, a scratch
# directory $out removed at exit, and now() for timing.
top_builddir=${top_builddir:-$(cd "$(dirname "$0")/.." && pwd)}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
[ -x "$top_builddir/shim/kfault" ] || top_builddir=$(pwd)/..
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
kfault=$top_builddir/shim/kfault
lib=${KFAULT_LIB:-$top_builddir/shim/.libs/libkfault.so}
out=$(mktemp -d /tmp/kfault-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT

now() { date +%s.%N; }
