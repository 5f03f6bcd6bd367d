#!/bin/sh
# tests/bench/afterschool.sh - after-school service figures (issue 5):
# attendance submissions/s, a class of 45 in one request, and the district
# view's time on a province-size demo (target <= 200 ms). Figures only, never
# pass/fail. Run by run.sh (make bench) after homework.sh, or alone:
#
#   SJ_BENCH_SCHOOLS=200 sh tests/bench/afterschool.sh
#
# 1. The demo, as homework.sh keeps it (build/bench/demo-N-s1-SUM.db); when
#    there is none for today's migrations and demo, the newest of an older
#    schema (build/bench/demo-N-s1-*.db) is taken and migrated on the copy,
#    else the demo is built and kept. Each run works on a copy, with a copy of
#    the binary. `migrate` is timed: on an older demo it is the after-school
#    migrations' time (0005 fills school.students from every student).
# 2. Fixtures, inserted with sqlite3 into the copy (a bench fixture, not a
#    test), in the district's latest term: the SJ_BENCH_AS_TEACHERS (64)
#    schools with the most classes of 45 or more students; in each such class
#    (at most SJ_BENCH_AS_CLASSES, 1024) a 作业辅导 program (category
#    homework, the class's grade, capacity 60, Monday-Friday 16:00-17:30, the
#    head teacher on its staff) with its first 45 students admitted, and a
#    session on every school day of the term; every school of the district
#    gets its as_school_term counters, computed as store_as_counts_rebuild
#    does. One teacher account per bench school (a users row like the demo's
#    teacher, with the school's id) and a bearer token each (`token create`).
# 3. POST /api/v1/afterschool/sessions/{id}/attendance with
#    tests/bench/as_attend.lua, wrk -t2 -c64 --timeout 10s (p99s beyond
#    wrk's default 2 s are seen, not dropped), server defaults (SQLite
#    synchronous=FULL; an attendance post is its own transaction, app_tx,
#    not a part of the group-commit writer's): "spread" sends each session
#    once, day by day (wrapping round when a run outlasts the term), "same"
#    re-submits 64 recorded sessions. Then, server stopped, sqlite3 checks:
#    audited submissions vs 200s seen, 45 attendance rows per recorded session
#    and each session's n_att, and every school-term's t_att, t_present,
#    t_hw_asked, t_hw_done, t_recorded == the SUM over its sessions.
# 4. GET /api/v1/afterschool-metrics?term=&limit=50 and limit=500 (the
#    district view, admin bearer) and GET /api/v1/schools/{id}/afterschool-
#    metrics?term= (the bench school with the most records): 20 sequential
#    curls each (min/median/max of time_total), then wrk -t1 -c8 for reads/s.
# 5. A summary line "afterschool (N schools): …"; build/bench/afterschool.json.
#    Read the figures with what is printed beside them: the load average, the
#    disk's fdatasync()s a second then, and the server's CPU ms a request
#    (from /proc: the machine is shared, and a post commits on its own).
#
# Environment: SJ_BENCH_SCHOOLS (default BENCH_PROVINCE_SCHOOLS, else 10000),
# SJ_BENCH_AS_TEACHERS (64), SJ_BENCH_AS_CLASSES (1024), BENCH_DURATION (10),
# BENCH_WARMUP (2), SJ_BENCH_KEEP=1 keeps the temp dir, SJ_BENCH_SERVE_ARGS
# for experiments (the figures of record use the defaults).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
schools=${SJ_BENCH_SCHOOLS:-${BENCH_PROVINCE_SCHOOLS:-10000}}
nteach=${SJ_BENCH_AS_TEACHERS:-64}
nclass=${SJ_BENCH_AS_CLASSES:-1024}
dur=${BENCH_DURATION:-10}
warm=${BENCH_WARMUP:-2}
pw='bench-pass-2026!'

. "$root/tests/bench/lib.sh"
bench_need wrk curl sqlite3
[ -x "$bin" ] || { echo "bench: $bin missing: run make" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-as.XXXXXX") || exit 1
chmod 755 "$T"
cp "$bin" "$T/shuangjian" && bin=$T/shuangjian
trap 'bench_stop_all; [ -n "${SJ_BENCH_KEEP:-}" ] && echo "# kept $T" || rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
now_ms() { date +%s%3N; }
q() { sqlite3 -batch -noheader "$T/as.db" "$@"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
# the server's CPU time so far in ms (user + system), to read beside req/s on a shared machine
tick=$(getconf CLK_TCK 2>/dev/null || echo 100)
srv_cpu() { awk -v t="$tick" '{ printf "%d", ($14 + $15) * 1000 / t }' "/proc/$srv_pid/stat" 2>/dev/null || echo 0; }
# fdatasync()s of 4 KB a second on this disk for 1 s (MEASURED.md: ~7.3k/s
# when quiet): each attendance post commits on its own (synchronous=FULL).
fsyncs() {
	python3 -c 'import os, sys, time
f = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT); n = 0; t = time.time()
while time.time() - t < 1: os.write(f, b"x" * 4096); os.fdatasync(f); n += 1
print(n)' "$T/fsync.probe" 2>/dev/null || echo -
	rm -f "$T/fsync.probe"
}
per() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print 0 }'; }
echo "# afterschool: $(nproc) cores, shared by the server, wrk and curl (figures are of them together); load average $(load)"

# ---- 1. the demo: today's, else an older one migrated, else built ----
mkdir -p build/bench
cache=$(demo_cache "$schools")
if [ ! -s "$cache" ]; then
	# shellcheck disable=SC2012 # names without spaces: the newest by time
	older=$(ls -t build/bench/demo-"$schools"-s1-*.db 2>/dev/null | head -1)
	if [ -n "$older" ]; then
		echo "# afterschool: no demo for today's schema; taking $older (older schema, migrated on the copy)"
		cache=$older
	else
		echo "# afterschool: building the demo with $schools schools into $cache (the province: some 12 min)"
		t0=$(now_ms)
		rm -f "$cache.tmp" "$cache.tmp-wal" "$cache.tmp-shm"
		"$bin" demo --db "$cache.tmp" --password "$pw" --schools "$schools" --seed 1 \
			>"$T/demo.log" 2>&1 || {
			echo "bench: demo failed:" >&2
			tail -5 "$T/demo.log" >&2
			exit 1
		}
		sqlite3 "$cache.tmp" 'PRAGMA wal_checkpoint(TRUNCATE);' >/dev/null
		rm -f build/bench/demo-"$schools"-s1-*.db # older schemas
		mv "$cache.tmp" "$cache"
		rm -f "$cache.tmp-wal" "$cache.tmp-shm"
		echo "# afterschool: demo built in $((($(now_ms) - t0) / 1000)) s"
	fi
fi
cp "$cache" "$T/as.db" || exit 1
t0=$(now_ms)
"$bin" migrate --db "$T/as.db" >"$T/migrate.log" 2>&1 || {
	echo "bench: migrate failed:" >&2
	cat "$T/migrate.log" >&2
	exit 1
}
migrate_ms=$(($(now_ms) - t0))
migrations=$(sed -n 's/.*applied \([0-9]*\) migration.*/\1/p' "$T/migrate.log")
migrations=${migrations:-0}
size=$(q "SELECT (SELECT count(*) FROM school) || ' schools, ' || (SELECT count(*) FROM class)
	|| ' classes, ' || (SELECT count(*) FROM student) || ' students'")
echo "# afterschool: demo --schools $schools --seed 1 ($size; $(du -m "$T/as.db" | cut -f1) MB)"
echo "# afterschool: migrate applied $migrations migration(s) in $migrate_ms ms (schema now $(q 'SELECT MAX(version) FROM schema_migrations'))"

# ---- 2. fixtures ----
term=$(q "SELECT id FROM term ORDER BY starts_on DESC LIMIT 1")
district=$(q "SELECT district_id FROM term WHERE id = $term")
now=$(date +%s)
t0=$(now_ms)
# Classes with 45 or more students without a live application this term, in
# the schools that have most of them; programs numbered after the demo's.
q "CREATE TABLE as_bench_class AS
	WITH big AS (SELECT c.id cid, c.school_id sid, c.grade, c.name, c.head_teacher_id FROM class c
	  JOIN school sc ON sc.id = c.school_id AND sc.withdrawn = 0 AND sc.district_id = $district
	  JOIN (SELECT st.class_id, count(*) n FROM student st WHERE st.withdrawn = 0
	  AND NOT EXISTS (SELECT 1 FROM as_application a WHERE a.student_id = st.id
	  AND a.term_id = $term AND a.status <> 'withdrawn') GROUP BY 1 HAVING n >= 45) f
	  ON f.class_id = c.id WHERE c.withdrawn = 0),
	top AS (SELECT sid, count(*) n FROM big GROUP BY sid ORDER BY n DESC, sid LIMIT $nteach),
	pick AS (SELECT b.* FROM big b JOIN top USING (sid) ORDER BY b.cid LIMIT $nclass)
	SELECT (SELECT COALESCE(MAX(id), 0) FROM as_program) + row_number() OVER (ORDER BY cid) pid,
	  pick.*, dense_rank() OVER (ORDER BY sid) tno FROM pick" || exit 1
q "CREATE TABLE as_bench_day AS WITH RECURSIVE tm AS (SELECT starts_on, ends_on FROM term WHERE id = $term),
	d(x) AS (SELECT starts_on FROM tm UNION ALL SELECT date(x, '+1 day') FROM d, tm WHERE x < ends_on)
	SELECT x day FROM d LEFT JOIN calendar_day cd ON cd.day = d.x AND cd.district_id = $district
	WHERE (strftime('%w', x) NOT IN ('0', '6') AND cd.kind IS NULL) OR cd.kind = 'makeup'" || exit 1
q "BEGIN;
INSERT INTO as_program (id, district_id, school_id, term_id, name, category, grades, capacity,
	days, start_min, end_min, venue, apply_until, created_at)
	SELECT b.pid, $district, b.sid, $term, '作业辅导（基准）' || b.name, 'homework', b.grade, 60,
	'1,2,3,4,5', 960, 1050, b.name || '教室', (SELECT starts_on FROM term WHERE id = $term), $now
	FROM as_bench_class b;
INSERT INTO as_program_staff (program_id, seq, name, type, staff_id)
	SELECT b.pid, 1, s.name, 'teacher', s.id FROM as_bench_class b
	JOIN staff s ON s.id = COALESCE(b.head_teacher_id,
	  (SELECT id FROM staff x WHERE x.school_id = b.sid AND x.withdrawn = 0 ORDER BY id LIMIT 1));
INSERT INTO as_application (district_id, school_id, term_id, student_id, choice1, consent_at,
	user_id, status, program_id, created_at)
	SELECT $district, sid, $term, id, pid, $now, (SELECT MIN(id) FROM users), 'admitted', pid, $now
	FROM (SELECT st.id, b.sid, b.pid, row_number() OVER (PARTITION BY b.cid ORDER BY st.id) k
	  FROM as_bench_class b JOIN student st ON st.class_id = b.cid AND st.withdrawn = 0
	  WHERE NOT EXISTS (SELECT 1 FROM as_application a WHERE a.student_id = st.id
	  AND a.term_id = $term AND a.status <> 'withdrawn')) WHERE k <= 45;
INSERT INTO as_session (district_id, school_id, program_id, day, start_min, end_min)
	SELECT $district, b.sid, b.pid, d.day, 960, 1050 FROM as_bench_class b, as_bench_day d
	ORDER BY d.day, b.pid;
INSERT INTO as_school_term (school_id, term_id, district_id, t_applied, t_admitted, t_sessions,
	t_recorded, t_flagged, t_att, t_present, t_hw_asked, t_hw_done, t_incidents)
	SELECT sc.id, $term, sc.district_id,
	(SELECT COUNT(*) FROM as_application a WHERE a.school_id = sc.id AND a.term_id = $term
	  AND a.status <> 'withdrawn'),
	(SELECT COUNT(*) FROM as_application a WHERE a.school_id = sc.id AND a.term_id = $term
	  AND a.status = 'admitted'),
	COUNT(s.id), COALESCE(SUM(CASE WHEN s.recorded_at IS NULL THEN 0 ELSE 1 END), 0),
	COALESCE(SUM(CASE WHEN s.flagged <> '' OR (s.recorded_at IS NOT NULL
	  AND s.no_new_lesson = 0) THEN 1 ELSE 0 END), 0),
	COALESCE(SUM(s.n_att), 0), COALESCE(SUM(s.n_present), 0),
	COALESCE(SUM(s.n_hw_asked), 0), COALESCE(SUM(s.n_hw_done), 0),
	(SELECT COUNT(*) FROM as_incident i JOIN as_session x ON x.id = i.session_id
	  JOIN as_program y ON y.id = x.program_id WHERE i.school_id = sc.id AND y.term_id = $term)
	FROM school sc LEFT JOIN (as_session s JOIN as_program g ON g.id = s.program_id
	  AND g.term_id = $term) ON s.school_id = sc.id
	WHERE sc.district_id = $district GROUP BY sc.id
	ON CONFLICT (school_id, term_id) DO UPDATE SET t_applied = excluded.t_applied,
	t_admitted = excluded.t_admitted, t_sessions = excluded.t_sessions,
	t_recorded = excluded.t_recorded, t_flagged = excluded.t_flagged, t_att = excluded.t_att,
	t_present = excluded.t_present, t_hw_asked = excluded.t_hw_asked,
	t_hw_done = excluded.t_hw_done, t_incidents = excluded.t_incidents;
COMMIT;" || exit 1
nprog=$(q "SELECT count(*) FROM as_bench_class")
nsch=$(q "SELECT count(DISTINCT sid) FROM as_bench_class")
ndays=$(q "SELECT count(*) FROM as_bench_day")
nsess=$(q "SELECT count(*) FROM as_session s JOIN as_bench_class b ON b.pid = s.program_id")
nrows=$(q "SELECT count(*) FROM as_school_term WHERE term_id = $term")
[ "$nprog" -gt 0 ] || { echo "bench: no class with 45 students to bench" >&2; exit 1; }
echo "# afterschool: fixtures in $(($(now_ms) - t0)) ms: term $term, $nprog 作业辅导 programs (one per class of >= 45, its first 45 admitted) in $nsch schools,"
echo "#   $ndays school days, $nsess sessions; as_school_term rows $nrows; $(q 'SELECT count(*) FROM as_application') applications in all"

# One teacher account per bench school: rows like the demo's teacher (its
# password hash; they sign in by bearer token only), and a token each.
t0=$(now_ms)
q "INSERT INTO users (district_id, username, display_name, role, school_id, password_hash, created_at)
	SELECT $district, 'asbench' || tno, '课后服务教师' || tno, 'teacher', sid,
	(SELECT password_hash FROM users WHERE role = 'teacher' ORDER BY id LIMIT 1), $now
	FROM as_bench_class GROUP BY tno ORDER BY tno" || exit 1
admin=$("$bin" token create --db "$T/as.db" --user admin) || { echo "bench: token create failed" >&2; exit 1; }
: >"$T/tokens"
i=1
while [ $i -le "$nsch" ]; do
	"$bin" token create --db "$T/as.db" --user "asbench$i" >>"$T/tokens" || exit 1
	i=$((i + 1))
done
echo "# afterschool: $nsch teacher accounts and tokens in $(($(now_ms) - t0)) ms"
sport=$(free_port)
base=http://127.0.0.1:$sport
{
	echo "return {"
	echo "programs = {"
	q "SELECT '{' || b.tno || ',{' || group_concat(a.student_id, ',') || '}},'
		FROM as_bench_class b JOIN as_application a ON a.program_id = b.pid GROUP BY b.pid ORDER BY b.pid"
	echo "}, tokens = {"
	awk '{ printf "\"%s\",\n", $1 }' "$T/tokens"
	echo "}, sessions = {"
	q "SELECT '{' || s.id || ',' || (b.pid - (SELECT MIN(pid) FROM as_bench_class) + 1) || '},'
		FROM as_session s JOIN as_bench_class b ON b.pid = s.program_id ORDER BY s.day, s.program_id"
	echo "} }"
} >"$T/data.lua"
export AS_DATA="$T/data.lua" AS_THREADS=2

# ---- 3. attendance ----
fsync0=$(fsyncs)
echo "# afterschool: this disk now: $fsync0 fdatasync/s; load average $(load)"
# shellcheck disable=SC2086 # extra serve args, split on purpose
start_server "$T/as.db" "$sport" ${SJ_BENCH_SERVE_ARGS:-}
seen200=0
seen422=0
seenother=0
seensock=0
runs=0
att_results=""
# attend NAME MODE WRK_ARGS...: adds the script's counts to seen*; appends a result line
attend() {
	name=$1
	AS_MODE=$2 AS_START=$((seen200 + seen422 + seenother))
	export AS_MODE AS_START
	shift 2
	c0=$(srv_cpu)
	wrk "$@" --timeout 10s --latency -s tests/bench/as_attend.lua "$base" >"$T/wrk.out" 2>&1
	wrk_figures "$T/wrk.out"
	n200=0 n422=0 nother=0
	eval "$(awk '/^as_attend: 200=/ { split($2, a, "="); split($3, b, "="); split($4, c, "=")
		printf "n200=%d n422=%d nother=%d\n", a[2], b[2], c[2] }' "$T/wrk.out")"
	grep -e '^as_attend: first other' -e 'Socket errors' "$T/wrk.out" | sed "s/^ */# $name: /"
	seen200=$((seen200 + n200))
	seen422=$((seen422 + n422))
	seenother=$((seenother + nother))
	seensock=$((seensock + ${sockerr:-0}))
	runs=$((runs + 1))
	cpu=$(per $(($(srv_cpu) - c0)) $((n200 + n422 + nother)))
	[ "$name" = warm-up ] && return
	secs=$(awk '/requests in/ { for (i = 1; i <= NF; i++) if ($i == "in") { v = $(i + 1); sub(/,$/, "", v) } }
		END { if (v ~ /ms$/) { sub(/ms$/, "", v); v /= 1000 } else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60 } else sub(/s$/, "", v); print v }' "$T/wrk.out")
	ok_rps=$(awk -v n="$n200" -v s="$secs" 'BEGIN { if (s > 0) printf "%d", n / s + 0.5; else print 0 }')
	att_results="$att_results$name|${rps:-0}|$ok_rps|$((ok_rps * 45))|$n200|$n422|$nother|$p50ms|$p99ms|${sockerr:-0}|$cpu
"
}
attend warm-up spread -t2 -c64 -d"${warm}s"
attend "spread -c64" spread -t2 -c64 -d"${dur}s"
sent_spread=$((seen200 + seen422 + seenother))
attend "same -c64" same -t2 -c64 -d"${dur}s"

echo "# afterschool: after the posts: load average $(load); $(fsyncs) fdatasync/s"

# ---- 4. the district view and one school's ----
# the bench school with the most attendance records
hsch=$(q "SELECT school_id FROM as_school_term WHERE term_id = $term ORDER BY t_att DESC, school_id LIMIT 1")
hschn=$(q "SELECT t_att || ' records in ' || t_recorded || ' sessions' FROM as_school_term
	WHERE school_id = $hsch AND term_id = $term")
view_results=""
# view NAME PATH: 20 sequential curls (ms min/median/max), then wrk -t1 -c8
view() {
	vname=$1
	url=$base$2
	code=$(curl -s -o "$T/view.out" -w '%{http_code}' -H "Authorization: Bearer $admin" "$url")
	[ "$code" = 200 ] || echo "# $vname: answered $code: $(head -c 200 "$T/view.out")"
	nitems=$(grep -o '"school_id"' "$T/view.out" | wc -l)
	vbytes=$(wc -c <"$T/view.out")
	: >"$T/times"
	k=0
	while [ $k -lt 20 ]; do
		curl -s -o /dev/null -w '%{time_total}\n' -H "Authorization: Bearer $admin" "$url" >>"$T/times"
		k=$((k + 1))
	done
	mmm=$(sort -n "$T/times" | awk '{ t[NR] = $1 * 1000 } END { printf "%.1f|%.1f|%.1f", t[1], (t[10] + t[11]) / 2, t[NR] }')
	c0=$(srv_cpu)
	wrk -t1 -c8 -d"${dur}s" --latency -H "Authorization: Bearer $admin" "$url" >"$T/wrk.out" 2>&1
	cpu=$(($(srv_cpu) - c0))
	wrk_figures "$T/wrk.out"
	cpu=$(per "$cpu" "$(awk '/requests in/ { print $1 }' "$T/wrk.out")")
	view_results="$view_results$vname|$mmm|${rps:-0}|$p50ms|$p99ms|$((${non2xx:-0} + ${sockerr:-0}))|$vbytes|$nitems|$cpu
"
}
view "district limit=50" "/api/v1/afterschool-metrics?term=$term&limit=50"
view "district limit=500" "/api/v1/afterschool-metrics?term=$term&limit=500"
view "school $hsch" "/api/v1/schools/$hsch/afterschool-metrics?term=$term"
stop_server
echo "# afterschool: load average after the reads $(load)"

# ---- consistency, server stopped: what was acknowledged is there ----
audited=$(q "SELECT count(*) FROM audit WHERE action = 'afterschool.attendance' AND actor LIKE 'asbench%'")
recorded=$(q "SELECT count(*) FROM as_session s JOIN as_bench_class b ON b.pid = s.program_id
	WHERE s.recorded_at IS NOT NULL")
attrows=$(q "SELECT count(*) FROM as_attendance a JOIN as_session s ON s.id = a.session_id
	JOIN as_bench_class b ON b.pid = s.program_id")
badsess=$(q "SELECT count(*) FROM as_session s JOIN as_bench_class b ON b.pid = s.program_id
	WHERE s.n_att <> (SELECT count(*) FROM as_attendance a WHERE a.session_id = s.id)
	OR s.n_att <> CASE WHEN s.recorded_at IS NULL THEN 0 ELSE 45 END
	OR s.n_present <> (SELECT count(*) FROM as_attendance a WHERE a.session_id = s.id AND a.status = 'present')
	OR s.n_hw_done <> (SELECT count(*) FROM as_attendance a WHERE a.session_id = s.id AND a.homework_done = 1)")
badterm=$(q "SELECT count(*) FROM as_school_term t LEFT JOIN (SELECT s.school_id, SUM(s.n_att) att,
	SUM(s.n_present) pr, SUM(s.n_hw_asked) ha, SUM(s.n_hw_done) hd,
	SUM(s.recorded_at IS NOT NULL) rec FROM as_session s JOIN as_program g ON g.id = s.program_id
	WHERE g.term_id = $term GROUP BY 1) x ON x.school_id = t.school_id
	WHERE t.term_id = $term AND (t.t_att <> COALESCE(x.att, 0) OR t.t_present <> COALESCE(x.pr, 0)
	OR t.t_hw_asked <> COALESCE(x.ha, 0) OR t.t_hw_done <> COALESCE(x.hd, 0)
	OR t.t_recorded <> COALESCE(x.rec, 0))")
tatt=$(q "SELECT SUM(t_att) || '|' || (SELECT SUM(n_att) FROM as_session s JOIN as_program g
	ON g.id = s.program_id WHERE g.term_id = $term) FROM as_school_term WHERE term_id = $term")

# ---- report ----
echo "# attendance posts: wrk -t2 -d${dur}s --timeout 10s after a ${warm}s warm-up, 45 records a request, server ${SJ_BENCH_SERVE_ARGS:-defaults ($(($(nproc) * 8)) threads, synchronous=FULL)}"
echo "#   spread: $sent_spread submissions over $nsess sessions ($nprog classes x $ndays days)$([ "$sent_spread" -gt "$nsess" ] && echo ', wrapping round: the rest re-submit'); same: 64 recorded sessions re-submitted"
printf '%-14s %8s %8s %9s %7s %5s %6s %9s %9s %7s %9s\n' bench req/s 200/s records/s 200 422 other p50 p99 sockerr cpu/req
printf '%s' "$att_results" | awk -F'|' '{ printf "%-14s %8s %8s %9s %7s %5s %6s %7sms %7sms %7s %7sms\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }'
echo "# consistency: submissions audited $audited, 200s seen $seen200 (wrk does not count answers in flight at its end, <= 64 a run, nor timed out: $seensock);"
echo "#   422s $seen422, other answers $seenother; bench sessions recorded $recorded, their attendance rows $attrows (45 each: $((recorded * 45)));"
echo "#   sessions whose n_att/n_present/n_hw_done <> their rows (or n_att not 0/45): $badsess;"
echo "#   school-terms whose t_att/t_present/t_hw_*/t_recorded <> SUM over their sessions: $badterm of $nrows; SUM(t_att) $(echo "$tatt" | cut -d'|' -f1) = SUM(n_att) $(echo "$tatt" | cut -d'|' -f2)"
echo "# district view: term $term, $nrows schools, admin bearer; 20 sequential curls, then wrk -t1 -c8 -d${dur}s;"
echo "#   school $hsch: $hschn"
printf '%-20s %8s %8s %8s %8s %8s %8s %6s %8s %6s %8s\n' bench min median max reads/s p50 p99 errors bytes items cpu/req
printf '%s' "$view_results" | awk -F'|' '{ printf "%-20s %6sms %6sms %6sms %8s %6sms %6sms %6s %8s %6s %6sms\n", $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }'

# Data: every acknowledged submission is stored (at most the answers in
# flight when wrk stopped, or timed out, are stored unseen), rows and counters agree. Other
# answers (503 STORE_BUSY under load) are figures, stored nothing, and are
# printed beside.
ok=$([ "$badsess" = 0 ] && [ "$badterm" = 0 ] &&
	[ "$audited" -ge "$seen200" ] && [ $((audited - seen200)) -le $((64 * runs + seensock)) ] &&
	[ "$attrows" = $((recorded * 45)) ] && [ "$(echo "$tatt" | cut -d'|' -f1)" = "$(echo "$tatt" | cut -d'|' -f2)" ] &&
	echo consistent || echo INCONSISTENT)
al=$(printf '%s' "$att_results" | awk -F'|' '$1 == "spread -c64"')
sl=$(printf '%s' "$att_results" | awk -F'|' '$1 == "same -c64"')
d50=$(printf '%s' "$view_results" | awk -F'|' '$1 == "district limit=50"')
d500=$(printf '%s' "$view_results" | awk -F'|' '$1 == "district limit=500"')
sv=$(printf '%s' "$view_results" | awk -F'|' '$1 ~ /^school /')
echo "afterschool ($schools schools): attendance $(echo "$al" | cut -d'|' -f3)/s x 45 = $(echo "$al" | cut -d'|' -f4) records/s" \
	"p50 $(echo "$al" | cut -d'|' -f8) p99 $(echo "$al" | cut -d'|' -f9) ms (re-submitted: $(echo "$sl" | cut -d'|' -f3)/s p99 $(echo "$sl" | cut -d'|' -f9) ms);" \
	"district view median/max $(echo "$d50" | cut -d'|' -f3)/$(echo "$d50" | cut -d'|' -f4) ms (limit=50)," \
	"$(echo "$d500" | cut -d'|' -f3)/$(echo "$d500" | cut -d'|' -f4) ms (limit=500), school $(echo "$sv" | cut -d'|' -f3) ms;" \
	"migrate $migrate_ms ms ($migrations); data $ok; other answers $seenother"

{
	printf '{\n  "schools": %s, "demo": "%s", "demo_file": "%s", "term_id": %s,\n' \
		"$schools" "$size" "$(basename "$cache")" "$term"
	printf '  "migrate": {"applied": %s, "ms": %s}, "fdatasync_per_s": "%s",\n' "$migrations" "$migrate_ms" "$fsync0"
	printf '  "programs": %s, "bench_schools": %s, "school_days": %s, "sessions": %s, "records_per_request": 45,\n' \
		"$nprog" "$nsch" "$ndays" "$nsess"
	printf '  "date": "%s", "cores": %s, "duration_s": %s,\n  "attendance": [' \
		"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$dur"
	printf '%s' "$att_results" | awk -F'|' '{ printf "%s\n    {\"bench\": \"%s\", \"req_per_s\": %s, \"ok_per_s\": %s, \"records_per_s\": %s, \"ok\": %s, \"refused\": %s, \"other\": %s, \"p50_ms\": %s, \"p99_ms\": %s, \"server_cpu_ms_per_req\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5, $6, $7, $8, $9, $11 }'
	printf '\n  ],\n  "views": ['
	printf '%s' "$view_results" | awk -F'|' '{ printf "%s\n    {\"bench\": \"%s\", \"min_ms\": %s, \"median_ms\": %s, \"max_ms\": %s, \"req_per_s\": %s, \"p50_ms\": %s, \"p99_ms\": %s, \"errors\": %s, \"bytes\": %s, \"items\": %s, \"server_cpu_ms_per_req\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11 }'
	printf '\n  ],\n  "check": {"audited": %s, "seen_200": %s, "seen_422": %s, "other": %s, "sessions_recorded": %s, "attendance_rows": %s, "sessions_mismatched": %s, "school_terms_mismatched": %s, "consistent": %s}\n}\n' \
		"$audited" "$seen200" "$seen422" "$seenother" "$recorded" "$attrows" "$badsess" "$badterm" "$([ "$ok" = consistent ] && echo true || echo false)"
} >build/bench/afterschool.json
echo "# wrote build/bench/afterschool.json"
exit 0
