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
# Prints a table and writes build/bench/results.json. About 70 s.
#
# Environment: BENCH_DURATION (default 10), BENCH_WARMUP (2), BENCH_CONNS (64).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
dur=${BENCH_DURATION:-10}
warm=${BENCH_WARMUP:-2}
conns=${BENCH_CONNS:-64}

for tool in wrk nginx curl; do
	command -v $tool >/dev/null 2>&1 || {
		echo "bench: $tool not found (make deps-test installs it)" >&2
		exit 1
	}
done
[ -x "$bin" ] || { echo "bench: $bin missing: run make" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench.XXXXXX") || exit 1
chmod 755 "$T" # nginx workers run as an unprivileged user when started as root
srv_pid=""
ngx_pid=""
ngx_started=0

stop_server() {
	if [ -n "$srv_pid" ]; then
		kill -TERM "$srv_pid" 2>/dev/null
		i=0
		while kill -0 "$srv_pid" 2>/dev/null && [ $i -lt 100 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -KILL "$srv_pid" 2>/dev/null
		wait "$srv_pid" 2>/dev/null
		srv_pid=""
	fi
}
cleanup() {
	stop_server
	if [ -n "$ngx_pid" ]; then
		kill -QUIT "$ngx_pid" 2>/dev/null # graceful: the master stops its workers
		i=0
		while kill -0 "$ngx_pid" 2>/dev/null && [ $i -lt 50 ]; do
			sleep 0.1
			i=$((i + 1))
		done
		kill -TERM "$ngx_pid" 2>/dev/null
		wait "$ngx_pid" 2>/dev/null
	fi
	rm -rf "$T"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A free loopback port: ask the kernel for one.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null && return
	p=$((20000 + $$ % 20000))
	while ss -ltn 2>/dev/null | grep -q ":$p "; do p=$((p + 1)); done
	echo $p
}

wait_http() { # url
	i=0
	while [ $i -lt 100 ]; do
		curl -s -o /dev/null "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

start_server() { # port [extra serve args]
	port=$1
	shift
	"$bin" serve --db "$T/bench.db" --listen "127.0.0.1:$port" --quiet "$@" \
		>"$T/serve.log" 2>&1 &
	srv_pid=$!
	wait_http "http://127.0.0.1:$port/healthz" || {
		echo "bench: server did not start:" >&2
		cat "$T/serve.log" >&2
		exit 1
	}
}

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

mkdir -p "$T/www" "$T/ngx"
printf '{"status":"ok"}' >"$T/www/status.json"
nport=$(free_port)
cat >"$T/nginx.conf" <<EOF
worker_processes 2;
pid $T/nginx.pid;
error_log $T/nginx-error.log warn;
events { worker_connections 1024; }
http {
	access_log off;
	default_type application/json;
	keepalive_requests 1000000;
	client_body_temp_path $T/ngx/body;
	proxy_temp_path $T/ngx/proxy;
	fastcgi_temp_path $T/ngx/fastcgi;
	uwsgi_temp_path $T/ngx/uwsgi;
	scgi_temp_path $T/ngx/scgi;
	server {
		listen 127.0.0.1:$nport;
		root $T/www;
		location / { }
	}
}
EOF
# not a daemon: a child of this script, stopped and reaped by cleanup()
nginx -p "$T/" -c "$T/nginx.conf" -e "$T/nginx-error.log" -g 'daemon off;' >"$T/nginx.out" 2>&1 &
ngx_pid=$!
wait_http "http://127.0.0.1:$nport/status.json" && ngx_started=1
[ $ngx_started = 1 ] || { echo "# nginx did not start:"; sed 's/^/#   /' "$T/nginx.out" "$T/nginx-error.log" 2>/dev/null; }

# ---- one case: warm up, measure, parse ----
results=""
# run NAME URL [wrk args...]; appends "name|rps|p99|p99_ms|non2xx|sockerr"
run() {
	name=$1
	url=$2
	shift 2
	wrk -t1 -c"$conns" -d"${warm}s" "$@" "$url" >/dev/null 2>&1
	wrk -t1 -c"$conns" -d"${dur}s" --latency "$@" "$url" >"$T/wrk.out" 2>&1
	rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 + 0.5 }' "$T/wrk.out")
	p99=$(awk '$1 == "99%" { print $2 }' "$T/wrk.out")
	p99ms=$(echo "$p99" | awk '/us$/ { sub(/us$/, ""); printf "%.3f", $1 / 1000; next }
		/ms$/ { sub(/ms$/, ""); printf "%.3f", $1; next }
		/s$/ { sub(/s$/, ""); printf "%.3f", $1 * 1000; next }')
	non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$T/wrk.out")
	sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$T/wrk.out")
	results="$results$name|${rps:-0}|${p99:--}|${p99ms:-0}|${non2xx:-0}|${sockerr:-0}
"
	[ -n "$rps" ] || { echo "# $name: wrk gave no figure:"; sed 's/^/#   /' "$T/wrk.out"; }
}

sport=$(free_port)
threads_default=$(($(nproc) * 2))
[ $ngx_started = 1 ] && run "nginx static file" "http://127.0.0.1:$nport/status.json"
start_server "$sport"
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
start_server "$sport" --threads 2
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
exit 0
