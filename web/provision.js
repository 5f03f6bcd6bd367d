// provision.js - 批量开通账号 (bureau and a school's office): accounts for the
// staff or the guardians of a school, a grade or a class, made from the
// imported records. 试运行 lists who would get one; 开通 (after a dialog
// naming the number) answers the one-time activation codes, shown as
// printable slips (打印: the print stylesheet cuts them into a grid) or
// saved as an Excel sheet; 重新发放激活码 gives the still-pending a new code.

import { api, apiBlob, session, isAbort } from './api.js';
import { h, setChildren, loading, notice, formatInstant } from './dom.js';
import { confirmDialog, lockControls } from './manage.js';
import { apiErrorBox } from './forms.js';
import { schoolDirectory, usersTabs } from './users.js';
import { gradeName } from './org.js';

const ROLES = [['parent', '家长'], ['teacher', '教职工']];

/** The address printed on the slips. */
export const activateUrl = () => location.origin + '/activate';

/** "2026-12-21T20:00:00+08:00" -> "2026-12-21". */
const dateOf = (s) => formatInstant(s).slice(0, 10);

/* ---- the slips ---- */

function slip(it, roleName) {
  const row = (k, v, cls) => h('div', { class: 'slip-row' + (cls ? ' ' + cls : '') }, h('dt', null, k), h('dd', null, v));
  return h('article', { class: 'slip', dataset: { username: it.username } },
    h('header', { class: 'slip-head' },
      h('strong', null, '双减监管平台 · 账号激活单'),
      h('span', { class: 'slip-role' }, roleName)),
    h('dl', { class: 'slip-facts' },
      row('学校', it.school || ''),
      row('班级', it.class || '—'),
      row('姓名', it.name || ''),
      row('用户名', h('code', { class: 'slip-username' }, it.username)),
      row('激活码', h('code', { class: 'slip-code' }, it.code || ''), 'slip-code-row'),
      row('激活网址', h('code', null, activateUrl())),
      row('有效期至', dateOf(it.expires_at))),
    h('p', { class: 'slip-how' },
      '用手机或电脑打开激活网址，填写用户名', roleName === '家长' ? '（或登记的手机号）' : '',
      '和激活码，设置自己的密码后即可登录。激活码只能用一次，请妥善保管，不要转给他人；过期或遗失请找学校重新发放。'));
}

function slipsView(d, role) {
  const roleName = role === 'parent' ? '家长' : '教职工';
  const items = d.items || [];
  const first = items[0];
  return h('div', { class: 'prov-result', id: 'prov-result' },
    h('div', { class: 'card prov-summary no-print', id: 'prov-summary' },
      h('p', { class: 'prov-counts' },
        d.reissued ? h('span', null, '重新发放 ', h('strong', { id: 'prov-reissued' }, String(d.reissued)), ' 人')
          : h('span', null, '新开通 ', h('strong', { id: 'prov-created' }, String(d.created)), ' 人'),
        h('span', null, '已有账号 ', h('strong', { id: 'prov-existing' }, String(d.existing)), ' 人'),
        first ? h('span', null, '有效期至 ', h('strong', null, dateOf(first.expires_at))) : null),
      items.length
        ? notice('激活码只显示这一次：请现在打印激活单。离开本页后无法再看到这些激活码，只能“重新发放激活码”（旧码随即作废）。需要 Excel 文件的，请用“开通并下载 Excel”。', 'warn')
        : notice('没有需要发放激活码的人。', 'info'),
      items.length ? h('div', { class: 'form-actions' },
        h('button', { type: 'button', class: 'btn btn-primary', id: 'prov-print', onclick: () => window.print() }, '打印激活单（' + items.length + ' 张）')) : null),
    items.length ? h('div', { class: 'slips', id: 'prov-slips' }, items.map((it) => slip(it, roleName))) : null);
}

function dryRunView(d, reissue) {
  const items = d.items || [];
  const n = reissue ? d.reissued : d.created;
  return h('div', { class: 'prov-result', id: 'prov-result' },
    h('div', { class: 'card prov-summary', id: 'prov-summary' },
      h('p', { class: 'prov-counts' },
        h('span', null, reissue ? '待激活、将重新发放 ' : '将开通 ', h('strong', { id: 'prov-dry-count' }, String(n)), ' 人'),
        h('span', null, '已有账号 ', h('strong', { id: 'prov-existing' }, String(d.existing)), ' 人')),
      notice('这是试运行：没有保存任何数据，也没有生成激活码。', 'info')),
    items.length ? h('div', { class: 'table-wrap' },
      h('table', { class: 'table table-stack', id: 'prov-dry-table' },
        h('thead', null, h('tr', null, ['姓名', '用户名', '班级'].map((t) => h('th', { scope: 'col' }, t)))),
        h('tbody', null, items.map((it) => h('tr', null,
          h('td', { 'data-label': '姓名' }, it.name),
          h('td', { 'data-label': '用户名' }, h('code', null, it.username)),
          h('td', { 'data-label': '班级' }, it.class || '—')))))) : null);
}

/* ---- the form ---- */

function download(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function renderProvision(main, ctx) {
  const me = session.user || {};
  const admin = me.role === 'district_admin';
  const out = h('div', { class: 'prov-out', 'aria-live': 'polite' });
  const formBox = h('div', null, loading());
  setChildren(main,
    h('section', { class: 'page page-provision' },
      h('h1', { class: 'page-title no-print' }, '批量开通账号'),
      h('div', { class: 'no-print' }, usersTabs('provision')),
      h('p', { class: 'page-lead no-print' },
        '按已导入的教职工、监护人名单开通账号：每人一个用户名（教职工为工号，家长为手机号）和一个激活码，本人用激活码设置密码。',
        '激活码只在开通时显示一次，有效期印在每张激活单上；遗失或过期可“重新发放激活码”。'),
      formBox, out));

  let dir;
  try {
    dir = await schoolDirectory(ctx.signal);
  } catch (e) {
    if (!isAbort(e) && !ctx.signal.aborted) setChildren(formBox, apiErrorBox(e));
    return;
  }
  if (ctx.signal.aborted) return;
  const own = me.school_id === null || me.school_id === undefined ? '' : String(me.school_id);
  const ownSchool = dir.find((s) => String(s.id) === own);

  const roleInputs = ROLES.map(([v], i) => h('input', { type: 'radio', name: 'prov-role', id: 'prov-role-' + v, value: v, checked: i === 0 }));
  const school = admin
    ? h('select', { id: 'prov-school' }, h('option', { value: '' }, '请选择学校'), dir.map((s) => h('option', { value: String(s.id) }, s.name)))
    : null;
  const grade = h('select', { id: 'prov-grade' }, h('option', { value: '' }, '全部年级'));
  const klass = h('select', { id: 'prov-class' }, h('option', { value: '' }, '全部班级'));
  const msg = h('div', { class: 'form-msg', id: 'prov-msg', 'aria-live': 'assertive' });
  const btnDry = h('button', { type: 'button', class: 'btn', id: 'prov-dry' }, '试运行');
  const btnRun = h('button', { type: 'button', class: 'btn btn-primary', id: 'prov-run' }, '开通');
  const btnXlsx = h('button', { type: 'button', class: 'btn', id: 'prov-xlsx' }, '开通并下载 Excel');
  const btnReissue = h('button', { type: 'button', class: 'btn btn-danger-quiet', id: 'prov-reissue' }, '重新发放激活码');
  let classes = [];

  const schoolId = () => (admin ? school.value : own);
  const schoolName = () => ((dir.find((s) => String(s.id) === schoolId()) || {}).name || '');
  const role = () => (roleInputs.find((r) => r.checked) || roleInputs[0]).value;

  function fillClasses() {
    const g = grade.value;
    const keep = klass.value;
    const list = classes.filter((c) => !g || String(c.grade) === g);
    setChildren(klass, h('option', { value: '' }, g ? '本年级全部班级' : '全部班级'), list.map((c) => h('option', { value: String(c.id) }, c.name)));
    if (list.some((c) => String(c.id) === keep)) klass.value = keep;
  }
  async function loadClasses() {
    classes = [];
    setChildren(grade, h('option', { value: '' }, '全部年级'));
    fillClasses();
    if (!schoolId()) return;
    try {
      const d = await api('GET', '/api/v1/classes', { query: { school_id: schoolId(), limit: 500 }, signal: ctx.signal });
      classes = d.items || [];
    } catch (e) {
      if (!isAbort(e) && !ctx.signal.aborted) setChildren(msg, apiErrorBox(e));
      return;
    }
    const grades = [...new Set(classes.map((c) => c.grade))].sort((a, b) => a - b);
    setChildren(grade, h('option', { value: '' }, '全部年级'), grades.map((g) => h('option', { value: String(g) }, gradeName(g))));
    fillClasses();
  }
  grade.addEventListener('change', fillClasses);
  if (school) school.addEventListener('change', () => { out.replaceChildren(); loadClasses(); });
  for (const r of roleInputs) r.addEventListener('change', () => out.replaceChildren());

  const scopeText = () => {
    const c = classes.find((x) => String(x.id) === klass.value);
    return schoolName() + (c ? ' ' + c.name : grade.value ? ' ' + gradeName(Number(grade.value)) : '') +
      ' 的' + (role() === 'parent' ? '家长' : '教职工');
  };
  function body(extra) {
    const b = { role: role(), school_id: Number(schoolId()) };
    if (grade.value) b.grade = Number(grade.value);
    if (klass.value) b.class_id = Number(klass.value);
    return { ...b, ...extra };
  }
  function ready() {
    msg.replaceChildren();
    if (!schoolId()) {
      setChildren(msg, notice('请先选择学校。', 'error'));
      if (school) school.focus();
      return false;
    }
    return true;
  }
  /** One call with the form's controls locked; null when it failed (shown) or the page was left. */
  async function send(fn) {
    const unlock = lockControls(form);
    try {
      return await fn();
    } catch (e) {
      if (!isAbort(e) && !ctx.signal.aborted) setChildren(msg, apiErrorBox(e));
      return null;
    } finally {
      if (!ctx.signal.aborted) unlock();
    }
  }
  const provision = (extra) => api('POST', '/api/v1/accounts/provision', { body: body(extra), signal: ctx.signal });

  btnDry.addEventListener('click', async () => {
    if (!ready()) return;
    setChildren(out, loading('正在试运行…'));
    const d = await send(() => provision({ dry_run: true }));
    if (d) setChildren(out, dryRunView(d, false));
    else out.replaceChildren();
  });

  /** 开通 / 开通并下载 / 重新发放: count first (a dry run), then the dialog naming the number. */
  async function run(kind) {
    if (!ready()) return;
    const reissue = kind === 'reissue';
    const counted = await send(() => provision({ dry_run: true, ...(reissue ? { reissue: true } : {}) }));
    if (!counted) return;
    const n = reissue ? counted.reissued : counted.created;
    if (!n) {
      setChildren(out, dryRunView(counted, reissue));
      setChildren(msg, notice(reissue ? scopeText() + '没有待激活的账号，不需要重新发放。' : scopeText() + '都已有账号（' + counted.existing + ' 人），没有需要开通的人。', 'info'));
      return;
    }
    const titles = { run: '开通账号', xlsx: '开通账号并下载 Excel', reissue: '重新发放激活码' };
    const text = reissue
      ? '将为 ' + n + ' 人重新发放激活码（' + scopeText() + '中尚未激活的账号）。'
      : '将为 ' + n + ' 人开通账号（' + scopeText() + '）。';
    const note = reissue ? '他们手上原来的激活码将立即作废。新的激活码只显示这一次。'
      : kind === 'xlsx' ? '激活码只在这份 Excel 文件中，请妥善保存；本页不再显示。' : '开通后激活码只在本页显示这一次，请及时打印或下载。';
    const d = await confirmDialog({
      title: titles[kind],
      tone: reissue ? undefined : 'primary',
      body: [h('p', { id: 'prov-confirm-text' }, h('strong', null, text)), h('p', { class: 'field-hint' }, note)],
      confirmText: reissue ? '重新发放' : kind === 'xlsx' ? '开通并下载' : '开通',
      busyText: '正在开通…',
      signal: ctx.signal,
      errorView: apiErrorBox,
      action: () => (kind === 'xlsx'
        ? apiBlob('POST', '/api/v1/accounts/provision.xlsx', { body: body(), signal: ctx.signal })
        : provision(reissue ? { reissue: true } : {})),
    });
    if (!d || ctx.signal.aborted) return;
    if (kind === 'xlsx') {
      const scope = scopeText().replace(/\s+/g, '_');
      download(d.blob, '开通账号_' + scope + '.xlsx');
      setChildren(out, notice('已开通 ' + n + ' 人，Excel 文件已下载（' + scopeText() + '）。激活码只在这份文件里，请妥善保存、打印后分发。', 'success'));
      return;
    }
    setChildren(out, slipsView(d, role()));
  }
  btnRun.addEventListener('click', () => run('run'));
  btnXlsx.addEventListener('click', () => run('xlsx'));
  btnReissue.addEventListener('click', () => run('reissue'));

  const form = h('form', { class: 'card prov-form no-print', id: 'prov-form', novalidate: true },
    h('fieldset', { class: 'kind-picker' },
      h('legend', null, '对象'),
      h('div', { class: 'segmented segmented-2' },
        ROLES.map(([v, t], i) => h('label', { class: 'segment', for: roleInputs[i].id }, roleInputs[i], h('span', null, t))))),
    h('div', { class: 'prov-grid' },
      h('div', { class: 'field' }, h('label', { for: admin ? 'prov-school' : 'prov-school-fixed' }, '学校'),
        admin ? school : h('p', { class: 'prov-fixed', id: 'prov-school-fixed' }, ownSchool ? ownSchool.name : '本校')),
      h('div', { class: 'field' }, h('label', { for: 'prov-grade' }, '年级（可选）'), grade),
      h('div', { class: 'field' }, h('label', { for: 'prov-class' }, '班级（可选）'), klass)),
    h('p', { class: 'field-hint prov-hint' }, '家长：所选范围内学生的监护人（一个手机号一个账号）；教职工：在所选年级或班级任教、担任班主任的教职工。已有账号的人不会重复开通。'),
    msg,
    h('div', { class: 'form-actions prov-actions' }, btnDry, btnRun, btnXlsx, btnReissue));
  form.addEventListener('submit', (ev) => ev.preventDefault());
  setChildren(formBox, form);
  loadClasses();
}
