#!/bin/sh
# tests/bench/supervision.sh - supervision, computed items (issue 15, part
# SB): every computed C item for every school of the province demo in one
# go (app_sv_computed_all: the same dozen set-based queries as one school,
# target <= 60 s for 10,000 schools), for the term in force and the one
# before, and one school's GET /api/v1/schools/1/computed-items (req/s,
# p50/p99). Figures only, never pass/fail. Run by run.sh (make bench), or
# alone:
#
#   SJ_BENCH_SCHOOLS=200 sh tests/bench/supervision.sh
#
# Environment: SJ_BENCH_SCHOOLS (BENCH_PROVINCE_SCHOOLS, 10000), BENCH_DURATION
# (10), BENCH_WARMUP (2), SJ_BENCH_BUILD (build). Writes build/bench/supervision.json.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
build=${SJ_BENCH_BUILD:-build} # the build directory (BUILD= of make)
bin=$root/$build/shuangjian
schools=${SJ_BENCH_SCHOOLS:-${BENCH_PROVINCE_SCHOOLS:-10000}}
dur=${BENCH_DURATION:-10}
warm=${BENCH_WARMUP:-2}
pw='bench-pass-2026!'

. "$root/tests/bench/lib.sh"
bench_need wrk curl sqlite3
[ -x "$bin" ] || { echo "bench: $bin missing: run make" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-sv.XXXXXX") || exit 1
trap 'bench_stop_all; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# ---- 1. the demo (kept between runs) and the bulk tool ----
mkdir -p build/bench
cache=$(demo_cache "$schools")
if [ ! -f "$cache" ]; then
	echo "# supervision: building the demo with $schools schools into $cache"
	t0=$(date +%s)
	"$bin" demo --db "$cache.tmp" --password "$pw" --schools "$schools" --seed 1 >/dev/null 2>"$T/demo.log" || {
		echo "bench: demo failed:" >&2
		tail -5 "$T/demo.log" >&2
		exit 1
	}
	mv "$cache.tmp" "$cache"
	echo "# supervision: demo built in $(($(date +%s) - t0)) s"
fi
cp "$cache" "$T/sv.db"
q() { sqlite3 -batch -noheader "$T/sv.db" "$1"; }
PKGS="libmicrohttpd jansson sqlite3 libsodium xlsxwriter libzip expat libqrencode"
# shellcheck disable=SC2046 # pkg-config's flags, split on purpose
cc -std=c11 -D_GNU_SOURCE -O2 -Isrc -o "$T/svc_all" tests/bench/svc_all.c "$build/libsj.a" \
	$(pkg-config --libs $PKGS) -lpq -lpthread || { echo "bench: building svc_all failed" >&2; exit 1; }
now=$(q "SELECT MAX(id) FROM term")
last=$(q "SELECT MIN(id) FROM term")

# ---- 2. the whole round, twice per term (the second run has a warm cache) ----
bulk="" # term|run|schools|ms|figures|missing
for term in "$now" "$last"; do
	for k in 1 2; do
		out=$("$T/svc_all" "$T/sv.db" "$term" 2>>"$T/demo.log") || { echo "bench: svc_all failed" >&2; tail -3 "$T/demo.log" >&2; exit 1; }
		# shellcheck disable=SC2086 # four numbers
		set -- $out
		bulk="$bulk$term|$k|$1|$2|$3|$4
"
	done
done

# ---- 3. one school through the route ----
tok=$("$bin" token create --db "$T/sv.db" --user inspector --name bench 2>>"$T/demo.log" | tail -1)
port=$(free_port)
start_server "$T/sv.db" "$port"
wrk -t1 -c16 -d"${warm}s" -H "Authorization: Bearer $tok" "http://127.0.0.1:$port/api/v1/schools/1/computed-items" >/dev/null 2>&1
wrk -t1 -c16 -d"${dur}s" --latency -H "Authorization: Bearer $tok" "http://127.0.0.1:$port/api/v1/schools/1/computed-items" >"$T/wrk.out" 2>&1
wrk_figures "$T/wrk.out"
stop_server

# ---- 4. report ----
printf '%-8s %4s %8s %9s %9s %9s\n' term run schools ms figures missing
printf '%s' "$bulk" | awk -F'|' '{ printf "%-8s %4s %8s %9s %9s %9s\n", $1, $2, $3, $4, $5, $6 }'
best=$(printf '%s' "$bulk" | awk -F'|' -v t="$now" '$1 == t && $2 == 2 { print $4 }')
echo "supervision ($schools schools): every computed item of every school in ${best} ms for the term in force (target <= 60000); one school's items ${rps:-0} req/s, p50 ${p50ms:-0} ms, p99 ${p99ms:-0} ms"
{
	printf '{\n  "schools": %s, "date": "%s", "cores": %s, "one_school": {"req_per_s": %s, "p50_ms": %s, "p99_ms": %s, "non_2xx": %s},\n  "rounds": [' \
		"$schools" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "${rps:-0}" "${p50ms:-0}" "${p99ms:-0}" "${non2xx:-0}"
	printf '%s' "$bulk" | awk -F'|' '{ printf "%s\n    {\"term_id\": %s, \"run\": %s, \"schools\": %s, \"ms\": %s, \"figures\": %s, \"missing\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5, $6 }'
	printf '\n  ]\n}\n'
} >build/bench/supervision.json
echo "# wrote build/bench/supervision.json"
exit 0
