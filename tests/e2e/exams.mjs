// exams.mjs - e2e checks of exams (issue 14, part EX): the principal enters
// the term's plans on 考试安排 (grade 5 is open in the demo's later term): a
// unit test is refused on the page with EX_FORBIDDEN_KIND, its clause and a
// Chinese message, and nothing is stored; a final is accepted; a second final
// is refused with EX_FINAL_ONCE. The earlier term's results page shows level
// counts only (a Chart.js chart beside its table). The bureau's 考试管理 shows
// the district chart and table and offers the .xlsx. Then the EX_NO_RANKING
// sweep (tests/api/noranking.mjs) over every GET route and export.
// Screenshots at 1280 px and 390 px, no sideways overflow on the phone.
// Called by smoke.mjs.

import { apiAs, rolePages, overflow } from './homework.mjs';
import { noRankingSweep } from '../api/noranking.mjs';

const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409|422)/;

export async function examChecks(env) {
  const { check, assert, shot, BASE } = env;
  const PW = env.ADMIN_PASS;
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);
  const pr = await pageAs('principal', env.DESKTOP);
  const api = await apiAs(BASE, 'principal', PW);
  const plans = async (term) => (await api.get('/api/v1/schools/1/exams?status=live&limit=200&term_id=' + term)).json.items;

  await check('exams: the principal\'s 考试安排 lists the term\'s plans by grade', async () => {
    const terms = (await api.get('/api/v1/terms')).json.items;
    st.t1 = terms[0];
    st.t2 = terms[terms.length - 1];
    await pr.goto(BASE + '/#/exams?term=' + st.t2.id);
    await pr.waitForSelector('#ex-form');
    const text = await pr.textContent('#ex-plans');
    assert(/一年级/.test(text) && /非纸笔测评/.test(text), 'plans: ' + text.slice(0, 200));
    st.before = (await plans(st.t2.id)).length;
    st.ready = true;
  });
  if (!st.ready) return;

  await check('exams: a unit test is refused on the page (EX_FORBIDDEN_KIND, with its clause) and nothing is stored', async () => {
    await pr.selectOption('#ex-grade', '5');
    await pr.selectOption('#ex-kind', 'unit');
    await pr.fill('#ex-date', '2026-11-25');
    await pr.click('#ex-submit');
    await pr.waitForSelector('#ex-msg .alert-error');
    const text = await pr.textContent('#ex-msg');
    assert(/EX_FORBIDDEN_KIND/.test(text) && /单元考试/.test(text) && /五\(四\)4/.test(text), 'message: ' + text);
    await shot(pr, 'exams-refused.png');
    assert((await plans(st.t2.id)).length === st.before, 'a refused plan was stored');
  });

  await check('exams: a grade-5 final is entered; a second one is refused (EX_FINAL_ONCE)', async () => {
    await pr.selectOption('#ex-kind', 'final');
    await pr.fill('#ex-date', '2027-01-18');
    await pr.click('#ex-submit');
    await pr.waitForFunction(() => /五年级/.test(document.querySelector('#ex-plans')?.textContent || ''));
    assert((await plans(st.t2.id)).length === st.before + 1, 'the final was not stored');
    await pr.waitForSelector('#ex-form');
    await pr.selectOption('#ex-grade', '5');
    await pr.selectOption('#ex-kind', 'final');
    await pr.fill('#ex-date', '2027-01-19');
    await pr.click('#ex-submit');
    await pr.waitForSelector('#ex-msg .alert-error');
    const text = await pr.textContent('#ex-msg');
    assert(/EX_FINAL_ONCE/.test(text) && /期末考试/.test(text), 'message: ' + text);
    assert((await plans(st.t2.id)).length === st.before + 1, 'the second final was stored');
    await shot(pr, 'exams-school.png');
    await pr.setViewportSize(env.MOBILE);
    const over = await overflow(pr);
    assert(over <= 0, 'the exams page is ' + over + 'px wider than a 390px phone');
    await shot(pr, 'exams-school-mobile.png');
    await pr.setViewportSize(env.DESKTOP);
  });

  await check('exams: twelve grade-6 finals posted at once: exactly one is stored (EX_FINAL_ONCE holds under concurrency)', async () => {
    const body = { term_id: st.t2.id, grade: 6, kind: 'final', form: 'paper', date: '2027-01-14', subjects: ['语文'] };
    const rs = await Promise.all(Array.from({ length: 12 }, () => api.post('/api/v1/schools/1/exams', body)));
    const created = rs.filter((r) => r.status === 201).length;
    const refused = rs.filter((r) => r.status === 422 && r.json.error.code === 'EX_FINAL_ONCE').length;
    assert(created === 1 && refused === 11, 'created ' + created + ', refused ' + refused + ': ' + rs.map((r) => r.status).join(','));
    assert((await plans(st.t2.id)).filter((x) => x.grade === 6 && x.kind === 'final').length === 1, 'stored finals differ');
  });

  await check('exams: results show level counts per class and grade, with a chart, and no score or name', async () => {
    const first = (await plans(st.t1.id)).find((x) => x.grade === 3 && x.kind === 'final');
    assert(first, 'no grade-3 final in the earlier term');
    await pr.goto(BASE + '/#/exams/' + first.id);
    await pr.waitForSelector('#ex-class-levels');
    await pr.waitForSelector('#ex-results canvas');
    const text = await pr.textContent('#ex-results');
    assert(/优秀/.test(text) && /三年级（1）班/.test(text), 'results: ' + text.slice(0, 200));
    assert(!/分数|排名|名次/.test(text), 'the results page mentions a score or rank');
    await shot(pr, 'exam-results.png');
  });

  await check('exams: a teacher enters levels for a class of theirs on the page; the counts follow', async () => {
    const first = (await plans(st.t1.id)).find((x) => x.grade === 3 && x.kind === 'final');
    const tp = await pageAs('teacher', env.DESKTOP);
    await tp.goto(BASE + '/#/exams/' + first.id);
    await tp.waitForSelector('#ex-entry-form table');
    const before = Number(await tp.textContent('#ex-grade-levels tbody tr:first-child td:last-child'));
    // a student without a level for the chosen subject is added: pick the plan's third subject
    await tp.selectOption('#ex-entry-subject', first.subjects[2]);
    await tp.locator('#ex-entry .ex-level').first().selectOption({ index: 1 });
    const [resp] = await Promise.all([
      tp.waitForResponse((r) => r.url().includes('/api/v1/exams/' + first.id + '/results') && r.request().method() === 'POST'),
      tp.click('#ex-entry-submit'),
    ]);
    assert(resp.ok(), 'entering the level answered ' + resp.status());
    // the page redraws from the new counts: wait for them, not for the old table still on the page
    await tp.waitForFunction((sub) => (document.querySelector('#ex-grade-levels')?.textContent || '').includes(sub), first.subjects[2], { timeout: 10000 }).catch(() => {});
    const text = await tp.textContent('#ex-grade-levels');
    assert(text.includes(first.subjects[2]), 'the new subject is not counted: ' + text);
    assert(before > 0, 'no counts before');
    assert(!/分数|排名|名次/.test(await tp.textContent('#ex-results')), 'the page mentions a score or rank');
    await shot(tp, 'exam-entry.png');
  });

  const adm = await pageAs('inspector', env.DESKTOP);
  await check('exams: the bureau\'s 考试管理 shows the district chart beside its table, and the export', async () => {
    await adm.goto(BASE + '/#/exam-district?term=' + st.t2.id);
    await adm.waitForSelector('#ex-schools');
    await adm.waitForSelector('#ex-by-grade');
    await adm.waitForFunction(() => !!document.querySelector('.chart canvas') && !document.querySelector('.chart-failed'));
    const totals = await adm.textContent('#ex-totals');
    assert(/考试安排/.test(totals), 'totals: ' + totals);
    const href = await adm.getAttribute('#ex-export', 'href');
    const x = await adm.request.get(BASE + href);
    assert(x.status() === 200 && (await x.body()).subarray(0, 2).toString() === 'PK', 'export: ' + x.status());
    await shot(adm, 'exams-district.png');
    await adm.setViewportSize(env.MOBILE);
    // the chart sizes itself to its box when drawn: draw it again at phone width
    await adm.reload();
    await adm.waitForSelector('#ex-schools');
    await adm.waitForFunction(() => !!document.querySelector('.chart canvas'));
    const over = await overflow(adm);
    assert(over <= 0, 'the district page is ' + over + 'px wider than a 390px phone');
    await shot(adm, 'exams-district-mobile.png');
  });

  await check('exams: EX_NO_RANKING holds on every GET route and export (no score or rank, no sort by score)', async () => {
    const lines = [];
    const r = await noRankingSweep({ base: BASE, password: PW, users: ['admin', 'principal', 'teacher'], log: (l) => lines.push(l) });
    assert(r.failed === 0 && r.passed >= 3, lines.filter((l) => l.startsWith('not ok')).join(' | ') || lines.join(' | '));
  });

  await check('exams: no console errors on these pages', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
}
