#!/bin/sh
# tests/bench/health.sh - the health figures (issue 14, part HE): how long
# GET /api/v1/schools/1/health (one school) and GET /api/v1/health (every
# school of the district, with the totals) take on a demo district whose
# first 40 schools have a term of activity, fitness and two screenings.
# Figures only, never pass/fail (the five-managements target is 200 ms).
# Run by run.sh (make bench), or alone:
#
#   sh tests/bench/health.sh
#
# Environment: SJ_BENCH_HEALTH_SCHOOLS (0: the default district of about 30;
# 10000 is the province), SJ_BENCH_HEALTH_RUNS (30 requests each).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=${SJ_BIN:-$root/build/shuangjian}
schools=${SJ_BENCH_HEALTH_SCHOOLS:-0}
runs=${SJ_BENCH_HEALTH_RUNS:-30}

. "$root/tests/bench/lib.sh"
bench_need curl
[ -x "$bin" ] || { echo "bench: build/shuangjian missing: run make" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-he.XXXXXX") || exit 1
trap 'bench_stop_all; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

PW='bench-pass-2026!'
t0=$(date +%s%3N)
"$bin" demo --db "$T/he.db" --password "$PW" --schools "$schools" >/dev/null 2>"$T/demo.log" || {
	echo "bench: demo failed:" >&2
	tail -5 "$T/demo.log" >&2
	exit 1
}
echo "# health: demo (--schools $schools) built in $(($(date +%s%3N) - t0)) ms"
TOKEN=$("$bin" token create --db "$T/he.db" --user admin --name bench 2>/dev/null | tail -1)
port=$(free_port)
start_server "$T/he.db" "$port"

# timing NAME PATH: runs requests one after another; median and p95 in ms
timing() {
	for i in $(seq "$runs"); do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$port$2"
	done | sort -n | awk -v name="$1" '{ t[NR] = $1 * 1000 } END {
		m = t[int((NR + 1) / 2)]; p = t[int(NR * 0.95 + 0.5)]
		printf "%s|%.1f|%.1f\n", name, m, p }'
}
res=$(timing school /api/v1/schools/1/health; timing district /api/v1/health; timing district_xlsx /api/v1/health.xlsx)
echo "$res" | awk -F'|' '{ printf "# health: %-14s median %7.1f ms  p95 %7.1f ms\n", $1, $2, $3 }'
mkdir -p build/bench
{
	printf '{\n  "schools": %s, "runs": %s,\n  "results": [\n' "$schools" "$runs"
	echo "$res" | awk -F'|' '{ printf "%s    {\"bench\": \"%s\", \"median_ms\": %s, \"p95_ms\": %s}", (NR > 1 ? ",\n" : ""), $1, $2, $3 }'
	printf '\n  ]\n}\n'
} >build/bench/health.json
echo "# wrote build/bench/health.json"
