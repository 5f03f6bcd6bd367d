#!/bin/sh
# deps.sh build|test — install the Debian packages the build (or the tests)
# need. As root it runs apt-get; otherwise it prints the exact command.
set -eu
BUILD_PKGS="build-essential pkg-config libmicrohttpd-dev libjansson-dev libsqlite3-dev libpq-dev libsodium-dev libxlsxwriter-dev libzip-dev libexpat1-dev libqrencode-dev libjs-chart.js sqlite3"
TEST_PKGS="$BUILD_PKGS libcmocka-dev postgresql clang libclang-rt-14-dev chromium fonts-wqy-zenhei nodejs npm wrk nginx-light curl valgrind"
want=$BUILD_PKGS
[ "${1:-build}" = test ] && want=$TEST_PKGS
missing=""
for p in $want; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
# node and npm may come from outside Debian's packages on some machines
case "$missing" in *nodejs*) command -v node >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ nodejs//');; esac
case "$missing" in *npm*) command -v npm >/dev/null 2>&1 && missing=$(echo "$missing" | sed 's/ npm//');; esac
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ]; then
	echo "deps: installing$missing"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update -q >/dev/null
	apt-get install -y -q --no-install-recommends $missing >/dev/null
	# the nginx package starts a system server on :80; the benchmarks run their own
	if echo "$missing" | grep -q nginx; then (service nginx stop || true) >/dev/null 2>&1; fi
else
	echo "deps: missing packages:$missing"
	echo "run:  sudo apt-get install -y$missing"
	exit 1
fi
