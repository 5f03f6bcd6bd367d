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

# The rank of a part, and the part of a path (src/app/x.c -> app), in awk.
AWK_PARTS='
function part(p) { sub(/^(.*\/)?src\//, "", p); sub(/\/.*/, "", p); return p }
function rank(x) {
	if (x == "util" || x == "policy") return 0; if (x == "core") return 1
	if (x == "store") return 2; if (x == "app") return 3
	if (x == "demo" || x == "http") return 4; if (x == "cli") return 5
	if (x == "main.c" || x == "main.o") return 6; return 9
}
function upward(a, b) { return rank(b) > rank(a) || (rank(b) == rank(a) && a != b && a != "main.c") }'

# 1. includes
find "$SRC" -name '*.[ch]' | sort | xargs grep -HoE '^#include "[a-z_]+/' |
	awk -F: "$AWK_PARTS"'
	{ to = $2; sub(/#include "/, "", to); sub(/\//, "", to)
	  if (upward(part($1), to)) print "include upward: " $1 " includes " to "/" }' >"$T/inc"
# private headers stay private; handlers hold no SQL
part() { echo "$1" | sed -E 's#^(.*/)?src/##; s#/.*##'; }
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
awk "$AWK_PARTS"'
	{ if (upward(part($1), part($2))) print "call upward: " $1 " uses " $2 " (" part($1) " -> " part($2) ")" }' \
	"$T/edges" >"$T/up"
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
