// tishared.js - what the institution pages share: the names of categories,
// statuses and qualifications, the GB 32100 credit code check (the server
// checks it again), a refusal with its rule and clause, and the editors of
// an institution's courses and staff.

import { api } from './api.js';
import { h, errorBox, ruleBox, chip } from './dom.js';
import { sendLocked } from './manage.js';

export const CATEGORIES = [['sports', '体育'], ['arts', '文化艺术'], ['science', '科技'], ['other', '其他'], ['subject', '学科类']];
export const SERVES = [['preschool', '学龄前'], ['primary', '小学'], ['junior', '初中'], ['senior', '高中']];
export const STATUSES = [['approved', '已审批'], ['pending', '待审批'], ['refused', '未通过'], ['revoked', '已吊销'], ['unlicensed', '无证经营']];
export const STATUS_KIND = { approved: 'ok', pending: 'warn', refused: 'muted', revoked: 'danger', unlicensed: 'danger' };
export const QUALIFICATIONS = [['teacher', '教师资格证'], ['skill', '专业技能证书'], ['none', '无']];
export const GRADES = [[0, '学龄前'], [1, '一年级'], [2, '二年级'], [3, '三年级'], [4, '四年级'], [5, '五年级'], [6, '六年级'],
  [7, '初一'], [8, '初二'], [9, '初三'], [10, '高一'], [11, '高二'], [12, '高三']];
export const TI_RULES = {
  TI_CREDIT_CODE: '统一社会信用代码不正确',
  TI_PRESCHOOL: '不再审批面向学龄前儿童的校外培训机构',
  TI_SUBJECT: '不再审批面向义务教育阶段学生的学科类校外培训机构',
  TI_CATEGORY: '非学科类机构不得开设学科类课程',
  TI_PREPAY_CAP: '预收费超过上限',
  TI_STANDARDS: '设置标准未逐项核对',
};

export const optName = (opts, k) => (opts.find(([v]) => v === k) || [k, k])[1];
export const statusChip = (st, name) => chip(name || optName(STATUSES, st), STATUS_KIND[st]);
export const gradeText = (g) => (Array.isArray(g) ? (g[0] === g[1] ? optName(GRADES, g[0]) : optName(GRADES, g[0]) + '至' + optName(GRADES, g[1])) : '');

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** Why a unified social credit code is not valid (GB 32100), or null when it is. */
export function creditCodeProblem(s) {
  if (s.length !== 18) return '统一社会信用代码应为 18 位，现在是 ' + s.length + ' 位';
  let sum = 0;
  for (let i = 0; i < 18; i++) {
    const v = ALPHABET.indexOf(s[i]);
    if (v < 0) return '第 ' + (i + 1) + ' 位“' + s[i] + '”不是有效字符（只用数字和大写字母，不含 I、O、S、V、Z）';
    if (i < 17) sum += v * WEIGHTS[i];
  }
  return ALPHABET[(31 - (sum % 31)) % 31] === s[17] ? null : '校验位（第 18 位）不正确，请核对营业执照或登记证书';
}

/** A refusal: for a TI_ rule, its name, the message, what is missing, the code small. */
export function tiErrorBox(err) {
  if (!err || typeof err.code !== 'string' || !err.code.startsWith('TI_')) return errorBox(err);
  const d = err.details || {};
  return ruleBox(err, {
    names: TI_RULES, codeId: 'ti-rule-code',
    extra: [
      typeof d.course === 'number' && d.course >= 0 ? h('p', null, '涉及第 ' + (d.course + 1) + ' 门课程') : null,
      Array.isArray(d.missing) && d.missing.length ? h('p', null, '未核对：' + d.missing.join('、')) : null,
    ],
  });
}

/** The TI_PREPAY_CAP warnings of an answer, as one notice (null when none). */
export function warningsBox(ws) {
  if (!Array.isArray(ws) || !ws.length) return null;
  return h('div', { class: 'alert alert-warn', role: 'status', id: 'ti-warnings' },
    h('p', { class: 'alert-msg' }, '已保存，但以下课程的预收费超过上限（TI_PREPAY_CAP），教育局会看到预警：'),
    h('ul', null, ws.map((w) => h('li', null, (w.course_name || '第 ' + (w.course + 1) + ' 门课程') + '：' + w.message))));
}

/** A write with the form locked; resolves to the answer or null (msg shows why). */
export function tiSend(f, method, path, body) {
  return sendLocked({ root: f.form, btn: f.btn, busyText: '正在提交…', msg: f.msg, signal: f.ctx.signal, errorView: tiErrorBox,
    call: () => api(method, path, { body, signal: f.ctx.signal }) });
}

const sel = (opts, value, attrs) => h('select', attrs, opts.map(([v, t]) => h('option', { value: String(v), selected: String(v) === String(value) }, t)));

/** The prepayment cap from the pack: {months, lessons, amount_yuan} or null. */
export function prepayCap(policy) {
  const r = policy && policy.rules && policy.rules.TI_PREPAY_CAP;
  return r ? r.params : null;
}

/**
 * An editable list of rows (courses or staff): cols [[key, label, make(value)
 * -> input, read(input) -> value]]. Returns {el, values(), problem()}.
 */
function rowsEditor(id, cols, rows, blank, addText) {
  const body = h('div', { class: 'ti-rows', id });
  const list = [];
  function add(v) {
    const inputs = cols.map(([k, label, make]) => {
      const i = make(v[k]);
      i.setAttribute('aria-label', label);
      i.dataset.key = k;
      return i;
    });
    const row = h('div', { class: 'ti-row card' },
      cols.map(([, label], j) => h('label', { class: 'field ti-cell' }, h('span', { class: 'field-label' }, label), inputs[j])),
      h('button', { type: 'button', class: 'btn btn-small no-print', onclick: () => { if (list.length > 1) { row.remove(); list.splice(list.indexOf(entry), 1); } } }, '删除'));
    const entry = { row, inputs };
    list.push(entry);
    body.append(row);
  }
  (rows.length ? rows : [blank]).forEach(add);
  const el = h('div', null, body, h('button', { type: 'button', class: 'btn no-print', id: id + '-add', onclick: () => add(blank) }, addText));
  const values = () => list.map((e) => Object.fromEntries(cols.map(([k, , , read], j) => [k, read(e.inputs[j])])));
  return { el, values };
}

const text = (max, ph) => (v) => h('input', { type: 'text', maxlength: String(max), value: v ?? '', placeholder: ph || '' });
const num = (min, max, step) => (v) => h('input', { type: 'number', min: String(min), max: String(max), step: step || '1', inputmode: 'decimal', value: v ?? '' });
const val = (i) => i.value.trim();
const int = (i) => (i.value === '' ? null : Number(i.value));

/** The courses editor: {el, values(), problem()}. */
export function coursesEditor(id, courses) {
  const ed = rowsEditor(id, [
    ['name', '课程名称', text(50, '如 篮球基础班'), val],
    ['category', '课程类别', (v) => sel(CATEGORIES, v || 'sports'), val],
    ['lo', '起始年级', (v) => sel(GRADES, v ?? 1), (i) => Number(i.value)],
    ['hi', '结束年级', (v) => sel(GRADES, v ?? 6), (i) => Number(i.value)],
    ['fee', '每次收费（元）', num(0, 1000000, '0.01'), val],
    ['lessons', '课时', num(1, 10000), int],
    ['months', '月数', num(1, 120), int],
  ], (courses || []).map((c) => ({ ...c, lo: c.grades[0], hi: c.grades[1] })), { category: 'sports', lo: 1, hi: 6 }, '添加课程');
  ed.courses = () => ed.values().map((c) => ({ name: c.name, category: c.category, grades: [c.lo, c.hi], fee: c.fee, lessons: c.lessons, months: c.months }));
  ed.problem = () => {
    const cs = ed.values();
    for (let i = 0; i < cs.length; i++) {
      const c = cs[i], n = '第 ' + (i + 1) + ' 门课程：';
      if (!c.name) return n + '请填写课程名称';
      if (c.lo > c.hi) return n + '起始年级不能晚于结束年级';
      if (!/^\d{1,7}(\.\d{1,2})?$/.test(c.fee)) return n + '收费应为金额（元），最多两位小数，如 1980.00';
      if (!Number.isInteger(c.lessons) || c.lessons < 1) return n + '请填写课时（正整数）';
      if (!Number.isInteger(c.months) || c.months < 1) return n + '请填写月数（正整数）';
    }
    return null;
  };
  return ed;
}

/** The staff editor. */
export function staffEditor(id, staff) {
  const ed = rowsEditor(id, [
    ['name', '姓名', text(32), val],
    ['qualification', '资质类型', (v) => sel(QUALIFICATIONS, v || 'teacher'), val],
    ['certificate_no', '证书编号', text(64, '无证书可不填'), val],
  ], staff || [], { qualification: 'teacher' }, '添加人员');
  ed.staff = () => ed.values().filter((s) => s.name || s.certificate_no);
  ed.problem = () => {
    const ss = ed.values();
    for (let i = 0; i < ss.length; i++) {
      if (!ss[i].name && ss[i].certificate_no) return '第 ' + (i + 1) + ' 位人员：请填写姓名';
      if (ss[i].name && ss[i].qualification !== 'none' && !ss[i].certificate_no) return '第 ' + (i + 1) + ' 位人员：请填写证书编号，或把资质类型选为“无”';
    }
    return null;
  };
  return ed;
}

/** Courses and staff as read-only tables. */
export function coursesTable(courses) {
  return h('div', { class: 'table-wrap table-surface' }, h('table', { class: 'table table-stack', id: 'ti-courses' },
    h('thead', null, h('tr', null, ['课程', '类别', '年级', '每次收费', '课时', '月数', ''].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, courses.map((c) => h('tr', null,
      h('td', { 'data-label': '课程', class: 'cell-title' }, c.name),
      h('td', { 'data-label': '类别' }, c.category_name),
      h('td', { 'data-label': '年级' }, gradeText(c.grades)),
      h('td', { 'data-label': '每次收费', class: 'num' }, '¥' + c.fee),
      h('td', { 'data-label': '课时', class: 'num' }, String(c.lessons)),
      h('td', { 'data-label': '月数', class: 'num' }, String(c.months)),
      h('td', { 'data-label': '预警' }, c.prepay_warned ? chip('预收费超限', 'danger') : ''))))));
}

export function staffTable(staff) {
  return h('div', { class: 'table-wrap table-surface' }, h('table', { class: 'table table-stack', id: 'ti-staff' },
    h('thead', null, h('tr', null, ['姓名', '资质', '证书编号'].map((t) => h('th', { scope: 'col' }, t)))),
    h('tbody', null, staff.map((s) => h('tr', null,
      h('td', { 'data-label': '姓名', class: 'cell-title' }, s.name),
      h('td', { 'data-label': '资质' }, s.qualification === 'none' ? chip('无资质', 'warn') : s.qualification_name),
      h('td', { 'data-label': '证书编号' }, s.certificate_no || '—'))))));
}

/** An institution's facts as a definition list. */
export function instFacts(x) {
  return h('dl', { class: 'ti-facts' },
    h('dt', null, '统一社会信用代码'), h('dd', null, h('code', null, x.credit_code)),
    h('dt', null, '办学许可证号'), h('dd', null, x.licence_no || '—'),
    h('dt', null, '类别'), h('dd', null, x.category_name),
    h('dt', null, '服务对象'), h('dd', null, (x.serves_names || []).join('、') || '—'),
    h('dt', null, '地址'), h('dd', null, x.address || '—'),
    h('dt', null, '状态'), h('dd', null, statusChip(x.status, x.status_name), x.status_note ? ' ' + x.status_note : ''));
}
