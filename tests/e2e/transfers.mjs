// transfers.mjs - e2e checks of 转学与调动: the demo principal asks, through
// the page, to take a child of another school into one of their classes (a
// wrong name first: refused with TRANSFER_NOT_FOUND shown, nothing stored);
// the request shows 待确认 with 撤销 and no 确认 for the asking side; the
// bureau confirms it in the dialog and the child is then in the chosen
// class. Phone width without overflow. Called by smoke.mjs with its helpers.

import { apiAs, rolePages, overflow } from './homework.mjs';

const PHONE = { width: 390, height: 844 };
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409|422)/;

export async function transferChecks(env) {
  const { check, assert, BASE } = env;
  const PW = env.ADMIN_PASS;
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);

  await check('transfers: a child of another school and a class of the principal\'s school', async () => {
    st.admin = await apiAs(BASE, 'admin', PW);
    st.principal = await apiAs(BASE, 'principal', PW);
    st.sid = (await st.principal.get('/api/v1/me')).json.user.school_id;
    const other = (await st.admin.get('/api/v1/school-directory')).json.items.find((s) => s.id !== st.sid);
    const cls = (await st.admin.get('/api/v1/classes?school_id=' + other.id + '&limit=1')).json.items[0];
    st.child = (await st.admin.get('/api/v1/classes/' + cls.id)).json.students[0];
    assert(st.child && st.child.registry_no, 'no child in school ' + other.id);
    st.other = other;
    st.ready = true;
  });
  if (!st.ready) return;
  const p = await pageAs('principal', env.DESKTOP);

  await check('principal: 转学 with a wrong name is refused (TRANSFER_NOT_FOUND shown) and nothing is stored', async () => {
    const before = (await st.admin.get('/api/v1/transfers?status=&limit=500')).json.items.length;
    await p.goto(BASE + '/#/transfers');
    await p.waitForSelector('#transfer-form');
    await p.selectOption('#tr-direction', 'in');
    await p.fill('#tr-code', st.child.registry_no);
    await p.fill('#tr-name', st.child.name + '甲');
    await p.waitForFunction(() => document.querySelectorAll('#tr-class option').length > 1);
    await p.selectOption('#tr-class', { index: 1 });
    await p.fill('#tr-reason', '随父母工作调动');
    const [resp] = await Promise.all([p.waitForResponse((r) => r.url().endsWith('/api/v1/transfers') && r.request().method() === 'POST'), p.click('#tr-submit')]);
    const body = await resp.json();
    assert(resp.status() === 404 && body.error.code === 'TRANSFER_NOT_FOUND', 'answered ' + resp.status());
    assert((await p.innerText('#tr-msg')).includes(body.error.message), 'the server\'s message is not shown');
    const after = (await st.admin.get('/api/v1/transfers?status=&limit=500')).json.items.length;
    assert(after === before, 'a refused request was stored');
  });

  await check('principal: 转学 into the school is asked; it shows 待确认 with 撤销 and no 确认 for the asking side', async () => {
    await p.fill('#tr-name', st.child.name);
    const [resp] = await Promise.all([p.waitForResponse((r) => r.url().endsWith('/api/v1/transfers') && r.request().method() === 'POST'), p.click('#tr-submit')]);
    const body = await resp.json();
    assert(resp.status() === 201 && body.side === 'to', 'answered ' + resp.status() + ' ' + JSON.stringify(body));
    st.id = body.id;
    st.classId = body.to.class_id;
    await p.waitForSelector('#tr-msg .alert-success');
    await p.waitForSelector(`#transfers-table tr[data-id="${st.id}"]`);
    assert(await p.locator('#tr-cancel-' + st.id).count() === 1, 'no 撤销 for the asking side');
    assert(await p.locator('#tr-confirm-' + st.id).count() === 0, 'the asking side is offered 确认');
    await env.shot(p, 'transfers.png');
  });

  await check('bureau: 确认 in the dialog moves the child into the chosen class; the page fits a phone', async () => {
    const a = await pageAs('admin', PHONE);
    await a.goto(BASE + '/#/transfers');
    await a.waitForSelector('#tr-confirm-' + st.id);
    assert(await overflow(a) <= 0, 'the page is wider than a phone');
    await env.shot(a, 'transfers-phone.png');
    await a.click('#tr-confirm-' + st.id);
    await a.waitForSelector('#confirm-dialog');
    const [resp] = await Promise.all([a.waitForResponse((r) => r.url().includes('/confirm')), a.click('#confirm-ok')]);
    assert(resp.status() === 200, 'confirm answered ' + resp.status());
    const cls = (await st.admin.get('/api/v1/classes/' + st.classId)).json;
    assert(cls.students.some((s) => s.registry_no === st.child.registry_no), 'the child is not in the chosen class');
    await a.waitForSelector(`#transfers-table tr[data-id="${st.id}"]`, { state: 'detached' });
  });

  await check('transfers: no script errors or unexpected console errors', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
  for (const k of ['admin', 'principal']) if (st[k]) await st[k].dispose();
}
