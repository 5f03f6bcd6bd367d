// checkins.mjs - e2e checks of the five managements (issue 14, part CK): a
// demo parent on a 390 px phone opens 每周填报, finds each child's form
// prefilled with last week's answers and checks both in (a bad time is
// caught by the server and nothing is stored); the principal records the
// school's phone rules and sees the school page with its charts; the bureau
// opens the district page and its export. Screenshots of each, no sideways
// overflow on the phone. Called by smoke.mjs.

import { apiAs, rolePages, overflow } from './homework.mjs';

const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409|422)/;

export async function checkinChecks(env) {
  const { check, assert, shot, BASE } = env;
  const PW = env.ADMIN_PASS;
  const tag = String(env.RUN_ID).slice(-6);
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);

  const par = await pageAs('parent', env.MOBILE);
  await check('checkins: a parent on a phone sees each child prefilled with last week', async () => {
    st.api = await apiAs(BASE, 'parent', PW);
    st.kids = (await st.api.get('/api/v1/me/children')).json.items;
    assert(st.kids.length >= 1, 'the demo parent has no children');
    await par.goto(BASE + '/#/checkins');
    await par.waitForFunction((n) => document.querySelectorAll('.ck-form').length === n, st.kids.length);
    const forms = await par.locator('.ck-form').count();
    assert(forms === st.kids.length, forms + ' forms for ' + st.kids.length + ' children');
    const first = st.kids[0];
    const d = (await st.api.get('/api/v1/checkins?student_id=' + first.id)).json;
    st.week = d.week;
    if (d.prefill && d.prefill.week !== d.week) {
      const v = await par.inputValue('#ck-' + first.id + '-bed');
      assert(v === d.prefill.bedtime, 'bedtime ' + v + ', last week ' + d.prefill.bedtime);
    }
    const over = await overflow(par);
    assert(over <= 0, 'the check-in page is ' + over + 'px wider than a 390px phone');
    await shot(par, 'checkins-mobile.png');
    st.ready = true;
  });
  if (!st.ready) {
    for (const c of contexts) await c.close();
    return;
  }

  await check('checkins: a night over 16 hours is refused with its code and nothing is stored', async () => {
    const k = st.kids[0];
    const before = (await st.api.get('/api/v1/checkins?student_id=' + k.id)).json.items;
    await par.fill('#ck-' + k.id + '-bed', '13:00');
    await par.fill('#ck-' + k.id + '-wake', '06:30');
    await par.click('#ck-' + k.id + '-submit');
    await par.waitForSelector('#ck-' + k.id + '-msg .alert-error');
    const text = await par.textContent('#ck-' + k.id + '-msg');
    assert(/MG_SLEEP_RANGE/.test(text) && /16/.test(text), 'message: ' + text);
    const after = (await st.api.get('/api/v1/checkins?student_id=' + k.id)).json.items;
    assert(JSON.stringify(after) === JSON.stringify(before), 'stored data changed');
  });

  await check('checkins: the parent checks in every child in a few taps, each answered', async () => {
    const t0 = Date.now();
    for (const [i, k] of st.kids.entries()) {
      await par.fill('#ck-' + k.id + '-bed', i ? '21:40' : '20:50');
      await par.fill('#ck-' + k.id + '-wake', '06:40');
      await par.fill('#ck-' + k.id + '-phone', '20');
      await par.fill('#ck-' + k.id + '-reading', '35');
      await par.click('#ck-' + k.id + '-submit');
      await par.waitForSelector('#ck-' + k.id + '-msg .ck-answer');
    }
    const secs = (Date.now() - t0) / 1000;
    assert(secs < 30 * st.kids.length, secs + ' s');
    for (const k of st.kids) {
      const d = (await st.api.get('/api/v1/checkins?student_id=' + k.id)).json;
      assert(d.items[0].week === st.week && d.items[0].reading_minutes === 35, JSON.stringify(d.items[0]));
    }
    const text = await par.textContent('#ck-list');
    assert(/已收到/.test(text) && /睡眠/.test(text), text.slice(0, 200));
    await shot(par, 'checkins-done-mobile.png');
  });

  const pri = await pageAs('principal', env.DESKTOP);
  await check('checkins: the principal records phone rules and sees the school page with charts', async () => {
    await pri.goto(BASE + '/#/fm');
    await pri.waitForSelector('#fm-rules-form');
    await pri.fill('#fm-kept', '各班手机柜' + tag);
    await pri.fill('#fm-calls', '班主任电话、校门口亲情电话');
    await pri.click('#fm-rules-save');
    await pri.waitForFunction((t) => (document.querySelector('#fm-rules-view') || {}).textContent?.includes(t), '各班手机柜' + tag);
    await pri.waitForSelector('#fm-sleep-table');
    await pri.waitForSelector('#fm-sleep canvas, #fm-sleep .chart');
    const body = await pri.textContent('#fm-school');
    assert(/睡眠不足比例/.test(body) && /能否按时就寝/.test(body), body.slice(0, 200));
    for (const k of st.kids) assert(!body.includes(k.name), 'a child is named on the school page: ' + k.name);
    await shot(pri, 'fm-school.png');
    await pri.setViewportSize(env.MOBILE);
    await pri.waitForTimeout(400); // the charts follow the new width on their next frame
    const over = await overflow(pri);
    assert(over <= 0, 'the school page is ' + over + 'px wider than a 390px phone');
    await shot(pri, 'fm-school-mobile.png');
    await pri.setViewportSize(env.DESKTOP);
    await pri.emulateMedia({ media: 'print' });
    await shot(pri, 'fm-school-print.png');
    await pri.emulateMedia({ media: 'screen' });
  });

  const adm = await pageAs('inspector', env.DESKTOP);
  await check('checkins: the district page lists every school with its chart and export', async () => {
    await adm.goto(BASE + '/#/fm-district');
    await adm.waitForSelector('#fm-schools');
    const rows = await adm.locator('#fm-schools tbody tr').count();
    assert(rows >= 2, rows + ' rows');
    const href = await adm.getAttribute('#fm-export', 'href');
    const r = await adm.request.get(BASE + href);
    assert(r.status() === 200 && /spreadsheetml/.test(r.headers()['content-type'] || ''), 'export ' + r.status());
    await shot(adm, 'fm-district.png');
    await adm.click('#fm-schools a.school-link >> nth=0');
    await adm.waitForSelector('#fm-bed-classes');
    await shot(adm, 'fm-district-school.png');
  });

  await check('checkins: no console errors on these pages', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
}
