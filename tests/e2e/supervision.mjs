// supervision.mjs - e2e checks of supervision (issue 15, part SA): the
// inspector scores one item on the phone page (one item at a time, the
// school's self-assessment beside it); the principal sees the school's
// result with the score and adds a photo to a self-assessment; a score off the scale is refused with SV_SCALE and
// nothing stored; the director's dashboard draws its charts beside tables,
// prints on A4 (a PDF is made) and exports the workbook; the special list
// names schools with their reasons and links to the visit form.
// Screenshots at 1280 px and 390 px, no sideways overflow on the phone.
// Called by smoke.mjs.

import { apiAs, rolePages, overflow } from './homework.mjs';

const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|422)/;

export async function supervisionChecks(env) {
  const { check, assert, shot, BASE } = env;
  const PW = env.ADMIN_PASS;
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);
  const insp = await apiAs(BASE, 'inspector', PW);
  const item = async (round, school, id) => (await insp.get(`/api/v1/supervision/rounds/${round}/schools/${school}`)).json.items.find((x) => x.id === id);

  await check('supervision: the demo has two finished rounds', async () => {
    const r = (await insp.get('/api/v1/supervision/rounds')).json.items;
    assert(r.length >= 2, 'rounds: ' + r.length);
    st.round = r[r.length - 1].id;
    st.ready = true;
  });
  if (!st.ready) return;

  const ph = await pageAs('inspector', env.MOBILE);
  await check('supervision: the inspector scores B10.2 on the phone page, one item at a time', async () => {
    await ph.goto(BASE + `/#/sv-score?round=${st.round}&school=1&item=B10.2`);
    await ph.waitForSelector('#sv-score-form');
    const text = await ph.textContent('#sv-score-form');
    assert(/B10\.2/.test(text) && /学校自评/.test(text), 'form: ' + text.slice(0, 200));
    await ph.check('input[name="sv-level"][value="partly"]');
    await ph.fill('#sv-note', '抽查三个班，作业时长记录不全');
    // B10.2 is computed from the homework records: a different level needs a written reason (SV_REASON_REQUIRED).
    const it0 = await item(st.round, 1, 'B10.2');
    const comp = it0.computed;
    if (comp && comp.score && comp.score !== 'partly') {
      const [bad] = await Promise.all([
        ph.waitForResponse((r) => r.url().includes('/items/B10.2') && r.request().method() === 'PUT'),
        ph.click('#sv-save'),
      ]);
      const bj = await bad.json().catch(() => null);
      assert(bad.status() === 422 && bj.error.code === 'SV_REASON_REQUIRED', 'without a reason: ' + bad.status() + ' ' + JSON.stringify(bj));
      await ph.waitForFunction(() => /理由/.test(document.querySelector('#sv-score-form')?.textContent || '') && !!document.querySelector('#sv-score-form .alert-error'));
      assert(JSON.stringify((await item(st.round, 1, 'B10.2')).inspector) === JSON.stringify(it0.inspector), 'the refused score was stored');
      await ph.fill('#sv-reason', '抽查三个班的作业记录与平台登记不一致');
    }
    const [resp] = await Promise.all([
      ph.waitForResponse((r) => r.url().includes('/items/B10.2') && r.request().method() === 'PUT'),
      ph.click('#sv-save'),
    ]);
    assert(resp.status() === 200, 'PUT answered ' + resp.status());
    // saved: on to the next item (B11.1: B10 has two)
    await ph.waitForFunction(() => /B11\.1/.test(document.querySelector('#sv-score-form h2')?.textContent || ''));
    const it = await item(st.round, 1, 'B10.2');
    assert(it.inspector.score === 'partly' && /作业时长/.test(it.inspector.comment), JSON.stringify(it.inspector));
    const over = await overflow(ph);
    assert(over <= 0, 'the scoring page is ' + over + 'px wider than a 390px phone');
    await shot(ph, 'sv-score-mobile.png');
  });

  await check('supervision: a score off the scale is refused (SV_SCALE) and nothing is stored', async () => {
    const before = await item(st.round, 1, 'B11.1');
    const r = await insp.put(`/api/v1/supervision/rounds/${st.round}/schools/1/items/B11.1`, { score: 'excellent' });
    assert(r.status === 422 && r.json.error.code === 'SV_SCALE' && r.json.error.details.clause, JSON.stringify(r.json));
    const after = await item(st.round, 1, 'B11.1');
    assert(JSON.stringify(before.inspector) === JSON.stringify(after.inspector), 'the refusal changed the score');
  });

  const pr = await pageAs('principal', env.DESKTOP);
  await check('supervision: the principal sees the school\'s result with the inspector\'s score and note', async () => {
    await pr.goto(BASE + `/#/sv-school?round=${st.round}&school=1`);
    await pr.waitForSelector('#sv-item-B10-2');
    const text = await pr.textContent('#sv-item-B10-2');
    assert(/基本达标/.test(text) && /作业时长记录不全/.test(text), 'item: ' + text);
    await pr.waitForFunction(() => !!document.querySelector('.chart canvas'));
    const figs = await pr.textContent('#sv-school-figures');
    assert(/综合/.test(figs), figs);
    await shot(pr, 'sv-school.png');
  });

  await check('supervision: the principal adds a photo to the self-assessment of B10.2; the link shows beside it', async () => {
    const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGNgAAACAAFUok9dAAAAAElFTkSuQmCC', 'base64');
    await pr.click('#sv-item-B10-2 .sv-self-edit summary');
    await pr.setInputFiles('#sv-file-B10-2', { name: '作业公示.png', mimeType: 'image/png', buffer: png });
    const [resp] = await Promise.all([
      pr.waitForResponse((r) => r.url().includes('/items/B10.2/evidence')),
      pr.click('#sv-item-B10-2 .sv-evidence-form button[type="submit"]'),
    ]);
    assert(resp.status() === 201, 'upload answered ' + resp.status());
    await pr.waitForSelector('#sv-item-B10-2 .sv-evidence a');
    const it = await item(st.round, 1, 'B10.2');
    assert(it.evidence.length === 1 && it.evidence[0].file_name === '作业公示.png', JSON.stringify(it.evidence));
  });

  const dir = await pageAs('admin', env.DESKTOP);
  await check('supervision: the dashboard ranks schools with charts beside tables, exports and prints on A4', async () => {
    await dir.goto(BASE + `/#/sv-dashboard?round=${st.round}`);
    await dir.waitForSelector('#sv-grid');
    await dir.waitForSelector('#sv-trend');
    await dir.waitForFunction(() => document.querySelectorAll('.chart canvas').length >= 2 && !document.querySelector('.chart-failed'));
    const rows = await dir.$$eval('#sv-ranked tbody tr', (t) => t.length);
    assert(rows >= 2, 'ranked rows: ' + rows);
    const href = await dir.getAttribute('#sv-export', 'href');
    const x = await dir.request.get(BASE + href);
    assert(x.status() === 200 && (await x.body()).subarray(0, 2).toString() === 'PK', 'export: ' + x.status());
    // The rectification notices past their deadline (the visits part) sit on the same page.
    const od = (await (await dir.request.get(BASE + '/api/v1/supervision/rounds/' + st.round + '/dashboard')).json()).overdue_notices;
    assert(od && typeof od.count === 'number', 'the dashboard answer lacks overdue_notices');
    await dir.waitForSelector('#sv-overdue-title');
    if (od.count > 0) assert(await dir.$$eval('#sv-overdue tbody tr', (t) => t.length) === od.items.length, 'overdue rows do not match the answer');
    // The homework limits broken and after-school participation sit on the same page, as charts beside tables.
    await dir.waitForSelector('#sv-hw-title');
    await dir.waitForSelector('#sv-as-part tbody tr');
    assert(await dir.$$eval('#sv-measures .chart canvas', (c) => c.length) >= 1, 'no chart of the homework and after-school measures');
    // 案件: the ethics cases and the open penalty cases, counted as the API counts them.
    await dir.waitForSelector('#sv-cases-figures');
    const cs = (await (await dir.request.get(BASE + '/api/v1/cases?limit=200')).json()).items.filter((x) => x.stage !== 'close');
    const vals = await dir.$$eval('#sv-cases-figures .figure-value', (e) => e.map((x) => x.textContent.trim()));
    assert(vals[1] === String(cs.length) && vals[2] === String(cs.filter((x) => x.overdue).length), 'case figures ' + JSON.stringify(vals) + ', the API has ' + cs.length + ' open');
    await shot(dir, 'sv-dashboard.png');
    await dir.emulateMedia({ media: 'print' });
    const hidden = await dir.$eval('.topbar', (e) => getComputedStyle(e).display === 'none').catch(() => true);
    assert(hidden, 'the top bar prints');
    const pdf = await dir.pdf({ format: 'A4', printBackground: true });
    assert(pdf.subarray(0, 4).toString() === '%PDF' && pdf.length > 10000, 'pdf: ' + pdf.length);
    await shot(dir, 'sv-dashboard-print.png');
    await dir.emulateMedia({ media: 'screen' });
    await dir.setViewportSize(env.MOBILE);
    await dir.reload();
    await dir.waitForSelector('#sv-grid');
    const over = await overflow(dir);
    assert(over <= 0, 'the dashboard is ' + over + 'px wider than a 390px phone');
    await shot(dir, 'sv-dashboard-mobile.png');
  });

  await check('supervision: the special list gives each school its reason and a way onto the visit plan', async () => {
    await dir.setViewportSize(env.DESKTOP);
    await dir.goto(BASE + '/#/sv-special');
    await dir.waitForSelector('#sv-special-list');
    const text = await dir.textContent('#sv-special-list');
    assert(/低于 60 分/.test(text), 'reasons: ' + text.slice(0, 200));
    const link = await dir.getAttribute('.sv-plan-visit', 'href');
    assert(/^#\/sv-visits\?school_id=\d+$/.test(link), 'visit link: ' + link);
    await shot(dir, 'sv-special.png');
  });

  // last: a new round is the latest one, and would empty the special list above
  await check('supervision: the inspector opens a round for every school of the district on 督导评估', async () => {
    const before = (await insp.get('/api/v1/supervision/rounds')).json.items.length;
    const ip = await pageAs('inspector', env.DESKTOP);
    await ip.goto(BASE + '/#/sv');
    await ip.waitForSelector('#sv-new');
    await ip.fill('#sv-new-name', '专项检查 ' + env.RUN_ID);
    await ip.click('#sv-new button[type="submit"]');
    await ip.waitForSelector('#sv-round-schools');
    const r = (await insp.get('/api/v1/supervision/rounds')).json.items;
    const schools = (await insp.get('/api/v1/schools?limit=200')).json.items.length;
    assert(r.length === before + 1 && r[r.length - 1].schools === schools, JSON.stringify(r[r.length - 1]));
    await shot(ip, 'sv-round.png');
  });

  await check('supervision: no console errors on these pages', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
  await insp.dispose();
}
