#!/bin/sh
# soak.sh - the slow-client attack at full size, for a minute (make soak):
# 1200 connections from 127.0.0.2-7 each sending a header line every 15 s
# and reopened as soon as the server closes them, while a fresh client asks
# /healthz once a second. Prints the probe times; passes when every probe
# answered 200 within 3 s. Loopback only.
# Environment: SOAK_SECONDS (60), SOAK_CONNS (1200), SOAK_ADDRS (6),
# SOAK_TRICKLE_MS (15000), SJ_BIN (build/shuangjian), SOAK_ARGS (extra serve args).
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
BIN=${SJ_BIN:-build/shuangjian}
T=$(mktemp -d /tmp/sj-soak.XXXXXX)
SRV=
trap '[ -n "$SRV" ] && kill -9 $SRV 2>/dev/null; rm -rf "$T"' EXIT
echo 'soak-admin-password' | $BIN init --db "$T/soak.db" >/dev/null 2>&1 || { echo "soak: init failed"; exit 1; }
PORT=$(free_port)
# shellcheck disable=SC2086 # extra serve args, split on purpose
$BIN serve --db "$T/soak.db" --listen 127.0.0.1:$PORT ${SOAK_ARGS:-} >"$T/server.log" 2>&1 &
SRV=$!
wait_http "http://127.0.0.1:$PORT/healthz" || { cat "$T/server.log"; exit 1; }
node tests/api/slowloris.mjs "http://127.0.0.1:$PORT" "${SOAK_CONNS:-1200}" "${SOAK_ADDRS:-6}" \
	"${SOAK_TRICKLE_MS:-15000}" 5 "${SOAK_SECONDS:-60}"
rc=$?
kill -TERM $SRV; wait $SRV; SRV=
grep -v 'Connection socket is closed' "$T/server.log" | tail -n 5
exit $rc
