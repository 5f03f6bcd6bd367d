#!/bin/sh
# accounts.sh - figures for accounts for a whole district: provisioning the
# guardians' accounts (one POST /api/v1/accounts/provision per school, as the
# bureau would) at district size (BENCH_GUARDIANS, default 26,000: the
# default demo district has 26,122) and at province size
# (BENCH_PROVINCE_GUARDIANS, default 820,000 over 1,000 schools; 0 skips),
# accounts/s; then activations/s (a code checked and an argon2id password
# set per request) with BENCH_ACTIVATIONS (default 200) at 8 at a time.
# The district is made from generated CSVs (init + import), so every
# guardian is still without an account. Figures only.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root" || exit 2
bin=$root/build/shuangjian
. "$root/tests/bench/lib.sh"
T=$(mktemp -d "${TMPDIR:-/tmp}/sj-bench-acc.XXXXXX") || exit 1
trap 'bench_stop_all; rm -rf "$T"' EXIT
now_ms() { date +%s%3N; }
PW='bench-admin-password'

# make_district NAME GUARDIANS: a database of GUARDIANS/26 classes, one child
# and one guardian (its own phone) per student, 26 schools per 26,000.
make_district() {
	node - "$T" "$1" "$2" <<'JS'
const fs = require('fs');
const [dir, name, nArg] = process.argv.slice(2);
const n = Number(nArg), perClass = 40, classesPerSchool = 25;
const schools = Math.max(1, Math.ceil(n / perClass / classesPerSchool));
let s = '学校代码,学校名称,学校类型\n', c = '学校代码,班级代码,年级,班级名称\n';
for (let i = 0; i < schools; i++) {
  s += `S${i},基准学校${i},小学\n`;
  for (let k = 0; k < classesPerSchool; k++) c += `S${i},C${k},${(k % 6) + 1},${(k % 6) + 1}年级（${k}）班\n`;
}
fs.writeFileSync(`${dir}/${name}-schools.csv`, s);
fs.writeFileSync(`${dir}/${name}-classes.csv`, c);
const st = fs.openSync(`${dir}/${name}-students.csv`, 'w'), gu = fs.openSync(`${dir}/${name}-guardians.csv`, 'w');
fs.writeSync(st, '学籍号,姓名,性别,学校代码,班级代码\n');
fs.writeSync(gu, '学籍号,监护人姓名,关系,手机号\n');
let a = '', b = '';
for (let i = 0; i < n; i++) {
  const cls = Math.floor(i / perClass), sc = Math.floor(cls / classesPerSchool);
  a += `G${String(i).padStart(12, '0')},学生${i},${i % 2 ? '男' : '女'},S${sc},C${cls % classesPerSchool}\n`;
  b += `G${String(i).padStart(12, '0')},家长${i},母亲,1${String(3e9 + i).padStart(10, '0')}\n`;
  if (a.length > 1 << 20) { fs.writeSync(st, a); fs.writeSync(gu, b); a = b = ''; }
}
fs.writeSync(st, a); fs.writeSync(gu, b);
fs.closeSync(st); fs.closeSync(gu);
JS
	echo "$PW" | $bin init --db "$T/$1.db" >/dev/null
	for k in schools classes students guardians; do
		$bin import "$k" "$T/$1-$k.csv" --db "$T/$1.db" >/dev/null 2>&1 || echo "# import $k failed"
	done
}

# provision_all NAME LABEL: every school's guardians, one request per school.
provision_all() {
	port=$(free_port)
	start_server "$T/$1.db" "$port" --signin-rate 1000000
	base="http://127.0.0.1:$port"
	token=$($bin token create --db "$T/$1.db" --user admin 2>/dev/null)
	t0=$(now_ms)
	node --input-type=module - "$base" "$token" "$T/$1-codes.json" <<'JS' >"$T/$1-prov.out"
import { writeFileSync } from 'node:fs';
const [base, token, out] = process.argv.slice(2);
const h = { Authorization: 'Bearer ' + token, 'Content-Type': 'application/json' };
const dir = await (await fetch(base + '/api/v1/school-directory', { headers: h })).json();
let created = 0, sample = [];
for (const s of dir.items) {
  const r = await fetch(base + '/api/v1/accounts/provision', { method: 'POST', headers: h, body: JSON.stringify({ role: 'parent', school_id: s.id }) });
  const j = await r.json();
  if (r.status !== 200) { console.log('# school ' + s.id + ': ' + r.status + ' ' + JSON.stringify(j).slice(0, 200)); continue; }
  created += j.created;
  if (sample.length < 2000) sample.push(...j.items.slice(0, 2000 - sample.length).map((x) => [x.username, x.code]));
}
writeFileSync(out, JSON.stringify(sample));
console.log(created + ' ' + dir.items.length);
JS
	t1=$(now_ms)
	read -r made nschools <"$T/$1-prov.out" || { made=0; nschools=0; }
	awk -v n="$made" -v s="$nschools" -v ms=$((t1 - t0)) -v l="$2" 'BEGIN { printf "%-30s %8d accounts in %.1f s = %d accounts/s (%d schools, one request each)\n", l, n, ms / 1000, (ms ? n * 1000 / ms : 0), s }'
}

make_district district "${BENCH_GUARDIANS:-26000}"
provision_all district "provision parents (district)"

# activations: each a code check and an argon2id hash, 8 at a time
N=${BENCH_ACTIVATIONS:-200}
t0=$(now_ms)
node --input-type=module - "$base" "$T/district-codes.json" "$N" <<'JS' >"$T/act.out"
import { readFileSync } from 'node:fs';
const [base, file, nArg] = process.argv.slice(2);
const codes = JSON.parse(readFileSync(file)).slice(0, Number(nArg));
let ok = 0, i = 0;
async function worker() {
  while (i < codes.length) {
    const [login, code] = codes[i++];
    const r = await fetch(base + '/api/v1/activation', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ login, code, password: 'bench-parent-password-' + login }) });
    if (r.status === 200) ok++;
  }
}
await Promise.all(Array.from({ length: 8 }, worker));
console.log(ok + ' ' + codes.length);
JS
t1=$(now_ms)
read -r okn total <"$T/act.out" || { okn=0; total=0; }
awk -v n="$okn" -v t="$total" -v ms=$((t1 - t0)) 'BEGIN { printf "%-30s %8d of %d in %.1f s = %.1f activations/s (8 at a time)\n", "activate (code + argon2id)", n, t, ms / 1000, (ms ? n * 1000 / ms : 0) }'
stop_server

if [ "${BENCH_PROVINCE_GUARDIANS:-820000}" -gt 0 ]; then
	make_district province "${BENCH_PROVINCE_GUARDIANS:-820000}"
	provision_all province "provision parents (province)"
	stop_server
fi
exit 0
