#!/bin/sh
# run.sh - everything `make test` runs, in order. Each stage prints its own
# "ok/not ok" lines and a "label: N passed, M failed" line (cmocka prints its
# own summary); the last line here adds them all up.
# SJ_FUZZ_SECONDS (default 20) sets the fuzz smoke length per target.
set -u
cd "$(dirname "$0")/.." || exit 2
. tests/lib.sh
LOGS=build/test-logs
rm -rf "$LOGS"; mkdir -p "$LOGS"
TP=0; TF=0
PGDIR=""
cleanup() { [ -n "$PGDIR" ] && bash tests/pg/pg.sh stop "$PGDIR" >/dev/null 2>&1; }
trap cleanup EXIT INT TERM

# stage NAME CMD...: run, keep the log, add its counts. A stage that fails
# without reporting a failed count counts as one failure.
stage() {
	name=$1; shift
	printf '\n== %s\n' "$name"
	"$@" >"$LOGS/$name.log" 2>&1
	rc=$?
	cat "$LOGS/$name.log"
	p=$(sed -nE 's/^[A-Za-z0-9_.-]+: ([0-9]+) passed, ([0-9]+) failed.*$/\1/p; s/^\[  PASSED  \] ([0-9]+) test.*$/\1/p' "$LOGS/$name.log" | awk '{s+=$1} END {print s+0}')
	f=$(sed -nE 's/^[A-Za-z0-9_.-]+: ([0-9]+) passed, ([0-9]+) failed.*$/\2/p; s/^\[  FAILED  \] ([0-9]+) test.*$/\1/p' "$LOGS/$name.log" | awk '{s+=$1} END {print s+0}')
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; echo "not ok - stage $name exited $rc"; fi
	TP=$((TP + p)); TF=$((TF + f))
}

unit_all() { # unit_all BUILD_DIR: every cmocka binary
	rc=0
	for t in "$1"/test/test_*; do
		case "$t" in *.d) continue;; esac
		"$t" || rc=1
	done
	return $rc
}

clang_build() { # -Wall -Wextra -Werror holds on clang too
	if make --no-print-directory CC=clang BUILD=build/clang all unit >build/clang.log 2>&1; then
		echo "ok - clang build with -Werror"; echo "clang: 1 passed, 0 failed"
	else
		grep -E 'error' build/clang.log | head -20; echo "not ok - clang build"; echo "clang: 0 passed, 1 failed"
	fi
}

stage sql-check sh tools/check_sql.sh
stage layers sh tools/check_layers.sh build
stage layers-selftest sh tests/layers_selftest.sh
stage clang-build clang_build
stage demo-same sh tests/demo_same.sh
stage routes-doc sh tests/api/routes_documented.sh
stage audit-names sh tests/audit_names.sh
stage web-literals node tests/web_literals.mjs

# A throwaway PostgreSQL for everything that runs on both backends.
PGDIR=$(mktemp -u /tmp/sj-pg.XXXXXX)
if PG_MAIN=$(bash tests/pg/pg.sh start "$PGDIR"); then
	export SJ_TEST_PG="$PG_MAIN"
	PG_API=$(bash tests/pg/pg.sh newdb "$PGDIR" api)
	PG_ACCESS=$(bash tests/pg/pg.sh newdb "$PGDIR" access)
else
	echo "not ok - PostgreSQL could not be started"; TF=$((TF + 1)); PGDIR=""
fi

stage unit unit_all build
stage api-sqlite sh tests/api/suite.sh sqlite
if [ -n "$PGDIR" ]; then stage api-pg sh tests/api/suite.sh pg "$PG_API"; fi
stage access-sqlite sh tests/api/access.sh sqlite
if [ -n "$PGDIR" ]; then stage access-pg sh tests/api/access.sh pg "$PG_ACCESS"; fi
stage slow-clients sh tests/api/slow.sh
KT=$(mktemp -d /tmp/sj-kill9.XXXXXX)
stage kill9 node tests/api/kill9.mjs build/shuangjian "$KT" 30
rm -rf "$KT"
stage diskfull sh tests/api/diskfull.sh
stage e2e sh tests/e2e/run.sh
stage fuzz sh tests/fuzz/run.sh "${SJ_FUZZ_SECONDS:-20}"

# The whole C suite once more under ASan+UBSan: unit tests and the API suite
# against a sanitized server.
if make --no-print-directory asan >"$LOGS/asan-build.log" 2>&1; then
	export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
	stage asan-unit unit_all build/asan
	export SJ_BIN=build/asan/shuangjian
	stage asan-api-sqlite sh tests/api/suite.sh sqlite
	unset SJ_BIN
else
	cat "$LOGS/asan-build.log"; echo "not ok - ASan build"; TF=$((TF + 1))
fi

printf '\n'
echo "$TP passed, $TF failed"
[ "$TF" -eq 0 ]
