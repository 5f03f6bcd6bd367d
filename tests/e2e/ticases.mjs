// ticases.mjs - e2e checks of 联合执法 (issue 13, part B): the enforcement
// officer, on a phone, records a visit to an unlicensed place found by a
// sweep, uploads a photo taken on site, opens a case and steps it through
// 立案 → 调查 → 告知 → 决定 (a bad fine refused with TI_PENALTY, then a
// deadline to correct) → 送达 → 执行, records the rectification and closes
// it; the page offers only the next allowed step. The bureau's view (charts
// with their tables) at desktop width. Called by smoke.mjs with its helpers.

import { rolePages, overflow } from './homework.mjs';

// Refusals the pages expect and show.
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (422|403|415)/;

// A 1x1 PNG, as a phone's photo stands in.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082', 'hex');

async function posted(page, button, urlPart) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(urlPart) && r.request().method() === 'POST'),
    page.click(button),
  ]);
  return { resp, body: await resp.json().catch(() => null) };
}

/** A code of 18 allowed characters, distinct per run (the check digit is not checked here). */
function creditCode(tag) {
  return ('92140212MA' + String(tag).replace(/\D/g, '').padStart(8, '0')).slice(0, 18);
}

export async function ticaseChecks(env) {
  const { check, assert, BASE } = env;
  const tag = String(env.RUN_ID).slice(-6);
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);

  await check('ticases: home shows 联合执法 as a live card for the officer', async () => {
    const p = await pageAs('enforcement', env.MOBILE);
    st.p = p;
    await p.goto(BASE + '/#/home');
    await p.waitForSelector('a[data-card="ti-cases"]');
  });

  await check('ticases: the officer plans a sweep of the three agencies (phone)', async () => {
    const p = st.p;
    await p.goto(BASE + '/#/ti-sweeps');
    await p.waitForSelector('#ti-sweep-form');
    await p.fill('#ti-sw-name', '排查 e2e ' + tag);
    for (const a of ['edu', 'market', 'police']) await p.check('#ti-sw-ag-' + a);
    const { resp, body } = await posted(p, '#ti-sw-save', '/api/v1/sweeps');
    assert(resp.status() === 201, 'sweep answered ' + resp.status());
    st.sweep = body.sweep.id;
    await p.waitForSelector('#ti-sweeps-table');
  });

  await check('ticases: the officer records a visit to an unlicensed place and uploads a photo (phone)', async () => {
    const p = st.p;
    await p.goto(BASE + '/#/ti-visit?sweep_id=' + st.sweep);
    await p.waitForSelector('#ti-visit-form');
    await p.check('#ti-v-unreg');
    await p.fill('#ti-v-name', '无证培训点 ' + tag);
    await p.fill('#ti-v-code', creditCode(tag));
    await p.fill('#ti-v-addr', '新荣区某小区 3 号楼');
    await p.selectOption('#ti-v-agency', 'market');
    await p.check('#ti-v-f-unlicensed');
    await p.check('#ti-v-f-advance_fees');
    await p.fill('#ti-v-note', '现场 12 名学生上课，收取一学年费用');
    assert(await overflow(p) <= 0, 'the visit form is wider than the phone');
    await env.shot(p, 'ti-visit-form-mobile.png');
    const { resp, body } = await posted(p, '#ti-v-save', '/api/v1/visits');
    assert(resp.status() === 201, 'visit answered ' + resp.status() + ' ' + JSON.stringify(body));
    assert(body.visit.institution.status === 'unlicensed', 'the place is ' + body.visit.institution.status);
    st.inst = body.visit.institution.id;
    await p.waitForSelector('#ti-evidence-form');
    await p.setInputFiles('#ti-evidence-file', { name: '现场.png', mimeType: 'image/png', buffer: PNG });
    const up = await posted(p, '#ti-evidence-send', '/evidence');
    assert(up.resp.status() === 201, 'upload answered ' + up.resp.status());
    await p.waitForSelector('#ti-evidence-list a');
    await env.shot(p, 'ti-visit-mobile.png');
  });

  await check('ticases: the sweep lists the visit with the place on the 黑名单', async () => {
    const p = await pageAs('inspector', env.DESKTOP);
    await p.goto(BASE + '/#/ti-sweeps/' + st.sweep);
    await p.waitForSelector('#ti-sweep-visits');
    const text = await p.textContent('#ti-sweep-visits');
    assert(text.includes('无证培训点 ' + tag) && text.includes('黑名单'), 'sweep visits: ' + text.slice(0, 200));
    assert(await p.locator('#ti-sweep-visit').count() === 0, 'the inspector is offered 登记检查');
  });

  await check('ticases: a renamed .exe is refused with EVIDENCE_TYPE and nothing listed', async () => {
    const p = st.p;
    await p.setInputFiles('#ti-evidence-file', { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('MZ\x90\x00not a photo at all') });
    const up = await posted(p, '#ti-evidence-send', '/evidence');
    assert(up.resp.status() === 415 && up.body.error.code === 'EVIDENCE_TYPE', 'answered ' + up.resp.status());
    await p.waitForSelector('#ti-evidence-form .form-msg :text("EVIDENCE_TYPE"), #ti-evidence-form .form-msg');
    assert(await p.locator('#ti-evidence-list li').count() === 1, 'a refused file is listed');
  });

  await check('ticases: the officer opens a case; the page offers only 调查', async () => {
    const p = st.p;
    await p.click('#ti-v-open-case');
    await p.waitForSelector('#ti-open-form');
    assert(await p.inputValue('#ti-open-inst') === String(st.inst), 'the institution is not filled in');
    await p.selectOption('#ti-open-finding', 'unlicensed');
    const { resp, body } = await posted(p, '#ti-open-save', '/api/v1/cases');
    assert(resp.status() === 201, 'case answered ' + resp.status());
    st.case = body.case.id;
    await p.waitForSelector('#ti-step-form');
    const buttons = await p.locator('#ti-step-form button[type=submit]').allTextContents();
    assert(buttons.length === 1 && buttons[0].includes('调查'), 'steps offered: ' + buttons.join(','));
  });

  const step = async (p, id) => {
    const { resp } = await posted(p, '#ti-step-' + id, '/steps');
    assert(resp.status() === 200, id + ' answered ' + resp.status());
    await p.waitForSelector('#ti-timeline');
  };

  await check('ticases: 调查, 告知; a fine over the pack\'s cap is refused (TI_PENALTY), then 决定 with a deadline', async () => {
    const p = st.p;
    await step(p, 'investigate');
    await p.waitForSelector('#ti-step-notify');
    await step(p, 'notify');
    await p.waitForSelector('#ti-step-decide');
    await p.selectOption('#ti-m-kind-0', 'fine');
    await p.selectOption('#ti-m-agency-0', 'market');
    await p.fill('#ti-m-amount-0', '1000000.01');
    const bad = await posted(p, '#ti-step-decide', '/steps');
    assert(bad.resp.status() === 422 && bad.body.error.code === 'TI_PENALTY', 'answered ' + bad.resp.status());
    await p.fill('#ti-m-amount-0', '20000');
    await p.click('#ti-m-add');
    await p.selectOption('#ti-m-kind-1', 'correct');
    const d = new Date(Date.now() + 8 * 3600e3 + 15 * 86400e3).toISOString().slice(0, 10);
    await p.fill('#ti-m-deadline-1', d);
    await step(p, 'decide');
    await p.waitForSelector('#ti-measures-table');
    await env.shot(p, 'ti-case-decided-mobile.png');
  });

  await check('ticases: 送达, 执行; 结案 waits for the rectification, which the page offers', async () => {
    const p = st.p;
    await p.waitForSelector('#ti-step-serve');
    await step(p, 'serve');
    await p.waitForSelector('#ti-step-enforce');
    await step(p, 'enforce');
    await p.waitForSelector('#ti-step-rectify');
    assert(await p.locator('#ti-step-close').count() === 0, '结案 offered before the rectification');
    await step(p, 'rectify');
    await p.waitForSelector('#ti-step-close');
    await step(p, 'close');
    await p.waitForSelector('#ti-case :text("案件已结案")');
    assert(await overflow(p) <= 0, 'the case page is wider than the phone');
    await env.shot(p, 'ti-case-closed-mobile.png');
  });

  await check('ticases: the bureau\'s view at desktop width: charts with tables, the case listed', async () => {
    const a = await pageAs(env.ADMIN_USER, env.DESKTOP);
    await a.goto(BASE + '/#/ti-cases');
    await a.waitForSelector('#ti-stage-table');
    await a.waitForSelector('#ti-age-table');
    await a.waitForSelector('#ti-cases-table a[href="#/ti-cases/' + st.case + '"]');
    await a.waitForTimeout(500);
    await env.shot(a, 'ti-cases-desktop.png');
    await a.goto(BASE + '/#/ti-cases/' + st.case);
    await a.waitForSelector('#ti-timeline');
    await env.shot(a, 'ti-case-desktop.png');
  });

  await check('ticases: a teacher may not open 联合执法', async () => {
    const t = await pageAs('teacher', env.DESKTOP);
    await t.goto(BASE + '/#/ti-cases');
    await t.waitForSelector('h1');
    assert((await t.textContent('h1')).includes('无权访问'), 'the teacher sees the page');
  });

  await check('ticases pages: no script errors, CSP violations or unexpected console errors', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });

  for (const c of contexts) await c.close();
}
