// xss.mjs - RELIABILITY.md "Input and output": script payloads stored in
// every free-text field users can write, then every page of every role
// opened in headless Chromium (Debian's /usr/bin/chromium), and nothing runs.
//
// The payloads go in through the API as each role would write them: names by
// import (school, alliance, staff, class, student, guardian), a user's display
// name, a term's name, a calendar note, homework title / content / edit and
// withdraw reasons / grading notes, the school's homework plan, a parent's
// report note, a follow-up's closing note, an after-school program (name,
// venue, staff, vetting), an application's extended-care reason, a session's
// content and form, its review note, an incident, a safety check, an exam
// plan's withdraw reason, a survey's name and a free-text survey answer, a
// supervision visit's note, finding, notice, the school's answer and its
// evidence file's name, a supervision round's name, a self-assessment's
// comment, an inspector's note and override reason. Then each
// demo role opens each page it may open (and the detail pages holding the
// payloads), and the public notice /gongshi/<code> is opened signed out.
//
// A page fails when window.__xss is set, a dialog opens, the CSP reports a
// violation, or an element appears that only markup from data could make
// (an on* attribute, a javascript: URL, an inline <script>, <img src=x>) —
// so an injection is caught even where the CSP would stop it running. Each
// field's payload must also be shown as text on some page.
//
//   SJ_BASE_URL, SJ_ADMIN_PASS (the demo accounts' password), SJ_CHROMIUM
// Prints "ok - …" / "not ok - …" and "xss: N passed, M failed".
import { chromium } from 'playwright-core';

const BASE = (process.env.SJ_BASE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
const PW = process.env.SJ_ADMIN_PASS || '';
const CHROMIUM = process.env.SJ_CHROMIUM || '/usr/bin/chromium';
const RUN = String(Date.now() % 1e6);

// Short enough for a 32-character name with its tag in front.
const P = {
  img: '<img src=x onerror=__xss=1>',
  script: '"><script>__xss=1</script>',
  svg: "'><svg onload=__xss=1>",
  js: 'javascript:__xss=1//',
};
const fields = []; // {tag, what, text, stored}
// onPage false: stored, but no page shows it (only exports or the API do).
function F(what, kind, onPage = true) {
  const tag = 'X' + String(fields.length).padStart(2, '0');
  const f = { tag, what, text: tag + P[kind], stored: false, onPage };
  fields.push(f);
  return f;
}

let passed = 0, failed = 0;
function report(ok, name, why) {
  if (ok) { passed++; console.log('ok - ' + name); } else { failed++; console.log('not ok - ' + name + ': ' + String(why).split('\n')[0].slice(0, 400)); }
}
async function check(name, fn) {
  try { await fn(); report(true, name); } catch (e) { report(false, name, e && e.message ? e.message : e); }
}
function assert(c, msg) { if (!c) throw new Error(msg); }
function finish() {
  console.log('xss: ' + passed + ' passed, ' + failed + ' failed');
  process.exit(failed ? 1 : 0);
}
setTimeout(() => { report(false, 'run finished in time', 'took longer than 250 s'); finish(); }, 250_000).unref();

// ---------------------------------------------------------------- API
// Sign in; the server's per-address limit (30 a minute) may answer 429 after
// the smoke test's sign-ins: wait as Retry-After says and try again.
async function signIn(username, post) {
  for (let i = 0; ; i++) {
    const r = await post();
    const st = typeof r.status === 'function' ? r.status() : r.status;
    if (st !== 429 || i === 3) return r;
    const h = typeof r.headers === 'function' ? r.headers()['retry-after'] : r.headers.get('retry-after');
    await new Promise((res) => setTimeout(res, Math.min(Number(h) || 5, 61) * 1000));
  }
}

async function api(username) {
  const r = await signIn(username, () => fetch(BASE + '/api/v1/session', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username, password: PW }) }));
  const j = await r.json();
  if (r.status !== 200) throw new Error('sign-in ' + username + ' answered ' + r.status);
  const cookie = (r.headers.get('set-cookie') || '').split(';')[0], csrf = j.csrf_token;
  const go = async (method, path, body, ctype) => {
    const headers = { Cookie: cookie };
    if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
    if (body !== undefined) headers['Content-Type'] = ctype || 'application/json';
    const res = await fetch(BASE + path, { method, headers, body: body === undefined ? undefined : ctype ? body : JSON.stringify(body) });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { json = null; }
    return { status: res.status, json, text };
  };
  return { get: (p) => go('GET', p), post: (p, b) => go('POST', p, b), put: (p, b) => go('PUT', p, b), csv: (p, t) => go('POST', p, t, 'text/csv'),
    raw: (p, b, t) => go('POST', p, b, t), user: j.user };
}
const q = (s) => '"' + String(s).replace(/"/g, '""') + '"';
// A write that stores fields: 2xx marks them stored, anything else fails the check.
async function store(r, list, what) {
  assert(r.status >= 200 && r.status < 300, what + ' answered ' + r.status + ' ' + r.text.slice(0, 200));
  for (const f of list) f.stored = true;
  return r.json;
}

// ---------------------------------------------------------------- seed
const S = {};
async function seed() {
  await check('seed: demo accounts and the records the payloads go into', async () => {
    S.admin = await api('admin');
    S.principal = await api('principal');
    S.teacher = await api('teacher');
    S.parent = await api('parent');
    S.sid = S.principal.user.school_id;
    S.school = (await S.admin.get('/api/v1/schools/' + S.sid)).json.school;
    S.staff = (await S.principal.get('/api/v1/schools/' + S.sid + '/staff')).json.items.find((x) => x.username === 'teacher');
    assert(S.staff, 'the teacher has no staff record');
    const classes = (await S.teacher.get('/api/v1/classes?limit=500')).json.items;
    S.cls = classes.find((c) => c.head_teacher_id === S.staff.id) || classes[0];
    const kids = (await S.parent.get('/api/v1/me/children')).json.items;
    S.child = kids.find((k) => k.school_id === S.sid) || kids[0];
    assert(S.cls && S.child, 'no class of the teacher or child of the parent');
    S.childClass = (await S.admin.get('/api/v1/classes/' + S.child.class_id)).json;
    S.student = S.childClass.students.find((x) => x.id === S.child.id);
    // The day: today when it is a school day, else the last school day before it.
    const today = (await S.teacher.get('/api/v1/classes/' + S.cls.id + '/homework')).json.date;
    S.today = today;
    for (let i = 0; i < 14; i++) {
      const d = new Date(Date.parse(today + 'T00:00:00Z') - i * 86400e3).toISOString().slice(0, 10);
      if ((await S.admin.get('/api/v1/calendar/' + d)).json.school_day) { S.day = d; break; }
    }
    assert(S.day, 'no school day in the last two weeks');
    S.term = (await S.admin.get('/api/v1/terms')).json.items.find((t) => t.starts_on <= S.day && S.day <= t.ends_on);
    assert(S.term, 'no term holds ' + S.day);
  });
  if (!S.term) return false;
  const { admin, principal, teacher, parent } = S;
  const code = S.school.code;

  await check('seed: names by import (school, alliance, staff, class, student, guardian)', async () => {
    const sn = F('school name', 'img'), al = F('alliance', 'svg');
    await store(await admin.csv('/api/v1/imports/schools', `学校代码,学校名称,学校类型,寄宿,联盟集团\n${code},${q(sn.text)},${S.school.kind_name},否,${q(al.text)}\n`), [sn, al], 'schools');
    const st = F('staff name', 'script');
    await store(await admin.csv('/api/v1/imports/staff', `学校代码,工号,姓名,任教学科,登录名\n${code},${S.staff.staff_no},${q(st.text)},${q(S.staff.subjects)},teacher\n`), [st], 'staff');
    const cn = F('class name', 'img');
    await store(await admin.csv('/api/v1/imports/classes', `学校代码,班级代码,年级,班级名称,班主任工号\n${code},${S.cls.code},${S.cls.grade},${q(cn.text)},${S.staff.staff_no}\n`), [cn], 'classes');
    const stu = F('student name', 'svg');
    await store(await admin.csv('/api/v1/imports/students', `学籍号,姓名,性别,学校代码,班级代码\n${S.student.registry_no},${q(stu.text)},${S.student.gender_name},${S.childClass.class.school_id === S.sid ? code : ''},${S.childClass.class.code}\n`), [stu], 'students');
    const g = F('guardian name', 'script');
    await store(await admin.csv('/api/v1/imports/guardians', `学籍号,监护人姓名,关系,手机号\n${S.student.registry_no},${q(g.text)},其他监护人,139${RUN.padStart(8, '0')}\n`), [g], 'guardians');
  });

  await check('seed: a user\'s display name, a term\'s name, a calendar note (admin)', async () => {
    const dn = F('user display name', 'img');
    S.xssUser = 'xss' + RUN;
    await store(await admin.post('/api/v1/users', { username: S.xssUser, display_name: dn.text, role: 'teacher', password: PW, school_id: S.sid }), [dn], 'user');
    const tn = F('term name', 'svg');
    const y = Number(S.term.ends_on.slice(0, 4)) + 2 + (Number(RUN) % 500); // a year no other run took
    await store(await admin.post('/api/v1/terms', { name: tn.text + ' ' + RUN.slice(-4), starts_on: y + '-03-01', ends_on: y + '-07-09' }), [tn], 'term');
    const cal = F('calendar note', 'svg');
    await store(await admin.put('/api/v1/calendar/' + y + '-03-02', { kind: 'holiday', note: cal.text }), [cal], 'calendar');
    S.calMonth = y + '-03';
  });

  await check('seed: the school\'s homework plan; homework title, content, edit and withdraw reasons, grading notes', async () => {
    const plan = F('homework plan', 'img');
    await store(await principal.put('/api/v1/schools/' + S.sid + '/homework-settings', { approval: false, plan: plan.text + '\n' + P.js }), [plan], 'plan');
    const subject = String(S.staff.subjects).split(/[、,，;；\s]+/)[0] || '语文';
    const post = async (title, content) => teacher.post('/api/v1/homework', { class_id: S.cls.id, subject, kind: 'reading', title: title.text, content: content.text, minutes: 5, assigned_on: S.day, due_on: S.day });
    const t1 = F('homework title', 'img'), c1 = F('homework content', 'script');
    S.hw = (await store(await post(t1, c1), [t1, c1], 'post')).item;
    const gn = F('grading notes', 'svg');
    await store(await teacher.post('/api/v1/homework/' + S.hw.id + '/grading', { method: 'teacher', reviewed: true, notes: gn.text }), [gn], 'grading');
    // issue 12: a 课标抽查 note (shown on 课标抽查 only when the item is in that week's sample)
    const dn = F('difficulty review note', 'script', false);
    await store(await principal.post('/api/v1/homework/' + S.hw.id + '/difficulty-review', { within_standard: false, note: dn.text }), [dn], 'difficulty review');
    const t2 = F('edited homework title', 'svg'), c2 = F('edited homework content', 'js'), er = F('edit reason', 'img');
    const h2 = (await store(await post(F('homework title before edit', 'js'), F('content before edit', 'img', false)), [fields.at(-1), fields.at(-2)], 'post 2')).item;
    await store(await teacher.put('/api/v1/homework/' + h2.id, { subject, kind: 'reading', title: t2.text, content: c2.text, minutes: 5, due_on: S.day, reason: er.text }), [t2, c2, er], 'edit');
    const wr = F('withdraw reason', 'script');
    const h3 = (await store(await post(F('withdrawn homework title', 'script'), F('withdrawn homework content', 'svg')), [fields.at(-1), fields.at(-2)], 'post 3')).item;
    await store(await teacher.post('/api/v1/homework/' + h3.id + '/withdraw', { reason: wr.text }), [wr], 'withdraw');
  });

  await check('seed: a parent\'s report note and a follow-up\'s closing note', async () => {
    const rn = F('report note', 'img');
    await store(await parent.post('/api/v1/homework-reports', { student_id: S.child.id, date: S.day, minutes: 20, finished: false, reason: 'other', note: rn.text }), [rn], 'report');
    const open = (await principal.get('/api/v1/homework-followups?status=open')).json.items || [];
    if (open.length) {
      const fn = F('follow-up note', 'svg');
      await store(await principal.post('/api/v1/homework-followups/' + open[0].id + '/close', { note: fn.text }), [fn], 'close');
    }
  });

  await check('seed: an after-school program, application, session, review, incident, handover and safety check', async () => {
    const pn = F('program name', 'script'), ve = F('venue', 'img'), ps = F('program staff', 'svg', false), vo = F('volunteer', 'img', false), vt = F('vetting', 'script', false);
    const wd = new Date(S.day + 'T00:00:00Z').getUTCDay() || 7;
    S.program = await store(await principal.post('/api/v1/afterschool/programs', { school_id: S.sid, term_id: S.term.id, name: pn.text, category: 'homework',
      grades: [S.child.grade], capacity: 50, days: [wd], start: '15:30', end: '17:30', venue: ve.text,
      staff: [{ name: ps.text, type: 'teacher', staff_id: S.staff.id }, { name: vo.text, type: 'volunteer', vetting: vt.text, vetted_on: S.day }],
      apply_until: S.today }), [pn, ve, ps, vo, vt], 'program');
    const apps = (await parent.get('/api/v1/afterschool/applications?term_id=' + S.term.id)).json.items || [];
    for (const a of apps.filter((x) => x.student_id === S.child.id && x.status !== 'withdrawn')) await parent.post('/api/v1/afterschool/applications/' + a.id + '/withdraw', {});
    const xr = F('extended-care reason', 'svg');
    await store(await parent.post('/api/v1/afterschool/applications', { student_id: S.child.id, term_id: S.term.id, choices: [S.program.id], extended_care: true,
      extended_reason: xr.text, alone_consent: true, voluntary: true }), [xr], 'apply');
    await store(await principal.post('/api/v1/schools/' + S.sid + '/afterschool-allocation', { term_id: S.term.id }), [], 'allocation');
    await store(await principal.post('/api/v1/afterschool/programs/' + S.program.id + '/sessions', { from: S.day, to: S.day }), [], 'sessions');
    const ss = (await principal.get(`/api/v1/afterschool/programs/${S.program.id}/sessions?from=${S.day}&to=${S.day}`)).json.items;
    assert(ss && ss.length, 'no session on ' + S.day);
    S.session = ss[0].id;
    const sc = F('session content', 'img'), sf = F('session form', 'script');
    await store(await teacher.post('/api/v1/afterschool/sessions/' + S.session + '/attendance', { records: [{ student_id: S.child.id, status: 'present', homework_done: true }],
      content: sc.text + ' 讲授新课', form: sf.text, no_new_lesson: true }), [sc, sf], 'attendance');
    const rv = F('review note', 'svg');
    await store(await principal.post('/api/v1/afterschool/sessions/' + S.session + '/review', { outcome: 'confirmed', note: rv.text }), [rv], 'review');
    const id = F('incident description', 'img'), ia = F('incident action', 'script');
    await store(await teacher.post('/api/v1/afterschool/sessions/' + S.session + '/incidents', { kind: 'other', occurred_at: '16:00', description: id.text, action: ia.text,
      student_id: S.child.id, guardian_notified: true }), [id, ia], 'incident');
    const roster = (await teacher.get('/api/v1/afterschool/sessions/' + S.session)).json.roster.find((x) => x.student_id === S.child.id);
    const g = roster.guardians.find((x) => x.name.startsWith('X'));
    assert(g, 'the imported guardian is not on the roster');
    await store(await teacher.post('/api/v1/afterschool/sessions/' + S.session + '/handover', { records: [{ student_id: S.child.id, state: 'guardian', guardian_id: g.id }] }), [], 'handover');
    const sv = F('safety venue', 'svg'), si = F('safety issues', 'img'), sa = F('safety action', 'script');
    await store(await principal.post('/api/v1/schools/' + S.sid + '/afterschool-safety-checks', { venue: sv.text, day: S.day,
      items: { exits: true, fire: false, electrical: true, facilities: true, hygiene: true }, issues: si.text, action: sa.text }), [sv, si, sa], 'safety check');
  });

  // ---- public reports and teacher ethics: the public's own words reach the bureau and the school ----
  await check('seed: a public report (target, text, contact), its routing note, answer and an ethics record', async () => {
    const rt = F('report target', 'img'), rx = F('report text', 'script'), rc = F('report contact', 'svg');
    const r = await fetch(BASE + '/public/v1/reports', { method: 'POST', headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ target_kind: 'teacher', target: rt.text, text: rx.text, contact: rc.text, school_id: S.sid }) });
    const filed = await store({ status: r.status, text: '', json: await r.json() }, [rt, rx, rc], 'report');
    S.rcode = filed.receipt_code;
    S.report = (await S.admin.get('/api/v1/reports?q=' + encodeURIComponent(rt.tag))).json.items[0].id;
    const rn = F('report routing note', 'img'), rr = F('report reply', 'script'), rf = F('report finding', 'svg');
    await store(await S.admin.post('/api/v1/reports/' + S.report + '/route', { to: 'school', school_id: S.sid, note: rn.text }), [rn], 'route');
    await store(await S.admin.post('/api/v1/reports/' + S.report + '/answer', { outcome: 'partly', reply: rr.text, finding: rf.text }), [rr, rf], 'answer');
    const ef = F('ethics finding', 'img'), en = F('ethics evidence note', 'script');
    await store(await S.principal.post('/api/v1/ethics', { staff_id: S.staff.id, finding: ef.text, evidence_note: en.text }), [ef, en], 'ethics');
  });

  await check('seed: an institution application with payloads (issue 13, part A)', async () => {
    const op = await api('institution');
    const tn = F('institution name', 'img'), ta = F('institution address', 'script'), tl = F('licence number', 'svg');
    const tc = F('course name', 'img'), ts = F('institution staff name', 'script'), tx = F('certificate number', 'svg');
    const A = '0123456789ABCDEFGHJKLMNPQRTUWXY', W = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    const c17 = '91140212' + String(900000000 + Number(RUN)).slice(0, 9);
    const code = c17 + A[(31 - ([...c17].reduce((t, ch, i) => t + A.indexOf(ch) * W[i], 0) % 31)) % 31];
    const r = await store(await op.post('/api/v1/institutions/applications', { name: tn.text, credit_code: code, licence_no: tl.text,
      address: ta.text, category: 'arts', serves: ['primary'], courses: [{ name: tc.text, category: 'arts', grades: [1, 6], fee: '100', lessons: 10, months: 1 }],
      staff: [{ name: ts.text, qualification: 'skill', certificate_no: tx.text }] }), [tn, ta, tl, tc, ts, tx], 'institution application');
    S.inst = r.institution_id;
  });
  // ---- exams (issue 14, part EX): a plan withdrawn with a payload as its reason ----
  await check('seed: an exam plan withdrawn with a payload reason', async () => {
    const plans = (await S.principal.get('/api/v1/schools/' + S.sid + '/exams?status=live&term_id=' + S.term.id)).json.items;
    assert(plans.length > 0, 'no live exam plan in the term');
    const xr = F('exam withdraw reason', 'svg');
    await store(await S.principal.post('/api/v1/exams/' + plans[0].id + '/withdraw', { reason: xr.text }), [xr], 'exam withdraw');
  });

  await check('seed: a school\'s phone rules with payloads (issue 14, part CK)', async () => {
    const pk = F('phone rules: where kept', 'img'), pc = F('phone rules: calls home', 'script'), pn = F('phone rules: note', 'svg');
    await store(await S.principal.put('/api/v1/schools/' + S.sid + '/phone-rules', { handed_in: true, kept: pk.text, calls: pc.text, note: pn.text }),
      [pk, pc, pn], 'phone rules');
  });
  // ---- satisfaction surveys (issue 15, part SD): a survey's name, a free-text answer ----
  await check('seed: a survey named with a payload, a student questionnaire answered with payload words', async () => {
    const sn = F('survey name', 'svg');
    const today = new Date(Date.now() + 8 * 3600e3).toISOString().slice(0, 10);
    const terms = (await S.admin.get('/api/v1/terms')).json.items;
    const term = terms.find((t) => t.starts_on <= today && today <= t.ends_on) || terms[terms.length - 1];
    const r = await store(await S.admin.post('/api/v1/surveys', { name: sn.text, groups: ['parent', 'student', 'teacher'], school_id: S.sid,
      term_id: term.id, opens: today, closes: today }), [sn], 'survey');
    S.survey = r.item.id;
    // the district's student survey (the demo's, with enough answers to show its words)
    const open = (await S.parent.get('/api/v1/me/surveys')).json.items;
    const sv = open.find((x) => x.school_id === null && x.to_answer.some((t) => t.group === 'student' && !t.answered && t.student_id === S.child.id));
    assert(sv, 'no open district student survey for the child');
    const sw = F('survey answer words', 'img');
    await store(await S.parent.post('/api/v1/surveys/' + sv.id + '/answers', { group: 'student', student_id: S.child.id,
      answers: { s1: 5, s2: 4, s3: 4, s4: 5, s5: 4, s6: sw.text } }), [sw], 'survey answer');
    S.surveyDistrict = sv.id;
  });
  // ---- supervision visits and notices (issue 15, part SC): a visit's note, a
  // finding, a notice, the school's answer and an evidence file's name ----
  await check('seed: a supervision visit, finding, notice, answer and evidence name with payloads', async () => {
    const insp = await api('inspector');
    const ids = (await insp.get('/api/v1/supervision/inspectors')).json.items.map((u) => u.id).slice(0, 1);
    const vn = F('supervision visit note', 'img'), ft = F('supervision finding', 'script'), nt = F('rectification notice', 'svg');
    const an = F('rectification answer', 'script'), ev = F('rectification evidence name', 'img');
    const v = await store(await insp.post('/api/v1/supervision/visits', { school_id: S.sid, visit_on: S.day, inspector_ids: ids, note: vn.text }), [vn], 'sv visit');
    S.svVisit = v.visit.id;
    await store(await insp.post('/api/v1/supervision/visits/' + S.svVisit + '/findings', { item_id: 'B10.2', text: ft.text }), [ft], 'sv finding');
    const n = await store(await insp.post('/api/v1/supervision/notices', { visit_id: S.svVisit, items: ['B10.2'], text: nt.text }), [nt], 'sv notice');
    S.svNotice = n.notice.id;
    await store(await S.principal.post('/api/v1/supervision/notices/' + S.svNotice + '/answer', { text: an.text }), [an], 'sv answer');
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAACAAFUok9dAAAAAElFTkSuQmCC', 'base64');
    await store(await S.principal.raw('/api/v1/supervision/notices/' + S.svNotice + '/evidence?name=' + encodeURIComponent(ev.text), png, 'application/octet-stream'), [ev], 'sv evidence');
  });
  // ---- supervision (issue 15, part SA): a round's name, a self-assessment's comment, an inspector's note and reason ----
  await check('seed: a supervision round, self-assessment and score with payloads', async () => {
    const rn = F('supervision round name', 'img'), sc = F('self-assessment comment', 'script'),
      ic = F('inspector comment', 'svg'), ir = F('inspector reason', 'img');
    const r = await store(await S.admin.post('/api/v1/supervision/rounds', { term_id: S.term.id, name: rn.text, school_ids: [S.sid] }), [rn], 'supervision round');
    S.svRound = r.id;
    const path = `/api/v1/supervision/rounds/${S.svRound}/schools/${S.sid}/items/B10.2`;
    await store(await S.principal.put(path, { score: 'met', comment: sc.text }), [sc], 'self-assessment');
    await store(await S.admin.put(path, { score: 'partly', comment: ic.text, reason: ir.text }), [ic, ir], 'inspector score');
  });
  return true;
}

// ---------------------------------------------------------------- pages
const SCHOOL_VIEWERS = ['district_admin', 'inspector', 'principal', 'academic_office'];
const ORG_READERS = [...SCHOOL_VIEWERS, 'teacher', 'parent'];
const OFFICE = ['principal', 'academic_office'];
const BUREAU = ['district_admin', 'inspector'];
// web/app.js ROUTES: name -> who may open it (null: any signed-in user).
const ROUTES = {
  home: null, schools: SCHOOL_VIEWERS, 'my-classes': ['teacher'], children: ['parent'], homework: ['teacher'], 'hw-estimates': ['teacher'],
  'child-homework': ['parent'], 'hw-stats': SCHOOL_VIEWERS, 'hw-pending': ['teacher', ...OFFICE], 'hw-followups': ['teacher', ...OFFICE],
  'hw-settings': OFFICE, afterschool: SCHOOL_VIEWERS, 'as-plan': OFFICE, 'as-programs': OFFICE, 'as-applications': OFFICE,
  'as-sessions': OFFICE, 'as-safety': OFFICE, 'as-hours': OFFICE, 'as-alerts': OFFICE, 'as-today': ['teacher'], 'as-apply': ['parent'],
  'as-district': BUREAU, calendar: null, import: ['district_admin', ...OFFICE], policy: null, audit: BUREAU, users: ['district_admin'],
  reports: [...BUREAU, 'enforcement', ...OFFICE], ethics: [...BUREAU, ...OFFICE], 'my-ethics': ['teacher'], 'report-issue': ['parent'],
  'ti-apply': ['institution'], ti: [...BUREAU, 'enforcement'],
  exams: [...SCHOOL_VIEWERS, 'teacher'], 'exam-district': BUREAU,
  'hw-difficulty': ['teacher', ...OFFICE], // issue 12
  checkins: ['parent'], fm: [...BUREAU, ...OFFICE], 'fm-district': BUREAU,
  surveys: SCHOOL_VIEWERS, 'my-surveys': ['parent', 'teacher'],
  'sv-visits': [...BUREAU, ...OFFICE], 'sv-notices': [...BUREAU, ...OFFICE], 'sv-overdue': BUREAU, // part SC
  sv: SCHOOL_VIEWERS, 'sv-dashboard': BUREAU, 'sv-special': BUREAU,
};
const ACCOUNTS = [['admin', 'district_admin'], ['inspector', 'inspector'], ['enforcement', 'enforcement'], ['principal', 'principal'],
  ['academic', 'academic_office'], ['teacher', 'teacher'], ['parent', 'parent'], ['institution', 'institution']];

/** The supervision round seeded with payloads: its page and the school's result. */
const svPages = () => (S.svRound ? [`sv/${S.svRound}`, `sv-school?round=${S.svRound}&school=${S.sid}`] : []);

function pagesFor(role) {
  const out = Object.entries(ROUTES).filter(([, r]) => !r || r.includes(role)).map(([n]) => n);
  const t = '?term=' + S.term.id, d = 'date=' + S.day;
  const extra = {
    district_admin: [`schools/${S.sid}`, `schools/${S.sid}?tab=staff`, `classes/${S.cls.id}`, `classes/${S.child.class_id}`, `hw-stats?school_id=${S.sid}`, 'users?q=xss', `calendar?month=${S.calMonth}`, 'as-district' + t,
      `report/${S.report}`, `ethics?school_id=${S.sid}`, `fm?school_id=${S.sid}`, ...svPages(), `sv-score?round=${S.svRound}&school=${S.sid}&item=B10.2`, `sv-dashboard?round=${S.svRound}`],
    inspector: [`schools/${S.sid}`, `classes/${S.cls.id}`, `hw-stats?school_id=${S.sid}`, 'as-district' + t, ...svPages(),
      `survey/${S.survey}`, `survey/${S.surveyDistrict}`,
      `sv-visits/${S.svVisit}`, `sv-notices/${S.svNotice}`, `sv-visits?school_id=${S.sid}`,
      `sv-score?round=${S.svRound}&school=${S.sid}&item=B10.2`, `sv-dashboard?round=${S.svRound}`, `sv-special?round=${S.svRound}`],
    principal: [`schools/${S.sid}?tab=staff`, `schools/${S.sid}?tab=roles`, `classes/${S.cls.id}`, `classes/${S.child.class_id}`, 'hw-followups?status=closed', 'afterschool' + t,
      'as-programs' + t, 'as-applications' + t, 'as-sessions' + t, 'as-safety' + t, 'as-hours' + t, `as-session/${S.session}`, `report/${S.report}`,
      'exams' + t, `sv-visits/${S.svVisit}`, `sv-notices/${S.svNotice}`, ...svPages()],
    academic_office: [`as-session/${S.session}`, 'as-safety' + t, ...svPages()],
    teacher: [`classes/${S.cls.id}`, `homework?class=${S.cls.id}&${d}`, `as-today?${d}`, `as-session/${S.session}`, 'hw-followups?status=closed'],
    parent: [`classes/${S.child.class_id}`, `child-homework?${d}`, 'as-apply' + t],
    enforcement: [`ti/${S.inst}`, 'ti?status=pending'],
  }[role] || [];
  return [...out, ...extra];
}

async function main() {
  if (!PW) { report(false, 'configuration', 'SJ_ADMIN_PASS is not set'); finish(); }
  if (!(await seed())) finish();
  const stored = fields.filter((f) => f.stored);
  console.log(`# xss: ${stored.length} fields hold a payload; day ${S.day}, school ${S.sid}, class ${S.cls.id}, child ${S.child.id}, session ${S.session}`);

  const browser = await chromium.launch({ executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'] });
  const seen = new Set();
  const visit = async (username, role, paths) => {
    const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
    await ctx.addInitScript(() => {
      const bad = [];
      const csp = [];
      window.__sjBad = bad;
      window.__sjCsp = csp;
      document.addEventListener('securitypolicyviolation', (e) => csp.push(e.violatedDirective + ' ' + e.blockedURI));
      const flag = (el) => {
        if (!el || el.nodeType !== 1) return;
        for (const e of [el, ...el.querySelectorAll('*')]) {
          const t = e.tagName.toLowerCase();
          if (t === 'script' && !(e.src && new URL(e.src, location.href).origin === location.origin)) bad.push('inline <script>');
          if (t === 'img' && e.getAttribute('src') === 'x') bad.push('<img src=x>');
          if (['iframe', 'object', 'embed', 'frame'].includes(t)) bad.push('<' + t + '>');
          for (const a of e.attributes) {
            if (/^on/i.test(a.name)) bad.push(`<${t} ${a.name}>`);
            if (/^(href|src|action|formaction|xlink:href|data)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) bad.push(`<${t} ${a.name}=javascript:>`);
          }
        }
      };
      new MutationObserver((ms) => {
        for (const m of ms) {
          if (m.type === 'attributes') flag(m.target);
          for (const n of m.addedNodes) flag(n);
        }
      }).observe(document, { subtree: true, childList: true, attributes: true });
    });
    const problems = [];
    let inflight = 0;
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    page.on('dialog', (dl) => { problems.push('a dialog opened: ' + dl.message()); dl.dismiss().catch(() => {}); });
    page.on('request', () => inflight++);
    page.on('requestfinished', () => inflight--);
    page.on('requestfailed', () => inflight--);
    if (username) {
      const r = await signIn(username, () => ctx.request.post(BASE + '/api/v1/session', { data: { username, password: PW } }));
      if (r.status() !== 200) throw new Error('browser sign-in ' + username + ' answered ' + r.status());
    }
    for (const p of paths) {
      const url = p.startsWith('/') ? BASE + p : BASE + '/#/' + p;
      await page.goto(url);
      // Settled: no request in flight and no "正在加载" for 250 ms (at most 6 s).
      const t0 = Date.now();
      let quiet = 0;
      while (Date.now() - t0 < 6000 && quiet < 5) {
        await page.waitForTimeout(50);
        const busy = inflight > 0 || (await page.locator('.loading').count()) > 0;
        quiet = busy ? 0 : quiet + 1;
      }
      const r = await page.evaluate(() => ({
        xss: window.__xss, bad: window.__sjBad.splice(0), csp: window.__sjCsp.splice(0),
        text: document.body.textContent + '\n' + [...document.querySelectorAll('input, textarea')].map((e) => e.value).join('\n'),
      }));
      if (r.xss !== undefined) problems.push(`${p}: window.__xss = ${JSON.stringify(r.xss)}`);
      if (r.bad.length) problems.push(`${p}: markup from data: ${[...new Set(r.bad)].join(', ')}`);
      if (r.csp.length) problems.push(`${p}: CSP violation: ${r.csp.join(', ')}`);
      for (const f of stored) if (r.text.includes(f.text)) seen.add(f.tag);
    }
    await ctx.close();
    report(problems.length === 0, `${role}: ${paths.length} pages show the stored payloads and nothing ran`, problems.join(' | '));
  };
  for (const [u, role] of ACCOUNTS) {
    try { await visit(u, role, pagesFor(role)); } catch (e) { report(false, `${role}: pages`, e.message); }
  }
  try { await visit(S.xssUser, 'teacher named with a payload', ['home', 'calendar', 'policy', `calendar?month=${S.calMonth}`]); } catch (e) { report(false, 'teacher named with a payload', e.message); }
  try {
    const code = S.cls.public_code || (await S.admin.get('/api/v1/classes/' + S.cls.id)).json.class.public_code;
    await visit(null, 'public notice /gongshi/<code> (signed out)', [`/gongshi/${code}`, `/gongshi/${code}?date=${S.day}`, '/#/login']);
    await visit(null, 'public report page /jubao (signed out)', ['/jubao', `/jubao?code=${S.rcode}`]);
  } catch (e) { report(false, 'public notice', e.message); }
  await browser.close();

  for (const f of stored.filter((x) => x.onPage)) report(seen.has(f.tag), `shown as text: ${f.what} (${JSON.stringify(f.text)})`, 'not shown on any page opened');
  const off = stored.filter((x) => !x.onPage && !seen.has(x.tag)).map((x) => x.what);
  if (off.length) console.log('# xss: stored but on no page (the API and exports only): ' + off.join(', '));
  finish();
}
main().catch((e) => { report(false, 'run', e.stack || e); finish(); });
