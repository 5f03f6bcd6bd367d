// kill9.mjs - "kill -9 loses nothing acknowledged" (RELIABILITY.md, Storage).
// Clients create users, a teacher posts homework (through the group-commit
// writer) and records after-school incidents, while the server is killed
// with SIGKILL at random moments and restarted, CYCLES times. Every id
// answered 201 must be in the database with its audit row, every class-day
// total must equal its items, the district view's incident counter its
// incidents; integrity_check and the audit chain stay good.
// Usage: node kill9.mjs BIN DIR [CYCLES]
import { spawn, execFileSync } from 'node:child_process';
import { createServer } from 'node:net';

const [bin, dir, cyclesArg = '30'] = process.argv.slice(2);
const cycles = Number(cyclesArg);
const db = `${dir}/kill9.db`;
const pw = 'kill9-pass-2026!';
let passed = 0, failed = 0;
const ok = (c, name, why = '') => { if (c) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name} ${why}`); } };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const freePort = () => new Promise((res) => { const s = createServer(); s.listen(0, '127.0.0.1', () => { const p = s.address().port; s.close(() => res(p)); }); });

execFileSync(bin, ['demo', '--db', db, '--password', pw], { stdio: 'ignore' });
const token = execFileSync(bin, ['token', 'create', '--db', db, '--user', 'admin']).toString().trim();
const teacherToken = execFileSync(bin, ['token', 'create', '--db', db, '--user', 'teacher']).toString().trim();
// An after-school session of the teacher's school to record incidents on.
const sq = (sql) => execFileSync('sqlite3', [db, sql]).toString().trim();
sq(`INSERT INTO as_program (district_id, school_id, term_id, name, category, grades, capacity, days,
  start_min, end_min, venue, apply_until, created_at) SELECT 1, 1, MIN(id), '断电测试', 'sports', '3', 40,
  '1,2,3,4,5', 940, 1050, '操场', '2026-01-01', 0 FROM term`);
sq(`INSERT INTO as_session (district_id, school_id, program_id, day, start_min, end_min)
  SELECT 1, 1, id, '2026-03-02', 940, 1050 FROM as_program WHERE name = '断电测试'`);
const asSession = sq("SELECT id FROM as_session WHERE day = '2026-03-02' AND program_id = (SELECT id FROM as_program WHERE name = '断电测试')");
const ackedInc = new Set(); // incident ids answered 201
let incAttempts = 0;
const acked = new Map(); // username -> id
const ackedHw = new Set(); // homework ids answered 201
let attempts = 0, hwAttempts = 0;
// School days of the spring term 2026 (Mon-Fri, not a holiday): 1 minute each.
const days = [];
for (let t = Date.UTC(2026, 2, 2); t <= Date.UTC(2026, 6, 10); t += 86400000) {
  const d = new Date(t), iso = d.toISOString().slice(0, 10);
  if (d.getUTCDay() >= 1 && d.getUTCDay() <= 5 && !/^2026-0(4-0[6]|5-0[1-5]|6-19)/.test(iso)) days.push(iso);
}

async function hwWorker(base, tag, stop) {
  for (let i = 0; !stop.done; i++) {
    const day = days[(tag * 7919 + i) % days.length];
    hwAttempts++;
    try {
      const r = await fetch(base + '/api/v1/homework', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + teacherToken },
        body: JSON.stringify({ class_id: 8 + (i % 2), subject: '语文', kind: 'written', title: '断电测试', content: '练习', minutes: 1, assigned_on: day, due_on: day }),
      });
      if (r.status === 201) ackedHw.add((await r.json()).item.id);
      else await r.text();
    } catch { return; }
  }
}

async function incWorker(base, stop) {
  while (!stop.done) {
    incAttempts++;
    try {
      const r = await fetch(`${base}/api/v1/afterschool/sessions/${asSession}/incidents`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + teacherToken },
        body: JSON.stringify({ kind: 'other', occurred_at: '16:00', description: '断电测试', action: '记录', guardian_notified: false }),
      });
      if (r.status === 201) ackedInc.add((await r.json()).id);
      else await r.text();
    } catch { return; }
  }
}

async function up(base) {
  for (let i = 0; i < 100; i++) {
    try { if ((await fetch(base + '/healthz')).ok) return true; } catch { /* not yet */ }
    await sleep(50);
  }
  return false;
}

async function worker(base, tag, stop) {
  for (let i = 0; !stop.done; i++) {
    const username = `k${tag}_${i}`;
    attempts++;
    try {
      const r = await fetch(base + '/api/v1/users', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: 'Bearer ' + token },
        body: JSON.stringify({ username, display_name: '断电测试', role: 'teacher', password: 'kill9-user-password' }),
      });
      if (r.status === 201) acked.set(username, (await r.json()).user.id);
      else await r.text();
    } catch { return; } // the server died under us: this request was not acknowledged
  }
}

let startedAll = true;
for (let c = 0; c < cycles; c++) {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const srv = spawn(bin, ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--quiet'], { stdio: 'ignore' });
  if (!(await up(base))) { startedAll = false; srv.kill('SIGKILL'); break; }
  const stop = { done: false };
  const ws = [0, 1, 2, 3].map((w) => worker(base, `${c}_${w}`, stop))
    .concat([0, 1, 2, 3].map((w) => hwWorker(base, c * 4 + w, stop)), [incWorker(base, stop)]);
  await sleep(400 + Math.floor(Math.random() * 600));
  srv.kill('SIGKILL');
  stop.done = true;
  await Promise.all(ws);
  await new Promise((r) => (srv.exitCode !== null || srv.signalCode ? r() : srv.on('exit', r)));
}
ok(startedAll, `the server restarted after every kill -9 (${cycles} cycles)`);
ok(acked.size > cycles, `writes were acknowledged between kills (${acked.size} of ${attempts} attempts)`);

const q = (sql) => execFileSync('sqlite3', [db, sql]).toString().trim();
const users = new Map(q("SELECT username || '|' || id FROM users WHERE username LIKE 'k%'").split('\n').filter(Boolean).map((l) => l.split('|')));
const missing = [...acked].filter(([u, id]) => users.get(u) !== String(id));
ok(missing.length === 0, 'every acknowledged user is stored with its id', JSON.stringify(missing.slice(0, 5)));
const audited = new Set(q("SELECT object FROM audit WHERE action = 'user.create'").split('\n'));
const unaudited = [...users.values()].filter((id) => !audited.has(`user/${id}`));
ok(unaudited.length === 0, 'no partial write: every stored user has its audit row', JSON.stringify(unaudited.slice(0, 5)));
ok(ackedHw.size > cycles, `homework posts were acknowledged between kills (${ackedHw.size} of ${hwAttempts} attempts)`);
const hwStored = new Set(q("SELECT id FROM homework WHERE title = '断电测试'").split('\n').filter(Boolean).map(Number));
const hwMissing = [...ackedHw].filter((id) => !hwStored.has(id));
ok(hwMissing.length === 0, 'every acknowledged homework post is stored', JSON.stringify(hwMissing.slice(0, 5)));
const hwAudited = new Set(q("SELECT object FROM audit WHERE action = 'homework.post' AND result = 'ok'").split('\n'));
const hwUnaudited = [...hwStored].filter((id) => !hwAudited.has(`homework:${id}`));
ok(hwUnaudited.length === 0, 'no partial post: every stored item has its audit row', JSON.stringify(hwUnaudited.slice(0, 5)));
const drift = q(`SELECT COUNT(*) FROM hw_class_day x WHERE written_minutes <> (SELECT COALESCE(SUM(counted), 0)
  FROM homework h WHERE h.class_id = x.class_id AND h.assigned_on = x.day AND h.status IN ('pending', 'published'))
  OR (written_minutes > 60 AND x.class_id IN (8, 9))`);
ok(drift === '0', 'every class-day total equals its items and stays within the limit', drift);
ok(ackedInc.size > cycles, `incidents were acknowledged between kills (${ackedInc.size} of ${incAttempts} attempts)`);
const incStored = new Set(q("SELECT id FROM as_incident WHERE description = '断电测试'").split('\n').filter(Boolean).map(Number));
const incMissing = [...ackedInc].filter((id) => !incStored.has(id));
ok(incMissing.length === 0, 'every acknowledged incident is stored', JSON.stringify(incMissing.slice(0, 5)));
const incAudited = new Set(q("SELECT object FROM audit WHERE action = 'afterschool.incident'").split('\n'));
ok([...incStored].every((id) => incAudited.has(`as_incident:${id}`)), 'no partial incident: every stored one has its audit row');
const incCount = q(`SELECT (SELECT t_incidents FROM as_school_term WHERE school_id = 1 AND term_id = (SELECT MIN(id) FROM term))
  - (SELECT COUNT(*) FROM as_incident i JOIN as_session s ON s.id = i.session_id JOIN as_program g ON g.id = s.program_id
     WHERE i.school_id = 1 AND g.term_id = (SELECT MIN(id) FROM term))`);
ok(incCount === '0', "the district view's incident counter equals the incidents stored", incCount);
ok(q('PRAGMA integrity_check') === 'ok', 'integrity_check is ok after the kills');
let verified = true;
try { execFileSync(bin, ['audit', 'verify', '--db', db], { stdio: 'ignore' }); } catch { verified = false; }
ok(verified, 'the audit chain verifies after the kills');
console.log(`kill9: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
