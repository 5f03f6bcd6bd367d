#!/bin/sh
# diskfull.sh - RELIABILITY.md "Disk full / I/O error" on a real full disk:
# the demo database lives on a small tmpfs that a filler file then fills.
# Writes (a plain use case, a homework post through the group-commit writer,
# a sign-in) answer 507 or 503 with a generic body and store nothing; reads go
# on, with a bearer token and with a cookie session alike; when the filler
# goes, writes resume in the same process, no restart. (tests/unit/
# test_faults.c does the same below HTTP with PRAGMA max_page_count.)
# Needs root to mount the tmpfs; without it the stage says so and skips.
set -u
cd "$(dirname "$0")/../.." || exit 2
. tests/lib.sh
BIN=${SJ_BIN:-build/shuangjian}
PW='full-disk-pass-2026!'
M=$(mktemp -d /tmp/sj-full.XXXXXX)
SRV=
MOUNTED=
cleanup() {
	[ -n "$SRV" ] && kill -9 "$SRV" 2>/dev/null && wait "$SRV" 2>/dev/null
	[ -n "$MOUNTED" ] && umount "$M"
	rm -rf "$M"
}
trap cleanup EXIT

# The demo database is about 32 MiB; build it off the tmpfs, then size the
# tmpfs to hold it and a little more.
L=$(mktemp -d /tmp/sj-full-log.XXXXXX)
trap 'cleanup; rm -rf "$L"' EXIT
$BIN demo --db "$L/full.db" --password "$PW" >"$L/demo.txt" 2>&1 || { notok "demo database"; tally diskfull; exit 1; }
sqlite3 "$L/full.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
SIZE_KB=$(( $(du -k "$L/full.db" | cut -f1) + 8192 ))
if [ "$(id -u)" != 0 ] || ! mount -t tmpfs -o size=${SIZE_KB}k,mode=0700 tmpfs "$M" 2>/dev/null; then
	echo "# diskfull: skipped, a tmpfs cannot be mounted here (needs root)"
	tally diskfull; exit 0
fi
MOUNTED=1
cp "$L/full.db" "$M/full.db"
TOKEN=$($BIN token create --db "$M/full.db" --user admin --name diskfull 2>>"$L/server.log")
PORT=$(free_port)
U="http://127.0.0.1:$PORT"
$BIN serve --db "$M/full.db" --listen 127.0.0.1:$PORT --signin-rate 1000 >>"$L/server.log" 2>&1 &
SRV=$!
wait_http "$U/healthz" || { notok "server starts on the tmpfs"; cat "$L/server.log"; tally diskfull; exit 1; }

# req NAME METHOD PATH [BODY] [AUTH...]: status to $L/NAME.code, body to $L/NAME.json
req() {
	n=$1 m=$2 p=$3 b=${4:-}; shift 3; [ $# -gt 0 ] && shift
	if [ -n "$b" ]; then
		curl -s -o "$L/$n.json" -w '%{http_code}' -X "$m" -H 'Content-Type: application/json' -d "$b" "$@" "$U$p" >"$L/$n.code"
	else
		curl -s -o "$L/$n.json" -w '%{http_code}' -X "$m" "$@" "$U$p" >"$L/$n.code"
	fi
}
code() { cat "$L/$1.code"; }
BEARER="Authorization: Bearer $TOKEN"
# A teacher's cookie session, made while there is space.
curl -s -D "$L/t.h" -o "$L/t.json" -H 'Content-Type: application/json' -d "{\"username\":\"teacher\",\"password\":\"$PW\"}" "$U/api/v1/session" >/dev/null
COOKIE="Cookie: $(sed -nE 's/^[Ss]et-[Cc]ookie: (sj_session=[0-9a-f]+).*/\1/p' "$L/t.h")"
CSRF="X-CSRF-Token: $(sed -nE 's/.*"csrf_token":"([0-9a-f]+)".*/\1/p' "$L/t.json")"
CLASS=$(curl -s -H "$COOKIE" "$U/api/v1/classes?grade=3&limit=1" | sed -nE 's/^\{"items":\[\{"id":([0-9]+).*/\1/p')
hw() { # hw TITLE: a 1-minute reading item for the teacher's class on a school day of the demo's first term
	echo "{\"class_id\":$CLASS,\"subject\":\"语文\",\"kind\":\"reading\",\"title\":\"$1\",\"content\":\"满盘\",\"minutes\":1,\"assigned_on\":\"2026-06-16\",\"due_on\":\"2026-06-16\"}"
}
user() { echo "{\"username\":\"$1\",\"display_name\":\"满盘\",\"role\":\"teacher\",\"password\":\"a-good-password-2026\"}"; }
req pre POST /api/v1/homework "$(hw before-full)" -H "$COOKIE" -H "$CSRF"
[ "$(code pre)" = 201 ] && ok "setup: the teacher posts while there is space (class $CLASS)" || notok "setup: a post before the disk fills answered $(code pre): $(cat "$L/pre.json")"

# Fill the disk: the WAL is emptied first so that the next write must grow it.
sqlite3 "$M/full.db" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null 2>&1
dd if=/dev/zero of="$M/filler" bs=64k >/dev/null 2>&1
sync
generic() { # generic NAME: 507/503, a store code, and no library, SQL or path text
	c=$(code "$1")
	{ [ "$c" = 507 ] || [ "$c" = 503 ]; } && grep -qE '"code":"STORE_(FULL|UNAVAILABLE|BUSY)"' "$L/$1.json" &&
		! grep -qiE 'sqlite|SQL|disk I/O|database or disk|/tmp|errno|INSERT|UPDATE' "$L/$1.json"
}
# A few writes may still fit in pages already held; one of 20 must not.
i=0; while [ $i -lt 20 ]; do
	req w1 POST /api/v1/users "$(user full$i)" -H "$BEARER"
	[ "$(code w1)" != 201 ] && break
	i=$((i + 1))
done
if generic w1; then ok "disk full: a write answers $(code w1) $(sed -nE 's/.*"code":"([A-Z_]+)".*/\1/p' "$L/w1.json") with a generic body (after $i that fit)"
else notok "disk full: a write answered $(code w1): $(cat "$L/w1.json")"; fi
REFUSED=full$i
req w2 POST /api/v1/homework "$(hw during-full)" -H "$COOKIE" -H "$CSRF"
generic w2 && ok "disk full: a homework post (group-commit writer) answers $(code w2) with a generic body" || notok "disk full: a homework post answered $(code w2): $(cat "$L/w2.json")"
req w3 POST /api/v1/session "{\"username\":\"principal\",\"password\":\"$PW\"}"
generic w3 && ok "disk full: a sign-in (a session row and an audit row) answers $(code w3) with a generic body" || notok "disk full: a sign-in answered $(code w3): $(cat "$L/w3.json")"
req r1 GET /api/v1/schools/1 "" -H "$BEARER"
[ "$(code r1)" = 200 ] && ok "disk full: reads go on with a bearer token" || notok "disk full: a read with a bearer token answered $(code r1): $(cat "$L/r1.json")"
req r2 GET "/api/v1/classes/$CLASS/homework?date=2026-06-16" "" -H "$COOKIE"
[ "$(code r2)" = 200 ] && grep -q before-full "$L/r2.json" && ok "disk full: reads go on with a cookie session" || notok "disk full: a read with a cookie session answered $(code r2): $(head -c 300 "$L/r2.json")"
req r3 GET /healthz ""
[ "$(code r3)" = 200 ] && ok "disk full: /healthz answers 200 (the store answers reads)" || notok "disk full: /healthz answered $(code r3)"

# Space returns: the same process writes again.
rm -f "$M/filler"
sync
req a1 POST /api/v1/users "$(user afterfull)" -H "$BEARER"
[ "$(code a1)" = 201 ] && ok "space returns: writes resume with no restart" || notok "space returns: a write answered $(code a1): $(cat "$L/a1.json")"
req a2 POST /api/v1/homework "$(hw after-full)" -H "$COOKIE" -H "$CSRF"
[ "$(code a2)" = 201 ] && ok "space returns: the group-commit writer takes posts again" || notok "space returns: a post answered $(code a2): $(cat "$L/a2.json")"
req a3 POST /api/v1/session "{\"username\":\"principal\",\"password\":\"$PW\"}"
[ "$(code a3)" = 200 ] && ok "space returns: sign-in works again" || notok "space returns: sign-in answered $(code a3)"
kill -0 "$SRV" 2>/dev/null && ok "the server never restarted (pid $SRV)" || notok "the server process is gone"
req c1 GET "/api/v1/users?q=$REFUSED" "" -H "$BEARER"
req c2 GET "/api/v1/classes/$CLASS/homework?date=2026-06-16" "" -H "$BEARER"
if grep -q '"items":\[\]' "$L/c1.json" && ! grep -q during-full "$L/c2.json" && grep -q after-full "$L/c2.json"; then
	ok "the refused writes stored nothing"
else notok "the refused writes stored something: $(head -c 300 "$L/c1.json")"; fi
kill -TERM "$SRV"; wait "$SRV"; rc=$?; SRV=
[ $rc = 0 ] && ok "SIGTERM after a full disk exits 0" || notok "SIGTERM after a full disk exited $rc"
[ "$(sqlite3 "$M/full.db" 'PRAGMA integrity_check')" = ok ] && ok "integrity_check is ok after the full disk" || notok "integrity_check after the full disk"
[ "$FAIL" = 0 ] || tail -n 20 "$L/server.log"
tally diskfull
