// smoke.mjs - headless Chromium smoke test of the web UI against a running
// `shuangjian serve`. Uses Debian's /usr/bin/chromium through playwright-core
// (no browser download).
//
//   SJ_BASE_URL    server to test, e.g. http://127.0.0.1:18080
//   SJ_ADMIN_USER  a district_admin account (default admin)
//   SJ_ADMIN_PASS  its password
//   SJ_ADMIN_TOKEN a bearer token of it, revoked by the accounts checks (optional)
//   SJ_SHOT_DIR    where screenshots go (default ../../build/e2e, from this folder)
//   SJ_CHROMIUM    browser binary (default /usr/bin/chromium)
//   SJ_E2E_ONLY    run only these suites (comma-separated: org,homework,afterschool,transfers,accounts,ticases,reports,institutions,health,exams,checkins,surveys,svvisits,supervision)
//
// Prints "ok - NAME" / "not ok - NAME: REASON" per check and a last line
// "e2e: N passed, M failed"; exits 1 when any check failed.

import { chromium } from 'playwright-core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { orgChecks } from './org.mjs';
import { homeworkChecks } from './homework.mjs';
import { afterschoolChecks } from './afterschool.mjs';
import { transferChecks } from './transfers.mjs';
import { accountChecks } from './accounts.mjs';
import { ticaseChecks } from './ticases.mjs';
import { reportChecks } from './reports.mjs';
import { institutionChecks } from './institutions.mjs';
import { healthChecks } from './health.mjs';
import { svVisitChecks } from './svvisits.mjs'; // part SC
import { examChecks } from './exams.mjs';
import { checkinChecks } from './checkins.mjs';
import { surveyChecks } from './surveys.mjs'; // issue 15, part SD
import { supervisionChecks } from './supervision.mjs'; // issue 15, part SA

const here = path.dirname(fileURLToPath(import.meta.url));
const BASE = (process.env.SJ_BASE_URL || 'http://127.0.0.1:18080').replace(/\/+$/, '');
const ADMIN_USER = process.env.SJ_ADMIN_USER || 'admin';
const ADMIN_PASS = process.env.SJ_ADMIN_PASS || '';
const SHOT_DIR = path.resolve(here, process.env.SJ_SHOT_DIR || '../../build/e2e');
const CHROMIUM = process.env.SJ_CHROMIUM || '/usr/bin/chromium';
const RUN_ID = Date.now();
const XSS = '<img src=x onerror="window.__xss=1">';
const DESKTOP = { width: 1280, height: 860 };
const MOBILE = { width: 390, height: 844 };
const HAN = /[\u4e00-\u9fff]/;
const ONLY = (process.env.SJ_E2E_ONLY || '').split(',').map((x) => x.trim()).filter(Boolean);
const suite = (name) => ONLY.length === 0 || ONLY.includes(name);

let passed = 0;
let failed = 0;
const state = { signedIn: false };

function report(ok, name, reason) {
  if (ok) {
    passed += 1;
    console.log('ok - ' + name);
  } else {
    failed += 1;
    console.log('not ok - ' + name + ': ' + String(reason).split('\n')[0].slice(0, 300));
  }
}

async function check(name, fn, needs) {
  if (needs && !state[needs]) {
    report(false, name, 'not run: an earlier check it depends on (' + needs + ') failed');
    return;
  }
  try {
    await fn();
    report(true, name);
  } catch (e) {
    report(false, name, e && e.message ? e.message : e);
  }
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

function finish(code) {
  console.log('e2e: ' + passed + ' passed, ' + failed + ' failed');
  process.exit(code !== undefined ? code : failed > 0 ? 1 : 0);
}

// The whole run is bounded in time.
const watchdog = setTimeout(() => {
  report(false, 'run finished in time', 'the smoke test took longer than 400 s');
  finish(1);
}, 400_000);
watchdog.unref();

async function shot(page, name, fullPage = true) {
  await page.screenshot({ path: path.join(SHOT_DIR, name), fullPage });
}

async function go(page, route) {
  await page.goto(BASE + '/#/' + route);
}

async function main() {
  if (!ADMIN_PASS) {
    report(false, 'configuration', 'SJ_ADMIN_PASS is not set');
    finish(1);
  }
  fs.mkdirSync(SHOT_DIR, { recursive: true });

  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-quic'],
    });
  } catch (e) {
    report(false, 'launch chromium', e.message);
    finish(1);
  }

  const csp = [];
  const pageErrors = [];
  // Every browser context reports CSP violations and script errors here.
  async function newContext(viewport = DESKTOP) {
    const ctx = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true });
    await ctx.exposeBinding('__sjCsp', (_src, v) => csp.push(v));
    await ctx.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        window.__sjCsp(e.violatedDirective + ' ' + e.blockedURI);
      });
    });
    ctx.on('page', (pg) => {
      pg.on('console', (m) => {
        if (/Content Security Policy|Content-Security-Policy/i.test(m.text())) csp.push(m.text());
      });
      pg.on('pageerror', (e) => pageErrors.push(e.message));
    });
    return ctx;
  }
  const context = await newContext(DESKTOP);
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);

  // 1. The login page, and a wrong password answered in Chinese by the server.
  await check('login page renders and a wrong password shows the server\'s Chinese error', async () => {
    await go(page, 'login');
    await page.waitForSelector('#login-username');
    const title = await page.title();
    assert(HAN.test(title) && title.includes('双减监管平台'), 'page title is not Chinese: ' + JSON.stringify(title));
    const h1 = (await page.textContent('h1')) || '';
    assert(h1.includes('双减监管平台'), 'heading is ' + JSON.stringify(h1));
    await shot(page, 'login.png', false);

    await page.fill('#login-username', ADMIN_USER);
    await page.fill('#login-password', 'wrong-password-' + RUN_ID);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
      page.click('#login-submit'),
    ]);
    const body = await resp.json().catch(() => null);
    assert(resp.status() === 401, 'wrong password answered ' + resp.status() + ' ' + JSON.stringify(body));
    const msg = body && body.error && body.error.message;
    assert(typeof msg === 'string' && HAN.test(msg), 'server error.message is not Chinese: ' + JSON.stringify(body));
    const shown = await page.locator('#login-error [role=alert]').innerText();
    assert(shown.includes(msg), 'shown ' + JSON.stringify(shown) + ', server said ' + JSON.stringify(msg));
    if (body.error.request_id) assert(shown.includes(body.error.request_id), 'request id not shown');
    assert(await page.isEnabled('#login-submit'), 'the login button stays disabled after the error');
  });

  // 2. Sign in as the district admin; the home page shows the role and the cards.
  await check('admin signs in; home shows 教育局管理员 and the cards', async () => {
    await page.fill('#login-username', ADMIN_USER);
    await page.fill('#login-password', ADMIN_PASS);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'POST'),
      page.click('#login-submit'),
    ]);
    assert(resp.status() === 200, 'sign-in answered ' + resp.status() + ' ' + (await resp.text()).slice(0, 200));
    await page.waitForURL(/#\/home/);
    await page.waitForSelector('.page-home');
    state.signedIn = true;
    const role = (await page.textContent('#user-role')) || '';
    assert(role.trim() === '教育局管理员', 'header role is ' + JSON.stringify(role));
    for (const c of ['policy', 'audit', 'users']) {
      assert(await page.locator('a[data-card="' + c + '"]').count() === 1, 'no live card for ' + c);
    }
    // Every pillar of the plan is live now (督导评估 with issue 15): no 即将上线 card is left.
    const soon = await page.locator('[data-card="soon"]').count();
    assert(soon === 0, soon + ' 即将上线 cards are still shown');
    for (const c of ['sv', 'sv-dashboard', 'sv-special', 'sv-visits', 'surveys', 'fm-district', 'health-district', 'exam-district']) {
      assert(await page.locator('a[data-card="' + c + '"]').count() === 1, 'no live card for ' + c);
    }
    const text = await page.locator('main').innerText();
    for (const t of ['政策', '审计日志', '用户管理', '作业管理', '课后服务', '督导评估']) assert(text.includes(t), 'home lacks ' + t);
    await page.waitForFunction(() => document.getElementById('home-facts').textContent.length > 0).catch(() => {});
    await shot(page, 'home.png');
  });

  // 3. The policy page against the API's own numbers.
  await check('policy page: 60/90 minute limits, 17:30, every C item, the B4.1 erratum', async () => {
    const apiResp = await page.request.get(BASE + '/api/v1/policy');
    assert(apiResp.status() === 200, 'GET /api/v1/policy answered ' + apiResp.status());
    const pack = await apiResp.json();
    const ids = [];
    let nb = 0;
    for (const a of pack.indicators || []) for (const b of a.b || []) { nb += 1; for (const c of b.c || []) ids.push(c.id); }

    await go(page, 'policy');
    await page.waitForSelector('#indicators [data-c-id]');
    const hw = await page.locator('#hw-table').innerText();
    assert(hw.includes('60 分钟') && hw.includes('90 分钟'), 'homework table lacks 60/90 分钟: ' + JSON.stringify(hw.slice(0, 200)));
    assert(hw.includes('不布置书面作业'), 'homework table lacks 不布置书面作业 for grades 1-2');
    assert(hw.includes('区设定'), 'off-day limits are not marked 区设定');
    const body = await page.locator('main').innerText();
    assert(body.includes('17:30'), 'after-school end time 17:30 not shown');

    const domIds = await page.locator('[data-c-id]').evaluateAll((els) => els.map((e) => e.dataset.cId));
    assert(domIds.length === ids.length, 'DOM shows ' + domIds.length + ' C items, API has ' + ids.length);
    assert(JSON.stringify(domIds) === JSON.stringify(ids), 'C item ids differ from the API order');
    const counts = await page.locator('#indicator-counts').innerText();
    const want = (pack.indicators || []).length + ' 个 A 级、' + nb + ' 个 B 级、' + ids.length + ' 个 C 级';
    assert(counts.replace(/\s+/g, ' ').includes(want), 'counts line ' + JSON.stringify(counts) + ' lacks ' + want);

    const b41 = page.locator('[data-c-id="B4.1"]');
    assert(await b41.count() === 1, 'no B4.1 item');
    const t = await b41.innerText();
    assert(t.includes('学为中心'), 'B4.1 lacks the corrected reading 学为中心');
    assert(t.includes('学位中心'), 'B4.1 lacks the published wording 学位中心');
    assert(t.includes('勘误') && t.includes('原文'), 'B4.1 lacks the 勘误 mark or the 原文 line');
    assert(await b41.isVisible(), 'B4.1 is not visible on a desktop screen');
    // 可由系统数据判定 only where the platform keeps the records today (issue 12)
    const badged = await page.locator('[data-c-id][data-computable="1"]').evaluateAll((els) => els.map((e) => e.dataset.cId));
    // (exam plans, vision screenings, PE records and survey answers exist since issues 14 and 15)
    for (const id of ['B10.1', 'B10.2', 'B12.3', 'B14.3', 'B13.1', 'B22.3', 'B28.1', 'B18.3']) assert(badged.includes(id), id + ' lacks the 可由系统数据判定 badge');
    for (const id of ['B1.1', 'B13.2']) assert(!badged.includes(id), id + ' shows 可由系统数据判定 though no record judges it');
    const b12 = await page.locator('[data-c-id="B1.2"]').innerText();
    assert(b12.includes('党风廉政建设责任制') && b12.includes('党风廉政建设制'), 'B1.2 lacks its reading beside the published words');
    assert((await page.locator('#errata-table').innerText()).includes('构建良好教育环境'), 'the errata table lacks 一 构建良好教育环境');
    await shot(page, 'policy.png');
  }, 'signedIn');

  // 4. A script payload as a display name is shown as text and never runs.
  const username = 'e2e_' + RUN_ID;
  await check('a user named with a script payload shows literally and nothing runs', async () => {
    await go(page, 'users');
    await page.waitForSelector('#new-user-form');
    await page.waitForSelector('#users-table, .results .alert');

    // Browser-side validation first: a short password never reaches the server.
    let posted = false;
    const onReq = (r) => { if (r.url().endsWith('/api/v1/users') && r.method() === 'POST') posted = true; };
    page.on('request', onReq);
    await page.fill('#nu-username', username);
    await page.fill('#nu-display_name', XSS);
    await page.selectOption('#nu-role', 'inspector');
    await page.fill('#nu-password', 'short');
    await page.fill('#nu-password2', 'short');
    await page.click('#new-user-submit');
    await page.waitForSelector('#nu-password-error:not([hidden])');
    page.off('request', onReq);
    assert(!posted, 'an invalid form was sent to the server');

    const pw = 'e2e-pass-' + RUN_ID;
    await page.fill('#nu-password', pw);
    await page.fill('#nu-password2', pw);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
      page.click('#new-user-submit'),
    ]);
    assert(resp.status() === 201, 'create user answered ' + resp.status() + ' ' + (await resp.text()).slice(0, 300));
    await page.waitForSelector('#new-user-msg .alert-success');

    await page.fill('#uf-q', username);
    await page.press('#uf-q', 'Enter');
    const row = page.locator('tr[data-username="' + username + '"]');
    await row.waitFor();
    const shown = await row.locator('.display-name').textContent();
    assert(shown === XSS, 'display name shows as ' + JSON.stringify(shown));
    assert(await page.locator('main img').count() === 0, 'an <img> element was created from the payload');
    await page.waitForTimeout(300);
    const xss = await page.evaluate(() => window.__xss);
    assert(xss === undefined, 'window.__xss is ' + JSON.stringify(xss));
    assert(csp.length === 0, 'CSP violations: ' + csp.join(' | '));
    await shot(page, 'users.png');
    state.created = true;
  }, 'signedIn');

  // 4b. The server's refusal is shown next to the field it names.
  await check('a taken user name is refused by the server next to the 用户名 field', async () => {
    await page.fill('#nu-username', username);
    await page.fill('#nu-display_name', '重复用户');
    await page.selectOption('#nu-role', 'inspector');
    await page.fill('#nu-password', 'e2e-pass-again-' + RUN_ID);
    await page.fill('#nu-password2', 'e2e-pass-again-' + RUN_ID);
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/users') && r.request().method() === 'POST'),
      page.click('#new-user-submit'),
    ]);
    const body = await resp.json().catch(() => null);
    assert(resp.status() === 409 || resp.status() === 422, 'duplicate user answered ' + resp.status() + ' ' + JSON.stringify(body));
    const msg = body && body.error && body.error.message;
    await page.waitForSelector('#nu-username-error:not([hidden])');
    const shown = await page.locator('#nu-username-error').innerText();
    assert(typeof msg === 'string' && shown.includes(msg), 'next to 用户名: ' + JSON.stringify(shown) + ', server said ' + JSON.stringify(body));
  }, 'created');

  // 5. Screenshots: every page on a desktop, policy and home on a phone.
  await check('screenshots (desktop pages, 390x844 policy and home) without horizontal overflow', async () => {
    await go(page, 'audit');
    await page.waitForSelector('#audit-table tbody tr');
    const rows = await page.locator('#audit-table tbody tr').count();
    assert(rows >= 1, 'audit table is empty');
    // Names, not codes: the action column reads in Chinese (the code is the cell's tooltip).
    const acts = await page.locator('#audit-table tbody td[data-label="操作"]').allInnerTexts();
    assert(acts.length && acts.every((t) => t && !/^[a-z_]+(\.[a-z_]+)+$/.test(t.trim())), 'an action shows as a code: ' + JSON.stringify(acts.slice(0, 5)));
    await page.waitForFunction(() => document.querySelectorAll('#f-action option').length > 50);
    assert((await page.locator('#f-action option[value="homework.post"]').innerText()) === '布置作业', 'the action filter does not list 布置作业');
    assert(await page.getAttribute('#audit-export', 'href') === '/api/v1/audit.xlsx', 'no export link');
    await shot(page, 'audit.png');
    // On paper: the table, without the menu, the filters or the buttons.
    await page.emulateMedia({ media: 'print' });
    for (const sel of ['#nav', '#audit-filters', '#audit-export', '#logout']) assert(!(await page.isVisible(sel)), sel + ' would print');
    assert(await page.isVisible('#audit-table'), 'the table would not print');
    await page.emulateMedia({ media: 'screen' });

    await page.setViewportSize(MOBILE);
    await go(page, 'policy');
    await page.waitForSelector('#indicators [data-c-id]');
    const over = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(over <= 0, 'policy page is ' + over + 'px wider than a 390px phone');
    await shot(page, 'policy-mobile.png');
    await go(page, 'home');
    await page.waitForSelector('.page-home');
    const over2 = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert(over2 <= 0, 'home page is ' + over2 + 'px wider than a 390px phone');
    // The admin's menu is wider than a phone: a › button says more entries are there, and scrolls to them.
    assert(await page.evaluate(() => { const n = document.getElementById('nav'); return n.scrollWidth > n.clientWidth; }), 'the menu fits: nothing to check');
    assert(await page.isVisible('#nav-more-right') && !(await page.isVisible('#nav-more-left')), 'no hint that the menu scrolls');
    await shot(page, 'home-mobile.png');
    await page.click('#nav-more-right');
    await page.waitForFunction(() => document.getElementById('nav').scrollLeft > 0);
    await page.waitForSelector('#nav-more-left:not([hidden])');
    await page.setViewportSize(DESKTOP);
    // On a desktop the › shows only while entries are still hidden to the right.
    await page.waitForFunction(() => {
      const n = document.getElementById('nav'), b = document.getElementById('nav-more-right');
      return b.hidden === !(n.scrollLeft + n.clientWidth < n.scrollWidth - 12);
    });

    for (const f of ['login.png', 'home.png', 'policy.png', 'policy-mobile.png', 'home-mobile.png', 'audit.png', 'users.png']) {
      const p = path.join(SHOT_DIR, f);
      assert(fs.existsSync(p) && fs.statSync(p).size > 1000, 'missing screenshot ' + p);
    }
  }, 'signedIn');

  // 5b. The organisation pages (org.mjs), each role in its own browser context.
  if (suite('org')) await orgChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5c. The homework pages (homework.mjs): teacher, parent, school, district, public notice.
  if (suite('homework')) await homeworkChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5d. The after-school pages (afterschool.mjs): school, parent, teacher, district.
  if (suite('afterschool')) await afterschoolChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5e. 转学与调动 (transfers.mjs): a school asks, the bureau confirms.
  if (suite('transfers')) await transferChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5f. Accounts (accounts.mjs): provisioning with slips, activation, 我的账号, 用户管理.
  if (suite('accounts')) await accountChecks({
    BASE, ADMIN_USER, ADMIN_PASS, ADMIN_TOKEN: process.env.SJ_ADMIN_TOKEN || '', RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5g. 联合执法 (ticases.mjs): sweep, visit with a photo, a case stepped through.
  if (suite('ticases')) await ticaseChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5h. Public reports (reports.mjs): the public files on a phone, the bureau answers.
  if (suite('reports')) await reportChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5i. The institution registry (institutions.mjs): apply, approve, public lookup.
  if (suite('institutions')) await institutionChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5j. 体质健康 (health.mjs): activity and screening entry, the school's figures, the district view.
  if (suite('health')) await healthChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5k. Exams (exams.mjs): plans checked on the page, levels only, the district view, EX_NO_RANKING sweep.
  if (suite('exams')) await examChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5l. Five managements (checkins.mjs): a parent checks in on a phone, the school and district pages.
  if (suite('checkins')) await checkinChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5l. 满意度调查 (surveys.mjs; issue 15, part SD): a parent answers on a phone, the results.
  if (suite('surveys')) await surveyChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5l. 督导检查与整改 (svvisits.mjs, issue 15 part SC): plan from a link, findings with a photo, notice, answer, overdue, re-visit closes.
  if (suite('svvisits')) await svVisitChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 5l. Supervision (supervision.mjs, issue 15 part SA): scoring on a phone, the school's result, the dashboard printed, the special list.
  if (suite('supervision')) await supervisionChecks({
    BASE, ADMIN_USER, ADMIN_PASS, RUN_ID, DESKTOP, MOBILE, check, assert, shot, newContext,
  });

  // 6. Sign out: back to 登录, and the session is gone on the server.
  await check('sign out returns to login and /api/v1/me answers 401', async () => {
    await go(page, 'home');
    await page.waitForSelector('#logout');
    const [resp] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/session') && r.request().method() === 'DELETE'),
      page.click('#logout'),
    ]);
    assert(resp.status() === 200, 'sign-out answered ' + resp.status() + ' ' + (await resp.text()).slice(0, 200));
    await page.waitForURL(/#\/login/);
    await page.waitForSelector('#login-username');
    const me = await page.request.get(BASE + '/api/v1/me');
    assert(me.status() === 401, '/api/v1/me answered ' + me.status() + ' after sign-out');
  }, 'signedIn');

  // 7. Nothing was blocked by the CSP and no script error was thrown anywhere.
  await check('no CSP violations and no uncaught script errors during the run', async () => {
    assert(csp.length === 0, 'CSP violations: ' + csp.join(' | '));
    assert(pageErrors.length === 0, 'page errors: ' + pageErrors.join(' | '));
  });

  await browser.close();
  finish();
}

main().catch((e) => {
  report(false, 'smoke test crashed', e && e.stack ? e.stack : e);
  finish(1);
});
