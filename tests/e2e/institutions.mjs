// institutions.mjs - e2e checks of the institution registry (issue 13, part
// A): the operator applies through 机构备案与审批 (a wrong credit code is
// caught on the page and nothing is sent; a fee above the prepayment cap is
// warned), the district admin approves it from the review queue of 校外培训机构
// after ticking every checklist item, and the public lookup page (/jigou)
// finds it on the 白名单 without signing in. Screenshots at 390 px and
// 1280 px, no sideways overflow on the phone. Called by smoke.mjs.

import { apiAs, rolePages, overflow } from './homework.mjs';

const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409|422)/;
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** A valid GB 32100 code for this run: 91 140212 + 9 digits + the check character. */
function creditCode(n) {
  const s = '91140212' + String(n % 1e9).padStart(9, '0');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(s[i]) * WEIGHTS[i];
  return s + ALPHABET[(31 - (sum % 31)) % 31];
}

export async function institutionChecks(env) {
  const { check, assert, shot, BASE } = env;
  const PW = env.ADMIN_PASS;
  const tag = String(env.RUN_ID).slice(-6);
  const name = '新荣区星辰' + tag + '体育俱乐部';
  const code = creditCode(env.RUN_ID);
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);

  const op = await pageAs('institution', env.DESKTOP);
  await check('institutions: the operator\'s page offers the application form', async () => {
    st.api = await apiAs(BASE, 'admin', PW);
    const pending = (await (await apiAs(BASE, 'institution', PW)).get('/api/v1/institutions/applications?status=pending')).json.items;
    assert(pending.length === 0, 'the demo operator already has a pending application');
    await op.goto(BASE + '/#/ti-apply');
    await op.waitForSelector('#ti-apply-form', { state: 'attached' });
    // an operator that already runs an institution opens the form first
    if (await op.locator('#ti-apply-more').count()) await op.click('#ti-apply-more summary');
    await op.waitForSelector('#ti-apply-form');
    st.ready = true;
  });
  if (!st.ready) return;

  await check('institutions: a wrong check character is caught on the page and nothing is stored', async () => {
    await op.fill('#ti-name', name);
    await op.fill('#ti-code', code.slice(0, 17) + (code[17] === '0' ? '1' : '0'));
    await op.fill('#ti-licence', '教民140212' + tag);
    await op.fill('#ti-address', '大同市新荣区新荣路' + (Number(tag) % 300) + '号');
    await op.selectOption('#ti-category', 'sports');
    await op.check('#ti-serves-primary');
    const row = op.locator('#ti-apply-courses .ti-row').first();
    await row.locator('[data-key="name"]').fill('篮球整期班');
    await row.locator('[data-key="fee"]').fill('5000.01');
    await row.locator('[data-key="lessons"]').fill('40');
    await row.locator('[data-key="months"]').fill('3');
    await op.click('#ti-apply-submit');
    await op.waitForSelector('#ti-apply-msg .alert-error');
    const text = await op.textContent('#ti-apply-msg');
    assert(/校验位/.test(text), 'message: ' + text);
    const list = (await st.api.get('/api/v1/institutions?q=' + encodeURIComponent(name))).json.items;
    assert(list.length === 0, 'stored: ' + list.length);
  });

  await check('institutions: the operator applies; ¥5000.01 is warned (TI_PREPAY_CAP) and the status is 待审批', async () => {
    await op.fill('#ti-code', code);
    await op.click('#ti-apply-submit');
    await op.waitForSelector('#ti-warnings');
    const w = await op.textContent('#ti-warnings');
    assert(/TI_PREPAY_CAP/.test(w) && /5000/.test(w), 'warning: ' + w);
    const apps = await op.textContent('#ti-apps');
    assert(apps.includes(name) && apps.includes('待审批'), 'applications: ' + apps.slice(0, 200));
    await shot(op, 'ti-apply.png');
    await op.setViewportSize(env.MOBILE);
    const over = await overflow(op);
    assert(over <= 0, 'the operator page is ' + over + 'px wider than a 390px phone');
    await shot(op, 'ti-apply-mobile.png');
    await op.setViewportSize(env.DESKTOP);
    st.applied = true;
  });

  const adm = await pageAs('admin', env.DESKTOP);
  await check('institutions: the district admin approves it from the review queue after the checklist', async () => {
    assert(st.applied, 'not applied');
    await adm.goto(BASE + '/#/ti');
    await adm.waitForSelector('#ti-queue-list');
    await adm.waitForSelector('#ti-table');
    const li = adm.locator('#ti-queue-list li', { hasText: name });
    await shot(adm, 'ti-bureau.png');
    const phone = await pageAs('admin', env.MOBILE);
    await phone.goto(BASE + '/#/ti');
    await phone.waitForSelector('#ti-table');
    await phone.waitForTimeout(300);
    const over = await overflow(phone);
    assert(over <= 0, 'the bureau page is ' + over + 'px wider than a 390px phone');
    await shot(phone, 'ti-bureau-mobile.png');
    await li.locator('button', { hasText: '批准' }).first().click();
    await adm.waitForSelector('#confirm-dialog');
    await adm.click('#confirm-ok');
    await adm.waitForSelector('#confirm-msg .alert-error');
    const refused = await adm.textContent('#confirm-msg');
    assert(/逐项核对/.test(refused), 'without the checklist: ' + refused);
    for (const c of await adm.locator('#confirm-dialog .ti-checklist input').all()) await c.check();
    await adm.click('#confirm-ok');
    await adm.waitForSelector('#ti-msg .alert-success');
    const app = (await st.api.get('/api/v1/institutions/applications?status=approved')).json.items.find((a) => a.name === name);
    assert(app, 'not approved on the server');
    st.approved = true;
  });

  const pub = await pageAs(null, env.MOBILE);
  await check('institutions: the public page finds it on the 白名单 (phone, no sign-in)', async () => {
    assert(st.approved, 'not approved');
    await pub.goto(BASE + '/jigou');
    await pub.waitForSelector('#jg-q');
    await pub.fill('#jg-q', '星辰' + tag);
    await pub.click('#jg-go');
    await pub.waitForSelector('#jg-list li');
    const text = await pub.textContent('#jg-list');
    assert(text.includes(name) && text.includes(code) && text.includes('已审批'), 'list: ' + text.slice(0, 200));
    const over = await overflow(pub);
    assert(over <= 0, 'the public page is ' + over + 'px wider than a 390px phone');
    await shot(pub, 'jigou-mobile.png');
    await pub.click('#jg-tab-black');
    await pub.waitForSelector('#jg-results .alert, #jg-list li');
    await shot(pub, 'jigou-black-mobile.png');
    await pub.setViewportSize(env.DESKTOP);
    await pub.click('#jg-tab-white');
    await pub.waitForSelector('#jg-list li');
    await shot(pub, 'jigou.png');
  });

  await check('institutions: the operator sees 已审批 and can keep its staff current', async () => {
    await op.goto(BASE + '/#/home');
    await op.goto(BASE + '/#/ti-apply');
    await op.waitForSelector('#ti-staff-form');
    const apps = await op.textContent('#ti-apps');
    assert(apps.includes('已审批'), 'applications: ' + apps.slice(0, 200));
    const row = op.locator('#ti-edit-staff .ti-row').first();
    await row.locator('[data-key="name"]').fill('王晓东');
    await row.locator('[data-key="certificate_no"]').fill('20141402000123');
    await op.click('#ti-staff-form-save');
    await op.waitForSelector('#ti-operator .alert-success');
    await shot(op, 'ti-apply-approved.png');
  });

  await check('institutions: no console errors on these pages', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
}
