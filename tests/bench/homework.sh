#!/bin/sh
# tests/bench/homework.sh - homework figures on a province-size demo (issue:
# posts/s with every rule check and durable commits, target >= 10k/s; public
# notice reads/s beside nginx serving a static file of the same size in the
# same run, target >= 0.6 x nginx; with p99s). Figures only, never pass/fail.
# Run by run.sh (make bench) after import.sh, or alone:
#
#   SJ_BENCH_SCHOOLS=200 sh tests/bench/homework.sh
#
# 1. The demo (`demo --schools N --seed 1`) is built once and kept as
#    build/bench/demo-N-s1-SUM.db, SUM a checksum of the SQLite migrations and
#    src/demo/ (import.sh leaves its province demo there too); each
#    run works on a copy, with a copy of the binary (others may rebuild it
#    meanwhile). The province, 10000 schools, takes some 12 min to build.
# 2. SJ_BENCH_TEACHERS teacher accounts (POST /api/v1/users), linked to staff
#    records by `import staff` and teaching 数学 in SJ_BENCH_CLASSES classes of
#    grades 3-9 spread over the schools (`import teaching`); a bearer token each.
# 3. POST /api/v1/homework with tests/bench/hw_post.lua (wrk -t2, -c64 then
#    -c192: the server allows 200 connections per address), server defaults
#    (SQLite synchronous=FULL, the group-commit writer). Then, server stopped,
#    sqlite3 checks: items stored vs 201s seen, refusals vs 422s, and every
#    class-day's total == the SUM of its counted pending/published items <= limit.
# 4. GET /public/v1/notices/{code}?date= with tests/bench/hw_notice.lua (every
#    class on the busiest day; the bench classes over the term's days) and
#    nginx serving one such notice as a static file, wrk -t1 -c64 each.
# 5. A summary line "homework (N schools): posts …/s … ratio …; data consistent";
#    build/bench/homework.json. About 2 min once the demo is built.
#
# Environment: SJ_BENCH_SCHOOLS (default BENCH_PROVINCE_SCHOOLS, else 10000:
# `BENCH_PROVINCE_SCHOOLS=10000 make bench` builds the province once, in
# import.sh, and benches on it here), SJ_BENCH_TEACHERS (64),
# SJ_BENCH_CLASSES (4096), BENCH_DURATION (10), BENCH_WARMUP (2),
# HW_HOT (0.05: share of posts sent to 16 class-days that fill up),
# SJ_BENCH_KEEP=1 keeps the temp dir (database, data.lua) for a look after;
# SJ_BENCH_SERVE_ARGS (e.g. "--threads 64") for experiments: the figures of
# record use the defaults. The server inherits the environment (GLIBC_TUNABLES…).
set -u

root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
schools=${SJ_BENCH_SCHOOLS:-${BENCH_PROVINCE_SCHOOLS:-10000}}
nteach=${SJ_BENCH_TEACHERS:-64}
nclass=${SJ_BENCH_CLASSES:-4096}
dur=${BENCH_DURATION:-10}
warm=${BENCH_WARMUP:-2}
pw='bench-pass-2026!'

. "$root/tests/bench/lib.sh"
bench_need wrk nginx curl sqlite3
[ -x "$bin" ] || { echo "bench: $bin missing: run make" >&2; exit 1; }

T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-hw.XXXXXX") || exit 1
chmod 755 "$T"
cp "$bin" "$T/shuangjian" && bin=$T/shuangjian
trap 'bench_stop_all; [ -n "${SJ_BENCH_KEEP:-}" ] && echo "# kept $T" || rm -rf "$T"' EXIT
trap 'exit 130' INT TERM
now_ms() { date +%s%3N; }
q() { sqlite3 -batch -noheader "$T/hw.db" "$@"; }

# ---- 1. the demo, built once per size ----
mkdir -p build/bench
cache=$(demo_cache "$schools")
if [ ! -s "$cache" ]; then
	echo "# homework: building the demo with $schools schools into $cache (the province: some 12 min)"
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
	echo "# homework: demo built in $((($(now_ms) - t0) / 1000)) s"
fi
cp "$cache" "$T/hw.db" || exit 1
size=$(q "SELECT (SELECT count(*) FROM school) || ' schools, ' || (SELECT count(*) FROM class)
	|| ' classes, ' || (SELECT count(*) FROM student) || ' students'")
echo "# homework: demo --schools $schools --seed 1 ($size; $(du -m "$T/hw.db" | cut -f1) MB)"

# ---- 2. bench teachers ----
sport=$(free_port)
base=http://127.0.0.1:$sport
admin=$("$bin" token create --db "$T/hw.db" --user admin) || { echo "bench: token create failed" >&2; exit 1; }
start_server "$T/hw.db" "$sport"
i=1
while [ $i -le "$nteach" ]; do
	code=$(curl -s -o "$T/user.out" -w '%{http_code}' -H "Authorization: Bearer $admin" \
		-H 'Content-Type: application/json' -X POST "$base/api/v1/users" \
		-d "{\"username\":\"hwbench$i\",\"display_name\":\"基准教师$i\",\"role\":\"teacher\",\"password\":\"$pw\"}")
	[ "$code" = 201 ] || { echo "bench: creating hwbench$i answered $code: $(cat "$T/user.out")" >&2; exit 1; }
	i=$((i + 1))
done
stop_server

# Classes of grades 3-9 (grades 1-2 get no written homework), spread over the
# schools by a multiplicative hash; class k is taught by teacher k mod N + 1.
q -separator , "SELECT c.id, sc.code, c.code, c.public_code FROM class c
	JOIN school sc ON sc.id = c.school_id WHERE c.grade >= 3 AND c.withdrawn = 0
	AND sc.withdrawn = 0 ORDER BY (c.id * 2654435761) % 4294967311 LIMIT $nclass" >"$T/classes.csv"
awk -F, -v n="$nteach" 'BEGIN { print "学校代码,工号,姓名,任教学科,登录名" }
	{ t = (NR - 1) % n + 1; k = $2 "/" t; if (!(k in seen)) { seen[k] = 1
	  printf "%s,HWB%dS%s,基准教师%d,数学,hwbench%d\n", $2, t, $2, t, t } }' \
	"$T/classes.csv" >"$T/staff.csv"
awk -F, -v n="$nteach" 'BEGIN { print "学校代码,班级代码,学科,工号" }
	{ printf "%s,%s,数学,HWB%dS%s\n", $2, $3, (NR - 1) % n + 1, $2 }' "$T/classes.csv" >"$T/teaching.csv"
for kind in staff teaching; do
	"$bin" import "$kind" "$T/$kind.csv" --db "$T/hw.db" >"$T/import.log" 2>&1 || {
		echo "bench: import $kind failed:" >&2
		tail -5 "$T/import.log" >&2
		exit 1
	}
done
: >"$T/tokens"
i=1
while [ $i -le "$nteach" ]; do
	"$bin" token create --db "$T/hw.db" --user "hwbench$i" >>"$T/tokens" || exit 1
	i=$((i + 1))
done
# The school days of the last term: weekdays that are not holidays, and
# make-up working days.
q "WITH RECURSIVE tm AS (SELECT district_id, starts_on, ends_on FROM term
	ORDER BY starts_on DESC LIMIT 1),
	d(x) AS (SELECT starts_on FROM tm UNION ALL SELECT date(x, '+1 day') FROM d, tm WHERE x < ends_on)
	SELECT x FROM d LEFT JOIN calendar_day cd ON cd.day = d.x
	AND cd.district_id = (SELECT district_id FROM tm)
	WHERE (strftime('%w', x) NOT IN ('0', '6') AND cd.kind IS NULL) OR cd.kind = 'makeup'" >"$T/days"
ncls=$(wc -l <"$T/classes.csv")
ndays=$(wc -l <"$T/days")
{
	echo "return {"
	echo "classes = {"
	awk -F, -v n="$nteach" '{ printf "{%s,%d,\"%s\"},\n", $1, (NR - 1) % n + 1, $4 }' "$T/classes.csv"
	echo "}, tokens = {"
	awk '{ printf "\"%s\",\n", $1 }' "$T/tokens"
	echo "}, days = {"
	awk '{ printf "\"%s\",\n", $1 }' "$T/days"
	echo "} }"
} >"$T/data.lua"
export HW_DATA="$T/data.lua"
echo "# homework: $nteach teachers teaching 数学 in $ncls classes (grades 3-9), $ndays school days $(head -1 "$T/days")..$(tail -1 "$T/days")"

# ---- 3. posts ----
# shellcheck disable=SC2086 # extra serve args, split on purpose
start_server "$T/hw.db" "$sport" ${SJ_BENCH_SERVE_ARGS:-}
tok1=$(head -1 "$T/tokens")
cid1=$(head -1 "$T/classes.csv" | cut -d, -f1)
code=$(curl -s -o "$T/post.out" -w '%{http_code}' -H "Authorization: Bearer $tok1" \
	-H 'Content-Type: application/json' -X POST "$base/api/v1/homework" \
	-d "{\"class_id\":$cid1,\"subject\":\"数学\",\"kind\":\"written\",\"title\":\"试布置\",\"content\":\"练习\",\"minutes\":1,\"assigned_on\":\"$(head -1 "$T/days")\",\"due_on\":\"$(head -1 "$T/days")\"}")
[ "$code" = 201 ] || { echo "bench: a first post answered $code: $(cat "$T/post.out")" >&2; exit 1; }
seen201=1
seen422=0
seenother=0
post_results=""
# post NAME WRK_ARGS...: adds the script's counts to seen*; appends a result line
post() {
	name=$1
	shift
	wrk "$@" --latency -s tests/bench/hw_post.lua "$base" >"$T/wrk.out" 2>&1
	wrk_figures "$T/wrk.out"
	n201=0 n422=0 nother=0
	eval "$(awk '/^hw_post: 201=/ { split($2, a, "="); split($3, b, "="); split($4, c, "=")
		printf "n201=%d n422=%d nother=%d\n", a[2], b[2], c[2] }' "$T/wrk.out")"
	grep -e '^hw_post: first other' -e 'Socket errors' "$T/wrk.out" | sed "s/^ */# $name: /"
	seen201=$((seen201 + n201))
	seen422=$((seen422 + n422))
	seenother=$((seenother + nother))
	[ "$name" = warm-up ] && return
	secs=$(awk '/requests in/ { for (i = 1; i <= NF; i++) if ($i == "in") { v = $(i + 1); sub(/,$/, "", v) } }
		END { if (v ~ /ms$/) { sub(/ms$/, "", v); v /= 1000 } else if (v ~ /m$/) { sub(/m$/, "", v); v *= 60 } else sub(/s$/, "", v); print v }' "$T/wrk.out")
	ok_rps=$(awk -v n="$n201" -v s="$secs" 'BEGIN { if (s > 0) printf "%d", n / s + 0.5; else print 0 }')
	post_results="$post_results$name|${rps:-0}|$ok_rps|$n201|$n422|$nother|$p50ms|$p99ms|${sockerr:-0}
"
}
post warm-up -t2 -c64 -d"${warm}s"
post "posts -c64" -t2 -c64 -d"${dur}s"
post "posts -c192" -t2 -c192 -d"${dur}s"

# ---- 4. public notices, nginx beside ----
# Two read patterns: every class of the demo on one day (the day with the most
# homework: parents reading "today"), and the bench classes over all the term's
# days. nginx serves, as a static file, the median-sized of 41 notices of the
# first pattern, as the server answers them.
day1=$(q "SELECT assigned_on FROM homework GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")
{
	echo "return { codes = {"
	q "SELECT '\"' || public_code || '\",' FROM class WHERE withdrawn = 0"
	echo "}, days = { \"$day1\" } }"
} >"$T/notices-day.lua"
{
	echo "return { codes = {"
	awk -F, '{ printf "\"%s\",\n", $4 }' "$T/classes.csv"
	echo "}, days = {"
	awk '{ printf "\"%s\",\n", $1 }' "$T/days"
	echo "} }"
} >"$T/notices-term.lua"
q "SELECT public_code FROM class WHERE withdrawn = 0 ORDER BY random() LIMIT 41" >"$T/sample"
mkdir -p "$T/notices"
while read -r pc; do
	curl -s -o "$T/notices/$pc" "$base/public/v1/notices/$pc?date=$day1"
done <"$T/sample"
median=$(cd "$T/notices" && wc -c -- * | sort -n | sed -n 21p | awk '{ print $2 }') # 21st of 41 (+ total)
cp "$T/notices/$median" "$T/notice.json"
nbytes=$(wc -c <"$T/notice.json")
nitems=$(grep -o '"assigned_on"' "$T/notice.json" | wc -l)
read_results=""
read_run() { # NAME URL [wrk args]
	rname=$1
	url=$2
	shift 2
	wrk -t1 -c64 -d"${warm}s" "$@" "$url" >/dev/null 2>&1
	wrk -t1 -c64 -d"${dur}s" --latency "$@" "$url" >"$T/wrk.out" 2>&1
	wrk_figures "$T/wrk.out"
	grep -e '^hw_notice: first other' -e 'Socket errors' "$T/wrk.out" | sed "s/^ */# $rname: /"
	other=$(awk '/^hw_notice: 200=/ { split($3, a, "="); print a[2] }' "$T/wrk.out")
	read_results="$read_results$rname|${rps:-0}|$p50ms|$p99ms|$((${non2xx:-0} + ${sockerr:-0} + ${other:-0}))
"
}
if nginx_start; then
	cp "$T/notice.json" "$T/www/notice.json"
	read_run "nginx static notice" "http://127.0.0.1:$ngx_port/notice.json"
fi
export HW_NOTICES="$T/notices-day.lua"
read_run "notices: 1 day, all" "$base" -s tests/bench/hw_notice.lua
HW_NOTICES=$T/notices-term.lua
read_run "notices: term days" "$base" -s tests/bench/hw_notice.lua
nginx_stop
stop_server

# ---- consistency, server stopped: what was acknowledged is there ----
stored=$(q "SELECT count(*) FROM homework h JOIN users u ON u.id = h.user_id WHERE u.username LIKE 'hwbench%'")
refusals=$(q "SELECT count(*) FROM hw_refusal r JOIN users u ON u.id = r.user_id WHERE u.username LIKE 'hwbench%'")
mismatch=$(q "SELECT count(*) FROM hw_class_day d LEFT JOIN (SELECT class_id, assigned_on, SUM(counted) s
	FROM homework WHERE status IN ('pending', 'published') GROUP BY 1, 2) h
	ON h.class_id = d.class_id AND h.assigned_on = d.day WHERE d.written_minutes <> coalesce(h.s, 0)")
over=$(q "SELECT count(*) FROM hw_class_day d JOIN class c ON c.id = d.class_id
	WHERE d.written_minutes > CASE WHEN c.grade <= 6 THEN 60 ELSE 90 END")
classdays=$(q "SELECT count(*) FROM hw_class_day WHERE written_minutes > 0")
full=$(q "SELECT count(*) FROM hw_class_day d JOIN class c ON c.id = d.class_id
	WHERE d.written_minutes = CASE WHEN c.grade <= 6 THEN 60 ELSE 90 END")

# ---- report ----
echo "# homework posts: wrk -t2 -d${dur}s after a ${warm}s warm-up, server ${SJ_BENCH_SERVE_ARGS:-defaults ($(($(nproc) * 8)) threads, synchronous=FULL)}"
printf '%-20s %8s %8s %8s %7s %6s %8s %9s %7s\n' bench req/s 201/s 201 422 other p50 p99 sockerr
printf '%s' "$post_results" | awk -F'|' '{ printf "%-20s %8s %8s %8s %7s %6s %6sms %7sms %7s\n", $1, $2, $3, $4, $5, $6, $7, $8, $9 }'
echo "# consistency: homework stored $stored, 201s seen $seen201 (wrk does not count answers in flight at its end);"
echo "#   refusals stored $refusals, 422s seen $seen422; other answers $seenother;"
echo "#   class-days $classdays ($full at the limit): total <> SUM(counted) $mismatch, over the limit $over"
echo "# notices: wrk -t1 -c64 -d${dur}s; 1 day = $day1, all $(grep -c '",$' "$T/notices-day.lua") classes;"
echo "#   term days = the $ncls bench classes x $ndays days; nginx: a $nbytes-byte notice ($nitems items)"
printf '%-24s %8s %8s %9s %7s\n' bench req/s p50 p99 errors
printf '%s' "$read_results" | awk -F'|' '{ printf "%-24s %8s %6sms %7sms %7s\n", $1, $2, $3, $4, $5 }'

pl=$(printf '%s' "$post_results" | awk -F'|' '$1 == "posts -c64"')
nl=$(printf '%s' "$read_results" | awk -F'|' '$1 == "notices: 1 day, all"')
gl=$(printf '%s' "$read_results" | awk -F'|' '$1 == "nginx static notice"')
ratio=$(awk -v a="$(echo "$nl" | cut -d'|' -f2)" -v b="$(echo "$gl" | cut -d'|' -f2)" \
	'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')
# Every acknowledged post and refusal is stored; at most the requests in
# flight when wrk stopped (it does not count their answers) are stored unseen.
ok=$([ "$mismatch" = 0 ] && [ "$over" = 0 ] && [ "$seenother" = 0 ] && [ "$stored" -ge "$seen201" ] &&
	[ "$refusals" -ge "$seen422" ] && [ $((stored + refusals - seen201 - seen422)) -le $((64 + 64 + 192)) ] &&
	echo consistent || echo INCONSISTENT)
echo "homework ($schools schools): posts $(echo "$pl" | cut -d'|' -f2)/s (201: $(echo "$pl" | cut -d'|' -f3)/s," \
	"422: $(echo "$pl" | cut -d'|' -f5)) p99 $(echo "$pl" | cut -d'|' -f8) ms;" \
	"notices $(echo "$nl" | cut -d'|' -f2)/s p99 $(echo "$nl" | cut -d'|' -f4) ms;" \
	"nginx $(echo "$gl" | cut -d'|' -f2)/s; ratio $ratio; data $ok"

{
	printf '{\n  "schools": %s, "demo": "%s", "teachers": %s, "classes": %s, "school_days": %s,\n' \
		"$schools" "$size" "$nteach" "$ncls" "$ndays"
	printf '  "date": "%s", "cores": %s, "duration_s": %s,\n  "posts": [' \
		"$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(nproc)" "$dur"
	printf '%s' "$post_results" | awk -F'|' '{ printf "%s\n    {\"bench\": \"%s\", \"req_per_s\": %s, \"created_per_s\": %s, \"created\": %s, \"refused\": %s, \"other\": %s, \"p50_ms\": %s, \"p99_ms\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5, $6, $7, $8 }'
	printf '\n  ],\n  "reads": ['
	printf '%s' "$read_results" | awk -F'|' '{ printf "%s\n    {\"bench\": \"%s\", \"req_per_s\": %s, \"p50_ms\": %s, \"p99_ms\": %s, \"errors\": %s}", (NR > 1 ? "," : ""), $1, $2, $3, $4, $5 }'
	printf '\n  ],\n  "ratio_notices_nginx": %s,\n' "$([ "$ratio" = - ] && echo null || echo "$ratio")"
	printf '  "check": {"stored": %s, "seen_201": %s, "refusals": %s, "seen_422": %s, "class_days": %s, "mismatched": %s, "over_limit": %s}\n}\n' \
		"$stored" "$seen201" "$refusals" "$seen422" "$classdays" "$mismatch" "$over"
} >build/bench/homework.json
echo "# wrote build/bench/homework.json"
exit 0
