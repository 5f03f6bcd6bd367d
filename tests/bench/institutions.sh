#!/bin/sh
# tests/bench/institutions.sh - the public institution lookup (issue 13,
# "Speed"): GET /public/v1/institutions?q=<a name fragment> over
# SJ_BENCH_INSTITUTIONS (20,000) institutions, reads/s beside nginx serving
# the same answer as a static JSON file in the same run; target >= 0.3 x
# nginx. Figures only, never pass/fail. Run by run.sh (make bench), or alone:
#
#   sh tests/bench/institutions.sh
#
# 1. A small demo district (--schools 2), then the institutions through the
#    demo generator (demo_ti_registry_n, one transaction) by a helper built
#    here against build/libsj.a (tests/bench/ti_fill.c).
# 2. wrk -t1 -c64 against the server (fragment 星辰: about 1 in 16 names, a
#    page of 20) and against nginx serving that answer; then a fragment no
#    name holds (the whole table searched).
# 3. A summary line and build/bench/institutions.json.
#
# Environment: SJ_BENCH_INSTITUTIONS (20000), BENCH_DURATION (10), BENCH_WARMUP (2).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
n=${SJ_BENCH_INSTITUTIONS:-20000}
dur=${BENCH_DURATION:-10}
warm=${BENCH_WARMUP:-2}

. "$root/tests/bench/lib.sh"
bench_need wrk nginx curl sqlite3
[ -x "$bin" ] && [ -f build/libsj.a ] || { echo "bench: build/shuangjian or build/libsj.a missing: run make" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-ti.XXXXXX") || exit 1
chmod 755 "$T"
cp "$bin" "$T/shuangjian" && bin=$T/shuangjian
trap 'bench_stop_all; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM

# ---- 1. the registry ----
PKGS="libmicrohttpd jansson sqlite3 libsodium xlsxwriter libzip expat libqrencode"
# shellcheck disable=SC2046 # pkg-config's flags, split on purpose
cc -std=c11 -D_GNU_SOURCE -O2 -Isrc -o "$T/ti_fill" tests/bench/ti_fill.c build/libsj.a \
	$(pkg-config --libs $PKGS) -lpq -lpthread || { echo "bench: building ti_fill failed" >&2; exit 1; }
"$bin" demo --db "$T/ti.db" --password 'bench-pass-2026!' --schools 2 >/dev/null 2>"$T/demo.log" || {
	echo "bench: demo failed:" >&2
	tail -5 "$T/demo.log" >&2
	exit 1
}
t0=$(date +%s%3N)
"$T/ti_fill" "$T/ti.db" "$n" 2>>"$T/demo.log" || { echo "bench: ti_fill failed:" >&2; tail -5 "$T/demo.log" >&2; exit 1; }
fill_ms=$(($(date +%s%3N) - t0))
total=$(sqlite3 -batch -noheader "$T/ti.db" "SELECT count(*) FROM institution")
approved=$(sqlite3 -batch -noheader "$T/ti.db" "SELECT count(*) FROM institution WHERE status = 'approved'")
echo "# institutions: $total in the registry ($approved approved), written in $fill_ms ms"

# ---- 2. reads, nginx beside ----
sport=$(free_port)
start_server "$T/ti.db" "$sport"
q=$(printf '星辰' | od -An -tx1 | tr -d ' \n' | sed 's/\(..\)/%\1/g')
url="http://127.0.0.1:$sport/public/v1/institutions?q=$q"
none="http://127.0.0.1:$sport/public/v1/institutions?q=%E6%97%A0%E6%AD%A4%E6%9C%BA%E6%9E%84"
curl -s -o "$T/answer.json" "$url"
items=$(grep -o '"credit_code"' "$T/answer.json" | wc -l)
nbytes=$(wc -c <"$T/answer.json")
results=""
run() { # NAME URL
	wrk -t1 -c64 -d"${warm}s" "$2" >/dev/null 2>&1
	wrk -t1 -c64 -d"${dur}s" --latency "$2" >"$T/wrk.out" 2>&1
	wrk_figures "$T/wrk.out"
	results="$results$1|${rps:-0}|${p50ms:-0}|${p99ms:-0}|$((${non2xx:-0} + ${sockerr:-0}))
"
}
if nginx_start; then
	cp "$T/answer.json" "$T/www/institutions.json"
	run "nginx static answer" "http://127.0.0.1:$ngx_port/institutions.json"
fi
run "lookup q=星辰" "$url"
run "lookup, no match" "$none"
nginx_stop
stop_server

# ---- 3. report ----
printf '%-24s %8s %8s %9s %7s\n' bench req/s p50 p99 errors
printf '%s' "$results" | awk -F'|' '{ printf "%-24s %8s %6sms %7sms %7s\n", $1, $2, $3, $4, $5 }'
srv=$(printf '%s' "$results" | awk -F'|' '$1 == "lookup q=星辰" { print $2 }')
ngx=$(printf '%s' "$results" | awk -F'|' '$1 == "nginx static answer" { print $2 }')
ratio=$(awk -v a="${srv:-0}" -v b="${ngx:-0}" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
echo "institutions ($total): lookup ${srv:-0}/s ($items items, $nbytes bytes); nginx ${ngx:-0}/s; ratio $ratio (target >= 0.3)"
mkdir -p build/bench
{
	printf '{\n  "institutions": %s, "approved": %s, "fill_ms": %s, "answer_items": %s, "answer_bytes": %s,\n' \
		"$total" "$approved" "$fill_ms" "$items" "$nbytes"
	printf '  "date": "%s", "cores": %s, "duration_s": %s,\n  "reads": [' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$dur"
	printf '%s' "$results" | awk -F'|' '{ printf "%s\n    {\"bench\": \"%s\", \"req_per_s\": %s, \"p50_ms\": %s, \"p99_ms\": %s, \"errors\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5 }'
	printf '\n  ],\n  "ratio_lookup_nginx": %s\n}\n' "$([ "$ratio" = - ] && echo null || echo "$ratio")"
} >build/bench/institutions.json
echo "# wrote build/bench/institutions.json"
exit 0
