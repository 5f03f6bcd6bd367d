#!/bin/sh
# check_layers.sh [BUILD] - the parts of src/ depend one way (docs/ARCHITECTURE.md).
# Two graphs, both from the project's own files:
#  - includes: a file may include its own part and the parts below it; a
#    part's *_internal.h only its own files; http/ and cli/ no store/ header;
#  - calls: from the built objects (nm): file A -> file B when A uses a symbol
#    B defines. That graph must have no cycle, except the store's backend
#    dispatch (db.c <-> db_sqlite.c / db_pg.c), and every arrow must point to
#    the same part or one below.
# The layers, low to high: util policy | core | store | app | demo http | cli | main.
cd "$(dirname "$0")/.." || exit 2
BUILD=${1:-build}
SRC=${SJ_LAYERS_SRC:-src} # the self-test points it at a made-up tree
T=$(mktemp -d /tmp/sj-layers.XXXXXX)
trap 'rm -rf "$T"' EXIT
bad=0

rank() { # rank PART -> number
	case $1 in
	util | policy) echo 0 ;; core) echo 1 ;; store) echo 2 ;; app) echo 3 ;;
	demo | http) echo 4 ;; cli) echo 5 ;; main.c | main.o) echo 6 ;; *) echo 9 ;;
	esac
}
part() { echo "$1" | sed -E 's#^(.*/)?src/##; s#/.*##'; }

# 1. includes
for f in $(find "$SRC" -name '*.[ch]' | sort); do
	from=$(part "$f")
	grep -oE '^#include "[a-z_]+/' "$f" | sed -E 's/#include "//; s#/##' | sort -u | while read -r to; do
		if [ "$(rank "$to")" -gt "$(rank "$from")" ] ||
			{ [ "$(rank "$to")" -eq "$(rank "$from")" ] && [ "$to" != "$from" ] && [ "$from" != main.c ]; }; then
			echo "include upward: $f includes $to/"
		fi
	done
done >"$T/inc"
# private headers stay private; handlers hold no SQL
grep -rnE '^#include "[a-z]+/[a-z_]+_internal\.h"' "$SRC" | while IFS=: read -r f _ inc; do
	h=$(echo "$inc" | sed -E 's/#include "([a-z]+)\/.*/\1/')
	[ "$(part "$f")" != "$h" ] && echo "private header: $f includes $(echo "$inc" | sed 's/#include //')"
done >>"$T/inc"
grep -rlE '^#include "store/' "$SRC/http" "$SRC/cli" 2>/dev/null | sed 's/^/store used outside app: /' >>"$T/inc"
[ -s "$T/inc" ] && { cat "$T/inc"; bad=1; }

# 2. calls, from the objects
objs=$(find "$BUILD/obj/src" -name '*.o' 2>/dev/null | sort)
if [ -z "$objs" ]; then
	echo "not ok - no objects under $BUILD/obj/src (build first)"; echo "layers: 0 passed, 1 failed"; exit 1
fi
for o in $objs; do
	rel=${o#"$BUILD"/obj/}
	nm "$o" | awk -v f="$rel" '$2 ~ /^[TDBR]$/ { print "def", $3, f } $1 == "U" { print "use", $2, f }'
done >"$T/syms"
awk '$1 == "def" { d[$2] = $3 } $1 == "use" { u[NR] = $2 " " $3 }
	END { for (i in u) { split(u[i], p, " "); if ((p[1] in d) && d[p[1]] != p[2]) print p[2], d[p[1]] } }' \
	"$T/syms" | sort -u >"$T/edges"
while read -r a b; do
	ra=$(rank "$(part "$a")"); rb=$(rank "$(part "$b")")
	if [ "$rb" -gt "$ra" ] || { [ "$rb" -eq "$ra" ] && [ "$(part "$a")" != "$(part "$b")" ]; }; then
		echo "call upward: $a uses $b ($(part "$a") -> $(part "$b"))"
	fi
done <"$T/edges" >"$T/up"
[ -s "$T/up" ] && { cat "$T/up"; bad=1; }
# cycles: tsort names the files of each loop; the backend dispatch is left out
grep -vE '^src/store/db(_sqlite|_pg)?\.o src/store/db(_sqlite|_pg)?\.o$' "$T/edges" >"$T/dag"
if ! tsort "$T/dag" >/dev/null 2>"$T/loop"; then
	echo "call cycle among:"; grep -v 'input contains a loop' "$T/loop" | sed 's/^tsort: /  /'
	bad=1
fi
n=$(wc -l <"$T/edges")
if [ $bad = 0 ]; then
	echo "ok - src/ depends one way ($n file-to-file call arrows, no cycle but the backend dispatch)"
	echo "layers: 1 passed, 0 failed"
else
	echo "not ok - layers"; echo "layers: 0 passed, 1 failed"
fi
exit $bad
