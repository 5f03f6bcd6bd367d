#!/bin/sh
# tests/bench/run.sh — throughput figures, side by side with nginx on the same
# machine (docs: /work/shared/MEASURED.md). Figures only, never pass/fail.
#
#   make bench     (builds build/shuangjian first)
#
# In a temp dir: a demo database, an admin bearer token, the server on one
# loopback port, nginx (static {"status":"ok"}) on another. Each case runs
# `wrk -t1 -c64 -d10s --latency` after a 2 s warm-up:
#   nginx static file, GET /healthz, GET /api/v1/me (bearer),
#   GET /healthz again with --threads 2.
# Prints a table and writes build/bench/results.json. About 70 s. Then
# import.sh (import rate, demo build time) and homework.sh (homework posts
# and public notices on the province demo: see there), afterschool.sh and
# accounts.sh (provisioning and activation), institutions.sh (the public
# institution lookup over 20,000 institutions beside nginx), health.sh (the
# health figures of a school and of the district), exams.sh (the district's
# exam view on the province demo), checkins.sh (weekly check-ins by 10,000
# parents, the district five-managements view), supervision.sh (every computed
# supervision item of every school of the province, one school's items).
#
# Environment: BENCH_DURATION (default 10), BENCH_WARMUP (2), BENCH_CONNS (64).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
dur=${BENCH_DURATION:-10}
warm=${BENCH_WARMUP:-2}
conns=${BENCH_CONNS:-64}

. "$root/tests/bench/lib.sh"
bench_need wrk nginx curl
[ -x "$bin" ] || { echo "bench: $bin missing: run make" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench.XXXXXX") || exit 1
chmod 755 "$T" # nginx workers run as an unprivileged user when started as root
trap 'bench_stop_all; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# ---- set-up ----
echo "# bench: $(nproc) cores, wrk -t1 -c$conns -d${dur}s --latency after ${warm}s warm-up"
"$bin" demo --db "$T/bench.db" --password 'bench-pass-2026!' >/dev/null 2>"$T/demo.log" || {
	echo "bench: demo database failed:" >&2
	cat "$T/demo.log" >&2
	exit 1
}
token=$("$bin" token create --db "$T/bench.db" --user admin) || {
	echo "bench: token create failed" >&2
	exit 1
}

ngx_started=0
nginx_start && ngx_started=1
printf '{"status":"ok"}' >"$T/www/status.json"

# ---- one case: warm up, measure, parse ----
results=""
# run NAME URL [wrk args...]; appends "name|rps|p99|p99_ms|non2xx|sockerr"
run() {
	name=$1
	url=$2
	shift 2
	wrk -t1 -c"$conns" -d"${warm}s" "$@" "$url" >/dev/null 2>&1
	wrk -t1 -c"$conns" -d"${dur}s" --latency "$@" "$url" >"$T/wrk.out" 2>&1
	wrk_figures "$T/wrk.out"
	results="$results$name|${rps:-0}|${p99:--}|${p99ms:-0}|${non2xx:-0}|${sockerr:-0}
"
	[ -n "$rps" ] || { echo "# $name: wrk gave no figure:"; sed 's/^/#   /' "$T/wrk.out"; }
}

sport=$(free_port)
threads_default=$(($(nproc) * 2))
[ $ngx_started = 1 ] && run "nginx static file" "http://127.0.0.1:$ngx_port/status.json"
start_server "$T/bench.db" "$sport"
# the bearer token must work before it is measured
code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" \
	"http://127.0.0.1:$sport/api/v1/me")
[ "$code" = 200 ] || echo "# warning: GET /api/v1/me with the token answered $code"
run "GET /healthz" "http://127.0.0.1:$sport/healthz"
run "GET /api/v1/me (bearer)" "http://127.0.0.1:$sport/api/v1/me" \
	-H "Authorization: Bearer $token"
# a class roster read (the class with its teachers and students), if the demo has classes
cid=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$sport/api/v1/classes?limit=1" |
	sed -n 's/^{"items":\[{"id":\([0-9]*\).*/\1/p')
[ -n "$cid" ] && run "GET /api/v1/classes/{id} (roster)" "http://127.0.0.1:$sport/api/v1/classes/$cid" \
	-H "Authorization: Bearer $token"
stop_server
start_server "$T/bench.db" "$sport" --threads 2
run "GET /healthz --threads 2" "http://127.0.0.1:$sport/healthz"
stop_server

# ---- report ----
mkdir -p build/bench
nginx_rps=$(printf '%s' "$results" | awk -F'|' '$1 == "nginx static file" { print $2 }')
hz_rps=$(printf '%s' "$results" | awk -F'|' '$1 == "GET /healthz" { print $2 }')
ratio=$(awk -v a="${hz_rps:-0}" -v b="${nginx_rps:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')

printf '%-30s %8s %9s %8s\n' bench req/s p99 errors
printf '%s' "$results" | awk -F'|' '{ printf "%-30s %8s %9s %8s\n", $1, $2, $3, $5 + $6 }'
printf '%-30s %8s\n' "ratio healthz/nginx" "$ratio"
echo "# (server threads: default $threads_default = 2 x cores; errors = non-2xx + socket errors)"

{
	printf '{\n  "machine": {"cores": %s, "date": "%s"},\n' "$(nproc)" "$(date -u +%Y-%m-%dT%H:%M:%SZ)"
	printf '  "wrk": {"threads": 1, "connections": %s, "duration_s": %s, "warmup_s": %s},\n' \
		"$conns" "$dur" "$warm"
	printf '  "server_threads_default": %s,\n  "results": [\n' "$threads_default"
	printf '%s' "$results" | awk -F'|' '{
		printf "%s    {\"bench\": \"%s\", \"req_per_s\": %s, \"p99\": \"%s\", \"p99_ms\": %s, \"non_2xx\": %s, \"socket_errors\": %s}",
			(NR > 1 ? ",\n" : ""), $1, $2, $3, $4, $5, $6 }'
	printf '\n  ],\n  "ratio_healthz_nginx": %s\n}\n' "$([ "$ratio" = - ] && echo null || echo "$ratio")"
} >build/bench/results.json
echo "# wrote build/bench/results.json"
sh tests/bench/import.sh
sh tests/bench/homework.sh
sh tests/bench/afterschool.sh
sh tests/bench/accounts.sh
sh tests/bench/institutions.sh
sh tests/bench/health.sh # issue 14, part HE
sh tests/bench/exams.sh # exams (issue 14, part EX)
sh tests/bench/checkins.sh # five managements: check-in posts, the district view (issue 14, part CK)
sh tests/bench/supervision.sh # supervision: every computed item of every school (issue 15, part SB)
exit 0
