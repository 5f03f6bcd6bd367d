// accounts.mjs - e2e checks of the account pages: the demo principal's
// 批量开通账号 for the guardians of one class (a dry run lists N and stores
// nothing; 开通 after the dialog shows N printable slips with codes; the
// print stylesheet leaves only the slips); a parent activates on a phone at
// /activate (a wrong code shows ACTIVATION_FAILED, the slip's code signs in
// and lands on 首页), then changes the password on 我的账号; the bureau's
// 用户管理 filters by school, disables an account after a dialog (its API
// session then answers 401), resets one and shows the new code, and creates
// a 校长 with a school. Called by smoke.mjs with its helpers.

import { apiAs, rolePages, overflow } from './homework.mjs';

const PHONE = { width: 390, height: 844 };
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (401|404|409|422|429)/;

export async function accountChecks(env) {
  const { check, assert, BASE, RUN_ID } = env;
  const PW = env.ADMIN_PASS;
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);
  const provisionBody = () => ({ role: 'parent', school_id: st.sid, class_id: st.cls.id, dry_run: true });

  await check('accounts: a class of the principal\'s school whose guardians have no accounts', async () => {
    st.admin = await apiAs(BASE, 'admin', PW);
    st.principal = await apiAs(BASE, 'principal', PW);
    st.sid = (await st.principal.get('/api/v1/me')).json.user.school_id;
    const classes = (await st.principal.get('/api/v1/classes?school_id=' + st.sid + '&limit=500')).json.items;
    // The demo gives every guardian an account: the school records a second
    // guardian (a grandparent, a new phone) for six children of its last class.
    // (the last two classes: one for the slips, one for the Excel check)
    const c = classes[classes.length - 1];
    const stem = '198' + String(RUN_ID).slice(-4).padStart(4, '0');
    let csv = '学籍号,监护人姓名,关系,手机号\n';
    for (const [j, cl] of [classes[classes.length - 1], classes[classes.length - 2]].entries()) {
      const kids = (await st.principal.get('/api/v1/classes/' + cl.id)).json.students.slice(0, 6);
      csv += kids.map((k, i) => `${k.registry_no},祖母${i},祖母,${stem}${j}${String(i).padStart(3, '0')}`).join('\n') + '\n';
    }
    const imp = await st.principal.upload('/api/v1/imports/guardians', csv, 'text/csv');
    assert(imp.status === 200, 'guardian import answered ' + imp.status + ' ' + imp.text.slice(0, 200));
    const d = await st.principal.post('/api/v1/accounts/provision', { role: 'parent', school_id: st.sid, class_id: c.id, dry_run: true });
    if (d.status === 200 && d.json.created >= 2) {
      st.cls = c;
      st.n = d.json.created;
      st.existing = d.json.existing; /* the class's other guardians, who have accounts */
    }
    assert(st.cls, 'no class with guardians to provision');
    st.ready = true;
  });
  if (!st.ready) return;
  const p = await pageAs('principal', env.DESKTOP);

  await check('principal: 批量开通账号 试运行 for the parents of one class shows N and stores nothing', async () => {
    await p.goto(BASE + '/#/users');
    await p.waitForSelector('#users-table');
    await p.click('#tab-provision');
    await p.waitForSelector('#prov-form');
    assert(await p.locator('#prov-school').count() === 0, 'a principal is offered a school select');
    await p.waitForFunction((id) => [...document.querySelectorAll('#prov-class option')].some((o) => o.value === String(id)), st.cls.id);
    await p.selectOption('#prov-grade', String(st.cls.grade));
    await p.selectOption('#prov-class', String(st.cls.id));
    await p.check('#prov-role-parent');
    const [resp] = await Promise.all([p.waitForResponse((r) => r.url().endsWith('/api/v1/accounts/provision')), p.click('#prov-dry')]);
    const body = await resp.json();
    assert(resp.status() === 200 && body.dry_run === true && body.created === st.n, 'dry run answered ' + resp.status() + ' ' + JSON.stringify(body).slice(0, 200));
    const shown = await p.locator('#prov-dry-count').innerText();
    assert(shown.trim() === String(st.n), 'the page says ' + shown + ', expected ' + st.n);
    assert(await p.locator('#prov-dry-table tbody tr').count() === st.n, 'the dry-run list has not N rows');
    assert(await p.locator('.slip').count() === 0, 'a dry run shows slips');
    const again = await st.principal.post('/api/v1/accounts/provision', provisionBody());
    assert(again.json.created === st.n && again.json.existing === st.existing, 'after the dry run: ' + JSON.stringify(again.json).slice(0, 120));
  });

  await check('principal: 开通 after the dialog "将为 N 人开通账号" shows N slips with codes and the activation address', async () => {
    await p.click('#prov-run');
    await p.waitForSelector('#confirm-dialog');
    const text = await p.locator('#prov-confirm-text').innerText();
    assert(text.includes('将为 ' + st.n + ' 人开通账号'), 'the dialog says ' + JSON.stringify(text));
    const [resp] = await Promise.all([
      p.waitForResponse((r) => r.url().endsWith('/api/v1/accounts/provision') && r.request().postDataJSON().dry_run !== true),
      p.click('#confirm-ok'),
    ]);
    const body = await resp.json();
    assert(resp.status() === 200 && body.created === st.n, 'provision answered ' + resp.status());
    await p.waitForSelector('#prov-slips .slip');
    assert(await p.locator('#prov-slips .slip').count() === st.n, 'not N slips');
    assert((await p.locator('#prov-created').innerText()).trim() === String(st.n), 'created count not shown');
    st.item = body.items[0];
    st.pendingItem = body.items[1];
    const slip = p.locator(`.slip[data-username="${st.item.username}"]`);
    const slipText = await slip.innerText();
    for (const t of [st.item.code, st.item.name, st.cls.name, BASE + '/activate', st.item.expires_at.slice(0, 10), '激活码', '有效期至']) {
      assert(slipText.includes(t), 'the slip lacks ' + t);
    }
    assert((await p.locator('#prov-summary').innerText()).includes('只显示这一次'), 'no word that codes are shown once');
    const after = await st.principal.post('/api/v1/accounts/provision', provisionBody());
    assert(after.json.created === 0 && after.json.existing === st.existing + st.n, 'a dry run after: ' + JSON.stringify(after.json).slice(0, 120));
    await p.locator('#prov-summary').scrollIntoViewIfNeeded();
    await env.shot(p, 'provision-slips.png', false);
    await p.emulateMedia({ media: 'print' });
    const hidden = await p.evaluate(() => ['.topbar', '#prov-form', '#prov-summary'].map((s) => getComputedStyle(document.querySelector(s)).display));
    assert(hidden.every((d) => d === 'none'), 'print shows the chrome: ' + hidden.join(','));
    const cols = await p.evaluate(() => getComputedStyle(document.getElementById('prov-slips')).gridTemplateColumns.split(' ').length);
    assert(cols === 2, 'print has ' + cols + ' columns of slips');
    await p.evaluate(() => window.scrollTo(0, 0));
    await env.shot(p, 'provision-print.png', false);
    await p.emulateMedia({ media: 'screen' });
  });

  const parentPw = 'Parent-e2e-' + RUN_ID;
  await check('parent (phone): /activate with a wrong code shows ACTIVATION_FAILED; the slip\'s code signs in and lands on 首页', async () => {
    const a = await pageAs(null, PHONE);
    st.parentPage = a;
    await a.goto(BASE + '/activate');
    await a.waitForSelector('#activate-form');
    assert(new URL(a.url()).hash === '#/activate', 'the address became ' + a.url());
    assert(await overflow(a) <= 0, 'the activation page is wider than a phone');
    // browser-side: a short password never reaches the server
    await a.fill('#act-login', st.item.username);
    await a.fill('#act-code', 'abcd-efgh-jkmn');
    await a.fill('#act-password', 'short');
    await a.fill('#act-password2', 'short');
    await a.click('#act-submit');
    await a.waitForSelector('#act-password-error:not([hidden])');
    await a.fill('#act-password', parentPw);
    await a.fill('#act-password2', parentPw);
    const [bad] = await Promise.all([a.waitForResponse((r) => r.url().endsWith('/api/v1/activation')), a.click('#act-submit')]);
    const badBody = await bad.json();
    assert(bad.status() === 401 && badBody.error.code === 'ACTIVATION_FAILED', 'a wrong code answered ' + bad.status());
    await a.waitForSelector('#act-msg .alert-error');
    const shown = await a.locator('#act-msg').innerText();
    assert(shown.includes(badBody.error.message) && shown.includes('ACTIVATION_FAILED'), 'shown: ' + shown);
    await env.shot(a, 'activate-phone.png');
    // the code as a person may type it: upper case, spaces instead of dashes
    await a.fill('#act-code', st.item.code.toUpperCase().replace(/-/g, ' '));
    const [ok] = await Promise.all([a.waitForResponse((r) => r.url().endsWith('/api/v1/activation')), a.click('#act-submit')]);
    assert(ok.status() === 200, 'activation answered ' + ok.status() + ' ' + (await ok.text()).slice(0, 200));
    await a.waitForURL(/#\/home/);
    await a.waitForSelector('.page-home');
    const role = (await a.textContent('#user-role')) || '';
    const name = (await a.textContent('#user-name')) || '';
    assert(role.includes('家长') && name.includes(st.item.name), 'signed in as ' + name + ' ' + role);
    assert(await overflow(a) <= 0, 'home is wider than a phone');
    await env.shot(a, 'activate-home-phone.png');
  });

  await check('parent (phone): 我的账号 修改密码 works (the old password stops, the new one signs in); sign-ins listed', async () => {
    const a = st.parentPage;
    await a.click('#user-link');
    await a.waitForSelector('#password-form');
    await a.waitForSelector('#signins-table, #signins .alert');
    assert(await overflow(a) <= 0, '我的账号 is wider than a phone');
    const fresh = 'Parent-new-' + RUN_ID;
    await a.fill('#pw-current', 'not-the-password-1');
    await a.fill('#pw-new', fresh);
    await a.fill('#pw-new2', fresh);
    const [wrong] = await Promise.all([a.waitForResponse((r) => r.url().endsWith('/api/v1/me/password')), a.click('#pw-submit')]);
    assert(wrong.status() === 422, 'a wrong current password answered ' + wrong.status());
    await a.waitForSelector('#pw-current-error:not([hidden])');
    await a.fill('#pw-current', parentPw);
    const [resp] = await Promise.all([a.waitForResponse((r) => r.url().endsWith('/api/v1/me/password')), a.click('#pw-submit')]);
    assert(resp.status() === 200, 'change answered ' + resp.status());
    await a.waitForSelector('#pw-msg .alert-success');
    assert((await a.locator('#pw-msg').innerText()).includes('其他设备'), 'no word about the other devices');
    await env.shot(a, 'account-phone.png');
    const rc = await a.context().request.post(BASE + '/api/v1/session', { data: { username: st.item.username, password: parentPw } });
    assert(rc.status() === 401, 'the old password still signs in: ' + rc.status());
    await apiAs(BASE, st.item.username, fresh).then((x) => x.dispose());
  });

  await check('parent (phone): 添加孩子 with a wrong 学籍号 shows CHILD_CLAIM_FAILED; 在所有设备上退出 after a dialog ends the session', async () => {
    const a = st.parentPage;
    await a.goto(BASE + '/#/children');
    await a.waitForSelector('.child-card, .page-children .alert');
    await a.click('#claim-fold summary');
    await a.fill('#claim-regno', 'G00000000000000000');
    await a.fill('#claim-name', '不存在');
    await a.fill('#claim-phone', '12');
    await a.click('#claim-submit');
    await a.waitForSelector('#claim-phone-error:not([hidden])');
    await a.fill('#claim-phone', st.item.username);
    const [resp] = await Promise.all([a.waitForResponse((r) => r.url().endsWith('/api/v1/me/children') && r.request().method() === 'POST'), a.click('#claim-submit')]);
    const body = await resp.json();
    assert(resp.status() === 404 && body.error.code === 'CHILD_CLAIM_FAILED', 'claim answered ' + resp.status());
    await a.waitForSelector('#claim-msg .alert-error');
    assert((await a.locator('#claim-msg').innerText()).includes(body.error.message), 'the message is not shown');
    assert(await overflow(a) <= 0, '我的孩子 is wider than a phone');
    await env.shot(a, 'children-claim-phone.png', false);
    await a.goto(BASE + '/#/account');
    await a.click('#signout-all');
    await a.waitForSelector('#confirm-dialog');
    const [out] = await Promise.all([a.waitForResponse((r) => r.url().endsWith('/api/v1/me/sessions')), a.click('#confirm-ok')]);
    assert(out.status() === 200, 'sign out everywhere answered ' + out.status());
    await a.waitForURL(/#\/login/);
    await a.waitForSelector('#login-username');
    assert((await a.locator('#flash').innerText()).includes('所有设备'), 'no word on the login page');
    const me = await a.context().request.get(BASE + '/api/v1/me');
    assert(me.status() === 401, '/me answered ' + me.status() + ' after signing out everywhere');
  });

  await check('principal: 用户管理 lists the school\'s accounts without a school filter; 开通并下载 Excel saves the sheet', async () => {
    await p.goto(BASE + '/#/users');
    await p.waitForSelector('#users-table');
    assert(await p.locator('#uf-school').count() === 0, 'a principal gets the school filter');
    assert(await p.locator('#new-user-form').count() === 0, 'a principal gets the create form');
    assert(await p.locator('tr[data-username="principal"] #user-disable-' + (await p.locator('tr[data-username="principal"]').getAttribute('data-id'))).count() === 0, 'a principal may act on a principal account');
    await env.shot(p, 'users-principal.png', false);
    const classes = (await st.principal.get('/api/v1/classes?school_id=' + st.sid + '&limit=500')).json.items;
    let other = null;
    for (const c of classes.slice().reverse()) {
      if (c.id === st.cls.id) continue;
      const d = await st.principal.post('/api/v1/accounts/provision', { role: 'parent', school_id: st.sid, class_id: c.id, dry_run: true });
      if (d.json.created > 0) { other = { c, n: d.json.created }; break; }
    }
    assert(other, 'no second class to provision');
    await p.click('#tab-provision');
    await p.waitForFunction((id) => [...document.querySelectorAll('#prov-class option')].some((o) => o.value === String(id)), other.c.id);
    await p.selectOption('#prov-class', String(other.c.id));
    await p.click('#prov-xlsx');
    await p.waitForSelector('#confirm-dialog');
    assert((await p.locator('#prov-confirm-text').innerText()).includes('将为 ' + other.n + ' 人开通账号'), 'the dialog lacks the number');
    const [dl] = await Promise.all([p.waitForEvent('download'), p.click('#confirm-ok')]);
    const file = await dl.path();
    const fs = await import('node:fs');
    const buf = fs.readFileSync(file);
    assert(buf.subarray(0, 2).toString() === 'PK' && /\.xlsx$/.test(dl.suggestedFilename()), 'the download is not an .xlsx: ' + dl.suggestedFilename());
    const after = await st.principal.post('/api/v1/accounts/provision', { role: 'parent', school_id: st.sid, class_id: other.c.id, dry_run: true });
    assert(after.json.created === 0, 'the Excel run stored no accounts');
  });

  const ad = await pageAs('admin', env.DESKTOP);
  await check('admin: 用户管理 filters by school; the activated parent shows 正常, another 待激活', async () => {
    await ad.goto(BASE + '/#/users');
    await ad.waitForSelector('#uf-school option:nth-child(3)', { state: 'attached' });
    await ad.waitForSelector('#users-table');
    const [resp] = await Promise.all([
      ad.waitForResponse((r) => r.url().includes('/api/v1/users?') && r.url().includes('school_id=' + st.sid)),
      ad.selectOption('#uf-school', String(st.sid)),
    ]);
    assert(resp.status() === 200, 'filtered list answered ' + resp.status());
    await ad.waitForURL(new RegExp('school_id=' + st.sid));
    await ad.waitForSelector('#users-table');
    await ad.fill('#uf-q', st.item.username);
    await ad.press('#uf-q', 'Enter');
    await ad.waitForSelector(`tr[data-username="${st.item.username}"]`);
    assert(await ad.locator(`tr[data-username="${st.item.username}"] .user-state`).innerText() === '正常', 'the activated parent is not 正常');
    await ad.goto(BASE + '/#/users?school_id=' + st.sid + '&q=' + st.pendingItem.username);
    await ad.waitForSelector(`tr[data-username="${st.pendingItem.username}"][data-state="pending"]`);
    assert(await ad.locator(`tr[data-username="${st.pendingItem.username}"] .user-state`).innerText() === '待激活', 'a provisioned parent is not 待激活');
    await ad.goto(BASE + '/#/users?school_id=' + st.sid + '&q=' + st.item.username);
    await ad.waitForSelector(`tr[data-username="${st.item.username}"]`);
    await env.shot(ad, 'users-admin.png');
  });

  await check('admin: 停用 after a dialog; the user\'s API session then answers 401; 重置 shows a new code once', async () => {
    const sess = await apiAs(BASE, st.item.username, 'Parent-new-' + RUN_ID);
    const row = ad.locator(`tr[data-username="${st.item.username}"]`);
    const id = await row.getAttribute('data-id');
    await ad.click('#user-disable-' + id);
    await ad.waitForSelector('#confirm-dialog');
    const [resp] = await Promise.all([ad.waitForResponse((r) => r.url().endsWith('/users/' + id + '/disable')), ad.click('#confirm-ok')]);
    assert(resp.status() === 200, 'disable answered ' + resp.status());
    await ad.waitForSelector(`tr[data-username="${st.item.username}"][data-state="disabled"]`);
    const me = await sess.get('/api/v1/me');
    assert(me.status === 401, 'the disabled user\'s session answered ' + me.status);
    await sess.dispose();
    await ad.click('#user-reset-' + id);
    await ad.waitForSelector('#confirm-dialog');
    const [r2] = await Promise.all([ad.waitForResponse((r) => r.url().endsWith('/users/' + id + '/reset')), ad.click('#confirm-ok')]);
    const b2 = await r2.json();
    assert(r2.status() === 200 && b2.code, 'reset answered ' + r2.status());
    await ad.waitForSelector('#reset-code');
    assert((await ad.locator('#reset-code').innerText()).trim() === b2.code, 'the new code is not shown');
    assert((await ad.locator('#confirm-dialog').innerText()).includes('只显示这一次'), 'no word that it is shown once');
    await env.shot(ad, 'users-reset.png', false);
    await ad.click('#confirm-ok');
    await ad.waitForSelector('#confirm-dialog', { state: 'detached' });
  });

  await check('admin: the last admin cannot disable themself (USER_SELF shown with its code)', async () => {
    await ad.goto(BASE + '/#/users?q=admin&role=district_admin');
    await ad.waitForSelector('tr[data-username="admin"]');
    const id = await ad.locator('tr[data-username="admin"]').getAttribute('data-id');
    await ad.click('#user-disable-' + id);
    await ad.waitForSelector('#confirm-dialog');
    const [resp] = await Promise.all([ad.waitForResponse((r) => r.url().endsWith('/disable')), ad.click('#confirm-ok')]);
    assert(resp.status() === 422, 'self-disable answered ' + resp.status());
    await ad.waitForSelector('#confirm-msg .alert-error');
    const t = await ad.locator('#confirm-msg').innerText();
    assert(t.includes('USER_SELF') || t.includes('USER_LAST_ADMIN'), 'shown: ' + t);
    await ad.click('#confirm-cancel');
  });

  await check('admin: the create form needs a school for a 校长 (browser check) and creates one with it', async () => {
    await ad.goto(BASE + '/#/users');
    await ad.waitForSelector('#new-user-form');
    const uname = 'e2e_pr_' + RUN_ID;
    await ad.fill('#nu-username', uname);
    await ad.fill('#nu-display_name', '测试校长');
    await ad.selectOption('#nu-role', 'principal');
    await ad.waitForSelector('#nu-school_id');
    assert(await ad.isVisible('#nu-school_id'), 'no school select for a principal');
    await ad.fill('#nu-password', 'Principal-e2e-' + RUN_ID);
    await ad.fill('#nu-password2', 'Principal-e2e-' + RUN_ID);
    await ad.click('#new-user-submit');
    await ad.waitForSelector('#nu-school_id-error:not([hidden])');
    await ad.selectOption('#nu-school_id', String(st.sid));
    const [resp] = await Promise.all([ad.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'), ad.click('#new-user-submit')]);
    const b = await resp.json();
    assert(resp.status() === 201 && b.user.school_id === st.sid && b.user.role === 'principal', 'create answered ' + resp.status() + ' ' + JSON.stringify(b).slice(0, 200));
    await ad.waitForSelector('#new-user-msg .alert-success');
  });

  if (env.ADMIN_TOKEN) {
    await check('admin: 我的账号 lists the district\'s bearer token; 撤销 after a dialog stops it at once', async () => {
      const bearer = (t) => ad.context().request.get(BASE + '/api/v1/me', { headers: { Authorization: 'Bearer ' + t } });
      assert((await bearer(env.ADMIN_TOKEN)).status() === 200, 'the token does not work before');
      await ad.goto(BASE + '/#/account');
      await ad.waitForSelector('#tokens-list .token');
      const li = ad.locator('#tokens-list .token', { hasText: 'e2e-token' });
      const id = await li.getAttribute('data-id');
      await ad.click('#token-revoke-' + id);
      await ad.waitForSelector('#confirm-dialog');
      const [resp] = await Promise.all([ad.waitForResponse((r) => r.url().endsWith('/tokens/' + id + '/revoke')), ad.click('#confirm-ok')]);
      assert(resp.status() === 200, 'revoke answered ' + resp.status());
      await ad.waitForSelector(`#tokens-list .token[data-id="${id}"] .chip`);
      assert((await bearer(env.ADMIN_TOKEN)).status() === 401, 'the revoked token still works');
      await env.shot(ad, 'account-admin.png', false);
    });
  }

  await check('admin (phone): 用户管理 and 批量开通账号 fit a phone', async () => {
    const m = await pageAs('admin', PHONE);
    await m.goto(BASE + '/#/users?school_id=' + st.sid);
    await m.waitForSelector('#users-table');
    assert(await overflow(m) <= 0, '用户管理 is wider than a phone');
    await env.shot(m, 'users-phone.png', false);
    await m.goto(BASE + '/#/provision');
    await m.waitForSelector('#prov-school');
    assert(await overflow(m) <= 0, '批量开通账号 is wider than a phone');
    await env.shot(m, 'provision-phone.png', false);
  });

  await check('accounts: no script errors or unexpected console errors', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
  for (const k of ['admin', 'principal']) if (st[k]) await st[k].dispose();
}
