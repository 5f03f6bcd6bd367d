// surveys.mjs - e2e checks of 满意度调查 (issue 15, part SD): a parent
// answers their own questionnaire on a phone in well under a minute (a tap
// per question), then a second answer is refused (SV_ANSWERED); a teacher
// answers theirs; the inspector publishes a survey through the form and
// reads a district survey's results - Chart.js charts beside their tables,
// the demo's suppressed school (不公布, SV_MIN_GROUP), no user in the
// answer, a print view without the controls, the .xlsx export. Screenshots
// at 1280 px and 390 px, no sideways overflow on the phone.
// Called by smoke.mjs.

import { apiAs, rolePages, overflow } from './homework.mjs';

const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409|422)/;

/** Tap the first choice of every scale question of the open form. */
async function answerForm(page, note) {
  const sets = page.locator('form.sv-form fieldset.sv-q');
  const n = await sets.count();
  for (let i = 0; i < n; i++) await sets.nth(i).locator('label.sv-choice').nth(i % 2).click();
  if (note !== undefined && await page.locator('form.sv-form textarea').count()) await page.fill('form.sv-form textarea', note);
  await page.click('form.sv-form .sv-submit');
}

export async function surveyChecks(env) {
  const { check, assert, shot, BASE } = env;
  const PW = env.ADMIN_PASS;
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);

  const parent = await pageAs('parent', env.MOBILE);
  await check('surveys: a parent answers their questionnaire on a phone in under a minute', async () => {
    st.admin = await apiAs(BASE, 'admin', PW);
    st.papi = await apiAs(BASE, 'parent', PW);
    const mine = (await st.papi.get('/api/v1/me/surveys')).json.items;
    st.sv = mine.find((s) => s.to_answer.some((t) => t.group === 'parent' && !t.answered));
    assert(st.sv, 'no open parent survey: ' + JSON.stringify(mine).slice(0, 300));
    const before = (await st.admin.get('/api/v1/surveys/' + st.sv.id)).json.item.answers;
    const t0 = Date.now();
    await parent.goto(BASE + '/#/my-surveys');
    await parent.waitForSelector('.sv-card[data-survey="' + st.sv.id + '"] .sv-todo[data-group="parent"] .sv-open');
    await parent.click('.sv-card[data-survey="' + st.sv.id + '"] .sv-todo[data-group="parent"] .sv-open');
    await parent.waitForSelector('form.sv-form');
    const over = await overflow(parent);
    assert(over <= 0, 'the answer page is ' + over + 'px wider than a 390px phone');
    await shot(parent, 'survey-answer-mobile.png');
    await answerForm(parent, '希望多开体育活动 ' + env.RUN_ID);
    await parent.waitForSelector('.sv-card[data-survey="' + st.sv.id + '"] .sv-todo[data-group="parent"] .chip');
    const secs = (Date.now() - t0) / 1000;
    assert(secs < 60, 'took ' + secs + ' s');
    const after = (await st.admin.get('/api/v1/surveys/' + st.sv.id)).json.item.answers;
    assert(after === before + 1, 'answers ' + before + ' -> ' + after);
    await shot(parent, 'survey-answered-mobile.png');
  });

  await check('surveys: a second answer from the same parent is refused (409 SV_ANSWERED), nothing stored', async () => {
    assert(st.sv, 'no survey');
    const before = (await st.admin.get('/api/v1/surveys/' + st.sv.id)).json.item.answers;
    const r = await st.papi.post('/api/v1/surveys/' + st.sv.id + '/answers', { group: 'parent', answers: { p1: 5, p2: 5, p3: 5, p4: 5, p5: 5 } });
    assert(r.status === 409 && r.json.error.code === 'SV_ANSWERED', r.status + ' ' + JSON.stringify(r.json));
    const after = (await st.admin.get('/api/v1/surveys/' + st.sv.id)).json.item.answers;
    assert(after === before, 'answers ' + before + ' -> ' + after);
    await parent.reload();
    await parent.waitForSelector('.sv-card');
    const left = await parent.locator('.sv-card[data-survey="' + st.sv.id + '"] .sv-todo[data-group="parent"] .sv-open').count();
    assert(left === 0, 'the answered questionnaire still offers 填写');
  });

  const teacher = await pageAs('teacher', env.DESKTOP);
  await check('surveys: the teacher answers the teacher questionnaire', async () => {
    await teacher.goto(BASE + '/#/my-surveys');
    await teacher.waitForSelector('.sv-todo[data-group="teacher"] .sv-open');
    await teacher.click('.sv-todo[data-group="teacher"] .sv-open');
    await teacher.waitForSelector('form.sv-form');
    await answerForm(teacher);
    await teacher.waitForSelector('.sv-todo[data-group="teacher"] .chip');
  });

  const insp = await pageAs('inspector', env.DESKTOP);
  await check('surveys: the inspector publishes a survey for one school through the form', async () => {
    await insp.goto(BASE + '/#/surveys');
    await insp.waitForSelector('#sv-list');
    await insp.click('#sv-new summary');
    await insp.fill('#sv-name', '第一小学家长满意度 ' + env.RUN_ID);
    await insp.uncheck('input[name=sv-group][value=teacher]');
    await insp.selectOption('#sv-school', { index: 1 });
    await insp.click('#sv-publish');
    await insp.waitForURL(/#\/survey\/\d+/);
    await insp.waitForSelector('.sv-group');
    const text = await insp.textContent('.page-survey');
    assert(text.includes('第一小学家长满意度 ' + env.RUN_ID) && /不公布/.test(text), text.slice(0, 300));
  });

  await check('surveys: a district survey\'s results: charts beside tables, a suppressed school, no user ids, print and .xlsx', async () => {
    const list = (await st.admin.get('/api/v1/surveys?limit=200')).json.items;
    const sv = list.find((s) => s.school_id === null && s.groups.includes('parent') && s.answers > 100);
    assert(sv, 'no demo district survey');
    const r = await st.admin.get('/api/v1/surveys/' + sv.id + '/results');
    assert(!/user_id|username|display_name/.test(JSON.stringify(r.json)), 'results carry a user');
    await insp.goto(BASE + '/#/survey/' + sv.id);
    await insp.waitForSelector('#sv-schools');
    await insp.waitForFunction(() => document.querySelectorAll('.sv-chart canvas').length >= 2 && window.Chart);
    const schools = await insp.textContent('#sv-schools');
    assert(/不公布/.test(schools), 'no suppressed school in the table');
    const rows = await insp.locator('#sv-table-parent tbody tr').count();
    assert(rows >= 5, rows + ' question rows');
    await insp.waitForTimeout(300);
    await shot(insp, 'survey-results.png');
    const href = await insp.getAttribute('#sv-export', 'href');
    const x = await insp.request.get(BASE + href);
    assert(x.status() === 200 && /spreadsheetml/.test(x.headers()['content-type']), 'export answered ' + x.status());
    await insp.emulateMedia({ media: 'print' });
    assert(!(await insp.isVisible('#sv-export')) && !(await insp.isVisible('#sv-print')), 'controls print');
    await shot(insp, 'survey-results-print.png');
    await insp.emulateMedia({ media: 'screen' });
    await insp.setViewportSize(env.MOBILE);
    await insp.waitForTimeout(400);
    const over = await overflow(insp);
    assert(over <= 0, 'the results page is ' + over + 'px wider than a 390px phone');
    await shot(insp, 'survey-results-mobile.png');
  });

  await check('surveys: no console errors on these pages', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
}
