// health.mjs - e2e checks of 体质健康 (issue 14, part HE): the teacher records
// a short school day (59 minutes, one eye exercise: flagged MG_PE_DAILY and
// MG_EYE_EXERCISES) and a class's vision screening, where 2.9 is refused on
// its row and nothing of it is stored; the principal's page shows the figures
// with Chart.js charts beside their tables, refuses a fitness file with a
// total of 120.1 row by row (nothing stored), prints without its controls;
// the bureau's district view lists every school with the Excel export.
// Screenshots at 1280 px and 390 px, no sideways overflow on the phone.
// Called by smoke.mjs.

import { apiAs, rolePages, overflow } from './homework.mjs';

const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (404|409|422)/;

/** The latest school day before today, asked of the calendar. */
async function lastSchoolDay(api) {
  const d = new Date(Date.now() + 8 * 3600e3);
  for (let i = 1; i < 40; i++) {
    const day = new Date(d.getTime() - i * 86400e3).toISOString().slice(0, 10);
    const r = await api.get('/api/v1/calendar/' + day);
    if (r.status === 200 && r.json.day_kind === 'school_day') return day;
  }
  return null;
}

export async function healthChecks(env) {
  const { check, assert, shot, BASE } = env;
  const PW = env.ADMIN_PASS;
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);

  const teacher = await pageAs('teacher', env.DESKTOP);
  await check('health: the teacher records 59 minutes and one eye exercise; the day is flagged MG_PE_DAILY and MG_EYE_EXERCISES', async () => {
    st.tapi = await apiAs(BASE, 'teacher', PW);
    st.admin = await apiAs(BASE, 'admin', PW);
    st.day = await lastSchoolDay(st.tapi);
    assert(st.day, 'no school day in the last 40 days');
    await teacher.goto(BASE + '/#/health-entry');
    await teacher.waitForSelector('#he-act-form');
    st.cls = await teacher.inputValue('#he-class');
    await teacher.fill('#he-day', st.day);
    await teacher.fill('#he-pe', '40');
    await teacher.fill('#he-bb', '19');
    await teacher.fill('#he-other', '0');
    await teacher.fill('#he-eye', '1');
    await teacher.click('#he-act-save');
    await teacher.waitForSelector('#he-act-msg .alert, #he-act-msg .notice, #he-act-msg [role]');
    const msg = await teacher.textContent('#he-act-msg');
    assert(/MG_PE_DAILY/.test(msg) && /MG_EYE_EXERCISES/.test(msg) && /59/.test(msg), 'message: ' + msg);
    await teacher.waitForSelector('#he-days-table');
    const row = await teacher.textContent('#he-days-table tbody tr:first-child');
    assert(row.includes(st.day) && row.includes('59'), 'first row: ' + row);
    await shot(teacher, 'health-entry.png');
    await teacher.setViewportSize(env.MOBILE);
    const over = await overflow(teacher);
    assert(over <= 0, 'the entry page is ' + over + 'px wider than a 390px phone');
    await shot(teacher, 'health-entry-mobile.png');
    await teacher.setViewportSize(env.DESKTOP);
  });

  await check('health: a class screening refuses 2.9 on its row, stores the good rows only', async () => {
    assert(st.cls, 'no class');
    await teacher.goto(BASE + '/#/health-entry?class_id=' + st.cls + '&tab=vision');
    await teacher.waitForSelector('#he-vis-table');
    const before = (await st.tapi.get('/api/v1/classes/' + st.cls + '/vision-screenings')).json.items;
    await teacher.fill('#he-l-0', '2.9');
    await teacher.fill('#he-r-0', '5.0');
    await teacher.fill('#he-l-1', '4.8');
    await teacher.fill('#he-r-1', '5.1');
    await teacher.click('#he-vis-save');
    await teacher.waitForSelector('#he-vis-msg .notice, #he-vis-msg [role]');
    const first = await teacher.textContent('#he-vis-table tbody tr:nth-child(1)');
    const second = await teacher.textContent('#he-vis-table tbody tr:nth-child(2)');
    assert(/3\.0/.test(first) && /5\.3/.test(first), 'first row: ' + first);
    assert(/视力不良/.test(second), 'second row: ' + second);
    const after = (await st.tapi.get('/api/v1/classes/' + st.cls + '/vision-screenings')).json.items;
    assert(after[0].screenings === before[0].screenings, 'the refused row was stored');
    assert(after[1].screenings === before[1].screenings + 1, 'the good row was not stored');
    await shot(teacher, 'health-vision.png');
  });

  const head = await pageAs('principal', env.DESKTOP);
  await check('health: the school page shows the figures, charts beside their tables', async () => {
    await head.goto(BASE + '/#/health');
    await head.waitForSelector('#he-summary');
    for (const id of ['#he-activity-table', '#he-fitness-table', '#he-vision-table']) await head.waitForSelector(id);
    await head.waitForFunction(() => document.querySelectorAll('.he-chart canvas').length >= 3 && window.Chart);
    const text = await head.textContent('#he-summary');
    assert(/及格率/.test(text) && /视力不良率/.test(text), 'summary: ' + text);
    const rule = await head.textContent('.page-health');
    assert(/MG_PE_DAILY/.test(rule) && /MG_FITNESS/.test(rule) && /MG_VISION_SCREENING/.test(rule), 'rule codes missing');
    await head.waitForTimeout(300);
    await shot(head, 'health-school.png');
    await head.setViewportSize(env.MOBILE);
    await head.waitForTimeout(500); // Chart.js redraws its canvases at the new width
    const over = await overflow(head);
    assert(over <= 0, 'the school page is ' + over + 'px wider than a 390px phone');
    await shot(head, 'health-school-mobile.png');
    await head.setViewportSize(env.DESKTOP);
  });

  await check('health: a fitness file with 120.1 is refused row by row and nothing is stored', async () => {
    const roster = (await st.admin.get('/api/v1/classes/' + st.cls)).json.students;
    const csv = '学籍号,姓名,年级,总分\n' + roster[0].registry_no + ',' + roster[0].name + ',3,88.5\n'
      + roster[1].registry_no + ',' + roster[1].name + ',3,120.1\n';
    await head.setInputFiles('#he-fit-file', { name: '体测成绩.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await head.click('#he-fit-import');
    await head.waitForSelector('#he-fit-out .alert-error');
    const out = await head.textContent('#he-fit-out');
    assert(/第 3 行/.test(out) && /120\.1/.test(out), 'errors: ' + out);
    const audit = (await st.admin.get('/api/v1/audit?action=import.fitness')).json.items;
    assert(audit.length === 0, 'an import was stored');
    await shot(head, 'health-import-refused.png');
  });

  await check('health: the print view hides the controls and keeps the tables', async () => {
    await head.emulateMedia({ media: 'print' });
    const hidden = await head.evaluate(() => [...document.querySelectorAll('.no-print')].every((e) => getComputedStyle(e).display === 'none'));
    assert(hidden, 'controls show in print');
    assert(await head.isVisible('#he-fitness-table'), 'the fitness table does not print');
    await shot(head, 'health-print.png');
    await head.emulateMedia({ media: 'screen' });
  });

  const bureau = await pageAs('inspector', env.DESKTOP);
  await check('health: the district view lists every school with the export', async () => {
    await bureau.goto(BASE + '/#/health-district');
    await bureau.waitForSelector('#he-district-table');
    const rows = await bureau.locator('#he-district-table tbody tr').count();
    const n = (await st.admin.get('/api/v1/schools?limit=200')).json.items.length;
    assert(rows === n, rows + ' rows for ' + n + ' schools');
    const href = await bureau.getAttribute('#he-export', 'href');
    assert(/\/api\/v1\/health\.xlsx\?term_id=\d+/.test(href), 'export: ' + href);
    const x = await bureau.request.get(BASE + href);
    assert(x.status() === 200 && /spreadsheetml/.test(x.headers()['content-type']), 'export answered ' + x.status());
    await bureau.waitForFunction(() => document.querySelectorAll('.he-chart canvas').length >= 2 && window.Chart);
    await bureau.waitForTimeout(300);
    await shot(bureau, 'health-district.png');
    await bureau.click('#he-district-table tbody tr:first-child a');
    await bureau.waitForSelector('#he-summary');
    await bureau.setViewportSize(env.MOBILE);
    await bureau.waitForTimeout(500);
    const over = await overflow(bureau);
    assert(over <= 0, 'the school page (bureau) is ' + over + 'px wider than a 390px phone');
    await shot(bureau, 'health-school-bureau-mobile.png');
  });

  await check('health: no console errors on these pages', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });
  for (const c of contexts) await c.close();
}
