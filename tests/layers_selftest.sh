#!/bin/sh
# layers_selftest.sh - tools/check_layers.sh fails on what it is there to
# catch: two app/ files that call each other, and util/ calling up into app/.
cd "$(dirname "$0")/.." || exit 2
T=$(mktemp -d /tmp/sj-layers-self.XXXXXX)
trap 'rm -rf "$T"' EXIT
mkdir -p "$T/obj/src/app" "$T/obj/src/util" "$T/obj/src/store"
printf 'int b(int);\nint a(int x) { return x ? b(x - 1) : 0; }\n' >"$T/a.c"
printf 'int a(int);\nint b(int x) { return a(x); }\n' >"$T/b.c"
printf 'int a(int);\nint u(void) { return a(1); }\n' >"$T/u.c"
printf 'int s(void) { return 0; }\n' >"$T/s.c"
cc -c -o "$T/obj/src/app/a.o" "$T/a.c" && cc -c -o "$T/obj/src/app/b.o" "$T/b.c" &&
	cc -c -o "$T/obj/src/util/u.o" "$T/u.c" && cc -c -o "$T/obj/src/store/s.o" "$T/s.c" || exit 2
p=0; f=0
check() { # check NAME PATTERN: the tool must fail and print PATTERN
	if grep -q "$2" "$T/out" && [ "$rc" -ne 0 ]; then echo "ok - $1"; p=$((p + 1)); else echo "not ok - $1"; cat "$T/out"; f=$((f + 1)); fi
}
sh tools/check_layers.sh "$T" >"$T/out" 2>&1; rc=$?
check "a call cycle in app/ fails the check" 'call cycle among'
check "the cycle names both files" 'src/app/b.o'
check "util calling app fails the check" 'call upward: src/util/u.o uses src/app/a.o'
# includes, in a made-up source tree
mkdir -p "$T/src/http" "$T/src/demo" "$T/src/core"
printf '#include "app/app_internal.h"\n' >"$T/src/demo/d.c"
printf '#include "store/store_org.h"\n' >"$T/src/http/h.c"
printf '#include "app/app.h"\n' >"$T/src/core/c.c"
SJ_LAYERS_SRC="$T/src" sh tools/check_layers.sh "$T" >"$T/out" 2>&1; rc=$?
check "demo/ including app's private header fails" 'private header: .*src/demo/d.c'
check "a handler file including a store header fails" 'store used outside app: .*src/http/h.c'
check "core including app fails" 'include upward: .*src/core/c.c includes app/'
rm "$T/obj/src/app/b.o" "$T/obj/src/util/u.o"
sh tools/check_layers.sh "$T" >"$T/out" 2>&1; rc=$?
if [ "$rc" -eq 0 ]; then echo "ok - one-way objects pass"; p=$((p + 1)); else echo "not ok - one-way objects pass"; cat "$T/out"; f=$((f + 1)); fi
echo "layers-selftest: $p passed, $f failed"
[ "$f" -eq 0 ]
