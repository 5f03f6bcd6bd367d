#!/bin/sh
# slow.sh - slow clients cannot starve normal ones (RELIABILITY.md "HTTP"):
# a server with the default limits, 1200 connections from 127.0.0.2-7 that
# trickle header lines (slowloris.mjs), a fresh client's /healthz, and the
# head deadline closing them. About 12 s. Loopback only.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
BIN=${SJ_BIN:-build/shuangjian}
T=$(mktemp -d /tmp/sj-slow.XXXXXX)
SRV=
trap '[ -n "$SRV" ] && kill -9 $SRV 2>/dev/null; rm -rf "$T"' EXIT
echo 'slow-admin-password' | $BIN init --db "$T/slow.db" >/dev/null 2>&1 || { echo "not ok - init"; echo "slow: 0 passed, 1 failed"; exit 1; }
PORT=$(free_port)
$BIN serve --db "$T/slow.db" --listen 127.0.0.1:$PORT >"$T/server.log" 2>&1 &
SRV=$!
wait_http "http://127.0.0.1:$PORT/healthz" || { echo "not ok - server start"; cat "$T/server.log"; echo "slow: 0 passed, 1 failed"; exit 1; }
# 1200 connections, 6 addresses, a header line a second, the default 5 s head deadline.
timeout 60 node tests/api/slowloris.mjs "http://127.0.0.1:$PORT" 1200 6 1000 5 | sed 's/^slowloris:/# slowloris:/' >"$T/out.txt"
cat "$T/out.txt"
PASS=$(grep -c '^ok' "$T/out.txt"); FAIL=$(grep -c '^not ok' "$T/out.txt")
[ $((PASS + FAIL)) -ge 4 ] || notok "slowloris.mjs finished (within 60 s)"
check "the server still answers afterwards" curl -fsS -m 5 "http://127.0.0.1:$PORT/healthz"
if kill -TERM $SRV && wait $SRV; then ok "SIGTERM after the slow clients: exit 0"; else notok "SIGTERM after the slow clients"; fi
SRV=
[ "$FAIL" = 0 ] || tail -n 20 "$T/server.log"
tally slow
