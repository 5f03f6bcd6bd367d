// svvisits.mjs - e2e checks of 督导检查 and 整改通知 (issue 15, part SC): the
// inspector opens the visit plan for a school from a link (#/sv-visits?
// school_id=, as the special-inspection list links to it), plans the visit,
// records a finding on B10.2 with a photo and issues a notice with the
// pack's default deadline; the principal answers it with evidence; the
// overdue list (the demo's) and the export; a re-visit closes the notice and
// the school can no longer answer it (409 SV_NOTICE_CLOSED). Screenshots at
// 1280 px and 390 px, no sideways overflow on the phone, print hides the
// controls. Called by smoke.mjs.

import { apiAs, rolePages, overflow } from './homework.mjs';

const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409|422)/;
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAACAAFUok9dAAAAAElFTkSuQmCC', 'base64');

export async function svVisitChecks(env) {
  const { check, assert, shot, BASE } = env;
  const PW = env.ADMIN_PASS;
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);

  const insp = await pageAs('inspector', env.DESKTOP);
  await check('sv: #/sv-visits?school_id=1 opens the plan for that school; the visit is planned', async () => {
    st.iapi = await apiAs(BASE, 'inspector', PW);
    await insp.goto(BASE + '/#/sv-visits?school_id=1');
    await insp.waitForSelector('#sv-plan-form');
    assert(await insp.inputValue('#sv-plan-school') === '1', 'school not preselected');
    await insp.waitForSelector('#sv-visits-table');
    await shot(insp, 'sv-visits.png');
    await insp.click('#sv-plan-save');
    await insp.waitForURL(/#\/sv-visits\/\d+/);
    st.visit = Number(insp.url().match(/sv-visits\/(\d+)/)[1]);
    await insp.waitForSelector('#sv-finding-form');
  });

  await check('sv: a finding on B10.2 with a photo, then a notice with the default deadline', async () => {
    await insp.selectOption('#sv-f-item', 'B10.2');
    await insp.fill('#sv-f-text', '<img src=x onerror=alert(1)>三年级书面作业超时');
    await insp.click('#sv-f-save');
    await insp.waitForSelector('#sv-findings li');
    const v = (await st.iapi.get('/api/v1/supervision/visits/' + st.visit)).json.visit;
    st.finding = v.findings[0].id;
    await insp.setInputFiles('#sv-ev-' + st.finding + '-file', { name: '现场.png', mimeType: 'image/png', buffer: PNG });
    await insp.click('#sv-ev-' + st.finding + '-send');
    await insp.waitForSelector('#sv-ev-' + st.finding + '-list li');
    assert(await insp.inputValue('#sv-n-days') === '30', 'default days: ' + await insp.inputValue('#sv-n-days'));
    await insp.click('#sv-n-save');
    await insp.waitForSelector('#sv-visit-notices');
    const n = (await st.iapi.get('/api/v1/supervision/visits/' + st.visit)).json.visit.notices[0];
    st.notice = n.id;
    assert(n.items[0].id === 'B10.2' && n.status === 'open', JSON.stringify(n));
    await shot(insp, 'sv-visit.png');
    await insp.setViewportSize(env.MOBILE);
    const over = await overflow(insp);
    assert(over <= 0, 'the visit record is ' + over + 'px wider than a 390px phone');
    await shot(insp, 'sv-visit-mobile.png');
    await insp.setViewportSize(env.DESKTOP);
  });

  const head = await pageAs('principal', env.DESKTOP);
  await check('sv: the principal answers the notice with evidence', async () => {
    await head.goto(BASE + '/#/sv-notices');
    await head.waitForSelector('#sv-notices-table');
    await head.goto(BASE + '/#/sv-notices/' + st.notice);
    await head.waitForSelector('#sv-answer-form');
    await head.fill('#sv-a-text', '<script>alert(3)</script>已召开专题会，调整作业总量');
    await head.click('#sv-a-save');
    await head.waitForSelector('#sv-answer');
    await head.setInputFiles('#sv-nev-file', { name: '整改.png', mimeType: 'image/png', buffer: PNG });
    await head.click('#sv-nev-send');
    await head.waitForSelector('#sv-nev-list li');
    const text = await head.textContent('#sv-answer');
    assert(text.includes('<script>alert(3)</script>'), 'answer shown as text: ' + text);
    await shot(head, 'sv-notice-school.png');
    await head.setViewportSize(env.MOBILE);
    const over = await overflow(head);
    assert(over <= 0, 'the notice page is ' + over + 'px wider than a 390px phone');
    await shot(head, 'sv-notice-school-mobile.png');
    await head.setViewportSize(env.DESKTOP);
  });

  await check('sv: the overdue list (demo notices) and the export', async () => {
    await insp.goto(BASE + '/#/sv-overdue');
    await insp.waitForSelector('#sv-overdue-table');
    const rows = await insp.locator('#sv-overdue-table tbody tr').count();
    const n = (await st.iapi.get('/api/v1/supervision/notices/overdue')).json.count;
    assert(rows === n && n > 0, rows + ' rows for ' + n + ' overdue notices');
    await shot(insp, 'sv-overdue.png');
    await insp.goto(BASE + '/#/sv-notices?overdue=1');
    await insp.waitForSelector('#sv-notices-table');
    const href = await insp.getAttribute('#sv-export', 'href');
    const x = await insp.request.get(BASE + href);
    assert(x.status() === 200 && /spreadsheetml/.test(x.headers()['content-type']), 'export answered ' + x.status());
  });

  await check('sv: a re-visit closes the notice; the school can no longer answer (409)', async () => {
    await insp.goto(BASE + '/#/sv-notices/' + st.notice);
    await insp.waitForSelector('#sv-plan-revisit');
    await insp.click('#sv-plan-revisit');
    await insp.waitForSelector('#sv-plan-form');
    assert(await insp.inputValue('#sv-plan-school') === '1', 'the re-visit form names the school');
    await insp.click('#sv-plan-save');
    await insp.waitForURL(/#\/sv-visits\/\d+/);
    await insp.waitForSelector('#sv-close-form');
    await insp.selectOption('#sv-c-result', 'rectified');
    await insp.click('#sv-c-save');
    await insp.waitForFunction(() => !document.querySelector('#sv-close-form') && /已复查销号/.test(document.body.textContent));
    const n = (await st.iapi.get('/api/v1/supervision/notices/' + st.notice)).json.notice;
    assert(n.status === 'closed' && n.close.result === 'rectified', JSON.stringify(n));
    await head.goto(BASE + '/#/sv-notices');
    await head.waitForSelector('#sv-notices-table');
    await head.goto(BASE + '/#/sv-notices/' + st.notice);
    await head.waitForSelector('#sv-close');
    assert(!(await head.isVisible('#sv-answer-form')), 'the answer form shows on a closed notice');
    const papi = await apiAs(BASE, 'principal', PW);
    const r = await papi.post('/api/v1/supervision/notices/' + st.notice + '/answer', { text: '再答' });
    assert(r.status === 409 && r.json.error.code === 'SV_NOTICE_CLOSED', r.status + ' ' + r.text);
    await shot(head, 'sv-notice-closed.png');
  });

  await check('sv: the print view hides the controls and keeps the notice', async () => {
    await head.emulateMedia({ media: 'print' });
    const hidden = await head.evaluate(() => [...document.querySelectorAll('.no-print')].every((e) => getComputedStyle(e).display === 'none'));
    assert(hidden, 'controls show in print');
    assert(await head.isVisible('#sv-notice-head'), 'the notice does not print');
    await shot(head, 'sv-notice-print.png');
    await head.emulateMedia({ media: 'screen' });
  });

  await check('sv: no console errors on these pages', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
}
