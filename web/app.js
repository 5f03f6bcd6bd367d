// app.js - entry point: the shell (header, navigation), hash routing and the
// session check. Pages live in their own modules.

import { api, session, setSession, clearSession, onUnauthorized, loadPolicy, roleName, isAbort } from './api.js';
import { h, setChildren, errorBox, notice } from './dom.js';
import { renderLogin } from './login.js';
import { renderHome } from './home.js';
import { renderPolicy } from './policy.js';
import { renderAudit } from './audit.js';
import { renderUsers } from './users.js';
import { renderSchools, renderSchool } from './schools.js';
import { renderClass, renderMyClasses, renderChildren } from './classes.js';
import { renderCalendar } from './calendar.js';
import { renderImport } from './import.js';
import { renderAssign } from './homework.js';
import { renderFollowups, renderEstimates } from './hwfollow.js';
import { renderChildHomework } from './hwparent.js';
import { renderStats, renderPending, renderSettings } from './hwstats.js';
import { renderDifficulty } from './hwdifficulty.js'; // issue 12: HW_DIFFICULTY
import { renderAsMetrics, renderAsPlan, renderAsPrograms } from './asschool.js';
import { renderAsApplications, renderAsSessions, renderAsAlerts } from './asapps.js';
import { renderAsToday, renderAsSession } from './asteacher.js';
import { renderAsApply } from './asparent.js';
import { renderAsSafety, renderAsHours, renderAsDistrict } from './asinspect.js';
import { renderTransfers } from './transfers.js';
import { renderActivate } from './activate.js';
import { renderAccount } from './account.js';
import { renderProvision } from './provision.js';
import { renderTiCases, renderTiCase } from './ticase.js';
import { renderTiSweeps, renderTiSweep, renderTiVisit, renderTiVisitView } from './ticasevisit.js';
import { renderReports, renderReport, renderEthics, renderMyEthics, renderParentReport } from './reports.js';
import { renderTiApply } from './tiapply.js';
import { renderTi, renderTiOne } from './tibureau.js';
import { renderHealth, renderHealthDistrict } from './health.js'; // health (issue 14, part HE)
import { renderHealthEntry } from './healthentry.js';
// exams (issue 14, part EX)
import { renderSvVisits, renderSvVisit } from './svvisit.js'; // supervision visits (issue 15, part SC)
import { renderSvNotices, renderSvNotice, renderSvOverdue } from './svvisitnotice.js';
import { renderExams, renderExam } from './exam.js';
import { renderExamDistrict } from './examdistrict.js';
// five managements, check-ins (issue 14, part CK)
import { renderCheckins } from './fmparent.js';
import { renderFmSchool } from './fmschool.js';
import { renderFmDistrict } from './fmdistrict.js';
// satisfaction surveys (issue 15, part SD)
import { renderSurveys, renderSurvey } from './survey.js';
import { renderMySurveys } from './surveyanswer.js';
// 督导评估 (issue 15, part SA)
import { renderSvRounds, renderSvRound, renderSvSchool } from './sv.js';
import { renderSvScore } from './svscore.js';
import { renderSvDashboard, renderSvSpecial } from './svdash.js';

const PRODUCT = '双减监管平台';

const ORG_READERS = ['district_admin', 'inspector', 'principal', 'academic_office', 'teacher', 'parent'];
const SCHOOL_VIEWERS = ['district_admin', 'inspector', 'principal', 'academic_office'];
const IMPORTERS = ['district_admin', 'principal', 'academic_office'];
const SCHOOL_OFFICE = ['principal', 'academic_office'];
const BUREAU = ['district_admin', 'inspector'];

/**
 * The route table: one line per page. roles: who may open it (null = any
 * signed-in user). A route with `detail` also answers "#/name/{id}" and gets
 * the id as ctx.id; `under` names the nav entry a page belongs to.
 */
const ROUTES = {
  login: { title: '登录', public: true, render: renderLogin },
  activate: { title: '激活账号', public: true, render: renderActivate },
  home: { title: '首页', nav: '首页', render: renderHome },
  schools: { title: '学校', nav: (u) => (u.role === 'principal' || u.role === 'academic_office' ? '本校' : '学校'), roles: SCHOOL_VIEWERS, render: renderSchools, detail: renderSchool, detailTitle: '学校详情' },
  'my-classes': { title: '我的班级', nav: '我的班级', roles: ['teacher'], render: renderMyClasses },
  children: { title: '我的孩子', nav: '我的孩子', roles: ['parent'], render: renderChildren },
  homework: { title: '布置作业', nav: '布置作业', roles: ['teacher'], render: renderAssign },
  'hw-estimates': { title: '我的估计', roles: ['teacher'], render: renderEstimates, under: 'homework' },
  'child-homework': { title: '孩子作业', nav: '孩子作业', roles: ['parent'], render: renderChildHomework },
  'hw-stats': { title: '作业统计', nav: '作业统计', roles: SCHOOL_VIEWERS, render: renderStats },
  'hw-pending': { title: '待审核作业', roles: ['teacher', ...SCHOOL_OFFICE], render: renderPending, under: hwNav },
  'hw-followups': { title: '作业跟进', roles: ['teacher', ...SCHOOL_OFFICE], render: renderFollowups, under: hwNav },
  'hw-settings': { title: '作业设置', roles: SCHOOL_OFFICE, render: renderSettings, under: 'hw-stats' },
  'hw-difficulty': { title: '课标抽查', roles: ['teacher', ...SCHOOL_OFFICE], render: renderDifficulty, under: hwNav }, // issue 12
  classes: { title: '班级', roles: ORG_READERS, detail: renderClass, under: classNav },
  afterschool: { title: '课后服务', nav: (u) => (BUREAU.includes(u.role) ? null : '课后服务'), roles: SCHOOL_VIEWERS, render: renderAsMetrics, under: asNav },
  'as-plan': { title: '服务方案', roles: SCHOOL_OFFICE, render: renderAsPlan, under: 'afterschool' },
  'as-programs': { title: '课程菜单', roles: SCHOOL_OFFICE, render: renderAsPrograms, under: 'afterschool' },
  'as-applications': { title: '报名与分配', roles: SCHOOL_OFFICE, render: renderAsApplications, under: 'afterschool' },
  'as-sessions': { title: '活动安排', roles: SCHOOL_OFFICE, render: renderAsSessions, under: 'afterschool' },
  'as-safety': { title: '安全检查与事件', roles: SCHOOL_OFFICE, render: renderAsSafety, under: 'afterschool' },
  'as-hours': { title: '弹性上下班', roles: SCHOOL_OFFICE, render: renderAsHours, under: 'afterschool' },
  'as-alerts': { title: '交接预警', roles: SCHOOL_OFFICE, render: renderAsAlerts, under: 'afterschool' },
  'as-today': { title: '今日课后服务', nav: '课后服务', roles: ['teacher'], render: renderAsToday },
  'as-session': { title: '课后服务活动', roles: ['teacher', ...SCHOOL_OFFICE], detail: renderAsSession, under: asNav },
  'as-apply': { title: '课后服务报名', nav: '课后服务', roles: ['parent'], render: renderAsApply },
  'as-district': { title: '课后服务（全区）', nav: '课后服务', roles: BUREAU, render: renderAsDistrict },
  calendar: { title: '学期与校历', nav: '校历', render: renderCalendar },
  transfers: { title: '转学与调动', nav: '转学调动', roles: SCHOOL_VIEWERS, render: renderTransfers },
  import: { title: '数据导入', nav: '数据导入', roles: IMPORTERS, render: renderImport },
  policy: { title: '政策', nav: '政策', render: renderPolicy },
  audit: { title: '审计日志', nav: '审计日志', roles: ['district_admin', 'inspector'], render: renderAudit },
  users: { title: '用户管理', nav: '用户管理', roles: IMPORTERS, render: renderUsers },
  provision: { title: '批量开通账号', roles: IMPORTERS, render: renderProvision, under: 'users' },
  account: { title: '我的账号', render: renderAccount },
  // 联合执法 (institutions pillar, part B)
  'ti-cases': { title: '联合执法', nav: '联合执法', roles: ['enforcement', 'district_admin', 'inspector'], render: renderTiCases, detail: renderTiCase, detailTitle: '处罚案件' },
  'ti-sweeps': { title: '常态化排查', roles: ['enforcement', 'district_admin', 'inspector'], render: renderTiSweeps, detail: renderTiSweep, detailTitle: '排查详情', under: 'ti-cases' },
  'ti-visit': { title: '登记检查', roles: ['enforcement', 'district_admin'], render: renderTiVisit, detail: renderTiVisitView, detailTitle: '检查记录', under: 'ti-cases' },
  reports: { title: '举报线索', nav: '举报线索', roles: [...BUREAU, 'enforcement', ...SCHOOL_OFFICE], render: renderReports },
  report: { title: '举报', roles: [...BUREAU, 'enforcement', ...SCHOOL_OFFICE], detail: renderReport, under: 'reports' },
  ethics: { title: '师德师风', nav: (u) => (SCHOOL_OFFICE.includes(u.role) ? '师德师风' : null), roles: [...BUREAU, ...SCHOOL_OFFICE], render: renderEthics, under: (u) => (u && SCHOOL_OFFICE.includes(u.role) ? 'ethics' : 'reports') },
  'my-ethics': { title: '我的师德记录', roles: ['teacher'], render: renderMyEthics },
  'report-issue': { title: '问题反映', nav: '问题反映', roles: ['parent'], render: renderParentReport },
  'ti-apply': { title: '机构备案与审批', nav: '机构备案', roles: ['institution'], render: renderTiApply },
  ti: { title: '校外培训机构', nav: '培训机构', roles: ['district_admin', 'inspector', 'enforcement'], render: renderTi, detail: renderTiOne, detailTitle: '机构详情' },
  // 体质健康 (issue 14, part HE): activity, fitness, vision
  health: { title: '体质健康', nav: (u) => (BUREAU.includes(u.role) ? null : '体质健康'), roles: SCHOOL_VIEWERS, render: renderHealth, under: (u) => (u && BUREAU.includes(u.role) ? 'health-district' : 'health') },
  'health-district': { title: '体质健康（全区）', nav: '体质健康', roles: BUREAU, render: renderHealthDistrict },
  'health-entry': { title: '体育活动与视力筛查', nav: (u) => (u.role === 'teacher' ? '体育与视力' : null), roles: ['teacher', ...SCHOOL_OFFICE], render: renderHealthEntry, under: (u) => (u && u.role === 'teacher' ? 'health-entry' : 'health') },
  // 考试 (issue 14, part EX)
  exams: { title: '考试安排', nav: (u) => (BUREAU.includes(u.role) ? null : '考试安排'), roles: [...SCHOOL_VIEWERS, 'teacher'], render: renderExams, detail: renderExam, detailTitle: '考试结果（等级）', under: (u) => (u && BUREAU.includes(u.role) ? 'exam-district' : 'exams') },
  'exam-district': { title: '考试管理（全区）', nav: '考试管理', roles: BUREAU, render: renderExamDistrict },
  // five managements, check-ins (issue 14, part CK)
  checkins: { title: '每周填报', nav: '每周填报', roles: ['parent'], render: renderCheckins },
  fm: { title: '五项管理', nav: (u) => (SCHOOL_OFFICE.includes(u.role) ? '五项管理' : null), roles: [...BUREAU, ...SCHOOL_OFFICE], render: renderFmSchool, under: (u) => (u && BUREAU.includes(u.role) ? 'fm-district' : 'fm') },
  'fm-district': { title: '五项管理（全区）', nav: '五项管理', roles: BUREAU, render: renderFmDistrict },
  // 满意度调查 (issue 15, part SD)
  surveys: { title: '满意度调查', nav: '满意度调查', roles: SCHOOL_VIEWERS, render: renderSurveys },
  survey: { title: '满意度调查结果', roles: SCHOOL_VIEWERS, detail: renderSurvey, detailTitle: '满意度调查结果', under: 'surveys' },
  'my-surveys': { title: '满意度调查', nav: '满意度调查', roles: ['parent', 'teacher'], render: renderMySurveys },
  // 督导检查与整改 (issue 15, part SC)
  'sv-visits': { title: '督导检查', nav: (u) => (BUREAU.includes(u.role) ? '督导检查' : null), roles: [...BUREAU, ...SCHOOL_OFFICE], render: renderSvVisits, detail: renderSvVisit, detailTitle: '督导检查记录', under: (u) => (u && SCHOOL_OFFICE.includes(u.role) ? 'sv-notices' : 'sv-visits') },
  'sv-notices': { title: '整改通知', nav: (u) => (SCHOOL_OFFICE.includes(u.role) ? '整改通知' : null), roles: [...BUREAU, ...SCHOOL_OFFICE], render: renderSvNotices, detail: renderSvNotice, detailTitle: '整改通知', under: (u) => (u && BUREAU.includes(u.role) ? 'sv-visits' : 'sv-notices') },
  'sv-overdue': { title: '逾期整改', roles: BUREAU, render: renderSvOverdue, under: 'sv-visits' },
  // 督导评估 (issue 15, part SA)
  sv: { title: '督导评估', nav: '督导评估', roles: SCHOOL_VIEWERS, render: renderSvRounds, detail: renderSvRound, detailTitle: '督导评估' },
  'sv-school': { title: '学校督导评估结果', roles: SCHOOL_VIEWERS, render: renderSvSchool, under: 'sv' },
  'sv-score': { title: '督导评定', roles: BUREAU, render: renderSvScore, under: 'sv' },
  'sv-dashboard': { title: '督导评估看板', roles: BUREAU, render: renderSvDashboard, under: 'sv' },
  'sv-special': { title: '专项督导名单', roles: BUREAU, render: renderSvSpecial, under: 'sv' },
};

/** A homework page both teachers and the school office open sits under 布置作业 or 作业统计. */
function hwNav(user) {
  return user && user.role === 'teacher' ? 'homework' : 'hw-stats';
}

/** An after-school page sits under the role's 课后服务 entry. */
function asNav(user) {
  if (user && user.role === 'teacher') return 'as-today';
  return user && BUREAU.includes(user.role) ? 'as-district' : 'afterschool';
}

/** A class page sits under 我的班级, 我的孩子 or 学校, by role. */
function classNav(user) {
  if (user && user.role === 'teacher') return 'my-classes';
  if (user && user.role === 'parent') return 'children';
  return 'schools';
}

export function canOpen(name, user = session.user) {
  const r = ROUTES[name];
  if (!r) return false;
  if (r.public) return true;
  if (!user) return false;
  return !r.roles || r.roles.includes(user.role);
}

const el = {
  main: document.getElementById('app'),
  nav: document.getElementById('nav'),
  userbox: document.getElementById('userbox'),
  userName: document.getElementById('user-name'),
  userLink: document.getElementById('user-link'),
  userRole: document.getElementById('user-role'),
  logout: document.getElementById('logout'),
  district: document.getElementById('district'),
  flash: document.getElementById('flash'),
};

let returnTo = null; // where to go after signing in
let pageAbort = null; // aborts the previous page's requests
let flashText = null;

/** Parse "#/audit?action=x" into {name, params}; "#/schools/12" gives id "12". */
function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const pathPart = (q < 0 ? raw : raw.slice(0, q)) || '';
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const parts = pathPart.split('/');
  const name = parts[0] || '';
  const id = parts.length === 2 && /^[1-9]\d{0,17}$/.test(parts[1]) ? parts[1] : null;
  const bad = parts.length > 2 || (parts.length === 2 && !id);
  return { name, params, id, bad };
}

/** Go to a route; params is an object of query values (empty ones dropped). */
export function navigate(name, params, replace) {
  let hash = '#/' + name;
  if (params) {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v !== '' && v !== null && v !== undefined) qs.set(k, String(v));
    const s = qs.toString();
    if (s) hash += '?' + s;
  }
  if (location.hash === hash) {
    route();
  } else if (replace) {
    location.replace(hash);
  } else {
    location.hash = hash;
  }
}

/** The browser tab's title: "<page> - 双减监管平台". */
export function setTitle(t) {
  document.title = t + ' - ' + PRODUCT;
}

/** Show a one-time message at the top of the next page. */
export function flash(text) {
  flashText = text;
}

function renderHeader(current) {
  const u = session.user;
  if (!u) {
    el.userbox.hidden = true;
    el.nav.hidden = true;
    el.nav.replaceChildren();
    el.district.textContent = '';
    if (navMore.right) navHint();
    return;
  }
  el.userbox.hidden = false;
  el.userName.textContent = u.display_name || u.username;
  el.userRole.textContent = roleName(u.role, u.role_name);
  if (current === 'account') el.userLink.setAttribute('aria-current', 'page');
  else el.userLink.removeAttribute('aria-current');
  el.district.textContent = session.policy && session.policy.district ? session.policy.district : '';
  // A nav function answering null keeps the page out of this role's menu.
  const links = Object.entries(ROUTES)
    .filter(([name, r]) => r.nav && canOpen(name, u))
    .map(([name, r]) => [name, typeof r.nav === 'function' ? r.nav(u) : r.nav])
    .filter(([, label]) => label)
    .map(([name, label]) => h('a', { href: '#/' + name, class: 'nav-link', 'aria-current': name === current ? 'page' : null }, label));
  setChildren(el.nav, links);
  el.nav.hidden = false;
  navHint();
  const cur = el.nav.querySelector('[aria-current="page"]');
  if (cur && el.nav.scrollWidth > el.nav.clientWidth) {
    if (cur === el.nav.firstElementChild) el.nav.scrollLeft = 0;
    else cur.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }
}

/*
 * On a phone the menu scrolls sideways: say so. A fade and a ‹ / › button
 * appear on the side where entries are hidden; the button scrolls the menu.
 */
const navMore = { left: null, right: null };
function navHint() {
  if (!navMore.right) {
    const mk = (side, text, label) => {
      const b = h('button', { type: 'button', class: 'nav-more nav-more-' + side, id: 'nav-more-' + side, 'aria-label': label, hidden: true }, text);
      b.addEventListener('click', () => el.nav.scrollBy({ left: (side === 'right' ? 1 : -1) * el.nav.clientWidth * 0.7, behavior: 'smooth' }));
      el.nav.after(b);
      return b;
    };
    navMore.left = mk('left', '‹', '菜单向左滚动');
    navMore.right = mk('right', '›', '还有更多菜单项，向右滚动');
    el.nav.addEventListener('scroll', navHint, { passive: true });
    window.addEventListener('resize', navHint);
  }
  const n = el.nav;
  // 12px: the menu's own 8px padding is not a hidden entry.
  const left = !n.hidden && n.scrollLeft > 12;
  const right = !n.hidden && n.scrollLeft + n.clientWidth < n.scrollWidth - 12;
  navMore.left.hidden = !left;
  navMore.right.hidden = !right;
  n.classList.toggle('nav-fade-left', left);
  n.classList.toggle('nav-fade-right', right);
}

function forbiddenPage(main) {
  setChildren(main,
    h('section', { class: 'page' },
      h('h1', { class: 'page-title' }, '无权访问'),
      notice('您当前的角色无权查看此页面。如需开通，请联系区教育局管理员。', 'warn'),
      h('p', null, h('a', { href: '#/home', class: 'btn' }, '返回首页'))));
}

function route() {
  const { name, params, id, bad } = parseHash();
  const r0 = ROUTES[name];
  if (!r0 || bad || (id && !r0.detail) || (!id && !r0.render)) {
    navigate(session.user ? 'home' : 'login', null, true);
    return;
  }
  const r = id ? { ...r0, title: r0.detailTitle || r0.title, render: r0.detail } : r0;
  if (!r.public && !session.user) {
    returnTo = location.hash;
    navigate('login', null, true);
    return;
  }
  if (name === 'login' && session.user) {
    navigate('home', null, true);
    return;
  }

  if (pageAbort) pageAbort.abort();
  pageAbort = new AbortController();
  const ctx = { signal: pageAbort.signal, params, id, navigate, flash, signedIn, signedOutEverywhere, canOpen, setTitle };

  setTitle(r.title);
  renderHeader(typeof r.under === 'function' ? r.under(session.user) : r.under || name);
  el.flash.replaceChildren();
  if (flashText) {
    el.flash.append(notice(flashText, 'info'));
    flashText = null;
  }
  el.main.replaceChildren();
  if (!canOpen(name)) {
    forbiddenPage(el.main);
    return;
  }
  try {
    const p = r.render(el.main, ctx);
    if (p && typeof p.catch === 'function') {
      p.catch((e) => {
        if (!isAbort(e) && !ctx.signal.aborted) setChildren(el.main, errorBox(e));
      });
    }
  } catch (e) {
    setChildren(el.main, errorBox(e));
  }
  // Move focus to the page for screen readers and keyboard users, without scrolling jumps.
  el.main.focus({ preventScroll: true });
  window.scrollTo(0, 0);
}

/**
 * Called by the login and activation pages once the server accepted the
 * credentials; target (a hash) overrides the page the user came from.
 */
export function signedIn(data, target) {
  setSession(data);
  // The district name in the header comes from the policy pack.
  loadPolicy().then(() => renderHeader(currentNav()), () => {});
  const next = target || (returnTo && !/^#\/?(login|activate)/.test(returnTo) ? returnTo : '#/home');
  returnTo = null;
  if (location.hash === next) route();
  else location.hash = next;
}

function currentNav() {
  const r = ROUTES[parseHash().name];
  if (!r) return parseHash().name;
  return typeof r.under === 'function' ? r.under(session.user) : r.under || parseHash().name;
}

async function signOut() {
  el.logout.disabled = true;
  try {
    await api('DELETE', '/api/v1/session', { noAuthRedirect: true });
  } catch (e) {
    if (e.status !== 401) {
      el.flash.replaceChildren(errorBox(e));
      el.logout.disabled = false;
      return;
    }
  }
  el.logout.disabled = false;
  clearSession();
  returnTo = null;
  flash('您已安全退出。');
  navigate('login');
}

onUnauthorized(() => {
  if (!session.user) return;
  clearSession();
  returnTo = location.hash;
  flash('登录已过期，请重新登录。');
  navigate('login', null, true);
});

/** Signed out by the server (我的账号 在所有设备上退出): back to 登录 with a word why. */
function signedOutEverywhere(text) {
  clearSession();
  returnTo = null;
  flash(text);
  navigate('login');
}

async function boot() {
  el.logout.addEventListener('click', signOut);
  // /activate, the address printed on the activation slips, opens the activation page.
  if (location.pathname === '/activate') {
    const keep = /^#\/?[a-z]/.test(location.hash) ? location.hash : '#/activate';
    history.replaceState(null, '', '/' + keep);
  }
  try {
    const me = await api('GET', '/api/v1/me', { noAuthRedirect: true });
    setSession(me);
    loadPolicy().then(() => renderHeader(currentNav()), () => {});
  } catch (e) {
    if (e.status !== 401) flash(e.message);
  }
  window.addEventListener('hashchange', route);
  route();
}

boot();
