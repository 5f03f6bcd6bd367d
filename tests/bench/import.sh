#!/bin/sh
# import.sh - figures for the organisation data (issue: import rate, demo
# build time). Generates schools, classes and BENCH_STUDENTS students (default
# 1,000,000) as CSV, imports them with `shuangjian import` on SQLite and prints
# rows/s; then times `shuangjian demo` (default district) and
# `demo --schools BENCH_PROVINCE_SCHOOLS` (default 1000; 10000 is the
# province, about 5M students), kept in build/bench (lib.sh demo_cache)
# for homework.sh. Figures only.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
N=${BENCH_STUDENTS:-1000000}
PS=${BENCH_PROVINCE_SCHOOLS:-1000}
T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-import.XXXXXX") || exit 1
trap 'rm -rf "$T"' EXIT
now_ms() { date +%s%3N; }

node - "$T" "$N" <<'JS'
const fs = require('fs');
const [dir, nArg] = process.argv.slice(2);
const n = Number(nArg), perClass = 42, classesPerSchool = 60;
const schools = Math.ceil(n / perClass / classesPerSchool);
const sur = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗', giv = '子涵浩然梓萱一诺欣怡宇轩思远雨桐';
let s = '学校代码,学校名称,学校类型\n', c = '学校代码,班级代码,年级,班级名称\n';
for (let i = 0; i < schools; i++) {
  s += `S${i},基准学校${i},小学\n`;
  for (let k = 0; k < classesPerSchool; k++) c += `S${i},C${k},${(k % 6) + 1},${(k % 6) + 1}年级（${k}）班\n`;
}
fs.writeFileSync(`${dir}/schools.csv`, s);
fs.writeFileSync(`${dir}/classes.csv`, c);
const out = fs.openSync(`${dir}/students.csv`, 'w');
fs.writeSync(out, '学籍号,姓名,性别,学校代码,班级代码\n');
let buf = '';
for (let i = 0; i < n; i++) {
  const cls = Math.floor(i / perClass), sc = Math.floor(cls / classesPerSchool);
  buf += `G${String(i).padStart(18, '0')},${sur[i % 20]}${giv[(i >> 3) % 16]}${giv[(i >> 7) % 16]},${i % 2 ? '男' : '女'},S${sc},C${cls % classesPerSchool}\n`;
  if (buf.length > 1 << 20) { fs.writeSync(out, buf); buf = ''; }
}
fs.writeSync(out, buf);
fs.closeSync(out);
JS
echo 'bench-admin-password' | $bin init --db "$T/i.db" >/dev/null
$bin import schools "$T/schools.csv" --db "$T/i.db" >/dev/null
$bin import classes "$T/classes.csv" --db "$T/i.db" >/dev/null
size=$(du -m "$T/students.csv" | cut -f1)
t0=$(now_ms)
$bin import students "$T/students.csv" --db "$T/i.db" >/dev/null 2>&1 || echo "# import failed"
t1=$(now_ms)
awk -v n="$N" -v ms=$((t1 - t0)) -v mb="$size" 'BEGIN { printf "%-30s %8d rows in %.1f s = %d rows/s (%d MB CSV)\n", "import students (SQLite)", n, ms / 1000, n * 1000 / ms, mb }'
t0=$(now_ms)
$bin import students "$T/students.csv" --db "$T/i.db" --dry-run >/dev/null 2>&1
t1=$(now_ms)
awk -v n="$N" -v ms=$((t1 - t0)) 'BEGIN { printf "%-30s %8d rows in %.1f s (all matched, nothing stored)\n", "import students --dry-run", n, ms / 1000 }'

t0=$(now_ms)
$bin demo --db "$T/d.db" --password 'bench-pass-2026!' >"$T/demo.out" 2>&1
t1=$(now_ms)
printf '%-30s %.1f s: %s\n' "demo (default district)" "$(awk -v ms=$((t1 - t0)) 'BEGIN{print ms/1000}')" "$(grep '演示区：' "$T/demo.out" | tail -1)"
t0=$(now_ms)
$bin demo --db "$T/p.db" --password 'bench-pass-2026!' --schools "$PS" --seed 1 >"$T/prov.out" 2>&1
t1=$(now_ms)
printf '%-30s %.1f s: %s\n' "demo --schools $PS" "$(awk -v ms=$((t1 - t0)) 'BEGIN{print ms/1000}')" "$(grep '演示区：' "$T/prov.out" | tail -1)"
# homework.sh benches on this same demo (--seed 1, same password): keep it
# rather than build it twice.
. "$root/tests/bench/lib.sh"
keep=$(demo_cache "$PS")
if [ ! -s "$keep" ] && [ -s "$T/p.db" ] && [ ! -e "$T/p.db-wal" ]; then
	mkdir -p build/bench
	mv "$T/p.db" "$keep.tmp" && mv "$keep.tmp" "$keep" && echo "# kept the demo as $keep for homework.sh"
fi
