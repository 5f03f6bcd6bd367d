#!/bin/sh
# demo_digest.sh BIN [SCHOOLS...] — build demo districts with BIN and print a
# sha256 of each one's database, so a change that must not alter the demo
# (moving or splitting the generator) can show it does not.
#
# Each district is `BIN demo --schools N --seed 20260907 --password ...` on a
# pinned day (SJ_DEMO_NOW, default 2026-11-16: in term, so the homework and
# after-school history are in the digest). The dump is every table, every row
# ordered by its primary key (rowid where there is none), as sqlite3 quotes
# it. Left out are only the columns that are random or read from the wall
# clock by design (found by diffing two runs of the same seed):
#   users.password_hash, users.activation_hash   salted hashes of random codes
#   class.public_code                            random
#   report.code_hash                             hash of a random receipt code
#   install_secret.value                         the install's random secret
# Everything else is in, the audit chain's hashes too. Tables without rows and
# schema_migrations are left out, so a migration that adds a table the demo
# does not fill yet leaves the digest as it was.
# A gcc and a clang build give the same district (tests/demo_same.sh, in
# make test): no argument list draws from the generator twice.
# SCHOOLS defaults to "3 0" (0: the default district of about 30 schools).
# Prints "schools=N sha256" per district; exit 1 when a demo fails.
set -eu
BIN=$1
shift
[ $# -gt 0 ] || set -- 3 0
SEED=${SJ_DIGEST_SEED:-20260907}
export SJ_DEMO_NOW=${SJ_DEMO_NOW:-2026-11-16}
T=$(mktemp -d /tmp/sj-digest.XXXXXX)
trap 'rm -rf "$T"' EXIT

skip() { # TABLE COLUMN: 0 when the column is left out
	case "$1.$2" in
	users.password_hash | users.activation_hash | class.public_code | \
		install_secret.value | report.code_hash) return 0 ;;
	esac
	return 1
}

dump() { # DB: the canonical text of every table
	for t in $(sqlite3 "$1" "SELECT name FROM sqlite_master WHERE type='table'
		AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations' ORDER BY name"); do
		[ "$(sqlite3 "$1" "SELECT EXISTS (SELECT 1 FROM \"$t\")")" = 1 ] || continue
		cols= pk=
		for c in $(sqlite3 "$1" "SELECT name FROM pragma_table_info('$t') ORDER BY cid"); do
			skip "$t" "$c" || cols="$cols${cols:+, }quote(\"$c\")"
		done
		pk=$(sqlite3 "$1" "SELECT group_concat('\"' || name || '\"', ', ') FROM
			(SELECT name FROM pragma_table_info('$t') WHERE pk > 0 ORDER BY pk)")
		echo "== $t"
		[ -n "$cols" ] || continue
		sqlite3 "$1" "SELECT $cols FROM \"$t\" ORDER BY ${pk:-rowid}"
	done
}

for n in "$@"; do
	db=$T/demo-$n.db
	"$BIN" demo --db "$db" --schools "$n" --seed "$SEED" \
		--password 'digest-pass-2026!' >"$T/out-$n.txt" 2>"$T/err-$n.txt" ||
		{ echo "demo --schools $n failed:" >&2; cat "$T/err-$n.txt" >&2; exit 1; }
	dump "$db" >"$T/dump-$n.txt"
	[ -z "${SJ_DIGEST_KEEP:-}" ] || cp "$T/dump-$n.txt" "$SJ_DIGEST_KEEP-$n.txt"
	echo "schools=$n $(sha256sum <"$T/dump-$n.txt" | cut -d' ' -f1)"
done
