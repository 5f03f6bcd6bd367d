// access.mjs - RELIABILITY.md "Access": a generated matrix of role x route x
// object over a fixture of two schools (tests/api/fixture, uploaded through
// the import API). A single object out of scope answers 404, a list returns
// exactly the permitted set, a route a role may not use answers 403, and no
// body field (a school code in an import row) moves data out of scope.
// Usage: node access.mjs BASE_URL ADMIN_PASSWORD
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const [base, adminPw] = process.argv.slice(2);
const fixture = new URL('./fixture/', import.meta.url).pathname;
let passed = 0, failed = 0;
const ok = (c, name, why = '') => { if (c) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name}\n    ${why}`); } };
const PW = 'access-test-password-1';

async function signIn(username, password) {
  const r = await fetch(base + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password }) });
  const j = await r.json();
  if (r.status !== 200) throw new Error(`sign-in ${username}: ${r.status} ${JSON.stringify(j)}`);
  return { cookie: r.headers.get('set-cookie').split(';')[0], csrf: j.csrf_token };
}
async function call(s, method, path, body, ctype = 'application/json') {
  const headers = { Cookie: s.cookie };
  if (method !== 'GET') headers['X-CSRF-Token'] = s.csrf;
  if (body !== undefined) headers['Content-Type'] = ctype;
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : (ctype === 'application/json' ? JSON.stringify(body) : body) });
  const buf = Buffer.from(await r.arrayBuffer());
  let json; try { json = JSON.parse(buf.toString()); } catch { json = undefined; }
  return { status: r.status, json, buf, headers: r.headers };
}

const admin = await signIn('admin', adminPw);
const upload = async (s, kind, file, query = '') => call(s, 'POST', `/api/v1/imports/${kind}${query}`, readFileSync(fixture + file), 'text/csv');

// ---- the fixture ----
let r = await upload(admin, 'schools', 'schools.csv');
ok(r.status === 200 && r.json.created === 2, 'fixture: admin imports 2 schools', JSON.stringify(r.json));
const schools = (await call(admin, 'GET', '/api/v1/schools?limit=200')).json.items;
const A = schools.find((x) => x.code === 'A'), B = schools.find((x) => x.code === 'B');
const users = [
  ['ta1', 'teacher'], ['ta2', 'teacher'], ['tb1', 'teacher'], ['par_a', 'parent'], ['par_c', 'parent'],
  ['pra', 'principal', A.id], ['aca', 'academic_office', A.id], ['insp', 'inspector'], ['enf', 'enforcement'], ['inst', 'institution'],
];
for (const [username, role, school_id] of users) {
  r = await call(admin, 'POST', '/api/v1/users', { username, display_name: username, role, password: PW, ...(school_id ? { school_id } : {}) });
  if (r.status !== 201) ok(false, `fixture: user ${username}`, JSON.stringify(r.json));
}
for (const kind of ['staff', 'classes', 'teaching', 'students', 'guardians']) {
  r = await upload(admin, kind, `${kind}.csv`);
  ok(r.status === 200 && r.json.created > 0, `fixture: admin imports ${kind}`, JSON.stringify(r.json));
}
const classes = (await call(admin, 'GET', '/api/v1/classes?limit=500')).json.items;
const C = Object.fromEntries(classes.map((c) => [c.code, c]));

// ---- the model: what each role may see ----
const S = {};
for (const [u] of users) S[u] = await signIn(u, PW);
S.admin = admin;
const see = {
  admin: { schools: ['A', 'B'], classes: ['A3-1', 'A3-2', 'B7-1'], staff: ['A', 'B'] },
  insp: { schools: ['A', 'B'], classes: ['A3-1', 'A3-2', 'B7-1'], staff: ['A', 'B'] },
  pra: { schools: ['A'], classes: ['A3-1', 'A3-2'], staff: ['A'] },
  aca: { schools: ['A'], classes: ['A3-1', 'A3-2'], staff: ['A'] },
  ta1: { schools: ['A'], classes: ['A3-1'], staff: null },
  ta2: { schools: ['A'], classes: ['A3-2'], staff: null },
  tb1: { schools: ['B'], classes: ['B7-1'], staff: null },
  par_a: { schools: ['A', 'B'], classes: ['A3-1', 'B7-1'], staff: null, kids: ['GA0001', 'GB0001'] },
  par_c: { schools: ['A'], classes: ['A3-2'], staff: null, kids: ['GA0003'] },
  enf: null, inst: null,
};
const roster = { 'A3-1': ['GA0001', 'GA0002'], 'A3-2': ['GA0003'], 'B7-1': ['GB0001', 'GB0002'] };
const sid = { A: A.id, B: B.id };
const same = (a, b) => JSON.stringify([...a].sort()) === JSON.stringify([...b].sort());

for (const [who, m] of Object.entries(see)) {
  const s = S[who];
  // lists: exactly the permitted set
  r = await call(s, 'GET', '/api/v1/schools');
  if (!m) { ok(r.status === 403, `${who}: GET /schools is refused (403)`, r.status); }
  else ok(r.status === 200 && same(r.json.items.map((x) => x.code), m.schools), `${who}: GET /schools lists exactly ${m.schools}`, JSON.stringify(r.json?.items?.map((x) => x.code)));
  r = await call(s, 'GET', '/api/v1/classes');
  if (!m) ok(r.status === 403, `${who}: GET /classes is refused (403)`, r.status);
  else ok(r.status === 200 && same(r.json.items.map((x) => x.code), m.classes), `${who}: GET /classes lists exactly ${m.classes}`, JSON.stringify(r.json?.items?.map((x) => x.code)));
  // a filter naming another school cannot widen the set
  r = await call(s, 'GET', `/api/v1/classes?school_id=${B.id}`);
  if (m) ok(r.status === 200 && same(r.json.items.map((x) => x.code), m.classes.filter((c) => C[c].school_id === B.id)), `${who}: ?school_id=B returns only permitted classes of B`, JSON.stringify(r.json?.items?.map((x) => x.code)));
  // single objects
  for (const code of ['A', 'B']) {
    r = await call(s, 'GET', `/api/v1/schools/${sid[code]}`);
    const want = !m ? 403 : m.schools.includes(code) ? 200 : 404;
    ok(r.status === want, `${who}: GET /schools/${code} answers ${want}`, `${r.status} ${JSON.stringify(r.json)}`);
    r = await call(s, 'GET', `/api/v1/schools/${sid[code]}/staff`);
    const wantStaff = !m || m.staff === null ? 403 : m.staff.includes(code) ? 200 : 404;
    ok(r.status === wantStaff, `${who}: GET /schools/${code}/staff answers ${wantStaff}`, `${r.status}`);
  }
  for (const code of Object.keys(roster)) {
    r = await call(s, 'GET', `/api/v1/classes/${C[code].id}`);
    const want = !m ? 403 : m.classes.includes(code) ? 200 : 404;
    ok(r.status === want, `${who}: GET /classes/${code} answers ${want}`, `${r.status}`);
    if (r.status === 200 && !r.json) ok(false, `${who}: class ${code} answers JSON`, r.buf.toString().slice(0, 200));
    else if (r.status === 200) {
      const expect = m.kids ? roster[code].filter((x) => m.kids.includes(x)) : roster[code];
      ok(same(r.json.students.map((x) => x.registry_no), expect), `${who}: class ${code} shows exactly students ${expect}`, JSON.stringify(r.json.students.map((x) => x.registry_no)));
    }
    r = await call(s, 'GET', `/api/v1/classes/${C[code].id}/roster.xlsx`);
    const wantX = !m || m.kids ? 403 : m.classes.includes(code) ? 200 : 404;
    ok(r.status === wantX && (wantX !== 200 || r.buf.subarray(0, 2).toString() === 'PK'), `${who}: roster.xlsx of ${code} answers ${wantX}`, `${r.status}`);
  }
  r = await call(s, 'GET', '/api/v1/me/children');
  if (m && m.kids) ok(r.status === 200 && same(r.json.items.map((x) => x.registry_no), m.kids), `${who}: /me/children lists exactly ${m.kids}`, JSON.stringify(r.json));
  else ok(r.status === 403, `${who}: /me/children is refused (403)`, r.status);
  // a missing object answers like an out-of-scope one
  r = await call(s, 'GET', '/api/v1/classes/999999');
  ok(r.status === (m ? 404 : 403), `${who}: a class that does not exist answers ${m ? 404 : 403}`, r.status);
}

// ---- body fields cannot move data out of scope ----
const intoB = '学籍号,姓名,性别,学校代码,班级代码\nGX0001,越权,男,B,B7-1\n';
r = await call(S.pra, 'POST', '/api/v1/imports/students', intoB, 'text/csv');
ok(r.status === 422 && r.json.error.code === 'IMPORT_OTHER_SCHOOL' && r.json.error.details.errors[0].code === 'IMPORT_OTHER_SCHOOL' && /其他学校/.test(r.json.error.details.errors[0].message), 'principal of A cannot import a student into school B (IMPORT_OTHER_SCHOOL)', JSON.stringify(r.json));
r = await call(admin, 'GET', `/api/v1/classes/${C['B7-1'].id}`);
ok(!r.json.students.some((x) => x.registry_no === 'GX0001'), '...and nothing was stored');
r = await call(S.pra, 'POST', '/api/v1/imports/schools', readFileSync(fixture + 'schools.csv'), 'text/csv');
ok(r.status === 422, 'principal cannot import schools', r.status);
r = await call(S.pra, 'POST', '/api/v1/imports/students', '学籍号,姓名,性别,学校代码,班级代码\nGA0009,新生,女,A,A3-2\n', 'text/csv');
ok(r.status === 200 && r.json.created === 1, 'principal of A imports a student into A', JSON.stringify(r.json));
r = await call(S.ta1, 'POST', '/api/v1/imports/students', intoB, 'text/csv');
ok(r.status === 403, 'a teacher cannot import (403)', r.status);
r = await call(S.par_a, 'POST', '/api/v1/users', { username: 'evil', display_name: 'x', role: 'district_admin', password: PW });
ok(r.status === 403, 'a parent cannot create users or raise a role (403)', r.status);

// ---- assignments: who may, and that scope follows them ----
const staffA = Object.fromEntries((await call(admin, 'GET', `/api/v1/schools/${A.id}/staff`)).json.items.map((x) => [x.staff_no, x.id]));
const staffB = Object.fromEntries((await call(admin, 'GET', `/api/v1/schools/${B.id}/staff`)).json.items.map((x) => [x.staff_no, x.id]));
const codesOf = async (s) => (await call(s, 'GET', '/api/v1/classes')).json.items.map((x) => x.code);
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-1'].id}/teaching`, { staff_id: staffB.TB1, subject: '数学' });
ok(r.status === 422 && r.json.error.code === 'STAFF_OTHER_SCHOOL', 'principal of A cannot assign a teacher of B to a class of A', JSON.stringify(r.json));
r = await call(S.pra, 'POST', `/api/v1/classes/${C['B7-1'].id}/teaching`, { staff_id: staffA.TA1, subject: '数学' });
ok(r.status === 404, 'principal of A cannot assign in a class of B (404)', r.status);
r = await call(S.ta1, 'POST', `/api/v1/classes/${C['A3-1'].id}/teaching`, { staff_id: staffA.TA2, subject: '数学' });
ok(r.status === 403, 'a teacher cannot assign teachers (403)', r.status);
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-1'].id}/teaching`, { staff_id: staffA.TA2, subject: '体操' });
ok(r.status === 422, 'a subject outside the curriculum is refused', r.status);
ok(same(await codesOf(S.ta2), ['A3-2']), 'before: ta2 sees only A3-2');
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-1'].id}/teaching`, { staff_id: staffA.TA2, subject: '数学' });
ok(r.status === 200 && r.json.teachers.some((t) => t.staff_no === 'TA2' && t.subject === '数学'), 'principal assigns ta2 to teach 数学 in A3-1', JSON.stringify(r.json));
ok(same(await codesOf(S.ta2), ['A3-1', 'A3-2']), 'after: ta2 sees A3-1 too');
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-1'].id}/teaching/withdraw`, { staff_id: staffA.TA2, subject: '数学' });
ok(r.status === 200 && !r.json.teachers.some((t) => t.staff_no === 'TA2'), 'principal withdraws the assignment', JSON.stringify(r.json?.teachers));
ok(same(await codesOf(S.ta2), ['A3-2']), 'withdrawn: ta2 no longer sees A3-1');
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-1'].id}/teaching/withdraw`, { staff_id: staffA.TA2, subject: '数学' });
ok(r.status === 404, 'withdrawing again answers 404', r.status);
r = await call(admin, 'PUT', `/api/v1/classes/${C['A3-2'].id}/head-teacher`, { staff_id: staffA.TA1 });
ok(r.status === 200 && r.json.class.head_teacher_name === '甲一老师', 'admin makes ta1 head teacher of A3-2', JSON.stringify(r.json?.class));
ok(same(await codesOf(S.ta1), ['A3-1', 'A3-2']), 'a head teacher sees the class');
r = await call(S.pra, 'POST', `/api/v1/schools/${A.id}/roles`, { staff_id: staffA.TA1, role: 'grade_head', scope: '3' });
ok(r.status === 200 && r.json.items.some((x) => x.role === 'grade_head' && x.scope === '3'), 'principal names a grade head for grade 3', JSON.stringify(r.json));
r = await call(S.pra, 'POST', `/api/v1/schools/${A.id}/roles`, { staff_id: staffA.TA1, role: 'grade_head', scope: '10' });
ok(r.status === 422, 'grade 10 is refused', r.status);
r = await call(S.pra, 'POST', `/api/v1/schools/${B.id}/roles`, { staff_id: staffB.TB1, role: 'subject_head', scope: '数学' });
ok(r.status === 404, 'principal of A cannot name roles in B (404)', r.status);
r = await call(S.pra, 'POST', `/api/v1/schools/${A.id}/roles`, { staff_id: staffA.TA1, role: 'grade_head', scope: '3', withdraw: true });
ok(r.status === 200 && r.json.items.length === 0, 'the role is withdrawn', JSON.stringify(r.json));
r = await call(S.pra, 'POST', `/api/v1/schools/${A.id}/roles`, { staff_id: staffA.TA1, role: 'grade_head', scope: '3', withdraw: true });
ok(r.status === 404, 'withdrawing a role nobody holds answers 404', r.status);
r = await call(S.pra, 'POST', `/api/v1/schools/${A.id}/roles`, { staff_id: staffA.TA1, role: 'grade_head', scope: '7' });
ok(r.status === 422 && r.json.error.details.field === 'scope', 'a primary school has no grade 7 head (422, field scope)', JSON.stringify(r.json));
r = await call(admin, 'GET', '/api/v1/audit?action=class.assign&limit=10');
ok(r.status === 200 && r.json.items.length >= 3, 'assignments are audited', r.json?.items?.length);


// ---- homework: the same scope for items, class-days, views and reports ----
r = await call(admin, 'POST', '/api/v1/terms', { name: '访问测试学期', starts_on: '2024-03-01', ends_on: '2024-07-10' });
ok(r.status === 201 || r.status === 200, 'fixture: a term for homework', JSON.stringify(r.json));
const day = '2024-03-04';
const hwBody = (code, subject) => ({ class_id: C[code].id, subject, kind: 'written', title: '练习', content: '练习册', minutes: 20, assigned_on: day, due_on: day });
r = await call(S.ta1, 'POST', '/api/v1/homework', hwBody('A3-1', '语文'));
ok(r.status === 201, 'ta1 posts homework for A3-1', JSON.stringify(r.json));
const hA = r.json?.item?.id;
r = await call(S.tb1, 'POST', '/api/v1/homework', hwBody('B7-1', '数学'));
ok(r.status === 201, 'tb1 posts homework for B7-1', JSON.stringify(r.json));
const hB = r.json?.item?.id;
r = await call(S.ta1, 'POST', '/api/v1/homework', hwBody('B7-1', '数学'));
ok(r.status === 404, 'ta1 cannot post for a class of school B (404)', r.status);
r = await call(S.tb1, 'POST', '/api/v1/homework', { ...hwBody('B7-1', '数学'), class_id: C['A3-1'].id });
ok(r.status === 404, 'a body class_id cannot move a post into another school (404)', r.status);
const itemClass = { [hA]: 'A3-1', [hB]: 'B7-1' };
// (by now ta1 also heads A3-2: see the assignments above)
const seeNow = { ...see, ta1: { ...see.ta1, classes: ['A3-1', 'A3-2'] } };
for (const [who, m] of Object.entries(seeNow)) {
  const s = S[who];
  for (const code of Object.keys(roster)) {
    r = await call(s, 'GET', `/api/v1/classes/${C[code].id}/homework?date=${day}`);
    const want = !m ? 403 : m.classes.includes(code) ? 200 : 404;
    ok(r.status === want, `${who}: GET /classes/${code}/homework answers ${want}`, `${r.status}`);
    // issue 12: the subjects a teacher may post, for their own classes only
    r = await call(s, 'GET', `/api/v1/classes/${C[code].id}/homework-subjects`);
    const wantSubj = !/^t[ab]\d$/.test(who) ? 403 : m.classes.includes(code) ? 200 : 404;
    ok(r.status === wantSubj, `${who}: GET /classes/${code}/homework-subjects answers ${wantSubj}`, `${r.status}`);
    if (r.status === 200 && m.kids) ok(r.json.items.every((x) => x.poster === undefined), `${who}: a parent sees no poster names in ${code}`);
  }
  for (const id of [hA, hB]) {
    r = await call(s, 'GET', `/api/v1/homework/${id}`);
    const want = !m ? 403 : m.classes.includes(itemClass[id]) ? 200 : 404;
    ok(r.status === want, `${who}: GET /homework of ${itemClass[id]} answers ${want}`, `${r.status}`);
  }
  r = await call(s, 'GET', `/api/v1/homework-stats?school_id=${B.id}`);
  const wantStats = ['admin', 'insp'].includes(who) ? 200 : ['pra', 'aca'].includes(who) ? 404 : 403;
  ok(r.status === wantStats, `${who}: homework stats of school B answers ${wantStats}`, `${r.status}`);
  r = await call(s, 'PUT', `/api/v1/schools/${B.id}/homework-settings`, { approval: false, head_any_subject: false });
  const wantSet = who === 'admin' ? 200 : ['pra', 'aca'].includes(who) ? 404 : 403;
  ok(r.status === wantSet, `${who}: homework settings of school B answers ${wantSet}`, `${r.status}`);
}
for (const who of ['ta2', 'tb1', 'aca']) {
  r = await call(S[who], 'POST', `/api/v1/homework/${who === 'aca' ? hB : hA}/withdraw`, { reason: '越权撤回' });
  ok(r.status === 404, `${who}: cannot withdraw another's item out of scope (404)`, `${r.status}`);
}
for (const who of ['par_a', 'insp', 'enf']) {
  r = await call(S[who], 'POST', `/api/v1/homework/${hA}/withdraw`, { reason: '越权撤回' });
  ok(r.status === 403, `${who}: may not withdraw homework (403)`, `${r.status}`);
}
// issue 12: 课标抽查 of B's item: only B's office or a head of its grade or subject
for (const [who, want] of [['pra', 404], ['aca', 404], ['ta1', 404], ['tb1', 404], ['par_a', 403], ['insp', 403], ['enf', 403]]) {
  r = await call(S[who], 'POST', `/api/v1/homework/${hB}/difficulty-review`, { within_standard: true });
  ok(r.status === want, `${who}: a 课标抽查 of school B's item answers ${want}`, `${r.status}`);
}
r = await call(admin, 'GET', '/api/v1/audit?action=homework.difficulty_review');
ok(r.json?.items?.length === 0, 'no 课标抽查 out of scope was stored', JSON.stringify(r.json?.items?.length));
r = await call(admin, 'GET', `/api/v1/classes/${hA ? C['A3-1'].id : 0}/homework?date=${day}`);
ok(r.json?.items?.length === 1 && r.json.items[0].status === 'published', '...and the item is still published');
const kid = async (code, reg) => (await call(admin, 'GET', `/api/v1/classes/${C[code].id}`)).json.students.find((x) => x.registry_no === reg).id;
r = await call(S.par_a, 'POST', '/api/v1/homework-reports', { student_id: await kid('A3-1', 'GA0001'), date: day, minutes: 20, finished: true });
ok(r.status === 201, 'par_a reports for their own child', JSON.stringify(r.json));
r = await call(S.par_a, 'POST', '/api/v1/homework-reports', { student_id: await kid('A3-2', 'GA0003'), date: day, minutes: 20, finished: true });
ok(r.status === 404, "par_a cannot report for another family's child (404)", r.status);
r = await call(S.par_a, 'GET', '/api/v1/homework-followups');
ok(r.status === 403, 'a parent cannot list follow-ups (403)', r.status);
r = await call(S.pra, 'POST', `/api/v1/homework/${hA}/withdraw`, { reason: '校长撤回' });
ok(r.status === 200, 'the principal of A withdraws an item of A', r.status);

// ---- after-school records: each school's views and writes stay in scope ----
const terms = (await call(admin, 'GET', '/api/v1/terms')).json.items;
const asTerm = terms.find((t) => t.name === '访问测试学期').id;
const bureau = (who) => ['admin', 'insp'].includes(who), office = (who) => ['pra', 'aca'].includes(who);
const teacherOf = { ta1: 'A', ta2: 'A', tb1: 'B' };
for (const who of Object.keys(see)) {
  const s = S[who];
  for (const code of ['A', 'B']) {
    const staffWant = bureau(who) ? 200 : office(who) ? (code === 'A' ? 200 : 404) : 403;
    for (const view of ['afterschool-metrics', 'afterschool-incidents', 'afterschool-safety-checks', 'afterschool-archive.xlsx']) {
      r = await call(s, 'GET', `/api/v1/schools/${sid[code]}/${view}?term=${asTerm}`);
      ok(r.status === staffWant, `${who}: GET /schools/${code}/${view} answers ${staffWant}`, `${r.status}`);
    }
    r = await call(s, 'GET', `/api/v1/schools/${sid[code]}/afterschool-hours?term=${asTerm}`);
    const hoursWant = teacherOf[who] ? (teacherOf[who] === code ? 200 : 404) : staffWant;
    ok(r.status === hoursWant, `${who}: GET /schools/${code}/afterschool-hours answers ${hoursWant}`, `${r.status}`);
  }
  r = await call(s, 'POST', `/api/v1/schools/${B.id}/afterschool-safety-checks`, { venue: '操场', day, items: { exits: true, fire: true, electrical: true, facilities: true, hygiene: true } });
  const checkWant = who === 'admin' ? 201 : office(who) ? 404 : 403;
  ok(r.status === checkWant, `${who}: a safety check for school B answers ${checkWant}`, `${r.status}`);
  r = await call(s, 'GET', `/api/v1/afterschool-metrics?term=${asTerm}`);
  const distWant = bureau(who) ? 200 : 403;
  ok(r.status === distWant, `${who}: the district after-school view answers ${distWant}`, `${r.status}`);
  if (r.status === 200) ok(same(r.json.items.map((x) => x.school_id), [A.id, B.id]), `${who}: the district view lists both schools`, JSON.stringify(r.json.items.map((x) => x.school_id)));
  r = await call(s, 'GET', '/api/v1/afterschool/sessions');
  const dayWant = teacherOf[who] || office(who) ? 200 : 403;
  ok(r.status === dayWant, `${who}: the day's after-school sessions answer ${dayWant}`, `${r.status}`);
  // issue 12: 放学时间, read by the school's readers, set by its office or the bureau
  for (const code of ['A', 'B']) {
    r = await call(s, 'GET', `/api/v1/schools/${sid[code]}/afterschool-settings`);
    const readWant = !see[who] ? 403 : see[who].schools.includes(code) ? 200 : 404;
    ok(r.status === readWant, `${who}: GET /schools/${code}/afterschool-settings answers ${readWant}`, `${r.status}`);
  }
  r = await call(s, 'PUT', `/api/v1/schools/${B.id}/afterschool-settings`, { dismissal: ['16:00', '16:00', '16:00', '16:00', '16:00', null, null] });
  const dismissWant = who === 'admin' ? 200 : office(who) ? 404 : 403;
  ok(r.status === dismissWant, `${who}: 放学时间 of school B answers ${dismissWant}`, `${r.status}`);
}
r = await call(admin, 'GET', '/api/v1/audit?action=afterschool.settings');
ok(r.json?.items?.length === 1 && r.json.items[0].object === `school:${B.id}`, 'only the admin changed the 放学时间 of B, audited once', JSON.stringify(r.json?.items?.length));
r = await call(S.pra, 'GET', `/api/v1/schools/${B.id}/afterschool-safety-checks?term=${asTerm}`);
ok(r.status === 404, "the principal of A still cannot read B's checks (404)", r.status);
r = await call(admin, 'GET', `/api/v1/schools/${B.id}/afterschool-safety-checks?term=${asTerm}`);
ok(r.status === 200 && r.json.items.length === 1, "only the admin's check of B was stored", JSON.stringify(r.json?.items?.length));

// ---- imports: a school creates and updates only its own records (IMPORT_OTHER_SCHOOL) ----
{
  const csv = (s, kind, text) => call(s, 'POST', `/api/v1/imports/${kind}`, text, 'text/csv');
  const classOf = async (code) => (await call(admin, 'GET', `/api/v1/classes/${C[code].id}`)).json.students.map((x) => x.registry_no);
  const staffOf = async (code) => (await call(admin, 'GET', `/api/v1/schools/${sid[code]}/staff`)).json.items.map((x) => x.staff_no);
  // a B-only guardian, so that one phone belongs to school B alone
  r = await csv(admin, 'guardians', '学籍号,监护人姓名,关系,手机号\nGB0001,乙母,母亲,13800000009\n');
  ok(r.status === 200, 'fixture: admin adds a guardian of GB0001 only', JSON.stringify(r.json));
  // 1. a school-B child's 学籍号 with a class of A would move the child into A
  const beforeA = await classOf('A3-1'), beforeB = await classOf('B7-1');
  for (const [who, s] of [['pra', S.pra], ['aca', S.aca], ['admin', admin]]) {
    r = await csv(s, 'students', '学籍号,姓名,性别,学校代码,班级代码\nGA0002,钱二,女,A,A3-1\nGB0001,李四,女,A,A3-1\n');
    const e0 = r.json?.error?.details?.errors?.[0];
    ok(r.status === 422 && r.json.error.code === 'IMPORT_OTHER_SCHOOL' && e0?.line === 3 && e0?.column === '学籍号' && e0?.code === 'IMPORT_OTHER_SCHOOL' && /属于其他学校/.test(e0?.message) && r.json.error.details.error_rows === 1,
      `${who}: a students file naming a child of B is refused (IMPORT_OTHER_SCHOOL, line 3, 学籍号)`, JSON.stringify(r.json));
  }
  ok(same(await classOf('A3-1'), beforeA) && same(await classOf('B7-1'), beforeB), '...GB0001 is still in B7-1 and nothing in A3-1 changed');
  r = await call(S.par_a, 'GET', '/api/v1/me/children');
  ok(r.status === 200 && r.json.items.some((x) => x.registry_no === 'GB0001' && x.school_id === B.id), "...and GB0001's parent still sees the child in B", JSON.stringify(r.json?.items));
  // 2. a school-B 工号 would move that teacher into A
  r = await csv(S.pra, 'staff', '学校代码,工号,姓名,任教学科\nA,TA1,甲一老师,语文、数学\nA,TB1,乙一老师,数学\n');
  let e0 = r.json?.error?.details?.errors?.[0];
  ok(r.status === 422 && r.json.error.code === 'IMPORT_OTHER_SCHOOL' && e0?.line === 3 && e0?.column === '工号', 'pra: a staff file naming a teacher of B is refused (IMPORT_OTHER_SCHOOL, line 3, 工号)', JSON.stringify(r.json));
  ok(same(await staffOf('B'), ['TB1']) && !(await staffOf('A')).includes('TB1'), '...TB1 is still staff of B only');
  ok(same(await codesOf(S.tb1), ['B7-1']), '...and tb1 still sees exactly B7-1');
  // 3. a guardian phone of school B with the 登录名 of a parent of A
  r = await csv(S.pra, 'guardians', '学籍号,监护人姓名,关系,手机号,登录名\nGA0002,乙母,母亲,13800000009,par_c\n');
  e0 = r.json?.error?.details?.errors?.[0];
  ok(r.status === 422 && r.json.error.code === 'IMPORT_OTHER_SCHOOL' && e0?.column === '登录名', 'pra: linking a guardian of B to an account is refused (IMPORT_OTHER_SCHOOL, 登录名)', JSON.stringify(r.json));
  r = await call(S.par_c, 'GET', '/api/v1/me/children');
  ok(r.status === 200 && same(r.json.items.map((x) => x.registry_no), ['GA0003']), '...par_c still has exactly GA0003', JSON.stringify(r.json?.items));
  r = await call(S.par_c, 'GET', `/api/v1/classes/${C['B7-1'].id}`);
  ok(r.status === 404, '...and cannot read the class of B (404)', r.status);
  r = await csv(S.pra, 'guardians', '学籍号,监护人姓名,关系,手机号\nGA0002,改名母亲,母亲,13800000009\n');
  ok(r.status === 422 && r.json.error.code === 'IMPORT_OTHER_SCHOOL' && r.json.error.details.errors[0].column === '监护人姓名', "pra: renaming a guardian of B is refused (IMPORT_OTHER_SCHOOL, 监护人姓名)", JSON.stringify(r.json));
  // one guardian with children in two schools stays legitimate: the relation may be added
  r = await csv(S.pra, 'guardians', '学籍号,监护人姓名,关系,手机号\nGA0002,乙母,母亲,13800000009\n');
  ok(r.status === 200 && r.json.updated === 1, 'pra: the same guardian (same name, no account change) may be linked to a child of A', JSON.stringify(r.json));
  r = await csv(S.pra, 'guardians', '学籍号,监护人姓名,关系,手机号,登录名\nGA0001,赵父,父亲,13800000001,par_a\n');
  ok(r.status === 200, "pra: a two-school guardian's row that repeats the stored name and account is accepted", JSON.stringify(r.json));
  // the error count counts rows, not cells
  r = await csv(S.pra, 'students', '学籍号,姓名,性别,学校代码,班级代码\n!!,,妖,A,A3-1\n??,,怪,A,A3-1\n');
  ok(r.status === 422 && r.json.error.code === 'IMPORT_INVALID' && r.json.error.details.error_rows === 2 && r.json.error.details.errors.length === 6 && /2 行/.test(r.json.error.message), 'two bad rows of three bad cells each count as 2 rows (6 errors listed)', JSON.stringify(r.json?.error));
}

const classOfCode = async (code) => (await call(admin, 'GET', `/api/v1/classes/${C[code].id}`)).json.students.map((x) => x.registry_no);
// ---- transfers (转学 / 调动): requested by one side, confirmed by the other or the bureau ----
{
  const csv = (s, kind, text) => call(s, 'POST', `/api/v1/imports/${kind}`, text, 'text/csv');
  const post = (s, path, body) => call(s, 'POST', path, body);
  r = await csv(admin, 'students', '学籍号,姓名,性别,学校代码,班级代码\nGB0050,周转,男,B,B7-1\nGA0050,吴调,女,A,A3-1\n');
  ok(r.status === 200, 'fixture: GB0050 in B7-1, GA0050 in A3-1', JSON.stringify(r.json));
  r = await csv(admin, 'guardians', '学籍号,监护人姓名,关系,手机号,登录名\nGB0050,周母,母亲,13800000050,par_c\n');
  ok(r.status === 200, 'fixture: par_c is the guardian of GB0050', JSON.stringify(r.json));
  r = await call(admin, 'POST', '/api/v1/users', { username: 'ta9', display_name: 'ta9', role: 'teacher', password: PW, school_id: A.id });
  r = await csv(admin, 'staff', '学校代码,工号,姓名,任教学科,登录名\nA,TA9,甲九老师,数学,ta9\n');
  r = await csv(admin, 'teaching', '学校代码,班级代码,学科,工号\nA,A3-1,数学,TA9\n');
  S.ta9 = await signIn('ta9', PW);
  ok(same(await codesOf(S.ta9), ['A3-1']), 'fixture: ta9 teaches A3-1');
  const stu = { kind: 'student', code: 'GB0050', name: '周转', to_school_id: A.id, reason: '随父母工作调动转学' };
  // the destination asks: it must know the 学籍号 and the name, and name its own class
  r = await post(S.pra, '/api/v1/transfers', { ...stu, name: '别人' });
  ok(r.status === 404 && r.json.error.code === 'TRANSFER_NOT_FOUND', 'a wrong name answers 404 TRANSFER_NOT_FOUND (nothing about the child leaks)', JSON.stringify(r.json));
  r = await post(S.pra, '/api/v1/transfers', stu);
  ok(r.status === 422 && r.json.error.code === 'TRANSFER_CLASS', 'the destination must choose a class (TRANSFER_CLASS)', JSON.stringify(r.json));
  r = await post(S.pra, '/api/v1/transfers', { ...stu, to_class_id: C['B7-1'].id });
  ok(r.status === 422 && r.json.error.code === 'TRANSFER_CLASS', 'a class of another school is refused (TRANSFER_CLASS)', JSON.stringify(r.json));
  r = await post(S.pra, '/api/v1/transfers', { ...stu, to_school_id: B.id, to_class_id: C['B7-1'].id });
  ok(r.status === 404, 'a school that is neither side cannot ask (404)', JSON.stringify(r.json));
  r = await post(S.pra, '/api/v1/transfers', { ...stu, reason: '' });
  ok(r.status === 422 && r.json.error.details.field === 'reason', 'a request without a reason is refused (field reason)', JSON.stringify(r.json));
  r = await post(S.ta1, '/api/v1/transfers', { ...stu, to_class_id: C['A3-1'].id });
  ok(r.status === 403, 'a teacher cannot ask for a transfer (403)', r.status);
  r = await call(admin, 'GET', '/api/v1/transfers?student_id=0');
  const none = r.json.items.length;
  ok(r.status === 200 && none === 0, '...no request was stored by the refusals', JSON.stringify(r.json));
  r = await post(S.pra, '/api/v1/transfers', { ...stu, to_class_id: C['A3-1'].id });
  ok(r.status === 201 && r.json.side === 'to' && r.json.status === 'requested' && r.json.from.school_id === B.id && r.json.to.class_id === C['A3-1'].id, 'principal of A asks to take GB0050 into A3-1 (201, side to)', JSON.stringify(r.json));
  const t1 = r.json?.id;
  r = await post(S.aca, '/api/v1/transfers', { ...stu, to_class_id: C['A3-2'].id });
  ok(r.status === 409 && r.json.error.code === 'TRANSFER_OPEN', 'a second open request for the child is refused (TRANSFER_OPEN)', JSON.stringify(r.json));
  r = await post(S.pra, `/api/v1/transfers/${t1}/confirm`, {});
  ok(r.status === 403 && r.json.error.code === 'TRANSFER_OTHER_SIDE', 'the asking side cannot confirm its own request (TRANSFER_OTHER_SIDE)', JSON.stringify(r.json));
  r = await call(S.par_c, 'GET', `/api/v1/classes/${C['B7-1'].id}`);
  ok(r.status === 200 && r.json.students.some((x) => x.registry_no === 'GB0050'), 'before: par_c reads B7-1 with GB0050', r.status);
  for (const [who, want] of [['admin', 200], ['insp', 200], ['pra', 200], ['aca', 200], ['ta1', 403], ['par_c', 403], ['enf', 403]]) {
    r = await call(S[who], 'GET', `/api/v1/transfers/${t1}`);
    ok(r.status === want, `${who}: GET /transfers/{id} answers ${want}`, r.status);
  }
  r = await post(admin, `/api/v1/transfers/${t1}/confirm`, {});
  ok(r.status === 200 && r.json?.status === 'confirmed' && r.json.to.class_id === C['A3-1'].id, 'the bureau confirms (200, confirmed)', `${r.status} ${JSON.stringify(r.json)}`);
  r = await post(admin, `/api/v1/transfers/${t1}/confirm`, {});
  ok(r.status === 409 && r.json.error.code === 'TRANSFER_CLOSED', 'confirming again answers 409 TRANSFER_CLOSED', JSON.stringify(r.json));
  ok((await classOfCode('A3-1')).includes('GB0050') && !(await classOfCode('B7-1')).includes('GB0050'), 'GB0050 is now in A3-1 and no longer in B7-1');
  r = await call(S.par_c, 'GET', '/api/v1/me/children');
  ok(r.status === 200 && r.json.items.some((x) => x.registry_no === 'GB0050' && x.school_id === A.id), "the guardian's access follows: par_c sees GB0050 in A", JSON.stringify(r.json?.items));
  r = await call(S.par_c, 'GET', `/api/v1/classes/${C['B7-1'].id}`);
  ok(r.status === 404, '...and no longer reads B7-1 (404)', r.status);
  r = await call(admin, 'GET', '/api/v1/audit?action=transfer.confirm&limit=5');
  ok(r.status === 200 && r.json.items.some((x) => x.object === `transfer:${t1}`), 'the confirmation is audited', JSON.stringify(r.json?.items?.[0]));
  // the school that sends asks; the bureau or the destination confirms; reject and cancel
  const staff = { kind: 'staff', code: 'TA9', name: '甲九老师', to_school_id: B.id, reason: '交流轮岗' };
  r = await post(S.pra, '/api/v1/transfers', { ...staff, to_class_id: C['B7-1'].id });
  ok(r.status === 422 && r.json.error.details.field === 'to_class_id', 'a staff transfer takes no class (field to_class_id)', JSON.stringify(r.json));
  r = await post(S.pra, '/api/v1/transfers', { ...staff, to_school_id: A.id });
  ok(r.status === 422 && r.json.error.code === 'TRANSFER_SAME_SCHOOL', 'to the same school is refused (TRANSFER_SAME_SCHOOL)', JSON.stringify(r.json));
  r = await post(S.pra, '/api/v1/transfers', staff);
  ok(r.status === 201 && r.json.side === 'from', 'principal of A asks to send TA9 to B (201, side from)', JSON.stringify(r.json));
  const t2 = r.json?.id;
  r = await post(S.aca, `/api/v1/transfers/${t2}/cancel`, {});
  ok(r.status === 200 && r.json.status === 'cancelled', 'the asking side (academic office of A) cancels it', JSON.stringify(r.json));
  r = await post(S.pra, '/api/v1/transfers', staff);
  const t3 = r.json?.id;
  ok(r.status === 201, 'asked again after the cancellation (201)', JSON.stringify(r.json));
  r = await post(admin, `/api/v1/transfers/${t3}/reject`, {});
  ok(r.status === 422 && r.json.error.details.field === 'note', 'a rejection needs a note (field note)', JSON.stringify(r.json));
  r = await post(admin, `/api/v1/transfers/${t3}/cancel`, {});
  ok(r.status === 403 && r.json.error.code === 'TRANSFER_NOT_YOURS', 'only the asking side cancels (TRANSFER_NOT_YOURS)', JSON.stringify(r.json));
  r = await post(admin, `/api/v1/transfers/${t3}/reject`, { note: '编制已满' });
  ok(r.status === 200 && r.json.status === 'rejected' && r.json.note === '编制已满', 'the bureau rejects with a note', JSON.stringify(r.json));
  ok(same(await codesOf(S.ta9), ['A3-1']), '...a rejected transfer moves nothing: ta9 still teaches A3-1');
  r = await post(S.pra, '/api/v1/transfers', staff);
  const t4 = r.json?.id;
  r = await post(admin, `/api/v1/transfers/${t4}/confirm`, {});
  ok(r.status === 200 && r.json.status === 'confirmed', 'the bureau confirms TA9 to B', JSON.stringify(r.json));
  ok(same(await codesOf(S.ta9), []), "the old school's teaching goes with the move: ta9 sees no class of A", JSON.stringify(await codesOf(S.ta9)));
  r = await call(S.ta9, 'POST', '/api/v1/homework', hwBody('A3-1', '数学'));
  ok(r.status === 404, '...and cannot post homework in A3-1 (404)', r.status);
  r = await call(S.ta9, 'GET', '/api/v1/me');
  ok(r.status === 200 && r.json.user.school_id === B.id, "...the teacher's account is now of school B", JSON.stringify(r.json?.user));
  r = await call(admin, 'GET', `/api/v1/schools/${B.id}/staff`);
  ok(r.json.items.some((x) => x.staff_no === 'TA9'), 'TA9 is staff of B');
  // history and lists
  r = await call(admin, 'GET', `/api/v1/transfers?staff_id=${r.json.items.find((x) => x.staff_no === 'TA9').id}`);
  ok(r.status === 200 && same(r.json.items.map((x) => x.status), ['confirmed', 'rejected', 'cancelled']), "TA9's history: cancelled, rejected, confirmed", JSON.stringify(r.json?.items?.map((x) => x.status)));
  r = await call(S.pra, 'GET', `/api/v1/transfers?school_id=${B.id}&limit=2`);
  ok(r.status === 200 && r.json.items.length === 2 && r.json.items.every((x) => x.from.school_id === A.id || x.to.school_id === A.id) && r.json.next_cursor, 'a principal lists only transfers touching their school, paged', JSON.stringify(r.json));
  r = await call(S.pra, 'GET', `/api/v1/transfers?cursor=${r.json.next_cursor}&limit=50`);
  ok(r.status === 200 && r.json.items.length === 2, '...the next page holds the other two', JSON.stringify(r.json?.items?.length));
  r = await call(S.pra, 'GET', '/api/v1/transfers?status=bogus');
  ok(r.status === 400, 'an unknown status filter answers 400', r.status);
  r = await call(S.par_a, 'GET', '/api/v1/transfers');
  ok(r.status === 403, 'a parent cannot list transfers (403)', r.status);
  // the directory a school names the other side from: every school, nothing more
  for (const [who, want] of [['admin', 200], ['insp', 200], ['pra', 200], ['aca', 200], ['ta1', 403], ['par_a', 403], ['enf', 403], ['inst', 403]]) {
    r = await call(S[who], 'GET', '/api/v1/school-directory');
    ok(r.status === want && (want !== 200 || (same(r.json.items.map((x) => x.code), ['A', 'B']) && r.json.items.every((x) => same(Object.keys(x), ['id', 'code', 'name', 'kind'])))),
      `${who}: GET /school-directory answers ${want}${want === 200 ? ' with id, code, name, kind of both schools only' : ''}`, `${r.status} ${JSON.stringify(r.json)}`);
  }
}
// ---- access ends with its reason: writes check the scope reads check ----
// A teacher's hold on an item, a session and its roster comes from live staff
// records and assignments, never from having posted the item or from the
// account's school: a withdrawn assignment ends the edit, withdrawal and
// grading of the items posted under it (all 404, the item unchanged), and a
// teacher account with a school but no staff record there is no one on duty.
r = await call(S.ta2, 'POST', '/api/v1/homework', hwBody('A3-2', '英语'));
ok(r.status === 201, 'scope: ta2 posts 英语 for A3-2, the class they teach', JSON.stringify(r.json));
const hT = r.json?.item?.id;
const gradeBody = { method: 'teacher', reviewed: true, notes: '已批改' };
const editBody = (title) => { const { class_id, assigned_on, ...b } = hwBody('A3-2', '英语'); return { ...b, title, reason: '改标题' }; };
r = await call(S.ta2, 'POST', `/api/v1/homework/${hT}/grading`, gradeBody);
ok(r.status === 200, 'scope: while assigned, ta2 records its grading', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(S.ta2, 'PUT', `/api/v1/homework/${hT}`, editBody('练习（改）'));
ok(r.status === 200, 'scope: while assigned, ta2 edits it', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-2'].id}/teaching/withdraw`, { staff_id: staffA.TA2, subject: '英语' });
ok(r.status === 200 && !r.json.teachers.some((t) => t.staff_no === 'TA2'), 'scope: the principal withdraws ta2 from 英语 in A3-2', JSON.stringify(r.json?.teachers));
const itemNow = async () => (await call(admin, 'GET', `/api/v1/homework/${hT}`)).json;
const before = await itemNow();
r = await call(S.ta2, 'GET', `/api/v1/homework/${hT}`);
ok(r.status === 404, 'scope: withdrawn, ta2 no longer reads the item (404)', `${r.status}`);
r = await call(S.ta2, 'PUT', `/api/v1/homework/${hT}`, editBody('越权修改'));
ok(r.status === 404, 'scope: withdrawn, ta2 cannot edit the item (404)', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(S.ta2, 'POST', `/api/v1/homework/${hT}/grading`, { method: 'face', reviewed: false, notes: '越权' });
ok(r.status === 404, 'scope: withdrawn, ta2 cannot grade the item (404)', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(S.ta2, 'POST', `/api/v1/homework/${hT}/withdraw`, { reason: '越权撤回' });
ok(r.status === 404, 'scope: withdrawn, ta2 cannot withdraw the item (404)', `${r.status} ${JSON.stringify(r.json)}`);
const after = await itemNow();
ok(after && before && after.version === before.version && after.status === 'published' && after.title === '练习（改）' &&
   after.grading?.method === 'teacher' && after.history.length === before.history.length,
   '...and the item is unchanged (version, status, title, grading, history)', JSON.stringify({ before: before?.version, after: after?.version, status: after?.status, grading: after?.grading }));
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-2'].id}/teaching`, { staff_id: staffA.TA2, subject: '英语' });
ok(r.status === 200, 'scope: the principal assigns ta2 to 英语 in A3-2 again', `${r.status}`);
r = await call(S.ta2, 'POST', `/api/v1/homework/${hT}/grading`, gradeBody);
ok(r.status === 200, 'scope: assigned again, ta2 may grade it again', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-2'].id}/teaching`, { staff_id: staffA.TA2, subject: '数学' });
ok(r.status === 200, 'scope: ta2 also takes 数学 in A3-2', `${r.status}`);
r = await call(S.pra, 'POST', `/api/v1/classes/${C['A3-2'].id}/teaching/withdraw`, { staff_id: staffA.TA2, subject: '英语' });
ok(r.status === 200, 'scope: ...and gives up 英语 there', `${r.status}`);
r = await call(S.ta2, 'GET', `/api/v1/homework/${hT}`);
ok(r.status === 200, 'scope: teaching the class another subject, ta2 still reads the 英语 item', `${r.status}`);
r = await call(S.ta2, 'POST', `/api/v1/homework/${hT}/withdraw`, { reason: '已不教英语' });
ok(r.status === 403 && r.json.error.code === 'HW_NOT_YOUR_SUBJECT', '...but cannot withdraw it (403 HW_NOT_YOUR_SUBJECT, as for posting)', `${r.status} ${JSON.stringify(r.json)}`);
ok((await itemNow()).status === 'published', '...and it stays published');

// a teacher account with school A on it and no staff record anywhere
r = await call(admin, 'POST', '/api/v1/users', { username: 'tx_nostaff', display_name: '无任职教师', role: 'teacher', password: PW, school_id: A.id });
ok(r.status === 201, 'scope: a teacher account with school A and no staff record', JSON.stringify(r.json));
const noStaff = await signIn('tx_nostaff', PW);
r = await call(S.pra, 'POST', '/api/v1/afterschool/programs', {
  school_id: A.id, term_id: asTerm, name: '访问测试作业辅导', category: 'homework', grades: [3], capacity: 10,
  days: [1, 2, 3, 4, 5], start: '15:40', end: '17:30', venue: '三年级教室', apply_until: '2030-08-31',
  staff: [{ name: '甲一老师', type: 'teacher', staff_id: staffA.TA1 }],
});
ok(r.status === 201, 'scope: the principal of A sets up an after-school program', JSON.stringify(r.json));
const asProg = r.json?.id;
const gaKid = await kid('A3-1', 'GA0001');
r = await call(S.par_a, 'POST', '/api/v1/afterschool/applications', { student_id: gaKid, term_id: asTerm, choices: [asProg], voluntary: true });
ok(r.status === 201, 'scope: par_a applies for their child', JSON.stringify(r.json));
r = await call(S.pra, 'POST', `/api/v1/schools/${A.id}/afterschool-allocation`, { term_id: asTerm });
ok(r.status === 200 && r.json.admitted >= 1, 'scope: the school allocates', JSON.stringify(r.json));
r = await call(S.pra, 'POST', `/api/v1/afterschool/programs/${asProg}/sessions`, { from: day, to: day });
ok(r.status === 200 && r.json.created === 1, 'scope: a session on the day', JSON.stringify(r.json));
r = await call(S.pra, 'GET', `/api/v1/afterschool/programs/${asProg}/sessions?from=${day}&to=${day}`);
const asSess = r.json?.items?.[0]?.id;
ok(r.status === 200 && asSess, 'scope: the principal finds it', JSON.stringify(r.json));
const guardianId = (await call(S.pra, 'GET', `/api/v1/afterschool/sessions/${asSess}`)).json?.roster?.[0]?.guardians?.[0]?.id;
const attendBody = { records: [{ student_id: gaKid, status: 'present' }], content: '完成书面作业，答疑辅导', form: '作业辅导', no_new_lesson: true };
const handBody = { records: [{ student_id: gaKid, state: 'guardian', guardian_id: guardianId }] };
const incBody = { kind: 'other', occurred_at: '16:00', description: '越权记录', action: '无', guardian_notified: false };
const sessNow = async () => JSON.stringify((await call(admin, 'GET', `/api/v1/afterschool/sessions/${asSess}`)).json);
const sessBefore = await sessNow();
r = await call(noStaff, 'GET', `/api/v1/afterschool/sessions/${asSess}`);
ok(r.status === 404 && !r.buf.toString().includes('赵一'), 'scope: a teacher account without a staff record cannot read the roster (404)', `${r.status}`);
r = await call(noStaff, 'GET', `/api/v1/afterschool/programs/${asProg}/sessions?from=${day}&to=${day}`);
ok(r.status === 404, "scope: ...nor the program's sessions (404)", `${r.status}`);
r = await call(noStaff, 'POST', `/api/v1/afterschool/sessions/${asSess}/attendance`, attendBody);
ok(r.status === 404, 'scope: ...nor take attendance (404)', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(noStaff, 'POST', `/api/v1/afterschool/sessions/${asSess}/handover`, handBody);
ok(r.status === 404, 'scope: ...nor record a handover (404)', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(noStaff, 'POST', `/api/v1/afterschool/sessions/${asSess}/incidents`, incBody);
ok(r.status === 404, 'scope: ...nor record an incident (404)', `${r.status} ${JSON.stringify(r.json)}`);
ok(await sessNow() === sessBefore, '...and the session is unchanged');
r = await call(admin, 'GET', `/api/v1/schools/${A.id}/afterschool-incidents?term=${asTerm}`);
ok(r.status === 200 && r.json.items.length === 0, '...and no incident was stored', JSON.stringify(r.json?.items?.length));
r = await call(S.ta1, 'GET', `/api/v1/afterschool/sessions/${asSess}`);
ok(r.status === 200 && r.json.roster.length === 1, 'scope: ta1, staff of A, reads the roster', `${r.status}`);
r = await call(S.ta1, 'POST', `/api/v1/afterschool/sessions/${asSess}/attendance`, attendBody);
ok(r.status === 200, 'scope: ta1 takes attendance', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(S.ta1, 'POST', `/api/v1/afterschool/sessions/${asSess}/handover`, handBody);
ok(r.status === 200, 'scope: ta1 records the handover', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(S.ta1, 'POST', `/api/v1/afterschool/sessions/${asSess}/incidents`, { ...incBody, description: '放学前清点人数' });
ok(r.status === 201, 'scope: ta1 records an incident', `${r.status} ${JSON.stringify(r.json)}`);
r = await call(S.tb1, 'GET', `/api/v1/afterschool/sessions/${asSess}`);
ok(r.status === 404, 'scope: tb1, staff of B only, cannot read it (404)', `${r.status}`);

// ==== 联合执法 (issue 13, part B): every write of sweeps, visits, evidence and cases ====
// Allowed: the district admin and the enforcement officer; every other role 403, nothing stored.
{
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  r = await call(S.enf, 'POST', '/api/v1/visits', { institution: { name: '访问测试无证机构', credit_code: '92140212MA0C000099' }, visited_on: today, agency: 'market', officers: 'enf', findings: ['unlicensed'] });
  ok(r.status === 201, 'ti: enforcement records a visit finding an unlicensed place', JSON.stringify(r.json));
  const tiInst = r.json?.visit?.institution?.id, tiVisit = r.json?.visit?.id;
  r = await call(S.enf, 'POST', '/api/v1/cases', { institution_id: tiInst, finding: 'unlicensed' });
  ok(r.status === 201, 'ti: enforcement opens a case', JSON.stringify(r.json));
  const tiCase = r.json?.case?.id;
  const tiWrites = [
    ['POST', '/api/v1/sweeps', { name: '访问测试排查', starts_on: today, ends_on: today, agencies: ['edu'] }],
    ['POST', '/api/v1/visits', { institution_id: tiInst, visited_on: today, agency: 'edu', officers: 'x', findings: ['other'] }],
    ['POST', `/api/v1/visits/${tiVisit}/evidence?name=a.png`, PNG, 'application/octet-stream'],
    ['POST', '/api/v1/cases', { institution_id: tiInst, finding: 'other' }],
    ['POST', `/api/v1/cases/${tiCase}/steps`, { step: 'investigate' }],
    ['POST', `/api/v1/cases/${tiCase}/evidence?name=a.png`, PNG, 'application/octet-stream'],
  ];
  const tiState = async () => JSON.stringify([
    (await call(admin, 'GET', '/api/v1/sweeps')).json?.items?.length,
    (await call(admin, 'GET', `/api/v1/visits?institution_id=${tiInst}`)).json?.items?.length,
    (await call(admin, 'GET', `/api/v1/visits/${tiVisit}/evidence`)).json?.items?.length,
    (await call(admin, 'GET', `/api/v1/cases?institution_id=${tiInst}`)).json?.items?.length,
    (await call(admin, 'GET', `/api/v1/cases/${tiCase}`)).json?.case?.steps?.length,
    (await call(admin, 'GET', `/api/v1/cases/${tiCase}/evidence`)).json?.items?.length,
  ]);
  const before = await tiState();
  for (const who of ['insp', 'pra', 'aca', 'ta1', 'tb1', 'par_a', 'par_c', 'inst']) {
    for (const [m, path, body, ctype] of tiWrites) {
      r = await call(S[who], m, path, body, ctype);
      ok(r.status === 403, `ti: ${who} ${m} ${path.split('?')[0]} is refused (403)`, `${r.status}`);
    }
    for (const path of ['/api/v1/cases', `/api/v1/cases/${tiCase}`, '/api/v1/sweeps', `/api/v1/visits/${tiVisit}`, '/api/v1/case-overview']) {
      if (who === 'insp') continue;
      r = await call(S[who], 'GET', path);
      ok(r.status === 403, `ti: ${who} GET ${path} is refused (403)`, `${r.status}`);
    }
  }
  ok(await tiState() === before, 'ti: ...and nothing was stored by the refused writes', `${before} -> ${await tiState()}`);
  for (const who of ['admin', 'enf']) {
    for (const [m, path, body, ctype] of tiWrites) {
      r = await call(S[who], m, path, body, ctype);
      ok(r.status === 201 || r.status === 200 || (r.status === 422 && r.json?.error?.code === 'TI_CASE_ORDER'),
        `ti: ${who} ${m} ${path.split('?')[0]} is allowed`, `${r.status} ${JSON.stringify(r.json)}`);
    }
  }
}

// ==== Public reports (举报) and teacher ethics (师德师风): every write route as every role ====
{
  const roles = ['admin', 'insp', 'pra', 'aca', 'ta1', 'tb1', 'par_a', 'enf', 'inst'];
  const anon = { cookie: '', csrf: '' };
  const rpBody = { target_kind: 'school', target: '访问矩阵学校', text: '访问矩阵：作业太多', contact: '13700000001', school_id: A.id };
  r = await call(anon, 'POST', '/public/v1/reports', rpBody);
  ok(r.status === 201 && r.json.receipt_code, 'reports: the public files without signing in', JSON.stringify(r.json));
  const code = r.json?.receipt_code;
  for (const who of roles) {
    r = await call(S[who], 'POST', '/api/v1/reports', { ...rpBody, contact: '' });
    ok(r.status === (who === 'par_a' ? 201 : 403), `reports: ${who} POST /api/v1/reports → ${who === 'par_a' ? 201 : 403}`, `${r.status}`);
  }
  const queue = (await call(admin, 'GET', '/api/v1/reports?q=%E8%AE%BF%E9%97%AE%E7%9F%A9%E9%98%B5')).json.items;
  ok(queue.length === 2, 'reports: the bureau sees both', JSON.stringify(queue.length));
  const [rA, rB] = queue.map((x) => x.id);
  const steps = [['route', { to: 'school', school_id: A.id }], ['answer', { outcome: 'unfounded', reply: '经核查不属实' }], ['close', {}]];
  for (const [step, body] of steps) {
    for (const who of roles.filter((x) => x !== 'admin')) {
      r = await call(S[who], 'POST', `/api/v1/reports/${rA}/${step}`, body);
      ok(r.status === 403, `reports: ${who} POST /api/v1/reports/{id}/${step} → 403`, `${r.status}`);
    }
    r = await call(admin, 'POST', `/api/v1/reports/${rA}/${step}`, body);
    ok(r.status === 200, `reports: admin POST /api/v1/reports/{id}/${step} → 200`, `${r.status} ${JSON.stringify(r.json)}`);
  }
  r = await call(admin, 'POST', `/api/v1/reports/${rB}/route`, { to: 'police' });
  ok(r.status === 200, 'reports: the bureau routes one to public security', `${r.status}`);
  const sees = { admin: [rA, rB], insp: [rA, rB], pra: [rA], aca: [rA], enf: [rB] };
  for (const who of roles) {
    r = await call(S[who], 'GET', '/api/v1/reports?q=%E8%AE%BF%E9%97%AE%E7%9F%A9%E9%98%B5');
    if (!sees[who]) { ok(r.status === 403, `reports: ${who} GET /api/v1/reports → 403`, `${r.status}`); continue; }
    ok(r.status === 200 && same(r.json.items.map((x) => x.id), sees[who]), `reports: ${who} lists exactly its reports`, JSON.stringify(r.json?.items?.map((x) => x.id)));
    ok(!r.buf.toString().includes('13700000001') || who === 'admin' || who === 'insp', `reports: ${who} never sees the contact unless bureau`);
    for (const id of [rA, rB].filter((x) => !sees[who].includes(x))) {
      r = await call(S[who], 'GET', `/api/v1/reports/${id}`);
      ok(r.status === 404, `reports: ${who} GET a report not theirs → 404`, `${r.status}`);
    }
  }
  r = await call(anon, 'GET', `/public/v1/reports/${code}`);
  ok(r.status === 200 && !r.buf.toString().includes('13700000001'), 'reports: the public lookup never shows the contact', r.buf.toString());
  // ethics
  const sA = (await call(admin, 'GET', `/api/v1/schools/${A.id}/staff`)).json.items[0];
  const sB = (await call(admin, 'GET', `/api/v1/schools/${B.id}/staff`)).json.items[0];
  const staffA = sA.id, staffB = sB.id;
  const eBody = (staff_id) => ({ staff_id, finding: '在职教师有偿补课', evidence_note: '访问矩阵证据' });
  for (const who of roles.filter((x) => !['admin', 'pra'].includes(x))) {
    r = await call(S[who], 'POST', '/api/v1/ethics', eBody(staffA));
    ok(r.status === 403, `ethics: ${who} POST /api/v1/ethics → 403`, `${r.status}`);
  }
  r = await call(S.pra, 'POST', '/api/v1/ethics', eBody(staffB));
  ok(r.status === 422, "ethics: pra cannot record a teacher of another school (422)", `${r.status} ${JSON.stringify(r.json)}`);
  r = await call(S.pra, 'POST', '/api/v1/ethics', eBody(staffA));
  ok(r.status === 201, 'ethics: pra records its own teacher', `${r.status} ${JSON.stringify(r.json)}`);
  const eid = r.json?.id;
  r = await call(admin, 'POST', '/api/v1/ethics', eBody(staffB));
  ok(r.status === 201, 'ethics: admin records any teacher of the district', `${r.status}`);
  for (const who of roles.filter((x) => x !== 'admin')) {
    r = await call(S[who], 'POST', `/api/v1/ethics/${eid}/withdraw`, { reason: '访问矩阵' });
    ok(r.status === 403, `ethics: ${who} POST /api/v1/ethics/{id}/withdraw → 403`, `${r.status}`);
  }
  r = await call(S.pra, 'GET', `/api/v1/ethics?school_id=${B.id}`);
  ok(r.status === 200 && r.json.items.every((x) => x.school_id === A.id), 'ethics: pra sees only its school, whatever is asked', JSON.stringify(r.json?.items?.map((x) => x.school_id)));
  r = await call(admin, 'POST', `/api/v1/ethics/${eid}/withdraw`, { reason: '访问矩阵撤销' });
  ok(r.status === 200, 'ethics: admin withdraws', `${r.status}`);
  for (const who of ['ta1', 'ta2', 'tb1']) {
    r = await call(S[who], 'GET', '/api/v1/my/ethics');
    const mine = [sA, sB].filter((x) => x.username === who).map((x) => x.id);
    ok(r.status === 200 && r.json.items.length === mine.length && r.json.items.every((x) => mine.includes(x.staff_id)),
      `ethics: ${who} reads exactly the records about itself (${mine.length})`, `${r.status} ${JSON.stringify(r.json?.items?.map((x) => x.staff_id))}`);
  }
  r = await call(S.par_a, 'GET', '/api/v1/my/ethics');
  ok(r.status === 403, 'ethics: a parent has no ethics record page (403)', `${r.status}`);
}
// ==== end of public reports and teacher ethics ====


// ==== institution registry (issue 13, part A): every write path, who may and who may not ====
{
  const tiCourse = { name: '篮球基础班', category: 'sports', grades: [1, 6], fee: '1800.00', lessons: 24, months: 2 };
  const tiApp = (name, credit_code) => ({ name, credit_code, licence_no: '教民140212000001', address: '大同市新荣区新荣路1号',
    category: 'sports', serves: ['primary'], courses: [tiCourse] });
  const CK = (await call(admin, 'GET', '/api/v1/policy')).json.rules.TI_STANDARDS.params.checklist;
  r = await call(admin, 'POST', '/api/v1/users', { username: 'inst2', display_name: 'inst2', role: 'institution', password: PW });
  ok(r.status === 201, 'ti fixture: a second operator', JSON.stringify(r.json));
  S.inst2 = await signIn('inst2', PW);
  const others = ['admin', 'insp', 'enf', 'pra', 'aca', 'ta1', 'par_a'];
  // other sections (sweeps) may have added institutions: count from here
  const tiBefore = (await call(admin, 'GET', '/api/v1/institutions?limit=200')).json.items.map((x) => x.name);
  for (const who of others) {
    r = await call(S[who], 'POST', '/api/v1/institutions/applications', tiApp(`越权${who}`, '91140212MA0KXR2T6K'));
    ok(r.status === 403, `ti: ${who} may not apply for an institution (403)`, `${r.status}`);
  }
  r = await call(S.inst, 'POST', '/api/v1/institutions/applications', tiApp('访问测试体育俱乐部', '91140212MA0KXR2T4D'));
  ok(r.status === 201, 'ti: the operator applies', `${r.status} ${JSON.stringify(r.json)}`);
  const tiA = r.json?.id, tiI = r.json?.institution_id;
  r = await call(S.inst2, 'POST', '/api/v1/institutions/applications', tiApp('访问测试美术工作室', '91140212MA0KXR2T5G'));
  ok(r.status === 201, 'ti: a second operator applies', `${r.status}`);
  const tiA2 = r.json?.id;
  r = await call(admin, 'GET', '/api/v1/institutions?limit=200');
  {
    const added = (r.json?.items || []).map((x) => x.name).filter((n) => !tiBefore.includes(n)).sort();
    ok(r.status === 200 && r.json.items.length === tiBefore.length + 2 && added.join() === ['访问测试体育俱乐部', '访问测试美术工作室'].sort().join(),
      'ti: the refused applications stored nothing', JSON.stringify(added));
  }
  for (const who of ['inst', 'inst2', ...others.filter((x) => x !== 'admin')]) {
    r = await call(S[who], 'POST', `/api/v1/institutions/applications/${tiA}/decision`, { decision: 'approve', checklist: CK });
    ok(r.status === 403, `ti: ${who} may not decide an application (403)`, `${r.status}`);
  }
  r = await call(admin, 'POST', `/api/v1/institutions/applications/${tiA}/decision`, { decision: 'approve', checklist: CK });
  ok(r.status === 200 && r.json.status === 'approved', 'ti: the district admin approves', `${r.status} ${JSON.stringify(r.json)}`);
  for (const [path, body] of [[`/api/v1/institutions/${tiI}/courses`, { courses: [tiCourse] }],
    [`/api/v1/institutions/${tiI}/staff`, { staff: [{ name: '王晓东', qualification: 'skill', certificate_no: 'ZJ1' }] }]]) {
    for (const who of others) {
      r = await call(S[who], 'PUT', path, body);
      ok(r.status === 403, `ti: ${who} may not PUT ${path.replace(/\d+/, '{id}')} (403)`, `${r.status}`);
    }
    r = await call(S.inst2, 'PUT', path, body);
    ok(r.status === 404, `ti: another operator may not PUT ${path.replace(/\d+/, '{id}')} (404)`, `${r.status}`);
    r = await call(S.inst, 'PUT', path, body);
    ok(r.status === 200, `ti: the operator PUTs ${path.replace(/\d+/, '{id}')}`, `${r.status} ${JSON.stringify(r.json)}`);
  }
  r = await call(S.inst2, 'GET', `/api/v1/institutions/applications/${tiA}`);
  ok(r.status === 404, "ti: an operator cannot read another's application (404)", `${r.status}`);
  r = await call(S.inst2, 'GET', '/api/v1/institutions/applications');
  ok(r.status === 200 && r.json.items.length === 1 && r.json.items[0].id === tiA2, 'ti: an operator lists its own applications only', JSON.stringify(r.json));
  for (const who of ['admin', 'insp', 'enf']) {
    r = await call(S[who], 'GET', '/api/v1/institutions?status=pending');
    ok(r.status === 200 && r.json.items.length === 1, `ti: ${who} reads the registry`, `${r.status}`);
  }
  for (const who of ['inst', 'pra', 'ta1', 'par_a']) {
    r = await call(S[who], 'GET', '/api/v1/institutions');
    ok(r.status === 403, `ti: ${who} may not read the bureau's registry (403)`, `${r.status}`);
  }
  r = await fetch(base + '/public/v1/institutions');
  const pub = await r.json();
  ok(r.status === 200 && pub.items.length === 1 && pub.items[0].name === '访问测试体育俱乐部', 'ti: the public list holds the approved one only', JSON.stringify(pub));
}

// ==== health (issue 14, part HE): every write path - class activity, vision screenings, the fitness import ====
{
  const heTerm = (await call(admin, 'GET', '/api/v1/terms')).json.items.find((t) => t.name === '访问测试学期').id;
  const heDay = '2024-03-05'; // a Tuesday of that term
  const heAct = { date: heDay, pe_minutes: 40, big_break_minutes: 30, eye_exercises: 2 };
  const heList = async (code) => (await call(admin, 'GET', `/api/v1/classes/${C[code].id}/activity?from=${heDay}&to=${heDay}`)).json;
  const heRoster = async (code) => (await call(admin, 'GET', `/api/v1/classes/${code}`)).json.students;
  const GA1 = (await heRoster(C['A3-1'].id)).find((x) => x.registry_no === 'GA0001');
  const GB1 = (await heRoster(C['B7-1'].id)).find((x) => x.registry_no === 'GB0001');
  // activity: the class's teachers and the school's heads; others 404 (a class out of reach) or 403 (the role)
  for (const [who, code, want] of [['ta1', 'A3-1', 201], ['pra', 'A3-1', 201], ['aca', 'A3-1', 201], ['ta2', 'A3-1', 404],
    ['tb1', 'A3-1', 404], ['pra', 'B7-1', 404], ['aca', 'B7-1', 404], ['ta1', 'B7-1', 404], ['admin', 'A3-1', 403],
    ['insp', 'A3-1', 403], ['enf', 'A3-1', 403], ['inst', 'A3-1', 403], ['par_a', 'A3-1', 403]]) {
    r = await call(S[who], 'POST', `/api/v1/classes/${C[code].id}/activity`, heAct);
    ok(r.status === want, `he: ${who} POST /classes/${code}/activity answers ${want}`, `${r.status} ${JSON.stringify(r.json)}`);
  }
  r = await heList('B7-1');
  ok(r.items.length === 0, 'he: the refused activity writes stored nothing in school B', JSON.stringify(r));
  r = await heList('A3-1');
  ok(r.items.length === 1 && r.items[0].versions === 3, 'he: school A\'s class-day holds one live record, two replaced', JSON.stringify(r));
  for (const [who, code, want] of [['ta1', 'A3-1', 200], ['ta2', 'A3-1', 404], ['pra', 'B7-1', 404], ['insp', 'B7-1', 200], ['par_a', 'A3-1', 403]]) {
    r = await call(S[who], 'GET', `/api/v1/classes/${C[code].id}/activity`);
    ok(r.status === want, `he: ${who} GET /classes/${code}/activity answers ${want}`, `${r.status}`);
  }
  // vision screenings: the student's teachers and the school's heads
  const heEye = (st) => ({ student_id: st.id, date: heDay, left: 4.8, right: 5.0 });
  for (const [who, st, want] of [['ta1', GA1, 201], ['pra', GA1, 201], ['aca', GA1, 201], ['ta2', GA1, 404], ['tb1', GA1, 404],
    ['pra', GB1, 404], ['ta1', GB1, 404], ['admin', GA1, 403], ['insp', GA1, 403], ['enf', GA1, 403], ['inst', GA1, 403], ['par_a', GA1, 403]]) {
    r = await call(S[who], 'POST', '/api/v1/vision-screenings', heEye(st));
    ok(r.status === want, `he: ${who} POST /vision-screenings for ${st.registry_no} answers ${want}`, `${r.status} ${JSON.stringify(r.json)}`);
  }
  r = await call(admin, 'GET', `/api/v1/classes/${C['B7-1'].id}/vision-screenings?term_id=${heTerm}`);
  ok(r.status === 200 && r.json.items.every((x) => x.screenings === 0), 'he: the refused screenings stored nothing in school B', JSON.stringify(r.json));
  r = await call(S.pra, 'GET', `/api/v1/classes/${C['B7-1'].id}/vision-screenings`);
  ok(r.status === 404, 'he: a principal cannot read another school\'s roster of screenings (404)', `${r.status}`);
  // the fitness import: the bureau or the school's heads, the school's own students only
  const heFit = (rows) => '学籍号,姓名,年级,总分\n' + rows.map((x) => x.join(',')).join('\n') + '\n';
  const heImport = (who, rows) => call(S[who], 'POST', `/api/v1/imports/fitness?term_id=${heTerm}`, heFit(rows), 'text/csv');
  for (const who of ['ta1', 'par_a', 'insp', 'enf', 'inst']) {
    r = await heImport(who, [['GA0001', '赵一', 3, 80]]);
    ok(r.status === 403, `he: ${who} may not import fitness results (403)`, `${r.status}`);
  }
  r = await heImport('pra', [['GA0001', '赵一', 3, 80], ['GB0001', '李四', 7, 80]]);
  ok(r.status === 422 && r.json.error.code === 'IMPORT_OTHER_SCHOOL' && r.json.error.details.errors[0].line === 3,
    'he: a school-B student in school A\'s file is refused (IMPORT_OTHER_SCHOOL), naming the row', JSON.stringify(r.json));
  r = await call(admin, 'GET', `/api/v1/schools/${A.id}/health?term_id=${heTerm}`);
  ok(r.status === 200 && r.json.fitness.tested === 0, 'he: ...and nothing of that file was stored', JSON.stringify(r.json?.fitness));
  r = await heImport('pra', [['GA0001', '赵一', 3, 80], ['GA0002', '钱二', 3, 59.9]]);
  ok(r.status === 200 && r.json.created === 2, 'he: the principal imports the school\'s own results', JSON.stringify(r.json));
  r = await heImport('admin', [['GB0001', '李四', 7, 90]]);
  ok(r.status === 200 && r.json.created === 1, 'he: the district admin imports any school\'s results', JSON.stringify(r.json));
  // the figures: the bureau any school, a school's heads their own
  for (const [who, sch, want] of [['admin', 'B', 200], ['insp', 'B', 200], ['pra', 'A', 200], ['aca', 'A', 200], ['pra', 'B', 404],
    ['aca', 'B', 404], ['ta1', 'A', 403], ['par_a', 'A', 403], ['enf', 'A', 403], ['inst', 'A', 403]]) {
    r = await call(S[who], 'GET', `/api/v1/schools/${sid[sch]}/health?term_id=${heTerm}`);
    ok(r.status === want, `he: ${who} GET /schools/${sch}/health answers ${want}`, `${r.status}`);
  }
  r = await call(S.pra, 'GET', `/api/v1/schools/${A.id}/health?term_id=${heTerm}`);
  ok(r.json?.fitness?.tested === 2 && r.json?.fitness?.pass_rate === 50 && r.json?.vision?.screened === 1,
    'he: school A\'s figures count its own records only', JSON.stringify(r.json?.fitness));
  for (const [who, want] of [['admin', 200], ['insp', 200], ['pra', 403], ['aca', 403], ['ta1', 403], ['par_a', 403], ['enf', 403]]) {
    r = await call(S[who], 'GET', `/api/v1/health?term_id=${heTerm}`);
    ok(r.status === want, `he: ${who} GET /health (the district) answers ${want}`, `${r.status}`);
  }
}
// ==== exams (issue 14, part EX): every write path, who may and who may not ====
{
  r = await call(admin, 'POST', '/api/v1/terms', { name: '考试访问测试学期', starts_on: '2034-02-20', ends_on: '2034-07-08' });
  ok(r.status === 201, 'ex fixture: a term', `${r.status} ${JSON.stringify(r.json)}`);
  const exT = r.json?.term?.id;
  const exPlan = (grade, kind = 'final') => ({ term_id: exT, grade, kind, form: 'paper', date: '2034-06-30', subjects: ['语文'] });
  const exPath = (sc) => `/api/v1/schools/${sc}/exams`;
  for (const who of ['ta1', 'tb1', 'insp', 'enf', 'inst', 'par_a']) {
    r = await call(S[who], 'POST', exPath(A.id), exPlan(3));
    ok(r.status === 403, `ex: ${who} may not plan an exam (403)`, `${r.status}`);
  }
  r = await call(S.pra, 'POST', exPath(B.id), exPlan(7));
  ok(r.status === 404, "ex: the principal of A may not plan B's exams (404)", `${r.status}`);
  r = await call(S.pra, 'POST', exPath(A.id), exPlan(3));
  ok(r.status === 201, 'ex: the principal of A plans grade 3', `${r.status} ${JSON.stringify(r.json)}`);
  const exA = r.json?.exam?.id;
  r = await call(S.aca, 'POST', exPath(A.id), exPlan(4));
  ok(r.status === 201, "ex: A's academic office plans grade 4", `${r.status}`);
  const exA4 = r.json?.exam?.id;
  r = await call(admin, 'POST', exPath(B.id), exPlan(7, 'midterm'));
  ok(r.status === 201, "ex: the district admin plans B's grade-7 midterm", `${r.status}`);
  const exB = r.json?.exam?.id;
  r = await call(S.aca, 'POST', exPath(A.id), exPlan(3));
  ok(r.status === 422 && r.json.error.code === 'EX_FINAL_ONCE', "ex: a second grade-3 final is refused", `${r.status}`);
  // withdraw
  for (const who of ['ta1', 'insp', 'enf', 'inst', 'par_a']) {
    r = await call(S[who], 'POST', `/api/v1/exams/${exA4}/withdraw`, { reason: '越权撤销' });
    ok(r.status === 403, `ex: ${who} may not withdraw a plan (403)`, `${r.status}`);
  }
  r = await call(S.pra, 'POST', `/api/v1/exams/${exB}/withdraw`, { reason: '越权撤销' });
  ok(r.status === 404, "ex: the principal of A may not withdraw B's plan (404)", `${r.status}`);
  r = await call(S.aca, 'POST', `/api/v1/exams/${exA4}/withdraw`, { reason: '访问测试撤销' });
  ok(r.status === 200 && r.json.exam.status === 'withdrawn', "ex: A's academic office withdraws A's plan", `${r.status}`);
  // results: by class, a teacher only for a class of theirs (ta2 teaches A3-2
  // only; ta1 heads both A3 classes by now)
  const cls = async (code) => (await call(admin, 'GET', `/api/v1/classes/${C[code].id}`)).json.students.map((x) => x.id);
  const stA31 = await cls('A3-1'), stA32 = await cls('A3-2');
  const res = (code, st) => ({ class_id: C[code].id, results: [{ student_id: st, subject: '语文', level: '良好' }] });
  for (const who of ['insp', 'enf', 'inst', 'par_a']) {
    r = await call(S[who], 'POST', `/api/v1/exams/${exA}/results`, res('A3-1', stA31[0]));
    ok(r.status === 403, `ex: ${who} may not enter results (403)`, `${r.status}`);
  }
  for (const [who, code, st, want] of [['ta2', 'A3-1', stA31[0], 404], ['tb1', 'A3-1', stA31[0], 404],
    ['ta1', 'A3-1', stA32[0], 422], ['ta1', 'A3-1', stA31[0], 200],
    ['ta2', 'A3-2', stA32[0], 200], ['pra', 'A3-1', stA31[1], 200], ['admin', 'B7-1', stA31[0], 404]]) {
    r = await call(S[who], 'POST', `/api/v1/exams/${exA}/results`, res(code, st));
    ok(r.status === want, `ex: ${who} enters a result for class ${code} (${want})`, `${r.status} ${JSON.stringify(r.json)}`);
  }
  r = await call(S.pra, 'POST', `/api/v1/exams/${exA4}/results`, res('A3-1', stA31[0]));
  ok(r.status === 404, 'ex: results for a plan of another grade than the class are refused (404)', `${r.status}`);
  // reads
  for (const [who, want] of [['admin', 200], ['insp', 200], ['pra', 200], ['aca', 200], ['ta1', 200], ['tb1', 404], ['par_a', 403], ['enf', 403]]) {
    r = await call(S[who], 'GET', `${exPath(A.id)}?term_id=${exT}`);
    ok(r.status === want && (want !== 200 || r.json.items.length === 2), `ex: ${who} lists A's plans (${want})`, `${r.status} ${JSON.stringify(r.json?.items?.length)}`);
  }
  for (const [who, q, want] of [['pra', '', 200], ['ta1', '', 400], ['ta1', `?class_id=${C['A3-1'].id}`, 200],
    ['ta2', `?class_id=${C['A3-1'].id}`, 404], ['tb1', `?class_id=${C['A3-1'].id}`, 404], ['par_a', '', 403]]) {
    r = await call(S[who], 'GET', `/api/v1/exams/${exA}/results${q}`);
    ok(r.status === want, `ex: ${who} reads results${q ? ' of a class' : ''} (${want})`, `${r.status}`);
  }
  r = await call(S.pra, 'GET', `/api/v1/exams/${exA}/results`);
  ok(r.status === 200 && r.json.grade.subjects[0].total === 3 && r.json.classes.length === 2, "ex: A's results count 3 students in 2 classes", JSON.stringify(r.json));
  for (const [who, want] of [['admin', 200], ['insp', 200], ['pra', 403], ['ta1', 403], ['par_a', 403]]) {
    r = await call(S[who], 'GET', `/api/v1/exams?term_id=${exT}`);
    ok(r.status === want, `ex: ${who} reads the district view (${want})`, `${r.status}`);
  }
  r = await call(S.insp, 'GET', `/api/v1/exams?term_id=${exT}`);
  ok(r.json?.totals?.plans === 2, 'ex: the refused and withdrawn plans are not counted (2 live)', JSON.stringify(r.json?.totals));
}
// ==== end of exams ====
// ==== five managements, check-ins (issue 14, part CK): every write path ====
{
  const kidsA = (await call(S.par_a, 'GET', '/api/v1/me/children')).json.items;
  const kidC = (await call(S.par_c, 'GET', '/api/v1/me/children')).json.items[0];
  const kA = kidsA.find((k) => k.registry_no === 'GA0001');
  const week = (await call(S.par_a, 'GET', `/api/v1/checkins?student_id=${kA.id}`)).json?.week;
  const ck = (student_id) => ({ student_id, week, bedtime: '21:00', wake_time: '07:00', phone_minutes: 20, reading_minutes: 30 });
  for (const who of ['admin', 'insp', 'pra', 'aca', 'ta1', 'enf', 'inst']) {
    r = await call(S[who], 'POST', '/api/v1/checkins', ck(kA.id));
    ok(r.status === 403, `ck: ${who} may not POST /checkins (403)`, `${r.status}`);
  }
  r = await call(S.par_c, 'POST', '/api/v1/checkins', ck(kA.id));
  ok(r.status === 404, "ck: a parent may not check in for another's child (404)", `${r.status}`);
  r = await call(S.par_a, 'POST', '/api/v1/checkins', ck(kidC.id));
  ok(r.status === 404, "ck: nor the other way round (404)", `${r.status}`);
  r = await call(S.par_c, 'GET', `/api/v1/checkins?student_id=${kA.id}`);
  ok(r.status === 404, "ck: a parent may not read another's child's check-ins (404)", `${r.status}`);
  for (const k of kidsA) {
    r = await call(S.par_a, 'POST', '/api/v1/checkins', ck(k.id));
    ok(r.status === 201, `ck: par_a checks in for own child ${k.registry_no}`, `${r.status} ${JSON.stringify(r.json)}`);
  }
  r = await call(S.par_a, 'GET', `/api/v1/checkins?student_id=${kA.id}`);
  ok(r.status === 200 && r.json.items.length === 1, 'ck: par_a reads own child back', JSON.stringify(r.json));
  const phones = { handed_in: true, kept: '手机柜', calls: '亲情电话' };
  for (const [path, body] of [['phone-rules', phones], ['sleep-settings', { wake_time: '06:30', travel_minutes: 20 }]]) {
    for (const who of ['insp', 'ta1', 'par_a', 'enf', 'inst']) {
      r = await call(S[who], 'PUT', `/api/v1/schools/${A.id}/${path}`, body);
      ok(r.status === 403, `ck: ${who} may not PUT /schools/{id}/${path} (403)`, `${r.status}`);
    }
    for (const who of ['pra', 'aca']) {
      r = await call(S[who], 'PUT', `/api/v1/schools/${B.id}/${path}`, body);
      ok(r.status === 404, `ck: ${who} may not PUT another school's ${path} (404)`, `${r.status}`);
      r = await call(S[who], 'PUT', `/api/v1/schools/${A.id}/${path}`, body);
      ok(r.status === 200, `ck: ${who} PUTs own school's ${path}`, `${r.status} ${JSON.stringify(r.json)}`);
    }
    r = await call(admin, 'PUT', `/api/v1/schools/${B.id}/${path}`, body);
    ok(r.status === 200, `ck: admin PUTs any school's ${path}`, `${r.status}`);
  }
  r = await call(S.ta1, 'GET', `/api/v1/schools/${B.id}/phone-rules`);
  ok(r.status === 404, "ck: a teacher may not read another school's phone rules (404)", `${r.status}`);
  r = await call(S.par_c, 'GET', `/api/v1/schools/${B.id}/phone-rules`);
  ok(r.status === 404, "ck: a parent reads only their children's schools' phone rules (404)", `${r.status}`);
  for (const [who, school, want] of [['pra', A, 200], ['pra', B, 404], ['aca', B, 404], ['insp', B, 200], ['admin', A, 200], ['ta1', A, 403], ['par_a', A, 403]]) {
    r = await call(S[who], 'GET', `/api/v1/schools/${school.id}/five-managements`);
    ok(r.status === want, `ck: ${who} GET five-managements of ${school.code}: ${want}`, `${r.status}`);
  }
  for (const [who, want] of [['admin', 200], ['insp', 200], ['pra', 403], ['ta1', 403], ['par_a', 403], ['enf', 403]]) {
    r = await call(S[who], 'GET', '/api/v1/five-managements');
    ok(r.status === want, `ck: ${who} GET /five-managements: ${want}`, `${r.status}`);
  }
}

// ==== satisfaction surveys (issue 15, part SD): publishing and answering, who may and who may not ====
{
  const svTerm = (await call(admin, 'GET', '/api/v1/terms')).json.items.find((t) => t.name === '访问测试学期').id;
  const svBody = (school_id, name) => ({ name, groups: ['parent', 'student', 'teacher'], school_id, term_id: svTerm, opens: '2020-01-01', closes: '2099-12-31' });
  const svKid = async (code, reg) => (await call(admin, 'GET', `/api/v1/classes/${C[code].id}`)).json.students.find((x) => x.registry_no === reg).id;
  const GA1 = await svKid('A3-1', 'GA0001'), GA3 = await svKid('A3-2', 'GA0003'), GB1 = await svKid('B7-1', 'GB0001');
  for (const who of ['ta1', 'pra', 'aca', 'par_a', 'enf', 'inst']) {
    r = await call(S[who], 'POST', '/api/v1/surveys', svBody(A.id, `访问测试调查-${who}`));
    ok(r.status === 403, `sv: ${who} may not publish a survey (403)`, `${r.status}`);
  }
  r = await call(S.insp, 'POST', '/api/v1/surveys', svBody(A.id, '访问测试调查A'));
  ok(r.status === 201, 'sv: the inspector publishes a survey for school A', `${r.status} ${JSON.stringify(r.json)}`);
  const svA = r.json?.item?.id;
  r = await call(admin, 'POST', '/api/v1/surveys', svBody(B.id, '访问测试调查B'));
  ok(r.status === 201, 'sv: the district admin publishes one for school B', `${r.status}`);
  const svB = r.json?.item?.id;
  r = await call(admin, 'GET', '/api/v1/surveys?limit=200');
  ok(r.json.items.length === 2 && !JSON.stringify(r.json).includes('访问测试调查-'), 'sv: the refused publications stored nothing', JSON.stringify(r.json.items.map((x) => x.name)));
  const T = { t1: 4, t2: 4, t3: 4, t4: 4, t5: 4 }, P = { p1: 4, p2: 4, p3: 4, p4: 4, p5: 4 }, St = { s1: 4, s2: 4, s3: 4, s4: 4, s5: 4 };
  // answering: teachers of the school, parents for themselves and each child there; the office never
  for (const [who, sv, body, want] of [
    ['pra', svA, { group: 'teacher', answers: T }, 403], ['aca', svA, { group: 'teacher', answers: T }, 403],
    ['admin', svA, { group: 'teacher', answers: T }, 403], ['insp', svA, { group: 'teacher', answers: T }, 403],
    ['enf', svA, { group: 'teacher', answers: T }, 403], ['inst', svA, { group: 'teacher', answers: T }, 403],
    ['tb1', svA, { group: 'teacher', answers: T }, 404], ['ta1', svB, { group: 'teacher', answers: T }, 404],
    ['ta1', svA, { group: 'parent', answers: P }, 404], ['par_a', svA, { group: 'teacher', answers: T }, 404],
    ['par_a', svA, { group: 'student', student_id: GB1, answers: St }, 404], ['par_c', svA, { group: 'student', student_id: GA1, answers: St }, 404],
    ['par_c', svB, { group: 'parent', answers: P }, 404],
    ['ta1', svA, { group: 'teacher', answers: T }, 201], ['ta2', svA, { group: 'teacher', answers: T }, 201],
    ['tb1', svB, { group: 'teacher', answers: T }, 201], ['par_a', svA, { group: 'parent', student_id: GA1, answers: P }, 201],
    ['par_a', svA, { group: 'student', student_id: GA1, answers: St }, 201], ['par_c', svA, { group: 'student', student_id: GA3, answers: St }, 201],
    ['ta1', svA, { group: 'teacher', answers: T }, 409], ['par_a', svA, { group: 'student', student_id: GA1, answers: St }, 409]]) {
    r = await call(S[who], 'POST', `/api/v1/surveys/${sv}/answers`, body);
    ok(r.status === want, `sv: ${who} answers ${sv === svA ? 'A' : 'B'}'s survey as ${body.group} (${want})`, `${r.status} ${JSON.stringify(r.json)}`);
  }
  r = await call(admin, 'GET', `/api/v1/surveys/${svA}/results`);
  const n = Object.fromEntries((r.json.groups || []).map((g) => [g.group, g.answers]));
  ok(n.parent === 1 && n.student === 2 && n.teacher === 2, "sv: A's survey holds the permitted answers only (parent 1, student 2, teacher 2)", JSON.stringify(n));
  r = await call(admin, 'GET', `/api/v1/surveys/${svB}/results`);
  const nb = Object.fromEntries((r.json.groups || []).map((g) => [g.group, g.answers]));
  ok(nb.parent === 0 && nb.student === 0 && nb.teacher === 1, "sv: B's survey holds tb1's answer only", JSON.stringify(nb));
  ok(!/user_id|ta1|tb1|par_a/.test(JSON.stringify(r.json)), 'sv: results carry no user', JSON.stringify(r.json).slice(0, 200));
  // results: the bureau any, a school's heads their own, nobody else
  for (const [who, sv, want] of [['admin', svB, 200], ['insp', svB, 200], ['pra', svA, 200], ['aca', svA, 200], ['pra', svB, 404],
    ['aca', svB, 404], ['ta1', svA, 403], ['par_a', svA, 403], ['enf', svA, 403], ['inst', svA, 403]]) {
    r = await call(S[who], 'GET', `/api/v1/surveys/${sv}/results`);
    ok(r.status === want, `sv: ${who} reads ${sv === svA ? 'A' : 'B'}'s results (${want})`, `${r.status}`);
  }
  for (const [who, sv, want] of [['ta1', svA, 200], ['tb1', svA, 404], ['par_c', svB, 404], ['par_a', svB, 200]]) {
    r = await call(S[who], 'GET', `/api/v1/surveys/${sv}`);
    ok(r.status === want, `sv: ${who} sees ${sv === svA ? 'A' : 'B'}'s survey (${want})`, `${r.status}`);
  }
}
// ==== end of surveys ====

// ==== supervision visits and notices (issue 15, part SC): every write path, who may and who may not ====
// Visits, findings, their evidence, notices and closing: the office (district admin, inspector);
// answering a notice and its evidence: the principal and academic office of that school only
// (another school's notice 404); every other role 403; nothing stored by a refusal.
{
  const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');
  const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
  const inspId = (await call(S.insp, 'GET', '/api/v1/supervision/inspectors')).json?.items?.[0]?.id;
  const visitOf = (sch) => ({ school_id: sch, visit_on: today, inspector_ids: [inspId] });
  r = await call(S.insp, 'POST', '/api/v1/supervision/visits', visitOf(A.id));
  ok(r.status === 201, 'sv: the inspector plans a visit to school A', JSON.stringify(r.json));
  const svA = r.json?.visit?.id;
  r = await call(S.insp, 'POST', `/api/v1/supervision/visits/${svA}/findings`, { item_id: 'B10.2', text: '作业超时' });
  const svF = r.json?.finding?.id;
  r = await call(S.insp, 'POST', '/api/v1/supervision/notices', { visit_id: svA, items: ['B10.2'], text: '整改' });
  const svN = r.json?.notice?.id;
  r = await call(S.admin, 'POST', '/api/v1/supervision/visits', visitOf(B.id));
  const svB = r.json?.visit?.id;
  r = await call(S.admin, 'POST', '/api/v1/supervision/notices', { visit_id: svB, items: ['B21.2'], text: '整改' });
  const svNB = r.json?.notice?.id;
  ok(svF && svN && svNB, 'sv: a finding and notices for schools A and B', `${svF} ${svN} ${svNB}`);
  const officeWrites = [
    ['POST', '/api/v1/supervision/visits', visitOf(A.id)],
    ['POST', `/api/v1/supervision/visits/${svA}/findings`, { item_id: 'B9.2', text: '未公示' }],
    ['POST', `/api/v1/supervision/findings/${svF}/evidence?name=a.png`, PNG, 'application/octet-stream'],
    ['POST', '/api/v1/supervision/notices', { visit_id: svA, items: ['B9.2'], text: '整改' }],
  ];
  const schoolWrites = (n) => [
    ['POST', `/api/v1/supervision/notices/${n}/answer`, { text: '已整改' }],
    ['POST', `/api/v1/supervision/notices/${n}/evidence?name=a.png`, PNG, 'application/octet-stream'],
  ];
  const svState = async () => JSON.stringify([
    (await call(admin, 'GET', '/api/v1/supervision/visits?limit=200')).json?.items?.length,
    (await call(admin, 'GET', `/api/v1/supervision/visits/${svA}`)).json?.visit?.findings?.map((f) => f.evidence.length),
    (await call(admin, 'GET', '/api/v1/supervision/notices?limit=200')).json?.items?.map((n) => n.status),
    (await call(admin, 'GET', `/api/v1/supervision/notices/${svN}`)).json?.notice?.evidence?.length,
    (await call(admin, 'GET', `/api/v1/supervision/notices/${svNB}`)).json?.notice?.evidence?.length,
  ]);
  const before = await svState();
  for (const who of ['pra', 'aca', 'ta1', 'tb1', 'par_a', 'par_c', 'enf', 'inst']) {
    for (const [m, path, body, ctype] of [...officeWrites, ['POST', `/api/v1/supervision/notices/${svN}/close`, { visit_id: svA, result: 'rectified' }]]) {
      r = await call(S[who], m, path, body, ctype);
      ok(r.status === 403, `sv: ${who} ${m} ${path.split('?')[0]} is refused (403)`, `${r.status}`);
    }
  }
  for (const who of ['admin', 'insp', 'ta1', 'tb1', 'par_a', 'enf', 'inst']) {
    for (const [m, path, body, ctype] of schoolWrites(svN)) {
      r = await call(S[who], m, path, body, ctype);
      ok(r.status === 403, `sv: ${who} ${m} ${path.split('?')[0]} is refused (403)`, `${r.status}`);
    }
  }
  for (const who of ['pra', 'aca']) {
    for (const [m, path, body, ctype] of schoolWrites(svNB)) {
      r = await call(S[who], m, path, body, ctype);
      ok(r.status === 404, `sv: ${who} (school A) ${m} ${path.split('?')[0]} of school B's notice is not found (404)`, `${r.status}`);
    }
    for (const path of [`/api/v1/supervision/notices/${svNB}`, `/api/v1/supervision/visits/${svB}`, `/api/v1/supervision/notices?school_id=${B.id}`]) {
      r = await call(S[who], 'GET', path);
      ok(r.status === 404, `sv: ${who} GET ${path} of school B is not found (404)`, `${r.status}`);
    }
  }
  ok(await svState() === before, 'sv: ...and nothing was stored by the refused writes', `${before} -> ${await svState()}`);
  for (const who of ['admin', 'insp']) {
    for (const [m, path, body, ctype] of officeWrites) {
      r = await call(S[who], m, path, body, ctype);
      ok(r.status === 201, `sv: ${who} ${m} ${path.split('?')[0]} is allowed`, `${r.status} ${JSON.stringify(r.json)}`);
    }
  }
  for (const who of ['pra', 'aca']) {
    for (const [m, path, body, ctype] of schoolWrites(svN)) {
      r = await call(S[who], m, path, body, ctype);
      ok(r.status === 200 || r.status === 201, `sv: ${who} ${m} ${path.split('?')[0]} of its own school's notice is allowed`, `${r.status} ${JSON.stringify(r.json)}`);
    }
  }
  r = await call(S.insp, 'POST', '/api/v1/supervision/visits', { ...visitOf(A.id), notice_id: svN });
  r = await call(S.insp, 'POST', `/api/v1/supervision/notices/${svN}/close`, { visit_id: r.json?.visit?.id, result: 'rectified' });
  ok(r.status === 200 && r.json?.notice?.status === 'closed', 'sv: the inspector closes the notice by a re-visit', `${r.status} ${JSON.stringify(r.json)}`);
  for (const who of ['pra', 'aca']) {
    r = await call(S[who], 'POST', `/api/v1/supervision/notices/${svN}/answer`, { text: '再答' });
    ok(r.status === 409 && r.json?.error?.code === 'SV_NOTICE_CLOSED', `sv: ${who} answers the closed notice: 409 SV_NOTICE_CLOSED`, `${r.status}`);
  }
}
// ==== end of supervision visits ====

// ==== supervision (issue 15, part SA): every write path, who may and who may not ====
{
  r = await call(admin, 'POST', '/api/v1/terms', { name: '督导访问测试学期', starts_on: '2035-02-20', ends_on: '2035-07-08' });
  ok(r.status === 201, 'sv fixture: a term', `${r.status} ${JSON.stringify(r.json)}`);
  const svT = r.json?.term?.id;
  const round = { term_id: svT, name: '督导访问测试', school_ids: [A.id, B.id] };
  for (const who of ['pra', 'aca', 'ta1', 'enf', 'inst', 'par_a']) {
    r = await call(S[who], 'POST', '/api/v1/supervision/rounds', round);
    ok(r.status === 403, `sv: ${who} may not open a round (403)`, `${r.status}`);
  }
  r = await call(S.insp, 'POST', '/api/v1/supervision/rounds', round);
  ok(r.status === 201, 'sv: the inspector opens a round of A and B', `${r.status} ${JSON.stringify(r.json)}`);
  const rid = r.json?.id;
  r = await call(admin, 'POST', '/api/v1/supervision/rounds', { ...round, school_ids: [A.id] });
  ok(r.status === 201, 'sv: the district admin opens a round of A', `${r.status}`);
  const ridA = r.json?.id;
  const item = (sc, id = 'B10.2', rd = rid) => `/api/v1/supervision/rounds/${rd}/schools/${sc}/items/${id}`;
  const side = async (sc, rd = rid) => (await call(admin, 'GET', `/api/v1/supervision/rounds/${rd}/schools/${sc}`)).json.items[28];
  for (const who of ['ta1', 'enf', 'inst', 'par_a']) {
    r = await call(S[who], 'PUT', item(A.id), { score: 'met' });
    ok(r.status === 403, `sv: ${who} may not score an item (403)`, `${r.status}`);
  }
  for (const who of ['pra', 'aca']) {
    r = await call(S[who], 'PUT', item(B.id), { score: 'met' });
    ok(r.status === 404, `sv: ${who} of A may not self-assess B (404)`, `${r.status}`);
  }
  ok((await side(B.id)).self === null, "sv: B's self-assessment is still empty", '');
  r = await call(S.aca, 'PUT', item(A.id), { score: 'partly', comment: '自评' });
  ok(r.status === 200 && r.json.item.self.score === 'partly' && r.json.item.inspector === null, "sv: A's academic office self-assesses (self side only)", `${r.status} ${JSON.stringify(r.json?.item)}`);
  r = await call(S.insp, 'PUT', item(B.id), { score: 'not_met', comment: '督导' });
  ok(r.status === 200 && r.json.item.inspector.score === 'not_met' && r.json.item.self === null, "sv: the inspector scores B (inspector side only)", `${r.status}`);
  r = await call(admin, 'PUT', item(B.id, 'B10.2', ridA), { score: 'met' });
  ok(r.status === 404, 'sv: scoring a school not in the round is refused (404)', `${r.status}`);
  r = await call(S.pra, 'PUT', item(A.id, 'B10.2', ridA), { score: 'met' });
  ok(r.status === 200, "sv: A's principal self-assesses in the round of A alone", `${r.status}`);
  // evidence of a self-assessment: the school's own managers only
  const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAACAAFUok9dAAAAAElFTkSuQmCC', 'base64');
  const evPath = (sc) => `/api/v1/supervision/rounds/${rid}/schools/${sc}/items/B10.2/evidence?name=p.png`;
  for (const who of ['admin', 'insp', 'ta1', 'enf', 'inst', 'par_a']) {
    r = await call(S[who], 'POST', evPath(A.id), png, 'application/octet-stream');
    ok(r.status === 403, `sv: ${who} may not add self-assessment evidence (403)`, `${r.status}`);
  }
  r = await call(S.pra, 'POST', evPath(B.id), png, 'application/octet-stream');
  ok(r.status === 404, "sv: the principal of A may not add evidence to B's self-assessment (404)", `${r.status}`);
  r = await call(S.aca, 'POST', evPath(A.id), png, 'application/octet-stream');
  ok(r.status === 201, "sv: A's academic office adds evidence to A's self-assessment", `${r.status} ${JSON.stringify(r.json)}`);
  const evA = r.json?.evidence?.id;
  for (const [who, sc, want] of [['insp', A.id, 200], ['pra', A.id, 200], ['pra', B.id, 404], ['ta1', A.id, 403]]) {
    r = await call(S[who], 'GET', `/api/v1/supervision/rounds/${rid}/schools/${sc}/evidence/${evA}`);
    ok(r.status === want, `sv: ${who} downloads A's evidence via school ${sc === A.id ? 'A' : 'B'} (${want})`, `${r.status}`);
  }
  ok((await side(B.id)).evidence.length === 0 && (await side(A.id)).evidence.length === 1, "sv: the evidence is A's alone", '');
  // reads
  for (const [who, sc, want] of [['admin', B.id, 200], ['insp', B.id, 200], ['pra', A.id, 200], ['pra', B.id, 404], ['aca', B.id, 404], ['ta1', A.id, 403], ['par_a', A.id, 403]]) {
    r = await call(S[who], 'GET', `/api/v1/supervision/rounds/${rid}/schools/${sc}`);
    ok(r.status === want, `sv: ${who} reads a school's assessment (${want})`, `${r.status}`);
  }
  r = await call(S.pra, 'GET', `/api/v1/supervision/rounds/${rid}`);
  ok(r.status === 200 && r.json.school_list.length === 1 && r.json.school_list[0].school_id === A.id, "sv: A's principal sees only A in the round", JSON.stringify(r.json?.school_list?.map((x) => x.school_id)));
  for (const [who, want] of [['admin', 200], ['insp', 200], ['pra', 403], ['ta1', 403]]) {
    r = await call(S[who], 'GET', `/api/v1/supervision/rounds/${rid}/dashboard`);
    ok(r.status === want, `sv: ${who} reads the dashboard (${want})`, `${r.status}`);
    r = await call(S[who], 'GET', `/api/v1/supervision/special?round_id=${rid}`);
    ok(r.status === want, `sv: ${who} reads the special-inspection list (${want})`, `${r.status}`);
  }
}
// ==== end of supervision ====

console.log(`access: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
