# shellcheck shell=sh disable=SC2034,SC2154 # sets figures for, and reads bin/T/root of, the caller
# tests/bench/lib.sh - shared by the bench scripts (sourced, POSIX sh).
# Figures only: nothing here passes or fails a build.
#
# The caller sets T (its temp dir, chmod 755 so nginx workers can read it)
# and bin (build/shuangjian); srv_pid and ngx_pid are set here and stopped
# by bench_stop_all, which the caller's EXIT trap should run.
srv_pid=""
ngx_pid=""
ngx_port=""

bench_need() { # TOOL...
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || {
			echo "bench: $tool not found (make deps-test installs it)" >&2
			exit 1
		}
	done
}

# A free loopback port: ask the kernel for one.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null && return
	p=$((20000 + $$ % 20000))
	while ss -ltn 2>/dev/null | grep -q ":$p "; do p=$((p + 1)); done
	echo $p
}

wait_http() { # url: up to 10 s
	i=0
	while [ $i -lt 100 ]; do
		curl -s -o /dev/null "$1" && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

# stop_pid PID SIGNAL: signal, wait up to 10 s, then KILL; reaps the child.
stop_pid() {
	[ -n "$1" ] || return 0
	kill -"$2" "$1" 2>/dev/null
	i=0
	while kill -0 "$1" 2>/dev/null && [ $i -lt 100 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
}

# start_server DB PORT [extra serve args]: shuangjian serve in the background.
start_server() {
	sdb=$1
	port=$2
	shift 2
	"$bin" serve --db "$sdb" --listen "127.0.0.1:$port" --quiet "$@" >"$T/serve.log" 2>&1 &
	srv_pid=$!
	wait_http "http://127.0.0.1:$port/healthz" || {
		echo "bench: server did not start:" >&2
		cat "$T/serve.log" >&2
		exit 1
	}
}
stop_server() {
	stop_pid "$srv_pid" TERM
	srv_pid=""
}

# nginx_start: nginx serving $T/www on a free port (ngx_port), not a daemon:
# a child of the script. Returns non-zero (and says why) when it did not start.
nginx_start() {
	mkdir -p "$T/www" "$T/ngx"
	ngx_port=$(free_port)
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
		listen 127.0.0.1:$ngx_port;
		root $T/www;
		location / { }
	}
}
EOF
	nginx -p "$T/" -c "$T/nginx.conf" -e "$T/nginx-error.log" -g 'daemon off;' >"$T/nginx.out" 2>&1 &
	ngx_pid=$!
	wait_http "http://127.0.0.1:$ngx_port/" && return 0
	echo "# nginx did not start:"
	sed 's/^/#   /' "$T/nginx.out" "$T/nginx-error.log" 2>/dev/null
	return 1
}
nginx_stop() {
	stop_pid "$ngx_pid" QUIT # graceful: the master stops its workers
	ngx_pid=""
}

bench_stop_all() {
	stop_server
	nginx_stop
}

# wrk_figures FILE: from `wrk --latency` output sets rps (rounded), p99 (as
# wrk prints it), p99ms, p50ms, non2xx and sockerr.
wrk_ms() { # a wrk duration (12.3us, 4.5ms, 1.2s) in ms
	echo "$1" | awk '/us$/ { sub(/us$/, ""); printf "%.3f", $1 / 1000; next }
		/ms$/ { sub(/ms$/, ""); printf "%.3f", $1; next }
		/s$/ { sub(/s$/, ""); printf "%.3f", $1 * 1000; next }'
}
wrk_figures() {
	rps=$(awk '/^Requests\/sec:/ { printf "%d", $2 + 0.5 }' "$1")
	p99=$(awk '$1 == "99%" { print $2 }' "$1")
	p99ms=$(wrk_ms "$p99")
	p50ms=$(wrk_ms "$(awk '$1 == "50%" { print $2 }' "$1")")
	non2xx=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$1")
	sockerr=$(awk '/Socket errors:/ { gsub(/,/, ""); print $4 + $6 + $8 + $10 }' "$1")
}

# demo_cache N: where the demo with N schools (--seed 1) is kept between runs,
# named by a checksum of the SQLite migrations and the demo generator, so a
# changed schema or demo builds anew.
demo_cache() {
	sum=$(cat "$root"/src/store/migrations/sqlite/*.sql "$root"/src/demo/*.[ch] | cksum | cut -d' ' -f1)
	echo "build/bench/demo-$1-s1-$sum.db"
}
