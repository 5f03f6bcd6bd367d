// afterschool.mjs - e2e checks of the after-school pages (课后服务, issue 5):
// the principal's 服务方案 (a refusal with its AS_ code, then a save), 课程菜单
// (a program made through the form), 报名与分配 (运行分配), 活动安排 (sessions
// generated), the parent's 课后服务报名 on a phone (the voluntary
// declaration is required: without it AS_VOLUNTARY and nothing stored), the
// teacher's 今日课后服务 on a phone (attendance, 作业完成, the no-new-lesson
// flag, handover, an incident), the school's 安全检查 / 弹性上下班 / 质量指标
// and the district's view with its click-through. Called by smoke.mjs with
// its helpers; every check prints one "ok - …" / "not ok - …" line.
//
// Data: the demo accounts (principal, teacher, parent, admin). What the
// checks look for is made here, through the pages; after-school data the
// demo may already hold (a plan, programs, the child's application) is
// tolerated: a live application of the child is withdrawn through the page.

import { apiAs, rolePages, overflow, addDays } from './homework.mjs';

const PHONE = { width: 390, height: 844 };
// Refusals the pages expect and show.
const EXPECTED_CONSOLE = /Failed to load resource: the server responded with a status of (422|409)/;

/** Click a button that opens the confirm dialog and confirm; resolves to the write's response. */
async function confirmed(page, opener, urlPart) {
  await page.click(opener);
  await page.waitForSelector('#confirm-dialog');
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(urlPart) && r.request().method() === 'POST'),
    page.click('#confirm-ok'),
  ]);
  await page.waitForSelector('#confirm-dialog', { state: 'detached' });
  return resp;
}

/** Submit a form by its button; resolves to the POST's response and its JSON. */
async function posted(page, button, urlPart) {
  const [resp] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(urlPart) && r.request().method() === 'POST'),
    page.click(button),
  ]);
  return { resp, body: await resp.json().catch(() => null) };
}

export async function afterschoolChecks(env) {
  const { check, assert, BASE } = env;
  const PW = env.ADMIN_PASS;
  const tag = String(env.RUN_ID).slice(-6);
  const st = { problems: [] };
  const contexts = [];
  const pageAs = rolePages(env, st.problems, contexts, EXPECTED_CONSOLE);

  await check('afterschool: demo accounts, the term of today, a child of the parent in the principal\'s school, the teacher\'s staff record', async () => {
    st.principal = await apiAs(BASE, 'principal', PW);
    st.parent = await apiAs(BASE, 'parent', PW);
    st.teacher = await apiAs(BASE, 'teacher', PW);
    const me = (await st.principal.get('/api/v1/me')).json.user;
    st.sid = me.school_id;
    const kids = (await st.parent.get('/api/v1/me/children')).json.items;
    st.child = kids.find((k) => k.school_id === st.sid);
    assert(st.child, 'no child of the parent in school ' + st.sid);
    const staff = (await st.principal.get('/api/v1/schools/' + st.sid + '/staff')).json.items;
    st.staff = staff.find((s) => s.username === 'teacher');
    assert(st.staff, 'the teacher account has no staff record in school ' + st.sid);
    const terms = (await st.principal.get('/api/v1/terms')).json.items;
    // The server's today: the homework day of a class answers it.
    st.today = (await st.teacher.get('/api/v1/classes/' + st.child.class_id + '/homework')).json.date
      || (await st.principal.get('/api/v1/classes/' + st.child.class_id + '/homework')).json.date;
    st.term = terms.find((t) => t.starts_on <= st.today && st.today <= t.ends_on);
    assert(st.term, 'no term holds ' + st.today);
    st.ready = true;
    console.log('# afterschool data: school ' + st.sid + ', child ' + st.child.id + ' (grade ' + st.child.grade + '), term ' + st.term.id + ', today ' + st.today);
  });
  if (!st.ready) return;

  const p = await pageAs('principal', env.DESKTOP);
  const q = '?term=' + st.term.id;

  await check('principal: 服务方案 with one school day is refused with AS_FIVE_DAYS and nothing stored; five days save a new version', async () => {
    const before = (await st.principal.get('/api/v1/schools/' + st.sid + '/afterschool-plans?term_id=' + st.term.id)).json.plan;
    await p.goto(BASE + '/#/as-plan' + q);
    await p.waitForSelector('#as-slots .slot-row');
    // Keep one row only: a plan of one day.
    while (await p.locator('#as-slots .slot-row').count() > 1) await p.locator('#as-slots .slot-row .slot-remove').last().click();
    await p.selectOption('#as-slots .slot-row select.slot-day', '1');
    await p.selectOption('#as-slots .slot-row select.slot-kind', 'regular');
    const bad = await posted(p, '#as-plan-save', '/afterschool-plans');
    assert(bad.resp.status() === 422 && bad.body.error.code === 'AS_FIVE_DAYS', 'answered ' + bad.resp.status() + ' ' + JSON.stringify(bad.body));
    assert((await p.innerText('#as-plan-msg #as-rule-code')) === 'AS_FIVE_DAYS', 'no rule code shown');
    assert((await p.innerText('#as-plan-msg')).includes(bad.body.error.message), 'the server\'s message is not shown');
    await env.shot(p, 'as-plan-refused.png');
    const after = (await st.principal.get('/api/v1/schools/' + st.sid + '/afterschool-plans?term_id=' + st.term.id)).json.plan;
    assert(JSON.stringify(after) === JSON.stringify(before), 'the refused plan changed what is stored');
    // Five school days to 17:30 and a 延时托管 slot.
    await p.goto(BASE + '/#/as-plan' + q);
    await p.waitForSelector('#as-slots .slot-row');
    while (await p.locator('#as-slots .slot-row').count() > 0) await p.locator('#as-slots .slot-row .slot-remove').last().click();
    for (let d = 1; d <= 6; d++) {
      await p.click('#as-slot-add');
      const row = p.locator('#as-slots .slot-row').last();
      await row.locator('select.slot-day').selectOption(String(Math.min(d, 5)));
      await row.locator('input[aria-label="开始"]').fill(d === 6 ? '17:30' : '15:30');
      await row.locator('input[aria-label="结束"]').fill(d === 6 ? '18:30' : '17:30');
      await row.locator('select.slot-kind').selectOption(d === 6 ? 'extended' : 'regular');
    }
    const ok = await posted(p, '#as-plan-save', '/afterschool-plans');
    assert(ok.resp.status() === 201, 'save answered ' + ok.resp.status() + ' ' + JSON.stringify(ok.body));
    assert(ok.body.version === (before ? before.version + 1 : 1), 'version ' + ok.body.version + ' after ' + (before && before.version));
    await p.waitForSelector('#as-plan-msg .alert-success');
  });

  await check('principal (desktop): the plan editor shows whole times, a narrow 删除, and calls the regular kind 课后服务 as the summary does', async () => {
    await p.goto(BASE + '/#/as-plan' + q);
    await p.waitForSelector('#as-slots .slot-row');
    const clipped = await p.$$eval('#as-slots input[type="time"]', (xs) => xs.filter((x) => x.scrollWidth > x.clientWidth + 1).length);
    assert(clipped === 0, clipped + ' time fields are clipped');
    const rm = await p.locator('#as-slots .slot-remove').first().evaluate((e) => e.getBoundingClientRect().width);
    assert(rm < 120, '删除 is ' + rm + 'px wide');
    const opt = await p.locator('#as-slots select.slot-kind option[value="regular"]').first().innerText();
    const chips = await p.locator('#as-plan-current .chip').allInnerTexts();
    assert(opt === '课后服务' && chips.includes(opt), 'the editor calls it ' + JSON.stringify(opt) + ', the summary ' + JSON.stringify([...new Set(chips)]));
  });

  await check('principal: 放学时间 per weekday; a Friday service to 16:00 with 延时托管 at 17:45 is refused with AS_END_TIME (issue 12)', async () => {
    const before = (await st.principal.get('/api/v1/schools/' + st.sid + '/afterschool-plans?term_id=' + st.term.id)).json.plan;
    const set = (await st.principal.get('/api/v1/schools/' + st.sid + '/afterschool-settings')).json;
    await p.goto(BASE + '/#/as-plan' + q);
    await p.waitForSelector('#as-dismiss-form');
    assert((await p.inputValue('#as-dismiss-1')) === (set.dismissal[0] || ''), 'Monday\'s 放学时间 is not the school\'s setting');
    assert((await p.inputValue('#as-dismiss-6')) === '', 'Saturday shows a 放学时间 the school did not set');
    while (await p.locator('#as-slots .slot-row').count() > 0) await p.locator('#as-slots .slot-row .slot-remove').last().click();
    const rows = [[1, '15:30', '17:30', 'regular'], [2, '15:30', '17:30', 'regular'], [3, '15:30', '17:30', 'regular'],
      [4, '15:30', '17:30', 'regular'], [5, '15:30', '16:00', 'regular'], [5, '17:45', '18:00', 'extended']];
    for (const [d, a, b, k] of rows) {
      await p.click('#as-slot-add');
      const row = p.locator('#as-slots .slot-row').last();
      await row.locator('select.slot-day').selectOption(String(d));
      await row.locator('input[aria-label="开始"]').fill(a);
      await row.locator('input[aria-label="结束"]').fill(b);
      await row.locator('select.slot-kind').selectOption(k);
    }
    const bad = await posted(p, '#as-plan-save', '/afterschool-plans');
    assert(bad.resp.status() === 422 && bad.body.error.code === 'AS_END_TIME', 'answered ' + bad.resp.status() + ' ' + JSON.stringify(bad.body));
    assert((await p.innerText('#as-plan-msg #as-rule-code')) === 'AS_END_TIME', 'no rule code shown');
    const after = (await st.principal.get('/api/v1/schools/' + st.sid + '/afterschool-plans?term_id=' + st.term.id)).json.plan;
    assert(JSON.stringify(after) === JSON.stringify(before), 'the refused plan changed what is stored');
  });

  await check('principal: 课程菜单 adds a 作业辅导 program for the child\'s grade with the teacher as staff', async () => {
    await p.goto(BASE + '/#/as-programs' + q);
    await p.waitForSelector('#as-program-form');
    st.program = '作业辅导' + tag;
    st.venue = '课后教室' + tag;
    await p.fill('#as-p-name', st.program);
    await p.selectOption('#as-p-category', 'homework');
    await p.check('#as-p-grades-' + st.child.grade);
    await p.fill('#as-p-venue', st.venue);
    await p.fill('#as-p-capacity', '45');
    await p.selectOption('#as-staff-0-type', 'teacher');
    await p.selectOption('#as-staff-0-pick', String(st.staff.id));
    await p.fill('#as-p-until', st.today);
    // A volunteer without vetting is refused (AS_STAFF_VETTING) by the server.
    await p.click('#as-p-staff-add');
    await p.selectOption('#as-staff-1-type', 'volunteer');
    await p.fill('#as-staff-1-name', '志愿者' + tag);
    const bad = await posted(p, '#as-program-save', '/api/v1/afterschool/programs');
    assert(bad.resp.status() === 422 && bad.body.error.code === 'AS_STAFF_VETTING', 'answered ' + bad.resp.status() + ' ' + JSON.stringify(bad.body));
    assert((await p.innerText('#as-program-msg #as-rule-code')) === 'AS_STAFF_VETTING', 'no rule code shown');
    await p.fill('#as-staff-1-vetting', '无犯罪记录证明');
    await p.fill('#as-staff-1-vetted', addDays(st.today, -3));
    const ok = await posted(p, '#as-program-save', '/api/v1/afterschool/programs');
    assert(ok.resp.status() === 201, 'program answered ' + ok.resp.status() + ' ' + JSON.stringify(ok.body));
    st.programId = ok.body.id;
    await p.waitForSelector('#as-programs-msg .alert-success');
    assert((await p.innerText('#as-programs')).includes(st.program), 'the menu does not list the new program');
    await env.shot(p, 'as-programs.png');
  });

  const par = await pageAs('parent', PHONE);
  const card = '.as-child-card[data-child-id="' + st.child.id + '"]';

  await check('parent (phone): 课后服务报名 lists the program; without 自愿 the server refuses AS_VOLUNTARY and stores nothing; with it the child is 已报名', async () => {
    assert(st.programId, 'the program was not made');
    await par.goto(BASE + '/#/as-apply');
    await par.waitForSelector(card);
    // An application left by the demo or an earlier run: 撤回 it through the page.
    if (await par.locator('#as-withdraw-' + st.child.id).count()) {
      const r = await confirmed(par, '#as-withdraw-' + st.child.id, '/withdraw');
      assert(r.status() === 200, 'withdraw answered ' + r.status());
    }
    const form = '#as-apply-' + st.child.id;
    await par.waitForSelector(form);
    assert((await par.innerText(card + ' .as-menu-list')).includes(st.program), 'the menu lacks the program');
    await par.selectOption(form + '-c0', String(st.programId));
    await par.check(form + '-alone');
    const bad = await posted(par, form + '-submit', '/api/v1/afterschool/applications');
    assert(bad.resp.status() === 422 && bad.body.error.code === 'AS_VOLUNTARY', 'answered ' + bad.resp.status() + ' ' + JSON.stringify(bad.body));
    assert((await par.innerText(form + '-msg #as-rule-code')) === 'AS_VOLUNTARY', 'no rule code shown');
    const vbox = await par.innerText(form + '-msg .alert-error');
    assert(vbox.trim().startsWith('家长自愿报名') && vbox.includes('怎么办：请勾选'), 'the refusal does not explain what to do: ' + JSON.stringify(vbox));
    assert(await par.locator(form + '-msg .alert-support #as-rule-code').count() === 1, 'the rule code is not in the small print');
    const live = (await st.parent.get('/api/v1/afterschool/applications?term_id=' + st.term.id)).json.items
      .filter((a) => a.student_id === st.child.id && a.status !== 'withdrawn');
    assert(live.length === 0, 'a refused application was stored: ' + JSON.stringify(live));
    await env.shot(par, 'as-apply-refused.png');
    await par.check(form + '-voluntary');
    const ok = await posted(par, form + '-submit', '/api/v1/afterschool/applications');
    assert(ok.resp.status() === 201 && ok.body.voluntary === true, 'apply answered ' + ok.resp.status() + ' ' + JSON.stringify(ok.body));
    await par.waitForSelector('#as-app-' + st.child.id);
    assert((await par.innerText('#as-app-' + st.child.id)).includes('已报名'), 'the state is not 已报名');
    const over = await overflow(par);
    await env.shot(par, 'as-apply.png');
    assert(over <= 0, '课后服务报名 is ' + over + 'px wider than a phone');
  });

  await check('principal: 报名与分配 runs the allocation after a confirm; the child is 已录取 to the program', async () => {
    await p.goto(BASE + '/#/as-applications' + q);
    await p.waitForSelector('#as-apps, #as-app-list .alert');
    const r = await confirmed(p, '#as-allocate', '/afterschool-allocation');
    assert(r.status() === 200, 'allocation answered ' + r.status() + ' ' + (await r.text()).slice(0, 200));
    await p.waitForSelector('#as-app-msg .alert-success');
    await p.goto(BASE + '/#/as-applications' + q + '&status=admitted');
    await p.waitForSelector('#as-apps');
    const apps = (await st.principal.get('/api/v1/afterschool/applications?limit=1000&term_id=' + st.term.id)).json.items;
    const mine = apps.find((a) => a.student_id === st.child.id && a.status !== 'withdrawn');
    assert(mine && mine.status === 'admitted' && mine.program_id === st.programId, 'the child\'s application: ' + JSON.stringify(mine));
    assert(await p.locator('#as-apps .as-withdraw[data-app-id="' + mine.id + '"]').count() <= 1, 'the row is listed twice');
    await env.shot(p, 'as-applications.png');
  });

  await check('principal: 活动安排 generates the program\'s sessions for the last two weeks; a school day up to today has one', async () => {
    const from = addDays(st.today, -14) < st.term.starts_on ? st.term.starts_on : addDays(st.today, -14);
    await p.goto(BASE + '/#/as-sessions' + q + '&program=' + st.programId + '&from=' + from + '&to=' + st.today);
    await p.waitForSelector('#as-generate');
    const g = await posted(p, '#as-generate', '/sessions');
    assert(g.resp.status() === 200 && g.body.created > 0, 'generate answered ' + g.resp.status() + ' ' + JSON.stringify(g.body));
    await p.waitForSelector('#as-sessions .as-session-link');
    const list = (await st.principal.get('/api/v1/afterschool/programs/' + st.programId + '/sessions?from=' + from + '&to=' + st.today)).json.items;
    st.session = list.filter((s) => s.day <= st.today).sort((a, b) => (a.day < b.day ? 1 : -1))[0];
    assert(st.session, 'no session up to today');
    assert(await p.locator('#as-sessions a[href="#/as-session/' + st.session.id + '"]').count() === 1, 'the session is not listed');
  });

  const t = await pageAs('teacher', PHONE);

  await check('teacher (phone): 今日课后服务 lists the session; 到/缺/假 with 作业完成, content with a new-lesson word comes back flagged AS_NO_NEW_LESSON', async () => {
    assert(st.session, 'no session');
    await t.goto(BASE + '/#/as-today?date=' + st.session.day);
    const link = t.locator('.as-session-card[data-session-id="' + st.session.id + '"]');
    await link.waitFor();
    await link.click();
    await t.waitForSelector('#as-roster');
    const row = '#as-roster .as-roster-row[data-student-id="' + st.child.id + '"]';
    await t.waitForSelector(row);
    // Default 到: the child's present button is checked.
    assert(await t.isChecked('#as-mark-' + st.child.id + '-present'), 'the default is not 到');
    const s = (await st.teacher.get('/api/v1/afterschool/sessions/' + st.session.id)).json;
    assert(s.category === 'homework', 'the session\'s category is ' + s.category);
    await t.check('#as-hw-' + st.child.id);
    await t.fill('#as-content', '完成数学书面作业，讲授新课：分数的初步认识');
    await t.fill('#as-form', '集中辅导');
    const r = await posted(t, '#as-att-save', '/attendance');
    assert(r.resp.status() === 200, 'attendance answered ' + r.resp.status() + ' ' + JSON.stringify(r.body));
    assert((r.body.flags || []).some((f) => f.code === 'AS_NO_NEW_LESSON'), 'no flag returned: ' + JSON.stringify(r.body));
    await t.waitForSelector('#as-flag-code');
    assert((await t.innerText('#as-flag-code')) === 'AS_NO_NEW_LESSON', 'the flag is not shown');
    const back = (await st.teacher.get('/api/v1/afterschool/sessions/' + st.session.id)).json;
    const me = back.roster.find((x) => x.student_id === st.child.id);
    assert(me.status === 'present', 'stored status ' + me.status);
    assert(me.homework_done === true, 'homework_done stored ' + me.homework_done);
    st.guardian = me.guardians[0];
    assert(st.guardian, 'the child has no guardian to hand over to');
  });

  await check('teacher (phone): handover to a guardian from the roster; an incident is recorded', async () => {
    assert(st.guardian, 'attendance failed');
    await t.waitForSelector('#as-ho-' + st.child.id);
    // The parent consented to leaving alone: 自行离校 is offered for this child.
    assert(await t.locator('#as-ho-' + st.child.id + ' option[value="alone"]').count() === 1, '自行离校 is not offered despite the consent');
    await t.selectOption('#as-ho-' + st.child.id, 'guardian:' + st.guardian.id);
    const r = await posted(t, '#as-ho-save', '/handover');
    assert(r.resp.status() === 200, 'handover answered ' + r.resp.status() + ' ' + JSON.stringify(r.body));
    await t.waitForSelector('#as-session .alert-success');
    const back = (await st.teacher.get('/api/v1/afterschool/sessions/' + st.session.id)).json;
    const me = back.roster.find((x) => x.student_id === st.child.id);
    assert(me.handover === 'guardian' && me.guardian_id === st.guardian.id, 'stored ' + JSON.stringify(me));
    const over = await overflow(t);
    await env.shot(t, 'as-session.png');
    assert(over <= 0, 'the session page is ' + over + 'px wider than a phone');
    await t.click('#as-incident summary');
    await t.selectOption('#as-inc-kind', 'injury');
    await t.selectOption('#as-inc-student', String(st.child.id));
    await t.fill('#as-inc-desc', '跳绳时擦伤膝盖' + tag);
    await t.fill('#as-inc-action', '校医消毒包扎');
    await t.check('#as-inc-notified');
    const inc = await posted(t, '#as-inc-save', '/incidents');
    assert(inc.resp.status() === 201, 'incident answered ' + inc.resp.status() + ' ' + JSON.stringify(inc.body));
    await t.waitForSelector('#as-inc-msg .alert-success');
    await t.goto(BASE + '/#/as-today?date=' + st.session.day);
    await t.waitForSelector('#as-alerts-box .alert, #as-alerts-box .as-alerts');
    await env.shot(t, 'as-today.png');
    assert(await overflow(t) <= 0, '今日课后服务 is wider than a phone');
  });

  await check('principal: 安全检查 of the program\'s venue passes it; the incident is listed; 弹性上下班 has the teacher', async () => {
    await p.goto(BASE + '/#/as-safety' + q);
    await p.waitForSelector('#as-sc-form');
    await p.fill('#as-sc-venue', st.venue);
    const r = await posted(p, '#as-sc-save', '/afterschool-safety-checks');
    assert(r.resp.status() === 201 && r.body.passed === true, 'check answered ' + r.resp.status() + ' ' + JSON.stringify(r.body));
    await p.waitForSelector('#as-safety-msg .alert-success');
    await p.waitForSelector('#as-venue-table');
    const row = p.locator('#as-venue-table tr', { hasText: st.venue });
    assert((await row.innerText()).includes('正常'), 'the venue reads ' + JSON.stringify(await row.innerText()));
    await p.waitForSelector('#as-incident-table');
    assert((await p.innerText('#as-incident-table')).includes('跳绳时擦伤膝盖' + tag), 'the incident is not listed');
    await env.shot(p, 'as-safety.png');
    await p.goto(BASE + '/#/as-hours' + q);
    await p.waitForSelector('#as-hours');
    assert(await p.locator('#as-hours tr[data-staff-id="' + st.staff.id + '"]').count() === 1, 'the teacher has no row');
  });

  await check('principal: the flagged session is reviewed (AS_NO_NEW_LESSON): 确认违规 with a note, shown on the session', async () => {
    assert(st.session, 'no session');
    await p.goto(BASE + '/#/as-session/' + st.session.id);
    await p.waitForSelector('#as-review-form');
    // What is reviewed comes first (above the roll), and no verdict is preset.
    const content = await p.innerText('#as-review-content');
    assert(content.includes('活动内容') && content.includes('标记原因'), 'the review does not show the content first: ' + JSON.stringify(content));
    const [reviewY, rollY] = await p.evaluate(() => [document.querySelector('#as-review').getBoundingClientRect().top, (document.querySelector('#as-att-form, .as-roll, form[id^="as-att"]') || document.body).getBoundingClientRect().top]);
    assert(reviewY <= rollY, 'the review sits below the roll');
    assert(await p.inputValue('#as-review-outcome') === '', 'the verdict is preset to ' + await p.inputValue('#as-review-outcome'));
    await p.fill('#as-review-note', '先不选结论');
    await p.click('#as-review-save');
    assert((await p.innerText('#as-review-msg')).includes('请先选择核查结论'), 'saving without a verdict was not stopped');
    await p.selectOption('#as-review-outcome', 'confirmed');
    await p.fill('#as-review-note', '已约谈任课教师' + tag);
    const r = await posted(p, '#as-review-save', '/review');
    assert(r.resp.status() === 200 && r.body.outcome === 'confirmed', 'review answered ' + r.resp.status() + ' ' + JSON.stringify(r.body));
    await p.waitForSelector('#as-review-done');
    assert((await p.innerText('#as-review-done')).includes('已约谈任课教师' + tag), 'the review is not shown');
    const back = (await st.principal.get('/api/v1/afterschool/sessions/' + st.session.id)).json;
    assert(back.review && back.review.outcome === 'confirmed', 'stored review ' + JSON.stringify(back.review));
  });

  await check('principal: 质量指标 shows participation by grade, attendance and the archive export (xlsx)', async () => {
    await p.goto(BASE + '/#/afterschool' + q);
    await p.waitForSelector('#as-summary');
    assert(await p.locator('#as-grade-bars .as-bar[data-grade="' + st.child.grade + '"]').count() === 1, 'no bar for grade ' + st.child.grade);
    const m = (await st.principal.get('/api/v1/schools/' + st.sid + '/afterschool-metrics?term=' + st.term.id)).json;
    assert(m.applied >= 1 && m.recorded >= 1, 'metrics ' + JSON.stringify(m).slice(0, 200));
    assert((await p.innerText('#as-summary')).includes(m.participation_percent + '%'), 'the participation figure is not shown');
    await env.shot(p, 'as-metrics.png');
    const href = await p.getAttribute('#as-archive', 'href');
    const x = await p.request.get(BASE + href);
    const head = (await x.body()).subarray(0, 2).toString();
    assert(x.status() === 200 && head === 'PK', 'the archive answered ' + x.status() + ' ' + head);
  });

  await check('district admin: 课后服务（全区） lists the school with its numbers; clicking it opens the school\'s 质量指标', async () => {
    const a = await pageAs(env.ADMIN_USER, env.DESKTOP);
    await a.goto(BASE + '/#/as-district' + q);
    await a.waitForSelector('#as-schools');
    const link = a.locator('#as-schools a.school-link[href*="school_id=' + st.sid + '&"]');
    assert(await link.count() === 1, 'the school is not listed');
    assert(await a.locator('#as-school-bars .as-bar[data-school-id="' + st.sid + '"]').count() === 1, 'no bar for the school');
    await env.shot(a, 'as-district.png');
    await link.click();
    await a.waitForSelector('#as-summary');
    await a.waitForFunction(() => document.querySelector('h1 .title-sub') && document.querySelector('h1 .title-sub').textContent.length > 0);
    assert(await a.locator('.page-afterschool .tabs').count() === 0, 'the bureau sees the school\'s tabs');
  });

  await check('afterschool pages: no script errors, CSP violations or unexpected console errors', async () => {
    assert(st.problems.length === 0, st.problems.join(' | '));
  });

  for (const c of contexts) await c.close();
  for (const k of ['teacher', 'parent', 'principal']) if (st[k]) await st[k].dispose();
}
