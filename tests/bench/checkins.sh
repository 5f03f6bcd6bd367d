#!/bin/sh
# tests/bench/checkins.sh - the five managements (issue 14, part CK): weekly
# check-ins posted by SJ_BENCH_PARENTS (10,000) parents, posts/s with every
# check and durable commits (SQLite synchronous=FULL, the group-commit
# writer), and the district five-managements view on the province demo
# (target <= 200 ms). Figures only, never pass/fail. Run by run.sh (make
# bench), or alone:
#
#   SJ_BENCH_SCHOOLS=200 sh tests/bench/checkins.sh
#
# 1. The demo (`demo --schools N --seed 1`), built once and kept as
#    homework.sh keeps it (demo_cache); this run works on a copy.
# 2. A bearer token for each of the first SJ_BENCH_PARENTS parents with a
#    child at school (written straight into the copy: token_hash is the
#    SHA-256 of the token), and the 12 ISO weeks up to this one.
# 3. POST /api/v1/checkins with tests/bench/ck_post.lua (wrk -t2, -c64 then
#    -c192). Then, server stopped, sqlite3 checks that every 201 is stored
#    and no child has two live check-ins for a week.
# 4. GET /api/v1/five-managements (the district view) and the first
#    school's /api/v1/schools/{id}/five-managements, wrk -t1 -c4: p50, p99.
# 5. A summary line and build/bench/checkins.json.
#
# Environment: SJ_BENCH_SCHOOLS (default BENCH_PROVINCE_SCHOOLS, else 10000),
# SJ_BENCH_PARENTS (10000), BENCH_DURATION (10), BENCH_WARMUP (2).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
schools=${SJ_BENCH_SCHOOLS:-${BENCH_PROVINCE_SCHOOLS:-10000}}
nparents=${SJ_BENCH_PARENTS:-10000}
dur=${BENCH_DURATION:-10}
warm=${BENCH_WARMUP:-2}
pw='bench-pass-2026!'

. "$root/tests/bench/lib.sh"
bench_need wrk curl sqlite3 python3
[ -x "$bin" ] || { echo "bench: $bin missing: run make" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-ck.XXXXXX") || exit 1
chmod 755 "$T"
cp "$bin" "$T/shuangjian" && bin=$T/shuangjian
trap 'bench_stop_all; rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
now_ms() { date +%s%3N; }
q() { sqlite3 -batch -noheader "$T/ck.db" "$@"; }

# ---- 1. the demo, built once per size ----
mkdir -p build/bench
cache=$(demo_cache "$schools")
if [ ! -s "$cache" ]; then
	echo "# checkins: building the demo with $schools schools into $cache (the province: some 12 min)"
	t0=$(now_ms)
	rm -f "$cache.tmp" "$cache.tmp-wal" "$cache.tmp-shm"
	"$bin" demo --db "$cache.tmp" --password "$pw" --schools "$schools" --seed 1 >"$T/demo.log" 2>&1 || {
		echo "bench: demo failed:" >&2
		tail -5 "$T/demo.log" >&2
		exit 1
	}
	sqlite3 "$cache.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
	mv "$cache.tmp" "$cache"
	rm -f "$cache.tmp-wal" "$cache.tmp-shm"
	echo "# checkins: demo built in $((($(now_ms) - t0) / 1000)) s"
fi
cp "$cache" "$T/ck.db" || exit 1
size=$(q "SELECT (SELECT count(*) FROM school) || ' schools, ' || (SELECT count(*) FROM student)
	|| ' students, ' || (SELECT count(*) FROM fm_checkin) || ' check-ins'")
echo "# checkins: demo --schools $schools --seed 1 ($size)"

# ---- 2. parents with tokens, the weeks ----
q -separator , "SELECT u.id, MIN(gs.student_id) FROM users u JOIN guardian g ON g.user_id = u.id
	JOIN guardian_student gs ON gs.guardian_id = g.id JOIN student s ON s.id = gs.student_id
	WHERE u.role = 'parent' AND u.disabled = 0 AND s.withdrawn = 0
	GROUP BY u.id ORDER BY u.id LIMIT $nparents" >"$T/parents.csv"
python3 - "$T" <<'PY' || { echo "bench: tokens failed" >&2; exit 1; }
import datetime, hashlib, secrets, sys
t = sys.argv[1]
rows = [l.strip().split(',') for l in open(t + '/parents.csv') if l.strip()]
sql, lua = ['BEGIN;'], ['return { parents = {']
for uid, sid in rows:
    tok = 'sj_ckbench_' + uid + '_' + secrets.token_hex(12)
    sql.append("INSERT INTO tokens (token_hash, user_id, district_id, name, created_at) VALUES ('%s', %s, 1, 'ck-bench', 0);"
               % (hashlib.sha256(tok.encode()).hexdigest(), int(uid)))
    lua.append('{"%s",%d},' % (tok, int(sid)))
sql.append('COMMIT;')
lua.append('}, weeks = {')
today = datetime.datetime.utcnow() + datetime.timedelta(hours=8)  # the district's day
for k in range(12):
    y, w, _ = (today.date() - datetime.timedelta(days=7 * k)).isocalendar()
    lua.append('"%04d-W%02d",' % (y, w))
lua.append('} }')
open(t + '/tokens.sql', 'w').write('\n'.join(sql) + '\n')
open(t + '/data.lua', 'w').write('\n'.join(lua) + '\n')
PY
q <"$T/tokens.sql" || exit 1
np=$(wc -l <"$T/parents.csv")
export CK_DATA="$T/data.lua"
admin=$("$bin" token create --db "$T/ck.db" --user admin) || { echo "bench: token create failed" >&2; exit 1; }
before=$(q "SELECT count(*) FROM fm_checkin")
echo "# checkins: $np parents with a bearer token each, 12 weeks"

# ---- 3. posts ----
sport=$(free_port)
base=http://127.0.0.1:$sport
start_server "$T/ck.db" "$sport"
seen201=0 seen422=0 seenother=0
post_results=""
post() { # NAME WRK_ARGS...
	name=$1
	shift
	wrk "$@" --latency -s tests/bench/ck_post.lua "$base" >"$T/wrk.out" 2>&1
	wrk_figures "$T/wrk.out"
	n201=0 n422=0 nother=0
	eval "$(awk '/^ck_post: 201=/ { split($2, a, "="); split($3, b, "="); split($4, c, "=")
		printf "n201=%d n422=%d nother=%d\n", a[2], b[2], c[2] }' "$T/wrk.out")"
	grep -e '^ck_post: first other' -e 'Socket errors' "$T/wrk.out" | sed "s/^ */# $name: /"
	seen201=$((seen201 + n201))
	seen422=$((seen422 + n422))
	seenother=$((seenother + nother))
	[ "$name" = warm-up ] && return
	post_results="$post_results$name|${rps:-0}|$n201|$n422|$nother|$p50ms|$p99ms|${sockerr:-0}
"
}
post warm-up -t2 -c64 -d"${warm}s"
post "posts -c64" -t2 -c64 -d"${dur}s"
post "posts -c192" -t2 -c192 -d"${dur}s"

# ---- 4. the views ----
sid1=$(q "SELECT MIN(id) FROM school")
view_results=""
view() { # NAME PATH
	wrk -t1 -c4 -d"${warm}s" -H "Authorization: Bearer $admin" "$base$2" >/dev/null 2>&1
	wrk -t1 -c4 -d"${dur}s" --latency -H "Authorization: Bearer $admin" "$base$2" >"$T/wrk.out" 2>&1
	wrk_figures "$T/wrk.out"
	one=$(curl -s -o "$T/view.json" -w '%{time_total}' -H "Authorization: Bearer $admin" "$base$2")
	view_results="$view_results$1|${rps:-0}|$p50ms|$p99ms|$(awk -v s="$one" 'BEGIN { printf "%.1f", s * 1000 }')|$(wc -c <"$T/view.json")|$((${non2xx:-0} + ${sockerr:-0}))
"
}
view "district view" /api/v1/five-managements
view "school view" "/api/v1/schools/$sid1/five-managements"
stop_server

# ---- consistency, server stopped ----
stored=$(($(q "SELECT count(*) FROM fm_checkin") - before))
dup=$(q "SELECT count(*) FROM (SELECT student_id, week FROM fm_checkin WHERE current = 1 GROUP BY 1, 2 HAVING count(*) > 1)")
audited=$(q "SELECT count(*) FROM audit WHERE action = 'checkin.create'")
# every child's term sums equal the sums of its live check-ins of that term
drift=$(q "SELECT count(*) FROM fm_student_term s JOIN term t ON t.id = s.term_id LEFT JOIN
	(SELECT k.student_id, t2.id AS term_id, count(*) AS n, sum(k.sleep_min) AS sl FROM fm_checkin k
	 JOIN term t2 ON t2.starts_on <= date(k.week, '+6 days') AND t2.ends_on >= k.week
	 WHERE k.current = 1 GROUP BY 1, 2) x ON x.student_id = s.student_id AND x.term_id = s.term_id
	WHERE s.weeks <> coalesce(x.n, 0) OR s.sleep_sum <> coalesce(x.sl, 0)")

# ---- report ----
echo "# check-in posts: wrk -t2 -d${dur}s after a ${warm}s warm-up, server defaults (synchronous=FULL, group commit)"
printf '%-14s %8s %8s %6s %6s %8s %9s %7s\n' bench req/s 201 422 other p50 p99 sockerr
printf '%s' "$post_results" | awk -F'|' '{ printf "%-14s %8s %8s %6s %6s %6sms %7sms %7s\n", $1, $2, $3, $4, $5, $6, $7, $8 }'
echo "# consistency: rows stored $stored, 201s seen $seen201 (wrk does not count answers in flight at its end), audit rows $audited; live duplicates $dup; term sums off $drift"
echo "# views: wrk -t1 -c4 -d${dur}s, admin bearer; one request's time alone"
printf '%-14s %8s %8s %9s %8s %9s %7s\n' view req/s p50 p99 alone bytes errors
printf '%s' "$view_results" | awk -F'|' '{ printf "%-14s %8s %6sms %7sms %6sms %9s %7s\n", $1, $2, $3, $4, $5, $6, $7 }'
pl=$(printf '%s' "$post_results" | awk -F'|' '$1 == "posts -c64"')
dl=$(printf '%s' "$view_results" | awk -F'|' '$1 == "district view"')
echo "checkins ($schools schools, $np parents): posts $(echo "$pl" | cut -d'|' -f2)/s (p99 $(echo "$pl" | cut -d'|' -f7) ms); district view p50 $(echo "$dl" | cut -d'|' -f3) ms, p99 $(echo "$dl" | cut -d'|' -f4) ms (target <= 200 ms)"
cat >build/bench/checkins.json <<JSON
{"schools": $schools, "parents": $np, "posts_c64": "$(echo "$pl" | cut -d'|' -f2)", "post_p99_ms": "$(echo "$pl" | cut -d'|' -f7)",
 "stored": $stored, "seen201": $seen201, "live_duplicates": $dup,
 "district_p50_ms": "$(echo "$dl" | cut -d'|' -f3)", "district_p99_ms": "$(echo "$dl" | cut -d'|' -f4)", "district_alone_ms": "$(echo "$dl" | cut -d'|' -f5)"}
JSON
