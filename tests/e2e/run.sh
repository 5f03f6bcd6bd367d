#!/bin/sh
# run.sh - the Playwright smoke test against a fresh demo server, then the
# stored-XSS sweep (xss.mjs: payloads in every free-text field, every page of
# every role) against the same server once the smoke test is done with it.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
BIN=${SJ_BIN:-build/shuangjian}
T=$(mktemp -d /tmp/sj-e2e.XXXXXX)
SRV=
trap '[ -n "$SRV" ] && kill -9 $SRV 2>/dev/null; rm -rf "$T"' EXIT
PW='e2e-pass-2026-demo'
if [ ! -d tests/e2e/node_modules/playwright-core ]; then
	(cd tests/e2e && npm ci --no-audit --no-fund --loglevel=error) || { echo "not ok - npm ci in tests/e2e"; echo "e2e: 0 passed, 1 failed"; exit 1; }
fi
$BIN demo --db "$T/e2e.db" --password "$PW" >"$T/demo.log" 2>&1 || { echo "not ok - demo database"; tail -5 "$T/demo.log"; echo "e2e: 0 passed, 1 failed"; exit 1; }
# a bearer token for the 我的账号 check (revoked through the page)
TOKEN=$($BIN token create --db "$T/e2e.db" --user admin --name e2e-token 2>/dev/null | tail -1)
PORT=$(free_port)
# Eight suites sign in as every role many times a minute from one address:
# above the default 30 a minute (that limit has its own API case, 999_ratelimit).
$BIN serve --db "$T/e2e.db" --listen 127.0.0.1:$PORT --signin-rate 600 --quiet >"$T/server.log" 2>&1 &
SRV=$!
wait_http "http://127.0.0.1:$PORT/healthz" || { echo "not ok - server start"; cat "$T/server.log"; exit 1; }
mkdir -p build/e2e
cd tests/e2e || exit 2
SJ_BASE_URL="http://127.0.0.1:$PORT" SJ_ADMIN_USER=admin SJ_ADMIN_PASS="$PW" SJ_ADMIN_TOKEN="$TOKEN" \
	SJ_SHOT_DIR="$(cd ../.. && pwd)/build/e2e" timeout 420 node smoke.mjs
rc=$?
SJ_BASE_URL="http://127.0.0.1:$PORT" SJ_ADMIN_PASS="$PW" timeout 260 node xss.mjs || rc=1
exit $rc
