# lib.sh - shared by the test scripts (sourced). Every check prints one line
# "ok - name" or "not ok - name"; tally prints "LABEL: N passed, M failed".
PASS=0; FAIL=0
ok() { PASS=$((PASS + 1)); echo "ok - $*"; }
notok() { FAIL=$((FAIL + 1)); echo "not ok - $*"; }
check() { # check NAME COMMAND...: ok when the command succeeds
	name=$1; shift
	if "$@" >/dev/null 2>&1; then ok "$name"; else notok "$name"; fi
}
tally() { echo "$1: $PASS passed, $FAIL failed"; [ "$FAIL" = 0 ]; }
free_port() { node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'; }
wait_http() { # wait_http URL: up to 10 s
	i=0
	while [ $i -lt 100 ]; do
		curl -fsS -o /dev/null "$1" 2>/dev/null && return 0
		sleep 0.1; i=$((i + 1))
	done
	return 1
}
