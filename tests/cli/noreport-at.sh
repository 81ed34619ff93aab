#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A sweep subject that is ./planted none, except in the run whose spec
# fails call $1: there it leaves no report, the way $2 says.
#   exec   shim-hostile replaces itself with /bin/true: an empty report
#   true   /bin/true, no kstub program: the report is never created
#   fill   fill the file system of directory $3 first, its report file
#          removed so that the report needs new space: the shim cannot
#          write (ENOSPC)
# (libkfault.so stays inert in this shell: it is no kstub program.)
case ",$(printf %s "$KFAULT" | tr ';' ',')," in
*",fail_nth=$1,"*)
	case $2 in
	exec) exec "$top_builddir/tests/shim/shim-hostile" exec ;;
	true) exec /bin/true ;;
	fill)
		rm -f "$KFAULT_REPORT"
		cat /dev/zero >"$3/fill" 2>/dev/null
		;;
	esac
	;;
esac
exec ./planted none
