#!/bin/sh
# access.sh sqlite | pg CONNINFO - the generated access matrix (access.mjs) on a
# fresh install (init, no demo data), so "exactly the permitted set" is exact.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
BIN=${SJ_BIN:-build/shuangjian}
T=$(mktemp -d /tmp/sj-access.XXXXXX)
SRV=
trap '[ -n "$SRV" ] && kill -9 $SRV 2>/dev/null; rm -rf "$T"' EXIT
if [ "$1" = pg ]; then DBF=--pg; DBV=$2; else DBF=--db; DBV=$T/access.db; fi
PW='access-admin-password'
echo "$PW" | $BIN init "$DBF" "$DBV" >/dev/null || { echo "not ok - init"; echo "access-$1: 0 passed, 1 failed"; exit 1; }
PORT=$(free_port)
$BIN serve "$DBF" "$DBV" --listen 127.0.0.1:$PORT --signin-rate 1000 --quiet >"$T/server.log" 2>&1 &
SRV=$!
wait_http "http://127.0.0.1:$PORT/healthz" || { echo "not ok - server start"; cat "$T/server.log"; exit 1; }
rc=0
node tests/api/access.mjs "http://127.0.0.1:$PORT" "$PW" || rc=1
# accounts for a whole district, on the same fresh install (its own schools)
node tests/api/accounts.mjs "http://127.0.0.1:$PORT" "$PW" || rc=1
exit $rc
