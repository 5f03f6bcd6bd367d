#!/usr/bin/env bash
# pg.sh - a throwaway PostgreSQL server for tests, on loopback, in a folder.
#
#   tests/pg/pg.sh start DIR       initdb in DIR, start on a free 127.0.0.1 port, create
#                                  database sj; prints one line: the libpq conninfo
#   tests/pg/pg.sh newdb DIR NAME  create another empty database; prints its conninfo
#   tests/pg/pg.sh stop DIR        stop the server (fast) and remove DIR
#
# DIR is a fresh folder chosen by the caller (e.g. from mktemp -d). Everything lives
# in it: DIR/data (cluster), DIR/pg.log (server log), the unix socket, DIR/port.
# The machine's own PostgreSQL cluster/service is never used or touched.
# As root the cluster belongs to the `postgres` system user (initdb refuses root).
set -euo pipefail

PORT_FIRST=55432
PORT_LAST=55631
WAIT_S=30
MARK=.sj-pg-test-dir

die() { echo "pg.sh: $*" >&2; exit 1; }

usage() {
	echo "usage: $0 start DIR | newdb DIR NAME | stop DIR" >&2
	exit 2
}

newest_bin() {
	local b
	for b in /usr/lib/postgresql/*/bin; do
		if [ -x "$b/initdb" ]; then echo "$b"; fi
	done | sort -V | tail -n 1
}

find_bin() {
	local d
	d=$(newest_bin)
	if [ -z "$d" ] || [ ! -x "$d/initdb" ] || [ ! -x "$d/pg_ctl" ]; then
		if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
			echo "pg.sh: installing postgresql" >&2
			DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql >&2 ||
				die "apt-get install postgresql failed"
			d=$(newest_bin)
		else
			echo "pg.sh: PostgreSQL server binaries not found; install them with:" >&2
			echo "  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y postgresql" >&2
			exit 1
		fi
	fi
	if [ -z "$d" ] || [ ! -x "$d/initdb" ]; then
		die "no initdb under /usr/lib/postgresql/*/bin"
	fi
	BIN=$d
}

# Run a server-side command as the cluster owner.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

abs_dir() {
	[ -n "${1:-}" ] || usage
	case "$1" in
	/) die "refusing DIR=/" ;;
	/*) DIR=${1%/} ;;
	*) DIR=$PWD/${1%/} ;;
	esac
}

port_busy() {
	# something listens on 127.0.0.1:$1 ?
	(exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

conninfo() {
	echo "host=127.0.0.1 port=$1 user=sj dbname=$2"
}

STARTED=0
cleanup_failed_start() {
	local rc=$?
	if [ "$rc" -ne 0 ] && [ "$STARTED" -eq 1 ]; then
		as_owner "$BIN/pg_ctl" stop -D "$DIR/data" -m immediate -w -t "$WAIT_S" \
			>/dev/null 2>&1 || true
	fi
	if [ "$rc" -ne 0 ] && [ -f "$DIR/pg.log" ]; then
		echo "pg.sh: start failed; last lines of $DIR/pg.log:" >&2
		tail -n 15 "$DIR/pg.log" >&2 || true
	fi
	exit "$rc"
}

cmd_start() {
	abs_dir "${1:-}"
	find_bin
	# Already running here (idempotent): print the conninfo again.
	if [ -f "$DIR/$MARK" ] && [ -f "$DIR/port" ] && [ -f "$DIR/data/postmaster.pid" ] &&
		as_owner "$BIN/pg_ctl" status -D "$DIR/data" >/dev/null 2>&1; then
		conninfo "$(cat "$DIR/port")" sj
		return 0
	fi
	if [ -e "$DIR" ] && [ ! -f "$DIR/$MARK" ] && [ -n "$(ls -A "$DIR")" ]; then
		die "$DIR exists and is not empty"
	fi
	# socket path DIR/.s.PGSQL.NNNNN must fit in sun_path (107 bytes)
	[ "${#DIR}" -le 80 ] || die "DIR path too long for a unix socket: $DIR"
	mkdir -p "$DIR"
	touch "$DIR/$MARK"
	rm -rf "$DIR/data"
	: >"$DIR/pg.log"
	if [ "$(id -u)" -eq 0 ]; then
		getent passwd postgres >/dev/null 2>&1 || useradd -r -M -s /usr/sbin/nologin postgres
		chown -R postgres: "$DIR"
		chmod 700 "$DIR"
		runuser -u postgres -- test -w "$DIR" ||
			die "user postgres cannot reach $DIR (a parent folder is closed to it)"
	fi
	trap cleanup_failed_start EXIT
	trap 'exit 130' INT TERM HUP
	as_owner "$BIN/initdb" -D "$DIR/data" -A trust -U sj -E UTF8 --locale=C --no-sync \
		>>"$DIR/pg.log" 2>&1 || die "initdb failed"

	local port=$PORT_FIRST ok=0
	while [ "$port" -le "$PORT_LAST" ]; do
		if port_busy "$port"; then
			port=$((port + 1))
			continue
		fi
		STARTED=1
		if as_owner "$BIN/pg_ctl" start -D "$DIR/data" -l "$DIR/pg.log" -w -t "$WAIT_S" \
			-o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$DIR -c fsync=on -c max_connections=100" \
			>/dev/null 2>&1; then
			ok=1
			break
		fi
		# another process took the port between the check and the bind: next one
		if as_owner "$BIN/pg_ctl" status -D "$DIR/data" >/dev/null 2>&1; then
			die "server started but pg_ctl reported failure"
		fi
		STARTED=0
		if tail -n 20 "$DIR/pg.log" | grep -q "could not bind\|Address already in use\|could not create any TCP/IP sockets"; then
			port=$((port + 1))
			continue
		fi
		die "server did not start"
	done
	[ "$ok" -eq 1 ] || die "no free port in $PORT_FIRST..$PORT_LAST"
	echo "$port" >"$DIR/port"

	local i=0
	until "$BIN/pg_isready" -q -h 127.0.0.1 -p "$port" -U sj -d postgres -t 1; do
		i=$((i + 1))
		[ "$i" -lt "$WAIT_S" ] || die "server not ready after ${WAIT_S}s"
		sleep 1
	done
	"$BIN/createdb" -h 127.0.0.1 -p "$port" -U sj sj >>"$DIR/pg.log" 2>&1 ||
		die "createdb sj failed"
	trap - EXIT INT TERM HUP
	conninfo "$port" sj
}

cmd_newdb() {
	abs_dir "${1:-}"
	local name=${2:-}
	[ -n "$name" ] || usage
	[[ "$name" =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "bad database name: $name"
	[ -f "$DIR/port" ] || die "no server started in $DIR"
	find_bin
	local port
	port=$(cat "$DIR/port")
	"$BIN/createdb" -h 127.0.0.1 -p "$port" -U sj "$name" >>"$DIR/pg.log" 2>&1 ||
		die "createdb $name failed (see $DIR/pg.log)"
	conninfo "$port" "$name"
}

cmd_stop() {
	abs_dir "${1:-}"
	[ -e "$DIR" ] || return 0
	[ -f "$DIR/$MARK" ] || die "$DIR was not made by pg.sh start; not touching it"
	if [ -f "$DIR/data/postmaster.pid" ]; then
		find_bin
		as_owner "$BIN/pg_ctl" stop -D "$DIR/data" -m fast -w -t "$WAIT_S" >/dev/null 2>&1 ||
			as_owner "$BIN/pg_ctl" stop -D "$DIR/data" -m immediate -w -t "$WAIT_S" \
				>/dev/null 2>&1 || true
		if as_owner "$BIN/pg_ctl" status -D "$DIR/data" >/dev/null 2>&1; then
			die "server in $DIR did not stop; left in place"
		fi
	fi
	rm -rf "$DIR"
}

case "${1:-}" in
start) cmd_start "${2:-}" ;;
newdb) cmd_newdb "${2:-}" "${3:-}" ;;
stop) cmd_stop "${2:-}" ;;
*) usage ;;
esac
