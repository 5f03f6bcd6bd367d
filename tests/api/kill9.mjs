// kill9.mjs - "kill -9 loses nothing acknowledged" (RELIABILITY.md, Storage).
// Clients create users while the server is killed with SIGKILL at random
// moments and restarted, CYCLES times. Every id answered 201 must be in the
// database with its audit row; integrity_check and the audit chain stay good.
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
const acked = new Map(); // username -> id
let attempts = 0;

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
  const ws = [0, 1, 2, 3].map((w) => worker(base, `${c}_${w}`, stop));
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
ok(q('PRAGMA integrity_check') === 'ok', 'integrity_check is ok after the kills');
let verified = true;
try { execFileSync(bin, ['audit', 'verify', '--db', db], { stdio: 'ignore' }); } catch { verified = false; }
ok(verified, 'the audit chain verifies after the kills');
console.log(`kill9: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
