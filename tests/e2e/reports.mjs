// reports.mjs - e2e checks of public reports (举报): on a 390px phone the
// public files a report about a school with a photo and gets the receipt
// code; the bureau answers it on the 举报线索 page (1280px); the public looks
// the code up on the phone and sees the outcome and the reply, never the
// contact. Screenshots at both widths. Called by smoke.mjs with its helpers.

import { apiAs, rolePages, overflow } from './homework.mjs';

const PHONE = { width: 390, height: 844 };
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409|422)/;
// The smallest file util/filesniff.h takes for a PNG: the signature, then an IHDR chunk.
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'), Buffer.alloc(17)]);

export async function reportChecks(env) {
  const { check, assert, BASE } = env;
  const st = { problems: [], text: '作业每天写到晚上十点 e2e' + env.RUN_ID, contact: '1390000' + String(env.RUN_ID).slice(-4) };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);
  const pub = await pageAs(null, PHONE);

  await check('public: the report page fits a 390px phone and files a report with a photo', async () => {
    await pub.goto(BASE + '/jubao');
    await pub.waitForSelector('#jb-form');
    await pub.click('label[for="kind-school"]');
    await pub.waitForFunction(() => document.querySelectorAll('#jb-school option').length > 1);
    await pub.selectOption('#jb-school', { index: 1 });
    assert((await pub.inputValue('#jb-target')).length > 0, 'picking a school did not fill its name');
    await pub.fill('#jb-text', st.text);
    await pub.fill('#jb-contact', st.contact);
    await pub.setInputFiles('#jb-files', { name: '作业照片.png', mimeType: 'image/png', buffer: PNG });
    assert(await overflow(pub) <= 0, 'the form is wider than a phone');
    await env.shot(pub, 'jubao-form-phone.png');
    const [resp] = await Promise.all([pub.waitForResponse((r) => r.url().endsWith('/public/v1/reports') && r.request().method() === 'POST'), pub.click('#jb-submit')]);
    assert(resp.status() === 201, 'filing answered ' + resp.status());
    await pub.waitForSelector('#jb-code');
    st.code = (await pub.innerText('#jb-code')).trim();
    assert(/^[2-9a-z]{4}-[2-9a-z]{4}-[2-9a-z]{4}$/.test(st.code), 'code ' + st.code);
    assert((await pub.innerText('#jb-receipt')).includes('请保存'), 'no 请保存');
    assert((await pub.innerText('#jb-receipt')).includes('已上传证据材料 1 份'), 'the photo was not uploaded');
    assert(await overflow(pub) <= 0, 'the receipt is wider than a phone');
    await env.shot(pub, 'jubao-receipt-phone.png');
  });

  await check('bureau: 举报线索 lists it with charts and a table; the answer is recorded', async () => {
    st.admin = await apiAs(BASE, 'admin', env.ADMIN_PASS);
    const q = encodeURIComponent(st.text);
    const r = (await st.admin.get('/api/v1/reports?q=' + q)).json.items[0];
    assert(r && r.contact === st.contact, 'the bureau does not see the report with its contact');
    st.id = r.id;
    const a = await pageAs('admin', env.DESKTOP);
    await a.goto(BASE + '/#/reports');
    await a.waitForSelector('#rp-queue');
    await a.waitForSelector('#rp-by-kind-table');
    await a.waitForSelector('#rp-by-outcome canvas');
    await env.shot(a, 'reports.png');
    await a.goto(BASE + '/#/report/' + st.id);
    await a.waitForSelector('#rp-answer');
    assert((await a.innerText('.rp-detail')).includes(st.contact), 'the bureau page lacks the contact');
    await a.selectOption('#rp-outcome', 'partly');
    await a.fill('#rp-finding', '作业总量超标');
    await a.fill('#rp-reply', '经核查作业偏多属实，已责令学校整改。');
    await a.fill('#rp-answer-note', '内部：约谈校长');
    const [resp] = await Promise.all([a.waitForResponse((x) => x.url().endsWith('/answer')), a.click('#rp-answer-go')]);
    assert(resp.status() === 200, 'answer answered ' + resp.status());
    await a.waitForSelector('#rp-close');
    await env.shot(a, 'report-detail.png');
  });

  await check('public: the code shows the outcome and the reply on the phone, never the contact or notes', async () => {
    await pub.goto(BASE + '/jubao?code=' + st.code);
    await pub.waitForSelector('#jb-reply');
    const text = await pub.innerText('main');
    assert(text.includes('部分属实') && text.includes('已责令学校整改'), 'outcome or reply missing');
    assert(!text.includes(st.contact) && !text.includes('约谈'), 'the contact or an internal note is public');
    assert(await overflow(pub) <= 0, 'the result is wider than a phone');
    await env.shot(pub, 'jubao-result-phone.png');
    const wide = await pageAs(null, env.DESKTOP);
    await wide.goto(BASE + '/jubao');
    await wide.waitForSelector('#jb-form');
    await env.shot(wide, 'jubao.png');
  });

  await check('reports: no script errors or unexpected console errors', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
  if (st.admin) await st.admin.dispose();
}
