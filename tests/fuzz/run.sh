#!/bin/sh
# tests/fuzz/run.sh [SECONDS] — build every libFuzzer target tests/fuzz/fuzz_*.c
# with clang (fuzzer + ASan + UBSan), replay its regression inputs
# (tests/fuzz/corpus/<target>/*), then fuzz it for SECONDS (default 20).
#
#   make fuzz    -> sh tests/fuzz/run.sh 300
#   make test    -> sh tests/fuzz/run.sh 20
#
# Prints "ok - fuzz <target> (<execs> execs)" or "not ok - fuzz <target>" per
# target and ends with "fuzz: N passed, M failed"; exits 1 if any failed.
# Everything it writes goes under build/fuzz/ (objects, binaries, logs, new
# corpus, crash artifacts); the committed corpus is only read.
#
# A crash leaves build/fuzz/artifacts/<target>-crash-*; reproduce with
#   build/fuzz/<target> build/fuzz/artifacts/<target>-crash-...
# and keep it as a regression input under tests/fuzz/corpus/<target>/.
#
# Environment: FUZZ_CC (default clang), FUZZ_TARGETS (e.g. "fuzz_json"),
# FUZZ_KEEP=1 keeps the run's new corpus.
set -u

secs=${1:-20}
case $secs in '' | *[!0-9]*) echo "usage: $0 [SECONDS]" >&2; exit 2 ;; esac
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2

CC=${FUZZ_CC:-clang}
out=build/fuzz
mkdir -p "$out/obj" "$out/logs" "$out/artifacts"

BASE="-g -O1 -std=c11 -D_GNU_SOURCE -Isrc -Ibuild/gen"
# no recover: UBSan findings abort, so libFuzzer counts them as crashes
SAN="address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer"
PKG_CFLAGS="$(pkg-config --cflags jansson sqlite3 libsodium libmicrohttpd libzip expat xlsxwriter libqrencode 2>/dev/null) -I$(pg_config --includedir 2>/dev/null || echo /usr/include/postgresql)"
PKG_LIBS="$(pkg-config --libs jansson sqlite3 libsodium libmicrohttpd libzip expat xlsxwriter libqrencode 2>/dev/null) -lpq -lpthread"

passed=0
failed=0

fail() { # target reason [log]
	echo "not ok - fuzz $1 ($2)"
	if [ -n "${3:-}" ] && [ -f "$3" ]; then
		grep -E 'ERROR|SUMMARY|runtime error|check failed|Test unit written|Running: |#[0-9]+ 0x' "$3" |
			grep -vE 'fuzzer::|__sanitizer_|libc_start|libc\.so| in _start ' |
			head -25 | sed 's/^/#   /'
		echo "#   full log: $3"
	fi
	failed=$((failed + 1))
}

if ! command -v "$CC" >/dev/null 2>&1; then
	echo "not ok - fuzz build ($CC not found: apt-get install -y clang libclang-rt-14-dev)"
	echo "fuzz: 0 passed, 1 failed"
	exit 1
fi

# ---- the library, compiled once with clang and coverage instrumentation ----
# Generated sources (embedded web/, migrations, policy packs) come from make.
make --no-print-directory -s build/gen/embed_web.c build/gen/embed_mig.c \
	build/gen/embed_policy.c build/gen/embed_vendor.c >"$out/logs/gen.log" 2>&1 || {
	fail build "make build/gen failed" "$out/logs/gen.log"
	echo "fuzz: $passed passed, $failed failed"
	exit 1
}

lib_src=$(find src -name '*.c' ! -path src/main.c | sort)
lib_objs=""
build_ok=1
: >"$out/logs/lib.log"
for s in $lib_src build/gen/embed_web.c build/gen/embed_mig.c build/gen/embed_policy.c build/gen/embed_vendor.c; do
	o="$out/obj/$(echo "$s" | tr / _ | sed 's/\.c$/.o/')"
	lib_objs="$lib_objs $o"
	# up to date: neither the source nor any header is newer than the object
	if [ -f "$o" ] && [ -z "$(find "$s" -newer "$o" 2>/dev/null)" ] &&
		[ -z "$(find src build/gen -name '*.h' -newer "$o" 2>/dev/null | head -1)" ]; then
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $BASE -fsanitize=fuzzer-no-link,$SAN $PKG_CFLAGS -c -o "$o" "$s" \
		>>"$out/logs/lib.log" 2>&1; then
		echo "# compile failed: $s" >>"$out/logs/lib.log"
		rm -f "$o"
		build_ok=0
	fi
done
rm -f "$out/libsj-fuzz.a"
if [ $build_ok = 1 ]; then
	# shellcheck disable=SC2086
	ar rcs "$out/libsj-fuzz.a" $lib_objs || build_ok=0
fi
if [ $build_ok = 0 ]; then
	grep -E 'error|compile failed' "$out/logs/lib.log" | head -20 | sed 's/^/#   /'
fi

# ---- each target ----
targets=${FUZZ_TARGETS:-$(ls tests/fuzz/fuzz_*.c 2>/dev/null | sed 's|.*/||; s|\.c$||' | sort)}
[ -n "$targets" ] || echo "# no tests/fuzz/fuzz_*.c targets"

for t in $targets; do
	src=tests/fuzz/$t.c
	bin=$out/$t
	log=$out/logs/$t.log
	if [ ! -f "$src" ]; then
		echo "# skip fuzz $t: $src not present"
		continue
	fi
	if [ $build_ok = 0 ]; then
		fail "$t" "library did not compile: $out/logs/lib.log"
		continue
	fi
	# shellcheck disable=SC2086
	if ! $CC $BASE -fsanitize=fuzzer,$SAN $PKG_CFLAGS -o "$bin" "$src" "$out/libsj-fuzz.a" \
		$PKG_LIBS >"$log" 2>&1; then
		fail "$t" "build failed" "$log"
		continue
	fi

	# 1. regression inputs: every committed file must run clean
	reg=tests/fuzz/corpus/$t
	rfail=""
	rm -f "$log.replay" "$out/artifacts/$t-"*
	if [ -d "$reg" ]; then
		for f in "$reg"/*; do
			[ -f "$f" ] || continue
			if ! "$bin" -rss_limit_mb=2048 -timeout=10 "$f" >"$log.one" 2>&1; then
				rfail="$rfail ${f##*/}"
				cat "$log.one" >>"$log.replay"
			fi
		done
	fi
	rm -f "$log.one"
	if [ -n "$rfail" ]; then
		fail "$t" "regression input failed:$rfail" "$log.replay"
		continue
	fi

	# 2. fuzz for $secs seconds from the seeds; new inputs go to a temp dir
	work=$(mktemp -d "$root/$out/run-$t.XXXXXX")
	[ "$t" = fuzz_policy ] && cp policy/*.json "$work/" 2>/dev/null
	dict=""
	if [ -f "tests/fuzz/$t.dict" ]; then
		dict="-dict=tests/fuzz/$t.dict"
	elif [ "$t" = fuzz_policy ] && [ -f tests/fuzz/fuzz_json.dict ]; then
		# JSON tokens plus every key the shipped packs use
		{
			grep -v '^#' tests/fuzz/fuzz_json.dict
			grep -oh '"[A-Za-z_0-9]*":' policy/*.json | sort -u |
				sed 's/^"\(.*\)":$/"\\"\1\\":"/'
		} >"$out/$t.dict"
		dict="-dict=$out/$t.dict"
	fi
	seeds=""
	[ -d "$reg" ] && seeds=$reg
	# shellcheck disable=SC2086
	timeout -k 10 $((secs + 120)) "$bin" -max_total_time="$secs" -rss_limit_mb=2048 \
		-timeout=10 -print_final_stats=1 -artifact_prefix="$out/artifacts/$t-" $dict \
		"$work" $seeds >"$log" 2>&1
	rc=$?
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
	if [ "${FUZZ_KEEP:-0}" = 1 ]; then
		echo "# new corpus kept in $work"
	else
		rm -rf "$work"
	fi
	if [ $rc -ne 0 ] || [ -z "$execs" ]; then
		fail "$t" "exit $rc" "$log"
		continue
	fi
	echo "ok - fuzz $t ($execs execs)"
	passed=$((passed + 1))
done

echo "fuzz: $passed passed, $failed failed"
[ $failed -eq 0 ]
