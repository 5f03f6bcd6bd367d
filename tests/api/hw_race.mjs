// hw_race.mjs - two teachers post at the same moment (issue 4): N posts of M
// minutes for one class-day go out at once, alternating between two server
// processes on the same store. Exactly floor(limit / M) must be accepted, the
// rest refused with HW_DAILY_LIMIT, and the stored total must equal the
// accepted minutes, never more than the limit.
// Usage: node hw_race.mjs URL1 URL2 PASSWORD
const [u1, u2, password] = process.argv.slice(2);
let passed = 0, failed = 0;
const ok = (c, name) => { if (c) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name}`); } };

async function signIn(base) {
  const r = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'teacher', password }) });
  const j = await r.json();
  return { base, cookie: r.headers.get('set-cookie').split(';')[0], csrf: j.csrf_token };
}

async function post(s, body) {
  const r = await fetch(s.base + '/api/v1/homework', { method: 'POST', body: JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', Cookie: s.cookie, 'X-CSRF-Token': s.csrf } });
  return { status: r.status, json: await r.json() };
}

const sessions = [await signIn(u1), await signIn(u2)];
const code = (await (await fetch(`${u1}/api/v1/classes/9`, { headers: { Cookie: sessions[0].cookie } })).json()).class.public_code;
const notice = async (base, day) => (await fetch(`${base}/public/v1/notices/${code}?date=${day}`)).json();
for (const [round, day, minutes, n] of [[1, '2026-06-08', 10, 24], [2, '2026-06-09', 7, 30], [3, '2026-06-10', 13, 16]]) {
  const body = { class_id: 9, subject: '语文', kind: 'written', title: `并发${round}`, content: '同时布置', minutes, assigned_on: day, due_on: day };
  const before = await notice(u2, day); // server 2 caches the empty notice
  const res = await Promise.all(Array.from({ length: n }, (_, i) => post(sessions[i % 2], body)));
  const accepted = res.filter((r) => r.status === 201).length;
  const refused = res.filter((r) => r.status === 422 && r.json.error.code === 'HW_DAILY_LIMIT').length;
  const want = Math.floor(60 / minutes);
  ok(accepted === want, `race ${round}: ${n} posts of ${minutes} min at once on two servers: ${accepted} accepted, want ${want}`);
  ok(refused === n - want, `race ${round}: the other ${refused} refused with HW_DAILY_LIMIT (want ${n - want})`);
  const day1 = await (await fetch(`${u1}/api/v1/classes/9/homework?date=${day}`, { headers: { Cookie: sessions[0].cookie } })).json();
  ok(day1.written_minutes === want * minutes && day1.items.length === want,
     `race ${round}: stored total ${day1.written_minutes} min in ${day1.items.length} items = accepted, within the limit`);
  const after = await notice(u2, day);
  ok(before.items.length === 0 && after.items.length === want && after.written_minutes === want * minutes,
     `race ${round}: the other server's public notice shows the ${want} posts at once (${before.items.length} -> ${after.items.length})`);
}
console.log(`hw-race: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
