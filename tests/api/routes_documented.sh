#!/bin/sh
# routes_documented.sh - every route of the server's table is in docs/API.md.
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
BIN=${SJ_BIN:-build/shuangjian}
$BIN routes | while read -r method pattern _; do
	if grep -qF "\`$method $pattern\`" docs/API.md; then echo "ok - docs/API.md lists $method $pattern"
	else echo "not ok - docs/API.md lacks $method $pattern"; fi
done > /tmp/sj-routes.$$
cat /tmp/sj-routes.$$
PASS=$(grep -c '^ok' /tmp/sj-routes.$$); FAIL=$(grep -c '^not ok' /tmp/sj-routes.$$); rm -f /tmp/sj-routes.$$
# a table with a route that declares no roles must not start: checked in test_http
tally routes-doc
