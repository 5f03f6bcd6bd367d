#!/bin/sh
# tests/bench/exams.sh - exam figures (issue 14, part EX): the district's
# exam view GET /api/v1/exams?term_id= on the province demo (target <= 200 ms
# like the other district pages), a school's plan list, the .xlsx export, and
# the rule check of a plan (POST /api/v1/schools/1/exams, a second final, so
# every post is counted and refused EX_FINAL_ONCE in its own transaction:
# refusals/s). Figures only, never pass/fail. Run by run.sh (make bench)
# after homework.sh (which leaves the province demo in build/bench), or alone:
#
#   SJ_BENCH_SCHOOLS=200 sh tests/bench/exams.sh
#
# Environment: SJ_BENCH_SCHOOLS (BENCH_PROVINCE_SCHOOLS, 10000), BENCH_DURATION
# (10), BENCH_WARMUP (2). Writes build/bench/exams.json.
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
schools=${SJ_BENCH_SCHOOLS:-${BENCH_PROVINCE_SCHOOLS:-10000}}
dur=${BENCH_DURATION:-10}
warm=${BENCH_WARMUP:-2}
pw='bench-pass-2026!'

. "$root/tests/bench/lib.sh"
bench_need wrk curl sqlite3
[ -x "$bin" ] || { echo "bench: $bin missing: run make" >&2; exit 1; }
T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-ex.XXXXXX") || exit 1
trap 'bench_stop_all; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# ---- 1. the demo (kept between runs, as homework.sh keeps it) ----
mkdir -p build/bench
cache=$(demo_cache "$schools")
if [ ! -f "$cache" ]; then
	echo "# exams: building the demo with $schools schools into $cache"
	"$bin" demo --db "$cache.tmp" --password "$pw" --schools "$schools" --seed 1 >/dev/null 2>"$T/demo.log" || {
		echo "bench: demo failed:" >&2
		tail -5 "$T/demo.log" >&2
		exit 1
	}
	mv "$cache.tmp" "$cache"
fi
cp "$cache" "$T/ex.db"
q() { sqlite3 -batch -noheader "$T/ex.db" "$1"; }
term=$(q "SELECT MAX(id) FROM term")
echo "# exams: $(q "SELECT count(*) FROM school") schools, $(q "SELECT count(*) FROM exam_plan") plans, $(q "SELECT count(*) FROM exam_result") results"
tok=$("$bin" token create --db "$T/ex.db" --user admin --name bench 2>>"$T/demo.log" | tail -1)

# ---- 2. reads and refusals ----
port=$(free_port)
start_server "$T/ex.db" "$port"
base="http://127.0.0.1:$port"
auth="Authorization: Bearer $tok"
results=""
run() { # NAME URL [wrk args]
	name=$1
	url=$2
	shift 2
	wrk -t1 -c16 -d"${warm}s" -H "$auth" "$@" "$url" >/dev/null 2>&1
	wrk -t1 -c16 -d"${dur}s" --latency -H "$auth" "$@" "$url" >"$T/wrk.out" 2>&1
	wrk_figures "$T/wrk.out"
	results="$results$name|${rps:-0}|${p50ms:-0}|${p99ms:-0}|${non2xx:-0}
"
}
run "district view" "$base/api/v1/exams?term_id=$term"
run "school plans" "$base/api/v1/schools/1/exams?term_id=$term"
cat >"$T/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"term_id":$term,"grade":3,"kind":"final","form":"paper","date":"2027-01-15","subjects":["语文"]}'
LUA
run "plan refused (422/s)" "$base/api/v1/schools/1/exams" -s "$T/post.lua"
xlsx_ms=$(curl -s -o "$T/ex.xlsx" -w '%{time_total}' -H "$auth" "$base/api/v1/exams.xlsx?term_id=$term" | awk '{ printf "%d", $1 * 1000 + 0.5 }')
stop_server
stored=$(q "SELECT count(*) FROM exam_plan WHERE school_id = 1 AND term_id = $term AND grade = 3 AND kind = 'final' AND withdrawn = 0")

# ---- 3. report ----
printf '%-24s %8s %8s %9s %7s\n' bench req/s p50 p99 non-2xx
printf '%s' "$results" | awk -F'|' '{ printf "%-24s %8s %6sms %7sms %7s\n", $1, $2, $3, $4, $5 }'
view=$(printf '%s' "$results" | awk -F'|' '$1 == "district view" { print $3 "/" $4 }')
echo "exams ($schools schools): district view p50/p99 ${view} ms (target <= 200), export ${xlsx_ms} ms; grade 3 still has $stored live final (refusals stored nothing)"
{
	printf '{\n  "schools": %s, "date": "%s", "cores": %s, "duration_s": %s, "export_ms": %s, "live_finals_after": %s,\n  "runs": [' \
		"$schools" "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$dur" "$xlsx_ms" "$stored"
	printf '%s' "$results" | awk -F'|' '{ printf "%s\n    {\"bench\": \"%s\", \"req_per_s\": %s, \"p50_ms\": %s, \"p99_ms\": %s, \"non_2xx\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5 }'
	printf '\n  ]\n}\n'
} >build/bench/exams.json
echo "# wrote build/bench/exams.json"
exit 0
