// accounts.mjs - accounts for a whole district, on a fresh install (run by
// access.sh after access.mjs, on SQLite and PostgreSQL): provisioning from
// the records (dry run, scope, idempotence, one account per guardian phone),
// activation (one answer for every wrong code, the password rules, a code
// works once, lockout), one's own password and sessions, a parent adding a
// child (all three fields, rate limit), the lifecycle (edit, disable,
// enable, reset; not oneself, not the last administrator) and tokens. Every
// refusal is followed by a read showing nothing changed.
// Usage: node accounts.mjs BASE_URL ADMIN_PASSWORD
const [base, adminPw] = process.argv.slice(2);
let passed = 0, failed = 0;
const ok = (c, name, why = '') => { if (c) { passed++; console.log(`ok - ${name}`); } else { failed++; console.log(`not ok - ${name}\n    ${why}`); } };
const PW = 'accounts-test-password-1';
const NEWPW = 'a-brand-new-password-2';
const j = (x) => JSON.stringify(x);

async function raw(method, path, { cookie, csrf, body, ctype = 'application/json' } = {}) {
  const headers = {};
  if (cookie) headers.Cookie = cookie;
  if (csrf && method !== 'GET') headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = ctype;
  const r = await fetch(base + path, { method, headers, body: body === undefined ? undefined : (ctype === 'application/json' ? j(body) : body) });
  const buf = Buffer.from(await r.arrayBuffer());
  let json; try { json = JSON.parse(buf.toString()); } catch { json = undefined; }
  return { status: r.status, json, buf, headers: r.headers };
}
const sessionOf = (r) => ({ cookie: (r.headers.get('set-cookie') || '').split(';')[0], csrf: r.json?.csrf_token });
async function signIn(username, password) {
  const r = await raw('POST', '/api/v1/session', { body: { username, password } });
  return r.status === 200 ? sessionOf(r) : { status: r.status, json: r.json };
}
const call = (s, method, path, body, ctype) => raw(method, path, { ...s, body, ctype });
const activate = (login, code, password) => raw('POST', '/api/v1/activation', { body: { login, code, password } });

const admin = await signIn('admin', adminPw);
const csv = (kind, text) => call(admin, 'POST', `/api/v1/imports/${kind}`, text, 'text/csv');

// ---- the fixture: two schools of their own ----
let r = await csv('schools', '学校代码,学校名称,学校类型,寄宿,联盟集团\nAC1,开通一校,小学,否,\nAC2,开通二校,小学,否,\n');
ok(r.status === 200, 'fixture: schools AC1, AC2', j(r.json));
const dir = (await call(admin, 'GET', '/api/v1/school-directory')).json.items;
const S1 = dir.find((s) => s.code === 'AC1').id, S2 = dir.find((s) => s.code === 'AC2').id;
r = await csv('staff', '学校代码,工号,姓名,任教学科\nAC1,ACK1,开一老师,语文\nAC1,ACK2,开二老师,数学\nAC1,ACK3,开三老师,英语\nAC2,ACK9,开九老师,语文\n');
ok(r.status === 200, 'fixture: 3 staff in AC1, 1 in AC2', j(r.json));
r = await csv('classes', '学校代码,班级代码,年级,班级名称,班主任工号\nAC1,X1,3,三年级（1）班,ACK1\nAC1,X2,4,四年级（1）班,\nAC2,Y1,3,三年级（1）班,ACK9\n');
r = await csv('teaching', '学校代码,班级代码,学科,工号\nAC1,X2,数学,ACK2\n');
r = await csv('students', '学籍号,姓名,性别,学校代码,班级代码\nAS1,一号,男,AC1,X1\nAS2,二号,女,AC1,X2\nAS3,三号,男,AC2,Y1\n');
r = await csv('guardians', '学籍号,监护人姓名,关系,手机号\nAS1,一号父,父亲,13900000001\nAS2,二号母,母亲,13900000002\nAS3,二号母,母亲,13900000002\nAS3,三号父,父亲,13900000003\nAS1,一号母,母亲,13900000004\n');
ok(r.status === 200, 'fixture: guardians (13900000002 has a child in each school)', j(r.json));
const classes = (await call(admin, 'GET', `/api/v1/classes?school_id=${S1}`)).json.items;
const X1 = classes.find((c) => c.code === 'X1').id;
for (const [username, role, school_id] of [['pac1', 'principal', S1], ['pac2', 'principal', S2], ['tac', 'teacher', S1], ['admin2', 'district_admin']]) {
  r = await call(admin, 'POST', '/api/v1/users', { username, display_name: username, role, password: PW, ...(school_id ? { school_id } : {}) });
  if (r.status !== 201) ok(false, `fixture: user ${username}`, j(r.json));
}
const P1 = await signIn('pac1', PW), P2 = await signIn('pac2', PW), TAC = await signIn('tac', PW);
const usersLike = async (q) => { const x = await call(admin, 'GET', `/api/v1/users?q=${q}&limit=200`); if (x.status !== 200) console.log('# users?q=' + q + ' answered ' + x.status + ' ' + j(x.json)); return x.json?.items ?? []; };
const prov = (s, body) => call(s, 'POST', '/api/v1/accounts/provision', body);

// ---- provisioning ----
r = await prov(P1, { role: 'teacher', school_id: S1, dry_run: true });
ok(r.status === 200 && r.json.created === 3 && r.json.dry_run === true && r.json.items.every((x) => x.code === null && x.user_id === null), 'dry run: the 3 staff of AC1 would get accounts, no codes', j(r.json));
ok((await usersLike('ack')).length === 0, '...and no account was made');
r = await prov(P1, { role: 'teacher', school_id: S1, grade: 3 });
const k1 = r.json?.items?.[0];
ok(r.status === 200 && r.json.created === 1 && k1?.username === 'ack1' && k1.class === '三年级（1）班' && k1.school === '开通一校' && /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/.test(k1.code) && k1.expires_at, 'grade 3: the head teacher ACK1 gets ack1 with a one-time code and its expiry', j(r.json));
r = await prov(P1, { role: 'teacher', school_id: S1 });
ok(r.status === 200 && r.json.created === 2 && r.json.existing === 1, 'the whole school again: only the 2 new staff (idempotent), 1 existing', j(r.json));
const k2 = r.json.items.find((x) => x.username === 'ack2');
r = await prov(P1, { role: 'teacher', school_id: S1 });
ok(r.status === 200 && r.json.created === 0 && r.json.existing === 3 && r.json.items.length === 0, 'a third run adds nobody', j(r.json));
r = await prov(P1, { role: 'teacher', school_id: S2 });
ok(r.status === 404, 'a principal cannot provision another school (404)', r.status);
ok((await usersLike('ack9')).length === 0, '...and ACK9 has no account');
r = await prov(TAC, { role: 'teacher', school_id: S1 });
ok(r.status === 403, 'a teacher cannot provision (403)', r.status);
r = await prov(P1, { role: 'parent', school_id: S1, class_id: (await call(admin, 'GET', `/api/v1/classes?school_id=${S2}`)).json.items[0].id });
ok(r.status === 422 && r.json.error.details.field === 'class_id', 'a class of another school is refused (field class_id)', j(r.json));
r = await prov(P1, { role: 'institution', school_id: S1 });
ok(r.status === 422, 'only teacher or parent accounts are provisioned', r.status);
r = await prov(P1, { role: 'parent', school_id: S1, class_id: X1 });
ok(r.status === 200 && r.json.created === 2 && r.json.items.every((x) => ['13900000001', '13900000004'].includes(x.username)), "class X1: its two guardians, each by phone", j(r.json));
const g1 = r.json.items.find((x) => x.username === '13900000001');
r = await prov(P1, { role: 'parent', school_id: S1 });
ok(r.status === 200 && r.json.created === 1 && r.json.items[0].username === '13900000002', 'the rest of AC1: the guardian of AS2', j(r.json));
const g2 = r.json.items[0];
r = await prov(P2, { role: 'parent', school_id: S2 });
ok(r.status === 200 && r.json.created === 1 && r.json.existing === 1 && r.json.items[0].username === '13900000003', 'AC2: one guardian is new; the one with a child in each school already has the one account', j(r.json));
r = await call(P1, 'POST', '/api/v1/accounts/provision.xlsx', { role: 'teacher', school_id: S1, dry_run: true });
ok(r.status === 200 && r.buf.subarray(0, 2).toString() === 'PK' && /spreadsheetml/.test(r.headers.get('content-type')), 'the sheet comes as .xlsx', `${r.status} ${r.headers.get('content-type')}`);
r = await call(admin, 'GET', '/api/v1/audit?action=accounts.provision&limit=50');
ok(r.status === 200 && r.json.items.length === 6 && !j(r.json).includes(k1.code), 'each of the 6 real runs is audited (an empty one too), without codes; dry runs are not', `${r.json?.items?.length}`);

// a school's office lists exactly its school's accounts: its own, its staff's, its children's guardians'
r = await call(P1, 'GET', '/api/v1/users?limit=200');
ok(r.status === 200 && r.json.items.map((x) => x.username).sort().join() === ['ack1', 'ack2', 'ack3', 'pac1', 'tac', '13900000001', '13900000002', '13900000004'].sort().join() && r.json.items.every((x) => x.pending === (!['pac1', 'tac'].includes(x.username))),
  "a principal's 用户管理 lists exactly AC1's accounts, the pending ones marked", j(r.json?.items?.map((x) => [x.username, x.pending])));
r = await call(P1, 'GET', `/api/v1/users?school_id=${S2}&limit=200`);
ok(r.status === 200 && !r.json.items.some((x) => x.username === '13900000003' || x.username === 'pac2'), '...and asking for AC2 still gives AC1 only', j(r.json?.items?.map((x) => x.username)));

// ---- activation ----
const weak = await activate('ack1', k1.code, '123');
ok(weak.status === 422 && weak.json.error.code === 'PASSWORD_WEAK', 'a password that breaks the rules is refused (PASSWORD_WEAK)', j(weak.json));
const bad = await activate('ack1', 'aaaa-bbbb-cccc', NEWPW);
const unknown = await activate('nobody-here', k1.code, NEWPW);
const other = await activate('ack2', k1.code, NEWPW);
ok(bad.status === 401 && bad.json.error.code === 'ACTIVATION_FAILED', 'a wrong code answers 401 ACTIVATION_FAILED', j(bad.json));
ok(unknown.status === 401 && unknown.json.error.code === 'ACTIVATION_FAILED' && unknown.json.error.message === bad.json.error.message, 'an unknown login answers the same', j(unknown.json));
ok(other.status === 401 && other.json.error.message === bad.json.error.message, "another person's code answers the same", j(other.json));
ok((await signIn('ack1', NEWPW)).status === 401, '...and none of them set a password');
r = await activate('ACK1', k1.code.toUpperCase().replace(/-/g, ' '), NEWPW);
ok(r.status === 401, 'the login is the user name as given (ACK1 is not ack1)', r.status);
r = await activate('ack1', k1.code.toUpperCase().replace(/-/g, ' '), NEWPW);
ok(r.status === 200 && r.json.user.username === 'ack1' && r.json.csrf_token && /sj_session=/.test(r.headers.get('set-cookie') || ''), 'the right code (any case, any separators) activates and signs in', j(r.json));
const K1 = sessionOf(r);
r = await call(K1, 'GET', '/api/v1/me');
ok(r.status === 200 && r.json.user.role === 'teacher' && r.json.user.school_id === S1, '...as the teacher of AC1', j(r.json));
r = await activate('ack1', k1.code, 'yet-another-password-3');
ok(r.status === 401 && r.json.error.code === 'ACTIVATION_FAILED', 'a used code answers 401 ACTIVATION_FAILED', j(r.json));
ok(!(await signIn('ack1', NEWPW)).status, '...and the password set is the one that signs in');
r = await activate('13900000001', g1.code, NEWPW);
ok(r.status === 200 && r.json.user.role === 'parent', 'a parent activates with the phone as login', j(r.json));
const G1 = sessionOf(r);
r = await call(G1, 'GET', '/api/v1/me/children');
ok(r.status === 200 && r.json.items.map((x) => x.registry_no).join() === 'AS1', "...and sees their child", j(r.json));
for (let i = 0; i < 5; i++) await activate('ack2', 'zzzz-zzzz-zzzz', NEWPW);
r = await activate('ack2', k2.code, NEWPW);
ok(r.status === 429 && r.json.error.code === 'AUTH_LOCKED', 'after 5 wrong codes even the right one is refused (429 AUTH_LOCKED)', j(r.json));
for (let i = 0; i < 5; i++) await activate('no-such-login', 'zzzz-zzzz-zzzz', NEWPW);
r = await activate('no-such-login', 'zzzz-zzzz-zzzz', NEWPW);
ok(r.status === 429 && r.json.error.code === 'AUTH_LOCKED', 'an unknown login locks the same way (no way to tell names apart)', j(r.json));

// ---- one's own account ----
const K1b = await signIn('ack1', NEWPW);
r = await call(K1, 'PUT', '/api/v1/me/password', { current_password: 'wrong-password-xx', new_password: 'a-third-password-33' });
ok(r.status === 422 && r.json.error.code === 'PASSWORD_WRONG', 'a wrong current password is refused (PASSWORD_WRONG)', j(r.json));
r = await call(K1, 'PUT', '/api/v1/me/password', { current_password: NEWPW, new_password: 'short' });
ok(r.status === 422 && r.json.error.code === 'PASSWORD_WEAK', 'a weak new password is refused (PASSWORD_WEAK)', j(r.json));
ok(!(await signIn('ack1', NEWPW)).status, '...the password is unchanged');
r = await call(K1, 'PUT', '/api/v1/me/password', { current_password: NEWPW, new_password: 'a-third-password-33' });
ok(r.status === 200, 'the password is changed', j(r.json));
ok((await call(K1, 'GET', '/api/v1/me')).status === 200, '...this session goes on');
ok((await call(K1b, 'GET', '/api/v1/me')).status === 401, '...every other session ended');
ok((await signIn('ack1', NEWPW)).status === 401 && !(await signIn('ack1', 'a-third-password-33')).status, '...only the new password signs in');
r = await call(K1, 'GET', '/api/v1/me/signins');
ok(r.status === 200 && r.json.items.length >= 3 && r.json.items.some((x) => x.result === 'wrong_password') && r.json.items.some((x) => x.way === 'activation' && x.result === 'ok'), 'the account sees its last sign-ins, failures and the activation included', j(r.json?.items?.slice(0, 4)));
r = await call(K1, 'DELETE', '/api/v1/me/sessions');
ok(r.status === 200 && (await call(K1, 'GET', '/api/v1/me')).status === 401, 'sign out everywhere ends this session too', r.status);

// ---- a parent adds a child ----
const claim = (body) => call(G1, 'POST', '/api/v1/me/children', body);
r = await claim({ registry_no: 'AS2', name: '二号', phone: '13900000001' });
ok(r.status === 404 && r.json.error.code === 'CHILD_CLAIM_FAILED', "another family's phone does not link (CHILD_CLAIM_FAILED)", j(r.json));
r = await claim({ registry_no: 'AS2', name: '二号', phone: '13900000002' });
ok(r.status === 404 && r.json.error.code === 'CHILD_CLAIM_FAILED', "a guardian record that has its own account does not link", j(r.json));
r = await csv('guardians', '学籍号,监护人姓名,关系,手机号\nAS2,二号祖母,祖母,13900000005\n');
r = await claim({ registry_no: 'AS2', name: '三号', phone: '13900000005' });
ok(r.status === 404 && r.json.error.code === 'CHILD_CLAIM_FAILED', 'a wrong child name does not link', j(r.json));
r = await claim({ registry_no: 'AS9', name: '二号', phone: '13900000005' });
ok(r.status === 404, 'a wrong 学籍号 does not link', r.status);
ok((await call(G1, 'GET', '/api/v1/me/children')).json.items.length === 1, '...still one child');
r = await claim({ registry_no: 'AS2', name: '二号', phone: '13900000005' });
ok(r.status === 200 && r.json.items.map((x) => x.registry_no).sort().join() === 'AS1,AS2', 'all three right: AS2 is linked', j(r.json));
r = await call(admin, 'GET', '/api/v1/audit?action=child.claim&limit=20');
ok(r.status === 200 && r.json.items.filter((x) => x.result === 'failed').length === 4 && r.json.items.some((x) => x.result === 'ok'), 'claims are audited, failures too', j(r.json?.items?.map((x) => x.result)));
r = await claim({ registry_no: 'AS3', name: '三号', phone: '13900000009' });
r = await claim({ registry_no: 'AS3', name: '三号', phone: '13900000003' });
ok(r.status === 429 && r.json.error.code === 'CHILD_CLAIM_LOCKED', 'the fifth failure in 15 minutes locks claiming (429), even with a right answer next', j(r.json));
r = await call(P1, 'POST', '/api/v1/me/children', { registry_no: 'AS1', name: '一号', phone: '13900000001' });
ok(r.status === 403, 'only parents add children (403)', r.status);

// ---- the lifecycle ----
const idOf = async (username) => (await usersLike(username)).find((x) => x.username === username)?.id;
const K2id = await idOf('ack2'), K1id = await idOf('ack1'), P2id = await idOf('pac2'), adminId = await idOf('admin'), G3id = await idOf('13900000003');
const A2id = await idOf('admin2'), TACid = await idOf('tac');
r = await call(P1, 'PATCH', `/api/v1/users/${K1id}`, { display_name: '开一老师（改）' });
ok(r.status === 200 && r.json.user.display_name === '开一老师（改）', "a principal renames their school's teacher", j(r.json));
r = await call(P1, 'PATCH', `/api/v1/users/${K1id}`, { role: 'principal' });
ok(r.status === 403, '...but cannot change a role (403)', r.status);
r = await call(P1, 'POST', `/api/v1/users/${G3id}/disable`, {});
ok(r.status === 404, "...nor reach a guardian of another school (404)", r.status);
r = await call(P1, 'POST', `/api/v1/users/${P2id}/reset`, {});
ok(r.status === 404, "...nor the other school's principal (404)", r.status);
r = await call(TAC, 'POST', `/api/v1/users/${K1id}/disable`, {});
ok(r.status === 403, 'a teacher cannot disable anyone (403)', r.status);
const K1c = await signIn('ack1', 'a-third-password-33');
r = await call(P1, 'POST', `/api/v1/users/${K1id}/disable`, {});
ok(r.status === 200 && r.json.disabled === true, 'the principal disables ack1', j(r.json));
ok((await call(K1c, 'GET', '/api/v1/me')).status === 401, "...ack1's session stops at once");
ok((await signIn('ack1', 'a-third-password-33')).status === 401, '...and ack1 cannot sign in');
r = await call(P1, 'POST', `/api/v1/users/${K1id}/enable`, {});
ok(r.status === 200 && r.json.disabled === false && !(await signIn('ack1', 'a-third-password-33')).status, 'enabled again, ack1 signs in', j(r.json));
r = await call(P1, 'POST', `/api/v1/users/${K1id}/reset`, {});
ok(r.status === 200 && /^[a-z0-9]{4}-/.test(r.json.code) && r.json.pending === true, 'a reset gives a new activation code', j(r.json));
const reset = r.json.code;
ok((await signIn('ack1', 'a-third-password-33')).status === 401, '...the old password no longer works');
r = await activate('ack1', reset, 'after-reset-password-4');
ok(r.status === 200, '...and the new code activates', j(r.json));
r = await call(P1, 'POST', `/api/v1/users/${K2id}/reset`, {});
const old = r.json.code;
r = await call(P1, 'POST', `/api/v1/users/${K2id}/reset`, {});
ok((await activate('ack2', old, NEWPW)).status !== 200, 'reissuing kills the old code');
r = await call(admin, 'POST', `/api/v1/users/${adminId}/disable`, {});
ok(r.status === 422 && r.json.error.code === 'USER_SELF', 'nobody disables themselves (USER_SELF)', j(r.json));
const admin2 = await signIn('admin2', PW);
r = await call(admin2, 'POST', `/api/v1/users/${adminId}/disable`, {});
ok(r.status === 200, 'a second administrator may disable the first', r.status);
ok((await call(admin, 'GET', '/api/v1/me')).status === 401, "...whose session ends at once");
r = await call(admin2, 'PATCH', `/api/v1/users/${A2id}`, { role: 'inspector' });
ok(r.status === 422 && r.json.error.code === 'USER_LAST_ADMIN', '...but not leave the district without one (USER_LAST_ADMIN)', j(r.json));
r = await call(admin2, 'POST', `/api/v1/users/${adminId}/enable`, {});
ok(r.status === 200 && !(await signIn('admin', adminPw)).status, 'the first administrator is enabled again');
r = await call(admin2, 'PATCH', `/api/v1/users/${P2id}`, { role: 'principal', school_id: 0 });
ok(r.status === 422 && r.json.error.details.field === 'school_id', 'a principal needs a school (field school_id)', j(r.json));
r = await call(admin2, 'PATCH', `/api/v1/users/${TACid}`, { role: 'academic_office', school_id: S2 });
ok(r.status === 200 && r.json.user.role === 'academic_office' && r.json.user.school_id === S2, 'the bureau changes a role and school', j(r.json));

// ---- tokens ----
const admin3 = await signIn('admin', adminPw);
r = await call(admin3, 'GET', '/api/v1/tokens');
ok(r.status === 200 && Array.isArray(r.json.items), 'the administrator lists the tokens', j(r.json));
r = await call(G1, 'GET', '/api/v1/tokens');
ok(r.status === 200 && r.json.items.length === 0, "a parent lists only their own (none)", j(r.json));
r = await call(G1, 'POST', '/api/v1/tokens/999999/revoke', {});
ok(r.status === 404, 'revoking a token that is not yours answers 404', r.status);

// ---- leaving: a withdrawn staff record disables its account; a child who leaves is no longer seen ----
{
  const A = await signIn('admin', adminPw);
  const staff = (await call(A, 'GET', `/api/v1/schools/${S1}/staff`)).json.items;
  const k1id = staff.find((x) => x.staff_no === 'ACK1').id;
  const K1now = await signIn('ack1', 'after-reset-password-4');
  ok(!K1now.status, 'fixture: ack1 signs in');
  r = await call(P2, 'POST', `/api/v1/staff/${k1id}/leave`, { reason: '调离' });
  ok(r.status === 404, "another school's principal cannot end ACK1's post (404)", r.status);
  r = await call(P1, 'POST', `/api/v1/staff/${k1id}/leave`, {});
  ok(r.status === 400 || r.status === 422, 'leaving needs a reason', r.status);
  ok((await call(K1now, 'GET', '/api/v1/me')).status === 200, '...ack1 still works after the refusals');
  r = await call(P1, 'POST', `/api/v1/staff/${k1id}/leave`, { reason: '退休' });
  ok(r.status === 200, 'the principal records that ACK1 left (离职)', j(r.json));
  ok((await call(K1now, 'GET', '/api/v1/me')).status === 401, "...ack1's session stops at once");
  ok((await signIn('ack1', 'after-reset-password-4')).status === 401, '...and ack1 can no longer sign in');
  ok(!(await call(A, 'GET', `/api/v1/schools/${S1}/staff`)).json.items.some((x) => x.staff_no === 'ACK1'), '...nor is ACK1 in the staff list');
  r = await call(A, 'GET', `/api/v1/classes/${X1}`);
  ok(r.status === 200 && !r.json.head_teacher_name, '...and X1 has no head teacher now', j(r.json?.head_teacher_name));
  r = await call(P1, 'POST', `/api/v1/staff/${k1id}/leave`, { reason: '再次' });
  ok(r.status === 404, 'leaving twice answers 404', r.status);
  const kid = (await call(A, 'GET', `/api/v1/classes/${X1}`)).json.students.find((x) => x.registry_no === 'AS1').id;
  ok((await call(G1, 'GET', '/api/v1/me/children')).json.items.some((x) => x.registry_no === 'AS1'), 'before: the parent sees AS1');
  r = await call(P2, 'POST', `/api/v1/students/${kid}/leave`, { reason: '出国' });
  ok(r.status === 404, "another school cannot take AS1 off its roll (404)", r.status);
  r = await call(P1, 'POST', `/api/v1/students/${kid}/leave`, { reason: '随家长出国' });
  ok(r.status === 200, 'the principal records that AS1 left (离校)', j(r.json));
  r = await call(G1, 'GET', '/api/v1/me/children');
  ok(r.status === 200 && !r.json.items.some((x) => x.registry_no === 'AS1') && r.json.items.some((x) => x.registry_no === 'AS2'), "the guardian's access to AS1 ends; AS2 stays", j(r.json));
  r = await call(G1, 'GET', `/api/v1/classes/${X1}`);
  ok(r.status === 404, '...and X1 is no longer theirs to read (404)', r.status);
  r = await call(A, 'GET', '/api/v1/audit?action=student.leave&limit=5');
  ok(r.status === 200 && r.json.items.length === 1 && r.json.items[0].details.reason === '随家长出国', 'the leave is audited with its reason', j(r.json?.items?.[0]));
}

// ---- every new write path refuses a teacher and a parent, and stores nothing ----
{
  const A = await signIn('admin', adminPw);
  r = await call(A, 'POST', '/api/v1/users', { username: 'tac2', display_name: 'tac2', role: 'teacher', password: PW, school_id: S1 });
  const T2 = await signIn('tac2', PW);
  const x2 = (await call(A, 'GET', `/api/v1/classes?school_id=${S1}`)).json.items.find((c) => c.code === 'X2').id;
  const as2 = (await call(A, 'GET', `/api/v1/classes/${x2}`)).json.students.find((x) => x.registry_no === 'AS2').id;
  const k2staff = (await call(A, 'GET', `/api/v1/schools/${S1}/staff`)).json.items.find((x) => x.staff_no === 'ACK2').id;
  const snapshot = async () => j([
    (await call(A, 'GET', `/api/v1/classes/${x2}`)).json.students.map((x) => x.registry_no).sort(),
    (await call(A, 'GET', `/api/v1/schools/${S1}/staff`)).json.items.map((x) => x.staff_no).sort(),
    (await call(A, 'GET', '/api/v1/users?q=ack2')).json.items.map((x) => [x.display_name, x.disabled, x.pending]),
    (await call(A, 'GET', '/api/v1/users?limit=200')).json.items.length,
    (await call(A, 'GET', '/api/v1/transfers?status=&limit=500')).json.items.length,
  ]);
  const before = await snapshot();
  const writes = [
    ['POST', '/api/v1/accounts/provision', { role: 'parent', school_id: S1 }],
    ['POST', '/api/v1/transfers', { kind: 'student', code: 'AS2', name: '二号', to_school_id: S2, reason: '越权' }],
    ['POST', `/api/v1/students/${as2}/leave`, { reason: '越权' }],
    ['POST', `/api/v1/staff/${k2staff}/leave`, { reason: '越权' }],
    ['PATCH', `/api/v1/users/${K2id}`, { display_name: '越权' }],
    ['POST', `/api/v1/users/${K2id}/disable`, {}],
    ['POST', `/api/v1/users/${K2id}/reset`, {}],
  ];
  for (const [who, sess] of [['teacher of AC1', T2], ['parent', G1]]) {
    for (const [method, path, body] of writes) {
      r = await call(sess, method, path, body);
      ok(r.status === 403, `${who}: ${method} ${path.replace(/\d+/g, '{id}')} answers 403`, `${r.status} ${j(r.json)}`);
    }
  }
  ok((await snapshot()) === before, '...and nothing was stored: the class, the staff, ack2, the accounts and the transfers are as they were');
}

console.log(`accounts: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
